/*
 * lyf_host.c — parallel work from the host (lyra.h): ly_pool_new,
 * ly_submit, ly_submit_fn, ly_await, ly_cancel, ly_future_state.
 *
 * Design: the host API is a thin layer over the script-level objects, so a
 * host pool is a ThreadPool handle and a host future a Future handle —
 * values of the calling VM that hosts and scripts can pass to each other
 * ("Pool" -> pool, WaitAll[{f1, f2}]).  Nothing here touches the cores of
 * pools or futures except through lyf.h and the builtins, so the engine
 * (lyf_pool.c, lyf_future.c, lyf_worker.c) stays the only one.
 *
 * Submitting goes through the private builtin Lyra`Private`HostSubmit
 * [pool, expr] (HoldAllComplete, so expr reaches lyf_submit untouched),
 * evaluated with ly_call: the usual API protocol (stack base, exits turned
 * into statuses, aborts) applies, and lyf_submit snapshots the VM's
 * definitions and copies expr into transport form on this thread.
 *
 * C tasks: HostSubmit[pool, Lyra`Private`HostCall[task]] where task is a
 * HostTask foreign object holding {fn, ud}.  It crosses to the worker's VM
 * through its transfer hook (a copy of the pair) and the HostCall builtin
 * calls fn(worker_vm, ud) there.  Scripts cannot make HostTask objects, so
 * HostCall cannot be used to jump to an arbitrary address.
 *
 * Awaiting: Await[future, t] through ly_call, so the wait is a normal
 * evaluation of the awaiting VM (ly_abort stops it, a task's Throw is
 * re-thrown and becomes LY_ERRRUN).  Await answers $TimedOut, $Aborted or
 * $Failed both for outcomes and for values a task may legitimately return;
 * FutureState, read before and after the wait, tells them apart.
 *
 * Threads: every function runs on the thread that uses vm; HostCall runs on
 * a worker thread with the worker's VM.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "lyf.h"

#define HOST_SUBMIT "Lyra`Private`HostSubmit"
#define HOST_CALL "Lyra`Private`HostCall"

/* ---- C tasks ------------------------------------------------------------------------------ */

typedef struct HostTask { LyTaskFn fn; void *ud; } HostTask;

static const LyForeignType task_type;

static void task_finalize(LyVM *vm, void *data) { (void)vm; free(data); }
static void task_format(LyBuf *b, void *data) { (void)data; ly_buf_puts(b, "<C task>"); }

static LyExpr task_make(LyVM *vm, LyTaskFn fn, void *ud) {
    HostTask *t = malloc(sizeof *t);
    if (!t) return ly_raise_nomem(vm);
    t->fn = fn;
    t->ud = ud;
    return ly_mkforeign(vm, &task_type, t);
}

static LyExpr task_transfer(LyVM *dst, void *data) {
    HostTask *t = data;
    return task_make(dst, t->fn, t->ud);
}

static const LyForeignType task_type = {
    "HostTask", task_finalize, task_format, NULL, NULL, NULL, task_transfer, NULL, NULL, true, NULL
};

/* Lyra`Private`HostCall[task]: runs the task's C function on this VM; its
 * value is final (not evaluated again). */
static LyExpr b_hostcall(LyVM *vm, LyExpr e) {
    HostTask *t = ly_nlen(e) == 1 ? ly_foreign_data(ly_narg(e, 1), &task_type) : NULL;
    if (!t) return NULL;
    LyExpr r = t->fn(vm, t->ud);
    if (ly_unwinding(vm)) { ly_unref(vm, r); return NULL; }
    return ly_evaluated(vm, r ? r : lyf_failed());
}

/* Lyra`Private`HostSubmit[pool | Automatic, expr] */
static LyExpr b_hostsubmit(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2) return NULL;
    LyExpr pe = ly_narg(e, 1), head = ly_symbol(vm, "Submit");
    LyfPool *p = ly_is_symbol(pe, "Automatic") ? lyf_pool_default(vm) : lyf_pool_arg(pe);
    if (!p || !lyf_pool_usable(vm, p, head)) return lyf_failed();
    return lyf_submit(vm, p, ly_narg(e, 2), head);
}

static const LyBuiltin host_builtins[] = {
    { HOST_SUBMIT, b_hostsubmit, "HoldAllComplete Protected", NULL },
    { HOST_CALL, b_hostcall, "Protected", NULL },
    { NULL, NULL, NULL, NULL }
};

LyStatus lyf_open_host(LyVM *vm) { return ly_register_table(vm, host_builtins); }

/* ---- the API ---------------------------------------------------------------------------------- */

static bool is_foreign_named(LyExpr e, const char *name) {
    return ly_type(e) == LY_TFOREIGN && !strcmp(ly_foreign(e)->type->name, name);
}

static LyStatus bad_arg(LyVM *vm, const char *what) {
    ly_set_errmsg(vm, "%s", what);
    return LY_ERRARG;
}

LyStatus ly_pool_new(LyVM *vm, int nworkers, LyExpr *pool) {
    if (!pool) return bad_arg(vm, "ly_pool_new: pool is NULL");
    *pool = NULL;
    LyExpr n = ly_int(vm, nworkers), r = NULL;
    LyStatus st = ly_call(vm, "ThreadPool", nworkers > 0 ? 1 : 0, &n, &r);
    if (st == LY_OK && !lyf_pool_arg(r)) {
        st = ly_is_symbol(r, "$Failed") ? LY_ERRRUN : LY_ERRARG;
        ly_set_errmsg(vm, st == LY_ERRRUN ? "ly_pool_new: cannot start the worker threads"
                                          : "ly_pool_new: bad worker count or no parallel library in this VM");
    }
    if (st != LY_OK) { ly_decref(vm, r); return st; }
    *pool = r;
    return LY_OK;
}

static LyStatus submit(LyVM *vm, LyExpr pool, LyExpr expr, LyExpr *future) {
    LyExpr args[2] = { pool ? pool : LY_SYM(Automatic), expr }, r = NULL;
    LyStatus st = ly_call(vm, HOST_SUBMIT, 2, args, &r);
    if (st == LY_OK && !is_foreign_named(r, "Future")) {
        st = LY_ERRARG;
        ly_set_errmsg(vm, ly_is_symbol(r, "$Failed") ? "the pool is shut down or cannot start"
                                                     : "no parallel library in this VM (ly_new_bare?)");
    }
    if (st != LY_OK) { ly_decref(vm, r); return st; }
    *future = r;
    return LY_OK;
}

LyStatus ly_submit(LyVM *vm, LyExpr pool, LyExpr expr, LyExpr *future) {
    if (!future) return bad_arg(vm, "ly_submit: future is NULL");
    *future = NULL;
    if (!expr) return bad_arg(vm, "ly_submit: expr is NULL");
    if (pool && !lyf_pool_arg(pool)) return bad_arg(vm, "ly_submit: not a ThreadPool");
    return submit(vm, pool, expr, future);
}

LyStatus ly_submit_fn(LyVM *vm, LyExpr pool, LyTaskFn fn, void *ud, LyExpr *future) {
    if (!future) return bad_arg(vm, "ly_submit_fn: future is NULL");
    *future = NULL;
    if (!fn) return bad_arg(vm, "ly_submit_fn: fn is NULL");
    if (pool && !lyf_pool_arg(pool)) return bad_arg(vm, "ly_submit_fn: not a ThreadPool");
    LyExpr t = task_make(vm, fn, ud);
    LyExpr call = t ? ly_mk(vm, ly_symbol(vm, HOST_CALL), 1, t) : NULL;
    if (!call) { ly_set_errmsg(vm, "out of memory"); return LY_ERRMEM; }
    LyStatus st = submit(vm, pool, call, future);
    ly_decref(vm, call);
    return st;
}

LyFutureState ly_future_state(LyVM *vm, LyExpr future) {
    if (!is_foreign_named(future, "Future")) return LY_FUTURE_INVALID;
    static const char *const names[] = { "Pending", "Running", "Done", "Failed", "Cancelled" };
    LyExpr r = NULL;
    LyFutureState s = LY_FUTURE_INVALID;
    if (ly_call(vm, "FutureState", 1, &future, &r) == LY_OK && ly_get_string(r, NULL))
        for (int i = 0; i < 5; i++)
            if (!strcmp(ly_get_string(r, NULL), names[i])) s = (LyFutureState)i;
    ly_decref(vm, r);
    return s;
}

static bool final_state(LyFutureState s) {
    return s == LY_FUTURE_DONE || s == LY_FUTURE_FAILED || s == LY_FUTURE_CANCELLED;
}

LyStatus ly_await(LyVM *vm, LyExpr future, double seconds, LyExpr *result) {
    if (result) *result = NULL;
    if (!is_foreign_named(future, "Future")) return bad_arg(vm, "ly_await: not a Future");
    if (isnan(seconds)) return bad_arg(vm, "ly_await: the timeout is NaN");
    for (int pass = 0;; pass++) {
        bool was_final = final_state(ly_future_state(vm, future));
        LyExpr t = seconds < 0 || seconds > 1e9 ? LY_SYM(Infinity) : ly_real(vm, pass ? 0.0 : seconds);
        if (!t) { ly_set_errmsg(vm, "out of memory"); return LY_ERRMEM; }
        LyExpr args[2] = { future, t }, r = NULL;
        LyStatus st = ly_call(vm, "Await", 2, args, &r);
        ly_decref(vm, t);
        bool timedout = ly_is_symbol(r, "$TimedOut"), aborted = ly_is_symbol(r, "$Aborted"),
             failed = ly_is_symbol(r, "$Failed");
        if (st == LY_OK && (timedout || aborted || failed)) {
            LyFutureState s = ly_future_state(vm, future);
            if (!was_final && final_state(s) && pass == 0) {   /* it finished meanwhile: look again */
                ly_decref(vm, r);
                continue;
            }
            if (s == LY_FUTURE_PENDING || s == LY_FUTURE_RUNNING) {
                st = timedout ? LY_TIMEOUT : LY_ERRRUN;
                ly_set_errmsg(vm, timedout ? "timed out" : "deadlock: nothing can finish the future");
            } else if (s == LY_FUTURE_CANCELLED || (s == LY_FUTURE_FAILED && aborted)) {
                st = LY_ABORTED;
                ly_set_errmsg(vm, s == LY_FUTURE_CANCELLED ? "the task was cancelled" : "the task was aborted");
            } else if (s == LY_FUTURE_FAILED) {
                st = LY_ERRRUN;
                ly_set_errmsg(vm, "the task failed (out of memory)");
            }
            /* LY_FUTURE_DONE: the task's own value */
        }
        if (result) *result = r; else ly_decref(vm, r);
        return st;
    }
}

LyStatus ly_cancel(LyVM *vm, LyExpr future) {
    if (!is_foreign_named(future, "Future")) return bad_arg(vm, "ly_cancel: not a Future");
    return ly_call(vm, "Cancel", 1, &future, NULL);
}
