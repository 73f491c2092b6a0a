/*
 * lyf_xfer.c — values in flight between VMs.
 *
 * Design: a value that leaves its VM (sent on a channel, a future's result,
 * a shared variable) is deep-copied with ly_copy into one of LYF_STRIPES
 * bare "transport" VMs, each guarded by a mutex, and copied out again into
 * the receiving VM.  The receiver therefore never sees later changes, and no
 * VM ever touches another VM's objects.  Immediates (small integers and
 * symbols) need neither copy nor lock: the tagged word itself is the value
 * in flight, which is what makes integer messages cheap.
 *
 * Machine reals and strings (the common non-immediate messages) travel
 * *flat* instead: the number or the bytes in the box itself, made on the
 * sender's thread and turned into an object by the receiver, with no lock
 * and no transport VM.
 *
 * Threads: any.  The stripe is picked from the sending thread's identity so
 * that unrelated senders rarely share a lock.
 */
#include <stdlib.h>
#include <string.h>
#include "lyf.h"

#define LYF_STRIPES 8

/* stripe >= 0: e lives in that transport VM; FLAT_*: the value is in the box */
enum { FLAT_REAL = -1, FLAT_STRING = -2 };
typedef struct Box {
    LyExpr e;
    int stripe;
    uint32_t nnotes;
    LyfNode **notes;            /* node handles made in e (lyf_xfer_note) */
    struct Box *next;
    size_t len;
    double d;
    char s[];
} Box;

static struct Stripe {
    pthread_mutex_t mu;
    LyVM *vm;
    char pad[64 - sizeof(pthread_mutex_t) % 64];
} stripes[LYF_STRIPES];

static pthread_once_t once = PTHREAD_ONCE_INIT;

/* internal VMs: transport and snapshot VMs (weak handles) */
static pthread_mutex_t internal_mu = PTHREAD_MUTEX_INITIALIZER;
static LyVM **internal_vms;
static size_t ninternal, capinternal;

void lyf_vm_mark_internal(LyVM *vm, bool on) {
    pthread_mutex_lock(&internal_mu);
    if (on) {
        if (ninternal == capinternal) {
            size_t nc = capinternal ? capinternal * 2 : 16;
            LyVM **n = realloc(internal_vms, nc * sizeof *n);
            if (n) { internal_vms = n; capinternal = nc; }
        }
        if (ninternal < capinternal) internal_vms[ninternal++] = vm;
    } else {
        for (size_t i = 0; i < ninternal; i++)
            if (internal_vms[i] == vm) { internal_vms[i] = internal_vms[--ninternal]; break; }
    }
    pthread_mutex_unlock(&internal_mu);
}

bool lyf_vm_is_internal(LyVM *vm) {
    bool r = false;
    pthread_mutex_lock(&internal_mu);
    for (size_t i = 0; i < ninternal && !r; i++) r = internal_vms[i] == vm;
    pthread_mutex_unlock(&internal_mu);
    return r;
}

bool lyf_weak_context(LyVM *vm) {
    return lyr_current_worker() != NULL || lyf_vm_is_internal(vm);
}

static void init_once(void) {
    for (int i = 0; i < LYF_STRIPES; i++) {
        pthread_mutex_init(&stripes[i].mu, NULL);
        stripes[i].vm = ly_new_bare(NULL, NULL);
        if (stripes[i].vm) lyf_vm_mark_internal(stripes[i].vm, true);
    }
}

void lyf_xfer_init(void) { pthread_once(&once, init_once); }

static int pick_stripe(void) {
    LyrWorker *w = lyr_current_worker();
    if (w) return lyr_worker_index(w) % LYF_STRIPES;
    uintptr_t t = (uintptr_t)pthread_self();
    return (int)((t >> 12) % LYF_STRIPES);
}

/* Freeing a box's expression can run finalizers (a Future handle inside
 * it) that free other boxes: those wait on this thread's list until the
 * stripe is unlocked, so no stripe is ever locked twice or two at once
 * while freeing (no self-deadlock, no lock-order cycle). */
static _Thread_local int stripe_depth;
static _Thread_local Box *deferred;

static void free_box_now(Box *b);

static void stripe_lock(int k) {
    pthread_mutex_lock(&stripes[k].mu);
    stripe_depth++;
}

static _Thread_local bool draining;     /* the loop below runs: iterative, chains can be long */

static void stripe_unlock(int k) {
    stripe_depth--;
    pthread_mutex_unlock(&stripes[k].mu);
    if (stripe_depth || draining) return;
    draining = true;
    while (deferred) {
        Box *b = deferred;
        deferred = b->next;
        free_box_now(b);
    }
    draining = false;
}

static void box_free(Box *b) {
    free(b->notes);
    free(b);
}

static void free_box_now(Box *b) {
    stripe_lock(b->stripe);
    ly_unref(stripes[b->stripe].vm, b->e);
    stripe_unlock(b->stripe);
    box_free(b);
}

/* ---- notes: the node handles a box holds (lyf_node.c) ---- */

typedef struct Rec { LyVM *vm; LyfNode **v; uint32_t n, cap; } Rec;
static _Thread_local Rec *rec;

void lyf_xfer_note(LyVM *dst, LyfNode *n) {
    Rec *r = rec;
    if (!r || r->vm != dst) return;
    if (r->n == r->cap) {
        /* not noted when out of memory: the handle then looks held from
         * outside, which keeps its node alive (a leak, never a free too soon) */
        uint32_t nc = r->cap ? r->cap * 2 : 4;
        LyfNode **v = realloc(r->v, nc * sizeof *v);
        if (!v) return;
        r->v = v;
        r->cap = nc;
    }
    r->v[r->n++] = n;
}

size_t lyf_val_notes(LyfVal v, LyfNode *const **out) {
    if (!v || ((uintptr_t)v & 3u)) { *out = NULL; return 0; }
    Box *b = v;
    *out = b->notes;
    return b->nnotes;
}

/* b->e = a copy of e into transport VM k (locked), noting node handles. */
static void box_copy(Box *b, int k, LyExpr e, bool keep) {
    Rec r = { stripes[k].vm, NULL, 0, 0 };
    rec = &r;
    b->e = keep ? ly_copy(stripes[k].vm, e) : ly_copy_read(stripes[k].vm, e);
    rec = NULL;
    b->notes = r.v;
    b->nnotes = r.n;
}

static Box *flat_put(LyExpr e) {
    if (ly_is_real(e)) {
        Box *b = malloc(sizeof *b);
        if (b) { b->stripe = FLAT_REAL; b->d = ly_realv(e); b->e = NULL; b->notes = NULL; b->nnotes = 0; }
        return b;
    }
    size_t len = ly_str(e)->len;
    Box *b = malloc(sizeof *b + len + 1);
    if (!b) return NULL;
    b->stripe = FLAT_STRING;
    b->len = len;
    b->e = NULL;
    b->notes = NULL;
    b->nnotes = 0;
    memcpy(b->s, ly_str(e)->s, len + 1);
    return b;
}

static bool flat_kind(LyExpr e) { return ly_is_real(e) || ly_is_string(e); }

static LyExpr flat_make(LyVM *vm, const Box *b) {
    return b->stripe == FLAT_REAL ? ly_mkreal(vm, b->d) : ly_mkstring(vm, b->s, b->len);
}

static LyfVal put(LyVM *vm, LyExpr e, bool keep) {
    /* a symbol crosses as itself: a Module local stays (ly_copy marks the
     * ones inside what it copies) */
    if (!ly_is_obj(e)) { if (keep) ly_keep_symbols(vm, e); return (LyfVal)e; }
    if (flat_kind(e)) return flat_put(e);
    lyf_xfer_init();
    int k = pick_stripe();
    if (!stripes[k].vm) return NULL;
    Box *b = malloc(sizeof *b);
    if (!b) return NULL;
    stripe_lock(k);
    box_copy(b, k, e, keep);
    stripe_unlock(k);
    if (!b->e) { box_free(b); return NULL; }
    b->stripe = k;
    return b;
}

LyfVal lyf_val_put(LyVM *vm, LyExpr e) { return put(vm, e, true); }
LyfVal lyf_val_put_defs(LyVM *vm, LyExpr e) { return put(vm, e, false); }

static bool is_box(LyfVal v) { return ((uintptr_t)v & 3u) == 0; }

LyExpr lyf_val_peek(LyVM *vm, LyfVal v) {
    if (!is_box(v)) return (LyExpr)v;
    Box *b = v;
    if (b->stripe < 0) return flat_make(vm, b);
    stripe_lock(b->stripe);
    LyExpr r = ly_copy(vm, b->e);
    stripe_unlock(b->stripe);
    return r;
}

void lyf_val_free(LyfVal v) {
    if (!v || !is_box(v)) return;
    Box *b = v;
    if (b->stripe < 0) { box_free(b); return; }
    if (stripe_depth) { b->next = deferred; deferred = b; return; }
    free_box_now(b);
}

LyExpr lyf_val_take(LyVM *vm, LyfVal v) {
    if (!is_box(v)) return (LyExpr)v;
    Box *b = v;
    if (b->stripe < 0) {
        LyExpr r = flat_make(vm, b);
        box_free(b);
        return r;
    }
    stripe_lock(b->stripe);
    LyExpr r = ly_copy(vm, b->e);
    ly_unref(stripes[b->stripe].vm, b->e);
    stripe_unlock(b->stripe);
    box_free(b);
    return r;
}

/* Batches: one lock per run of values in the same stripe. */
size_t lyf_val_put_many(LyVM *vm, const LyExpr *es, size_t n, LyfVal *out) {
    lyf_xfer_init();
    int k = pick_stripe();
    if (!stripes[k].vm) return 0;
    size_t i = 0;
    bool locked = false;
    for (; i < n; i++) {
        if (!ly_is_obj(es[i])) { ly_keep_symbols(vm, es[i]); out[i] = (LyfVal)es[i]; continue; }
        if (flat_kind(es[i])) {
            if (!(out[i] = flat_put(es[i]))) break;
            continue;
        }
        Box *b = malloc(sizeof *b);
        if (!b) break;
        if (!locked) { stripe_lock(k); locked = true; }
        box_copy(b, k, es[i], true);
        if (!b->e) { box_free(b); break; }
        b->stripe = k;
        out[i] = b;
    }
    if (locked) stripe_unlock(k);
    return i;
}

size_t lyf_val_take_many(LyVM *vm, LyfVal *v, size_t n, LyExpr *out) {
    size_t i = 0;
    int locked = -1;
    for (; i < n; i++) {
        if (!is_box(v[i])) { out[i] = (LyExpr)v[i]; continue; }
        Box *b = v[i];
        if (b->stripe < 0) {
            LyExpr r = flat_make(vm, b);
            if (!r) break;
            box_free(b);
            out[i] = r;
            continue;
        }
        if (locked != b->stripe) {
            if (locked >= 0) stripe_unlock(locked);
            locked = b->stripe;
            stripe_lock(locked);
        }
        LyExpr r = ly_copy(vm, b->e);
        if (!r) break;
        ly_unref(stripes[b->stripe].vm, b->e);
        box_free(b);
        out[i] = r;
    }
    if (locked >= 0) stripe_unlock(locked);
    return i;
}
