/*
 * api.c — the public API (lyra.h): VM lifetime, evaluation entry points,
 * value construction and inspection.
 *
 * Every entry point that evaluates clears any stale exit, records the C
 * stack position for the stack budget, and turns a pending exit into a
 * status code: nothing longjmps, and no exit leaks out of an API call.
 */
#include <stdlib.h>
#include <sys/resource.h>
#include "lyv.h"
#include "dispatch.h"

static void *default_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    (void)ud; (void)osize;
    if (nsize == 0) { free(ptr); return NULL; }
    return realloc(ptr, nsize);
}

static size_t default_stack_limit(void) {
    struct rlimit rl;
    size_t lim = 8u << 20;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) lim = (size_t)rl.rlim_cur;
    lim = lim / 4 * 3;
    return lim > (6u << 20) ? (6u << 20) : lim;
}

LyVM *ly_new_bare(LyAlloc alloc, void *ud) {
    if (!alloc) alloc = default_alloc;
    lyv_symtab_init();
    LyVM *vm = alloc(ud, NULL, 0, sizeof(LyVM));
    if (!vm) return NULL;
    memset(vm, 0, sizeof *vm);
    vm->alloc = alloc;
    vm->alloc_ud = ud;
    atomic_init(&vm->abort_requested, 0);
    vm->recursion_limit = LY_DEFAULT_RECURSION_LIMIT;
    vm->iteration_limit = LY_DEFAULT_ITERATION_LIMIT;
    vm->stack_limit = default_stack_limit();
    lyv_stack_bounds(vm);
    lyv_mem_init(vm);
    lyv_gc_init(vm);
    vm->line = 1;
    return vm;
}

LyStatus ly_open_core(LyVM *vm) { return lyv_open_core(vm); }

void ly_close(LyVM *vm) {
    if (!vm) return;
    lyv_owner_check(vm);
    lyv_clear_unwind(vm);
    for (int i = 0; i < LY_NSLOTS; i++) {
        void *data = vm->slots[i].data;
        void (*dtor)(LyVM *, void *) = vm->slots[i].dtor;
        vm->slots[i].key = NULL;
        vm->slots[i].data = NULL;
        vm->slots[i].dtor = NULL;
        if (data && dtor) dtor(vm, data);
    }
    lyv_rules_release(vm);
    lyv_ctx_release(vm);
    lyv_messages_free(vm);
    lyv_holds_release(vm);
    lyv_defs_free_all(vm);
    lyv_temps_close(vm);
    lyv_match_release(vm);
    ly_unref(vm, vm->off_list);
    ly_unref(vm, vm->outs);
    ly_unref(vm, vm->argv);
    vm->off_list = vm->outs = vm->argv = NULL;
    lyv_mem_release(vm);
    vm->alloc(vm->alloc_ud, vm, sizeof(LyVM), 0);
}

/* ---- extension slots ---------------------------------------------------------------- */

bool ly_set_slot(LyVM *vm, const void *key, void *data, void (*dtor)(LyVM *, void *)) {
    int free_i = -1;
    for (int i = 0; i < LY_NSLOTS; i++) {
        if (vm->slots[i].key == key) {
            if (!data) { vm->slots[i].key = NULL; vm->slots[i].dtor = NULL; }
            else vm->slots[i].dtor = dtor;
            vm->slots[i].data = data;
            return true;
        }
        if (!vm->slots[i].key && free_i < 0) free_i = i;
    }
    if (!data) return true;
    if (free_i < 0) return false;
    vm->slots[free_i].key = key;
    vm->slots[free_i].data = data;
    vm->slots[free_i].dtor = dtor;
    return true;
}

void *ly_get_slot(LyVM *vm, const void *key) {
    for (int i = 0; i < LY_NSLOTS; i++)
        if (vm->slots[i].key == key) return vm->slots[i].data;
    return NULL;
}

const char *ly_errmsg(LyVM *vm) { return vm->errmsg; }
int ly_quit_code(LyVM *vm) { return vm->quit_code; }

void ly_set_stack_limit(LyVM *vm, size_t bytes) { vm->stack_limit = bytes; lyv_stack_bounds(vm); }

/* ---- entering and leaving ------------------------------------------------------------- */

#ifdef LYV_OWNER_CHECKS
/* A thread's identity: the address of a thread-local, unique among live
 * threads (no pthread_self in vm/). */
static _Thread_local char thread_tag;

static _Noreturn void misuse(LyVM *vm) {
    fprintf(stderr, "lyra: VM %p used by two threads at once (lyra.h: a VM is used by one "
                    "thread at a time)\n", (void *)vm);
    abort();
}

void lyv_owner_check(LyVM *vm) {
    uintptr_t o = atomic_load_explicit(&vm->owner, memory_order_relaxed);
    if (o && o != (uintptr_t)&thread_tag) misuse(vm);
}

/* The outermost call claims the VM for its thread (a CAS, so two threads
 * entering at once are caught too); nested calls must be on that thread. */
static void owner_enter(LyVM *vm) {
    uintptr_t me = (uintptr_t)&thread_tag, o = atomic_load_explicit(&vm->owner, memory_order_relaxed);
    if (o == me) return;
    uintptr_t zero = 0;
    if (!atomic_compare_exchange_strong_explicit(&vm->owner, &zero, me, memory_order_relaxed,
                                                 memory_order_relaxed)) misuse(vm);
}
static void owner_leave(LyVM *vm) { atomic_store_explicit(&vm->owner, 0, memory_order_relaxed); }
#else
static void owner_enter(LyVM *vm) { (void)vm; }
static void owner_leave(LyVM *vm) { (void)vm; }
#endif

/* Ends an API call that did not go through leave(). */
static void leave_quiet(LyVM *vm) {
    if (--vm->api_depth == 0) owner_leave(vm);
}

static void enter(LyVM *vm) {
    char here;
    owner_enter(vm);
    if (vm->api_depth++ == 0) {
        vm->stack_base = (uintptr_t)&here;
        lyv_stack_bounds(vm);
        /* an abort requested while the VM was idle is stale */
        atomic_store_explicit(&vm->abort_requested, 0, memory_order_relaxed);
        lyv_clear_unwind(vm);
        vm->errmsg[0] = 0;
    }
}

/* Converts a pending exit at top level into a status (and messages), as
 * Wolfram's top level does: an uncaught Throw[v] gives Throw::nocatch and
 * Hold[Throw[v]], a Return[v] with nothing to return from is the value
 * Return[v]. */
static LyStatus take_exit(LyVM *vm, LyExpr *result) {
    LyStatus st = LY_OK;
    switch (vm->unwind) {
    case LYU_NONE: break;
    case LYU_ABORT:
        st = LY_ABORTED;
        snprintf(vm->errmsg, sizeof vm->errmsg, "$Aborted");
        if (result) *result = LY_SYM(DAborted);
        break;
    case LYU_NOMEM:
        st = LY_ERRMEM;
        snprintf(vm->errmsg, sizeof vm->errmsg, "out of memory");
        ly_message(vm, LY_SYM(General), "nomem", 0);
        if (result) *result = LY_SYM(DAborted);
        break;
    case LYU_THROW: {
        LyExpr v = vm->unwind_value, t = vm->unwind_tag;
        vm->unwind_value = vm->unwind_tag = NULL;
        vm->unwind = LYU_NONE;
        LyExpr th = t ? ly_mk(vm, LY_SYM(Throw), 2, v, t) : ly_mk(vm, LY_SYM(Throw), 1, v);
        if (th) ly_message(vm, LY_SYM(Throw), "nocatch", 1, th);
        snprintf(vm->errmsg, sizeof vm->errmsg, "uncaught Throw");
        st = LY_ERRRUN;
        if (result) *result = th ? ly_mk(vm, LY_SYM(Hold), 1, th) : NULL;
        else ly_unref(vm, th);
        break;
    }
    case LYU_RETURN: {
        LyExpr v = vm->unwind_value;
        vm->unwind_value = NULL;
        vm->unwind = LYU_NONE;
        LyExpr r = v && v != LY_SYM(Null) ? ly_mk(vm, LY_SYM(Return), 1, v) : ly_mk(vm, LY_SYM(Return), 0);
        if (v == LY_SYM(Null)) ly_unref(vm, v);
        if (result) *result = r;
        else ly_unref(vm, r);
        break;
    }
    case LYU_QUIT: {
        int64_t code = 0;
        if (vm->unwind_value) ly_get_int64(vm->unwind_value, &code);
        vm->quit_code = (int)(code & 0xff);
        st = LY_QUIT;
        snprintf(vm->errmsg, sizeof vm->errmsg, "Quit[%d]", vm->quit_code);
        if (result) *result = LY_SYM(Null);
        break;
    }
    case LYU_BREAK: case LYU_CONTINUE: {
        LyExpr s = vm->unwind == LYU_BREAK ? LY_SYM(Break) : LY_SYM(Continue);
        ly_message(vm, s, "nofunc", 0);
        if (result) *result = ly_mk(vm, LY_SYM(Hold), 1, ly_mk(vm, s, 0));
        break;
    }
    }
    lyv_clear_unwind(vm);
    return st;
}

/* Ends an API call: a pending exit becomes a status.  The outermost call
 * hands its value to the host (out, or *result) and is a top-level point
 * where escaped Module locals nothing references go (tempgc.c). */
static LyStatus leave_with(LyVM *vm, LyExpr *result, LyExpr out) {
    LyStatus st = take_exit(vm, result);
    if (--vm->api_depth == 0) {
        atomic_store_explicit(&vm->abort_requested, 0, memory_order_relaxed);
        vm->depth = 0;
        if (result && *result) lyv_handout(vm, *result);
        if (out) lyv_handout(vm, out);
        lyv_gc_top(vm, NULL);
        owner_leave(vm);
    }
    return st;
}

static LyStatus leave(LyVM *vm, LyExpr *result) { return leave_with(vm, result, NULL); }

/* ---- evaluation ------------------------------------------------------------------------- */

LyStatus ly_eval(LyVM *vm, LyExpr e, LyExpr *result) {
    enter(vm);
    if (vm->api_depth == 1) {
        /* a new top-level evaluation: General::stop counts afresh */
        vm->message_count = 0;
        vm->nmsg_seen = 0;
        lyv_messages_reset(vm);
    }
    LyExpr r = lyv_eval(vm, e);
    if (result) *result = r; else ly_unref(vm, r);
    if (!r && result) *result = NULL;
    return leave(vm, result);
}

static LyStatus parse(LyVM *vm, const char *src, size_t len, const char *chunk, LyExpr *stmts) {
    LyBuf err;
    ly_buf_init(&err, vm);
    if (len == (size_t)-1) len = strlen(src);
    LyStatus st = lyv_parse_program(vm, src, len, chunk ? chunk : "<string>", stmts, &err);
    if (st != LY_OK) {
        const char *m = err.p ? err.p : (st == LY_ERRMEM ? "out of memory" : "syntax error");
        snprintf(vm->errmsg, sizeof vm->errmsg, "%s", m);
        lyv_clear_unwind(vm);
    }
    ly_buf_free(&err);
    return st;
}

LyStatus ly_parse(LyVM *vm, const char *src, size_t len, const char *chunk, LyExpr *result) {
    LyExpr stmts = NULL;
    enter(vm);
    LyStatus st = parse(vm, src, len, chunk, &stmts);
    leave_quiet(vm);
    if (st != LY_OK) return st;
    if (ly_nlen(stmts) == 1) {
        *result = ly_narg(stmts, 1);
        ly_ref(*result);
    } else {
        *result = ly_apply(vm, LY_SYM(CompoundExpression), ly_nlen(stmts), ly_nargs(stmts));
    }
    ly_unref(vm, stmts);
    if (*result) lyv_handout(vm, *result);
    return *result ? LY_OK : LY_ERRMEM;
}

/* Evaluates the statements of src in order, each a top-level input.  With
 * each_read, a statement is parsed just before it runs (a script: what the
 * ones before it did is in force, and a syntax error stops the source after
 * them); otherwise the whole source is parsed first and a syntax error runs
 * nothing (ToExpression, a host's string). */
static LyStatus eval_source(LyVM *vm, const char *src, size_t len, const char *chunk,
                            LyExpr *result, bool each_read) {
    LyExpr stmts = NULL;
    LyStmts *reader = NULL;
    if (result) *result = NULL;
    enter(vm);
    /* the library's definitions read their names as written (context.c) */
    bool library = chunk && !strcmp(chunk, "stdlib");
    uint64_t lookups = vm->temp_lookups;
    if (each_read) {
        if (!src) { src = ""; len = 0; }
        if (len == (size_t)-1) len = strlen(src);
        reader = lyv_stmts_open(vm, src, len);
        if (!reader) {
            snprintf(vm->errmsg, sizeof vm->errmsg, "out of memory");
            leave_quiet(vm);
            return LY_ERRMEM;
        }
    } else {
        vm->ctx_written += library;
        LyStatus st = parse(vm, src, len, chunk, &stmts);
        vm->ctx_written -= library;
        if (st != LY_OK) { leave_quiet(vm); return st; }
    }
    /* the statements still to run name live temporaries only if the text did */
    LyExpr pending = stmts && vm->temp_lookups != lookups ? stmts : NULL;
    LyExpr last = LY_SYM(Null);
    LyStatus thrown = LY_OK, bad = LY_OK;
    for (size_t i = 1;; i++) {
        LyExpr stmt;
        if (reader) {
            LyBuf err;
            ly_buf_init(&err, vm);
            uint64_t seen = vm->temp_lookups;
            bad = lyv_stmts_next(reader, chunk ? chunk : "<string>", &stmt, &err);
            /* the statement, read before the collection below, is a root
             * if its text named a temporary */
            pending = vm->temp_lookups != seen ? stmt : NULL;
            if (bad != LY_OK) {
                const char *m = err.p ? err.p : (bad == LY_ERRMEM ? "out of memory" : "syntax error");
                snprintf(vm->errmsg, sizeof vm->errmsg, "%s", m);
                lyv_clear_unwind(vm);
            }
            ly_buf_free(&err);
            if (!stmt) break;
        } else {
            if (i > ly_nlen(stmts)) break;
            stmt = ly_narg(stmts, i);
        }
        ly_unref(vm, last);
        if (i > 1 && vm->api_depth == 1) lyv_gc_top(vm, pending);   /* between top-level inputs */
        vm->message_count = 0;
        vm->nmsg_seen = 0;
        lyv_messages_reset(vm);
        last = lyv_eval(vm, stmt);
        if (reader) ly_unref(vm, stmt);
        if (!last && vm->api_depth == 1 && (vm->unwind == LYU_THROW || vm->unwind == LYU_RETURN)) {
            /* each statement is a top-level input: an uncaught Throw or a
             * Return ends that one only (its value is Hold[Throw[v]] or
             * Return[v]); the status still tells of the Throw */
            if (take_exit(vm, &last) != LY_OK) thrown = LY_ERRRUN;
        }
        if (!last) break;
    }
    ly_unref(vm, stmts);
    lyv_stmts_close(reader);
    if (!last) return leave(vm, result);
    if (bad != LY_OK) {
        /* the statements before the syntax error ran; errmsg describes it */
        ly_unref(vm, last);
        leave(vm, NULL);
        return bad;
    }
    if (!result) { ly_unref(vm, last); last = NULL; }
    LyStatus st = leave_with(vm, NULL, last);
    if (st == LY_OK) st = thrown;
    if (result) *result = last;
    return st;
}

LyStatus ly_eval_string(LyVM *vm, const char *src, size_t len, const char *chunk, LyExpr *result) {
    return eval_source(vm, src, len, chunk, result, false);
}

LyStatus ly_eval_script(LyVM *vm, const char *src, size_t len, const char *chunk, LyExpr *result) {
    return eval_source(vm, src, len, chunk, result, true);
}

LyExpr ly_evaluate_source(LyVM *vm, const char *src, size_t len, const char *chunk, bool *syntax) {
    *syntax = false;
    LyStmts *reader = lyv_stmts_open(vm, src, len);
    if (!reader) return ly_raise_nomem(vm);
    LyExpr last = LY_SYM(Null);
    for (;;) {
        LyExpr stmt;
        LyBuf err;
        ly_buf_init(&err, vm);
        LyStatus bad = lyv_stmts_next(reader, chunk ? chunk : "<string>", &stmt, &err);
        if (bad == LY_ERRSYNTAX) {
            snprintf(vm->errmsg, sizeof vm->errmsg, "%s", err.p ? err.p : "syntax error");
            *syntax = true;
        } else if (bad != LY_OK && !vm->unwind) {
            ly_raise_nomem(vm);
        }
        ly_buf_free(&err);
        if (!stmt) {
            if (bad != LY_OK) { ly_unref(vm, last); last = NULL; }
            break;
        }
        ly_unref(vm, last);
        last = lyv_eval(vm, stmt);
        ly_unref(vm, stmt);
        if (!last) break;
    }
    lyv_stmts_close(reader);
    return last;
}

LyStatus ly_call(LyVM *vm, const char *fname, size_t n, const LyExpr *args, LyExpr *result) {
    LyExpr e = ly_applyf(vm, fname, n, args);
    if (!e) { lyv_clear_unwind(vm); return LY_ERRMEM; }
    LyStatus st = ly_eval(vm, e, result);
    ly_unref(vm, e);
    return st;
}

/* ---- values ----------------------------------------------------------------------------- */

LyKind ly_kind(LyExpr e) {
    if (ly_is_small(e)) return LY_KINT;
    if (ly_is_sym(e)) return LY_KSYMBOL;
    switch (ly_type(e)) {
    case LY_TBIG: return LY_KINT;
    case LY_TRAT: return LY_KRATIONAL;
    case LY_TREAL: return LY_KREAL;
    case LY_TCOMPLEX: return LY_KCOMPLEX;
    case LY_TSTRING: return LY_KSTRING;
    case LY_TPACKED: return LY_KPACKED;
    case LY_TASSOC: return LY_KASSOC;
    case LY_TFOREIGN: return LY_KFOREIGN;
    default: return LY_KNORMAL;
    }
}

bool ly_is_int(LyExpr e) { return ly_is_integer(e); }

bool ly_get_int64(LyExpr e, int64_t *out) {
    if (ly_is_small(e)) { *out = ly_small(e); return true; }
    if (ly_type(e) != LY_TBIG) return false;
    mpz_t z; mp_limb_t t[1];
    lyv_mpz_view(z, e, t);
    if (!mpz_fits_slong_p(z)) return false;
    *out = mpz_get_si(z);
    return true;
}

bool ly_get_real(LyExpr e, double *out) {
    int t = ly_type(e);
    if (!ly_is_small(e) && t != LY_TBIG && t != LY_TRAT && t != LY_TREAL) return false;
    *out = ly_num_to_double(e);
    return true;
}

const char *ly_get_string(LyExpr e, size_t *len) {
    if (!ly_is_string(e)) return NULL;
    if (len) *len = ly_str(e)->len;
    return ly_str(e)->s;
}

const char *ly_symbol_name(LyExpr e) { return ly_is_sym(e) ? ly_sym(e)->name : NULL; }

bool ly_is_symbol(LyExpr e, const char *name) {
    return ly_is_sym(e) && !strcmp(ly_sym(e)->name, name);
}

size_t ly_length(LyExpr e) {
    switch (ly_type(e)) {
    case LY_TNORMAL: return ly_nlen(e);
    case LY_TPACKED: return ly_packed(e)->dims[0];
    case LY_TASSOC: return ly_assoc(e)->len;
    default: return 0;
    }
}

LyExpr ly_part(LyVM *vm, LyExpr e, size_t i) {
    switch (ly_type(e)) {
    case LY_TNORMAL:
        if (i > ly_nlen(e)) return NULL;
        ly_ref(ly_normal(e)->e[i]);
        lyv_handout(vm, ly_normal(e)->e[i]);
        return ly_normal(e)->e[i];
    case LY_TPACKED: {
        LyPacked *p = ly_packed(e);
        if (i == 0) return LY_SYM(List);
        if (i > p->dims[0]) return NULL;
        if (p->h.aux == 1)
            return p->h.flags == LY_PACKED_INT64 ? lyv_int_from_int64(vm, ((int64_t *)p->data)[i - 1])
                                                 : ly_mkreal(vm, ((double *)p->data)[i - 1]);
        /* a row of a matrix (or a slice of a higher array): a packed copy of it */
        size_t stride = p->len / p->dims[0];
        LyExpr r = ly_mkpacked(vm, (LyPackedType)p->h.flags, p->h.aux - 1u, p->dims + 1);
        if (r && stride) memcpy(ly_packed(r)->data, (char *)p->data + (i - 1) * stride * 8, stride * 8);
        return r;
    }
    case LY_TASSOC:
        if (i == 0) return LY_SYM(Association);
        if (i > ly_assoc(e)->len) return NULL;
        ly_ref(ly_narg(ly_assoc(e)->rules[i - 1], 2));
        lyv_handout(vm, ly_narg(ly_assoc(e)->rules[i - 1], 2));
        return ly_narg(ly_assoc(e)->rules[i - 1], 2);
    default:
        return NULL;
    }
}

void ly_set_argv(LyVM *vm, int argc, char **argv) {
    lyv_owner_check(vm);
    LyExpr l = ly_mknormal(vm, LY_SYM(List), (size_t)(argc > 0 ? argc : 0));
    if (!l) { lyv_clear_unwind(vm); return; }
    for (int i = 0; i < argc; i++) {
        LyExpr s = ly_cstring(vm, argv[i]);
        ly_nset(l, (size_t)i + 1, s ? s : LY_SYM(Null));
    }
    ly_unref(vm, vm->argv);
    vm->argv = l;
    ly_ref(l);
    ly_set_own_value(vm, LY_SYM(DScriptCommandLine), l);
}

/* ---- REPL support -------------------------------------------------------------------------- */

void ly_set_out(LyVM *vm, int64_t line, LyExpr value) {
    size_t n = vm->outs ? ly_nlen(vm->outs) : 0;
    if (!vm->outs) { vm->outs_first = line; vm->outs_epoch++; }
    if (line != vm->outs_first + (int64_t)n) {   /* non-consecutive: restart history */
        ly_unref(vm, vm->outs);
        vm->outs = NULL;
        vm->outs_first = line;
        vm->outs_epoch++;
        n = 0;
    }
    /* $HistoryLength = k keeps the last k results (Infinity or unset: all) */
    size_t drop = 0;
    LySymbol *hs = lyv_lookup("$HistoryLength", 14);
    LyDefs *hd = hs ? lyv_defs_get(vm, hs) : NULL;
    int64_t keep;
    if (hd && hd->own && ly_get_int64(hd->own, &keep) && keep >= 0 && (uint64_t)keep < n + 1) {
        drop = n + 1 - (size_t)keep;
    }
    if (drop > n) {                 /* $HistoryLength = 0: nothing kept */
        ly_unref(vm, vm->outs);
        vm->outs = NULL;
        vm->line = line + 1;
        ly_set_own_value(vm, LY_SYM(DLine), ly_mksmall(vm->line));
        vm->defs_version++;
        lyv_eval_changed_all(vm);
        return;
    }
    LyExpr nl = ly_mknormal(vm, LY_SYM(List), n + 1 - drop);
    if (!nl) { lyv_clear_unwind(vm); return; }
    for (size_t i = 1 + drop; i <= n; i++) { ly_ref(ly_narg(vm->outs, i)); ly_nset(nl, i - drop, ly_narg(vm->outs, i)); }
    ly_ref(value);
    ly_nset(nl, n + 1 - drop, value);
    vm->outs_first += (int64_t)drop;
    ly_unref(vm, vm->outs);
    vm->outs = nl;
    vm->line = line + 1;
    ly_set_own_value(vm, LY_SYM(DLine), ly_mksmall(vm->line));
    vm->defs_version++;          /* Out[...] changed: evaluated stamps are stale */
    lyv_eval_changed_all(vm);
}

/* $Line as the session left it: a program may reset it ($Line = 0) */
int64_t ly_line(LyVM *vm) {
    LyDefs *d = lyv_defs_get(vm, ly_sym(LY_SYM(DLine)));
    if (d && d->own && ly_is_small(d->own) && ly_small(d->own) >= 0 && ly_small(d->own) != vm->line)
        vm->line = ly_small(d->own);
    return vm->line;
}

/* Out[k] for the builtin: k > 0 absolute, k <= 0 relative to $Line. */
LyExpr lyv_out(LyVM *vm, int64_t k) {
    if (k < 0) k = vm->line + k;
    if (!vm->outs || k < vm->outs_first || k >= vm->outs_first + (int64_t)ly_nlen(vm->outs))
        return NULL;
    LyExpr v = ly_narg(vm->outs, (size_t)(k - vm->outs_first) + 1);
    ly_ref(v);
    return v;
}

typedef struct Completion { const char *prefix; size_t pl; bool (*fn)(void *, const char *); void *ud; bool stop; } Completion;

static void complete_temp(void *ud, LySymbol *s) {
    Completion *c = ud;
    if (!c->stop && s->len >= c->pl && !memcmp(s->name, c->prefix, c->pl) && !c->fn(c->ud, s->name)) c->stop = true;
}

void ly_complete(LyVM *vm, const char *prefix, bool (*fn)(void *ud, const char *name), void *ud) {
    size_t n = lyv_symbol_count(), pl = strlen(prefix);
    for (size_t i = 0; i < n; i++) {
        LySymbol *s = lyv_symbol_by_id((uint32_t)i);
        /* temporaries: only this VM's (another VM may be renaming a free one) */
        if (s && !(s->flags & LY_SYMF_TEMP) && s->len >= pl && !memcmp(s->name, prefix, pl))
            if (!fn(ud, s->name)) return;
    }
    Completion c = { prefix, pl, fn, ud, false };
    lyv_temps_each(vm, complete_temp, &c);
}

/* The context WXF and Context[] give sym: the same test as Names["System`*"]. */
const char *ly_symbol_context(LyVM *vm, LyExpr sym) {
    if (!ly_is_sym(sym)) return NULL;
    LySymbol *s = ly_sym(sym);
    if (strchr(s->name, '`')) return "";
    return lyv_sym_system(vm, s) ? "System`" : "Global`";
}

const char *ly_usage(LyVM *vm, const char *name) {
    LySymbol *s = lyv_lookup(name, strlen(name));
    LyDefs *d = s ? lyv_defs_get(vm, s) : NULL;
    return d ? d->usage : NULL;
}

bool ly_input_incomplete(const char *src, size_t len) { return lyv_parse_incomplete(src, len); }
