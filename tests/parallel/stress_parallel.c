/*
 * stress_parallel.c — stress for foreign/: many tiny tasks, many producers
 * and consumers on one channel with exact sums, nesting, cancellation
 * storms, and no thread left once the last VM is closed.  Sizes shrink under sanitizers (LY_SANITIZED) or with
 * LY_STRESS_SCALE (a divisor) in the environment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <pthread.h>
#include <time.h>
#include "lyra.h"

static int thread_count(void) {
    DIR *d = opendir("/proc/self/task");
    int n = 0;
    if (!d) return -1;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') n++;
    closedir(d);
    return n;
}

static long scale(long n) {
    long d = 1;
#ifdef LY_SANITIZED
    d = 50;
#endif
    const char *s = getenv("LY_STRESS_SCALE");
    if (s && atol(s) > 0) d = atol(s);
    return n / d > 1 ? n / d : 1;
}

static int check(LyVM *vm, const char *code, const char *want) {
    LyExpr r = NULL;
    LyStatus st = ly_eval_string(vm, code, (size_t)-1, "<stress>", &r);
    char *s = r ? ly_tostring(vm, r, LY_FORM_INPUT) : NULL;
    int ok = st == LY_OK && s && !strcmp(s, want);
    if (!ok) fprintf(stderr, "FAIL: %s\n  got %s (status %d), want %s\n", code, s ? s : "(null)", (int)st, want);
    else printf("ok: %.60s\n", code);
    if (s) ly_free(vm, s);
    if (r) ly_decref(vm, r);
    return ok ? 0 : 1;
}

static void *nothing(void *arg) { return arg; }

int main(void) {
    /* a sanitizer may start a thread of its own with the first thread: start
     * one first, then take the baseline */
    pthread_t t;
    if (pthread_create(&t, NULL, nothing, NULL) == 0) pthread_join(t, NULL);
    int base = thread_count();
    LyVM *vm = ly_new(NULL, NULL);
    if (!vm) return 1;
    int fails = 0;
    char code[1024], want[128];
    long n = scale(1000000);
    snprintf(code, sizeof code, "Total[ParallelMap[# + 1 &, Range[%ld]]]", n);
    snprintf(want, sizeof want, "%ld", n * (n + 1) / 2 + n);
    fails += check(vm, code, want);
    /* 64 producers x 64 consumers through one small channel: more tasks block
     * than there are workers, so spare threads must keep the pool going */
    long per = scale(2000), np = 64;
    if (per < 10) per = 10;
    snprintf(code, sizeof code,
             "Module[{ch = Channel[64], prod, cons}, "
             "cons = Table[ParallelSubmit[Module[{s = 0, x}, While[(x = Receive[ch]) =!= EndOfStream, s += x]; s]], {%ld}]; "
             "prod = Table[With[{k = k}, ParallelSubmit[Do[Send[ch, k*%ld + i], {i, %ld}]; 1]], {k, 0, %ld}]; "
             "WaitAll[prod]; CloseChannel[ch]; Total[WaitAll[cons]]]",
             np, per, per, np - 1);
    long tot = np * per; /* values 1..np*per */
    snprintf(want, sizeof want, "%ld", tot * (tot + 1) / 2);
    fails += check(vm, code, want);
    /* 10^6 tiny tasks (futures), in batches of 1000 */
    long nb = scale(1000);
    snprintf(code, sizeof code, "Total[Table[Total[WaitAll[Table[ParallelSubmit[{i}, i], {i, 1000}]]], {%ld}]]", nb);
    snprintf(want, sizeof want, "%ld", nb * 500500);
    fails += check(vm, code, want);
    long m = scale(400);
    snprintf(code, sizeof code,
             "SeedRandom[1]; Total[ParallelMap[Function[d, Length[ParallelMap[# &, Range[d]]]], RandomInteger[{1, 20}, %ld]]] === "
             "(SeedRandom[1]; Total[RandomInteger[{1, 20}, %ld]])", m, m);
    fails += check(vm, code, "True");
    long c = scale(200);
    snprintf(code, sizeof code,
             "Do[fs = Table[ParallelSubmit[Pause[0.001]; i], {i, 8}]; Scan[Cancel, fs]; WaitAll[fs], {%ld}]; "
             "Do[TimeConstrained[ParallelMap[(Do[j, {j, 10^6}]; #) &, Range[8]], 0.002], {%ld}]; "
             "ParallelMap[# + 1 &, Range[10]]", c, c / 10 + 1);
    fails += check(vm, code, "{2, 3, 4, 5, 6, 7, 8, 9, 10, 11}");
    snprintf(code, sizeof code, "Catch[ParallelMap[If[Mod[#, 97] == 0, Throw[#], #] &, Range[%ld]]]", scale(100000) + 100);
    fails += check(vm, code, "97");
    ly_close(vm);
    /* closing the last VM shuts the default pool down: no thread may remain */
    int th = thread_count();
    for (int i = 0; i < 500 && th > base; i++) { nanosleep(&(struct timespec){ 0, 10000000 }, NULL); th = thread_count(); }
    if (th > base) { fprintf(stderr, "FAIL: %d threads left after ly_close (%d before)\n", th, base); fails++; }
    else printf("ok: no thread left\n");
    return fails ? 1 : 0;
}
