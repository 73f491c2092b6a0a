/*
 * lys_num.h — what the numerical methods of stdlib/ share (numeric.c:
 * FindRoot, FindMinimum, FindMaximum, NSum; nintegrate.c: NIntegrate).
 * Only lyra.h + lyra_ext.h underneath.
 *
 * A function of a few variables is sampled as Wolfram's numerical
 * functions sample it: the variables are localized as Block does (their
 * values saved and cleared), the function is evaluated once with them
 * symbolic, and each sample sets their values to numbers and evaluates
 * that form again.
 */
#ifndef LYS_NUM_H
#define LYS_NUM_H

#include <complex.h>
#include "lys_data.h"
#undef I

#define LYS_MAXVARS 16

typedef struct LysFn {
    LyVM *vm;
    LyExpr f;                       /* the function evaluated with the variables symbolic */
    size_t nv;
    LyExpr vars[LYS_MAXVARS];
    LyExpr saved[LYS_MAXVARS];      /* their values before (restored by lys_fn_close) */
    bool delayed[LYS_MAXVARS];
    LyExpr monitor;                 /* EvaluationMonitor (held, borrowed) or NULL */
    long evals;                     /* samples of f taken */
} LysFn;

/* Localizes vars (n <= LYS_MAXVARS, symbols) and evaluates f with them
 * symbolic.  False on an exit (nothing to close then). */
bool lys_fn_open(LyVM *vm, LysFn *F, LyExpr f, size_t n, const LyExpr *vars, LyExpr monitor);
/* Gives the variables their values back and releases F->f. */
void lys_fn_close(LysFn *F);
/* g (an expression in the variables, usually F->f) at the point vals
 * (borrowed numbers), evaluated: new reference, NULL on an exit.  Samples
 * of F->f run the EvaluationMonitor. */
LyExpr lys_fn_eval(LysFn *F, LyExpr g, const LyExpr *vals);
LyExpr lys_fn_at(LysFn *F, LyExpr g, const double *x);
/* The value of g at x when it is a number (complex allowed, finite);
 * false otherwise or on an exit (ly_unwinding tells). */
bool lys_fn_value(LysFn *F, LyExpr g, const double *x, double _Complex *out);
/* The same for real values only. */
bool lys_fn_real(LysFn *F, LyExpr g, const double *x, double *out);

/* The value of an option (borrowed, from lys_get_options; NULL: absent)
 * as a machine real: Automatic (or absent) gives dflt, Infinity gives
 * INFINITY.  False, after head::optval, when it is none of those. */
bool lys_opt_real(LyVM *vm, LyExpr head, const char *name, LyExpr v, double dflt, double *out);
/* MachinePrecision (or absent): 0; a precision p >= 1: p.  False after
 * head::optval otherwise. */
bool lys_opt_precision(LyVM *vm, LyExpr head, LyExpr v, double *out);

/* The integral of F->f over its first variable from a to b (finite), to an
 * absolute error of atol (or machine precision), by the adaptive rule of
 * NIntegrate; false when a sample is not a number or on an exit
 * (nintegrate.c). */
bool lys_integrate(LysFn *F, double a, double b, double atol, double *out, double *err);

#endif
