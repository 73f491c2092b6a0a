/*
 * partset.c — part assignment: x[[spec1, spec2, ...]] = v.
 *
 * Each spec is a part index (negative counts from the end, 0 the head), All,
 * a Span (m;;n;;s) or a list of indices, and for associations a key ("k",
 * Key[k]).  A spec that selects several parts takes the elements of v in
 * turn when v is a list of that length (m[[All, 2]] = {a, b, c}), else v
 * itself for each (m[[All, 2]] = 0), as Wolfram does.
 *
 * The assignment first checks every spec against the value (read only),
 * so that a bad one leaves the variable as it was with Set::partw.  Then it
 * writes in place where nothing else holds the value: the variable owns the
 * only reference (rc == 1), level by level down the path, and copies just
 * the nodes that are shared (copy on write).  So Do[x[[i]] = v, {i, n}] is
 * linear, and a packed array takes a scalar of its own type at full depth
 * without unpacking; anything else unpacks it, and the result is packed
 * again when it can be.
 */
#include <string.h>
#include "lyv.h"

/* ---- selecting parts ----------------------------------------------------------------------- */

/* A resolved spec: the positions (1-based; 0 the head) it selects among
 * len parts; single when it names exactly one part (v goes there whole). */
typedef struct Sel { size_t n; int64_t *pos; bool single; int64_t one; } Sel;

static void sel_free(LyVM *vm, Sel *s) {
    if (s->pos && s->pos != &s->one) lyv_free(vm, s->pos, s->n * sizeof(int64_t));
    s->pos = NULL;
}

static bool sel_alloc(LyVM *vm, Sel *s, size_t n) {
    s->n = n;
    s->pos = n <= 1 ? &s->one : lyv_alloc(vm, n * sizeof(int64_t));
    if (!s->pos) { s->n = 0; ly_raise_nomem(vm); return false; }
    return true;
}

/* An index i of len parts, negative from the end; false when out of range. */
static bool index_of(LyExpr i, int64_t len, bool head, int64_t *out) {
    if (!ly_is_small(i)) return false;
    int64_t k = ly_small(i);
    if (k < 0 && (k += len + 1) < 1) return false;     /* x[[-4]] of 3 parts: none, not the head */
    if (k < (head ? 0 : 1) || k > len) return false;
    *out = k;
    return true;
}

/* the position of key k in association a, or -1 */
static int64_t key_pos(LyExpr a, LyExpr k) {
    LyAssoc *as = ly_assoc(a);
    for (size_t i = 0; i < as->len; i++)
        if (ly_equal(ly_narg(as->rules[i], 1), k)) return (int64_t)i + 1;
    return -1;
}

/* Resolves spec among the len parts of e (an association when assoc).
 * False (nothing allocated) when it selects a part that does not exist;
 * *bad then is the spec (or an out-of-range index inside it). */
static bool select_parts(LyVM *vm, LyExpr e, int64_t len, bool assoc, LyExpr spec, Sel *s) {
    memset(s, 0, sizeof *s);
    if (assoc && (ly_is_string(spec) || (ly_head_is(spec, LY_SYM(Key)) && ly_nlen(spec) == 1))) {
        int64_t p = key_pos(e, ly_is_string(spec) ? spec : ly_narg(spec, 1));
        if (p < 0 || !sel_alloc(vm, s, 1)) return false;
        s->pos[0] = p;
        s->single = true;
        return true;
    }
    if (ly_is_small(spec)) {
        int64_t p;
        if (!index_of(spec, len, !assoc, &p) || !sel_alloc(vm, s, 1)) return false;
        s->pos[0] = p;
        s->single = true;
        return true;
    }
    if (spec == LY_SYM(All)) {
        if (!sel_alloc(vm, s, (size_t)len)) return false;
        for (int64_t i = 0; i < len; i++) s->pos[i] = i + 1;
        return true;
    }
    if (ly_head_is(spec, LY_SYM(Span)) && (ly_nlen(spec) == 2 || ly_nlen(spec) == 3)) {
        LyExpr a = ly_narg(spec, 1), b = ly_narg(spec, 2);
        LyExpr st = ly_nlen(spec) == 3 ? ly_narg(spec, 3) : ly_mksmall(1);
        if (!ly_is_small(st) || ly_small(st) == 0) return false;
        int64_t step = ly_small(st), lo, hi;
        if (a == LY_SYM(All)) lo = step > 0 ? 1 : len;
        else if (!ly_is_small(a)) return false;
        else lo = ly_small(a) < 0 ? ly_small(a) + len + 1 : ly_small(a);
        if (b == LY_SYM(All)) hi = step > 0 ? len : 1;
        else if (!ly_is_small(b)) return false;
        else hi = ly_small(b) < 0 ? ly_small(b) + len + 1 : ly_small(b);
        int64_t cnt;
        if (step > 0) {
            if (lo < 1 || hi > len || hi < lo - 1) return false;
            cnt = hi < lo ? 0 : (hi - lo) / step + 1;
        } else {
            if (lo > len || hi < 1 || hi > lo + 1) return false;
            cnt = hi > lo ? 0 : (lo - hi) / -step + 1;
        }
        if (!sel_alloc(vm, s, (size_t)cnt)) return false;
        for (int64_t i = 0; i < cnt; i++) s->pos[i] = lo + i * step;
        return true;
    }
    if (ly_head_is(spec, LY_SYM(List)) || (ly_is_packed(spec) && ly_packed(spec)->h.aux == 1 &&
                                           ly_packed(spec)->h.flags == LY_PACKED_INT64)) {
        size_t n = ly_is_packed(spec) ? ly_packed(spec)->len : ly_nlen(spec);
        if (!sel_alloc(vm, s, n)) return false;
        for (size_t i = 0; i < n; i++) {
            int64_t p;
            bool ok;
            if (ly_is_packed(spec)) {
                int64_t k = ((int64_t *)ly_packed(spec)->data)[i];
                ok = index_of(ly_mksmall(k), len, !assoc, &p);
            } else {
                LyExpr k = ly_narg(spec, i + 1);
                if (assoc && (ly_is_string(k) || ly_head_is(k, LY_SYM(Key)))) {
                    p = key_pos(e, ly_is_string(k) ? k : ly_narg(k, 1));
                    ok = p > 0;
                } else ok = index_of(k, len, !assoc, &p);
            }
            if (!ok) { sel_free(vm, s); return false; }
            s->pos[i] = p;
        }
        return true;
    }
    return false;
}

/* ---- checking the path ---------------------------------------------------------------------- */

/* spec has the form of a part specification (whether or not the part exists) */
static bool spec_form(LyExpr spec) {
    if (ly_is_small(spec) || spec == LY_SYM(All) || ly_is_string(spec) || ly_is_packed(spec)) return true;
    if (ly_head_is(spec, LY_SYM(Key)) && ly_nlen(spec) == 1) return true;
    if (ly_head_is(spec, LY_SYM(Span)) && (ly_nlen(spec) == 2 || ly_nlen(spec) == 3)) {
        for (size_t i = 1; i <= ly_nlen(spec); i++)
            if (!ly_is_small(ly_narg(spec, i)) && ly_narg(spec, i) != LY_SYM(All)) return false;
        return true;
    }
    if (ly_head_is(spec, LY_SYM(List))) {
        for (size_t i = 1; i <= ly_nlen(spec); i++) {
            LyExpr k = ly_narg(spec, i);
            if (!ly_is_small(k) && !ly_is_string(k) && !ly_head_is(k, LY_SYM(Key))) return false;
        }
        return true;
    }
    return false;
}

/* Set::partw ("Part 4 of {1, 2, 3} does not exist."); Set::pkspec1 for
 * what is no part specification at all */
static void partw(LyVM *vm, LyExpr setsym, LyExpr spec, LyExpr whole) {
    if (!spec_form(spec)) { ly_message(vm, setsym, "pkspec1", 1, spec); return; }
    ly_message(vm, setsym, "partw", 2, spec, whole);
}

/* Every part the path selects exists (messages otherwise). */
static bool check(LyVM *vm, LyExpr setsym, LyExpr e, const LyExpr *idx, size_t n, LyExpr whole, LyExpr lhs) {
    if (n == 0) return true;
    if (ly_is_packed(e)) {
        LyPacked *p = ly_packed(e);
        for (size_t k = 0; k < n && k < p->h.aux; k++) {
            Sel s;
            if (!select_parts(vm, e, (int64_t)p->dims[k], false, idx[k], &s)) {
                if (!vm->unwind) partw(vm, setsym, idx[k], whole);
                return false;
            }
            sel_free(vm, &s);
        }
        if (n > p->h.aux) {
            /* below the numbers of a packed array */
            ly_message(vm, setsym, "partd", 1, lhs);
            return false;
        }
        return true;
    }
    bool assoc = ly_type(e) == LY_TASSOC;
    if (!ly_is_normal(e) && !assoc) {
        ly_message(vm, setsym, "partd", 1, lhs);
        return false;
    }
    int64_t len = (int64_t)(assoc ? ly_assoc(e)->len : ly_nlen(e));
    Sel s;
    if (!select_parts(vm, e, len, assoc, idx[0], &s)) {
        if (!vm->unwind) partw(vm, setsym, idx[0], whole);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; ok && i < s.n; i++) {
        int64_t k = s.pos[i];
        LyExpr c = assoc ? ly_narg(ly_assoc(e)->rules[k - 1], 2) : ly_normal(e)->e[k];
        ok = check(vm, setsym, c, idx + 1, n - 1, whole, lhs);
    }
    sel_free(vm, &s);
    return ok;
}

/* ---- writing -------------------------------------------------------------------------------- */

/* the t-th (0-based) element of the list v, new reference */
static LyExpr nth(LyVM *vm, LyExpr v, size_t t) { return ly_part(vm, v, t + 1); }

static size_t list_len(LyExpr v) {
    if (ly_head_is(v, LY_SYM(List))) return ly_nlen(v);
    if (ly_is_packed(v)) return ly_packed(v)->dims[0];
    return (size_t)-1;
}

/* A packed array of e's shape that this VM may write: e itself when it
 * holds the only reference to its own data, else a copy (e consumed). */
static LyExpr own_packed(LyVM *vm, LyExpr e) {
    LyPacked *p = ly_packed(e);
    if (e->rc == 1 && p->shared != LY_PACKED_BORROWED) return e;
    LyExpr c = ly_mkpacked(vm, (LyPackedType)p->h.flags, p->h.aux, p->dims);
    if (c) memcpy(ly_packed(c)->data, p->data, p->len * 8);
    ly_unref(vm, e);
    return c;
}

/* A scalar v written into every part the path selects in the packed array
 * p of rank n: level k's selections, flat offset off. */
static bool packed_fill(LyVM *vm, LyPacked *p, const LyExpr *idx, size_t k, size_t off, LyExpr v) {
    Sel s;
    if (!select_parts(vm, (LyExpr)p, (int64_t)p->dims[k], false, idx[k], &s)) return false;
    size_t stride = 1;
    for (unsigned j = (unsigned)k + 1; j < p->h.aux; j++) stride *= p->dims[j];
    bool ok = true;
    for (size_t i = 0; ok && i < s.n; i++) {
        size_t at = off + (size_t)(s.pos[i] - 1) * stride;
        if (k + 1 < p->h.aux) ok = packed_fill(vm, p, idx, k + 1, at, v);
        else if (p->h.flags == LY_PACKED_INT64) ((int64_t *)p->data)[at] = ly_small(v);
        else ((double *)p->data)[at] = ly_realv(v);
    }
    sel_free(vm, &s);
    return ok;
}

/* the spec can select part 0, the head */
static bool names_head(LyExpr spec) {
    if (ly_is_small(spec)) return ly_small(spec) == 0;
    if (ly_head_is(spec, LY_SYM(List))) {
        for (size_t i = 1; i <= ly_nlen(spec); i++)
            if (ly_is_small(ly_narg(spec, i)) && ly_small(ly_narg(spec, i)) == 0) return true;
    }
    if (ly_is_packed(spec)) {
        LyPacked *p = ly_packed(spec);
        for (size_t i = 0; i < p->len; i++) if (((int64_t *)p->data)[i] == 0) return true;
    }
    return false;
}

/* e (consumed) with the path set from v (borrowed); NULL when memory ran
 * out (an exit is then in progress).  The path was checked. */
static LyExpr assign(LyVM *vm, LyExpr e, const LyExpr *idx, size_t n, LyExpr v, bool *plain) {
    if (n == 0) {
        /* a Sequence spliced or any expression that may evaluate further */
        if (ly_is_normal(v) && ly_nhead(v) != LY_SYM(List)) *plain = false;
        ly_unref(vm, e);
        ly_ref(v);
        return v;
    }
    if (ly_is_packed(e)) {
        LyPacked *p = ly_packed(e);
        bool fits = p->h.flags == LY_PACKED_INT64 ? ly_is_small(v) : ly_is_real(v);
        for (size_t k = 0; fits && k < n; k++) fits = !names_head(idx[k]);
        if (n == p->h.aux && fits) {
            e = own_packed(vm, e);
            if (!e) return NULL;
            packed_fill(vm, ly_packed(e), idx, 0, 0, v);
            return e;
        }
        LyExpr u = ly_unpack(vm, e);
        ly_unref(vm, e);
        if (!u) return NULL;
        e = u;
    }
    bool assoc = ly_type(e) == LY_TASSOC;
    int64_t len = (int64_t)(assoc ? ly_assoc(e)->len : ly_nlen(e));
    Sel s;
    if (!select_parts(vm, e, len, assoc, idx[0], &s)) { ly_unref(vm, e); return NULL; }
    if (e->rc > 1) {
        /* shared: a copy of this node (its parts are shared in turn) */
        LyExpr c = assoc ? ly_mkassoc(vm, ly_assoc(e)->len, ly_assoc(e)->rules)
                         : ly_apply(vm, ly_nhead(e), ly_nlen(e), ly_nargs(e));
        ly_unref(vm, e);
        if (!c) { sel_free(vm, &s); return NULL; }
        e = c;
    }
    if (!assoc) {
        ly_normal(e)->stamp = 0;                /* no longer known to evaluate to itself */
        /* a part of something other than a list, or a new head: the value
         * may evaluate to something else (f[1] -> f[2] with a rule for f[2]) */
        if (ly_nhead(e) != LY_SYM(List) || (s.n && s.pos[0] == 0)) *plain = false;
    }
    bool spread = !s.single && list_len(v) == s.n;
    bool ok = true;
    for (size_t t = 0; ok && t < s.n; t++) {
        int64_t k = s.pos[t];
        LyExpr vt = spread ? nth(vm, v, t) : v;
        if (!vt) { ok = false; break; }
        if (assoc) {
            LyExpr *slot = &ly_assoc(e)->rules[k - 1];
            LyExpr old = *slot, val = ly_narg(old, 2);
            ly_ref(val);
            LyExpr nv = assign(vm, val, idx + 1, n - 1, vt, plain);
            LyExpr r = nv ? ly_mk(vm, (ly_ref(ly_nhead(old)), ly_nhead(old)), 2,
                                  (ly_ref(ly_narg(old, 1)), ly_narg(old, 1)), nv) : NULL;
            if (r) { *slot = r; ly_unref(vm, old); }
            else ok = false;
        } else {
            LyExpr *slot = &ly_normal(e)->e[k];
            LyExpr c = *slot;
            *slot = LY_SYM(Null);                   /* c moves down the path */
            LyExpr nc = assign(vm, c, idx + 1, n - 1, vt, plain);
            if (nc) *slot = nc;
            else ok = false;
        }
        if (spread) ly_unref(vm, vt);
    }
    sel_free(vm, &s);
    if (!ok) { ly_unref(vm, e); return NULL; }
    return e;
}

/* ---- Set ------------------------------------------------------------------------------------ */

LyExpr lyv_set_part(LyVM *vm, LyExpr setsym, LyExpr lhs, LyExpr rhs) {
    LyExpr var = ly_narg(lhs, 1);
    if (!ly_is_sym(var)) { ly_message(vm, setsym, "setps", 1, var); return LY_SYM(DFailed); }
    LyDefs *d = lyv_defs_get(vm, ly_sym(var));
    if (!d || !d->own) { ly_message(vm, setsym, "noval", 1, var); return LY_SYM(DFailed); }
    if (d->attrs & LYA_PROTECTED) { ly_message(vm, setsym, "wrsym", 1, var); return LY_SYM(DFailed); }
    size_t n = ly_nlen(lhs) - 1;
    LY_SCRATCH(LyExpr, idx, vm, n);
    if (!idx) return NULL;
    for (size_t i = 0; i < n; i++) {
        idx[i] = lyv_eval(vm, ly_narg(lhs, i + 2));
        if (!idx[i]) { while (i--) ly_unref(vm, idx[i]); return NULL; }
    }
    LyExpr res = LY_SYM(Null);
    if (!check(vm, setsym, d->own, idx, n, d->own, lhs)) res = vm->unwind ? NULL : LY_SYM(DFailed);
    else {
        /* the value was known evaluated: the new one is too when only lists
         * changed, with evaluated values that are not Sequence[...] or
         * other expressions (read without evaluating it again: a loop of
         * x[[i]] = x[[i - 1]] + 1 stays linear) */
        bool current = !d->own_delayed && d->own_version == vm->eval_version;
        uint64_t vb = d->version;
        d = lyv_defs_own(vm, ly_sym(var));         /* a change, for workers */
        lyv_own_inplace(vm, ly_sym(var), d, vb, rhs);
        LyExpr own = d->own;
        bool packed = ly_is_packed(own), plain = true;
        d->own = NULL;
        LyExpr nv = assign(vm, own, idx, n, rhs, &plain);
        if (nv && packed && !ly_is_packed(nv)) {
            LyExpr pk = ly_try_pack(vm, nv);
            ly_unref(vm, nv);
            nv = pk;
        }
        d->own = nv;
        d->own_version = current && plain ? vm->eval_version : 0;
        if (!nv) res = NULL;
    }
    for (size_t i = 0; i < n; i++) ly_unref(vm, idx[i]);
    return res;
}

/* ---- AppendTo in place -------------------------------------------------------------------- */

/* x evaluates to itself (as a part of an evaluated List) whatever it is
 * next to: an atom, a symbol without a value, an evaluated expression. */
static bool inert_value(LyVM *vm, LyExpr x) {
    if (ly_is_sym(x)) {
        LyDefs *d = lyv_defs_get(vm, ly_sym(x));
        return !d || !d->own || d->own == x;
    }
    if (!ly_is_normal(x)) return true;
    LyExpr h = ly_nhead(x);
    return ly_normal(x)->stamp == vm->eval_version && h != LY_SYM(Sequence) && h != LY_SYM(Splice) &&
           h != LY_SYM(Unevaluated);
}

LyExpr ly_own_append(LyVM *vm, LyExpr sym, LyExpr x) {
    LyDefs *d = ly_is_sym(sym) ? lyv_defs_get(vm, ly_sym(sym)) : NULL;
    if (!d || d->own_delayed || (d->attrs & LYA_PROTECTED) || d->own_version != vm->eval_version) return NULL;
    LyExpr own = d->own;
    if (!ly_is_normal(own) || own->rc != 1 || ly_nhead(own) != LY_SYM(List) ||
        ly_normal(own)->stamp != vm->eval_version || !inert_value(vm, x))
        return NULL;
    /* what Append[own, x] and evaluating it would give, made in place:
     * the List keeps room for lyv_spare_cap(len) parts (LYV_NF_SPARE) */
    LyNormal *l = ly_normal(own);
    size_t n = l->len, have = (l->h.flags & LYV_NF_SPARE) ? lyv_spare_cap(n) : n;
    if (n + 1 > have) {
        size_t cap = lyv_spare_cap(n + 1);
        if (cap > (SIZE_MAX - sizeof(LyNormal)) / sizeof(LyExpr) - 1) { ly_raise_nomem(vm); return NULL; }
        l = lyv_realloc(vm, l, sizeof(LyNormal) + (have + 1) * sizeof(LyExpr),
                        sizeof(LyNormal) + (cap + 1) * sizeof(LyExpr));
        if (!l) return NULL;               /* the List stays as it was */
        d->own = (LyExpr)l;
    }
    uint64_t vb = d->version;
    d = lyv_defs_own(vm, ly_sym(sym));          /* a change, for workers */
    lyv_own_inplace(vm, ly_sym(sym), d, vb, x);
    ly_ref(x);
    l->e[n + 1] = x;
    l->len = n + 1;
    l->h.flags = (uint8_t)((l->h.flags & ~LYV_NF_MESSAGES) | LYV_NF_SPARE);
    l->stamp = vm->eval_version;
    d->own_version = vm->eval_version;
    return (LyExpr)l;
}

/* ---- x[[k]] = v directly ------------------------------------------------------------------ */

bool lyv_set_part_quick(LyVM *vm, LyExpr var, LyExpr k, LyExpr v) {
    LyDefs *d = lyv_defs_get(vm, ly_sym(var));
    if (!d || !ly_is_obj(d->own) || d->own->rc != 1 || (d->attrs & LYA_PROTECTED)) return false;
    LyExpr own = d->own;
    bool current = !d->own_delayed && d->own_version == vm->eval_version;
    int64_t pos;
    if (ly_is_packed(own)) {
        LyPacked *p = ly_packed(own);
        bool ints = p->h.flags == LY_PACKED_INT64;
        if (p->h.aux != 1 || p->shared == LY_PACKED_BORROWED || !(ints ? ly_is_small(v) : ly_is_real(v)) ||
            !index_of(k, (int64_t)p->len, false, &pos))
            return false;
        uint64_t vb = d->version;
        d = lyv_defs_own(vm, ly_sym(var));
        lyv_own_inplace(vm, ly_sym(var), d, vb, v);
        if (ints) ((int64_t *)p->data)[pos - 1] = ly_small(v);
        else ((double *)p->data)[pos - 1] = ly_realv(v);
        d->own_version = current ? vm->eval_version : 0;
        return true;
    }
    if (!ly_is_normal(own) || ly_nhead(own) != LY_SYM(List) || !index_of(k, (int64_t)ly_nlen(own), false, &pos))
        return false;
    /* what lyv_set_part does for one index of a List, and the List stays
     * known evaluated when v is a value that evaluates to itself */
    uint64_t vb = d->version;
    d = lyv_defs_own(vm, ly_sym(var));
    lyv_own_inplace(vm, ly_sym(var), d, vb, v);
    LyNormal *l = ly_normal(own);
    LyExpr old = l->e[pos];
    ly_ref(v);
    l->e[pos] = v;
    if (l->stamp != vm->eval_version || !inert_value(vm, v)) l->stamp = 0;
    d->own_version = current && !(ly_is_normal(v) && ly_nhead(v) != LY_SYM(List)) ? vm->eval_version : 0;
    ly_unref(vm, old);
    return true;
}
