/*
 * eval.c — the evaluator: Wolfram's standard evaluation sequence.
 *
 * For h[a1, ..., an]:
 *   1. evaluate the head;
 *   2. evaluate the arguments unless held (HoldFirst / HoldRest / HoldAll /
 *      HoldAllComplete), honouring Evaluate[...] inside held positions and
 *      stripping Unevaluated[...];
 *   3. splice Sequence[...] unless SequenceHold / HoldAllComplete;
 *   4. Flat: flatten nested h; Listable: thread over lists; Orderless: sort;
 *   5. apply rules: up-values, down-values (rules.c), then built-in code;
 *   6. if anything changed, evaluate the result again (to a fixed point,
 *      bounded by $IterationLimit).
 *
 * Safe points: every normal-expression evaluation checks the abort flag
 * (a relaxed atomic another thread may set), $RecursionLimit and the C stack
 * budget, so Ctrl-C and TimeConstrained stop any evaluation promptly and no
 * input overflows the C stack.
 *
 * Ownership: lyv_eval borrows its argument and returns a new reference, or
 * NULL while unwinding (lyra_ext.h).
 */
#include "lyv.h"
#include "match.h"

/* ---- unwinding ------------------------------------------------------------------ */

bool ly_unwinding(LyVM *vm) { return vm->unwind != LYU_NONE; }

void lyv_clear_unwind(LyVM *vm) {
    vm->unwind = LYU_NONE;
    ly_unref(vm, vm->unwind_value);
    ly_unref(vm, vm->unwind_tag);
    vm->unwind_value = vm->unwind_tag = NULL;
}

static void start_unwind(LyVM *vm, LyUnwind kind, LyExpr value, LyExpr tag) {
    if (vm->unwind != LYU_NONE) {      /* an exit is already running: keep the first */
        ly_unref(vm, value);
        ly_unref(vm, tag);
        return;
    }
    vm->unwind = kind;
    vm->unwind_value = value;
    vm->unwind_tag = tag;
}

LyExpr ly_raise_abort(LyVM *vm) { start_unwind(vm, LYU_ABORT, NULL, NULL); return NULL; }
LyExpr ly_raise_nomem(LyVM *vm) {
    /* a request refused by an armed MemoryConstrained (mem.c) is that
     * construct's Abort, not an out-of-memory exit; and an Abort already
     * unwinding (a long print or conversion stopped by Ctrl-C, whose caller
     * then reports a failed buffer) stays an Abort */
    if (lyv_limit_fired(vm) || vm->unwind == LYU_ABORT) { start_unwind(vm, LYU_ABORT, NULL, NULL); return NULL; }
    if (vm->unwind != LYU_NOMEM) {
        lyv_clear_unwind(vm);          /* memory trumps any other exit */
        vm->unwind = LYU_NOMEM;
    }
    return NULL;
}
LyExpr ly_raise_throw(LyVM *vm, LyExpr value, LyExpr tag) {
    start_unwind(vm, LYU_THROW, value, tag);
    return NULL;
}
LyExpr lyv_raise(LyVM *vm, LyUnwind kind, LyExpr value) {
    start_unwind(vm, kind, value, NULL);
    return NULL;
}

void ly_abort(LyVM *vm) {
    atomic_store_explicit(&vm->abort_requested, 1, memory_order_relaxed);
}

/* ---- safe points ------------------------------------------------------------------ */

static inline bool stack_exhausted(LyVM *vm) {
    char here;
    uintptr_t p = (uintptr_t)&here;
    return p < vm->stack_lo || p > vm->stack_hi;
}

/* Returns false (after starting an unwind) when evaluation must stop. */
LYV_COLD static bool safe_point_slow(LyVM *vm, LyExpr e) {
    if (atomic_load_explicit(&vm->abort_requested, memory_order_relaxed)) {
        atomic_store_explicit(&vm->abort_requested, 0, memory_order_relaxed);
        ly_raise_abort(vm);
        return false;
    }
    if (vm->limits && lyv_limits_exceeded(vm, false)) { ly_raise_abort(vm); return false; }
    if (stack_exhausted(vm)) {
        /* the C stack is nearly used up: no evaluation can go deeper */
        LyExpr lim = lyv_int_from_int64(vm, vm->depth);
        LyExpr hf = ly_mk(vm, LY_SYM(HoldForm), 1, (ly_ref(e), e));
        if (lim && hf) ly_message(vm, LY_SYM(DRecursionLimit), "reclim2", 2, lim, hf);
        ly_unref(vm, lim);
        ly_unref(vm, hf);
        ly_raise_abort(vm);
        return false;
    }
    return true;
}

static inline bool safe_point(LyVM *vm, LyExpr e) {
    if (!atomic_load_explicit(&vm->abort_requested, memory_order_relaxed) && !vm->limits &&
        !stack_exhausted(vm))
        return true;
    return safe_point_slow(vm, e);
}

bool lyv_safe_point(LyVM *vm, LyExpr e) { return safe_point(vm, e); }

static LyExpr recursion_limit(LyVM *vm, LyExpr e);

/* ---- symbols -------------------------------------------------------------------- */

static LyExpr eval_symbol(LyVM *vm, LyExpr s) {
    LyDefs *d = lyv_defs_get(vm, ly_sym(s));
    if (!d || !d->own) return s;
    LyExpr v = d->own;
    if (!ly_is_obj(v) && !ly_is_sym(v)) return v;        /* small integer */
    if (!d->own_delayed && d->own_version == vm->eval_version && !ly_is_sym(v)) {
        /* evaluated when set, and no definition changed since */
        ly_ref(v);
        return v;
    }
    if (ly_is_sym(v)) {
        if (v == s) return s;
        if (vm->depth >= vm->recursion_limit) return recursion_limit(vm, s);
        vm->depth++;
        LyExpr r = eval_symbol(vm, v);
        vm->depth--;
        return r;
    }
    if (v->type != LY_TNORMAL) { ly_ref(v); return v; }
    return lyv_eval_own(vm, d, v);      /* stale: maybe nothing in it changed (stale.c) */
}

/* ---- arguments ------------------------------------------------------------------------ */

static bool held(uint32_t attrs, size_t i) {
    if (attrs & (LYA_HOLDALL | LYA_HOLDALLCOMPLETE)) return true;
    if (i == 1) return (attrs & (LYA_HOLDFIRST | LYA_FUSE)) != 0;
    return (attrs & LYA_HOLDREST) != 0;
}

/* Sequence[...] splices into any head; Splice[{...}] into a List,
 * Splice[{...}, hpatt] into a head matching hpatt (Wolfram). */
static inline bool seq_like(LyExpr h) { return h == LY_SYM(Sequence) || h == LY_SYM(Splice); }

/* The elements a Sequence or Splice argument a puts into head[...]: a
 * borrowed normal expression whose arguments are spliced, or NULL when a
 * stays as it is.  *tmp gets a new reference to release (unpacked rows). */
static LyExpr spliced_parts(LyVM *vm, LyExpr a, LyExpr head, LyExpr *tmp) {
    *tmp = NULL;
    if (!ly_is_normal(a)) return NULL;
    if (ly_nhead(a) == LY_SYM(Sequence)) return a;
    if (ly_nhead(a) != LY_SYM(Splice) || ly_nlen(a) < 1 || ly_nlen(a) > 2) return NULL;
    LyExpr l = ly_narg(a, 1);
    if (!ly_head_is(l, LY_SYM(List)) && !ly_is_packed(l)) return NULL;
    if (ly_nlen(a) == 1) {
        if (head != LY_SYM(List)) return NULL;
    } else {
        LyExpr pat = ly_narg(a, 2);
        if (pat != head) {
            LyvBinds b;
            lyv_binds_init(&b, vm);
            bool ok = lyv_match(vm, pat, head, &b);
            lyv_binds_free(&b);
            if (!ok) return NULL;
        }
    }
    if (ly_is_packed(l)) return *tmp = lyv_unpack_rows(vm, l);
    return l;
}

/* Splices the nseq Sequence[...] (and Splice[...]) arguments of r (stolen)
 * into it (nothing when nseq is 0); *unev gets the new places of the
 * arguments stripped of Unevaluated (bits of stripped).  New reference or
 * NULL. */
static LyExpr splice_sequences(LyVM *vm, LyExpr r, size_t nseq, uint64_t stripped, uint64_t *unev) {
    *unev = stripped;
    if (!nseq) return r;
    size_t n = ly_nlen(r);
    LyExpr src = r, h = ly_nhead(src), tmp;
    size_t total = 0, spliced = 0;
    for (size_t i = 1; i <= n; i++) {
        LyExpr p = spliced_parts(vm, ly_narg(src, i), h, &tmp);
        if (p) { total += ly_nlen(p); spliced++; }
        else total++;
        ly_unref(vm, tmp);
        if (vm->unwind) { ly_unref(vm, src); return NULL; }
    }
    if (!spliced) return r;
    *unev = 0;            /* the stripped arguments' new places, below */
    ly_ref(h);
    LyExpr s = ly_mknormal(vm, h, total);
    if (!s) { ly_unref(vm, src); return NULL; }
    size_t k = 0;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(src, i);
        LyExpr p = spliced_parts(vm, a, h, &tmp);
        if (p && k + ly_nlen(p) <= total) {
            for (size_t j = 1; j <= ly_nlen(p); j++) { ly_ref(ly_narg(p, j)); ly_nset(s, ++k, ly_narg(p, j)); }
        } else if (!p && k < total) {
            ly_ref(a); ly_nset(s, ++k, a);
            if (i <= 64 && k <= 64 && (stripped & ((uint64_t)1 << (i - 1)))) *unev |= (uint64_t)1 << (k - 1);
        }
        ly_unref(vm, tmp);
    }
    /* (a pattern test that answered differently the second time) */
    while (k < total) ly_nset(s, ++k, LY_SYM(Null));
    ly_unref(vm, src);
    return s;
}

/* Evaluates the arguments of e (head already evaluated to `head`, a new
 * reference that is stolen).  Returns a new expression, or e itself (with a
 * new reference) when nothing changed, or with fold (lyv_fold_op of head)
 * the folded value when the arguments came out as machine integers (no
 * expression built).  NULL while unwinding.  *unev gets a bit for each
 * argument (1..64) whose Unevaluated[...] wrapper was stripped, for
 * eval_normal to restore when no rule applies (Wolfram: f[Unevaluated[1 +
 * 1]] stays so when f has no definition), at their places after Sequence
 * splicing. */
static LyExpr eval_args(LyVM *vm, LyExpr e, LyExpr head, uint32_t attrs, int fold, uint64_t *unev,
                        const LyvDone *pre, bool *final) {
    size_t n = ly_nlen(e);
    size_t nseq = 0;          /* Sequence arguments to splice */
    size_t changed = 0;       /* arguments whose value differs */
    uint64_t stripped = 0;
    *unev = 0;
    if (pre) {
        /* evaluated already (rulecode.c): only Sequence splicing is left */
        if (!(attrs & LYA_SEQUENCEHOLD))
            for (size_t i = 1; i <= n; i++) if (ly_is_normal(ly_narg(e, i)) && seq_like(ly_nhead(ly_narg(e, i)))) nseq++;
        ly_unref(vm, head);
        ly_ref(e);
        if (!nseq) { *unev = pre->unev; return e; }
        return splice_sequences(vm, e, nseq, pre->unev, unev);
    }
    if (attrs & LYA_HOLDALLCOMPLETE) {       /* no Evaluate, Unevaluated or Sequence here */
        if (head == ly_nhead(e)) { ly_ref(e); return e; }
        fold = 0;
        n = 0;                               /* only the head changes, below */
    }
    /* the values: v[i] is the argument itself (borrowed) or a new reference */
    LyExpr small[8], *v = small;
    small[0] = NULL;          /* (v is filled below; tells -Wmaybe-uninitialized so at -O1) */
    if (n > 8 && !(v = lyv_alloc(vm, n * sizeof *v))) { ly_unref(vm, head); return NULL; }
    bool anyhold = (attrs & (LYA_HOLDFIRST | LYA_HOLDREST | LYA_HOLDALL)) != 0;
    bool splice = !(attrs & LYA_SEQUENCEHOLD);
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i), x;
        v[i - 1] = a;
        if (anyhold && held(attrs, i)) {
            if (!ly_is_normal(a)) continue;
            LyExpr h = ly_nhead(a);
            if (h == LY_SYM(Evaluate) && ly_nlen(a) == 1) {
                x = lyv_eval(vm, ly_narg(a, 1));
            } else if (h == LY_SYM(Unevaluated) && ly_nlen(a) == 1) {
                x = ly_narg(a, 1);
                ly_ref(x);
                if (i <= 64) stripped |= (uint64_t)1 << (i - 1);
            } else {
                if (splice && seq_like(h)) nseq++;
                continue;
            }
        } else if (!ly_is_obj(a)) {
            if (!ly_is_sym(a)) continue;                 /* small integer */
            x = eval_symbol(vm, a);
            if (x == a) continue;
        } else if (a->type == LY_TNORMAL) {
            if (ly_normal(a)->stamp == vm->eval_version) {   /* evaluated */
                if (splice && seq_like(ly_nhead(a))) nseq++;
                continue;
            }
            if (ly_nhead(a) == LY_SYM(Unevaluated) && ly_nlen(a) == 1) {
                x = ly_narg(a, 1);
                ly_ref(x);
                if (i <= 64) stripped |= (uint64_t)1 << (i - 1);
            } else {
                x = lyv_eval(vm, a);
            }
        } else {
            continue;                                    /* other atoms */
        }
        if (!x) {
            for (size_t j = 1; j < i; j++) if (v[j - 1] != ly_narg(e, j)) ly_unref(vm, v[j - 1]);
            if (v != small) lyv_free(vm, v, n * sizeof *v);
            ly_unref(vm, head);
            return NULL;
        }
        if (splice && ly_is_normal(x) && seq_like(ly_nhead(x))) nseq++;
        if (x == a) { ly_unref(vm, x); continue; }
        v[i - 1] = x;
        changed++;
    }
    LyExpr r;
    if (fold && !nseq) {
        if (fold < LYV_FOLD_ASSIGN) {
            if ((r = lyv_fold_small(vm, head, n, v))) {
                /* the values are small integers: nothing to release */
                if (v != small) lyv_free(vm, v, n * sizeof *v);
                ly_unref(vm, head);
                return r;
            }
        } else if (!stripped && ((r = lyv_fold_assign(vm, fold, head, n, v, final)) || vm->unwind)) {
            for (size_t i = 1; i <= n; i++) if (v[i - 1] != ly_narg(e, i)) ly_unref(vm, v[i - 1]);
            if (v != small) lyv_free(vm, v, n * sizeof *v);
            ly_unref(vm, head);
            return r;
        }
    }
    if (!changed && head == ly_nhead(e)) {
        ly_unref(vm, head);
        r = e;
        ly_ref(e);
    } else if (e->rc == 1) {
        /* e is held only by the caller's loop (a fresh rule result): the
         * arguments are replaced in place instead of in a copy */
        r = e;
        ly_ref(e);
        ly_normal(e)->stamp = 0;
        if (head != ly_nhead(e)) { ly_unref(vm, ly_nhead(e)); ly_normal(e)->e[0] = head; }
        else ly_unref(vm, head);
        for (size_t i = 1; i <= n; i++) {
            LyExpr a = ly_narg(e, i);
            if (v[i - 1] != a) { ly_nset(e, i, v[i - 1]); ly_unref(vm, a); }
        }
    } else if (n == ly_nlen(e)) {
        for (size_t i = 1; i <= n; i++) if (v[i - 1] == ly_narg(e, i)) ly_ref(v[i - 1]);
        r = lyv_mknormal_from(vm, head, n, v);
        if (!r) { if (v != small) lyv_free(vm, v, n * sizeof *v); return NULL; }
    } else {
        size_t m = ly_nlen(e);
        r = ly_mknormal(vm, head, m);
        if (!r) {
            for (size_t i = 1; i <= n; i++) if (v[i - 1] != ly_narg(e, i)) ly_unref(vm, v[i - 1]);
            if (v != small) lyv_free(vm, v, n * sizeof *v);
            return NULL;
        }
        for (size_t i = 1; i <= m; i++) {
            LyExpr a = ly_narg(e, i);
            if (i <= n && v[i - 1] != a) ly_nset(r, i, v[i - 1]);
            else { ly_ref(a); ly_nset(r, i, a); }
        }
    }
    if (v != small) lyv_free(vm, v, n * sizeof *v);
    if (!nseq) { *unev = stripped; return r; }
    return splice_sequences(vm, r, nseq, stripped, unev);
}

/* Puts back the Unevaluated wrappers eval_args stripped (bits of unev)
 * when no rule applied to cur (stolen; new reference or NULL). */
LYV_COLD static LyExpr rewrap(LyVM *vm, LyExpr cur, uint64_t unev) {
    if (cur->rc != 1) {
        LyExpr c = ly_apply(vm, ly_nhead(cur), ly_nlen(cur), ly_nargs(cur));
        ly_unref(vm, cur);
        if (!c) return NULL;
        cur = c;
    }
    ly_normal(cur)->stamp = 0;
    for (size_t i = 1; i <= ly_nlen(cur) && i <= 64; i++) {
        if (!(unev & ((uint64_t)1 << (i - 1)))) continue;
        LyExpr w = ly_mknormal(vm, LY_SYM(Unevaluated), 1);
        if (!w) { ly_unref(vm, cur); return NULL; }
        ly_nset(w, 1, ly_narg(cur, i));
        ly_nset(cur, i, w);
    }
    return cur;
}

/* ---- Flat, Orderless, Listable ------------------------------------------------------------ */

LYV_NOINLINE static LyExpr flatten_head(LyVM *vm, LyExpr e) {
    LyExpr h = ly_nhead(e);
    size_t n = ly_nlen(e), total = 0;
    bool any = false;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (ly_head_is(a, h)) { any = true; total += ly_nlen(a); } else total++;
    }
    if (!any) return e;
    ly_ref(h);
    LyExpr r = ly_mknormal(vm, h, total);
    if (!r) { ly_unref(vm, e); return NULL; }
    size_t k = 0;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (ly_head_is(a, h)) {
            for (size_t j = 1; j <= ly_nlen(a); j++) { ly_ref(ly_narg(a, j)); ly_nset(r, ++k, ly_narg(a, j)); }
        } else {
            ly_ref(a); ly_nset(r, ++k, a);
        }
    }
    ly_unref(vm, e);
    return r;
}

static int order_cmp(const void *a, const void *b) {
    return ly_order(*(const LyExpr *)a, *(const LyExpr *)b);
}

/* Sorts the arguments in place: e is fresh or uniquely referenced. */
LYV_NOINLINE static LyExpr sort_args(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    bool sorted = true;
    for (size_t i = 1; i < n && sorted; i++)
        if (ly_order(ly_narg(e, i), ly_narg(e, i + 1)) > 0) sorted = false;
    if (sorted) return e;
    if (e->rc != 1) {
        LyExpr c = ly_apply(vm, ly_nhead(e), n, ly_nargs(e));
        ly_unref(vm, e);
        if (!c) return NULL;
        e = c;
    }
    LyExpr *a = ly_nargs(e);
    if (n <= 16) {
        /* insertion sort: stable and allocation-free for the common small case */
        for (size_t i = 1; i < n; i++) {
            LyExpr x = a[i];
            size_t j = i;
            while (j > 0 && ly_order(a[j - 1], x) > 0) { a[j] = a[j - 1]; j--; }
            a[j] = x;
        }
    } else {
        qsort(a, n, sizeof(LyExpr), order_cmp);
    }
    return e;
}

static size_t list_length(LyExpr a) {
    if (ly_head_is(a, LY_SYM(List))) return ly_nlen(a);
    if (ly_is_packed(a)) return ly_packed(a)->dims[0];
    return (size_t)-1;
}

/* Threads a Listable function over its list arguments: f[{a,b},c] ->
 * {f[a,c], f[b,c]}.  Returns e itself when no argument is a list, NULL on
 * error (after a message when the lengths differ). */
LyExpr lyv_packed_listable(LyVM *vm, LyExpr e);   /* extapi_lists.c */

/* A Listable function of associations (and no lists) threads over their
 * values, key by key: <|a -> 1|> + 1 -> <|a -> 2|>, as in Wolfram; the
 * associations must have the same keys in the same order.  e itself when
 * that does not apply. */
LYV_NOINLINE static LyExpr thread_assoc(LyVM *vm, LyExpr e, bool *threaded) {
    size_t n = ly_nlen(e);
    LyAssoc *first = NULL;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (ly_type(a) != LY_TASSOC) continue;
        LyAssoc *as = ly_assoc(a);
        if (!first) { first = as; continue; }
        if (as->len != first->len) return e;
        for (size_t k = 0; k < as->len; k++)
            if (!ly_equal(ly_narg(as->rules[k], 1), ly_narg(first->rules[k], 1))) return e;
    }
    if (!first) return e;
    *threaded = true;
    size_t len = first->len;
    LY_SCRATCH(LyExpr, rules, vm, len ? len : 1);
    if (!rules) return NULL;
    size_t done = 0;
    bool ok = true;
    while (ok && done < len) {
        LyExpr h = ly_nhead(e);
        ly_ref(h);
        LyExpr call = ly_mknormal(vm, h, n);
        if (!call) { ok = false; break; }
        for (size_t i = 1; i <= n; i++) {
            LyExpr a = ly_narg(e, i);
            LyExpr x = ly_type(a) == LY_TASSOC ? ly_narg(ly_assoc(a)->rules[done], 2) : a;
            ly_ref(x);
            ly_nset(call, i, x);
        }
        LyExpr v = lyv_eval(vm, call);
        ly_unref(vm, call);
        LyExpr key = ly_narg(first->rules[done], 1);
        ly_ref(key);
        rules[done] = v ? ly_mk(vm, LY_SYM(Rule), 2, key, v) : (ly_unref(vm, key), NULL);
        if (rules[done]) done++;
        else ok = false;
    }
    LyExpr r = ok ? ly_mkassoc(vm, len, rules) : NULL;
    for (size_t k = 0; k < done; k++) ly_unref(vm, rules[k]);
    return r;
}

LYV_NOINLINE static LyExpr thread_listable(LyVM *vm, LyExpr e, bool *threaded) {
    size_t n = ly_nlen(e), len = (size_t)-1;
    *threaded = false;
    bool assoc = false;
    for (size_t i = 1; i <= n; i++) {
        size_t l = list_length(ly_narg(e, i));
        if (l == (size_t)-1) { assoc |= ly_type(ly_narg(e, i)) == LY_TASSOC; continue; }
        if (len != (size_t)-1 && l != len) {
            ly_message(vm, LY_SYM(Thread), "tdlen", 1, e);
            return e;
        }
        len = l;
    }
    if (len == (size_t)-1) return assoc ? thread_assoc(vm, e, threaded) : e;
    *threaded = true;
    /* packed arithmetic in tight loops (vm/extapi_lists.c); NULL: thread as usual */
    LyExpr fast = lyv_packed_listable(vm, e);
    if (fast) return fast;
    LyExpr out = ly_mknormal(vm, LY_SYM(List), len);
    if (!out) return NULL;
    LY_SCRATCH(LyExpr, unpacked, vm, n + 1);
    if (!unpacked) { ly_unref(vm, out); return NULL; }
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        unpacked[i] = ly_is_packed(a) ? ly_unpack(vm, a) : (ly_ref(a), a);
    }
    bool ok = true;
    for (size_t k = 1; k <= len; k++) {
        LyExpr h = ly_nhead(e);
        ly_ref(h);
        LyExpr call = ly_mknormal(vm, h, n);
        if (!call) { ok = false; }
        for (size_t i = 1; call && i <= n; i++) {
            LyExpr a = unpacked[i];
            LyExpr x = a && list_length(a) != (size_t)-1 ? ly_narg(a, k) : a;
            if (!x) x = LY_SYM(Null);
            ly_ref(x);
            ly_nset(call, i, x);
        }
        LyExpr v = call ? lyv_eval(vm, call) : NULL;
        ly_unref(vm, call);
        if (!v) ok = false;
        ly_nset(out, k, v ? v : LY_SYM(Null));
        if (!ok) { for (size_t j = k + 1; j <= len; j++) ly_nset(out, j, LY_SYM(Null)); break; }
    }
    for (size_t i = 1; i <= n; i++) ly_unref(vm, unpacked[i]);
    if (!ok) { ly_unref(vm, out); return NULL; }
    LyExpr packed = ly_try_pack(vm, out);
    ly_unref(vm, out);
    return packed;
}

/* Function[params, body, attrs]: the attributes its calls are evaluated
 * with (a name or a list of names; those that matter for evaluation). */
LYV_NOINLINE static uint32_t function_attrs(LyExpr head) {
    if (!ly_head_is(head, LY_SYM(Function)) || ly_nlen(head) != 3) return 0;
    LyExpr a = ly_narg(head, 3);
    size_t n = ly_head_is(a, LY_SYM(List)) ? ly_nlen(a) : 1;
    uint32_t bits = 0;
    for (size_t i = 1; i <= n; i++) {
        LyExpr x = ly_head_is(a, LY_SYM(List)) ? ly_narg(a, i) : a;
        uint32_t b;
        if (ly_is_sym(x) && lyv_attrs_parse(ly_sym(x)->name, &b)) bits |= b;
    }
    return bits & (LYA_HOLDFIRST | LYA_HOLDREST | LYA_HOLDALL | LYA_HOLDALLCOMPLETE | LYA_SEQUENCEHOLD |
                   LYA_FLAT | LYA_ORDERLESS | LYA_ONEIDENTITY | LYA_LISTABLE);
}

/* ---- the evaluation loop ------------------------------------------------------------------ */

/* e's arguments are what eval_args would leave as they are, under attrs
 * with HoldAll or HoldAllComplete (and no Flat, Orderless, Listable): no
 * Evaluate, Unevaluated or Sequence to act on. */
static inline bool held_plain(LyExpr e, uint32_t attrs) {
    if (!(attrs & (LYA_HOLDALL | LYA_HOLDALLCOMPLETE)) || (attrs & (LYA_FLAT | LYA_ORDERLESS | LYA_LISTABLE)))
        return false;
    if (attrs & LYA_HOLDALLCOMPLETE) return true;
    bool splice = !(attrs & LYA_SEQUENCEHOLD);
    for (size_t i = 1, n = ly_nlen(e); i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (!ly_is_normal(a)) continue;
        LyExpr h = ly_nhead(a);
        if (h == LY_SYM(Evaluate) || h == LY_SYM(Unevaluated) || (splice && seq_like(h))) return false;
    }
    return true;
}

/* If[c, a, b, u] with the built-in If (HoldRest) and no up-values: c
 * evaluated as eval_args would, and when it is True or False (or u is
 * there) *r the branch If's code gives: 1.  0: nothing done (*r NULL), or
 * c evaluated to something else: *r is the call with it (new reference)
 * for the general path to go on with, its arguments evaluated (*pre).
 * -1: unwinding. */
LYV_NOINLINE static int if_fast(LyVM *vm, LyExpr e, uint32_t attrs, LyExpr *r, LyvDone *pre) {
    *r = NULL;
    size_t n = ly_nlen(e);
    if (n < 2 || n > 4 || (attrs & ~(LYA_HOLDREST | LYA_PROTECTED | LYA_READPROTECTED | LYA_LOCKED)) ||
        !(attrs & LYA_HOLDREST))
        return 0;
    for (size_t i = 2; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (ly_is_normal(a) && (ly_nhead(a) == LY_SYM(Evaluate) || ly_nhead(a) == LY_SYM(Unevaluated))) return 0;
    }
    LyExpr c = ly_narg(e, 1), x;
    if (ly_is_sym(c)) x = eval_symbol(vm, c);
    else if (!ly_is_normal(c)) return 0;
    else if (ly_normal(c)->stamp == vm->eval_version) { x = c; ly_ref(x); }
    else if (ly_nhead(c) == LY_SYM(Unevaluated)) return 0;
    else x = lyv_eval(vm, c);
    if (!x) return -1;
    size_t k = x == LY_SYM(True) ? 2 : x == LY_SYM(False) ? 3 : 4;
    if ((k <= n && !(ly_is_normal(x) && seq_like(ly_nhead(x)))) || x == LY_SYM(False)) {
        ly_unref(vm, x);
        *r = k <= n ? ly_narg(e, k) : LY_SYM(Null);
        ly_ref(*r);
        return 1;
    }
    /* not decided: If[x, ...] goes on as the general path would have it
     * (the caller sets pre->v0) */
    pre->attrs = attrs;
    pre->unev = 0;
    if (x == c) { ly_unref(vm, x); ly_ref(e); *r = e; return 0; }
    ly_ref(ly_nhead(e));
    LyExpr y = ly_mknormal(vm, ly_nhead(e), n);
    if (!y) { ly_unref(vm, x); return -1; }
    ly_nset(y, 1, x);
    for (size_t i = 2; i <= n; i++) { ly_ref(ly_narg(e, i)); ly_nset(y, i, ly_narg(e, i)); }
    *r = y;
    return 0;
}

/* $RecursionLimit reached: as in Wolfram, a message and Hold[e] as the
 * value; the enclosing evaluations go on. */
LYV_COLD static LyExpr recursion_limit(LyVM *vm, LyExpr e) {
    /* deep data with nothing to evaluate in it (f[f[...f[x]]] with no
     * definitions, as each pass of x //. x -> f[x] builds) is found a fixed
     * point bottom up, without going deeper (stale.c) */
    if (ly_is_normal(e) && lyv_stamp_inert(vm, e)) { ly_ref(e); return e; }
    LyExpr lim = lyv_int_from_int64(vm, vm->recursion_limit);
    LyExpr hf = ly_mk(vm, LY_SYM(HoldForm), 1, (ly_ref(e), e));
    if (lim && hf) ly_message(vm, LY_SYM(DRecursionLimit), "reclim2", 2, lim, hf);
    ly_unref(vm, lim);
    ly_unref(vm, hf);
    ly_ref(e);
    return ly_mk(vm, LY_SYM(Hold), 1, e);
}

enum { FAST_NONE, FAST_APPLIED, FAST_DONE, FAST_PRE };

/* The fast paths of a builtin without rules of the user's (hd, attrs) for
 * *cur, the frame's current expression (e: the frame's own): If's branch,
 * a fold or an assignment of a later step, a HoldAll builtin run at once.
 * FAST_APPLIED: *r is the builtin's value (as from lyv_apply_rules);
 * FAST_DONE: *cur (stolen and replaced) is the frame's value, NULL while
 * unwinding; FAST_PRE: *cur was replaced by the call with its arguments
 * evaluated (*pre); FAST_NONE: nothing done.  Out of the frame's loop, so
 * that user-code recursion does not pay for it. */
LYV_NOINLINE static int builtin_fast(LyVM *vm, LyExpr e, LyDefs *hd, uint32_t attrs, LyExpr *cur, LyExpr *r,
                                     LyvDone *pre) {
    LyExpr c = *cur;
    int op = lyv_eval_op(ly_nhead(c));
    if (op == LYV_FOLD_IF) {
        int st = if_fast(vm, c, attrs, r, pre);
        if (st > 0) return FAST_APPLIED;
        if (st < 0) { ly_unref(vm, c); *cur = NULL; return FAST_DONE; }      /* unwinding */
        if (*r) { ly_unref(vm, c); *cur = *r; return FAST_PRE; }
        return FAST_NONE;
    }
    if (op && c != e) {
        LyExpr q = op < LYV_FOLD_ASSIGN ? lyv_fold_quick(vm, c, 0) : lyv_assign_quick(vm, c, op);
        if (q || vm->unwind) { ly_unref(vm, c); *cur = q; return FAST_DONE; }
        return FAST_NONE;
    }
    if (!op && held_plain(c, attrs)) {
        /* HoldAll (CompoundExpression, While, Do, ...): the arguments stay
         * as they are, the built-in code runs */
        *r = hd->builtin(vm, c);
        return FAST_APPLIED;
    }
    return FAST_NONE;
}

/* Evaluates e (borrowed) in a new frame.  pre: e's arguments are
 * evaluated already (rulecode.c).  One function, so that each level of
 * recursion costs one frame of it on the C stack. */
static LyExpr eval_frame(LyVM *vm, LyExpr e, const LyvDone *pre);

static inline LyExpr eval_normal(LyVM *vm, LyExpr e, const LyvDone *pre) {
    if (!pre) {
        /* machine-integer steps and assignments without a frame (fold.c) */
        int op = lyv_eval_op(ly_nhead(e));
        LyExpr q;
        if (op && op != LYV_FOLD_IF &&
            ((q = op < LYV_FOLD_ASSIGN ? lyv_fold_quick(vm, e, 0) : lyv_assign_quick(vm, e, op)) ||
             vm->unwind))
            return q;
    }
    return eval_frame(vm, e, pre);
}

LYV_NOINLINE static LyExpr eval_frame(LyVM *vm, LyExpr e, const LyvDone *pre) {
    if (!safe_point(vm, e)) return NULL;
    if (vm->depth >= vm->recursion_limit && !pre) {
        /* checked where user code recurses: heads with definitions or
         * compound heads (builtins at the limit finish their small work) */
        LyExpr h = ly_nhead(e);
        LyDefs *d = ly_is_sym(h) ? lyv_defs_get(vm, ly_sym(h)) : NULL;
        if (!ly_is_sym(h) || (d && (d->down || d->own)) || vm->depth >= vm->recursion_limit + 64)
            return recursion_limit(vm, e);
    }
    vm->depth++;
    LyExpr cur = e;
    ly_ref(cur);
    uint64_t m0 = vm->messages_issued;
    int iterations = 0;
    bool user_frame = false;     /* a user rule applied here: Return[] stops here */
    uint64_t v0 = 0;             /* definitions version at the start of the iteration */
    bool fixed = false;          /* the loop ended at a fixed point */
    uint64_t unev = 0;           /* arguments stripped of Unevaluated (eval_args) */
    LyvCall call;
    LyvDone ifpre;               /* If's condition evaluated by its fast path */
    LyExpr r;
    for (;;) {
        LyExpr h0 = ly_nhead(cur), head;
        uint32_t attrs;
        if (pre) {
            /* the head was a symbol without a value when the arguments
             * were evaluated, which the evaluator would not look at again */
            v0 = pre->v0;
            head = h0;
            attrs = pre->attrs;
        } else {
            v0 = vm->eval_version;
            LyDefs *hd = ly_is_sym(h0) ? lyv_defs_get(vm, ly_sym(h0)) : NULL;
            if (ly_is_sym(h0) && (!hd || !hd->own)) {
                head = h0;              /* the common case: a symbol without a value */
                attrs = hd ? hd->attrs : 0;
                if (hd && hd->builtin && !hd->down && !hd->builtin2 && !vm->nupvalues) {
                    /* builtins nothing of the user's applies to (no up-values
                     * anywhere): the steps of loops without the general path */
                    int st = builtin_fast(vm, e, hd, attrs, &cur, &r, &ifpre);
                    if (st == FAST_APPLIED) {
                        unev = 0;
                        call.user = call.nofix = call.done = false;
                        call.steps = 0;
                        goto applied;
                    }
                    if (st == FAST_DONE) break;
                    if (st == FAST_PRE) { ifpre.v0 = v0; pre = &ifpre; continue; }
                }
            } else {
                head = ly_is_sym(h0) ? eval_symbol(vm, h0) : lyv_eval(vm, h0);
                if (!head) { ly_unref(vm, cur); cur = NULL; break; }   /* unwinding */
                attrs = ly_is_sym(head) ? lyv_attrs(vm, head) : function_attrs(head);
            }
        }
        /* Plus, Less, ... of machine integers come back folded (fold.c) */
        bool final = false;
        LyExpr x = eval_args(vm, cur, head, attrs, pre ? 0 : lyv_eval_op(head), &unev, pre, &final);
        pre = NULL;
        if (attrs & (LYA_FLAT | LYA_ORDERLESS | LYA_LISTABLE)) unev = 0;   /* parts may move */
        ly_unref(vm, cur);
        cur = x;
        if (final) {
            /* an assignment done directly (lyv_fold_assign): as a builtin's
             * ly_evaluated result, below */
            if (ly_is_sym(cur)) cur = eval_symbol(vm, cur);
            break;
        }
        if (!cur || !ly_is_normal(cur)) break;
        if ((attrs & LYA_FLAT) && !(cur = flatten_head(vm, cur))) break;
        if (attrs & LYA_LISTABLE) {
            bool threaded;
            LyExpr t = thread_listable(vm, cur, &threaded);
            if (threaded || !t) { ly_unref(vm, cur); cur = t; break; }
        }
        if ((attrs & LYA_ORDERLESS) && !(cur = sort_args(vm, cur))) break;

        /* compiled right sides fold only away from $IterationLimit, where
         * the held result shows the unfolded form (rulecode.c) */
        call.fold = iterations + 8 < vm->iteration_limit;
        call.done = call.nofix = false;
        r = lyv_apply_rules(vm, cur, head, &call);
    applied:
        user_frame |= call.user;     /* also when its right side started an exit */
        if (r && vm->unwind) {
            /* issue 9: a builtin returned a value while an exit is in
             * progress (e.g. an allocation failed inside the matcher and was
             * taken for "no match"); the exit wins (lyra_ext.h protocol) */
            ly_unref(vm, r);
            r = NULL;
        }
        if (!r) {
            vm->result_final = false;
            if (vm->unwind) { ly_unref(vm, cur); cur = NULL; }
            else fixed = true;
            break;
        }
        if (vm->result_final) {
            /* a builtin returned what it evaluated itself (ly_evaluated):
             * another round would repeat its effects (messages outside a
             * Quiet); symbols still take their values, as in Wolfram */
            vm->result_final = false;
            ly_unref(vm, cur);
            cur = ly_is_sym(r) ? eval_symbol(vm, r) : r;
            break;
        }
        /* cur is normal: an atom result (but a packed array, SameQ to a
         * List), or a normal one with another symbol head, differs from it
         * without a comparison */
        int rt = ly_type(r);
        if (!call.nofix &&
            (r == cur || (rt == LY_TPACKED && ly_equal(r, cur)) ||
             (rt == LY_TNORMAL && !(ly_is_sym(ly_nhead(r)) && ly_nhead(r) != ly_nhead(cur)) &&
              ly_equal(r, cur)))) {
            ly_unref(vm, r);
            fixed = true;
            break;
        }
        ly_unref(vm, cur);
        cur = r;
        if (!ly_is_normal(cur)) {
            if (ly_is_sym(cur)) { LyExpr v = eval_symbol(vm, cur); cur = v; }
            break;
        }
        /* a result already evaluated under the current definitions (e.g. the
         * last part of a CompoundExpression) is final: evaluating it again
         * would repeat its messages */
        if (ly_normal(cur)->stamp == vm->eval_version) break;
        iterations += call.steps;
        if (++iterations >= vm->iteration_limit) {
            LyExpr lim = lyv_int_from_int64(vm, vm->iteration_limit);
            ly_message(vm, LY_SYM(DIterationLimit), "itlim", 1, lim);
            ly_unref(vm, lim);
            cur = ly_mk(vm, LY_SYM(Hold), 1, cur);
            break;
        }
        if (!safe_point(vm, cur)) { ly_unref(vm, cur); cur = NULL; break; }
        if (call.done) {
            /* the arguments were evaluated during this iteration: the
             * next one starts from them, and a fixed point found there is
             * one since before them (v0) */
            call.pre.v0 = v0;
            pre = &call.pre;
        }
    }
    if (fixed && unev && cur && ly_is_normal(cur)) cur = rewrap(vm, cur, unev);
    /* remember that cur evaluates to itself while no definition changes
     * (v0 is from before this iteration's own side effects) */
    if (fixed && cur && ly_is_normal(cur)) {
        ly_normal(cur)->stamp = v0;
        cur->flags = (uint8_t)((cur->flags & ~LYV_NF_MESSAGES) | (vm->messages_issued != m0 ? LYV_NF_MESSAGES : 0));
    }
    if (!cur && user_frame && vm->unwind == LYU_RETURN) {
        cur = vm->unwind_value ? vm->unwind_value : LY_SYM(Null);
        vm->unwind_value = NULL;
        lyv_clear_unwind(vm);
    }
    vm->depth--;
    return cur;
}

LyExpr lyv_eval_done(LyVM *vm, LyExpr e, uint32_t attrs, uint64_t unev, uint64_t v0, int *changed) {
    LyvDone pre = { attrs, unev, v0 };
    LyExpr r = eval_normal(vm, e, &pre);
    if (r && !lyv_equal(r, e)) ++*changed;
    ly_unref(vm, e);
    return r;
}

LyExpr lyv_eval_arg(LyVM *vm, LyExpr a, bool *stripped) {
    *stripped = false;
    if (ly_is_sym(a)) return eval_symbol(vm, a);
    if (!ly_is_normal(a) || ly_normal(a)->stamp == vm->eval_version) return a;
    LyExpr x;
    if (ly_nhead(a) == LY_SYM(Unevaluated) && ly_nlen(a) == 1) {
        x = ly_narg(a, 1);
        ly_ref(x);
        *stripped = true;
    } else {
        x = eval_normal(vm, a, NULL);
    }
    ly_unref(vm, a);
    return x;
}

LyExpr lyv_eval(LyVM *vm, LyExpr e) {
    if (ly_is_sym(e)) return eval_symbol(vm, e);
    if (!ly_is_obj(e)) return e;
    if (e->type == LY_TNORMAL) {
        if (ly_normal(e)->stamp == vm->eval_version) { ly_ref(e); return e; }
        return eval_normal(vm, e, NULL);
    }
    ly_ref(e);
    return e;
}

/* The builtins' entry: an expression whose evaluation issued messages is
 * evaluated again (a loop body repeats them, as in Wolfram). */
LyExpr ly_evaluate(LyVM *vm, LyExpr e) {
    if (ly_is_normal(e) && (e->flags & LYV_NF_MESSAGES) && ly_normal(e)->stamp == vm->eval_version)
        return eval_normal(vm, e, NULL);
    return lyv_eval(vm, e);
}

LyExpr ly_evaluate_call(LyVM *vm, LyExpr head, size_t n, const LyExpr *args) {
    LyExpr f = lyv_fold_small(vm, head, n, args);
    if (f) return f;
    LyExpr call = ly_apply(vm, head, n, args);
    if (!call) return NULL;
    LyExpr r = lyv_eval(vm, call);
    ly_unref(vm, call);
    return r;
}

/* ---- exits through the extension API ------------------------------------------------ */

_Static_assert((int)LY_EXIT_NOMEM == (int)LYU_NOMEM && (int)LY_EXIT_BREAK == (int)LYU_BREAK &&
               (int)LY_EXIT_QUIT == (int)LYU_QUIT,
               "LyExit and LyUnwind must agree");

LyExit ly_exit_kind(LyVM *vm) { return (LyExit)vm->unwind; }

void ly_exit_take(LyVM *vm, LyExpr *value, LyExpr *tag) {
    if (value) *value = vm->unwind_value; else ly_unref(vm, vm->unwind_value);
    if (tag) *tag = vm->unwind_tag; else ly_unref(vm, vm->unwind_tag);
    vm->unwind_value = vm->unwind_tag = NULL;
    vm->unwind = LYU_NONE;
}

LyExpr ly_raise(LyVM *vm, LyExit kind, LyExpr value) {
    if (kind == LY_EXIT_NOMEM) { ly_unref(vm, value); return ly_raise_nomem(vm); }
    start_unwind(vm, (LyUnwind)kind, value, NULL);
    return NULL;
}

static bool api_safe_point(LyVM *vm, bool now) {
    if (atomic_load_explicit(&vm->abort_requested, memory_order_relaxed)) {
        atomic_store_explicit(&vm->abort_requested, 0, memory_order_relaxed);
        ly_raise_abort(vm);
        return false;
    }
    if (vm->limits && lyv_limits_exceeded(vm, now)) { ly_raise_abort(vm); return false; }
    return vm->unwind == LYU_NONE;
}

bool ly_safe_point(LyVM *vm) { return api_safe_point(vm, false); }

/* Loop points (tempgc.c).  The usual case -- nothing to stop, no
 * temporary made since the loop began -- costs what ly_safe_point does,
 * with no frame: the rest is in tail calls.  l NULL: a plain safe point. */
LYV_NOINLINE static bool loop_point_gc(LyVM *vm, const LyLoop *l) {
    if (vm->ntemps >= vm->gc_loop_next || vm->bytes >= vm->gc_bytes_next) lyv_gc_loop(vm, l);
    return true;
}

LYV_COLD static bool loop_point_slow(LyVM *vm, const LyLoop *l) {
    if (!api_safe_point(vm, false)) return false;
    return l && vm->temp_serial != l->serial ? loop_point_gc(vm, l) : true;
}

bool ly_loop_point(LyVM *vm, const LyLoop *l) {
    if (atomic_load_explicit(&vm->abort_requested, memory_order_relaxed) || vm->limits || vm->unwind != LYU_NONE)
        return loop_point_slow(vm, l);
    if (l && vm->temp_serial != l->serial) return loop_point_gc(vm, l);
    return true;
}
bool ly_safe_point_long(LyVM *vm) { return api_safe_point(vm, true); }

uint32_t ly_attributes(LyVM *vm, LyExpr sym) { return ly_is_sym(sym) ? lyv_attrs(vm, sym) : 0; }

void ly_set_attributes(LyVM *vm, LyExpr sym, uint32_t attrs) {
    LyDefs *d = ly_is_sym(sym) ? lyv_defs(vm, ly_sym(sym)) : NULL;
    if (d) d->attrs = attrs;
}

LyExpr ly_own_value(LyVM *vm, LyExpr sym) {
    LyDefs *d = ly_is_sym(sym) ? lyv_defs_get(vm, ly_sym(sym)) : NULL;
    return d ? d->own : NULL;
}

bool ly_own_value_delayed(LyVM *vm, LyExpr sym) {
    LyDefs *d = ly_is_sym(sym) ? lyv_defs_get(vm, ly_sym(sym)) : NULL;
    return d && d->own && d->own_delayed;
}

void ly_set_own_value_ex(LyVM *vm, LyExpr sym, LyExpr value, bool delayed) {
    ly_set_own_value(vm, sym, value);
    LyDefs *d = delayed && value && ly_is_sym(sym) ? lyv_defs_get(vm, ly_sym(sym)) : NULL;
    if (d && d->own == value) { d->own_delayed = true; d->own_version = 0; }
}

static void set_own_value(LyVM *vm, LyExpr sym, LyExpr value);

void ly_set_own_value(LyVM *vm, LyExpr sym, LyExpr value) {
    LyDefs *d = ly_is_sym(sym) ? lyv_defs_get(vm, ly_sym(sym)) : NULL;
    if (d && ly_is_small(value) && ly_is_small(d->own) && !lyv_is_limit(sym))
        lyv_own_small(vm, ly_sym(sym), d, value);      /* a loop variable's next value */
    else
        set_own_value(vm, sym, value);
}

LYV_NOINLINE static void set_own_value(LyVM *vm, LyExpr sym, LyExpr value) {
    LyDefs *d = ly_is_sym(sym) ? lyv_defs_own(vm, ly_sym(sym)) : NULL;
    if (!d) { ly_unref(vm, value); return; }
    if (lyv_is_limit(sym)) {
        /* Block[{$IterationLimit = n}, ...] sets and restores the limits here */
        int64_t v;
        if (value && ly_get_int64(value, &v) && v >= 20) {
            int lim = v > INT32_MAX ? INT32_MAX : (int)v;
            if (sym == LY_SYM(DRecursionLimit)) vm->recursion_limit = lim;
            else vm->iteration_limit = lim;
        } else if (value && (ly_head_is(value, LY_SYM(DirectedInfinity)) || value == LY_SYM(Infinity))) {
            if (sym == LY_SYM(DRecursionLimit)) vm->recursion_limit = INT32_MAX;
            else vm->iteration_limit = INT32_MAX;
        }
    }
    LyExpr old = d->own;
    /* the value was evaluated before sym gained (or lost) its value: a
     * value that contains sym itself (x = x + 1) is stale from here on,
     * and reading it evaluates it again, as Wolfram does (stale.c scans
     * a value that does not contain sym once and trusts it again) */
    uint64_t before = vm->eval_version;
    lyv_own_changed(vm, sym, old, value);
    d->own = value;
    d->own_delayed = false;
    d->own_version = before;
    ly_unref(vm, old);
}
