/*
 * sort.c — ordering and set operations: Sort, SortBy, Union, Intersection,
 * Complement, DeleteDuplicates, Tally, Counts.  Written against lyra.h +
 * lyra_ext.h.
 *
 * Sort is a stable merge sort (Wolfram's Sort with an ordering function
 * keeps equal elements in their original order); a packed vector of
 * numbers is sorted in a copy of its data by a 16-bit LSD radix sort.  Duplicates are found
 * with a hash set keyed by ly_hash / ly_equal (SameQ), so DeleteDuplicates,
 * Tally and Counts are linear.
 */
#include <stdlib.h>
#include <string.h>
#include "lys_data.h"

/* ---- stable merge sort --------------------------------------------------------------------- */

/* before(ctx, a, b): 1 when b must come before a, 0 otherwise, -1 on an exit. */
typedef int (*Before)(LyVM *vm, void *ctx, LyExpr a, LyExpr b);

static int merge_sort(LyVM *vm, LyExpr *v, LyExpr *tmp, size_t n, Before after, void *ctx) {
    if (n < 2) return 0;
    size_t h = n / 2;
    if (merge_sort(vm, v, tmp, h, after, ctx) < 0 || merge_sort(vm, v + h, tmp, n - h, after, ctx) < 0)
        return -1;
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) {
        int r = after(vm, ctx, v[i], v[j]);
        if (r < 0) return -1;
        tmp[k++] = r ? v[j++] : v[i++];
    }
    while (i < h) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof(LyExpr));
    return 0;
}

static int canon_after(LyVM *vm, void *ctx, LyExpr a, LyExpr b) { return ly_order(b, a) < 0; }

static int fn_after(LyVM *vm, void *ctx, LyExpr a, LyExpr b) {
    LyExpr args[2] = { b, a };
    if (!ly_safe_point(vm)) return -1;
    LyExpr r = lys_apply_eval(vm, (LyExpr)ctx, 2, args);
    if (!r) return -1;
    int res = r == LY_SYM(True) || (ly_is_small(r) && ly_small(r) > 0);
    ly_unref(vm, r);
    return res;
}

/* Sorts a copy of the elements array; returns 0 or -1. */
/* Rules of an association, by their values. */
typedef struct ValCtx { LyExpr fn; } ValCtx;
static int val_after(LyVM *vm, void *ctx, LyExpr a, LyExpr b) {
    ValCtx *vc = ctx;
    if (vc->fn) return fn_after(vm, (void *)vc->fn, ly_narg(a, 2), ly_narg(b, 2));
    return canon_after(vm, NULL, ly_narg(a, 2), ly_narg(b, 2));
}

static int sort_items(LyVM *vm, LyExpr *v, size_t n, Before after, void *ctx) {
    LyExpr *tmp = ly_alloc(vm, (n ? n : 1) * sizeof(LyExpr));
    if (!tmp) { ly_raise_nomem(vm); return -1; }
    int r = merge_sort(vm, v, tmp, n, after, ctx);
    ly_dealloc(vm, tmp, (n ? n : 1) * sizeof(LyExpr));
    return r;
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}
static int cmp_f64(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* LSD radix sort of n 64-bit words read as int64 (ints) or double (!ints):
 * keys are mapped to unsigned order (sign bit flipped; negative doubles
 * all bits flipped), sorted 11 bits per pass (2048 buckets stay in L1),
 * then mapped back.  Six linear passes, skipping digits that are the
 * same in every key: several times faster than qsort's comparisons. */
#define RADIX_BITS 11
#define RADIX_N (1u << RADIX_BITS)
#define RADIX_PASSES 6
static bool radix_sort64(LyVM *vm, uint64_t *d, size_t n, bool ints) {
    uint64_t *tmp = ly_alloc(vm, n * sizeof(uint64_t));
    size_t *cnt = ly_alloc(vm, RADIX_PASSES * RADIX_N * sizeof(size_t));
    if (!tmp || !cnt) {
        if (tmp) ly_dealloc(vm, tmp, n * sizeof(uint64_t));
        if (cnt) ly_dealloc(vm, cnt, RADIX_PASSES * RADIX_N * sizeof(size_t));
        return false;
    }
    const uint64_t sign = (uint64_t)1 << 63;
    memset(cnt, 0, RADIX_PASSES * RADIX_N * sizeof(size_t));
    for (size_t i = 0; i < n; i++) {
        uint64_t k = d[i];
        k = ints ? k ^ sign : (k & sign) ? ~k : k ^ sign;
        d[i] = k;
        for (int p = 0; p < RADIX_PASSES; p++) cnt[p * RADIX_N + ((k >> (RADIX_BITS * p)) & (RADIX_N - 1))]++;
    }
    uint64_t *src = d, *dst = tmp;
    for (int p = 0; p < RADIX_PASSES; p++) {
        size_t *c = cnt + p * RADIX_N, sum = 0;
        int sh = RADIX_BITS * p;
        if (c[(src[0] >> sh) & (RADIX_N - 1)] == n) continue;     /* one value in this digit */
        for (size_t b = 0; b < RADIX_N; b++) { size_t t = c[b]; c[b] = sum; sum += t; }
        for (size_t i = 0; i < n; i++) dst[c[(src[i] >> sh) & (RADIX_N - 1)]++] = src[i];
        uint64_t *t = src; src = dst; dst = t;
    }
    if (src != d) memcpy(d, src, n * sizeof(uint64_t));
    for (size_t i = 0; i < n; i++) {
        uint64_t k = d[i];
        d[i] = ints ? k ^ sign : (k & sign) ? k ^ sign : ~k;
    }
    ly_dealloc(vm, tmp, n * sizeof(uint64_t));
    ly_dealloc(vm, cnt, RADIX_PASSES * RADIX_N * sizeof(size_t));
    return true;
}

static LyExpr b_sort(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_is_packed(x) && ly_packed(x)->h.aux == 1 && ly_nlen(e) == 1) {
        LyPacked *p = ly_packed(x);
        LyExpr r = ly_mkpacked(vm, (LyPackedType)p->h.flags, 1, p->dims);
        if (!r) return NULL;
        memcpy(ly_packed(r)->data, p->data, p->len * 8);
        bool ints = p->h.flags == LY_PACKED_INT64;
        if (p->len < 256 || !radix_sort64(vm, ly_packed(r)->data, p->len, ints))
            qsort(ly_packed(r)->data, p->len, 8, ints ? cmp_i64 : cmp_f64);
        return r;
    }
    if (ly_type(x) == LY_TASSOC) {
        /* an association sorts by its values, keys kept with them */
        LyAssoc *a = ly_assoc(x);
        size_t n = a->len;
        LyExpr *rules = ly_alloc(vm, (n ? n : 1) * sizeof(LyExpr));
        if (!rules) return ly_raise_nomem(vm);
        memcpy(rules, a->rules, n * sizeof(LyExpr));
        ValCtx vc = { ly_nlen(e) == 2 ? ly_narg(e, 2) : NULL };
        int st = sort_items(vm, rules, n, val_after, &vc);
        LyExpr r = st < 0 ? NULL : ly_mkassoc(vm, n, rules);
        ly_dealloc(vm, rules, (n ? n : 1) * sizeof(LyExpr));
        return r;
    }
    if (!ly_is_normal(x) && !ly_is_packed(x)) {
        ly_set_message(vm, "General", "normal", "Nonatomic expression expected at position `1` in `2`.");
        ly_message(vm, ly_nhead(e), "normal", 2, ly_mksmall(1), e);
        return NULL;
    }
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    size_t n = ly_nlen(u);
    LyExpr r = ly_apply(vm, ly_nhead(u), n, ly_nargs(u));      /* a private copy to sort */
    ly_unref(vm, u);
    if (!r) return NULL;
    int st = ly_nlen(e) == 1 ? sort_items(vm, ly_nargs(r), n, canon_after, NULL)
                             : sort_items(vm, ly_nargs(r), n, fn_after, (void *)ly_narg(e, 2));
    if (st < 0) { ly_unref(vm, r); return NULL; }
    return ly_head_is(r, LY_SYM(List)) && ly_is_packed(x) ? lys_pack_steal(vm, r) : r;
}

/* SortBy: sorts {key, index} pairs, then picks the elements. */
typedef struct KeyCtx { LyExpr *keys; LyExpr *elems; } KeyCtx;

static int key_after(LyVM *vm, void *ctx, LyExpr a, LyExpr b) {
    KeyCtx *k = ctx;
    size_t i = (size_t)ly_small(a), j = (size_t)ly_small(b);
    int c = ly_order(k->keys[j], k->keys[i]);
    if (c == 0) c = ly_order(k->elems[j], k->elems[i]);
    return c < 0;
}

static LyExpr b_sortby(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr x = ly_narg(e, 1), f = ly_narg(e, 2);
    if (ly_type(x) == LY_TASSOC) {
        /* an association sorts by f of its values, keys kept with them */
        LyExpr rules = lys_apply_eval(vm, ly_symbol(vm, "Normal"), 1, &x);
        LyExpr g = ly_mk(vm, ly_symbol(vm, "Composition"), 2, (ly_ref(f), f), ly_symbol(vm, "Last"));
        LyExpr args[2] = { rules, g };
        LyExpr sorted = rules && g ? lys_apply_eval(vm, ly_nhead(e), 2, args) : NULL;
        ly_unref(vm, rules);
        ly_unref(vm, g);
        LyExpr r = sorted ? lys_apply_eval(vm, LY_SYM(Association), 1, &sorted) : NULL;
        ly_unref(vm, sorted);
        return r;
    }
    if (!ly_is_normal(x) && !ly_is_packed(x)) return NULL;
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    size_t n = ly_nlen(u);
    LyExpr *keys = ly_alloc(vm, (n ? n : 1) * sizeof(LyExpr));
    LyExpr *ord = ly_alloc(vm, (n ? n : 1) * sizeof(LyExpr));
    LyExpr r = NULL;
    size_t k = 0;
    if (keys && ord) {
        for (; k < n; k++) {
            LyExpr a = ly_narg(u, k + 1);
            keys[k] = lys_apply_eval(vm, f, 1, &a);
            if (!keys[k]) break;
            ord[k] = ly_mksmall((int64_t)k);
        }
        KeyCtx c = { keys, ly_nargs(u) };
        if (k == n && sort_items(vm, ord, n, key_after, &c) == 0) {
            r = ly_mknormal(vm, (ly_ref(ly_nhead(u)), ly_nhead(u)), n);
            for (size_t i = 0; r && i < n; i++) {
                LyExpr el = ly_narg(u, (size_t)ly_small(ord[i]) + 1);
                ly_ref(el);
                ly_nset(r, i + 1, el);
            }
        }
    } else {
        ly_raise_nomem(vm);
    }
    for (size_t i = 0; i < k; i++) ly_unref(vm, keys[i]);
    if (keys) ly_dealloc(vm, keys, (n ? n : 1) * sizeof(LyExpr));
    if (ord) ly_dealloc(vm, ord, (n ? n : 1) * sizeof(LyExpr));
    ly_unref(vm, u);
    return r && ly_is_packed(x) ? lys_pack_steal(vm, r) : r;
}

/* ---- hash sets ------------------------------------------------------------------------------ */

typedef struct HSet { LyVM *vm; LyExpr *keys; size_t *vals; size_t cap, n; } HSet;

static bool hset_init(HSet *s, LyVM *vm, size_t n) {
    s->vm = vm;
    s->cap = 16;
    while (s->cap < 2 * n + 2) s->cap *= 2;
    s->n = 0;
    s->keys = ly_alloc(vm, s->cap * sizeof(LyExpr));
    s->vals = ly_alloc(vm, s->cap * sizeof(size_t));
    if (!s->keys || !s->vals) {
        if (s->keys) ly_dealloc(vm, s->keys, s->cap * sizeof(LyExpr));
        if (s->vals) ly_dealloc(vm, s->vals, s->cap * sizeof(size_t));
        ly_raise_nomem(vm);
        return false;
    }
    for (size_t i = 0; i < s->cap; i++) s->keys[i] = NULL;
    return true;
}

static void hset_free(HSet *s) {
    ly_dealloc(s->vm, s->keys, s->cap * sizeof(LyExpr));
    ly_dealloc(s->vm, s->vals, s->cap * sizeof(size_t));
}

/* The slot of key (borrowed): *found tells whether it was there; when not,
 * the key is inserted with value val. Capacity is fixed at init. */
static size_t hset_put(HSet *s, LyExpr key, size_t val, bool *found) {
    size_t m = s->cap - 1, h = (size_t)ly_hash(key) & m;
    while (s->keys[h]) {
        if (ly_equal(s->keys[h], key)) { *found = true; return h; }
        h = (h + 1) & m;
    }
    *found = false;
    s->keys[h] = key;
    s->vals[h] = val;
    s->n++;
    return h;
}

static bool hset_has(HSet *s, LyExpr key) {
    size_t m = s->cap - 1, h = (size_t)ly_hash(key) & m;
    while (s->keys[h]) {
        if (ly_equal(s->keys[h], key)) return true;
        h = (h + 1) & m;
    }
    return false;
}

/* ---- Union, Intersection, Complement -------------------------------------------------------------- */

/* Sorted, duplicate-free items (borrowed) of the lists args[0..n) passing
 * keep(): the result List. */
static LyExpr sorted_unique(LyVM *vm, LyExpr head, LyExpr *items, size_t k) {
    if (sort_items(vm, items, k, canon_after, NULL) < 0) return NULL;
    size_t m = 0;
    for (size_t i = 0; i < k; i++)
        if (m == 0 || !ly_equal(items[m - 1], items[i])) items[m++] = items[i];
    LyExpr r = ly_apply(vm, head, m, items);
    return head == LY_SYM(List) ? lys_pack_steal(vm, r) : r;
}

/* Checks the arguments are compound with one head; unpacks them into u[]. */
static bool unpack_args(LyVM *vm, LyExpr e, size_t from, LyExpr *u, LyExpr *head) {
    size_t n = ly_nlen(e);
    *head = NULL;
    for (size_t i = from; i <= n; i++) u[i] = NULL;
    for (size_t i = from; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (!ly_is_normal(a) && !ly_is_packed(a)) {
            ly_message(vm, ly_nhead(e), "normal", 2, lys_count(i), e);
            goto fail;
        }
        LyExpr h = ly_is_packed(a) ? LY_SYM(List) : ly_nhead(a);
        if (*head && !ly_equal(h, *head)) {
            ly_set_message(vm, ly_symbol_name(ly_nhead(e)), "heads",
                           "Heads `1` and `2` at positions `3` and `4` are expected to be the same.");
            ly_message(vm, ly_nhead(e), "heads", 4, *head, h, lys_count(from), lys_count(i));
            goto fail;
        }
        *head = h;
        u[i] = lys_unpacked(vm, a);
        if (!u[i]) goto fail;
    }
    return true;
fail:
    for (size_t i = from; i <= n; i++) ly_unref(vm, u[i]);
    return false;
}

static LyExpr b_union(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n == 0) return ly_list(vm, 0, NULL);
    LyExpr u[n + 1], head;
    if (!unpack_args(vm, e, 1, u, &head)) return NULL;
    size_t total = 0;
    for (size_t i = 1; i <= n; i++) total += ly_nlen(u[i]);
    LyExpr *items = ly_alloc(vm, (total ? total : 1) * sizeof(LyExpr));
    LyExpr r = NULL;
    if (items) {
        size_t k = 0;
        for (size_t i = 1; i <= n; i++)
            for (size_t j = 1; j <= ly_nlen(u[i]); j++) items[k++] = ly_narg(u[i], j);
        r = sorted_unique(vm, head, items, k);
        ly_dealloc(vm, items, (total ? total : 1) * sizeof(LyExpr));
    } else ly_raise_nomem(vm);
    for (size_t i = 1; i <= n; i++) ly_unref(vm, u[i]);
    return r;
}

static LyExpr inter_compl(LyVM *vm, LyExpr e, bool inter) {
    size_t n = ly_nlen(e);
    if (n == 0) { if (!inter) lys_argc(vm, e, 1, SIZE_MAX); return NULL; }
    LyExpr u[n + 1], head;
    if (!unpack_args(vm, e, 1, u, &head)) return NULL;
    size_t n1 = ly_nlen(u[1]);
    LyExpr *items = ly_alloc(vm, (n1 ? n1 : 1) * sizeof(LyExpr));
    HSet sets[n + 1];
    size_t built = 1;
    LyExpr r = NULL;
    bool ok = items != NULL;
    for (size_t i = 2; ok && i <= n; i++) {
        if (!hset_init(&sets[i], vm, ly_nlen(u[i]))) { ok = false; break; }
        built = i;
        bool f;
        for (size_t j = 1; j <= ly_nlen(u[i]); j++) hset_put(&sets[i], ly_narg(u[i], j), 0, &f);
    }
    if (ok) {
        size_t k = 0;
        for (size_t j = 1; j <= n1; j++) {
            LyExpr a = ly_narg(u[1], j);
            bool keep = inter;
            for (size_t i = 2; i <= n; i++) {
                bool has = hset_has(&sets[i], a);
                if (inter && !has) { keep = false; break; }
                if (!inter && has) { keep = false; break; }
                if (!inter) keep = true;
            }
            if (n == 1) keep = true;
            if (keep) items[k++] = a;
        }
        r = sorted_unique(vm, head, items, k);
    } else if (!items) ly_raise_nomem(vm);
    for (size_t i = 2; i <= built; i++) hset_free(&sets[i]);
    if (items) ly_dealloc(vm, items, (n1 ? n1 : 1) * sizeof(LyExpr));
    for (size_t i = 1; i <= n; i++) ly_unref(vm, u[i]);
    return r;
}

static LyExpr b_intersection(LyVM *vm, LyExpr e) { return inter_compl(vm, e, true); }
static LyExpr b_complement(LyVM *vm, LyExpr e) { return inter_compl(vm, e, false); }

/* ---- DeleteDuplicates, Tally, Counts ------------------------------------------------------------ */

static LyExpr b_deleteduplicates(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_normal(x) && !ly_is_packed(x)) return NULL;
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    size_t n = ly_nlen(u), k = 0;
    LyExpr *items = ly_alloc(vm, (n ? n : 1) * sizeof(LyExpr));
    LyExpr r = NULL;
    if (!items) { ly_unref(vm, u); return ly_raise_nomem(vm); }
    if (ly_nlen(e) == 2) {
        LyExpr test = ly_narg(e, 2);
        bool ok = true;
        for (size_t j = 1; j <= n && ok; j++) {
            LyExpr a = ly_narg(u, j);
            bool dup = false;
            for (size_t i = 0; i < k && !dup; i++) {
                LyExpr args[2] = { items[i], a };
                LyExpr t = lys_apply_eval(vm, test, 2, args);
                if (!t) { ok = false; break; }
                dup = t == LY_SYM(True);
                ly_unref(vm, t);
            }
            if (ok && !dup) items[k++] = a;
        }
        if (ok) r = ly_apply(vm, ly_nhead(u), k, items);
    } else {
        HSet s;
        if (hset_init(&s, vm, n)) {
            for (size_t j = 1; j <= n; j++) {
                bool f;
                hset_put(&s, ly_narg(u, j), 0, &f);
                if (!f) items[k++] = ly_narg(u, j);
            }
            hset_free(&s);
            r = ly_apply(vm, ly_nhead(u), k, items);
        }
    }
    ly_dealloc(vm, items, (n ? n : 1) * sizeof(LyExpr));
    ly_unref(vm, u);
    return r && ly_is_packed(x) ? lys_pack_steal(vm, r) : r;
}

/* Distinct elements in order of first appearance and their counts. */
static bool tally(LyVM *vm, LyExpr u, LyExpr *distinct, int64_t *counts, size_t *k) {
    size_t n = ly_nlen(u);
    HSet s;
    if (!hset_init(&s, vm, n)) return false;
    *k = 0;
    for (size_t j = 1; j <= n; j++) {
        bool f;
        size_t h = hset_put(&s, ly_narg(u, j), *k, &f);
        if (f) counts[s.vals[h]]++;
        else { distinct[*k] = ly_narg(u, j); counts[*k] = 1; (*k)++; }
    }
    hset_free(&s);
    return true;
}

static LyExpr tally_counts(LyVM *vm, LyExpr e, bool assoc) {
    if (!lys_argc(vm, e, 1, assoc ? 1 : 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!lys_is_list(x)) return NULL;
    if (!assoc && ly_nlen(e) == 2) return NULL;
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    size_t n = ly_nlen(u), k = 0;
    LyExpr *d = ly_alloc(vm, (n ? n : 1) * sizeof(LyExpr));
    int64_t *c = ly_alloc(vm, (n ? n : 1) * sizeof(int64_t));
    LyExpr r = NULL;
    if (d && c && tally(vm, u, d, c, &k)) {
        LyExpr *pairs = ly_alloc(vm, (k ? k : 1) * sizeof(LyExpr));
        size_t m = 0;
        for (; pairs && m < k; m++) {
            ly_ref(d[m]);
            pairs[m] = ly_mk(vm, assoc ? LY_SYM(Rule) : LY_SYM(List), 2, d[m], ly_int(vm, c[m]));
            if (!pairs[m]) break;
        }
        if (pairs && m == k) r = assoc ? ly_mkassoc(vm, k, pairs) : lys_list_packed(vm, k, pairs);
        for (size_t i = 0; i < m; i++) ly_unref(vm, pairs[i]);
        if (pairs) ly_dealloc(vm, pairs, (k ? k : 1) * sizeof(LyExpr));
        else ly_raise_nomem(vm);
    } else if (!ly_unwinding(vm)) ly_raise_nomem(vm);
    if (d) ly_dealloc(vm, d, (n ? n : 1) * sizeof(LyExpr));
    if (c) ly_dealloc(vm, c, (n ? n : 1) * sizeof(int64_t));
    ly_unref(vm, u);
    return r;
}

static LyExpr b_tally(LyVM *vm, LyExpr e) { return tally_counts(vm, e, false); }
static LyExpr b_counts(LyVM *vm, LyExpr e) { return tally_counts(vm, e, true); }

/* ---- table ---------------------------------------------------------------------------------------- */

static const LyBuiltin sort_builtins[] = {
    { "Sort", b_sort, "Protected", "Sort[list] sorts the elements of list into canonical order." },
    { "SortBy", b_sortby, "Protected",
      "SortBy[list, f] sorts the elements of list in the order defined by applying f to each of them." },
    { "Union", b_union, "Flat OneIdentity Protected",
      "Union[list1, list2, ...] gives a sorted list of all the distinct elements that appear in any of the listi." },
    { "Intersection", b_intersection, "Flat OneIdentity Orderless Protected",
      "Intersection[list1, list2, ...] gives a sorted list of the elements common to all the listi." },
    { "Complement", b_complement, "Protected",
      "Complement[eall, e1, e2, ...] gives the elements in eall that are not in any of the ei." },
    { "DeleteDuplicates", b_deleteduplicates, "Protected",
      "DeleteDuplicates[list] deletes all duplicates from list." },
    { "Tally", b_tally, "Protected",
      "Tally[list] tallies the elements in list, listing all distinct elements together with their multiplicities." },
    { "Counts", b_counts, "Protected",
      "Counts[list] gives an association whose keys are the distinct elements of list, and whose values give the number of times those elements appear in list." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_sort(LyVM *vm);
LyStatus lys_open_sort(LyVM *vm) { return ly_register_table(vm, sort_builtins); }
