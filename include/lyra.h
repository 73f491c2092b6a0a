/*
 * lyra.h — the embedding API of Lyra.
 *
 * Lyra is an interpreter for a symbolic language in the style of the Wolfram
 * Language.  A host program creates one or more VMs, evaluates text or
 * expressions in them, and reads the results back.
 *
 * Threads: any number of VMs may exist at once; each VM is used by one thread
 * at a time (it may move between threads between calls).  The only function
 * that may be called on a VM from another thread is ly_abort().
 *
 * Values (LyExpr) are immutable and reference counted.  Ownership is stated
 * for every function:
 *   "new reference"  - the caller owns the result and must ly_decref() it;
 *   "borrowed"       - the caller must not decref it; it lives as long as the
 *                      value it was borrowed from;
 *   "steals"         - the function takes over the caller's reference.
 * Arguments are borrowed unless stated otherwise.  A value belongs to the VM
 * that made it; pass it to another VM only through ly_copy().
 *
 * Errors: functions return an LyStatus (or NULL for constructors when memory
 * runs out); nothing ever longjmps out of an API call.  ly_errmsg() gives a
 * description of the last failure.
 */
#ifndef LYRA_H
#define LYRA_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "lyconf.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct LyVM LyVM;
typedef struct LyObject *LyExpr;   /* tagged; NULL means "no value" */

typedef enum LyStatus {
    LY_OK = 0,
    LY_ERRSYNTAX,   /* the text does not parse; ly_errmsg() has file:line:col */
    LY_ERRRUN,      /* an uncaught Throw, Return, Break or failed evaluation */
    LY_ERRMEM,      /* out of memory or MemoryConstrained exceeded */
    LY_ABORTED,     /* Abort[], ly_abort() or Ctrl-C */
    LY_ERRARG,      /* bad argument to an API function */
    LY_ERRIO,       /* a file could not be read */
    LY_QUIT         /* the code called Quit[n] / Exit[n]: ly_quit_code() gives n */
} LyStatus;

/* The allocator: like lua_Alloc.  free when nsize == 0 (return NULL);
 * otherwise allocate (ptr == NULL) or resize.  osize is the block's old size
 * (0 when ptr == NULL). */
typedef void *(*LyAlloc)(void *ud, void *ptr, size_t osize, size_t nsize);

/* ---- VM lifetime ---------------------------------------------------------- */

/* A new VM with every library loaded.  alloc may be NULL (malloc).
 * Returns NULL when out of memory. */
LY_API LyVM *ly_new(LyAlloc alloc, void *ud);
/* A VM with no builtins at all (for tests and sandboxes). */
LY_API LyVM *ly_new_bare(LyAlloc alloc, void *ud);
/* Frees the VM and everything it owns; every byte goes back to alloc. */
LY_API void ly_close(LyVM *vm);

/* ---- evaluation ------------------------------------------------------------ */

/* Parses and evaluates every statement of src (len bytes, or strlen if
 * len == (size_t)-1).  chunkname names the source in syntax errors
 * ("file.ly", "<stdin>").  On LY_OK, *result (if result is not NULL) gets a
 * new reference to the value of the last statement (the symbol Null when
 * there is none).  A syntax error evaluates nothing. */
LY_API LyStatus ly_eval_string(LyVM *vm, const char *src, size_t len,
                               const char *chunkname, LyExpr *result);
/* Evaluates e.  *result gets a new reference on LY_OK. */
LY_API LyStatus ly_eval(LyVM *vm, LyExpr e, LyExpr *result);
/* Parses src into one expression (statements joined by CompoundExpression)
 * without evaluating it.  *result gets a new reference on LY_OK. */
LY_API LyStatus ly_parse(LyVM *vm, const char *src, size_t len,
                         const char *chunkname, LyExpr *result);
/* Calls the function named fname on n arguments and evaluates.  */
LY_API LyStatus ly_call(LyVM *vm, const char *fname, size_t n,
                        const LyExpr *args, LyExpr *result);
/* The status requested by Quit[n] when a call returned LY_QUIT.  The VM
 * stays usable: ending the process is the host's decision. */
LY_API int ly_quit_code(LyVM *vm);
/* Description of the last failed call (never NULL; "" when none). */
LY_API const char *ly_errmsg(LyVM *vm);
/* Requests an abort of whatever vm is evaluating; callable from any thread
 * and from signal handlers.  The evaluation stops at its next safe point. */
LY_API void ly_abort(LyVM *vm);

/* ---- values ---------------------------------------------------------------- */

LY_API void ly_incref(LyVM *vm, LyExpr e);
LY_API void ly_decref(LyVM *vm, LyExpr e);

typedef enum LyKind {
    LY_KINT,        /* integer of any size */
    LY_KRATIONAL,
    LY_KREAL,
    LY_KCOMPLEX,
    LY_KSTRING,
    LY_KSYMBOL,
    LY_KNORMAL,     /* h[a1, ..., an], including lists */
    LY_KPACKED,     /* packed array (behaves as a List of numbers) */
    LY_KASSOC,
    LY_KFOREIGN
} LyKind;

LY_API LyKind ly_kind(LyExpr e);

/* Constructors: each returns a new reference, or NULL when out of memory. */
LY_API LyExpr ly_int(LyVM *vm, int64_t v);
LY_API LyExpr ly_int_parse(LyVM *vm, const char *digits, int base);
LY_API LyExpr ly_real(LyVM *vm, double v);
LY_API LyExpr ly_rational(LyVM *vm, int64_t num, int64_t den);
LY_API LyExpr ly_string(LyVM *vm, const char *s, size_t len);
LY_API LyExpr ly_cstring(LyVM *vm, const char *s);
LY_API LyExpr ly_symbol(LyVM *vm, const char *name);
/* head[args...]: borrows head and args. */
LY_API LyExpr ly_apply(LyVM *vm, LyExpr head, size_t n, const LyExpr *args);
/* head[args...] where head is a symbol name: borrows args. */
LY_API LyExpr ly_applyf(LyVM *vm, const char *head, size_t n, const LyExpr *args);
LY_API LyExpr ly_list(LyVM *vm, size_t n, const LyExpr *items);
LY_API LyExpr ly_packed_int64(LyVM *vm, size_t n, const int64_t *data);
LY_API LyExpr ly_packed_real(LyVM *vm, size_t n, const double *data);

/* Inspection. */
LY_API bool ly_is_int(LyExpr e);
LY_API bool ly_get_int64(LyExpr e, int64_t *out);   /* false if not an integer or too big */
LY_API bool ly_get_real(LyExpr e, double *out);     /* any real number (exact ones converted) */
LY_API const char *ly_get_string(LyExpr e, size_t *len);  /* borrowed; NULL if not a string */
LY_API const char *ly_symbol_name(LyExpr e);        /* NULL if not a symbol */
LY_API bool ly_is_symbol(LyExpr e, const char *name);
/* Normal expressions (and packed arrays/associations, viewed as lists). */
LY_API size_t ly_length(LyExpr e);
/* Part i (0 = head) of e: new reference (packed elements are made on demand). */
LY_API LyExpr ly_part(LyVM *vm, LyExpr e, size_t i);
LY_API bool ly_same(LyExpr a, LyExpr b);            /* SameQ */

/* Text forms.  Each returns a NUL-terminated string the caller frees with
 * ly_free(vm, s), or NULL when out of memory. */
typedef enum LyForm { LY_FORM_INPUT, LY_FORM_FULL, LY_FORM_OUTPUT } LyForm;
LY_API char *ly_tostring(LyVM *vm, LyExpr e, LyForm form);
LY_API void ly_free(LyVM *vm, void *s);

/* ---- host hooks ---------------------------------------------------------------- */

/* Where Print and messages go.  Each hook receives one complete line without
 * its newline.  NULL restores stdout / stderr. */
typedef void (*LyWriteHook)(void *ud, const char *text, size_t len);
LY_API void ly_set_output(LyVM *vm, LyWriteHook hook, void *ud);
LY_API void ly_set_messages(LyVM *vm, LyWriteHook hook, void *ud);

/* Command-line arguments seen by scripts as $ScriptCommandLine. */
LY_API void ly_set_argv(LyVM *vm, int argc, char **argv);

/* REPL support: records value (borrowed) as Out[line], so that %, %% and %n
 * find it, and sets $Line to line + 1. */
LY_API void ly_set_out(LyVM *vm, int64_t line, LyExpr value);
LY_API int64_t ly_line(LyVM *vm);                   /* $Line: the next input number */

/* The C stack budget for evaluation on the calling thread (default: 3/4 of
 * RLIMIT_STACK, at most 6 MiB).  Hosts that evaluate on threads with small
 * or very large stacks set it to what the thread has.  Deeper recursion
 * stops with $RecursionLimit::reclim2 instead of overflowing. */
LY_API void ly_set_stack_limit(LyVM *vm, size_t bytes);

/* A budget for the memory the VM holds (bytes through its allocator; GMP
 * temporaries and the C stack are not counted).  A request that would pass
 * it fails as out of memory: the evaluation stops with General::nomem and
 * LY_ERRMEM.  0 removes the budget.  Independently of the budget, no single
 * request larger than half the physical memory is passed to the allocator
 * (or larger than the budget when one is set).  `lyra --max-memory`. */
LY_API void ly_set_max_memory(LyVM *vm, size_t bytes);
/* Bytes the VM holds now (what the budget is compared with). */
LY_API size_t ly_memory_in_use(LyVM *vm);

/* Symbol names known to the process that start with prefix (for completion).
 * Calls fn for each; stops when fn returns false. */
LY_API void ly_complete(LyVM *vm, const char *prefix,
                        bool (*fn)(void *ud, const char *name), void *ud);
/* True when src is an unfinished statement that more lines could complete
 * (open brackets, unterminated string or comment, trailing operator): the
 * REPL keeps reading.  Needs no VM. */
LY_API bool ly_input_incomplete(const char *src, size_t len);

/* The usage text of a builtin (?name), or NULL. */
LY_API const char *ly_usage(LyVM *vm, const char *name);

/* ---- opening libraries (lib/linit.c uses these) ------------------------------- */
LY_API LyStatus ly_open_core(LyVM *vm);       /* the language core (vm/) */
LY_API LyStatus ly_open_stdlib(LyVM *vm);     /* stdlib/ */
LY_API LyStatus ly_open_parallel(LyVM *vm);   /* foreign/: ThreadPool, Channel, Parallel* */

/* ---- registering C functions ---------------------------------------------------------- */

/* A builtin receives the whole evaluated expression f[args...] (borrowed) and
 * returns a new reference to the result, or NULL to leave the expression
 * unevaluated.  See lyra_ext.h for the full protocol. */
typedef LyExpr (*LyCFunction)(LyVM *vm, LyExpr expr);
/* Registers fn as the built-in code of the symbol name, with the attributes
 * written as text ("HoldAll Listable", may be NULL) and a usage string shown
 * by ?name.  Returns LY_OK or LY_ERRARG (unknown attribute). */
LY_API LyStatus ly_register(LyVM *vm, const char *name, LyCFunction fn,
                            const char *attributes, const char *usage);

#ifdef __cplusplus
}
#endif
#endif
