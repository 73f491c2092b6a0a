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
 *  - Temporary symbols (Module's locals, LY_SYMF_TEMP) are the exception:
 *    they are not in the table -- each VM finds its own by name (temps.c)
 *    -- and when a VM removes one that nothing references, the record (and
 *    its id) comes back for a later local under a new name.  Records wait
 *    in the removing VM's pool, and in the process-wide one (under writer)
 *    once that VM closes.  Their flags never change, so code walking all
 *    ids reads a record's flags and skips temporaries before touching a
 *    name another thread may be rewriting.
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
#define LY_SYMDEF(id, name) { name, 0, 0, 0, LY_SYMF_SYSTEM, 0 },
    LY_SYMLIST(LY_SYMDEF)
#undef LY_SYMDEF
    { NULL, 0, 0, 0, 0, 0 }
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
    LySymbol key = { name, 0, hash_name(name, len), (uint32_t)len, 0, 0 };
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
    LySymbol key = { name, 0, hash_name(name, len), (uint32_t)len, 0, 0 };
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

/* ---- Temporary symbols ------------------------------------------------------------------ */

/* LyvTemp (lyv.h): a record of a Temporary symbol. */

static LyvTemp *temp_free;      /* the process-wide pool, under writer */

/* Writes base$num into t's buffer and sets name, len and hash. */
static bool temp_name(LyvTemp *t, const char *base, size_t blen, uint64_t num) {
    char digits[24];
    size_t nd = 0;
    do { digits[nd++] = (char)('0' + num % 10); num /= 10; } while (num);
    size_t len = blen + 1 + nd;
    if (len > UINT32_MAX) return false;
    if (len + 1 > t->cap) {
        size_t cap = len + 1 < 32 ? 32 : len + 1;
        char *nb = realloc(t->buf, cap);
        if (!nb) return false;
        t->buf = nb;
        t->cap = cap;
    }
    memcpy(t->buf, base, blen);
    t->buf[blen] = '$';
    for (size_t i = 0; i < nd; i++) t->buf[blen + 1 + i] = digits[nd - 1 - i];
    t->buf[len] = 0;
    t->s.name = t->buf;
    t->s.len = (uint32_t)len;
    t->s.hash = hash_name(t->buf, len);
    return true;
}

LySymbol *lyv_temp_new(LyvTempPool *p, const char *base, size_t blen, uint64_t num) {
    LyvTemp *t = p->free;
    if (t) {
        p->free = t->next;
        p->n--;
    } else {
        pthread_mutex_lock(&T.writer);
        if ((t = temp_free)) temp_free = t->next;
        pthread_mutex_unlock(&T.writer);
    }
    if (t) {
        if (!temp_name(t, base, blen, num)) { lyv_temp_recycle(p, &t->s); return NULL; }
        t->s.state = 0;
        return &t->s;
    }
    t = aligned_alloc(16, (sizeof(LyvTemp) + 15) & ~(size_t)15);
    if (!t) return NULL;
    memset(t, 0, sizeof *t);
    t->s.flags = LY_SYMF_TEMP;
    if (!temp_name(t, base, blen, num)) { free(t); return NULL; }
    pthread_mutex_lock(&T.writer);
    bool ok = add_id(&t->s);
    pthread_mutex_unlock(&T.writer);
    if (!ok) { free(t->buf); free(t); return NULL; }
    return &t->s;
}

void lyv_temp_recycle(LyvTempPool *p, LySymbol *s) {
    LyvTemp *t = (LyvTemp *)s;
    t->next = p->free;
    p->free = t;
    p->n++;
}

void lyv_temp_pool_release(LyvTempPool *p) {
    if (!p->free) return;
    LyvTemp *last = p->free;
    while (last->next) last = last->next;
    pthread_mutex_lock(&T.writer);
    last->next = temp_free;
    temp_free = p->free;
    pthread_mutex_unlock(&T.writer);
    p->free = NULL;
    p->n = 0;
}
