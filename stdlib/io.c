/*
 * io.c — printing: Print, Echo.  Written against lyra.h + lyra_ext.h only.
 */
#include "lyra_ext.h"

static void print_args(LyVM *vm, LyExpr e, size_t from) {
    LyBuf b;
    ly_buf_init(&b, vm);
    for (size_t i = from; i <= ly_nlen(e); i++) ly_buf_expr(&b, ly_narg(e, i), LY_FORM_OUTPUT);
    if (!b.oom) ly_print_line(vm, b.p ? b.p : "", b.len);
    ly_buf_free(&b);
}

static LyExpr b_print(LyVM *vm, LyExpr e) {
    print_args(vm, e, 1);
    return LY_SYM(Null);
}

static LyExpr b_echo(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) < 1) return NULL;
    LyBuf b;
    ly_buf_init(&b, vm);
    ly_buf_puts(&b, ">> ");
    if (ly_nlen(e) >= 2) { ly_buf_expr(&b, ly_narg(e, 2), LY_FORM_OUTPUT); ly_buf_puts(&b, " "); }
    ly_buf_expr(&b, ly_narg(e, 1), LY_FORM_OUTPUT);
    if (!b.oom) ly_print_line(vm, b.p, b.len);
    ly_buf_free(&b);
    ly_incref(vm, ly_narg(e, 1));
    return ly_narg(e, 1);
}

static const LyBuiltin io_builtins[] = {
    { "Print", b_print, "Protected", "Print[expr] prints expr as output." },
    { "Echo", b_echo, "Protected", "Echo[expr] prints expr and returns expr. Echo[expr, label] prints with a label." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_io(LyVM *vm);
LyStatus lys_open_io(LyVM *vm) { return ly_register_table(vm, io_builtins); }
