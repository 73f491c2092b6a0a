/*
 * lyf.h — internal header of foreign/: concurrency objects (ThreadPool,
 * Future, Channel) and the Parallel* builtins.
 *
 * Threads and VMs
 * ---------------
 * A VM is used by one thread at a time and never touches another VM's
 * objects except to read them in place through ly_copy while their owner
 * keeps them alive and does not run.  So:
 *   - values cross VMs through *transport VMs* (lyf_xfer.c): a few bare VMs,
 *     each behind a mutex, hold values in flight (channel buffers, future
 *     results, shared variables).  Immediates (small integers, symbols) cross
 *     as the tagged word itself, with no copy and no lock.
 *   - each pool worker thread owns a small stack of VMs (LyfLevel), one per
 *     nesting depth: a worker that helps while it waits for a nested parallel
 *     call runs the helped task on the next level's VM, so a VM never
 *     evaluates two unrelated tasks interleaved and its definitions can be
 *     synchronised whenever a task starts on it.
 *   - definitions reach workers through a per-caller snapshot (LyfSnap): a
 *     bare VM the caller updates on its own thread at submit time with
 *     ly_sync_definitions (O(changed)), under a write lock; workers bring
 *     their level VM up to date from it under the read lock (O(changed)).
 *
 * Shared cores (pools, channels, futures) live outside any VM, with atomic
 * reference counts; every foreign object in a VM is a handle owning one
 * reference.  Pools also count *strong* handles (those in user VMs, i.e.
 * VMs not owned by a pool worker or by the transport/snapshot machinery):
 * when the last strong handle goes the pool shuts down, so worker VMs that
 * hold a copy of `pool` in their definitions cannot keep it alive.
 */
#ifndef LYF_H
#define LYF_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include "lyra_ext.h"
#include "lyrt.h"

/* ---- transport (lyf_xfer.c) -------------------------------------------------------- */

/* A value in flight: an immediate LyExpr word (low bits != 00) or a pointer to
 * a box (low bits 00).  NULL is never a valid LyfVal of a value. */
typedef void *LyfVal;

void lyf_xfer_init(void);
/* Copies e (owned by vm, borrowed) into transport form.  NULL: out of memory. */
LyfVal lyf_val_put(LyVM *vm, LyExpr e);
/* lyf_val_put for definitions exported by vm (ly_definitions_export): the
 * Module locals in them are not kept for good (ly_copy_read); the
 * definitions follow their removal. */
LyfVal lyf_val_put_defs(LyVM *vm, LyExpr e);
/* Copies v into vm (new reference) and frees v. NULL: out of memory. */
LyExpr lyf_val_take(LyVM *vm, LyfVal v);
/* Copies v into vm (new reference), keeping v. */
LyExpr lyf_val_peek(LyVM *vm, LyfVal v);
void lyf_val_free(LyfVal v);
/* Batches (one lock per run in the same transport VM).  put_many returns how
 * many of es[0..n) it put into out (fewer: out of memory); take_many how many
 * of v[0..n) it took into out (the rest stay in flight). */
size_t lyf_val_put_many(LyVM *vm, const LyExpr *es, size_t n, LyfVal *out);
size_t lyf_val_take_many(LyVM *vm, LyfVal *v, size_t n, LyExpr *out);
/* True when vm is one of foreign/'s internal VMs (transport or snapshot). */
bool lyf_vm_is_internal(LyVM *vm);
void lyf_vm_mark_internal(LyVM *vm, bool on);
/* True when handles made in vm on this thread must be weak (see above). */
bool lyf_weak_context(LyVM *vm);

/* ---- cycles of handles (lyf_node.c) ------------------------------------------------- */

/* A shared core that can hold values in flight (a channel's buffer) and so
 * handles to other cores, itself included: `Send[ch, ch]`, or two channels
 * buffering each other.  Reference counts alone never free such a cycle;
 * lyf_node.c finds them by trial deletion when a handle goes.
 *
 * refs counts every handle (foreign objects in any VM, boxes included);
 * inbuf how many of them are inside boxes held by nodes.  Both live in one
 * atomic word, so a release decides "no box holds me" and drops its
 * reference in one step.  Each node keeps the multiset of nodes whose
 * handles are in the boxes it holds (`out`), maintained by
 * lyf_node_hold before a box goes in and lyf_node_unhold after it came out:
 * it may count a box in flight, never miss one. */
typedef struct LyfNode LyfNode;
typedef struct LyfEdge { LyfNode *to; uint32_t n; } LyfEdge;
struct LyfNode {
    _Atomic uint64_t st;                /* refs << 32 | inbuf */
    LyfEdge *out;                       /* open addressing, NULL keys free; under lyf_node.c's lock */
    uint32_t nout, capout;
    void (*destroy)(LyfNode *);         /* the last reference went */
    void (*drain)(LyfNode *);           /* garbage: drop every box held (unholding each) */
    int64_t gc_internal;                /* the collector's, under its lock */
    int gc_mark;
};
void lyf_node_init(LyfNode *n, void (*destroy)(LyfNode *), void (*drain)(LyfNode *));
/* Frees what lyf_node_init made (from destroy). */
void lyf_node_fini(LyfNode *n);
void lyf_node_retain(LyfNode *n);
void lyf_node_release(LyfNode *n);
/* Before v goes into holder / after it came out.  hold fails only when out
 * of memory (nothing is then counted). */
bool lyf_node_hold(LyfNode *holder, LyfVal v);
void lyf_node_unhold(LyfNode *holder, LyfVal v);
/* lyf_val_put of x (owned by vm, borrowed), held by holder; NULL when out
 * of memory.  lyf_node_drop unholds v and frees it. */
LyfVal lyf_node_put(LyfNode *holder, LyVM *vm, LyExpr x);
void lyf_node_drop(LyfNode *holder, LyfVal v);
/* How many nodes (channels, futures) exist: for tests (tests/parallel). */
long lyf_node_live(void);
/* The nodes noted in v while it was put (lyf_xfer.c). */
size_t lyf_val_notes(LyfVal v, LyfNode *const **out);
/* Called by a node type's transfer hook for the handle it makes in dst:
 * noted in the box being put on this thread when dst is its transport VM. */
void lyf_xfer_note(LyVM *dst, LyfNode *n);

/* ---- snapshots and worker levels (lyf_worker.c) ------------------------------------ */

typedef struct LyfSnap LyfSnap;
typedef struct LyfCall LyfCall;
typedef struct LyfPool LyfPool;

/* What a task adds over its snapshot: the caller's definitions changed
 * after the snapshot's version `base` and up to `seq`, when tasks submitted
 * earlier still hold the snapshot (defs NULL: nothing). */
typedef struct LyfDelta { LyfVal defs; uint64_t snap_id, base, seq; } LyfDelta;
void lyf_delta_free(LyfDelta *d);

/* The caller's definitions as of now, for a task (caller's thread): the
 * snapshot, brought up to date in place when no task waits on it, else left
 * as it is and *delta set.  New reference; NULL when out of memory. */
LyfSnap *lyf_snap_update(LyVM *caller, LyfDelta *delta);
void lyf_snap_release(LyfSnap *s);

/* Output captured from a task, replayed in order by whoever owns it.  One
 * writer (the worker running the task) and then, after the task published
 * its work (release/acquire), one reader: no lock. */
typedef struct LyfSink {
    char *buf;                  /* records: kind byte ('o' / 'm'), text, NUL */
    size_t len, cap;
} LyfSink;
void lyf_sink_init(LyfSink *s);
void lyf_sink_replay(LyfSink *s, LyVM *caller);
void lyf_sink_free(LyfSink *s);

#define LYF_MAXDEPTH 12

typedef struct LyfWorker LyfWorker;
typedef struct LyfLevel {
    LyVM *vm;                   /* created lazily on the worker's thread */
    LyfWorker *w;
    int depth;
    uint64_t snap_id, since;    /* snapshot this VM last synchronised from */
    LyExpr delta;               /* in vm: the last task's delta imported over it, or NULL */
    uint64_t delta_snap, delta_base, delta_seq;
    LyExpr run_expr;            /* Lyra`Private`RunTask[] in vm */
    bool blocked;               /* in an unbounded wait (owner thread) */
    /* the task running on this level (run/arg: owner thread only) */
    void (*run)(struct LyfLevel *L, void *arg);
    void *arg;
    /* guarded by w->mu (the kicker reads them) */
    bool busy;
    LyrCancel *tok;
    LyfCall *call;
    _Atomic int64_t index;      /* element being evaluated, -1 if none (owner
                                   writes without the mutex: lyf_level_set_index) */
    LyfSink *sink;              /* where output goes, NULL: straight out (owner
                                   thread only, not guarded) */
    LyExpr *rel;                /* objects of vm to release when idle */
    size_t nrel, caprel;
} LyfLevel;

struct LyfWorker {
    LyrWorker *rw;
    int kernel;                 /* worker index + 1, for message tags */
    pthread_mutex_t mu;
    int depth;                  /* levels in use (owner thread) */
    LyfLevel lv[LYF_MAXDEPTH];
    LyfWorker *next, *prev;     /* registry of all workers (kick) */
};

/* Pool hooks. */
void lyf_worker_start(LyrWorker *w, void *ud);
void lyf_worker_stop(LyrWorker *w, void *ud);

/* Enters the next free level of the calling worker thread for a task and
 * synchronises its definitions from snap (may be NULL) and delta (may be
 * NULL).  NULL when the thread is not a worker, nesting is too deep, or
 * memory ran out. */
LyfLevel *lyf_level_enter(LyfSnap *snap, const LyfDelta *delta, LyrCancel *tok, LyfCall *call, LyfSink *sink);
void lyf_level_leave(LyfLevel *L);
/* Runs fn(L, arg) inside an API evaluation of L->vm (ly_eval), so that
 * stack limits and exits work as at top level.  Returns fn's status. */
LyStatus lyf_level_run(LyfLevel *L, void (*fn)(LyfLevel *, void *), void *arg);
/* The innermost busy level of the calling thread, or NULL. */
LyfLevel *lyf_level_current(void);
/* Hands obj (owned by L->vm) back to L's owner to release when idle. */
void lyf_level_release_later(LyfLevel *L, LyExpr obj);
/* The same for the objects among objs[0..n) (other values are skipped). */
void lyf_level_release_later_n(LyfLevel *L, const LyExpr *objs, size_t n);
void lyf_level_set_index(LyfLevel *L, int64_t i);
/* Aborts every level whose task token fired or whose element lies above
 * its call's lowest failure.  Any thread. */
void lyf_kick(void);
/* Token to use for a blocking wait on this thread (NULL outside workers). */
LyrCancel *lyf_current_token(void);

/* ---- pools (lyf_pool.c) -------------------------------------------------------------- */

struct LyfPool {
    _Atomic int refs;           /* memory */
    _Atomic int strong;         /* handles in user VMs */
    LyrPool *rp;
    int nworkers;
    _Atomic bool down;
    pthread_mutex_t mu;         /* zombie futures */
    struct LyfFuture *zombies;
    LyfPool *lnext, *lprev;     /* list of live pools */
};
extern const LyForeignType lyf_pool_type;
LyfPool *lyf_pool_default(LyVM *vm);            /* borrowed; NULL + message on failure */
LyfPool *lyf_pool_arg(LyExpr e);                /* the pool of a handle, or NULL */
void lyf_pool_retain(LyfPool *p);
void lyf_pool_release(LyfPool *p);
bool lyf_pool_usable(LyVM *vm, LyfPool *p, LyExpr head);   /* message if shut down */
int lyf_default_threads(void);
void lyf_pool_reap(LyfPool *p);
LyStatus lyf_open_pool(LyVM *vm);
void lyf_pool_atexit(void);

/* ---- waiting (lyf_worker.c) ----------------------------------------------------------- */

/* One slice of a blocking wait by a VM: returns false (with an exit
 * started in vm) when the caller was aborted.  Slices are <= 10 ms. */
#define LYF_SLICE_NS (10 * LYR_NS_PER_MS)
int64_t lyf_slice_deadline(int64_t deadline);
/* Deadlock bookkeeping: a thread enters/leaves an unbounded blocking wait. */
void lyf_block_enter(void);
void lyf_block_leave(void);
/* Progress counter: bumped whenever a value moves or a task ends. */
void lyf_progress(void);
/* Tasks queued in every live pool (lyf_pool.c). */
int64_t lyf_pools_queued(void);
/* True when the caller (an outside thread) and every busy worker are in
 * unbounded waits with nothing queued, and nothing moved for a while.
 * *mark and *since carry state between calls (start both at 0). */
bool lyf_deadlocked(uint64_t *mark, int64_t *since);

/* ---- futures (lyf_future.c), channels (lyf_chan.c), parallel (lyf_par.c) --------------- */

LyExpr lyf_submit(LyVM *vm, LyfPool *p, LyExpr expr, LyExpr head);  /* expr borrowed */
LyStatus lyf_open_future(LyVM *vm);
LyStatus lyf_open_chan(LyVM *vm);
LyStatus lyf_open_par(LyVM *vm);
LyStatus lyf_open_shared(LyVM *vm);
LyStatus lyf_open_host(LyVM *vm);        /* lyf_host.c: the host parallel API's builtins */
/* pool.map / pool.reduce */
LyExpr lyf_par_map_on(LyVM *vm, LyfPool *p, LyExpr f, LyExpr list);
LyExpr lyf_par_reduce_on(LyVM *vm, LyfPool *p, LyExpr f, LyExpr list);

/* ---- the engine's entry for clusters (lyf_par.c), cluster hooks (lyf_cluster*.c) -------- */

enum { LYF_MAP = 0, LYF_REDUCE = 1, LYF_PIECES = 2 };
/* Items of a parallel call, run on one process's pool. */
typedef struct LyfItems {
    int mode;                   /* LYF_MAP, LYF_REDUCE or LYF_PIECES */
    bool spread;                /* MAP: f[tuple...] */
    LyExpr f, list;             /* in the calling VM (read in place) */
    const size_t *seg;          /* REDUCE/PIECES: n + 1 bounds into list */
    size_t n;                   /* items */
    size_t off;                 /* MAP: item i is element off + i of list */
    uint64_t rkey, rbase;       /* item i uses random stream (rkey, rbase + i + 1) */
    bool rkey_set;              /* else the key is drawn from the caller */
    int method;                 /* 0 Automatic, 1 FinestGrained, 2 CoarsestGrained */
    int64_t chunk;              /* "ChunkSize", 0: none */
} LyfItems;
/* Runs the items on p (never on the cluster): a fresh List of results, or
 * NULL with the lowest failing item's exit started in vm. */
LyExpr lyf_par_items(LyVM *vm, LyfPool *p, const LyfItems *it, LyExpr head);

bool lyf_cluster_takes(LyVM *vm, LyfPool *p);   /* spread this call over the cluster? */
LyExpr lyf_cluster_run(LyVM *vm, LyfPool *p, const LyfItems *it, LyExpr head);
/* A future on another rank; NULL without an exit: not taken (run it here). */
LyExpr lyf_cluster_submit(LyVM *vm, LyfPool *p, LyExpr expr, LyExpr head);
int lyf_cluster_workers(LyfPool *p);           /* every rank's workers for the cluster pool */
/* SharedGet/SharedOp on a rank other than 0 (*handled false elsewhere). */
LyExpr lyf_cluster_shared(LyVM *vm, LyExpr e, bool *handled);
extern const LyForeignType lyf_cluster_pool_type;
LyfPool *lyf_cluster_pool_of(LyExpr e);
LyStatus lyf_open_cluster(LyVM *vm);

/* ---- helpers (lyf_util.c) ---------------------------------------------------------------- */

/* A timeout argument (seconds >= 0 or Infinity) as an absolute deadline;
 * false after head::tmout. */
bool lyf_timeout_arg(LyVM *vm, const char *head, LyExpr e, int64_t *deadline);
bool lyf_name_is(const char *name, const char *want);   /* case-insensitive */
/* head::nomethod for obj.name(...); $Failed. */
LyExpr lyf_nomethod(LyVM *vm, LyExpr head, const char *name);
LyExpr lyf_failed(void);
/* Random stream key for a parallel call (advances the caller's generator). */
uint64_t lyf_random_key(LyVM *vm);

#endif
