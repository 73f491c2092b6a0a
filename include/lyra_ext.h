/*
 * lyra_ext.h — the extension API: what builtins and foreign types are
 * written against (stdlib/ uses only lyra.h and this header).
 *
 * Value representation
 * --------------------
 * An LyExpr is a tagged word:
 *   ...xx1   small integer, value = word >> 1 (63-bit signed); integers
 *            outside that range are LY_TBIG objects.  Every integer has
 *            exactly one representation (small when it fits).
 *   ...x10   symbol: pointer to an immortal, process-wide LySymbol | 2.
 *            Symbols are never reference counted.
 *   ...x00   pointer to a heap object (struct LyObject header), owned by one
 *            VM and reference counted without atomics.
 *   0        no value (NULL).
 * Heap objects are immutable once published.  Normal expressions store the
 * head at e[0] and arguments at e[1..len].
 *
 * A VM evaluates only its own objects: values from another VM are copied in
 * (ly_copy) before they are evaluated, since the evaluator records in each
 * normal expression it has evaluated that it is a fixed point (stamp).
 *
 * Unwinding protocol
 * ------------------
 * Non-local exits (Throw, Abort, Return, Break, Continue, out of memory) do
 * not longjmp: the function that starts one records it in the VM and
 * returns NULL, and every caller passes the NULL up after releasing what it
 * holds.  ly_evaluate() returns NULL exactly when an exit is in progress.
 * A builtin returns NULL either to say "no rule applies, leave the
 * expression unevaluated" or because an exit is in progress; the evaluator
 * tells them apart with ly_unwinding().
 */
#ifndef LYRA_EXT_H
#define LYRA_EXT_H

#include "lyra.h"
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct LyBuf LyBuf;

/* ---- layout ------------------------------------------------------------------ */

struct LyObject {
    uint32_t rc;        /* references; the object is freed when it reaches 0 */
    uint8_t  type;      /* LyType */
    uint8_t  flags;     /* type-specific */
    uint16_t aux;       /* type-specific */
};

typedef enum LyType {
    LY_TBIG = 1,        /* LyBig: integer outside the small range */
    LY_TRAT,            /* LyRational: num/den, den > 1, gcd 1 */
    LY_TREAL,           /* LyReal: machine double */
    LY_TCOMPLEX,        /* LyComplex: re + I im, im != exact 0 */
    LY_TSTRING,         /* LyString: UTF-8, NUL-terminated */
    LY_TNORMAL,         /* LyNormal */
    LY_TPACKED,         /* LyPacked: rectangular int64/double array */
    LY_TASSOC,          /* LyAssoc */
    LY_TFOREIGN         /* LyForeign */
} LyType;

typedef struct LySymbol {
    const char *name;   /* short name, e.g. "Plus" */
    uint32_t id;        /* dense process-wide id; indexes per-VM definitions */
    uint32_t hash;
    uint32_t len;
    uint32_t flags;     /* LY_SYMF_*, fixed for the symbol's life */
    uint32_t state;     /* Temporary symbols: the VM's bookkeeping (vm/temps.c) */
} LySymbol;
#define LY_SYMF_SYSTEM 1u   /* lives in the System` context */
#define LY_SYMF_TEMP 2u     /* a Temporary symbol of Module (x$nnn), owned by the VM that made
                               it: removed with its definitions when nothing references it any
                               more (see ly_scope_open), after which the record may come back
                               under another name */

typedef struct LyBig {
    struct LyObject h;
    int32_t size;       /* like mpz's _mp_size: sign is the sign of the number */
    uint32_t pad;
    uint64_t limbs[];   /* |size| limbs, least significant first */
} LyBig;

typedef struct LyRational { struct LyObject h; LyExpr num, den; } LyRational;
typedef struct LyReal { struct LyObject h; double v; } LyReal;
typedef struct LyComplex { struct LyObject h; LyExpr re, im; } LyComplex;

typedef struct LyString {
    struct LyObject h;
    uint32_t hash;      /* computed at construction */
    uint32_t nchars;    /* number of code points (saturates at UINT32_MAX) */
    size_t len;         /* bytes, excluding the NUL */
    char s[];
} LyString;

typedef struct LyNormal {
    struct LyObject h;
    size_t len;         /* number of arguments */
    uint64_t stamp;     /* evaluator only: the definitions version under which
                           this expression is known to evaluate to itself (0: none) */
    LyExpr e[];         /* e[0] head, e[1..len] arguments */
} LyNormal;

typedef enum LyPackedType { LY_PACKED_INT64 = 1, LY_PACKED_REAL = 2 } LyPackedType;
typedef struct LyPacked {
    struct LyObject h;  /* flags: LyPackedType; aux: rank (>= 1) */
    size_t len;         /* total number of elements */
    size_t *dims;       /* rank dimensions */
    void *data;         /* len elements, row-major */
    void *shared;       /* NULL: data follows the header; else LY_PACKED_BORROWED
                           or LY_PACKED_DETACHED (see ly_mkpacked_view) */
} LyPacked;
#define LY_PACKED_BORROWED ((void *)1)   /* data read in place from another VM's array */
#define LY_PACKED_DETACHED ((void *)2)   /* data in its own block of the VM (len * 8 bytes) */

typedef struct LyAssoc {
    struct LyObject h;
    size_t len;         /* number of entries, in insertion order */
    size_t cap;         /* index slots (power of two, >= 2 len + 2; room for cap/2 rules) */
    LyExpr *rules;      /* len Rule/RuleDelayed expressions (key -> value) */
    int64_t *index;     /* cap slots: -1 empty, else index into rules */
} LyAssoc;

/* A foreign type: a static const table of hooks (Janet's abstract types).
 * data is owned by the object; finalize releases it when the last reference
 * in this VM goes.  Fields may be NULL, and new hooks are added at the end:
 * write tables with designated initializers (.name = ..., .format = ...). */
typedef struct LyForeignType {
    const char *name;                                   /* e.g. "ThreadPool" */
    void (*finalize)(LyVM *vm, void *data);
    void (*format)(LyBuf *b, void *data);          /* text between the brackets */
    LyExpr (*method)(LyVM *vm, LyExpr self, const char *name, size_t n, const LyExpr *args);
    bool (*equal)(void *a, void *b);
    uint64_t (*hash)(void *data);
    /* Makes a value for another VM (dst) from data; NULL if it cannot cross. */
    LyExpr (*transfer)(LyVM *dst, void *data);
    /* obj[args...] for a callable type (CompiledFunction): expr is the whole
     * evaluated call (borrowed).  Returns a new reference, or NULL to leave
     * the call unevaluated (or while unwinding).  When NULL, obj["name", ...]
     * goes to method. */
    LyExpr (*call)(LyVM *vm, LyExpr self, LyExpr expr);
    /* InputForm and FullForm text of the whole object (an expression that
     * evaluates to an equal object, e.g. ByteArray["AQID"]); NULL: the same
     * as OutputForm, Name[format text]. */
    void (*format_input)(LyBuf *b, void *data);
    /* The object holds no expressions of its VM (a thread pool, bytes,
     * values in flight copied elsewhere): Module's locals that only such an
     * object references are not kept for it.  false (the default): the
     * object may hold anything, and a local it references stays. */
    bool inert;
    /* Calls visit(ctx, e) on every expression of its VM the object holds
     * (an object that is not inert).  Module's locals such an object holds
     * are then kept exactly while the object is reachable; without the
     * hook a reachable object that is not inert stops the removal of
     * escaped locals (ly_keep_symbols) until it goes.  Must not allocate
     * or evaluate.  Values put into the object after it was made must
     * still go through ly_keep_symbols. */
    void (*refs)(void *data, void (*visit)(void *ctx, LyExpr e), void *ctx);
} LyForeignType;
typedef struct LyForeign {
    struct LyObject h;
    const LyForeignType *type;
    void *data;
} LyForeign;

/* ---- tags and fast accessors ------------------------------------------------------ */

#define LY_SMALL_MAX ((int64_t)(((uint64_t)1 << 62) - 1))
#define LY_SMALL_MIN (-LY_SMALL_MAX - 1)

static inline bool ly_is_small(LyExpr e) { return ((uintptr_t)e & 1u) != 0; }
static inline int64_t ly_small(LyExpr e) { return (int64_t)(intptr_t)e >> 1; }
static inline bool ly_fits_small(int64_t v) { return v >= LY_SMALL_MIN && v <= LY_SMALL_MAX; }
static inline LyExpr ly_mksmall(int64_t v) { return (LyExpr)(((uintptr_t)v << 1) | 1u); }
static inline bool ly_is_sym(LyExpr e) { return ((uintptr_t)e & 3u) == 2u; }
static inline LySymbol *ly_sym(LyExpr e) { return (LySymbol *)((uintptr_t)e & ~(uintptr_t)3u); }
static inline LyExpr ly_symexpr(const LySymbol *s) { return (LyExpr)((uintptr_t)s | 2u); }
static inline bool ly_is_obj(LyExpr e) { return e && ((uintptr_t)e & 3u) == 0; }
static inline int ly_type(LyExpr e) { return ly_is_obj(e) ? e->type : 0; }
static inline bool ly_is_normal(LyExpr e) { return ly_type(e) == LY_TNORMAL; }
static inline bool ly_is_string(LyExpr e) { return ly_type(e) == LY_TSTRING; }
static inline bool ly_is_real(LyExpr e) { return ly_type(e) == LY_TREAL; }
static inline bool ly_is_packed(LyExpr e) { return ly_type(e) == LY_TPACKED; }
static inline bool ly_is_integer(LyExpr e) { return ly_is_small(e) || ly_type(e) == LY_TBIG; }
static inline bool ly_is_number(LyExpr e) {
    int t = ly_type(e);
    return ly_is_small(e) || t == LY_TBIG || t == LY_TRAT || t == LY_TREAL || t == LY_TCOMPLEX;
}
static inline double ly_realv(LyExpr e) { return ((LyReal *)e)->v; }
static inline LyString *ly_str(LyExpr e) { return (LyString *)e; }
static inline LyNormal *ly_normal(LyExpr e) { return (LyNormal *)e; }
static inline size_t ly_nlen(LyExpr e) { return ((LyNormal *)e)->len; }
static inline LyExpr ly_nhead(LyExpr e) { return ((LyNormal *)e)->e[0]; }
/* argument i, 1-based, borrowed */
static inline LyExpr ly_narg(LyExpr e, size_t i) { return ((LyNormal *)e)->e[i]; }
static inline LyExpr *ly_nargs(LyExpr e) { return ((LyNormal *)e)->e + 1; }
static inline LyPacked *ly_packed(LyExpr e) { return (LyPacked *)e; }
static inline LyAssoc *ly_assoc(LyExpr e) { return (LyAssoc *)e; }

static inline void ly_ref(LyExpr e) { if (ly_is_obj(e)) e->rc++; }
LY_API void ly_free_object_(LyVM *vm, LyExpr e);
static inline void ly_unref(LyVM *vm, LyExpr e) {
    if (ly_is_obj(e) && --e->rc == 0) ly_free_object_(vm, e);
}

/* ---- well-known symbols ------------------------------------------------------------- */

/* The X-macro list of symbols every layer may name without a lookup. */
#include "lysyms.h"
enum {
#define LY_SYMDEF(id, name) LY_SYMI_##id,
    LY_SYMLIST(LY_SYMDEF)
#undef LY_SYMDEF
    LY_NBUILTIN_SYMS
};
LY_API extern LySymbol ly_builtin_symbols[];
#define LY_SYM(name) ly_symexpr(&ly_builtin_symbols[LY_SYMI_##name])

static inline bool ly_head_is(LyExpr e, LyExpr head) {
    return ly_is_normal(e) && ly_nhead(e) == head;
}

/* ---- construction (new references; NULL when out of memory) ---------------------------- */

/* A normal expression with len argument slots, all set to NULL; fill them
 * with ly_nset before the value is used anywhere else. head is stolen. */
LY_API LyExpr ly_mknormal(LyVM *vm, LyExpr head, size_t len);
/* Sets argument i (1-based) of a fresh normal expression; steals v. */
static inline void ly_nset(LyExpr e, size_t i, LyExpr v) { ((LyNormal *)e)->e[i] = v; }
/* head[a...]: steals head and every argument.  Any NULL argument makes the
 * call release the rest and return NULL. */
LY_API LyExpr ly_mk(LyVM *vm, LyExpr head, size_t n, ...);
LY_API LyExpr ly_mkint_big(LyVM *vm, const void *mpz);  /* from an mpz_t (const mpz_t) */
LY_API LyExpr ly_mkreal(LyVM *vm, double v);
/* A computed machine real; when it overflowed (+-inf), Overflow[] with a
 * General::ovfl message instead.  Code that still has the operands asks
 * the range hook first (ly_set_range_hook). */
LY_API LyExpr ly_real_result(LyVM *vm, double v);
LY_API LyExpr ly_mkstring(LyVM *vm, const char *s, size_t len);
LY_API LyExpr ly_mkcomplex(LyVM *vm, LyExpr re, LyExpr im);   /* steals both; normalises */
LY_API LyExpr ly_mkrational(LyVM *vm, LyExpr num, LyExpr den); /* steals; normalises, 1/0 -> NULL+message */
/* A packed array of the given rank and dims with uninitialised data. */
LY_API LyExpr ly_mkpacked(LyVM *vm, LyPackedType t, unsigned rank, const size_t *dims);
/* A borrowed view: a packed array of this VM whose data (len elements of
 * type t) is read in place from another VM's packed array, which its owner
 * keeps alive and unchanged meanwhile -- zero-copy sharing of packed inputs
 * with workers.  Before the owner may let go of its array, every view that
 * is still referenced must get its own data: ly_packed_settle. */
LY_API LyExpr ly_mkpacked_view(LyVM *vm, LyPackedType t, unsigned rank, const size_t *dims,
                               const void *data);
/* If e is a borrowed view that is referenced more than once (rc > 1: it
 * escaped into a result, a definition, ...), copies its data into a block of
 * the VM, so that it no longer depends on the other VM.  False only when out
 * of memory (e is then still borrowed).  Any other value: true, no effect. */
LY_API bool ly_packed_settle(LyVM *vm, LyExpr e);
/* The packed array as nested List expressions (new reference). */
LY_API LyExpr ly_unpack(LyVM *vm, LyExpr packed);
/* A List that could be packed, packed (new reference to e itself if not). */
LY_API LyExpr ly_try_pack(LyVM *vm, LyExpr list);
/* An association from a list of rules (later keys win). Steals nothing. */
LY_API LyExpr ly_mkassoc(LyVM *vm, size_t n, const LyExpr *rules);
LY_API LyExpr ly_assoc_lookup(LyExpr assoc, LyExpr key);      /* borrowed value or NULL */
/* assoc (stolen) with the key of rule (borrowed, Rule or RuleDelayed) set
 * to it: its rule replaced, or rule appended.  The same object, changed in
 * place, when nothing else held assoc, so that adding keys one at a time
 * costs amortized O(1); else a new association.  NULL when out of memory
 * (assoc then released). */
LY_API LyExpr ly_assoc_put(LyVM *vm, LyExpr assoc, LyExpr rule);

/* A foreign object of type t owning data (finalize is called when it dies).
 * NULL when out of memory, after finalize has been called on data: the
 * caller must not release data again. */
LY_API LyExpr ly_mkforeign(LyVM *vm, const LyForeignType *t, void *data);
/* The rules of a Dispatch object (Normal[d]: a new reference to the List),
 * or NULL when x is not one. */
LY_API LyExpr ly_dispatch_rules(LyVM *vm, LyExpr x);
static inline LyForeign *ly_foreign(LyExpr e) { return (LyForeign *)e; }
/* The data of e when e is a foreign object of type t (compared by address:
 * the type's static const table), else NULL.  Borrowed. */
static inline void *ly_foreign_data(LyExpr e, const LyForeignType *t) {
    return ly_type(e) == LY_TFOREIGN && ly_foreign(e)->type == t ? ly_foreign(e)->data : NULL;
}

/* ---- numbers ------------------------------------------------------------------------ */

/* Arbitrary-precision reals (stdlib/bigreal.c) are the expressions
 * Lyra`BigReal[m, e, p]: the value m 2^e (m an integer, e a machine
 * integer) known to p decimal digits (a machine real).  The VM orders them
 * among the numbers by value and prints them through the format hooks
 * (negated where a sum writes a - b); the library does their arithmetic. */
static inline bool ly_is_bigreal(LyExpr e) {
    return ly_is_normal(e) && ly_nhead(e) == LY_SYM(LyraBigReal) && ly_nlen(e) == 3 &&
           ly_is_integer(ly_narg(e, 1)) && ly_is_small(ly_narg(e, 2)) && ly_is_real(ly_narg(e, 3));
}

/* Exact/inexact arithmetic on any numbers (new reference; NULL on unwind). */
LY_API LyExpr ly_num_add(LyVM *vm, LyExpr a, LyExpr b);
LY_API LyExpr ly_num_mul(LyVM *vm, LyExpr a, LyExpr b);
LY_API LyExpr ly_num_neg(LyVM *vm, LyExpr a);
LY_API LyExpr ly_num_div(LyVM *vm, LyExpr a, LyExpr b);
LY_API bool ly_num_is_zero(LyExpr a);
LY_API bool ly_num_is_one(LyExpr a);
LY_API int ly_num_sign(LyExpr a);                  /* of a real number */
LY_API int ly_num_cmp(LyExpr a, LyExpr b);         /* real numbers; -1/0/1 */
LY_API double ly_num_to_double(LyExpr a);          /* real numbers */
LY_API bool ly_is_exact(LyExpr a);                 /* no machine reals inside */

/* ---- comparison ----------------------------------------------------------------------- */

LY_API bool ly_equal(LyExpr a, LyExpr b);          /* structural (SameQ) */
LY_API uint64_t ly_hash(LyExpr a);
LY_API int ly_order(LyExpr a, LyExpr b);           /* canonical order: -1, 0, 1 */

/* ---- evaluation ------------------------------------------------------------------------- */

/* Evaluates e (borrowed); new reference, or NULL while unwinding. */
LY_API LyExpr ly_evaluate(LyVM *vm, LyExpr e);
/* head[args...] evaluated, for arguments that are values already
 * (borrowed): the same as ly_evaluate of the built call, computed without
 * building it when head is Plus, Times, Less, ... of machine integers.
 * New reference; NULL while unwinding. */
LY_API LyExpr ly_evaluate_call(LyVM *vm, LyExpr head, size_t n, const LyExpr *args);
/* Reads and evaluates the statements of src (len bytes) in turn, inside the
 * evaluation in progress (Get): each is read after the ones before it ran,
 * so names are read under the $Context and $ContextPath they left.  The
 * value of the last one (Null when none), a new reference; NULL while
 * unwinding (an exit from a statement goes on), or with *syntax true after
 * a syntax error (the statements before it ran; ly_errmsg() describes it). */
/* The symbol a name means when read now (Symbol["f"], ToExpression): a
 * short name is looked for in $ContextPath and $Context and made in
 * $Context (ly_symbol takes the name as written).  NULL: out of memory. */
LY_API LyExpr ly_symbol_read(LyVM *vm, const char *name, size_t len);
/* ly_parse for the library's own text: names as written (System` and
 * Global`, Lyra`... in full), whatever $Context and $ContextPath are.
 * (ly_eval_string with the chunk name "stdlib" reads its text so too.) */
LY_API LyStatus ly_parse_library(LyVM *vm, const char *src, size_t len, const char *chunk, LyExpr *result);
LY_API LyExpr ly_evaluate_source(LyVM *vm, const char *src, size_t len, const char *chunk, bool *syntax);
LY_API bool ly_unwinding(LyVM *vm);
/* Starts an abort ($Aborted unwinds to the top). Always returns NULL. */
LY_API LyExpr ly_raise_abort(LyVM *vm);
/* Out-of-memory unwind.  Always returns NULL. */
LY_API LyExpr ly_raise_nomem(LyVM *vm);
/* Throw[value, tag]: steals both (tag may be NULL). Always returns NULL. */
LY_API LyExpr ly_raise_throw(LyVM *vm, LyExpr value, LyExpr tag);

/* The kind of non-local exit in progress (same order as the VM's). */
typedef enum LyExit {
    LY_EXIT_NONE = 0, LY_EXIT_ABORT, LY_EXIT_THROW, LY_EXIT_RETURN,
    LY_EXIT_BREAK, LY_EXIT_CONTINUE, LY_EXIT_NOMEM,
    LY_EXIT_QUIT        /* Quit[n]: value is the exit code; reaches the host as LY_QUIT */
} LyExit;
LY_API LyExit ly_exit_kind(LyVM *vm);
/* Ends the exit in progress (a loop catching Break, Catch catching Throw)
 * and hands over its value and tag (new references; either may be NULL;
 * pass NULL pointers to drop them). */
LY_API void ly_exit_take(LyVM *vm, LyExpr *value, LyExpr *tag);
/* Starts an exit of the given kind with value (stolen, may be NULL).
 * Always returns NULL. */
LY_API LyExpr ly_raise(LyVM *vm, LyExit kind, LyExpr value);
/* Checks the abort flag (a safe point for loops in builtins): false, with
 * an Abort exit started, when evaluation must stop. */
LY_API bool ly_safe_point(LyVM *vm);
/* The same between long steps (a big GMP operation, a block of work worth
 * milliseconds): time limits are checked on every call, where
 * ly_safe_point reads the clock only every few calls. */
LY_API bool ly_safe_point_long(LyVM *vm);

/* ---- definitions ------------------------------------------------------------------------- */

/* Attribute bits (Attributes[], SetAttributes). */
enum {
    LY_ATTR_HOLDFIRST = 1u << 0, LY_ATTR_HOLDREST = 1u << 1, LY_ATTR_HOLDALL = 1u << 2,
    LY_ATTR_HOLDALLCOMPLETE = 1u << 3, LY_ATTR_SEQUENCEHOLD = 1u << 4, LY_ATTR_FLAT = 1u << 5,
    LY_ATTR_ORDERLESS = 1u << 6, LY_ATTR_ONEIDENTITY = 1u << 7, LY_ATTR_LISTABLE = 1u << 8,
    LY_ATTR_PROTECTED = 1u << 9, LY_ATTR_LOCKED = 1u << 10, LY_ATTR_READPROTECTED = 1u << 11,
    LY_ATTR_NUMERICFUNCTION = 1u << 12, LY_ATTR_CONSTANT = 1u << 13, LY_ATTR_TEMPORARY = 1u << 14,
    LY_ATTR_FORMATTED = 1u << 20,   /* not a Wolfram attribute: OutputForm through the format hook */
    LY_ATTR_FUSEDFIRST = 1u << 21   /* not a Wolfram attribute: the first argument arrives unevaluated,
                                       for fused array paths; the builtin evaluates it otherwise */
};
LY_API uint32_t ly_attributes(LyVM *vm, LyExpr sym);
LY_API void ly_set_attributes(LyVM *vm, LyExpr sym, uint32_t attrs);
/* The own value of sym (borrowed), or NULL when it has none. */
LY_API LyExpr ly_own_value(LyVM *vm, LyExpr sym);
/* Sets (value stolen) or clears (value NULL) the own value of sym, without
 * the Protected check (Block, iterators). */
LY_API void ly_set_own_value(LyVM *vm, LyExpr sym, LyExpr value);
/* Whether sym's own value is delayed (sym := value: evaluated at each use),
 * and ly_set_own_value with that flag, so that Block and iterators give
 * back what they found. */
LY_API bool ly_own_value_delayed(LyVM *vm, LyExpr sym);
LY_API void ly_set_own_value_ex(LyVM *vm, LyExpr sym, LyExpr value, bool delayed);
/* sym[key] = value for the association that is sym's own value, rule being
 * key -> value (borrowed): in place when nothing else holds the association
 * (AssociateTo).  false when sym's value is not an association, or out of
 * memory (an exit started; ly_unwinding tells). */
LY_API bool ly_own_assoc_put(LyVM *vm, LyExpr sym, LyExpr rule);
/* AppendTo[sym, x] in place: when sym's own value is a List that nothing
 * else holds, known evaluated, and x (borrowed) is a value that evaluates
 * to itself, x is appended to that List in amortized constant time (the
 * List keeps spare room) and the List is returned (borrowed).  NULL when
 * that does not apply (nothing changed), or out of memory (an exit
 * started; ly_unwinding tells). */
LY_API LyExpr ly_own_append(LyVM *vm, LyExpr sym, LyExpr x);
/* Options[sym]: the List of default option rules (borrowed), or NULL when
 * sym has none.  ly_set_options replaces them with rules (a List of
 * Rule/RuleDelayed, stolen); false when out of memory (rules released). */
LY_API LyExpr ly_options(LyVM *vm, LyExpr sym);
LY_API bool ly_set_options(LyVM *vm, LyExpr sym, LyExpr rules);
/* The context of a symbol as Wolfram names it: "System`" for symbols with
 * built-in code or usage in vm, "Global`" for other names without a
 * context, "" when the name carries its own ("Lyra`Private`x"); NULL when
 * sym is not a symbol.  Static text. */
LY_API const char *ly_symbol_context(LyVM *vm, LyExpr sym);
/* A new symbol name$n, numbered as Module numbers its locals (Unique[x]):
 * an ordinary symbol, not Temporary.  Code that needs a local variable for
 * a while uses a scope (ly_scope_open) instead. */
LY_API LyExpr ly_unique_symbol(LyVM *vm, LyExpr sym);
/* Module's scopes (vm/temps.c).  ly_scope_open makes m fresh Temporary
 * symbols locals[i] = names[i]$n and opens the scope; ly_scope_set gives a
 * local its initial value (value stolen; delayed: x := v); ly_scope_close
 * ends the scope with the value it produced (borrowed; NULL while an exit
 * is in progress): every local that neither that value, nor an exit's
 * value, nor a definition made meanwhile, nor a value kept elsewhere
 * (ly_keep_symbols, another VM) references is removed with its
 * definitions, as Wolfram removes Temporary symbols no longer referenced.
 * Scopes nest and close in the reverse order of opening, on every path.
 * The fields are the VM's.  ly_scope_open returns false when out of memory
 * (nothing open; an exit started). */
typedef struct LyScope {
    struct LyScope *prev;
    const LyExpr *locals;
    size_t m;
    uint64_t v0, v1, e0;
    size_t nmsg0;
    LyExpr off0;
    uint64_t exported0;
} LyScope;
LY_API bool ly_scope_open(LyVM *vm, LyScope *sc, size_t m, const LyExpr *names, LyExpr *locals);
LY_API void ly_scope_set(LyVM *vm, LyExpr local, LyExpr value, bool delayed);
LY_API void ly_scope_close(LyVM *vm, LyScope *sc, LyExpr result);
/* e is being kept where the VM does not look for references to Module's
 * locals (a Sow collection, a value in flight to another VM, host data,
 * a C structure that outlives the call): the Temporary symbols in it stay
 * while anything else holds a reference to e (the VM keeps one of its own
 * and lets go of it once it is the last); a bare symbol e stays for good.
 * Code that keeps values of a VM across its evaluations without this may
 * see their locals removed meanwhile (vm/tempgc.c). */
LY_API void ly_keep_symbols(LyVM *vm, LyExpr e);
/* Loops that keep nothing from one iteration to the next (Do, While, For)
 * are where escaped Module locals made by earlier iterations are removed
 * once nothing references them.  ly_loop_begin records the start of the
 * loop in *l; ly_loop_point replaces ly_safe_point between iterations,
 * where the loop holds no value made since ly_loop_begin (the previous
 * iteration's value released): it may remove the locals made since then
 * that no definition, kept value (ly_keep_symbols) or host value
 * references.  Returns false, as ly_safe_point, when evaluation must stop;
 * l NULL: ly_safe_point alone. */
typedef struct LyLoop { uint64_t serial, defs, evals; } LyLoop;
LY_API void ly_loop_begin(LyVM *vm, LyLoop *l);
LY_API bool ly_loop_point(LyVM *vm, const LyLoop *l);
/* Where vm removes escaped Module locals: LY_COLLECT_ALL (the default)
 * at loop points and between top-level evaluations (the end of the
 * outermost ly_eval* call, between the statements of ly_eval_string);
 * LY_COLLECT_LOOPS at loop points only, for a VM whose values C code keeps
 * across its ly_eval calls without ly_keep_symbols (a worker VM whose
 * results wait for their caller); LY_COLLECT_NONE never. */
typedef enum LyCollect { LY_COLLECT_ALL, LY_COLLECT_LOOPS, LY_COLLECT_NONE } LyCollect;
LY_API void ly_set_collect(LyVM *vm, LyCollect mode);
/* Replaces symbols syms[i] by vals[i] everywhere in e (With semantics). */
LY_API LyExpr ly_substitute(LyVM *vm, LyExpr e, size_t n, LyExpr const *syms, LyExpr const *vals);
/* Matches e against the pattern pat; when binds is not NULL it receives a
 * new List of Rule[name, value] for the named parts. */
LY_API bool ly_match(LyVM *vm, LyExpr pat, LyExpr e, LyExpr *binds);

/* f[args...] evaluated, for arguments already evaluated (borrowed): a pure
 * function is applied by substitution (ly_apply_function) and its body
 * evaluated once; anything else becomes f[args...] and is evaluated.  New
 * reference, or NULL while unwinding. */
LY_API LyExpr ly_apply_eval(LyVM *vm, LyExpr f, size_t n, const LyExpr *args);
/* Applies a pure function (Function[...]) to n arguments (borrowed):
 * returns the body with slots / parameters substituted, not yet evaluated
 * (new reference), or NULL with a message when the call is malformed. */
LY_API LyExpr ly_apply_function(LyVM *vm, LyExpr fn, size_t n, const LyExpr *args);

/* Quiet: while the quiet level is above 0, messages are neither shown nor
 * seen by Check (they still count in ly_message_count).  Returns the
 * previous level. */
LY_API int ly_set_quiet(LyVM *vm, int level);
/* The message hook in force (NULL: standard error), so that Check and Quiet
 * can install a hook that forwards to it. */
LY_API void ly_get_messages(LyVM *vm, LyWriteHook *hook, void **ud);
/* Messages issued (shown or not) since the current top-level statement began. */
LY_API size_t ly_message_count(LyVM *vm);
/* TimeConstrained / MemoryConstrained: arms a limit of `seconds` of time
 * (<= 0: none) and `bytes` of growth of the VM's live memory (0: none) for
 * what is evaluated next.  Safe points start an Abort when an armed limit is
 * exceeded.  Limits nest; returns the level to pass to ly_limit_pop, or -1
 * (out of memory, or nested too deeply: nothing armed). */
LY_API int ly_limit_push(LyVM *vm, double seconds, size_t bytes);
/* Disarms the limit at level (and any armed inside it).  True when that
 * limit fired: the Abort exit in progress, if any, is its own to end. */
LY_API bool ly_limit_pop(LyVM *vm, int level);
/* Returns v (stolen) as the result of the running builtin, telling the
 * evaluator that v is already evaluated: it is not evaluated again (a
 * symbol still is).  Quiet, Check, Catch and friends return what
 * ly_evaluate gave them this way, so that an unevaluated call that issues a
 * message does not issue it again outside. */
LY_API LyExpr ly_evaluated(LyVM *vm, LyExpr v);

/* ---- loop bodies ------------------------------------------------------------------------ */

/* A plan for evaluating e many times, as a loop evaluates its body and its
 * test: ly_plan_eval(vm, p) gives exactly what ly_evaluate(vm, e) gives,
 * with the common steps of interpreted loops (machine-integer arithmetic
 * and comparisons of variables, assignments to variables,
 * CompoundExpression, If) taken without the general evaluator each time.
 * e is borrowed and must outlive the plan; definitions may change between
 * runs.  NULL when e has no such steps or memory is short (no exit
 * started): evaluate with ly_evaluate then.  ly_plan_eval returns a new
 * reference, or NULL while unwinding, as ly_evaluate. */
typedef struct LyPlan LyPlan;
LY_API LyPlan *ly_plan_new(LyVM *vm, LyExpr e);
LY_API LyExpr ly_plan_eval(LyVM *vm, LyPlan *p);
LY_API void ly_plan_free(LyVM *vm, LyPlan *p);

/* ---- crossing VMs ----------------------------------------------------------------------- */

/* A deep copy of e, which belongs to another VM, made in vm (new reference).
 * e is only read: no reference count of the other VM is touched, so its
 * owner must keep e alive and not run while this copies.  Foreign objects
 * cross through their type's transfer hook ($Failed without one). */
LY_API LyExpr ly_copy(LyVM *vm, LyExpr e);
/* ly_copy for a value another VM reads while its owner waits for the reading
 * to end (a Parallel* call's inputs and function): Module locals in it are
 * not kept for good, as those of values kept by another VM are (ly_copy);
 * the owner's definitions, which the readers see through a snapshot, follow
 * the locals' removal instead. */
LY_API LyExpr ly_copy_read(LyVM *vm, LyExpr e);
/* Brings dst's definitions up to date with src's: copies the definitions of
 * every symbol src changed after *since (a value from an earlier call, or 0)
 * and sets *since to src's current version.  src is only read. */
LY_API LyStatus ly_sync_definitions(LyVM *dst, LyVM *src, uint64_t *since);
/* Definitions as data, for a VM in another process (the cluster sends them
 * as WXF): every symbol vm changed after *since (contexts other than
 * Lyra`Private`), as an expression that is never evaluated, and *since set
 * to vm's current version.  ly_definitions_import replaces the definitions
 * of each listed symbol in vm with the exported ones (built-in code and
 * usage stay as they are).  Export: new reference, NULL when out of memory;
 * import: LY_OK, LY_ERRARG (not such an expression), LY_ERRMEM. */
LY_API LyExpr ly_definitions_export(LyVM *vm, uint64_t *since);
LY_API LyStatus ly_definitions_import(LyVM *vm, LyExpr defs);
/* Undoes an import over a copy: every symbol listed in defs (an export)
 * gets src's definitions again in dst (none when src has none; built-in code
 * stays).  LY_OK, LY_ERRARG, LY_ERRMEM. */
LY_API LyStatus ly_definitions_reset(LyVM *dst, LyVM *src, LyExpr defs);
/* Increases whenever any definition in vm changes. */
LY_API uint64_t ly_definitions_version(LyVM *vm);

/* Parallel random streams (implemented by stdlib/random.c).  ly_random_fork
 * draws a 64-bit key from vm's generator (advancing it, so successive
 * parallel calls differ and SeedRandom[s] makes them reproducible);
 * ly_random_set_stream makes vm's generator stream (key, index). */
LY_API uint64_t ly_random_fork(LyVM *vm);
LY_API void ly_random_set_stream(LyVM *vm, uint64_t key, uint64_t index);

/* ---- WXF, the Wolfram Exchange Format (stdlib/wxf.c) ------------------------------------ */

enum {
    LY_WXF_COMPRESS = 1u,   /* "8C:" header, zlib-compressed body (PerformanceGoal -> "Size") */
    LY_WXF_INT64 = 2u,      /* integer packed arrays as Integer64, without the scan for
                               the smallest type that holds them */
    LY_WXF_BARE = 4u,       /* symbols as Lyra names, without looking up contexts in vm
                               (Lyra to Lyra only; vm may then be any VM, even a bare one) */
    LY_WXF_STUBS = 8u       /* foreign objects with no WXF form written as
                               Lyra`Private`Foreign["Name[<...>]"] instead of failing */
};
/* Appends the WXF form of e ("8:" header, then its parts) to b.  LY_OK;
 * LY_ERRARG when e holds a value with no WXF form (a foreign object other
 * than a ByteArray): *bad (if not NULL) gets it, borrowed from e;
 * LY_ERRMEM when memory ran out (an out-of-memory exit may be in progress). */
LY_API LyStatus ly_wxf_write(LyVM *vm, LyExpr e, unsigned flags, LyBuf *b, LyExpr *bad);
/* The expression in len bytes of WXF data (not evaluated; new reference).
 * NULL when the data is not valid WXF: *why (if not NULL) gets a static
 * description and *at the byte offset; or when memory ran out (then
 * ly_unwinding(vm) is true).  Never reads outside data[0..len). */
LY_API LyExpr ly_wxf_read(LyVM *vm, const void *data, size_t len, const char **why, size_t *at);

/* ---- messages ------------------------------------------------------------------------- */

/* Issues sym::tag with arguments `1`, `2`, ... (borrowed).  The text comes
 * from the VM's messages (sym::tag, else General::tag).  Respects Off/Quiet. */
LY_API void ly_message(LyVM *vm, LyExpr sym, const char *tag, size_t n, ...);
/* Defines the text of sym::tag. */
LY_API void ly_set_message(LyVM *vm, const char *sym, const char *tag, const char *text);
/* Sets what ly_errmsg(vm) reports (printf-style), for code that returns a
 * status to the host itself (the host parallel API). */
LY_API void ly_set_errmsg(LyVM *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes a line through the output hook (Print). */
LY_API void ly_print_line(LyVM *vm, const char *text, size_t len);
/* Display wrappers (NumberForm, Row, Column, TableForm, ...): in OutputForm
 * the printer hands every expression whose head has the "Formatted"
 * attribute (given in a builtin table; not listed by Attributes[]) to this
 * hook, which appends its text to b (b->vm is the VM) and returns true, or
 * returns false to have it printed as an ordinary expression. */
typedef bool (*LyFormatHook)(LyBuf *b, LyExpr e);
LY_API void ly_set_format_hook(LyVM *vm, LyFormatHook hook);
/* The same for InputForm and FullForm (arbitrary-precision reals print as
 * 3.1415926535897932385`20.); false prints e as an ordinary expression. */
LY_API void ly_set_input_format_hook(LyVM *vm, LyFormatHook hook);
/* Machine reals out of range.  When Plus, Times or Power (op) of numbers
 * with a machine real among them (args, borrowed) has a result outside the
 * machine range -- it overflowed to +-inf or was not finite, or a nonzero
 * product or power underflowed below the normal range -- the VM asks this
 * hook for the value, as Wolfram goes on in arbitrary precision there.  It
 * returns a new reference (stdlib/bigreal.c: an arbitrary-precision real of
 * machine precision, or a machine real), or NULL for the VM's own answer:
 * Overflow[] with General::ovfl, the (subnormal or zero) machine value on
 * underflow.  The VM also passes arithmetic on two operands one of which is
 * not a number (a value the hook made) when ly_num_add/ly_num_mul meet it.
 * NULL hook: none. */
typedef LyExpr (*LyRangeHook)(LyVM *vm, LyExpr op, size_t n, const LyExpr *args);
LY_API void ly_set_range_hook(LyVM *vm, LyRangeHook hook);

/* ---- builtin tables ----------------------------------------------------------------- */

typedef struct LyBuiltin {
    const char *name;
    LyCFunction fn;      /* may be NULL for attribute-only entries */
    const char *attrs;   /* "HoldAll Protected", or NULL */
    const char *usage;   /* what ?name prints */
} LyBuiltin;

/* Registers every entry up to the one with name == NULL. */
LY_API LyStatus ly_register_table(LyVM *vm, const LyBuiltin *table);

/* ---- text ---------------------------------------------------------------------------- */

/* A growable byte buffer through the VM's allocator. */
struct LyBuf { LyVM *vm; char *p; size_t len, cap; bool oom; };
LY_API void ly_buf_init(LyBuf *b, LyVM *vm);
LY_API void ly_buf_put(LyBuf *b, const char *s, size_t n);
LY_API void ly_buf_puts(LyBuf *b, const char *s);
LY_API void ly_buf_printf(LyBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
LY_API void ly_buf_free(LyBuf *b);
/* Appends the text form of e. */
LY_API void ly_buf_expr(LyBuf *b, LyExpr e, LyForm form);

/* Test hooks (effective in LY_TESTS builds only; elsewhere no-ops).
 * ly_test_fail_alloc: the n-th next allocation through the VM's funnel
 * fails, once (n <= 0 disarms).  ly_test_alloc_count: allocations through
 * the funnel so far (-1 when hooks are off).  ly_test_alloc_pending: an
 * armed failure has not been reached yet. */
LY_API void ly_test_fail_alloc(LyVM *vm, long n);
/* The n-th next allocation and every one after it fail (memory exhausted
 * for good) until ly_test_fail_alloc(vm, 0). */
LY_API void ly_test_fail_alloc_from(LyVM *vm, long n);
LY_API long ly_test_alloc_count(LyVM *vm);
LY_API bool ly_test_alloc_pending(LyVM *vm);
/* Every VM created from now on (worker VMs on pool threads included) fails
 * its n-th allocation, once (n <= 0: off).  Process-wide. */
LY_API void ly_test_fail_new_vms(long n);

/* Big integers.  GMP computes outside the VM's funnel and cannot be stopped
 * in the middle of one operation, so a builtin about to compute an exact
 * integer of about `bits` bits asks first.  True: go ahead.  False when it
 * may not be built: beyond the exact-size limit (2^32 bits) after
 * General::ovfl with *fail = Overflow[] (the builtin returns it); past the
 * VM's memory caps or an armed MemoryConstrained budget with the exit
 * started and *fail = NULL.  Long computations should also be split into
 * steps with ly_safe_point between them (stdlib/bigint.c). */
LY_API bool ly_bignum_room(LyVM *vm, double bits, LyExpr *fail);
/* Appends the digits of |z| (a const mpz_t) in base 2..36 to out, in steps
 * with safe points between them for big numbers.  False when stopped (an
 * Abort exit started) or out of memory (out->oom). */
LY_API bool ly_bignum_digits(LyVM *vm, LyBuf *out, const void *z, int base);

/* Scratch arrays for builtins: n elements of `type`, on the C stack when
 * few, else through the VM's funnel, released when `name` goes out of scope.
 * A variable-length array sized by data would overflow the C stack on big
 * inputs (a host thread may have only 8 MiB).  `name` is NULL, with an
 * out-of-memory exit started, when the memory cannot be had:
 *     LY_SCRATCH(LyExpr, items, vm, n);
 *     if (!items) return NULL;
 * Like a VLA, the scope may not be entered by a goto past the declaration. */
typedef struct LyScratch { LyVM *vm; void *p; size_t bytes; } LyScratch;
LY_API void *ly_scratch_alloc(LyScratch *s, size_t elem, size_t n);
LY_API void ly_scratch_release(LyScratch *s);
static inline void *ly_scratch_get(LyScratch *s, void *small, size_t smallbytes, size_t elem, size_t n) {
    return n <= smallbytes / elem ? small : ly_scratch_alloc(s, elem, n);
}
static inline void ly_scratch_free(LyScratch *s) { if (s->p) ly_scratch_release(s); }
#define LY_SCRATCH_SMALL 32
#define LY_SCRATCH(type, name, vm_, n)                                                         \
    type name##_small_[LY_SCRATCH_SMALL];                                                      \
    __attribute__((cleanup(ly_scratch_free))) LyScratch name##_scratch_ = { (vm_), NULL, 0 };  \
    type *name = ly_scratch_get(&name##_scratch_, name##_small_, sizeof name##_small_, sizeof(type), (n))

/* Raw allocation through the VM's allocator. */
LY_API void *ly_alloc(LyVM *vm, size_t n);
LY_API void *ly_realloc(LyVM *vm, void *p, size_t osize, size_t nsize);
LY_API void ly_dealloc(LyVM *vm, void *p, size_t n);
/* Whether `bytes` more could be allocated through the VM's funnel now (its
 * caps and any armed MemoryConstrained budget), without allocating.  False
 * after starting the exit the allocation itself would start (out of memory,
 * or the budget's Abort).  Builtins that know the size of what they are
 * about to build (nested lists, big integers computed by GMP outside the
 * funnel) ask first, so an enormous request ends at once.  Saturate sizes
 * that overflow to SIZE_MAX. */
LY_API bool ly_mem_check(LyVM *vm, size_t bytes);
/* The VM's allocator as an LyAlloc/lua_Alloc-shaped function (ud = vm):
 * frees when nsize == 0, else allocates (ptr NULL, osize ignored) or
 * resizes.  The bytes count in ly_memory_in_use and obey ly_set_max_memory,
 * so a worker VM's share comes from its arena; a failure returns NULL and
 * starts no unwind (the caller reports it) -- except that a request past an
 * armed MemoryConstrained budget fires it, which starts its Abort.  Any
 * thread that owns vm. */
LY_API void *ly_alloc_fn(void *vm, void *ptr, size_t osize, size_t nsize);

/* ---- per-VM extension state ------------------------------------------------------------ */

/* A library attaches state to a VM under a key (the address of one of its
 * static objects), e.g. foreign/'s Lua state for Compile.  dtor (may be
 * NULL) runs at ly_close before the VM's values are released, with the slot
 * already emptied, so it may still release objects of vm.  ly_set_slot
 * replaces an earlier pointer under the same key without running its dtor;
 * data NULL removes the slot.  False when every slot is taken
 * (LY_NSLOTS). */
#define LY_NSLOTS 8
LY_API bool ly_set_slot(LyVM *vm, const void *key, void *data, void (*dtor)(LyVM *vm, void *data));
/* The pointer stored under key, or NULL. */
LY_API void *ly_get_slot(LyVM *vm, const void *key);

#ifdef __cplusplus
}
#endif
#endif
