/*
 * test_roundtrip.c — property test: for a large generated corpus of
 * expressions, parsing the InputForm of an expression gives the same
 * expression back (Hold'ed, so nothing evaluates).  Also checks that
 * printing the re-parsed expression gives the same text.
 *
 * The generator produces structures the parser can produce: Plus and Times
 * arguments in canonical order, no Rational/Complex atoms (their InputForm
 * 1/3 parses as Times[1, Power[3, -1]], by design).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lyra_ext.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next(void) {          /* xorshift64* */
    rng ^= rng >> 12; rng ^= rng << 25; rng ^= rng >> 27;
    return rng * 2685821657736338717ull;
}
static unsigned pick(unsigned n) { return (unsigned)(next() % n); }

static const char *syms[] = { "x", "y", "z", "f", "g", "abc", "a$1", "True", "List" };
static const char *heads2[] = {
    "Plus", "Times", "Power", "Rule", "RuleDelayed", "Set", "SetDelayed", "Equal", "Less",
    "And", "Or", "SameQ", "ReplaceAll", "Map", "Apply", "StringJoin", "Dot", "Alternatives",
    "Condition", "PatternTest", "Unequal", "GreaterEqual", "ReplaceRepeated", "Span", "AddTo"
};

static LyExpr gen(LyVM *vm, int depth) {
    unsigned k = depth <= 0 ? pick(5) : pick(14);
    switch (k) {
    case 0: return ly_mksmall((int64_t)pick(2000) - 1000);
    case 1: return ly_symbol(vm, syms[pick(sizeof syms / sizeof *syms)]);
    case 2: { static const double r[] = { 0.5, 1.0, -2.25, 1e20, 3.0e-7, 123.456 };
              return ly_real(vm, r[pick(6)]); }
    case 3: { static const char *s[] = { "", "abc", "a\"b", "line\nbreak", "tab\t", "\\" };
              return ly_cstring(vm, s[pick(6)]); }
    case 4: return ly_int_parse(vm, "123456789012345678901234567890", 10);
    case 5: case 6: case 7: {
        const char *h = heads2[pick(sizeof heads2 / sizeof *heads2)];
        size_t n = 2;
        if (!strcmp(h, "Plus") || !strcmp(h, "Times") || !strcmp(h, "And") || !strcmp(h, "Or") ||
            !strcmp(h, "StringJoin") || !strcmp(h, "Alternatives")) n = 2 + pick(2);
        LyExpr e = ly_mknormal(vm, ly_symbol(vm, h), n);
        for (size_t i = 1; i <= n; i++) ly_nset(e, i, gen(vm, depth - 1));
        if (!strcmp(h, "Plus") || !strcmp(h, "Times")) {
            /* canonical order, no nested same head (the parser flattens) */
            for (size_t i = 1; i <= n; i++)
                if (ly_head_is(ly_narg(e, i), ly_nhead(e)) || ly_is_number(ly_narg(e, i))) {
                    ly_unref(vm, ly_narg(e, i));
                    ly_nset(e, i, ly_symbol(vm, syms[pick(3)]));
                }
            for (size_t i = 1; i < n; i++)
                for (size_t j = i + 1; j <= n; j++)
                    if (ly_order(ly_narg(e, i), ly_narg(e, j)) > 0) {
                        LyExpr t = ly_narg(e, i); ly_nset(e, i, ly_narg(e, j)); ly_nset(e, j, t);
                    }
        }
        if (!strcmp(h, "And") || !strcmp(h, "Or") || !strcmp(h, "StringJoin") ||
            !strcmp(h, "Alternatives") || !strcmp(h, "Dot") || !strcmp(h, "Equal") ||
            !strcmp(h, "Less") || !strcmp(h, "SameQ") || !strcmp(h, "Unequal") ||
            !strcmp(h, "GreaterEqual")) {
            /* flat or chained operators: avoid nesting the same head directly */
            for (size_t i = 1; i <= n; i++)
                if (ly_is_normal(ly_narg(e, i))) {
                    ly_unref(vm, ly_narg(e, i));
                    ly_nset(e, i, ly_symbol(vm, syms[pick(3)]));
                }
        }
        return e;
    }
    case 8: {   /* f[args] */
        size_t n = pick(4);
        LyExpr e = ly_mknormal(vm, ly_symbol(vm, pick(2) ? "f" : "g"), n);
        for (size_t i = 1; i <= n; i++) ly_nset(e, i, gen(vm, depth - 1));
        return e;
    }
    case 9: {   /* {a, b} */
        size_t n = pick(4);
        LyExpr e = ly_mknormal(vm, LY_SYM(List), n);
        for (size_t i = 1; i <= n; i++) ly_nset(e, i, gen(vm, depth - 1));
        return e;
    }
    case 10: {  /* x_, x_h, __, ___ */
        static const char *b[] = { "Blank", "BlankSequence", "BlankNullSequence" };
        LyExpr bl = pick(2) ? ly_mk(vm, ly_symbol(vm, b[pick(3)]), 0)
                            : ly_mk(vm, ly_symbol(vm, b[pick(3)]), 1, ly_symbol(vm, "Integer"));
        return pick(2) ? bl : ly_mk(vm, LY_SYM(Pattern), 2, ly_symbol(vm, syms[pick(3)]), bl);
    }
    case 11: return ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), gen(vm, depth - 1));
    case 12: return ly_mk(vm, LY_SYM(Part), 2, ly_symbol(vm, "x"), gen(vm, 0));
    default: return ly_mk(vm, LY_SYM(Not), 1, gen(vm, depth - 1));
    }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 20000, passed = 0, failed = 0;
    LyVM *vm = ly_new(NULL, NULL);
    for (int i = 0; i < n; i++) {
        LyExpr e = ly_mk(vm, LY_SYM(Hold), 1, gen(vm, 1 + pick(4)));
        char *s = ly_tostring(vm, e, LY_FORM_INPUT);
        LyExpr back = NULL;
        LyStatus st = ly_parse(vm, s, (size_t)-1, "roundtrip", &back);
        bool ok = st == LY_OK && ly_equal(e, back);
        if (ok) {
            char *s2 = ly_tostring(vm, back, LY_FORM_INPUT);
            ok = strcmp(s, s2) == 0;
            ly_free(vm, s2);
        }
        if (ok) passed++;
        else {
            if (failed < 15) {
                char *f1 = ly_tostring(vm, e, LY_FORM_FULL);
                char *f2 = back ? ly_tostring(vm, back, LY_FORM_FULL) : NULL;
                fprintf(stderr, "MISMATCH\n  input form: %s\n  original:   %s\n  reparsed:   %s\n",
                        s, f1, st == LY_OK ? f2 : ly_errmsg(vm));
                ly_free(vm, f1);
                ly_free(vm, f2);
            }
            failed++;
        }
        ly_free(vm, s);
        ly_decref(vm, e);
        if (back) ly_decref(vm, back);
    }
    ly_close(vm);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
