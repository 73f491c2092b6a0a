/*
 * lyv.h — internal header of the VM layer (vm/).  Only code built inside the
 * VM library may include it; stdlib/ and foreign/ use lyra.h + lyra_ext.h.
 *
 * The VM is single-threaded: nothing here is shared between threads except
 * the process-wide symbol table (symtab.c), the abort flag, and the state
 * word of Module's Temporary symbols and their numbering (temps.c).
 */
#ifndef LYV_H
#define LYV_H

#ifndef LYV_BUILD
#error "vm/lyv.h is internal to the VM; use lyra.h / lyra_ext.h"
#endif

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lyra_ext.h"

/* Rare paths kept out of the evaluator's recursive frames: every byte of
 * those frames is paid once per level of user recursion (C stack). */
#define LYV_COLD __attribute__((noinline, cold))
#define LYV_NOINLINE __attribute__((noinline))

/* ---- attributes ---------------------------------------------------------------- */

enum {
    LYA_HOLDFIRST = 1u << 0, LYA_HOLDREST = 1u << 1, LYA_HOLDALL = 1u << 2,
    LYA_HOLDALLCOMPLETE = 1u << 3, LYA_SEQUENCEHOLD = 1u << 4, LYA_FLAT = 1u << 5,
    LYA_ORDERLESS = 1u << 6, LYA_ONEIDENTITY = 1u << 7, LYA_LISTABLE = 1u << 8,
    LYA_PROTECTED = 1u << 9, LYA_LOCKED = 1u << 10, LYA_READPROTECTED = 1u << 11,
    LYA_NUMERICFUNCTION = 1u << 12, LYA_CONSTANT = 1u << 13, LYA_TEMPORARY = 1u << 14,
    LYA_NHOLDALL = 1u << 15, LYA_NHOLDFIRST = 1u << 16, LYA_NHOLDREST = 1u << 17,
    LYA_STUB = 1u << 18,
    LYA_OPFORM = 1u << 19,   /* not a Wolfram attribute: the builtin handles f[args][x] too */
    LYA_FORMAT = 1u << 20,   /* not a Wolfram attribute: OutputForm goes through vm->format_hook */
    LYA_FUSE = 1u << 21      /* not a Wolfram attribute: the first argument reaches the builtin
                                unevaluated (fused array paths, Total[Range[n]^2]); the builtin
                                evaluates it itself otherwise */
};
/* Parses "HoldAll Listable" into bits; returns false on an unknown name. */
bool lyv_attrs_parse(const char *text, uint32_t *out);
const char *lyv_attr_name(int bit);   /* name of attribute bit number `bit`, or NULL */
/* The text of Definition[s] (rules.c): appended to b, nothing when none. */
void lyv_print_definition(LyVM *vm, LyExpr s, LyBuf *b);
/* Shallow[e, {depth, len}] as an expression with Skeleton[k] parts (print.c);
 * len < 0: no length limit.  C recursion as deep as depth.  New reference. */
LyExpr lyv_shallow(LyVM *vm, LyExpr e, int64_t depth, int64_t len);
/* ly_buf_expr with Skeleton[k] written <<k>> in every form but FullForm. */
void lyv_buf_expr_skel(LyBuf *b, LyExpr e, LyForm form);

/* ---- per-VM definitions of one symbol ---------------------------------------------------- */

/* A rule compiled for the hot path (rulecode.c). */
typedef struct LyvCode LyvCode;

/* One rule of a definition: lhs -> rhs (rules.c). */
typedef struct LyRule {
    LyExpr lhs;              /* the pattern, without an outer HoldPattern */
    LyExpr rhs;
    uint64_t hash;           /* lyv_rule_key(lhs) */
    uint32_t nargs;          /* argument count when fixed, else UINT32_MAX */
    bool delayed;            /* := (rhs evaluated at each use) */
    bool literal;            /* lhs has no patterns: matching is SameQ */
    bool simple;             /* h[x_, y_h, lit, ...]: matched without the general matcher */
    bool plain_rhs;          /* rhs has no scoping constructs: substituted directly */
    bool optvalue;           /* rhs mentions OptionValue (bound to the call's options) */
    bool fast;               /* code has both a plan and an rhs template (try_rule's fast path) */
    LyvCode *code;           /* matching plan and rhs template, or NULL */
} LyRule;

/* The rules of one kind (down, up or sub values) of one symbol.  Literal
 * rules are found through a hash index; pattern rules are tried in order
 * (most specific first).  Rules enter only through ruleset_add (rules.c),
 * which shows them to the open Module scopes (lyv_temps_stored), and
 * through the copies of transfer.c. */
typedef struct LyRuleSet {
    LyRule *v;
    size_t n, cap;
    size_t nliteral;         /* how many rules are literal */
    int64_t *index;          /* open addressing over literal rules: rule index or -1 */
    size_t icap;
} LyRuleSet;

typedef struct LyDefs {
    uint64_t version;        /* vm->defs_version of the last change (transfer.c) */
    uint32_t attrs;
    LyCFunction builtin;     /* built-in code, or NULL */
    LyCFunction builtin2;    /* an earlier library's code for the same name, tried
                                when builtin leaves the expression unevaluated
                                (Cancel[future] in foreign/, Cancel[expr] in stdlib/) */
    LyExpr own;              /* OwnValue (the value itself), or NULL */
    bool own_delayed;        /* own value set with := */
    bool removed;            /* Remove[s]: Names leaves s out until it is defined again */
    uint64_t own_version;    /* vm->eval_version when own was set evaluated (0: not known) */
    LyRuleSet *down;         /* DownValues, or NULL */
    LyRuleSet *up;           /* UpValues */
    LyRuleSet *sub;          /* SubValues */
    LyExpr messages;         /* List of Rule[MessageName[s, "tag"], "text"], or NULL */
    LyExpr defaults;         /* DefaultValues, or NULL */
    LyExpr options;          /* Options[f]: a List of rules, or NULL */
    const char *usage;       /* static text from the builtin table, or NULL */
    uint64_t own_clean, own_clean_at;   /* when own_clean_at == version: own has changed
                                only in place (x[[i]] = v, a[k] = v) since own_clean,
                                and what went in was shown to the Module scopes (temps.c) */
} LyDefs;

/* The key of the literal-rule index: equal (SameQ) expressions have equal
 * keys.  Cheaper than ly_hash for the usual f[1], f[x, "s"]: machine
 * integers and symbols among the arguments are mixed directly. */
static inline uint64_t lyv_rule_key_part(LyExpr x) {
    if (ly_is_small(x)) return (uint64_t)(uintptr_t)x;
    if (ly_is_sym(x)) return (uint64_t)ly_sym(x)->hash * 0xff51afd7ed558ccdull;
    return ly_hash(x);
}
static inline uint64_t lyv_rule_key(LyExpr e) {
    if (!ly_is_normal(e)) return ly_hash(e);
    uint64_t h = lyv_rule_key_part(ly_nhead(e)) ^ ly_nlen(e);
    for (size_t i = 1; i <= ly_nlen(e); i++)
        h = (h ^ lyv_rule_key_part(ly_narg(e, i))) * 0x9e3779b97f4a7c15ull;
    return h ^ (h >> 31);
}

/* ly_equal, with the usual cases inline: the same object, atoms that are
 * not objects, and normal expressions of the same length whose parts are
 * the same words (f[1] against another f[1]). */
static inline bool lyv_equal(LyExpr a, LyExpr b) {
    if (a == b) return true;
    if (!ly_is_obj(a) || !ly_is_obj(b)) return false;
    if (a->type == LY_TNORMAL && b->type == LY_TNORMAL) {
        size_t n = ly_nlen(a);
        if (n != ly_nlen(b)) return false;
        size_t i = 0;
        while (i <= n && ly_normal(a)->e[i] == ly_normal(b)->e[i]) i++;
        if (i > n) return true;
    }
    return ly_equal(a, b);
}

/* rules.c */
void lyv_ruleset_free(LyVM *vm, LyRuleSet *rs);
/* (Re)makes r->code for r's current lhs and rhs; false when out of memory. */
bool lyv_rule_compile(LyVM *vm, LyRule *r);
LyStatus lyv_open_defs(LyVM *vm);

/* ---- unwinding -------------------------------------------------------------------- */

typedef enum LyUnwind {
    LYU_NONE = 0, LYU_ABORT, LYU_THROW, LYU_RETURN, LYU_BREAK, LYU_CONTINUE, LYU_NOMEM, LYU_QUIT
} LyUnwind;

/* ---- the VM ---------------------------------------------------------------------- */

#define LYV_EVLOG 64              /* symbols remembered for revalidating stale values */

/* A record of a Temporary symbol (symtab.c): the LySymbol first (a
 * LySymbol with LY_SYMF_TEMP is one of these), then its name buffer and
 * what temps.c and tempgc.c keep about it. */
typedef struct LyvTemp {
    LySymbol s;
    struct LyvTemp *next;       /* free lists */
    size_t cap;                 /* bytes of buf */
    char *buf;
    uint64_t serial;            /* vm->temp_serial when made: younger than a mark */
    uint64_t born;              /* vm->defs_version when made: a snapshot taken at or
                                   after it (vm->exported) may have seen the symbol */
} LyvTemp;
static inline LyvTemp *lyv_temp(LySymbol *s) { return (LyvTemp *)s; }

/* Records of Temporary symbols (symtab.c): a VM's pool of free ones. */
typedef struct LyvTempPool { struct LyvTemp *free; size_t n; } LyvTempPool;

/* Where the collector of escaped temporaries starts (tempgc.c): temporaries
 * made at or after serial are candidates; only definitions changed after
 * defs and normal expressions stamped at or after evals (or never) can
 * refer to them. */
typedef struct LyvFloor { uint64_t serial, defs, evals; } LyvFloor;

#define LYV_SMALL_MAX 128         /* blocks up to this size are cached per VM */
#define LYV_NCLASSES (LYV_SMALL_MAX / 8 + 1)

/* What the VM read of $Context and $ContextPath (context.c) */
#define LYV_CTX_MAX 32
#define LYV_NAME_MAX 512
typedef struct LyvCtx {
    LyExpr cur_val, path_val;    /* the values read (a reference each) */
    const char *cur;             /* $Context ("Global`" when not a context name) */
    size_t curlen;
    const char *path[LYV_CTX_MAX];   /* $ContextPath's context names */
    size_t pathlen[LYV_CTX_MAX];
    size_t npath;
    bool valid;
    bool plain;                  /* Global` with System` and Global` on the path: names as written */
} LyvCtx;

struct LyVM {
    LyAlloc alloc;
    void *alloc_ud;
    size_t bytes;                /* live bytes allocated through alloc */
    size_t peak_bytes;           /* the most bytes has been (MaxMemoryUsed) */
    size_t max_bytes;            /* budget for bytes (ly_set_max_memory); 0: none */
    size_t max_request;          /* largest single request (default: RAM / 2); 0: none */
#ifdef LY_TESTS
    long fail_countdown;         /* ly_test_fail_alloc: the allocation that fails (0: off) */
    bool fail_persist;           /* ly_test_fail_alloc_from: and every one after it */
    bool fail_hit;               /* the armed failure was reached */
    long nallocs;                /* allocations through the funnel so far */
#endif
    void *freelist[LYV_NCLASSES];  /* cached small blocks by size/8 (mem.c) */
    uint32_t nfree[LYV_NCLASSES];

    struct LyvRules *rcache;     /* the last long rule list a replacement indexed, for the
                                    next call with the same list (dispatch.c), or NULL */
    struct { void *p; size_t size; } match_cache[2];   /* the matcher's first arena chunk and
                                    choice stack, kept between matches (match.c) */

    LyDefs **defs;               /* indexed by symbol id; grown on demand */
    size_t ndefs;
    uint64_t *defs_block;        /* per 64 ids: the latest version of any of their LyDefs,
                                    so ly_sync_definitions skips unchanged blocks */
    size_t ndefs_block;          /* entries of defs_block (>= ndefs / 64) */

    LyUnwind unwind;             /* non-local exit in progress */
    LyExpr unwind_value;         /* Throw value / Return value */
    LyExpr unwind_tag;           /* Throw tag, or NULL */
    atomic_int abort_requested;  /* set by ly_abort from any thread (relaxed) */

    int depth;                   /* current evaluation depth */
    uintptr_t stack_base;        /* C stack address at the outermost API entry */
    size_t stack_limit;          /* C stack bytes evaluation may use below it */
    uintptr_t stack_lo, stack_hi;  /* stack addresses evaluation stays within
                                    (from the two above: lyv_stack_bounds) */
    int api_depth;               /* nesting of public API calls */
    _Atomic(uintptr_t) owner;    /* debug builds: the thread inside an API call (api.c) */
    LyExpr outs;                 /* List of Out[n] values (REPL history) */
    int64_t outs_first;          /* line number of outs[1] */
    uint64_t outs_epoch;         /* bumped when the history starts again (lines need not grow) */
    int recursion_limit;         /* $RecursionLimit */
    int iteration_limit;         /* $IterationLimit */
    int64_t line;                /* $Line */

    LyWriteHook out_hook, msg_hook;
    LyFormatHook format_hook;    /* OutputForm of heads with LYA_FORMAT (ly_set_format_hook) */
    LyRangeHook range_hook;      /* machine reals out of range (ly_set_range_hook) */
    LyFormatHook input_format_hook;  /* InputForm/FullForm of heads with LYA_FORMAT */
    void *out_ud, *msg_ud;
    LyExpr off_list;             /* List of MessageName[s, "tag"] turned Off */
    size_t message_count;        /* messages issued in this top-level evaluation */
    uint64_t messages_issued;    /* messages issued since the VM was made (never saturates) */
    LyExpr *msglist;             /* $MessageList of the current top-level statement: */
    size_t nmsglist, capmsglist; /* HoldForm[s::tag] entries (message.c) */
    struct { LySymbol *sym; char tag[32]; int count; } msg_seen[32];  /* General::stop */
    int nmsg_seen;
    int quiet;                   /* Quiet nesting */
    struct LyvLimits *limits;    /* TimeConstrained/MemoryConstrained limits (extapi.c), or NULL */
    bool result_final;           /* the builtin just called returned an evaluated value (ly_evaluated) */
    uint64_t defs_version;       /* bumped by every change to any definition */
    uint64_t eval_version;       /* bumped by the changes that can make an evaluated expression
                                    evaluate to something else: all but a new value for a
                                    symbol that has one (Wolfram's model, see Update: an
                                    expression depends on the symbols in it, and a fixed
                                    point holds a symbol with a value only where it is held).
                                    Evaluated stamps and own_version are of this one. */
    struct { uint64_t version; uint32_t id; } evlog[LYV_EVLOG];   /* the symbols of the latest
                                    eval_version bumps, oldest first from evlog_n (stale.c) */
    uint32_t evlog_n;            /* entries ever written */
    uint64_t evlog_floor;        /* bumps at or before this version may be missing from evlog */
    size_t nupvalues;            /* symbols with up-values (skip the search when 0) */
    LyExpr argv;                 /* $ScriptCommandLine */

    /* Temporary symbols (temps.c) */
    LySymbol **temps;            /* this VM's live temporaries, open addressing by name hash */
    size_t ntemps, ntombs, captemps;
    LyvTempPool tpool;           /* records of removed temporaries, for the next locals */
    LyScope *scope;              /* the innermost open Module scope */
    _Atomic uint64_t exported;   /* defs_version when ly_sync_definitions or an export last
                                    read this VM (snapshot updates read it on its thread;
                                    workers read a snapshot VM at once: relaxed atomic) */

    /* Collecting escaped temporaries (tempgc.c) */
    uint64_t temp_serial;        /* temporaries made so far */
    uint64_t temp_lookups;       /* names read as a live temporary (lyv_intern_vm) */
    LyvCtx ctx;                  /* $Context and $ContextPath as last read (context.c) */
    int ctx_written;             /* > 0: the library's text is read, names as written */
    LySymbol **young;            /* temporaries made since the last complete collection */
    size_t nyoung, capyoung;     /* (stale entries allowed; popped as scopes remove them) */
    LyExpr *holds;               /* values handed to the host or kept by C code: */
    size_t nholds, capholds;     /* a reference each, dropped when it is the last */
    size_t holds_next;           /* compact holds when nholds reaches this */
    LyvFloor gc_floor;           /* the last complete collection */
    int64_t gc_outs_line;        /* Out entries of lines before this were there then, */
    uint64_t gc_outs_epoch;      /* if the history has not started again since */
    size_t gc_live;              /* ntemps after the last complete collection */
    size_t gc_full_live;         /* ntemps after the last full collection */
    size_t gc_full_bytes;        /* bytes after the last full collection */
    size_t gc_loop_next;         /* loop points collect when ntemps reaches this, */
    size_t gc_bytes_next;        /* or bytes this */
    size_t gc_cost;              /* nodes the last collection looked at */
    size_t gc_full_cost;         /* nodes the last full collection looked at */
    size_t gc_credit;            /* paid towards the next full collection (top-level points) */
    size_t gc_old_cand;          /* candidates that survived complete collections since the last full */
    uint64_t gc_runs, gc_removed;   /* collections so far, temporaries they removed */
    uint8_t gc_mode;             /* LyCollect */
    bool gc_busy;                /* a collection is running */
    bool gc_off;                 /* bookkeeping failed (out of memory): never collect */
    bool gc_full_request;        /* Lyra`Private`CollectTemporaries[] */

    struct { const void *key; void *data; void (*dtor)(LyVM *, void *); } slots[LY_NSLOTS];
                                 /* extension state (ly_set_slot) */
    int quit_code;               /* Quit[n] */
    char errmsg[1024];
};

/* Sets vm->stack_lo / stack_hi from stack_base and stack_limit (either
 * growth direction; no bounds while stack_base is 0). */
static inline void lyv_stack_bounds(LyVM *vm) {
    uintptr_t b = vm->stack_base, l = vm->stack_limit;
    vm->stack_lo = b && b > l ? b - l : 0;
    vm->stack_hi = b && b < UINTPTR_MAX - l ? b + l : UINTPTR_MAX;
}

/* ---- thread ownership (api.c) ------------------------------------------------------- */

/* Debug builds (no NDEBUG) and LY_TESTS builds record which thread is
 * inside an evaluating API call of a VM; a call from another thread
 * meanwhile breaks the thread contract (lyra.h) and aborts the process
 * with a message.  One relaxed load and compare per checked call. */
#if !defined(NDEBUG) || defined(LY_TESTS)
#define LYV_OWNER_CHECKS 1
void lyv_owner_check(LyVM *vm);
#else
static inline void lyv_owner_check(LyVM *vm) { (void)vm; }
#endif

/* ---- memory (mem.c) ------------------------------------------------------------------ */

void *lyv_alloc(LyVM *vm, size_t n);                 /* NULL + LYU_NOMEM on failure */
#define LYV_MAX_CACHED 8192u      /* cached blocks per size class */
#if defined(LY_SANITIZED) && !defined(LY_TSAN)
/* AddressSanitizer builds cache nothing: every free reaches ASan, so a use
 * after free or a double free is reported where it happens (a cached block
 * would hide it, and reused blocks make LeakSanitizer blame the wrong site) */
#define LYV_CACHE 0
#else
#define LYV_CACHE 1
#endif
/* lyv_alloc / lyv_free of a block of 1..LYV_SMALL_MAX bytes, with the
 * cached-block case inline (the evaluator's hot path). */
static inline void *lyv_alloc_small(LyVM *vm, size_t n) {
#ifndef LY_TESTS                  /* test builds count every request (mem.c) */
    size_t c = (n + 7) >> 3;
    void *p = vm->freelist[c];
    if (p) {
        vm->freelist[c] = *(void **)p;
        vm->nfree[c]--;
        return p;
    }
#endif
    return lyv_alloc(vm, n);
}
void lyv_free(LyVM *vm, void *p, size_t n);
static inline void lyv_free_small(LyVM *vm, void *p, size_t n) {
    size_t c = (n + 7) >> 3;
    if (LYV_CACHE && vm->nfree[c] < LYV_MAX_CACHED) {
        *(void **)p = vm->freelist[c];
        vm->freelist[c] = p;
        vm->nfree[c]++;
        return;
    }
    lyv_free(vm, p, n);
}
void *lyv_realloc(LyVM *vm, void *p, size_t osize, size_t nsize);
/* head[args[0], ..., args[n-1]], stealing head and the arguments (released
 * on failure: NULL).  The hot path's ly_mknormal + copy. */
LyExpr lyv_mknormal_from_(LyVM *vm, LyExpr head, size_t n, const LyExpr *args);   /* expr.c */
static inline LyExpr lyv_mknormal_from(LyVM *vm, LyExpr head, size_t n, const LyExpr *args) {
#ifdef LY_TESTS                   /* test builds count every request (mem.c) */
    return lyv_mknormal_from_(vm, head, n, args);
#else
    size_t size = sizeof(LyNormal) + (n + 1) * sizeof(LyExpr);
    size_t c = (size + 7) >> 3;
    LyNormal *r;
    if (size > LYV_SMALL_MAX || !LYV_CACHE || !(r = vm->freelist[c])) return lyv_mknormal_from_(vm, head, n, args);
    vm->freelist[c] = *(void **)r;
    vm->nfree[c]--;
    r->h.rc = 1;
    r->h.type = LY_TNORMAL;
    r->h.flags = 0;
    r->h.aux = 0;
    r->len = n;
    r->stamp = 0;
    r->e[0] = head;
    for (size_t i = 0; i < n; i++) r->e[i + 1] = args[i];
    return (LyExpr)r;
#endif
}
char *lyv_strdup(LyVM *vm, const char *s, size_t len);  /* free with lyv_free(len+1) */
void lyv_mem_release(LyVM *vm);                      /* returns cached blocks (at close) */
void lyv_mem_init(LyVM *vm);                         /* default caps (at creation) */
/* Grows or frees a block like vm->alloc, honouring the caps and the test
 * hook, but without starting an out-of-memory unwind (LyBuf marks itself
 * oom instead).  A request past an armed MemoryConstrained budget still
 * fires that limit (an Abort starts), as everywhere in the funnel. */
void *lyv_alloc_quiet(LyVM *vm, void *p, size_t osize, size_t nsize);
/* lyv_alloc_quiet for the VM's own bookkeeping (tempgc.c), which a
 * MemoryConstrained budget does not stop: no exit ever starts. */
void *lyv_alloc_book(LyVM *vm, void *p, size_t osize, size_t nsize);

/* ---- symbols (symtab.c) ------------------------------------------------------------------ */

void lyv_symtab_init(void);                          /* idempotent, thread-safe */
/* Interns name (len bytes).  Never fails except on malloc failure (NULL). */
LySymbol *lyv_intern(const char *name, size_t len);
LySymbol *lyv_lookup(const char *name, size_t len);  /* NULL if never interned */
size_t lyv_symbol_count(void);
LySymbol *lyv_symbol_by_id(uint32_t id);
static inline LyExpr lyv_symbol(const char *name) {
    LySymbol *s = lyv_intern(name, strlen(name));
    return s ? ly_symexpr(s) : NULL;
}
/* A record named base$num (flags LY_SYMF_TEMP, state 0), from p, the
 * process-wide pool or new; NULL when out of memory. */
LySymbol *lyv_temp_new(LyvTempPool *p, const char *base, size_t blen, uint64_t num);
/* Gives back the record of a removed temporary nothing references. */
void lyv_temp_recycle(LyvTempPool *p, LySymbol *s);
void lyv_temp_pool_release(LyvTempPool *p);   /* p's records to the process-wide pool */

/* ---- contexts (context.c) ------------------------------------------------------------ */

/* $Context and $ContextPath as they are now. */
const LyvCtx *lyv_ctx(LyVM *vm);
/* The symbol a name read now means (as written when the contexts are
 * Global` and System`); NULL only when out of memory. */
LySymbol *lyv_ctx_resolve(LyVM *vm, const char *name, size_t len);
/* Where the name of s starts as it is written now: after its context when
 * that is $Context or on $ContextPath, else 0. */
size_t lyv_ctx_shown(LyVM *vm, const LySymbol *s);
/* s is a symbol of the library (System`). */
bool lyv_sym_system(LyVM *vm, const LySymbol *s);
void lyv_ctx_release(LyVM *vm);       /* at ly_close */

/* ---- Temporary symbols (temps.c) ----------------------------------------------------- */

/* LySymbol.state of a temporary (atomic: another VM copying a value marks
 * the symbols in it escaped). */
enum {
    LYV_TS_LIVE = 1u,        /* in its VM's table: a symbol of that VM */
    LYV_TS_PENDING = 2u,     /* a local of an open scope */
    LYV_TS_ESCAPED = 4u,     /* referenced beyond its scope: ly_scope_close keeps it (the
                                collector, tempgc.c, may remove it later) */
    LYV_TS_TARGET = 8u, LYV_TS_FOUND = 16u, LYV_TS_DONE = 32u,  /* ly_scope_close's marks */
    LYV_TS_PINNED = 64u,     /* seen where no VM can look (another VM, the host as a bare
                                symbol): never removed, its record never reused */
    LYV_TS_CAND = 128u, LYV_TS_MARK = 256u, LYV_TS_LISTED = 512u   /* the collector's marks */
};
#define LYV_TEMP_TOMB ((LySymbol *)(uintptr_t)8)   /* a removed entry of vm->temps */
static inline uint32_t lyv_ts_get(LySymbol *s) { return __atomic_load_n(&s->state, __ATOMIC_RELAXED); }
static inline void lyv_ts_or(LySymbol *s, uint32_t b) { __atomic_fetch_or(&s->state, b, __ATOMIC_RELAXED); }
static inline void lyv_ts_and(LySymbol *s, uint32_t b) { __atomic_fetch_and(&s->state, b, __ATOMIC_RELAXED); }
/* e is used outside its VM (ly_copy), or held as a bare symbol by code
 * the VM cannot see: a temporary it is stays for good. */
static inline void lyv_temp_escape(LyExpr e) {
    if (ly_is_sym(e) && (ly_sym(e)->flags & LY_SYMF_TEMP))
        lyv_ts_or(ly_sym(e), LYV_TS_ESCAPED | LYV_TS_PINNED);
}
/* owner's definitions (owner not a temporary) took a and b (either may be
 * NULL): the locals of open Module scopes in them are referenced from
 * there (temps.c).  No cost while no scope is open. */
void lyv_temps_stored_(LyVM *vm, LyExpr a, LyExpr b);
static inline void lyv_temps_stored(LyVM *vm, const LySymbol *owner, LyExpr a, LyExpr b) {
    if (vm->scope && !(owner->flags & LY_SYMF_TEMP)) lyv_temps_stored_(vm, a, b);
}
/* d, s's definitions, changed its own value in place to hold x (vb: d's
 * version before the change's stamp). */
void lyv_own_inplace(LyVM *vm, LySymbol *s, LyDefs *d, uint64_t vb, LyExpr x);
/* vm's live temporary with this name, or NULL. */
LySymbol *lyv_temp_lookup(LyVM *vm, const char *name, size_t len);
/* The symbol a name read by vm means: its live temporary of that name,
 * else the interned symbol (NULL only when out of memory). */
LySymbol *lyv_intern_vm(LyVM *vm, const char *name, size_t len);
/* Calls fn on each of vm's live temporaries. */
void lyv_temps_each(LyVM *vm, void (*fn)(void *ud, LySymbol *s), void *ud);
void lyv_temps_close(LyVM *vm);        /* at ly_close, after the definitions are freed */
/* Removes s, a live temporary of vm that nothing references (its
 * definitions freed, its record recycled unless shared or pinned).
 * shared: a snapshot may hold a copy of its definitions. */
void lyv_temp_remove(LyVM *vm, LySymbol *s, bool shared);

/* ---- collecting escaped temporaries (tempgc.c) --------------------------------------- */

/* v is handed to the host (an API result): the temporaries in it stay
 * while the host may hold it (a reference in vm->holds; a bare symbol is
 * pinned).  Only at api_depth 0: code inside an evaluation keeps values
 * with ly_keep_symbols. */
static inline void lyv_handout(LyVM *vm, LyExpr v);
void lyv_hold(LyVM *vm, LyExpr v);     /* a reference in vm->holds (objects that may hold symbols) */
void lyv_holds_release(LyVM *vm);      /* at ly_close */
void lyv_gc_init(LyVM *vm);            /* at creation */
LyStatus lyv_open_tempgc(LyVM *vm);    /* its diagnostic builtins */
/* A top-level point of vm (no evaluation under way): collects when it is
 * due.  extra: a value the caller still holds (or NULL). */
void lyv_gc_top(LyVM *vm, LyExpr extra);
/* A loop point of the loop l where the temporaries or the bytes grew past
 * their thresholds: collects what the loop made (ly_loop_point). */
void lyv_gc_loop(LyVM *vm, const LyLoop *l);
static inline void lyv_handout(LyVM *vm, LyExpr v) {
    if (vm->api_depth || !vm->ntemps || vm->gc_mode != LY_COLLECT_ALL) return;
    if (ly_is_sym(v)) lyv_temp_escape(v);
    else if (ly_is_obj(v)) lyv_hold(vm, v);
}
uint64_t lyv_module_number(void);      /* $ModuleNumber */
uint64_t lyv_module_number_next(void); /* the number for a new symbol (Unique), incremented */

/* ---- definitions (defs.c) -------------------------------------------------------------- */

/* The definitions of s for writing (created on demand; NULL when out of
 * memory).  Bumps vm->defs_version: callers are about to change them. */
static inline LyDefs *lyv_defs(LyVM *vm, LySymbol *s);
LyDefs *lyv_defs_make_(LyVM *vm, LySymbol *s);      /* defs.c: lyv_defs when they do not exist yet */
/* Empty definitions for s, which has none, with no version changed and no
 * stamp (temps.c); NULL when out of memory (an exit started). */
LyDefs *lyv_defs_new(LyVM *vm, LySymbol *s);
/* Marks d, the definitions of symbol id (< vm->ndefs), as changed at the
 * current vm->defs_version, for ly_sync_definitions (d->version and the
 * version of its block of 64 ids). */
static inline void lyv_defs_stamp(LyVM *vm, uint32_t id, LyDefs *d) {
    d->version = vm->defs_version;
    vm->defs_block[id >> 6] = vm->defs_version;
}
/* eval_version moves on because symbol id changed (stale.c remembers which,
 * so that a value made before can be found still evaluated) */
LYV_COLD void lyv_eval_changed_(LyVM *vm, uint32_t id);   /* stale.c: a new entry */
LYV_COLD void lyv_eval_changed_sym(LyVM *vm, LyExpr sym);  /* lyv_eval_changed of sym's id */
static inline void lyv_eval_changed(LyVM *vm, uint32_t id) {
    uint32_t last = (vm->evlog_n - 1) & (LYV_EVLOG - 1);
    if (vm->evlog_n && vm->evlog[last].id == id) vm->evlog[last].version = ++vm->eval_version;
    else lyv_eval_changed_(vm, id);
}
/* ... because of a change no one symbol stands for (Update[], Out) */
static inline void lyv_eval_changed_all(LyVM *vm) { vm->evlog_floor = ++vm->eval_version; }
/* v, evaluated to itself as of version since (a stamp), still does: no
 * symbol in it changed for evaluation after since (stale.c).  Restamps v. */
bool lyv_still_evaluated(LyVM *vm, LyExpr v, uint64_t since);
/* The value of a symbol read when d's own value v (normal, not stamped
 * current) may be stale: v itself if still evaluated, else v evaluated
 * (eval.c's eval_symbol; new reference or NULL while unwinding). */
LyExpr lyv_eval_own(LyVM *vm, LyDefs *d, LyExpr v);
/* e (normal) and every part of it not evaluated yet are data the evaluator
 * would leave as they are (heads without definitions or attributes that
 * act, symbols without values): stamps them evaluated, bottom up, and
 * returns true; false when some part would evaluate (stale.c). */
bool lyv_stamp_inert(LyVM *vm, LyExpr e);
static inline LyDefs *lyv_defs_get(LyVM *vm, LySymbol *s) {
    return s->id < vm->ndefs ? vm->defs[s->id] : NULL;
}
static inline LyDefs *lyv_defs(LyVM *vm, LySymbol *s) {
    LyDefs *d = lyv_defs_get(vm, s);
    if (!d) return lyv_defs_make_(vm, s);
    vm->defs_version++;
    lyv_eval_changed(vm, s->id);
    lyv_defs_stamp(vm, s->id, d);
    return d;
}
/* lyv_defs for a change of the own value only: the caller calls
 * lyv_own_changed with the old and new values. */
static inline LyDefs *lyv_defs_own(LyVM *vm, LySymbol *s) {
    LyDefs *d = lyv_defs_get(vm, s);
    if (!d) return lyv_defs_make_(vm, s);
    vm->defs_version++;
    lyv_defs_stamp(vm, s->id, d);
    return d;
}
/* The own value of symbol sym went from old to new (either NULL): when
 * sym gains or loses a value (a symbol whose value is itself has none),
 * evaluated expressions that hold sym are stale. */
/* sym occurs among the first few hundred nodes of v (a bounded look) */
bool lyv_holds_sym(LyExpr v, LyExpr sym);
static inline void lyv_own_changed(LyVM *vm, LyExpr sym, LyExpr old, LyExpr new_) {
    if ((!old || old == sym) != (!new_ || new_ == sym)) lyv_eval_changed_sym(vm, sym);
}
/* sym = rhs (borrowed) or sym := rhs in d, sym's definitions, as Set and
 * SetDelayed make it (after lyv_defs_own and the Protected check). */
static inline void lyv_own_assign(LyVM *vm, LyExpr sym, LyDefs *d, LyExpr rhs, bool delayed) {
    ly_ref(rhs);
    /* rhs was evaluated before sym gained its value: a value holding sym
     * itself (x = x + 1) is stale, and reading it evaluates it again, as
     * in Wolfram (looked for in the first nodes of the value only) */
    uint64_t before = vm->eval_version;
    lyv_own_changed(vm, sym, d->own, rhs);
    LyExpr old = d->own;
    d->own = rhs;
    d->own_delayed = delayed;
    d->own_version = before != vm->eval_version && lyv_holds_sym(rhs, sym) ? before : vm->eval_version;
    ly_unref(vm, old);
}
/* s's own value, a small integer in d (s's definitions), becomes the small
 * integer v: ly_set_own_value when nothing but the number changes (not
 * for $RecursionLimit and $IterationLimit, which set the VM's limits). */
static inline void lyv_own_small(LyVM *vm, LySymbol *s, LyDefs *d, LyExpr v) {
    vm->defs_version++;
    lyv_defs_stamp(vm, s->id, d);
    d->own = v;
    d->own_delayed = false;
    d->own_version = vm->eval_version;
}
static inline bool lyv_is_limit(LyExpr sym) {
    return sym == LY_SYM(DRecursionLimit) || sym == LY_SYM(DIterationLimit);
}
static inline uint32_t lyv_attrs(LyVM *vm, LyExpr sym) {
    LyDefs *d = lyv_defs_get(vm, ly_sym(sym));
    return d ? d->attrs : 0;
}
void lyv_defs_clear(LyVM *vm, LyDefs *d);   /* frees what d holds; d stays */
void lyv_defs_free_all(LyVM *vm);

/* ---- expressions (expr.c) and numbers (number.c) --------------------------------------- */

#include <gmp.h>
LyExpr lyv_mkbig_from_limbs(LyVM *vm, int32_t size, const uint64_t *limbs);
LyExpr lyv_int_from_int64(LyVM *vm, int64_t v);      /* small or big */
LyExpr lyv_int_from_mpz(LyVM *vm, mpz_srcptr z);     /* demotes to small when it fits */
/* A read-only mpz view of an integer e (small or big); tmp backs small ones. */
void lyv_mpz_view(mpz_ptr out, LyExpr e, mp_limb_t tmp[1]);
/* Sets q (initialised) to the exact rational value of an integer or rational. */
void lyv_mpq_set(mpq_ptr q, LyExpr e);
LyExpr lyv_rat_from_mpq(LyVM *vm, mpq_srcptr q);    /* normalised; integer if den == 1 */
/* Exact power of numbers: NULL (no unwind) if not computable exactly here. */
LyExpr lyv_num_power(LyVM *vm, LyExpr base, LyExpr expo);

/* ---- parsing (parse.c, lex.c) ------------------------------------------------------------- */

/* Parses a whole program: *out gets a new List of the top-level statements
 * (a statement ending in ';' is CompoundExpression[..., Null]).  On a syntax
 * error returns LY_ERRSYNTAX and writes "chunk:line:col: message\n<line>\n<caret>"
 * into err (without a trailing newline).  Never evaluates anything. */
LyStatus lyv_parse_program(LyVM *vm, const char *src, size_t len, const char *chunk,
                           LyExpr *out, LyBuf *err);
/* Parsing one statement at a time, so that each can be evaluated before the
 * next is read (scripts, as Wolfram's Get and wolframscript read them).
 * lyv_stmts_next gives the next top-level statement in *out (a new
 * reference), or LY_OK with *out NULL at the end of the input; on a syntax
 * error LY_ERRSYNTAX with err written as by lyv_parse_program (line numbers
 * count from the start of src), and the same error on every later call.
 * Open returns NULL when out of memory.  src must outlive the reader. */
typedef struct LyStmts LyStmts;
LyStmts *lyv_stmts_open(LyVM *vm, const char *src, size_t len);
LyStatus lyv_stmts_next(LyStmts *s, const char *chunk, LyExpr *out, LyBuf *err);
void lyv_stmts_close(LyStmts *s);
/* True when src is an incomplete statement that more lines could finish
 * (open brackets, an unterminated string or comment, a trailing binary
 * operator).  Used by the REPL for multi-line input. */
bool lyv_parse_incomplete(const char *src, size_t len);

/* ---- printing (print.c) -------------------------------------------------------------------- */
/* ly_buf_expr (lyra_ext.h) is the entry point. */

/* LyNormal h.flags: the evaluation that stamped it evaluated issued
 * messages.  Its stamp is trusted inside that evaluation, not by a fresh
 * ly_evaluate (a loop body evaluated again repeats its messages). */
#define LYV_NF_MESSAGES 1u
/* LyNormal h.flags: the block has room for lyv_spare_cap(len) arguments
 * (a list grown in place by AppendTo, partset.c ly_own_append); the other
 * normals have exactly len. */
#define LYV_NF_SPARE 2u
static inline size_t lyv_spare_cap(size_t len) {
    return len <= 4 ? 4 : (size_t)1 << (64 - __builtin_clzll((unsigned long long)(len - 1)));
}

/* ---- evaluation (eval.c) ----------------------------------------------------------------- */

LyExpr lyv_eval(LyVM *vm, LyExpr e);                 /* = ly_evaluate */
/* x[[spec...]] = rhs (partset.c): lhs is the Part expression, rhs evaluated. */
LyExpr lyv_set_part(LyVM *vm, LyExpr setsym, LyExpr lhs, LyExpr rhs);
/* var[[k]] = v (v borrowed) in place, as lyv_set_part would do it, when
 * var's value is a List or a rank-1 packed array only var holds and k a
 * small integer within it (v of the packed type); false when that does
 * not apply (nothing done). */
bool lyv_set_part_quick(LyVM *vm, LyExpr var, LyExpr k, LyExpr v);
void lyv_clear_unwind(LyVM *vm);
LyExpr lyv_raise(LyVM *vm, LyUnwind kind, LyExpr value);   /* steals value; NULL */
/* A call whose arguments a compiled right side has already evaluated
 * (rulecode.c): the evaluator takes it from there, as if it had just
 * evaluated them itself (Sequence splicing, Flat, Orderless, rules). */
typedef struct LyvDone {
    uint32_t attrs;          /* the head's attributes, read before the arguments were evaluated */
    uint64_t unev;           /* arguments (1..64) stripped of Unevaluated, as eval_args records */
    uint64_t v0;             /* the definitions version before they were evaluated */
} LyvDone;
/* One rule application by the evaluator. */
typedef struct LyvCall {
    bool user;               /* out: a user definition (or a pure function) gave the result */
    bool fold;               /* in: compiled right sides may fold and evaluate (rulecode.c) */
    int steps;               /* out: evaluation steps those already took ($IterationLimit) */
    bool done;               /* out: the result is a call with its arguments evaluated (pre) */
    bool nofix;              /* out: the result equals the call only because parts of it were
                                evaluated: not a fixed point (the unevaluated form differs) */
    LyvDone pre;             /* out, with done */
} LyvCall;
/* Evaluates e (stolen), a normal expression with a symbol head whose
 * arguments are already evaluated (LyvDone fields attrs, unev, v0), in a
 * new frame (vm->depth + 1); ++*changed when the value differs from e.
 * New reference or NULL while unwinding. */
LyExpr lyv_eval_done(LyVM *vm, LyExpr e, uint32_t attrs, uint64_t unev, uint64_t v0, int *changed);
/* What the evaluator makes of an argument in a position it evaluates:
 * a (stolen) evaluated, or with Unevaluated[x] stripped (*stripped set).
 * New reference or NULL while unwinding. */
LyExpr lyv_eval_arg(LyVM *vm, LyExpr a, bool *stripped);
/* Safe point of the evaluator (abort flag, time limits, C stack): false
 * with an unwind started when evaluation must stop.  e: the expression
 * about to be evaluated, for the message when the stack runs out. */
bool lyv_safe_point(LyVM *vm, LyExpr e);
/* Up-values, down-values and built-in code of head for e; new reference or
 * NULL when nothing applies (or while unwinding). */
LyExpr lyv_apply_rules(LyVM *vm, LyExpr e, LyExpr head, LyvCall *call);
/* obj["method", args...] for a foreign head (parallel_support.c). */
LyExpr lyv_foreign_dispatch(LyVM *vm, LyExpr e, LyExpr head);
/* Frees the blocks the matcher keeps between matches (at close). */
void lyv_match_release(LyVM *vm);
/* Opens the core language builtins (builtins.c). */
LyStatus lyv_open_core(LyVM *vm);
LyStatus lyv_open_arith(LyVM *vm);
LyStatus lyv_open_replace(LyVM *vm);    /* replace.c: rules, ReplaceAll, Cases, ... */
LyExpr lyv_out(LyVM *vm, int64_t k);   /* Out[k]: new reference or NULL */

/* ---- machine-integer folding (fold.c) --------------------------------------------- */

enum {
    LYV_FOLD_NONE, LYV_FOLD_PLUS, LYV_FOLD_TIMES, LYV_FOLD_SUBTRACT, LYV_FOLD_MINUS,
    LYV_FOLD_LESS, LYV_FOLD_LESSEQUAL, LYV_FOLD_GREATER, LYV_FOLD_GREATEREQUAL,
    LYV_FOLD_EQUAL, LYV_FOLD_UNEQUAL, LYV_FOLD_MOD, LYV_FOLD_POWER,
    LYV_FOLD_IF,            /* not folded here: compiled right sides pick the branch */
    LYV_FOLD_SAMEQ, LYV_FOLD_UNSAMEQ,  /* also of two symbols, or a symbol and an integer */
    /* assignments to a symbol, folded by the evaluator only (lyv_fold_assign):
     * never by compiled right sides, which must not have effects */
    LYV_FOLD_ASSIGN = 32,
    LYV_FOLD_SET = LYV_FOLD_ASSIGN, LYV_FOLD_ADDTO, LYV_FOLD_SUBFROM, LYV_FOLD_TIMESBY,
    LYV_FOLD_INC, LYV_FOLD_DEC, LYV_FOLD_PREINC, LYV_FOLD_PREDEC,
    LYV_FOLD_APPENDTO       /* binary, not a step: ly_own_append */
};
extern const uint8_t lyv_fold_ops[LY_NBUILTIN_SYMS];   /* the pure ones */
extern const uint8_t lyv_eval_ops[LY_NBUILTIN_SYMS];   /* and the assignments */
/* The evaluator's fold operation of a head, assignments included
 * (LYV_FOLD_NONE for most). */
static inline int lyv_eval_op(LyExpr head) {
    if (!ly_is_sym(head)) return LYV_FOLD_NONE;
    uint32_t id = ly_sym(head)->id;
    return id < LY_NBUILTIN_SYMS ? lyv_eval_ops[id] : LYV_FOLD_NONE;
}
/* The pure fold operation of a head (LYV_FOLD_NONE for most). */
static inline int lyv_fold_op(LyExpr head) {
    if (!ly_is_sym(head)) return LYV_FOLD_NONE;
    uint32_t id = ly_sym(head)->id;
    return id < LY_NBUILTIN_SYMS ? lyv_fold_ops[id] : LYV_FOLD_NONE;
}
/* x^y of machine integers, y >= 0 and not 0^0 (fold.c): a small integer or NULL. */
LyExpr lyv_fold_power(int64_t x, int64_t y);
/* A binary fold of two small integers a, b: a small integer, True or
 * False, or NULL (overflow, or op is not binary). */
static inline LyExpr lyv_fold2(int op, LyExpr a, LyExpr b) {
    int64_t x = ly_small(a), y = ly_small(b), r;
    switch (op) {
    case LYV_FOLD_PLUS: if (__builtin_add_overflow(x, y, &r)) return NULL; break;
    case LYV_FOLD_TIMES: if (__builtin_mul_overflow(x, y, &r)) return NULL; break;
    case LYV_FOLD_SUBTRACT: r = x - y; break;       /* 63-bit operands: no overflow */
    case LYV_FOLD_MOD:                              /* the sign of y, as Wolfram's Mod */
        if (y == 0) return NULL;                    /* Power::infy and Indeterminate */
        r = x % y;
        if (r != 0 && (r < 0) != (y < 0)) r += y;
        break;
    case LYV_FOLD_POWER: return lyv_fold_power(x, y);
    case LYV_FOLD_LESS: return x < y ? LY_SYM(True) : LY_SYM(False);
    case LYV_FOLD_LESSEQUAL: return x <= y ? LY_SYM(True) : LY_SYM(False);
    case LYV_FOLD_GREATER: return x > y ? LY_SYM(True) : LY_SYM(False);
    case LYV_FOLD_GREATEREQUAL: return x >= y ? LY_SYM(True) : LY_SYM(False);
    case LYV_FOLD_EQUAL: case LYV_FOLD_SAMEQ: return x == y ? LY_SYM(True) : LY_SYM(False);
    case LYV_FOLD_UNEQUAL: case LYV_FOLD_UNSAMEQ: return x != y ? LY_SYM(True) : LY_SYM(False);
    default: return NULL;
    }
    return ly_fits_small(r) ? ly_mksmall(r) : NULL;
}
/* head still has its built-in code and no user down- or own value. */
static inline bool lyv_fold_builtin(LyVM *vm, LyExpr head) {
    LyDefs *d = lyv_defs_get(vm, ly_sym(head));
    return d && d->builtin && !d->down && !d->own;
}
LyExpr lyv_fold_small_(LyVM *vm, int op, LyExpr head, size_t n, const LyExpr *args);
/* x is a symbol with up-values (which SameQ[x, y] could meet). */
static inline bool lyv_fold_upvalues(LyVM *vm, LyExpr x) {
    LyDefs *d = ly_is_sym(x) ? lyv_defs_get(vm, ly_sym(x)) : NULL;
    return d && d->up;
}
/* head[args] computed directly when it is Plus, Times, ... of small
 * integers (fold.c has the list): a small integer, True or False; NULL when
 * it does not apply (never an unwind). */
/* ... with head's fold operation op (lyv_fold_op) known already. */
static inline LyExpr lyv_fold_small_op(LyVM *vm, int op, LyExpr head, size_t n, const LyExpr *args) {
    if (!op || op == LYV_FOLD_IF) return NULL;
    if (n == 2) {
        LyExpr a = args[0], b = args[1];
        if (op >= LYV_FOLD_SAMEQ) {
            /* machine integers and symbols are one word each: SameQ is == */
            if (ly_is_obj(a) || ly_is_obj(b) || !a || !b || !lyv_fold_builtin(vm, head)) return NULL;
            if (vm->nupvalues && (lyv_fold_upvalues(vm, a) || lyv_fold_upvalues(vm, b))) return NULL;
            return (a == b) == (op == LYV_FOLD_SAMEQ) ? LY_SYM(True) : LY_SYM(False);
        }
        if (!ly_is_small(a) || !ly_is_small(b)) return NULL;
        LyExpr f = lyv_fold2(op, a, b);
        return f && lyv_fold_builtin(vm, head) ? f : NULL;
    }
    return lyv_fold_small_(vm, op, head, n, args);
}
static inline LyExpr lyv_fold_small(LyVM *vm, LyExpr head, size_t n, const LyExpr *args) {
    return lyv_fold_small_op(vm, lyv_fold_op(head), head, n, args);
}
/* head[args] (arguments evaluated as the evaluator does: the held first one
 * as it is) done directly when head is Set, AddTo, SubtractFrom, TimesBy,
 * Increment, Decrement, PreIncrement, PreDecrement or AppendTo (op,
 * lyv_eval_op) of a symbol without up-values that is not Protected and has
 * definitions already: x = v for any v; AppendTo in place
 * (ly_own_append); the others when x's value and the step are small
 * integers and the result is one.  Exactly what the builtin would do.  A
 * new reference (*final: the evaluator takes it as the value without
 * another look, as for ly_evaluated), or NULL when it does not apply, or
 * (AppendTo only) out of memory: an exit started. */
LyExpr lyv_fold_assign(LyVM *vm, int op, LyExpr head, size_t n, const LyExpr *args, bool *final);
/* e (normal, not evaluated) when it is a pure fold (Plus, Less, Mod, ...)
 * of small integers, of symbols whose values are small integers and of
 * such folds, a few levels deep: its value without an evaluator frame
 * (nothing of that evaluation would be seen: no messages, no effects), or
 * NULL. */
LyExpr lyv_fold_quick(LyVM *vm, LyExpr e, int depth);
/* e (normal, not evaluated), an assignment (op, lyv_eval_op) whose
 * evaluated arguments are at hand without evaluating anything (numbers,
 * strings, symbols without values or with small integers, pure folds):
 * lyv_fold_assign of them, or NULL. */
LyExpr lyv_assign_quick(LyVM *vm, LyExpr e, int op);

/* ---- extension API (extapi.c) ----------------------------------------------------- */

/* True when an armed TimeConstrained/MemoryConstrained limit is exceeded
 * (the caller starts the Abort).  Only called when vm->limits != NULL.
 * The clock is read every LIMIT_TICKS calls, or at once when `now`. */
bool lyv_limits_exceeded(LyVM *vm, bool now);   /* now: read the clock this time */
/* Allocation-time check (mem.c): true when growing the live bytes by grow
 * would break an armed MemoryConstrained budget; the limit fires and an
 * Abort starts.  Only called when vm->limits != NULL. */
bool lyv_limits_alloc(LyVM *vm, size_t grow);
/* True while a fired limit waits for its construct (the unwind it started
 * is an Abort, whatever failure follows). */
bool lyv_limit_fired(LyVM *vm);

/* ---- messages (message.c) ------------------------------------------------------------ */

LyStatus lyv_open_messages(LyVM *vm);
/* A new top-level statement: $MessageList starts empty again (and is the
 * list of its messages even if the last statement assigned it). */
void lyv_messages_reset(LyVM *vm);
void lyv_messages_free(LyVM *vm);      /* at close */
/* s::tag = text (ly_set_message for a symbol rather than a name). */
void lyv_set_message_sym(LyVM *vm, LyExpr s, const char *tag, const char *text);

/* f called with other than one argument: the message f::argx; NULL */
LyExpr lyv_argx(LyVM *vm, LyExpr e);

/* Rule[lhs, rhs] or RuleDelayed[lhs, rhs]. */
static inline bool lyv_is_rule(LyExpr r) {
    return (ly_head_is(r, LY_SYM(Rule)) || ly_head_is(r, LY_SYM(RuleDelayed))) && ly_nlen(r) == 2;
}

#endif
