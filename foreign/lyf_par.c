/*
 * lyf_par.c — ParallelMap, ParallelTable, ParallelSum, ParallelProduct,
 * ParallelDo, ParallelReduce, ParallelCombine, ParallelSelect.
 *
 * One engine (par_run) evaluates "items" 0..n-1 of a call on a pool:
 *   MAP      item i is f[list[[i+1]]] (or f[tuple...] when spreading tuples)
 *   REDUCE   item i is the balanced fold with f of segment i of the list
 *   PIECES   item i is f[segment i of the list, as a List]
 * Items are grouped in blocks; min(workers, blocks) tasks grab runs of
 * consecutive blocks from an atomic counter (dynamic scheduling).  With
 * Method -> Automatic a task sizes its next run from its measured time per
 * item (about RUN_NS of work, at most 1/(2 workers) of the blocks left), so
 * cheap items are batched and skewed ones balance; "FinestGrained",
 * "CoarsestGrained" and "ChunkSize" fix one block per grab.
 *
 * Crossing VMs: the caller blocks in par_run, so workers read f and the
 * list in place: numbers of packed lists are made directly, packed rows and
 * packed elements become borrowed views (ly_mkpacked_view, no copy) that
 * are settled (ly_packed_settle: own data if they escaped) after each item;
 * other elements are copied by the worker that evaluates them.  Results stay
 * in the worker's VM until the caller, which takes completed runs in input
 * order while later runs still run, has made its own copy (machine numbers
 * go straight into a packed array when the caller packs anyway); the
 * objects are then handed back in bulk (lyf_level_release_later_n) and freed
 * when that worker next starts a task.  Output and messages of a run are
 * captured and replayed in input order.
 *
 * Exits: an uncaught Throw/Abort (or other exit) in item i records i as a
 * candidate and lowers the call's fail_min; lyf_kick() aborts every item
 * above it.  Items below keep running, so the lowest failing index always
 * wins, whatever the timing.  The caller's own abort (Ctrl-C,
 * TimeConstrained) fires the call token and kicks every item.
 *
 * Random numbers: item i runs with stream (key, i + 1), where key is drawn
 * from the caller's generator (ly_random_fork), so SeedRandom[s] before the
 * call makes results identical for any worker count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lyf.h"

enum { MODE_MAP, MODE_REDUCE, MODE_PIECES };

/* A run: consecutive blocks [b, b + nblocks) done by one task, published in
 * runs[b] when complete (release).  Results stay in L's VM. */
typedef struct Run {
    LyfLevel *L;
    size_t nblocks;
    int64_t fail_index;         /* -1: none */
    int fail_kind;
    LyExpr fval, ftag;          /* in L->vm */
    LyfSink sink;
} Run;

typedef struct Slot { LyrTask t; struct LyfCall *call; } Slot;

struct LyfCall {
    _Atomic int64_t fail_min;   /* first member: lyf_kick reads it */
    LyExpr f, list;             /* caller's, read in place */
    int mode;
    bool spread;
    bool want_packed;           /* results of machine numbers go into a packed array */
    size_t n;                   /* items */
    size_t *seg;                /* REDUCE/PIECES: n + 1 bounds into list */
    LyfSnap *snap;
    LyfDelta delta;             /* what changed since snap, when it was pinned */
    LyrCancel *tok;
    uint64_t rkey;
    size_t bsize, nblocks;      /* items per block, blocks */
    bool fixed;                 /* every grab is one block (Method, "ChunkSize") */
    int nworkers;
    _Atomic size_t next_block;
    _Atomic size_t want;        /* the block the caller waits for */
    _Atomic bool nomem, pinned;
    _Atomic(Run *) *runs;       /* per block: the run starting there, once done */
    LyExpr *res;                /* per item, in the VM of the run's level */
    LyrEvent ev;
    int ntasks;
    Slot *slots;
    /* set by lyf_par_items (the cluster's share of a call on this process) */
    size_t off;                 /* MAP: item i is element off + i */
    uint64_t rbase;             /* item i uses stream (rkey, rbase + i + 1) */
    bool rkey_set, local;       /* rkey given; never hand the call to the cluster */
};

typedef struct Opts {
    LyfPool *pool;
    int method;                 /* 0 auto, 1 finest, 2 coarsest */
    int64_t chunk;
    bool progress;
    LyExpr keep;                /* evaluated option values of a HoldAll call, released by opts_done */
} Opts;

/* Automatic: at most this many blocks; a task grabs enough of them to keep
 * busy for about RUN_NS (measured), at most a 1/(2 workers) share of what
 * is left, so cheap items are batched and the tail stays balanced. */
#define MAX_BLOCKS 8192
#define RUN_NS (1000 * 1000.0)

/* ---- worker side ------------------------------------------------------------------------------ */

static size_t list_len(LyExpr l) { return ly_is_packed(l) ? ly_packed(l)->dims[0] : ly_nlen(l); }

/* Per task: the borrowed views made for the current item (see settle). */
typedef struct Ctx {
    LyVM *vm;
    struct LyfCall *C;
    LyExpr f;
    LyExpr *views;
    size_t nviews, capviews;
} Ctx;

static LyExpr view_of(Ctx *x, LyPacked *p, unsigned rank, const size_t *dims, const void *data) {
    if (x->nviews == x->capviews) {
        size_t nc = x->capviews ? 2 * x->capviews : 16;
        LyExpr *nv = realloc(x->views, nc * sizeof *nv);
        if (!nv) return ly_raise_nomem(x->vm);
        x->views = nv;
        x->capviews = nc;
    }
    LyExpr v = ly_mkpacked_view(x->vm, (LyPackedType)p->h.flags, rank, dims, data);
    if (!v) return ly_raise_nomem(x->vm);
    ly_ref(v);
    x->views[x->nviews++] = v;
    return v;
}

/* After an item: views that escaped (into the result, a definition, ...)
 * get their own data, then ours are dropped.  Should that fail for lack of
 * memory, the caller keeps its input alive for good (C->pinned). */
static void settle(Ctx *x) {
    for (size_t i = 0; i < x->nviews; i++) {
        if (!ly_packed_settle(x->vm, x->views[i])) atomic_store(&x->C->pinned, true);
        ly_unref(x->vm, x->views[i]);
    }
    x->nviews = 0;
}

/* Element i (0-based) of the caller's list, for x->vm: numbers of a packed
 * list are made directly, packed rows and packed elements are borrowed
 * views (zero-copy), anything else is copied. */
static LyExpr element(Ctx *x, LyExpr list, size_t i) {
    if (ly_is_packed(list)) {
        LyPacked *p = ly_packed(list);
        if (p->h.aux == 1)
            return p->h.flags == LY_PACKED_INT64 ? ly_int(x->vm, ((int64_t *)p->data)[i])
                                                 : ly_mkreal(x->vm, ((double *)p->data)[i]);
        size_t stride = p->len / p->dims[0];
        return view_of(x, p, p->h.aux - 1u, p->dims + 1, (char *)p->data + i * stride * 8);
    }
    LyExpr e = ly_narg(list, i + 1);
    if (ly_is_packed(e)) return view_of(x, ly_packed(e), ly_packed(e)->h.aux, ly_packed(e)->dims, ly_packed(e)->data);
    return ly_copy_read(x->vm, e);
}

static LyExpr apply2(LyVM *vm, LyExpr f, LyExpr a, LyExpr b) {   /* steals a, b */
    LyExpr ab[2] = { a, b };
    LyExpr r = ly_apply_eval(vm, f, 2, ab);
    ly_unref(vm, a);
    ly_unref(vm, b);
    return r;
}

static LyExpr fold(Ctx *x, size_t lo, size_t hi) {
    if (hi - lo == 1) return element(x, x->C->list, lo);
    if (!ly_safe_point(x->vm)) return NULL;
    size_t m = lo + (hi - lo) / 2;
    LyExpr a = fold(x, lo, m);
    LyExpr b = a ? fold(x, m, hi) : NULL;
    if (!b) { ly_unref(x->vm, a); return NULL; }
    return apply2(x->vm, x->f, a, b);
}

static LyExpr item(Ctx *x, size_t i) {
    struct LyfCall *C = x->C;
    LyVM *vm = x->vm;
    switch (C->mode) {
    case MODE_REDUCE: return fold(x, C->seg[i], C->seg[i + 1]);
    case MODE_PIECES: {
        size_t lo = C->seg[i], hi = C->seg[i + 1];
        LyExpr l = ly_mknormal(vm, LY_SYM(List), hi - lo);
        if (!l) return NULL;
        for (size_t j = lo; j < hi; j++) {
            LyExpr e = element(x, C->list, j);
            if (!e) { for (size_t k = j; k < hi; k++) ly_nset(l, k - lo + 1, LY_SYM(Null)); ly_unref(vm, l); return NULL; }
            ly_nset(l, j - lo + 1, e);
        }
        LyExpr r = ly_apply_eval(vm, x->f, 1, &l);
        ly_unref(vm, l);
        return r;
    }
    default: {
        LyExpr e = element(x, C->list, C->off + i);
        if (!e) return NULL;
        LyExpr r = C->spread && ly_is_normal(e) ? ly_apply_eval(vm, x->f, ly_nlen(e), ly_nargs(e))
                                                : ly_apply_eval(vm, x->f, 1, &e);
        ly_unref(vm, e);
        return r;
    }
    }
}

static void lower_fail_min(struct LyfCall *C, int64_t i) {
    int64_t cur = atomic_load(&C->fail_min);
    while (i < cur && !atomic_compare_exchange_weak(&C->fail_min, &cur, i)) {}
}

/* Items [lo, hi) of run r; returns how many were evaluated. */
static size_t run_items(LyfLevel *L, Ctx *x, Run *r, size_t lo, size_t hi) {
    struct LyfCall *C = x->C;
    LyVM *vm = L->vm;
    size_t i;
    for (i = lo; i < hi; i++) {
        if (lyr_cancel_is_set(C->tok) || (int64_t)i > atomic_load(&C->fail_min)) break;
        lyf_level_set_index(L, (int64_t)i);
        if ((int64_t)i > atomic_load(&C->fail_min)) break;
        ly_random_set_stream(vm, C->rkey, C->rbase + i + 1);
        LyExpr v = item(x, i);
        settle(x);
        if (!v) {
            LyExit k = ly_exit_kind(vm);
            LyExpr val = NULL, tag = NULL;
            ly_exit_take(vm, &val, &tag);
            if (k == LY_EXIT_RETURN) { v = val ? val : LY_SYM(Null); ly_unref(vm, tag); }
            else {
                if (k == LY_EXIT_ABORT && (lyr_cancel_is_set(C->tok) || (int64_t)i > atomic_load(&C->fail_min))) {
                    ly_unref(vm, val); ly_unref(vm, tag);
                    break;
                }
                r->fail_index = (int64_t)i;
                r->fail_kind = k == LY_EXIT_NONE ? LY_EXIT_NOMEM : k;
                r->fval = val;
                r->ftag = tag;
                lower_fail_min(C, (int64_t)i);
                lyf_kick();
                i++;
                break;
            }
        }
        C->res[i] = v;
    }
    lyf_level_set_index(L, -1);
    return i - lo;
}

static void set_sink(LyfLevel *L, LyfSink *s) { L->sink = s; }   /* owner thread only */

/* How many blocks to grab next, from the time per item measured so far. */
static size_t grab_size(struct LyfCall *C, double ns_per_item) {
    if (C->fixed || ns_per_item <= 0) return 1;
    size_t next = atomic_load_explicit(&C->next_block, memory_order_relaxed);
    size_t left = next < C->nblocks ? C->nblocks - next : 0;
    size_t cap = left / (2 * (size_t)C->nworkers);
    double want = RUN_NS / (ns_per_item * (double)C->bsize);
    size_t k = want < 1 ? 1 : want > (double)C->nblocks ? C->nblocks : (size_t)want;
    if (k > cap) k = cap;
    return k < 1 ? 1 : k;
}

static void task_body(LyfLevel *L, void *arg) {
    struct LyfCall *C = arg;
    Ctx x = { L->vm, C, ly_copy_read(L->vm, C->f), NULL, 0, 0 };
    double ns_per_item = 0;
    for (;;) {
        size_t k = grab_size(C, ns_per_item);
        size_t b0 = atomic_fetch_add(&C->next_block, k);
        if (b0 >= C->nblocks) break;
        size_t b1 = b0 + k < C->nblocks ? b0 + k : C->nblocks;
        size_t lo = b0 * C->bsize, hi = b1 * C->bsize < C->n ? b1 * C->bsize : C->n;
        Run *r = x.f ? calloc(1, sizeof *r) : NULL;
        if (!r) {
            atomic_store(&C->nomem, true);
            lower_fail_min(C, (int64_t)lo);
            lyf_kick();
            break;
        }
        r->L = L;
        r->nblocks = b1 - b0;
        r->fail_index = -1;
        lyf_sink_init(&r->sink);
        set_sink(L, &r->sink);
        int64_t t0 = C->fixed ? 0 : lyr_now_ns();
        size_t done = run_items(L, &x, r, lo, hi);
        if (done && !C->fixed) ns_per_item = (double)(lyr_now_ns() - t0) / (double)done;
        set_sink(L, NULL);
        atomic_store(&C->runs[b0], r);                       /* seq_cst: pairs with want */
        if (atomic_load(&C->want) == b0) lyr_event_signal(&C->ev, INT32_MAX);
        lyf_progress();
    }
    free(x.views);
    ly_unref(L->vm, x.f);
}

static void task_run(LyrTask *t, void *arg) {
    (void)t;
    struct LyfCall *C = ((Slot *)arg)->call;
    LyfLevel *L = lyf_level_enter(C->snap, &C->delta, C->tok, C, NULL);
    if (L) {
        lyf_level_run(L, task_body, C);
        lyf_level_leave(L);
        return;
    }
    /* no VM for us (nesting too deep or no memory) */
    atomic_store(&C->nomem, true);
    lower_fail_min(C, 0);
    lyf_kick();
    lyr_event_signal(&C->ev, INT32_MAX);
}

/* ---- caller side ------------------------------------------------------------------------------ */

/* ProgressReporting: one line on stderr, rewritten in place (done/total,
 * rate, ETA) and erased when the call ends. */
static void progress_line(const char *name, size_t done, size_t n, int64_t elapsed_ns, bool end) {
    if (end) { fputs("\r\033[K", stderr); fflush(stderr); return; }
    double secs = (double)elapsed_ns / 1e9, rate = secs > 0 ? (double)done / secs : 0;
    fprintf(stderr, "\r\033[K%s: %zu/%zu (%d%%), %.0f/s", name, done, n, n ? (int)(100 * done / n) : 100, rate);
    double eta = rate > 0 ? (double)(n - done) / rate : 0;
    if (rate > 0) fprintf(stderr, eta < 10 ? ", ETA %.1f s" : ", ETA %.0f s", eta);
    fflush(stderr);
}

/* The caller's result: machine numbers straight into a buffer that becomes
 * a packed array (no boxing, no copy); the first other value turns it into a
 * List of copies. */
typedef struct Col {
    int kind;                   /* 0 integers so far, 1 reals, 2 general */
    size_t n;
    void *buf;                  /* kind 0/1: n int64 / double */
    LyExpr out;                 /* kind 2 */
} Col;

static bool col_general(LyVM *vm, Col *c, size_t upto) {
    c->out = ly_mknormal(vm, LY_SYM(List), c->n);
    if (!c->out) return false;
    for (size_t i = 0; i < c->n; i++) ly_nset(c->out, i + 1, LY_SYM(Null));
    for (size_t i = 0; i < upto; i++) {
        LyExpr v = c->kind == 0 ? ly_mksmall(((int64_t *)c->buf)[i]) : ly_mkreal(vm, ((double *)c->buf)[i]);
        if (!v) return false;
        ly_nset(c->out, i + 1, v);
    }
    free(c->buf);
    c->buf = NULL;
    c->kind = 2;
    return true;
}

/* Takes result i (owned by another VM, read in place); items arrive in order. */
static bool col_put(LyVM *vm, Col *c, size_t i, LyExpr v) {
    /* integers and reals together make a List, as Wolfram keeps 1 and 0.5
     * in {1, 0.5}: a packed array holds one kind */
    if (c->kind == 0) {
        if (ly_is_small(v)) { ((int64_t *)c->buf)[i] = ly_small(v); return true; }
        if (ly_is_real(v) && i == 0) c->kind = 1;
        else if (!col_general(vm, c, i)) return false;
    }
    if (c->kind == 1) {
        if (ly_is_real(v)) { ((double *)c->buf)[i] = ly_realv(v); return true; }
        if (!col_general(vm, c, i)) return false;
    }
    LyExpr x = ly_copy(vm, v);
    if (!x) return false;
    ly_nset(c->out, i + 1, x);
    return true;
}

static LyExpr col_finish(LyVM *vm, Col *c) {
    if (c->kind == 2) { LyExpr o = c->out; c->out = NULL; return o; }
    LyExpr p = ly_mkpacked(vm, c->kind == 0 ? LY_PACKED_INT64 : LY_PACKED_REAL, 1, &c->n);
    if (p) memcpy(ly_packed(p)->data, c->buf, c->n * 8);
    return p;
}

static void col_free(LyVM *vm, Col *c) {
    free(c->buf);
    ly_unref(vm, c->out);
}

static void run_free(Run *r) {
    lyf_sink_free(&r->sink);
    free(r);
}

/* Evaluates the n items of C on p; returns the results (a fresh List in the
 * caller's VM, or a packed array when C->want_packed and they are machine
 * numbers), or NULL when an exit was started in vm. */
static LyExpr par_run(LyVM *vm, LyfPool *p, struct LyfCall *C, const Opts *o, LyExpr head) {
    size_t n = C->n;
    if (n == 0) return ly_mknormal(vm, LY_SYM(List), 0);
    if (!lyf_pool_usable(vm, p, head)) return lyf_failed();
    if (!C->local && lyf_cluster_takes(vm, p)) {
        LyfItems it = { C->mode, C->spread, C->f, C->list, C->seg, n, 0, 0, 0, false, o->method, o->chunk };
        return lyf_cluster_run(vm, p, &it, head);
    }
    size_t w = (size_t)p->nworkers;
    C->nworkers = (int)w;
    C->fixed = o->chunk > 0 || o->method != 0;
    C->bsize = o->chunk > 0 ? (size_t)o->chunk
             : o->method == 1 ? 1
             : o->method == 2 ? (n + w - 1) / w
             : (n + MAX_BLOCKS - 1) / MAX_BLOCKS;
    if (C->bsize < 1) C->bsize = 1;
    C->nblocks = (n + C->bsize - 1) / C->bsize;
    C->runs = calloc(C->nblocks, sizeof *C->runs);
    C->res = calloc(n, sizeof *C->res);
    C->ntasks = (int)(C->nblocks < w ? C->nblocks : w);
    C->slots = calloc((size_t)C->ntasks, sizeof *C->slots);
    Col col = { C->want_packed ? 0 : 2, n, NULL, NULL };
    if (col.kind == 0) col.buf = malloc(n * 8);
    else if ((col.out = ly_mknormal(vm, LY_SYM(List), n)))
        for (size_t i = 1; i <= n; i++) ly_nset(col.out, i, LY_SYM(Null));
    C->snap = lyf_snap_update(vm, &C->delta);
    LyrCancel *parent = lyf_current_token();
    C->tok = NULL;
    if (!C->runs || !C->res || !C->slots || !(col.buf || col.out) || !C->snap ||
        lyr_cancel_new(parent ? parent : lyr_pool_token(p->rp), LYR_DEADLINE_NEVER, &C->tok) != LYR_OK) {
        free(C->runs); free(C->res); free(C->slots);
        col_free(vm, &col);
        lyf_snap_release(C->snap);
        lyf_delta_free(&C->delta);
        if (C->tok) lyr_cancel_release(C->tok);
        return ly_raise_nomem(vm);
    }
    atomic_init(&C->fail_min, INT64_MAX);
    atomic_init(&C->next_block, 0);
    atomic_init(&C->want, 0);
    atomic_init(&C->nomem, false);
    atomic_init(&C->pinned, false);
    for (size_t b = 0; b < C->nblocks; b++) atomic_init(&C->runs[b], NULL);
    lyr_event_init(&C->ev);
    if (!C->rkey_set) C->rkey = ly_random_fork(vm);
    int submitted = 0;
    for (int i = 0; i < C->ntasks; i++) {
        C->slots[i].call = C;
        lyr_task_init(&C->slots[i].t, task_run, &C->slots[i], C->tok, 0);
        if (lyr_pool_submit(p->rp, &C->slots[i].t, LYR_DEADLINE_NEVER) != LYR_OK) break;
        submitted++;
    }
    LyrWorker *me = lyr_current_worker();
    size_t next = 0;                /* block */
    Run *failed = NULL;
    bool aborted = submitted == 0, nomem = false;
    int64_t t0 = lyr_now_ns(), last_line = 0;
    bool shown = false;
    const char *hname = ly_symbol_name(head);
    while (next < C->nblocks && !aborted) {
        uint32_t ev = lyr_event_value(&C->ev);
        atomic_store(&C->want, next);
        Run *r = atomic_load(&C->runs[next]);
        if (r) {
            lyf_sink_replay(&r->sink, vm);
            size_t lo = next * C->bsize, hi = (next + r->nblocks) * C->bsize;
            if (hi > n) hi = n;
            size_t upto = r->fail_index >= 0 ? (size_t)r->fail_index : hi;
            for (size_t i = lo; i < upto; i++) {
                if (!C->res[i]) { upto = i; break; }
                if (!col_put(vm, &col, i, C->res[i])) { aborted = nomem = true; break; }
            }
            lyf_level_release_later_n(r->L, C->res + lo, hi - lo);
            for (size_t i = lo; i < hi; i++) C->res[i] = NULL;
            if (r->fail_index >= 0) { failed = r; atomic_store(&C->runs[next], NULL); break; }
            if (aborted) break;
            if (upto < hi) { aborted = true; break; }   /* cancelled under us */
            atomic_store(&C->runs[next], NULL);
            next += r->nblocks;
            run_free(r);
            continue;
        }
        if (me) {
            for (int i = 0; i < submitted; i++) {
                int s = lyr_task_state(&C->slots[i].t);
                if (s == LYR_TASK_PENDING || s == LYR_TASK_RUNNING) {
                    lyr_task_wait(&C->slots[i].t, lyr_deadline_in(LYR_NS_PER_MS), NULL);
                    break;
                }
            }
        } else {
            lyr_event_wait(&C->ev, ev, lyf_slice_deadline(LYR_DEADLINE_NEVER), NULL);
        }
        if (!ly_safe_point(vm)) { aborted = true; break; }
        if (o->progress && !me) {
            int64_t now = lyr_now_ns();
            if (now - t0 > LYR_NS_PER_S && now - last_line > 200 * LYR_NS_PER_MS && isatty(2)) {
                progress_line(hname ? hname : "Parallel", next * C->bsize < n ? next * C->bsize : n, n, now - t0, false);
                last_line = now;
                shown = true;
            }
        }
        /* every task final and the next block never came: cancelled, or no memory */
        bool live = false;
        for (int i = 0; i < submitted && !live; i++) {
            int s = lyr_task_state(&C->slots[i].t);
            live = s == LYR_TASK_PENDING || s == LYR_TASK_RUNNING;
        }
        if (!live && !atomic_load(&C->runs[next])) { aborted = true; nomem = atomic_load(&C->nomem); break; }
    }
    if (shown) progress_line(NULL, 0, 0, 0, true);
    if (aborted || failed) {
        lyr_cancel_fire(C->tok, LYR_CANCEL_USER);
        lyf_kick();
    }
    for (int i = 0; i < submitted; i++) lyr_task_wait(&C->slots[i].t, LYR_DEADLINE_NEVER, NULL);
    /* runs never taken: hand their results back to the levels that made them */
    for (size_t b = 0; b < C->nblocks; b++) {
        Run *r = atomic_load_explicit(&C->runs[b], memory_order_acquire);
        if (!r) continue;
        size_t lo = b * C->bsize, hi = (b + r->nblocks) * C->bsize;
        if (hi > n) hi = n;
        lyf_level_release_later_n(r->L, C->res + lo, hi - lo);
        if (r->fval) lyf_level_release_later(r->L, r->fval);
        if (r->ftag) lyf_level_release_later(r->L, r->ftag);
        run_free(r);
    }
    LyExpr fv = NULL, ft = NULL;
    int kind = 0;
    if (failed) {
        kind = failed->fail_kind;
        if (failed->fval) fv = ly_copy(vm, failed->fval);
        if (failed->ftag) ft = ly_copy(vm, failed->ftag);
        if (failed->fval) lyf_level_release_later(failed->L, failed->fval);
        if (failed->ftag) lyf_level_release_later(failed->L, failed->ftag);
        run_free(failed);
    }
    if (atomic_load(&C->pinned)) ly_ref(C->list);    /* out of memory settling a view: keep the input */
    free(C->res);
    free(C->runs);
    free(C->slots);
    lyf_snap_release(C->snap);
    lyf_delta_free(&C->delta);
    lyr_cancel_release(C->tok);
    if (!failed && !aborted) {
        LyExpr out = col_finish(vm, &col);
        col_free(vm, &col);
        return out ? out : ly_raise_nomem(vm);
    }
    col_free(vm, &col);
    if (!failed) {
        if (ly_unwinding(vm)) return NULL;
        return nomem || atomic_load(&C->nomem) ? ly_raise_nomem(vm) : ly_raise_abort(vm);
    }
    switch (kind) {
    case LY_EXIT_THROW: return ly_raise_throw(vm, fv ? fv : LY_SYM(Null), ft);
    case LY_EXIT_ABORT: ly_unref(vm, fv); ly_unref(vm, ft); return ly_raise_abort(vm);
    case LY_EXIT_NOMEM: ly_unref(vm, fv); ly_unref(vm, ft); return ly_raise_nomem(vm);
    default: ly_unref(vm, ft); return ly_raise(vm, (LyExit)kind, fv);
    }
}

LyExpr lyf_par_items(LyVM *vm, LyfPool *p, const LyfItems *it, LyExpr head) {
    struct LyfCall C;
    memset(&C, 0, sizeof C);
    C.f = it->f;
    C.list = it->list;
    C.mode = it->mode;
    C.spread = it->spread;
    C.seg = (size_t *)it->seg;
    C.n = it->n;
    C.off = it->off;
    C.rkey = it->rkey;
    C.rbase = it->rbase;
    C.rkey_set = it->rkey_set;
    C.local = true;
    Opts o = { p, it->method, it->chunk, false, NULL };
    return par_run(vm, p, &C, &o, head);
}

/* ---- options ------------------------------------------------------------------------------------ */

static LyExpr eval_steal(LyVM *vm, LyExpr x) {
    if (!x) return NULL;
    LyExpr r = ly_evaluate(vm, x);
    ly_unref(vm, x);
    return r;
}

static bool is_rule(LyExpr e) {
    return (ly_head_is(e, LY_SYM(Rule)) || ly_head_is(e, LY_SYM(RuleDelayed))) && ly_nlen(e) == 2;
}

static bool rule_name(LyExpr r, const char *name) {
    LyExpr k = ly_narg(r, 1);
    return (ly_is_string(k) && !strcmp(ly_str(k)->s, name)) || ly_is_symbol(k, name);
}

/* Reads trailing options of e from position from; returns the number of
 * non-option arguments, or (size_t)-1 on a bad option (message issued). */
/* held: e is a HoldAll call (ParallelTable ...), whose option values are
 * evaluated here and kept alive in o->keep until opts_done. */
static size_t parse_opts_held(LyVM *vm, LyExpr e, size_t from, Opts *o, bool held) {
    memset(o, 0, sizeof *o);
    o->progress = true;         /* shown at a terminal for calls over 1 s */
    size_t n = ly_nlen(e);
    while (n >= from && is_rule(ly_narg(e, n))) n--;
    if (held && n < ly_nlen(e)) {
        o->keep = ly_mknormal(vm, LY_SYM(List), ly_nlen(e) - n);
        if (!o->keep) return (size_t)-1;
        for (size_t i = n + 1; i <= ly_nlen(e); i++) ly_nset(o->keep, i - n, LY_SYM(Null));
        for (size_t i = n + 1; i <= ly_nlen(e); i++) {
            LyExpr v = ly_evaluate(vm, ly_narg(ly_narg(e, i), 2));
            if (!v) return (size_t)-1;
            ly_nset(o->keep, i - n, v);
        }
    }
    for (size_t i = n + 1; i <= ly_nlen(e); i++) {
        LyExpr r = ly_narg(e, i), v = o->keep ? ly_narg(o->keep, i - n) : ly_narg(r, 2);
        if (rule_name(r, "Method")) {
            if (ly_is_string(v) && !strcmp(ly_str(v)->s, "FinestGrained")) o->method = 1;
            else if (ly_is_string(v) && !strcmp(ly_str(v)->s, "CoarsestGrained")) o->method = 2;
            else if (ly_is_symbol(v, "Automatic") || (ly_is_string(v) && !strcmp(ly_str(v)->s, "Automatic"))) o->method = 0;
            else { ly_message(vm, ly_nhead(e), "pmethod", 1, v); return (size_t)-1; }
        } else if (rule_name(r, "ChunkSize")) {
            if (ly_is_symbol(v, "Automatic")) o->chunk = 0;
            else if (!ly_get_int64(v, &o->chunk) || o->chunk < 1) {
                ly_message(vm, ly_nhead(e), "chunk", 1, v);
                return (size_t)-1;
            }
        } else if (rule_name(r, "Pool")) {
            o->pool = lyf_pool_arg(v);
            if (!o->pool) { ly_message(vm, ly_nhead(e), "pool", 1, v); return (size_t)-1; }
        } else if (rule_name(r, "ProgressReporting")) {
            if (!ly_is_symbol(v, "True") && !ly_is_symbol(v, "False") && !ly_is_symbol(v, "Automatic")) {
                ly_message(vm, ly_nhead(e), "opttf", 2, ly_narg(r, 1), v);
                return (size_t)-1;
            }
            o->progress = !ly_is_symbol(v, "False");
        } else {
            ly_message(vm, ly_nhead(e), "optx", 2, ly_narg(r, 1), e);
            return (size_t)-1;
        }
    }
    if (!o->pool) o->pool = lyf_pool_default(vm);
    return o->pool ? n : (size_t)-1;
}

static size_t parse_opts(LyVM *vm, LyExpr e, size_t from, Opts *o) { return parse_opts_held(vm, e, from, o, false); }
static void opts_done(LyVM *vm, Opts *o) { ly_unref(vm, o->keep); o->keep = NULL; }

static bool listlike(LyExpr l) { return ly_is_packed(l) || ly_is_normal(l); }

/* ---- builtins ------------------------------------------------------------------------------------ */

/* want_packed: the caller packs the result anyway (ParallelMap), so machine
 * numbers may go straight into a packed array. */
static LyExpr map_on(LyVM *vm, const Opts *o, LyExpr f, LyExpr list, bool spread, LyExpr head, bool want_packed) {
    struct LyfCall C;
    memset(&C, 0, sizeof C);
    C.f = f;
    C.list = list;
    C.mode = MODE_MAP;
    C.spread = spread;
    C.want_packed = want_packed && (ly_is_packed(list) || ly_nhead(list) == LY_SYM(List));
    C.n = list_len(list);
    LyExpr r = par_run(vm, o->pool, &C, o, head);
    if (r && ly_is_normal(list) && ly_nhead(list) != LY_SYM(List) && ly_head_is(r, LY_SYM(List))) {
        ly_unref(vm, ly_normal(r)->e[0]);
        ly_ref(ly_nhead(list));
        ly_normal(r)->e[0] = ly_nhead(list);
    }
    return r;
}

LyExpr lyf_par_map_on(LyVM *vm, LyfPool *p, LyExpr f, LyExpr list) {
    if (!listlike(list)) return NULL;
    Opts o = { p, 0, 0, false, NULL };
    LyExpr r = map_on(vm, &o, f, list, false, ly_symbol(vm, "ParallelMap"), true);
    if (!r || !ly_head_is(r, LY_SYM(List))) return r;
    LyExpr pk = ly_try_pack(vm, r);      /* a new reference: r is released */
    ly_unref(vm, r);
    return pk;
}

static LyExpr b_parallelmap(LyVM *vm, LyExpr e) {
    Opts o;
    size_t n = parse_opts(vm, e, 3, &o);
    if (n == (size_t)-1) return lyf_failed();
    if (n != 2) return NULL;
    LyExpr list = ly_narg(e, 2);
    if (!listlike(list)) {
        if (ly_type(list) != LY_TASSOC) return NULL;
        LyExpr m = ly_mk(vm, ly_symbol(vm, "Map"), 2, (ly_ref(ly_narg(e, 1)), ly_narg(e, 1)), (ly_ref(list), list));
        return eval_steal(vm, m);
    }
    LyExpr r = map_on(vm, &o, ly_narg(e, 1), list, false, ly_nhead(e), true);
    if (!r) return NULL;
    /* the workers evaluated every element already: not again here */
    if (!ly_head_is(r, LY_SYM(List))) return r;     /* h[f[x1], ...] evaluates as h says */
    LyExpr pk = ly_try_pack(vm, r);
    ly_unref(vm, r);
    return pk ? ly_evaluated(vm, pk) : NULL;
}

/* Iterators of a held Table-like call: tuples (nested to depth k) and the
 * flat list of tuples. */
static LyExpr table_tuples(LyVM *vm, LyExpr e, size_t nargs, LyExpr *vars_out) {
    size_t k = nargs - 1;
    LyExpr vars = ly_mknormal(vm, LY_SYM(List), 0);
    size_t nv = 0;
    LyExpr tmp[64];
    if (k > 64) return NULL;
    for (size_t i = 2; i <= nargs; i++) {
        LyExpr it = ly_narg(e, i);
        if (ly_head_is(it, LY_SYM(List)) && ly_nlen(it) >= 2 && ly_is_sym(ly_narg(it, 1))) tmp[nv++] = ly_narg(it, 1);
        else if (!(ly_head_is(it, LY_SYM(List)) && ly_nlen(it) == 1) && !ly_is_integer(it)) { ly_unref(vm, vars); return NULL; }
    }
    ly_unref(vm, vars);
    vars = ly_list(vm, nv, tmp);
    if (!vars) return NULL;
    LyExpr t = ly_mknormal(vm, ly_symbol(vm, "Table"), k + 1);
    if (!t) { ly_unref(vm, vars); return NULL; }
    ly_ref(vars);
    ly_nset(t, 1, vars);
    for (size_t i = 2; i <= nargs; i++) { ly_ref(ly_narg(e, i)); ly_nset(t, i, ly_narg(e, i)); }
    LyExpr tuples = eval_steal(vm, t);
    if (!tuples) { ly_unref(vm, vars); return NULL; }
    if (ly_is_packed(tuples)) { LyExpr u = ly_unpack(vm, tuples); ly_unref(vm, tuples); tuples = u; }
    *vars_out = vars;
    return tuples;
}

/* Collects the leaves at depth k of nested (the tuples) into flat. */
static bool collect(LyVM *vm, LyExpr nested, size_t depth, LyExpr *flat, size_t *nf, size_t cap) {
    if (depth == 0) { if (*nf >= cap) return false; ly_ref(nested); flat[(*nf)++] = nested; return true; }
    if (!ly_head_is(nested, LY_SYM(List))) return false;
    for (size_t i = 1; i <= ly_nlen(nested); i++)
        if (!collect(vm, ly_narg(nested, i), depth - 1, flat, nf, cap)) return false;
    return true;
}

static size_t count_leaves(LyExpr nested, size_t depth) {
    if (depth == 0) return 1;
    if (!ly_head_is(nested, LY_SYM(List))) return 0;
    size_t s = 0;
    for (size_t i = 1; i <= ly_nlen(nested); i++) s += count_leaves(ly_narg(nested, i), depth - 1);
    return s;
}

static LyExpr reshape(LyVM *vm, LyExpr nested, size_t depth, LyExpr res, size_t *pos) {
    if (depth == 0) { LyExpr r = ly_part(vm, res, ++*pos); return r; }
    size_t n = ly_nlen(nested);
    LyExpr l = ly_mknormal(vm, LY_SYM(List), n);
    if (!l) return NULL;
    for (size_t i = 1; i <= n; i++) {
        LyExpr c = reshape(vm, ly_narg(nested, i), depth - 1, res, pos);
        ly_nset(l, i, c ? c : LY_SYM(Null));
    }
    return l;
}

enum { TAB_TABLE, TAB_SUM, TAB_PRODUCT, TAB_DO };

/* One iterator with a variable: the values themselves are the list (packed
 * for numbers, so no tuples are built on the caller) and f = Function[{i},
 * body].  NULL with no exit when the iterator is not of that kind. */
static LyExpr table1(LyVM *vm, LyExpr e, int kind, const Opts *o) {
    LyExpr it = ly_narg(e, 2);
    if (!ly_head_is(it, LY_SYM(List)) || ly_nlen(it) < 2 || !ly_is_sym(ly_narg(it, 1))) return NULL;
    LyExpr var = ly_narg(it, 1);
    ly_ref(it);
    LyExpr vals = eval_steal(vm, ly_mk(vm, ly_symbol(vm, "Table"), 2, var, it));
    if (!vals) return NULL;
    if (!listlike(vals) || (ly_is_normal(vals) && ly_nhead(vals) != LY_SYM(List))) { ly_unref(vm, vals); return NULL; }
    ly_ref(ly_narg(e, 1));
    LyExpr fn = ly_mk(vm, LY_SYM(Function), 2, ly_list(vm, 1, &var), ly_narg(e, 1));
    LyExpr res = fn ? map_on(vm, o, fn, vals, false, ly_nhead(e), kind == TAB_TABLE) : NULL;
    ly_unref(vm, fn);
    ly_unref(vm, vals);
    if (!res || !ly_head_is(res, LY_SYM(List))) return res ? res : (ly_unwinding(vm) ? NULL : lyf_failed());
    LyExpr r;
    switch (kind) {
    case TAB_TABLE: r = ly_try_pack(vm, res); break;
    case TAB_SUM: r = eval_steal(vm, ly_apply(vm, LY_SYM(Plus), ly_nlen(res), ly_nargs(res))); break;
    case TAB_PRODUCT: r = eval_steal(vm, ly_apply(vm, LY_SYM(Times), ly_nlen(res), ly_nargs(res))); break;
    default: r = LY_SYM(Null);
    }
    ly_unref(vm, res);
    return r;
}

static LyExpr tablelike_(LyVM *vm, LyExpr e, int kind, const Opts *op, size_t n) {
    Opts o = *op;
    if (n < 2) return NULL;
    size_t depth = n - 1;
    if (depth == 1) {
        LyExpr r = table1(vm, e, kind, &o);
        if (r || ly_unwinding(vm)) return r;
    }
    LyExpr vars = NULL, tuples = table_tuples(vm, e, n, &vars);
    if (!tuples) return ly_unwinding(vm) ? NULL : NULL;
    size_t nl = count_leaves(tuples, depth);
    LyExpr *flat = malloc((nl ? nl : 1) * sizeof *flat);
    size_t nf = 0;
    if (!flat || !collect(vm, tuples, depth, flat, &nf, nl)) {
        for (size_t i = 0; i < nf; i++) ly_unref(vm, flat[i]);
        free(flat); ly_unref(vm, tuples); ly_unref(vm, vars);
        return NULL;
    }
    LyExpr flist = ly_list(vm, nf, flat);
    for (size_t i = 0; i < nf; i++) ly_unref(vm, flat[i]);
    free(flat);
    ly_ref(ly_narg(e, 1));
    LyExpr fn = ly_mk(vm, LY_SYM(Function), 2, vars, ly_narg(e, 1));
    LyExpr res = flist && fn ? map_on(vm, &o, fn, flist, true, ly_nhead(e), false) : NULL;
    ly_unref(vm, fn);
    ly_unref(vm, flist);
    LyExpr r = NULL;
    if (res && ly_head_is(res, LY_SYM(List))) {
        switch (kind) {
        case TAB_TABLE: { size_t pos = 0; r = reshape(vm, tuples, depth, res, &pos); break; }
        case TAB_SUM: r = eval_steal(vm, ly_apply(vm, LY_SYM(Plus), ly_nlen(res), ly_nargs(res))); break;
        case TAB_PRODUCT: r = eval_steal(vm, ly_apply(vm, LY_SYM(Times), ly_nlen(res), ly_nargs(res))); break;
        default: r = LY_SYM(Null);
        }
    } else if (res) { r = res; ly_ref(r); }
    ly_unref(vm, res);
    ly_unref(vm, tuples);
    return r;
}

static LyExpr tablelike(LyVM *vm, LyExpr e, int kind) {
    Opts o;
    size_t n = parse_opts_held(vm, e, 3, &o, true);
    LyExpr r = n == (size_t)-1 ? (ly_unwinding(vm) ? NULL : lyf_failed()) : tablelike_(vm, e, kind, &o, n);
    opts_done(vm, &o);
    return r;
}

static LyExpr b_paralleltable(LyVM *vm, LyExpr e) { return tablelike(vm, e, TAB_TABLE); }
static LyExpr b_parallelsum(LyVM *vm, LyExpr e) { return tablelike(vm, e, TAB_SUM); }
static LyExpr b_parallelproduct(LyVM *vm, LyExpr e) { return tablelike(vm, e, TAB_PRODUCT); }
static LyExpr b_paralleldo(LyVM *vm, LyExpr e) { return tablelike(vm, e, TAB_DO); }

/* Segments of [lo, hi): the nodes of the balanced tree of size <= b. */
static void segments(size_t lo, size_t hi, size_t b, size_t *seg, size_t *ns) {
    if (hi - lo <= b) { seg[(*ns)++] = lo; return; }
    size_t m = lo + (hi - lo) / 2;
    segments(lo, m, b, seg, ns);
    segments(m, hi, b, seg, ns);
}

/* The upper tree on the caller: same splits, segment results at the cut. */
static LyExpr combine(LyVM *vm, LyExpr f, LyExpr res, size_t lo, size_t hi, size_t b, size_t *k) {
    if (hi - lo <= b) return ly_part(vm, res, ++*k);
    size_t m = lo + (hi - lo) / 2;
    LyExpr a = combine(vm, f, res, lo, m, b, k);
    LyExpr c = a ? combine(vm, f, res, m, hi, b, k) : NULL;
    if (!c) { ly_unref(vm, a); return NULL; }
    return apply2(vm, f, a, c);
}

static LyExpr reduce_on(LyVM *vm, const Opts *o, LyExpr f, LyExpr list, LyExpr init, LyExpr head) {
    size_t n = list_len(list);
    if (n == 0) { if (init) { ly_ref(init); return init; } return NULL; }
    /* leaf segment size depends on n only, so the tree never depends on the pool */
    size_t b = o->chunk > 0 ? (size_t)o->chunk : n / 256;
    if (b < 1) b = 1;
    size_t *seg = malloc((n + 1) * sizeof *seg), ns = 0;
    if (!seg) return ly_raise_nomem(vm);
    segments(0, n, b, seg, &ns);
    seg[ns] = n;
    struct LyfCall C;
    memset(&C, 0, sizeof C);
    C.f = f;
    C.list = list;
    C.mode = MODE_REDUCE;
    C.n = ns;
    C.seg = seg;
    Opts o2 = *o;
    o2.chunk = 0;
    LyExpr res = par_run(vm, o->pool, &C, &o2, head);
    free(seg);
    if (!res || !ly_head_is(res, LY_SYM(List))) return res;
    size_t k = 0;
    LyExpr r = combine(vm, f, res, 0, n, b, &k);
    ly_unref(vm, res);
    if (r && init) { ly_ref(init); r = apply2(vm, f, init, r); }
    return r;
}

LyExpr lyf_par_reduce_on(LyVM *vm, LyfPool *p, LyExpr f, LyExpr list) {
    if (!listlike(list)) return NULL;
    Opts o = { p, 0, 0, false, NULL };
    return reduce_on(vm, &o, f, list, NULL, ly_symbol(vm, "ParallelReduce"));
}

static LyExpr b_parallelreduce(LyVM *vm, LyExpr e) {
    Opts o;
    size_t n = parse_opts(vm, e, 3, &o);
    if (n == (size_t)-1) return lyf_failed();
    if (n < 2 || n > 3 || !listlike(ly_narg(e, 2))) return NULL;
    return reduce_on(vm, &o, ly_narg(e, 1), ly_narg(e, 2), n == 3 ? ly_narg(e, 3) : NULL, ly_nhead(e));
}

static LyExpr b_parallelcombine(LyVM *vm, LyExpr e) {
    Opts o;
    size_t n = parse_opts(vm, e, 3, &o);
    if (n == (size_t)-1) return lyf_failed();
    if (n < 2 || n > 3 || !listlike(ly_narg(e, 2))) return NULL;
    LyExpr list = ly_narg(e, 2);
    size_t len = list_len(list);
    size_t pieces = o.chunk > 0 ? (len + (size_t)o.chunk - 1) / (size_t)o.chunk : (size_t)lyf_cluster_workers(o.pool) * 4;
    if (pieces > len) pieces = len;
    if (pieces < 1) pieces = 1;
    size_t *seg = malloc((pieces + 1) * sizeof *seg);
    if (!seg) return ly_raise_nomem(vm);
    for (size_t i = 0; i <= pieces; i++) seg[i] = len * i / pieces;
    struct LyfCall C;
    memset(&C, 0, sizeof C);
    C.f = ly_narg(e, 1);
    C.list = list;
    C.mode = MODE_PIECES;
    C.n = len ? pieces : 0;
    C.seg = seg;
    Opts o2 = o;
    o2.chunk = 1;
    LyExpr res = par_run(vm, o.pool, &C, &o2, ly_nhead(e));
    free(seg);
    if (!res || !ly_head_is(res, LY_SYM(List))) return res;
    LyExpr comb = n == 3 ? ly_narg(e, 3) : ly_symbol(vm, "Join");
    LyExpr r = eval_steal(vm, ly_apply(vm, comb, ly_nlen(res), ly_nargs(res)));
    ly_unref(vm, res);
    return r;
}

static LyExpr b_parallelselect(LyVM *vm, LyExpr e) {
    Opts o;
    size_t n = parse_opts(vm, e, 3, &o);
    if (n == (size_t)-1) return lyf_failed();
    if (n != 2 || !listlike(ly_narg(e, 1))) return NULL;
    LyExpr list = ly_narg(e, 1);
    LyExpr mask = map_on(vm, &o, ly_narg(e, 2), list, false, ly_nhead(e), false);
    if (!mask || !ly_head_is(mask, LY_SYM(List))) return mask;
    size_t len = ly_nlen(mask), k = 0;
    LyExpr *keep = malloc((len ? len : 1) * sizeof *keep);
    if (!keep) { ly_unref(vm, mask); return ly_raise_nomem(vm); }
    for (size_t i = 1; i <= len; i++)
        if (ly_is_symbol(ly_narg(mask, i), "True")) keep[k++] = ly_part(vm, list, i);
    LyExpr r = ly_list(vm, k, keep);
    for (size_t i = 0; i < k; i++) ly_unref(vm, keep[i]);
    free(keep);
    ly_unref(vm, mask);
    if (r && ly_is_normal(list) && ly_nhead(list) != LY_SYM(List)) {
        ly_unref(vm, ly_normal(r)->e[0]);
        ly_ref(ly_nhead(list));
        ly_normal(r)->e[0] = ly_nhead(list);
        return r;
    }
    if (!r) return NULL;
    LyExpr pk = ly_try_pack(vm, r);
    ly_unref(vm, r);
    return pk;
}

static const LyBuiltin par_builtins[] = {
    { "ParallelMap", b_parallelmap, "Protected",
      "ParallelMap[f, list] is Map[f, list] with the elements evaluated on worker threads." },
    { "ParallelTable", b_paralleltable, "HoldAll Protected",
      "ParallelTable[expr, {i, n}, ...] is Table evaluated on worker threads." },
    { "ParallelSum", b_parallelsum, "HoldAll Protected", "ParallelSum[expr, {i, n}, ...] is Sum evaluated in parallel." },
    { "ParallelProduct", b_parallelproduct, "HoldAll Protected",
      "ParallelProduct[expr, {i, n}, ...] is Product evaluated in parallel." },
    { "ParallelDo", b_paralleldo, "HoldAll Protected", "ParallelDo[expr, {i, n}, ...] is Do evaluated in parallel." },
    { "ParallelReduce", b_parallelreduce, "Protected",
      "ParallelReduce[f, list] folds list with the associative f on a fixed balanced tree (same result for any worker count). ParallelReduce[f, list, init] starts from init." },
    { "ParallelCombine", b_parallelcombine, "Protected",
      "ParallelCombine[f, list, comb] applies f to pieces of list on workers and combines the results with comb." },
    { "ParallelSelect", b_parallelselect, "Protected", "ParallelSelect[list, crit] is Select[list, crit] in parallel." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lyf_open_par(LyVM *vm) {
    LyStatus st = ly_register_table(vm, par_builtins);
    if (st != LY_OK) return st;
    ly_set_message(vm, "General", "pool", "`1` is not a ThreadPool.");
    ly_set_message(vm, "General", "pmethod",
                   "Value of option Method -> `1` should be Automatic, \"FinestGrained\" or \"CoarsestGrained\".");
    ly_set_message(vm, "General", "chunk", "Value of option ChunkSize -> `1` should be a positive integer or Automatic.");
    ly_set_message(vm, "General", "opttf", "Value of option `1` -> `2` should be True or False.");
    return LY_OK;
}
