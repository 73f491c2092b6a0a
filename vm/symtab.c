/*
 * symtab.c — the process-wide symbol table.
 *
 * Design
 * ------
 * Symbols are interned once per process and never freed: a symbol's name,
 * hash and id are shared by every VM (definitions are per VM, indexed by id).
 * This is one of the two places in vm/ that knows threads exist.
 *
 *  - The table is a ck_hs in SPMC mode: lookups are lock-free from any
 *    thread; inserts take `writer` (a mutex) and re-check before putting.
 *  - ck_hs retires its old map when it grows.  A reader may still be probing
 *    the old map, so it is not freed: retired maps are kept on a list (at
 *    most the size of the live map, since maps double).  This avoids an
 *    epoch record per reading thread, which embedders' threads would have to
 *    register.  The same holds for the id -> symbol array.
 *  - The well-known symbols (lysyms.h) are a static array interned first, so
 *    LY_SYM(Plus) is a constant and comparisons with it are one compare.
 *  - Memory: symbols are immortal and shared, so they come from malloc, not
 *    from any VM's allocator (a VM's allocator dies with the VM).
 *
 * Threads: any.  Orderings: ck_hs publishes with its own fences; the id
 * array pointer and count are C11 atomics (release on publish, acquire on
 * read).
 */
#include <pthread.h>
#include <stdlib.h>
#include <ck_hs.h>
#include "lyv.h"

LySymbol ly_builtin_symbols[] = {
#define LY_SYMDEF(id, name) { name, 0, 0, 0, LY_SYMF_SYSTEM },
    LY_SYMLIST(LY_SYMDEF)
#undef LY_SYMDEF
    { NULL, 0, 0, 0, 0 }
};

typedef struct Retired { struct Retired *next; size_t size; } Retired;

static struct {
    pthread_once_t once;
    pthread_mutex_t writer;
    ck_hs_t hs;
    _Atomic(LySymbol **) by_id;
    atomic_size_t count;
    size_t cap;
    Retired *retired;        /* old maps and id arrays, under writer */
} T = { .once = PTHREAD_ONCE_INIT, .writer = PTHREAD_MUTEX_INITIALIZER };

static uint32_t hash_name(const char *s, size_t len) {
    uint32_t h = 2166136261u;              /* FNV-1a */
    for (size_t i = 0; i < len; i++) { h ^= (unsigned char)s[i]; h *= 16777619u; }
    return h;
}

static unsigned long hs_hash(const void *obj, unsigned long seed) {
    (void)seed;
    return ((const LySymbol *)obj)->hash;
}

static bool hs_compare(const void *a, const void *b) {
    const LySymbol *x = a, *y = b;
    return x->len == y->len && memcmp(x->name, y->name, x->len) == 0;
}

/* ck_hs allocations: headers let deferred frees go on the retired list. */
static void *hs_malloc(size_t n) {
    Retired *r = malloc(sizeof(Retired) + n);
    if (!r) return NULL;
    r->size = n;
    return r + 1;
}

static void hs_free(void *p, size_t n, bool defer) {
    (void)n;
    if (!p) return;
    Retired *r = (Retired *)p - 1;
    if (defer) {            /* readers may still see it: keep it (called under writer) */
        r->next = T.retired;
        T.retired = r;
    } else {
        free(r);
    }
}

static void *hs_realloc(void *p, size_t o, size_t n, bool defer) {
    void *q = hs_malloc(n);
    if (!q) return NULL;
    if (p) { memcpy(q, p, o < n ? o : n); hs_free(p, o, defer); }
    return q;
}

static struct ck_malloc hs_alloc = { hs_malloc, hs_realloc, hs_free };

/* Appends s to the id array; called under writer. */
static bool add_id(LySymbol *s) {
    size_t n = atomic_load_explicit(&T.count, memory_order_relaxed);
    LySymbol **arr = atomic_load_explicit(&T.by_id, memory_order_relaxed);
    if (n == T.cap) {
        size_t ncap = T.cap ? T.cap * 2 : 1024;
        LySymbol **na = hs_malloc(ncap * sizeof *na);
        if (!na) return false;
        if (arr) memcpy(na, arr, n * sizeof *na);
        atomic_store_explicit(&T.by_id, na, memory_order_release);
        if (arr) hs_free(arr, T.cap * sizeof *arr, true);
        arr = na;
        T.cap = ncap;
    }
    s->id = (uint32_t)n;
    arr[n] = s;
    atomic_store_explicit(&T.count, n + 1, memory_order_release);
    return true;
}

static void init_once(void) {
    if (!ck_hs_init(&T.hs, CK_HS_MODE_SPMC | CK_HS_MODE_OBJECT, hs_hash, hs_compare,
                    &hs_alloc, 4096, 0x9e3779b9u))
        abort();        /* start-up allocation of a few KB: nothing sane to do */
    for (LySymbol *s = ly_builtin_symbols; s->name; s++) {
        s->len = (uint32_t)strlen(s->name);
        s->hash = hash_name(s->name, s->len);
        if (!add_id(s) || !ck_hs_put(&T.hs, s->hash, s)) abort();
    }
}

void lyv_symtab_init(void) {
    pthread_once(&T.once, init_once);
}

LySymbol *lyv_lookup(const char *name, size_t len) {
    if (len > UINT32_MAX) return NULL;
    LySymbol key = { name, 0, hash_name(name, len), (uint32_t)len, 0 };
    LySymbol *s = ck_hs_get(&T.hs, key.hash, &key);
    /* ck_hs publishes with fences ThreadSanitizer cannot see (libck is not
     * instrumented).  add_id release-stores the count after the symbol is
     * filled in and before ck_hs_put, so acquiring the count here makes the
     * publication visible to it (VMs created on several threads at once
     * intern the same names).  A plain load on x86. */
    if (s) (void)atomic_load_explicit(&T.count, memory_order_acquire);
    return s;
}

LySymbol *lyv_intern(const char *name, size_t len) {
    LySymbol *s = lyv_lookup(name, len);
    if (s) return s;
    if (len > UINT32_MAX) return NULL;
    pthread_mutex_lock(&T.writer);
    LySymbol key = { name, 0, hash_name(name, len), (uint32_t)len, 0 };
    s = ck_hs_get(&T.hs, key.hash, &key);
    if (!s) {
        /* 16-byte alignment keeps the low tag bits free. */
        s = aligned_alloc(16, (sizeof(LySymbol) + len + 1 + 15) & ~(size_t)15);
        if (s) {
            char *nm = (char *)(s + 1);
            memcpy(nm, name, len);
            nm[len] = 0;
            *s = key;
            s->name = nm;
            if (!add_id(s) || !ck_hs_put(&T.hs, s->hash, s)) { free(s); s = NULL; }
        }
    }
    pthread_mutex_unlock(&T.writer);
    return s;
}

size_t lyv_symbol_count(void) {
    return atomic_load_explicit(&T.count, memory_order_acquire);
}

LySymbol *lyv_symbol_by_id(uint32_t id) {
    size_t n = atomic_load_explicit(&T.count, memory_order_acquire);
    if (id >= n) return NULL;
    return atomic_load_explicit(&T.by_id, memory_order_acquire)[id];
}
