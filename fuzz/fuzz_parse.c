/* fuzz_parse.c — the parser (lyv_parse_program through ly_parse), the
 * REPL's completeness check, and printing whatever parsed in every form. */
#include "fuzz_common.h"

static LyVM *vm;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!vm) vm = fuzz_vm();     /* parsing changes no definitions: one VM will do */
    if (size > FUZZ_MAX_INPUT * 4) size = FUZZ_MAX_INPUT * 4;
    (void)ly_input_incomplete((const char *)data, size);
    LyExpr e = NULL;
    LyStatus st = ly_parse(vm, (const char *)data, size, "fuzz", &e);
    if (st == LY_OK) {
        for (int f = LY_FORM_INPUT; f <= LY_FORM_OUTPUT; f++) {
            char *s = ly_tostring(vm, e, (LyForm)f);
            ly_free(vm, s);
        }
        ly_decref(vm, e);
    } else if (st != LY_ERRSYNTAX && st != LY_ERRMEM) {
        abort();
    } else if (st == LY_ERRSYNTAX && !ly_errmsg(vm)[0]) {
        abort();     /* a syntax error always says where */
    }
    return 0;
}
