/*
 * lys_data.h — helpers shared by the data modules of stdlib/ (compare.c,
 * predicates.c, lists.c, assoc.c, modify.c, strings.c, mathfn.c,
 * intfn.c, random.c).  Only lyra.h + lyra_ext.h (and GMP) underneath.
 *
 * Conventions: "new" results are new references; NULL from a function that
 * builds means an exit is in progress (out of memory or an abort), unless
 * stated otherwise.  Lists are List[...] normal expressions or packed
 * arrays; helpers that read lists accept both.
 */
#ifndef LYS_DATA_H
#define LYS_DATA_H

#include <stdint.h>
#include <gmp.h>
#include "lyra_ext.h"

/* ---- argument counts ------------------------------------------------------------------ */

/* A count as an expression (small integers need no reference). */
static inline LyExpr lys_count(size_t n) { return ly_mksmall((int64_t)n); }

/* True when lo <= number of arguments <= hi (hi == SIZE_MAX: no upper
 * bound); otherwise issues Wolfram's argx/argr/argrx/argt/argtu/argb/argbu/
 * argm/argmu message for the head of e and returns false. */
bool lys_argc(LyVM *vm, LyExpr e, size_t lo, size_t hi);
/* Defines the General:: argument-count texts the core table lacks. */
void lys_data_messages(LyVM *vm);

/* ---- lists -------------------------------------------------------------------------------- */

static inline bool lys_is_list(LyExpr e) { return ly_head_is(e, LY_SYM(List)) || ly_is_packed(e); }
/* Number of elements at the first level of a List or packed array. */
static inline size_t lys_list_len(LyExpr e) {
    return ly_is_packed(e) ? ly_packed(e)->dims[0] : ly_nlen(e);
}
/* e as a List (new reference; packed arrays are unpacked one level deep
 * only as far as ly_unpack goes: fully). */
static inline LyExpr lys_unpacked(LyVM *vm, LyExpr e) {
    if (ly_is_packed(e)) return ly_unpack(vm, e);
    ly_ref(e);
    return e;
}
/* List[items[0..n)] borrowing the items; packed when possible. */
LyExpr lys_list_packed(LyVM *vm, size_t n, const LyExpr *items);
/* Steals a fresh List and returns it packed when it can be. */
LyExpr lys_pack_steal(LyVM *vm, LyExpr list);
/* Whether a result of `count` parts of about `each` bytes can be built now
 * (ly_mem_check: the VM's caps and any MemoryConstrained budget); false
 * with the exit started (General::nomem, or the budget's Abort).  Builtins
 * that know the size of what they will build ask first, so an enormous
 * request ends at once instead of filling memory.  Doubles saturate. */
static inline bool lys_room(LyVM *vm, double count, double each) {
    double b = count * each;
    return ly_mem_check(vm, b >= 18446744073709551615.0 ? SIZE_MAX : (size_t)b);
}
/* Bytes of a normal expression with k parts, a packed row of k numbers. */
#define LYS_NORMAL_BYTES(k) ((double)sizeof(LyNormal) + 8.0 * ((double)(k) + 1))
/* Puts v (stolen) into slot i of a fresh normal expression; when v is NULL
 * (out of memory while making it) puts Null instead and clears *ok, so the
 * caller can finish filling, release the expression and fail. */
static inline void lys_nset_ok(LyExpr e, size_t i, LyExpr v, bool *ok) {
    if (!v) { *ok = false; v = LY_SYM(Null); }
    ly_nset(e, i, v);
}
/* Fills slots i..n of a fresh normal expression with Null and releases it
 * (for error paths while building). */
void lys_abandon(LyVM *vm, LyExpr fresh, size_t from);

/* ---- byte arrays (bytearray.c) --------------------------------------------------------------- */

/* A ByteArray holding a copy of p[0..n) (new reference). */
LyExpr lys_bytearray_new(LyVM *vm, const void *p, size_t n);
/* A ByteArray taking over the bytes of b (b is left empty). */
LyExpr lys_bytearray_take(LyVM *vm, LyBuf *b);
/* The bytes of a ByteArray (borrowed) and their count; NULL if e is not one. */
const unsigned char *lys_bytearray_get(LyExpr e, size_t *n);
/* Normal[ba]: the bytes as a packed List; NULL if ba is not a ByteArray. */
LyExpr lys_bytearray_normal(LyVM *vm, LyExpr ba);

/* ---- options (options.c) --------------------------------------------------------------------- */

/* Options[name] = the List of rules in the text rules (its defaults, as
 * Options[name] lists them), when the library opens. */
LyStatus lys_default_options(LyVM *vm, const char *name, const char *rules);
/* The options of the call e from argument `from` on (rules, or Lists of
 * rules), checked against Options[head]: values[k] gets the value (borrowed)
 * of option names[k] given in e, else its default in Options[head] (as
 * SetOptions left it), else NULL.  False, after head::optx (an option head
 * does not have) or head::nonopt (an argument that is no option), when the
 * call is to stay unevaluated. */
bool lys_get_options(LyVM *vm, LyExpr e, size_t from, size_t n, const char *const *names, LyExpr *values);
/* The position of the first Rule/RuleDelayed argument of e at or after
 * from (ly_nlen(e) + 1 when none). */
size_t lys_first_option(LyExpr e, size_t from);

/* ---- evaluation ----------------------------------------------------------------------------- */

/* Evaluates e and releases it (e may be NULL: returns NULL). */
LyExpr lys_eval_steal(LyVM *vm, LyExpr e);
/* f[args...] evaluated (args borrowed). */
LyExpr lys_apply_eval(LyVM *vm, LyExpr f, size_t n, const LyExpr *args);
/* The parsed text (a constant of the library, which parses), not evaluated;
 * chunk names it in a syntax error. */
LyExpr lys_text_expr(LyVM *vm, const char *text, const char *chunk);
/* The text parsed and evaluated. */
LyExpr lys_text_value(LyVM *vm, const char *text);
/* The symbol named name (symbols are not reference counted). */
static inline LyExpr lys_symbol(LyVM *vm, const char *name) { return ly_symbol(vm, name); }

/* ---- numbers ------------------------------------------------------------------------------------ */

/* z = the integer e (initialises z; mpz_clear it). */
void lys_mpz_get(mpz_t z, LyExpr e);
/* q = the rational or integer e (initialises q; mpq_clear it). */
void lys_mpq_get(mpq_t q, LyExpr e);
static inline LyExpr lys_from_mpz(LyVM *vm, const mpz_t z) { return ly_mkint_big(vm, z); }
LyExpr lys_from_mpq(LyVM *vm, const mpq_t q);
/* bigint.c: exact functions computed in steps with safe points (sized
 * first: Overflow[] with General::ovfl beyond the exact limit); NULL while
 * an exit is in progress. */
LyExpr lys_factorial(LyVM *vm, uint64_t n);
LyExpr lys_binomial(LyVM *vm, const mpz_t n, uint64_t k);
LyExpr lys_fibonacci(LyVM *vm, uint64_t n);
/* r = a^e mod m (e >= 0, m > 0) in chunks; false when stopped. */
bool lys_powm(LyVM *vm, mpz_t r, const mpz_t a, const mpz_t e, const mpz_t m);
/* Primality of |n| with safe points for big n: 1, 0, or -1 when stopped. */
int lys_prime_big(LyVM *vm, const mpz_t n);
/* True for integers, rationals and machine reals (not complex). */
static inline bool lys_is_realnum(LyExpr e) { return ly_is_number(e) && ly_type(e) != LY_TCOMPLEX; }
/* DirectedInfinity[1] / DirectedInfinity[-1]: +1 / -1; 0 otherwise. */
int lys_infinity_sign(LyExpr e);
LyExpr lys_infinity(LyVM *vm, int sign);        /* DirectedInfinity[sign] (0: ComplexInfinity) */

/* Machine value of a numeric expression (numbers, Pi, E, ..., arithmetic
 * and elementary functions of those).  False when e is not numeric or the
 * value cannot be computed. (mathfn.c) */
bool lys_nvalue(LyVM *vm, LyExpr e, double _Complex *out);
/* NumericQ. (mathfn.c) */
bool lys_numericq(LyVM *vm, LyExpr e);
/* N[e] at machine precision (new reference). (mathfn.c) */
LyExpr lys_numericalize(LyVM *vm, LyExpr e);

/* Arbitrary-precision reals, Lyra`BigReal[m, e, p] (bigreal.c): the test,
 * the machine value, N[e, p] (declined: leave it to the machine path),
 * OutputForm text, RealDigits[x, 10, len] of an exact numeric x. */
bool lys_is_bigreal(LyVM *vm, LyExpr e);
double lys_bigreal_value(LyExpr e);
LyExpr lys_n_precision(LyVM *vm, LyExpr e, LyExpr p, bool *declined);
bool lys_bigreal_format(LyBuf *b, LyExpr e);
LyExpr lys_bigreal_realdigits(LyVM *vm, LyExpr x, long len);
/* Machine precision past the machine range (bigreal.c): the machine-
 * precision value of a real number or arbitrary-precision real (a machine
 * real when in range); f[x] (Exp, Sinh, Cosh, Log, Sqrt, ...) for a real x
 * whose machine value overflowed, NULL when f is not computed there; what
 * is the expression for General::munfl (may be NULL). */
LyExpr lys_machine_value(LyVM *vm, LyExpr x);
LyExpr lys_machine_fn(LyVM *vm, const char *f, LyExpr x, LyExpr what);
/* Order of two real numbers one of which is arbitrary-precision: -1, 0
 * (equal to the lower precision), 1; 2 when not such a pair. */
int lys_bigreal_cmp(LyVM *vm, LyExpr a, LyExpr b);
/* General::munfl about what (a machine computation underflowed), unless
 * switched off: lys_underflow_check(vm, false) ... (vm, true) around the
 * sampling of numerical methods (nests). */
void lys_munfl(LyVM *vm, LyExpr what);
void lys_underflow_check(LyVM *vm, bool on);
/* Mean[d], Variance[d], StandardDeviation[d], Median[d], Quantile[d, q],
 * Quartiles[d], InterquartileRange[d] of a distribution d (distrib.c);
 * NULL when e[[1]] is not one (or, with a message, a bad one). */
LyExpr lys_dist_call(LyVM *vm, LyExpr e);
/* Is d one of the distributions distrib.c knows (whatever its parameters)? */
bool lys_is_dist(LyExpr d);
/* Gamma[a, z] and Gamma[a, z0, z1] (incgamma.c); NULL: unevaluated. */
LyExpr lys_gamma_incomplete(LyVM *vm, LyExpr e);
/* Machine regularized incomplete gamma Q(a, x) and beta I_x(a, b) (incgamma.c). */
double lys_gamma_q(double a, double x);
double lys_beta_i(double x, double a, double b);
/* Gamma[x] of a machine real x >= 100 whose machine value overflowed. */
LyExpr lys_machine_gamma(LyVM *vm, double x);

/* Wolfram's equality tolerance for machine numbers: equal when they differ
 * in at most the last seven binary digits. */
bool lys_approx_equal(double a, double b);

/* ---- random streams (random.c) ----------------------------------------------------------- */

/* The xoshiro256** state of the stream keyed by (seed, index): stream
 * `index` of seed `seed`, for per-element streams in parallel code.
 * SeedRandom[n] uses stream 0 of seed n.  Documented in random.c. */
void lys_random_stream(uint64_t state[4], uint64_t seed, uint64_t index);
uint64_t lys_random_next(uint64_t state[4]);

/* ---- primes (numtheory.c) --------------------------------------------------------------------- */

/* Deterministic below 2^64; Baillie-PSW above (see numtheory.c). */
bool lys_prime_u64(uint64_t n);
bool lys_prime_mpz(const mpz_t z);      /* of |z| */

/* Three-valued truth. */
typedef enum { LYS_UNKNOWN = -1, LYS_FALSE = 0, LYS_TRUE = 1 } LysTruth;
static inline LyExpr lys_bool(bool b) { return b ? LY_SYM(True) : LY_SYM(False); }

/* ---- builtins with a Wolfram-language body (derived.c) ----------------------------------------- */

/* name[args] with nargs arguments (-1: any) is body[args]; a body that gives
 * the symbol ly$uneval leaves the call unevaluated. */
typedef struct LysDerived {
    const char *name;
    int nargs;
    const char *body;           /* a pure function of the arguments */
} LysDerived;
/* one per name: its usage text (registered Protected; the open functions
 * below add other attributes) */
typedef struct LysUsage {
    const char *name, *usage;
} LysUsage;
extern const LysDerived lys_derived_lists[], lys_derived_math[];
extern const LysUsage lys_usages_lists[], lys_usages_math[];
/* definitions made when the library opens (sub-values such as Curry's) */
LyStatus lys_open_derived_lists(LyVM *vm);
LyStatus lys_open_derived_math(LyVM *vm);

#endif
