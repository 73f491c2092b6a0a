/* test_topo.c -- placement planner on synthetic topologies, plus the real
** machine: PUs, NUMA nodes and victim classes for Compact and Spread. */
#include <string.h>

#include "lyr_topo.h"
#include "rt_test.h"

static LyrTopology *load(const char *desc) {
  LyrTopology *t = NULL;
  CHECK_EQ(lyr_topo_load(desc, &t), LYR_OK);
  return t;
}

static void test_counts(void) {
  LyrTopology *t = load("synthetic:pack:2 numa:2 core:8 pu:2");
  CHECK_EQ(lyr_topo_npackages(t), 2);
  CHECK_EQ(lyr_topo_nnuma(t), 4);
  CHECK_EQ(lyr_topo_ncores(t), 32);
  CHECK_EQ(lyr_topo_npus(t), 64);
  CHECK(!lyr_topo_is_thissystem(t));
  lyr_topo_free(t);
  LyrTopology *bad = NULL;
  CHECK_EQ(lyr_topo_load("synthetic:bogus:3", &bad), LYR_INVAL);
  CHECK_EQ(lyr_topo_load("nonsense", &bad), LYR_INVAL);
}

static void test_compact(void) {
  LyrTopology *t = load("synthetic:pack:2 numa:2 core:8 pu:2");
  LyrPlan *p;
  CHECK_EQ(lyr_topo_plan(t, 40, LYR_PLACE_COMPACT, 1, &p), LYR_OK);
  int ok = 1;
  for (int i = 0; i < 32; i++) {
    /* one worker per core in logical order, first PU of each core */
    ok &= p->w[i].core == i;
    ok &= p->w[i].pu == 2 * i;
    ok &= p->w[i].numa == i / 8;
    ok &= p->w[i].package == i / 16;
  }
  CHECK(ok);
  /* then SMT siblings */
  CHECK_EQ(p->w[32].core, 0);
  CHECK_EQ(p->w[32].pu, 1);
  CHECK_EQ(p->w[39].pu, 15);
  /* victim classes of worker 0: its SMT sibling (w32) first, then its NUMA
  ** node, then its package, then the rest */
  LyrWorkerPlace *w0 = &p->w[0];
  CHECK_EQ(w0->nvictims, 39);
  CHECK_EQ(w0->victims[0], 32);
  CHECK_EQ(w0->victim_class[0], 0);
  int cls_ok = 1;
  for (int v = 0; v < w0->nvictims; v++) {
    int j = w0->victims[v], expect;
    if (j == 32) expect = 0;
    else if (p->w[j].numa == 0) expect = 1;
    else if (p->w[j].package == 0) expect = 2;
    else expect = 3;
    cls_ok &= w0->victim_class[v] == expect;
  }
  CHECK(cls_ok);
  /* a different seed shuffles within classes but keeps the classes */
  LyrPlan *q;
  CHECK_EQ(lyr_topo_plan(t, 40, LYR_PLACE_COMPACT, 99, &q), LYR_OK);
  int same = 1, classes = 1;
  for (int v = 0; v < 39; v++) {
    same &= q->w[0].victims[v] == w0->victims[v];
    classes &= q->w[0].victim_class[v] == w0->victim_class[v];
  }
  CHECK(!same);
  CHECK(classes);
  lyr_plan_free(q);
  lyr_plan_free(p);
  lyr_topo_free(t);
}

static void test_spread(void) {
  LyrTopology *t = load("synthetic:pack:2 numa:2 core:8 pu:2");
  LyrPlan *p;
  CHECK_EQ(lyr_topo_plan(t, 4, LYR_PLACE_SPREAD, 1, &p), LYR_OK);
  /* four workers land on the four NUMA nodes, one per node */
  int seen[4] = { 0 };
  for (int i = 0; i < 4; i++) {
    CHECK(p->w[i].numa >= 0 && p->w[i].numa < 4);
    if (p->w[i].numa >= 0 && p->w[i].numa < 4) seen[p->w[i].numa]++;
  }
  CHECK(seen[0] == 1 && seen[1] == 1 && seen[2] == 1 && seen[3] == 1);
  lyr_plan_free(p);
  CHECK_EQ(lyr_topo_plan(t, 6, LYR_PLACE_SPREAD, 1, &p), LYR_OK);
  static const int pu6[6] = { 0, 8, 16, 32, 40, 48 }; /* notes/ck-hwloc.md */
  static const int numa6[6] = { 0, 0, 1, 2, 2, 3 };
  for (int i = 0; i < 6; i++) {
    CHECK_EQ(p->w[i].pu, pu6[i]);
    CHECK_EQ(p->w[i].numa, numa6[i]);
  }
  lyr_plan_free(p);
  lyr_topo_free(t);
}

static void test_no_package_and_smt_off(void) {
  LyrTopology *t = load("synthetic:numa:2 core:4 pu:1");
  CHECK_EQ(lyr_topo_npackages(t), 0);
  CHECK_EQ(lyr_topo_nnuma(t), 2);
  LyrPlan *p;
  CHECK_EQ(lyr_topo_plan(t, 8, LYR_PLACE_COMPACT, 1, &p), LYR_OK);
  int ok = 1;
  for (int i = 0; i < 8; i++) {
    ok &= p->w[i].pu == i && p->w[i].core == i;
    ok &= p->w[i].numa == i / 4;
    ok &= p->w[i].package == -1;
  }
  CHECK(ok);
  /* worker 0: same-node victims (1,2,3) before the other node */
  for (int v = 0; v < 3; v++) CHECK(p->w[0].victims[v] >= 1 && p->w[0].victims[v] <= 3);
  for (int v = 3; v < 7; v++) CHECK(p->w[0].victims[v] >= 4);
  CHECK_EQ(p->w[0].victim_class[2], 0);
  CHECK_EQ(p->w[0].victim_class[3], 1);
  lyr_plan_free(p);
  /* more workers than PUs wrap around */
  CHECK_EQ(lyr_topo_plan(t, 10, LYR_PLACE_COMPACT, 1, &p), LYR_OK);
  CHECK_EQ(p->w[8].pu, 0);
  CHECK_EQ(p->w[9].pu, 1);
  CHECK_EQ(p->w[0].victims[0], 8); /* same PU = nearest */
  lyr_plan_free(p);
  CHECK_EQ(lyr_topo_plan(t, 10, LYR_PLACE_SPREAD, 1, &p), LYR_OK);
  for (int i = 0; i < 10; i++) CHECK(p->w[i].pu >= 0);
  lyr_plan_free(p);
  lyr_topo_free(t);
  /* NUMA at the package level */
  t = load("synthetic:pack:4 [numa] l3:2 core:6 pu:2");
  CHECK_EQ(lyr_topo_nnuma(t), 4);
  CHECK_EQ(lyr_topo_ncores(t), 48);
  CHECK_EQ(lyr_topo_plan(t, 48, LYR_PLACE_COMPACT, 1, &p), LYR_OK);
  CHECK_EQ(p->w[11].numa, 0);
  CHECK_EQ(p->w[12].numa, 1);
  CHECK_EQ(p->w[47].numa, 3);
  /* worker 0: the 5 others on its L3 first */
  for (int v = 0; v < 5; v++) CHECK(p->w[0].victims[v] >= 1 && p->w[0].victims[v] <= 5);
  lyr_plan_free(p);
  lyr_topo_free(t);
}

static void test_none_and_system(void) {
  LyrTopology *sys = lyr_topo_system();
  CHECK(sys != NULL);
  CHECK(lyr_topo_system() == sys);
  CHECK(lyr_topo_npus(sys) >= 1);
  LyrPlan *p;
  CHECK_EQ(lyr_topo_plan(sys, 3, LYR_PLACE_NONE, 7, &p), LYR_OK);
  for (int i = 0; i < 3; i++) {
    CHECK_EQ(p->w[i].pu_os, -1);
    CHECK_EQ(p->w[i].numa, -1);
    CHECK_EQ(p->w[i].nvictims, 2);
  }
  lyr_plan_free(p);
  CHECK_EQ(lyr_topo_plan(sys, 2, LYR_PLACE_COMPACT, 7, &p), LYR_OK);
  CHECK_EQ(lyr_topo_bind_self(sys, &p->w[0]), LYR_OK);
  void *m = lyr_topo_alloc_local(sys, p->w[0].numa, 1 << 20);
  CHECK(m != NULL);
  memset(m, 1, 1 << 20);
  lyr_topo_free_local(sys, m, 1 << 20);
  lyr_plan_free(p);
  CHECK_EQ(lyr_topo_plan(sys, 0, LYR_PLACE_COMPACT, 7, &p), LYR_INVAL);
}

int main(void) {
  RUN(test_counts);
  RUN(test_compact);
  RUN(test_spread);
  RUN(test_no_package_and_smt_off);
  RUN(test_none_and_system);
  return rt_finish();
}
