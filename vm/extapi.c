/*
 * extapi.c — extension-API entry points the stdlib control, scoping and
 * functional modules need from the VM: applying pure functions, the Quiet
 * level and the message hook (Quiet, Check).
 *
 * ly_apply_function is what the evaluator calls for a Function[...] head and
 * what builtins (Map, Nest, Fold, ...) call to apply a function without
 * building f[x] first.  It only substitutes; the caller evaluates.
 *
 * Slot substitution does not enter nested Function[...] bodies: in
 * Function[#1 + Function[#1][2]], the inner #1 belongs to the inner function.
 * Named parameters use ly_substitute, which respects inner scoping constructs
 * that rebind the same name.
 */
#include "lyv.h"

/* ---- pure functions ------------------------------------------------------------ */

typedef struct SlotCtx {
    LyExpr fn;              /* the Function itself (#0) */
    size_t n;
    const LyExpr *args;
    bool reported;          /* one Function::slotn message per application */
} SlotCtx;

static LyExpr call_expr(LyVM *vm, const SlotCtx *c) {
    LyExpr call = ly_mknormal(vm, (ly_ref(c->fn), c->fn), c->n);
    if (!call) return NULL;
    for (size_t i = 0; i < c->n; i++) { ly_ref(c->args[i]); ly_nset(call, i + 1, c->args[i]); }
    return call;
}

/* The value of Slot[k] / SlotSequence[k] (new reference), or NULL when the
 * slot cannot be filled (it is then left as it is). */
static LyExpr slot_value(LyVM *vm, LyExpr s, SlotCtx *c) {
    LyExpr k = ly_narg(s, 1);
    bool seq = ly_nhead(s) == LY_SYM(SlotSequence);
    if (ly_is_small(k) && ly_small(k) >= 0) {
        int64_t i = ly_small(k);
        if (seq) {
            if (i < 1) return NULL;
            size_t from = (size_t)i - 1;
            if (from > c->n) from = c->n;
            return ly_apply(vm, LY_SYM(Sequence), c->n - from, c->args + from);
        }
        if (i == 0) { ly_ref(c->fn); return c->fn; }
        if ((size_t)i <= c->n) { ly_ref(c->args[i - 1]); return c->args[i - 1]; }
        if (!c->reported) {
            c->reported = true;
            LyExpr call = call_expr(vm, c);
            if (call) ly_message(vm, LY_SYM(Function), "slotn", 3, k, c->fn, call);
            ly_unref(vm, call);
        }
        return NULL;
    }
    if (!seq && ly_is_string(k)) {
        if (c->n >= 1 && ly_type(c->args[0]) == LY_TASSOC) {
            LyExpr v = ly_assoc_lookup(c->args[0], k);
            if (v) { ly_ref(v); return v; }
            return ly_mk(vm, LY_SYM(Missing), 2, ly_cstring(vm, "KeyAbsent"), (ly_ref(k), k));
        }
        if (!c->reported) {
            c->reported = true;
            LyExpr call = call_expr(vm, c);
            if (call) ly_message(vm, LY_SYM(Function), "slota", 3, k, c->fn, call);
            ly_unref(vm, call);
        }
    }
    return NULL;
}

/* Replaces slots in e (new reference; e itself when nothing changed). */
static LyExpr subst_slots(LyVM *vm, LyExpr e, SlotCtx *c) {
    if (!ly_is_normal(e)) { ly_ref(e); return e; }
    LyExpr h = ly_nhead(e);
    if ((h == LY_SYM(Slot) || h == LY_SYM(SlotSequence)) && ly_nlen(e) == 1) {
        LyExpr v = slot_value(vm, e, c);
        if (v) return v;
        if (ly_unwinding(vm)) return NULL;
        ly_ref(e);
        return e;
    }
    /* the slots of an inner pure function are its own; a function with named
     * parameters has none, so the outer slots go inside it, as in Wolfram:
     * (Function[x, x + #] &)[5] is Function[x, x + 5] */
    if (h == LY_SYM(Function) && (ly_nlen(e) == 1 || ly_narg(e, 1) == LY_SYM(Null))) { ly_ref(e); return e; }
    size_t n = ly_nlen(e);
    LyExpr r = NULL;
    for (size_t i = 0; i <= n; i++) {
        LyExpr a = ((LyNormal *)e)->e[i];
        LyExpr v = subst_slots(vm, a, c);
        if (!v) { if (r) ly_unref(vm, r); return NULL; }
        if (v != a && !r) {
            r = ly_mknormal(vm, LY_SYM(Null), n);
            if (!r) { ly_unref(vm, v); return NULL; }
            for (size_t j = 0; j < i; j++) {
                LyExpr b = ((LyNormal *)e)->e[j];
                ly_ref(b);
                ((LyNormal *)r)->e[j] = b;
            }
            for (size_t j = i; j <= n; j++) if (j) ly_nset(r, j, LY_SYM(Null));
        }
        if (r) {
            LyExpr old = ((LyNormal *)r)->e[i];
            ((LyNormal *)r)->e[i] = v;
            ly_unref(vm, old);
        } else {
            ly_unref(vm, v);
        }
    }
    if (!r) { ly_ref(e); return e; }
    return r;
}

LyExpr ly_apply_function(LyVM *vm, LyExpr fn, size_t n, const LyExpr *args) {
    if (!ly_head_is(fn, LY_SYM(Function))) return NULL;
    size_t len = ly_nlen(fn);
    LyExpr params = len >= 2 ? ly_narg(fn, 1) : LY_SYM(Null);
    if (len == 1 || (len <= 3 && params == LY_SYM(Null))) {
        SlotCtx c = { fn, n, args, false };
        return subst_slots(vm, ly_narg(fn, len == 1 ? 1 : 2), &c);
    }
    if (len > 3 || len == 0) return NULL;
    LyExpr body = ly_narg(fn, 2);
    size_t m;
    const LyExpr *syms;
    if (ly_is_sym(params)) {
        m = 1;
        syms = &params;
    } else if (ly_head_is(params, LY_SYM(List))) {
        m = ly_nlen(params);
        syms = ly_nargs(params);
        for (size_t i = 0; i < m; i++)
            if (!ly_is_sym(syms[i])) {
                ly_message(vm, LY_SYM(Function), "flpar", 2, params, fn);
                return NULL;
            }
    } else {
        ly_message(vm, LY_SYM(Function), "flpar", 2, params, fn);
        return NULL;
    }
    if (m > n) {
        SlotCtx c = { fn, n, args, false };
        LyExpr call = call_expr(vm, &c);
        if (call) ly_message(vm, LY_SYM(Function), "fpct", 2, params, call);
        ly_unref(vm, call);
        return NULL;
    }
    if (m == 0) { ly_ref(body); return body; }
    return ly_substitute(vm, body, m, syms, args);
}

LyExpr ly_apply_eval(LyVM *vm, LyExpr f, size_t n, const LyExpr *args) {
    if (ly_head_is(f, LY_SYM(Function)) && ly_nlen(f) >= 1 && ly_nlen(f) <= 2) {
        LyExpr body = ly_apply_function(vm, f, n, args);
        if (body) {
            LyExpr r = ly_evaluate(vm, body);
            ly_unref(vm, body);
            return r;
        }
        if (ly_unwinding(vm)) return NULL;
        return ly_apply(vm, f, n, args);    /* malformed: stays as it is, message given */
    }
    return ly_evaluate_call(vm, f, n, args);
}

/* ---- Quiet and Check --------------------------------------------------------------- */

int ly_set_quiet(LyVM *vm, int level) {
    int old = vm->quiet;
    vm->quiet = level < 0 ? 0 : level;
    return old;
}

void ly_get_messages(LyVM *vm, LyWriteHook *hook, void **ud) {
    if (hook) *hook = vm->msg_hook;
    if (ud) *ud = vm->msg_ud;
}

size_t ly_message_count(LyVM *vm) { return vm->message_count; }

/* ---- TimeConstrained and MemoryConstrained -------------------------------------------- */

/* A stack of armed limits.  The evaluator's safe points call
 * lyv_limits_exceeded while any is armed; it reads the clock only every
 * LIMIT_TICKS safe points, so the cost is a counter increment.  The first
 * (outermost) limit found exceeded fires: it is recorded and an Abort
 * starts; the construct that armed it ends the Abort when ly_limit_pop
 * tells it the limit was its own.  Memory is the growth of the VM's live
 * bytes since the limit was armed. */
#include <time.h>

#define LIMIT_MAX 32
#define LIMIT_TICKS 32

typedef struct LyvLimit { double deadline; size_t base, bytes; } LyvLimit;
struct LyvLimits {
    int n;              /* armed limits */
    int fired;          /* index of the limit that fired, or -1 */
    unsigned tick;
    LyvLimit v[LIMIT_MAX];
};

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int ly_limit_push(LyVM *vm, double seconds, size_t bytes) {
    if (!vm->limits) {
        vm->limits = lyv_alloc(vm, sizeof *vm->limits);
        if (!vm->limits) return -1;
        vm->limits->n = 0;
        vm->limits->fired = -1;
        vm->limits->tick = 0;
    }
    struct LyvLimits *L = vm->limits;
    if (L->n >= LIMIT_MAX) return -1;
    LyvLimit *l = &L->v[L->n];
    l->deadline = seconds > 0 ? now_seconds() + seconds : 0;
    l->base = vm->bytes;
    l->bytes = bytes;
    return L->n++;
}

bool ly_limit_pop(LyVM *vm, int level) {
    struct LyvLimits *L = vm->limits;
    if (!L || level < 0 || level >= L->n) return false;
    bool fired = L->fired == level;
    if (L->fired >= level) L->fired = -1;
    L->n = level;
    if (L->n == 0) {
        lyv_free(vm, L, sizeof *L);
        vm->limits = NULL;
    }
    return fired;
}

bool lyv_limits_exceeded(LyVM *vm, bool now_) {
    struct LyvLimits *L = vm->limits;
    int upto = L->fired >= 0 ? L->fired : L->n;    /* a fired limit waits for its pop */
    if (upto == 0 || ((++L->tick % LIMIT_TICKS) != 0 && !now_)) return false;
    double now = -1;
    for (int i = 0; i < upto; i++) {
        LyvLimit *l = &L->v[i];
        bool over = l->bytes && vm->bytes > l->base && vm->bytes - l->base > l->bytes;
        if (!over && l->deadline > 0) {
            if (now < 0) now = now_seconds();
            over = now >= l->deadline;
        }
        if (over) { L->fired = i; return true; }
    }
    return false;
}

bool lyv_limits_alloc(LyVM *vm, size_t grow) {
    struct LyvLimits *L = vm->limits;
    int upto = L->fired >= 0 ? L->fired : L->n;
    for (int i = 0; i < upto; i++) {
        LyvLimit *l = &L->v[i];
        if (!l->bytes) continue;
        size_t used = vm->bytes > l->base ? vm->bytes - l->base : 0;
        if (grow > l->bytes || used > l->bytes - grow) {
            L->fired = i;
            ly_raise_abort(vm);
            return true;
        }
    }
    return false;
}

bool lyv_limit_fired(LyVM *vm) { return vm->limits && vm->limits->fired >= 0; }

/* ---- results a builtin evaluated itself ------------------------------------------------ */

LyExpr ly_evaluated(LyVM *vm, LyExpr v) {
    vm->result_final = v != NULL;
    return v;
}
