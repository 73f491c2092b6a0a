/*
 * numeric.c — numerical methods over expressions: FindRoot (damped Newton
 * with the symbolic Jacobian, secant when two starting values are given,
 * Brent's method on a bracket), FindMinimum and FindMaximum (BFGS with a
 * backtracking line search, symbolic gradient), NSum; their options
 * (Options[FindRoot] lists Wolfram's defaults); WorkingPrecision by
 * Newton's iteration in arbitrary precision from the machine answer.  The
 * sampling of functions shared with NIntegrate (nintegrate.c).  Written
 * against lyra.h + lyra_ext.h.
 *
 * The function is evaluated at a point as Wolfram's are: the variables are
 * localized (Block), the function evaluated once with them symbolic, and
 * each sample sets them to numbers; anything that does not come out a
 * number stops the method with the message Wolfram gives (FindRoot::nlnum).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lys_num.h"

static LyExpr ref(LyExpr e) { ly_ref(e); return e; }

/* ---- sampling functions ------------------------------------------------------------------------ */

bool lys_fn_open(LyVM *vm, LysFn *F, LyExpr f, size_t n, const LyExpr *vars, LyExpr monitor) {
    F->vm = vm;
    F->nv = n;
    F->monitor = monitor;
    F->evals = 0;
    for (size_t i = 0; i < n; i++) {
        F->vars[i] = vars[i];
        F->delayed[i] = ly_own_value_delayed(vm, vars[i]);
        F->saved[i] = ref(ly_own_value(vm, vars[i]));
        ly_set_own_value(vm, vars[i], NULL);
    }
    F->f = ly_evaluate(vm, f);
    if (!F->f) { lys_fn_close(F); return false; }
    return true;
}

void lys_fn_close(LysFn *F) {
    for (size_t i = F->nv; i-- > 0;) {
        ly_set_own_value_ex(F->vm, F->vars[i], F->saved[i], F->delayed[i]);
        F->saved[i] = NULL;
    }
    ly_unref(F->vm, F->f);
    F->f = NULL;
}

LyExpr lys_fn_eval(LysFn *F, LyExpr g, const LyExpr *vals) {
    LyVM *vm = F->vm;
    for (size_t i = 0; i < F->nv; i++) ly_set_own_value(vm, F->vars[i], ref(vals[i]));
    /* samples underflow quietly, as Wolfram's on machine arrays */
    lys_underflow_check(vm, false);
    LyExpr r = ly_evaluate(vm, g);
    lys_underflow_check(vm, true);
    bool sample = g == F->f;
    /* the components of a system (FindRoot) are its samples too */
    for (size_t i = 1; !sample && ly_head_is(F->f, LY_SYM(List)) && i <= ly_nlen(F->f); i++)
        sample = g == ly_narg(F->f, i) && i == 1;
    if (sample) {
        F->evals++;
        if (r && F->monitor) {
            LyExpr m = ly_evaluate(vm, F->monitor);
            if (!m) { ly_unref(vm, r); r = NULL; }
            ly_unref(vm, m);
        }
    }
    for (size_t i = 0; i < F->nv; i++) ly_set_own_value(vm, F->vars[i], NULL);
    return r;
}

LyExpr lys_fn_at(LysFn *F, LyExpr g, const double *x) {
    LyExpr vals[LYS_MAXVARS] = { 0 };
    size_t n = F->nv;
    for (size_t i = 0; i < n; i++) {
        vals[i] = ly_mkreal(F->vm, x[i]);
        if (!vals[i]) { while (i--) ly_unref(F->vm, vals[i]); return NULL; }
    }
    LyExpr r = lys_fn_eval(F, g, vals);
    for (size_t i = 0; i < n; i++) ly_unref(F->vm, vals[i]);
    return r;
}

bool lys_fn_value(LysFn *F, LyExpr g, const double *x, double _Complex *out) {
    LyExpr r = lys_fn_at(F, g, x);
    if (!r) return false;
    double _Complex z;
    bool ok = lys_nvalue(F->vm, r, &z) && isfinite(creal(z)) && isfinite(cimag(z));
    ly_unref(F->vm, r);
    if (ok) *out = z;
    return ok;
}

bool lys_fn_real(LysFn *F, LyExpr g, const double *x, double *out) {
    double _Complex z;
    if (!lys_fn_value(F, g, x, &z) || fabs(cimag(z)) > 1e-12 * (1 + fabs(creal(z)))) return false;
    *out = creal(z);
    return true;
}

/* ---- option values --------------------------------------------------------------------------------- */

static void optval(LyVM *vm, LyExpr head, const char *name, LyExpr v) {
    ly_set_message(vm, "General", "optval", "Value of option `1` -> `2` is not valid here.");
    ly_message(vm, head, "optval", 2, ly_symbol(vm, name), v);
}

bool lys_opt_real(LyVM *vm, LyExpr head, const char *name, LyExpr v, double dflt, double *out) {
    if (!v || v == LY_SYM(Automatic)) { *out = dflt; return true; }
    LyExpr n = ly_evaluate(vm, v);
    if (!n) return false;
    double _Complex z;
    bool ok;
    if (n == LY_SYM(Infinity) || lys_infinity_sign(n) > 0) { *out = INFINITY; ok = true; }
    else {
        LyExpr m = lys_numericalize(vm, n);
        ok = m && lys_nvalue(vm, m, &z) && cimag(z) == 0 && !isnan(creal(z));
        if (ok) *out = creal(z);
        ly_unref(vm, m);
    }
    ly_unref(vm, n);
    if (!ok && !ly_unwinding(vm)) optval(vm, head, name, v);
    return ok;
}

bool lys_opt_precision(LyVM *vm, LyExpr head, LyExpr v, double *out) {
    if (!v || ly_is_symbol(v, "MachinePrecision")) { *out = 0; return true; }
    double p;
    LyExpr n = ly_evaluate(vm, v);
    if (!n) return false;
    bool mach = ly_is_symbol(n, "MachinePrecision");
    ly_unref(vm, n);
    if (mach) { *out = 0; return true; }
    if (!lys_opt_real(vm, head, "WorkingPrecision", v, 0, &p)) return false;
    if (!(p >= 1) || p > 1e6) { optval(vm, head, "WorkingPrecision", v); return false; }
    *out = p;
    return true;
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

/* Variable specs {x, x0}, {x, x0, x1}, {x, x0, xmin, xmax} or a List of
 * them, up to the options. */
typedef struct Spec { LyExpr var; double x0, x1, lo, hi; bool two, box; } Spec;

static bool spec_number(LyVM *vm, LyExpr x, double *out) {
    double _Complex z;
    LyExpr a = lys_numericalize(vm, x);
    bool ok = a && lys_nvalue(vm, a, &z) && cimag(z) == 0 && isfinite(creal(z));
    ly_unref(vm, a);
    if (ok) *out = creal(z);
    return ok;
}

static size_t read_specs(LyVM *vm, LyExpr e, size_t from, size_t to, Spec *sp, size_t cap) {
    size_t n = 0;
    for (size_t i = from; i < to; i++) {
        LyExpr s = ly_narg(e, i);
        if (!ly_head_is(s, LY_SYM(List)) || ly_nlen(s) == 0) return 0;
        if (ly_head_is(ly_narg(s, 1), LY_SYM(List))) {
            size_t k = read_specs(vm, s, 1, ly_nlen(s) + 1, sp + n, cap - n);
            if (!k) return 0;
            n += k;
            continue;
        }
        if (n == cap || ly_nlen(s) < 2 || ly_nlen(s) > 4 || !ly_is_sym(ly_narg(s, 1))) return 0;
        Spec *q = &sp[n];
        *q = (Spec){ ly_narg(s, 1), 0, 0, -INFINITY, INFINITY, false, false };
        if (!spec_number(vm, ly_narg(s, 2), &q->x0)) return 0;
        if (ly_nlen(s) == 3) {
            if (!spec_number(vm, ly_narg(s, 3), &q->x1)) return 0;
            q->two = true;
        } else if (ly_nlen(s) == 4) {
            if (!spec_number(vm, ly_narg(s, 3), &q->lo) || !spec_number(vm, ly_narg(s, 4), &q->hi)) return 0;
            q->box = true;
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

/* the rules var -> vals[i] (values borrowed) */
static LyExpr rules_vals(LyVM *vm, const Spec *sp, const LyExpr *vals, size_t n) {
    LyExpr out = ly_mknormal(vm, LY_SYM(List), n);
    for (size_t i = 0; out && i < n; i++) {
        LyExpr r = ly_mk(vm, LY_SYM(Rule), 2, ref(sp[i].var), ref(vals[i]));
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

static LyExpr var_list(LyVM *vm, const Spec *sp, size_t n) {
    LyExpr l = ly_mknormal(vm, LY_SYM(List), n);
    for (size_t i = 0; l && i < n; i++) ly_nset(l, i + 1, ref(sp[i].var));
    return l;
}

/* StepMonitor: evaluated with the variables at x */
static bool step_monitor(LysFn *F, LyExpr mon, const double *x) {
    if (!mon) return true;
    LyExpr save = F->monitor;
    F->monitor = NULL;
    LyExpr r = lys_fn_at(F, mon, x);
    F->monitor = save;
    ly_unref(F->vm, r);
    return r != NULL;
}

/* ---- Newton's method at working precision ------------------------------------------------------- */

/* d 2^e2 as an arbitrary-precision real of precision p (0 when d is) */
static LyExpr mk_bigreal(LyVM *vm, double d, long e2, double p) {
    if (d == 0) return ly_mksmall(0);
    LyExpr dd = ly_mkreal(vm, d), pp = ly_mkreal(vm, p);
    LyExpr r = dd && pp ? lys_apply_eval(vm, ly_symbol(vm, "SetPrecision"), 2, (LyExpr[]){ dd, pp }) : NULL;
    ly_unref(vm, dd); ly_unref(vm, pp);
    if (!r || e2 == 0) return r;
    LyExpr pw = ly_mk(vm, LY_SYM(Power), 2, ly_mksmall(2), ly_mksmall(e2));
    return pw ? lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, r, pw)) : (ly_unref(vm, r), NULL);
}

/* v (a number) as d 2^*e2 with |d| < 2 (machine numbers e2 = 0); false
 * when v is not a real number */
static bool split_real(LyVM *vm, LyExpr v, double *d, long *e2, bool *mach) {
    *mach = false;
    if (ly_is_bigreal(v)) {
        mpz_t m;
        mpz_init(m);
        ly_int_get_mpz(ly_narg(v, 1), m);
        long ex;
        *d = mpz_get_d_2exp(&ex, m);
        *e2 = ex + (long)ly_small(ly_narg(v, 2));
        mpz_clear(m);
        return true;
    }
    if (!lys_is_realnum(v)) return false;
    *mach = ly_is_real(v);
    int ex;
    *d = frexp(ly_num_to_double(v), &ex);
    *e2 = ex;
    return isfinite(*d);
}

/* Refines the machine root x of the system fs (a List of n expressions)
 * to precision p by Newton's iteration with the machine Jacobian a (n x
 * n, at x), evaluating fs at precision p + 20: each step gains about as
 * many digits as the machine Jacobian is accurate.  out[i] get the
 * coordinates (new references).  False on an exit, after f::precw when
 * the functions do not evaluate to arbitrary-precision numbers, or when
 * the iteration does not converge (a multiple root: the machine Jacobian
 * is singular there). */
static bool newton_precise(LysFn *F, LyExpr head, LyExpr fs, const double *a, const double *x, size_t n, double p,
                           LyExpr *out) {
    LyVM *vm = F->vm;
    double wp = p + 20;
    bool ok = true;
    bool conv = false;
    for (size_t i = 0; i < n; i++) out[i] = mk_bigreal(vm, x[i], 0, wp);
    for (size_t i = 0; i < n; i++) if (!out[i]) ok = false;
    for (int it = 0; ok && it < 100; it++) {
        double m[LYS_MAXVARS], lu[LYS_MAXVARS * LYS_MAXVARS];
        long e2[LYS_MAXVARS], top = LONG_MIN;
        bool zero = true;
        for (size_t i = 0; ok && i < n; i++) {
            LyExpr v = lys_fn_eval(F, ly_narg(fs, i + 1), out);
            bool mach;
            if (!v) { ok = false; break; }
            if (!split_real(vm, v, &m[i], &e2[i], &mach) || (mach && m[i] != 0)) {
                /* a machine value: the function has no arbitrary-precision form */
                if (!ly_unwinding(vm)) {
                    ly_set_message(vm, "General", "precw",
                                   "The precision of the argument function (`1`) is less than WorkingPrecision (`2`).");
                    LyExpr pr = ly_mkreal(vm, p);
                    ly_message(vm, head, "precw", 2, F->f, pr);
                    ly_unref(vm, pr);
                }
                ly_unref(vm, v);
                ok = false;
                break;
            }
            ly_unref(vm, v);
            if (m[i] != 0) { zero = false; if (e2[i] > top) top = e2[i]; }
        }
        if (!ok || zero) { conv = zero; break; }
        /* scale the residuals to machine range, solve, scale back */
        for (size_t i = 0; i < n; i++) m[i] = m[i] == 0 ? 0 : ldexp(m[i], (int)(e2[i] - top < -1000 ? -1000 : e2[i] - top));
        memcpy(lu, a, n * n * sizeof(double));
        if (!gauss(lu, m, n)) break;
        bool small = true;
        for (size_t i = 0; i < n; i++) {
            bool mach;
            double xd, dd;
            long xe;
            LyExpr dx = mk_bigreal(vm, -m[i], top, wp);
            LyExpr nx = dx ? lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, ref(out[i]), dx)) : NULL;
            if (nx && split_real(vm, out[i], &xd, &xe, &mach)) {
                /* |dx| below 10^-(p+2) |x|: converged */
                int ed;
                dd = frexp(m[i], &ed);
                if (dd != 0 && (double)(top + ed - xe) > -(p + 2) * 3.3219280948873623) small = false;
            }
            if (!nx) { ok = false; break; }
            ly_unref(vm, out[i]);
            out[i] = nx;
        }
        if (!ok || small) { conv = small; break; }
        if (!ly_safe_point(vm)) { ok = false; break; }
    }
    /* no convergence (a singular or degenerate root): the machine answer */
    if (!conv) ok = false;
    if (ok) {
        /* the result carries the working precision asked for */
        LyExpr pr = ly_mkreal(vm, p);
        for (size_t i = 0; ok && i < n; i++) {
            LyExpr r = pr ? lys_apply_eval(vm, ly_symbol(vm, "SetPrecision"), 2, (LyExpr[]){ out[i], pr }) : NULL;
            if (!r) { ok = false; break; }
            ly_unref(vm, out[i]);
            out[i] = r;
        }
        ly_unref(vm, pr);
    }
    if (!ok) for (size_t i = 0; i < n; i++) { ly_unref(vm, out[i]); out[i] = NULL; }
    return ok;
}

/* ---- FindRoot --------------------------------------------------------------------------------- */

static void findroot_messages(LyVM *vm) {
    ly_set_message(vm, "FindRoot", "nlnum", "The function value `1` is not a list of numbers with dimensions `2` at `3` = `4`.");
    ly_set_message(vm, "FindRoot", "jsing", "Encountered a singular Jacobian at the point `1` = `2`. Try perturbing the initial point(s).");
    ly_set_message(vm, "FindRoot", "cvmit", "Failed to converge to the requested accuracy or precision within `1` iterations.");
    ly_set_message(vm, "FindRoot", "fstr", "The starting value specification `1` is not of the form {x, x0}, {x, x0, x1} or {x, x0, xmin, xmax}.");
    ly_set_message(vm, "FindRoot", "reged", "The point `1` is at the edge of the search region `2` in coordinate `3` and the computed search direction points outside the region.");
    ly_set_message(vm, "FindRoot", "jdims", "The Jacobian `1` is not a matrix of dimensions `2`.");
    ly_set_message(vm, "FindRoot", "bdmtd", "Value of option Method -> `1` is not Automatic, \"Newton\", \"Secant\" or \"Brent\".");
}

static void nlnum(LyVM *vm, LysFn *F, const Spec *sp, const double *x, size_t n) {
    LyExpr val = lys_fn_at(F, F->f, x);
    LyExpr vl = var_list(vm, sp, n), xl = list_of_reals(vm, x, n);
    LyExpr dim = ly_mk(vm, LY_SYM(List), 1, ly_mksmall((int64_t)n));
    if (val && vl && xl && dim) ly_message(vm, ly_symbol(vm, "FindRoot"), "nlnum", 4, val, dim, vl, xl);
    ly_unref(vm, val); ly_unref(vm, vl); ly_unref(vm, xl); ly_unref(vm, dim);
}

enum { OPT_AG, OPT_PG, OPT_MAXIT, OPT_WP, OPT_EVMON, OPT_STEPMON, OPT_METHOD, OPT_JAC, OPT_DAMP, OPT_N };
static const char *const findroot_opts[OPT_N] = {
    "AccuracyGoal", "PrecisionGoal", "MaxIterations", "WorkingPrecision", "EvaluationMonitor", "StepMonitor",
    "Method", "Jacobian", "DampingFactor" };

typedef struct Goals { double ag, pg, p; long maxit; LyExpr evmon, stepmon, method; } Goals;

/* the goals of FindRoot, FindMinimum, FindMaximum from their options;
 * machine precision by default: tighter than Wolfram's (p/2 = 8 digits)
 * since one more Newton step costs little and gives all the digits */
static bool read_goals(LyVM *vm, LyExpr e, LyExpr *v, Goals *g, long dflt_maxit) {
    LyExpr h = ly_nhead(e);
    double maxit;
    if (!lys_opt_precision(vm, h, v[OPT_WP], &g->p)) return false;
    double half = g->p ? g->p / 2 : INFINITY;
    if (!lys_opt_real(vm, h, "AccuracyGoal", v[OPT_AG], half, &g->ag) ||
        !lys_opt_real(vm, h, "PrecisionGoal", v[OPT_PG], half, &g->pg) ||
        !lys_opt_real(vm, h, "MaxIterations", v[OPT_MAXIT], (double)dflt_maxit, &maxit))
        return false;
    if (!(maxit >= 1)) {
        ly_set_message(vm, "General", "optval", "Value of option `1` -> `2` is not valid here.");
        ly_message(vm, h, "optval", 2, ly_symbol(vm, "MaxIterations"), v[OPT_MAXIT]);
        return false;
    }
    g->maxit = maxit > 1e9 ? 1000000000L : (long)maxit;
    g->evmon = v[OPT_EVMON] == LY_SYM(None) ? NULL : v[OPT_EVMON];
    g->stepmon = v[OPT_STEPMON] == LY_SYM(None) ? NULL : v[OPT_STEPMON];
    g->method = v[OPT_METHOD];
    return true;
}

/* converged: a step of at most 10^-ag absolute or 10^-pg relative (and
 * near machine precision when the goals are the defaults) */
static bool step_small(const Goals *g, double step, double scale) {
    double tol = fmax(isinf(g->ag) ? 0 : pow(10, -g->ag), isinf(g->pg) ? 0 : pow(10, -g->pg) * scale);
    return step <= fmax(tol, 1e-15 * (1 + scale));
}

/* Brent's method on [a, b] for one variable with f(a) f(b) <= 0 */
static bool brent(LysFn *F, LyExpr f, double a, double b, double fa, double fb, const Goals *g, double *root, bool *conv) {
    double c = a, fc = fa, d = b - a, e2 = d;
    *conv = false;
    for (long it = 0; it < g->maxit; it++) {
        if (fb * fc > 0) { c = a; fc = fa; d = e2 = b - a; }
        if (fabs(fc) < fabs(fb)) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa; }
        double tol = 2e-16 * fabs(b) + 0.5 * fmax(isinf(g->ag) ? 0 : pow(10, -g->ag), 1e-300);
        double m = (c - b) / 2;
        if (fabs(m) <= tol || fb == 0) { *conv = true; break; }
        if (fabs(e2) >= tol && fabs(fa) > fabs(fb)) {
            double s = fb / fa, pp, q;
            if (a == c) { pp = 2 * m * s; q = 1 - s; }
            else {
                double q0 = fa / fc, r = fb / fc;
                pp = s * (2 * m * q0 * (q0 - r) - (b - a) * (r - 1));
                q = (q0 - 1) * (r - 1) * (s - 1);
            }
            if (pp > 0) q = -q; else pp = -pp;
            if (2 * pp < fmin(3 * m * q - fabs(tol * q), fabs(e2 * q))) { e2 = d; d = pp / q; }
            else { d = m; e2 = m; }
        } else { d = m; e2 = m; }
        a = b; fa = fb;
        b += fabs(d) > tol ? d : (m > 0 ? tol : -tol);
        if (!lys_fn_real(F, f, &b, &fb)) return false;
        if (!step_monitor(F, g->stepmon, &b)) return false;
    }
    *root = b;
    return true;
}

static LyExpr b_findroot(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, SIZE_MAX)) return NULL;
    findroot_messages(vm);
    size_t first = lys_first_option(e, 2);
    LyExpr ov[OPT_N];
    Goals g;
    if (!lys_get_options(vm, e, first, OPT_N, findroot_opts, ov) || !read_goals(vm, e, ov, &g, 100)) return NULL;
    Spec sp[LYS_MAXVARS];
    size_t n = first > 2 ? read_specs(vm, e, 2, first, sp, LYS_MAXVARS) : 0;
    if (!n) {
        if (!ly_unwinding(vm)) ly_message(vm, ly_nhead(e), "fstr", 1, ly_narg(e, first > 2 ? 2 : 1));
        return NULL;
    }
    int method = 0;     /* 0 Newton, 1 secant, 2 Brent */
    if (g.method && g.method != LY_SYM(Automatic)) {
        const char *m = ly_is_string(g.method) ? ly_str(g.method)->s : "";
        if (!strcmp(m, "Newton")) method = 0;
        else if (!strcmp(m, "Secant")) method = 1;
        else if (!strcmp(m, "Brent")) method = 2;
        else { ly_message(vm, ly_nhead(e), "bdmtd", 1, g.method); return NULL; }
        if (method && n != 1) { ly_message(vm, ly_nhead(e), "bdmtd", 1, g.method); return NULL; }
    } else if (n == 1 && sp[0].two) method = 1;
    double damp;
    if (!lys_opt_real(vm, ly_nhead(e), "DampingFactor", ov[OPT_DAMP], 1, &damp)) return NULL;
    if (!(damp > 0) || isinf(damp)) {
        ly_message(vm, ly_nhead(e), "optval", 2, ly_symbol(vm, "DampingFactor"), ov[OPT_DAMP]);
        return NULL;
    }
    LyExpr f0 = as_zero(vm, ly_narg(e, 1));
    if (!f0) return NULL;
    if (!ly_head_is(f0, LY_SYM(List))) { f0 = ly_mk(vm, LY_SYM(List), 1, f0); if (!f0) return NULL; }
    LyExpr vars[LYS_MAXVARS];
    for (size_t i = 0; i < n; i++) vars[i] = sp[i].var;
    LysFn F;
    bool opened = lys_fn_open(vm, &F, f0, n, vars, g.evmon);
    ly_unref(vm, f0);
    if (!opened) return NULL;
    LyExpr f = F.f, res = NULL;
    LyExpr J[LYS_MAXVARS * LYS_MAXVARS] = { 0 };
    double x[LYS_MAXVARS], fx[LYS_MAXVARS], a[LYS_MAXVARS * LYS_MAXVARS], dx[LYS_MAXVARS];
    double xn[LYS_MAXVARS], fn[LYS_MAXVARS];
    bool ok = true, conv = false;
    long it = 0;
    if (!ly_head_is(f, LY_SYM(List)) || ly_nlen(f) != n) {
        for (size_t i = 0; i < n; i++) x[i] = sp[i].x0;
        nlnum(vm, &F, sp, x, n);
        goto done;
    }
    /* the Jacobian: the option's, else symbolic; NULL entries fall back to differences */
    LyExpr jopt = ov[OPT_JAC];
    if (jopt && jopt != LY_SYM(Automatic) && !ly_is_string(jopt)) {
        LyExpr jm = ly_evaluate(vm, jopt);
        if (!jm) { ok = false; goto done; }
        if (n == 1 && !ly_head_is(jm, LY_SYM(List))) jm = ly_mk(vm, LY_SYM(List), 1, ly_mk(vm, LY_SYM(List), 1, jm));
        bool dims = jm && ly_head_is(jm, LY_SYM(List)) && ly_nlen(jm) == n;
        for (size_t r = 0; dims && r < n; r++)
            dims = ly_head_is(ly_narg(jm, r + 1), LY_SYM(List)) && ly_nlen(ly_narg(jm, r + 1)) == n;
        if (!dims) {
            if (jm) {
                LyExpr d2 = ly_mk(vm, LY_SYM(List), 2, ly_mksmall((int64_t)n), ly_mksmall((int64_t)n));
                if (d2) ly_message(vm, ly_nhead(e), "jdims", 2, jm, d2);
                ly_unref(vm, d2);
            }
            ly_unref(vm, jm);
            ok = false;
            goto done;
        }
        for (size_t i = 0; i < n * n; i++) J[i] = ref(ly_narg(ly_narg(jm, i / n + 1), i % n + 1));
        ly_unref(vm, jm);
    } else if (!jopt || jopt == LY_SYM(Automatic)) {
        for (size_t i = 0; i < n * n; i++) {
            LyExpr d = lys_apply_eval(vm, ly_symbol(vm, "D"), 2, (LyExpr[]){ ly_narg(f, i / n + 1), vars[i % n] });
            if (d && ly_head_is(d, ly_symbol(vm, "D"))) { ly_unref(vm, d); d = NULL; }
            if (!d && ly_unwinding(vm)) { ok = false; goto done; }
            J[i] = d;
        }
    }
    for (size_t i = 0; i < n; i++) x[i] = sp[i].x0;
    for (size_t i = 0; i < n && ok; i++) ok = lys_fn_real(&F, ly_narg(f, i + 1), x, &fx[i]);
    if (!ok) { if (!ly_unwinding(vm)) nlnum(vm, &F, sp, x, n); goto done; }
    if (method == 2) {
        /* Brent on {x, x0, x1} (or {x, x0, xmin, xmax}: the box) */
        double lo = sp[0].two ? sp[0].x0 : sp[0].lo, hi = sp[0].two ? sp[0].x1 : sp[0].hi, flo, fhi;
        if (!isfinite(lo) || !isfinite(hi)) lo = hi = x[0];
        ok = lys_fn_real(&F, ly_narg(f, 1), &lo, &flo) && lys_fn_real(&F, ly_narg(f, 1), &hi, &fhi);
        if (!ok) { if (!ly_unwinding(vm)) nlnum(vm, &F, sp, &lo, 1); goto done; }
        if (flo * fhi > 0) {
            ly_set_message(vm, "FindRoot", "brdig", "The function has the same sign at `1` and `2`; Brent's method needs values of opposite signs.");
            LyExpr l = ly_mkreal(vm, lo), h = ly_mkreal(vm, hi);
            if (l && h) ly_message(vm, ly_nhead(e), "brdig", 2, l, h);
            ly_unref(vm, l); ly_unref(vm, h);
            goto done;
        }
        ok = brent(&F, ly_narg(f, 1), lo, hi, flo, fhi, &g, &x[0], &conv);
        if (ok && !conv) ly_message(vm, ly_nhead(e), "cvmit", 1, ly_mksmall(g.maxit));
        if (ok) lys_fn_real(&F, ly_narg(f, 1), x, &fx[0]);
        it = 1;
    } else if (method == 1) {
        /* secant from x0 and x1 (x1 = x0 + a small step when not given) */
        double x1 = sp[0].two ? sp[0].x1 : x[0] + 1e-3 * (1 + fabs(x[0])), f1;
        if (!lys_fn_real(&F, ly_narg(f, 1), &x1, &f1)) { ok = false; if (!ly_unwinding(vm)) nlnum(vm, &F, sp, &x1, 1); goto done; }
        for (it = 0; it < g.maxit; it++) {
            if (fx[0] == 0) { conv = true; break; }
            double d = f1 - fx[0];
            if (d == 0) { conv = step_small(&g, fabs(x1 - x[0]), fabs(x1)); break; }
            double x2 = x1 - f1 * (x1 - x[0]) / d, f2;
            x[0] = x1; fx[0] = f1;
            x1 = x2;
            if (!lys_fn_real(&F, ly_narg(f, 1), &x1, &f2)) { ok = false; if (!ly_unwinding(vm)) nlnum(vm, &F, sp, &x1, 1); goto done; }
            f1 = f2;
            if (!step_monitor(&F, g.stepmon, &x1)) { ok = false; goto done; }
            if (step_small(&g, fabs(x1 - x[0]), fabs(x1)) || f1 == 0) { conv = true; x[0] = x1; fx[0] = f1; break; }
            if (!ly_safe_point(vm)) { ok = false; goto done; }
        }
        if (!conv) { x[0] = x1; fx[0] = f1; }
    } else {
        for (it = 0; it < g.maxit && !conv; it++) {
            double norm = 0;
            for (size_t i = 0; i < n; i++) norm += fx[i] * fx[i];
            if (norm == 0) { conv = true; break; }
            for (size_t i = 0; i < n * n && ok; i++) {
                size_t r = i / n, c = i % n;
                if (J[i]) ok = lys_fn_real(&F, J[i], x, &a[i]);
                else {
                    double h = 1e-7 * (1 + fabs(x[c])), xs[LYS_MAXVARS], fh = 0;
                    memcpy(xs, x, n * sizeof(double));
                    xs[c] += h;
                    ok = lys_fn_real(&F, ly_narg(f, r + 1), xs, &fh);
                    a[i] = (fh - fx[r]) / h;
                }
            }
            if (!ok) { if (!ly_unwinding(vm)) nlnum(vm, &F, sp, x, n); break; }
            for (size_t i = 0; i < n; i++) dx[i] = -damp * fx[i];
            if (!gauss(a, dx, n)) {
                LyExpr vl = var_list(vm, sp, n), xl = list_of_reals(vm, x, n);
                if (vl && xl) ly_message(vm, ly_nhead(e), "jsing", 2, vl, xl);
                ly_unref(vm, vl); ly_unref(vm, xl);
                break;
            }
            /* the search region {x, x0, xmin, xmax}: stop at its edge */
            for (size_t i = 0; i < n; i++) {
                if (!sp[i].box || (x[i] + dx[i] >= sp[i].lo && x[i] + dx[i] <= sp[i].hi)) continue;
                double t = x[i] + dx[i] < sp[i].lo ? sp[i].lo : sp[i].hi;
                LyExpr xl = list_of_reals(vm, x, n), vl = var_list(vm, sp, n);
                LyExpr box = ly_mk(vm, LY_SYM(List), 2, ly_mkreal(vm, sp[i].lo), ly_mkreal(vm, sp[i].hi));
                x[i] = t;
                LyExpr pl = list_of_reals(vm, x, n);
                if (xl && vl && box && pl) ly_message(vm, ly_nhead(e), "reged", 3, pl, box, sp[i].var);
                ly_unref(vm, xl); ly_unref(vm, vl); ly_unref(vm, box); ly_unref(vm, pl);
                /* the point at the edge is the answer, as Wolfram's */
                res = rules_of(vm, sp, x, n);
                goto done;
            }
            /* damped step: halve until the residual decreases */
            double lam = 1, nn = 0;
            for (int tries = 0; tries < 30; tries++) {
                bool good = true;
                for (size_t i = 0; i < n; i++) xn[i] = x[i] + lam * dx[i];
                nn = 0;
                for (size_t i = 0; i < n && good; i++) { good = lys_fn_real(&F, ly_narg(f, i + 1), xn, &fn[i]); nn += fn[i] * fn[i]; }
                if (ly_unwinding(vm)) { ok = false; break; }
                if (good && nn <= norm) break;
                lam /= 2;
            }
            if (!ok) break;
            double step = 0, scale = 0;
            for (size_t i = 0; i < n; i++) { step = fmax(step, fabs(xn[i] - x[i])); scale = fmax(scale, fabs(xn[i])); }
            memcpy(x, xn, n * sizeof(double));
            memcpy(fx, fn, n * sizeof(double));
            if (!step_monitor(&F, g.stepmon, x)) { ok = false; break; }
            if (step_small(&g, step, scale) || nn < 1e-30) conv = true;
            if (!ly_safe_point(vm)) { ok = false; break; }
        }
        if (ok && !conv && it >= g.maxit) ly_message(vm, ly_nhead(e), "cvmit", 1, ly_mksmall(g.maxit));
    }
    if (ok && g.p > 0 && conv) {
        /* the machine Jacobian at the root, then Newton at the working precision */
        bool jok = true;
        for (size_t i = 0; i < n * n && jok; i++) {
            size_t r = i / n, c = i % n;
            if (J[i]) jok = lys_fn_real(&F, J[i], x, &a[i]);
            else {
                double h = 1e-7 * (1 + fabs(x[c])), xs[LYS_MAXVARS], fh = 0, fl = 0;
                memcpy(xs, x, n * sizeof(double));
                xs[c] = x[c] + h;
                jok = lys_fn_real(&F, ly_narg(f, r + 1), xs, &fh);
                xs[c] = x[c] - h;
                jok = jok && lys_fn_real(&F, ly_narg(f, r + 1), xs, &fl);
                a[i] = (fh - fl) / (2 * h);
            }
        }
        LyExpr vals[LYS_MAXVARS];
        if (jok && newton_precise(&F, ly_nhead(e), f, a, x, n, g.p, vals)) {
            res = rules_vals(vm, sp, vals, n);
            for (size_t i = 0; i < n; i++) ly_unref(vm, vals[i]);
            goto done;
        }
        if (ly_unwinding(vm)) { ok = false; goto done; }
    }
    if (ok || (!ly_unwinding(vm) && it > 0)) res = rules_of(vm, sp, x, n);
done:
    for (size_t i = 0; i < n * n; i++) ly_unref(vm, J[i]);
    lys_fn_close(&F);
    return res;
}

/* ---- FindMinimum, FindMaximum --------------------------------------------------------------------- */

static bool value_grad(LysFn *F, LyExpr *grad, const double *x, double sgn, double *fv, double *g) {
    size_t n = F->nv;
    double v;
    if (!lys_fn_real(F, F->f, x, &v)) return false;
    *fv = sgn * v;
    for (size_t i = 0; i < n; i++) {
        if (grad[i]) {
            double d;
            if (!lys_fn_real(F, grad[i], x, &d)) return false;
            g[i] = sgn * d;
        } else {
            double xs[LYS_MAXVARS], vh, vl, h = 1e-6 * (1 + fabs(x[i]));
            memcpy(xs, x, n * sizeof(double));
            xs[i] = x[i] + h;
            if (!lys_fn_real(F, F->f, xs, &vh)) return false;
            xs[i] = x[i] - h;
            if (!lys_fn_real(F, F->f, xs, &vl)) return false;
            g[i] = sgn * (vh - vl) / (2 * h);
        }
    }
    return true;
}

static const char *const findmin_opts[OPT_N] = {
    "AccuracyGoal", "PrecisionGoal", "MaxIterations", "WorkingPrecision", "EvaluationMonitor", "StepMonitor",
    "Method", "Gradient", "Compiled" };

static LyExpr find_extremum(LyVM *vm, LyExpr e, double sgn) {
    if (!lys_argc(vm, e, 2, SIZE_MAX)) return NULL;
    size_t first = lys_first_option(e, 2);
    LyExpr ov[OPT_N];
    Goals g;
    if (!lys_get_options(vm, e, first, OPT_N, findmin_opts, ov) || !read_goals(vm, e, ov, &g, 500)) return NULL;
    if (g.method && g.method != LY_SYM(Automatic) &&
        !(ly_is_string(g.method) && (!strcmp(ly_str(g.method)->s, "QuasiNewton") || !strcmp(ly_str(g.method)->s, "Newton")))) {
        ly_set_message(vm, "General", "bdmtd", "Value of option Method -> `1` is not Automatic, \"QuasiNewton\" or \"Newton\".");
        ly_message(vm, ly_nhead(e), "bdmtd", 1, g.method);
        return NULL;
    }
    Spec sp[LYS_MAXVARS];
    size_t n = first > 2 ? read_specs(vm, e, 2, first, sp, LYS_MAXVARS) : 0;
    if (!n) return NULL;
    LyExpr f0 = ly_narg(e, 1);
    if (ly_head_is(f0, LY_SYM(List))) return NULL;        /* constraints: not supported */
    LyExpr vars[LYS_MAXVARS], grad[LYS_MAXVARS] = { 0 };
    for (size_t i = 0; i < n; i++) vars[i] = sp[i].var;
    LysFn F;
    if (!lys_fn_open(vm, &F, f0, n, vars, g.evmon)) return NULL;
    LyExpr f = F.f, res = NULL;
    LyExpr gopt = ov[OPT_JAC];
    bool ok = true;
    if (gopt && gopt != LY_SYM(Automatic) && !ly_is_string(gopt)) {
        LyExpr gl = ly_evaluate(vm, gopt);
        if (!gl) { ok = false; goto done; }
        if (n == 1 && !ly_head_is(gl, LY_SYM(List))) gl = ly_mk(vm, LY_SYM(List), 1, gl);
        if (!gl || !ly_head_is(gl, LY_SYM(List)) || ly_nlen(gl) != n) {
            ly_unref(vm, gl);
            ly_message(vm, ly_nhead(e), "optval", 2, ly_symbol(vm, "Gradient"), gopt);
            goto done;
        }
        for (size_t i = 0; i < n; i++) grad[i] = ref(ly_narg(gl, i + 1));
        ly_unref(vm, gl);
    } else if (!gopt || gopt == LY_SYM(Automatic)) {
        for (size_t i = 0; i < n; i++) {
            LyExpr d = lys_apply_eval(vm, ly_symbol(vm, "D"), 2, (LyExpr[]){ f, vars[i] });
            if (d && ly_head_is(d, ly_symbol(vm, "D"))) { ly_unref(vm, d); d = NULL; }
            if (!d && ly_unwinding(vm)) { ok = false; goto done; }
            grad[i] = d;
        }
    }
    double x[LYS_MAXVARS], gv[LYS_MAXVARS], H[LYS_MAXVARS * LYS_MAXVARS], fv, p[LYS_MAXVARS];
    double xn[LYS_MAXVARS], gn[LYS_MAXVARS], fn;
    for (size_t i = 0; i < n; i++) x[i] = sp[i].x0;
    for (size_t i = 0; i < n * n; i++) H[i] = i % (n + 1) == 0 ? 1 : 0;
    ok = value_grad(&F, grad, x, sgn, &fv, gv);
    long it;
    bool conv = false;
    for (it = 0; ok && it < g.maxit; it++) {
        double gnorm = 0;
        for (size_t i = 0; i < n; i++) gnorm = fmax(gnorm, fabs(gv[i]));
        if (gnorm < 1e-12 * (1 + fabs(fv))) { conv = true; break; }
        for (size_t i = 0; i < n; i++) { p[i] = 0; for (size_t j = 0; j < n; j++) p[i] -= H[i * n + j] * gv[j]; }
        double slope = 0;
        for (size_t i = 0; i < n; i++) slope += p[i] * gv[i];
        if (slope >= 0) {       /* not a descent direction: reset */
            for (size_t i = 0; i < n * n; i++) H[i] = i % (n + 1) == 0 ? 1 : 0;
            for (size_t i = 0; i < n; i++) p[i] = -gv[i];
            slope = 0;
            for (size_t i = 0; i < n; i++) slope += p[i] * gv[i];
        }
        double lam = 1;
        bool stepped = false;
        for (int tries = 0; tries < 60; tries++) {
            for (size_t i = 0; i < n; i++) xn[i] = x[i] + lam * p[i];
            if (value_grad(&F, grad, xn, sgn, &fn, gn) && fn <= fv + 1e-4 * lam * slope) { stepped = true; break; }
            if (ly_unwinding(vm)) { ok = false; break; }
            lam /= 2;
        }
        if (!ok) break;
        if (!stepped) { conv = true; break; }
        double s[LYS_MAXVARS] = { 0 }, y[LYS_MAXVARS] = { 0 }, sy = 0, step = 0, scale = 0;
        for (size_t i = 0; i < n; i++) {
            s[i] = xn[i] - x[i]; y[i] = gn[i] - gv[i]; sy += s[i] * y[i];
            step = fmax(step, fabs(s[i])); scale = fmax(scale, fabs(xn[i]));
        }
        if (sy > 1e-300) {
            /* BFGS update of the inverse Hessian */
            double Hy[LYS_MAXVARS] = { 0 }, yHy = 0;
            for (size_t i = 0; i < n; i++) { Hy[i] = 0; for (size_t j = 0; j < n; j++) Hy[i] += H[i * n + j] * y[j]; yHy += y[i] * Hy[i]; }
            for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < n; j++)
                    H[i * n + j] += ((sy + yHy) * s[i] * s[j]) / (sy * sy) - (Hy[i] * s[j] + s[i] * Hy[j]) / sy;
        }
        double df = fv - fn;
        memcpy(x, xn, n * sizeof(double));
        memcpy(gv, gn, n * sizeof(double));
        fv = fn;
        if (!step_monitor(&F, g.stepmon, x)) { ok = false; break; }
        if (step < 1e-14 * (1 + scale) || fabs(df) < 1e-16 * (1 + fabs(fv))) { conv = true; break; }
        if ((!isinf(g.ag) || !isinf(g.pg)) && step_small(&g, step, scale) && fabs(df) <= fmax(isinf(g.ag) ? 0 : pow(10, -g.ag), 1e-16)) {
            conv = true;
            break;
        }
        if (!ly_safe_point(vm)) { ok = false; break; }
    }
    if (!ok) goto done;
    if (!conv) {
        ly_set_message(vm, "FindMinimum", "cvmit", "Failed to converge to the requested accuracy or precision within `1` iterations.");
        ly_set_message(vm, "FindMaximum", "cvmit", "Failed to converge to the requested accuracy or precision within `1` iterations.");
        ly_message(vm, ly_nhead(e), "cvmit", 1, ly_mksmall(g.maxit));
    }
    if (g.p > 0) {
        /* Newton on the gradient at the working precision, with the machine
         * Hessian (differences of the gradient) */
        bool all = true;
        for (size_t i = 0; i < n; i++) all = all && grad[i];
        LyExpr gl = NULL, vals[LYS_MAXVARS];
        double a[LYS_MAXVARS * LYS_MAXVARS];
        bool hok = all;
        for (size_t c = 0; hok && c < n; c++) {
            double h = 1e-5 * (1 + fabs(x[c])), xs[LYS_MAXVARS], gp[LYS_MAXVARS], gm[LYS_MAXVARS], dummy;
            memcpy(xs, x, n * sizeof(double));
            xs[c] = x[c] + h;
            hok = value_grad(&F, grad, xs, 1, &dummy, gp);
            xs[c] = x[c] - h;
            hok = hok && value_grad(&F, grad, xs, 1, &dummy, gm);
            for (size_t r = 0; hok && r < n; r++) a[r * n + c] = (gp[r] - gm[r]) / (2 * h);
        }
        if (hok) {
            gl = ly_mknormal(vm, LY_SYM(List), n);
            for (size_t i = 0; gl && i < n; i++) ly_nset(gl, i + 1, ref(grad[i]));
        }
        if (gl && newton_precise(&F, ly_nhead(e), gl, a, x, n, g.p, vals)) {
            LyExpr fval = lys_fn_eval(&F, f, vals);
            LyExpr pr = ly_mkreal(vm, g.p);
            LyExpr fp = fval && pr ? lys_apply_eval(vm, ly_symbol(vm, "SetPrecision"), 2, (LyExpr[]){ fval, pr }) : NULL;
            LyExpr rules = rules_vals(vm, sp, vals, n);
            res = fp && rules ? ly_mk(vm, LY_SYM(List), 2, ref(fp), ref(rules)) : NULL;
            ly_unref(vm, fval); ly_unref(vm, pr); ly_unref(vm, fp); ly_unref(vm, rules);
            for (size_t i = 0; i < n; i++) ly_unref(vm, vals[i]);
            ly_unref(vm, gl);
            goto done;
        }
        ly_unref(vm, gl);
        if (ly_unwinding(vm)) goto done;
    }
    LyExpr rules = rules_of(vm, sp, x, n);
    res = rules ? ly_mk(vm, LY_SYM(List), 2, ly_mkreal(vm, sgn * fv), rules) : NULL;
done:
    for (size_t i = 0; i < n; i++) ly_unref(vm, grad[i]);
    lys_fn_close(&F);
    return res;
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
static bool em_tail(LysFn *F, double K, double end, double scale, double *out) {
    double ends[2] = { K, end }, corr = 0;
    for (int i = 0; i < 2; i++) {
        double X = ends[i];
        if (isinf(X)) continue;
        double h = 1e-2 * (1 + fabs(X)), fX, f1, f2, fm1, fm2;
        double xs[5] = { X, X + h, X + 2 * h, X - h, X - 2 * h };
        if (!(lys_fn_real(F, F->f, &xs[0], &fX) && lys_fn_real(F, F->f, &xs[1], &f1) && lys_fn_real(F, F->f, &xs[2], &f2) &&
              lys_fn_real(F, F->f, &xs[3], &fm1) && lys_fn_real(F, F->f, &xs[4], &fm2)))
            return false;
        double d1 = (f1 - fm1) / (2 * h), d3 = (f2 - 2 * f1 + 2 * fm1 - fm2) / (2 * h * h * h);
        double sg = i == 0 ? 1 : -1;
        corr += fX / 2 - sg * d1 / 12 + sg * d3 / 720;
    }
    double integral = 0, ierr = 0, atol = 1e-15 * fabs(scale);
    if (!isinf(end)) {
        if (!lys_integrate(F, K, end, atol, &integral, &ierr)) return false;
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
        if (!lys_integrate(F, lo, hi, atol, &piece, &ierr)) return false;
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
static bool nsum_run(LysFn *F, int64_t end, double *out) {
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
            if (!lys_fn_real(F, F->f, &x, &a[n])) { ok = false; break; }
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
        if (!lys_fn_real(F, F->f, &x, &v)) return false;
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
static bool nsum_mapped(LyVM *vm, LyExpr body, LyExpr var, LyExpr origin, LyExpr step, int64_t end, LyExpr monitor,
                        double *out) {
    LyExpr map = ly_mk(vm, LY_SYM(Plus), 2, ref(origin), ly_mk(vm, LY_SYM(Times), 2, ref(step), ref(var)));
    LyExpr f = map ? ly_substitute(vm, body, 1, &var, &map) : NULL;
    ly_unref(vm, map);
    if (!f) return false;
    LysFn F;
    bool ok = lys_fn_open(vm, &F, f, 1, &var, monitor);
    ly_unref(vm, f);
    if (!ok) return false;
    ok = nsum_run(&F, end, out);
    lys_fn_close(&F);
    return ok;
}

/* NSum[f, {k, kmin, kmax}] and {k, kmin, kmax, dk}, kmin or kmax infinite,
 * several iterators (the later inner): alternating series (terms of
 * alternating sign) by Cohen-Villegas-Zagier; others by compensated
 * summation of the first terms and an Euler-Maclaurin tail whose integral
 * extrapolates a power-law decay, which takes slowly converging sums such
 * as 1/k^1.1 and long finite ranges. */
static const char *const nsum_opts[] = { "EvaluationMonitor", "WorkingPrecision", "Method" };

static LyExpr b_nsum(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, SIZE_MAX)) return NULL;
    size_t first = lys_first_option(e, 2);
    LyExpr ov[3];
    double wp;
    if (!lys_get_options(vm, e, first, 3, nsum_opts, ov) || !lys_opt_precision(vm, ly_nhead(e), ov[1], &wp)) return NULL;
    LyExpr mon = ov[0] == LY_SYM(None) ? NULL : ov[0];
    LyExpr m = ov[2];
    if (m && m != LY_SYM(Automatic) &&
        !(ly_is_string(m) && (!strcmp(ly_str(m)->s, "EulerMaclaurin") || !strcmp(ly_str(m)->s, "WynnEpsilon") ||
                              !strcmp(ly_str(m)->s, "AlternatingSigns")))) {
        ly_set_message(vm, "NSum", "bdmtd", "Value of option Method -> `1` is not Automatic, \"EulerMaclaurin\", \"WynnEpsilon\" or \"AlternatingSigns\".");
        ly_message(vm, ly_nhead(e), "bdmtd", 1, m);
        return NULL;
    }
    if (wp > 0) {
        ly_set_message(vm, "NSum", "wprec", "Lyra sums numerically at machine precision only; WorkingPrecision -> `1` is not supported.");
        ly_message(vm, ly_nhead(e), "wprec", 1, ov[1]);
        return NULL;
    }
    if (first <= 2) return NULL;
    size_t n = first - 1;
    LyExpr body;
    if (n > 2) {
        /* NSum[f, it1, it2, ..., opts] = NSum[NSum[f, it2, ..., opts], it1] */
        size_t len = ly_nlen(e) - 1;
        body = ly_mknormal(vm, (ly_ref(ly_nhead(e)), ly_nhead(e)), len);
        if (!body) return NULL;
        ly_nset(body, 1, ref(ly_narg(e, 1)));
        for (size_t i = 3; i <= ly_nlen(e); i++) ly_nset(body, i - 1, ref(ly_narg(e, i)));
    } else body = ref(ly_narg(e, 1));
    /* the iterator's bounds evaluated, its variable not (it is localized) */
    LyExpr it = ly_narg(e, 2), spec = NULL, res = NULL;
    if (ly_head_is(it, LY_SYM(List)) && ly_nlen(it) >= 3 && ly_nlen(it) <= 4 && ly_is_sym(ly_narg(it, 1))) {
        spec = ly_mknormal(vm, LY_SYM(List), ly_nlen(it));
        if (spec) {
            ly_nset(spec, 1, ref(ly_narg(it, 1)));
            for (size_t i = 2; i <= ly_nlen(it); i++) {
                LyExpr v = ly_evaluate(vm, ly_narg(it, i));
                if (!v) { lys_abandon(vm, spec, i); spec = NULL; break; }
                ly_nset(spec, i, v);
            }
        }
        if (!spec) { ly_unref(vm, body); return NULL; }
    } else spec = ref(it);
    LyExpr sp = spec;
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
        ok = nsum_mapped(vm, body, var, lo, step, (int64_t)cnt, mon, &total);
    } else if (!slo) {
        ok = nsum_mapped(vm, body, var, lo, step, INT64_MAX, mon, &total);
    } else {
        /* down from hi (or from 0 and -step for a sum over all integers) */
        LyExpr nstep = ly_num_neg(vm, step);
        if (!nstep) goto done;
        if (!shi) ok = nsum_mapped(vm, body, var, hi, nstep, INT64_MAX, mon, &total);
        else {
            part = 0;
            ok = nsum_mapped(vm, body, var, ly_mksmall(0), step, INT64_MAX, mon, &total) &&
                 nsum_mapped(vm, body, var, nstep, nstep, INT64_MAX, mon, &part);
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
    { "FindMinimum", b_findminimum, "HoldAll Protected",
      "FindMinimum[f, {x, x0}] searches for a local minimum in f, starting from the point x = x0.\n"
      "FindMinimum[f, {{x, x0}, {y, y0}, ...}] searches for a local minimum in a function of several variables." },
    { "FindMaximum", b_findmaximum, "HoldAll Protected",
      "FindMaximum[f, {x, x0}] searches for a local maximum in f, starting from the point x = x0." },
    { "NSum", b_nsum, "HoldAll Protected",
      "NSum[f, {i, imin, imax}] gives a numerical approximation to the sum of f with i running from imin to imax." },
    { NULL, NULL, NULL, NULL }
};

/* Options[f] as Wolfram lists them */
static const char *const numeric_options[][2] = {
    { "FindRoot", "{AccuracyGoal -> Automatic, Compiled -> Automatic, DampingFactor -> 1, Evaluated -> True, "
                  "EvaluationMonitor -> None, Jacobian -> Automatic, MaxIterations -> 100, Method -> Automatic, "
                  "PrecisionGoal -> Automatic, StepMonitor -> None, WorkingPrecision -> MachinePrecision}" },
    { "FindMinimum", "{AccuracyGoal -> Automatic, Compiled -> Automatic, EvaluationMonitor -> None, Gradient -> Automatic, "
                     "MaxIterations -> Automatic, Method -> Automatic, PrecisionGoal -> Automatic, StepMonitor -> None, "
                     "WorkingPrecision -> MachinePrecision}" },
    { "FindMaximum", "{AccuracyGoal -> Automatic, Compiled -> Automatic, EvaluationMonitor -> None, Gradient -> Automatic, "
                     "MaxIterations -> Automatic, Method -> Automatic, PrecisionGoal -> Automatic, StepMonitor -> None, "
                     "WorkingPrecision -> MachinePrecision}" },
    { "NSum", "{AccuracyGoal -> Infinity, Compiled -> Automatic, EvaluationMonitor -> None, Method -> Automatic, "
              "NSumTerms -> 15, PrecisionGoal -> Automatic, VerifyConvergence -> True, WorkingPrecision -> MachinePrecision}" },
};

LyStatus lys_open_numeric(LyVM *vm);
LyStatus lys_open_numeric(LyVM *vm) {
    LyStatus st = ly_register_table(vm, numeric_builtins);
    for (size_t i = 0; st == LY_OK && i < sizeof numeric_options / sizeof numeric_options[0]; i++)
        st = lys_default_options(vm, numeric_options[i][0], numeric_options[i][1]);
    return st;
}
