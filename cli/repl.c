/*
 * repl.c — the interactive session: In[n]:= / Out[n]= in the style of the
 * Wolfram text kernel.
 *
 * Line input: with libedit (LY_HAVE_LIBEDIT) we use its unbuffered mode,
 * one editing command per el_wgets(), driven by our own poll() on stdin and
 * the Ctrl-C self-pipe (as CPython drives readline's callback interface),
 * so that Ctrl-C at the prompt clears the line instead of killing the
 * session and libedit never installs signal handlers of its own.  Without
 * libedit, or when the output is not a terminal, a plain read() loop does
 * the same with no editing.
 *
 * One entry is read until ly_input_incomplete() says it is finished (open
 * brackets continue on the next line with a prompt of spaces), evaluated
 * with Ctrl-C armed, recorded with ly_set_out() so %, %% and %n work, and
 * printed in OutputForm unless it is Null.  Syntax errors do not use up a
 * line number, as in Wolfram.
 *
 * Threads: everything here runs on the evaluation thread made by main.c.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#ifdef LY_HAVE_LIBEDIT
#  include <histedit.h>
#  include <langinfo.h>
#  include <locale.h>
#  include <sys/ioctl.h>
#endif

#define LYC_HISTORY_MAX 1000

typedef struct Repl {
    LyVM *vm;
    char *entry;            /* the lines of the entry being read */
    size_t len, cap;
    char *history;          /* history file, or NULL for none */
    int quit;               /* exit status + 1 after Quit[n], else 0 */
#ifdef LY_HAVE_LIBEDIT
    EditLine *el;           /* NULL: line editing could not be set up */
    History *hist;
    const char *prompt;     /* what el_prompt shows */
    char **names;           /* completion candidates */
    size_t nnames, capnames;
    size_t tab_pos, tab_len;    /* where the last ambiguous Tab was pressed */
#endif
    char *rbuf;             /* plain_read_line: bytes read past the last line */
    size_t rlen, rcap;
} Repl;

enum { LINE_OK = 1, LINE_EOF = 0, LINE_INTR = -1 };

/* Waits until stdin is readable or Ctrl-C is pressed. */
static int wait_input(void) {
    for (;;) {
        struct pollfd p[2] = { { STDIN_FILENO, POLLIN, 0 }, { lyc_signals_fd(), POLLIN, 0 } };
        int n = poll(p, 2, -1);
        if (lyc_signals_take()) return LINE_INTR;
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return LINE_EOF;
        if (p[0].revents & (POLLHUP | POLLERR | POLLNVAL)) return LINE_EOF;   /* hung up */
        if (p[0].revents) return LINE_OK;
    }
}

/* ---- plain lines -------------------------------------------------------------------- */

/* Without libedit, or when the output is not a terminal (lyra | tee log):
 * the prompt on stdout, lines as the terminal's own line editing gives
 * them.  *out is malloc'd. */
static int plain_read_line(Repl *r, const char *prompt, char **out) {
    fputs(prompt, stdout);
    fflush(stdout);
    for (;;) {
        char *nl = r->rlen ? memchr(r->rbuf, '\n', r->rlen) : NULL;
        if (nl) {
            size_t n = (size_t)(nl - r->rbuf), k = n;
            if (k > 0 && r->rbuf[k - 1] == '\r') k--;
            char *s = malloc(k + 1);
            if (!s) return LINE_EOF;
            memcpy(s, r->rbuf, k);
            s[k] = 0;
            memmove(r->rbuf, nl + 1, r->rlen - n - 1);
            r->rlen -= n + 1;
            *out = s;
            return LINE_OK;
        }
        if (r->rlen == r->rcap) {
            size_t cap = r->rcap ? r->rcap * 2 : 4096;
            char *p = realloc(r->rbuf, cap);
            if (!p) { fputs("lyra: out of memory\n", stderr); r->rlen = 0; continue; }
            r->rbuf = p;
            r->rcap = cap;
        }
        int w = wait_input();
        if (w == LINE_INTR) { r->rlen = 0; fputs("\n", stdout); return LINE_INTR; }
        if (w == LINE_EOF) return LINE_EOF;
        ssize_t k = read(STDIN_FILENO, r->rbuf + r->rlen, r->rcap - r->rlen);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            if (r->rlen == 0) return LINE_EOF;
            r->rbuf[r->rlen++] = '\n';     /* a last line without newline */
            continue;
        }
        r->rlen += (size_t)k;
    }
}

#ifdef LY_HAVE_LIBEDIT
/* ---- libedit ------------------------------------------------------------------------ */

/* libedit's own interface (histedit.h) rather than its readline emulation,
 * whose callback reader (libedit 3.1-20221030) writes a byte through a
 * pointer into a conversion buffer that it frees once a line outgrows
 * 1 KB: pasting a long line corrupted the heap.  In unbuffered mode each
 * el_wgets() carries out one editing command and returns the line so far;
 * the line is finished when it ends in a newline. */

static char *el_prompt(EditLine *el) {
    Repl *r;
    el_get(el, EL_CLIENTDATA, &r);
    return (char *)r->prompt;
}

/* The n characters of w in UTF-8 (malloc'd). */
static char *utf8_line(const wchar_t *w, size_t n) {
    char *s = malloc(4 * n + 1), *p = s;
    if (!s) return NULL;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = (uint32_t)w[i];
        if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
        if (c < 0x80) *p++ = (char)c;
        else if (c < 0x800) { *p++ = (char)(0xC0 | c >> 6); *p++ = (char)(0x80 | (c & 0x3F)); }
        else if (c < 0x10000) {
            *p++ = (char)(0xE0 | c >> 12); *p++ = (char)(0x80 | (c >> 6 & 0x3F)); *p++ = (char)(0x80 | (c & 0x3F));
        } else {
            *p++ = (char)(0xF0 | c >> 18); *p++ = (char)(0x80 | (c >> 12 & 0x3F));
            *p++ = (char)(0x80 | (c >> 6 & 0x3F)); *p++ = (char)(0x80 | (c & 0x3F));
        }
    }
    *p = 0;
    return s;
}

/* Reads a line with editing; *out is malloc'd. */
static int edit_read_line(Repl *r, const char *prompt, char **out) {
    r->prompt = prompt;
    el_set(r->el, EL_UNBUFFERED, 1);        /* raw mode, a fresh line, the prompt drawn */
    for (;;) {
        int w = wait_input();
        if (w != LINE_OK) {
            el_set(r->el, EL_UNBUFFERED, 0);
            if (w == LINE_INTR) { fputs("\n", stdout); fflush(stdout); }
            return w;
        }
        int n = 0;
        errno = 0;
        /* el_wgets: el_gets would convert the whole line to multibyte after
         * every key, which made pasting a long line quadratic */
        const wchar_t *buf = el_wgets(r->el, &n);
        /* NULL is also what a command that leaves the line empty gives
         * (Ctrl-U); only a failed read sets errno */
        if ((!buf && errno != 0 && errno != EINTR) || (buf && n == 1 && buf[0] == 4)) {
            el_set(r->el, EL_UNBUFFERED, 0);    /* end of input, or Ctrl-D (lyra-eof) */
            return LINE_EOF;
        }
        if (!buf) continue;
        if (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) {
            char *line = utf8_line(buf, (size_t)n - 1);
            el_set(r->el, EL_UNBUFFERED, 0);    /* cooked mode while we evaluate */
            if (!line) return LINE_EOF;
            *out = line;
            return LINE_OK;
        }
    }
}

/* Ctrl-D: the end of input on an empty line (without libedit's "^D"
 * echo), otherwise delete the character under the cursor. */
static unsigned char el_eof(EditLine *el, int ch) {
    (void)ch;
    const LineInfo *li = el_line(el);
    if (li->buffer == li->lastchar) return CC_EOF;
    if (li->cursor == li->lastchar) return CC_NORM;
    el_cursor(el, 1);
    el_deletestr(el, 1);
    return CC_REFRESH;
}

static bool collect_name(void *ud, const char *name) {
    Repl *r = ud;
    if (r->nnames == r->capnames) {
        size_t cap = r->capnames ? r->capnames * 2 : 64;
        char **p = realloc(r->names, cap * sizeof *p);
        if (!p) return false;
        r->names = p;
        r->capnames = cap;
    }
    r->names[r->nnames++] = (char *)name;   /* symbol names are immortal */
    return true;
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names, in columns across the terminal, below the line being edited. */
static void list_names(Repl *r) {
    struct winsize ws;
    size_t width = ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ? ws.ws_col : 80, longest = 0;
    fputc('\n', stdout);
    if (r->nnames > 500) {
        printf("(%zu names; type more of the name)\n", r->nnames);
        return;
    }
    for (size_t i = 0; i < r->nnames; i++)
        if (strlen(r->names[i]) > longest) longest = strlen(r->names[i]);
    size_t colw = longest + 2, cols = width / colw ? width / colw : 1;
    size_t rows = (r->nnames + cols - 1) / cols;
    for (size_t row = 0; row < rows; row++) {
        for (size_t c = 0; c < cols; c++) {
            size_t i = c * rows + row;
            if (i >= r->nnames) break;
            bool last = c + 1 == cols || i + rows >= r->nnames;
            if (last) fputs(r->names[i], stdout);
            else printf("%-*s", (int)colw, r->names[i]);
        }
        fputc('\n', stdout);
    }
    fflush(stdout);
}

/* Tab: completes the symbol name before the cursor as far as it is
 * unambiguous; a second Tab on the same line lists the choices. */
static unsigned char el_complete(EditLine *el, int ch) {
    (void)ch;
    Repl *r;
    el_get(el, EL_CLIENTDATA, &r);
    const LineInfo *li = el_line(el);
    const char *end = li->cursor, *start = end;
    while (start > li->buffer && (isalnum((unsigned char)start[-1]) || start[-1] == '$' ||
                                  start[-1] == '`' || (unsigned char)start[-1] >= 0x80))
        start--;
    size_t plen = (size_t)(end - start), pos = (size_t)(li->cursor - li->buffer);
    size_t len = (size_t)(li->lastchar - li->buffer);
    if (plen == 0 || isdigit((unsigned char)*start)) return CC_ERROR;
    char *prefix = malloc(plen + 1);
    if (!prefix) return CC_ERROR;
    memcpy(prefix, start, plen);
    prefix[plen] = 0;
    r->nnames = 0;
    ly_complete(r->vm, prefix, collect_name, r);
    free(prefix);
    qsort(r->names, r->nnames, sizeof *r->names, cmp_names);
    size_t k = 0;                           /* drop duplicates */
    for (size_t i = 0; i < r->nnames; i++)
        if (k == 0 || strcmp(r->names[i], r->names[k - 1])) r->names[k++] = r->names[i];
    r->nnames = k;
    if (k == 0) return CC_ERROR;
    size_t common = strlen(r->names[0]);
    for (size_t i = 1; i < k; i++) {
        size_t j = 0;
        while (j < common && r->names[i][j] == r->names[0][j]) j++;
        common = j;
    }
    while (common > plen && ((unsigned char)r->names[0][common] & 0xC0) == 0x80) common--;
    if (common > plen) {
        char *ins = malloc(common - plen + 1);
        if (!ins) return CC_ERROR;
        memcpy(ins, r->names[0] + plen, common - plen);
        ins[common - plen] = 0;
        el_insertstr(el, ins);
        free(ins);
        /* still ambiguous: the next Tab lists, as in readline */
        r->tab_pos = k > 1 ? pos + common - plen : (size_t)-1;
        r->tab_len = len + common - plen;
        return CC_REFRESH;
    }
    if (k == 1) return CC_REFRESH;
    /* ambiguous: list the names if the previous key was a Tab here too */
    if (r->tab_pos == pos && r->tab_len == len) {
        list_names(r);
        return CC_REDISPLAY;
    }
    r->tab_pos = pos;
    r->tab_len = len;
    return CC_ERROR;
}

static void edit_init(Repl *r) {
    if (!isatty(STDOUT_FILENO)) return;     /* output to a file or a pipe: plain lines */
    /* libedit edits multibyte characters only in a UTF-8 LC_CTYPE; in the
     * "C" locale every program starts in it drops them ("café" -> "caf").
     * Lyra's strings are UTF-8 whatever the environment says, so fall back
     * to C.UTF-8.  Only LC_CTYPE: numbers keep the "C" format. */
    if (!setlocale(LC_CTYPE, "") || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
        if (!setlocale(LC_CTYPE, "C.UTF-8")) setlocale(LC_CTYPE, "C.utf8");
    r->tab_pos = (size_t)-1;
    r->hist = history_init();
    r->el = el_init("lyra", stdin, stdout, stderr);
    if (!r->el || !r->hist) {
        fputs("lyra: cannot set up line editing\n", stderr);
        if (r->el) el_end(r->el);
        r->el = NULL;
        return;
    }
    HistEvent ev;
    history(r->hist, &ev, H_SETSIZE, LYC_HISTORY_MAX);
    el_set(r->el, EL_CLIENTDATA, r);
    el_set(r->el, EL_EDITOR, "emacs");
    el_set(r->el, EL_SIGNAL, 0);            /* Ctrl-C is ours (signals.c) */
    el_set(r->el, EL_PROMPT, el_prompt);
    el_set(r->el, EL_HIST, history, r->hist);
    el_set(r->el, EL_ADDFN, "lyra-complete", "Complete a symbol name", el_complete);
    el_set(r->el, EL_ADDFN, "lyra-eof", "End of input on an empty line, else delete a character", el_eof);
    static const char *const binds[][2] = {
        { "^I", "lyra-complete" }, { "^D", "lyra-eof" }, { "^R", "em-inc-search-prev" },
        { "\\e[1~", "ed-move-to-beg" }, { "\\e[4~", "ed-move-to-end" }, { "\\e[7~", "ed-move-to-beg" },
        { "\\e[8~", "ed-move-to-end" }, { "\\e[H", "ed-move-to-beg" }, { "\\e[F", "ed-move-to-end" },
        { "\\eOH", "ed-move-to-beg" }, { "\\eOF", "ed-move-to-end" }, { "\\e[3~", "ed-delete-next-char" },
        { "\\e[1;5C", "em-next-word" }, { "\\e[1;5D", "ed-prev-word" },
        { "\\e[1;3C", "em-next-word" }, { "\\e[1;3D", "ed-prev-word" },
    };
    for (size_t i = 0; i < sizeof binds / sizeof binds[0]; i++)
        el_set(r->el, EL_BIND, binds[i][0], binds[i][1], NULL);
    el_source(r->el, NULL);                 /* ~/.editrc, as other libedit programs */
    if (r->history) history(r->hist, &ev, H_LOAD, r->history);
}

static void edit_add_history(Repl *r, const char *entry) {
    HistEvent ev;
    if (!r->hist) return;
    if (history(r->hist, &ev, H_FIRST) == 0 && ev.str && !strcmp(ev.str, entry)) return;
    history(r->hist, &ev, H_ENTER, entry);
    if (r->history) history(r->hist, &ev, H_SAVE, r->history);   /* now: Quit[] calls exit() */
}

static EditLine *volatile kept_editor;

static void edit_done(Repl *r) {
    free(r->names);
    r->names = NULL;
    if (r->hist) history_end(r->hist);
    r->hist = NULL;
    /* The editor is not ended: el_end does not free the names given with
     * EL_ADDFN (a leak LeakSanitizer reports), so it lives as long as the
     * process, as the readline emulation's did.  The terminal is already in
     * the mode we found it in (read_line leaves unbuffered mode). */
    kept_editor = r->el;
    r->el = NULL;
}

#else
static void edit_init(Repl *r) { (void)r; }
static void edit_add_history(Repl *r, const char *entry) { (void)r; (void)entry; }
static void edit_done(Repl *r) { (void)r; }
#endif

/* Reads a line: with editing when there is an editor, else plain_read_line. */
static int read_line(Repl *r, const char *prompt, char **out) {
#ifdef LY_HAVE_LIBEDIT
    if (r->el) return edit_read_line(r, prompt, out);
#endif
    return plain_read_line(r, prompt, out);
}

/* ---- the loop ------------------------------------------------------------------------------ */

static bool append_line(Repl *r, const char *line) {
    size_t n = strlen(line), need = r->len + n + 2;
    if (need > r->cap) {
        size_t cap = r->cap ? r->cap : 256;
        while (cap < need) cap *= 2;
        char *p = realloc(r->entry, cap);
        if (!p) return false;
        r->entry = p;
        r->cap = cap;
    }
    if (r->len) r->entry[r->len++] = '\n';
    memcpy(r->entry + r->len, line, n);
    r->len += n;
    r->entry[r->len] = 0;
    return true;
}

static bool blank(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i])) return false;
    return true;
}

/* Messages: a blank line before each, as the Wolfram text kernel writes
 * them between the input and its Out line. */
static void on_message(void *ud, const char *text, size_t len) {
    (void)ud;
    fflush(stdout);
    fputc('\n', stderr);
    fwrite(text, 1, len, stderr);
    fputc('\n', stderr);
    fflush(stderr);
}

/* Wrappers that only choose how a result is shown ($OutputForms): the Out
 * line is labelled Out[n]//Form= and Out[n] keeps what is inside. */
static const char *const output_forms[] = {
    "InputForm", "OutputForm", "FullForm", "MatrixForm", "TableForm", "NumberForm",
    "ScientificForm", "EngineeringForm", "PaddedForm", "AccountingForm", "BaseForm",
    "StandardForm", "TraditionalForm", "TextForm", "Short", "Shallow", "TreeForm",
    "CForm", "FortranForm", "TeXForm", "DecimalForm", NULL
};

static const char *output_form(LyVM *vm, LyExpr res) {
    if (ly_kind(res) != LY_KNORMAL || ly_length(res) < 1) return NULL;
    LyExpr h = ly_part(vm, res, 0);
    const char *name = h ? ly_symbol_name(h) : NULL;
    ly_decref(vm, h);
    if (!name) return NULL;
    for (size_t i = 0; output_forms[i]; i++)
        if (!strcmp(name, output_forms[i])) return output_forms[i];
    return NULL;
}

/* Writes label + text; the lines after the first are indented under the
 * first (a blank line stays empty), as the text kernel lays out 2-D forms. */
static void print_out(const char *label, const char *text) {
    size_t w = strlen(label);
    fputs(label, stdout);
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (p != text && n > 0) printf("%*s", (int)w, "");
        fwrite(p, 1, n, stdout);
        fputc('\n', stdout);
        if (!nl) break;
        p = nl + 1;
    }
}

/* Records In[n] := entry, so that In[n] evaluates the entry again. */
static void record_in(LyVM *vm, int64_t n, LyExpr entry) {
    char src[48];
    snprintf(src, sizeof src, "In[%" PRId64 "]", n);
    LyExpr lhs = NULL, r = NULL;
    if (ly_parse(vm, src, (size_t)-1, NULL, &lhs) != LY_OK) return;
    LyExpr args[2] = { lhs, entry };
    if (ly_call(vm, "SetDelayed", 2, args, &r) == LY_OK) ly_decref(vm, r);
    ly_decref(vm, lhs);
}

/* Writes text[0..n) with leading and trailing blanks removed. */
static void put_trimmed(FILE *f, const char *text, size_t n) {
    while (n > 0 && isspace((unsigned char)*text)) { text++; n--; }
    while (n > 0 && isspace((unsigned char)text[n - 1])) n--;
    /* a line continuation ("\\" at the end of a line) joins the lines; a
     * last one lost its line end to the trimming */
    size_t k = 0;
    while (k < n && text[n - 1 - k] == '\\') k++;
    if (k % 2) n--;
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '\\' && i + 1 < n && text[i + 1] == '\n') {
            for (i += 2; i < n && (text[i] == ' ' || text[i] == '\t'); i++) {}
            i--;
            continue;
        }
        fputc(text[i], f);
        if (text[i] == '\\' && i + 1 < n) fputc(text[++i], f);   /* a pair: \\\\ */
    }
}

/* A syntax error in Wolfram's words, Syntax::sntxf: "1 +" cannot be
 * followed by ")". (Syntax::sntxb when the entry starts with the bad
 * token), then the source line with a caret under the error.  Errors at
 * the end of the entry keep the parser's description. */
static void syntax_error(Repl *r, const char *chunk, const char *msg) {
    size_t cl = strlen(chunk);
    unsigned line = 0, col = 0;
    const char *detail = msg;
    if (!strncmp(msg, chunk, cl) && sscanf(msg + cl, ":%u:%u:", &line, &col) == 2) {
        const char *p = strchr(msg + cl + 1, ':');
        p = p ? strchr(p + 1, ':') : NULL;
        if (p) detail = p + 1 + (p[1] == ' ');
    }
    /* the byte offset of line:col in the entry */
    size_t pos = 0;
    for (unsigned l = 1; l < line && pos < r->len; pos++)
        if (r->entry[pos] == '\n') l++;
    for (unsigned c = 1; c < col && pos < r->len && r->entry[pos] != '\n'; pos++)
        if (((unsigned char)r->entry[pos] & 0xC0) != 0x80) c++;
    while (pos < r->len && ((unsigned char)r->entry[pos] & 0xC0) == 0x80) pos++;
    size_t le = pos;
    while (le < r->len && r->entry[le] != '\n') le++;
    fputc('\n', stderr);
    if (line > 0 && pos < le) {
        bool empty = true;
        for (size_t i = 0; i < pos; i++) if (!isspace((unsigned char)r->entry[i])) empty = false;
        if (empty) {
            fputs("Syntax::sntxb: Expression cannot begin with \"", stderr);
        } else {
            fputs("Syntax::sntxf: \"", stderr);
            put_trimmed(stderr, r->entry, pos);
            fputs("\" cannot be followed by \"", stderr);
        }
        put_trimmed(stderr, r->entry + pos, le - pos);
        fputs("\".\n", stderr);
        const char *src = strchr(detail, '\n');      /* the parser's source line and caret */
        if (src) detail = src + 1;
    }
    fprintf(stderr, "%s\n", detail);
}

/* Evaluates one complete entry and prints Out[n]. */
static void eval_entry(Repl *r) {
    LyVM *vm = r->vm;
    int64_t n = ly_line(vm);
    /* the text kernel leaves on a bare Quit or Exit too */
    if (lyc_input_is(r->entry, r->len, "Quit") || lyc_input_is(r->entry, r->len, "Exit")) { r->quit = 1; return; }
    char chunk[32];
    snprintf(chunk, sizeof chunk, "In[%" PRId64 "]", n);
    LyExpr parsed = NULL, res = NULL;
    LyStatus st = ly_parse(vm, r->entry, r->len, chunk, &parsed);
    if (st == LY_ERRSYNTAX || st == LY_ERRMEM) {
        if (st == LY_ERRMEM) fputs("lyra: out of memory\n", stderr);
        else syntax_error(r, chunk, ly_errmsg(vm));
        fflush(stderr);
        fputs("\n", stdout);
        return;
    }
    record_in(vm, n, parsed);
    /* "x;" shows nothing, but Out[n] (and so %) is x, as in Wolfram */
    LyExpr toeval = parsed;
    bool quiet = false;
    size_t k = ly_length(parsed);
    LyExpr h = k >= 2 ? ly_part(vm, parsed, 0) : NULL;
    LyExpr last = h && ly_is_symbol(h, "CompoundExpression") ? ly_part(vm, parsed, k) : NULL;
    if (last && ly_is_symbol(last, "Null")) {
        LyExpr *items = malloc((k - 1) * sizeof *items);
        for (size_t i = 0; items && i + 1 < k; i++) items[i] = ly_part(vm, parsed, i + 1);
        LyExpr c = items ? (k == 2 ? (ly_incref(vm, items[0]), items[0]) : ly_apply(vm, h, k - 1, items)) : NULL;
        for (size_t i = 0; items && i + 1 < k; i++) ly_decref(vm, items[i]);
        free(items);
        if (c) { toeval = c; quiet = true; }
    }
    ly_decref(vm, last);
    ly_decref(vm, h);
    lyc_signals_arm(vm);
    st = ly_eval(vm, toeval, &res);
    lyc_signals_disarm();
    lyc_signals_take();                 /* a Ctrl-C that came late must not clear the next line */
    if (toeval != parsed) ly_decref(vm, toeval);
    ly_decref(vm, parsed);
    n = ly_line(vm);                    /* $Line = 0 makes this Out[0], the next In[1] */
    fflush(stdout);
    if (st == LY_QUIT) {
        r->quit = ly_quit_code(vm) + 1;
        if (res) ly_decref(vm, res);
        return;
    }
    if (!res && st != LY_OK && st != LY_ABORTED && st != LY_ERRMEM) {
        fprintf(stderr, "%s\n", ly_errmsg(vm));
        fflush(stderr);
        fputs("\n", stdout);
        return;
    }
    if (!res) { res = ly_symbol(vm, "$Aborted"); quiet = false; }
    const char *form = output_form(vm, res);
    char *s = quiet || ly_is_symbol(res, "Null") ? NULL : ly_tostring(vm, res, LY_FORM_OUTPUT);
    if (form && s) {
        /* a form that is not written specially shows as itself */
        size_t fl = strlen(form);
        if (!strncmp(s, form, fl) && s[fl] == '[') form = NULL;
    }
    LyExpr val = res;
    if (form) val = ly_part(vm, res, 1);
    ly_set_out(vm, n, val ? val : res);
    if (s) {
        char label[96];
        if (form) snprintf(label, sizeof label, "\nOut[%" PRId64 "]//%s= ", n, form);
        else snprintf(label, sizeof label, "\nOut[%" PRId64 "]= ", n);
        fputs("\n", stdout);
        print_out(label + 1, s);
        ly_free(vm, s);
    }
    fputs("\n", stdout);
    fflush(stdout);
    if (val != res) ly_decref(vm, val);
    ly_decref(vm, res);
}

static char *history_path(void) {
    const char *h = getenv("LYRA_HISTORY");
    if (h) return *h ? strdup(h) : NULL;         /* LYRA_HISTORY= turns it off */
    const char *home = getenv("HOME");
    if (!home || !*home) return NULL;
    size_t n = strlen(home) + sizeof "/.lyra_history";
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/.lyra_history", home);
    return p;
}

int lyc_repl(LyVM *vm) {
    Repl r;
    memset(&r, 0, sizeof r);
    r.vm = vm;
    r.history = history_path();
    edit_init(&r);
    ly_set_messages(vm, on_message, NULL);
    {
        LyExpr v = NULL;
        if (ly_eval_string(vm, "$HistoryLength = Infinity; $Line = 1;", (size_t)-1, NULL, &v) == LY_OK) ly_decref(vm, v);
    }
    printf("Lyra %s (?Name for help, Quit[] or Ctrl-D to leave)\n\n", LY_VERSION_STRING);
    fflush(stdout);
    for (;;) {
        char prompt[48], cont[48];
        int pw = snprintf(prompt, sizeof prompt, "In[%" PRId64 "]:= ", ly_line(vm));
        if (pw < 0 || pw >= (int)sizeof cont) pw = (int)sizeof cont - 1;
        memset(cont, ' ', (size_t)pw);
        cont[pw] = 0;
        char *line = NULL;
        int got = read_line(&r, r.len ? cont : prompt, &line);
        if (got == LINE_INTR) { r.len = 0; continue; }
        if (got == LINE_EOF) {
            if (r.len) { r.len = 0; fputs("\n", stdout); continue; }   /* drop the half entry */
            fputs("\n", stdout);
            break;
        }
        bool ok = append_line(&r, line);
        free(line);
        if (!ok) { fputs("lyra: out of memory\n", stderr); r.len = 0; continue; }
        if (blank(r.entry, r.len)) { r.len = 0; continue; }
        if (ly_input_incomplete(r.entry, r.len)) continue;
        edit_add_history(&r, r.entry);
        eval_entry(&r);
        r.len = 0;
        if (r.quit) break;
    }
    edit_done(&r);
    free(r.rbuf);
    free(r.entry);
    free(r.history);
    fflush(stdout);
    return r.quit ? r.quit - 1 : 0;
}
