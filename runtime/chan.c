/*
** chan.c -- bounded blocking channels (lyr_chan.h).
**
** Threads: every function from any thread; the last release with no thread
** blocked on the channel.
**
** Capacity >= 1: values live in a lock-free LyrRing.  Blocking uses two
** LyrEvent counts (lyr_park.h), not_empty (bumped after a successful push
** when someone watches it, waking one sleeper; all on close) and not_full
** (after a pop that leaves the ring at most half full: low water, see
** notify_not_full; a sender that finds the ring full sleeps at once instead
** of polling for the next free slot).  A blocked receiver does (the watch protocol of lyr_park.h):
**     snap = watch(not_empty); try_pop; if nothing: wait(not_empty, snap);
**     unwatch
** A push's tail CAS is seq_cst and precedes its check for watchers; the
** receiver's re-check reads tail seq_cst after registering.  So either the
** re-check sees the push (LYR_BUSY if claimed but not yet published: then it
** sleeps in short naps, park_busy) or the pusher sees the watcher and bumps, and
** a bump between the snapshot and the sleep makes the wait return: no wake-up
** is lost.  With nobody waiting a push or pop costs a plain load of the
** watcher count (no locked increment on a line the other side reads); the
** futex syscall happens only when someone sleeps.  Waking
** one sleeper per value is enough because every bump follows a completed
** publication and every woken thread retries before sleeping again.  (ck_ec's
** broadcast wakes were measured at 0.01 Mitems/s with 64 receivers on 2 cores;
** ck_ec is kept for the selectors' private counts and for worker parking.)
**
** Capacity 0 (rendezvous): no buffer.  `mu` guards two FIFO queues of parked
** senders and receivers; each waiter lives on its parker's stack and sleeps on
** its own futex word.  The thread that pairs with a waiter moves the value,
** stores the waiter's state (release) under mu, and wakes it after unlocking.
** A waiter that times out re-takes mu and removes itself only if nobody
** completed it meanwhile, so a value is never both delivered and reported as
** timed out.
**
** Select (recv_any): a selector registers a node (pointing at its private
** ck_ec) on every channel, then re-scans, then sleeps.  Senders check `nsel`
** (seq_cst load) after publishing and bump every registered selector.  The
** registration is a seq_cst RMW followed by a seq_cst read of the ring's tail
** (inside try_pop); the sender's tail CAS is seq_cst and precedes its nsel load,
** so either the selector sees the value (or a LYR_BUSY claim, on which it does
** not sleep) or the sender sees the registration.
*/
#include <stdlib.h>

#include "lyr_chan.h"
#include "lyr_park.h"
#include "lyr_pool.h"
#include "lyr_ring.h"

enum { W_WAITING = 0, W_DONE = 1, W_CLOSED = 2 };

typedef struct Waiter {
  struct Waiter *next;
  void *val;
  _Atomic uint32_t state;
} Waiter;

typedef struct SelNode {
  struct SelNode *next, *prev;
  struct ck_ec32 *ec;
} SelNode;

typedef struct WaitQ {
  Waiter *head, *tail;
} WaitQ;

struct LyrChan {
  LyrRing ring; /* cap >= 1 only */
  LYR_CACHE_ALIGNED LyrEvent not_empty;
  LYR_CACHE_ALIGNED LyrEvent not_full;
  LYR_CACHE_ALIGNED _Atomic int nsel;
  _Atomic uint32_t refs;
  _Atomic int closed;  /* rendezvous only (the ring has its own bit) */
  _Atomic size_t nsenders; /* rendezvous: parked senders */
  size_t cap;
  pthread_mutex_t mu;  /* rendezvous queues and selector list */
  WaitQ senders, receivers;
  SelNode *sel;
  LyrChanDrop drop;
  void *drop_ud;
};

enum { PRESPIN = 32 };

/* ---- helpers ----------------------------------------------------------- */

static void q_push(WaitQ *q, Waiter *w) {
  w->next = NULL;
  if (q->tail) q->tail->next = w;
  else q->head = w;
  q->tail = w;
}

static Waiter *q_pop(WaitQ *q) {
  Waiter *w = q->head;
  if (w) {
    q->head = w->next;
    if (!q->head) q->tail = NULL;
  }
  return w;
}

static int q_remove(WaitQ *q, Waiter *w) {
  Waiter *prev = NULL;
  for (Waiter *x = q->head; x; prev = x, x = x->next) {
    if (x != w) continue;
    if (prev) prev->next = x->next;
    else q->head = x->next;
    if (q->tail == x) q->tail = prev;
    return 1;
  }
  return 0;
}

static void notify_selectors_locked(LyrChan *ch) {
  for (SelNode *n = ch->sel; n; n = n->next) lyr_ec_signal(n->ec);
}

static void notify_selectors(LyrChan *ch) {
  if (!lyr_ld_sc(&ch->nsel)) return;
  pthread_mutex_lock(&ch->mu);
  notify_selectors_locked(ch);
  pthread_mutex_unlock(&ch->mu);
}

static LyrStatus park_ec(struct ck_ec32 *ec, uint32_t snap, int64_t deadline,
                         const LyrCancel *tok) {
  int entered = lyr_blocking_enter();
  LyrStatus st = lyr_ec_wait(ec, snap, deadline, tok);
  if (entered) lyr_blocking_exit();
  return st;
}

static LyrStatus park_ev(LyrEvent *ev, uint32_t snap, int64_t deadline, const LyrCancel *tok) {
  int entered = lyr_blocking_enter();
  LyrStatus st = lyr_event_wait(ev, snap, deadline, tok);
  if (entered) lyr_blocking_exit();
  return st;
}

/* Senders blocked on a full ring are woken when a pop leaves it at most
** half full (low water), not after every pop: a fast sender and a slower
** receiver otherwise meet once per value: the sender polls the full ring
** (head, the slot being freed) and refills each slot the moment it frees,
** so the ring's lines move between the cores on every value and the
** receiver runs at the speed of those transfers.  Measured with one
** interpreted Send and Receive per message between two VMs
** (bench/parallel/channel.ly): 2.5 M values/s before, 5.8 M after, the
** receiver's own rate.  A sender whose receiver stopped above low water is
** not left asleep: it naps at most FULL_NAP_NS at a time and re-checks
** (tests/unit/runtime/test_chan.c, test_low_water). */
#define FULL_NAP_NS (1000 * 1000)

static inline void notify_not_full(LyrChan *ch, int n) {
  if (!lyr_ld_sc(&ch->not_full.watchers)) return;
  if (ch->cap >= 4 && lyr_ring_len(&ch->ring) > ch->cap / 2) return;
  lyr_event_signal(&ch->not_full, n);
}

static LyrStatus park_full(LyrChan *ch, uint32_t snap, int64_t deadline, const LyrCancel *tok) {
  if (ch->cap < 4) return park_ev(&ch->not_full, snap, deadline, tok);
  int64_t step = lyr_deadline_in(FULL_NAP_NS);
  if (step >= deadline) return park_ev(&ch->not_full, snap, deadline, tok);
  LyrStatus st = park_ev(&ch->not_full, snap, step, tok);
  return st == LYR_TIMEOUT ? LYR_OK : st;   /* nap over: re-check */
}

/* ---- lifetime ----------------------------------------------------------- */

LyrStatus lyr_chan_new(size_t capacity, LyrChanDrop drop, void *drop_ud, LyrChan **out) {
  if (!out) return LYR_INVAL;
  LyrChan *ch = NULL;
  if (posix_memalign((void **)&ch, LYR_CACHELINE, sizeof *ch)) return LYR_NOMEM;
  *ch = (LyrChan){ 0 };
  ch->cap = capacity;
  if (capacity > 0) {
    LyrStatus st = lyr_ring_init(&ch->ring, capacity);
    if (st != LYR_OK) {
      free(ch);
      return st;
    }
  }
  lyr_event_init(&ch->not_empty);
  lyr_event_init(&ch->not_full);
  atomic_init(&ch->nsel, 0);
  atomic_init(&ch->refs, 1);
  atomic_init(&ch->closed, 0);
  atomic_init(&ch->nsenders, 0);
  pthread_mutex_init(&ch->mu, NULL);
  ch->drop = drop;
  ch->drop_ud = drop_ud;
  *out = ch;
  return LYR_OK;
}

void lyr_chan_retain(LyrChan *ch) { lyr_faa_rlx(&ch->refs, 1); }

void lyr_chan_release(LyrChan *ch) {
  if (!ch || atomic_fetch_sub_explicit(&ch->refs, 1, memory_order_acq_rel) != 1) return;
  if (ch->cap > 0) {
    void *v;
    LyrStatus st;
    while ((st = lyr_ring_try_pop(&ch->ring, &v)) == LYR_OK)
      if (ch->drop) ch->drop(v, ch->drop_ud);
    lyr_ring_destroy(&ch->ring);
  }
  pthread_mutex_destroy(&ch->mu);
  free(ch);
}

/* ---- rendezvous (capacity 0) ------------------------------------------- */

/* Waits for a parked waiter to be completed; handles timeout and cancel. */
static LyrStatus rv_wait(LyrChan *ch, WaitQ *q, Waiter *w, int64_t deadline,
                         const LyrCancel *tok) {
  /* A partner usually arrives within microseconds: spin briefly before the
  ** futex (a sleep/wake round trip costs 15-100 us on the CI VM). */
  for (int i = 0; i < 512 && lyr_ld_acq(&w->state) == W_WAITING; i++) lyr_cpu_relax();
  int entered = lyr_ld_acq(&w->state) == W_WAITING ? lyr_blocking_enter() : 0;
  LyrStatus st = LYR_OK;
  for (;;) {
    uint32_t s = lyr_ld_acq(&w->state);
    if (s != W_WAITING) break;
    if (lyr_cancel_is_set(tok)) st = LYR_CANCELLED;
    else if (deadline != LYR_DEADLINE_NEVER && lyr_now_ns() >= deadline) st = LYR_TIMEOUT;
    if (st != LYR_OK) {
      pthread_mutex_lock(&ch->mu);
      int removed = lyr_ld_acq(&w->state) == W_WAITING && q_remove(q, w);
      if (removed && q == &ch->senders) lyr_faa_rlx(&ch->nsenders, (size_t)-1);
      pthread_mutex_unlock(&ch->mu);
      if (removed) goto out;
      st = LYR_OK; /* completed concurrently: report what happened */
      continue;
    }
    int64_t step = deadline;
    if (tok) {
      int64_t poll = lyr_now_ns() + LYR_CANCEL_POLL_NS;
      if (poll < step) step = poll;
    }
    lyr_futex_wait(&w->state, W_WAITING, step);
  }
  st = lyr_ld_acq(&w->state) == W_DONE ? LYR_OK : LYR_CLOSED;
out:
  if (entered) lyr_blocking_exit();
  return st;
}

static LyrStatus rv_send(LyrChan *ch, void *v, int64_t deadline, const LyrCancel *tok,
                         int try_only) {
  pthread_mutex_lock(&ch->mu);
  if (lyr_ld_rlx(&ch->closed)) {
    pthread_mutex_unlock(&ch->mu);
    return LYR_CLOSED;
  }
  Waiter *r = q_pop(&ch->receivers);
  if (r) {
    r->val = v;
    lyr_st_rel(&r->state, W_DONE);
    pthread_mutex_unlock(&ch->mu);
    lyr_futex_wake(&r->state, 1);
    return LYR_OK;
  }
  if (try_only || (deadline != LYR_DEADLINE_NEVER && lyr_now_ns() >= deadline) ||
      lyr_cancel_is_set(tok)) {
    pthread_mutex_unlock(&ch->mu);
    return try_only ? LYR_FULL : lyr_cancel_is_set(tok) ? LYR_CANCELLED : LYR_TIMEOUT;
  }
  Waiter w = { .next = NULL, .val = v };
  atomic_init(&w.state, W_WAITING);
  q_push(&ch->senders, &w);
  lyr_faa_rlx(&ch->nsenders, 1);
  notify_selectors_locked(ch);
  pthread_mutex_unlock(&ch->mu);
  return rv_wait(ch, &ch->senders, &w, deadline, tok);
}

static LyrStatus rv_recv(LyrChan *ch, void **out, int64_t deadline, const LyrCancel *tok,
                         int try_only) {
  pthread_mutex_lock(&ch->mu);
  Waiter *s = q_pop(&ch->senders);
  if (s) {
    lyr_faa_rlx(&ch->nsenders, (size_t)-1);
    *out = s->val;
    lyr_st_rel(&s->state, W_DONE);
    pthread_mutex_unlock(&ch->mu);
    lyr_futex_wake(&s->state, 1);
    return LYR_OK;
  }
  if (lyr_ld_rlx(&ch->closed)) {
    pthread_mutex_unlock(&ch->mu);
    return LYR_CLOSED;
  }
  if (try_only || (deadline != LYR_DEADLINE_NEVER && lyr_now_ns() >= deadline) ||
      lyr_cancel_is_set(tok)) {
    pthread_mutex_unlock(&ch->mu);
    return try_only ? LYR_EMPTY : lyr_cancel_is_set(tok) ? LYR_CANCELLED : LYR_TIMEOUT;
  }
  Waiter w = { .next = NULL, .val = NULL };
  atomic_init(&w.state, W_WAITING);
  q_push(&ch->receivers, &w);
  pthread_mutex_unlock(&ch->mu);
  LyrStatus st = rv_wait(ch, &ch->receivers, &w, deadline, tok);
  if (st == LYR_OK) *out = w.val;
  return st;
}

/* ---- buffered (capacity >= 1) ------------------------------------------ */

static inline void after_push(LyrChan *ch) {
  lyr_event_notify(&ch->not_empty, 1);
  notify_selectors(ch);
}

/* Sleeps on ev for a re-check that saw LYR_BUSY: a neighbour has claimed a
** slot but its publication is not visible yet.  If it was preempted before
** publishing, its notify (which follows the publication) will see our watch
** and wake us; only while its publication sits in its store buffer -- a few
** nanoseconds -- can it have looked for watchers before we registered.  So
** we sleep like any waiter, but at most BUSY_NAP_NS at a time.  (Yielding
** in a loop instead made 64 consumers starve a preempted producer.) */
#define BUSY_NAP_NS (50 * 1000)
static LyrStatus park_busy(LyrEvent *ev, uint32_t snap, int64_t deadline, const LyrCancel *tok) {
  int64_t step = lyr_deadline_in(BUSY_NAP_NS);
  if (step >= deadline) return park_ev(ev, snap, deadline, tok);
  LyrStatus st = park_ev(ev, snap, step, tok);
  return st == LYR_TIMEOUT ? LYR_OK : st;   /* nap over: re-check */
}

LyrStatus lyr_chan_send(LyrChan *ch, void *v, int64_t deadline, const LyrCancel *tok) {
  if (ch->cap == 0) return rv_send(ch, v, deadline, tok, 0);
  for (int spin = 0;;) {
    LyrStatus st = lyr_ring_try_push(&ch->ring, v);
    if (st == LYR_OK) {
      after_push(ch);
      return LYR_OK;
    }
    if (st == LYR_CLOSED) return LYR_CLOSED;
    if (!(st == LYR_FULL && ch->cap >= 4) && spin++ < PRESPIN) {
      lyr_cpu_relax();
      continue;
    }
    uint32_t snap = lyr_event_watch(&ch->not_full);
    st = lyr_ring_try_push(&ch->ring, v);
    if (st == LYR_OK || st == LYR_CLOSED) {
      lyr_event_unwatch(&ch->not_full);
      if (st == LYR_OK) after_push(ch);
      return st;
    }
    st = st == LYR_BUSY ? park_busy(&ch->not_full, snap, deadline, tok) : park_full(ch, snap, deadline, tok);
    lyr_event_unwatch(&ch->not_full);
    if (st != LYR_OK) return st;
  }
}

/* try_pop, with LYR_BUSY mapped to *busy = 1 and LYR_EMPTY. */
static LyrStatus chan_try_recv(LyrChan *ch, void **out, int *busy) {
  if (ch->cap == 0) return rv_recv(ch, out, 0, NULL, 1);
  LyrStatus st = lyr_ring_try_pop(&ch->ring, out);
  if (st == LYR_OK) {
    notify_not_full(ch, 1);
    return LYR_OK;
  }
  if (st == LYR_BUSY) {
    *busy = 1;
    return LYR_EMPTY;
  }
  return st;
}

LyrStatus lyr_chan_recv(LyrChan *ch, void **out, int64_t deadline, const LyrCancel *tok) {
  if (ch->cap == 0) return rv_recv(ch, out, deadline, tok, 0);
  for (int spin = 0;;) {
    int busy = 0;
    LyrStatus st = chan_try_recv(ch, out, &busy);
    if (st != LYR_EMPTY) return st;
    if (spin++ < PRESPIN) {
      lyr_cpu_relax();
      continue;
    }
    busy = 0;
    uint32_t snap = lyr_event_watch(&ch->not_empty);
    st = chan_try_recv(ch, out, &busy);
    if (st != LYR_EMPTY) {
      lyr_event_unwatch(&ch->not_empty);
      return st;
    }
    st = busy ? park_busy(&ch->not_empty, snap, deadline, tok) : park_ev(&ch->not_empty, snap, deadline, tok);
    lyr_event_unwatch(&ch->not_empty);
    if (st != LYR_OK) return st;
  }
}

LyrStatus lyr_chan_send_many(LyrChan *ch, void *const *vals, size_t n, size_t *sent,
                             int64_t deadline, const LyrCancel *tok) {
  size_t k = 0;
  LyrStatus st = LYR_OK;
  if (ch->cap == 0) {
    while (k < n && (st = rv_send(ch, vals[k], deadline, tok, 0)) == LYR_OK) k++;
    *sent = k;
    return st;
  }
  for (int spin = 0; k < n;) {
    size_t k0 = k;
    while (k < n && (st = lyr_ring_try_push(&ch->ring, vals[k])) == LYR_OK) k++;
    if (k > k0) {
      lyr_event_notify(&ch->not_empty, (int)(k - k0 < INT32_MAX ? k - k0 : INT32_MAX));
      notify_selectors(ch);
      spin = 0;
      continue;
    }
    if (st == LYR_CLOSED) break;
    if (!(st == LYR_FULL && ch->cap >= 4) && spin++ < PRESPIN) {
      lyr_cpu_relax();
      continue;
    }
    uint32_t snap = lyr_event_watch(&ch->not_full);
    st = lyr_ring_try_push(&ch->ring, vals[k]);
    if (st == LYR_OK || st == LYR_CLOSED) {
      lyr_event_unwatch(&ch->not_full);
      if (st == LYR_CLOSED) break;
      k++;
      after_push(ch);
      continue;
    }
    st = st == LYR_BUSY ? park_busy(&ch->not_full, snap, deadline, tok) : park_full(ch, snap, deadline, tok);
    lyr_event_unwatch(&ch->not_full);
    if (st != LYR_OK) break;
  }
  *sent = k;
  return k == n ? LYR_OK : st;
}

LyrStatus lyr_chan_recv_many(LyrChan *ch, void **out, size_t max, size_t *got,
                             int64_t deadline, const LyrCancel *tok) {
  *got = 0;
  if (max == 0) return LYR_OK;
  LyrStatus st = lyr_chan_recv(ch, &out[0], deadline, tok);
  if (st != LYR_OK) return st;
  size_t k = 1;
  if (ch->cap == 0) {
    while (k < max && rv_recv(ch, &out[k], 0, NULL, 1) == LYR_OK) k++;
  } else {
    while (k < max && lyr_ring_try_pop(&ch->ring, &out[k]) == LYR_OK) k++;
    if (k > 1) notify_not_full(ch, (int)(k - 1 < INT32_MAX ? k - 1 : INT32_MAX));
  }
  *got = k;
  return LYR_OK;
}

LyrStatus lyr_chan_try_send(LyrChan *ch, void *v) {
  if (ch->cap == 0) return rv_send(ch, v, 0, NULL, 1);
  LyrStatus st = lyr_ring_try_push(&ch->ring, v);
  if (st == LYR_OK) after_push(ch);
  return st == LYR_BUSY ? LYR_FULL : st;
}

LyrStatus lyr_chan_try_recv(LyrChan *ch, void **out) {
  int busy = 0;
  return chan_try_recv(ch, out, &busy);
}

bool lyr_chan_close(LyrChan *ch) {
  bool did;
  if (ch->cap == 0) {
    pthread_mutex_lock(&ch->mu);
    did = !lyr_ld_rlx(&ch->closed);
    lyr_st_sc(&ch->closed, 1);
    Waiter *w, *wake = NULL;
    /* Complete every parked waiter with CLOSED; wake after unlocking. */
    while ((w = q_pop(&ch->senders)) || (w = q_pop(&ch->receivers))) {
      w->next = wake;
      wake = w;
    }
    lyr_st_rlx(&ch->nsenders, 0);
    /* Collect addresses first: a waiter may return (and its stack frame die)
    ** as soon as its state is stored. */
    enum { BATCH = 64 };
    _Atomic uint32_t *addrs[BATCH];
    int na = 0;
    while (wake) {
      Waiter *nx = wake->next;
      if (na == BATCH) {
        for (int i = 0; i < na; i++) lyr_futex_wake(addrs[i], 1);
        na = 0;
      }
      addrs[na++] = &wake->state;
      lyr_st_rel(&wake->state, W_CLOSED);
      wake = nx;
    }
    notify_selectors_locked(ch);
    pthread_mutex_unlock(&ch->mu);
    for (int i = 0; i < na; i++) lyr_futex_wake(addrs[i], 1);
    return did;
  }
  did = lyr_ring_close(&ch->ring);
  lyr_event_signal(&ch->not_empty, INT32_MAX);
  lyr_event_signal(&ch->not_full, INT32_MAX);
  notify_selectors(ch);
  return did;
}

bool lyr_chan_is_closed(const LyrChan *ch) {
  if (ch->cap == 0) return lyr_ld_acq(&((LyrChan *)ch)->closed) != 0;
  return lyr_ring_is_closed(&ch->ring);
}

size_t lyr_chan_len(const LyrChan *ch) {
  if (ch->cap == 0) return lyr_ld_rlx(&((LyrChan *)ch)->nsenders);
  return lyr_ring_len(&ch->ring);
}

size_t lyr_chan_capacity(const LyrChan *ch) { return ch->cap; }

/* ---- select ------------------------------------------------------------- */

static void sel_register(LyrChan *ch, SelNode *n) {
  pthread_mutex_lock(&ch->mu);
  n->prev = NULL;
  n->next = ch->sel;
  if (ch->sel) ch->sel->prev = n;
  ch->sel = n;
  lyr_faa_sc(&ch->nsel, 1);
  pthread_mutex_unlock(&ch->mu);
}

static void sel_unregister(LyrChan *ch, SelNode *n) {
  pthread_mutex_lock(&ch->mu);
  if (n->prev) n->prev->next = n->next;
  else ch->sel = n->next;
  if (n->next) n->next->prev = n->prev;
  lyr_fsub_sc(&ch->nsel, 1);
  pthread_mutex_unlock(&ch->mu);
}

/* One fair pass.  Returns LYR_OK, LYR_CLOSED (all closed and drained) or
** LYR_EMPTY; *busy is set when some value is mid-publication. */
static LyrStatus scan(LyrChan *const *chs, int n, int start, int *which, void **out,
                      int *busy) {
  int nclosed = 0;
  for (int k = 0; k < n; k++) {
    int i = (start + k) % n;
    LyrStatus st = chan_try_recv(chs[i], out, busy);
    if (st == LYR_OK) {
      *which = i;
      return LYR_OK;
    }
    if (st == LYR_CLOSED) nclosed++;
  }
  return nclosed == n ? LYR_CLOSED : LYR_EMPTY;
}

static _Atomic unsigned select_rotor;

LyrStatus lyr_chan_recv_any(LyrChan *const *chs, int n, int *which, void **out,
                            int64_t deadline, const LyrCancel *tok) {
  if (n < 1 || n > LYR_CHAN_SELECT_MAX || !which || !out) return LYR_INVAL;
  int start = (int)(lyr_faa_rlx(&select_rotor, 1) % (unsigned)n);
  SelNode local[8];
  SelNode *nodes = n <= 8 ? local : malloc((size_t)n * sizeof *nodes);
  if (!nodes) return LYR_NOMEM;
  struct ck_ec32 ec;
  ck_ec32_init(&ec, 0);
  LyrStatus st;
  for (int round = 0;; round++) {
    int busy = 0;
    st = scan(chs, n, (start + round) % n, which, out, &busy);
    if (st != LYR_EMPTY) break;
    if (busy || round < PRESPIN / 8) {
      lyr_cpu_relax();
      continue;
    }
    if (lyr_cancel_is_set(tok)) {
      st = LYR_CANCELLED;
      break;
    }
    if (deadline != LYR_DEADLINE_NEVER && lyr_now_ns() >= deadline) {
      st = LYR_TIMEOUT;
      break;
    }
    uint32_t snap = ck_ec32_value(&ec);
    for (int i = 0; i < n; i++) {
      nodes[i].ec = &ec;
      sel_register(chs[i], &nodes[i]);
    }
    busy = 0;
    st = scan(chs, n, (start + round) % n, which, out, &busy);
    int finished = st != LYR_EMPTY;
    if (!finished && !busy) {
      st = park_ec(&ec, snap, deadline, tok); /* OK = woken: scan again */
      finished = st != LYR_OK;
    }
    for (int i = 0; i < n; i++) sel_unregister(chs[i], &nodes[i]);
    if (finished) break;
  }
  if (nodes != local) free(nodes);
  return st;
}
