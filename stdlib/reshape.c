/*
 * reshape.c — the general forms of Flatten and Partition: Flatten with
 * level lists (Flatten[m, {{2}, {1}}] transposes, ragged arrays included),
 * Partition with overhangs, padding, UpTo and block sizes
 * ({n1, n2, ...}).  lists.c keeps the common fast forms and hands the rest
 * here.  Written against lyra.h + lyra_ext.h.
 */
#include <stdlib.h>
#include <string.h>
#include "lys_data.h"

LyExpr lys_flatten_levels(LyVM *vm, LyExpr e, LyExpr x, LyExpr spec, LyExpr head);
LyExpr lys_partition_general(LyVM *vm, LyExpr e);
void lys_reshape_messages(LyVM *vm);

/* ---- Flatten[list, {{s11, s12, ...}, {s21, ...}, ...}] ------------------------------------ */

#define FL_MAXD 32

typedef struct FLeaf { int64_t key[FL_MAXD]; LyExpr v; } FLeaf;

typedef struct FL {
    LyVM *vm;
    LyExpr head;
    size_t depth;                 /* deepest level named */
    int perm[FL_MAXD];            /* key position k holds the index at level perm[k] */
    size_t gend[FL_MAXD], ng;     /* group g covers key positions [gend[g-1], gend[g]) */
    FLeaf *leaves;
    size_t n, cap;
    size_t reached;               /* levels that could be walked when shallow */
    bool oom, shallow;
} FL;

static bool fl_is_sub(FL *f, LyExpr x) {
    return ly_is_packed(x) ? f->head == LY_SYM(List) : ly_head_is(x, f->head);
}

static void fl_walk(FL *f, LyExpr x, size_t lev, int64_t *idx) {
    if (f->oom || f->shallow) return;
    if (lev == f->depth) {
        if (f->n == f->cap) {
            size_t nc = f->cap ? 2 * f->cap : 64;
            FLeaf *nl = ly_realloc(f->vm, f->leaves, f->cap * sizeof(FLeaf), nc * sizeof(FLeaf));
            if (!nl) { f->oom = true; return; }
            f->leaves = nl;
            f->cap = nc;
        }
        FLeaf *l = &f->leaves[f->n++];
        for (size_t k = 0; k < f->depth; k++) l->key[k] = idx[f->perm[k]];
        ly_ref(x);
        l->v = x;
        return;
    }
    if (!fl_is_sub(f, x)) { f->shallow = true; f->reached = lev; return; }
    size_t n = ly_length(x);
    for (size_t i = 1; i <= n && !f->oom && !f->shallow; i++) {
        LyExpr el = ly_part(f->vm, x, i);
        if (!el) { f->oom = true; return; }
        idx[lev] = (int64_t)i;
        fl_walk(f, el, lev + 1, idx);
        ly_unref(f->vm, el);
    }
}

static int fl_cmp(const void *pa, const void *pb) {
    const FLeaf *a = pa, *b = pb;
    for (size_t k = 0; k < FL_MAXD; k++)
        if (a->key[k] != b->key[k]) return a->key[k] < b->key[k] ? -1 : 1;
    return 0;
}

static bool fl_same_group(const FLeaf *a, const FLeaf *b, size_t from, size_t to) {
    for (size_t k = from; k < to; k++) if (a->key[k] != b->key[k]) return false;
    return true;
}

/* Nested lists for leaves [lo, hi) from group g on. */
static LyExpr fl_build(FL *f, size_t lo, size_t hi, size_t g) {
    size_t from = g ? f->gend[g - 1] : 0, to = f->gend[g];
    size_t runs = 0;
    for (size_t i = lo; i < hi; i++)
        if (i == lo || !fl_same_group(&f->leaves[i - 1], &f->leaves[i], from, to)) runs++;
    LyExpr out = ly_mknormal(f->vm, (ly_ref(f->head), f->head), runs);
    if (!out) return NULL;
    size_t r = 0, start = lo;
    for (size_t i = lo + 1; i <= hi; i++) {
        if (i < hi && fl_same_group(&f->leaves[i - 1], &f->leaves[i], from, to)) continue;
        LyExpr child;
        if (g + 1 == f->ng) { child = f->leaves[start].v; ly_ref(child); }
        else child = fl_build(f, start, i, g + 1);
        if (!child) { lys_abandon(f->vm, out, r + 1); return NULL; }
        ly_nset(out, ++r, child);
        start = i;
    }
    return f->head == LY_SYM(List) ? lys_pack_steal(f->vm, out) : out;
}

LyExpr lys_flatten_levels(LyVM *vm, LyExpr e, LyExpr x, LyExpr spec, LyExpr head) {
    FL f = { .vm = vm, .head = head };
    bool seen[FL_MAXD + 1] = { false };
    size_t nk = 0;
    bool ok = ly_head_is(spec, LY_SYM(List));
    for (size_t g = 1; ok && g <= ly_nlen(spec); g++) {
        LyExpr grp = ly_narg(spec, g);
        size_t m = ly_is_small(grp) ? 1 : lys_is_list(grp) ? lys_list_len(grp) : 0;
        if (m == 0) { ok = false; break; }
        for (size_t i = 1; i <= m && ok; i++) {
            LyExpr s = ly_is_small(grp) ? grp : ly_part(vm, grp, i);
            if (!ly_is_small(s) || ly_small(s) < 1 || ly_small(s) > FL_MAXD || seen[ly_small(s)]) ok = false;
            else {
                seen[ly_small(s)] = true;
                f.perm[nk++] = (int)ly_small(s) - 1;
                if ((size_t)ly_small(s) > f.depth) f.depth = (size_t)ly_small(s);
            }
            if (!ly_is_small(grp)) ly_unref(vm, s);
        }
        if (ok) f.gend[f.ng++] = nk;
    }
    if (!ok || f.ng == 0) {
        ly_message(vm, ly_symbol(vm, "Flatten"), "flpi", 2, spec, e);
        return NULL;
    }
    /* levels not named come after, each on its own */
    for (size_t s = 1; s <= f.depth; s++)
        if (!seen[s]) { f.perm[nk++] = (int)s - 1; f.gend[f.ng++] = nk; }
    int64_t idx[FL_MAXD];
    fl_walk(&f, x, 0, idx);
    LyExpr r = NULL;
    if (f.shallow) {
        ly_message(vm, ly_symbol(vm, "Flatten"), "fldep", 4, lys_count(f.depth), spec, lys_count(f.reached), x);
    } else if (!f.oom) {
        for (size_t i = 0; i < f.n; i++)
            for (size_t k = f.depth; k < FL_MAXD; k++) f.leaves[i].key[k] = 0;
        qsort(f.leaves, f.n, sizeof(FLeaf), fl_cmp);
        if (f.n == 0) r = ly_mknormal(vm, (ly_ref(head), head), 0);
        else r = fl_build(&f, 0, f.n, 0);
    }
    for (size_t i = 0; i < f.n; i++) ly_unref(vm, f.leaves[i].v);
    if (f.leaves) ly_dealloc(vm, f.leaves, f.cap * sizeof(FLeaf));
    if (f.oom && !ly_unwinding(vm)) return ly_raise_nomem(vm);
    return r;
}

/* ---- Partition: overhangs, padding, UpTo, blocks -------------------------------------------- */

typedef struct PSpec {
    int64_t n, d, kl, kr;         /* kl, kr already in 1..n form */
    int pad;                      /* 0 cyclic, 1 element, 2 cyclic list, 3 none */
    LyExpr padv;                  /* the element or the list */
} PSpec;

/* Item i (1-based, may lie outside 1..len) of x under the padding rule;
 * NULL with *skip set when there is no padding. */
static LyExpr p_item(LyVM *vm, LyExpr x, size_t len, int64_t i, const PSpec *ps, bool *skip) {
    *skip = false;
    if (i >= 1 && (size_t)i <= len) return ly_part(vm, x, (size_t)i);
    switch (ps->pad) {
    case 0: return ly_part(vm, x, (size_t)(((i - 1) % (int64_t)len + (int64_t)len) % (int64_t)len) + 1);
    case 1: ly_ref(ps->padv); return ps->padv;
    case 2: {
        int64_t m = (int64_t)lys_list_len(ps->padv);
        return ly_part(vm, ps->padv, (size_t)(((i - 1) % m + m) % m) + 1);
    }
    default: *skip = true; return NULL;
    }
}

/* One level: the sublists of x (all of its elements, which may be lists). */
static LyExpr partition1(LyVM *vm, LyExpr x, const PSpec *ps) {
    size_t len = ly_length(x);
    LyExpr h = ly_is_packed(x) ? LY_SYM(List) : ly_nhead(x);
    if (len == 0) return ly_mknormal(vm, (ly_ref(h), h), 0);
    int64_t s0 = 2 - ps->kl, last = (int64_t)len - ps->kr + 1;
    size_t m = last >= s0 ? (size_t)((last - s0) / ps->d + 1) : 0;
    LyExpr out = ly_mknormal(vm, LY_SYM(List), m);
    LyExpr *items = ly_alloc(vm, (size_t)ps->n * sizeof(LyExpr));
    if (!out || !items) {
        if (items) ly_dealloc(vm, items, (size_t)ps->n * sizeof(LyExpr));
        lys_abandon(vm, out, 1);
        return ly_unwinding(vm) ? NULL : ly_raise_nomem(vm);
    }
    size_t kept = 0;
    for (size_t j = 0; j < m; j++) {
        int64_t s = s0 + (int64_t)j * ps->d;
        size_t k = 0;
        bool bad = false;
        for (int64_t t = 0; t < ps->n; t++) {
            bool skip;
            LyExpr it = p_item(vm, x, len, s + t, ps, &skip);
            if (skip) continue;
            if (!it) { bad = true; break; }
            items[k++] = it;
        }
        LyExpr sub = bad ? NULL : k ? ly_apply(vm, h, k, items) : NULL;
        for (size_t i = 0; i < k; i++) ly_unref(vm, items[i]);
        if (bad || (k && !sub)) {
            ly_dealloc(vm, items, (size_t)ps->n * sizeof(LyExpr));
            lys_abandon(vm, out, kept + 1);
            return NULL;
        }
        if (!sub) continue;    /* no element at all: no sublist */
        if (h == LY_SYM(List)) sub = lys_pack_steal(vm, sub);
        if (!sub) { ly_dealloc(vm, items, (size_t)ps->n * sizeof(LyExpr)); lys_abandon(vm, out, kept + 1); return NULL; }
        ly_nset(out, ++kept, sub);
    }
    ly_dealloc(vm, items, (size_t)ps->n * sizeof(LyExpr));
    if (kept < m) {        /* sublists skipped: shrink */
        LyExpr o2 = ly_apply(vm, LY_SYM(List), kept, ly_nargs(out));
        for (size_t i = kept + 1; i <= m; i++) ly_nset(out, i, LY_SYM(Null));
        ly_unref(vm, out);
        out = o2;
        if (!out) return NULL;
    }
    if (h != LY_SYM(List)) {
        LyExpr o2 = ly_apply(vm, h, ly_nlen(out), ly_nargs(out));
        ly_unref(vm, out);
        return o2;
    }
    return lys_pack_steal(vm, out);
}

/* L (a list of equal-length lists, at least to depth m) with its first
 * level moved down to level m. */
static LyExpr sink_level(LyVM *vm, LyExpr l, size_t m) {
    if (m <= 1) { ly_ref(l); return l; }
    size_t r = ly_length(l);
    if (r == 0) { ly_ref(l); return l; }
    LyExpr first = ly_part(vm, l, 1);
    if (!first) return NULL;
    size_t c = ly_length(first);
    ly_unref(vm, first);
    LyExpr out = ly_mknormal(vm, LY_SYM(List), c);
    for (size_t j = 1; out && j <= c; j++) {
        LyExpr col = ly_mknormal(vm, LY_SYM(List), r);
        for (size_t i = 1; col && i <= r; i++) {
            LyExpr row = ly_part(vm, l, i);
            LyExpr el = row && ly_length(row) >= j ? ly_part(vm, row, j) : NULL;
            ly_unref(vm, row);
            if (!el) { lys_abandon(vm, col, i); col = NULL; break; }
            ly_nset(col, i, el);
        }
        LyExpr sunk = col ? sink_level(vm, col, m - 1) : NULL;
        ly_unref(vm, col);
        if (!sunk) { lys_abandon(vm, out, j); return NULL; }
        ly_nset(out, j, sunk);
    }
    return lys_pack_steal(vm, out);
}

/* Blocks: level 1 by ps[0], then every element by ps[1..k). */
static LyExpr partition_blocks(LyVM *vm, LyExpr x, const PSpec *ps, size_t k) {
    LyExpr outer = partition1(vm, x, ps);
    if (!outer || k == 1) return outer;
    size_t m = ly_length(outer);
    LyExpr out = ly_mknormal(vm, LY_SYM(List), m);
    for (size_t i = 1; out && i <= m; i++) {
        LyExpr block = ly_part(vm, outer, i);       /* n1 rows */
        size_t nr = block ? ly_length(block) : 0;
        LyExpr parts = block ? ly_mknormal(vm, LY_SYM(List), nr) : NULL;
        for (size_t r = 1; parts && r <= nr; r++) {
            LyExpr row = ly_part(vm, block, r);
            LyExpr pr = row && ly_length(row) > 0 && !ly_is_small(row) && (ly_is_packed(row) || ly_is_normal(row))
                ? partition_blocks(vm, row, ps + 1, k - 1) : NULL;
            if (row && !pr && !ly_unwinding(vm))
                ly_message(vm, ly_symbol(vm, "Partition"), "pdep", 1, x);
            ly_unref(vm, row);
            if (!pr) { lys_abandon(vm, parts, r); parts = NULL; break; }
            ly_nset(parts, r, pr);
        }
        ly_unref(vm, block);
        /* parts[r][j1]...[j_{k-1}] -> result[j1]...[j_{k-1}][r] */
        LyExpr sunk = parts ? sink_level(vm, parts, k) : NULL;
        ly_unref(vm, parts);
        if (!sunk) { lys_abandon(vm, out, i); out = NULL; break; }
        ly_nset(out, i, sunk);
    }
    ly_unref(vm, outer);
    return out ? lys_pack_steal(vm, out) : NULL;
}

static bool p_int(LyExpr v, int64_t *out) {
    if (!ly_is_small(v)) return false;
    *out = ly_small(v);
    return true;
}

/* The i-th entry (0-based) of an integer or a list of k integers. */
static bool p_nth(LyVM *vm, LyExpr v, size_t i, size_t k, int64_t *out) {
    if (ly_is_small(v)) { *out = ly_small(v); return true; }
    if (!lys_is_list(v) || lys_list_len(v) != k) return false;
    LyExpr el = ly_part(vm, v, i + 1);
    bool ok = el && p_int(el, out);
    ly_unref(vm, el);
    return ok;
}

LyExpr lys_partition_general(LyVM *vm, LyExpr e) {
    size_t argc = ly_nlen(e);
    LyExpr x = ly_narg(e, 1), sn = ly_narg(e, 2);
    int t = ly_type(x);
    if (t != LY_TNORMAL && t != LY_TPACKED) return NULL;
    bool upto = ly_head_is(sn, ly_symbol(vm, "UpTo")) && ly_nlen(sn) == 1;
    if (upto) sn = ly_narg(sn, 1);
    size_t k = ly_is_small(sn) ? 1 : lys_is_list(sn) ? lys_list_len(sn) : 0;
    if (k == 0 || k > 16) return NULL;
    PSpec ps[16];
    for (size_t i = 0; i < k; i++) {
        PSpec *p = &ps[i];
        if (!p_nth(vm, sn, i, k, &p->n) || p->n <= 0) {
            ly_message(vm, ly_nhead(e), "ilsmp", 1, e);
            return NULL;
        }
        p->d = p->n;
        if (argc >= 3 && (!p_nth(vm, ly_narg(e, 3), i, k, &p->d) || p->d <= 0)) {
            ly_message(vm, ly_nhead(e), "ilsmp", 1, e);
            return NULL;
        }
        p->kl = 1;
        p->kr = -1;
        if (upto) { p->kr = 1; p->pad = 3; }
        else p->pad = 0;
        p->padv = NULL;
        if (argc >= 4) {
            LyExpr ks = ly_narg(e, 4);
            /* k, {kL, kR}, or per level {{kL1, kR1}, ...} when blocks */
            LyExpr kk = ks;
            LyExpr tmp = NULL;
            if (k > 1 && lys_is_list(ks) && lys_list_len(ks) == k) { tmp = ly_part(vm, ks, i + 1); kk = tmp; }
            bool ok = true;
            if (ly_is_small(kk)) p->kl = p->kr = ly_small(kk);
            else if (lys_is_list(kk) && lys_list_len(kk) == 2) ok = p_nth(vm, kk, 0, 2, &p->kl) && p_nth(vm, kk, 1, 2, &p->kr);
            else ok = false;
            ly_unref(vm, tmp);
            if (!ok || p->kl == 0 || p->kr == 0) {
                ly_message(vm, ly_nhead(e), "ovrh", 1, ks);
                return NULL;
            }
        }
        if (p->kl < 0) p->kl += p->n + 1;
        if (p->kr < 0) p->kr += p->n + 1;
        if (argc >= 5) {
            LyExpr pv = ly_narg(e, 5);
            if (lys_is_list(pv) && lys_list_len(pv) == 0) p->pad = 3;
            else if (lys_is_list(pv)) { p->pad = 2; p->padv = pv; }
            else { p->pad = 1; p->padv = pv; }
        }
    }
    return partition_blocks(vm, x, ps, k);
}

void lys_reshape_messages(LyVM *vm) {
    ly_set_message(vm, "Flatten", "flpi",
                   "Levels to be flattened together in `1` should be lists of positive integers.");
    ly_set_message(vm, "Flatten", "fldep",
                   "Level `1` specified in `2` exceeds the levels, `3`, which can be flattened together in `4`.");
    ly_set_message(vm, "Partition", "ilsmp",
                   "Single or list of positive machine-size integers expected at position 2 of `1`.");
    ly_set_message(vm, "Partition", "ovrh", "Overhang specification `1` is not valid.");
    ly_set_message(vm, "Partition", "pdep", "Partition specification is longer than the depth of `1`.");
}
