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
 *
 * Caps (docs/limits.md): a request larger than vm->max_request (default half
 * the physical memory) or one that would take the live bytes past
 * vm->max_bytes (ly_set_max_memory, `lyra --max-memory`) fails like an
 * allocator failure, before the allocator is asked: with overcommit, a
 * 16 GB request "succeeds" and the process dies later touching the pages.
 * An armed MemoryConstrained budget is checked here too, before the caps:
 * a request that would take the VM past it fails at once and starts an
 * Abort (the construct turns it into $Aborted), so one huge allocation or
 * fast growth inside a single builtin stops without waiting for a safe point.
 *
 * LY_TESTS builds: ly_test_fail_alloc(vm, n) makes the n-th next request
 * through the funnel fail (once), cached small blocks and LyBuf growth
 * included, so a sweep over n reaches every failure path.
 */
#include <stdlib.h>
#include <unistd.h>
#include "lyv.h"

static size_t round8(size_t n) { return (n + 7) & ~(size_t)7; }

/* The test hook: true when this request is the one picked to fail.
 * Under a sanitizer, LY_TEST_FAIL_TRACE=1 prints where it fails. */
#ifdef LY_TESTS
void __sanitizer_print_stack_trace(void) __attribute__((weak));
#endif
static bool test_fail(LyVM *vm) {
#ifdef LY_TESTS
    vm->nallocs++;
    if (vm->fail_countdown > 0 && --vm->fail_countdown == 0) {
        if (!vm->fail_hit && __sanitizer_print_stack_trace && getenv("LY_TEST_FAIL_TRACE"))
            __sanitizer_print_stack_trace();
        vm->fail_hit = true;
        if (vm->fail_persist) vm->fail_countdown = 1;     /* the next one fails too */
        return true;
    }
#else
    (void)vm;
#endif
    return false;
}

/* True when growing the live bytes by grow would break a cap. */
static bool over_caps(LyVM *vm, size_t grow) {
    if (vm->max_request && grow > vm->max_request) return true;
    return vm->max_bytes && (vm->bytes > vm->max_bytes || grow > vm->max_bytes - vm->bytes);
}

/* True when growing the live bytes by grow would break an armed
 * MemoryConstrained budget: the limit fires and an Abort starts (extapi.c),
 * so the request fails before the allocator is asked, however large. */
static bool over_budget(LyVM *vm, size_t grow) {
    return vm->limits && lyv_limits_alloc(vm, grow);
}

static inline void grew(LyVM *vm) {
    if (vm->bytes > vm->peak_bytes) vm->peak_bytes = vm->bytes;
}

static void *raw_alloc(LyVM *vm, size_t n) {
    if (over_budget(vm, n)) return NULL;
    void *p = over_caps(vm, n) ? NULL : vm->alloc(vm->alloc_ud, NULL, 0, n);
    if (!p) { ly_raise_nomem(vm); return NULL; }
    vm->bytes += n;
    grew(vm);
    return p;
}

static void raw_free(LyVM *vm, void *p, size_t n) {
    vm->alloc(vm->alloc_ud, p, n, 0);
    vm->bytes -= n;
}

void *lyv_alloc(LyVM *vm, size_t n) {
    if (n == 0) n = 1;
    if (test_fail(vm)) { ly_raise_nomem(vm); return NULL; }
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
        if (LYV_CACHE && vm->nfree[c] < LYV_MAX_CACHED) {
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
    if (test_fail(vm)) { ly_raise_nomem(vm); return NULL; }
    if (nsize > osize && over_budget(vm, nsize - osize)) return NULL;
    void *q = nsize > osize && over_caps(vm, nsize - osize) ? NULL
            : vm->alloc(vm->alloc_ud, p, osize, nsize);
    if (!q) { ly_raise_nomem(vm); return NULL; }
    vm->bytes += nsize;
    vm->bytes -= osize;
    grew(vm);
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

void *lyv_alloc_quiet(LyVM *vm, void *p, size_t osize, size_t nsize) {
    if (nsize == 0) {
        if (p) { vm->alloc(vm->alloc_ud, p, osize, 0); vm->bytes -= osize; }
        return NULL;
    }
    if (test_fail(vm) || (nsize > osize && (over_budget(vm, nsize - osize) || over_caps(vm, nsize - osize))))
        return NULL;
    void *q = vm->alloc(vm->alloc_ud, p, osize, nsize);
    if (q) { vm->bytes += nsize; vm->bytes -= osize; grew(vm); }
    return q;
}

void *lyv_alloc_book(LyVM *vm, void *p, size_t osize, size_t nsize) {
    if (nsize == 0) return lyv_alloc_quiet(vm, p, osize, 0);
    if (test_fail(vm) || (nsize > osize && over_caps(vm, nsize - osize))) return NULL;
    void *q = vm->alloc(vm->alloc_ud, p, osize, nsize);
    if (q) { vm->bytes += nsize; vm->bytes -= osize; grew(vm); }
    return q;
}

/* Half the physical memory: no single request may ask for more. */
static size_t default_max_request(void) {
    long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || psize <= 0) return 0;
    return (size_t)pages / 2 * (size_t)psize;
}

#ifdef LY_TESTS
/* ly_test_fail_new_vms: the countdown every VM made from now on starts with
 * (worker VMs are made on pool threads, out of a test's reach otherwise). */
static atomic_long fail_new_vms;
void ly_test_fail_new_vms(long n) { atomic_store_explicit(&fail_new_vms, n > 0 ? n : 0, memory_order_relaxed); }
#else
void ly_test_fail_new_vms(long n) { (void)n; }
#endif

void lyv_mem_init(LyVM *vm) {
    vm->max_request = default_max_request();
    vm->max_bytes = 0;
#ifdef LY_TESTS
    vm->fail_countdown = atomic_load_explicit(&fail_new_vms, memory_order_relaxed);
    vm->fail_persist = vm->fail_hit = false;
#endif
}

void ly_set_max_memory(LyVM *vm, size_t bytes) {
    vm->max_bytes = bytes;
    if (bytes && (!vm->max_request || vm->max_request > bytes)) vm->max_request = bytes;
    if (!bytes) vm->max_request = default_max_request();
}

size_t ly_max_memory(LyVM *vm) { return vm->max_bytes; }

size_t ly_memory_in_use(LyVM *vm) { return vm->bytes; }
size_t ly_memory_max_used(LyVM *vm) { return vm->peak_bytes; }

bool ly_mem_check(LyVM *vm, size_t bytes) {
    if (over_budget(vm, bytes)) return false;
    if (over_caps(vm, bytes)) { ly_raise_nomem(vm); return false; }
    return true;
}

#ifdef LY_TESTS
void ly_test_fail_alloc(LyVM *vm, long n) {
    vm->fail_countdown = n > 0 ? n : 0;
    vm->fail_persist = vm->fail_hit = false;
}
void ly_test_fail_alloc_from(LyVM *vm, long n) {
    ly_test_fail_alloc(vm, n);
    vm->fail_persist = n > 0;
}
long ly_test_alloc_count(LyVM *vm) { return vm->nallocs; }
bool ly_test_alloc_pending(LyVM *vm) { return vm->fail_countdown > 0 && !vm->fail_hit; }
#else
void ly_test_fail_alloc(LyVM *vm, long n) { (void)vm; (void)n; }
void ly_test_fail_alloc_from(LyVM *vm, long n) { (void)vm; (void)n; }
long ly_test_alloc_count(LyVM *vm) { (void)vm; return -1; }
bool ly_test_alloc_pending(LyVM *vm) { (void)vm; return false; }
#endif

char *lyv_strdup(LyVM *vm, const char *s, size_t len) {
    char *p = lyv_alloc(vm, len + 1);
    if (p) { memcpy(p, s, len); p[len] = 0; }
    return p;
}

void *ly_scratch_alloc(LyScratch *s, size_t elem, size_t n) {
    if (n > SIZE_MAX / elem) { ly_raise_nomem(s->vm); return NULL; }
    s->p = lyv_alloc(s->vm, n * elem);
    if (s->p) s->bytes = n * elem;
    return s->p;
}

void ly_scratch_release(LyScratch *s) {
    lyv_free(s->vm, s->p, s->bytes);
    s->p = NULL;
}

void *ly_alloc(LyVM *vm, size_t n) { return lyv_alloc(vm, n); }
void *ly_realloc(LyVM *vm, void *p, size_t o, size_t n) { return lyv_realloc(vm, p, o, n); }
void ly_dealloc(LyVM *vm, void *p, size_t n) { lyv_free(vm, p, n); }
void ly_free(LyVM *vm, void *s) { if (s) lyv_free(vm, s, strlen(s) + 1); }
/* lua_Alloc's contract: osize is a type tag when p is NULL, and shrinking
 * never fails (so neither the caps nor the test hook apply to it). */
void *ly_alloc_fn(void *ud, void *p, size_t osize, size_t nsize) {
    LyVM *vm = ud;
    if (!p) osize = 0;
    if (p && nsize != 0 && nsize <= osize) {
        void *q = vm->alloc(vm->alloc_ud, p, osize, nsize);
        if (q) vm->bytes -= osize - nsize;
        return q;
    }
    return lyv_alloc_quiet(vm, p, osize, nsize);
}
