/*
** topo_hwloc.c -- hwloc backend of lyr_topo.h.
**
** Threads: lyr_topo_system is initialised under pthread_once; after loading,
** a topology is only read (hwloc allows concurrent readers), so every function
** may be called from any thread.  Binding affects only the calling thread.
**
** Invariants and traps (notes/ck-hwloc.md section 2 and E):
**  - NUMA nodes are memory children in hwloc 2.x, not ancestors of cores: a
**    PU's node is found by walking up to the first object with memory_arity > 0.
**  - Synthetic topologies may have no Package objects (ancestor lookups give
**    NULL), and hwloc_get_nbobjs_by_type may return 0 or -1: every count and
**    ancestor lookup here copes with both.
**  - The process topology is loaded with IS_THISSYSTEM|RESTRICT_TO_CPUBINDING
**    so taskset and cgroups are honoured; if HWLOC_SYNTHETIC/XML env vars make
**    it not "this system", binding silently becomes a no-op: we log that once.
**  - Memory: hwloc_alloc_membind(BIND, BYNODESET) without STRICT, so the
**    kernel falls back instead of failing; pages are not touched here.
*/
#include <hwloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lyr_atomic.h"
#include "lyr_topo.h"

struct LyrTopology {
  hwloc_topology_t h;
  int npus, ncores, nnuma, npackages;
  bool thissystem;
};

static int count_type(hwloc_topology_t h, hwloc_obj_type_t type) {
  int n = hwloc_get_nbobjs_by_type(h, type);
  return n < 0 ? 0 : n;
}

LyrStatus lyr_topo_load(const char *source, LyrTopology **out) {
  if (!out) return LYR_INVAL;
  LyrTopology *t = calloc(1, sizeof *t);
  if (!t) return LYR_NOMEM;
  if (hwloc_topology_init(&t->h) != 0) {
    free(t);
    return LYR_SYSERR;
  }
  hwloc_topology_set_io_types_filter(t->h, HWLOC_TYPE_FILTER_KEEP_NONE);
  int rc = 0;
  if (!source || !*source) {
    rc = hwloc_topology_set_flags(t->h, HWLOC_TOPOLOGY_FLAG_IS_THISSYSTEM |
                                            HWLOC_TOPOLOGY_FLAG_RESTRICT_TO_CPUBINDING);
  } else if (strncmp(source, "synthetic:", 10) == 0) {
    rc = hwloc_topology_set_synthetic(t->h, source + 10);
  } else if (strncmp(source, "xml:", 4) == 0) {
    rc = hwloc_topology_set_xml(t->h, source + 4);
  } else {
    rc = -1;
  }
  if (rc != 0 || hwloc_topology_load(t->h) != 0) {
    hwloc_topology_destroy(t->h);
    free(t);
    return LYR_INVAL;
  }
  t->npus = count_type(t->h, HWLOC_OBJ_PU);
  t->ncores = count_type(t->h, HWLOC_OBJ_CORE);
  t->nnuma = count_type(t->h, HWLOC_OBJ_NUMANODE);
  t->npackages = count_type(t->h, HWLOC_OBJ_PACKAGE);
  if (t->npus < 1) t->npus = 1;
  if (t->ncores < 1) t->ncores = t->npus;
  if (t->nnuma < 1) t->nnuma = 1;
  t->thissystem = hwloc_topology_is_thissystem(t->h) != 0;
  *out = t;
  return LYR_OK;
}

void lyr_topo_free(LyrTopology *t) {
  if (!t) return;
  hwloc_topology_destroy(t->h);
  free(t);
}

static pthread_once_t sys_once = PTHREAD_ONCE_INIT;
static LyrTopology *sys_topo;

static void sys_load(void) {
  if (lyr_topo_load(NULL, &sys_topo) != LYR_OK) {
    sys_topo = NULL;
    fprintf(stderr, "lyra: hwloc could not load the machine topology; workers run unbound\n");
  } else if (!sys_topo->thissystem) {
    fprintf(stderr, "lyra: hwloc topology is not this system (HWLOC_SYNTHETIC/XML set?); "
                    "binding is disabled\n");
  }
}

LyrTopology *lyr_topo_system(void) {
  pthread_once(&sys_once, sys_load);
  return sys_topo;
}

int lyr_topo_npus(const LyrTopology *t) { return t ? t->npus : 1; }
int lyr_topo_ncores(const LyrTopology *t) { return t ? t->ncores : 1; }
int lyr_topo_nnuma(const LyrTopology *t) { return t ? t->nnuma : 1; }
int lyr_topo_npackages(const LyrTopology *t) { return t ? t->npackages : 0; }
bool lyr_topo_is_thissystem(const LyrTopology *t) { return t && t->thissystem; }

/* ---- planning ------------------------------------------------------------ */

static int numa_of(hwloc_obj_t o) {
  for (; o; o = o->parent)
    if (o->memory_arity > 0 && o->memory_first_child) return (int)o->memory_first_child->logical_index;
  return -1;
}

static hwloc_obj_t pu_in_set(hwloc_topology_t h, hwloc_const_cpuset_t set, unsigned i) {
  return hwloc_get_obj_inside_cpuset_by_type(h, set, HWLOC_OBJ_PU, i);
}

static uint64_t xorshift(uint64_t *s) {
  uint64_t x = *s;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *s = x;
}

static void fill_place(const LyrTopology *t, LyrWorkerPlace *w, hwloc_obj_t pu) {
  w->pu_os = (int)pu->os_index;
  w->pu = (int)pu->logical_index;
  hwloc_obj_t core = hwloc_get_ancestor_obj_by_type(t->h, HWLOC_OBJ_CORE, pu);
  w->core = core ? (int)core->logical_index : w->pu;
  w->numa = numa_of(pu);
  hwloc_obj_t pkg = hwloc_get_ancestor_obj_by_type(t->h, HWLOC_OBJ_PACKAGE, pu);
  w->package = pkg ? (int)pkg->logical_index : -1;
}

typedef struct VictimKey {
  int worker;
  int depth;     /* common ancestor depth: larger = nearer */
  uint64_t rnd;  /* shuffle key within a class */
} VictimKey;

static int victim_cmp(const void *a, const void *b) {
  const VictimKey *x = a, *y = b;
  if (x->depth != y->depth) return x->depth > y->depth ? -1 : 1;
  if (x->rnd != y->rnd) return x->rnd < y->rnd ? -1 : 1;
  return x->worker - y->worker;
}

LyrStatus lyr_topo_plan(const LyrTopology *t, int n, LyrPlacement placement, uint64_t seed,
                        LyrPlan **out) {
  if (!out || n < 1 || n > 65536) return LYR_INVAL;
  if (!t) placement = LYR_PLACE_NONE;
  LyrPlan *p = calloc(1, sizeof *p);
  if (!p) return LYR_NOMEM;
  p->nworkers = n;
  p->placement = placement;
  p->w = calloc((size_t)n, sizeof *p->w);
  hwloc_obj_t *pus = calloc((size_t)n, sizeof *pus);
  VictimKey *keys = calloc((size_t)n, sizeof *keys);
  if (!p->w || !pus || !keys) goto nomem;
  for (int i = 0; i < n; i++) {
    p->w[i].nvictims = n - 1;
    p->w[i].victims = malloc((size_t)(n > 1 ? n - 1 : 1) * sizeof(int));
    p->w[i].victim_class = malloc((size_t)(n > 1 ? n - 1 : 1) * sizeof(int));
    if (!p->w[i].victims || !p->w[i].victim_class) goto nomem;
    p->w[i].pu_os = p->w[i].pu = p->w[i].core = p->w[i].numa = p->w[i].package = -1;
  }

  if (placement == LYR_PLACE_COMPACT) {
    int ncores = count_type(t->h, HWLOC_OBJ_CORE);
    for (int i = 0; i < n; i++) {
      hwloc_obj_t pu;
      if (ncores > 0) {
        hwloc_obj_t core = hwloc_get_obj_by_type(t->h, HWLOC_OBJ_CORE, (unsigned)(i % ncores));
        int k = hwloc_get_nbobjs_inside_cpuset_by_type(t->h, core->cpuset, HWLOC_OBJ_PU);
        pu = pu_in_set(t->h, core->cpuset, (unsigned)((i / ncores) % (k > 0 ? k : 1)));
      } else {
        pu = hwloc_get_obj_by_type(t->h, HWLOC_OBJ_PU, (unsigned)(i % t->npus));
      }
      pus[i] = pu;
    }
  } else if (placement == LYR_PLACE_SPREAD) {
    int m = n < t->npus ? n : t->npus;
    hwloc_bitmap_t *sets = calloc((size_t)m, sizeof *sets);
    if (!sets) goto nomem;
    hwloc_obj_t root = hwloc_get_root_obj(t->h);
    /* hwloc_distrib allocates the bitmaps itself (hwloc_bitmap_dup) */
    hwloc_distrib(t->h, &root, 1, sets, (unsigned)m, INT32_MAX, 0);
    for (int i = 0; i < n; i++) {
      int os = -1;
      if (sets[i % m]) {
        hwloc_bitmap_singlify(sets[i % m]);
        os = hwloc_bitmap_first(sets[i % m]);
      }
      pus[i] = os >= 0 ? hwloc_get_pu_obj_by_os_index(t->h, (unsigned)os) : NULL;
    }
    for (int i = 0; i < m; i++) hwloc_bitmap_free(sets[i]); /* NULL-safe */
    free(sets);
  }
  for (int i = 0; i < n; i++)
    if (pus[i]) fill_place(t, &p->w[i], pus[i]);

  /* Victim orders. */
  uint64_t rng = seed ? seed : 0x9E3779B97F4A7C15ull;
  for (int i = 0; i < n; i++) {
    int k = 0;
    for (int j = 0; j < n; j++) {
      if (j == i) continue;
      int depth = 0;
      if (pus[i] && pus[j]) {
        hwloc_obj_t a = hwloc_get_common_ancestor_obj(t->h, pus[i], pus[j]);
        depth = a ? a->depth : 0;
        if (pus[i] == pus[j]) depth = pus[i]->depth;
      }
      keys[k].worker = j;
      keys[k].depth = depth;
      keys[k].rnd = xorshift(&rng);
      k++;
    }
    qsort(keys, (size_t)k, sizeof *keys, victim_cmp);
    int cls = 0;
    for (int v = 0; v < k; v++) {
      if (v > 0 && keys[v].depth != keys[v - 1].depth) cls++;
      p->w[i].victims[v] = keys[v].worker;
      p->w[i].victim_class[v] = cls;
    }
  }
  free(pus);
  free(keys);
  *out = p;
  return LYR_OK;
nomem:
  free(pus);
  free(keys);
  lyr_plan_free(p);
  return LYR_NOMEM;
}

void lyr_plan_free(LyrPlan *p) {
  if (!p) return;
  if (p->w)
    for (int i = 0; i < p->nworkers; i++) {
      free(p->w[i].victims);
      free(p->w[i].victim_class);
    }
  free(p->w);
  free(p);
}

/* ---- binding and memory --------------------------------------------------- */

static _Atomic int bind_warned;

LyrStatus lyr_topo_bind_self(const LyrTopology *t, const LyrWorkerPlace *place) {
  if (!t || !place || place->pu_os < 0) return LYR_OK;
  hwloc_bitmap_t set = hwloc_bitmap_alloc();
  if (!set) return LYR_NOMEM;
  hwloc_bitmap_only(set, (unsigned)place->pu_os);
  int rc = hwloc_set_cpubind(t->h, set, HWLOC_CPUBIND_THREAD);
  hwloc_bitmap_free(set);
  if (rc != 0) {
    if (!atomic_exchange(&bind_warned, 1))
      fprintf(stderr, "lyra: binding a worker to PU %d was refused; workers run unbound\n",
              place->pu_os);
    return LYR_UNSUPPORTED;
  }
  return LYR_OK;
}

void *lyr_topo_alloc_local(const LyrTopology *t, int numa, size_t len) {
  if (!t) return NULL;
  if (numa >= 0) {
    hwloc_obj_t node = hwloc_get_obj_by_type(t->h, HWLOC_OBJ_NUMANODE, (unsigned)numa);
    if (node) {
      void *p = hwloc_alloc_membind(t->h, len, node->nodeset, HWLOC_MEMBIND_BIND,
                                    HWLOC_MEMBIND_BYNODESET);
      if (p) return p;
    }
  }
  return hwloc_alloc(t->h, len);
}

void lyr_topo_free_local(const LyrTopology *t, void *p, size_t len) {
  if (t && p) hwloc_free(t->h, p, len);
}
