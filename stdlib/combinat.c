/*
 * combinat.c — combinatorial constructions: Subsets, Permutations, Tuples,
 * Outer, Inner.  Written against lyra.h + lyra_ext.h.
 *
 * Results are built directly (no intermediate evaluation) in Wolfram's
 * orders: Subsets by size, then lexicographically by position;
 * Permutations lexicographically by position with repeated elements
 * giving distinct permutations only; Tuples like nested loops.  The size
 * of a result is known before it is built: one that cannot fit ends at once
 * with General::nomem (lys_room) instead of filling memory first.
 */
#include <math.h>
#include <string.h>
#include "lys_data.h"
#include "lys_ctl.h"

/* head[items[idx[0..k)]] */
static LyExpr pick_items(LyVM *vm, LyExpr head, const LyExpr *items, const size_t *idx, size_t k) {
    LyExpr sub = ly_mknormal(vm, (ly_ref(head), head), k);
    if (!sub) return NULL;
    for (size_t i = 0; i < k; i++) { ly_ref(items[idx[i]]); ly_nset(sub, i + 1, items[idx[i]]); }
    return head == LY_SYM(List) ? lys_pack_steal(vm, sub) : sub;
}

typedef struct Out { LyExpr *v; size_t n, cap; } Out;

static bool out_push(LyVM *vm, Out *o, LyExpr x) {
    if (!x) return false;
    if (o->n == o->cap) {
        size_t nc = o->cap ? 2 * o->cap : 16;
        LyExpr *nv = ly_realloc(vm, o->v, o->cap * sizeof(LyExpr), nc * sizeof(LyExpr));
        if (!nv) { ly_unref(vm, x); ly_raise_nomem(vm); return false; }
        o->v = nv; o->cap = nc;
    }
    o->v[o->n++] = x;
    return true;
}

static LyExpr out_list(LyVM *vm, Out *o, bool ok) {
    LyExpr r = ok ? ly_list(vm, o->n, o->v) : NULL;
    for (size_t i = 0; i < o->n; i++) ly_unref(vm, o->v[i]);
    if (o->v) ly_dealloc(vm, o->v, o->cap * sizeof(LyExpr));
    return r ? lys_pack_steal(vm, r) : NULL;
}

/* ---- Subsets ----------------------------------------------------------------------------------- */

/* sizes lo..hi, optionally only the subsets numbered in [from, to] (1-based) */
static LyExpr b_subsets(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!lys_is_list(x) && !ly_is_normal(x)) return NULL;
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    size_t n = ly_nlen(u);
    int64_t lo = 0, hi = (int64_t)n;
    if (ly_nlen(e) >= 2) {
        LyExpr s = ly_narg(e, 2);
        if (ly_is_small(s)) { lo = 0; hi = ly_small(s); }
        else if (s == LY_SYM(All)) { lo = 0; hi = (int64_t)n; }
        else if (ly_head_is(s, LY_SYM(List)) && ly_nlen(s) >= 1 && ly_nlen(s) <= 2 && ly_is_small(ly_narg(s, 1)) &&
                 (ly_nlen(s) == 1 || ly_is_small(ly_narg(s, 2)))) {
            lo = ly_small(ly_narg(s, 1));
            hi = ly_nlen(s) == 2 ? ly_small(ly_narg(s, 2)) : lo;
        } else { ly_unref(vm, u); return NULL; }
    }
    int64_t from = 1, to = INT64_MAX;
    if (ly_nlen(e) == 3) {
        LyExpr s = ly_narg(e, 3);
        if (ly_is_small(s)) { from = 1; to = ly_small(s); }
        else if (ly_head_is(s, LY_SYM(List)) && ly_nlen(s) >= 1 && ly_is_small(ly_narg(s, 1))) {
            from = ly_small(ly_narg(s, 1));
            to = ly_nlen(s) >= 2 && ly_is_small(ly_narg(s, 2)) ? ly_small(ly_narg(s, 2)) : from;
        } else { ly_unref(vm, u); return NULL; }
    }
    if (hi > (int64_t)n) hi = (int64_t)n;
    if (lo < 0) lo = 0;
    /* the size of the result: subsets of sizes lo..hi, at most to - from + 1 */
    double nsub = 0, each = 0, c = 1;
    for (int64_t k = 0; k <= hi; k++) {
        if (k) c = c * (double)(n - (size_t)k + 1) / (double)k;
        if (k >= lo) { nsub += c; each = LYS_NORMAL_BYTES(k) + 8; }
    }
    if (to < INT64_MAX && (double)to - (double)from + 1 < nsub) nsub = (double)to - (double)from + 1;
    if (!lys_room(vm, nsub, each)) { ly_unref(vm, u); return NULL; }
    Out o = { 0 };
    bool ok = true;
    int64_t count = 0;
    LY_SCRATCH(size_t, idx, vm, n + 1);
    if (!idx) { ly_unref(vm, u); return NULL; }
    for (int64_t k = lo; k <= hi && ok && count < to; k++) {
        for (size_t i = 0; i < (size_t)k; i++) idx[i] = i;
        for (;;) {
            count++;
            if (count >= from && count <= to) {
                ok = out_push(vm, &o, pick_items(vm, ly_nhead(u), ly_nargs(u), idx, (size_t)k));
                if (!ok) break;
            }
            if (count >= to) break;
            /* next combination */
            int64_t i = k - 1;
            while (i >= 0 && idx[i] == n - (size_t)k + (size_t)i) i--;
            if (i < 0) break;
            idx[i]++;
            for (int64_t j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
            if ((count & 0xFFFF) == 0 && !ly_safe_point(vm)) { ok = false; break; }
        }
    }
    ly_unref(vm, u);
    return out_list(vm, &o, ok);
}

/* ---- Permutations ------------------------------------------------------------------------------- */

static LyExpr b_permutations(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!lys_is_list(x) && !ly_is_normal(x)) return NULL;
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    size_t n = ly_nlen(u);
    int64_t lo = (int64_t)n, hi = (int64_t)n;
    if (ly_nlen(e) == 2) {
        LyExpr s = ly_narg(e, 2);
        if (ly_is_small(s)) { lo = 0; hi = ly_small(s); }
        else if (s == LY_SYM(All)) { lo = 0; hi = (int64_t)n; }
        else if (ly_head_is(s, LY_SYM(List)) && ly_nlen(s) >= 1 && ly_nlen(s) <= 2 && ly_is_small(ly_narg(s, 1)) &&
                 (ly_nlen(s) == 1 || ly_is_small(ly_narg(s, 2)))) {
            lo = ly_small(ly_narg(s, 1));
            hi = ly_nlen(s) == 2 ? ly_small(ly_narg(s, 2)) : lo;
        } else { ly_unref(vm, u); return NULL; }
    }
    if (hi > (int64_t)n) hi = (int64_t)n;
    if (lo < 0) lo = 0;
    /* classes of equal elements (found through a hash index), counts per class */
    size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    LY_SCRATCH(size_t, cnt, vm, n + 1);
    LY_SCRATCH(size_t, rep, vm, n + 1);
    LY_SCRATCH(size_t, pick, vm, n + 1);
    LY_SCRATCH(size_t, idx, vm, n + 1);
    LY_SCRATCH(size_t, tab, vm, cap);
    if (!cnt || !rep || !pick || !idx || !tab) { ly_unref(vm, u); return NULL; }
    memset(tab, 0, cap * sizeof *tab);
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
        LyExpr a = ly_narg(u, i + 1);
        size_t s = (size_t)ly_hash(a) & (cap - 1);
        while (tab[s] && !ly_equal(ly_narg(u, rep[tab[s] - 1] + 1), a)) s = (s + 1) & (cap - 1);
        if (!tab[s]) { rep[nc] = i; cnt[nc] = 0; tab[s] = ++nc; }
        cnt[tab[s] - 1]++;
    }
    /* the size of the result: exact when the elements are distinct, or for
     * full-length permutations of a multiset (n!/prod(cnt!)) */
    double nperm = 0, each = 0;
    if (nc == n) {
        double c = 1;
        for (int64_t k = 0; k <= hi; k++) {
            if (k) c *= (double)(n - (size_t)k + 1);
            if (k >= lo) { nperm += c; each = LYS_NORMAL_BYTES(k) + 8; }
        }
    } else if (lo == (int64_t)n && hi == (int64_t)n) {
        double l = lgamma((double)n + 1);
        for (size_t j = 0; j < nc; j++) l -= lgamma((double)cnt[j] + 1);
        nperm = exp(l);
        each = LYS_NORMAL_BYTES(n) + 8;
    }
    if (!lys_room(vm, nperm, each)) { ly_unref(vm, u); return NULL; }
    Out o = { 0 };
    bool ok = true;
    for (int64_t k = lo; k <= hi && ok; k++) {
        /* depth-first over classes in order of first appearance */
        size_t depth = 0;
        LY_SCRATCH(size_t, left, vm, n + 1);
        if (!left) { ok = false; break; }
        memcpy(left, cnt, nc * sizeof(size_t));
        pick[0] = 0;
        for (;;) {
            if (depth == (size_t)k) {
                for (size_t i = 0; i < depth; i++) idx[i] = rep[pick[i]];
                if (!(ok = out_push(vm, &o, pick_items(vm, ly_nhead(u), ly_nargs(u), idx, depth)))) break;
                if (depth == 0) break;
                depth--;
                left[pick[depth]]++;
                pick[depth]++;
            }
            while (pick[depth] < nc && left[pick[depth]] == 0) pick[depth]++;
            if (pick[depth] == nc) {
                if (depth == 0) break;
                depth--;
                left[pick[depth]]++;
                pick[depth]++;
                continue;
            }
            left[pick[depth]]--;
            depth++;
            pick[depth] = 0;
            if ((o.n & 0xFFFF) == 0xFFFF && !ly_safe_point(vm)) { ok = false; break; }
        }
    }
    ly_unref(vm, u);
    return out_list(vm, &o, ok);
}

/* ---- Tuples ------------------------------------------------------------------------------------- */

static LyExpr b_tuples(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    size_t k;
    LyExpr lists[64], head = LY_SYM(List);
    size_t nl = 0;
    LyExpr u = NULL;
    if (ly_nlen(e) == 2) {
        LyExpr s = ly_narg(e, 2);
        if (!ly_is_small(s) || ly_small(s) < 0 || ly_small(s) > 64) return NULL;
        if (!lys_is_list(x) && !ly_is_normal(x)) return NULL;
        k = (size_t)ly_small(s);
        u = lys_unpacked(vm, x);
        if (!u) return NULL;
        head = ly_nhead(u);
        for (size_t i = 0; i < k; i++) lists[nl++] = u;
    } else {
        if (!lys_is_list(x)) return NULL;
        u = lys_unpacked(vm, x);
        if (!u) return NULL;
        if (ly_nlen(u) > 64) { ly_unref(vm, u); return NULL; }
        for (size_t i = 1; i <= ly_nlen(u); i++) {
            if (!ly_is_normal(ly_narg(u, i))) { ly_unref(vm, u); return NULL; }
            lists[nl++] = ly_narg(u, i);
        }
        k = nl;
        if (nl) head = ly_nhead(lists[0]);
    }
    size_t total = 1;
    double dtotal = 1;
    for (size_t i = 0; i < k; i++) {
        size_t l = ly_nlen(lists[i]);
        dtotal *= (double)l;
        total = dtotal < 1e18 ? total * l : 0;
    }
    if (!lys_room(vm, dtotal, LYS_NORMAL_BYTES(k) + 8)) { ly_unref(vm, u); return NULL; }
    LyExpr out = ly_mknormal(vm, LY_SYM(List), total);
    LY_SCRATCH(size_t, ctr, vm, k + 1);
    if (!ctr) { ly_unref(vm, out); ly_unref(vm, u); return NULL; }
    memset(ctr, 0, (k + 1) * sizeof *ctr);
    for (size_t t = 0; out && t < total; t++) {
        LyExpr tup = ly_mknormal(vm, (ly_ref(head), head), k);
        if (!tup) { lys_abandon(vm, out, t + 1); out = NULL; break; }
        for (size_t i = 0; i < k; i++) { LyExpr a = ly_narg(lists[i], ctr[i] + 1); ly_ref(a); ly_nset(tup, i + 1, a); }
        ly_nset(out, t + 1, head == LY_SYM(List) ? lys_pack_steal(vm, tup) : tup);
        for (size_t i = k; i-- > 0;) { if (++ctr[i] < ly_nlen(lists[i])) break; ctr[i] = 0; }
    }
    ly_unref(vm, u);
    return out ? lys_pack_steal(vm, out) : NULL;
}

/* ---- Outer, Inner ---------------------------------------------------------------------------------- */

static LyExpr outer_rec(LyVM *vm, LyExpr f, LyExpr *lists, size_t nl, size_t i, LyExpr *args) {
    if (i == nl) return lys_call(vm, f, nl, args);
    LyExpr x = lists[i];
    if (!lys_is_list(x)) { args[i] = x; return outer_rec(vm, f, lists, nl, i + 1, args); }
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    LyExpr out = ly_mknormal(vm, LY_SYM(List), ly_nlen(u));
    for (size_t j = 1; out && j <= ly_nlen(u); j++) {
        LyExpr el = ly_narg(u, j);
        LyExpr v;
        if (lys_is_list(el)) {
            /* deeper levels of the same list */
            LyExpr save = lists[i];
            lists[i] = el;
            v = outer_rec(vm, f, lists, nl, i, args);
            lists[i] = save;
        } else {
            args[i] = el;
            v = outer_rec(vm, f, lists, nl, i + 1, args);
        }
        if (!v) { lys_abandon(vm, out, j); out = NULL; break; }
        ly_nset(out, j, v);
    }
    ly_unref(vm, u);
    return out ? lys_pack_steal(vm, out) : NULL;
}

static LyExpr b_outer(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, SIZE_MAX)) return NULL;
    size_t nl = ly_nlen(e) - 1;
    if (nl > 64) return NULL;
    LyExpr lists[64], args[64];
    double leaves = 1;     /* a lower bound on the result's size: the product of the lengths */
    for (size_t i = 0; i < nl; i++) {
        lists[i] = ly_narg(e, i + 2);
        if (!lys_is_list(lists[i])) return NULL;
        leaves *= (double)(ly_is_packed(lists[i]) ? ly_packed(lists[i])->len : ly_nlen(lists[i]));
    }
    if (!lys_room(vm, leaves, 8)) return NULL;
    if (nl == 2 && ly_is_packed(lists[0]) && ly_is_packed(lists[1]) && ly_packed(lists[0])->h.aux == 1 &&
        ly_packed(lists[1])->h.aux == 1 && ly_narg(e, 1) == LY_SYM(Times) &&
        ly_packed(lists[0])->h.flags == LY_PACKED_REAL && ly_packed(lists[1])->h.flags == LY_PACKED_REAL) {
        LyPacked *a = ly_packed(lists[0]), *b = ly_packed(lists[1]);
        size_t dims[2] = { a->len, b->len };
        LyExpr r = ly_mkpacked(vm, LY_PACKED_REAL, 2, dims);
        if (!r) return NULL;
        double *d = ly_packed(r)->data;
        for (size_t i = 0; i < a->len; i++)
            for (size_t j = 0; j < b->len; j++) d[i * b->len + j] = ((double *)a->data)[i] * ((double *)b->data)[j];
        return r;
    }
    return outer_rec(vm, ly_narg(e, 1), lists, nl, 0, args);
}

/* The only element of a one-element list, which it consumes. */
static LyExpr first_of(LyVM *vm, LyExpr l) {
    LyExpr x = ly_narg(l, 1);
    ly_ref(x);
    ly_unref(vm, l);
    return x;
}

/* Inner[f, a, b, g] for vectors and matrices: g over f of rows and columns. */
static LyExpr b_inner(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 3, 4)) return NULL;
    LyExpr f = ly_narg(e, 1), a = ly_narg(e, 2), b = ly_narg(e, 3), g = ly_nlen(e) == 4 ? ly_narg(e, 4) : LY_SYM(Plus);
    if (!lys_is_list(a) || !lys_is_list(b)) return NULL;
    LyExpr ua = lys_unpacked(vm, a), ub = ua ? lys_unpacked(vm, b) : NULL;
    if (!ub) { ly_unref(vm, ua); return NULL; }
    bool amat = ly_nlen(ua) > 0 && lys_is_list(ly_narg(ua, 1));
    bool bmat = ly_nlen(ub) > 0 && lys_is_list(ly_narg(ub, 1));
    size_t m = amat ? ly_nlen(ua) : 1, k = amat ? ly_length(ly_narg(ua, 1)) : ly_nlen(ua);
    size_t n = bmat ? ly_length(ly_narg(ub, 1)) : 1;
    LyExpr r = NULL;
    if (ly_nlen(ub) != k) {
        ly_set_message(vm, "Inner", "incom", "Length `1` of dimension `2` in `3` is incommensurate with length `4` of dimension `5` in `6`.");
        ly_message(vm, ly_nhead(e), "incom", 6, lys_count(k), lys_count(amat ? 2 : 1), a, lys_count(ly_nlen(ub)), ly_mksmall(1), b);
        goto out;
    }
    LyExpr rows = ly_mknormal(vm, LY_SYM(List), m);
    for (size_t i = 1; rows && i <= m; i++) {
        LyExpr row = ly_mknormal(vm, LY_SYM(List), n);
        for (size_t j = 1; row && j <= n; j++) {
            LyExpr terms = ly_mknormal(vm, (ly_ref(g), g), k);
            for (size_t t = 1; terms && t <= k; t++) {
                LyExpr x = amat ? ly_part(vm, ly_narg(ua, i), t) : (ly_ref(ly_narg(ua, t)), ly_narg(ua, t));
                LyExpr y = bmat ? ly_part(vm, ly_narg(ub, t), j) : (ly_ref(ly_narg(ub, t)), ly_narg(ub, t));
                LyExpr p = x && y ? ly_mk(vm, (ly_ref(f), f), 2, x, y) : NULL;
                if (!p) { if (!(x && y)) { ly_unref(vm, x); ly_unref(vm, y); } lys_abandon(vm, terms, t); terms = NULL; break; }
                ly_nset(terms, t, p);
            }
            LyExpr v = terms ? lys_eval_steal(vm, terms) : NULL;
            if (!v) { lys_abandon(vm, row, j); row = NULL; break; }
            ly_nset(row, j, v);
        }
        if (!row) { lys_abandon(vm, rows, i); rows = NULL; break; }
        ly_nset(rows, i, bmat ? lys_pack_steal(vm, row) : first_of(vm, row));
    }
    if (rows) r = amat ? lys_pack_steal(vm, rows) : first_of(vm, rows);
out:
    ly_unref(vm, ua); ly_unref(vm, ub);
    return r;
}

static const LyBuiltin combinat_builtins[] = {
    { "Subsets", b_subsets, "Protected", "Subsets[list] gives a list of all possible subsets of list." },
    { "Permutations", b_permutations, "Protected", "Permutations[list] generates a list of all possible permutations of the elements in list." },
    { "Tuples", b_tuples, "Protected", "Tuples[list, n] generates a list of all possible n-tuples of elements from list." },
    { "Outer", b_outer, "Protected", "Outer[f, list1, list2, ...] gives the generalized outer product of the listi." },
    { "Inner", b_inner, "Protected", "Inner[f, list1, list2, g] is a generalization of Dot in which f plays the role of multiplication and g of addition." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_combinat(LyVM *vm);
LyStatus lys_open_combinat(LyVM *vm) { return ly_register_table(vm, combinat_builtins); }
