/*
 * functional.c — applying functions: Map, MapIndexed, Apply, Scan, Nest,
 * NestList, NestWhile, NestWhileList, FixedPoint, FixedPointList, Fold,
 * FoldList, Select, Composition, RightComposition, Identity, Through, and
 * the attributes of Function and the slots.  Written against lyra.h +
 * lyra_ext.h.
 *
 * lys_call applies a function to values that are already evaluated
 * (ly_apply_eval: a pure function goes through ly_apply_function, substitution
 * then one evaluation of the body; anything else becomes f[args] and is
 * evaluated).
 *
 * Level specifications (Map, MapIndexed, Apply, Scan): n means levels 1..n,
 * {n} level n only, {n1, n2} levels n1..n2, Infinity, All (0..Infinity);
 * negative levels count from the bottom: a part is at level -d when its
 * depth is d (atoms have depth 1).  Parts are visited depth first, children
 * before their parent, as Level lists them.  The recursion follows the
 * nesting of the expression, never the length of a list.
 *
 * Operator forms (Map[f][expr], Select[crit][list], ...) are handled when the
 * evaluator hands a call whose head is Map[f] to Map's built-in code.
 */
#include <limits.h>
#include <string.h>
#include "lyra_ext.h"
#include "lys_ctl.h"

/* ---- applying ------------------------------------------------------------------ */

LyExpr lys_call(LyVM *vm, LyExpr f, size_t n, const LyExpr *args) { return ly_apply_eval(vm, f, n, args); }

static bool call_true(LyVM *vm, LyExpr test, size_t n, const LyExpr *args, bool *ok) {
    LyExpr r = lys_call(vm, test, n, args);
    *ok = r != NULL;
    bool t = r == LY_SYM(True);
    ly_unref(vm, r);
    return t;
}

/* The elements of a list-like expression as a normal expression (packed
 * arrays unpacked one level); new reference. */
static LyExpr as_normal(LyVM *vm, LyExpr e) {
    if (ly_is_packed(e)) return ly_unpack(vm, e);
    ly_ref(e);
    return e;
}

/* Operator forms: op[args of e]... with op = h[a1..ak]: the full call is
 * h[a1..ak, b1..bm] (data_first: h[b1..bm, a1..ak]).  NULL when e is not
 * an operator-form call. */
static LyExpr operator_call(LyVM *vm, LyExpr e, LyCFunction fn, bool data_first) {
    LyExpr op = ly_nhead(e);
    if (!ly_is_normal(op)) return NULL;
    size_t k = ly_nlen(op), m = ly_nlen(e);
    LyExpr full = ly_mknormal(vm, (ly_ref(ly_nhead(op)), ly_nhead(op)), k + m);
    if (!full) return NULL;
    for (size_t i = 1; i <= k; i++) {
        LyExpr a = ly_narg(op, i);
        ly_ref(a);
        ly_nset(full, data_first ? m + i : i, a);
    }
    for (size_t i = 1; i <= m; i++) {
        LyExpr a = ly_narg(e, i);
        ly_ref(a);
        ly_nset(full, data_first ? i : k + i, a);
    }
    LyExpr r = fn(vm, full);
    if (!r && !ly_unwinding(vm)) { ly_unref(vm, full); return NULL; }
    ly_unref(vm, full);
    return r;
}

/* ---- level specifications ---------------------------------------------------------- */

typedef struct Levels { long lo, hi; } Levels;   /* hi == LONG_MAX: Infinity */

static bool level_value(LyExpr x, long *out) {
    int64_t v;
    if (ly_get_int64(x, &v) && v > -1000000 && v < 1000000) { *out = (long)v; return true; }
    if (x == LY_SYM(Infinity) ||
        (ly_head_is(x, LY_SYM(DirectedInfinity)) && ly_nlen(x) == 1 && ly_narg(x, 1) == ly_mksmall(1))) {
        *out = LONG_MAX;
        return true;
    }
    return false;
}

static bool parse_levels(LyExpr spec, Levels *lv) {
    long a, b;
    if (spec == LY_SYM(All)) { lv->lo = 0; lv->hi = LONG_MAX; return true; }
    if (level_value(spec, &a)) { lv->lo = 1; lv->hi = a; return true; }
    if (ly_head_is(spec, LY_SYM(List)) && ly_nlen(spec) == 1 && level_value(ly_narg(spec, 1), &a)) {
        lv->lo = lv->hi = a;
        return a != LONG_MAX;
    }
    if (ly_head_is(spec, LY_SYM(List)) && ly_nlen(spec) == 2 && level_value(ly_narg(spec, 1), &a) &&
        level_value(ly_narg(spec, 2), &b)) {
        lv->lo = a;
        lv->hi = b;
        return a != LONG_MAX;
    }
    return false;
}

static bool in_levels(const Levels *lv, long level, long depth) {
    bool lo = lv->lo >= 0 ? level >= lv->lo : depth <= -lv->lo;
    bool hi = lv->hi >= 0 ? level <= lv->hi : depth >= -lv->hi;
    return lo && hi;
}

/* ---- the level walker ------------------------------------------------------------------ */

typedef enum { OP_MAP, OP_APPLY, OP_INDEXED, OP_SCAN } OpKind;

typedef struct Walk {
    OpKind kind;
    LyExpr f;
    Levels lv;
    LyExpr *path;        /* OP_INDEXED: the position so far */
    size_t npath, cap;
} Walk;

static bool path_push(LyVM *vm, Walk *w, LyExpr idx) {
    if (w->npath == w->cap) {
        size_t nc = w->cap ? 2 * w->cap : 16;
        LyExpr *np = ly_realloc(vm, w->path, w->cap * sizeof(LyExpr), nc * sizeof(LyExpr));
        if (!np) { ly_unref(vm, idx); ly_raise_nomem(vm); return false; }
        w->path = np;
        w->cap = nc;
    }
    w->path[w->npath++] = idx;
    return true;
}

static void path_pop(LyVM *vm, Walk *w) { ly_unref(vm, w->path[--w->npath]); }

/* Applies the operation to one part x (stolen) that is in range; new
 * reference or NULL on an exit. */
static LyExpr act(LyVM *vm, Walk *w, LyExpr x) {
    LyExpr r;
    switch (w->kind) {
    case OP_MAP:
        r = ly_mk(vm, (ly_ref(w->f), w->f), 1, x);
        return r;
    case OP_APPLY:
        if (ly_is_normal(x)) {
            r = ly_apply(vm, w->f, ly_nlen(x), ly_nargs(x));
        } else if (ly_type(x) == LY_TASSOC) {
            LyAssoc *a = ly_assoc(x);
            r = ly_mknormal(vm, (ly_ref(w->f), w->f), a->len);
            for (size_t i = 0; r && i < a->len; i++) {
                LyExpr v = ly_narg(a->rules[i], 2);
                ly_ref(v);
                ly_nset(r, i + 1, v);
            }
        } else {
            return x;
        }
        ly_unref(vm, x);
        return r;
    case OP_INDEXED: {
        LyExpr pos = ly_list(vm, w->npath, w->path);
        return ly_mk(vm, (ly_ref(w->f), w->f), 2, x, pos);
    }
    case OP_SCAN: {
        r = lys_call1(vm, w->f, x);
        ly_unref(vm, x);
        if (!r) return NULL;
        ly_unref(vm, r);
        return LY_SYM(Null);
    }
    }
    return x;
}

/* Depth[e]: 1 for atoms, 1 + the greatest depth of the parts otherwise. */
static long depth_of(LyExpr e) {
    if (ly_is_packed(e)) return (long)ly_packed(e)->h.aux + 1;
    long d = 1;
    if (ly_is_normal(e)) {
        for (size_t i = 1; i <= ly_nlen(e); i++) {
            long c = depth_of(ly_narg(e, i)) + 1;
            if (c > d) d = c;
        }
    } else if (ly_type(e) == LY_TASSOC) {
        for (size_t i = 0; i < ly_assoc(e)->len; i++) {
            long c = depth_of(ly_narg(ly_assoc(e)->rules[i], 2)) + 1;
            if (c > d) d = c;
        }
    }
    return d;
}

/* Walks e at the given level: new reference to the rebuilt expression (for
 * OP_SCAN, Null), *depth gets the depth of e.  NULL on an exit. */
static LyExpr walk(LyVM *vm, Walk *w, LyExpr e, long level, long *depth) {
    if (!ly_safe_point(vm)) return NULL;
    bool descend = w->lv.hi == LONG_MAX || w->lv.hi < 0 || level < w->lv.hi;
    LyExpr cur;
    long d = 1;
    if (ly_type(e) == LY_TASSOC && descend) {
        LyAssoc *a = ly_assoc(e);
        LyExpr *rules = ly_alloc(vm, (a->len ? a->len : 1) * sizeof(LyExpr));
        if (!rules) return ly_raise_nomem(vm);
        size_t k = 0;
        bool ok = true;
        for (; k < a->len; k++) {
            LyExpr rule = a->rules[k], v = ly_narg(rule, 2), key = ly_narg(rule, 1);
            long cd;
            if (w->kind == OP_INDEXED &&
                !path_push(vm, w, ly_mk(vm, LY_SYM(Key), 1, (ly_ref(key), key)))) { ok = false; break; }
            LyExpr nv = walk(vm, w, v, level + 1, &cd);
            if (w->kind == OP_INDEXED) path_pop(vm, w);
            if (nv && w->kind != OP_SCAN && nv != v) {
                /* association values are not evaluated by the evaluator */
                LyExpr ev = ly_evaluate(vm, nv);
                ly_unref(vm, nv);
                nv = ev;
            }
            if (!nv) { ok = false; break; }
            if (cd + 1 > d) d = cd + 1;
            rules[k] = w->kind == OP_SCAN ? (ly_unref(vm, nv), NULL)
                                          : ly_mk(vm, (ly_ref(ly_nhead(rule)), ly_nhead(rule)), 2,
                                                  (ly_ref(key), key), nv);
            if (w->kind != OP_SCAN && !rules[k]) { ok = false; break; }
        }
        cur = ok && w->kind != OP_SCAN ? ly_mkassoc(vm, k, rules) : NULL;
        if (w->kind != OP_SCAN) for (size_t i = 0; i < k; i++) ly_unref(vm, rules[i]);
        ly_dealloc(vm, rules, (a->len ? a->len : 1) * sizeof(LyExpr));
        if (!ok) return NULL;
        if (w->kind == OP_SCAN) cur = LY_SYM(Null);
        if (!cur) return NULL;
        if (w->kind == OP_SCAN) { ly_ref(e); cur = e; }
    } else if ((ly_is_normal(e) || ly_is_packed(e)) && descend) {
        LyExpr src = as_normal(vm, e);
        if (!src) return NULL;
        size_t n = ly_nlen(src);
        LyExpr out = w->kind == OP_SCAN ? NULL : ly_mknormal(vm, (ly_ref(ly_nhead(src)), ly_nhead(src)), n);
        if (w->kind != OP_SCAN && !out) { ly_unref(vm, src); return NULL; }
        bool changed = false;
        for (size_t i = 1; i <= n; i++) {
            LyExpr a = ly_narg(src, i);
            long cd;
            if (w->kind == OP_INDEXED && !path_push(vm, w, ly_int(vm, (int64_t)i))) {
                if (out) { for (size_t j = i; j <= n; j++) ly_nset(out, j, LY_SYM(Null)); ly_unref(vm, out); }
                ly_unref(vm, src);
                return NULL;
            }
            LyExpr na = walk(vm, w, a, level + 1, &cd);
            if (w->kind == OP_INDEXED) path_pop(vm, w);
            if (!na) {
                if (out) { for (size_t j = i; j <= n; j++) ly_nset(out, j, LY_SYM(Null)); ly_unref(vm, out); }
                ly_unref(vm, src);
                return NULL;
            }
            if (cd + 1 > d) d = cd + 1;
            if (out) { changed |= na != a; ly_nset(out, i, na); }
            else ly_unref(vm, na);
        }
        if (out && !changed && src == e) { ly_unref(vm, out); ly_ref(e); out = e; }
        ly_unref(vm, src);
        cur = out ? out : (ly_ref(e), e);
    } else {
        if (w->lv.lo < 0) d = depth_of(e);    /* not descending, but its depth matters */
        ly_ref(e);
        cur = e;
    }
    *depth = d;
    if (in_levels(&w->lv, level, d)) return act(vm, w, cur);
    if (w->kind == OP_SCAN) { ly_unref(vm, cur); return LY_SYM(Null); }
    return cur;
}

/* Depth needs the whole expression when a level is negative; otherwise the
 * walk stops at the deepest level asked for. */
static LyExpr walk_top(LyVM *vm, Walk *w, LyExpr e) {
    long d;
    LyExpr r = walk(vm, w, e, 0, &d);
    while (w->npath) path_pop(vm, w);
    if (w->path) ly_dealloc(vm, w->path, w->cap * sizeof(LyExpr));
    return r;
}

/* ---- Map, MapIndexed, Apply, Scan -------------------------------------------------------- */

static LyExpr lys_pack_list(LyVM *vm, LyExpr list) {
    LyExpr p = lys_pack(vm, list);
    ly_unref(vm, list);
    return p;
}

/* Map[f, list] at level 1 over a list or packed array: evaluates here so
 * that numeric results come back packed. */
static LyExpr map_list(LyVM *vm, LyExpr f, LyExpr e) {
    size_t n = ly_length(e);
    LyExpr out = ly_mknormal(vm, LY_SYM(List), n);
    if (!out) return NULL;
    for (size_t i = 1; i <= n; i++) {
        LyExpr x = ly_safe_point(vm) ? ly_part(vm, e, i) : NULL;
        LyExpr r = x ? lys_call1(vm, f, x) : NULL;
        ly_unref(vm, x);
        if (!r) {
            for (size_t j = i; j <= n; j++) ly_nset(out, j, LY_SYM(Null));
            ly_unref(vm, out);
            return NULL;
        }
        ly_nset(out, i, r);
    }
    return lys_pack_list(vm, out);
}

static LyExpr walk_call(LyVM *vm, LyExpr e, OpKind kind, size_t min_args, size_t dflt_lo, size_t dflt_hi) {
    size_t n = ly_nlen(e);
    if (n < min_args || n > 3) return lys_argcount(vm, e, 2, 3);
    Walk w = { kind, ly_narg(e, 1), { (long)dflt_lo, (long)dflt_hi }, NULL, 0, 0 };
    if (n == 3 && !parse_levels(ly_narg(e, 3), &w.lv)) {
        ly_message(vm, ly_nhead(e), "level", 1, ly_narg(e, 3));
        return NULL;
    }
    return walk_top(vm, &w, ly_narg(e, 2));
}

static LyExpr b_map(LyVM *vm, LyExpr e);
static LyExpr b_map(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return operator_call(vm, e, b_map, false);
    size_t n = ly_nlen(e);
    if (n == 1) return NULL;                               /* operator form */
    if (n == 2 && (ly_is_packed(ly_narg(e, 2)) || ly_head_is(ly_narg(e, 2), LY_SYM(List))))
        return map_list(vm, ly_narg(e, 1), ly_narg(e, 2));
    return walk_call(vm, e, OP_MAP, 2, 1, 1);
}

static LyExpr b_mapindexed(LyVM *vm, LyExpr e);
static LyExpr b_mapindexed(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return operator_call(vm, e, b_mapindexed, false);
    if (ly_nlen(e) == 1) return NULL;
    return walk_call(vm, e, OP_INDEXED, 2, 1, 1);
}

static LyExpr b_apply(LyVM *vm, LyExpr e);
static LyExpr b_apply(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return operator_call(vm, e, b_apply, false);
    size_t n = ly_nlen(e);
    if (n == 1) return NULL;
    if (n == 2) {
        /* level 0: the head replaced; the evaluator evaluates the call */
        Walk w = { OP_APPLY, ly_narg(e, 1), { 0, 0 }, NULL, 0, 0 };
        LyExpr x = ly_narg(e, 2);
        if (ly_is_packed(x)) {
            LyExpr u = ly_unpack(vm, x);
            return u ? act(vm, &w, u) : NULL;
        }
        ly_ref(x);
        return act(vm, &w, x);
    }
    return walk_call(vm, e, OP_APPLY, 2, 0, 0);
}

static LyExpr b_scan(LyVM *vm, LyExpr e);
static LyExpr b_scan(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return operator_call(vm, e, b_scan, false);
    if (ly_nlen(e) == 1) return NULL;
    LyExpr r = walk_call(vm, e, OP_SCAN, 2, 1, 1);
    if (r) { ly_unref(vm, r); return LY_SYM(Null); }
    if (ly_exit_kind(vm) == LY_EXIT_RETURN) {       /* Return exits Scan with its value */
        LyExpr v;
        ly_exit_take(vm, &v, NULL);
        return v ? v : LY_SYM(Null);
    }
    return NULL;
}

/* ---- Nest and friends ----------------------------------------------------------------------- */

static bool count_arg(LyVM *vm, LyExpr e, size_t pos, size_t *out) {
    int64_t v;
    if (ly_get_int64(ly_narg(e, pos), &v) && v >= 0) { *out = (size_t)v; return true; }
    ly_message(vm, ly_nhead(e), "intnn", 2, e, lys_int(pos));
    return false;
}

static LyExpr nest(LyVM *vm, LyExpr e, bool list) {
    if (ly_nlen(e) != 3) return lys_argcount(vm, e, 3, 3);
    size_t n;
    if (!count_arg(vm, e, 3, &n)) return NULL;
    LyExpr f = ly_narg(e, 1), cur = ly_narg(e, 2), out = NULL;
    ly_ref(cur);
    if (list) {
        out = ly_mknormal(vm, LY_SYM(List), n + 1);
        if (!out) { ly_unref(vm, cur); return NULL; }
        ly_ref(cur);
        ly_nset(out, 1, cur);
    }
    for (size_t k = 0; k < n; k++) {
        LyExpr nx = ly_safe_point(vm) ? lys_call1(vm, f, cur) : NULL;
        ly_unref(vm, cur);
        cur = nx;
        if (!cur) {
            if (out) {
                for (size_t j = k + 2; j <= n + 1; j++) ly_nset(out, j, LY_SYM(Null));
                ly_unref(vm, out);
            }
            return NULL;
        }
        if (out) { ly_ref(cur); ly_nset(out, k + 2, cur); }
    }
    if (!out) return cur;
    ly_unref(vm, cur);
    return lys_pack_list(vm, out);
}

static LyExpr b_nest(LyVM *vm, LyExpr e) { return nest(vm, e, false); }
static LyExpr b_nestlist(LyVM *vm, LyExpr e) { return nest(vm, e, true); }

/* A growable vector of values (new references). */
typedef struct Vec { LyExpr *v; size_t n, cap; } Vec;

static bool vec_push(LyVM *vm, Vec *a, LyExpr x) {
    if (a->n == a->cap) {
        size_t nc = a->cap ? 2 * a->cap : 16;
        LyExpr *nv = ly_realloc(vm, a->v, a->cap * sizeof(LyExpr), nc * sizeof(LyExpr));
        if (!nv) { ly_unref(vm, x); ly_raise_nomem(vm); return false; }
        a->v = nv;
        a->cap = nc;
    }
    a->v[a->n++] = x;
    return true;
}

static void vec_free(LyVM *vm, Vec *a) {
    for (size_t i = 0; i < a->n; i++) ly_unref(vm, a->v[i]);
    if (a->v) ly_dealloc(vm, a->v, a->cap * sizeof(LyExpr));
    a->v = NULL;
    a->n = a->cap = 0;
}

/* Drops the oldest values so that at most keep remain (first `base` kept
 * aside: the start of the list when listing). */
static void vec_window(LyVM *vm, Vec *a, size_t keep) {
    if (a->n <= keep) return;
    size_t drop = a->n - keep;
    for (size_t i = 0; i < drop; i++) ly_unref(vm, a->v[i]);
    memmove(a->v, a->v + drop, keep * sizeof(LyExpr));
    a->n = keep;
}

static LyExpr vec_list(LyVM *vm, Vec *a, size_t n) {
    LyExpr out = ly_list(vm, n, a->v);
    return out ? lys_pack_list(vm, out) : NULL;
}

/* NestWhile[f, expr, test, m, max, n] and NestWhileList. */
static LyExpr nest_while(LyVM *vm, LyExpr e, bool list) {
    size_t nargs = ly_nlen(e);
    if (nargs < 3 || nargs > 6) return lys_argcount(vm, e, 3, 6);
    LyExpr f = ly_narg(e, 1), test = ly_narg(e, 3);
    size_t m = 1, mmin = 1, max = SIZE_MAX;
    int64_t extra = 0;
    bool all = false;
    if (nargs >= 4) {
        LyExpr ms = ly_narg(e, 4);
        int64_t v;
        if (ms == LY_SYM(All)) { all = true; m = SIZE_MAX; }
        else if (ly_get_int64(ms, &v) && v >= 1) m = mmin = (size_t)v;
        else if (ly_head_is(ms, LY_SYM(List)) && ly_nlen(ms) == 2 && ly_get_int64(ly_narg(ms, 1), &v) && v >= 1) {
            mmin = (size_t)v;
            int64_t w;
            if (ly_get_int64(ly_narg(ms, 2), &w) && w >= v) m = (size_t)w;
            else if (ly_narg(ms, 2) == LY_SYM(Infinity) || ly_head_is(ly_narg(ms, 2), LY_SYM(DirectedInfinity))) { all = true; m = SIZE_MAX; }
            else return NULL;
        } else return NULL;
    }
    if (nargs >= 5) {
        LyExpr mx = ly_narg(e, 5);
        int64_t v;
        if (ly_get_int64(mx, &v) && v >= 0) max = (size_t)v;
        else if (!(mx == LY_SYM(Infinity) || ly_head_is(mx, LY_SYM(DirectedInfinity)))) return NULL;
    }
    if (nargs == 6 && !ly_get_int64(ly_narg(e, 6), &extra)) return NULL;
    /* history: everything when listing or when test sees all; else a window */
    bool keep_all = list || all;
    size_t window = m == SIZE_MAX ? SIZE_MAX : m;
    if (extra < 0 && (size_t)(-extra) + 1 > window) window = (size_t)(-extra) + 1;
    Vec h = { 0 };
    LyExpr x = ly_narg(e, 2);
    ly_ref(x);
    if (!vec_push(vm, &h, x)) return NULL;
    size_t applied = 0;
    for (;;) {
        if (!ly_safe_point(vm)) goto fail;
        if (applied >= max) break;
        if (h.n >= mmin) {
            size_t k = h.n < m ? h.n : m;
            bool ok;
            bool go = call_true(vm, test, k, h.v + h.n - k, &ok);
            if (!ok) goto fail;
            if (!go) break;
        }
        LyExpr nx = lys_call1(vm, f, h.v[h.n - 1]);
        if (!nx || !vec_push(vm, &h, nx)) goto fail;
        applied++;
        if (!keep_all) vec_window(vm, &h, window);
    }
    for (int64_t k = 0; k < extra; k++) {
        LyExpr nx = ly_safe_point(vm) ? lys_call1(vm, f, h.v[h.n - 1]) : NULL;
        if (!nx || !vec_push(vm, &h, nx)) goto fail;
    }
    size_t drop = extra < 0 ? (size_t)(-extra) : 0;
    if (drop >= h.n) drop = h.n - 1;
    LyExpr r;
    if (list) {
        r = vec_list(vm, &h, h.n - drop);
    } else {
        r = h.v[h.n - 1 - drop];
        ly_ref(r);
    }
    vec_free(vm, &h);
    return r;
fail:
    vec_free(vm, &h);
    return NULL;
}

static LyExpr b_nestwhile(LyVM *vm, LyExpr e) { return nest_while(vm, e, false); }
static LyExpr b_nestwhilelist(LyVM *vm, LyExpr e) { return nest_while(vm, e, true); }

/* FixedPoint[f, expr, n, SameTest -> s] and FixedPointList. */
static LyExpr fixed_point(LyVM *vm, LyExpr e, bool list) {
    size_t nargs = ly_nlen(e);
    LyExpr same = NULL;
    LyExpr sametest = lys_sym(vm, "SameTest");
    while (nargs > 2 && (ly_head_is(ly_narg(e, nargs), LY_SYM(Rule)) ||
                         ly_head_is(ly_narg(e, nargs), LY_SYM(RuleDelayed)))) {
        LyExpr opt = ly_narg(e, nargs);
        if (ly_nlen(opt) == 2 && ly_narg(opt, 1) == sametest) {
            same = ly_narg(opt, 2);
        } else {
            ly_message(vm, ly_nhead(e), "optx", 2, opt, e);
            return NULL;
        }
        nargs--;
    }
    if (same == LY_SYM(Automatic)) same = NULL;
    if (nargs < 2 || nargs > 3) return lys_argcount(vm, e, 2, 3);
    size_t max = SIZE_MAX;
    if (nargs == 3) {
        LyExpr mx = ly_narg(e, 3);
        int64_t v;
        if (ly_get_int64(mx, &v) && v >= 0) max = (size_t)v;
        else if (!(mx == LY_SYM(Infinity) || ly_head_is(mx, LY_SYM(DirectedInfinity)))) {
            ly_message(vm, ly_nhead(e), "intnn", 2, e, lys_int(3));
            return NULL;
        }
    }
    LyExpr f = ly_narg(e, 1);
    Vec h = { 0 };
    LyExpr cur = ly_narg(e, 2);
    ly_ref(cur);
    if (list) { ly_ref(cur); if (!vec_push(vm, &h, cur)) { ly_unref(vm, cur); return NULL; } }
    for (size_t k = 0; k < max; k++) {
        LyExpr nx = ly_safe_point(vm) ? lys_call1(vm, f, cur) : NULL;
        if (!nx) goto fail;
        if (list) { ly_ref(nx); if (!vec_push(vm, &h, nx)) { ly_unref(vm, nx); goto fail; } }
        bool stop;
        if (same) {
            LyExpr pair[2] = { cur, nx };
            bool ok;
            stop = call_true(vm, same, 2, pair, &ok);
            if (!ok) { ly_unref(vm, nx); goto fail; }
        } else {
            stop = ly_equal(cur, nx);
        }
        ly_unref(vm, cur);
        cur = nx;
        if (stop) break;
    }
    if (!list) return cur;
    ly_unref(vm, cur);
    LyExpr r = vec_list(vm, &h, h.n);
    vec_free(vm, &h);
    return r;
fail:
    ly_unref(vm, cur);
    vec_free(vm, &h);
    return NULL;
}

static LyExpr b_fixedpoint(LyVM *vm, LyExpr e) { return fixed_point(vm, e, false); }
static LyExpr b_fixedpointlist(LyVM *vm, LyExpr e) { return fixed_point(vm, e, true); }

/* ---- Fold, FoldList -------------------------------------------------------------------------- */

static LyExpr fold(LyVM *vm, LyExpr e, bool list, LyCFunction self) {
    if (!ly_is_sym(ly_nhead(e))) return operator_call(vm, e, self, false);
    size_t nargs = ly_nlen(e);
    if (nargs == 1) return NULL;                              /* operator form */
    if (nargs > 3) return lys_argcount(vm, e, 2, 3);
    LyExpr f = ly_narg(e, 1), src = ly_narg(e, nargs);
    if (ly_is_sym(src) || ly_is_number(src) || ly_is_string(src) || !ly_is_obj(src) ||
        ly_type(src) == LY_TFOREIGN) {
        ly_message(vm, ly_nhead(e), "normal", 2, lys_int(nargs), e);
        return NULL;
    }
    size_t len = ly_length(src), from = 1;
    LyExpr cur;
    if (nargs == 3) {
        cur = ly_narg(e, 2);
        ly_ref(cur);
    } else {
        if (len == 0) {
            /* Fold[f, {}] stays unevaluated; FoldList[f, {}] is {} */
            return list ? ly_mknormal(vm, LY_SYM(List), 0) : NULL;
        }
        cur = ly_part(vm, src, 1);
        if (!cur) return NULL;
        from = 2;
    }
    Vec h = { 0 };
    if (list) { ly_ref(cur); if (!vec_push(vm, &h, cur)) { ly_unref(vm, cur); return NULL; } }
    for (size_t i = from; i <= len; i++) {
        LyExpr x = ly_safe_point(vm) ? ly_part(vm, src, i) : NULL;
        LyExpr pair[2] = { cur, x };
        LyExpr nx = x ? lys_call(vm, f, 2, pair) : NULL;
        ly_unref(vm, x);
        ly_unref(vm, cur);
        cur = nx;
        if (!cur) { vec_free(vm, &h); return NULL; }
        if (list) { ly_ref(cur); if (!vec_push(vm, &h, cur)) { ly_unref(vm, cur); vec_free(vm, &h); return NULL; } }
    }
    if (!list) return cur;
    ly_unref(vm, cur);
    LyExpr r = vec_list(vm, &h, h.n);
    vec_free(vm, &h);
    return r;
}

static LyExpr b_fold(LyVM *vm, LyExpr e);
static LyExpr b_fold(LyVM *vm, LyExpr e) { return fold(vm, e, false, b_fold); }
static LyExpr b_foldlist(LyVM *vm, LyExpr e);
static LyExpr b_foldlist(LyVM *vm, LyExpr e) { return fold(vm, e, true, b_foldlist); }

/* ---- Select ----------------------------------------------------------------------------------- */

static LyExpr b_select(LyVM *vm, LyExpr e);
static LyExpr b_select(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return operator_call(vm, e, b_select, true);
    size_t nargs = ly_nlen(e);
    if (nargs == 1) return NULL;                              /* operator form */
    if (nargs > 3 || nargs == 0) return lys_argcount(vm, e, 1, 3);
    LyExpr src = ly_narg(e, 1), crit = ly_narg(e, 2);
    size_t limit = SIZE_MAX;
    if (nargs == 3) {
        int64_t v;
        if (ly_get_int64(ly_narg(e, 3), &v) && v >= 0) limit = (size_t)v;
        else if (!(ly_narg(e, 3) == LY_SYM(Infinity) || ly_head_is(ly_narg(e, 3), LY_SYM(DirectedInfinity)))) {
            ly_message(vm, lys_sym(vm, "Select"), "innf", 2, e, lys_int(3));
            return NULL;
        }
    }
    bool assoc = ly_type(src) == LY_TASSOC;
    if (!assoc && !ly_is_normal(src) && !ly_is_packed(src)) {
        ly_message(vm, lys_sym(vm, "Select"), "normal", 2, lys_int(1), e);
        return NULL;
    }
    size_t len = assoc ? ly_assoc(src)->len : ly_length(src);
    Vec keep = { 0 };
    for (size_t i = 1; i <= len && keep.n < limit; i++) {
        if (!ly_safe_point(vm)) { vec_free(vm, &keep); return NULL; }
        LyExpr x = assoc ? (ly_ref(ly_narg(ly_assoc(src)->rules[i - 1], 2)), ly_narg(ly_assoc(src)->rules[i - 1], 2))
                         : ly_part(vm, src, i);
        if (!x) { vec_free(vm, &keep); return NULL; }
        bool ok;
        bool t = call_true(vm, crit, 1, &x, &ok);
        ly_unref(vm, x);
        if (!ok) { vec_free(vm, &keep); return NULL; }
        if (t) {
            LyExpr item = assoc ? ly_assoc(src)->rules[i - 1] : ly_part(vm, src, i);
            if (assoc) ly_ref(item);
            if (!item || !vec_push(vm, &keep, item)) { vec_free(vm, &keep); return NULL; }
        }
    }
    LyExpr r;
    if (assoc) r = ly_mkassoc(vm, keep.n, keep.v);
    else if (ly_is_packed(src)) r = vec_list(vm, &keep, keep.n);
    else r = ly_apply(vm, ly_nhead(src), keep.n, keep.v);
    vec_free(vm, &keep);
    return r;
}

/* ---- Composition, Identity, Through ------------------------------------------------------------- */

/* Composition[f, g, h][x] = f[g[h[x]]]; RightComposition the other way. */
static LyExpr compose_apply(LyVM *vm, LyExpr e, bool right) {
    LyExpr c = ly_nhead(e);
    size_t k = ly_nlen(c);
    if (k == 0) return NULL;
    size_t first = right ? 1 : k;
    LyExpr cur = ly_apply(vm, ly_narg(c, first), ly_nlen(e), ly_nargs(e));
    for (size_t j = 1; cur && j < k; j++) {
        LyExpr f = ly_narg(c, right ? 1 + j : k - j);
        cur = ly_mk(vm, (ly_ref(f), f), 1, cur);
    }
    return cur;
}

static LyExpr composition(LyVM *vm, LyExpr e, bool right) {
    if (!ly_is_sym(ly_nhead(e))) return compose_apply(vm, e, right);
    size_t n = ly_nlen(e), keep = 0;
    if (n == 0) return LY_SYM(Identity);
    for (size_t i = 1; i <= n; i++) keep += ly_narg(e, i) != LY_SYM(Identity);
    if (keep == 0) return LY_SYM(Identity);
    if (keep == 1) {
        for (size_t i = 1; i <= n; i++)
            if (ly_narg(e, i) != LY_SYM(Identity)) { ly_ref(ly_narg(e, i)); return ly_narg(e, i); }
    }
    if (keep == n) return NULL;
    LyExpr r = ly_mknormal(vm, (ly_ref(ly_nhead(e)), ly_nhead(e)), keep);
    if (!r) return NULL;
    size_t k = 0;
    for (size_t i = 1; i <= n; i++)
        if (ly_narg(e, i) != LY_SYM(Identity)) { ly_ref(ly_narg(e, i)); ly_nset(r, ++k, ly_narg(e, i)); }
    return r;
}

static LyExpr b_composition(LyVM *vm, LyExpr e) { return composition(vm, e, false); }
static LyExpr b_rightcomposition(LyVM *vm, LyExpr e) { return composition(vm, e, true); }

static LyExpr b_identity(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return NULL;
    if (ly_nlen(e) != 1) return NULL;
    ly_ref(ly_narg(e, 1));
    return ly_narg(e, 1);
}

/* Through[p[f, g][x]] = p[f[x], g[x]]; Through[expr, h] only when p is h. */
static LyExpr b_through(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 1 || n > 2) return lys_argcount(vm, e, 1, 2);
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_normal(x) || !ly_is_normal(ly_nhead(x))) { ly_ref(x); return x; }
    LyExpr p = ly_nhead(x);
    if (n == 2 && ly_nhead(p) != ly_narg(e, 2)) { ly_ref(x); return x; }
    LyExpr r = ly_mknormal(vm, (ly_ref(ly_nhead(p)), ly_nhead(p)), ly_nlen(p));
    if (!r) return NULL;
    for (size_t i = 1; i <= ly_nlen(p); i++) {
        LyExpr c = ly_apply(vm, ly_narg(p, i), ly_nlen(x), ly_nargs(x));
        if (!c) {
            for (size_t j = i; j <= ly_nlen(p); j++) ly_nset(r, j, LY_SYM(Null));
            ly_unref(vm, r);
            return NULL;
        }
        ly_nset(r, i, c);
    }
    return r;
}

/* ---- table ------------------------------------------------------------------------------------- */

static const LyBuiltin functional_builtins[] = {
    { "Map", b_map, "Protected OperatorForm",
      "Map[f, expr] or f /@ expr applies f to each element on the first level in expr." },
    { "MapIndexed", b_mapindexed, "Protected OperatorForm",
      "MapIndexed[f, expr] applies f to the elements of expr, giving the part specification of each element as a second argument to f." },
    { "Apply", b_apply, "Protected OperatorForm",
      "Apply[f, expr] or f @@ expr replaces the head of expr by f." },
    { "Scan", b_scan, "Protected OperatorForm", "Scan[f, expr] evaluates f applied to each element of expr in turn." },
    { "Nest", b_nest, "Protected", "Nest[f, expr, n] gives an expression with f applied n times to expr." },
    { "NestList", b_nestlist, "Protected",
      "NestList[f, expr, n] gives a list of the results of applying f to expr 0 through n times." },
    { "NestWhile", b_nestwhile, "Protected",
      "NestWhile[f, expr, test] starts with expr, then repeatedly applies f until applying test to the result no longer yields True." },
    { "NestWhileList", b_nestwhilelist, "Protected",
      "NestWhileList[f, expr, test] generates a list of the results of applying f repeatedly, starting with expr, and continuing until applying test to the result no longer yields True." },
    { "FixedPoint", b_fixedpoint, "Protected",
      "FixedPoint[f, expr] starts with expr, then applies f repeatedly until the result no longer changes." },
    { "FixedPointList", b_fixedpointlist, "Protected",
      "FixedPointList[f, expr] generates a list giving the results of applying f repeatedly, starting with expr, until the results no longer change." },
    { "Fold", b_fold, "Protected OperatorForm",
      "Fold[f, x, list] gives the last element of FoldList[f, x, list]." },
    { "FoldList", b_foldlist, "Protected OperatorForm",
      "FoldList[f, x, {a, b, ...}] gives {x, f[x, a], f[f[x, a], b], ...}." },
    { "Select", b_select, "Protected OperatorForm",
      "Select[list, crit] picks out all elements ei of list for which crit[ei] is True." },
    { "Composition", b_composition, "Flat OneIdentity OperatorForm Protected",
      "Composition[f1, f2, f3, ...] represents a composition of the functions f1, f2, f3, ...." },
    { "RightComposition", b_rightcomposition, "Flat OneIdentity OperatorForm Protected",
      "RightComposition[f1, f2, f3, ...] represents a composition on the right of the functions f1, f2, f3, ...." },
    { "Identity", b_identity, "Protected", "Identity[expr] gives expr (the identity operation)." },
    { "Through", b_through, "Protected",
      "Through[p[f1, f2][x]] gives p[f1[x], f2[x]]." },
    { "Function", NULL, "HoldAll Protected",
      "body & or Function[body] is a pure (or \"anonymous\") function. The formal parameters are # (or #1), #2, etc." },
    { "Slot", NULL, "NHoldAll Protected",
      "# represents the first argument supplied to a pure function." },
    { "SlotSequence", NULL, "NHoldAll Protected",
      "## represents the sequence of arguments supplied to a pure function." },
    { "SameTest", NULL, "Protected",
      "SameTest is an option for functions like FixedPoint that gives a function to use to test whether two expressions should be considered the same." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_functional(LyVM *vm);
LyStatus lys_open_functional(LyVM *vm) {
    ly_set_message(vm, "Function", "slotn", "Slot number `1` in `2` cannot be filled from `3`.");
    ly_set_message(vm, "Function", "slota", "Slot `1` in `2` cannot be filled from `3`.");
    ly_set_message(vm, "Function", "fpct", "Too many parameters in `1` to be filled from `2`.");
    ly_set_message(vm, "Function", "flpar",
                   "Parameter specification `1` in `2` should be a symbol or a list of symbols.");
    ly_set_message(vm, "General", "level", "Level specification `1` is not of the form n, {n}, or {m, n}.");
    ly_set_message(vm, "General", "normal", "Nonatomic expression expected at position `1` in `2`.");
    ly_set_message(vm, "Select", "innf",
                   "Non-negative integer or Infinity expected at position `2` in `1`.");
    return ly_register_table(vm, functional_builtins);
}
