/*
** lyr_arena.h -- thread-local, NUMA-local arenas with a lua_Alloc-style
** allocator (the VM's allocation funnel: old size passed in).
**
** An arena belongs to one owner thread (the one that created it, or the last
** to call lyr_arena_adopt).  The owner allocates, reallocates and frees with
** no atomics on the fast path: size-class free lists over large chunks that
** are allocated on the arena's NUMA node and first-touched by the owner.
**
** Blocks freed by another thread (a value handed from a worker VM to another
** VM) are pushed on a lock-free "remote free" stack and recycled by the owner
** at its next refill or reset; no other operation is allowed from a
** non-owner (allocation from a non-owner fails with NULL).
*/
#ifndef LYR_ARENA_H
#define LYR_ARENA_H

#include <stddef.h>

#include "lyr_status.h"
#include "lyr_topo.h"

typedef struct LyrArena LyrArena;

/* Largest size served from size classes; bigger blocks get their own
** NUMA-local mapping (tracked on a list, released by reset/free). */
#define LYR_ARENA_MAX_SMALL 32768
#define LYR_ARENA_DEFAULT_CHUNK (256 * 1024)

/* Creates an arena owned by the calling thread.  topo may be NULL (plain
** memory); numa < 0 = no node binding; chunk = first chunk size (0 = default;
** later chunks double up to 8 MiB).  No memory is reserved until the first
** allocation.  LYR_NOMEM, LYR_INVAL. */
LyrStatus lyr_arena_new(const LyrTopology *topo, int numa, size_t chunk, LyrArena **out);

/* Frees all chunks and large blocks.  The owner, or any thread once no other
** thread can touch the arena. */
void lyr_arena_free(LyrArena *a);

/* lua_Alloc-compatible: ud is the LyrArena.  nsize == 0 frees ptr (osize is
** its size) and returns NULL; ptr == NULL allocates nsize bytes (osize is
** ignored, as Lua passes a type tag there); otherwise reallocates, keeping
** min(osize, nsize) bytes.  Returns NULL on failure (ptr stays valid).
** Alignment 16.  Owner thread for everything; any thread may free (remote). */
void *lyr_arena_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

/* Forgets every block at once: O(number of size classes + large blocks),
** chunks are kept for reuse.  Owner only; no block of this arena may be used
** or freed (by anyone) afterwards. */
void lyr_arena_reset(LyrArena *a);

/* Makes the calling thread the owner (e.g. after handing an arena over). */
void lyr_arena_adopt(LyrArena *a);

/* Counters (relaxed snapshots, any thread). */
size_t lyr_arena_bytes_in_use(const LyrArena *a);   /* live bytes requested */
size_t lyr_arena_bytes_reserved(const LyrArena *a); /* chunks + large mappings */
int lyr_arena_numa(const LyrArena *a);

#endif
