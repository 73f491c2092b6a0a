/* bench_steal.c -- steal throughput: one owner keeps its deque non-empty,
** K thieves steal as fast as they can; items stolen per second, and the
** owner's uncontended push+pop cost for reference. */
#include <pthread.h>
#include <stdint.h>

#include "bench_util.h"
#include "lyr_deque.h"

static LyrDeque dq;
static atomic_int stop;
static atomic_long stolen;

static void *thief(void *arg) {
  (void)arg;
  long n = 0;
  while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
    void *x;
    if (lyr_deque_steal(&dq, &x) == LYR_OK) n++;
  }
  atomic_fetch_add(&stolen, n);
  return NULL;
}

int main(int argc, char **argv) {
  int thieves = argc > 1 ? atoi(argv[1]) : 1;
  int reps = bench_reps();
  double rate[99], pp[99];
  for (int r = 0; r < reps; r++) {
    lyr_deque_init(&dq, 10);
    atomic_store(&stop, 0);
    atomic_store(&stolen, 0);
    pthread_t th[16];
    for (int i = 0; i < thieves; i++) pthread_create(&th[i], NULL, thief, NULL);
    int64_t t0 = lyr_now_ns();
    long pushed = 0;
    while (lyr_now_ns() - t0 < 200 * LYR_NS_PER_MS) {
      for (int k = 0; k < 256; k++) {
        if (lyr_deque_size(&dq) < 512) {
          lyr_deque_push(&dq, (void *)1);
          pushed++;
        }
      }
    }
    atomic_store(&stop, 1);
    for (int i = 0; i < thieves; i++) pthread_join(th[i], NULL);
    double el = (double)(lyr_now_ns() - t0);
    rate[r] = (double)atomic_load(&stolen) / el * 1e3; /* Mitems/s */
    lyr_deque_destroy(&dq);
    /* owner-only push+pop */
    lyr_deque_init(&dq, 10);
    enum { M = 1 << 22 };
    t0 = lyr_now_ns();
    for (int i = 0; i < M; i++) {
      lyr_deque_push(&dq, (void *)1);
      (void)lyr_deque_pop(&dq);
    }
    pp[r] = (double)(lyr_now_ns() - t0) / M;
    lyr_deque_destroy(&dq);
    (void)pushed;
  }
  printf("deque steal throughput, %d thieves, median of %d\n", thieves, reps);
  char name[64];
  snprintf(name, sizeof name, "steal.%dthieves_Mitems_per_s", thieves);
  bench_report(name, bench_median(rate, reps), "Mitems/s");
  bench_report("deque.owner_push_pop_ns", bench_median(pp, reps), "ns");
  return 0;
}
