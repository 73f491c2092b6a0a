/*
 * host.c — a small program that embeds Lyra.
 *
 * It registers a C function, CollatzSteps[n] (the number of steps of the
 * 3n + 1 iteration from n down to 1), runs collatz.ly, which maps it over
 * a range with ParallelMap (so the C function runs on the worker threads,
 * each with its own VM), and reads the association the script returns.
 *
 *   make && ./host collatz.ly          (pkg-config; see Makefile)
 *   cmake -B b -DCMAKE_PREFIX_PATH=/prefix/of/lyra && cmake --build b
 */
#include <stdio.h>
#include <lyra.h>

/* CollatzSteps[n] for a machine integer n >= 1; anything else stays
 * unevaluated (return NULL).  Called on whichever thread evaluates: it
 * uses only its arguments and the vm it is given. */
static LyExpr collatz_steps(LyVM *vm, LyExpr call) {
    if (ly_length(call) != 1) return NULL;
    LyExpr arg = ly_part(vm, call, 1);          /* part 1: the first argument */
    int64_t n;
    int ok = ly_get_int64(arg, &n) && n >= 1;
    ly_decref(vm, arg);
    if (!ok) return NULL;
    int64_t steps = 0;
    while (n != 1) {
        if (n > (INT64_MAX - 1) / 3) return NULL;   /* would overflow: leave it */
        n = n % 2 ? 3 * n + 1 : n / 2;
        steps++;
    }
    return ly_int(vm, steps);
}

/* The integer stored under key in the association a (or -1). */
static long long get(LyVM *vm, LyExpr a, const char *key) {
    LyExpr k = ly_cstring(vm, key), v = ly_assoc_get(vm, a, k);
    int64_t x = -1;
    if (v) ly_get_int64(v, &x);
    ly_decref(vm, v);
    ly_decref(vm, k);
    return (long long)x;
}

int main(int argc, char **argv) {
    const char *script = argc > 1 ? argv[1] : "collatz.ly";
    LyVM *vm = ly_new(NULL, NULL);
    if (!vm) { fputs("out of memory\n", stderr); return 1; }
    ly_register(vm, "CollatzSteps", collatz_steps, "Listable",
                "CollatzSteps[n] gives the number of 3n+1 steps from n to 1.");

    LyExpr result = NULL;
    LyStatus st = ly_eval_file(vm, script, &result);
    if (st != LY_OK || ly_kind(result) != LY_KASSOC) {
        fprintf(stderr, "%s: %s\n", ly_status_name(st), st != LY_OK ? ly_errmsg(vm) : "no association");
        ly_decref(vm, result);
        ly_close(vm);
        return 1;
    }
    printf("Lyra %s: below %lld, %lld takes the most steps (%lld); %lld steps in all\n",
           ly_version(), get(vm, result, "Limit"), get(vm, result, "Longest"),
           get(vm, result, "Steps"), get(vm, result, "Total"));
    ly_decref(vm, result);
    ly_close(vm);
    return 0;
}
