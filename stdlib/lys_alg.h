/*
 * lys_alg.h — the algebra entry points shared by algebra.c, calculus.c,
 * solve.c and simplify.c.  Each takes a borrowed, evaluated expression and
 * returns a new reference (NULL only while unwinding).
 */
#ifndef LYS_ALG_H
#define LYS_ALG_H

#include "lyra_ext.h"

LyExpr lys_expand(LyVM *vm, LyExpr e);
LyExpr lys_expand_all(LyVM *vm, LyExpr e);
LyExpr lys_together(LyVM *vm, LyExpr e);
LyExpr lys_cancel(LyVM *vm, LyExpr e);
LyExpr lys_factor_expr(LyVM *vm, LyExpr e);
/* Numerator and denominator factors of a product (new references). */
void lys_numden(LyVM *vm, LyExpr e, LyExpr *num, LyExpr *den);
/* True when x does not occur in e. */
bool lys_free_of(LyExpr e, LyExpr x);

#endif
