/*
 * test_print.c — the printer on values scripts cannot build yet or that
 * need exact control: complex and rational atoms in every position, packed
 * arrays, association and foreign objects, embedded NULs, 10^6-deep
 * expressions (no C recursion), and running out of memory mid-print.
 * Written against lyra.h + lyra_ext.h only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lyra_ext.h"

static int passed, failed;
static LyVM *vm;

static void expect(LyExpr e, LyForm form, const char *want, int line) {
    char *s = ly_tostring(vm, e, form);
    if (s && strcmp(s, want) == 0) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "test_print.c:%d: form %d: got \"%s\", want \"%s\"\n", line, (int)form,
                s ? s : "<NULL>", want);
    }
    ly_free(vm, s);
}
/* Checks e in one form, then releases it. */
#define EXPECT(e, form, want) do { LyExpr e_ = (e); expect(e_, form, want, __LINE__); \
                                   ly_decref(vm, e_); } while (0)
#define CHECK(c) do { if (c) passed++; else { failed++; \
    fprintf(stderr, "test_print.c:%d: CHECK failed: %s\n", __LINE__, #c); } } while (0)

#define IN LY_FORM_INPUT
#define FULL LY_FORM_FULL
#define OUT LY_FORM_OUTPUT

static LyExpr S(const char *name) { return ly_symbol(vm, name); }
static LyExpr I(int64_t v) { return ly_int(vm, v); }
static LyExpr Q(int64_t n, int64_t d) { return ly_rational(vm, n, d); }
static LyExpr R(double v) { return ly_real(vm, v); }
static LyExpr C(LyExpr re, LyExpr im) { return ly_mkcomplex(vm, re, im); }
static LyExpr F1(const char *h, LyExpr a) { return ly_mk(vm, S(h), 1, a); }
static LyExpr F2(const char *h, LyExpr a, LyExpr b) { return ly_mk(vm, S(h), 2, a, b); }
static LyExpr F3(const char *h, LyExpr a, LyExpr b, LyExpr c) { return ly_mk(vm, S(h), 3, a, b, c); }

static void test_complex(void) {
    EXPECT(C(I(1), I(2)), IN, "1 + 2*I");
    EXPECT(C(I(1), I(2)), OUT, "1 + 2 I");
    EXPECT(C(I(1), I(2)), FULL, "Complex[1, 2]");
    EXPECT(C(I(0), I(1)), IN, "I");
    EXPECT(C(I(0), I(1)), FULL, "Complex[0, 1]");
    EXPECT(C(I(0), I(-1)), IN, "-I");
    EXPECT(C(I(0), I(2)), IN, "2*I");
    EXPECT(C(I(0), I(-2)), IN, "-2*I");
    EXPECT(C(I(1), I(-2)), IN, "1 - 2*I");
    EXPECT(C(I(-1), I(-1)), IN, "-1 - I");
    EXPECT(C(Q(1, 2), Q(1, 3)), IN, "1/2 + I/3");
    EXPECT(C(Q(1, 2), Q(-1, 3)), FULL, "Complex[Rational[1, 2], Rational[-1, 3]]");
    EXPECT(C(I(0), Q(2, 3)), IN, "(2*I)/3");
    EXPECT(C(I(0), Q(-1, 2)), IN, "-I/2");
    EXPECT(C(R(1.5), R(-2.5)), IN, "1.5 - 2.5*I");
    EXPECT(C(R(0.), R(1.)), IN, "0. + 1.*I");
    EXPECT(C(R(0.), R(2.5)), OUT, "0. + 2.5 I");
    /* as operands */
    EXPECT(F2("Plus", S("a"), C(I(0), I(-1))), IN, "a - I");
    EXPECT(F2("Plus", S("a"), C(I(0), I(-3))), IN, "a - 3*I");
    EXPECT(F2("Plus", S("a"), C(I(1), I(2))), IN, "a + (1 + 2*I)");
    EXPECT(F2("Plus", C(I(1), I(2)), S("a")), IN, "(1 + 2*I) + a");
    EXPECT(F2("Times", C(I(0), I(2)), S("x")), IN, "(2*I)*x");
    EXPECT(F2("Times", C(I(0), I(1)), S("x")), IN, "I*x");
    EXPECT(F2("Times", S("x"), C(I(0), I(-1))), IN, "x*(-I)");
    EXPECT(F2("Power", C(I(0), I(1)), S("x")), IN, "I^x");
    EXPECT(F2("Power", C(I(1), I(1)), S("x")), IN, "(1 + I)^x");
    EXPECT(F2("Power", S("x"), C(I(0), I(1))), IN, "x^I");
    EXPECT(F2("Power", S("x"), C(I(0), I(-1))), IN, "x^(-I)");
    EXPECT(F1("f", C(I(1), I(2))), OUT, "f[1 + 2 I]");
}

static void test_rational(void) {
    EXPECT(Q(1, 3), IN, "1/3");
    EXPECT(Q(-1, 3), IN, "-1/3");
    EXPECT(Q(1, 3), FULL, "Rational[1, 3]");
    EXPECT(Q(-2, 3), FULL, "Rational[-2, 3]");
    EXPECT(Q(1, 3), OUT, "1/3");
    EXPECT(F2("Power", S("x"), Q(1, 2)), IN, "Sqrt[x]");
    EXPECT(F2("Power", S("x"), Q(1, 2)), FULL, "Power[x, Rational[1, 2]]");
    EXPECT(F2("Power", S("x"), Q(-1, 2)), IN, "1/Sqrt[x]");
    EXPECT(F2("Power", S("x"), Q(1, 3)), IN, "x^(1/3)");
    EXPECT(F2("Power", S("x"), Q(-1, 3)), IN, "x^(-1/3)");
    EXPECT(F2("Power", S("x"), Q(3, 2)), IN, "x^(3/2)");
    EXPECT(F2("Power", Q(1, 2), S("x")), IN, "(1/2)^x");
    EXPECT(F2("Power", Q(-1, 2), S("x")), IN, "(-1/2)^x");
    EXPECT(F2("Times", Q(1, 3), S("x")), IN, "x/3");
    EXPECT(F2("Times", Q(-1, 3), S("x")), IN, "-x/3");
    EXPECT(F2("Times", Q(2, 3), S("x")), IN, "(2*x)/3");
    EXPECT(F2("Times", Q(-2, 3), S("x")), IN, "(-2*x)/3");
    EXPECT(F2("Times", Q(2, 3), S("x")), OUT, "(2 x)/3");
    EXPECT(F3("Times", Q(-1, 3), S("x"), S("y")), IN, "-(x*y)/3");
    EXPECT(F2("Times", Q(1, 3), F2("Power", S("b"), I(-1))), IN, "1/(3*b)");
    EXPECT(F2("Times", Q(1, 2), F2("Plus", S("a"), S("b"))), IN, "(a + b)/2");
    EXPECT(F2("Times", S("a"), F2("Power", S("b"), Q(-1, 2))), IN, "a/Sqrt[b]");
    EXPECT(F2("Times", S("a"), F2("Power", S("b"), Q(-3, 2))), IN, "a/b^(3/2)");
    EXPECT(F2("Times", S("a"), F2("Power", S("b"), R(-0.5))), IN, "a/b^0.5");
    EXPECT(F2("Plus", S("a"), Q(-1, 2)), IN, "a - 1/2");
    EXPECT(F2("Plus", S("a"), Q(1, 2)), IN, "a + 1/2");
    EXPECT(F2("Plus", S("a"), F2("Times", Q(-1, 2), S("b"))), IN, "a - b/2");
    EXPECT(F2("Plus", S("a"), F2("Times", Q(-3, 2), S("b"))), IN, "a - (3*b)/2");
}

static void test_numbers(void) {
    EXPECT(R(-0.0), IN, "0.");
    EXPECT(R(1e300), IN, "1.*^300");
    EXPECT(R(5e-324), IN, "5.*^-324");
    EXPECT(R(1.7976931348623157e308), IN, "1.7976931348623157*^308");
    EXPECT(R(999999.9), OUT, "1.*10^6");
    EXPECT(R(999999.4), OUT, "999999.");
    EXPECT(R(0.1), FULL, "0.1`");
    EXPECT(R(1e20), FULL, "1.`*^20");
    LyExpr big = ly_int_parse(vm, "-340282366920938463463374607431768211456", 10);
    EXPECT(F2("Plus", S("a"), big), IN, "a - 340282366920938463463374607431768211456");
    big = ly_int_parse(vm, "340282366920938463463374607431768211457", 10);
    EXPECT(F2("Times", big, S("x")), OUT, "340282366920938463463374607431768211457 x");
    EXPECT(ly_rational(vm, INT64_MAX, 2), FULL, "Rational[9223372036854775807, 2]");
    EXPECT(F2("Times", I(-4611686018427387904), S("x")), IN, "-4611686018427387904*x");
    EXPECT(F2("Plus", S("a"), F2("Times", I(-4611686018427387904), S("x"))), IN,
           "a - 4611686018427387904*x");
}

static void test_packed(void) {
    int64_t iv[] = { 1, -2, 3 };
    double rv[] = { 1.5, 2.0, 3.141592653589793 };
    EXPECT(ly_packed_int64(vm, 3, iv), IN, "{1, -2, 3}");
    EXPECT(ly_packed_int64(vm, 3, iv), FULL, "List[1, -2, 3]");
    EXPECT(ly_packed_real(vm, 3, rv), IN, "{1.5, 2., 3.141592653589793}");
    EXPECT(ly_packed_real(vm, 3, rv), OUT, "{1.5, 2., 3.14159}");
    size_t d23[] = { 2, 3 };
    LyExpr m = ly_mkpacked(vm, LY_PACKED_INT64, 2, d23);
    for (int i = 0; i < 6; i++) ((int64_t *)ly_packed(m)->data)[i] = i + 1;
    EXPECT(m, IN, "{{1, 2, 3}, {4, 5, 6}}");
    size_t d20[] = { 2, 0 };
    EXPECT(ly_mkpacked(vm, LY_PACKED_REAL, 2, d20), IN, "{{}, {}}");
    size_t d222[] = { 2, 2, 2 };
    m = ly_mkpacked(vm, LY_PACKED_INT64, 3, d222);
    for (int i = 0; i < 8; i++) ((int64_t *)ly_packed(m)->data)[i] = i;
    EXPECT(m, FULL, "List[List[List[0, 1], List[2, 3]], List[List[4, 5], List[6, 7]]]");
    /* a packed array as an operand */
    EXPECT(F2("Power", ly_packed_int64(vm, 3, iv), I(2)), IN, "{1, -2, 3}^2");
}

static void test_assoc(void) {
    LyExpr rules[2] = { F2("Rule", S("a"), I(1)), F2("RuleDelayed", ly_cstring(vm, "b"), S("x")) };
    LyExpr a = ly_mkassoc(vm, 2, rules);
    ly_decref(vm, rules[0]);
    ly_decref(vm, rules[1]);
    expect(a, IN, "<|a -> 1, \"b\" :> x|>", __LINE__);
    expect(a, OUT, "<|a -> 1, b :> x|>", __LINE__);
    expect(a, FULL, "Association[Rule[a, 1], RuleDelayed[\"b\", x]]", __LINE__);
    EXPECT(F2("Part", a, ly_cstring(vm, "b")), IN, "<|a -> 1, \"b\" :> x|>[[\"b\"]]");
    EXPECT(ly_mkassoc(vm, 0, NULL), IN, "<||>");
}

static void pool_format(LyBuf *b, void *data) { ly_buf_printf(b, "<%d workers>", *(int *)data); }
static const LyForeignType pool_type = { .name = "ThreadPool", .format = pool_format };
static const LyForeignType bare_type = { .name = "Thing" };

static void test_foreign(void) {
    static int workers = 2;
    EXPECT(ly_mkforeign(vm, &pool_type, &workers), IN, "ThreadPool[<2 workers>]");
    EXPECT(F1("f", ly_mkforeign(vm, &pool_type, &workers)), OUT, "f[ThreadPool[<2 workers>]]");
    EXPECT(ly_mkforeign(vm, &bare_type, NULL), FULL, "Thing[<>]");
}

static void test_strings(void) {
    EXPECT(ly_string(vm, "a\0b", 3), IN, "\"a\\.00b\"");
    EXPECT(ly_string(vm, "a\0b", 3), OUT, "a");          /* the C string stops at the NUL */
    EXPECT(ly_cstring(vm, "\x1b[0m\x7f"), FULL, "\"\\.1b[0m\\.7f\"");
    EXPECT(ly_cstring(vm, "tab\there"), OUT, "tab\there");
}

/* ---- deep and large ------------------------------------------------------------ */

static void check_text(LyExpr e, LyForm form, size_t len, const char *head, const char *tail, int line) {
    char *s = ly_tostring(vm, e, form);
    bool ok = s && strlen(s) == len && strncmp(s, head, strlen(head)) == 0 &&
              strcmp(s + len - strlen(tail), tail) == 0;
    if (ok) passed++;
    else {
        failed++;
        fprintf(stderr, "test_print.c:%d: form %d: length %zu, want %zu (%.30s ... )\n", line,
                (int)form, s ? strlen(s) : 0, len, s ? s : "<NULL>");
    }
    ly_free(vm, s);
}

static void test_deep(void) {
    enum { D = 1000000 };
    LyExpr e = S("x");
    for (int i = 0; i < D; i++) e = F1("f", e);
    check_text(e, IN, 3 * (size_t)D + 1, "f[f[f[", "]]]]", __LINE__);
    check_text(e, FULL, 3 * (size_t)D + 1, "f[f[f[", "]]]]", __LINE__);
    ly_decref(vm, e);

    e = S("x");                      /* -(-(-(...x))) */
    for (int i = 0; i < D; i++) e = F2("Times", I(-1), e);
    check_text(e, IN, 3 * (size_t)D - 1, "-(-(-(", ")))", __LINE__);
    check_text(e, FULL, 11 * (size_t)D + 1, "Times[-1, Times[-1, ", "]]]]", __LINE__);
    ly_decref(vm, e);

    e = S("x");                      /* x /. r /. r ... (left-associative: no parentheses) */
    for (int i = 0; i < D; i++) e = F2("ReplaceAll", e, S("r"));
    check_text(e, IN, 5 * (size_t)D + 1, "x /. r /. r", " /. r", __LINE__);
    ly_decref(vm, e);

    e = S("x");                      /* ((x^c)^c)^c ... */
    for (int i = 0; i < D; i++) e = F2("Power", e, S("c"));
    check_text(e, OUT, 4 * (size_t)D - 1, "(((", ")^c)^c", __LINE__);
    ly_decref(vm, e);

    e = S("x");                      /* x[y][y]... heads nested */
    for (int i = 0; i < D; i++) e = ly_mk(vm, e, 1, S("y"));
    check_text(e, IN, 3 * (size_t)D + 1, "x[y][y]", "[y][y]", __LINE__);
    ly_decref(vm, e);

    /* a wide list */
    LyExpr l = ly_mknormal(vm, S("List"), D);
    for (size_t i = 1; i <= D; i++) ly_nset(l, i, S("a"));
    check_text(l, IN, 3 * (size_t)D, "{a, a, ", "a, a}", __LINE__);
    ly_decref(vm, l);
}

/* ---- out of memory ------------------------------------------------------------------ */

typedef struct { size_t live, limit; bool armed; } Budget;

static void *budget_alloc(void *ud, void *p, size_t osize, size_t nsize) {
    Budget *bu = ud;
    if (nsize == 0) { if (p) bu->live -= osize; free(p); return NULL; }
    size_t grow = nsize > (p ? osize : 0) ? nsize - (p ? osize : 0) : 0;
    if (bu->armed && bu->live + grow > bu->limit) return NULL;
    void *q = realloc(p, nsize);
    if (!q) return NULL;
    bu->live += nsize - (p ? osize : 0);
    return q;
}

static void test_oom(void) {
    for (size_t extra = 0; extra < 4096; extra += 97) {
        Budget bu = { 0, 0, false };
        LyVM *v = ly_new_bare(budget_alloc, &bu);
        CHECK(v != NULL);
        if (!v) return;
        LyExpr e = ly_symbol(v, "x");
        for (int i = 0; i < 200; i++)
            e = ly_mk(v, ly_symbol(v, "Plus"), 2, ly_mk(v, ly_symbol(v, "f"), 1, ly_int(v, i)), e);
        bu.limit = bu.live + extra;
        bu.armed = true;
        char *s = ly_tostring(v, e, LY_FORM_INPUT);
        /* either it fits or it fails cleanly; nothing leaks either way */
        if (s) ly_free(v, s);
        bu.armed = false;
        ly_decref(v, e);
        ly_close(v);
        CHECK(bu.live == 0);
    }
}

int main(void) {
    vm = ly_new_bare(NULL, NULL);
    if (!vm) { fprintf(stderr, "no VM\n"); return 1; }
    test_complex();
    test_rational();
    test_numbers();
    test_packed();
    test_assoc();
    test_foreign();
    test_strings();
    test_deep();
    ly_close(vm);
    test_oom();
    printf("test_print: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
