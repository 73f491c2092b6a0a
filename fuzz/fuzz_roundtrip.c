/* fuzz_roundtrip.c — the printer round trip: what parses, printed in
 * InputForm, parses again; the second parse is a fixed point (printed and
 * parsed again it is ly_same and prints the same text).
 *
 * The first round trip is not exact today: Power[2, -1] prints as 1/2,
 * which parses as Times[1, Power[2, -1]] (tests/hostile/known/roundtrip.ly).
 * LY_FUZZ_STRICT=1 demands e == parse(print(e)) from the first step. */
#include "fuzz_common.h"

static LyVM *vm;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!vm) vm = fuzz_vm();
    if (size > FUZZ_MAX_INPUT) size = FUZZ_MAX_INPUT;
    LyExpr e = NULL;
    if (ly_parse(vm, (const char *)data, size, "fuzz", &e) != LY_OK) return 0;
    static int strict = -1;
    if (strict < 0) strict = getenv("LY_FUZZ_STRICT") != NULL;
    if (!strict) {
        /* one round first: compare from the printed form on */
        char *s0 = ly_tostring(vm, e, LY_FORM_INPUT);
        if (!s0) abort();
        LyExpr e1 = NULL;
        if (ly_parse(vm, s0, (size_t)-1, "printed", &e1) != LY_OK) {
            /* known (tests/hostile/known/utf8_print.ly): strings made with
             * byte escapes hold invalid UTF-8 and InputForm prints it raw */
            if (strstr(ly_errmsg(vm), "invalid UTF-8")) { ly_free(vm, s0); ly_decref(vm, e); return 0; }
            fprintf(stderr, "round trip: InputForm does not parse\n  printed: %s\n  error: %s\n", s0, ly_errmsg(vm));
            abort();
        }
        ly_free(vm, s0);
        ly_decref(vm, e);
        e = e1;
    }
    char *s = ly_tostring(vm, e, LY_FORM_INPUT);
    if (!s) abort();
    LyExpr e2 = NULL;
    LyStatus st = ly_parse(vm, s, (size_t)-1, "printed", &e2);
    if (st != LY_OK) {
        fprintf(stderr, "round trip: InputForm does not parse\n  printed: %s\n  error: %s\n", s, ly_errmsg(vm));
        abort();
    }
    if (!ly_same(e, e2)) {
        char *f1 = ly_tostring(vm, e, LY_FORM_FULL), *f2 = ly_tostring(vm, e2, LY_FORM_FULL);
        fprintf(stderr, "round trip: not the same\n  printed: %s\n  before:  %s\n  after:   %s\n", s, f1, f2);
        abort();
    }
    char *s2 = ly_tostring(vm, e2, LY_FORM_INPUT);
    if (!s2 || strcmp(s, s2) != 0) {
        fprintf(stderr, "round trip: printed twice differently\n  1: %s\n  2: %s\n", s, s2 ? s2 : "(null)");
        abort();
    }
    ly_free(vm, s2);
    ly_free(vm, s);
    ly_decref(vm, e2);
    ly_decref(vm, e);
    return 0;
}
