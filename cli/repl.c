/*
 * repl.c — the interactive session: In[n]:= / Out[n]= in the style of the
 * Wolfram text kernel.
 *
 * Line input: with libedit (LY_HAVE_LIBEDIT) we use the readline callback
 * interface driven by our own poll() on stdin and the Ctrl-C self-pipe, as
 * CPython does, so that Ctrl-C at the prompt clears the line instead of
 * killing the session and libedit never installs signal handlers of its
 * own.  Without libedit, a plain read() loop does the same with no editing.
 *
 * One entry is read until ly_input_incomplete() says it is finished (open
 * brackets continue on the next line with a prompt of spaces), evaluated
 * with Ctrl-C armed, recorded with ly_set_out() so %, %% and %n work, and
 * printed in OutputForm unless it is Null.  Syntax errors do not use up a
 * line number, as in Wolfram.
 *
 * Threads: everything here runs on the evaluation thread made by main.c.
 * The readline callbacks take no user data, so the session being read is
 * reached through one static pointer (there is only one terminal).
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
#  include <editline/readline.h>
#  include <langinfo.h>
#  include <locale.h>
#endif

#define LYC_HISTORY_MAX 1000

typedef struct Repl {
    LyVM *vm;
    char *entry;            /* the lines of the entry being read */
    size_t len, cap;
    char *history;          /* history file, or NULL for none */
    int quit;               /* exit status + 1 after Quit[n], else 0 */
#ifdef LY_HAVE_LIBEDIT
    bool got_line;          /* set by on_line */
    char *line;             /* what on_line received (malloc'd; NULL = EOF) */
    char **names;           /* completion candidates */
    size_t nnames, inames, capnames;
#else
    char rbuf[4096];        /* bytes read past the last line */
    size_t rlen;
#endif
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
        if (p[0].revents) return LINE_OK;
    }
}

#ifdef LY_HAVE_LIBEDIT
/* ---- libedit ------------------------------------------------------------------------ */

static Repl *the_repl;

static void on_line(char *line) {
    the_repl->got_line = true;
    the_repl->line = line;
    rl_callback_handler_remove();       /* back to cooked mode while we evaluate */
}

/* Reads a line with editing; *out is malloc'd. */
static int read_line(Repl *r, const char *prompt, char **out) {
    r->got_line = false;
    r->line = NULL;
    rl_callback_handler_install(prompt, on_line);
    for (;;) {
        int w = wait_input();
        if (w == LINE_INTR) {
            rl_callback_handler_remove();
            fputs("\n", stdout);
            fflush(stdout);
            return LINE_INTR;
        }
        if (w == LINE_EOF) { rl_callback_handler_remove(); return LINE_EOF; }
        rl_callback_read_char();
        if (r->got_line) {
            *out = r->line;
            return r->line ? LINE_OK : LINE_EOF;
        }
    }
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

static char *complete_name(const char *text, int state) {
    Repl *r = the_repl;
    if (state == 0) {
        r->nnames = r->inames = 0;
        ly_complete(r->vm, text, collect_name, r);
        qsort(r->names, r->nnames, sizeof *r->names, cmp_names);
    }
    while (r->inames < r->nnames) {
        const char *n = r->names[r->inames++];
        if (r->inames > 1 && !strcmp(n, r->names[r->inames - 2])) continue;
        return strdup(n);
    }
    return NULL;
}

static char **complete(const char *text, int start, int end) {
    (void)start; (void)end;
    rl_attempted_completion_over = 1;   /* never fall back to file names */
    return rl_completion_matches(text, complete_name);
}

static void edit_init(Repl *r) {
    static char breaks[] = " \t\n\"\\'@><=;|&{([,+-*/^!~}])%?:.#";
    the_repl = r;
    /* libedit edits multibyte characters only in a UTF-8 LC_CTYPE; in the
     * "C" locale every program starts in it drops them ("café" -> "caf").
     * Lyra's strings are UTF-8 whatever the environment says, so fall back
     * to C.UTF-8.  Only LC_CTYPE: numbers keep the "C" format. */
    if (!setlocale(LC_CTYPE, "") || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
        if (!setlocale(LC_CTYPE, "C.UTF-8")) setlocale(LC_CTYPE, "C.utf8");
    rl_catch_signals = 0;               /* Ctrl-C is ours (signals.c) */
    rl_readline_name = "lyra";
    rl_initialize();
    rl_attempted_completion_function = complete;
    rl_completer_word_break_characters = breaks;
    rl_basic_word_break_characters = breaks;
    rl_completion_append_character = '\0';
    using_history();
    stifle_history(LYC_HISTORY_MAX);
    if (r->history) read_history(r->history);
}

static void edit_add_history(Repl *r, const char *entry) {
    HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    if (last && last->line && !strcmp(last->line, entry)) return;
    add_history(entry);
    if (r->history) write_history(r->history);   /* now: Quit[] calls exit() */
}

static void edit_done(Repl *r) {
    free(r->names);
    r->names = NULL;
}

#else
/* ---- plain terminal ---------------------------------------------------------------------- */

static int read_line(Repl *r, const char *prompt, char **out) {
    fputs(prompt, stdout);
    fflush(stdout);
    for (;;) {
        char *nl = memchr(r->rbuf, '\n', r->rlen);
        if (nl) {
            size_t n = (size_t)(nl - r->rbuf);
            char *s = malloc(n + 1);
            if (!s) return LINE_EOF;
            memcpy(s, r->rbuf, n);
            s[n] = 0;
            memmove(r->rbuf, nl + 1, r->rlen - n - 1);
            r->rlen -= n + 1;
            *out = s;
            return LINE_OK;
        }
        if (r->rlen == sizeof r->rbuf) r->rlen = 0;   /* overlong line: drop it */
        int w = wait_input();
        if (w == LINE_INTR) { r->rlen = 0; fputs("\n", stdout); return LINE_INTR; }
        if (w == LINE_EOF) return LINE_EOF;
        ssize_t k = read(STDIN_FILENO, r->rbuf + r->rlen, sizeof r->rbuf - r->rlen);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            if (r->rlen == 0) return LINE_EOF;
            r->rbuf[r->rlen] = '\n';        /* a last line without newline */
            r->rlen++;
            continue;
        }
        r->rlen += (size_t)k;
    }
}

static void edit_init(Repl *r) { (void)r; }
static void edit_add_history(Repl *r, const char *entry) { (void)r; (void)entry; }
static void edit_done(Repl *r) { (void)r; }
#endif

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
    fwrite(text, 1, n, f);
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

/* Is the entry just the word w (Quit, Exit), blanks around it? */
static bool entry_is(const Repl *r, const char *w) {
    size_t a = 0, b = r->len, n = strlen(w);
    while (a < b && isspace((unsigned char)r->entry[a])) a++;
    while (b > a && isspace((unsigned char)r->entry[b - 1])) b--;
    return b - a == n && !memcmp(r->entry + a, w, n);
}

/* Evaluates one complete entry and prints Out[n]. */
static void eval_entry(Repl *r) {
    LyVM *vm = r->vm;
    int64_t n = ly_line(vm);
    /* the text kernel leaves on a bare Quit or Exit too */
    if (entry_is(r, "Quit") || entry_is(r, "Exit")) { r->quit = 1; return; }
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
    free(r.entry);
    free(r.history);
    fflush(stdout);
    return r.quit ? r.quit - 1 : 0;
}
