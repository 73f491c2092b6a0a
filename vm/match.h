/*
 * match.h — the pattern matcher (match.c) and substitution of bindings.
 *
 * A match binds pattern names (symbols) to values.  A name bound by a
 * sequence pattern (x__, x___, or a name matching several arguments of a
 * Flat head) is bound to Sequence[...], which splices when substituted into
 * a function call and evaluated.
 *
 * Contract:
 *  - lyv_match borrows pat and e; on success it returns true and appends the
 *    bindings to *b (new references held by b); on failure it returns false
 *    and leaves *b as it was.  It returns false with vm->unwind set when an
 *    exit (Abort, out of memory) happens while evaluating a Condition or
 *    PatternTest; callers check ly_unwinding(vm).
 *  - Conditions (p /; c) and PatternTests (p?t) are evaluated during
 *    matching, with the bindings made so far substituted into c.
 *  - Attributes of heads in the *expression* drive Flat/Orderless matching:
 *    a + b + c matches a + c + x_ with x -> b; f[a, b, c] with Flat f matches
 *    f[x_, c] with x -> f[a, b].
 *  - Defaults: x_. uses the built-in defaults of Plus (0), Times (1),
 *    Power (exponent 1) and Default[f] values defined in the VM.
 *  - The matcher never recurses on the C stack deeper than the pattern's
 *    nesting depth, and checks the abort flag in backtracking loops.
 */
#ifndef LYV_MATCH_H
#define LYV_MATCH_H

#include "lyv.h"

typedef struct LyvBind { LySymbol *name; LyExpr value; } LyvBind;

typedef struct LyvBinds {
    LyVM *vm;
    LyvBind *v;          /* bindings, in the order they were made */
    size_t n, cap;
    LyvBind small[8];    /* inline storage for the common case */
} LyvBinds;

void lyv_binds_init(LyvBinds *b, LyVM *vm);
void lyv_binds_free(LyvBinds *b);
/* The value bound to name, borrowed, or NULL. */
LyExpr lyv_binds_get(const LyvBinds *b, LySymbol *name);

/* Matches e against pat (see above). */
bool lyv_match(LyVM *vm, LyExpr pat, LyExpr e, LyvBinds *b);

/* Like lyv_match, but calls accept at each complete match (bindings in b);
 * when accept returns false the matcher backtracks for another match.  Used
 * by ReplaceList and by rules whose right side is rhs /; cond.  accept may
 * evaluate; an exit it starts makes the match fail. */
typedef bool (*LyvMatchAccept)(LyVM *vm, const LyvBinds *b, void *ud);
bool lyv_match_all(LyVM *vm, LyExpr pat, LyExpr e, LyvBinds *b, LyvMatchAccept accept, void *ud);
/* Matches pat and then requires cond (bindings substituted, evaluated) to
 * give True, backtracking into pat otherwise (lhs :> rhs /; cond).
 * cond may be NULL. */
bool lyv_match_cond(LyVM *vm, LyExpr pat, LyExpr cond, LyExpr e, LyvBinds *b);
/* A packed array as a List of its rows (numbers for rank 1, packed rows
 * otherwise): new reference. */
LyExpr lyv_unpack_rows(LyVM *vm, LyExpr packed);
/* The default of argument i of n of head h (Default[h, i, n]), borrowed, or NULL. */
LyExpr lyv_default_value(LyVM *vm, LyExpr h, size_t i, size_t n);

/* True when pat contains no pattern objects (Blank*, Pattern, Alternatives,
 * Condition, PatternTest, Optional, Repeated*, Except, ...), so matching is
 * SameQ.  Used to index definitions. */
bool lyv_is_literal(LyExpr pat);

/* Replaces every occurrence of a bound name in rhs by its value (new
 * reference).  Like Wolfram's rule application, this substitutes inside held
 * expressions and inside scoping constructs (Function, Module, With, Block)
 * too, except where an inner construct binds the same name (lexical
 * shadowing: Function[{x}, ...], Module[{x}, ...], inner rules x_ -> ...). */
LyExpr lyv_binds_apply(LyVM *vm, LyExpr rhs, const LyvBinds *b);

/* lhs -> rhs applied to a run of e's arguments when lhs has e's Flat head
 * (p[a, b] -> x turns p[a, b, c] into p[x, c]): 1 with *out, 0 no match,
 * -1 while unwinding.  cond may be NULL. */
int lyv_flat_part(LyVM *vm, LyExpr lhs, LyExpr cond, LyExpr rhs, LyExpr e, LyExpr *out);

/* Replaces symbols syms[i] by vals[i] everywhere in e (With semantics). */
LyExpr lyv_substitute(LyVM *vm, LyExpr e, size_t n, LyExpr const *syms, LyExpr const *vals);

/* ---- compiled rules (rulecode.c) ---------------------------------------------------- */

/* Substituting into e is a plain replacement of every bound name (no
 * construct lyv_binds_apply treats as shadowing). */
bool lyv_plain(LyExpr e, int depth);
/* An lhs the simple matcher handles: h[args] (or h[args] /; c) with
 * arguments literal or _ / x_ / x_h, each possibly with ?t and /; c. */
bool lyv_simple_lhs(LyVM *vm, LyExpr lhs);
/* Compiles the matching plan of a simple lhs and/or the templates of a
 * plain rhs (body /; test for delayed rules); NULL when neither applies,
 * or out of memory (*nomem). */
LyvCode *lyv_code_new(LyVM *vm, LyExpr lhs, LyExpr rhs, bool delayed, bool *nomem);
void lyv_code_free(LyVM *vm, LyvCode *c);
bool lyv_code_simple(const LyvCode *c);
bool lyv_code_tmpl(const LyvCode *c);
/* Matches e against a simple lhs, evaluating its tests and conditions: the
 * number of bindings written to out (at most 8, values borrowed from e), or
 * SIZE_MAX when e does not match (or an exit started: ly_unwinding). */
size_t lyv_code_match(LyVM *vm, const LyvCode *c, LyExpr e, LyvBind *out);
/* The rhs with the bindings substituted (new reference); NULL when a
 * body /; test has a test that is not True, or on an exit.  e is the call.
 * With call->fold, machine-integer calls are folded and If at the top
 * selects its branch where the evaluator would (call->steps such steps);
 * with eager too, calls the evaluator would evaluate next are evaluated
 * (call->done, call->nofix: see LyvCall). */
LyExpr lyv_code_rhs(LyVM *vm, const LyvCode *c, LyExpr e, const LyvBind *b, size_t nb, LyvCall *call,
                    bool eager);

#endif
