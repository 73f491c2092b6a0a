/*
 * info.c — Information (what ?Name and ??Name become), Quit and Exit.
 * Written against lyra.h + lyra_ext.h only.
 *
 *   Information[sym]                    usage text; for a symbol without one,
 *                                       its context and definitions
 *   Information[sym, LongForm -> True]  usage, attributes and definitions
 *   Information["Pri*"]                 names matching a * pattern
 * Everything is printed through the output hook; the result is Null.
 *
 * Definitions are the text of Definition[sym], which the printer writes
 * (vm/rules.c): f[0] = 1 and f[x_] := x^2 as they were made.
 *
 * Quit[n] / Exit[n] end the evaluation with an LY_EXIT_QUIT exit: the host
 * gets LY_QUIT and ly_quit_code() (the lyra command then ends the process).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lyra_ext.h"

/* Prints text through the output hook, one line per '\n'-separated part. */
static void put_lines(LyVM *vm, const char *s) {
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        ly_print_line(vm, s, n);
        if (!nl) return;
        s = nl + 1;
    }
}

static void put_buf(LyBuf *b) {
    if (!b->oom) ly_print_line(b->vm, b->p ? b->p : "", b->len);
    b->len = 0;
}

static bool option_true(LyExpr e, const char *name) {
    for (size_t i = 2; i <= ly_nlen(e); i++) {
        LyExpr o = ly_narg(e, i);
        if ((ly_head_is(o, LY_SYM(Rule)) || ly_head_is(o, LY_SYM(RuleDelayed))) && ly_nlen(o) == 2
            && ly_is_symbol(ly_narg(o, 1), name))
            return ly_narg(o, 2) == LY_SYM(True);
    }
    return false;
}

/* ---- definitions ------------------------------------------------------------------------ */

/* The text of Definition[sym] (the printer writes it: attributes, values,
 * rules, options, messages), or false when sym has none. */
static bool definition_text(LyVM *vm, LyExpr sym, LyBuf *b) {
    LyExpr d = ly_applyf(vm, "Definition", 1, &sym);
    if (!d) { b->oom = true; return false; }
    ly_buf_expr(b, d, LY_FORM_OUTPUT);
    ly_unref(vm, d);
    return !b->oom && b->len && strcmp(b->p, "Null") != 0;
}

/* ---- Information ---------------------------------------------------------------------- */

/* ?f: the usage; for a symbol without one, its context and definitions.
 * ??f: the usage, then the definitions (attributes first). */
static LyExpr info_symbol(LyVM *vm, LyExpr sym, bool longform) {
    const char *name = ly_symbol_name(sym);
    const char *usage = ly_usage(vm, name);
    bool system = (ly_sym(sym)->flags & LY_SYMF_SYSTEM) != 0;
    LyExpr umsg = NULL;
    if (!usage) {
        /* f::usage = "..." made in this session */
        LyExpr args[2] = { sym, ly_cstring(vm, "usage") };
        LyExpr mn = args[1] ? ly_applyf(vm, "MessageName", 2, args) : NULL;
        ly_unref(vm, args[1]);
        umsg = mn ? ly_evaluate(vm, mn) : NULL;
        ly_unref(vm, mn);
        if (ly_is_string(umsg)) usage = ly_get_string(umsg, NULL);
    }
    if (usage) {
        put_lines(vm, usage);
        if (!longform) { ly_unref(vm, umsg); return LY_SYM(Null); }
    }
    LyBuf b;
    ly_buf_init(&b, vm);
    bool defs = definition_text(vm, sym, &b);
    if (b.oom) { ly_buf_free(&b); ly_unref(vm, umsg); return ly_raise_nomem(vm); }
    if (!usage) {
        if (!defs && !system) {
            ly_buf_free(&b);
            ly_unref(vm, umsg);
            ly_message(vm, LY_SYM(Information), "notfound", 1, sym);
            return LY_SYM(Null);
        }
        LyBuf c;
        ly_buf_init(&c, vm);
        ly_buf_printf(&c, "%s`%s", system ? "System" : "Global", name);
        put_buf(&c);
        ly_buf_free(&c);
    }
    if (defs) {
        ly_print_line(vm, "", 0);
        put_lines(vm, b.p);
    }
    ly_buf_free(&b);
    ly_unref(vm, umsg);
    return LY_SYM(Null);
}

/* Glob with '*' (any run of characters) and '@' (any run of non-uppercase
 * characters), as in Wolfram's Names. */
static bool glob(const char *p, const char *s) {
    for (; *p; p++, s++) {
        if (*p == '*' || *p == '@') {
            for (const char *t = s;; t++) {
                if (glob(p + 1, t)) return true;
                if (!*t || (*p == '@' && *t >= 'A' && *t <= 'Z')) return false;
            }
        }
        if (*s != *p) return false;
    }
    return *s == 0;
}

typedef struct Names { LyVM *vm; const char *pat; const char **v; size_t n, cap; bool oom; } Names;

static bool collect(void *ud, const char *name) {
    Names *m = ud;
    if (!glob(m->pat, name)) return true;
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 32;
        const char **v = ly_realloc(m->vm, m->v, m->cap * sizeof *v, cap * sizeof *v);
        if (!v) { m->oom = true; return false; }
        m->v = v;
        m->cap = cap;
    }
    m->v[m->n++] = name;
    return true;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static LyExpr info_pattern(LyVM *vm, const char *pat, bool longform) {
    size_t plen = strcspn(pat, "*@");
    char *prefix = ly_alloc(vm, plen + 1);
    if (!prefix) return ly_raise_nomem(vm);
    memcpy(prefix, pat, plen);
    prefix[plen] = 0;
    Names m = { vm, pat, NULL, 0, 0, false };
    ly_complete(vm, prefix, collect, &m);
    ly_dealloc(vm, prefix, plen + 1);
    if (m.oom) { ly_dealloc(vm, m.v, m.cap * sizeof *m.v); return ly_raise_nomem(vm); }
    if (m.n) qsort(m.v, m.n, sizeof *m.v, cmp_str);   /* m.v is NULL when nothing matched */
    size_t k = 0;                       /* drop duplicates */
    for (size_t i = 0; i < m.n; i++)
        if (!k || strcmp(m.v[k - 1], m.v[i])) m.v[k++] = m.v[i];
    m.n = k;
    LyExpr r = LY_SYM(Null);
    if (m.n == 0) {
        LyExpr s = ly_cstring(vm, pat);
        if (s) ly_message(vm, LY_SYM(Information), "nomatch", 1, s);
        ly_unref(vm, s);
    } else if (m.n == 1) {
        r = info_symbol(vm, ly_symbol(vm, m.v[0]), longform);
    } else {                            /* names in columns, 78 wide */
        size_t w = 0;
        for (size_t i = 0; i < m.n; i++) if (strlen(m.v[i]) > w) w = strlen(m.v[i]);
        w += 2;
        size_t cols = w < 78 ? 78 / w : 1, rows = (m.n + cols - 1) / cols;
        LyBuf b;
        ly_buf_init(&b, vm);
        for (size_t row = 0; row < rows; row++) {
            for (size_t c = 0; c < cols; c++) {
                size_t i = c * rows + row;
                if (i >= m.n) break;
                bool last = c + 1 == cols || i + rows >= m.n;
                if (last) ly_buf_puts(&b, m.v[i]);
                else ly_buf_printf(&b, "%-*s", (int)w, m.v[i]);
            }
            put_buf(&b);
        }
        ly_buf_free(&b);
    }
    ly_dealloc(vm, m.v, m.cap * sizeof *m.v);
    return r;
}

static LyExpr b_information(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) < 1) return NULL;
    LyExpr a = ly_narg(e, 1);
    bool longform = option_true(e, "LongForm");
    if (ly_is_sym(a)) return info_symbol(vm, a, longform);
    if (ly_is_string(a)) {
        const char *s = ly_get_string(a, NULL);
        if (strpbrk(s, "*@")) return info_pattern(vm, s, longform);
        LyExpr sym = ly_symbol(vm, s);
        return sym ? info_symbol(vm, sym, longform) : ly_raise_nomem(vm);
    }
    ly_message(vm, LY_SYM(Information), "ssym", 1, a);
    return NULL;
}

/* ---- symbol names ---------------------------------------------------------------------- */

/* SymbolName[x]: "x"; Context[x]: "Global`", "System`" or the context in
 * its name; Context[] is $Context. */
static LyExpr b_symbolname(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 1) return NULL;
    LyExpr s = ly_narg(e, 1);
    if (!ly_is_sym(s)) { ly_message(vm, LY_SYM(General), "sym", 2, s, ly_mksmall(1)); return NULL; }
    const char *name = ly_symbol_name(s), *tick = strrchr(name, '`');
    return ly_cstring(vm, tick ? tick + 1 : name);
}

static LyExpr b_context(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) == 0) {
        LyExpr c = ly_own_value(vm, LY_SYM(DContext));
        if (c && ly_is_string(c)) { ly_ref(c); return c; }
        return ly_cstring(vm, "Global`");
    }
    if (ly_nlen(e) != 1) return NULL;
    LyExpr s = ly_narg(e, 1);
    if (ly_is_string(s)) s = ly_symbol(vm, ly_get_string(s, NULL));
    if (!ly_is_sym(s)) { ly_message(vm, LY_SYM(General), "ssym", 1, ly_narg(e, 1)); return NULL; }
    const char *name = ly_symbol_name(s), *tick = strrchr(name, '`');
    if (tick) return ly_mkstring(vm, name, (size_t)(tick - name) + 1);
    bool system = (ly_sym(s)->flags & LY_SYMF_SYSTEM) || ly_usage(vm, name);
    return ly_cstring(vm, system ? "System`" : "Global`");
}

/* ---- Quit / Exit ---------------------------------------------------------------------- */

static LyExpr b_quit(LyVM *vm, LyExpr e) {
    int64_t code = 0;
    if (ly_nlen(e) > 1) return NULL;
    if (ly_nlen(e) == 1 && !ly_get_int64(ly_narg(e, 1), &code)) {
        ly_message(vm, ly_nhead(e), "intm", 1, e);
        return NULL;
    }
    /* an exit to the host, which decides (the lyra command ends the process) */
    return ly_raise(vm, LY_EXIT_QUIT, ly_int(vm, code));
}

static const LyBuiltin info_builtins[] = {
    { "Information", b_information, "HoldAll Protected",
      "Information[symbol] prints information about a symbol (what ?symbol shows).\n"
      "Information[symbol, LongForm -> True] also prints its attributes and definitions (??symbol).\n"
      "Information[\"pattern\"] lists the names matching a pattern with * and @ wildcards." },
    { "SymbolName", b_symbolname, "Protected",
      "SymbolName[symbol] gives the name of the specified symbol." },
    { "Context", b_context, "HoldFirst Protected",
      "Context[symbol] gives the name of the context of a symbol.\nContext[] gives the current context." },
    { "Quit", b_quit, "Protected",
      "Quit[] terminates the Lyra session. Quit[n] exits with status n." },
    { "Exit", b_quit, "Protected",
      "Exit[] terminates the Lyra session. Exit[n] exits with status n." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_info(LyVM *vm);
LyStatus lys_open_info(LyVM *vm) {
    ly_set_message(vm, "Information", "notfound", "Symbol `1` not found.");
    ly_set_message(vm, "Information", "nomatch", "No symbol matching `1` found.");
    ly_set_message(vm, "Information", "ssym", "`1` is not a symbol or a string.");
    ly_set_message(vm, "Quit", "intm", "Machine-sized integer expected at position 1 in `1`.");
    ly_set_message(vm, "Exit", "intm", "Machine-sized integer expected at position 1 in `1`.");
    LyStatus st = ly_register_table(vm, info_builtins);
    if (st == LY_OK) {
        LyExpr c = ly_cstring(vm, "Global`");
        if (c) ly_set_own_value(vm, ly_symbol(vm, "$Context"), c);   /* steals c */
    }
    return st;
}
