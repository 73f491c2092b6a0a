/*
 * lyf_worker.c — the VMs of pool workers, definition snapshots, output
 * capture, cancellation kicks and deadlock bookkeeping.
 *
 * Levels: a worker thread keeps up to LYF_MAXDEPTH VMs.  A task runs on the
 * first level not in use; a task that waits for a nested parallel call helps
 * by running other tasks, which land on the next level.  Each level's VM is
 * created lazily on the worker thread with the worker's arena as allocator
 * (ly_new(lyr_arena_alloc, arena)) and closed by the pool's on_stop hook.
 *
 * Cancellation: a level publishes (under its worker's mutex) the token, call
 * and element index of the task it runs.  lyf_kick() walks every registered
 * worker and calls ly_abort() on each level whose token fired or whose
 * element lies above its call's lowest failing element; the evaluator stops
 * there at its next safe point.  A task checks its token itself right after
 * it entered the VM (enter() clears stale abort requests), with a seq_cst
 * fence pairing with the kicker's, so a kick that races with the start of a
 * task is never lost.
 *
 * Snapshots: one per caller VM, owned by an anchor object kept in the own
 * value of Lyra`Private`ParallelAnchor of that VM (so it dies with the VM).
 * The caller syncs it at submit time (write lock); workers sync from it at
 * task start (read lock).
 *
 * Deadlock bookkeeping: counts of busy worker threads and of threads in
 * unbounded blocking waits, plus a progress counter; see lyf_deadlocked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lyf.h"

/* ---- registry of workers ------------------------------------------------------------ */

static pthread_mutex_t reg_mu = PTHREAD_MUTEX_INITIALIZER;
static LyfWorker *reg_head;

static _Atomic int busy_workers;     /* worker threads running a task (depth > 0) */
static _Atomic int blocked_workers;  /* of those, in an unbounded wait */
static _Atomic int blocked_outside;  /* outside threads in an unbounded wait */
static _Atomic uint64_t progress;

/* Only a thread in an unbounded wait outside the pools judges deadlocks
 * (lyf_deadlocked), and it counts in blocked_outside for its whole wait: with
 * nobody judging the counter need not move.  A read of a line that rarely
 * changes instead of an increment on every channel operation keeps sender and
 * receiver from bouncing one cache line between cores per message.  (A bump
 * skipped because a judge's increment was not yet visible happened just as
 * the judge started; the judge needs 300 ms without any movement.) */
void lyf_progress(void) {
    if (atomic_load_explicit(&blocked_outside, memory_order_relaxed))
        atomic_fetch_add_explicit(&progress, 1, memory_order_relaxed);
}

static void release_all(LyfLevel *L) {
    pthread_mutex_lock(&L->w->mu);
    LyExpr *rel = L->rel;
    size_t n = L->nrel;
    L->rel = NULL;
    L->nrel = L->caprel = 0;
    pthread_mutex_unlock(&L->w->mu);
    for (size_t i = 0; i < n; i++) ly_unref(L->vm, rel[i]);
    free(rel);
}

void lyf_worker_start(LyrWorker *rw, void *ud) {
    (void)ud;
    LyfWorker *w = calloc(1, sizeof *w);
    if (!w) return;
    w->rw = rw;
    w->kernel = lyr_worker_index(rw) + 1;
    pthread_mutex_init(&w->mu, NULL);
    for (int d = 0; d < LYF_MAXDEPTH; d++) { w->lv[d].w = w; w->lv[d].depth = d; atomic_init(&w->lv[d].index, -1); }
    lyr_worker_set_context(rw, w);
    pthread_mutex_lock(&reg_mu);
    w->next = reg_head;
    if (reg_head) reg_head->prev = w;
    reg_head = w;
    pthread_mutex_unlock(&reg_mu);
}

void lyf_worker_stop(LyrWorker *rw, void *ud) {
    (void)ud;
    LyfWorker *w = lyr_worker_context(rw);
    if (!w) return;
    pthread_mutex_lock(&reg_mu);
    if (w->prev) w->prev->next = w->next; else reg_head = w->next;
    if (w->next) w->next->prev = w->prev;
    pthread_mutex_unlock(&reg_mu);
    for (int d = LYF_MAXDEPTH - 1; d >= 0; d--) {
        LyfLevel *L = &w->lv[d];
        if (!L->vm) continue;
        release_all(L);
        ly_unref(L->vm, L->run_expr);
        ly_unref(L->vm, L->delta);
        L->delta = NULL;
        ly_close(L->vm);
        L->vm = NULL;
    }
    pthread_mutex_destroy(&w->mu);
    lyr_worker_set_context(rw, NULL);
    free(w);
}

/* ---- output of workers ------------------------------------------------------------------ */

static pthread_mutex_t out_mu = PTHREAD_MUTEX_INITIALIZER;

void lyf_sink_init(LyfSink *s) {
    s->buf = NULL;
    s->len = s->cap = 0;
}

static void sink_put(LyfSink *s, char kind, const char *prefix, const char *text, size_t len) {
    size_t pl = strlen(prefix), need = 1 + pl + len + 1;
    if (s->len + need > s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 256;
        while (nc < s->len + need) nc *= 2;
        char *nb = realloc(s->buf, nc);
        if (!nb) return;
        s->buf = nb;
        s->cap = nc;
    }
    char *p = s->buf + s->len;
    *p++ = kind;
    memcpy(p, prefix, pl);
    memcpy(p + pl, text, len);
    p[pl + len] = 0;
    s->len += need;
}

void lyf_sink_replay(LyfSink *s, LyVM *caller) {
    char *buf = s->buf;
    size_t len = s->len;
    s->buf = NULL;
    s->len = s->cap = 0;
    LyWriteHook hook;
    void *ud;
    ly_get_messages(caller, &hook, &ud);
    for (size_t i = 0; i < len;) {
        char kind = buf[i];
        const char *t = buf + i + 1;
        size_t n = strlen(t);
        if (kind == 'o') ly_print_line(caller, t, n);
        else if (hook) hook(ud, t, n);
        else { fflush(stdout); fwrite(t, 1, n, stderr); fputc('\n', stderr); }
        i += n + 2;
    }
    free(buf);
}

void lyf_sink_free(LyfSink *s) {
    free(s->buf);
    s->buf = NULL;
}

static void level_write(LyfLevel *L, char kind, const char *text, size_t len) {
    char prefix[32] = "";
    if (kind == 'm') snprintf(prefix, sizeof prefix, "(kernel %d) ", L->w->kernel);
    LyfSink *s = L->sink;       /* owner thread only: the hooks run on it */
    if (s) { sink_put(s, kind, prefix, text, len); return; }
    pthread_mutex_lock(&out_mu);
    FILE *f = kind == 'o' ? stdout : stderr;
    if (kind == 'm') fflush(stdout);
    fputs(prefix, f);
    fwrite(text, 1, len, f);
    fputc('\n', f);
    fflush(f);
    pthread_mutex_unlock(&out_mu);
}

static void hook_out(void *ud, const char *text, size_t len) { level_write(ud, 'o', text, len); }
static void hook_msg(void *ud, const char *text, size_t len) { level_write(ud, 'm', text, len); }

/* ---- snapshots ------------------------------------------------------------------------------ */

struct LyfSnap {
    _Atomic int refs;
    pthread_rwlock_t rw;
    LyVM *vm;                   /* bare VM holding the caller's definitions */
    uint64_t id;
    uint64_t since;             /* caller's version at the last update */
    _Atomic size_t max_memory;  /* caller's ly_max_memory at the last submit */
};

static _Atomic uint64_t snap_ids = 1;

void lyf_snap_release(LyfSnap *s) {
    if (!s || atomic_fetch_sub(&s->refs, 1) != 1) return;
    lyf_vm_mark_internal(s->vm, false);
    ly_close(s->vm);
    pthread_rwlock_destroy(&s->rw);
    free(s);
}

typedef struct Anchor { LyfSnap *snap; bool user; } Anchor;

static void anchor_finalize(LyVM *vm, void *data) {
    (void)vm;
    Anchor *a = data;
    lyf_snap_release(a->snap);
    free(a);
}
static LyExpr anchor_transfer(LyVM *dst, void *data) { (void)dst; (void)data; return LY_SYM(Null); }
static const LyForeignType anchor_type = {
    "ParallelAnchor", anchor_finalize, NULL, NULL, NULL, NULL, anchor_transfer, NULL, NULL, true, NULL
};

static Anchor *anchor_of(LyVM *vm) {
    LyExpr sym = ly_symbol(vm, "Lyra`Private`ParallelAnchor");
    LyExpr v = sym ? ly_own_value(vm, sym) : NULL;
    if (v && ly_type(v) == LY_TFOREIGN && ly_foreign(v)->type == &anchor_type) return ly_foreign(v)->data;
    Anchor *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    LyExpr h = ly_mkforeign(vm, &anchor_type, a);
    if (!h) return NULL;                    /* anchor_finalize freed a */
    ly_set_own_value(vm, sym, h);
    if (ly_own_value(vm, sym) != h) return NULL;   /* not stored (out of memory): h and a are gone */
    return a;
}

void lyf_delta_free(LyfDelta *d) {
    lyf_val_free(d->defs);
    d->defs = NULL;
}

LyfSnap *lyf_snap_update(LyVM *caller, LyfDelta *delta) {
    memset(delta, 0, sizeof *delta);
    Anchor *a = anchor_of(caller);
    if (!a) return NULL;
    LyfSnap *s = a->snap;
    if (s && ly_definitions_version(caller) != s->since && atomic_load(&s->refs) > 1) {
        /* Tasks submitted earlier and not started yet hold the snapshot: they
         * see the definitions as they were when they were submitted (Table[
         * ParallelSubmit[f[i]], {i, n}] sees each i), so it stays as it is
         * and this task carries what changed since (O(changed)). */
        uint64_t seq = s->since;
        LyExpr d = ly_definitions_export(caller, &seq);
        if (!d) return NULL;
        delta->defs = lyf_val_put_defs(caller, d);
        ly_unref(caller, d);
        if (!delta->defs) return NULL;
        delta->snap_id = s->id;
        delta->base = s->since;
        delta->seq = seq;
    } else {
        if (!s) {
            s = calloc(1, sizeof *s);
            if (!s) return NULL;
            s->vm = ly_new_bare(NULL, NULL);
            if (!s->vm) { free(s); return NULL; }
            lyf_vm_mark_internal(s->vm, true);
            pthread_rwlock_init(&s->rw, NULL);
            atomic_init(&s->refs, 1);
            s->id = atomic_fetch_add(&snap_ids, 1);
            a->snap = s;
        }
        if (ly_definitions_version(caller) != s->since) {
            pthread_rwlock_wrlock(&s->rw);
            LyStatus st = ly_sync_definitions(s->vm, caller, &s->since);
            pthread_rwlock_unlock(&s->rw);
            if (st != LY_OK) return NULL;
        }
    }
    atomic_store_explicit(&s->max_memory, ly_max_memory(caller), memory_order_relaxed);
    atomic_fetch_add(&s->refs, 1);
    return s;
}

/* ---- levels ------------------------------------------------------------------------------------ */

static LyfWorker *current_worker(void) {
    LyrWorker *rw = lyr_current_worker();
    return rw ? lyr_worker_context(rw) : NULL;
}

LyfLevel *lyf_level_current(void) {
    LyfWorker *w = current_worker();
    return w && w->depth > 0 ? &w->lv[w->depth - 1] : NULL;
}

LyrCancel *lyf_current_token(void) {
    LyfLevel *L = lyf_level_current();
    return L ? L->tok : NULL;
}

static bool level_init_vm(LyfLevel *L) {
    LyrArena *arena = lyr_worker_arena(L->w->rw);
    L->vm = arena ? ly_new(lyr_arena_alloc, arena) : ly_new(NULL, NULL);
    if (!L->vm) return false;
    /* results wait in C arrays for the caller across this VM's ly_eval
     * calls: escaped locals are removed at loop points only */
    ly_set_collect(L->vm, LY_COLLECT_LOOPS);
    ly_set_output(L->vm, hook_out, L);
    ly_set_messages(L->vm, hook_msg, L);
    /* levels share one thread stack: deeper levels get less of it */
    ly_set_stack_limit(L->vm, ((size_t)3 << 20) >> (L->depth < 6 ? L->depth : 6));
    LyExpr s = ly_symbol(L->vm, "Lyra`Private`RunTask");
    L->run_expr = s ? ly_mk(L->vm, s, 0) : NULL;
    if (!L->run_expr) { ly_close(L->vm); L->vm = NULL; return false; }
    L->since = 0;
    L->snap_id = 0;
    return true;
}

/* The worker counts as busy (no longer blocked) from the start: making the
 * level's VM and synchronising definitions can take long (a sanitizer build
 * on a loaded machine), and meanwhile the task is neither queued nor in a
 * wait, so the deadlock judge must not see "nothing can run". */
static void count_busy(LyfWorker *w, bool on) {
    bool outer_blocked = w->depth > 0 && w->lv[w->depth - 1].blocked;
    if (outer_blocked) atomic_fetch_add(&blocked_workers, on ? -1 : 1);
    if (w->depth == 0) atomic_fetch_add(&busy_workers, on ? 1 : -1);
}

LyfLevel *lyf_level_enter(LyfSnap *snap, const LyfDelta *delta, LyrCancel *tok, LyfCall *call, LyfSink *sink) {
    LyfWorker *w = current_worker();
    if (!w || w->depth >= LYF_MAXDEPTH) return NULL;
    LyfLevel *L = &w->lv[w->depth];
    count_busy(w, true);
    if (!L->vm && !level_init_vm(L)) { count_busy(w, false); return NULL; }
    release_all(L);             /* under w->mu: the caller hands objects back concurrently */
    if (snap) {
        pthread_rwlock_rdlock(&snap->rw);
        if (L->snap_id != snap->id) L->since = 0;
        LyStatus st = LY_OK;
        /* the last task's delta stays only under a later delta on the same
         * base (which covers every symbol it set); else those symbols go
         * back to the snapshot's definitions */
        if (L->delta && !(delta && delta->defs && delta->snap_id == L->delta_snap &&
                          delta->base == L->delta_base && delta->seq >= L->delta_seq)) {
            st = ly_definitions_reset(L->vm, snap->vm, L->delta);
            ly_unref(L->vm, L->delta);
            L->delta = NULL;
        }
        /* nothing changed since our last sync: skip the walk over every symbol */
        if (st == LY_OK)
            st = L->since && ly_definitions_version(snap->vm) == L->since ? LY_OK
               : ly_sync_definitions(L->vm, snap->vm, &L->since);
        pthread_rwlock_unlock(&snap->rw);
        if (st == LY_OK && delta && delta->defs) {
            LyExpr d = lyf_val_peek(L->vm, delta->defs);
            st = d ? ly_definitions_import(L->vm, d) : LY_ERRMEM;
            if (st == LY_OK) {
                ly_unref(L->vm, L->delta);
                L->delta = d;
                L->delta_snap = delta->snap_id;
                L->delta_base = delta->base;
                L->delta_seq = delta->seq;
            } else {
                ly_unref(L->vm, d);
                L->since = 0;           /* partly imported: start over next time */
            }
        }
        L->snap_id = st == LY_OK ? snap->id : 0;
        if (st != LY_OK) { count_busy(w, false); return NULL; }
    }
    /* the caller's memory budget holds in each VM its tasks run in
     * (`lyra --max-memory`, docs/limits.md) */
    ly_set_max_memory(L->vm, snap ? atomic_load_explicit(&snap->max_memory, memory_order_relaxed) : 0);
    pthread_mutex_lock(&w->mu);
    L->busy = true;
    L->tok = tok;
    L->call = call;
    atomic_store(&L->index, -1);
    L->sink = sink;
    pthread_mutex_unlock(&w->mu);
    w->depth++;
    L->blocked = false;
    lyf_progress();
    return L;
}

void lyf_level_leave(LyfLevel *L) {
    LyfWorker *w = L->w;
    pthread_mutex_lock(&w->mu);
    L->busy = false;
    L->tok = NULL;
    L->call = NULL;
    atomic_store(&L->index, -1);
    L->sink = NULL;
    pthread_mutex_unlock(&w->mu);
    if (L->blocked) { L->blocked = false; atomic_fetch_sub(&blocked_workers, 1); }
    if (--w->depth == 0) atomic_fetch_sub(&busy_workers, 1);
    else if (w->lv[w->depth - 1].blocked) atomic_fetch_add(&blocked_workers, 1);
    lyf_progress();
}

/* seq_cst: a task publishes its index, then re-reads its call's fail_min;
 * a kicker lowers fail_min, then reads the index (lyf_kick) -- one of them
 * sees the other. */
void lyf_level_set_index(LyfLevel *L, int64_t i) { atomic_store(&L->index, i); }

void lyf_level_release_later(LyfLevel *L, LyExpr obj) {
    if (!ly_is_obj(obj)) return;
    pthread_mutex_lock(&L->w->mu);
    if (L->nrel == L->caprel) {
        size_t nc = L->caprel ? L->caprel * 2 : 64;
        LyExpr *n = realloc(L->rel, nc * sizeof *n);
        if (!n) { pthread_mutex_unlock(&L->w->mu); return; }   /* leaks until the VM closes */
        L->rel = n;
        L->caprel = nc;
    }
    L->rel[L->nrel++] = obj;
    pthread_mutex_unlock(&L->w->mu);
}

void lyf_level_release_later_n(LyfLevel *L, const LyExpr *objs, size_t n) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += ly_is_obj(objs[i]);
    if (!k) return;
    pthread_mutex_lock(&L->w->mu);
    if (L->nrel + k > L->caprel) {
        size_t nc = L->caprel ? L->caprel : 64;
        while (nc < L->nrel + k) nc *= 2;
        LyExpr *nw = realloc(L->rel, nc * sizeof *nw);
        if (!nw) { pthread_mutex_unlock(&L->w->mu); return; }   /* leaks until the VM closes */
        L->rel = nw;
        L->caprel = nc;
    }
    for (size_t i = 0; i < n; i++) if (ly_is_obj(objs[i])) L->rel[L->nrel++] = objs[i];
    pthread_mutex_unlock(&L->w->mu);
}

/* Lyra`Private`RunTask[]: the body of every task, inside ly_eval. */
static LyExpr b_runtask(LyVM *vm, LyExpr e) {
    (void)e;
    LyfLevel *L = lyf_level_current();
    if (!L || L->vm != vm || !L->run) return LY_SYM(Null);
    atomic_thread_fence(memory_order_seq_cst);
    if (lyr_cancel_is_set(L->tok)) return ly_raise_abort(vm);
    L->run(L, L->arg);
    return LY_SYM(Null);
}

LyStatus lyf_level_run(LyfLevel *L, void (*fn)(LyfLevel *, void *), void *arg) {
    L->run = fn;
    L->arg = arg;
    LyExpr r = NULL;
    LyStatus st = ly_eval(L->vm, L->run_expr, &r);
    if (r) ly_decref(L->vm, r);
    L->run = NULL;
    L->arg = NULL;
    return st;
}

extern LyCFunction lyf_runtask_fn;
LyCFunction lyf_runtask_fn = b_runtask;

/* ---- kicks ------------------------------------------------------------------------------------------ */

struct LyfCallHead { _Atomic int64_t fail_min; };   /* first member of LyfCall */

void lyf_kick(void) {
    atomic_thread_fence(memory_order_seq_cst);
    pthread_mutex_lock(&reg_mu);
    for (LyfWorker *w = reg_head; w; w = w->next) {
        pthread_mutex_lock(&w->mu);
        for (int d = 0; d < LYF_MAXDEPTH; d++) {
            LyfLevel *L = &w->lv[d];
            if (!L->busy) continue;
            bool hit = lyr_cancel_is_set(L->tok) != 0;
            int64_t ix = atomic_load(&L->index);
            if (!hit && L->call && ix >= 0)
                hit = ix > atomic_load(&((struct LyfCallHead *)L->call)->fail_min);
            if (hit) ly_abort(L->vm);
        }
        pthread_mutex_unlock(&w->mu);
    }
    pthread_mutex_unlock(&reg_mu);
}

/* ---- waiting and deadlocks ------------------------------------------------------------------------ */

int64_t lyf_slice_deadline(int64_t deadline) {
    int64_t s = lyr_deadline_in(LYF_SLICE_NS);
    return s < deadline ? s : deadline;
}

/* A worker counts as blocked while its innermost level is in an unbounded
 * wait; a task it helps with meanwhile (next level) makes it busy again. */
void lyf_block_enter(void) {
    LyfLevel *L = lyf_level_current();
    if (L) { L->blocked = true; atomic_fetch_add(&blocked_workers, 1); }
    else if (!lyr_current_worker()) atomic_fetch_add(&blocked_outside, 1);
}

void lyf_block_leave(void) {
    LyfLevel *L = lyf_level_current();
    if (L) { if (L->blocked) { L->blocked = false; atomic_fetch_sub(&blocked_workers, 1); } }
    else if (!lyr_current_worker()) atomic_fetch_sub(&blocked_outside, 1);
}


/* How long "stuck" must hold before it is a deadlock (longer in sanitizer
 * builds, where a thread may go unscheduled for that long). */
#ifdef LY_SANITIZED
#define LYF_DEADLOCK_NS (1500 * LYR_NS_PER_MS)
#else
#define LYF_DEADLOCK_NS (300 * LYR_NS_PER_MS)
#endif

bool lyf_deadlocked(uint64_t *mark, int64_t *since) {
    if (lyr_current_worker()) return false;      /* only outside threads judge */
    int busy = atomic_load(&busy_workers), blocked = atomic_load(&blocked_workers);
    bool stuck = blocked >= busy && lyf_pools_queued() == 0 &&
                 atomic_load(&blocked_outside) >= 1;
    uint64_t p = atomic_load_explicit(&progress, memory_order_relaxed);
    int64_t now = lyr_now_ns();
    if (!stuck || *since == 0 || p != *mark) {
        *mark = p;
        *since = stuck ? now : 0;
        return false;
    }
    return now - *since >= LYF_DEADLOCK_NS;
}
