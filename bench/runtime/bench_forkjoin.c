/* bench_forkjoin.c -- per-task spawn+join overhead of tiny tasks on the pool,
** against an OpenMP schedule(dynamic,1) loop over the same bodies.
**   flat:  a worker spawns blocks of 4096 tasks onto its deque and waits for
**          them (help-while-waiting); ns per task = wall time / tasks.
**   fib:   recursive fork-join (fib(n), every call a task), ns per task.
**   omp:   #pragma omp parallel for schedule(dynamic,1), ns per iteration.
** All with the same number of threads (default 2 = cores on the CI VM). */
#include <stdint.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "bench_util.h"
#include "lyr_pool.h"

static volatile uint64_t sink[64];
static inline void body(uint64_t i) { sink[(i * 8) & 63] += i; }

static void tiny(LyrTask *t, void *arg) {
  (void)t;
  body((uint64_t)(uintptr_t)arg);
}

enum { BLOCK = 4096 };
static long g_ntasks;

static void flat_root(LyrTask *t, void *arg) {
  (void)t;
  (void)arg;
  static LyrTask ts[BLOCK];
  LyrPool *p = lyr_worker_pool(lyr_current_worker());
  for (long done = 0; done < g_ntasks; done += BLOCK) {
    for (int i = 0; i < BLOCK; i++) {
      lyr_task_init(&ts[i], tiny, (void *)(uintptr_t)(done + i), NULL, 0);
      lyr_pool_submit(p, &ts[i], LYR_DEADLINE_NEVER);
    }
    for (int i = 0; i < BLOCK; i++) lyr_task_wait(&ts[i], LYR_DEADLINE_NEVER, NULL);
  }
}

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
  lyr_pool_submit(p, &a.t, LYR_DEADLINE_NEVER);
  lyr_task_init(&b.t, fib_task, &b, NULL, 0);
  fib_task(&b.t, &b); /* run one half inline, as fork-join code does */
  lyr_task_wait(&a.t, LYR_DEADLINE_NEVER, NULL);
  f->r = a.r + b.r;
}

static double run_root(LyrPool *p, LyrTaskFn fn, void *arg) {
  LyrTask root;
  lyr_task_init(&root, fn, arg, NULL, 0);
  int64_t t0 = lyr_now_ns();
  lyr_pool_submit(p, &root, LYR_DEADLINE_NEVER);
  lyr_task_wait(&root, LYR_DEADLINE_NEVER, NULL);
  return (double)(lyr_now_ns() - t0);
}

static long fib_calls(int n) { return n < 2 ? 1 : 1 + fib_calls(n - 1) + fib_calls(n - 2); }

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 2;
  g_ntasks = argc > 2 ? atol(argv[2]) : 1L << 20;
  int reps = bench_reps();
  LyrPoolConfig cfg;
  lyr_pool_config_init(&cfg);
  cfg.nworkers = threads;
  LyrPool *p;
  if (lyr_pool_new(&cfg, &p) != LYR_OK) return 1;
  double flat[99], fib[99], omp[99], serial[99];
  int fn = 25;
  long fcalls = fib_calls(fn);
  run_root(p, flat_root, NULL); /* warm-up */
  for (int r = 0; r < reps; r++) {
    flat[r] = run_root(p, flat_root, NULL) / (double)g_ntasks;
    Fib f = { .n = fn };
    fib[r] = run_root(p, fib_task, &f) / (double)fcalls;
    int64_t t0 = lyr_now_ns();
    for (long i = 0; i < g_ntasks; i++) body((uint64_t)i);
    serial[r] = (double)(lyr_now_ns() - t0) / (double)g_ntasks;
#ifdef _OPENMP
    t0 = lyr_now_ns();
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (long i = 0; i < g_ntasks; i++) body((uint64_t)i);
    omp[r] = (double)(lyr_now_ns() - t0) / (double)g_ntasks;
#else
    omp[r] = 0;
#endif
  }
  double mf = bench_median(flat, reps), mfib = bench_median(fib, reps);
  double mo = bench_median(omp, reps), ms = bench_median(serial, reps);
  printf("fork-join of tiny tasks, %d workers, %ld tasks, median of %d\n", threads, g_ntasks, reps);
  bench_report("forkjoin.flat_ns_per_task", mf, "ns");
  bench_report("forkjoin.fib_ns_per_task", mfib, "ns");
  bench_report("forkjoin.serial_ns_per_body", ms, "ns");
#ifdef _OPENMP
  bench_report("forkjoin.omp_dynamic1_ns_per_iter", mo, "ns");
  bench_report("forkjoin.ratio_flat_over_omp", mf / mo, "x");
#endif
  LyrPoolStats st;
  lyr_pool_stats(p, &st, NULL, 0);
  printf("pool: tasks=%llu steals=%llu parks=%llu\n", (unsigned long long)st.tasks_executed,
         (unsigned long long)st.steals, (unsigned long long)st.parks);
  lyr_pool_free(p);
  return 0;
}
