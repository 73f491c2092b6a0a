/*
** pool.c -- work-stealing pool: workers, injector, parking, spares, tasks.
**
** Threads: lyr_pool_new/shutdown/free from threads outside the pool; submit,
** wait, stats, blocking_enter/exit from any thread; the worker loop runs on
** the pool's own threads.  The one thread-local of runtime/ is `tls_worker`.
**
** Scheduling: a worker pops its own deque (LIFO); when empty it becomes a
** *searcher*: it takes a batch from the injector and steals (FIFO) from
** victims in topology order (same core/L3/NUMA first, random start within
** each distance class), spinning ~25 us before it parks.
**
** Parking without lost wake-ups (the Go scheduler's "spinning M" rule):
**   p->searching counts searchers; p->sleepers is a bitmask of parked workers.
**   Parker:   v = ec_value(my ec); set my sleeper bit (seq_cst RMW);
**             searching-- (seq_cst RMW); sweep injector+deques (seq_cst
**             loads); found work -> clear bit, resume; else ec_wait(v).
**   Submitter: publish the task (deque push + seq_cst fence, or the
**             injector's seq_cst CAS); if searching == 0 and some sleeper bit
**             is set: CAS searching 0 -> 1 and claim one sleeper by clearing
**             its bit (fetch_and), then bump its ec.
**   Either the parker's sweep sees the task, or the submitter sees the bit
**   (and searching == 0, because the last searcher to leave also sweeps): the
**   classic Dekker argument over seq_cst operations.  A claimed worker wakes
**   already counted as a searcher, so concurrent submitters do not wake more
**   (no wake storms: at most one wake per searcher -> worker transition).  A
**   searcher that stops searching (found work, or its awaited task finished)
**   and was the last one re-checks for work and wakes one more sleeper if
**   some is queued, so parallelism ramps up one worker at a time.
**   ck_ec makes the sleep itself race-free: a bump after the value read makes
**   the wait return at once.
**
** The invariant (liveness): every queued task is eventually run by a thread
** that is awake, and every waiter is woken when its task completes.  A thread
** that learns of queued work takes a *duty* to run it or pass it on: the last
** searcher to leave (stop_searching), and a parker whose sweep found work
** (park returns PARK_WOKE and the parker searches again).  Whoever holds the
** duty and will not search any more must hand it to a sleeper (wake_one) --
** a spare that retires in particular (spare_leave): one that saw work in its
** park sweep and then retired left the task in the injector with the workers
** asleep and nobody searching (issue 6: a future of a one-worker rank under
** mpirun hung about 1 run in 3).  Threads outside the sleeper set are covered
** otherwise: a running task returns to find_task; a blocked one (in a
** region) has a spare allowed for it, woken by lyr_blocking_enter.
**
** Tasks: state word = state (2 bits) | EXT (external futex waiters) | the
** address of one waiting worker (workers are 64-byte aligned).  Completion is
** one exchange, after which the completer never touches the task: it wakes
** the futex (address only) and bumps the waiting worker's ec.
**
** Waiting on a worker (help-while-waiting, restricted to descendants): a task
** that waits runs, meanwhile, only tasks from its own deque that were pushed
** after it started (w->mark: the deque's bottom when run_task began it) --
** the tasks it submitted and, transitively, theirs.  Running an unrelated
** task on top of the waiting one could bury it: if that task then blocked on
** a channel that only the waiter's continuation would feed (a pipeline stage
** closing its output after WaitAll of the previous stage), the two would
** deadlock.  With nothing of its own left, the waiter blocks like a channel
** wait does (lyr_blocking_enter: a spare takes its place) until the task is
** final; it is not in the sleeper set meanwhile, so submitters wake idle
** workers instead.
**
** Spares: slots n..n+S-1 are spare workers, created lazily.  p->blocked counts
** threads inside lyr_blocking_enter/exit; spare k may take tasks only while
** k < blocked, otherwise it retires (parks outside the sleeper set) at its
** next task boundary, once its own deque is empty, handing on the duty to run
** what is queued (spare_leave).  Entering a region wakes (or starts) spare
** blocked-1, so every blocked thread has an allowed spare awake or wakeable.
**
** Shutdown: close the injector (later outside submits fail atomically), set
** the state, bump every ec; workers exit once their last sweep finds nothing.
** p->live counts the threads not yet out of worker_main (a spare is counted
** by the live worker that starts it, so it cannot drop to 0 early); the last
** one out signals p->exited, which lyr_pool_wait_closed waits on with a
** deadline before anyone joins.
*/
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lyr_park.h"
#include "lyr_pool.h"
#include "lyr_ring.h"
#include "lyr_rt_internal.h"

enum { POOL_RUNNING = 0, POOL_DRAINING = 1, POOL_CANCELLING = 2 };

#define TS_MASK ((uintptr_t)3)
#define TS_EXT ((uintptr_t)4)
#define TS_WORKER (~(uintptr_t)63)
#define TF_CANCELLED (1u << 16)

enum { SPIN_ROUNDS = 24, YIELD_AFTER = 12, SPIN_PAUSES = 48, MAX_SLOTS = 4096 };

struct LyrWorker {
  LyrDeque dq;
  LYR_CACHE_ALIGNED struct ck_ec32 ec;
  LYR_CACHE_ALIGNED _Atomic uint64_t executed, steals, failed, parks;
  LYR_CACHE_ALIGNED LyrPool *pool;
  int index;
  bool spare;
  int searching; /* owner only: counted in pool->searching */
  int64_t mark;  /* owner only: deque bottom when the running task started */
  _Atomic int pu; /* the worker clears it if binding is refused */
  int numa;
  int *victims, *vclass_end, nvictims, nclasses;
  uint64_t rng;
  void *ctx;
  LyrArena *arena;
  pthread_t thread;
  _Atomic int started, running;
};

struct LyrPool {
  int n, nslots, max_spares, nwords;
  LyrWorker **w;
  LyrRing inj;
  LYR_CACHE_ALIGNED struct ck_ec32 inj_not_full;
  LYR_CACHE_ALIGNED _Atomic int searching;
  LYR_CACHE_ALIGNED _Atomic int blocked;
  LYR_CACHE_ALIGNED _Atomic int state;
  _Atomic int spares_started;
  _Atomic int live;         /* threads started and not yet out of worker_main */
  LyrEvent exited;          /* signalled when live drops to 0 */
  _Atomic uint64_t *sleepers;
  pthread_mutex_t spare_mu, shut_mu;
  bool spares_closed, joined;
  LyrTopology *topo;
  LyrPlan *plan;
  LyrCancel *token;
  LyrPoolConfig cfg;
};

static _Thread_local LyrWorker *tls_worker;

/* ---- small helpers ---------------------------------------------------------- */

static uint64_t rnd(LyrWorker *w) {
  uint64_t x = w->rng;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return w->rng = x;
}

static inline bool task_final(const LyrTask *t) {
  return (atomic_load_explicit(&((LyrTask *)t)->state, memory_order_acquire) & TS_MASK) >=
         LYR_TASK_DONE;
}

static bool has_work(LyrPool *p) {
  if (lyr_ring_len(&p->inj) > 0) return true;
  int ns = p->n + lyr_ld_acq(&p->spares_started);
  for (int i = 0; i < ns; i++)
    if (lyr_deque_size_sc(&p->w[i]->dq) > 0) return true;
  return false;
}

/* Claims one parked worker, preferring the slots after `hint` (neighbours in
** compact placement share a NUMA node), and bumps its ec.  Called with the
** caller's searching slot already taken (see wake_one). */
static bool claim_sleeper(LyrPool *p, int hint) {
  int start = hint < 0 ? 0 : hint / 64;
  for (int k = 0; k < p->nwords; k++) {
    int wi = (start + k) % p->nwords;
    uint64_t m = lyr_ld_sc(&p->sleepers[wi]);
    while (m) {
      int b = __builtin_ctzll(m);
      uint64_t bit = (uint64_t)1 << b;
      uint64_t old = lyr_fand_sc(&p->sleepers[wi], ~bit);
      if (old & bit) {
        lyr_ec_signal(&p->w[wi * 64 + b]->ec);
        return true;
      }
      m = old & ~bit;
    }
  }
  return false;
}

static bool any_sleeper(LyrPool *p) {
  for (int k = 0; k < p->nwords; k++)
    if (lyr_ld_sc(&p->sleepers[k])) return true;
  return false;
}

static void wake_one(LyrPool *p, int hint) {
  for (;;) {
    if (!any_sleeper(p)) return;
    int z = 0;
    if (!lyr_cas_sc(&p->searching, &z, 1)) return; /* someone is searching */
    if (claim_sleeper(p, hint)) return;             /* it inherits our slot */
    /* Nobody to wake: give the slot back.  While we held it a submitter may
    ** have skipped its wake-up and a worker may have parked after our scan;
    ** look again. */
    lyr_fsub_sc(&p->searching, 1);
    if (!has_work(p)) return;
  }
}

/* After publishing work (the caller provides the seq_cst ordering). */
static inline void notify(LyrPool *p, int hint) {
  if (lyr_ld_sc(&p->searching) != 0) return;
  wake_one(p, hint);
}

static void start_searching(LyrWorker *w) {
  if (!w->searching) {
    w->searching = 1;
    lyr_faa_sc(&w->pool->searching, 1);
  }
}

static void stop_searching(LyrWorker *w) {
  if (!w->searching) return;
  w->searching = 0;
  LyrPool *p = w->pool;
  if (lyr_fsub_sc(&p->searching, 1) == 1 && has_work(p)) wake_one(p, w->index);
}

static void set_sleeping(LyrWorker *w) {
  lyr_for_sc(&w->pool->sleepers[w->index / 64], (uint64_t)1 << (w->index % 64));
}

/* Clears our sleeper bit.  If a waker already cleared it, it also counted us
** as a searcher. */
static void clear_sleeping(LyrWorker *w) {
  uint64_t bit = (uint64_t)1 << (w->index % 64);
  uint64_t old = lyr_fand_sc(&w->pool->sleepers[w->index / 64], ~bit);
  if (!(old & bit)) w->searching = 1;
}

/* ---- tasks ----------------------------------------------------------------- */

void lyr_task_init(LyrTask *t, LyrTaskFn fn, void *arg, LyrCancel *tok, unsigned flags) {
  t->fn = fn;
  t->arg = arg;
  t->cancel = tok;
  t->flags = flags & 0xffffu;
  atomic_init(&t->state, LYR_TASK_PENDING);
}

bool lyr_task_cancelled(const LyrTask *t) {
  return (t->flags & TF_CANCELLED) || lyr_cancel_is_set(t->cancel);
}

static void task_finish(LyrTask *t, uintptr_t final) {
  uintptr_t old = lyr_xchg_acqrel(&t->state, final);
  /* t may be freed from here on: only its address is used. */
  if (old & TS_EXT) lyr_futex_wake((_Atomic uint32_t *)(void *)&t->state, INT_MAX);
  LyrWorker *ww = (LyrWorker *)(old & TS_WORKER);
  if (ww) lyr_ec_signal(&ww->ec);
}

static void run_task(LyrWorker *w, LyrTask *t) {
  LyrTaskFn fn = t->fn;
  void *arg = t->arg;
  bool cancel = lyr_ld_rlx(&w->pool->state) == POOL_CANCELLING || lyr_cancel_is_set(t->cancel);
  /* Counted before completion, so a waiter that sees DONE also sees it. */
  lyr_counter_inc(&w->executed);
  int64_t outer = w->mark;
  w->mark = lyr_deque_bottom(&w->dq);   /* what t pushes lands at or above */
  if (t->flags & LYR_TASK_DETACHED) {
    if (cancel) t->flags |= TF_CANCELLED;
    fn(t, arg); /* t belongs to fn now */
  } else if (cancel) {
    task_finish(t, LYR_TASK_CANCELLED);
  } else {
    atomic_fetch_or_explicit(&t->state, LYR_TASK_RUNNING, memory_order_relaxed);
    fn(t, arg);
    task_finish(t, LYR_TASK_DONE);
  }
  w->mark = outer;
}

/* ---- finding work ------------------------------------------------------------ */

static LyrTask *take_injector(LyrWorker *w) {
  LyrPool *p = w->pool;
  void *x;
  if (lyr_ring_try_pop(&p->inj, &x) != LYR_OK) return NULL;
  /* Take a fair share more onto our deque, where others can steal it. */
  size_t len = lyr_ring_len(&p->inj);
  size_t extra = len / (size_t)p->n;
  if (extra > 32) extra = 32;
  size_t got = 0;
  for (size_t i = 0; i < extra; i++) {
    void *y;
    if (lyr_ring_try_pop(&p->inj, &y) != LYR_OK) break;
    if (lyr_deque_push(&w->dq, y) != LYR_OK) {
      /* out of memory: run it through the deque later is impossible; put it
      ** back is impossible too (ring may be full), so run it now */
      run_task(w, y);
      continue;
    }
    got++;
  }
  lyr_ec_signal(&p->inj_not_full);
  if (got) {
    lyr_fence_sc();
    notify(p, w->index);
  }
  return x;
}

static LyrTask *steal_from(LyrWorker *w, int v) {
  LyrDeque *d = &w->pool->w[v]->dq;
  for (int tries = 0; tries < 2; tries++) {
    void *x;
    LyrStatus st = lyr_deque_steal(d, &x);
    if (st == LYR_OK) {
      lyr_counter_inc(&w->steals);
      return x;
    }
    if (st == LYR_EMPTY) break;
  }
  return NULL;
}

/* One pass over all victims: each distance class from a random start. */
static LyrTask *steal_round(LyrWorker *w) {
  LyrPool *p = w->pool;
  int lo = 0;
  for (int c = 0; c < w->nclasses; c++) {
    int hi = w->vclass_end[c], n = hi - lo;
    int off = n > 1 ? (int)(rnd(w) % (uint64_t)n) : 0;
    for (int k = 0; k < n; k++) {
      LyrTask *t = steal_from(w, w->victims[lo + (off + k) % n]);
      if (t) return t;
    }
    lo = hi;
  }
  /* spares (not in the plan) */
  int ns = p->n + lyr_ld_acq(&p->spares_started);
  for (int i = p->n; i < ns; i++) {
    if (i == w->index) continue;
    LyrTask *t = steal_from(w, i);
    if (t) return t;
  }
  return NULL;
}

static bool spare_allowed(LyrWorker *w) {
  LyrPool *p = w->pool;
  return w->index - p->n < lyr_ld_sc(&p->blocked) || lyr_ld_sc(&p->state) != POOL_RUNNING;
}

/* A spare that may no longer take tasks leaves the active set with no duty
** left behind: as the last searcher it re-checks and wakes (stop_searching);
** not searching, it may still have seen queued work in its park sweep, which
** made it responsible for that work (the parker's side of the Dekker
** argument), so it wakes a sleeper for it.  wake_one does nothing while
** someone else searches: that searcher holds the duty. */
static void spare_leave(LyrWorker *w) {
  if (w->searching) stop_searching(w);
  else if (has_work(w->pool)) wake_one(w->pool, w->index);
}

static void spare_retire(LyrWorker *w) {
  for (;;) {
    uint32_t v = ck_ec32_value(&w->ec);
    if (spare_allowed(w)) return;
    lyr_counter_inc(&w->parks);
    lyr_ec_wait(&w->ec, v, LYR_DEADLINE_NEVER, NULL);
  }
}

enum { PARK_WOKE = -1, PARK_EXIT = -2 };

/* Registers w as the waiting worker of t.  Returns false if t is final;
** *poll is set when another worker already holds the slot. */
static bool register_waiter(LyrTask *t, LyrWorker *w, bool *poll) {
  uintptr_t s = lyr_ld_acq(&t->state);
  for (;;) {
    if ((s & TS_MASK) >= LYR_TASK_DONE) return false;
    uintptr_t cur = s & TS_WORKER;
    if (cur == (uintptr_t)w) return true;
    if (cur) {
      *poll = true;
      return true;
    }
    if (lyr_cas_sc(&t->state, &s, s | (uintptr_t)w)) return true;
  }
}

static int park(LyrWorker *w) {
  LyrPool *p = w->pool;
  uint32_t v = ck_ec32_value(&w->ec);
  set_sleeping(w);
  if (w->searching) {
    w->searching = 0;
    lyr_fsub_sc(&p->searching, 1);
  }
  bool work = has_work(p);
  int state = lyr_ld_sc(&p->state);
  if (work || (w->spare && !spare_allowed(w))) {
    clear_sleeping(w);
    return PARK_WOKE;
  }
  if (state != POOL_RUNNING) {
    clear_sleeping(w);
    return PARK_EXIT;
  }
  lyr_counter_inc(&w->parks);
  lyr_ec_wait(&w->ec, v, LYR_DEADLINE_NEVER, NULL);
  clear_sleeping(w);
  return PARK_WOKE;
}

/* Finds a task to run, parking as needed.  Returns NULL when the worker
** should stop (the pool shut down).  A spare that may no longer run tasks
** retires only once its own deque is empty: tasks left there (its task's
** children, or a share taken from the injector) would otherwise wait for a
** thief while every other worker sleeps (a lost wake-up: a cluster chunk
** hung that way once spares came and went with every blocked waiter).  Nor
** may it take queued work it saw into retirement (spare_leave). */
static LyrTask *find_task(LyrWorker *w) {
  for (;;) {
    LyrTask *t = lyr_deque_pop(&w->dq);
    if (t) {
      stop_searching(w);
      return t;
    }
    if (w->spare && !spare_allowed(w)) {
      spare_leave(w);
      spare_retire(w);
      continue;
    }
    start_searching(w);
    for (int round = 0; round < SPIN_ROUNDS; round++) {
      t = take_injector(w);
      if (!t) t = steal_round(w);
      if (t) {
        stop_searching(w);
        return t;
      }
      if (round >= YIELD_AFTER) sched_yield();
      else
        for (int k = 0; k < SPIN_PAUSES; k++) lyr_cpu_relax();
    }
    lyr_counter_inc(&w->failed);
    if (park(w) == PARK_EXIT) return NULL;
  }
}

/* A task of our own (pushed since the running task started), or NULL. */
static LyrTask *pop_own(LyrWorker *w) {
  return lyr_deque_bottom(&w->dq) > w->mark ? lyr_deque_pop(&w->dq) : NULL;
}

/* A worker waits for t with nothing of its own to run: blocks until t is
** final (its ec is bumped by task_finish through the waiter registration),
** handing its place to a spare.  Not in the sleeper set. */
static LyrStatus block_for(LyrWorker *w, LyrTask *t, int64_t deadline, const LyrCancel *tok) {
  for (int i = 0; i < 256; i++) {   /* a short wait costs no spare wake-up */
    if (task_final(t)) return LYR_OK;
    lyr_cpu_relax();
  }
  int entered = lyr_blocking_enter();
  LyrStatus st;
  for (;;) {
    uint32_t v = ck_ec32_value(&w->ec);
    bool poll = false;
    if (!register_waiter(t, w, &poll) || task_final(t)) { st = LYR_OK; break; }
    if (lyr_cancel_is_set(tok)) { st = LYR_CANCELLED; break; }
    int64_t now = lyr_now_ns();
    if (deadline != LYR_DEADLINE_NEVER && now >= deadline) { st = LYR_TIMEOUT; break; }
    int64_t step = deadline;
    if (poll && now + LYR_NS_PER_MS < step) step = now + LYR_NS_PER_MS;
    if (lyr_ec_wait(&w->ec, v, step, tok) == LYR_CANCELLED) { st = LYR_CANCELLED; break; }
  }
  if (entered) lyr_blocking_exit();
  return st;
}

LyrStatus lyr_task_wait(LyrTask *t, int64_t deadline, const LyrCancel *tok) {
  if (!t || (t->flags & LYR_TASK_DETACHED)) return LYR_INVAL;
  if (task_final(t)) return LYR_OK;
  LyrWorker *w = tls_worker;
  if (w) {
    for (;;) {
      if (task_final(t)) return LYR_OK;
      LyrTask *x = pop_own(w);
      if (!x) {
        if (lyr_cancel_is_set(tok)) return LYR_CANCELLED;
        if (deadline != LYR_DEADLINE_NEVER && lyr_now_ns() >= deadline) return LYR_TIMEOUT;
        return block_for(w, t, deadline, tok);
      }
      run_task(w, x);
    }
  }
  /* Outside any pool: sleep on the state word's low half (futex). */
  for (;;) {
    uintptr_t s = lyr_ld_acq(&t->state);
    if ((s & TS_MASK) >= LYR_TASK_DONE) return LYR_OK;
    if (lyr_cancel_is_set(tok)) return LYR_CANCELLED;
    int64_t now = lyr_now_ns();
    if (deadline != LYR_DEADLINE_NEVER && now >= deadline) return LYR_TIMEOUT;
    if (!(s & TS_EXT)) {
      if (!lyr_cas_sc(&t->state, &s, s | TS_EXT)) continue;
      s |= TS_EXT;
    }
    int64_t step = deadline;
    if (tok && now + LYR_CANCEL_POLL_NS < step) step = now + LYR_CANCEL_POLL_NS;
    lyr_futex_wait((_Atomic uint32_t *)(void *)&t->state, (uint32_t)s, step);
  }
}

/* ---- worker threads ------------------------------------------------------------ */

static void worker_loop(LyrWorker *w) {
  for (;;) {
    LyrTask *t = lyr_deque_pop(&w->dq);
    if (!t && !(t = find_task(w))) return;
    run_task(w, t);
  }
}

static void *worker_main(void *arg) {
  LyrWorker *w = arg;
  LyrPool *p = w->pool;
  tls_worker = w;
  if (!w->spare && p->plan && p->plan->w[w->index].pu_os >= 0) {
    if (lyr_topo_bind_self(p->topo, &p->plan->w[w->index]) != LYR_OK) lyr_st_rlx(&w->pu, -1);
  }
  lyr_arena_adopt(w->arena);
  if (p->cfg.on_start) p->cfg.on_start(w, p->cfg.hook_ud);
  lyr_st_rel(&w->running, 1);
  worker_loop(w);
  if (w->searching) {
    w->searching = 0;
    lyr_fsub_sc(&p->searching, 1);
  }
  if (p->cfg.on_stop) p->cfg.on_stop(w, p->cfg.hook_ud);
  lyr_st_rel(&w->running, 0);
  tls_worker = NULL;
  /* p stays valid: it is freed only after this thread is joined */
  if (lyr_fsub_sc(&p->live, 1) == 1) lyr_event_signal(&p->exited, INT_MAX);
  return NULL;
}

static void start_spare(LyrPool *p, LyrWorker *s) {
  pthread_mutex_lock(&p->spare_mu);
  if (!p->spares_closed && !lyr_ld_rlx(&s->started)) {
    /* spares start in index order, so spares_started stays a prefix count */
    int k = lyr_ld_rlx(&p->spares_started);
    for (int i = p->n + k; i <= s->index; i++) {
      LyrWorker *x = p->w[i];
      lyr_faa_sc(&p->live, 1); /* before the caller (a live worker) can leave */
      if (pthread_create(&x->thread, NULL, worker_main, x) != 0) {
        lyr_fsub_sc(&p->live, 1);
        break;
      }
      lyr_st_rel(&x->started, 1);
      lyr_st_rel(&p->spares_started, i - p->n + 1);
    }
  }
  pthread_mutex_unlock(&p->spare_mu);
}

int lyr_blocking_enter(void) {
  LyrWorker *w = tls_worker;
  if (!w) return 0;
  LyrPool *p = w->pool;
  int b = lyr_faa_sc(&p->blocked, 1) + 1;
  if (b <= p->max_spares) {
    LyrWorker *s = p->w[p->n + b - 1];
    if (!lyr_ld_acq(&s->started)) start_spare(p, s);
    lyr_ec_signal(&s->ec);
  }
  return 1;
}

void lyr_blocking_exit(void) {
  LyrWorker *w = tls_worker;
  if (w) lyr_fsub_sc(&w->pool->blocked, 1);
}

/* ---- pool lifetime ---------------------------------------------------------------- */

void lyr_pool_config_init(LyrPoolConfig *cfg) {
  memset(cfg, 0, sizeof *cfg);
  cfg->max_spares = -1;
}

static LyrWorker *worker_new(LyrPool *p, int index, bool spare) {
  LyrWorker *w = NULL;
  if (posix_memalign((void **)&w, LYR_CACHELINE, sizeof *w)) return NULL;
  memset(w, 0, sizeof *w);
  if (lyr_deque_init(&w->dq, 8) != LYR_OK) {
    free(w);
    return NULL;
  }
  ck_ec32_init(&w->ec, 0);
  w->pool = p;
  w->index = index;
  w->spare = spare;
  atomic_init(&w->pu, -1);
  w->numa = -1;
  w->rng = 0x9E3779B97F4A7C15ull * (uint64_t)(index + 1) | 1;
  /* a primary worker has n-1 victims, a spare all n primaries */
  size_t nv = (size_t)p->n;
  w->victims = malloc(nv * sizeof(int));
  w->vclass_end = malloc(nv * sizeof(int));
  if (!w->victims || !w->vclass_end) goto fail;
  if (!spare && p->plan) {
    const LyrWorkerPlace *pl = &p->plan->w[index];
    atomic_init(&w->pu, pl->pu_os);
    w->numa = pl->numa;
    for (int i = 0; i < pl->nvictims; i++) {
      w->victims[i] = pl->victims[i];
      if (i > 0 && pl->victim_class[i] != pl->victim_class[i - 1])
        w->vclass_end[w->nclasses++] = i;
    }
    w->nvictims = pl->nvictims;
    if (w->nvictims) w->vclass_end[w->nclasses++] = w->nvictims;
  } else {
    for (int i = 0; i < p->n; i++)
      if (i != index) w->victims[w->nvictims++] = i;
    if (w->nvictims) w->vclass_end[w->nclasses++] = w->nvictims;
  }
  if (lyr_arena_new(p->topo, w->numa, p->cfg.arena_chunk, &w->arena) != LYR_OK) goto fail;
  return w;
fail:
  lyr_deque_destroy(&w->dq);
  free(w->victims);
  free(w->vclass_end);
  free(w);
  return NULL;
}

static void worker_free(LyrWorker *w) {
  if (!w) return;
  lyr_deque_destroy(&w->dq);
  lyr_arena_free(w->arena);
  free(w->victims);
  free(w->vclass_end);
  free(w);
}

static void pool_destroy(LyrPool *p) {
  if (p->w)
    for (int i = 0; i < p->nslots; i++) worker_free(p->w[i]);
  free(p->w);
  free((void *)p->sleepers);
  if (p->inj.slots) lyr_ring_destroy(&p->inj);
  lyr_plan_free(p->plan);
  lyr_cancel_release(p->token);
  pthread_mutex_destroy(&p->spare_mu);
  pthread_mutex_destroy(&p->shut_mu);
  free(p);
}

LyrStatus lyr_pool_new(const LyrPoolConfig *cfg_in, LyrPool **out) {
  if (!out) return LYR_INVAL;
  LyrPoolConfig cfg;
  if (cfg_in) cfg = *cfg_in;
  else lyr_pool_config_init(&cfg);
  if (cfg.nworkers < 0 || cfg.placement > LYR_PLACE_SPREAD) return LYR_INVAL;
  LyrPool *p = NULL;
  if (posix_memalign((void **)&p, LYR_CACHELINE, sizeof *p)) return LYR_NOMEM;
  memset(p, 0, sizeof *p);
  pthread_mutex_init(&p->spare_mu, NULL);
  pthread_mutex_init(&p->shut_mu, NULL);
  p->cfg = cfg;
  p->topo = cfg.topo ? cfg.topo : lyr_topo_system();
  p->n = cfg.nworkers ? cfg.nworkers : lyr_topo_ncores(p->topo);
  if (p->n < 1) p->n = 1;
  p->max_spares = cfg.max_spares < 0 ? p->n : cfg.max_spares;
  p->nslots = p->n + p->max_spares;
  LyrStatus st = LYR_INVAL;
  if (p->nslots > MAX_SLOTS) goto fail;
  p->nwords = (p->nslots + 63) / 64;
  st = LYR_NOMEM;
  p->sleepers = calloc((size_t)p->nwords, sizeof *p->sleepers);
  p->w = calloc((size_t)p->nslots, sizeof *p->w);
  if (!p->sleepers || !p->w) goto fail;
  for (int i = 0; i < p->nwords; i++) atomic_init(&p->sleepers[i], 0);
  if ((st = lyr_ring_init(&p->inj, cfg.injector_capacity ? cfg.injector_capacity : 4096)) !=
      LYR_OK)
    goto fail;
  ck_ec32_init(&p->inj_not_full, 0);
  atomic_init(&p->searching, 0);
  atomic_init(&p->blocked, 0);
  atomic_init(&p->state, POOL_RUNNING);
  atomic_init(&p->spares_started, 0);
  atomic_init(&p->live, 0);
  lyr_event_init(&p->exited);
  if ((st = lyr_cancel_new(NULL, LYR_DEADLINE_NEVER, &p->token)) != LYR_OK) goto fail;
  if ((st = lyr_topo_plan(p->topo, p->n, cfg.placement, 0x5eedULL, &p->plan)) != LYR_OK)
    goto fail;
  st = LYR_NOMEM;
  for (int i = 0; i < p->nslots; i++)
    if (!(p->w[i] = worker_new(p, i, i >= p->n))) goto fail;
  for (int i = 0; i < p->n; i++) {
    lyr_faa_sc(&p->live, 1);
    if (pthread_create(&p->w[i]->thread, NULL, worker_main, p->w[i]) != 0) {
      lyr_fsub_sc(&p->live, 1);
      lyr_pool_shutdown(p, true);
      pool_destroy(p);
      return LYR_SYSERR;
    }
    lyr_st_rel(&p->w[i]->started, 1);
  }
  *out = p;
  return LYR_OK;
fail:
  pool_destroy(p);
  return st;
}

/* Lock-free and idempotent: later outside submits fail, the threads leave
** once their last sweep finds nothing (draining) or at once (cancelling). */
static void pool_close(LyrPool *p, bool cancel_queued) {
  if (cancel_queued) {
    lyr_st_sc(&p->state, POOL_CANCELLING);
    lyr_cancel_fire(p->token, LYR_CANCEL_SHUTDOWN);
  } else {
    int running = POOL_RUNNING;
    lyr_cas_sc(&p->state, &running, POOL_DRAINING);
  }
  lyr_ring_close(&p->inj);
  lyr_ec_signal(&p->inj_not_full);
  for (int i = 0; i < p->nslots; i++) lyr_ec_signal(&p->w[i]->ec);
}

LyrStatus lyr_pool_close(LyrPool *p, bool cancel_queued) {
  if (!p) return LYR_INVAL;
  pool_close(p, cancel_queued);
  return LYR_OK;
}

LyrStatus lyr_pool_wait_closed(LyrPool *p, int64_t deadline, const LyrCancel *tok) {
  if (!p || (tls_worker && tls_worker->pool == p) || lyr_ld_sc(&p->state) == POOL_RUNNING)
    return LYR_INVAL;
  for (;;) {
    uint32_t v = lyr_event_value(&p->exited);
    if (lyr_ld_sc(&p->live) == 0) return LYR_OK;
    if (lyr_cancel_is_set(tok)) return LYR_CANCELLED;
    if (deadline != LYR_DEADLINE_NEVER && lyr_now_ns() >= deadline) return LYR_TIMEOUT;
    lyr_event_wait(&p->exited, v, deadline, tok);
  }
}

LyrStatus lyr_pool_shutdown(LyrPool *p, bool cancel_queued) {
  if (!p) return LYR_INVAL;
  if (tls_worker && tls_worker->pool == p) return LYR_INVAL;
  pthread_mutex_lock(&p->shut_mu);
  if (p->joined) {
    pthread_mutex_unlock(&p->shut_mu);
    return LYR_OK;
  }
  pool_close(p, cancel_queued);
  for (int i = 0; i < p->n; i++)
    if (lyr_ld_acq(&p->w[i]->started)) pthread_join(p->w[i]->thread, NULL);
  pthread_mutex_lock(&p->spare_mu);
  p->spares_closed = true;
  int ns = lyr_ld_rlx(&p->spares_started);
  pthread_mutex_unlock(&p->spare_mu);
  for (int i = p->n; i < p->n + ns; i++) {
    lyr_ec_signal(&p->w[i]->ec);
    pthread_join(p->w[i]->thread, NULL);
  }
  /* Anything left in the injector (possible only if every worker failed to
  ** start) is cancelled so that waiters return. */
  void *x;
  while (lyr_ring_try_pop(&p->inj, &x) == LYR_OK) {
    LyrTask *t = x;
    if (t->flags & LYR_TASK_DETACHED) {
      t->flags |= TF_CANCELLED;
      t->fn(t, t->arg);
    } else {
      task_finish(t, LYR_TASK_CANCELLED);
    }
  }
  p->joined = true;
  pthread_mutex_unlock(&p->shut_mu);
  return LYR_OK;
}

void lyr_pool_free(LyrPool *p) {
  if (!p) return;
  lyr_pool_shutdown(p, false);
  pool_destroy(p);
}

int lyr_pool_size(const LyrPool *p) { return p->n; }
int lyr_pool_slots(const LyrPool *p) { return p->nslots; }
LyrWorker *lyr_pool_worker(LyrPool *p, int i) {
  return i >= 0 && i < p->nslots ? p->w[i] : NULL;
}
LyrCancel *lyr_pool_token(LyrPool *p) { return p->token; }

/* ---- submission -------------------------------------------------------------------- */

static LyrStatus submit(LyrPool *p, LyrTask *t, int64_t deadline, bool try_only) {
  if (!p || !t || !t->fn) return LYR_INVAL;
  LyrWorker *w = tls_worker;
  if (w && w->pool == p) {
    if (lyr_deque_push(&w->dq, t) != LYR_OK) return LYR_NOMEM;
    lyr_fence_sc();
    notify(p, w->index);
    return LYR_OK;
  }
  int entered = 0;
  LyrStatus st;
  for (;;) {
    st = lyr_ring_try_push(&p->inj, t);
    if (st == LYR_OK) {
      notify(p, -1); /* the ring's tail CAS is seq_cst */
      break;
    }
    if (st == LYR_CLOSED) {
      st = LYR_SHUTDOWN;
      break;
    }
    if (try_only) {
      st = LYR_FULL;
      break;
    }
    uint32_t snap = ck_ec32_value(&p->inj_not_full);
    st = lyr_ring_try_push(&p->inj, t);
    if (st == LYR_OK) {
      notify(p, -1);
      break;
    }
    if (st == LYR_CLOSED) {
      st = LYR_SHUTDOWN;
      break;
    }
    if (!entered) entered = lyr_blocking_enter() ? 1 : -1;
    st = lyr_ec_wait(&p->inj_not_full, snap, deadline, NULL);
    if (st != LYR_OK) break;
  }
  if (entered == 1) lyr_blocking_exit();
  return st;
}

LyrStatus lyr_pool_submit(LyrPool *p, LyrTask *t, int64_t deadline) {
  return submit(p, t, deadline, false);
}

LyrStatus lyr_pool_try_submit(LyrPool *p, LyrTask *t) {
  return submit(p, t, 0, true);
}

/* ---- workers: accessors --------------------------------------------------------------- */

LyrWorker *lyr_current_worker(void) { return tls_worker; }
LyrPool *lyr_worker_pool(const LyrWorker *w) { return w->pool; }
int lyr_worker_index(const LyrWorker *w) { return w->index; }
bool lyr_worker_is_spare(const LyrWorker *w) { return w->spare; }
int lyr_worker_numa(const LyrWorker *w) { return w->numa; }
int lyr_worker_pu(const LyrWorker *w) { return lyr_ld_rlx(&((LyrWorker *)w)->pu); }
void *lyr_worker_context(const LyrWorker *w) { return w->ctx; }
void lyr_worker_set_context(LyrWorker *w, void *ctx) { w->ctx = ctx; }
LyrArena *lyr_worker_arena(LyrWorker *w) { return w->arena; }

/* ---- statistics ------------------------------------------------------------------------ */

void lyr_pool_stats(LyrPool *p, LyrPoolStats *tot, LyrWorkerStats *per, int nper) {
  LyrPoolStats s;
  memset(&s, 0, sizeof s);
  s.workers = p->n;
  s.slots = p->nslots;
  s.spares_started = lyr_ld_acq(&p->spares_started);
  s.blocked = lyr_ld_rlx(&p->blocked);
  s.injector_len = (int64_t)lyr_ring_len(&p->inj);
  s.queued = s.injector_len;
  for (int i = 0; i < p->nslots; i++) {
    LyrWorker *w = p->w[i];
    LyrWorkerStats ws;
    ws.tasks_executed = lyr_ld_rlx(&w->executed);
    ws.steals = lyr_ld_rlx(&w->steals);
    ws.failed_steals = lyr_ld_rlx(&w->failed);
    ws.parks = lyr_ld_rlx(&w->parks);
    ws.queue_len = lyr_deque_size(&w->dq);
    ws.arena_bytes = lyr_arena_bytes_in_use(w->arena);
    ws.pu = lyr_ld_rlx(&w->pu);
    ws.numa = w->numa;
    ws.spare = w->spare;
    ws.started = lyr_ld_acq(&w->started) != 0;
    s.tasks_executed += ws.tasks_executed;
    s.steals += ws.steals;
    s.failed_steals += ws.failed_steals;
    s.parks += ws.parks;
    s.arena_bytes += ws.arena_bytes;
    if (ws.queue_len > 0) s.queued += ws.queue_len;
    if (per && i < nper) per[i] = ws;
  }
  if (tot) *tot = s;
}
