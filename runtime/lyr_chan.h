/*
** lyr_chan.h -- bounded blocking channels of void * (MPMC), capacity >= 0.
**
** Capacity n >= 1: a lock-free ring (lyr_ring.h) plus two ck_ec event counts
** for blocking.  Capacity 0: a rendezvous, where a send completes only when a
** receiver takes the value directly (mutex-protected waiter queues, each
** waiter parked on its own futex word).
**
** Values are opaque pointers (NULL allowed); the channel never copies or
** frees them except through the optional drop hook when the last reference
** goes away with values still buffered.
**
** Blocking calls take an absolute CLOCK_MONOTONIC deadline (lyr_time.h;
** LYR_DEADLINE_NEVER to block without limit; a past deadline polls once) and
** an optional cancellation token, which ends the wait with LYR_CANCELLED
** within LYR_CANCEL_POLL_NS.  When the caller is a pool worker, a call that is
** about to sleep enters a blocking region (lyr_pool.h) so that a spare thread
** can keep the pool busy meanwhile.  Timeouts are honoured to ~0.2 ms.
*/
#ifndef LYR_CHAN_H
#define LYR_CHAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lyr_cancel.h"
#include "lyr_status.h"
#include "lyr_time.h"

typedef struct LyrChan LyrChan;

/* Called on each value still buffered when the channel is freed. */
typedef void (*LyrChanDrop)(void *value, void *ud);

/* Creates a channel with the given capacity (0 = rendezvous).  The caller
** owns one reference.  drop may be NULL.  Any thread.  LYR_NOMEM, LYR_INVAL. */
LyrStatus lyr_chan_new(size_t capacity, LyrChanDrop drop, void *drop_ud, LyrChan **out);

/* Reference counting; the last release drops buffered values and frees.  No
** thread may be blocked on the channel at the last release.  Any thread. */
void lyr_chan_retain(LyrChan *ch);
void lyr_chan_release(LyrChan *ch);

/* Blocks while full.  LYR_OK, LYR_CLOSED (value not sent), LYR_TIMEOUT,
** LYR_CANCELLED.  Any thread. */
LyrStatus lyr_chan_send(LyrChan *ch, void *v, int64_t deadline, const LyrCancel *tok);

/* Blocks while empty.  LYR_OK (*out set), LYR_CLOSED (closed and drained),
** LYR_TIMEOUT, LYR_CANCELLED.  Any thread. */
LyrStatus lyr_chan_recv(LyrChan *ch, void **out, int64_t deadline, const LyrCancel *tok);

/* Bulk forms.  send_many sends vals[0..n) in order, blocking while the
** channel is full, and sets *sent to how many went in (always a prefix):
** LYR_OK (all), LYR_CLOSED, LYR_TIMEOUT, LYR_CANCELLED.  recv_many blocks
** until at least one value is there, then takes up to max without blocking
** again: LYR_OK with *got >= 1, or LYR_CLOSED (closed and drained),
** LYR_TIMEOUT, LYR_CANCELLED with *got == 0.  A batch costs one wake-up of
** the other side instead of one per value.  Any thread. */
LyrStatus lyr_chan_send_many(LyrChan *ch, void *const *vals, size_t n, size_t *sent,
                             int64_t deadline, const LyrCancel *tok);
LyrStatus lyr_chan_recv_many(LyrChan *ch, void **out, size_t max, size_t *got,
                             int64_t deadline, const LyrCancel *tok);

/* Never block.  try_send: LYR_OK, LYR_FULL, LYR_CLOSED.  try_recv: LYR_OK,
** LYR_EMPTY, LYR_CLOSED (closed and drained).  On a rendezvous channel they
** succeed only if a partner is already waiting.  A value whose send is
** mid-publication may be reported as LYR_EMPTY.  Any thread. */
LyrStatus lyr_chan_try_send(LyrChan *ch, void *v);
LyrStatus lyr_chan_try_recv(LyrChan *ch, void **out);

/* Closes: later sends fail with LYR_CLOSED, every blocked sender and receiver
** wakes, receivers drain what is buffered and then get LYR_CLOSED.  Returns
** true if this call closed it.  Any thread, never blocks for long. */
bool lyr_chan_close(LyrChan *ch);
bool lyr_chan_is_closed(const LyrChan *ch);

/* Snapshots.  len is the number of buffered values (for a rendezvous channel,
** the number of senders waiting).  Any thread. */
size_t lyr_chan_len(const LyrChan *ch);
size_t lyr_chan_capacity(const LyrChan *ch);

/* Receives from whichever of chs[0..n) has a value first, scanning from a
** rotating start so that no channel starves.  Sleeps (no busy waiting) until
** one of them gets a value or closes.  On LYR_OK sets *which and *out.
** LYR_CLOSED when every channel is closed and drained; LYR_TIMEOUT;
** LYR_CANCELLED; LYR_INVAL (n < 1 or n > LYR_CHAN_SELECT_MAX).  Any thread. */
#define LYR_CHAN_SELECT_MAX 1024
LyrStatus lyr_chan_recv_any(LyrChan *const *chs, int n, int *which, void **out,
                            int64_t deadline, const LyrCancel *tok);

#endif
