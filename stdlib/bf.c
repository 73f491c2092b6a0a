/*
 * bf.c — binary floating point on GMP integers for the arbitrary-precision
 * reals (bigreal.c) and the special functions computed at any precision
 * (bigspecial.c): a value m 2^e, rounded to a working precision of wp
 * bits; the elementary functions by argument reduction and series in
 * fixed point; Pi, E, log 2, Euler's and Catalan's constants, Zeta at
 * integers, log Gamma for large arguments.  See lys_bf.h.
 */
#include <math.h>
#include <stdlib.h>
#include "lys_bf.h"

/* ---- binary floating point on mpz: value m 2^e ------------------------------------------- */

void lys_bf_init(LysBF *x) { mpz_init(x->m); x->e = 0; }
void lys_bf_clear(LysBF *x) { mpz_clear(x->m); }
void lys_bf_set(LysBF *r, const LysBF *a) { mpz_set(r->m, a->m); r->e = a->e; }
long lys_bf_bits(const LysBF *x) { return mpz_sgn(x->m) ? (long)mpz_sizeinbase(x->m, 2) : 0; }
/* |x| < 2^mag */
long lys_bf_mag(const LysBF *x) { return mpz_sgn(x->m) ? lys_bf_bits(x) + x->e : LONG_MIN / 4; }
int lys_bf_sgn(const LysBF *x) { return mpz_sgn(x->m); }

/* keeps wp significant bits, rounding to nearest */
void lys_bf_round(LysBF *x, long wp) {
    long b = lys_bf_bits(x);
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

void lys_bf_set_z(LysBF *r, const mpz_t z) { mpz_set(r->m, z); r->e = 0; }
void lys_bf_set_si(LysBF *r, long v) { mpz_set_si(r->m, v); r->e = 0; }

void lys_bf_set_d(LysBF *r, double d) {
    int ex;
    double f = frexp(d, &ex);
    mpz_set_d(r->m, ldexp(f, 53));
    r->e = ex - 53;
}

double lys_bf_get_d(const LysBF *x) {
    if (!lys_bf_sgn(x)) return 0.0;
    long ex;
    double d = mpz_get_d_2exp(&ex, x->m);
    return ldexp(d, (int)(ex + x->e > 4000 ? 4000 : ex + x->e < -4000 ? -4000 : ex + x->e));
}

/* log10 |x| (finite for x != 0) */
double lys_bf_log10(const LysBF *x) {
    if (!lys_bf_sgn(x)) return -1e300;
    long ex;
    double d = mpz_get_d_2exp(&ex, x->m);
    return log10(fabs(d)) + (double)(ex + x->e) * 0.30102999566398120;
}

void lys_bf_add(LysBF *r, const LysBF *a, const LysBF *b, long wp) {
    if (!lys_bf_sgn(a)) { lys_bf_set(r, b); lys_bf_round(r, wp); return; }
    if (!lys_bf_sgn(b)) { lys_bf_set(r, a); lys_bf_round(r, wp); return; }
    long ma = lys_bf_mag(a), mb = lys_bf_mag(b);
    /* a term far below the other's last bit only rounds it */
    if (ma > mb + wp + 4) { lys_bf_set(r, a); lys_bf_round(r, wp); return; }
    if (mb > ma + wp + 4) { lys_bf_set(r, b); lys_bf_round(r, wp); return; }
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
    lys_bf_round(r, wp);
}

void lys_bf_neg(LysBF *r, const LysBF *a) { mpz_neg(r->m, a->m); r->e = a->e; }

void lys_bf_sub(LysBF *r, const LysBF *a, const LysBF *b, long wp) {
    LysBF nb;
    lys_bf_init(&nb);
    lys_bf_neg(&nb, b);
    lys_bf_add(r, a, &nb, wp);
    lys_bf_clear(&nb);
}

void lys_bf_mul(LysBF *r, const LysBF *a, const LysBF *b, long wp) {
    mpz_mul(r->m, a->m, b->m);
    r->e = a->e + b->e;
    lys_bf_round(r, wp);
}


/* b != 0 */
void lys_bf_div(LysBF *r, const LysBF *a, const LysBF *b, long wp) {
    long sh = wp + lys_bf_bits(b) - lys_bf_bits(a) + 2;
    if (sh < 0) sh = 0;
    mpz_t t;
    mpz_init(t);
    mpz_mul_2exp(t, a->m, (mp_bitcnt_t)sh);
    mpz_tdiv_q(r->m, t, b->m);
    r->e = a->e - sh - b->e;
    mpz_clear(t);
    lys_bf_round(r, wp);
}

void lys_bf_set_q(LysBF *r, const mpq_t q, long wp) {
    LysBF a, b;
    lys_bf_init(&a); lys_bf_init(&b);
    lys_bf_set_z(&a, mpq_numref(q));
    lys_bf_set_z(&b, mpq_denref(q));
    lys_bf_div(r, &a, &b, wp);
    lys_bf_clear(&a); lys_bf_clear(&b);
}

/* x >= 0 */
void lys_bf_sqrt(LysBF *r, const LysBF *x, long wp) {
    if (!lys_bf_sgn(x)) { mpz_set_ui(r->m, 0); r->e = 0; return; }
    long sh = 2 * wp - lys_bf_bits(x) + 4;
    if (sh < 0) sh = 0;
    if ((x->e - sh) & 1) sh++;
    mpz_t t;
    mpz_init(t);
    mpz_mul_2exp(t, x->m, (mp_bitcnt_t)sh);
    mpz_sqrt(r->m, t);
    r->e = (x->e - sh) / 2;
    mpz_clear(t);
    lys_bf_round(r, wp);
}

int lys_bf_cmp(const LysBF *a, const LysBF *b) {
    /* by sign, then by magnitude (2^(mag-1) <= |x| < 2^mag): the exact
     * difference below is then as long as the operands, never a number
     * written out to a huge exponent (Max[88*10^8888888888`8, 3]) */
    int sa = lys_bf_sgn(a), sb = lys_bf_sgn(b);
    if (sa != sb || sa == 0) return (sa > sb) - (sa < sb);
    long ma = lys_bf_mag(a), mb = lys_bf_mag(b);
    if (ma != mb) return ma > mb ? sa : -sa;
    LysBF d;
    lys_bf_init(&d);
    long wp = lys_bf_bits(a) + lys_bf_bits(b) + labs(a->e - b->e) + 8;
    lys_bf_sub(&d, a, b, wp);
    int s = lys_bf_sgn(&d);
    lys_bf_clear(&d);
    return s;
}

/* ---- fixed point: X = round(x 2^F) --------------------------------------------------------- */

void lys_bf_to_fixed(mpz_t X, const LysBF *x, long F) {
    long s = x->e + F;
    if (s >= 0) mpz_mul_2exp(X, x->m, (mp_bitcnt_t)s);
    else mpz_fdiv_q_2exp(X, x->m, (mp_bitcnt_t)(-s));
}

void lys_bf_from_fixed(LysBF *r, const mpz_t X, long F, long wp) {
    mpz_set(r->m, X);
    r->e = -F;
    lys_bf_round(r, wp);
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

void lys_bf_pi(LysBF *r, long wp) {
    long F = wp + 16;
    mpz_t a, b;
    mpz_init(a); mpz_init(b);
    arc_inv(a, 5, F, true);
    arc_inv(b, 239, F, true);
    mpz_mul_ui(a, a, 4);
    mpz_sub(a, a, b);
    mpz_mul_ui(a, a, 4);
    lys_bf_from_fixed(r, a, F, wp);
    mpz_clear(a); mpz_clear(b);
}

void lys_bf_e(LysBF *r, long wp) {
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
    lys_bf_from_fixed(r, S, F, wp);
    mpz_clear(term); mpz_clear(S);
}

void lys_bf_ln2(LysBF *r, long wp) {
    long F = wp + 16;
    mpz_t S;
    mpz_init(S);
    arc_inv(S, 3, F, false);
    mpz_mul_ui(S, S, 2);
    lys_bf_from_fixed(r, S, F, wp);
    mpz_clear(S);
}

static long reduction_steps(long wp) { return (long)sqrt((double)wp) / 2 + 2; }

/* exp(x); false when |x| is too large */
bool lys_bf_exp(LysBF *r, const LysBF *x, long wp) {
    if (!lys_bf_sgn(x)) { lys_bf_set_si(r, 1); return true; }
    if (lys_bf_mag(x) > 40) return false;
    double xd = lys_bf_get_d(x);
    long k = lround(xd / M_LN2);
    long s = reduction_steps(wp);
    long F = wp + s + 32;
    LysBF ln2, kr, rr;
    lys_bf_init(&ln2); lys_bf_init(&kr); lys_bf_init(&rr);
    lys_bf_ln2(&ln2, F + 64);
    lys_bf_set_si(&kr, k);
    lys_bf_mul(&kr, &kr, &ln2, F + 64);
    lys_bf_sub(&rr, x, &kr, F + 64);
    mpz_t X, S, T;
    mpz_init(X); mpz_init(S); mpz_init(T);
    lys_bf_to_fixed(X, &rr, F);
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
    lys_bf_from_fixed(r, S, F, wp);
    r->e += k;
    mpz_clear(X); mpz_clear(S); mpz_clear(T);
    lys_bf_clear(&ln2); lys_bf_clear(&kr); lys_bf_clear(&rr);
    return true;
}

/* log(x), x > 0 */
void lys_bf_log(LysBF *r, const LysBF *x, long wp) {
    long k = lys_bf_mag(x);                 /* x = y 2^k, y in [1/2, 1) */
    if (k == 0 || k == 1) k = 0;        /* x in [1/2, 2): no split (no cancellation near 1) */
    long j = reduction_steps(wp);
    long F = wp + j + 40;
    mpz_t Y, ONE, U, U2, T, S, t;
    mpz_init(Y); mpz_init(ONE); mpz_init(U); mpz_init(U2); mpz_init(T); mpz_init(S); mpz_init(t);
    LysBF y;
    lys_bf_init(&y);
    lys_bf_set(&y, x);
    y.e -= k;
    lys_bf_to_fixed(Y, &y, F);
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
    lys_bf_from_fixed(r, S, F, wp + j + 8);
    r->e += j + 1;
    if (k) {
        LysBF l2, kk;
        lys_bf_init(&l2); lys_bf_init(&kk);
        lys_bf_ln2(&l2, wp + 72);
        lys_bf_set_si(&kk, k);
        lys_bf_mul(&kk, &kk, &l2, wp + 72);
        lys_bf_add(r, r, &kk, wp);
        lys_bf_clear(&l2); lys_bf_clear(&kk);
    } else lys_bf_round(r, wp);
    lys_bf_clear(&y);
    mpz_clear(Y); mpz_clear(ONE); mpz_clear(U); mpz_clear(U2); mpz_clear(T); mpz_clear(S); mpz_clear(t);
}

/* sin and cos of x (either may be NULL); false for huge x */
bool lys_bf_sincos(LysBF *sr, LysBF *cr, const LysBF *x, long wp) {
    if (!lys_bf_sgn(x)) {
        if (sr) lys_bf_set_si(sr, 0);
        if (cr) lys_bf_set_si(cr, 1);
        return true;
    }
    long mx = lys_bf_mag(x);
    if (mx > 100000) return false;
    long extra = mx > 0 ? mx : 0;
    LysBF hp, q, rr, t;
    lys_bf_init(&hp); lys_bf_init(&q); lys_bf_init(&rr); lys_bf_init(&t);
    long wq = wp + extra + 32;
    lys_bf_pi(&hp, wq);
    hp.e -= 1;
    lys_bf_div(&q, x, &hp, wq);
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
    lys_bf_set_z(&t, k);
    lys_bf_mul(&t, &t, &hp, wq);
    lys_bf_sub(&rr, x, &t, wq);
    int quad = (int)mpz_fdiv_ui(k, 4);
    long s = reduction_steps(wp);
    long F = wp + 2 * s + 40;
    mpz_t X, X2, S, C, T, U;
    mpz_init(X); mpz_init(X2); mpz_init(S); mpz_init(C); mpz_init(T); mpz_init(U);
    lys_bf_to_fixed(X, &rr, F);
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
    if (sr) lys_bf_from_fixed(sr, S, F, wp);
    if (cr) lys_bf_from_fixed(cr, C, F, wp);
    mpz_clear(X); mpz_clear(X2); mpz_clear(S); mpz_clear(C); mpz_clear(T); mpz_clear(U); mpz_clear(k);
    lys_bf_clear(&hp); lys_bf_clear(&q); lys_bf_clear(&rr); lys_bf_clear(&t);
    return true;
}

void lys_bf_atan(LysBF *r, const LysBF *x, long wp) {
    if (!lys_bf_sgn(x)) { lys_bf_set_si(r, 0); return; }
    LysBF a, one, t;
    lys_bf_init(&a); lys_bf_init(&one); lys_bf_init(&t);
    lys_bf_set_si(&one, 1);
    int sg = lys_bf_sgn(x);
    mpz_abs(a.m, x->m);
    a.e = x->e;
    bool inv = lys_bf_cmp(&a, &one) > 0;
    long w2 = wp + 32;
    if (inv) lys_bf_div(&a, &one, &a, w2);
    long j = reduction_steps(wp);
    for (long i = 0; i < j; i++) {
        /* a / (1 + sqrt(1 + a^2)) halves the angle */
        lys_bf_mul(&t, &a, &a, w2);
        lys_bf_add(&t, &t, &one, w2);
        lys_bf_sqrt(&t, &t, w2);
        lys_bf_add(&t, &t, &one, w2);
        lys_bf_div(&a, &a, &t, w2);
    }
    long F = w2 + j + 16;
    mpz_t X, X2, S, T, u;
    mpz_init(X); mpz_init(X2); mpz_init(S); mpz_init(T); mpz_init(u);
    lys_bf_to_fixed(X, &a, F);
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
    lys_bf_from_fixed(r, S, F, w2);
    r->e += j;
    if (inv) {
        LysBF hp;
        lys_bf_init(&hp);
        lys_bf_pi(&hp, w2);
        hp.e -= 1;
        lys_bf_sub(r, &hp, r, w2);
        lys_bf_clear(&hp);
    }
    if (sg < 0) lys_bf_neg(r, r);
    lys_bf_round(r, wp);
    mpz_clear(X); mpz_clear(X2); mpz_clear(S); mpz_clear(T); mpz_clear(u);
    lys_bf_clear(&a); lys_bf_clear(&one); lys_bf_clear(&t);
}

/* x^n, n an integer (x != 0 when n < 0) */
void lys_bf_pow_z(LysBF *r, const LysBF *x, const mpz_t n, long wp) {
    LysBF b, acc;
    lys_bf_init(&b); lys_bf_init(&acc);
    lys_bf_set(&b, x);
    lys_bf_set_si(&acc, 1);
    mpz_t k;
    mpz_init(k);
    mpz_abs(k, n);
    long w2 = wp + (long)mpz_sizeinbase(k, 2) + 16;
    while (mpz_sgn(k)) {
        if (mpz_odd_p(k)) lys_bf_mul(&acc, &acc, &b, w2);
        mpz_fdiv_q_2exp(k, k, 1);
        if (mpz_sgn(k)) lys_bf_mul(&b, &b, &b, w2);
    }
    if (mpz_sgn(n) < 0) {
        LysBF one;
        lys_bf_init(&one);
        lys_bf_set_si(&one, 1);
        lys_bf_div(&acc, &one, &acc, w2);
        lys_bf_clear(&one);
    }
    lys_bf_set(r, &acc);
    lys_bf_round(r, wp);
    mpz_clear(k);
    lys_bf_clear(&b); lys_bf_clear(&acc);
}

/* Euler's constant by Brent and McMillan's algorithm B1: with n ~ wp ln2/4,
 * A_0 = -log n, B_0 = 1, B_k = B_{k-1} n^2/k^2, A_k = (A_{k-1} n^2/k + B_k)/k,
 * gamma = (sum A_k)/(sum B_k) - the error is about e^(-4n). */
void lys_bf_euler_gamma(LysBF *r, long wp) {
    long F = wp + 32;
    unsigned long n = (unsigned long)(wp * 0.6931471805599453 / 4) + 2;
    LysBF ln;
    lys_bf_init(&ln);
    LysBF nb;
    lys_bf_init(&nb);
    lys_bf_set_si(&nb, (long)n);
    lys_bf_log(&ln, &nb, F + 16);
    mpz_t A, B, U, V, t;
    mpz_init(A); mpz_init(B); mpz_init(U); mpz_init(V); mpz_init(t);
    lys_bf_to_fixed(A, &ln, F);
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
    lys_bf_from_fixed(r, t, F, wp);
    mpz_clear(A); mpz_clear(B); mpz_clear(U); mpz_clear(V); mpz_clear(t);
    lys_bf_clear(&ln); lys_bf_clear(&nb);
}

/* Catalan's constant: G = Pi/8 log(2 + Sqrt[3]) + 3/8 sum (k!)^2/((2k)! (2k + 1)^2) */
void lys_bf_catalan(LysBF *r, long wp) {
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
    LysBF sum, a, b;
    lys_bf_init(&sum); lys_bf_init(&a); lys_bf_init(&b);
    lys_bf_from_fixed(&sum, S, F + 3, F);              /* 3/8 S */
    lys_bf_set_si(&a, 3);
    lys_bf_sqrt(&a, &a, F);
    lys_bf_set_si(&b, 2);
    lys_bf_add(&a, &a, &b, F);
    lys_bf_log(&a, &a, F);
    lys_bf_pi(&b, F);
    lys_bf_mul(&a, &a, &b, F);
    a.e -= 3;                                   /* Pi/8 log(2 + Sqrt[3]) */
    lys_bf_add(r, &a, &sum, wp);
    mpz_clear(T); mpz_clear(S); mpz_clear(q);
    lys_bf_clear(&sum); lys_bf_clear(&a); lys_bf_clear(&b);
}

/* Zeta[s] for an integer s >= 2 by Borwein's algorithm for the alternating
 * series: eta(s) = -1/d_n sum (-1)^k (d_k - d_n)/(k + 1)^s, error about
 * 5.8^-n; zeta(s) = eta(s)/(1 - 2^(1 - s)) */
bool lys_bf_zeta_int(LysBF *r, unsigned long s, long wp) {
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
    lys_bf_from_fixed(r, sum, F, wp);
    for (unsigned long i = 0; i <= n; i++) mpz_clear(dk[i]);
    free(dk);
    mpz_clear(d); mpz_clear(term); mpz_clear(num); mpz_clear(den); mpz_clear(sum); mpz_clear(pw); mpz_clear(acc);
    return true;
}


/* log Gamma(x) for x >= 100 by Stirling's series; ten terms leave an
 * error below 10^-40 (relative 10^-43), enough for the exponent of a
 * machine-precision result */
void lys_bf_lgamma(LysBF *r, const LysBF *x, long wp) {
    static const long c[10][2] = { { 1, 12 }, { -1, 360 }, { 1, 1260 }, { -1, 1680 }, { 1, 1188 },
                                   { -691, 360360 }, { 1, 156 }, { -3617, 122400 }, { 43867, 244188 },
                                   { -174611, 125400 } };
    long w = wp + 16;
    LysBF lx, t, h, s, inv, inv2, term, q;
    lys_bf_init(&lx); lys_bf_init(&t); lys_bf_init(&h); lys_bf_init(&s); lys_bf_init(&inv); lys_bf_init(&inv2); lys_bf_init(&term); lys_bf_init(&q);
    lys_bf_log(&lx, x, w);
    lys_bf_set_si(&h, 1);
    h.e = -1;
    lys_bf_sub(&t, x, &h, w);
    lys_bf_mul(&s, &t, &lx, w);             /* (x - 1/2) log x */
    lys_bf_sub(&s, &s, x, w);               /* - x */
    lys_bf_pi(&t, w);
    t.e += 1;
    lys_bf_log(&t, &t, w);
    t.e -= 1;
    lys_bf_add(&s, &s, &t, w);              /* + log(2 pi)/2 */
    lys_bf_set_si(&t, 1);
    lys_bf_div(&inv, &t, x, w);
    lys_bf_mul(&inv2, &inv, &inv, w);
    for (int k = 0; k < 10; k++) {
        mpq_t cq;
        mpq_init(cq);
        mpq_set_si(cq, c[k][0], (unsigned long)c[k][1]);
        lys_bf_set_q(&q, cq, w);
        mpq_clear(cq);
        lys_bf_mul(&term, &q, &inv, w);
        lys_bf_add(&s, &s, &term, w);
        lys_bf_mul(&inv, &inv, &inv2, w);
    }
    lys_bf_set(r, &s);
    lys_bf_round(r, wp);
    lys_bf_clear(&lx); lys_bf_clear(&t); lys_bf_clear(&h); lys_bf_clear(&s); lys_bf_clear(&inv); lys_bf_clear(&inv2); lys_bf_clear(&term); lys_bf_clear(&q);
}

