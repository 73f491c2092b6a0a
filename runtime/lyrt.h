/*
** lyrt.h -- umbrella header of Lyra's runtime layer (runtime/).
**
** The runtime moves void * tasks and bytes and knows nothing of expressions.
** What the layer above uses:
**   lyr_status.h  status codes (every fallible call returns one)
**   lyr_time.h    monotonic ns clock, absolute deadlines
**   lyr_cancel.h  cancellation token trees with deadlines
**   lyr_timer.h   one-shot timers on a lazily started timer thread
**   lyr_pool.h    work-stealing pool, tasks, waits, blocking regions, stats
**   lyr_chan.h    bounded MPMC channels (capacity >= 0), select
**   lyr_arena.h   thread-local NUMA arenas with a lua_Alloc-style allocator
**   lyr_topo.h    hwloc topology, placement plans, binding, NUMA memory
** Lower-level building blocks (usable on their own):
**   lyr_deque.h   Chase-Lev deque;  lyr_ring.h  lock-free bounded ring;
**   lyr_park.h    futex / ck_ec / LyrEvent parking;  lyr_atomic.h  orderings
*/
#ifndef LYRT_H
#define LYRT_H

#include "lyr_arena.h"
#include "lyr_cancel.h"
#include "lyr_chan.h"
#include "lyr_deque.h"
#include "lyr_park.h"
#include "lyr_pool.h"
#include "lyr_ring.h"
#include "lyr_status.h"
#include "lyr_time.h"
#include "lyr_timer.h"
#include "lyr_topo.h"

#endif
