/*
 * lyf_future.c — Future: ParallelSubmit, Submit, Await, WaitAll, WaitNext,
 * FutureState, Cancel.
 *
 * Crossing VMs: the submitting VM keeps running, so everything the task
 * needs is prepared on its thread at submit time: the expression is copied
 * into transport form (lyf_xfer.c) and the caller's definitions snapshot is
 * brought up to date (lyf_snap_update).  The worker copies the expression
 * into its level VM, evaluates it, and puts the result (or the Throw value
 * and tag) into transport form; Await copies it into the awaiting VM.
 *
 * Lifetime: the core is refcounted by handles.  Its LyrTask must stay valid
 * until the runtime marks it final, so a core whose last handle goes while
 * its task is not final is parked on the pool's zombie list and freed by a
 * later submit or by the pool's shutdown (lyf_pool_reap).
 *
 * Waiting: Await waits in slices (<= 10 ms) with lyr_task_wait, which on a
 * pool worker runs other tasks meanwhile (help-while-waiting), and checks
 * the awaiting VM's abort flag and deadline between slices.
 */
#include <stdlib.h>
#include <string.h>
#include "lyf.h"

enum { F_PENDING, F_RUNNING, F_DONE, F_FAILED, F_CANCELLED };

typedef struct LyfFuture {
    LyfNode node;               /* first: handles, and the cycles through values (lyf_node.c) */
    LyrTask task;
    LyfPool *pool;
    LyfSnap *snap;
    LyfDelta delta;             /* what changed since snap, when it was pinned */
    LyrCancel *tok;
    LyfVal expr;
    _Atomic int state;
    _Atomic bool cancel_req;
    bool unqueued;              /* submission failed: the task never runs */
    int fail_kind;              /* LyExit of a failure */
    LyfVal result, fval, ftag;  /* set before state becomes final (release) */
    struct LyfFuture *znext;
} LyfFuture;

static LyrEvent fut_event;      /* signalled whenever a future completes */

/* The future's values in flight are held by its node (lyf_node_hold), so
 * a future whose result holds a handle to itself, or to a channel that
 * buffers the future, is freed with the rest of the cycle. */
static void drop_held(LyfFuture *f, LyfVal *v) {
    if (*v) lyf_node_drop(&f->node, *v);
    *v = NULL;
}

static void drop_values(LyfFuture *f) {
    drop_held(f, &f->expr);
    drop_held(f, &f->result);
    drop_held(f, &f->fval);
    drop_held(f, &f->ftag);
}

static void fut_free(LyfFuture *f) {
    drop_values(f);
    lyf_node_fini(&f->node);
    lyf_snap_release(f->snap);
    lyf_delta_free(&f->delta);
    if (f->tok) lyr_cancel_release(f->tok);
    lyf_pool_release(f->pool);
    free(f);
}

static bool task_final(LyfFuture *f) {
    if (f->unqueued) return true;
    int s = lyr_task_state(&f->task);
    return s == LYR_TASK_DONE || s == LYR_TASK_CANCELLED;
}

void lyf_pool_reap(LyfPool *p) {
    pthread_mutex_lock(&p->mu);
    LyfFuture **pp = &p->zombies, *dead = NULL;
    while (*pp) {
        LyfFuture *f = *pp;
        if (task_final(f)) { *pp = f->znext; f->znext = dead; dead = f; }
        else pp = &f->znext;
    }
    pthread_mutex_unlock(&p->mu);
    while (dead) { LyfFuture *n = dead->znext; fut_free(dead); dead = n; }
}

/* The last handle went. */
static void fut_destroy(LyfNode *n) {
    LyfFuture *f = (LyfFuture *)n;
    if (task_final(f)) { fut_free(f); return; }
    LyfPool *p = f->pool;
    lyf_pool_retain(p);          /* the zombie list must not outlive p */
    pthread_mutex_lock(&p->mu);
    f->znext = p->zombies;
    p->zombies = f;
    pthread_mutex_unlock(&p->mu);
    lyf_pool_release(p);
}

/* Garbage (no handle outside values held in garbage nodes): nobody can
 * await it, so its values go -- once its task is over; a running one keeps
 * them until the future is reaped. */
static void fut_drain(LyfNode *n) {
    LyfFuture *f = (LyfFuture *)n;
    if (task_final(f)) drop_values(f);
}

static void finish(LyfFuture *f, int state) {
    atomic_store_explicit(&f->state, state, memory_order_release);
    lyf_progress();
    lyr_event_signal(&fut_event, INT32_MAX);
}

static void fut_body(LyfLevel *L, void *arg) {
    LyfFuture *f = arg;
    LyVM *vm = L->vm;
    LyExpr x = lyf_val_peek(vm, f->expr);
    LyExpr r = x ? ly_evaluate(vm, x) : NULL;
    ly_unref(vm, x);
    if (r) {
        f->result = lyf_node_put(&f->node, vm, r);
        ly_unref(vm, r);
        if (!f->result) { f->fail_kind = LY_EXIT_NOMEM; finish(f, F_FAILED); return; }
        finish(f, F_DONE);
        return;
    }
    LyExit k = ly_exit_kind(vm);
    LyExpr v = NULL, tag = NULL;
    ly_exit_take(vm, &v, &tag);
    if (k == LY_EXIT_RETURN && v) {
        f->result = lyf_node_put(&f->node, vm, v);
        ly_unref(vm, v);
        ly_unref(vm, tag);
        finish(f, f->result ? F_DONE : F_FAILED);
        return;
    }
    f->fail_kind = k == LY_EXIT_NONE ? LY_EXIT_NOMEM : k;
    if (k == LY_EXIT_THROW) {
        f->fval = v ? lyf_node_put(&f->node, vm, v) : NULL;
        f->ftag = tag ? lyf_node_put(&f->node, vm, tag) : NULL;
    }
    ly_unref(vm, v);
    ly_unref(vm, tag);
    finish(f, k == LY_EXIT_ABORT && atomic_load(&f->cancel_req) ? F_CANCELLED : F_FAILED);
}

static void fut_run(LyrTask *t, void *arg) {
    LyfFuture *f = arg;
    /* Pending -> Running in one step, or not at all: state_of may have made
     * a future cancelled before it started final already */
    int from = F_PENDING;
    if (lyr_task_cancelled(t) || atomic_load(&f->cancel_req) ||
        !atomic_compare_exchange_strong(&f->state, &from, F_RUNNING)) {
        lyf_snap_release(f->snap);      /* nor does a cancelled one hold the snapshot */
        f->snap = NULL;
        lyf_delta_free(&f->delta);
        if (from == F_PENDING) finish(f, F_CANCELLED);
        return;
    }
    LyfLevel *L = lyf_level_enter(f->snap, &f->delta, f->tok, NULL, NULL);
    /* the level has the definitions now: the snapshot may move on */
    lyf_snap_release(f->snap);
    f->snap = NULL;
    lyf_delta_free(&f->delta);
    if (!L) { f->fail_kind = LY_EXIT_NOMEM; finish(f, F_FAILED); return; }
    lyf_level_run(L, fut_body, f);
    lyf_level_leave(L);
    if (atomic_load(&f->state) == F_RUNNING) finish(f, F_CANCELLED);
}

/* ---- the foreign type ----------------------------------------------------------------------- */

static const LyForeignType future_type;

static LyExpr mkhandle(LyVM *vm, LyfFuture *f) {
    lyf_node_retain(&f->node);
    return ly_mkforeign(vm, &future_type, f);   /* on failure its finalize released f */
}

static int state_of(LyfFuture *f) {
    int s = atomic_load_explicit(&f->state, memory_order_acquire);
    if (s == F_PENDING && (lyr_task_state(&f->task) == LYR_TASK_CANCELLED || atomic_load(&f->cancel_req))) {
        /* cancelled before it started: Cancelled for good from here on (it
         * was a guess, and the task could still move to Running: an Await
         * gave $Aborted, then FutureState said "Running") */
        if (atomic_compare_exchange_strong(&f->state, &s, F_CANCELLED)) {
            lyf_progress();
            lyr_event_signal(&fut_event, INT32_MAX);
            return F_CANCELLED;
        }
    }
    return s;
}

static const char *state_name(int s) {
    static const char *names[] = { "Pending", "Running", "Done", "Failed", "Cancelled" };
    return names[s];
}

static void fut_finalize(LyVM *vm, void *data) { (void)vm; lyf_node_release(data); }
static void fut_format(LyBuf *b, void *data) { ly_buf_printf(b, "<%s>", state_name(state_of(data))); }
static bool fut_equal(void *a, void *b) { return a == b; }
static uint64_t fut_hash(void *d) { return (uint64_t)(uintptr_t)d * 0x9E3779B97F4A7C15ULL; }
static LyExpr fut_transfer(LyVM *dst, void *data) {
    LyExpr h = mkhandle(dst, data);
    if (h) lyf_xfer_note(dst, data);
    return h;
}

static LyfFuture *future_arg(LyExpr e) {
    if (ly_type(e) != LY_TFOREIGN || ly_foreign(e)->type != &future_type) return NULL;
    return ly_foreign(e)->data;
}

/* The value of a final future in vm (may start a Throw: NULL). */
static LyExpr outcome(LyVM *vm, LyfFuture *f, int s) {
    if (s == F_DONE) return lyf_val_peek(vm, f->result);
    if (s == F_CANCELLED) return LY_SYM(DAborted);
    switch (f->fail_kind) {
    case LY_EXIT_ABORT: return LY_SYM(DAborted);
    case LY_EXIT_THROW: {
        LyExpr v = f->fval ? lyf_val_peek(vm, f->fval) : LY_SYM(Null);
        LyExpr t = f->ftag ? lyf_val_peek(vm, f->ftag) : NULL;
        return ly_raise_throw(vm, v, t);
    }
    case LY_EXIT_NOMEM:
        /* the task's VM ran out (its budget is the caller's, lyf_worker.c):
         * say so here, the worker's own report ends with its VM's exit */
        ly_message(vm, ly_symbol(vm, "General"), "nomem", 0);
        return lyf_failed();
    default: return lyf_failed();
    }
}

/* Waits for f until deadline; *timed_out set on timeout.  NULL: the waiting
 * VM was aborted (exit in progress) or a deadlock was found (*dead). */
static int wait_final(LyVM *vm, LyfFuture *f, int64_t deadline, bool *timed_out, bool *dead) {
    *timed_out = *dead = false;
    bool unbounded = deadline == LYR_DEADLINE_NEVER, blocked = false;
    uint64_t mark = 0;
    int64_t since = 0;
    int s;
    while ((s = state_of(f)) == F_PENDING || s == F_RUNNING) {
        if (lyr_now_ns() >= deadline) { *timed_out = true; break; }
        if (unbounded && !blocked) { lyf_block_enter(); blocked = true; }
        lyr_task_wait(&f->task, lyf_slice_deadline(deadline), NULL);
        if (!ly_safe_point(vm)) { s = -1; break; }
        if (unbounded && lyf_deadlocked(&mark, &since)) { *dead = true; s = -1; break; }
    }
    if (blocked) lyf_block_leave();
    return s;
}

static LyExpr await2(LyVM *vm, LyfFuture *f, int64_t deadline, LyExpr head, bool *deadp) {
    bool to, dead;
    int s = wait_final(vm, f, deadline, &to, &dead);
    if (deadp) *deadp = dead;
    if (dead) { ly_message(vm, head, "deadlock", 0); return lyf_failed(); }
    if (s < 0) return NULL;
    if (to) return LY_SYM(DTimedOut);
    return outcome(vm, f, s);
}

static LyExpr await(LyVM *vm, LyfFuture *f, int64_t deadline, LyExpr head) {
    return await2(vm, f, deadline, head, NULL);
}

static void cancel(LyfFuture *f) {
    atomic_store(&f->cancel_req, true);
    if (f->tok) lyr_cancel_fire(f->tok, LYR_CANCEL_USER);
    lyf_kick();
    lyr_event_signal(&fut_event, INT32_MAX);
}

static LyExpr fut_method(LyVM *vm, LyExpr self, const char *name, size_t n, const LyExpr *args) {
    LyfFuture *f = future_arg(self);
    LyExpr await_sym = ly_symbol(vm, "Await");
    if (lyf_name_is(name, "Await") && n <= 1) {
        int64_t dl = LYR_DEADLINE_NEVER;
        if (n == 1 && !lyf_timeout_arg(vm, "Await", args[0], &dl)) return NULL;
        return await(vm, f, dl, await_sym);
    }
    if (lyf_name_is(name, "State") && n == 0) return ly_cstring(vm, state_name(state_of(f)));
    if (lyf_name_is(name, "Cancel") && n == 0) { cancel(f); return LY_SYM(Null); }
    return lyf_nomethod(vm, ly_symbol(vm, "Future"), name);
}

static const LyForeignType future_type = {
    "Future", fut_finalize, fut_format, fut_method, fut_equal, fut_hash, fut_transfer, NULL, NULL,
    true,   /* its task and result are copies out of the VM (ly_copy marks their symbols) */
    NULL
};

/* ---- submitting ----------------------------------------------------------------------------------- */

LyExpr lyf_submit(LyVM *vm, LyfPool *p, LyExpr expr, LyExpr head) {
    if (lyf_cluster_takes(vm, p)) {
        LyExpr r = lyf_cluster_submit(vm, p, expr, head);
        if (r || ly_unwinding(vm)) return r;
    }
    lyf_pool_reap(p);
    LyfFuture *f = calloc(1, sizeof *f);
    if (!f) return ly_raise_nomem(vm);
    lyf_node_init(&f->node, fut_destroy, fut_drain);
    atomic_init(&f->state, F_PENDING);
    atomic_init(&f->cancel_req, false);
    f->pool = p;
    lyf_pool_retain(p);
    f->expr = lyf_node_put(&f->node, vm, expr);
    f->snap = lyf_snap_update(vm, &f->delta);
    LyrCancel *parent = lyf_current_token();
    if (!f->expr || !f->snap || lyr_cancel_new(parent ? parent : lyr_pool_token(p->rp), LYR_DEADLINE_NEVER, &f->tok) != LYR_OK) {
        f->tok = NULL;
        fut_free(f);
        return ly_raise_nomem(vm);
    }
    lyr_task_init(&f->task, fut_run, f, f->tok, 0);
    LyExpr h = mkhandle(vm, f);
    if (!h) return NULL;
    LyrStatus st = lyr_pool_submit(p->rp, &f->task, LYR_DEADLINE_NEVER);
    if (st != LYR_OK) {
        f->unqueued = true;
        atomic_store(&f->state, F_CANCELLED);
        ly_unref(vm, h);
        ly_message(vm, head, "shutdown", 0);
        return lyf_failed();
    }
    return h;
}

/* ---- builtins ------------------------------------------------------------------------------------------ */

/* ParallelSubmit[expr]; ParallelSubmit[{x, y, ...}, expr] first puts the
 * current values of the variables x, y, ... into expr (a closure, as in
 * Wolfram), so loop variables reach the task with the value they had at
 * submission. */
static LyExpr b_parallelsubmit(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n != 1 && n != 2) return NULL;
    LyExpr vars = n == 2 ? ly_narg(e, 1) : NULL;
    if (vars && (!ly_head_is(vars, LY_SYM(List)) || ly_nlen(vars) > 64)) return NULL;
    if (vars) for (size_t i = 1; i <= ly_nlen(vars); i++) if (!ly_is_sym(ly_narg(vars, i))) return NULL;
    LyfPool *p = lyf_pool_default(vm);
    if (!p) return lyf_failed();
    if (!vars) return lyf_submit(vm, p, ly_narg(e, 1), ly_nhead(e));
    size_t k = ly_nlen(vars);
    LyExpr vals[64];
    for (size_t i = 0; i < k; i++) {
        vals[i] = ly_evaluate(vm, ly_narg(vars, i + 1));
        if (!vals[i]) { while (i--) ly_unref(vm, vals[i]); return NULL; }
    }
    LyExpr x = ly_substitute(vm, ly_narg(e, 2), k, ly_nargs(vars), vals);
    for (size_t i = 0; i < k; i++) ly_unref(vm, vals[i]);
    if (!x) return NULL;
    LyExpr r = lyf_submit(vm, p, x, ly_nhead(e));
    ly_unref(vm, x);
    return r;
}

static LyExpr b_await(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 1 || n > 2) return NULL;
    LyfFuture *f = future_arg(ly_narg(e, 1));
    if (!f) return NULL;
    int64_t dl = LYR_DEADLINE_NEVER;
    if (n == 2 && !lyf_timeout_arg(vm, "Await", ly_narg(e, 2), &dl)) return NULL;
    return await(vm, f, dl, ly_nhead(e));
}

static LyExpr b_futurestate(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 1) return NULL;
    LyfFuture *f = future_arg(ly_narg(e, 1));
    return f ? ly_cstring(vm, state_name(state_of(f))) : NULL;
}

static LyExpr b_cancel(LyVM *vm, LyExpr e) {
    (void)vm;
    if (ly_nlen(e) != 1) return NULL;
    LyfFuture *f = future_arg(ly_narg(e, 1));
    if (!f) return NULL;
    cancel(f);
    return LY_SYM(Null);
}

/* WaitAll[expr]: every Future in expr replaced by its value, in order.
 * A deadlock ends the whole wait (*dead set; the caller gives $Failed). */
static LyExpr waitall(LyVM *vm, LyExpr x, LyExpr head, bool *dead) {
    LyfFuture *f = future_arg(x);
    if (f) {
        LyExpr v = await2(vm, f, LYR_DEADLINE_NEVER, head, dead);
        if (*dead) { ly_unref(vm, v); return NULL; }
        return v;
    }
    if (ly_type(x) == LY_TASSOC) {       /* values of the rules, keys as they are */
        LyAssoc *a = ly_assoc(x);
        LyExpr rules = ly_mknormal(vm, LY_SYM(List), a->len);
        if (!rules) return NULL;
        for (size_t i = 1; i <= a->len; i++) ly_nset(rules, i, LY_SYM(Null));
        for (size_t i = 0; i < a->len; i++) {
            LyExpr v = waitall(vm, a->rules[i], head, dead);
            if (!v) { ly_unref(vm, rules); return NULL; }
            ly_nset(rules, i + 1, v);
        }
        LyExpr r = ly_mkassoc(vm, a->len, ly_nargs(rules));
        ly_unref(vm, rules);
        return r;
    }
    if (!ly_is_normal(x)) { ly_ref(x); return x; }
    size_t n = ly_nlen(x);
    LyExpr r = ly_mknormal(vm, NULL, n);
    if (!r) return NULL;
    for (size_t i = 0; i <= n; i++) {
        LyExpr v = waitall(vm, ly_normal(x)->e[i], head, dead);
        if (!v) {
            for (size_t j = i; j <= n; j++) ly_normal(r)->e[j] = LY_SYM(Null);
            ly_unref(vm, r);
            return NULL;
        }
        ly_normal(r)->e[i] = v;
    }
    return r;
}

static LyExpr b_waitall(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 1) return NULL;
    bool dead = false;
    LyExpr r = waitall(vm, ly_narg(e, 1), ly_nhead(e), &dead);
    return dead ? lyf_failed() : r;
}

/* WaitNext[{f1, f2, ...}] -> {value, fi, rest} */
static LyExpr b_waitnext(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 1 || !ly_head_is(ly_narg(e, 1), LY_SYM(List))) return NULL;
    LyExpr l = ly_narg(e, 1);
    size_t n = ly_nlen(l);
    if (n == 0) return NULL;
    for (size_t i = 1; i <= n; i++) if (!future_arg(ly_narg(l, i))) return NULL;
    uint64_t mark = 0;
    int64_t since = 0;
    bool blocked = false;
    size_t hit = 0;
    LyExpr result = NULL;
    for (;;) {
        uint32_t ev = lyr_event_value(&fut_event);
        for (size_t i = 1; i <= n && !hit; i++) {
            int s = state_of(future_arg(ly_narg(l, i)));
            if (s != F_PENDING && s != F_RUNNING) hit = i;
        }
        if (hit) break;
        if (!blocked) { lyf_block_enter(); blocked = true; }
        if (lyr_current_worker())
            lyr_task_wait(&future_arg(ly_narg(l, 1))->task, lyr_deadline_in(LYR_NS_PER_MS), NULL);
        else
            lyr_event_wait(&fut_event, ev, lyf_slice_deadline(LYR_DEADLINE_NEVER), NULL);
        if (!ly_safe_point(vm)) { if (blocked) lyf_block_leave(); return NULL; }
        if (lyf_deadlocked(&mark, &since)) {
            if (blocked) lyf_block_leave();
            ly_message(vm, ly_nhead(e), "deadlock", 0);
            return lyf_failed();
        }
    }
    if (blocked) lyf_block_leave();
    LyfFuture *f = future_arg(ly_narg(l, hit));
    LyExpr v = outcome(vm, f, state_of(f));
    if (!v) return NULL;
    LyExpr rest = ly_mknormal(vm, LY_SYM(List), n - 1);
    if (!rest) { ly_unref(vm, v); return NULL; }
    for (size_t i = 1, k = 1; i <= n; i++) {
        if (i == hit) continue;
        ly_ref(ly_narg(l, i));
        ly_nset(rest, k++, ly_narg(l, i));
    }
    ly_ref(ly_narg(l, hit));
    result = ly_mk(vm, LY_SYM(List), 3, v, ly_narg(l, hit), rest);
    return result;
}

static const LyBuiltin future_builtins[] = {
    { "ParallelSubmit", b_parallelsubmit, "HoldAll Protected",
      "ParallelSubmit[expr] evaluates expr on a worker of the default pool and gives a Future. ParallelSubmit[{x, y, ...}, expr] first inserts the current values of x, y, ... into expr." },
    { "Await", b_await, "Protected",
      "Await[future] waits for the value of future. Await[future, t] gives $TimedOut after t seconds." },
    { "WaitAll", b_waitall, "Protected", "WaitAll[expr] replaces every Future in expr by its value." },
    { "WaitNext", b_waitnext, "Protected",
      "WaitNext[{f1, f2, ...}] waits for the first future to finish and gives {value, fi, rest}." },
    { "FutureState", b_futurestate, "Protected",
      "FutureState[future] gives \"Pending\", \"Running\", \"Done\", \"Failed\" or \"Cancelled\"." },
    { "Cancel", b_cancel, "Protected", "Cancel[future] stops future; Await then gives $Aborted." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lyf_open_future(LyVM *vm) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    (void)once;
    LyStatus st = ly_register_table(vm, future_builtins);
    if (st != LY_OK) return st;
    ly_set_message(vm, "General", "tmout", "The timeout `1` is not a non-negative number of seconds or Infinity.");
    ly_set_message(vm, "General", "deadlock",
                   "Deadlock: this thread and every worker are blocked on channels or futures that nothing can complete.");
    ly_set_message(vm, "Future", "nomethod", "Future has no method `1`.");
    return LY_OK;
}
