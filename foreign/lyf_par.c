/*
 * lyf_par.c — ParallelMap, ParallelTable, ParallelSum, ParallelProduct,
 * ParallelDo, ParallelReduce, ParallelCombine, ParallelSelect.
 *
 * One engine (par_run) evaluates "items" 0..n-1 of a call on a pool:
 *   MAP      item i is f[list[[i+1]]] (or f[tuple...] when spreading tuples)
 *   REDUCE   item i is the balanced fold with f of segment i of the list
 *   PIECES   item i is f[segment i of the list, as a List]
 * Items are grouped into chunks; min(workers, chunks) tasks grab chunks
 * from an atomic counter (dynamic scheduling), so skewed work balances.
 * Method -> "FinestGrained" makes chunks of 1, "CoarsestGrained" one chunk
 * per worker, Automatic about 8 chunks per worker (at most 1024 items).
 *
 * Crossing VMs: the caller blocks in par_run, so workers read f and the
 * list in place (each worker copies f once per task and each element it
 * evaluates).  Results stay in the worker's VM until the caller, which
 * copies completed chunks in input order while later chunks still run,
 * has made its own copy; the objects are then handed back to the worker
 * (lyf_level_release_later) and freed when it next starts a task.  Output
 * and messages of a chunk are captured and replayed in input order.
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

typedef struct Chunk {
    _Atomic int done;
    LyfLevel *L;                /* the level that holds res[] */
    size_t lo, hi;              /* items */
    LyExpr *res;
    int64_t fail_index;         /* -1: none */
    int fail_kind;
    LyExpr fval, ftag;          /* in L->vm */
    LyfSink sink;
} Chunk;

typedef struct Slot { LyrTask t; struct LyfCall *call; } Slot;

struct LyfCall {
    _Atomic int64_t fail_min;   /* first member: lyf_kick reads it */
    LyExpr f, list;             /* caller's, read in place */
    int mode;
    bool spread;
    size_t n;                   /* items */
    size_t *seg;                /* REDUCE/PIECES: n + 1 bounds into list */
    LyfSnap *snap;
    LyrCancel *tok;
    uint64_t rkey;
    size_t nchunks;
    _Atomic size_t next_chunk;
    Chunk *chunks;
    LyrEvent ev;
    int ntasks;
    Slot *slots;
};

typedef struct Opts {
    LyfPool *pool;
    int method;                 /* 0 auto, 1 finest, 2 coarsest */
    int64_t chunk;
    bool progress;
} Opts;

/* ---- worker side ------------------------------------------------------------------------------ */

static size_t list_len(LyExpr l) { return ly_is_packed(l) ? ly_packed(l)->dims[0] : ly_nlen(l); }

/* Element i (0-based) of the caller's list, copied into vm. */
static LyExpr element(LyVM *vm, LyExpr list, size_t i) {
    if (ly_is_packed(list)) {
        LyPacked *p = ly_packed(list);
        if (p->h.aux == 1)
            return p->h.flags == LY_PACKED_INT64 ? ly_int(vm, ((int64_t *)p->data)[i])
                                                 : ly_mkreal(vm, ((double *)p->data)[i]);
        size_t stride = p->len / p->dims[0];
        LyExpr q = ly_mkpacked(vm, (LyPackedType)p->h.flags, p->h.aux - 1u, p->dims + 1);
        if (q) memcpy(ly_packed(q)->data, (char *)p->data + i * stride * 8, stride * 8);
        return q;
    }
    return ly_copy(vm, ly_narg(list, i + 1));
}

static LyExpr eval_steal(LyVM *vm, LyExpr x) {
    if (!x) return NULL;
    LyExpr r = ly_evaluate(vm, x);
    ly_unref(vm, x);
    return r;
}

static LyExpr apply2(LyVM *vm, LyExpr f, LyExpr a, LyExpr b) {   /* steals a, b */
    ly_ref(f);
    return eval_steal(vm, ly_mk(vm, f, 2, a, b));
}

static LyExpr fold(LyVM *vm, LyExpr f, LyExpr list, size_t lo, size_t hi) {
    if (hi - lo == 1) return element(vm, list, lo);
    if (!ly_safe_point(vm)) return NULL;
    size_t m = lo + (hi - lo) / 2;
    LyExpr a = fold(vm, f, list, lo, m);
    LyExpr b = a ? fold(vm, f, list, m, hi) : NULL;
    if (!b) { ly_unref(vm, a); return NULL; }
    return apply2(vm, f, a, b);
}

static LyExpr item(LyVM *vm, struct LyfCall *C, LyExpr f, size_t i) {
    switch (C->mode) {
    case MODE_REDUCE: return fold(vm, f, C->list, C->seg[i], C->seg[i + 1]);
    case MODE_PIECES: {
        size_t lo = C->seg[i], hi = C->seg[i + 1];
        LyExpr l = ly_mknormal(vm, LY_SYM(List), hi - lo);
        if (!l) return NULL;
        for (size_t j = lo; j < hi; j++) {
            LyExpr x = element(vm, C->list, j);
            if (!x) { for (size_t k = j; k < hi; k++) ly_nset(l, k - lo + 1, LY_SYM(Null)); ly_unref(vm, l); return NULL; }
            ly_nset(l, j - lo + 1, x);
        }
        ly_ref(f);
        return eval_steal(vm, ly_mk(vm, f, 1, l));
    }
    default: {
        LyExpr x = element(vm, C->list, i);
        if (!x) return NULL;
        if (C->spread && ly_is_normal(x)) {
            LyExpr e = ly_apply(vm, f, ly_nlen(x), ly_nargs(x));
            ly_unref(vm, x);
            return eval_steal(vm, e);
        }
        ly_ref(f);
        return eval_steal(vm, ly_mk(vm, f, 1, x));
    }
    }
}

static void run_chunk(LyfLevel *L, struct LyfCall *C, Chunk *ch, LyExpr f) {
    LyVM *vm = L->vm;
    for (size_t i = ch->lo; i < ch->hi; i++) {
        if (lyr_cancel_is_set(C->tok) || (int64_t)i > atomic_load(&C->fail_min)) break;
        lyf_level_set_index(L, (int64_t)i);
        ly_random_set_stream(vm, C->rkey, i + 1);
        LyExpr r = item(vm, C, f, i);
        if (!r) {
            LyExit k = ly_exit_kind(vm);
            LyExpr v = NULL, tag = NULL;
            ly_exit_take(vm, &v, &tag);
            if (k == LY_EXIT_RETURN) { r = v ? v : LY_SYM(Null); ly_unref(vm, tag); }
            else {
                if (k == LY_EXIT_ABORT && (lyr_cancel_is_set(C->tok) || (int64_t)i > atomic_load(&C->fail_min))) {
                    ly_unref(vm, v); ly_unref(vm, tag);
                    break;
                }
                ch->fail_index = (int64_t)i;
                ch->fail_kind = k == LY_EXIT_NONE ? LY_EXIT_NOMEM : k;
                ch->fval = v;
                ch->ftag = tag;
                int64_t cur = atomic_load(&C->fail_min);
                while ((int64_t)i < cur && !atomic_compare_exchange_weak(&C->fail_min, &cur, (int64_t)i)) {}
                lyf_kick();
                break;
            }
        }
        ch->res[i - ch->lo] = r;
    }
    lyf_level_set_index(L, -1);
}

typedef struct { struct LyfCall *C; } Body;

static void set_sink(LyfLevel *L, LyfSink *s) {
    pthread_mutex_lock(&L->w->mu);
    L->sink = s;
    pthread_mutex_unlock(&L->w->mu);
}

static void task_body(LyfLevel *L, void *arg) {
    struct LyfCall *C = arg;
    LyExpr f = ly_copy(L->vm, C->f);
    size_t k;
    while ((k = atomic_fetch_add(&C->next_chunk, 1)) < C->nchunks) {
        Chunk *ch = &C->chunks[k];
        ch->L = L;
        set_sink(L, &ch->sink);
        if (f) run_chunk(L, C, ch, f);
        else { ch->fail_index = (int64_t)ch->lo; ch->fail_kind = LY_EXIT_NOMEM; }
        set_sink(L, NULL);
        atomic_store_explicit(&ch->done, 1, memory_order_release);
        lyr_event_signal(&C->ev, INT32_MAX);
        lyf_progress();
    }
    ly_unref(L->vm, f);
}

static void task_run(LyrTask *t, void *arg) {
    (void)t;
    struct LyfCall *C = ((Slot *)arg)->call;
    LyfLevel *L = lyf_level_enter(C->snap, C->tok, C, NULL);
    if (L) {
        lyf_level_run(L, task_body, C);
        lyf_level_leave(L);
        return;
    }
    /* no VM for us (nesting too deep or no memory): fail the chunks we take */
    size_t k;
    while ((k = atomic_fetch_add(&C->next_chunk, 1)) < C->nchunks) {
        Chunk *ch = &C->chunks[k];
        ch->fail_index = (int64_t)ch->lo;
        ch->fail_kind = LY_EXIT_NOMEM;
        int64_t cur = atomic_load(&C->fail_min);
        while ((int64_t)ch->lo < cur && !atomic_compare_exchange_weak(&C->fail_min, &cur, (int64_t)ch->lo)) {}
        atomic_store_explicit(&ch->done, 1, memory_order_release);
        lyr_event_signal(&C->ev, INT32_MAX);
    }
}

/* ---- caller side ------------------------------------------------------------------------------ */

static void progress_line(const char *name, size_t done, size_t n, bool end) {
    if (end) { fputs("\r\033[K", stderr); fflush(stderr); return; }
    fprintf(stderr, "\r%s: %zu/%zu (%d%%)", name, done, n, n ? (int)(100 * done / n) : 100);
    fflush(stderr);
}

/* Evaluates the n items of C on p; returns a fresh List of results in the
 * caller's VM, or NULL when an exit was started in vm. */
static LyExpr par_run(LyVM *vm, LyfPool *p, struct LyfCall *C, const Opts *o, LyExpr head) {
    size_t n = C->n;
    if (n == 0) return ly_mknormal(vm, LY_SYM(List), 0);
    if (!lyf_pool_usable(vm, p, head)) return lyf_failed();
    size_t w = (size_t)p->nworkers;
    size_t cs = o->chunk > 0 ? (size_t)o->chunk
              : o->method == 1 ? 1
              : o->method == 2 ? (n + w - 1) / w
              : n / (w * 8);
    if (cs < 1) cs = 1;
    if (o->chunk <= 0 && o->method == 0 && cs > 1024) cs = 1024;
    C->nchunks = (n + cs - 1) / cs;
    C->chunks = calloc(C->nchunks, sizeof *C->chunks);
    LyExpr out = ly_mknormal(vm, LY_SYM(List), n);
    C->ntasks = (int)(C->nchunks < w ? C->nchunks : w);
    C->slots = calloc((size_t)C->ntasks, sizeof *C->slots);
    LyExpr *resbuf = calloc(n, sizeof *resbuf);
    C->snap = lyf_snap_update(vm);
    LyrCancel *parent = lyf_current_token();
    C->tok = NULL;
    if (!C->chunks || !out || !C->slots || !resbuf || !C->snap ||
        lyr_cancel_new(parent ? parent : lyr_pool_token(p->rp), LYR_DEADLINE_NEVER, &C->tok) != LYR_OK) {
        free(C->chunks); free(C->slots); free(resbuf);
        if (out) { for (size_t i = 1; i <= n; i++) ly_nset(out, i, LY_SYM(Null)); ly_unref(vm, out); }
        lyf_snap_release(C->snap);
        if (C->tok) lyr_cancel_release(C->tok);
        return ly_raise_nomem(vm);
    }
    for (size_t i = 1; i <= n; i++) ly_nset(out, i, LY_SYM(Null));
    for (size_t k = 0; k < C->nchunks; k++) {
        Chunk *ch = &C->chunks[k];
        ch->lo = k * cs;
        ch->hi = ch->lo + cs < n ? ch->lo + cs : n;
        ch->res = resbuf + ch->lo;
        ch->fail_index = -1;
        lyf_sink_init(&ch->sink);
    }
    atomic_init(&C->fail_min, INT64_MAX);
    atomic_init(&C->next_chunk, 0);
    lyr_event_init(&C->ev);
    C->rkey = ly_random_fork(vm);
    int submitted = 0;
    for (int i = 0; i < C->ntasks; i++) {
        C->slots[i].call = C;
        lyr_task_init(&C->slots[i].t, task_run, &C->slots[i], C->tok, 0);
        if (lyr_pool_submit(p->rp, &C->slots[i].t, LYR_DEADLINE_NEVER) != LYR_OK) break;
        submitted++;
    }
    LyrWorker *me = lyr_current_worker();
    size_t next = 0;
    int64_t failed = -1;
    bool aborted = submitted == 0;
    int64_t t0 = lyr_now_ns(), last_line = 0;
    bool shown = false;
    const char *hname = ly_symbol_name(head);
    while (next < C->nchunks && !aborted) {
        uint32_t ev = lyr_event_value(&C->ev);
        Chunk *ch = &C->chunks[next];
        if (atomic_load_explicit(&ch->done, memory_order_acquire)) {
            lyf_sink_replay(&ch->sink, vm);
            size_t upto = ch->fail_index >= 0 ? (size_t)ch->fail_index : ch->hi;
            for (size_t i = ch->lo; i < upto; i++) {
                LyExpr r = ch->res[i - ch->lo];
                if (!r) { upto = i; break; }
                LyExpr c = ly_copy(vm, r);
                if (!c) { aborted = true; break; }
                ly_nset(out, i + 1, c);
            }
            if (ch->fail_index >= 0) { failed = (int64_t)next; break; }
            if (upto < ch->hi && !aborted) { aborted = true; break; }   /* cancelled under us */
            next++;
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
                progress_line(hname ? hname : "Parallel", C->chunks[next].lo, n, false);
                last_line = now;
                shown = true;
            }
        }
        /* every task final and the next chunk never ran: cancelled */
        bool live = false;
        for (int i = 0; i < submitted && !live; i++) {
            int s = lyr_task_state(&C->slots[i].t);
            live = s == LYR_TASK_PENDING || s == LYR_TASK_RUNNING;
        }
        if (!live && !atomic_load_explicit(&C->chunks[next].done, memory_order_acquire)) { aborted = true; break; }
    }
    if (shown) progress_line(NULL, 0, 0, true);
    if (aborted || failed >= 0) {
        lyr_cancel_fire(C->tok, LYR_CANCEL_USER);
        lyf_kick();
    }
    for (int i = 0; i < submitted; i++) lyr_task_wait(&C->slots[i].t, LYR_DEADLINE_NEVER, NULL);
    /* hand every result back to the worker that made it */
    LyExpr fv = NULL, ft = NULL;
    int kind = 0;
    for (size_t k = 0; k < C->nchunks; k++) {
        Chunk *ch = &C->chunks[k];
        if (!atomic_load(&ch->done)) { lyf_sink_free(&ch->sink); continue; }
        if ((int64_t)k == failed) {
            kind = ch->fail_kind;
            if (ch->fval) fv = ly_copy(vm, ch->fval);
            if (ch->ftag) ft = ly_copy(vm, ch->ftag);
        }
        if (ch->L) {
            for (size_t i = ch->lo; i < ch->hi; i++) if (ch->res[i - ch->lo]) lyf_level_release_later(ch->L, ch->res[i - ch->lo]);
            if (ch->fval) lyf_level_release_later(ch->L, ch->fval);
            if (ch->ftag) lyf_level_release_later(ch->L, ch->ftag);
        }
        lyf_sink_free(&ch->sink);
    }
    free(resbuf);
    free(C->chunks);
    free(C->slots);
    lyf_snap_release(C->snap);
    lyr_cancel_release(C->tok);
    if (failed < 0 && !aborted) return out;
    ly_unref(vm, out);
    if (failed < 0) { ly_unref(vm, fv); ly_unref(vm, ft); return ly_unwinding(vm) ? NULL : ly_raise_abort(vm); }
    switch (kind) {
    case LY_EXIT_THROW: return ly_raise_throw(vm, fv ? fv : LY_SYM(Null), ft);
    case LY_EXIT_ABORT: ly_unref(vm, fv); ly_unref(vm, ft); return ly_raise_abort(vm);
    case LY_EXIT_NOMEM: ly_unref(vm, fv); ly_unref(vm, ft); return ly_raise_nomem(vm);
    default: ly_unref(vm, ft); return ly_raise(vm, (LyExit)kind, fv);
    }
}

/* ---- options ------------------------------------------------------------------------------------ */

static bool is_rule(LyExpr e) {
    return (ly_head_is(e, LY_SYM(Rule)) || ly_head_is(e, LY_SYM(RuleDelayed))) && ly_nlen(e) == 2;
}

static bool rule_name(LyExpr r, const char *name) {
    LyExpr k = ly_narg(r, 1);
    return (ly_is_string(k) && !strcmp(ly_str(k)->s, name)) || ly_is_symbol(k, name);
}

/* Reads trailing options of e from position from; returns the number of
 * non-option arguments, or (size_t)-1 on a bad option (message issued). */
static size_t parse_opts(LyVM *vm, LyExpr e, size_t from, Opts *o) {
    memset(o, 0, sizeof *o);
    size_t n = ly_nlen(e);
    while (n >= from && is_rule(ly_narg(e, n))) n--;
    for (size_t i = n + 1; i <= ly_nlen(e); i++) {
        LyExpr r = ly_narg(e, i), v = ly_narg(r, 2);
        if (rule_name(r, "Method")) {
            if (ly_is_string(v) && !strcmp(ly_str(v)->s, "FinestGrained")) o->method = 1;
            else if (ly_is_string(v) && !strcmp(ly_str(v)->s, "CoarsestGrained")) o->method = 2;
            else o->method = 0;
        } else if (rule_name(r, "ChunkSize")) {
            if (!ly_get_int64(v, &o->chunk) || o->chunk < 1) o->chunk = 0;
        } else if (rule_name(r, "Pool")) {
            o->pool = lyf_pool_arg(v);
            if (!o->pool) { ly_message(vm, ly_nhead(e), "pool", 1, v); return (size_t)-1; }
        } else if (rule_name(r, "ProgressReporting")) {
            o->progress = ly_is_symbol(v, "True");
        } else {
            ly_message(vm, ly_nhead(e), "optx", 2, ly_narg(r, 1), e);
            return (size_t)-1;
        }
    }
    if (!o->pool) o->pool = lyf_pool_default(vm);
    return o->pool ? n : (size_t)-1;
}

static bool listlike(LyExpr l) { return ly_is_packed(l) || ly_is_normal(l); }

/* ---- builtins ------------------------------------------------------------------------------------ */

static LyExpr map_on(LyVM *vm, const Opts *o, LyExpr f, LyExpr list, bool spread, LyExpr head) {
    struct LyfCall C;
    memset(&C, 0, sizeof C);
    C.f = f;
    C.list = list;
    C.mode = MODE_MAP;
    C.spread = spread;
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
    Opts o = { p, 0, 0, false };
    LyExpr r = map_on(vm, &o, f, list, false, ly_symbol(vm, "ParallelMap"));
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
    LyExpr r = map_on(vm, &o, ly_narg(e, 1), list, false, ly_nhead(e));
    if (!r || !ly_head_is(r, LY_SYM(List))) return r;
    LyExpr pk = ly_try_pack(vm, r);
    ly_unref(vm, r);
    return pk;
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

static LyExpr tablelike(LyVM *vm, LyExpr e, int kind) {
    Opts o;
    size_t n = parse_opts(vm, e, 3, &o);
    if (n == (size_t)-1) return lyf_failed();
    if (n < 2) return NULL;
    size_t depth = n - 1;
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
    LyExpr res = flist && fn ? map_on(vm, &o, fn, flist, true, ly_nhead(e)) : NULL;
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
    Opts o = { p, 0, 0, false };
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
    size_t pieces = o.chunk > 0 ? (len + (size_t)o.chunk - 1) / (size_t)o.chunk : (size_t)o.pool->nworkers * 4;
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
    LyExpr mask = map_on(vm, &o, ly_narg(e, 2), list, false, ly_nhead(e));
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
    return LY_OK;
}
