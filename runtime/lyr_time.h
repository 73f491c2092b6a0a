/*
** lyr_time.h -- monotonic time and absolute deadlines.
**
** Every blocking runtime call takes an absolute deadline in nanoseconds on
** CLOCK_MONOTONIC (the clock the futex waits use), so retries and nested waits
** never stretch a timeout.  LYR_DEADLINE_NEVER blocks without limit; any
** deadline <= lyr_now_ns() polls once.
*/
#ifndef LYR_TIME_H
#define LYR_TIME_H

#include <stdint.h>
#include <time.h>

#define LYR_DEADLINE_NEVER INT64_MAX
#define LYR_NS_PER_MS INT64_C(1000000)
#define LYR_NS_PER_S  INT64_C(1000000000)

/* Nanoseconds since an arbitrary fixed point (CLOCK_MONOTONIC). Any thread. */
int64_t lyr_now_ns(void);

/* now + rel, saturating; rel < 0 counts as 0; rel == INT64_MAX -> NEVER. */
int64_t lyr_deadline_in(int64_t rel_ns);

/* Converts an absolute deadline to a timespec on CLOCK_MONOTONIC. */
struct timespec lyr_ns_to_timespec(int64_t ns);
int64_t lyr_timespec_to_ns(const struct timespec *ts);

#endif
