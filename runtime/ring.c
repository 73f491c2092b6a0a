/*
** ring.c -- bounded MPMC ring with per-slot stamps and close (lyr_ring.h).
**
** Threads: all operations from any thread, lock-free (no thread waits for
** another inside an operation; see LYR_BUSY).
**
** Positions: a position is lap | index, with index < cap and lap a multiple
** of one_lap = 2 * mark_bit, mark_bit = next_pow2(cap + 1) > cap.  So any
** cap >= 1 works (the plain power-of-two Vyukov ring breaks at one slot, see
** notes/ck-hwloc.md B).  The close flag is mark_bit in `tail`.
** Slot stamps: initially stamp = index (free for lap 0).  A producer at
** position p may write the slot when stamp == p; it CASes tail p -> next(p),
** writes val, then stores stamp = p + 1 (release).  A consumer at position p
** may read when stamp == p + 1; it CASes head p -> next(p), reads val, then
** stores stamp = p + one_lap (release): free for the next lap.
**
** Orderings: tail/head CASes are seq_cst; the stamp release/acquire pair
** publishes val.  The full/empty decision loads the other index with seq_cst
** (crossbeam uses a seq_cst fence there; we avoid standalone fences for TSan,
** lyr_atomic.h).  Because a producer's tail CAS is seq_cst, a consumer that
** registers itself as a waiter (seq_cst RMW) and then finds tail == head is
** ordered before that producer's later seq_cst check for waiters: chan.c's
** select relies on this and treats LYR_BUSY as "value imminent, do not sleep".
*/
#include <stdlib.h>

#include "lyr_ring.h"

LyrStatus lyr_ring_init(LyrRing *r, size_t cap) {
  if (cap < 1 || cap > ((size_t)1 << 40)) return LYR_INVAL;
  uint64_t mb = 1;
  while (mb < (uint64_t)cap + 1) mb <<= 1;
  r->slots = malloc(cap * sizeof *r->slots);
  if (!r->slots) return LYR_NOMEM;
  for (size_t i = 0; i < cap; i++) {
    atomic_init(&r->slots[i].stamp, i);
    r->slots[i].val = NULL;
  }
  r->cap = cap;
  r->mark_bit = mb;
  r->one_lap = mb * 2;
  atomic_init(&r->head, 0);
  atomic_init(&r->tail, 0);
  return LYR_OK;
}

void lyr_ring_destroy(LyrRing *r) {
  free(r->slots);
  r->slots = NULL;
}

static inline uint64_t next_pos(const LyrRing *r, uint64_t pos) {
  uint64_t index = pos & (r->mark_bit - 1);
  uint64_t lap = pos & ~(r->one_lap - 1);
  return index + 1 < r->cap ? pos + 1 : lap + r->one_lap;
}

/* Bounded patience for a neighbour that is between its CAS and its stamp
** store (a few instructions, unless it was preempted). */
enum { RING_SPINS = 64 };

LyrStatus lyr_ring_try_push(LyrRing *r, void *v) {
  uint64_t tail = lyr_ld_rlx(&r->tail);
  int spins = 0;
  for (;;) {
    if (tail & r->mark_bit) return LYR_CLOSED;
    uint64_t index = tail & (r->mark_bit - 1);
    LyrRingSlot *s = &r->slots[index];
    uint64_t stamp = lyr_ld_acq(&s->stamp);
    if (stamp == tail) {
      if (lyr_casw_sc(&r->tail, &tail, next_pos(r, tail))) {
        s->val = v;
        lyr_st_rel(&s->stamp, tail + 1);
        return LYR_OK;
      }
      /* tail reloaded by the CAS */
    } else if (stamp + r->one_lap == tail + 1) {
      /* slot still holds last lap's value: full, or a consumer mid-pop */
      uint64_t head = lyr_ld_sc(&r->head);
      if (head + r->one_lap == tail) return LYR_FULL;
      if (++spins > RING_SPINS) return LYR_BUSY;
      lyr_cpu_relax();
      tail = lyr_ld_rlx(&r->tail);
    } else {
      /* another producer moved tail on */
      lyr_cpu_relax();
      tail = lyr_ld_rlx(&r->tail);
    }
  }
}

LyrStatus lyr_ring_try_pop(LyrRing *r, void **out) {
  uint64_t head = lyr_ld_rlx(&r->head);
  int spins = 0;
  for (;;) {
    uint64_t index = head & (r->mark_bit - 1);
    LyrRingSlot *s = &r->slots[index];
    uint64_t stamp = lyr_ld_acq(&s->stamp);
    if (stamp == head + 1) {
      if (lyr_casw_sc(&r->head, &head, next_pos(r, head))) {
        *out = s->val;
        lyr_st_rel(&s->stamp, head + r->one_lap);
        return LYR_OK;
      }
    } else if (stamp == head) {
      uint64_t tail = lyr_ld_sc(&r->tail);
      if ((tail & ~r->mark_bit) == head) return (tail & r->mark_bit) ? LYR_CLOSED : LYR_EMPTY;
      /* a producer claimed this slot and has not published yet */
      if (++spins > RING_SPINS) return LYR_BUSY;
      lyr_cpu_relax();
      head = lyr_ld_rlx(&r->head);
    } else {
      lyr_cpu_relax();
      head = lyr_ld_rlx(&r->head);
    }
  }
}

bool lyr_ring_close(LyrRing *r) {
  return !(lyr_for_sc(&r->tail, r->mark_bit) & r->mark_bit);
}

bool lyr_ring_is_closed(const LyrRing *r) {
  return (lyr_ld_sc(&((LyrRing *)r)->tail) & r->mark_bit) != 0;
}

size_t lyr_ring_len(const LyrRing *r) {
  LyrRing *m = (LyrRing *)r;
  for (;;) {
    uint64_t tail = lyr_ld_sc(&m->tail);
    uint64_t head = lyr_ld_sc(&m->head);
    if (lyr_ld_sc(&m->tail) != tail) continue;
    uint64_t hix = head & (r->mark_bit - 1), tix = tail & (r->mark_bit - 1);
    if (hix < tix) return (size_t)(tix - hix);
    if (hix > tix) return (size_t)(r->cap - hix + tix);
    return (tail & ~r->mark_bit) == head ? 0 : (size_t)r->cap;
  }
}
