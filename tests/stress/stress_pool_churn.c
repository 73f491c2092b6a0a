/* stress_pool_churn.c -- create and destroy pools 1,000 times (scaled under
** sanitizers), with work, nested waits, spare threads and both shutdown
** modes; no thread may survive (counted in /proc/self/task) and, under ASan,
** no memory may leak. */
#include <dirent.h>
#include <time.h>
#include <stdint.h>

#include "lyr_chan.h"
#include "lyr_pool.h"
#include "lyr_timer.h"
#include "rt_test.h"

static int thread_count(void) {
  DIR *d = opendir("/proc/self/task");
  int n = 0;
  if (!d) return -1;
  struct dirent *e;
  while ((e = readdir(d)))
    if (e->d_name[0] != '.') n++;
  closedir(d);
  return n;
}

static atomic_long done;
static void leaf(LyrTask *t, void *arg) {
  (void)t;
  (void)arg;
  atomic_fetch_add(&done, 1);
}
static void parent(LyrTask *t, void *arg) {
  (void)t;
  (void)arg;
  LyrTask kids[4];
  LyrPool *p = lyr_worker_pool(lyr_current_worker());
  for (int i = 0; i < 4; i++) {
    lyr_task_init(&kids[i], leaf, NULL, NULL, 0);
    lyr_pool_submit(p, &kids[i], LYR_DEADLINE_NEVER);
  }
  for (int i = 0; i < 4; i++) lyr_task_wait(&kids[i], LYR_DEADLINE_NEVER, NULL);
}
static void blocker(LyrTask *t, void *arg) {
  (void)t;
  void *x;
  lyr_chan_recv(arg, &x, lyr_deadline_in(2 * LYR_NS_PER_MS), NULL); /* enters a blocking region */
}

static int settled_count(int want) {
  int n = thread_count();
  for (int i = 0; i < 200 && n != want; i++) { /* exiting threads linger briefly */
    struct timespec ts = { 0, 10 * 1000 * 1000 };
    nanosleep(&ts, NULL);
    n = thread_count();
  }
  return n;
}

static void test_churn(void) {
  /* warm-up, so that helper threads of the C library or a sanitizer exist
  ** before we count */
  LyrPool *w0;
  if (lyr_pool_new(NULL, &w0) == LYR_OK) lyr_pool_free(w0);
  lyr_timer_quiesce(lyr_deadline_in(5 * LYR_NS_PER_S));
  int before = settled_count(-1);
  long n = rt_scaled(1000, 60);
  long expect = 0;
  atomic_store(&done, 0);
  for (long i = 0; i < n; i++) {
    LyrPoolConfig cfg;
    lyr_pool_config_init(&cfg);
    cfg.nworkers = 1 + (int)(i % 3);
    cfg.max_spares = (int)(i % 2);
    cfg.placement = (LyrPlacement)(i % 3);
    LyrPool *p;
    if (lyr_pool_new(&cfg, &p) != LYR_OK) {
      CHECK(0);
      continue;
    }
    LyrTask ts[3];
    LyrChan *ch = NULL;
    lyr_chan_new(0, NULL, NULL, &ch);
    lyr_task_init(&ts[0], parent, NULL, NULL, 0);
    lyr_task_init(&ts[1], blocker, ch, NULL, 0);
    lyr_task_init(&ts[2], leaf, NULL, NULL, 0);
    int k = i % 5 == 0 ? 3 : 1;
    for (int j = 0; j < k; j++) lyr_pool_submit(p, &ts[j], LYR_DEADLINE_NEVER);
    bool cancel = i % 7 == 3;
    if (!cancel) expect += k == 3 ? 5 : 4;
    if (i % 2) lyr_task_wait(&ts[0], LYR_DEADLINE_NEVER, NULL);
    lyr_pool_shutdown(p, cancel);
    for (int j = 0; j < k; j++) CHECK(lyr_task_state(&ts[j]) >= LYR_TASK_DONE);
    lyr_pool_free(p);
    lyr_chan_release(ch);
  }
  CHECK(atomic_load(&done) >= expect);
  lyr_timer_quiesce(lyr_deadline_in(5 * LYR_NS_PER_S));
  int after = settled_count(before);
  printf("  pools=%ld threads before=%d after=%d tasks=%ld\n", n, before, after,
         atomic_load(&done));
  CHECK_EQ(after, before);
}

int main(void) {
  RUN(test_churn);
  return rt_finish();
}
