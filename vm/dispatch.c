/*
 * dispatch.c — rule lists for replacement with an index of their literal
 * left sides, and Dispatch[rules], the object that keeps one.
 *
 * expr /. {a[1] -> x1, a[2] -> x2, ...} tries the rules in order at every
 * part of expr.  A rule whose left side is a literal (no pattern objects,
 * no condition) applies exactly where the part is SameQ to it, so those
 * rules go into a hash table (ly_hash of the left side -> the first rule
 * with it); the others stay in a list tried in order.  At a part, the
 * table gives the first literal rule that applies, and only the listed
 * rules before it are tried with the matcher: the rule that applies is the
 * same one the scan in order would find, as Wolfram's Dispatch promises.
 *
 * A literal matches only what is SameQ to it unless a head in it is Flat
 * or Orderless (a + b matches b + a held, and parts of a + b + c): such
 * left sides are not indexed, and the heads inside indexed ones are
 * checked again at each use (SetAttributes after the index was made: the
 * index is then not used).  Before a part's hash is computed, a bitmap of
 * (head, length) of the indexed left sides rules out most parts at once.
 *
 * Dispatch[rules] is a foreign object (atomic, as in Wolfram) holding the
 * rule list and its index; it prints as Dispatch[<n>] in OutputForm and as
 * Dispatch[{rules}] in InputForm and FullForm, Normal gives the list.  A
 * plain list of rules long enough gets an index too, kept for the next
 * call with the same list (one per VM: loops that apply the same rules).
 */
#include "dispatch.h"
#include "match.h"

enum { INDEX_MIN_RULES = 16, INDEX_MIN_LITERALS = 8 };
#define EMPTY UINT32_MAX

/* ---- rules ----------------------------------------------------------------------------- */

/* ---- the index ------------------------------------------------------------------------- */

/* The bit of a normal expression's (head, length) in LyvRIndex.sig; a
 * packed array counts as a List. */
static unsigned sig_bit(LyExpr e) {
    LyExpr h;
    size_t len;
    if (ly_is_packed(e)) { h = LY_SYM(List); len = ly_packed(e)->dims[0]; }
    else { h = ly_nhead(e); len = ly_nlen(e); }
    uint64_t k = ly_is_sym(h) ? ly_sym(h)->hash : 0x9e37u;
    return (unsigned)((k * 0x9e3779b97f4a7c15ull + len) >> 54);      /* 0..1023 */
}

static void heads_add(LyVM *vm, LyvRIndex *ix, LyExpr h) {
    for (size_t i = 0; i < ix->nheads; i++) if (ix->heads[i] == h) return;
    if (ix->nheads == ix->hcap) {
        size_t nc = ix->hcap ? 2 * ix->hcap : 8;
        LyExpr *n = lyv_realloc(vm, ix->heads, ix->hcap * sizeof *n, nc * sizeof *n);
        if (!n) return;                      /* the caller sees the unwind */
        ix->heads = n;
        ix->hcap = nc;
    }
    ix->heads[ix->nheads++] = h;
}

/* lhs can be found by SameQ: a literal of a few hundred parts at most,
 * no head in it Flat or Orderless; its head symbols go into ix->heads. */
static bool indexable(LyVM *vm, LyExpr lhs, LyvRIndex *ix) {
    if (!ly_is_normal(lhs)) return true;          /* atoms, packed arrays */
    if (!lyv_is_literal(lhs)) return false;
    LyExpr st[64];
    size_t n = 0, budget = 256;
    st[n++] = lhs;
    while (n) {
        LyExpr p = st[--n];
        if (!ly_is_normal(p)) continue;
        if (!budget--) return false;
        LyExpr h = ly_nhead(p);
        if (ly_is_sym(h)) {
            if (lyv_attrs(vm, h) & (LYA_FLAT | LYA_ORDERLESS)) return false;
            heads_add(vm, ix, h);
            if (vm->unwind) return false;
        } else {
            if (n == 64) return false;
            st[n++] = h;
        }
        for (size_t i = 1; i <= ly_nlen(p); i++) {
            if (!ly_is_normal(ly_narg(p, i))) continue;
            if (n == 64) return false;
            st[n++] = ly_narg(p, i);
        }
    }
    return true;
}

static void index_free(LyVM *vm, LyvRIndex *ix, size_t n) {
    if (!ix) return;
    lyv_free(vm, ix->keys, ix->cap * sizeof *ix->keys);
    lyv_free(vm, ix->rule, ix->cap * sizeof *ix->rule);
    lyv_free(vm, ix->scan, (n ? n : 1) * sizeof *ix->scan);
    if (ix->heads) lyv_free(vm, ix->heads, ix->hcap * sizeof *ix->heads);
    lyv_free(vm, ix, sizeof *ix);
}

/* An index over rs[0..n-1], or NULL when fewer than minlit rules are
 * literal or memory ran out (ly_unwinding tells). */
static LyvRIndex *index_new(LyVM *vm, const LyvRul *rs, size_t n, size_t minlit) {
    LyvRIndex *ix = lyv_alloc(vm, sizeof *ix);
    if (!ix) return NULL;
    memset(ix, 0, sizeof *ix);
    size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    ix->cap = cap;
    ix->keys = lyv_alloc(vm, cap * sizeof *ix->keys);
    ix->rule = lyv_alloc(vm, cap * sizeof *ix->rule);
    ix->scan = lyv_alloc(vm, (n ? n : 1) * sizeof *ix->scan);
    size_t nlit = 0;
    if (!ix->keys || !ix->rule || !ix->scan) goto fail;
    for (size_t i = 0; i < cap; i++) ix->rule[i] = EMPTY;
    for (size_t i = 0; i < n; i++) {
        LyExpr lhs = rs[i].lhs;
        bool lit = !rs[i].cond && indexable(vm, lhs, ix);
        if (vm->unwind) goto fail;
        if (!lit) { ix->scan[ix->nscan++] = (uint32_t)i; continue; }
        uint64_t k = ly_hash(lhs);
        size_t m = cap - 1, s = (size_t)k & m;
        bool dup = false;
        for (; ix->rule[s] != EMPTY; s = (s + 1) & m)
            if (ix->keys[s] == k && lyv_equal(rs[ix->rule[s]].lhs, lhs)) { dup = true; break; }
        if (dup) continue;           /* never applies: the first one always does before it */
        ix->keys[s] = k;
        ix->rule[s] = (uint32_t)i;
        nlit++;
        if (ly_is_normal(lhs) || ly_is_packed(lhs)) {
            unsigned b = sig_bit(lhs);
            ix->sig[b >> 6] |= (uint64_t)1 << (b & 63);
        } else {
            ix->atoms = true;
        }
    }
    if (nlit >= minlit) return ix;
fail:
    index_free(vm, ix, n);
    return NULL;
}

/* No head inside an indexed left side became Flat or Orderless since. */
static bool index_valid(LyVM *vm, const LyvRIndex *ix) {
    for (size_t i = 0; i < ix->nheads; i++)
        if (lyv_attrs(vm, ix->heads[i]) & (LYA_FLAT | LYA_ORDERLESS)) return false;
    return true;
}

int64_t lyv_rules_find(const LyVM *vm, const LyvRIndex *ix, const LyvRul *rs, LyExpr e) {
    (void)vm;
    if (ly_is_normal(e) || ly_is_packed(e)) {
        unsigned b = sig_bit(e);
        if (!(ix->sig[b >> 6] & ((uint64_t)1 << (b & 63)))) return -1;
    } else if (!ix->atoms) {
        return -1;
    }
    uint64_t k = ly_hash(e);
    size_t m = ix->cap - 1;
    for (size_t s = (size_t)k & m; ix->rule[s] != EMPTY; s = (s + 1) & m)
        if (ix->keys[s] == k && lyv_equal(rs[ix->rule[s]].lhs, e)) return ix->rule[s];
    return -1;
}

/* ---- rule lists ------------------------------------------------------------------------------ */

static void rules_free(LyVM *vm, LyvRules *r) {
    if (!r->lent) {
        index_free(vm, r->ix, r->n);
        if (r->rs) lyv_free(vm, r->rs, r->n * sizeof *r->rs);
    }
    ly_unref(vm, r->list);
    memset(r, 0, sizeof *r);
}

void lyv_rules_release(LyVM *vm) {
    if (vm->rcache) {
        rules_free(vm, vm->rcache);
        lyv_alloc_quiet(vm, vm->rcache, sizeof *vm->rcache, 0);
        vm->rcache = NULL;
    }
}

/* The rules of a List or Association of rules (rules of its parts, each
 * checked); false when one is not a rule (nothing allocated). */
static bool rules_of_list(LyVM *vm, LyExpr list, LyvRules *out) {
    size_t k;
    LyExpr const *parts;
    if (ly_type(list) == LY_TASSOC) { k = ly_assoc(list)->len; parts = ly_assoc(list)->rules; }
    else { k = ly_nlen(list); parts = ly_nargs(list); }
    for (size_t i = 0; i < k; i++) if (!lyv_is_rule(parts[i])) return false;
    if (k == 0) return true;
    out->rs = lyv_alloc(vm, k * sizeof *out->rs);
    if (!out->rs) return false;
    for (size_t i = 0; i < k; i++) lyv_rule_of(parts[i], &out->rs[i]);
    out->n = k;
    return true;
}

static const LyForeignType dispatch_type;

typedef struct LyvDispatch {
    LyExpr list;             /* the rules as given (a List) */
    LyvRules r;              /* their parts and index (r.rs borrows from list) */
} LyvDispatch;

bool lyv_rules_get(LyVM *vm, LyExpr spec, LyvRules *out) {
    memset(out, 0, sizeof *out);
    LyvDispatch *dp = ly_foreign_data(spec, &dispatch_type);
    if (dp) {
        *out = dp->r;
        out->list = NULL;
        out->lent = true;
        if (out->ix && !index_valid(vm, out->ix)) out->ix = NULL;
        return true;
    }
    if (lyv_is_rule(spec)) {
        out->rs = lyv_alloc(vm, sizeof *out->rs);
        if (!out->rs) return false;
        lyv_rule_of(spec, out->rs);
        out->n = 1;
        return true;
    }
    if (!ly_head_is(spec, LY_SYM(List))) return false;
    LyvRules *c = vm->rcache;
    if (c && c->list == spec) {
        /* the list of the last call: its index, taken out of the cache
         * while in use (a replacement inside this one makes its own) */
        vm->rcache = NULL;
        *out = *c;
        lyv_alloc_quiet(vm, c, sizeof *c, 0);
        if (out->ix && !index_valid(vm, out->ix)) { index_free(vm, out->ix, out->n); out->ix = NULL; }
        return true;
    }
    if (!rules_of_list(vm, spec, out)) return false;
    if (out->n >= INDEX_MIN_RULES) {
        out->ix = index_new(vm, out->rs, out->n, INDEX_MIN_LITERALS);
        if (vm->unwind) { rules_free(vm, out); return false; }
        if (out->ix) { ly_ref(spec); out->list = spec; }
    }
    return true;
}

void lyv_rules_done(LyVM *vm, LyvRules *r) {
    if (!r->lent && r->list && r->ix) {
        /* keep it for the next call with the same list */
        LyvRules *c = vm->rcache ? vm->rcache : lyv_alloc_quiet(vm, NULL, 0, sizeof *c);   /* no exit */
        if (c) {
            if (vm->rcache) rules_free(vm, c);
            *c = *r;
            vm->rcache = c;
            memset(r, 0, sizeof *r);
            return;
        }
    }
    rules_free(vm, r);
}

/* ---- Dispatch ---------------------------------------------------------------------------- */

static void dispatch_finalize(LyVM *vm, void *data) {
    LyvDispatch *d = data;
    d->r.lent = false;
    d->r.list = NULL;
    rules_free(vm, &d->r);
    ly_unref(vm, d->list);
    lyv_free(vm, d, sizeof *d);
}

static void dispatch_format(LyBuf *b, void *data) {
    ly_buf_printf(b, "<%zu>", ((LyvDispatch *)data)->r.n);
}

static void dispatch_format_input(LyBuf *b, void *data) {
    ly_buf_puts(b, "Dispatch[");
    ly_buf_expr(b, ((LyvDispatch *)data)->list, LY_FORM_INPUT);
    ly_buf_puts(b, "]");
}

static bool dispatch_equal(void *a, void *b) {
    return ly_equal(((LyvDispatch *)a)->list, ((LyvDispatch *)b)->list);
}

static uint64_t dispatch_hash(void *data) { return ly_hash(((LyvDispatch *)data)->list) ^ 0xd15ca7c4ull; }

static LyExpr dispatch_new(LyVM *vm, LyExpr list);

static LyExpr dispatch_transfer(LyVM *dst, void *data) {
    LyExpr l = ly_copy(dst, ((LyvDispatch *)data)->list);
    if (!l) return NULL;
    LyExpr d = dispatch_new(dst, l);
    ly_unref(dst, l);
    return d;
}

/* Module's locals in the rules are kept while the Dispatch object is (tempgc.c). */
static void dispatch_refs(void *data, void (*visit)(void *ctx, LyExpr e), void *ctx) {
    visit(ctx, ((LyvDispatch *)data)->list);
}

static const LyForeignType dispatch_type = {
    "Dispatch", dispatch_finalize, dispatch_format, NULL, dispatch_equal, dispatch_hash,
    dispatch_transfer, NULL, dispatch_format_input, false, dispatch_refs
};

LyExpr ly_dispatch_rules(LyVM *vm, LyExpr x) {
    (void)vm;
    LyvDispatch *d = ly_foreign_data(x, &dispatch_type);
    if (!d) return NULL;
    ly_ref(d->list);
    return d->list;
}

/* A Dispatch of list (a List of rules, borrowed), or NULL with an unwind. */
static LyExpr dispatch_new(LyVM *vm, LyExpr list) {
    LyvDispatch *d = lyv_alloc(vm, sizeof *d);
    if (!d) return NULL;
    memset(d, 0, sizeof *d);
    ly_ref(list);
    d->list = list;
    d->r.lent = true;                  /* not the cache's */
    if (!rules_of_list(vm, list, &d->r)) goto fail;
    if (d->r.n) {
        d->r.ix = index_new(vm, d->r.rs, d->r.n, 1);
        if (vm->unwind) goto fail;
    }
    return ly_mkforeign(vm, &dispatch_type, d);    /* finalizes d on failure */
fail:
    dispatch_finalize(vm, d);
    return NULL;
}

static LyExpr b_dispatch(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 1) return lyv_argx(vm, e);
    LyExpr x = ly_narg(e, 1);
    if (ly_foreign_data(x, &dispatch_type)) { ly_ref(x); return x; }
    LyExpr list = NULL;
    if (lyv_is_rule(x)) list = ly_mk(vm, LY_SYM(List), 1, (ly_ref(x), x));
    else if (ly_type(x) == LY_TASSOC) list = ly_list(vm, ly_assoc(x)->len, ly_assoc(x)->rules);
    else if (ly_head_is(x, LY_SYM(List))) {
        bool ok = true;
        for (size_t i = 1; i <= ly_nlen(x) && ok; i++) ok = lyv_is_rule(ly_narg(x, i));
        if (ok) { ly_ref(x); list = x; }
    }
    if (!list) {
        if (!vm->unwind) ly_message(vm, LY_SYM(Dispatch), "invrpl", 1, x);
        return NULL;
    }
    LyExpr d = dispatch_new(vm, list);
    ly_unref(vm, list);
    return d;
}

static const LyBuiltin dispatch_builtins[] = {
    { "Dispatch", b_dispatch, "Protected",
      "Dispatch[{lhs1 -> rhs1, lhs2 -> rhs2, ...}] generates an optimized dispatch table representation of a list of rules." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lyv_open_dispatch(LyVM *vm) {
    ly_set_message(vm, "Dispatch", "invrpl", "`1` is not a valid rule or list of rules.");
    if (ly_unwinding(vm)) { lyv_clear_unwind(vm); return LY_ERRMEM; }
    return ly_register_table(vm, dispatch_builtins);
}
