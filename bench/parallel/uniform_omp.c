/* uniform_omp.c -- the uniform workload of uniform.ly in C with OpenMP, as
** the peer the issue names: 64 equal items, each sum(i^2 mod 7, i = 1..n),
** 1 vs 2 threads, medians of 7 interleaved runs after a warm-up.  n is set
** so an item costs about what an interpreted w[20000] costs (a few ms):
** the ratio, not the time, is what compares with ParallelMap. */
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { ITEMS = 64, REPS = 7 };

static int64_t w(int64_t n) {
  int64_t s = 0;
  for (int64_t i = 1; i <= n; i++) s += (i * i) % 7;
  return s;
}

static double run(int threads, int64_t n, int64_t *check) {
  int64_t out[ITEMS];
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
#pragma omp parallel for num_threads(threads)
  for (int k = 0; k < ITEMS; k++) out[k] = w(n);
  clock_gettime(CLOCK_MONOTONIC, &b);
  int64_t t = 0;
  for (int k = 0; k < ITEMS; k++) t += out[k];
  *check = t;
  return (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
}

static int cmp(const void *x, const void *y) {
  double d = *(const double *)x - *(const double *)y;
  return (d > 0) - (d < 0);
}

int main(int argc, char **argv) {
  int64_t n = argc > 1 ? atoll(argv[1]) : 4000000;
  double t1[REPS], t2[REPS];
  int64_t c1, c2;
  run(1, n, &c1);
  run(2, n, &c2);
  for (int r = 0; r < REPS; r++) {
    t1[r] = run(1, n, &c1);
    t2[r] = run(2, n, &c2);
  }
  if (c1 != c2) { puts("uniform_omp: MISMATCH"); return 1; }
  qsort(t1, REPS, sizeof *t1, cmp);
  qsort(t2, REPS, sizeof *t2, cmp);
  printf("OpenMP uniform 64 x w[%lld] in C, 1 vs 2 threads: 1t %.4f s, 2t %.4f s; ratio %.4f\n",
         (long long)n, t1[REPS / 2], t2[REPS / 2], t1[REPS / 2] / t2[REPS / 2]);
  return 0;
}
