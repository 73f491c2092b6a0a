/*
 * calculus.c — D, Derivative of known functions, Integrate (antiderivative
 * tables, linearity, polynomials, linear substitution, rational functions
 * through Apart, definite integrals by difference of antiderivatives).
 * Written against lyra.h + lyra_ext.h.
 *
 * D builds the derivative as an unevaluated expression tree and evaluates
 * it once: Plus/Times/Power then put it in canonical form.
 */
#include <string.h>
#include "lys_poly.h"
#include "lys_alg.h"

static LyExpr ref(LyExpr e) { ly_ref(e); return e; }
static LyExpr S(LyVM *vm, const char *n) { return ly_symbol(vm, n); }
static LyExpr mk1(LyVM *vm, const char *h, LyExpr a) { return ly_mk(vm, S(vm, h), 1, a); }
static LyExpr times2(LyVM *vm, LyExpr a, LyExpr b) { return ly_mk(vm, LY_SYM(Times), 2, a, b); }
static LyExpr plus2(LyVM *vm, LyExpr a, LyExpr b) { return ly_mk(vm, LY_SYM(Plus), 2, a, b); }
static LyExpr pow2(LyVM *vm, LyExpr a, LyExpr b) { return ly_mk(vm, LY_SYM(Power), 2, a, b); }
static LyExpr neg(LyVM *vm, LyExpr a) { return times2(vm, ly_mksmall(-1), a); }
static LyExpr inv(LyVM *vm, LyExpr a) { return pow2(vm, a, ly_mksmall(-1)); }
static bool is_fn(LyExpr e, const char *name, size_t n) {
    return ly_is_normal(e) && ly_nlen(e) == n && ly_is_sym(ly_nhead(e)) && !strcmp(ly_sym(ly_nhead(e))->name, name);
}

/* ---- D --------------------------------------------------------------------------------------- */

/* f'(u) for the elementary functions, NULL when unknown. */
static LyExpr known_derivative(LyVM *vm, const char *f, LyExpr u) {
    ly_ref(u);
#define U u
    if (!strcmp(f, "Sin")) return mk1(vm, "Cos", U);
    if (!strcmp(f, "Cos")) return neg(vm, mk1(vm, "Sin", U));
    if (!strcmp(f, "Tan")) return pow2(vm, mk1(vm, "Sec", U), ly_mksmall(2));
    if (!strcmp(f, "Cot")) return neg(vm, pow2(vm, mk1(vm, "Csc", U), ly_mksmall(2)));
    if (!strcmp(f, "Sec")) return times2(vm, mk1(vm, "Sec", ref(u)), mk1(vm, "Tan", U));
    if (!strcmp(f, "Csc")) return neg(vm, times2(vm, mk1(vm, "Cot", ref(u)), mk1(vm, "Csc", U)));
    if (!strcmp(f, "Exp")) return pow2(vm, LY_SYM(E), U);
    if (!strcmp(f, "Log")) return inv(vm, U);
    if (!strcmp(f, "Sinh")) return mk1(vm, "Cosh", U);
    if (!strcmp(f, "Cosh")) return mk1(vm, "Sinh", U);
    if (!strcmp(f, "Tanh")) return pow2(vm, mk1(vm, "Sech", U), ly_mksmall(2));
    if (!strcmp(f, "Coth")) return neg(vm, pow2(vm, mk1(vm, "Csch", U), ly_mksmall(2)));
    if (!strcmp(f, "Sech")) return neg(vm, times2(vm, mk1(vm, "Sech", ref(u)), mk1(vm, "Tanh", U)));
    if (!strcmp(f, "Csch")) return neg(vm, times2(vm, mk1(vm, "Coth", ref(u)), mk1(vm, "Csch", U)));
    if (!strcmp(f, "ArcSin")) return pow2(vm, plus2(vm, ly_mksmall(1), neg(vm, pow2(vm, U, ly_mksmall(2)))), ly_rational(vm, -1, 2));
    if (!strcmp(f, "ArcCos")) return neg(vm, pow2(vm, plus2(vm, ly_mksmall(1), neg(vm, pow2(vm, U, ly_mksmall(2)))), ly_rational(vm, -1, 2)));
    if (!strcmp(f, "ArcTan")) return inv(vm, plus2(vm, ly_mksmall(1), pow2(vm, U, ly_mksmall(2))));
    if (!strcmp(f, "ArcCot")) return neg(vm, inv(vm, plus2(vm, ly_mksmall(1), pow2(vm, U, ly_mksmall(2)))));
    if (!strcmp(f, "ArcSinh")) return pow2(vm, plus2(vm, ly_mksmall(1), pow2(vm, U, ly_mksmall(2))), ly_rational(vm, -1, 2));
    if (!strcmp(f, "ArcCosh"))
        return times2(vm, pow2(vm, plus2(vm, ly_mksmall(-1), ref(u)), ly_rational(vm, -1, 2)),
                      pow2(vm, plus2(vm, ly_mksmall(1), U), ly_rational(vm, -1, 2)));
    if (!strcmp(f, "ArcTanh")) return inv(vm, plus2(vm, ly_mksmall(1), neg(vm, pow2(vm, U, ly_mksmall(2)))));
    if (!strcmp(f, "Sqrt")) return times2(vm, ly_rational(vm, 1, 2), pow2(vm, U, ly_rational(vm, -1, 2)));
#undef U
    ly_unref(vm, u);
    return NULL;
}

static LyExpr dd(LyVM *vm, LyExpr e, LyExpr x);

/* Derivative[n1, ..., nk][f][args] with one more in slot i. */
static LyExpr bump_derivative(LyVM *vm, LyExpr f, LyExpr counts, size_t nargs, size_t i) {
    LyExpr d = ly_mknormal(vm, LY_SYM(Derivative), nargs);
    for (size_t j = 1; j <= nargs; j++) {
        int64_t c = counts ? ly_small(ly_narg(counts, j)) : 0;
        ly_nset(d, j, ly_mksmall(c + (j == i)));
    }
    return ly_mk(vm, d, 1, ref(f));
}

static LyExpr dd(LyVM *vm, LyExpr e, LyExpr x) {
    if (!ly_safe_point(vm)) return NULL;
    if (ly_equal(e, x)) return ly_mksmall(1);
    if (lys_free_of(e, x)) return ly_mksmall(0);
    if (!ly_is_normal(e)) return ly_mksmall(0);
    LyExpr h = ly_nhead(e);
    size_t n = ly_nlen(e);
    if (h == LY_SYM(Plus) || h == LY_SYM(List)) {
        LyExpr r = ly_mknormal(vm, ref(h), n);
        for (size_t i = 1; i <= n; i++) {
            LyExpr t = dd(vm, ly_narg(e, i), x);
            if (!t) { lys_abandon(vm, r, i); return NULL; }
            ly_nset(r, i, t);
        }
        return r;
    }
    if (h == LY_SYM(Times)) {
        LyExpr r = ly_mknormal(vm, LY_SYM(Plus), n);
        for (size_t i = 1; i <= n; i++) {
            LyExpr t = ly_mknormal(vm, LY_SYM(Times), n);
            for (size_t j = 1; j <= n; j++) {
                LyExpr f = j == i ? dd(vm, ly_narg(e, j), x) : ref(ly_narg(e, j));
                if (!f) { lys_abandon(vm, t, j); lys_abandon(vm, r, i); return NULL; }
                ly_nset(t, j, f);
            }
            ly_nset(r, i, t);
        }
        return r;
    }
    if (h == LY_SYM(Power) && n == 2) {
        LyExpr b = ly_narg(e, 1), p = ly_narg(e, 2);
        if (lys_free_of(p, x)) {
            /* p b^(p-1) b' */
            LyExpr db = dd(vm, b, x);
            if (!db) return NULL;
            return ly_mk(vm, LY_SYM(Times), 3, ref(p), pow2(vm, ref(b), plus2(vm, ref(p), ly_mksmall(-1))), db);
        }
        LyExpr dp = dd(vm, p, x);
        if (!dp) return NULL;
        if (lys_free_of(b, x))
            return ly_mk(vm, LY_SYM(Times), 3, ref(e), dp, mk1(vm, "Log", ref(b)));
        LyExpr db = dd(vm, b, x);
        if (!db) { ly_unref(vm, dp); return NULL; }
        /* b^p (p' Log[b] + p b'/b) */
        return times2(vm, ref(e), plus2(vm, times2(vm, dp, mk1(vm, "Log", ref(b))),
                                        ly_mk(vm, LY_SYM(Times), 3, ref(p), db, inv(vm, ref(b)))));
    }
    if (ly_is_sym(h) && n == 1) {
        LyExpr fd = known_derivative(vm, ly_sym(h)->name, ly_narg(e, 1));
        if (fd) {
            LyExpr du = dd(vm, ly_narg(e, 1), x);
            if (!du) { ly_unref(vm, fd); return NULL; }
            return times2(vm, fd, du);
        }
    }
    if (is_fn(e, "Log", 2)) {
        LyExpr q = times2(vm, mk1(vm, "Log", ref(ly_narg(e, 2))), inv(vm, mk1(vm, "Log", ref(ly_narg(e, 1)))));
        LyExpr qe = lys_eval_steal(vm, q);
        if (!qe) return NULL;
        LyExpr r = dd(vm, qe, x);
        ly_unref(vm, qe);
        return r;
    }
    /* f[u1, ..., un] and Derivative[...][f][u...]: chain rule through Derivative */
    LyExpr f = h, counts = NULL;
    if (ly_is_normal(h) && ly_is_normal(ly_nhead(h)) && ly_nhead(ly_nhead(h)) == LY_SYM(Derivative) &&
        ly_nlen(h) == 1 && ly_nlen(ly_nhead(h)) == n) {
        counts = ly_nhead(h);
        f = ly_narg(h, 1);
        for (size_t i = 1; i <= n; i++) if (!ly_is_small(ly_narg(counts, i))) return NULL;
    }
    LyExpr r = ly_mknormal(vm, LY_SYM(Plus), n);
    for (size_t i = 1; i <= n; i++) {
        LyExpr du = dd(vm, ly_narg(e, i), x);
        if (!du) { lys_abandon(vm, r, i); return NULL; }
        LyExpr head = bump_derivative(vm, f, counts, n, i);
        LyExpr call = ly_apply(vm, head, n, ly_nargs(e));
        ly_unref(vm, head);
        ly_nset(r, i, times2(vm, du, call));
    }
    return r;
}

LyExpr lys_d(LyVM *vm, LyExpr e, LyExpr x);
LyExpr lys_d(LyVM *vm, LyExpr e, LyExpr x) { return lys_eval_steal(vm, dd(vm, e, x)); }

/* A number or a string cannot be a variable of D or Integrate. */
static bool bad_var(LyExpr x) { return ly_is_number(x) || ly_is_string(x); }

static LyExpr b_d(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, SIZE_MAX)) return NULL;
    for (size_t i = 2; i <= ly_nlen(e); i++) {
        LyExpr spec = ly_narg(e, i);
        LyExpr x = ly_head_is(spec, LY_SYM(List)) && ly_nlen(spec) >= 1 ? ly_narg(spec, 1) : spec;
        if (bad_var(x)) {
            ly_message(vm, LY_SYM(General), "ivar", 1, x);    /* D[x^2, 1] stays */
            return NULL;
        }
    }
    LyExpr cur = ref(ly_narg(e, 1));
    for (size_t i = 2; i <= ly_nlen(e) && cur; i++) {
        LyExpr spec = ly_narg(e, i);
        LyExpr x = spec;
        int64_t k = 1;
        if (ly_head_is(spec, LY_SYM(List))) {
            if (ly_nlen(spec) != 2 || !ly_get_int64(ly_narg(spec, 2), &k) || k < 0) { ly_unref(vm, cur); return NULL; }
            x = ly_narg(spec, 1);
        }
        for (int64_t j = 0; j < k && cur; j++) {
            LyExpr nx = lys_d(vm, cur, x);
            ly_unref(vm, cur);
            cur = nx;
        }
    }
    return cur;
}

/* Derivative[n][f] for known f: a pure function (Sin' -> Cos[#1] &). */
static LyExpr b_derivative(LyVM *vm, LyExpr e) {
    LyExpr h = ly_nhead(e);
    if (!ly_head_is(h, LY_SYM(Derivative)) || ly_nlen(e) != 1) return NULL;
    LyExpr f = ly_narg(e, 1);
    size_t n = ly_nlen(h);
    if (n != 1 || !ly_is_small(ly_narg(h, 1))) return NULL;
    int64_t k = ly_small(ly_narg(h, 1));
    if (k == 0) return ref(f);
    if (k < 0 || !ly_is_sym(f)) {
        if (ly_head_is(f, LY_SYM(Function)) && ly_nlen(f) == 1 && k > 0) {
            LyExpr slot = ly_mk(vm, LY_SYM(Slot), 1, ly_mksmall(1));
            LyExpr body = ref(ly_narg(f, 1));
            for (int64_t j = 0; j < k && body; j++) { LyExpr nb = lys_d(vm, body, slot); ly_unref(vm, body); body = nb; }
            ly_unref(vm, slot);
            return body ? ly_mk(vm, LY_SYM(Function), 1, body) : NULL;
        }
        return NULL;
    }
    LyExpr slot = ly_mk(vm, LY_SYM(Slot), 1, ly_mksmall(1));
    LyExpr body = ly_mk(vm, ref(f), 1, ref(slot));
    LyExpr chk = known_derivative(vm, ly_sym(f)->name, slot);
    if (!chk) {
        ly_unref(vm, slot); ly_unref(vm, body);
        return NULL;
    }
    ly_unref(vm, chk);
    for (int64_t j = 0; j < k && body; j++) { LyExpr nb = lys_d(vm, body, slot); ly_unref(vm, body); body = nb; }
    ly_unref(vm, slot);
    return body ? ly_mk(vm, LY_SYM(Function), 1, body) : NULL;
}

/* ---- Integrate ----------------------------------------------------------------------------------- */

/* e = a x + b with a, b free of x: sets a (new ref). */
static bool linear_in(LyVM *vm, LyExpr e, LyExpr x, LyExpr *a) {
    LyExpr d = lys_d(vm, e, x);
    if (!d) return false;
    if (!lys_free_of(d, x) || (ly_is_small(d) && ly_small(d) == 0)) { ly_unref(vm, d); return false; }
    *a = d;
    return true;
}

static LyExpr integrate(LyVM *vm, LyExpr e, LyExpr x);

/* table for f[a x + b] */
static LyExpr table(LyVM *vm, LyExpr e, LyExpr x) {
    if (!ly_is_normal(e)) return NULL;
    LyExpr h = ly_nhead(e);
    if (h == LY_SYM(Power) && ly_nlen(e) == 2) {
        LyExpr b = ly_narg(e, 1), p = ly_narg(e, 2), a;
        if (lys_free_of(p, x) && linear_in(vm, b, x, &a)) {
            if (ly_is_small(p) && ly_small(p) == -1)
                return times2(vm, inv(vm, a), mk1(vm, "Log", ref(b)));
            LyExpr p1 = plus2(vm, ref(p), ly_mksmall(1));
            return ly_mk(vm, LY_SYM(Times), 3, pow2(vm, ref(b), ref(p1)), inv(vm, p1), inv(vm, a));
        }
        if (lys_free_of(b, x) && linear_in(vm, p, x, &a)) {
            if (b == LY_SYM(E)) return times2(vm, ref(e), inv(vm, a));
            return ly_mk(vm, LY_SYM(Times), 3, ref(e), inv(vm, a), inv(vm, mk1(vm, "Log", ref(b))));
        }
        return NULL;
    }
    if (!ly_is_sym(h) || ly_nlen(e) != 1) return NULL;
    LyExpr u = ly_narg(e, 1), a;
    if (!linear_in(vm, u, x, &a)) return NULL;
    const char *f = ly_sym(h)->name;
    LyExpr r = NULL;
    if (!strcmp(f, "Sin")) r = neg(vm, mk1(vm, "Cos", ref(u)));
    else if (!strcmp(f, "Cos")) r = mk1(vm, "Sin", ref(u));
    else if (!strcmp(f, "Tan")) r = neg(vm, mk1(vm, "Log", mk1(vm, "Cos", ref(u))));
    else if (!strcmp(f, "Cot")) r = mk1(vm, "Log", mk1(vm, "Sin", ref(u)));
    else if (!strcmp(f, "Sinh")) r = mk1(vm, "Cosh", ref(u));
    else if (!strcmp(f, "Cosh")) r = mk1(vm, "Sinh", ref(u));
    else if (!strcmp(f, "Log")) r = plus2(vm, neg(vm, ref(u)), times2(vm, ref(u), mk1(vm, "Log", ref(u))));
    else if (!strcmp(f, "ArcTan"))
        r = plus2(vm, times2(vm, ref(u), mk1(vm, "ArcTan", ref(u))),
                  times2(vm, ly_rational(vm, -1, 2), mk1(vm, "Log", plus2(vm, ly_mksmall(1), pow2(vm, ref(u), ly_mksmall(2))))));
    if (!r) { ly_unref(vm, a); return NULL; }
    return times2(vm, r, inv(vm, a));
}

/* x^n f[x] by parts for f in Sin, Cos, Exp (n a positive integer). */
static LyExpr by_parts(LyVM *vm, LyExpr e, LyExpr x) {
    if (!ly_head_is(e, LY_SYM(Times)) || ly_nlen(e) != 2) return NULL;
    LyExpr p = ly_narg(e, 1), f = ly_narg(e, 2);
    int64_t n = 1;
    if (ly_head_is(p, LY_SYM(Power)) && ly_equal(ly_narg(p, 1), x) && ly_is_small(ly_narg(p, 2))) n = ly_small(ly_narg(p, 2));
    else if (!ly_equal(p, x)) { LyExpr t = p; p = f; f = t;
        if (ly_head_is(p, LY_SYM(Power)) && ly_equal(ly_narg(p, 1), x) && ly_is_small(ly_narg(p, 2))) n = ly_small(ly_narg(p, 2));
        else if (!ly_equal(p, x)) return NULL; }
    if (n < 1 || n > 20) return NULL;
    LyExpr F = table(vm, f, x);            /* v = ∫ f */
    if (!F) return NULL;
    LyExpr v = lys_eval_steal(vm, F);
    if (!v) return NULL;
    /* u v - ∫ u' v */
    LyExpr du = lys_d(vm, p, x);
    LyExpr rest = du ? lys_eval_steal(vm, times2(vm, du, ref(v))) : NULL;
    LyExpr ir = rest ? integrate(vm, rest, x) : NULL;
    ly_unref(vm, rest);
    if (!ir) { ly_unref(vm, v); return NULL; }
    return plus2(vm, times2(vm, ref(p), v), neg(vm, ir));
}

/* Unevaluated-free antiderivative or NULL (not unwinding) when unknown. */
static LyExpr integrate(LyVM *vm, LyExpr e, LyExpr x) {
    if (!ly_safe_point(vm)) return NULL;
    if (lys_free_of(e, x)) return lys_eval_steal(vm, times2(vm, ref(e), ref(x)));
    if (ly_equal(e, x)) return lys_eval_steal(vm, times2(vm, ly_rational(vm, 1, 2), pow2(vm, ref(x), ly_mksmall(2))));
    if (ly_head_is(e, LY_SYM(Plus))) {
        size_t n = ly_nlen(e);
        LyExpr r = ly_mknormal(vm, LY_SYM(Plus), n);
        for (size_t i = 1; i <= n; i++) {
            LyExpr t = integrate(vm, ly_narg(e, i), x);
            if (!t) { lys_abandon(vm, r, i); return NULL; }
            ly_nset(r, i, t);
        }
        return lys_eval_steal(vm, r);
    }
    if (ly_head_is(e, LY_SYM(Times))) {
        /* constant factors out */
        size_t n = ly_nlen(e), nc = 0, nd = 0;
        LyExpr c = ly_mknormal(vm, LY_SYM(Times), n), d = ly_mknormal(vm, LY_SYM(Times), n);
        for (size_t i = 1; i <= n; i++) {
            LyExpr f = ly_narg(e, i);
            if (lys_free_of(f, x)) ly_nset(c, ++nc, ref(f)); else ly_nset(d, ++nd, ref(f));
        }
        for (size_t i = nc + 1; i <= n; i++) ly_nset(c, i, ly_mksmall(1));
        for (size_t i = nd + 1; i <= n; i++) ly_nset(d, i, ly_mksmall(1));
        if (nc > 0) {
            LyExpr de = lys_eval_steal(vm, d);
            LyExpr id = de ? integrate(vm, de, x) : NULL;
            ly_unref(vm, de);
            if (!id) { ly_unref(vm, c); return NULL; }
            return lys_eval_steal(vm, times2(vm, c, id));
        }
        ly_unref(vm, c); ly_unref(vm, d);
    }
    LyExpr t = table(vm, e, x);
    if (t) return lys_eval_steal(vm, t);
    if (ly_unwinding(vm)) return NULL;
    t = by_parts(vm, e, x);
    if (t) return lys_eval_steal(vm, t);
    if (ly_unwinding(vm)) return NULL;
    /* products and powers of sums: expand; rational functions: partial fractions */
    LyExpr ex = lys_expand(vm, e);
    if (!ex) return NULL;
    if (!ly_equal(ex, e)) { LyExpr r = integrate(vm, ex, x); ly_unref(vm, ex); return r; }
    ly_unref(vm, ex);
    LyExpr ap = lys_eval_steal(vm, ly_mk(vm, S(vm, "Apart"), 2, ref(e), ref(x)));
    if (!ap) return NULL;
    if (!ly_equal(ap, e) && ly_head_is(ap, LY_SYM(Plus))) { LyExpr r = integrate(vm, ap, x); ly_unref(vm, ap); return r; }
    ly_unref(vm, ap);
    /* (b x + c)/(x^2 + p x + q) and 1/(x^2 + q): ArcTan and Log */
    LyExpr num, den;
    lys_numden(vm, e, &num, &den);
    LyExpr res = NULL;
    if (num && den) {
        LyExpr cl = lys_eval_steal(vm, ly_mk(vm, S(vm, "CoefficientList"), 2, ref(den), ref(x)));
        LyExpr nl = lys_eval_steal(vm, ly_mk(vm, S(vm, "CoefficientList"), 2, ref(num), ref(x)));
        if (cl && nl && ly_head_is(cl, LY_SYM(List)) && ly_nlen(cl) == 3 && ly_head_is(nl, LY_SYM(List)) && ly_nlen(nl) <= 2) {
            /* den = a x^2 + b x + c, num = m x + k:
             * ∫ = m/(2a) Log[den] + (k - m b/(2a)) * 2/Sqrt[4ac - b^2] ArcTan[(2a x + b)/Sqrt[4ac - b^2]] */
            LyExpr c0 = ly_narg(cl, 1), b = ly_narg(cl, 2), a = ly_narg(cl, 3);
            LyExpr k = ly_narg(nl, 1), m = ly_nlen(nl) == 2 ? ly_narg(nl, 2) : ly_mksmall(0);
            LyExpr disc = plus2(vm, ly_mk(vm, LY_SYM(Times), 3, ly_mksmall(4), ref(a), ref(c0)), neg(vm, pow2(vm, ref(b), ly_mksmall(2))));
            LyExpr sq = pow2(vm, disc, ly_rational(vm, 1, 2));
            LyExpr logp = ly_mk(vm, LY_SYM(Times), 3, ref(m), inv(vm, times2(vm, ly_mksmall(2), ref(a))), mk1(vm, "Log", ref(den)));
            LyExpr kk = plus2(vm, ref(k), neg(vm, ly_mk(vm, LY_SYM(Times), 3, ref(m), ref(b), inv(vm, times2(vm, ly_mksmall(2), ref(a))))));
            LyExpr atn = ly_mk(vm, LY_SYM(Times), 4, kk, ly_mksmall(2), inv(vm, ref(sq)),
                               mk1(vm, "ArcTan", times2(vm, plus2(vm, ly_mk(vm, LY_SYM(Times), 3, ly_mksmall(2), ref(a), ref(x)), ref(b)), inv(vm, sq))));
            res = lys_eval_steal(vm, plus2(vm, logp, atn));
        }
        ly_unref(vm, cl); ly_unref(vm, nl);
    }
    ly_unref(vm, num); ly_unref(vm, den);
    return res;
}

static LyExpr b_integrate(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, SIZE_MAX)) return NULL;
    if (ly_nlen(e) != 2) return NULL;
    LyExpr f = ly_narg(e, 1), spec = ly_narg(e, 2);
    if (ly_head_is(f, LY_SYM(List))) {
        LyExpr r = ly_mknormal(vm, LY_SYM(List), ly_nlen(f));
        for (size_t i = 1; i <= ly_nlen(f); i++) {
            LyExpr t = lys_eval_steal(vm, ly_mk(vm, ref(ly_nhead(e)), 2, ref(ly_narg(f, i)), ref(spec)));
            if (!t) { lys_abandon(vm, r, i); return NULL; }
            ly_nset(r, i, t);
        }
        return r;
    }
    if (ly_head_is(spec, LY_SYM(List)) && ly_nlen(spec) == 3 && !bad_var(ly_narg(spec, 1))) {
        LyExpr x = ly_narg(spec, 1);
        LyExpr F = integrate(vm, f, x);
        if (!F) return NULL;
        LyExpr syms[1] = { x };
        LyExpr hi = ly_substitute(vm, F, 1, syms, &ly_nargs(spec)[2]);
        LyExpr lo = ly_substitute(vm, F, 1, syms, &ly_nargs(spec)[1]);
        ly_unref(vm, F);
        if (!hi || !lo) { ly_unref(vm, hi); ly_unref(vm, lo); return NULL; }
        LyExpr d = lys_eval_steal(vm, plus2(vm, hi, neg(vm, lo)));
        if (!d) return NULL;
        LyExpr t = lys_together(vm, d);
        ly_unref(vm, d);
        return t;
    }
    if (bad_var(spec) || (ly_head_is(spec, LY_SYM(List)) && (ly_nlen(spec) != 3 || bad_var(ly_narg(spec, 1))))) {
        ly_message(vm, ly_nhead(e), "ilim", 1, spec);
        return NULL;
    }
    if (ly_is_normal(spec) && !ly_is_sym(spec)) return NULL;
    return integrate(vm, f, spec);
}

static const LyBuiltin calculus_builtins[] = {
    { "D", b_d, "Protected ReadProtected", "D[f, x] gives the partial derivative \u2202f/\u2202x." },
    { "Derivative", b_derivative, "NHoldAll OperatorForm ReadProtected",
      "f' represents the derivative of a function f of one argument." },
    { "Integrate", b_integrate, "Protected ReadProtected", "Integrate[f, x] gives the indefinite integral \u222bf dx." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_calculus(LyVM *vm);
LyStatus lys_open_calculus(LyVM *vm) {
    ly_set_message(vm, "Integrate", "ilim", "Invalid integration variable or limit(s) in `1`.");
    return ly_register_table(vm, calculus_builtins);
}
