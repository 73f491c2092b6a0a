/*
 * simplify.c — LeafCount, Simplify, FullSimplify.  Simplify tries a few
 * rational transformations (Together, Cancel, Factor, Expand) and the
 * identity Sin[u]^2 + Cos[u]^2 = 1, at the top level and in the arguments,
 * and keeps the candidate with the smallest LeafCount (the first one on a
 * tie, so an expression already simplest stays as it is).  FullSimplify is
 * the same as Simplify here.  Written against lyra.h + lyra_ext.h.
 */
#include <string.h>
#include "lys_poly.h"
#include "lys_alg.h"

static LyExpr ref(LyExpr e) { ly_ref(e); return e; }

static size_t leaf_count(LyExpr e) {
    if (ly_type(e) == LY_TRAT) return 1 + leaf_count(((LyRational *)e)->num) + leaf_count(((LyRational *)e)->den);
    if (ly_type(e) == LY_TCOMPLEX) return 1 + leaf_count(((LyComplex *)e)->re) + leaf_count(((LyComplex *)e)->im);
    if (!ly_is_normal(e)) return 1;
    size_t n = leaf_count(ly_nhead(e));
    for (size_t i = 1; i <= ly_nlen(e); i++) n += leaf_count(ly_narg(e, i));
    return n;
}

static LyExpr b_leafcount(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    return ly_int(vm, (int64_t)leaf_count(ly_narg(e, 1)));
}

static bool is_fn(LyExpr e, const char *name) {
    return ly_is_normal(e) && ly_nlen(e) == 1 && ly_is_sym(ly_nhead(e)) && !strcmp(ly_sym(ly_nhead(e))->name, name);
}

/* c Sin[u]^2 -> sets c (borrowed or new) and u; which: 1 Sin, 2 Cos. */
static int trig_square(LyVM *vm, LyExpr t, LyExpr *c, LyExpr *u) {
    LyExpr f = t;
    *c = ly_mksmall(1);
    if (ly_head_is(t, LY_SYM(Times)) && ly_nlen(t) == 2 && ly_is_number(ly_narg(t, 1))) { *c = ly_narg(t, 1); f = ly_narg(t, 2); }
    if (!ly_head_is(f, LY_SYM(Power)) || ly_nlen(f) != 2 || !ly_is_small(ly_narg(f, 2)) || ly_small(ly_narg(f, 2)) != 2) return 0;
    LyExpr b = ly_narg(f, 1);
    *u = is_fn(b, "Sin") || is_fn(b, "Cos") ? ly_narg(b, 1) : NULL;
    if (!*u) return 0;
    return is_fn(b, "Sin") ? 1 : 2;
}

/* Sin[u]^2 + Cos[u]^2 -> 1 inside a sum (same numeric coefficient). */
static LyExpr pythagoras(LyVM *vm, LyExpr e) {
    if (!ly_head_is(e, LY_SYM(Plus))) return ref(e);
    size_t n = ly_nlen(e);
    LY_SCRATCH(bool, gone, vm, n + 1);
    if (!gone) return NULL;
    memset(gone, 0, (n + 1) * sizeof *gone);
    LyExpr extra = ly_mksmall(0);
    bool changed = false;
    for (size_t i = 1; i <= n; i++) {
        LyExpr ci, ui;
        int wi = trig_square(vm, ly_narg(e, i), &ci, &ui);
        if (!wi || gone[i]) continue;
        for (size_t j = i + 1; j <= n; j++) {
            LyExpr cj, uj;
            int wj = trig_square(vm, ly_narg(e, j), &cj, &uj);
            if (!wj || wj == wi || gone[j] || !ly_equal(ui, uj) || !ly_equal(ci, cj)) continue;
            gone[i] = gone[j] = true;
            LyExpr s = ly_num_add(vm, extra, ci);
            ly_unref(vm, extra);
            extra = s;
            changed = true;
            break;
        }
    }
    if (!changed) { ly_unref(vm, extra); return ref(e); }
    LyExpr r = extra ? ly_mknormal(vm, LY_SYM(Plus), n + 1) : NULL;
    if (!r) { ly_unref(vm, extra); return NULL; }
    for (size_t i = 1; i <= n; i++) ly_nset(r, i, gone[i] ? ly_mksmall(0) : ref(ly_narg(e, i)));
    ly_nset(r, n + 1, extra);
    return lys_eval_steal(vm, r);
}

static void consider(LyVM *vm, LyExpr *best, size_t *bestn, LyExpr cand) {
    if (!cand) return;
    size_t n = leaf_count(cand);
    if (n < *bestn) { ly_unref(vm, *best); *best = cand; *bestn = n; }
    else ly_unref(vm, cand);
}

LyExpr lys_simplify(LyVM *vm, LyExpr e);
LyExpr lys_simplify(LyVM *vm, LyExpr e) {
    if (!ly_safe_point(vm)) return NULL;
    if (!ly_is_normal(e)) return ref(e);
    /* arguments first (not inside held or list structure heads) */
    LyExpr cur = ref(e);
    LyExpr h = ly_nhead(e);
    if (ly_is_sym(h) && !(ly_attributes(vm, h) & (LY_ATTR_HOLDALL | LY_ATTR_HOLDFIRST | LY_ATTR_HOLDREST))) {
        size_t n = ly_nlen(e);
        LyExpr r = ly_mknormal(vm, ref(h), n);
        if (!r) { ly_unref(vm, cur); return NULL; }
        for (size_t i = 1; i <= n; i++) {
            LyExpr a = lys_simplify(vm, ly_narg(e, i));
            if (!a) { lys_abandon(vm, r, i); ly_unref(vm, cur); return NULL; }
            ly_nset(r, i, a);
        }
        LyExpr v = lys_eval_steal(vm, r);
        if (!v) { ly_unref(vm, cur); return NULL; }
        ly_unref(vm, cur);
        cur = v;
    }
    if (ly_head_is(cur, LY_SYM(List)) || !ly_is_normal(cur)) return cur;
    LyExpr best = ref(cur);
    size_t bestn = leaf_count(best);
    LyExpr ex = lys_expand(vm, cur);
    LyExpr py = ex ? pythagoras(vm, ex) : NULL;
    if (py && !ly_equal(py, ex)) {
        LyExpr f = lys_factor_expr(vm, py);
        consider(vm, &best, &bestn, f);
    }
    consider(vm, &best, &bestn, py);
    consider(vm, &best, &bestn, ex);
    LyExpr tg = lys_together(vm, cur);
    if (tg) {
        consider(vm, &best, &bestn, lys_factor_expr(vm, tg));
        consider(vm, &best, &bestn, lys_cancel(vm, tg));
        consider(vm, &best, &bestn, tg);
    }
    ly_unref(vm, cur);
    if (ly_unwinding(vm)) { ly_unref(vm, best); return NULL; }
    return best;
}

static LyExpr b_simplify(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    return lys_simplify(vm, ly_narg(e, 1));
}

static const LyBuiltin simplify_builtins[] = {
    { "LeafCount", b_leafcount, "Protected", "LeafCount[expr] gives the total number of indivisible subexpressions in expr." },
    { "Simplify", b_simplify, "Protected",
      "Simplify[expr] performs a sequence of algebraic and other transformations on expr and returns the simplest form it finds." },
    { "FullSimplify", b_simplify, "Protected",
      "FullSimplify[expr] tries a wide range of transformations on expr involving elementary and special functions and returns the simplest form it finds. "
      "In Lyra it is the same as Simplify." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_simplify(LyVM *vm);
LyStatus lys_open_simplify(LyVM *vm) { return ly_register_table(vm, simplify_builtins); }
