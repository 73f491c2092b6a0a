/*
 * json.c — JSON for Import/Export/ImportString/ExportString (io.c).
 * Parsing uses jansson; writing is ours, because Wolfram's layout (tab
 * indentation, "key":value with no space) is not one jansson produces.
 *
 *   JSON      objects <-> lists of rules ("JSON"), associations ("RawJSON")
 *   arrays    <-> List;  strings <-> String;  integers <-> Integer
 *   reals     <-> Real;  true/false <-> True/False;  null <-> Null
 * Integers beyond 64 bits arrive from jansson as reals (it has no bignums).
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "lys_data.h"
#include "lys_io.h"

/* ---- parsing ---------------------------------------------------------------------------------------------- */

/* Depth-first conversion; jansson's decoder already bounds nesting depth
 * (JSON_PARSER_MAX_DEPTH), so the recursion is bounded too. */
static LyExpr from_json(LyVM *vm, json_t *j, bool raw) {
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        size_t n = json_object_size(j), k = 0;
        LyExpr l = ly_mknormal(vm, LY_SYM(List), n);
        if (!l) return NULL;
        const char *key;
        json_t *v;
        json_object_foreach(j, key, v) {
            LyExpr x = from_json(vm, v, raw);
            LyExpr r = x ? ly_mk(vm, LY_SYM(Rule), 2, ly_cstring(vm, key), x) : NULL;
            if (!r) { lys_abandon(vm, l, k + 1); return NULL; }
            ly_nset(l, ++k, r);
        }
        if (!raw) return l;
        LyExpr a = ly_mkassoc(vm, n, ly_nargs(l));
        ly_unref(vm, l);
        return a ? a : ly_raise_nomem(vm);
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(j);
        LyExpr l = ly_mknormal(vm, LY_SYM(List), n);
        for (size_t i = 0; l && i < n; i++) {
            LyExpr x = from_json(vm, json_array_get(j, i), raw);
            if (!x) { lys_abandon(vm, l, i + 1); return NULL; }
            ly_nset(l, i + 1, x);
        }
        return l;
    }
    case JSON_STRING: return ly_mkstring(vm, json_string_value(j), json_string_length(j));
    case JSON_INTEGER: return ly_int(vm, (int64_t)json_integer_value(j));
    case JSON_REAL: return ly_mkreal(vm, json_real_value(j));
    case JSON_TRUE: return LY_SYM(True);
    case JSON_FALSE: return LY_SYM(False);
    default: return LY_SYM(Null);
    }
}

LyExpr lys_json_parse(LyVM *vm, LyExpr e, const char *text, size_t len, bool raw) {
    json_error_t err;
    json_t *j = json_loadb(text, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
    if (!j) {
        LyExpr msg = ly_cstring(vm, err.text);
        if (msg) ly_message(vm, ly_nhead(e), "jsonerr", 3, msg, ly_int(vm, err.line), ly_int(vm, err.column));
        ly_unref(vm, msg);
        return NULL;
    }
    LyExpr r = from_json(vm, j, raw);
    json_decref(j);
    if (!r && !ly_unwinding(vm)) ly_raise_nomem(vm);
    return r;
}

/* ---- writing -------------------------------------------------------------------------------------------------- */

static void put_jstring(LyBuf *b, const char *s, size_t len) {
    ly_buf_puts(b, "\"");
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': ly_buf_puts(b, "\\\""); break;
        case '\\': ly_buf_puts(b, "\\\\"); break;
        case '\n': ly_buf_puts(b, "\\n"); break;
        case '\r': ly_buf_puts(b, "\\r"); break;
        case '\t': ly_buf_puts(b, "\\t"); break;
        case '\b': ly_buf_puts(b, "\\b"); break;
        case '\f': ly_buf_puts(b, "\\f"); break;
        default:
            if (c < 0x20) ly_buf_printf(b, "\\u%04x", c);
            else ly_buf_put(b, s + i, 1);
        }
    }
    ly_buf_puts(b, "\"");
}

static void indent(LyBuf *b, int depth, bool compact) {
    if (compact) return;
    ly_buf_puts(b, "\n");
    for (int i = 0; i < depth; i++) ly_buf_puts(b, "\t");
}

static bool is_rule(LyExpr r) {
    return (ly_head_is(r, LY_SYM(Rule)) || ly_head_is(r, LY_SYM(RuleDelayed))) && ly_nlen(r) == 2;
}

static bool rule_list(LyExpr x) {
    if (!ly_head_is(x, LY_SYM(List)) || ly_nlen(x) == 0) return false;
    for (size_t i = 1; i <= ly_nlen(x); i++) if (!is_rule(ly_narg(x, i))) return false;
    return true;
}

static bool to_json(LyVM *vm, LyExpr e, LyBuf *b, LyExpr x, int depth, bool compact);

static bool put_key(LyVM *vm, LyExpr e, LyBuf *b, LyExpr k) {
    if (ly_is_string(k)) { put_jstring(b, ly_str(k)->s, ly_str(k)->len); return true; }
    LyBuf t;
    ly_buf_init(&t, vm);
    ly_buf_expr(&t, k, LY_FORM_OUTPUT);
    put_jstring(b, t.p ? t.p : "", t.len);
    ly_buf_free(&t);
    return true;
}

static bool put_object(LyVM *vm, LyExpr e, LyBuf *b, size_t n, const LyExpr *rules, int depth, bool compact) {
    ly_buf_puts(b, "{");
    for (size_t i = 0; i < n; i++) {
        if (i) ly_buf_puts(b, ",");
        indent(b, depth + 1, compact);
        put_key(vm, e, b, ly_narg(rules[i], 1));
        ly_buf_puts(b, ":");
        if (!to_json(vm, e, b, ly_narg(rules[i], 2), depth + 1, compact)) return false;
    }
    if (n) indent(b, depth, compact);
    ly_buf_puts(b, "}");
    return true;
}

static bool to_json(LyVM *vm, LyExpr e, LyBuf *b, LyExpr x, int depth, bool compact) {
    if (depth > 512) return false;
    if (ly_is_string(x)) { put_jstring(b, ly_str(x)->s, ly_str(x)->len); return true; }
    if (x == LY_SYM(True)) { ly_buf_puts(b, "true"); return true; }
    if (x == LY_SYM(False)) { ly_buf_puts(b, "false"); return true; }
    if (x == LY_SYM(Null)) { ly_buf_puts(b, "null"); return true; }
    if (ly_is_integer(x)) { ly_buf_expr(b, x, LY_FORM_INPUT); return true; }
    if (ly_is_real(x) || ly_type(x) == LY_TRAT) {
        double d = ly_num_to_double(x);
        if (!isfinite(d)) return false;
        char tmp[40];
        snprintf(tmp, sizeof tmp, "%.17g", d);
        /* the shortest text that reads back the same */
        for (int p = 1; p <= 17; p++) {
            char t2[40];
            snprintf(t2, sizeof t2, "%.*g", p, d);
            if (strtod(t2, NULL) == d) { memcpy(tmp, t2, sizeof t2); break; }
        }
        ly_buf_puts(b, tmp);
        if (!strpbrk(tmp, ".eEn")) ly_buf_puts(b, ".0");
        return true;
    }
    if (ly_type(x) == LY_TASSOC)
        return put_object(vm, e, b, ly_assoc(x)->len, ly_assoc(x)->rules, depth, compact);
    if (ly_is_packed(x)) {
        LyExpr u = ly_unpack(vm, x);
        bool ok = u && to_json(vm, e, b, u, depth, compact);
        ly_unref(vm, u);
        return ok;
    }
    if (rule_list(x)) return put_object(vm, e, b, ly_nlen(x), ly_nargs(x), depth, compact);
    if (ly_head_is(x, LY_SYM(List))) {
        ly_buf_puts(b, "[");
        for (size_t i = 1; i <= ly_nlen(x); i++) {
            if (i > 1) ly_buf_puts(b, ",");
            indent(b, depth + 1, compact);
            if (!to_json(vm, e, b, ly_narg(x, i), depth + 1, compact)) return false;
        }
        if (ly_nlen(x)) indent(b, depth, compact);
        ly_buf_puts(b, "]");
        return true;
    }
    ly_message(vm, ly_nhead(e), "jsonexpr", 1, x);
    return false;
}

bool lys_json_write(LyVM *vm, LyExpr e, LyBuf *b, LyExpr x, bool compact) {
    size_t mark = b->len;
    if (to_json(vm, e, b, x, 0, compact)) return true;
    b->len = mark;
    return false;
}

LyStatus lys_open_json(LyVM *vm);
LyStatus lys_open_json(LyVM *vm) {
    ly_set_message(vm, "General", "jsonerr", "Invalid JSON: `1` (line `2`, column `3`).");
    ly_set_message(vm, "General", "jsonexpr", "`1` cannot be represented in JSON.");
    return LY_OK;
}
