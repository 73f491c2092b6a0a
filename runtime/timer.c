/*
** timer.c -- process-wide one-shot timers (lyr_timer.h).
**
** Threads: lyr_timer_start/stop from any thread; callbacks on the timer thread.
**
** Design: a binary min-heap of LyrTimer* ordered by deadline, guarded by one
** mutex, and a condition variable on CLOCK_MONOTONIC that the timer thread
** sleeps on until the earliest deadline (timed condvar waits are accurate to
** the scheduler's granularity, ~0.1 ms here, unlike ck_ec's backoff).  Timers
** are rare (one per deadline-carrying token or timeout), so a lock is right:
** nothing on a fast path ever touches this file.
**
** Invariants (under mu):
**  - t->heap_index >= 0  <=> t is armed and in heap[t->heap_index];
**  - running == t        <=> the timer thread is executing t's callback with mu
**    released; lyr_timer_stop(t) waits on done_cv until running != t;
**  - thread_alive        <=> a timer thread exists (it is detached, and clears
**    the flag under mu as its last action on shared state).
** The handle is freed only by lyr_timer_stop, so the timer thread never touches
** a freed timer: stop either removes it from the heap first or waits for the
** callback to finish.
*/
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include "lyr_time.h"
#include "lyr_timer.h"

struct LyrTimer {
  int64_t deadline;
  LyrTimerFn fn;
  void *arg;
  int heap_index; /* -1 when not armed */
};

static struct {
  pthread_mutex_t mu;
  pthread_cond_t cv;      /* wakes the timer thread: new earliest timer */
  pthread_cond_t done_cv; /* a callback finished, or the thread exited */
  pthread_once_t once;
  LyrTimer **heap;
  int n, cap;
  LyrTimer *running;
  pthread_t running_thread;
  bool thread_alive;
} T = { .mu = PTHREAD_MUTEX_INITIALIZER, .once = PTHREAD_ONCE_INIT };

static void timer_init_once(void) {
  pthread_condattr_t a;
  pthread_condattr_init(&a);
  pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
  pthread_cond_init(&T.cv, &a);
  pthread_cond_init(&T.done_cv, &a);
  pthread_condattr_destroy(&a);
}

static void heap_swap(int i, int j) {
  LyrTimer *a = T.heap[i];
  T.heap[i] = T.heap[j];
  T.heap[j] = a;
  T.heap[i]->heap_index = i;
  T.heap[j]->heap_index = j;
}

static void heap_up(int i) {
  while (i > 0) {
    int p = (i - 1) / 2;
    if (T.heap[p]->deadline <= T.heap[i]->deadline) break;
    heap_swap(i, p);
    i = p;
  }
}

static void heap_down(int i) {
  for (;;) {
    int l = 2 * i + 1, r = l + 1, m = i;
    if (l < T.n && T.heap[l]->deadline < T.heap[m]->deadline) m = l;
    if (r < T.n && T.heap[r]->deadline < T.heap[m]->deadline) m = r;
    if (m == i) return;
    heap_swap(i, m);
    i = m;
  }
}

static void heap_remove(LyrTimer *t) {
  int i = t->heap_index;
  T.n--;
  if (i != T.n) {
    T.heap[i] = T.heap[T.n];
    T.heap[i]->heap_index = i;
    heap_down(i);
    heap_up(i);
  }
  t->heap_index = -1;
}

static void *timer_main(void *unused) {
  (void)unused;
  pthread_mutex_lock(&T.mu);
  int64_t idle_since = lyr_now_ns();
  for (;;) {
    int64_t now = lyr_now_ns();
    if (T.n == 0) {
      if (now - idle_since >= LYR_TIMER_IDLE_NS) break;
      struct timespec ts = lyr_ns_to_timespec(idle_since + LYR_TIMER_IDLE_NS);
      pthread_cond_timedwait(&T.cv, &T.mu, &ts);
      continue;
    }
    LyrTimer *t = T.heap[0];
    if (t->deadline > now) {
      struct timespec ts = lyr_ns_to_timespec(t->deadline);
      pthread_cond_timedwait(&T.cv, &T.mu, &ts);
      continue;
    }
    heap_remove(t);
    T.running = t;
    T.running_thread = pthread_self();
    pthread_mutex_unlock(&T.mu);
    t->fn(t->arg);
    pthread_mutex_lock(&T.mu);
    T.running = NULL;
    pthread_cond_broadcast(&T.done_cv);
    idle_since = lyr_now_ns();
  }
  T.thread_alive = false;
  pthread_cond_broadcast(&T.done_cv);
  pthread_mutex_unlock(&T.mu);
  return NULL;
}

LyrStatus lyr_timer_start(int64_t deadline, LyrTimerFn fn, void *arg, LyrTimer **out) {
  if (!fn || !out) return LYR_INVAL;
  pthread_once(&T.once, timer_init_once);
  LyrTimer *t = malloc(sizeof *t);
  if (!t) return LYR_NOMEM;
  t->deadline = deadline;
  t->fn = fn;
  t->arg = arg;
  pthread_mutex_lock(&T.mu);
  if (T.n == T.cap) {
    int ncap = T.cap ? 2 * T.cap : 16;
    LyrTimer **h = realloc(T.heap, (size_t)ncap * sizeof *h);
    if (!h) {
      pthread_mutex_unlock(&T.mu);
      free(t);
      return LYR_NOMEM;
    }
    T.heap = h;
    T.cap = ncap;
  }
  if (!T.thread_alive) {
    pthread_t th;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    int e = pthread_create(&th, &a, timer_main, NULL);
    pthread_attr_destroy(&a);
    if (e) {
      pthread_mutex_unlock(&T.mu);
      free(t);
      return LYR_SYSERR;
    }
    T.thread_alive = true;
  }
  t->heap_index = T.n;
  T.heap[T.n++] = t;
  heap_up(t->heap_index);
  if (t->heap_index == 0) pthread_cond_signal(&T.cv);
  pthread_mutex_unlock(&T.mu);
  *out = t;
  return LYR_OK;
}

bool lyr_timer_stop(LyrTimer *t) {
  if (!t) return false;
  bool disarmed = false;
  pthread_mutex_lock(&T.mu);
  if (t->heap_index >= 0) {
    heap_remove(t);
    disarmed = true;
  } else if (T.running == t) {
    /* From the callback itself we must not wait for ourselves; the thread
    ** only compares the pointer after the callback returns. */
    bool self = pthread_equal(pthread_self(), T.running_thread);
    while (!self && T.running == t) pthread_cond_wait(&T.done_cv, &T.mu);
  }
  pthread_mutex_unlock(&T.mu);
  free(t);
  return disarmed;
}

int lyr_timer_pending(void) {
  pthread_mutex_lock(&T.mu);
  int n = T.n;
  pthread_mutex_unlock(&T.mu);
  return n;
}

LyrStatus lyr_timer_quiesce(int64_t deadline) {
  pthread_once(&T.once, timer_init_once);
  pthread_mutex_lock(&T.mu);
  LyrStatus st = LYR_OK;
  while (T.thread_alive) {
    if (deadline != LYR_DEADLINE_NEVER) {
      struct timespec ts = lyr_ns_to_timespec(deadline);
      if (pthread_cond_timedwait(&T.done_cv, &T.mu, &ts) == ETIMEDOUT) {
        st = T.thread_alive ? LYR_TIMEOUT : LYR_OK;
        break;
      }
    } else {
      pthread_cond_wait(&T.done_cv, &T.mu);
    }
  }
  pthread_mutex_unlock(&T.mu);
  return st;
}
