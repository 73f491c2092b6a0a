/*
 * lyf_mpi.c — liblyra_mpi.so: the MPI transport of the cluster (a
 * LyTransport, lyra.h).  The lyra command loads it with dlopen only when it
 * runs under mpirun (or with --cluster), so neither liblyra nor a plain
 * `lyra` ever links or initialises MPI.  The module knows nothing of
 * expressions: it moves byte strings between ranks.
 *
 * MPI_Init_thread asks for MPI_THREAD_MULTIPLE: any thread sends, one (the
 * cluster's I/O thread) receives.  Errors return instead of aborting the
 * job (MPI_ERRORS_RETURN).  Sends are nonblocking and polled up to their
 * deadline, so a send to a rank that died cannot hang; receives poll
 * MPI_Improbe with a backoff of 20 us growing to 100 us while messages
 * flow and to 1 ms once idle for 50 ms, so the I/O thread costs little idle
 * and answers in about 100 us when busy.  (Blocking probes would spin: Open
 * MPI's progress loop polls with sched_yield.)  Messages
 * above 2^31 - 1 bytes (MPI's int counts) are refused.
 */
#include <mpi.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "lyra.h"

#define TAG 7121

typedef struct Mpi { MPI_Comm comm; char name[96]; double last_msg; } Mpi;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void pause_us(long us) {
    struct timespec t = { us / 1000000, (us % 1000000) * 1000 };
    nanosleep(&t, NULL);
}

static int mpi_send(void *ud, int dest, const void *data, size_t len, double timeout) {
    Mpi *m = ud;
    if (len > (size_t)INT_MAX) return -1;
    MPI_Request req;
    if (MPI_Isend(data, (int)len, MPI_BYTE, dest, TAG, m->comm, &req) != MPI_SUCCESS) return -1;
    double deadline = now() + timeout;
    long us = 0;
    for (;;) {
        int done = 0;
        if (MPI_Test(&req, &done, MPI_STATUS_IGNORE) != MPI_SUCCESS) return -1;
        if (done) return 0;
        if (now() > deadline) {
            MPI_Cancel(&req);
            MPI_Request_free(&req);
            return -1;
        }
        us = us ? (us < 1000 ? us * 2 : 1000) : 10;
        pause_us(us);
    }
}

static int mpi_recv(void *ud, int *src, void **data, size_t *len, double timeout) {
    Mpi *m = ud;
    double deadline = now() + timeout;
    long us = 0;
    for (;;) {
        int flag = 0;
        MPI_Message msg;
        MPI_Status st;
        if (MPI_Improbe(MPI_ANY_SOURCE, TAG, m->comm, &flag, &msg, &st) != MPI_SUCCESS) return -1;
        if (flag) {
            int count = 0;
            MPI_Get_count(&st, MPI_BYTE, &count);
            void *p = malloc(count > 0 ? (size_t)count : 1);
            if (!p) { MPI_Mrecv(NULL, 0, MPI_BYTE, &msg, MPI_STATUS_IGNORE); return -1; }
            if (MPI_Mrecv(p, count, MPI_BYTE, &msg, MPI_STATUS_IGNORE) != MPI_SUCCESS) { free(p); return -1; }
            *src = st.MPI_SOURCE;
            *data = p;
            *len = (size_t)count;
            m->last_msg = now();
            return 1;
        }
        double t = now();
        if (t >= deadline) return 0;
        /* while messages flow, poll often (answers in ~100 us); idle, back off to 1 ms */
        long cap = t - m->last_msg < 0.05 ? 100 : 1000;
        us = us ? (us < cap ? us * 2 : cap) : 20;
        pause_us(us);
    }
}

static void mpi_finish(void *ud, bool clean) {
    Mpi *m = ud;
    /* MPI_Finalize is collective: with a dead rank it would wait forever */
    if (clean) {
        MPI_Comm_free(&m->comm);
        MPI_Finalize();
    }
    free(m);
}

/* Called by the lyra command (dlsym): initialises MPI and fills *t.
 * Returns 0, or -1 with a reason in err. */
int lyra_mpi_transport(LyTransport *t, char *err, size_t errlen);
__attribute__((visibility("default")))
int lyra_mpi_transport(LyTransport *t, char *err, size_t errlen) {
    int provided = 0;
    if (MPI_Init_thread(NULL, NULL, MPI_THREAD_MULTIPLE, &provided) != MPI_SUCCESS) {
        snprintf(err, errlen, "MPI_Init_thread failed");
        return -1;
    }
    if (provided < MPI_THREAD_MULTIPLE) {
        snprintf(err, errlen, "the MPI library does not support MPI_THREAD_MULTIPLE");
        MPI_Finalize();
        return -1;
    }
    Mpi *m = calloc(1, sizeof *m);
    if (!m) { snprintf(err, errlen, "out of memory"); MPI_Finalize(); return -1; }
    MPI_Comm_dup(MPI_COMM_WORLD, &m->comm);
    MPI_Comm_set_errhandler(m->comm, MPI_ERRORS_RETURN);
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    int rank = 0, size = 1, local = 1;
    MPI_Comm_rank(m->comm, &rank);
    MPI_Comm_size(m->comm, &size);
    MPI_Comm node;
    if (MPI_Comm_split_type(m->comm, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &node) == MPI_SUCCESS) {
        MPI_Comm_size(node, &local);
        MPI_Comm_free(&node);
    }
    char ver[MPI_MAX_LIBRARY_VERSION_STRING];
    int vlen = 0;
    MPI_Get_library_version(ver, &vlen);
    size_t k = strcspn(ver, ",\n");
    snprintf(m->name, sizeof m->name, "%.*s", (int)(k < 80 ? k : 80), ver);
    memset(t, 0, sizeof *t);
    t->rank = rank;
    t->size = size;
    t->local_size = local;
    t->name = m->name;
    t->ud = m;
    t->send = mpi_send;
    t->recv = mpi_recv;
    t->finish = mpi_finish;
    return 0;
}
