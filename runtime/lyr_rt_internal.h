/*
** lyr_rt_internal.h -- declarations shared between the runtime's .c files only.
** Not part of the API: the layer above must not include it.
*/
#ifndef LYR_RT_INTERNAL_H
#define LYR_RT_INTERNAL_H

#include "lyr_deque.h"

/* Deque length with seq_cst loads: used in "last look before sleeping" sweeps
** that must be ordered after the sleeper's seq_cst registration. */
static inline int64_t lyr_deque_size_sc(LyrDeque *d) {
  int64_t t = lyr_ld_sc(&d->top);
  int64_t b = lyr_ld_sc(&d->bottom);
  return b > t ? b - t : 0;
}

#endif
