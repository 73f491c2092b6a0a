/*
** time.c -- CLOCK_MONOTONIC in nanoseconds and deadline arithmetic.
** Pure functions, any thread.  The futex waits in park_futex.c use
** FUTEX_WAIT_BITSET, which takes an absolute CLOCK_MONOTONIC time, so the
** same numbers flow from the API down to the kernel unchanged.
*/
#include "lyr_time.h"

int64_t lyr_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * LYR_NS_PER_S + ts.tv_nsec;
}

int64_t lyr_deadline_in(int64_t rel_ns) {
  if (rel_ns == INT64_MAX) return LYR_DEADLINE_NEVER;
  if (rel_ns < 0) rel_ns = 0;
  int64_t now = lyr_now_ns();
  if (rel_ns > INT64_MAX - now) return LYR_DEADLINE_NEVER;
  return now + rel_ns;
}

struct timespec lyr_ns_to_timespec(int64_t ns) {
  struct timespec ts;
  if (ns < 0) ns = 0;
  ts.tv_sec = (time_t)(ns / LYR_NS_PER_S);
  ts.tv_nsec = (long)(ns % LYR_NS_PER_S);
  return ts;
}

/* Saturates at LYR_DEADLINE_NEVER: ck_ec hands its predicate a far-future
** timespec (seconds near INT64_MAX) for waits without a deadline. */
int64_t lyr_timespec_to_ns(const struct timespec *ts) {
  if (ts->tv_sec >= (INT64_MAX - LYR_NS_PER_S) / LYR_NS_PER_S) return LYR_DEADLINE_NEVER;
  return (int64_t)ts->tv_sec * LYR_NS_PER_S + ts->tv_nsec;
}
