/*
 * dispatch.h — rule lists ready for replacement (replace.c), with an index
 * of their literal left sides, and Dispatch objects that keep one
 * (dispatch.c).  Internal to the VM.
 */
#ifndef LYV_DISPATCH_H
#define LYV_DISPATCH_H

#include "lyv.h"

/* One rule lhs -> rhs or lhs :> rhs /; cond, borrowed from its expression. */
typedef struct LyvRul {
    LyExpr lhs, rhs, cond;
} LyvRul;

/* The parts of the rule r (lyv_is_rule): lhs -> rhs /; cond. */
static inline void lyv_rule_of(LyExpr r, LyvRul *out) {
    out->lhs = ly_narg(r, 1);
    out->rhs = ly_narg(r, 2);
    out->cond = NULL;
    if (ly_head_is(out->rhs, LY_SYM(Condition)) && ly_nlen(out->rhs) == 2) {
        out->cond = ly_narg(out->rhs, 2);
        out->rhs = ly_narg(out->rhs, 1);
    }
}

/* The literal left sides of a rule list by hash (ly_hash), each with the
 * first rule that has it; the other rules are listed in order (scan). */
typedef struct LyvRIndex {
    size_t cap;                 /* slots, a power of two */
    uint64_t *keys;             /* ly_hash of the slot's left side */
    uint32_t *rule;             /* the slot's rule, UINT32_MAX when empty */
    uint32_t *scan;             /* the rules the index leaves out, in order */
    size_t nscan;
    uint64_t sig[16];           /* a bit per (head, length) of an indexed normal left side */
    bool atoms;                 /* some indexed left side is an atom */
    LyExpr *heads;              /* the symbols that are heads inside indexed left sides */
    size_t nheads, hcap;
} LyvRIndex;

/* The rules of a replacement: rs[0..n-1] in order, and when ix is set an
 * index that finds the first rule whose left side is a literal SameQ to an
 * expression (the rules of ix->scan are still tried in order before it). */
typedef struct LyvRules {
    LyvRul *rs;
    size_t n;
    LyvRIndex *ix;
    LyExpr list;                /* the rule list the cache keeps (a new reference), or NULL */
    bool lent;                  /* rs and ix belong to a Dispatch object */
} LyvRules;

/* The rules of spec (a rule, a list of rules, a Dispatch object) into *out:
 * false when spec is not rules (or out of memory: ly_unwinding).  A long
 * list of literal rules gets an index, kept for the next call with the same
 * list; a Dispatch object lends its own.  Release with lyv_rules_done. */
bool lyv_rules_get(LyVM *vm, LyExpr spec, LyvRules *out);
void lyv_rules_done(LyVM *vm, LyvRules *r);

/* The indexed rule (its position in rs) whose left side is SameQ to e,
 * or -1 when none. */
int64_t lyv_rules_find(const LyVM *vm, const LyvRIndex *ix, const LyvRul *rs, LyExpr e);

/* The VM's cached index (at ly_close). */
void lyv_rules_release(LyVM *vm);

LyStatus lyv_open_dispatch(LyVM *vm);

#endif
