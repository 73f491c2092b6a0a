/* fuzz_eval.c — the evaluator: each input is parsed and evaluated in a
 * fresh sandboxed VM under a time and memory budget (fuzz_common.h); the
 * result is printed.  Any crash, sanitizer report, leak or libFuzzer
 * timeout (-timeout) is a finding. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > FUZZ_MAX_INPUT) size = FUZZ_MAX_INPUT;
    LyVM *vm = fuzz_vm();
    LyExpr e = NULL;
    if (ly_parse(vm, (const char *)data, size, "fuzz", &e) == LY_OK) {
        LyExpr r = fuzz_eval(vm, e, 0.25);
        if (r) {
            char *s = ly_tostring(vm, r, LY_FORM_INPUT);
            ly_free(vm, s);
            ly_decref(vm, r);
        }
        ly_decref(vm, e);
    }
    ly_close(vm);
    return 0;
}
