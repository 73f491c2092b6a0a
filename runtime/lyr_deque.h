/*
** lyr_deque.h -- Chase-Lev work-stealing deque of void * (growable).
**
** One owner thread pushes and pops at the bottom (LIFO); any number of
** thieves steal from the top (FIFO).  Items are opaque non-NULL pointers; the
** deque never dereferences them.  The struct is public so that a worker can
** embed it; treat the fields as private.
*/
#ifndef LYR_DEQUE_H
#define LYR_DEQUE_H

#include <stddef.h>
#include <stdint.h>

#include "lyr_atomic.h"
#include "lyr_status.h"

typedef struct LyrDequeBuf {
  int64_t mask;                  /* capacity - 1, capacity a power of two */
  struct LyrDequeBuf *older;     /* retired buffers, freed by lyr_deque_destroy */
  _Atomic(void *) slot[];
} LyrDequeBuf;

typedef struct LyrDeque {
  LYR_CACHE_ALIGNED _Atomic int64_t top;      /* thieves CAS it */
  LYR_CACHE_ALIGNED _Atomic int64_t bottom;   /* owner writes it */
  _Atomic(LyrDequeBuf *) buf;                 /* owner replaces it when growing */
  char pad_[LYR_CACHELINE - sizeof(int64_t) - sizeof(void *)];
} LyrDeque;

/* Initialises an empty deque with room for 2^log2cap items (grows on
** demand).  Any thread, before sharing.  LYR_NOMEM, LYR_INVAL. */
LyrStatus lyr_deque_init(LyrDeque *d, unsigned log2cap);

/* Frees all buffers, including retired ones.  No other thread may use d. */
void lyr_deque_destroy(LyrDeque *d);

/* Owner only.  Pushes x (non-NULL) at the bottom, growing the buffer if full.
** Never blocks.  LYR_NOMEM if the buffer cannot grow (x is not pushed). */
LyrStatus lyr_deque_push(LyrDeque *d, void *x);

/* Owner only.  Pops the most recently pushed item, or NULL if empty. */
void *lyr_deque_pop(LyrDeque *d);

/* Any thread.  Steals the oldest item into *out.  LYR_OK, LYR_EMPTY, or
** LYR_BUSY when it lost a race with another thief or the owner (try again
** or try another victim). */
LyrStatus lyr_deque_steal(LyrDeque *d, void **out);

/* Any thread.  A snapshot of the number of items (may be stale; >= 0). */
/* Owner only: the bottom index (items pushed from now on get indexes >= it;
** lyr_deque_pop takes index bottom - 1). */
static inline int64_t lyr_deque_bottom(const LyrDeque *d) {
  return atomic_load_explicit(&((LyrDeque *)d)->bottom, memory_order_relaxed);
}

static inline int64_t lyr_deque_size(const LyrDeque *d) {
  int64_t b = atomic_load_explicit(&((LyrDeque *)d)->bottom, memory_order_relaxed);
  int64_t t = atomic_load_explicit(&((LyrDeque *)d)->top, memory_order_relaxed);
  return b > t ? b - t : 0;
}

#endif
