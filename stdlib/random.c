/*
 * random.c — RandomInteger, RandomReal, RandomChoice, RandomSample, SeedRandom.  Written against
 * lyra.h + lyra_ext.h.
 *
 * Generator: xoshiro256** (Blackman & Vigna), 256 bits of state, period
 * 2^256 - 1.  Streams are keyed by (seed, index):
 *
 *   k      = splitmix64_mix(seed) + splitmix64_mix(index ^ 0x6A09E667F3BCC909)
 *   s[0..3] = the next four outputs of SplitMix64 started at k
 *
 * SeedRandom[n] selects stream 0 of seed n; parallel code gives element i
 * the stream (seed, i + 1), so results do not depend on scheduling.  An
 * unseeded VM seeds itself from the clock and its own address.
 *
 * Per-VM state: the four words (and a pending stream, see state_words)
 * live as a packed int64 array in the own value of a symbol no input can
 * name ("Lyra`Private`RandomState"), so each VM has its own generator and
 * no global state exists.
 *
 * Integers in [0, r] come from Lemire's multiply-and-reject method (no
 * modulo bias); reals are (next >> 11) 2^-53, uniform on [0, 1).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "lys_data.h"

/* ---- generator --------------------------------------------------------------------------------- */

static uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t splitmix_next(uint64_t *x) {
    *x += 0x9E3779B97F4A7C15ULL;
    return mix64(*x);
}

void lys_random_stream(uint64_t s[4], uint64_t seed, uint64_t index) {
    uint64_t k = mix64(seed) + mix64(index ^ 0x6A09E667F3BCC909ULL);
    for (int i = 0; i < 4; i++) s[i] = splitmix_next(&k);
    if (!(s[0] | s[1] | s[2] | s[3])) s[0] = 1;
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t lys_random_next(uint64_t s[4]) {
    uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return r;
}

/* Uniform in [0, range] (range < 2^64 - 1 or the full range). */
static uint64_t uniform(uint64_t s[4], uint64_t range) {
    if (range == UINT64_MAX) return lys_random_next(s);
    uint64_t n = range + 1;
    unsigned __int128 m = (unsigned __int128)lys_random_next(s) * n;
    uint64_t lo = (uint64_t)m;
    if (lo < n) {
        uint64_t thr = -n % n;
        while (lo < thr) { m = (unsigned __int128)lys_random_next(s) * n; lo = (uint64_t)m; }
    }
    return (uint64_t)(m >> 64);
}

static double unit(uint64_t s[4]) { return (double)(lys_random_next(s) >> 11) * 0x1p-53; }

/* ---- per-VM state ------------------------------------------------------------------------------ */

/* Symbols are process-wide and immortal, so each thread may remember this
 * one (parallel calls set a stream per element: the lookup was half the cost). */
static LyExpr state_symbol(LyVM *vm) {
    static _Thread_local LyExpr sym;
    if (!sym) sym = ly_symbol(vm, "Lyra`Private`RandomState");
    return sym;
}

/* The own value is a packed int64 array of 7 words: {pending, key, index,
 * s0, s1, s2, s3}.  ly_random_set_stream only records (key, index) with
 * pending = 1 (parallel calls set a stream per element, most of which never
 * draw a number); the first draw derives the state. */
enum { ST_WORDS = 7 };

static int64_t *state_words(LyVM *vm) {
    LyExpr sym = state_symbol(vm), v = sym ? ly_own_value(vm, sym) : NULL;
    if (v && ly_is_packed(v) && ly_packed(v)->len == ST_WORDS && ly_packed(v)->h.flags == LY_PACKED_INT64)
        return ly_packed(v)->data;
    return NULL;
}

/* The words to write in place (nobody else can see the array), or NULL. */
static int64_t *private_words(LyVM *vm) {
    LyExpr sym = state_symbol(vm), v = sym ? ly_own_value(vm, sym) : NULL;
    if (v && v->rc == 1 && !ly_packed(v)->shared && state_words(vm)) return ly_packed(v)->data;
    return NULL;
}

static void load(LyVM *vm, uint64_t s[4]) {
    const int64_t *w = state_words(vm);
    if (w && w[0]) { lys_random_stream(s, (uint64_t)w[1], (uint64_t)w[2]); return; }
    if (w) { memcpy(s, w + 3, 32); return; }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    lys_random_stream(s, (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec, (uint64_t)(uintptr_t)vm);
}

static void put_words(LyVM *vm, const int64_t w[ST_WORDS]) {
    int64_t *d = private_words(vm);
    if (d) { memcpy(d, w, sizeof(int64_t) * ST_WORDS); return; }
    size_t n = ST_WORDS;
    LyExpr p = ly_mkpacked(vm, LY_PACKED_INT64, 1, &n);
    if (!p) return;
    memcpy(ly_packed(p)->data, w, sizeof(int64_t) * ST_WORDS);
    ly_set_own_value(vm, state_symbol(vm), p);
}

static void store(LyVM *vm, const uint64_t s[4]) {
    int64_t w[ST_WORDS] = { 0, 0, 0 };
    memcpy(w + 3, s, 32);
    put_words(vm, w);
}

/* ---- parallel streams (lyra_ext.h) --------------------------------------------------------------- */

uint64_t ly_random_fork(LyVM *vm) {
    uint64_t s[4];
    load(vm, s);
    uint64_t k = lys_random_next(s);
    store(vm, s);
    return k;
}

void ly_random_set_stream(LyVM *vm, uint64_t key, uint64_t index) {
    int64_t w[ST_WORDS] = { 1, (int64_t)key, (int64_t)index, 0, 0, 0, 0 };
    int64_t *d = private_words(vm);
    if (d) { d[0] = 1; d[1] = w[1]; d[2] = w[2]; return; }
    put_words(vm, w);
}

/* ---- SeedRandom --------------------------------------------------------------------------------- */

static LyExpr b_seedrandom(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 2)) return NULL;
    uint64_t s[4], seed;
    if (ly_nlen(e) == 0) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        seed = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
    } else {
        LyExpr x = ly_narg(e, 1);
        if (ly_is_small(x)) seed = (uint64_t)ly_small(x);
        else if (ly_is_integer(x) || ly_is_string(x)) seed = ly_hash(x);
        else return NULL;
    }
    lys_random_stream(s, seed, 0);
    store(vm, s);
    return LY_SYM(Null);
}

/* ---- shapes ------------------------------------------------------------------------------------- */

/* The count/shape argument: n or {n1, n2, ...}; rank 0 when absent. */
static bool shape(LyVM *vm, LyExpr e, size_t pos, size_t *dims, unsigned *rank) {
    *rank = 0;
    if (ly_nlen(e) < pos) return true;
    LyExpr d = ly_narg(e, pos);
    if (ly_is_small(d) && ly_small(d) >= 0) { dims[0] = (size_t)ly_small(d); *rank = 1; }
    else if (lys_is_list(d) && lys_list_len(d) >= 1 && lys_list_len(d) <= 16) {
        for (size_t i = 1; i <= lys_list_len(d); i++) {
            LyExpr k = ly_part(vm, d, i);
            if (!ly_is_small(k) || ly_small(k) < 0) { ly_unref(vm, k); return false; }
            dims[(*rank)++] = (size_t)ly_small(k);
        }
    } else return false;
    for (unsigned i = 0; i < *rank; i++) if (dims[i] == 0) return false;   /* {} stays unpacked: skip */
    return true;
}

/* ---- RandomInteger, RandomReal ------------------------------------------------------------------- */

static LyExpr b_randominteger(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 2)) return NULL;
    int64_t lo = 0, hi = 1;
    if (ly_nlen(e) >= 1) {
        LyExpr r = ly_narg(e, 1);
        if (ly_is_small(r)) { hi = ly_small(r); if (hi < 0) { lo = hi; hi = 0; } }
        else if (ly_head_is(r, LY_SYM(List)) && ly_nlen(r) == 2 && ly_is_small(ly_narg(r, 1)) && ly_is_small(ly_narg(r, 2))) {
            lo = ly_small(ly_narg(r, 1)); hi = ly_small(ly_narg(r, 2));
            if (lo > hi) return NULL;
        } else return NULL;
    }
    size_t dims[16];
    unsigned rank;
    if (!shape(vm, e, 2, dims, &rank)) return NULL;
    uint64_t s[4];
    load(vm, s);
    uint64_t range = (uint64_t)hi - (uint64_t)lo;
    LyExpr r;
    if (rank == 0) r = ly_int(vm, (int64_t)((uint64_t)lo + uniform(s, range)));
    else {
        r = ly_mkpacked(vm, LY_PACKED_INT64, rank, dims);
        if (r) {
            int64_t *d = ly_packed(r)->data;
            for (size_t i = 0; i < ly_packed(r)->len; i++) d[i] = (int64_t)((uint64_t)lo + uniform(s, range));
        }
    }
    store(vm, s);
    return r;
}

static LyExpr b_randomreal(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 2)) return NULL;
    double lo = 0, hi = 1;
    if (ly_nlen(e) >= 1) {
        LyExpr r = ly_narg(e, 1);
        if (lys_is_realnum(r)) hi = ly_num_to_double(r);
        else if (ly_head_is(r, LY_SYM(List)) && ly_nlen(r) == 2 && lys_is_realnum(ly_narg(r, 1)) &&
                 lys_is_realnum(ly_narg(r, 2))) {
            lo = ly_num_to_double(ly_narg(r, 1)); hi = ly_num_to_double(ly_narg(r, 2));
        } else return NULL;
    }
    size_t dims[16];
    unsigned rank;
    if (!shape(vm, e, 2, dims, &rank)) return NULL;
    uint64_t s[4];
    load(vm, s);
    LyExpr r;
    if (rank == 0) r = ly_mkreal(vm, lo + (hi - lo) * unit(s));
    else {
        r = ly_mkpacked(vm, LY_PACKED_REAL, rank, dims);
        if (r) {
            double *d = ly_packed(r)->data;
            for (size_t i = 0; i < ly_packed(r)->len; i++) d[i] = lo + (hi - lo) * unit(s);
        }
    }
    store(vm, s);
    return r;
}


/* ---- RandomChoice, RandomSample ------------------------------------------------------------------ */

/* The picks idx[0..) (0-based indices into u) as nested lists of shape dims. */
static LyExpr nest_picks(LyVM *vm, LyExpr u, const size_t *idx, const size_t *dims, unsigned rank, size_t *pos) {
    LyExpr out = ly_mknormal(vm, LY_SYM(List), dims[0]);
    for (size_t i = 1; out && i <= dims[0]; i++) {
        LyExpr v;
        if (rank == 1) { v = ly_narg(u, idx[(*pos)++] + 1); ly_ref(v); }
        else v = nest_picks(vm, u, idx, dims + 1, rank - 1, pos);
        if (!v) { lys_abandon(vm, out, i); return NULL; }
        ly_nset(out, i, v);
    }
    return out;
}

static void choice_items_msg(LyVM *vm, LyExpr e, LyExpr x) {
    ly_set_message(vm, "RandomChoice", "lrwl",
                   "The items for choice `1` should be a list or a rule weights -> choices.");
    ly_message(vm, ly_nhead(e), "lrwl", 1, x);
}

/* Weights w (a list of n non-negative numbers, not all 0) as doubles in a
 * fresh array, or NULL with RandomChoice/RandomSample::wghtv issued (or an
 * exit started). */
static double *weights(LyVM *vm, LyExpr e, LyExpr w, size_t n) {
    double *d = NULL;
    bool ok = lys_is_list(w) && lys_list_len(w) == n;
    if (ok) {
        d = ly_alloc(vm, (n ? n : 1) * sizeof(double));
        if (!d) { ly_raise_nomem(vm); return NULL; }
        double acc = 0;
        for (size_t i = 0; i < n && ok; i++) {
            LyExpr wi = ly_part(vm, w, i + 1);
            ok = wi && lys_is_realnum(wi);
            d[i] = ok ? ly_num_to_double(wi) : 0;
            ly_unref(vm, wi);
            ok = ok && d[i] >= 0 && d[i] == d[i] && isfinite(d[i]);
            acc += d[i];
        }
        ok = ok && acc > 0 && isfinite(acc);
    }
    if (ok) return d;
    if (d) ly_dealloc(vm, d, (n ? n : 1) * sizeof(double));
    if (ly_unwinding(vm)) return NULL;
    ly_set_message(vm, ly_symbol_name(ly_nhead(e)) ? ly_symbol_name(ly_nhead(e)) : "RandomSample", "wghtv",
                   "The weights on the left-hand side of `1` have to be a list of non-negative numbers with the same length as the list of choices.");
    ly_message(vm, ly_nhead(e), "wghtv", 1, ly_narg(e, 1));
    return NULL;
}

typedef struct WKey { double key; size_t i; } WKey;
static int wkey_desc(const void *a, const void *b) {
    double x = ((const WKey *)a)->key, y = ((const WKey *)b)->key;
    return x > y ? -1 : x < y ? 1 : 0;
}

static LyExpr b_randomchoice(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1), w = NULL;
    if (ly_head_is(x, LY_SYM(Rule)) && ly_nlen(x) == 2) { w = ly_narg(x, 1); x = ly_narg(x, 2); }
    if (!lys_is_list(x) || lys_list_len(x) == 0) { choice_items_msg(vm, e, ly_narg(e, 1)); return NULL; }
    size_t n = lys_list_len(x);
    size_t dims[16];
    unsigned rank;
    if (!shape(vm, e, 2, dims, &rank)) return NULL;
    size_t total = 1;
    for (unsigned i = 0; i < rank; i++) {
        if (total > (SIZE_MAX / sizeof(size_t)) / dims[i]) return ly_raise_nomem(vm);
        total *= dims[i];
    }
    double *cum = NULL;
    if (w) {
        cum = weights(vm, e, w, n);
        if (!cum) return NULL;
        for (size_t i = 1; i < n; i++) cum[i] += cum[i - 1];
    }
    size_t *idx = ly_alloc(vm, total * sizeof(size_t));
    if (!idx) { if (cum) ly_dealloc(vm, cum, n * sizeof(double)); return ly_raise_nomem(vm); }
    uint64_t s[4];
    load(vm, s);
    for (size_t i = 0; i < total; i++) {
        if (!cum) { idx[i] = (size_t)uniform(s, n - 1); continue; }
        double t = unit(s) * cum[n - 1];
        size_t lo = 0, hi = n - 1;          /* first i with cum[i] > t */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (cum[mid] > t) hi = mid; else lo = mid + 1;
        }
        idx[i] = lo;
    }
    store(vm, s);
    if (cum) ly_dealloc(vm, cum, n * sizeof(double));
    LyExpr u = lys_unpacked(vm, x), r = NULL;
    if (u) {
        if (rank == 0) { r = ly_narg(u, idx[0] + 1); ly_ref(r); }
        else {
            size_t pos = 0;
            r = nest_picks(vm, u, idx, dims, rank, &pos);
        }
        ly_unref(vm, u);
    }
    ly_dealloc(vm, idx, total * sizeof(size_t));
    return r;
}

static LyExpr b_randomsample(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1), w = NULL;
    if (ly_head_is(x, LY_SYM(Rule)) && ly_nlen(x) == 2) { w = ly_narg(x, 1); x = ly_narg(x, 2); }
    if (!lys_is_list(x)) return NULL;
    size_t n = lys_list_len(x), k = n;
    if (ly_nlen(e) == 2) {
        LyExpr c = ly_narg(e, 2);
        if (ly_head_is(c, ly_symbol(vm, "UpTo")) && ly_nlen(c) == 1) c = ly_narg(c, 1);
        if (!ly_is_small(c) || ly_small(c) < 0) return NULL;
        if ((uint64_t)ly_small(c) < n) k = (size_t)ly_small(c);
    }
    size_t *idx = ly_alloc(vm, (n ? n : 1) * sizeof(size_t));
    if (!idx) return ly_raise_nomem(vm);
    for (size_t i = 0; i < n; i++) idx[i] = i;
    uint64_t s[4];
    if (w) {
        /* Efraimidis-Spirakis: the k largest log(u)/w_i; weight 0 never drawn */
        double *wd = weights(vm, e, w, n);
        WKey *keys = wd ? ly_alloc(vm, (n ? n : 1) * sizeof(WKey)) : NULL;
        if (!keys) {
            if (wd) ly_dealloc(vm, wd, (n ? n : 1) * sizeof(double));
            ly_dealloc(vm, idx, (n ? n : 1) * sizeof(size_t));
            return wd ? ly_raise_nomem(vm) : NULL;
        }
        load(vm, s);
        size_t positive = 0;
        for (size_t i = 0; i < n; i++) {
            double u = unit(s);
            if (u <= 0) u = 0x1p-60;
            keys[i].i = i;
            keys[i].key = wd[i] > 0 ? log(u) / wd[i] : -INFINITY;
            positive += wd[i] > 0;
        }
        store(vm, s);
        qsort(keys, n, sizeof(WKey), wkey_desc);
        if (k > positive) k = positive;
        for (size_t i = 0; i < k; i++) idx[i] = keys[i].i;
        ly_dealloc(vm, keys, (n ? n : 1) * sizeof(WKey));
        ly_dealloc(vm, wd, (n ? n : 1) * sizeof(double));
    } else {
        load(vm, s);
        for (size_t i = 0; i < k; i++) {        /* partial Fisher-Yates */
            size_t j = i + (size_t)uniform(s, n - 1 - i);
            size_t t = idx[i]; idx[i] = idx[j]; idx[j] = t;
        }
        store(vm, s);
    }
    LyExpr u = lys_unpacked(vm, x), r = NULL;
    if (u) {
        size_t pos = 0;
        r = k ? nest_picks(vm, u, idx, &k, 1, &pos) : ly_list(vm, 0, NULL);
        ly_unref(vm, u);
    }
    ly_dealloc(vm, idx, (n ? n : 1) * sizeof(size_t));
    return r ? lys_pack_steal(vm, r) : NULL;
}

static const LyBuiltin random_builtins[] = {
    { "RandomInteger", b_randominteger, "Protected",
      "RandomInteger[{imin, imax}] gives a pseudorandom integer in the range {imin, imax}." },
    { "RandomReal", b_randomreal, "Protected",
      "RandomReal[] gives a pseudorandom real number in the range 0 to 1." },
    { "SeedRandom", b_seedrandom, "Protected",
      "SeedRandom[n] resets the pseudorandom generator, using n as a seed. Lyra's generator is xoshiro256** seeded by SplitMix64." },
    { "RandomChoice", b_randomchoice, "Protected",
      "RandomChoice[{e1, e2, ...}] gives a pseudorandom choice of one of the ei.\n"
      "RandomChoice[list, n] gives a list of n pseudorandom choices.\n"
      "RandomChoice[{w1, w2, ...} -> {e1, e2, ...}, n] chooses with weights wi." },
    { "RandomSample", b_randomsample, "Protected",
      "RandomSample[{e1, e2, ...}, n] gives a pseudorandom sample of n of the ei.\n"
      "RandomSample[{w1, w2, ...} -> {e1, e2, ...}, n] gives a pseudorandom sample of n of the ei chosen using weights wi." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_random(LyVM *vm);
LyStatus lys_open_random(LyVM *vm) { return ly_register_table(vm, random_builtins); }
