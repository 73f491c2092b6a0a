/*
 * lyf_pool.c — the ThreadPool foreign type, the default pool, machine facts.
 *
 * A LyfPool core wraps a runtime pool (lyr_pool.h) whose workers run the
 * hooks of lyf_worker.c.  Handles in user VMs are strong: when the last one
 * goes the pool is shut down: it takes no more work, and a thread of its
 * own lets the queued work finish and joins the workers, so the VM that
 * dropped the handle (a statement's end, ly_close, the lyra command's exit)
 * never waits for a task that may never end.
 * Handles in worker VMs and internal VMs are weak (memory only), so a pool
 * whose name sits in its own workers' definitions still shuts down.
 *
 * The default pool is process-wide, created on first use with ThreadCount[]
 * workers; every user VM that opened this library counts as a strong
 * holder, so it is shut down when the last such VM closes (and at exit).
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "lyf.h"

typedef struct Handle { LyfPool *p; bool strong; } Handle;

void lyf_pool_retain(LyfPool *p) { atomic_fetch_add(&p->refs, 1); }

static pthread_mutex_t live_mu = PTHREAD_MUTEX_INITIALIZER;
static LyfPool *live_head;

/* Queued tasks some thread could still run: a pool whose every thread
 * (workers and all the spares it may start) sits in a blocking region is
 * starved, and its queue cannot make progress. */
int64_t lyf_pools_queued(void) {
    int64_t n = 0;
    pthread_mutex_lock(&live_mu);
    for (LyfPool *p = live_head; p; p = p->lnext) {
        if (atomic_load(&p->down)) continue;
        LyrPoolStats t;
        lyr_pool_stats(p->rp, &t, NULL, 0);
        if (t.blocked >= t.workers + t.spares_started) continue;
        n += t.queued;
    }
    pthread_mutex_unlock(&live_mu);
    return n;
}

static void *free_thread(void *arg) {
    LyfPool *p = arg;
    pthread_mutex_lock(&live_mu);
    if (p->lprev) p->lprev->lnext = p->lnext; else live_head = p->lnext;
    if (p->lnext) p->lnext->lprev = p->lprev;
    pthread_mutex_unlock(&live_mu);
    lyr_pool_free(p->rp);
    pthread_mutex_destroy(&p->mu);
    free(p);
    return NULL;
}

/* Shuts p down: drains queued work, or (cancel) cancels it and stops
 * running tasks at their next safe point. */
static void pool_shutdown(LyfPool *p, bool cancel) {
    if (atomic_exchange(&p->down, true)) return;
    LyrWorker *w = lyr_current_worker();
    if (w && lyr_worker_pool(w) == p->rp) return;   /* cannot join ourselves; the free will */
    if (cancel) {
        lyr_cancel_fire(lyr_pool_token(p->rp), LYR_CANCEL_SHUTDOWN);
        lyf_kick();
    }
    lyr_pool_shutdown(p->rp, cancel);
    lyf_pool_reap(p);
}

void lyf_pool_release(LyfPool *p) {
    if (!p || atomic_fetch_sub(&p->refs, 1) != 1) return;
    LyrWorker *w = lyr_current_worker();
    if (w && lyr_worker_pool(w) == p->rp) {
        /* the last reference went on one of the pool's own threads */
        pthread_t t;
        pthread_attr_t a;
        pthread_attr_init(&a);
        pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&t, &a, free_thread, p) == 0) { pthread_attr_destroy(&a); return; }
        pthread_attr_destroy(&a);
        return;   /* leak rather than deadlock */
    }
    free_thread(p);
}

/* Drains in flight; the process's exit cancels what they wait for and
 * waits for them (lyf_pool_atexit), so nothing is left running or leaked. */
static pthread_mutex_t drain_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t drain_cv = PTHREAD_COND_INITIALIZER;
static int drains;

static void *drain_thread(void *arg) {
    LyfPool *p = arg;
    lyr_pool_shutdown(p->rp, false);
    lyf_pool_reap(p);
    lyf_pool_release(p);
    pthread_mutex_lock(&drain_mu);
    drains--;
    pthread_cond_broadcast(&drain_cv);
    pthread_mutex_unlock(&drain_mu);
    return NULL;
}

/* At exit: the pools still draining cancel their tasks (which stop at their
 * next safe point); we wait for them a bounded time. */
static void drains_finish(void) {
    pthread_mutex_lock(&drain_mu);
    if (!drains) { pthread_mutex_unlock(&drain_mu); return; }
    pthread_mutex_unlock(&drain_mu);
    pthread_mutex_lock(&live_mu);
    for (LyfPool *p = live_head; p; p = p->lnext)
        if (atomic_load(&p->down)) lyr_cancel_fire(lyr_pool_token(p->rp), LYR_CANCEL_SHUTDOWN);
    pthread_mutex_unlock(&live_mu);
    lyf_kick();
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 5;
    pthread_mutex_lock(&drain_mu);
    while (drains && pthread_cond_timedwait(&drain_cv, &drain_mu, &until) == 0) {}
    pthread_mutex_unlock(&drain_mu);
}

/* Lets p's threads finish and joins them on a thread of its own (p retained
 * meanwhile), so the caller never waits for a task that may never end. */
static void drain_in_background(LyfPool *p) {
    lyf_pool_retain(p);
    pthread_mutex_lock(&drain_mu);
    drains++;
    pthread_mutex_unlock(&drain_mu);
    pthread_t t;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    bool started = pthread_create(&t, &a, drain_thread, p) == 0;
    pthread_attr_destroy(&a);
    if (!started) drain_thread(p);
}

static void strong_release(LyfPool *p) {
    if (atomic_fetch_sub(&p->strong, 1) != 1) return;
    if (atomic_exchange(&p->down, true)) return;       /* shut down already */
    LyrWorker *w = lyr_current_worker();
    if (w && lyr_worker_pool(w) == p->rp) return;      /* the free joins (lyf_pool_release) */
    drain_in_background(p);
}

/* pool.shutdown(), pool.shutdown(t): no more submissions at once; waits for
 * the queued and running work, joins the threads, Null.  The wait ends early
 * after t seconds ($TimedOut), when the caller is aborted (Ctrl-C,
 * TimeConstrained: the abort goes on) or at a deadlock (::deadlock, $Failed):
 * what is left is then cancelled -- queued tasks never start (their futures
 * give $Aborted), running ones stop at their next safe point -- and the
 * threads are joined in the background (at exit Lyra waits for them at most
 * 5 s, drains_finish).  Calling it again waits again. */
static LyExpr shutdown_method(LyVM *vm, LyfPool *p, size_t n, const LyExpr *args, LyExpr head) {
    LyrWorker *w = lyr_current_worker();
    if (w && lyr_worker_pool(w) == p->rp) { ly_message(vm, head, "self", 0); return lyf_failed(); }
    int64_t deadline = LYR_DEADLINE_NEVER;
    if (n == 1 && !lyf_timeout_arg(vm, "ThreadPool", args[0], &deadline)) return NULL;
    atomic_store(&p->down, true);
    lyr_pool_close(p->rp, false);
    bool unbounded = deadline == LYR_DEADLINE_NEVER, timed_out = false, dead = false, aborted = false;
    uint64_t mark = 0;
    int64_t since = 0;
    if (unbounded) lyf_block_enter();
    for (;;) {
        if (lyr_pool_wait_closed(p->rp, lyf_slice_deadline(deadline), NULL) == LYR_OK) break;
        if (lyr_now_ns() >= deadline) { timed_out = true; break; }
        if (!ly_safe_point(vm)) { aborted = true; break; }
        /* judged only while a task of p sits in a blocking wait: threads that
         * are merely exiting (closing their VMs) move no progress counter */
        if (!unbounded) continue;
        LyrPoolStats t;
        lyr_pool_stats(p->rp, &t, NULL, 0);
        if (t.blocked == 0) since = 0;
        else if (lyf_deadlocked(&mark, &since)) { dead = true; break; }
    }
    if (unbounded) lyf_block_leave();
    if (timed_out || aborted || dead) {
        lyr_pool_close(p->rp, true);
        lyf_kick();
        drain_in_background(p);
        if (dead) { ly_message(vm, head, "deadlock", 0); return lyf_failed(); }
        return aborted ? NULL : LY_SYM(DTimedOut);
    }
    lyr_pool_shutdown(p->rp, false);   /* every thread has finished: joins at once */
    lyf_pool_reap(p);
    return LY_SYM(Null);
}

static LyExpr mkhandle(LyVM *vm, LyfPool *p) {
    Handle *h = malloc(sizeof *h);
    if (!h) return ly_raise_nomem(vm);
    h->p = p;
    h->strong = !lyf_weak_context(vm);
    lyf_pool_retain(p);
    if (h->strong) atomic_fetch_add(&p->strong, 1);
    return ly_mkforeign(vm, &lyf_pool_type, h);
}

static void pool_finalize(LyVM *vm, void *data) {
    (void)vm;
    Handle *h = data;
    if (h->strong) strong_release(h->p);
    lyf_pool_release(h->p);
    free(h);
}

static void pool_format(LyBuf *b, void *data) {
    Handle *h = data;
    ly_buf_printf(b, "<%d worker%s%s>", h->p->nworkers, h->p->nworkers == 1 ? "" : "s",
                  atomic_load(&h->p->down) ? ", shut down" : "");
}

static bool pool_equal(void *a, void *b) { return ((Handle *)a)->p == ((Handle *)b)->p; }
static uint64_t pool_hash(void *data) { return (uint64_t)(uintptr_t)((Handle *)data)->p * 0x9E3779B97F4A7C15ULL; }
static LyExpr pool_transfer(LyVM *dst, void *data) { return mkhandle(dst, ((Handle *)data)->p); }

LyfPool *lyf_pool_arg(LyExpr e) {
    if (ly_type(e) == LY_TFOREIGN && ly_foreign(e)->type == &lyf_cluster_pool_type) return lyf_cluster_pool_of(e);
    if (ly_type(e) != LY_TFOREIGN || ly_foreign(e)->type != &lyf_pool_type) return NULL;
    return ((Handle *)ly_foreign(e)->data)->p;
}

bool lyf_pool_usable(LyVM *vm, LyfPool *p, LyExpr head) {
    if (!atomic_load(&p->down)) return true;
    ly_message(vm, head, "shutdown", 0);
    return false;
}

/* ---- creation ------------------------------------------------------------------------------- */

/* Spare threads a pool may start while its workers sit in blocking waits
 * (channel Send/Receive): like Go's Ms, so that tasks blocked on channels do
 * not starve queued tasks.  Beyond the limit, a wait that can never finish
 * is reported as ::deadlock (lyf_deadlocked). */
#define LYF_DEFAULT_SPARES 256

static LyfPool *pool_new(int n, LyrPlacement place, int spares) {
    LyfPool *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    LyrPoolConfig cfg;
    lyr_pool_config_init(&cfg);
    cfg.nworkers = n;
    cfg.placement = place;
    cfg.on_start = lyf_worker_start;
    cfg.on_stop = lyf_worker_stop;
    cfg.max_spares = n + spares > 4096 ? 4096 - n : spares;
    if (lyr_pool_new(&cfg, &p->rp) != LYR_OK) { free(p); return NULL; }
    p->nworkers = lyr_pool_size(p->rp);
    atomic_init(&p->refs, 1);
    atomic_init(&p->strong, 0);
    atomic_init(&p->down, false);
    pthread_mutex_init(&p->mu, NULL);
    lyf_xfer_init();
    pthread_mutex_lock(&live_mu);
    p->lnext = live_head;
    if (live_head) live_head->lprev = p;
    live_head = p;
    pthread_mutex_unlock(&live_mu);
    return p;
}

int lyf_default_threads(void) {
    const char *s = getenv("LYRA_THREADS");
    if (s && *s) {
        char *end;
        long n = strtol(s, &end, 10);
        if (*end == 0 && n >= 1 && n <= 1024) return (int)n;
    }
    LyrTopology *t = lyr_topo_system();
    int n = t ? lyr_topo_ncores(t) : 1;
    return n >= 1 ? n : 1;
}

static pthread_mutex_t default_mu = PTHREAD_MUTEX_INITIALIZER;
static LyfPool *default_pool;
static int user_vms;

LyfPool *lyf_pool_default(LyVM *vm) {
    pthread_mutex_lock(&default_mu);
    if (!default_pool) default_pool = pool_new(lyf_default_threads(), LYR_PLACE_NONE, LYF_DEFAULT_SPARES);
    LyfPool *p = default_pool;
    pthread_mutex_unlock(&default_mu);
    if (!p) ly_message(vm, ly_symbol(vm, "ThreadPool"), "nopool", 0);
    return p;
}

static void default_drop(void) {
    pthread_mutex_lock(&default_mu);
    LyfPool *p = default_pool;
    default_pool = NULL;
    pthread_mutex_unlock(&default_mu);
    if (p) { pool_shutdown(p, true); lyf_pool_release(p); }
}

void lyf_pool_atexit(void) {
    default_drop();
    drains_finish();
}

/* A user VM's claim on the default pool, released when the VM closes. */
static void claim_finalize(LyVM *vm, void *data) {
    (void)vm; (void)data;
    pthread_mutex_lock(&default_mu);
    bool last = --user_vms == 0;
    pthread_mutex_unlock(&default_mu);
    if (last) default_drop();
}
static LyExpr claim_transfer(LyVM *dst, void *data) { (void)dst; (void)data; return LY_SYM(Null); }
static const LyForeignType claim_type = { "ParallelClaim", claim_finalize, NULL, NULL, NULL, NULL, claim_transfer, NULL, NULL, true, NULL };

/* ---- builtins -------------------------------------------------------------------------------- */

static LyExpr stats(LyVM *vm, LyfPool *p) {
    LyrPoolStats t;
    int slots = lyr_pool_slots(p->rp);
    LyrWorkerStats *per = calloc((size_t)(slots > 0 ? slots : 1), sizeof *per);
    if (!per) return ly_raise_nomem(vm);
    lyr_pool_stats(p->rp, &t, per, slots);
    int n = p->nworkers;
    LyExpr q = ly_mknormal(vm, LY_SYM(List), (size_t)n), a = ly_mknormal(vm, LY_SYM(List), (size_t)n);
    if (!q || !a) { free(per); ly_unref(vm, q); ly_unref(vm, a); return NULL; }
    for (int i = 0; i < n; i++) {
        ly_nset(q, (size_t)i + 1, ly_int(vm, per[i].queue_len));
        ly_nset(a, (size_t)i + 1, ly_int(vm, (int64_t)per[i].arena_bytes));
    }
    free(per);
    LyExpr rules[6];
    const char *keys[6] = { "Workers", "TasksExecuted", "Steals", "FailedSteals", "QueueSizes", "ArenaBytes" };
    LyExpr vals[6] = { ly_int(vm, n), ly_int(vm, (int64_t)t.tasks_executed), ly_int(vm, (int64_t)t.steals),
                       ly_int(vm, (int64_t)t.failed_steals), q, a };
    for (int i = 0; i < 6; i++) rules[i] = ly_mk(vm, LY_SYM(Rule), 2, ly_cstring(vm, keys[i]), vals[i]);
    LyExpr r = ly_mkassoc(vm, 6, rules);
    for (int i = 0; i < 6; i++) ly_unref(vm, rules[i]);
    return r;
}

static LyExpr pool_method(LyVM *vm, LyExpr self, const char *name, size_t n, const LyExpr *args) {
    LyfPool *p = lyf_pool_arg(self);
    LyExpr head = ly_symbol(vm, "ThreadPool");
    if (lyf_name_is(name, "Size") && n == 0) return ly_int(vm, p->nworkers);
    if (lyf_name_is(name, "Stats") && n == 0) return stats(vm, p);
    if (lyf_name_is(name, "Shutdown") && n <= 1) return shutdown_method(vm, p, n, args, head);
    if (lyf_name_is(name, "Submit") && n >= 1) {
        if (!lyf_pool_usable(vm, p, ly_symbol(vm, "Submit"))) return lyf_failed();
        LyExpr e = ly_apply(vm, args[0], n - 1, args + 1);
        if (!e) return NULL;
        LyExpr r = lyf_submit(vm, p, e, ly_symbol(vm, "Submit"));
        ly_unref(vm, e);
        return r;
    }
    if (lyf_name_is(name, "Map") && n == 2) return lyf_par_map_on(vm, p, args[0], args[1]);
    if (lyf_name_is(name, "Reduce") && n == 2) return lyf_par_reduce_on(vm, p, args[0], args[1]);
    return lyf_nomethod(vm, head, name);
}

const LyForeignType lyf_pool_type = {
    "ThreadPool", pool_finalize, pool_format, pool_method, pool_equal, pool_hash, pool_transfer, NULL, NULL, true, NULL
};

static LyExpr b_threadpool(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    int64_t k = lyf_default_threads();
    LyrPlacement place = LYR_PLACE_NONE;
    int64_t spares = LYF_DEFAULT_SPARES;
    size_t pos = 1;
    if (n >= 1 && !ly_head_is(ly_narg(e, 1), LY_SYM(Rule))) {
        if (!ly_get_int64(ly_narg(e, 1), &k) || k < 1 || k > 1024) {
            ly_message(vm, ly_nhead(e), "count", 1, ly_narg(e, 1));
            return NULL;
        }
        pos = 2;
    }
    for (; pos <= n; pos++) {
        LyExpr o = ly_narg(e, pos);
        if (!ly_head_is(o, LY_SYM(Rule)) || ly_nlen(o) != 2) return NULL;
        LyExpr key = ly_narg(o, 1), v = ly_narg(o, 2);
        const char *kn = ly_is_string(key) ? ly_str(key)->s : ly_is_sym(key) ? ly_symbol_name(key) : "";
        if (strcmp(kn, "Spares") && strcmp(kn, "Placement")) {
            ly_message(vm, ly_nhead(e), "optx", 2, key, e);
            return NULL;
        }
        if (!strcmp(kn, "Spares")) {
            if (!ly_get_int64(v, &spares) || spares < 0 || spares > 4000) {
                ly_message(vm, ly_nhead(e), "spares", 1, v);
                return NULL;
            }
            continue;
        }
        if (ly_is_string(v) && !strcmp(ly_str(v)->s, "Compact")) place = LYR_PLACE_COMPACT;
        else if (ly_is_string(v) && !strcmp(ly_str(v)->s, "Spread")) place = LYR_PLACE_SPREAD;
        else if (ly_is_symbol(v, "None") || ly_is_symbol(v, "Automatic")) place = LYR_PLACE_NONE;
        else {
            ly_message(vm, ly_nhead(e), "placement", 1, v);
            return NULL;
        }
    }
    LyfPool *p = pool_new((int)k, place, (int)spares);
    if (!p) { ly_message(vm, ly_nhead(e), "nopool", 0); return lyf_failed(); }
    LyExpr h = mkhandle(vm, p);
    lyf_pool_release(p);
    return h;
}

static LyExpr b_threadcount(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 0) return NULL;
    pthread_mutex_lock(&default_mu);
    int n = default_pool ? default_pool->nworkers : lyf_default_threads();
    pthread_mutex_unlock(&default_mu);
    return ly_int(vm, n);
}

static LyExpr b_numanodecount(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 0) return NULL;
    LyrTopology *t = lyr_topo_system();
    int n = t ? lyr_topo_nnuma(t) : 1;
    return ly_int(vm, n >= 1 ? n : 1);
}

static LyExpr b_submit(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) < 2) return NULL;
    LyfPool *p = lyf_pool_arg(ly_narg(e, 1));
    if (!p) return NULL;
    if (!lyf_pool_usable(vm, p, ly_nhead(e))) return lyf_failed();
    LyExpr x = ly_apply(vm, ly_narg(e, 2), ly_nlen(e) - 2, ly_nargs(e) + 2);
    if (!x) return NULL;
    LyExpr r = lyf_submit(vm, p, x, ly_nhead(e));
    ly_unref(vm, x);
    return r;
}

static const LyBuiltin pool_builtins[] = {
    { "ThreadPool", b_threadpool, "Protected",
      "ThreadPool[n] makes a pool of n worker threads, each with its own VM. ThreadPool[] uses ThreadCount[] workers. Options: \"Placement\" -> \"Compact\" | \"Spread\" | None; \"Spares\" -> k, the extra threads started while workers are blocked on channels (default 256)." },
    { "ThreadCount", b_threadcount, "Protected",
      "ThreadCount[] gives the number of workers of the default pool (--threads, LYRA_THREADS, else physical cores)." },
    { "NumaNodeCount", b_numanodecount, "Protected", "NumaNodeCount[] gives the number of NUMA nodes." },
    { "Submit", b_submit, "Protected", "Submit[pool, f, args...] evaluates f[args...] on a worker of pool and gives a Future." },
    { NULL, NULL, NULL, NULL }
};

static pthread_once_t atexit_once = PTHREAD_ONCE_INIT;
static void register_atexit(void) { atexit(lyf_pool_atexit); }

LyStatus lyf_open_pool(LyVM *vm) {
    LyStatus st = ly_register_table(vm, pool_builtins);
    if (st != LY_OK) return st;
    ly_set_message(vm, "ThreadPool", "shutdown", "The pool has been shut down.");
    ly_set_message(vm, "General", "shutdown", "The pool has been shut down.");
    ly_set_message(vm, "ThreadPool", "nopool", "Cannot start the worker threads.");
    ly_set_message(vm, "ThreadPool", "count", "The number of workers `1` is not a positive integer.");
    ly_set_message(vm, "ThreadPool", "spares", "The number of spare threads `1` is not an integer between 0 and 4000.");
    ly_set_message(vm, "ThreadPool", "self", "A pool cannot be shut down from one of its own workers.");
    ly_set_message(vm, "ThreadPool", "nomethod", "ThreadPool has no method `1`.");
    ly_set_message(vm, "ThreadPool", "placement", "Value of option Placement -> `1` should be \"Compact\", \"Spread\" or None.");
    /* $ProcessorCount: the logical processors this process may run on (what
     * hwloc reports with RESTRICT_TO_CPUBINDING), read without loading the
     * topology, which costs milliseconds and is loaded only when a pool is made */
    LyExpr pc = ly_symbol(vm, "$ProcessorCount");
    if (pc) {
        cpu_set_t set;
        int npus = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 0;
        if (npus < 1) { LyrTopology *t = lyr_topo_system(); npus = t ? lyr_topo_npus(t) : 1; }
        ly_set_own_value(vm, pc, ly_int(vm, npus));
    }
    if (!lyr_current_worker()) {
        pthread_once(&atexit_once, register_atexit);
        LyExpr c = ly_mkforeign(vm, &claim_type, NULL);
        LyExpr s = ly_symbol(vm, "Lyra`Private`ParallelClaim");
        if (c && s) {
            pthread_mutex_lock(&default_mu);
            user_vms++;
            pthread_mutex_unlock(&default_mu);
            ly_set_own_value(vm, s, c);
        }
    }
    return LY_OK;
}

/* ---- zombie futures: see lyf_future.c ------------------------------------------------------ */
