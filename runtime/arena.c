/*
** arena.c -- thread-local NUMA arenas (lyr_arena.h).
**
** Threads: the owner does everything; other threads may only free (remote
** free), and read counters.
**
** Layout: chunks (first LYR_ARENA_DEFAULT_CHUNK, doubling to 8 MiB) come from
** lyr_topo_alloc_local on the arena's NUMA node and are first-touched by the
** owner page by page, so the kernel places them on the owner's node even when
** membind is unavailable.  Small requests (<= 32 KiB) round up to one of 44
** size classes (16-byte steps to 256, then 4 steps per power of two) and are
** served from a per-class singly linked free list, else bumped from the
** current chunk.  There are no block headers: the VM tells us the old size.
** Large requests get their own mapping with a 32-byte header on a
** doubly-linked list (so reset can return them).
**
** Remote frees: a non-owner cannot touch the free lists, so it pushes the
** block (with its size written into the block itself: every block has >= 16
** bytes) on `remote`, a Treiber stack (CAS, release).  Only the owner pops,
** and it takes the whole stack with one exchange (acquire), so there is no ABA.
** The owner drains it when a size class is empty and at reset.  Identity of
** the owner is checked with pthread_equal on every free (a register compare
** after pthread_self's TLS load).
**
** Reset: rewinds to the first chunk, empties the free lists, returns large
** blocks and discards pending remote frees: O(classes + large blocks).
** Counters: in_use/reserved are written only by the owner (relaxed stores),
** remote frees are subtracted when the owner drains them.
*/
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lyr_arena.h"
#include "lyr_atomic.h"

#define NCLASSES 44
#define MAX_CHUNK ((size_t)8 << 20)
#define PAGE 4096

typedef struct Chunk {
  struct Chunk *next;
  size_t size; /* whole mapping, header included */
} Chunk;

typedef struct Large {
  struct Large *prev, *next;
  size_t size; /* mapping size */
  size_t pad_;
} Large;

typedef struct FreeBlock {
  struct FreeBlock *next;
} FreeBlock;

typedef struct RemoteBlock {
  struct RemoteBlock *next;
  size_t size;
} RemoteBlock;

struct LyrArena {
  FreeBlock *free[NCLASSES];
  char *bump, *limit;
  Chunk *chunks;    /* all chunks, oldest first */
  Chunk *cur;       /* chunk being bumped */
  Large *large;
  size_t next_chunk;
  const LyrTopology *topo;
  int numa;
  pthread_t owner;
  _Atomic size_t in_use, reserved;
  LYR_CACHE_ALIGNED _Atomic(RemoteBlock *) remote;
};

static inline int size_class(size_t s) {
  if (s <= 256) return s == 0 ? 0 : (int)((s + 15) >> 4) - 1;
  size_t m = s - 1;
  int p = 63 - __builtin_clzll((unsigned long long)m);
  return 16 + (p - 8) * 4 + (int)(m >> (p - 2)) - 4;
}

static inline size_t class_size(int c) {
  if (c < 16) return (size_t)(c + 1) << 4;
  int j = c - 16, p = 8 + j / 4;
  return (size_t)(j % 4 + 5) << (p - 2);
}

static void *map_local(LyrArena *a, size_t len) {
  if (a->topo) return lyr_topo_alloc_local(a->topo, a->numa, len);
  void *p = NULL;
  return posix_memalign(&p, PAGE, len) == 0 ? p : NULL;
}

static void unmap_local(LyrArena *a, void *p, size_t len) {
  if (a->topo) lyr_topo_free_local(a->topo, p, len);
  else free(p);
}

LyrStatus lyr_arena_new(const LyrTopology *topo, int numa, size_t chunk, LyrArena **out) {
  if (!out) return LYR_INVAL;
  LyrArena *a = NULL;
  if (posix_memalign((void **)&a, LYR_CACHELINE, sizeof *a)) return LYR_NOMEM;
  memset(a, 0, sizeof *a);
  a->topo = topo;
  a->numa = numa;
  a->next_chunk = chunk ? (chunk + PAGE - 1) & ~(size_t)(PAGE - 1) : LYR_ARENA_DEFAULT_CHUNK;
  a->owner = pthread_self();
  atomic_init(&a->in_use, 0);
  atomic_init(&a->reserved, 0);
  atomic_init(&a->remote, NULL);
  *out = a;
  return LYR_OK;
}

void lyr_arena_free(LyrArena *a) {
  if (!a) return;
  for (Large *l = a->large; l;) {
    Large *n = l->next;
    unmap_local(a, l, l->size);
    l = n;
  }
  for (Chunk *c = a->chunks; c;) {
    Chunk *n = c->next;
    unmap_local(a, c, c->size);
    c = n;
  }
  free(a);
}

void lyr_arena_adopt(LyrArena *a) { a->owner = pthread_self(); }

/* Moves bump to the next chunk that can hold `need` bytes, mapping one if
** none is left from before a reset. */
static int next_chunk(LyrArena *a, size_t need) {
  Chunk *c = a->cur ? a->cur->next : a->chunks;
  while (c && c->size - sizeof(Chunk) < need) c = c->next; /* skip small leftovers */
  if (!c) {
    size_t sz = a->next_chunk;
    while (sz - 64 < need) sz *= 2;
    c = map_local(a, sz);
    if (!c) return 0;
    /* first touch from the owner: the pages land on its NUMA node */
    for (size_t off = 0; off < sz; off += PAGE) ((volatile char *)c)[off] = 0;
    c->size = sz;
    c->next = NULL;
    if (a->cur) {
      /* append after the last chunk */
      Chunk *t = a->cur;
      while (t->next) t = t->next;
      t->next = c;
    } else if (a->chunks) {
      Chunk *t = a->chunks;
      while (t->next) t = t->next;
      t->next = c;
    } else {
      a->chunks = c;
    }
    lyr_counter_add(&a->reserved, sz);
    if (a->next_chunk < MAX_CHUNK) a->next_chunk *= 2;
  }
  a->cur = c;
  a->bump = (char *)c + 64; /* keep 16-byte (and cache-line) alignment */
  a->limit = (char *)c + c->size;
  return 1;
}

static void free_small(LyrArena *a, void *p, size_t size) {
  int c = size_class(size);
  FreeBlock *b = p;
  b->next = a->free[c];
  a->free[c] = b;
}

static void free_large(LyrArena *a, void *p) {
  Large *l = (Large *)p - 1;
  if (l->prev) l->prev->next = l->next;
  else a->large = l->next;
  if (l->next) l->next->prev = l->prev;
  lyr_counter_add(&a->reserved, -l->size);
  unmap_local(a, l, l->size);
}

static void owner_free(LyrArena *a, void *p, size_t size) {
  if (size > LYR_ARENA_MAX_SMALL) free_large(a, p);
  else free_small(a, p, size);
  lyr_counter_add(&a->in_use, -size);
}

/* Owner: recycles blocks freed by other threads. */
static int drain_remote(LyrArena *a) {
  if (!lyr_ld_rlx(&a->remote)) return 0;
  RemoteBlock *r = atomic_exchange_explicit(&a->remote, NULL, memory_order_acquire);
  int n = 0;
  while (r) {
    RemoteBlock *next = r->next;
    owner_free(a, r, r->size);
    r = next;
    n++;
  }
  return n;
}

static void *alloc_large(LyrArena *a, size_t n) {
  size_t len = (n + sizeof(Large) + PAGE - 1) & ~(size_t)(PAGE - 1);
  Large *l = map_local(a, len);
  if (!l) return NULL;
  l->size = len;
  l->prev = NULL;
  l->next = a->large;
  if (a->large) a->large->prev = l;
  a->large = l;
  lyr_counter_add(&a->reserved, len);
  return l + 1;
}

static void *alloc_small(LyrArena *a, size_t n) {
  int c = size_class(n);
  FreeBlock *b = a->free[c];
  if (b) {
    a->free[c] = b->next;
    return b;
  }
  if (drain_remote(a) && (b = a->free[c])) {
    a->free[c] = b->next;
    return b;
  }
  size_t cs = class_size(c);
  if ((size_t)(a->limit - a->bump) < cs) {
    /* put the tail of this chunk on the free lists instead of wasting it */
    while (a->bump && (size_t)(a->limit - a->bump) >= 16) {
      size_t rest = (size_t)(a->limit - a->bump);
      int k = size_class(rest);
      if (class_size(k) > rest) k--;
      free_small(a, a->bump, class_size(k));
      a->bump += class_size(k);
    }
    if (!next_chunk(a, cs)) return NULL;
  }
  void *p = a->bump;
  a->bump += cs;
  return p;
}

static void *arena_malloc(LyrArena *a, size_t n) {
  void *p = n > LYR_ARENA_MAX_SMALL ? alloc_large(a, n) : alloc_small(a, n);
  if (p) lyr_counter_add(&a->in_use, n);
  return p;
}

void *lyr_arena_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  LyrArena *a = ud;
  if (!pthread_equal(pthread_self(), a->owner)) {
    /* Non-owner: only frees are allowed (lyr_arena.h). */
    if (ptr && nsize == 0) {
      RemoteBlock *r = ptr;
      r->size = osize;
      RemoteBlock *head = lyr_ld_rlx(&a->remote);
      do r->next = head;
      while (!atomic_compare_exchange_weak_explicit(&a->remote, &head, r, memory_order_release,
                                                    memory_order_relaxed));
    }
    return NULL;
  }
  if (nsize == 0) {
    if (ptr) owner_free(a, ptr, osize);
    return NULL;
  }
  if (!ptr) return arena_malloc(a, nsize);
  /* realloc: stay in place when the size class does not change */
  if (osize <= LYR_ARENA_MAX_SMALL && nsize <= LYR_ARENA_MAX_SMALL &&
      size_class(osize) == size_class(nsize)) {
    lyr_counter_add(&a->in_use, nsize - osize);
    return ptr;
  }
  void *q = arena_malloc(a, nsize);
  if (!q) return NULL;
  memcpy(q, ptr, osize < nsize ? osize : nsize);
  owner_free(a, ptr, osize);
  return q;
}

void lyr_arena_reset(LyrArena *a) {
  atomic_exchange_explicit(&a->remote, NULL, memory_order_acquire);
  for (Large *l = a->large; l;) {
    Large *n = l->next;
    lyr_counter_add(&a->reserved, -l->size);
    unmap_local(a, l, l->size);
    l = n;
  }
  a->large = NULL;
  memset(a->free, 0, sizeof a->free);
  a->cur = NULL;
  a->bump = a->limit = NULL;
  lyr_st_rlx(&a->in_use, 0);
}

size_t lyr_arena_bytes_in_use(const LyrArena *a) {
  return a ? lyr_ld_rlx(&((LyrArena *)a)->in_use) : 0;
}

size_t lyr_arena_bytes_reserved(const LyrArena *a) {
  return a ? lyr_ld_rlx(&((LyrArena *)a)->reserved) : 0;
}

int lyr_arena_numa(const LyrArena *a) { return a->numa; }
