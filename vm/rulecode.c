/*
 * rulecode.c — definitions compiled for the evaluator's hot path.
 *
 * A rule of a definition (rules.c) may carry a LyvCode, made when the rule
 * is stored:
 *
 *  - the plan of a simple left side h[x_, y_h, lit, ...]: per argument a
 *    name (with an optional head) or a literal, matched without the general
 *    matcher and without taking references (the call outlives the match);
 *
 *  - the template of a plain right side (no scoping construct, rules.c):
 *    the parts that contain pattern names as a small tree of nodes; parts
 *    without names are shared as they are, never walked.
 *
 * Instantiating a template may also do work the evaluator would do next,
 * where the result cannot differ:
 *
 *  - a call of Plus, Times, Less, ... on machine integers (fold.c) in a
 *    position that will be evaluated is computed at once, so fib[n - 1]
 *    comes out as fib[17], not fib[18 + -1];
 *  - an If at the top of the right side whose condition folds to True or
 *    False is replaced by the chosen branch (the evaluator's next step);
 *    the evaluator counts that step against $IterationLimit (*steps).
 *
 * A position "will be evaluated" when every enclosing call has a symbol
 * head without an own value whose attributes (looked up when
 * instantiating, so SetAttributes later is honoured) do not hold it.  None
 * of this runs near $RecursionLimit or $IterationLimit, where the messages
 * and held results show the unevaluated forms, and a result that folding
 * made equal to the call itself is made again without folding, so the
 * fixed-point test of the evaluator sees what it would have seen.
 */
#include "match.h"

enum { T_CONST, T_VAR, T_CALL };

typedef struct TNode {
    LyExpr e;           /* CONST: the part; VAR: the name; CALL: the head if a symbol, else NULL */
    uint32_t kids;      /* CALL: index of its n + 1 child nodes ([0] is the head) */
    uint32_t n;         /* CALL: argument count */
    uint16_t slot;      /* VAR: where the name usually is among the bindings */
    uint8_t kind;
    uint8_t fold;       /* CALL: lyv_fold_op of its head */
    bool leaf2;         /* CALL: a binary fold of two CONST/VAR parts (x + 1, n < 2) */
} TNode;

enum { A_LIT, A_BLANK };

typedef struct PArg {
    uint8_t kind;       /* A_LIT or A_BLANK */
    LySymbol *name;     /* x in x_, x_h (NULL for _, _h) */
    LyExpr head;        /* h in x_h, or NULL; A_LIT: the literal */
    LyExpr test;        /* t in x_?t, or NULL */
    uint32_t cond;      /* template root of c in x_ /; c, or 0 */
} PArg;

#define MAX_NAMES 64
#define MAX_NODES 65536
#define MAX_SIMPLE_NAMES 8   /* bindings a simple match makes (try_rule's array) */

struct LyvCode {
    size_t size;        /* bytes of this block */
    bool simple;        /* plan[] matches the lhs */
    uint32_t nargs;
    LyExpr head;        /* the lhs head (simple) */
    uint32_t lhs_cond;  /* template root of c in h[...] /; c, or 0 */
    uint32_t rhs;       /* template root of the rhs (or of body in body /; test), or 0 */
    uint32_t rhs_cond;  /* template root of test in body /; test, or 0 */
    uint32_t depth;     /* nesting of calls in the templates */
    uint32_t nnodes;
    PArg *plan;
    TNode *nodes;       /* node 0 is unused: root 0 means "no template" */
    LySymbol *names[MAX_NAMES];
    uint32_t nnames;
};

/* ---- compiling -------------------------------------------------------------------- */

/* True when substituting bindings into e is a plain replacement of every
 * occurrence, as lyv_binds_apply would do it: no construct that shadows
 * names (Function, Module, With, Block, a rule or delayed definition whose
 * left side has patterns), no association (substituted inside), modest
 * depth. */
bool lyv_plain(LyExpr e, int depth) {
    if (!ly_is_normal(e)) return ly_type(e) != LY_TASSOC;
    if (depth > 200) return false;
    LyExpr h = ly_nhead(e);
    if (h == LY_SYM(Function) || h == LY_SYM(Module) || h == LY_SYM(With) || h == LY_SYM(Block))
        return false;
    if ((h == LY_SYM(Rule) || h == LY_SYM(RuleDelayed) || h == LY_SYM(SetDelayed) ||
         h == LY_SYM(UpSetDelayed)) && ly_nlen(e) == 2 && !lyv_is_literal(ly_narg(e, 1)))
        return false;
    for (size_t i = 0; i <= ly_nlen(e); i++)
        if (!lyv_plain(ly_normal(e)->e[i], depth + 1)) return false;
    return true;
}

static int name_index(const LyvCode *c, LySymbol *s) {
    for (uint32_t i = 0; i < c->nnames; i++) if (c->names[i] == s) return (int)i;
    return -1;
}

/* Pattern names of the left side in order of first appearance; false
 * when there are too many or the pattern is too deep to walk. */
static bool collect_names(LyvCode *c, LyExpr p, int depth) {
    if (!ly_is_normal(p)) return true;
    if (depth > 200) return false;
    if (ly_nhead(p) == LY_SYM(Pattern) && ly_nlen(p) >= 1 && ly_is_sym(ly_narg(p, 1)) &&
        name_index(c, ly_sym(ly_narg(p, 1))) < 0) {
        if (c->nnames == MAX_NAMES) return false;
        c->names[c->nnames++] = ly_sym(ly_narg(p, 1));
    }
    for (size_t i = 0; i <= ly_nlen(p); i++)
        if (!collect_names(c, ly_normal(p)->e[i], depth + 1)) return false;
    return true;
}

/* One argument of a simple lhs: a literal, or _ / x_ / _h / x_h, possibly
 * as p?t and then as p /; c (with c plain).  Fills *a (cond only marks that
 * there is a condition); false when not of these forms. */
static bool simple_arg(LyExpr p, PArg *a) {
    memset(a, 0, sizeof *a);
    if (ly_head_is(p, LY_SYM(Condition)) && ly_nlen(p) == 2) {
        if (!lyv_plain(ly_narg(p, 2), 0)) return false;
        if (!simple_arg(ly_narg(p, 1), a) || a->kind != A_BLANK || a->cond) return false;
        a->cond = 1;                   /* lyv_code_new makes its template */
        return true;
    }
    if (ly_head_is(p, LY_SYM(PatternTest)) && ly_nlen(p) == 2) {
        if (!simple_arg(ly_narg(p, 1), a) || a->kind != A_BLANK || a->test) return false;
        a->test = ly_narg(p, 2);
        return true;
    }
    LyExpr b = p;
    if (ly_head_is(p, LY_SYM(Pattern)) && ly_nlen(p) == 2 && ly_is_sym(ly_narg(p, 1))) {
        a->name = ly_sym(ly_narg(p, 1));
        b = ly_narg(p, 2);
    }
    if (ly_head_is(b, LY_SYM(Blank)) && ly_nlen(b) <= 1) {
        if (ly_nlen(b) == 1 && !ly_is_sym(ly_narg(b, 1))) return false;
        a->kind = A_BLANK;
        a->head = ly_nlen(b) ? ly_narg(b, 1) : NULL;
        return true;
    }
    if (a->name || !lyv_is_literal(p)) return false;
    a->kind = A_LIT;
    a->head = p;
    return true;
}

/* The condition of argument p (p /; c), or NULL. */
static LyExpr arg_cond(LyExpr p) {
    return ly_head_is(p, LY_SYM(Condition)) && ly_nlen(p) == 2 ? ly_narg(p, 2) : NULL;
}

/* h[args] (or h[args] /; c) the simple matcher handles: h a symbol that is
 * neither Flat nor Orderless, each argument as simple_arg allows, names
 * distinct, at most MAX_SIMPLE_NAMES of them. */
bool lyv_simple_lhs(LyVM *vm, LyExpr lhs) {
    if (ly_head_is(lhs, LY_SYM(Condition)) && ly_nlen(lhs) == 2) {
        if (!lyv_plain(ly_narg(lhs, 2), 0)) return false;
        lhs = ly_narg(lhs, 1);
    }
    if (!ly_is_normal(lhs) || !ly_is_sym(ly_nhead(lhs))) return false;
    if (lyv_attrs(vm, ly_nhead(lhs)) & (LYA_FLAT | LYA_ORDERLESS)) return false;
    LySymbol *names[MAX_SIMPLE_NAMES];
    size_t nn = 0;
    for (size_t i = 1; i <= ly_nlen(lhs); i++) {
        PArg a;
        if (!simple_arg(ly_narg(lhs, i), &a)) return false;
        if (!a.name) continue;
        if (nn == MAX_SIMPLE_NAMES) return false;
        for (size_t k = 0; k < nn; k++) if (names[k] == a.name) return false;
        names[nn++] = a.name;
    }
    return true;
}

/* Nodes a template of e could need at most; saturates above MAX_NODES. */
static size_t count_nodes(LyExpr e, size_t acc) {
    if (!ly_is_normal(e) || acc > MAX_NODES) return acc + 1;
    acc += 1;
    for (size_t i = 0; i <= ly_nlen(e) && acc <= MAX_NODES; i++) acc = count_nodes(ly_normal(e)->e[i], acc);
    return acc;
}

typedef struct Builder { LyvCode *c; uint32_t n; } Builder;

/* Fills node idx for part e; returns the depth of calls below it. */
static uint32_t fill(Builder *B, uint32_t idx, LyExpr e) {
    TNode *nd = &B->c->nodes[idx];
    memset(nd, 0, sizeof *nd);
    nd->e = e;
    if (ly_is_sym(e)) {
        int k = name_index(B->c, ly_sym(e));
        if (k >= 0) { nd->kind = T_VAR; nd->slot = (uint16_t)k; }
        return 0;
    }
    if (!ly_is_normal(e)) return 0;
    uint32_t n = (uint32_t)ly_nlen(e), kids = B->n, depth = 0;
    B->n += n + 1;
    bool constant = true;
    for (uint32_t i = 0; i <= n; i++) {
        uint32_t d = fill(B, kids + i, ly_normal(e)->e[i]);
        if (d > depth) depth = d;
        if (B->c->nodes[kids + i].kind != T_CONST) constant = false;
    }
    nd = &B->c->nodes[idx];
    if (constant) { B->n = kids; return 0; }     /* shared as it is */
    LyExpr h = ly_nhead(e);
    bool symhead = ly_is_sym(h) && B->c->nodes[kids].kind == T_CONST;   /* not a pattern name */
    nd->kind = T_CALL;
    nd->kids = kids;
    nd->n = n;
    nd->e = symhead ? h : NULL;
    nd->fold = symhead ? (uint8_t)lyv_fold_op(h) : LYV_FOLD_NONE;
    nd->leaf2 = n == 2 && nd->fold && nd->fold != LYV_FOLD_IF && nd->fold != LYV_FOLD_MINUS &&
                B->c->nodes[kids + 1].kind != T_CALL && B->c->nodes[kids + 2].kind != T_CALL;
    return depth + 1;
}

/* A template for e: its root node. */
static uint32_t add_root(Builder *B, LyExpr e) {
    uint32_t root = B->n++;
    uint32_t d = fill(B, root, e);
    if (d > B->c->depth) B->c->depth = d;
    return root;
}

LyvCode *lyv_code_new(LyVM *vm, LyExpr lhs, LyExpr rhs, bool delayed, bool *nomem) {
    *nomem = false;
    bool simple = lyv_simple_lhs(vm, lhs);
    LyExpr body = rhs, test = NULL;
    if (delayed && ly_head_is(rhs, LY_SYM(Condition)) && ly_nlen(rhs) == 2) {
        body = ly_narg(rhs, 1);
        test = ly_narg(rhs, 2);
    }
    bool tmpl = lyv_plain(body, 0) && (!test || lyv_plain(test, 0));
    if (!simple && !tmpl) return NULL;
    LyExpr inner = simple && ly_head_is(lhs, LY_SYM(Condition)) ? ly_narg(lhs, 1) : lhs;
    size_t nargs = simple ? ly_nlen(inner) : 0;
    size_t nnodes = 1;
    if (tmpl) nnodes = count_nodes(body, nnodes), nnodes = test ? count_nodes(test, nnodes) : nnodes;
    if (simple) {
        if (inner != lhs) nnodes = count_nodes(ly_narg(lhs, 2), nnodes);
        for (size_t i = 1; i <= nargs; i++) {
            LyExpr c = arg_cond(ly_narg(inner, i));
            if (c) nnodes = count_nodes(c, nnodes);
        }
    }
    if (nnodes > MAX_NODES) return NULL;
    size_t size = sizeof(LyvCode) + nargs * sizeof(PArg) + nnodes * sizeof(TNode);
    LyvCode *c = lyv_alloc(vm, size);
    if (!c) { *nomem = true; return NULL; }
    memset(c, 0, sizeof *c);
    c->size = size;
    c->nodes = (TNode *)(c + 1);
    c->plan = (PArg *)(c->nodes + nnodes);
    if (!collect_names(c, lhs, 0)) {
        /* too many names for templates: only a plan without conditions */
        c->nnames = 0;
        tmpl = false;
        if (simple && inner != lhs) simple = false;
        for (size_t i = 1; simple && i <= nargs; i++) if (arg_cond(ly_narg(inner, i))) simple = false;
        if (!simple) { lyv_free(vm, c, size); return NULL; }
    }
    Builder B = { c, 1 };
    memset(&c->nodes[0], 0, sizeof c->nodes[0]);
    if (simple) {
        c->simple = true;
        c->nargs = (uint32_t)nargs;
        c->head = ly_nhead(inner);
        for (size_t i = 1; i <= nargs; i++) {
            LyExpr a = ly_narg(inner, i);
            simple_arg(a, &c->plan[i - 1]);
            LyExpr cond = arg_cond(a);
            c->plan[i - 1].cond = cond ? add_root(&B, cond) : 0;
        }
        if (inner != lhs) c->lhs_cond = add_root(&B, ly_narg(lhs, 2));
    }
    if (tmpl) {
        c->rhs = add_root(&B, body);
        if (test) c->rhs_cond = add_root(&B, test);
    }
    c->nnodes = B.n;
    return c;
}

void lyv_code_free(LyVM *vm, LyvCode *c) {
    if (c) lyv_free(vm, c, c->size);
}

bool lyv_code_simple(const LyvCode *c) { return c && c->simple; }
bool lyv_code_tmpl(const LyvCode *c) { return c && c->rhs; }

/* ---- instantiating a template -------------------------------------------------------------- */

#define MAX_STEPS 4     /* If selections counted in one instantiation */

typedef struct Inst {
    LyVM *vm;
    const LyvCode *c;
    const LyvBind *b;
    size_t nb;
    bool fold;
    bool eager;         /* calls the evaluator would evaluate next are evaluated here */
    int folds;          /* parts that differ from their plain instantiation (calls folded
                           or evaluated, Ifs selected) */
    int steps;          /* Ifs selected at the top */
    bool done;          /* the top is a call whose arguments are evaluated (pre) */
    LyvDone pre;
} Inst;

/* Attributes that keep an argument from being evaluated in order. */
#define HOLDS (LYA_HOLDFIRST | LYA_HOLDREST | LYA_HOLDALL | LYA_HOLDALLCOMPLETE | LYA_FUSE)

static inline LyExpr lookup(const Inst *I, const TNode *nd) {
    LySymbol *name = ly_sym(nd->e);
    if (nd->slot < I->nb && I->b[nd->slot].name == name) return I->b[nd->slot].value;
    for (size_t i = I->nb; i-- > 0;) if (I->b[i].name == name) return I->b[i].value;
    return NULL;
}

static bool held_arg(uint32_t attrs, size_t i) {
    if (attrs & (LYA_HOLDALL | LYA_HOLDALLCOMPLETE)) return true;
    return i == 1 ? (attrs & (LYA_HOLDFIRST | LYA_FUSE)) != 0 : (attrs & LYA_HOLDREST) != 0;
}

static LyExpr inst_call(Inst *I, const TNode *nd, bool ev, bool top);
static LyExpr eager_call(Inst *I, const TNode *nd, uint32_t attrs, bool top);

/* A binary fold of two CONST/VAR parts (x + 1, n < 2) without building
 * anything, or NULL. */
static inline __attribute__((always_inline)) LyExpr fold_leaf2(Inst *I, const TNode *nd) {
    const TNode *k = I->c->nodes + nd->kids;
    LyExpr a = k[1].kind == T_CONST ? k[1].e : lookup(I, &k[1]);
    LyExpr b = k[2].kind == T_CONST ? k[2].e : lookup(I, &k[2]);
    if (ly_is_small(a) && ly_is_small(b)) {
        LyExpr f = lyv_fold2(nd->fold, a, b);
        if (f && lyv_fold_builtin(I->vm, nd->e)) { I->folds++; return f; }
    }
    return NULL;
}

/* The part for node nd; ev: the evaluator will evaluate it. */
static inline LyExpr inst(Inst *I, const TNode *nd, bool ev) {
    if (nd->kind == T_CONST) { ly_ref(nd->e); return nd->e; }
    if (nd->kind == T_VAR) {
        LyExpr v = lookup(I, nd);
        if (!v) return nd->e;
        ly_ref(v);
        return v;
    }
    if (nd->leaf2 && ev && I->fold) {
        LyExpr f = fold_leaf2(I, nd);      /* x + 1, n < 2 */
        if (f) return f;
    }
    return inst_call(I, nd, ev, false);
}

/* The attributes of the head of a call node that may be evaluated here
 * (eager_call): a symbol without an own value that holds no argument and
 * takes at most 64 (eval_args' Unevaluated bits).  False otherwise. */
static inline bool eager_head(Inst *I, const TNode *nd, uint32_t *attrs) {
    if (!nd->e || nd->n > 64) return false;
    LyDefs *d = lyv_defs_get(I->vm, ly_sym(nd->e));
    if (d && (d->own || (d->attrs & HOLDS))) return false;
    *attrs = d ? d->attrs : 0;
    return true;
}

/* The value of node nd as an argument of a call eager_call evaluates:
 * what the evaluator's eval_args would make of the instantiated part, in
 * the same order.  *stripped: an Unevaluated wrapper was taken off.  New
 * reference or NULL while unwinding. */
static LyExpr inst_value(Inst *I, const TNode *nd, bool *stripped) {
    *stripped = false;
    if (nd->kind == T_CALL) {
        if (nd->leaf2) {
            LyExpr f = fold_leaf2(I, nd);
            if (f) return f;
        }
        uint32_t attrs;
        if (eager_head(I, nd, &attrs)) return eager_call(I, nd, attrs, false);
    }
    LyExpr x = inst(I, nd, true);
    if (!x || !(ly_is_sym(x) || ly_is_normal(x))) return x;     /* atoms stay */
    ly_ref(x);
    LyExpr v = lyv_eval_arg(I->vm, x, stripped);
    if (v && (*stripped || (v != x && !ly_equal(v, x)))) I->folds++;
    ly_unref(I->vm, x);
    return v;
}

/* The arguments of a call eager_call evaluates, in order, into the call
 * (new reference, I->pre filled) or, for Plus, Less, ... of machine
 * integers, its folded value.  NULL while unwinding. */
static LyExpr eager_args(Inst *I, const TNode *nd, uint32_t attrs) {
    LyVM *vm = I->vm;
    const TNode *k = I->c->nodes + nd->kids;
    size_t n = nd->n;
    uint64_t v0 = vm->eval_version, unev = 0;
    LyExpr small[4], *args = small, out = NULL;
    if (n > 4) {
        out = ly_mknormal(vm, nd->e, n);
        if (!out) return NULL;
        args = ly_nargs(out);
    }
    for (size_t i = 1; i <= n; i++) {
        bool stripped;
        LyExpr x = inst_value(I, &k[i], &stripped);
        if (!x) {
            for (size_t j = i; j <= n; j++) args[j - 1] = LY_SYM(Null);
            if (out) ly_unref(vm, out);
            else for (size_t j = 1; j < i; j++) ly_unref(vm, args[j - 1]);
            return NULL;
        }
        if (stripped) unev |= (uint64_t)1 << (i - 1);
        args[i - 1] = x;
    }
    if (nd->fold && nd->fold != LYV_FOLD_IF) {
        LyExpr f = lyv_fold_small_op(vm, nd->fold, nd->e, n, args);
        if (f) {
            I->folds++;
            if (out) ly_unref(vm, out);     /* the arguments are small integers: nothing else to release */
            return f;
        }
    }
    if (!out && !(out = lyv_mknormal_from(vm, nd->e, n, args))) return NULL;
    I->pre = (LyvDone){ attrs, unev, v0 };
    return out;
}

/* A call whose head eager_head accepted, with its arguments evaluated
 * here in order (they are the next thing the evaluator would evaluate).
 * top: the whole right side, handed to the evaluator with I->done;
 * otherwise the call is evaluated too, in the frame the evaluator would
 * have opened for it (its arguments one level deeper). */
static LyExpr eager_call(Inst *I, const TNode *nd, uint32_t attrs, bool top) {
    LyVM *vm = I->vm;
    if (top) {
        LyExpr x = eager_args(I, nd, attrs);
        if (x && ly_is_normal(x)) I->done = true;
        return x;
    }
    vm->depth++;
    LyExpr x = eager_args(I, nd, attrs);
    vm->depth--;
    if (!x || !ly_is_normal(x)) return x;
    /* a tail call (no local's address taken here): this frame is not kept
     * while the call recurses */
    return lyv_eval_done(vm, x, I->pre.attrs, I->pre.unev, I->pre.v0, &I->folds);
}

/* A call node; top: it is the whole right side (or a branch an If at the
 * top chose). */
static LyExpr inst_call(Inst *I, const TNode *nd, bool ev, bool top) {
    LyVM *vm = I->vm;
    const TNode *k = I->c->nodes + nd->kids;
    size_t n = nd->n;
    uint32_t attrs = 0;
    bool kev = false;          /* the arguments will be evaluated (subject to attrs) */
    LyExpr first = NULL;       /* argument 1, made early for an If */
    LyExpr head = nd->e;       /* a symbol, or NULL: made from k[0] */
    ev = ev && I->fold;
    if (ev && head) {
        LyDefs *d = lyv_defs_get(vm, ly_sym(head));
        if (!d || !d->own) {
            kev = true;
            attrs = d ? d->attrs : 0;
        }
        if (nd->fold == LYV_FOLD_IF && top && kev && n >= 2 && n <= 4 && I->steps < MAX_STEPS &&
            d && d->builtin && !d->down) {
            first = inst(I, &k[1], true);
            if (!first) return NULL;
            if (first == LY_SYM(True) || first == LY_SYM(False)) {
                I->steps++;
                I->folds++;
                const TNode *b = first == LY_SYM(True) ? &k[2] : n >= 3 ? &k[3] : NULL;
                if (!b) return LY_SYM(Null);
                return b->kind == T_CALL ? inst_call(I, b, true, true) : inst(I, b, true);
            }
        }
        if (top && kev && I->eager && !(attrs & HOLDS) && n <= 64) return eager_call(I, nd, attrs, true);
    } else if (!head) {
        head = inst(I, &k[0], ev);
        if (!head) return NULL;
    }
    LyExpr small[8], *args = small;
    LyExpr out = NULL;
    if (n > 8) {
        out = ly_mknormal(vm, head, n);
        if (!out) { ly_unref(vm, first); return NULL; }
        args = ly_nargs(out);
    }
    for (size_t i = 1; i <= n; i++) {
        LyExpr x = i == 1 && first ? first : inst(I, &k[i], kev && !held_arg(attrs, i));
        if (!x) {
            for (size_t j = i; j <= n; j++) args[j - 1] = LY_SYM(Null);
            if (out) ly_unref(vm, out);
            else { ly_unref(vm, head); for (size_t j = 1; j < i; j++) ly_unref(vm, args[j - 1]); }
            return NULL;
        }
        args[i - 1] = x;
    }
    if (ev && nd->fold && nd->fold != LYV_FOLD_IF) {
        LyExpr f = lyv_fold_small_op(vm, nd->fold, head, n, args);
        if (f) {
            I->folds++;
            if (out) ly_unref(vm, out);     /* the arguments are small integers: nothing else to release */
            return f;
        }
    }
    if (out) return out;
    return lyv_mknormal_from(vm, head, n, args);
}

static inline __attribute__((always_inline)) LyExpr inst_root(Inst *I, uint32_t root, bool top) {
    const TNode *nd = &I->c->nodes[root];
    uint32_t attrs;
    if (nd->kind != T_CALL) return inst(I, nd, true);
    if (nd->leaf2 && I->fold) {
        LyExpr f = fold_leaf2(I, nd);      /* a test x == 3, n < 2 */
        if (f) return f;
    }
    /* straight to eager_call: one frame less per level of recursion */
    if (top && I->eager && nd->fold != LYV_FOLD_IF && eager_head(I, nd, &attrs))
        return eager_call(I, nd, attrs, true);
    return inst_call(I, nd, true, top);
}

static bool fold_ok(LyVM *vm, const LyvCode *c) {
    return vm->depth + (int64_t)c->depth + 2 < vm->recursion_limit;
}

/* Evaluates a test: 1 when it gives True, 0 when not, -1 on an exit. */
static int truth(LyVM *vm, LyExpr x) {
    if (!x) return -1;
    if (x == LY_SYM(True)) return 1;
    if (x == LY_SYM(False)) return 0;
    LyExpr r = lyv_eval(vm, x);
    ly_unref(vm, x);
    if (!r) return -1;
    int t = r == LY_SYM(True);
    ly_unref(vm, r);
    return t;
}

/* The condition template at root, with the bindings made so far. */
static int test_root(LyVM *vm, const LyvCode *c, uint32_t root, const LyvBind *b, size_t nb) {
    Inst I = { .vm = vm, .c = c, .b = b, .nb = nb, .fold = fold_ok(vm, c) };
    return truth(vm, inst_root(&I, root, false));
}

/* x_?t: t[x] evaluated. */
static int call_test(LyVM *vm, LyExpr t, LyExpr x) {
    LyExpr call = ly_mknormal(vm, t, 1);
    if (!call) return -1;
    ly_ref(t);
    ly_ref(x);
    ly_nset(call, 1, x);
    return truth(vm, call);
}

/* ---- matching a simple left side ---------------------------------------------------------- */

static LyExpr atom_head(LyExpr e) {
    if (ly_is_small(e)) return LY_SYM(Integer);
    if (ly_is_sym(e)) return LY_SYM(Symbol);
    switch (ly_type(e)) {
    case LY_TBIG: return LY_SYM(Integer);
    case LY_TRAT: return LY_SYM(Rational);
    case LY_TREAL: return LY_SYM(Real);
    case LY_TCOMPLEX: return LY_SYM(Complex);
    case LY_TSTRING: return LY_SYM(String);
    case LY_TNORMAL: return ly_nhead(e);
    case LY_TPACKED: return LY_SYM(List);
    case LY_TASSOC: return LY_SYM(Association);
    default: return NULL;
    }
}

size_t lyv_code_match(LyVM *vm, const LyvCode *c, LyExpr e, LyvBind *out) {
    size_t n = c->nargs, k = 0;
    if (!ly_is_normal(e) || ly_nlen(e) != n || ly_nhead(e) != c->head) return SIZE_MAX;
    /* argument by argument, tests and conditions in the order the general
     * matcher evaluates them */
    for (size_t i = 0; i < n; i++) {
        const PArg *p = &c->plan[i];
        LyExpr x = ly_narg(e, i + 1);
        if (p->kind == A_LIT) {
            if (p->head != x && !ly_equal(p->head, x)) return SIZE_MAX;
            continue;
        }
        if (p->head && atom_head(x) != p->head) return SIZE_MAX;
        if (p->name) {
            out[k].name = p->name;
            out[k].value = x;
            k++;
        }
        if (p->test && call_test(vm, p->test, x) <= 0) return SIZE_MAX;
        if (p->cond && test_root(vm, c, p->cond, out, k) <= 0) return SIZE_MAX;
    }
    if (c->lhs_cond && test_root(vm, c, c->lhs_cond, out, k) <= 0) return SIZE_MAX;
    return k;
}

LyExpr lyv_code_rhs(LyVM *vm, const LyvCode *c, LyExpr e, const LyvBind *b, size_t nb, LyvCall *call,
                    bool eager) {
    call->steps = 0;
    if (c->rhs_cond && test_root(vm, c, c->rhs_cond, b, nb) <= 0) return NULL;   /* body /; test */
    bool fold = call->fold && fold_ok(vm, c);
    Inst I = { .vm = vm, .c = c, .b = b, .nb = nb, .fold = fold, .eager = fold && eager };
    LyExpr r = inst_root(&I, c->rhs, true);
    if (!r) {
        /* an exit from what was evaluated here belongs to the rule's
         * frame, as if the evaluator had evaluated it there (Return) */
        if (I.eager && vm->unwind) call->user = true;
        return NULL;
    }
    if (I.folds && (r == e || (ly_is_normal(r) && ly_nhead(r) == ly_nhead(e) && ly_equal(r, e)))) {
        if (I.done) {
            /* evaluated parts made the call itself, which cannot be undone:
             * the evaluator goes on as with the unevaluated form */
            call->nofix = true;
        } else {
            /* folding reached the call itself: the evaluator must see the
             * unfolded form (f[x_] := f[x + 0] runs into $IterationLimit) */
            ly_unref(vm, r);
            I = (Inst){ .vm = vm, .c = c, .b = b, .nb = nb };
            r = inst_root(&I, c->rhs, true);
        }
    }
    if (I.done && r) { call->done = true; call->pre = I.pre; }
    call->steps = r ? I.steps : 0;
    return r;
}
