/*
 * transfer.c — moving values and definitions between VMs.
 *
 * A VM never changes another VM's objects, not even their reference counts:
 * the source is read in place (its owner keeps it alive and does not run
 * meanwhile) and the destination gets its own copy.  Symbols are process-wide
 * and need no copying.  Copying is iterative, so deep expressions are safe
 * on worker threads with small stacks.
 *
 * Definitions: every change to a symbol's definitions stamps its LyDefs with
 * the VM's defs_version (defs.c), so a worker brings itself up to date by
 * copying only the symbols stamped after its last synchronisation.
 */
#include "lyv.h"

/* ---- values ------------------------------------------------------------------------ */

static LyExpr copy_atom(LyVM *vm, LyExpr e, bool mark) {
    switch (ly_type(e)) {
    case LY_TBIG: {
        LyBig *b = (LyBig *)e;
        return lyv_mkbig_from_limbs(vm, b->size, b->limbs);
    }
    case LY_TRAT: {
        LyRational *r = (LyRational *)e;
        LyExpr n = copy_atom(vm, r->num, mark), d = n ? copy_atom(vm, r->den, mark) : NULL;
        if (!d) { ly_unref(vm, n); return NULL; }
        return ly_mkrational(vm, n, d);
    }
    case LY_TREAL: return ly_mkreal(vm, ly_realv(e));
    case LY_TCOMPLEX: {
        LyComplex *c = (LyComplex *)e;
        return ly_mkcomplex(vm, copy_atom(vm, c->re, mark), copy_atom(vm, c->im, mark));
    }
    case LY_TSTRING: return ly_mkstring(vm, ly_str(e)->s, ly_str(e)->len);
    case LY_TPACKED: {
        LyPacked *p = ly_packed(e);
        LyExpr q = ly_mkpacked(vm, (LyPackedType)p->h.flags, p->h.aux, p->dims);
        if (q && p->len) memcpy(ly_packed(q)->data, p->data, p->len * 8);
        return q;
    }
    case LY_TFOREIGN: {
        LyForeign *f = ly_foreign(e);
        if (f->type->transfer) return f->type->transfer(vm, f->data);
        return LY_SYM(DFailed);
    }
    default:        /* small integers and symbols are not objects */
        if (mark) lyv_temp_escape(e);   /* a Module local seen by another VM stays */
        return e;
    }
}

typedef struct { LyExpr src, dst; size_t i; } Frame;

static LyExpr copy(LyVM *vm, LyExpr e, bool mark) {
    if (!ly_is_obj(e)) { if (mark) lyv_temp_escape(e); return e; }
    if (e->type == LY_TASSOC) {
        LyAssoc *a = ly_assoc(e);
        LyExpr *rs = lyv_alloc(vm, (a->len ? a->len : 1) * sizeof *rs);
        if (!rs) return NULL;
        size_t k = 0;
        for (; k < a->len; k++) if (!(rs[k] = copy(vm, a->rules[k], mark))) break;
        LyExpr r = k == a->len ? ly_mkassoc(vm, k, rs) : NULL;
        for (size_t i = 0; i < k; i++) ly_unref(vm, rs[i]);
        lyv_free(vm, rs, (a->len ? a->len : 1) * sizeof *rs);
        return r;
    }
    if (e->type != LY_TNORMAL) return copy_atom(vm, e, mark);

    /* iterative deep copy of normal expressions */
    size_t cap = 64, top = 0;
    Frame *st = lyv_alloc(vm, cap * sizeof *st);
    if (!st) return NULL;
    LyExpr result = NULL;
    LyExpr h = copy(vm, ly_nhead(e), mark);   /* heads are shallow in practice */
    LyExpr root = h ? ly_mknormal(vm, h, ly_nlen(e)) : NULL;
    if (!root) goto out;
    st[top++] = (Frame){ e, root, 1 };
    while (top) {
        Frame *f = &st[top - 1];
        if (f->i > ly_nlen(f->src)) { top--; continue; }
        LyExpr x = ly_narg(f->src, f->i), y;
        if (ly_is_normal(x)) {
            LyExpr xh = copy(vm, ly_nhead(x), mark);
            y = xh ? ly_mknormal(vm, xh, ly_nlen(x)) : NULL;
            if (!y) goto fail;
            ly_nset(f->dst, f->i++, y);
            if (top == cap) {
                Frame *ns = lyv_realloc(vm, st, cap * sizeof *st, 2 * cap * sizeof *st);
                if (!ns) goto fail;
                st = ns;
                cap *= 2;
            }
            st[top++] = (Frame){ x, y, 1 };
        } else {
            y = ly_type(x) == LY_TASSOC ? copy(vm, x, mark) : copy_atom(vm, x, mark);
            if (!y) goto fail;
            ly_nset(f->dst, f->i++, y);
        }
    }
    result = root;
    goto out;
fail:
    /* unfilled slots are NULL, which freeing tolerates */
    ly_unref(vm, root);
out:
    lyv_free(vm, st, cap * sizeof *st);
    return result;
}

LyExpr ly_copy(LyVM *vm, LyExpr e) { return copy(vm, e, true); }
LyExpr ly_copy_read(LyVM *vm, LyExpr e) { return copy(vm, e, false); }

/* ---- definitions -------------------------------------------------------------------- */

static LyRuleSet *copy_ruleset(LyVM *dst, const LyRuleSet *src) {
    if (!src) return NULL;
    LyRuleSet *rs = lyv_alloc(dst, sizeof *rs);
    if (!rs) return NULL;
    memset(rs, 0, sizeof *rs);
    rs->v = lyv_alloc(dst, (src->n ? src->n : 1) * sizeof(LyRule));
    if (!rs->v) { lyv_free(dst, rs, sizeof *rs); return NULL; }
    rs->cap = src->n ? src->n : 1;
    for (size_t i = 0; i < src->n; i++) {
        LyRule r = src->v[i];
        r.lhs = ly_copy_read(dst, src->v[i].lhs);
        r.rhs = r.lhs ? ly_copy_read(dst, src->v[i].rhs) : NULL;
        r.code = NULL;
        if (!r.rhs) { ly_unref(dst, r.lhs); lyv_ruleset_free(dst, rs); return NULL; }
        rs->v[rs->n++] = r;
        if (!lyv_rule_compile(dst, &rs->v[rs->n - 1])) { lyv_ruleset_free(dst, rs); return NULL; }
    }
    rs->nliteral = src->nliteral;
    if (src->icap) {
        rs->index = lyv_alloc(dst, src->icap * sizeof(int64_t));
        if (!rs->index) { lyv_ruleset_free(dst, rs); return NULL; }
        memcpy(rs->index, src->index, src->icap * sizeof(int64_t));
        rs->icap = src->icap;
    }
    return rs;
}

/* dst's definitions of symbol id made a copy of s's (s NULL: none, except
 * that built-in code, usage and a built-in's attributes stay). */
static bool copy_defs(LyVM *dst, size_t id, const LyDefs *s) {
    LyDefs *d = lyv_defs(dst, lyv_symbol_by_id((uint32_t)id));
    if (!d) return false;
    if (s) {
        d->attrs = s->attrs;
        d->builtin = s->builtin ? s->builtin : d->builtin;
        if (s->usage) d->usage = s->usage;
    } else if (!d->builtin) d->attrs = 0;
    ly_unref(dst, d->own);
    d->own = s && s->own ? ly_copy_read(dst, s->own) : NULL;
    if (s && s->own && !d->own) return false;
    d->own_delayed = s && s->own_delayed;
    d->own_version = d->own_delayed ? 0 : dst->eval_version;
    if (d->up) dst->nupvalues--;
    lyv_ruleset_free(dst, d->down);
    lyv_ruleset_free(dst, d->up);
    lyv_ruleset_free(dst, d->sub);
    d->down = d->up = d->sub = NULL;
    if (s) {
        d->down = copy_ruleset(dst, s->down);
        d->up = copy_ruleset(dst, s->up);
        d->sub = copy_ruleset(dst, s->sub);
        if ((s->down && !d->down) || (s->up && !d->up) || (s->sub && !d->sub)) return false;
    }
    if (d->up) dst->nupvalues++;
    ly_unref(dst, d->messages);
    ly_unref(dst, d->defaults);
    ly_unref(dst, d->options);
    d->messages = d->defaults = d->options = NULL;
    if (s) {
        d->messages = s->messages ? ly_copy_read(dst, s->messages) : NULL;
        d->defaults = s->defaults ? ly_copy_read(dst, s->defaults) : NULL;
        d->options = s->options ? ly_copy_read(dst, s->options) : NULL;
        if ((s->messages && !d->messages) || (s->defaults && !d->defaults) || (s->options && !d->options))
            return false;
    }
    return true;
}

/* src's definitions are being read for another VM: removing a Module
 * local of src from now on must leave a trace the copies will follow
 * (temps.c). */
static void exported(LyVM *src) {
    if (atomic_load_explicit(&src->exported, memory_order_relaxed) != src->defs_version)
        atomic_store_explicit(&src->exported, src->defs_version, memory_order_relaxed);
}

LyStatus ly_sync_definitions(LyVM *dst, LyVM *src, uint64_t *since) {
    uint64_t from = *since;
    exported(src);
    for (size_t id = 0; id < src->ndefs; id++) {
        if ((id & 63) == 0 && src->defs_block[id >> 6] <= from) { id += 63; continue; }  /* block unchanged */
        LyDefs *s = src->defs[id];
        if (!s || s->version <= from) continue;
        if (!copy_defs(dst, id, s)) goto nomem;
    }
    dst->recursion_limit = src->recursion_limit;
    dst->iteration_limit = src->iteration_limit;
    *since = src->defs_version;
    return LY_OK;
nomem:
    lyv_clear_unwind(dst);
    return LY_ERRMEM;
}

LyStatus ly_definitions_reset(LyVM *dst, LyVM *src, LyExpr defs) {
    if (!ly_head_is(defs, lyv_symbol("Lyra`Private`Definitions")) || ly_nlen(defs) != 3 ||
        !ly_head_is(ly_narg(defs, 3), LY_SYM(List))) return LY_ERRARG;
    LyExpr l = ly_narg(defs, 3);
    for (size_t i = 1; i <= ly_nlen(l); i++) {
        LyExpr x = ly_narg(l, i);
        if (ly_nlen(x) < 1 || !ly_is_sym(ly_narg(x, 1))) return LY_ERRARG;
        size_t id = ly_sym(ly_narg(x, 1))->id;
        if (!copy_defs(dst, id, id < src->ndefs ? src->defs[id] : NULL)) { lyv_clear_unwind(dst); return LY_ERRMEM; }
    }
    dst->recursion_limit = src->recursion_limit;
    dst->iteration_limit = src->iteration_limit;
    return LY_OK;
}

uint64_t ly_definitions_version(LyVM *vm) { return vm->defs_version; }

/* ---- definitions as data (for other processes) --------------------------------------------- */

/* Flags of a rule, as the fourth element of {lhs, rhs, flags, nargs}. */
enum { RF_DELAYED = 1, RF_LITERAL = 2, RF_SIMPLE = 4, RF_PLAIN = 8, RF_OPTVALUE = 16 };

static LyExpr export_ruleset(LyVM *vm, const LyRuleSet *rs) {
    size_t n = rs ? rs->n : 0;
    LyExpr l = ly_mknormal(vm, LY_SYM(List), n);
    for (size_t i = 0; l && i < n; i++) {
        const LyRule *r = &rs->v[i];
        int64_t fl = (r->delayed ? RF_DELAYED : 0) | (r->literal ? RF_LITERAL : 0) | (r->simple ? RF_SIMPLE : 0) |
                     (r->plain_rhs ? RF_PLAIN : 0) | (r->optvalue ? RF_OPTVALUE : 0);
        ly_ref(r->lhs);
        ly_ref(r->rhs);
        LyExpr x = ly_mk(vm, LY_SYM(List), 4, r->lhs, r->rhs, ly_mksmall(fl),
                         ly_mksmall(r->nargs == UINT32_MAX ? -1 : (int64_t)r->nargs));
        if (!x) { for (size_t k = i + 1; k <= n; k++) ly_nset(l, k, LY_SYM(Null)); ly_unref(vm, l); return NULL; }
        ly_nset(l, i + 1, x);
    }
    return l;
}

static LyExpr opt_list(LyVM *vm, LyExpr v) {      /* {v} or {} */
    if (!v) return ly_mknormal(vm, LY_SYM(List), 0);
    ly_ref(v);
    return ly_mk(vm, LY_SYM(List), 1, v);
}

LyExpr ly_definitions_export(LyVM *vm, uint64_t *since) {
    uint64_t from = *since;
    exported(vm);
    size_t n = 0;
    for (size_t id = 0; id < vm->ndefs; id++) {
        if ((id & 63) == 0 && vm->defs_block[id >> 6] <= from) { id += 63; continue; }  /* block unchanged */
        LyDefs *d = vm->defs[id];
        LySymbol *s = d && d->version > from ? lyv_symbol_by_id((uint32_t)id) : NULL;
        if (s && strncmp(s->name, "Lyra`Private`", 13) != 0) n++;
    }
    LyExpr l = ly_mknormal(vm, LY_SYM(List), n);
    if (!l) return NULL;
    size_t k = 0;
    LyExpr defsym = lyv_symbol("Lyra`Private`Def");
    for (size_t id = 0; id < vm->ndefs && k < n; id++) {
        if ((id & 63) == 0 && vm->defs_block[id >> 6] <= from) { id += 63; continue; }
        LyDefs *d = vm->defs[id];
        LySymbol *s = d && d->version > from ? lyv_symbol_by_id((uint32_t)id) : NULL;
        if (!s || strncmp(s->name, "Lyra`Private`", 13) == 0) continue;
        LyExpr x = ly_mk(vm, defsym, 10, ly_symexpr(s), ly_int(vm, (int64_t)d->attrs), opt_list(vm, d->own),
                         d->own_delayed ? LY_SYM(True) : LY_SYM(False),
                         export_ruleset(vm, d->down), export_ruleset(vm, d->up), export_ruleset(vm, d->sub),
                         opt_list(vm, d->messages), opt_list(vm, d->defaults), opt_list(vm, d->options));
        if (!x) { for (size_t j = k + 1; j <= n; j++) ly_nset(l, j, LY_SYM(Null)); ly_unref(vm, l); return NULL; }
        ly_nset(l, ++k, x);
    }
    LyExpr r = ly_mk(vm, lyv_symbol("Lyra`Private`Definitions"), 3,
                     ly_int(vm, vm->recursion_limit), ly_int(vm, vm->iteration_limit), l);
    if (r) *since = vm->defs_version;
    return r;
}

/* A rule set from {lhs, rhs, flags, nargs} entries (copied into vm). */
static bool import_ruleset(LyVM *vm, LyExpr l, LyRuleSet **out) {
    *out = NULL;
    if (!ly_head_is(l, LY_SYM(List))) return false;
    size_t n = ly_nlen(l);
    if (n == 0) return true;
    LyRuleSet *rs = lyv_alloc(vm, sizeof *rs);
    if (!rs) return false;
    memset(rs, 0, sizeof *rs);
    rs->v = lyv_alloc(vm, n * sizeof(LyRule));
    if (!rs->v) { lyv_free(vm, rs, sizeof *rs); return false; }
    rs->cap = n;
    for (size_t i = 1; i <= n; i++) {
        LyExpr e = ly_narg(l, i);
        if (!ly_head_is(e, LY_SYM(List)) || ly_nlen(e) != 4 || !ly_is_small(ly_narg(e, 3)) ||
            !ly_is_small(ly_narg(e, 4))) { lyv_ruleset_free(vm, rs); return false; }
        int64_t fl = ly_small(ly_narg(e, 3)), na = ly_small(ly_narg(e, 4));
        LyRule r;
        memset(&r, 0, sizeof r);
        r.lhs = ly_copy(vm, ly_narg(e, 1));
        r.rhs = r.lhs ? ly_copy(vm, ly_narg(e, 2)) : NULL;
        if (!r.rhs) { ly_unref(vm, r.lhs); lyv_ruleset_free(vm, rs); return false; }
        r.delayed = fl & RF_DELAYED;
        r.literal = fl & RF_LITERAL;
        r.simple = fl & RF_SIMPLE;
        r.plain_rhs = fl & RF_PLAIN;
        r.optvalue = fl & RF_OPTVALUE;
        r.nargs = na < 0 || na > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)na;
        r.hash = lyv_rule_key(r.lhs);
        r.code = NULL;
        rs->v[rs->n++] = r;
        if (r.literal) rs->nliteral++;
        if (!lyv_rule_compile(vm, &rs->v[rs->n - 1])) { lyv_ruleset_free(vm, rs); return false; }
    }
    if (rs->nliteral) {        /* the literal index: open addressing, load <= 1/2 */
        size_t cap = 16;
        while (cap < 2 * rs->nliteral + 2) cap *= 2;
        rs->index = lyv_alloc(vm, cap * sizeof(int64_t));
        if (!rs->index) { lyv_ruleset_free(vm, rs); return false; }
        rs->icap = cap;
        for (size_t i = 0; i < cap; i++) rs->index[i] = -1;
        for (size_t i = 0; i < rs->n; i++) {
            if (!rs->v[i].literal) continue;
            size_t m = cap - 1, h = (size_t)rs->v[i].hash & m;
            while (rs->index[h] >= 0) h = (h + 1) & m;
            rs->index[h] = (int64_t)i;
        }
    }
    *out = rs;
    return true;
}

static bool opt_value(LyVM *vm, LyExpr l, LyExpr *out) {
    *out = NULL;
    if (!ly_head_is(l, LY_SYM(List)) || ly_nlen(l) > 1) return false;
    if (ly_nlen(l) == 0) return true;
    *out = ly_copy(vm, ly_narg(l, 1));
    return *out != NULL;
}

LyStatus ly_definitions_import(LyVM *vm, LyExpr defs) {
    if (!ly_head_is(defs, lyv_symbol("Lyra`Private`Definitions")) || ly_nlen(defs) != 3 ||
        !ly_head_is(ly_narg(defs, 3), LY_SYM(List))) return LY_ERRARG;
    LyExpr defsym = lyv_symbol("Lyra`Private`Def"), l = ly_narg(defs, 3);
    for (size_t i = 1; i <= ly_nlen(l); i++) {
        LyExpr x = ly_narg(l, i);
        if (!ly_head_is(x, defsym) || ly_nlen(x) != 10 || !ly_is_sym(ly_narg(x, 1)) || !ly_is_small(ly_narg(x, 2)))
            return LY_ERRARG;
        LySymbol *sym = ly_sym(ly_narg(x, 1));
        LyExpr own, msgs, dflt, opts;
        LyRuleSet *down, *up, *sub;
        if (!opt_value(vm, ly_narg(x, 3), &own)) goto bad;
        bool ok = import_ruleset(vm, ly_narg(x, 5), &down);
        ok = ok && import_ruleset(vm, ly_narg(x, 6), &up);
        if (!ok) { ly_unref(vm, own); lyv_ruleset_free(vm, down); goto bad; }
        if (!import_ruleset(vm, ly_narg(x, 7), &sub)) { ly_unref(vm, own); lyv_ruleset_free(vm, down); lyv_ruleset_free(vm, up); goto bad; }
        msgs = dflt = opts = NULL;
        ok = opt_value(vm, ly_narg(x, 8), &msgs) && opt_value(vm, ly_narg(x, 9), &dflt) && opt_value(vm, ly_narg(x, 10), &opts);
        LyDefs *d = ok ? lyv_defs(vm, sym) : NULL;
        if (!d) {
            ly_unref(vm, own); ly_unref(vm, msgs); ly_unref(vm, dflt); ly_unref(vm, opts);
            lyv_ruleset_free(vm, down); lyv_ruleset_free(vm, up); lyv_ruleset_free(vm, sub);
            goto bad;
        }
        d->attrs = (uint32_t)ly_small(ly_narg(x, 2));
        ly_unref(vm, d->own);
        d->own = own;
        d->own_delayed = ly_narg(x, 4) == LY_SYM(True);
        d->own_version = d->own_delayed ? 0 : vm->eval_version;
        if (d->up) vm->nupvalues--;
        lyv_ruleset_free(vm, d->down);
        lyv_ruleset_free(vm, d->up);
        lyv_ruleset_free(vm, d->sub);
        d->down = down;
        d->up = up;
        d->sub = sub;
        if (d->up) vm->nupvalues++;
        ly_unref(vm, d->messages);
        ly_unref(vm, d->defaults);
        ly_unref(vm, d->options);
        d->messages = msgs;
        d->defaults = dflt;
        d->options = opts;
    }
    int64_t rl, il;
    if (ly_get_int64(ly_narg(defs, 1), &rl) && rl > 0 && rl <= INT32_MAX) vm->recursion_limit = (int)rl;
    if (ly_get_int64(ly_narg(defs, 2), &il) && il > 0 && il <= INT32_MAX) vm->iteration_limit = (int)il;
    return LY_OK;
bad:
    if (ly_unwinding(vm)) { lyv_clear_unwind(vm); return LY_ERRMEM; }
    return LY_ERRARG;
}
