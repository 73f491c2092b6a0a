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
 * Definitions: own values come from ly_own_value(); down, up and sub values
 * are asked of DownValues[...] etc. by evaluation, so they appear once those
 * builtins exist and are silently skipped before.
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

/* ---- attributes ------------------------------------------------------------------------ */

static const struct { uint32_t bit; const char *name; } attr_names[] = {
    /* alphabetical, as Attributes[] lists them */
    { LY_ATTR_CONSTANT, "Constant" }, { LY_ATTR_FLAT, "Flat" },
    { LY_ATTR_HOLDALL, "HoldAll" }, { LY_ATTR_HOLDALLCOMPLETE, "HoldAllComplete" },
    { LY_ATTR_HOLDFIRST, "HoldFirst" }, { LY_ATTR_HOLDREST, "HoldRest" },
    { LY_ATTR_LISTABLE, "Listable" }, { LY_ATTR_LOCKED, "Locked" },
    { LY_ATTR_NUMERICFUNCTION, "NumericFunction" }, { LY_ATTR_ONEIDENTITY, "OneIdentity" },
    { LY_ATTR_ORDERLESS, "Orderless" }, { LY_ATTR_PROTECTED, "Protected" },
    { LY_ATTR_READPROTECTED, "ReadProtected" }, { LY_ATTR_SEQUENCEHOLD, "SequenceHold" },
    { LY_ATTR_TEMPORARY, "Temporary" },
};

/* "Attributes[f] = {...}"; false when f has none. */
static bool put_attributes(LyVM *vm, LyExpr sym) {
    uint32_t a = ly_attributes(vm, sym);
    if (!a) return false;
    LyBuf b;
    ly_buf_init(&b, vm);
    ly_buf_printf(&b, "Attributes[%s] = {", ly_symbol_name(sym));
    const char *sep = "";
    for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
        if (a & attr_names[i].bit) { ly_buf_printf(&b, "%s%s", sep, attr_names[i].name); sep = ", "; }
    ly_buf_puts(&b, "}");
    put_buf(&b);
    ly_buf_free(&b);
    return true;
}

/* ---- definitions ------------------------------------------------------------------------ */

/* Rules from DownValues[sym] etc.: a new List, or NULL when the query is not
 * available (left unevaluated) or gives nothing.  NULL with ly_unwinding()
 * when an exit started. */
static LyExpr query_rules(LyVM *vm, const char *fname, LyExpr sym) {
    LyExpr q = ly_applyf(vm, fname, 1, &sym);
    if (!q) return NULL;
    LyExpr r = ly_evaluate(vm, q);
    ly_unref(vm, q);
    if (r && (!ly_head_is(r, LY_SYM(List)) || ly_nlen(r) == 0)) { ly_unref(vm, r); r = NULL; }
    return r;
}

static void put_rule(LyBuf *b, LyExpr rule) {
    if (!ly_is_normal(rule) || ly_nlen(rule) != 2) {
        ly_buf_expr(b, rule, LY_FORM_INPUT);
        return;
    }
    LyExpr lhs = ly_narg(rule, 1);
    if (ly_head_is(lhs, LY_SYM(HoldPattern)) && ly_nlen(lhs) == 1) lhs = ly_narg(lhs, 1);
    ly_buf_expr(b, lhs, LY_FORM_INPUT);
    ly_buf_puts(b, ly_head_is(rule, LY_SYM(RuleDelayed)) ? " := " : " = ");
    ly_buf_expr(b, ly_narg(rule, 2), LY_FORM_INPUT);
}

/* Prints the definitions of sym, each preceded by a blank line.  Returns
 * how many it printed, or -1 when an exit started. */
static int put_definitions(LyVM *vm, LyExpr sym) {
    static const char *const queries[] = { "DownValues", "UpValues", "SubValues" };
    int count = 0;
    LyBuf b;
    ly_buf_init(&b, vm);
    LyExpr own = ly_own_value(vm, sym);
    if (own) {
        ly_print_line(vm, "", 0);
        ly_buf_printf(&b, "%s = ", ly_symbol_name(sym));
        ly_buf_expr(&b, own, LY_FORM_INPUT);
        put_buf(&b);
        count++;
    }
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
        LyExpr rules = query_rules(vm, queries[q], sym);
        if (!rules) {
            if (ly_unwinding(vm)) { ly_buf_free(&b); return -1; }
            continue;
        }
        for (size_t i = 1; i <= ly_nlen(rules); i++) {
            ly_print_line(vm, "", 0);
            put_rule(&b, ly_narg(rules, i));
            put_buf(&b);
            count++;
        }
        ly_unref(vm, rules);
    }
    ly_buf_free(&b);
    return count;
}

/* ---- Information ---------------------------------------------------------------------- */

static LyExpr info_symbol(LyVM *vm, LyExpr sym, bool longform) {
    const char *name = ly_symbol_name(sym);
    const char *usage = ly_usage(vm, name);
    bool system = (ly_sym(sym)->flags & LY_SYMF_SYSTEM) != 0;
    if (usage) {
        put_lines(vm, usage);
        if (!longform) return LY_SYM(Null);
        if (ly_attributes(vm, sym)) { ly_print_line(vm, "", 0); put_attributes(vm, sym); }
        return put_definitions(vm, sym) < 0 ? NULL : LY_SYM(Null);
    }
    /* No usage: say where the symbol lives and what it means. */
    uint32_t attrs = ly_attributes(vm, sym);
    bool has_defs = ly_own_value(vm, sym) != NULL;
    if (!has_defs && !attrs && !system) {
        /* Maybe rules only: look before printing anything. */
        static const char *const queries[] = { "DownValues", "UpValues", "SubValues" };
        for (size_t q = 0; q < 3 && !has_defs; q++) {
            LyExpr rules = query_rules(vm, queries[q], sym);
            if (rules) { has_defs = true; ly_unref(vm, rules); }
            else if (ly_unwinding(vm)) return NULL;
        }
        if (!has_defs) {
            ly_message(vm, LY_SYM(Information), "notfound", 1, sym);
            return LY_SYM(Null);
        }
    }
    LyBuf b;
    ly_buf_init(&b, vm);
    ly_buf_printf(&b, "%s`%s", system ? "System" : "Global", name);
    put_buf(&b);
    ly_buf_free(&b);
    if (attrs) { ly_print_line(vm, "", 0); put_attributes(vm, sym); }
    return put_definitions(vm, sym) < 0 ? NULL : LY_SYM(Null);
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
    return ly_register_table(vm, info_builtins);
}
