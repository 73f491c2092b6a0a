/*
 * bigreal.c — arbitrary-precision reals: N[expr, p], SetPrecision, and
 * arithmetic on the numbers they give, on GMP integers (no MPFR).
 *
 * A number of precision p (decimal digits, as Wolfram's Precision) is the
 * expression Lyra`BigReal[m, e, p]: the value m 2^e, m an integer carrying
 * p digits and some guard bits.  It prints (OutputForm, through the format
 * hook) as Wolfram prints an arbitrary-precision real: p significant
 * digits, 3.1415926535897932384626433832795028841971693993751, or
 * 3.14159265358979323846264338328*10^20 outside [10^-5, 10^6).
 *
 * N[expr, p] evaluates the numeric parts of expr at increasing working
 * precision until two evaluations agree to p digits: integers, rationals,
 * Pi, E, GoldenRatio, Degree, Plus, Times, Power, Sqrt, Exp, Log, the
 * trigonometric and hyperbolic functions and their inverses (real
 * arguments).  What it cannot evaluate so (complex values, other
 * functions) falls back to machine numbers.  Machine reals in expr stay
 * machine reals, as in Wolfram.
 *
 * Arithmetic on these numbers goes through up-values of Lyra`BigReal
 * (defined the first time a number is made) calling Lyra`BigOp, with
 * Wolfram's first-order significance arithmetic: sums keep the smallest
 * accuracy, products the smallest precision, functions lose the log10 of
 * their condition number.  A machine number in the mix gives a machine
 * number.  Comparisons, NumberQ and NumericQ see them through
 * lys_bigreal_value (machine value).
 */
#include <gmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lys_data.h"

#define LOG2_10 3.321928094887362

/* ---- binary floating point on mpz: value m 2^e ------------------------------------------- */

typedef struct { mpz_t m; long e; } BF;

static void bf_init(BF *x) { mpz_init(x->m); x->e = 0; }
static void bf_clear(BF *x) { mpz_clear(x->m); }
static void bf_set(BF *r, const BF *a) { mpz_set(r->m, a->m); r->e = a->e; }
static long bf_bits(const BF *x) { return mpz_sgn(x->m) ? (long)mpz_sizeinbase(x->m, 2) : 0; }
/* |x| < 2^mag */
static long bf_mag(const BF *x) { return mpz_sgn(x->m) ? bf_bits(x) + x->e : LONG_MIN / 4; }
static int bf_sgn(const BF *x) { return mpz_sgn(x->m); }

/* keeps wp significant bits, rounding to nearest */
static void bf_round(BF *x, long wp) {
    long b = bf_bits(x);
    if (b <= wp) return;
    long sh = b - wp;
    int s = mpz_sgn(x->m);
    mpz_abs(x->m, x->m);
    mpz_fdiv_q_2exp(x->m, x->m, (mp_bitcnt_t)(sh - 1));
    mpz_add_ui(x->m, x->m, 1);
    mpz_fdiv_q_2exp(x->m, x->m, 1);
    if (s < 0) mpz_neg(x->m, x->m);
    x->e += sh;
}

static void bf_set_z(BF *r, const mpz_t z) { mpz_set(r->m, z); r->e = 0; }
static void bf_set_si(BF *r, long v) { mpz_set_si(r->m, v); r->e = 0; }

static void bf_set_d(BF *r, double d) {
    int ex;
    double f = frexp(d, &ex);
    mpz_set_d(r->m, ldexp(f, 53));
    r->e = ex - 53;
}

static double bf_get_d(const BF *x) {
    if (!bf_sgn(x)) return 0.0;
    long ex;
    double d = mpz_get_d_2exp(&ex, x->m);
    return ldexp(d, (int)(ex + x->e > 4000 ? 4000 : ex + x->e < -4000 ? -4000 : ex + x->e));
}

/* log10 |x| (finite for x != 0) */
static double bf_log10(const BF *x) {
    if (!bf_sgn(x)) return -1e300;
    long ex;
    double d = mpz_get_d_2exp(&ex, x->m);
    return log10(fabs(d)) + (double)(ex + x->e) * 0.30102999566398120;
}

static void bf_add(BF *r, const BF *a, const BF *b, long wp) {
    if (!bf_sgn(a)) { bf_set(r, b); bf_round(r, wp); return; }
    if (!bf_sgn(b)) { bf_set(r, a); bf_round(r, wp); return; }
    long ma = bf_mag(a), mb = bf_mag(b);
    /* a term far below the other's last bit only rounds it */
    if (ma > mb + wp + 4) { bf_set(r, a); bf_round(r, wp); return; }
    if (mb > ma + wp + 4) { bf_set(r, b); bf_round(r, wp); return; }
    mpz_t t;
    mpz_init(t);
    if (a->e >= b->e) {
        mpz_mul_2exp(t, a->m, (mp_bitcnt_t)(a->e - b->e));
        mpz_add(r->m, t, b->m);
        r->e = b->e;
    } else {
        mpz_mul_2exp(t, b->m, (mp_bitcnt_t)(b->e - a->e));
        mpz_add(r->m, t, a->m);
        r->e = a->e;
    }
    mpz_clear(t);
    bf_round(r, wp);
}

static void bf_neg(BF *r, const BF *a) { mpz_neg(r->m, a->m); r->e = a->e; }

static void bf_sub(BF *r, const BF *a, const BF *b, long wp) {
    BF nb;
    bf_init(&nb);
    bf_neg(&nb, b);
    bf_add(r, a, &nb, wp);
    bf_clear(&nb);
}

static void bf_mul(BF *r, const BF *a, const BF *b, long wp) {
    mpz_mul(r->m, a->m, b->m);
    r->e = a->e + b->e;
    bf_round(r, wp);
}


/* b != 0 */
static void bf_div(BF *r, const BF *a, const BF *b, long wp) {
    long sh = wp + bf_bits(b) - bf_bits(a) + 2;
    if (sh < 0) sh = 0;
    mpz_t t;
    mpz_init(t);
    mpz_mul_2exp(t, a->m, (mp_bitcnt_t)sh);
    mpz_tdiv_q(r->m, t, b->m);
    r->e = a->e - sh - b->e;
    mpz_clear(t);
    bf_round(r, wp);
}

static void bf_set_q(BF *r, const mpq_t q, long wp) {
    BF a, b;
    bf_init(&a); bf_init(&b);
    bf_set_z(&a, mpq_numref(q));
    bf_set_z(&b, mpq_denref(q));
    bf_div(r, &a, &b, wp);
    bf_clear(&a); bf_clear(&b);
}

/* x >= 0 */
static void bf_sqrt(BF *r, const BF *x, long wp) {
    if (!bf_sgn(x)) { mpz_set_ui(r->m, 0); r->e = 0; return; }
    long sh = 2 * wp - bf_bits(x) + 4;
    if (sh < 0) sh = 0;
    if ((x->e - sh) & 1) sh++;
    mpz_t t;
    mpz_init(t);
    mpz_mul_2exp(t, x->m, (mp_bitcnt_t)sh);
    mpz_sqrt(r->m, t);
    r->e = (x->e - sh) / 2;
    mpz_clear(t);
    bf_round(r, wp);
}

static int bf_cmp(const BF *a, const BF *b) {
    /* by sign, then by magnitude (2^(mag-1) <= |x| < 2^mag): the exact
     * difference below is then as long as the operands, never a number
     * written out to a huge exponent (Max[88*10^8888888888`8, 3]) */
    int sa = bf_sgn(a), sb = bf_sgn(b);
    if (sa != sb || sa == 0) return (sa > sb) - (sa < sb);
    long ma = bf_mag(a), mb = bf_mag(b);
    if (ma != mb) return ma > mb ? sa : -sa;
    BF d;
    bf_init(&d);
    long wp = bf_bits(a) + bf_bits(b) + labs(a->e - b->e) + 8;
    bf_sub(&d, a, b, wp);
    int s = bf_sgn(&d);
    bf_clear(&d);
    return s;
}

/* ---- fixed point: X = round(x 2^F) --------------------------------------------------------- */

static void to_fixed(mpz_t X, const BF *x, long F) {
    long s = x->e + F;
    if (s >= 0) mpz_mul_2exp(X, x->m, (mp_bitcnt_t)s);
    else mpz_fdiv_q_2exp(X, x->m, (mp_bitcnt_t)(-s));
}

static void from_fixed(BF *r, const mpz_t X, long F, long wp) {
    mpz_set(r->m, X);
    r->e = -F;
    bf_round(r, wp);
}

/* sum of (-1)^n / ((2n+1) k^(2n+1)) (alt) or without signs: atan(1/k), atanh(1/k) */
static void arc_inv(mpz_t S, unsigned long k, long F, bool alt) {
    mpz_t term, t;
    mpz_init(term); mpz_init(t);
    mpz_set_ui(term, 1);
    mpz_mul_2exp(term, term, (mp_bitcnt_t)F);
    mpz_tdiv_q_ui(term, term, k);
    mpz_set_ui(S, 0);
    unsigned long k2 = k * k;
    for (unsigned long n = 0; mpz_sgn(term); n++) {
        mpz_tdiv_q_ui(t, term, 2 * n + 1);
        if (alt && (n & 1)) mpz_sub(S, S, t); else mpz_add(S, S, t);
        mpz_tdiv_q_ui(term, term, k2);
    }
    mpz_clear(term); mpz_clear(t);
}

static void bf_pi(BF *r, long wp) {
    long F = wp + 16;
    mpz_t a, b;
    mpz_init(a); mpz_init(b);
    arc_inv(a, 5, F, true);
    arc_inv(b, 239, F, true);
    mpz_mul_ui(a, a, 4);
    mpz_sub(a, a, b);
    mpz_mul_ui(a, a, 4);
    from_fixed(r, a, F, wp);
    mpz_clear(a); mpz_clear(b);
}

static void bf_e(BF *r, long wp) {
    long F = wp + 16;
    mpz_t term, S;
    mpz_init(term); mpz_init(S);
    mpz_set_ui(term, 1);
    mpz_mul_2exp(term, term, (mp_bitcnt_t)F);
    mpz_set(S, term);
    for (unsigned long k = 1; mpz_sgn(term); k++) {
        mpz_tdiv_q_ui(term, term, k);
        mpz_add(S, S, term);
    }
    from_fixed(r, S, F, wp);
    mpz_clear(term); mpz_clear(S);
}

static void bf_ln2(BF *r, long wp) {
    long F = wp + 16;
    mpz_t S;
    mpz_init(S);
    arc_inv(S, 3, F, false);
    mpz_mul_ui(S, S, 2);
    from_fixed(r, S, F, wp);
    mpz_clear(S);
}

static long reduction_steps(long wp) { return (long)sqrt((double)wp) / 2 + 2; }

/* exp(x); false when |x| is too large */
static bool bf_exp(BF *r, const BF *x, long wp) {
    if (!bf_sgn(x)) { bf_set_si(r, 1); return true; }
    if (bf_mag(x) > 40) return false;
    double xd = bf_get_d(x);
    long k = lround(xd / M_LN2);
    long s = reduction_steps(wp);
    long F = wp + s + 32;
    BF ln2, kr, rr;
    bf_init(&ln2); bf_init(&kr); bf_init(&rr);
    bf_ln2(&ln2, F + 64);
    bf_set_si(&kr, k);
    bf_mul(&kr, &kr, &ln2, F + 64);
    bf_sub(&rr, x, &kr, F + 64);
    mpz_t X, S, T;
    mpz_init(X); mpz_init(S); mpz_init(T);
    to_fixed(X, &rr, F);
    mpz_fdiv_q_2exp(X, X, (mp_bitcnt_t)s);
    mpz_set_ui(S, 1);
    mpz_mul_2exp(S, S, (mp_bitcnt_t)F);
    mpz_add(S, S, X);
    mpz_set(T, X);
    for (unsigned long n = 2; mpz_sgn(T); n++) {
        mpz_mul(T, T, X);
        mpz_fdiv_q_2exp(T, T, (mp_bitcnt_t)F);
        mpz_tdiv_q_ui(T, T, n);
        mpz_add(S, S, T);
    }
    for (long i = 0; i < s; i++) {
        mpz_mul(S, S, S);
        mpz_fdiv_q_2exp(S, S, (mp_bitcnt_t)F);
    }
    from_fixed(r, S, F, wp);
    r->e += k;
    mpz_clear(X); mpz_clear(S); mpz_clear(T);
    bf_clear(&ln2); bf_clear(&kr); bf_clear(&rr);
    return true;
}

/* log(x), x > 0 */
static void bf_log(BF *r, const BF *x, long wp) {
    long k = bf_mag(x);                 /* x = y 2^k, y in [1/2, 1) */
    if (k == 0 || k == 1) k = 0;        /* x in [1/2, 2): no split (no cancellation near 1) */
    long j = reduction_steps(wp);
    long F = wp + j + 40;
    mpz_t Y, ONE, U, U2, T, S, t;
    mpz_init(Y); mpz_init(ONE); mpz_init(U); mpz_init(U2); mpz_init(T); mpz_init(S); mpz_init(t);
    BF y;
    bf_init(&y);
    bf_set(&y, x);
    y.e -= k;
    to_fixed(Y, &y, F);
    mpz_set_ui(ONE, 1);
    mpz_mul_2exp(ONE, ONE, (mp_bitcnt_t)F);
    for (long i = 0; i < j; i++) {
        mpz_mul_2exp(Y, Y, (mp_bitcnt_t)F);
        mpz_sqrt(Y, Y);
    }
    mpz_sub(U, Y, ONE);
    mpz_mul_2exp(U, U, (mp_bitcnt_t)F);
    mpz_add(t, Y, ONE);
    mpz_tdiv_q(U, U, t);
    mpz_mul(U2, U, U);
    mpz_fdiv_q_2exp(U2, U2, (mp_bitcnt_t)F);
    mpz_set(S, U);
    mpz_set(T, U);
    for (unsigned long n = 1; mpz_sgn(T); n++) {
        mpz_mul(T, T, U2);
        mpz_tdiv_q_2exp(T, T, (mp_bitcnt_t)F);
        mpz_tdiv_q_ui(t, T, 2 * n + 1);
        mpz_add(S, S, t);
    }
    from_fixed(r, S, F, wp + j + 8);
    r->e += j + 1;
    if (k) {
        BF l2, kk;
        bf_init(&l2); bf_init(&kk);
        bf_ln2(&l2, wp + 72);
        bf_set_si(&kk, k);
        bf_mul(&kk, &kk, &l2, wp + 72);
        bf_add(r, r, &kk, wp);
        bf_clear(&l2); bf_clear(&kk);
    } else bf_round(r, wp);
    bf_clear(&y);
    mpz_clear(Y); mpz_clear(ONE); mpz_clear(U); mpz_clear(U2); mpz_clear(T); mpz_clear(S); mpz_clear(t);
}

/* sin and cos of x (either may be NULL); false for huge x */
static bool bf_sincos(BF *sr, BF *cr, const BF *x, long wp) {
    if (!bf_sgn(x)) {
        if (sr) bf_set_si(sr, 0);
        if (cr) bf_set_si(cr, 1);
        return true;
    }
    long mx = bf_mag(x);
    if (mx > 100000) return false;
    long extra = mx > 0 ? mx : 0;
    BF hp, q, rr, t;
    bf_init(&hp); bf_init(&q); bf_init(&rr); bf_init(&t);
    long wq = wp + extra + 32;
    bf_pi(&hp, wq);
    hp.e -= 1;
    bf_div(&q, x, &hp, wq);
    /* k = round(q) */
    mpz_t k;
    mpz_init(k);
    if (q.e >= 0) mpz_mul_2exp(k, q.m, (mp_bitcnt_t)q.e);
    else {
        mpz_mul_2exp(k, q.m, 1);
        mpz_fdiv_q_2exp(k, k, (mp_bitcnt_t)(-q.e));
        mpz_add_ui(k, k, 1);
        mpz_fdiv_q_2exp(k, k, 1);
    }
    bf_set_z(&t, k);
    bf_mul(&t, &t, &hp, wq);
    bf_sub(&rr, x, &t, wq);
    int quad = (int)mpz_fdiv_ui(k, 4);
    long s = reduction_steps(wp);
    long F = wp + 2 * s + 40;
    mpz_t X, X2, S, C, T, U;
    mpz_init(X); mpz_init(X2); mpz_init(S); mpz_init(C); mpz_init(T); mpz_init(U);
    to_fixed(X, &rr, F);
    mpz_fdiv_q_2exp(X, X, (mp_bitcnt_t)s);
    mpz_mul(X2, X, X);
    mpz_fdiv_q_2exp(X2, X2, (mp_bitcnt_t)F);
    mpz_set(S, X);
    mpz_set(T, X);
    for (unsigned long n = 1; mpz_sgn(T); n++) {
        mpz_mul(T, T, X2);
        mpz_tdiv_q_2exp(T, T, (mp_bitcnt_t)F);
        mpz_tdiv_q_ui(T, T, (2 * n) * (2 * n + 1));
        mpz_neg(T, T);
        mpz_add(S, S, T);
    }
    mpz_set_ui(C, 1);
    mpz_mul_2exp(C, C, (mp_bitcnt_t)F);
    mpz_set(T, C);
    for (unsigned long n = 1; mpz_sgn(T); n++) {
        mpz_mul(T, T, X2);
        mpz_tdiv_q_2exp(T, T, (mp_bitcnt_t)F);
        mpz_tdiv_q_ui(T, T, (2 * n - 1) * (2 * n));
        mpz_neg(T, T);
        mpz_add(C, C, T);
    }
    for (long i = 0; i < s; i++) {
        /* sin 2a = 2 sin a cos a, cos 2a = cos^2 a - sin^2 a */
        mpz_mul(T, S, C);
        mpz_fdiv_q_2exp(T, T, (mp_bitcnt_t)(F - 1));
        mpz_mul(U, C, C);
        mpz_submul(U, S, S);
        mpz_fdiv_q_2exp(C, U, (mp_bitcnt_t)F);
        mpz_set(S, T);
    }
    /* quadrant */
    if (quad == 1) { mpz_swap(S, C); mpz_neg(C, C); }
    else if (quad == 2) { mpz_neg(S, S); mpz_neg(C, C); }
    else if (quad == 3) { mpz_swap(S, C); mpz_neg(S, S); }
    if (sr) from_fixed(sr, S, F, wp);
    if (cr) from_fixed(cr, C, F, wp);
    mpz_clear(X); mpz_clear(X2); mpz_clear(S); mpz_clear(C); mpz_clear(T); mpz_clear(U); mpz_clear(k);
    bf_clear(&hp); bf_clear(&q); bf_clear(&rr); bf_clear(&t);
    return true;
}

static void bf_atan(BF *r, const BF *x, long wp) {
    if (!bf_sgn(x)) { bf_set_si(r, 0); return; }
    BF a, one, t;
    bf_init(&a); bf_init(&one); bf_init(&t);
    bf_set_si(&one, 1);
    int sg = bf_sgn(x);
    mpz_abs(a.m, x->m);
    a.e = x->e;
    bool inv = bf_cmp(&a, &one) > 0;
    long w2 = wp + 32;
    if (inv) bf_div(&a, &one, &a, w2);
    long j = reduction_steps(wp);
    for (long i = 0; i < j; i++) {
        /* a / (1 + sqrt(1 + a^2)) halves the angle */
        bf_mul(&t, &a, &a, w2);
        bf_add(&t, &t, &one, w2);
        bf_sqrt(&t, &t, w2);
        bf_add(&t, &t, &one, w2);
        bf_div(&a, &a, &t, w2);
    }
    long F = w2 + j + 16;
    mpz_t X, X2, S, T, u;
    mpz_init(X); mpz_init(X2); mpz_init(S); mpz_init(T); mpz_init(u);
    to_fixed(X, &a, F);
    mpz_mul(X2, X, X);
    mpz_fdiv_q_2exp(X2, X2, (mp_bitcnt_t)F);
    mpz_set(S, X);
    mpz_set(T, X);
    for (unsigned long n = 1; mpz_sgn(T); n++) {
        mpz_mul(T, T, X2);
        mpz_tdiv_q_2exp(T, T, (mp_bitcnt_t)F);
        mpz_neg(T, T);
        mpz_tdiv_q_ui(u, T, 2 * n + 1);
        mpz_add(S, S, u);
    }
    from_fixed(r, S, F, w2);
    r->e += j;
    if (inv) {
        BF hp;
        bf_init(&hp);
        bf_pi(&hp, w2);
        hp.e -= 1;
        bf_sub(r, &hp, r, w2);
        bf_clear(&hp);
    }
    if (sg < 0) bf_neg(r, r);
    bf_round(r, wp);
    mpz_clear(X); mpz_clear(X2); mpz_clear(S); mpz_clear(T); mpz_clear(u);
    bf_clear(&a); bf_clear(&one); bf_clear(&t);
}

/* x^n, n an integer (x != 0 when n < 0) */
static void bf_pow_z(BF *r, const BF *x, const mpz_t n, long wp) {
    BF b, acc;
    bf_init(&b); bf_init(&acc);
    bf_set(&b, x);
    bf_set_si(&acc, 1);
    mpz_t k;
    mpz_init(k);
    mpz_abs(k, n);
    long w2 = wp + (long)mpz_sizeinbase(k, 2) + 16;
    while (mpz_sgn(k)) {
        if (mpz_odd_p(k)) bf_mul(&acc, &acc, &b, w2);
        mpz_fdiv_q_2exp(k, k, 1);
        if (mpz_sgn(k)) bf_mul(&b, &b, &b, w2);
    }
    if (mpz_sgn(n) < 0) {
        BF one;
        bf_init(&one);
        bf_set_si(&one, 1);
        bf_div(&acc, &one, &acc, w2);
        bf_clear(&one);
    }
    bf_set(r, &acc);
    bf_round(r, wp);
    mpz_clear(k);
    bf_clear(&b); bf_clear(&acc);
}

/* Euler's constant by Brent and McMillan's algorithm B1: with n ~ wp ln2/4,
 * A_0 = -log n, B_0 = 1, B_k = B_{k-1} n^2/k^2, A_k = (A_{k-1} n^2/k + B_k)/k,
 * gamma = (sum A_k)/(sum B_k) - the error is about e^(-4n). */
static void bf_euler_gamma(BF *r, long wp) {
    long F = wp + 32;
    unsigned long n = (unsigned long)(wp * 0.6931471805599453 / 4) + 2;
    BF ln;
    bf_init(&ln);
    BF nb;
    bf_init(&nb);
    bf_set_si(&nb, (long)n);
    bf_log(&ln, &nb, F + 16);
    mpz_t A, B, U, V, t;
    mpz_init(A); mpz_init(B); mpz_init(U); mpz_init(V); mpz_init(t);
    to_fixed(A, &ln, F);
    mpz_neg(A, A);
    mpz_set_ui(B, 1);
    mpz_mul_2exp(B, B, (mp_bitcnt_t)F);
    mpz_set(U, A);
    mpz_set(V, B);
    unsigned long n2 = n * n;
    for (unsigned long k = 1; mpz_sgn(B) || mpz_sgn(A); k++) {
        mpz_mul_ui(B, B, n2);
        mpz_tdiv_q_ui(B, B, k * k);
        mpz_mul_ui(A, A, n2);
        mpz_tdiv_q_ui(A, A, k);
        mpz_add(A, A, B);
        mpz_tdiv_q_ui(A, A, k);
        mpz_add(U, U, A);
        mpz_add(V, V, B);
        if (k > 8 * n + 64) break;
    }
    /* gamma = U/V */
    mpz_mul_2exp(t, U, (mp_bitcnt_t)F);
    mpz_tdiv_q(t, t, V);
    from_fixed(r, t, F, wp);
    mpz_clear(A); mpz_clear(B); mpz_clear(U); mpz_clear(V); mpz_clear(t);
    bf_clear(&ln); bf_clear(&nb);
}

/* Catalan's constant: G = Pi/8 log(2 + Sqrt[3]) + 3/8 sum (k!)^2/((2k)! (2k + 1)^2) */
static void bf_catalan(BF *r, long wp) {
    long F = wp + 32;
    mpz_t T, S, q;
    mpz_init(T); mpz_init(S); mpz_init(q);
    mpz_set_ui(T, 1);
    mpz_mul_2exp(T, T, (mp_bitcnt_t)F);       /* (k!)^2/(2k)! in fixed point */
    mpz_set(S, T);
    for (unsigned long k = 1; mpz_sgn(T); k++) {
        mpz_mul_ui(T, T, k);
        mpz_tdiv_q_ui(T, T, 2 * (2 * k - 1));
        mpz_tdiv_q_ui(q, T, (2 * k + 1));
        mpz_tdiv_q_ui(q, q, (2 * k + 1));
        mpz_add(S, S, q);
    }
    mpz_mul_ui(S, S, 3);
    BF sum, a, b;
    bf_init(&sum); bf_init(&a); bf_init(&b);
    from_fixed(&sum, S, F + 3, F);              /* 3/8 S */
    bf_set_si(&a, 3);
    bf_sqrt(&a, &a, F);
    bf_set_si(&b, 2);
    bf_add(&a, &a, &b, F);
    bf_log(&a, &a, F);
    bf_pi(&b, F);
    bf_mul(&a, &a, &b, F);
    a.e -= 3;                                   /* Pi/8 log(2 + Sqrt[3]) */
    bf_add(r, &a, &sum, wp);
    mpz_clear(T); mpz_clear(S); mpz_clear(q);
    bf_clear(&sum); bf_clear(&a); bf_clear(&b);
}

/* Zeta[s] for an integer s >= 2 by Borwein's algorithm for the alternating
 * series: eta(s) = -1/d_n sum (-1)^k (d_k - d_n)/(k + 1)^s, error about
 * 5.8^-n; zeta(s) = eta(s)/(1 - 2^(1 - s)) */
static bool bf_zeta_int(BF *r, unsigned long s, long wp) {
    if (s < 2 || s > 100000) return false;
    long F = wp + 32;
    unsigned long n = (unsigned long)(wp / 2.5) + 8;
    mpz_t d, term, num, den, sum, pw, acc;
    mpz_init(d); mpz_init(term); mpz_init(num); mpz_init(den); mpz_init(sum); mpz_init(pw); mpz_init(acc);
    /* d_k = n sum_{i=0}^{k} (n + i - 1)! 4^i / ((n - i)! (2i)!), as integers:
     * term_i = (n + i - 1)!/((n - i)! (2i)!) 4^i n, term_0 = 1 */
    mpz_t *dk = malloc((n + 1) * sizeof(mpz_t));
    if (!dk) return false;
    mpz_set_ui(term, 1);                        /* i = 0: n (n-1)!/n! = 1 */
    mpz_set(acc, term);
    mpz_init_set(dk[0], acc);
    for (unsigned long i = 1; i <= n; i++) {
        /* term_i = term_{i-1} (n + i - 1)(n - i + 1) 4 / ((2i - 1)(2i)) */
        mpz_mul_ui(term, term, n + i - 1);
        mpz_mul_ui(term, term, n - i + 1);
        mpz_mul_ui(term, term, 4);
        mpz_divexact_ui(term, term, (2 * i - 1) * (2 * i));
        mpz_add(acc, acc, term);
        mpz_init_set(dk[i], acc);
    }
    /* sum (-1)^k (d_k - d_n)/(k + 1)^s in fixed point */
    for (unsigned long k = 0; k < n; k++) {
        mpz_sub(num, dk[k], dk[n]);
        mpz_mul_2exp(num, num, (mp_bitcnt_t)F);
        mpz_ui_pow_ui(pw, k + 1, s);
        mpz_tdiv_q(num, num, pw);
        if (k & 1) mpz_sub(sum, sum, num); else mpz_add(sum, sum, num);
    }
    /* eta = -sum/d_n; zeta = eta 2^(s-1)/(2^(s-1) - 1) */
    mpz_neg(sum, sum);
    mpz_tdiv_q(sum, sum, dk[n]);
    mpz_ui_pow_ui(pw, 2, s - 1);
    mpz_mul(sum, sum, pw);
    mpz_sub_ui(pw, pw, 1);
    mpz_tdiv_q(sum, sum, pw);
    from_fixed(r, sum, F, wp);
    for (unsigned long i = 0; i <= n; i++) mpz_clear(dk[i]);
    free(dk);
    mpz_clear(d); mpz_clear(term); mpz_clear(num); mpz_clear(den); mpz_clear(sum); mpz_clear(pw); mpz_clear(acc);
    return true;
}

/* ---- the expression form ------------------------------------------------------------------- */

static LyExpr big_sym(LyVM *vm) { return ly_symbol(vm, "Lyra`BigReal"); }

bool lys_is_bigreal(LyVM *vm, LyExpr e) {
    return ly_type(e) == LY_TNORMAL && ly_nhead(e) == big_sym(vm) && ly_nlen(e) == 3 &&
           ly_is_integer(ly_narg(e, 1)) && ly_is_small(ly_narg(e, 2)) && ly_is_real(ly_narg(e, 3));
}

static void get_bf(LyExpr e, BF *x, double *prec) {
    ly_int_get_mpz(ly_narg(e, 1), x->m);
    x->e = (long)ly_small(ly_narg(e, 2));
    if (prec) *prec = ly_num_to_double(ly_narg(e, 3));
}

double lys_bigreal_value(LyExpr e) {
    BF x;
    bf_init(&x);
    get_bf(e, &x, NULL);
    double d = bf_get_d(&x);
    bf_clear(&x);
    return d;
}

static void define_upvalues(LyVM *vm);

/* log10(10^x + 10^y) without leaving the double range; -INFINITY stands
 * for an absent term */
static double log10_sum(double x, double y) {
    if (x == -INFINITY) return y;
    if (y == -INFINITY) return x;
    double hi = x > y ? x : y, lo = x > y ? y : x;
    return hi + log10(1 + pow(10, lo - hi));
}

/* Lyra`BigReal[m, e, p] for x at precision p (x rounded to p digits plus guard bits) */
static LyExpr mk_big(LyVM *vm, BF *x, double p) {
    if (!bf_sgn(x)) return ly_mksmall(0);
    if (!(p >= 0.5)) p = 0.5;                    /* NaN too */
    if (p > 1e7) p = 1e7;                        /* no infinite (or absurd) mantissas */
    bf_round(x, (long)ceil(p * LOG2_10) + 24);
    LyExpr m = ly_int_from_mpz(vm, x->m);
    if (!m) return NULL;
    define_upvalues(vm);
    return ly_mk(vm, big_sym(vm), 3, m, ly_mksmall(x->e), ly_mkreal(vm, p));
}

/* ---- evaluating a numeric expression at working precision wp -------------------------------------- */

typedef struct {
    LyVM *vm;
    double prec;    /* the smallest precision of Lyra`BigReal inputs (Infinity: none) */
} Ev;

static bool ev(Ev *E, LyExpr e, long wp, BF *out);

static bool is_named(LyExpr h, const char *name) { return ly_is_sym(h) && ly_is_symbol(h, name); }

/* Functions that are x (1 + O(x^2)) near 0, and those that are 1/x there. */
static bool odd_at_zero(const char *f) {
    return !strcmp(f, "Sin") || !strcmp(f, "Tan") || !strcmp(f, "Sinh") || !strcmp(f, "Tanh") ||
           !strcmp(f, "ArcSin") || !strcmp(f, "ArcTan");
}
static bool pole_at_zero(const char *f) { return !strcmp(f, "Cot") || !strcmp(f, "Csc"); }

static bool ev_fn(Ev *E, const char *f, const BF *x, long wp, BF *out) {
    /* The series below work to wp bits after the point, so a tiny x would
     * give 0 (Sin[1.`20*^-400]) or a division by 0 (Cot): with x^2 below
     * the last bit an odd function is x itself, else the work takes as
     * many more bits as x has leading zeros. */
    long mg = bf_mag(x);
    if (mg < 0 && bf_sgn(x) && (odd_at_zero(f) || pole_at_zero(f))) {
        if (odd_at_zero(f) && 2 * mg + 4 < -wp) {
            bf_set(out, x);
            bf_round(out, wp);
            return true;
        }
        wp -= mg;
    }
    long w2 = wp + 16;
    BF a, b, one;
    bf_init(&a); bf_init(&b); bf_init(&one);
    bf_set_si(&one, 1);
    bool ok = true;
    if (!strcmp(f, "Sin")) ok = bf_sincos(out, NULL, x, wp);
    else if (!strcmp(f, "Cos")) ok = bf_sincos(NULL, out, x, wp);
    else if (!strcmp(f, "Tan") || !strcmp(f, "Cot") || !strcmp(f, "Sec") || !strcmp(f, "Csc")) {
        ok = bf_sincos(&a, &b, x, w2);
        if (ok) {
            if (!strcmp(f, "Tan")) ok = bf_sgn(&b) && (bf_div(out, &a, &b, wp), true);
            else if (!strcmp(f, "Cot")) ok = bf_sgn(&a) && (bf_div(out, &b, &a, wp), true);
            else if (!strcmp(f, "Sec")) ok = bf_sgn(&b) && (bf_div(out, &one, &b, wp), true);
            else ok = bf_sgn(&a) && (bf_div(out, &one, &a, wp), true);
        }
    } else if (!strcmp(f, "Exp")) ok = bf_exp(out, x, wp);
    else if (!strcmp(f, "Log")) { ok = bf_sgn(x) > 0; if (ok) bf_log(out, x, wp); }
    else if (!strcmp(f, "Log2") || !strcmp(f, "Log10")) {
        ok = bf_sgn(x) > 0;
        if (ok) {
            bf_log(&a, x, w2);
            bf_set_si(&b, f[3] == '2' ? 2 : 10);
            bf_log(&b, &b, w2);
            bf_div(out, &a, &b, wp);
        }
    }
    else if (!strcmp(f, "Sqrt")) { ok = bf_sgn(x) >= 0; if (ok) bf_sqrt(out, x, wp); }
    else if (!strcmp(f, "ArcTan")) bf_atan(out, x, wp);
    else if (!strcmp(f, "ArcSin") || !strcmp(f, "ArcCos")) {
        /* asin x = atan(x / sqrt(1 - x^2)) */
        bf_mul(&a, x, x, w2);
        bf_sub(&a, &one, &a, w2);
        int s = bf_sgn(&a);
        ok = s >= 0;
        if (ok) {
            if (s == 0) { bf_pi(&b, w2); b.e -= 1; if (bf_sgn(x) < 0) bf_neg(&b, &b); }
            else { bf_sqrt(&a, &a, w2); bf_div(&a, x, &a, w2); bf_atan(&b, &a, w2); }
            if (!strcmp(f, "ArcCos")) { bf_pi(&a, w2); a.e -= 1; bf_sub(&b, &a, &b, w2); }
            bf_set(out, &b);
            bf_round(out, wp);
        }
    } else if (!strcmp(f, "Sinh") || !strcmp(f, "Cosh") || !strcmp(f, "Tanh")) {
        BF nx;
        bf_init(&nx);
        bf_neg(&nx, x);
        ok = bf_exp(&a, x, w2) && bf_exp(&b, &nx, w2);
        if (ok) {
            if (!strcmp(f, "Sinh")) { bf_sub(out, &a, &b, w2); out->e -= 1; }
            else if (!strcmp(f, "Cosh")) { bf_add(out, &a, &b, w2); out->e -= 1; }
            else { bf_sub(&nx, &a, &b, w2); bf_add(&a, &a, &b, w2); bf_div(out, &nx, &a, w2); }
            bf_round(out, wp);
        }
        bf_clear(&nx);
    } else if (!strcmp(f, "Abs")) { mpz_abs(out->m, x->m); out->e = x->e; }
    else ok = false;
    bf_clear(&a); bf_clear(&b); bf_clear(&one);
    (void)E;
    return ok;
}

static bool ev(Ev *E, LyExpr e, long wp, BF *out) {
    LyVM *vm = E->vm;
    if (ly_is_integer(e)) { ly_int_get_mpz(e, out->m); out->e = 0; return true; }
    if (ly_type(e) == LY_TRAT) {
        mpq_t q;
        lys_mpq_get(q, e);
        bf_set_q(out, q, wp);
        mpq_clear(q);
        return true;
    }
    if (ly_is_sym(e)) {
        if (e == LY_SYM(Pi)) { bf_pi(out, wp); return true; }
        if (e == LY_SYM(E)) { bf_e(out, wp); return true; }
        if (is_named(e, "Degree")) {
            BF d;
            bf_init(&d);
            bf_pi(out, wp + 8);
            bf_set_si(&d, 180);
            bf_div(out, out, &d, wp);
            bf_clear(&d);
            return true;
        }
        if (is_named(e, "EulerGamma")) { bf_euler_gamma(out, wp); return true; }
        if (is_named(e, "Catalan")) { bf_catalan(out, wp); return true; }
        if (is_named(e, "GoldenRatio")) {
            BF f;
            bf_init(&f);
            bf_set_si(&f, 5);
            bf_sqrt(out, &f, wp + 4);
            bf_set_si(&f, 1);
            bf_add(out, out, &f, wp + 4);
            out->e -= 1;
            bf_round(out, wp);
            bf_clear(&f);
            return true;
        }
        return false;
    }
    if (ly_type(e) != LY_TNORMAL) return false;
    if (lys_is_bigreal(vm, e)) {
        double p;
        get_bf(e, out, &p);
        if (p < E->prec) E->prec = p;
        return true;
    }
    LyExpr h = ly_nhead(e);
    size_t n = ly_nlen(e);
    if (!ly_is_sym(h) || n == 0) return false;
    if (!ly_safe_point(vm)) return false;
    bool ok = true;
    if (h == LY_SYM(Plus) || h == LY_SYM(Times)) {
        BF t;
        bf_init(&t);
        /* sums are computed wider: cancellation is caught by the caller's second pass */
        ok = ev(E, ly_narg(e, 1), wp, out);
        for (size_t i = 2; ok && i <= n; i++) {
            ok = ev(E, ly_narg(e, i), wp, &t);
            if (ok) {
                if (h == LY_SYM(Plus)) bf_add(out, out, &t, wp);
                else bf_mul(out, out, &t, wp);
            }
        }
        bf_clear(&t);
        return ok;
    }
    if (h == LY_SYM(Power) && n == 2) {
        LyExpr be = ly_narg(e, 1), xe = ly_narg(e, 2);
        BF b, x;
        bf_init(&b); bf_init(&x);
        if (ly_is_integer(xe)) {
            mpz_t k;
            mpz_init(k);
            ly_int_get_mpz(xe, k);
            ok = ev(E, be, wp + 16, &b) && (bf_sgn(&b) || mpz_sgn(k) > 0);
            if (ok) bf_pow_z(out, &b, k, wp);
            mpz_clear(k);
        } else if (be == LY_SYM(E)) {
            ok = ev(E, xe, wp + 16, &x) && bf_exp(out, &x, wp);
        } else {
            /* b^x = exp(x log b), b > 0 */
            ok = ev(E, be, wp + 32, &b) && bf_sgn(&b) > 0 && ev(E, xe, wp + 32, &x);
            if (ok) {
                bool half = ly_type(xe) == LY_TRAT && mpz_cmp_ui(x.m, 1) == 0 && x.e == -1;
                if (half) bf_sqrt(out, &b, wp);
                else {
                    BF l;
                    bf_init(&l);
                    long extra = bf_mag(&x) > 0 ? bf_mag(&x) : 0;
                    bf_log(&l, &b, wp + 32 + extra);
                    bf_mul(&l, &l, &x, wp + 32 + extra);
                    ok = bf_exp(out, &l, wp);
                    bf_clear(&l);
                }
            }
        }
        bf_clear(&b); bf_clear(&x);
        return ok;
    }
    if (n == 1 && is_named(h, "Zeta") && ly_is_small(ly_narg(e, 1)) && ly_small(ly_narg(e, 1)) >= 2)
        return bf_zeta_int(out, (unsigned long)ly_small(ly_narg(e, 1)), wp);
    if (n == 1) {
        const char *f = ly_sym(h)->name;
        BF x;
        bf_init(&x);
        ok = ev(E, ly_narg(e, 1), wp + 32, &x) && ev_fn(E, f, &x, wp, out);
        bf_clear(&x);
        return ok;
    }
    if (n == 2 && is_named(h, "Log")) {
        BF b, x;
        bf_init(&b); bf_init(&x);
        ok = ev(E, ly_narg(e, 1), wp + 32, &b) && ev(E, ly_narg(e, 2), wp + 32, &x) && bf_sgn(&b) > 0 && bf_sgn(&x) > 0;
        if (ok) {
            bf_log(&b, &b, wp + 16);
            bf_log(&x, &x, wp + 16);
            ok = bf_sgn(&b) != 0;
            if (ok) bf_div(out, &x, &b, wp);
        }
        bf_clear(&b); bf_clear(&x);
        return ok;
    }
    return false;
}

/* The value of e to p digits: evaluations at growing working precision until
 * two agree.  *pin gets the smallest input precision (Infinity when exact). */
static bool ev_adaptive(LyVM *vm, LyExpr e, double p, BF *out, double *pin) {
    long target = (long)ceil(p * LOG2_10) + 8;
    long wp = target + 32;
    BF a, b, d;
    bf_init(&a); bf_init(&b); bf_init(&d);
    Ev E = { vm, INFINITY };
    bool ok = ev(&E, e, wp, &a);
    for (int it = 0; ok && it < 8; it++) {
        long w2 = wp + 64 + (wp >> 1) * it;
        Ev E2 = { vm, INFINITY };
        ok = ev(&E2, e, w2, &b);
        if (!ok) break;
        bf_sub(&d, &a, &b, w2);
        /* agree: |a - b| < |b| 2^-target, or both zero */
        if (!bf_sgn(&d) || (bf_sgn(&b) && bf_mag(&d) < bf_mag(&b) - target)) { bf_set(out, &b); break; }
        if (it == 7) { bf_set(out, &b); break; }
        bf_set(&a, &b);
        wp = w2;
        if (ly_unwinding(vm)) { ok = false; break; }
    }
    *pin = E.prec;
    bf_clear(&a); bf_clear(&b); bf_clear(&d);
    return ok;
}

/* ---- machine precision beyond the machine range --------------------------------------------- */

/* A machine-precision result outside the range of doubles is, as in
 * Wolfram, an arbitrary-precision number of precision $MachinePrecision:
 * Lyra`BigReal[m, e, MACH_PREC] with a 53-bit m (2.^2000, N[2^2000],
 * Exp[1000.], 1000.!).  Arithmetic on machine numbers and these computes
 * on the exact binary values, rounds to 53 bits, and gives a machine real
 * again when the result is in range.  Past $MaxNumber (about 2^(2^52)):
 * Overflow[]; a machine computation below the normal range gives the
 * subnormal or zero machine value with General::munfl, as Wolfram's. */
#define MACH_PREC 15.954589770191003    /* 53 log10 2 */
#define MACH_WP (53 + 64)
#define MAX_MAG (1L << 52)

static bool is_mach(LyVM *vm, LyExpr e) {
    return lys_is_bigreal(vm, e) && ly_realv(ly_narg(e, 3)) == MACH_PREC;
}

static LyExpr overflow(LyVM *vm, int sign) {
    ly_message(vm, LY_SYM(General), "ovfl", 0);
    LyExpr o = ly_mk(vm, LY_SYM(Overflow), 0);
    return sign > 0 ? o : ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), o);
}

/* General::munfl about what, unless numerical methods sampling a function
 * have the check off (lys_underflow_check): Wolfram's evaluate on machine
 * arrays there, which do not issue it */
static const char munfl_key = 0;     /* slot: how many samplers have the check off */

void lys_munfl(LyVM *vm, LyExpr what) {
    if (what && !ly_get_slot(vm, &munfl_key)) ly_message(vm, LY_SYM(General), "munfl", 1, what);
}

void lys_underflow_check(LyVM *vm, bool on) {
    uintptr_t n = (uintptr_t)ly_get_slot(vm, &munfl_key);
    n = on ? (n ? n - 1 : 0) : n + 1;
    ly_set_slot(vm, &munfl_key, (void *)n, NULL);
}

/* a machine computation whose result is below every representable number */
static LyExpr underflow(LyVM *vm, LyExpr what) {
    lys_munfl(vm, what);
    return ly_mkreal(vm, 0.0);
}

/* x (consumed: rounded) as a machine-precision number; below the normal
 * range the machine value, with General::munfl about `what` when not NULL */
static LyExpr mk_mach(LyVM *vm, BF *x, LyExpr what) {
    if (!bf_sgn(x)) return ly_mkreal(vm, 0.0);
    bf_round(x, 53);
    long mag = bf_mag(x);
    if (mag > MAX_MAG) return overflow(vm, bf_sgn(x));
    if (mag < -MAX_MAG) return underflow(vm, what);
    if (mag <= 1024 && (mag >= -1021 || what)) {
        /* m has 53 bits: exact, except that ldexp rounds a subnormal */
        double d = mag < -1100 ? 0.0 : ldexp(mpz_get_d(x->m), (int)x->e);
        if (mag < -1021) lys_munfl(vm, what);
        return ly_mkreal(vm, d);
    }
    return mk_big(vm, x, MACH_PREC);
}

/* a real number for machine-precision arithmetic: machine reals exactly */
static bool mach_operand(LyVM *vm, LyExpr x, BF *v) {
    if (ly_is_real(x)) {
        if (!isfinite(ly_realv(x))) return false;
        bf_set_d(v, ly_realv(x));
        return true;
    }
    if (lys_is_bigreal(vm, x)) { get_bf(x, v, NULL); return true; }
    if (ly_is_integer(x)) { ly_int_get_mpz(x, v->m); v->e = 0; return true; }
    if (ly_type(x) == LY_TRAT) {
        mpq_t q;
        lys_mpq_get(q, x);
        bf_set_q(v, q, MACH_WP + 64);
        mpq_clear(q);
        return true;
    }
    return false;
}

/* the exact integer value k of x (v its value): an integer, or an
 * integral machine real below 2^62 */
static bool integral(LyExpr x, const BF *v, mpz_t k) {
    if (ly_is_integer(x)) { ly_int_get_mpz(x, k); return true; }
    if (!ly_is_real(x)) return false;
    if (!bf_sgn(v)) { mpz_set_ui(k, 0); return true; }
    if (bf_mag(v) > 62) return false;
    if (v->e >= 0) { mpz_mul_2exp(k, v->m, (mp_bitcnt_t)v->e); return true; }
    if (mpz_scan1(v->m, 0) < (mp_bitcnt_t)(-v->e)) return false;
    mpz_tdiv_q_2exp(k, v->m, (mp_bitcnt_t)(-v->e));
    return true;
}

/* a^b at machine precision; what: the expression, for messages */
static LyExpr mach_power(LyVM *vm, const BF *a, const BF *b, LyExpr bexpr, LyExpr what) {
    BF r, l;
    bf_init(&r); bf_init(&l);
    mpz_t k;
    mpz_init(k);
    LyExpr res = NULL;
    if (integral(bexpr, b, k)) {
        if (!mpz_sgn(k)) res = ly_mkreal(vm, 1.0);
        else if (!bf_sgn(a)) res = mpz_sgn(k) > 0 ? ly_mkreal(vm, 0.0) : NULL;
        else {
            /* the size first: |a|^k past $MaxNumber or below $MinNumber */
            double est = mpz_get_d(k) * bf_log10(a) * LOG2_10;
            if (est > (double)MAX_MAG) res = overflow(vm, bf_sgn(a) < 0 && mpz_odd_p(k) ? -1 : 1);
            else if (est < -(double)MAX_MAG) res = underflow(vm, what);
            else {
                bf_pow_z(&r, a, k, MACH_WP);
                res = mk_mach(vm, &r, what);
            }
        }
    } else if (bf_sgn(a) > 0) {
        long extra = bf_mag(b) > 0 ? bf_mag(b) : 0;
        bf_log(&l, a, MACH_WP + extra + 16);
        bf_mul(&l, &l, b, MACH_WP + extra + 16);
        if (bf_exp(&r, &l, MACH_WP)) res = mk_mach(vm, &r, what);
        else if (bf_sgn(&l) > 0) res = overflow(vm, 1);
        else res = underflow(vm, what);
    }
    mpz_clear(k);
    bf_clear(&r); bf_clear(&l);
    return res;
}

/* op[args] at machine precision for Plus, Times, Power; NULL when an
 * operand is not a real number (complex values stay with the caller) */
static LyExpr mach_arith(LyVM *vm, LyExpr op, size_t n, const LyExpr *args) {
    if (n != 2) return NULL;
    BF a, b, r;
    bf_init(&a); bf_init(&b); bf_init(&r);
    LyExpr res = NULL;
    if (mach_operand(vm, args[0], &a) && mach_operand(vm, args[1], &b)) {
        /* a machine underflow only when every operand is a machine real */
        LyExpr what = NULL;
        if (ly_is_real(args[0]) && (ly_is_real(args[1]) || (op == LY_SYM(Power) && ly_is_integer(args[1]))))
            what = ly_mk(vm, (ly_ref(op), op), 2, (ly_ref(args[0]), args[0]), (ly_ref(args[1]), args[1]));
        if (op == LY_SYM(Plus)) { bf_add(&r, &a, &b, MACH_WP); res = mk_mach(vm, &r, what); }
        else if (op == LY_SYM(Times)) { bf_mul(&r, &a, &b, MACH_WP); res = mk_mach(vm, &r, what); }
        else if (op == LY_SYM(Power)) res = mach_power(vm, &a, &b, args[1], what);
        ly_unref(vm, what);
    }
    bf_clear(&a); bf_clear(&b); bf_clear(&r);
    return res;
}

static LyExpr range_hook(LyVM *vm, LyExpr op, size_t n, const LyExpr *args) {
    return mach_arith(vm, op, n, args);
}

/* log Gamma(x) for x >= 100 by Stirling's series; ten terms leave an
 * error below 10^-40 (relative 10^-43), enough for the exponent of a
 * machine-precision result */
static void bf_lgamma(BF *r, const BF *x, long wp) {
    static const long c[10][2] = { { 1, 12 }, { -1, 360 }, { 1, 1260 }, { -1, 1680 }, { 1, 1188 },
                                   { -691, 360360 }, { 1, 156 }, { -3617, 122400 }, { 43867, 244188 },
                                   { -174611, 125400 } };
    long w = wp + 16;
    BF lx, t, h, s, inv, inv2, term, q;
    bf_init(&lx); bf_init(&t); bf_init(&h); bf_init(&s); bf_init(&inv); bf_init(&inv2); bf_init(&term); bf_init(&q);
    bf_log(&lx, x, w);
    bf_set_si(&h, 1);
    h.e = -1;
    bf_sub(&t, x, &h, w);
    bf_mul(&s, &t, &lx, w);             /* (x - 1/2) log x */
    bf_sub(&s, &s, x, w);               /* - x */
    bf_pi(&t, w);
    t.e += 1;
    bf_log(&t, &t, w);
    t.e -= 1;
    bf_add(&s, &s, &t, w);              /* + log(2 pi)/2 */
    bf_set_si(&t, 1);
    bf_div(&inv, &t, x, w);
    bf_mul(&inv2, &inv, &inv, w);
    for (int k = 0; k < 10; k++) {
        mpq_t cq;
        mpq_init(cq);
        mpq_set_si(cq, c[k][0], (unsigned long)c[k][1]);
        bf_set_q(&q, cq, w);
        mpq_clear(cq);
        bf_mul(&term, &q, &inv, w);
        bf_add(&s, &s, &term, w);
        bf_mul(&inv, &inv, &inv2, w);
    }
    bf_set(r, &s);
    bf_round(r, wp);
    bf_clear(&lx); bf_clear(&t); bf_clear(&h); bf_clear(&s); bf_clear(&inv); bf_clear(&inv2); bf_clear(&term); bf_clear(&q);
}

/* Gamma[x] of a machine real x >= 100 past the machine range; an integral
 * x up to 10^6 exactly, (x - 1)! rounded */
LyExpr lys_machine_gamma(LyVM *vm, double x) {
    if (!(x >= 100) || !isfinite(x)) return NULL;
    BF a, r, l;
    bf_init(&a); bf_init(&r); bf_init(&l);
    LyExpr res = NULL;
    if (x == floor(x) && x <= 1e6) {
        mpz_fac_ui(r.m, (unsigned long)x - 1);
        r.e = 0;
        res = mk_mach(vm, &r, NULL);
    } else if (!(x * log(x) < 1e18)) {
        /* log2 of the result past 10^18: no exponent holds it
         * ($MaxMachineNumber! made log2(x log x) infinite, UB as a long) */
        res = overflow(vm, 1);
    } else {
        bf_set_d(&a, x);
        long mag = (long)ceil(log2(x * log(x))) + 2;
        bf_lgamma(&l, &a, MACH_WP + mag);
        if (bf_exp(&r, &l, MACH_WP)) res = mk_mach(vm, &r, NULL);
        else res = overflow(vm, 1);
    }
    bf_clear(&a); bf_clear(&r); bf_clear(&l);
    return res;
}

/* N[x] of an exact number outside the machine range */
LyExpr lys_machine_value(LyVM *vm, LyExpr x) {
    BF v;
    bf_init(&v);
    LyExpr r = mach_operand(vm, x, &v) ? mk_mach(vm, &v, NULL) : NULL;
    bf_clear(&v);
    return r;
}

/* f[x] at machine precision for a machine real or machine-precision x
 * whose machine value overflowed; NULL when f is not one this file
 * computes (the caller gives Overflow[]).  what: the expression. */
LyExpr lys_machine_fn(LyVM *vm, const char *f, LyExpr x, LyExpr what) {
    BF a, r;
    bf_init(&a); bf_init(&r);
    LyExpr res = NULL;
    Ev E = { vm, MACH_PREC };
    if (mach_operand(vm, x, &a)) {
        if (ev_fn(&E, f, &a, MACH_WP, &r)) res = mk_mach(vm, &r, ly_is_real(x) ? what : NULL);
        else if (!strcmp(f, "Exp") || !strcmp(f, "Cosh") || !strcmp(f, "Sinh"))
            res = bf_sgn(&a) > 0 || strcmp(f, "Exp") ? overflow(vm, !strcmp(f, "Sinh") ? bf_sgn(&a) : 1)
                                                    : underflow(vm, ly_is_real(x) ? what : NULL);
        else if ((!strcmp(f, "Log") || !strcmp(f, "Sqrt")) && bf_sgn(&a) < 0) {
            /* Log[-x] = Log[x] + I Pi, Sqrt[-x] = I Sqrt[x] */
            bf_neg(&a, &a);
            LyExpr re = NULL, im = NULL;
            if (ev_fn(&E, f, &a, MACH_WP, &r)) {
                if (!strcmp(f, "Log")) { re = mk_mach(vm, &r, NULL); im = ly_mkreal(vm, M_PI); }
                else { re = ly_mkreal(vm, 0.0); im = mk_mach(vm, &r, NULL); }
            }
            if (re && im && ly_is_number(re) && ly_is_number(im)) res = ly_mkcomplex(vm, re, im);
            else { ly_unref(vm, re); ly_unref(vm, im); }
        }
    }
    bf_clear(&a); bf_clear(&r);
    return res;
}

/* ---- N[expr, p] -------------------------------------------------------------------------------- */

static LyExpr n_prec(LyVM *vm, LyExpr e, double p);

static LyExpr n_children(LyVM *vm, LyExpr e, double p) {
    LyExpr h = ly_nhead(e);
    size_t n = ly_nlen(e);
    uint32_t at = ly_is_sym(h) ? ly_attributes(vm, h) : 0;
    LyExpr nh = ly_is_sym(h) ? (ly_ref(h), h) : n_prec(vm, h, p);
    if (!nh) return NULL;
    LyExpr r = ly_mknormal(vm, nh, n);
    if (!r) return NULL;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        bool hold = (at & (1u << 15)) || (i == 1 && (at & (1u << 16))) || (i > 1 && (at & (1u << 17)));
        if (i == 2 && h == LY_SYM(Power) && n == 2 && ly_is_integer(a) && !ly_is_number(ly_narg(e, 1))) hold = true;
        LyExpr v = hold ? (ly_ref(a), a) : n_prec(vm, a, p);
        if (!v) { lys_abandon(vm, r, i); return NULL; }
        ly_nset(r, i, v);
    }
    return lys_eval_steal(vm, r);
}

static LyExpr n_prec(LyVM *vm, LyExpr e, double p) {
    if (!ly_safe_point(vm)) return NULL;
    if (ly_is_real(e) || ly_type(e) == LY_TCOMPLEX) { ly_ref(e); return e; }
    if (ly_is_string(e)) { ly_ref(e); return e; }
    if (ly_is_sym(e) || ly_is_integer(e) || ly_type(e) == LY_TRAT || ly_type(e) == LY_TNORMAL) {
        if (lys_is_bigreal(vm, e)) {
            BF x;
            double q;
            bf_init(&x);
            get_bf(e, &x, &q);
            LyExpr r = mk_big(vm, &x, q < p ? q : p);
            bf_clear(&x);
            return r;
        }
        if (ly_is_integer(e) && ly_is_small(e) && ly_small(e) == 0) return ly_mksmall(0);
        BF x;
        bf_init(&x);
        double pin;
        if (ev_adaptive(vm, e, p, &x, &pin)) {
            LyExpr r = mk_big(vm, &x, pin < p ? pin : p);
            bf_clear(&x);
            return r;
        }
        bf_clear(&x);
        if (ly_unwinding(vm)) return NULL;
        /* a numeric expression this file cannot evaluate: its machine value */
        if (ly_type(e) == LY_TNORMAL && lys_numericq(vm, e)) return lys_numericalize(vm, e);
        if (ly_type(e) == LY_TNORMAL) return n_children(vm, e, p);
        if (ly_is_sym(e)) {
            /* constants this file cannot compute: machine value */
            if (lys_numericq(vm, e)) return lys_numericalize(vm, e);
        }
        ly_ref(e);
        return e;
    }
    if (ly_is_packed(e)) {
        LyExpr u = lys_unpacked(vm, e);
        if (!u) return NULL;
        LyExpr r = n_children(vm, u, p);
        ly_unref(vm, u);
        return r;
    }
    return lys_numericalize(vm, e);
}

/* N[e, p] for a precision other than MachinePrecision; NULL leaves the call
 * to the machine path (declined = true). */
LyExpr lys_n_precision(LyVM *vm, LyExpr e, LyExpr pe, bool *declined) {
    *declined = false;
    double p;
    if (ly_is_integer(pe) || ly_type(pe) == LY_TRAT || ly_is_real(pe)) p = ly_num_to_double(pe);
    else { *declined = true; return NULL; }
    if (!(p > 0) || p > 1e6) { *declined = true; return NULL; }
    return n_prec(vm, e, p);
}

/* SetPrecision[x, p]: machine reals converted exactly, exact numbers evaluated */
static LyExpr setprec(LyVM *vm, LyExpr e, double p) {
    if (ly_is_real(e)) {
        BF x;
        bf_init(&x);
        bf_set_d(&x, ly_num_to_double(e));
        LyExpr r = mk_big(vm, &x, p);
        bf_clear(&x);
        return r;
    }
    if (lys_is_bigreal(vm, e)) {
        BF x;
        bf_init(&x);
        get_bf(e, &x, NULL);
        LyExpr r = mk_big(vm, &x, p);
        bf_clear(&x);
        return r;
    }
    if (ly_type(e) == LY_TNORMAL && !lys_numericq(vm, e)) {
        size_t n = ly_nlen(e);
        LyExpr r = ly_mknormal(vm, (ly_ref(ly_nhead(e)), ly_nhead(e)), n);
        for (size_t i = 1; r && i <= n; i++) {
            LyExpr v = setprec(vm, ly_narg(e, i), p);
            if (!v) { lys_abandon(vm, r, i); return NULL; }
            ly_nset(r, i, v);
        }
        return r ? lys_eval_steal(vm, r) : NULL;
    }
    return n_prec(vm, e, p);
}

static LyExpr b_setprecision(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    LyExpr pe = ly_narg(e, 2);
    if (ly_is_symbol(pe, "MachinePrecision")) return lys_numericalize(vm, ly_narg(e, 1));
    if (pe == LY_SYM(Infinity) || ly_head_is(pe, LY_SYM(DirectedInfinity))) {
        LyExpr args[2] = { ly_narg(e, 1), ly_mksmall(0) };
        return lys_apply_eval(vm, ly_symbol(vm, "Rationalize"), 2, args);
    }
    if (!(ly_is_integer(pe) || ly_type(pe) == LY_TRAT || ly_is_real(pe))) return NULL;
    double p = ly_num_to_double(pe);
    if (!(p > 0) || p > 1e6) return NULL;
    return setprec(vm, ly_narg(e, 1), p);
}

/* ---- arithmetic on the numbers: Lyra`BigOp[op, args...] ------------------------------------------------ */

/* x as an exact/big value: false for machine and complex numbers */
static bool operand(LyVM *vm, LyExpr x, long wp, BF *v, double *p) {
    if (lys_is_bigreal(vm, x)) { get_bf(x, v, p); return true; }
    if (ly_is_real(x) && isfinite(ly_realv(x))) { bf_set_d(v, ly_realv(x)); *p = MACH_PREC; return true; }
    *p = INFINITY;
    if (ly_is_integer(x)) { ly_int_get_mpz(x, v->m); v->e = 0; return true; }
    if (ly_type(x) == LY_TRAT) {
        mpq_t q;
        lys_mpq_get(q, x);
        bf_set_q(v, q, wp);
        mpq_clear(q);
        return true;
    }
    return false;
}

static LyExpr machine_op(LyVM *vm, LyExpr op, size_t n, const LyExpr *args) {
    /* the same operation on machine values */
    LyExpr r = ly_mknormal(vm, (ly_ref(op), op), n);
    for (size_t i = 0; r && i < n; i++) {
        LyExpr v = lys_is_bigreal(vm, args[i]) ? ly_mkreal(vm, lys_bigreal_value(args[i])) : (ly_ref(args[i]), args[i]);
        if (!v) { lys_abandon(vm, r, i + 1); return NULL; }
        ly_nset(r, i + 1, v);
    }
    return r ? lys_eval_steal(vm, r) : NULL;
}

static long wp_of(double p) { return (long)ceil((isinf(p) ? 0 : p) * LOG2_10) + 64; }

/* log10 |f'(x)| for x beyond the machine range (xd is 0 or infinite
 * there), in terms of lx = log10 |x|: the leading term as x -> 0 or
 * x -> Infinity (Sqrt[8.8`4.69*^888] has precision 4.99, not 1000 more) */
static double log10_deriv_far(const char *f, double lx, double lr) {
    if (!strcmp(f, "Sqrt")) return -M_LN2 / M_LN10 - 0.5 * lx;
    if (!strcmp(f, "Log")) return -lx;
    if (!strcmp(f, "Log2")) return -lx - log10(M_LN2);
    if (!strcmp(f, "Log10")) return -lx - log10(M_LN10);
    if (lx > 0) {
        if (!strcmp(f, "ArcTan")) return -2 * lx;
        if (!strcmp(f, "Tanh")) return -1e300;
        return lr;          /* Exp, Sinh, Cosh: f' ~ f; the others are not finite there */
    }
    /* x -> 0 */
    if (!strcmp(f, "Cos") || !strcmp(f, "Sec") || !strcmp(f, "Cosh")) return lx;    /* f' ~ x */
    if (!strcmp(f, "Cot") || !strcmp(f, "Csc")) return -2 * lx;                       /* f' ~ 1/x^2 */
    return 0;               /* Sin, Tan, Exp, Sinh, Tanh, ArcTan, ArcSin, ArcCos: f' ~ 1 */
}

/* log10 |f'(x)| for the functions big_fn evaluates, from x and r = f(x) */
static double log10_deriv(const char *f, const BF *x, double xd, const BF *r) {
    double lr = bf_log10(r), d = NAN;
    if (!isfinite(xd) || (xd == 0 && bf_sgn(x))) return log10_deriv_far(f, bf_log10(x), lr);
    if (!strcmp(f, "Sin")) d = fabs(cos(xd));
    else if (!strcmp(f, "Cos")) d = fabs(sin(xd));
    else if (!strcmp(f, "Tan")) d = 1 / (cos(xd) * cos(xd));
    else if (!strcmp(f, "Cot")) d = 1 / (sin(xd) * sin(xd));
    else if (!strcmp(f, "Sec")) d = fabs(tan(xd) / cos(xd));
    else if (!strcmp(f, "Csc")) d = fabs(1 / (tan(xd) * sin(xd)));
    else if (!strcmp(f, "Exp") || !strcmp(f, "Sinh") || !strcmp(f, "Cosh")) {
        if (fabs(xd) > 20) return lr;
        d = !strcmp(f, "Exp") ? exp(xd) : !strcmp(f, "Sinh") ? cosh(xd) : fabs(sinh(xd));
    } else if (!strcmp(f, "Log")) d = 1 / fabs(xd);
    else if (!strcmp(f, "Log2")) d = 1 / (fabs(xd) * M_LN2);
    else if (!strcmp(f, "Log10")) d = 1 / (fabs(xd) * M_LN10);
    else if (!strcmp(f, "Sqrt")) d = 0.5 / sqrt(xd);
    else if (!strcmp(f, "ArcTan")) d = 1 / (1 + xd * xd);
    else if (!strcmp(f, "ArcSin") || !strcmp(f, "ArcCos")) d = 1 / sqrt(1 - xd * xd);
    else if (!strcmp(f, "Tanh")) d = fabs(xd) > 300 ? 0 : 1 / (cosh(xd) * cosh(xd));
    if (!isfinite(d)) return lr;
    return d > 0 ? log10(d) : -1e300;
}

/* f(x) at the precision x supports: the result's absolute error is
 * |f'(x)| |x| 10^-p; below one digit the machine value. */
static LyExpr big_fn(LyVM *vm, const char *f, LyExpr a, LyExpr opsym) {
    BF x, r;
    double p;
    bf_init(&x); bf_init(&r);
    get_bf(a, &x, &p);
    Ev E = { vm, p };
    LyExpr res = NULL;
    long wp = wp_of(p) + 64;
    if (ev_fn(&E, f, &x, wp, &r) && bf_sgn(&r)) {
        double xd = bf_get_d(&x);
        double q = bf_log10(&r) - (log10_deriv(f, &x, xd, &r) + bf_log10(&x)) + p;
        if (q > p + 1000) q = p + 1000;
        /* below one digit the machine value, unless there is none (the
         * square root of 88*10^8888888888`8, precision 0.5, is 10^4444444444) */
        if (q >= 1 || (q > 0 && fabs(bf_log10(&r)) > 300)) {
            if (q > p + 16) {
                /* more digits than were computed: compute again */
                ev_fn(&E, f, &x, wp_of(q) + 64, &r);
            }
            res = mk_big(vm, &r, q);
        }
    }
    if (!res && !ly_unwinding(vm)) {
        LyExpr args[1] = { a };
        res = machine_op(vm, opsym, 1, args);
    }
    bf_clear(&x); bf_clear(&r);
    return res;
}

/* Precision[expr]: MachinePrecision with a machine number, else the
 * smallest precision of the arbitrary-precision numbers, else Infinity. */
static void prec_walk(LyVM *vm, LyExpr e, bool *machine, double *pmin) {
    if (ly_is_real(e) || (ly_type(e) == LY_TCOMPLEX && (ly_is_real(((LyComplex *)e)->re) || ly_is_real(((LyComplex *)e)->im)))) {
        *machine = true;
        return;
    }
    if (ly_type(e) == LY_TPACKED) { if (ly_packed(e)->h.flags == LY_PACKED_REAL) *machine = true; return; }
    if (ly_type(e) == LY_TASSOC) {
        LyAssoc *a = ly_assoc(e);
        for (size_t i = 0; i < a->len; i++) prec_walk(vm, ly_narg(a->rules[i], 2), machine, pmin);
        return;
    }
    if (ly_type(e) != LY_TNORMAL) return;
    if (lys_is_bigreal(vm, e)) {
        double p = ly_num_to_double(ly_narg(e, 3));
        if (p == MACH_PREC) *machine = true;
        else if (p < *pmin) *pmin = p;
        return;
    }
    prec_walk(vm, ly_nhead(e), machine, pmin);
    for (size_t i = 1; i <= ly_nlen(e); i++) prec_walk(vm, ly_narg(e, i), machine, pmin);
}

static LyExpr b_precision(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    bool machine = false;
    double pmin = INFINITY;
    prec_walk(vm, ly_narg(e, 1), &machine, &pmin);
    if (machine) return ly_symbol(vm, "MachinePrecision");
    if (isinf(pmin)) return LY_SYM(Infinity);
    return ly_mkreal(vm, pmin);
}

static LyExpr b_bigop(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 2) return NULL;
    LyExpr op = ly_narg(e, 1);
    const LyExpr *args = ly_nargs(e) + 1;
    size_t na = n - 1;
    if (!ly_is_sym(op)) return NULL;
    const char *f = ly_sym(op)->name;
    /* complex operands: the machine result; machine reals or numbers of
     * machine precision: machine-precision arithmetic */
    bool mach = false;
    for (size_t i = 0; i < na; i++) {
        LyExpr a = args[i];
        if (ly_is_real(a) || is_mach(vm, a)) mach = true;
        else if (!lys_is_bigreal(vm, a) && !ly_is_integer(a) && ly_type(a) != LY_TRAT)
            return ly_is_number(a) ? machine_op(vm, op, na, args) : NULL;
    }
    if (mach && na == 2 && (op == LY_SYM(Plus) || op == LY_SYM(Times) || op == LY_SYM(Power)))
        return mach_arith(vm, op, na, args);
    double pmax = 0;
    for (size_t i = 0; i < na; i++)
        if (lys_is_bigreal(vm, args[i])) {
            double p = ly_num_to_double(ly_narg(args[i], 3));
            if (p > pmax) pmax = p;
        }
    long wp = wp_of(pmax) + 64;
    BF a, b, r;
    double pa, pb;
    bf_init(&a); bf_init(&b); bf_init(&r);
    LyExpr res = NULL;
    if ((op == LY_SYM(Plus) || op == LY_SYM(Times)) && na == 2) {
        operand(vm, args[0], wp, &a, &pa);
        operand(vm, args[1], wp, &b, &pb);
        if (op == LY_SYM(Plus)) {
            bf_add(&r, &a, &b, wp + 64);
            if (!bf_sgn(&r)) res = ly_mkreal(vm, 0.0);
            else {
                /* absolute errors |a| 10^-pa + |b| 10^-pb, in logarithms
                 * (10^-p underflows past 308 digits) */
                double err = log10_sum(isinf(pa) || !bf_sgn(&a) ? -INFINITY : bf_log10(&a) - pa,
                                       isinf(pb) || !bf_sgn(&b) ? -INFINITY : bf_log10(&b) - pb);
                res = mk_big(vm, &r, bf_log10(&r) - err);
            }
        } else {
            bf_mul(&r, &a, &b, wp);
            /* relative errors 10^-pa + 10^-pb */
            res = mk_big(vm, &r, -log10_sum(isinf(pa) ? -INFINITY : -pa, isinf(pb) ? -INFINITY : -pb));
        }
    } else if (op == LY_SYM(Power) && na == 2) {
        operand(vm, args[0], wp, &a, &pa);
        operand(vm, args[1], wp, &b, &pb);
        if (ly_is_integer(args[1])) {
            mpz_t k;
            mpz_init(k);
            ly_int_get_mpz(args[1], k);
            if (!mpz_sgn(k)) res = ly_mksmall(1);
            else if (!bf_sgn(&a) && mpz_sgn(k) < 0) res = NULL;
            else {
                bf_pow_z(&r, &a, k, wp);
                res = mk_big(vm, &r, pa - log10(fabs(mpz_get_d(k))));
            }
            mpz_clear(k);
        } else if (bf_sgn(&a) > 0) {
            BF l;
            bf_init(&l);
            double xd = bf_get_d(&b);
            long extra = bf_mag(&b) > 0 ? bf_mag(&b) : 0;
            bf_log(&l, &a, wp + extra);
            double ld = bf_get_d(&l);
            bf_mul(&l, &l, &b, wp + extra);
            if (bf_exp(&r, &l, wp)) {
                /* relative error |y| 10^-pa + |y log x| 10^-pb */
                double rel = log10_sum(isinf(pa) || xd == 0 ? -INFINITY : log10(fabs(xd)) - pa,
                                       isinf(pb) || xd * ld == 0 ? -INFINITY : log10(fabs(xd * ld)) - pb);
                res = mk_big(vm, &r, rel > -INFINITY ? -rel : (pa < pb ? pa : pb));
            } else res = machine_op(vm, op, na, args);
            bf_clear(&l);
        } else res = machine_op(vm, op, na, args);
    } else if (na == 1 && lys_is_bigreal(vm, args[0])) {
        LyExpr x = args[0];
        get_bf(x, &a, &pa);
        if (!strcmp(f, "Floor") || !strcmp(f, "Ceiling") || !strcmp(f, "IntegerPart") || !strcmp(f, "Round")) {
            mpz_t z;
            mpz_init(z);
            if (a.e >= 0) mpz_mul_2exp(z, a.m, (mp_bitcnt_t)a.e);
            else if (!strcmp(f, "Floor")) mpz_fdiv_q_2exp(z, a.m, (mp_bitcnt_t)(-a.e));
            else if (!strcmp(f, "Ceiling")) mpz_cdiv_q_2exp(z, a.m, (mp_bitcnt_t)(-a.e));
            else if (!strcmp(f, "IntegerPart")) mpz_tdiv_q_2exp(z, a.m, (mp_bitcnt_t)(-a.e));
            else {
                /* round half to even */
                BF h;
                bf_init(&h);
                mpz_set_ui(h.m, 1);
                h.e = -1;
                bf_add(&b, &a, &h, bf_bits(&a) + labs(a.e) + 8);
                mpz_fdiv_q_2exp(z, b.m, (mp_bitcnt_t)(-b.e));
                /* exactly halfway and odd: step back */
                BF back;
                bf_init(&back);
                bf_set_z(&back, z);
                bf_sub(&back, &b, &back, bf_bits(&b) + labs(b.e) + 8);
                if (!bf_sgn(&back) && mpz_odd_p(z)) mpz_sub_ui(z, z, 1);
                bf_clear(&back);
                bf_clear(&h);
            }
            res = ly_int_from_mpz(vm, z);
            mpz_clear(z);
        } else if (!strcmp(f, "FractionalPart")) {
            mpz_t z;
            mpz_init(z);
            if (a.e >= 0) res = ly_mksmall(0);
            else {
                mpz_tdiv_q_2exp(z, a.m, (mp_bitcnt_t)(-a.e));
                bf_set_z(&b, z);
                bf_sub(&r, &a, &b, bf_bits(&a) + 8);
                double q = bf_sgn(&r) ? pa - bf_log10(&a) + bf_log10(&r) : pa;
                res = mk_big(vm, &r, q);
            }
            mpz_clear(z);
        } else if (!strcmp(f, "Sign")) res = ly_mksmall(bf_sgn(&a));
        else if (!strcmp(f, "Abs")) { mpz_abs(a.m, a.m); res = mk_big(vm, &a, pa); }
        else if (!strcmp(f, "Re") || !strcmp(f, "Conjugate")) { ly_ref(x); res = x; }
        else if (!strcmp(f, "Im")) res = ly_mksmall(0);
        else if (!strcmp(f, "Arg")) {
            if (bf_sgn(&a) >= 0) res = ly_mksmall(0);
            else if (mach) res = ly_mkreal(vm, M_PI);
            else { bf_pi(&r, wp_of(pa)); res = mk_big(vm, &r, pa); }
        }
        else if (!strcmp(f, "Precision")) res = mach ? ly_symbol(vm, "MachinePrecision") : ly_mkreal(vm, pa);
        else if (!strcmp(f, "Accuracy")) res = ly_mkreal(vm, pa - bf_log10(&a));
        else if (mach) {
            res = lys_machine_fn(vm, f, x, NULL);
            if (!res && !ly_unwinding(vm)) res = machine_op(vm, op, na, args);
        } else res = big_fn(vm, f, x, op);
    } else if ((!strcmp(f, "Max") || !strcmp(f, "Min")) && na == 2) {
        operand(vm, args[0], wp, &a, &pa);
        operand(vm, args[1], wp, &b, &pb);
        int c = bf_cmp(&a, &b);
        bool first = !strcmp(f, "Max") ? c >= 0 : c <= 0;
        res = first ? (ly_ref(args[0]), args[0]) : (ly_ref(args[1]), args[1]);
    }
    bf_clear(&a); bf_clear(&b); bf_clear(&r);
    return res;
}

/* ---- comparison --------------------------------------------------------------------------------------- */

/* Order of a and b when one is an arbitrary-precision real and the other a
 * real number or one: -1, 1, or 0 when they agree to the lower precision
 * less 7 bits (Wolfram's tolerance, as for machine numbers); 2 otherwise. */
int lys_bigreal_cmp(LyVM *vm, LyExpr a, LyExpr b) {
    if (!lys_is_bigreal(vm, a) && !lys_is_bigreal(vm, b)) return 2;
    if (!(lys_is_bigreal(vm, a) || ly_is_integer(a) || ly_type(a) == LY_TRAT || ly_is_real(a)) ||
        !(lys_is_bigreal(vm, b) || ly_is_integer(b) || ly_type(b) == LY_TRAT || ly_is_real(b)))
        return 2;
    double pa = INFINITY, pb = INFINITY;
    if (lys_is_bigreal(vm, a)) pa = ly_num_to_double(ly_narg(a, 3));
    if (lys_is_bigreal(vm, b)) pb = ly_num_to_double(ly_narg(b, 3));
    if (ly_is_real(a)) pa = MACH_PREC;
    if (ly_is_real(b)) pb = MACH_PREC;
    double p = pa < pb ? pa : pb;
    long wp = wp_of(p);
    BF x, y, d;
    bf_init(&x); bf_init(&y); bf_init(&d);
    int r = 2;
    if (operand(vm, a, wp, &x, &pa) && operand(vm, b, wp, &y, &pb)) {
        int sx = bf_sgn(&x), sy = bf_sgn(&y);
        long mx = bf_mag(&x), my = bf_mag(&y);
        if (sx != sy) r = sx < sy ? -1 : 1;
        else if (!sx) r = 0;
        else if (mx > my + 2 || my > mx + 2) r = (mx > my) == (sx > 0) ? 1 : -1;
        else {
            bf_sub(&d, &x, &y, wp + 16);
            long tol = (long)(p * LOG2_10) - 7;
            if (!bf_sgn(&d) || bf_mag(&d) < (mx > my ? mx : my) - tol) r = 0;
            else r = bf_sgn(&d);
        }
    }
    bf_clear(&x); bf_clear(&y); bf_clear(&d);
    return r;
}

/* ---- printing: p significant digits ------------------------------------------------------------------ */

/* The digits of |x| rounded to nd significant digits, and the decimal
 * exponent of the first (x = 0.d1d2... 10^(ex+1)). */
static char *decimal_digits(const BF *x, long nd, long *ex) {
    mpz_t num, den, s, lim;
    mpz_init(num); mpz_init(den); mpz_init(s); mpz_init(lim);
    long E10 = (long)floor(bf_log10(x));
    char *out = NULL;
    for (int tries = 0; tries < 3; tries++) {
        long k = nd - 1 - E10;
        mpz_set_ui(den, 1);
        long e2;
        if (k > -4096 && k < 4096) {
            mpz_abs(num, x->m);
            if (k >= 0) { mpz_ui_pow_ui(s, 10, (unsigned long)k); mpz_mul(num, num, s); }
            else { mpz_ui_pow_ui(s, 10, (unsigned long)(-k)); mpz_mul(den, den, s); }
            e2 = x->e;
        } else {
            /* a huge decimal exponent (10^8888888888`8): x 10^k in binary
             * floating point with nd digits and guard bits, not the exact
             * 10^k (billions of digits) */
            long wp = (long)(nd * LOG2_10) + 64;
            BF ten, t, y;
            bf_init(&ten); bf_init(&t); bf_init(&y);
            bf_set_si(&ten, 10);
            mpz_set_si(s, k);
            bf_pow_z(&t, &ten, s, wp);
            bf_mul(&y, x, &t, wp);
            mpz_abs(num, y.m);
            e2 = y.e;
            bf_clear(&ten); bf_clear(&t); bf_clear(&y);
        }
        if (e2 >= 0) mpz_mul_2exp(num, num, (mp_bitcnt_t)e2);
        else mpz_mul_2exp(den, den, (mp_bitcnt_t)(-e2));
        /* round half up */
        mpz_mul_2exp(num, num, 1);
        mpz_add(num, num, den);
        mpz_mul_2exp(den, den, 1);
        mpz_fdiv_q(s, num, den);
        mpz_ui_pow_ui(lim, 10, (unsigned long)nd);
        if (mpz_cmp(s, lim) >= 0) { E10++; continue; }
        mpz_ui_pow_ui(lim, 10, (unsigned long)(nd - 1));
        if (mpz_cmp(s, lim) < 0) { E10--; continue; }
        out = mpz_get_str(NULL, 10, s);
        break;
    }
    *ex = E10;
    mpz_clear(num); mpz_clear(den); mpz_clear(s); mpz_clear(lim);
    return out;
}

static void gmp_free_str(char *d) {
    void (*gfree)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &gfree);
    gfree(d, strlen(d) + 1);
}

/* digits d (nd of them, the first of decimal exponent ex) as Wolfram writes
 * a real: fixed notation for exponents -5..5 (below nd too when fixed_big),
 * else d.ddd; *sci gets whether the exponent is to be written */
static void put_digits(LyBuf *b, const char *d, size_t nd, long ex, bool fixed_big, bool *sci) {
    *sci = false;
    if (ex >= -5 && ex <= 5 && (!fixed_big || ex < (long)nd)) {
        if (ex >= 0) {
            for (long i = 0; i <= ex; i++) ly_buf_put(b, i < (long)nd ? d + i : "0", 1);
            ly_buf_puts(b, ".");
            if ((long)nd > ex + 1) ly_buf_put(b, d + ex + 1, nd - (size_t)ex - 1);
        } else {
            ly_buf_puts(b, "0.");
            for (long i = 0; i < -ex - 1; i++) ly_buf_puts(b, "0");
            ly_buf_put(b, d, nd);
        }
        return;
    }
    ly_buf_put(b, d, 1);
    ly_buf_puts(b, ".");
    if (nd > 1) ly_buf_put(b, d + 1, nd - 1);
    *sci = true;
}

/* the precision mark of InputForm: `20., `15.954589770191003 */
static void put_mark(LyBuf *b, double p) {
    char t[40];
    if (p == floor(p) && p < 1e15) snprintf(t, sizeof t, "%.0f.", p);
    else {
        for (int k = 1; k <= 17; k++) {
            snprintf(t, sizeof t, "%.*f", k, p);
            if (strtod(t, NULL) == p) break;
        }
    }
    ly_buf_printf(b, "`%s", t);
}

/* |x| written with the nd digits d (trailing zeros dropped when input or
 * mach), the first of decimal exponent ex; InputForm: with the mark `p */
static void put_big(LyBuf *b, const char *d, size_t len, long ex, double p, bool mach, bool input) {
    if (mach || input) while (len > 1 && d[len - 1] == '0') len--;
    bool sci;
    put_digits(b, d, len, ex, !mach && !input, &sci);
    if (input) put_mark(b, p);
    if (sci) ly_buf_printf(b, input ? "*^%ld" : "*10^%ld", ex);
}

/* 1 when the InputForm text of b reads back as the value |x|, 0 when it
 * does not, -1 out of memory. */
static int reads_back(LyVM *vm, const LyBuf *b, const BF *x) {
    LyExpr r = NULL;
    if (b->oom) return -1;
    LyStatus st = ly_parse(vm, b->p, b->len, "InputForm", &r);
    if (st != LY_OK) return st == LY_ERRMEM ? -1 : 0;
    int same = 0;
    if (lys_is_bigreal(vm, r)) {
        BF y, ax;
        bf_init(&y); bf_init(&ax);
        get_bf(r, &y, NULL);
        mpz_abs(ax.m, x->m);
        ax.e = x->e;
        same = bf_cmp(&y, &ax) == 0;
        bf_clear(&y); bf_clear(&ax);
    }
    ly_unref(vm, r);
    return same;
}

/* OutputForm: p significant digits; machine precision: 6, without
 * trailing zeros, as machine reals.  InputForm (Wolfram's shows the guard
 * digits too): the fewest digits, at least p, that read back as the same
 * number (1.5`20., 3.141592653589793238463`20.), so Put/Get and the
 * printer round trip lose nothing. */
static bool format_big(LyBuf *b, LyExpr e, bool input) {
    BF x;
    double p;
    bf_init(&x);
    get_bf(e, &x, &p);
    bool mach = p == MACH_PREC;
    long nd = mach ? (input ? 16 : 6) : (long)floor(p + 0.5);
    if (nd < 1) nd = 1;
    long ex;
    char *d = bf_sgn(&x) ? decimal_digits(&x, nd, &ex) : NULL;
    if (!d) {
        bf_clear(&x);
        ly_buf_puts(b, "0.");
        if (input) put_mark(b, p);
        return true;
    }
    if (input) {
        /* the reader rounds to B bits (vm/lex.c); this many digits are
         * within half a unit of the last of them: the last try */
        long B = mach ? 53 : (long)ceil(p * LOG2_10) + 24;
        if (bf_bits(&x) > B) B = bf_bits(&x);
        long most = (long)ceil((double)B * 0.30102999566398120) + 2;
        for (;;) {
            LyBuf t;
            ly_buf_init(&t, b->vm);
            put_big(&t, d, strlen(d), ex, p, mach, true);
            int ok = nd >= most ? 1 : reads_back(b->vm, &t, &x);
            ly_buf_free(&t);
            if (ok < 0) { gmp_free_str(d); bf_clear(&x); b->oom = true; return true; }
            if (ok) break;
            gmp_free_str(d);
            d = decimal_digits(&x, ++nd, &ex);
            if (!d) { bf_clear(&x); b->oom = true; return true; }
        }
    }
    if (bf_sgn(&x) < 0) ly_buf_puts(b, "-");
    put_big(b, d, strlen(d), ex, p, mach, input);
    gmp_free_str(d);
    bf_clear(&x);
    return true;
}

bool lys_bigreal_format(LyBuf *b, LyExpr e) { return format_big(b, e, false); }

static bool input_format_hook(LyBuf *b, LyExpr e) {
    return lys_is_bigreal(b->vm, e) && format_big(b, e, true);
}

/* RealDigits[x, 10, len] of an exact numeric x: the first len digits
 * (truncated) and the exponent; NULL when x cannot be evaluated. */
LyExpr lys_bigreal_realdigits(LyVM *vm, LyExpr x, long len) {
    if (len <= 0 || len > 1000000) return NULL;
    BF v;
    double pin;
    bf_init(&v);
    LyExpr res = NULL;
    if (ev_adaptive(vm, x, (double)len + 12, &v, &pin) && bf_sgn(&v)) {
        long ex;
        char *d = decimal_digits(&v, len + 10, &ex);
        if (d) {
            LyExpr l = ly_mknormal(vm, LY_SYM(List), (size_t)len);
            for (long i = 0; l && i < len; i++) ly_nset(l, (size_t)i + 1, ly_mksmall(d[i] - '0'));
            if (l) res = ly_mk(vm, LY_SYM(List), 2, l, ly_mksmall(ex + 1));
            void (*gfree)(void *, size_t);
            mp_get_memory_functions(NULL, NULL, &gfree);
            gfree(d, strlen(d) + 1);
        }
    }
    bf_clear(&v);
    return res;
}

/* ---- up-values, defined when the first number is made ------------------------------------------------- */

static void define_upvalues(LyVM *vm) {
    LyExpr flag = ly_symbol(vm, "Lyra`BigRealDefined");
    LyExpr v = ly_own_value(vm, flag);
    if (v) { ly_unref(vm, v); return; }
    ly_set_own_value(vm, flag, LY_SYM(True));
    static const char defs[] =
        "Lyra`BigReal /: Plus[a_Lyra`BigReal, b_?NumberQ] := Lyra`BigOp[Plus, a, b];"
        "Lyra`BigReal /: Times[a_Lyra`BigReal, b_?NumberQ] := Lyra`BigOp[Times, a, b];"
        "Lyra`BigReal /: Power[a_Lyra`BigReal, b_?NumberQ] := Lyra`BigOp[Power, a, b];"
        "Lyra`BigReal /: Power[a_?NumberQ, b_Lyra`BigReal] := Lyra`BigOp[Power, a, b];"
        "Lyra`BigReal /: Max[a_Lyra`BigReal, b_?NumberQ] := Lyra`BigOp[Max, a, b];"
        "Lyra`BigReal /: Min[a_Lyra`BigReal, b_?NumberQ] := Lyra`BigOp[Min, a, b];"
        "Lyra`BigReal /: Head[_Lyra`BigReal] := Real;"
        "Scan[Function[f, Lyra`BigReal /: f[a_Lyra`BigReal] := Lyra`BigOp[f, a]], "
        "{Sin, Cos, Tan, Cot, Sec, Csc, Exp, Log, Log2, Log10, Sqrt, ArcTan, ArcSin, ArcCos, Sinh, Cosh, Tanh, "
        "Floor, Ceiling, Round, IntegerPart, FractionalPart, Sign, Abs, Re, Im, Arg, Conjugate, Precision, Accuracy}];";
    int q = ly_set_quiet(vm, 1);
    ly_eval_string(vm, defs, sizeof defs - 1, "stdlib", NULL);
    ly_set_quiet(vm, q);
}

/* Lyra`BigReal[...] evaluates to itself; the first evaluation defines the
 * up-values that do its arithmetic (numbers read from source, 1.5`30, are
 * made by the parser, not by mk_big) */
static LyExpr b_bigreal(LyVM *vm, LyExpr e) {
    (void)e;
    define_upvalues(vm);
    return NULL;
}

static const LyBuiltin bigreal_builtins[] = {
    { "Lyra`BigReal", b_bigreal, "Formatted", NULL },
    { "Lyra`BigOp", b_bigop, "Protected", NULL },
    { "Precision", b_precision, "Protected",
      "Precision[x] gives the effective number of digits of precision in the number x." },
    { "SetPrecision", b_setprecision, "Protected",
      "SetPrecision[expr, p] yields a version of expr in which all numbers have been set to have precision p." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_bigreal(LyVM *vm);
LyStatus lys_open_bigreal(LyVM *vm) {
    ly_set_range_hook(vm, range_hook);
    ly_set_input_format_hook(vm, input_format_hook);
    return ly_register_table(vm, bigreal_builtins);
}
