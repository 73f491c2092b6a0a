/*
 * match.c — the pattern matcher and the substitution of bindings.
 *
 * Design
 * ------
 * Matching is a small backtracking machine, not a recursive descent: a
 * persistent (cons-list) stack of goals and an explicit stack of choice
 * points, as in a Prolog engine.  A goal is "match pattern p against
 * expression e", "match pattern arguments i.. against expression arguments
 * j.." (the sequence goal, where BlankSequence, Flat and Orderless make
 * choices), "bind x", "check condition c", ...  Processing a goal replaces
 * it by subgoals; a choice point remembers the goal list, the number of
 * bindings, the temporaries and the arena mark, and generates the next
 * alternative on backtracking.  So the C stack never grows with the size of
 * the expression or the number of choices: only Except (a nested match of a
 * subpattern) and the evaluation of conditions and tests recurse, and those
 * are bounded by the nesting of the pattern.
 *
 * Memory: goals and choice state live in an arena reset to the choice's mark
 * on backtracking.  Expressions made while matching (Sequence[...] values,
 * h[a, b] for a Flat head, rows of packed arrays) are reference counted and
 * kept on a temporaries stack that is unwound the same way.
 *
 * Order of solutions follows Wolfram: sequence patterns try the shortest
 * split first (Longest reverses, Optional tries to consume first), Orderless
 * heads try the expression's arguments left to right, literal pattern
 * arguments of an Orderless head are matched before the others (they bind
 * nothing, so this only prunes), the last pattern argument takes whatever
 * is left.
 *
 * The abort flag is checked every few hundred steps and on every backtrack.
 */
#include "match.h"

/* ---- bindings ------------------------------------------------------------------------ */

void lyv_binds_init(LyvBinds *b, LyVM *vm) {
    b->vm = vm;
    b->v = b->small;
    b->n = 0;
    b->cap = sizeof b->small / sizeof b->small[0];
}

static void binds_truncate(LyvBinds *b, size_t n) {
    while (b->n > n) {
        b->n--;
        ly_unref(b->vm, b->v[b->n].value);
    }
}

void lyv_binds_free(LyvBinds *b) {
    binds_truncate(b, 0);
    if (b->v != b->small) lyv_free(b->vm, b->v, b->cap * sizeof *b->v);
    lyv_binds_init(b, b->vm);
}

LyExpr lyv_binds_get(const LyvBinds *b, LySymbol *name) {
    for (size_t i = b->n; i-- > 0;)
        if (b->v[i].name == name) return b->v[i].value;
    return NULL;
}

/* Appends name -> v, stealing v. */
static bool binds_push(LyvBinds *b, LySymbol *name, LyExpr v) {
    if (b->n == b->cap) {
        size_t nc = b->cap * 2;
        LyvBind *nv = lyv_alloc(b->vm, nc * sizeof *nv);
        if (!nv) { ly_unref(b->vm, v); return false; }
        memcpy(nv, b->v, b->n * sizeof *nv);
        if (b->v != b->small) lyv_free(b->vm, b->v, b->cap * sizeof *b->v);
        b->v = nv;
        b->cap = nc;
    }
    b->v[b->n].name = name;
    b->v[b->n].value = v;
    b->n++;
    return true;
}

/* ---- pattern classification ---------------------------------------------------------- */

enum {
    PK_NONE = 0, PK_BLANK, PK_BLANKSEQ, PK_BLANKNULLSEQ, PK_PATTERN, PK_OPTIONAL, PK_ALT,
    PK_COND, PK_TEST, PK_REPEATED, PK_REPEATEDNULL, PK_EXCEPT, PK_VERBATIM, PK_HOLDPATTERN,
    PK_LONGEST, PK_SHORTEST, PK_OPTIONS, PK_PATSEQ
};

/* The kind of pattern object p is (PK_NONE for ordinary expressions). */
static int pkind(LyExpr p) {
    if (!ly_is_normal(p)) return PK_NONE;
    LyExpr h = ly_nhead(p);
    if (!ly_is_sym(h) || !(ly_sym(h)->flags & LY_SYMF_SYSTEM)) return PK_NONE;
    size_t n = ly_nlen(p);
    if (h == LY_SYM(Blank)) return n <= 1 ? PK_BLANK : PK_NONE;
    if (h == LY_SYM(BlankSequence)) return n <= 1 ? PK_BLANKSEQ : PK_NONE;
    if (h == LY_SYM(BlankNullSequence)) return n <= 1 ? PK_BLANKNULLSEQ : PK_NONE;
    if (h == LY_SYM(Pattern)) return n == 2 && ly_is_sym(ly_narg(p, 1)) ? PK_PATTERN : PK_NONE;
    if (h == LY_SYM(Optional)) return n == 1 || n == 2 ? PK_OPTIONAL : PK_NONE;
    if (h == LY_SYM(Alternatives)) return PK_ALT;
    if (h == LY_SYM(Condition)) return n == 2 ? PK_COND : PK_NONE;
    if (h == LY_SYM(PatternTest)) return n == 2 ? PK_TEST : PK_NONE;
    if (h == LY_SYM(Repeated)) return n == 1 || n == 2 ? PK_REPEATED : PK_NONE;
    if (h == LY_SYM(RepeatedNull)) return n == 1 || n == 2 ? PK_REPEATEDNULL : PK_NONE;
    if (h == LY_SYM(Except)) return n == 1 || n == 2 ? PK_EXCEPT : PK_NONE;
    if (h == LY_SYM(Verbatim)) return n == 1 ? PK_VERBATIM : PK_NONE;
    if (h == LY_SYM(HoldPattern)) return n == 1 ? PK_HOLDPATTERN : PK_NONE;
    if (h == LY_SYM(Longest)) return n == 1 ? PK_LONGEST : PK_NONE;
    if (h == LY_SYM(Shortest)) return n == 1 ? PK_SHORTEST : PK_NONE;
    if (h == LY_SYM(OptionsPattern)) return n <= 1 ? PK_OPTIONS : PK_NONE;
    if (h == LY_SYM(PatternSequence)) return PK_PATSEQ;
    return PK_NONE;
}

bool lyv_is_literal(LyExpr pat) {
    /* explicit stack: patterns may be as deep as any expression */
    LyExpr small[64], *st = small;
    size_t n = 0, cap = 64;
    bool lit = true;
    st[n++] = pat;
    while (n && lit) {
        LyExpr p = st[--n];
        if (!ly_is_normal(p)) continue;
        if (pkind(p) != PK_NONE) { lit = false; break; }
        size_t len = ly_nlen(p);
        if (n + len + 1 > cap) {
            size_t nc = (n + len + 1) * 2;
            LyExpr *ns = malloc(nc * sizeof *ns);
            if (!ns) { lit = false; break; }   /* conservative */
            memcpy(ns, st, n * sizeof *ns);
            if (st != small) free(st);
            st = ns;
            cap = nc;
        }
        for (size_t i = 0; i <= len; i++) st[n++] = ly_normal(p)->e[i];
    }
    if (st != small) free(st);
    return lit;
}

/* Literal test with a node budget: large patterns are treated as
 * non-literal (structural matching is still correct, only slower). */
static bool quick_literal(LyExpr p, int budget) {
    LyExpr st[32];
    int n = 0;
    st[n++] = p;
    while (n) {
        LyExpr x = st[--n];
        if (!ly_is_normal(x)) continue;
        if (pkind(x) != PK_NONE) return false;
        size_t len = ly_nlen(x);
        if ((budget -= (int)len + 1) < 0 || n + (int)len + 1 > 32) return false;
        for (size_t i = 0; i <= len; i++) st[n++] = ly_normal(x)->e[i];
    }
    return true;
}

#define INF ((size_t)-1)
enum { PREF_SHORT, PREF_LONG, PREF_OPT };

typedef struct Range { size_t min, max; int pref; bool seq; } Range;

static size_t sat_add(size_t a, size_t b) { return a == INF || b == INF || a + b < a ? INF : a + b; }

/* Repeated[p, spec] bounds. */
static void repeat_bounds(LyExpr p, bool null, size_t *mn, size_t *mx) {
    *mn = null ? 0 : 1;
    *mx = INF;
    if (ly_nlen(p) < 2) return;
    LyExpr s = ly_narg(p, 2);
    if (ly_is_small(s) && ly_small(s) >= 0) { *mx = (size_t)ly_small(s); return; }
    if (ly_head_is(s, LY_SYM(List))) {
        size_t n = ly_nlen(s);
        if (n == 1 && ly_is_small(ly_narg(s, 1)) && ly_small(ly_narg(s, 1)) >= 0) {
            *mn = *mx = (size_t)ly_small(ly_narg(s, 1));
        } else if (n == 2 && ly_is_small(ly_narg(s, 1)) && ly_small(ly_narg(s, 1)) >= 0) {
            *mn = (size_t)ly_small(ly_narg(s, 1));
            LyExpr b = ly_narg(s, 2);
            if (ly_is_small(b) && ly_small(b) >= 0) *mx = (size_t)ly_small(b);
        }
    }
}

/* How many arguments p may match in a sequence (flat: the head is Flat, so
 * ordinary patterns may absorb several arguments). */
static Range prange(LyExpr p, bool flat) {
    Range r = { 1, 1, PREF_SHORT, false };
    switch (pkind(p)) {
    case PK_BLANKSEQ: r.max = INF; r.seq = true; return r;
    case PK_BLANKNULLSEQ: case PK_OPTIONS: r.min = 0; r.max = INF; r.seq = true; return r;
    case PK_PATTERN: return prange(ly_narg(p, 2), flat);
    case PK_COND: case PK_TEST: case PK_HOLDPATTERN: return prange(ly_narg(p, 1), flat);
    case PK_LONGEST: r = prange(ly_narg(p, 1), flat); r.pref = PREF_LONG; return r;
    case PK_SHORTEST: r = prange(ly_narg(p, 1), flat); r.pref = PREF_SHORT; return r;
    case PK_OPTIONAL: r = prange(ly_narg(p, 1), flat); r.min = 0; r.seq = true; r.pref = PREF_OPT; return r;
    case PK_REPEATED: case PK_REPEATEDNULL: {
        repeat_bounds(p, pkind(p) == PK_REPEATEDNULL, &r.min, &r.max);
        Range q = prange(ly_narg(p, 1), false);
        if (q.seq) {   /* repeats of a sequence: lengths multiply */
            r.min = r.min * q.min;
            r.max = r.max == INF || q.max == INF ? INF : r.max * q.max;
        }
        r.seq = true;
        return r;
    }
    case PK_EXCEPT:
        if (ly_nlen(p) == 2) return prange(ly_narg(p, 2), flat);
        break;
    case PK_PATSEQ: {
        r.min = r.max = 0;
        for (size_t i = 1; i <= ly_nlen(p); i++) {
            Range s = prange(ly_narg(p, i), false);
            r.min = sat_add(r.min, s.min);
            r.max = sat_add(r.max, s.max);
        }
        r.seq = true;
        return r;
    }
    case PK_ALT: {
        size_t n = ly_nlen(p);
        if (n == 0) return r;
        r.min = INF; r.max = 0;
        for (size_t i = 1; i <= n; i++) {
            Range s = prange(ly_narg(p, i), flat);
            if (s.min < r.min) r.min = s.min;
            if (s.max == INF || s.max > r.max) r.max = s.max;
            r.seq |= s.seq;
        }
        return r;
    }
    case PK_VERBATIM: return r;
    case PK_NONE:
        if (!flat || quick_literal(p, 16)) return r;
        break;
    default: break;
    }
    if (flat) r.max = INF;
    return r;
}

/* ---- the arena --------------------------------------------------------------------- */

/* A match takes its first arena chunk and its choice stack from the VM's
 * cache and gives them back when done: a rule tried 10^5 times must not
 * ask the allocator for 16 KB each time. */
static void *cache_take(LyVM *vm, int slot, size_t size) {
    void *p = vm->match_cache[slot].p;
    if (p && vm->match_cache[slot].size == size) {
        vm->match_cache[slot].p = NULL;
        return p;
    }
    return lyv_alloc(vm, size);
}

/* Keeps p (size bytes) for the next match, or frees it. */
static void cache_give(LyVM *vm, int slot, void *p, size_t size) {
    if (!vm->match_cache[slot].p) {
        vm->match_cache[slot].p = p;
        vm->match_cache[slot].size = size;
        return;
    }
    lyv_free(vm, p, size);
}

void lyv_match_release(LyVM *vm) {
    for (int i = 0; i < 2; i++) {
        if (vm->match_cache[i].p) lyv_free(vm, vm->match_cache[i].p, vm->match_cache[i].size);
        vm->match_cache[i].p = NULL;
    }
}

typedef struct Chunk { struct Chunk *prev; size_t size, used; } Chunk;
typedef struct AMark { Chunk *c; size_t used; } AMark;

typedef struct Arena { LyVM *vm; Chunk *cur; Chunk *spare; } Arena;

static void *arena_alloc(Arena *a, size_t n) {
    n = (n + 15) & ~(size_t)15;
    if (!a->cur || a->cur->used + n > a->cur->size) {
        Chunk *c = NULL;
        size_t hdr = (sizeof(Chunk) + 15) & ~(size_t)15;
        if (a->spare && a->spare->size >= n) { c = a->spare; a->spare = NULL; }
        else {
            size_t sz = n > 16384 ? n : 16384;
            c = cache_take(a->vm, 0, hdr + sz);
            if (!c) return NULL;
            c->size = sz;
        }
        c->used = 0;
        c->prev = a->cur;
        a->cur = c;
    }
    void *p = (char *)a->cur + ((sizeof(Chunk) + 15) & ~(size_t)15) + a->cur->used;
    a->cur->used += n;
    return p;
}

static void chunk_free(Arena *a, Chunk *c) {
    cache_give(a->vm, 0, c, ((sizeof(Chunk) + 15) & ~(size_t)15) + c->size);
}

static AMark arena_mark(Arena *a) { AMark m = { a->cur, a->cur ? a->cur->used : 0 }; return m; }

static void arena_reset(Arena *a, AMark m) {
    while (a->cur != m.c) {
        Chunk *c = a->cur;
        a->cur = c->prev;
        if (!a->spare) a->spare = c;
        else if (c->size > a->spare->size) { chunk_free(a, a->spare); a->spare = c; }
        else chunk_free(a, c);
    }
    if (a->cur) a->cur->used = m.used;
}

static void arena_free(Arena *a) {
    AMark none = { NULL, 0 };
    arena_reset(a, none);
    if (a->spare) chunk_free(a, a->spare);
    a->spare = NULL;
}

/* ---- goals and choices --------------------------------------------------------------- */

enum {
    G_MATCH,     /* p against e */
    G_SEQ,       /* sequence context sc: pattern args from i, expression args from j */
    G_SEQM,      /* p against the sequence ea[0..k) */
    G_BIND,      /* name p (symbol) := value e */
    G_BINDSEQ,   /* name p := the sequence ea[0..k) */
    G_COND,      /* condition p */
    G_TEST,      /* test p on each of ea[0..k) */
    G_DEFAULT    /* bind the names of the omitted Optional p (in sc at i) */
};

typedef struct SeqCtx {
    const LyExpr *pa;      /* pattern arguments (reordered for Orderless) */
    const size_t *ppos;    /* original 1-based positions of pa, or NULL */
    size_t np;
    const LyExpr *ea;      /* expression arguments */
    size_t m;
    LyExpr head;           /* the expression's head (for defaults and Flat) */
    size_t *minsuf;        /* minsuf[i]: least number of arguments pa[i..] need */
    bool flat, orderless;
} SeqCtx;

typedef struct Goal {
    const struct Goal *next;
    uint8_t kind;
    LyExpr p, e;
    const LyExpr *ea;
    size_t k;
    const SeqCtx *sc;
    size_t i, j;
    const uint64_t *used;  /* Orderless: arguments already taken */
} Goal;

enum { C_ALT, C_SPLIT, C_PICK, C_SUBSET, C_ALTSEQ };

typedef struct Choice {
    int kind;
    const Goal *g;         /* the goal that made the choice */
    size_t nbind, ntemps;
    AMark mark;
    size_t idx;            /* C_ALT, C_ALTSEQ: next alternative; C_PICK: next candidate */
    size_t k, kmax, klo;   /* C_SPLIT, C_SUBSET: current length and bounds */
    int pref;
    bool started;
    size_t *comb;          /* C_SUBSET: current combination (arena, before mark) */
    size_t navail;         /* C_SUBSET */
    size_t *avail;         /* C_SUBSET: indices of the unused arguments */
} Choice;

typedef LyvMatchAccept Accept;

typedef struct M {
    LyVM *vm;
    LyvBinds *b;
    size_t base;           /* bindings of this match start here */
    Arena ar;
    LyExpr *temps;
    size_t ntemps, captemps;
    Choice *ch;
    size_t nch, capch;
    unsigned steps;
    bool failed_hard;      /* unwinding or out of memory */
} M;

static bool temp_push(M *m, LyExpr x) {
    if (!x) { m->failed_hard = true; return false; }
    if (m->ntemps == m->captemps) {
        size_t nc = m->captemps ? m->captemps * 2 : 16;
        LyExpr *nt = lyv_realloc(m->vm, m->temps, m->captemps * sizeof *nt, nc * sizeof *nt);
        if (!nt) { ly_unref(m->vm, x); m->failed_hard = true; return false; }
        m->temps = nt;
        m->captemps = nc;
    }
    m->temps[m->ntemps++] = x;
    return true;
}

static void temps_truncate(M *m, size_t n) {
    while (m->ntemps > n) ly_unref(m->vm, m->temps[--m->ntemps]);
}

static Goal *goal(M *m, int kind, const Goal *next) {
    Goal *g = arena_alloc(&m->ar, sizeof *g);
    if (!g) { m->failed_hard = true; return NULL; }
    memset(g, 0, sizeof *g);
    g->kind = (uint8_t)kind;
    g->next = next;
    return g;
}

static const Goal *g_match(M *m, LyExpr p, LyExpr e, const Goal *next) {
    Goal *g = goal(m, G_MATCH, next);
    if (g) { g->p = p; g->e = e; }
    return g;
}

static const Goal *g_seqm(M *m, LyExpr p, const LyExpr *ea, size_t k, const Goal *next) {
    Goal *g = goal(m, G_SEQM, next);
    if (g) { g->p = p; g->ea = ea; g->k = k; }
    return g;
}

/* ---- helpers ------------------------------------------------------------------------- */

/* The head of any expression, borrowed (symbols for atoms). */
static LyExpr head_of(LyExpr e) {
    if (ly_is_small(e)) return LY_SYM(Integer);
    if (ly_is_sym(e)) return LY_SYM(Symbol);
    switch (ly_type(e)) {
    case LY_TNORMAL: return ly_nhead(e);
    case LY_TBIG: return LY_SYM(Integer);
    case LY_TRAT: return LY_SYM(Rational);
    case LY_TREAL: return LY_SYM(Real);
    case LY_TCOMPLEX: return LY_SYM(Complex);
    case LY_TSTRING: return LY_SYM(String);
    case LY_TPACKED: return LY_SYM(List);
    case LY_TASSOC: return LY_SYM(Association);
    case LY_TFOREIGN: {
        LySymbol *s = lyv_intern(ly_foreign(e)->type->name, strlen(ly_foreign(e)->type->name));
        return s ? ly_symexpr(s) : LY_SYM(Null);
    }
    default: return LY_SYM(Null);
    }
}

static bool head_matches(LyExpr blank, LyExpr e) {
    if (ly_nlen(blank) == 0) return true;
    LyExpr h = ly_narg(blank, 1);
    LyExpr eh = head_of(e);
    return h == eh || ly_equal(h, eh);
}

/* Equality of a literal pattern and an expression, where the arguments of
 * an Orderless head may come in any order (Hold[b + a] matches Hold[a + b],
 * as in Wolfram).  Only called when ly_equal said no; the depth is bounded
 * by the literal's size budget. */
static bool lit_equal(LyVM *vm, LyExpr p, LyExpr e, int depth) {
    if (ly_equal(p, e)) return true;
    if (depth > 32 || !ly_is_normal(p) || !ly_is_normal(e)) return false;
    size_t n = ly_nlen(p);
    if (ly_nlen(e) != n || !ly_equal(ly_nhead(p), ly_nhead(e))) return false;
    LyExpr h = ly_nhead(p);
    if (!ly_is_sym(h) || !(lyv_attrs(vm, h) & LYA_ORDERLESS) || n > 64) {
        for (size_t i = 1; i <= n; i++)
            if (!lit_equal(vm, ly_narg(p, i), ly_narg(e, i), depth + 1)) return false;
        return true;
    }
    uint64_t used = 0;   /* equality up to order is an equivalence: greedy pairing is exact */
    for (size_t i = 1; i <= n; i++) {
        size_t j = 1;
        for (; j <= n; j++)
            if (!(used >> (j - 1) & 1) && lit_equal(vm, ly_narg(p, i), ly_narg(e, j), depth + 1)) break;
        if (j > n) return false;
        used |= (uint64_t)1 << (j - 1);
    }
    return true;
}

/* A packed array as a List of its rows (rank 1: numbers; otherwise packed
 * rows), without unpacking deeper levels. */
static LyExpr unpack1(LyVM *vm, LyExpr e) {
    LyPacked *p = ly_packed(e);
    size_t n = p->dims[0];
    LyExpr r = ly_mknormal(vm, LY_SYM(List), n);
    if (!r) return NULL;
    if (p->h.aux == 1) {
        for (size_t i = 0; i < n; i++) {
            LyExpr x = p->h.flags == LY_PACKED_INT64 ? lyv_int_from_int64(vm, ((int64_t *)p->data)[i])
                                                     : ly_mkreal(vm, ((double *)p->data)[i]);
            if (!x) { ly_unref(vm, r); return NULL; }
            ly_nset(r, i + 1, x);
        }
        return r;
    }
    size_t stride = p->len / (n ? n : 1);
    size_t es = p->h.flags == LY_PACKED_INT64 ? sizeof(int64_t) : sizeof(double);
    for (size_t i = 0; i < n; i++) {
        LyExpr row = ly_mkpacked(vm, (LyPackedType)p->h.flags, (unsigned)(p->h.aux - 1), p->dims + 1);
        if (!row) { ly_unref(vm, r); return NULL; }
        memcpy(ly_packed(row)->data, (char *)p->data + i * stride * es, stride * es);
        ly_nset(r, i + 1, row);
    }
    return r;
}

LyExpr lyv_unpack_rows(LyVM *vm, LyExpr packed) { return unpack1(vm, packed); }

/* The built-in or defined default of argument i of n of head h, borrowed, or
 * NULL (i = 0: only Default[h] itself). */
LyExpr lyv_default_value(LyVM *vm, LyExpr h, size_t i, size_t n) {
    if (!ly_is_sym(h)) return NULL;
    LyDefs *d = lyv_defs_get(vm, ly_sym(h));
    if (d && d->defaults && ly_head_is(d->defaults, LY_SYM(List))) {
        LyExpr best = NULL;
        size_t bestn = 0;
        for (size_t k = 1; k <= ly_nlen(d->defaults); k++) {
            LyExpr r = ly_narg(d->defaults, k);
            if (!ly_is_normal(r) || ly_nlen(r) != 2) continue;
            LyExpr l = ly_narg(r, 1);
            if (ly_head_is(l, LY_SYM(HoldPattern)) && ly_nlen(l) == 1) l = ly_narg(l, 1);
            if (!ly_head_is(l, LY_SYM(Default)) || ly_nlen(l) < 1 || ly_nlen(l) > 3) continue;
            size_t ln = ly_nlen(l);
            if (ln >= 2 && !(ly_is_small(ly_narg(l, 2)) && (size_t)ly_small(ly_narg(l, 2)) == i)) continue;
            if (ln == 3 && !(ly_is_small(ly_narg(l, 3)) && (size_t)ly_small(ly_narg(l, 3)) == n)) continue;
            if (ln > bestn || !best) { best = ly_narg(r, 2); bestn = ln; }
        }
        if (best) return best;
    }
    if (h == LY_SYM(Plus)) return ly_mksmall(0);
    if (h == LY_SYM(Times)) return ly_mksmall(1);
    if (h == LY_SYM(Power) && i == 2) return ly_mksmall(1);
    return NULL;
}

/* The default for an omitted Optional pattern p at position i of n in head h. */
static LyExpr optional_default(LyVM *vm, LyExpr p, LyExpr h, size_t i, size_t n) {
    while (pkind(p) == PK_PATTERN) p = ly_narg(p, 2);
    if (pkind(p) != PK_OPTIONAL) return NULL;
    if (ly_nlen(p) == 2) return ly_narg(p, 2);
    return lyv_default_value(vm, h, i, n);
}

/* Binds every name of the Optional p (Pattern[x, Optional[...]] or
 * Optional[Pattern[x, ...]]) to v.  Returns false when a name is already
 * bound to something else. */
static bool bind_name(M *m, LySymbol *name, LyExpr v);
static bool bind_optional_names(M *m, LyExpr p, LyExpr v) {
    for (;;) {
        int k = pkind(p);
        if (k == PK_PATTERN) {
            if (!bind_name(m, ly_sym(ly_narg(p, 1)), v)) return false;
            p = ly_narg(p, 2);
        } else if (k == PK_OPTIONAL || k == PK_COND || k == PK_TEST || k == PK_HOLDPATTERN) {
            p = ly_narg(p, 1);
        } else {
            return true;
        }
    }
}

static bool bind_name(M *m, LySymbol *name, LyExpr v) {
    for (size_t i = m->b->n; i-- > m->base;) {
        if (m->b->v[i].name == name) return ly_equal(m->b->v[i].value, v);
    }
    ly_ref(v);
    if (!binds_push(m->b, name, v)) { m->failed_hard = true; return false; }
    return true;
}

/* Sequence[ea...] (or the element itself when k == 1 and !force). */
static LyExpr seq_value(M *m, LyExpr head, const LyExpr *ea, size_t k) {
    if (k == 1 && head == LY_SYM(Sequence)) { ly_ref(ea[0]); return ea[0]; }
    ly_ref(head);
    LyExpr s = ly_mknormal(m->vm, head, k);
    if (!s) { m->failed_hard = true; return NULL; }
    for (size_t i = 0; i < k; i++) { ly_ref(ea[i]); ly_nset(s, i + 1, ea[i]); }
    return s;
}

static bool truth(M *m, LyExpr x) {
    LyExpr r = lyv_eval(m->vm, x);
    if (!r) { m->failed_hard = true; return false; }
    bool t = r == LY_SYM(True);
    ly_unref(m->vm, r);
    return t;
}

static bool eval_cond(M *m, LyExpr c) {
    LyExpr s = lyv_binds_apply(m->vm, c, m->b);
    if (!s) { m->failed_hard = true; return false; }
    bool t = truth(m, s);
    ly_unref(m->vm, s);
    return t;
}

static bool eval_test(M *m, LyExpr t, LyExpr e) {
    ly_ref(t); ly_ref(e);
    LyExpr call = ly_mk(m->vm, t, 1, e);
    if (!call) { m->failed_hard = true; return false; }
    bool r = truth(m, call);
    ly_unref(m->vm, call);
    return r;
}

static bool option_like(LyExpr e) {
    if (lyv_is_rule(e)) return true;
    if (!ly_head_is(e, LY_SYM(List))) return false;
    for (size_t i = 1; i <= ly_nlen(e); i++) if (!option_like(ly_narg(e, i))) return false;
    return true;
}

static bool match_nested(LyVM *vm, LyExpr pat, LyExpr e, LyvBinds *b, Accept acc, void *ud);

/* Except[c]: true when c does not match e (a nested match; no bindings kept). */
static bool except_ok(M *m, LyExpr c, LyExpr e) {
    LyvBinds tb;
    lyv_binds_init(&tb, m->vm);
    bool r = match_nested(m->vm, c, e, &tb, NULL, NULL);
    lyv_binds_free(&tb);
    if (ly_unwinding(m->vm)) { m->failed_hard = true; return false; }
    return !r;
}

/* ---- sequence contexts --------------------------------------------------------------- */

static SeqCtx *seq_ctx(M *m, const LyExpr *pa, size_t np, const LyExpr *ea, size_t n, LyExpr head,
                       bool flat, bool orderless) {
    SeqCtx *sc = arena_alloc(&m->ar, sizeof *sc);
    size_t *minsuf = arena_alloc(&m->ar, (np + 1) * sizeof *minsuf);
    if (!sc || !minsuf) { m->failed_hard = true; return NULL; }
    sc->ppos = NULL;
    if (orderless && np > 1) {
        /* literal arguments first: they bind nothing, so this only prunes */
        LyExpr *npa = arena_alloc(&m->ar, np * sizeof *npa);
        size_t *pos = arena_alloc(&m->ar, np * sizeof *pos);
        if (!npa || !pos) { m->failed_hard = true; return NULL; }
        size_t k = 0;
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < np; i++)
                if (quick_literal(pa[i], 64) == (pass == 0)) { npa[k] = pa[i]; pos[k++] = i + 1; }
        pa = npa;
        sc->ppos = pos;
    }
    sc->pa = pa; sc->np = np; sc->ea = ea; sc->m = n; sc->head = head;
    sc->flat = flat; sc->orderless = orderless;
    minsuf[np] = 0;
    size_t maxsum = 0;
    for (size_t i = np; i-- > 0;) {
        Range r = prange(pa[i], flat);
        minsuf[i] = sat_add(minsuf[i + 1], r.min);
        maxsum = sat_add(maxsum, r.max);
    }
    sc->minsuf = minsuf;
    if (minsuf[0] > n || maxsum < n) return NULL;    /* cannot match: not an error */
    return sc;
}

static const Goal *g_seq(M *m, const SeqCtx *sc, size_t i, size_t j, const uint64_t *used, const Goal *next) {
    Goal *g = goal(m, G_SEQ, next);
    if (g) { g->sc = sc; g->i = i; g->j = j; g->used = used; }
    return g;
}

static size_t ppos_of(const SeqCtx *sc, size_t i) { return sc->ppos ? sc->ppos[i] : i + 1; }

/* Goals that match pattern p (pattern arg i of sc) against ea[0..k). */
static const Goal *piece(M *m, const SeqCtx *sc, size_t i, const LyExpr *ea, size_t k, const Goal *next) {
    LyExpr p = sc->pa[i];
    Range r = prange(p, false);
    if (k == 0) {
        Goal *g = goal(m, G_DEFAULT, next);
        if (g) { g->p = p; g->sc = sc; g->i = i; }
        return g;
    }
    if (!r.seq) {
        if (k == 1) return g_match(m, p, ea[0], next);
        /* a Flat head: the arguments taken together as head[...] */
        LyExpr w = seq_value(m, sc->head, ea, k);
        if (!w || !temp_push(m, w)) return NULL;
        return g_match(m, p, w, next);
    }
    return g_seqm(m, p, ea, k, next);
}

/* ---- the machine --------------------------------------------------------------------- */

static Choice *choice_push(M *m, int kind, const Goal *g) {
    if (m->nch == m->capch) {
        size_t nc = m->capch ? m->capch * 2 : 16;
        Choice *n = m->capch ? lyv_realloc(m->vm, m->ch, m->capch * sizeof *n, nc * sizeof *n)
                             : cache_take(m->vm, 1, nc * sizeof *n);
        if (!n) { m->failed_hard = true; return NULL; }
        m->ch = n;
        m->capch = nc;
    }
    Choice *c = &m->ch[m->nch++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->g = g;
    c->nbind = m->b->n;
    c->ntemps = m->ntemps;
    return c;
}

/* Next combination of k out of n (indices into avail) in lexicographic order. */
static bool next_comb(size_t *comb, size_t k, size_t n) {
    size_t i = k;
    while (i > 0) {
        i--;
        if (comb[i] < n - k + i) {
            comb[i]++;
            for (size_t j = i + 1; j < k; j++) comb[j] = comb[j - 1] + 1;
            return true;
        }
    }
    return false;
}

static size_t popcount_unused(const SeqCtx *sc, const uint64_t *used) {
    size_t c = 0;
    for (size_t x = 0; x < sc->m; x++) if (!(used[x / 64] >> (x % 64) & 1)) c++;
    return c;
}

static uint64_t *used_copy(M *m, const SeqCtx *sc, const uint64_t *used) {
    size_t w = (sc->m + 63) / 64;
    uint64_t *u = arena_alloc(&m->ar, (w ? w : 1) * sizeof *u);
    if (!u) { m->failed_hard = true; return NULL; }
    if (w) memcpy(u, used, w * sizeof *u);
    return u;
}

/* Produces the goal list of the next alternative of c, or NULL when there is
 * none (c is then exhausted; m->failed_hard tells errors apart). */
static const Goal *choice_next(M *m, Choice *c) {
    const Goal *g = c->g;
    switch (c->kind) {
    case C_ALT: {      /* Alternatives against a single expression */
        LyExpr p = g->p;
        if (c->idx >= ly_nlen(p)) return NULL;
        c->idx++;
        return g_match(m, ly_narg(p, c->idx), g->e, g->next);
    }
    case C_ALTSEQ: {   /* Alternatives against a sequence */
        LyExpr p = g->p;
        while (c->idx < ly_nlen(p)) {
            LyExpr a = ly_narg(p, ++c->idx);
            Range r = prange(a, false);
            if (g->k < r.min || g->k > r.max) continue;
            if (!r.seq) return g->k == 1 ? g_match(m, a, g->ea[0], g->next) : NULL;
            return g_seqm(m, a, g->ea, g->k, g->next);
        }
        return NULL;
    }
    case C_SPLIT: {    /* pattern arg i takes k arguments from j */
        const SeqCtx *sc = g->sc;
        if (!c->started) c->started = true;
        else if (c->pref == PREF_SHORT) { if (c->k >= c->kmax) return NULL; c->k++; }
        else if (c->pref == PREF_LONG) { if (c->k <= c->klo) return NULL; c->k--; }
        else {  /* Optional: 1, 2, ..., kmax, then 0 */
            if (c->k == 0) return NULL;
            if (c->k >= c->kmax) { if (c->klo > 0) return NULL; c->k = 0; }
            else c->k++;
        }
        const Goal *rest = g_seq(m, sc, g->i + 1, g->j + c->k, NULL, g->next);
        return rest ? piece(m, sc, g->i, sc->ea + g->j, c->k, rest) : NULL;
    }
    case C_PICK: {     /* Orderless: pattern arg i takes one unused argument */
        const SeqCtx *sc = g->sc;
        while (c->idx < sc->m) {
            size_t x = c->idx++;
            if (g->used[x / 64] >> (x % 64) & 1) continue;
            uint64_t *u = used_copy(m, sc, g->used);
            if (!u) return NULL;
            u[x / 64] |= (uint64_t)1 << (x % 64);
            const Goal *rest = g_seq(m, sc, g->i + 1, 0, u, g->next);
            return rest ? g_match(m, sc->pa[g->i], sc->ea[x], rest) : NULL;
        }
        return NULL;
    }
    case C_SUBSET: {   /* Orderless: pattern arg i takes a subset of size k */
        const SeqCtx *sc = g->sc;
        for (;;) {
            if (!c->started) {
                c->started = true;
            } else if (!next_comb(c->comb, c->k, c->navail)) {
                /* next size */
                if (c->pref == PREF_LONG) { if (c->k <= c->klo) return NULL; c->k--; }
                else if (c->pref == PREF_SHORT) { if (c->k >= c->kmax) return NULL; c->k++; }
                else {
                    if (c->k == 0) return NULL;
                    if (c->k >= c->kmax) { if (c->klo > 0) return NULL; c->k = 0; }
                    else c->k++;
                }
                for (size_t t = 0; t < c->k; t++) c->comb[t] = t;
            }
            break;
        }
        uint64_t *u = used_copy(m, sc, g->used);
        LyExpr *sub = arena_alloc(&m->ar, (c->k ? c->k : 1) * sizeof *sub);
        if (!u || !sub) { m->failed_hard = true; return NULL; }
        for (size_t t = 0; t < c->k; t++) {
            size_t x = c->avail[c->comb[t]];
            sub[t] = sc->ea[x];
            u[x / 64] |= (uint64_t)1 << (x % 64);
        }
        const Goal *rest = g_seq(m, sc, g->i + 1, 0, u, g->next);
        return rest ? piece(m, sc, g->i, sub, c->k, rest) : NULL;
    }
    }
    return NULL;
}

/* Sets up the k range of a split choice; returns false when empty. */
static bool split_bounds(Choice *c, Range r, size_t lo, size_t hi) {
    if (lo < r.min) lo = r.min;
    if (r.max < hi) hi = r.max;
    if (lo > hi) return false;
    c->klo = lo;
    c->kmax = hi;
    c->pref = r.pref;
    if (r.pref == PREF_LONG) c->k = hi;
    else if (r.pref == PREF_OPT) c->k = lo > 1 ? lo : (hi >= 1 ? 1 : 0);
    else c->k = lo;
    if (r.pref == PREF_OPT && c->k > hi) return false;
    return true;
}

/* Matches the arguments of a normal pattern against those of e.  Returns
 * the goal list, or NULL with *fail set. */
static const Goal *match_args(M *m, LyExpr p, const LyExpr *ea, size_t n, LyExpr ehead, const Goal *next) {
    uint32_t attrs = ly_is_sym(ehead) ? lyv_attrs(m->vm, ehead) : 0;
    bool flat = (attrs & LYA_FLAT) != 0, orderless = (attrs & LYA_ORDERLESS) != 0;
    const SeqCtx *sc = seq_ctx(m, ly_nargs(p), ly_nlen(p), ea, n, ehead, flat, orderless);
    if (!sc) return NULL;
    if (orderless) {
        size_t w = (n + 63) / 64;
        uint64_t *u = arena_alloc(&m->ar, (w ? w : 1) * sizeof *u);
        if (!u) { m->failed_hard = true; return NULL; }
        memset(u, 0, (w ? w : 1) * sizeof *u);
        return g_seq(m, sc, 0, 0, u, next);
    }
    return g_seq(m, sc, 0, 0, NULL, next);
}

/* Fast paths for packed arrays: {___}, {__Integer}, {x__Real}, ... */
static int packed_fast(M *m, LyExpr p, LyExpr e, const Goal **out, const Goal *next) {
    LyPacked *pk = ly_packed(e);
    if (ly_nlen(p) != 1) return -1;
    LyExpr q = ly_narg(p, 1), name = NULL;
    if (pkind(q) == PK_PATTERN) { name = ly_narg(q, 1); q = ly_narg(q, 2); }
    int k = pkind(q);
    if (k != PK_BLANKSEQ && k != PK_BLANKNULLSEQ) return -1;
    size_t n = pk->dims[0];
    if (n == 0 && k == PK_BLANKSEQ) return 0;
    if (ly_nlen(q) == 1) {
        LyExpr h = ly_narg(q, 1);
        LyExpr want = pk->h.aux > 1 ? LY_SYM(List)
                      : pk->h.flags == LY_PACKED_INT64 ? LY_SYM(Integer) : LY_SYM(Real);
        if (h != want) return n == 0 ? (name ? -1 : 1) : 0;
    }
    if (name) return -1;   /* bind through the general path */
    *out = next;
    return 1;
}

/* Processes one goal: returns the goals that replace it, or NULL to fail
 * (m->failed_hard set on errors).  *pushed is set when it pushed a choice. */
static const Goal *step(M *m, const Goal *g) {
    const Goal *next = g->next;
    switch (g->kind) {
    case G_MATCH: {
        LyExpr p = g->p, e = g->e;
        if (p == e) {
            /* identical objects match unless they contain patterns */
            if (!ly_is_normal(p) || quick_literal(p, 64)) return next ? next : (const Goal *)m;
        }
        if (!ly_is_normal(p)) {
            if (ly_equal(p, e)) return next ? next : (const Goal *)m;
            return NULL;
        }
        switch (pkind(p)) {
        case PK_BLANK: case PK_BLANKSEQ: case PK_BLANKNULLSEQ:
            return head_matches(p, e) ? (next ? next : (const Goal *)m) : NULL;
        case PK_PATTERN: {
            Goal *b = goal(m, G_BIND, next);
            if (!b) return NULL;
            b->p = ly_narg(p, 1); b->e = e;
            return g_match(m, ly_narg(p, 2), e, b);
        }
        case PK_OPTIONAL: case PK_HOLDPATTERN: case PK_LONGEST: case PK_SHORTEST:
            return g_match(m, ly_narg(p, 1), e, next);
        case PK_REPEATED: case PK_REPEATEDNULL: {
            size_t mn, mx;
            repeat_bounds(p, false, &mn, &mx);
            if (mn > 1 || mx < 1) return NULL;
            return g_match(m, ly_narg(p, 1), e, next);
        }
        case PK_ALT: {
            if (ly_nlen(p) == 0) return NULL;
            Choice *c = choice_push(m, C_ALT, g);
            if (!c) return NULL;
            c->mark = arena_mark(&m->ar);
            const Goal *r = choice_next(m, c);
            return r;
        }
        case PK_COND: {
            Goal *cg = goal(m, G_COND, next);
            if (!cg) return NULL;
            cg->p = ly_narg(p, 2);
            return g_match(m, ly_narg(p, 1), e, cg);
        }
        case PK_TEST: {
            Goal *t = goal(m, G_TEST, next);
            LyExpr *one = arena_alloc(&m->ar, sizeof *one);
            if (!t || !one) { m->failed_hard = true; return NULL; }
            *one = e;
            t->p = ly_narg(p, 2); t->ea = one; t->k = 1;
            return g_match(m, ly_narg(p, 1), e, t);
        }
        case PK_EXCEPT:
            if (!except_ok(m, ly_narg(p, 1), e)) return NULL;
            if (ly_nlen(p) == 2) return g_match(m, ly_narg(p, 2), e, next);
            return next ? next : (const Goal *)m;
        case PK_VERBATIM:
            return ly_equal(ly_narg(p, 1), e) ? (next ? next : (const Goal *)m) : NULL;
        case PK_OPTIONS:
            return option_like(e) ? (next ? next : (const Goal *)m) : NULL;
        case PK_PATSEQ: {
            LyExpr *one = arena_alloc(&m->ar, sizeof *one);
            if (!one) { m->failed_hard = true; return NULL; }
            *one = e;
            return g_seqm(m, p, one, 1, next);
        }
        default: break;
        }
        /* an ordinary normal expression with patterns inside (or not) */
        if (quick_literal(p, 48)) return lit_equal(m->vm, p, e, 0) ? (next ? next : (const Goal *)m) : NULL;
        LyExpr ph = ly_nhead(p);
        if (ly_is_packed(e)) {
            if (!(ph == LY_SYM(List) || pkind(ph) != PK_NONE)) return NULL;
            if (ph == LY_SYM(List)) {
                const Goal *fo = NULL;
                int f = packed_fast(m, p, e, &fo, next);
                if (f == 0) return NULL;
                if (f == 1) return fo ? fo : (const Goal *)m;
            }
            LyExpr u = unpack1(m->vm, e);
            if (!u || !temp_push(m, u)) { m->failed_hard = true; return NULL; }
            e = u;
        }
        if (!ly_is_normal(e)) {
            /* x^n_., x_. y_ and other heads with defaults match a lone expression */
            if (!ly_is_sym(ph)) return NULL;
            uint32_t a = lyv_attrs(m->vm, ph);
            if (!(a & LYA_ONEIDENTITY) && ph != LY_SYM(Power)) return NULL;
            goto one_identity;
        }
        {
            LyExpr eh = ly_nhead(e);
            const Goal *rest;
            if (ly_is_sym(ph) && ph != eh) {
                uint32_t a = lyv_attrs(m->vm, ph);
                if ((a & LYA_ONEIDENTITY) || ph == LY_SYM(Power)) goto one_identity;
                return NULL;
            }
            rest = match_args(m, p, ly_nargs(e), ly_nlen(e), eh, next);
            if (!rest) return NULL;
            if (ph == eh) return rest;
            return g_match(m, ph, eh, rest);
        }
    one_identity: {
            /* all arguments but one must be optional with a default */
            size_t n = ly_nlen(p), keep = 0, nkeep = 0;
            for (size_t i = 1; i <= n; i++) {
                LyExpr d = optional_default(m->vm, ly_narg(p, i), ph, i, n);
                if (!d) { keep = i; nkeep++; }
            }
            if (nkeep != 1) return NULL;
            for (size_t i = 1; i <= n; i++) {
                if (i == keep) continue;
                LyExpr d = optional_default(m->vm, ly_narg(p, i), ph, i, n);
                if (!bind_optional_names(m, ly_narg(p, i), d)) return NULL;
            }
            return g_match(m, ly_narg(p, keep), e, next);
        }
    }
    case G_SEQ: {
        const SeqCtx *sc = g->sc;
        size_t i = g->i;
        if (!sc->orderless) {
            size_t j = g->j, left = sc->m - j;
            if (i == sc->np) return left == 0 ? (next ? next : (const Goal *)m) : NULL;
            LyExpr p = sc->pa[i];
            Range r = prange(p, sc->flat);
            if (!r.seq && r.max == 1) {
                if (left < 1) return NULL;
                return g_match(m, p, sc->ea[j], g_seq(m, sc, i + 1, j + 1, NULL, next));
            }
            if (i + 1 == sc->np) {   /* the last pattern argument takes the rest */
                if (left < r.min || left > r.max) return NULL;
                return piece(m, sc, i, sc->ea + j, left, next);
            }
            size_t need = sc->minsuf[i + 1];
            if (need > left) return NULL;
            Choice *c = choice_push(m, C_SPLIT, g);
            if (!c) return NULL;
            if (!split_bounds(c, r, 0, left - need)) { m->nch--; return NULL; }
            c->mark = arena_mark(&m->ar);
            return choice_next(m, c);
        }
        /* Orderless */
        size_t nfree = popcount_unused(sc, g->used);
        if (i == sc->np) return nfree == 0 ? (next ? next : (const Goal *)m) : NULL;
        LyExpr p = sc->pa[i];
        Range r = prange(p, sc->flat);
        if (nfree < sc->minsuf[i]) return NULL;
        if (!r.seq && r.max == 1) {
            if (quick_literal(p, 64)) {
                for (size_t x = 0; x < sc->m; x++) {
                    if (g->used[x / 64] >> (x % 64) & 1) continue;
                    if (!lit_equal(m->vm, p, sc->ea[x], 0)) continue;
                    uint64_t *u = used_copy(m, sc, g->used);
                    if (!u) return NULL;
                    u[x / 64] |= (uint64_t)1 << (x % 64);
                    return g_seq(m, sc, i + 1, 0, u, next);
                }
                return NULL;
            }
            Choice *c = choice_push(m, C_PICK, g);
            if (!c) return NULL;
            c->mark = arena_mark(&m->ar);
            return choice_next(m, c);
        }
        size_t *avail = arena_alloc(&m->ar, (nfree ? nfree : 1) * sizeof *avail);
        size_t *comb = arena_alloc(&m->ar, (nfree ? nfree : 1) * sizeof *comb);
        if (!avail || !comb) { m->failed_hard = true; return NULL; }
        size_t na = 0;
        for (size_t x = 0; x < sc->m; x++) if (!(g->used[x / 64] >> (x % 64) & 1)) avail[na++] = x;
        size_t lo = 0, hi = nfree - sc->minsuf[i + 1];
        if (i + 1 == sc->np) lo = hi = nfree;
        Choice *c = choice_push(m, C_SUBSET, g);
        if (!c) return NULL;
        if (!split_bounds(c, r, lo, hi)) { m->nch--; return NULL; }
        c->avail = avail; c->navail = na; c->comb = comb;
        for (size_t t = 0; t < c->k; t++) comb[t] = t;
        c->mark = arena_mark(&m->ar);
        return choice_next(m, c);
    }
    case G_SEQM: {
        LyExpr p = g->p;
        const LyExpr *ea = g->ea;
        size_t k = g->k;
        switch (pkind(p)) {
        case PK_PATTERN: {
            Goal *b = goal(m, G_BINDSEQ, next);
            if (!b) return NULL;
            b->p = ly_narg(p, 1); b->ea = ea; b->k = k;
            return g_seqm(m, ly_narg(p, 2), ea, k, b);
        }
        case PK_BLANK: case PK_BLANKSEQ: case PK_BLANKNULLSEQ:
            for (size_t t = 0; t < k; t++) if (!head_matches(p, ea[t])) return NULL;
            return next ? next : (const Goal *)m;
        case PK_REPEATED: case PK_REPEATEDNULL: {
            size_t mn, mx;
            repeat_bounds(p, pkind(p) == PK_REPEATEDNULL, &mn, &mx);
            LyExpr q = ly_narg(p, 1);
            Range qr = prange(q, false);
            if (qr.seq) {
                /* q, then Repeated[q, {mn - 1, mx - 1}] on the rest */
                if (k == 0) return mn == 0 ? (next ? next : (const Goal *)m) : NULL;
                if (qr.min == 0 || mx == 0) return NULL;
                LyExpr lo = ly_mksmall(mn > 0 ? (int64_t)mn - 1 : 0);
                LyExpr hi = mx == INF ? LY_SYM(Infinity) : ly_mksmall((int64_t)mx - 1);
                ly_ref(q);
                LyExpr rest = ly_mk(m->vm, LY_SYM(RepeatedNull), 2, q, ly_mk(m->vm, LY_SYM(List), 2, lo, hi));
                if (!rest || !temp_push(m, rest)) { m->failed_hard = true; return NULL; }
                LyExpr *pa = arena_alloc(&m->ar, 2 * sizeof *pa);
                if (!pa) { m->failed_hard = true; return NULL; }
                pa[0] = q; pa[1] = rest;
                const SeqCtx *sc = seq_ctx(m, pa, 2, ea, k, LY_SYM(Sequence), false, false);
                return sc ? g_seq(m, sc, 0, 0, NULL, next) : NULL;
            }
            if (k < mn || k > mx) return NULL;
            const Goal *r = next;
            for (size_t t = k; t-- > 0;) if (!(r = g_match(m, ly_narg(p, 1), ea[t], r))) return NULL;
            return r ? r : (const Goal *)m;
        }
        case PK_OPTIONAL: case PK_HOLDPATTERN: case PK_LONGEST: case PK_SHORTEST: {
            LyExpr q = ly_narg(p, 1);
            Range r = prange(q, false);
            if (!r.seq) return k == 1 ? g_match(m, q, ea[0], next) : NULL;
            return g_seqm(m, q, ea, k, next);
        }
        case PK_COND: {
            Goal *cg = goal(m, G_COND, next);
            if (!cg) return NULL;
            cg->p = ly_narg(p, 2);
            return g_seqm(m, ly_narg(p, 1), ea, k, cg);
        }
        case PK_TEST: {
            Goal *t = goal(m, G_TEST, next);
            if (!t) return NULL;
            t->p = ly_narg(p, 2); t->ea = ea; t->k = k;
            return g_seqm(m, ly_narg(p, 1), ea, k, t);
        }
        case PK_ALT: {
            Choice *c = choice_push(m, C_ALTSEQ, g);
            if (!c) return NULL;
            c->mark = arena_mark(&m->ar);
            return choice_next(m, c);
        }
        case PK_EXCEPT:
            for (size_t t = 0; t < k; t++) if (!except_ok(m, ly_narg(p, 1), ea[t])) return NULL;
            if (ly_nlen(p) == 2) return g_seqm(m, ly_narg(p, 2), ea, k, next);
            return k == 1 ? (next ? next : (const Goal *)m) : NULL;
        case PK_OPTIONS:
            for (size_t t = 0; t < k; t++) if (!option_like(ea[t])) return NULL;
            return next ? next : (const Goal *)m;
        case PK_PATSEQ: {
            const SeqCtx *sc = seq_ctx(m, ly_nargs(p), ly_nlen(p), ea, k, LY_SYM(Sequence), false, false);
            if (!sc) return NULL;
            return g_seq(m, sc, 0, 0, NULL, next);
        }
        default:
            return k == 1 ? g_match(m, p, ea[0], next) : NULL;
        }
    }
    case G_BIND:
        return bind_name(m, ly_sym(g->p), g->e) ? (next ? next : (const Goal *)m) : NULL;
    case G_BINDSEQ: {
        LyExpr v = seq_value(m, LY_SYM(Sequence), g->ea, g->k);
        if (!v) return NULL;
        bool ok = bind_name(m, ly_sym(g->p), v);
        ly_unref(m->vm, v);
        return ok ? (next ? next : (const Goal *)m) : NULL;
    }
    case G_COND:
        return eval_cond(m, g->p) ? (next ? next : (const Goal *)m) : NULL;
    case G_TEST:
        for (size_t t = 0; t < g->k; t++) if (!eval_test(m, g->p, g->ea[t])) return NULL;
        return next ? next : (const Goal *)m;
    case G_DEFAULT: {
        const SeqCtx *sc = g->sc;
        LyExpr d = optional_default(m->vm, g->p, sc->head, ppos_of(sc, g->i), sc->np);
        if (!d) {
            /* x___ and friends match nothing: bind them to Sequence[] */
            Range r = prange(g->p, false);
            if (r.min != 0 || pkind(g->p) == PK_OPTIONAL) return NULL;
            return g_seqm(m, g->p, NULL, 0, next);
        }
        return bind_optional_names(m, g->p, d) ? (next ? next : (const Goal *)m) : NULL;
    }
    }
    return NULL;
}

/* The sentinel `(const Goal *)m` above stands for "success, nothing left". */

static bool run(M *m, const Goal *g, Accept acc, void *ud) {
    const Goal *done = (const Goal *)m;
    for (;;) {
        while (g && g != done) {
            if ((++m->steps & 255) == 0 && !ly_safe_point(m->vm)) { m->failed_hard = true; g = NULL; break; }
            g = step(m, g);
            if (m->failed_hard) { g = NULL; break; }
        }
        if (g == done) {
            if (!acc || acc(m->vm, m->b, ud)) return true;
            if (ly_unwinding(m->vm)) { m->failed_hard = true; }
        }
        if (m->failed_hard) return false;
        /* backtrack */
        g = NULL;
        while (m->nch) {
            Choice *c = &m->ch[m->nch - 1];
            binds_truncate(m->b, c->nbind);
            temps_truncate(m, c->ntemps);
            arena_reset(&m->ar, c->mark);
            if (!ly_safe_point(m->vm)) { m->failed_hard = true; return false; }
            g = choice_next(m, c);
            if (m->failed_hard) return false;
            if (g) break;
            m->nch--;
        }
        if (!g) return false;
    }
}

static bool match_nested(LyVM *vm, LyExpr pat, LyExpr e, LyvBinds *b, Accept acc, void *ud) {
    M m;
    memset(&m, 0, sizeof m);
    m.vm = vm;
    m.b = b;
    m.base = b->n;
    m.ar.vm = vm;
    bool ok = false;
    if (!ly_unwinding(vm)) {
        const Goal *g = g_match(&m, pat, e, NULL);
        if (g) ok = run(&m, g, acc, ud);
    }
    if (!ok) binds_truncate(b, m.base);
    temps_truncate(&m, 0);
    if (m.temps) lyv_free(vm, m.temps, m.captemps * sizeof *m.temps);
    if (m.ch) cache_give(vm, 1, m.ch, m.capch * sizeof *m.ch);
    arena_free(&m.ar);
    return ok;
}

bool lyv_match(LyVM *vm, LyExpr pat, LyExpr e, LyvBinds *b) {
    return match_nested(vm, pat, e, b, NULL, NULL);
}

bool lyv_match_all(LyVM *vm, LyExpr pat, LyExpr e, LyvBinds *b, LyvMatchAccept accept, void *ud) {
    return match_nested(vm, pat, e, b, accept, ud);
}

static bool accept_cond(LyVM *vm, const LyvBinds *b, void *ud) {
    LyExpr s = lyv_binds_apply(vm, (LyExpr)ud, b);
    if (!s) return false;
    LyExpr r = lyv_eval(vm, s);
    ly_unref(vm, s);
    bool t = r == LY_SYM(True);
    ly_unref(vm, r);
    return t;
}

bool lyv_match_cond(LyVM *vm, LyExpr pat, LyExpr cond, LyExpr e, LyvBinds *b) {
    if (!cond) return lyv_match(vm, pat, e, b);
    return match_nested(vm, pat, e, b, accept_cond, (void *)cond);
}

bool ly_match(LyVM *vm, LyExpr pat, LyExpr e, LyExpr *binds) {
    LyvBinds b;
    lyv_binds_init(&b, vm);
    bool ok = lyv_match(vm, pat, e, &b);
    if (ok && binds) {
        LyExpr l = ly_mknormal(vm, LY_SYM(List), b.n);
        if (l) {
            for (size_t i = 0; i < b.n; i++) {
                ly_ref(b.v[i].value);
                LyExpr r = ly_mk(vm, LY_SYM(Rule), 2, ly_symexpr(b.v[i].name), b.v[i].value);
                ly_nset(l, i + 1, r ? r : LY_SYM(Null));
            }
        }
        *binds = l;
    }
    lyv_binds_free(&b);
    return ok;
}

/* ---- substitution ------------------------------------------------------------------- */

typedef struct Subst {
    const LyvBinds *b;
    size_t n;
    LyExpr const *syms, *vals;
    LySymbol **shadow;     /* names bound by enclosing scoping constructs */
    size_t nshadow, capshadow;
} Subst;

static LyExpr subst_lookup(const Subst *s, LySymbol *name) {
    LyExpr v = NULL;
    if (s->b) v = lyv_binds_get(s->b, name);
    else for (size_t i = 0; i < s->n; i++) if (ly_sym(s->syms[i]) == name) { v = s->vals[i]; break; }
    if (!v) return NULL;
    for (size_t i = 0; i < s->nshadow; i++) if (s->shadow[i] == name) return NULL;
    return v;
}

static bool shadow_push(LyVM *vm, Subst *s, LyExpr sym) {
    if (!ly_is_sym(sym) || !subst_lookup(s, ly_sym(sym))) return true;
    if (s->nshadow == s->capshadow) {
        size_t nc = s->capshadow ? s->capshadow * 2 : 8;
        LySymbol **n = lyv_realloc(vm, s->shadow, s->capshadow * sizeof *n, nc * sizeof *n);
        if (!n) return false;
        s->shadow = n;
        s->capshadow = nc;
    }
    s->shadow[s->nshadow++] = ly_sym(sym);
    return true;
}

/* Pattern names in a rule's left side (iterative walk). */
static bool shadow_pattern_names(LyVM *vm, Subst *s, LyExpr lhs) {
    LyExpr small[32], *st = small;
    size_t n = 0, cap = 32;
    bool ok = true;
    st[n++] = lhs;
    while (n && ok) {
        LyExpr p = st[--n];
        if (!ly_is_normal(p)) continue;
        if (pkind(p) == PK_PATTERN) ok = shadow_push(vm, s, ly_narg(p, 1));
        size_t len = ly_nlen(p);
        if (n + len + 1 > cap) {
            size_t nc = (n + len + 1) * 2;
            LyExpr *ns = lyv_alloc(vm, nc * sizeof *ns);
            if (!ns) { ok = false; break; }
            memcpy(ns, st, n * sizeof *ns);
            if (st != small) lyv_free(vm, st, cap * sizeof *st);
            st = ns;
            cap = nc;
        }
        for (size_t i = 0; i <= len; i++) st[n++] = ly_normal(p)->e[i];
    }
    if (st != small) lyv_free(vm, st, cap * sizeof *st);
    return ok;
}

enum { SM_NORMAL, SM_SCOPE, SM_SPECLIST, SM_SPECSET, SM_KEEP };

typedef struct SFrame {
    LyExpr src, out;
    size_t i;              /* next child to visit */
    size_t shadow_mark;
    int mode;
} SFrame;

/* Local names of a Module/With/Block specification list. */
static bool shadow_locals(LyVM *vm, Subst *s, LyExpr spec) {
    if (!ly_head_is(spec, LY_SYM(List))) return true;
    for (size_t i = 1; i <= ly_nlen(spec); i++) {
        LyExpr v = ly_narg(spec, i);
        if ((ly_head_is(v, LY_SYM(Set)) || ly_head_is(v, LY_SYM(SetDelayed))) && ly_nlen(v) == 2)
            v = ly_narg(v, 1);
        if (!shadow_push(vm, s, v)) return false;
    }
    return true;
}

static bool is_scoping(LyExpr h) {
    return h == LY_SYM(Module) || h == LY_SYM(With) || h == LY_SYM(Block);
}

/* Sets child idx of frame f to r (stolen). */
static bool frame_set(LyVM *vm, SFrame *f, size_t idx, LyExpr r) {
    LyExpr old = ly_normal(f->src)->e[idx];
    if (!f->out) {
        if (r == old) { ly_unref(vm, r); return true; }
        size_t n = ly_nlen(f->src);
        LyExpr h = ly_nhead(f->src);
        ly_ref(h);
        LyExpr o = ly_mknormal(vm, h, n);
        if (!o) { ly_unref(vm, r); return false; }
        for (size_t k = 1; k < idx; k++) { LyExpr a = ly_narg(f->src, k); ly_ref(a); ly_nset(o, k, a); }
        f->out = o;
    }
    LyExpr prev = ly_normal(f->out)->e[idx];
    ly_normal(f->out)->e[idx] = r;
    ly_unref(vm, prev);
    return true;
}

static LyExpr subst_expr(LyVM *vm, LyExpr e, Subst *s);

static LyExpr subst_assoc(LyVM *vm, LyExpr e, Subst *s) {
    LyAssoc *a = ly_assoc(e);
    bool changed = false;
    LyExpr *rs = lyv_alloc(vm, (a->len ? a->len : 1) * sizeof *rs);
    if (!rs) return NULL;
    size_t k = 0;
    for (; k < a->len; k++) {
        rs[k] = subst_expr(vm, a->rules[k], s);
        if (!rs[k]) break;
        if (rs[k] != a->rules[k]) changed = true;
    }
    LyExpr r = NULL;
    if (k == a->len) {
        if (changed) r = ly_mkassoc(vm, a->len, rs);
        else { ly_ref(e); r = e; }
    }
    for (size_t i = 0; i < k; i++) ly_unref(vm, rs[i]);
    lyv_free(vm, rs, (a->len ? a->len : 1) * sizeof *rs);
    return r;
}

/* The leaf case: a new reference to what x becomes (NULL on failure). */
static LyExpr subst_leaf(LyVM *vm, LyExpr x, Subst *s) {
    if (ly_is_sym(x)) {
        LyExpr v = subst_lookup(s, ly_sym(x));
        if (v) { ly_ref(v); return v; }
        return x;
    }
    if (ly_type(x) == LY_TASSOC) return subst_assoc(vm, x, s);
    ly_ref(x);
    return x;
}

static LyExpr subst_expr(LyVM *vm, LyExpr e, Subst *s) {
    if (!ly_is_normal(e)) return subst_leaf(vm, e, s);
    SFrame small[32], *st = small;
    size_t n = 0, cap = 32;
    LyExpr result = NULL;
    bool ok = true;
    st[n++] = (SFrame){ e, NULL, 0, s->nshadow, SM_NORMAL };
    /* scoping constructs bind their names for their whole extent */
#define ENTER(fr) do {                                                                 \
        LyExpr h_ = ly_nhead((fr)->src);                                               \
        size_t l_ = ly_nlen((fr)->src);                                                \
        if (h_ == LY_SYM(Function) && l_ >= 2) {                                       \
            LyExpr ps_ = ly_narg((fr)->src, 1);                                        \
            if (ly_is_sym(ps_)) ok = shadow_push(vm, s, ps_);                          \
            else if (ly_head_is(ps_, LY_SYM(List)))                                    \
                for (size_t q_ = 1; ok && q_ <= ly_nlen(ps_); q_++)                    \
                    ok = shadow_push(vm, s, ly_narg(ps_, q_));                          \
        } else if ((h_ == LY_SYM(Rule) || h_ == LY_SYM(RuleDelayed) ||                  \
                    h_ == LY_SYM(SetDelayed) || h_ == LY_SYM(UpSetDelayed)) && l_ == 2) { \
            ok = shadow_pattern_names(vm, s, ly_narg((fr)->src, 1));                    \
        } else if (is_scoping(h_) && l_ >= 2 && ly_head_is(ly_narg((fr)->src, 1), LY_SYM(List))) { \
            (fr)->mode = (fr)->mode == SM_NORMAL ? SM_SCOPE : (fr)->mode;              \
        }                                                                              \
    } while (0)
    ENTER(&st[0]);
    while (n && ok) {
        SFrame *f = &st[n - 1];
        size_t len = ly_nlen(f->src);
        if (f->i > len) {
            LyExpr r = f->out ? f->out : (ly_ref(f->src), f->src);
            s->nshadow = f->shadow_mark;
            n--;
            if (n == 0) { result = r; break; }
            SFrame *pf = &st[n - 1];
            if (!frame_set(vm, pf, pf->i - 1, r)) ok = false;
            continue;
        }
        size_t idx = f->i++;
        LyExpr c = ly_normal(f->src)->e[idx];
        if (f->mode == SM_SCOPE && idx == 2) ok = shadow_locals(vm, s, ly_narg(f->src, 1));
        if (!ok) break;
        int cmode = SM_NORMAL;
        if (f->mode == SM_SCOPE && idx == 1) cmode = SM_SPECLIST;
        else if (f->mode == SM_SPECLIST) {
            if (ly_is_sym(c)) {           /* a local name: kept */
                if (!frame_set(vm, f, idx, c)) { ok = false; break; }
                continue;
            }
            if ((ly_head_is(c, LY_SYM(Set)) || ly_head_is(c, LY_SYM(SetDelayed))) && ly_nlen(c) == 2)
                cmode = SM_SPECSET;
        } else if (f->mode == SM_SPECSET && idx == 1) {
            ly_ref(c);                    /* the local name itself */
            if (!frame_set(vm, f, idx, c)) { ok = false; break; }
            continue;
        }
        if (!ly_is_normal(c)) {
            LyExpr r = subst_leaf(vm, c, s);
            if (!r || !frame_set(vm, f, idx, r)) { ok = false; break; }
            continue;
        }
        if (n == cap) {
            size_t nc = cap * 2;
            SFrame *ns = lyv_alloc(vm, nc * sizeof *ns);
            if (!ns) { ok = false; break; }
            memcpy(ns, st, n * sizeof *ns);
            if (st != small) lyv_free(vm, st, cap * sizeof *st);
            st = ns;
            cap = nc;
            f = &st[n - 1];
        }
        st[n] = (SFrame){ c, NULL, 0, s->nshadow, cmode };
        n++;
        if (cmode == SM_NORMAL) ENTER(&st[n - 1]);
    }
#undef ENTER
    if (!ok) {
        for (size_t k = 0; k < n; k++) {
            if (st[k].out) {
                for (size_t q = 0; q <= ly_nlen(st[k].out); q++)
                    if (!ly_normal(st[k].out)->e[q]) ly_normal(st[k].out)->e[q] = LY_SYM(Null);
                ly_unref(vm, st[k].out);
            }
        }
        s->nshadow = st[0].shadow_mark;
        result = NULL;
        if (!ly_unwinding(vm)) ly_raise_nomem(vm);
    }
    if (st != small) lyv_free(vm, st, cap * sizeof *st);
    return result;
}

static LyExpr subst_run(LyVM *vm, LyExpr e, Subst *s) {
    LyExpr r = subst_expr(vm, e, s);
    if (s->shadow) lyv_free(vm, s->shadow, s->capshadow * sizeof *s->shadow);
    return r;
}

LyExpr lyv_binds_apply(LyVM *vm, LyExpr rhs, const LyvBinds *b) {
    if (!b || b->n == 0) { ly_ref(rhs); return rhs; }
    Subst s = { b, 0, NULL, NULL, NULL, 0, 0 };
    return subst_run(vm, rhs, &s);
}

LyExpr lyv_substitute(LyVM *vm, LyExpr e, size_t n, LyExpr const *syms, LyExpr const *vals) {
    if (n == 0) { ly_ref(e); return e; }
    Subst s = { NULL, n, syms, vals, NULL, 0, 0 };
    return subst_run(vm, e, &s);
}

LyExpr ly_substitute(LyVM *vm, LyExpr e, size_t n, LyExpr const *syms, LyExpr const *vals) {
    return lyv_substitute(vm, e, n, syms, vals);
}
