/*
 * expr.c — construction and destruction of heap expressions.
 *
 * Every object is one allocation through the VM's funnel; its size is
 * recomputed from its contents when it is freed (the allocator is told the
 * old size).  Objects are immutable after construction, except that a fresh
 * normal expression's slots are filled by its maker before it is shared.
 *
 * Freeing is iterative: a 10^6-deep expression must not overflow the C
 * stack.  Dead normal expressions wait on a list threaded through their
 * head slot e[0] (the head is released first); dead leaves are freed at once.
 */
#include <gmp.h>
#include <stdlib.h>
#include "lyv.h"

/* ---- sizes ------------------------------------------------------------------------ */

static size_t normal_size(size_t len) { return sizeof(LyNormal) + (len + 1) * sizeof(LyExpr); }
/* The block of n: room for spare arguments after an in-place AppendTo. */
static inline size_t normal_block(const LyNormal *n) {
    if (__builtin_expect(n->h.flags & LYV_NF_SPARE, 0)) return normal_size(lyv_spare_cap(n->len));
    return normal_size(n->len);
}
static size_t big_size(int32_t size) {
    return sizeof(LyBig) + (size_t)(size < 0 ? -(int64_t)size : size) * sizeof(uint64_t);
}
static size_t packed_size(unsigned rank, size_t len) {
    return sizeof(LyPacked) + rank * sizeof(size_t) + len * 8;
}
/* An association block: the header, room for cap/2 rules (cap >= 2 len + 2
 * index slots, so there is always room for one more), then the index. */
static size_t assoc_size(size_t cap) {
    return sizeof(LyAssoc) + cap / 2 * sizeof(LyExpr) + cap * sizeof(int64_t);
}

static void *newobj(LyVM *vm, size_t size, int type) {
    struct LyObject *o = lyv_alloc(vm, size);
    if (!o) return NULL;
    o->rc = 1;
    o->type = (uint8_t)type;
    o->flags = 0;
    o->aux = 0;
    return o;
}

/* ---- destruction ----------------------------------------------------------------------- */

/* Frees x (rc == 0) if it is a leaf, or queues it on *pending if normal.
 * Follows chains of dead heads iteratively. */
static void kill(LyVM *vm, LyExpr x, LyNormal **pending) {
    while (x) {
        LyExpr next = NULL;
        switch (x->type) {
        case LY_TNORMAL: {
            LyNormal *n = (LyNormal *)x;
            LyExpr h = n->e[0];
            n->e[0] = (LyExpr)*pending;
            *pending = n;
            if (ly_is_obj(h) && --h->rc == 0) next = h;
            break;
        }
        case LY_TBIG:
            lyv_free(vm, x, big_size(((LyBig *)x)->size));
            break;
        case LY_TRAT: case LY_TCOMPLEX: {
            LyExpr a = ((LyRational *)x)->num, b = ((LyRational *)x)->den;
            lyv_free(vm, x, sizeof(LyRational));
            if (ly_is_obj(a) && --a->rc == 0) kill(vm, a, pending);  /* numbers: shallow */
            if (ly_is_obj(b) && --b->rc == 0) kill(vm, b, pending);
            break;
        }
        case LY_TREAL:
            lyv_free(vm, x, sizeof(LyReal));
            break;
        case LY_TSTRING:
            lyv_free(vm, x, sizeof(LyString) + ((LyString *)x)->len + 1);
            break;
        case LY_TPACKED: {
            LyPacked *p = (LyPacked *)x;
            if (p->shared == LY_PACKED_DETACHED) lyv_free(vm, p->data, p->len ? p->len * 8 : 8);
            lyv_free(vm, x, packed_size(p->h.aux, p->shared ? 0 : p->len));
            break;
        }
        case LY_TASSOC: {
            LyAssoc *a = (LyAssoc *)x;
            for (size_t i = 0; i < a->len; i++) {
                LyExpr r = a->rules[i];
                if (ly_is_obj(r) && --r->rc == 0) kill(vm, r, pending);  /* queues */
            }
            lyv_free(vm, x, assoc_size(a->cap));
            break;
        }
        case LY_TFOREIGN: {
            LyForeign *f = (LyForeign *)x;
            if (f->type && f->type->finalize) f->type->finalize(vm, f->data);
            lyv_free(vm, x, sizeof(LyForeign));
            break;
        }
        default:
            break;
        }
        x = next;
    }
}

void ly_free_object_(LyVM *vm, LyExpr e) {
    LyNormal *pending = NULL;
    if (e->type == LY_TNORMAL) {
        /* e's own parts in place (the common case: none of them dies);
         * those that die wait on the list or are freed by kill */
        LyNormal *n = (LyNormal *)e;
        size_t len = n->len;
        for (size_t i = 0; i <= len; i++) {
            LyExpr c = n->e[i];
            if (ly_is_obj(c) && --c->rc == 0) kill(vm, c, &pending);
        }
        size_t size = normal_block(n);
        if (size <= LYV_SMALL_MAX) lyv_free_small(vm, n, size);
        else lyv_free(vm, n, size);
        if (!pending) return;
    } else {
        kill(vm, e, &pending);
    }
    while (pending) {
        LyNormal *n = pending;
        pending = (LyNormal *)n->e[0];
        for (size_t i = 1; i <= n->len; i++) {
            LyExpr c = n->e[i];
            if (ly_is_obj(c) && --c->rc == 0) kill(vm, c, &pending);
        }
        lyv_free(vm, n, normal_block(n));
    }
}

void ly_incref(LyVM *vm, LyExpr e) { lyv_owner_check(vm); ly_ref(e); }
void ly_decref(LyVM *vm, LyExpr e) { lyv_owner_check(vm); ly_unref(vm, e); }

/* ---- normal expressions --------------------------------------------------------------------- */

LyExpr ly_mknormal(LyVM *vm, LyExpr head, size_t len) {
    if (len > (SIZE_MAX - sizeof(LyNormal)) / sizeof(LyExpr) - 1) {
        ly_unref(vm, head);
        return ly_raise_nomem(vm);
    }
    size_t size = normal_size(len);
    LyNormal *n = size <= LYV_SMALL_MAX ? lyv_alloc_small(vm, size) : lyv_alloc(vm, size);
    if (!n) { ly_unref(vm, head); return NULL; }
    n->h.rc = 1;
    n->h.type = LY_TNORMAL;
    n->h.flags = 0;
    n->h.aux = 0;
    n->len = len;
    n->stamp = 0;
    n->e[0] = head;
    memset(n->e + 1, 0, len * sizeof(LyExpr));
    return (LyExpr)n;
}

LyExpr lyv_mknormal_from_(LyVM *vm, LyExpr head, size_t n, const LyExpr *args) {
    LyExpr x = ly_mknormal(vm, head, n);
    if (!x) { for (size_t i = 0; i < n; i++) ly_unref(vm, args[i]); return NULL; }
    memcpy(ly_nargs(x), args, n * sizeof *args);
    return x;
}

LyExpr ly_mk(LyVM *vm, LyExpr head, size_t n, ...) {
    va_list ap;
    LyExpr r = head ? ly_mknormal(vm, head, n) : NULL;
    bool ok = r != NULL;
    va_start(ap, n);
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = va_arg(ap, LyExpr);
        if (!a) ok = false;
        if (r) ly_nset(r, i, a);
        else ly_unref(vm, a);
    }
    va_end(ap);
    if (!ok && r) {
        /* fill holes so the free below is well defined */
        for (size_t i = 1; i <= n; i++) if (!ly_narg(r, i)) ly_nset(r, i, LY_SYM(Null));
        ly_unref(vm, r);
        r = NULL;
    }
    return r;
}

LyExpr ly_apply(LyVM *vm, LyExpr head, size_t n, const LyExpr *args) {
    ly_ref(head);
    LyExpr r = ly_mknormal(vm, head, n);
    if (!r) return NULL;
    for (size_t i = 0; i < n; i++) { ly_ref(args[i]); ly_nset(r, i + 1, args[i]); }
    return r;
}

LyExpr ly_applyf(LyVM *vm, const char *head, size_t n, const LyExpr *args) {
    LyExpr h = lyv_symbol(head);
    return h ? ly_apply(vm, h, n, args) : ly_raise_nomem(vm);
}

LyExpr ly_list(LyVM *vm, size_t n, const LyExpr *items) {
    return ly_apply(vm, LY_SYM(List), n, items);
}

/* ---- atoms --------------------------------------------------------------------------------- */

LyExpr ly_mkreal(LyVM *vm, double v) {
    LyReal *r = newobj(vm, sizeof(LyReal), LY_TREAL);
    if (r) r->v = v;
    return (LyExpr)r;
}

LyExpr ly_real(LyVM *vm, double v) { lyv_owner_check(vm); return ly_mkreal(vm, v); }

/* The hash of a string and its number of UTF-8 continuation bytes, eight
 * bytes at a time (strings built in loops, s = s <> "ab", pay this for
 * every byte each time: a byte at a time it cost 8 instructions per byte,
 * ten times the copy). */
static uint32_t str_scan(const char *s, size_t len, size_t *ncont) {
    const uint64_t hi = 0x8080808080808080ull;
    uint64_t h = 0x9e3779b97f4a7c15ull ^ len, lanes = 0;
    size_t cont = 0, i = 0, k = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 29;
        if (w & hi) {                            /* not ASCII */
            lanes += ((w & ~(w << 1)) & hi) >> 7;    /* 10xxxxxx: one in that byte's lane */
            if (++k == 31) {                     /* before the sum of the lanes overflows a byte */
                cont += (lanes * 0x0101010101010101ull) >> 56;
                lanes = 0;
                k = 0;
            }
        }
    }
    cont += (lanes * 0x0101010101010101ull) >> 56;
    if (i < len) {
        uint64_t w = 0;
        memcpy(&w, s + i, len - i);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        for (; i < len; i++) cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    }
    h ^= h >> 32;
    *ncont = cont;
    return (uint32_t)h;
}

LyExpr ly_mkstring(LyVM *vm, const char *s, size_t len) {
    if (len > SIZE_MAX - sizeof(LyString) - 1) return ly_raise_nomem(vm);
    LyString *str = newobj(vm, sizeof(LyString) + len + 1, LY_TSTRING);
    if (!str) return NULL;
    str->len = len;
    memcpy(str->s, s, len);
    str->s[len] = 0;
    size_t cont;
    str->hash = str_scan(s, len, &cont);
    size_t nc = len - cont;
    str->nchars = nc > UINT32_MAX ? UINT32_MAX : (uint32_t)nc;
    return (LyExpr)str;
}

LyExpr ly_string(LyVM *vm, const char *s, size_t len) { lyv_owner_check(vm); return ly_mkstring(vm, s, len); }
LyExpr ly_cstring(LyVM *vm, const char *s) { return ly_mkstring(vm, s, strlen(s)); }

LyExpr ly_symbol(LyVM *vm, const char *name) {
    LySymbol *s = lyv_intern_vm(vm, name, strlen(name));
    if (s && (s->flags & LY_SYMF_TEMP)) lyv_handout(vm, ly_symexpr(s));
    return s ? ly_symexpr(s) : ly_raise_nomem(vm);
}

LyExpr lyv_mkbig_from_limbs(LyVM *vm, int32_t size, const uint64_t *limbs) {
    LyBig *b = newobj(vm, big_size(size), LY_TBIG);
    if (!b) return NULL;
    b->size = size;
    b->pad = 0;
    memcpy(b->limbs, limbs, big_size(size) - sizeof(LyBig));
    return (LyExpr)b;
}

LyExpr ly_mkforeign(LyVM *vm, const LyForeignType *t, void *data) {
    LyForeign *f = newobj(vm, sizeof(LyForeign), LY_TFOREIGN);
    if (!f) { if (t->finalize) t->finalize(vm, data); return NULL; }
    f->type = t;
    f->data = data;
    return (LyExpr)f;
}

/* ---- packed arrays ---------------------------------------------------------------------------- */

LyExpr ly_mkpacked(LyVM *vm, LyPackedType t, unsigned rank, const size_t *dims) {
    size_t len = 1;
    if (rank == 0 || rank > 0xFFFF) return NULL;
    for (unsigned i = 0; i < rank; i++) {
        if (dims[i] && len > SIZE_MAX / 16 / dims[i]) return ly_raise_nomem(vm);
        len *= dims[i];
    }
    LyPacked *p = newobj(vm, packed_size(rank, len), LY_TPACKED);
    if (!p) return NULL;
    p->h.flags = (uint8_t)t;
    p->h.aux = (uint16_t)rank;
    p->len = len;
    p->dims = (size_t *)(p + 1);
    memcpy(p->dims, dims, rank * sizeof(size_t));
    p->data = p->dims + rank;
    p->shared = NULL;
    return (LyExpr)p;
}

LyExpr ly_mkpacked_view(LyVM *vm, LyPackedType t, unsigned rank, const size_t *dims, const void *data) {
    size_t len = 1;
    if (rank == 0 || rank > 0xFFFF) return NULL;
    for (unsigned i = 0; i < rank; i++) len *= dims[i];
    LyPacked *p = newobj(vm, packed_size(rank, 0), LY_TPACKED);
    if (!p) return NULL;
    p->h.flags = (uint8_t)t;
    p->h.aux = (uint16_t)rank;
    p->len = len;
    p->dims = (size_t *)(p + 1);
    memcpy(p->dims, dims, rank * sizeof(size_t));
    p->data = (void *)(uintptr_t)data;
    p->shared = LY_PACKED_BORROWED;
    return (LyExpr)p;
}

bool ly_packed_settle(LyVM *vm, LyExpr e) {
    if (!ly_is_packed(e) || ly_packed(e)->shared != LY_PACKED_BORROWED || e->rc <= 1) return true;
    LyPacked *p = ly_packed(e);
    void *d = lyv_alloc(vm, p->len ? p->len * 8 : 8);
    if (!d) return false;
    if (p->len) memcpy(d, p->data, p->len * 8);
    p->data = d;
    p->shared = LY_PACKED_DETACHED;
    return true;
}

LyExpr ly_packed_int64(LyVM *vm, size_t n, const int64_t *data) {
    LyExpr p = ly_mkpacked(vm, LY_PACKED_INT64, 1, &n);
    if (p && n) memcpy(ly_packed(p)->data, data, n * 8);
    return p;
}

LyExpr ly_packed_real(LyVM *vm, size_t n, const double *data) {
    LyExpr p = ly_mkpacked(vm, LY_PACKED_REAL, 1, &n);
    if (p && n) memcpy(ly_packed(p)->data, data, n * 8);
    return p;
}

LyExpr lyv_int_from_int64(LyVM *vm, int64_t v);

/* Element i (flat index) of a packed array as an expression. */
static LyExpr packed_elem(LyVM *vm, LyPacked *p, size_t i) {
    if (p->h.flags == LY_PACKED_INT64) return lyv_int_from_int64(vm, ((int64_t *)p->data)[i]);
    return ly_mkreal(vm, ((double *)p->data)[i]);
}

/* Builds level `lev` of the nested list starting at flat offset `off`. */
static LyExpr unpack_level(LyVM *vm, LyPacked *p, unsigned lev, size_t off, size_t stride) {
    size_t n = p->dims[lev];
    size_t sub = stride / (n ? n : 1);
    LyExpr r = ly_mknormal(vm, LY_SYM(List), n);
    if (!r) return NULL;
    for (size_t i = 0; i < n; i++) {
        LyExpr x = lev + 1 == p->h.aux ? packed_elem(vm, p, off + i)
                                       : unpack_level(vm, p, lev + 1, off + i * sub, sub);
        if (!x) {
            for (size_t j = i; j < n; j++) ly_nset(r, j + 1, LY_SYM(Null));
            ly_unref(vm, r);
            return NULL;
        }
        ly_nset(r, i + 1, x);
    }
    return r;
}

LyExpr ly_unpack(LyVM *vm, LyExpr e) {
    if (!ly_is_packed(e)) { ly_ref(e); return e; }
    LyPacked *p = ly_packed(e);
    return unpack_level(vm, p, 0, 0, p->len);
}

/* Checks that e is a full rectangular array of shape dims[0..rank) whose
 * leaves are machine integers or reals; *kind: 1 all integers, 2 any real. */
static bool pack_check(LyExpr e, unsigned depth, unsigned rank, const size_t *dims, int *kind) {
    if (depth == rank) {
        /* integers and reals together stay a List: packing would turn 1 into 1. */
        if (ly_is_small(e)) { if (*kind == 0) *kind = 1; return *kind == 1; }
        if (ly_is_real(e)) { if (*kind == 0) *kind = 2; return *kind == 2; }
        return false;
    }
    if (!ly_head_is(e, LY_SYM(List)) || ly_nlen(e) != dims[depth]) return false;
    for (size_t i = 1; i <= dims[depth]; i++)
        if (!pack_check(ly_narg(e, i), depth + 1, rank, dims, kind)) return false;
    return true;
}

static void pack_fill(LyExpr e, LyPacked *p, size_t *pos) {
    if (!ly_head_is(e, LY_SYM(List))) {
        if (p->h.flags == LY_PACKED_INT64) ((int64_t *)p->data)[(*pos)++] = ly_small(e);
        else ((double *)p->data)[(*pos)++] = ly_is_small(e) ? (double)ly_small(e) : ly_realv(e);
        return;
    }
    for (size_t i = 1; i <= ly_nlen(e); i++) pack_fill(ly_narg(e, i), p, pos);
}

LyExpr ly_try_pack(LyVM *vm, LyExpr e) {
    size_t dims[64];
    unsigned rank = 0;
    int kind = 0;
    for (LyExpr x = e; ly_head_is(x, LY_SYM(List)) && rank < 64; x = ly_narg(x, 1)) {
        dims[rank++] = ly_nlen(x);
        if (ly_nlen(x) == 0) { rank = 0; break; }     /* {} stays a List */
    }
    if (rank == 0 || rank == 64 || !pack_check(e, 0, rank, dims, &kind)) { ly_ref(e); return e; }
    LyExpr p = ly_mkpacked(vm, kind == 1 ? LY_PACKED_INT64 : LY_PACKED_REAL, rank, dims);
    if (!p) return NULL;
    size_t pos = 0;
    pack_fill(e, ly_packed(p), &pos);
    return p;
}

/* ---- associations ----------------------------------------------------------------------------- */

static void assoc_index(LyAssoc *a) {
    for (size_t i = 0; i < a->cap; i++) a->index[i] = -1;
    for (size_t i = 0; i < a->len; i++) {
        size_t m = a->cap - 1, h = (size_t)ly_hash(ly_narg(a->rules[i], 1)) & m;
        while (a->index[h] >= 0) h = (h + 1) & m;
        a->index[h] = (int64_t)i;
    }
}

LyExpr ly_assoc_lookup(LyExpr e, LyExpr key) {
    LyAssoc *a = ly_assoc(e);
    size_t m = a->cap - 1, h = (size_t)ly_hash(key) & m;
    for (;;) {
        int64_t i = a->index[h];
        if (i < 0) return NULL;
        if (ly_equal(ly_narg(a->rules[i], 1), key)) return ly_narg(a->rules[i], 2);
        h = (h + 1) & m;
    }
}

static LyAssoc *assoc_new(LyVM *vm, size_t cap) {
    LyAssoc *a = newobj(vm, assoc_size(cap), LY_TASSOC);
    if (!a) return NULL;
    a->rules = (LyExpr *)(a + 1);
    a->index = (int64_t *)(a->rules + cap / 2);
    a->cap = cap;
    a->len = 0;
    for (size_t i = 0; i < cap; i++) a->index[i] = -1;
    return a;
}

/* Sets rule (borrowed) in a, which has room: replaces the rule of the same
 * key, or appends it. */
static void assoc_set(LyVM *vm, LyAssoc *a, LyExpr rule) {
    LyExpr k = ly_narg(rule, 1);
    size_t m = a->cap - 1, h = (size_t)ly_hash(k) & m;
    for (;;) {
        int64_t j = a->index[h];
        if (j < 0) {
            a->index[h] = (int64_t)a->len;
            ly_ref(rule);
            a->rules[a->len++] = rule;
            return;
        }
        if (ly_equal(ly_narg(a->rules[j], 1), k)) {
            ly_ref(rule);
            ly_unref(vm, a->rules[j]);
            a->rules[j] = rule;
            return;
        }
        h = (h + 1) & m;
    }
}

LyExpr ly_mkassoc(LyVM *vm, size_t n, const LyExpr *rules) {
    /* keep the last occurrence of each key, at the position of the first */
    size_t cap = 8;
    while (cap < 2 * n + 2) cap *= 2;
    LyAssoc *a = assoc_new(vm, cap);
    if (!a) return NULL;
    for (size_t i = 0; i < n; i++) assoc_set(vm, a, rules[i]);
    return (LyExpr)a;
}

LyExpr ly_assoc_put(LyVM *vm, LyExpr assoc, LyExpr rule) {
    LyAssoc *a = ly_assoc(assoc);
    bool present = ly_assoc_lookup(assoc, ly_narg(rule, 1)) != NULL;
    if (assoc->rc == 1 && (present || 2 * (a->len + 1) + 2 <= a->cap)) {
        assoc_set(vm, a, rule);         /* in place */
        return assoc;
    }
    /* a new block: twice the index when growing; the rules move when
     * nothing else holds the old one, else they are shared */
    size_t cap = a->cap;
    while (cap < 2 * (a->len + 1) + 2) cap *= 2;
    LyAssoc *b = assoc_new(vm, cap);
    if (!b) { ly_unref(vm, assoc); return NULL; }
    bool move = assoc->rc == 1;
    for (size_t i = 0; i < a->len; i++) {
        if (!move) ly_ref(a->rules[i]);
        b->rules[i] = a->rules[i];
    }
    b->len = a->len;
    assoc_index(b);
    if (move) lyv_free(vm, a, assoc_size(a->cap));
    else ly_unref(vm, assoc);
    assoc_set(vm, b, rule);
    return (LyExpr)b;
}
