/*
 * arith.c — Plus, Times, Power and their derived forms (Minus, Subtract,
 * Divide, Sqrt): exact and inexact arithmetic with normal forms.
 *
 * Plus and Times are Flat, Orderless, OneIdentity and Listable, so they see
 * flattened, sorted arguments.  Plus adds the numbers and collects like
 * terms (x + 2 x -> 3 x); Times multiplies the numbers and collects powers
 * of equal bases (x x^2 -> x^3); Power folds numbers exactly where the
 * result is a number, and simplifies x^0, x^1, 1^x, (x^a)^n, (x y)^n.
 */
#include <stddef.h>
#include "lyv.h"

LyExpr lyv_exact_root(LyVM *vm, LyExpr b, LyExpr x);

/* ---- helpers ----------------------------------------------------------------------- */

static LyExpr mk2(LyVM *vm, LyExpr h, LyExpr a, LyExpr b) { return ly_mk(vm, h, 2, a, b); }

static LyExpr eval_steal(LyVM *vm, LyExpr e) {
    if (!e) return NULL;
    LyExpr r = lyv_eval(vm, e);
    ly_unref(vm, e);
    return r;
}

/* h[items...] with n items, or the single item when n == 1, or unit when 0. */
static LyExpr rebuild(LyVM *vm, LyExpr h, LyExpr *items, size_t n, LyExpr unit) {
    if (n == 0) { ly_ref(unit); return unit; }
    if (n == 1) { ly_ref(items[0]); return items[0]; }
    return ly_apply(vm, h, n, items);
}

/* Splits a term into numeric coefficient and rest: 3 x y -> 3, x y. */
static void split_coef(LyVM *vm, LyExpr t, LyExpr *coef, LyExpr *rest) {
    if (ly_head_is(t, LY_SYM(Times)) && ly_nlen(t) >= 2 && ly_is_number(ly_narg(t, 1))) {
        *coef = ly_narg(t, 1);
        ly_ref(*coef);
        *rest = rebuild(vm, LY_SYM(Times), ly_nargs(t) + 1, ly_nlen(t) - 1, ly_mksmall(1));
        return;
    }
    *coef = ly_mksmall(1);
    ly_ref(t);
    *rest = t;
}

static bool is_inexact_zero(LyExpr x) { return ly_is_real(x) && ly_realv(x) == 0.0; }

/* ---- inexact contagion ---------------------------------------------------------------- */

/* NumericQ: numbers, Constant symbols (Pi, E, ...), NumericFunction heads of
 * numeric arguments.  Depth-limited; deep expressions answer false. */
static bool numericq(LyVM *vm, LyExpr e, int depth) {
    if (ly_is_number(e)) return true;
    if (ly_is_sym(e)) return (lyv_attrs(vm, e) & LYA_CONSTANT) != 0;
    if (!ly_is_normal(e) || depth > 32 || !ly_is_sym(ly_nhead(e))) return false;
    if (!(lyv_attrs(vm, ly_nhead(e)) & LYA_NUMERICFUNCTION)) return false;
    for (size_t i = 1; i <= ly_nlen(e); i++) if (!numericq(vm, ly_narg(e, i), depth + 1)) return false;
    return true;
}

/* 2. Pi -> 6.28319, E^1. -> 2.71828: when a machine real meets numeric
 * non-numbers in Plus/Times/Power, the whole expression goes through N. */
static LyExpr contagion(LyVM *vm, LyExpr e) {
    bool real = false, other = false;
    for (size_t i = 1; i <= ly_nlen(e); i++) {
        LyExpr a = ly_narg(e, i);
        if (ly_is_real(a) || (ly_type(a) == LY_TCOMPLEX && !ly_is_exact(a))) real = true;
        else if (!ly_is_number(a)) {
            if (!numericq(vm, a, 0)) return NULL;
            other = true;
        }
    }
    if (!real || !other) return NULL;
    LyExpr nsym = lyv_symbol("N");
    LyDefs *d = nsym ? lyv_defs_get(vm, ly_sym(nsym)) : NULL;
    if (!d || !d->builtin) return NULL;
    ly_ref(e);
    return ly_mk(vm, nsym, 1, ly_mk(vm, LY_SYM(Unevaluated), 1, e));   /* N must not re-evaluate e */
}

/* ---- collecting like terms ------------------------------------------------------------- */

/* The distinct keys of a sum (terms without their coefficient) or of a
 * product (bases), each with a value (coefficient, exponent), in order of
 * first appearance.  Past a few keys they are found through a hash index:
 * a sum of 10^4 terms must not compare every pair.  items has room for the
 * rebuilt result. */
typedef struct Collect {
    LyVM *vm;
    LyExpr *keys, *vals, *items;
    uint64_t *hash;          /* per key, when indexed */
    int64_t *index;          /* open addressing over keys, or NULL */
    size_t n, cap, icap;
    uint64_t h;              /* hash of the key last looked up */
    void *block;             /* the heap block, or NULL */
    size_t bytes;
    LyExpr small[3 * 17];
} Collect;

static bool collect_init(LyVM *vm, Collect *c, size_t cap) {
    memset(c, 0, offsetof(Collect, small));
    c->vm = vm;
    c->cap = cap;
    if (cap <= 16) {
        c->keys = c->small; c->vals = c->small + 17; c->items = c->small + 34;
        return true;
    }
    size_t icap = 32;
    while (icap < 2 * cap) icap *= 2;
    c->icap = icap;
    c->bytes = (3 * (cap + 1)) * sizeof(LyExpr) + cap * sizeof(uint64_t) + icap * sizeof(int64_t);
    char *p = lyv_alloc(vm, c->bytes);
    if (!p) return false;
    c->block = p;
    c->keys = (LyExpr *)p; c->vals = c->keys + cap + 1; c->items = c->vals + cap + 1;
    c->hash = (uint64_t *)(c->items + cap + 1);
    c->index = (int64_t *)(c->hash + cap);
    for (size_t i = 0; i < icap; i++) c->index[i] = -1;
    return true;
}

/* The position of key, or c->n when it is new (collect_add then adds it). */
static size_t collect_find(Collect *c, LyExpr key) {
    if (!c->index) {
        for (size_t j = 0; j < c->n; j++) if (ly_equal(c->keys[j], key)) return j;
        return c->n;
    }
    c->h = ly_hash(key);
    for (size_t k = c->h & (c->icap - 1);; k = (k + 1) & (c->icap - 1)) {
        int64_t j = c->index[k];
        if (j < 0) return c->n;
        if (c->hash[j] == c->h && ly_equal(c->keys[j], key)) return (size_t)j;
    }
}

/* Adds key -> val (both stolen) after collect_find said it is new. */
static void collect_add(Collect *c, LyExpr key, LyExpr val) {
    if (c->index) {
        size_t k = c->h & (c->icap - 1);
        while (c->index[k] >= 0) k = (k + 1) & (c->icap - 1);
        c->index[k] = (int64_t)c->n;
        c->hash[c->n] = c->h;
    }
    c->keys[c->n] = key;
    c->vals[c->n] = val;
    c->n++;
}

static void collect_free(Collect *c) {
    for (size_t j = 0; j < c->n; j++) { ly_unref(c->vm, c->keys[j]); ly_unref(c->vm, c->vals[j]); }
    if (c->block) lyv_free(c->vm, c->block, c->bytes);
}

/* ---- Plus --------------------------------------------------------------------------- */

/* All arguments machine-size integers: the common case of loop counters
 * and recursion arguments, summed without the general machinery. */
static bool small_fold(LyExpr e, bool mul, int64_t *out) {
    int64_t acc = mul ? 1 : 0;
    for (size_t i = 1; i <= ly_nlen(e); i++) {
        LyExpr a = ly_narg(e, i);
        if (!ly_is_small(a)) return false;
        if (mul ? __builtin_mul_overflow(acc, ly_small(a), &acc)
                : __builtin_add_overflow(acc, ly_small(a), &acc)) return false;
    }
    *out = acc;
    return true;
}

static LyExpr b_plus(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    int64_t sv;
    if (small_fold(e, false, &sv)) return lyv_int_from_int64(vm, sv);
    LyExpr nv = contagion(vm, e);
    if (nv || vm->unwind) return nv;
    LyExpr sum = ly_mksmall(0);
    bool changed = false, have_num = false;
    Collect col;
    if (!collect_init(vm, &col, n)) return NULL;
    LyExpr *terms = col.keys, *coefs = col.vals;
    bool ok = true;

    for (size_t i = 1; i <= n && ok; i++) {
        LyExpr a = ly_narg(e, i);
        if (ly_is_number(a)) {
            if (have_num) changed = true;
            have_num = true;
            LyExpr s = ly_num_add(vm, sum, a);
            ly_unref(vm, sum);
            sum = s;
            if (!s) ok = false;
            continue;
        }
        LyExpr c, r;
        split_coef(vm, a, &c, &r);
        if (!r) { ly_unref(vm, c); ok = false; break; }
        size_t j = collect_find(&col, r);
        if (j < col.n) {
            LyExpr s = ly_num_add(vm, coefs[j], c);
            ly_unref(vm, coefs[j]);
            ly_unref(vm, c);
            ly_unref(vm, r);
            coefs[j] = s;
            if (!s) { coefs[j] = ly_mksmall(0); ok = false; }
            changed = true;
        } else {
            collect_add(&col, r, c);
        }
    }
    size_t nt = col.n;
    LyExpr result = NULL;
    if (ok && (changed || (have_num && ly_is_exact(sum) && ly_num_is_zero(sum) && nt > 0) ||
               nt + have_num <= 1)) {
        /* rebuild: number first, then c*t for nonzero c */
        LyExpr *items = col.items;
        size_t k = 0;
        if (have_num && !(ly_num_is_zero(sum) && nt > 0)) { ly_ref(sum); items[k++] = sum; }
        for (size_t j = 0; j < nt && ok; j++) {
            if (ly_is_exact(coefs[j]) && ly_num_is_zero(coefs[j])) continue;
            LyExpr t;
            if (ly_num_is_one(coefs[j]) && ly_is_exact(coefs[j])) { ly_ref(terms[j]); t = terms[j]; }
            else {
                ly_ref(coefs[j]); ly_ref(terms[j]);
                t = eval_steal(vm, mk2(vm, LY_SYM(Times), coefs[j], terms[j]));
            }
            if (!t) { ok = false; break; }
            items[k++] = t;
        }
        if (ok) result = k == 0 ? (is_inexact_zero(sum) ? (ly_ref(sum), sum) : ly_mksmall(0))
                                : rebuild(vm, LY_SYM(Plus), items, k, ly_mksmall(0));
        for (size_t j = 0; j < k; j++) ly_unref(vm, items[j]);
    }
    ly_unref(vm, sum);
    collect_free(&col);
    if (!ok && !vm->unwind) return NULL;
    return result;
}

/* ---- Times --------------------------------------------------------------------------- */

static void split_power(LyExpr f, LyExpr *base, LyExpr *ex) {
    /* numeric bases merge only through fractional powers: Sqrt[2]/Sqrt[2] -> 1,
     * 2^(1/2) 2^(1/3) -> 2^(5/6), but 2 Sqrt[2] stays */
    if (ly_head_is(f, LY_SYM(Power)) && ly_nlen(f) == 2 &&
        (!ly_is_number(ly_narg(f, 1)) || ly_type(ly_narg(f, 2)) == LY_TRAT)) {
        *base = ly_narg(f, 1);
        *ex = ly_narg(f, 2);
    } else {
        *base = f;
        *ex = ly_mksmall(1);
    }
}

static LyExpr add_exponents(LyVM *vm, LyExpr a, LyExpr b) {
    if (ly_is_number(a) && ly_is_number(b)) return ly_num_add(vm, a, b);
    ly_ref(a); ly_ref(b);
    return eval_steal(vm, mk2(vm, LY_SYM(Plus), a, b));
}

static LyExpr b_times(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    int64_t sv;
    if (small_fold(e, true, &sv)) return lyv_int_from_int64(vm, sv);
    LyExpr nv = contagion(vm, e);
    if (nv || vm->unwind) return nv;
    LyExpr prod = ly_mksmall(1);
    bool changed = false, have_num = false, ok = true;
    Collect col;
    if (!collect_init(vm, &col, n)) return NULL;
    LyExpr *bases = col.keys, *exps = col.vals;

    for (size_t i = 1; i <= n && ok; i++) {
        LyExpr a = ly_narg(e, i);
        if (ly_is_number(a)) {
            if (have_num) changed = true;
            have_num = true;
            LyExpr p = ly_num_mul(vm, prod, a);
            ly_unref(vm, prod);
            prod = p;
            if (!p) ok = false;
            continue;
        }
        LyExpr b, x;
        split_power(a, &b, &x);
        size_t j = collect_find(&col, b);
        if (j < col.n) {
            LyExpr s = add_exponents(vm, exps[j], x);
            ly_unref(vm, exps[j]);
            exps[j] = s ? s : ly_mksmall(0);
            if (!s) ok = false;
            changed = true;
        } else {
            ly_ref(b); ly_ref(x);
            collect_add(&col, b, x);
        }
    }
    size_t nb = col.n;
    LyExpr result = NULL;
    if (ok && have_num && ly_num_is_zero(prod) && nb > 0) {
        /* 0 x -> 0, 0. x -> 0. */
        ly_ref(prod);
        result = prod;
    } else if (ok && (changed || (have_num && ly_is_exact(prod) && ly_num_is_one(prod) && nb > 0) ||
                      nb + have_num <= 1)) {
        LyExpr *items = col.items;
        size_t k = 0;
        if (have_num && !(ly_is_exact(prod) && ly_num_is_one(prod) && nb > 0)) { ly_ref(prod); items[k++] = prod; }
        for (size_t j = 0; j < nb && ok; j++) {
            LyExpr f;
            if (ly_num_is_one(exps[j]) && ly_is_exact(exps[j])) { ly_ref(bases[j]); f = bases[j]; }
            else {
                ly_ref(bases[j]); ly_ref(exps[j]);
                f = eval_steal(vm, mk2(vm, LY_SYM(Power), bases[j], exps[j]));
            }
            if (!f) { ok = false; break; }
            if (ly_is_number(f) && ly_num_is_one(f) && ly_is_exact(f)) { ly_unref(vm, f); continue; }
            items[k++] = f;
        }
        if (ok) {
            result = rebuild(vm, LY_SYM(Times), items, k, ly_mksmall(1));
        }
        for (size_t j = 0; j < k; j++) ly_unref(vm, items[j]);
    }
    ly_unref(vm, prod);
    collect_free(&col);
    return result;
}

/* ---- Power ----------------------------------------------------------------------------- */

static LyExpr b_power(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2) {
        if (ly_nlen(e) == 1) { ly_ref(ly_narg(e, 1)); return ly_narg(e, 1); }
        if (ly_nlen(e) == 0) return ly_mksmall(1);
        /* Power[a, b, c] = Power[a, Power[b, c]] */
        LyExpr rest = ly_apply(vm, LY_SYM(Power), ly_nlen(e) - 1, ly_nargs(e) + 1);
        LyExpr a = ly_narg(e, 1);
        ly_ref(a);
        return rest ? mk2(vm, LY_SYM(Power), a, rest) : NULL;
    }
    LyExpr b = ly_narg(e, 1), x = ly_narg(e, 2);
    LyExpr nv = contagion(vm, e);
    if (nv || vm->unwind) return nv;
    if (ly_is_number(b) && ly_is_number(x)) {
        if (ly_num_is_zero(b)) {             /* 0 and 0. alike: 1/0. is ComplexInfinity */
            int s = ly_type(x) == LY_TCOMPLEX ? 0 : ly_num_sign(x);
            if (s > 0) { ly_ref(b); return ly_is_real(x) ? ly_mkreal(vm, 0.0) : b; }
            if (s < 0) {
                LyExpr hf = ly_mk(vm, LY_SYM(HoldForm), 1, (ly_ref(e), e));
                ly_message(vm, LY_SYM(Power), "infy", 1, hf);
                ly_unref(vm, hf);
                return LY_SYM(ComplexInfinity);
            }
            LyExpr hf = ly_mk(vm, LY_SYM(HoldForm), 1, (ly_ref(e), e));
            ly_message(vm, LY_SYM(Power), "indet", 1, hf);
            ly_unref(vm, hf);
            return LY_SYM(Indeterminate);
        }
        LyExpr r = lyv_num_power(vm, b, x);
        if (r || vm->unwind) return r;
        return ly_is_exact(b) ? lyv_exact_root(vm, b, x) : NULL;
    }
    if (ly_is_number(x) && ly_is_exact(x)) {
        if (ly_num_is_zero(x)) return ly_mksmall(1);
        if (ly_num_is_one(x)) { ly_ref(b); return b; }
    }
    if (ly_is_number(b) && ly_is_exact(b) && ly_num_is_one(b)) return ly_mksmall(1);
    if (ly_is_integer(x)) {
        /* (a^p)^n -> a^(p n); (a b)^n -> a^n b^n */
        if (ly_head_is(b, LY_SYM(Power)) && ly_nlen(b) == 2) {
            LyExpr a = ly_narg(b, 1), p = ly_narg(b, 2);
            ly_ref(p); ly_ref(x);
            LyExpr pn = eval_steal(vm, mk2(vm, LY_SYM(Times), p, x));
            if (!pn) return NULL;
            ly_ref(a);
            return mk2(vm, LY_SYM(Power), a, pn);
        }
        if (ly_head_is(b, LY_SYM(Times))) {
            size_t n = ly_nlen(b);
            LyExpr t = ly_mknormal(vm, LY_SYM(Times), n);
            if (!t) return NULL;
            for (size_t i = 1; i <= n; i++) {
                LyExpr f = ly_narg(b, i);
                ly_ref(f); ly_ref(x);
                ly_nset(t, i, mk2(vm, LY_SYM(Power), f, x));
                if (!ly_narg(t, i)) {
                    for (size_t j = i; j <= n; j++) ly_nset(t, j, LY_SYM(Null));
                    ly_unref(vm, t);
                    return NULL;
                }
            }
            return t;
        }
    }
    return NULL;
}

/* ---- derived forms ------------------------------------------------------------------------ */

static LyExpr b_minus(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 1) {
        LyExpr n = lyv_int_from_int64(vm, (int64_t)ly_nlen(e));
        ly_message(vm, LY_SYM(Minus), "argx", 2, LY_SYM(Minus), n);
        ly_unref(vm, n);
        return NULL;
    }
    LyExpr a = ly_narg(e, 1);
    if (ly_is_number(a)) return ly_num_neg(vm, a);
    ly_ref(a);
    return mk2(vm, LY_SYM(Times), ly_mksmall(-1), a);
}

static LyExpr argrx(LyVM *vm, LyExpr e, LyExpr sym, int want) {
    LyExpr n = lyv_int_from_int64(vm, (int64_t)ly_nlen(e)), w = ly_mksmall(want);
    if (ly_nlen(e) == 1 && want == 2) ly_message(vm, sym, "argr", 2, sym, w);
    else ly_message(vm, sym, "argrx", 3, sym, n, w);
    ly_unref(vm, n);
    return NULL;
}

static LyExpr b_subtract(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2) return argrx(vm, e, LY_SYM(Subtract), 2);
    LyExpr a = ly_narg(e, 1), b = ly_narg(e, 2);
    ly_ref(a); ly_ref(b);
    return mk2(vm, LY_SYM(Plus), a, mk2(vm, LY_SYM(Times), ly_mksmall(-1), b));
}

static LyExpr b_divide(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2) return argrx(vm, e, LY_SYM(Divide), 2);
    LyExpr a = ly_narg(e, 1), b = ly_narg(e, 2);
    if (ly_is_number(a) && ly_is_number(b) && !(ly_is_exact(b) && ly_num_is_zero(b)))
        return ly_num_div(vm, a, b);
    ly_ref(a); ly_ref(b);
    return mk2(vm, LY_SYM(Times), a, mk2(vm, LY_SYM(Power), b, ly_mksmall(-1)));
}

static LyExpr b_sqrt(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 1) {
        LyExpr n = lyv_int_from_int64(vm, (int64_t)ly_nlen(e));
        ly_message(vm, LY_SYM(Sqrt), "argx", 2, LY_SYM(Sqrt), n);
        ly_unref(vm, n);
        return NULL;
    }
    LyExpr a = ly_narg(e, 1);
    ly_ref(a);
    return mk2(vm, LY_SYM(Power), a, ly_rational(vm, 1, 2));
}

static const LyBuiltin arith_builtins[] = {
    { "Plus", b_plus, "Flat Listable NumericFunction OneIdentity Orderless Protected",
      "x + y + z represents a sum of terms." },
    { "Times", b_times, "Flat Listable NumericFunction OneIdentity Orderless Protected",
      "x*y*z or x y z represents a product of terms." },
    { "Power", b_power, "Listable NumericFunction OneIdentity Protected",
      "x^y gives x to the power y." },
    { "Minus", b_minus, "Listable NumericFunction Protected", "-x is the arithmetic negation of x." },
    { "Subtract", b_subtract, "Listable NumericFunction Protected", "x - y is equivalent to x + (-1 * y)." },
    { "Divide", b_divide, "Listable NumericFunction Protected", "x/y is equivalent to x y^-1." },
    { "Sqrt", b_sqrt, "Listable NumericFunction Protected", "Sqrt[z] gives the square root of z." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lyv_open_arith(LyVM *vm) { return ly_register_table(vm, arith_builtins); }

/* ---- exact roots ------------------------------------------------------------------------ */

/* n^(r/q) for a positive integer n, 0 < r < q: pulls out q-th power factors
 * found by trial division (Sqrt[8] -> 2 Sqrt[2], 4^(1/3) -> 2^(2/3) stays).
 * Returns Times[c, Power[m, r/q]] or NULL when nothing comes out. */
static LyExpr extract_root(LyVM *vm, LyExpr n, int64_t r, int64_t q) {
    mpz_t m, c, f, t;
    mp_limb_t tmp[1];
    mpz_t nv;
    lyv_mpz_view(nv, n, tmp);
    mpz_init_set(m, nv); mpz_init_set_ui(c, 1); mpz_init(f); mpz_init(t);
    /* trial division by small primes (and 4, 9, ... handled by repetition) */
    for (unsigned long p = 2; p < 100000; p += (p == 2 ? 1 : 2)) {
        mpz_ui_pow_ui(t, p, (unsigned long)q);
        if (mpz_cmp(t, m) > 0) break;
        while (mpz_divisible_p(m, t)) {
            mpz_divexact(m, m, t);
            mpz_mul_ui(c, c, p);
        }
    }
    /* the rest may itself be a perfect power */
    if (mpz_root(f, m, (unsigned long)q)) { mpz_mul(c, c, f); mpz_set_ui(m, 1); }
    LyExpr res = NULL;
    if (mpz_cmp_ui(c, 1) != 0) {
        mpz_pow_ui(c, c, (unsigned long)r);
        LyExpr ce = lyv_int_from_mpz(vm, c);
        if (mpz_cmp_ui(m, 1) == 0) res = ce;
        else {
            LyExpr me = lyv_int_from_mpz(vm, m);
            LyExpr ex = ly_rational(vm, r, q);
            res = ly_mk(vm, LY_SYM(Times), 2, ce, ly_mk(vm, LY_SYM(Power), 2, me, ex));
        }
    }
    mpz_clear(m); mpz_clear(c); mpz_clear(f); mpz_clear(t);
    return res;
}

/* Power[b, p/q] for exact b and a rational exponent when lyv_num_power
 * found no exact number.  NULL when the form is already normal. */
LyExpr lyv_exact_root(LyVM *vm, LyExpr b, LyExpr x) {
    if (ly_type(x) != LY_TRAT) return NULL;
    LyExpr pn = ((LyRational *)x)->num, qn = ((LyRational *)x)->den;
    if (!ly_is_small(pn) || !ly_is_small(qn) || ly_small(qn) > 64) return NULL;
    int64_t p = ly_small(pn), q = ly_small(qn);
    if (ly_type(b) == LY_TRAT) {
        /* (a/d)^(p/q) = a^(p/q) d^(-p/q) */
        LyExpr a = ((LyRational *)b)->num, d = ((LyRational *)b)->den;
        ly_ref(a); ly_ref(d);
        return ly_mk(vm, LY_SYM(Times), 2, ly_mk(vm, LY_SYM(Power), 2, a, ly_rational(vm, p, q)),
                     ly_mk(vm, LY_SYM(Power), 2, d, ly_rational(vm, -p, q)));
    }
    if (!ly_is_integer(b)) return NULL;
    if (ly_num_sign(b) < 0) {
        if (ly_is_small(b) && ly_small(b) == -1) {
            if (q == 2) {
                LyExpr i = ly_mkcomplex(vm, ly_mksmall(0), ly_mksmall(1));
                LyExpr r = i ? lyv_num_power(vm, i, pn) : NULL;
                ly_unref(vm, i);
                return r;
            }
            return NULL;
        }
        LyExpr nb = ly_num_neg(vm, b);
        ly_ref(x); ly_ref(x);
        return ly_mk(vm, LY_SYM(Times), 2, ly_mk(vm, LY_SYM(Power), 2, ly_mksmall(-1), x),
                     ly_mk(vm, LY_SYM(Power), 2, nb, x));
    }
    if (p < 0) {
        /* n^(-p/q) = 1/n^(p/q): 8^(-1/2) -> 1/(2 Sqrt[2]); 2^(-1/2) stays */
        LyExpr nx = ly_rational(vm, -p, q);
        LyExpr pos = nx ? lyv_exact_root(vm, b, nx) : NULL;
        ly_unref(vm, nx);
        return pos ? ly_mk(vm, LY_SYM(Power), 2, pos, ly_mksmall(-1)) : NULL;
    }
    {
        /* a perfect power m^j: 4^(1/3) -> 2^(2/3), 8^(1/2) -> 2^(3/2) */
        mpz_t z, m; mp_limb_t t1[1];
        lyv_mpz_view(z, b, t1);
        mpz_init(m);
        for (unsigned long j = 64; j >= 2; j--) {
            if (mpz_sizeinbase(z, 2) < j + 1) continue;
            if (mpz_root(m, z, j)) {
                LyExpr me = lyv_int_from_mpz(vm, m);
                mpz_clear(m);
                return ly_mk(vm, LY_SYM(Power), 2, me, ly_rational(vm, p * (int64_t)j, q));
            }
        }
        mpz_clear(m);
    }
    /* p = k q + r, 0 <= r < q */
    int64_t k = p / q, r = p % q;
    if (r < 0) { r += q; k--; }
    LyExpr root = extract_root(vm, b, r, q);
    if (k == 0) return root;
    LyExpr bk = lyv_num_power(vm, b, ly_mksmall(k));
    if (!bk) { ly_unref(vm, root); return NULL; }
    if (!root) {
        ly_ref(b);
        root = ly_mk(vm, LY_SYM(Power), 2, b, ly_rational(vm, r, q));
    }
    return ly_mk(vm, LY_SYM(Times), 2, bk, root);
}
