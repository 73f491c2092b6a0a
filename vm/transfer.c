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

static LyExpr copy_atom(LyVM *vm, LyExpr e) {
    switch (ly_type(e)) {
    case LY_TBIG: {
        LyBig *b = (LyBig *)e;
        return lyv_mkbig_from_limbs(vm, b->size, b->limbs);
    }
    case LY_TRAT: {
        LyRational *r = (LyRational *)e;
        LyExpr n = copy_atom(vm, r->num), d = n ? copy_atom(vm, r->den) : NULL;
        if (!d) { ly_unref(vm, n); return NULL; }
        return ly_mkrational(vm, n, d);
    }
    case LY_TREAL: return ly_mkreal(vm, ly_realv(e));
    case LY_TCOMPLEX: {
        LyComplex *c = (LyComplex *)e;
        return ly_mkcomplex(vm, copy_atom(vm, c->re), copy_atom(vm, c->im));
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
    default:
        return e;   /* small integers and symbols are not objects */
    }
}

typedef struct { LyExpr src, dst; size_t i; } Frame;

LyExpr ly_copy(LyVM *vm, LyExpr e) {
    if (!ly_is_obj(e)) return e;
    if (e->type == LY_TASSOC) {
        LyAssoc *a = ly_assoc(e);
        LyExpr *rs = lyv_alloc(vm, (a->len ? a->len : 1) * sizeof *rs);
        if (!rs) return NULL;
        size_t k = 0;
        for (; k < a->len; k++) if (!(rs[k] = ly_copy(vm, a->rules[k]))) break;
        LyExpr r = k == a->len ? ly_mkassoc(vm, k, rs) : NULL;
        for (size_t i = 0; i < k; i++) ly_unref(vm, rs[i]);
        lyv_free(vm, rs, (a->len ? a->len : 1) * sizeof *rs);
        return r;
    }
    if (e->type != LY_TNORMAL) return copy_atom(vm, e);

    /* iterative deep copy of normal expressions */
    size_t cap = 64, top = 0;
    Frame *st = lyv_alloc(vm, cap * sizeof *st);
    if (!st) return NULL;
    LyExpr result = NULL;
    LyExpr h = ly_copy(vm, ly_nhead(e));      /* heads are shallow in practice */
    LyExpr root = h ? ly_mknormal(vm, h, ly_nlen(e)) : NULL;
    if (!root) goto out;
    st[top++] = (Frame){ e, root, 1 };
    while (top) {
        Frame *f = &st[top - 1];
        if (f->i > ly_nlen(f->src)) { top--; continue; }
        LyExpr x = ly_narg(f->src, f->i), y;
        if (ly_is_normal(x)) {
            LyExpr xh = ly_copy(vm, ly_nhead(x));
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
            y = ly_type(x) == LY_TASSOC ? ly_copy(vm, x) : copy_atom(vm, x);
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
        r.lhs = ly_copy(dst, src->v[i].lhs);
        r.rhs = r.lhs ? ly_copy(dst, src->v[i].rhs) : NULL;
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

LyStatus ly_sync_definitions(LyVM *dst, LyVM *src, uint64_t *since) {
    uint64_t from = *since;
    for (size_t id = 0; id < src->ndefs; id++) {
        LyDefs *s = src->defs[id];
        if (!s || s->version <= from) continue;
        LyDefs *d = lyv_defs(dst, lyv_symbol_by_id((uint32_t)id));
        if (!d) goto nomem;
        d->attrs = s->attrs;
        d->builtin = s->builtin ? s->builtin : d->builtin;
        if (s->usage) d->usage = s->usage;
        ly_unref(dst, d->own);
        d->own = s->own ? ly_copy(dst, s->own) : NULL;
        if (s->own && !d->own) goto nomem;
        d->own_delayed = s->own_delayed;
        d->own_version = s->own_delayed ? 0 : dst->defs_version;
        if (d->up) dst->nupvalues--;
        lyv_ruleset_free(dst, d->down);
        lyv_ruleset_free(dst, d->up);
        lyv_ruleset_free(dst, d->sub);
        d->down = copy_ruleset(dst, s->down);
        d->up = copy_ruleset(dst, s->up);
        d->sub = copy_ruleset(dst, s->sub);
        if ((s->down && !d->down) || (s->up && !d->up) || (s->sub && !d->sub)) goto nomem;
        if (d->up) dst->nupvalues++;
        ly_unref(dst, d->messages);
        ly_unref(dst, d->defaults);
        d->messages = s->messages ? ly_copy(dst, s->messages) : NULL;
        d->defaults = s->defaults ? ly_copy(dst, s->defaults) : NULL;
        ly_unref(dst, d->options);
        d->options = s->options ? ly_copy(dst, s->options) : NULL;
    }
    dst->recursion_limit = src->recursion_limit;
    dst->iteration_limit = src->iteration_limit;
    *since = src->defs_version;
    return LY_OK;
nomem:
    lyv_clear_unwind(dst);
    return LY_ERRMEM;
}

uint64_t ly_definitions_version(LyVM *vm) { return vm->defs_version; }
