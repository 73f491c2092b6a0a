/*
 * iterate.c — iterators: Table, Do, Sum, Product, Range, Array.  Written
 * against lyra.h + lyra_ext.h.
 *
 * Iterator specifications (Wolfram's standard forms):
 *   n  or {n}              n times, no variable
 *   {i, imax}              i = 1, 2, ..., imax
 *   {i, imin, imax}        steps of 1
 *   {i, imin, imax, di}    steps of di (negative, real, rational, symbolic)
 *   {i, {v1, v2, ...}}     i takes the listed values
 * The bounds are evaluated first, then the variable is localized as Block
 * does (its own value saved and restored on every path, exits included),
 * then it takes each value in turn.  The number of steps is
 * Floor[(imax - imin)/di] + 1, computed exactly when the bounds are exact
 * and symbolically when they are not (Table[x, {i, a, a + 3}] has 4 steps);
 * when it is not a number the iterator has no appropriate bounds
 * (Table::iterb) and the call stays unevaluated.  Sum and Product stay
 * unevaluated quietly: symbolic sums are not done here.
 *
 * Several iterators nest, later bounds evaluated afresh for each value of
 * the earlier ones (Table[f[i, j], {i, 3}, {j, i}]).  The nesting depth is
 * the number of iterators, never the number of steps; every step passes a
 * safe point.
 *
 * Results: Table gives a packed array when all the elements are machine
 * integers, or all machine reals, of a rectangular shape; Range likewise.
 */
#include <float.h>
#include <math.h>
#include <string.h>
#include "lyra_ext.h"
#include "lys_ctl.h"
#include "lys_data.h"

/* ---- numbers ------------------------------------------------------------------ */

static bool is_real_number(LyExpr x) { return ly_is_number(x) && ly_type(x) != LY_TCOMPLEX; }

static bool is_infinity(LyExpr x) {
    if (x == LY_SYM(Infinity)) return true;
    return ly_head_is(x, LY_SYM(DirectedInfinity)) && ly_nlen(x) == 1 && ly_narg(x, 1) == ly_mksmall(1);
}

/* Floor[d] + 1 steps for a real number d (SIZE_MAX when too many to count). */
static size_t steps_from(LyExpr d) {
    if (ly_num_sign(d) < 0) {
        /* d in (-1, 0) still means no step; only d >= 0 gives any */
        return 0;
    }
    int64_t v;
    if (ly_get_int64(d, &v)) return v >= (int64_t)(SIZE_MAX / 2) ? SIZE_MAX : (size_t)v + 1;
    if (ly_type(d) == LY_TRAT) {
        LyRational *q = (LyRational *)d;
        int64_t num, den;
        if (ly_get_int64(q->num, &num) && ly_get_int64(q->den, &den)) return (size_t)(num / den) + 1;
    }
    double x = ly_num_to_double(d);
    if (ly_type(d) == LY_TREAL) x += 1e-10 * (x > 1 ? x : 1);   /* 0.3/0.1 is 2.9999999999999996 */
    if (!(x < 1e18)) return SIZE_MAX;
    return (size_t)floor(x) + 1;
}

/* (b - a)/di, evaluated (new reference), or NULL on an exit. */
static LyExpr quotient(LyVM *vm, LyExpr a, LyExpr b, LyExpr di) {
    if (is_real_number(a) && is_real_number(b) && is_real_number(di)) {
        if (ly_num_is_zero(di)) return LY_SYM(Indeterminate);
        LyExpr na = ly_num_neg(vm, a);
        LyExpr diff = na ? ly_num_add(vm, b, na) : NULL;
        ly_unref(vm, na);
        LyExpr q = diff ? ly_num_div(vm, diff, di) : NULL;
        ly_unref(vm, diff);
        return q;
    }
    LyExpr x = ly_mk(vm, LY_SYM(Times), 2,
                     ly_mk(vm, LY_SYM(Plus), 2, (ly_ref(b), b),
                           ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), (ly_ref(a), a))),
                     ly_mk(vm, LY_SYM(Power), 2, (ly_ref(di), di), ly_mksmall(-1)));
    if (!x) return NULL;
    LyExpr r = ly_evaluate(vm, x);
    ly_unref(vm, x);
    return r;
}

/* Steps from a to b by di: 1 with *count set, 0 when not a number
 * (Infinity counts as SIZE_MAX when allow_inf), -1 on an exit. */
static int count_steps(LyVM *vm, LyExpr a, LyExpr b, LyExpr di, bool allow_inf, size_t *count) {
    if (is_infinity(b) && allow_inf && is_real_number(di) && ly_num_sign(di) > 0) {
        *count = SIZE_MAX;
        return 1;
    }
    LyExpr q = quotient(vm, a, b, di);
    if (!q) return -1;
    int ok = is_real_number(q);
    if (ok) *count = steps_from(q);
    ly_unref(vm, q);
    return ok;
}

/* a + k di (new reference; NULL on an exit). */
static LyExpr progression(LyVM *vm, LyExpr a, LyExpr di, size_t k) {
    if (ly_is_small(a) && ly_is_small(di) && k < ((size_t)1 << 31)) {
        int64_t x = ly_small(a), d = ly_small(di);
        if (d > -((int64_t)1 << 30) && d < ((int64_t)1 << 30) && ly_fits_small(x + d * (int64_t)k))
            return ly_mksmall(x + d * (int64_t)k);
    }
    if (is_real_number(a) && is_real_number(di)) {
        if (ly_is_real(a) || ly_is_real(di))
            return ly_mkreal(vm, ly_num_to_double(a) + (double)k * ly_num_to_double(di));
        LyExpr kk = ly_int(vm, (int64_t)k);
        LyExpr step = kk ? ly_num_mul(vm, kk, di) : NULL;
        ly_unref(vm, kk);
        LyExpr v = step ? ly_num_add(vm, a, step) : NULL;
        ly_unref(vm, step);
        return v;
    }
    LyExpr x = ly_mk(vm, LY_SYM(Plus), 2, (ly_ref(a), a),
                     ly_mk(vm, LY_SYM(Times), 2, ly_int(vm, (int64_t)k), (ly_ref(di), di)));
    if (!x) return NULL;
    LyExpr r = ly_evaluate(vm, x);
    ly_unref(vm, x);
    return r;
}

/* ---- iterators ------------------------------------------------------------------- */

typedef struct Iter {
    LyExpr var;          /* the variable, or NULL for {n} */
    LyExpr list;         /* {i, {values}}: the values (new reference) */
    LyExpr start, step;  /* progressions (new references) */
    size_t count;        /* SIZE_MAX: unbounded (Do only) */
    LyExpr saved;        /* the variable's own value outside (new reference) */
    bool small;          /* start + k step is a small integer for every k < count */
} Iter;

static void iter_free(LyVM *vm, Iter *it) {
    ly_unref(vm, it->list);
    ly_unref(vm, it->start);
    ly_unref(vm, it->step);
    it->list = it->start = it->step = NULL;
}

typedef enum { MODE_TABLE, MODE_DO, MODE_SUM, MODE_PRODUCT } Mode;

/* Sets up the iterator spec (argument pos of e, held).  1 ready, 0 bad (a
 * message given unless quiet), -1 exit. */
static int iter_setup(LyVM *vm, LyExpr e, size_t pos, Iter *it, Mode mode) {
    LyExpr f = ly_nhead(e), spec = ly_narg(e, pos);
    bool quiet = mode == MODE_SUM || mode == MODE_PRODUCT;
    LyExpr v[4] = { NULL, NULL, NULL, NULL };
    size_t n = 0;
    memset(it, 0, sizeof *it);
    if (ly_head_is(spec, LY_SYM(List))) {
        n = ly_nlen(spec);
        if (n == 0 || n > 4) goto itform;
        for (size_t i = 0; i < n; i++) {
            LyExpr s = ly_narg(spec, i + 1);
            if (i == 0 && n > 1) { v[0] = s; ly_ref(s); continue; }
            v[i] = ly_evaluate(vm, s);
            if (!v[i]) goto exit;
        }
    } else {
        LyExpr x = ly_evaluate(vm, spec);
        if (!x) return -1;
        if (ly_head_is(x, LY_SYM(List)) && ly_nlen(x) >= 1 && ly_nlen(x) <= 4) {
            n = ly_nlen(x);
            for (size_t i = 0; i < n; i++) { v[i] = ly_narg(x, i + 1); ly_ref(v[i]); }
            ly_unref(vm, x);
        } else if (is_real_number(x) || (is_infinity(x) && mode == MODE_DO)) {
            n = 1;
            v[0] = x;
        } else {
            ly_unref(vm, x);
            goto itform;
        }
    }
    if (n == 1) {
        int ok = count_steps(vm, ly_mksmall(1), v[0], ly_mksmall(1), mode == MODE_DO, &it->count);
        if (ok < 0) goto exit;
        if (!ok) goto iterb;
    } else {
        if (!ly_is_sym(v[0])) {
            /* a raw object (a number) is never an iterator variable, even where
             * symbolic forms stay quietly (Sum[i, {1, 3}]) */
            if (!ly_is_normal(v[0])) ly_message(vm, f, "itraw", 1, v[0]);
            else if (!quiet) ly_message(vm, f, "itform", 2, spec, lys_int(pos));
            goto bad;
        }
        it->var = v[0];
        if (n == 2 && (ly_head_is(v[1], LY_SYM(List)) || ly_is_packed(v[1]))) {
            it->list = v[1];
            v[1] = NULL;
            it->count = ly_length(it->list);
        } else {
            LyExpr a = n == 2 ? ly_mksmall(1) : v[1];
            LyExpr b = n == 2 ? v[1] : v[2];
            LyExpr di = n == 4 ? v[3] : ly_mksmall(1);
            int ok = count_steps(vm, a, b, di, mode == MODE_DO, &it->count);
            if (ok < 0) goto exit;
            if (!ok) goto iterb;
            ly_ref(a);
            ly_ref(di);
            it->start = a;
            it->step = di;
            if (ly_is_small(a) && ly_is_small(di) && it->count != SIZE_MAX && it->count > 0) {
                /* the last value is a machine integer: so is every one (no overflow on the way) */
                int64_t last;
                it->small = it->count - 1 <= (size_t)INT64_MAX &&
                            !__builtin_mul_overflow(ly_small(di), (int64_t)(it->count - 1), &last) &&
                            !__builtin_add_overflow(ly_small(a), last, &last) && ly_fits_small(last);
            }
        }
    }
    for (size_t i = 0; i < 4; i++) ly_unref(vm, v[i]);
    return 1;
itform:
    if (!quiet) ly_message(vm, f, "itform", 2, spec, lys_int(pos));
    goto bad;
iterb:
    if (!quiet) {
        LyExpr shown = ly_mknormal(vm, LY_SYM(List), n);
        if (shown) {
            for (size_t i = 0; i < n; i++) { ly_ref(v[i]); ly_nset(shown, i + 1, v[i]); }
            ly_message(vm, f, "iterb", 1, shown);
            ly_unref(vm, shown);
        }
    }
bad:
    for (size_t i = 0; i < 4; i++) ly_unref(vm, v[i]);
    iter_free(vm, it);
    return 0;
exit:
    for (size_t i = 0; i < 4; i++) ly_unref(vm, v[i]);
    iter_free(vm, it);
    return -1;
}

/* The k-th value (new reference; NULL on an exit). */
static inline LyExpr iter_value(LyVM *vm, Iter *it, size_t k) {
    if (it->small && k < it->count) return ly_mksmall(ly_small(it->start) + (int64_t)k * ly_small(it->step));
    if (it->list) return ly_part(vm, it->list, k + 1);
    return progression(vm, it->start, it->step, k);
}

/* ---- packing ---------------------------------------------------------------------- */

/* A List of machine integers only, machine reals only, or packed arrays of
 * one type and shape, as a packed array (new reference; the list itself
 * when it cannot be packed).  Mixed integers and reals stay a List, so what
 * prints is what was computed. */
LyExpr lys_pack(LyVM *vm, LyExpr list) {
    size_t n = ly_nlen(list);
    if (n == 0) { ly_ref(list); return list; }
    LyExpr first = ly_narg(list, 1);
    if (ly_is_small(first) || ly_is_real(first)) {
        bool ints = ly_is_small(first);
        for (size_t i = 1; i <= n; i++) {
            LyExpr x = ly_narg(list, i);
            if (ints ? !ly_is_small(x) : !ly_is_real(x)) { ly_ref(list); return list; }
        }
        LyExpr p = ly_mkpacked(vm, ints ? LY_PACKED_INT64 : LY_PACKED_REAL, 1, &n);
        if (!p) return NULL;
        for (size_t i = 1; i <= n; i++) {
            LyExpr x = ly_narg(list, i);
            if (ints) ((int64_t *)ly_packed(p)->data)[i - 1] = ly_small(x);
            else ((double *)ly_packed(p)->data)[i - 1] = ly_realv(x);
        }
        return p;
    }
    if (!ly_is_packed(first)) { ly_ref(list); return list; }
    LyPacked *p0 = ly_packed(first);
    unsigned rank = p0->h.aux;
    if (rank >= 64) { ly_ref(list); return list; }
    for (size_t i = 2; i <= n; i++) {
        LyExpr x = ly_narg(list, i);
        if (!ly_is_packed(x)) { ly_ref(list); return list; }
        LyPacked *p = ly_packed(x);
        if (p->h.flags != p0->h.flags || p->h.aux != rank ||
            memcmp(p->dims, p0->dims, rank * sizeof(size_t))) {
            ly_ref(list);
            return list;
        }
    }
    size_t dims[64];
    dims[0] = n;
    memcpy(dims + 1, p0->dims, rank * sizeof(size_t));
    LyExpr r = ly_mkpacked(vm, (LyPackedType)p0->h.flags, rank + 1, dims);
    if (!r) return NULL;
    char *dst = ly_packed(r)->data;
    size_t bytes = p0->len * 8;
    for (size_t i = 1; i <= n; i++, dst += bytes) memcpy(dst, ly_packed(ly_narg(list, i))->data, bytes);
    return r;
}

/* ---- the driver ---------------------------------------------------------------------- */

typedef struct Run {
    Mode mode;
    LyLoop loop;          /* Do: where it began (escaped locals made since go at loop points) */
    const LyLoop *lp;     /* &loop for Do, which keeps nothing from one iteration to the next */
    LyExpr e;             /* the whole call: body at 1, iterators at 2.. */
    size_t nit;           /* number of iterators */
    bool bad;             /* an iterator failed: leave the call unevaluated */
    LyExpr acc;           /* Sum/Product: the numeric part so far */
    LyExpr *terms;        /* Sum/Product: the symbolic terms */
    size_t nterms, cap;
    double outer;         /* Table: product of the counts of the enclosing levels */
} Run;

static bool add_term(LyVM *vm, Run *run, LyExpr t) {
    if (is_real_number(t) || ly_type(t) == LY_TCOMPLEX) {
        LyExpr s = run->mode == MODE_SUM ? ly_num_add(vm, run->acc, t) : ly_num_mul(vm, run->acc, t);
        ly_unref(vm, t);
        if (!s) return false;
        ly_unref(vm, run->acc);
        run->acc = s;
        return true;
    }
    if (run->nterms == run->cap) {
        size_t nc = run->cap ? 2 * run->cap : 16;
        LyExpr *nt = ly_realloc(vm, run->terms, run->cap * sizeof(LyExpr), nc * sizeof(LyExpr));
        if (!nt) { ly_unref(vm, t); ly_raise_nomem(vm); return false; }
        run->terms = nt;
        run->cap = nc;
    }
    run->terms[run->nterms++] = t;
    return true;
}

/* Runs iterator j (0-based) and those inside it.  Table: returns the List
 * (new reference).  Others: returns Null.  NULL on an exit or when an
 * iterator is bad (run->bad). */
static LyExpr run_level(LyVM *vm, Run *run, size_t j) {
    Iter it;
    int st = iter_setup(vm, run->e, j + 2, &it, run->mode);
    if (st <= 0) { if (st == 0) run->bad = true; return NULL; }
    bool last = j + 1 == run->nit;
    LyExpr out = NULL;
    double outer = run->outer;
    if (run->mode == MODE_TABLE) {
        /* this level's rows times the enclosing ones, a slot each at least:
         * Table[0, {10^6}, {10^6}] ends at once (General::nomem) */
        out = lys_room(vm, outer * (double)it.count, 8) ? ly_mknormal(vm, LY_SYM(List), it.count) : NULL;
        if (!out) { iter_free(vm, &it); return NULL; }
        run->outer = outer * (double)it.count;
    }
    /* the body, evaluated at every step of the innermost level, through a plan */
    LyPlan *plan = last ? ly_plan_new(vm, ly_narg(run->e, 1)) : NULL;
    bool saved_delayed = it.var && ly_own_value_delayed(vm, it.var);
    if (it.var) { it.saved = ly_own_value(vm, it.var); ly_ref(it.saved); }
    bool failed = false;
    size_t k;
    for (k = 0; it.count == SIZE_MAX || k < it.count; k++) {
        /* Do keeps nothing from one iteration to the next */
        if (!ly_loop_point(vm, run->lp)) { failed = true; break; }
        if (it.var) {
            LyExpr v = iter_value(vm, &it, k);
            if (!v) { failed = true; break; }
            ly_set_own_value(vm, it.var, v);
        }
        LyExpr r = plan ? ly_plan_eval(vm, plan) : last ? ly_evaluate(vm, ly_narg(run->e, 1)) : run_level(vm, run, j + 1);
        if (!r) {
            if (run->bad) { failed = true; break; }
            if (run->mode == MODE_DO && last) {
                int x = lys_loop_exit(vm);
                if (x == LYS_LOOP_CONTINUE) continue;
                if (x == LYS_LOOP_BREAK) break;
            }
            failed = true;
            break;
        }
        if (run->mode == MODE_TABLE) {
            ly_nset(out, k + 1, r);
        } else if (last && (run->mode == MODE_SUM || run->mode == MODE_PRODUCT)) {
            if (!add_term(vm, run, r)) { failed = true; break; }
        } else {
            ly_unref(vm, r);
        }
    }
    ly_plan_free(vm, plan);
    if (it.var) ly_set_own_value_ex(vm, it.var, it.saved, saved_delayed);
    iter_free(vm, &it);
    run->outer = outer;
    if (run->mode != MODE_TABLE) return failed ? NULL : LY_SYM(Null);
    if (failed) {
        for (size_t i = 1; i <= ly_nlen(out); i++) if (!ly_narg(out, i)) ly_nset(out, i, LY_SYM(Null));
        ly_unref(vm, out);
        return NULL;
    }
    LyExpr p = lys_pack(vm, out);
    ly_unref(vm, out);
    return p;
}

static LyExpr run(LyVM *vm, LyExpr e, Mode mode) {
    size_t n = ly_nlen(e);
    if (n < 2) return lys_argcount(vm, e, mode == MODE_TABLE ? 1 : 2, SIZE_MAX);
    Run r = { mode, { 0, 0, 0 }, NULL, e, n - 1, false, NULL, NULL, 0, 0, 1 };
    if (mode == MODE_DO) { ly_loop_begin(vm, &r.loop); r.lp = &r.loop; }
    if (mode == MODE_SUM) r.acc = ly_mksmall(0);
    if (mode == MODE_PRODUCT) r.acc = ly_mksmall(1);
    LyExpr x = run_level(vm, &r, 0);
    if (mode == MODE_TABLE || mode == MODE_DO) {
        if (!x && mode == MODE_DO && ly_exit_kind(vm) == LY_EXIT_RETURN) {
            LyExpr v;
            ly_exit_take(vm, &v, NULL);
            return v ? v : LY_SYM(Null);
        }
        return x;
    }
    LyExpr res = NULL;
    if (x) {
        bool skip_acc = mode == MODE_SUM ? ly_num_is_zero(r.acc) && ly_is_exact(r.acc)
                                         : ly_num_is_one(r.acc) && ly_is_exact(r.acc);
        if (r.nterms == 0) {
            res = r.acc;
            r.acc = NULL;
        } else {
            size_t k = r.nterms + (skip_acc ? 0 : 1);
            res = ly_mknormal(vm, mode == MODE_SUM ? LY_SYM(Plus) : LY_SYM(Times), k);
            if (res) {
                size_t at = 1;
                if (!skip_acc) { ly_nset(res, at++, r.acc); r.acc = NULL; }
                for (size_t i = 0; i < r.nterms; i++) ly_nset(res, at++, r.terms[i]);
                r.nterms = 0;
            }
        }
    }
    ly_unref(vm, r.acc);
    for (size_t i = 0; i < r.nterms; i++) ly_unref(vm, r.terms[i]);
    if (r.terms) ly_dealloc(vm, r.terms, r.cap * sizeof(LyExpr));
    return res;
}

static LyExpr b_table(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) == 1) {           /* Table[expr]: no iterators, the value itself */
        return ly_evaluate(vm, ly_narg(e, 1));
    }
    return run(vm, e, MODE_TABLE);
}
static LyExpr b_do(LyVM *vm, LyExpr e) { return run(vm, e, MODE_DO); }
LyExpr lys_symbolic_sum(LyVM *vm, LyExpr e, LyExpr f, LyExpr k, LyExpr lo, LyExpr hi);
LyExpr lys_symbolic_product(LyVM *vm, LyExpr e, LyExpr f, LyExpr k, LyExpr lo, LyExpr hi);

/* Sum/Product[f, {k, lo, hi}] with a symbolic or infinite bound: sums.c.
 * NULL (no exit) when that does not apply or finds nothing.  A symbolic
 * range of a definite length ({k, a, a + 3}) is summed term by term.  k
 * is local, as in the iterating path: a value it has outside is not seen
 * (the bounds are evaluated before, with it). */
static LyExpr symbolic(LyVM *vm, LyExpr e, bool product) {
    if (ly_nlen(e) != 2) return NULL;
    LyExpr it = ly_narg(e, 2);
    if (!ly_head_is(it, LY_SYM(List)) || ly_nlen(it) < 2 || ly_nlen(it) > 3 || !ly_is_sym(ly_narg(it, 1))) return NULL;
    LyExpr lo = ly_nlen(it) == 3 ? ly_evaluate(vm, ly_narg(it, 2)) : ly_mksmall(1);
    LyExpr hi = lo ? ly_evaluate(vm, ly_narg(it, ly_nlen(it))) : NULL;
    LyExpr r = NULL;
    if (lo && hi && !(ly_is_number(hi) && ly_is_number(lo)) && !ly_head_is(hi, LY_SYM(List))) {
        LyExpr len = quotient(vm, lo, hi, ly_mksmall(1));
        if (len && !is_real_number(len)) {
            LyExpr k = ly_narg(it, 1), saved = ly_own_value(vm, k);
            bool delayed = ly_own_value_delayed(vm, k);
            ly_ref(saved);
            if (saved) ly_set_own_value(vm, k, NULL);
            r = product ? lys_symbolic_product(vm, e, ly_narg(e, 1), k, lo, hi)
                        : lys_symbolic_sum(vm, e, ly_narg(e, 1), k, lo, hi);
            if (saved) ly_set_own_value_ex(vm, k, saved, delayed);
        }
        ly_unref(vm, len);
    }
    ly_unref(vm, lo); ly_unref(vm, hi);
    return r;
}

static LyExpr b_sum(LyVM *vm, LyExpr e) {
    LyExpr r = symbolic(vm, e, false);
    if (r || ly_unwinding(vm)) return r;
    return run(vm, e, MODE_SUM);
}
static LyExpr b_product(LyVM *vm, LyExpr e) {
    LyExpr r = symbolic(vm, e, true);
    if (r || ly_unwinding(vm)) return r;
    return run(vm, e, MODE_PRODUCT);
}

/* ---- Range -------------------------------------------------------------------------- */

static LyExpr b_range(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 1 || n > 3) return lys_argcount(vm, e, 1, 3);
    LyExpr a = n >= 2 ? ly_narg(e, 1) : ly_mksmall(1);
    LyExpr b = n >= 2 ? ly_narg(e, 2) : ly_narg(e, 1);
    LyExpr di = n == 3 ? ly_narg(e, 3) : ly_mksmall(1);
    size_t count;
    int ok = ly_num_is_zero(di) ? 0 : count_steps(vm, a, b, di, false, &count);
    if (ok < 0) return NULL;
    if (!ok || count == SIZE_MAX) {
        ly_message(vm, lys_sym(vm, "Range"), "range", 1, e);
        return NULL;
    }
    if (count == 0) return ly_mknormal(vm, LY_SYM(List), 0);
    if (ly_is_small(a) && ly_is_small(di) && (n == 1 || ly_is_small(b) || ly_is_real(b) || ly_type(b) == LY_TRAT)) {
        int64_t x = ly_small(a), d = ly_small(di);
        /* the last value must fit */
        if (d > -((int64_t)1 << 31) && d < ((int64_t)1 << 31) && count < ((size_t)1 << 31) &&
            ly_fits_small(x + d * (int64_t)(count - 1))) {
            LyExpr p = ly_mkpacked(vm, LY_PACKED_INT64, 1, &count);
            if (!p) return NULL;
            int64_t *v = ly_packed(p)->data;
            for (size_t k = 0; k < count; k++) v[k] = x + d * (int64_t)k;
            return p;
        }
    }
    if (is_real_number(a) && is_real_number(di) && (ly_is_real(a) || ly_is_real(di))) {
        LyExpr p = ly_mkpacked(vm, LY_PACKED_REAL, 1, &count);
        if (!p) return NULL;
        double *v = ly_packed(p)->data, x = ly_num_to_double(a), d = ly_num_to_double(di);
        for (size_t k = 0; k < count; k++) v[k] = x + (double)k * d;
        return p;
    }
    LyExpr out = ly_mknormal(vm, LY_SYM(List), count);
    if (!out) return NULL;
    for (size_t k = 0; k < count; k++) {
        LyExpr v = (k & 1023) == 0 && !ly_safe_point(vm) ? NULL : progression(vm, a, di, k);
        if (!v) {
            for (size_t i = k + 1; i <= count; i++) ly_nset(out, i, LY_SYM(Null));
            ly_unref(vm, out);
            return NULL;
        }
        ly_nset(out, k + 1, v);
    }
    return out;
}

/* ---- Array --------------------------------------------------------------------------- */

/* Builds level j of Array[f, dims, origins]: idx holds the indices so far. */
static LyExpr array_level(LyVM *vm, LyExpr f, const size_t *dims, LyExpr const *orig, size_t rank,
                          size_t j, LyExpr *idx) {
    LyExpr out = ly_mknormal(vm, LY_SYM(List), dims[j]);
    if (!out) return NULL;
    for (size_t k = 0; k < dims[j]; k++) {
        LyExpr r = NULL;
        if (ly_safe_point(vm)) {
            idx[j] = progression(vm, orig[j], ly_mksmall(1), k);
            if (idx[j]) {
                r = j + 1 == rank ? lys_call(vm, f, rank, idx)
                                  : array_level(vm, f, dims, orig, rank, j + 1, idx);
                ly_unref(vm, idx[j]);
            }
        }
        if (!r) {
            for (size_t i = k + 1; i <= dims[j]; i++) ly_nset(out, i, LY_SYM(Null));
            ly_unref(vm, out);
            return NULL;
        }
        ly_nset(out, k + 1, r);
    }
    LyExpr p = lys_pack(vm, out);
    ly_unref(vm, out);
    return p;
}

static LyExpr b_array(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 2 || n > 4) return lys_argcount(vm, e, 2, 4);
    if (ly_is_packed(ly_narg(e, 2)) || (n >= 3 && ly_is_packed(ly_narg(e, 3)))) {
        /* dimensions or origins computed as a packed list (ConstantArray[3, 3]) */
        LyExpr u = ly_mknormal(vm, (ly_ref(ly_nhead(e)), ly_nhead(e)), n);
        if (!u) return NULL;
        for (size_t i = 1; i <= n; i++) {
            LyExpr a = lys_unpacked(vm, ly_narg(e, i));
            if (!a) { lys_abandon(vm, u, i); return NULL; }
            ly_nset(u, i, a);
        }
        LyExpr r = b_array(vm, u);
        ly_unref(vm, u);
        return r;
    }
    LyExpr d = ly_narg(e, 2);
    size_t rank = ly_head_is(d, LY_SYM(List)) ? ly_nlen(d) : 1;
    if (rank == 0 || rank > 64) goto bad;
    size_t dims[64];
    LyExpr orig[64], idx[64];
    for (size_t i = 0; i < rank; i++) {
        LyExpr x = rank == 1 && !ly_head_is(d, LY_SYM(List)) ? d : ly_narg(d, i + 1);
        int64_t v;
        if (!ly_get_int64(x, &v) || v < 0) goto bad;
        dims[i] = (size_t)v;
        orig[i] = ly_mksmall(1);
    }
    double cells = 1;
    for (size_t i = 0; i < rank; i++) cells *= (double)dims[i];
    if (!lys_room(vm, cells, 8)) return NULL;
    if (n >= 3) {
        LyExpr o = ly_narg(e, 3);
        if (ly_head_is(o, LY_SYM(List))) {
            if (ly_nlen(o) != rank) return NULL;
            for (size_t i = 0; i < rank; i++) orig[i] = ly_narg(o, i + 1);
        } else {
            for (size_t i = 0; i < rank; i++) orig[i] = o;
        }
    }
    LyExpr r = array_level(vm, ly_narg(e, 1), dims, orig, rank, 0, idx);
    if (r && n == 4) {
        LyExpr h = ly_narg(e, 4);
        if (ly_is_packed(r)) { LyExpr u = ly_unpack(vm, r); ly_unref(vm, r); r = u; }
        if (r) {
            LyExpr x = ly_apply(vm, h, ly_nlen(r), ly_nargs(r));
            ly_unref(vm, r);
            r = x;
        }
    }
    return r;
bad:
    ly_message(vm, lys_sym(vm, "Array"), "ilsmn", 1, e);
    return NULL;
}

/* ---- table --------------------------------------------------------------------------- */

static const LyBuiltin iterate_builtins[] = {
    { "Table", b_table, "HoldAll Protected",
      "Table[expr, n] generates a list of n copies of expr." },
    { "Do", b_do, "HoldAll Protected", "Do[expr, n] evaluates expr n times." },
    { "Sum", b_sum, "HoldAll Protected", "Sum[f, {i, imax}] evaluates the sum of f with i running from 1 to imax." },
    { "Product", b_product, "HoldAll Protected",
      "Product[f, {i, imax}] evaluates the product of f with i running from 1 to imax." },
    { "Range", b_range, "Listable Protected", "Range[imax] generates the list {1, 2, ..., imax}." },
    { "Array", b_array, "Protected",
      "Array[f, n] generates a list of length n, with elements f[i]." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_iterate(LyVM *vm);
LyStatus lys_open_iterate(LyVM *vm) {
    ly_set_message(vm, "General", "itraw", "Raw object `1` cannot be used as an iterator.");
    ly_set_message(vm, "Range", "range", "Range specification in `1` does not have appropriate bounds.");
    ly_set_message(vm, "Array", "ilsmn",
                   "Single or list of non-negative machine-sized integers expected at position 2 of `1`.");
    return ly_register_table(vm, iterate_builtins);
}
