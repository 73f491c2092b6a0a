/*
** park_futex.c -- Linux futex backend for parking (lyr_park.h).
**
** Threads: any.  State: none (the ops table is const).
**
** ck_ec needs its wait/wake operations supplied by us.  Deadlines handed to
** wait32 are absolute CLOCK_MONOTONIC times, so we must use FUTEX_WAIT_BITSET
** (plain FUTEX_WAIT would read them as relative).  wait64/wake64 use the low
** half of the word, which on little-endian is where the counter lives.
**
** lyr_ec_wait passes a predicate to ck_ec_wait_pred that (1) clamps each
** exponential-backoff sleep to the caller's deadline (ck's own schedule is
** 2 ms, 16 ms, 128 ms, 1 s, ... and would overshoot), and (2) when a
** cancellation token is given, caps each sleep at LYR_CANCEL_POLL_NS and ends
** the wait with LYR_CANCELLED once the token has fired.  Memory ordering:
** ck_ec_value is an acquire read, but nothing in runtime/ relies on it; after
** any return the caller re-reads its own C11 state.
*/
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <sched.h>
#include <unistd.h>

#ifndef LYR_EVENT_SPIN
#define LYR_EVENT_SPIN 256
#endif
#ifndef LYR_EVENT_YIELDS
#define LYR_EVENT_YIELDS 4
#endif

#include "lyr_cancel.h"
#include "lyr_park.h"

static long sys_futex(void *addr, int op, uint32_t val, const struct timespec *ts,
                      uint32_t val3) {
  return syscall(SYS_futex, addr, op, val, ts, NULL, val3);
}

static int ops_gettime(const struct ck_ec_ops *ops, struct timespec *out) {
  (void)ops;
  return clock_gettime(CLOCK_MONOTONIC, out);
}

static void ops_wait32(const struct ck_ec_wait_state *st, const uint32_t *addr,
                       uint32_t expected, const struct timespec *deadline) {
  (void)st;
  sys_futex((void *)addr, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, expected, deadline,
            FUTEX_BITSET_MATCH_ANY);
}

static void ops_wait64(const struct ck_ec_wait_state *st, const uint64_t *addr,
                       uint64_t expected, const struct timespec *deadline) {
  (void)st;
  sys_futex((void *)addr, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, (uint32_t)expected,
            deadline, FUTEX_BITSET_MATCH_ANY);
}

static void ops_wake32(const struct ck_ec_ops *ops, const uint32_t *addr) {
  (void)ops;
  sys_futex((void *)addr, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, INT_MAX, NULL, 0);
}

static void ops_wake64(const struct ck_ec_ops *ops, const uint64_t *addr) {
  (void)ops;
  sys_futex((void *)addr, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, INT_MAX, NULL, 0);
}

static const struct ck_ec_ops lyr_ec_ops = {
  .gettime = ops_gettime,
  .wait32 = ops_wait32,
  .wait64 = ops_wait64,
  .wake32 = ops_wake32,
  .wake64 = ops_wake64,
  .busy_loop_iter = 0,   /* ck defaults: ~100 spins, 2 ms first sleep, x8 */
  .initial_wait_ns = 0,
  .wait_scale_factor = 0,
  .wait_shift_count = 0,
};

const struct ck_ec_mode lyr_ec_mode = { .ops = &lyr_ec_ops, .single_producer = false };

LyrStatus lyr_futex_wait(_Atomic uint32_t *addr, uint32_t expected, int64_t deadline) {
  if (deadline != LYR_DEADLINE_NEVER && lyr_now_ns() >= deadline) return LYR_TIMEOUT;
  struct timespec ts = lyr_ns_to_timespec(deadline);
  long r = sys_futex((void *)addr, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, expected,
                     deadline == LYR_DEADLINE_NEVER ? NULL : &ts, FUTEX_BITSET_MATCH_ANY);
  if (r == -1 && errno == ETIMEDOUT) return LYR_TIMEOUT;
  return LYR_OK;
}

void lyr_futex_wake(_Atomic uint32_t *addr, int n) {
  sys_futex((void *)addr, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, (uint32_t)n, NULL, 0);
}

typedef struct WaitCtx {
  int64_t deadline;
  const LyrCancel *tok;
} WaitCtx;

enum { PRED_CANCELLED = 2 };

static int wait_pred(const struct ck_ec_wait_state *st, struct timespec *it) {
  const WaitCtx *c = st->data;
  if (c->tok && lyr_cancel_is_set(c->tok)) return PRED_CANCELLED;
  int64_t cap = c->deadline;
  if (c->tok) {
    int64_t poll = lyr_timespec_to_ns(&st->now) + LYR_CANCEL_POLL_NS;
    if (poll < cap) cap = poll;
  }
  if (cap < lyr_timespec_to_ns(it)) *it = lyr_ns_to_timespec(cap);
  return 0;
}

LyrStatus lyr_ec_wait(struct ck_ec32 *ec, uint32_t old, int64_t deadline,
                      const LyrCancel *tok) {
  WaitCtx c = { deadline, tok };
  for (;;) {
    if (tok && lyr_cancel_is_set(tok)) return LYR_CANCELLED;
    if (ck_ec32_value(ec) != old) return LYR_OK;
    struct timespec dl, *dlp = NULL;
    if (deadline != LYR_DEADLINE_NEVER) {
      if (lyr_now_ns() >= deadline) return LYR_TIMEOUT;
      dl = lyr_ns_to_timespec(deadline);
      dlp = &dl;
    } else if (tok) {
      /* A token must be polled: sleep in bounded rounds, the predicate
      ** shortens each backoff step further. */
      dl = lyr_ns_to_timespec(lyr_now_ns() + LYR_NS_PER_S);
      dlp = &dl;
    }
    int r = ck_ec32_wait_pred(ec, &lyr_ec_mode, old, wait_pred, &c, dlp);
    if (r == 0) return LYR_OK;
    if (r == PRED_CANCELLED) return LYR_CANCELLED;
    /* -1: this (possibly shortened) deadline passed; loop re-checks. */
  }
}

/* LyrEvent: waiter: waiters++ (seq_cst) then read seq (seq_cst); signaller:
** seq++ (seq_cst) then read waiters (seq_cst).  Either the waiter sees the new
** seq, or the signaller sees the waiter and issues the futex wake; a waiter
** that has not reached futex_wait yet fails it with EAGAIN (seq changed). */
void lyr_event_signal(LyrEvent *e, int n) {
  lyr_faa_sc(&e->seq, 1);
  if (lyr_ld_sc(&e->waiters)) lyr_futex_wake(&e->seq, n);
}

LyrStatus lyr_event_wait(LyrEvent *e, uint32_t old, int64_t deadline, const LyrCancel *tok) {
  /* Spin only when nobody sleeps here yet: with many waiters (64 receivers
  ** on 2 cores) spinning just steals the CPU from the thread that would
  ** signal us. */
  int spin = lyr_ld_rlx(&e->waiters) == 0;
  for (int i = 0; spin && i < LYR_EVENT_SPIN; i++) {
    if (lyr_ld_acq(&e->seq) != old) return LYR_OK;
    lyr_cpu_relax();
  }
  for (int i = 0; spin && i < LYR_EVENT_YIELDS; i++) {
    if (lyr_ld_acq(&e->seq) != old) return LYR_OK;
    sched_yield();
  }
  lyr_faa_sc(&e->waiters, 1);
  LyrStatus st;
  for (;;) {
    if (lyr_ld_sc(&e->seq) != old) {
      st = LYR_OK;
      break;
    }
    if (tok && lyr_cancel_is_set(tok)) {
      st = LYR_CANCELLED;
      break;
    }
    int64_t now = lyr_now_ns();
    if (deadline != LYR_DEADLINE_NEVER && now >= deadline) {
      st = LYR_TIMEOUT;
      break;
    }
    int64_t step = deadline;
    if (tok && now + LYR_CANCEL_POLL_NS < step) step = now + LYR_CANCEL_POLL_NS;
    lyr_futex_wait(&e->seq, old, step);
  }
  lyr_fsub_sc(&e->waiters, 1);
  return st;
}
