/* bench_chan.c -- channel throughput and ping-pong latency against the raw
** lock-free ring (try + sched_yield, no blocking) and against a classic
** mutex + two condition variables bounded queue. */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>

#include "bench_util.h"
#include "lyr_chan.h"
#include "lyr_ring.h"

/* ---- mutex + condvar bounded queue ---- */
typedef struct MQ {
  pthread_mutex_t mu;
  pthread_cond_t not_empty, not_full;
  void **buf;
  size_t cap, head, len;
} MQ;

static void mq_init(MQ *q, size_t cap) {
  pthread_mutex_init(&q->mu, NULL);
  pthread_cond_init(&q->not_empty, NULL);
  pthread_cond_init(&q->not_full, NULL);
  q->buf = malloc(cap * sizeof *q->buf);
  q->cap = cap;
  q->head = q->len = 0;
}
static void mq_free(MQ *q) {
  free(q->buf);
  pthread_mutex_destroy(&q->mu);
  pthread_cond_destroy(&q->not_empty);
  pthread_cond_destroy(&q->not_full);
}
static void mq_send(MQ *q, void *v) {
  pthread_mutex_lock(&q->mu);
  while (q->len == q->cap) pthread_cond_wait(&q->not_full, &q->mu);
  q->buf[(q->head + q->len++) % q->cap] = v;
  pthread_cond_signal(&q->not_empty);
  pthread_mutex_unlock(&q->mu);
}
static void *mq_recv(MQ *q) {
  pthread_mutex_lock(&q->mu);
  while (q->len == 0) pthread_cond_wait(&q->not_empty, &q->mu);
  void *v = q->buf[q->head];
  q->head = (q->head + 1) % q->cap;
  q->len--;
  pthread_cond_signal(&q->not_full);
  pthread_mutex_unlock(&q->mu);
  return v;
}

enum { KIND_CHAN, KIND_RING, KIND_MQ };
static const char *kind_name[] = { "chan", "ring", "mutex" };

typedef struct Q {
  int kind;
  LyrChan *ch;
  LyrRing ring;
  MQ mq;
} Q;

static void q_init(Q *q, int kind, size_t cap) {
  q->kind = kind;
  if (kind == KIND_CHAN) lyr_chan_new(cap, NULL, NULL, &q->ch);
  else if (kind == KIND_RING) lyr_ring_init(&q->ring, cap);
  else mq_init(&q->mq, cap);
}
static void q_free(Q *q) {
  if (q->kind == KIND_CHAN) lyr_chan_release(q->ch);
  else if (q->kind == KIND_RING) lyr_ring_destroy(&q->ring);
  else mq_free(&q->mq);
}
static inline void q_send(Q *q, void *v) {
  if (q->kind == KIND_CHAN) lyr_chan_send(q->ch, v, LYR_DEADLINE_NEVER, NULL);
  else if (q->kind == KIND_RING) {
    while (lyr_ring_try_push(&q->ring, v) != LYR_OK) sched_yield();
  } else mq_send(&q->mq, v);
}
static inline void *q_recv(Q *q) {
  void *v = NULL;
  if (q->kind == KIND_CHAN) lyr_chan_recv(q->ch, &v, LYR_DEADLINE_NEVER, NULL);
  else if (q->kind == KIND_RING) {
    while (lyr_ring_try_pop(&q->ring, &v) != LYR_OK) sched_yield();
  } else v = mq_recv(&q->mq);
  return v;
}

/* ---- throughput ---- */
static Q g_q;
static long g_per;

static void *producer(void *arg) {
  (void)arg;
  for (long i = 0; i < g_per; i++) q_send(&g_q, (void *)(uintptr_t)(i + 1));
  return NULL;
}
static void *consumer(void *arg) {
  long n = (long)(intptr_t)arg;
  for (long i = 0; i < n; i++) (void)q_recv(&g_q);
  return NULL;
}

static double throughput(int kind, int P, int C, size_t cap, long items) {
  q_init(&g_q, kind, cap);
  g_per = items / P;
  long total = g_per * P;
  pthread_t pt[16], ct[16];
  int64_t t0 = lyr_now_ns();
  for (int i = 0; i < C; i++)
    pthread_create(&ct[i], NULL, consumer, (void *)(intptr_t)(total / C + (i < total % C)));
  for (int i = 0; i < P; i++) pthread_create(&pt[i], NULL, producer, NULL);
  for (int i = 0; i < P; i++) pthread_join(pt[i], NULL);
  for (int i = 0; i < C; i++) pthread_join(ct[i], NULL);
  double el = (double)(lyr_now_ns() - t0);
  q_free(&g_q);
  return (double)total / el * 1e3; /* Mitems/s */
}

/* ---- ping-pong ---- */
static Q g_a, g_b;
static long g_rounds;
static void *ponger(void *arg) {
  (void)arg;
  for (long i = 0; i < g_rounds; i++) q_send(&g_b, q_recv(&g_a));
  return NULL;
}
static double pingpong(int kind, size_t cap, long rounds) {
  q_init(&g_a, kind, cap);
  q_init(&g_b, kind, cap);
  g_rounds = rounds;
  pthread_t th;
  pthread_create(&th, NULL, ponger, NULL);
  int64_t t0 = lyr_now_ns();
  for (long i = 0; i < rounds; i++) {
    q_send(&g_a, (void *)1);
    (void)q_recv(&g_b);
  }
  double el = (double)(lyr_now_ns() - t0);
  pthread_join(th, NULL);
  q_free(&g_a);
  q_free(&g_b);
  return el / (double)rounds; /* ns per round trip */
}

int main(int argc, char **argv) {
  long items = argc > 1 ? atol(argv[1]) : 1000000;
  int reps = bench_reps();
  static const struct { int P, C; size_t cap; } cfgs[] = {
    { 1, 1, 1024 }, { 2, 2, 1024 }, { 2, 2, 16 }, { 4, 4, 64 },
  };
  printf("channel throughput (Mitems/s) and ping-pong (ns/round trip), median of %d\n", reps);
  char name[96];
  for (size_t c = 0; c < sizeof cfgs / sizeof cfgs[0]; c++) {
    double med[3];
    for (int k = 0; k < 3; k++) {
      double v[99];
      for (int r = 0; r < reps; r++) v[r] = throughput(k, cfgs[c].P, cfgs[c].C, cfgs[c].cap, items);
      med[k] = bench_median(v, reps);
      snprintf(name, sizeof name, "chan.tput.%dP%dC.cap%zu.%s", cfgs[c].P, cfgs[c].C, cfgs[c].cap,
               kind_name[k]);
      bench_report(name, med[k], "Mitems/s");
    }
    snprintf(name, sizeof name, "chan.tput.%dP%dC.cap%zu.chan_over_mutex", cfgs[c].P, cfgs[c].C,
             cfgs[c].cap);
    bench_report(name, med[KIND_CHAN] / med[KIND_MQ], "x");
    snprintf(name, sizeof name, "chan.tput.%dP%dC.cap%zu.chan_over_ring", cfgs[c].P, cfgs[c].C,
             cfgs[c].cap);
    bench_report(name, med[KIND_CHAN] / med[KIND_RING], "x");
  }
  double med[3];
  for (int k = 0; k < 3; k++) {
    double v[99];
    for (int r = 0; r < reps; r++) v[r] = pingpong(k, 1, items / 20);
    med[k] = bench_median(v, reps);
    snprintf(name, sizeof name, "chan.pingpong.cap1.%s", kind_name[k]);
    bench_report(name, med[k], "ns");
  }
  bench_report("chan.pingpong.cap1.chan_over_mutex", med[KIND_CHAN] / med[KIND_MQ], "x");
  bench_report("chan.pingpong.cap1.chan_over_ring", med[KIND_CHAN] / med[KIND_RING], "x");
  {
    double v[99];
    for (int r = 0; r < reps; r++) v[r] = pingpong(KIND_CHAN, 0, items / 40);
    bench_report("chan.pingpong.rendezvous.chan", bench_median(v, reps), "ns");
  }
  return 0;
}
