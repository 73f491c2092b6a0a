/*
 * context.c — contexts: which symbol a name read means, and how a symbol's
 * name is written, under $Context and $ContextPath.
 *
 * Symbols live in one process-wide table (symtab.c) by their full names,
 * except that System` and Global` are left out of the name: Plus and a
 * user's x are "Plus" and "x", Foo`f is "Foo`f".  With $Context = "Global`"
 * and only System` and Global` on $ContextPath (the start of a session)
 * every name therefore means the symbol spelled as written, and the reader
 * and the printer take that path without looking further.
 *
 * Otherwise (inside BeginPackage/Begin, or after EndPackage put a package's
 * context on the path) a short name is looked for in the contexts of
 * $ContextPath in order, then in $Context, and made in $Context when it is
 * in none of them, as in Wolfram.  A symbol is in System` when the library
 * made it (ly_symbol_context's test) and in Global` when it is any other
 * name without a context (the table is shared by the VMs of the process,
 * so a name some code used before counts as existing).  A name starting
 * with ` is relative to $Context; one with a context is taken as written.
 * The printer writes a symbol of $Context or of a context on the path by
 * its short name.
 *
 * The VM keeps what it read of the two variables (vm->ctx), with a
 * reference to each value, and reads them again when either value changed.
 */
#include <string.h>
#include "lyv.h"

/* Is this the string of a context name ("a`", "a`b`")? */
static bool context_string(LyExpr s) {
    if (!ly_is_string(s)) return false;
    const LyString *t = ly_str(s);
    return t->len >= 2 && t->s[t->len - 1] == '`' && t->s[0] != '`';
}

static bool plain_context(const char *s, size_t n) {
    return (n == 7 && (memcmp(s, "Global`", 7) == 0 || memcmp(s, "System`", 7) == 0));
}

static void ctx_drop(LyVM *vm) {
    LyvCtx *c = &vm->ctx;
    ly_unref(vm, c->cur_val);
    ly_unref(vm, c->path_val);
    c->cur_val = c->path_val = NULL;
    c->valid = false;
}

void lyv_ctx_release(LyVM *vm) { ctx_drop(vm); }

const LyvCtx *lyv_ctx(LyVM *vm) {
    LyvCtx *c = &vm->ctx;
    LyDefs *dc = lyv_defs_get(vm, ly_sym(LY_SYM(DContext)));
    LyDefs *dp = lyv_defs_get(vm, ly_sym(LY_SYM(DContextPath)));
    LyExpr cur = dc && !dc->own_delayed ? dc->own : NULL;
    LyExpr path = dp && !dp->own_delayed ? dp->own : NULL;
    if (c->valid && cur == c->cur_val && path == c->path_val) return c;
    ctx_drop(vm);
    if (cur) ly_ref(cur);
    if (path) ly_ref(path);
    c->cur_val = cur;
    c->path_val = path;
    c->valid = true;
    c->cur = "Global`";
    c->curlen = 7;
    if (cur && context_string(cur)) { c->cur = ly_str(cur)->s; c->curlen = ly_str(cur)->len; }
    c->npath = 0;
    bool plain = plain_context(c->cur, c->curlen);
    if (path && ly_head_is(path, LY_SYM(List))) {
        for (size_t i = 1; i <= ly_nlen(path); i++) {
            LyExpr s = ly_narg(path, i);
            if (!context_string(s)) continue;
            if (!plain_context(ly_str(s)->s, ly_str(s)->len)) plain = false;
            if (c->npath < LYV_CTX_MAX) {
                c->path[c->npath] = ly_str(s)->s;
                c->pathlen[c->npath] = ly_str(s)->len;
                c->npath++;
            }
        }
    } else if (!path) {
        c->path[0] = "System`"; c->pathlen[0] = 7;
        c->path[1] = "Global`"; c->pathlen[1] = 7;
        c->npath = 2;
    }
    c->plain = plain;
    return c;
}

bool lyv_sym_system(LyVM *vm, const LySymbol *s) {
    if (s->flags & LY_SYMF_SYSTEM) return true;
    LyDefs *d = lyv_defs_get(vm, (LySymbol *)s);
    return d && (d->builtin || d->usage);
}

/* The symbol context`name if it exists (System` and Global` by the rules
 * above); buf holds at least LYV_NAME_MAX bytes. */
static LySymbol *find_in(LyVM *vm, const char *ctx, size_t cl, const char *s, size_t n, char *buf) {
    if (plain_context(ctx, cl)) {
        LySymbol *y = lyv_lookup(s, n);
        if (!y || (y->flags & LY_SYMF_TEMP)) return NULL;
        bool sys = lyv_sym_system(vm, y);
        return (ctx[0] == 'S') == sys ? y : NULL;
    }
    if (cl + n > LYV_NAME_MAX) return NULL;
    memcpy(buf, ctx, cl);
    memcpy(buf + cl, s, n);
    return lyv_lookup(buf, cl + n);
}

/* context`name made (interned) */
static LySymbol *make_in(LyVM *vm, const char *ctx, size_t cl, const char *s, size_t n) {
    if (plain_context(ctx, cl)) return lyv_intern_vm(vm, s, n);
    char small[256];
    char *buf = cl + n <= sizeof small ? small : lyv_alloc(vm, cl + n);
    if (!buf) return NULL;
    memcpy(buf, ctx, cl);
    memcpy(buf + cl, s, n);
    LySymbol *y = lyv_intern(buf, cl + n);
    if (buf != small) lyv_free(vm, buf, cl + n);
    return y;
}

LySymbol *lyv_ctx_resolve(LyVM *vm, const char *s, size_t n) {
    if (vm->ctx_written) return lyv_intern_vm(vm, s[0] == '`' && n > 1 ? s + 1 : s, s[0] == '`' && n > 1 ? n - 1 : n);
    const LyvCtx *c = lyv_ctx(vm);
    if (n > 1 && s[0] == '`') return make_in(vm, c->cur, c->curlen, s + 1, n - 1);   /* relative */
    if (c->plain) return lyv_intern_vm(vm, s, n);
    if (memchr(s, '`', n)) return lyv_intern_vm(vm, s, n);                   /* full name */
    /* a Module local (x$12) is the VM's own */
    LySymbol *t = memchr(s, '$', n) ? lyv_temp_lookup(vm, s, n) : NULL;
    if (t) { vm->temp_lookups++; return t; }
    char buf[LYV_NAME_MAX];
    for (size_t i = 0; i < c->npath; i++) {
        LySymbol *y = find_in(vm, c->path[i], c->pathlen[i], s, n, buf);
        if (y) return y;
    }
    LySymbol *y = find_in(vm, c->cur, c->curlen, s, n, buf);
    return y ? y : make_in(vm, c->cur, c->curlen, s, n);
}

size_t lyv_ctx_shown(LyVM *vm, const LySymbol *s) {
    const char *tick = memchr(s->name, '`', s->len);
    if (!tick || (s->flags & LY_SYMF_TEMP)) return 0;
    const char *last = s->name + s->len;
    while (last > s->name && last[-1] != '`') last--;
    size_t cl = (size_t)(last - s->name);
    const LyvCtx *c = lyv_ctx(vm);
    if (cl == c->curlen && memcmp(s->name, c->cur, cl) == 0) return cl;
    for (size_t i = 0; i < c->npath; i++)
        if (cl == c->pathlen[i] && memcmp(s->name, c->path[i], cl) == 0) return cl;
    return 0;
}

LyExpr ly_symbol_read(LyVM *vm, const char *s, size_t n) {
    if (n > 7 && (memcmp(s, "System`", 7) == 0 || memcmp(s, "Global`", 7) == 0)) { s += 7; n -= 7; }
    LySymbol *y = lyv_ctx_resolve(vm, s, n);
    if (!y) return ly_raise_nomem(vm);
    if (y->flags & LY_SYMF_TEMP) lyv_handout(vm, ly_symexpr(y));
    return ly_symexpr(y);
}

LyStatus ly_parse_library(LyVM *vm, const char *src, size_t len, const char *chunk, LyExpr *result) {
    vm->ctx_written++;
    LyStatus st = ly_parse(vm, src, len, chunk, result);
    vm->ctx_written--;
    return st;
}
