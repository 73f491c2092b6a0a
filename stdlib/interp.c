/*
 * interp.c — Interpolation of one-dimensional data and the
 * InterpolatingFunction it gives.  Written against lyra.h + lyra_ext.h.
 *
 * Interpolation[{y1, y2, ...}] (at x = 1, 2, ...) or
 * Interpolation[{{x1, y1}, {x2, y2}, ...}], InterpolationOrder -> n
 * (default 3): on each interval, the polynomial of degree n through the n + 1
 * data points around it (Wolfram's default piecewise scheme; exact data at
 * an exact point gives an exact value).  The result is
 * InterpolatingFunction[{{xmin, xmax}}, {order, xs, ys}], written
 * InterpolatingFunction[{{xmin, xmax}}, <>]; f[x] evaluates, outside the
 * data with InterpolatingFunction::dmval and extrapolation, and f lists.
 */
#include <string.h>
#include "lys_data.h"

static bool is_num(LyExpr x) { return lys_is_realnum(x); }

/* the sorted data points as two Lists of numbers, or false */
static bool data_of(LyVM *vm, LyExpr d, LyExpr *xs, LyExpr *ys) {
    LyExpr u = lys_unpacked(vm, d);
    if (!u) return false;
    size_t n = ly_nlen(u);
    bool pairs = n > 0 && lys_is_list(ly_narg(u, 1));
    LyExpr pts = ly_mknormal(vm, LY_SYM(List), n);
    bool ok = pts != NULL && n >= 2;
    for (size_t i = 1; ok && i <= n; i++) {
        LyExpr p = ly_narg(u, i), x, y;
        if (pairs) {
            LyExpr pu = lys_is_list(p) ? lys_unpacked(vm, p) : NULL;
            if (!pu || ly_nlen(pu) != 2 || !is_num(ly_narg(pu, 1))) { ly_unref(vm, pu); ok = false; break; }
            x = ly_narg(pu, 1); y = ly_narg(pu, 2);
            ly_ref(x); ly_ref(y);
            ly_unref(vm, pu);
        } else {
            x = ly_int(vm, (int64_t)i);
            y = p;
            ly_ref(y);
        }
        ly_nset(pts, i, ly_mk(vm, LY_SYM(List), 2, x, y));
    }
    ly_unref(vm, u);
    if (!ok) { if (pts) lys_abandon(vm, pts, 1); return false; }
    /* sorted by x */
    LyExpr sorted = lys_apply_eval(vm, ly_symbol(vm, "SortBy"), 2, (LyExpr[]){ pts, ly_symbol(vm, "First") });
    ly_unref(vm, pts);
    if (!sorted) return false;
    LyExpr tr = lys_apply_eval(vm, ly_symbol(vm, "Transpose"), 1, &sorted);
    ly_unref(vm, sorted);
    if (!tr || !lys_is_list(tr) || lys_list_len(tr) != 2) { ly_unref(vm, tr); return false; }
    LyExpr tu = lys_unpacked(vm, tr);
    ly_unref(vm, tr);
    if (!tu) return false;
    *xs = ly_narg(tu, 1); ly_ref(*xs);
    *ys = ly_narg(tu, 2); ly_ref(*ys);
    ly_unref(vm, tu);
    return true;
}

static LyExpr b_interpolation(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    int64_t order = 3;
    if (ly_nlen(e) == 2) {
        LyExpr o = ly_narg(e, 2);
        if (!ly_head_is(o, LY_SYM(Rule)) || ly_nlen(o) != 2 || !ly_is_symbol(ly_narg(o, 1), "InterpolationOrder") ||
            !ly_is_small(ly_narg(o, 2)) || ly_small(ly_narg(o, 2)) < 0) return NULL;
        order = ly_small(ly_narg(o, 2));
    }
    if (!lys_is_list(ly_narg(e, 1))) return NULL;
    LyExpr xs, ys;
    if (!data_of(vm, ly_narg(e, 1), &xs, &ys)) {
        if (!ly_unwinding(vm)) {
            ly_set_message(vm, "Interpolation", "innd", "First argument `1` is not a list of at least two data points or a list of pairs with numeric abscissas.");
            ly_message(vm, ly_nhead(e), "innd", 1, ly_narg(e, 1));
        }
        return NULL;
    }
    size_t n = lys_list_len(xs);
    if ((size_t)order > n - 1) order = (int64_t)n - 1;
    LyExpr lo0 = ly_part(vm, xs, 1), hi0 = ly_part(vm, xs, (int64_t)n);
    LyExpr lo = lo0 ? lys_numericalize(vm, lo0) : NULL, hi = hi0 ? lys_numericalize(vm, hi0) : NULL;
    ly_unref(vm, lo0);
    ly_unref(vm, hi0);
    LyExpr dom = lo && hi ? ly_mk(vm, LY_SYM(List), 1, ly_mk(vm, LY_SYM(List), 2, lo, hi)) : NULL;
    if (!dom) { ly_unref(vm, lo); ly_unref(vm, hi); ly_unref(vm, xs); ly_unref(vm, ys); return NULL; }
    return ly_mk(vm, ly_symbol(vm, "InterpolatingFunction"), 2, dom, ly_mk(vm, LY_SYM(List), 3, ly_int(vm, order), xs, ys));
}

/* the interpolated value at x (a number); data {order, xs, ys} or
 * {order, xs, ys, d} for the d-th derivative (f' of an InterpolatingFunction) */
static LyExpr interp_at(LyVM *vm, LyExpr f, LyExpr x) {
    LyExpr data = ly_narg(f, 2);
    int64_t order = ly_small(ly_narg(data, 1));
    int64_t deriv = ly_nlen(data) == 4 ? ly_small(ly_narg(data, 4)) : 0;
    LyExpr at = x;
    if (deriv > 0) x = ly_symbol(vm, "Lyra`interp$t");   /* the polynomial in t, differentiated, at x */
    LyExpr xs = lys_unpacked(vm, ly_narg(data, 2)), ys = xs ? lys_unpacked(vm, ly_narg(data, 3)) : NULL;
    if (!xs || !ys) { ly_unref(vm, xs); return NULL; }
    size_t n = ly_nlen(xs);
    double xv = ly_num_to_double(at);
    /* the interval: the last xi <= x (clamped) */
    size_t i = 1;
    while (i + 1 < n && ly_num_to_double(ly_narg(xs, i + 1)) <= xv) i++;
    if (xv < ly_num_to_double(ly_narg(xs, 1)) || xv > ly_num_to_double(ly_narg(xs, n))) {
        ly_set_message(vm, "InterpolatingFunction", "dmval",
                       "Input value `1` lies outside the range of data in the interpolating function. Extrapolation will be used.");
        LyExpr xl = ly_mk(vm, LY_SYM(List), 1, (ly_ref(at), at));
        ly_message(vm, ly_symbol(vm, "InterpolatingFunction"), "dmval", 1, xl);
        ly_unref(vm, xl);
    }
    /* order + 1 points around the interval [xi, xi+1]: from i - (order - 1)/2 */
    int64_t k = (int64_t)i - (order - 1) / 2;
    if (order == 0) k = (int64_t)i;
    if (k < 1) k = 1;
    if (k + order > (int64_t)n) k = (int64_t)n - order;
    /* Lagrange form: Sum yj Prod (x - xm)/(xj - xm) */
    LyExpr sum = ly_mknormal(vm, LY_SYM(Plus), (size_t)order + 1);
    bool ok = sum != NULL;
    for (int64_t j = k; ok && j <= k + order; j++) {
        LyExpr term = ly_mknormal(vm, LY_SYM(Times), (size_t)order + 1);
        if (!term) { ok = false; break; }
        size_t t = 1;
        ly_ref(ly_narg(ys, (size_t)j));
        ly_nset(term, t++, ly_narg(ys, (size_t)j));
        for (int64_t m = k; m <= k + order; m++) {
            if (m == j) continue;
            LyExpr xm = ly_narg(xs, (size_t)m), xj = ly_narg(xs, (size_t)j);
            ly_ref(x); ly_ref(xm); ly_ref(xj); ly_ref(xm);
            ly_nset(term, t++, ly_mk(vm, LY_SYM(Times), 2,
                ly_mk(vm, LY_SYM(Plus), 2, x, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), xm)),
                ly_mk(vm, LY_SYM(Power), 2, ly_mk(vm, LY_SYM(Plus), 2, xj, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), xm)), ly_mksmall(-1))));
        }
        lys_nset_ok(sum, (size_t)(j - k + 1), term, &ok);
    }
    ly_unref(vm, xs);
    ly_unref(vm, ys);
    if (!ok) { ly_unref(vm, sum); return NULL; }
    if (deriv == 0) return lys_eval_steal(vm, sum);
    LyExpr d = lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "D"), 2, sum,
                                        ly_mk(vm, LY_SYM(List), 2, (ly_ref(x), x), ly_int(vm, deriv))));
    LyExpr r = d ? ly_substitute(vm, d, 1, &x, &at) : NULL;
    ly_unref(vm, d);
    return lys_eval_steal(vm, r);
}

/* InterpolatingFunction[dom, data][x] */
static LyExpr b_interpolatingfunction(LyVM *vm, LyExpr e) {
    LyExpr h = ly_nhead(e);
    if (ly_is_sym(h)) return NULL;               /* the function itself is inert */
    if (!ly_is_normal(h) || ly_nlen(h) != 2 || ly_nlen(e) != 1) return NULL;
    LyExpr data = ly_narg(h, 2);
    if (!ly_head_is(data, LY_SYM(List)) || ly_nlen(data) < 3 || ly_nlen(data) > 4 || !ly_is_small(ly_narg(data, 1)) ||
        (ly_nlen(data) == 4 && !ly_is_small(ly_narg(data, 4)))) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (lys_is_list(x)) {
        LyExpr u = lys_unpacked(vm, x);
        if (!u) return NULL;
        LyExpr r = ly_mknormal(vm, LY_SYM(List), ly_nlen(u));
        for (size_t i = 1; r && i <= ly_nlen(u); i++) {
            LyExpr v = lys_apply_eval(vm, h, 1, &ly_nargs(u)[i - 1]);
            if (!v) { lys_abandon(vm, r, i); r = NULL; break; }
            ly_nset(r, i, v);
        }
        ly_unref(vm, u);
        return r;
    }
    if (!is_num(x)) {
        /* Pi/2, Sqrt[2]: at the numerical value */
        if (!lys_numericq(vm, x)) return NULL;
        LyExpr nx = lys_numericalize(vm, x);
        LyExpr r = nx && is_num(nx) ? interp_at(vm, h, nx) : NULL;
        ly_unref(vm, nx);
        return r;
    }
    return interp_at(vm, h, x);
}

static const LyBuiltin interp_builtins[] = {
    { "Interpolation", b_interpolation, "Protected",
      "Interpolation[{f1, f2, ...}] constructs an interpolation of the function values fi, assumed to correspond to x values 1, 2, ....\n"
      "Interpolation[{{x1, f1}, {x2, f2}, ...}] constructs an interpolation of the function values fi corresponding to x values xi.\n"
      "Interpolation[data, InterpolationOrder -> n] uses polynomials of degree n (default 3)." },
    { "InterpolatingFunction", b_interpolatingfunction, "Protected OperatorForm Formatted",
      "InterpolatingFunction[domain, table] represents an approximate function whose values are found by interpolation." },
    { "InterpolationOrder", NULL, "Protected",
      "InterpolationOrder is an option for Interpolation that specifies the degree of the interpolating polynomials." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_interp(LyVM *vm);
LyStatus lys_open_interp(LyVM *vm) { return ly_register_table(vm, interp_builtins); }
