/* Peer of sort.ly: 10^6 uniform doubles from xoshiro256**, sorted by qsort. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

static uint64_t s[4] = { 0x9E3779B97F4A7C15ULL, 0xBF58476D1CE4E5B9ULL, 0x94D049BB133111EBULL, 1 };
static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t next(void) {
    uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
    return r;
}
static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(void) {
    size_t n = 1000000;
    double *d = malloc(n * sizeof *d);
    if (!d) return 1;
    for (size_t i = 0; i < n; i++) d[i] = (double)(next() >> 11) * 0x1p-53;
    qsort(d, n, sizeof *d, cmp);
    int ok = 1;
    for (size_t i = 1; i < n; i++) ok &= d[i - 1] <= d[i];
    puts(ok ? "True" : "False");
    free(d);
    return 0;
}
