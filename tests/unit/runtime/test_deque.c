/* test_deque.c -- Chase-Lev deque: sequential semantics, growth, and
** exactly-once delivery under concurrent push/pop/steal. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "lyr_deque.h"
#include "rt_test.h"

#ifndef RT_DEQUE_STRESS
static void test_sequential(void) {
  LyrDeque d;
  CHECK_EQ(lyr_deque_init(&d, 1), LYR_OK);
  CHECK(lyr_deque_pop(&d) == NULL);
  void *x;
  CHECK_EQ(lyr_deque_steal(&d, &x), LYR_EMPTY);
  for (uintptr_t i = 1; i <= 100; i++) CHECK_EQ(lyr_deque_push(&d, (void *)i), LYR_OK);
  CHECK_EQ(lyr_deque_size(&d), 100);
  CHECK_EQ(lyr_deque_steal(&d, &x), LYR_OK); /* FIFO end */
  CHECK_EQ((uintptr_t)x, 1);
  CHECK_EQ((uintptr_t)lyr_deque_pop(&d), 100); /* LIFO end */
  int ok = 1;
  for (uintptr_t i = 99; i >= 2; i--) ok &= (uintptr_t)lyr_deque_pop(&d) == i;
  CHECK(ok);
  CHECK(lyr_deque_pop(&d) == NULL);
  CHECK_EQ(lyr_deque_size(&d), 0);
  /* wrap around many times without growing */
  for (uintptr_t r = 0; r < 1000; r++) {
    lyr_deque_push(&d, (void *)(r + 1));
    lyr_deque_push(&d, (void *)(r + 2));
    ok &= lyr_deque_steal(&d, &x) == LYR_OK && (uintptr_t)x == r + 1;
    ok &= (uintptr_t)lyr_deque_pop(&d) == r + 2;
  }
  CHECK(ok);
  lyr_deque_destroy(&d);
}
#endif

/* Concurrent: the owner pushes N items in random bursts and pops some;
** thieves steal.  Every item must be seen exactly once. */
#define MAX_THIEVES 4
static LyrDeque g_d;
static _Atomic unsigned char *g_seen;
static atomic_long g_taken;
static long g_n;
static atomic_int g_done;
static atomic_long g_dups;

static void mark(uintptr_t v) {
  if (atomic_fetch_add_explicit(&g_seen[v - 1], 1, memory_order_relaxed) != 0)
    atomic_fetch_add(&g_dups, 1);
  atomic_fetch_add_explicit(&g_taken, 1, memory_order_relaxed);
}

static void *thief(void *arg) {
  (void)arg;
  long mine = 0;
  for (;;) {
    void *x;
    LyrStatus s = lyr_deque_steal(&g_d, &x);
    if (s == LYR_OK) {
      mark((uintptr_t)x);
      mine++;
    } else if (s == LYR_EMPTY && atomic_load(&g_done)) {
      break;
    } else {
      lyr_cpu_relax();
    }
  }
  return (void *)(intptr_t)mine;
}

static void run_concurrent(long n, int nthieves, unsigned log2cap) {
  g_n = n;
  g_seen = calloc((size_t)n, 1);
  atomic_store(&g_taken, 0);
  atomic_store(&g_done, 0);
  atomic_store(&g_dups, 0);
  CHECK_EQ(lyr_deque_init(&g_d, log2cap), LYR_OK);
  pthread_t th[MAX_THIEVES];
  for (int i = 0; i < nthieves; i++) pthread_create(&th[i], NULL, thief, NULL);
  uint64_t rng = 88172645463325252ull;
  long next = 1, popped = 0;
  while (next <= n) {
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    long burst = (long)(rng % 64) + 1;
    for (long k = 0; k < burst && next <= n; k++)
      if (lyr_deque_push(&g_d, (void *)(uintptr_t)next++) != LYR_OK) CHECK(0);
    long pops = (long)((rng >> 8) % 48);
    for (long k = 0; k < pops; k++) {
      void *x = lyr_deque_pop(&g_d);
      if (!x) break;
      mark((uintptr_t)x);
      popped++;
    }
  }
  void *x;
  while ((x = lyr_deque_pop(&g_d))) mark((uintptr_t)x);
  atomic_store(&g_done, 1);
  long stolen = 0;
  for (int i = 0; i < nthieves; i++) {
    void *r;
    pthread_join(th[i], &r);
    stolen += (long)(intptr_t)r;
  }
  CHECK_EQ(atomic_load(&g_dups), 0);
  CHECK_EQ(atomic_load(&g_taken), n);
  long missing = 0;
  for (long i = 0; i < n; i++) missing += g_seen[i] == 0;
  CHECK_EQ(missing, 0);
  printf("  n=%ld thieves=%d popped>=%ld stolen=%ld\n", n, nthieves, popped, stolen);
  lyr_deque_destroy(&g_d);
  free(g_seen);
}

#ifndef RT_DEQUE_STRESS
static void test_concurrent_small(void) {
  long n = rt_scaled(200000, 20000);
  run_concurrent(n, 1, 2);
  run_concurrent(n, 3, 4);
}
#endif

#ifdef RT_DEQUE_STRESS
static void test_deque_1e7(void) {
  long n = rt_scaled(10000000, 100000);
  run_concurrent(n, 3, 4);
  run_concurrent(n / 4, 1, 10);
}
#endif

int main(void) {
#ifdef RT_DEQUE_STRESS
  RUN(test_deque_1e7);
#else
  RUN(test_sequential);
  RUN(test_concurrent_small);
#endif
  return rt_finish();
}
