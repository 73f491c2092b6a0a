/* test_arena.c -- thread-local arenas: lua_Alloc contract, size classes,
** realloc, large blocks, O(1) reset, counters, remote frees, NUMA chunks. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "lyr_arena.h"
#include "lyr_topo.h"
#include "rt_test.h"

static void test_alloc_contract(void) {
  LyrArena *a;
  CHECK_EQ(lyr_arena_new(lyr_topo_system(), 0, 0, &a), LYR_OK);
  CHECK_EQ(lyr_arena_bytes_reserved(a), 0); /* lazy */
  CHECK(lyr_arena_alloc(a, NULL, 5, 0) == NULL);
  int ok = 1;
  enum { N = 3000 };
  static void *ps[N];
  static size_t sz[N];
  uint64_t rng = 7;
  size_t live = 0;
  for (int i = 0; i < N; i++) {
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    sz[i] = 1 + rng % (i % 10 == 0 ? 70000 : 600);
    ps[i] = lyr_arena_alloc(a, NULL, 0, sz[i]);
    ok &= ps[i] != NULL && ((uintptr_t)ps[i] & 15) == 0;
    memset(ps[i], (int)(i & 0xff), sz[i]);
    live += sz[i];
  }
  CHECK(ok);
  CHECK_EQ(lyr_arena_bytes_in_use(a), live);
  CHECK(lyr_arena_bytes_reserved(a) >= live);
  /* contents intact (no overlaps) */
  for (int i = 0; i < N; i++)
    for (size_t k = 0; k < sz[i]; k += 97) ok &= ((unsigned char *)ps[i])[k] == (i & 0xff);
  CHECK(ok);
  /* realloc keeps the prefix */
  for (int i = 0; i < N; i += 3) {
    size_t nsz = sz[i] * 2 + 1;
    void *q = lyr_arena_alloc(a, ps[i], sz[i], nsz);
    ok &= q != NULL;
    for (size_t k = 0; k < sz[i]; k += 31) ok &= ((unsigned char *)q)[k] == (i & 0xff);
    live += nsz - sz[i];
    ps[i] = q;
    sz[i] = nsz;
  }
  CHECK(ok);
  CHECK_EQ(lyr_arena_bytes_in_use(a), live);
  /* free half, allocate again: blocks are reused */
  size_t reserved = lyr_arena_bytes_reserved(a);
  for (int i = 0; i < N; i += 2) {
    CHECK(lyr_arena_alloc(a, ps[i], sz[i], 0) == NULL);
    live -= sz[i];
  }
  for (int i = 0; i < N; i += 2) {
    ps[i] = lyr_arena_alloc(a, NULL, 0, sz[i]);
    live += sz[i];
  }
  CHECK_EQ(lyr_arena_bytes_in_use(a), live);
  size_t large = 0;
  for (int i = 0; i < N; i += 2) large += sz[i] > LYR_ARENA_MAX_SMALL ? sz[i] + 8192 : 0;
  CHECK(lyr_arena_bytes_reserved(a) <= reserved + large);
  /* reset: everything forgotten, chunks kept */
  lyr_arena_reset(a);
  CHECK_EQ(lyr_arena_bytes_in_use(a), 0);
  size_t after = lyr_arena_bytes_reserved(a);
  CHECK(after > 0);
  void *x = lyr_arena_alloc(a, NULL, 0, 64);
  CHECK(x != NULL);
  CHECK_EQ(lyr_arena_bytes_reserved(a), after);
  lyr_arena_free(a);
}

static LyrArena *g_arena;
static void **g_blocks;
static int g_n;

static void *remote_freer(void *arg) {
  (void)arg;
  /* not the owner: allocation fails, frees are deferred */
  CHECK(lyr_arena_alloc(g_arena, NULL, 0, 32) == NULL);
  for (int i = 0; i < g_n; i++) lyr_arena_alloc(g_arena, g_blocks[i], i % 2 ? 48 : 40000, 0);
  return NULL;
}

static void test_remote_free(void) {
  CHECK_EQ(lyr_arena_new(NULL, -1, 64 * 1024, &g_arena), LYR_OK);
  g_n = 200;
  g_blocks = malloc((size_t)g_n * sizeof *g_blocks);
  for (int i = 0; i < g_n; i++) g_blocks[i] = lyr_arena_alloc(g_arena, NULL, 0, i % 2 ? 48 : 40000);
  size_t used = lyr_arena_bytes_in_use(g_arena);
  CHECK_EQ(used, 100 * 48 + 100 * 40000);
  pthread_t th;
  pthread_create(&th, NULL, remote_freer, NULL);
  pthread_join(th, NULL);
  /* the owner recycles remote frees when a class runs dry */
  for (int i = 0; i < 1000; i++) lyr_arena_alloc(g_arena, NULL, 0, 48);
  CHECK_EQ(lyr_arena_bytes_in_use(g_arena), 1000 * 48);
  free(g_blocks);
  lyr_arena_free(g_arena);
}

static void test_numa_chunks(void) {
  LyrTopology *t = NULL;
  CHECK_EQ(lyr_topo_load("synthetic:pack:2 numa:2 core:2 pu:1", &t), LYR_OK);
  LyrArena *a;
  CHECK_EQ(lyr_arena_new(t, 3, 0, &a), LYR_OK);
  CHECK_EQ(lyr_arena_numa(a), 3);
  void *p = lyr_arena_alloc(a, NULL, 0, 1000);
  CHECK(p != NULL);
  void *big = lyr_arena_alloc(a, NULL, 0, 1 << 20);
  CHECK(big != NULL);
  memset(big, 0, 1 << 20);
  lyr_arena_alloc(a, big, 1 << 20, 0);
  lyr_arena_free(a);
  lyr_topo_free(t);
}

int main(void) {
  RUN(test_alloc_contract);
  RUN(test_remote_free);
  RUN(test_numa_chunks);
  return rt_finish();
}
