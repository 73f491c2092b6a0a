/*
 * lys_ctl.h — helpers shared by the control, scoping, iteration and
 * functional modules of stdlib/ (control.c, scoping.c, iterate.c,
 * functional.c).  Only lyra.h + lyra_ext.h underneath.
 */
#ifndef LYS_CTL_H
#define LYS_CTL_H

#include <stdint.h>
#include "lyra_ext.h"

/* A machine-size count as an expression (no reference to drop for the
 * counts used in messages). */
static inline LyExpr lys_int(size_t n) { return ly_mksmall((int64_t)n); }

/* A symbol by name (symbols are not reference counted). */
static inline LyExpr lys_sym(LyVM *vm, const char *name) { return ly_symbol(vm, name); }

/* Issues the argument-count message Wolfram gives for a call of e with a
 * wrong number of arguments, when lo..hi are accepted (hi == SIZE_MAX: no
 * upper bound).  Returns NULL (leave unevaluated). */
static inline LyExpr lys_argcount(LyVM *vm, LyExpr e, size_t lo, size_t hi) {
    LyExpr f = ly_nhead(e);
    size_t n = ly_nlen(e);
    if (!ly_is_sym(f)) return NULL;
    if (lo == hi) {
        if (lo == 1) ly_message(vm, f, "argx", 2, f, lys_int(n));
        else if (n == 1) ly_message(vm, f, "argr", 2, f, lys_int(lo));
        else ly_message(vm, f, "argrx", 3, f, lys_int(n), lys_int(lo));
    } else if (hi == SIZE_MAX) {
        if (n == 1) ly_message(vm, f, "argmu", 2, f, lys_int(lo));
        else ly_message(vm, f, "argm", 3, f, lys_int(n), lys_int(lo));
    } else if (hi == lo + 1) {
        if (n == 1) ly_message(vm, f, "argtu", 3, f, lys_int(lo), lys_int(hi));
        else ly_message(vm, f, "argt", 4, f, lys_int(n), lys_int(lo), lys_int(hi));
    } else {
        if (n == 1) ly_message(vm, f, "argbu", 3, f, lys_int(lo), lys_int(hi));
        else ly_message(vm, f, "argb", 4, f, lys_int(n), lys_int(lo), lys_int(hi));
    }
    return NULL;
}

/* Loops: what a NULL from evaluating the body meant. */
enum { LYS_LOOP_EXIT = 1, LYS_LOOP_BREAK, LYS_LOOP_CONTINUE };
/* Ends a Break or Continue exit in progress and says which it was;
 * LYS_LOOP_EXIT for any other exit (left in progress).  (control.c) */
int lys_loop_exit(LyVM *vm);

/* Applies f to n arguments (borrowed) and evaluates: new reference, or NULL
 * on an exit.  Pure functions are applied directly.  (functional.c) */
LyExpr lys_call(LyVM *vm, LyExpr f, size_t n, const LyExpr *args);
static inline LyExpr lys_call1(LyVM *vm, LyExpr f, LyExpr x) { return lys_call(vm, f, 1, &x); }

/* A List of machine integers only, machine reals only, or packed arrays of
 * one type and shape, as a packed array; a new reference to list itself
 * when it cannot be packed.  (iterate.c) */
LyExpr lys_pack(LyVM *vm, LyExpr list);

/* Wolfram's argument-count texts that the core table lacks (control.c). */
void lys_define_arg_messages(LyVM *vm);

#endif
