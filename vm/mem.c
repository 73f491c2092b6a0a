/*
 * mem.c — the VM's one allocation funnel (Lua's lmem.c pattern).
 *
 * Every byte a VM owns comes from vm->alloc, told the old size, so a worker VM
 * can run on its thread's arena and a host can count or cap memory.  Failure
 * starts an out-of-memory unwind (LYU_NOMEM) and returns NULL; callers release
 * what they hold and pass NULL up.
 *
 * Small blocks (<= LYV_SMALL_MAX bytes, rounded up to 8) are the bulk of an
 * evaluation's traffic: freed ones wait on per-size free lists and are reused
 * without a call into the allocator.  The lists are bounded, and every cached
 * block goes back through vm->alloc, with its rounded size, at ly_close.
 */
#include <stdlib.h>
#include "lyv.h"

#define MAX_CACHED 8192u         /* blocks per size class */

static size_t round8(size_t n) { return (n + 7) & ~(size_t)7; }

static void *raw_alloc(LyVM *vm, size_t n) {
    void *p = vm->alloc(vm->alloc_ud, NULL, 0, n);
    if (!p) { ly_raise_nomem(vm); return NULL; }
    vm->bytes += n;
    return p;
}

static void raw_free(LyVM *vm, void *p, size_t n) {
    vm->alloc(vm->alloc_ud, p, n, 0);
    vm->bytes -= n;
}

void *lyv_alloc(LyVM *vm, size_t n) {
    if (n == 0) n = 1;
    if (n <= LYV_SMALL_MAX) {
        size_t c = round8(n) >> 3;
        void *p = vm->freelist[c];
        if (p) {
            vm->freelist[c] = *(void **)p;
            vm->nfree[c]--;
            return p;
        }
        return raw_alloc(vm, c << 3);
    }
    return raw_alloc(vm, n);
}

void lyv_free(LyVM *vm, void *p, size_t n) {
    if (!p) return;
    if (n == 0) n = 1;
    if (n <= LYV_SMALL_MAX) {
        size_t c = round8(n) >> 3;
        if (vm->nfree[c] < MAX_CACHED) {
            *(void **)p = vm->freelist[c];
            vm->freelist[c] = p;
            vm->nfree[c]++;
            return;
        }
        raw_free(vm, p, c << 3);
        return;
    }
    raw_free(vm, p, n);
}

void *lyv_realloc(LyVM *vm, void *p, size_t osize, size_t nsize) {
    if (!p) return lyv_alloc(vm, nsize);
    if (nsize == 0) { lyv_free(vm, p, osize); return NULL; }
    if (osize <= LYV_SMALL_MAX || nsize <= LYV_SMALL_MAX) {
        void *q = lyv_alloc(vm, nsize);
        if (!q) return NULL;
        memcpy(q, p, osize < nsize ? osize : nsize);
        lyv_free(vm, p, osize);
        return q;
    }
    void *q = vm->alloc(vm->alloc_ud, p, osize, nsize);
    if (!q) { ly_raise_nomem(vm); return NULL; }
    vm->bytes += nsize;
    vm->bytes -= osize;
    return q;
}

void lyv_mem_release(LyVM *vm) {
    for (size_t c = 1; c < LYV_NCLASSES; c++) {
        while (vm->freelist[c]) {
            void *p = vm->freelist[c];
            vm->freelist[c] = *(void **)p;
            raw_free(vm, p, c << 3);
        }
        vm->nfree[c] = 0;
    }
}

char *lyv_strdup(LyVM *vm, const char *s, size_t len) {
    char *p = lyv_alloc(vm, len + 1);
    if (p) { memcpy(p, s, len); p[len] = 0; }
    return p;
}

void *ly_alloc(LyVM *vm, size_t n) { return lyv_alloc(vm, n); }
void *ly_realloc(LyVM *vm, void *p, size_t o, size_t n) { return lyv_realloc(vm, p, o, n); }
void ly_dealloc(LyVM *vm, void *p, size_t n) { lyv_free(vm, p, n); }
void ly_free(LyVM *vm, void *s) { if (s) lyv_free(vm, s, strlen(s) + 1); }
