/* fuzz_wxf.c — the WXF reader on hostile bytes (stdlib/wxf.c): any input
 * either decodes or is rejected with a reason, never reads outside the
 * input, never crashes.  What decodes must survive a second trip: written
 * again (plain and compressed) and read back it is the same value, in
 * another VM too (the cluster's path).  The VMs are capped at
 * FUZZ_MAX_MEMORY, so zlib bombs end as out-of-memory, not as an RSS kill. */
#include "fuzz_common.h"

static LyVM *a, *b;

static void trip(LyExpr v, unsigned flags) {
    LyBuf buf;
    ly_buf_init(&buf, a);
    LyExpr bad = NULL;
    LyStatus st = ly_wxf_write(a, v, flags, &buf, &bad);
    if (st == LY_ERRMEM) { ly_buf_free(&buf); if (ly_unwinding(a)) ly_exit_take(a, NULL, NULL); return; }
    if (st != LY_OK) { fprintf(stderr, "wxf: a decoded value does not encode (%d)\n", (int)st); abort(); }
    const char *why = NULL;
    LyExpr r = ly_wxf_read(b, buf.p, buf.len, &why, NULL);
    if (!r) {
        if (ly_unwinding(b)) { ly_exit_take(b, NULL, NULL); ly_buf_free(&buf); return; }
        fprintf(stderr, "wxf: re-encoded data does not decode: %s\n", why);
        abort();
    }
    if (!ly_same(r, v)) {
        char *s1 = ly_tostring(a, v, LY_FORM_FULL), *s2 = ly_tostring(b, r, LY_FORM_FULL);
        fprintf(stderr, "wxf: second trip differs\n  first:  %s\n  second: %s\n", s1 ? s1 : "?", s2 ? s2 : "?");
        abort();
    }
    ly_decref(b, r);
    ly_buf_free(&buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!a) { a = fuzz_vm(); b = fuzz_vm(); }
    if (size > FUZZ_MAX_INPUT) size = FUZZ_MAX_INPUT;
    const char *why = NULL;
    LyExpr v = ly_wxf_read(a, data, size, &why, NULL);
    if (!v) {
        if (ly_unwinding(a)) ly_exit_take(a, NULL, NULL);
        else if (!why) { fprintf(stderr, "wxf: rejected without a reason\n"); abort(); }
        return 0;
    }
    trip(v, 0);
    trip(v, LY_WXF_COMPRESS);
    ly_decref(a, v);
    return 0;
}
