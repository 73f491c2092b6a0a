/* fuzz_roundtrip.c — the printer round trip: whatever parses, printed in
 * InputForm, parses again to the same expression, and printing that gives
 * the same text.
 *
 * "The same" is exact except for the notations vm/print.c takes from
 * Wolfram's InputForm, which its parser reads back as a different (equal
 * after evaluation) structure: 1/x for Power[x, -1] (reads Times[1, Power[x,
 * -1]]), -(a*b) for Times[-1, a, b] (reads Times[-1, Times[a, b]]), (2*a)/b
 * for Times[2, a, Power[b, -1]], a/b^2 for Times[a, Power[b, -2]] (reads
 * Times[a, Power[Power[b, 2], -1]]), a - 2*b for Plus[a, Times[-2, b]] (reads
 * Times[-1, 2, b]), y/x for Times[Power[x, -1], y]
 * (denominators after numerators), 1/(b*c) for Times[Power[b, -1], Power[c,
 * -1]] (reads Power[Times[b, c], -1]), 1/200 for a rational atom (5*^-3 parses
 * to one), 1/(1*x) for Times[Power[1, -1], Power[x, -1]] and Sqrt[x] for
 * Power[x, 1/2], 1/(-a) for Power[Times[-1, a], -1] (a negative number
 * below the line gives its sign to the product).  A form wrapper at the top chooses the form, as in Wolfram:
 * InputForm[x] and FullForm[x] print x's text and read back as x (FullForm
 * writes the rational atom 1/2 as Rational[1, 2]);
 * OutputForm[x] is not meant to read back and is skipped.  Both sides are
 * compared after undoing those (norm() below: products flattened, without factors 1, their sign gathered into
 * the leading number, numerators then denominators each in canonical order
 * -- so the nesting of products and the order of their factors are not
 * compared); nothing else is forgiven.  LY_FUZZ_EXACT=1 compares without
 * norm(). */
#include "fuzz_common.h"

static LyVM *vm;

static bool is_int(LyExpr x, int64_t v) { return ly_is_small(x) && ly_small(x) == v; }

/* A factor 1: 1, or Power[1, -1] (1 below the line) */
static bool unit(LyExpr f) {
    return is_int(f, 1) || (ly_head_is(f, ly_symbol(vm, "Power")) && ly_nlen(f) == 2 && is_int(ly_narg(f, 1), 1) &&
                            is_int(ly_narg(f, 2), -1));
}

static bool real_number(LyExpr f) {
    int t = ly_type(f);
    return ly_is_small(f) || t == LY_TBIG || t == LY_TRAT || t == LY_TREAL || ly_is_bigreal(f);
}

/* A factor written below the fraction line: Power[b, negative number]. */
static bool below(LyExpr f) {
    if (!ly_head_is(f, ly_symbol(vm, "Power")) || ly_nlen(f) != 2) return false;
    LyExpr k = ly_narg(f, 2);
    return ly_is_number(k) && ly_num_sign(k) < 0;
}

static LyExpr mk2(LyExpr h, LyExpr a, LyExpr b) {
    LyExpr args[2] = { a, b };
    LyExpr r = ly_apply(vm, h, 2, args);
    if (!r) abort();
    return r;
}

/* e with the notation identities undone, bottom up (new reference):
 *   Rational[p, q] -> Times[p, Power[q, -1]], Sqrt[a] -> Power[a, 1/2];
 *   Power[Power[b, e], -1] -> Power[b, -e];
 *   Times flattened, factors 1 dropped, numerators before denominators. */
static LyExpr norm(LyExpr e) {
    LyExpr times = ly_symbol(vm, "Times"), power = ly_symbol(vm, "Power");
    if (ly_type(e) == LY_TRAT) {
        LyRational *q = (LyRational *)e;
        LyExpr d = mk2(power, q->den, ly_int(vm, -1));
        LyExpr r = is_int(q->num, 1) ? (ly_incref(vm, d), d) : mk2(times, q->num, d);
        ly_decref(vm, d);
        return r;
    }
    if (ly_head_is(e, ly_symbol(vm, "Rational")) && ly_nlen(e) == 2 && ly_is_integer(ly_narg(e, 1)) &&
        ly_is_integer(ly_narg(e, 2))) {
        /* FullForm writes the rational atom 1/2 as Rational[1, 2], which
         * reads back as that unevaluated expression */
        LyExpr d = mk2(power, ly_narg(e, 2), ly_int(vm, -1));
        LyExpr r = is_int(ly_narg(e, 1), 1) ? (ly_incref(vm, d), d) : mk2(times, ly_narg(e, 1), d);
        ly_decref(vm, d);
        return r;
    }
    if (!ly_is_normal(e)) { ly_incref(vm, e); return e; }
    size_t n = ly_nlen(e);
    LyExpr r = ly_mknormal(vm, norm(ly_nhead(e)), n);
    if (!r) abort();
    for (size_t i = 1; i <= n; i++) ly_nset(r, i, norm(ly_narg(e, i)));
    if (ly_head_is(r, ly_symbol(vm, "Sqrt")) && n == 1) {
        LyExpr half = mk2(power, ly_int(vm, 2), ly_int(vm, -1));
        LyExpr x = mk2(power, ly_narg(r, 1), half);
        ly_decref(vm, half);
        ly_decref(vm, r);
        return x;
    }
    if (ly_head_is(r, power) && n == 2 && is_int(ly_narg(r, 2), -1) && ly_head_is(ly_narg(r, 1), power) &&
        ly_nlen(ly_narg(r, 1)) == 2) {
        /* Power[Power[b, k], -1] -> Power[b, -k] */
        LyExpr in = ly_narg(r, 1), k = ly_narg(in, 2);
        LyExpr nk = ly_is_small(k) ? ly_int(vm, -ly_small(k)) : NULL;
        if (!nk) {
            LyExpr m = mk2(times, ly_int(vm, -1), k);
            nk = norm(m);
            ly_decref(vm, m);
        }
        LyExpr x = mk2(power, ly_narg(in, 1), nk);
        ly_decref(vm, nk);
        ly_decref(vm, r);
        return x;
    }
    if (ly_head_is(r, power) && n == 2 && is_int(ly_narg(r, 2), -1) && ly_head_is(ly_narg(r, 1), times)) {
        /* Power[Times[f, g, ...], -1] -> Times[Power[f, -1], Power[g, -1], ...]:
         * Times[Power[b, -1], Power[c, -1]] prints as 1/(b*c) */
        LyExpr in = ly_narg(r, 1);
        size_t m = ly_nlen(in);
        LyExpr t = ly_mknormal(vm, times, m);
        if (!t) abort();
        for (size_t i = 1; i <= m; i++) ly_nset(t, i, mk2(power, ly_narg(in, i), ly_int(vm, -1)));
        LyExpr x = norm(t);
        ly_decref(vm, t);
        ly_decref(vm, r);
        return x;
    }
    if (unit(r)) { ly_decref(vm, r); return ly_int(vm, 1); }     /* 1^-1 prints as 1/1 */
    if (ly_head_is(r, power) && n == 2 && is_int(ly_narg(r, 2), -1) && real_number(ly_narg(r, 1)) &&
        ly_num_sign(ly_narg(r, 1)) < 0) {
        /* the sign of a negative number below the line goes in front:
         * 1/(2*(-a)) for Power[Times[-2, a], -1], which norm() makes
         * Times[Power[-2, -1], Power[a, -1]] on one side and has Times[2,
         * Times[-1, a]] become Times[-2, a] on the other */
        LyExpr k = ly_num_neg(vm, ly_narg(r, 1));
        if (!k) abort();
        LyExpr x = is_int(k, 1) ? ly_int(vm, -1) : mk2(times, ly_int(vm, -1), mk2(power, k, ly_int(vm, -1)));
        if (!is_int(k, 1)) ly_decref(vm, ly_narg(x, 2));
        ly_decref(vm, k);
        ly_decref(vm, r);
        return x;
    }
    if (!ly_head_is(r, times)) return r;
    /* flattened factors, without the 1s, negative real numbers made
     * positive and the sign in front as one factor -1: a - 2*b reads back
     * (as in Wolfram) as Plus[a, Times[-1, 2, b]] for Plus[a, Times[-2, b]] */
    size_t m = 1;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(r, i);
        if (ly_head_is(a, times)) m += ly_nlen(a);
        else if (!unit(a)) m++;
    }
    LyExpr flat = ly_mknormal(vm, times, m);
    if (!flat) abort();
    size_t k = 1;              /* slot 1: the sign */
    bool neg = false;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(r, i);
        size_t na = ly_head_is(a, times) ? ly_nlen(a) : 1;
        for (size_t j = 1; j <= na; j++) {
            LyExpr f = ly_head_is(a, times) ? ly_narg(a, j) : a;
            if (unit(f)) continue;
            if (real_number(f) && ly_num_sign(f) < 0) {
                neg = !neg;
                f = ly_num_neg(vm, f);
                if (!f) abort();
                if (unit(f)) { ly_decref(vm, f); continue; }
            } else ly_incref(vm, f);
            ly_nset(flat, ++k, f);
        }
    }
    ly_decref(vm, r);
    ly_nset(flat, 1, neg ? ly_int(vm, -1) : ly_int(vm, 1));
    for (size_t i = k + 1; i <= m; i++) ly_nset(flat, i, ly_int(vm, 1));     /* slots of left-out 1s */
    /* numerators, then denominators, each group in canonical order (Times
     * is Orderless): nested products print with their denominators gathered
     * at different levels ((a*1/b)/10 for Times[a, Power[10, -1],
     * Times[Power[b, -1]]]), y/x for Times[Power[x, -1], y] */
    for (size_t i = 3; i <= k; i++)
        for (size_t j = i; j > 2; j--) {
            LyExpr x = ly_narg(flat, j - 1), y = ly_narg(flat, j);
            if (below(x) < below(y) || (below(x) == below(y) && ly_order(x, y) <= 0)) break;
            ly_normal(flat)->e[j - 1] = y;
            ly_normal(flat)->e[j] = x;
        }
    /* the sign goes into the first factor when that is a number (it sorts
     * first): Times[-2, b], and Power[b, -k] for Power[Power[b, k], -1] */
    if (neg && k >= 2 && !below(ly_narg(flat, 2)) && real_number(ly_narg(flat, 2)) && ly_num_sign(ly_narg(flat, 2)) != 0) {
        LyExpr x = ly_num_neg(vm, ly_narg(flat, 2));
        if (!x) abort();
        ly_decref(vm, ly_narg(flat, 2));
        ly_nset(flat, 2, x);
        neg = false;
    }
    /* without the sign when positive, nor the slots past k */
    size_t from = neg ? 1 : 2;
    m = k - from + 1;
    if (m == 0) { ly_decref(vm, flat); return ly_int(vm, 1); }
    if (m == 1) { LyExpr x = ly_narg(flat, from); ly_incref(vm, x); ly_decref(vm, flat); return x; }
    LyExpr out = ly_mknormal(vm, times, m);
    if (!out) abort();
    for (size_t i = 0; i < m; i++) { ly_incref(vm, ly_narg(flat, from + i)); ly_nset(out, i + 1, ly_narg(flat, from + i)); }
    ly_decref(vm, flat);
    return out;
}

static void fail(const char *what, const char *printed, LyExpr before, LyExpr after) {
    char *f1 = before ? ly_tostring(vm, before, LY_FORM_FULL) : NULL;
    char *f2 = after ? ly_tostring(vm, after, LY_FORM_FULL) : NULL;
    fprintf(stderr, "round trip: %s\n  printed: %s\n  before:  %s\n  after:   %s\n  error:   %s\n", what, printed,
            f1 ? f1 : "-", f2 ? f2 : "-", ly_errmsg(vm));
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!vm) vm = fuzz_vm();
    if (size > FUZZ_MAX_INPUT) size = FUZZ_MAX_INPUT;
    static int exact = -1;
    if (exact < 0) exact = getenv("LY_FUZZ_EXACT") != NULL;
    LyExpr e = NULL;
    if (ly_parse(vm, (const char *)data, size, "fuzz", &e) != LY_OK) return 0;
    /* A form wrapper at the top chooses the form it is printed in, as in
     * Wolfram (InputForm[x] prints x): FullForm[x] and InputForm[x] read
     * back as x; OutputForm[x] is text not meant to read back. */
    LyExpr body = e;
    if (ly_is_normal(e) && ly_nlen(e) == 1) {
        LyExpr h = ly_nhead(e);
        if (h == ly_symbol(vm, "OutputForm")) { ly_decref(vm, e); return 0; }
        if (h == ly_symbol(vm, "InputForm") || h == ly_symbol(vm, "FullForm")) body = ly_narg(e, 1);
    }
    char *s = ly_tostring(vm, e, LY_FORM_INPUT);
    if (!s) abort();
    LyExpr e2 = NULL;
    if (ly_parse(vm, s, (size_t)-1, "printed", &e2) != LY_OK) fail("InputForm does not parse", s, e, NULL);
    LyExpr a = exact ? (ly_incref(vm, body), body) : norm(body), b = exact ? (ly_incref(vm, e2), e2) : norm(e2);
    if (!ly_same(a, b)) fail("not the same", s, a, b);
    /* printing e2 again: unless it is itself a form wrapper, which
     * printing would strip once more (InputForm[InputForm[x]]) */
    char *s2 = ly_tostring(vm, e2, LY_FORM_INPUT);
    if (!s2) abort();
    /* printed twice: the same text, or (for the notations above) text
     * that reads back to the same normalised expression */
    bool wrapped = ly_is_normal(e2) && ly_nlen(e2) == 1 &&
                   (ly_nhead(e2) == ly_symbol(vm, "InputForm") || ly_nhead(e2) == ly_symbol(vm, "FullForm") ||
                    ly_nhead(e2) == ly_symbol(vm, "OutputForm"));
    if (strcmp(s, s2) != 0 && !wrapped) {
        LyExpr e3 = NULL;
        if (ly_parse(vm, s2, (size_t)-1, "printed", &e3) != LY_OK) fail("printed twice does not parse", s2, e2, NULL);
        LyExpr c = exact ? (ly_incref(vm, e3), e3) : norm(e3);
        if (exact || !ly_same(a, c)) {
            fprintf(stderr, "round trip: printed twice differently\n  1: %s\n  2: %s\n", s, s2);
            abort();
        }
        ly_decref(vm, c);
        ly_decref(vm, e3);
    }
    ly_free(vm, s2);
    ly_free(vm, s);
    ly_decref(vm, a);
    ly_decref(vm, b);
    ly_decref(vm, e2);
    ly_decref(vm, e);
    return 0;
}
