/*
 * message.c — Wolfram-style messages: sym::tag templates, Off/On, Quiet,
 * $MessageList, and the output/message hooks.
 *
 * Lookup order for the text of s::tag: a definition made in this VM
 * (s::tag = "..."), the built-in table below, then General::tag the same two
 * ways.  Templates use `1`, `2`, ... for the arguments (printed in InputForm).
 */
#include <stdio.h>
#include "lyv.h"

typedef struct { const char *sym, *tag, *text; } BuiltinMsg;

static const BuiltinMsg builtin_msgs[] = {
    { "General", "argx", "`1` called with `2` arguments; 1 argument is expected." },
    { "General", "argr", "`1` called with 1 argument; `2` arguments are expected." },
    { "General", "argrx", "`1` called with `2` arguments; `3` arguments are expected." },
    { "General", "argb", "`1` called with `2` arguments; between `3` and `4` arguments are expected." },
    { "General", "argbu", "`1` called with 1 argument; between `2` and `3` arguments are expected." },
    { "General", "argt", "`1` called with `2` arguments; `3` or `4` arguments are expected." },
    { "General", "argtu", "`1` called with 1 argument; `2` or `3` arguments are expected." },
    { "General", "argm", "`1` called with `2` arguments; `3` or more arguments are expected." },
    { "General", "argmu", "`1` called with 1 argument; `2` or more arguments are expected." },
    { "General", "ovfl", "Overflow occurred in computation." },
    { "General", "munfl", "`1` is too small to represent as a normalized machine number; precision may be lost." },
    { "General", "nomem", "The current computation was aborted because there was insufficient memory available to complete the computation." },
    { "General", "stop", "Further output of `1` will be suppressed during this calculation." },
    { "General", "int", "Integer expected at position `2` in `1`." },
    { "General", "intp", "Positive integer expected at position `2` in `1`." },
    { "General", "intnn", "Non-negative integer expected at position `2` in `1`." },
    { "General", "string", "String expected at position `1` in `2`." },
    { "General", "sym", "Argument `1` at position `2` is expected to be a symbol." },
    { "General", "list", "List expected at position `2` in `1`." },
    { "General", "wrsym", "Symbol `1` is Protected." },
    { "General", "write", "Tag `1` in `2` is Protected." },
    { "General", "setraw", "Cannot assign to raw object `1`." },
    { "General", "noopen", "Cannot open `1`." },
    { "General", "partw", "Part `1` of `2` does not exist." },
    { "General", "pkspec1", "The expression `1` cannot be used as a part specification." },
    { "General", "iterb", "Iterator `1` does not have appropriate bounds." },
    { "General", "itform", "Argument `1` at position `2` does not have the correct form for an iterator." },
    { "General", "lvlist", "Local variable specification `1` is not a List." },
    { "General", "ivar", "`1` is not a valid variable." },
    { "General", "optx", "Unknown option `1` in `2`." },
    { "General", "optnf", "Option name `1` not found in defaults for `2`." },
    { "General", "timeout", "Timeout reached." },
    { "Power", "infy", "Infinite expression `1` encountered." },
    { "General", "infy", "Infinite expression `1` encountered." },
    { "General", "nonopt", "Options expected (instead of `1`) beyond position `2` in `3`. An option must be a rule or a list of rules." },
    { "General", "indet", "Indeterminate expression `1` encountered." },
    { "Infinity", "indet", "Indeterminate expression `1` encountered." },
    { "Set", "wrsym", "Symbol `1` is Protected." },
    { "Set", "write", "Tag `1` in `2` is Protected." },
    { "Set", "setraw", "Cannot assign to raw object `1`." },
    { "Syntax", "sntx", "`1`" },
    { "Throw", "nocatch", "Uncaught `1` returned to top level." },
    { "Return", "nofunc", "Return[`1`] called outside a function." },
    { "Break", "nofunc", "Break[] called outside a loop." },
    { "Continue", "nofunc", "Continue[] called outside a loop." },
    { "$RecursionLimit", "reclim2", "Recursion depth of `1` exceeded during evaluation of `2`." },
    { "$IterationLimit", "itlim", "Iteration limit of `1` exceeded." },
    { "$RecursionLimit", "limset", "Cannot set $RecursionLimit to `1`; value must be Infinity or an integer at least 20." },
    { "$IterationLimit", "limset", "Cannot set $IterationLimit to `1`; value must be Infinity or an integer at least 20." },
    { "Power", "indet", "Indeterminate expression `1` encountered." },
    { "Thread", "tdlen", "Objects of unequal length in `1` cannot be combined." },
    { "Set", "shape", "Lists `1` and `2` are not the same shape." },
    { "Set", "partw", "Part `1` of `2` does not exist." },
    { "Set", "noval", "Symbol `1` in part assignment does not have an immediate value." },
    { "Set", "partd", "Part specification `1` is longer than depth of object." },
    { "Set", "setps", "`1` in the part assignment is not a symbol." },
    { "Set", "nosym", "`1` does not contain a symbol to attach a rule to." },
    { "UpSet", "nosym", "`1` does not contain a symbol to attach a rule to." },
    { "Unset", "norep", "Assignment on `2` for `1` not found." },
    { "Remove", "rmptc", "Symbol `1` is Protected and cannot be removed." },
    { "TagSet", "tagpos", "Tag `1` in `2` is too deep for an assigned rule to be found." },
    { "TagSet", "tagnf", "Tag `1` not found in `2`." },
    { "TagSetDelayed", "tagpos", "Tag `1` in `2` is too deep for an assigned rule to be found." },
    { "TagSetDelayed", "tagnf", "Tag `1` not found in `2`." },
    { "General", "ssym", "`1` is not a symbol or a string." },
    { "General", "locked", "Symbol `1` is locked." },
    { "SetAttributes", "unknownAttribute", "`1` is not a known attribute." },
    { NULL, NULL, NULL }
};

static const char *builtin_text(const char *sym, const char *tag) {
    for (const BuiltinMsg *m = builtin_msgs; m->sym; m++)
        if (!strcmp(m->sym, sym) && !strcmp(m->tag, tag)) return m->text;
    return NULL;
}

/* A message text defined in this VM: defs->messages is a List of
 * Rule[MessageName[s, "tag"], "text"]. */
static const char *user_text(LyVM *vm, LyExpr sym, const char *tag) {
    LyDefs *d = ly_is_sym(sym) ? lyv_defs_get(vm, ly_sym(sym)) : NULL;
    if (!d || !d->messages) return NULL;
    for (size_t i = 1; i <= ly_nlen(d->messages); i++) {
        LyExpr r = ly_narg(d->messages, i);
        LyExpr mn = ly_narg(r, 1);
        LyExpr t = ly_narg(mn, 2);
        if (ly_is_string(t) && !strcmp(ly_str(t)->s, tag) && ly_is_string(ly_narg(r, 2)))
            return ly_str(ly_narg(r, 2))->s;
    }
    return NULL;
}

void ly_set_message(LyVM *vm, const char *sym, const char *tag, const char *text) {
    LyExpr s = lyv_symbol(sym);
    if (s) lyv_set_message_sym(vm, s, tag, text);
}

void lyv_set_message_sym(LyVM *vm, LyExpr s, const char *tag, const char *text) {
    LyDefs *d = lyv_defs(vm, ly_sym(s));
    if (!d) return;
    LyExpr rule = ly_mk(vm, LY_SYM(Rule), 2,
                        ly_mk(vm, LY_SYM(MessageName), 2, s, ly_cstring(vm, tag)),
                        ly_cstring(vm, text));
    if (!rule) return;
    size_t n = d->messages ? ly_nlen(d->messages) : 0, keep = 0;
    for (size_t i = 1; i <= n; i++) {
        LyExpr ot = ly_narg(ly_narg(ly_narg(d->messages, i), 1), 2);
        keep += !(ly_is_string(ot) && !strcmp(ly_str(ot)->s, tag));
    }
    LyExpr nl = ly_mknormal(vm, LY_SYM(List), keep + 1);
    if (!nl) { ly_unref(vm, rule); return; }
    size_t k = 0;
    for (size_t i = 1; i <= n; i++) {
        LyExpr old = ly_narg(d->messages, i);
        LyExpr ot = ly_narg(ly_narg(old, 1), 2);
        if (ly_is_string(ot) && !strcmp(ly_str(ot)->s, tag)) continue;   /* replaced */
        ly_ref(old);
        ly_nset(nl, ++k, old);
    }
    ly_nset(nl, ++k, rule);
    ly_unref(vm, d->messages);
    d->messages = nl;
}

static void write_line(LyWriteHook hook, void *ud, FILE *f, const char *s, size_t n) {
    if (hook) { hook(ud, s, n); return; }
    fwrite(s, 1, n, f);
    fputc('\n', f);
    fflush(f);
}

void ly_print_line(LyVM *vm, const char *text, size_t len) {
    write_line(vm->out_hook, vm->out_ud, stdout, text, len);
}

static bool is_off(LyVM *vm, LyExpr sym, const char *tag) {
    LyExpr off = vm->off_list;
    if (!off) return false;
    for (size_t i = 1; i <= ly_nlen(off); i++) {
        LyExpr mn = ly_narg(off, i);
        LyExpr s = ly_narg(mn, 1), t = ly_narg(mn, 2);
        if ((s == sym || s == LY_SYM(General)) && ly_is_string(t) && !strcmp(ly_str(t)->s, tag))
            return true;
    }
    return false;
}

/* ---- $MessageList ----------------------------------------------------------------------------
 * The messages of the current top-level statement.  Its own value is the
 * delayed call Lyra`Private`MessageList[], which lists vm->msglist, so a
 * message is recorded in O(1); when the statement gave $MessageList a value
 * of its own (a list), messages are appended to that instead. */

#define MSGLIST_MAX 100000     /* entries kept per statement */

static LyExpr msglist_getter(void) {
    LyExpr g = lyv_symbol("Lyra`Private`MessageList");
    return g;
}

static bool is_getter_value(LyDefs *d) {
    return d && d->own && d->own_delayed && ly_head_is(d->own, msglist_getter()) && ly_nlen(d->own) == 0;
}

static void record_message(LyVM *vm, LyExpr mn) {
    LyDefs *d = lyv_defs_get(vm, ly_sym(LY_SYM(DMessageList)));
    ly_ref(mn);
    LyExpr hf = ly_mk(vm, LY_SYM(HoldForm), 1, mn);
    if (!hf) return;
    if (is_getter_value(d)) {
        if (vm->nmsglist == vm->capmsglist) {
            size_t nc = vm->capmsglist ? 2 * vm->capmsglist : 16;
            LyExpr *nv = nc <= MSGLIST_MAX ? lyv_realloc(vm, vm->msglist, vm->capmsglist * sizeof *nv, nc * sizeof *nv) : NULL;
            if (!nv) { ly_unref(vm, hf); lyv_clear_unwind(vm); return; }
            vm->msglist = nv;
            vm->capmsglist = nc;
        }
        vm->msglist[vm->nmsglist++] = hf;
    } else if (d && d->own && !d->own_delayed && ly_head_is(d->own, LY_SYM(List)) && ly_nlen(d->own) < MSGLIST_MAX) {
        LyExpr old = d->own;
        size_t n = ly_nlen(old);
        LyExpr nl = ly_mknormal(vm, LY_SYM(List), n + 1);
        if (!nl) { ly_unref(vm, hf); lyv_clear_unwind(vm); return; }
        for (size_t i = 1; i <= n; i++) { ly_ref(ly_narg(old, i)); ly_nset(nl, i, ly_narg(old, i)); }
        ly_nset(nl, n + 1, hf);
        ly_set_own_value(vm, LY_SYM(DMessageList), nl);
    } else {
        ly_unref(vm, hf);
    }
}

void lyv_messages_free(LyVM *vm) {
    for (size_t i = 0; i < vm->nmsglist; i++) ly_unref(vm, vm->msglist[i]);
    lyv_free(vm, vm->msglist, vm->capmsglist * sizeof *vm->msglist);
    vm->msglist = NULL;
    vm->nmsglist = vm->capmsglist = 0;
}

void lyv_messages_reset(LyVM *vm) {
    for (size_t i = 0; i < vm->nmsglist; i++) ly_unref(vm, vm->msglist[i]);
    vm->nmsglist = 0;
    LyDefs *d = lyv_defs_get(vm, ly_sym(LY_SYM(DMessageList)));
    if (!is_getter_value(d)) {
        LyExpr g = ly_mk(vm, msglist_getter(), 0);
        if (g) ly_set_own_value_ex(vm, LY_SYM(DMessageList), g, true);
        else lyv_clear_unwind(vm);
    }
}

static LyExpr b_messagelist(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 0) return NULL;
    return ly_list(vm, vm->nmsglist, vm->msglist);
}

void ly_message(LyVM *vm, LyExpr sym, const char *tag, size_t n, ...) {
    if (!ly_is_sym(sym)) return;
    /* record in $MessageList even when quiet (as Wolfram does) */
    LyExpr mn = ly_mk(vm, LY_SYM(MessageName), 2, sym, ly_cstring(vm, tag));
    if (!mn) return;
    record_message(vm, mn);
    if (vm->message_count < 1000000) vm->message_count++;
    vm->messages_issued++;
    if (vm->quiet > 0 || is_off(vm, sym, tag)) { ly_unref(vm, mn); return; }
    ly_unref(vm, mn);

    /* after three of the same message in one evaluation, General::stop */
    int k;
    for (k = 0; k < vm->nmsg_seen; k++)
        if (vm->msg_seen[k].sym == ly_sym(sym) && !strcmp(vm->msg_seen[k].tag, tag)) break;
    if (k == vm->nmsg_seen && k < 32 && strlen(tag) < sizeof vm->msg_seen[0].tag) {
        vm->msg_seen[k].sym = ly_sym(sym);
        strcpy(vm->msg_seen[k].tag, tag);
        vm->msg_seen[k].count = 0;
        vm->nmsg_seen++;
    }
    if (k < vm->nmsg_seen) {
        int c = ++vm->msg_seen[k].count;
        if (c > 4) return;
        if (c == 4) {
            LyExpr name = ly_mk(vm, LY_SYM(MessageName), 2, sym, ly_cstring(vm, tag));
            if (name) ly_message(vm, LY_SYM(General), "stop", 1, name);
            ly_unref(vm, name);
            return;
        }
    }

    const char *symname = ly_sym(sym)->name;
    const char *text = user_text(vm, sym, tag);
    if (!text) text = builtin_text(symname, tag);
    if (!text) text = user_text(vm, LY_SYM(General), tag);
    if (!text) text = builtin_text("General", tag);

    va_list ap;
    LyExpr args[16];
    va_start(ap, n);
    for (size_t i = 0; i < n && i < 16; i++) args[i] = va_arg(ap, LyExpr);
    va_end(ap);

    LyBuf b;
    ly_buf_init(&b, vm);
    ly_buf_printf(&b, "%s::%s: ", symname, tag);
    if (!text) {
        ly_buf_puts(&b, "-- Message text not found --");
        for (size_t i = 0; i < n && i < 16; i++) {
            ly_buf_puts(&b, " (");
            ly_buf_expr(&b, args[i], LY_FORM_OUTPUT);
            ly_buf_puts(&b, ")");
        }
    } else {
        for (const char *p = text; *p; p++) {
            if (*p == '`' && p[1] >= '1' && p[1] <= '9') {
                const char *q = p + 1;
                size_t ai = 0;
                while (*q >= '0' && *q <= '9') ai = ai * 10 + (size_t)(*q++ - '0');
                if (*q == '`' && ai >= 1 && ai <= n && ai <= 16) {
                    LyExpr a = args[ai - 1];
                    if (ly_head_is(a, LY_SYM(HoldForm)) && ly_nlen(a) == 1) a = ly_narg(a, 1);
                    /* long arguments are shortened as Wolfram's messages show
                     * them: {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, <<990>>} */
                    LyExpr sh = lyv_shallow(vm, a, 200, 10);
                    LyBuf t;
                    ly_buf_init(&t, vm);
                    lyv_buf_expr_skel(&t, sh ? sh : a, LY_FORM_OUTPUT);
                    ly_unref(vm, sh);
                    if (!sh) lyv_clear_unwind(vm);
                    /* "#2 & " before " cannot": one space, not two */
                    if (!t.oom && t.len > 0 && t.p[t.len - 1] == ' ' && q[1] == ' ') t.len--;
                    if (t.oom) b.oom = true;
                    else if (t.len <= 400) ly_buf_put(&b, t.p ? t.p : "", t.len);
                    else {
                        size_t head = 200, tail = 60;
                        while (head > 0 && ((unsigned char)t.p[head] & 0xC0) == 0x80) head--;
                        while (tail > 0 && ((unsigned char)t.p[t.len - tail] & 0xC0) == 0x80) tail--;
                        ly_buf_put(&b, t.p, head);
                        ly_buf_printf(&b, "<<%zu>>", t.len - head - tail);
                        ly_buf_put(&b, t.p + t.len - tail, tail);
                    }
                    ly_buf_free(&t);
                    p = q;
                    continue;
                }
            }
            ly_buf_put(&b, p, 1);
        }
    }
    if (!b.oom && b.p) {
        write_line(vm->msg_hook, vm->msg_ud, stderr, b.p, b.len);
    } else {
        /* issue 9: no memory for the text; still issue the message (Check
         * watches the lines), in a form that needs no allocation */
        char fb[200];
        int len = snprintf(fb, sizeof fb, "%.60s::%.40s: (message text not available: out of memory)",
                           ly_sym(sym)->name, tag);
        write_line(vm->msg_hook, vm->msg_ud, stderr, fb, len > 0 ? (size_t)len : 0);
    }
    ly_buf_free(&b);
}

void ly_set_output(LyVM *vm, LyWriteHook hook, void *ud) {
    lyv_owner_check(vm);
    vm->out_hook = hook;
    vm->out_ud = ud;
}
void ly_set_messages(LyVM *vm, LyWriteHook hook, void *ud) {
    lyv_owner_check(vm);
    vm->msg_hook = hook;
    vm->msg_ud = ud;
}
void ly_set_format_hook(LyVM *vm, LyFormatHook hook) {
    lyv_owner_check(vm);
    vm->format_hook = hook;
}
void ly_set_input_format_hook(LyVM *vm, LyFormatHook hook) {
    lyv_owner_check(vm);
    vm->input_format_hook = hook;
}
void ly_set_range_hook(LyVM *vm, LyRangeHook hook) {
    lyv_owner_check(vm);
    vm->range_hook = hook;
}

/* ---- builtins --------------------------------------------------------------------------- */

static bool msg_parts(LyExpr mn, LyExpr *sym, const char **tag) {
    if (!ly_head_is(mn, LY_SYM(MessageName)) || ly_nlen(mn) != 2) return false;
    *sym = ly_narg(mn, 1);
    if (!ly_is_sym(*sym) || !ly_is_string(ly_narg(mn, 2))) return false;
    *tag = ly_str(ly_narg(mn, 2))->s;
    return true;
}

/* s::tag evaluates to its text when one is defined, else stays. */
static LyExpr b_messagename(LyVM *vm, LyExpr e) {
    LyExpr s;
    const char *tag;
    if (!msg_parts(e, &s, &tag)) return NULL;
    const char *text = user_text(vm, s, tag);
    if (!text && !strcmp(tag, "usage")) {
        /* a builtin's usage, which ?s prints */
        LyDefs *d = lyv_defs_get(vm, ly_sym(s));
        text = d ? d->usage : NULL;
    }
    return text ? ly_cstring(vm, text) : NULL;
}

static LyExpr b_message(LyVM *vm, LyExpr e) {
    LyExpr s;
    const char *tag;
    if (ly_nlen(e) < 1 || !msg_parts(ly_narg(e, 1), &s, &tag)) return NULL;
    size_t n = ly_nlen(e) - 1;
    if (n > 8) n = 8;
    LyExpr a[8] = { 0 };
    for (size_t i = 0; i < n; i++) a[i] = ly_narg(e, i + 2);
    ly_message(vm, s, tag, n, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    return LY_SYM(Null);
}

static LyExpr switch_messages(LyVM *vm, LyExpr e, bool off) {
    for (size_t i = 1; i <= ly_nlen(e); i++) {
        LyExpr mn = ly_narg(e, i), s;
        const char *tag;
        if (!msg_parts(mn, &s, &tag)) continue;
        size_t n = vm->off_list ? ly_nlen(vm->off_list) : 0, keep = 0;
        for (size_t j = 1; j <= n; j++) keep += !ly_equal(ly_narg(vm->off_list, j), mn);
        LyExpr nl = ly_mknormal(vm, LY_SYM(List), keep + (off ? 1 : 0));
        if (!nl) return NULL;
        size_t k = 0;
        for (size_t j = 1; j <= n; j++) {
            LyExpr x = ly_narg(vm->off_list, j);
            if (ly_equal(x, mn)) continue;
            ly_ref(x);
            ly_nset(nl, ++k, x);
        }
        if (off) { ly_ref(mn); ly_nset(nl, ++k, mn); }
        ly_unref(vm, vm->off_list);
        vm->off_list = nl;
    }
    return LY_SYM(Null);
}

static LyExpr b_off(LyVM *vm, LyExpr e) { return switch_messages(vm, e, true); }
static LyExpr b_on(LyVM *vm, LyExpr e) { return switch_messages(vm, e, false); }

static const LyBuiltin message_builtins[] = {
    { "MessageName", b_messagename, "HoldFirst Protected",
      "symbol::tag is a name for a message." },
    { "Message", b_message, "HoldFirst Protected",
      "Message[symbol::tag, e1, e2, ...] prints the message symbol::tag, with the ei inserted in place of `1`, `2`, ..." },
    { "Off", b_off, "HoldAll Protected", "Off[symbol::tag] switches off a message, so that it is no longer printed." },
    { "On", b_on, "HoldAll Protected", "On[symbol::tag] switches on a message, so that it can be printed." },
    { "General", NULL, "Protected", "General is a symbol to which general system messages are attached." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lyv_open_messages(LyVM *vm) {
    LyStatus st = ly_register_table(vm, message_builtins);
    if (st == LY_OK) st = ly_register(vm, "Lyra`Private`MessageList", b_messagelist, "Protected", NULL);
    if (st == LY_OK) {
        lyv_messages_reset(vm);
        if (vm->unwind) { lyv_clear_unwind(vm); st = LY_ERRMEM; }
    }
    return st;
}
