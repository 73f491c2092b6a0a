/*
 * io.c — printing and reading/writing files: Print, Echo, StringForm, Get,
 * Put, PutAppend, OpenRead, OpenWrite, OpenAppend, Close, Streams,
 * WriteString, Write, WriteLine, ReadString, ReadList, ReadLine, Import,
 * Export, ImportString, ExportString.  Written against lyra.h + lyra_ext.h.
 *
 * Streams are InputStream["name", n] / OutputStream["name", n] expressions,
 * as in Wolfram.  The open FILEs are foreign objects kept in a registry —
 * the own value of $LyraStreams, a List of {stream, handle} — so they
 * belong to the VM and are closed by their finalizer when the VM goes.
 * WriteString["file", ...] opens "file" the first time and leaves it open,
 * so consecutive calls append, as Wolfram's do; Close["file"] closes it.
 *
 * Everything that reads files reads them piecewise (ReadList, Import of
 * lines and CSV) or in one allocation of the file's size (ReadString,
 * Import of text), and every path closes what it opened.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "lys_data.h"
#include "lys_io.h"

/* ---- Print, Echo, StringForm ------------------------------------------------------------------------ */

bool lys_stringform(LyBuf *b, LyExpr sf) {
    if (!ly_head_is(sf, LY_SYM(StringForm)) || ly_nlen(sf) < 1 || !ly_is_string(ly_narg(sf, 1))) return false;
    const LyString *f = ly_str(ly_narg(sf, 1));
    size_t next = 1, nargs = ly_nlen(sf) - 1;
    for (size_t i = 0; i < f->len; i++) {
        if (f->s[i] != '`') { ly_buf_put(b, f->s + i, 1); continue; }
        size_t j = i + 1, k = 0;
        bool digits = false;
        while (j < f->len && f->s[j] >= '0' && f->s[j] <= '9') { k = k * 10 + (size_t)(f->s[j] - '0'); j++; digits = true; }
        if (j >= f->len || f->s[j] != '`') { ly_buf_put(b, f->s + i, 1); continue; }
        if (!digits) k = next;
        next = k + 1;
        if (k >= 1 && k <= nargs) lys_put_output(b, ly_narg(sf, k + 1));
        i = j;
    }
    return true;
}

void lys_put_output(LyBuf *b, LyExpr x) {
    if (!lys_stringform(b, x)) ly_buf_expr(b, x, LY_FORM_OUTPUT);
}

static LyExpr b_print(LyVM *vm, LyExpr e) {
    LyBuf b;
    ly_buf_init(&b, vm);
    for (size_t i = 1; i <= ly_nlen(e); i++) lys_put_output(&b, ly_narg(e, i));
    if (b.oom) { ly_buf_free(&b); return ly_raise_nomem(vm); }     /* not a silent loss */
    ly_print_line(vm, b.p ? b.p : "", b.len);
    ly_buf_free(&b);
    return LY_SYM(Null);
}

static LyExpr b_echo(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) < 1) return NULL;
    LyBuf b;
    ly_buf_init(&b, vm);
    ly_buf_puts(&b, ">> ");
    if (ly_nlen(e) >= 2) { lys_put_output(&b, ly_narg(e, 2)); ly_buf_puts(&b, " "); }
    if (ly_nlen(e) >= 3) {
        /* Echo[expr, label, f] prints f[expr] and returns expr */
        LyExpr x = ly_narg(e, 1);
        LyExpr call = ly_apply(vm, ly_narg(e, 3), 1, &x);
        LyExpr shown = call ? ly_evaluate(vm, call) : NULL;
        ly_unref(vm, call);
        if (!shown) { ly_buf_free(&b); return NULL; }
        lys_put_output(&b, shown);
        ly_unref(vm, shown);
    } else {
        lys_put_output(&b, ly_narg(e, 1));
    }
    if (b.oom) { ly_buf_free(&b); return ly_raise_nomem(vm); }
    ly_print_line(vm, b.p, b.len);
    ly_buf_free(&b);
    ly_incref(vm, ly_narg(e, 1));
    return ly_narg(e, 1);
}

/* ---- streams ------------------------------------------------------------------------------------------ */

typedef struct Stream { FILE *f; } Stream;

static void stream_finalize(LyVM *vm, void *data) {
    Stream *s = data;
    if (s->f) fclose(s->f);
    ly_dealloc(vm, s, sizeof *s);
}

static const LyForeignType stream_type = { "Stream", stream_finalize, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true, NULL };

static LyExpr registry_sym(LyVM *vm) { return ly_symbol(vm, "$LyraStreams"); }

static bool is_stream(LyExpr x) {
    return (ly_is_normal(x) && ly_nlen(x) == 2 && ly_is_string(ly_narg(x, 1)) && ly_is_small(ly_narg(x, 2)) &&
            (ly_is_symbol(ly_nhead(x), "InputStream") || ly_is_symbol(ly_nhead(x), "OutputStream")));
}

/* The registry entry {stream, handle} for a stream expression or (output
 * only) a file name; index in *at.  NULL when none. */
static LyExpr find_stream(LyVM *vm, LyExpr x, bool output, size_t *at) {
    LyExpr reg = ly_own_value(vm, registry_sym(vm));
    if (!reg || !ly_head_is(reg, LY_SYM(List))) return NULL;
    for (size_t i = 1; i <= ly_nlen(reg); i++) {
        LyExpr ent = ly_narg(reg, i), st = ly_narg(ent, 1);
        bool hit = is_stream(x) ? ly_equal(st, x)
                 : (ly_is_string(x) && ly_is_symbol(ly_nhead(st), "OutputStream") == output &&
                    ly_equal(ly_narg(st, 1), x));
        if (hit) { if (at) *at = i; return ent; }
    }
    return NULL;
}

static FILE *stream_file(LyExpr ent) { return ((Stream *)ly_foreign(ly_narg(ent, 2))->data)->f; }

static int64_t next_stream_id(LyVM *vm) {
    LyExpr reg = ly_own_value(vm, registry_sym(vm));
    int64_t id = 3;
    if (reg && ly_head_is(reg, LY_SYM(List)))
        for (size_t i = 1; i <= ly_nlen(reg); i++) {
            int64_t k = ly_small(ly_narg(ly_narg(ly_narg(reg, i), 1), 2));
            if (k >= id) id = k + 1;
        }
    return id;
}

/* Opens path in mode and registers it: a new stream expression, or $Failed
 * with a noopen message. */
static LyExpr open_stream(LyVM *vm, LyExpr e, const char *path, LyExpr name, const char *mode) {
    FILE *f = fopen(path, mode);
    if (!f) return lys_failed_msg(vm, e, "noopen", path);
    Stream *s = ly_alloc(vm, sizeof *s);
    if (!s) { fclose(f); return ly_raise_nomem(vm); }
    s->f = f;
    LyExpr h = ly_mkforeign(vm, &stream_type, s);
    if (!h) { fclose(f); ly_dealloc(vm, s, sizeof *s); return ly_raise_nomem(vm); }
    LyExpr st = ly_mk(vm, ly_symbol(vm, mode[0] == 'r' ? "InputStream" : "OutputStream"), 2,
                      (ly_ref(name), name), ly_int(vm, next_stream_id(vm)));
    LyExpr ent = st ? ly_mk(vm, LY_SYM(List), 2, (ly_ref(st), st), h) : (ly_unref(vm, h), NULL);
    LyExpr reg = ly_own_value(vm, registry_sym(vm));
    size_t n = reg ? ly_nlen(reg) : 0;
    LyExpr nreg = ent ? ly_mknormal(vm, LY_SYM(List), n + 1) : NULL;
    if (!nreg) { ly_unref(vm, ent); ly_unref(vm, st); return ly_raise_nomem(vm); }
    for (size_t i = 1; i <= n; i++) { ly_ref(ly_narg(reg, i)); ly_nset(nreg, i, ly_narg(reg, i)); }
    ly_nset(nreg, n + 1, ent);
    ly_set_own_value(vm, registry_sym(vm), nreg);
    return st;
}

static void close_entry(LyVM *vm, size_t at) {
    LyExpr reg = ly_own_value(vm, registry_sym(vm));
    Stream *s = ly_foreign(ly_narg(ly_narg(reg, at), 2))->data;
    if (s->f) { fclose(s->f); s->f = NULL; }
    LyExpr nreg = ly_mknormal(vm, LY_SYM(List), ly_nlen(reg) - 1);
    if (!nreg) return;
    for (size_t i = 1, k = 1; i <= ly_nlen(reg); i++)
        if (i != at) { ly_ref(ly_narg(reg, i)); ly_nset(nreg, k++, ly_narg(reg, i)); }
    ly_set_own_value(vm, registry_sym(vm), nreg);
}

static LyExpr open_fn(LyVM *vm, LyExpr e, const char *mode) {
    const char *p;
    if (!lys_argc(vm, e, 1, SIZE_MAX) || !lys_file_arg(vm, e, 1, &p)) return NULL;
    return open_stream(vm, e, p, ly_narg(e, 1), mode);
}

static LyExpr b_openread(LyVM *vm, LyExpr e) { return open_fn(vm, e, "rb"); }
static LyExpr b_openwrite(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) == 0) {                  /* a fresh temporary file */
        LyExpr t = ly_own_value(vm, ly_symbol(vm, "$TemporaryDirectory"));
        char path[4096];
        snprintf(path, sizeof path, "%s/lyra-XXXXXX", t && ly_is_string(t) ? ly_str(t)->s : "/tmp");
        int fd = mkstemp(path);
        if (fd < 0) return LY_SYM(DFailed);
        close(fd);
        LyExpr name = ly_cstring(vm, path);
        if (!name) return ly_raise_nomem(vm);
        LyExpr r = open_stream(vm, e, path, name, "wb");
        ly_unref(vm, name);
        return r;
    }
    return open_fn(vm, e, "wb");
}
static LyExpr b_openappend(LyVM *vm, LyExpr e) { return open_fn(vm, e, "ab"); }

static LyExpr b_close(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    size_t at;
    LyExpr ent = find_stream(vm, x, true, &at);
    if (!ent && ly_is_string(x)) ent = find_stream(vm, x, false, &at);
    if (!ent) {
        ly_message(vm, ly_nhead(e), "openx", 1, x);
        return NULL;
    }
    LyExpr name = ly_narg(ly_narg(ent, 1), 1);
    ly_ref(name);
    close_entry(vm, at);
    return name;
}

static LyExpr b_streams(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 1)) return NULL;
    LyExpr reg = ly_own_value(vm, registry_sym(vm));
    size_t n = reg ? ly_nlen(reg) : 0, k = 0;
    LyExpr l = ly_mknormal(vm, LY_SYM(List), n);
    if (!l) return NULL;
    for (size_t i = 1; i <= n; i++) {
        LyExpr st = ly_narg(ly_narg(reg, i), 1);
        if (ly_nlen(e) == 1 && !(ly_is_string(ly_narg(e, 1)) && ly_equal(ly_narg(st, 1), ly_narg(e, 1)))) continue;
        ly_ref(st);
        ly_nset(l, ++k, st);
    }
    LyExpr r = ly_list(vm, k, ly_nargs(l));
    lys_abandon(vm, l, k + 1);
    return r;
}

/* The FILE to write for argument 1 of e: an open output stream, or a file
 * name opened (and registered) on first use.  NULL with a message. */
static FILE *output_of(LyVM *vm, LyExpr e) {
    LyExpr x = ly_narg(e, 1);
    LyExpr ent = find_stream(vm, x, true, NULL);
    if (ent) return stream_file(ent);
    if (is_stream(x)) { ly_message(vm, ly_nhead(e), "openx", 1, x); return NULL; }
    const char *p;
    if (!lys_file_arg(vm, e, 1, &p)) return NULL;
    LyExpr st = open_stream(vm, e, p, x, "wb");
    if (!st || st == LY_SYM(DFailed)) return NULL;
    ly_unref(vm, st);
    ent = find_stream(vm, x, true, NULL);
    return ent ? stream_file(ent) : NULL;
}

static LyExpr write_fn(LyVM *vm, LyExpr e, int kind) {
    if (!lys_argc(vm, e, 1, SIZE_MAX)) return NULL;
    FILE *f = output_of(vm, e);
    if (!f) return ly_unwinding(vm) ? NULL : LY_SYM(DFailed);
    LyBuf b;
    ly_buf_init(&b, vm);
    for (size_t i = 2; i <= ly_nlen(e); i++) {
        LyExpr x = ly_narg(e, i);
        if (kind == 1) ly_buf_expr(&b, x, LY_FORM_INPUT);
        else if (ly_is_string(x)) ly_buf_put(&b, ly_str(x)->s, ly_str(x)->len);
        else lys_put_output(&b, x);
    }
    if (kind >= 1) ly_buf_puts(&b, "\n");
    bool ok = !b.oom && (b.len == 0 || fwrite(b.p, 1, b.len, f) == b.len);
    ly_buf_free(&b);
    fflush(f);
    if (!ok) return b.oom ? ly_raise_nomem(vm) : LY_SYM(DFailed);
    return LY_SYM(Null);
}

static LyExpr b_writestring(LyVM *vm, LyExpr e) { return write_fn(vm, e, 0); }
static LyExpr b_write(LyVM *vm, LyExpr e) { return write_fn(vm, e, 1); }
static LyExpr b_writeline(LyVM *vm, LyExpr e) { return write_fn(vm, e, 2); }

/* ---- reading ------------------------------------------------------------------------------------------------ */

/* The FILE to read for argument 1: an open input stream (*owned false) or
 * a file opened now (*owned true).  NULL with a message. */
static FILE *input_of(LyVM *vm, LyExpr e, bool *owned) {
    LyExpr x = ly_narg(e, 1);
    *owned = false;
    if (is_stream(x)) {
        LyExpr ent = find_stream(vm, x, false, NULL);
        if (ent && ly_is_symbol(ly_nhead(ly_narg(ent, 1)), "InputStream")) return stream_file(ent);
        ly_message(vm, ly_nhead(e), "openx", 1, x);
        return NULL;
    }
    const char *p;
    if (!lys_file_arg(vm, e, 1, &p)) return NULL;
    LyExpr ent = find_stream(vm, x, false, NULL);
    if (ent && ly_is_symbol(ly_nhead(ly_narg(ent, 1)), "InputStream")) return stream_file(ent);
    FILE *f = fopen(p, "rb");
    if (!f) { lys_failed_msg(vm, e, "noopen", p); return NULL; }
    *owned = true;
    return f;
}

/* Reads the rest of f into a new string; NULL on an exit. */
static LyExpr slurp(LyVM *vm, FILE *f, bool strip_newline) {
    LyBuf b;
    ly_buf_init(&b, vm);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && !b.oom) ly_buf_put(&b, chunk, n);
    if (b.oom) { ly_buf_free(&b); return ly_raise_nomem(vm); }
    size_t len = b.len;
    if (strip_newline && len > 0 && b.p[len - 1] == '\n') len--;
    LyExpr r = ly_mkstring(vm, b.p ? b.p : "", len);
    ly_buf_free(&b);
    return r;
}

static LyExpr b_readstring(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    bool owned;
    FILE *f = input_of(vm, e, &owned);
    if (!f) return ly_unwinding(vm) ? NULL : LY_SYM(DFailed);
    if (!owned && feof(f)) return LY_SYM(EndOfStream);
    LyExpr r = slurp(vm, f, false);
    if (owned) fclose(f);
    return r;
}

/* One line without its newline; NULL at end of file (*eof) or on OOM. */
static LyExpr read_line(LyVM *vm, FILE *f, bool *eof) {
    LyBuf b;
    ly_buf_init(&b, vm);
    int c;
    *eof = false;
    while ((c = getc(f)) != EOF && c != '\n') { char ch = (char)c; ly_buf_put(&b, &ch, 1); }
    if (c == EOF && b.len == 0) { ly_buf_free(&b); *eof = true; return NULL; }
    if (b.len > 0 && b.p[b.len - 1] == '\r') b.len--;
    LyExpr r = b.oom ? ly_raise_nomem(vm) : ly_mkstring(vm, b.p ? b.p : "", b.len);
    ly_buf_free(&b);
    return r;
}

static LyExpr b_readline(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    bool owned, eof;
    FILE *f = input_of(vm, e, &owned);
    if (!f) return ly_unwinding(vm) ? NULL : LY_SYM(DFailed);
    LyExpr r = read_line(vm, f, &eof);
    if (owned) fclose(f);
    return eof ? LY_SYM(EndOfStream) : r;
}

/* ---- Input, InputString: a line from standard input ---------------------------------------------------------- */

/* Shows the prompt (OutputForm, no newline), then reads a line of standard
 * input: a new string, EndOfFile at the end of input, NULL when Ctrl-C
 * (or another abort) arrives while it waits.  Reads fd 0 a byte at a time
 * (no FILE buffer takes more than the line from a REPL's terminal), and
 * polls it with a timeout so that an abort is seen even when the signal
 * went to another thread. */
static LyExpr stdin_line(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) > 2) { lys_argc(vm, e, 0, 2); return NULL; }
    if (ly_nlen(e) >= 1) {
        char *prompt = ly_tostring(vm, ly_narg(e, 1), LY_FORM_OUTPUT);
        if (!prompt) return ly_raise_nomem(vm);
        fputs(prompt, stdout);
        ly_free(vm, prompt);
    }
    fflush(stdout);
    LyBuf b;
    ly_buf_init(&b, vm);
    bool eof = false;
    for (;;) {
        struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
        int n = poll(&p, 1, 100);
        if (!ly_safe_point(vm)) { ly_buf_free(&b); return NULL; }
        if (n == 0 || (n < 0 && errno == EINTR)) continue;
        char ch;
        ssize_t k = n < 0 ? -1 : read(STDIN_FILENO, &ch, 1);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) { eof = true; break; }
        if (ch == '\n') break;
        ly_buf_put(&b, &ch, 1);
    }
    if (eof && b.len == 0) { ly_buf_free(&b); return ly_symbol(vm, "EndOfFile"); }
    if (b.len > 0 && b.p[b.len - 1] == '\r') b.len--;
    LyExpr r = b.oom ? ly_raise_nomem(vm) : ly_mkstring(vm, b.p ? b.p : "", b.len);
    ly_buf_free(&b);
    return r;
}

static LyExpr b_inputstring(LyVM *vm, LyExpr e) { return stdin_line(vm, e); }

/* Input: the line read as Lyra code and evaluated */
static LyExpr b_input(LyVM *vm, LyExpr e) {
    LyExpr line = stdin_line(vm, e);
    if (!line || !ly_is_string(line)) return line;
    LyExpr code = NULL;
    LyStatus st = ly_parse(vm, ly_str(line)->s, ly_str(line)->len, "Input", &code);
    if (st == LY_ERRSYNTAX) {
        ly_message(vm, ly_nhead(e), "sntx", 1, line);
        ly_unref(vm, line);
        return LY_SYM(DFailed);
    }
    ly_unref(vm, line);
    if (st != LY_OK) return ly_raise_nomem(vm);
    LyExpr r = ly_evaluate(vm, code);
    ly_unref(vm, code);
    return r;
}

/* Reads one item of type (Number, String, Word, Record, Character, Byte,
 * Expression) from f: new reference; NULL with *eof at end of input. */
static LyExpr read_item(LyVM *vm, LyExpr e, FILE *f, LyExpr type, bool *eof) {
    const char *t = ly_symbol_name(type);
    int c;
    *eof = false;
    if (!t) return NULL;
    if (!strcmp(t, "String") || !strcmp(t, "Record")) return read_line(vm, f, eof);
    if (!strcmp(t, "Character")) {
        c = getc(f);
        if (c == EOF) { *eof = true; return NULL; }
        char buf[4] = { (char)c };
        size_t n = 1, want = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        while (n < want && (c = getc(f)) != EOF) buf[n++] = (char)c;
        return ly_mkstring(vm, buf, n);
    }
    if (!strcmp(t, "Byte")) {
        c = getc(f);
        if (c == EOF) { *eof = true; return NULL; }
        return ly_mksmall(c);
    }
    /* Word, Number, Expression: skip white space first */
    while ((c = getc(f)) != EOF && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')) {}
    if (c == EOF) { *eof = true; return NULL; }
    LyBuf b;
    ly_buf_init(&b, vm);
    if (!strcmp(t, "Expression")) {
        /* one line, continued while the input is incomplete */
        do {
            char ch = (char)c;
            if (c == '\n' && !ly_input_incomplete(b.p ? b.p : "", b.len)) break;
            ly_buf_put(&b, &ch, 1);
        } while ((c = getc(f)) != EOF);
        LyExpr parsed = NULL;
        LyExpr r = NULL;
        if (b.oom) r = ly_raise_nomem(vm);
        else if (ly_parse(vm, b.p, b.len, "ReadList", &parsed) == LY_OK) {
            r = ly_evaluate(vm, parsed);
            ly_unref(vm, parsed);
        } else {
            ly_message(vm, ly_nhead(e), "readn", 0);
            r = LY_SYM(DFailed);
        }
        ly_buf_free(&b);
        return r;
    }
    do { char ch = (char)c; ly_buf_put(&b, &ch, 1); }
    while ((c = getc(f)) != EOF && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
           !(strcmp(t, "Number") == 0 && c == ','));
    if (b.oom) { ly_buf_free(&b); return ly_raise_nomem(vm); }
    LyExpr r;
    if (!strcmp(t, "Number")) {
        ly_buf_put(&b, "", 1);
        char *end;
        errno = 0;
        long long v = strtoll(b.p, &end, 10);
        if (*end == 0 && errno == 0) r = ly_int(vm, v);
        else {
            double d = strtod(b.p, &end);
            if (*end == 0) r = ly_mkreal(vm, d);
            else if ((end[0] == 'e' || end[0] == 'E' || !strncmp(end, "*^", 2))) {
                const char *x = end[0] == '*' ? end + 2 : end + 1;
                r = ly_mkreal(vm, strtod(b.p, NULL) * 1.0);
                (void)x;
            } else {
                LyExpr s = ly_cstring(vm, b.p);
                ly_message(vm, ly_nhead(e), "readn", 0);
                ly_unref(vm, s);
                r = LY_SYM(DFailed);
            }
        }
    } else r = ly_mkstring(vm, b.p, b.len);
    ly_buf_free(&b);
    return r;
}

static bool read_type_ok(LyExpr t) {
    static const char *const types[] = { "Number", "String", "Word", "Record", "Character", "Byte", "Expression", "Real", NULL };
    const char *n = ly_symbol_name(t);
    if (!n) return false;
    for (size_t i = 0; types[i]; i++) if (!strcmp(n, types[i])) return true;
    return false;
}

static LyExpr b_readlist(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr type = ly_nlen(e) >= 2 ? ly_narg(e, 2) : ly_symbol(vm, "Expression");
    if (type == LY_SYM(Real)) type = ly_symbol(vm, "Number");
    bool tuple = ly_head_is(type, LY_SYM(List));
    if (tuple) { for (size_t i = 1; i <= ly_nlen(type); i++) if (!read_type_ok(ly_narg(type, i))) return NULL; }
    else if (!read_type_ok(type)) return NULL;
    int64_t limit = INT64_MAX;
    if (ly_nlen(e) == 3) { if (!ly_is_small(ly_narg(e, 3)) || ly_small(ly_narg(e, 3)) < 0) return NULL; limit = ly_small(ly_narg(e, 3)); }
    bool owned, eof = false;
    FILE *f = input_of(vm, e, &owned);
    if (!f) return ly_unwinding(vm) ? NULL : LY_SYM(DFailed);
    size_t cap = 64, n = 0;
    LyExpr *v = ly_alloc(vm, cap * sizeof *v);
    LyExpr r = NULL;
    if (!v) { ly_raise_nomem(vm); goto done; }
    while ((int64_t)n < limit && !eof) {
        LyExpr item;
        if (tuple) {
            LyExpr t = ly_mknormal(vm, LY_SYM(List), ly_nlen(type));
            size_t k = 0;
            for (; t && k < ly_nlen(type); k++) {
                LyExpr x = read_item(vm, e, f, ly_narg(type, k + 1), &eof);
                if (!x) break;
                ly_nset(t, k + 1, x);
            }
            if (!t || k < ly_nlen(type)) {
                lys_abandon(vm, t, k + 1);
                if (eof && k == 0) break;
                if (eof) { item = LY_SYM(EndOfStream); (void)item; break; }
                goto done;
            }
            item = t;
        } else {
            item = read_item(vm, e, f, type, &eof);
            if (!item) { if (eof) break; goto done; }
        }
        if (n == cap) {
            LyExpr *w = ly_realloc(vm, v, cap * sizeof *v, 2 * cap * sizeof *v);
            if (!w) { ly_unref(vm, item); goto done; }
            v = w;
            cap *= 2;
        }
        v[n++] = item;
        if (!ly_safe_point(vm)) goto done;
    }
    r = ly_list(vm, n, v);
done:
    for (size_t i = 0; i < n; i++) ly_unref(vm, v[i]);
    ly_dealloc(vm, v, cap * sizeof *v);
    if (owned) fclose(f);
    return r;
}

/* ---- Get, Put, PutAppend ----------------------------------------------------------------------------------- */

/* Opens what Get["name"] names, as Wolfram's Get finds a file: the name
 * itself, then with the extensions of package files (<<name), and a
 * context name ("Pkg`Sub`") as the file Pkg/Sub.ly (.wl, .m).  *found is
 * the name that opened (malloc'd), NULL with the first failure's errno. */
static FILE *open_package(const char *name, char **found) {
    static const char *const exts[] = { ".ly", ".wl", ".m" };
    FILE *f = fopen(name, "rb");
    *found = NULL;
    if (f) { *found = strdup(name); if (!*found) { fclose(f); errno = ENOMEM; return NULL; } return f; }
    int err = errno;
    size_t n = strlen(name);
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    bool context = n > 1 && name[n - 1] == '`';
    if (!context && strchr(base, '.')) { errno = err; return NULL; }
    char *p = malloc(n + 8);
    if (!p) { errno = ENOMEM; return NULL; }
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        memcpy(p, name, n);
        size_t k = context ? n - 1 : n;
        if (context) for (size_t j = 0; j < k; j++) if (p[j] == '`') p[j] = '/';
        strcpy(p + k, exts[i]);
        if ((f = fopen(p, "rb"))) { *found = p; return f; }
    }
    free(p);
    errno = err;
    return NULL;
}

static LyExpr b_get(LyVM *vm, LyExpr e) {
    const char *p;
    if (!lys_argc(vm, e, 1, 2) || !lys_file_arg(vm, e, 1, &p)) return NULL;
    char *path;
    FILE *f = open_package(p, &path);
    if (!f) return errno == ENOMEM ? ly_raise_nomem(vm) : lys_failed_msg(vm, e, "noopen", p);
    LyExpr src = slurp(vm, f, false);
    fclose(f);
    if (!src) { free(path); return NULL; }
    const char *s = ly_str(src)->s;
    size_t len = ly_str(src)->len, skip = 0;
    if (len >= 2 && s[0] == '#' && s[1] == '!') while (skip < len && s[skip] != '\n') skip++;
    /* $InputFileName is the file's full name while it is read, then what
     * it was before (as under Block) */
    LyExpr sym = ly_symbol(vm, "$InputFileName");
    LyExpr old = ly_own_value(vm, sym);
    bool delayed = ly_own_value_delayed(vm, sym);
    if (old) ly_ref(old);
    char *abs = realpath(path, NULL);
    LyExpr name = ly_cstring(vm, abs ? abs : p);
    free(abs);
    if (!name) { free(path); ly_unref(vm, old); ly_unref(vm, src); return ly_raise_nomem(vm); }
    ly_set_own_value(vm, sym, name);
    /* statement by statement: a package's BeginPackage and Begin set the
     * contexts the statements after them are read in */
    bool syntax;
    LyExpr r = ly_evaluate_source(vm, s + skip, len - skip, path, &syntax);
    free(path);
    ly_unref(vm, src);
    ly_set_own_value_ex(vm, sym, old, delayed);
    if (syntax) {
        LyExpr m = ly_cstring(vm, ly_errmsg(vm));
        if (m) ly_message(vm, ly_nhead(e), "sntx", 1, m);
        ly_unref(vm, m);
        return LY_SYM(DFailed);
    }
    return r;
}

static LyExpr put_fn(LyVM *vm, LyExpr e, const char *mode) {
    size_t n = ly_nlen(e);
    if (n == 0) { lys_argc(vm, e, 1, SIZE_MAX); return NULL; }
    const char *p;
    if (!lys_file_arg(vm, e, n, &p)) return NULL;
    LyBuf b;
    ly_buf_init(&b, vm);
    for (size_t i = 1; i < n; i++) { ly_buf_expr(&b, ly_narg(e, i), LY_FORM_INPUT); ly_buf_puts(&b, "\n"); }
    if (b.oom) { ly_buf_free(&b); return ly_raise_nomem(vm); }
    FILE *f = fopen(p, mode);
    if (!f) { ly_buf_free(&b); return lys_failed_msg(vm, e, "noopen", p); }
    bool ok = b.len == 0 || fwrite(b.p, 1, b.len, f) == b.len;
    ok = fclose(f) == 0 && ok;
    ly_buf_free(&b);
    return ok ? LY_SYM(Null) : lys_failed_msg(vm, e, "noopen", p);
}

static LyExpr b_put(LyVM *vm, LyExpr e) { return put_fn(vm, e, "wb"); }
static LyExpr b_putappend(LyVM *vm, LyExpr e) { return put_fn(vm, e, "ab"); }

/* ---- Import / Export ------------------------------------------------------------------------------------------ */

typedef enum Fmt { FMT_NONE, FMT_TEXT, FMT_LINES, FMT_CSV, FMT_TSV, FMT_JSON, FMT_RAWJSON, FMT_STRING, FMT_WORDS, FMT_WXF, FMT_TABLE } Fmt;

static Fmt fmt_named(const char *s) {
    static const struct { const char *n; Fmt f; } t[] = {
        { "Text", FMT_TEXT }, { "Lines", FMT_LINES }, { "CSV", FMT_CSV }, { "TSV", FMT_TSV },
        { "Table", FMT_TABLE }, { "JSON", FMT_JSON }, { "RawJSON", FMT_RAWJSON }, { "String", FMT_STRING },
        { "Words", FMT_WORDS }, { "Package", FMT_STRING }, { "WXF", FMT_WXF },
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) if (!strcasecmp(s, t[i].n)) return t[i].f;
    return FMT_NONE;
}

static Fmt fmt_of_file(const char *path) {
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash)) return FMT_NONE;
    dot++;
    if (!strcasecmp(dot, "txt") || !strcasecmp(dot, "text") || !strcasecmp(dot, "log")) return FMT_TEXT;
    if (!strcasecmp(dot, "csv")) return FMT_CSV;
    if (!strcasecmp(dot, "tsv") || !strcasecmp(dot, "tab")) return FMT_TSV;
    if (!strcasecmp(dot, "json")) return FMT_JSON;
    if (!strcasecmp(dot, "wxf")) return FMT_WXF;
    if (!strcasecmp(dot, "ly") || !strcasecmp(dot, "m") || !strcasecmp(dot, "wl")) return FMT_STRING;
    return FMT_NONE;
}

/* A CSV/TSV field: integer, real or string. */
static LyExpr csv_value(LyVM *vm, const char *s, size_t n, bool quoted) {
    if (!quoted && n > 0 && n < 64) {
        char tmp[64];
        memcpy(tmp, s, n);
        tmp[n] = 0;
        size_t i = tmp[0] == '-' || tmp[0] == '+' ? 1 : 0, digits = 0, dots = 0, exps = 0;
        bool ok = i < n;
        for (size_t k = i; k < n && ok; k++) {
            if (tmp[k] >= '0' && tmp[k] <= '9') digits++;
            else if (tmp[k] == '.' && !exps) dots++;
            else if ((tmp[k] == 'e' || tmp[k] == 'E') && digits && !exps) {
                exps++;
                if (k + 1 < n && (tmp[k + 1] == '-' || tmp[k + 1] == '+')) k++;
            } else ok = false;
        }
        if (ok && digits && dots <= 1) {
            if (!dots && !exps) {
                LyExpr v = ly_int_parse(vm, tmp[0] == '+' ? tmp + 1 : tmp, 10);
                if (v) return v;
            }
            return ly_mkreal(vm, strtod(tmp, NULL));
        }
    }
    return ly_mkstring(vm, s, n);
}

/* Parses delimited text (RFC 4180 quoting) into rows; sep ' ': fields
 * separated by runs of blanks (the "Table" format). */
static LyExpr parse_table(LyVM *vm, const char *s, size_t len, char sep) {
    size_t rcap = 64, nrows = 0;
    LyExpr *rows = ly_alloc(vm, rcap * sizeof *rows);
    size_t fcap = 16, nf = 0;
    LyExpr *fields = ly_alloc(vm, fcap * sizeof *fields);
    LyBuf b;
    ly_buf_init(&b, vm);
    LyExpr r = NULL;
    if (!rows || !fields) goto done;
    size_t i = 0;
    while (i < len) {
        /* one row */
        nf = 0;
        if (sep == ' ') while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
        for (;;) {
            bool quoted = false;
            b.len = 0;
            if (i < len && s[i] == '"') {
                quoted = true;
                i++;
                while (i < len) {
                    if (s[i] == '"') {
                        if (i + 1 < len && s[i + 1] == '"') { ly_buf_put(&b, "\"", 1); i += 2; continue; }
                        i++;
                        break;
                    }
                    ly_buf_put(&b, s + i, 1);
                    i++;
                }
            }
            while (i < len && s[i] != sep && !(sep == ' ' && s[i] == '\t') && s[i] != '\n' && s[i] != '\r') {
                ly_buf_put(&b, s + i, 1);
                i++;
            }
            if (b.oom) goto done;
            LyExpr v = csv_value(vm, b.p ? b.p : "", b.len, quoted);
            if (!v) goto done;
            if (nf == fcap) {
                LyExpr *w = ly_realloc(vm, fields, fcap * sizeof *w, 2 * fcap * sizeof *w);
                if (!w) { ly_unref(vm, v); goto done; }
                fields = w;
                fcap *= 2;
            }
            fields[nf++] = v;
            if (sep == ' ') {
                size_t j = i;
                while (j < len && (s[j] == ' ' || s[j] == '\t')) j++;
                if (j > i && j < len && s[j] != '\n' && s[j] != '\r') { i = j; continue; }
                i = j;
            } else if (i < len && s[i] == sep) { i++; continue; }
            if (i < len && s[i] == '\r') i++;
            if (i < len && s[i] == '\n') i++;
            break;
        }
        LyExpr row = ly_list(vm, nf, fields);
        for (size_t k = 0; k < nf; k++) ly_unref(vm, fields[k]);
        nf = 0;
        if (!row) goto done;
        if (nrows == rcap) {
            LyExpr *w = ly_realloc(vm, rows, rcap * sizeof *w, 2 * rcap * sizeof *w);
            if (!w) { ly_unref(vm, row); goto done; }
            rows = w;
            rcap *= 2;
        }
        rows[nrows++] = row;
        if (!ly_safe_point(vm)) goto done;
    }
    r = ly_list(vm, nrows, rows);
done:
    if (!r && !ly_unwinding(vm)) ly_raise_nomem(vm);
    for (size_t k = 0; k < nf; k++) ly_unref(vm, fields[k]);
    for (size_t k = 0; k < nrows; k++) ly_unref(vm, rows[k]);
    ly_dealloc(vm, rows, rcap * sizeof *rows);
    ly_dealloc(vm, fields, fcap * sizeof *fields);
    ly_buf_free(&b);
    return r;
}

static LyExpr split_lines(LyVM *vm, const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += s[i] == '\n';
    if (len > 0 && s[len - 1] != '\n') n++;
    LyExpr l = ly_mknormal(vm, LY_SYM(List), n);
    size_t start = 0, k = 0;
    for (size_t i = 0; l && i <= len && k < n; i++) {
        if (i == len || s[i] == '\n') {
            size_t end = i > start && s[i - 1] == '\r' ? i - 1 : i;
            LyExpr x = ly_mkstring(vm, s + start, end - start);
            if (!x) { lys_abandon(vm, l, k + 1); return NULL; }
            ly_nset(l, ++k, x);
            start = i + 1;
        }
    }
    return l;
}

/* Imports text s in format f (the head of e names messages). */
static LyExpr import_text(LyVM *vm, LyExpr e, const char *s, size_t len, Fmt f) {
    switch (f) {
    case FMT_TEXT: {
        size_t n = len;
        if (n > 0 && s[n - 1] == '\n') n--;
        return ly_mkstring(vm, s, n);
    }
    case FMT_STRING: return ly_mkstring(vm, s, len);
    case FMT_LINES: return split_lines(vm, s, len);
    case FMT_CSV: return parse_table(vm, s, len, ',');
    case FMT_TSV: return parse_table(vm, s, len, '\t');
    case FMT_TABLE: return parse_table(vm, s, len, ' ');
    case FMT_JSON: case FMT_RAWJSON: return lys_json_parse(vm, e, s, len, f == FMT_RAWJSON);
    case FMT_WXF: return lys_wxf_import(vm, e, s, len);
    case FMT_WORDS: {
        LyExpr str = ly_mkstring(vm, s, len);
        if (!str) return NULL;
        LyExpr r = lys_apply_eval(vm, ly_symbol(vm, "StringSplit"), 1, &str);
        ly_unref(vm, str);
        return r;
    }
    default: return NULL;
    }
}

static bool csv_field(LyBuf *b, LyExpr x, char sep) {
    if (ly_is_string(x)) {
        const LyString *s = ly_str(x);
        bool q = false;
        for (size_t i = 0; i < s->len && !q; i++) q = s->s[i] == sep || s->s[i] == '"' || s->s[i] == '\n' || s->s[i] == '\r';
        if (!q) { ly_buf_put(b, s->s, s->len); return true; }
        ly_buf_puts(b, "\"");
        for (size_t i = 0; i < s->len; i++) { if (s->s[i] == '"') ly_buf_puts(b, "\""); ly_buf_put(b, s->s + i, 1); }
        ly_buf_puts(b, "\"");
        return true;
    }
    if (ly_is_real(x)) {
        LyBuf t;
        ly_buf_init(&t, b->vm);
        ly_buf_expr(&t, x, LY_FORM_INPUT);
        ly_buf_put(b, t.p, t.len);
        if (t.len && t.p[t.len - 1] == '.') ly_buf_puts(b, "0");
        ly_buf_free(&t);
        return true;
    }
    ly_buf_expr(b, x, ly_is_number(x) ? LY_FORM_INPUT : LY_FORM_OUTPUT);
    return true;
}

/* Appends x in format f; false (with a message) when x cannot be exported so. */
static bool export_text(LyVM *vm, LyExpr e, LyBuf *b, LyExpr x, Fmt f) {
    switch (f) {
    case FMT_TEXT: case FMT_STRING:
        if (ly_is_string(x)) ly_buf_put(b, ly_str(x)->s, ly_str(x)->len);
        else if (f == FMT_STRING) ly_buf_expr(b, x, LY_FORM_INPUT);
        else lys_put_output(b, x);
        return true;
    case FMT_LINES: case FMT_WORDS: {
        LyExpr u = lys_unpacked(vm, x);
        if (!u) return false;
        if (!ly_head_is(u, LY_SYM(List))) { export_text(vm, e, b, u, FMT_TEXT); ly_buf_puts(b, "\n"); }
        else for (size_t i = 1; i <= ly_nlen(u); i++) {
            export_text(vm, e, b, ly_narg(u, i), FMT_TEXT);
            ly_buf_puts(b, f == FMT_LINES ? "\n" : (i < ly_nlen(u) ? " " : "\n"));
        }
        ly_unref(vm, u);
        return true;
    }
    case FMT_CSV: case FMT_TSV: case FMT_TABLE: {
        char sep = f == FMT_CSV ? ',' : '\t';
        LyExpr u = lys_unpacked(vm, x);
        if (!u) return false;
        if (!ly_head_is(u, LY_SYM(List))) { csv_field(b, u, sep); ly_buf_puts(b, "\n"); ly_unref(vm, u); return true; }
        for (size_t i = 1; i <= ly_nlen(u); i++) {
            LyExpr row = ly_narg(u, i);
            if (ly_head_is(row, LY_SYM(List)))
                for (size_t k = 1; k <= ly_nlen(row); k++) { if (k > 1) ly_buf_put(b, &sep, 1); csv_field(b, ly_narg(row, k), sep); }
            else csv_field(b, row, sep);
            ly_buf_puts(b, "\n");
        }
        ly_unref(vm, u);
        return true;
    }
    case FMT_JSON: case FMT_RAWJSON:
        return lys_json_write(vm, e, b, x, false);
    case FMT_WXF:
        return lys_wxf_export(vm, e, b, x, 0);
    default:
        return false;
    }
}

/* The format argument at pos (a string), or FMT_NONE with a message. */
static Fmt fmt_arg(LyVM *vm, LyExpr e, size_t pos) {
    LyExpr x = ly_narg(e, pos);
    Fmt f = ly_is_string(x) ? fmt_named(ly_str(x)->s) : FMT_NONE;
    if (f == FMT_NONE) ly_message(vm, ly_nhead(e), "fmtnosup", 1, x);
    return f;
}

static LyExpr b_import(LyVM *vm, LyExpr e) {
    const char *p;
    if (!lys_argc(vm, e, 1, 2) || !lys_file_arg(vm, e, 1, &p)) return NULL;
    Fmt f = ly_nlen(e) == 2 ? fmt_arg(vm, e, 2) : fmt_of_file(p);
    if (f == FMT_NONE) {
        if (ly_nlen(e) == 2) return LY_SYM(DFailed);
        f = FMT_TEXT;
    }
    FILE *in = fopen(p, "rb");
    if (!in) return lys_failed_msg(vm, e, "nffil", p);
    LyExpr text = slurp(vm, in, false);
    fclose(in);
    if (!text) return NULL;
    LyExpr r = import_text(vm, e, ly_str(text)->s, ly_str(text)->len, f);
    ly_unref(vm, text);
    return r ? r : (ly_unwinding(vm) ? NULL : LY_SYM(DFailed));
}

/* Binary formats in strings: each character 0..255 stands for a byte (the
 * string holds them as UTF-8). */
static bool latin1_to_bytes(LyBuf *out, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { ly_buf_put(out, (const char *)&c, 1); continue; }
        if ((c & 0xFE) != 0xC2 || i + 1 >= n || ((unsigned char)s[i + 1] & 0xC0) != 0x80) return false;
        unsigned char b = (unsigned char)(((c & 0x1F) << 6) | ((unsigned char)s[++i] & 0x3F));
        ly_buf_put(out, (const char *)&b, 1);
    }
    return true;
}

static LyExpr bytes_to_latin1(LyVM *vm, const char *s, size_t n) {
    LyBuf b;
    ly_buf_init(&b, vm);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) ly_buf_put(&b, (const char *)&c, 1);
        else { char t[2] = { (char)(0xC0 | (c >> 6)), (char)(0x80 | (c & 0x3F)) }; ly_buf_put(&b, t, 2); }
    }
    LyExpr r = b.oom ? ly_raise_nomem(vm) : ly_mkstring(vm, b.p ? b.p : "", b.len);
    ly_buf_free(&b);
    return r;
}

static LyExpr b_importstring(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    if (!ly_is_string(ly_narg(e, 1))) { ly_message(vm, ly_nhead(e), "string", 2, ly_mksmall(1), e); return NULL; }
    Fmt f = ly_nlen(e) == 2 ? fmt_arg(vm, e, 2) : FMT_TEXT;
    if (f == FMT_NONE) return LY_SYM(DFailed);
    const char *s = ly_str(ly_narg(e, 1))->s;
    size_t len = ly_str(ly_narg(e, 1))->len;
    LyBuf bytes;
    ly_buf_init(&bytes, vm);
    if (f == FMT_WXF) {
        if (!latin1_to_bytes(&bytes, s, len)) {
            ly_buf_free(&bytes);
            ly_message(vm, ly_nhead(e), "bytes", 1, ly_narg(e, 1));
            return LY_SYM(DFailed);
        }
        if (bytes.oom) { ly_buf_free(&bytes); return ly_raise_nomem(vm); }
        s = bytes.p ? bytes.p : "";
        len = bytes.len;
    }
    LyExpr r = import_text(vm, e, s, len, f);
    ly_buf_free(&bytes);
    return r ? r : (ly_unwinding(vm) ? NULL : LY_SYM(DFailed));
}

static LyExpr b_export(LyVM *vm, LyExpr e) {
    const char *p;
    if (!lys_argc(vm, e, 2, 3) || !lys_file_arg(vm, e, 1, &p)) return NULL;
    Fmt f = ly_nlen(e) == 3 ? fmt_arg(vm, e, 3) : fmt_of_file(p);
    if (f == FMT_NONE) {
        if (ly_nlen(e) == 3) return LY_SYM(DFailed);
        f = FMT_STRING;
    }
    LyBuf b;
    ly_buf_init(&b, vm);
    if (!export_text(vm, e, &b, ly_narg(e, 2), f)) { ly_buf_free(&b); return ly_unwinding(vm) ? NULL : LY_SYM(DFailed); }
    if (f == FMT_STRING) ly_buf_puts(&b, "\n");
    if (b.oom) { ly_buf_free(&b); return ly_raise_nomem(vm); }
    FILE *out = fopen(p, "wb");
    if (!out) { ly_buf_free(&b); return lys_failed_msg(vm, e, "noopen", p); }
    bool ok = b.len == 0 || fwrite(b.p, 1, b.len, out) == b.len;
    ok = fclose(out) == 0 && ok;
    ly_buf_free(&b);
    if (!ok) return lys_failed_msg(vm, e, "noopen", p);
    ly_ref(ly_narg(e, 1));
    return ly_narg(e, 1);
}

static LyExpr b_exportstring(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    Fmt f = fmt_arg(vm, e, 2);
    if (f == FMT_NONE) return LY_SYM(DFailed);
    LyBuf b;
    ly_buf_init(&b, vm);
    if (!export_text(vm, e, &b, ly_narg(e, 1), f)) { ly_buf_free(&b); return ly_unwinding(vm) ? NULL : LY_SYM(DFailed); }
    LyExpr r = b.oom ? ly_raise_nomem(vm)
             : f == FMT_WXF ? bytes_to_latin1(vm, b.p ? b.p : "", b.len)
             : ly_mkstring(vm, b.p ? b.p : "", b.len);
    ly_buf_free(&b);
    return r;
}

/* ImportByteArray[ba, fmt]: the bytes as the content of a file in fmt. */
static LyExpr b_importbytearray(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    size_t n;
    const unsigned char *p = lys_bytearray_get(ly_narg(e, 1), &n);
    if (!p) { ly_message(vm, ly_nhead(e), "bytearray", 1, ly_narg(e, 1)); return NULL; }
    Fmt f = fmt_arg(vm, e, 2);
    if (f == FMT_NONE) return LY_SYM(DFailed);
    LyExpr r = import_text(vm, e, (const char *)p, n, f);
    return r ? r : (ly_unwinding(vm) ? NULL : LY_SYM(DFailed));
}

/* ExportByteArray[expr, fmt]: the bytes of a file with expr in fmt. */
static LyExpr b_exportbytearray(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    Fmt f = fmt_arg(vm, e, 2);
    if (f == FMT_NONE) return LY_SYM(DFailed);
    LyBuf b;
    ly_buf_init(&b, vm);
    if (!export_text(vm, e, &b, ly_narg(e, 1), f)) { ly_buf_free(&b); return ly_unwinding(vm) ? NULL : LY_SYM(DFailed); }
    if (b.oom) { ly_buf_free(&b); return ly_raise_nomem(vm); }
    return lys_bytearray_take(vm, &b);
}

/* ---- table --------------------------------------------------------------------------------------------------------- */

static const LyBuiltin io_builtins[] = {
    { "Print", b_print, "Protected", "Print[expr] prints expr as output." },
    { "Echo", b_echo, "Protected", "Echo[expr] prints expr and returns expr. Echo[expr, label] prints with a label." },
    { "StringForm", NULL, "Protected", "StringForm[\"controlstring\", expr1, ...] prints as the text of the controlstring, with the printed forms of the expri embedded." },
    { "Get", b_get, "Protected", "<<name or Get[\"name\"] reads in a file, evaluating each expression in it and returning the last one." },
    { "Put", b_put, "Protected", "expr >> filename or Put[expr, \"filename\"] writes expr to a file." },
    { "PutAppend", b_putappend, "Protected", "expr >>> filename or PutAppend[expr, \"filename\"] appends expr to a file." },
    { "OpenRead", b_openread, "Protected", "OpenRead[\"file\"] opens a file to read data from, and returns an InputStream object." },
    { "OpenWrite", b_openwrite, "Protected", "OpenWrite[\"file\"] opens a file to write output to it, and returns an OutputStream object." },
    { "OpenAppend", b_openappend, "Protected", "OpenAppend[\"file\"] opens a file to append output to it, and returns an OutputStream object." },
    { "Close", b_close, "Protected", "Close[stream] closes a stream." },
    { "Streams", b_streams, "Protected", "Streams[] gives a list of all streams that are currently open." },
    { "WriteString", b_writestring, "Protected", "WriteString[stream, \"string\"] writes \"string\" to an output stream." },
    { "Write", b_write, "Protected", "Write[stream, expr] writes the expression expr in InputForm, followed by a newline, to the output stream." },
    { "WriteLine", b_writeline, "Protected", "WriteLine[stream, \"string\"] writes \"string\", followed by a newline, to the specified output stream." },
    { "ReadString", b_readstring, "Protected", "ReadString[\"file\"] reads the complete contents of a file and returns them as a string." },
    { "Input", b_input, "Protected", "Input[] interactively reads in one Wolfram Language expression.\nInput[prompt] requests input, displaying prompt as a \"prompt\"." },
    { "InputString", b_inputstring, "Protected", "InputString[] interactively reads in a character string.\nInputString[prompt] requests input, displaying prompt as a \"prompt\"." },
    { "ReadLine", b_readline, "Protected", "ReadLine[stream] reads a line of text from a stream and returns it as a string." },
    { "ReadList", b_readlist, "Protected", "ReadList[\"file\", type] reads objects of the specified type from a file, until the end of the file is reached." },
    { "Import", b_import, "Protected", "Import[\"file\"] imports data from a file, returning a complete Wolfram Language version of it.\nImport[\"file\", \"format\"] takes the file to be in the specified format." },
    { "Export", b_export, "Protected", "Export[\"dest.ext\", expr] exports data to a file, converting it to the format corresponding to the file extension ext.\nExport[\"dest\", expr, \"format\"] exports data in the specified format." },
    { "ImportString", b_importstring, "Protected", "ImportString[\"data\", \"format\"] imports data in the specified format from a string." },
    { "ExportString", b_exportstring, "Protected", "ExportString[expr, \"format\"] generates a string corresponding to expr exported in the specified format." },
    { "ImportByteArray", b_importbytearray, "Protected", "ImportByteArray[ba, \"format\"] imports data in the specified format from a ByteArray object." },
    { "ExportByteArray", b_exportbytearray, "Protected", "ExportByteArray[expr, \"format\"] generates a ByteArray object corresponding to expr exported in the specified format." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_io(LyVM *vm);
LyStatus lys_open_io(LyVM *vm) {
    ly_set_message(vm, "General", "openx", "`1` is not open.");
    ly_set_message(vm, "General", "fmtnosup", "`1` is not a supported format.");
    ly_set_message(vm, "General", "bytes", "`1` is not a string of byte characters (codes 0 to 255).");
    ly_set_message(vm, "General", "bytearray", "`1` is not a ByteArray.");
    ly_set_message(vm, "General", "readn", "Invalid real number found when reading from the input.");
    ly_set_message(vm, "Get", "sntx", "`1`");
    ly_set_message(vm, "Input", "sntx", "Invalid syntax in or before \"`1`\".");
    ly_set_own_value(vm, ly_symbol(vm, "$InputFileName"), ly_cstring(vm, ""));
    ly_set_attributes(vm, ly_symbol(vm, "$LyraStreams"), 0);
    return ly_register_table(vm, io_builtins);
}
