/*
 * plan.c — loop bodies evaluated without the general path each time.
 *
 * A loop (Do, Table, Sum, While, For, ...) evaluates the same expressions
 * (its body, its test) over and over.  ly_plan_new looks at such an
 * expression once and records what kind of step each part is: a number, a
 * variable, a machine-integer fold (i <= n, Mod[i, 3] == 0), an assignment
 * to a variable (s += i, i++, x = v, a[[i]] = v), a CompoundExpression, an
 * If, or anything else.  ly_plan_eval then runs those steps through the
 * same fast paths the evaluator itself takes for them (fold.c), without
 * classifying each part again and without an evaluator frame for
 * CompoundExpression and If, and evaluates anything else with the general
 * evaluator.  The result is what ly_evaluate of the expression gives: every
 * step checks at run time what the evaluator checks (the builtin still has
 * no rules of the user's, no up-values exist, values are machine integers,
 * nothing is stamped evaluated, the safe points), and when a check fails
 * before anything was done the step is handed to the general evaluator;
 * when a result needs more evaluation than the fast path gives, the
 * evaluator takes over in the frame it would have had (lyv_eval_resume).
 *
 * The plan borrows the expression: the loop keeps it alive.  A plan holds
 * no values between runs, so definitions may change freely meanwhile.
 */
#include "lyv.h"

enum { P_GENERAL, P_CONST, P_SYM, P_FOLD, P_ASSIGN, P_ASSIGNV, P_COMPOUND, P_IF };
enum { MAX_NODES = 4096, MAX_DEPTH = 32 };

typedef struct PNode {
    uint8_t kind, op;
    uint16_t n;              /* children */
    uint32_t kid;            /* P_FOLD, P_COMPOUND, P_IF: first child in nodes (they follow in order);
                                P_ASSIGN, P_ASSIGNV: the value's node (binary ones) */
    uint32_t attrs;          /* P_ASSIGNV, P_COMPOUND, P_IF: the head's attributes the plan was made for */
    uint64_t ver;            /* the eval_version its definition checks passed at (0: not yet) */
    LyExpr e;                /* the expression (borrowed) */
} PNode;

struct LyPlan {
    PNode *nodes;
    uint32_t n, cap, root;
    uint32_t *kids;          /* children lists (indices into nodes) */
    uint32_t nk, capk;
};

/* ---- making a plan ---------------------------------------------------------------------- */

static int64_t add_node(LyVM *vm, LyPlan *p, uint8_t kind, LyExpr e) {
    if (p->n == p->cap) {
        uint32_t nc = p->cap ? 2 * p->cap : 16;
        if (nc > MAX_NODES) return -1;
        PNode *n = lyv_alloc_quiet(vm, p->nodes, p->cap * sizeof *n, nc * sizeof *n);
        if (!n) return -1;
        p->nodes = n;
        p->cap = nc;
    }
    PNode *nd = &p->nodes[p->n];
    memset(nd, 0, sizeof *nd);
    nd->kind = kind;
    nd->e = e;
    return p->n++;
}

/* Room for k children; the index of the first. */
static int64_t add_kids(LyVM *vm, LyPlan *p, uint32_t k) {
    if (p->nk + k > p->capk) {
        uint32_t nc = p->capk ? p->capk : 16;
        while (nc < p->nk + k) nc *= 2;
        if (nc > MAX_NODES) return -1;
        uint32_t *n = lyv_alloc_quiet(vm, p->kids, p->capk * sizeof *n, nc * sizeof *n);
        if (!n) return -1;
        p->kids = n;
        p->capk = nc;
    }
    uint32_t at = p->nk;
    p->nk += k;
    return at;
}

static bool pure_kind(uint8_t k) { return k == P_CONST || k == P_SYM || k == P_FOLD; }

/* A held argument a CompoundExpression or If passes as it is (eval.c's
 * held_plain, If's branches): no Evaluate, Unevaluated or Sequence. */
static bool plain_held(LyExpr a) {
    if (!ly_is_normal(a)) return true;
    LyExpr h = ly_nhead(a);
    return h != LY_SYM(Evaluate) && h != LY_SYM(Unevaluated) && h != LY_SYM(Sequence) && h != LY_SYM(Splice);
}

static int64_t make(LyVM *vm, LyPlan *p, LyExpr e, int depth);

/* x = v, x += v, AppendTo[x, v], ... whose value v is no fold (a call,
 * a nested assignment, ...) runs as P_ASSIGNV when eval.c's frame for it
 * would only evaluate v and fold the assignment: the head holds its first
 * argument and nothing else (HoldFirst, no Flat, Orderless or Listable),
 * that argument is not Evaluate, Unevaluated or a Sequence, and v is not
 * Unevaluated (stripped by the argument pass). */
static bool assignv_ok(LyVM *vm, LyExpr e) {
    uint32_t a = lyv_attrs(vm, ly_nhead(e));
    LyExpr v = ly_narg(e, 2);
    return (a & LYA_HOLDFIRST) && !(a & (LYA_HOLDREST | LYA_HOLDALL | LYA_HOLDALLCOMPLETE | LYA_FLAT |
                                         LYA_ORDERLESS | LYA_LISTABLE)) &&
           plain_held(ly_narg(e, 1)) && ly_is_normal(v) && ly_nhead(v) != LY_SYM(Unevaluated);
}

/* The nodes of e's arguments from..n as children; -1 when out of room. */
static int64_t make_kids(LyVM *vm, LyPlan *p, LyExpr e, size_t from, int depth) {
    size_t n = ly_nlen(e);
    int64_t at = add_kids(vm, p, (uint32_t)(n - from + 1));
    if (at < 0) return -1;
    for (size_t i = from; i <= n; i++) {
        int64_t k = make(vm, p, ly_narg(e, i), depth + 1);
        if (k < 0) return -1;
        p->kids[at + (i - from)] = (uint32_t)k;
    }
    return at;
}

static int64_t make(LyVM *vm, LyPlan *p, LyExpr e, int depth) {
    if (ly_is_sym(e)) return add_node(vm, p, P_SYM, e);
    if (!ly_is_normal(e)) return add_node(vm, p, P_CONST, e);
    LyExpr h = ly_nhead(e);
    size_t n = ly_nlen(e);
    int op = ly_is_sym(h) ? lyv_eval_op(h) : LYV_FOLD_NONE;
    if (depth >= MAX_DEPTH || n > 0xFFFF) return add_node(vm, p, P_GENERAL, e);
    if (op && op < LYV_FOLD_ASSIGN && op != LYV_FOLD_IF && n >= 1 && n <= 4) {
        int64_t at = make_kids(vm, p, e, 1, depth);
        if (at < 0) return -1;
        bool pure = true;
        for (size_t i = 0; i < n; i++) pure &= pure_kind(p->nodes[p->kids[at + i]].kind);
        if (!pure) { p->nk = (uint32_t)at + (uint32_t)n; return add_node(vm, p, P_GENERAL, e); }
        int64_t id = add_node(vm, p, P_FOLD, e);
        if (id < 0) return -1;
        p->nodes[id].op = (uint8_t)op;
        p->nodes[id].n = (uint16_t)n;
        p->nodes[id].kid = (uint32_t)at;
        return id;
    }
    if (op >= LYV_FOLD_ASSIGN) {
        bool unary = op >= LYV_FOLD_INC && op <= LYV_FOLD_PREDEC;
        if (n != (unary ? 1u : 2u)) return add_node(vm, p, P_GENERAL, e);
        int64_t v = -1;
        uint8_t kind = P_ASSIGN;
        if (!unary) {
            v = make(vm, p, ly_narg(e, 2), depth + 1);
            if (v < 0) return -1;
            if (!pure_kind(p->nodes[v].kind)) {
                if (!assignv_ok(vm, e)) return add_node(vm, p, P_GENERAL, e);
                kind = P_ASSIGNV;
            }
        }
        int64_t id = add_node(vm, p, kind, e);
        if (id < 0) return -1;
        p->nodes[id].attrs = lyv_attrs(vm, h);
        p->nodes[id].op = (uint8_t)op;
        p->nodes[id].n = (uint16_t)(n - 1);
        p->nodes[id].kid = v < 0 ? 0 : (uint32_t)v;
        return id;
    }
    if (h == LY_SYM(CompoundExpression) || (op == LYV_FOLD_IF && n >= 2 && n <= 4)) {
        bool ifs = op == LYV_FOLD_IF;
        for (size_t i = ifs ? 2 : 1; i <= n; i++) if (!plain_held(ly_narg(e, i))) return add_node(vm, p, P_GENERAL, e);
        if (n == 0) return add_node(vm, p, P_GENERAL, e);
        int64_t at = make_kids(vm, p, e, 1, depth);
        if (at < 0) return -1;
        if (ifs && !pure_kind(p->nodes[p->kids[at]].kind)) return add_node(vm, p, P_GENERAL, e);
        int64_t id = add_node(vm, p, ifs ? P_IF : P_COMPOUND, e);
        if (id < 0) return -1;
        p->nodes[id].n = (uint16_t)n;
        p->nodes[id].kid = (uint32_t)at;
        p->nodes[id].attrs = lyv_attrs(vm, h);
        return id;
    }
    return add_node(vm, p, P_GENERAL, e);
}

void ly_plan_free(LyVM *vm, LyPlan *p) {
    if (!p) return;
    lyv_alloc_quiet(vm, p->nodes, p->cap * sizeof *p->nodes, 0);
    lyv_alloc_quiet(vm, p->kids, p->capk * sizeof *p->kids, 0);
    lyv_alloc_quiet(vm, p, sizeof *p, 0);
}

LyPlan *ly_plan_new(LyVM *vm, LyExpr e) {
    if (!ly_is_normal(e)) return NULL;
    LyPlan *p = lyv_alloc_quiet(vm, NULL, 0, sizeof *p);
    if (!p) return NULL;
    memset(p, 0, sizeof *p);
    int64_t root = make(vm, p, e, 0);
    /* the root is the last node made; nothing to gain when it is general */
    if (root < 0 || p->nodes[root].kind == P_GENERAL) { ly_plan_free(vm, p); return NULL; }
    p->root = (uint32_t)root;
    return p;
}

/* ---- running a plan ---------------------------------------------------------------------- */

/* What each step checks before its fast path (the builtin has no rules of
 * the user's, no up-values exist, the variable is not Protected, ...)
 * depends only on definitions and attributes, whose every change moves
 * vm->eval_version on; a new value for a variable that has one does not.
 * So a node that passed its checks at eval_version v (PNode.ver) needs
 * them again only when eval_version has moved: in a loop that only
 * changes values, once.  What depends on values (small integers, a
 * variable with a value, no overflow) is checked at every step. */

/* The builtin of symbol h runs as it is: no rules of the user's on it. */
static inline bool builtin_only(LyVM *vm, LyExpr h) {
    LyDefs *d = lyv_defs_get(vm, ly_sym(h));
    return d && d->builtin && !d->down && !d->own && !d->builtin2;
}

/* The own value of symbol s when it is a small integer, else NULL. */
static inline LyExpr own_small(LyVM *vm, LyExpr s) {
    LyDefs *d = lyv_defs_get(vm, ly_sym(s));
    LyExpr v = d ? d->own : NULL;
    return ly_is_small(v) ? v : NULL;
}

static LyExpr fold_node(LyVM *vm, LyPlan *p, PNode *nd);

/* The value of a pure node when it is at hand without evaluating anything
 * that could act: a small integer (or True or False from a fold, or any
 * atom for P_CONST), else NULL. */
static inline LyExpr pure(LyVM *vm, LyPlan *p, PNode *nd) {
    if (nd->kind == P_SYM) return own_small(vm, nd->e);
    if (nd->kind == P_CONST) return nd->e;
    return nd->kind == P_FOLD ? fold_node(vm, p, nd) : NULL;
}

/* A fold of small integers (lyv_fold_quick's case), or NULL. */
static LyExpr fold_node(LyVM *vm, LyPlan *p, PNode *nd) {
    LyExpr e = nd->e;
    if (ly_normal(e)->stamp == vm->eval_version) return NULL;
    if (nd->ver != vm->eval_version) {
        if (!lyv_fold_builtin(vm, ly_nhead(e))) return NULL;
        nd->ver = vm->eval_version;
    }
    if (nd->n == 2 && nd->op != LYV_FOLD_MINUS) {
        LyExpr a = pure(vm, p, &p->nodes[p->kids[nd->kid]]);
        if (!ly_is_small(a)) return NULL;
        LyExpr b = pure(vm, p, &p->nodes[p->kids[nd->kid + 1]]);
        if (!ly_is_small(b)) return NULL;
        return lyv_fold2(nd->op, a, b);
    }
    LyExpr v[4];
    for (uint32_t i = 0; i < nd->n; i++) {
        v[i] = pure(vm, p, &p->nodes[p->kids[nd->kid + i]]);
        if (!ly_is_small(v[i])) return NULL;
    }
    return lyv_fold_small(vm, ly_nhead(e), nd->n, v);
}

static LyExpr run(LyVM *vm, LyPlan *p, PNode *nd);

/* x = v, x += k, ... when not verified or not of the simple kind:
 * lyv_assign_quick with the arguments classified, else the evaluator. */
static LyExpr assign_checked(LyVM *vm, LyPlan *p, PNode *nd) {
    LyExpr e = nd->e, v[2];
    v[0] = ly_narg(e, 1);
    if (nd->n) {
        PNode *a = &p->nodes[nd->kid];
        if (a->kind == P_SYM) {
            LyDefs *d = lyv_defs_get(vm, ly_sym(a->e));
            LyExpr own = d ? d->own : NULL;
            if (own && !ly_is_small(own)) return lyv_eval(vm, e);
            v[1] = own ? own : a->e;
        } else if (a->kind == P_CONST) {
            v[1] = a->e;
        } else if (!(v[1] = pure(vm, p, a))) {
            return lyv_eval(vm, e);
        }
    }
    bool final;
    LyExpr r = lyv_fold_assign(vm, nd->op, ly_nhead(e), nd->n + 1u, v, &final);
    if (r || vm->unwind) return r;
    return lyv_eval(vm, e);
}

/* The definition-dependent checks of lyv_fold_assign for a symbol x with
 * a step (AddTo, Increment, ...) or Set. */
static bool assign_verify(LyVM *vm, const PNode *nd) {
    LyExpr e = nd->e, x = ly_narg(e, 1);
    if (nd->op == LYV_FOLD_APPENDTO || !ly_is_sym(x) || lyv_is_limit(x) || vm->nupvalues ||
        !lyv_fold_builtin(vm, ly_nhead(e)))
        return false;
    LyDefs *d = lyv_defs_get(vm, ly_sym(x));
    if (!d || (d->attrs & LYA_PROTECTED)) return false;
    switch (nd->op) {
    case LYV_FOLD_SET: return true;
    case LYV_FOLD_TIMESBY: return lyv_fold_builtin(vm, LY_SYM(Times));
    case LYV_FOLD_SUBFROM: return lyv_fold_builtin(vm, LY_SYM(Times)) && lyv_fold_builtin(vm, LY_SYM(Plus));
    default: return lyv_fold_builtin(vm, LY_SYM(Plus));
    }
}

static LyExpr run_assign(LyVM *vm, LyPlan *p, PNode *nd) {
    if (nd->ver != vm->eval_version) {
        if (!assign_verify(vm, nd)) return assign_checked(vm, p, nd);
        nd->ver = vm->eval_version;
    }
    LyExpr x = ly_narg(nd->e, 1);
    LyDefs *d = lyv_defs_get(vm, ly_sym(x));
    if (!d) return assign_checked(vm, p, nd);
    if (nd->op == LYV_FOLD_SET) {
        /* rules.c define's branch for a symbol, as lyv_fold_assign does it */
        PNode *a = &p->nodes[nd->kid];
        LyExpr v;
        if (a->kind == P_SYM) {
            LyDefs *ad = lyv_defs_get(vm, ly_sym(a->e));
            LyExpr own = ad ? ad->own : NULL;
            if (own && !ly_is_small(own)) return assign_checked(vm, p, nd);
            v = own ? own : a->e;
        } else if (!(v = pure(vm, p, a))) {
            return assign_checked(vm, p, nd);
        }
        if (ly_is_small(v) && ly_is_small(d->own)) {
            lyv_own_small(vm, ly_sym(x), d, v);
            return v;
        }
        lyv_defs_own(vm, ly_sym(x));
        lyv_own_assign(vm, x, d, v, false);
        ly_ref(v);
        return v;
    }
    LyExpr old = d->own, step, nv;
    if (!ly_is_small(old)) return assign_checked(vm, p, nd);
    switch (nd->op) {
    case LYV_FOLD_INC: case LYV_FOLD_PREINC: step = ly_mksmall(1); break;
    case LYV_FOLD_DEC: case LYV_FOLD_PREDEC: step = ly_mksmall(-1); break;
    default: step = pure(vm, p, &p->nodes[nd->kid]); break;
    }
    if (!ly_is_small(step)) return assign_checked(vm, p, nd);
    if (nd->op == LYV_FOLD_TIMESBY) nv = lyv_fold2(LYV_FOLD_TIMES, old, step);
    else if (nd->op == LYV_FOLD_SUBFROM)
        nv = ly_small(step) == LY_SMALL_MIN ? NULL : lyv_fold2(LYV_FOLD_PLUS, old, ly_mksmall(-ly_small(step)));
    else nv = lyv_fold2(LYV_FOLD_PLUS, old, step);
    if (!nv) return assign_checked(vm, p, nd);          /* past the machine integers */
    lyv_own_small(vm, ly_sym(x), d, nv);
    return nd->op == LYV_FOLD_INC || nd->op == LYV_FOLD_DEC ? old : nv;
}

/* x op= v (P_ASSIGNV) as eval.c evaluates it: eval_normal's quick fold
 * does not apply to a value that is no fold, so a frame (safe point,
 * depth) whose argument pass evaluates v and folds the assignment
 * (eval_args, lyv_fold_assign), whose value is then final (a symbol
 * takes its value).  The same steps here, without the frame; when the
 * fold does not apply, the call with v evaluated goes on through the
 * general path (lyv_eval_done), as the frame would have gone on with it. */
static LyExpr run_assignv(LyVM *vm, LyPlan *p, PNode *nd) {
    LyExpr e = nd->e, h = ly_nhead(e);
    if (nd->ver != vm->eval_version) {
        /* eval_frame's builtin case (builtin_fast leaves an assignment
         * that is the frame's own expression to eval_args) */
        if (vm->nupvalues || !builtin_only(vm, h) || lyv_attrs(vm, h) != nd->attrs) return lyv_eval(vm, e);
        nd->ver = vm->eval_version;
    }
    if (vm->depth >= vm->recursion_limit) return lyv_eval(vm, e);
    if (!lyv_safe_point(vm, e)) return NULL;
    uint64_t v0 = vm->eval_version;
    vm->depth++;
    LyExpr v = run(vm, p, &p->nodes[nd->kid]), r = NULL;
    bool seq = v && ly_is_normal(v) && !(nd->attrs & LYA_SEQUENCEHOLD) &&
               (ly_nhead(v) == LY_SYM(Sequence) || ly_nhead(v) == LY_SYM(Splice));
    if (v && !seq) {
        LyExpr args[2] = { ly_narg(e, 1), v };
        bool final;
        r = lyv_fold_assign(vm, nd->op, h, 2, args, &final);
        if (r || vm->unwind) {
            ly_unref(vm, v);
            if (r && ly_is_sym(r)) {
                LyExpr x = lyv_eval(vm, r);
                ly_unref(vm, r);
                r = x;
            }
            vm->depth--;
            return r;
        }
    }
    vm->depth--;
    if (!v) return NULL;
    /* the assignment's own code (or a Sequence to splice): the call with
     * its argument evaluated (e itself when v is its own value, which the
     * frame would then stamp), in the frame the evaluator would have had */
    LyExpr call;
    if (v == ly_narg(e, 2)) {
        ly_unref(vm, v);
        ly_ref(e);
        call = e;
    } else {
        ly_ref(h);
        ly_ref(ly_narg(e, 1));
        if (!(call = ly_mk(vm, h, 2, ly_narg(e, 1), v))) return ly_raise_nomem(vm);
    }
    int changed = 0;
    return lyv_eval_done(vm, call, nd->attrs, 0, v0, &changed);
}

/* What the evaluator's frame does with the value r (stolen) that
 * CompoundExpression's code gave (the value of its last part): symbols
 * take their values, atoms and evaluated expressions are final.  Anything
 * else (rare: a part ending at $IterationLimit gives Hold[...]) is
 * evaluated further in a frame of the same depth as the one it would have
 * gone on in. */
static LyExpr settle(LyVM *vm, LyExpr r) {
    if (!r) return NULL;
    if (vm->unwind) { ly_unref(vm, r); return NULL; }
    if (ly_is_sym(r) || (ly_is_normal(r) && ly_normal(r)->stamp != vm->eval_version)) {
        LyExpr v = lyv_eval(vm, r);
        ly_unref(vm, r);
        return v;
    }
    return r;
}

/* CompoundExpression and If: the builtin as it is, its attributes those
 * the plan was made for (HoldAll for one, HoldRest for the other), no
 * up-values. */
static bool held_verify(LyVM *vm, const PNode *nd) {
    LyExpr h = ly_nhead(nd->e);
    uint32_t a = nd->attrs;
    if (vm->nupvalues || !builtin_only(vm, h) || lyv_attrs(vm, h) != a) return false;
    if (nd->kind == P_IF)
        return (a & LYA_HOLDREST) && !(a & ~(LYA_HOLDREST | LYA_PROTECTED | LYA_READPROTECTED | LYA_LOCKED));
    return (a & (LYA_HOLDALL | LYA_HOLDALLCOMPLETE)) && !(a & (LYA_FLAT | LYA_ORDERLESS | LYA_LISTABLE));
}

/* CompoundExpression[...] as the evaluator's HoldAll path and its built-in
 * code (builtins.c b_compound) evaluate it, in a frame of its own depth. */
static LyExpr run_compound(LyVM *vm, LyPlan *p, PNode *nd) {
    LyExpr e = nd->e;
    if (nd->ver != vm->eval_version) {
        if (!held_verify(vm, nd)) return lyv_eval(vm, e);
        nd->ver = vm->eval_version;
    }
    if (vm->depth >= vm->recursion_limit) return lyv_eval(vm, e);
    if (!lyv_safe_point(vm, e)) return NULL;
    vm->depth++;
    LyExpr r = NULL;
    for (uint32_t i = 0; i < nd->n; i++) {
        if (r) ly_unref(vm, r);
        r = run(vm, p, &p->nodes[p->kids[nd->kid + i]]);
        if (!r) break;
    }
    vm->depth--;
    return settle(vm, r);
}

/* If[c, a, b, u] with a pure condition: the branch, as eval.c's if_fast and
 * the frame after it give it. */
static LyExpr run_if(LyVM *vm, LyPlan *p, PNode *nd) {
    LyExpr e = nd->e;
    if (nd->ver != vm->eval_version) {
        if (!held_verify(vm, nd)) return lyv_eval(vm, e);
        nd->ver = vm->eval_version;
    }
    /* the condition's value, when at hand: True, False, or a small integer
     * or a symbol without a value (neither) */
    PNode *c = &p->nodes[p->kids[nd->kid]];
    LyExpr x;
    if (c->kind == P_SYM) {
        LyDefs *d = lyv_defs_get(vm, ly_sym(c->e));
        x = d && d->own ? d->own : c->e;
        if (x != c->e && !ly_is_small(x) && x != LY_SYM(True) && x != LY_SYM(False)) x = NULL;
    } else {
        x = pure(vm, p, c);
        if (x && !ly_is_small(x) && x != LY_SYM(True) && x != LY_SYM(False)) x = NULL;
    }
    size_t k = x == LY_SYM(True) ? 2 : x == LY_SYM(False) ? 3 : 4;
    if (!x || (k == 4 && nd->n < 4)) return lyv_eval(vm, e);    /* undecided: nothing done yet */
    if (!lyv_safe_point(vm, e)) return NULL;
    if (k > nd->n) return LY_SYM(Null);                          /* If[False, a] */
    PNode *b = &p->nodes[p->kids[nd->kid + k - 1]];
    if (b->kind == P_CONST || b->kind == P_SYM || b->kind == P_FOLD || b->kind == P_ASSIGN) return run(vm, p, b);
    /* a branch that may take more than one step goes on in If's frame: the
     * evaluator takes the If again (its condition is pure, so evaluating
     * it again does nothing more) */
    return lyv_eval(vm, e);
}

static LyExpr run(LyVM *vm, LyPlan *p, PNode *nd) {
    LyExpr e = nd->e, r;
    switch (nd->kind) {
    case P_CONST:
        ly_ref(e);
        return e;
    case P_SYM:
    case P_GENERAL:
        return lyv_eval(vm, e);
    default:
        break;
    }
    if (ly_normal(e)->stamp == vm->eval_version) { ly_ref(e); return e; }
    switch (nd->kind) {
    case P_FOLD:
        r = fold_node(vm, p, nd);
        return r ? r : lyv_eval(vm, e);
    case P_ASSIGN:
        return run_assign(vm, p, nd);
    case P_ASSIGNV:
        return run_assignv(vm, p, nd);
    case P_COMPOUND:
        return run_compound(vm, p, nd);
    default:
        return run_if(vm, p, nd);
    }
}

LyExpr ly_plan_eval(LyVM *vm, LyPlan *p) {
    PNode *root = &p->nodes[p->root];
    LyExpr e = root->e;
    /* ly_evaluate: an expression whose evaluation issued messages is
     * evaluated again */
    if ((e->flags & LYV_NF_MESSAGES) && ly_normal(e)->stamp == vm->eval_version) return ly_evaluate(vm, e);
    return run(vm, p, root);
}
