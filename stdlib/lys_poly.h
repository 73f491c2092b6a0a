/*
 * lys_poly.h — sparse multivariate polynomials with exact rational
 * coefficients, shared by algebra.c, calculus.c, solve.c and simplify.c.
 * Only lyra.h + lyra_ext.h (and GMP) underneath.
 *
 * A polynomial lives over a list of *kernels* (LysVars): the expressions
 * that act as variables — symbols, f[x], Sin[x], Sqrt[x] (as the kernel
 * x^(1/2)), 1/(1 + x) in Expand's view (a negative power of a sum is not
 * expanded).  Terms are exponent vectors (int32, negative exponents allowed:
 * Laurent polynomials, so Expand[(x + 1/x)^2] works) with mpq coefficients.
 * A normalised polynomial has its terms sorted in lex order, variable 0
 * most significant, highest first, no zero coefficients and no repeated
 * exponent vector; every operation returns normalised polynomials.
 *
 * Memory: term arrays go through the VM's allocator (ly_alloc); mpq limbs
 * through GMP.  Functions that allocate return false (or NULL) when memory
 * runs out; the VM has then started its out-of-memory exit.
 */
#ifndef LYS_POLY_H
#define LYS_POLY_H

#include <gmp.h>
#include "lys_data.h"

typedef struct LysVars {
    LyVM *vm;
    size_t n, cap;
    LyExpr *v;          /* kernels, referenced */
    bool inexact;       /* a machine real was met: coefficients print as reals */
} LysVars;

typedef struct LysPoly {
    LyVM *vm;
    int nv;             /* exponent vector length */
    size_t n, cap;      /* terms used / allocated */
    mpq_t *c;           /* coefficients */
    int32_t *e;         /* n * nv exponents, term i at e + i * nv */
} LysPoly;

static inline int32_t *lys_pexp(const LysPoly *p, size_t i) { return p->e + i * (size_t)p->nv; }

/* ---- kernels ---------------------------------------------------------------------------------- */

void lys_vars_init(LysVars *vs, LyVM *vm);
void lys_vars_free(LysVars *vs);
/* Index of kernel k, adding it when absent (-1 when out of memory). */
int lys_vars_add(LysVars *vs, LyExpr k);
int lys_vars_find(const LysVars *vs, LyExpr k);

/* How expressions become polynomials. */
enum {
    LYS_P_RATIONAL = 1,     /* negative powers of sums are walked into, not kernels
                               (the caller handles denominators itself) */
    LYS_P_NOEXPAND = 2,     /* positive powers of sums are kernels (Expand[e, patt] etc.) */
};
/* Adds the kernels of e to vs (in the order met; callers may sort). */
bool lys_collect_kernels(LysVars *vs, LyExpr e, unsigned flags);
/* Sorts kernels from index `from` on into canonical order (ly_order). */
void lys_vars_sort(LysVars *vs, size_t from);
/* Collects the kernels of e into vs (kept ones first, new ones sorted)
 * and converts: p gets initialised.  False when out of memory/aborted or
 * e does not fit the flags. */
bool lys_expr_to_poly(LysVars *vs, LyExpr e, LysPoly *p, unsigned flags);

/* ---- polynomials ---------------------------------------------------------------------------------- */

void lys_poly_init(LysPoly *p, LyVM *vm, int nv);
void lys_poly_clear(LysPoly *p);
void lys_poly_swap(LysPoly *a, LysPoly *b);
bool lys_poly_copy(LysPoly *dst, const LysPoly *src);   /* dst initialised */
/* Appends a term (exps of length nv, NULL: all zero); does not normalise. */
bool lys_poly_push(LysPoly *p, const int32_t *exps, const mpq_t c);
void lys_poly_normalize(LysPoly *p);
bool lys_poly_set_q(LysPoly *p, const mpq_t c);          /* constant */
bool lys_poly_set_var(LysPoly *p, int v, int32_t k);      /* x_v^k */
static inline bool lys_poly_is_zero(const LysPoly *p) { return p->n == 0; }
bool lys_poly_is_const(const LysPoly *p);
bool lys_poly_equal(const LysPoly *a, const LysPoly *b);

bool lys_poly_add(LysPoly *r, const LysPoly *a, const LysPoly *b);   /* r initialised, may alias */
bool lys_poly_sub(LysPoly *r, const LysPoly *a, const LysPoly *b);
bool lys_poly_mul(LysPoly *r, const LysPoly *a, const LysPoly *b);
bool lys_poly_pow(LysPoly *r, const LysPoly *a, unsigned long n);
void lys_poly_scale(LysPoly *p, const mpq_t c);
void lys_poly_neg(LysPoly *p);

/* e as a polynomial over vs (kernels must already be in vs; others are
 * added, which invalidates nv: collect first).  p initialised with vs->n. */
bool lys_poly_from_expr(LysVars *vs, LyExpr e, LysPoly *p, unsigned flags);
/* The expression (new reference, evaluated). */
LyExpr lys_poly_to_expr(const LysVars *vs, const LysPoly *p);
/* The term i as an expression (coefficient times kernels; evaluated). */
LyExpr lys_term_to_expr(const LysVars *vs, const LysPoly *p, size_t i);
LyExpr lys_q_to_expr(LyVM *vm, const mpq_t q);

/* ---- structure ------------------------------------------------------------------------------------ */

int32_t lys_poly_deg(const LysPoly *p, int v);        /* highest exponent of v (INT32_MIN if 0) */
int32_t lys_poly_lowdeg(const LysPoly *p, int v);     /* lowest exponent of v */
/* The coefficient of v^k (a polynomial without v). r initialised. */
bool lys_poly_coeff(LysPoly *r, const LysPoly *p, int v, int32_t k);
bool lys_poly_depends(const LysPoly *p, int v);
/* Leading variable present (smallest index with a nonzero exponent), -1 if constant. */
int lys_poly_mainvar(const LysPoly *p);
bool lys_poly_has_negative(const LysPoly *p);
bool lys_poly_derivative(LysPoly *r, const LysPoly *p, int v);

/* ---- division and gcd (variables must have nonnegative exponents) ------------------------------------ */

/* Division in Q(others)[v]: a = q b + r with deg_v r < deg_v b.  Requires
 * the leading coefficient of b in v to be a constant when others occur;
 * otherwise returns false without unwinding (*exact* callers use divexact). */
bool lys_poly_divrem(LysPoly *q, LysPoly *r, const LysPoly *a, const LysPoly *b, int v);
/* a / b when b divides a exactly (multivariate, lex); false if not. */
bool lys_poly_divexact(LysPoly *q, const LysPoly *a, const LysPoly *b);
/* gcd over Q[vars], normalised: integer coefficients, content 1, positive
 * leading coefficient (lex). */
bool lys_poly_gcd(LysPoly *g, const LysPoly *a, const LysPoly *b);
/* Makes p have coprime integer coefficients and a positive leading
 * coefficient; c gets the factor taken out (p_old = c p_new). */
void lys_poly_primitive(LysPoly *p, mpq_t c);

/* ---- univariate factoring over the integers ------------------------------------------------------------- */

/* One factor with its multiplicity. */
typedef struct LysFactor { LysPoly f; long k; } LysFactor;
typedef struct LysFactors {
    mpq_t unit;             /* numeric factor */
    size_t n, cap;
    LysFactor *f;
} LysFactors;
void lys_factors_init(LysFactors *fs);
void lys_factors_clear(LyVM *vm, LysFactors *fs);
/* Factors p (univariate in some variable, or constant; multivariate: only
 * content, monomials and the factors of the univariate content) into
 * irreducible primitive factors with positive leading coefficients. */
bool lys_factor(LysFactors *fs, const LysPoly *p);
/* Square-free decomposition only. */
bool lys_factor_squarefree(LysFactors *fs, const LysPoly *p);


#endif
