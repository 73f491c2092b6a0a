/*
 * main.c — the lyra command: runs scripts, evaluates -e code, starts the REPL.
 *
 *   lyra [options] FILE.ly [args]   run a script (prints only what it prints)
 *   lyra [options] -e CODE [args]   print the last result in InputForm
 *   lyra [options] - [args]         read a script from standard input
 *   lyra [options]                  the REPL (a script from stdin if stdin
 *                                   is not a terminal)
 * Exit status: 0 ok, 1 uncaught error/abort/syntax error, 2 usage.
 *
 * Everything after the command line is parsed runs on one thread with a
 * large stack (1 GiB reserved, committed lazily by the kernel) and the VM is
 * told that budget, so deep recursion ends in $RecursionLimit messages, not
 * in a segfault.  The CLI uses only lyra.h, like any other host.
 */
#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

enum { LYC_OK = 0, LYC_FAIL = 1, LYC_USAGE = 2 };

typedef enum Mode { MODE_REPL, MODE_FILE, MODE_STDIN, MODE_CODE } Mode;

typedef struct Cli {
    Mode mode;
    const char *code;       /* MODE_CODE */
    const char *path;       /* MODE_FILE */
    int nargs;              /* $ScriptCommandLine: {name, args...} */
    char **args;
    char *src;              /* MODE_FILE, MODE_STDIN: the script */
    size_t len;
    size_t stack;           /* bytes of the evaluation thread's stack; 0 unknown */
    size_t max_memory;      /* --max-memory: the VM's memory budget; 0 none */
    bool pinned;            /* the thread starts on our CPU; then gets `cpus` back */
    cpu_set_t cpus;
    int status;
} Cli;

static const char usage_text[] =
    "usage: lyra [options] [FILE.ly | -e CODE | -] [args...]\n"
    "\n"
    "  FILE.ly [args]   run a script; args are in $ScriptCommandLine\n"
    "  -e CODE          evaluate CODE and print the last result (InputForm);\n"
    "                   also -c, -code (as in wolframscript)\n"
    "  -f FILE          run FILE as a script, even if its name starts with '-';\n"
    "                   also -file, -script\n"
    "  -                read the script from standard input\n"
    "  (nothing)        interactive session when stdin is a terminal,\n"
    "                   otherwise read the script from standard input\n"
    "\n"
    "options:\n"
    "  --threads N      size of the default thread pool (sets LYRA_THREADS)\n"
    "  --max-memory N   memory budget of the evaluation (bytes; suffix K, M, G);\n"
    "                   past it the evaluation stops with General::nomem\n"
    "  --cluster        join an MPI job (automatic under mpirun): rank 0 runs the\n"
    "                   script, the other ranks evaluate its Parallel* work\n"
    "  --version        print the version and exit\n"
    "  -h, --help       print this help and exit\n"
    "\n"
    "exit status: 0 ok, 1 error, abort or syntax error, 2 usage\n";

static int usage_error(const char *fmt, const char *arg) {
    fputs("lyra: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'lyra --help' for more information.\n", stderr);
    return LYC_USAGE;
}

/* ---- reading sources ----------------------------------------------------------- */

/* The whole of f in a malloc'd, NUL-terminated buffer; NULL with errno set. */
static char *read_all(FILE *f, size_t *len) {
    size_t cap = 1 << 14, n = 0;
    char *p = malloc(cap);
    if (!p) return NULL;
    for (;;) {
        if (cap - n < 2) {
            char *q = realloc(p, cap *= 2);
            if (!q) { free(p); errno = ENOMEM; return NULL; }
            p = q;
        }
        size_t k = fread(p + n, 1, cap - n - 1, f);
        n += k;
        if (k == 0) break;
    }
    if (ferror(f)) { int e = errno; free(p); errno = e ? e : EIO; return NULL; }
    p[n] = 0;
    *len = n;
    return p;
}

/* Skips a "#!" first line but keeps its newline, so line numbers in
 * messages stay right.  (The parser skips it too; this keeps scripts
 * working with any parser.) */
static size_t shebang_len(const char *src, size_t len) {
    if (len < 2 || src[0] != '#' || src[1] != '!') return 0;
    const char *nl = memchr(src, '\n', len);
    return nl ? (size_t)(nl - src) : len;
}

/* ---- running ---------------------------------------------------------------------- */

bool lyc_input_is(const char *s, size_t n, const char *w) {
    size_t a = 0, b = n, k = strlen(w);
    while (a < b && isspace((unsigned char)s[a])) a++;
    while (b > a && isspace((unsigned char)s[b - 1])) b--;
    return b - a == k && !memcmp(s + a, w, k);
}

static void print_result(LyVM *vm, LyExpr r) {
    if (!r || ly_is_symbol(r, "Null")) return;
    char *s = ly_tostring(vm, r, LY_FORM_INPUT);
    if (s) { fputs(s, stdout); fputc('\n', stdout); ly_free(vm, s); }
    fflush(stdout);
}

/* Evaluates one source: -e code (print_last: parsed whole, the last result
 * printed) or a script (read and evaluated statement by statement, as
 * wolframscript does: a syntax error stops it after the statements before). */
static int run_source(LyVM *vm, const char *src, size_t len, const char *chunk, bool print_last) {
    LyExpr r = NULL;
    lyc_signals_arm(vm);
    LyStatus st = print_last ? ly_eval_string(vm, src, len, chunk, &r)
                             : ly_eval_script(vm, src, len, chunk, &r);
    lyc_signals_disarm();
    lyc_signals_take();
    fflush(stdout);
    if (st == LY_QUIT) {
        if (r) ly_decref(vm, r);
        return ly_quit_code(vm);
    }
    if (st == LY_ERRSYNTAX || st == LY_ERRIO || st == LY_ERRARG) {
        fprintf(stderr, "%s\n", ly_errmsg(vm));
        return LYC_FAIL;
    }
    if (print_last) print_result(vm, r);
    else if (st == LY_ABORTED) fputs("$Aborted\n", stderr);
    else if (st == LY_ERRMEM) fprintf(stderr, "lyra: %s\n", ly_errmsg(vm));
    if (r) ly_decref(vm, r);
    return st == LY_OK ? LYC_OK : LYC_FAIL;
}

/* Reads the script (file or stdin) into c->src before any VM exists, so a
 * missing file fails fast.  Returns -1 on success, else the exit status. */
static int load_script(Cli *c) {
    FILE *f = c->mode == MODE_FILE ? fopen(c->path, "rb") : stdin;
    if (!f) {
        fprintf(stderr, "lyra: cannot open %s: %s\n", c->path, strerror(errno));
        return LYC_USAGE;
    }
    char *src = read_all(f, &c->len);
    int err = errno;
    if (f != stdin) fclose(f);
    if (!src) {
        fprintf(stderr, "lyra: cannot read %s: %s\n",
                c->mode == MODE_FILE ? c->path : "standard input", strerror(err));
        return c->mode == MODE_FILE ? LYC_USAGE : LYC_FAIL;
    }
    c->src = src;
    return -1;
}

/* $InputFileName: the script's full name, as wolframscript -file sets it
 * (scripts find files beside them with DirectoryName[$InputFileName]). */
static void set_input_file_name(LyVM *vm, const char *path) {
    char *abs = realpath(path, NULL);
    LyExpr args[2] = { ly_symbol(vm, "$InputFileName"), ly_cstring(vm, abs ? abs : path) }, r = NULL;
    free(abs);
    if (args[1] && ly_call(vm, "Set", 2, args, &r) == LY_OK) ly_decref(vm, r);
    ly_decref(vm, args[1]);
}

/* The body of the big-stack thread. */
static void *cli_thread(void *arg) {
    Cli *c = arg;
    if (c->pinned) sched_setaffinity(0, sizeof c->cpus, &c->cpus);  /* threads we start inherit it */
    LyVM *vm = ly_new(NULL, NULL);
    if (!vm) {
        fputs("lyra: cannot create the VM (out of memory)\n", stderr);
        c->status = LYC_FAIL;
        return NULL;
    }
    if (c->stack) ly_set_stack_limit(vm, c->stack - ((size_t)1 << 20));
    if (c->max_memory) ly_set_max_memory(vm, c->max_memory);
    if (c->nargs > 0) ly_set_argv(vm, c->nargs, c->args);
    switch (c->mode) {
    case MODE_CODE: {
        size_t n = strlen(c->code);
        /* Quit or Exit as the whole input leaves, as at the REPL */
        if (lyc_input_is(c->code, n, "Quit") || lyc_input_is(c->code, n, "Exit")) c->status = LYC_OK;
        else c->status = run_source(vm, c->code, n, "<-e>", true);
        break;
    }
    case MODE_FILE:
    case MODE_STDIN: {
        if (c->mode == MODE_FILE) set_input_file_name(vm, c->path);
        size_t skip = shebang_len(c->src, c->len);
        c->status = run_source(vm, c->src + skip, c->len - skip,
                               c->mode == MODE_FILE ? c->path : "<stdin>", false);
        break;
    }
    case MODE_REPL:
        c->status = lyc_repl(vm);
        break;
    }
    ly_close(vm);
    return NULL;
}

/* Runs cli_thread on a thread with the largest stack we can get; falls
 * back to smaller reservations (strict overcommit, low ulimit -v) and in the
 * end to the calling thread with the VM's default budget.
 *
 * The thread is created on the CPU we are running on (this one only waits
 * for it): left to the scheduler it is often placed on an idle CPU, and on
 * a virtual machine waking that CPU costs milliseconds — a large part of
 * the start-up time.  It restores the full CPU set first thing. */
static void run_big_stack(Cli *c) {
    static const size_t sizes[] = { (size_t)1 << 30, (size_t)256 << 20, (size_t)64 << 20, (size_t)16 << 20 };
    cpu_set_t here;
    int cpu = sched_getcpu();
    CPU_ZERO(&here);
    if (cpu >= 0 && cpu < CPU_SETSIZE && sched_getaffinity(0, sizeof c->cpus, &c->cpus) == 0)
        CPU_SET(cpu, &here);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        pthread_attr_t attr;
        pthread_t t;
        if (pthread_attr_init(&attr) != 0) break;
        int ok = pthread_attr_setstacksize(&attr, sizes[i]) == 0;
        c->pinned = CPU_COUNT(&here) == 1 && pthread_attr_setaffinity_np(&attr, sizeof here, &here) == 0;
        c->stack = sizes[i];
        ok = ok && pthread_create(&t, &attr, cli_thread, c) == 0;
        pthread_attr_destroy(&attr);
        if (ok) { pthread_join(t, NULL); return; }
    }
    c->stack = 0;
    c->pinned = false;
    cli_thread(c);
}

/* ---- clusters ------------------------------------------------------------------------------ */

/* Under mpirun (or with --cluster) the MPI transport is loaded from
 * liblyra_mpi.so: next to the lyra executable (the build tree), in the
 * installed library directory, or where LYRA_MPI_MODULE says.  A plain
 * `lyra` never loads it, so it never pays for MPI. */
static bool under_mpirun(void) {
    return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMIX_RANK") || getenv("PMI_RANK");
}

static void *load_module(char *tried, size_t tlen) {
    char exe[PATH_MAX], path[PATH_MAX + 32];
    const char *env = getenv("LYRA_MPI_MODULE");
    const char *dirs[3] = { NULL, LY_MODULE_DIR, NULL };
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) { *slash = 0; dirs[0] = exe; }
    }
    tried[0] = 0;
    if (env && *env) {
        void *h = dlopen(env, RTLD_NOW | RTLD_GLOBAL);
        if (h) return h;
        snprintf(tried, tlen, "%s", dlerror());
        return NULL;
    }
    for (int i = 0; i < 2; i++) {
        if (!dirs[i]) continue;
        snprintf(path, sizeof path, "%s/liblyra_mpi.so", dirs[i]);
        void *h = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
        if (h) return h;
        const char *e = dlerror();
        if (!tried[0] || access(path, F_OK) == 0) snprintf(tried, tlen, "%.400s", e ? e : path);
    }
    return NULL;
}

/* One worker thread per core this rank may use: the machine's CPUs shared
 * by the ranks on it, unless --threads or LYRA_THREADS says otherwise. */
static void cluster_threads(int local_size) {
    if (getenv("LYRA_THREADS")) return;
    cpu_set_t set;
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    int mine = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : (int)online;
    long n = online / (local_size > 0 ? local_size : 1);
    if (mine < n) n = mine;
    if (n < 1) n = 1;
    char buf[16];
    snprintf(buf, sizeof buf, "%ld", n);
    setenv("LYRA_THREADS", buf, 1);
}

typedef int (*TransportFn)(LyTransport *, char *, size_t);

/* Joins the MPI job.  Returns -1 to go on as rank 0, else the exit status
 * of this process (ranks > 0 serve until rank 0 is done). */
static int cluster_start(void) {
    char why[512];
    void *h = load_module(why, sizeof why);
    if (!h) {
        fprintf(stderr, "lyra: cannot load the MPI transport liblyra_mpi.so (%s); "
                        "clusters need Open MPI (libopenmpi-dev, openmpi-bin)\n", why[0] ? why : "not found");
        return LYC_FAIL;
    }
    TransportFn fn = (TransportFn)(uintptr_t)dlsym(h, "lyra_mpi_transport");
    LyTransport t;
    if (!fn || fn(&t, why, sizeof why) != 0) {
        fprintf(stderr, "lyra: cannot start MPI: %s\n", fn ? why : "liblyra_mpi.so has no lyra_mpi_transport");
        return LYC_FAIL;
    }
    cluster_threads(t.local_size);
    LyStatus st = ly_cluster_open(&t);
    if (st != LY_OK) {
        fprintf(stderr, "lyra: rank %d cannot join the cluster (%s)\n", t.rank,
                st == LY_ERRIO ? "rank 0 did not answer" : "out of memory");
        return LYC_FAIL;
    }
    if (t.rank != 0) return ly_cluster_serve();
    return -1;
}

/* ---- command line ------------------------------------------------------------------------ */

static int parse_threads(const char *s) {
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (errno || end == s || *end || n < 1 || n > 65536) return -1;
    return (int)n;
}

/* "512M", "2G", "1000000": bytes, or 0 when malformed. */
static size_t parse_size(const char *s) {
    char *end;
    errno = 0;
    unsigned long long n = strtoull(s, &end, 10);
    if (errno || end == s || *s == '-') return 0;
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k') shift = 10;
    else if (*end == 'M' || *end == 'm') shift = 20;
    else if (*end == 'G' || *end == 'g') shift = 30;
    else if (*end) return 0;
    if (shift && end[1]) return 0;
    if (n > (SIZE_MAX >> shift)) return 0;
    return (size_t)n << shift;
}

/* wolframscript's spellings are accepted beside lyra's own */
static bool is_code_option(const char *a) {
    return !strcmp(a, "-e") || !strcmp(a, "-c") || !strcmp(a, "-code") || !strcmp(a, "--code");
}

static bool is_file_option(const char *a) {
    return !strcmp(a, "-f") || !strcmp(a, "-file") || !strcmp(a, "--file") || !strcmp(a, "-script");
}

int main(int argc, char **argv) {
    Cli cli;
    memset(&cli, 0, sizeof cli);
    Cli *c = &cli;
    c->mode = MODE_REPL;
    bool cluster = false;
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage_text, stdout);
            return LYC_OK;
        } else if (!strcmp(a, "--version") || !strcmp(a, "-version")) {
            printf("Lyra %s\n", LY_VERSION_STRING);
            return LYC_OK;
        } else if (!strcmp(a, "--threads") || !strncmp(a, "--threads=", 10)) {
            const char *v = a[9] == '=' ? a + 10 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v) return usage_error("option '%s' needs a number", "--threads");
            if (parse_threads(v) < 0) return usage_error("--threads needs an integer >= 1, not '%s'", v);
            setenv("LYRA_THREADS", v, 1);
        } else if (!strcmp(a, "--max-memory") || !strncmp(a, "--max-memory=", 13)) {
            const char *v = a[12] == '=' ? a + 13 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v) return usage_error("option '%s' needs a size", "--max-memory");
            if (!(c->max_memory = parse_size(v)))
                return usage_error("--max-memory needs a size such as 512M or 2G, not '%s'", v);
        } else if (!strcmp(a, "--cluster")) {
            cluster = true;
        } else if (is_code_option(a)) {         /* -c, -code: wolframscript's spelling */
            if (i + 1 >= argc) return usage_error("option '%s' needs an argument", a);
            c->mode = MODE_CODE;
            c->code = argv[++i];
            break;
        } else if (!strcmp(a, "-")) {
            c->mode = MODE_STDIN;
            break;
        } else if (!strcmp(a, "--")) {
            if (i + 1 < argc) { c->mode = MODE_FILE; c->path = argv[++i]; }
            break;
        } else if (is_file_option(a)) {         /* -f, -file, -script: wolframscript's */
            if (i + 1 >= argc) return usage_error("option '%s' needs a file name", a);
            c->mode = MODE_FILE;
            c->path = argv[++i];
            if (!strcmp(c->path, "-")) c->mode = MODE_STDIN;
            break;
        } else if (a[0] == '-') {
            return usage_error("unknown option '%s'", a);
        } else {
            c->mode = MODE_FILE;
            c->path = a;
            break;
        }
    }
    if (c->mode == MODE_REPL && !isatty(STDIN_FILENO)) c->mode = MODE_STDIN;

    /* $ScriptCommandLine: {script, args...}; "-e" and "-" name the source
     * when there is no file.  i indexes the last argument lyra consumed. */
    if (c->mode == MODE_STDIN) c->path = "-";
    if (c->mode != MODE_REPL) {
        int rest = i + 1 < argc ? argc - i - 1 : 0;
        c->args = malloc(sizeof(char *) * (size_t)(rest + 2));
        if (!c->args) { fputs("lyra: out of memory\n", stderr); return LYC_FAIL; }
        c->args[0] = (char *)(c->mode == MODE_CODE ? "-e" : c->path);
        for (int k = 0; k < rest; k++) c->args[k + 1] = argv[i + 1 + k];
        c->args[rest + 1] = NULL;
        c->nargs = rest + 1;
    }

    if (cluster || under_mpirun()) {
        int rc = cluster_start();
        if (rc >= 0) { free(c->args); return rc; }
    }
    if (c->mode == MODE_FILE || c->mode == MODE_STDIN) {
        int rc = load_script(c);
        if (rc >= 0) { free(c->args); return rc; }
    }
    if (!lyc_signals_init()) {
        fprintf(stderr, "lyra: cannot set up signal handling: %s\n", strerror(errno));
        return LYC_FAIL;
    }
    run_big_stack(c);
    ly_cluster_close();
    free(c->args);
    free(c->src);
    /* output that could not be written (a full disk; a closed pipe is
     * SIGPIPE) fails the run, as it does any Unix filter */
    errno = 0;
    if ((fflush(stdout) != 0 || ferror(stdout)) && c->status == LYC_OK) {
        fprintf(stderr, "lyra: error writing standard output%s%s\n", errno ? ": " : "", errno ? strerror(errno) : "");
        c->status = LYC_FAIL;
    }
    return c->status;
}
