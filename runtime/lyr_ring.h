/*
** lyr_ring.h -- bounded lock-free MPMC ring of void * with close.
**
** Non-blocking building block for channels (chan.c) and the pool's injector
** (pool.c): any capacity >= 1, per-slot stamps (Vyukov / crossbeam "array"
** flavour), a close bit in the tail.  No thread ever waits inside another
** thread's operation: a neighbour that has claimed a slot but not yet
** published it makes the caller see LYR_BUSY, and the caller decides whether
** to retry, yield or park.  Values are opaque; NULL is allowed.
*/
#ifndef LYR_RING_H
#define LYR_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lyr_atomic.h"
#include "lyr_status.h"

typedef struct LyrRingSlot {
  _Atomic uint64_t stamp;
  void *val; /* published by the stamp's release store */
} LyrRingSlot;

typedef struct LyrRing {
  LYR_CACHE_ALIGNED _Atomic uint64_t head; /* next position to pop */
  LYR_CACHE_ALIGNED _Atomic uint64_t tail; /* next position to push; | mark_bit when closed */
  LYR_CACHE_ALIGNED uint64_t cap;
  uint64_t mark_bit; /* next_pow2(cap + 1) */
  uint64_t one_lap;  /* 2 * mark_bit */
  LyrRingSlot *slots;
} LyrRing;

/* cap >= 1.  Any thread, before sharing.  LYR_INVAL, LYR_NOMEM. */
LyrStatus lyr_ring_init(LyrRing *r, size_t cap);
void lyr_ring_destroy(LyrRing *r);

/* Any thread, never blocks.  LYR_OK, LYR_FULL, LYR_CLOSED (nothing pushed),
** LYR_BUSY (a consumer is freeing the slot we need: try again shortly). */
LyrStatus lyr_ring_try_push(LyrRing *r, void *v);

/* Any thread, never blocks.  LYR_OK, LYR_EMPTY, LYR_CLOSED (closed and
** drained), LYR_BUSY (a producer claimed the next slot but has not published
** it yet: a value is about to arrive). */
LyrStatus lyr_ring_try_pop(LyrRing *r, void **out);

/* Sets the close bit; returns true if this call closed the ring.  Pushes that
** linearise after it fail with LYR_CLOSED; pops drain what is left. Any thread. */
bool lyr_ring_close(LyrRing *r);
bool lyr_ring_is_closed(const LyrRing *r);

/* Snapshot of the number of buffered values, 0..cap. Any thread. */
size_t lyr_ring_len(const LyrRing *r);

#endif
