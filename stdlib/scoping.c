/*
 * scoping.c — Module, Block and With.  Written against lyra.h + lyra_ext.h.
 *
 *   Module  lexical: each local becomes a fresh symbol x$n (Temporary),
 *           substituted into the body, which is then evaluated;
 *   Block   dynamic: the own values of the locals are saved, replaced for
 *           the evaluation of the body, and restored afterwards — on every
 *           path, including exits (Throw, Abort, Return, ...);
 *   With    substitution of values (x = v evaluated, x := v held) into the
 *           body, which is then evaluated.
 *
 * Initial values are evaluated before anything is localized, in the
 * enclosing environment (Module[{x = x}, ...] reads the outer x).
 *
 * With hands the substituted body back to the evaluator instead of
 * evaluating it here, so a body in tail position costs no C stack.  Module
 * evaluates its body itself: where the body ends, ly_scope_close removes
 * the locals that nothing references any more (vm/temps.c).
 */
#include <string.h>
#include "lyra_ext.h"
#include "lys_ctl.h"

typedef struct Local {
    LyExpr sym;         /* the variable (borrowed from the spec) */
    LyExpr init;        /* initial value (new reference), or NULL */
    bool init_delayed;  /* init came from x := v (evaluated at each use) */
    bool delayed;       /* Block: the saved value was delayed */
} Local;

/* Parses {x, y = v, z := w} into locals (evaluating v; w held when
 * allow_delayed).  Returns the count, or -1 after a message (locals
 * released). need_value: With, where every local must have a value. */
static long parse_locals(LyVM *vm, LyExpr e, LyExpr spec, Local *loc, bool need_value,
                         bool allow_delayed) {
    LyExpr f = ly_nhead(e);
    size_t m = ly_nlen(spec);
    for (size_t i = 0; i < m; i++) {
        LyExpr s = ly_narg(spec, i + 1);
        loc[i].sym = NULL;
        loc[i].init = NULL;
        loc[i].init_delayed = loc[i].delayed = false;
        if (ly_is_sym(s) && !need_value) {
            loc[i].sym = s;
            continue;
        }
        bool set = ly_head_is(s, LY_SYM(Set)), delayed = ly_head_is(s, LY_SYM(SetDelayed));
        if ((set || (delayed && allow_delayed)) && ly_nlen(s) == 2 && ly_is_sym(ly_narg(s, 1))) {
            loc[i].sym = ly_narg(s, 1);
            if (set) {
                loc[i].init = ly_evaluate(vm, ly_narg(s, 2));
                if (!loc[i].init) goto fail;
            } else {
                loc[i].init = ly_narg(s, 2);
                loc[i].init_delayed = true;
                ly_ref(loc[i].init);
            }
            continue;
        }
        if (need_value) ly_message(vm, f, "lvw", 2, spec, s);
        else if ((set || delayed) && ly_nlen(s) == 2) ly_message(vm, f, "lvset", 3, spec, s, ly_narg(s, 1));
        else ly_message(vm, f, "lvsym", 2, spec, s);
    fail:
        for (size_t j = 0; j <= i; j++) ly_unref(vm, loc[j].init);
        return -1;
    }
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < i; j++)
            if (loc[i].sym == loc[j].sym) {
                ly_message(vm, f, "dup", 2, loc[i].sym, spec);
                for (size_t k = 0; k < m; k++) ly_unref(vm, loc[k].init);
                return -1;
            }
    return (long)m;
}

/* Checks the shape Head[{locals...}, body] and allocates the locals. */
static Local *scope_spec(LyVM *vm, LyExpr e, size_t *m) {
    if (ly_nlen(e) != 2) { lys_argcount(vm, e, 2, 2); return NULL; }
    LyExpr spec = ly_narg(e, 1);
    if (!ly_head_is(spec, LY_SYM(List))) {
        ly_message(vm, ly_nhead(e), "lvlist", 1, spec);
        return NULL;
    }
    *m = ly_nlen(spec);
    Local *loc = ly_alloc(vm, (*m ? *m : 1) * sizeof *loc);
    if (!loc) ly_raise_nomem(vm);
    return loc;
}

static LyExpr b_module(LyVM *vm, LyExpr e) {
    size_t m = 0;
    Local *loc = scope_spec(vm, e, &m);
    if (!loc) return NULL;
    LyExpr r = NULL, *syms = NULL, *uniq;
    size_t cap = m ? m : 1;
    if (parse_locals(vm, e, ly_narg(e, 1), loc, false, true) < 0) goto done;
    if (!m) {
        /* nothing to localize: the body is evaluated where Module stood */
        ly_dealloc(vm, loc, cap * sizeof *loc);
        ly_ref(ly_narg(e, 2));
        return ly_narg(e, 2);
    }
    syms = ly_alloc(vm, 2 * cap * sizeof(LyExpr));
    if (!syms) { ly_raise_nomem(vm); goto release; }
    uniq = syms + cap;
    for (size_t i = 0; i < m; i++) syms[i] = loc[i].sym;
    LyScope sc;
    if (!ly_scope_open(vm, &sc, m, syms, uniq)) goto release;
    bool ok = true;
    for (size_t i = 0; i < m && ok; i++) {
        if (!loc[i].init) continue;
        if (loc[i].init_delayed) {
            /* x := v: the value (with the locals renamed), evaluated at each use */
            LyExpr v = ly_substitute(vm, loc[i].init, m, syms, uniq);
            if (!v) ok = false;
            else ly_scope_set(vm, uniq[i], v, true);
        } else {
            ly_scope_set(vm, uniq[i], loc[i].init, false);
            loc[i].init = NULL;
        }
    }
    /* the body is evaluated here rather than handed back to the evaluator:
     * where it ends, the locals nothing references any more are removed */
    LyExpr body = ok ? ly_substitute(vm, ly_narg(e, 2), m, syms, uniq) : NULL;
    r = body ? ly_evaluate(vm, body) : NULL;
    ly_unref(vm, body);
    ly_scope_close(vm, &sc, r);
    if (r) r = ly_evaluated(vm, r);
release:
    for (size_t i = 0; i < m; i++) ly_unref(vm, loc[i].init);
    if (syms) ly_dealloc(vm, syms, 2 * cap * sizeof(LyExpr));
done:
    ly_dealloc(vm, loc, cap * sizeof *loc);
    return r;
}

static LyExpr b_block(LyVM *vm, LyExpr e) {
    size_t m = 0;
    Local *loc = scope_spec(vm, e, &m);
    if (!loc) return NULL;
    LyExpr r = NULL;
    if (parse_locals(vm, e, ly_narg(e, 1), loc, false, true) < 0) goto done;
    /* swap in: loc[i].init becomes the saved value (and whether it was x := v) */
    for (size_t i = 0; i < m; i++) {
        LyExpr old = ly_own_value(vm, loc[i].sym);
        ly_ref(old);
        loc[i].delayed = ly_own_value_delayed(vm, loc[i].sym);
        ly_set_own_value_ex(vm, loc[i].sym, loc[i].init, loc[i].init_delayed);
        loc[i].init = old;
    }
    r = ly_evaluate(vm, ly_narg(e, 2));
    for (size_t i = m; i-- > 0;) {          /* restore, innermost last set first */
        ly_set_own_value_ex(vm, loc[i].sym, loc[i].init, loc[i].delayed);
        loc[i].init = NULL;
    }
done:
    ly_dealloc(vm, loc, (m ? m : 1) * sizeof *loc);
    return ly_evaluated(vm, r);
}

/* With[{x = v, ...}, body]; With[spec1, spec2, ..., body] is
 * With[spec1, With[spec2, ..., body]], so later specs see earlier values. */
static LyExpr b_with(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 2) return lys_argcount(vm, e, 2, SIZE_MAX);
    LyExpr spec = ly_narg(e, 1);
    if (!ly_head_is(spec, LY_SYM(List))) {
        ly_message(vm, LY_SYM(With), "lvlist", 1, spec);
        return NULL;
    }
    LyExpr body;
    if (n > 2) {
        body = ly_mknormal(vm, LY_SYM(With), n - 1);
        if (!body) return NULL;
        for (size_t j = 2; j <= n; j++) { ly_ref(ly_narg(e, j)); ly_nset(body, j - 1, ly_narg(e, j)); }
    } else {
        body = ly_narg(e, 2);
        ly_ref(body);
    }
    size_t m = ly_nlen(spec), cap = m ? m : 1;
    Local *loc = ly_alloc(vm, cap * sizeof *loc);
    LyExpr *arr = ly_alloc(vm, 2 * cap * sizeof(LyExpr));
    LyExpr r = NULL;
    if (!loc || !arr) {
        ly_raise_nomem(vm);
    } else if (parse_locals(vm, e, spec, loc, true, true) >= 0) {
        for (size_t i = 0; i < m; i++) { arr[i] = loc[i].sym; arr[m + i] = loc[i].init; }
        r = m ? ly_substitute(vm, body, m, arr, arr + m) : (ly_ref(body), body);
        for (size_t i = 0; i < m; i++) ly_unref(vm, loc[i].init);
    }
    if (loc) ly_dealloc(vm, loc, cap * sizeof *loc);
    if (arr) ly_dealloc(vm, arr, 2 * cap * sizeof(LyExpr));
    ly_unref(vm, body);
    return r;
}

static const LyBuiltin scoping_builtins[] = {
    { "Module", b_module, "HoldAll Protected",
      "Module[{x, y, ...}, expr] specifies that occurrences of the symbols x, y, ... in expr should be treated as local." },
    { "Block", b_block, "HoldAll Protected",
      "Block[{x, y, ...}, expr] specifies that expr is to be evaluated with local values for the symbols x, y, ...." },
    { "With", b_with, "HoldAll Protected",
      "With[{x = x0, y = y0, ...}, expr] specifies that all occurrences of the symbols x, y, ... in expr should be replaced by x0, y0, ...." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_scoping(LyVM *vm);
LyStatus lys_open_scoping(LyVM *vm) {
    ly_set_message(vm, "General", "lvsym",
                   "Local variable specification `1` contains `2`, which is not a symbol or an assignment to a symbol.");
    ly_set_message(vm, "General", "lvset",
                   "Local variable specification `1` contains `2`, which is an assignment to `3`; only assignments to symbols are allowed.");
    ly_set_message(vm, "General", "lvw",
                   "Local variable specification `1` contains `2`, which is not an assignment to a symbol.");
    ly_set_message(vm, "General", "dup", "Duplicate local variable `1` found in local variable specification `2`.");
    return ly_register_table(vm, scoping_builtins);
}
