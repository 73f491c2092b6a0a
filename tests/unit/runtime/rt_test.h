/*
** rt_test.h -- tiny test harness shared by the runtime unit and stress tests.
** CHECK records a failure and continues; each program ends with
** "N passed, M failed" and exits non-zero on any failure.
*/
#ifndef RT_TEST_H
#define RT_TEST_H

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "lyr_atomic.h"

static atomic_int rt_passed_, rt_failed_;

#define CHECK(cond)                                                             \
  do {                                                                          \
    if (cond) atomic_fetch_add(&rt_passed_, 1);                                 \
    else {                                                                      \
      atomic_fetch_add(&rt_failed_, 1);                                         \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                           \
  } while (0)

#define CHECK_EQ(a, b)                                                          \
  do {                                                                          \
    long long a_ = (long long)(a), b_ = (long long)(b);                         \
    if (a_ == b_) atomic_fetch_add(&rt_passed_, 1);                             \
    else {                                                                      \
      atomic_fetch_add(&rt_failed_, 1);                                         \
      fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %lld, %s == %lld\n",       \
              __FILE__, __LINE__, #a, a_, #b, b_);                              \
    }                                                                           \
  } while (0)

/* Iteration scale: LY_STRESS_SCALE if set, else 1 normally, smaller under
** sanitizers so the CI stays within budget. */
static inline double rt_scale(void) {
  const char *e = getenv("LY_STRESS_SCALE");
  if (e && *e) return atof(e);
#if LYR_TSAN
  return 0.03;
#elif LYR_SANITIZED
  return 0.1;
#else
  return 1.0;
#endif
}

static inline long rt_scaled(long n, long min) {
  long v = (long)(n * rt_scale());
  return v < min ? min : v;
}

static inline int rt_finish(void) {
  int p = atomic_load(&rt_passed_), f = atomic_load(&rt_failed_);
  printf("%d passed, %d failed\n", p, f);
  return f ? 1 : 0;
}

#define RUN(fn)                                   \
  do {                                            \
    int f0_ = atomic_load(&rt_failed_);           \
    fn();                                         \
    printf("%-40s %s\n", #fn, atomic_load(&rt_failed_) == f0_ ? "ok" : "FAIL"); \
    fflush(stdout);                               \
  } while (0)

#endif
