/*
 * lyf_cluster_run.c — rank 0's side of a cluster call: shipping
 * definitions, running a Parallel* call over every rank (lyf_cluster_run,
 * entered from lyf_par.c's engine), futures on other ranks
 * (lyf_cluster_submit, entered from lyf_submit) and shared variables on
 * ranks other than 0 (lyf_cluster_shared, from lyf_shared.c).
 *
 * A call (caller's thread): the caller's definitions changed since the last
 * call are shipped to every rank (one DEFS message per version, WXF of
 * ly_definitions_export); f is encoded once; the call is registered and the
 * first chunks go out (lyc_schedule).  Then the caller takes finished
 * chunks strictly in input order: it replays their output, decodes their
 * results into its VM and places them.  The first chunk in input order
 * that failed decides the call (an earlier chunk cannot fail any more), so
 * the lowest-index Throw/Abort wins as in a local call; chunks after it are
 * cancelled.  The caller's own abort (Ctrl-C, TimeConstrained) cancels every
 * chunk.  A chunk on a rank that died fails the call with ::rankdead.
 *
 * Random numbers: one key drawn from the caller (as a local call does);
 * item i uses stream (key, i + 1) on whatever rank runs it, so SeedRandom
 * gives the same numbers for any number of ranks and workers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "lyf_cluster.h"

/* ---- callers and their definitions --------------------------------------------------------- */

typedef struct Caller { uint64_t id; uint64_t shipped; } Caller;

static void caller_finalize(LyVM *vm, void *data) {
    (void)vm;
    Caller *c = data;
    lyc_forget_caller(c->id);
    free(c);
}
static LyExpr caller_transfer(LyVM *dst, void *data) { (void)dst; (void)data; return LY_SYM(Null); }
static const LyForeignType caller_type = {
    "ClusterCaller", caller_finalize, NULL, NULL, NULL, NULL, caller_transfer, NULL, NULL, true, NULL
};

static Caller *caller_of(LyVM *vm) {
    LyExpr sym = ly_symbol(vm, "Lyra`Private`ClusterCaller");
    LyExpr v = sym ? ly_own_value(vm, sym) : NULL;
    if (v && ly_type(v) == LY_TFOREIGN && ly_foreign(v)->type == &caller_type) return ly_foreign(v)->data;
    Caller *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    pthread_mutex_lock(&lyc.mu);
    c->id = lyc.next_id++;
    pthread_mutex_unlock(&lyc.mu);
    /* definitions every VM starts with are not shipped: the ranks' VMs have them */
    LyExpr base = ly_own_value(vm, ly_symbol(vm, "Lyra`Private`ClusterBase"));
    int64_t b = 0;
    if (base && ly_get_int64(base, &b) && b > 0) c->shipped = (uint64_t)b;
    LyExpr h = ly_mkforeign(vm, &caller_type, c);     /* finalizes c itself on failure */
    if (!h) return NULL;
    ly_set_own_value(vm, sym, h);
    return c;
}

void lyc_forget_caller(uint64_t caller) {
    if (!lyc.open || lyc.rank != 0) return;
    for (int r = 0; r < lyc.size; r++) {
        if (r > 0 && atomic_load(&lyc.ranks[r].dead)) continue;
        LycMsg m;
        lyc_msg_init(&m, LYC_FORGET);
        lyc_put_u(&m, caller);
        lyc_post(r, &m);
    }
}

bool lyc_ship_definitions(LyVM *vm, uint64_t *caller) {
    Caller *c = caller_of(vm);
    if (!c) return false;
    *caller = c->id;
    if (ly_definitions_version(vm) == c->shipped) return true;
    uint64_t since = c->shipped;
    LyExpr defs = ly_definitions_export(vm, &since);
    if (!defs) return false;
    LycMsg m;
    lyc_msg_init(&m, LYC_DEFS);
    lyc_put_u(&m, c->id);
    bool ok = lyc_put_wxf(&m, vm, defs);
    ly_unref(vm, defs);
    if (!ok) { lyc_msg_free(&m); return false; }
    for (int r = 0; r < lyc.size; r++) {
        if (r > 0 && atomic_load(&lyc.ranks[r].dead)) continue;
        LycMsg copy = m;
        if (r < lyc.size - 1) {          /* every rank but the last gets a copy */
            copy.p = malloc(m.len);
            if (!copy.p) { lyc_msg_free(&m); return false; }
            memcpy(copy.p, m.p, m.len);
            copy.cap = m.len;
        } else m.p = NULL;
        lyc_post(r, &copy);
    }
    lyc_msg_free(&m);
    c->shipped = since;
    return true;
}

/* ---- output of other ranks ---------------------------------------------------------------------- */

/* Replays captured output records ('o' / 'm', text, NUL) through vm's hooks;
 * "(kernel k) " prefixes of rank src become the cluster-wide kernel number. */
static void replay(LyVM *vm, int src, const char *p, size_t n) {
    LyWriteHook hook;
    void *ud;
    ly_get_messages(vm, &hook, &ud);
    for (size_t i = 0; i < n;) {
        char kind = p[i];
        const char *t = p + i + 1;
        size_t len = strnlen(t, n - i - 1);
        const char *text = t;
        size_t tlen = len;
        LyBuf b;
        ly_buf_init(&b, vm);
        if (kind == 'm' && src > 0 && len > 9 && !strncmp(t, "(kernel ", 8)) {
            char *end;
            long k = strtol(t + 8, &end, 10);
            if (end > t + 8 && end[0] == ')' && end[1] == ' ') {
                ly_buf_printf(&b, "(kernel %ld) ", lyc.ranks[src].kernel_base + k);
                ly_buf_put(&b, end + 2, len - (size_t)(end + 2 - t));
                if (!b.oom) { text = b.p; tlen = b.len; }
            }
        }
        if (kind == 'o') ly_print_line(vm, text, tlen);
        else if (hook) hook(ud, text, tlen);
        else { fflush(stdout); fwrite(text, 1, tlen, stderr); fputc('\n', stderr); }
        ly_buf_free(&b);
        i += len + 2;
    }
}

/* The exit a RESULT / EVALRESULT reports, started in vm.  Always NULL. */
static LyExpr raise_reported(LyVM *vm, LycRd *r) {
    uint64_t kind = lyc_get_u(r);
    LyExpr v = NULL, tag = NULL;
    size_t n;
    uint64_t has = lyc_get_u(r);
    if (has & 1) v = lyc_get_wxf(r, vm);
    if (has & 2) tag = lyc_get_wxf(r, vm);
    if (ly_unwinding(vm)) { ly_unref(vm, v); ly_unref(vm, tag); return NULL; }
    (void)n;
    switch (kind) {
    case LY_EXIT_THROW: return ly_raise_throw(vm, v ? v : LY_SYM(Null), tag);
    case LY_EXIT_NOMEM: ly_unref(vm, v); ly_unref(vm, tag); return ly_raise_nomem(vm);
    case LY_EXIT_ABORT: ly_unref(vm, v); ly_unref(vm, tag); return ly_raise_abort(vm);
    default: ly_unref(vm, tag); return ly_raise(vm, (LyExit)kind, v);
    }
}

/* ---- what can cross ---------------------------------------------------------------------------- */

/* False when e, or the definitions of the symbols it mentions (followed
 * through own values and down values, up to a bound), holds an object that
 * lives in this process: a channel, future or pool (anything foreign but a
 * ByteArray).  Such calls and futures stay on rank 0, where those objects
 * work; channels are local to a process. */
typedef struct Walk { LyVM *vm; LyExpr *stack; size_t n, cap; LySymbol **seen; size_t nseen, capseen; long budget; } Walk;

static bool walk_push(Walk *w, LyExpr e) {
    if (w->n == w->cap) {
        size_t nc = w->cap ? w->cap * 2 : 64;
        LyExpr *ns = realloc(w->stack, nc * sizeof *ns);
        if (!ns) return false;
        w->stack = ns;
        w->cap = nc;
    }
    w->stack[w->n++] = e;
    return true;
}

static bool walk_symbol(Walk *w, LyExpr s) {
    LySymbol *y = ly_sym(s);
    if (y->flags & LY_SYMF_SYSTEM) return true;
    for (size_t i = 0; i < w->nseen; i++) if (w->seen[i] == y) return true;
    if (w->nseen == w->capseen) {
        size_t nc = w->capseen ? w->capseen * 2 : 32;
        LySymbol **ns = realloc(w->seen, nc * sizeof *ns);
        if (!ns) return false;
        w->seen = ns;
        w->capseen = nc;
    }
    w->seen[w->nseen++] = y;
    LyExpr own = ly_own_value(w->vm, s);
    if (own && !walk_push(w, own)) return false;
    return true;
}

static bool crosses(LyVM *vm, LyExpr e, bool follow) {
    Walk w = { vm, NULL, 0, 0, NULL, 0, 0, 20000 };
    LyExpr dv = follow ? ly_symbol(vm, "DownValues") : NULL;
    int quiet = ly_set_quiet(vm, 1);
    LyExpr keep[64];
    size_t nkeep = 0;
    bool ok = walk_push(&w, e);
    while (ok && w.n > 0 && w.budget-- > 0) {
        LyExpr x = w.stack[--w.n];
        switch (ly_type(x)) {
        case LY_TFOREIGN:
            if (strcmp(ly_foreign(x)->type->name, "ByteArray") != 0) ok = false;
            break;
        case LY_TNORMAL:
            for (size_t i = 0; ok && i <= ly_nlen(x); i++) ok = walk_push(&w, ly_normal(x)->e[i]);
            break;
        case LY_TASSOC:
            for (size_t i = 0; ok && i < ly_assoc(x)->len; i++) ok = walk_push(&w, ly_assoc(x)->rules[i]);
            break;
        default:
            if (follow && ly_is_sym(x)) {
                size_t before = w.nseen;
                ok = walk_symbol(&w, x);
                if (ok && w.nseen > before && nkeep < 64) {
                    LyExpr q = ly_mk(vm, dv, 1, x);     /* the rules of f[...] := ... */
                    LyExpr rules = q ? ly_evaluate(vm, q) : NULL;
                    ly_unref(vm, q);
                    if (rules) { keep[nkeep++] = rules; ok = walk_push(&w, rules); }
                    else if (ly_unwinding(vm)) ok = false;
                }
            }
        }
    }
    ly_set_quiet(vm, quiet);
    for (size_t i = 0; i < nkeep; i++) ly_unref(vm, keep[i]);
    free(w.stack);
    free(w.seen);
    return ok;
}

static void malformed(LyVM *vm, LyExpr head) {
    LyExpr what = ly_cstring(vm, "a malformed result");
    if (what) ly_message(vm, head, "cluster", 1, what);
    ly_unref(vm, what);
}

/* ---- a parallel call --------------------------------------------------------------------------- */

static void unregister(LycCall *c) {
    pthread_mutex_lock(&lyc.mu);
    c->stop = true;
    while (c->users > 0) pthread_cond_wait(&lyc.cv, &lyc.mu);
    LycCall **pp = &lyc.calls;
    while (*pp && *pp != c) pp = &(*pp)->next;
    if (*pp) *pp = c->next;
    pthread_mutex_unlock(&lyc.mu);
    for (size_t k = 0; k < c->nchunks; k++) free(c->chunks[k].msg);
    free(c->chunks);
    free(c->inflight);
    free(c->rate);
    free(c->fwxf);
    free(c);
}

/* Stops c on every rank that still runs part of it. */
static void cancel(LycCall *c) {
    pthread_mutex_lock(&lyc.mu);
    c->stop = true;
    int *who = calloc((size_t)lyc.size, sizeof *who);
    for (int r = 0; who && r < lyc.size; r++) who[r] = c->inflight[r];
    pthread_mutex_unlock(&lyc.mu);
    for (int r = 0; who && r < lyc.size; r++) {
        if (!who[r]) continue;
        if (r == 0) { lyc_server_cancel(c->id); continue; }
        LycMsg m;
        lyc_msg_init(&m, LYC_CANCEL);
        lyc_put_u(&m, c->id);
        lyc_post(r, &m);
    }
    free(who);
}

/* Places the results in a RESULT message into out[lo+1 .. hi]. */
static bool place(LyVM *vm, LyExpr out, LycChunk *ch, LycRd *r) {
    LyExpr l = lyc_get_wxf(r, vm);
    if (!l) return false;
    size_t n = ch->hi - ch->lo;
    bool ok = (ly_is_normal(l) || ly_is_packed(l)) && ly_length(l) == n;
    for (size_t j = 0; ok && j < n; j++) {
        LyExpr x = ly_is_normal(l) ? (ly_ref(ly_narg(l, j + 1)), ly_narg(l, j + 1)) : ly_part(vm, l, j + 1);
        if (!x) { ok = false; break; }
        ly_unref(vm, ly_narg(out, ch->lo + j + 1));
        ly_nset(out, ch->lo + j + 1, x);
    }
    ly_unref(vm, l);
    if (!ok && !ly_unwinding(vm)) r->bad = true;
    return ok;
}

LyExpr lyf_cluster_run(LyVM *vm, LyfPool *p, const LyfItems *it, LyExpr head) {
    if (!crosses(vm, it->f, true) || !crosses(vm, it->list, false))
        return ly_unwinding(vm) ? NULL : lyf_par_items(vm, p, it, head);
    uint64_t caller;
    if (!lyc_ship_definitions(vm, &caller)) return ly_unwinding(vm) ? NULL : ly_raise_nomem(vm);
    LycCall *c = calloc(1, sizeof *c);
    LyExpr out = ly_mknormal(vm, LY_SYM(List), it->n);
    if (!c || !out) { free(c); ly_unref(vm, out); return ly_unwinding(vm) ? NULL : ly_raise_nomem(vm); }
    for (size_t i = 1; i <= it->n; i++) ly_nset(out, i, LY_SYM(Null));
    c->caller = caller;
    c->mode = it->mode;
    c->spread = it->spread;
    c->method = it->method;
    c->chunk_opt = it->chunk;
    c->f = it->f;
    c->list = it->list;
    c->seg = it->seg;
    c->n = it->n;
    c->rkey = it->rkey_set ? it->rkey : ly_random_fork(vm);
    c->inflight = calloc((size_t)lyc.size, sizeof *c->inflight);
    c->rate = calloc((size_t)lyc.size, sizeof *c->rate);
    LyBuf fb;
    ly_buf_init(&fb, vm);
    bool ok = c->inflight && c->rate && ly_wxf_write(vm, it->f, LY_WXF_BARE | LY_WXF_STUBS, &fb, NULL) == LY_OK;
    if (ok && (c->fwxf = malloc(fb.len)) != NULL) { memcpy(c->fwxf, fb.p, fb.len); c->fwxf_len = fb.len; }
    ly_buf_free(&fb);
    if (!ok || !c->fwxf) {
        free(c->inflight); free(c->rate); free(c->fwxf); free(c);
        ly_unref(vm, out);
        return ly_unwinding(vm) ? NULL : ly_raise_nomem(vm);
    }
    LycJobRef jobs[64];
    pthread_mutex_lock(&lyc.mu);
    c->id = lyc.next_id++;
    c->next = lyc.calls;
    lyc.calls = c;
    size_t nj = lyc_schedule(c, jobs, 64);
    pthread_mutex_unlock(&lyc.mu);
    LyVM *saved = lyc_thread_vm;
    lyc_thread_vm = vm;
    lyc_send_jobs(vm, jobs, nj);
    lyc_thread_vm = saved;

    /* take the chunks in input order */
    size_t next = 0, done = 0;
    int failed_rank = -1;
    bool aborted = false, bad = false;
    LyExpr result = out;
    while (done < c->n) {
        pthread_mutex_lock(&lyc.mu);
        if (next >= c->nchunks || c->chunks[next].state == LYC_PENDING) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_nsec += 10 * 1000 * 1000;
            if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
            pthread_cond_timedwait(&lyc.cv, &lyc.mu, &ts);
        }
        LycChunk ch = next < c->nchunks ? c->chunks[next] : (LycChunk){ 0 };
        bool ready = next < c->nchunks && ch.state != LYC_PENDING;
        bool stuck = !ready && next >= c->nchunks && c->stop;    /* nothing more will come */
        if (ready) c->chunks[next].msg = NULL;
        pthread_mutex_unlock(&lyc.mu);
        if (stuck) { bad = true; break; }
        if (!ready) {
            if (!ly_safe_point(vm)) { aborted = true; break; }
            continue;
        }
        next++;
        if (ch.state == LYC_DEAD) { failed_rank = ch.rank; free(ch.msg); break; }
        LycRd r = lyc_rd((char *)ch.msg + 1, ch.len - 1);
        lyc_get_u(&r); lyc_get_u(&r);                 /* call, chunk */
        uint64_t status = lyc_get_u(&r);
        lyc_get_u(&r);                                /* elapsed */
        size_t olen;
        const char *o = lyc_get_blob(&r, &olen);
        if (o && olen) replay(vm, ch.rank, o, olen);
        if (status == LYC_OK && !r.bad) {
            if (!place(vm, out, &ch, &r)) { free(ch.msg); if (ly_unwinding(vm)) { aborted = true; } else bad = true; break; }
            done += ch.hi - ch.lo;
            free(ch.msg);
            continue;
        }
        /* the first failing chunk in input order decides */
        cancel(c);
        unregister(c);
        ly_unref(vm, out);
        if (r.bad) { free(ch.msg); malformed(vm, head); return lyf_failed(); }
        raise_reported(vm, &r);
        free(ch.msg);
        return NULL;
    }
    if (done < c->n) {
        cancel(c);
        unregister(c);
        ly_unref(vm, out);
        if (aborted) return ly_unwinding(vm) ? NULL : ly_raise_abort(vm);
        if (failed_rank >= 0) {
            LyExpr rk = ly_int(vm, failed_rank), host = ly_cstring(vm, lyc.ranks[failed_rank].host);
            ly_message(vm, head, "rankdead", 2, rk, host);
            ly_unref(vm, host);
        } else if (bad) malformed(vm, head);
        return lyf_failed();
    }
    unregister(c);
    return result;
}

/* ---- futures on other ranks ------------------------------------------------------------------- */

static _Thread_local bool inside_submit;

static LycEval *find_eval(uint64_t id) {
    for (LycEval *e = lyc.evals; e; e = e->next) if (e->id == id) return e;
    return NULL;
}

static void drop_eval(LycEval *e) {
    pthread_mutex_lock(&lyc.mu);
    LycEval **pp = &lyc.evals;
    while (*pp && *pp != e) pp = &(*pp)->next;
    if (*pp) *pp = e->next;
    pthread_mutex_unlock(&lyc.mu);
    free(e->msg);
    free(e);
}

LyExpr lyf_cluster_submit(LyVM *vm, LyfPool *p, LyExpr expr, LyExpr head) {
    if (inside_submit || !crosses(vm, expr, true)) return NULL;
    uint64_t caller;
    if (!lyc_ship_definitions(vm, &caller)) return ly_unwinding(vm) ? NULL : ly_raise_nomem(vm);
    /* round robin over rank 0 and the live ranks: rank 0 runs its share locally */
    static _Atomic unsigned rr;
    int target = 0;
    for (int tries = 0; tries < lyc.size; tries++) {
        int r = (int)(atomic_fetch_add(&rr, 1) % (unsigned)lyc.size);
        if (r == 0 || !atomic_load(&lyc.ranks[r].dead)) { target = r; break; }
    }
    LyExpr task = NULL;
    if (target > 0) {
        LycEval *e = calloc(1, sizeof *e);
        LycMsg m;
        lyc_msg_init(&m, LYC_EVAL);
        if (!e) return ly_raise_nomem(vm);
        pthread_mutex_lock(&lyc.mu);
        e->id = lyc.next_id++;
        pthread_mutex_unlock(&lyc.mu);
        e->rank = target;
        lyc_put_u(&m, e->id);
        lyc_put_u(&m, caller);
        if (!lyc_put_wxf(&m, vm, expr)) { lyc_msg_free(&m); free(e); return ly_unwinding(vm) ? NULL : ly_raise_nomem(vm); }
        /* the result comes back by name, maybe after the Module that made a
         * local in expr ended: the locals stay, as for a local future */
        ly_keep_symbols(vm, expr);
        pthread_mutex_lock(&lyc.mu);
        e->next = lyc.evals;
        lyc.evals = e;
        pthread_mutex_unlock(&lyc.mu);
        if (!lyc_post(target, &m)) lyc_mark_dead(target);
        task = ly_mk(vm, ly_symbol(vm, "Lyra`Private`RemoteEval"), 2, ly_int(vm, (int64_t)e->id), ly_int(vm, target));
        if (!task) return NULL;
    }
    inside_submit = true;
    LyExpr r = lyf_submit(vm, p, task ? task : expr, head);
    inside_submit = false;
    ly_unref(vm, task);
    return r;
}

/* Lyra`Private`RemoteEval[id, rank]: the body of a future whose expression
 * runs on another rank (a pool worker of rank 0 waits for it). */
static LyExpr b_remoteeval(LyVM *vm, LyExpr e) {
    int64_t id, rank;
    if (ly_nlen(e) != 2 || !ly_get_int64(ly_narg(e, 1), &id) || !ly_get_int64(ly_narg(e, 2), &rank)) return NULL;
    pthread_mutex_lock(&lyc.mu);
    LycEval *ev = find_eval((uint64_t)id);
    pthread_mutex_unlock(&lyc.mu);
    if (!ev) return lyf_failed();
    int region = lyr_blocking_enter();
    bool aborted = false;
    for (;;) {
        pthread_mutex_lock(&lyc.mu);
        int state = ev->state;
        if (state == LYC_PENDING) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_nsec += 10 * 1000 * 1000;
            if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
            pthread_cond_timedwait(&lyc.cv, &lyc.mu, &ts);
            state = ev->state;
        }
        pthread_mutex_unlock(&lyc.mu);
        if (state != LYC_PENDING) break;
        if (!ly_safe_point(vm)) { aborted = true; break; }
    }
    if (region) lyr_blocking_exit();
    if (aborted) {
        LycMsg m;
        lyc_msg_init(&m, LYC_CANCEL);
        lyc_put_u(&m, (uint64_t)id);
        lyc_post((int)rank, &m);
        drop_eval(ev);
        return NULL;
    }
    if (ev->state == LYC_DEAD) {
        drop_eval(ev);
        LyExpr rk = ly_int(vm, rank), host = ly_cstring(vm, lyc.ranks[rank].host);
        ly_message(vm, ly_symbol(vm, "ParallelSubmit"), "rankdead", 2, rk, host);
        ly_unref(vm, host);
        return lyf_failed();
    }
    LycRd r = lyc_rd((char *)ev->msg + 1, ev->len - 1);
    lyc_get_u(&r);
    uint64_t status = lyc_get_u(&r);
    size_t olen;
    const char *o = lyc_get_blob(&r, &olen);
    if (o && olen) replay(vm, (int)rank, o, olen);
    LyExpr v = NULL;
    if (status == LYC_OK) v = lyc_get_wxf(&r, vm);
    else if (!r.bad) raise_reported(vm, &r);
    bool bad = r.bad;
    drop_eval(ev);
    if (bad && !ly_unwinding(vm)) { malformed(vm, ly_symbol(vm, "ParallelSubmit")); return lyf_failed(); }
    return v ? ly_evaluated(vm, v) : NULL;
}

/* ---- shared variables on ranks other than 0 ---------------------------------------------------- */

LyExpr lyf_cluster_shared(LyVM *vm, LyExpr e, bool *handled) {
    *handled = false;
    if (!lyc.open || lyc.rank == 0) return NULL;
    *handled = true;
    /* the arguments were evaluated here: rank 0 must not evaluate them again */
    LyExpr x = e;
    bool made = false;
    if (ly_nlen(e) >= 3) {
        x = ly_mknormal(vm, (ly_ref(ly_nhead(e)), ly_nhead(e)), ly_nlen(e));
        if (!x) return NULL;
        for (size_t i = 1; i <= ly_nlen(e); i++) {
            LyExpr a = ly_narg(e, i);
            ly_ref(a);
            ly_nset(x, i, i >= 3 ? ly_mk(vm, LY_SYM(Unevaluated), 1, a) : a);
        }
        made = true;
    }
    LyExpr r = lyc_server_shared_request(vm, x);
    if (made) ly_unref(vm, x);
    return r;
}

static const LyBuiltin run_builtins[] = {
    { "Lyra`Private`RemoteEval", b_remoteeval, "Protected", NULL },
    { NULL, NULL, NULL, NULL }
};

LyStatus lyf_open_cluster_run(LyVM *vm) {
    ly_set_message(vm, "General", "cluster", "The cluster sent `1`; the call fails.");
    return ly_register_table(vm, run_builtins);
}
