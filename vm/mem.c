/*
 * mem.c — the VM's one allocation funnel (Lua's lmem.c pattern).
 *
 * Every byte a VM owns comes from vm->alloc, told the old size, so a worker VM
 * can run on its thread's arena and a host can count or cap memory.  Failure
 * starts an out-of-memory unwind (LYU_NOMEM) and returns NULL; callers release
 * what they hold and pass NULL up.
 */
#include <stdlib.h>
#include "lyv.h"

void *lyv_alloc(LyVM *vm, size_t n) {
    if (n == 0) n = 1;
    void *p = vm->alloc(vm->alloc_ud, NULL, 0, n);
    if (!p) { ly_raise_nomem(vm); return NULL; }
    vm->bytes += n;
    return p;
}

void *lyv_realloc(LyVM *vm, void *p, size_t osize, size_t nsize) {
    if (!p) return lyv_alloc(vm, nsize);
    if (nsize == 0) { lyv_free(vm, p, osize); return NULL; }
    void *q = vm->alloc(vm->alloc_ud, p, osize, nsize);
    if (!q) { ly_raise_nomem(vm); return NULL; }
    vm->bytes += nsize;
    vm->bytes -= osize;
    return q;
}

void lyv_free(LyVM *vm, void *p, size_t n) {
    if (!p) return;
    if (n == 0) n = 1;
    vm->alloc(vm->alloc_ud, p, n, 0);
    vm->bytes -= n;
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
