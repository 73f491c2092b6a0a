/* test_pool.c -- the work-stealing pool: outside and inside submission,
** nested fork-join with help-while-waiting, no lost wake-ups, spare threads
** for blocked workers, cancellation and deadlines, shutdown modes, hooks,
** contexts, stats, injector backpressure, detached tasks. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "lyr_chan.h"
#include "lyr_pool.h"
#include "lyr_time.h"
#include "rt_test.h"

#define SEC (5 * LYR_NS_PER_S)

static LyrPool *mkpool(int n, int spares) {
  LyrPoolConfig cfg;
  lyr_pool_config_init(&cfg);
  cfg.nworkers = n;
  cfg.max_spares = spares;
  LyrPool *p = NULL;
  CHECK_EQ(lyr_pool_new(&cfg, &p), LYR_OK);
  return p;
}

static atomic_long counter;
static void inc_task(LyrTask *t, void *arg) {
  (void)t;
  atomic_fetch_add(&counter, (long)(intptr_t)arg);
}

static void test_outside_submit(void) {
  LyrPool *p = mkpool(2, 0);
  enum { N = 2000 };
  static LyrTask ts[N];
  atomic_store(&counter, 0);
  for (int i = 0; i < N; i++) {
    lyr_task_init(&ts[i], inc_task, (void *)(intptr_t)1, NULL, 0);
    CHECK_EQ(lyr_pool_submit(p, &ts[i], LYR_DEADLINE_NEVER), LYR_OK);
  }
  int ok = 1;
  for (int i = 0; i < N; i++) ok &= lyr_task_wait(&ts[i], lyr_deadline_in(SEC), NULL) == LYR_OK &&
                                    lyr_task_state(&ts[i]) == LYR_TASK_DONE;
  CHECK(ok);
  CHECK_EQ(atomic_load(&counter), N);
  LyrPoolStats st;
  lyr_pool_stats(p, &st, NULL, 0);
  CHECK_EQ(st.tasks_executed, N);
  CHECK_EQ(st.workers, 2);
  CHECK(lyr_current_worker() == NULL);
  lyr_pool_free(p);
}

/* Recursive fork-join: fib via tasks, waiting inside workers. */
typedef struct Fib {
  LyrTask t;
  int n;
  long r;
} Fib;

static void fib_task(LyrTask *t, void *arg) {
  (void)t;
  Fib *f = arg;
  if (f->n < 2) {
    f->r = f->n;
    return;
  }
  Fib a = { .n = f->n - 1 }, b = { .n = f->n - 2 };
  LyrPool *p = lyr_worker_pool(lyr_current_worker());
  lyr_task_init(&a.t, fib_task, &a, NULL, 0);
  lyr_task_init(&b.t, fib_task, &b, NULL, 0);
  lyr_pool_submit(p, &a.t, LYR_DEADLINE_NEVER);
  lyr_pool_submit(p, &b.t, LYR_DEADLINE_NEVER);
  lyr_task_wait(&b.t, LYR_DEADLINE_NEVER, NULL);
  lyr_task_wait(&a.t, LYR_DEADLINE_NEVER, NULL);
  f->r = a.r + b.r;
}

static void test_fork_join(void) {
  for (int nw = 1; nw <= 4; nw *= 2) {
    LyrPool *p = mkpool(nw, 0);
    Fib f = { .n = LYR_SANITIZED ? 16 : 22 };
    lyr_task_init(&f.t, fib_task, &f, NULL, 0);
    CHECK_EQ(lyr_pool_submit(p, &f.t, LYR_DEADLINE_NEVER), LYR_OK);
    CHECK_EQ(lyr_task_wait(&f.t, lyr_deadline_in(60 * LYR_NS_PER_S), NULL), LYR_OK);
    CHECK_EQ(f.r, LYR_SANITIZED ? 987 : 17711);
    LyrPoolStats st;
    lyr_pool_stats(p, &st, NULL, 0);
    printf("  workers=%d tasks=%llu steals=%llu parks=%llu\n", nw,
           (unsigned long long)st.tasks_executed, (unsigned long long)st.steals,
           (unsigned long long)st.parks);
    lyr_pool_free(p);
  }
}

/* No lost wake-ups: let the workers fall asleep, then submit one task, many
** times, from outside and from inside; every task must finish promptly. */
static void chain_task(LyrTask *t, void *arg) {
  (void)t;
  LyrTask *child = arg;
  lyr_pool_submit(lyr_worker_pool(lyr_current_worker()), child, LYR_DEADLINE_NEVER);
}

static void test_no_lost_wakeups(void) {
  LyrPool *p = mkpool(2, 0);
  long rounds = rt_scaled(3000, 300);
  long late = 0;
  uint64_t rng = 12345;
  for (long i = 0; i < rounds; i++) {
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    /* let them park: now and then long enough that parking is certain even
     * on a loaded machine (spinning lasts tens of microseconds) */
    if (i % 500 == 0) {
      /* until a worker parks (up to 5 s: a loaded machine may not run its
      ** spin to the end for a long time) */
      LyrPoolStats s0;
      lyr_pool_stats(p, &s0, NULL, 0);
      for (int k = 0; k < 250; k++) {
        usleep(20000);
        LyrPoolStats s1;
        lyr_pool_stats(p, &s1, NULL, 0);
        if (s1.parks > s0.parks) break;
      }
    } else if (rng % 16 == 0) usleep((useconds_t)(rng % 300));
    LyrTask a, b;
    lyr_task_init(&b, inc_task, (void *)(intptr_t)1, NULL, 0);
    lyr_task_init(&a, chain_task, &b, NULL, 0);
    lyr_pool_submit(p, &a, LYR_DEADLINE_NEVER);
    if (lyr_task_wait(&a, lyr_deadline_in(2 * LYR_NS_PER_S), NULL) != LYR_OK) late++;
    /* b was pushed on a worker's deque and the worker may have gone idle */
    if (lyr_task_wait(&b, lyr_deadline_in(2 * LYR_NS_PER_S), NULL) != LYR_OK) late++;
  }
  CHECK_EQ(late, 0);
  LyrPoolStats st;
  lyr_pool_stats(p, &st, NULL, 0);
  printf("  rounds=%ld parks=%llu\n", rounds, (unsigned long long)st.parks);
  CHECK(st.parks > 0);
  lyr_pool_free(p);
}

/* Spare threads: both workers block receiving from a rendezvous channel;
** the tasks that send are queued behind them.  Only spares can run them. */
static LyrChan *g_ch;
static void recv_task(LyrTask *t, void *arg) {
  (void)t;
  void *x;
  *(LyrStatus *)arg = lyr_chan_recv(g_ch, &x, lyr_deadline_in(SEC), NULL);
}
static void send_task(LyrTask *t, void *arg) {
  (void)t;
  *(LyrStatus *)arg = lyr_chan_send(g_ch, (void *)1, lyr_deadline_in(SEC), NULL);
}

static void test_spares(void) {
  LyrPool *p = mkpool(2, 2);
  lyr_chan_new(0, NULL, NULL, &g_ch);
  LyrTask r[2], s[2];
  LyrStatus rs[2] = { -1, -1 }, ss[2] = { -1, -1 };
  for (int i = 0; i < 2; i++) {
    lyr_task_init(&r[i], recv_task, &rs[i], NULL, 0);
    lyr_pool_submit(p, &r[i], LYR_DEADLINE_NEVER);
  }
  usleep(20000); /* both workers are now blocked in recv */
  for (int i = 0; i < 2; i++) {
    lyr_task_init(&s[i], send_task, &ss[i], NULL, 0);
    lyr_pool_submit(p, &s[i], LYR_DEADLINE_NEVER);
  }
  for (int i = 0; i < 2; i++) {
    CHECK_EQ(lyr_task_wait(&r[i], lyr_deadline_in(2 * SEC), NULL), LYR_OK);
    CHECK_EQ(lyr_task_wait(&s[i], lyr_deadline_in(2 * SEC), NULL), LYR_OK);
    CHECK_EQ(rs[i], LYR_OK);
    CHECK_EQ(ss[i], LYR_OK);
  }
  LyrPoolStats st;
  lyr_pool_stats(p, &st, NULL, 0);
  CHECK(st.spares_started >= 1);
  printf("  spares started: %d\n", st.spares_started);
  lyr_pool_free(p);
  lyr_chan_release(g_ch);
}

/* Cancellation. */
static void spin_until_cancelled(LyrTask *t, void *arg) {
  int64_t t0 = lyr_now_ns();
  while (!lyr_task_cancelled(t) && lyr_now_ns() - t0 < 5 * LYR_NS_PER_S) lyr_cpu_relax();
  *(int64_t *)arg = lyr_now_ns() - t0;
}

static void test_cancel(void) {
  LyrPool *p = mkpool(2, 0);
  LyrCancel *root, *child;
  lyr_cancel_new(lyr_pool_token(p), LYR_DEADLINE_NEVER, &root);
  lyr_cancel_new(root, LYR_DEADLINE_NEVER, &child);
  /* a task whose token fired before it started never runs */
  lyr_cancel_fire(root, LYR_CANCEL_USER);
  CHECK_EQ(lyr_cancel_is_set(child), LYR_CANCEL_USER);
  LyrTask t;
  atomic_store(&counter, 0);
  lyr_task_init(&t, inc_task, (void *)(intptr_t)1, child, 0);
  lyr_pool_submit(p, &t, LYR_DEADLINE_NEVER);
  CHECK_EQ(lyr_task_wait(&t, lyr_deadline_in(SEC), NULL), LYR_OK);
  CHECK_EQ(lyr_task_state(&t), LYR_TASK_CANCELLED);
  CHECK_EQ(atomic_load(&counter), 0);
  lyr_cancel_release(child);
  lyr_cancel_release(root);
  /* a running task polls a deadline token */
  LyrCancel *dl;
  lyr_cancel_new(lyr_pool_token(p), lyr_deadline_in(20 * LYR_NS_PER_MS), &dl);
  int64_t took = 0;
  lyr_task_init(&t, spin_until_cancelled, &took, dl, 0);
  lyr_pool_submit(p, &t, LYR_DEADLINE_NEVER);
  CHECK_EQ(lyr_task_wait(&t, lyr_deadline_in(SEC), NULL), LYR_OK);
  CHECK_EQ(lyr_task_state(&t), LYR_TASK_DONE);
  CHECK(took >= 15 * LYR_NS_PER_MS && took < 5 * LYR_NS_PER_S); /* loose: loaded machines */
  CHECK_EQ(lyr_cancel_is_set(dl), LYR_CANCEL_DEADLINE);
  lyr_cancel_release(dl);
  /* the waiter's own token and deadline */
  LyrTask never;
  LyrCancel *w;
  lyr_cancel_new(NULL, LYR_DEADLINE_NEVER, &w);
  lyr_task_init(&never, spin_until_cancelled, &took, w, 0);
  lyr_pool_submit(p, &never, LYR_DEADLINE_NEVER);
  int64_t t0 = lyr_now_ns();
  CHECK_EQ(lyr_task_wait(&never, t0 + 10 * LYR_NS_PER_MS, NULL), LYR_TIMEOUT);
  CHECK(lyr_now_ns() - t0 < 5 * LYR_NS_PER_S);
  lyr_cancel_fire(w, LYR_CANCEL_USER);
  CHECK_EQ(lyr_task_wait(&never, lyr_deadline_in(SEC), NULL), LYR_OK);
  lyr_cancel_release(w);
  lyr_pool_free(p);
}

/* Shutdown with cancel: queued tasks are cancelled, running ones see the
** pool token, detached ones are called to clean up. */
static atomic_int detached_runs, detached_cancelled;
static void detached_task(LyrTask *t, void *arg) {
  (void)arg;
  if (lyr_task_cancelled(t)) atomic_fetch_add(&detached_cancelled, 1);
  else atomic_fetch_add(&detached_runs, 1);
  free(t);
}

static void inc_task_keep(LyrTask *t, void *arg) {
  (void)t;
  (void)arg;
  atomic_fetch_add(&counter, 1);
}

static void blocker(LyrTask *t, void *arg) {
  (void)arg;
  while (!lyr_cancel_is_set(t->cancel)) usleep(100);
}

static void test_shutdown_cancel(void) {
  LyrPool *p = mkpool(1, 0);
  LyrTask b;
  lyr_task_init(&b, blocker, NULL, lyr_pool_token(p), 0);
  lyr_pool_submit(p, &b, LYR_DEADLINE_NEVER);
  enum { N = 50 };
  LyrTask q[N];
  for (int i = 0; i < N; i++) {
    lyr_task_init(&q[i], inc_task, (void *)(intptr_t)1, NULL, 0);
    lyr_pool_submit(p, &q[i], LYR_DEADLINE_NEVER);
    LyrTask *d = malloc(sizeof *d);
    lyr_task_init(d, detached_task, NULL, NULL, LYR_TASK_DETACHED);
    lyr_pool_submit(p, d, LYR_DEADLINE_NEVER);
  }
  /* the blocker must be running (not a fixed nap: on a loaded machine it
  ** could still be queued, and then it is cancelled, not stopped) */
  while (lyr_task_state(&b) != LYR_TASK_RUNNING) usleep(100);
  atomic_store(&counter, 0);
  CHECK_EQ(lyr_pool_shutdown(p, true), LYR_OK);
  CHECK_EQ(lyr_task_state(&b), LYR_TASK_DONE);
  int cancelled = 0;
  for (int i = 0; i < N; i++) cancelled += lyr_task_state(&q[i]) == LYR_TASK_CANCELLED;
  CHECK_EQ(cancelled, N);
  CHECK_EQ(atomic_load(&counter), 0);
  CHECK_EQ(atomic_load(&detached_cancelled), N);
  LyrTask late;
  lyr_task_init(&late, inc_task, NULL, NULL, 0);
  CHECK_EQ(lyr_pool_submit(p, &late, LYR_DEADLINE_NEVER), LYR_SHUTDOWN);
  CHECK_EQ(lyr_pool_shutdown(p, false), LYR_OK); /* idempotent */
  lyr_pool_free(p);
}

static void test_shutdown_drain(void) {
  LyrPool *p = mkpool(2, 0);
  atomic_store(&counter, 0);
  atomic_store(&detached_runs, 0);
  for (int i = 0; i < 500; i++) {
    LyrTask *d = malloc(sizeof *d);
    lyr_task_init(d, detached_task, NULL, NULL, LYR_TASK_DETACHED);
    lyr_pool_submit(p, d, LYR_DEADLINE_NEVER);
  }
  lyr_pool_free(p); /* drains */
  CHECK_EQ(atomic_load(&detached_runs), 500);
}

/* lyr_pool_close + lyr_pool_wait_closed: a shutdown with a bound.  A task
** that runs until cancelled keeps a draining pool open past any deadline;
** turning the drain into a cancel stops it and cancels what is queued. */
static void test_shutdown_bounded(void) {
  LyrPool *p = mkpool(1, 2);
  CHECK_EQ(lyr_pool_wait_closed(p, LYR_DEADLINE_NEVER, NULL), LYR_INVAL); /* still running */
  LyrTask b, q[10];
  lyr_task_init(&b, blocker, NULL, lyr_pool_token(p), 0);
  lyr_pool_submit(p, &b, LYR_DEADLINE_NEVER);
  for (int i = 0; i < 10; i++) {
    lyr_task_init(&q[i], inc_task_keep, NULL, NULL, 0);
    lyr_pool_submit(p, &q[i], LYR_DEADLINE_NEVER);
  }
  CHECK_EQ(lyr_pool_close(p, false), LYR_OK);
  LyrTask late;
  lyr_task_init(&late, inc_task_keep, NULL, NULL, 0);
  CHECK_EQ(lyr_pool_submit(p, &late, LYR_DEADLINE_NEVER), LYR_SHUTDOWN);
  CHECK_EQ(lyr_pool_wait_closed(p, lyr_deadline_in(20 * LYR_NS_PER_MS), NULL), LYR_TIMEOUT);
  LyrCancel *tok;
  CHECK_EQ(lyr_cancel_new(NULL, LYR_DEADLINE_NEVER, &tok), LYR_OK);
  lyr_cancel_fire(tok, LYR_CANCEL_USER);
  CHECK_EQ(lyr_pool_wait_closed(p, LYR_DEADLINE_NEVER, tok), LYR_CANCELLED);
  lyr_cancel_release(tok);
  CHECK_EQ(lyr_pool_close(p, true), LYR_OK);   /* the drain becomes a cancel */
  CHECK_EQ(lyr_pool_wait_closed(p, LYR_DEADLINE_NEVER, NULL), LYR_OK);
  CHECK(lyr_task_state(&b) >= LYR_TASK_DONE); /* stopped, or cancelled before it started */
  for (int i = 0; i < 10; i++) CHECK(lyr_task_state(&q[i]) >= LYR_TASK_DONE);
  CHECK_EQ(lyr_pool_close(p, false), LYR_OK);  /* idempotent */
  CHECK_EQ(lyr_pool_wait_closed(p, 0, NULL), LYR_OK);
  CHECK_EQ(lyr_pool_shutdown(p, false), LYR_OK);
  lyr_pool_free(p);
}

/* Hooks, contexts, current worker, arena. */
static atomic_int starts, stops;
static void on_start(LyrWorker *w, void *ud) {
  atomic_fetch_add(&starts, 1);
  CHECK(lyr_current_worker() == w);
  CHECK(ud == (void *)&starts);
  lyr_worker_set_context(w, (void *)(intptr_t)(1000 + lyr_worker_index(w)));
}
static void on_stop(LyrWorker *w, void *ud) {
  (void)ud;
  (void)w;
  atomic_fetch_add(&stops, 1);
}
static void ctx_task(LyrTask *t, void *arg) {
  (void)t;
  LyrWorker *w = lyr_current_worker();
  int ok = w && lyr_worker_context(w) == (void *)(intptr_t)(1000 + lyr_worker_index(w));
  LyrArena *a = lyr_worker_arena(w);
  char *m = lyr_arena_alloc(a, NULL, 0, 100);
  ok &= m != NULL;
  if (m) memset(m, 7, 100);
  /* keep it allocated: stats must show it */
  *(int *)arg = ok;
}

static void test_hooks_context(void) {
  LyrPoolConfig cfg;
  lyr_pool_config_init(&cfg);
  cfg.nworkers = 3;
  cfg.max_spares = 0;
  cfg.on_start = on_start;
  cfg.on_stop = on_stop;
  cfg.hook_ud = &starts;
  cfg.placement = LYR_PLACE_COMPACT;
  LyrPool *p;
  CHECK_EQ(lyr_pool_new(&cfg, &p), LYR_OK);
  enum { N = 64 };
  LyrTask t[N];
  int ok[N];
  for (int i = 0; i < N; i++) {
    lyr_task_init(&t[i], ctx_task, &ok[i], NULL, 0);
    lyr_pool_submit(p, &t[i], LYR_DEADLINE_NEVER);
  }
  int all = 1;
  for (int i = 0; i < N; i++) {
    lyr_task_wait(&t[i], lyr_deadline_in(SEC), NULL);
    all &= ok[i];
  }
  CHECK(all);
  LyrWorkerStats ws[3];
  LyrPoolStats st;
  lyr_pool_stats(p, &st, ws, 3);
  CHECK(st.arena_bytes >= 100 * N);
  CHECK_EQ(ws[0].tasks_executed + ws[1].tasks_executed + ws[2].tasks_executed, N);
  CHECK_EQ(lyr_pool_shutdown(p, false), LYR_OK);
  CHECK_EQ(atomic_load(&starts), 3);
  CHECK_EQ(atomic_load(&stops), 3);
  lyr_pool_free(p);
}

/* Injector backpressure: one worker busy, a tiny injector fills up. */
static atomic_int gate;
static void gate_task(LyrTask *t, void *arg) {
  (void)t;
  (void)arg;
  while (!atomic_load(&gate)) usleep(200);
}

static void test_injector_full(void) {
  LyrPoolConfig cfg;
  lyr_pool_config_init(&cfg);
  cfg.nworkers = 1;
  cfg.max_spares = 0;
  cfg.injector_capacity = 4;
  LyrPool *p;
  CHECK_EQ(lyr_pool_new(&cfg, &p), LYR_OK);
  atomic_store(&gate, 0);
  LyrTask g, q[8];
  lyr_task_init(&g, gate_task, NULL, NULL, 0);
  lyr_pool_submit(p, &g, LYR_DEADLINE_NEVER);
  while (lyr_task_state(&g) != LYR_TASK_RUNNING) usleep(100);
  int accepted = 0;
  for (int i = 0; i < 8; i++) {
    lyr_task_init(&q[i], inc_task, (void *)(intptr_t)1, NULL, 0);
    if (lyr_pool_try_submit(p, &q[i]) == LYR_OK) accepted++;
    else break;
  }
  CHECK_EQ(accepted, 4);
  int64_t t0 = lyr_now_ns();
  CHECK_EQ(lyr_pool_submit(p, &q[4], t0 + 10 * LYR_NS_PER_MS), LYR_TIMEOUT);
  CHECK(lyr_now_ns() - t0 >= 10 * LYR_NS_PER_MS);
  atomic_store(&gate, 1);
  CHECK_EQ(lyr_pool_submit(p, &q[4], lyr_deadline_in(SEC)), LYR_OK);
  for (int i = 0; i < 5; i++) CHECK_EQ(lyr_task_wait(&q[i], lyr_deadline_in(SEC), NULL), LYR_OK);
  lyr_pool_free(p);
}

int main(void) {
  RUN(test_outside_submit);
  RUN(test_fork_join);
  RUN(test_no_lost_wakeups);
  RUN(test_spares);
  RUN(test_cancel);
  RUN(test_shutdown_cancel);
  RUN(test_shutdown_drain);
  RUN(test_shutdown_bounded);
  RUN(test_hooks_context);
  RUN(test_injector_full);
  return rt_finish();
}
