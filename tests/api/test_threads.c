/*
 * test_threads.c — the thread contract of lyra.h, exercised by a host:
 *   - several VMs on several host threads at once, each with its own
 *     counting allocator that gets every byte back;
 *   - ly_abort from another thread, for a plain loop and for a
 *     ParallelMap in progress (the pool stays usable);
 *   - a C function registered on the host's VM, called by ParallelMap on
 *     worker threads, from several host VMs at once;
 *   - the host parallel API: pools, ly_submit, ly_submit_fn, ly_await with
 *     timeouts, cancelling, a Throw in a task, an await stopped by
 *     ly_abort, futures handed to Lyra code.
 * Labelled "parallel": make test-tsan runs it under ThreadSanitizer.  No
 * timing assertions: every wait is for an event, with generous bounds.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <lyra.h>

static atomic_int passed, failed;
#define CHECK(c) do { if (c) atomic_fetch_add(&passed, 1); else { atomic_fetch_add(&failed, 1); \
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); } } while (0)

typedef struct Counter { long long live; } Counter;
static void *count_alloc(void *ud, void *p, size_t o, size_t n) {
    Counter *c = ud;
    if (n == 0) { if (p) c->live -= (long long)o; free(p); return NULL; }
    void *q = realloc(p, n);
    if (q) c->live += (long long)n - (p ? (long long)o : 0);
    return q;
}

static void sleep_ms(int ms) {
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

static void quiet(void *ud, const char *s, size_t n) { (void)ud; (void)s; (void)n; }

/* The InputForm of the value of src (static buffer per thread). */
static const char *ev(LyVM *vm, const char *src, LyStatus *st) {
    static _Thread_local char buf[1024];
    LyExpr r = NULL;
    LyStatus s = ly_eval_string(vm, src, (size_t)-1, "t", &r);
    if (st) *st = s;
    char *t = r ? ly_tostring(vm, r, LY_FORM_INPUT) : NULL;
    snprintf(buf, sizeof buf, "%s", t ? t : "<none>");
    ly_free(vm, t);
    ly_decref(vm, r);
    return buf;
}

/* ---- a C function for ParallelMap ---------------------------------------------------------- */

static pthread_t main_thread;
static atomic_int calls_main, calls_other;

/* HostSq[n] = n^2 + 1; counts on which threads it runs. */
static LyExpr host_sq(LyVM *vm, LyExpr e) {
    int64_t x;
    if (ly_length(e) != 1) return NULL;
    LyExpr a = ly_part(vm, e, 1);
    bool ok = ly_get_int64(a, &x) && x < 3000000000 && x > -3000000000;
    ly_decref(vm, a);
    if (!ok) return NULL;
    if (pthread_equal(pthread_self(), main_thread)) atomic_fetch_add(&calls_main, 1);
    else atomic_fetch_add(&calls_other, 1);
    return ly_int(vm, x * x + 1);
}

/* ---- several VMs on several threads ---------------------------------------------------------- */

typedef struct Job { int id; int ok; } Job;

static void *vm_thread(void *arg) {
    Job *j = arg;
    Counter c = { 0 };
    LyVM *vm = ly_new(count_alloc, &c);
    if (!vm) return NULL;
    ly_set_messages(vm, quiet, NULL);
    int ok = ly_register(vm, "HostSq", host_sq, "Listable", "HostSq[n] gives n^2 + 1.") == LY_OK;
    char src[256], want[64];
    snprintf(src, sizeof src, "fib[0] = 0; fib[1] = 1; fib[n_] := fib[n] = fib[n-1] + fib[n-2]; "
                              "ToString[fib[90 + %d]]", j->id);
    const char *fibs[] = { "2880067194370816120", "4660046610375530309", "7540113804746346429",
                           "12200160415121876738" };
    snprintf(want, sizeof want, "\"%s\"", fibs[j->id % 4]);
    LyStatus st;
    for (int round = 0; round < 3; round++) {
        ok &= !strcmp(ev(vm, src, &st), want) && st == LY_OK;
        ok &= !strcmp(ev(vm, "StringJoin[Table[\"ab\", {3}]]", &st), "\"ababab\"");
        ok &= !strcmp(ev(vm, "Total[ParallelMap[HostSq, Range[40]]]", &st), "22180");
        ok &= !strcmp(ev(vm, "Sort[{3, 1, 2}] . {1, 10, 100}", &st), "321");
        ok &= !strcmp(ev(vm, "Throw[1]", &st), "Hold[Throw[1]]") && st == LY_ERRRUN;
    }
    ly_close(vm);
    j->ok = ok && c.live == 0;
    return NULL;
}

static void test_many_vms(void) {
    enum { N = 4 };
    pthread_t t[N];
    Job jobs[N];
    for (int i = 0; i < N; i++) {
        jobs[i].id = i;
        jobs[i].ok = 0;
        CHECK(pthread_create(&t[i], NULL, vm_thread, &jobs[i]) == 0);
    }
    for (int i = 0; i < N; i++) { pthread_join(t[i], NULL); CHECK(jobs[i].ok); }
    CHECK(atomic_load(&calls_other) > 0);
}

/* ---- abort from another thread ---------------------------------------------------------------------- */

typedef struct Runner { LyVM *vm; const char *src; atomic_int started, done; LyStatus st; } Runner;

/* Started[]: tells the test the evaluation is under way. */
static Runner *current_runner;
static LyExpr host_started(LyVM *vm, LyExpr e) {
    (void)e;
    atomic_store(&current_runner->started, 1);
    return ly_symbol(vm, "Null");
}

static void *run_eval(void *arg) {
    Runner *r = arg;
    r->st = ly_eval_string(r->vm, r->src, (size_t)-1, "runner", NULL);
    atomic_store(&r->done, 1);
    return NULL;
}

/* Runs src on a new thread with r->vm and aborts it from here once it has
 * called Started[]; true when it ended with LY_ABORTED. */
static bool abort_from_here(LyVM *vm, const char *src) {
    Runner r = { vm, src, 0, 0, LY_OK };
    current_runner = &r;
    pthread_t t;
    if (pthread_create(&t, NULL, run_eval, &r) != 0) return false;
    for (int i = 0; i < 60000 && !atomic_load(&r.started); i++) sleep_ms(1);
    /* a request that arrives while the VM is idle is dropped: keep asking */
    for (int i = 0; i < 6000 && !atomic_load(&r.done); i++) { ly_abort(vm); sleep_ms(10); }
    pthread_join(t, NULL);
    return atomic_load(&r.started) && r.st == LY_ABORTED;
}

static void test_abort(void) {
    Counter c = { 0 };
    LyVM *vm = ly_new(count_alloc, &c);
    ly_set_messages(vm, quiet, NULL);
    ly_register(vm, "Started", host_started, NULL, NULL);
    CHECK(abort_from_here(vm, "Started[]; i = 0; While[True, i++]"));
    LyStatus st;
    CHECK(!strcmp(ev(vm, "i > 0", &st), "True"));                       /* usable afterwards */
    CHECK(abort_from_here(vm, "Started[]; ParallelMap[(While[True, 1]) &, Range[8]]"));
    CHECK(!strcmp(ev(vm, "ParallelMap[#^2 &, Range[5]]", &st), "{1, 4, 9, 16, 25}"));
    ly_close(vm);
    CHECK(c.live == 0);
}

/* ---- the host parallel API ---------------------------------------------------------------------------- */

static atomic_int gate;            /* Blocker tasks wait until it is 1 */
static atomic_int task_thread_ok;

static LyExpr task_blocker(LyVM *worker, void *ud) {
    (void)ud;
    while (!atomic_load(&gate)) sleep_ms(1);
    return ly_cstring(worker, "released");
}

/* Runs on a worker: its own VM, the submitter's definitions. */
static LyExpr task_compute(LyVM *worker, void *ud) {
    int *k = ud;
    if (!pthread_equal(pthread_self(), main_thread)) atomic_store(&task_thread_ok, 1);
    LyExpr r = NULL;
    char src[64];
    snprintf(src, sizeof src, "sq[%d] + Total[Range[10]]", *k);
    if (ly_eval_string(worker, src, (size_t)-1, "task", &r) != LY_OK) { ly_decref(worker, r); return NULL; }
    return r;
}

static LyExpr task_null(LyVM *worker, void *ud) { (void)worker; (void)ud; return NULL; }

static bool is_text(LyVM *vm, LyExpr e, const char *want) {
    char *s = e ? ly_tostring(vm, e, LY_FORM_INPUT) : NULL;
    bool ok = s && !strcmp(s, want);
    if (!ok) fprintf(stderr, "  got %s, want %s\n", s ? s : "<NULL>", want);
    ly_free(vm, s);
    return ok;
}

typedef struct Aborter { LyVM *vm; atomic_int stop; } Aborter;
static void *abort_loop(void *arg) {
    Aborter *a = arg;
    while (!atomic_load(&a->stop)) { ly_abort(a->vm); sleep_ms(5); }
    return NULL;
}

static void test_host_parallel(void) {
    Counter c = { 0 };
    LyVM *vm = ly_new(count_alloc, &c);
    ly_set_messages(vm, quiet, NULL);
    LyStatus st;
    ev(vm, "sq[x_] := x^2", &st);
    LyExpr pool = NULL, f = NULL, r = NULL, x = NULL;
    CHECK(ly_pool_new(vm, 2, &pool) == LY_OK && ly_kind(pool) == LY_KFOREIGN);
    CHECK(is_text(vm, pool, "ThreadPool[<2 workers>]"));

    /* an expression, evaluated with vm's definitions */
    CHECK(ly_parse(vm, "sq[12]", (size_t)-1, "h", &x) == LY_OK);
    CHECK(ly_submit(vm, pool, x, &f) == LY_OK);
    ly_decref(vm, x);
    CHECK(ly_await(vm, f, -1, &r) == LY_OK && is_text(vm, r, "144"));
    CHECK(ly_future_state(vm, f) == LY_FUTURE_DONE);
    ly_decref(vm, r);
    CHECK(ly_await(vm, f, 0, &r) == LY_OK && is_text(vm, r, "144"));    /* again */
    ly_decref(vm, r);
    ly_decref(vm, f);

    /* a C task on a worker thread */
    int k = 5;
    CHECK(ly_submit_fn(vm, pool, task_compute, &k, &f) == LY_OK);
    CHECK(ly_await(vm, f, -1, &r) == LY_OK && is_text(vm, r, "80"));
    CHECK(atomic_load(&task_thread_ok) == 1);
    ly_decref(vm, r);
    ly_decref(vm, f);
    CHECK(ly_submit_fn(vm, NULL, task_null, NULL, &f) == LY_OK);        /* default pool */
    CHECK(ly_await(vm, f, -1, &r) == LY_OK && is_text(vm, r, "$Failed"));
    ly_decref(vm, r);
    ly_decref(vm, f);

    /* timeouts: the task waits for the gate */
    atomic_store(&gate, 0);
    CHECK(ly_submit_fn(vm, pool, task_blocker, NULL, &f) == LY_OK);
    CHECK(ly_await(vm, f, 0.02, &r) == LY_TIMEOUT && is_text(vm, r, "$TimedOut"));
    ly_decref(vm, r);
    CHECK(ly_await(vm, f, 0, &r) == LY_TIMEOUT);
    ly_decref(vm, r);
    LyFutureState s = ly_future_state(vm, f);
    CHECK(s == LY_FUTURE_PENDING || s == LY_FUTURE_RUNNING);
    /* an unbounded await stopped by ly_abort from another thread */
    Aborter ab = { vm, 0 };
    pthread_t t;
    CHECK(pthread_create(&t, NULL, abort_loop, &ab) == 0);
    CHECK(ly_await(vm, f, -1, &r) == LY_ABORTED && is_text(vm, r, "$Aborted"));
    atomic_store(&ab.stop, 1);
    pthread_join(t, NULL);
    ly_decref(vm, r);
    atomic_store(&gate, 1);
    CHECK(ly_await(vm, f, 60, &r) == LY_OK && is_text(vm, r, "\"released\""));
    ly_decref(vm, r);
    ly_decref(vm, f);

    /* a task's own $TimedOut / $Aborted values are values */
    CHECK(ly_parse(vm, "{$TimedOut, $Aborted}[[1]]", (size_t)-1, "h", &x) == LY_OK);
    CHECK(ly_submit(vm, pool, x, &f) == LY_OK);
    ly_decref(vm, x);
    CHECK(ly_await(vm, f, -1, &r) == LY_OK && is_text(vm, r, "$TimedOut"));
    ly_decref(vm, r);
    ly_decref(vm, f);

    /* Throw in a task */
    CHECK(ly_parse(vm, "Throw[7, \"t\"]", (size_t)-1, "h", &x) == LY_OK);
    CHECK(ly_submit(vm, pool, x, &f) == LY_OK);
    ly_decref(vm, x);
    CHECK(ly_await(vm, f, -1, &r) == LY_ERRRUN && is_text(vm, r, "Hold[Throw[7, \"t\"]]"));
    CHECK(ly_future_state(vm, f) == LY_FUTURE_FAILED);
    ly_decref(vm, r);
    ly_decref(vm, f);

    /* cancelling a running task */
    CHECK(ly_parse(vm, "While[True, 1]", (size_t)-1, "h", &x) == LY_OK);
    CHECK(ly_submit(vm, pool, x, &f) == LY_OK);
    ly_decref(vm, x);
    CHECK(ly_cancel(vm, f) == LY_OK);
    CHECK(ly_await(vm, f, -1, &r) == LY_ABORTED && is_text(vm, r, "$Aborted"));
    CHECK(ly_future_state(vm, f) == LY_FUTURE_CANCELLED);
    ly_decref(vm, r);
    ly_decref(vm, f);

    /* futures are values: Lyra code can wait for them */
    LyExpr fs[3];
    for (int i = 0; i < 3; i++) {
        k = 0;
        char src[32];
        snprintf(src, sizeof src, "sq[%d]", i + 2);
        CHECK(ly_parse(vm, src, (size_t)-1, "h", &x) == LY_OK);
        CHECK(ly_submit(vm, pool, x, &fs[i]) == LY_OK);
        ly_decref(vm, x);
    }
    LyExpr list = ly_list(vm, 3, fs);
    CHECK(ly_call(vm, "WaitAll", 1, &list, &r) == LY_OK && is_text(vm, r, "{4, 9, 16}"));
    ly_decref(vm, r);
    ly_decref(vm, list);
    for (int i = 0; i < 3; i++) ly_decref(vm, fs[i]);

    /* bad arguments */
    LyExpr one = ly_int(vm, 1);
    CHECK(ly_await(vm, one, 1, &r) == LY_ERRARG && r == NULL);
    CHECK(ly_submit(vm, one, one, &f) == LY_ERRARG && f == NULL);
    CHECK(ly_cancel(vm, one) == LY_ERRARG && ly_future_state(vm, one) == LY_FUTURE_INVALID);
    CHECK(ly_pool_new(vm, 100000, &r) == LY_ERRARG && r == NULL);

    ly_decref(vm, pool);             /* shuts the pool down */
    ly_close(vm);
    CHECK(c.live == 0);

    LyVM *bare = ly_new_bare(NULL, NULL);
    CHECK(ly_submit(bare, NULL, one, &f) == LY_ERRARG && f == NULL);
    ly_close(bare);
}

int main(void) {
    main_thread = pthread_self();
    test_many_vms();
    test_abort();
    test_host_parallel();
    printf("test_threads: %d passed, %d failed\n", atomic_load(&passed), atomic_load(&failed));
    return atomic_load(&failed) != 0;
}
