/*
 * contexts.c — packages: Begin, End, BeginPackage, EndPackage, Needs,
 * $Packages, and the start values of $Context and $ContextPath.
 *
 * The reader and the printer follow $Context and $ContextPath
 * (vm/context.c); scripts and Get read a statement after the ones before it
 * ran, so a package's BeginPackage and Begin put the names after them in
 * its contexts.  Begin's and BeginPackage's saved states are lists in
 * Lyra`Private` variables, so Block and Clear treat them as any value.
 */
#include <string.h>
#include "lys_data.h"

#define CONTEXT_STACK "Lyra`Private`$ContextStack"
#define PACKAGE_STACK "Lyra`Private`$PackageStack"

/* A context name: a string "a`" or "a`b`" */
static bool context_name(LyExpr s) {
    size_t n;
    const char *t = ly_get_string(s, &n);
    if (!t || n < 2 || t[n - 1] != '`' || t[0] == '`') return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c >= 0x80 ||
                  ((c >= '0' && c <= '9') && i > 0 && t[i - 1] != '`') || c == '`';
        if (!ok || (c == '`' && i > 0 && t[i - 1] == '`')) return false;
    }
    return true;
}

static LyExpr var(LyVM *vm, const char *name) { return ly_symbol(vm, name); }

/* The value of a variable, borrowed (NULL when none). */
static LyExpr value(LyVM *vm, const char *name) {
    LyExpr s = var(vm, name);
    return s ? ly_own_value(vm, s) : NULL;
}

static LyExpr current(LyVM *vm) {
    LyExpr c = ly_own_value(vm, LY_SYM(DContext));
    return c && context_name(c) ? c : NULL;
}

/* Sets a variable (steals v). */
static void set(LyVM *vm, LyExpr sym, LyExpr v) {
    if (sym && v) ly_set_own_value(vm, sym, v);
    else ly_unref(vm, v);
}

/* The list held by the variable name with x appended (x stolen) */
static bool push(LyVM *vm, const char *name, LyExpr x) {
    if (!x) return false;
    LyExpr l = value(vm, name);
    size_t n = l && ly_head_is(l, LY_SYM(List)) ? ly_nlen(l) : 0;
    LyExpr r = ly_mknormal(vm, LY_SYM(List), n + 1);
    if (!r) { ly_unref(vm, x); return false; }
    for (size_t i = 1; i <= n; i++) { ly_ref(ly_narg(l, i)); ly_nset(r, i, ly_narg(l, i)); }
    ly_nset(r, n + 1, x);
    set(vm, var(vm, name), r);
    return true;
}

/* The last element of the list held by name, removed from it (a new
 * reference), or NULL when the list is empty. */
static LyExpr pop(LyVM *vm, const char *name) {
    LyExpr l = value(vm, name);
    size_t n = l && ly_head_is(l, LY_SYM(List)) ? ly_nlen(l) : 0;
    if (n == 0) return NULL;
    LyExpr x = ly_narg(l, n);
    ly_ref(x);
    LyExpr r = ly_list(vm, n - 1, ly_nargs(l));
    if (!r) { ly_unref(vm, x); return NULL; }
    set(vm, var(vm, name), r);
    return x;
}

/* The list l without the string c, with c in front (l borrowed, may be
 * NULL) */
static LyExpr put_first(LyVM *vm, LyExpr l, LyExpr c) {
    size_t n = l && ly_head_is(l, LY_SYM(List)) ? ly_nlen(l) : 0, k = 1;
    LyExpr r = ly_mknormal(vm, LY_SYM(List), n + 1);
    if (!r) return NULL;
    ly_ref(c);
    ly_nset(r, 1, c);
    for (size_t i = 1; i <= n; i++) {
        if (ly_equal(ly_narg(l, i), c)) continue;
        ly_ref(ly_narg(l, i));
        ly_nset(r, ++k, ly_narg(l, i));
    }
    if (k == n + 1) return r;
    LyExpr t = ly_list(vm, k, ly_nargs(r));
    for (size_t i = k + 1; i <= n + 1; i++) ly_nset(r, i, LY_SYM(Null));
    ly_unref(vm, r);
    return t;
}

/* A context argument, with `Sub` taken relative to $Context; NULL after a
 * message. */
static LyExpr context_arg(LyVM *vm, LyExpr e, LyExpr c) {
    size_t n;
    const char *t = ly_get_string(c, &n);
    if (t && n > 1 && t[0] == '`') {
        LyExpr cur = current(vm);
        size_t cn;
        const char *cs = cur ? ly_get_string(cur, &cn) : "Global`";
        if (!cur) cn = 7;
        LyBuf b;
        ly_buf_init(&b, vm);
        ly_buf_put(&b, cs, cn);
        ly_buf_put(&b, t + 1, n - 1);
        LyExpr r = b.oom ? NULL : ly_mkstring(vm, b.p, b.len);
        ly_buf_free(&b);
        if (!r) return ly_raise_nomem(vm);
        if (context_name(r)) return r;
        ly_unref(vm, r);
    } else if (context_name(c)) {
        ly_ref(c);
        return c;
    }
    ly_message(vm, ly_nhead(e), "cxt", 1, c);
    return NULL;
}

/* Begin["ctx`"]: $Context becomes ctx (`Sub` is relative to it) until End[]. */
static LyExpr b_begin(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr c = context_arg(vm, e, ly_narg(e, 1));
    if (!c) return NULL;
    LyExpr cur = current(vm);
    if (!push(vm, CONTEXT_STACK, cur ? (ly_ref(cur), cur) : ly_cstring(vm, "Global`"))) {
        ly_unref(vm, c);
        return ly_unwinding(vm) ? NULL : ly_raise_nomem(vm);
    }
    ly_ref(c);
    set(vm, LY_SYM(DContext), c);
    return c;
}

/* End[]: back to the context before the last Begin; the value is the one left. */
static LyExpr b_end(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 0)) return NULL;
    LyExpr prev = pop(vm, CONTEXT_STACK);
    LyExpr cur = current(vm);
    LyExpr r = cur ? (ly_ref(cur), cur) : ly_cstring(vm, "Global`");
    if (!prev) {
        ly_message(vm, ly_nhead(e), "noctx", 0);
        return r;
    }
    set(vm, LY_SYM(DContext), prev);
    return r;
}

static LyExpr needs(LyVM *vm, LyExpr e, LyExpr c, LyExpr file);

/* BeginPackage["ctx`"], BeginPackage["ctx`", {"need1`", ...}]: $Context is
 * ctx and $ContextPath {ctx, needs..., "System`"} until EndPackage[]. */
static LyExpr b_beginpackage(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr c = context_arg(vm, e, ly_narg(e, 1));
    if (!c) return NULL;
    LyExpr req = ly_nlen(e) == 2 ? ly_narg(e, 2) : NULL;
    size_t nreq = req ? (ly_head_is(req, LY_SYM(List)) ? ly_nlen(req) : 1) : 0;
    for (size_t i = 1; i <= nreq; i++) {
        LyExpr q = ly_head_is(req, LY_SYM(List)) ? ly_narg(req, i) : req;
        if (!context_name(q)) {
            ly_message(vm, ly_nhead(e), "cxt", 1, q);
            ly_unref(vm, c);
            return NULL;
        }
    }
    LyExpr cur = current(vm), path = ly_own_value(vm, LY_SYM(DContextPath));
    LyExpr saved = ly_mk(vm, LY_SYM(List), 3, (ly_ref(c), c),
                         cur ? (ly_ref(cur), cur) : ly_cstring(vm, "Global`"),
                         path ? (ly_ref(path), path) : ly_mknormal(vm, LY_SYM(List), 0));
    if (!push(vm, PACKAGE_STACK, saved)) { ly_unref(vm, c); return ly_unwinding(vm) ? NULL : ly_raise_nomem(vm); }
    LyExpr np = ly_mknormal(vm, LY_SYM(List), nreq + 2);
    if (!np) { ly_unref(vm, c); return NULL; }
    ly_ref(c);
    ly_nset(np, 1, c);
    for (size_t i = 1; i <= nreq; i++) {
        LyExpr q = ly_head_is(req, LY_SYM(List)) ? ly_narg(req, i) : req;
        ly_ref(q);
        ly_nset(np, i + 1, q);
    }
    ly_nset(np, nreq + 2, ly_cstring(vm, "System`"));
    set(vm, LY_SYM(DContext), c);
    set(vm, LY_SYM(DContextPath), np);
    for (size_t i = 1; i <= nreq; i++) {
        LyExpr q = ly_head_is(req, LY_SYM(List)) ? ly_narg(req, i) : req;
        LyExpr r = needs(vm, e, q, NULL);
        if (!r) return NULL;
        ly_unref(vm, r);
    }
    return LY_SYM(Null);
}

/* EndPackage[]: the contexts before BeginPackage, with the package's
 * context put first on $ContextPath and on $Packages. */
static LyExpr b_endpackage(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 0)) return NULL;
    LyExpr saved = pop(vm, PACKAGE_STACK);
    if (!saved || !ly_head_is(saved, LY_SYM(List)) || ly_nlen(saved) != 3) {
        ly_unref(vm, saved);
        if (!ly_unwinding(vm)) ly_message(vm, ly_nhead(e), "noctx", 0);
        return ly_unwinding(vm) ? NULL : LY_SYM(Null);
    }
    LyExpr c = ly_narg(saved, 1);
    LyExpr path = put_first(vm, ly_narg(saved, 3), c);
    LyExpr pk = put_first(vm, value(vm, "$Packages"), c);
    ly_ref(ly_narg(saved, 2));
    set(vm, LY_SYM(DContext), ly_narg(saved, 2));
    set(vm, LY_SYM(DContextPath), path);
    set(vm, var(vm, "$Packages"), pk);
    ly_unref(vm, saved);
    return ly_unwinding(vm) ? NULL : LY_SYM(Null);
}

/* Needs["ctx`"] reads the package's file (Get["ctx`"]) unless ctx is
 * already in $Packages; Needs["ctx`", "file"] reads file. */
static LyExpr needs(LyVM *vm, LyExpr e, LyExpr c, LyExpr file) {
    LyExpr pk = value(vm, "$Packages");
    if (!file && pk && ly_head_is(pk, LY_SYM(List)))
        for (size_t i = 1; i <= ly_nlen(pk); i++)
            if (ly_equal(ly_narg(pk, i), c)) return LY_SYM(Null);
    LyExpr get = ly_symbol(vm, "Get");
    LyExpr arg = file ? file : c;
    LyExpr r = get ? ly_evaluate_call(vm, get, 1, &arg) : NULL;
    if (!r) return NULL;
    if (r == LY_SYM(DFailed)) {
        ly_message(vm, ly_nhead(e), "nocont", 1, c);
        return r;
    }
    ly_unref(vm, r);
    return LY_SYM(Null);
}

static LyExpr b_needs(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (!context_name(ly_narg(e, 1))) { ly_message(vm, ly_nhead(e), "cxt", 1, ly_narg(e, 1)); return NULL; }
    return needs(vm, e, ly_narg(e, 1), ly_nlen(e) == 2 ? ly_narg(e, 2) : NULL);
}

static const LyBuiltin context_builtins[] = {
    { "Begin", b_begin, "Protected", "Begin[\"context`\"] resets the current context." },
    { "End", b_end, "Protected", "End[] returns the present context, and reverts to the previous one." },
    { "BeginPackage", b_beginpackage, "Protected",
      "BeginPackage[\"context`\"] makes context` and System` the only active contexts.\n"
      "BeginPackage[\"context`\", {\"need1`\", \"need2`\", ...}] calls Needs on the needi." },
    { "EndPackage", b_endpackage, "Protected",
      "EndPackage[] restores $Context and $ContextPath to their values before the preceding BeginPackage, and prepends the current context to the list $ContextPath." },
    { "Needs", b_needs, "Protected",
      "Needs[\"context`\"] loads an appropriate file if the specified context is not already in $Packages.\n"
      "Needs[\"context`\", \"file\"] loads file if the specified context is not already in $Packages." },
    { "$ContextPath", NULL, NULL, "$ContextPath is a global variable that gives a list of contexts, after $Context, to search in trying to find a symbol that has been entered." },
    { "$Packages", NULL, NULL, "$Packages is a list of the contexts corresponding to all packages which have been loaded into your current Wolfram Language session." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_contexts(LyVM *vm);
LyStatus lys_open_contexts(LyVM *vm) {
    const char *cxt = "Invalid context specified: `1`.";
    ly_set_message(vm, "Begin", "cxt", cxt);
    ly_set_message(vm, "BeginPackage", "cxt", cxt);
    ly_set_message(vm, "Needs", "cxt", cxt);
    ly_set_message(vm, "End", "noctx", "No previous context defined.");
    ly_set_message(vm, "EndPackage", "noctx", "No previous context defined.");
    ly_set_message(vm, "Needs", "nocont", "Context `1` was not created when Needs was evaluated.");
    LyStatus st = ly_register_table(vm, context_builtins);
    if (st != LY_OK) return st;
    LyExpr sys = ly_cstring(vm, "System`"), glob = ly_cstring(vm, "Global`");
    LyExpr both[2] = { sys, glob };
    LyExpr path = sys && glob ? ly_list(vm, 2, both) : NULL;
    LyExpr pk = sys && glob ? ly_list(vm, 2, (LyExpr[]){ glob, sys }) : NULL;
    ly_unref(vm, sys);
    ly_unref(vm, glob);
    if (!path || !pk) { ly_unref(vm, path); ly_unref(vm, pk); return LY_ERRMEM; }
    ly_set_own_value(vm, LY_SYM(DContextPath), path);
    ly_set_own_value(vm, ly_symbol(vm, "$Packages"), pk);
    return LY_OK;
}
