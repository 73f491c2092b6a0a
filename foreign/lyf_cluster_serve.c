/*
 * lyf_cluster_serve.c — a rank's server: evaluates what rank 0 sends.
 *
 * One thread takes the messages in the order rank 0 sent them (the I/O
 * thread queues them; on rank 0 its own share arrives through the same
 * queue): DEFS update the mirror VM of that caller (a user VM holding rank
 * 0's definitions, so the rank's pool workers get them through the usual
 * snapshot), JOB runs a chunk with lyf_par_items on the rank's own pool and
 * answers with a RESULT (its results, or the exit of its lowest failing
 * item, plus the output it printed, captured in order), EVAL starts a future
 * on the rank's pool and answers when it is done.  The mirror's evaluation
 * runs inside ly_eval (Lyra`Private`ClusterJob[]) like a pool task, so
 * stack limits, exits and stale aborts behave as at top level.
 *
 * Cancellation: the I/O thread calls lyc_server_cancel(id) as soon as a
 * CANCEL arrives: the chunk running now is aborted (ly_abort on the mirror,
 * under srv.mu so that it cannot hit the next job), queued chunks of that
 * call are skipped, a running future is cancelled.
 *
 * Shared variables: a worker that updates one on a rank other than 0 sends
 * the update to rank 0 and waits for the answer (lyc_server_shared_request).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "lyf_cluster.h"

typedef struct Node { struct Node *next; void *msg; size_t len; } Node;

typedef struct Mirror { uint64_t caller; LyVM *vm; struct Mirror *next; } Mirror;

typedef struct Pending {           /* a future started for an EVAL */
    uint64_t id;
    LyVM *vm;
    LyExpr fut;
    struct Pending *next;
} Pending;

typedef struct Waiter {            /* a shared-variable request in flight */
    uint64_t id;
    void *msg;
    size_t len;
    struct Waiter *next;
} Waiter;

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    Node *head, *tail;
    uint64_t cur_call;             /* the call whose chunk runs now (0: none) */
    LyVM *cur_vm;
    uint64_t cancelled[64];        /* recently cancelled call/eval ids */
    unsigned ncancelled;
    Pending *pending;
    Waiter *waiters;
    uint64_t next_req;
    pthread_t local;
    bool local_running;
    Mirror *mirrors;               /* server thread only */
    LyBuf *out;                    /* capture of the running job (server thread only) */
} srv = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

void lyc_server_push(void *msg, size_t len) {
    Node *n = malloc(sizeof *n);
    if (!n) { free(msg); return; }
    n->next = NULL;
    n->msg = msg;
    n->len = len;
    pthread_mutex_lock(&srv.mu);
    if (srv.tail) srv.tail->next = n; else srv.head = n;
    srv.tail = n;
    pthread_cond_broadcast(&srv.cv);
    pthread_mutex_unlock(&srv.mu);
}

static bool is_cancelled(uint64_t id) {
    for (unsigned i = 0; i < srv.ncancelled && i < 64; i++) if (srv.cancelled[i] == id) return true;
    return false;
}

void lyc_server_cancel(uint64_t id) {
    pthread_mutex_lock(&srv.mu);
    srv.cancelled[srv.ncancelled++ % 64] = id;
    if (srv.cur_call == id && srv.cur_vm) ly_abort(srv.cur_vm);
    pthread_cond_broadcast(&srv.cv);
    pthread_mutex_unlock(&srv.mu);
}

/* ---- output capture -------------------------------------------------------------------------- */

static void capture(char kind, const char *text, size_t len) {
    LyBuf *b = srv.out;
    if (!b) return;
    ly_buf_put(b, &kind, 1);
    ly_buf_put(b, text, len);
    ly_buf_put(b, "", 1);
}
static void cap_out(void *ud, const char *text, size_t len) { (void)ud; capture('o', text, len); }
static void cap_msg(void *ud, const char *text, size_t len) { (void)ud; capture('m', text, len); }

/* ---- mirrors ------------------------------------------------------------------------------------ */

static LyVM *mirror_of(uint64_t caller) {
    for (Mirror *m = srv.mirrors; m; m = m->next) if (m->caller == caller) return m->vm;
    Mirror *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->vm = ly_new(NULL, NULL);
    if (!m->vm) { free(m); return NULL; }
    ly_set_collect(m->vm, LY_COLLECT_LOOPS);   /* futures and results held across ly_eval */
    m->caller = caller;
    ly_set_output(m->vm, cap_out, NULL);
    ly_set_messages(m->vm, cap_msg, NULL);
    m->next = srv.mirrors;
    srv.mirrors = m;
    return m->vm;
}

/* Drops the futures still running on vm (all of them when vm is NULL). */
static void drop_pending(LyVM *vm) {
    pthread_mutex_lock(&srv.mu);
    Pending *keep = NULL, *drop = NULL;
    while (srv.pending) {
        Pending *pd = srv.pending;
        srv.pending = pd->next;
        if (!vm || pd->vm == vm) { pd->next = drop; drop = pd; } else { pd->next = keep; keep = pd; }
    }
    srv.pending = keep;
    pthread_mutex_unlock(&srv.mu);
    while (drop) {
        Pending *next = drop->next;
        LyExpr ignore = NULL;
        if (ly_call(drop->vm, "Cancel", 1, &drop->fut, &ignore) == LY_OK && ignore) ly_decref(drop->vm, ignore);
        ly_unref(drop->vm, drop->fut);
        free(drop);
        drop = next;
    }
}

static void forget(uint64_t caller) {
    for (Mirror **pp = &srv.mirrors; *pp; pp = &(*pp)->next) {
        if ((*pp)->caller != caller) continue;
        Mirror *m = *pp;
        *pp = m->next;
        drop_pending(m->vm);
        ly_close(m->vm);
        free(m);
        return;
    }
}

static void apply_defs(LycRd *r) {
    uint64_t caller = lyc_get_u(r);
    LyVM *vm = r->bad ? NULL : mirror_of(caller);
    if (!vm) return;
    LyExpr d = lyc_get_wxf(r, vm);
    if (d) { ly_definitions_import(vm, d); ly_unref(vm, d); }
    if (ly_unwinding(vm)) ly_exit_take(vm, NULL, NULL);
}

/* ---- chunks ---------------------------------------------------------------------------------------- */

typedef struct Job {
    uint64_t call, chunk;
    LycRd r;                       /* at f */
    int mode, method;
    bool spread;
    int64_t chunk_opt;
    uint64_t rkey, lo, n;
    /* out */
    LyExpr res;                    /* List of results, or NULL */
    LyExit kind;
    LyExpr v, tag;
    bool bad;
    int64_t elapsed;
} Job;

static _Thread_local Job *cur_job;

/* Lyra`Private`ClusterJob[]: runs the current job inside ly_eval. */
static LyExpr b_clusterjob(LyVM *vm, LyExpr e) {
    (void)e;
    Job *j = cur_job;
    if (!j) return LY_SYM(Null);
    LyExpr f = lyc_get_wxf(&j->r, vm);
    LyExpr list = f ? lyc_get_wxf(&j->r, vm) : NULL;
    size_t *seg = NULL;
    if (list && j->mode != 0) {
        seg = malloc((j->n + 1) * sizeof *seg);
        for (size_t i = 0; seg && i <= j->n; i++) seg[i] = (size_t)lyc_get_u(&j->r);
        if (!seg) ly_raise_nomem(vm);
    }
    if (!f || !list || j->r.bad || (j->mode != 0 && !seg)) {
        j->bad = !ly_unwinding(vm);
    } else {
        LyfItems it;
        memset(&it, 0, sizeof it);
        it.mode = j->mode;
        it.spread = j->spread;
        it.f = f;
        it.list = list;
        it.seg = seg;
        it.n = (size_t)j->n;
        it.off = 0;
        it.rkey = j->rkey;
        it.rbase = j->lo;
        it.rkey_set = true;
        it.method = j->method;
        it.chunk = j->chunk_opt;
        LyfPool *p = lyf_pool_default(vm);
        int64_t t0 = lyc_now();
        j->res = p ? lyf_par_items(vm, p, &it, ly_symbol(vm, "ParallelMap")) : NULL;
        j->elapsed = lyc_now() - t0;
    }
    if (!j->res && !j->bad) {
        j->kind = ly_exit_kind(vm);
        ly_exit_take(vm, &j->v, &j->tag);
        if (j->kind == LY_EXIT_NONE) j->kind = LY_EXIT_NOMEM;
    }
    free(seg);
    ly_unref(vm, f);
    ly_unref(vm, list);
    return LY_SYM(Null);
}

static void put_exit(LycMsg *m, LyVM *vm, LyExit kind, LyExpr v, LyExpr tag) {
    lyc_put_u(m, (uint64_t)kind);
    lyc_put_u(m, (v ? 1u : 0u) | (tag ? 2u : 0u));
    if (v && !lyc_put_wxf(m, vm, v)) m->oom = true;
    if (tag && !lyc_put_wxf(m, vm, tag)) m->oom = true;
}

static void run_job(LycRd *r) {
    Job j;
    memset(&j, 0, sizeof j);
    j.call = lyc_get_u(r);
    j.chunk = lyc_get_u(r);
    uint64_t caller = lyc_get_u(r), flags = lyc_get_u(r);
    j.mode = (int)(flags & 7);
    j.spread = (flags & 8) != 0;
    j.method = (int)(flags >> 4);
    j.chunk_opt = (int64_t)lyc_get_u(r);
    j.rkey = lyc_get_u(r);
    j.lo = lyc_get_u(r);
    j.n = lyc_get_u(r);
    j.r = *r;
    if (r->bad) return;
    pthread_mutex_lock(&srv.mu);
    bool skip = is_cancelled(j.call);
    pthread_mutex_unlock(&srv.mu);
    if (skip) return;
    if (lyc.rank > 0 && getenv("LYRA_CLUSTER_TEST_DIE") && atoi(getenv("LYRA_CLUSTER_TEST_DIE")) == lyc.rank)
        abort();                   /* test hook: a rank that dies mid-call (tests/cluster) */
    LyVM *vm = mirror_of(caller);
    LyBuf out;
    ly_buf_init(&out, vm ? vm : lyc_thread_vm);
    srv.out = &out;
    if (vm) {
        pthread_mutex_lock(&srv.mu);
        srv.cur_call = j.call;
        srv.cur_vm = vm;
        skip = is_cancelled(j.call);
        pthread_mutex_unlock(&srv.mu);
        if (!skip) {
            cur_job = &j;
            LyExpr run = ly_mk(vm, ly_symbol(vm, "Lyra`Private`ClusterJob"), 0), ignore = NULL;
            LyStatus st = run ? ly_eval(vm, run, &ignore) : LY_ERRMEM;
            if (ignore) ly_decref(vm, ignore);
            ly_unref(vm, run);
            cur_job = NULL;
            if (st != LY_OK && !j.res && !j.kind) j.kind = st == LY_ABORTED ? LY_EXIT_ABORT : LY_EXIT_NOMEM;
        }
        pthread_mutex_lock(&srv.mu);
        srv.cur_call = 0;
        srv.cur_vm = NULL;
        skip = skip || is_cancelled(j.call);
        pthread_mutex_unlock(&srv.mu);
    } else j.kind = LY_EXIT_NOMEM;
    srv.out = NULL;
    if (!skip) {
        LycMsg m;
        lyc_msg_init(&m, LYC_RESULT);
        lyc_put_u(&m, j.call);
        lyc_put_u(&m, j.chunk);
        lyc_put_u(&m, j.res ? LYC_OK : LYC_EXIT);
        lyc_put_u(&m, j.elapsed > 0 ? (uint64_t)j.elapsed : 1);
        lyc_put_blob(&m, out.p, out.oom ? 0 : out.len);
        if (j.res) { if (!lyc_put_wxf(&m, vm, j.res)) put_exit(&m, vm, LY_EXIT_NOMEM, NULL, NULL); }
        else if (j.bad) put_exit(&m, vm ? vm : lyc_thread_vm, LY_EXIT_NOMEM, NULL, NULL);
        else put_exit(&m, vm, j.kind, j.v, j.tag);
        if (m.oom) {                /* too big to send: report the failure instead */
            lyc_msg_free(&m);
            lyc_msg_init(&m, LYC_RESULT);
            lyc_put_u(&m, j.call); lyc_put_u(&m, j.chunk); lyc_put_u(&m, LYC_EXIT); lyc_put_u(&m, 1);
            lyc_put_blob(&m, NULL, 0);
            put_exit(&m, NULL, LY_EXIT_NOMEM, NULL, NULL);
        }
        lyc_post(0, &m);
    }
    if (vm) { ly_unref(vm, j.res); ly_unref(vm, j.v); ly_unref(vm, j.tag); }
    ly_buf_free(&out);
}

/* ---- futures ---------------------------------------------------------------------------------------- */

/* Lyra`Private`Capture[expr, id]: the body of a future started for EVAL
 * id.  It answers rank 0 itself, from the pool worker that evaluated expr
 * (its VM encodes the value), so the answer leaves as soon as the value is
 * there; a Throw or Abort travels as the exit.  Nothing is sent when rank 0
 * cancelled the future. */
static LyExpr b_capture(LyVM *vm, LyExpr e) {
    int64_t id;
    if (ly_nlen(e) != 2 || !ly_get_int64(ly_narg(e, 2), &id)) return NULL;
    LyExpr v = ly_evaluate(vm, ly_narg(e, 1));
    LycMsg m;
    lyc_msg_init(&m, LYC_EVALRESULT);
    lyc_put_u(&m, (uint64_t)id);
    if (v) {
        lyc_put_u(&m, LYC_OK);
        lyc_put_blob(&m, NULL, 0);
        if (!lyc_put_wxf(&m, vm, v)) m.oom = true;
        ly_unref(vm, v);
    } else {
        LyExit k = ly_exit_kind(vm);
        LyExpr x = NULL, tag = NULL;
        ly_exit_take(vm, &x, &tag);
        lyc_put_u(&m, LYC_EXIT);
        lyc_put_blob(&m, NULL, 0);
        put_exit(&m, vm, k == LY_EXIT_NONE ? LY_EXIT_NOMEM : k, x, tag);
        ly_unref(vm, x);
        ly_unref(vm, tag);
    }
    if (m.oom) {                   /* a value too big to send: say so instead */
        lyc_msg_free(&m);
        lyc_msg_init(&m, LYC_EVALRESULT);
        lyc_put_u(&m, (uint64_t)id);
        lyc_put_u(&m, LYC_EXIT);
        lyc_put_blob(&m, NULL, 0);
        put_exit(&m, vm, LY_EXIT_NOMEM, NULL, NULL);
    }
    pthread_mutex_lock(&srv.mu);
    bool cancelled = is_cancelled((uint64_t)id);
    pthread_mutex_unlock(&srv.mu);
    if (cancelled) lyc_msg_free(&m);
    else lyc_post(0, &m);
    return LY_SYM(Null);
}

static void start_eval(LycRd *r) {
    uint64_t id = lyc_get_u(r), caller = lyc_get_u(r);
    LyVM *vm = r->bad ? NULL : mirror_of(caller);
    if (!vm) return;
    LyExpr x = lyc_get_wxf(r, vm);
    LyExpr w = x ? ly_mk(vm, ly_symbol(vm, "Lyra`Private`Capture"), 2, x, ly_int(vm, (int64_t)id)) : NULL;
    LyfPool *p = w ? lyf_pool_default(vm) : NULL;
    LyExpr fut = p ? lyf_submit(vm, p, w, ly_symbol(vm, "ParallelSubmit")) : NULL;
    ly_unref(vm, w);
    Pending *pd = fut ? calloc(1, sizeof *pd) : NULL;
    if (!pd) {
        if (ly_unwinding(vm)) ly_exit_take(vm, NULL, NULL);
        ly_unref(vm, fut);
        LycMsg m;
        lyc_msg_init(&m, LYC_EVALRESULT);
        lyc_put_u(&m, id);
        lyc_put_u(&m, LYC_EXIT);
        lyc_put_blob(&m, NULL, 0);
        put_exit(&m, vm, LY_EXIT_NOMEM, NULL, NULL);
        lyc_post(0, &m);
        return;
    }
    pd->id = id;
    pd->vm = vm;
    pd->fut = fut;
    pthread_mutex_lock(&srv.mu);
    pd->next = srv.pending;
    srv.pending = pd;
    pthread_mutex_unlock(&srv.mu);
}

static bool is_state(LyVM *vm, LyExpr fut, const char *want) {
    LyExpr s = NULL;
    bool r = ly_call(vm, "FutureState", 1, &fut, &s) == LY_OK && s && ly_is_string(s) && !strcmp(ly_str(s)->s, want);
    if (s) ly_decref(vm, s);
    return r;
}

/* Forgets the futures that are done (they answered rank 0 themselves). */
static void poll_evals(void) {
    for (;;) {
        pthread_mutex_lock(&srv.mu);
        Pending *pd = srv.pending, *prev = NULL;
        while (pd && (is_state(pd->vm, pd->fut, "Pending") || is_state(pd->vm, pd->fut, "Running"))) { prev = pd; pd = pd->next; }
        if (pd) { if (prev) prev->next = pd->next; else srv.pending = pd->next; }
        pthread_mutex_unlock(&srv.mu);
        if (!pd) return;
        ly_unref(pd->vm, pd->fut);
        free(pd);
    }
}

static void cancel_evals(void) {
    pthread_mutex_lock(&srv.mu);
    for (Pending *pd = srv.pending; pd; pd = pd->next) {
        if (!is_cancelled(pd->id)) continue;
        LyExpr ignore = NULL;
        if (ly_call(pd->vm, "Cancel", 1, &pd->fut, &ignore) == LY_OK && ignore) ly_decref(pd->vm, ignore);
    }
    pthread_mutex_unlock(&srv.mu);
}

/* ---- shared variables (ranks other than 0) ------------------------------------------------------ */

LyExpr lyc_server_shared_request(LyVM *vm, LyExpr x) {
    Waiter w = { 0, NULL, 0, NULL };
    LycMsg m;
    lyc_msg_init(&m, LYC_SHARED);
    pthread_mutex_lock(&srv.mu);
    w.id = ++srv.next_req;
    w.next = srv.waiters;
    srv.waiters = &w;
    pthread_mutex_unlock(&srv.mu);
    lyc_put_u(&m, w.id);
    bool sent = lyc_put_wxf(&m, vm, x) && lyc_post(0, &m);
    if (!sent) lyc_msg_free(&m);
    int region = lyr_blocking_enter();
    pthread_mutex_lock(&srv.mu);
    while (sent && !w.msg && !atomic_load(&lyc.ranks[0].dead) && !atomic_load(&lyc.stopping)) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += 1;
        pthread_cond_timedwait(&srv.cv, &srv.mu, &ts);
    }
    for (Waiter **pp = &srv.waiters; *pp; pp = &(*pp)->next) if (*pp == &w) { *pp = w.next; break; }
    pthread_mutex_unlock(&srv.mu);
    if (region) lyr_blocking_exit();
    if (!w.msg) return ly_unwinding(vm) ? NULL : ly_raise_abort(vm);
    LycRd r = lyc_rd((char *)w.msg + 1, w.len - 1);
    lyc_get_u(&r);
    uint64_t status = lyc_get_u(&r);
    LyExpr v = status == LYC_OK ? lyc_get_wxf(&r, vm) : NULL;
    free(w.msg);
    if (!v && !ly_unwinding(vm)) v = lyf_failed();
    return v ? ly_evaluated(vm, v) : NULL;
}

void lyc_server_shared_reply(void *msg, size_t len) {
    LycRd r = lyc_rd((char *)msg + 1, len - 1);
    uint64_t id = lyc_get_u(&r);
    pthread_mutex_lock(&srv.mu);
    for (Waiter *w = srv.waiters; w; w = w->next)
        if (w->id == id && !w->msg) { w->msg = msg; w->len = len; msg = NULL; break; }
    pthread_cond_broadcast(&srv.cv);
    pthread_mutex_unlock(&srv.mu);
    free(msg);
}

/* ---- the loop ------------------------------------------------------------------------------------ */

/* Serves until STOP; returns 0 (clean) or 1 (rank 0 gone or a rank died). */
static int serve(void) {
    int status = 0;
    for (;;) {
        pthread_mutex_lock(&srv.mu);
        if (!srv.head) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_nsec += (srv.pending ? 50 : 100) * 1000 * 1000;
            if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
            pthread_cond_timedwait(&srv.cv, &srv.mu, &ts);
        }
        Node *n = srv.head;
        if (n) { srv.head = n->next; if (!srv.head) srv.tail = NULL; }
        bool any_pending = srv.pending != NULL;
        pthread_mutex_unlock(&srv.mu);
        if (any_pending) { cancel_evals(); poll_evals(); }
        if (!n) continue;
        LycRd r = lyc_rd((char *)n->msg + 1, n->len - 1);
        int type = ((unsigned char *)n->msg)[0];
        bool stop = false;
        switch (type) {
        case LYC_DEFS: apply_defs(&r); break;
        case LYC_JOB: run_job(&r); break;
        case LYC_EVAL: start_eval(&r); break;
        case LYC_FORGET: { uint64_t c = lyc_get_u(&r); if (!r.bad) forget(c); break; }
        case LYC_STOP: status = lyc_get_u(&r) ? 1 : 0; stop = true; break;
        default: break;
        }
        free(n->msg);
        free(n);
        if (stop) break;
    }
    /* futures still running are abandoned with their VMs */
    drop_pending(NULL);
    while (srv.mirrors) forget(srv.mirrors->caller);
    pthread_mutex_lock(&srv.mu);
    while (srv.head) { Node *x = srv.head; srv.head = x->next; free(x->msg); free(x); }
    srv.tail = NULL;
    pthread_mutex_unlock(&srv.mu);
    return status;
}

int lyc_server_loop(void) {
    LyVM *enc = ly_new_bare(NULL, NULL);
    lyc_thread_vm = enc;
    int st = serve();
    lyc_thread_vm = NULL;
    if (enc) ly_close(enc);
    return st;
}

static void *local_main(void *arg) {
    (void)arg;
    lyc_server_loop();
    return NULL;
}

bool lyc_server_start_local(void) {
    if (srv.local_running) return true;
    srv.local_running = pthread_create(&srv.local, NULL, local_main, NULL) == 0;
    return srv.local_running;
}

void lyc_server_stop_local(void) {
    if (!srv.local_running) return;
    LycMsg m;
    lyc_msg_init(&m, LYC_STOP);
    lyc_put_u(&m, 0);
    if (!m.oom) { lyc_server_push(m.p, m.len); m.p = NULL; }
    lyc_msg_free(&m);
    pthread_join(srv.local, NULL);
    srv.local_running = false;
}

static const LyBuiltin serve_builtins[] = {
    { "Lyra`Private`ClusterJob", b_clusterjob, "Protected", NULL },
    { "Lyra`Private`Capture", b_capture, "HoldAll Protected", NULL },
    { NULL, NULL, NULL, NULL }
};

LyStatus lyf_open_cluster_serve(LyVM *vm) { return ly_register_table(vm, serve_builtins); }
