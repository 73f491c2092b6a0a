/*
** lyr_park.h -- blocking primitives: futex words and ck_ec event counts with
** deadlines that are honoured to ~0.2 ms and cancellation tokens that are
** polled while asleep.
**
** Two tools, both "check, then sleep only if nothing changed":
**  - lyr_futex_wait/wake on a 32-bit atomic word (used by task completion and
**    by the rendezvous channel's private waiter words).
**  - ck_ec32 event counts in multi-producer mode (worker parking, channel
**    not-empty/not-full).  Pattern: v = ck_ec_value(ec); re-check the
**    condition; lyr_ec_wait(ec, v, deadline, tok).  An increment between the
**    value read and the sleep makes the wait return at once, so a wake-up that
**    races with going to sleep is never lost.
**
** ck_ec on its own overshoots timeouts by up to 5x (its backoff ignores the
** caller's deadline, notes/ck-hwloc.md 1.3); lyr_ec_wait clamps every backoff
** step to the deadline.  With a cancellation token the step is also clamped to
** LYR_CANCEL_POLL_NS, so a fired token ends the wait within that time even
** though cancel does not know who is sleeping.
*/
#ifndef LYR_PARK_H
#define LYR_PARK_H

#include <ck_ec.h>
#include <stdint.h>

#include "lyr_atomic.h"
#include "lyr_status.h"
#include "lyr_time.h"

struct LyrCancel;

/* How often a sleeping waiter re-checks its cancellation token. */
#define LYR_CANCEL_POLL_NS (2 * LYR_NS_PER_MS)

/* The multi-producer ck_ec mode with Linux futex ops (FUTEX_WAIT_BITSET on
** CLOCK_MONOTONIC).  Use it for every ck_ec_inc/ck_ec_add in the runtime. */
extern const struct ck_ec_mode lyr_ec_mode;

/* Sleeps while *addr == expected, until deadline (absolute, ns).  Returns
** LYR_OK when woken or the value differed (spurious returns are possible:
** callers loop), LYR_TIMEOUT when the deadline passed.  Any thread; blocks. */
LyrStatus lyr_futex_wait(_Atomic uint32_t *addr, uint32_t expected, int64_t deadline);

/* Wakes up to n threads sleeping on addr (INT32_MAX = all).  Any thread, never
** blocks.  Safe to call on an address whose object was just released by a
** waiter (private futexes only hash the address). */
void lyr_futex_wake(_Atomic uint32_t *addr, int n);

/* Waits until ck_ec_value(ec) != old, the deadline passes or tok fires.
** Returns LYR_OK (value changed), LYR_TIMEOUT or LYR_CANCELLED.  tok may be
** NULL.  Any thread; blocks (after ck_ec's short spin). */
LyrStatus lyr_ec_wait(struct ck_ec32 *ec, uint32_t old, int64_t deadline,
                      const struct LyrCancel *tok);

/* LyrEvent: an event count with a waiter count and *targeted* wakes, for
** queues with many equivalent waiters (channel senders/receivers), where
** ck_ec's broadcast wake-ups made 64 receivers on 2 cores thrash (measured:
** 0.01 Mitems/s).  Same pattern as ck_ec: v = lyr_event_value(e); re-check;
** lyr_event_wait(e, v, ...).  A signal is issued only after the state it
** announces is published, and a woken waiter always re-checks that state
** before sleeping or leaving, so waking one is enough. */
typedef struct LyrEvent {
  _Atomic uint32_t seq;
  _Atomic uint32_t waiters;  /* asleep in lyr_event_wait */
  _Atomic uint32_t watchers; /* between lyr_event_watch and lyr_event_unwatch */
} LyrEvent;

static inline void lyr_event_init(LyrEvent *e) {
  atomic_init(&e->seq, 0);
  atomic_init(&e->waiters, 0);
  atomic_init(&e->watchers, 0);
}
static inline uint32_t lyr_event_value(LyrEvent *e) { return lyr_ld_sc(&e->seq); }

/* Bumps the count and wakes up to n sleepers (INT32_MAX = all). Any thread. */
void lyr_event_signal(LyrEvent *e, int n);

/* The watch protocol, for signallers on a hot path (a channel's every push
** and pop): lyr_event_notify costs a plain load, not a locked increment,
** when nobody waits.  A waiter does
**     v = lyr_event_watch(e); re-check; lyr_event_wait(e, v, ...);
**     lyr_event_unwatch(e)
** and a signaller publishes its change with a seq_cst RMW (the ring's CAS on
** head/tail) *before* lyr_event_notify.  Either the waiter's re-check (a
** seq_cst read of that word) sees the change, or the signaller sees the
** watcher and bumps.  The re-check must treat a change it sees only half
** done (LYR_BUSY: claimed, not yet published) as "do not sleep". */
static inline uint32_t lyr_event_watch(LyrEvent *e) {
  lyr_faa_sc(&e->watchers, 1);
  return lyr_ld_sc(&e->seq);
}
static inline void lyr_event_unwatch(LyrEvent *e) { lyr_fsub_sc(&e->watchers, 1); }
static inline void lyr_event_notify(LyrEvent *e, int n) {
  if (lyr_ld_sc(&e->watchers)) lyr_event_signal(e, n);
}

/* Like lyr_ec_wait: LYR_OK when the count moved from old, LYR_TIMEOUT,
** LYR_CANCELLED.  Any thread; blocks. */
LyrStatus lyr_event_wait(LyrEvent *e, uint32_t old, int64_t deadline,
                         const struct LyrCancel *tok);

/* Wakes every waiter of ec (ck_ec wakes are broadcast). Any thread. */
static inline void lyr_ec_signal(struct ck_ec32 *ec) { ck_ec32_inc(ec, &lyr_ec_mode); }

#endif
