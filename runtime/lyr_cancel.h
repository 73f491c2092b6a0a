/*
** lyr_cancel.h -- cancellation tokens: a tree with optional deadlines.
**
** A token is checked at safe points with one acquire load (lyr_cancel_is_set,
** inline, lock-free).  Firing a token fires every descendant; a child created
** under a fired parent is born fired.  A deadline is turned into a timer that
** fires the token (reason LYR_CANCEL_DEADLINE), so checking a deadline costs no
** clock read on the fast path.  A child's effective deadline is the earlier of
** its own and its parent's.
**
** Tokens are refcounted: a child holds a reference to its parent; the parent
** keeps a weak, lock-protected list of its live children.
*/
#ifndef LYR_CANCEL_H
#define LYR_CANCEL_H

#include <pthread.h>
#include <stdint.h>

#include "lyr_atomic.h"
#include "lyr_status.h"

/* Reasons stored in the token (0 = not cancelled). */
enum { LYR_CANCEL_NONE = 0, LYR_CANCEL_USER = 1, LYR_CANCEL_DEADLINE = 2,
       LYR_CANCEL_SHUTDOWN = 3 };

typedef struct LyrCancel {
  _Atomic uint32_t reason; /* first field: the fast-path check reads only this */
  _Atomic uint32_t refs;
  int64_t deadline;        /* effective absolute deadline, LYR_DEADLINE_NEVER if none */
  struct LyrCancel *parent;
  struct LyrTimer *timer;  /* set when own deadline < parent's */
  pthread_mutex_t mu;      /* guards the children list below */
  struct LyrCancel *first_child, *next_sib, *prev_sib; /* siblings: parent->mu */
} LyrCancel;

/* Creates a token, child of parent (may be NULL), with an absolute deadline
** (LYR_DEADLINE_NEVER for none; a past deadline gives a fired token).  The
** caller owns one reference.  Any thread.  LYR_NOMEM, LYR_SYSERR. */
LyrStatus lyr_cancel_new(LyrCancel *parent, int64_t deadline, LyrCancel **out);

/* Reference counting.  Any thread.  The last release unlinks the token from
** its parent, stops its timer (waiting if it is firing), and frees it. */
void lyr_cancel_retain(LyrCancel *c);
void lyr_cancel_release(LyrCancel *c);

/* Fires c and all its descendants with the given reason (>0); a token fires
** once, later calls do nothing.  Any thread; takes per-token locks briefly;
** never blocks on waiters (sleepers notice within LYR_CANCEL_POLL_NS). */
void lyr_cancel_fire(LyrCancel *c, uint32_t reason);

/* 0 if not fired, else the reason.  NULL-safe.  Any thread, lock-free: one
** acquire load.  Call it at safe points. */
static inline uint32_t lyr_cancel_is_set(const LyrCancel *c) {
  return c ? atomic_load_explicit(&((LyrCancel *)c)->reason, memory_order_acquire) : 0;
}

/* Effective deadline (NEVER if none). NULL-safe. Any thread. */
static inline int64_t lyr_cancel_deadline(const LyrCancel *c) {
  return c ? c->deadline : INT64_MAX;
}

#endif
