/*
 * calculus.c — D, Derivative of known functions, Integrate (rules tried in
 * turn: tables, substitution, parts, trigonometric reduction, partial
 * fractions; definite integrals by the antiderivative at the ends, limits
 * at infinite ones).
 * Written against lyra.h + lyra_ext.h.
 *
 * D builds the derivative as an unevaluated expression tree and evaluates
 * it once: Plus/Times/Power then put it in canonical form.
 */
#include <stdio.h>
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
    if (!strcmp(f, "ArcTanh") || !strcmp(f, "ArcCoth"))
        return inv(vm, plus2(vm, ly_mksmall(1), neg(vm, pow2(vm, U, ly_mksmall(2)))));
    /* ArcSec'[u] = 1/(Sqrt[1 - 1/u^2] u^2), ArcCsc' its negative, ArcCsch'[u] = -1/(Sqrt[1 + 1/u^2] u^2) */
    if (!strcmp(f, "ArcSec") || !strcmp(f, "ArcCsc") || !strcmp(f, "ArcCsch")) {
        LyExpr r = inv(vm, times2(vm, pow2(vm, plus2(vm, ly_mksmall(1), times2(vm, ly_mksmall(strcmp(f, "ArcCsch") ? -1 : 1),
                                                                                  pow2(vm, ref(u), ly_mksmall(-2)))),
                                                 ly_rational(vm, 1, 2)), pow2(vm, U, ly_mksmall(2))));
        return strcmp(f, "ArcSec") ? neg(vm, r) : r;
    }
    /* ArcSech'[u] = -1/(u Sqrt[(1 - u)/(1 + u)] (1 + u)) */
    if (!strcmp(f, "ArcSech"))
        return neg(vm, inv(vm, times2(vm, times2(vm, ref(u), pow2(vm, times2(vm, plus2(vm, ly_mksmall(1), neg(vm, ref(u))),
                                                                               inv(vm, plus2(vm, ly_mksmall(1), ref(u)))),
                                                                  ly_rational(vm, 1, 2))),
                                      plus2(vm, ly_mksmall(1), U))));
    if (!strcmp(f, "ProductLog"))   /* ProductLog[u]/(u (1 + ProductLog[u])) */
        return times2(vm, mk1(vm, "ProductLog", ref(u)),
                      inv(vm, times2(vm, ref(u), plus2(vm, ly_mksmall(1), mk1(vm, "ProductLog", U)))));
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
        if (!r) return NULL;
        for (size_t i = 1; i <= n; i++) {
            LyExpr t = dd(vm, ly_narg(e, i), x);
            if (!t) { lys_abandon(vm, r, i); return NULL; }
            ly_nset(r, i, t);
        }
        return r;
    }
    if (h == LY_SYM(Times)) {
        LyExpr r = ly_mknormal(vm, LY_SYM(Plus), n);
        if (!r) return NULL;
        for (size_t i = 1; i <= n; i++) {
            LyExpr t = ly_mknormal(vm, LY_SYM(Times), n);
            if (!t) { lys_abandon(vm, r, i); return NULL; }
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
    if (is_fn(e, "Integrate", 2) && ly_head_is(ly_narg(e, 2), LY_SYM(List)) && ly_nlen(ly_narg(e, 2)) == 3 &&
        ly_is_sym(ly_narg(ly_narg(e, 2), 1)) && !ly_equal(ly_narg(ly_narg(e, 2), 1), x)) {
        /* Leibniz: D[Integrate[g, {t, a, b}], x] = g(b) b' - g(a) a' + Integrate[D[g, x], {t, a, b}] */
        LyExpr g = ly_narg(e, 1), it = ly_narg(e, 2), t = ly_narg(it, 1), a = ly_narg(it, 2), b = ly_narg(it, 3);
        LyExpr db = dd(vm, b, x), da = db ? dd(vm, a, x) : NULL, dg = da ? dd(vm, g, x) : NULL;
        if (!dg) { ly_unref(vm, db); ly_unref(vm, da); return NULL; }
        LyExpr gb = ly_substitute(vm, g, 1, &t, &b), ga = gb ? ly_substitute(vm, g, 1, &t, &a) : NULL;
        if (!ga) { ly_unref(vm, gb); ly_unref(vm, db); ly_unref(vm, da); ly_unref(vm, dg); return NULL; }
        LyExpr rest = lys_free_of(dg, x) && ly_is_small(dg) && ly_small(dg) == 0 ? (ly_unref(vm, dg), ly_mksmall(0))
                                                                              : ly_mk(vm, ref(h), 2, dg, ref(it));
        return ly_mk(vm, LY_SYM(Plus), 3, times2(vm, gb, db), neg(vm, times2(vm, ga, da)), rest);
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
    if (!r) return NULL;
    for (size_t i = 1; i <= n; i++) {
        LyExpr du = dd(vm, ly_narg(e, i), x);
        if (!du) { lys_abandon(vm, r, i); return NULL; }
        LyExpr head = bump_derivative(vm, f, counts, n, i);
        LyExpr call = head ? ly_apply(vm, head, n, ly_nargs(e)) : NULL;
        ly_unref(vm, head);
        LyExpr t = call ? times2(vm, du, call) : (ly_unref(vm, du), NULL);
        if (!t) { lys_abandon(vm, r, i); return NULL; }
        ly_nset(r, i, t);
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

/* body differentiated counts[i] times by vars[i] (steals body) */
static LyExpr d_times(LyVM *vm, LyExpr body, size_t n, const LyExpr *vars, const int64_t *counts) {
    for (size_t i = 0; i < n && body; i++)
        for (int64_t j = 0; j < counts[i] && body; j++) { LyExpr nb = lys_d(vm, body, vars[i]); ly_unref(vm, body); body = nb; }
    return body;
}

/* Derivative[n1, ..., nk][f] as a pure function: for the elementary
 * functions (Sin' -> Cos[#1] &), pure functions (with slots or named
 * parameters) and symbols whose definitions give f[#1, ..., #k] a value
 * (g[x_] := x^3; g' is 3 #1^2 &), as Wolfram does. */
static LyExpr b_derivative(LyVM *vm, LyExpr e) {
    LyExpr h = ly_nhead(e);
    if (!ly_head_is(h, LY_SYM(Derivative)) || ly_nlen(e) != 1) return NULL;
    LyExpr f = ly_narg(e, 1);
    size_t n = ly_nlen(h);
    if (n == 0 || n > 16) return NULL;
    int64_t counts[16], total = 0;
    for (size_t i = 0; i < n; i++) {
        if (!ly_is_small(ly_narg(h, i + 1)) || ly_small(ly_narg(h, i + 1)) < 0) return NULL;
        counts[i] = ly_small(ly_narg(h, i + 1));
        total += counts[i];
    }
    if (total == 0) return ref(f);
    if (n == 1 && ly_is_normal(f) && ly_nlen(f) == 2 && ly_is_symbol(ly_nhead(f), "InterpolatingFunction") &&
        ly_head_is(ly_narg(f, 2), LY_SYM(List)) && (ly_nlen(ly_narg(f, 2)) == 3 || ly_nlen(ly_narg(f, 2)) == 4)) {
        /* the derivative of an interpolation: the same data, one more derivative order */
        LyExpr data = ly_narg(f, 2);
        int64_t d0 = ly_nlen(data) == 4 && ly_is_small(ly_narg(data, 4)) ? ly_small(ly_narg(data, 4)) : 0;
        LyExpr nd = ly_mk(vm, LY_SYM(List), 4, ref(ly_narg(data, 1)), ref(ly_narg(data, 2)), ref(ly_narg(data, 3)),
                          ly_int(vm, d0 + total));
        return nd ? ly_mk(vm, ref(ly_nhead(f)), 2, ref(ly_narg(f, 1)), nd) : NULL;
    }
    LyExpr slots[16];
    for (size_t i = 0; i < n; i++) slots[i] = ly_mk(vm, LY_SYM(Slot), 1, ly_mksmall((int64_t)i + 1));
    LyExpr r = NULL;
    if (ly_head_is(f, LY_SYM(Function)) && (ly_nlen(f) == 1 || (ly_nlen(f) == 2 && ly_narg(f, 1) == LY_SYM(Null)))) {
        LyExpr body = d_times(vm, ref(ly_narg(f, ly_nlen(f))), n, slots, counts);
        r = body ? ly_mk(vm, LY_SYM(Function), 1, body) : NULL;
    } else if (ly_head_is(f, LY_SYM(Function)) && ly_nlen(f) == 2) {
        /* Function[{x, y}, body]: by the parameters */
        LyExpr ps = ly_narg(f, 1);
        size_t np = ly_is_sym(ps) ? 1 : ly_head_is(ps, LY_SYM(List)) ? ly_nlen(ps) : 0;
        if (np == n) {
            const LyExpr *vars = ly_is_sym(ps) ? ly_nargs(f) : ly_nargs(ps);
            bool ok = true;
            for (size_t i = 0; i < n; i++) ok = ok && ly_is_sym(vars[i]);
            LyExpr body = ok ? d_times(vm, ref(ly_narg(f, 2)), n, vars, counts) : NULL;
            r = body ? ly_mk(vm, LY_SYM(Function), 2, ref(ps), body) : NULL;
        }
    } else if (ly_is_sym(f)) {
        LyExpr chk = n == 1 ? known_derivative(vm, ly_sym(f)->name, slots[0]) : NULL;
        if (chk) {
            ly_unref(vm, chk);
            LyExpr body = d_times(vm, ly_mk(vm, ref(f), 1, ref(slots[0])), 1, slots, counts);
            r = body ? ly_mk(vm, LY_SYM(Function), 1, body) : NULL;
        } else if (!ly_unwinding(vm) && !(ly_attributes(vm, f) & LY_ATTR_PROTECTED)) {
            /* a user function: the value its definitions give f[#1, ..., #n] */
            LyExpr call = ly_apply(vm, f, n, slots);
            LyExpr v = call ? ly_evaluate(vm, call) : NULL;
            if (v && !ly_equal(v, call)) {
                LyExpr body = d_times(vm, ref(v), n, slots, counts);
                r = body ? ly_mk(vm, LY_SYM(Function), 1, body) : NULL;
            }
            ly_unref(vm, v);
            ly_unref(vm, call);
        }
    }
    for (size_t i = 0; i < n; i++) ly_unref(vm, slots[i]);
    return r;
}

/* ---- Integrate ----------------------------------------------------------------------------------- */

/*
 * The antiderivative is searched by rules tried in turn, as a table-driven
 * integrator does: linearity; a table of f[a x + b]; E^(a x) times Sin/Cos;
 * substitution u = g(x) when the integrand is h(g(x)) g'(x) (derivative
 * divides, inner functions in canonical order); integration by parts
 * (polynomial times Sin/Cos/Exp, Log/ArcTan/... times a polynomial);
 * powers and products of trigonometric functions through TrigReduce;
 * expansion; partial fractions and the Log/ArcTan forms of quadratic
 * denominators.  Recursion is bounded (depth and work), so an integrand no
 * rule finishes stays unevaluated instead of looping.  The result is
 * collected over its exponential and trigonometric factors, as Wolfram
 * writes it: E^x (2 - 2 x + x^2).
 */

typedef struct Ig { LyVM *vm; LyExpr x; int depth; long work; } Ig;

#define IG_MAX_DEPTH 8
#define IG_MAX_WORK 400

static LyExpr ig(Ig *G, LyExpr e);

/* e = a x + b with a, b free of x: sets a (new ref). */
static bool linear_in(LyVM *vm, LyExpr e, LyExpr x, LyExpr *a) {
    LyExpr d = lys_d(vm, e, x);
    if (!d) return false;
    if (!lys_free_of(d, x) || (ly_is_small(d) && ly_small(d) == 0)) { ly_unref(vm, d); return false; }
    *a = d;
    return true;
}

/* e = c x^2 + k with c, k numbers (c != 0): sets c and k (borrowed from a
 * CoefficientList; the caller unrefs *hold) */
static bool quadratic_pure(LyVM *vm, LyExpr e, LyExpr x, LyExpr *c, LyExpr *k, LyExpr *hold) {
    *hold = NULL;
    if (lys_free_of(e, x)) return false;
    LyExpr cl = lys_eval_steal(vm, ly_mk(vm, S(vm, "CoefficientList"), 2, ref(e), ref(x)));
    if (!cl) return false;
    if (!ly_head_is(cl, LY_SYM(List)) || ly_nlen(cl) != 3 || !ly_is_number(ly_narg(cl, 1)) ||
        !(ly_is_small(ly_narg(cl, 2)) && ly_small(ly_narg(cl, 2)) == 0) || !ly_is_number(ly_narg(cl, 3))) {
        ly_unref(vm, cl);
        return false;
    }
    *k = ly_narg(cl, 1);
    *c = ly_narg(cl, 3);
    *hold = cl;
    return true;
}

static bool positive_number(LyExpr a) { return ly_is_number(a) && ly_type(a) != LY_TCOMPLEX && ly_num_sign(a) > 0; }

/* the table of f[a x + b] and a few other closed forms */
static LyExpr table(LyVM *vm, LyExpr e, LyExpr x) {
    if (!ly_is_normal(e)) return NULL;
    LyExpr h = ly_nhead(e);
    if (h == LY_SYM(Power) && ly_nlen(e) == 2) {
        LyExpr b = ly_narg(e, 1), p = ly_narg(e, 2), a;
        if (lys_free_of(p, x) && linear_in(vm, b, x, &a)) {
            if (ly_is_small(p) && ly_small(p) == -1)
                return times2(vm, inv(vm, a), mk1(vm, "Log", ref(b)));
            LyExpr p1 = plus2(vm, ref(p), ly_mksmall(1));
            if (!p1) { ly_unref(vm, a); return NULL; }
            LyExpr pw = pow2(vm, ref(b), ref(p1));
            return ly_mk(vm, LY_SYM(Times), 3, pw, inv(vm, p1), inv(vm, a));
        }
        if (lys_free_of(b, x) && linear_in(vm, p, x, &a)) {
            if (b == LY_SYM(E)) return times2(vm, ref(e), inv(vm, a));
            return ly_mk(vm, LY_SYM(Times), 3, ref(e), inv(vm, a), inv(vm, mk1(vm, "Log", ref(b))));
        }
        LyExpr c, k, hold;
        if (b == LY_SYM(E) && quadratic_pure(vm, p, x, &c, &k, &hold)) {
            /* E^(k - s x^2) = E^k Sqrt[Pi] Erf[Sqrt[s] x]/(2 Sqrt[s]), s > 0 */
            LyExpr r = NULL;
            if (ly_num_sign(c) < 0 && ly_type(c) != LY_TCOMPLEX) {
                LyExpr s = lys_eval_steal(vm, neg(vm, ref(c)));
                LyExpr rs = s ? pow2(vm, s, ly_rational(vm, 1, 2)) : NULL;
                if (rs)
                    r = ly_mk(vm, LY_SYM(Times), 5, pow2(vm, LY_SYM(E), ref(k)), pow2(vm, LY_SYM(Pi), ly_rational(vm, 1, 2)),
                              mk1(vm, "Erf", times2(vm, ref(rs), ref(x))), ly_rational(vm, 1, 2), inv(vm, rs));
            }
            ly_unref(vm, hold);
            return r;
        }
        if ((ly_type(p) == LY_TRAT) && quadratic_pure(vm, b, x, &c, &k, &hold)) {
            /* (k - s x^2)^(+-1/2), (k + s x^2)^(+-1/2) with k, s > 0 */
            LyExpr r = NULL;
            bool half = ly_is_small(((LyRational *)p)->den) && ly_small(((LyRational *)p)->den) == 2;
            int64_t pn = ly_is_small(((LyRational *)p)->num) ? ly_small(((LyRational *)p)->num) : 0;
            if (half && (pn == -1 || pn == 1) && positive_number(k) && ly_is_number(c) && ly_type(c) != LY_TCOMPLEX) {
                bool minus = ly_num_sign(c) < 0;
                LyExpr s = lys_eval_steal(vm, minus ? neg(vm, ref(c)) : ref(c));
                LyExpr arg = s ? lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 3, pow2(vm, ref(s), ly_rational(vm, 1, 2)),
                                                          ref(x), pow2(vm, ref(k), ly_rational(vm, -1, 2)))) : NULL;
                if (arg) {
                    LyExpr f = mk1(vm, minus ? "ArcSin" : "ArcSinh", arg);
                    LyExpr is = pow2(vm, ref(s), ly_rational(vm, -1, 2));
                    if (pn == -1) r = times2(vm, f, is);
                    else  /* x Sqrt[b]/2 + k f/(2 Sqrt[s]) */
                        r = plus2(vm, ly_mk(vm, LY_SYM(Times), 3, ly_rational(vm, 1, 2), ref(x), ref(e)),
                                  ly_mk(vm, LY_SYM(Times), 4, ly_rational(vm, 1, 2), ref(k), f, is));
                }
                ly_unref(vm, s);
            }
            ly_unref(vm, hold);
            return r;
        }
        /* Sec[u]^2 -> Tan[u]/a, Csc[u]^2 -> -Cot[u]/a, Tan[u]^2 -> Tan[u]/a - x, Cot[u]^2 */
        if (ly_is_small(p) && ly_small(p) == 2 && ly_is_normal(b) && ly_nlen(b) == 1 && ly_is_sym(ly_nhead(b)) &&
            linear_in(vm, ly_narg(b, 1), x, &a)) {
            const char *f = ly_sym(ly_nhead(b))->name;
            LyExpr u = ly_narg(b, 1), r = NULL;
            if (!strcmp(f, "Sec")) r = mk1(vm, "Tan", ref(u));
            else if (!strcmp(f, "Csc")) r = neg(vm, mk1(vm, "Cot", ref(u)));
            else if (!strcmp(f, "Sech")) r = mk1(vm, "Tanh", ref(u));
            else if (!strcmp(f, "Csch")) r = neg(vm, mk1(vm, "Coth", ref(u)));
            else if (!strcmp(f, "Tan")) { ly_ref(a); return plus2(vm, times2(vm, mk1(vm, "Tan", ref(u)), inv(vm, a)), neg(vm, times2(vm, ref(x), ly_mksmall(1)))); }
            else if (!strcmp(f, "Cot")) { ly_ref(a); return plus2(vm, neg(vm, times2(vm, mk1(vm, "Cot", ref(u)), inv(vm, a))), neg(vm, ref(x))); }
            if (!r) { ly_unref(vm, a); return NULL; }
            return times2(vm, r, inv(vm, a));
        }
        return NULL;
    }
    if (!ly_is_sym(h) || ly_nlen(e) != 1) return NULL;
    LyExpr u = ly_narg(e, 1), a;
    if (!linear_in(vm, u, x, &a)) return NULL;
    const char *f = ly_sym(h)->name;
    LyExpr r = NULL;
    LyExpr sq = NULL;   /* Sqrt[1 - u^2] and friends */
    if (!strcmp(f, "Sin")) r = neg(vm, mk1(vm, "Cos", ref(u)));
    else if (!strcmp(f, "Cos")) r = mk1(vm, "Sin", ref(u));
    else if (!strcmp(f, "Tan")) r = neg(vm, mk1(vm, "Log", mk1(vm, "Cos", ref(u))));
    else if (!strcmp(f, "Cot")) r = mk1(vm, "Log", mk1(vm, "Sin", ref(u)));
    else if (!strcmp(f, "Sinh")) r = mk1(vm, "Cosh", ref(u));
    else if (!strcmp(f, "Cosh")) r = mk1(vm, "Sinh", ref(u));
    else if (!strcmp(f, "Tanh")) r = mk1(vm, "Log", mk1(vm, "Cosh", ref(u)));
    else if (!strcmp(f, "Coth")) r = mk1(vm, "Log", mk1(vm, "Sinh", ref(u)));
    else if (!strcmp(f, "Exp")) r = pow2(vm, LY_SYM(E), ref(u));
    else if (!strcmp(f, "Log")) r = plus2(vm, neg(vm, ref(u)), times2(vm, ref(u), mk1(vm, "Log", ref(u))));
    else if (!strcmp(f, "ArcTan"))
        r = plus2(vm, times2(vm, ref(u), mk1(vm, "ArcTan", ref(u))),
                  times2(vm, ly_rational(vm, -1, 2), mk1(vm, "Log", plus2(vm, ly_mksmall(1), pow2(vm, ref(u), ly_mksmall(2))))));
    else if (!strcmp(f, "ArcSin") || !strcmp(f, "ArcCos")) {
        sq = pow2(vm, plus2(vm, ly_mksmall(1), neg(vm, pow2(vm, ref(u), ly_mksmall(2)))), ly_rational(vm, 1, 2));
        r = plus2(vm, times2(vm, ref(u), mk1(vm, f, ref(u))), !strcmp(f, "ArcSin") ? sq : neg(vm, sq));
    } else if (!strcmp(f, "ArcSinh") || !strcmp(f, "ArcCosh")) {
        sq = !strcmp(f, "ArcSinh") ? pow2(vm, plus2(vm, ly_mksmall(1), pow2(vm, ref(u), ly_mksmall(2))), ly_rational(vm, 1, 2))
                                   : times2(vm, pow2(vm, plus2(vm, ly_mksmall(-1), ref(u)), ly_rational(vm, 1, 2)),
                                            pow2(vm, plus2(vm, ly_mksmall(1), ref(u)), ly_rational(vm, 1, 2)));
        r = plus2(vm, times2(vm, ref(u), mk1(vm, f, ref(u))), neg(vm, sq));
    } else if (!strcmp(f, "ArcTanh"))
        r = plus2(vm, times2(vm, ref(u), mk1(vm, "ArcTanh", ref(u))),
                  times2(vm, ly_rational(vm, 1, 2), mk1(vm, "Log", plus2(vm, ly_mksmall(1), neg(vm, pow2(vm, ref(u), ly_mksmall(2)))))));
    else if (!strcmp(f, "Erf"))
        r = plus2(vm, pow2(vm, times2(vm, pow2(vm, LY_SYM(E), pow2(vm, ref(u), ly_mksmall(2))), pow2(vm, LY_SYM(Pi), ly_rational(vm, 1, 2))), ly_mksmall(-1)),
                  times2(vm, ref(u), mk1(vm, "Erf", ref(u))));
    if (!r) { ly_unref(vm, a); return NULL; }
    return times2(vm, r, inv(vm, a));
}

/* E^(a x + c) Sin[b x + d] and Cos: E^(...) (a Sin - b Cos)/(a^2 + b^2),
 * E^(...) (a Cos + b Sin)/(a^2 + b^2) */
static LyExpr exp_trig(LyVM *vm, LyExpr e, LyExpr x) {
    if (!ly_head_is(e, LY_SYM(Times)) || ly_nlen(e) != 2) return NULL;
    LyExpr ex = ly_narg(e, 1), tr = ly_narg(e, 2);
    if (!ly_head_is(ex, LY_SYM(Power))) { LyExpr t = ex; ex = tr; tr = t; }
    if (!ly_head_is(ex, LY_SYM(Power)) || ly_nlen(ex) != 2 || ly_narg(ex, 1) != LY_SYM(E)) return NULL;
    if (!(is_fn(tr, "Sin", 1) || is_fn(tr, "Cos", 1))) return NULL;
    LyExpr a, b;
    if (!linear_in(vm, ly_narg(ex, 2), x, &a)) return NULL;
    if (!linear_in(vm, ly_narg(tr, 1), x, &b)) { ly_unref(vm, a); return NULL; }
    bool sin = is_fn(tr, "Sin", 1);
    LyExpr u = ly_narg(tr, 1);
    LyExpr den = plus2(vm, pow2(vm, ref(a), ly_mksmall(2)), pow2(vm, ref(b), ly_mksmall(2)));
    LyExpr num = sin ? plus2(vm, times2(vm, a, mk1(vm, "Sin", ref(u))), neg(vm, times2(vm, b, mk1(vm, "Cos", ref(u)))))
                     : plus2(vm, times2(vm, a, mk1(vm, "Cos", ref(u))), times2(vm, b, mk1(vm, "Sin", ref(u))));
    return ly_mk(vm, LY_SYM(Times), 3, ref(ex), num, inv(vm, den));
}

/* the inner functions of e that depend on x (not x, not linear), sorted */
static void inner_functions(LyVM *vm, LyExpr e, LyExpr x, LyExpr **v, size_t *n, size_t *cap, int depth) {
    if (!ly_is_normal(e) || lys_free_of(e, x) || depth > 6 || *n >= 64) return;
    LyExpr h = ly_nhead(e);
    bool candidate = h != LY_SYM(Times) && h != LY_SYM(List) && !ly_equal(e, x);
    if (candidate && h == LY_SYM(Plus)) {
        LyExpr a;
        if (linear_in(vm, e, x, &a)) { ly_unref(vm, a); candidate = false; }
    }
    if (candidate) {
        for (size_t i = 0; i < *n; i++) if (ly_equal((*v)[i], e)) { candidate = false; break; }
    }
    if (candidate) {
        if (*n == *cap) {
            size_t nc = *cap ? 2 * *cap : 16;
            LyExpr *nv = ly_realloc(vm, *v, *cap * sizeof(LyExpr), nc * sizeof(LyExpr));
            if (!nv) return;
            *v = nv; *cap = nc;
        }
        (*v)[(*n)++] = e;
    }
    for (size_t i = 1; i <= ly_nlen(e); i++) inner_functions(vm, ly_narg(e, i), x, v, n, cap, depth + 1);
}

/* e/d by removing d's factors from e's (bases with numeric exponents, and
 * the numeric coefficient), without the rewriting evaluation would do
 * between them (Cos[x]/Sin[x] -> Cot[x]); NULL when d's factors are not
 * all in e */
static LyExpr divide_factors(LyVM *vm, LyExpr e, LyExpr d) {
    LyExpr *ef = &e, *df = &d;
    size_t ne = 1, nd = 1;
    if (ly_head_is(e, LY_SYM(Times))) { ef = ly_nargs(e); ne = ly_nlen(e); }
    if (ly_head_is(d, LY_SYM(Times))) { df = ly_nargs(d); nd = ly_nlen(d); }
    LY_SCRATCH(LyExpr, exps, vm, ne);
    if (!exps) return NULL;
    for (size_t i = 0; i < ne; i++) exps[i] = NULL;
    LyExpr coef = ly_mksmall(1);
    bool ok = true;
    for (size_t j = 0; ok && j < nd; j++) {
        LyExpr f = df[j], b = f, k = ly_mksmall(1);
        if (ly_is_number(f)) {
            LyExpr c = ly_num_div(vm, coef, f);
            ly_unref(vm, coef);
            coef = c;
            ok = c != NULL;
            continue;
        }
        if (ly_head_is(f, LY_SYM(Power)) && ly_nlen(f) == 2 && ly_is_number(ly_narg(f, 2))) { b = ly_narg(f, 1); k = ly_narg(f, 2); }
        ok = false;
        for (size_t i = 0; i < ne; i++) {
            LyExpr g = ef[i], bg = g, kg = ly_mksmall(1);
            if (ly_head_is(g, LY_SYM(Power)) && ly_nlen(g) == 2 && ly_is_number(ly_narg(g, 2))) { bg = ly_narg(g, 1); kg = ly_narg(g, 2); }
            if (!ly_equal(bg, b)) continue;
            LyExpr cur = exps[i] ? exps[i] : (ly_ref(kg), kg);
            LyExpr nk = ly_mk(vm, LY_SYM(Plus), 2, cur, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ref(k)));
            exps[i] = nk ? lys_eval_steal(vm, nk) : NULL;
            ok = exps[i] != NULL;
            break;
        }
    }
    LyExpr r = NULL;
    if (ok && coef) {
        r = ly_mknormal(vm, LY_SYM(Times), ne + 1);
        for (size_t i = 0; r && i < ne; i++) {
            LyExpr g = ef[i];
            if (!exps[i]) ly_nset(r, i + 1, ref(g));
            else {
                LyExpr bg = ly_head_is(g, LY_SYM(Power)) && ly_nlen(g) == 2 && ly_is_number(ly_narg(g, 2)) ? ly_narg(g, 1) : g;
                ly_nset(r, i + 1, pow2(vm, ref(bg), exps[i]));
                exps[i] = NULL;
            }
        }
        if (r) { ly_nset(r, ne + 1, coef); coef = NULL; r = lys_eval_steal(vm, r); }
    }
    for (size_t i = 0; i < ne; i++) ly_unref(vm, exps[i]);
    ly_unref(vm, coef);
    return r;
}

/* substitution u = g(x) when e / g'(x) is a function of g alone */
static LyExpr substitution(Ig *G, LyExpr e) {
    LyVM *vm = G->vm;
    LyExpr x = G->x;
    LyExpr *cand = NULL;
    size_t n = 0, cap = 0;
    /* the integrand itself is not a candidate: its inner functions are */
    if (ly_is_normal(e))
        for (size_t i = 0; i <= ly_nlen(e); i++)
            inner_functions(vm, ly_normal(e)->e[i], x, &cand, &n, &cap, 0);
    for (size_t i = 1; i < n; i++) {
        LyExpr c = cand[i];
        size_t j = i;
        while (j > 0 && ly_order(cand[j - 1], c) > 0) { cand[j] = cand[j - 1]; j--; }
        cand[j] = c;
    }
    char name[40];
    snprintf(name, sizeof name, "Lyra`Private`iu%d", G->depth);
    LyExpr u = S(vm, name);
    LyExpr res = NULL;
    for (size_t i = 0; i < n && !res && !ly_unwinding(vm); i++) {
        LyExpr g = cand[i];
        LyExpr dg = lys_d(vm, g, x);
        if (!dg) break;
        if (lys_free_of(dg, x) || (ly_is_number(dg) && ly_num_is_zero(dg))) { ly_unref(vm, dg); continue; }
        LyExpr qc = divide_factors(vm, e, dg);
        if (!qc && !ly_unwinding(vm)) {
            LyExpr q = lys_eval_steal(vm, times2(vm, ref(e), inv(vm, ref(dg))));
            qc = q ? lys_together(vm, q) : NULL;
            ly_unref(vm, q);
        }
        ly_unref(vm, dg);
        if (!qc) break;
        /* g -> u as a literal replacement (ReplaceAll) */
        LyExpr qe = lys_eval_steal(vm, ly_mk(vm, LY_SYM(ReplaceAll), 2, qc, ly_mk(vm, LY_SYM(Rule), 2, ref(g), u)));
        if (qe && lys_free_of(qe, x) && !ly_equal(qe, e)) {
            Ig H = { vm, u, G->depth + 1, G->work };
            LyExpr r = ig(&H, qe);
            G->work = H.work;
            if (r) {
                res = lys_eval_steal(vm, ly_substitute(vm, r, 1, &u, &g));
                ly_unref(vm, r);
            }
        }
        ly_unref(vm, qe);
    }
    ly_dealloc(vm, cand, cap * sizeof(LyExpr));
    return res;
}

/* a factor only the table integrates when it is the u of parts: Log,
 * inverse trigonometric and hyperbolic functions (of a linear argument),
 * and powers of Log */
static bool parts_u(LyVM *vm, LyExpr f, LyExpr x) {
    LyExpr a;
    if (ly_head_is(f, LY_SYM(Power)) && ly_nlen(f) == 2 && ly_is_small(ly_narg(f, 2)) && ly_small(ly_narg(f, 2)) > 1)
        f = ly_narg(f, 1);
    if (!ly_is_normal(f) || ly_nlen(f) != 1 || !ly_is_sym(ly_nhead(f))) return false;
    const char *n = ly_sym(ly_nhead(f))->name;
    if (strcmp(n, "Log") && strcmp(n, "ArcTan") && strcmp(n, "ArcSin") && strcmp(n, "ArcCos") &&
        strcmp(n, "ArcSinh") && strcmp(n, "ArcCosh") && strcmp(n, "ArcTanh") && strcmp(n, "ArcCot"))
        return false;
    if (!linear_in(vm, ly_narg(f, 1), x, &a)) return false;
    ly_unref(vm, a);
    return true;
}

/* a factor integrated by the table whose integral's integrals stay in the
 * table: Sin, Cos, Sinh, Cosh, Exp of a linear argument */
static bool parts_dv(LyVM *vm, LyExpr f, LyExpr x) {
    LyExpr a, arg = NULL;
    if (ly_head_is(f, LY_SYM(Power)) && ly_nlen(f) == 2 && ly_narg(f, 1) == LY_SYM(E)) arg = ly_narg(f, 2);
    else if (is_fn(f, "Sin", 1) || is_fn(f, "Cos", 1) || is_fn(f, "Sinh", 1) || is_fn(f, "Cosh", 1)) arg = ly_narg(f, 1);
    if (!arg || !linear_in(vm, arg, x, &a)) return false;
    ly_unref(vm, a);
    return true;
}

/* integration by parts: P F with P a polynomial in x and F one factor */
static LyExpr by_parts(Ig *G, LyExpr e) {
    LyVM *vm = G->vm;
    LyExpr x = G->x;
    LyExpr *fs = &e;
    size_t n = 1;
    if (ly_head_is(e, LY_SYM(Times))) { fs = ly_nargs(e); n = ly_nlen(e); }
    /* the one factor that is not polynomial in x */
    size_t k = n;
    for (size_t i = 0; i < n; i++) {
        LyExpr pq = lys_eval_steal(vm, ly_mk(vm, S(vm, "PolynomialQ"), 2, ref(fs[i]), ref(x)));
        bool poly = pq == LY_SYM(True);
        ly_unref(vm, pq);
        if (poly) continue;
        if (k != n) return NULL;
        k = i;
    }
    if (k == n) return NULL;
    LyExpr F = fs[k];
    LyExpr P = ly_mknormal(vm, LY_SYM(Times), n);
    if (!P) return NULL;
    for (size_t i = 0; i < n; i++) ly_nset(P, i + 1, i == k ? ly_mksmall(1) : ref(fs[i]));
    P = lys_eval_steal(vm, P);
    if (!P) return NULL;
    LyExpr res = NULL;
    if (parts_u(vm, F, x)) {
        /* u = F, dv = P: F V - Integrate[V F'] */
        LyExpr V = ig(G, P);
        LyExpr dF = V ? lys_d(vm, F, x) : NULL;
        LyExpr prod = dF ? lys_eval_steal(vm, times2(vm, ref(V), dF)) : NULL;
        LyExpr rest = prod ? lys_expand(vm, prod) : NULL;
        ly_unref(vm, prod);
        LyExpr ir = rest ? ig(G, rest) : NULL;
        if (ir) res = lys_eval_steal(vm, plus2(vm, times2(vm, ref(F), ref(V)), neg(vm, ref(ir))));
        ly_unref(vm, V); ly_unref(vm, rest); ly_unref(vm, ir);
    } else if (parts_dv(vm, F, x) && !lys_free_of(P, x)) {
        /* u = P, dv = F: P V - Integrate[P' V] */
        LyExpr T = table(vm, F, x);
        LyExpr V = T ? lys_eval_steal(vm, T) : NULL;
        LyExpr dP = V ? lys_d(vm, P, x) : NULL;
        LyExpr rest = dP ? lys_eval_steal(vm, times2(vm, dP, ref(V))) : NULL;
        LyExpr ir = rest ? ig(G, rest) : NULL;
        if (ir) res = lys_eval_steal(vm, plus2(vm, times2(vm, ref(P), ref(V)), neg(vm, ref(ir))));
        ly_unref(vm, V); ly_unref(vm, rest); ly_unref(vm, ir);
    }
    ly_unref(vm, P);
    return res;
}

/* a product of powers of trigonometric functions of x */
static bool trig_product(LyExpr e, LyExpr x) {
    LyExpr *fs = &e;
    size_t n = 1;
    if (ly_head_is(e, LY_SYM(Times))) { fs = ly_nargs(e); n = ly_nlen(e); }
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        LyExpr f = fs[i];
        if (lys_free_of(f, x)) continue;
        if (ly_head_is(f, LY_SYM(Power)) && ly_nlen(f) == 2 && ly_is_small(ly_narg(f, 2))) f = ly_narg(f, 1);
        if (!(is_fn(f, "Sin", 1) || is_fn(f, "Cos", 1) || is_fn(f, "Sinh", 1) || is_fn(f, "Cosh", 1))) return false;
        any = true;
    }
    return any;
}

/* (b x + c)/(a x^2 + p x + q): Log and ArcTan */
static LyExpr quadratic_den(LyVM *vm, LyExpr e, LyExpr x) {
    LyExpr num, den, res = NULL;
    lys_numden(vm, e, &num, &den);
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
            LyExpr arg = lys_eval_steal(vm, times2(vm, plus2(vm, ly_mk(vm, LY_SYM(Times), 3, ly_mksmall(2), ref(a), ref(x)), ref(b)), inv(vm, ref(sq))));
            LyExpr arge = arg ? lys_expand(vm, arg) : NULL;
            ly_unref(vm, arg);
            LyExpr atn = arge ? ly_mk(vm, LY_SYM(Times), 4, kk, ly_mksmall(2), inv(vm, sq), mk1(vm, "ArcTan", arge))
                              : (ly_unref(vm, kk), ly_unref(vm, sq), NULL);
            res = lys_eval_steal(vm, plus2(vm, logp, atn));
        }
        ly_unref(vm, cl); ly_unref(vm, nl);
    }
    ly_unref(vm, num); ly_unref(vm, den);
    return res;
}

static LyExpr ig_rules(Ig *G, LyExpr e) {
    LyVM *vm = G->vm;
    LyExpr x = G->x;
    if (lys_free_of(e, x)) return lys_eval_steal(vm, times2(vm, ref(e), ref(x)));
    if (ly_equal(e, x)) return lys_eval_steal(vm, times2(vm, ly_rational(vm, 1, 2), pow2(vm, ref(x), ly_mksmall(2))));
    if (ly_head_is(e, LY_SYM(Plus))) {
        size_t n = ly_nlen(e);
        LyExpr r = ly_mknormal(vm, LY_SYM(Plus), n);
        if (!r) return NULL;
        for (size_t i = 1; i <= n; i++) {
            LyExpr t = ig(G, ly_narg(e, i));
            if (!t) { lys_abandon(vm, r, i); return NULL; }
            ly_nset(r, i, t);
        }
        return lys_eval_steal(vm, r);
    }
    if (ly_head_is(e, LY_SYM(Times))) {
        /* constant factors out */
        size_t n = ly_nlen(e), nc = 0, nd = 0;
        for (size_t i = 1; i <= n; i++) nc += lys_free_of(ly_narg(e, i), x);
        if (nc > 0) {
            LyExpr c = ly_mknormal(vm, LY_SYM(Times), nc), d = ly_mknormal(vm, LY_SYM(Times), n - nc);
            if (!c || !d) { ly_unref(vm, c); ly_unref(vm, d); return NULL; }
            nc = 0;
            for (size_t i = 1; i <= n; i++) {
                LyExpr f = ly_narg(e, i);
                if (lys_free_of(f, x)) ly_nset(c, ++nc, ref(f)); else ly_nset(d, ++nd, ref(f));
            }
            LyExpr de = lys_eval_steal(vm, d);
            LyExpr id = de ? ig(G, de) : NULL;
            ly_unref(vm, de);
            if (!id) { ly_unref(vm, c); return NULL; }
            return lys_eval_steal(vm, times2(vm, c, id));
        }
    }
    LyExpr t = table(vm, e, x);
    if (t) return lys_eval_steal(vm, t);
    if (ly_unwinding(vm)) return NULL;
    t = exp_trig(vm, e, x);
    if (t) return lys_eval_steal(vm, t);
    if (ly_unwinding(vm)) return NULL;
    t = substitution(G, e);
    if (t || ly_unwinding(vm)) return t;
    t = by_parts(G, e);
    if (t || ly_unwinding(vm)) return t;
    if (trig_product(e, x)) {
        LyExpr tr = lys_eval_steal(vm, ly_mk(vm, S(vm, "TrigReduce"), 1, ref(e)));
        if (!tr) return NULL;
        LyExpr r = NULL;
        if (!ly_equal(tr, e)) {
            LyExpr ex = lys_expand(vm, tr);
            if (ex) r = ig(G, ex);
            ly_unref(vm, ex);
        }
        ly_unref(vm, tr);
        if (r || ly_unwinding(vm)) return r;
    }
    /* products and powers of sums: expand; rational functions: partial fractions */
    LyExpr ex = lys_expand(vm, e);
    if (!ex) return NULL;
    if (!ly_equal(ex, e)) { LyExpr r = ig(G, ex); ly_unref(vm, ex); return r; }
    ly_unref(vm, ex);
    LyExpr ap = lys_eval_steal(vm, ly_mk(vm, S(vm, "Apart"), 2, ref(e), ref(x)));
    if (!ap) return NULL;
    if (!ly_equal(ap, e) && ly_head_is(ap, LY_SYM(Plus))) { LyExpr r = ig(G, ap); ly_unref(vm, ap); return r; }
    ly_unref(vm, ap);
    return quadratic_den(vm, e, x);
}

/* The antiderivative, or NULL (not unwinding) when no rule finishes. */
static LyExpr ig(Ig *G, LyExpr e) {
    if (!ly_safe_point(G->vm)) return NULL;
    if (G->depth >= IG_MAX_DEPTH || ++G->work > IG_MAX_WORK) return NULL;
    G->depth++;
    LyExpr r = ig_rules(G, e);
    G->depth--;
    return r;
}

/* exponential, trigonometric and hyperbolic factors of e */
static void kernels(LyVM *vm, LyExpr e, LyExpr x, LyExpr *v, size_t *n, size_t cap) {
    if (!ly_is_normal(e) || lys_free_of(e, x)) return;
    bool k = (ly_head_is(e, LY_SYM(Power)) && ly_nlen(e) == 2 && ly_narg(e, 1) == LY_SYM(E)) ||
             is_fn(e, "Sin", 1) || is_fn(e, "Cos", 1) || is_fn(e, "Sinh", 1) || is_fn(e, "Cosh", 1);
    if (k) {
        for (size_t i = 0; i < *n; i++) if (ly_equal(v[i], e)) return;
        if (*n < cap) v[(*n)++] = e;
        return;
    }
    for (size_t i = 1; i <= ly_nlen(e); i++) kernels(vm, ly_narg(e, i), x, v, n, cap);
}

/* Wolfram's shape of an antiderivative: expanded and collected over its
 * exponential and trigonometric factors with factored coefficients
 * (E^x (2 - 2 x + x^2), -((-2 + x^2) Cos[x]) + 2 x Sin[x]). */
static LyExpr tidy(LyVM *vm, LyExpr r, LyExpr x) {
    LyExpr ks[8];
    size_t nk = 0;
    kernels(vm, r, x, ks, &nk, 8);
    if (nk == 0) {
        /* numbers times sums among the terms distribute: x Log[x]^2 - 2 (-x + x Log[x]) */
        if (!ly_head_is(r, LY_SYM(Plus))) return ref(r);
        bool any = false;
        for (size_t i = 1; i <= ly_nlen(r); i++) {
            LyExpr t = ly_narg(r, i);
            if (ly_head_is(t, LY_SYM(Times)) && ly_nlen(t) == 2 && ly_is_number(ly_narg(t, 1)) &&
                ly_head_is(ly_narg(t, 2), LY_SYM(Plus))) any = true;
        }
        return any ? lys_expand(vm, r) : ref(r);
    }
    /* exponentials first: E^x (-Cos[x] + Sin[x])/2 */
    size_t ne = 0;
    for (size_t i = 0; i < nk; i++)
        if (ly_head_is(ks[i], LY_SYM(Power))) { LyExpr t = ks[ne]; ks[ne++] = ks[i]; ks[i] = t; }
    if (ne) nk = ne;
    LyExpr ex = lys_expand(vm, r);
    if (!ex) return NULL;
    LyExpr kl = ly_mknormal(vm, LY_SYM(List), nk);
    if (!kl) { ly_unref(vm, ex); return NULL; }
    for (size_t i = 0; i < nk; i++) ly_nset(kl, i + 1, ref(ks[i]));
    LyExpr c = lys_eval_steal(vm, ly_mk(vm, S(vm, "Collect"), 3, ex, kl, S(vm, "Together")));
    return c;
}

static LyExpr antiderivative(LyVM *vm, LyExpr f, LyExpr x) {
    Ig G = { vm, x, 0, 0 };
    LyExpr r = ig(&G, f);
    if (!r) return NULL;
    LyExpr t = tidy(vm, r, x);
    ly_unref(vm, r);
    return t;
}

/* Indeterminate, ComplexInfinity or an infinity anywhere in e */
static bool bad_value(LyVM *vm, LyExpr e) {
    return !lys_free_of(e, LY_SYM(Indeterminate)) || !lys_free_of(e, LY_SYM(ComplexInfinity)) ||
           !lys_free_of(e, LY_SYM(DirectedInfinity)) || !lys_free_of(e, LY_SYM(Infinity)) ||
           !lys_free_of(e, S(vm, "Overflow"));
}

/* F at x = v: the value, or the limit when that is not a number (infinite
 * ends, removable singularities) */
static LyExpr at_end(LyVM *vm, LyExpr F, LyExpr x, LyExpr v, bool upper) {
    if (!lys_infinity_sign(v)) {
        /* quietly: x Log[x] at 0 is a limit, not 0 (-Infinity) with a message */
        int q = ly_set_quiet(vm, 1);
        LyExpr s = lys_eval_steal(vm, ly_substitute(vm, F, 1, &x, &v));
        ly_set_quiet(vm, q);
        if (!s) return NULL;
        if (!bad_value(vm, s)) return s;
        ly_unref(vm, s);
    }
    /* the limit from inside the interval */
    LyExpr dir = ly_mk(vm, LY_SYM(Rule), 2, S(vm, "Direction"), ly_mksmall(upper ? 1 : -1));
    LyExpr lim = lys_eval_steal(vm, ly_mk(vm, S(vm, "Limit"), 3, ref(F), ly_mk(vm, LY_SYM(Rule), 2, ref(x), ref(v)), dir));
    if (lim && ly_head_is(lim, S(vm, "Limit"))) { ly_unref(vm, lim); return NULL; }
    return lim;
}

/* Integrals over (-Infinity, Infinity) or (0, Infinity) that have no
 * elementary antiderivative but a closed form: Gaussian moments
 * x^n E^(-c x^2) (Gamma[(n + 1)/2]/c^((n + 1)/2), over a sum term by term,
 * conditional on Re[c] > 0 for a symbolic c) and Sin[k x]/x. */
static LyExpr special_definite(LyVM *vm, LyExpr f, LyExpr spec) {
    int lo = lys_infinity_sign(ly_narg(spec, 2)), hi = lys_infinity_sign(ly_narg(spec, 3));
    bool whole = lo < 0 && hi > 0, half = ly_is_small(ly_narg(spec, 2)) && ly_small(ly_narg(spec, 2)) == 0 && hi > 0;
    if (!whole && !half) return NULL;
    static const char fn[] =
        "Function[{ly$f, ly$x, ly$half}, Module[{ly$terms, ly$one, ly$res, ly$conds = {}}, "
        "ly$terms = Expand[ly$f]; ly$terms = If[Head[ly$terms] === Plus, List @@ ly$terms, {ly$terms}]; "
        "ly$one = Function[ly$t, Module[{ly$fs, ly$ex, ly$c, ly$n, ly$rest, ly$k, ly$co, ly$sn}, "
        "  ly$fs = If[Head[ly$t] === Times, List @@ ly$t, {ly$t}]; "
        "  ly$ex = Cases[ly$fs, E^ly$e_ :> ly$e]; ly$sn = Cases[ly$fs, Sin[ly$u_] :> ly$u]; "
        "  Which["
        "   Length[ly$ex] == 1 && PolynomialQ[ly$ex[[1]], ly$x] && Exponent[ly$ex[[1]], ly$x] == 2 && "
        "   TrueQ[Expand[ly$ex[[1]] - Coefficient[ly$ex[[1]], ly$x, 2] ly$x^2] == 0], "
        "    ly$c = -Coefficient[ly$ex[[1]], ly$x, 2]; ly$rest = ly$t/E^ly$ex[[1]]; ly$n = Exponent[ly$rest, ly$x]; "
        "    ly$co = Simplify[ly$rest/ly$x^ly$n]; "
        "    If[!FreeQ[ly$co, ly$x] || !IntegerQ[ly$n] || ly$n < 0 || ly$c === 0, $Failed, "
        "     If[!NumericQ[ly$c], AppendTo[ly$conds, Re[ly$c] > 0]]; "
        "     If[!ly$half && OddQ[ly$n], 0, ly$co Gamma[(ly$n + 1)/2]/ly$c^((ly$n + 1)/2) If[ly$half, 1/2, 1]]], "
        "   Length[ly$sn] == 1 && PolynomialQ[ly$sn[[1]], ly$x] && Exponent[ly$sn[[1]], ly$x] == 1 && FreeQ[ly$sn[[1]] /. ly$x -> 0, ly$x] && "
        "   TrueQ[(ly$sn[[1]] /. ly$x -> 0) == 0], "
        "    ly$k = Coefficient[ly$sn[[1]], ly$x]; ly$co = Simplify[ly$t ly$x/Sin[ly$sn[[1]]]]; "
        "    If[!FreeQ[ly$co, ly$x] || !NumericQ[ly$k], $Failed, ly$co Pi Sign[ly$k] If[ly$half, 1/2, 1]], "
        "   True, $Failed]]]; "
        "ly$res = Map[ly$one, ly$terms]; "
        "If[MemberQ[ly$res, $Failed], $Failed, "
        "  ly$res = Simplify[Total[ly$res]]; If[ly$conds === {}, ly$res, ConditionalExpression[ly$res, And @@ Union[ly$conds]]]]]]";
    LyExpr fun = lys_text_expr(vm, fn, "Integrate");
    if (!fun) return NULL;
    int q = ly_set_quiet(vm, 1);
    LyExpr r = lys_apply_eval(vm, fun, 3, (LyExpr[]){ f, ly_narg(spec, 1), half ? LY_SYM(True) : LY_SYM(False) });
    ly_set_quiet(vm, q);
    ly_unref(vm, fun);
    if (r && ly_is_symbol(r, "$Failed")) { ly_unref(vm, r); return NULL; }
    return r;
}

static LyExpr definite(LyVM *vm, LyExpr f, LyExpr spec) {
    LyExpr x = ly_narg(spec, 1);
    LyExpr sp = special_definite(vm, f, spec);
    if (sp || ly_unwinding(vm)) return sp;
    LyExpr F = antiderivative(vm, f, x);
    if (!F) return NULL;
    LyExpr hi = at_end(vm, F, x, ly_narg(spec, 3), true);
    LyExpr lo = hi ? at_end(vm, F, x, ly_narg(spec, 2), false) : NULL;
    ly_unref(vm, F);
    if (!hi || !lo) { ly_unref(vm, hi); ly_unref(vm, lo); return NULL; }
    LyExpr d = lys_eval_steal(vm, plus2(vm, hi, neg(vm, lo)));
    if (!d) return NULL;
    LyExpr t = lys_together(vm, d);
    ly_unref(vm, d);
    return t;
}

static LyExpr b_integrate(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, SIZE_MAX)) return NULL;
    LyExpr f = ly_narg(e, 1);
    if (ly_head_is(f, LY_SYM(List))) {
        LyExpr r = ly_mknormal(vm, LY_SYM(List), ly_nlen(f));
        for (size_t i = 1; r && i <= ly_nlen(f); i++) {
            LyExpr call = ly_apply(vm, ly_nhead(e), ly_nlen(e), ly_nargs(e));
            if (call) { ly_unref(vm, ly_narg(call, 1)); ly_nset(call, 1, ref(ly_narg(f, i))); }
            LyExpr t = lys_eval_steal(vm, call);
            if (!t) { lys_abandon(vm, r, i); return NULL; }
            ly_nset(r, i, t);
        }
        return r;
    }
    for (size_t i = 2; i <= ly_nlen(e); i++) {
        LyExpr spec = ly_narg(e, i);
        if (bad_var(spec) || (ly_head_is(spec, LY_SYM(List)) && (ly_nlen(spec) != 3 || bad_var(ly_narg(spec, 1))))) {
            ly_message(vm, ly_nhead(e), "ilim", 1, spec);
            return NULL;
        }
        if (ly_is_normal(spec) && !ly_head_is(spec, LY_SYM(List))) return NULL;
    }
    /* Integrate[f, s1, s2, ...]: the last variable innermost */
    LyExpr cur = ref(f);
    for (size_t i = ly_nlen(e); i >= 2 && cur; i--) {
        LyExpr spec = ly_narg(e, i), r;
        if (ly_head_is(spec, LY_SYM(List))) r = definite(vm, cur, spec);
        else r = antiderivative(vm, cur, spec);
        ly_unref(vm, cur);
        cur = r;
    }
    return cur;
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
