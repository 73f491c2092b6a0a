/*
 * stale.c — finding an evaluated value still evaluated after other
 * definitions changed.
 *
 * The evaluator stamps an expression that evaluates to itself with
 * vm->eval_version and trusts the stamp while that version stands.  Any
 * change that can alter an evaluation moves the version on, and with it
 * every stamp goes stale: x = Nest[f, y, 10^5]; z = 1; x would evaluate the
 * 10^5-deep value of x again, level by level -- past $RecursionLimit.
 *
 * Wolfram's model (see Update) is that an expression depends on the symbols
 * in it.  So every bump of eval_version records the symbol that caused it
 * (lyv_eval_changed; a ring of the last LYV_EVLOG symbols, repeats of the
 * last one merged), and a stale value whose symbols are none of those
 * changed since its stamp still evaluates to itself: one iterative scan
 * (shared parts once) instead of an evaluation.  A bump no one symbol stands
 * for (Update[], Out) or a stamp older than the ring covers gives up, and
 * the value is evaluated as before.
 *
 * Used where a variable's value is read (eval_symbol): the scan is paid
 * once per change, after which own_version is current again.
 */
#include "lyv.h"

void lyv_eval_changed_(LyVM *vm, uint32_t id) {
    uint64_t v = ++vm->eval_version;
    uint32_t n = vm->evlog_n, k = n & (LYV_EVLOG - 1);
    if (n && vm->evlog[(n - 1) & (LYV_EVLOG - 1)].id == id) { vm->evlog[(n - 1) & (LYV_EVLOG - 1)].version = v; return; }
    if (n >= LYV_EVLOG) vm->evlog_floor = vm->evlog[k].version;
    vm->evlog[k].version = v;
    vm->evlog[k].id = id;
    vm->evlog_n = n + 1;
}

void lyv_eval_changed_sym(LyVM *vm, LyExpr sym) { lyv_eval_changed(vm, ly_sym(sym)->id); }

typedef struct Seen { LyExpr *v; size_t n, cap; } Seen;

/* Inserts e into the set of shared nodes met; false when it was there
 * already.  On allocation failure the set stops growing (a node may then
 * be scanned twice, which is only slower). */
static bool seen_add(LyVM *vm, Seen *s, LyExpr e) {
    if (s->n * 2 >= s->cap) {
        size_t nc = s->cap ? 2 * s->cap : 64;
        LyExpr *nv = lyv_alloc_quiet(vm, NULL, 0, nc * sizeof *nv);
        if (nv) {
            memset(nv, 0, nc * sizeof *nv);
            for (size_t i = 0; i < s->cap; i++) {
                if (!s->v[i]) continue;
                size_t h = ((uintptr_t)s->v[i] >> 4) * 0x9E3779B97F4A7C15ull >> 7 & (nc - 1);
                while (nv[h]) h = (h + 1) & (nc - 1);
                nv[h] = s->v[i];
            }
            if (s->v) lyv_alloc_quiet(vm, s->v, s->cap * sizeof *nv, 0);
            s->v = nv;
            s->cap = nc;
        } else if (!s->cap || s->n + 1 >= s->cap) {
            return true;
        }
    }
    size_t h = ((uintptr_t)e >> 4) * 0x9E3779B97F4A7C15ull >> 7 & (s->cap - 1);
    while (s->v[h]) {
        if (s->v[h] == e) return false;
        h = (h + 1) & (s->cap - 1);
    }
    s->v[h] = e;
    s->n++;
    return true;
}

bool lyv_still_evaluated(LyVM *vm, LyExpr v, uint64_t since) {
    if (!since || since < vm->evlog_floor) return false;
    /* the symbols changed after since: the newest entries of the ring */
    uint32_t ids[LYV_EVLOG];
    uint64_t mask = 0;
    size_t k = 0;
    for (uint32_t n = vm->evlog_n; n > 0 && k < LYV_EVLOG; n--) {
        uint32_t i = (n - 1) & (LYV_EVLOG - 1);
        if (vm->evlog[i].version <= since) break;
        ids[k++] = vm->evlog[i].id;
        mask |= 1ull << (vm->evlog[i].id & 63);
    }
    bool ok = true;
    if (k) {
        LyExpr small[64], *st = small;
        size_t n = 0, cap = 64;
        Seen seen = { NULL, 0, 0 };
        st[n++] = v;
        while (n && ok) {
            LyExpr x = st[--n];
            if (ly_is_sym(x)) {
                uint32_t id = ly_sym(x)->id;
                if (mask & (1ull << (id & 63)))
                    for (size_t i = 0; i < k; i++) if (ids[i] == id) { ok = false; break; }
                continue;
            }
            if (!ly_is_obj(x)) continue;
            size_t len;
            LyExpr *parts;
            if (x->type == LY_TNORMAL) {
                len = ly_nlen(x) + 1;
                parts = ly_normal(x)->e;
            } else if (x->type == LY_TASSOC) {
                len = ly_assoc(x)->len;
                parts = ly_assoc(x)->rules;
            } else {
                continue;                  /* numbers, strings, packed arrays, foreign objects */
            }
            if (x->rc > 1 && x != v && !seen_add(vm, &seen, x)) continue;
            if (n + len > cap) {
                size_t nc = cap;
                while (n + len > nc) nc *= 2;
                LyExpr *ns = lyv_alloc_quiet(vm, NULL, 0, nc * sizeof *ns);
                if (!ns) { ok = false; break; }    /* out of memory: evaluate as before */
                memcpy(ns, st, n * sizeof *ns);
                if (st != small) lyv_alloc_quiet(vm, st, cap * sizeof *st, 0);
                st = ns;
                cap = nc;
            }
            for (size_t i = 0; i < len; i++) {
                LyExpr c = parts[i];
                if (ly_is_sym(c) || ly_is_obj(c)) st[n++] = c;
            }
        }
        if (st != small) lyv_alloc_quiet(vm, st, cap * sizeof *st, 0);
        if (seen.v) lyv_alloc_quiet(vm, seen.v, seen.cap * sizeof *seen.v, 0);
    }
    if (ok && ly_is_normal(v)) ly_normal(v)->stamp = vm->eval_version;
    return ok;
}

bool lyv_holds_sym(LyExpr v, LyExpr sym) {
    LyExpr st[64];
    int n = 0, budget = 256;
    st[n++] = v;
    while (n) {
        LyExpr x = st[--n];
        if (x == sym) return true;
        if (!ly_is_obj(x) || x->type != LY_TNORMAL) continue;
        size_t len = ly_nlen(x) + 1;
        if ((budget -= (int)(len > 256 ? 256 : len)) < 0) return false;
        for (size_t i = 0; i < len; i++) {
            LyExpr c = ly_normal(x)->e[i];
            if (c == sym) return true;
            if (ly_is_obj(c) && c->type == LY_TNORMAL) {
                if (n == 64) return false;
                st[n++] = c;
            }
        }
    }
    return false;
}

/* ---- deep data with nothing to evaluate ------------------------------------------------------ */

/* Attributes that change nothing when an expression evaluates to itself. */
#define INERT_ATTRS (LYA_PROTECTED | LYA_LOCKED | LYA_READPROTECTED | LYA_CONSTANT | LYA_TEMPORARY | \
                     LYA_NUMERICFUNCTION | LYA_NHOLDALL | LYA_NHOLDFIRST | LYA_NHOLDREST)

/* A head h[...] the evaluator leaves alone once its arguments are done. */
static bool inert_head(LyVM *vm, LyExpr h) {
    if (!ly_is_sym(h)) return false;
    LyDefs *d = lyv_defs_get(vm, ly_sym(h));
    return !d || (!d->own && !d->down && !d->up && !d->sub && !d->builtin && !d->builtin2 &&
                  !(d->attrs & ~(uint32_t)INERT_ATTRS));
}

/* An argument that evaluates to itself and asks nothing of its parent:
 * an atom, a symbol without a value or up-values, a normal expression
 * stamped evaluated (not a Sequence to splice, no up-values on its head). */
static bool inert_arg(LyVM *vm, LyExpr a) {
    if (ly_is_sym(a)) {
        LyDefs *d = lyv_defs_get(vm, ly_sym(a));
        return !d || (!d->own && !d->up);
    }
    if (!ly_is_obj(a) || a->type != LY_TNORMAL) return true;
    LyExpr h = ly_nhead(a);
    if (h == LY_SYM(Sequence) || h == LY_SYM(Unevaluated) || h == LY_SYM(Evaluate)) return false;
    if (vm->nupvalues && ly_is_sym(h)) {
        LyDefs *d = lyv_defs_get(vm, ly_sym(h));
        if (d && d->up) return false;
    }
    return ly_normal(a)->stamp == vm->eval_version && !(a->flags & LYV_NF_MESSAGES);
}

bool lyv_stamp_inert(LyVM *vm, LyExpr e) {
    typedef struct { LyExpr e; size_t i; } Fr;
    Fr small[64], *st = small;
    size_t n = 0, cap = 64;
    bool ok = true;
    st[n++] = (Fr){ e, 1 };
    while (n && ok) {
        Fr *f = &st[n - 1];
        LyExpr x = f->e;
        if (f->i == 1 && !inert_head(vm, ly_nhead(x))) { ok = false; break; }
        if (f->i > ly_nlen(x)) {
            /* every argument evaluates to itself: so does x */
            ly_normal(x)->stamp = vm->eval_version;
            x->flags &= (uint8_t)~LYV_NF_MESSAGES;
            n--;
            continue;
        }
        LyExpr a = ly_narg(x, f->i);
        if (ly_is_normal(a) && ly_normal(a)->stamp != vm->eval_version) {
            if (n == cap) {
                Fr *ns = lyv_alloc_quiet(vm, NULL, 0, 2 * cap * sizeof *ns);
                if (!ns) { ok = false; break; }
                memcpy(ns, st, n * sizeof *ns);
                if (st != small) lyv_alloc_quiet(vm, st, cap * sizeof *st, 0);
                st = ns;
                cap *= 2;
            }
            st[n++] = (Fr){ a, 1 };     /* its arguments first; then a is looked at again */
            continue;
        }
        if (!inert_arg(vm, a)) { ok = false; break; }
        f->i++;
    }
    if (st != small) lyv_alloc_quiet(vm, st, cap * sizeof *st, 0);
    return ok;
}

LyExpr lyv_eval_own(LyVM *vm, LyDefs *d, LyExpr v) {
    if (!d->own_delayed && ly_normal(v)->stamp && lyv_still_evaluated(vm, v, ly_normal(v)->stamp)) {
        /* nothing in it changed: deep data is not evaluated again */
        d->own_version = vm->eval_version;
        ly_ref(v);
        return v;
    }
    return lyv_eval(vm, v);
}
