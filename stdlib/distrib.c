/*
 * distrib.c — a few probability distributions: NormalDistribution,
 * UniformDistribution, ExponentialDistribution, PoissonDistribution,
 * BinomialDistribution, BernoulliDistribution, DiscreteUniformDistribution;
 * RandomVariate, PDF, CDF, and Mean, Variance, StandardDeviation of a
 * distribution (stats.c asks lys_dist_property).  Written against lyra.h +
 * lyra_ext.h.
 *
 * Each distribution is a row of Wolfram-language texts: pure functions of
 * the parameters (and of the point x for PDF and CDF, of the count n for
 * the random numbers, which come from RandomReal and RandomInteger, so
 * SeedRandom and the parallel streams apply).  The text is parsed when used.
 */
#include <string.h>
#include "lys_data.h"

typedef struct Dist {
    const char *name;
    int minp, maxp;         /* parameter counts; missing ones take the defaults */
    const char *defaults;   /* the full parameter list from the given ones, or NULL */
    const char *valid;      /* a test of the parameters */
    const char *mean, *var;
    const char *pdf, *cdf;  /* functions of the parameters and x */
    const char *rand;       /* a function of the parameters and n: n numbers */
    const char *usage;
} Dist;

static const Dist dists[] = {
    { "NormalDistribution", 0, 2, "Which[Length[{##}] == 0, {0, 1}, Length[{##}] == 2, {##}, True, Null] &",
      "Function[{m, s}, !(NumericQ[s] && !TrueQ[s > 0])]",
      "Function[{m, s}, m]", "Function[{m, s}, s^2]",
      "Function[{m, s, x}, E^(-(x - m)^2/(2 s^2))/(Sqrt[2 Pi] s)]",
      "Function[{m, s, x}, Erfc[(m - x)/(Sqrt[2] s)]/2]",
      "Function[{m, s, n}, m + s Sqrt[-2 Log[RandomReal[1, n]]] Cos[2 Pi RandomReal[1, n]]]",
      "NormalDistribution[\u03bc, \u03c3] represents a normal (Gaussian) distribution with mean \u03bc and standard deviation \u03c3.\n"
      "NormalDistribution[] represents a normal distribution with zero mean and unit standard deviation." },
    { "UniformDistribution", 0, 1, "If[Length[{##}] == 0, {0, 1}, First[{##}]] &",
      "Function[{a, b}, !(NumericQ[a] && NumericQ[b] && !TrueQ[a < b])]",
      "Function[{a, b}, (a + b)/2]", "Function[{a, b}, (b - a)^2/12]",
      "Function[{a, b, x}, Piecewise[{{1/(b - a), a <= x <= b}}, 0]]",
      "Function[{a, b, x}, Piecewise[{{(x - a)/(b - a), a <= x <= b}, {1, x > b}}, 0]]",
      "Function[{a, b, n}, RandomReal[{a, b}, n]]",
      "UniformDistribution[{min, max}] represents a continuous uniform statistical distribution giving values between min and max.\n"
      "UniformDistribution[] represents a continuous uniform distribution giving values between 0 and 1." },
    { "ExponentialDistribution", 1, 1, NULL,
      "Function[{l}, !(NumericQ[l] && !TrueQ[l > 0])]",
      "Function[{l}, 1/l]", "Function[{l}, 1/l^2]",
      "Function[{l, x}, Piecewise[{{l E^(-l x), x >= 0}}, 0]]",
      "Function[{l, x}, Piecewise[{{1 - E^(-l x), x >= 0}}, 0]]",
      "Function[{l, n}, -Log[RandomReal[1, n]]/l]",
      "ExponentialDistribution[\u03bb] represents an exponential distribution with scale inversely proportional to parameter \u03bb." },
    { "PoissonDistribution", 1, 1, NULL,
      "Function[{mu}, !(NumericQ[mu] && !TrueQ[mu > 0])]",
      "Function[{mu}, mu]", "Function[{mu}, mu]",
      "Function[{mu, x}, Piecewise[{{E^-mu mu^x/x!, x >= 0}}, 0]]",
      "Function[{mu, x}, Piecewise[{{GammaRegularized[Floor[x] + 1, mu], x >= 0}}, 0]]",
      "Function[{mu, n}, Table[Module[{k = 0, p = Exp[-N[mu]], s = Exp[-N[mu]], u = RandomReal[]}, "
      "While[u > s, k++; p *= mu/k; s += p]; k], n]]",
      "PoissonDistribution[\u03bc] represents a Poisson distribution with mean \u03bc." },
    { "BinomialDistribution", 2, 2, NULL,
      "Function[{k, p}, !(IntegerQ[k] && k < 0) && !(NumericQ[p] && !TrueQ[0 <= p <= 1])]",
      "Function[{k, p}, k p]", "Function[{k, p}, k p (1 - p)]",
      "Function[{k, p, x}, Piecewise[{{Binomial[k, x] p^x (1 - p)^(k - x), 0 <= x <= k}}, 0]]",
      "Function[{k, p, x}, Piecewise[{{Sum[Binomial[k, i] p^i (1 - p)^(k - i), {i, 0, Floor[x]}], 0 <= x < k}, {1, x >= k}}, 0]]",
      "Function[{k, p, n}, Table[Count[RandomReal[1, k], r_ /; r < p], n]]",
      "BinomialDistribution[n, p] represents a binomial distribution with n trials and success probability p." },
    { "BernoulliDistribution", 1, 1, NULL,
      "Function[{p}, !(NumericQ[p] && !TrueQ[0 <= p <= 1])]",
      "Function[{p}, p]", "Function[{p}, p (1 - p)]",
      "Function[{p, x}, Piecewise[{{1 - p, x == 0}, {p, x == 1}}, 0]]",
      "Function[{p, x}, Piecewise[{{0, x < 0}, {1 - p, 0 <= x < 1}}, 1]]",
      "Function[{p, n}, Map[Boole[# < p] &, RandomReal[1, n]]]",
      "BernoulliDistribution[p] represents a Bernoulli distribution with probability parameter p." },
    { "DiscreteUniformDistribution", 1, 1, "First[{##}] &",
      "Function[{a, b}, !(IntegerQ[a] && IntegerQ[b] && a > b)]",
      "Function[{a, b}, (a + b)/2]", "Function[{a, b}, ((b - a + 1)^2 - 1)/12]",
      "Function[{a, b, x}, Piecewise[{{1/(b - a + 1), a <= x <= b}}, 0]]",
      "Function[{a, b, x}, Piecewise[{{(Floor[x] - a + 1)/(b - a + 1), a <= x < b}, {1, x >= b}}, 0]]",
      "Function[{a, b, n}, RandomInteger[{a, b}, n]]",
      "DiscreteUniformDistribution[{imin, imax}] represents a discrete uniform distribution over the integers from imin to imax." },
};

#define NDISTS (sizeof dists / sizeof dists[0])

static const Dist *dist_of(LyExpr d) {
    if (!ly_is_normal(d) || !ly_is_sym(ly_nhead(d))) return NULL;
    const char *n = ly_sym(ly_nhead(d))->name;
    for (size_t i = 0; i < NDISTS; i++)
        if (!strcmp(n, dists[i].name)) return (int)ly_nlen(d) >= dists[i].minp && (int)ly_nlen(d) <= dists[i].maxp ? &dists[i] : NULL;
    return NULL;
}

/* the text parsed and evaluated */
static LyExpr text_value(LyVM *vm, const char *text) {
    LyExpr e = NULL;
    if (ly_parse(vm, text, strlen(text), "distribution", &e) != LY_OK || !e) return NULL;
    return lys_eval_steal(vm, e);
}

/* the full parameter list of d (a List), or NULL when the parameters are
 * not valid ones */
static LyExpr params_of(LyVM *vm, const Dist *D, LyExpr d) {
    LyExpr ps;
    if (D->defaults) {
        LyExpr f = text_value(vm, D->defaults);
        ps = f ? lys_apply_eval(vm, f, ly_nlen(d), ly_nargs(d)) : NULL;
        ly_unref(vm, f);
        if (!ps || !ly_head_is(ps, LY_SYM(List))) { ly_unref(vm, ps); return NULL; }
    } else {
        ps = ly_mknormal(vm, LY_SYM(List), ly_nlen(d));
        for (size_t i = 1; ps && i <= ly_nlen(d); i++) { ly_ref(ly_narg(d, i)); ly_nset(ps, i, ly_narg(d, i)); }
        if (!ps) return NULL;
    }
    LyExpr t = text_value(vm, D->valid);
    LyExpr ok = t ? lys_apply_eval(vm, t, ly_nlen(ps), ly_nargs(ps)) : NULL;
    ly_unref(vm, t);
    if (ok != LY_SYM(True)) { ly_unref(vm, ok); ly_unref(vm, ps); return NULL; }
    ly_unref(vm, ok);
    return ps;
}

/* f (a text) applied to the parameters and extra (may be NULL) */
static LyExpr apply_text(LyVM *vm, const char *text, LyExpr ps, LyExpr extra) {
    LyExpr f = text_value(vm, text);
    if (!f) return NULL;
    size_t n = ly_nlen(ps);
    LyExpr args[8];
    for (size_t i = 0; i < n && i < 7; i++) args[i] = ly_narg(ps, i + 1);
    if (extra) args[n++] = extra;
    LyExpr r = lys_apply_eval(vm, f, n, args);
    ly_unref(vm, f);
    return r;
}

LyExpr lys_dist_property(LyVM *vm, const char *prop, LyExpr d) {
    const Dist *D = dist_of(d);
    if (!D) return NULL;
    LyExpr ps = params_of(vm, D, d);
    if (!ps) return NULL;
    LyExpr r = NULL;
    if (!strcmp(prop, "Mean")) r = apply_text(vm, D->mean, ps, NULL);
    else if (!strcmp(prop, "Variance")) r = apply_text(vm, D->var, ps, NULL);
    else if (!strcmp(prop, "StandardDeviation")) {
        LyExpr v = apply_text(vm, D->var, ps, NULL);
        r = v ? lys_eval_steal(vm, ly_mk(vm, LY_SYM(Sqrt), 1, v)) : NULL;
    }
    ly_unref(vm, ps);
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
                LyExpr v = apply_text(vm, pdf ? D->pdf : D->cdf, ps, ly_narg(x, i));
                if (!v) { lys_abandon(vm, r, i); r = NULL; break; }
                ly_nset(r, i, v);
            }
        } else r = apply_text(vm, pdf ? D->pdf : D->cdf, ps, x);
    } else {
        /* PDF[d]: a pure function */
        LyExpr slot = ly_mk(vm, LY_SYM(Slot), 1, ly_mksmall(1));
        LyExpr body = slot ? apply_text(vm, pdf ? D->pdf : D->cdf, ps, slot) : NULL;
        ly_unref(vm, slot);
        r = body ? ly_mk(vm, LY_SYM(Function), 1, body) : NULL;
    }
    ly_unref(vm, ps);
    return r;
}

static LyExpr b_pdf(LyVM *vm, LyExpr e) { return pdf_cdf(vm, e, true); }
static LyExpr b_cdf(LyVM *vm, LyExpr e) { return pdf_cdf(vm, e, false); }

/* RandomVariate[d], RandomVariate[d, n], RandomVariate[d, {n1, n2, ...}] */
static LyExpr b_randomvariate(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    const Dist *D = dist_of(ly_narg(e, 1));
    if (!D) return NULL;
    LyExpr spec = ly_nlen(e) == 2 ? ly_narg(e, 2) : ly_mksmall(1);
    int64_t total = 1;
    if (ly_is_small(spec)) total = ly_small(spec);
    else if (ly_head_is(spec, LY_SYM(List)) && ly_nlen(spec) > 0) {
        for (size_t i = 1; i <= ly_nlen(spec); i++) {
            if (!ly_is_small(ly_narg(spec, i)) || ly_small(ly_narg(spec, i)) < 0) return NULL;
            total *= ly_small(ly_narg(spec, i));
            if (total > ((int64_t)1 << 40)) return NULL;
        }
    } else return NULL;
    if (total < 0) return NULL;
    LyExpr ps = params_of(vm, D, ly_narg(e, 1));
    if (!ps) return NULL;
    LyExpr r = apply_text(vm, D->rand, ps, ly_mksmall(ly_nlen(e) == 1 ? 1 : total));
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

static LyBuiltin dist_builtins[NDISTS + 4] = {
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
};

LyStatus lys_open_distrib(LyVM *vm);
LyStatus lys_open_distrib(LyVM *vm) {
    LyStatus st = ly_register_table(vm, dist_builtins);
    for (size_t i = 0; st == LY_OK && i < NDISTS; i++)
        st = ly_register(vm, dists[i].name, NULL, "Protected ReadProtected", dists[i].usage);
    return st;
}
