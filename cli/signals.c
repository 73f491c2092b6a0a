/*
 * signals.c — Ctrl-C for the lyra command.
 *
 * Which threads: the handler may run on any thread of the process (the
 * parallel runtime's workers included), so it touches only lock-free
 * atomics, write(2) and — when an evaluation is armed — ly_abort(), which is
 * a relaxed atomic store and therefore async-signal-safe.
 *
 * Two consumers:
 *   - an evaluation in progress: ly_abort() makes it stop at its next safe
 *     point (the REPL prints $Aborted, a script exits with status 1);
 *   - a blocked line read in the REPL: the byte written to the self-pipe
 *     wakes its poll(), which then clears the line.
 * A builtin stuck in C code never reaches a safe point; the third Ctrl-C
 * while one evaluation is still running ends the process the default way.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

#define LYC_FORCE_AFTER 3   /* Ctrl-Cs within one evaluation before we give up */

static int sig_pipe[2] = { -1, -1 };
static _Atomic(LyVM *) sig_vm;          /* non-NULL while evaluating */
static atomic_int sig_pending;          /* Ctrl-Cs not yet taken */

static void on_sigint(int signo) {
    int saved = errno;
    LyVM *vm = atomic_load_explicit(&sig_vm, memory_order_relaxed);
    int n = atomic_fetch_add_explicit(&sig_pending, 1, memory_order_relaxed) + 1;
    if (vm) {
        ly_abort(vm);
        if (n >= LYC_FORCE_AFTER) {
            static const char msg[] = "\nlyra: interrupted\n";
            (void)!write(STDERR_FILENO, msg, sizeof msg - 1);
            signal(signo, SIG_DFL);
            raise(signo);
        }
    }
    if (sig_pipe[1] >= 0) (void)!write(sig_pipe[1], "", 1);
    errno = saved;
}

bool lyc_signals_init(void) {
    if (pipe(sig_pipe) != 0) return false;
    for (int i = 0; i < 2; i++) {
        fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;                    /* no SA_RESTART: reads return EINTR */
    return sigaction(SIGINT, &sa, NULL) == 0;
}

void lyc_signals_arm(LyVM *vm) {
    atomic_store_explicit(&sig_pending, 0, memory_order_relaxed);
    atomic_store_explicit(&sig_vm, vm, memory_order_relaxed);
}

void lyc_signals_disarm(void) {
    atomic_store_explicit(&sig_vm, NULL, memory_order_relaxed);
}

int lyc_signals_fd(void) { return sig_pipe[0]; }

bool lyc_signals_take(void) {
    char buf[64];
    if (sig_pipe[0] >= 0)
        while (read(sig_pipe[0], buf, sizeof buf) > 0) {}
    return atomic_exchange_explicit(&sig_pending, 0, memory_order_relaxed) != 0;
}
