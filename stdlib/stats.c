/*
 * stats.c — descriptive statistics and numeric clean-up: Mean, Median,
 * Variance, StandardDeviation, Clip, Rescale, Chop.  Written against
 * lyra.h + lyra_ext.h.
 *
 * Packed vectors take machine loops (Variance by Welford's method, Median
 * by selection); other lists build Plus/Times expressions and evaluate
 * them, so exact and symbolic data give exact and symbolic answers as in
 * Wolfram (Mean[{1, 2}] is 3/2, Mean[{a, b}] is (a + b)/2).  Matrices
 * work column-wise.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lys_data.h"

static LyExpr eval(LyVM *vm, LyExpr e) { return lys_eval_steal(vm, e); }
static LyExpr sym(LyVM *vm, const char *n) { return ly_symbol(vm, n); }
static LyExpr call1(LyVM *vm, const char *f, LyExpr x) { return lys_apply_eval(vm, sym(vm, f), 1, &x); }

static bool need_list(LyVM *vm, LyExpr e, LyExpr x, size_t min) {
    if (lys_is_list(x) && lys_list_len(x) >= min) return true;
    if (lys_is_list(x)) {
        ly_set_message(vm, ly_symbol_name(ly_nhead(e)), "shlen", "The argument `1` should have at least `2` elements.");
        ly_message(vm, ly_nhead(e), "shlen", 2, x, lys_count(min));
    } else {
        ly_set_message(vm, ly_symbol_name(ly_nhead(e)), "rectn", "Rectangular array expected at position `1` in `2`.");
        ly_message(vm, ly_nhead(e), "rectn", 2, ly_mksmall(1), e);
    }
    return false;
}

/* Total[x] / n */
static LyExpr mean_of(LyVM *vm, LyExpr x) {
    size_t n = lys_list_len(x);
    if (ly_is_packed(x) && ly_packed(x)->h.aux == 1 && ly_packed(x)->h.flags == LY_PACKED_REAL) {
        const double *d = ly_packed(x)->data;
        double s = 0, c = 0;
        for (size_t i = 0; i < n; i++) { double t = s + d[i]; c += fabs(s) >= fabs(d[i]) ? (s - t) + d[i] : (d[i] - t) + s; s = t; }
        return ly_mkreal(vm, (s + c) / (double)n);
    }
    LyExpr t = call1(vm, "Total", x);
    if (!t) return NULL;
    return eval(vm, ly_mk(vm, LY_SYM(Times), 2, t, ly_mk(vm, LY_SYM(Power), 2, ly_int(vm, (int64_t)n), ly_mksmall(-1))));
}

/* Mean, Variance, StandardDeviation, Median of a distribution (distrib.c) */
#define DIST_PROPERTY() do { \
        LyExpr dp_ = lys_dist_call(vm, e); \
        if (dp_ || ly_unwinding(vm) || lys_is_dist(ly_narg(e, 1))) return dp_; \
    } while (0)

static LyExpr b_mean(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    DIST_PROPERTY();
    LyExpr x = ly_narg(e, 1);
    if (ly_type(x) == LY_TASSOC) {
        LyExpr v = call1(vm, "Values", x);
        LyExpr r = v ? lys_apply_eval(vm, ly_nhead(e), 1, &v) : NULL;
        ly_unref(vm, v);
        return r;
    }
    if (!need_list(vm, e, x, 1)) return NULL;
    return mean_of(vm, x);
}

/* Variance with n - 1 in the denominator. */
static LyExpr variance_of(LyVM *vm, LyExpr x) {
    size_t n = lys_list_len(x);
    if (ly_is_packed(x) && ly_packed(x)->h.aux == 1 && ly_packed(x)->h.flags == LY_PACKED_REAL) {
        const double *d = ly_packed(x)->data;
        double m = 0, s = 0;
        for (size_t i = 0; i < n; i++) { double dx = d[i] - m; m += dx / (double)(i + 1); s += dx * (d[i] - m); }
        return ly_mkreal(vm, s / (double)(n - 1));
    }
    if (ly_is_packed(x) && ly_packed(x)->h.aux > 1) {
        /* column-wise */
        LyExpr t = call1(vm, "Transpose", x);
        if (!t) return NULL;
        LyExpr u = lys_unpacked(vm, t);
        ly_unref(vm, t);
        if (!u) return NULL;
        LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(u));
        for (size_t i = 1; out && i <= ly_nlen(u); i++) {
            LyExpr v = variance_of(vm, ly_narg(u, i));
            if (!v) { lys_abandon(vm, out, i); out = NULL; break; }
            ly_nset(out, i, v);
        }
        ly_unref(vm, u);
        return lys_pack_steal(vm, out);
    }
    /* sum((x - mean) Conjugate[x - mean]) / (n - 1) for exact/symbolic data */
    LyExpr m = mean_of(vm, x);
    if (!m) return NULL;
    LyExpr u = lys_unpacked(vm, x);
    if (!u) { ly_unref(vm, m); return NULL; }
    LyExpr sum = ly_mknormal(vm, LY_SYM(Plus), n);
    for (size_t i = 1; sum && i <= n; i++) {
        LyExpr a = ly_narg(u, i);
        LyExpr d = ly_mk(vm, LY_SYM(Plus), 2, (ly_ref(a), a), ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), (ly_ref(m), m)));
        LyExpr dc = d ? eval(vm, d) : NULL;
        LyExpr t = NULL;
        if (dc) {
            LyExpr conj = ly_is_number(dc) && ly_type(dc) != LY_TCOMPLEX ? (ly_ref(dc), dc) : call1(vm, "Conjugate", dc);
            t = conj ? ly_mk(vm, LY_SYM(Times), 2, dc, conj) : (ly_unref(vm, dc), NULL);
        }
        if (!t) { lys_abandon(vm, sum, i); sum = NULL; break; }
        ly_nset(sum, i, t);
    }
    ly_unref(vm, u);
    ly_unref(vm, m);
    if (!sum) return NULL;
    return eval(vm, ly_mk(vm, LY_SYM(Times), 2, sum, ly_mk(vm, LY_SYM(Power), 2, ly_int(vm, (int64_t)n - 1), ly_mksmall(-1))));
}

static LyExpr b_variance(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    DIST_PROPERTY();
    LyExpr x = ly_narg(e, 1);
    if (!need_list(vm, e, x, 2)) return NULL;
    return variance_of(vm, x);
}

static LyExpr b_standarddeviation(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    DIST_PROPERTY();
    LyExpr x = ly_narg(e, 1);
    if (!need_list(vm, e, x, 2)) return NULL;
    LyExpr v = variance_of(vm, x);
    if (!v) return NULL;
    if (ly_is_real(v)) { double d = ly_realv(v); ly_unref(vm, v); return ly_mkreal(vm, sqrt(d)); }
    LyExpr r = call1(vm, "Sqrt", v);
    ly_unref(vm, v);
    return r;
}

static int cmp_d(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static LyExpr b_median(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    DIST_PROPERTY();
    LyExpr x = ly_narg(e, 1);
    if (!need_list(vm, e, x, 1)) return NULL;
    size_t n = lys_list_len(x);
    if (ly_is_packed(x) && ly_packed(x)->h.aux == 1) {
        LyPacked *p = ly_packed(x);
        double *d = ly_alloc(vm, n * sizeof(double));
        if (!d) return ly_raise_nomem(vm);
        for (size_t i = 0; i < n; i++) d[i] = p->h.flags == LY_PACKED_REAL ? ((double *)p->data)[i] : (double)((int64_t *)p->data)[i];
        qsort(d, n, sizeof(double), cmp_d);
        LyExpr r;
        if (p->h.flags == LY_PACKED_REAL) r = ly_mkreal(vm, n % 2 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2);
        else {
            /* exact: the middle element or the mean of the two */
            int64_t a = (int64_t)d[(n - 1) / 2], b = (int64_t)d[n / 2];
            if (fabs(d[n / 2]) < 9.0e15) r = n % 2 ? ly_int(vm, b) : ly_mkrational(vm, ly_int(vm, a + b), ly_mksmall(2));
            else r = NULL;
        }
        ly_dealloc(vm, d, n * sizeof(double));
        if (r || ly_unwinding(vm)) return r;
    }
    LyExpr s = call1(vm, "Sort", x);
    if (!s) return NULL;
    LyExpr a = ly_part(vm, s, (n + 1) / 2), b = ly_part(vm, s, n / 2 + 1);
    ly_unref(vm, s);
    if (!a || !b) { ly_unref(vm, a); ly_unref(vm, b); return NULL; }
    if (n % 2) { ly_unref(vm, b); return a; }
    return eval(vm, ly_mk(vm, LY_SYM(Times), 2, ly_rational(vm, 1, 2), ly_mk(vm, LY_SYM(Plus), 2, a, b)));
}

/* ---- Clip, Rescale, Chop ------------------------------------------------------------------------- */

static LyExpr clip1(LyVM *vm, LyExpr x, LyExpr lo, LyExpr hi, LyExpr vlo, LyExpr vhi) {
    if (lys_is_list(x)) {
        LyExpr u = lys_unpacked(vm, x);
        if (!u) return NULL;
        LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(u));
        for (size_t i = 1; out && i <= ly_nlen(u); i++) {
            LyExpr v = clip1(vm, ly_narg(u, i), lo, hi, vlo, vhi);
            if (!v) { lys_abandon(vm, out, i); out = NULL; break; }
            ly_nset(out, i, v);
        }
        ly_unref(vm, u);
        return out;
    }
    if (!lys_is_realnum(x)) return ly_mk(vm, sym(vm, "Clip"), 3, (ly_ref(x), x),
                                          ly_mk(vm, LY_SYM(List), 2, (ly_ref(lo), lo), (ly_ref(hi), hi)),
                                          ly_mk(vm, LY_SYM(List), 2, (ly_ref(vlo), vlo), (ly_ref(vhi), vhi)));
    if (ly_num_cmp(x, lo) < 0) { ly_ref(vlo); return vlo; }
    if (ly_num_cmp(x, hi) > 0) { ly_ref(vhi); return vhi; }
    ly_ref(x);
    return x;
}

static LyExpr b_clip(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr x = ly_narg(e, 1), lo = ly_mksmall(-1), hi = ly_mksmall(1);
    if (ly_nlen(e) >= 2) {
        LyExpr r = ly_narg(e, 2);
        if (!ly_head_is(r, LY_SYM(List)) || ly_nlen(r) != 2) return NULL;
        lo = ly_narg(r, 1); hi = ly_narg(r, 2);
    }
    LyExpr vlo = lo, vhi = hi;
    if (ly_nlen(e) == 3) {
        LyExpr r = ly_narg(e, 3);
        if (!ly_head_is(r, LY_SYM(List)) || ly_nlen(r) != 2) return NULL;
        vlo = ly_narg(r, 1); vhi = ly_narg(r, 2);
    }
    if (!lys_is_realnum(lo) || !lys_is_realnum(hi)) return NULL;
    if (!lys_is_list(x) && !lys_is_realnum(x)) return NULL;
    if (ly_is_packed(x) && ly_nlen(e) == 1 + (ly_nlen(e) >= 2) && ly_packed(x)->h.flags == LY_PACKED_REAL) {
        LyPacked *p = ly_packed(x);
        LyExpr r = ly_mkpacked(vm, LY_PACKED_REAL, p->h.aux, p->dims);
        if (!r) return NULL;
        double a = ly_num_to_double(lo), b = ly_num_to_double(hi);
        const double *s = p->data;
        double *d = ly_packed(r)->data;
        for (size_t i = 0; i < p->len; i++) d[i] = s[i] < a ? a : s[i] > b ? b : s[i];
        return r;
    }
    return clip1(vm, x, lo, hi, vlo, vhi);
}

static LyExpr b_rescale(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr x = ly_narg(e, 1), lo, hi;
    LyExpr owned_lo = NULL, owned_hi = NULL;
    if (ly_nlen(e) == 1) {
        if (!lys_is_list(x)) return NULL;
        owned_lo = call1(vm, "Min", x);
        owned_hi = owned_lo ? call1(vm, "Max", x) : NULL;
        if (!owned_hi) { ly_unref(vm, owned_lo); return NULL; }
        lo = owned_lo; hi = owned_hi;
    } else {
        LyExpr r = ly_narg(e, 2);
        if (!ly_head_is(r, LY_SYM(List)) || ly_nlen(r) != 2) return NULL;
        lo = ly_narg(r, 1); hi = ly_narg(r, 2);
    }
    LyExpr ylo = ly_mksmall(0), yhi = ly_mksmall(1);
    if (ly_nlen(e) == 3) {
        LyExpr r = ly_narg(e, 3);
        if (!ly_head_is(r, LY_SYM(List)) || ly_nlen(r) != 2) { ly_unref(vm, owned_lo); ly_unref(vm, owned_hi); return NULL; }
        ylo = ly_narg(r, 1); yhi = ly_narg(r, 2);
    }
    /* ylo + (x - lo) (yhi - ylo) / (hi - lo), threaded over lists by Plus/Times */
    LyExpr neg_lo = ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), (ly_ref(lo), lo));
    LyExpr span = ly_mk(vm, LY_SYM(Plus), 2, (ly_ref(hi), hi), ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), (ly_ref(lo), lo)));
    LyExpr yspan = ly_mk(vm, LY_SYM(Plus), 2, (ly_ref(yhi), yhi), ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), (ly_ref(ylo), ylo)));
    LyExpr expr = ly_mk(vm, LY_SYM(Plus), 2, (ly_ref(ylo), ylo),
                        ly_mk(vm, LY_SYM(Times), 3, ly_mk(vm, LY_SYM(Plus), 2, (ly_ref(x), x), neg_lo), yspan,
                              ly_mk(vm, LY_SYM(Power), 2, span, ly_mksmall(-1))));
    ly_unref(vm, owned_lo); ly_unref(vm, owned_hi);
    return eval(vm, expr);
}

static LyExpr chop(LyVM *vm, LyExpr x, double delta) {
    if (ly_is_real(x)) return fabs(ly_realv(x)) < delta ? ly_mksmall(0) : (ly_ref(x), x);
    if (ly_type(x) == LY_TCOMPLEX) {
        LyComplex *c = (LyComplex *)x;
        LyExpr re = chop(vm, c->re, delta), im = re ? chop(vm, c->im, delta) : NULL;
        if (!im) { ly_unref(vm, re); return NULL; }
        return ly_mkcomplex(vm, re, im);
    }
    if (ly_is_packed(x)) {
        LyPacked *p = ly_packed(x);
        if (p->h.flags == LY_PACKED_INT64) { ly_ref(x); return x; }
        bool any = false;
        for (size_t i = 0; i < p->len && !any; i++) any = fabs(((double *)p->data)[i]) < delta;
        if (!any) { ly_ref(x); return x; }
        LyExpr u = ly_unpack(vm, x);
        LyExpr r = u ? chop(vm, u, delta) : NULL;
        ly_unref(vm, u);
        return r;
    }
    if (ly_type(x) == LY_TASSOC) {
        LyAssoc *a = ly_assoc(x);
        LY_SCRATCH(LyExpr, rules, vm, a->len);
        if (!rules) return NULL;
        size_t k = 0;
        rules[0] = NULL;
        for (; k < a->len; k++) {
            LyExpr v = chop(vm, ly_narg(a->rules[k], 2), delta);
            rules[k] = v ? ly_mk(vm, ly_nhead(a->rules[k]), 2, (ly_ref(ly_narg(a->rules[k], 1)), ly_narg(a->rules[k], 1)), v) : NULL;
            if (!rules[k]) break;
        }
        LyExpr r = k == a->len ? ly_mkassoc(vm, k, rules) : NULL;
        for (size_t j = 0; j < k; j++) ly_unref(vm, rules[j]);
        return r;
    }
    if (!ly_is_normal(x)) { ly_ref(x); return x; }
    size_t n = ly_nlen(x);
    LyExpr h = chop(vm, ly_nhead(x), delta);
    LyExpr out = h ? ly_mknormal(vm, h, n) : NULL;
    for (size_t i = 1; out && i <= n; i++) {
        LyExpr v = chop(vm, ly_narg(x, i), delta);
        if (!v) { lys_abandon(vm, out, i); out = NULL; break; }
        ly_nset(out, i, v);
    }
    return out;
}

static LyExpr b_chop(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    double delta = 1e-10;
    if (ly_nlen(e) == 2) {
        if (!lys_is_realnum(ly_narg(e, 2))) return NULL;
        delta = ly_num_to_double(ly_narg(e, 2));
    }
    return chop(vm, ly_narg(e, 1), delta);
}

static const LyBuiltin stats_builtins[] = {
    { "Mean", b_mean, "Protected", "Mean[list] gives the statistical mean of the elements in list." },
    { "Median", b_median, "Protected", "Median[list] gives the median of the elements in list." },
    { "Variance", b_variance, "Protected", "Variance[list] gives the sample variance of the elements in list." },
    { "StandardDeviation", b_standarddeviation, "Protected",
      "StandardDeviation[list] gives the sample standard deviation of the elements in list." },
    { "Clip", b_clip, "Protected", "Clip[x] gives x clipped to be between -1 and +1." },
    { "Rescale", b_rescale, "Protected",
      "Rescale[x, {min, max}] gives x rescaled to run from 0 to 1 over the range min to max." },
    { "Chop", b_chop, "Protected", "Chop[expr] replaces approximate real numbers in expr that are close to zero by the exact integer 0." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_stats(LyVM *vm);
LyStatus lys_open_stats(LyVM *vm) { return ly_register_table(vm, stats_builtins); }
