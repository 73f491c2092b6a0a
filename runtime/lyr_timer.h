/*
** lyr_timer.h -- one-shot timers on a process-wide timer thread.
**
** Used for cancellation-token deadlines (and by the layer above for
** TimeConstrained-style timeouts).  The timer thread is started on first use
** and exits after LYR_TIMER_IDLE_NS without timers, so it never pins a process
** that has no pools.  Callbacks run on the timer thread, one at a time, with
** no runtime lock held; they must be short and must not block.
*/
#ifndef LYR_TIMER_H
#define LYR_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include "lyr_status.h"

typedef struct LyrTimer LyrTimer;
typedef void (*LyrTimerFn)(void *arg);

#define LYR_TIMER_IDLE_NS (500 * INT64_C(1000000))

/* Arms a timer that calls fn(arg) on the timer thread at the absolute
** deadline (CLOCK_MONOTONIC ns; accuracy ~0.1 ms plus scheduling).  *out is a
** handle that must later be passed to lyr_timer_stop exactly once, even after
** it fired.  Any thread; may start the timer thread.  LYR_NOMEM, LYR_SYSERR. */
LyrStatus lyr_timer_start(int64_t deadline, LyrTimerFn fn, void *arg, LyrTimer **out);

/* Disarms and frees the timer.  Returns true if the callback had not run and
** now never will.  If the callback is running on the timer thread, waits for
** it to return (unless called from that callback), so after lyr_timer_stop
** the callback is never running.  Any thread; may block briefly. */
bool lyr_timer_stop(LyrTimer *t);

/* Number of armed timers (diagnostics and tests). Any thread. */
int lyr_timer_pending(void);

/* Waits (up to the deadline) until the timer thread has exited, which it does
** once no timers are armed for LYR_TIMER_IDLE_NS.  For leak tests. */
LyrStatus lyr_timer_quiesce(int64_t deadline);

#endif
