/*
 * distrib.c — probability distributions: NormalDistribution,
 * UniformDistribution, ExponentialDistribution, PoissonDistribution,
 * BinomialDistribution, BernoulliDistribution, DiscreteUniformDistribution;
 * RandomVariate, PDF, CDF, InverseCDF, DistributionParameterQ, and Mean,
 * Variance, StandardDeviation, Median, Quantile, Quartiles,
 * InterquartileRange of a distribution (stats.c and derived.c ask
 * lys_dist_call first).  Written against lyra.h + lyra_ext.h.
 *
 * Each distribution is a row of Wolfram-language texts: functions of the
 * parameters (and of the point x for PDF and CDF, of the probability q for
 * quantiles, of the count n for random numbers), in the forms Wolfram gives
 * (PDF[PoissonDistribution[mu], k] is Piecewise[{{E^-mu mu^k/k!, k >= 0}}, 0]).
 * The text is parsed when used.  Random numbers come from RandomReal and
 * RandomInteger, so SeedRandom and the parallel streams apply; the discrete
 * ones with unbounded support invert their CDF from the mode in C.
 *
 * Parameters are checked when a distribution is used, as Wolfram does
 * (NormalDistribution[0, -1] is inert; PDF of it gives
 * NormalDistribution::posprm and stays unevaluated).
 */
#include <complex.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "lys_data.h"
#undef I

/* The quantile at u (0 <= u < 1) of a discrete distribution with
 * numeric parameters p[]: its CDF inverted in machine arithmetic. */
typedef double (*DiscreteInv)(const double *p, double u);

/* the relative rounding of a machine CDF: q at a step of the CDF (Quantile[
 * BinomialDistribution[10, 1/2], 11/64]) is the step's own value */
#define TIE 1e-12

typedef struct Dist {
    const char *name;
    bool listparam;         /* the parameters are {min, max} */
    int minp, maxp;         /* count of arguments */
    const char *kinds;      /* per parameter: r real, p positive, q probability, n integer >= 0, i integer */
    char order;             /* listparam: '<' min < max, 'l' min <= max */
    bool discrete;
    const char *args;       /* the parameter names */
    const char *defaults;   /* the parameter list when there are no arguments */
    const char *mean, *var, *sd, *median;
    const char *pdf, *cdf;  /* of x */
    const char *quantile;   /* of q, 0 <= q <= 1 (NULL: inv) */
    DiscreteInv inv;
    const char *rand;       /* of n: n numbers (NULL: inv) */
    const char *moment;     /* the raw moment of order k (an integer >= 1) */
    const char *support;    /* {lo, hi} (discrete: the integers between) */
    const char *usage;
} Dist;

static double poisson_inv(const double *ps, double u) {
    double mu = ps[0];
    double k = mu < 30 ? 0 : floor(mu);
    double p = exp(-mu + k * log(mu) - lgamma(k + 1));
    double F = k == 0 ? p : lys_gamma_q(k + 1, mu);
    if (u <= F * (1 + TIE)) {
        while (k > 0 && u <= (F - p) * (1 + TIE) && p > 0) { F -= p; p *= k / mu; k--; }
        return k;
    }
    while (u > F * (1 + TIE)) {
        k++;
        p *= mu / k;
        F += p;
        if (p < DBL_MIN && k > mu) break;
    }
    return k;
}

static double binomial_inv(const double *ps, double u) {
    double n = ps[0], pr = ps[1];
    if (pr <= 0) return 0;
    if (pr >= 1) return n;
    double k = floor((n + 1) * pr);
    if (k > n) k = n;
    double p = exp(lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) + k * log(pr) + (n - k) * log1p(-pr));
    double F = k >= n ? 1 : lys_beta_i(1 - pr, n - k, k + 1);
    if (u <= F * (1 + TIE)) {
        while (k > 0 && u <= (F - p) * (1 + TIE) && p > 0) { F -= p; p *= k * (1 - pr) / ((n - k + 1) * pr); k--; }
        return k;
    }
    while (u > F * (1 + TIE) && k < n) {
        p *= (n - k) * pr / ((k + 1) * (1 - pr));
        k++;
        F += p;
    }
    return k;
}

static const Dist dists[] = {
    { "NormalDistribution", false, 0, 2, "rp", 0, false, "{m, s}", "{0, 1}",
      "m", "s^2", "s", "m",
      "E^(-(x - m)^2/(2 s^2))/(Sqrt[2 Pi] s)",
      "Erfc[(m - x)/(Sqrt[2] s)]/2",
      "Which[q == 0, -Infinity, q == 1, Infinity, True, m - Sqrt[2] s InverseErfc[2 q]]", NULL,
      "m + s Sqrt[-2 Log[1 - RandomReal[1, n]]] Cos[2 Pi RandomReal[1, n]]",
      "Expand[D[E^(m t + s^2 t^2/2), {t, k}] /. t -> 0]", "{-Infinity, Infinity}",
      "NormalDistribution[\u03bc, \u03c3] represents a normal (Gaussian) distribution with mean \u03bc and standard deviation \u03c3.\n"
      "NormalDistribution[] represents a normal distribution with zero mean and unit standard deviation." },
    { "UniformDistribution", true, 0, 1, "rr", '<', false, "{a, b}", "{0, 1}",
      "(a + b)/2", "(b - a)^2/12", "(b - a)/(2 Sqrt[3])", "(a + b)/2",
      "Piecewise[{{1/(b - a), a <= x <= b}}, 0]",
      "Piecewise[{{(x - a)/(b - a), a <= x <= b}, {1, x > b}}, 0]",
      "a + (b - a) q", NULL,
      "RandomReal[{a, b}, n]",
      "Cancel[(b^(k + 1) - a^(k + 1))/((k + 1) (b - a))]", "{a, b}",
      "UniformDistribution[{min, max}] represents a continuous uniform statistical distribution giving values between min and max.\n"
      "UniformDistribution[] represents a continuous uniform distribution giving values between 0 and 1." },
    { "ExponentialDistribution", false, 1, 1, "p", 0, false, "{l}", NULL,
      "1/l", "1/l^2", "1/l", "Log[2]/l",
      "Piecewise[{{l E^(-l x), x >= 0}}, 0]",
      "Piecewise[{{1 - E^(-l x), x >= 0}}, 0]",
      "If[q == 1, Infinity, Log[1/(1 - q)]/l]", NULL,
      "-Log[1 - RandomReal[1, n]]/l",
      "k!/l^k", "{0, Infinity}",
      "ExponentialDistribution[\u03bb] represents an exponential distribution with scale inversely proportional to parameter \u03bb." },
    { "PoissonDistribution", false, 1, 1, "p", 0, true, "{mu}", NULL,
      "mu", "mu", "Sqrt[mu]", NULL,
      "Piecewise[{{E^-mu mu^x/x!, x >= 0}}, 0]",
      "Piecewise[{{GammaRegularized[Floor[x] + 1, mu], x >= 0}}, 0]",
      NULL, poisson_inv, NULL,
      "Expand[D[E^(mu (E^t - 1)), {t, k}] /. t -> 0]", "{0, Infinity}",
      "PoissonDistribution[\u03bc] represents a Poisson distribution with mean \u03bc." },
    { "BinomialDistribution", false, 2, 2, "nq", 0, true, "{n, p}", NULL,
      "n p", "n (1 - p) p", "Sqrt[n (1 - p) p]", NULL,
      "Piecewise[{{(1 - p)^(n - x) p^x Binomial[n, x], 0 <= x <= n}}, 0]",
      "Piecewise[{{BetaRegularized[1 - p, n - Floor[x], 1 + Floor[x]], 0 <= x < n}, {1, x >= n}}, 0]",
      NULL, binomial_inv, NULL,
      "Factor[Expand[D[(1 - p + p E^t)^n, {t, k}] /. t -> 0]]", "{0, n}",
      "BinomialDistribution[n, p] represents a binomial distribution with n trials and success probability p." },
    { "BernoulliDistribution", false, 1, 1, "q", 0, true, "{p}", NULL,
      "p", "(1 - p) p", "Sqrt[(1 - p) p]", NULL,
      "Piecewise[{{1 - p, x == 0}, {p, x == 1}}, 0]",
      "Piecewise[{{0, x < 0}, {1 - p, 0 <= x < 1}}, 1]",
      "If[q <= 1 - p, 0, 1]", NULL,
      "Map[Boole[# < p] &, RandomReal[1, n]]",
      "p", "{0, 1}",
      "BernoulliDistribution[p] represents a Bernoulli distribution with probability parameter p." },
    { "DiscreteUniformDistribution", true, 1, 1, "ii", 'l', true, "{a, b}", NULL,
      "(a + b)/2", "((b - a + 1)^2 - 1)/12", "Sqrt[(b - a + 1)^2 - 1]/(2 Sqrt[3])", NULL,
      "Piecewise[{{1/(b - a + 1), a <= x <= b}}, 0]",
      "Piecewise[{{(Floor[x] - a + 1)/(b - a + 1), a <= x < b}, {1, x >= b}}, 0]",
      "Max[a, a - 1 + Ceiling[q (b - a + 1)]]", NULL,
      "RandomInteger[{a, b}, n]",
      "Sum[t^k, {t, a, b}]/(b - a + 1)", "{a, b}",
      "DiscreteUniformDistribution[{imin, imax}] represents a discrete uniform distribution over the integers from imin to imax." },
};

#define NDISTS (sizeof dists / sizeof dists[0])

static const Dist *dist_of(LyExpr d) {
    if (!ly_is_normal(d) || !ly_is_sym(ly_nhead(d))) return NULL;
    const char *n = ly_sym(ly_nhead(d))->name;
    size_t len = strlen(n);
    if (len < 12 || strcmp(n + len - 12, "Distribution")) return NULL;
    for (size_t i = 0; i < NDISTS; i++)
        if (!strcmp(n, dists[i].name))
            return (int)ly_nlen(d) >= dists[i].minp && (int)ly_nlen(d) <= dists[i].maxp ? &dists[i] : NULL;
    return NULL;
}

/* the text parsed (not evaluated) */
static LyExpr text_expr(LyVM *vm, const char *text) { return lys_text_expr(vm, text, "distribution"); }

static LyExpr text_value(LyVM *vm, const char *text) { return lys_eval_steal(vm, text_expr(vm, text)); }

static void param_message(LyVM *vm, LyExpr d, const char *tag, const char *text, LyExpr v, size_t pos) {
    if (!d) return;     /* quiet */
    const char *name = ly_sym(ly_nhead(d))->name;
    ly_set_message(vm, name, tag, text);
    ly_message(vm, ly_nhead(d), tag, 3, v, ly_mksmall((int64_t)pos), d);
}

/* Checks parameter v (position pos) of kind k; false (with a message) when
 * it is numeric and not of that kind. */
static bool check_param(LyVM *vm, LyExpr d, char k, LyExpr v, size_t pos) {
    if (!lys_numericq(vm, v)) return true;
    double _Complex z;
    if (!lys_nvalue(vm, v, &z)) return true;
    if (cimag(z) != 0) {
        param_message(vm, d, "realprm", "Parameter `1` at position `2` in `3` is expected to be real.", v, pos);
        return false;
    }
    double x = creal(z);
    switch (k) {
    case 'p':
        if (!(x > 0)) {
            param_message(vm, d, "posprm", "Parameter `1` at position `2` in `3` is expected to be positive.", v, pos);
            return false;
        }
        break;
    case 'q':
        if (!(x >= 0 && x <= 1)) {
            param_message(vm, d, "probprm", "Parameter `1` at position `2` in `3` is expected to be a probability between 0 and 1.", v, pos);
            return false;
        }
        break;
    case 'n':
        if (!ly_is_integer(v) || ly_num_sign(v) < 0) {
            param_message(vm, d, "nnintprm", "Parameter `1` at position `2` in `3` is expected to be a non-negative integer.", v, pos);
            return false;
        }
        break;
    case 'i':
        if (!ly_is_integer(v)) {
            param_message(vm, d, "intprm", "Parameter `1` at position `2` in `3` is expected to be an integer.", v, pos);
            return false;
        }
        break;
    }
    return true;
}

/* the parameter list of d (a List of as many as D->args names), or NULL
 * (with a message when a parameter is out of range, unless quiet) */
static LyExpr params_check(LyVM *vm, const Dist *D, LyExpr d, bool quiet) {
    LyExpr md = quiet ? NULL : d;
    LyExpr ps;
    if (ly_nlen(d) == 0) ps = text_value(vm, D->defaults);
    else if (D->listparam) {
        ps = ly_narg(d, 1);
        if (!ly_head_is(ps, LY_SYM(List)) || ly_nlen(ps) != 2) return NULL;
        ly_ref(ps);
    } else {
        ps = ly_mknormal(vm, LY_SYM(List), ly_nlen(d));
        for (size_t i = 1; ps && i <= ly_nlen(d); i++) { ly_ref(ly_narg(d, i)); ly_nset(ps, i, ly_narg(d, i)); }
    }
    if (!ps) return NULL;
    for (size_t i = 1; i <= ly_nlen(ps); i++)
        if (!check_param(vm, md, D->kinds[i - 1], ly_narg(ps, i), i)) { ly_unref(vm, ps); return NULL; }
    if (D->listparam) {
        double _Complex a, b;
        if (lys_numericq(vm, ly_narg(ps, 1)) && lys_numericq(vm, ly_narg(ps, 2)) &&
            lys_nvalue(vm, ly_narg(ps, 1), &a) && lys_nvalue(vm, ly_narg(ps, 2), &b) &&
            (D->order == '<' ? !(creal(a) < creal(b)) : !(creal(a) <= creal(b)))) {
            if (quiet) { ly_unref(vm, ps); return NULL; }
            ly_set_message(vm, ly_sym(ly_nhead(d))->name, "ordlims",
                           D->order == '<' ? "The lower limit `1` is expected to be less than the upper limit `2` in `3`."
                                           : "The lower limit `1` is expected to be at most the upper limit `2` in `3`.");
            ly_message(vm, ly_nhead(d), "ordlims", 3, ly_narg(ps, 1), ly_narg(ps, 2), d);
            ly_unref(vm, ps);
            return NULL;
        }
    }
    return ps;
}

static LyExpr params_of(LyVM *vm, const Dist *D, LyExpr d) { return params_check(vm, D, d, false); }

/* text with each parameter name (and var, and t, the moments' own
 * variable) written ly$name, so that the functions made from it create no
 * symbols in the user's context */
static bool private_names(char *out, size_t cap, const char *text, const char *names, const char *var) {
    size_t o = 0;
    for (const char *t = text; *t;) {
        if ((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z')) {
            const char *w = t;
            while ((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z') || (*t >= '0' && *t <= '9') || *t == '$') t++;
            size_t wl = (size_t)(t - w);
            bool param = (var && strlen(var) == wl && !strncmp(w, var, wl)) || (wl == 1 && *w == 't');
            for (const char *nm = names; !param && *nm;) {
                while (*nm && !((*nm >= 'a' && *nm <= 'z') || (*nm >= 'A' && *nm <= 'Z'))) nm++;
                const char *ns = nm;
                while ((*nm >= 'a' && *nm <= 'z') || (*nm >= 'A' && *nm <= 'Z')) nm++;
                if (nm > ns && (size_t)(nm - ns) == wl && !strncmp(ns, w, wl)) param = true;
            }
            if (o + wl + 4 >= cap) return false;
            if (param) { memcpy(out + o, "ly$", 3); o += 3; }
            memcpy(out + o, w, wl);
            o += wl;
        } else {
            if (o + 2 >= cap) return false;
            out[o++] = *t++;
        }
    }
    out[o] = 0;
    return true;
}

/* Function[{params..., var}, text] applied to the parameters and extra
 * (may be NULL), evaluated */
static LyExpr apply_text(LyVM *vm, const Dist *D, const char *text, LyExpr ps, const char *var, LyExpr extra) {
    char buf[1024], fn[1200];
    size_t al = strlen(D->args);
    if (var) snprintf(buf, sizeof buf, "Function[{%.*s, %s}, %s]", (int)(al - 2), D->args + 1, var, text);
    else snprintf(buf, sizeof buf, "Function[%s, %s]", D->args, text);
    if (!private_names(fn, sizeof fn, buf, D->args, var)) return NULL;
    LyExpr f = text_expr(vm, fn);
    if (!f) return NULL;
    size_t n = ly_nlen(ps);
    LyExpr args[4];
    for (size_t i = 0; i < n && i < 3; i++) args[i] = ly_narg(ps, i + 1);
    if (extra) args[n++] = extra;
    LyExpr r = lys_apply_eval(vm, f, n, args);
    ly_unref(vm, f);
    return r;
}

/* machine values of the parameters, when all are numeric */
static bool numeric_params(LyVM *vm, LyExpr ps, double *out) {
    for (size_t i = 1; i <= ly_nlen(ps); i++) {
        double _Complex z;
        if (!lys_numericq(vm, ly_narg(ps, i)) || !lys_nvalue(vm, ly_narg(ps, i), &z) || cimag(z) != 0) return false;
        out[i - 1] = creal(z);
    }
    return true;
}

static bool has_machine(LyVM *vm, LyExpr ps) {
    for (size_t i = 1; i <= ly_nlen(ps); i++) if (ly_is_real(ly_narg(ps, i))) return true;
    (void)vm;
    return false;
}

/* the quantile of D at q (a number in [0, 1]) */
static LyExpr quantile_at(LyVM *vm, const Dist *D, LyExpr ps, LyExpr q) {
    if (D->quantile) return apply_text(vm, D, D->quantile, ps, "q", q);
    double p[3];
    if (!numeric_params(vm, ps, p)) return NULL;
    double u = ly_num_to_double(q);
    if (u >= 1) {
        /* the top of the support */
        if (!strcmp(D->name, "BinomialDistribution")) { ly_ref(ly_narg(ps, 1)); return ly_narg(ps, 1); }
        return lys_infinity(vm, 1);
    }
    return ly_int(vm, (int64_t)D->inv(p, u));
}

static bool is_prob(LyExpr q) {
    return lys_is_realnum(q) && ly_num_sign(q) >= 0 && ly_num_cmp(q, ly_mksmall(1)) <= 0;
}

static LyExpr quantile_of(LyVM *vm, LyExpr f, const Dist *D, LyExpr ps, LyExpr q) {
    if (ly_head_is(q, LY_SYM(List))) {
        LyExpr r = ly_mknormal(vm, LY_SYM(List), ly_nlen(q));
        for (size_t i = 1; r && i <= ly_nlen(q); i++) {
            LyExpr v = quantile_of(vm, f, D, ps, ly_narg(q, i));
            if (!v) { lys_abandon(vm, r, i); return NULL; }
            ly_nset(r, i, v);
        }
        return r;
    }
    if (!is_prob(q)) {
        if (lys_is_realnum(q)) {
            ly_set_message(vm, ly_sym(f)->name, "pqprm", "The probability `1` is expected to be between 0 and 1.");
            ly_message(vm, f, "pqprm", 1, q);
        }
        return NULL;
    }
    return quantile_at(vm, D, ps, q);
}

bool lys_is_dist(LyExpr d) { return dist_of(d) != NULL; }

/* Mean, Variance, StandardDeviation, Median, Quantile, InverseCDF,
 * Quartiles, InterquartileRange of a distribution e[[1]]; NULL when it is
 * not one (or its parameters are bad: then a message). */
LyExpr lys_dist_call(LyVM *vm, LyExpr e) {
    if (!ly_is_normal(e) || ly_nlen(e) < 1 || !ly_is_sym(ly_nhead(e))) return NULL;
    const Dist *D = dist_of(ly_narg(e, 1));
    if (!D) return NULL;
    const char *prop = ly_sym(ly_nhead(e))->name;
    size_t n = ly_nlen(e);
    bool quant = !strcmp(prop, "Quantile") || !strcmp(prop, "InverseCDF");
    if (quant ? n != 2 : n != 1) return NULL;
    LyExpr ps = params_of(vm, D, ly_narg(e, 1));
    if (!ps) return NULL;
    LyExpr r = NULL;
    if (!strcmp(prop, "Mean")) r = apply_text(vm, D, D->mean, ps, NULL, NULL);
    else if (!strcmp(prop, "Variance")) r = apply_text(vm, D, D->var, ps, NULL, NULL);
    else if (!strcmp(prop, "StandardDeviation")) r = apply_text(vm, D, D->sd, ps, NULL, NULL);
    else if (!strcmp(prop, "Median")) {
        if (D->median) r = apply_text(vm, D, D->median, ps, NULL, NULL);
        else {
            LyExpr half = ly_rational(vm, 1, 2);
            r = half ? quantile_at(vm, D, ps, half) : NULL;
            ly_unref(vm, half);
        }
    } else if (quant) r = quantile_of(vm, ly_nhead(e), D, ps, ly_narg(e, 2));
    else if (!strcmp(prop, "Quartiles") || !strcmp(prop, "InterquartileRange")) {
        LyExpr q[3];
        for (int i = 0; i < 3; i++) {
            LyExpr p = ly_rational(vm, i + 1, 4);
            q[i] = p ? quantile_at(vm, D, ps, p) : NULL;
            ly_unref(vm, p);
        }
        if (q[0] && q[1] && q[2]) {
            if (prop[0] == 'Q') r = ly_mk(vm, LY_SYM(List), 3, q[0], q[1], q[2]);
            else {
                r = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, q[2], ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), q[0])));
                if (r && !lys_is_realnum(r)) {
                    LyExpr s = lys_apply_eval(vm, ly_symbol(vm, "Simplify"), 1, &r);
                    ly_unref(vm, r);
                    r = s;
                }
                ly_unref(vm, q[1]);
            }
        } else for (int i = 0; i < 3; i++) ly_unref(vm, q[i]);
    }
    if (r && has_machine(vm, ps) && lys_numericq(vm, r)) {
        LyExpr nr = lys_numericalize(vm, r);
        ly_unref(vm, r);
        r = nr;
    }
    ly_unref(vm, ps);
    return r;
}

/* PDF or CDF of D at x */
static LyExpr pdf_cdf_at(LyVM *vm, const Dist *D, LyExpr ps, LyExpr x, bool pdf) {
    /* a discrete distribution has no mass off the integers */
    if (pdf && D->discrete && lys_is_realnum(x) && !ly_is_integer(x)) {
        double v = ly_num_to_double(x);
        if (v != floor(v)) return ly_is_real(x) ? ly_mkreal(vm, 0) : ly_mksmall(0);
    }
    LyExpr r = apply_text(vm, D, pdf ? D->pdf : D->cdf, ps, "x", x);
    if (r && has_machine(vm, ps) && lys_numericq(vm, r) && !ly_is_real(r)) {
        LyExpr nr = lys_numericalize(vm, r);
        ly_unref(vm, r);
        r = nr;
    }
    return r;
}

static LyExpr pdf_cdf(LyVM *vm, LyExpr e, bool pdf) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    const Dist *D = dist_of(ly_narg(e, 1));
    if (!D) return NULL;
    LyExpr ps = params_of(vm, D, ly_narg(e, 1));
    if (!ps) return NULL;
    LyExpr r;
    if (ly_nlen(e) == 2) {
        LyExpr x = ly_narg(e, 2);
        if (ly_head_is(x, LY_SYM(List))) {
            /* listable in x */
            r = ly_mknormal(vm, LY_SYM(List), ly_nlen(x));
            for (size_t i = 1; r && i <= ly_nlen(x); i++) {
                LyExpr v = pdf_cdf_at(vm, D, ps, ly_narg(x, i), pdf);
                if (!v) { lys_abandon(vm, r, i); r = NULL; break; }
                ly_nset(r, i, v);
            }
        } else r = pdf_cdf_at(vm, D, ps, x, pdf);
    } else {
        /* PDF[d]: a pure function */
        LyExpr slot = ly_mk(vm, LY_SYM(Slot), 1, ly_mksmall(1));
        LyExpr body = slot ? apply_text(vm, D, pdf ? D->pdf : D->cdf, ps, "x", slot) : NULL;
        ly_unref(vm, slot);
        r = body ? ly_mk(vm, LY_SYM(Function), 1, body) : NULL;
    }
    ly_unref(vm, ps);
    return r;
}

static LyExpr b_pdf(LyVM *vm, LyExpr e) { return pdf_cdf(vm, e, true); }
static LyExpr b_cdf(LyVM *vm, LyExpr e) { return pdf_cdf(vm, e, false); }

static LyExpr b_inversecdf(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    return lys_dist_call(vm, e);
}

static LyExpr b_distributionparameterq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    const Dist *D = dist_of(ly_narg(e, 1));
    if (!D) return NULL;
    LyExpr ps = params_check(vm, D, ly_narg(e, 1), true);
    if (!ps) return ly_unwinding(vm) ? NULL : LY_SYM(False);
    ly_unref(vm, ps);
    return LY_SYM(True);
}

/* n draws of a discrete distribution by inversion, as a packed array */
static LyExpr inverse_draws(LyVM *vm, const Dist *D, LyExpr ps, int64_t n) {
    double p[3];
    if (!numeric_params(vm, ps, p)) return NULL;
    LyExpr args[2] = { ly_mksmall(1), ly_int(vm, n) };
    LyExpr u = lys_apply_eval(vm, ly_symbol(vm, "RandomReal"), 2, args);
    ly_unref(vm, args[1]);
    if (!u) return NULL;
    if (!ly_is_packed(u) || ly_packed(u)->h.flags != LY_PACKED_REAL || ly_packed(u)->len != (size_t)n) {
        if (n == 0) return u;
        ly_unref(vm, u);
        return NULL;
    }
    size_t dim = (size_t)n;
    LyExpr r = ly_mkpacked(vm, LY_PACKED_INT64, 1, &dim);
    if (r) {
        const double *ud = ly_packed(u)->data;
        int64_t *out = ly_packed(r)->data;
        for (size_t i = 0; i < dim; i++) {
            out[i] = (int64_t)D->inv(p, ud[i]);
            if ((i & 1023) == 1023 && !ly_safe_point(vm)) { ly_unref(vm, r); r = NULL; break; }
        }
    }
    ly_unref(vm, u);
    return r;
}

/* RandomVariate[d], RandomVariate[d, n], RandomVariate[d, {n1, n2, ...}] */
static LyExpr b_randomvariate(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    const Dist *D = dist_of(ly_narg(e, 1));
    if (!D) return NULL;
    LyExpr spec = ly_nlen(e) == 2 ? ly_narg(e, 2) : ly_mksmall(1);
    int64_t total = 1;
    bool bad = false;
    if (ly_is_small(spec)) { total = ly_small(spec); bad = total < 0; }
    else if (ly_head_is(spec, LY_SYM(List)) && ly_nlen(spec) > 0) {
        for (size_t i = 1; i <= ly_nlen(spec); i++) {
            if (!ly_is_small(ly_narg(spec, i)) || ly_small(ly_narg(spec, i)) < 0) { bad = true; break; }
            total *= ly_small(ly_narg(spec, i));
            if (total > ((int64_t)1 << 40)) { bad = true; break; }
        }
    } else bad = true;
    if (bad) {
        ly_set_message(vm, "RandomVariate", "array",
                       "The array dimensions `1` given in position 2 of `2` should be a list of non-negative machine-sized integers giving the dimensions for the result.");
        ly_message(vm, ly_nhead(e), "array", 2, spec, e);
        return NULL;
    }
    LyExpr ps = params_of(vm, D, ly_narg(e, 1));
    if (!ps) return NULL;
    double p[3];
    if (!numeric_params(vm, ps, p)) { ly_unref(vm, ps); return NULL; }
    int64_t count = ly_nlen(e) == 1 ? 1 : total;
    LyExpr r;
    if (D->rand) {
        LyExpr cnt = ly_int(vm, count);
        r = apply_text(vm, D, D->rand, ps, "n", cnt);
        ly_unref(vm, cnt);
    } else r = inverse_draws(vm, D, ps, count);
    ly_unref(vm, ps);
    if (!r) return NULL;
    if (ly_nlen(e) == 1) {
        /* one number */
        LyExpr x = ly_part(vm, r, 1);
        ly_unref(vm, r);
        return x;
    }
    if (ly_head_is(spec, LY_SYM(List)) && ly_nlen(spec) > 1) {
        LyExpr args[2] = { r, spec };
        LyExpr a = lys_apply_eval(vm, ly_symbol(vm, "ArrayReshape"), 2, args);
        ly_unref(vm, r);
        return a;
    }
    return r;
}

/* ---- Probability, Expectation ------------------------------------------------------------------- */

/* x \[Distributed] d: the variable (a symbol) and d */
static bool distributed(LyExpr spec, LyExpr *x, LyExpr *d) {
    if (!ly_is_normal(spec) || ly_nlen(spec) != 2 || !ly_is_sym(ly_nhead(spec)) ||
        strcmp(ly_sym(ly_nhead(spec))->name, "Distributed")) return false;
    *x = ly_narg(spec, 1);
    *d = ly_narg(spec, 2);
    return ly_is_sym(*x);
}

static LyExpr call_text(LyVM *vm, const char *text, size_t n, const LyExpr *args) {
    LyExpr f = text_expr(vm, text);
    LyExpr r = f ? lys_apply_eval(vm, f, n, args) : NULL;
    ly_unref(vm, f);
    return r;
}

static bool is_head(LyExpr e, const char *name) {
    return ly_is_normal(e) && ly_is_sym(ly_nhead(e)) && !strcmp(ly_sym(ly_nhead(e))->name, name);
}

/* an interval of x: lo (lc: lo included) to hi (hc) */
typedef struct Ival { LyExpr lo, hi; bool lc, hc; } Ival;

/* narrows iv by the one comparison "a op b" (one side x); false when it
 * is not of that form */
static bool narrow(LyVM *vm, Ival *iv, LyExpr a, const char *op, LyExpr b, LyExpr x) {
    bool less = !strcmp(op, "Less") || !strcmp(op, "LessEqual");
    bool strict = !strcmp(op, "Less") || !strcmp(op, "Greater");
    bool eq = !strcmp(op, "Equal");
    LyExpr bound;
    if (a == x && !ly_equal(b, x)) bound = b;
    else if (b == x && !ly_equal(a, x)) { bound = a; less = !less; }
    else return false;
    if (!lys_numericq(vm, bound) && lys_infinity_sign(bound) == 0) return false;
    if (!eq && strcmp(op, "Less") && strcmp(op, "LessEqual") && strcmp(op, "Greater") && strcmp(op, "GreaterEqual")) return false;
    double _Complex bv;
    double v = lys_infinity_sign(bound) ? lys_infinity_sign(bound) * INFINITY
             : (lys_nvalue(vm, bound, &bv) ? creal(bv) : NAN);
    if (isnan(v)) return false;
    bool set_hi = eq || less, set_lo = eq || !less;
    if (set_hi) {
        double _Complex hv;
        double h = lys_infinity_sign(iv->hi) ? lys_infinity_sign(iv->hi) * INFINITY : (lys_nvalue(vm, iv->hi, &hv) ? creal(hv) : NAN);
        if (v < h || (v == h && strict)) { iv->hi = bound; iv->hc = !strict; }
    }
    if (set_lo) {
        double _Complex lv;
        double l = lys_infinity_sign(iv->lo) ? lys_infinity_sign(iv->lo) * INFINITY : (lys_nvalue(vm, iv->lo, &lv) ? creal(lv) : NAN);
        if (v > l || (v == l && strict)) { iv->lo = bound; iv->lc = !strict; }
    }
    return true;
}

/* the interval a condition on x describes (comparisons, chains, And) */
static bool cond_interval(LyVM *vm, LyExpr c, LyExpr x, Ival *iv) {
    static const char *const ops[] = { "Less", "LessEqual", "Greater", "GreaterEqual", "Equal" };
    if (is_head(c, "And")) {
        for (size_t i = 1; i <= ly_nlen(c); i++) if (!cond_interval(vm, ly_narg(c, i), x, iv)) return false;
        return true;
    }
    if (ly_head_is(c, LY_SYM(Inequality)) && ly_nlen(c) % 2 == 1) {
        for (size_t i = 2; i < ly_nlen(c); i += 2) {
            if (!ly_is_sym(ly_narg(c, i)) ||
                !narrow(vm, iv, ly_narg(c, i - 1), ly_sym(ly_narg(c, i))->name, ly_narg(c, i + 1), x)) return false;
        }
        return true;
    }
    for (size_t k = 0; k < 5; k++)
        if (is_head(c, ops[k]) && ly_nlen(c) >= 2) {
            for (size_t i = 1; i < ly_nlen(c); i++)
                if (!narrow(vm, iv, ly_narg(c, i), ops[k], ly_narg(c, i + 1), x)) return false;
            return true;
        }
    return false;
}

/* P(X <= h) (closed) or P(X < h) for a distribution */
static LyExpr prob_below(LyVM *vm, const Dist *D, LyExpr ps, LyExpr h, bool closed) {
    int inf = lys_infinity_sign(h);
    if (inf) return ly_mksmall(inf > 0 ? 1 : 0);
    if (!D->discrete || closed) return pdf_cdf_at(vm, D, ps, h, false);
    /* discrete, strict: P(X <= Ceiling[h] - 1) */
    LyExpr c = lys_apply_eval(vm, ly_symbol(vm, "Ceiling"), 1, &h);
    LyExpr c1 = c ? lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, c, ly_mksmall(-1))) : NULL;
    LyExpr r = c1 ? pdf_cdf_at(vm, D, ps, c1, false) : NULL;
    ly_unref(vm, c1);
    return r;
}

static LyExpr probability_of(LyVM *vm, LyExpr c, LyExpr x, const Dist *D, LyExpr ps) {
    LyExpr ninf = lys_infinity(vm, -1), pinf = lys_infinity(vm, 1);
    Ival iv = { ninf, pinf, false, false };
    LyExpr r = NULL;
    if (c == LY_SYM(True)) r = ly_mksmall(1);
    else if (c == LY_SYM(False)) r = ly_mksmall(0);
    else if (cond_interval(vm, c, x, &iv)) {
        double _Complex lv, hv;
        bool lnum = lys_nvalue(vm, iv.lo, &lv), hnum = lys_nvalue(vm, iv.hi, &hv);
        if (lnum && hnum && (creal(lv) > creal(hv) || (creal(lv) == creal(hv) && !(iv.lc && iv.hc)))) r = ly_mksmall(0);
        else if (lnum && hnum && creal(lv) == creal(hv)) {
            /* a point */
            r = D->discrete ? pdf_cdf_at(vm, D, ps, iv.lo, true) : ly_mksmall(0);
        } else if (!strcmp(D->name, "NormalDistribution")) {
            /* (Erf[(hi - m)/(Sqrt[2] s)] - Erf[(lo - m)/(Sqrt[2] s)])/2, as Wolfram writes it */
            LyExpr args[4] = { ly_narg(ps, 1), ly_narg(ps, 2), iv.lo, iv.hi };
            r = call_text(vm, "(If[#4 === Infinity, 1, Erf[(#4 - #1)/(Sqrt[2] #2)]] - "
                              "If[#3 === -Infinity, -1, Erf[(#3 - #1)/(Sqrt[2] #2)]])/2 &", 4, args);
        } else {
            LyExpr hi = prob_below(vm, D, ps, iv.hi, iv.hc);
            LyExpr lo = hi ? prob_below(vm, D, ps, iv.lo, !iv.lc) : NULL;
            if (hi && lo) r = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, hi, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), lo)));
            else { ly_unref(vm, hi); ly_unref(vm, lo); }
        }
    }
    ly_unref(vm, ninf);
    ly_unref(vm, pinf);
    return r;
}

/* the expectation of f (x distributed as D) */
static LyExpr expectation_of(LyVM *vm, LyExpr f, LyExpr x, const Dist *D, LyExpr ps, bool numeric) {
    if (is_head(f, "Boole") && ly_nlen(f) == 1) return probability_of(vm, ly_narg(f, 1), x, D, ps);
    LyExpr args[2] = { f, x };
    LyExpr poly = lys_apply_eval(vm, ly_symbol(vm, "PolynomialQ"), 2, args);
    bool is_poly = poly == LY_SYM(True);
    ly_unref(vm, poly);
    LyExpr sup = apply_text(vm, D, D->support, ps, NULL, NULL);
    if (!sup) return NULL;
    LyExpr r = NULL;
    if (is_poly) {
        /* Sum of c_k E[X^k] */
        LyExpr cl = lys_apply_eval(vm, ly_symbol(vm, "CoefficientList"), 2, args);
        if (cl && ly_head_is(cl, LY_SYM(List))) {
            size_t n = ly_nlen(cl);
            LyExpr sum = ly_mknormal(vm, LY_SYM(Plus), n ? n : 1);
            bool ok = sum != NULL;
            if (ok && n == 0) ly_nset(sum, 1, ly_mksmall(0));
            for (size_t k = 0; ok && k < n; k++) {
                LyExpr m = k == 0 ? ly_mksmall(1) : NULL;
                if (k > 0) {
                    LyExpr kk = ly_int(vm, (int64_t)k);
                    m = apply_text(vm, D, D->moment, ps, "k", kk);
                    ly_unref(vm, kk);
                }
                ly_ref(ly_narg(cl, k + 1));
                lys_nset_ok(sum, k + 1, m ? ly_mk(vm, LY_SYM(Times), 2, ly_narg(cl, k + 1), m) : (ly_unref(vm, ly_narg(cl, k + 1)), NULL), &ok);
            }
            if (ok) {
                LyExpr v = lys_eval_steal(vm, sum);
                r = v ? lys_apply_eval(vm, ly_symbol(vm, "Simplify"), 1, &v) : NULL;
                ly_unref(vm, v);
            } else if (sum) ly_unref(vm, sum);
        }
        ly_unref(vm, cl);
    } else {
        double p[3];
        bool finite = D->discrete && numeric_params(vm, ps, p) && lys_is_realnum(ly_narg(sup, 2));
        LyExpr pdf = pdf_cdf_at(vm, D, ps, x, true);
        if (pdf && ly_is_normal(pdf) && is_head(pdf, "Piecewise") && ly_nlen(pdf) == 2 &&
            ly_narg(pdf, 2) == ly_mksmall(0) && ly_nlen(ly_narg(pdf, 1)) == 1) {
            /* the density on its support (the bounds of the sum or integral) */
            LyExpr v = ly_narg(ly_narg(ly_narg(pdf, 1), 1), 1);
            ly_ref(v);
            ly_unref(vm, pdf);
            pdf = v;
        }
        if (pdf) {
            LyExpr prod = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, (ly_ref(f), f), pdf));
            ly_ref(x);
            LyExpr iter = prod ? ly_mk(vm, LY_SYM(List), 3, x, (ly_ref(ly_narg(sup, 1)), ly_narg(sup, 1)),
                                      (ly_ref(ly_narg(sup, 2)), ly_narg(sup, 2))) : NULL;
            const char *how = D->discrete ? (numeric && !finite ? "NSum" : "Sum") : (numeric ? "NIntegrate" : "Integrate");
            LyExpr a2[2] = { prod, iter };
            if (prod && iter) r = lys_apply_eval(vm, ly_symbol(vm, how), 2, a2);
            if (r && (is_head(r, "Integrate") || is_head(r, "Sum") || is_head(r, "NIntegrate") || is_head(r, "NSum"))) {
                ly_unref(vm, r);
                r = NULL;
            }
            ly_unref(vm, prod);
            ly_unref(vm, iter);
        }
    }
    ly_unref(vm, sup);
    return r;
}

static LyExpr prob_expect(LyVM *vm, LyExpr e, bool prob, bool numeric) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr x, d, c = ly_narg(e, 1);
    if (!distributed(ly_narg(e, 2), &x, &d)) return NULL;
    LyExpr r = NULL;
    if (lys_is_list(d)) {
        /* data: the fraction of the points where c holds, the mean of f */
        LyExpr args[3] = { c, x, d };
        r = call_text(vm, prob ? "Function[{ly$c, ly$x, ly$d}, Count[Map[Function[ly$v, TrueQ[ReplaceAll[ly$c, ly$x -> ly$v]]], ly$d], True]/Length[ly$d]]"
                               : "Function[{ly$c, ly$x, ly$d}, Mean[Map[Function[ly$v, ReplaceAll[ly$c, ly$x -> ly$v]], ly$d]]]", 3, args);
    } else {
        const Dist *D = dist_of(d);
        if (!D) return NULL;
        LyExpr ps = params_of(vm, D, d);
        if (!ps) return NULL;
        r = prob ? probability_of(vm, c, x, D, ps) : expectation_of(vm, c, x, D, ps, numeric);
        ly_unref(vm, ps);
    }
    if (r && numeric && !ly_is_real(r)) {
        LyExpr nr = lys_numericalize(vm, r);
        ly_unref(vm, r);
        r = nr;
    }
    return r;
}

static LyExpr b_probability(LyVM *vm, LyExpr e) { return prob_expect(vm, e, true, false); }
static LyExpr b_nprobability(LyVM *vm, LyExpr e) { return prob_expect(vm, e, true, true); }
static LyExpr b_expectation(LyVM *vm, LyExpr e) { return prob_expect(vm, e, false, false); }
static LyExpr b_nexpectation(LyVM *vm, LyExpr e) { return prob_expect(vm, e, false, true); }

static LyBuiltin dist_builtins[] = {
    { "RandomVariate", b_randomvariate, "Protected",
      "RandomVariate[dist] gives a pseudorandom variate from the symbolic distribution dist.\n"
      "RandomVariate[dist, n] gives a list of n pseudorandom variates from the symbolic distribution dist.\n"
      "RandomVariate[dist, {n1, n2, ...}] gives an n1 \u00d7 n2 \u00d7 ... array of pseudorandom variates." },
    { "PDF", b_pdf, "Protected",
      "PDF[dist, x] gives the probability density function for the distribution dist evaluated at x.\n"
      "PDF[dist] gives the PDF as a pure function." },
    { "CDF", b_cdf, "Protected",
      "CDF[dist, x] gives the cumulative distribution function for the distribution dist evaluated at x.\n"
      "CDF[dist] gives the CDF as a pure function." },
    { "InverseCDF", b_inversecdf, "Protected",
      "InverseCDF[dist, q] gives the inverse of the cumulative distribution function for the distribution dist as a function of the variable q." },
    { "Probability", b_probability, "Protected",
      "Probability[pred, x \u2208 dist] gives the probability for an event that satisfies the predicate pred under the assumption that x follows the probability distribution dist.\n"
      "Probability[pred, x \u2208 data] gives the probability for an event that satisfies the predicate pred under the assumption that x follows the distribution of the data." },
    { "NProbability", b_nprobability, "Protected",
      "NProbability[pred, x \u2208 dist] gives the numerical probability for an event that satisfies the predicate pred under the assumption that x follows the probability distribution dist." },
    { "Expectation", b_expectation, "Protected",
      "Expectation[expr, x \u2208 dist] gives the expectation of expr under the assumption that x follows the probability distribution dist.\n"
      "Expectation[expr, x \u2208 data] gives the expectation of expr under the assumption that x follows the probability distribution of the data." },
    { "NExpectation", b_nexpectation, "Protected",
      "NExpectation[expr, x \u2208 dist] gives the numerical expectation of expr under the assumption that x follows the probability distribution dist." },
    { "Distributed", NULL, "Protected",
      "x \uf3d2 dist or Distributed[x, dist] asserts that the random variable x is distributed according to the probability distribution dist." },
    { "DistributionParameterQ", b_distributionparameterq, "Protected",
      "DistributionParameterQ[dist] yields True if dist is a valid distribution, and yields False otherwise." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_distrib(LyVM *vm);
LyStatus lys_open_distrib(LyVM *vm) {
    LyStatus st = ly_register_table(vm, dist_builtins);
    for (size_t i = 0; st == LY_OK && i < NDISTS; i++)
        st = ly_register(vm, dists[i].name, NULL, "Protected ReadProtected", dists[i].usage);
    return st;
}
