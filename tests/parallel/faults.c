/*
 * faults.c — concurrency faults (issue 9): a task that breaks its VM (a
 * limit, MemoryConstrained, out of memory, Abort, Throw, Quit, a C stack
 * overflow, TimeConstrained) fails only its own future; the pool and the
 * other tasks carry on; cancellation at every point of a task's life;
 * channels closed while senders and receivers race.  In LY_TESTS builds,
 * also worker VMs failing their n-th allocation (ly_test_fail_new_vms) for
 * a sweep of n.  Runs under ThreadSanitizer in make test-tsan (label
 * parallel).  No timing assertions: pauses only order events loosely, and
 * every expected result holds whatever the timing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lyra.h"
#include "lyra_ext.h"

static int failures;

static void quiet(void *ud, const char *t, size_t n) { (void)ud; (void)t; (void)n; }

/* Evaluates code; the InputForm of the result, or "<status N>" (malloc'd). */
static char *eval(LyVM *vm, const char *code, LyStatus *stp) {
    LyExpr r = NULL;
    LyStatus st = ly_eval_string(vm, code, (size_t)-1, "faults", &r);
    if (stp) *stp = st;
    char *s = r ? ly_tostring(vm, r, LY_FORM_INPUT) : NULL;
    char *out;
    if (st == LY_OK && s) out = strdup(s);
    else { out = malloc(32); snprintf(out, 32, "<status %d>", (int)st); }
    ly_free(vm, s);
    if (r) ly_decref(vm, r);
    return out;
}

static void expect(LyVM *vm, const char *code, const char *want) {
    char *got = eval(vm, code, NULL);
    bool ok = !strcmp(got, want);
    printf("%s %.90s\n", ok ? "ok  " : "FAIL", code);
    if (!ok) { printf("     got  %s\n     want %s\n", got, want); failures++; }
    free(got);
}

static void expect_status(LyVM *vm, const char *code, LyStatus want) {
    LyStatus st;
    char *got = eval(vm, code, &st);
    bool ok = st == want;
    printf("%s %.90s\n", ok ? "ok  " : "FAIL", code);
    if (!ok) { printf("     got %s (status %d), want status %d\n", got, (int)st, (int)want); failures++; }
    free(got);
}

static void broken_tasks(LyVM *vm) {
    expect(vm, "f[n_] := f[n + 1] + 1; p = ThreadPool[2]; "
               "fs = {Submit[p, f[0] &], Submit[p, MemoryConstrained[Range[10^7], 10^6] &], "
               "Submit[p, Range[10^13] &], Submit[p, Abort[] &], Submit[p, Throw[1] &], Submit[p, 6*7 &], "
               "Submit[p, TimeConstrained[While[True, 1], 0.1] &], Submit[p, Quit[3] &], "
               "Submit[p, Factorial[10^12] &], Submit[p, Block[{$RecursionLimit = Infinity}, f[0]] &], "
               "Submit[p, StringRepeat[\"ab\", 10^12] &]}; "
               "{Head[Await[fs[[1]]]], Await[fs[[2]]], Await[fs[[3]]], Await[fs[[4]]], Catch[Await[fs[[5]]]], "
               "Await[fs[[6]]], Await[fs[[7]]], (Await[fs[[8]]]; ToExpression[FutureState[fs[[8]]]]), Await[fs[[9]]], Await[fs[[10]]], "
               "Await[fs[[11]]], p.map(#^2 &, Range[4])}",
           "{Plus, $Aborted, $Failed, $Aborted, 1, 42, $Aborted, Failed, Overflow[], $Aborted, $Failed, {1, 4, 9, 16}}");
    /* a whole data-parallel call: an element out of memory ends the call
     * like Map would (General::nomem, LY_ERRMEM); the pool goes on */
    expect_status(vm, "ParallelMap[If[# == 3, Range[10^13], #] &, Range[8]]", LY_ERRMEM);
    expect(vm, "ParallelMap[#^2 &, Range[6]]", "{1, 4, 9, 16, 25, 36}");
    expect_status(vm, "ParallelMap[If[# == 2, Abort[], #] &, Range[8]]", LY_ABORTED);
    expect(vm, "ParallelMap[If[# == 5, MemoryConstrained[Range[10^7], 10^6], #] &, Range[6]]",
           "{1, 2, 3, 4, $Aborted, 6}");
    /* the C stack budget of a worker VM: its Abort ends the call, like Table */
    expect_status(vm, "ParallelTable[Block[{$RecursionLimit = Infinity}, f[0]], {4}]", LY_ABORTED);
    expect(vm, "ParallelTable[k^2, {k, 3}]", "{1, 4, 9}");
    expect(vm, "Quiet[ParallelSum[If[k == 7, f[0]; 0, k], {k, 10}]]", "48");
}

static void cancellation(LyVM *vm) {
    /* before start: the only worker is busy */
    expect(vm, "p1 = ThreadPool[1]; busy = Submit[p1, (Pause[0.3]; 1) &]; g = Submit[p1, 2 &]; Cancel[g]; "
               "{Await[g], FutureState[g], Await[busy]}", "{$Aborted, \"Cancelled\", 1}");
    /* while running */
    expect(vm, "g = Submit[p1, (While[True, 1]) &]; Pause[0.05]; Cancel[g]; {Await[g], Await[Submit[p1, 3 &]]}",
           "{$Aborted, 3}");
    /* after it finished: the value stays */
    expect(vm, "g = Submit[p1, 4 &]; Await[g]; Cancel[g]; {Await[g], FutureState[g]}", "{4, \"Done\"}");
    /* blocked on a channel, and on another future */
    expect(vm, "ch = Channel[]; g = Submit[p1, Receive[ch] &]; Pause[0.05]; Cancel[g]; "
               "{Await[g], TrySend[ch, 1], Await[Submit[p1, 5 &]]}", "{$Aborted, False, 5}");
    expect(vm, "slow = ParallelSubmit[Pause[0.5]; 6]; g = ParallelSubmit[Await[slow] + 1]; Pause[0.05]; Cancel[g]; "
               "{Await[g], Await[slow]}", "{$Aborted, 6}");
    /* inside a nested data-parallel call */
    expect(vm, "g = ParallelSubmit[ParallelMap[(Pause[0.01]; #) &, Range[200]]]; Pause[0.05]; Cancel[g]; "
               "{Await[g], ParallelMap[# + 1 &, Range[3]]}", "{$Aborted, {2, 3, 4}}");
    /* storms: cancel at whatever point each task has reached */
    expect(vm, "Do[fs = Table[With[{k = k}, ParallelSubmit[Do[j, {j, 10^3 k}]; k]], {k, 16}]; Pause[0.001 Mod[r, 3]]; "
               "Scan[Cancel, fs[[1 ;; ;; 2]]]; WaitAll[fs], {r, 20}]; "
               "Union[Await /@ fs[[2 ;; ;; 2]]] === Range[2, 16, 2]", "True");
    expect(vm, "Await[ParallelSubmit[7]]", "7");
}

static void channel_races(LyVM *vm) {
    /* producers send until the channel closes under them; consumers drain to
     * EndOfStream; every received value was sent, none twice */
    expect(vm, "Do[ch = Channel[4]; "
               "prod = Table[With[{k = k}, ParallelSubmit[Module[{i = 0}, While[Send[ch, 100 k + i, 0.2] === Null, i++]; i]]], {k, 3}]; "
               "cons = Table[ParallelSubmit[Module[{got = {}, x}, While[(x = Receive[ch, 1]) =!= EndOfStream && x =!= $TimedOut, "
               "AppendTo[got, x]]; got]], {2}]; "
               "Pause[0.002 r]; CloseChannel[ch]; "
               "sent = Quiet[WaitAll[prod]]; got = Flatten[WaitAll[cons]]; "
               "If[!DuplicateFreeQ[got] || !SubsetQ[Flatten[Table[100 k + Range[0, sent[[k]]], {k, 3}]], got], Throw[{r, sent, got}]], "
               "{r, 10}]; \"fine\"", "\"fine\"");
    /* close while a receiver and a sender are blocked on a rendezvous channel */
    expect(vm, "ch = Channel[]; rv = ParallelSubmit[Receive[ch]]; Pause[0.02]; CloseChannel[ch]; "
               "{Await[rv], Quiet[Send[ch, 1]]}", "{EndOfStream, $Failed}");
}

/* Channels sending handles of channels into channels from several threads
 * at once, the shared one included, while the caller takes some out: every
 * cycle left behind is freed (a leak fails the run under AddressSanitizer;
 * make test-tsan checks the collector's locking). */
long lyf_node_live(void);     /* foreign/lyf_node.c: channels and futures alive */

/* Channels and futures alive once finished futures are reaped (a submit
 * reaps them). */
static long nodes_alive(LyVM *vm) {
    free(eval(vm, "Await[ParallelSubmit[1]]", NULL));
    free(eval(vm, "Await[ParallelSubmit[1]]", NULL));
    return lyf_node_live();
}

static void channel_cycles(LyVM *vm) {
    long before = nodes_alive(vm);
    expect(vm, "Do[shared = Channel[64]; "
               "fs = Table[With[{k = k}, ParallelSubmit[Module[{cs = Table[Channel[8], {4}], got = 0, x}, "
               "Do[TrySend[RandomChoice[cs], {RandomChoice[cs], k, <|\"c\" -> RandomChoice[cs]|>}]; "
               "If[OddQ[i], TrySend[shared, RandomChoice[cs]]]; "
               "x = TryReceive[shared]; "
               "If[Head[x] === Channel, got++; TrySend[x, {cs[[1]], shared}]; TryReceive[x]]; "
               "If[Mod[i, 7] == 0, TryReceive[RandomChoice[cs]]], {i, 60}]; got]]], {k, 4}]; "
               "Do[x = TryReceive[shared]; If[Head[x] === Channel, TrySend[x, x]], {40}]; "
               "If[!VectorQ[WaitAll[fs], IntegerQ], Throw[r]], {r, 6}]; Clear[shared, x, fs]; \"fine\"", "\"fine\"");
    expect(vm, "ch = Channel[2]; Send[ch, ch]; f = ParallelSubmit[Receive[ch]]; Head[Await[f]]", "Channel");
    /* futures: a result holding its own future, a channel buffering a
     * future whose expression holds the channel */
    expect(vm, "Do[ch = Channel[1]; f = ParallelSubmit[Receive[ch]]; Send[ch, f]; "
               "If[Await[f] =!= f, Throw[k]]; c2 = Channel[2]; g = ParallelSubmit[{c2, k}]; Send[c2, g]; "
               "c3 = Channel[1]; h = ParallelSubmit[Throw[c3]]; Send[c3, h], {k, 50}]; Clear[ch, f, c2, g, c3, h]; 1", "1");
    /* worker VMs may keep the last round's definitions until their next
     * task: a few nodes, where a leak would leave hundreds */
    long after = nodes_alive(vm);
    bool ok = after < before + 20;
    printf("%s channels and futures alive: %ld before, %ld after\n", ok ? "ok  " : "FAIL", before, after);
    failures += !ok;
}

/* The caller's memory budget (ly_set_max_memory, lyra --max-memory) holds
 * in each worker VM its tasks run in: a task past it fails alone, the
 * others and the pool go on; removing the budget removes it there too. */
static void worker_budget(LyVM *vm) {
    ly_set_max_memory(vm, (size_t)64 << 20);
    expect(vm, "p = ThreadPool[2]; fs = {Submit[p, Length[Range[10^8]] &], Submit[p, Total[Range[10^5]] &], "
               "Submit[p, Module[{s = {}}, While[True, s = Join[s, Range[10^6]]]] &]}; Quiet[Await /@ fs]",
           "{$Failed, 5000050000, $Failed}");
    expect_status(vm, "ParallelMap[Length[Range[#]] &, {10, 10^8}]", LY_ERRMEM);
    expect(vm, "ParallelMap[MemoryConstrained[Length[Range[#]], 10^6] &, {10, 10^6}]", "{10, $Aborted}");
    ly_set_max_memory(vm, 0);
    expect(vm, "ParallelMap[Length[Range[#]] &, {10, 10^7}]", "{10, 10000000}");
}

/* LY_TESTS: every new VM (so the workers of a fresh pool) fails its n-th
 * allocation.  The futures give a value or a clean failure, the caller's VM
 * goes on, and a fresh pool afterwards works. */
static void worker_alloc_sweep(LyVM *vm) {
    if (ly_test_alloc_count(vm) < 0) { puts("skip worker allocation sweep: not an LY_TESTS build"); return; }
    const char *s = getenv("LY_STRESS_SCALE");
    long stride = s && atol(s) > 0 ? atol(s) : 1, top = 4000;
#ifdef LY_SANITIZED
    stride *= 40;
#endif
    long bad = 0, runs = 0;
    for (long n = 1; n <= top; n += stride * (n < 200 ? 1 : 37)) {
        ly_test_fail_new_vms(n);
        LyStatus st;
        char *got = eval(vm, "Module[{q = ThreadPool[2], fs}, fs = Table[Submit[q, Function[k, Total[Range[k]] + Length[StringSplit[\"a b c\"]]], k], {k, 4}]; "
                             "{Quiet[Await /@ fs], Quiet[q.map(#^2 &, Range[5])]}]", &st);
        ly_test_fail_new_vms(0);
        runs++;
        /* each part is its value or a clean failure */
        bool ok = st == LY_OK || st == LY_ERRMEM || st == LY_ABORTED;
        if (ok && st == LY_OK && strcmp(got, "{{4, 6, 9, 13}, {1, 4, 9, 16, 25}}") != 0 &&
            !strstr(got, "$Failed") && !strstr(got, "$Aborted")) ok = false;
        if (!ok) { if (bad++ < 5) printf("FAIL worker alloc n=%ld: %s (status %d)\n", n, got, (int)st); }
        free(got);
        char *after = eval(vm, "Await[Submit[ThreadPool[2], 6*7 &]]", NULL);
        if (strcmp(after, "42") != 0) { if (bad++ < 5) printf("FAIL after worker alloc n=%ld: %s\n", n, after); }
        free(after);
    }
    printf("%s worker allocation sweep: %ld runs, %ld bad\n", bad ? "FAIL" : "ok  ", runs, bad);
    failures += bad > 0;
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);     /* nothing lost when a sanitizer ends the process */
    LyVM *vm = ly_new(NULL, NULL);
    if (!vm) return 1;
    ly_set_messages(vm, quiet, NULL);
    ly_set_output(vm, quiet, NULL);
    broken_tasks(vm);
    cancellation(vm);
    channel_races(vm);
    channel_cycles(vm);
    worker_budget(vm);
    worker_alloc_sweep(vm);
    ly_close(vm);
    printf("%d failed\n", failures);
    return failures ? 1 : 0;
}
