/*
 * lyf_util.c — small helpers shared by foreign/'s modules.
 */
#include <math.h>
#include <strings.h>
#include "lyf.h"

bool lyf_timeout_arg(LyVM *vm, const char *head, LyExpr e, int64_t *deadline) {
    if (ly_is_symbol(e, "Infinity") || (ly_head_is(e, ly_symbol(NULL, "DirectedInfinity")) && ly_nlen(e) == 1 &&
                                        ly_is_small(ly_narg(e, 1)) && ly_small(ly_narg(e, 1)) == 1)) {
        *deadline = LYR_DEADLINE_NEVER;
        return true;
    }
    double s = ly_is_number(e) && ly_type(e) != LY_TCOMPLEX ? ly_num_to_double(e) : -1;
    if (!(s >= 0)) {
        ly_message(vm, ly_symbol(vm, head), "tmout", 1, e);
        return false;
    }
    if (s > 1e9) { *deadline = LYR_DEADLINE_NEVER; return true; }
    *deadline = lyr_deadline_in((int64_t)(s * 1e9));
    return true;
}

bool lyf_name_is(const char *name, const char *want) { return strcasecmp(name, want) == 0; }

LyExpr lyf_nomethod(LyVM *vm, LyExpr head, const char *name) {
    LyExpr s = ly_cstring(vm, name);     /* ly_message borrows its arguments */
    if (s) ly_message(vm, head, "nomethod", 1, s);
    ly_unref(vm, s);
    return lyf_failed();
}

LyExpr lyf_failed(void) { return LY_SYM(DFailed); }

uint64_t lyf_random_key(LyVM *vm) { return ly_random_fork(vm); }
