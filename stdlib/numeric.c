/*
 * numeric.c — numerical methods over expressions: FindRoot (damped Newton
 * with the symbolic Jacobian, secant when two starting values are given),
 * NIntegrate (adaptive Gauss-Kronrod 7-15, infinite ranges by change of
 * variable, nested for several variables), FindMinimum and FindMaximum
 * (BFGS with a backtracking line search, symbolic gradient), NSum.
 * Written against lyra.h + lyra_ext.h.
 *
 * The function is evaluated at a point by substituting machine reals for
 * the variables (With semantics) and evaluating; anything that does not
 * come out a real number stops the method with the message Wolfram gives
 * (FindRoot::nlnum, NIntegrate::inumr).
 */
#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lys_data.h"
#undef I

static LyExpr ref(LyExpr e) { ly_ref(e); return e; }

/* ---- evaluating at points ------------------------------------------------------------------ */

typedef struct Fn {
    LyVM *vm;
    LyExpr f;           /* expression, or List of expressions */
    LyExpr *vars;
    size_t nv;
} Fn;

/* f at x (new reference, evaluated; NULL on an exit). */
static LyExpr fn_at(Fn *F, LyExpr f, const double *x) {
    LyExpr vals[F->nv ? F->nv : 1];
    for (size_t i = 0; i < F->nv; i++) {
        vals[i] = ly_mkreal(F->vm, x[i]);
        if (!vals[i]) { while (i--) ly_unref(F->vm, vals[i]); return NULL; }
    }
    LyExpr s = ly_substitute(F->vm, f, F->nv, F->vars, vals);
    for (size_t i = 0; i < F->nv; i++) ly_unref(F->vm, vals[i]);
    if (!s) return NULL;
    /* samples underflow quietly, as Wolfram's on machine arrays */
    lys_underflow_check(F->vm, false);
    LyExpr r = lys_eval_steal(F->vm, s);
    lys_underflow_check(F->vm, true);
    return r;
}

/* The real value of f at x; false when it is not a real number (or on an exit). */
static bool fn_real(Fn *F, LyExpr f, const double *x, double *out) {
    LyExpr r = fn_at(F, f, x);
    if (!r) return false;
    double _Complex z;
    bool ok = lys_nvalue(F->vm, r, &z) && fabs(cimag(z)) <= 1e-12 * (1 + fabs(creal(z))) && isfinite(creal(z));
    ly_unref(F->vm, r);
    if (ok) *out = creal(z);
    return ok;
}

/* eq: lhs == rhs -> lhs - rhs; lists mapped. */
static LyExpr as_zero(LyVM *vm, LyExpr eq) {
    if (ly_head_is(eq, LY_SYM(List))) {
        LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(eq));
        for (size_t i = 1; out && i <= ly_nlen(eq); i++) {
            LyExpr z = as_zero(vm, ly_narg(eq, i));
            if (!z) { lys_abandon(vm, out, i); return NULL; }
            ly_nset(out, i, z);
        }
        return out;
    }
    if (ly_head_is(eq, LY_SYM(Equal)) && ly_nlen(eq) == 2)
        return ly_mk(vm, LY_SYM(Plus), 2, ref(ly_narg(eq, 1)),
                     ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ref(ly_narg(eq, 2))));
    return ref(eq);
}

/* Variable specs {x, x0} or {{x, x0}, {y, y0}, ...} (also {x, x0, x1}). */
typedef struct Spec { LyExpr var; double x0, x1; bool two; } Spec;

static size_t read_specs(LyVM *vm, LyExpr e, size_t from, Spec *sp, size_t cap) {
    size_t n = 0;
    for (size_t i = from; i <= ly_nlen(e); i++) {
        LyExpr s = ly_narg(e, i);
        if (ly_head_is(s, LY_SYM(Rule))) continue;               /* options */
        if (!ly_head_is(s, LY_SYM(List)) || ly_nlen(s) == 0) return 0;
        if (ly_head_is(ly_narg(s, 1), LY_SYM(List))) {
            size_t k = read_specs(vm, s, 1, sp + n, cap - n);
            if (!k) return 0;
            n += k;
            continue;
        }
        if (n == cap || ly_nlen(s) < 2 || ly_nlen(s) > 3 || !ly_is_sym(ly_narg(s, 1))) return 0;
        double _Complex z;
        LyExpr a = lys_numericalize(vm, ly_narg(s, 2));
        bool ok = a && lys_nvalue(vm, a, &z) && cimag(z) == 0;
        ly_unref(vm, a);
        if (!ok) return 0;
        sp[n] = (Spec){ ly_narg(s, 1), creal(z), 0, false };
        if (ly_nlen(s) == 3) {
            a = lys_numericalize(vm, ly_narg(s, 3));
            ok = a && lys_nvalue(vm, a, &z) && cimag(z) == 0;
            ly_unref(vm, a);
            if (!ok) return 0;
            sp[n].x1 = creal(z);
            sp[n].two = true;
        }
        n++;
    }
    return n;
}

static LyExpr rules_of(LyVM *vm, const Spec *sp, const double *x, size_t n) {
    LyExpr out = ly_mknormal(vm, LY_SYM(List), n);
    for (size_t i = 0; out && i < n; i++) {
        LyExpr r = ly_mk(vm, LY_SYM(Rule), 2, ref(sp[i].var), ly_mkreal(vm, x[i]));
        if (!r) { lys_abandon(vm, out, i + 1); return NULL; }
        ly_nset(out, i + 1, r);
    }
    return out;
}

static LyExpr list_of_reals(LyVM *vm, const double *x, size_t n) {
    return n ? ly_packed_real(vm, n, x) : ly_list(vm, 0, NULL);
}

/* Solves a x = b (n x n, row-major) by partial pivoting; false when singular. */
static bool gauss(double *a, double *b, size_t n) {
    for (size_t c = 0; c < n; c++) {
        size_t p = c;
        for (size_t i = c + 1; i < n; i++) if (fabs(a[i * n + c]) > fabs(a[p * n + c])) p = i;
        if (fabs(a[p * n + c]) < 1e-300) return false;
        if (p != c) {
            for (size_t j = 0; j < n; j++) { double t = a[c * n + j]; a[c * n + j] = a[p * n + j]; a[p * n + j] = t; }
            double t = b[c]; b[c] = b[p]; b[p] = t;
        }
        for (size_t i = c + 1; i < n; i++) {
            double f = a[i * n + c] / a[c * n + c];
            for (size_t j = c; j < n; j++) a[i * n + j] -= f * a[c * n + j];
            b[i] -= f * b[c];
        }
    }
    for (size_t i = n; i-- > 0;) {
        double s = b[i];
        for (size_t j = i + 1; j < n; j++) s -= a[i * n + j] * b[j];
        b[i] = s / a[i * n + i];
    }
    return true;
}

/* ---- FindRoot --------------------------------------------------------------------------------- */

static void findroot_messages(LyVM *vm) {
    ly_set_message(vm, "FindRoot", "nlnum", "The function value `1` is not a list of numbers with dimensions `2` at `3` = `4`.");
    ly_set_message(vm, "FindRoot", "jsing", "Encountered a singular Jacobian at the point `1` = `2`. Try perturbing the initial point(s).");
    ly_set_message(vm, "FindRoot", "cvmit", "Failed to converge to the requested accuracy or precision within `1` iterations.");
    ly_set_message(vm, "FindRoot", "fstr", "The starting value specification `1` is not of the form {x, x0} or {x, x0, x1}.");
}

static LyExpr var_list(LyVM *vm, const Spec *sp, size_t n) {
    LyExpr l = ly_mknormal(vm, LY_SYM(List), n);
    for (size_t i = 0; l && i < n; i++) ly_nset(l, i + 1, ref(sp[i].var));
    return l;
}

static void nlnum(LyVM *vm, Fn *F, const Spec *sp, const double *x, size_t n) {
    LyExpr val = fn_at(F, F->f, x);
    LyExpr vl = var_list(vm, sp, n), xl = list_of_reals(vm, x, n);
    LyExpr dim = ly_mk(vm, LY_SYM(List), 1, ly_mksmall((int64_t)n));
    if (val && vl && xl && dim) ly_message(vm, ly_symbol(vm, "FindRoot"), "nlnum", 4, val, dim, vl, xl);
    ly_unref(vm, val); ly_unref(vm, vl); ly_unref(vm, xl); ly_unref(vm, dim);
}

static LyExpr b_findroot(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, SIZE_MAX)) return NULL;
    findroot_messages(vm);
    Spec sp[16];
    size_t n = read_specs(vm, e, 2, sp, 16);
    if (!n) {
        if (!ly_unwinding(vm)) ly_message(vm, ly_nhead(e), "fstr", 1, ly_narg(e, 2));
        return NULL;
    }
    LyExpr f = as_zero(vm, ly_narg(e, 1));
    if (!f) return NULL;
    if (!ly_head_is(f, LY_SYM(List))) { f = ly_mk(vm, LY_SYM(List), 1, f); if (!f) return NULL; }
    if (ly_nlen(f) != n) { ly_unref(vm, f); return NULL; }
    LyExpr vars[16];
    for (size_t i = 0; i < n; i++) vars[i] = sp[i].var;
    Fn F = { vm, f, vars, n };
    /* the Jacobian, symbolically; NULL entries fall back to differences */
    LyExpr J[256];
    for (size_t i = 0; i < n * n; i++) {
        LyExpr d = lys_apply_eval(vm, ly_symbol(vm, "D"), 2, (LyExpr[]){ ly_narg(f, i / n + 1), vars[i % n] });
        if (d && ly_head_is(d, ly_symbol(vm, "D"))) { ly_unref(vm, d); d = NULL; }
        if (!d && ly_unwinding(vm)) { for (size_t k = 0; k < i; k++) ly_unref(vm, J[k]); ly_unref(vm, f); return NULL; }
        J[i] = d;
    }
    double x[16], fx[16], a[256], dx[16], xn[16], fn[16];
    for (size_t i = 0; i < n; i++) x[i] = sp[i].x0;
    LyExpr res = NULL;
    bool ok = true, conv = false;
    int it;
    const int maxit = 100;
    for (size_t i = 0; i < n && ok; i++) ok = fn_real(&F, ly_narg(f, i + 1), x, &fx[i]);
    if (!ok && !ly_unwinding(vm)) nlnum(vm, &F, sp, x, n);
    double prev_x1[16];
    bool secant = n == 1 && sp[0].two;
    if (secant) { prev_x1[0] = sp[0].x1; }
    for (it = 0; ok && it < maxit && !conv; it++) {
        double norm = 0;
        for (size_t i = 0; i < n; i++) norm += fx[i] * fx[i];
        if (norm == 0) { conv = true; break; }
        if (secant) {
            double f1;
            if (!fn_real(&F, ly_narg(f, 1), prev_x1, &f1)) { ok = false; break; }
            double d = f1 - fx[0];
            if (d == 0) { conv = fabs(prev_x1[0] - x[0]) < 1e-12 * (1 + fabs(x[0])); if (!conv) ok = false; break; }
            double x2 = prev_x1[0] - f1 * (prev_x1[0] - x[0]) / d;
            x[0] = prev_x1[0];
            fx[0] = f1;
            prev_x1[0] = x2;
            if (fabs(x2 - x[0]) <= 1e-15 * (1 + fabs(x2))) { x[0] = x2; conv = true; fn_real(&F, ly_narg(f, 1), x, &fx[0]); }
            continue;
        }
        for (size_t i = 0; i < n * n && ok; i++) {
            size_t r = i / n, c = i % n;
            if (J[i]) ok = fn_real(&F, J[i], x, &a[i]);
            else {
                double h = 1e-7 * (1 + fabs(x[c])), xs[16], fh;
                memcpy(xs, x, n * sizeof(double));
                xs[c] += h;
                ok = fn_real(&F, ly_narg(f, r + 1), xs, &fh);
                a[i] = (fh - fx[r]) / h;
            }
        }
        if (!ok) { if (!ly_unwinding(vm)) nlnum(vm, &F, sp, x, n); break; }
        for (size_t i = 0; i < n; i++) dx[i] = -fx[i];
        if (!gauss(a, dx, n)) {
            LyExpr vl = var_list(vm, sp, n), xl = list_of_reals(vm, x, n);
            if (vl && xl) ly_message(vm, ly_nhead(e), "jsing", 2, vl, xl);
            ly_unref(vm, vl); ly_unref(vm, xl);
            break;
        }
        /* damped step: halve until the residual decreases */
        double lam = 1, nn = 0;
        for (int tries = 0; tries < 30; tries++) {
            bool good = true;
            for (size_t i = 0; i < n; i++) xn[i] = x[i] + lam * dx[i];
            nn = 0;
            for (size_t i = 0; i < n && good; i++) { good = fn_real(&F, ly_narg(f, i + 1), xn, &fn[i]); nn += fn[i] * fn[i]; }
            if (ly_unwinding(vm)) { ok = false; break; }
            if (good && nn <= norm) break;
            lam /= 2;
        }
        if (!ok) break;
        double step = 0, scale = 0;
        for (size_t i = 0; i < n; i++) { step = fmax(step, fabs(xn[i] - x[i])); scale = fmax(scale, fabs(xn[i])); }
        memcpy(x, xn, n * sizeof(double));
        memcpy(fx, fn, n * sizeof(double));
        if (step <= 1e-15 * (1 + scale) || nn < 1e-30) conv = true;
        if (!ly_safe_point(vm)) { ok = false; break; }
    }
    if (ok && !conv && it >= maxit) ly_message(vm, ly_nhead(e), "cvmit", 1, ly_mksmall(maxit));
    if (ok || (!ly_unwinding(vm) && it > 0)) res = rules_of(vm, sp, x, n);
    for (size_t i = 0; i < n * n; i++) ly_unref(vm, J[i]);
    ly_unref(vm, f);
    return res;
}

/* ---- NIntegrate -------------------------------------------------------------------------------- */

static const double gk_x[8] = {   /* Kronrod nodes (positive half), G7 at odd indices */
    0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
    0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
    0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
    0.207784955007898467600689403773245, 0.000000000000000000000000000000000 };
static const double gk_wk[8] = {
    0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
    0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
    0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
    0.204432940075298892414161999234649, 0.209482141084727828012999174891714 };
static const double gk_wg[4] = {
    0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
    0.381830050505118944950369775488975, 0.417959183673469387755102040816327 };

typedef struct NI {
    Fn F;
    LyExpr f;
    int kind;           /* 0 finite [a, b]; 1 [a, inf); 2 (-inf, b]; 3 (-inf, inf) */
    double a, b;
    double *pt;         /* the point (one entry per variable; this one is var `at`) */
    size_t at;
    bool bad;
    long evals;
    double atol;        /* absolute error that is good enough (0: 1e-14) */
} NI;

static double ni_f(NI *N, double t, bool *ok) {
    double x, jac = 1;
    switch (N->kind) {
    case 0: x = t; break;
    case 1: x = N->a + t / (1 - t); jac = 1 / ((1 - t) * (1 - t)); break;
    case 2: x = N->b - (1 - t) / t; jac = 1 / (t * t); break;
    default: x = t / (1 - t * t); jac = (1 + t * t) / ((1 - t * t) * (1 - t * t)); break;
    }
    /* a node that rounds onto the infinite end: the integrand vanishes there */
    if (!isfinite(x) || !isfinite(jac)) return 0;
    N->pt[N->at] = x;
    double v;
    N->evals++;
    if (!fn_real(&N->F, N->f, N->pt, &v)) { *ok = false; return 0; }
    return v * jac;
}

static bool gk15(NI *N, double lo, double hi, double *res, double *err) {
    double c = (lo + hi) / 2, h = (hi - lo) / 2;
    bool ok = true;
    double fc = ni_f(N, c, &ok);
    double rk = fc * gk_wk[7], rg = fc * gk_wg[3];
    for (int j = 0; j < 7 && ok; j++) {
        double dx = h * gk_x[j];
        double f1 = ni_f(N, c - dx, &ok), f2 = ok ? ni_f(N, c + dx, &ok) : 0;
        rk += gk_wk[j] * (f1 + f2);
        if (j % 2 == 1) rg += gk_wg[j / 2] * (f1 + f2);
    }
    *res = rk * h;
    *err = fabs((rk - rg) * h);
    return ok;
}

typedef struct Seg { double lo, hi, r, e; } Seg;

/* Adaptive integration of the current variable over its range. */
static bool ni_adapt(NI *N, double *out, double *errout) {
    double lo, hi;
    switch (N->kind) {
    case 0: lo = N->a; hi = N->b; break;
    case 1: lo = 0; hi = 1; break;
    case 2: lo = 0; hi = 1; break;
    default: lo = -1; hi = 1; break;
    }
    size_t cap = 2048, n = 0;
    Seg *s = malloc(cap * sizeof(Seg));
    if (!s) return false;
    s[0].lo = lo; s[0].hi = hi;
    if (!gk15(N, lo, hi, &s[0].r, &s[0].e)) { free(s); return false; }
    n = 1;
    double total = s[0].r, err = s[0].e;
    while (err > fmax(1e-10 * fabs(total), N->atol > 0 ? N->atol : 1e-14) && n < cap) {
        size_t w = 0;
        for (size_t i = 1; i < n; i++) if (s[i].e > s[w].e) w = i;
        double m = (s[w].lo + s[w].hi) / 2;
        if (m == s[w].lo || m == s[w].hi) break;
        Seg l = { s[w].lo, m, 0, 0 }, r = { m, s[w].hi, 0, 0 };
        if (!gk15(N, l.lo, l.hi, &l.r, &l.e) || !gk15(N, r.lo, r.hi, &r.r, &r.e)) { free(s); return false; }
        total += l.r + r.r - s[w].r;
        err += l.e + r.e - s[w].e;
        s[w] = l;
        s[n++] = r;
        if (!ly_safe_point(N->F.vm)) { free(s); return false; }
    }
    /* recompute the sums to shed rounding */
    total = 0; err = 0;
    for (size_t i = 0; i < n; i++) { total += s[i].r; err += s[i].e; }
    free(s);
    *out = total;
    *errout = err;
    return true;
}

static bool range_of(LyVM *vm, LyExpr spec, LyExpr *var, double *a, double *b, int *kind) {
    if (!ly_head_is(spec, LY_SYM(List)) || ly_nlen(spec) != 3 || !ly_is_sym(ly_narg(spec, 1))) return false;
    *var = ly_narg(spec, 1);
    int sa = lys_infinity_sign(ly_narg(spec, 2)), sb = lys_infinity_sign(ly_narg(spec, 3));
    double _Complex z;
    if (!sa) {
        LyExpr v = lys_numericalize(vm, ly_narg(spec, 2));
        bool ok = v && lys_nvalue(vm, v, &z) && cimag(z) == 0;
        ly_unref(vm, v);
        if (!ok) return false;
        *a = creal(z);
    }
    if (!sb) {
        LyExpr v = lys_numericalize(vm, ly_narg(spec, 3));
        bool ok = v && lys_nvalue(vm, v, &z) && cimag(z) == 0;
        ly_unref(vm, v);
        if (!ok) return false;
        *b = creal(z);
    }
    if (!sa && !sb) *kind = 0;
    else if (!sa && sb > 0) *kind = 1;
    else if (sa < 0 && !sb) *kind = 2;
    else if (sa < 0 && sb > 0) *kind = 3;
    else return false;
    return true;
}

/* Integrates over variables k..n-1 at pt (outer variables fixed). */
static bool ni_nested(LyVM *vm, LyExpr e, LyExpr f, size_t k, size_t n, LyExpr *vars, double *pt, double *out, double *err);

typedef struct Inner { LyVM *vm; LyExpr e; size_t k, n; LyExpr *vars; double *pt; } Inner;

static bool ni_nested(LyVM *vm, LyExpr e, LyExpr f, size_t k, size_t n, LyExpr *vars, double *pt, double *out, double *err) {
    LyExpr spec = ly_narg(e, k + 2);
    LyExpr var;
    double a = 0, b = 0;
    int kind;
    /* limits may depend on outer variables: substitute them first */
    LyExpr vals[16];
    for (size_t i = 0; i < k; i++) vals[i] = ly_mkreal(vm, pt[i]);
    LyExpr sspec = k ? ly_substitute(vm, spec, k, vars, vals) : ref(spec);
    for (size_t i = 0; i < k; i++) ly_unref(vm, vals[i]);
    LyExpr espec = sspec ? lys_eval_steal(vm, sspec) : NULL;
    bool ok = espec && range_of(vm, espec, &var, &a, &b, &kind);
    ly_unref(vm, espec);
    if (!ok) return false;
    if (k + 1 == n) {
        NI N = { { vm, f, vars, n }, f, kind, a, b, pt, k, false, 0, 0 };
        return ni_adapt(&N, out, err);
    }
    /* an outer variable: integrate the inner integral as its function, by
     * Gauss-Kronrod on a fixed set of panels (nested adaptivity is costly) */
    double lo = kind == 0 ? a : (kind == 3 ? -1 : 0), hi = kind == 0 ? b : 1;
    const int panels = 8;
    double total = 0, etot = 0;
    for (int p = 0; p < panels; p++) {
        double l = lo + (hi - lo) * p / panels, h = lo + (hi - lo) * (p + 1) / panels;
        double c = (l + h) / 2, hw = (h - l) / 2, rk = 0, rg = 0;
        for (int j = 0; j < 15; j++) {
            double t, wk, wg = 0;
            if (j < 7) { t = c - hw * gk_x[j]; wk = gk_wk[j]; if (j % 2) wg = gk_wg[j / 2]; }
            else if (j == 7) { t = c; wk = gk_wk[7]; wg = gk_wg[3]; }
            else { t = c + hw * gk_x[14 - j]; wk = gk_wk[14 - j]; if ((14 - j) % 2) wg = gk_wg[(14 - j) / 2]; }
            double x, jac = 1;
            switch (kind) {
            case 0: x = t; break;
            case 1: x = a + t / (1 - t); jac = 1 / ((1 - t) * (1 - t)); break;
            case 2: x = b - (1 - t) / t; jac = 1 / (t * t); break;
            default: x = t / (1 - t * t); jac = (1 + t * t) / ((1 - t * t) * (1 - t * t)); break;
            }
            pt[k] = x;
            double inner, ie;
            if (!ni_nested(vm, e, f, k + 1, n, vars, pt, &inner, &ie)) return false;
            rk += wk * inner * jac;
            rg += wg * inner * jac;
            etot += ie * wk * hw;
        }
        total += rk * hw;
        etot += fabs(rk - rg) * hw;
    }
    *out = total;
    *err = etot;
    return true;
}

static LyExpr b_nintegrate(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, SIZE_MAX)) return NULL;
    size_t n = 0;
    while (n + 2 <= ly_nlen(e) && !ly_head_is(ly_narg(e, n + 2), LY_SYM(Rule))) n++;
    if (n == 0 || n > 16) return NULL;
    LyExpr vars[16];
    for (size_t i = 0; i < n; i++) {
        LyExpr s = ly_narg(e, i + 2);
        if (!ly_head_is(s, LY_SYM(List)) || ly_nlen(s) != 3 || !ly_is_sym(ly_narg(s, 1))) {
            ly_set_message(vm, "NIntegrate", "itraw", "Raw object `1` cannot be used as an iterator.");
            ly_message(vm, ly_nhead(e), "itraw", 1, s);
            return NULL;
        }
        vars[i] = ly_narg(s, 1);
    }
    double pt[16], r = 0, err = 0;
    LyExpr f = ly_narg(e, 1);
    if (!ni_nested(vm, e, f, 0, n, vars, pt, &r, &err)) {
        if (ly_unwinding(vm)) return NULL;
        ly_set_message(vm, "NIntegrate", "inumr",
                       "The integrand `1` has evaluated to non-numerical values for all sampling points in the region with boundaries `2`.");
        LyExpr bounds = ly_mknormal(vm, LY_SYM(List), n);
        for (size_t i = 0; bounds && i < n; i++)
            ly_nset(bounds, i + 1, ly_mk(vm, LY_SYM(List), 2, ref(ly_narg(ly_narg(e, i + 2), 2)), ref(ly_narg(ly_narg(e, i + 2), 3))));
        if (bounds) ly_message(vm, ly_nhead(e), "inumr", 2, f, bounds);
        ly_unref(vm, bounds);
        return NULL;
    }
    if (err > 1e-6 * fmax(1, fabs(r))) {
        ly_set_message(vm, "NIntegrate", "ncvb",
                       "NIntegrate failed to converge to prescribed accuracy after `1` recursive bisections; the integral and error estimates are `2` and `3`.");
        LyExpr rr = ly_mkreal(vm, r), ee = ly_mkreal(vm, err);
        ly_message(vm, ly_nhead(e), "ncvb", 3, ly_mksmall(2048), rr, ee);
        ly_unref(vm, rr); ly_unref(vm, ee);
    }
    return ly_mkreal(vm, r);
}

/* ---- FindMinimum, FindMaximum --------------------------------------------------------------------- */

static bool value_grad(Fn *F, LyExpr *grad, const double *x, double sgn, double *fv, double *g) {
    size_t n = F->nv;
    double v;
    if (!fn_real(F, F->f, x, &v)) return false;
    *fv = sgn * v;
    for (size_t i = 0; i < n; i++) {
        if (grad[i]) {
            double d;
            if (!fn_real(F, grad[i], x, &d)) return false;
            g[i] = sgn * d;
        } else {
            double xs[16], vh, vl, h = 1e-6 * (1 + fabs(x[i]));
            memcpy(xs, x, n * sizeof(double));
            xs[i] = x[i] + h;
            if (!fn_real(F, F->f, xs, &vh)) return false;
            xs[i] = x[i] - h;
            if (!fn_real(F, F->f, xs, &vl)) return false;
            g[i] = sgn * (vh - vl) / (2 * h);
        }
    }
    return true;
}

static LyExpr find_extremum(LyVM *vm, LyExpr e, double sgn) {
    if (!lys_argc(vm, e, 2, SIZE_MAX)) return NULL;
    Spec sp[16];
    size_t n = read_specs(vm, e, 2, sp, 16);
    if (!n) return NULL;
    LyExpr f = ly_narg(e, 1);
    if (ly_head_is(f, LY_SYM(List))) return NULL;        /* constraints: not supported */
    LyExpr vars[16], grad[16];
    for (size_t i = 0; i < n; i++) vars[i] = sp[i].var;
    for (size_t i = 0; i < n; i++) {
        LyExpr d = lys_apply_eval(vm, ly_symbol(vm, "D"), 2, (LyExpr[]){ f, vars[i] });
        if (d && ly_head_is(d, ly_symbol(vm, "D"))) { ly_unref(vm, d); d = NULL; }
        grad[i] = d;
    }
    Fn F = { vm, f, vars, n };
    double x[16], g[16], H[256], fv, p[16], xn[16], gn[16], fn;
    for (size_t i = 0; i < n; i++) x[i] = sp[i].x0;
    for (size_t i = 0; i < n * n; i++) H[i] = i % (n + 1) == 0 ? 1 : 0;
    bool ok = value_grad(&F, grad, x, sgn, &fv, g);
    for (int it = 0; ok && it < 500; it++) {
        double gnorm = 0;
        for (size_t i = 0; i < n; i++) gnorm = fmax(gnorm, fabs(g[i]));
        if (gnorm < 1e-12 * (1 + fabs(fv))) break;
        for (size_t i = 0; i < n; i++) { p[i] = 0; for (size_t j = 0; j < n; j++) p[i] -= H[i * n + j] * g[j]; }
        double slope = 0;
        for (size_t i = 0; i < n; i++) slope += p[i] * g[i];
        if (slope >= 0) {       /* not a descent direction: reset */
            for (size_t i = 0; i < n * n; i++) H[i] = i % (n + 1) == 0 ? 1 : 0;
            for (size_t i = 0; i < n; i++) p[i] = -g[i];
            slope = 0;
            for (size_t i = 0; i < n; i++) slope += p[i] * g[i];
        }
        double lam = 1;
        bool stepped = false;
        for (int tries = 0; tries < 60; tries++) {
            for (size_t i = 0; i < n; i++) xn[i] = x[i] + lam * p[i];
            if (value_grad(&F, grad, xn, sgn, &fn, gn) && fn <= fv + 1e-4 * lam * slope) { stepped = true; break; }
            if (ly_unwinding(vm)) { ok = false; break; }
            lam /= 2;
        }
        if (!ok || !stepped) break;
        double s[16] = { 0 }, y[16] = { 0 }, sy = 0, step = 0;
        for (size_t i = 0; i < n; i++) { s[i] = xn[i] - x[i]; y[i] = gn[i] - g[i]; sy += s[i] * y[i]; step = fmax(step, fabs(s[i])); }
        if (sy > 1e-300) {
            /* BFGS update of the inverse Hessian */
            double Hy[16] = { 0 }, yHy = 0;
            for (size_t i = 0; i < n; i++) { Hy[i] = 0; for (size_t j = 0; j < n; j++) Hy[i] += H[i * n + j] * y[j]; yHy += y[i] * Hy[i]; }
            for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < n; j++)
                    H[i * n + j] += ((sy + yHy) * s[i] * s[j]) / (sy * sy) - (Hy[i] * s[j] + s[i] * Hy[j]) / sy;
        }
        double df = fv - fn;
        memcpy(x, xn, n * sizeof(double));
        memcpy(g, gn, n * sizeof(double));
        fv = fn;
        if (step < 1e-14 * (1 + fabs(x[0])) || fabs(df) < 1e-16 * (1 + fabs(fv))) break;
        if (!ly_safe_point(vm)) { ok = false; break; }
    }
    for (size_t i = 0; i < n; i++) ly_unref(vm, grad[i]);
    if (!ok) return NULL;
    LyExpr rules = rules_of(vm, sp, x, n);
    return rules ? ly_mk(vm, LY_SYM(List), 2, ly_mkreal(vm, sgn * fv), rules) : NULL;
}

static LyExpr b_findminimum(LyVM *vm, LyExpr e) { return find_extremum(vm, e, 1); }
static LyExpr b_findmaximum(LyVM *vm, LyExpr e) { return find_extremum(vm, e, -1); }

/* ---- NSum --------------------------------------------------------------------------------------- */

/* Sum of (-1)^k a_k, k >= 0, by the algorithm of Cohen, Rodriguez Villegas
 * and Zagier (Experimental Math. 9, 2000): n terms give an error of about
 * 5.8^-n for a totally monotone a_k, such as 1/k or 1/Sqrt[k]. */
static double alt_sum(const double *a, int n) {
    double d = pow(3 + sqrt(8.0), n);
    d = (d + 1 / d) / 2;
    double b = -1, c = -d, s = 0;
    for (int k = 0; k < n; k++) {
        c = b - c;
        s += c * a[k];
        b = (double)(k + n) * (double)(k - n) * b / ((k + 0.5) * (k + 1));
    }
    return s / d;
}

/* The sum of f from K to end (end may be +inf) by Euler-Maclaurin: the
 * integral, plus f(K)/2, minus f1(K)/12, plus f3(K)/720 (derivatives by
 * differences), and the same at a finite end with the other signs.  scale:
 * the size of the whole sum, which sets the absolute accuracy wanted. */
static bool em_tail(Fn *F, double K, double end, double scale, double *out) {
    double ends[2] = { K, end }, corr = 0;
    for (int i = 0; i < 2; i++) {
        double X = ends[i];
        if (isinf(X)) continue;
        double h = 1e-2 * (1 + fabs(X)), fX, f1, f2, fm1, fm2;
        double xs[5] = { X, X + h, X + 2 * h, X - h, X - 2 * h };
        if (!(fn_real(F, F->f, &xs[0], &fX) && fn_real(F, F->f, &xs[1], &f1) && fn_real(F, F->f, &xs[2], &f2) &&
              fn_real(F, F->f, &xs[3], &fm1) && fn_real(F, F->f, &xs[4], &fm2)))
            return false;
        double d1 = (f1 - fm1) / (2 * h), d3 = (f2 - 2 * f1 + 2 * fm1 - fm2) / (2 * h * h * h);
        double sg = i == 0 ? 1 : -1;
        corr += fX / 2 - sg * d1 / 12 + sg * d3 / 720;
    }
    double pt[1], integral = 0, ierr = 0, atol = 1e-15 * fabs(scale);
    if (!isinf(end)) {
        NI N = { *F, F->f, 0, K, end, pt, 0, false, 0, atol };
        if (!ni_adapt(&N, &integral, &ierr)) return false;
        *out = integral + corr;
        return true;
    }
    /* the integral to infinity over [K 2^j, K 2^(j+1)], j = 0, 1, ...: a
     * power-law tail (1/x^1.1) gives pieces in nearly geometric ratio r,
     * whose rest p r/(1 - r) is added in closed form; the estimates are
     * extrapolated (Richardson, their error halving with j) until two agree */
    double prev = 0, est[3] = { 0, 0, 0 }, lo = K;
    int nest = 0;
    for (int j = 0; j < 400; j++) {
        double hi = 2 * lo, piece;
        NI N = { *F, F->f, 0, lo, hi, pt, 0, false, 0, atol };
        if (!ni_adapt(&N, &piece, &ierr)) return false;
        integral += piece;
        if (fabs(piece) <= 1e-17 * (fabs(integral) + fabs(scale))) { *out = integral + corr; return true; }
        double r = prev != 0 ? piece / prev : 0;
        prev = piece;
        lo = hi;
        if (!(r > 0 && r < 1) || j < 2) { nest = 0; continue; }
        double e = integral + piece * r / (1 - r);
        est[0] = est[1]; est[1] = est[2]; est[2] = e;
        if (++nest < 3) continue;
        double r1 = 2 * est[2] - est[1], r0 = 2 * est[1] - est[0];
        double best = (4 * r1 - r0) / 3;
        if (fabs(r1 - r0) <= 1e-13 * (fabs(best) + fabs(scale))) { *out = best + corr; return true; }
        if (!isfinite(hi)) break;
    }
    return false;       /* not converging */
}

/* The sum of F over var = 0, 1, ..., end (end INT64_MAX: infinity);
 * false when it cannot be had (terms not numbers, no convergence). */
static bool nsum_run(Fn *F, int64_t end, double *out) {
    LyVM *vm = F->vm;
    double s = 0, c = 0, x, v;
    bool inf = end == INT64_MAX;
    int64_t k = 0;
    enum { NALT = 40 };
    if (inf) {
        /* alternating signs over the first terms (after up to 3 zeros, as
         * Log[k]/k at k = 1): Cohen-Villegas-Zagier */
        double a[NALT + 3];
        int n = 0, z = 0, flips = 0;
        bool ok = true;
        for (; n < NALT + z; n++) {
            x = (double)n;
            if (!fn_real(F, F->f, &x, &a[n])) { ok = false; break; }
            if (n == z && a[n] == 0 && z < 3) { z++; continue; }
            if (n > z && a[n] * a[n - 1] < 0) flips++;
        }
        if (ok && flips == NALT - 1) {
            double sg = a[z] > 0 ? 1 : -1;
            for (int i = 0; i < NALT; i++) a[i] = fabs(a[z + i]);
            *out = sg * alt_sum(a, NALT);
            return true;
        }
        if (ly_unwinding(vm)) return false;
    }
    /* direct (compensated) summation of the first terms; a long finite range
     * goes on by Euler-Maclaurin as an infinite one does.  Terms that still
     * change sign past the first ones (Sin[k]/k^2) do not suit Euler-Maclaurin:
     * they are summed directly further, to 20000. */
    int64_t direct = 200;
    bool tail = inf || end > 1000000;
    double last = 0, avg = 0;
    int changes = 0;
    int64_t navg = 0;
    for (; k <= end && (k < direct || !tail); k++) {
        x = (double)k;
        if (!fn_real(F, F->f, &x, &v)) return false;
        double t = s + v;
        c += fabs(s) >= fabs(v) ? (s - t) + v : (v - t) + s;
        s = t;
        if (k % 1024 == 0 && !ly_safe_point(vm)) return false;
        /* a term below the sum's resolution: the tail (at most about k such
         * terms) cannot change the result, and going on would only reach
         * overflowing terms (1/2^k at k = 1024) */
        if (inf && k > 10 && fabs(v) <= 1e-18 * fabs(s)) { k++; break; }
        if (k >= 100 && v * last < 0) changes++;
        last = v;
        if (k == direct - 1 && changes && direct < 20000) direct = 20000;
        /* oscillating partial sums: their mean over the second half of the
         * terms (Cesaro) is far closer than the last one (Cos[k]/k) */
        if (direct == 20000 && k >= direct / 2) { avg += s + c; navg++; }
    }
    double total = s + c;
    if (changes) { *out = navg ? avg / navg : total; return true; }
    if (tail && k >= direct && k <= end) {
        double t;
        if (!em_tail(F, (double)k, inf ? INFINITY : (double)end, s + c, &t)) return false;
        total += t;
    }
    *out = total;
    return true;
}

/* The sum of body over var = origin + step i, i = 0..end, as nsum_run. */
static bool nsum_mapped(LyVM *vm, LyExpr body, LyExpr var, LyExpr origin, LyExpr step, int64_t end, double *out) {
    LyExpr map = ly_mk(vm, LY_SYM(Plus), 2, ref(origin), ly_mk(vm, LY_SYM(Times), 2, ref(step), ref(var)));
    LyExpr f = map ? ly_substitute(vm, body, 1, &var, &map) : NULL;
    ly_unref(vm, map);
    if (!f) return false;
    Fn F = { vm, f, &var, 1 };
    bool ok = nsum_run(&F, end, out);
    ly_unref(vm, f);
    return ok;
}

/* NSum[f, {k, kmin, kmax}] and {k, kmin, kmax, dk}, kmin or kmax infinite,
 * several iterators (the later inner): alternating series (terms of
 * alternating sign) by Cohen-Villegas-Zagier; others by compensated
 * summation of the first terms and an Euler-Maclaurin tail whose integral
 * extrapolates a power-law decay, which takes slowly converging sums such
 * as 1/k^1.1 and long finite ranges. */
static LyExpr b_nsum(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, SIZE_MAX)) return NULL;
    size_t n = ly_nlen(e);
    LyExpr body;
    if (n > 2) {
        /* NSum[f, it1, it2, ...] = NSum[NSum[f, it2, ...], it1] */
        body = ly_mknormal(vm, (ly_ref(ly_nhead(e)), ly_nhead(e)), n - 1);
        if (!body) return NULL;
        ly_nset(body, 1, ref(ly_narg(e, 1)));
        for (size_t i = 3; i <= n; i++) ly_nset(body, i - 1, ref(ly_narg(e, i)));
    } else body = ref(ly_narg(e, 1));
    LyExpr spec = lys_eval_steal(vm, ly_mk(vm, LY_SYM(List), 1, ref(ly_narg(e, 2))));
    if (!spec) { ly_unref(vm, body); return NULL; }
    LyExpr sp = ly_narg(spec, 1), res = NULL;
    if (!ly_head_is(sp, LY_SYM(List)) || ly_nlen(sp) < 3 || ly_nlen(sp) > 4 || !ly_is_sym(ly_narg(sp, 1)))
        goto done;
    LyExpr var = ly_narg(sp, 1), lo = ly_narg(sp, 2), hi = ly_narg(sp, 3);
    LyExpr step = ly_nlen(sp) == 4 ? ly_narg(sp, 4) : ly_mksmall(1);
    int slo = lys_infinity_sign(lo), shi = lys_infinity_sign(hi);
    if (!lys_is_realnum(step) || ly_num_sign(step) <= 0) goto done;
    if ((!slo && !lys_is_realnum(lo)) || (!shi && !lys_is_realnum(hi)) || slo > 0 || shi < 0) goto done;
    double total = 0, part;
    bool ok;
    if (!slo && !shi) {
        double cnt = floor((ly_num_to_double(hi) - ly_num_to_double(lo)) / ly_num_to_double(step) + 1e-9);
        if (cnt < 0) { res = ly_mksmall(0); goto done; }
        if (cnt > 9e15) goto done;
        ok = nsum_mapped(vm, body, var, lo, step, (int64_t)cnt, &total);
    } else if (!slo) {
        ok = nsum_mapped(vm, body, var, lo, step, INT64_MAX, &total);
    } else {
        /* down from hi (or from 0 and -step for a sum over all integers) */
        LyExpr nstep = ly_num_neg(vm, step);
        if (!nstep) goto done;
        if (!shi) ok = nsum_mapped(vm, body, var, hi, nstep, INT64_MAX, &total);
        else {
            part = 0;
            ok = nsum_mapped(vm, body, var, ly_mksmall(0), step, INT64_MAX, &total) &&
                 nsum_mapped(vm, body, var, nstep, nstep, INT64_MAX, &part);
            total += part;
        }
        ly_unref(vm, nstep);
    }
    if (ok) res = ly_mkreal(vm, total);
done:
    ly_unref(vm, spec);
    ly_unref(vm, body);
    return res;
}

static const LyBuiltin numeric_builtins[] = {
    { "FindRoot", b_findroot, "HoldAll Protected",
      "FindRoot[f, {x, x0}] searches for a numerical root of f, starting from the point x = x0.\n"
      "FindRoot[lhs == rhs, {x, x0}] searches for a numerical solution to the equation lhs == rhs.\n"
      "FindRoot[{f1, f2, ...}, {{x, x0}, {y, y0}, ...}] searches for a simultaneous numerical root of all the fi." },
    { "NIntegrate", b_nintegrate, "HoldAll Protected",
      "NIntegrate[f, {x, xmin, xmax}] gives a numerical approximation to the integral of f over x from xmin to xmax.\n"
      "NIntegrate[f, {x, xmin, xmax}, {y, ymin, ymax}, ...] gives a numerical approximation to the multiple integral." },
    { "FindMinimum", b_findminimum, "HoldAll Protected",
      "FindMinimum[f, {x, x0}] searches for a local minimum in f, starting from the point x = x0.\n"
      "FindMinimum[f, {{x, x0}, {y, y0}, ...}] searches for a local minimum in a function of several variables." },
    { "FindMaximum", b_findmaximum, "HoldAll Protected",
      "FindMaximum[f, {x, x0}] searches for a local maximum in f, starting from the point x = x0." },
    { "NSum", b_nsum, "HoldAll Protected",
      "NSum[f, {i, imin, imax}] gives a numerical approximation to the sum of f with i running from imin to imax." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_numeric(LyVM *vm);
LyStatus lys_open_numeric(LyVM *vm) { return ly_register_table(vm, numeric_builtins); }
