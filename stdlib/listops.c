/*
 * listops.c — rearranging and testing lists: Insert, Delete, ReplacePart,
 * Extract, RotateLeft, RotateRight, Ordering, Gather, GatherBy, Split,
 * SplitBy, Pick, PadLeft, PadRight, TakeWhile, LengthWhile, AllTrue,
 * AnyTrue, NoneTrue, MapThread, Catenate, MinMax, Commonest, Level,
 * Nothing.  Written against lyra.h + lyra_ext.h.
 *
 * Every function takes packed arrays as the lists they stand for and
 * packs numeric results again.  Functions with an operator form
 * (AllTrue[test][list], MapThread[f][lists], ...) are registered with the
 * OperatorForm pseudo-attribute and rebuild the full call.
 */
#include <stdlib.h>
#include <string.h>
#include "lys_data.h"
#include "lys_ctl.h"

/* ---- helpers ------------------------------------------------------------------------------ */

static bool compound(LyExpr x) {
    int t = ly_type(x);
    return t == LY_TNORMAL || t == LY_TPACKED;
}

/* x as a normal expression (packed arrays unpacked); new reference. */
static LyExpr norm(LyVM *vm, LyExpr x) { return lys_unpacked(vm, x); }

/* h[items] packed when h is List. Borrows items. */
static LyExpr build(LyVM *vm, LyExpr h, size_t n, const LyExpr *items) {
    if (h == LY_SYM(List)) return lys_list_packed(vm, n, items);
    return ly_apply(vm, h, n, items);
}

/* The operator form f[a...][x...] as the full call f[x..., a...]. */
static LyExpr opform(LyVM *vm, LyExpr e, LyCFunction fn) {
    LyExpr op = ly_nhead(e);
    size_t k = ly_nlen(op), m = ly_nlen(e);
    LyExpr full = ly_mknormal(vm, (ly_ref(ly_nhead(op)), ly_nhead(op)), k + m);
    if (!full) return NULL;
    for (size_t i = 1; i <= m; i++) { ly_ref(ly_narg(e, i)); ly_nset(full, i, ly_narg(e, i)); }
    for (size_t i = 1; i <= k; i++) { ly_ref(ly_narg(op, i)); ly_nset(full, m + i, ly_narg(op, i)); }
    LyExpr r = fn(vm, full);
    ly_unref(vm, full);
    return r;
}

static bool truth(LyVM *vm, LyExpr f, LyExpr x, bool *ok) {
    LyExpr r = lys_call1(vm, f, x);
    *ok = r != NULL;
    bool t = r == LY_SYM(True);
    ly_unref(vm, r);
    return t;
}

static void nonatomic(LyVM *vm, LyExpr e, size_t pos) {
    ly_message(vm, ly_nhead(e), "normal", 2, lys_count(pos), e);
}

/* A growable vector of references. */
typedef struct Vec { LyExpr *v; size_t n, cap; } Vec;

static bool vec_push(LyVM *vm, Vec *a, LyExpr x) {     /* steals x */
    if (a->n == a->cap) {
        size_t nc = a->cap ? 2 * a->cap : 8;
        LyExpr *nv = ly_realloc(vm, a->v, a->cap * sizeof(LyExpr), nc * sizeof(LyExpr));
        if (!nv) { ly_unref(vm, x); ly_raise_nomem(vm); return false; }
        a->v = nv; a->cap = nc;
    }
    a->v[a->n++] = x;
    return true;
}

static void vec_free(LyVM *vm, Vec *a) {
    for (size_t i = 0; i < a->n; i++) ly_unref(vm, a->v[i]);
    if (a->v) ly_dealloc(vm, a->v, a->cap * sizeof(LyExpr));
    a->v = NULL; a->n = a->cap = 0;
}

/* The vector as head[...] (consumed). */
static LyExpr vec_build(LyVM *vm, Vec *a, LyExpr h) {
    LyExpr r = build(vm, h, a->n, a->v);
    vec_free(vm, a);
    return r;
}

/* ---- positions: Insert, Delete, ReplacePart, Extract ---------------------------------------- */

typedef enum { P_INSERT, P_DELETE, P_REPLACE } PosOp;

/* x with op applied at the position pos[0..np) (small integers); v is the
 * element to insert / the replacement.  NULL after a message. */
static LyExpr at_position(LyVM *vm, LyExpr e, LyExpr x, const int64_t *pos, size_t np, PosOp op, LyExpr v) {
    if (!compound(x)) {
        ly_set_message(vm, ly_symbol_name(ly_nhead(e)), "partw", "Part `1` of `2` does not exist.");
        ly_message(vm, ly_nhead(e), "partw", 2, ly_mksmall(pos[0]), x);
        return NULL;
    }
    LyExpr u = norm(vm, x);
    if (!u) return NULL;
    int64_t n = (int64_t)ly_nlen(u), i = pos[0];
    bool ins = op == P_INSERT && np == 1;
    int64_t lim = ins ? n + 1 : n;
    if (i < 0) i += lim + 1;
    if (i < (op == P_REPLACE || op == P_DELETE ? 0 : 1) || i > lim) {
        LyExpr pl = ly_mknormal(vm, LY_SYM(List), np);
        for (size_t k = 0; pl && k < np; k++) ly_nset(pl, k + 1, ly_mksmall(pos[k]));
        const char *tag = op == P_INSERT ? "ins" : op == P_DELETE ? "partw" : "partw";
        if (op == P_INSERT) {
            ly_set_message(vm, "Insert", "ins", "Cannot insert at position `1` in `2`.");
            ly_message(vm, ly_nhead(e), tag, 2, pl, x);
        } else {
            ly_set_message(vm, ly_symbol_name(ly_nhead(e)), "partw", "Part `1` of `2` does not exist.");
            ly_message(vm, ly_nhead(e), tag, 2, pl, x);
        }
        ly_unref(vm, pl);
        ly_unref(vm, u);
        return NULL;
    }
    LyExpr h = ly_nhead(u);
    LyExpr r = NULL;
    if (np > 1) {
        if (i == 0) { ly_unref(vm, u); return NULL; }
        LyExpr sub = at_position(vm, e, ly_narg(u, (size_t)i), pos + 1, np - 1, op, v);
        LY_SCRATCH(LyExpr, items, vm, (size_t)n);
        if (sub && items) {
            for (int64_t k = 0; k < n; k++) items[k] = ly_narg(u, (size_t)k + 1);
            items[i - 1] = sub;
            r = ly_is_packed(x) ? build(vm, h, (size_t)n, items) : ly_apply(vm, h, (size_t)n, items);
        }
        ly_unref(vm, sub);
        ly_unref(vm, u);
        return r;
    }
    if (i == 0) {
        if (op == P_REPLACE) r = ly_apply(vm, v, (size_t)n, ly_nargs(u));
        else r = ly_apply(vm, LY_SYM(Sequence), (size_t)n, ly_nargs(u));
        ly_unref(vm, u);
        return r;
    }
    size_t m = op == P_INSERT ? (size_t)n + 1 : op == P_DELETE ? (size_t)n - 1 : (size_t)n;
    LY_SCRATCH(LyExpr, items, vm, m);
    if (!items) { ly_unref(vm, u); return NULL; }
    size_t k = 0;
    for (int64_t j = 1; j <= n + 1; j++) {
        if (j == i) {
            if (op == P_INSERT) items[k++] = v;
            else if (op == P_REPLACE) { items[k++] = v; continue; }
            else continue;
        }
        if (j <= n) items[k++] = ly_narg(u, (size_t)j);
    }
    bool repack = ly_is_packed(x) || h != LY_SYM(List);
    r = repack ? build(vm, h, m, items) : ly_apply(vm, h, m, items);
    ly_unref(vm, u);
    return r;
}

/* A position spec: n or {i, j, ...} of small integers. */
static bool position_of(LyExpr p, int64_t *pos, size_t *np, size_t max) {
    if (ly_is_small(p)) { pos[0] = ly_small(p); *np = 1; return true; }
    if (!ly_head_is(p, LY_SYM(List)) || ly_nlen(p) == 0 || ly_nlen(p) > max) {
        if (ly_is_packed(p) && ly_packed(p)->h.aux == 1 && ly_packed(p)->h.flags == LY_PACKED_INT64 &&
            ly_packed(p)->len <= max && ly_packed(p)->len > 0) {
            memcpy(pos, ly_packed(p)->data, ly_packed(p)->len * sizeof(int64_t));
            *np = ly_packed(p)->len;
            return true;
        }
        return false;
    }
    for (size_t i = 1; i <= ly_nlen(p); i++) {
        if (!ly_is_small(ly_narg(p, i))) return false;
        pos[i - 1] = ly_small(ly_narg(p, i));
    }
    *np = ly_nlen(p);
    return true;
}

/* A list of positions {{i..}, {j..}} (or a packed matrix): count, else 0. */
static size_t position_list(LyVM *vm, LyExpr p, LyExpr *u) {
    *u = NULL;
    if (!lys_is_list(p) || lys_list_len(p) == 0) return 0;
    LyExpr l = norm(vm, p);
    if (!l) return 0;
    for (size_t i = 1; i <= ly_nlen(l); i++)
        if (!lys_is_list(ly_narg(l, i))) { ly_unref(vm, l); return 0; }
    *u = l;
    return ly_nlen(l);
}

static int cmp_desc_pos(const void *a, const void *b) {
    /* deepest-last positions first so earlier deletions do not shift later ones */
    const int64_t *x = *(const int64_t *const *)a, *y = *(const int64_t *const *)b;
    for (size_t i = 1; i <= (size_t)x[0] && i <= (size_t)y[0]; i++)
        if (x[i] != y[i]) return x[i] < y[i] ? 1 : -1;
    return x[0] < y[0] ? 1 : x[0] > y[0] ? -1 : 0;
}

static LyExpr multi_positions(LyVM *vm, LyExpr e, LyExpr x, LyExpr plist, PosOp op, LyExpr v) {
    size_t m = ly_nlen(plist);
    LY_SCRATCH(int64_t *, rows, vm, m);
    LY_SCRATCH(int64_t, buf, vm, m > SIZE_MAX / 17 ? SIZE_MAX : m * 17);
    if (!rows || !buf) return NULL;
    for (size_t i = 0; i < m; i++) {
        size_t np;
        LyExpr p = ly_narg(plist, i + 1);
        rows[i] = buf + 17 * i;
        if (!position_of(p, rows[i] + 1, &np, 16)) return NULL;
        rows[i][0] = (int64_t)np;
    }
    /* normalise negative indices against x before sorting would need the
     * shapes; positive positions are the common case */
    qsort(rows, m, sizeof(int64_t *), cmp_desc_pos);
    LyExpr cur = x;
    ly_ref(cur);
    for (size_t i = 0; i < m && cur; i++) {
        if (!ly_safe_point(vm)) { ly_unref(vm, cur); return NULL; }
        LyExpr nx = at_position(vm, e, cur, rows[i] + 1, (size_t)rows[i][0], op, v);
        ly_unref(vm, cur);
        cur = nx;
    }
    return cur;
}

static LyExpr b_insert(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return opform(vm, e, b_insert);
    if (!lys_argc(vm, e, 2, 3)) return NULL;
    if (ly_nlen(e) == 2) return NULL;
    LyExpr x = ly_narg(e, 1), v = ly_narg(e, 2), p = ly_narg(e, 3);
    if (!compound(x)) { nonatomic(vm, e, 1); return NULL; }
    int64_t pos[64];
    size_t np;
    if (position_of(p, pos, &np, 64)) return at_position(vm, e, x, pos, np, P_INSERT, v);
    LyExpr pl;
    if (position_list(vm, p, &pl)) {
        LyExpr r = multi_positions(vm, e, x, pl, P_INSERT, v);
        ly_unref(vm, pl);
        return r;
    }
    ly_set_message(vm, "Insert", "psl", "Position specification `1` in `2` is not an integer or a list of integers.");
    ly_message(vm, ly_nhead(e), "psl", 2, p, e);
    return NULL;
}

static LyExpr b_delete(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return opform(vm, e, b_delete);
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr x = ly_narg(e, 1), p = ly_narg(e, 2);
    if (ly_type(x) == LY_TASSOC) {
        /* Delete[assoc, key], Delete[assoc, Key[k]], Delete[assoc, n], and
         * lists of them ({k1}, {k2}, ...): KeyDrop */
        LyExpr ps = ly_head_is(p, LY_SYM(List)) ? p : NULL;
        size_t n = ps ? ly_nlen(ps) : 1;
        LyExpr keys = ly_mknormal(vm, LY_SYM(List), n);
        for (size_t i = 1; keys && i <= n; i++) {
            LyExpr k = ps ? ly_narg(ps, i) : p;
            if (ly_head_is(k, LY_SYM(List)) && ly_nlen(k) == 1) k = ly_narg(k, 1);
            if (ly_head_is(k, ly_symbol(vm, "Key")) && ly_nlen(k) == 1) k = ly_narg(k, 1);
            else if (ly_is_small(k)) {
                int64_t j = ly_small(k), len = (int64_t)ly_assoc(x)->len;
                if (j < 0) j += len + 1;
                if (j < 1 || j > len) {
                    ly_set_message(vm, "Delete", "partw", "Part `1` of `2` does not exist.");
                    ly_message(vm, ly_nhead(e), "partw", 2, k, x);
                    lys_abandon(vm, keys, i);
                    return NULL;
                }
                k = ly_narg(ly_assoc(x)->rules[j - 1], 1);
            }
            ly_ref(k);
            ly_nset(keys, i, k);
        }
        if (!keys) return NULL;
        LyExpr args[2] = { x, keys };
        LyExpr r = lys_apply_eval(vm, ly_symbol(vm, "KeyDrop"), 2, args);
        ly_unref(vm, keys);
        return r;
    }
    if (!compound(x)) { nonatomic(vm, e, 1); return NULL; }
    int64_t pos[64];
    size_t np;
    if (position_of(p, pos, &np, 64)) return at_position(vm, e, x, pos, np, P_DELETE, NULL);
    LyExpr pl;
    if (position_list(vm, p, &pl)) {
        LyExpr r = multi_positions(vm, e, x, pl, P_DELETE, NULL);
        ly_unref(vm, pl);
        return r;
    }
    ly_set_message(vm, "Delete", "psl", "Position specification `1` in `2` is not an integer or a list of integers.");
    ly_message(vm, ly_nhead(e), "psl", 2, p, e);
    return NULL;
}

static bool is_rule(LyExpr r) {
    return (ly_head_is(r, LY_SYM(Rule)) || ly_head_is(r, LY_SYM(RuleDelayed))) && ly_nlen(r) == 2;
}

static LyExpr replace_one(LyVM *vm, LyExpr e, LyExpr x, LyExpr rule) {
    LyExpr p = ly_narg(rule, 1), v = ly_narg(rule, 2);
    int64_t pos[64];
    size_t np;
    if (position_of(p, pos, &np, 64)) {
        /* ReplacePart ignores positions that do not exist */
        int q = ly_set_quiet(vm, 1);
        LyExpr out = at_position(vm, e, x, pos, np, P_REPLACE, v);
        ly_set_quiet(vm, q);
        if (!out && !ly_unwinding(vm)) { ly_ref(x); return x; }
        return out;
    }
    LyExpr pl;
    if (position_list(vm, p, &pl)) {
        LyExpr cur = x;
        ly_ref(cur);
        for (size_t i = 1; cur && i <= ly_nlen(pl); i++) {
            LyExpr one = ly_mk(vm, LY_SYM(Rule), 2, (ly_ref(ly_narg(pl, i)), ly_narg(pl, i)), (ly_ref(v), v));
            LyExpr nx = one ? replace_one(vm, e, cur, one) : NULL;
            ly_unref(vm, one);
            ly_unref(vm, cur);
            cur = nx;
        }
        ly_unref(vm, pl);
        return cur;
    }
    ly_ref(x);
    return x;
}

static LyExpr b_replacepart(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return opform(vm, e, b_replacepart);
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr x = ly_narg(e, 1), rules = ly_narg(e, 2);
    if (is_rule(rules)) return replace_one(vm, e, x, rules);
    if (!ly_head_is(rules, LY_SYM(List))) return NULL;
    for (size_t i = 1; i <= ly_nlen(rules); i++) if (!is_rule(ly_narg(rules, i))) return NULL;
    LyExpr cur = x;
    ly_ref(cur);
    for (size_t i = 1; cur && i <= ly_nlen(rules); i++) {
        LyExpr nx = replace_one(vm, e, cur, ly_narg(rules, i));
        ly_unref(vm, cur);
        cur = nx;
    }
    return cur;
}

/* The integer path p exists in x (keys and other specs are left to Part);
 * Extract::partw otherwise, as Wolfram, and the call stays. */
static bool extract_path_ok(LyVM *vm, LyExpr e, LyExpr x, LyExpr p) {
    LyExpr *ks = &p;
    size_t nk = 1;
    if (ly_head_is(p, LY_SYM(List))) { ks = ly_nargs(p); nk = ly_nlen(p); }
    else if (ly_is_packed(p)) return true;
    LyExpr cur = x;
    for (size_t i = 0; i < nk; i++) {
        if (!ly_is_small(ks[i])) return true;
        int64_t k = ly_small(ks[i]), len;
        if (ly_is_packed(cur)) {
            LyPacked *pk = ly_packed(cur);
            if (i >= pk->h.aux) len = -1;
            else {
                len = (int64_t)pk->dims[i];
                for (size_t j = i + 1; j < nk; j++) {
                    if (!ly_is_small(ks[j])) return true;
                    int64_t kj = ly_small(ks[j]);
                    if (j >= pk->h.aux || kj == 0 || kj > (int64_t)pk->dims[j] || kj < -(int64_t)pk->dims[j]) {
                        len = -1;
                        break;
                    }
                }
            }
            if (len >= 0 && k != 0 && k <= len && k >= -len) return true;
        } else if (ly_is_normal(cur)) {
            len = (int64_t)ly_nlen(cur);
            if (k <= len && k >= -len) {
                cur = k == 0 ? ly_nhead(cur) : ly_narg(cur, (size_t)(k > 0 ? k : len + k + 1));
                continue;
            }
        } else if (ly_type(cur) == LY_TASSOC) return true;
        ly_set_message(vm, "Extract", "partw", "Part `1` of `2` does not exist.");
        ly_message(vm, ly_nhead(e), "partw", 2, ks[i], x);
        return false;
    }
    return true;
}

static LyExpr extract1(LyVM *vm, LyExpr x, LyExpr p) {
    LyExpr args[65];
    args[0] = x;
    size_t n = 1;
    if (lys_is_list(p)) {
        LyExpr u = norm(vm, p);
        if (!u || ly_nlen(u) > 64) { ly_unref(vm, u); return NULL; }
        for (size_t i = 1; i <= ly_nlen(u); i++) args[n++] = ly_narg(u, i);
        LyExpr r = lys_apply_eval(vm, LY_SYM(Part), n, args);
        ly_unref(vm, u);
        return r;
    }
    args[n++] = p;
    return lys_apply_eval(vm, LY_SYM(Part), n, args);
}

static LyExpr b_extract(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return opform(vm, e, b_extract);
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr x = ly_narg(e, 1), p = ly_narg(e, 2), h = ly_nlen(e) == 3 ? ly_narg(e, 3) : NULL;
    LyExpr pl;
    size_t m = position_list(vm, p, &pl);
    if (m) {
        LyExpr out = ly_mknormal(vm, LY_SYM(List), m);
        for (size_t i = 1; i <= m; i++)
            if (!extract_path_ok(vm, e, x, ly_narg(pl, i))) { ly_unref(vm, out); ly_unref(vm, pl); return NULL; }
        for (size_t i = 1; out && i <= m; i++) {
            LyExpr v = extract1(vm, x, ly_narg(pl, i));
            if (v && h) v = lys_eval_steal(vm, ly_mk(vm, (ly_ref(h), h), 1, v));
            if (!v) { lys_abandon(vm, out, i); out = NULL; break; }
            ly_nset(out, i, v);
        }
        ly_unref(vm, pl);
        return lys_pack_steal(vm, out);
    }
    if (!extract_path_ok(vm, e, x, p)) return NULL;
    LyExpr v = extract1(vm, x, p);
    if (v && h) v = lys_eval_steal(vm, ly_mk(vm, (ly_ref(h), h), 1, v));
    return v;
}

/* ---- RotateLeft, RotateRight ---------------------------------------------------------------- */

static LyExpr rotate(LyVM *vm, LyExpr e, bool left) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    int64_t k = 1;
    if (ly_nlen(e) == 2) {
        if (!ly_is_small(ly_narg(e, 2))) return NULL;
        k = ly_small(ly_narg(e, 2));
    }
    if (!compound(x)) { nonatomic(vm, e, 1); return NULL; }
    size_t n = ly_length(x);
    if (n == 0) { ly_ref(x); return x; }
    if (!left) k = -k;
    size_t s = (size_t)(((k % (int64_t)n) + (int64_t)n) % (int64_t)n);
    if (ly_is_packed(x)) {
        LyPacked *p = ly_packed(x);
        LyExpr r = ly_mkpacked(vm, (LyPackedType)p->h.flags, p->h.aux, p->dims);
        if (!r) return NULL;
        size_t row = p->len / n * 8;
        memcpy(ly_packed(r)->data, (char *)p->data + s * row, (n - s) * row);
        memcpy((char *)ly_packed(r)->data + (n - s) * row, p->data, s * row);
        return r;
    }
    LY_SCRATCH(LyExpr, items, vm, n);
    if (!items) return NULL;
    for (size_t i = 0; i < n; i++) items[i] = ly_narg(x, (i + s) % n + 1);
    return ly_apply(vm, ly_nhead(x), n, items);
}

static LyExpr b_rotateleft(LyVM *vm, LyExpr e) { return rotate(vm, e, true); }
static LyExpr b_rotateright(LyVM *vm, LyExpr e) { return rotate(vm, e, false); }

/* ---- Ordering --------------------------------------------------------------------------------- */

typedef struct OrdCtx { LyVM *vm; LyExpr *items; LyExpr fn; bool failed; } OrdCtx;

/* stable merge sort of indices */
static void msort_idx(OrdCtx *c, size_t *v, size_t *tmp, size_t n) {
    if (n < 2 || c->failed) return;
    size_t h = n / 2;
    msort_idx(c, v, tmp, h);
    msort_idx(c, v + h, tmp, n - h);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n && !c->failed) {
        bool after;
        if (!c->fn) after = ly_order(c->items[v[j]], c->items[v[i]]) < 0;
        else {
            LyExpr args[2] = { c->items[v[j]], c->items[v[i]] };
            LyExpr r = lys_call(c->vm, c->fn, 2, args);
            if (!r) { c->failed = true; break; }
            after = r == LY_SYM(True) || (ly_is_small(r) && ly_small(r) > 0);
            ly_unref(c->vm, r);
        }
        tmp[k++] = after ? v[j++] : v[i++];
    }
    if (c->failed) return;
    while (i < h) tmp[k++] = v[i++];
    while (j < n) tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof(size_t));
}

static LyExpr b_ordering(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!compound(x)) { nonatomic(vm, e, 1); return NULL; }
    LyExpr u = norm(vm, x);
    if (!u) return NULL;
    size_t n = ly_nlen(u);
    size_t *idx = ly_alloc(vm, (n ? n : 1) * sizeof(size_t) * 2);
    if (!idx) { ly_unref(vm, u); return ly_raise_nomem(vm); }
    for (size_t i = 0; i < n; i++) idx[i] = i;
    OrdCtx c = { vm, ly_nargs(u), ly_nlen(e) == 3 ? ly_narg(e, 3) : NULL, false };
    msort_idx(&c, idx, idx + n, n);
    LyExpr r = NULL;
    if (!c.failed) {
        size_t from = 0, cnt = n;
        if (ly_nlen(e) >= 2) {
            LyExpr k = ly_narg(e, 2);
            if (ly_is_small(k) && (uint64_t)(ly_small(k) < 0 ? -ly_small(k) : ly_small(k)) <= n) {
                int64_t kk = ly_small(k);
                if (kk >= 0) cnt = (size_t)kk;
                else { cnt = (size_t)-kk; from = n - cnt; }
            } else if (k != LY_SYM(All)) { cnt = 0; from = n + 1; }
        }
        if (from <= n) {
            size_t dims[1] = { cnt };
            r = cnt ? ly_mkpacked(vm, LY_PACKED_INT64, 1, dims) : ly_list(vm, 0, NULL);
            if (r && cnt) for (size_t i = 0; i < cnt; i++) ((int64_t *)ly_packed(r)->data)[i] = (int64_t)idx[from + i] + 1;
        }
    }
    ly_dealloc(vm, idx, (n ? n : 1) * sizeof(size_t) * 2);
    ly_unref(vm, u);
    return r;
}

/* ---- Gather, GatherBy, Split, SplitBy ---------------------------------------------------------- */

/* Groups of equal keys (SameQ, or test(a, b) when test is not NULL), in
 * order of first appearance.  keys[i] belongs to items[i]. */
static LyExpr gather(LyVM *vm, LyExpr head, size_t n, LyExpr *items, LyExpr *keys, LyExpr test) {
    size_t *group = ly_alloc(vm, (n ? n : 1) * sizeof(size_t));
    size_t *first = ly_alloc(vm, (n ? n : 1) * sizeof(size_t));
    size_t *count = ly_alloc(vm, (n ? n : 1) * sizeof(size_t));
    size_t cap = 16;
    while (cap < 2 * n + 2) cap *= 2;
    size_t *slot = test ? NULL : ly_alloc(vm, cap * sizeof(size_t));
    LyExpr r = NULL;
    if (!group || !first || !count || (!test && !slot)) { ly_raise_nomem(vm); goto out; }
    size_t g = 0;
    if (slot) for (size_t i = 0; i < cap; i++) slot[i] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t found = SIZE_MAX;
        if (!test) {
            size_t h = (size_t)ly_hash(keys[i]) & (cap - 1);
            while (slot[h] != SIZE_MAX) {
                if (ly_equal(keys[first[slot[h]]], keys[i])) { found = slot[h]; break; }
                h = (h + 1) & (cap - 1);
            }
            if (found == SIZE_MAX) slot[h] = g;
        } else {
            for (size_t k = 0; k < g && found == SIZE_MAX; k++) {
                LyExpr args[2] = { keys[first[k]], keys[i] };
                LyExpr t = lys_call(vm, test, 2, args);
                if (!t) goto out;
                if (t == LY_SYM(True)) found = k;
                ly_unref(vm, t);
            }
        }
        if (found == SIZE_MAX) { found = g; first[g] = i; count[g] = 0; g++; }
        group[i] = found;
        count[found]++;
    }
    r = ly_mknormal(vm, LY_SYM(List), g);
    for (size_t k = 0; r && k < g; k++) {
        LyExpr sub = ly_mknormal(vm, (ly_ref(head), head), count[k]);
        size_t m = 0;
        for (size_t i = first[k]; sub && i < n && m < count[k]; i++)
            if (group[i] == k) { ly_ref(items[i]); ly_nset(sub, ++m, items[i]); }
        if (!sub) { lys_abandon(vm, r, k + 1); r = NULL; break; }
        ly_nset(r, k + 1, head == LY_SYM(List) ? lys_pack_steal(vm, sub) : sub);
    }
out:
    if (group) ly_dealloc(vm, group, (n ? n : 1) * sizeof(size_t));
    if (first) ly_dealloc(vm, first, (n ? n : 1) * sizeof(size_t));
    if (count) ly_dealloc(vm, count, (n ? n : 1) * sizeof(size_t));
    if (slot) ly_dealloc(vm, slot, cap * sizeof(size_t));
    return r;
}

/* keys[i] = f[items[i]] (new references), or NULL on an exit. */
static LyExpr *map_keys(LyVM *vm, LyExpr f, size_t n, LyExpr *items) {
    LyExpr *keys = ly_alloc(vm, (n ? n : 1) * sizeof(LyExpr));
    if (!keys) { ly_raise_nomem(vm); return NULL; }
    for (size_t i = 0; i < n; i++) {
        keys[i] = lys_call1(vm, f, items[i]);
        if (!keys[i]) {
            for (size_t j = 0; j < i; j++) ly_unref(vm, keys[j]);
            ly_dealloc(vm, keys, (n ? n : 1) * sizeof(LyExpr));
            return NULL;
        }
    }
    return keys;
}

static void free_keys(LyVM *vm, LyExpr *keys, size_t n) {
    for (size_t i = 0; i < n; i++) ly_unref(vm, keys[i]);
    ly_dealloc(vm, keys, (n ? n : 1) * sizeof(LyExpr));
}

static LyExpr b_gather(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!compound(x)) { nonatomic(vm, e, 1); return NULL; }
    LyExpr u = norm(vm, x);
    if (!u) return NULL;
    LyExpr r = gather(vm, ly_nhead(u), ly_nlen(u), ly_nargs(u), ly_nargs(u), ly_nlen(e) == 2 ? ly_narg(e, 2) : NULL);
    ly_unref(vm, u);
    return r;
}

static LyExpr b_gatherby(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return opform(vm, e, b_gatherby);
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!compound(x)) { nonatomic(vm, e, 1); return NULL; }
    LyExpr u = norm(vm, x);
    if (!u) return NULL;
    size_t n = ly_nlen(u);
    LyExpr *keys = map_keys(vm, ly_narg(e, 2), n, ly_nargs(u));
    LyExpr r = keys ? gather(vm, ly_nhead(u), n, ly_nargs(u), keys, NULL) : NULL;
    if (keys) free_keys(vm, keys, n);
    ly_unref(vm, u);
    return r;
}

/* Runs of adjacent equal keys. */
static LyExpr split_runs(LyVM *vm, LyExpr head, size_t n, LyExpr *items, LyExpr *keys, LyExpr test) {
    Vec out = { 0 };
    size_t start = 0;
    for (size_t i = 1; i <= n; i++) {
        bool same = false;
        if (i < n) {
            if (!test) same = ly_equal(keys[i - 1], keys[i]);
            else {
                LyExpr args[2] = { keys[i - 1], keys[i] };
                LyExpr t = lys_call(vm, test, 2, args);
                if (!t) { vec_free(vm, &out); return NULL; }
                same = t == LY_SYM(True);
                ly_unref(vm, t);
            }
        }
        if (same) continue;
        LyExpr run = build(vm, head, i - start, items + start);
        if (!run || !vec_push(vm, &out, run)) { vec_free(vm, &out); return NULL; }
        start = i;
    }
    return vec_build(vm, &out, LY_SYM(List));
}

static LyExpr b_split(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!compound(x)) { nonatomic(vm, e, 1); return NULL; }
    LyExpr u = norm(vm, x);
    if (!u) return NULL;
    LyExpr r = split_runs(vm, ly_nhead(u), ly_nlen(u), ly_nargs(u), ly_nargs(u), ly_nlen(e) == 2 ? ly_narg(e, 2) : NULL);
    ly_unref(vm, u);
    return r;
}

static LyExpr b_splitby(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return opform(vm, e, b_splitby);
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!compound(x)) { nonatomic(vm, e, 1); return NULL; }
    LyExpr u = norm(vm, x);
    if (!u) return NULL;
    size_t n = ly_nlen(u);
    LyExpr *keys = map_keys(vm, ly_narg(e, 2), n, ly_nargs(u));
    LyExpr r = keys ? split_runs(vm, ly_nhead(u), n, ly_nargs(u), keys, NULL) : NULL;
    if (keys) free_keys(vm, keys, n);
    ly_unref(vm, u);
    return r;
}

/* ---- Pick ------------------------------------------------------------------------------------ */

/* Elements of x where sel is True (or matches patt); nested lists recurse.
 * *keep: whether anything of x is kept at this level. */
static LyExpr pick(LyVM *vm, LyExpr e, LyExpr x, LyExpr sel, LyExpr patt, bool *bad) {
    bool hit = patt ? ly_match(vm, patt, sel, NULL) : sel == LY_SYM(True);
    if (hit) { ly_ref(x); return x; }
    if (!compound(x) || !compound(sel)) return NULL;
    if (ly_length(x) != ly_length(sel)) {
        ly_set_message(vm, "Pick", "incomp", "Expressions `1` and `2` have incompatible shapes.");
        ly_message(vm, LY_SYM(General), "incomp", 2, x, sel);
        *bad = true;
        return NULL;
    }
    LyExpr ux = norm(vm, x), us = ux ? norm(vm, sel) : NULL;
    if (!us) { ly_unref(vm, ux); return NULL; }
    Vec out = { 0 };
    for (size_t i = 1; i <= ly_nlen(ux) && !*bad; i++) {
        LyExpr v = pick(vm, e, ly_narg(ux, i), ly_narg(us, i), patt, bad);
        if (v && !vec_push(vm, &out, v)) { *bad = true; break; }
        if (!v && ly_unwinding(vm)) { *bad = true; break; }
    }
    LyExpr r = *bad ? NULL : vec_build(vm, &out, ly_nhead(ux));
    if (*bad) vec_free(vm, &out);
    ly_unref(vm, ux); ly_unref(vm, us);
    return r;
}

static LyExpr b_pick(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 3)) return NULL;
    LyExpr x = ly_narg(e, 1), sel = ly_narg(e, 2);
    bool bad = false;
    if (!compound(x)) return NULL;
    LyExpr r = pick(vm, e, x, sel, ly_nlen(e) == 3 ? ly_narg(e, 3) : NULL, &bad);
    if (!r && !bad && !ly_unwinding(vm)) return ly_apply(vm, ly_is_packed(x) ? LY_SYM(List) : ly_nhead(x), 0, NULL);
    return r;
}

/* ---- PadLeft, PadRight ----------------------------------------------------------------------- */

static LyExpr pad(LyVM *vm, LyExpr e, bool left) {
    if (!lys_argc(vm, e, 1, 4)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!compound(x)) { nonatomic(vm, e, 1); return NULL; }
    if (ly_nlen(e) == 1) return NULL;
    LyExpr nspec = ly_narg(e, 2), fill = ly_nlen(e) >= 3 ? ly_narg(e, 3) : ly_mksmall(0);
    int64_t margin = 0;
    if (ly_nlen(e) == 4) {
        if (!ly_is_small(ly_narg(e, 4))) return NULL;
        margin = ly_small(ly_narg(e, 4));
    }
    if (lys_is_list(nspec) && lys_list_len(nspec) == 1) nspec = ly_part(vm, nspec, 1), ly_unref(vm, nspec);
    if (!ly_is_small(nspec) || ly_small(nspec) < 0) return NULL;
    size_t n = (size_t)ly_small(nspec);
    LyExpr u = norm(vm, x);
    if (!u) return NULL;
    size_t len = ly_nlen(u);
    LyExpr fu = lys_is_list(fill) ? norm(vm, fill) : NULL;
    size_t fl = fu ? ly_nlen(fu) : 0;
    if (fu && fl == 0) { ly_unref(vm, fu); fu = NULL; fill = ly_mksmall(0); }
    LY_SCRATCH(LyExpr, items, vm, n);
    if (!items) { ly_unref(vm, u); ly_unref(vm, fu); return NULL; }
    /* the list occupies virtual positions [start, start + len) of 0..n-1 */
    int64_t start = left ? (int64_t)n - (int64_t)len - margin : margin;
    for (size_t i = 0; i < n; i++) {
        int64_t j = (int64_t)i - start;
        if (j >= 0 && j < (int64_t)len) items[i] = ly_narg(u, (size_t)j + 1);
        else if (fu) {
            /* cyclic padding aligned with the list: position of element 1 is index 1 of the cycle */
            int64_t m = (int64_t)fl, k = ((j % m) + m) % m;
            items[i] = ly_narg(fu, (size_t)k + 1);
        } else items[i] = fill;
    }
    LyExpr r = build(vm, ly_nhead(u), n, items);
    ly_unref(vm, u);
    ly_unref(vm, fu);
    return r;
}

static LyExpr b_padleft(LyVM *vm, LyExpr e) { return pad(vm, e, true); }
static LyExpr b_padright(LyVM *vm, LyExpr e) { return pad(vm, e, false); }

/* ---- TakeWhile, LengthWhile, AllTrue, AnyTrue, NoneTrue --------------------------------------- */

static LyExpr while_common(LyVM *vm, LyExpr e, bool take, LyCFunction self) {
    if (!ly_is_sym(ly_nhead(e))) return opform(vm, e, self);
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr x = ly_narg(e, 1), f = ly_narg(e, 2);
    if (!compound(x)) { nonatomic(vm, e, 1); return NULL; }
    LyExpr u = norm(vm, x);
    if (!u) return NULL;
    size_t k = 0;
    for (; k < ly_nlen(u); k++) {
        bool ok;
        bool t = truth(vm, f, ly_narg(u, k + 1), &ok);
        if (!ok) { ly_unref(vm, u); return NULL; }
        if (!t) break;
    }
    LyExpr r = take ? build(vm, ly_nhead(u), k, ly_nargs(u)) : ly_int(vm, (int64_t)k);
    ly_unref(vm, u);
    return r;
}

static LyExpr b_takewhile(LyVM *vm, LyExpr e) { return while_common(vm, e, true, b_takewhile); }
static LyExpr b_lengthwhile(LyVM *vm, LyExpr e) { return while_common(vm, e, false, b_lengthwhile); }

/* mode 0: AllTrue, 1: AnyTrue, 2: NoneTrue */
static LyExpr quantifier(LyVM *vm, LyExpr e, int mode, LyCFunction self) {
    if (!ly_is_sym(ly_nhead(e))) return opform(vm, e, self);
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    LyExpr x = ly_narg(e, 1), f = ly_narg(e, 2);
    LyExpr u;
    if (ly_type(x) == LY_TASSOC) {
        LyExpr args[1] = { x };
        u = lys_apply_eval(vm, ly_symbol(vm, "Values"), 1, args);
    } else if (compound(x)) u = norm(vm, x);
    else return NULL;
    if (!u) return NULL;
    bool result = mode != 1;
    for (size_t i = 1; i <= ly_nlen(u); i++) {
        bool ok;
        bool t = truth(vm, f, ly_narg(u, i), &ok);
        if (!ok) { ly_unref(vm, u); return NULL; }
        if (mode == 0 && !t) { result = false; break; }
        if (mode == 1 && t) { result = true; break; }
        if (mode == 2 && t) { result = false; break; }
    }
    ly_unref(vm, u);
    return lys_bool(result);
}

static LyExpr b_alltrue(LyVM *vm, LyExpr e) { return quantifier(vm, e, 0, b_alltrue); }
static LyExpr b_anytrue(LyVM *vm, LyExpr e) { return quantifier(vm, e, 1, b_anytrue); }
static LyExpr b_nonetrue(LyVM *vm, LyExpr e) { return quantifier(vm, e, 2, b_nonetrue); }

/* ---- MapThread, Catenate ------------------------------------------------------------------------- */

static LyExpr mapthread(LyVM *vm, LyExpr e, LyExpr f, LyExpr lists, int64_t level) {
    if (!compound(lists)) return NULL;
    LyExpr u = norm(vm, lists);
    if (!u) return NULL;
    size_t k = ly_nlen(u), len = SIZE_MAX;
    for (size_t i = 1; i <= k; i++) {
        LyExpr l = ly_narg(u, i);
        if (!compound(l)) { ly_unref(vm, u); return NULL; }
        if (len != SIZE_MAX && ly_length(l) != len) {
            ly_set_message(vm, "MapThread", "mptc",
                           "Incompatible dimensions of objects at positions {2, `1`} and {2, `2`} of `3`; dimensions are `4` and `5`.");
            ly_message(vm, LY_SYM(General), "mptc", 5, ly_mksmall(1), lys_count(i), e,
                       lys_count(len), lys_count(ly_length(l)));
            ly_unref(vm, u);
            return NULL;
        }
        len = ly_length(l);
    }
    if (len == SIZE_MAX) len = 0;
    LY_SCRATCH(LyExpr, args, vm, k);
    LyExpr out = args ? ly_mknormal(vm, LY_SYM(List), len) : NULL;
    for (size_t j = 1; out && j <= len; j++) {
        size_t got = 0;
        for (; got < k; got++) { args[got] = ly_part(vm, ly_narg(u, got + 1), j); if (!args[got]) break; }
        LyExpr v = NULL;
        if (got == k) {
            if (level > 1) {
                LyExpr sub = ly_list(vm, k, args);
                v = sub ? mapthread(vm, e, f, sub, level - 1) : NULL;
                ly_unref(vm, sub);
            } else v = lys_call(vm, f, k, args);
        }
        for (size_t i = 0; i < got; i++) ly_unref(vm, args[i]);
        if (!v) { lys_abandon(vm, out, j); out = NULL; break; }
        ly_nset(out, j, v);
    }
    ly_unref(vm, u);
    return lys_pack_steal(vm, out);
}

static LyExpr b_mapthread(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) {
        /* MapThread[f][lists] */
        LyExpr op = ly_nhead(e);
        if (ly_nlen(op) != 1 || ly_nlen(e) != 1) return NULL;
        return mapthread(vm, e, ly_narg(op, 1), ly_narg(e, 1), 1);
    }
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    if (ly_nlen(e) == 1) return NULL;
    int64_t level = 1;
    if (ly_nlen(e) == 3) {
        if (!ly_is_small(ly_narg(e, 3)) || ly_small(ly_narg(e, 3)) < 1) return NULL;
        level = ly_small(ly_narg(e, 3));
    }
    return mapthread(vm, e, ly_narg(e, 1), ly_narg(e, 2), level);
}

static LyExpr b_catenate(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_type(x) == LY_TASSOC) x = NULL;
    if (!x || !lys_is_list(x)) return NULL;
    LyExpr u = norm(vm, x);
    if (!u) return NULL;
    size_t n = ly_nlen(u);
    LY_SCRATCH(LyExpr, args, vm, n);
    if (!args) { ly_unref(vm, u); return NULL; }
    size_t k = 0;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(u, i);
        if (ly_type(a) == LY_TASSOC) {
            LyExpr one[1] = { a };
            a = lys_apply_eval(vm, ly_symbol(vm, "Values"), 1, one);
            if (!a) { for (size_t j = 0; j < k; j++) ly_unref(vm, args[j]); ly_unref(vm, u); return NULL; }
        } else if (!lys_is_list(a)) {
            for (size_t j = 0; j < k; j++) ly_unref(vm, args[j]);
            ly_set_message(vm, "Catenate", "invrp", "`1` is not a list or association.");
            ly_message(vm, ly_nhead(e), "invrp", 1, a);
            ly_unref(vm, u);
            return NULL;
        } else ly_ref(a);
        args[k++] = a;
    }
    LyExpr r = k == 0 ? ly_list(vm, 0, NULL) : lys_apply_eval(vm, ly_symbol(vm, "Join"), k, args);
    for (size_t j = 0; j < k; j++) ly_unref(vm, args[j]);
    ly_unref(vm, u);
    return r;
}

/* ---- MinMax, Commonest ------------------------------------------------------------------------- */

static LyExpr b_minmax(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!lys_is_list(x)) return NULL;
    if (ly_is_packed(x) && ly_packed(x)->h.aux == 1 && ly_packed(x)->len > 0 && ly_nlen(e) == 1) {
        LyPacked *p = ly_packed(x);
        if (p->h.flags == LY_PACKED_INT64) {
            const int64_t *d = p->data;
            int64_t lo = d[0], hi = d[0];
            for (size_t i = 1; i < p->len; i++) { lo = d[i] < lo ? d[i] : lo; hi = d[i] > hi ? d[i] : hi; }
            return ly_mk(vm, LY_SYM(List), 2, ly_int(vm, lo), ly_int(vm, hi));
        }
        const double *d = p->data;
        double lo = d[0], hi = d[0];
        for (size_t i = 1; i < p->len; i++) { lo = d[i] < lo ? d[i] : lo; hi = d[i] > hi ? d[i] : hi; }
        return ly_mk(vm, LY_SYM(List), 2, ly_mkreal(vm, lo), ly_mkreal(vm, hi));
    }
    LyExpr lo = lys_apply_eval(vm, ly_symbol(vm, "Min"), 1, &x);
    LyExpr hi = lo ? lys_apply_eval(vm, ly_symbol(vm, "Max"), 1, &x) : NULL;
    if (!hi) { ly_unref(vm, lo); return NULL; }
    if (ly_nlen(e) == 2) {
        LyExpr d = ly_narg(e, 2);
        ly_ref(d); ly_ref(d);
        lo = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, lo, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), d)));
        hi = lys_eval_steal(vm, ly_mk(vm, LY_SYM(Plus), 2, hi, d));
        if (!lo || !hi) { ly_unref(vm, lo); ly_unref(vm, hi); return NULL; }
    }
    return ly_mk(vm, LY_SYM(List), 2, lo, hi);
}

static LyExpr b_commonest(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!lys_is_list(x)) return NULL;
    LyExpr t = lys_apply_eval(vm, ly_symbol(vm, "Tally"), 1, &x);
    if (!t) return NULL;
    LyExpr tu = norm(vm, t);
    ly_unref(vm, t);
    if (!tu || !ly_head_is(tu, LY_SYM(List))) { ly_unref(vm, tu); return NULL; }
    size_t m = ly_nlen(tu);
    int64_t *cnt = ly_alloc(vm, (m ? m : 1) * sizeof(int64_t));
    bool *used = ly_alloc(vm, m ? m : 1);
    LyExpr r = NULL;
    if (cnt && used) {
        for (size_t i = 0; i < m; i++) {
            LyExpr c = ly_part(vm, ly_narg(tu, i + 1), 2);
            cnt[i] = ly_is_small(c) ? ly_small(c) : 0;
            ly_unref(vm, c);
            used[i] = false;
        }
        int64_t want = -1;
        if (ly_nlen(e) == 2) {
            LyExpr k = ly_narg(e, 2);
            if (ly_is_small(k) && ly_small(k) >= 0) want = ly_small(k);
            else if (ly_is_normal(k) && ly_nlen(k) == 1 && ly_is_small(ly_narg(k, 1))) want = ly_small(ly_narg(k, 1));
        }
        Vec out = { 0 };
        bool ok = true;
        /* distinct counts from the top; all elements of the top count, in
         * order of first appearance (Commonest[list, n] takes the n most
         * frequent, ties in order of appearance) */
        for (;;) {
            int64_t best = 0;
            for (size_t i = 0; i < m; i++) if (!used[i] && cnt[i] > best) best = cnt[i];
            if (best == 0) break;
            for (size_t i = 0; i < m && ok; i++)
                if (!used[i] && cnt[i] == best) {
                    if (want >= 0 && (int64_t)out.n >= want) break;
                    used[i] = true;
                    LyExpr el = ly_part(vm, ly_narg(tu, i + 1), 1);
                    ok = el && vec_push(vm, &out, el);
                }
            if (want < 0 || (int64_t)out.n >= want || !ok) break;
        }
        r = ok ? vec_build(vm, &out, LY_SYM(List)) : (vec_free(vm, &out), NULL);
    } else ly_raise_nomem(vm);
    if (cnt) ly_dealloc(vm, cnt, (m ? m : 1) * sizeof(int64_t));
    if (used) ly_dealloc(vm, used, m ? m : 1);
    ly_unref(vm, tu);
    return r;
}

/* ---- Level ------------------------------------------------------------------------------------ */

typedef struct LevelSpec { int64_t lo, hi; } LevelSpec;   /* INT64_MAX: Infinity */

static bool level_spec(LyExpr s, LevelSpec *l) {
    if (ly_is_small(s)) {
        l->lo = 1; l->hi = ly_small(s);
        if (l->hi < 0) { l->lo = l->hi; l->hi = -1; }
        return true;
    }
    if (lys_infinity_sign(s) > 0 || s == LY_SYM(Infinity)) { l->lo = 1; l->hi = INT64_MAX; return true; }
    if (!ly_head_is(s, LY_SYM(List)) || ly_nlen(s) < 1 || ly_nlen(s) > 2) return false;
    LyExpr a = ly_narg(s, 1), b = ly_nlen(s) == 2 ? ly_narg(s, 2) : a;
    if (!ly_is_small(a)) return false;
    l->lo = ly_small(a);
    if (ly_is_small(b)) l->hi = ly_small(b);
    else if (lys_infinity_sign(b) > 0 || b == LY_SYM(Infinity)) l->hi = INT64_MAX;
    else return false;
    return true;
}

static int64_t depth_of(LyExpr x) {
    if (ly_is_packed(x)) return ly_packed(x)->h.aux + 1;
    if (!ly_is_normal(x)) return 1;
    int64_t d = 0;
    for (size_t i = 1; i <= ly_nlen(x); i++) { int64_t k = depth_of(ly_narg(x, i)); if (k > d) d = k; }
    return d + 1;
}

static bool in_level(const LevelSpec *l, int64_t level, int64_t depth) {
    bool a = l->lo >= 0 ? level >= l->lo : -depth >= l->lo;
    bool b = l->hi >= 0 ? level <= l->hi : -depth <= l->hi;
    return a && b;
}

static bool level_walk(LyVM *vm, LyExpr x, int64_t level, const LevelSpec *l, Vec *out) {
    if (!ly_safe_point(vm)) return false;
    if (compound(x) && (l->hi < 0 || level < l->hi)) {
        LyExpr u = norm(vm, x);
        if (!u) return false;
        for (size_t i = 1; i <= ly_nlen(u); i++)
            if (!level_walk(vm, ly_narg(u, i), level + 1, l, out)) { ly_unref(vm, u); return false; }
        ly_unref(vm, u);
    }
    if (in_level(l, level, depth_of(x))) { ly_ref(x); return vec_push(vm, out, x); }
    return true;
}

static LyExpr b_level(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 3)) return NULL;
    LevelSpec l;
    if (!level_spec(ly_narg(e, 2), &l)) {
        ly_set_message(vm, "Level", "level", "Level specification `1` is not of the form n, {n}, or {m, n}.");
        ly_message(vm, ly_nhead(e), "level", 1, ly_narg(e, 2));
        return NULL;
    }
    Vec out = { 0 };
    if (!level_walk(vm, ly_narg(e, 1), 0, &l, &out)) { vec_free(vm, &out); return NULL; }
    LyExpr h = ly_nlen(e) == 3 ? ly_narg(e, 3) : LY_SYM(List);
    LyExpr r = ly_apply(vm, h, out.n, out.v);
    vec_free(vm, &out);
    return ly_nlen(e) == 3 ? lys_eval_steal(vm, r) : r;
}

/* ---- Nothing ------------------------------------------------------------------------------------ */

/* List's built-in code: Nothing vanishes from lists. */
static LyExpr b_list(LyVM *vm, LyExpr e) {
    LyExpr nothing = LY_SYM(Nothing);      /* no lookup: this runs for every List evaluated */
    size_t n = ly_nlen(e), k = 0;
    for (size_t i = 1; i <= n; i++) k += ly_narg(e, i) == nothing;
    if (k == 0) return NULL;
    LyExpr out = ly_mknormal(vm, LY_SYM(List), n - k);
    if (!out) return NULL;
    size_t j = 0;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (a == nothing) continue;
        ly_ref(a);
        ly_nset(out, ++j, a);
    }
    return out;
}


/* ---- table ---------------------------------------------------------------------------------------- */

static const LyBuiltin listops_builtins[] = {
    { "Insert", b_insert, "Protected OperatorForm", "Insert[list, elem, n] inserts elem at position n in list." },
    { "Delete", b_delete, "Protected OperatorForm", "Delete[expr, n] deletes the element at position n in expr." },
    { "ReplacePart", b_replacepart, "Protected OperatorForm",
      "ReplacePart[expr, i -> new] yields an expression in which the i-th part of expr is replaced by new." },
    { "Extract", b_extract, "NHoldRest Protected OperatorForm",
      "Extract[expr, pos] extracts the part of expr at the position specified by pos." },
    { "RotateLeft", b_rotateleft, "Protected", "RotateLeft[expr, n] cycles the elements in expr n positions to the left." },
    { "RotateRight", b_rotateright, "Protected", "RotateRight[expr, n] cycles the elements in expr n positions to the right." },
    { "Ordering", b_ordering, "Protected",
      "Ordering[list] gives the positions in list at which each successive element of Sort[list] appears." },
    { "Gather", b_gather, "Protected",
      "Gather[list] gathers the elements of list into sublists of identical elements." },
    { "GatherBy", b_gatherby, "Protected OperatorForm",
      "GatherBy[list, f] gathers into sublists each set of elements in list that gives the same value when f is applied." },
    { "Split", b_split, "Protected", "Split[list] splits list into sublists consisting of runs of identical elements." },
    { "SplitBy", b_splitby, "Protected OperatorForm",
      "SplitBy[list, f] splits list into sublists consisting of runs of successive elements that give the same value when f is applied." },
    { "Pick", b_pick, "Protected", "Pick[list, sel] picks out those elements of list for which the corresponding element of sel is True." },
    { "PadLeft", b_padleft, "Protected", "PadLeft[list, n] makes a list of length n by padding list with zeros on the left." },
    { "PadRight", b_padright, "Protected", "PadRight[list, n] makes a list of length n by padding list with zeros on the right." },
    { "TakeWhile", b_takewhile, "Protected OperatorForm",
      "TakeWhile[list, crit] gives elements ei from the beginning of list, continuing so long as crit[ei] is True." },
    { "LengthWhile", b_lengthwhile, "Protected OperatorForm",
      "LengthWhile[list, crit] gives the number of contiguous elements ei starting at the beginning of list for which crit[ei] is True." },
    { "AllTrue", b_alltrue, "Protected OperatorForm",
      "AllTrue[{e1, e2, ...}, test] yields True if test[ei] is True for all of the ei." },
    { "AnyTrue", b_anytrue, "Protected OperatorForm",
      "AnyTrue[{e1, e2, ...}, test] yields True if test[ei] is True for any of the ei." },
    { "NoneTrue", b_nonetrue, "Protected OperatorForm",
      "NoneTrue[{e1, e2, ...}, test] yields True if test[ei] is False for all the ei." },
    { "MapThread", b_mapthread, "Protected OperatorForm",
      "MapThread[f, {{a1, a2, ...}, {b1, b2, ...}, ...}] gives {f[a1, b1, ...], f[a2, b2, ...], ...}." },
    { "Catenate", b_catenate, "Protected", "Catenate[{list1, list2, ...}] yields a single list with all elements from the listi in order." },
    { "MinMax", b_minmax, "Protected", "MinMax[list] gives the list {Min[list], Max[list]}." },
    { "Commonest", b_commonest, "Protected", "Commonest[list] gives a list of the elements that are the most common in list." },
    { "Level", b_level, "Protected",
      "Level[expr, levelspec] gives a list of all subexpressions of expr on levels specified by levelspec." },
    { "Nothing", NULL, "Protected", "Nothing is a symbol that is automatically removed from any list in which it occurs." },
    { "Splice", NULL, "Protected",
      "Splice[{e1, e2, ...}] represents an expression that will automatically be spliced into any list in which it appears as the sequence of elements ei.\n"
      "Splice[{e1, e2, ...}, hpatt] represents an expression that will automatically be spliced into any expression whose head matches the pattern hpatt." },
    { "List", b_list, "Locked Protected", "{e1, e2, ...} is a list of elements." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_listops(LyVM *vm);
LyStatus lys_open_listops(LyVM *vm) {
    ly_set_message(vm, "General", "normal", "Nonatomic expression expected at position `1` in `2`.");
    return ly_register_table(vm, listops_builtins);
}
