/*
 * nintegrate.c — NIntegrate: numerical integration of expressions over
 * finite and infinite ranges, several variables (limits may depend on the
 * outer ones), intermediate points and Exclusions, complex integrands, and
 * the options Wolfram's has (Options[NIntegrate]).
 *
 * The range of each variable is cut at its intermediate points and at the
 * points Exclusions names; each piece is mapped to a finite interval in t
 * (x = a + t/(1-t) on [a, Infinity), x = t/(1-t^2) on the whole line).
 * Methods:
 *  - Automatic, "GlobalAdaptive", "GaussKronrodRule": global adaptive
 *    bisection of the worst subinterval, Gauss-Kronrod 7-15 on each with
 *    QUADPACK's error estimate, at most MaxRecursion (9) bisections deep.
 *    A subinterval at an end of a piece that has been bisected 4 times
 *    (Wolfram's SingularityDepth) is integrated by the tanh-sinh rule
 *    instead, which converges exponentially on end-point singularities
 *    (1/Sqrt[x], Log[x], 1/Sqrt[1 - x^2]): the node's distance from the
 *    end is carried exactly, and where x itself would round onto a nonzero
 *    end the integrand is evaluated at that distance in arbitrary precision.
 *    Automatic integrates an infinite piece whose integrand has factors
 *    Sin, Cos or E^(I w x) of a linear argument period by period and
 *    extrapolates the partial sums by Wynn's epsilon algorithm (Wolfram's
 *    "ExtrapolatingOscillatory": Sin[x]/x over [0, Infinity)).
 *  - "DoubleExponential": the tanh-sinh rule over each piece, refined
 *    MaxRecursion times at most (NIntegrate::ncvi when that is not enough).
 *  - "Trapezoidal": the trapezoidal rule, doubled until it converges.
 * The refinement aims at machine precision unless PrecisionGoal or
 * AccuracyGoal say otherwise; NIntegrate::ncvb is issued only when the
 * error estimate misses the goal Wolfram's default sets (8 digits).
 * WorkingPrecision above machine precision evaluates the tanh-sinh rule in
 * arbitrary-precision arithmetic (nintegrate_hp below).
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lys_bf.h"
#include "lys_num.h"

typedef double _Complex cplx;

static LyExpr ref(LyExpr e) { ly_ref(e); return e; }

/* ---- pieces of a range and their maps to t --------------------------------------------------------- */

enum { MAP_FINITE, MAP_UP, MAP_DOWN, MAP_BOTH };   /* [a, b], [a, inf), (-inf, b], (-inf, inf) */

typedef struct Piece {
    int map;
    double a, b;        /* the ends in x (those that are finite) */
    double tlo, thi;    /* the interval in t */
    double sign;        /* -1 where the range runs backwards */
    LyExpr ea, eb;      /* the ends exactly (limits, exclusions, kinks; borrowed) or NULL */
} Piece;

static void piece_init(Piece *p, double a, double b, double sign) {
    p->a = a; p->b = b; p->sign = sign;
    p->ea = p->eb = NULL;
    if (isfinite(a) && isfinite(b)) { p->map = MAP_FINITE; p->tlo = a; p->thi = b; }
    else if (isfinite(a)) { p->map = MAP_UP; p->tlo = 0; p->thi = 1; }
    else if (isfinite(b)) { p->map = MAP_DOWN; p->tlo = 0; p->thi = 1; }
    else { p->map = MAP_BOTH; p->tlo = -1; p->thi = 1; }
}

/* x and dx/dt at t, where dlo / dhi (>= 0 when known, else -1) are the
 * distances of t from the ends of the piece, known better than t itself
 * near them.  Near a finite nonzero end x may round onto the end: *end and
 * *off then get that end and the exact x - end (else *off = 0). */
static void t_to_x(const Piece *p, double t, double dlo, double dhi, double *x, double *jac, double *end, double *off) {
    bool nlo = dlo >= 0 && (dhi < 0 || dlo <= dhi), nhi = !nlo && dhi >= 0;
    double d;
    *off = 0;
    *jac = 1;
    switch (p->map) {
    case MAP_FINITE:
        if (nlo) { *x = p->a + dlo; *end = p->a; *off = dlo; }
        else if (nhi) { *x = p->b - dhi; *end = p->b; *off = -dhi; }
        else *x = t;
        break;
    case MAP_UP:            /* x = a + t/(1 - t) */
        if (nhi) { *x = p->a + (1 - dhi) / dhi; *jac = 1 / (dhi * dhi); }
        else {
            d = nlo ? dlo : t;
            *x = p->a + d / (1 - d);
            *jac = 1 / ((1 - d) * (1 - d));
            *end = p->a; *off = d / (1 - d);
        }
        break;
    case MAP_DOWN:          /* x = b - (1 - t)/t */
        if (nlo) { *x = p->b - (1 - dlo) / dlo; *jac = 1 / (dlo * dlo); }
        else {
            d = nhi ? dhi : 1 - t;
            *x = p->b - d / (1 - d);
            *jac = 1 / ((1 - d) * (1 - d));
            *end = p->b; *off = -d / (1 - d);
        }
        break;
    default: {              /* x = t/(1 - t^2) */
        double s, u;        /* 1 - t^2 = u (2 - u), u the distance from the nearer end */
        if (nhi) { u = dhi; t = 1 - u; s = u * (2 - u); }
        else if (nlo) { u = dlo; t = -1 + u; s = u * (2 - u); }
        else s = (1 - t) * (1 + t);
        *x = t / s;
        *jac = (1 + t * t) / (s * s);
        break;
    }
    }
    /* off matters only where adding it to the end rounds */
    if (*off != 0 && (*end == 0 || fabs(*off) > fabs(*end) * 0x1p-12)) *off = 0;
}

/* ---- the rules ---------------------------------------------------------------------------------------- */

/* A sampler gives the integrand in t (times dx/dt) on a piece. */
enum { S_OK, S_NONNUM, S_EXIT, S_LIMIT };   /* S_LIMIT: a bad limit, reported */
typedef struct Quad Quad;
typedef int (*Sampler)(Quad *Q, const Piece *p, double t, double dlo, double dhi, cplx *out);

enum { M_ADAPTIVE, M_DE, M_TRAP };
enum { F_NONE, F_NCVB, F_NCVI, F_MAXP, F_SLOW };

struct Quad {
    LyVM *vm;
    Sampler f;
    void *ctx;
    int method;
    double rel, abs;        /* the goals the refinement works to */
    double mrel, mabs;      /* error estimates within these give no message */
    int maxrec, minrec;
    long maxpts, evals;
    /* how it ended */
    int fail;
    int depth;              /* bisections or refinements done where it failed */
    double where;           /* t where it failed */
    const Piece *wpiece;
};

static int sample(Quad *Q, const Piece *p, double t, double dlo, double dhi, cplx *out) {
    Q->evals++;
    int st = Q->f(Q, p, t, dlo, dhi, out);
    if (st == S_OK && !(isfinite(creal(*out)) && isfinite(cimag(*out)))) *out = 0;
    return st;
}

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

/* Gauss-Kronrod 7-15 on [lo, hi] of piece p with QUADPACK's error
 * estimate; *abs gets the integral of |f| (for the round-off floor). */
static int gk15(Quad *Q, const Piece *p, double lo, double hi, cplx *res, double *err, double *abs) {
    double c = (lo + hi) / 2, hw = (hi - lo) / 2;
    bool atlo = lo == p->tlo, athi = hi == p->thi;
    cplx fv[15];
    int st = sample(Q, p, c, atlo ? hw : -1, athi ? hw : -1, &fv[7]);
    for (int j = 0; j < 7 && st == S_OK; j++) {
        double d = hw * gk_x[j], near = hw * (1 - gk_x[j]), far = hw * (1 + gk_x[j]);
        st = sample(Q, p, c - d, atlo ? near : -1, athi ? far : -1, &fv[j]);
        if (st == S_OK) st = sample(Q, p, c + d, atlo ? far : -1, athi ? near : -1, &fv[14 - j]);
    }
    if (st != S_OK) return st;
    cplx rk = fv[7] * gk_wk[7], rg = fv[7] * gk_wg[3];
    double ra = cabs(fv[7]) * gk_wk[7];
    for (int j = 0; j < 7; j++) {
        rk += gk_wk[j] * (fv[j] + fv[14 - j]);
        ra += gk_wk[j] * (cabs(fv[j]) + cabs(fv[14 - j]));
        if (j % 2 == 1) rg += gk_wg[j / 2] * (fv[j] + fv[14 - j]);
    }
    cplx mean = rk / 2;
    double asc = gk_wk[7] * cabs(fv[7] - mean);
    for (int j = 0; j < 7; j++) asc += gk_wk[j] * (cabs(fv[j] - mean) + cabs(fv[14 - j] - mean));
    double ahw = fabs(hw);
    double e = cabs(rk - rg) * ahw;
    asc *= ahw;
    ra *= ahw;
    if (asc != 0 && e != 0) e = asc * fmin(1, pow(200 * e / asc, 1.5));
    if (ra > DBL_MIN / (50 * DBL_EPSILON)) e = fmax(50 * DBL_EPSILON * ra, e);
    *res = rk * hw;
    *err = e;
    *abs = ra;
    return S_OK;
}

/* The tanh-sinh rule on [lo, hi]: x = c + hw tanh(pi/2 sinh u), refined
 * level by level (step 2^-level in u) up to maxlev or until the error
 * estimate (the level differences extrapolated, as Bailey does) is below
 * tol.  *levels gets the levels used. */
static int de_rule(Quad *Q, const Piece *p, double lo, double hi, int maxlev, double tol, cplx *res, double *err,
                   double *abs, int *levels) {
    double c = (lo + hi) / 2, hw = (hi - lo) / 2, ahw = fabs(hw);
    bool atlo = lo == p->tlo, athi = hi == p->thi;
    cplx fc, s;
    double sa;
    int st = sample(Q, p, c, atlo ? hw : -1, athi ? hw : -1, &fc);
    if (st != S_OK) return st;
    s = fc * (M_PI / 2);
    sa = cabs(fc) * (M_PI / 2);
    double umax[2] = { 0, 0 };
    /* one node pair at u: its contribution (weight times value) */
#define DE_NODE(U, SIDE, OUT, OUTA, STOP)                                                               \
    do {                                                                                             \
        double v_ = M_PI / 2 * sinh(U), q_ = exp(-2 * v_);                                           \
        double d_ = hw * 2 * q_ / (1 + q_), w_ = M_PI / 2 * cosh(U) * 4 * q_ / ((1 + q_) * (1 + q_)); \
        (STOP) = d_ == 0 || w_ == 0;                                                                 \
        if (!(STOP)) {                                                                               \
            cplx f_;                                                                                 \
            double t_ = (SIDE) ? lo + d_ : hi - d_;                                                  \
            if ((SIDE) ? t_ == lo && !atlo : t_ == hi && !athi) f_ = 0;                              \
            else {                                                                                   \
                st = sample(Q, p, t_, (SIDE) && atlo ? fabs(d_) : -1, !(SIDE) && athi ? fabs(d_) : -1, &f_); \
                if (st != S_OK) goto out;                                                            \
            }                                                                                        \
            (OUT) = w_ * f_;                                                                         \
            (OUTA) = w_ * cabs(f_);                                                                  \
        } else { (OUT) = 0; (OUTA) = 0; }                                                            \
    } while (0)
    /* level 0 (step 1): out from u = 0 while the terms matter */
    for (int side = 0; side < 2; side++) {
        int small = 0;
        for (int k = 1; k <= 7; k++) {
            cplx term;
            double ta;
            bool stop;
            DE_NODE((double)k, side, term, ta, stop);
            if (stop) break;
            s += term;
            sa += ta;
            umax[side] = k;
            if (cabs(term) <= 1e-19 * cabs(s)) { if (++small == 2) break; }
            else small = 0;
        }
    }
    cplx prev = s, prev2 = s;
    double d1 = INFINITY, d2 = INFINITY, e = INFINITY;
    int lev;
    for (lev = 1; lev <= maxlev; lev++) {
        double h = ldexp(1, -lev);
        cplx add = 0;
        double adda = 0;
        for (int side = 0; side < 2; side++)
            for (double u = h; u <= umax[side] + h / 2; u += 2 * h) {
                cplx term;
                double ta;
                bool stop;
                DE_NODE(u, side, term, ta, stop);
                if (stop) break;
                add += term;
                adda += ta;
            }
        prev2 = prev;
        prev = s;
        s = s / 2 + add * h;
        sa = sa / 2 + adda * h;
        (void)prev2;
        double dl = cabs(s - prev) * ahw;
        d2 = d1;
        d1 = dl;
        /* the error shrinks quadratically: from the last two differences */
        if (d1 == 0) e = 0;
        else if (lev >= 2 && d2 > d1 && d2 < 1) e = exp(log(d1) * log(d1) / log(d2));
        else e = d1;
        if (lev >= 2 && e > d1) e = d1;
        double floor = 10 * DBL_EPSILON * sa * ahw;
        if (lev >= 3 && e <= fmax(tol, floor)) { e = fmax(e, floor); break; }
    }
    if (lev > maxlev) lev = maxlev;
    *res = s * hw;
    *err = fmax(e, 10 * DBL_EPSILON * sa * ahw);
    *abs = sa * ahw;
    *levels = lev;
    st = S_OK;
out:
#undef DE_NODE
    return st;
}

/* The trapezoidal rule on the whole piece, the number of panels doubled
 * until two results agree to tol (at most maxlev doublings). */
static int trapezoid(Quad *Q, const Piece *p, int maxlev, double tol, double rel, cplx *res, double *err, int *levels) {
    double lo = p->tlo, hi = p->thi, L = hi - lo;
    cplx fa, fb;
    int st = sample(Q, p, lo, 0, -1, &fa);
    if (st == S_OK) st = sample(Q, p, hi, -1, 0, &fb);
    if (st != S_OK) return st;
    cplx t = (fa + fb) * L / 2, prev;
    double e = INFINITY;
    int lev;
    for (lev = 1; lev <= maxlev; lev++) {
        long m = 1L << (lev - 1);
        double h = L / (double)m;
        cplx add = 0;
        for (long i = 0; i < m; i++) {
            cplx v;
            double d = h * ((double)i + 0.5);
            st = sample(Q, p, lo + d, d, L - d, &v);
            if (st != S_OK) return st;
            add += v;
        }
        prev = t;
        t = t / 2 + add * (h / 2);
        e = cabs(t - prev);
        if (lev >= 3 && e <= fmax(tol, rel * cabs(t))) break;
        if (!ly_safe_point(Q->vm)) return S_EXIT;
    }
    if (lev > maxlev) lev = maxlev;
    *res = t;
    *err = e;
    *levels = lev;
    return S_OK;
}

/* ---- the global adaptive strategy ---------------------------------------------------------------- */

typedef struct Seg { double lo, hi; cplx r; double e, abs; int piece, depth; } Seg;

#define SING_DEPTH 4

static int seg_rule(Quad *Q, const Piece *pc, Seg *s) {
    const Piece *p = &pc[s->piece];
    bool end = s->lo == p->tlo || s->hi == p->thi;
    if (end && s->depth >= SING_DEPTH) {
        int lev;
        return de_rule(Q, p, s->lo, s->hi, 7, 0, &s->r, &s->e, &s->abs, &lev);
    }
    return gk15(Q, p, s->lo, s->hi, &s->r, &s->e, &s->abs);
}

static int adaptive(Quad *Q, const Piece *pc, size_t np, cplx *out, double *errout) {
    LyVM *vm = Q->vm;
    size_t cap = 64, n = 0;
    int minrec = Q->minrec > 12 ? 12 : Q->minrec;
    Seg *s = ly_alloc(vm, cap * sizeof(Seg));
    if (!s) return S_EXIT;
    int st = S_OK;
    for (size_t k = 0; k < np; k++) {
        int m = 1 << minrec;
        for (int i = 0; i < m; i++) {
            if (n == cap) {
                Seg *ns = ly_realloc(vm, s, cap * sizeof(Seg), 2 * cap * sizeof(Seg));
                if (!ns) { st = S_EXIT; goto out; }
                s = ns;
                cap *= 2;
            }
            double w = (pc[k].thi - pc[k].tlo) / m;
            s[n] = (Seg){ pc[k].tlo + w * i, i == m - 1 ? pc[k].thi : pc[k].tlo + w * (i + 1), 0, 0, 0, (int)k, minrec };
            st = seg_rule(Q, pc, &s[n]);
            if (st != S_OK) goto out;
            n++;
        }
    }
    for (;;) {
        cplx total = 0;
        double err = 0, floor = 0;
        for (size_t i = 0; i < n; i++) {
            total += pc[s[i].piece].sign * s[i].r;
            err += s[i].e;
            floor += 50 * DBL_EPSILON * s[i].abs;
        }
        *out = total;
        *errout = err;
        double goal = fmax(Q->abs, Q->rel * cabs(total));
        if (err <= goal || err <= 2 * floor) break;
        /* the worst subinterval that may still be bisected */
        size_t w = SIZE_MAX, worst = 0;
        for (size_t i = 0; i < n; i++) {
            if (s[i].e > s[worst].e) worst = i;
            if (s[i].depth < Q->maxrec && s[i].e > 50 * DBL_EPSILON * s[i].abs * 1.01 && (w == SIZE_MAX || s[i].e > s[w].e)) w = i;
        }
        if (w == SIZE_MAX || (Q->maxpts > 0 && Q->evals >= Q->maxpts)) {
            Q->fail = w == SIZE_MAX ? F_NCVB : F_MAXP;
            Q->depth = s[worst].depth;
            Q->where = (s[worst].lo + s[worst].hi) / 2;
            Q->wpiece = &pc[s[worst].piece];
            break;
        }
        double m = (s[w].lo + s[w].hi) / 2;
        if (m == s[w].lo || m == s[w].hi) { s[w].depth = Q->maxrec; continue; }
        if (n == cap) {
            Seg *ns = ly_realloc(vm, s, cap * sizeof(Seg), 2 * cap * sizeof(Seg));
            if (!ns) { st = S_EXIT; goto out; }
            s = ns;
            cap *= 2;
        }
        Seg l = { s[w].lo, m, 0, 0, 0, s[w].piece, s[w].depth + 1 };
        Seg r = { m, s[w].hi, 0, 0, 0, s[w].piece, s[w].depth + 1 };
        st = seg_rule(Q, pc, &l);
        if (st == S_OK) st = seg_rule(Q, pc, &r);
        if (st != S_OK) goto out;
        s[w] = l;
        s[n++] = r;
        if (!ly_safe_point(vm)) { st = S_EXIT; goto out; }
    }
out:
    ly_dealloc(vm, s, cap * sizeof(Seg));
    return st;
}

/* The integral over the pieces by Q's method. */
static int quad_run(Quad *Q, const Piece *pc, size_t np, cplx *out, double *err) {
    if (Q->method == M_ADAPTIVE) return adaptive(Q, pc, np, out, err);
    *out = 0;
    *err = 0;
    for (size_t k = 0; k < np; k++) {
        cplx r;
        double e, a;
        int lev, st;
        if (Q->method == M_DE) st = de_rule(Q, &pc[k], pc[k].tlo, pc[k].thi, Q->maxrec, Q->abs, &r, &e, &a, &lev);
        else st = trapezoid(Q, &pc[k], Q->maxrec, Q->abs, Q->rel, &r, &e, &lev);
        if (st != S_OK) return st;
        if (Q->method == M_DE && e > fmax(Q->abs, Q->rel * cabs(r)) && lev >= Q->maxrec && !Q->fail) {
            Q->fail = F_NCVI;
            Q->depth = lev;
            Q->wpiece = &pc[k];
        }
        if (Q->method == M_TRAP && e > fmax(Q->abs, Q->rel * cabs(r)) && !Q->fail) {
            Q->fail = F_NCVI;
            Q->depth = lev;
            Q->wpiece = &pc[k];
        }
        *out += pc[k].sign * r;
        *err += e;
    }
    return S_OK;
}

/* ---- the integrand ---------------------------------------------------------------------------------------- */

/* where the integrand of a variable is not smooth (see find_kinks): Lists
 * of zeros, and of {a, b} for a x + b crossing the integers */
typedef struct Kinks { LyExpr pts; LyExpr steps; } Kinks;

typedef struct NI {
    LyVM *vm;
    LyExpr e;                   /* the call */
    LysFn F;                    /* the integrand, all the variables localized */
    size_t n;                   /* variables */
    LyExpr lims[LYS_MAXVARS];   /* List of the limits of each variable (held) */
    double pt[LYS_MAXVARS];     /* the point being sampled */
    LyExpr excl;                /* Exclusions (evaluated) or NULL */
    Kinks kinks[LYS_MAXVARS];   /* where the integrand is not smooth in each variable */
    Quad proto;                 /* method and goals */
    bool oscillatory;           /* try the oscillatory strategy on infinite pieces */
    /* what happened below */
    bool nonnum;
    int ifail;                  /* the worst failure of an inner integral */
    Quad inner;                 /* that inner integral's Quad, for the message */
} NI;

typedef struct Level { NI *N; size_t k; } Level;

static int integrate_level(NI *N, size_t k, cplx *out, double *err, Quad *used);

/* the integrand (k the last variable) at the point N->pt, x_k = end + off
 * in arbitrary precision when off != 0 */
static int integrand(NI *N, size_t k, double end, LyExpr exact, double off, cplx *out) {
    LyVM *vm = N->vm;
    LyExpr vals[LYS_MAXVARS];
    size_t n = N->n;
    for (size_t i = 0; i < n; i++) vals[i] = NULL;
    int st = S_EXIT;
    for (size_t i = 0; i < n; i++) if (!(vals[i] = ly_mkreal(vm, N->pt[i]))) goto done;
    if (off != 0) {
        /* digits enough that end + off keeps off's: 20 more than the ratio */
        LyExpr p = ly_mkreal(vm, 20 + log10(fabs(end) / fabs(off)));
        LyExpr ee = exact ? ref(exact) : ly_mkreal(vm, end), oo = ly_mkreal(vm, off);
        LyExpr sum = p && ee && oo ? ly_mk(vm, LY_SYM(Plus), 2,
                                           ly_mk(vm, ly_symbol(vm, "SetPrecision"), 2, ref(ee), ref(p)),
                                           ly_mk(vm, ly_symbol(vm, "SetPrecision"), 2, ref(oo), ref(p))) : NULL;
        ly_unref(vm, p); ly_unref(vm, ee); ly_unref(vm, oo);
        LyExpr xb = sum ? lys_eval_steal(vm, sum) : NULL;
        if (!xb) goto done;
        LyExpr save = vals[k];
        vals[k] = xb;
        LyExpr r = lys_fn_eval(&N->F, N->F.f, vals);
        vals[k] = save;
        ly_unref(vm, xb);
        if (!r) goto done;
        bool ok = lys_nvalue(vm, r, out) && isfinite(creal(*out)) && isfinite(cimag(*out));
        ly_unref(vm, r);
        if (ok) { st = S_OK; goto done; }
        /* no arbitrary-precision value: the machine point as it rounds */
    }
    LyExpr r = lys_fn_eval(&N->F, N->F.f, vals);
    if (!r) goto done;
    if (lys_nvalue(vm, r, out)) st = S_OK;
    else if (ly_is_symbol(r, "ComplexInfinity") || ly_is_symbol(r, "Indeterminate") ||
             ly_head_is(r, LY_SYM(DirectedInfinity)) || ly_head_is(r, LY_SYM(Overflow))) {
        /* a sample on a singular point: it contributes nothing */
        *out = 0;
        st = S_OK;
    } else st = S_NONNUM;
    ly_unref(vm, r);
done:
    for (size_t i = 0; i < n; i++) ly_unref(vm, vals[i]);
    return st;
}

static int level_sampler(Quad *Q, const Piece *p, double t, double dlo, double dhi, cplx *out) {
    Level *L = Q->ctx;
    NI *N = L->N;
    double x, jac, end = 0, off;
    t_to_x(p, t, dlo, dhi, &x, &jac, &end, &off);
    if (!isfinite(x) || !isfinite(jac) || jac == 0) { *out = 0; return S_OK; }
    N->pt[L->k] = x;
    int st;
    if (L->k + 1 == N->n) st = integrand(N, L->k, end, off == 0 ? NULL : end == p->a ? p->ea : p->eb, off, out);
    else {
        double e;
        Quad used;
        st = integrate_level(N, L->k + 1, out, &e, &used);
        if (st == S_OK && used.fail && used.fail >= N->ifail) { N->ifail = used.fail; N->inner = used; }
    }
    if (st == S_NONNUM) N->nonnum = true;
    if (st == S_OK) *out *= jac;
    return st;
}

/* ---- the oscillatory strategy --------------------------------------------------------------------------- */

static bool mentions(LyExpr e, LyExpr var) {
    if (e == var) return true;
    if (!ly_is_normal(e)) return false;
    if (mentions(ly_nhead(e), var)) return true;
    for (size_t i = 1; i <= ly_nlen(e); i++) if (mentions(ly_narg(e, i), var)) return true;
    return false;
}

/* The derivative of arg in var when it is a number (arg linear in var). */
static bool linear_coeff(LyVM *vm, LyExpr arg, LyExpr var, cplx *out) {
    LyExpr d = lys_apply_eval(vm, ly_symbol(vm, "D"), 2, (LyExpr[]){ arg, var });
    if (!d) return false;
    bool ok = !mentions(d, var);
    if (ok) {
        LyExpr nd = lys_numericalize(vm, d);
        ok = nd && lys_nvalue(vm, nd, out);
        ly_unref(vm, nd);
    }
    ly_unref(vm, d);
    return ok;
}

/* The smallest angular frequency of the factors Sin, Cos of linear
 * arguments and E^(I w x) in f: 0 when there are none, -1 when one of them
 * is not linear (not handled). */
static double osc_freq(LyVM *vm, LyExpr f, LyExpr var) {
    if (!ly_is_normal(f) || !mentions(f, var)) return 0;
    LyExpr h = ly_nhead(f);
    LyExpr arg = NULL;
    bool expo = false;
    if ((ly_is_symbol(h, "Sin") || ly_is_symbol(h, "Cos")) && ly_nlen(f) == 1) arg = ly_narg(f, 1);
    else if (h == LY_SYM(Power) && ly_nlen(f) == 2 && ly_narg(f, 1) == LY_SYM(E) && mentions(ly_narg(f, 2), var)) {
        arg = ly_narg(f, 2);
        expo = true;
    }
    if (arg && mentions(arg, var)) {
        cplx c;
        if (!linear_coeff(vm, arg, var, &c)) return ly_unwinding(vm) ? -1 : (expo ? 0 : -1);
        double w = expo ? fabs(cimag(c)) : fabs(creal(c));
        if (!expo && cimag(c) != 0) return -1;
        if (w > 0) return w;
        return 0;
    }
    double best = 0;
    for (size_t i = 1; i <= ly_nlen(f); i++) {
        double w = osc_freq(vm, ly_narg(f, i), var);
        if (w < 0) return -1;
        if (w > 0 && (best == 0 || w < best)) best = w;
    }
    return best;
}

/* Levin's u transform of the partial sums s[0..n) (terms s[j] - s[j-1]):
 * the estimate of their limit from all of them.  It takes sums whose terms
 * alternate (the periods of Sin[x]/x) as well as those of one sign
 * decaying like a power (Sin[x]^2/x^2), losing digits to cancellation
 * past some 15 terms of the second kind: the caller watches successive
 * estimates agree.  false when a term is 0. */
static bool levin_u(const cplx *s, int n, cplx *out) {
    cplx num = 0, den = 0;
    int k = n - 1;
    double binom = 1;
    for (int j = 0; j <= k; j++) {
        cplx a = j ? s[j] - s[j - 1] : s[0];
        if (cabs(a) == 0) return false;
        double c = binom * pow((j + 1.0) / (k + 1.0), k - 1) * (j % 2 ? -1 : 1);
        cplx w = (j + 1.0) * a;
        num += c * s[j] / w;
        den += c / w;
        binom = binom * (k - j) / (j + 1);
    }
    if (cabs(den) == 0) return false;
    *out = num / den;
    return isfinite(creal(*out)) && isfinite(cimag(*out));
}

/* An infinite piece of a one-variable integral of an oscillating
 * integrand: period by period from the finite end, the partial sums
 * extrapolated.  dir: +1 for [a, inf), -1 for (-inf, b]. */
static int osc_piece(NI *N, Quad *Q, const Piece *p, double omega, cplx *out, double *errout) {
    enum { MAXP = 60 };
    double P = M_PI / omega, start = p->map == MAP_DOWN ? p->b : p->a, dir = p->map == MAP_DOWN ? -1 : 1;
    cplx sums[MAXP], sum = 0, est = 0, prev = 0, best = 0;
    double ierr = 0, bestdiff = INFINITY;
    bool have = false;
    for (int k = 0; k < MAXP; k++) {
        Piece q;
        double x0 = start + dir * P * k, x1 = start + dir * P * (k + 1);
        piece_init(&q, fmin(x0, x1), fmax(x0, x1), 1);
        Quad sub = *Q;
        sub.fail = F_NONE;
        cplx r;
        double e;
        int st = adaptive(&sub, &q, 1, &r, &e);
        Q->evals = sub.evals;
        if (st != S_OK) return st;
        if (sub.fail && !Q->fail) { Q->fail = sub.fail; Q->depth = sub.depth; Q->where = sub.where; Q->wpiece = p; }
        sum += r;
        ierr += e;
        sums[k] = sum;
        if (r == 0 && k == 0) continue;
        if (k < 5) continue;
        prev = est;
        if (!levin_u(sums, k + 1, &est)) { est = sum; break; }
        if (!have) { have = true; continue; }
        /* the estimates agree as far as the goal (or the rounding) allows */
        double diff = cabs(est - prev);
        if (diff < bestdiff) { bestdiff = diff; best = est; }
        if (diff <= fmax(Q->abs, fmax(Q->rel, 8 * DBL_EPSILON) * cabs(est))) { best = est; bestdiff = diff; break; }
        if (!ly_safe_point(N->vm)) return S_EXIT;
    }
    if (bestdiff > fmax(Q->mabs, Q->mrel * cabs(best))) {
        /* no two estimates agree: what there is, with a warning */
        ly_set_message(N->vm, "NIntegrate", "slwcon",
                       "Numerical integration converging too slowly; suspect one of the following: singularity, value of the integration is 0, highly oscillatory integrand, or WorkingPrecision too small.");
        ly_message(N->vm, ly_nhead(N->e), "slwcon", 0);
    }
    *out = p->sign * best;
    *errout = bestdiff + ierr;
    return S_OK;
}

/* ---- symbolic subdivision ------------------------------------------------------------------------------- */

/* Where the integrand has kinks or jumps: the zeros of the arguments of
 * Abs, Sign, UnitStep, Max, Min, ... and of the comparisons of Piecewise,
 * and the integer crossings of those of Floor, Ceiling, Round, ... (what
 * Wolfram's symbolic preprocessing does).  An argument linear in the
 * variable gives its zero as an expression in the outer variables, one
 * polynomial in the variable alone its real roots (NSolve); anything else
 * is left to the adaptive rule. */

static bool add_to(LyVM *vm, LyExpr *list, LyExpr item) {
    if (!item) return false;
    size_t n = *list ? ly_nlen(*list) : 0;
    LyExpr l = ly_mknormal(vm, LY_SYM(List), n + 1);
    if (!l) { ly_unref(vm, item); return false; }
    for (size_t i = 1; i <= n; i++) ly_nset(l, i, ref(ly_narg(*list, i)));
    ly_nset(l, n + 1, item);
    ly_unref(vm, *list);
    *list = l;
    return true;
}

/* g's zeros in var (linear: -g(0)/g'; a polynomial in var alone: its real
 * roots); steps: a x + b itself for the integer crossings */
static bool kink_arg(LyVM *vm, LyExpr g, LyExpr var, bool steps, Kinks *K) {
    if (!mentions(g, var)) return true;
    LyExpr d = lys_apply_eval(vm, ly_symbol(vm, "D"), 2, (LyExpr[]){ g, var });
    if (!d) return false;
    if (!mentions(d, var)) {
        LyExpr zero = ly_mksmall(0);
        LyExpr g0 = ly_substitute(vm, g, 1, &var, &zero);
        bool ok;
        if (steps) ok = add_to(vm, &K->steps, g0 ? ly_mk(vm, LY_SYM(List), 2, ref(d), g0) : NULL);
        else ok = add_to(vm, &K->pts, g0 ? lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 3, ly_mksmall(-1), g0,
                                                                    ly_mk(vm, LY_SYM(Power), 2, ref(d), ly_mksmall(-1)))) : NULL);
        ly_unref(vm, d);
        return ok || !ly_unwinding(vm);
    }
    ly_unref(vm, d);
    if (steps) return true;
    LyExpr pq = lys_apply_eval(vm, ly_symbol(vm, "PolynomialQ"), 2, (LyExpr[]){ g, var });
    if (!pq) return false;
    bool poly = pq == LY_SYM(True);
    ly_unref(vm, pq);
    if (!poly) return true;
    /* roots of a polynomial in var alone (no outer variables): numbers */
    LyExpr eq = ly_mk(vm, LY_SYM(Equal), 2, ref(g), ly_mksmall(0));
    LyExpr sol = eq ? lys_apply_eval(vm, ly_symbol(vm, "NSolve"), 2, (LyExpr[]){ eq, var }) : NULL;
    ly_unref(vm, eq);
    if (!sol) return !ly_unwinding(vm);
    bool ok = true;
    if (ly_head_is(sol, LY_SYM(List)))
        for (size_t i = 1; ok && i <= ly_nlen(sol); i++) {
            LyExpr r = ly_narg(sol, i);
            if (!ly_head_is(r, LY_SYM(List)) || ly_nlen(r) != 1 || !ly_head_is(ly_narg(r, 1), LY_SYM(Rule))) continue;
            LyExpr v = ly_narg(ly_narg(r, 1), 2);
            if (lys_is_realnum(v)) ok = add_to(vm, &K->pts, ref(v));
        }
    ly_unref(vm, sol);
    return ok;
}

static bool is_cmp(LyExpr h) {
    return h == LY_SYM(Less) || h == LY_SYM(Greater) || h == LY_SYM(LessEqual) || h == LY_SYM(GreaterEqual) ||
           h == LY_SYM(Equal) || h == LY_SYM(Unequal);
}

static bool find_kinks(LyVM *vm, LyExpr f, LyExpr var, Kinks *K) {
    if (!ly_is_normal(f) || !mentions(f, var)) return true;
    LyExpr h = ly_nhead(f);
    size_t n = ly_nlen(f);
    if (ly_is_sym(h)) {
        const char *s = ly_sym(h)->name;
        if (n == 1 && (!strcmp(s, "Abs") || !strcmp(s, "Sign") || !strcmp(s, "UnitStep") ||
                       !strcmp(s, "HeavisideTheta") || !strcmp(s, "Ramp")))
            if (!kink_arg(vm, ly_narg(f, 1), var, false, K)) return false;
        if (n == 1 && (!strcmp(s, "Floor") || !strcmp(s, "Ceiling") || !strcmp(s, "Round") ||
                       !strcmp(s, "IntegerPart") || !strcmp(s, "FractionalPart")))
            if (!kink_arg(vm, ly_narg(f, 1), var, true, K)) return false;
        if ((!strcmp(s, "Max") || !strcmp(s, "Min")) && n >= 2)
            for (size_t i = 1; i < n; i++)
                for (size_t j = i + 1; j <= n; j++) {
                    LyExpr g = ly_mk(vm, LY_SYM(Plus), 2, ref(ly_narg(f, i)),
                                     ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ref(ly_narg(f, j))));
                    LyExpr ge = g ? lys_eval_steal(vm, g) : NULL;
                    bool ok = ge && kink_arg(vm, ge, var, false, K);
                    ly_unref(vm, ge);
                    if (!ok) return false;
                }
        if (is_cmp(h) && n == 2) {
            LyExpr g = ly_mk(vm, LY_SYM(Plus), 2, ref(ly_narg(f, 1)),
                             ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ref(ly_narg(f, 2))));
            LyExpr ge = g ? lys_eval_steal(vm, g) : NULL;
            bool ok = ge && kink_arg(vm, ge, var, false, K);
            ly_unref(vm, ge);
            if (!ok) return false;
        }
    }
    for (size_t i = 1; i <= n; i++)
        if (!find_kinks(vm, ly_narg(f, i), var, K)) return false;
    return true;
}

/* ---- a variable's range --------------------------------------------------------------------------------- */

static bool limit_value(LyVM *vm, LyExpr v, double *out) {
    int s = lys_infinity_sign(v);
    if (s) { *out = s * INFINITY; return true; }
    if (v == LY_SYM(Infinity)) { *out = INFINITY; return true; }
    double _Complex z;
    LyExpr m = lys_numericalize(vm, v);
    bool ok = m && lys_nvalue(vm, m, &z) && cimag(z) == 0 && isfinite(creal(z));
    ly_unref(vm, m);
    if (ok) *out = creal(z);
    return ok;
}

/* an exact numeric value (1/3, Pi, Sqrt[2]): no machine or
 * arbitrary-precision numbers in it, nothing but numbers and constants */
static bool exact_value(LyExpr e) {
    if (ly_is_number(e)) return ly_is_exact(e);
    if (ly_is_sym(e)) return e == LY_SYM(Pi) || e == LY_SYM(E) || ly_is_symbol(e, "EulerGamma") ||
                             ly_is_symbol(e, "GoldenRatio") || ly_is_symbol(e, "Catalan") || ly_is_symbol(e, "Degree");
    if (!ly_is_normal(e) || ly_is_bigreal(e) || !ly_is_sym(ly_nhead(e))) return false;
    if (!(ly_nhead(e) == LY_SYM(Plus) || ly_nhead(e) == LY_SYM(Times) || ly_nhead(e) == LY_SYM(Power))) return false;
    for (size_t i = 1; i <= ly_nlen(e); i++) if (!exact_value(ly_narg(e, i))) return false;
    return true;
}

/* a point where a range is cut, with its exact value when there is one */
typedef struct Cut { double x; LyExpr exact; } Cut;

static int cmp_cut(const void *a, const void *b) {
    double x = ((const Cut *)a)->x, y = ((const Cut *)b)->x;
    return x < y ? -1 : x > y;
}

static void add_cut(LyExpr v, double x, Cut *pts, size_t *n) {
    pts[(*n)++] = (Cut){ x, exact_value(v) ? v : NULL };
}

/* the exclusion points of variable k (numbers, or var == c) in (lo, hi) */
static void exclusions(NI *N, size_t k, double lo, double hi, Cut *pts, size_t *n, size_t cap) {
    LyExpr ex = N->excl;
    if (!ex) return;
    size_t m = ly_head_is(ex, LY_SYM(List)) ? ly_nlen(ex) : 1;
    for (size_t i = 1; i <= m && *n < cap; i++) {
        LyExpr x = ly_head_is(ex, LY_SYM(List)) ? ly_narg(ex, i) : ex;
        if (ly_head_is(x, LY_SYM(Equal)) && ly_nlen(x) == 2) {
            if (ly_narg(x, 1) == N->F.vars[k]) x = ly_narg(x, 2);
            else if (ly_narg(x, 2) == N->F.vars[k]) x = ly_narg(x, 1);
            else continue;
        }
        double v;
        if (limit_value(N->vm, x, &v) && v > lo && v < hi) add_cut(x, v, pts, n);
    }
}

/* the kinks of variable k in (lo, hi) at the outer point; *keep holds the
 * List of zeros (evaluated on the first call) the exact points are
 * borrowed from */
static void kink_points(NI *N, size_t k, double lo, double hi, Cut *pts, size_t *n, size_t cap, LyExpr *keep) {
    LyVM *vm = N->vm;
    Kinks *K = &N->kinks[k];
    if (!K->pts && !K->steps) return;
    LyExpr vals[LYS_MAXVARS] = { 0 };
    for (size_t i = 0; i < N->n; i++) if (!(vals[i] = ly_mkreal(vm, N->pt[i]))) goto done;
    if (K->pts) {
        LyExpr v = *keep ? *keep : (*keep = lys_fn_eval(&N->F, K->pts, vals));
        for (size_t i = 1; v && ly_head_is(v, LY_SYM(List)) && i <= ly_nlen(v) && *n < cap; i++) {
            double x;
            if (limit_value(vm, ly_narg(v, i), &x) && x > lo && x < hi) add_cut(ly_narg(v, i), x, pts, n);
        }
    }
    if (K->steps) {
        LyExpr v = lys_fn_eval(&N->F, K->steps, vals);
        for (size_t i = 1; v && ly_head_is(v, LY_SYM(List)) && i <= ly_nlen(v); i++) {
            LyExpr ab = ly_narg(v, i);
            double a, b;
            if (!ly_head_is(ab, LY_SYM(List)) || ly_nlen(ab) != 2 || !limit_value(vm, ly_narg(ab, 1), &a) ||
                !limit_value(vm, ly_narg(ab, 2), &b) || a == 0 || !isfinite(lo) || !isfinite(hi))
                continue;
            /* a x + b crosses the integers between its values at lo and hi */
            double g0 = fmin(a * lo + b, a * hi + b), g1 = fmax(a * lo + b, a * hi + b);
            if (g1 - g0 > 256) continue;
            for (double m = ceil(g0); m <= g1 && *n < cap; m++) {
                double x = (m - b) / a;
                if (x > lo && x < hi) pts[(*n)++] = (Cut){ x, NULL };
            }
        }
        ly_unref(vm, v);
    }
done:
    for (size_t i = 0; i < N->n; i++) ly_unref(vm, vals[i]);
}

/* Integrates variable k (and those inside it) at N->pt (outer variables
 * set): the pieces from its limits and exclusions, then Q's method. */
static int integrate_level(NI *N, size_t k, cplx *out, double *err, Quad *used) {
    LyVM *vm = N->vm;
    enum { MAXPTS = 64 };
    double lim[MAXPTS];
    size_t nl = 0;
    /* the limits, evaluated with the outer variables at their values */
    LyExpr vals[LYS_MAXVARS], lv = NULL, kept = NULL;
    for (size_t i = 0; i < N->n; i++) vals[i] = NULL;
    int st = S_EXIT;
    for (size_t i = 0; i < N->n; i++) if (!(vals[i] = ly_mkreal(vm, N->pt[i]))) goto done;
    lv = k ? lys_fn_eval(&N->F, N->lims[k], vals) : ly_evaluate(vm, N->lims[k]);
    if (!lv) goto done;
    bool ok = ly_head_is(lv, LY_SYM(List)) && ly_nlen(lv) >= 2 && ly_nlen(lv) <= MAXPTS;
    for (size_t i = 1; ok && i <= ly_nlen(lv); i++) ok = limit_value(vm, ly_narg(lv, i), &lim[nl++]);
    if (!ok) {
        if (!ly_unwinding(vm)) {
            ly_set_message(vm, "NIntegrate", "nlim", "`1` = `2` is not a valid limit of integration.");
            LyExpr bad = ly_head_is(lv, LY_SYM(List)) && nl >= 1 && nl <= ly_nlen(lv) ? ly_narg(lv, nl) : lv;
            ly_message(vm, ly_nhead(N->e), "nlim", 2, N->F.vars[k], bad);
            st = S_LIMIT;
        }
        goto done;
    }
    /* pieces between consecutive limits, cut at the exclusions and kinks */
    Piece pc[5 * MAXPTS];
    size_t np = 0;
    for (size_t i = 0; i + 1 < nl; i++) {
        double a = lim[i], b = lim[i + 1], sign = 1;
        LyExpr ea = ly_narg(lv, i + 1), eb = ly_narg(lv, i + 2);
        if (a == b) continue;
        if (a > b) { double t = a; a = b; b = t; LyExpr te = ea; ea = eb; eb = te; sign = -1; }
        Cut cut[4 * MAXPTS];
        size_t nc = 0;
        exclusions(N, k, a, b, cut, &nc, MAXPTS);
        kink_points(N, k, a, b, cut, &nc, 3 * MAXPTS, &kept);
        qsort(cut, nc, sizeof(Cut), cmp_cut);
        double from = a;
        LyExpr efrom = exact_value(ea) ? ea : NULL;
        for (size_t j = 0; j <= nc && np < 5 * MAXPTS; j++) {
            double to = j < nc ? cut[j].x : b;
            LyExpr eto = j < nc ? cut[j].exact : exact_value(eb) ? eb : NULL;
            if (to > from) {
                piece_init(&pc[np], from, to, sign);
                pc[np].ea = efrom;
                pc[np].eb = eto;
                np++;
            }
            from = to;
            efrom = eto;
        }
    }
    Quad Q = N->proto;
    Level L = { N, k };
    Q.ctx = &L;
    Q.f = level_sampler;
    Q.fail = F_NONE;
    Q.evals = 0;
    if (k > 0) { Q.maxpts = 0; }
    *out = 0;
    *err = 0;
    *used = Q;
    st = S_OK;
    if (np == 0) goto done;
    /* infinite pieces of an oscillating integrand: period by period */
    double omega = 0;
    if (N->oscillatory && k + 1 == N->n && N->n == 1 && Q.method == M_ADAPTIVE) {
        bool inf = false;
        for (size_t i = 0; i < np; i++) inf = inf || pc[i].map != MAP_FINITE;
        if (inf) omega = osc_freq(vm, N->F.f, N->F.vars[k]);
        if (ly_unwinding(vm)) { st = S_EXIT; goto done; }
    }
    if (omega > 0) {
        /* the whole line splits at 0 into two half lines */
        Piece fin[5 * MAXPTS + 1];
        size_t nf = 0;
        for (size_t i = 0; i < np; i++) {
            cplx r = 0;
            double e = 0;
            if (pc[i].map == MAP_FINITE) { fin[nf++] = pc[i]; continue; }
            Piece halves[2];
            size_t nh = 0;
            if (pc[i].map == MAP_BOTH) {
                piece_init(&halves[nh++], -INFINITY, 0, pc[i].sign);
                piece_init(&halves[nh++], 0, INFINITY, pc[i].sign);
            } else halves[nh++] = pc[i];
            for (size_t j = 0; j < nh; j++) {
                st = osc_piece(N, &Q, &halves[j], omega, &r, &e);
                if (st != S_OK) goto done;
                *out += r;
                *err += e;
            }
        }
        if (nf) {
            cplx r;
            double e;
            st = quad_run(&Q, fin, nf, &r, &e);
            if (st != S_OK) goto done;
            *out += r;
            *err += e;
        }
        *used = Q;
        goto done;
    }
    st = quad_run(&Q, pc, np, out, err);
    *used = Q;
done:
    for (size_t i = 0; i < N->n; i++) ly_unref(vm, vals[i]);
    ly_unref(vm, lv);
    ly_unref(vm, kept);
    return st;
}

/* ---- NIntegrate ------------------------------------------------------------------------------------------ */

static void nintegrate_messages(LyVM *vm) {
    ly_set_message(vm, "NIntegrate", "inumr",
                   "The integrand `1` has evaluated to non-numerical values for all sampling points in the region with boundaries `2`.");
    ly_set_message(vm, "NIntegrate", "ncvb",
                   "NIntegrate failed to converge to prescribed accuracy after `1` recursive bisections in `2` near `3` = `4`. NIntegrate obtained `5` and `6` for the integral and error estimates.");
    ly_set_message(vm, "NIntegrate", "ncvi",
                   "NIntegrate failed to converge to prescribed accuracy after `1` iterated refinements in `2` in the region `3`. NIntegrate obtained `4` and `5` for the integral and error estimates.");
    ly_set_message(vm, "NIntegrate", "maxp",
                   "The integral failed to converge after `1` integrand evaluations. NIntegrate obtained `2` and `3` for the integral and error estimates.");
    ly_set_message(vm, "NIntegrate", "itraw", "Raw object `1` cannot be used as an iterator.");
    ly_set_message(vm, "NIntegrate", "bdmtd",
                   "Value of option Method -> `1` is not Automatic, \"GlobalAdaptive\", \"LocalAdaptive\", \"GaussKronrodRule\", \"DoubleExponential\" or \"Trapezoidal\".");
}

static LyExpr number_of(LyVM *vm, cplx z) {
    if (cimag(z) == 0) return ly_mkreal(vm, creal(z));
    LyExpr re = ly_mkreal(vm, creal(z)), im = ly_mkreal(vm, cimag(z));
    if (!re || !im) { ly_unref(vm, re); ly_unref(vm, im); return NULL; }
    return ly_mkcomplex(vm, re, im);
}

/* x of the point t on piece p */
static double x_of(const Piece *p, double t) {
    double x, jac, end, off;
    t_to_x(p, t, -1, -1, &x, &jac, &end, &off);
    return x;
}

static void failure_message(NI *N, const Quad *Q, cplx r, double err) {
    LyVM *vm = N->vm;
    LyExpr head = ly_nhead(N->e);
    LyExpr rr = number_of(vm, r), ee = ly_mkreal(vm, err);
    if (!rr || !ee) goto done;
    if (Q->fail == F_NCVB) {
        LyExpr vl = ly_mknormal(vm, LY_SYM(List), N->n), pl = ly_mknormal(vm, LY_SYM(List), N->n);
        double at[LYS_MAXVARS];
        memcpy(at, N->pt, sizeof at);
        if (Q->wpiece) at[N->n - 1] = x_of(Q->wpiece, Q->where);
        for (size_t i = 0; vl && i < N->n; i++) ly_nset(vl, i + 1, ref(N->F.vars[i]));
        for (size_t i = 0; pl && i < N->n; i++) ly_nset(pl, i + 1, ly_mkreal(vm, at[i]));
        if (vl && pl)
            ly_message(vm, head, "ncvb", 6, ly_mksmall(Q->depth), N->F.vars[N->n - 1], vl, pl, rr, ee);
        ly_unref(vm, vl); ly_unref(vm, pl);
    } else if (Q->fail == F_NCVI) {
        const Piece *p = Q->wpiece;
        LyExpr reg = p ? ly_mk(vm, LY_SYM(List), 1, ly_mk(vm, LY_SYM(List), 2,
                                  isfinite(p->a) ? ly_mkreal(vm, p->a) : lys_infinity(vm, -1),
                                  isfinite(p->b) ? ly_mkreal(vm, p->b) : lys_infinity(vm, 1))) : NULL;
        if (reg) ly_message(vm, head, "ncvi", 5, ly_mksmall(Q->depth), N->F.vars[N->n - 1], reg, rr, ee);
        ly_unref(vm, reg);
    } else if (Q->fail == F_MAXP) {
        LyExpr np = ly_mkreal(vm, (double)Q->evals);
        if (np) ly_message(vm, head, "maxp", 3, ly_mksmall(Q->evals), rr, ee);
        ly_unref(vm, np);
    }
done:
    ly_unref(vm, rr); ly_unref(vm, ee);
}

enum { O_AG, O_PG, O_MAXREC, O_MINREC, O_MAXPTS, O_METHOD, O_WP, O_EXCL, O_EVMON, O_N };
static const char *const ni_opts[O_N] = { "AccuracyGoal", "PrecisionGoal", "MaxRecursion", "MinRecursion", "MaxPoints",
                                          "Method", "WorkingPrecision", "Exclusions", "EvaluationMonitor" };

/* Method -> name or {name, suboptions...}: M_* or -1 */
static int method_of(LyExpr m, bool *osc) {
    *osc = true;
    if (!m || m == LY_SYM(Automatic)) return M_ADAPTIVE;
    if (ly_head_is(m, LY_SYM(List)) && ly_nlen(m) >= 1) m = ly_narg(m, 1);
    if (!ly_is_string(m)) return -1;
    const char *s = ly_str(m)->s;
    *osc = false;
    if (!strcmp(s, "GlobalAdaptive") || !strcmp(s, "LocalAdaptive") || !strcmp(s, "GaussKronrodRule")) return M_ADAPTIVE;
    if (!strcmp(s, "DoubleExponential")) return M_DE;
    if (!strcmp(s, "Trapezoidal")) return M_TRAP;
    return -1;
}

static bool read_options(LyVM *vm, LyExpr e, size_t first, Quad *Q, double *wp, LyExpr *excl, LyExpr *mon, bool *osc) {
    LyExpr ov[O_N], h = ly_nhead(e);
    if (!lys_get_options(vm, e, first, O_N, ni_opts, ov)) return false;
    double ag, pg, maxrec, minrec, maxpts;
    if (!lys_opt_precision(vm, h, ov[O_WP], wp)) return false;
    if (!lys_opt_real(vm, h, "AccuracyGoal", ov[O_AG], INFINITY, &ag) ||
        !lys_opt_real(vm, h, "PrecisionGoal", ov[O_PG], NAN, &pg) ||
        !lys_opt_real(vm, h, "MaxRecursion", ov[O_MAXREC], NAN, &maxrec) ||
        !lys_opt_real(vm, h, "MinRecursion", ov[O_MINREC], 0, &minrec) ||
        !lys_opt_real(vm, h, "MaxPoints", ov[O_MAXPTS], INFINITY, &maxpts))
        return false;
    const char *bad = NULL;
    LyExpr badv = NULL;
    if (!isnan(maxrec) && !(maxrec >= 0)) { bad = "MaxRecursion"; badv = ov[O_MAXREC]; }
    else if (!(minrec >= 0) || minrec > 30) { bad = "MinRecursion"; badv = ov[O_MINREC]; }
    else if (!(maxpts >= 1)) { bad = "MaxPoints"; badv = ov[O_MAXPTS]; }
    if (bad) {
        ly_set_message(vm, "General", "optval", "Value of option `1` -> `2` is not valid here.");
        ly_message(vm, h, "optval", 2, ly_symbol(vm, bad), badv);
        return false;
    }
    int m = method_of(ov[O_METHOD], osc);
    if (m < 0) { ly_message(vm, h, "bdmtd", 1, ov[O_METHOD]); return false; }
    Q->method = m;
    /* machine precision: work to full precision, complain below 8 digits
     * (Wolfram's goal: half the working precision); explicit goals both */
    double half = *wp > 0 ? *wp / 2 : 8;
    Q->mrel = isnan(pg) ? pow(10, -half) : isinf(pg) ? 0 : pow(10, -pg);
    Q->rel = isnan(pg) ? (*wp > 0 ? pow(10, -(*wp - 2)) : 1e-13) : Q->mrel;
    Q->mabs = Q->abs = isinf(ag) ? 0 : pow(10, -ag);
    if (!(Q->rel > 0 || Q->abs > 0)) Q->rel = 1e-13;
    int dflt_rec = m == M_ADAPTIVE ? 9 : m == M_DE ? 8 : 14;
    Q->maxrec = isnan(maxrec) ? dflt_rec : maxrec > 40 ? 40 : (int)maxrec;
    if (m == M_TRAP && Q->maxrec > 24) Q->maxrec = 24;
    if (m == M_DE && Q->maxrec > 16) Q->maxrec = 16;
    Q->minrec = (int)minrec;
    if (Q->minrec > Q->maxrec) Q->minrec = Q->maxrec;
    Q->maxpts = isinf(maxpts) ? 0 : (long)maxpts;
    *excl = ov[O_EXCL] && ov[O_EXCL] != LY_SYM(None) && ov[O_EXCL] != LY_SYM(Automatic) ? ov[O_EXCL] : NULL;
    *mon = ov[O_EVMON] == LY_SYM(None) ? NULL : ov[O_EVMON];
    return true;
}

static LyExpr nintegrate_hp(LyVM *vm, LyExpr e, size_t n, LyExpr f, const LyExpr *vars, const Quad *Q, double wp,
                            LyExpr mon, LyExpr excl_held);

static LyExpr b_nintegrate(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, SIZE_MAX)) return NULL;
    nintegrate_messages(vm);
    size_t first = lys_first_option(e, 2), n = first - 2;
    if (n == 0) return NULL;
    if (n > LYS_MAXVARS) return NULL;
    LyExpr vars[LYS_MAXVARS], lims[LYS_MAXVARS];
    for (size_t i = 0; i < n; i++) {
        LyExpr s = ly_narg(e, i + 2);
        if (!ly_head_is(s, LY_SYM(List)) || ly_nlen(s) < 3 || !ly_is_sym(ly_narg(s, 1))) {
            ly_message(vm, ly_nhead(e), "itraw", 1, s);
            return NULL;
        }
        vars[i] = ly_narg(s, 1);
    }
    Quad Q;
    memset(&Q, 0, sizeof Q);
    Q.vm = vm;
    double wp;
    LyExpr excl_held, mon;
    bool osc;
    if (!read_options(vm, e, first, &Q, &wp, &excl_held, &mon, &osc)) return NULL;
    /* a List of integrands: each integrated */
    LyExpr f = ly_narg(e, 1);
    if (ly_head_is(f, LY_SYM(List))) {
        LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(f));
        for (size_t i = 1; out && i <= ly_nlen(f); i++) {
            LyExpr call = ly_mknormal(vm, ref(ly_nhead(e)), ly_nlen(e));
            if (!call) { lys_abandon(vm, out, i); return NULL; }
            ly_nset(call, 1, ref(ly_narg(f, i)));
            for (size_t j = 2; j <= ly_nlen(e); j++) ly_nset(call, j, ref(ly_narg(e, j)));
            LyExpr r = lys_eval_steal(vm, call);
            if (!r) { lys_abandon(vm, out, i); return NULL; }
            ly_nset(out, i, r);
        }
        return out;
    }
    if (wp > 0) return nintegrate_hp(vm, e, n, f, vars, &Q, wp, mon, excl_held);
    NI N;
    memset(&N, 0, sizeof N);
    N.vm = vm;
    N.e = e;
    N.n = n;
    N.proto = Q;
    N.oscillatory = osc;
    LyExpr res = NULL;
    for (size_t i = 0; i < n; i++) lims[i] = NULL;
    for (size_t i = 0; i < n; i++) {
        LyExpr s = ly_narg(e, i + 2);
        lims[i] = ly_mknormal(vm, LY_SYM(List), ly_nlen(s) - 1);
        if (!lims[i]) goto release;
        for (size_t j = 2; j <= ly_nlen(s); j++) ly_nset(lims[i], j - 1, ref(ly_narg(s, j)));
        N.lims[i] = lims[i];
    }
    if (!lys_fn_open(vm, &N.F, f, n, vars, mon)) goto release;
    if (excl_held) {
        N.excl = lys_fn_eval(&N.F, excl_held, (LyExpr[LYS_MAXVARS]){ 0 });
        if (!N.excl) goto close;
    }
    if (Q.method == M_ADAPTIVE)
        for (size_t k = 0; k < n; k++)
            if (!find_kinks(vm, N.F.f, vars[k], &N.kinks[k])) goto kinks;
    cplx r;
    double err;
    Quad used;
    int st = integrate_level(&N, 0, &r, &err, &used);
    if (st == S_OK && N.nonnum) st = S_NONNUM;
    if (st == S_NONNUM) {
        LyExpr bounds = ly_mknormal(vm, LY_SYM(List), n);
        for (size_t i = 0; bounds && i < n; i++) ly_nset(bounds, i + 1, ref(lims[i]));
        if (bounds) ly_message(vm, ly_nhead(e), "inumr", 2, N.F.f, bounds);
        ly_unref(vm, bounds);
    } else if (st == S_OK) {
        /* messages when the error misses the goal the user asked for (or 8 digits) */
        double goal = fmax(Q.mabs, Q.mrel * cabs(r));
        if (used.fail && err > goal) failure_message(&N, &used, r, err);
        else if (N.ifail && err > goal) failure_message(&N, &N.inner, r, err);
        res = number_of(vm, r);
    }
kinks:
    for (size_t k = 0; k < n; k++) { ly_unref(vm, N.kinks[k].pts); ly_unref(vm, N.kinks[k].steps); }
    ly_unref(vm, N.excl);
close:
    lys_fn_close(&N.F);
release:
    for (size_t i = 0; i < n; i++) ly_unref(vm, lims[i]);
    return res;
}

/* ---- for NSum ---------------------------------------------------------------------------------------- */

typedef struct Plain { LysFn *F; } Plain;

static int plain_sampler(Quad *Q, const Piece *p, double t, double dlo, double dhi, cplx *out) {
    Plain *P = Q->ctx;
    double x, jac, end, off;
    t_to_x(p, t, dlo, dhi, &x, &jac, &end, &off);
    if (!lys_fn_value(P->F, P->F->f, &x, out)) return ly_unwinding(Q->vm) ? S_EXIT : S_NONNUM;
    *out *= jac;
    return S_OK;
}

bool lys_integrate(LysFn *F, double a, double b, double atol, double *out, double *err) {
    Plain P = { F };
    Quad Q;
    memset(&Q, 0, sizeof Q);
    Q.vm = F->vm;
    Q.f = plain_sampler;
    Q.ctx = &P;
    Q.method = M_ADAPTIVE;
    Q.rel = 1e-13;
    Q.abs = atol;
    Q.maxrec = 30;
    Piece p;
    piece_init(&p, fmin(a, b), fmax(a, b), a <= b ? 1 : -1);
    cplx r;
    if (adaptive(&Q, &p, 1, &r, err) != S_OK) return false;
    *out = creal(r);
    return true;
}

/* ---- arbitrary precision ------------------------------------------------------------------------------ */

/* WorkingPrecision -> p: the tanh-sinh rule evaluated in binary floating
 * point of p digits and guard bits (lys_bf.h), the integrand sampled at
 * arbitrary-precision points; each piece refined level by level (up to
 * MaxRecursion) and bisected when that does not converge.  The nodes of
 * the rule on [-1, 1] are computed once per level and scaled to each
 * piece; a node keeps its exact distance from the nearer end, so end-point
 * singularities cost nothing more. */

typedef struct HNode { LysBF dist, w; } HNode;     /* distance from the end / half-width; weight */
typedef struct HLevel { size_t n, cap; HNode *node; } HLevel;

typedef struct HP {
    LyVM *vm;
    LyExpr e;
    LysFn F;
    size_t n;
    LyExpr lims[LYS_MAXVARS];
    LyExpr excl;
    Kinks kinks[LYS_MAXVARS];
    LyExpr ea[LYS_MAXVARS], eb[LYS_MAXVARS];   /* the exact ends of the piece of each variable (borrowed) */
    LyExpr at[LYS_MAXVARS];     /* the point being sampled, as numbers */
    long wp;                    /* bits */
    double p;                   /* digits */
    long goal;                  /* refine to a relative error of 2^-goal */
    long mgoal;                 /* messages past 2^-mgoal */
    int maxlev, maxrec;
    HLevel lev[20];
    LysBF c0w;                  /* the weight of the centre, pi/2 */
    bool precw, nonnum, fail;
    int faildepth;
} HP;

static bool hp_level_nodes(HP *H, int l) {
    HLevel *L = &H->lev[l];
    if (L->node) return true;
    long wp = H->wp + 32;
    size_t cap = 16, n = 0;
    HNode *nd = ly_alloc(H->vm, cap * sizeof(HNode));
    if (!nd) return false;
    LysBF u, h, eu, emu, sh, ch, v, q, one, t, hpi;
    LysBF *all[] = { &u, &h, &eu, &emu, &sh, &ch, &v, &q, &one, &t, &hpi };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) lys_bf_init(all[i]);
    lys_bf_set_si(&one, 1);
    lys_bf_pi(&hpi, wp);
    hpi.e -= 1;
    bool ok = true;
    /* u = k h, k odd (level > 0) or every k >= 1 (level 0), out to where the
     * distance from the end drops below 2^-(3 wp) */
    for (long k = 1;; k += l ? 2 : 1) {
        lys_bf_set_si(&u, k);
        u.e -= l;
        if (!lys_bf_exp(&eu, &u, wp)) break;
        lys_bf_div(&emu, &one, &eu, wp);
        lys_bf_sub(&sh, &eu, &emu, wp); sh.e -= 1;
        lys_bf_add(&ch, &eu, &emu, wp); ch.e -= 1;
        lys_bf_mul(&v, &hpi, &sh, wp);              /* v = pi/2 sinh u */
        lys_bf_set(&t, &v);
        t.e += 1;
        lys_bf_neg(&t, &t);
        if (lys_bf_mag(&v) > 40 || !lys_bf_exp(&q, &t, wp)) break;     /* q = e^-2v */
        if (n == cap) {
            HNode *nn = ly_realloc(H->vm, nd, cap * sizeof(HNode), 2 * cap * sizeof(HNode));
            if (!nn) { ok = false; break; }
            nd = nn;
            cap *= 2;
        }
        lys_bf_init(&nd[n].dist); lys_bf_init(&nd[n].w);
        lys_bf_add(&t, &one, &q, wp);               /* 1 + q */
        lys_bf_div(&nd[n].dist, &q, &t, wp);
        nd[n].dist.e += 1;                          /* 2q/(1 + q) */
        lys_bf_mul(&v, &t, &t, wp);
        lys_bf_div(&v, &q, &v, wp);
        v.e += 2;                                   /* 4q/(1 + q)^2 */
        lys_bf_mul(&v, &v, &ch, wp);
        lys_bf_mul(&nd[n].w, &v, &hpi, wp);         /* pi/2 cosh u 4q/(1 + q)^2 */
        n++;
        if (lys_bf_mag(&nd[n - 1].dist) < -3 * H->wp || n > 100000) break;
    }
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) lys_bf_clear(all[i]);
    L->node = nd;
    L->n = n;
    L->cap = cap;
    return ok;
}

static void hp_free(HP *H) {
    for (int l = 0; l < 20; l++) {
        HLevel *L = &H->lev[l];
        for (size_t i = 0; i < L->n; i++) { lys_bf_clear(&L->node[i].dist); lys_bf_clear(&L->node[i].w); }
        if (L->node) ly_dealloc(H->vm, L->node, L->cap * sizeof(HNode));
    }
}

/* a real number as a LysBF; a machine real says (once) that the function
 * has no arbitrary-precision value there (General::precw) */
static bool hp_real(HP *H, LyExpr v, LysBF *out) {
    LyVM *vm = H->vm;
    if (ly_is_bigreal(v)) { lys_bf_from_expr(v, out, NULL); return true; }
    if (ly_is_integer(v)) { ly_int_get_mpz(v, out->m); out->e = 0; return true; }
    if (ly_type(v) == LY_TRAT) {
        mpq_t q;
        lys_mpq_get(q, v);
        lys_bf_set_q(out, q, H->wp);
        mpq_clear(q);
        return true;
    }
    if (!ly_is_real(v) || !isfinite(ly_realv(v))) return false;
    if (!H->precw) {
        H->precw = true;
        ly_set_message(vm, "General", "precw",
                       "The precision of the argument function (`1`) is less than WorkingPrecision (`2`).");
        LyExpr pr = ly_mkreal(vm, H->p);
        if (pr) ly_message(vm, ly_nhead(H->e), "precw", 2, H->F.f, pr);
        ly_unref(vm, pr);
    }
    lys_bf_set_d(out, ly_realv(v));
    return true;
}

/* the value of a sample as re + I im; false when it is no number */
static bool hp_value(HP *H, LyExpr v, LysBF *re, LysBF *im) {
    if (ly_type(v) == LY_TCOMPLEX) {
        LyComplex *c = (LyComplex *)v;
        return hp_real(H, c->re, re) && hp_real(H, c->im, im);
    }
    lys_bf_set_si(im, 0);
    if (hp_real(H, v, re)) return true;
    /* an exact numeric expression (Sqrt[2]): N of it */
    bool declined;
    LyExpr pr = ly_mkreal(H->vm, H->p + 10);
    LyExpr n = pr && lys_numericq(H->vm, v) ? lys_n_precision(H->vm, v, pr, &declined) : NULL;
    ly_unref(H->vm, pr);
    bool ok = n && (ly_is_bigreal(n) || ly_is_integer(n) || ly_type(n) == LY_TRAT || ly_is_real(n) ||
                    ly_type(n) == LY_TCOMPLEX) && hp_value(H, n, re, im);
    ly_unref(H->vm, n);
    return ok;
}

static int hp_integrate(HP *H, size_t k, LysBF *re, LysBF *im);

/* the integrand (times dx/dt) at t of piece (map, a, b), t at distance d
 * (in t) from its lower (side 0) or upper end (side 1) in t: a and b when
 * finite, 0 or -1 and 1 when mapped */
static int hp_sample(HP *H, size_t k, int map, const LysBF *a, const LysBF *b, const LysBF *d, int side,
                     LysBF *re, LysBF *im) {
    LyVM *vm = H->vm;
    long wp = H->wp + 16;
    LysBF x, jac, s, one, t;
    lys_bf_init(&x); lys_bf_init(&jac); lys_bf_init(&s); lys_bf_init(&one); lys_bf_init(&t);
    lys_bf_set_si(&one, 1);
    lys_bf_set_si(&jac, 1);
    int st = S_OK;
    switch (map) {
    case MAP_FINITE:
        if (side) lys_bf_sub(&x, b, d, wp); else lys_bf_add(&x, a, d, wp);
        break;
    case MAP_UP:        /* x = a + t/(1 - t), t in [0, 1] */
        if (side) { lys_bf_sub(&s, &one, d, wp); lys_bf_div(&t, &s, d, wp); lys_bf_mul(&jac, d, d, wp); }
        else { lys_bf_sub(&s, &one, d, wp); lys_bf_div(&t, d, &s, wp); lys_bf_mul(&jac, &s, &s, wp); }
        lys_bf_add(&x, a, &t, wp);
        lys_bf_div(&jac, &one, &jac, wp);
        break;
    case MAP_DOWN:      /* x = b - (1 - t)/t */
        if (side) { lys_bf_sub(&s, &one, d, wp); lys_bf_div(&t, d, &s, wp); lys_bf_mul(&jac, &s, &s, wp); }
        else { lys_bf_sub(&s, &one, d, wp); lys_bf_div(&t, &s, d, wp); lys_bf_mul(&jac, d, d, wp); }
        lys_bf_sub(&x, b, &t, wp);
        lys_bf_div(&jac, &one, &jac, wp);
        break;
    default: {          /* x = t/(1 - t^2), t in [-1, 1] */
        LysBF u2;
        lys_bf_init(&u2);
        lys_bf_set_si(&u2, 2);
        lys_bf_sub(&u2, &u2, d, wp);
        lys_bf_mul(&s, d, &u2, wp);                     /* 1 - t^2 = d (2 - d) */
        lys_bf_sub(&t, &one, d, wp);                    /* |t| */
        if (!side) lys_bf_neg(&t, &t);
        lys_bf_div(&x, &t, &s, wp);
        lys_bf_mul(&u2, &t, &t, wp);
        lys_bf_add(&u2, &u2, &one, wp);
        lys_bf_mul(&s, &s, &s, wp);
        lys_bf_div(&jac, &u2, &s, wp);
        lys_bf_clear(&u2);
        break;
    }
    }
    /* the point as a number of enough digits: near a finite end x = end +- d
     * keeps d's digits (1 - x^2 at x = 1 - 10^-100) */
    long extra = 0;
    const LysBF *end = map == MAP_FINITE ? (side ? b : a) : map == MAP_UP && !side ? a : map == MAP_DOWN && side ? b : NULL;
    if (end && lys_bf_sgn(end) && lys_bf_sgn(d) && lys_bf_mag(end) > lys_bf_mag(d)) extra = lys_bf_mag(end) - lys_bf_mag(d);
    long ewp = H->wp + extra + 16;
    LyExpr exact = end ? (end == a ? H->ea[k] : H->eb[k]) : NULL;
    if (extra || (exact && end)) {
        /* x = end + off again without rounding d away */
        if (map == MAP_FINITE) lys_bf_set(&t, d);
        else { lys_bf_sub(&s, &one, d, ewp); lys_bf_div(&t, d, &s, ewp); }
        if (end == b) lys_bf_neg(&t, &t);
        lys_bf_add(&x, end, &t, ewp);
    }
    bool far = map != MAP_FINITE && lys_bf_mag(&x) > 20;
    LyExpr xe;
    if (exact && end) {
        /* an end that is not a binary fraction (1/3, Pi): x = end + off
         * from its exact value, so that x stays on the right side of it */
        LyExpr off = lys_bf_to_expr(vm, &t, (double)ewp / LOG2_10);
        xe = off ? lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, ref(exact), off)) : NULL;
        if (xe && !ly_is_bigreal(xe)) { ly_unref(vm, xe); xe = lys_bf_to_expr(vm, &x, (double)ewp / LOG2_10); }
    } else xe = lys_bf_to_expr(vm, &x, (double)ewp / LOG2_10);
    if (!xe) { st = S_EXIT; goto done; }
    ly_unref(vm, H->at[k]);
    H->at[k] = xe;
    if (k + 1 < H->n) st = hp_integrate(H, k + 1, re, im);
    else {
        /* straight in binary floating point when the integrand is made of
         * what that evaluates (no significance arithmetic to lose digits
         * on cancellation), else by the evaluator */
        LyExpr sub = ly_substitute(vm, H->F.f, H->n, H->F.vars, H->at);
        if (!sub) { st = S_EXIT; goto done; }
        bool fast = lys_bf_eval(vm, sub, ewp, re);
        ly_unref(vm, sub);
        if (H->F.monitor) {
            LyExpr m = lys_fn_eval(&H->F, H->F.monitor, H->at);
            if (!m) { st = S_EXIT; goto done; }
            ly_unref(vm, m);
        }
        if (fast) lys_bf_set_si(im, 0);
        else {
            /* far out in an infinite range (|x| > 10^6) a value that does not
             * come out in arbitrary precision (E^-x^2 past the exponent
             * range) is taken as negligible, quietly */
            int q = far ? ly_set_quiet(vm, ly_set_quiet(vm, 0) + 1) : 0;
            LyExpr v = lys_fn_eval(&H->F, H->F.f, H->at);
            if (far) ly_set_quiet(vm, q);
            if (!v) { st = S_EXIT; goto done; }
            if (far && !ly_is_bigreal(v) && !(ly_is_number(v) && ly_is_exact(v))) {
                lys_bf_set_si(re, 0);
                lys_bf_set_si(im, 0);
            } else if (!hp_value(H, v, re, im)) {
                if (ly_is_symbol(v, "ComplexInfinity") || ly_is_symbol(v, "Indeterminate") ||
                    ly_head_is(v, LY_SYM(DirectedInfinity)))
                    { lys_bf_set_si(re, 0); lys_bf_set_si(im, 0); }
                else st = S_NONNUM;
            }
            ly_unref(vm, v);
        }
    }
    if (st == S_OK) { lys_bf_mul(re, re, &jac, wp); lys_bf_mul(im, im, &jac, wp); }
done:
    lys_bf_clear(&x); lys_bf_clear(&jac); lys_bf_clear(&s); lys_bf_clear(&one); lys_bf_clear(&t);
    return st;
}

/* the tanh-sinh rule on [lo, hi], part of the piece [tlo, thi] in t;
 * *conv: whether two levels agreed well enough for the goal */
static int hp_de(HP *H, size_t k, int map, const LysBF *a, const LysBF *b, const LysBF *tlo, const LysBF *thi,
                 const LysBF *lo, const LysBF *hi, LysBF *re, LysBF *im, bool *conv) {
    long wp = H->wp + 16;
    int st = S_OK;
    LysBF hw, d, fr, fi, sr, si, pr, pi_, dd, tmp, ar, ai;
    LysBF *all[] = { &hw, &d, &fr, &fi, &sr, &si, &pr, &pi_, &dd, &tmp, &ar, &ai };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) lys_bf_init(all[i]);
    *conv = false;
    lys_bf_sub(&hw, hi, lo, wp);
    hw.e -= 1;
    bool sublo = lys_bf_cmp(lo, tlo) != 0, subhi = lys_bf_cmp(hi, thi) != 0;
    /* the distance of lo + d (side 0) or hi - d (side 1) from the piece's
     * end on that side: d itself at the piece's own ends */
#define HP_DIST(D, SIDE)                                                        \
    do {                                                                        \
        if ((SIDE) == 0) {                                                      \
            if (sublo) { lys_bf_add(&dd, lo, (D), wp); lys_bf_sub(&dd, &dd, tlo, wp); } \
            else lys_bf_set(&dd, (D));                                          \
        } else {                                                                \
            if (subhi) { lys_bf_sub(&dd, hi, (D), wp); lys_bf_sub(&dd, thi, &dd, wp); } \
            else lys_bf_set(&dd, (D));                                          \
        }                                                                       \
    } while (0)
    HP_DIST(&hw, 0);
    st = hp_sample(H, k, map, a, b, &dd, 0, &fr, &fi);
    if (st != S_OK) goto out;
    lys_bf_mul(&sr, &fr, &H->c0w, wp);
    lys_bf_mul(&si, &fi, &H->c0w, wp);
    *conv = false;
    long rel_prev = 0;
    for (int l = 0; l <= H->maxlev && l < 20; l++) {
        if (!hp_level_nodes(H, l)) { st = S_EXIT; goto out; }
        HLevel *L = &H->lev[l];
        lys_bf_set_si(&ar, 0);
        lys_bf_set_si(&ai, 0);
        for (size_t i = 0; i < L->n && st == S_OK; i++) {
            lys_bf_mul(&d, &L->node[i].dist, &hw, wp);
            for (int side = 0; side < 2 && st == S_OK; side++) {
                HP_DIST(&d, side);
                st = hp_sample(H, k, map, a, b, &dd, side, &fr, &fi);
                if (st != S_OK) break;
                lys_bf_mul(&fr, &fr, &L->node[i].w, wp);
                lys_bf_mul(&fi, &fi, &L->node[i].w, wp);
                lys_bf_add(&ar, &ar, &fr, wp);
                lys_bf_add(&ai, &ai, &fi, wp);
            }
            if (st == S_OK && !ly_safe_point(H->vm)) st = S_EXIT;
        }
        if (st != S_OK) goto out;
        lys_bf_set(&pr, &sr);
        lys_bf_set(&pi_, &si);
        /* S_l = S_{l-1}/2 + h sum(new), h = 2^-l (level 0: h = 1) */
        if (l > 0) { sr.e -= 1; si.e -= 1; ar.e -= l; ai.e -= l; }
        lys_bf_add(&sr, &sr, &ar, wp);
        lys_bf_add(&si, &si, &ai, wp);
        if (l < 2) continue;
        /* bits in which the last two levels agree, relative to the result;
         * the new level is good to about twice as many */
        lys_bf_sub(&tmp, &sr, &pr, wp);
        long m1 = lys_bf_mag(&tmp), ms = lys_bf_mag(&sr);
        lys_bf_sub(&tmp, &si, &pi_, wp);
        if (lys_bf_mag(&tmp) > m1) m1 = lys_bf_mag(&tmp);
        if (lys_bf_mag(&si) > ms) ms = lys_bf_mag(&si);
        long rel = ms - m1;
        if ((lys_bf_sgn(&sr) == 0 && lys_bf_sgn(&si) == 0) || m1 < ms - H->wp) rel = H->goal;
        if (rel >= H->goal || (rel_prev > 8 && rel > rel_prev && rel + (rel - rel_prev) >= H->goal + 8)) {
            *conv = true;
            break;
        }
        rel_prev = rel;
    }
#undef HP_DIST
    lys_bf_mul(re, &sr, &hw, wp);
    lys_bf_mul(im, &si, &hw, wp);
out:
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) lys_bf_clear(all[i]);
    return st;
}

/* the integral over [lo, hi] of the piece [tlo, thi], bisected when the
 * rule does not converge (up to MaxRecursion deep) */
static int hp_piece(HP *H, size_t k, int map, const LysBF *a, const LysBF *b, const LysBF *tlo, const LysBF *thi,
                    const LysBF *lo, const LysBF *hi, int depth, LysBF *re, LysBF *im) {
    bool conv;
    int st = hp_de(H, k, map, a, b, tlo, thi, lo, hi, re, im, &conv);
    if (st != S_OK || conv) return st;
    if (depth >= H->maxrec) {
        if (!H->fail) { H->fail = true; H->faildepth = depth; }
        return st;
    }
    LysBF m, r2, i2;
    lys_bf_init(&m); lys_bf_init(&r2); lys_bf_init(&i2);
    lys_bf_add(&m, lo, hi, H->wp + 16);
    m.e -= 1;
    st = hp_piece(H, k, map, a, b, tlo, thi, lo, &m, depth + 1, re, im);
    if (st == S_OK) st = hp_piece(H, k, map, a, b, tlo, thi, &m, hi, depth + 1, &r2, &i2);
    if (st == S_OK) { lys_bf_add(re, re, &r2, H->wp + 16); lys_bf_add(im, im, &i2, H->wp + 16); }
    lys_bf_clear(&m); lys_bf_clear(&r2); lys_bf_clear(&i2);
    return st;
}

/* a limit or cut point in binary floating point; *inf: +-1 for infinities */
static bool hp_number(HP *H, LyExpr v, LysBF *out, int *inf) {
    LyVM *vm = H->vm;
    *inf = lys_infinity_sign(v);
    if (v == LY_SYM(Infinity)) *inf = 1;
    if (*inf) return true;
    if (ly_is_integer(v)) { ly_int_get_mpz(v, out->m); out->e = 0; return true; }
    bool declined;
    LyExpr pr = ly_mkreal(vm, H->p + 20);
    LyExpr n = pr ? lys_n_precision(vm, v, pr, &declined) : NULL;
    ly_unref(vm, pr);
    if (!n) return false;
    bool ok = true;
    if (ly_is_bigreal(n)) lys_bf_from_expr(n, out, NULL);
    else if (ly_is_integer(n)) { ly_int_get_mpz(n, out->m); out->e = 0; }
    else if (ly_is_real(n) && isfinite(ly_realv(n))) lys_bf_set_d(out, ly_realv(n));
    else ok = false;
    ly_unref(vm, n);
    return ok;
}

/* variable k at the outer point H->at: its pieces, each by hp_piece */
static int hp_integrate(HP *H, size_t k, LysBF *re, LysBF *im) {
    LyVM *vm = H->vm;
    enum { MAXC = 64 };
    long wp = H->wp + 16;
    LyExpr lv = k ? lys_fn_eval(&H->F, H->lims[k], H->at) : ly_evaluate(vm, H->lims[k]), kept = NULL;
    if (!lv) return S_EXIT;
    int st = S_OK;
    size_t nl = ly_head_is(lv, LY_SYM(List)) ? ly_nlen(lv) : 0;
    if (nl < 2 || nl > MAXC) { ly_unref(vm, lv); return S_LIMIT; }
    LysBF lim[MAXC], cut[MAXC];
    LyExpr limx[MAXC], cutx[MAXC];
    int linf[MAXC];
    size_t nc = 0;
    for (size_t i = 0; i < nl; i++) lys_bf_init(&lim[i]);
    for (size_t i = 0; i < MAXC; i++) lys_bf_init(&cut[i]);
    for (size_t i = 0; i < nl; i++) limx[i] = exact_value(ly_narg(lv, i + 1)) ? ly_narg(lv, i + 1) : NULL;
    for (size_t i = 0; i < nl && st == S_OK; i++)
        if (!hp_number(H, ly_narg(lv, i + 1), &lim[i], &linf[i])) {
            if (ly_unwinding(vm)) { st = S_EXIT; break; }
            ly_set_message(vm, "NIntegrate", "nlim", "`1` = `2` is not a valid limit of integration.");
            ly_message(vm, ly_nhead(H->e), "nlim", 2, H->F.vars[k], ly_narg(lv, i + 1));
            st = S_LIMIT;
        }
    /* exclusions that are numbers (or var == c) */
    if (st == S_OK && H->excl) {
        LyExpr ex = H->excl;
        size_t m = ly_head_is(ex, LY_SYM(List)) ? ly_nlen(ex) : 1;
        for (size_t i = 1; i <= m && nc < MAXC; i++) {
            LyExpr x = ly_head_is(ex, LY_SYM(List)) ? ly_narg(ex, i) : ex;
            if (ly_head_is(x, LY_SYM(Equal)) && ly_nlen(x) == 2) {
                if (ly_narg(x, 1) == H->F.vars[k]) x = ly_narg(x, 2);
                else if (ly_narg(x, 2) == H->F.vars[k]) x = ly_narg(x, 1);
                else continue;
            }
            int inf;
            cutx[nc] = exact_value(x) ? x : NULL;
            if (hp_number(H, x, &cut[nc], &inf) && !inf) nc++;
            else if (ly_unwinding(vm)) st = S_EXIT;
        }
    }
    /* the kinks (zeros of the arguments of Abs, ...) at the outer point */
    if (st == S_OK && H->kinks[k].pts) {
        LyExpr kv = lys_fn_eval(&H->F, H->kinks[k].pts, H->at);
        for (size_t i = 1; kv && ly_head_is(kv, LY_SYM(List)) && i <= ly_nlen(kv) && nc < MAXC; i++) {
            int inf;
            cutx[nc] = exact_value(ly_narg(kv, i)) ? ly_narg(kv, i) : NULL;
            if (hp_number(H, ly_narg(kv, i), &cut[nc], &inf) && !inf) nc++;
        }
        if (!kv || ly_unwinding(vm)) st = S_EXIT;
        kept = kv;
    }
    /* sort the cuts with their exact forms */
    for (size_t i = 1; i < nc; i++)
        for (size_t j = i; j > 0 && lys_bf_cmp(&cut[j - 1], &cut[j]) > 0; j--) {
            mpz_swap(cut[j - 1].m, cut[j].m);
            long te = cut[j - 1].e; cut[j - 1].e = cut[j].e; cut[j].e = te;
            LyExpr tx = cutx[j - 1]; cutx[j - 1] = cutx[j]; cutx[j] = tx;
        }
    lys_bf_set_si(re, 0);
    lys_bf_set_si(im, 0);
    LysBF pr, pi_, a, b, lo, hi;
    lys_bf_init(&pr); lys_bf_init(&pi_); lys_bf_init(&a); lys_bf_init(&b); lys_bf_init(&lo); lys_bf_init(&hi);
    for (size_t i = 0; st == S_OK && i + 1 < nl; i++) {
        int ia = linf[i], ib = linf[i + 1], sign = 1;
        LysBF *A = &lim[i], *B = &lim[i + 1];
        LyExpr AX = limx[i], BX = limx[i + 1];
        if (ia == ib && ia) continue;
        /* backwards: -(B..A) */
        if (ia > ib || (!ia && !ib && lys_bf_cmp(A, B) > 0)) {
            LysBF *T = A; A = B; B = T;
            LyExpr TX = AX; AX = BX; BX = TX;
            int t = ia; ia = ib; ib = t;
            sign = -1;
        }
        if (!ia && !ib && !lys_bf_cmp(A, B)) continue;
        /* the finite stretch cut at the exclusions; infinite ends mapped */
        LysBF *from = A;
        LyExpr fromx = AX;
        int finf = ia;
        for (size_t j = 0; j <= nc && st == S_OK; j++) {
            bool last = j == nc;
            LysBF *to = last ? B : &cut[j];
            LyExpr tox = last ? BX : cutx[j];
            int tinf = last ? ib : 0;
            if (!last && ((!finf && lys_bf_cmp(to, from) <= 0) || (!ib && lys_bf_cmp(to, B) >= 0))) continue;
            int map = !finf && !tinf ? MAP_FINITE : !finf ? MAP_UP : !tinf ? MAP_DOWN : MAP_BOTH;
            if (map == MAP_FINITE) { lys_bf_set(&a, from); lys_bf_set(&b, to); lys_bf_set(&lo, from); lys_bf_set(&hi, to); }
            else {
                lys_bf_set(&a, from); lys_bf_set(&b, to);
                lys_bf_set_si(&lo, map == MAP_BOTH ? -1 : 0);
                lys_bf_set_si(&hi, 1);
            }
            H->ea[k] = finf ? NULL : fromx;
            H->eb[k] = tinf ? NULL : tox;
            st = hp_piece(H, k, map, &a, &b, &lo, &hi, &lo, &hi, 0, &pr, &pi_);
            if (st == S_OK) {
                if (sign < 0) { lys_bf_neg(&pr, &pr); lys_bf_neg(&pi_, &pi_); }
                lys_bf_add(re, re, &pr, wp);
                lys_bf_add(im, im, &pi_, wp);
            }
            from = to;
            fromx = tox;
            finf = tinf;
        }
    }
    ly_unref(vm, kept);
    lys_bf_clear(&pr); lys_bf_clear(&pi_); lys_bf_clear(&a); lys_bf_clear(&b); lys_bf_clear(&lo); lys_bf_clear(&hi);
    for (size_t i = 0; i < nl; i++) lys_bf_clear(&lim[i]);
    for (size_t i = 0; i < MAXC; i++) lys_bf_clear(&cut[i]);
    ly_unref(vm, lv);
    if (st == S_NONNUM) H->nonnum = true;
    return st;
}

static LyExpr nintegrate_hp(LyVM *vm, LyExpr e, size_t n, LyExpr f, const LyExpr *vars, const Quad *Q, double wp,
                            LyExpr mon, LyExpr excl_held) {
    if (Q->method == M_TRAP) {
        ly_set_message(vm, "NIntegrate", "wprec", "Method -> \"Trapezoidal\" works at machine precision only; WorkingPrecision -> `1` needs Automatic or \"DoubleExponential\".");
        LyExpr w = ly_mkreal(vm, wp);
        if (w) ly_message(vm, ly_nhead(e), "wprec", 1, w);
        ly_unref(vm, w);
        return NULL;
    }
    HP *H = ly_alloc(vm, sizeof(HP));
    if (!H) return NULL;
    memset(H, 0, sizeof *H);
    H->vm = vm;
    H->e = e;
    H->n = n;
    H->p = wp;
    H->wp = (long)ceil(wp * LOG2_10) + 32;
    /* refine to nearly the working precision; complain below the goal
     * Wolfram sets (10 digits less than the working precision) or the
     * user's */
    H->goal = (long)((wp - 2) * LOG2_10);
    double pg = Q->mrel > 0 ? -log10(Q->mrel) : wp - 10;
    if (Q->mrel == pow(10, -(wp / 2))) pg = wp - 10;
    H->mgoal = (long)(fmax(pg, 1) * LOG2_10);
    if (Q->rel > 0 && Q->rel != pow(10, -(wp - 2)) && -log10(Q->rel) < wp - 2) H->goal = (long)(-log10(Q->rel) * LOG2_10) + 4;
    H->maxlev = 12;
    H->maxrec = Q->maxrec > 12 ? 12 : Q->maxrec;
    lys_bf_init(&H->c0w);
    lys_bf_pi(&H->c0w, H->wp + 32);
    H->c0w.e -= 1;
    LyExpr res = NULL;
    size_t i;
    for (i = 0; i < n; i++) H->lims[i] = NULL;
    for (i = 0; i < n; i++) {
        LyExpr s = ly_narg(e, i + 2);
        H->lims[i] = ly_mknormal(vm, LY_SYM(List), ly_nlen(s) - 1);
        if (!H->lims[i]) goto release;
        for (size_t j = 2; j <= ly_nlen(s); j++) ly_nset(H->lims[i], j - 1, ref(ly_narg(s, j)));
    }
    if (!lys_fn_open(vm, &H->F, f, n, vars, mon)) goto release;
    if (excl_held) {
        H->excl = lys_fn_eval(&H->F, excl_held, H->at);
        if (!H->excl) goto close;
    }
    for (i = 0; i < n; i++)
        if (!find_kinks(vm, H->F.f, vars[i], &H->kinks[i])) goto kinks;
    LysBF re, im;
    lys_bf_init(&re); lys_bf_init(&im);
    int st = hp_integrate(H, 0, &re, &im);
    if (st == S_OK && H->nonnum) st = S_NONNUM;
    if (st == S_NONNUM) {
        LyExpr bounds = ly_mknormal(vm, LY_SYM(List), n);
        for (size_t j = 0; bounds && j < n; j++) ly_nset(bounds, j + 1, ref(H->lims[j]));
        if (bounds) ly_message(vm, ly_nhead(e), "inumr", 2, H->F.f, bounds);
        ly_unref(vm, bounds);
    } else if (st == S_OK) {
        LyExpr r = lys_bf_to_expr(vm, &re, H->p);
        LyExpr ii = lys_bf_sgn(&im) ? lys_bf_to_expr(vm, &im, H->p) : NULL;
        if (r && ii) res = ly_mkcomplex(vm, r, ii);
        else { res = r; ly_unref(vm, ii); }
        if (res && H->fail) {
            LyExpr reg = ly_mk(vm, LY_SYM(List), 1, ref(H->lims[n - 1]));
            LyExpr ee = ly_mkreal(vm, 0);
            if (reg && ee) ly_message(vm, ly_nhead(e), "ncvi", 5, ly_mksmall(H->maxlev), H->F.vars[n - 1], reg, res, ee);
            ly_unref(vm, reg); ly_unref(vm, ee);
        }
    }
    lys_bf_clear(&re); lys_bf_clear(&im);
kinks:
    for (i = 0; i < n; i++) { ly_unref(vm, H->kinks[i].pts); ly_unref(vm, H->kinks[i].steps); }
    ly_unref(vm, H->excl);
close:
    for (i = 0; i < n; i++) ly_unref(vm, H->at[i]);
    lys_fn_close(&H->F);
release:
    for (i = 0; i < n; i++) ly_unref(vm, H->lims[i]);
    hp_free(H);
    lys_bf_clear(&H->c0w);
    ly_dealloc(vm, H, sizeof(HP));
    return res;
}

static const LyBuiltin nintegrate_builtins[] = {
    { "NIntegrate", b_nintegrate, "HoldAll Protected",
      "NIntegrate[f, {x, xmin, xmax}] gives a numerical approximation to the integral of f over x from xmin to xmax.\n"
      "NIntegrate[f, {x, x0, x1, ..., xk}] integrates from x0 to xk, checking for singularities at the intermediate points.\n"
      "NIntegrate[f, {x, xmin, xmax}, {y, ymin, ymax}, ...] gives a numerical approximation to the multiple integral." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_nintegrate(LyVM *vm);
LyStatus lys_open_nintegrate(LyVM *vm) {
    LyStatus st = ly_register_table(vm, nintegrate_builtins);
    if (st == LY_OK)
        st = lys_default_options(vm, "NIntegrate",
                                 "{AccuracyGoal -> Infinity, Compiled -> Automatic, EvaluationMonitor -> None, "
                                 "Exclusions -> None, MaxPoints -> Automatic, MaxRecursion -> Automatic, "
                                 "Method -> Automatic, MinRecursion -> 0, PrecisionGoal -> Automatic, "
                                 "WorkingPrecision -> MachinePrecision}");
    return st;
}
