/* stress_pool_wake.c -- lost wake-ups around spare threads.
**
** The pattern of a cluster future on a one-worker rank (issue 6, submit_time.ly
** under mpirun -np 2): an outside thread submits rounds of tasks, half of
** which sit in a blocking region for a moment (a future waiting for another
** rank), so spare threads start, run the others, and must retire again when
** the regions end; between rounds the outside thread waits for every task.
** Every round's tasks must run: a task left queued while the worker sleeps and
** the spares have retired is a lost wake-up, and its wait never returns.
**
** Invariant checked: every queued task is eventually run by a thread that is
** awake, and every waiter is woken when its task completes.  A wait is failed
** only after WAIT_S seconds without its task finishing (a hang, not a slow
** machine: the rest of a round takes microseconds). */
#include <sched.h>
#include <stdint.h>
#include <time.h>

#include "lyr_pool.h"
#include "rt_test.h"

enum { MAX_BATCH = 8, WAIT_S = 120 };

static atomic_long ran;

static uint64_t rng_next(uint64_t *s) {
  uint64_t x = *s;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *s = x;
}

static void pause_ns(long ns) {
  struct timespec ts = { 0, ns };
  nanosleep(&ts, NULL);
}

static void plain(LyrTask *t, void *arg) {
  (void)t;
  (void)arg;
  atomic_fetch_add(&ran, 1);
}

/* Waits a moment inside a blocking region, like a future whose body waits
** for another rank's answer: a spare runs queued work meanwhile. */
static void blocked(LyrTask *t, void *arg) {
  (void)t;
  long ns = (long)(intptr_t)arg;
  int region = lyr_blocking_enter();
  if (ns) pause_ns(ns);
  else sched_yield();
  if (region) lyr_blocking_exit();
  atomic_fetch_add(&ran, 1);
}

static void test_spare_wake(void) {
  LyrPoolConfig cfg;
  lyr_pool_config_init(&cfg);
  cfg.nworkers = 1;
  cfg.max_spares = 8;
  LyrPool *p;
  if (lyr_pool_new(&cfg, &p) != LYR_OK) {
    CHECK(0);
    return;
  }
  long rounds = rt_scaled(10000, 600), expect = 0, hung = 0;
  uint64_t seed = 0x2545F4914F6CDD1Dull;
  LyrTask ts[MAX_BATCH];
  atomic_store(&ran, 0);
  for (long r = 0; r < rounds && !hung; r++) {
    int n = 1 + (int)(rng_next(&seed) % MAX_BATCH);
    for (int i = 0; i < n; i++) {
      uint64_t x = rng_next(&seed);
      /* alternate like the cluster's round robin: rank 1, rank 0, ... */
      bool block = (i % 2 == 0) != (r % 3 == 0);
      long ns = (x >> 8) % 4 == 0 ? 0 : (long)((x >> 16) % 200000);
      lyr_task_init(&ts[i], block ? blocked : plain, (void *)(intptr_t)ns, NULL, 0);
      if (lyr_pool_submit(p, &ts[i], LYR_DEADLINE_NEVER) != LYR_OK) {
        CHECK(0);
        n = i;
        break;
      }
      expect++;
      if (x % 5 == 0) pause_ns((long)((x >> 24) % 50000));
    }
    for (int i = 0; i < n; i++) {
      LyrStatus st = lyr_task_wait(&ts[i], lyr_deadline_in(WAIT_S * LYR_NS_PER_S), NULL);
      if (st != LYR_OK) {
        LyrPoolStats s;
        lyr_pool_stats(p, &s, NULL, 0);
        fprintf(stderr,
                "round %ld task %d/%d still %d after %d s: lost wake-up (queued %lld, "
                "injector %lld, blocked %d, spares started %d, executed %llu)\n",
                r, i, n, lyr_task_state(&ts[i]), WAIT_S, (long long)s.queued,
                (long long)s.injector_len, s.blocked, s.spares_started,
                (unsigned long long)s.tasks_executed);
        hung++;
        break;
      }
    }
    /* shutdown below wakes every thread, so a hung round still ends */
    if (hung) lyr_pool_shutdown(p, false);
    if (r % 2 == 1 && !hung) pause_ns((long)(rng_next(&seed) % 100000));
  }
  CHECK_EQ(hung, 0);
  lyr_pool_free(p);
  CHECK_EQ(atomic_load(&ran), expect);
  printf("  rounds=%ld tasks=%ld\n", rounds, expect);
}

int main(void) {
  RUN(test_spare_wake);
  return rt_finish();
}
