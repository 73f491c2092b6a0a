/*
** lyr_pool.h -- the work-stealing thread pool, tasks, and blocking regions.
**
** A pool has N workers, each with a Chase-Lev deque, a ck_ec to park on, a
** thread-local NUMA arena and a user context pointer; a bounded injector
** queue for submissions from outside; and up to S spare threads that run
** tasks while workers sit in blocking regions (channel waits), so a pool never
** deadlocks because every worker waits for a value another task would send
** (up to S nested blockers).
**
** Tasks are caller-owned structs (embed LyrTask in your own object or put it
** on the stack for fork-join): the runtime never allocates per task.  A task
** runs at most once.  A non-detached task's memory must stay valid until its
** state is final (lyr_task_wait returned LYR_OK, or lyr_task_state says DONE
** or CANCELLED); a detached task is not touched by the runtime after its fn
** is called, so fn may free it.
**
** Thread safety is stated per function.  Nothing here aborts on user errors;
** everything fallible returns a LyrStatus.  The only thread-local in runtime/
** is the current worker (lyr_current_worker).
*/
#ifndef LYR_POOL_H
#define LYR_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lyr_arena.h"
#include "lyr_atomic.h"
#include "lyr_cancel.h"
#include "lyr_status.h"
#include "lyr_time.h"
#include "lyr_topo.h"

typedef struct LyrPool LyrPool;
typedef struct LyrWorker LyrWorker;
typedef struct LyrTask LyrTask;

/* ---- tasks ----------------------------------------------------------------- */

typedef void (*LyrTaskFn)(LyrTask *task, void *arg);

enum { LYR_TASK_PENDING = 0, LYR_TASK_RUNNING = 1, LYR_TASK_DONE = 2, LYR_TASK_CANCELLED = 3 };

/* Flags for lyr_task_init. */
#define LYR_TASK_DETACHED 1u /* fn owns the task: no state updates, no waiting */

struct LyrTask {
  LyrTaskFn fn;
  void *arg;
  LyrCancel *cancel;         /* checked before the task starts; fn may poll it */
  unsigned flags;            /* LYR_TASK_DETACHED; internal bits above 16 */
  _Atomic uintptr_t state;   /* private: state | waiter bits | waiting worker */
};

/* Prepares t to run fn(t, arg).  tok (may be NULL) is not retained: keep it
** alive until the task is final.  Any thread, before submission. */
void lyr_task_init(LyrTask *t, LyrTaskFn fn, void *arg, LyrCancel *tok, unsigned flags);

/* LYR_TASK_PENDING / RUNNING / DONE / CANCELLED (acquire).  Any thread. */
static inline int lyr_task_state(const LyrTask *t) {
  return (int)(atomic_load_explicit(&((LyrTask *)t)->state, memory_order_acquire) & 3u);
}

/* True when fn should stop early: the task's token fired, or (detached tasks
** only) the pool is cancelling queued work and calls fn just so it can clean
** up.  Call it from fn.  Lock-free. */
bool lyr_task_cancelled(const LyrTask *t);

/* Waits until t is DONE or CANCELLED.  On a pool worker it runs, meanwhile,
** the tasks the waiting task submitted (and theirs) that are still in its
** deque, so nested fork-join never starves the pool; with none left it blocks
** and a spare takes its place (never an unrelated task on top of the waiter:
** that one could block on something only the waiter would provide).
** Elsewhere it sleeps on a futex.  Returns LYR_OK when t is final
** (check lyr_task_state for DONE vs CANCELLED), LYR_TIMEOUT at the absolute
** deadline, LYR_CANCELLED when tok (the waiter's token, may be NULL) fired.
** Any thread; blocks; LYR_INVAL for detached tasks. */
LyrStatus lyr_task_wait(LyrTask *t, int64_t deadline, const LyrCancel *tok);

/* ---- pools ----------------------------------------------------------------- */

typedef struct LyrPoolConfig {
  int nworkers;              /* 0 = one per core in the allowed cpuset */
  LyrPlacement placement;    /* LYR_PLACE_NONE (default), COMPACT, SPREAD */
  int max_spares;            /* spare threads for blocked workers; -1 = nworkers */
  size_t injector_capacity;  /* outside submissions buffered; 0 = 4096 */
  LyrTopology *topo;         /* NULL = lyr_topo_system() */
  size_t arena_chunk;        /* worker arena chunk size; 0 = default */
  /* Called in each worker thread (spares included) before its first task,
  ** and after its last task; w's context is the place to keep per-thread
  ** state such as a VM.  May be NULL. */
  void (*on_start)(LyrWorker *w, void *ud);
  void (*on_stop)(LyrWorker *w, void *ud);
  void *hook_ud;
} LyrPoolConfig;

/* Fills cfg with defaults (all zero / NULL, max_spares = -1). */
void lyr_pool_config_init(LyrPoolConfig *cfg);

/* Creates and starts a pool; workers bind themselves per the placement plan
** and log once to stderr if the OS refuses.  Any thread.  LYR_NOMEM,
** LYR_SYSERR (thread creation), LYR_INVAL. */
LyrStatus lyr_pool_new(const LyrPoolConfig *cfg, LyrPool **out);

/* Shuts down: new outside submissions fail with LYR_SHUTDOWN; with
** cancel_queued false every queued task still runs, otherwise queued tasks
** are marked CANCELLED (detached ones get fn called with lyr_task_cancelled
** true) and the pool's token (lyr_pool_token) fires so running tasks that poll
** it stop early.  Then wakes and joins every thread, spares included, after
** running on_stop in each.  Idempotent.  Not from a worker of this pool
** (LYR_INVAL); blocks until running tasks return. */
LyrStatus lyr_pool_shutdown(LyrPool *p, bool cancel_queued);

/* The same shutdown without the wait: returns at once, the threads finish
** (draining or cancelling) on their own; join them with lyr_pool_shutdown or
** lyr_pool_free.  Called again with cancel_queued true it turns a drain into
** a cancel (queued tasks cancelled, the pool's token fired).  Any thread,
** the pool's own workers included; never blocks.  LYR_INVAL for NULL. */
LyrStatus lyr_pool_close(LyrPool *p, bool cancel_queued);

/* Waits until every thread of a closed pool (spares included) has finished:
** queued work done or cancelled, running tasks returned, on_stop run.
** LYR_OK, LYR_TIMEOUT at the absolute deadline, LYR_CANCELLED when tok (may
** be NULL) fired; LYR_INVAL if p is still running or the caller is one of
** its workers.  The threads still need joining (lyr_pool_shutdown, which is
** then quick).  Any other thread; blocks. */
LyrStatus lyr_pool_wait_closed(LyrPool *p, int64_t deadline, const LyrCancel *tok);

/* Shuts down (draining) if needed, then frees everything. */
void lyr_pool_free(LyrPool *p);

/* Number of (non-spare) workers. Any thread. */
int lyr_pool_size(const LyrPool *p);

/* Worker slots including spares (index range of lyr_pool_worker). */
int lyr_pool_slots(const LyrPool *p);
LyrWorker *lyr_pool_worker(LyrPool *p, int index);

/* Root cancellation token of the pool: fired by lyr_pool_shutdown(p, true).
** Derive task tokens from it.  Valid until lyr_pool_free. */
LyrCancel *lyr_pool_token(LyrPool *p);

/* Queues t.  From a worker of p: pushed on that worker's deque (LIFO for the
** owner, stolen FIFO), never blocks.  From any other thread: into the
** injector, blocking while it is full until the deadline.  LYR_OK,
** LYR_TIMEOUT, LYR_SHUTDOWN, LYR_NOMEM, LYR_INVAL.  Any thread. */
LyrStatus lyr_pool_submit(LyrPool *p, LyrTask *t, int64_t deadline);

/* Same, but never blocks: LYR_FULL when the injector is full. */
LyrStatus lyr_pool_try_submit(LyrPool *p, LyrTask *t);

/* ---- workers --------------------------------------------------------------- */

/* The worker running the calling thread, or NULL outside any pool. */
LyrWorker *lyr_current_worker(void);

LyrPool *lyr_worker_pool(const LyrWorker *w);
int lyr_worker_index(const LyrWorker *w);       /* 0..slots-1; spares >= size */
bool lyr_worker_is_spare(const LyrWorker *w);
int lyr_worker_numa(const LyrWorker *w);        /* NUMA node (logical), -1 if unknown */
int lyr_worker_pu(const LyrWorker *w);          /* bound PU (OS index), -1 if unbound */

/* Per-worker user context (e.g. the worker's VM).  Get/set from the worker's
** own thread (or any thread when the pool is not running it). */
void *lyr_worker_context(const LyrWorker *w);
void lyr_worker_set_context(LyrWorker *w, void *ctx);

/* The worker's thread-local arena (lyr_arena.h).  Use only from the worker's
** thread; pass lyr_arena_alloc and it as a lua_Alloc-style allocator. */
LyrArena *lyr_worker_arena(LyrWorker *w);

/* ---- blocking regions --------------------------------------------------------- */

/* Call around a wait that may take long (channel, external I/O).  On a pool
** worker it lets a spare thread run queued tasks meanwhile; elsewhere it does
** nothing.  Returns 1 if a region was entered (pass to exit), 0 otherwise.
** Channels call these themselves before they sleep.  Any thread; never blocks
** (may create a spare thread). */
int lyr_blocking_enter(void);
void lyr_blocking_exit(void);

/* ---- statistics ------------------------------------------------------------- */

typedef struct LyrWorkerStats {
  uint64_t tasks_executed;
  uint64_t steals;         /* successful steals (injector pops not counted) */
  uint64_t failed_steals;  /* steal attempts that found nothing or lost a race */
  uint64_t parks;          /* times the worker went to sleep */
  int64_t queue_len;       /* deque length snapshot */
  size_t arena_bytes;      /* bytes in use in the worker's arena */
  int pu, numa;
  bool spare, started;
} LyrWorkerStats;

typedef struct LyrPoolStats {
  int workers, slots, spares_started, blocked;
  int64_t injector_len;
  int64_t queued;          /* injector_len + every deque's length */
  uint64_t tasks_executed, steals, failed_steals, parks;
  size_t arena_bytes;
} LyrPoolStats;

/* Aggregates counters without stopping workers (relaxed snapshots, each
** counter exact but not mutually consistent).  per may be NULL; fills
** min(nper, slots) entries.  Any thread while p is alive. */
void lyr_pool_stats(LyrPool *p, LyrPoolStats *total, LyrWorkerStats *per, int nper);

#endif
