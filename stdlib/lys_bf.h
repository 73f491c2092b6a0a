/*
 * lys_bf.h — binary floating point for arbitrary-precision work in stdlib/
 * (bf.c): LysBF is the value m 2^e (m a GMP integer); functions round
 * their result to wp significant bits, the working precision, and take
 * the result as their first argument (which may alias an operand).
 * Used by bigreal.c (the numbers Lyra`BigReal[m, e, p] and N[expr, p]),
 * bigspecial.c (special functions at any precision) and nintegrate.c.
 */
#ifndef LYS_BF_H
#define LYS_BF_H

#include <gmp.h>
#include "lys_data.h"

#define LOG2_10 3.321928094887362

typedef struct { mpz_t m; long e; } LysBF;

void lys_bf_init(LysBF *x);
void lys_bf_clear(LysBF *x);
void lys_bf_set(LysBF *r, const LysBF *a);
long lys_bf_bits(const LysBF *x);               /* bits of m (0 for zero) */
long lys_bf_mag(const LysBF *x);                /* |x| < 2^mag (very negative for zero) */
int lys_bf_sgn(const LysBF *x);
void lys_bf_round(LysBF *x, long wp);           /* to wp significant bits, to nearest */
void lys_bf_set_z(LysBF *r, const mpz_t z);
void lys_bf_set_si(LysBF *r, long v);
void lys_bf_set_d(LysBF *r, double d);          /* exactly */
void lys_bf_set_q(LysBF *r, const mpq_t q, long wp);
double lys_bf_get_d(const LysBF *x);            /* exponent clamped to the double range */
double lys_bf_log10(const LysBF *x);            /* log10 |x| (-1e300 for zero) */
void lys_bf_add(LysBF *r, const LysBF *a, const LysBF *b, long wp);
void lys_bf_sub(LysBF *r, const LysBF *a, const LysBF *b, long wp);
void lys_bf_neg(LysBF *r, const LysBF *a);
void lys_bf_mul(LysBF *r, const LysBF *a, const LysBF *b, long wp);
void lys_bf_div(LysBF *r, const LysBF *a, const LysBF *b, long wp);   /* b != 0 */
void lys_bf_sqrt(LysBF *r, const LysBF *x, long wp);                  /* x >= 0 */
int lys_bf_cmp(const LysBF *a, const LysBF *b);
/* fixed point: X = round(x 2^F), and back */
void lys_bf_to_fixed(mpz_t X, const LysBF *x, long F);
void lys_bf_from_fixed(LysBF *r, const mpz_t X, long F, long wp);
/* constants */
void lys_bf_pi(LysBF *r, long wp);
void lys_bf_e(LysBF *r, long wp);
void lys_bf_ln2(LysBF *r, long wp);
void lys_bf_euler_gamma(LysBF *r, long wp);
void lys_bf_catalan(LysBF *r, long wp);
/* elementary functions: exp (false when |x| >= 2^40), log (x > 0), sin and
 * cos (either may be NULL; false for huge x), atan, x^n */
bool lys_bf_exp(LysBF *r, const LysBF *x, long wp);
void lys_bf_log(LysBF *r, const LysBF *x, long wp);
bool lys_bf_sincos(LysBF *sr, LysBF *cr, const LysBF *x, long wp);
void lys_bf_atan(LysBF *r, const LysBF *x, long wp);
void lys_bf_pow_z(LysBF *r, const LysBF *x, const mpz_t n, long wp);
/* Zeta[s] at an integer s >= 2; log Gamma(x) for x >= 100 (to 10^-40) */
bool lys_bf_zeta_int(LysBF *r, unsigned long s, long wp);
void lys_bf_lgamma(LysBF *r, const LysBF *x, long wp);

/* bigreal.c: a number Lyra`BigReal[m, e, p] from x (rounded: x is
 * changed) at precision p digits (0 for a zero x), new reference; its
 * value and precision (prec may be NULL) */
LyExpr lys_bf_to_expr(LyVM *vm, LysBF *x, double p);
void lys_bf_from_expr(LyExpr e, LysBF *x, double *prec);
/* The real value of a numeric expression (numbers, arbitrary-precision
 * reals, Pi, E, ..., Plus, Times, Power and the functions N[e, p]
 * computes) at wp bits, without significance arithmetic: false when it
 * has parts it cannot evaluate so or the value is not real. */
bool lys_bf_eval(LyVM *vm, LyExpr e, long wp, LysBF *out);

#endif
