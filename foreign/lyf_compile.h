/*
 * lyf_compile.h — internal header of Compile: the translator from a typed
 * numeric/procedural subset to Lua 5.4 (lyf_compile.c, lyf_compile_ops.c)
 * and its runtime (lyf_compile_rt.c: one lua_State per VM, the
 * CompiledFunction foreign type, calls, fallbacks).
 *
 * A CompiledFunction belongs to one VM, like every value.  What it carries
 * is what crosses VMs (the transfer hook copies it): the uncompiled
 * Function[{x, ...}, body] (printing and fallback), the Lua source, the
 * argument and result types, and the constants the source refers to.  Each
 * VM compiles a source once (its lua_State caches chunks by source text)
 * and instantiates it once per CompiledFunction object.
 *
 * Values in the generated Lua code:
 *   Integer   a Lua integer (machine integer; every operation is checked)
 *   Real      a Lua float (never an integer: conversions are explicit)
 *   Boolean   a Lua boolean
 *   Void      nil (Null)
 *   tensors   Lua tables of rank nested levels (1-based), elements of one
 *             scalar type; a variable owns its table (copies are made where
 *             a table would otherwise be shared by two variables)
 */
#ifndef LYF_COMPILE_H
#define LYF_COMPILE_H

#include <stdbool.h>
#include <stdint.h>
#include "lyra_ext.h"

/* ---- types ------------------------------------------------------------------------ */

enum { CT_NONE = 0,     /* not known yet (type inference in progress) */
       CT_VOID, CT_BOOL, CT_INT, CT_REAL,
       CT_ERR };        /* no common type */
typedef struct LyfCty { uint8_t b, rank; } LyfCty;   /* base type, tensor rank (0: scalar) */

#define LYF_MAXRANK 4

/* "machine-size real number", "rank 1 tensor of machine-size integers", ... */
const char *lyf_cty_text(LyfCty t, char *buf, size_t n);
/* The type as Compile writes it: _Real, _Integer, True|False, {_Real, 1} (new reference). */
LyExpr lyf_cty_expr(LyVM *vm, LyfCty t);

/* ---- the compiled function -------------------------------------------------------- */

typedef struct LyfCf {
    LyExpr fn;          /* Function[{x, n, v}, body] */
    LyExpr consts;      /* List of constants (K[i]); see lyf_compile_rt.c */
    char *src;          /* the Lua chunk (ly_alloc'd in the owning VM), NULL: uncompiled */
    size_t srclen;
    LyfCty ret;         /* result type */
    uint32_t nargs;
    int fnref;          /* instantiated closure in this VM's lua_State (LUA_NOREF: not yet) */
    uint32_t nsites;    /* check sites, numbered 1..nsites (message "instruction" numbers) */
    bool listable;      /* RuntimeAttributes -> {Listable}: threads over deeper arguments */
    LyfCty argt[];      /* argument types */
} LyfCf;

/* Constant kinds in LyfCf.consts: each entry is List[kind, ...]. */
enum {
    LYF_K_CF = 1,       /* List[1, cf]: a compiled function called directly */
    LYF_K_EXT = 2,      /* List[2, HoldComplete[expr], List[syms...], base, rank]:
                           external (uncompiled) evaluation of expr with the
                           current values of the compiled variables syms */
    LYF_K_TENSOR = 3    /* List[3, array]: a tensor literal (read-only) */
};

extern const LyForeignType lyf_cf_type;

/* A new CompiledFunction owning cf (allocated with lyf_cf_alloc). */
LyExpr lyf_cf_new(LyVM *vm, LyfCf *cf);
LyfCf *lyf_cf_alloc(LyVM *vm, uint32_t nargs);
void lyf_cf_free(LyVM *vm, LyfCf *cf);
/* The LyfCf of a CompiledFunction value, or NULL. */
static inline LyfCf *lyf_cf_of(LyExpr e) {
    return ly_type(e) == LY_TFOREIGN && ly_foreign(e)->type == &lyf_cf_type ? ly_foreign(e)->data : NULL;
}

/* Compile[vars, body, types, opts...] (lyf_compile.c): a CompiledFunction
 * (new reference), or NULL with a message when the specification is bad. */
LyExpr lyf_compile(LyVM *vm, LyExpr e);

LyStatus lyf_open_compile(LyVM *vm);

#endif
