/* fuzz_copy.c — values and definitions crossing VMs: the input is parsed
 * and evaluated in VM a; the parsed input and the result are copied into
 * VM b (ly_copy) and must be the same there; b then takes a's definitions
 * (ly_sync_definitions) and evaluates the input again.  Closing a before b
 * checks that b shares nothing with a. */
#include "fuzz_common.h"

static void check_copy(LyVM *dst, LyExpr v) {
    LyExpr c = ly_copy(dst, v);
    if (!c) return;                       /* out of memory in dst */
    if (!ly_same(c, v) && !ly_is_symbol(c, "$Failed")) {
        char *s = ly_tostring(dst, c, LY_FORM_FULL);
        fprintf(stderr, "ly_copy: the copy differs: %s\n", s ? s : "(null)");
        abort();
    }
    if (ly_same(c, v) && ly_hash(c) != ly_hash(v)) {
        fprintf(stderr, "ly_copy: same value, different hash\n");
        abort();
    }
    ly_decref(dst, c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > FUZZ_MAX_INPUT) size = FUZZ_MAX_INPUT;
    LyVM *a = fuzz_vm(), *b = fuzz_vm();
    LyExpr e = NULL;
    if (ly_parse(a, (const char *)data, size, "fuzz", &e) == LY_OK) {
        check_copy(b, e);
        LyExpr r = fuzz_eval(a, e, 0.1);
        if (r) { check_copy(b, r); ly_decref(a, r); }
        uint64_t since = 0;
        LyStatus st = ly_sync_definitions(b, a, &since);
        if (st != LY_OK && st != LY_ERRMEM) abort();
        LyExpr e2 = ly_copy(b, e);
        ly_decref(a, e);
        ly_close(a);
        a = NULL;
        if (e2) {
            LyExpr r2 = fuzz_eval(b, e2, 0.1);
            if (r2) ly_decref(b, r2);
            ly_decref(b, e2);
        }
    }
    if (a) ly_close(a);
    ly_close(b);
    return 0;
}
