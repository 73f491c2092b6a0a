/*
** lyr_topo.h -- machine topology (hwloc), worker placement plans, binding,
** and NUMA-local memory.
**
** The process topology is loaded once, honouring taskset/cgroup limits
** (IS_THISSYSTEM | RESTRICT_TO_CPUBINDING), and shared read-only.  Other
** topologies (synthetic descriptions, XML dumps) can be loaded for tests:
** on them binding and NUMA allocation are harmless no-ops, so the same code
** paths run on a 2-core build box.
**
** lyr_topo_plan is a pure function of (topology, nworkers, placement, seed):
** it decides every worker's PU, core, NUMA node and victim order, and is what
** the unit tests check on synthetic machines.
*/
#ifndef LYR_TOPO_H
#define LYR_TOPO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lyr_status.h"

typedef enum LyrPlacement {
  LYR_PLACE_NONE = 0,    /* no binding; the OS schedules */
  LYR_PLACE_COMPACT = 1, /* fill cores in logical order: package, NUMA, L3 */
  LYR_PLACE_SPREAD = 2   /* spread over the machine (hwloc_distrib) */
} LyrPlacement;

typedef struct LyrTopology LyrTopology;

/* source: NULL or "" = this system; "synthetic:<hwloc synthetic description>"
** (e.g. "synthetic:pack:2 numa:2 core:8 pu:2"); "xml:<path>".  Any thread.
** LYR_INVAL (bad description), LYR_NOMEM, LYR_SYSERR. */
LyrStatus lyr_topo_load(const char *source, LyrTopology **out);
void lyr_topo_free(LyrTopology *t);

/* The process topology, loaded on first call (thread-safe, ~3 ms), never
** freed.  NULL only if hwloc cannot load the machine.  Any thread. */
LyrTopology *lyr_topo_system(void);

/* Counts (>= 1 for pus/cores/numa; packages may be 0). Any thread. */
int lyr_topo_npus(const LyrTopology *t);
int lyr_topo_ncores(const LyrTopology *t);
int lyr_topo_nnuma(const LyrTopology *t);
int lyr_topo_npackages(const LyrTopology *t);
bool lyr_topo_is_thissystem(const LyrTopology *t);

typedef struct LyrWorkerPlace {
  int pu_os;        /* OS index of the PU to bind to; -1 = do not bind */
  int pu;           /* logical PU index; -1 if unbound */
  int core;         /* logical core index; -1 if unbound */
  int numa;         /* logical NUMA node index for memory; -1 = no binding */
  int package;      /* logical package index; -1 if none / unbound */
  int nvictims;     /* = nworkers - 1 */
  int *victims;     /* other workers, nearest first, shuffled within a class */
  int *victim_class;/* 0 = nearest class; increases with distance */
} LyrWorkerPlace;

typedef struct LyrPlan {
  int nworkers;
  LyrPlacement placement;
  LyrWorkerPlace *w;
} LyrPlan;

/* Plans nworkers (>= 1) workers.  Compact: worker i takes core i in logical
** order, then SMT siblings once every core has one.  Spread: hwloc_distrib
** over the whole machine.  None: no PU, no node, victims in seeded random
** order.  Victims are sorted by the depth of the common ancestor of the two
** PUs (same core, same L2/L3, same NUMA node, same package, machine), then
** shuffled within each class with a xorshift seeded by `seed`.  Pure; any
** thread.  LYR_INVAL, LYR_NOMEM. */
LyrStatus lyr_topo_plan(const LyrTopology *t, int nworkers, LyrPlacement placement,
                        uint64_t seed, LyrPlan **out);
void lyr_plan_free(LyrPlan *p);

/* Binds the calling thread to place->pu_os (no-op if -1).  LYR_OK or
** LYR_UNSUPPORTED if the OS refused (logged to stderr once per process). */
LyrStatus lyr_topo_bind_self(const LyrTopology *t, const LyrWorkerPlace *place);

/* len bytes bound to NUMA node `numa` (logical; -1 = anywhere), page
** aligned, not yet touched: first-touch from the thread that will use it.
** Falls back to unbound memory rather than failing.  NULL on OOM. */
void *lyr_topo_alloc_local(const LyrTopology *t, int numa, size_t len);
void lyr_topo_free_local(const LyrTopology *t, void *p, size_t len);

#endif
