/*
 * numfn.c — special functions and number functions: Gamma, LogGamma, Beta,
 * Pochhammer, Erf, Erfc, Zeta, BernoulliB, HarmonicNumber, KroneckerDelta,
 * UnitStep, Ramp, HeavisideTheta, Unitize, Piecewise, Surd, CubeRoot,
 * DirectedInfinity, Rationalize, RealDigits, ContinuedFraction,
 * IntegerPartitions, PartitionsP, StirlingS1, StirlingS2, BellB, LucasL,
 * JacobiSymbol, MultiplicativeOrder, PrimitiveRoot, CarmichaelLambda,
 * PrimeNu, PrimeOmega, BitCount.  Written against lyra.h + lyra_ext.h.
 *
 * Exact arguments give exact special values where Wolfram does (Gamma[5]
 * -> 24, Gamma[1/2] -> Sqrt[Pi], Zeta[2] -> Pi^2/6, Erf[0] -> 0) and stay
 * unevaluated otherwise; machine arguments give machine values.
 */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lys_data.h"
#undef I

static LyExpr ref(LyExpr e) { ly_ref(e); return e; }
static LyExpr eval_steal(LyVM *vm, LyExpr e) { return lys_eval_steal(vm, e); }
static bool is_mreal(LyExpr x) { return ly_is_real(x); }
static bool is_int(LyExpr x) { return ly_is_integer(x); }
static bool is_exact_real(LyExpr x) { return ly_is_integer(x) || ly_type(x) == LY_TRAT; }

/* ---- Gamma and friends ----------------------------------------------------------------------- */

static LyExpr factorial_of(LyVM *vm, LyExpr n) {
    return lys_apply_eval(vm, ly_symbol(vm, "Factorial"), 1, &n);
}

static LyExpr gamma_exact(LyVM *vm, LyExpr x) {
    if (is_int(x)) {
        if (ly_num_sign(x) <= 0) return LY_SYM(ComplexInfinity);
        LyExpr m = ly_num_add(vm, x, ly_mksmall(-1));
        LyExpr r = m ? factorial_of(vm, m) : NULL;
        ly_unref(vm, m);
        return r;
    }
    if (ly_type(x) == LY_TRAT && ly_is_small(((LyRational *)x)->den) && ly_small(((LyRational *)x)->den) == 2 &&
        ly_is_small(((LyRational *)x)->num)) {
        /* Gamma[n + 1/2] = (2n)!/(4^n n!) Sqrt[Pi], and the reflection for negative n */
        int64_t k = ly_small(((LyRational *)x)->num);      /* x = k/2, k odd */
        int64_t n = (k - 1) / 2;
        if (k < 0) n = (k - 1) / 2;
        mpq_t q;
        mpq_init(q);
        mpq_set_ui(q, 1, 1);
        if (n >= 0) {
            for (int64_t i = 1; i <= n; i++) { mpq_t t; mpq_init(t); mpq_set_si(t, 2 * i - 1, 2); mpq_mul(q, q, t); mpq_clear(t); }
        } else {
            /* Gamma[x] = Gamma[x + 1]/x for x = -1/2, -3/2, ... */
            for (int64_t i = 0; i > n; i--) {
                mpq_t t; mpq_init(t);
                mpq_set_si(t, -2, (unsigned long)(1 - 2 * i));
                mpq_canonicalize(t);
                mpq_mul(q, q, t);
                mpq_clear(t);
            }
        }
        LyExpr c = lys_from_mpq(vm, q);
        mpq_clear(q);
        if (!c) return NULL;
        return eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, c, ly_mk(vm, LY_SYM(Power), 2, LY_SYM(Pi), ly_rational(vm, 1, 2))));
    }
    return NULL;
}

static LyExpr b_gamma(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_nlen(e) >= 2) return lys_gamma_incomplete(vm, e);    /* incgamma.c */
    if (is_mreal(x)) {
        double v = ly_realv(x);
        if (v <= 0 && v == floor(v)) return LY_SYM(ComplexInfinity);
        double g = tgamma(v);
        if (isinf(g) && v > 0) {
            LyExpr r = lys_machine_gamma(vm, v);
            if (r || ly_unwinding(vm)) return r;
        }
        return ly_real_result(vm, g);
    }
    if (lys_infinity_sign(x) > 0) return ref(x);
    return gamma_exact(vm, x);
}

static LyExpr b_loggamma(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (is_mreal(x) && ly_realv(x) > 0) return ly_mkreal(vm, lgamma(ly_realv(x)));
    if (is_int(x) && ly_num_sign(x) > 0) {
        LyExpr g = gamma_exact(vm, x);
        return g ? eval_steal(vm, ly_mk(vm, ly_symbol(vm, "Log"), 1, g)) : NULL;
    }
    return NULL;
}

static LyExpr b_beta(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr a = ly_narg(e, 1), b = ly_narg(e, 2);
    if (!ly_is_number(a) || !ly_is_number(b)) return NULL;
    if (is_mreal(a) || is_mreal(b)) {
        double x = ly_num_to_double(a), y = ly_num_to_double(b);
        return ly_mkreal(vm, exp(lgamma(x) + lgamma(y) - lgamma(x + y)) *
                                 (tgamma(x) < 0 ? -1 : 1) * (tgamma(y) < 0 ? -1 : 1) * (tgamma(x + y) < 0 ? -1 : 1));
    }
    LyExpr ga = gamma_exact(vm, a), gb = gamma_exact(vm, b);
    LyExpr s = ly_num_add(vm, a, b);
    LyExpr gs = s ? gamma_exact(vm, s) : NULL;
    ly_unref(vm, s);
    if (!ga || !gb || !gs) { ly_unref(vm, ga); ly_unref(vm, gb); ly_unref(vm, gs); return NULL; }
    return eval_steal(vm, ly_mk(vm, LY_SYM(Times), 3, ga, gb, ly_mk(vm, LY_SYM(Power), 2, gs, ly_mksmall(-1))));
}

static LyExpr b_pochhammer(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr a = ly_narg(e, 1), n = ly_narg(e, 2);
    if (ly_is_small(n) && ly_small(n) >= 0 && ly_small(n) <= 100000 && ly_is_number(a)) {
        LyExpr acc = ly_mksmall(1);
        for (int64_t k = 0; acc && k < ly_small(n); k++) {
            LyExpr t = ly_num_add(vm, a, ly_mksmall(k));
            LyExpr p = t ? ly_num_mul(vm, acc, t) : NULL;
            ly_unref(vm, t); ly_unref(vm, acc);
            acc = p;
            if (k % 1024 == 0 && !ly_safe_point(vm)) { ly_unref(vm, acc); return NULL; }
        }
        return acc;
    }
    if (is_mreal(a) || is_mreal(n)) {
        if (!ly_is_number(a) || !ly_is_number(n)) return NULL;
        double x = ly_num_to_double(a), y = ly_num_to_double(n);
        return ly_mkreal(vm, tgamma(x + y) / tgamma(x));
    }
    return NULL;
}

static LyExpr b_erf(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (is_mreal(x)) return ly_mkreal(vm, erf(ly_realv(x)));
    if (ly_is_small(x) && ly_small(x) == 0) return ly_mksmall(0);
    int s = lys_infinity_sign(x);
    if (s) return ly_mksmall(s);
    return NULL;
}

static LyExpr b_erfc(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (is_mreal(x)) return ly_mkreal(vm, erfc(ly_realv(x)));
    if (ly_is_small(x) && ly_small(x) == 0) return ly_mksmall(1);
    int s = lys_infinity_sign(x);
    if (s) return ly_mksmall(s > 0 ? 0 : 2);
    return NULL;
}

/* erf^-1(x) for |x| < 1: Giles' single-precision approximation refined by
 * Newton steps on erf. */
static double inverse_erf(double x) {
    double w = -log((1.0 - x) * (1.0 + x)), p;
    if (w < 5.0) {
        w -= 2.5;
        p = 2.81022636e-08;
        p = 3.43273939e-07 + p * w; p = -3.5233877e-06 + p * w; p = -4.39150654e-06 + p * w;
        p = 0.00021858087 + p * w; p = -0.00125372503 + p * w; p = -0.00417768164 + p * w;
        p = 0.246640727 + p * w; p = 1.50140941 + p * w;
    } else {
        w = sqrt(w) - 3.0;
        p = -0.000200214257;
        p = 0.000100950558 + p * w; p = 0.00134934322 + p * w; p = -0.00367342844 + p * w;
        p = 0.00573950773 + p * w; p = -0.0076224613 + p * w; p = 0.00943887047 + p * w;
        p = 1.00167406 + p * w; p = 2.83297682 + p * w;
    }
    double y = p * x;
    for (int i = 0; i < 3; i++) {
        double d = erf(y) - x, g = 1.1283791670955126 * exp(-y * y);
        if (g == 0) break;
        y -= d / g;
    }
    return y;
}

static LyExpr b_inverseerf(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_is_small(x) && ly_small(x) == 0) return ly_mksmall(0);
    if (ly_is_small(x) && (ly_small(x) == 1 || ly_small(x) == -1)) return lys_infinity(vm, (int)ly_small(x));
    if (is_mreal(x)) {
        double v = ly_realv(x);
        if (v <= -1 || v >= 1) return NULL;
        return ly_mkreal(vm, inverse_erf(v));
    }
    return NULL;
}

static LyExpr b_inverseerfc(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_is_small(x) && ly_small(x) == 1) return ly_mksmall(0);
    if (ly_is_small(x) && (ly_small(x) == 0 || ly_small(x) == 2)) return lys_infinity(vm, ly_small(x) == 0 ? 1 : -1);
    if (is_mreal(x)) {
        double v = ly_realv(x);
        if (v <= 0 || v >= 2) return NULL;
        /* erfc^-1(v) = erf^-1(1 - v), refined on erfc for small v */
        double y = inverse_erf(1 - v);
        for (int i = 0; i < 3 && v < 1e-3; i++) {
            double d = erfc(y) - v, g = -1.1283791670955126 * exp(-y * y);
            if (g == 0) break;
            y -= d / g;
        }
        return ly_mkreal(vm, y);
    }
    return NULL;
}

/* B_n exactly (Akiyama-Tanigawa), B_1 = -1/2 as Wolfram. */
static LyExpr bernoulli(LyVM *vm, int64_t n) {
    if (n < 0) return NULL;
    if (n == 1) return ly_rational(vm, -1, 2);
    if (n > 1 && n % 2) return ly_mksmall(0);
    mpq_t *a = malloc((size_t)(n + 1) * sizeof(mpq_t));
    if (!a) return ly_raise_nomem(vm);
    for (int64_t m = 0; m <= n; m++) {
        mpq_init(a[m]);
        mpq_set_ui(a[m], 1, (unsigned long)(m + 1));
        for (int64_t j = m; j >= 1; j--) {
            mpq_sub(a[j - 1], a[j - 1], a[j]);
            mpq_t t; mpq_init(t); mpq_set_ui(t, (unsigned long)j, 1);
            mpq_mul(a[j - 1], a[j - 1], t);
            mpq_clear(t);
        }
        if (m % 64 == 0 && !ly_safe_point(vm)) {
            for (int64_t k = 0; k <= m; k++) mpq_clear(a[k]);
            free(a);
            return NULL;
        }
    }
    LyExpr r = lys_from_mpq(vm, a[0]);
    for (int64_t m = 0; m <= n; m++) mpq_clear(a[m]);
    free(a);
    return r;
}

static LyExpr b_bernoullib(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr n = ly_narg(e, 1);
    if (!ly_is_small(n) || ly_small(n) < 0 || ly_small(n) > 20000) return NULL;
    return bernoulli(vm, ly_small(n));
}

/* Zeta for real s: Euler-Maclaurin on N terms with Bernoulli corrections,
 * the functional equation below 1/2. */
static double zeta_real(double s) {
    if (s == 1) return INFINITY;
    if (s < 0.5) return pow(2, s) * pow(M_PI, s - 1) * sin(M_PI * s / 2) * tgamma(1 - s) * zeta_real(1 - s);
    const int N = 20;
    double acc = 0;
    for (int k = 1; k < N; k++) acc += pow(k, -s);
    double Ns = pow(N, -s);
    acc += Ns * N / (s - 1) + Ns / 2;
    static const double B[] = { 1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6 };
    double fact = 1, poch = s, Np = Ns / N;
    for (int j = 0; j < 7; j++) {
        fact *= (2 * j + 1) * (2 * j + 2);
        acc += B[j] / fact * poch * Np;
        poch *= (s + 2 * j + 1) * (s + 2 * j + 2);
        Np /= (double)N * N;
    }
    return acc;
}

static LyExpr b_zeta(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 2) return NULL;
    LyExpr s = ly_narg(e, 1);
    if (is_mreal(s)) return ly_mkreal(vm, zeta_real(ly_realv(s)));
    if (!ly_is_small(s)) return NULL;
    int64_t k = ly_small(s);
    if (k == 1) return LY_SYM(ComplexInfinity);
    if (k == 0) return ly_rational(vm, -1, 2);
    if (k < 0) {
        /* Zeta[-n] = (-1)^n B_(n+1)/(n+1) */
        LyExpr b = bernoulli(vm, 1 - k);
        return b ? eval_steal(vm, ly_mk(vm, LY_SYM(Times), 3, ly_mksmall((-k) % 2 ? -1 : 1), b, ly_rational(vm, 1, 1 - k))) : NULL;
    }
    if (k % 2 == 0 && k <= 2000) {
        /* Zeta[2n] = (-1)^(n+1) B_2n (2 Pi)^(2n) / (2 (2n)!) */
        LyExpr b = bernoulli(vm, k);
        LyExpr kk = ly_mksmall(k);
        LyExpr f = factorial_of(vm, kk);
        if (!b || !f) { ly_unref(vm, b); ly_unref(vm, f); return NULL; }
        mpz_t p2; mpz_init(p2); mpz_ui_pow_ui(p2, 2, (unsigned long)k - 1);
        LyExpr two = lys_from_mpz(vm, p2);
        mpz_clear(p2);
        return eval_steal(vm, ly_mk(vm, LY_SYM(Times), 5, ly_mksmall((k / 2) % 2 ? 1 : -1), b, two,
                                    ly_mk(vm, LY_SYM(Power), 2, LY_SYM(Pi), ly_mksmall(k)),
                                    ly_mk(vm, LY_SYM(Power), 2, f, ly_mksmall(-1))));
    }
    return NULL;
}

static LyExpr b_harmonicnumber(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr n = ly_narg(e, 1), r = ly_nlen(e) == 2 ? ly_narg(e, 2) : ly_mksmall(1);
    if (is_mreal(n) && ly_is_small(r) && ly_small(r) == 1) {
        /* digamma(n + 1) + EulerGamma, by recurrence and asymptotics */
        double x = ly_realv(n) + 1, acc = 0;
        while (x < 10) { acc -= 1 / x; x += 1; }
        double x2 = 1 / (x * x);
        acc += log(x) - 0.5 / x - x2 * (1.0 / 12 - x2 * (1.0 / 120 - x2 / 252));
        return ly_mkreal(vm, acc + 0.57721566490153286061);
    }
    if (!ly_is_small(n) || ly_small(n) < 0 || ly_small(n) > 1000000 || !ly_is_small(r)) return NULL;
    mpq_t s, t;
    mpq_init(s); mpq_init(t);
    int64_t p = ly_small(r);
    for (int64_t k = 1; k <= ly_small(n); k++) {
        mpz_t d; mpz_init(d);
        mpz_ui_pow_ui(d, (unsigned long)k, (unsigned long)(p < 0 ? -p : p));
        if (p >= 0) { mpq_set_z(t, d); mpq_inv(t, t); }
        else mpq_set_z(t, d);
        mpq_add(s, s, t);
        mpz_clear(d);
        if (k % 4096 == 0 && !ly_safe_point(vm)) { mpq_clear(s); mpq_clear(t); return NULL; }
    }
    LyExpr res = lys_from_mpq(vm, s);
    mpq_clear(s); mpq_clear(t);
    return res;
}

/* ---- step functions, Piecewise ------------------------------------------------------------------ */

/* The sign of a real numeric expression: -1, 0, 1, or 2 when unknown. */
static int rsign(LyVM *vm, LyExpr x) {
    if (lys_is_realnum(x)) return ly_num_sign(x);
    int s = lys_infinity_sign(x);
    if (s) return s;
    double _Complex z;
    if (lys_numericq(vm, x) && lys_nvalue(vm, x, &z) && cimag(z) == 0) return (creal(z) > 0) - (creal(z) < 0);
    return 2;
}

static LyExpr b_kroneckerdelta(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n == 0) return ly_mksmall(1);
    bool all_num = true;
    for (size_t i = 1; i <= n; i++) if (!ly_is_number(ly_narg(e, i))) all_num = false;
    bool same = true;
    for (size_t i = 2; i <= n; i++) if (!ly_equal(ly_narg(e, i), ly_narg(e, 1))) same = false;
    if (same) return ly_mksmall(1);
    if (all_num) {
        for (size_t i = 2; i <= n; i++) if (ly_num_cmp(ly_narg(e, i), ly_narg(e, 1)) != 0 ||
                                             ly_type(ly_narg(e, i)) == LY_TCOMPLEX) return ly_mksmall(0);
        return ly_mksmall(1);
    }
    return NULL;
}

static LyExpr b_unitstep(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n == 0) return NULL;
    for (size_t i = 1; i <= n; i++) {
        int s = rsign(vm, ly_narg(e, i));
        if (s == 2) return NULL;
        if (s < 0) return ly_mksmall(0);
    }
    return ly_mksmall(1);
}

static LyExpr b_heavisidetheta(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n == 0) return NULL;
    for (size_t i = 1; i <= n; i++) {
        int s = rsign(vm, ly_narg(e, i));
        if (s == 2 || s == 0) return NULL;
        if (s < 0) return ly_mksmall(0);
    }
    return ly_mksmall(1);
}

static LyExpr b_ramp(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    int s = rsign(vm, x);
    if (s == 2) return NULL;
    if (s <= 0) return is_mreal(x) ? ly_mkreal(vm, 0.0) : ly_mksmall(0);
    return ref(x);
}

static LyExpr b_unitize(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (lys_is_list(x)) {
        LyExpr u = lys_unpacked(vm, x);
        if (!u) return NULL;
        LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(u));
        for (size_t i = 1; out && i <= ly_nlen(u); i++) {
            LyExpr args[2] = { ly_narg(u, i), ly_nlen(e) == 2 ? ly_narg(e, 2) : NULL };
            LyExpr r = lys_apply_eval(vm, ly_nhead(e), ly_nlen(e), args);
            if (!r) { lys_abandon(vm, out, i); out = NULL; break; }
            ly_nset(out, i, r);
        }
        ly_unref(vm, u);
        return out ? lys_pack_steal(vm, out) : NULL;
    }
    if (!ly_is_number(x)) return NULL;
    double _Complex z;
    lys_nvalue(vm, x, &z);
    double tol = ly_nlen(e) == 2 && lys_is_realnum(ly_narg(e, 2)) ? ly_num_to_double(ly_narg(e, 2)) : 0;
    return ly_mksmall(cabs(z) > tol ? 1 : 0);
}

/* Piecewise: the conditions in turn until one is True; with symbolic ones
 * before it, the symbolic form with the values and conditions it keeps
 * evaluated, {val, False} dropped and the first {val, True} as the default
 * (Wolfram's rules) */
static LyExpr b_piecewise(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr cases = ly_narg(e, 1);
    if (!ly_head_is(cases, LY_SYM(List))) return NULL;
    size_t n = ly_nlen(cases);
    for (size_t i = 1; i <= n; i++) {
        LyExpr c = ly_narg(cases, i);
        if (!ly_head_is(c, LY_SYM(List)) || ly_nlen(c) != 2) return NULL;
    }
    LyExpr kept = ly_mknormal(vm, LY_SYM(List), n), dflt = NULL;
    if (!kept) return NULL;
    size_t k = 0;
    bool changed = ly_nlen(e) == 1;
    for (size_t i = 1; i <= n; i++) {
        LyExpr c = ly_narg(cases, i);
        LyExpr cond = ly_evaluate(vm, ly_narg(c, 2));
        if (!cond) { lys_abandon(vm, kept, k + 1); return NULL; }
        if (cond == LY_SYM(False)) { ly_unref(vm, cond); changed = true; continue; }
        if (cond == LY_SYM(True)) {
            ly_unref(vm, cond);
            dflt = ly_evaluate(vm, ly_narg(c, 1));
            if (!dflt) { lys_abandon(vm, kept, k + 1); return NULL; }
            if (k == 0) { lys_abandon(vm, kept, 1); return dflt; }
            changed = true;
            break;
        }
        LyExpr val = ly_evaluate(vm, ly_narg(c, 1));
        if (!val) { ly_unref(vm, cond); lys_abandon(vm, kept, k + 1); return NULL; }
        if (!ly_equal(val, ly_narg(c, 1)) || !ly_equal(cond, ly_narg(c, 2))) changed = true;
        ly_nset(kept, ++k, ly_mk(vm, LY_SYM(List), 2, val, cond));
    }
    if (!dflt) {
        dflt = ly_nlen(e) == 2 ? ly_evaluate(vm, ly_narg(e, 2)) : ly_mksmall(0);
        if (!dflt) { lys_abandon(vm, kept, k + 1); return NULL; }
        if (ly_nlen(e) == 2 && !ly_equal(dflt, ly_narg(e, 2))) changed = true;
    }
    if (k == 0) { lys_abandon(vm, kept, 1); return dflt; }
    if (!changed) { ly_unref(vm, dflt); lys_abandon(vm, kept, k + 1); return NULL; }
    LyExpr list = ly_mknormal(vm, LY_SYM(List), k);
    for (size_t i = 1; list && i <= k; i++) { ly_nset(list, i, ly_narg(kept, i)); ly_ref(ly_narg(kept, i)); }
    lys_abandon(vm, kept, k + 1);
    if (!list) { ly_unref(vm, dflt); return NULL; }
    return ly_mk(vm, ref(ly_nhead(e)), 2, list, dflt);
}

static LyExpr b_surd(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr x = ly_narg(e, 1), n = ly_narg(e, 2);
    if (!ly_is_small(n) || ly_small(n) == 0 || !lys_is_realnum(x)) return NULL;
    int64_t k = ly_small(n);
    if (ly_num_sign(x) < 0) {
        if (k % 2 == 0) {
            ly_set_message(vm, "Surd", "noneg", "Surd is not defined for even roots of negative numbers.");
            ly_message(vm, ly_nhead(e), "noneg", 0);
            return LY_SYM(Indeterminate);
        }
        LyExpr mx = ly_num_neg(vm, x);
        return mx ? eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1),
                                         ly_mk(vm, LY_SYM(Power), 2, mx, ly_rational(vm, 1, k)))) : NULL;
    }
    return eval_steal(vm, ly_mk(vm, LY_SYM(Power), 2, ref(x), ly_rational(vm, 1, k)));
}

static LyExpr b_cuberoot(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    return lys_apply_eval(vm, ly_symbol(vm, "Surd"), 2, (LyExpr[]){ ly_narg(e, 1), ly_mksmall(3) });
}

static LyExpr b_directedinfinity(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) == 0) return LY_SYM(ComplexInfinity);
    if (ly_nlen(e) != 1) return NULL;
    LyExpr d = ly_narg(e, 1);
    if (!ly_is_number(d)) return NULL;
    if (ly_num_is_zero(d)) return LY_SYM(ComplexInfinity);
    if (ly_type(d) != LY_TCOMPLEX) {
        int s = ly_num_sign(d);
        if (ly_is_small(d) && (ly_small(d) == 1 || ly_small(d) == -1)) return NULL;
        return ly_mk(vm, LY_SYM(DirectedInfinity), 1, ly_mksmall(s < 0 ? -1 : 1));
    }
    if (!ly_is_exact(d)) {
        LyComplex *z = (LyComplex *)d;
        double x = ly_num_to_double(z->re), y = ly_num_to_double(z->im), r = hypot(x, y);
        if (fabs(r - 1) < 1e-15) return NULL;
        return ly_mk(vm, LY_SYM(DirectedInfinity), 1, ly_mkcomplex(vm, ly_mkreal(vm, x / r), ly_mkreal(vm, y / r)));
    }
    /* exact: z/Abs[z] unless it already has modulus 1 */
    LyExpr a = lys_apply_eval(vm, ly_symbol(vm, "Abs"), 1, &d);
    if (!a) return NULL;
    if (ly_is_small(a) && ly_small(a) == 1) { ly_unref(vm, a); return NULL; }
    LyExpr u = eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ref(d), ly_mk(vm, LY_SYM(Power), 2, a, ly_mksmall(-1))));
    return u ? ly_mk(vm, LY_SYM(DirectedInfinity), 1, u) : NULL;
}

/* ---- Rationalize, RealDigits, ContinuedFraction ---------------------------------------------------- */

/* The simplest rational within [x - dx, x + dx] (Stern-Brocot by continued
 * fractions). */
static void simplest_rational(mpq_t out, const mpq_t lo, const mpq_t hi) {
    /* recursive on floor: if an integer lies in [lo, hi], the one nearest 0 */
    mpz_t fl, ce;
    mpz_init(fl); mpz_init(ce);
    mpz_fdiv_q(fl, mpq_numref(lo), mpq_denref(lo));
    mpz_cdiv_q(ce, mpq_numref(lo), mpq_denref(lo));
    mpq_t ceq; mpq_init(ceq); mpq_set_z(ceq, ce);
    if (mpq_cmp(ceq, hi) <= 0) {
        /* an integer in range: the smallest in magnitude */
        if (mpq_sgn(lo) <= 0 && mpq_sgn(hi) >= 0) mpq_set_ui(out, 0, 1);
        else if (mpq_sgn(lo) > 0) mpq_set(out, ceq);
        else { mpz_t f2; mpz_init(f2); mpz_fdiv_q(f2, mpq_numref(hi), mpq_denref(hi)); mpq_set_z(out, f2); mpz_clear(f2); }
    } else {
        /* lo, hi in (fl, fl + 1): fl + 1/simplest(1/(hi - fl), 1/(lo - fl)) */
        mpq_t a, b, fq, r;
        mpq_init(a); mpq_init(b); mpq_init(fq); mpq_init(r);
        mpq_set_z(fq, fl);
        mpq_sub(a, hi, fq); mpq_inv(a, a);
        mpq_sub(b, lo, fq); mpq_inv(b, b);
        simplest_rational(r, a, b);
        mpq_inv(r, r);
        mpq_add(out, fq, r);
        mpq_clear(a); mpq_clear(b); mpq_clear(fq); mpq_clear(r);
    }
    mpq_clear(ceq);
    mpz_clear(fl); mpz_clear(ce);
}

static LyExpr rationalize(LyVM *vm, LyExpr x, LyExpr dx) {
    if (!is_mreal(x)) {
        if (ly_type(x) == LY_TCOMPLEX) {
            LyComplex *z = (LyComplex *)x;
            LyExpr re = rationalize(vm, z->re, dx), im = rationalize(vm, z->im, dx);
            if (!re || !im) { ly_unref(vm, re); ly_unref(vm, im); return NULL; }
            return ly_mkcomplex(vm, re, im);
        }
        return ref(x);
    }
    double v = ly_realv(x);
    if (!isfinite(v)) return ref(x);
    mpq_t q, lo, hi, d, r;
    mpq_init(q); mpq_init(lo); mpq_init(hi); mpq_init(d); mpq_init(r);
    mpq_set_d(q, v);
    LyExpr res = NULL;
    if (dx) {
        mpq_set_d(d, fabs(ly_num_to_double(dx)));
        if (mpq_sgn(d) == 0) res = lys_from_mpq(vm, q);
        else {
            mpq_sub(lo, q, d); mpq_add(hi, q, d);
            simplest_rational(r, lo, hi);
            res = lys_from_mpq(vm, r);
        }
    } else {
        /* a convergent p/q with |x - p/q| < 10^-4/q^2 (Wolfram's rule), else x */
        mpz_t p0, p1, q0, q1, a, t;
        mpz_init_set_ui(p0, 0); mpz_init_set_ui(p1, 1); mpz_init_set_ui(q0, 1); mpz_init_set_ui(q1, 0);
        mpz_init(a); mpz_init(t);
        mpq_t rem; mpq_init(rem); mpq_set(rem, q);
        for (int it = 0; it < 64; it++) {
            mpz_fdiv_q(a, mpq_numref(rem), mpq_denref(rem));
            mpz_mul(t, a, p1); mpz_add(t, t, p0); mpz_set(p0, p1); mpz_set(p1, t);
            mpz_mul(t, a, q1); mpz_add(t, t, q0); mpz_set(q0, q1); mpz_set(q1, t);
            mpq_set_num(r, p1); mpq_set_den(r, q1); mpq_canonicalize(r);
            double err = fabs(v - mpq_get_d(r)), qq = mpz_get_d(q1);
            if (err < 1e-4 / (qq * qq) || err == 0) { res = lys_from_mpq(vm, r); break; }
            mpq_t fa; mpq_init(fa); mpq_set_z(fa, a);
            mpq_sub(rem, rem, fa);
            mpq_clear(fa);
            if (mpq_sgn(rem) == 0) break;
            mpq_inv(rem, rem);
        }
        mpq_clear(rem);
        mpz_clear(p0); mpz_clear(p1); mpz_clear(q0); mpz_clear(q1); mpz_clear(a); mpz_clear(t);
        if (!res) res = ref(x);
    }
    mpq_clear(q); mpq_clear(lo); mpq_clear(hi); mpq_clear(d); mpq_clear(r);
    return res;
}

static LyExpr map_over(LyVM *vm, LyExpr e, LyExpr x) {
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(u));
    for (size_t i = 1; out && i <= ly_nlen(u); i++) {
        LyExpr args[4];
        args[0] = ly_narg(u, i);
        for (size_t k = 2; k <= ly_nlen(e) && k <= 4; k++) args[k - 1] = ly_narg(e, k);
        LyExpr r = lys_apply_eval(vm, ly_nhead(e), ly_nlen(e), args);
        if (!r) { lys_abandon(vm, out, i); out = NULL; break; }
        ly_nset(out, i, r);
    }
    ly_unref(vm, u);
    return out;
}

static LyExpr b_rationalize(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (lys_is_list(x)) return map_over(vm, e, x);
    if (!ly_is_number(x)) return NULL;
    return rationalize(vm, x, ly_nlen(e) == 2 ? ly_narg(e, 2) : NULL);
}

static LyExpr b_continuedfraction(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    int64_t nmax = ly_nlen(e) == 2 && ly_is_small(ly_narg(e, 2)) ? ly_small(ly_narg(e, 2)) : -1;
    if (ly_nlen(e) == 2 && nmax < 0) return NULL;
    if (is_exact_real(x)) {
        mpq_t q; lys_mpq_get(q, x);
        mpz_t a; mpz_init(a);
        LyExpr items[4096];
        size_t k = 0;
        while (k < 4096 && (nmax < 0 || (int64_t)k < nmax)) {
            mpz_fdiv_q(a, mpq_numref(q), mpq_denref(q));
            items[k++] = lys_from_mpz(vm, a);
            mpq_t fa; mpq_init(fa); mpq_set_z(fa, a); mpq_sub(q, q, fa); mpq_clear(fa);
            if (mpq_sgn(q) == 0) break;
            mpq_inv(q, q);
        }
        mpz_clear(a); mpq_clear(q);
        LyExpr r = lys_list_packed(vm, k, items);
        for (size_t i = 0; i < k; i++) ly_unref(vm, items[i]);
        return r;
    }
    if (nmax < 0 && !is_mreal(x)) return NULL;
    /* machine reals and numeric expressions: from the machine value */
    double _Complex z;
    if (!lys_nvalue(vm, x, &z) || cimag(z) != 0) return NULL;
    double v = creal(z);
    int64_t lim = nmax < 0 ? 20 : nmax;
    LyExpr items[64];
    size_t k = 0;
    for (; (int64_t)k < lim && k < 64; k++) {
        double a = floor(v);
        items[k] = ly_int(vm, (int64_t)a);
        double f = v - a;
        if (f < 1e-10 * (1 + fabs(v)) || !isfinite(1 / f) || fabs(1 / f) > 1e15) { k++; break; }
        v = 1 / f;
    }
    LyExpr r = lys_list_packed(vm, k, items);
    for (size_t i = 0; i < k; i++) ly_unref(vm, items[i]);
    return r;
}

/* RealDigits[x] -> {digits, exponent}; rationals give the recurring cycle
 * as a final sublist, as Wolfram. */
static LyExpr b_realdigits(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr x = ly_narg(e, 1);
    int64_t base = ly_nlen(e) >= 2 && ly_is_small(ly_narg(e, 2)) ? ly_small(ly_narg(e, 2)) : 10;
    int64_t len = ly_nlen(e) == 3 && ly_is_small(ly_narg(e, 3)) ? ly_small(ly_narg(e, 3)) : -1;
    if (base < 2 || base > 36) return NULL;
    if (base == 10 && (len > 0 || lys_is_bigreal(vm, x)) && (lys_is_bigreal(vm, x) || (lys_numericq(vm, x) && !ly_is_real(x) &&
                                        ly_type(x) != LY_TCOMPLEX))) {
        if (len <= 0) len = (int64_t)floor(ly_num_to_double(ly_narg(x, 3)) + 0.5);
        LyExpr r = lys_bigreal_realdigits(vm, x, (long)len);
        if (r) return r;
    }
    if (is_exact_real(x)) {
        mpq_t q; lys_mpq_get(q, x);
        mpq_abs(q, q);
        mpz_t ip; mpz_init(ip);
        mpz_fdiv_q(ip, mpq_numref(q), mpq_denref(q));
        /* integer digits */
        char *s = mpz_get_str(NULL, (int)base, ip);
        size_t il = mpz_sgn(ip) ? strlen(s) : 0;
        LyExpr digits[8192];
        size_t nd = 0;
        for (size_t i = 0; i < il && nd < 8192; i++) {
            char c = s[i];
            digits[nd++] = ly_mksmall(c <= '9' ? c - '0' : c - 'a' + 10);
        }
        void (*freefn)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &freefn);
        freefn(s, strlen(s) + 1);
        int64_t expo = (int64_t)il;
        /* fractional part: long division, remembering remainders for the cycle */
        mpz_t rem, den; mpz_init(rem); mpz_init_set(den, mpq_denref(q));
        mpz_mod(rem, mpq_numref(q), den);
        size_t lead = nd;
        bool leading = il == 0;
        int64_t zeros = 0;
        mpz_t *seen = malloc(4096 * sizeof(mpz_t));
        size_t nseen = 0, cycle_at = SIZE_MAX;
        while (mpz_sgn(rem) && nd < 4000 && nseen < 4096 && (len < 0 || (int64_t)nd < len)) {
            for (size_t i = 0; i < nseen; i++) if (!mpz_cmp(seen[i], rem)) { cycle_at = i; break; }
            if (cycle_at != SIZE_MAX) break;
            mpz_init_set(seen[nseen++], rem);
            mpz_mul_ui(rem, rem, (unsigned long)base);
            mpz_t dg; mpz_init(dg);
            mpz_fdiv_qr(dg, rem, rem, den);
            int64_t d = (int64_t)mpz_get_ui(dg);
            mpz_clear(dg);
            if (leading && d == 0 && cycle_at == SIZE_MAX) { zeros++; nseen--; mpz_clear(seen[nseen]); continue; }
            leading = false;
            digits[nd++] = ly_mksmall(d);
        }
        (void)lead;
        if (il == 0) expo = -zeros;
        LyExpr res = NULL;
        if (cycle_at != SIZE_MAX) {
            /* digits from the fractional start + cycle_at recur */
            size_t fs = il + cycle_at;
            LyExpr cyc = lys_list_packed(vm, nd - fs, digits + fs);
            LyExpr head[8192];
            for (size_t i = 0; i < fs; i++) head[i] = digits[i];
            head[fs] = cyc;
            LyExpr dl = cyc ? ly_list(vm, fs + 1, head) : NULL;
            ly_unref(vm, cyc);
            res = dl ? ly_mk(vm, LY_SYM(List), 2, dl, ly_int(vm, expo)) : NULL;
        } else {
            if (nd == 0) { digits[nd++] = ly_mksmall(0); expo = 0; }
            while (len > 0 && (int64_t)nd < len) digits[nd++] = ly_mksmall(0);
            LyExpr dl = lys_list_packed(vm, nd, digits);
            res = dl ? ly_mk(vm, LY_SYM(List), 2, dl, ly_int(vm, expo)) : NULL;
        }
        for (size_t i = 0; i < nseen; i++) mpz_clear(seen[i]);
        free(seen);
        mpz_clear(rem); mpz_clear(den); mpz_clear(ip); mpq_clear(q);
        return res;
    }
    if (is_mreal(x) && base == 10) {
        double v = fabs(ly_realv(x));
        if (v == 0) return ly_mk(vm, LY_SYM(List), 2, lys_list_packed(vm, 1, (LyExpr[]){ ly_mksmall(0) }), ly_mksmall(0));
        char buf[64];
        snprintf(buf, sizeof buf, "%.15e", v);
        LyExpr digits[20];
        size_t nd = 0;
        const char *p = buf;
        for (; *p && *p != 'e'; p++) if (*p >= '0' && *p <= '9') digits[nd++] = ly_mksmall(*p - '0');
        int ex = atoi(p + 1) + 1;
        if (len > 0) {
            while ((int64_t)nd < len && nd < 20) digits[nd++] = ly_mksmall(0);
            if ((int64_t)nd > len) nd = (size_t)len;
        }
        LyExpr dl = lys_list_packed(vm, nd, digits);
        return dl ? ly_mk(vm, LY_SYM(List), 2, dl, ly_mksmall(ex)) : NULL;
    }
    return NULL;
}

/* ---- partitions and combinatorial numbers ----------------------------------------------------------- */

typedef struct Parts { LyVM *vm; LyExpr *out; size_t n, cap; int64_t kmin, kmax; bool oom; } Parts;

static void parts_rec(Parts *P, int64_t n, int64_t maxpart, int64_t *cur, int64_t len) {
    if (P->oom || len > P->kmax) return;
    if (n == 0) {
        if (len < P->kmin) return;
        if (P->n == P->cap) {
            size_t nc = P->cap ? 2 * P->cap : 64;
            LyExpr *no = ly_realloc(P->vm, P->out, P->cap * sizeof(LyExpr), nc * sizeof(LyExpr));
            if (!no) { P->oom = true; return; }
            P->out = no;
            P->cap = nc;
        }
        LyExpr items[len ? len : 1];
        for (int64_t i = 0; i < len; i++) items[i] = ly_mksmall(cur[i]);
        P->out[P->n] = lys_list_packed(P->vm, (size_t)len, items);
        if (!P->out[P->n]) { P->oom = true; return; }
        P->n++;
        if (P->n % 4096 == 0 && !ly_safe_point(P->vm)) P->oom = true;
        return;
    }
    if (len == P->kmax) return;
    for (int64_t p = n < maxpart ? n : maxpart; p >= 1; p--) {
        /* enough room left for kmin parts? the rest can have at most (kmax - len - 1) parts of size <= p */
        if ((P->kmax - len - 1) * p < n - p && P->kmax != INT64_MAX) continue;
        cur[len] = p;
        parts_rec(P, n - p, p, cur, len + 1);
        if (P->oom) return;
    }
}

static LyExpr b_integerpartitions(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr nn = ly_narg(e, 1);
    if (!ly_is_small(nn) || ly_small(nn) < 0 || ly_small(nn) > 200) return NULL;
    int64_t n = ly_small(nn), kmin = 0, kmax = INT64_MAX;
    if (ly_nlen(e) == 2) {
        LyExpr k = ly_narg(e, 2);
        if (ly_is_small(k)) kmax = ly_small(k);
        else if (ly_head_is(k, LY_SYM(List)) && ly_nlen(k) == 1 && ly_is_small(ly_narg(k, 1))) kmin = kmax = ly_small(ly_narg(k, 1));
        else if (ly_head_is(k, LY_SYM(List)) && ly_nlen(k) == 2 && ly_is_small(ly_narg(k, 1)) && ly_is_small(ly_narg(k, 2))) {
            kmin = ly_small(ly_narg(k, 1)); kmax = ly_small(ly_narg(k, 2));
        } else if (k != ly_symbol(vm, "All") && lys_infinity_sign(k) <= 0) return NULL;
    }
    if (n == 0) return ly_mk(vm, LY_SYM(List), 1, ly_list(vm, 0, NULL));
    int64_t cur[256];
    Parts P = { vm, NULL, 0, 0, kmin, kmax > n ? n : kmax, false };
    parts_rec(&P, n, n, cur, 0);
    LyExpr r = P.oom ? NULL : ly_list(vm, P.n, P.out);
    for (size_t i = 0; i < P.n; i++) ly_unref(vm, P.out[i]);
    if (P.out) ly_dealloc(vm, P.out, P.cap * sizeof(LyExpr));
    if (!r && !ly_unwinding(vm)) return ly_raise_nomem(vm);
    return r;
}

static LyExpr b_partitionsp(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr nn = ly_narg(e, 1);
    if (!ly_is_small(nn)) return NULL;
    int64_t n = ly_small(nn);
    if (n < 0) return ly_mksmall(0);
    if (n > 100000) return NULL;
    mpz_t *p = malloc((size_t)(n + 1) * sizeof(mpz_t));
    if (!p) return ly_raise_nomem(vm);
    mpz_init_set_ui(p[0], 1);
    for (int64_t m = 1; m <= n; m++) {
        mpz_init(p[m]);
        for (int64_t k = 1;; k++) {
            int64_t g1 = k * (3 * k - 1) / 2, g2 = k * (3 * k + 1) / 2;
            if (g1 > m) break;
            if (k % 2) mpz_add(p[m], p[m], p[m - g1]); else mpz_sub(p[m], p[m], p[m - g1]);
            if (g2 <= m) { if (k % 2) mpz_add(p[m], p[m], p[m - g2]); else mpz_sub(p[m], p[m], p[m - g2]); }
        }
        if (m % 256 == 0 && !ly_safe_point(vm)) {
            for (int64_t i = 0; i <= m; i++) mpz_clear(p[i]);
            free(p);
            return NULL;
        }
    }
    LyExpr r = lys_from_mpz(vm, p[n]);
    for (int64_t i = 0; i <= n; i++) mpz_clear(p[i]);
    free(p);
    return r;
}

/* Stirling numbers and Bell numbers by their recurrences. */
static LyExpr stirling(LyVM *vm, LyExpr e, bool first) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr a = ly_narg(e, 1), b = ly_narg(e, 2);
    if (!ly_is_small(a) || !ly_is_small(b)) return NULL;
    int64_t n = ly_small(a), k = ly_small(b);
    if (n < 0 || k < 0 || n > 3000) return NULL;
    if (k > n) return ly_mksmall(0);
    mpz_t *row = malloc((size_t)(n + 2) * sizeof(mpz_t));
    if (!row) return ly_raise_nomem(vm);
    for (int64_t j = 0; j <= n + 1; j++) mpz_init(row[j]);
    mpz_set_ui(row[0], 1);
    mpz_t t; mpz_init(t);
    for (int64_t i = 1; i <= n; i++) {
        for (int64_t j = i; j >= 1; j--) {
            /* s(i, j) = s(i-1, j-1) - (i-1) s(i-1, j);  S(i, j) = S(i-1, j-1) + j S(i-1, j) */
            if (first) { mpz_mul_si(t, row[j], -(i - 1)); mpz_add(row[j], row[j - 1], t); }
            else { mpz_mul_si(t, row[j], j); mpz_add(row[j], row[j - 1], t); }
        }
        mpz_set_ui(row[0], 0);
    }
    LyExpr r = lys_from_mpz(vm, row[k]);
    mpz_clear(t);
    for (int64_t j = 0; j <= n + 1; j++) mpz_clear(row[j]);
    free(row);
    return r;
}
static LyExpr b_stirlings1(LyVM *vm, LyExpr e) { return stirling(vm, e, true); }
static LyExpr b_stirlings2(LyVM *vm, LyExpr e) { return stirling(vm, e, false); }

static LyExpr b_bellb(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 2) return NULL;
    LyExpr a = ly_narg(e, 1);
    if (!ly_is_small(a) || ly_small(a) < 0 || ly_small(a) > 3000) return NULL;
    int64_t n = ly_small(a);
    /* Bell triangle */
    mpz_t *row = malloc((size_t)(n + 1) * sizeof(mpz_t)), *nxt = malloc((size_t)(n + 1) * sizeof(mpz_t));
    for (int64_t j = 0; j <= n; j++) { mpz_init(row[j]); mpz_init(nxt[j]); }
    mpz_set_ui(row[0], 1);
    for (int64_t i = 1; i <= n; i++) {
        mpz_set(nxt[0], row[i - 1]);
        for (int64_t j = 1; j <= i; j++) mpz_add(nxt[j], nxt[j - 1], row[j - 1]);
        for (int64_t j = 0; j <= i; j++) mpz_set(row[j], nxt[j]);
    }
    LyExpr r = lys_from_mpz(vm, row[0]);
    for (int64_t j = 0; j <= n; j++) { mpz_clear(row[j]); mpz_clear(nxt[j]); }
    free(row); free(nxt);
    return r;
}

static LyExpr b_lucasl(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr a = ly_narg(e, 1);
    if (!ly_is_small(a) || ly_small(a) < 0 || ly_small(a) > 10000000) return NULL;
    mpz_t z; mpz_init(z);
    mpz_lucnum_ui(z, (unsigned long)ly_small(a));
    LyExpr r = lys_from_mpz(vm, z);
    mpz_clear(z);
    return r;
}

/* ---- number theory -------------------------------------------------------------------------- */

static LyExpr b_jacobisymbol(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr a = ly_narg(e, 1), n = ly_narg(e, 2);
    if (!is_int(a) || !is_int(n)) return NULL;
    mpz_t x, y; lys_mpz_get(x, a); lys_mpz_get(y, n);
    LyExpr r = NULL;
    if (mpz_odd_p(y) && mpz_sgn(y) > 0) r = ly_mksmall(mpz_jacobi(x, y));
    mpz_clear(x); mpz_clear(y);
    return r;
}

/* The factorization of |n| as (p, k) pairs through FactorInteger. */
static LyExpr factors(LyVM *vm, LyExpr n) {
    LyExpr r = lys_apply_eval(vm, ly_symbol(vm, "FactorInteger"), 1, &n);
    if (r && !lys_is_list(r)) { ly_unref(vm, r); return NULL; }
    if (r && ly_is_packed(r)) { LyExpr u = ly_unpack(vm, r); ly_unref(vm, r); r = u; }
    return r;
}

static void carmichael_mpz(LyVM *vm, mpz_t out, LyExpr n) {
    LyExpr f = factors(vm, n);
    mpz_set_ui(out, 1);
    if (!f) return;
    for (size_t i = 1; i <= ly_nlen(f); i++) {
        LyExpr pk = ly_narg(f, i);
        LyExpr pe = ly_part(vm, pk, 1), ke = ly_part(vm, pk, 2);
        mpz_t p, l; lys_mpz_get(p, pe); mpz_init(l);
        int64_t k = ly_is_small(ke) ? ly_small(ke) : 1;
        if (mpz_cmp_ui(p, 1) > 0) {
            mpz_t pm; mpz_init(pm); mpz_sub_ui(pm, p, 1);
            mpz_pow_ui(l, p, (unsigned long)(k - 1));
            mpz_mul(l, l, pm);
            if (mpz_cmp_ui(p, 2) == 0 && k >= 3) mpz_divexact_ui(l, l, 2);
            mpz_lcm(out, out, l);
            mpz_clear(pm);
        }
        mpz_clear(p); mpz_clear(l);
        ly_unref(vm, pe); ly_unref(vm, ke);
    }
    ly_unref(vm, f);
}

static LyExpr b_carmichaellambda(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr n = ly_narg(e, 1);
    if (!is_int(n) || ly_num_sign(n) == 0) return NULL;
    mpz_t l; mpz_init(l);
    carmichael_mpz(vm, l, n);
    LyExpr r = ly_unwinding(vm) ? NULL : lys_from_mpz(vm, l);
    mpz_clear(l);
    return r;
}

/* The order of a mod n (gcd 1): the smallest divisor d of lambda(n) with a^d = 1. */
static LyExpr b_multiplicativeorder(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr a = ly_narg(e, 1), n = ly_narg(e, 2);
    if (!is_int(a) || !is_int(n)) return NULL;
    mpz_t x, m, g, l, t;
    lys_mpz_get(x, a); lys_mpz_get(m, n);
    mpz_abs(m, m);
    mpz_init(g); mpz_init(l); mpz_init(t);
    mpz_gcd(g, x, m);
    LyExpr r = NULL;
    if (mpz_cmp_ui(g, 1) == 0 && mpz_cmp_ui(m, 1) > 0) {
        carmichael_mpz(vm, l, n);
        LyExpr le = lys_from_mpz(vm, l);
        LyExpr f = le ? factors(vm, le) : NULL;
        ly_unref(vm, le);
        for (size_t i = 1; f && i <= ly_nlen(f); i++) {
            LyExpr pe = ly_part(vm, ly_narg(f, i), 1);
            mpz_t p; lys_mpz_get(p, pe);
            ly_unref(vm, pe);
            while (mpz_divisible_p(l, p)) {
                mpz_divexact(t, l, p);
                mpz_t y; mpz_init(y);
                mpz_powm(y, x, t, m);
                bool one = mpz_cmp_ui(y, 1) == 0;
                mpz_clear(y);
                if (!one) break;
                mpz_set(l, t);
            }
            mpz_clear(p);
        }
        ly_unref(vm, f);
        if (!ly_unwinding(vm)) r = lys_from_mpz(vm, l);
    } else if (mpz_cmp_ui(m, 1) == 0) r = ly_mksmall(1);
    mpz_clear(x); mpz_clear(m); mpz_clear(g); mpz_clear(l); mpz_clear(t);
    return r;
}

static LyExpr b_primitiveroot(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr n = ly_narg(e, 1);
    if (!ly_is_small(n) || ly_small(n) < 1) return NULL;
    int64_t m = ly_small(n);
    if (m <= 4) return m == 1 ? ly_mksmall(0) : ly_mksmall(m - 1);
    LyExpr phi = lys_apply_eval(vm, ly_symbol(vm, "EulerPhi"), 1, &n);
    if (!phi) return NULL;
    for (int64_t g = 2; g < m && g < 1000000; g++) {
        LyExpr args[2] = { ly_mksmall(g), n };
        LyExpr o = lys_apply_eval(vm, ly_symbol(vm, "MultiplicativeOrder"), 2, args);
        if (!o) { ly_unref(vm, phi); return NULL; }
        bool hit = ly_equal(o, phi);
        ly_unref(vm, o);
        if (hit) { ly_unref(vm, phi); return ly_mksmall(g); }
    }
    ly_unref(vm, phi);
    return NULL;      /* no primitive root */
}

static LyExpr prime_count(LyVM *vm, LyExpr e, bool omega) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr n = ly_narg(e, 1);
    if (!is_int(n)) return NULL;
    if (ly_is_small(n) && (ly_small(n) == 1 || ly_small(n) == -1 || ly_small(n) == 0)) return ly_mksmall(0);
    LyExpr f = factors(vm, n);
    if (!f) return NULL;
    int64_t c = 0;
    for (size_t i = 1; i <= ly_nlen(f); i++) {
        LyExpr pe = ly_part(vm, ly_narg(f, i), 1), ke = ly_part(vm, ly_narg(f, i), 2);
        bool unit = ly_is_small(pe) && (ly_small(pe) == -1 || ly_small(pe) == 1);
        if (!unit) c += omega && ly_is_small(ke) ? ly_small(ke) : 1;
        ly_unref(vm, pe); ly_unref(vm, ke);
    }
    ly_unref(vm, f);
    return ly_mksmall(c);
}
static LyExpr b_primenu(LyVM *vm, LyExpr e) { return prime_count(vm, e, false); }
static LyExpr b_primeomega(LyVM *vm, LyExpr e) { return prime_count(vm, e, true); }

static LyExpr b_bitcount(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr n = ly_narg(e, 1);
    if (!is_int(n)) return NULL;
    mpz_t z; lys_mpz_get(z, n);
    mpz_abs(z, z);
    LyExpr r = ly_int(vm, (int64_t)mpz_popcount(z));
    mpz_clear(z);
    return r;
}

static LyExpr b_factorial2(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr n = ly_narg(e, 1);
    if (!ly_is_small(n) || ly_small(n) < -1 || ly_small(n) > 100000) return NULL;
    mpz_t z; mpz_init(z);
    mpz_2fac_ui(z, (unsigned long)(ly_small(n) < 0 ? 0 : ly_small(n)));
    LyExpr r = lys_from_mpz(vm, z);
    mpz_clear(z);
    return r;
}

static const LyBuiltin numfn_builtins[] = {
    { "Factorial2", b_factorial2, "Listable NumericFunction Protected", "n!! gives the double factorial of n." },
    { "Gamma", b_gamma, "Listable NumericFunction Protected", "Gamma[z] is the Euler gamma function.\nGamma[a, z] is the incomplete gamma function.\nGamma[a, z0, z1] is the generalized incomplete gamma function Gamma[a, z0] - Gamma[a, z1]." },
    { "LogGamma", b_loggamma, "Listable NumericFunction Protected", "LogGamma[z] is the logarithm of the Euler gamma function." },
    { "Beta", b_beta, "Listable NumericFunction Protected", "Beta[a, b] is the Euler beta function." },
    { "Pochhammer", b_pochhammer, "Listable NumericFunction Protected", "Pochhammer[a, n] gives the Pochhammer symbol (a)_n." },
    { "Erf", b_erf, "Listable NumericFunction Protected", "Erf[z] gives the error function erf(z)." },
    { "InverseErf", b_inverseerf, "Listable NumericFunction Protected", "InverseErf[s] gives the inverse error function obtained as the solution for z in s = erf(z)." },
    { "InverseErfc", b_inverseerfc, "Listable NumericFunction Protected", "InverseErfc[s] gives the inverse complementary error function obtained as the solution for z in s = erfc(z)." },
    { "Erfc", b_erfc, "Listable NumericFunction Protected", "Erfc[z] gives the complementary error function erfc(z)." },
    { "Zeta", b_zeta, "Listable NumericFunction Protected", "Zeta[s] gives the Riemann zeta function." },
    { "BernoulliB", b_bernoullib, "Listable Protected", "BernoulliB[n] gives the Bernoulli number Bn." },
    { "HarmonicNumber", b_harmonicnumber, "Listable NumericFunction Protected", "HarmonicNumber[n] gives the nth harmonic number Hn.\nHarmonicNumber[n, r] gives the harmonic number Hn(r) of order r." },
    { "KroneckerDelta", b_kroneckerdelta, "Orderless Protected", "KroneckerDelta[n1, n2, ...] gives the Kronecker delta, equal to 1 if all the ni are equal, and 0 otherwise." },
    { "UnitStep", b_unitstep, "Listable Orderless Protected", "UnitStep[x] represents the unit step function, equal to 0 for x < 0 and 1 for x >= 0." },
    { "HeavisideTheta", b_heavisidetheta, "Listable Orderless Protected", "HeavisideTheta[x] represents the Heaviside theta function, equal to 0 for x < 0 and 1 for x > 0." },
    { "Ramp", b_ramp, "Listable NumericFunction Protected", "Ramp[x] gives x if x >= 0 and 0 otherwise." },
    { "Unitize", b_unitize, "Protected", "Unitize[x] gives 0 when x is zero, and 1 when x has any other numerical value." },
    { "Piecewise", b_piecewise, "HoldAll Protected", "Piecewise[{{val1, cond1}, {val2, cond2}, ...}] represents a piecewise function with values vali in the regions defined by the conditions condi.\nPiecewise[{{val1, cond1}, ...}, val] uses default value val if none of the condi apply." },
    { "Surd", b_surd, "Listable Protected", "Surd[x, n] gives the real-valued nth root of x." },
    { "CubeRoot", b_cuberoot, "Listable Protected", "CubeRoot[x] gives the real-valued cube root of x." },
    { "DirectedInfinity", b_directedinfinity, "Protected", "DirectedInfinity[z] represents an infinite numerical quantity whose direction in the complex plane is unknown." },
    { "Rationalize", b_rationalize, "Protected", "Rationalize[x] converts an approximate number x to a nearby rational with small denominator.\nRationalize[x, dx] yields the rational number with smallest denominator that lies within dx of x." },
    { "ContinuedFraction", b_continuedfraction, "Protected", "ContinuedFraction[x, n] generates a list of the first n terms in the continued fraction representation of x.\nContinuedFraction[x] generates a list of all terms that can be obtained given the precision of x." },
    { "RealDigits", b_realdigits, "Protected", "RealDigits[x] gives a list of the digits in the approximate real number x, together with the number of digits that are to the left of the decimal point.\nRealDigits[x, b, len] gives a list of len digits in base b." },
    { "IntegerPartitions", b_integerpartitions, "Protected", "IntegerPartitions[n] gives a list of all possible ways to partition the integer n into smaller integers.\nIntegerPartitions[n, k] gives partitions into at most k integers.\nIntegerPartitions[n, {k}] gives partitions into exactly k integers." },
    { "PartitionsP", b_partitionsp, "Listable Protected", "PartitionsP[n] gives the number p(n) of unrestricted partitions of the integer n." },
    { "StirlingS1", b_stirlings1, "Listable Protected", "StirlingS1[n, m] gives the Stirling number of the first kind." },
    { "StirlingS2", b_stirlings2, "Listable Protected", "StirlingS2[n, m] gives the Stirling number of the second kind." },
    { "BellB", b_bellb, "Listable Protected", "BellB[n] gives the Bell number Bn." },
    { "LucasL", b_lucasl, "Listable Protected", "LucasL[n] gives the Lucas number Ln." },
    { "JacobiSymbol", b_jacobisymbol, "Listable Protected", "JacobiSymbol[n, m] gives the Jacobi symbol (n/m)." },
    { "CarmichaelLambda", b_carmichaellambda, "Listable Protected", "CarmichaelLambda[n] gives the Carmichael function lambda(n)." },
    { "MultiplicativeOrder", b_multiplicativeorder, "Listable Protected", "MultiplicativeOrder[k, n] gives the multiplicative order of k modulo n." },
    { "PrimitiveRoot", b_primitiveroot, "Listable Protected", "PrimitiveRoot[n] returns a generator for the group of numbers relatively prime to n under multiplication mod n." },
    { "PrimeNu", b_primenu, "Listable Protected", "PrimeNu[n] gives the number of distinct primes in n." },
    { "PrimeOmega", b_primeomega, "Listable Protected", "PrimeOmega[n] gives the number of prime factors counting multiplicities in n." },
    { "BitCount", b_bitcount, "Listable Protected", "BitCount[n] gives the number of 1 bits in the binary representation of the integer n." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_numfn(LyVM *vm);
LyStatus lys_open_numfn(LyVM *vm) { return ly_register_table(vm, numfn_builtins); }
