/*
 * incgamma.c — the incomplete gamma and beta functions: Gamma[a, z],
 * Gamma[a, z0, z1] (numfn.c's Gamma hands its 2- and 3-argument forms
 * here), GammaRegularized[a, z], GammaRegularized[a, z0, z1] and
 * BetaRegularized[z, a, b].  Written against lyra.h + lyra_ext.h.
 *
 * As in Wolfram: a positive integer order gives the closed form
 * (Gamma[3, x] -> E^-x (2 + 2 x + x^2), GammaRegularized[3, 3] ->
 * 17/(2 E^3)), BetaRegularized of positive integer orders at an exact
 * point the finite binomial sum, machine arguments machine values (series
 * and continued fractions, the Numerical Recipes forms); anything else stays
 * unevaluated.  The machine values also serve the distributions (distrib.c).
 */
#include <float.h>
#include <math.h>
#include "lys_data.h"

#define ORDER_MAX 1000      /* largest integer order given in closed form */

/* ---- machine values ---------------------------------------------------------------------------- */

/* P(a, x) by its series (x < a + 1) */
static double gamma_p_series(double a, double x) {
    double ap = a, del = 1.0 / a, sum = del;
    for (int i = 0; i < 100000; i++) {
        ap += 1;
        del *= x / ap;
        sum += del;
        if (fabs(del) < fabs(sum) * DBL_EPSILON) break;
    }
    return sum * exp(-x + a * log(x) - lgamma(a));
}

/* Q(a, x) by its continued fraction (x >= a + 1), Lentz's method */
static double gamma_q_cfrac(double a, double x) {
    const double tiny = 1e-300;
    double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
    for (int i = 1; i < 100000; i++) {
        double an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (fabs(d) < tiny) d = tiny;
        c = b + an / c;
        if (fabs(c) < tiny) c = tiny;
        d = 1 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1) < DBL_EPSILON) break;
    }
    return exp(-x + a * log(x) - lgamma(a)) * h;
}

/* The regularized upper incomplete gamma function Q(a, x), a > 0, x >= 0. */
double lys_gamma_q(double a, double x) {
    if (x <= 0) return 1;
    if (isinf(x)) return 0;
    return x < a + 1 ? 1 - gamma_p_series(a, x) : gamma_q_cfrac(a, x);
}

/* the continued fraction of the incomplete beta function */
static double beta_cfrac(double a, double b, double x) {
    const double tiny = 1e-300;
    double qab = a + b, qap = a + 1, qam = a - 1, c = 1, d = 1 - qab * x / qap;
    if (fabs(d) < tiny) d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m < 100000; m++) {
        int m2 = 2 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1 + aa * d;
        if (fabs(d) < tiny) d = tiny;
        c = 1 + aa / c;
        if (fabs(c) < tiny) c = tiny;
        d = 1 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1 + aa * d;
        if (fabs(d) < tiny) d = tiny;
        c = 1 + aa / c;
        if (fabs(c) < tiny) c = tiny;
        d = 1 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1) < DBL_EPSILON) break;
    }
    return h;
}

/* The regularized incomplete beta function I_x(a, b), a, b > 0, 0 <= x <= 1. */
double lys_beta_i(double x, double a, double b) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    double bt = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
    if (x < (a + 1) / (a + b + 2)) return bt * beta_cfrac(a, b, x) / a;
    return 1 - bt * beta_cfrac(b, a, 1 - x) / b;
}

/* ---- exact forms -------------------------------------------------------------------------------- */

static bool small_order(LyExpr a, int64_t *n) {
    if (!ly_is_small(a) || ly_small(a) < 1 || ly_small(a) > ORDER_MAX) return false;
    *n = ly_small(a);
    return true;
}

/* E^-z Sum[c_k z^k, {k, 0, n - 1}] with c_k = (n-1)!/k! (regularized: 1/k!),
 * evaluated */
static LyExpr integer_order(LyVM *vm, int64_t n, LyExpr z, bool regularized) {
    LyExpr sum = ly_mknormal(vm, LY_SYM(Plus), (size_t)n);
    if (!sum) return NULL;
    mpq_t c;
    mpq_init(c);
    /* regularized: c_0 = 1, c_k = c_{k-1}/k; else c_{n-1} = 1, c_{k-1} = k c_k */
    if (regularized) mpq_set_ui(c, 1, 1);
    bool ok = true;
    for (int64_t i = 0; i < n; i++) {
        int64_t k = regularized ? i : n - 1 - i;
        if (regularized && k > 0) {
            mpq_t t; mpq_init(t); mpq_set_ui(t, 1, (unsigned long)k); mpq_mul(c, c, t); mpq_clear(t);
        } else if (!regularized) {
            if (k == n - 1) mpq_set_ui(c, 1, 1);
            else { mpq_t t; mpq_init(t); mpq_set_ui(t, (unsigned long)(k + 1), 1); mpq_mul(c, c, t); mpq_clear(t); }
        }
        ly_ref(z);
        LyExpr term = ly_mk(vm, LY_SYM(Times), 2, lys_from_mpq(vm, c),
                            ly_mk(vm, LY_SYM(Power), 2, z, ly_int(vm, k)));
        lys_nset_ok(sum, (size_t)(i + 1), term, &ok);
    }
    mpq_clear(c);
    if (!ok) { ly_unref(vm, sum); return NULL; }
    ly_ref(z);
    LyExpr ez = ly_mk(vm, LY_SYM(Power), 2, LY_SYM(E), ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), z));
    return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ez, sum));
}

static bool is_exact_num(LyExpr x) { return ly_is_integer(x) || ly_type(x) == LY_TRAT; }
static bool any_machine(LyExpr e) {
    for (size_t i = 1; i <= ly_nlen(e); i++) if (ly_is_real(ly_narg(e, i))) return true;
    return false;
}
static bool all_realnum(LyExpr e) {
    for (size_t i = 1; i <= ly_nlen(e); i++) if (!lys_is_realnum(ly_narg(e, i))) return false;
    return true;
}

/* Gamma[a, z], Gamma[a, z0, z1] and (regularized) GammaRegularized[...]:
 * Q(a, z) = Gamma[a, z]/Gamma[a] is what lys_gamma_q gives. */
static LyExpr incgamma(LyVM *vm, LyExpr e, bool regularized) {
    LyExpr a = ly_narg(e, 1);
    if (ly_nlen(e) == 3) {
        /* Gamma[a, z0, z1] = Gamma[a, z0] - Gamma[a, z1] where both evaluate */
        if (!any_machine(e) || !all_realnum(e)) return NULL;
        double av = ly_num_to_double(a), z0 = ly_num_to_double(ly_narg(e, 2)), z1 = ly_num_to_double(ly_narg(e, 3));
        if (!(av > 0) || z0 < 0 || z1 < 0) return NULL;
        double q = lys_gamma_q(av, z0) - lys_gamma_q(av, z1);
        return regularized ? ly_mkreal(vm, q) : ly_real_result(vm, q * tgamma(av));
    }
    LyExpr z = ly_narg(e, 2);
    if (lys_infinity_sign(z) > 0) return ly_mksmall(0);
    if (any_machine(e)) {
        if (!all_realnum(e)) return NULL;
        double av = ly_num_to_double(a), zv = ly_num_to_double(z);
        if (!(av > 0) || zv < 0) return NULL;
        double q = lys_gamma_q(av, zv);
        return regularized ? ly_mkreal(vm, q) : ly_real_result(vm, q * tgamma(av));
    }
    int64_t n;
    if (small_order(a, &n)) return integer_order(vm, n, z, regularized);
    if (ly_is_number(z) && ly_num_is_zero(z) && is_exact_num(a) && ly_num_sign(a) > 0)
        return regularized ? ly_mksmall(1) : lys_apply_eval(vm, ly_symbol(vm, "Gamma"), 1, &a);
    return NULL;
}

/* Gamma[a, z] and Gamma[a, z0, z1] (from numfn.c's Gamma) */
LyExpr lys_gamma_incomplete(LyVM *vm, LyExpr e) { return incgamma(vm, e, false); }

static LyExpr b_gammaregularized(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 3)) return NULL;
    return incgamma(vm, e, true);
}

/* BetaRegularized[z, a, b] */
static LyExpr b_betaregularized(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 3, 3)) return NULL;
    LyExpr z = ly_narg(e, 1), a = ly_narg(e, 2), b = ly_narg(e, 3);
    if (any_machine(e)) {
        if (!all_realnum(e)) return NULL;
        double zv = ly_num_to_double(z), av = ly_num_to_double(a), bv = ly_num_to_double(b);
        if (!(av > 0) || !(bv > 0) || zv < 0 || zv > 1) return NULL;
        return ly_mkreal(vm, lys_beta_i(zv, av, bv));
    }
    if (!is_exact_num(z)) return NULL;
    if (ly_num_is_zero(z) && is_exact_num(a) && ly_num_sign(a) > 0) return ly_mksmall(0);
    int64_t na, nb;
    if (!small_order(a, &na) || !small_order(b, &nb)) return NULL;
    /* I_z(a, b) = Sum[Binomial[m, j] z^j (1 - z)^(m - j), {j, a, m}], m = a + b - 1 */
    mpq_t q, w, s, t, zp, wp;
    lys_mpq_get(q, z);           /* (initialises q) */
    mpq_inits(w, s, t, zp, wp, NULL);
    mpq_set_ui(w, 1, 1);
    mpq_sub(w, w, q);
    int64_t m = na + nb - 1;
    mpz_t bin;
    mpz_init(bin);
    for (int64_t j = na; j <= m; j++) {
        mpz_bin_uiui(bin, (unsigned long)m, (unsigned long)j);
        mpz_pow_ui(mpq_numref(zp), mpq_numref(q), (unsigned long)j);
        mpz_pow_ui(mpq_denref(zp), mpq_denref(q), (unsigned long)j);
        mpz_pow_ui(mpq_numref(wp), mpq_numref(w), (unsigned long)(m - j));
        mpz_pow_ui(mpq_denref(wp), mpq_denref(w), (unsigned long)(m - j));
        mpq_mul(t, zp, wp);
        mpz_mul(mpq_numref(t), mpq_numref(t), bin);
        mpq_canonicalize(t);
        mpq_add(s, s, t);
        if ((j & 63) == 0 && !ly_safe_point(vm)) break;
    }
    LyExpr r = ly_unwinding(vm) ? NULL : lys_from_mpq(vm, s);
    mpz_clear(bin);
    mpq_clears(q, w, s, t, zp, wp, NULL);
    return r;
}

static LyBuiltin incgamma_builtins[] = {
    { "GammaRegularized", b_gammaregularized, "Listable NumericFunction Protected",
      "GammaRegularized[a, z] is the regularized incomplete gamma function Q(a, z).\n"
      "GammaRegularized[a, z0, z1] is the generalized regularized incomplete gamma function Q(a, z0) - Q(a, z1)." },
    { "BetaRegularized", b_betaregularized, "Listable NumericFunction Protected",
      "BetaRegularized[z, a, b] is the regularized incomplete beta function I_z(a, b)." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_incgamma(LyVM *vm);
LyStatus lys_open_incgamma(LyVM *vm) { return ly_register_table(vm, incgamma_builtins); }
