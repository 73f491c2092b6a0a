/*
 * lyf_cluster.c — the cluster's process-wide state: opening and closing
 * it, messages, the I/O thread, rank 0's scheduler and result handling,
 * heartbeats and dead ranks, and the builtins $ClusterRank, $ClusterSize,
 * ClusterRanks[] and ClusterPool[].  Design: lyf_cluster.h.
 *
 * Scheduling (rank 0, lyc_schedule under lyc.mu): a call's items are
 * handed out in input order as chunks, at most two in flight per rank, so
 * a rank always has its next chunk queued while it works.  A chunk's size
 * is the smaller of half the rank's fair share of what is left (by worker
 * count; the tail balances itself) and what the rank gets through in
 * LYC_TARGET seconds at the rate measured on its earlier chunks of the same
 * call; the first chunks are probes of one item per worker.  Method ->
 * "FinestGrained" keeps chunks at one item per worker, "CoarsestGrained"
 * gives each rank one chunk, "ChunkSize" -> k gives k items per worker.
 *
 * Dead ranks: every rank sends a PING every LYC_PING_SECONDS; rank 0 marks
 * a rank dead after lyc.timeout seconds without a message (LYRA_CLUSTER_
 * TIMEOUT, default 20): its chunks and futures fail with ::rankdead and it
 * gets no more work.  Ranks 1.. stop when rank 0 falls silent as long.
 * (Open MPI ends the whole job when a process dies unless mpirun runs with
 * --enable-recovery; docs/cluster.md.)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "lyf_cluster.h"

LycState lyc = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };
_Thread_local LyVM *lyc_thread_vm;

#define LYC_PING_SECONDS 0.5    /* seconds between heartbeats */
#define LYC_TARGET 0.2          /* seconds of work per chunk, once rates are known */

int64_t lyc_now(void) { return lyr_now_ns(); }

/* ---- messages ------------------------------------------------------------------------------ */

static void grow(LycMsg *m, size_t extra) {
    if (m->oom || m->len + extra <= m->cap) return;
    size_t nc = m->cap ? m->cap : 256;
    while (nc < m->len + extra) nc *= 2;
    unsigned char *np = realloc(m->p, nc);
    if (!np) { m->oom = true; return; }
    m->p = np;
    m->cap = nc;
}

void lyc_put_raw(LycMsg *m, const void *p, size_t n) {
    grow(m, n);
    if (m->oom) return;
    if (n) memcpy(m->p + m->len, p, n);
    m->len += n;
}

void lyc_put_u(LycMsg *m, uint64_t v) {
    unsigned char t[10];
    size_t k = 0;
    do { t[k] = v & 0x7f; v >>= 7; if (v) t[k] |= 0x80; k++; } while (v);
    lyc_put_raw(m, t, k);
}

void lyc_msg_init(LycMsg *m, int type) {
    memset(m, 0, sizeof *m);
    unsigned char t = (unsigned char)type;
    lyc_put_raw(m, &t, 1);
}

void lyc_put_blob(LycMsg *m, const void *p, size_t n) { lyc_put_u(m, n); lyc_put_raw(m, p, n); }

bool lyc_put_wxf(LycMsg *m, LyVM *vm, LyExpr e) {
    LyBuf b;
    ly_buf_init(&b, vm);
    LyStatus st = ly_wxf_write(vm, e, LY_WXF_BARE | LY_WXF_STUBS, &b, NULL);
    if (st == LY_OK) lyc_put_blob(m, b.p, b.len);
    ly_buf_free(&b);
    if (st != LY_OK && ly_unwinding(vm)) ly_exit_take(vm, NULL, NULL);
    return st == LY_OK && !m->oom;
}

void lyc_msg_free(LycMsg *m) { free(m->p); memset(m, 0, sizeof *m); }

uint64_t lyc_get_u(LycRd *r) {
    uint64_t v = 0;
    for (int k = 0; k < 10; k++) {
        if (r->p >= r->end) { r->bad = true; return 0; }
        unsigned c = *r->p++;
        v |= (uint64_t)(c & 0x7f) << (7 * k);
        if (!(c & 0x80)) return v;
    }
    r->bad = true;
    return 0;
}

const void *lyc_get_blob(LycRd *r, size_t *n) {
    uint64_t len = lyc_get_u(r);
    if (r->bad || len > (uint64_t)(r->end - r->p)) { r->bad = true; *n = 0; return NULL; }
    const void *p = r->p;
    r->p += len;
    *n = (size_t)len;
    return p;
}

LyExpr lyc_get_wxf(LycRd *r, LyVM *vm) {
    size_t n;
    const void *p = lyc_get_blob(r, &n);
    if (!p) return NULL;
    LyExpr e = ly_wxf_read(vm, p, n, NULL, NULL);
    if (!e && !ly_unwinding(vm)) r->bad = true;
    return e;
}

/* Sends with a generous deadline: 30 s plus 1 s per 10 MB. */
static bool transport_send(int dest, const void *p, size_t n) {
    if (dest < 0 || dest >= lyc.size || atomic_load(&lyc.ranks[dest].dead)) return false;
    return lyc.t.send(lyc.t.ud, dest, p, n, 30.0 + (double)n / 1e7) == 0;
}

bool lyc_post(int dest, LycMsg *m) {
    bool ok = !m->oom;
    if (ok && dest == lyc.rank) {
        if (lyc.rank == 0 && m->p[0] != LYC_DEFS && m->p[0] != LYC_JOB && m->p[0] != LYC_FORGET && m->p[0] != LYC_STOP) {
            lyc_handle(0, m->p, m->len);        /* the local server's reply to rank 0 */
        } else lyc_server_push(m->p, m->len);
        m->p = NULL;
        m->len = m->cap = 0;
        return true;
    }
    if (!ok) { lyc_msg_free(m); return false; }
    ok = transport_send(dest, m->p, m->len);
    lyc_msg_free(m);
    if (!ok && lyc.rank == 0 && dest > 0) lyc_mark_dead(dest);
    return ok;
}

/* ---- scheduling (rank 0) ----------------------------------------------------------------- */

int lyc_live_remotes(void) {
    int n = 0;
    for (int r = 1; r < lyc.size; r++) n += !atomic_load(&lyc.ranks[r].dead);
    return n;
}

static int live_workers(void) {
    int w = 0;
    for (int r = 0; r < lyc.size; r++) if (!atomic_load(&lyc.ranks[r].dead)) w += lyc.ranks[r].workers;
    return w > 0 ? w : 1;
}

static size_t chunk_size(LycCall *c, int r) {
    size_t left = c->n - c->next_item, w = (size_t)(lyc.ranks[r].workers > 0 ? lyc.ranks[r].workers : 1);
    size_t total = (size_t)live_workers(), size;
    switch (c->method) {
    case 1: size = w; break;                                   /* FinestGrained */
    case 2: size = (c->n * w + total - 1) / total; break;      /* CoarsestGrained */
    default:
        if (c->chunk_opt > 0) { size = (size_t)c->chunk_opt * w; break; }
        size = left * w / total / 2;
        if (c->rate[r] > 0) {
            double by_time = c->rate[r] * LYC_TARGET;
            if (by_time < (double)size) size = (size_t)by_time;
        } else if (size > w) size = w;                         /* probe */
        if (size < w) size = w;
    }
    if (size < 1) size = 1;
    return size < left ? size : left;
}

size_t lyc_schedule(LycCall *c, LycJobRef *out, size_t max) {
    size_t k = 0;
    for (int pass = 0; pass < 2 && !c->stop; pass++) {
        for (int r = 0; r < lyc.size && k < max && c->next_item < c->n; r++) {
            if (atomic_load(&lyc.ranks[r].dead) || c->inflight[r] > pass) continue;
            if (c->nchunks == c->capchunks) {
                size_t nc = c->capchunks ? c->capchunks * 2 : 16;
                LycChunk *n = realloc(c->chunks, nc * sizeof *n);
                if (!n) return k;
                c->chunks = n;
                c->capchunks = nc;
            }
            size_t size = chunk_size(c, r);
            LycChunk *ch = &c->chunks[c->nchunks];
            memset(ch, 0, sizeof *ch);
            ch->lo = c->next_item;
            ch->hi = c->next_item + size;
            ch->rank = r;
            ch->t_sent = lyc_now();
            c->next_item = ch->hi;
            c->inflight[r]++;
            out[k++] = (LycJobRef){ c, c->nchunks++ };
        }
    }
    return k;
}

/* A view of elements [lo, hi) of a list as a List, borrowing them: only
 * ever read (encoded); freed with free(). */
static LyExpr slice_view(LyExpr list, size_t lo, size_t hi, void **mem) {
    *mem = NULL;
    if (ly_is_packed(list)) {
        const LyPacked *p = ly_packed(list);
        size_t stride = p->dims[0] ? p->len / p->dims[0] : 0;
        struct { LyPacked pk; size_t dims[]; } *v = malloc(sizeof *v + p->h.aux * sizeof(size_t));
        if (!v) return NULL;
        v->pk = *p;
        v->pk.h.rc = 1;
        memcpy(v->dims, p->dims, p->h.aux * sizeof(size_t));
        v->dims[0] = hi - lo;
        v->pk.dims = v->dims;
        v->pk.len = (hi - lo) * stride;
        v->pk.data = (char *)p->data + lo * stride * 8;
        v->pk.shared = NULL;
        *mem = v;
        return (LyExpr)&v->pk;
    }
    LyNormal *v = malloc(sizeof *v + (hi - lo + 1) * sizeof(LyExpr));
    if (!v) return NULL;
    memset(v, 0, sizeof *v);
    v->h.rc = 1;
    v->h.type = LY_TNORMAL;
    v->len = hi - lo;
    v->e[0] = LY_SYM(List);
    for (size_t i = lo; i < hi; i++) v->e[i - lo + 1] = ly_narg(list, i + 1);
    *mem = v;
    return (LyExpr)v;
}

/* Encodes and sends chunk jobs; encvm is a VM the calling thread owns. */
void lyc_send_jobs(LyVM *encvm, LycJobRef *jobs, size_t n) {
    for (size_t j = 0; j < n; j++) {
        LycCall *c = jobs[j].c;
        pthread_mutex_lock(&lyc.mu);
        LycChunk ch = c->chunks[jobs[j].chunk];
        bool stop = c->stop;
        if (!stop) c->users++;
        pthread_mutex_unlock(&lyc.mu);
        if (stop) continue;
        LycMsg m;
        lyc_msg_init(&m, LYC_JOB);
        lyc_put_u(&m, c->id);
        lyc_put_u(&m, jobs[j].chunk);
        lyc_put_u(&m, c->caller);
        lyc_put_u(&m, (uint64_t)c->mode | (c->spread ? 8u : 0u) | ((uint64_t)c->method << 4));
        lyc_put_u(&m, c->chunk_opt > 0 ? (uint64_t)c->chunk_opt : 0);
        lyc_put_u(&m, c->rkey);
        lyc_put_u(&m, ch.lo);
        lyc_put_u(&m, ch.hi - ch.lo);
        lyc_put_blob(&m, c->fwxf, c->fwxf_len);
        size_t elo = ch.lo, ehi = ch.hi;
        if (c->seg) { elo = c->seg[ch.lo]; ehi = c->seg[ch.hi]; }
        void *mem;
        LyExpr view = slice_view(c->list, elo, ehi, &mem);
        bool ok = view && lyc_put_wxf(&m, encvm, view);
        free(mem);
        if (c->seg) for (size_t i = ch.lo; i <= ch.hi; i++) lyc_put_u(&m, c->seg[i] - elo);
        pthread_mutex_lock(&lyc.mu);
        c->users--;
        pthread_cond_broadcast(&lyc.cv);
        pthread_mutex_unlock(&lyc.mu);
        if (!ok) m.oom = true;
        if (!lyc_post(ch.rank, &m) && ch.rank == lyc.rank) {
            /* could not even queue it locally: out of memory; fail the chunk */
            pthread_mutex_lock(&lyc.mu);
            c->chunks[jobs[j].chunk].state = LYC_DEAD;
            pthread_cond_broadcast(&lyc.cv);
            pthread_mutex_unlock(&lyc.mu);
        }
    }
}

/* ---- rank 0: messages from the ranks ----------------------------------------------------------- */

static LycCall *find_call(uint64_t id) {
    for (LycCall *c = lyc.calls; c; c = c->next) if (c->id == id) return c;
    return NULL;
}

static void handle_result(int src, void *msg, size_t len) {
    LycRd r = lyc_rd((char *)msg + 1, len - 1);
    uint64_t id = lyc_get_u(&r), chunk = lyc_get_u(&r), status = lyc_get_u(&r), elapsed = lyc_get_u(&r);
    LycJobRef jobs[16];
    size_t nj = 0;
    pthread_mutex_lock(&lyc.mu);
    LycCall *c = r.bad ? NULL : find_call(id);
    if (c && chunk < c->nchunks && c->chunks[chunk].rank == src && c->chunks[chunk].state == LYC_PENDING) {
        LycChunk *ch = &c->chunks[chunk];
        ch->msg = msg;
        ch->len = len;
        msg = NULL;
        ch->state = status == LYC_OK ? LYC_DONE : LYC_FAILED;
        c->inflight[src]--;
        if (status != LYC_OK) c->stop = true;
        if (status == LYC_OK && elapsed > 0) {
            double rate = (double)(ch->hi - ch->lo) / ((double)elapsed * 1e-9);
            c->rate[src] = c->rate[src] > 0 ? 0.5 * c->rate[src] + 0.5 * rate : rate;
        }
        nj = lyc_schedule(c, jobs, 16);
        if (nj) c->users++;                  /* keeps c registered until the jobs are out */
        pthread_cond_broadcast(&lyc.cv);
    }
    pthread_mutex_unlock(&lyc.mu);
    free(msg);
    if (nj) {
        lyc_send_jobs(lyc_thread_vm, jobs, nj);
        pthread_mutex_lock(&lyc.mu);
        c->users--;
        pthread_cond_broadcast(&lyc.cv);
        pthread_mutex_unlock(&lyc.mu);
    }
}

static void handle_evalresult(int src, void *msg, size_t len) {
    LycRd r = lyc_rd((char *)msg + 1, len - 1);
    uint64_t id = lyc_get_u(&r);
    pthread_mutex_lock(&lyc.mu);
    for (LycEval *e = lyc.evals; e && !r.bad; e = e->next) {
        if (e->id != id || e->rank != src || e->state != LYC_PENDING) continue;
        e->msg = msg;
        e->len = len;
        msg = NULL;
        e->state = LYC_DONE;
        pthread_cond_broadcast(&lyc.cv);
        break;
    }
    pthread_mutex_unlock(&lyc.mu);
    free(msg);
}

/* A shared-variable access from rank src: evaluated here, on the I/O
 * thread's VM, against rank 0's store (lyf_shared.c). */
static void handle_shared(int src, void *msg, size_t len) {
    LycRd r = lyc_rd((char *)msg + 1, len - 1);
    uint64_t id = lyc_get_u(&r);
    LyVM *vm = lyc.iovm;
    LyExpr e = r.bad || !vm ? NULL : lyc_get_wxf(&r, vm);
    LyExpr v = NULL;
    if (e) {
        if (ly_eval(vm, e, &v) != LY_OK && v) { ly_decref(vm, v); v = NULL; }
        ly_decref(vm, e);
    }
    LycMsg m;
    lyc_msg_init(&m, LYC_SHAREDREPLY);
    lyc_put_u(&m, id);
    lyc_put_u(&m, v ? LYC_OK : LYC_EXIT);
    if (v && !lyc_put_wxf(&m, vm, v)) m.oom = true;
    if (v) ly_decref(vm, v);
    free(msg);
    lyc_post(src, &m);
}

void lyc_handle(int src, void *msg, size_t len) {
    if (len < 1) { free(msg); return; }
    switch (((unsigned char *)msg)[0]) {
    case LYC_RESULT: handle_result(src, msg, len); return;
    case LYC_EVALRESULT: handle_evalresult(src, msg, len); return;
    case LYC_SHARED: handle_shared(src, msg, len); return;
    default: free(msg); return;
    }
}

void lyc_mark_dead(int rank) {
    if (rank <= 0 || rank >= lyc.size || atomic_exchange(&lyc.ranks[rank].dead, true)) return;
    pthread_mutex_lock(&lyc.mu);
    lyc.any_dead = true;
    for (LycCall *c = lyc.calls; c; c = c->next)
        for (size_t k = 0; k < c->nchunks; k++)
            if (c->chunks[k].rank == rank && c->chunks[k].state == LYC_PENDING) {
                c->chunks[k].state = LYC_DEAD;
                c->stop = true;
            }
    for (LycEval *e = lyc.evals; e; e = e->next)
        if (e->rank == rank && e->state == LYC_PENDING) e->state = LYC_DEAD;
    pthread_cond_broadcast(&lyc.cv);
    pthread_mutex_unlock(&lyc.mu);
}

/* ---- the I/O thread ----------------------------------------------------------------------------- */

static void send_ping(int dest) {
    LycMsg m;
    lyc_msg_init(&m, LYC_PING);
    if (!m.oom) lyc.t.send(lyc.t.ud, dest, m.p, m.len, 1.0);
    lyc_msg_free(&m);
}

static void *io_main(void *arg) {
    (void)arg;
    lyc_thread_vm = lyc.iovm;
    int64_t last_ping = 0, timeout_ns = (int64_t)(lyc.timeout * 1e9);
    while (!atomic_load(&lyc.stopping)) {
        int src = -1;
        void *data = NULL;
        size_t len = 0;
        int rc = lyc.t.recv(lyc.t.ud, &src, &data, &len, 0.05);
        int64_t now = lyc_now();
        if (rc == 1 && src >= 0 && src < lyc.size && len >= 1) {
            atomic_store(&lyc.ranks[src].last_seen, now);
            int type = ((unsigned char *)data)[0];
            if (lyc.rank == 0) {
                if (type == LYC_PING || type == LYC_HELLO) free(data);
                else lyc_handle(src, data, len);
            } else if (type == LYC_PING) {
                free(data);
            } else if (type == LYC_CANCEL) {
                LycRd r = lyc_rd((char *)data + 1, len - 1);
                uint64_t id = lyc_get_u(&r);
                if (!r.bad) lyc_server_cancel(id);
                free(data);
            } else if (type == LYC_SHAREDREPLY) {
                lyc_server_shared_reply(data, len);
            } else lyc_server_push(data, len);
        } else if (rc == 1) {
            free(data);
        }
        if (now - last_ping > (int64_t)(LYC_PING_SECONDS * 1e9)) {
            last_ping = now;
            if (lyc.rank == 0) {
                for (int r = 1; r < lyc.size; r++) {
                    if (atomic_load(&lyc.ranks[r].dead)) continue;
                    send_ping(r);
                    if (now - atomic_load(&lyc.ranks[r].last_seen) > timeout_ns) lyc_mark_dead(r);
                }
            } else {
                send_ping(0);
                if (now - atomic_load(&lyc.ranks[0].last_seen) > timeout_ns) {
                    /* rank 0 is gone: stop serving */
                    atomic_store(&lyc.ranks[0].dead, true);
                    LycMsg m;
                    lyc_msg_init(&m, LYC_STOP);
                    lyc_put_u(&m, 1);
                    if (!m.oom) { lyc_server_push(m.p, m.len); m.p = NULL; }
                    lyc_msg_free(&m);
                    break;
                }
            }
        }
    }
    return NULL;
}

/* ---- opening and closing ------------------------------------------------------------------------ */

static void close_at_exit(void) { ly_cluster_close(); }

LyStatus ly_cluster_open(const LyTransport *t) {
    if (lyc.open || !t || t->size < 1 || t->rank < 0 || t->rank >= t->size || !t->send || !t->recv) return LY_ERRARG;
    lyc.t = *t;
    lyc.rank = t->rank;
    lyc.size = t->size;
    lyc.ranks = calloc((size_t)t->size, sizeof *lyc.ranks);
    if (!lyc.ranks) return LY_ERRMEM;
    const char *to = getenv("LYRA_CLUSTER_TIMEOUT");
    lyc.timeout = to && atof(to) > 0 ? atof(to) : 20.0;
    int64_t now = lyc_now();
    for (int r = 0; r < lyc.size; r++) atomic_store(&lyc.ranks[r].last_seen, now);
    lyc.ranks[lyc.rank].workers = lyf_default_threads();
    gethostname(lyc.ranks[lyc.rank].host, sizeof lyc.ranks[lyc.rank].host - 1);
    lyc.next_id = 1;
    lyf_xfer_init();
    /* the handshake: ranks report their workers; rank 0 numbers the kernels */
    if (lyc.rank == 0) {
        int heard = 1;
        bool *got = calloc((size_t)lyc.size, 1);
        int64_t deadline = now + (int64_t)(lyc.timeout * 1e9);
        while (got && heard < lyc.size && lyc_now() < deadline) {
            int src;
            void *data;
            size_t len;
            if (t->recv(t->ud, &src, &data, &len, 0.1) != 1) continue;
            if (src > 0 && src < lyc.size && len > 1 && ((unsigned char *)data)[0] == LYC_HELLO && !got[src]) {
                LycRd r = lyc_rd((char *)data + 1, len - 1);
                lyc.ranks[src].workers = (int)lyc_get_u(&r);
                size_t hn;
                const char *h = lyc_get_blob(&r, &hn);
                if (h) memcpy(lyc.ranks[src].host, h, hn < 63 ? hn : 63);
                got[src] = true;
                heard++;
            }
            free(data);
        }
        int base = 0;
        for (int r = 0; r < lyc.size; r++) {
            if (r > 0 && (!got || !got[r])) { atomic_store(&lyc.ranks[r].dead, true); lyc.any_dead = true; continue; }
            lyc.ranks[r].kernel_base = base;
            base += lyc.ranks[r].workers;
            if (r == 0) continue;
            LycMsg m;
            lyc_msg_init(&m, LYC_WELCOME);
            lyc_put_u(&m, (uint64_t)lyc.ranks[r].kernel_base);
            lyc_post(r, &m);
        }
        lyc.total_workers = base;
        free(got);
    } else {
        LycMsg m;
        lyc_msg_init(&m, LYC_HELLO);
        lyc_put_u(&m, (uint64_t)lyc.ranks[lyc.rank].workers);
        lyc_put_blob(&m, lyc.ranks[lyc.rank].host, strlen(lyc.ranks[lyc.rank].host));
        lyc_post(0, &m);
        int64_t deadline = now + (int64_t)(lyc.timeout * 1e9);
        bool welcomed = false;
        while (!welcomed && lyc_now() < deadline) {
            int src;
            void *data;
            size_t len;
            if (t->recv(t->ud, &src, &data, &len, 0.1) != 1) continue;
            if (src == 0 && len > 1 && ((unsigned char *)data)[0] == LYC_WELCOME) {
                LycRd r = lyc_rd((char *)data + 1, len - 1);
                lyc.ranks[lyc.rank].kernel_base = (int)lyc_get_u(&r);
                welcomed = true;
            }
            free(data);
        }
        if (!welcomed) { if (t->finish) t->finish(t->ud, false); free(lyc.ranks); return LY_ERRIO; }
    }
    lyc.open = true;
    if (lyc.rank == 0) {
        /* the I/O thread's VM: it encodes jobs and evaluates shared-variable
         * updates; made before the thread starts, used only by it after */
        lyc.iovm = ly_new(NULL, NULL);
        if (lyc.iovm) { lyf_vm_mark_internal(lyc.iovm, true); ly_set_collect(lyc.iovm, LY_COLLECT_LOOPS); }
    }
    if (pthread_create(&lyc.io, NULL, io_main, NULL) != 0) {
        lyc.open = false;
        free(lyc.ranks);
        return LY_ERRMEM;
    }
    if (lyc.rank == 0) {
        lyc.pool = lyc.iovm ? lyf_pool_default(lyc.iovm) : NULL;
        if (lyc_live_remotes() > 0) lyc_server_start_local();
        atexit(close_at_exit);
    }
    return LY_OK;
}

static void stop_io(void) {
    atomic_store(&lyc.stopping, true);
    pthread_join(lyc.io, NULL);
}

void ly_cluster_close(void) {
    if (!lyc.open || lyc.rank != 0) return;
    lyc.open = false;
    bool clean = !lyc.any_dead;
    for (int r = 1; r < lyc.size; r++) {
        if (atomic_load(&lyc.ranks[r].dead)) continue;
        LycMsg m;
        lyc_msg_init(&m, LYC_STOP);
        lyc_put_u(&m, clean ? 0 : 1);
        lyc_post(r, &m);
    }
    lyc_server_stop_local();
    stop_io();
    if (lyc.iovm) { lyf_vm_mark_internal(lyc.iovm, false); ly_close(lyc.iovm); lyc.iovm = NULL; }
    if (lyc.t.finish) lyc.t.finish(lyc.t.ud, clean);
}

int ly_cluster_serve(void) {
    if (!lyc.open || lyc.rank == 0) return 2;
    int status = lyc_server_loop();
    bool clean = status == 0 && !atomic_load(&lyc.ranks[0].dead);
    stop_io();
    lyc.open = false;
    if (lyc.t.finish) lyc.t.finish(lyc.t.ud, clean);
    return status;
}

/* ---- hooks for foreign/'s other files ---------------------------------------------------------- */

bool lyf_cluster_takes(LyVM *vm, LyfPool *p) {
    return lyc.open && lyc.rank == 0 && p && p == lyc.pool && lyr_current_worker() == NULL &&
           !lyf_vm_is_internal(vm) && lyc_live_remotes() > 0;
}

int lyf_cluster_workers(LyfPool *p) {
    if (lyc.open && lyc.rank == 0 && p == lyc.pool) return live_workers();
    return p ? p->nworkers : 1;
}

/* ---- builtins ------------------------------------------------------------------------------------ */

typedef struct Handle { LyfPool *p; } Handle;

static void cpool_finalize(LyVM *vm, void *data) {
    (void)vm;
    free(data);
}

static void cpool_format(LyBuf *b, void *data) {
    (void)data;
    int ranks = lyc.open ? 1 + (lyc.rank == 0 ? lyc_live_remotes() : 0) : 1;
    int workers = lyc.open && lyc.rank == 0 ? live_workers() : lyf_default_threads();
    ly_buf_printf(b, "<%d rank%s, %d worker%s>", ranks, ranks == 1 ? "" : "s", workers, workers == 1 ? "" : "s");
}

static bool cpool_equal(void *a, void *b) { (void)a; (void)b; return true; }
static uint64_t cpool_hash(void *data) { (void)data; return 0xC1u; }
static LyExpr cpool_transfer(LyVM *dst, void *data) {
    Handle *h = malloc(sizeof *h);
    if (!h) return NULL;
    *h = *(Handle *)data;
    return ly_mkforeign(dst, &lyf_cluster_pool_type, h);
}

const LyForeignType lyf_cluster_pool_type = {
    "ClusterPool", cpool_finalize, cpool_format, NULL, cpool_equal, cpool_hash, cpool_transfer, NULL, NULL, true, NULL
};

/* The pool of a ClusterPool[] handle: the default pool it was made from
 * (which the user VM holding the handle keeps alive). */
LyfPool *lyf_cluster_pool_of(LyExpr e) { return ((Handle *)ly_foreign(e)->data)->p; }

static LyExpr b_clusterpool(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 0) return NULL;
    LyfPool *p = lyf_pool_default(vm);
    if (!p) return lyf_failed();
    if (lyc.open && lyc.rank == 0 && !lyc.pool) lyc.pool = p;
    Handle *h = malloc(sizeof *h);
    if (!h) return ly_raise_nomem(vm);
    h->p = p;
    return ly_mkforeign(vm, &lyf_cluster_pool_type, h);
}

static LyExpr b_clusterranks(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 0) return NULL;
    int n = lyc.open ? lyc.size : 1;
    int64_t live[n > 0 ? n : 1];
    size_t k = 0;
    for (int r = 0; r < n; r++)
        if (!lyc.open || lyc.rank != 0 || r == 0 || !atomic_load(&lyc.ranks[r].dead)) live[k++] = r;
    return ly_packed_int64(vm, k, live);
}

static const LyBuiltin cluster_builtins[] = {
    { "ClusterPool", b_clusterpool, "Protected",
      "ClusterPool[] is the pool of every rank of the MPI job (lyra under mpirun): \"Pool\" -> ClusterPool[] spreads a parallel call over them. Without MPI it is the default pool." },
    { "ClusterRanks", b_clusterranks, "Protected",
      "ClusterRanks[] gives the ranks (processes) of the cluster that are alive, {0} without MPI." },
    { "$ClusterRank", NULL, "Protected", "$ClusterRank is the rank of the process evaluating it: 0 on the one that runs the script." },
    { "$ClusterSize", NULL, "Protected", "$ClusterSize is the number of processes of the MPI job (1 without MPI)." },
    { NULL, NULL, NULL, NULL }
};

/* Also called for worker VMs: cheap, and it starts nothing. */
LyStatus lyf_open_cluster(LyVM *vm) {
    LyStatus st = ly_register_table(vm, cluster_builtins);
    if (st == LY_OK) st = lyf_open_cluster_run(vm);
    if (st == LY_OK) st = lyf_open_cluster_serve(vm);
    if (st != LY_OK) return st;
    ly_set_message(vm, "General", "rankdead", "Rank `1` (`2`) stopped responding; its part of the computation is lost.");
    ly_set_message(vm, "General", "remote", "`1` lives in another process and cannot be used on rank `2`.");
    LyExpr r = ly_symbol(vm, "$ClusterRank"), s = ly_symbol(vm, "$ClusterSize");
    if (r) ly_set_own_value(vm, r, ly_int(vm, lyc.open ? lyc.rank : 0));
    if (s) ly_set_own_value(vm, s, ly_int(vm, lyc.open ? lyc.size : 1));
    if (lyc.open && lyc.rank == 0 && !lyr_current_worker() && !lyf_vm_is_internal(vm)) {
        /* the definitions every VM starts with are not shipped (lyf_cluster_run.c) */
        LyExpr b = ly_symbol(vm, "Lyra`Private`ClusterBase");
        if (b) ly_set_own_value(vm, b, ly_int(vm, (int64_t)ly_definitions_version(vm)));
    }
    return LY_OK;
}
