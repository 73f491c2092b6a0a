/*
 * bench_parse — parser throughput: parses a generated ~10 MB .ly file (see
 * gen.py) five times with ly_parse (no evaluation) and reports the median
 * in MB/s (wall clock, and by CPU time).
 *
 *   bench_parse [FILE.ly]     default: the file generated at build time
 */
#include <lyra.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef LY_BENCH_PARSE_INPUT
#define LY_BENCH_PARSE_INPUT "parse_input.ly"
#endif

static double clock_s(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : LY_BENCH_PARSE_INPUT;
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "bench_parse: cannot open %s\n", path); return 1; }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *src = malloc((size_t)n + 1);
    if (!src || fread(src, 1, (size_t)n, f) != (size_t)n) { fprintf(stderr, "bench_parse: read error\n"); return 1; }
    fclose(f);

    LyVM *vm = ly_new_bare(NULL, NULL);
    if (!vm) { fprintf(stderr, "bench_parse: no VM\n"); return 1; }
    enum { RUNS = 5 };
    double t[RUNS], c[RUNS];
    for (int i = 0; i < RUNS; i++) {
        LyExpr e = NULL;
        double t0 = clock_s(CLOCK_MONOTONIC), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
        LyStatus st = ly_parse(vm, src, (size_t)n, path, &e);
        double t1 = clock_s(CLOCK_MONOTONIC), c1 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
        c[i] = c1 - c0;
        if (st != LY_OK) { fprintf(stderr, "bench_parse: %s\n", ly_errmsg(vm)); return 1; }
        ly_decref(vm, e);     /* freeing is not timed */
        t[i] = t1 - t0;
    }
    qsort(t, RUNS, sizeof t[0], cmp);
    qsort(c, RUNS, sizeof c[0], cmp);
    double mb = (double)n / 1e6;
    /* wall time is what a user waits; CPU time is steadier on a busy machine */
    printf("parse: %.1f MB/s (median of %d, %.1f MB in %.3f s wall; %.1f MB/s by CPU time)\n",
           mb / t[RUNS / 2], RUNS, mb, t[RUNS / 2], mb / c[RUNS / 2]);
    ly_close(vm);
    free(src);
    return 0;
}
