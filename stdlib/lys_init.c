/*
 * lys_init.c — opens every stdlib module in a VM.
 */
#include "lyra_ext.h"

LyStatus lys_open_io(LyVM *vm);
LyStatus lys_open_info(LyVM *vm);
LyStatus lys_open_texform(LyVM *vm);
LyStatus lys_open_mapat(LyVM *vm);
LyStatus lys_open_control(LyVM *vm);
LyStatus lys_open_scoping(LyVM *vm);
LyStatus lys_open_iterate(LyVM *vm);
LyStatus lys_open_functional(LyVM *vm);
LyStatus lys_open_compare(LyVM *vm);
LyStatus lys_open_predicates(LyVM *vm);
LyStatus lys_open_lists(LyVM *vm);
LyStatus lys_open_mathfn(LyVM *vm);
LyStatus lys_open_sort(LyVM *vm);
LyStatus lys_open_arrays(LyVM *vm);
LyStatus lys_open_assoc(LyVM *vm);
LyStatus lys_open_assoc2(LyVM *vm);
LyStatus lys_open_strings(LyVM *vm);
LyStatus lys_open_strpattern(LyVM *vm);
LyStatus lys_open_files(LyVM *vm);
LyStatus lys_open_json(LyVM *vm);
LyStatus lys_open_session(LyVM *vm);
LyStatus lys_open_intfn(LyVM *vm);
LyStatus lys_open_random(LyVM *vm);
LyStatus lys_open_numtheory(LyVM *vm);

LyStatus lys_open_algebra(LyVM *vm);

LyStatus lys_open_calculus(LyVM *vm);

LyStatus lys_open_solve(LyVM *vm);
LyStatus lys_open_root(LyVM *vm);
LyStatus lys_open_reap(LyVM *vm);
LyStatus lys_open_sequence(LyVM *vm);
LyStatus lys_open_bigreal(LyVM *vm);
LyStatus lys_open_symbols(LyVM *vm);
LyStatus lys_open_optimize(LyVM *vm);
LyStatus lys_open_format(LyVM *vm);
LyStatus lys_open_linalg(LyVM *vm);
LyStatus lys_open_derived(LyVM *vm);
LyStatus lys_open_dsolve(LyVM *vm);
LyStatus lys_open_numfn(LyVM *vm);
LyStatus lys_open_numeric(LyVM *vm);
LyStatus lys_open_nintegrate(LyVM *vm);
LyStatus lys_open_series(LyVM *vm);

LyStatus lys_open_simplify(LyVM *vm);
LyStatus lys_open_listops(LyVM *vm);
LyStatus lys_open_stats(LyVM *vm);
LyStatus lys_open_combinat(LyVM *vm);
LyStatus lys_open_bytearray(LyVM *vm);
LyStatus lys_open_wxf(LyVM *vm);
LyStatus lys_open_usage(LyVM *vm);
LyStatus lys_open_distrib(LyVM *vm);
LyStatus lys_open_incgamma(LyVM *vm);
LyStatus lys_open_numname(LyVM *vm);
LyStatus lys_open_hash(LyVM *vm);
LyStatus lys_open_interp(LyVM *vm);
LyStatus lys_open_contexts(LyVM *vm);

LyStatus ly_open_stdlib(LyVM *vm) {
    LyStatus (*const openers[])(LyVM *) = {
        lys_open_io, lys_open_info, lys_open_contexts, lys_open_texform, lys_open_mapat,
        lys_open_control, lys_open_scoping, lys_open_iterate, lys_open_functional,
        lys_open_compare, lys_open_predicates, lys_open_lists, lys_open_mathfn,
        lys_open_sort, lys_open_arrays, lys_open_assoc, lys_open_assoc2,
        lys_open_strings, lys_open_strpattern, lys_open_files, lys_open_json, lys_open_session, lys_open_intfn, lys_open_random,
        lys_open_numtheory,
        lys_open_algebra,
        lys_open_calculus,
        lys_open_solve, lys_open_root, lys_open_reap, lys_open_sequence, lys_open_bigreal, lys_open_symbols, lys_open_optimize, lys_open_format, lys_open_linalg, lys_open_derived, lys_open_dsolve, lys_open_numfn, lys_open_numeric, lys_open_nintegrate, lys_open_series,
        lys_open_simplify,
        lys_open_listops,
        lys_open_stats,
        lys_open_combinat,
        lys_open_bytearray,
        lys_open_wxf,
        lys_open_usage,
        lys_open_distrib,
        lys_open_incgamma,
        lys_open_numname,
        lys_open_hash,
        lys_open_interp,
    };
    for (size_t i = 0; i < sizeof openers / sizeof openers[0]; i++) {
        LyStatus st = openers[i](vm);
        if (st != LY_OK) return st;
    }
    return LY_OK;
}
