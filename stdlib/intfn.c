/*
 * intfn.c — number-theoretic and piecewise functions: Abs, Sign, Floor,
 * Ceiling, Round, IntegerPart, FractionalPart, Mod, Quotient,
 * QuotientRemainder, GCD, LCM, Factorial, Binomial, Fibonacci, Prime, Re, Im, Conjugate, Arg, Numerator, Denominator.
 * Written against lyra.h + lyra_ext.h (and GMP for big integers).
 *
 * Exact arguments give exact results (GMP); machine reals give machine
 * results; other arguments leave the expression as it is.  Round rounds
 * halves to even, exactly for rationals and through the current rounding
 * mode (nearbyint) for machine reals.  PrimeQ and the other prime
 * functions live in numtheory.c.
 */
#include <math.h>
#include <complex.h>
#include <string.h>
#include "lys_data.h"
#undef I

/* ---- helpers -------------------------------------------------------------------------------- */

static bool is_rational(LyExpr x) { return ly_is_integer(x) || ly_type(x) == LY_TRAT; }

static LyExpr from_double_int(LyVM *vm, double v) {
    if (fabs(v) < 4.0e18) return ly_int(vm, (int64_t)v);
    mpz_t z;
    mpz_init_set_d(z, v);
    LyExpr r = ly_mkint_big(vm, z);
    mpz_clear(z);
    return r;
}

static LyExpr re_of(LyExpr x) { return ly_type(x) == LY_TCOMPLEX ? ((LyComplex *)x)->re : x; }
static LyExpr im_of(LyExpr x) { return ly_type(x) == LY_TCOMPLEX ? ((LyComplex *)x)->im : ly_mksmall(0); }

static LyExpr eval_mk(LyVM *vm, LyExpr e) { return lys_eval_steal(vm, e); }

/* ---- Floor, Ceiling, Round, IntegerPart, FractionalPart ---------------------------------------- */

typedef enum { R_FLOOR, R_CEIL, R_ROUND, R_TRUNC } RoundKind;

static LyExpr round_rational(LyVM *vm, LyExpr x, RoundKind k) {
    if (ly_is_integer(x)) { ly_ref(x); return x; }
    mpz_t n, d, q;
    lys_mpz_get(n, ((LyRational *)x)->num);
    lys_mpz_get(d, ((LyRational *)x)->den);
    mpz_init(q);
    switch (k) {
    case R_FLOOR: mpz_fdiv_q(q, n, d); break;
    case R_CEIL: mpz_cdiv_q(q, n, d); break;
    case R_TRUNC: mpz_tdiv_q(q, n, d); break;
    case R_ROUND: {
        mpz_t r;
        mpz_init(r);
        mpz_fdiv_qr(q, r, n, d);
        mpz_mul_2exp(r, r, 1);
        int c = mpz_cmp(r, d);
        if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
        mpz_clear(r);
        break;
    }
    }
    LyExpr res = ly_mkint_big(vm, q);
    mpz_clear(n); mpz_clear(d); mpz_clear(q);
    return res;
}

static LyExpr round_real(LyVM *vm, double v, RoundKind k) {
    if (isnan(v) || isinf(v)) return NULL;
    double r = k == R_FLOOR ? floor(v) : k == R_CEIL ? ceil(v) : k == R_TRUNC ? trunc(v) : nearbyint(v);
    return from_double_int(vm, r);
}

static LyExpr round_number(LyVM *vm, LyExpr x, RoundKind k) {
    if (is_rational(x)) return round_rational(vm, x, k);
    if (ly_is_real(x)) return round_real(vm, ly_realv(x), k);
    if (ly_type(x) == LY_TCOMPLEX) {
        LyExpr re = round_number(vm, re_of(x), k), im = re ? round_number(vm, im_of(x), k) : NULL;
        if (!re || !im) { ly_unref(vm, re); return NULL; }
        return ly_mkcomplex(vm, re, im);
    }
    return NULL;
}

/* Floor[10^30 Pi] and the like: the function of N[x, p], with p digits
 * beyond those of the integer part, when N[x, p] is clear of the nearest
 * integer (and of the nearest half for Round); otherwise more digits, up
 * to a bound, then unevaluated (x may be an integer in disguise). */
static LyExpr round_precise(LyVM *vm, LyExpr e, LyExpr x, double v) {
    double mag = fabs(v) > 1 ? log10(fabs(v)) : 0;
    for (int extra = 30; extra <= 480; extra *= 2) {
        LyExpr p = ly_int(vm, (int64_t)mag + extra);
        LyExpr args[2] = { x, p };
        LyExpr nx = lys_apply_eval(vm, ly_symbol(vm, "N"), 2, args);
        ly_unref(vm, p);
        if (!nx) return NULL;
        /* clear of the integers and half-integers: 2 nx is not within 10^-(extra - 10) of an integer */
        LyExpr t2 = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(2), (ly_ref(nx), nx)));
        LyExpr rd = t2 ? lys_apply_eval(vm, ly_symbol(vm, "Round"), 1, &t2) : NULL;
        LyExpr clear = NULL;
        if (rd && ly_is_integer(rd)) {
            LyExpr d = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, (ly_ref(t2), t2), ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), (ly_ref(rd), rd))));
            LyExpr ad = d ? lys_apply_eval(vm, ly_symbol(vm, "Abs"), 1, &d) : NULL;
            ly_unref(vm, d);
            LyExpr tol = ly_mk(vm, LY_SYM(Power), 2, ly_mksmall(10), ly_int(vm, 10 - extra));
            clear = ad && tol ? lys_eval_steal(vm, ly_mk(vm, LY_SYM(Greater), 2, ad, tol)) : (ly_unref(vm, ad), ly_unref(vm, tol), NULL);
        }
        ly_unref(vm, t2);
        ly_unref(vm, rd);
        if (clear == LY_SYM(True)) {
            LyExpr r = lys_apply_eval(vm, ly_nhead(e), 1, &nx);
            ly_unref(vm, nx);
            if (r && !ly_is_integer(r)) { ly_unref(vm, r); return NULL; }
            return r;
        }
        ly_unref(vm, clear);
        ly_unref(vm, nx);
        if (ly_unwinding(vm)) return NULL;
    }
    return NULL;
}

static LyExpr rounding(LyVM *vm, LyExpr e, RoundKind k) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_nlen(e) == 2) {
        /* to a multiple of a: a Round[x/a] */
        LyExpr a = ly_narg(e, 2);
        if (ly_is_number(a) && !ly_num_is_zero(a) && !ly_is_number(x) && lys_numericq(vm, x)) {
            /* an arbitrary-precision or symbolic numeric x: a Round[x/a] evaluated */
            LyExpr q = ly_mk(vm, ly_nhead(e), 1, ly_mk(vm, LY_SYM(Times), 2, (ly_ref(x), x),
                                                        ly_mk(vm, LY_SYM(Power), 2, (ly_ref(a), a), ly_mksmall(-1))));
            LyExpr r = q ? lys_eval_steal(vm, q) : NULL;
            if (!r || !ly_is_integer(r)) { ly_unref(vm, r); return NULL; }
            LyExpr p = ly_num_mul(vm, r, a);
            ly_unref(vm, r);
            return p;
        }
        if (!ly_is_number(x) || !ly_is_number(a) || ly_num_is_zero(a)) return NULL;
        LyExpr q = ly_num_div(vm, x, a);
        LyExpr r = q ? round_number(vm, q, k) : NULL;
        ly_unref(vm, q);
        if (!r) return NULL;
        LyExpr p = ly_num_mul(vm, r, a);
        ly_unref(vm, r);
        return p;
    }
    if (ly_is_number(x)) return round_number(vm, x, k);
    int s = lys_infinity_sign(x);
    if (s) { ly_ref(x); return x; }
    if (lys_numericq(vm, x)) {
        double _Complex z;
        if (lys_nvalue(vm, x, &z) && cimag(z) == 0) {
            double v = creal(z);
            /* only when the machine value decides it */
            if (fabs(v) < 1e15 && fabs(v - nearbyint(v)) > 1e-9 * fmax(1.0, fabs(v)) &&
                !(k == R_ROUND && fabs(fabs(v - trunc(v)) - 0.5) < 1e-9))
                return round_real(vm, v, k);
            if (isfinite(v)) return round_precise(vm, e, x, v);
        }
    }
    return NULL;
}

static LyExpr b_floor(LyVM *vm, LyExpr e) { return rounding(vm, e, R_FLOOR); }
static LyExpr b_ceiling(LyVM *vm, LyExpr e) { return rounding(vm, e, R_CEIL); }
static LyExpr b_round(LyVM *vm, LyExpr e) { return rounding(vm, e, R_ROUND); }

static LyExpr b_integerpart(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    return ly_is_number(x) ? round_number(vm, x, R_TRUNC) : rounding(vm, e, R_TRUNC);
}

static LyExpr b_fractionalpart(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_number(x)) {
        /* an exact numeric x: x - IntegerPart[x] (FractionalPart[Pi] is -3 + Pi) */
        if (!lys_numericq(vm, x) || lys_infinity_sign(x)) return NULL;
        LyExpr ip = lys_apply_eval(vm, ly_symbol(vm, "IntegerPart"), 1, &x);
        if (!ip || !ly_is_integer(ip)) { ly_unref(vm, ip); return NULL; }
        return lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, (ly_ref(x), x), ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), ip)));
    }
    if (ly_is_real(x)) return ly_mkreal(vm, ly_realv(x) - trunc(ly_realv(x)));
    LyExpr t = round_number(vm, x, R_TRUNC);
    if (!t) return NULL;
    LyExpr nt = ly_num_neg(vm, t);
    ly_unref(vm, t);
    LyExpr r = nt ? ly_num_add(vm, x, nt) : NULL;
    ly_unref(vm, nt);
    return r;
}

/* ---- Mod, Quotient ------------------------------------------------------------------------------ */

static void divz(LyVM *vm, LyExpr e, LyExpr zero) {
    ly_set_message(vm, ly_symbol_name(ly_nhead(e)), "divz", "The argument `1` in `2` should be nonzero.");
    ly_message(vm, ly_nhead(e), "divz", 2, zero, e);
}

/* Floor[m/n] for real numbers m, n != 0 (new reference). */
static LyExpr floor_div(LyVM *vm, LyExpr m, LyExpr n) {
    if (ly_is_integer(m) && ly_is_integer(n)) {
        mpz_t a, b;
        lys_mpz_get(a, m); lys_mpz_get(b, n);
        mpz_fdiv_q(a, a, b);
        LyExpr r = ly_mkint_big(vm, a);
        mpz_clear(a); mpz_clear(b);
        return r;
    }
    LyExpr q = ly_num_div(vm, m, n);
    LyExpr r = q ? round_number(vm, q, R_FLOOR) : NULL;
    ly_unref(vm, q);
    return r;
}

/* m - n Floor[(m - d)/n]. */
static LyExpr mod3(LyVM *vm, LyExpr m, LyExpr n, LyExpr d) {
    if (ly_is_integer(m) && ly_is_integer(n) && ly_is_small(d) && ly_small(d) == 0) {
        mpz_t a, b;
        lys_mpz_get(a, m); lys_mpz_get(b, n);
        mpz_fdiv_r(a, a, b);
        LyExpr r = ly_mkint_big(vm, a);
        mpz_clear(a); mpz_clear(b);
        return r;
    }
    if (ly_is_real(m) || ly_is_real(n) || ly_is_real(d)) {
        double x = ly_num_to_double(m), y = ly_num_to_double(n), z = ly_num_to_double(d);
        return ly_mkreal(vm, x - y * floor((x - z) / y));
    }
    LyExpr nd = ly_num_neg(vm, d);
    LyExpr md = nd ? ly_num_add(vm, m, nd) : NULL;
    LyExpr f = md ? floor_div(vm, md, n) : NULL;
    LyExpr nf = f ? ly_num_mul(vm, n, f) : NULL;
    LyExpr neg = nf ? ly_num_neg(vm, nf) : NULL;
    LyExpr r = neg ? ly_num_add(vm, m, neg) : NULL;
    ly_unref(vm, nd); ly_unref(vm, md); ly_unref(vm, f); ly_unref(vm, nf); ly_unref(vm, neg);
    return r;
}

static LyExpr b_mod(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 3)) return NULL;
    LyExpr m = ly_narg(e, 1), n = ly_narg(e, 2), d = ly_nlen(e) == 3 ? ly_narg(e, 3) : ly_mksmall(0);
    if (ly_is_number(n) && ly_num_is_zero(n) && ly_is_exact(n)) {
        /* Mod[m, 0] is Indeterminate for any m, as Wolfram */
        LyExpr hf = ly_mk(vm, LY_SYM(HoldForm), 1, (ly_ref(e), e));
        ly_message(vm, ly_nhead(e), "indet", 1, hf);
        ly_unref(vm, hf);
        return LY_SYM(Indeterminate);
    }
    if (!lys_is_realnum(m) || !lys_is_realnum(n) || !lys_is_realnum(d)) return NULL;
    if (ly_num_is_zero(n)) {
        LyExpr hf = ly_mk(vm, LY_SYM(HoldForm), 1, (ly_ref(e), e));
        ly_message(vm, ly_nhead(e), "indet", 1, hf);
        ly_unref(vm, hf);
        return LY_SYM(Indeterminate);
    }
    return mod3(vm, m, n, d);
}

static LyExpr b_quotient(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 3)) return NULL;
    LyExpr m = ly_narg(e, 1), n = ly_narg(e, 2);
    if (!lys_is_realnum(m) || !lys_is_realnum(n)) return NULL;
    if (ly_num_is_zero(n)) {
        LyExpr hf = ly_mk(vm, LY_SYM(HoldForm), 1, (ly_ref(e), e));
        ly_message(vm, ly_nhead(e), "infy", 1, hf);
        ly_unref(vm, hf);
        return LY_SYM(ComplexInfinity);
    }
    if (ly_nlen(e) == 3) {
        LyExpr d = ly_narg(e, 3);
        if (!lys_is_realnum(d)) return NULL;
        LyExpr nd = ly_num_neg(vm, d);
        LyExpr md = nd ? ly_num_add(vm, m, nd) : NULL;
        LyExpr r = md ? floor_div(vm, md, n) : NULL;
        ly_unref(vm, nd); ly_unref(vm, md);
        return r;
    }
    return floor_div(vm, m, n);
}

static LyExpr b_quotientremainder(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr m = ly_narg(e, 1), n = ly_narg(e, 2);
    if (!lys_is_realnum(m) || !lys_is_realnum(n)) return NULL;
    if (ly_num_is_zero(n)) {
        divz(vm, e, n);
        return ly_mk(vm, LY_SYM(List), 2, LY_SYM(ComplexInfinity), LY_SYM(Indeterminate));
    }
    LyExpr q = floor_div(vm, m, n), r = q ? mod3(vm, m, n, ly_mksmall(0)) : NULL;
    if (!r) { ly_unref(vm, q); return NULL; }
    return ly_mk(vm, LY_SYM(List), 2, q, r);
}

/* ---- GCD, LCM ----------------------------------------------------------------------------------- */

/* GCD and LCM of rationals: GCD[a/b, c/d] = GCD[a, c]/LCM[b, d], LCM[a/b,
 * c/d] = LCM[a, c]/GCD[b, d] */
static LyExpr gcd_lcm_rational(LyVM *vm, LyExpr e, bool gcd) {
    size_t n = ly_nlen(e);
    mpz_t num, den;
    mpq_t q;
    mpz_init_set_ui(num, gcd ? 0 : 1);
    mpz_init_set_ui(den, gcd ? 1 : 0);
    for (size_t i = 1; i <= n; i++) {
        lys_mpq_get(q, ly_narg(e, i));
        if (gcd) { mpz_gcd(num, num, mpq_numref(q)); mpz_lcm(den, den, mpq_denref(q)); }
        else { mpz_lcm(num, num, mpq_numref(q)); mpz_gcd(den, den, mpq_denref(q)); }
        mpq_clear(q);
    }
    mpq_init(q);
    if (!mpz_sgn(den)) mpz_set_ui(den, 1);
    mpq_set_num(q, num); mpq_set_den(q, den);
    mpq_canonicalize(q);
    LyExpr r = lys_from_mpq(vm, q);
    mpq_clear(q); mpz_clear(num); mpz_clear(den);
    return r;
}

static LyExpr gcd_lcm(LyVM *vm, LyExpr e, bool gcd) {
    size_t n = ly_nlen(e);
    bool rational = false;
    for (size_t i = 1; i <= n; i++) {
        if (ly_type(ly_narg(e, i)) == LY_TRAT) rational = true;
        else if (!ly_is_integer(ly_narg(e, i))) return NULL;
    }
    if (rational) return gcd_lcm_rational(vm, e, gcd);
    mpz_t acc, t;
    mpz_init_set_ui(acc, gcd ? 0 : 1);
    for (size_t i = 1; i <= n; i++) {
        lys_mpz_get(t, ly_narg(e, i));
        if (gcd) mpz_gcd(acc, acc, t); else mpz_lcm(acc, acc, t);
        mpz_clear(t);
    }
    LyExpr r = ly_mkint_big(vm, acc);
    mpz_clear(acc);
    return r;
}

static LyExpr b_gcd(LyVM *vm, LyExpr e) { return gcd_lcm(vm, e, true); }
static LyExpr b_lcm(LyVM *vm, LyExpr e) { return gcd_lcm(vm, e, false); }

/* ---- Factorial, Binomial, Fibonacci ----------------------------------------------------------------- */

static LyExpr b_factorial(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_is_integer(x)) {
        if (ly_num_sign(x) < 0) return LY_SYM(ComplexInfinity);
        if (!ly_is_small(x)) {
            /* beyond 2^62: far past the exact limit */
            ly_message(vm, LY_SYM(General), "ovfl", 0);
            return ly_mk(vm, LY_SYM(Overflow), 0);
        }
        return lys_factorial(vm, (uint64_t)ly_small(x));   /* in steps (bigint.c) */
    }
    if (ly_is_real(x)) {
        double v = ly_realv(x);
        if (v < 0 && v == floor(v)) return LY_SYM(ComplexInfinity);
        double g = tgamma(v + 1.0);
        if (isinf(g) && v > 0) {
            LyExpr r = lys_machine_gamma(vm, v + 1.0);
            if (r || ly_unwinding(vm)) return r;
        }
        return ly_real_result(vm, g);
    }
    return NULL;
}

static LyExpr b_binomial(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr n = ly_narg(e, 1), k = ly_narg(e, 2);
    if (ly_is_integer(n) && ly_is_integer(k)) {
        if (!ly_is_small(k)) return NULL;
        int64_t kk = ly_small(k);
        if (kk < 0) {
            /* Binomial[n, k] with k < 0: 0 unless n is a negative integer with k <= n */
            if (ly_is_small(n) && ly_small(n) < 0 && kk <= ly_small(n)) {
                int64_t nn = ly_small(n);
                LyExpr args[2] = { n, ly_mksmall(nn - kk) };
                LyExpr call = ly_apply(vm, ly_nhead(e), 2, args);
                return call;
            }
            return ly_mksmall(0);
        }
        mpz_t nz;
        lys_mpz_get(nz, n);
        LyExpr r = lys_binomial(vm, nz, (uint64_t)kk);   /* sized, in steps (bigint.c) */
        mpz_clear(nz);
        return r;
    }
    if (lys_is_realnum(n) && lys_is_realnum(k) && (ly_is_real(n) || ly_is_real(k))) {
        double a = ly_num_to_double(n), b = ly_num_to_double(k);
        if (a == floor(a) && b == floor(b) && b >= 0 && a >= b && a <= 1e6) {
            /* integral values: the exact binomial, rounded */
            mpz_t z;
            mpz_init(z);
            mpz_bin_uiui(z, (unsigned long)a, (unsigned long)b);
            LyExpr ex = ly_int_from_mpz(vm, z);
            mpz_clear(z);
            LyExpr r = ex ? lys_machine_value(vm, ex) : NULL;
            ly_unref(vm, ex);
            return r;
        }
        double r = tgamma(a + 1) / (tgamma(b + 1) * tgamma(a - b + 1));
        if (!isfinite(r) && a > 0 && b > 0 && a > b)
            r = exp(lgamma(a + 1) - lgamma(b + 1) - lgamma(a - b + 1));
        return ly_real_result(vm, r);
    }
    return NULL;
}

static LyExpr b_fibonacci(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 2) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_is_small(x)) {
        int64_t n = ly_small(x);
        LyExpr r = lys_fibonacci(vm, (uint64_t)(n < 0 ? -n : n));   /* sized, in steps (bigint.c) */
        if (r && n < 0 && (-n) % 2 == 0 && ly_is_integer(r)) {
            LyExpr neg = ly_num_neg(vm, r);
            ly_unref(vm, r);
            r = neg;
        }
        return r;
    }
    if (ly_is_real(x)) {
        double v = ly_realv(x), phi = (1 + sqrt(5.0)) / 2;
        return ly_real_result(vm, (pow(phi, v) - cos(M_PI * v) * pow(phi, -v)) / sqrt(5.0));
    }
    return NULL;
}

/* ---- primes ---------------------------------------------------------------------------------------- */

#define MAX_PRIME_INDEX 50000000
#define PRIME_CACHE_MAX 5000000     /* primes kept per VM (20 MB at most) */

/* The first primes, kept per VM so that Prime over a list (Prime[Range[n]])
 * sieves once, not once an element. */
typedef struct PrimeCache { uint32_t *p; size_t n; } PrimeCache;
static const char prime_cache_key = 0;

static void prime_cache_free(LyVM *vm, void *data) {
    PrimeCache *c = data;
    if (c->p) ly_dealloc(vm, c->p, c->n * sizeof(uint32_t));
    ly_dealloc(vm, c, sizeof *c);
}

/* the n-th prime from the cache, which grows to hold it (n <= PRIME_CACHE_MAX);
 * 0 when the cache cannot (no memory: then the caller sieves alone) */
static uint32_t cached_prime(LyVM *vm, int64_t n) {
    PrimeCache *c = ly_get_slot(vm, &prime_cache_key);
    if (c && (size_t)n <= c->n) return c->p[n - 1];
    if (n > PRIME_CACHE_MAX) return 0;
    /* sieve for at least twice what is cached */
    int64_t want = n;
    if (c && (int64_t)c->n * 2 > want) want = (int64_t)c->n * 2;
    if (want > PRIME_CACHE_MAX) want = PRIME_CACHE_MAX;
    if (want < 1000) want = 1000;
    double ln = log((double)want);
    size_t bound = (size_t)((double)want * (ln + log(ln))) + 16;
    size_t bits = bound / 2 + 1, bytes = bits / 8 + 1;
    unsigned char *comp = ly_alloc(vm, bytes);
    uint32_t *p = ly_alloc(vm, (size_t)want * sizeof(uint32_t));
    if (!comp || !p) {
        if (comp) ly_dealloc(vm, comp, bytes);
        if (p) ly_dealloc(vm, p, (size_t)want * sizeof(uint32_t));
        return 0;
    }
    memset(comp, 0, bytes);
    size_t count = 0;
    p[count++] = 2;
    for (size_t i = 1; i < bits && count < (size_t)want; i++) {
        if (comp[i >> 3] & (1u << (i & 7))) continue;
        size_t q = 2 * i + 1;
        p[count++] = (uint32_t)q;
        if ((uint64_t)q * q / 2 < bits)
            for (size_t j = q * q / 2; j < bits; j += q) comp[j >> 3] |= (unsigned char)(1u << (j & 7));
    }
    ly_dealloc(vm, comp, bytes);
    if (count < (size_t)want) { ly_dealloc(vm, p, (size_t)want * sizeof(uint32_t)); return 0; }
    if (!c) {
        c = ly_alloc(vm, sizeof *c);
        if (!c) { ly_dealloc(vm, p, (size_t)want * sizeof(uint32_t)); return 0; }
        c->p = NULL;
        c->n = 0;
        if (!ly_set_slot(vm, &prime_cache_key, c, prime_cache_free)) {
            ly_dealloc(vm, c, sizeof *c);
            ly_dealloc(vm, p, (size_t)want * sizeof(uint32_t));
            return 0;
        }
    }
    if (c->p) ly_dealloc(vm, c->p, c->n * sizeof(uint32_t));
    c->p = p;
    c->n = (size_t)want;
    return p[n - 1];
}

static LyExpr b_prime(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_integer(x) || ly_num_sign(x) <= 0) {
        if (ly_is_number(x)) {
            ly_set_message(vm, "Prime", "intpp", "Positive integer argument expected in `1`.");
            ly_message(vm, ly_nhead(e), "intpp", 1, e);
        }
        return NULL;
    }
    if (!ly_is_small(x) || ly_small(x) > MAX_PRIME_INDEX) return NULL;
    int64_t n = ly_small(x);
    if (n <= 5) { static const int small[] = { 0, 2, 3, 5, 7, 11 }; return ly_mksmall(small[n]); }
    uint32_t cp = cached_prime(vm, n);
    if (cp) return ly_int(vm, (int64_t)cp);
    if (ly_unwinding(vm)) return NULL;
    double ln = log((double)n);
    size_t bound = (size_t)((double)n * (ln + log(ln))) + 16;
    /* odd-only sieve: bit i stands for 2i + 1 */
    size_t bits = bound / 2 + 1, bytes = bits / 8 + 1;
    unsigned char *comp = ly_alloc(vm, bytes);
    if (!comp) return ly_raise_nomem(vm);
    memset(comp, 0, bytes);
    int64_t count = 1;            /* the prime 2 */
    LyExpr r = NULL;
    for (size_t i = 1; i < bits; i++) {
        if (comp[i >> 3] & (1u << (i & 7))) continue;
        size_t p = 2 * i + 1;
        if (++count == n) { r = ly_int(vm, (int64_t)p); break; }
        if ((uint64_t)p * p / 2 < bits)
            for (size_t j = p * p / 2; j < bits; j += p) comp[j >> 3] |= (unsigned char)(1u << (j & 7));
        if ((i & 0xFFFFF) == 0 && !ly_safe_point(vm)) break;
    }
    ly_dealloc(vm, comp, bytes);
    return r;
}

/* ---- complex parts ------------------------------------------------------------------------------------ */

static bool is_minus_one(LyExpr x) { return ly_is_small(x) && ly_small(x) == -1; }

/* no machine or arbitrary-precision reals inside */
static bool all_exact(LyVM *vm, LyExpr x) {
    if (ly_is_number(x)) return ly_is_exact(x);
    if (!ly_is_normal(x)) return true;
    if (lys_is_bigreal(vm, x)) return false;
    for (size_t i = 0; i <= ly_nlen(x); i++) if (!all_exact(vm, ly_normal(x)->e[i])) return false;
    return true;
}

static bool has_complex(LyExpr x) {
    if (ly_type(x) == LY_TCOMPLEX) return true;
    if (!ly_is_normal(x)) return false;
    for (size_t i = 0; i <= ly_nlen(x); i++) if (has_complex(ly_normal(x)->e[i])) return true;
    return false;
}

/* Re and Im of an exact numeric expression that is not a number
 * ((-1 + I Sqrt[3])/2 has real part -1/2): the terms of its expansion are
 * a number times a real quantity, or E^z with z such a sum.  False when
 * some term is neither. */
static bool exact_re_im(LyVM *vm, LyExpr x, LyExpr *re, LyExpr *im, int depth) {
    *re = *im = NULL;
    if (depth > 4 || !ly_is_normal(x) || !lys_numericq(vm, x) || !all_exact(vm, x)) return false;
    LyExpr ex = lys_eval_steal(vm, ly_mk(vm, ly_symbol(vm, "Expand"), 1, (ly_ref(x), x)));
    if (!ex) return false;
    size_t n = ly_head_is(ex, LY_SYM(Plus)) ? ly_nlen(ex) : 1;
    LyExpr rs = ly_mknormal(vm, LY_SYM(Plus), n), is = rs ? ly_mknormal(vm, LY_SYM(Plus), n) : NULL;
    bool ok = rs && is;
    size_t done = 0;
    for (; ok && done < n; done++) {
        LyExpr t = n == 1 && !ly_head_is(ex, LY_SYM(Plus)) ? ex : ly_narg(ex, done + 1);
        LyExpr c = ly_mksmall(1), r = t, tre = NULL, tim = NULL;
        if (ly_is_number(t)) { c = t; r = ly_mksmall(1); }
        else if (ly_head_is(t, LY_SYM(Times)) && ly_is_number(ly_narg(t, 1))) {
            c = ly_narg(t, 1);
            r = ly_nlen(t) == 2 ? ly_narg(t, 2) : NULL;
        }
        LyExpr rest = r ? (ly_ref(r), r) : ly_apply(vm, LY_SYM(Times), ly_nlen(t) - 1, ly_nargs(t) + 1);
        if (!rest) { ok = false; break; }
        double _Complex z;
        if (!has_complex(rest) && lys_nvalue(vm, rest, &z) && cimag(z) == 0) {
            tre = eval_mk(vm, ly_mk(vm, LY_SYM(Times), 2, (ly_ref(re_of(c)), re_of(c)), (ly_ref(rest), rest)));
            tim = eval_mk(vm, ly_mk(vm, LY_SYM(Times), 2, (ly_ref(im_of(c)), im_of(c)), (ly_ref(rest), rest)));
        } else if (ly_head_is(rest, LY_SYM(Power)) && ly_nlen(rest) == 2 &&
                   (ly_narg(rest, 1) == LY_SYM(E) || (is_minus_one(ly_narg(rest, 1)) && ly_type(ly_narg(rest, 2)) == LY_TRAT))) {
            /* c E^(a + I b) = c E^a (Cos[b] + I Sin[b]); (-1)^q = E^(I Pi q) */
            LyExpr a, b;
            bool got;
            if (ly_narg(rest, 1) == LY_SYM(E)) got = exact_re_im(vm, ly_narg(rest, 2), &a, &b, depth + 1);
            else {
                a = ly_mksmall(0);
                b = eval_mk(vm, ly_mk(vm, LY_SYM(Times), 2, (ly_ref(ly_narg(rest, 2)), ly_narg(rest, 2)), LY_SYM(Pi)));
                got = b != NULL;
            }
            if (got) {
                LyExpr m = eval_mk(vm, ly_mk(vm, LY_SYM(Power), 2, LY_SYM(E), a));
                LyExpr co = m ? eval_mk(vm, ly_mk(vm, ly_symbol(vm, "Cos"), 1, (ly_ref(b), b))) : NULL;
                LyExpr si = co ? eval_mk(vm, ly_mk(vm, ly_symbol(vm, "Sin"), 1, (ly_ref(b), b))) : NULL;
                if (si) {
                    /* (cr + I ci)(m co + I m si) */
                    LyExpr cr = re_of(c), ci = im_of(c);
                    tre = eval_mk(vm, ly_mk(vm, LY_SYM(Times), 2, (ly_ref(m), m), ly_mk(vm, LY_SYM(Plus), 2,
                        ly_mk(vm, LY_SYM(Times), 2, (ly_ref(cr), cr), (ly_ref(co), co)),
                        ly_mk(vm, LY_SYM(Times), 3, ly_mksmall(-1), (ly_ref(ci), ci), (ly_ref(si), si)))));
                    tim = eval_mk(vm, ly_mk(vm, LY_SYM(Times), 2, (ly_ref(m), m), ly_mk(vm, LY_SYM(Plus), 2,
                        ly_mk(vm, LY_SYM(Times), 2, (ly_ref(cr), cr), (ly_ref(si), si)),
                        ly_mk(vm, LY_SYM(Times), 2, (ly_ref(ci), ci), (ly_ref(co), co)))));
                }
                ly_unref(vm, m); ly_unref(vm, co); ly_unref(vm, si);
                ly_unref(vm, b);
            }
        }
        ly_unref(vm, rest);
        if (!tre || !tim) { ly_unref(vm, tre); ly_unref(vm, tim); ok = false; break; }
        ly_nset(rs, done + 1, tre);
        ly_nset(is, done + 1, tim);
    }
    ly_unref(vm, ex);
    if (!ok) {
        if (rs) lys_abandon(vm, rs, done + 1);
        if (is) lys_abandon(vm, is, done + 1);
        return false;
    }
    *re = eval_mk(vm, rs);
    *im = *re ? eval_mk(vm, is) : (ly_unref(vm, is), NULL);
    if (!*im) { ly_unref(vm, *re); *re = NULL; return false; }
    return true;
}

static LyExpr b_re(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_number(x)) {
        LyExpr re, im;
        if (!exact_re_im(vm, x, &re, &im, 0)) return NULL;
        ly_unref(vm, im);
        return re;
    }
    ly_ref(re_of(x));
    return re_of(x);
}

static LyExpr b_im(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_number(x)) {
        LyExpr re, im;
        if (!exact_re_im(vm, x, &re, &im, 0)) return NULL;
        ly_unref(vm, re);
        return im;
    }
    if (ly_is_real(x)) return ly_mksmall(0);
    ly_ref(im_of(x));
    return im_of(x);
}

static LyExpr b_conjugate(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_number(x)) {
        LyExpr re, im;
        if (!exact_re_im(vm, x, &re, &im, 0)) return NULL;
        if (ly_is_number(im) && ly_num_is_zero(im)) { ly_unref(vm, im); ly_unref(vm, re); ly_ref(x); return x; }
        return eval_mk(vm, ly_mk(vm, LY_SYM(Plus), 2, re, ly_mk(vm, LY_SYM(Times), 3, ly_mksmall(-1), LY_SYM(I), im)));
    }
    if (ly_type(x) != LY_TCOMPLEX) { ly_ref(x); return x; }
    LyExpr im = ly_num_neg(vm, im_of(x));
    if (!im) return NULL;
    ly_ref(re_of(x));
    return ly_mkcomplex(vm, re_of(x), im);
}

static LyExpr b_abs(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (lys_is_realnum(x)) return ly_num_sign(x) < 0 ? ly_num_neg(vm, x) : (ly_ref(x), x);
    if (lys_infinity_sign(x)) return lys_infinity(vm, 1);
    if (ly_type(x) == LY_TCOMPLEX) {
        LyExpr a = re_of(x), b = im_of(x);
        if (!ly_is_exact(x)) return ly_mkreal(vm, hypot(ly_num_to_double(a), ly_num_to_double(b)));
        LyExpr a2 = ly_num_mul(vm, a, a), b2 = a2 ? ly_num_mul(vm, b, b) : NULL;
        LyExpr s = b2 ? ly_num_add(vm, a2, b2) : NULL;
        ly_unref(vm, a2); ly_unref(vm, b2);
        if (!s) return NULL;
        return eval_mk(vm, ly_mk(vm, LY_SYM(Power), 2, s, ly_rational(vm, 1, 2)));
    }
    if (lys_numericq(vm, x)) {
        double _Complex z;
        if (lys_nvalue(vm, x, &z) && cimag(z) == 0) {
            if (creal(z) > 0) { ly_ref(x); return x; }
            if (creal(z) < 0) return eval_mk(vm, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), (ly_ref(x), x)));
        }
        LyExpr re, im;
        if (exact_re_im(vm, x, &re, &im, 0)) {
            /* Sqrt[re^2 + im^2], expanded: Abs[(-1 + I Sqrt[3])/2] is 1 */
            LyExpr s2 = eval_mk(vm, ly_mk(vm, ly_symbol(vm, "Expand"), 1, ly_mk(vm, LY_SYM(Plus), 2,
                                 ly_mk(vm, LY_SYM(Power), 2, re, ly_mksmall(2)), ly_mk(vm, LY_SYM(Power), 2, im, ly_mksmall(2)))));
            return s2 ? eval_mk(vm, ly_mk(vm, LY_SYM(Power), 2, s2, ly_rational(vm, 1, 2))) : NULL;
        }
    }
    return NULL;
}

static LyExpr b_sign(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (lys_is_realnum(x)) return ly_mksmall(ly_num_sign(x));
    int s = lys_infinity_sign(x);
    if (s) return ly_mksmall(s);
    if (ly_type(x) == LY_TCOMPLEX) {
        if (!ly_is_exact(x)) {
            double a = ly_num_to_double(re_of(x)), b = ly_num_to_double(im_of(x)), m = hypot(a, b);
            return ly_mkcomplex(vm, ly_mkreal(vm, a / m), ly_mkreal(vm, b / m));
        }
        LyExpr abs = eval_mk(vm, ly_mk(vm, ly_symbol(vm, "Abs"), 1, (ly_ref(x), x)));
        if (!abs) return NULL;
        return eval_mk(vm, ly_mk(vm, LY_SYM(Times), 2, (ly_ref(x), x), ly_mk(vm, LY_SYM(Power), 2, abs, ly_mksmall(-1))));
    }
    if (lys_numericq(vm, x)) {
        double _Complex z;
        if (lys_nvalue(vm, x, &z) && cimag(z) == 0) return ly_mksmall((creal(z) > 0) - (creal(z) < 0));
    }
    return NULL;
}

static LyExpr b_arg(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (lys_is_realnum(x)) {
        if (ly_num_sign(x) >= 0) return ly_is_real(x) ? ly_mkreal(vm, 0.0) : ly_mksmall(0);
        return ly_is_real(x) ? ly_mkreal(vm, M_PI) : LY_SYM(Pi);
    }
    if (ly_type(x) == LY_TCOMPLEX) {
        if (!ly_is_exact(x)) return ly_mkreal(vm, atan2(ly_num_to_double(im_of(x)), ly_num_to_double(re_of(x))));
        LyExpr re = re_of(x), im = im_of(x);
        ly_ref(re); ly_ref(im);
        return eval_mk(vm, ly_mk(vm, ly_symbol(vm, "ArcTan"), 2, re, im));
    }
    LyExpr re, im;
    if (!ly_is_number(x) && exact_re_im(vm, x, &re, &im, 0)) {
        if (ly_is_number(im) && ly_num_is_zero(im)) {
            ly_unref(vm, im); ly_unref(vm, re);
            return NULL;        /* real: its sign decides, below the ArcTan forms */
        }
        return eval_mk(vm, ly_mk(vm, ly_symbol(vm, "ArcTan"), 2, re, im));
    }
    return NULL;
}

/* ---- Numerator, Denominator ------------------------------------------------------------------------- */

/* A factor that belongs to the denominator: b^e with e a negative number. */
static bool denominator_factor(LyExpr f) {
    return ly_head_is(f, LY_SYM(Power)) && ly_nlen(f) == 2 && lys_is_realnum(ly_narg(f, 2)) &&
           ly_num_sign(ly_narg(f, 2)) < 0;
}

static LyExpr num_den(LyVM *vm, LyExpr e, bool num) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_type(x) == LY_TRAT) {
        LyExpr r = num ? ((LyRational *)x)->num : ((LyRational *)x)->den;
        ly_ref(r);
        return r;
    }
    if (ly_is_number(x)) { if (num) { ly_ref(x); return x; } return ly_mksmall(1); }
    size_t n = ly_head_is(x, LY_SYM(Times)) ? ly_nlen(x) : 1;
    const LyExpr *fs = ly_head_is(x, LY_SYM(Times)) ? ly_nargs(x) : &x;
    LY_SCRATCH(LyExpr, keep, vm, n);
    if (!keep) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        LyExpr f = fs[i];
        if (ly_type(f) == LY_TRAT) {
            LyExpr part = num ? ((LyRational *)f)->num : ((LyRational *)f)->den;
            ly_ref(part);
            keep[k++] = part;
        } else if (denominator_factor(f)) {
            if (!num) {
                LyExpr ne = ly_num_neg(vm, ly_narg(f, 2));
                keep[k++] = ne ? ly_mk(vm, LY_SYM(Power), 2, (ly_ref(ly_narg(f, 1)), ly_narg(f, 1)), ne) : NULL;
                if (!keep[k - 1]) { k--; goto fail; }
            }
        } else if (num) {
            ly_ref(f);
            keep[k++] = f;
        }
    }
    LyExpr r = k == 0 ? ly_mksmall(1) : k == 1 ? (ly_ref(keep[0]), keep[0]) : ly_apply(vm, LY_SYM(Times), k, keep);
    for (size_t i = 0; i < k; i++) ly_unref(vm, keep[i]);
    return r ? eval_mk(vm, r) : NULL;
fail:
    for (size_t i = 0; i < k; i++) ly_unref(vm, keep[i]);
    return NULL;
}

static LyExpr b_numerator(LyVM *vm, LyExpr e) { return num_den(vm, e, true); }
static LyExpr b_denominator(LyVM *vm, LyExpr e) { return num_den(vm, e, false); }

/* ---- table --------------------------------------------------------------------------------------------- */

#define NUMFN "Listable NumericFunction Protected"
static const LyBuiltin intfn_builtins[] = {
    { "Abs", b_abs, NUMFN, "Abs[z] gives the absolute value of the real or complex number z." },
    { "Sign", b_sign, NUMFN,
      "Sign[x] gives -1, 0, or 1 depending on whether x is negative, zero, or positive." },
    { "Floor", b_floor, NUMFN, "Floor[x] gives the greatest integer less than or equal to x." },
    { "Ceiling", b_ceiling, NUMFN, "Ceiling[x] gives the smallest integer greater than or equal to x." },
    { "Round", b_round, NUMFN, "Round[x] gives the integer closest to x." },
    { "IntegerPart", b_integerpart, NUMFN, "IntegerPart[x] gives the integer part of x." },
    { "FractionalPart", b_fractionalpart, NUMFN, "FractionalPart[x] gives the fractional part of x." },
    { "Mod", b_mod, NUMFN, "Mod[m, n] gives the remainder on division of m by n." },
    { "Quotient", b_quotient, NUMFN, "Quotient[m, n] gives the integer quotient of m and n." },
    { "QuotientRemainder", b_quotientremainder, "Listable Protected",
      "QuotientRemainder[m, n] gives a list of the quotient and remainder from division of m by n." },
    { "GCD", b_gcd, "Flat Listable OneIdentity Orderless Protected",
      "GCD[n1, n2, ...] gives the greatest common divisor of the ni." },
    { "LCM", b_lcm, "Flat Listable OneIdentity Orderless Protected",
      "LCM[n1, n2, ...] gives the least common multiple of the ni." },
    { "Factorial", b_factorial, NUMFN, "n! gives the factorial of n." },
    { "Binomial", b_binomial, NUMFN, "Binomial[n, m] gives the binomial coefficient (n m)." },
    { "Fibonacci", b_fibonacci, NUMFN, "Fibonacci[n] gives the Fibonacci number F_n." },
    { "Prime", b_prime, "Listable Protected", "Prime[n] gives the n-th prime number p_n." },
    { "Re", b_re, NUMFN, "Re[z] gives the real part of the complex number z." },
    { "Im", b_im, NUMFN, "Im[z] gives the imaginary part of the complex number z." },
    { "Conjugate", b_conjugate, NUMFN, "Conjugate[z] or z^* gives the complex conjugate of the complex number z." },
    { "Arg", b_arg, NUMFN, "Arg[z] gives the argument of the complex number z." },
    { "Numerator", b_numerator, "Listable Protected", "Numerator[expr] gives the numerator of expr." },
    { "Denominator", b_denominator, "Listable Protected", "Denominator[expr] gives the denominator of expr." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_intfn(LyVM *vm);
LyStatus lys_open_intfn(LyVM *vm) { return ly_register_table(vm, intfn_builtins); }
