/*
 * mapat.c — MapAt: a function applied to the parts at given positions;
 * MapApply (f @@@ expr).
 *
 *   MapAt[f, expr, n]                   part n (negative from the end, 0 the head)
 *   MapAt[f, expr, {i, j, ...}]         the part at position {i, j, ...}
 *   MapAt[f, expr, {{i1, ...}, ...}]    several positions (a position met twice
 *                                       gets f twice, as in Wolfram)
 *   MapAt[f, pos][expr]                 operator form
 * Position components may also be All, a Span (i;;j;;k), and keys of
 * associations ("key" or Key[k]).  A position that does not exist gives
 * MapAt::partw and leaves the call unevaluated.
 *
 * The copy follows the position, one level per component (the recursion is
 * as deep as a position is long, at most MAPAT_DEPTH).  Written against
 * lyra.h + lyra_ext.h.
 */
#include <string.h>
#include "lys_data.h"
#include "lys_ctl.h"

#define MAPAT_DEPTH 10000

typedef struct MapAt {
    LyExpr f, whole, path;      /* path: the position, for the message */
    bool failed;
} MapAt;

static void partw(LyVM *vm, MapAt *m) {
    if (m->failed) return;
    m->failed = true;
    ly_message(vm, ly_symbol(vm, "MapAt"), "partw", 2, m->path, m->whole);
}

/* Index i (1-based, negative from the end) of n parts, or -1. */
static int64_t index_of(LyExpr c, size_t n) {
    int64_t i;
    if (!ly_get_int64(c, &i)) return -1;
    if (i < 0) i += (int64_t)n + 1;
    return i >= 0 && (uint64_t)i <= n ? i : -1;
}

static LyExpr at(LyVM *vm, MapAt *m, LyExpr x, const LyExpr *comp, size_t k);

/* x with part i (0: the head) replaced by at(...) of it; steals x. */
static LyExpr replace_part(LyVM *vm, MapAt *m, LyExpr x, size_t i, const LyExpr *comp, size_t k) {
    LyExpr old = i == 0 ? ly_nhead(x) : ly_narg(x, i);
    LyExpr nv = at(vm, m, old, comp, k);
    if (!nv) { ly_unref(vm, x); return NULL; }
    size_t n = ly_nlen(x);
    LyExpr r = ly_mknormal(vm, i == 0 ? nv : (ly_ref(ly_nhead(x)), ly_nhead(x)), n);
    if (!r) { if (i != 0) ly_unref(vm, nv); ly_unref(vm, x); return NULL; }
    for (size_t j = 1; j <= n; j++) {
        LyExpr a = j == i ? nv : ly_narg(x, j);
        if (j != i) ly_ref(a);
        ly_nset(r, j, a);
    }
    ly_unref(vm, x);
    return r;
}

/* f applied at position comp[0..k) of x (borrowed); a new reference, or
 * NULL (a message, or an exit). */
static LyExpr at(LyVM *vm, MapAt *m, LyExpr x, const LyExpr *comp, size_t k) {
    if (k == 0) return lys_call1(vm, m->f, x);
    if (!ly_safe_point(vm)) return NULL;
    LyExpr c = comp[0];
    if (ly_type(x) == LY_TASSOC) {
        LyExpr key = ly_is_string(c) ? c : (ly_head_is(c, LY_SYM(Key)) && ly_nlen(c) == 1) ? ly_narg(c, 1) : NULL;
        size_t n = ly_length(x);
        if (!key && index_of(c, n) < 1) { partw(vm, m); return NULL; }
        LyExpr *keys = ly_alloc(vm, (n ? n : 1) * sizeof *keys), *vals = ly_alloc(vm, (n ? n : 1) * sizeof *vals);
        if (!keys || !vals) {
            ly_dealloc(vm, keys, (n ? n : 1) * sizeof *keys); ly_dealloc(vm, vals, (n ? n : 1) * sizeof *vals);
            return ly_raise_nomem(vm);
        }
        size_t got = 0;
        bool found = false, ok = true;
        int64_t want = key ? -1 : index_of(c, n);
        for (size_t i = 1; i <= n; i++) {
            if (!ly_assoc_entry(vm, x, i, &keys[i - 1], &vals[i - 1])) { ok = false; break; }
            got = i;
            if ((key && ly_equal(keys[i - 1], key)) || (int64_t)i == want) {
                LyExpr nv = at(vm, m, vals[i - 1], comp + 1, k - 1);
                ly_unref(vm, vals[i - 1]);
                vals[i - 1] = nv ? nv : LY_SYM(Null);
                if (!nv) ok = false;
                found = true;
            }
        }
        LyExpr r = NULL;
        if (ok && !found) partw(vm, m);
        else if (ok) r = ly_association(vm, n, keys, vals);
        for (size_t i = 0; i < got; i++) { ly_unref(vm, keys[i]); ly_unref(vm, vals[i]); }
        ly_dealloc(vm, keys, (n ? n : 1) * sizeof *keys);
        ly_dealloc(vm, vals, (n ? n : 1) * sizeof *vals);
        return r;
    }
    LyExpr u = ly_is_packed(x) ? ly_unpack(vm, x) : (ly_ref(x), x);
    if (!u) return NULL;
    if (!ly_is_normal(u)) { ly_unref(vm, u); partw(vm, m); return NULL; }
    size_t n = ly_nlen(u);
    int64_t i = index_of(c, n);
    if (i >= 0) return replace_part(vm, m, u, (size_t)i, comp + 1, k - 1);
    /* several parts: All or a span */
    int64_t lo = 1, hi = (int64_t)n, step = 1;
    if (c == LY_SYM(All)) {
        /* every part */
    } else if (ly_head_is(c, LY_SYM(Span)) && ly_nlen(c) >= 2 && ly_nlen(c) <= 3) {
        LyExpr a = ly_narg(c, 1), b = ly_narg(c, 2);
        lo = a == LY_SYM(All) ? 1 : index_of(a, n);
        hi = b == LY_SYM(All) ? (int64_t)n : index_of(b, n);
        if (ly_nlen(c) == 3 && (!ly_get_int64(ly_narg(c, 3), &step) || step == 0)) lo = -1;
        if (lo < 1 || hi < 0) { ly_unref(vm, u); partw(vm, m); return NULL; }
    } else {
        ly_unref(vm, u);
        partw(vm, m);
        return NULL;
    }
    for (int64_t j = lo; step > 0 ? j <= hi : j >= hi; j += step) {
        if (j < 1 || (uint64_t)j > n) break;
        u = replace_part(vm, m, u, (size_t)j, comp + 1, k - 1);
        if (!u) return NULL;
    }
    return u;
}

/* A position: a component alone, a list of components, or a list of such
 * lists.  Fills *paths with a List of positions (new reference). */
static LyExpr positions(LyVM *vm, LyExpr spec) {
    LyExpr one;
    if (!lys_is_list(spec)) {
        one = ly_mk(vm, LY_SYM(List), 1, (ly_ref(spec), spec));
        if (!one) return NULL;
        LyExpr r = ly_mk(vm, LY_SYM(List), 1, one);
        return r;
    }
    LyExpr u = lys_unpacked(vm, spec);
    if (!u) return NULL;
    bool nested = ly_nlen(u) > 0;
    for (size_t i = 1; i <= ly_nlen(u); i++) if (!lys_is_list(ly_narg(u, i))) nested = false;
    if (nested) return u;
    LyExpr r = ly_mk(vm, LY_SYM(List), 1, u);
    return r;
}

static LyExpr b_mapat(LyVM *vm, LyExpr e) {
    LyExpr h = ly_nhead(e);
    if (!ly_is_sym(h)) {
        /* MapAt[f, pos][expr] */
        if (!ly_is_normal(h) || ly_nlen(h) != 2 || ly_nlen(e) != 1) return NULL;
        LyExpr full = ly_mk(vm, (ly_ref(ly_nhead(h)), ly_nhead(h)), 3, (ly_ref(ly_narg(h, 1)), ly_narg(h, 1)),
                            (ly_ref(ly_narg(e, 1)), ly_narg(e, 1)), (ly_ref(ly_narg(h, 2)), ly_narg(h, 2)));
        if (!full) return NULL;
        LyExpr r = b_mapat(vm, full);
        ly_unref(vm, full);
        return r;
    }
    if (ly_nlen(e) == 2) return NULL;        /* operator form */
    if (!lys_argc(vm, e, 2, 3)) return NULL;
    LyExpr f = ly_narg(e, 1), x = ly_narg(e, 2);
    LyExpr ps = positions(vm, ly_narg(e, 3));
    if (!ps) return NULL;
    ly_ref(x);
    LyExpr r = x;
    for (size_t i = 1; r && i <= ly_nlen(ps); i++) {
        LyExpr p = lys_unpacked(vm, ly_narg(ps, i));
        if (!p) { ly_unref(vm, r); r = NULL; break; }
        MapAt m = { f, x, p, false };
        if (ly_nlen(p) > MAPAT_DEPTH) { partw(vm, &m); ly_unref(vm, p); ly_unref(vm, r); r = NULL; break; }
        LyExpr nr = at(vm, &m, r, ly_nargs(p), ly_nlen(p));
        ly_unref(vm, p);
        ly_unref(vm, r);
        r = nr;
    }
    ly_unref(vm, ps);
    return r;
}

/* MapApply[f, expr] is Apply[f, expr, {1}] (f @@@ expr); MapApply[f][expr]. */
static LyExpr b_mapapply(LyVM *vm, LyExpr e) {
    LyExpr h = ly_nhead(e), f, x;
    if (!ly_is_sym(h)) {
        if (!ly_is_normal(h) || ly_nlen(h) != 1 || ly_nlen(e) != 1) return NULL;
        f = ly_narg(h, 1);
        x = ly_narg(e, 1);
    } else {
        if (ly_nlen(e) == 1) return NULL;        /* operator form */
        if (!lys_argc(vm, e, 1, 2)) return NULL;
        f = ly_narg(e, 1);
        x = ly_narg(e, 2);
    }
    LyExpr lv = ly_mk(vm, LY_SYM(List), 1, ly_mksmall(1));
    LyExpr call = lv ? ly_applyf(vm, "Apply", 3, (LyExpr[]){ f, x, lv }) : NULL;
    ly_unref(vm, lv);
    return call ? lys_eval_steal(vm, call) : NULL;
}

static const LyBuiltin mapat_builtins[] = {
    { "MapApply", b_mapapply, "Protected OperatorForm",
      "MapApply[f, expr] or f @@@ expr replaces heads at level 1 of expr by f.\n"
      "MapApply[f] represents an operator form of MapApply that can be applied to an expression." },
    { "MapAt", b_mapat, "Protected OperatorForm",
      "MapAt[f, expr, n] applies f to the element at position n in expr. If n is negative, the position is counted from the end.\n"
      "MapAt[f, expr, {i, j, ...}] applies f to the part of expr at position {i, j, ...}.\n"
      "MapAt[f, expr, {{i1, j1, ...}, {i2, j2, ...}, ...}] applies f to parts of expr at several positions.\n"
      "MapAt[f, pos] represents an operator form of MapAt that can be applied to an expression." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_mapat(LyVM *vm);
LyStatus lys_open_mapat(LyVM *vm) {
    ly_set_message(vm, "MapAt", "partw", "Part `1` of `2` does not exist.");
    return ly_register_table(vm, mapat_builtins);
}
