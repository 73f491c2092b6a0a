/*
 * series.c — power series and limits: Series (SeriesData, printed as
 * 1 + x + x^2/2 + O[x]^3), Normal of a series, SeriesCoefficient, Limit.
 * Written against lyra.h + lyra_ext.h.
 *
 * Series work on truncated Laurent series in t = x - x0 (t = 1/x at
 * Infinity) with exact coefficients: a series is t^v (c0 + c1 t + ...)
 * known up to t^O (exclusive).  The expression is walked bottom-up: sums
 * and products combine series; powers use J. C. P. Miller's recurrence;
 * Exp, Log, Sin, Cos, Sinh, Cosh by their recurrences; Tan and friends as
 * quotients; ArcTan, ArcSin, ArcSinh, ArcTanh as integrals of their
 * algebraic derivatives; unknown functions f[a] by Taylor's formula with
 * Derivative[k][f].  Work is done a few orders beyond the one asked for,
 * so that poles cancelling in quotients keep enough terms.
 *
 * Limit substitutes when the result is finite, else takes the leading
 * term of the series; when there is no series (Log, essential
 * singularities) it takes the limits of the parts, and L'Hopital's rule for
 * 0/0 and Infinity/Infinity quotients.
 */
#include <complex.h>
#include <stdlib.h>
#include <string.h>
#include "lys_data.h"
#include "lys_alg.h"
#undef I

static LyExpr ref(LyExpr e) { ly_ref(e); return e; }

/* ---- coefficient arithmetic --------------------------------------------------------------------- */

static LyExpr c_add(LyVM *vm, LyExpr a, LyExpr b) {
    if (ly_is_number(a) && ly_is_number(b)) return ly_num_add(vm, a, b);
    return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, ref(a), ref(b)));
}
static LyExpr c_mul(LyVM *vm, LyExpr a, LyExpr b) {
    if (ly_is_number(a) && ly_is_number(b)) return ly_num_mul(vm, a, b);
    return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ref(a), ref(b)));
}
static LyExpr c_div(LyVM *vm, LyExpr a, LyExpr b) {
    if (ly_is_number(a) && ly_is_number(b) && !ly_num_is_zero(b)) return ly_num_div(vm, a, b);
    return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ref(a), ly_mk(vm, LY_SYM(Power), 2, ref(b), ly_mksmall(-1))));
}
static LyExpr c_simp(LyVM *vm, LyExpr a) {
    if (!a || ly_is_number(a) || ly_is_sym(a)) return a;
    LyExpr t = lys_together(vm, a);
    ly_unref(vm, a);
    return t;
}
static bool c_zero(LyVM *vm, LyExpr a) {
    if (ly_is_number(a)) return ly_num_is_zero(a);
    LyExpr t = lys_together(vm, a);
    bool z = t && ly_is_number(t) && ly_num_is_zero(t);
    ly_unref(vm, t);
    return z;
}

/* ---- series ------------------------------------------------------------------------------------------ */

typedef struct Ser { int v, len; LyExpr *c; } Ser;       /* t^(v + k) c[k], k < len; O(t^(v + len)) */

static void ser_free(LyVM *vm, Ser *s) {
    if (s->c) { for (int k = 0; k < s->len; k++) ly_unref(vm, s->c[k]); free(s->c); }
    s->c = NULL; s->len = 0;
}

static bool ser_alloc(LyVM *vm, Ser *s, int v, int len) {
    s->v = v; s->len = len < 0 ? 0 : len;
    s->c = calloc((size_t)(s->len ? s->len : 1), sizeof(LyExpr));
    if (!s->c) { ly_raise_nomem(vm); return false; }
    for (int k = 0; k < s->len; k++) s->c[k] = ly_mksmall(0);
    return true;
}

static void ser_set(LyVM *vm, Ser *s, int k, LyExpr x) { ly_unref(vm, s->c[k]); s->c[k] = x; }

/* Drops leading zero coefficients (the valuation grows, the order stays). */
static void ser_norm(LyVM *vm, Ser *s) {
    int z = 0;
    while (z < s->len && c_zero(vm, s->c[z])) z++;
    if (!z) return;
    for (int k = 0; k < z; k++) ly_unref(vm, s->c[k]);
    memmove(s->c, s->c + z, (size_t)(s->len - z) * sizeof(LyExpr));
    s->len -= z;
    s->v += z;
}

static int ser_order(const Ser *s) { return s->v + s->len; }

static bool ser_const(LyVM *vm, Ser *s, LyExpr c, int order) {
    if (c_zero(vm, c)) return ser_alloc(vm, s, order, 0);
    if (!ser_alloc(vm, s, 0, order)) return false;
    if (order > 0) ser_set(vm, s, 0, ref(c));
    else { /* nothing known but O(1) */ }
    return true;
}

static bool ser_add(LyVM *vm, const Ser *a, const Ser *b, Ser *r) {
    int o = ser_order(a) < ser_order(b) ? ser_order(a) : ser_order(b);
    int v = a->v < b->v ? a->v : b->v;
    if (v > o) v = o;
    if (!ser_alloc(vm, r, v, o - v)) return false;
    for (int k = 0; k < r->len; k++) {
        int e = v + k;
        LyExpr x = e >= a->v && e - a->v < a->len ? a->c[e - a->v] : ly_mksmall(0);
        LyExpr y = e >= b->v && e - b->v < b->len ? b->c[e - b->v] : ly_mksmall(0);
        LyExpr s = c_add(vm, x, y);
        if (!s) { ser_free(vm, r); return false; }
        ser_set(vm, r, k, s);
    }
    ser_norm(vm, r);
    return true;
}

static bool ser_mul(LyVM *vm, const Ser *a, const Ser *b, Ser *r) {
    int o1 = a->v + ser_order(b), o2 = b->v + ser_order(a);
    int o = o1 < o2 ? o1 : o2, v = a->v + b->v;
    if (!ser_alloc(vm, r, v, o - v)) return false;
    for (int k = 0; k < r->len; k++) {
        LyExpr acc = ly_mksmall(0);
        for (int i = 0; i <= k && i < a->len; i++) {
            if (k - i >= b->len) continue;
            LyExpr p = c_mul(vm, a->c[i], b->c[k - i]);
            LyExpr s = p ? c_add(vm, acc, p) : NULL;
            ly_unref(vm, p); ly_unref(vm, acc);
            acc = s;
            if (!acc) { ser_free(vm, r); return false; }
        }
        ser_set(vm, r, k, c_simp(vm, acc));
        if (!r->c[k]) { r->c[k] = ly_mksmall(0); ser_free(vm, r); return false; }
    }
    ser_norm(vm, r);
    return true;
}

/* a^p for a with a nonzero leading coefficient (Miller's recurrence on the
 * unit part): v p must be an integer. */
static bool ser_pow(LyVM *vm, const Ser *a, LyExpr p, Ser *r) {
    if (a->len == 0) return false;
    LyExpr vp = c_mul(vm, ly_mksmall(a->v), p);
    if (!vp) return false;
    bool okv = ly_is_small(vp);
    int nv = okv ? (int)ly_small(vp) : 0;
    ly_unref(vm, vp);
    if (!okv) return false;
    int n = a->len;
    if (!ser_alloc(vm, r, nv, n)) return false;
    LyExpr a0 = a->c[0];
    LyExpr b0 = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Power), 2, ref(a0), ref(p)));
    if (!b0) { ser_free(vm, r); return false; }
    ser_set(vm, r, 0, b0);
    LyExpr p1 = c_add(vm, p, ly_mksmall(1));
    for (int k = 1; k < n && p1; k++) {
        LyExpr acc = ly_mksmall(0);
        for (int j = 1; j <= k; j++) {
            /* ((p + 1) j - k) a_j b_(k-j) */
            LyExpr f = c_mul(vm, p1, ly_mksmall(j));
            LyExpr g = f ? c_add(vm, f, ly_mksmall(-k)) : NULL;
            ly_unref(vm, f);
            LyExpr t1 = g ? c_mul(vm, g, a->c[j]) : NULL;
            ly_unref(vm, g);
            LyExpr t2 = t1 ? c_mul(vm, t1, r->c[k - j]) : NULL;
            ly_unref(vm, t1);
            LyExpr s = t2 ? c_add(vm, acc, t2) : NULL;
            ly_unref(vm, t2); ly_unref(vm, acc);
            acc = s;
            if (!acc) break;
        }
        LyExpr den = acc ? c_mul(vm, a0, ly_mksmall(k)) : NULL;
        LyExpr q = den ? c_div(vm, acc, den) : NULL;
        ly_unref(vm, den); ly_unref(vm, acc);
        q = c_simp(vm, q);
        if (!q) { ly_unref(vm, p1); ser_free(vm, r); return false; }
        ser_set(vm, r, k, q);
    }
    ly_unref(vm, p1);
    ser_norm(vm, r);
    return true;
}

/* exp, sin/cos, sinh/cosh of r with r(0) = 0 (valuation >= 1), to order n:
 * the recurrences b_k = (1/k) sum j r_j b_(k-j). */
static bool ser_exp0(LyVM *vm, const LyExpr *r, int n, LyExpr *b) {
    b[0] = ly_mksmall(1);
    for (int k = 1; k < n; k++) {
        LyExpr acc = ly_mksmall(0);
        for (int j = 1; j <= k && acc; j++) {
            LyExpr t = c_mul(vm, r[j], b[k - j]);
            LyExpr t2 = t ? c_mul(vm, t, ly_mksmall(j)) : NULL;
            ly_unref(vm, t);
            LyExpr s = t2 ? c_add(vm, acc, t2) : NULL;
            ly_unref(vm, t2); ly_unref(vm, acc);
            acc = s;
        }
        b[k] = acc ? c_simp(vm, c_div(vm, acc, ly_mksmall(k))) : NULL;
        ly_unref(vm, acc);
        if (!b[k]) { for (int j = 0; j < k; j++) ly_unref(vm, b[j]); return false; }
    }
    return true;
}

static bool ser_sincos0(LyVM *vm, const LyExpr *r, int n, LyExpr *s, LyExpr *c, int sign) {
    s[0] = ly_mksmall(0);
    c[0] = ly_mksmall(1);
    for (int k = 1; k < n; k++) {
        LyExpr as = ly_mksmall(0), ac = ly_mksmall(0);
        for (int j = 1; j <= k && as && ac; j++) {
            LyExpr jr = c_mul(vm, r[j], ly_mksmall(j));
            LyExpr t1 = jr ? c_mul(vm, jr, c[k - j]) : NULL, t2 = jr ? c_mul(vm, jr, s[k - j]) : NULL;
            ly_unref(vm, jr);
            LyExpr n1 = t1 ? c_add(vm, as, t1) : NULL, n2 = t2 ? c_add(vm, ac, t2) : NULL;
            ly_unref(vm, t1); ly_unref(vm, t2); ly_unref(vm, as); ly_unref(vm, ac);
            as = n1; ac = n2;
        }
        s[k] = as ? c_simp(vm, c_div(vm, as, ly_mksmall(k))) : NULL;
        c[k] = ac ? c_simp(vm, c_div(vm, ac, ly_mksmall(sign * k))) : NULL;
        ly_unref(vm, as); ly_unref(vm, ac);
        if (!s[k] || !c[k]) {
            for (int j = 0; j <= k; j++) { if (j < k || s[k]) ly_unref(vm, s[j]); if (j < k || c[k]) ly_unref(vm, c[j]); }
            return false;
        }
    }
    return true;
}

/* Splits a (valuation >= 0) into a0 and the rest r (r_0 = 0), as dense arrays
 * of length n = order; false when a has negative valuation. */
static bool split0(LyVM *vm, const Ser *a, LyExpr *a0, LyExpr *r, int n) {
    if (a->v < 0) return false;
    for (int k = 0; k < n; k++) {
        int i = k - a->v;
        r[k] = i >= 0 && i < a->len ? ref(a->c[i]) : ly_mksmall(0);
    }
    *a0 = r[0];
    r[0] = ly_mksmall(0);
    return true;
}

static void free_arr(LyVM *vm, LyExpr *x, int n) { for (int k = 0; k < n; k++) ly_unref(vm, x[k]); }

static bool from_dense(LyVM *vm, Ser *s, LyExpr *d, int n) {
    if (!ser_alloc(vm, s, 0, n)) { free_arr(vm, d, n); return false; }
    for (int k = 0; k < n; k++) ser_set(vm, s, k, d[k]);
    ser_norm(vm, s);
    return true;
}

static bool ser_scale(LyVM *vm, Ser *s, LyExpr f) {
    for (int k = 0; k < s->len; k++) {
        LyExpr x = c_simp(vm, c_mul(vm, s->c[k], f));
        if (!x) return false;
        ser_set(vm, s, k, x);
    }
    ser_norm(vm, s);
    return true;
}

static LyExpr fcall(LyVM *vm, const char *f, LyExpr x) {
    return lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, f), 1, ref(x)));
}

/* Integral from 0 of d, plus c0: the series of f(a) from that of f'(a) a'. */
static bool ser_integrate(LyVM *vm, const Ser *d, LyExpr c0, Ser *r, int order) {
    if (!ser_alloc(vm, r, 0, order)) return false;
    ser_set(vm, r, 0, ref(c0));
    for (int k = 1; k < order; k++) {
        int i = k - 1 - d->v;
        if (i < 0 || i >= d->len) continue;
        if (k - 1 < d->v) continue;
        LyExpr x = c_simp(vm, c_div(vm, d->c[i], ly_mksmall(k)));
        if (!x) { ser_free(vm, r); return false; }
        ser_set(vm, r, k, x);
    }
    ser_norm(vm, r);
    return d->v >= 0;
}

static bool ser_deriv(LyVM *vm, const Ser *a, Ser *r) {
    int v = a->v - 1;
    if (!ser_alloc(vm, r, v, a->len)) return false;
    for (int k = 0; k < a->len; k++) {
        LyExpr x = c_mul(vm, a->c[k], ly_mksmall(a->v + k));
        if (!x) { ser_free(vm, r); return false; }
        ser_set(vm, r, k, x);
    }
    ser_norm(vm, r);
    return true;
}

typedef struct SCtx { LyVM *vm; LyExpr t; int order; int depth; } SCtx;

static bool series_of(SCtx *S, LyExpr e, Ser *out);

static bool ser_inv(LyVM *vm, const Ser *a, Ser *r) {
    return ser_pow(vm, a, ly_mksmall(-1), r);
}

/* f(a) = f(a0) + integral of deriv(a) a' with deriv given by g(a) as a
 * series computed from a (g: 0 ArcTan, 1 ArcSin, 2 ArcSinh, 3 ArcTanh, 4 Log). */
static bool ser_by_derivative(SCtx *S, const Ser *a, int g, const char *fname, Ser *out) {
    LyVM *vm = S->vm;
    if (a->v < 0) return false;
    Ser a2 = { 0 }, one = { 0 }, q = { 0 }, dq = { 0 }, da = { 0 }, prod = { 0 };
    bool ok = true;
    LyExpr a0 = a->v == 0 && a->len ? a->c[0] : ly_mksmall(0);
    if (g == 4) {
        ok = ser_inv(vm, a, &q);          /* Log' = 1/a */
    } else {
        ok = ser_mul(vm, a, a, &a2) && ser_const(vm, &one, ly_mksmall(1), ser_order(a));
        if (ok) {
            Ser m = { 0 };
            if (g == 1 || g == 3) {        /* 1 - a^2 */
                Ser na2 = { 0 };
                ok = ser_alloc(vm, &na2, a2.v, a2.len);
                for (int k = 0; ok && k < a2.len; k++) { LyExpr x = c_mul(vm, a2.c[k], ly_mksmall(-1)); ok = x != NULL; if (ok) ser_set(vm, &na2, k, x); }
                ok = ok && ser_add(vm, &one, &na2, &m);
                ser_free(vm, &na2);
            } else ok = ser_add(vm, &one, &a2, &m);
            if (ok) ok = (g == 0 || g == 3) ? ser_inv(vm, &m, &q) : ser_pow(vm, &m, ly_rational(vm, -1, 2), &q);
            ser_free(vm, &m);
        }
    }
    ok = ok && ser_deriv(vm, a, &da) && ser_mul(vm, &q, &da, &prod);
    LyExpr c0 = ok ? fcall(vm, fname, a0) : NULL;
    ok = ok && c0 && ser_integrate(vm, &prod, c0, out, ser_order(a) > 0 ? ser_order(a) : 1);
    ly_unref(vm, c0);
    ser_free(vm, &a2); ser_free(vm, &one); ser_free(vm, &q); ser_free(vm, &dq); ser_free(vm, &da); ser_free(vm, &prod);
    return ok;
}

static bool series_fn(SCtx *S, const char *name, const Ser *a, Ser *out) {
    LyVM *vm = S->vm;
    int n = ser_order(a);
    if (n <= 0) n = 1;
    if (!strcmp(name, "ArcTan")) return ser_by_derivative(S, a, 0, name, out);
    if (!strcmp(name, "ArcSin")) return ser_by_derivative(S, a, 1, name, out);
    if (!strcmp(name, "ArcSinh")) return ser_by_derivative(S, a, 2, name, out);
    if (!strcmp(name, "ArcTanh")) return ser_by_derivative(S, a, 3, name, out);
    if (!strcmp(name, "Log")) {
        if (a->v != 0 || a->len == 0) return false;
        return ser_by_derivative(S, a, 4, name, out);
    }
    if (!strcmp(name, "ArcCos")) {
        Ser s = { 0 };
        if (!ser_by_derivative(S, a, 1, "ArcSin", &s)) return false;
        /* Pi/2 - ArcSin */
        Ser c = { 0 }, ns = { 0 };
        bool ok = ser_const(vm, &c, ly_rational(vm, 1, 2), ser_order(&s)) && ser_scale(vm, &c, LY_SYM(Pi)) &&
                  ser_alloc(vm, &ns, s.v, s.len);
        for (int k = 0; ok && k < s.len; k++) { LyExpr x = c_mul(vm, s.c[k], ly_mksmall(-1)); ok = x != NULL; if (ok) ser_set(vm, &ns, k, x); }
        ok = ok && ser_add(vm, &c, &ns, out);
        ser_free(vm, &s); ser_free(vm, &c); ser_free(vm, &ns);
        return ok;
    }
    bool is_exp = !strcmp(name, "Exp");
    bool trig = !strcmp(name, "Sin") || !strcmp(name, "Cos"), hyp = !strcmp(name, "Sinh") || !strcmp(name, "Cosh");
    if (is_exp || trig || hyp) {
        LyExpr *r = calloc((size_t)n, sizeof(LyExpr)), a0;
        LyExpr *b = calloc((size_t)n, sizeof(LyExpr)), *c = calloc((size_t)n, sizeof(LyExpr));
        bool ok = r && b && c && split0(vm, a, &a0, r, n);
        if (!ok) { free(r); free(b); free(c); return false; }
        if (is_exp) {
            ok = ser_exp0(vm, r, n, b);
            if (ok) {
                LyExpr ea = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Power), 2, LY_SYM(E), ref(a0)));
                ok = ea && from_dense(vm, out, b, n) && ser_scale(vm, out, ea);
                ly_unref(vm, ea);
            }
        } else {
            ok = ser_sincos0(vm, r, n, b, c, trig ? -1 : 1);
            if (ok) {
                /* f(a0 + r) from sin/cos (sinh/cosh) of r and of a0 */
                const char *fs = trig ? "Sin" : "Sinh", *fc = trig ? "Cos" : "Cosh";
                LyExpr sa = fcall(vm, fs, a0), ca = fcall(vm, fc, a0);
                Ser SS = { 0 }, CC = { 0 };
                ok = sa && ca && from_dense(vm, &SS, b, n) && from_dense(vm, &CC, c, n);
                bool want_sin = !strcmp(name, fs);
                if (ok) {
                    Ser t1 = { 0 }, t2 = { 0 };
                    /* sin(a0+r) = sin a0 cos r + cos a0 sin r; cos(a0+r) = cos a0 cos r -+ sin a0 sin r */
                    ok = ser_alloc(vm, &t1, CC.v, CC.len) && ser_alloc(vm, &t2, SS.v, SS.len);
                    for (int k = 0; ok && k < CC.len; k++) { LyExpr x = c_mul(vm, CC.c[k], want_sin ? sa : ca); ok = x != NULL; if (ok) ser_set(vm, &t1, k, x); }
                    LyExpr f2 = ok ? (want_sin ? ref(ca) : (trig ? c_mul(vm, sa, ly_mksmall(-1)) : ref(sa))) : NULL;
                    for (int k = 0; ok && f2 && k < SS.len; k++) { LyExpr x = c_mul(vm, SS.c[k], f2); ok = x != NULL; if (ok) ser_set(vm, &t2, k, x); }
                    ly_unref(vm, f2);
                    ok = ok && ser_add(vm, &t1, &t2, out);
                    ser_free(vm, &t1); ser_free(vm, &t2);
                } else {
                    if (!SS.c) free_arr(vm, b, n);
                    if (!CC.c) free_arr(vm, c, n);
                }
                ser_free(vm, &SS); ser_free(vm, &CC);
                ly_unref(vm, sa); ly_unref(vm, ca);
            }
        }
        ly_unref(vm, a0);
        free_arr(vm, r, n);
        free(r); free(b); free(c);
        return ok;
    }
    /* quotients of those */
    static const struct { const char *f, *num, *den; } quo[] = {
        { "Tan", "Sin", "Cos" }, { "Cot", "Cos", "Sin" }, { "Sec", NULL, "Cos" }, { "Csc", NULL, "Sin" },
        { "Tanh", "Sinh", "Cosh" }, { "Coth", "Cosh", "Sinh" }, { "Sech", NULL, "Cosh" }, { "Csch", NULL, "Sinh" },
    };
    for (size_t i = 0; i < sizeof quo / sizeof quo[0]; i++) {
        if (strcmp(name, quo[i].f)) continue;
        Ser num = { 0 }, den = { 0 }, inv = { 0 };
        bool ok = series_fn(S, quo[i].den, a, &den) && ser_inv(vm, &den, &inv);
        if (ok && quo[i].num) ok = series_fn(S, quo[i].num, a, &num) && ser_mul(vm, &num, &inv, out);
        else if (ok) { *out = inv; inv.c = NULL; }
        ser_free(vm, &num); ser_free(vm, &den); ser_free(vm, &inv);
        return ok;
    }
    return false;
}

/* f[a] for an unknown f: sum Derivative[k][f][a0]/k! (a - a0)^k. */
static bool series_unknown(SCtx *S, LyExpr f, const Ser *a, Ser *out) {
    LyVM *vm = S->vm;
    int n = ser_order(a);
    if (n <= 0 || a->v < 0) return false;
    LyExpr *r = calloc((size_t)n, sizeof(LyExpr)), a0;
    if (!r || !split0(vm, a, &a0, r, n)) { free(r); return false; }
    Ser rr = { 0 }, pw = { 0 }, acc = { 0 };
    bool ok = from_dense(vm, &rr, r, n);
    free(r);
    ok = ok && ser_const(vm, &pw, ly_mksmall(1), n);
    LyExpr f0 = ok ? lys_eval_steal(vm, ly_mk(vm, ref(f), 1, ref(a0))) : NULL;
    ok = ok && f0 && ser_const(vm, &acc, f0, n);
    ly_unref(vm, f0);
    LyExpr fact = ly_mksmall(1);
    for (int k = 1; ok && k < n; k++) {
        Ser np = { 0 }, term = { 0 }, na = { 0 };
        ok = ser_mul(vm, &pw, &rr, &np);
        ser_free(vm, &pw);
        pw = np;
        if (!ok) break;
        if (pw.len == 0 || pw.v >= n) break;
        LyExpr nf = ly_num_mul(vm, fact, ly_mksmall(k));
        ly_unref(vm, fact);
        fact = nf;
        /* Derivative[k][f][a0] */
        LyExpr dk = ly_mk(vm, ly_mk(vm, ly_symbol(vm, "Derivative"), 1, ly_mksmall(k)), 1, ref(f));
        LyExpr dv = dk ? lys_eval_steal(vm, ly_mk(vm, dk, 1, ref(a0))) : NULL;
        LyExpr cf = dv && fact ? c_div(vm, dv, fact) : NULL;
        ly_unref(vm, dv);
        ok = cf && ser_alloc(vm, &term, pw.v, pw.len);
        for (int j = 0; ok && j < pw.len; j++) { LyExpr x = c_mul(vm, pw.c[j], cf); ok = x != NULL; if (ok) ser_set(vm, &term, j, x); }
        ly_unref(vm, cf);
        ok = ok && ser_add(vm, &acc, &term, &na);
        ser_free(vm, &term);
        ser_free(vm, &acc);
        acc = na;
    }
    ly_unref(vm, fact);
    ly_unref(vm, a0);
    ser_free(vm, &rr); ser_free(vm, &pw);
    if (ok) *out = acc; else ser_free(vm, &acc);
    return ok;
}

static bool free_of_t(SCtx *S, LyExpr e) { return lys_free_of(e, S->t); }

static bool series_of(SCtx *S, LyExpr e, Ser *out) {
    LyVM *vm = S->vm;
    out->c = NULL;
    if (S->depth++ > 200 || !ly_safe_point(vm)) { S->depth--; return false; }
    bool ok = false;
    if (e == S->t) {
        ok = ser_alloc(vm, out, 1, S->order - 1 > 0 ? S->order - 1 : 0);
        if (ok && out->len > 0) ser_set(vm, out, 0, ly_mksmall(1));
        if (ok && out->len == 0) { /* order 1: t = O(t) */ }
    } else if (free_of_t(S, e)) {
        ok = ser_const(vm, out, e, S->order);
    } else if (ly_head_is(e, LY_SYM(Plus)) || ly_head_is(e, LY_SYM(Times))) {
        bool plus = ly_head_is(e, LY_SYM(Plus));
        ok = series_of(S, ly_narg(e, 1), out);
        for (size_t i = 2; ok && i <= ly_nlen(e); i++) {
            Ser b = { 0 }, r = { 0 };
            ok = series_of(S, ly_narg(e, i), &b) && (plus ? ser_add(vm, out, &b, &r) : ser_mul(vm, out, &b, &r));
            ser_free(vm, &b);
            ser_free(vm, out);
            *out = r;
        }
    } else if (ly_head_is(e, LY_SYM(Power)) && ly_nlen(e) == 2) {
        LyExpr b = ly_narg(e, 1), x = ly_narg(e, 2);
        if (free_of_t(S, x)) {
            Ser sb = { 0 };
            ok = series_of(S, b, &sb) && ser_pow(vm, &sb, x, out);
            ser_free(vm, &sb);
        } else {
            /* b^x = Exp[x Log[b]] */
            LyExpr l = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ref(x), ly_mk(vm, ly_symbol(vm, "Log"), 1, ref(b))));
            Ser sl = { 0 };
            ok = l && series_of(S, l, &sl) && series_fn(S, "Exp", &sl, out);
            ly_unref(vm, l);
            ser_free(vm, &sl);
        }
    } else if (ly_is_normal(e) && ly_nlen(e) == 1) {
        Ser a = { 0 };
        ok = series_of(S, ly_narg(e, 1), &a);
        if (ok) {
            LyExpr h = ly_nhead(e);
            const char *name = ly_is_sym(h) ? ly_sym(h)->name : "";
            if (!strcmp(name, "Sqrt")) ok = ser_pow(vm, &a, ly_rational(vm, 1, 2), out);
            else {
                bool known = series_fn(S, name, &a, out);
                if (!known) {
                    bool builtin = ly_is_sym(h) && (ly_attributes(vm, h) & LY_ATTR_PROTECTED);
                    ok = !builtin && !ly_unwinding(vm) && series_unknown(S, h, &a, out);
                }
            }
        }
        ser_free(vm, &a);
    } else if (ly_head_is(e, ly_symbol(vm, "Log")) && ly_nlen(e) == 2 && free_of_t(S, ly_narg(e, 1))) {
        /* Log[b, x] = Log[x]/Log[b] */
        LyExpr q = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ly_mk(vm, ly_symbol(vm, "Log"), 1, ref(ly_narg(e, 2))),
                                            ly_mk(vm, LY_SYM(Power), 2, ly_mk(vm, ly_symbol(vm, "Log"), 1, ref(ly_narg(e, 1))), ly_mksmall(-1))));
        ok = q && series_of(S, q, out);
        ly_unref(vm, q);
    }
    S->depth--;
    if (!ok) ser_free(vm, out);
    return ok;
}

/* ---- Series ---------------------------------------------------------------------------------------- */

/* The series of f in x at x0 (finite or Infinity) up to order n: a Ser in
 * t, with t = x - x0 or 1/x.  false when there is none. */
static bool series_in(LyVM *vm, LyExpr f, LyExpr x, LyExpr x0, int n, int pad, Ser *out, bool *at_inf, LyExpr t);

/* The coefficients are free of t, a local variable (gone after). */
static bool series_at(LyVM *vm, LyExpr f, LyExpr x, LyExpr x0, int n, int pad, Ser *out, bool *at_inf) {
    LyExpr name = ly_symbol(vm, "t"), t;
    LyScope sc;
    if (!name || !ly_scope_open(vm, &sc, 1, &name, &t)) return false;
    bool ok = series_in(vm, f, x, x0, n, pad, out, at_inf, t);
    ly_scope_close(vm, &sc, NULL);
    return ok;
}

static bool series_in(LyVM *vm, LyExpr f, LyExpr x, LyExpr x0, int n, int pad, Ser *out, bool *at_inf, LyExpr t) {
    *at_inf = lys_infinity_sign(x0) != 0;
    LyExpr val = *at_inf ? ly_mk(vm, LY_SYM(Power), 2, ref(t), ly_mksmall(lys_infinity_sign(x0) > 0 ? -1 : -1))
                         : ly_mk(vm, LY_SYM(Plus), 2, ref(x0), ref(t));
    if (*at_inf && lys_infinity_sign(x0) < 0) {      /* x = -1/t */
        ly_unref(vm, val);
        val = ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ly_mk(vm, LY_SYM(Power), 2, ref(t), ly_mksmall(-1)));
    }
    /* the value evaluated first: substituting an unevaluated value into
     * several places shares one unevaluated object among them */
    val = val ? lys_eval_steal(vm, val) : NULL;
    LyExpr g = val ? ly_substitute(vm, f, 1, &x, &val) : NULL;
    ly_unref(vm, val);
    LyExpr ge = g ? lys_eval_steal(vm, g) : NULL;
    if (!ge) return false;
    SCtx S = { vm, t, n + 1 + pad, 0 };
    bool ok = series_of(&S, ge, out);
    ly_unref(vm, ge);
    return ok;
}

static LyExpr seriesdata(LyVM *vm, LyExpr x, LyExpr x0, Ser *s, int n) {
    /* coefficients from the valuation to order n (exclusive: n + 1) */
    int order = n + 1;
    if (ser_order(s) < order) order = ser_order(s);
    int v = s->v < order ? s->v : order;
    LyExpr cl = ly_mknormal(vm, LY_SYM(List), (size_t)(order - v));
    for (int k = v; cl && k < order; k++) {
        int i = k - s->v;
        LyExpr c = i >= 0 && i < s->len ? ref(s->c[i]) : ly_mksmall(0);
        c = c_simp(vm, c);
        if (c && !ly_is_number(c) && !ly_is_sym(c)) {    /* 1/2 (-1 + n) n, as Wolfram */
            LyExpr fc = lys_factor_expr(vm, c);
            if (fc) { ly_unref(vm, c); c = fc; }
            else if (ly_unwinding(vm)) { ly_unref(vm, c); c = NULL; }
        }
        if (!c) { lys_abandon(vm, cl, (size_t)(k - v) + 1); return NULL; }
        ly_nset(cl, (size_t)(k - v) + 1, c);
    }
    if (!cl) return NULL;
    return ly_mk(vm, ly_symbol(vm, "SeriesData"), 6, ref(x), ref(x0), cl, ly_mksmall(v), ly_mksmall(order), ly_mksmall(1));
}

static LyExpr b_series(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr spec = ly_narg(e, 2);
    if (!ly_head_is(spec, LY_SYM(List)) || ly_nlen(spec) != 3 || !ly_is_sym(ly_narg(spec, 1)) ||
        !ly_is_small(ly_narg(spec, 3))) return NULL;
    LyExpr x = ly_narg(spec, 1), x0 = ly_narg(spec, 2);
    int n = (int)ly_small(ly_narg(spec, 3));
    if (n < 0 || n > 200) return NULL;
    LyExpr f = ly_narg(e, 1);
    if (lys_free_of(f, x)) return ref(f);
    for (int pad = 4; pad <= 24; pad += 10) {
        Ser s = { 0 };
        bool at_inf;
        if (!series_at(vm, f, x, x0, n, pad, &s, &at_inf)) return NULL;
        /* enough terms up to order n? (cancellations may have eaten some) */
        if (ser_order(&s) >= n + 1 || pad + 10 > 24) {
            LyExpr r = seriesdata(vm, x, x0, &s, n);
            ser_free(vm, &s);
            return r;
        }
        ser_free(vm, &s);
    }
    return NULL;
}

/* The sum of the terms of a SeriesData (new reference): evaluated, or
 * (for printing) a Plus of the evaluated nonzero terms in order. */
static LyExpr series_terms(LyVM *vm, LyExpr sd, bool eval) {
    LyExpr x = ly_narg(sd, 1), x0 = ly_narg(sd, 2), cl = ly_narg(sd, 3);
    int64_t v = ly_small(ly_narg(sd, 4)), den = ly_small(ly_narg(sd, 6));
    int inf = lys_infinity_sign(x0);
    LyExpr base = inf ? ly_mk(vm, LY_SYM(Power), 2, ref(x), ly_mksmall(inf > 0 ? -1 : -1))
                      : lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, ref(x), ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ref(x0))));
    if (!base) return NULL;
    size_t n = lys_list_len(cl), m = 0;
    LyExpr sum = ly_mknormal(vm, LY_SYM(Plus), n ? n : 1);
    for (size_t k = 0; sum && k < n; k++) {
        LyExpr c = ly_part(vm, cl, k + 1);
        if (c && ly_is_number(c) && ly_num_is_zero(c) && !eval) { ly_unref(vm, c); continue; }
        LyExpr t = c ? ly_mk(vm, LY_SYM(Times), 2, c, ly_mk(vm, LY_SYM(Power), 2, ref(base), ly_rational(vm, v + (int64_t)k, den))) : NULL;
        if (t && !eval) t = lys_eval_steal(vm, t);
        if (!t) { lys_abandon(vm, sum, m + 1); sum = NULL; break; }
        ly_nset(sum, ++m, t);
    }
    ly_unref(vm, base);
    if (!sum) return NULL;
    if (eval) return lys_eval_steal(vm, sum);
    if (m <= 1) {
        LyExpr r = m ? ref(ly_narg(sum, 1)) : ly_mksmall(0);
        if (!m) ly_nset(sum, 1, ly_mksmall(0));
        else for (size_t i = 2; i <= ly_nlen(sum); i++) ly_nset(sum, i, LY_SYM(Null));
        ly_unref(vm, sum);
        return r;
    }
    LyExpr r = ly_apply(vm, LY_SYM(Plus), m, ly_nargs(sum));
    for (size_t i = m + 1; i <= ly_nlen(sum); i++) ly_nset(sum, i, LY_SYM(Null));
    ly_unref(vm, sum);
    return r;
}

static LyExpr series_normal(LyVM *vm, LyExpr sd) { return series_terms(vm, sd, true); }

bool lys_series_normal(LyVM *vm, LyExpr e, LyExpr *out);
bool lys_series_normal(LyVM *vm, LyExpr e, LyExpr *out) {
    if (!ly_head_is(e, ly_symbol(vm, "SeriesData")) || ly_nlen(e) != 6 || !lys_is_list(ly_narg(e, 3)) ||
        !ly_is_small(ly_narg(e, 4)) || !ly_is_small(ly_narg(e, 6)) || ly_small(ly_narg(e, 6)) < 1) return false;
    *out = series_normal(vm, e);
    return true;
}

static LyExpr b_seriescoefficient(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr s = ly_narg(e, 1), k = ly_narg(e, 2);
    if (!ly_head_is(s, ly_symbol(vm, "SeriesData")) || ly_nlen(s) != 6 || !ly_is_small(k)) {
        /* SeriesCoefficient[f, {x, x0, n}] */
        if (ly_head_is(k, LY_SYM(List)) && ly_nlen(k) == 3 && ly_is_small(ly_narg(k, 3))) {
            LyExpr ser = lys_apply_eval(vm, ly_symbol(vm, "Series"), 2, (LyExpr[]){ s, k });
            if (!ser || !ly_head_is(ser, ly_symbol(vm, "SeriesData"))) { ly_unref(vm, ser); return NULL; }
            LyExpr r = lys_apply_eval(vm, ly_nhead(e), 2, (LyExpr[]){ ser, ly_narg(k, 3) });
            ly_unref(vm, ser);
            return r;
        }
        return NULL;
    }
    int64_t v = ly_small(ly_narg(s, 4)), o = ly_small(ly_narg(s, 5)), kk = ly_small(k);
    if (kk >= o) return NULL;
    if (kk < v) return ly_mksmall(0);
    return ly_part(vm, ly_narg(s, 3), (size_t)(kk - v + 1));
}

/* ---- Limit ------------------------------------------------------------------------------------------ */

static bool bad_value(LyVM *vm, LyExpr r) {
    if (!r) return true;
    if (r == LY_SYM(Indeterminate) || r == LY_SYM(ComplexInfinity)) return true;
    if (ly_head_is(r, LY_SYM(DirectedInfinity))) return false;
    if (ly_is_normal(r)) {
        for (size_t i = 0; i <= ly_nlen(r); i++) {
            LyExpr a = ly_normal(r)->e[i];
            if (a == LY_SYM(Indeterminate) || a == LY_SYM(ComplexInfinity) || ly_head_is(a, LY_SYM(DirectedInfinity))) return true;
            if (ly_is_normal(a) && bad_value(vm, a)) return true;
        }
    }
    return false;
}

/* f /. x -> x0 quietly; NULL when the value is not a clean one. */
static LyExpr substitute_quiet(LyVM *vm, LyExpr f, LyExpr x, LyExpr x0) {
    int q = ly_set_quiet(vm, 1);
    LyExpr s = ly_substitute(vm, f, 1, &x, &x0);
    LyExpr r = s ? lys_eval_steal(vm, s) : NULL;
    ly_set_quiet(vm, q);
    if (!r) return NULL;
    if (bad_value(vm, r)) { ly_unref(vm, r); return NULL; }
    return r;
}

static LyExpr limit_of(LyVM *vm, LyExpr f, LyExpr x, LyExpr x0, int dir, int depth);

/* The leading behaviour of a series: its limit as t -> 0 (dir > 0 from
 * above, < 0 from below, 0 both sides). */
static LyExpr series_limit(LyVM *vm, Ser *s, int dir) {
    if (s->len == 0) return s->v > 0 ? ly_mksmall(0) : NULL;     /* nothing known */
    if (s->v > 0) return ly_mksmall(0);
    if (s->v == 0) return c_simp(vm, ref(s->c[0]));
    LyExpr c = s->c[0];
    double _Complex z;
    bool num = lys_numericq(vm, c) && lys_nvalue(vm, c, &z);
    bool odd = (-s->v) % 2 == 1;
    if (num && cimag(z) == 0) {
        int sg = creal(z) > 0 ? 1 : -1;
        if (odd) {
            if (dir == 0) return LY_SYM(Indeterminate);
            if (dir < 0) sg = -sg;
        }
        return ly_mk(vm, LY_SYM(DirectedInfinity), 1, ly_mksmall(sg));
    }
    if (num) return LY_SYM(ComplexInfinity);
    /* a symbolic coefficient: c Infinity */
    if (odd && dir == 0) return LY_SYM(Indeterminate);
    return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ref(c), ly_mk(vm, LY_SYM(DirectedInfinity), 1, ly_mksmall(dir < 0 && odd ? -1 : 1))));
}

static bool is_zero(LyExpr a) { return ly_is_number(a) && ly_num_is_zero(a); }
static bool is_inf(LyExpr a) { return ly_head_is(a, LY_SYM(DirectedInfinity)) || a == LY_SYM(ComplexInfinity); }

static LyExpr lhopital(LyVM *vm, LyExpr num, LyExpr den, LyExpr x, LyExpr x0, int dir, int depth) {
    LyExpr dn = lys_apply_eval(vm, ly_symbol(vm, "D"), 2, (LyExpr[]){ num, x });
    LyExpr dd = dn ? lys_apply_eval(vm, ly_symbol(vm, "D"), 2, (LyExpr[]){ den, x }) : NULL;
    if (!dd) { ly_unref(vm, dn); return NULL; }
    LyExpr q = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, dn, ly_mk(vm, LY_SYM(Power), 2, dd, ly_mksmall(-1))));
    LyExpr qs = q ? lys_together(vm, q) : NULL;
    ly_unref(vm, q);
    if (!qs) return NULL;
    LyExpr r = limit_of(vm, qs, x, x0, dir, depth + 1);
    ly_unref(vm, qs);
    return r;
}

/* Limits of the parts, combined when that is not an indeterminate form. */
static LyExpr limit_parts(LyVM *vm, LyExpr f, LyExpr x, LyExpr x0, int dir, int depth) {
    if (!ly_is_normal(f)) return NULL;
    LyExpr h = ly_nhead(f);
    size_t n = ly_nlen(f);
    if (h == LY_SYM(Times)) {
        /* a quotient num/den: L'Hopital for 0/0 and oo/oo */
        LyExpr num = NULL, den = NULL;
        lys_numden(vm, f, &num, &den);
        if (num && den && !(ly_is_number(den) && ly_num_is_one(den))) {
            LyExpr ln = limit_of(vm, num, x, x0, dir, depth + 1), ld = ln ? limit_of(vm, den, x, x0, dir, depth + 1) : NULL;
            LyExpr r = NULL;
            if (ln && ld) {
                if ((is_zero(ln) && is_zero(ld)) || (is_inf(ln) && is_inf(ld))) r = lhopital(vm, num, den, x, x0, dir, depth);
                else if (!is_zero(ld) && !(is_inf(ln) && is_inf(ld)))
                    r = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ref(ln), ly_mk(vm, LY_SYM(Power), 2, ref(ld), ly_mksmall(-1))));
            }
            ly_unref(vm, ln); ly_unref(vm, ld); ly_unref(vm, num); ly_unref(vm, den);
            if (r && !bad_value(vm, r)) return r;
            if (r && ly_head_is(r, LY_SYM(DirectedInfinity))) return r;
            ly_unref(vm, r);
            if (ly_unwinding(vm)) return NULL;
        } else { ly_unref(vm, num); ly_unref(vm, den); }
        /* 0 * oo as a quotient: a / (1/b), with b the rest of the product */
        if (n >= 2) {
            LyExpr a = ly_narg(f, 1);
            LyExpr brest = n == 2 ? ref(ly_narg(f, 2)) : ly_apply(vm, LY_SYM(Times), n - 1, ly_nargs(f) + 1);
            if (!brest) return NULL;
            LyExpr b = brest;
            LyExpr la = limit_of(vm, a, x, x0, dir, depth + 1), lb = la ? limit_of(vm, b, x, x0, dir, depth + 1) : NULL;
            LyExpr r = NULL;
            if (la && lb) {
                if ((is_zero(la) && is_inf(lb)) || (is_inf(la) && is_zero(lb))) {
                    /* 0 oo: the infinite factor over 1/(the vanishing one), else the other way */
                    LyExpr z = is_zero(la) ? a : b, w = is_zero(la) ? b : a;
                    LyExpr iz = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Power), 2, ref(z), ly_mksmall(-1)));
                    if (iz) r = lhopital(vm, w, iz, x, x0, dir, depth);
                    ly_unref(vm, iz);
                    if ((!r || bad_value(vm, r)) && !ly_unwinding(vm)) {
                        ly_unref(vm, r);
                        r = NULL;
                        LyExpr iw = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Power), 2, ref(w), ly_mksmall(-1)));
                        if (iw) r = lhopital(vm, z, iw, x, x0, dir, depth);
                        ly_unref(vm, iw);
                    }
                } else r = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ref(la), ref(lb)));
            }
            ly_unref(vm, la); ly_unref(vm, lb);
            ly_unref(vm, brest);
            if (r && (!bad_value(vm, r) || ly_head_is(r, LY_SYM(DirectedInfinity)))) return r;
            ly_unref(vm, r);
            return NULL;
        }
    }
    if (h == LY_SYM(Power) && n == 2) {
        LyExpr b = ly_narg(f, 1), e = ly_narg(f, 2);
        if (!lys_free_of(e, x)) {
            /* b^e = Exp[e Log[b]] */
            LyExpr l = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ref(e), ly_mk(vm, ly_symbol(vm, "Log"), 1, ref(b))));
            LyExpr ll = l ? limit_of(vm, l, x, x0, dir, depth + 1) : NULL;
            ly_unref(vm, l);
            if (!ll) return NULL;
            return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Power), 2, LY_SYM(E), ll));
        }
    }
    /* continuous heads: f[lim args] */
    LyExpr args[n ? n : 1];
    size_t k = 0;
    for (; k < n; k++) {
        args[k] = lys_free_of(ly_narg(f, k + 1), x) ? ref(ly_narg(f, k + 1)) : limit_of(vm, ly_narg(f, k + 1), x, x0, dir, depth + 1);
        if (!args[k]) break;
    }
    LyExpr r = NULL;
    if (k == n) {
        int q = ly_set_quiet(vm, 1);
        r = lys_apply_eval(vm, h, n, args);
        ly_set_quiet(vm, q);
    }
    for (size_t i = 0; i < k; i++) ly_unref(vm, args[i]);
    if (r && bad_value(vm, r) && !ly_head_is(r, LY_SYM(DirectedInfinity))) { ly_unref(vm, r); r = NULL; }
    return r;
}

static LyExpr limit_of(LyVM *vm, LyExpr f, LyExpr x, LyExpr x0, int dir, int depth) {
    if (depth > 12 || !ly_safe_point(vm)) return NULL;
    if (lys_free_of(f, x)) return ref(f);
    if (f == x) return ref(x0);
    LyExpr r = substitute_quiet(vm, f, x, x0);
    if (r) return r;
    if (ly_unwinding(vm)) return NULL;
    /* series: increase the order until the leading term shows */
    int sdir = lys_infinity_sign(x0) ? 1 : dir;
    for (int n = 2; n <= 12; n += 5) {
        Ser s = { 0 };
        bool at_inf;
        int q = ly_set_quiet(vm, 1);
        bool ok = series_at(vm, f, x, x0, n, 3, &s, &at_inf);
        ly_set_quiet(vm, q);
        if (!ok) { if (ly_unwinding(vm)) return NULL; break; }
        if (s.len > 0 || s.v > 0) {
            LyExpr l = series_limit(vm, &s, sdir);
            ser_free(vm, &s);
            return l;
        }
        ser_free(vm, &s);
    }
    return limit_parts(vm, f, x, x0, dir, depth);
}

/* f contains a function that is not analytic (Abs, Sign, Floor, ...) of x */
static bool has_kink(LyVM *vm, LyExpr f, LyExpr x) {
    if (!ly_is_normal(f)) return false;
    LyExpr h = ly_nhead(f);
    if (ly_is_sym(h) && ly_nlen(f) >= 1 && !lys_free_of(f, x)) {
        static const char *const kinks[] = { "Abs", "Sign", "UnitStep", "HeavisideTheta", "Floor", "Ceiling",
                                             "Round", "IntegerPart", "FractionalPart", NULL };
        for (size_t i = 0; kinks[i]; i++) if (!strcmp(ly_sym(h)->name, kinks[i])) return true;
    }
    for (size_t i = 1; i <= ly_nlen(f); i++) if (has_kink(vm, ly_narg(f, i), x)) return true;
    return false;
}

/* f near x0 on the side s (1 above, -1 below): each Abs[u], Sign[u], Floor[u]
 * ... replaced by what it is there, judged at x0 + s 10^-10 with 50 digits */
static LyExpr one_side(LyVM *vm, LyExpr f, LyExpr x, LyExpr x0, int s) {
    static const char fn[] =
        "Function[{f, x, x0, s}, Module[{at = Function[u, N[u /. x -> x0 + s/10^10, 50]]}, f //. {"
        "Abs[u_] /; !FreeQ[u, x] :> Sign[at[u]] u, Sign[u_] /; !FreeQ[u, x] :> Sign[at[u]], "
        "UnitStep[u_] /; !FreeQ[u, x] :> UnitStep[at[u]], HeavisideTheta[u_] /; !FreeQ[u, x] :> UnitStep[at[u]], "
        "Floor[u_] /; !FreeQ[u, x] :> Floor[at[u]], Ceiling[u_] /; !FreeQ[u, x] :> Ceiling[at[u]], "
        "Round[u_] /; !FreeQ[u, x] :> Round[at[u]], IntegerPart[u_] /; !FreeQ[u, x] :> IntegerPart[at[u]], "
        "FractionalPart[u_] /; !FreeQ[u, x] :> u - IntegerPart[at[u]]}]]";
    LyExpr fun = lys_text_expr(vm, fn, "Limit");
    if (!fun) return NULL;
    LyExpr r = lys_apply_eval(vm, fun, 4, (LyExpr[]){ f, x, x0, ly_mksmall(s) });
    ly_unref(vm, fun);
    if (r && has_kink(vm, r, x)) { ly_unref(vm, r); return NULL; }
    return r;
}

/* the limit of f, from both sides when f has kinks at a finite point */
static LyExpr limit_top(LyVM *vm, LyExpr f, LyExpr x, LyExpr x0, int dir) {
    if (lys_infinity_sign(x0) || !has_kink(vm, f, x)) return limit_of(vm, f, x, x0, dir, 0);
    LyExpr l[2] = { NULL, NULL };
    for (int k = 0; k < 2; k++) {
        int s = k == 0 ? 1 : -1;
        if (dir && dir != s) continue;
        LyExpr g = one_side(vm, f, x, x0, s);
        if (!g) { ly_unref(vm, l[0]); return NULL; }
        l[k] = limit_of(vm, g, x, x0, s, 0);
        ly_unref(vm, g);
        if (!l[k]) { ly_unref(vm, l[0]); return NULL; }
    }
    if (dir) return l[dir > 0 ? 0 : 1];
    if (ly_equal(l[0], l[1])) { ly_unref(vm, l[1]); return l[0]; }
    ly_unref(vm, l[0]); ly_unref(vm, l[1]);
    return LY_SYM(Indeterminate);
}

static LyExpr b_limit(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, SIZE_MAX)) return NULL;
    LyExpr rule = ly_narg(e, 2);
    if (!ly_head_is(rule, LY_SYM(Rule)) || ly_nlen(rule) != 2 || !ly_is_sym(ly_narg(rule, 1))) return NULL;
    int dir = 0;
    for (size_t i = 3; i <= ly_nlen(e); i++) {
        LyExpr o = ly_narg(e, i);
        if (!ly_head_is(o, LY_SYM(Rule)) || ly_nlen(o) != 2 || ly_narg(o, 1) != ly_symbol(vm, "Direction")) continue;
        LyExpr d = ly_narg(o, 2);
        if (ly_is_string(d)) {
            if (!strcmp(ly_str(d)->s, "FromAbove") || !strcmp(ly_str(d)->s, "FromRight")) dir = 1;
            else if (!strcmp(ly_str(d)->s, "FromBelow") || !strcmp(ly_str(d)->s, "FromLeft")) dir = -1;
        } else if (ly_is_small(d)) dir = ly_small(d) < 0 ? 1 : ly_small(d) > 0 ? -1 : 0;
    }
    LyExpr f = ly_narg(e, 1);
    if (ly_head_is(f, LY_SYM(List))) {
        LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(f));
        for (size_t i = 1; out && i <= ly_nlen(f); i++) {
            LyExpr l = limit_top(vm, ly_narg(f, i), ly_narg(rule, 1), ly_narg(rule, 2), dir);
            if (!l) l = ly_mk(vm, ly_nhead(e), 2, ref(ly_narg(f, i)), ref(rule));
            if (!l) { lys_abandon(vm, out, i); return NULL; }
            ly_nset(out, i, l);
        }
        return out;
    }
    return limit_top(vm, f, ly_narg(rule, 1), ly_narg(rule, 2), dir);
}

/* ---- printing SeriesData ----------------------------------------------------------------------------- */

bool lys_format_series(LyBuf *b, LyExpr e);
bool lys_format_series(LyBuf *b, LyExpr e) {
    LyVM *vm = b->vm;
    LyExpr sum;
    if (!lys_series_normal(vm, e, &sum) || !sum) return false;
    ly_unref(vm, sum);
    sum = series_terms(vm, e, false);
    if (!sum) return false;
    LyExpr x = ly_narg(e, 1), x0 = ly_narg(e, 2);
    int inf = lys_infinity_sign(x0);
    LyExpr base = inf ? ly_mk(vm, LY_SYM(Power), 2, ref(x), ly_mksmall(-1))
                      : lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, ref(x), ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ref(x0))));
    int64_t o = ly_small(ly_narg(e, 5)), den = ly_small(ly_narg(e, 6));
    bool zero = ly_is_number(sum) && ly_num_is_zero(sum);
    if (!zero) {
        ly_buf_expr(b, sum, LY_FORM_OUTPUT);
        ly_buf_puts(b, " + ");
    }
    ly_buf_puts(b, "O[");
    if (base) ly_buf_expr(b, base, LY_FORM_OUTPUT);
    ly_buf_puts(b, "]");
    if (o != 1 || den != 1) {
        ly_buf_puts(b, "^");
        if (den == 1) ly_buf_printf(b, "%lld", (long long)o);
        else ly_buf_printf(b, "(%lld/%lld)", (long long)o, (long long)den);
    }
    ly_unref(vm, base);
    ly_unref(vm, sum);
    return true;
}

static const LyBuiltin series_builtins[] = {
    { "Series", b_series, "Protected",
      "Series[f, {x, x0, n}] generates a power series expansion for f about the point x = x0 to order (x - x0)^n." },
    { "SeriesData", NULL, "Protected Formatted",
      "SeriesData[x, x0, {a0, a1, ...}, nmin, nmax, den] represents a power series in the variable x about the point x0." },
    { "SeriesCoefficient", b_seriescoefficient, "Protected",
      "SeriesCoefficient[series, n] finds the coefficient of the nth-order term in a power series.\n"
      "SeriesCoefficient[f, {x, x0, n}] finds the coefficient of (x - x0)^n in the expansion of f about x = x0." },
    { "Limit", b_limit, "Protected",
      "Limit[f, x -> x0] finds the limiting value of f as x approaches x0.\n"
      "Limit[f, x -> x0, Direction -> \"FromAbove\"] finds the limit as x approaches x0 from above." },
    { "Direction", NULL, "Protected", "Direction is an option for Limit and related functions that specifies the direction in which the limit is taken." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_series(LyVM *vm);
LyStatus lys_open_series(LyVM *vm) { return ly_register_table(vm, series_builtins); }
