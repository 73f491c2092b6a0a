/*
 * bench_wxf.c — WXF encode/decode throughput (MB of WXF per second) on
 * representative payloads, with ly_copy (an in-memory deep copy between
 * VMs, what a thread pool does instead) as the reference point.
 *
 *   packed-int   Range[2*10^6] * 3^20    (Integer64 packed array, 16 MB)
 *   packed-small RandomInteger[100, 8*10^6] (Integer8 after the scan, 8 MB)
 *   packed-real  RandomReal[1, 2*10^6]   (Real64 packed array, 16 MB)
 *   tree         Table[f[i, "s" <> ToString[i], i/7, {i, 2.5}], 10^5]  (mixed tokens)
 *   strings      Table[StringRepeat["abc", 40], 10^5]
 *   bigints      Table[3^i, {i, 2000, 4000}]
 * Each figure is the median of 7 runs, timed with the thread's CPU clock
 * (CLOCK_THREAD_CPUTIME_ID): on a shared, loaded machine wall time mostly
 * measures the other processes.  Usage: bench_wxf
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "lyra_ext.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

#define RUNS 7

int main(int argc, char **argv) {
    (void)argc; (void)argv;
    LyVM *a = ly_new(NULL, NULL), *b = ly_new(NULL, NULL);
    static const struct { const char *name, *src; unsigned flags; } cases[] = {
        { "packed-int", "Range[2*10^6] * 3^20", 0 },
        { "packed-int64", "Range[2*10^6] * 3^20", LY_WXF_INT64 },
        { "packed-small", "SeedRandom[1]; RandomInteger[100, 8*10^6]", 0 },
        { "packed-real", "SeedRandom[1]; RandomReal[1, 2*10^6]", 0 },
        { "tree", "Table[f[i, \"s\" <> ToString[i], i/7, {i, 2.5}], {i, 10^5}]", 0 },
        { "strings", "Table[StringRepeat[\"abc\", 40], 10^5]", 0 },
        { "bigints", "Table[3^i, {i, 2000, 4000}]", 0 },
        { "tree-zlib", "Table[f[i, \"s\" <> ToString[i], i/7, {i, 2.5}], {i, 10^5}]", LY_WXF_COMPRESS },
    };
    printf("MB of WXF per CPU-second (median of %d)\n", RUNS);
    printf("%-13s %9s %11s %11s %11s\n", "payload", "WXF MB", "encode MB/s", "decode MB/s", "ly_copy MB/s");
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        LyExpr v = NULL;
        if (ly_eval_string(a, cases[c].src, (size_t)-1, "bench", &v) != LY_OK) { printf("%s: failed\n", cases[c].name); continue; }
        double te[RUNS], td[RUNS], tc[RUNS];
        size_t bytes = 0;
        for (int r = 0; r < RUNS; r++) {
            LyBuf buf;
            ly_buf_init(&buf, a);
            double t0 = now();
            ly_wxf_write(a, v, cases[c].flags, &buf, NULL);
            double t1 = now();
            LyExpr d = ly_wxf_read(b, buf.p, buf.len, NULL, NULL);
            double t2 = now();
            if (!d || !ly_equal(d, v)) { printf("%s: round trip failed\n", cases[c].name); return 1; }
            ly_unref(b, d);
            double t3 = now();
            LyExpr k = ly_copy(b, v);
            double t4 = now();
            ly_unref(b, k);
            bytes = buf.len;
            ly_buf_free(&buf);
            te[r] = t1 - t0; td[r] = t2 - t1; tc[r] = t4 - t3;
        }
        qsort(te, RUNS, sizeof *te, cmp);
        qsort(td, RUNS, sizeof *td, cmp);
        qsort(tc, RUNS, sizeof *tc, cmp);
        double mb = (double)bytes / 1e6;
        printf("%-13s %9.2f %11.0f %11.0f %11.0f\n", cases[c].name, mb, mb / te[RUNS / 2], mb / td[RUNS / 2], mb / tc[RUNS / 2]);
        ly_unref(a, v);
    }
    ly_close(a);
    ly_close(b);
    return 0;
}
