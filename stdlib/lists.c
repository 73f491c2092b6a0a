/*
 * lists.c — taking lists apart and putting them together: Part, First,
 * Last, Rest, Most, Take, Drop, Append, Prepend, Join, Reverse, Riffle,
 * ConstantArray, Flatten, Partition, Transpose, Thread.  Written against
 * lyra.h + lyra_ext.h.
 *
 * Packed arrays are read in place: a part of a packed array is cut out of
 * its data (a row is a memcpy), and results that are numeric arrays come
 * back packed.  Every function works on any head where Wolfram's does
 * (Rest[f[a, b]] -> f[b]); associations are lists of their values for
 * Part, First, Last, Take, Drop, Reverse.
 */
#include <string.h>
#include "lys_data.h"

/* ---- element access ------------------------------------------------------------------------ */

static size_t elsize(LyPacked *p) { (void)p; return 8; }

/* Row i (0-based) of a packed array: a number or a packed array of rank - 1. */
static LyExpr packed_row(LyVM *vm, LyExpr x, size_t i) {
    LyPacked *p = ly_packed(x);
    if (p->h.aux == 1)
        return p->h.flags == LY_PACKED_INT64 ? ly_int(vm, ((int64_t *)p->data)[i])
                                             : ly_mkreal(vm, ((double *)p->data)[i]);
    size_t stride = p->len / p->dims[0];
    LyExpr r = ly_mkpacked(vm, (LyPackedType)p->h.flags, p->h.aux - 1u, p->dims + 1);
    if (r) memcpy(ly_packed(r)->data, (char *)p->data + i * stride * elsize(p), stride * elsize(p));
    return r;
}

/* Packed rows [from, from + n) as a packed array of the same rank. */
static LyExpr packed_rows(LyVM *vm, LyExpr x, size_t from, size_t n, size_t step) {
    LyPacked *p = ly_packed(x);
    size_t dims[p->h.aux];
    memcpy(dims, p->dims, sizeof dims);
    dims[0] = n;
    LyExpr r = ly_mkpacked(vm, (LyPackedType)p->h.flags, p->h.aux, dims);
    if (!r) return NULL;
    size_t stride = (p->len / p->dims[0]) * elsize(p);
    char *dst = ly_packed(r)->data;
    const char *src = p->data;
    if (step == 1) memcpy(dst, src + from * stride, n * stride);
    else for (size_t k = 0; k < n; k++) memcpy(dst + k * stride, src + (from + k * step) * stride, stride);
    return r;
}

/* Element i (1-based) of a normal expression, packed array or association. */
static LyExpr element(LyVM *vm, LyExpr x, size_t i) {
    if (ly_is_packed(x)) return packed_row(vm, x, i - 1);
    if (ly_type(x) == LY_TASSOC) {
        LyExpr v = ly_narg(ly_assoc(x)->rules[i - 1], 2);
        ly_ref(v);
        return v;
    }
    LyExpr v = ly_narg(x, i);
    ly_ref(v);
    return v;
}

static LyExpr head_of_compound(LyExpr x) {
    if (ly_is_packed(x)) return LY_SYM(List);
    if (ly_type(x) == LY_TASSOC) return LY_SYM(Association);
    return ly_nhead(x);
}

static bool is_compound(LyExpr x) {
    int t = ly_type(x);
    return t == LY_TNORMAL || t == LY_TPACKED || t == LY_TASSOC;
}

/* head[items] for a result built from the elements of x: an association
 * keeps its keys (keys[i] is the rule index), a List of numbers is packed. */
static LyExpr rebuild(LyVM *vm, LyExpr x, size_t n, LyExpr *items, const size_t *idx) {
    if (ly_type(x) == LY_TASSOC) {
        LY_SCRATCH(LyExpr, rules, vm, n);
        if (!rules) return NULL;
        size_t k = 0;
        rules[0] = NULL;
        for (; k < n; k++) {
            LyExpr r = ly_assoc(x)->rules[idx[k]];
            rules[k] = ly_mk(vm, ly_nhead(r), 2, (ly_ref(ly_narg(r, 1)), ly_narg(r, 1)), (ly_ref(items[k]), items[k]));
            if (!rules[k]) break;
        }
        LyExpr a = k == n ? ly_mkassoc(vm, n, rules) : NULL;
        for (size_t j = 0; j < k; j++) ly_unref(vm, rules[j]);
        return a;
    }
    LyExpr h = head_of_compound(x);
    if (h == LY_SYM(List)) return lys_list_packed(vm, n, items);
    return ly_apply(vm, h, n, items);
}

/* ---- Part ---------------------------------------------------------------------------------- */

typedef struct PartCtx {
    LyExpr whole;        /* the Part[...] expression, for messages */
    bool failed;         /* a message was issued: leave unevaluated */
} PartCtx;

static void part_message(LyVM *vm, const char *tag, size_t n, LyExpr a, LyExpr b, LyExpr c) {
    ly_message(vm, LY_SYM(Part), tag, n, a, b, c);
}

/* Resolves index i of a compound with n elements: 1..n, 0 = head; false when
 * out of range. */
static bool resolve(int64_t i, size_t n, size_t *out) {
    if (i < 0) {
        i += (int64_t)n + 1;
        if (i <= 0) return false;       /* {1, 2}[[-3]] does not exist (0 is the head) */
    }
    if ((uint64_t)i > n) return false;
    *out = (size_t)i;
    return true;
}

static LyExpr part_rec(LyVM *vm, PartCtx *c, LyExpr x, const LyExpr *specs, size_t ns);

/* x[[ix...]] applied over the selected positions idx[0..m) of x. */
static LyExpr part_many(LyVM *vm, PartCtx *c, LyExpr x, const size_t *idx, size_t m,
                        const LyExpr *rest, size_t nr) {
    LY_SCRATCH(LyExpr, items, vm, m);
    LY_SCRATCH(size_t, aidx, vm, m);
    if (!items || !aidx) return NULL;
    size_t k = 0;
    for (; k < m; k++) {
        LyExpr el = element(vm, x, idx[k]);
        LyExpr v = el ? part_rec(vm, c, el, rest, nr) : NULL;
        ly_unref(vm, el);
        if (!v) break;
        items[k] = v;
        aidx[k] = idx[k] - 1;
    }
    LyExpr r = k == m ? rebuild(vm, x, m, items, aidx) : NULL;
    for (size_t j = 0; j < k; j++) ly_unref(vm, items[j]);
    return r;
}

static bool span_bounds(LyVM *vm, PartCtx *c, LyExpr sp, LyExpr x, size_t n, int64_t *from, int64_t *to, int64_t *step) {
    size_t k = ly_nlen(sp);
    if (k < 2 || k > 3) return false;
    LyExpr a = ly_narg(sp, 1), b = ly_narg(sp, 2);
    *step = 1;
    if (k == 3) { if (!ly_is_small(ly_narg(sp, 3)) || ly_small(ly_narg(sp, 3)) == 0) return false; *step = ly_small(ly_narg(sp, 3)); }
    int64_t f = a == LY_SYM(All) ? 1 : ly_is_small(a) ? ly_small(a) : INT64_MIN;
    int64_t t = b == LY_SYM(All) ? (int64_t)n : ly_is_small(b) ? ly_small(b) : INT64_MIN;
    if (f == INT64_MIN || t == INT64_MIN) return false;
    if (a == LY_SYM(All) && *step < 0) f = (int64_t)n;
    if (b == LY_SYM(All) && *step < 0) t = 1;
    if (f < 0) f += (int64_t)n + 1;
    if (t < 0) t += (int64_t)n + 1;
    bool ok = f >= 1 && t >= 0 && f <= (int64_t)n + 1 && t <= (int64_t)n && (*step > 0 ? f <= t + 1 : t <= f + 1);
    if (!ok || f == 0) {
        ly_set_message(vm, "Part", "take", "Cannot take positions `1` through `2` in `3`.");
        part_message(vm, "take", 3, ly_narg(sp, 1), ly_narg(sp, 2), x);
        c->failed = true;
        return false;
    }
    *from = f; *to = t;
    return true;
}

static LyExpr part_rec(LyVM *vm, PartCtx *c, LyExpr x, const LyExpr *specs, size_t ns) {
    if (ns == 0) { ly_ref(x); return x; }
    if (!ly_safe_point(vm)) return NULL;
    LyExpr s = specs[0];
    bool assoc = ly_type(x) == LY_TASSOC;
    if (!is_compound(x)) {
        ly_message(vm, LY_SYM(Part), "partd", 1, c->whole);
        c->failed = true;
        return NULL;
    }
    size_t n = ly_length(x);
    if (ly_is_integer(s)) {
        size_t i;
        if (!ly_is_small(s) || !resolve(ly_small(s), n, &i)) {
            part_message(vm, "partw", 2, s, x, NULL);
            c->failed = true;
            return NULL;
        }
        if (i == 0) {
            LyExpr h = head_of_compound(x);
            return part_rec(vm, c, h, specs + 1, ns - 1);
        }
        /* packed: cut out the deepest block directly */
        if (ly_is_packed(x) && ns > 1 && ly_packed(x)->h.aux > 1) {
            LyExpr row = packed_row(vm, x, i - 1);
            LyExpr r = row ? part_rec(vm, c, row, specs + 1, ns - 1) : NULL;
            ly_unref(vm, row);
            return r;
        }
        LyExpr el = element(vm, x, i);
        LyExpr r = el ? part_rec(vm, c, el, specs + 1, ns - 1) : NULL;
        ly_unref(vm, el);
        return r;
    }
    if (assoc && (ly_is_string(s) || ly_head_is(s, LY_SYM(Key)))) {
        LyExpr key = ly_is_string(s) ? s : ly_nlen(s) == 1 ? ly_narg(s, 1) : s;
        LyExpr v = ly_assoc_lookup(x, key);
        if (!v) return ly_mk(vm, LY_SYM(Missing), 2, ly_cstring(vm, "KeyAbsent"), (ly_ref(key), key));
        return part_rec(vm, c, v, specs + 1, ns - 1);
    }
    if (s == LY_SYM(All)) {
        if (ly_is_packed(x) && ns == 1) { ly_ref(x); return x; }
        LY_SCRATCH(size_t, idx, vm, n);
        if (!idx) return NULL;
        for (size_t i = 0; i < n; i++) idx[i] = i + 1;
        return part_many(vm, c, x, idx, n, specs + 1, ns - 1);
    }
    if (ly_head_is(s, LY_SYM(Span))) {
        int64_t f, t, st;
        if (!span_bounds(vm, c, s, x, n, &f, &t, &st)) {
            if (!c->failed) { ly_message(vm, LY_SYM(Part), "pkspec1", 1, s); c->failed = true; }
            return NULL;
        }
        size_t m = st > 0 ? (t >= f ? (size_t)((t - f) / st + 1) : 0) : (f >= t ? (size_t)((f - t) / -st + 1) : 0);
        if (ly_is_packed(x) && ns == 1 && st > 0 && m > 0) return packed_rows(vm, x, (size_t)f - 1, m, (size_t)st);
        size_t *idx = ly_alloc(vm, (m ? m : 1) * sizeof(size_t));
        if (!idx) return ly_raise_nomem(vm);
        for (size_t k = 0; k < m; k++) idx[k] = (size_t)(f + (int64_t)k * st);
        LyExpr r = part_many(vm, c, x, idx, m, specs + 1, ns - 1);
        ly_dealloc(vm, idx, (m ? m : 1) * sizeof(size_t));
        return r;
    }
    if (lys_is_list(s)) {
        LyExpr u = lys_unpacked(vm, s);
        if (!u) return NULL;
        size_t m = ly_nlen(u);
        LY_SCRATCH(size_t, idx, vm, m);
        if (!idx) { ly_unref(vm, u); return NULL; }
        bool keys = assoc;
        for (size_t k = 0; k < m; k++) {
            LyExpr a = ly_narg(u, k + 1);
            if (ly_is_small(a)) { keys = false; }
            else if (!(assoc && (ly_is_string(a) || ly_head_is(a, LY_SYM(Key))))) {
                ly_message(vm, LY_SYM(Part), "pkspec1", 1, s);
                c->failed = true;
                ly_unref(vm, u);
                return NULL;
            }
        }
        if (keys) {
            /* a list of keys: a list of values */
            LyExpr out = ly_mknormal(vm, LY_SYM(List), m);
            for (size_t k = 0; out && k < m; k++) {
                LyExpr one = ly_narg(u, k + 1);
                LyExpr v = part_rec(vm, c, x, &one, 1);
                LyExpr w = v ? part_rec(vm, c, v, specs + 1, ns - 1) : NULL;
                ly_unref(vm, v);
                if (!w) { lys_abandon(vm, out, k + 1); out = NULL; break; }
                ly_nset(out, k + 1, w);
            }
            ly_unref(vm, u);
            return out;
        }
        for (size_t k = 0; k < m; k++) {
            LyExpr a = ly_narg(u, k + 1);
            if (!resolve(ly_small(a), n, &idx[k]) || idx[k] == 0) {
                part_message(vm, "partw", 2, a, x, NULL);
                c->failed = true;
                ly_unref(vm, u);
                return NULL;
            }
        }
        ly_unref(vm, u);
        return part_many(vm, c, x, idx, m, specs + 1, ns - 1);
    }
    ly_message(vm, LY_SYM(Part), "pkspec1", 1, s);
    c->failed = true;
    return NULL;
}

static LyExpr b_part(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) == 0) return NULL;
    if (ly_nlen(e) == 1) { ly_ref(ly_narg(e, 1)); return ly_narg(e, 1); }
    PartCtx c = { e, false };
    LyExpr r = part_rec(vm, &c, ly_narg(e, 1), ly_nargs(e) + 1, ly_nlen(e) - 1);
    return r;
}

/* ---- First, Last, Rest, Most ------------------------------------------------------------------ */

static bool need_compound(LyVM *vm, LyExpr e, LyExpr x) {
    if (is_compound(x)) return true;
    ly_message(vm, ly_nhead(e), "normal", 2, ly_mksmall(1), e);
    return false;
}

static LyExpr first_last(LyVM *vm, LyExpr e, bool first) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!need_compound(vm, e, x)) return NULL;
    size_t n = ly_length(x);
    if (n == 0) {
        if (ly_nlen(e) == 2) return lys_eval_steal(vm, (ly_ref(ly_narg(e, 2)), ly_narg(e, 2)));
        ly_message(vm, ly_nhead(e), first ? "nofirst" : "nolast", 1, x);
        return NULL;
    }
    return element(vm, x, first ? 1 : n);
}

static LyExpr b_first(LyVM *vm, LyExpr e) { return first_last(vm, e, true); }
static LyExpr b_last(LyVM *vm, LyExpr e) { return first_last(vm, e, false); }

/* Elements [from, to] (1-based, inclusive, step) of x with x's head. */
static LyExpr slice(LyVM *vm, LyExpr x, int64_t from, int64_t to, int64_t step) {
    size_t m = step > 0 ? (to >= from ? (size_t)((to - from) / step + 1) : 0)
                        : (from >= to ? (size_t)((from - to) / -step + 1) : 0);
    if (ly_is_packed(x) && m > 0 && step > 0) return packed_rows(vm, x, (size_t)from - 1, m, (size_t)step);
    LyExpr *items = ly_alloc(vm, (m ? m : 1) * sizeof(LyExpr));
    size_t *idx = ly_alloc(vm, (m ? m : 1) * sizeof(size_t));
    LyExpr r = NULL;
    size_t k = 0;
    if (items && idx) {
        for (; k < m; k++) {
            idx[k] = (size_t)(from + (int64_t)k * step) - 1;
            items[k] = element(vm, x, idx[k] + 1);
            if (!items[k]) break;
        }
        if (k == m) r = rebuild(vm, x, m, items, idx);
    }
    for (size_t j = 0; j < k; j++) ly_unref(vm, items[j]);
    if (items) ly_dealloc(vm, items, (m ? m : 1) * sizeof(LyExpr));
    if (idx) ly_dealloc(vm, idx, (m ? m : 1) * sizeof(size_t));
    if (!r && !ly_unwinding(vm)) return ly_raise_nomem(vm);
    return r;
}

static LyExpr rest_most(LyVM *vm, LyExpr e, bool rest) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!need_compound(vm, e, x)) return NULL;
    int64_t n = (int64_t)ly_length(x);
    if (n == 0) { ly_message(vm, ly_nhead(e), rest ? "norest" : "nomost", 1, x); return NULL; }
    return rest ? slice(vm, x, 2, n, 1) : slice(vm, x, 1, n - 1, 1);
}

static LyExpr b_rest(LyVM *vm, LyExpr e) { return rest_most(vm, e, true); }
static LyExpr b_most(LyVM *vm, LyExpr e) { return rest_most(vm, e, false); }

/* ---- Take, Drop ------------------------------------------------------------------------------- */

/* Parses a sequence spec against length n into from..to step. 0: bad spec,
 * -1: out of range, 1: ok. */
static int seq_spec(LyExpr s, int64_t n, int64_t *from, int64_t *to, int64_t *step) {
    *step = 1;
    if (s == LY_SYM(All)) { *from = 1; *to = n; return 1; }
    if (s == LY_SYM(None)) { *from = 1; *to = 0; return 1; }
    if (ly_is_small(s)) {
        int64_t k = ly_small(s);
        if (k >= 0) { *from = 1; *to = k; return k <= n ? 1 : -1; }
        *from = n + k + 1; *to = n;
        return -k <= n ? 1 : -1;
    }
    if (ly_is_normal(s) && ly_is_sym(ly_nhead(s)) && !strcmp(ly_sym(ly_nhead(s))->name, "UpTo") &&
        ly_nlen(s) == 1 && ly_is_small(ly_narg(s, 1))) {
        int64_t k = ly_small(ly_narg(s, 1));
        *from = 1; *to = k < n ? k : n;
        return k >= 0 ? 1 : 0;
    }
    if (!ly_head_is(s, LY_SYM(List)) || ly_nlen(s) < 1 || ly_nlen(s) > 3) return 0;
    for (size_t i = 1; i <= ly_nlen(s); i++) if (!ly_is_small(ly_narg(s, i))) return 0;
    int64_t a = ly_small(ly_narg(s, 1));
    int64_t b = ly_nlen(s) >= 2 ? ly_small(ly_narg(s, 2)) : a;
    if (ly_nlen(s) == 3) { *step = ly_small(ly_narg(s, 3)); if (*step == 0) return 0; }
    if (a < 0) a += n + 1;
    if (b < 0) b += n + 1;
    *from = a; *to = b;
    if (a < 1 || a > n + 1 || b < 0 || b > n) return -1;
    if (*step > 0 ? a > b + 1 : b > a + 1) return -1;
    if (a == n + 1 && b != n) return -1;
    return 1;
}

static LyExpr take_drop(LyVM *vm, LyExpr e, LyExpr x, const LyExpr *specs, size_t ns, bool take);

/* Applies the remaining specs to every element of r (a fresh result). */
static LyExpr deeper(LyVM *vm, LyExpr e, LyExpr r, const LyExpr *specs, size_t ns, bool take) {
    if (!r || ns == 0) return r;
    size_t n = ly_length(r);
    LY_SCRATCH(LyExpr, items, vm, n);
    LY_SCRATCH(size_t, idx, vm, n);
    if (!items || !idx) { ly_unref(vm, r); return NULL; }
    size_t k = 0;
    for (; k < n; k++) {
        LyExpr el = element(vm, r, k + 1);
        items[k] = el ? take_drop(vm, e, el, specs, ns, take) : NULL;
        ly_unref(vm, el);
        idx[k] = k;
        if (!items[k]) break;
    }
    LyExpr out = k == n ? rebuild(vm, r, n, items, idx) : NULL;
    for (size_t j = 0; j < k; j++) ly_unref(vm, items[j]);
    ly_unref(vm, r);
    return out;
}

static LyExpr take_drop(LyVM *vm, LyExpr e, LyExpr x, const LyExpr *specs, size_t ns, bool take) {
    LyExpr f = ly_nhead(e);
    if (!is_compound(x)) {
        ly_message(vm, f, "normal", 2, ly_mksmall(1), e);
        return NULL;
    }
    int64_t n = (int64_t)ly_length(x), from, to, step;
    int ok = seq_spec(specs[0], n, &from, &to, &step);
    if (ok == 0) {
        ly_set_message(vm, ly_sym(f)->name, "seqs",
                       "Sequence specification (+n, -n, {+n}, {-n}, {m, n}, or {m, n, s}) expected at position `1` in `2`.");
        ly_message(vm, f, "seqs", 2, ly_mksmall(2), e);
        return NULL;
    }
    if (ok < 0) {
        LyExpr s = specs[0];
        LyExpr a, b;
        if (ly_is_small(s)) {
            int64_t k = ly_small(s);
            a = ly_mksmall(k >= 0 ? 1 : k); b = ly_mksmall(k >= 0 ? k : -1);
        } else {
            a = ly_narg(s, 1); b = ly_nlen(s) >= 2 ? ly_narg(s, 2) : a;
        }
        ly_message(vm, f, take ? "take" : "drop", 3, a, b, x);
        return NULL;
    }
    if (take) return deeper(vm, e, slice(vm, x, from, to, step), specs + 1, ns - 1, take);
    /* Drop: the complement of the selected positions */
    if (step < 0) { int64_t t = from; from = to; to = t; step = -step; }
    bool *drop = ly_alloc(vm, (size_t)n + 1);
    if (!drop) return ly_raise_nomem(vm);
    memset(drop, 0, (size_t)n + 1);
    for (int64_t i = from; i <= to; i += step) drop[i] = true;
    size_t m = 0;
    for (int64_t i = 1; i <= n; i++) m += !drop[i];
    LyExpr *items = ly_alloc(vm, (m ? m : 1) * sizeof(LyExpr));
    size_t *idx = ly_alloc(vm, (m ? m : 1) * sizeof(size_t));
    LyExpr r = NULL;
    size_t k = 0;
    if (items && idx) {
        for (int64_t i = 1; i <= n; i++) {
            if (drop[i]) continue;
            idx[k] = (size_t)i - 1;
            items[k] = element(vm, x, (size_t)i);
            if (!items[k]) break;
            k++;
        }
        if (k == m) r = rebuild(vm, x, m, items, idx);
    }
    for (size_t j = 0; j < k; j++) ly_unref(vm, items[j]);
    if (items) ly_dealloc(vm, items, (m ? m : 1) * sizeof(LyExpr));
    if (idx) ly_dealloc(vm, idx, (m ? m : 1) * sizeof(size_t));
    ly_dealloc(vm, drop, (size_t)n + 1);
    return deeper(vm, e, r, specs + 1, ns - 1, take);
}

static LyExpr b_take(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, SIZE_MAX)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    return take_drop(vm, e, ly_narg(e, 1), ly_nargs(e) + 1, ly_nlen(e) - 1, true);
}

static LyExpr b_drop(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, SIZE_MAX)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    return take_drop(vm, e, ly_narg(e, 1), ly_nargs(e) + 1, ly_nlen(e) - 1, false);
}

/* ---- Append, Prepend, Join ------------------------------------------------------------------ */

static bool is_rule(LyExpr r) {
    return (ly_head_is(r, LY_SYM(Rule)) || ly_head_is(r, LY_SYM(RuleDelayed))) && ly_nlen(r) == 2;
}

static LyExpr append_prepend(LyVM *vm, LyExpr e, bool append) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return NULL;                 /* operator form */
    LyExpr x = ly_narg(e, 1), a = ly_narg(e, 2);
    if (ly_type(x) == LY_TASSOC) {
        LyAssoc *as = ly_assoc(x);
        size_t extra = is_rule(a) ? 1 : ly_head_is(a, LY_SYM(List)) ? ly_nlen(a) : 0;
        if (!extra && !is_rule(a)) return NULL;
        LY_SCRATCH(LyExpr, rules, vm, as->len + extra);
        if (!rules) return NULL;
        size_t k = 0;
        if (!append) { if (is_rule(a)) rules[k++] = a; else for (size_t i = 1; i <= extra; i++) rules[k++] = ly_narg(a, i); }
        for (size_t i = 0; i < as->len; i++) rules[k++] = as->rules[i];
        if (append) { if (is_rule(a)) rules[k++] = a; else for (size_t i = 1; i <= extra; i++) rules[k++] = ly_narg(a, i); }
        for (size_t i = 0; i < k; i++) if (!is_rule(rules[i])) return NULL;
        if (!append) {
            /* later keys win, but prepended ones must not override: rebuild
             * so existing keys keep their values */
            LyExpr tmp = ly_mkassoc(vm, k - as->len, rules);
            if (!tmp) return NULL;
            LY_SCRATCH(LyExpr, all, vm, k);
            if (!all) { ly_unref(vm, tmp); return NULL; }
            size_t m = 0;
            for (size_t i = 0; i < ly_assoc(tmp)->len; i++)
                if (!ly_assoc_lookup(x, ly_narg(ly_assoc(tmp)->rules[i], 1))) all[m++] = ly_assoc(tmp)->rules[i];
            for (size_t i = 0; i < as->len; i++) all[m++] = as->rules[i];
            LyExpr r = ly_mkassoc(vm, m, all);
            ly_unref(vm, tmp);
            return r;
        }
        return ly_mkassoc(vm, k, rules);
    }
    if (!is_compound(x)) {
        ly_message(vm, ly_nhead(e), "normal", 2, ly_mksmall(1), e);
        return NULL;
    }
    size_t n = ly_length(x);
    if (ly_is_packed(x) && ly_packed(x)->h.aux == 1 && ly_packed(x)->h.flags == LY_PACKED_INT64 && ly_is_small(a)) {
        size_t dims[1] = { n + 1 };
        LyExpr r = ly_mkpacked(vm, LY_PACKED_INT64, 1, dims);
        if (!r) return NULL;
        int64_t *d = ly_packed(r)->data;
        memcpy(d + (append ? 0 : 1), ly_packed(x)->data, n * 8);
        d[append ? n : 0] = ly_small(a);
        return r;
    }
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    LY_SCRATCH(LyExpr, items, vm, n + 1);
    if (!items) { ly_unref(vm, u); return NULL; }
    for (size_t i = 0; i < n; i++) items[i + (append ? 0 : 1)] = ly_narg(u, i + 1);
    items[append ? n : 0] = a;
    LyExpr r = ly_head_is(u, LY_SYM(List)) && ly_is_packed(x) ? lys_list_packed(vm, n + 1, items)
                                                                : ly_apply(vm, ly_nhead(u), n + 1, items);
    ly_unref(vm, u);
    return r;
}

static LyExpr b_append(LyVM *vm, LyExpr e) { return append_prepend(vm, e, true); }
static LyExpr b_prepend(LyVM *vm, LyExpr e) { return append_prepend(vm, e, false); }

/* Join[list1, list2, ..., k]: the lists joined at level k, their parts
 * at the levels above paired up (Join[{{1, 2}}, {{3}}, 2] is {{1, 2, 3}}). */
static LyExpr join_at_level(LyVM *vm, LyExpr e, int64_t k) {
    size_t n = ly_nlen(e) - 1;
    if (k == 1) return ly_apply(vm, ly_nhead(e), n, ly_nargs(e));
    size_t m = 0;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (!lys_is_list(a)) return NULL;
        if (i > 1 && lys_list_len(a) != m) {
            ly_set_message(vm, "Join", "incpt", "Expressions being joined at level `1` have incompatible lengths at positions `2` and `3`.");
            ly_message(vm, ly_nhead(e), "incpt", 3, ly_mksmall(k), ly_mksmall(1), lys_count(i));
            return NULL;
        }
        m = lys_list_len(a);
    }
    LY_SCRATCH(LyExpr, us, vm, n);
    if (!us) return NULL;
    size_t got = 0;
    for (; got < n; got++) if (!(us[got] = lys_unpacked(vm, ly_narg(e, got + 1)))) break;
    LyExpr out = got == n ? ly_mknormal(vm, LY_SYM(List), m) : NULL;
    for (size_t j = 1; out && j <= m; j++) {
        LyExpr call = ly_mknormal(vm, (ly_ref(ly_nhead(e)), ly_nhead(e)), n + 1);
        if (call) {
            for (size_t i = 0; i < n; i++) ly_nset(call, i + 1, (ly_ref(ly_narg(us[i], j)), ly_narg(us[i], j)));
            ly_nset(call, n + 1, ly_mksmall(k - 1));
        }
        LyExpr v = lys_eval_steal(vm, call);
        if (!v) { lys_abandon(vm, out, j); out = NULL; break; }
        ly_nset(out, j, v);
    }
    for (size_t i = 0; i < got; i++) ly_unref(vm, us[i]);
    return out ? lys_pack_steal(vm, out) : NULL;
}

static LyExpr b_join(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n == 0) return ly_list(vm, 0, NULL);
    if (n >= 3 && ly_is_small(ly_narg(e, n)) && ly_small(ly_narg(e, n)) >= 1 && is_compound(ly_narg(e, 1)))
        return join_at_level(vm, e, ly_small(ly_narg(e, n)));
    LyExpr h0 = NULL;
    size_t total = 0;
    bool all_packed = true, all_assoc = true;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (!is_compound(a)) {
            ly_message(vm, ly_nhead(e), "normal", 2, lys_count(i), e);
            return NULL;
        }
        LyExpr h = head_of_compound(a);
        if (h0 && !ly_equal(h, h0)) {
            ly_set_message(vm, "Join", "heads", "Heads `1` and `2` at positions `3` and `4` are expected to be the same.");
            ly_message(vm, ly_nhead(e), "heads", 4, h0, h, ly_mksmall(1), lys_count(i));
            return NULL;
        }
        h0 = h;
        total += ly_length(a);
        if (!ly_is_packed(a)) all_packed = false;
        if (ly_type(a) != LY_TASSOC) all_assoc = false;
    }
    if (n == 1) { ly_ref(ly_narg(e, 1)); return ly_narg(e, 1); }
    if (all_assoc) {
        LY_SCRATCH(LyExpr, rules, vm, total);
        if (!rules) return NULL;
        size_t k = 0;
        for (size_t i = 1; i <= n; i++)
            for (size_t j = 0; j < ly_assoc(ly_narg(e, i))->len; j++) rules[k++] = ly_assoc(ly_narg(e, i))->rules[j];
        return ly_mkassoc(vm, k, rules);
    }
    if (all_packed) {
        LyPacked *p0 = ly_packed(ly_narg(e, 1));
        bool same = true;
        for (size_t i = 2; i <= n && same; i++) {
            LyPacked *p = ly_packed(ly_narg(e, i));
            same = p->h.flags == p0->h.flags && p->h.aux == p0->h.aux &&
                   memcmp(p->dims + 1, p0->dims + 1, (p0->h.aux - 1u) * sizeof(size_t)) == 0;
        }
        if (same) {
            size_t dims[p0->h.aux];
            memcpy(dims, p0->dims, sizeof dims);
            dims[0] = total;
            LyExpr r = ly_mkpacked(vm, (LyPackedType)p0->h.flags, p0->h.aux, dims);
            if (!r) return NULL;
            char *d = ly_packed(r)->data;
            for (size_t i = 1; i <= n; i++) {
                LyPacked *p = ly_packed(ly_narg(e, i));
                memcpy(d, p->data, p->len * 8);
                d += p->len * 8;
            }
            return r;
        }
    }
    LyExpr out = ly_mknormal(vm, (ly_ref(h0), h0), total);
    if (!out) return NULL;
    size_t k = 0;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        for (size_t j = 1; j <= ly_length(a); j++) {
            LyExpr el = element(vm, a, j);
            if (!el) { lys_abandon(vm, out, k + 1); return NULL; }
            ly_nset(out, ++k, el);
        }
    }
    return h0 == LY_SYM(List) ? lys_pack_steal(vm, out) : out;
}

/* ---- Reverse, Riffle, ConstantArray ------------------------------------------------------------ */

static LyExpr b_reverse(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!is_compound(x)) {
        ly_message(vm, ly_nhead(e), "normal", 2, ly_mksmall(1), e);
        return NULL;
    }
    int64_t n = (int64_t)ly_length(x);
    if (n == 0) { ly_ref(x); return x; }
    return slice(vm, x, n, 1, -1);
}

static LyExpr b_riffle(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 3)) return NULL;
    LyExpr x = ly_narg(e, 1), y = ly_narg(e, 2);
    if (!lys_is_list(x)) return NULL;
    LyExpr ux = lys_unpacked(vm, x), uy = lys_is_list(y) ? lys_unpacked(vm, y) : NULL;
    if (!ux) { ly_unref(vm, uy); return NULL; }
    size_t n = ly_nlen(ux), m = uy ? ly_nlen(uy) : 0;
    size_t total;
    bool full = uy && m == n;                  /* {a,b}, {x,y} -> {a,x,b,y} */
    if (uy && !full && m + 1 != n) {
        /* {x} lists of another length are inserted as a whole */
        ly_unref(vm, uy); uy = NULL;
    }
    total = n == 0 ? 0 : (full ? 2 * n : 2 * n - 1);
    LyExpr out = ly_mknormal(vm, LY_SYM(List), total);
    if (out) {
        size_t k = 0;
        for (size_t i = 1; i <= n; i++) {
            LyExpr a = ly_narg(ux, i);
            ly_ref(a); ly_nset(out, ++k, a);
            if (k < total) {
                LyExpr b = uy ? ly_narg(uy, i) : y;
                ly_ref(b); ly_nset(out, ++k, b);
            }
        }
    }
    ly_unref(vm, ux); ly_unref(vm, uy);
    return lys_pack_steal(vm, out);
}

static LyExpr constant_array(LyVM *vm, LyExpr c, const int64_t *dims, size_t r) {
    if (r == 0) { ly_ref(c); return c; }
    if (ly_is_small(c) || ly_is_real(c)) {
        size_t d[r];
        size_t len = 1;
        for (size_t i = 0; i < r; i++) { d[i] = (size_t)dims[i]; len *= d[i]; }
        if (len > 0) {
            LyExpr p = ly_mkpacked(vm, ly_is_small(c) ? LY_PACKED_INT64 : LY_PACKED_REAL, (unsigned)r, d);
            if (!p) return NULL;
            if (ly_is_small(c)) { int64_t v = ly_small(c), *q = ly_packed(p)->data; for (size_t i = 0; i < len; i++) q[i] = v; }
            else { double v = ly_realv(c), *q = ly_packed(p)->data; for (size_t i = 0; i < len; i++) q[i] = v; }
            return p;
        }
    }
    LyExpr out = ly_mknormal(vm, LY_SYM(List), (size_t)dims[0]);
    for (size_t i = 1; out && i <= (size_t)dims[0]; i++) {
        LyExpr sub = constant_array(vm, c, dims + 1, r - 1);
        if (!sub) { lys_abandon(vm, out, i); return NULL; }
        ly_nset(out, i, sub);
    }
    return out;
}

static LyExpr b_constantarray(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 3)) return NULL;
    LyExpr s = ly_narg(e, 2);
    int64_t dims[64];
    size_t r = 0;
    if (ly_is_small(s)) dims[r++] = ly_small(s);
    else if (lys_is_list(s) && lys_list_len(s) < 64) {
        for (size_t i = 1; i <= lys_list_len(s); i++) {
            LyExpr d = ly_part(vm, s, i);
            if (!ly_is_small(d)) { ly_unref(vm, d); return NULL; }
            dims[r++] = ly_small(d);
        }
    } else return NULL;
    double cells = 1;
    for (size_t i = 0; i < r; i++) { if (dims[i] < 0) return NULL; cells *= (double)dims[i]; }
    if (!lys_room(vm, cells, 8)) return NULL;
    return constant_array(vm, ly_narg(e, 1), dims, r);
}

LyExpr lys_flatten_levels(LyVM *vm, LyExpr e, LyExpr x, LyExpr spec, LyExpr head);
LyExpr lys_partition_general(LyVM *vm, LyExpr e);
void lys_reshape_messages(LyVM *vm);

/* ---- Flatten ----------------------------------------------------------------------------------- */

typedef struct Flat { LyVM *vm; LyExpr head; LyExpr *v; size_t n, cap; bool oom; } Flat;

static void flat_push(Flat *f, LyExpr x) {
    if (f->n == f->cap) {
        size_t nc = f->cap ? 2 * f->cap : 16;
        LyExpr *nv = ly_realloc(f->vm, f->v, f->cap * sizeof(LyExpr), nc * sizeof(LyExpr));
        if (!nv) { f->oom = true; ly_unref(f->vm, x); return; }
        f->v = nv; f->cap = nc;
    }
    f->v[f->n++] = x;
}

static void flat_add(Flat *f, LyExpr x, int64_t levels) {
    if (f->oom) return;
    bool same = ly_is_packed(x) ? f->head == LY_SYM(List) : ly_head_is(x, f->head);
    if (levels == 0 || !same) { ly_ref(x); flat_push(f, x); return; }
    size_t n = ly_length(x);
    for (size_t i = 1; i <= n && !f->oom; i++) {
        LyExpr el = element(f->vm, x, i);
        if (!el) { f->oom = true; return; }
        flat_add(f, el, levels - 1);
        ly_unref(f->vm, el);
    }
}

static LyExpr b_flatten(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr x = ly_narg(e, 1);
    int64_t levels = INT64_MAX;
    if (ly_nlen(e) >= 2) {
        LyExpr l = ly_narg(e, 2);
        if (ly_is_small(l) && ly_small(l) >= 0) levels = ly_small(l);
        else if (lys_is_list(l) && is_compound(x) && ly_type(x) != LY_TASSOC)
            return lys_flatten_levels(vm, e, x, l, ly_nlen(e) == 3 ? ly_narg(e, 3) : head_of_compound(x));
        else if (!lys_infinity_sign(l)) return NULL;
    }
    if (!is_compound(x) || ly_type(x) == LY_TASSOC) {
        if (ly_type(x) == LY_TASSOC) { ly_ref(x); return x; }
        ly_message(vm, ly_nhead(e), "normal", 2, ly_mksmall(1), e);
        return NULL;
    }
    LyExpr head = ly_nlen(e) == 3 ? ly_narg(e, 3) : head_of_compound(x);
    if (ly_is_packed(x) && head == LY_SYM(List)) {
        LyPacked *p = ly_packed(x);
        size_t k = levels >= p->h.aux ? p->h.aux - 1u : (size_t)levels;   /* levels merged */
        if (k == 0) { ly_ref(x); return x; }
        size_t dims[p->h.aux];
        size_t r = 0, lead = 1;
        for (size_t i = 0; i <= k; i++) lead *= p->dims[i];
        dims[r++] = lead;
        for (size_t i = k + 1; i < p->h.aux; i++) dims[r++] = p->dims[i];
        LyExpr out = ly_mkpacked(vm, (LyPackedType)p->h.flags, (unsigned)r, dims);
        if (out) memcpy(ly_packed(out)->data, p->data, p->len * 8);
        return out;
    }
    Flat f = { vm, head, NULL, 0, 0, false };
    size_t n = ly_length(x);
    for (size_t i = 1; i <= n && !f.oom; i++) {
        LyExpr el = element(vm, x, i);
        if (!el) { f.oom = true; break; }
        flat_add(&f, el, levels);
        ly_unref(vm, el);
    }
    LyExpr r = NULL;
    if (!f.oom) r = head_of_compound(x) == LY_SYM(List) ? lys_list_packed(vm, f.n, f.v)
                                                        : ly_apply(vm, head_of_compound(x), f.n, f.v);
    for (size_t i = 0; i < f.n; i++) ly_unref(vm, f.v[i]);
    if (f.v) ly_dealloc(vm, f.v, f.cap * sizeof(LyExpr));
    if (f.oom && !ly_unwinding(vm)) return ly_raise_nomem(vm);
    return r;
}

/* ---- Partition ---------------------------------------------------------------------------------- */

static LyExpr b_partition(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 5)) return NULL;
    LyExpr x = ly_narg(e, 1), sn = ly_narg(e, 2), sd = ly_nlen(e) >= 3 ? ly_narg(e, 3) : sn;
    if (ly_nlen(e) > 3 || !ly_is_small(sn) || !ly_is_small(sd)) return lys_partition_general(vm, e);
    if (!is_compound(x)) return NULL;
    if (ly_small(sn) <= 0 || ly_small(sd) <= 0) {
        ly_message(vm, ly_nhead(e), "ilsmp", 1, e);
        return NULL;
    }
    size_t n = ly_length(x), k = (size_t)ly_small(sn), d = (size_t)ly_small(sd);
    size_t m = n >= k ? (n - k) / d + 1 : 0;
    if (ly_is_packed(x) && m > 0 && ly_packed(x)->h.aux == 1) {
        size_t dims[2] = { m, k };
        LyExpr r = ly_mkpacked(vm, (LyPackedType)ly_packed(x)->h.flags, 2, dims);
        if (!r) return NULL;
        char *dst = ly_packed(r)->data;
        for (size_t i = 0; i < m; i++) memcpy(dst + i * k * 8, (char *)ly_packed(x)->data + i * d * 8, k * 8);
        return r;
    }
    LyExpr h = head_of_compound(x);
    LyExpr out = ly_mknormal(vm, (ly_ref(h), h), m);
    for (size_t i = 0; out && i < m; i++) {
        LyExpr part = slice(vm, x, (int64_t)(i * d + 1), (int64_t)(i * d + k), 1);
        if (!part) { lys_abandon(vm, out, i + 1); return NULL; }
        ly_nset(out, i + 1, part);
    }
    return h == LY_SYM(List) ? lys_pack_steal(vm, out) : out;
}

/* ---- Transpose ------------------------------------------------------------------------------------ */

static LyExpr b_transpose(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_is_packed(x) && ly_packed(x)->h.aux == 2 && ly_nlen(e) == 1) {
        LyPacked *p = ly_packed(x);
        size_t r = p->dims[0], c = p->dims[1], dims[2] = { c, r };
        LyExpr out = ly_mkpacked(vm, (LyPackedType)p->h.flags, 2, dims);
        if (!out) return NULL;
        const uint64_t *s = p->data;
        uint64_t *d = ly_packed(out)->data;
        for (size_t i = 0; i < r; i++)
            for (size_t j = 0; j < c; j++) d[j * r + i] = s[i * c + j];
        return out;
    }
    if (ly_is_packed(x) && ly_packed(x)->h.aux == 1) { ly_ref(x); return x; }
    if (!lys_is_list(x) || ly_nlen(e) != 1) return NULL;
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    size_t r = ly_nlen(u), c = 0;
    bool ok = true;
    for (size_t i = 1; i <= r && ok; i++) {
        LyExpr row = ly_narg(u, i);
        if (!lys_is_list(row)) ok = false;
        else if (i == 1) c = lys_list_len(row);
        else if (lys_list_len(row) != c) ok = false;
    }
    if (!ok) {
        ly_set_message(vm, "Transpose", "nmtx", "The first two levels of `1` cannot be transposed.");
        ly_message(vm, ly_nhead(e), "nmtx", 1, x);
        ly_unref(vm, u);
        return NULL;
    }
    if (r == 0) { ly_unref(vm, u); ly_ref(x); return x; }
    LyExpr out = ly_mknormal(vm, LY_SYM(List), c);
    for (size_t j = 1; out && j <= c; j++) {
        LyExpr col = ly_mknormal(vm, LY_SYM(List), r);
        for (size_t i = 1; col && i <= r; i++) {
            LyExpr el = element(vm, ly_narg(u, i), j);
            if (!el) { lys_abandon(vm, col, i); col = NULL; break; }
            ly_nset(col, i, el);
        }
        if (!col) { lys_abandon(vm, out, j); out = NULL; break; }
        ly_nset(out, j, col);
    }
    ly_unref(vm, u);
    return lys_pack_steal(vm, out);
}

/* ---- Thread ------------------------------------------------------------------------------------ */

static LyExpr b_thread(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    LyExpr h = ly_nlen(e) == 2 ? ly_narg(e, 2) : LY_SYM(List);
    if (!ly_is_normal(x)) { ly_ref(x); return x; }
    size_t n = ly_nlen(x), len = SIZE_MAX;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(x, i);
        bool over = h == LY_SYM(List) ? lys_is_list(a) : ly_head_is(a, h);
        if (!over) continue;
        size_t l = ly_length(a);
        if (len != SIZE_MAX && l != len) {
            ly_message(vm, LY_SYM(Thread), "tdlen", 1, x);
            return NULL;
        }
        len = l;
    }
    if (len == SIZE_MAX) { ly_ref(x); return x; }
    LyExpr out = ly_mknormal(vm, (ly_ref(h), h), len);
    for (size_t k = 1; out && k <= len; k++) {
        LyExpr call = ly_mknormal(vm, (ly_ref(ly_nhead(x)), ly_nhead(x)), n);
        for (size_t i = 1; call && i <= n; i++) {
            LyExpr a = ly_narg(x, i);
            bool over = h == LY_SYM(List) ? lys_is_list(a) : ly_head_is(a, h);
            LyExpr v = over ? element(vm, a, k) : (ly_ref(a), a);
            if (!v) { lys_abandon(vm, call, i); call = NULL; break; }
            ly_nset(call, i, v);
        }
        if (!call) { lys_abandon(vm, out, k); return NULL; }
        ly_nset(out, k, call);
    }
    return out;
}

/* ---- table ---------------------------------------------------------------------------------------- */

static const LyBuiltin list_builtins[] = {
    { "Part", b_part, "NHoldRest Protected ReadProtected",
      "expr[[i]] or Part[expr, i] gives the i-th part of expr." },
    { "First", b_first, "Protected", "First[expr] gives the first element in expr." },
    { "Last", b_last, "Protected", "Last[expr] gives the last element in expr." },
    { "Rest", b_rest, "Protected", "Rest[expr] gives expr with the first element removed." },
    { "Most", b_most, "Protected", "Most[expr] gives expr with the last element removed." },
    { "Take", b_take, "NHoldRest Protected", "Take[list, n] gives the first n elements of list." },
    { "Drop", b_drop, "NHoldRest Protected", "Drop[list, n] gives list with its first n elements dropped." },
    { "Append", b_append, "Protected", "Append[expr, elem] gives expr with elem appended." },
    { "Prepend", b_prepend, "Protected", "Prepend[expr, elem] gives expr with elem prepended." },
    { "Join", b_join, "Flat OneIdentity Protected",
      "Join[list1, list2, ...] concatenates lists or other expressions that share the same head." },
    { "Reverse", b_reverse, "Protected", "Reverse[expr] reverses the order of the elements in expr." },
    { "Riffle", b_riffle, "Protected", "Riffle[{e1, e2, ...}, x] gives {e1, x, e2, x, ...}." },
    { "ConstantArray", b_constantarray, "Protected",
      "ConstantArray[c, n] generates a list of n copies of the element c." },
    { "Flatten", b_flatten, "Protected",
      "Flatten[list] flattens out nested lists.\nFlatten[list, n] flattens to level n.\n"
      "Flatten[list, n, h] flattens subexpressions with head h.\n"
      "Flatten[list, {{s11, s12, ...}, {s21, ...}, ...}] flattens list by combining all levels sij to make each level i in the result." },
    { "Partition", b_partition, "Protected",
      "Partition[list, n] partitions list into nonoverlapping sublists of length n.\n"
      "Partition[list, n, d] generates sublists with offset d.\n"
      "Partition[list, {n1, n2, ...}] partitions a nested list into blocks of size n1 x n2 x ....\n"
      "Partition[list, n, d, {kL, kR}] makes the first element appear at position kL of the first sublist and the last at or after position kR of the last, treating list as cyclic.\n"
      "Partition[list, n, d, {kL, kR}, x] pads with x; {x1, x2, ...} pads cyclically; {} uses no padding.\n"
      "Partition[list, UpTo[n]] partitions into sublists of length up to n." },
    { "Transpose", b_transpose, "Protected", "Transpose[list] transposes the first two levels in list." },
    { "Thread", b_thread, "Protected",
      "Thread[f[args]] \"threads\" f over any lists that appear in args." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_lists(LyVM *vm);
LyStatus lys_open_lists(LyVM *vm) {
    ly_set_message(vm, "General", "normal", "Nonatomic expression expected at position `1` in `2`.");
    ly_set_message(vm, "First", "nofirst", "`1` has zero length and no first element.");
    ly_set_message(vm, "Last", "nolast", "`1` has zero length and no last element.");
    ly_set_message(vm, "Rest", "norest", "Cannot take Rest of expression `1` with length zero.");
    ly_set_message(vm, "Most", "nomost", "Cannot take Most of expression `1` with length zero.");
    ly_set_message(vm, "Take", "take", "Cannot take positions `1` through `2` in `3`.");
    ly_set_message(vm, "Drop", "drop", "Cannot drop positions `1` through `2` in `3`.");
    ly_set_message(vm, "Part", "partd", "Part specification `1` is longer than depth of object.");
    lys_reshape_messages(vm);
    return ly_register_table(vm, list_builtins);
}
