/*
 * lyf_cluster.h — internal header of the cluster (foreign/lyf_cluster*.c):
 * Parallel* calls and futures spread over the processes (ranks) of an MPI
 * job, with WXF as the wire format.
 *
 * Processes and threads
 * ---------------------
 * Rank 0 runs the script; ranks 1.. serve it.  Every rank has
 *   - an I/O thread (lyf_cluster.c) that owns the transport's receive side:
 *     on rank 0 it takes results, runs the scheduler and answers shared-
 *     variable requests; on the others it queues what rank 0 sends for the
 *     server and handles cancellations at once;
 *   - a server (lyf_cluster_serve.c) that evaluates what rank 0 sends, one
 *     message at a time, on a "mirror" VM holding rank 0's definitions and
 *     on the rank's own thread pool: the process's main thread on ranks 1..,
 *     a thread of its own on rank 0 (rank 0's share of the work travels the
 *     same path, through an in-process queue instead of the transport).
 * The caller (rank 0, the thread of the user VM that made the call) only
 * coordinates: it ships definitions, registers the call, and takes the
 * chunks' results in input order (lyf_cluster_run.c).
 *
 * Reading the caller's objects: while a call is registered the caller is
 * blocked in it, so the threads that encode its jobs read f and the list in
 * place (never touching reference counts, as pool workers do); a call's
 * `users` count keeps the caller from returning while one is encoding.
 *
 * Messages: one type byte, then varints and length-prefixed blobs (LycMsg);
 * expressions inside are WXF (ly_wxf_write with LY_WXF_BARE|LY_WXF_STUBS).
 */
#ifndef LYF_CLUSTER_H
#define LYF_CLUSTER_H

#include "lyf.h"

enum {
    LYC_HELLO = 1,      /* r -> 0: workers of its pool, host name */
    LYC_WELCOME,        /* 0 -> r: kernel number base, heartbeat timeout */
    LYC_DEFS,           /* 0 -> r: caller id, WXF(ly_definitions_export) */
    LYC_JOB,            /* 0 -> r: a chunk of a parallel call */
    LYC_RESULT,         /* r -> 0: its results or its exit, captured output */
    LYC_CANCEL,         /* 0 -> r: call (or eval) id: stop it */
    LYC_EVAL,           /* 0 -> r: a future's expression */
    LYC_EVALRESULT,     /* r -> 0 */
    LYC_SHARED,         /* r -> 0: SharedGet/SharedOp of a shared variable */
    LYC_SHAREDREPLY,    /* 0 -> r */
    LYC_PING,           /* heartbeat, both ways */
    LYC_STOP,           /* 0 -> r: end (flag: a rank died, do not wait for it) */
    LYC_FORGET          /* 0 -> r: a caller VM closed: drop its mirror */
};

/* Status of a RESULT / EVALRESULT. */
enum { LYC_OK = 0, LYC_EXIT = 1, LYC_SKIPPED = 2 };

/* ---- messages (lyf_cluster.c) ------------------------------------------------------------ */

typedef struct LycMsg { unsigned char *p; size_t len, cap; bool oom; } LycMsg;
void lyc_msg_init(LycMsg *m, int type);
void lyc_put_u(LycMsg *m, uint64_t v);
void lyc_put_raw(LycMsg *m, const void *p, size_t n);
void lyc_put_blob(LycMsg *m, const void *p, size_t n);
/* Appends a blob holding the WXF form of e (vm: any VM the calling thread
 * owns; e is only read).  False when out of memory. */
bool lyc_put_wxf(LycMsg *m, LyVM *vm, LyExpr e);
void lyc_msg_free(LycMsg *m);

typedef struct LycRd { const unsigned char *p, *end; bool bad; } LycRd;
static inline LycRd lyc_rd(const void *p, size_t n) {
    return (LycRd){ (const unsigned char *)p, (const unsigned char *)p + n, false };
}
uint64_t lyc_get_u(LycRd *r);
const void *lyc_get_blob(LycRd *r, size_t *n);
/* The WXF blob at r decoded into vm (new reference); NULL when malformed
 * (r->bad) or out of memory (an exit in vm). */
LyExpr lyc_get_wxf(LycRd *r, LyVM *vm);

/* Sends m to rank dest and frees it; rank 0's own server is reached
 * through an in-process queue.  False when the rank is dead or gone. */
bool lyc_post(int dest, LycMsg *m);

/* ---- process-wide state (lyf_cluster.c) ------------------------------------------------- */

typedef struct LycRank {
    int workers;                /* threads of its pool */
    int kernel_base;            /* its workers are kernels base+1 .. base+workers */
    _Atomic bool dead;
    _Atomic int64_t last_seen;  /* ns of the last message from it */
    char host[64];
} LycRank;

typedef struct LycChunk {
    size_t lo, hi;              /* items */
    int rank;
    int state;                  /* LYC_PENDING, LYC_DONE, LYC_FAILED, LYC_DEAD */
    void *msg;                  /* the RESULT (malloc'd), owned */
    size_t len;
    int64_t t_sent;
} LycChunk;
enum { LYC_PENDING = 0, LYC_DONE, LYC_FAILED, LYC_DEAD };

typedef struct LycCall {
    uint64_t id, caller;
    int mode, method;           /* lyf_par.c's modes; 0 auto, 1 finest, 2 coarsest */
    bool spread;
    int64_t chunk_opt;          /* "ChunkSize" */
    LyExpr f, list;             /* caller's, read in place */
    const size_t *seg;          /* REDUCE/PIECES: n + 1 bounds into list */
    size_t n;
    uint64_t rkey;
    unsigned char *fwxf;        /* WXF of f (encoded once by the caller) */
    size_t fwxf_len;
    size_t next_item;           /* scheduler: first item not handed out */
    LycChunk *chunks;           /* in input order (append-only) */
    size_t nchunks, capchunks;
    int *inflight;              /* chunks in flight, per rank */
    double *rate;               /* items per second, per rank (0: unknown) */
    bool stop;                  /* failed or cancelled: hand out nothing more */
    int users;                  /* threads encoding its jobs now */
    struct LycCall *next;
} LycCall;

typedef struct LycEval {
    uint64_t id;
    int rank;
    int state;                  /* LYC_PENDING, LYC_DONE, LYC_DEAD */
    void *msg;                  /* EVALRESULT */
    size_t len;
    struct LycEval *next;
} LycEval;

typedef struct LycState {
    bool open;
    LyTransport t;
    int rank, size;
    LycRank *ranks;
    double timeout;             /* seconds without a message before a rank is dead */
    pthread_t io;
    _Atomic bool stopping;
    pthread_mutex_t mu;         /* calls, evals, scheduling, shared requests */
    pthread_cond_t cv;          /* signalled when a chunk or an eval ends */
    LycCall *calls;
    LycEval *evals;
    uint64_t next_id;
    LyfPool *pool;              /* rank 0: the cluster's pool (the default pool) */
    LyVM *iovm;                 /* the I/O thread's VM (full: it evaluates shared ops) */
    int total_workers;
    bool any_dead;
} LycState;

extern LycState lyc;
/* The VM the calling thread encodes jobs with (each thread of the cluster
 * sets its own; the caller's thread uses the caller VM). */
extern _Thread_local LyVM *lyc_thread_vm;

int64_t lyc_now(void);
/* Chooses and hands out chunks of c to ranks with room (lyc.mu held);
 * the caller then sends them with lyc_send_jobs outside the lock. */
typedef struct LycJobRef { LycCall *c; size_t chunk; } LycJobRef;
size_t lyc_schedule(LycCall *c, LycJobRef *out, size_t max);
void lyc_send_jobs(LyVM *encvm, LycJobRef *jobs, size_t n);
/* Rank 0: a RESULT / EVALRESULT / SHARED / HELLO / PING from src (any thread). */
void lyc_handle(int src, void *msg, size_t len);
void lyc_mark_dead(int rank);
/* Live ranks other than 0. */
int lyc_live_remotes(void);

/* ---- rank 0: calls and futures (lyf_cluster_run.c) ------------------------------------- */

/* Ships vm's definitions that changed since the last call (caller thread);
 * *caller gets vm's caller id.  False when out of memory. */
bool lyc_ship_definitions(LyVM *vm, uint64_t *caller);
void lyc_forget_caller(uint64_t caller);

/* ---- servers (lyf_cluster_serve.c) --------------------------------------------------------- */

/* Queues a message from rank 0 for this process's server (takes msg). */
void lyc_server_push(void *msg, size_t len);
/* The I/O thread's part: cancel what runs for call/eval id now. */
void lyc_server_cancel(uint64_t id);
/* A reply to a shared-variable request arrived (takes msg). */
void lyc_server_shared_reply(void *msg, size_t len);
/* Rank 0: starts the local server thread; ranks 1..: the loop itself. */
bool lyc_server_start_local(void);
void lyc_server_stop_local(void);
int lyc_server_loop(void);

/* A shared-variable update from a worker of a rank other than 0: sent to
 * rank 0, which owns the variable; the answer (new reference). */
LyExpr lyc_server_shared_request(LyVM *vm, LyExpr x);

LyStatus lyf_open_cluster_run(LyVM *vm);
LyStatus lyf_open_cluster_serve(LyVM *vm);

#endif
