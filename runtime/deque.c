/*
** deque.c -- Chase-Lev work-stealing deque (lyr_deque.h).
**
** Threads: push/pop by the owner only; steal by anyone; size by anyone.
**
** Algorithm: Chase & Lev (SPAA'05) with the C11 orderings of Le, Pop, Cohen
** and Zappa Nardelli (PPoPP'13), written with seq_cst accesses where the paper
** has seq_cst fences (lyr_atomic.h explains why; on x86 it is the same code):
**
**   push:  b = bottom(rlx); t = top(acq); grow if b - t > mask;
**          slot[b] = x (rlx); bottom = b + 1 (release)
**   pop:   b = bottom - 1; bottom = b (SEQ_CST: the paper's store+fence);
**          t = top (seq_cst); t < b: take slot[b]; t == b: CAS top t->t+1
**          to race the thieves for the last item, then bottom = b + 1;
**          t > b: empty, bottom = b + 1
**   steal: t = top (seq_cst); b = bottom (seq_cst, acquire);
**          t < b: x = buf->slot[t] (buf acquire, slot rlx); CAS top t->t+1
**
** The seq_cst store of bottom in pop and the seq_cst loads in steal order
** "owner claims the last slot" against "thief reads bottom": a thief that read
** the old bottom must also win or lose the CAS on top, so each item is taken
** exactly once.  (The notes measured a duplicate on x86 with the fence removed.)
** Slots are atomics because a thief may read a slot the owner is overwriting
** after wrap-around; such a thief then fails its CAS and discards the value.
**
** Growth: the owner copies [t, b) into a buffer twice as large and publishes
** it with a release store.  A thief holding the old buffer still reads valid
** items there (the owner never writes an old buffer again), so old buffers are
** kept on a list and freed at destroy: total memory stays below 2x the largest
** buffer.  The buffer never shrinks.
*/
#include <stdlib.h>

#include "lyr_deque.h"

static LyrDequeBuf *buf_new(int64_t cap) {
  LyrDequeBuf *a = malloc(sizeof *a + (size_t)cap * sizeof(_Atomic(void *)));
  if (!a) return NULL;
  a->mask = cap - 1;
  a->older = NULL;
  for (int64_t i = 0; i < cap; i++) atomic_init(&a->slot[i], NULL);
  return a;
}

LyrStatus lyr_deque_init(LyrDeque *d, unsigned log2cap) {
  if (log2cap > 40) return LYR_INVAL;
  LyrDequeBuf *a = buf_new((int64_t)1 << log2cap);
  if (!a) return LYR_NOMEM;
  atomic_init(&d->top, 0);
  atomic_init(&d->bottom, 0);
  atomic_init(&d->buf, a);
  return LYR_OK;
}

void lyr_deque_destroy(LyrDeque *d) {
  LyrDequeBuf *a = lyr_ld_rlx(&d->buf);
  while (a) {
    LyrDequeBuf *o = a->older;
    free(a);
    a = o;
  }
  atomic_store_explicit(&d->buf, NULL, memory_order_relaxed);
}

static LyrDequeBuf *grow(LyrDeque *d, LyrDequeBuf *a, int64_t t, int64_t b) {
  LyrDequeBuf *n = buf_new(2 * (a->mask + 1));
  if (!n) return NULL;
  for (int64_t i = t; i < b; i++)
    lyr_st_rlx(&n->slot[i & n->mask], lyr_ld_rlx(&a->slot[i & a->mask]));
  n->older = a;
  lyr_st_rel(&d->buf, n);
  return n;
}

LyrStatus lyr_deque_push(LyrDeque *d, void *x) {
  int64_t b = lyr_ld_rlx(&d->bottom);
  int64_t t = lyr_ld_acq(&d->top);
  LyrDequeBuf *a = lyr_ld_rlx(&d->buf);
  if (b - t > a->mask) {
    a = grow(d, a, t, b);
    if (!a) return LYR_NOMEM;
  }
  lyr_st_rlx(&a->slot[b & a->mask], x);
  lyr_st_rel(&d->bottom, b + 1);
  return LYR_OK;
}

void *lyr_deque_pop(LyrDeque *d) {
  int64_t b = lyr_ld_rlx(&d->bottom) - 1;
  LyrDequeBuf *a = lyr_ld_rlx(&d->buf);
  lyr_st_sc(&d->bottom, b);
  int64_t t = lyr_ld_sc(&d->top);
  if (t > b) {
    lyr_st_rlx(&d->bottom, b + 1);
    return NULL;
  }
  void *x = lyr_ld_rlx(&a->slot[b & a->mask]);
  if (t == b) {
    if (!lyr_cas_sc(&d->top, &t, t + 1)) x = NULL;
    lyr_st_rlx(&d->bottom, b + 1);
  }
  return x;
}

LyrStatus lyr_deque_steal(LyrDeque *d, void **out) {
  int64_t t = lyr_ld_sc(&d->top);
  int64_t b = lyr_ld_sc(&d->bottom);
  if (t >= b) return LYR_EMPTY;
  LyrDequeBuf *a = lyr_ld_acq(&d->buf);
  void *x = lyr_ld_rlx(&a->slot[t & a->mask]);
  if (!lyr_cas_sc(&d->top, &t, t + 1)) return LYR_BUSY;
  *out = x;
  return LYR_OK;
}
