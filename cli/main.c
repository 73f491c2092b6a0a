/*
 * main.c — the lyra command: runs scripts, evaluates -e code, starts the REPL.
 *
 *   lyra FILE.ly [args]   run a script (prints only what it prints)
 *   lyra -e CODE          print the last result in InputForm (nothing for Null)
 *   lyra -                read a script from standard input
 *   lyra                  the REPL
 * Exit status: 0 ok, 1 uncaught error/abort/syntax error, 2 usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lyra.h"

static char *read_all(FILE *f, size_t *len) {
    size_t cap = 1 << 16, n = 0;
    char *p = malloc(cap);
    if (!p) return NULL;
    for (;;) {
        if (n + 4096 > cap) {
            char *q = realloc(p, cap *= 2);
            if (!q) { free(p); return NULL; }
            p = q;
        }
        size_t k = fread(p + n, 1, cap - n - 1, f);
        n += k;
        if (k == 0) break;
    }
    p[n] = 0;
    *len = n;
    return p;
}

static int run_source(LyVM *vm, const char *src, size_t len, const char *chunk, int print_last) {
    LyExpr r = NULL;
    LyStatus st = ly_eval_string(vm, src, len, chunk, &r);
    if (st == LY_ERRSYNTAX) {
        fprintf(stderr, "%s\n", ly_errmsg(vm));
        return 1;
    }
    if (print_last && r && !ly_is_symbol(r, "Null")) {
        char *s = ly_tostring(vm, r, LY_FORM_INPUT);
        if (s) { printf("%s\n", s); ly_free(vm, s); }
    }
    if (r) ly_decref(vm, r);
    if (st == LY_ABORTED && print_last) printf("$Aborted\n");
    return st == LY_OK ? 0 : 1;
}

int main(int argc, char **argv) {
    LyVM *vm = ly_new(NULL, NULL);
    if (!vm) { fprintf(stderr, "lyra: out of memory\n"); return 1; }
    int rc = 0;
    if (argc >= 3 && !strcmp(argv[1], "-e")) {
        rc = run_source(vm, argv[2], strlen(argv[2]), "<-e>", 1);
    } else if (argc >= 2) {
        const char *path = argv[1];
        FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
        if (!f) { fprintf(stderr, "lyra: cannot open %s\n", path); ly_close(vm); return 2; }
        size_t len;
        char *src = read_all(f, &len);
        if (f != stdin) fclose(f);
        if (!src) { fprintf(stderr, "lyra: out of memory\n"); ly_close(vm); return 1; }
        ly_set_argv(vm, argc - 1, argv + 1);
        rc = run_source(vm, src, len, strcmp(path, "-") ? path : "<stdin>", 0);
        free(src);
    } else {
        fprintf(stderr, "usage: lyra FILE.ly | lyra -e CODE | lyra -\n");
        rc = 2;
    }
    ly_close(vm);
    return rc;
}
