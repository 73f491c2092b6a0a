/*
 * lyf_node.c — freeing cycles of shared cores that hold each other's
 * handles in values in flight (see LyfNode in lyf.h).
 *
 * A channel or future is freed when its last handle goes.  A handle can
 * sit inside a value a channel buffers or a future holds (its expression,
 * result, Throw value), the node's own included (`Send[ch, ch]`), so a
 * group of nodes can keep each other alive after every handle outside the
 * group is gone.  This file finds such groups by trial deletion (Bacon and
 * Rajan's synchronous cycle collection, restricted to nodes):
 *
 *   - a release that leaves other references while some held box has a
 *     handle to the node (inbuf > 0) takes the slow path; every other
 *     release is one CAS on the node's state word;
 *   - the slow path, under the lock that guards every summary (`out`),
 *     walks the nodes reachable from the released one, counts for each how
 *     many of its references those summaries account for (`internal`), and
 *     calls a node live when it has more references than that, or is
 *     reachable from a live node; the rest are garbage: each is drained
 *     (the values it holds dropped), which releases the handles in them and
 *     so frees the group.
 *
 * Why reading the reference counts one node after another is enough: the
 * summaries cannot change while the collector runs.  A node all of whose
 * references are boxes held by garbage nodes has no handle in any VM, so no
 * thread can send to it, receive from it or await it, and no handle to it
 * can come out of a box without someone doing that to a node of the group.
 * A summary that counts a box no longer buffered (received, not yet
 * unheld) or not yet buffered (held, not yet sent) belongs to a node a
 * thread is using through a handle of its own, which makes that node and
 * everything it reaches live.  A box nobody holds (a value in transit, a
 * shared variable, definitions sent to workers) counts as a reference from
 * outside: at worst a group lives until that box goes.
 *
 * Locks: gc_mu guards every summary and the collector's fields; nothing
 * else is taken under it.  Only boxes holding node handles (rare: values
 * that contain channels or futures) take it when they go in and out.  Draining and
 * destroying run after gc_mu is released.
 *
 * Threads: any.
 */
#include <stdlib.h>
#include "lyf.h"

#define REF ((uint64_t)1 << 32)

static pthread_mutex_t gc_mu = PTHREAD_MUTEX_INITIALIZER;
static _Atomic long live;       /* nodes not yet finalised, for tests */

long lyf_node_live(void) { return atomic_load_explicit(&live, memory_order_relaxed); }

void lyf_node_init(LyfNode *n, void (*destroy)(LyfNode *), void (*drain)(LyfNode *)) {
    atomic_init(&n->st, 0);
    n->out = NULL;
    n->nout = n->capout = 0;
    n->destroy = destroy;
    n->drain = drain;
    n->gc_internal = 0;
    n->gc_mark = 0;
    atomic_fetch_add_explicit(&live, 1, memory_order_relaxed);
}

void lyf_node_fini(LyfNode *n) {
    free(n->out);
    atomic_fetch_sub_explicit(&live, 1, memory_order_relaxed);
}

void lyf_node_retain(LyfNode *n) { atomic_fetch_add(&n->st, REF); }

/* ---- the summary: a multiset of nodes, open addressing ---- */

static uint32_t slot_of(const LyfNode *p, uint32_t mask) {
    uint64_t h = (uint64_t)(uintptr_t)p;
    h ^= h >> 17;
    h *= 0x9E3779B97F4A7C15ULL;
    return (uint32_t)(h >> 32) & mask;
}

static uint32_t find(const LyfNode *n, const LyfNode *to) {
    uint32_t mask = n->capout - 1, i = slot_of(to, mask);
    while (n->out[i].to && n->out[i].to != to) i = (i + 1) & mask;
    return i;
}

static bool grow(LyfNode *n) {
    uint32_t nc = n->capout ? n->capout * 2 : 8;
    LyfEdge *old = n->out, *e = calloc(nc, sizeof *e);
    if (!e) return false;
    uint32_t oc = n->capout;
    n->out = e;
    n->capout = nc;
    for (uint32_t i = 0; i < oc; i++)
        if (old[i].to) n->out[find(n, old[i].to)] = old[i];
    free(old);
    return true;
}

static bool edge_add(LyfNode *n, LyfNode *to) {
    if ((n->nout + 1) * 2 > n->capout && !grow(n)) return false;
    uint32_t i = find(n, to);
    if (!n->out[i].to) { n->out[i].to = to; n->out[i].n = 0; n->nout++; }
    n->out[i].n++;
    return true;
}

static void edge_remove(LyfNode *n, LyfNode *to) {
    if (!n->capout) return;
    uint32_t mask = n->capout - 1, i = find(n, to);
    if (!n->out[i].to || --n->out[i].n) return;
    /* backward-shift deletion keeps every probe run unbroken */
    for (uint32_t j = i;;) {
        j = (j + 1) & mask;
        if (!n->out[j].to) break;
        uint32_t k = slot_of(n->out[j].to, mask);
        bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
        if (stays) continue;
        n->out[i] = n->out[j];
        i = j;
    }
    n->out[i].to = NULL;
    n->nout--;
}

bool lyf_node_hold(LyfNode *holder, LyfVal v) {
    LyfNode *const *notes;
    size_t k = lyf_val_notes(v, &notes);
    if (!k) return true;
    pthread_mutex_lock(&gc_mu);
    size_t i = 0;
    for (; i < k; i++) if (!edge_add(holder, notes[i])) break;
    if (i < k) {
        while (i--) edge_remove(holder, notes[i]);
        pthread_mutex_unlock(&gc_mu);
        return false;
    }
    for (i = 0; i < k; i++) atomic_fetch_add(&notes[i]->st, 1);
    pthread_mutex_unlock(&gc_mu);
    return true;
}

void lyf_node_unhold(LyfNode *holder, LyfVal v) {
    LyfNode *const *notes;
    size_t k = lyf_val_notes(v, &notes);
    if (!k) return;
    pthread_mutex_lock(&gc_mu);
    for (size_t i = 0; i < k; i++) {
        edge_remove(holder, notes[i]);
        atomic_fetch_sub(&notes[i]->st, 1);
    }
    pthread_mutex_unlock(&gc_mu);
}

LyfVal lyf_node_put(LyfNode *holder, LyVM *vm, LyExpr x) {
    LyfVal v = lyf_val_put(vm, x);
    if (v && !lyf_node_hold(holder, v)) { lyf_val_free(v); v = NULL; }
    return v;
}

void lyf_node_drop(LyfNode *holder, LyfVal v) {
    lyf_node_unhold(holder, v);
    lyf_val_free(v);
}

/* ---- the collector ---- */

typedef struct { LyfNode **v; size_t n, cap; } Vec;

static bool vec_push(Vec *s, LyfNode *x) {
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 16;
        LyfNode **v = realloc(s->v, nc * sizeof *v);
        if (!v) return false;
        s->v = v;
        s->cap = nc;
    }
    s->v[s->n++] = x;
    return true;
}

enum { UNSEEN = 0, SEEN = 1, LIVE = 2 };

/* Under gc_mu.  x is kept alive by the caller's reference, which is not
 * counted as one from outside.  Fills *garbage with the garbage nodes, each
 * retained. */
static void collect(LyfNode *x, Vec *garbage) {
    Vec s = { 0 };
    bool ok = vec_push(&s, x);
    if (ok) x->gc_mark = SEEN;
    for (size_t i = 0; ok && i < s.n; i++) {
        LyfNode *y = s.v[i];
        for (uint32_t j = 0; ok && j < y->capout; j++) {
            LyfNode *z = y->out[j].to;
            if (!z || z->gc_mark != UNSEEN) continue;
            if ((ok = vec_push(&s, z))) z->gc_mark = SEEN;
        }
    }
    if (ok) {
        for (size_t i = 0; i < s.n; i++) {
            LyfNode *y = s.v[i];
            for (uint32_t j = 0; j < y->capout; j++)
                if (y->out[j].to) y->out[j].to->gc_internal += y->out[j].n;
        }
        /* live: more references than the group accounts for, or reachable
         * from such a node; the queue reuses garbage's storage */
        Vec q = { 0 };
        for (size_t i = 0; ok && i < s.n; i++) {
            LyfNode *y = s.v[i];
            int64_t ext = (int64_t)(atomic_load(&y->st) >> 32) - y->gc_internal - (y == x);
            if (ext <= 0 || y->gc_mark == LIVE) continue;
            y->gc_mark = LIVE;
            q.n = 0;
            ok = vec_push(&q, y);
            while (ok && q.n) {
                LyfNode *u = q.v[--q.n];
                for (uint32_t j = 0; ok && j < u->capout; j++) {
                    LyfNode *z = u->out[j].to;
                    if (!z || z->gc_mark == LIVE) continue;
                    z->gc_mark = LIVE;
                    ok = vec_push(&q, z);
                }
            }
        }
        free(q.v);
    }
    /* out of memory anywhere: no garbage this time (a leak, never a free
     * too soon) */
    for (size_t i = 0; i < s.n; i++) {
        LyfNode *y = s.v[i];
        if (ok && y->gc_mark == SEEN) {
            if (vec_push(garbage, y)) lyf_node_retain(y);
            else ok = false;
        }
        y->gc_mark = UNSEEN;
        y->gc_internal = 0;
    }
    free(s.v);
}

static void release_slow(LyfNode *n) {
    Vec g = { 0 };
    pthread_mutex_lock(&gc_mu);
    if ((atomic_load(&n->st) >> 32) > 1) collect(n, &g);
    bool last = (atomic_fetch_sub(&n->st, REF) >> 32) == 1;
    pthread_mutex_unlock(&gc_mu);
    for (size_t i = 0; i < g.n; i++) g.v[i]->drain(g.v[i]);
    for (size_t i = 0; i < g.n; i++) lyf_node_release(g.v[i]);
    free(g.v);
    if (last) n->destroy(n);
}

void lyf_node_release(LyfNode *n) {
    uint64_t s = atomic_load(&n->st);
    do {
        if ((uint32_t)s) { release_slow(n); return; }
    } while (!atomic_compare_exchange_weak(&n->st, &s, s - REF));
    if ((s >> 32) == 1) n->destroy(n);
}
