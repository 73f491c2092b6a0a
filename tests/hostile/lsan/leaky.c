/*
 * leaky.c — stands in for `lyra FILE` and leaks (issue 9).  make test-asan
 * runs it through tests/run_golden.py exactly as the golden suites run the
 * real lyra; the test is marked WILL_FAIL: it passes only when
 * LeakSanitizer's report in the child process fails the golden run, which
 * shows that a leak anywhere in the golden suite would be caught.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *volatile keep;

/* 64 blocks whose only pointer is overwritten by the next: definite leaks,
 * whatever stale copies the stack may hold of the last one or two */
__attribute__((noinline)) static void leak(void) {
    for (int i = 0; i < 64; i++) {
        char *p = malloc(4096);
        if (!p) return;
        memset(p, i, 4096);
        keep = p;
    }
    keep = NULL;
}

int main(int argc, char **argv) {
    (void)argc; (void)argv;
    leak();
    puts("ok");
    return 0;
}
