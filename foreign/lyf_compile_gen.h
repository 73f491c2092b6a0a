/*
 * lyf_compile_gen.h — the translator's state, shared by lyf_compile.c
 * (driver, scalars, control flow, loops) and lyf_compile_arr.c (tensors).
 *
 * Translation is syntax directed: lyfc_gx() turns an expression into a Lua
 * expression string (a Val) and writes any statements it needs first (checks,
 * temporaries, loops) into the current statement buffer g->cur.  Operands
 * are compiled left to right; when a later operand writes statements, the
 * earlier operands' values are first saved in temporaries, so Lua evaluates
 * everything in Wolfram's order.
 *
 * Types are inferred by running the translation to a fixed point: every
 * variable (arguments, Module locals, iterators and the translator's own
 * "slots" for values of If, Sum, Table, ...) has a type that only widens
 * (None < Integer < Real); a pass that widens anything is followed by
 * another one, and the first pass that changes nothing is the one whose
 * code is kept.  Declarations are numbered in the order a pass meets them,
 * which is the same in every pass, so variable k of one pass is variable k
 * of the next.
 */
#ifndef LYF_COMPILE_GEN_H
#define LYF_COMPILE_GEN_H

#include <stdarg.h>
#include "lyf_compile.h"

typedef struct SB { char *p; size_t len, cap; } SB;

typedef struct Val {
    LyfCty t;
    const char *s;      /* Lua expression (arena text) */
    uint8_t f;          /* VF_* */
    int64_t iv;         /* value of an integer literal */
    int64_t lo, hi;     /* VF_BOUNDED: the integer value lies in [lo, hi] */
} Val;
enum {
    VF_SIMPLE = 1,      /* a name or a literal: may be written twice */
    VF_FRESH = 2,       /* a tensor no variable holds yet */
    VF_ILIT = 4,        /* an integer literal (iv) */
    VF_LIT = 8,         /* any literal */
    VF_NONNEG = 16,     /* a real known to be >= 0 (no domain check for Sqrt) */
    VF_BOUNDED = 32     /* an integer known to lie in [lo, hi] (fewer overflow checks) */
};

enum { VK_ARG, VK_LOCAL, VK_ITER, VK_SLOT };
typedef struct Var {
    LyExpr sym;         /* NULL for slots */
    LyfCty t;
    uint8_t kind;
    bool mutated;       /* a tensor changed in place (v[[i]] = x) */
    bool assigned;      /* assigned somewhere in the body (any pass) */
    bool bounded;       /* an iterator whose range is known in this pass: [lo, hi] */
    int64_t lo, hi;
} Var;

/* What the context wants of a value: a real (integer arithmetic may then
 * run in floating point), an integer, a boolean, nothing (statement), or
 * anything (external evaluation then assumes Real, as Wolfram does). */
enum { H_ANY, H_REAL, H_INT, H_BOOL, H_VOID };

typedef struct Loop { int label; bool user; bool cont_used; } Loop;

typedef struct Note { const char *tag; LyExpr arg; LyfCty t; } Note;

typedef struct Gen {
    LyVM *vm;
    LyExpr types;       /* third argument of Compile, or NULL */
    Var *vars;
    size_t nvars, capvars, ndecl;
    size_t *scope;      /* active variables, innermost last */
    size_t nscope, capscope;
    SB *cur;
    int indent;
    int ntmp;
    int nlabel;
    uint32_t nsites;
    bool changed, oom;
    LyExpr none_read;   /* a variable read while it has no type (this pass) */
    bool fatal;         /* cannot compile: the function is evaluated uncompiled */
    LyExpr fatal_expr;  /* the culprit (new reference) */
    char fatal_why[96];
    size_t ret;         /* slot of the result type */
    Loop loops[64];
    int nloops;
    LyExpr *consts;     /* List[kind, ...] entries (new references) */
    size_t nconsts, capconsts;
    Note *notes;        /* messages to issue once the last pass is done */
    size_t nnotes, capnotes;
    struct Arena *arena;
} Gen;

/* ---- text ------------------------------------------------------------------------ */
void lyfc_sb_put(Gen *g, SB *b, const char *s, size_t n);
void lyfc_sb_free(SB *b);
const char *lyfc_gfmt(Gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void lyfc_emit(Gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *lyfc_tmpname(Gen *g);
uint32_t lyfc_site(Gen *g);

/* ---- values ------------------------------------------------------------------------ */
static inline LyfCty cty(int b, int rank) { LyfCty t = { (uint8_t)b, (uint8_t)rank }; return t; }
static inline bool cty_eq(LyfCty a, LyfCty b) { return a.b == b.b && a.rank == b.rank; }
static inline bool is_num(LyfCty t) { return t.rank == 0 && (t.b == CT_INT || t.b == CT_REAL); }
static inline bool is_scalar_or_none(LyfCty t) { return t.b == CT_NONE || t.rank == 0; }
LyfCty lyfc_cty_join(LyfCty a, LyfCty b);
Val lyfc_mkval(LyfCty t, const char *s, uint8_t f);
Val lyfc_ilit(Gen *g, int64_t v);
Val lyfc_rlit(Gen *g, double v);
Val lyfc_spill(Gen *g, Val v);
/* v's current value in a temporary (a variable may change later). */
Val lyfc_snap(Gen *g, Val v);
/* v converted to type t (Integer -> Real, tensors of integers -> of reals). */
Val lyfc_conv(Gen *g, Val v, LyfCty t);
/* v as a float (for floating-point arithmetic): integers become reals. */
Val lyfc_tofloat(Gen *g, Val v);
/* A tensor that a variable may own: fresh ones as they are, others copied. */
Val lyfc_own(Gen *g, Val v);
int lyfc_hint_of(LyfCty t);

/* ---- variables ---------------------------------------------------------------------- */
size_t lyfc_decl(Gen *g, LyExpr sym, int kind, LyfCty t);
const char *lyfc_vname(Gen *g, size_t k);
void lyfc_widen(Gen *g, size_t k, LyfCty t, LyExpr where);
void lyfc_scope_push(Gen *g, size_t k);
void lyfc_scope_pop(Gen *g, size_t n);
bool lyfc_lookup(Gen *g, LyExpr sym, size_t *k);

/* ---- failures and notes -------------------------------------------------------------- */
void lyfc_fail(Gen *g, LyExpr where, const char *why);
void lyfc_note(Gen *g, const char *tag, LyExpr arg, LyfCty t);
void lyfc_notes_truncate(Gen *g, size_t n);

/* ---- translation ----------------------------------------------------------------------- */
Val lyfc_gx(Gen *g, LyExpr e, int hint);
void lyfc_gs(Gen *g, LyExpr e);
/* Compiles n expressions in order into out[] (earlier values saved when a
 * later one writes statements). */
void lyfc_gx_seq(Gen *g, size_t n, const LyExpr *es, const int *hints, Val *out);
Val lyfc_ext(Gen *g, LyExpr e, int hint);
size_t lyfc_add_const(Gen *g, LyExpr entry);   /* steals entry; 1-based index */
/* Static type of e without translating it (None when not obvious). */
LyfCty lyfc_sty(Gen *g, LyExpr e);

/* Loops: opens the Lua loop of an iterator specification (declares and
 * scopes its variable), closes it. */
typedef struct It { size_t var; bool has_var; int nscoped; } It;
bool lyfc_it_check(LyExpr spec);
void lyfc_it_open(Gen *g, LyExpr spec, It *it);
void lyfc_it_close(Gen *g, It *it);
void lyfc_poll(Gen *g);

/* heads the translator knows (lyf_compile.c) */
enum {
    F_NONE = 0,
    F_Plus, F_Times, F_Subtract, F_Minus, F_Divide, F_Power, F_Sqrt, F_Exp, F_Log, F_Log2, F_Log10,
    F_Sin, F_Cos, F_Tan, F_Cot, F_Sec, F_Csc, F_ArcSin, F_ArcCos, F_ArcTan, F_Sinh, F_Cosh,
    F_Tanh, F_ArcSinh, F_ArcCosh, F_ArcTanh, F_Abs, F_Sign, F_Floor, F_Ceiling, F_Round,
    F_IntegerPart, F_FractionalPart, F_Mod, F_Quotient, F_Max, F_Min, F_Boole, F_EvenQ,
    F_OddQ, F_N, F_Equal, F_Unequal, F_Less, F_LessEqual, F_Greater, F_GreaterEqual,
    F_Inequality, F_SameQ, F_UnsameQ, F_And, F_Or, F_Not, F_Xor, F_Nand, F_Nor, F_TrueQ,
    F_If, F_Which, F_Switch, F_CompoundExpression, F_Module, F_Block, F_With, F_Set,
    F_AddTo, F_SubtractFrom, F_TimesBy, F_DivideBy, F_Increment, F_Decrement,
    F_PreIncrement, F_PreDecrement, F_While, F_Do, F_For, F_Table, F_Sum, F_Product,
    F_Return, F_Break, F_Continue, F_Part, F_List, F_Length, F_Total, F_Dot, F_Range,
    F_ConstantArray, F_Mean, F_Hold, F_Map
};
int lyfc_head_id(LyExpr h);
const char *lyfc_int_text(Gen *g, int64_t v);
const char *lyfc_real_text(Gen *g, double v);
void lyfc_need_bool(Gen *g, Val v, LyExpr where);
Val lyfc_iadd(Gen *g, Val a, Val b, bool sub);
Val lyfc_bounded(Val v, int64_t lo, int64_t hi);

/* lyf_compile_ctl.c */
Val lyfc_gif(Gen *g, LyExpr e, int hint, bool stmt);
Val lyfc_gwhich(Gen *g, LyExpr e, int hint, bool stmt);
Val lyfc_gswitch(Gen *g, LyExpr e, int hint, bool stmt);
Val lyfc_gmodule(Gen *g, LyExpr e, int hint, bool stmt);
Val lyfc_gset(Gen *g, LyExpr e, int hint);
Val lyfc_gupdate(Gen *g, LyExpr e, int id, int hint);
void lyfc_gdo(Gen *g, LyExpr e);
void lyfc_gwhile(Gen *g, LyExpr e);
void lyfc_gfor(Gen *g, LyExpr e);
void lyfc_greturn(Gen *g, LyExpr e);
void lyfc_gbreak(Gen *g, LyExpr e, bool cont);
void lyfc_gstmt(Gen *g, LyExpr e);
void lyfc_gblock(Gen *g, LyExpr e);
Val lyfc_gvalblock(Gen *g, LyExpr e, int hint);
/* Function[...][args] and Map[f, list] */
Val lyfc_gfunction(Gen *g, LyExpr e, int hint);
Val lyfc_gmaplist(Gen *g, LyExpr e, int hint);

/* lyf_compile_arr.c */
Val lyfc_g_list(Gen *g, LyExpr e);
Val lyfc_g_part(Gen *g, LyExpr e);
Val lyfc_g_part_set(Gen *g, LyExpr lhs, LyExpr rhs, int hint);
Val lyfc_g_table(Gen *g, LyExpr e);
Val lyfc_g_sum(Gen *g, LyExpr e, bool product, int hint);
Val lyfc_g_tensor_fn(Gen *g, LyExpr e, const char *name, int hint, bool *handled);
Val lyfc_g_tensor_const(Gen *g, LyExpr packed);
Val lyfc_g_elementwise(Gen *g, const char *op, Val a, Val b);
Val lyfc_g_map(Gen *g, const char *fn, Val a, LyExpr where);

#endif
