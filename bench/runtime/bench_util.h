/* bench_util.h -- repeat-and-median helpers for the runtime benchmarks.
** The build machine is a noisy 2-vCPU VM: every number is the median of
** BENCH_REPS runs, and comparisons are ratios measured in the same process. */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>

#include "lyr_time.h"

#ifndef BENCH_REPS
#define BENCH_REPS 7
#endif

static int bench_cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static inline double bench_median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, bench_cmp);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static inline int bench_reps(void) {
  const char *e = getenv("BENCH_REPS");
  int r = e ? atoi(e) : BENCH_REPS;
  return r < 1 ? 1 : r > 99 ? 99 : r;
}

/* One machine-readable result line; run.sh collects them. */
static inline void bench_report(const char *name, double value, const char *unit) {
  printf("RESULT %-40s %12.2f %s\n", name, value, unit);
  fflush(stdout);
}

#endif
