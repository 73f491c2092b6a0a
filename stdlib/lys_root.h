/*
 * lys_root.h — algebraic numbers and polynomial roots (root.c), shared by
 * Solve, N and the comparisons.
 */
#ifndef LYS_ROOT_H
#define LYS_ROOT_H

#include <complex.h>
#include "lys_poly.h"

/* The d roots of sum c[i] x^i (c[d] != 0) in Root order (reals first,
 * increasing; then by real part, |imaginary part|, negative first).
 * real_coeffs: make real roots exactly real and pairs exactly conjugate. */
bool lys_cpoly_roots(const double _Complex *c, int d, bool real_coeffs, double _Complex *z);

/* Machine value of Root[f, k] (false when e is not one). */
bool lys_root_nvalue(LyVM *vm, LyExpr e, double _Complex *out);

/* Root[g, k] for the univariate polynomial g (variable 0), as a pure
 * function in #1.  New reference, unevaluated. */
LyExpr lys_root_object(LyVM *vm, const LysPoly *g, int64_t k);

/* The roots of a univariate polynomial with rational coefficients in
 * radicals, into out[0..deg) (new references, evaluated, unordered):
 * degree 1 and 2, binomials a x^n + c, biquadratics; cubics and quartics
 * by the general formulas only when asked.  Returns the degree, 0 when
 * there is no such form, -1 on an exit. */
enum { LYS_CUBICS = 1, LYS_QUARTICS = 2 };
int lys_radical_roots(LyVM *vm, const LysPoly *f, unsigned how, LyExpr *out);

#endif
