/*
** cancel.c -- cancellation token tree (lyr_cancel.h).
**
** Threads: any.  Fast path: lyr_cancel_is_set is one acquire load of `reason`
** (inline in the header).  Firing: CAS reason 0 -> r (release, so what the
** canceller wrote before is visible to whoever observes the token), then walk
** the children under the token's mutex, depth first.
**
** Lock order: a parent's mu before a child's mu (fire holds the parent's while
** firing children; the child's fire takes its own).  Creation and destruction
** take only the parent's mu, so they never hold two locks.  A child being
** destroyed concurrently with its parent's fire is still on the list until
** it takes the parent's mu to unlink, so the walk never sees freed memory.
**
** Deadlines: when a token's own deadline is earlier than its parent's
** effective deadline, a timer (timer.c) fires it.  The timer does not own a
** reference: the last release stops the timer, and lyr_timer_stop waits for a
** running callback, so the callback never sees a freed token.
*/
#include <stdlib.h>

#include "lyr_cancel.h"
#include "lyr_time.h"
#include "lyr_timer.h"

static void fire_from_timer(void *arg) { lyr_cancel_fire(arg, LYR_CANCEL_DEADLINE); }

LyrStatus lyr_cancel_new(LyrCancel *parent, int64_t deadline, LyrCancel **out) {
  if (!out) return LYR_INVAL;
  LyrCancel *c = calloc(1, sizeof *c);
  if (!c) return LYR_NOMEM;
  atomic_init(&c->reason, LYR_CANCEL_NONE);
  atomic_init(&c->refs, 1);
  pthread_mutex_init(&c->mu, NULL);
  int64_t pdl = parent ? parent->deadline : LYR_DEADLINE_NEVER;
  c->deadline = deadline < pdl ? deadline : pdl;
  if (parent) {
    lyr_cancel_retain(parent);
    c->parent = parent;
    pthread_mutex_lock(&parent->mu);
    /* Checked under the parent's lock: a concurrent fire either already set
    ** the parent's reason (we see it here) or will walk the list after we
    ** link ourselves in. */
    uint32_t r = lyr_ld_acq(&parent->reason);
    if (r) atomic_store_explicit(&c->reason, r, memory_order_release);
    c->next_sib = parent->first_child;
    if (c->next_sib) c->next_sib->prev_sib = c;
    parent->first_child = c;
    pthread_mutex_unlock(&parent->mu);
  }
  if (deadline < pdl && !lyr_ld_rlx(&c->reason)) {
    if (deadline <= lyr_now_ns()) {
      lyr_cancel_fire(c, LYR_CANCEL_DEADLINE);
    } else {
      LyrStatus st = lyr_timer_start(deadline, fire_from_timer, c, &c->timer);
      if (st != LYR_OK) {
        c->timer = NULL;
        lyr_cancel_release(c);
        return st;
      }
    }
  }
  *out = c;
  return LYR_OK;
}

void lyr_cancel_retain(LyrCancel *c) { lyr_faa_rlx(&c->refs, 1); }

void lyr_cancel_release(LyrCancel *c) {
  if (!c) return;
  if (atomic_fetch_sub_explicit(&c->refs, 1, memory_order_acq_rel) != 1) return;
  if (c->timer) lyr_timer_stop(c->timer);
  LyrCancel *p = c->parent;
  if (p) {
    pthread_mutex_lock(&p->mu);
    if (c->prev_sib) c->prev_sib->next_sib = c->next_sib;
    else p->first_child = c->next_sib;
    if (c->next_sib) c->next_sib->prev_sib = c->prev_sib;
    pthread_mutex_unlock(&p->mu);
  }
  /* Children hold references to us, so none remain. */
  pthread_mutex_destroy(&c->mu);
  free(c);
  if (p) lyr_cancel_release(p);
}

void lyr_cancel_fire(LyrCancel *c, uint32_t reason) {
  if (!c || reason == 0) return;
  uint32_t zero = 0;
  if (!atomic_compare_exchange_strong_explicit(&c->reason, &zero, reason,
                                               memory_order_acq_rel, memory_order_acquire))
    return;
  pthread_mutex_lock(&c->mu);
  for (LyrCancel *k = c->first_child; k; k = k->next_sib) lyr_cancel_fire(k, reason);
  pthread_mutex_unlock(&c->mu);
}
