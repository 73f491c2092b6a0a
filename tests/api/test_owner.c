/*
 * test_owner.c — the debug-build check of the thread contract: a VM used by
 * a second thread while one thread is inside an evaluation aborts the
 * process with a clear message; the legal patterns (nested calls from a C
 * function on the evaluating thread, a VM moving between threads between
 * calls, ly_abort from anywhere) do not.
 *
 * The misuse runs in a child process (fork) whose death by SIGABRT and
 * stderr are checked.  Library builds with NDEBUG (and without LY_TESTS)
 * do not check: the test then skips (exit 77).
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <lyra.h>

static int passed, failed;
#define CHECK(c) do { if (c) passed++; else { failed++; \
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); } } while (0)

static atomic_int inside, release_it;

static void sleep_ms(int ms) {
    struct timespec ts = { 0, (long)ms * 1000000L };
    nanosleep(&ts, NULL);
}

/* Hold[] : signals that the evaluation is inside, waits to be released. */
static LyExpr host_hold(LyVM *vm, LyExpr e) {
    (void)e;
    atomic_store(&inside, 1);
    while (!atomic_load(&release_it)) sleep_ms(1);
    return ly_int(vm, 1);
}

/* Nested[] : calls back into its own VM on the evaluating thread (legal). */
static LyExpr host_nested(LyVM *vm, LyExpr e) {
    (void)e;
    LyExpr r = NULL;
    if (ly_eval_string(vm, "20 + 1", (size_t)-1, "nested", &r) != LY_OK) return NULL;
    return r;
}

static void *evaluate(void *arg) {
    LyVM *vm = arg;
    ly_eval_string(vm, "HoldOn[]", (size_t)-1, "a", NULL);
    return NULL;
}

static void *just_eval(void *arg) {
    LyVM *vm = arg;
    LyExpr r = NULL;
    ly_eval_string(vm, "x = x + 1", (size_t)-1, "b", &r);
    ly_decref(vm, r);
    return NULL;
}

/* The child: thread A evaluates HoldOn[], the main thread uses the VM. */
static void misuse_child(void) {
    LyVM *vm = ly_new(NULL, NULL);
    ly_register(vm, "HoldOn", host_hold, NULL, NULL);
    pthread_t t;
    pthread_create(&t, NULL, evaluate, vm);
    while (!atomic_load(&inside)) sleep_ms(1);
    ly_eval_string(vm, "1 + 1", (size_t)-1, "b", NULL);    /* must abort here */
    _exit(0);
}

int main(void) {
    LyVM *probe = ly_new(NULL, NULL);
    LyExpr r = NULL;
    /* legal: nested calls, moving between threads, ly_abort from anywhere */
    ly_register(probe, "Nested", host_nested, NULL, NULL);
    CHECK(ly_eval_string(probe, "Nested[] * 2", (size_t)-1, "n", &r) == LY_OK);
    int64_t v = 0;
    CHECK(ly_get_int64(r, &v) && v == 42);
    ly_decref(probe, r);
    ly_eval_string(probe, "x = 0", (size_t)-1, "n", NULL);
    for (int i = 0; i < 3; i++) {
        pthread_t t;
        pthread_create(&t, NULL, just_eval, probe);
        pthread_join(t, NULL);
        ly_abort(probe);
    }
    CHECK(ly_eval_string(probe, "x", (size_t)-1, "n", &r) == LY_OK && ly_get_int64(r, &v) && v == 3);
    ly_decref(probe, r);
    ly_close(probe);

#if defined(NDEBUG) && !defined(LY_TESTS)
    printf("test_owner: %d passed, %d failed (checks off in NDEBUG builds: skipped)\n", passed, failed);
    return failed ? 1 : 77;
#else
    int fds[2];
    CHECK(pipe(fds) == 0);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        misuse_child();
    }
    close(fds[1]);
    char buf[4096];
    size_t n = 0;
    ssize_t k;
    while (n < sizeof buf - 1 && (k = read(fds[0], buf + n, sizeof buf - 1 - n)) > 0) n += (size_t)k;
    buf[n] = 0;
    close(fds[0]);
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    CHECK(strstr(buf, "used by two threads at once") != NULL);
    if (failed) fprintf(stderr, "child's stderr:\n%s\n", buf);
    printf("test_owner: %d passed, %d failed\n", passed, failed);
    return failed != 0;
#endif
}
