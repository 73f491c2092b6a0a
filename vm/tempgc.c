/*
 * tempgc.c — removing Module's locals that escaped, once nothing references
 * them any more.
 *
 * ly_scope_close (temps.c) removes a local at the end of its Module when
 * nothing made by the body refers to it.  A local that escaped -- returned,
 * stored in a definition, put in a kept value -- stays a symbol of the VM;
 * this file removes it later, when nothing reaches it, as Wolfram removes a
 * Temporary symbol whose reference count drops to zero.  Symbols are not
 * reference counted here (they are tagged words copied freely), so this is
 * a tracing collector over the VM's Temporary symbols only: expressions
 * keep their reference counts and are never touched.
 *
 * Where it runs.  C frames hold values the collector cannot see, so it runs
 * only where no frame can hold a candidate:
 *   - top-level points (lyv_gc_top): the end of the outermost ly_eval* call
 *     and between the statements of ly_eval_string, where no evaluation is
 *     under way (VMs in LY_COLLECT_ALL mode);
 *   - loop points (ly_loop_point, between iterations of Do, While, For):
 *     only the temporaries made since the loop began are candidates.  Every
 *     frame older than the loop was suspended when it began, so it holds
 *     nothing made since; the loop itself keeps nothing from one iteration
 *     to the next.
 *
 * Candidates: live temporaries of this VM made at or after the floor's
 * serial, neither locals of an open scope (PENDING) nor pinned (PINNED:
 * seen by another VM through ly_copy, or by the host as a bare symbol).
 *
 * Roots:
 *   - the definitions of every symbol but the candidates (own, down, up and
 *     sub values, messages, defaults, options).  A definition unchanged since
 *     the floor (version <= floor.defs) cannot hold a candidate: every change
 *     stamps the definition (defs.c), and the candidates are younger;
 *   - vm->holds: values handed to the host (API results, lyv_handout) and
 *     values C code keeps (ly_keep_symbols).  Each entry is a reference of
 *     the VM's own; an entry whose object has no other reference is dropped
 *     (nobody else can use the object), the others are roots.  A bare
 *     symbol handed out or kept is pinned instead: nothing counts its uses;
 *   - Out[] history, $MessageList, the Off list, an exit's value, and the
 *     caller's extra value (the statements still to run);
 *   - foreign objects reached from these: inert ones hold nothing, others
 *     list what they hold (LyForeignType.refs); one that cannot tell stops
 *     this collection (nothing removed).
 * A normal expression stamped evaluated before floor.evals is older than
 * every candidate and is not looked into (the argument of temps.c: a stamp
 * is the version at which the evaluation step that built the expression
 * started, and at a floor no step older than it is unfinished).
 *
 * Marking is iterative (an explicit stack) and visits a shared object once
 * (a set of the objects with more than one reference).  A marked candidate's
 * own definitions are looked into in turn.  Unmarked candidates are removed
 * with their definitions (lyv_temp_remove); their records are recycled
 * unless a snapshot for workers may have seen them (vm->exported at or
 * after their birth).  If memory for the marking runs out, nothing is
 * removed.
 *
 * Kinds of collection:
 *   - young (top-level): candidates made since the last complete collection
 *     (vm->gc_floor), found through vm->young; roots from what changed
 *     since then.  Cheap, so it runs at every top-level point where young
 *     temporaries live;
 *   - full (top-level): every temporary, every root; when the temporaries
 *     that survived have doubled since the last full one, or memory has;
 *   - loop: candidates made since the loop began; when the temporaries (or
 *     the VM's bytes) have grown enough since the last collection.
 * Costs are paced so that each collection is paid for by the temporaries
 * made since the previous one (thresholds grow with what survives and with
 * the nodes looked at).  Nothing here runs on the evaluator's path: the
 * per-iteration cost of a loop is one comparison.
 *
 * Threads: none (the VM's thread).  Record states are atomic because other
 * threads may pin records of this VM's temporaries (ly_copy).
 */
#include "lyv.h"

#define GC_LOOP_MIN 1024          /* temporaries made before a loop point collects */
#define GC_FULL_MIN 4096          /* old temporaries before a full collection */
#define GC_BYTES_MIN ((size_t)8 << 20)
#define GC_HOLDS_MIN 256
#define GC_TOP_CREDIT 128         /* nodes a top-level point pays towards a full collection */

/* ---- held values ------------------------------------------------------------------- */

/* Drops the entries whose object nobody else references (rc equal to the
 * number of entries), merging duplicates. */
static int ptr_cmp(const void *a, const void *b) {
    uintptr_t x = (uintptr_t)*(const LyExpr *)a, y = (uintptr_t)*(const LyExpr *)b;
    return x < y ? -1 : x > y;
}

static void holds_compact(LyVM *vm) {
    size_t n = vm->nholds, k = 0;
    if (n > 1) qsort(vm->holds, n, sizeof *vm->holds, ptr_cmp);
    for (size_t i = 0; i < n;) {
        LyExpr x = vm->holds[i];
        size_t j = i + 1;
        while (j < n && vm->holds[j] == x) j++;
        uint32_t mult = (uint32_t)(j - i);
        /* the extra references of duplicates go; the last one stays only
         * while someone else holds x too */
        for (size_t r = 1; r < mult; r++) ly_unref(vm, x);
        if (x->rc == 1) ly_unref(vm, x);
        else vm->holds[k++] = x;
        i = j;
    }
    vm->nholds = k;
    vm->holds_next = k * 2 > GC_HOLDS_MIN ? k * 2 : GC_HOLDS_MIN;
}

void lyv_hold(LyVM *vm, LyExpr v) {
    int t = v->type;
    if (t != LY_TNORMAL && t != LY_TASSOC && !(t == LY_TFOREIGN && !ly_foreign(v)->type->inert)) return;
    if (vm->nholds >= vm->holds_next && vm->nholds) holds_compact(vm);
    if (vm->nholds == vm->capholds) {
        size_t nc = vm->capholds ? vm->capholds * 2 : 64;
        LyExpr *nh = lyv_alloc_book(vm, vm->holds, vm->capholds * sizeof *nh, nc * sizeof *nh);
        /* not recorded: no collection may remove anything from now on */
        if (!nh) { vm->gc_off = true; return; }
        vm->holds = nh;
        vm->capholds = nc;
    }
    ly_ref(v);
    vm->holds[vm->nholds++] = v;
}

void lyv_holds_release(LyVM *vm) {
    for (size_t i = 0; i < vm->nholds; i++) ly_unref(vm, vm->holds[i]);
    lyv_alloc_book(vm, vm->holds, vm->capholds * sizeof *vm->holds, 0);
    vm->holds = NULL;
    vm->nholds = vm->capholds = 0;
}

/* ---- marking ------------------------------------------------------------------------- */

typedef struct Gc {
    LyVM *vm;
    uint64_t evals;               /* normal expressions stamped before this hold no candidate */
    LyExpr *st; size_t n, cap;    /* containers to look into */
    LySymbol **syms; size_t ns, caps;   /* marked candidates whose definitions are next */
    LyExpr *seen; size_t nseen, capseen;   /* shared containers looked into (open addressing) */
    size_t nodes;
    bool fail;                    /* out of memory, or an opaque foreign object */
} Gc;

static bool grow(Gc *g, void **p, size_t *cap, size_t n, size_t elem) {
    if (n < *cap) return true;
    size_t nc = *cap ? *cap * 2 : 256;
    void *q = lyv_alloc_book(g->vm, *p, *cap * elem, nc * elem);
    if (!q) { g->fail = true; return false; }
    *p = q;
    *cap = nc;
    return true;
}

static inline size_t seen_hash(LyExpr x, size_t m) {
    return (size_t)(((uintptr_t)x >> 4) * 0x9e3779b97f4a7c15ull >> 17) & m;
}

/* True when x was looked into already; records it otherwise. */
static bool seen(Gc *g, LyExpr x) {
    if ((g->nseen + 1) * 2 > g->capseen) {
        size_t nc = g->capseen ? g->capseen * 2 : 1024;
        LyExpr *t = lyv_alloc_book(g->vm, NULL, 0, nc * sizeof *t);
        if (!t) { g->fail = true; return true; }
        memset(t, 0, nc * sizeof *t);
        for (size_t i = 0; i < g->capseen; i++) {
            LyExpr y = g->seen[i];
            if (!y) continue;
            size_t h = seen_hash(y, nc - 1);
            while (t[h]) h = (h + 1) & (nc - 1);
            t[h] = y;
        }
        lyv_alloc_book(g->vm, g->seen, g->capseen * sizeof *t, 0);
        g->seen = t;
        g->capseen = nc;
    }
    size_t m = g->capseen - 1, h = seen_hash(x, m);
    while (g->seen[h]) {
        if (g->seen[h] == x) return true;
        h = (h + 1) & m;
    }
    g->seen[h] = x;
    g->nseen++;
    return false;
}

static void visit(void *ctx, LyExpr x) {
    Gc *g = ctx;
    if (!x || g->fail) return;
    if (ly_is_sym(x)) {
        LySymbol *s = ly_sym(x);
        if (!(s->flags & LY_SYMF_TEMP) || (lyv_ts_get(s) & (LYV_TS_CAND | LYV_TS_MARK)) != LYV_TS_CAND) return;
        lyv_ts_or(s, LYV_TS_MARK);
        if (grow(g, (void **)&g->syms, &g->caps, g->ns, sizeof *g->syms)) g->syms[g->ns++] = s;
        return;
    }
    if (!ly_is_obj(x)) return;
    switch (x->type) {
    case LY_TNORMAL: {
        uint64_t st = ly_normal(x)->stamp;
        if (st && st < g->evals) return;
        break;
    }
    case LY_TASSOC: break;
    case LY_TFOREIGN:
        if (ly_foreign(x)->type->inert) return;
        if (!ly_foreign(x)->type->refs) { g->fail = true; return; }
        break;
    default: return;              /* numbers, strings, packed arrays: no symbols */
    }
    if (x->rc > 1 && seen(g, x)) return;
    if (grow(g, (void **)&g->st, &g->cap, g->n, sizeof *g->st)) g->st[g->n++] = x;
}

static void drain(Gc *g) {
    while (g->n && !g->fail) {
        LyExpr x = g->st[--g->n];
        switch (x->type) {
        case LY_TNORMAL: {
            size_t len = ly_nlen(x);
            g->nodes += len + 1;
            for (size_t i = 0; i <= len; i++) visit(g, ly_normal(x)->e[i]);
            break;
        }
        case LY_TASSOC: {
            LyAssoc *a = ly_assoc(x);
            g->nodes += a->len + 1;
            for (size_t i = 0; i < a->len; i++) visit(g, a->rules[i]);
            break;
        }
        default:
            g->nodes++;
            ly_foreign(x)->type->refs(ly_foreign(x)->data, visit, g);
            break;
        }
    }
}

static void visit_rules(Gc *g, const LyRuleSet *rs) {
    for (size_t i = 0; rs && i < rs->n && !g->fail; i++) {
        visit(g, rs->v[i].lhs);
        visit(g, rs->v[i].rhs);
        drain(g);
    }
}

static void visit_defs(Gc *g, const LyDefs *d) {
    if (!d) return;
    g->nodes++;
    visit(g, d->own);
    visit(g, d->messages);
    visit(g, d->defaults);
    visit(g, d->options);
    drain(g);
    visit_rules(g, d->down);
    visit_rules(g, d->up);
    visit_rules(g, d->sub);
}

/* The definitions of marked candidates, until no new one is marked. */
static void trace(Gc *g) {
    drain(g);
    while (g->ns && !g->fail) {
        LySymbol *s = g->syms[--g->ns];
        visit_defs(g, lyv_defs_get(g->vm, s));
    }
}

/* ---- a collection -------------------------------------------------------------------- */

enum { KIND_YOUNG, KIND_FULL, KIND_LOOP };

/* Flags the candidates of a collection from floor f (all live ones for
 * full); returns how many, or SIZE_MAX when the list of them cannot be
 * made. */
static size_t flag_candidates(LyVM *vm, int kind, const LyvFloor *f, LySymbol ***out, size_t *capout) {
    size_t n = 0, cap = 0;
    LySymbol **v = NULL;
    size_t total = kind == KIND_FULL ? vm->captemps : vm->nyoung;
    for (size_t i = 0; i < total; i++) {
        LySymbol *s = kind == KIND_FULL ? vm->temps[i] : vm->young[i];
        if (!s || s == LYV_TEMP_TOMB) continue;
        uint32_t st = lyv_ts_get(s);
        if ((st & (LYV_TS_LIVE | LYV_TS_PENDING | LYV_TS_PINNED | LYV_TS_CAND)) != LYV_TS_LIVE) continue;
        if (kind != KIND_FULL && lyv_temp(s)->serial < f->serial) continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            LySymbol **nv = lyv_alloc_book(vm, v, cap * sizeof *nv, nc * sizeof *nv);
            if (!nv) {
                for (size_t j = 0; j < n; j++) lyv_ts_and(v[j], ~(uint32_t)LYV_TS_CAND);
                lyv_alloc_book(vm, v, cap * sizeof *v, 0);
                return SIZE_MAX;
            }
            v = nv;
            cap = nc;
        }
        lyv_ts_or(s, LYV_TS_CAND);
        v[n++] = s;
    }
    *out = v;
    *capout = cap;
    return n;
}

/* The roots of a collection from floor f. */
static void mark_roots(Gc *g, int kind, const LyvFloor *f, LyExpr extra) {
    LyVM *vm = g->vm;
    uint64_t dv = kind == KIND_FULL ? 0 : f->defs;
    size_t nids = lyv_symbol_count();
    if (nids > vm->ndefs) nids = vm->ndefs;
    for (size_t b = 0; b < nids && !g->fail; b += 64) {
        if (vm->defs_block[b >> 6] <= dv) continue;
        for (size_t id = b; id < b + 64 && id < nids && !g->fail; id++) {
            LyDefs *d = vm->defs[id];
            if (!d || d->version <= dv) continue;
            LySymbol *s = lyv_symbol_by_id((uint32_t)id);
            if (s && (s->flags & LY_SYMF_TEMP) && (lyv_ts_get(s) & LYV_TS_CAND)) continue;
            visit_defs(g, d);
        }
    }
    for (size_t i = 0; i < vm->nholds && !g->fail; i++) { visit(g, vm->holds[i]); drain(g); }
    if (vm->outs) {
        /* entries of lines before gc_outs_line were there at the floor */
        size_t n = ly_nlen(vm->outs), from = 1;
        if (kind != KIND_FULL && vm->gc_outs_epoch == vm->outs_epoch && vm->gc_outs_line > vm->outs_first)
            from = (size_t)(vm->gc_outs_line - vm->outs_first) + 1;
        for (size_t i = from; i <= n && !g->fail; i++) { visit(g, ly_narg(vm->outs, i)); drain(g); }
    }
    for (size_t i = 0; i < vm->nmsglist; i++) visit(g, vm->msglist[i]);
    visit(g, vm->off_list);
    visit(g, vm->unwind_value);
    visit(g, vm->unwind_tag);
    visit(g, extra);
    trace(g);
}

static void collect(LyVM *vm, int kind, const LyvFloor *f, LyExpr extra) {
    if (vm->gc_off || vm->gc_busy || vm->gc_mode == LY_COLLECT_NONE) return;
    vm->gc_busy = true;
    if (vm->nholds) holds_compact(vm);
    LySymbol **cand = NULL;
    size_t capcand = 0, ncand = flag_candidates(vm, kind, f, &cand, &capcand), removed = 0, kept = 0;
    Gc g = { vm, kind == KIND_FULL ? 0 : f->evals, NULL, 0, 0, NULL, 0, 0, NULL, 0, 0, 0, false };
    if (ncand && ncand != SIZE_MAX) {
        mark_roots(&g, kind, f, extra);
        uint64_t exported = atomic_load_explicit(&vm->exported, memory_order_relaxed);
        for (size_t i = 0; i < ncand; i++) {
            LySymbol *s = cand[i];
            uint32_t st = lyv_ts_get(s);
            lyv_ts_and(s, ~(uint32_t)(LYV_TS_CAND | LYV_TS_MARK));
            /* pinned meanwhile (a finalizer run by a removal may copy a value out) */
            if (g.fail || (st & LYV_TS_MARK) || (lyv_ts_get(s) & (LYV_TS_PINNED | LYV_TS_PENDING))) continue;
            lyv_temp_remove(vm, s, exported >= lyv_temp(s)->born);
            removed++;
        }
        if (!g.fail) kept = ncand - removed;
    } else if (ncand == SIZE_MAX) {
        g.fail = true;
    }
    lyv_alloc_book(vm, cand, capcand * sizeof *cand, 0);
    lyv_alloc_book(vm, g.st, g.cap * sizeof *g.st, 0);
    lyv_alloc_book(vm, g.syms, g.caps * sizeof *g.syms, 0);
    lyv_alloc_book(vm, g.seen, g.capseen * sizeof *g.seen, 0);
    vm->gc_runs++;
    vm->gc_removed += removed;
    vm->gc_cost = g.nodes;
    /* the next loop point collects when as many temporaries again as
     * survived (at least GC_LOOP_MIN) or as the nodes looked at / 16 are
     * made, or the VM's bytes double */
    size_t live = vm->ntemps, grow_by = live > GC_LOOP_MIN ? live : GC_LOOP_MIN;
    if (g.nodes / 16 > grow_by) grow_by = g.nodes / 16;
    vm->gc_loop_next = live + grow_by;
    vm->gc_bytes_next = vm->bytes * 2 > vm->bytes + GC_BYTES_MIN ? vm->bytes * 2 : vm->bytes + GC_BYTES_MIN;
    if (kind != KIND_LOOP && !g.fail) {
        /* complete: what lives now is old */
        vm->gc_floor = (LyvFloor){ vm->temp_serial, vm->defs_version, vm->eval_version };
        vm->gc_outs_line = vm->outs ? vm->outs_first + (int64_t)ly_nlen(vm->outs) : 0;
        vm->gc_outs_epoch = vm->outs_epoch;
        vm->gc_live = live;
        vm->nyoung = 0;
        /* candidates that survived: only they can become garbage unseen */
        vm->gc_old_cand = kind == KIND_FULL ? kept : vm->gc_old_cand + kept;
        if (kind == KIND_FULL) {
            vm->gc_full_live = live;
            vm->gc_full_bytes = vm->bytes;
            vm->gc_full_cost = g.nodes;
            vm->gc_credit = 0;
            vm->gc_full_request = false;
        }
    } else if (kind == KIND_LOOP && !g.fail) {
        /* drop the young entries of removed or stale records */
        size_t k = 0;
        for (size_t i = 0; i < vm->nyoung; i++) {
            LySymbol *s = vm->young[i];
            uint32_t st = lyv_ts_get(s);
            if (!(st & LYV_TS_LIVE) || (st & LYV_TS_LISTED)) continue;
            lyv_ts_or(s, LYV_TS_LISTED);
            vm->young[k++] = s;
        }
        for (size_t i = 0; i < k; i++) lyv_ts_and(vm->young[i], ~(uint32_t)LYV_TS_LISTED);
        vm->nyoung = k;
    }
    if (g.fail) vm->gc_loop_next = vm->ntemps * 2 + GC_LOOP_MIN;   /* back off */
    vm->gc_busy = false;
}

void lyv_gc_init(LyVM *vm) {
    vm->gc_loop_next = GC_LOOP_MIN;
    vm->gc_bytes_next = vm->bytes + GC_BYTES_MIN;
    vm->holds_next = GC_HOLDS_MIN;
}

void lyv_gc_top(LyVM *vm, LyExpr extra) {
    if (vm->gc_mode != LY_COLLECT_ALL || vm->gc_off || !vm->ntemps) return;
    if (!vm->gc_full_bytes) vm->gc_full_bytes = vm->bytes;
    /* a temporary that survived a collection goes only in a full one: when
     * the survivors or the memory have doubled since the last, or every so
     * many top-level points (as many as make up the last one's cost) */
    size_t old = vm->ntemps > vm->nyoung ? vm->ntemps - vm->nyoung : 0;
    if (vm->gc_old_cand) vm->gc_credit += GC_TOP_CREDIT;
    if (vm->gc_full_request ||
        (old && (old >= 2 * vm->gc_full_live + GC_FULL_MIN || vm->bytes >= 2 * vm->gc_full_bytes + GC_BYTES_MIN)) ||
        (vm->gc_old_cand && vm->gc_credit >= vm->gc_full_cost)) {
        collect(vm, KIND_FULL, &vm->gc_floor, extra);
        return;
    }
    if (vm->nyoung) collect(vm, KIND_YOUNG, &vm->gc_floor, extra);
}

/* ---- loops and modes ----------------------------------------------------------------------- */

void ly_loop_begin(LyVM *vm, LyLoop *l) {
    l->serial = vm->temp_serial;
    l->defs = vm->defs_version;
    l->evals = vm->eval_version;
}

void lyv_gc_loop(LyVM *vm, const LyLoop *l) {
    if (vm->gc_mode == LY_COLLECT_NONE || vm->temp_serial == l->serial) {
        /* nothing this loop could remove: look again after as much growth */
        if (vm->ntemps >= vm->gc_loop_next) vm->gc_loop_next = vm->ntemps + GC_LOOP_MIN;
        if (vm->bytes >= vm->gc_bytes_next) vm->gc_bytes_next = vm->bytes * 2 > vm->bytes + GC_BYTES_MIN ? vm->bytes * 2 : vm->bytes + GC_BYTES_MIN;
        return;
    }
    LyvFloor f = { l->serial, l->defs, l->evals };
    collect(vm, KIND_LOOP, &f, NULL);
}

void ly_set_collect(LyVM *vm, LyCollect mode) { vm->gc_mode = (uint8_t)mode; }

/* ---- diagnostics ----------------------------------------------------------------------------- */

/* Lyra`Private`CollectTemporaries[]: a full collection at the next
 * top-level point (tests and measurements; Wolfram removes temporaries at
 * once, so it has no such function). */
static LyExpr b_collect(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 0) return NULL;
    vm->gc_full_request = true;
    return LY_SYM(Null);
}

/* Lyra`Private`TemporaryStats[]: {live temporaries, collections, removed
 * by them, nodes the last one looked at, values held for the host or C}. */
static LyExpr b_stats(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 0) return NULL;
    return ly_mk(vm, LY_SYM(List), 5, lyv_int_from_int64(vm, (int64_t)vm->ntemps),
                 lyv_int_from_int64(vm, (int64_t)vm->gc_runs), lyv_int_from_int64(vm, (int64_t)vm->gc_removed),
                 lyv_int_from_int64(vm, (int64_t)vm->gc_cost), lyv_int_from_int64(vm, (int64_t)vm->nholds));
}

static const LyBuiltin gc_builtins[] = {
    { "Lyra`Private`CollectTemporaries", b_collect, "Protected", NULL },
    { "Lyra`Private`TemporaryStats", b_stats, "Protected", NULL },
    { NULL, NULL, NULL, NULL }
};

LyStatus lyv_open_tempgc(LyVM *vm) { return ly_register_table(vm, gc_builtins); }
