/*
 * temps.c — Temporary symbols: Module's locals, and their removal when
 * nothing references them any more.
 *
 * Wolfram removes a Temporary symbol x$nnn as soon as nothing references it
 * (reference counts on symbols).  Here symbols are not reference counted --
 * they are tagged words that the evaluator and every builtin copy freely --
 * so a local is removed where Module ends instead, when it provably cannot
 * be reached: ly_scope_close looks for the locals in everything through
 * which a value made by the body can outlive it:
 *
 *   - the value of the Module (or the value and tag of the exit passing
 *     through it: Throw, Return);
 *   - the definitions changed while the body ran (versions after the
 *     scope's start: vm->defs_block finds them in O(ids / 64)), which covers
 *     closures (inc[] := c++), stored results, Block-restored values;
 *   - $MessageList entries added meanwhile and the Off list;
 *   - values kept where the VM does not look: Sow collections, values sent
 *     to other VMs (channels, futures, shared variables, ParallelMap
 *     inputs), host data -- ly_keep_symbols and ly_copy mark the symbols
 *     in them as escaped (LYV_TS_ESCAPED, set with an atomic OR since a
 *     worker copying a caller's input in place may set it; ly_copy and a
 *     bare symbol kept also pin it, LYV_TS_PINNED: nothing can tell when
 *     such a use ends);
 *   - the definitions of the locals that escaped (a local another escaped
 *     local refers to escapes too).
 * No C frame older than the scope can hold a local: the locals did not
 * exist when it started, and everything the body hands outwards goes
 * through one of the channels above.  A local found nowhere is removed:
 * its definitions and values are freed (a ThreadPool held only by it shuts
 * down), it leaves Names, and its record is recycled for a later local
 * under a new name (symtab.c).  A local that escaped stays a live symbol
 * of the VM (Names["x$*"], ToExpression["x$12"]) until the collector of
 * tempgc.c finds that nothing reaches it any more (never if pinned).
 *
 * A scan is bounded (SCAN_BUDGET nodes; an opaque foreign object counts as
 * a reference): past the bound every local counts as referenced, so a
 * Module returning or storing a huge expression costs no more than a
 * bounded look.  Nothing here is on the evaluator's path: the costs are at
 * Module entry and exit only.
 *
 * Definitions a snapshot took for workers (ly_sync_definitions read this
 * VM after the scope opened: vm->exported): a removed local's definitions
 * are cleared and stamped instead of freed, so the next synchronisation
 * clears the copies too, and its record is not recycled (a worker may still
 * see the id).
 *
 * Names: each VM keeps its live temporaries in a small open-addressing
 * table by name (they are not in the process-wide table), so a name such as
 * x$12 read from text is the VM's own local while it lives, and a fresh
 * symbol after it was removed.
 *
 * Module numbers come from one process-wide counter ($ModuleNumber), so the
 * temporaries of different VMs never share a name.
 */
#include "lyv.h"

#define SCAN_BUDGET 4096

static _Atomic uint64_t module_number = 1;

#define ts_get lyv_ts_get
#define ts_or lyv_ts_or
#define ts_and lyv_ts_and

/* ---- the VM's table of live temporaries ------------------------------------------------ */

#define TOMB LYV_TEMP_TOMB

static bool tab_rehash(LyVM *vm, size_t cap) {
    LySymbol **t = lyv_alloc_quiet(vm, NULL, 0, cap * sizeof *t);
    if (!t) return false;
    memset(t, 0, cap * sizeof *t);
    for (size_t i = 0; i < vm->captemps; i++) {
        LySymbol *s = vm->temps[i];
        if (!s || s == TOMB) continue;
        size_t h = s->hash & (cap - 1);
        while (t[h]) h = (h + 1) & (cap - 1);
        t[h] = s;
    }
    lyv_alloc_quiet(vm, vm->temps, vm->captemps * sizeof *t, 0);
    vm->temps = t;
    vm->captemps = cap;
    vm->ntombs = 0;
    return true;
}

static bool tab_insert(LyVM *vm, LySymbol *s) {
    if ((vm->ntemps + vm->ntombs + 1) * 4 > vm->captemps * 3) {
        size_t cap = vm->captemps ? vm->captemps : 16;
        while ((vm->ntemps + 1) * 2 > cap) cap *= 2;
        if (!tab_rehash(vm, cap)) return false;
    }
    size_t m = vm->captemps - 1, h = s->hash & m;
    while (vm->temps[h] && vm->temps[h] != TOMB) h = (h + 1) & m;
    if (vm->temps[h] == TOMB) vm->ntombs--;
    vm->temps[h] = s;
    vm->ntemps++;
    return true;
}

static void tab_remove(LyVM *vm, LySymbol *s) {
    if (!vm->captemps) return;
    size_t m = vm->captemps - 1, h = s->hash & m;
    for (size_t k = 0; k <= m && vm->temps[h]; k++, h = (h + 1) & m) {
        if (vm->temps[h] != s) continue;
        vm->temps[h] = TOMB;
        vm->ntemps--;
        vm->ntombs++;
        return;
    }
}

/* name has the form base$digits. */
static bool temp_like(const char *name, size_t len) {
    size_t i = len;
    while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9') i--;
    return i < len && i >= 2 && name[i - 1] == '$';
}

LySymbol *lyv_temp_lookup(LyVM *vm, const char *name, size_t len) {
    if (!vm || !vm->ntemps || !temp_like(name, len)) return NULL;
    uint32_t hv = 2166136261u;             /* the symbol table's hash (FNV-1a) */
    for (size_t i = 0; i < len; i++) { hv ^= (unsigned char)name[i]; hv *= 16777619u; }
    size_t m = vm->captemps - 1, h = hv & m;
    for (size_t k = 0; k <= m && vm->temps[h]; k++, h = (h + 1) & m) {
        LySymbol *s = vm->temps[h];
        if (s != TOMB && s->hash == hv && s->len == len && !memcmp(s->name, name, len)) return s;
    }
    return NULL;
}

LySymbol *lyv_intern_vm(LyVM *vm, const char *name, size_t len) {
    LySymbol *s = lyv_temp_lookup(vm, name, len);
    if (s) { vm->temp_lookups++; return s; }
    return lyv_intern(name, len);
}

void lyv_temps_each(LyVM *vm, void (*fn)(void *ud, LySymbol *s), void *ud) {
    for (size_t i = 0; i < vm->captemps; i++) {
        LySymbol *s = vm->temps[i];
        if (s && s != TOMB) fn(ud, s);
    }
}

/* ---- making and removing ---------------------------------------------------------------- */

/* A new live temporary base$n with fresh definitions (Temporary) and no
 * value; NULL when out of memory (an exit started).  Nothing references
 * it, so no evaluated expression can depend on it: eval_version stays. */
static LySymbol *temp_make(LyVM *vm, LySymbol *base) {
    LySymbol *s;
    for (;;) {
        uint64_t n = atomic_fetch_add_explicit(&module_number, 1, memory_order_relaxed);
        s = lyv_temp_new(&vm->tpool, base->name, base->len, n);
        if (!s) { ly_raise_nomem(vm); return NULL; }
        /* a symbol the program named x$n itself keeps its name */
        if (!lyv_lookup(s->name, s->len)) break;
        lyv_temp_recycle(&vm->tpool, s);
    }
    LyDefs *d = lyv_defs_new(vm, s);
    if (!d || !tab_insert(vm, s)) {
        if (d) { lyv_free(vm, d, sizeof *d); vm->defs[s->id] = NULL; }
        lyv_temp_recycle(&vm->tpool, s);
        ly_raise_nomem(vm);
        return NULL;
    }
    d->attrs = LYA_TEMPORARY;
    vm->defs_version++;
    lyv_defs_stamp(vm, s->id, d);
    s->state = LYV_TS_LIVE;
    lyv_temp(s)->serial = vm->temp_serial++;
    lyv_temp(s)->born = vm->defs_version;
    /* the collector finds the young among these; a temporary it cannot
     * find is never removed by it */
    if (vm->nyoung == vm->capyoung) {
        size_t nc = vm->capyoung ? vm->capyoung * 2 : 64;
        LySymbol **ny = lyv_alloc_book(vm, vm->young, vm->capyoung * sizeof *ny, nc * sizeof *ny);
        if (ny) { vm->young = ny; vm->capyoung = nc; }
    }
    if (vm->nyoung < vm->capyoung) vm->young[vm->nyoung++] = s;
    else s->state |= LYV_TS_PINNED;
    return s;
}


void lyv_temp_remove(LyVM *vm, LySymbol *s, bool shared) {
    tab_remove(vm, s);
    ts_and(s, ~(uint32_t)(LYV_TS_LIVE | LYV_TS_PENDING));
    /* scopes close in reverse order: their locals leave the young list as
     * they came (stale entries below stay until the next collection) */
    while (vm->nyoung && !(ts_get(vm->young[vm->nyoung - 1]) & LYV_TS_LIVE)) vm->nyoung--;
    LyDefs *d = lyv_defs_get(vm, s);
    if (d) {
        /* detached first: finalizers run by the frees below see no value */
        if (shared) {
            LyDefs old = *d;
            d->own = d->messages = d->defaults = d->options = NULL;
            d->down = d->up = d->sub = NULL;
            d->attrs = 0;
            vm->defs_version++;
            lyv_defs_stamp(vm, s->id, d);
            lyv_defs_clear(vm, &old);
        } else {
            vm->defs[s->id] = NULL;
            lyv_defs_clear(vm, d);
            lyv_free(vm, d, sizeof *d);
        }
    }
    if (!shared && !(ts_get(s) & LYV_TS_PINNED)) lyv_temp_recycle(&vm->tpool, s);
}

/* ---- scanning for references -------------------------------------------------------------- */

typedef struct Scan {
    LyVM *vm;
    bool mark;               /* mark every temporary met escaped (else: look for targets) */
    uint64_t e0;             /* eval_version when the (outermost) scope opened */
    size_t left;             /* targets not found yet */
    long budget;
    bool all;                /* gave up: everything counts as referenced */
    LyExpr *st, small[64];
    size_t n, cap;
} Scan;

static void scan_init(Scan *sc, LyVM *vm, bool mark, size_t left, uint64_t e0) {
    sc->vm = vm;
    sc->mark = mark;
    sc->e0 = e0;
    sc->left = left;
    sc->budget = SCAN_BUDGET;
    sc->all = false;
    sc->st = sc->small;
    sc->n = 0;
    sc->cap = sizeof sc->small / sizeof sc->small[0];
}

static void scan_free(Scan *sc) {
    if (sc->st != sc->small) lyv_alloc_quiet(sc->vm, sc->st, sc->cap * sizeof *sc->st, 0);
}

static bool scan_done(const Scan *sc) { return sc->all || (!sc->mark && sc->left == 0); }

/* The scope being closed marks its locals LYV_TS_TARGET; a target met gets
 * LYV_TS_FOUND. */
static void hit(Scan *sc, LySymbol *s) {
    if (!(s->flags & LY_SYMF_TEMP)) return;
    if (sc->mark) { ts_or(s, LYV_TS_ESCAPED); return; }
    if ((ts_get(s) & (LYV_TS_TARGET | LYV_TS_FOUND)) == LYV_TS_TARGET) {
        ts_or(s, LYV_TS_FOUND);
        sc->left--;
    }
}

static void push(Scan *sc, LyExpr e) {
    if (sc->n == sc->cap) {
        size_t nc = sc->cap * 2;
        LyExpr *ns = lyv_alloc_quiet(sc->vm, NULL, 0, nc * sizeof *ns);
        if (!ns) { sc->all = true; return; }
        memcpy(ns, sc->st, sc->n * sizeof *ns);
        scan_free(sc);
        sc->st = ns;
        sc->cap = nc;
    }
    sc->st[sc->n++] = e;
}

/* A part: symbols are looked at at once, containers pushed, the rest has
 * no symbols.  A normal expression evaluated before the scope opened
 * (0 < stamp < e0) is older than the locals, so none is inside it: the
 * evaluator stamps an expression with the version of the evaluation that
 * found it a fixed point, which for anything built while the body ran is
 * at least e0, and every change in place resets the stamp to 0. */
static inline void part(Scan *sc, LyExpr x) {
    if (ly_is_sym(x)) hit(sc, ly_sym(x));
    else if (ly_is_obj(x)) {
        if (x->type == LY_TNORMAL) {
            uint64_t st = ly_normal(x)->stamp;
            if (!st || st >= sc->e0) push(sc, x);
        } else if (x->type == LY_TASSOC || x->type == LY_TFOREIGN) {
            push(sc, x);
        }
    }
}

static void scan_visit(void *ctx, LyExpr e) {
    Scan *sc = ctx;
    sc->budget--;
    part(sc, e);
}

static void scan(Scan *sc, LyExpr e) {
    if (!e || scan_done(sc)) return;
    size_t base = sc->n;
    part(sc, e);
    while (sc->n > base && !scan_done(sc)) {
        LyExpr x = sc->st[--sc->n];
        switch (x->type) {
        case LY_TNORMAL: {
            size_t len = ly_nlen(x);
            sc->budget -= (long)len + 1;
            if (sc->budget < 0) { sc->all = true; break; }
            for (size_t i = 0; i <= len; i++) part(sc, ly_normal(x)->e[i]);
            break;
        }
        case LY_TASSOC: {
            LyAssoc *a = ly_assoc(x);
            sc->budget -= (long)a->len + 1;
            if (sc->budget < 0) { sc->all = true; break; }
            for (size_t i = 0; i < a->len; i++) part(sc, a->rules[i]);
            break;
        }
        default: {           /* a foreign object: what it tells it holds, else opaque */
            const LyForeignType *t = ly_foreign(x)->type;
            if (t->inert) break;
            if (t->refs) t->refs(ly_foreign(x)->data, scan_visit, sc);
            else sc->all = true;
            break;
        }
        }
    }
    sc->n = base;
}

static void scan_rules(Scan *sc, const LyRuleSet *rs) {
    for (size_t i = 0; rs && i < rs->n && !scan_done(sc); i++) {
        scan(sc, rs->v[i].lhs);
        scan(sc, rs->v[i].rhs);
    }
}

static void scan_defs(Scan *sc, const LyDefs *d) {
    if (!d) return;
    scan(sc, d->own);
    scan_rules(sc, d->down);
    scan_rules(sc, d->up);
    scan_rules(sc, d->sub);
    scan(sc, d->messages);
    scan(sc, d->defaults);
    scan(sc, d->options);
}

static bool is_local(const LyScope *scope, size_t id) {
    for (size_t i = 0; i < scope->m; i++)
        if (ly_sym(scope->locals[i])->id == id) return true;
    return false;
}

/* The definitions changed after v0, but the scope's locals' own. */
static void scan_changed(Scan *sc, const LyScope *scope) {
    LyVM *vm = sc->vm;
    size_t n = lyv_symbol_count();
    if (n > vm->ndefs) n = vm->ndefs;
    for (size_t b = 0; b < n && !scan_done(sc); b += 64) {
        if (vm->defs_block[b >> 6] <= scope->v0) continue;
        for (size_t id = b; id < b + 64 && id < n && !scan_done(sc); id++) {
            LyDefs *d = vm->defs[id];
            if (!d || d->version <= scope->v0 || is_local(scope, id)) continue;
            LySymbol *sym = lyv_symbol_by_id((uint32_t)id);
            if (sym && (sym->flags & LY_SYMF_TEMP)) { scan_defs(sc, d); continue; }
            /* an ordinary symbol: its new rules were looked at when they were
             * set (ruleset_add), and so was what went into its value in
             * place since own_clean */
            if (!(d->own_clean_at == d->version && d->own_clean <= scope->v0)) scan(sc, d->own);
            scan(sc, d->messages);
            scan(sc, d->defaults);
            scan(sc, d->options);
        }
    }
}

/* ---- scopes --------------------------------------------------------------------------------- */

bool ly_scope_open(LyVM *vm, LyScope *sc, size_t m, const LyExpr *names, LyExpr *locals) {
    sc->v0 = vm->defs_version;
    sc->e0 = vm->eval_version;
    sc->nmsg0 = vm->nmsglist;
    sc->off0 = vm->off_list;
    sc->exported0 = atomic_load_explicit(&vm->exported, memory_order_relaxed);
    sc->locals = locals;
    sc->m = 0;
    for (size_t i = 0; i < m; i++) {
        LySymbol *s = temp_make(vm, ly_sym(names[i]));
        if (!s) {
            for (size_t j = 0; j < i; j++) lyv_temp_remove(vm, ly_sym(locals[j]), false);
            return false;
        }
        ts_or(s, LYV_TS_PENDING);
        locals[i] = ly_symexpr(s);
    }
    sc->m = m;
    sc->v1 = vm->defs_version;
    sc->prev = vm->scope;
    vm->scope = sc;
    return true;
}

void ly_scope_set(LyVM *vm, LyExpr local, LyExpr value, bool delayed) {
    LyDefs *d = lyv_defs_get(vm, ly_sym(local));
    if (!d) { ly_unref(vm, value); return; }
    LyExpr old = d->own;
    d->own = value;
    d->own_delayed = delayed && value;
    d->own_version = d->own_delayed ? 0 : vm->eval_version;
    vm->defs_version++;
    lyv_defs_stamp(vm, ly_sym(local)->id, d);
    if (vm->scope) vm->scope->v1 = vm->defs_version;
    ly_unref(vm, old);
}

void ly_scope_close(LyVM *vm, LyScope *sc, LyExpr result) {
    vm->scope = sc->prev;
    size_t m = sc->m, left = 0;
    if (!m) return;
    for (size_t i = 0; i < m; i++) {
        LySymbol *s = ly_sym(sc->locals[i]);
        if ((ts_get(s) & (LYV_TS_ESCAPED | LYV_TS_LIVE)) == LYV_TS_LIVE) { ts_or(s, LYV_TS_TARGET); left++; }
        else ts_or(s, LYV_TS_FOUND);
    }
    Scan s;
    scan_init(&s, vm, false, left, sc->e0);
    scan(&s, result);
    scan(&s, vm->unwind_value);
    scan(&s, vm->unwind_tag);
    if (vm->defs_version != sc->v1) scan_changed(&s, sc);
    for (size_t i = sc->nmsg0 <= vm->nmsglist ? sc->nmsg0 : 0; i < vm->nmsglist; i++) scan(&s, vm->msglist[i]);
    if (vm->off_list != sc->off0) scan(&s, vm->off_list);
    /* what a referenced local refers to is referenced (DONE: its
     * definitions were looked at) */
    for (bool more = true; more && !scan_done(&s);) {
        more = false;
        for (size_t i = 0; i < m && !scan_done(&s); i++) {
            LySymbol *l = ly_sym(sc->locals[i]);
            uint32_t st = ts_get(l);
            if (!(st & LYV_TS_FOUND) || (st & LYV_TS_DONE)) continue;
            ts_or(l, LYV_TS_DONE);
            more = true;
            if (st & LYV_TS_LIVE) scan_defs(&s, lyv_defs_get(vm, l));
        }
    }
    scan_free(&s);
    bool shared = atomic_load_explicit(&vm->exported, memory_order_relaxed) != sc->exported0;
    for (size_t i = 0; i < m; i++) {
        LySymbol *l = ly_sym(sc->locals[i]);
        bool keep = s.all || (ts_get(l) & LYV_TS_FOUND);
        ts_and(l, ~(uint32_t)(LYV_TS_PENDING | LYV_TS_TARGET | LYV_TS_FOUND | LYV_TS_DONE));
        if (!keep) lyv_temp_remove(vm, l, shared);
    }
}

/* ---- values kept elsewhere ------------------------------------------------------------------ */

/* Marks escaped every temporary in a and b that may be a local of an open
 * scope; past the scan's bound, every open scope's locals. */
static void mark_escaped(LyVM *vm, LyExpr a, LyExpr b) {
    LyScope *outer = vm->scope;
    while (outer->prev) outer = outer->prev;
    Scan s;
    scan_init(&s, vm, true, 0, outer->e0);
    scan(&s, a);
    scan(&s, b);
    scan_free(&s);
    if (!s.all) return;
    for (LyScope *sc = vm->scope; sc; sc = sc->prev)
        for (size_t i = 0; i < sc->m; i++) ts_or(ly_sym(sc->locals[i]), LYV_TS_ESCAPED);
}

void ly_keep_symbols(LyVM *vm, LyExpr e) {
    if (ly_is_sym(e)) { lyv_temp_escape(e); return; }
    if (!ly_is_obj(e) || !vm->ntemps) return;
    /* the locals of open scopes stay past their scope; the collector keeps
     * what e holds while someone else holds e */
    if (vm->scope) mark_escaped(vm, e, NULL);
    lyv_hold(vm, e);
}

void lyv_temps_stored_(LyVM *vm, LyExpr a, LyExpr b) {
    /* in a definition of this VM: kept past its scope, the collector sees it */
    if (ly_is_sym(a)) { if (ly_sym(a)->flags & LY_SYMF_TEMP) ts_or(ly_sym(a), LYV_TS_ESCAPED); a = NULL; }
    if (ly_is_sym(b)) { if (ly_sym(b)->flags & LY_SYMF_TEMP) ts_or(ly_sym(b), LYV_TS_ESCAPED); b = NULL; }
    if (ly_is_obj(a) || ly_is_obj(b)) mark_escaped(vm, a, b);
}

void lyv_own_inplace(LyVM *vm, LySymbol *s, LyDefs *d, uint64_t vb, LyExpr x) {
    d->own_clean = d->own_clean_at && d->own_clean_at == vb ? d->own_clean : vb;
    d->own_clean_at = d->version;
    lyv_temps_stored(vm, s, x, NULL);
}

LyExpr ly_unique_symbol(LyVM *vm, LyExpr sym) {
    LySymbol *b = ly_sym(sym);
    char small[64], *name = b->len + 24 <= sizeof small ? small : lyv_alloc(vm, b->len + 24);
    if (!name) return NULL;
    LySymbol *s;
    do {
        uint64_t n = atomic_fetch_add_explicit(&module_number, 1, memory_order_relaxed);
        snprintf(name, b->len + 24, "%s$%llu", b->name, (unsigned long long)n);
    } while (lyv_lookup(name, strlen(name)) || lyv_temp_lookup(vm, name, strlen(name)));
    s = lyv_intern(name, strlen(name));
    if (name != small) lyv_free(vm, name, b->len + 24);
    return s ? ly_symexpr(s) : ly_raise_nomem(vm);
}

uint64_t lyv_module_number(void) {
    return atomic_load_explicit(&module_number, memory_order_relaxed);
}

uint64_t lyv_module_number_next(void) {
    return atomic_fetch_add_explicit(&module_number, 1, memory_order_relaxed);
}

/* ---- the VM's end ----------------------------------------------------------------------------- */

void lyv_temps_close(LyVM *vm) {
    /* the VM's values are gone: records nothing outside it saw come back */
    uint64_t exported = atomic_load_explicit(&vm->exported, memory_order_relaxed);
    for (size_t i = 0; i < vm->captemps; i++) {
        LySymbol *s = vm->temps[i];
        if (!s || s == TOMB) continue;
        uint32_t st = ts_get(s);
        ts_and(s, ~(uint32_t)(LYV_TS_LIVE | LYV_TS_PENDING));
        if (!(st & LYV_TS_PINNED) && exported < lyv_temp(s)->born) lyv_temp_recycle(&vm->tpool, s);
    }
    lyv_alloc_quiet(vm, vm->temps, vm->captemps * sizeof *vm->temps, 0);
    lyv_alloc_quiet(vm, vm->young, vm->capyoung * sizeof *vm->young, 0);
    vm->young = NULL;
    vm->nyoung = vm->capyoung = 0;
    vm->temps = NULL;
    vm->captemps = vm->ntemps = vm->ntombs = 0;
    lyv_temp_pool_release(&vm->tpool);
}
