/*
 * buf.c — growable byte buffers through the VM's allocator (LyBuf).
 * Out of memory sets b->oom; later writes are ignored, so writers need not
 * check every call.  The content is always NUL-terminated when non-empty.
 */
#include <stdio.h>
#include "lyv.h"

void ly_buf_init(LyBuf *b, LyVM *vm) {
    b->vm = vm; b->p = NULL; b->len = b->cap = 0; b->oom = false;
}

static bool reserve(LyBuf *b, size_t extra) {
    if (b->oom) return false;
    if (b->len + extra + 1 <= b->cap) return true;
    size_t ncap = b->cap ? b->cap : 64;
    while (ncap < b->len + extra + 1) {
        if (ncap > SIZE_MAX / 2) { b->oom = true; return false; }
        ncap *= 2;
    }
    /* through the funnel's caps and test hook, without an unwind (mem.c) */
    char *np = lyv_alloc_quiet(b->vm, b->p, b->p ? b->cap : 0, ncap);
    if (!np) { b->oom = true; return false; }
    b->p = np;
    b->cap = ncap;
    return true;
}

void ly_buf_put(LyBuf *b, const char *s, size_t n) {
    if (!reserve(b, n)) return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

void ly_buf_puts(LyBuf *b, const char *s) { ly_buf_put(b, s, strlen(s)); }

void ly_buf_printf(LyBuf *b, const char *fmt, ...) {
    va_list ap;
    char small[256];
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) { ly_buf_put(b, small, (size_t)n); return; }
    if (!reserve(b, (size_t)n)) return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void ly_buf_free(LyBuf *b) {
    if (b->p) lyv_alloc_quiet(b->vm, b->p, b->cap, 0);
    b->p = NULL; b->len = b->cap = 0;
}
