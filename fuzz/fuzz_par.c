/* fuzz_par.c — the evaluator with the parallel layer: ParallelMap and its
 * kin, futures, channels and pools, run on real worker threads.  Each input
 * is parsed and evaluated in a fresh VM as in fuzz_eval (time and memory
 * budget; the VM's memory budget holds in the worker VMs running its tasks
 * too); closing the VM shuts the default pool down, so no task outlives its
 * input.
 *
 * Sandbox: worker VMs are made by the parallel layer with every builtin, out
 * of reach of fuzz_common.h's stubs.  Two guards keep files safe:
 *   - an input naming a builtin that touches files, the environment or the
 *     clock, or one that turns data into symbols (ToExpression, Symbol,
 *     BinaryDeserialize, ...), is skipped before it is evaluated;
 *   - where the kernel has Landlock, the process may write only beneath the
 *     directories given on the command line (corpus, artifacts) and /tmp.
 */
#include <linux/landlock.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <fcntl.h>
#include <unistd.h>
#include "fuzz_common.h"

/* Names no input may mention (besides fuzz_blocked): what makes symbols
 * out of strings or bytes, and what reads or writes outside the VM. */
static const char *const par_denied[] = {
    "ToExpression", "Symbol", "BinaryDeserialize", "ImportString", "ImportByteArray",
    "Information", "Definition", "Read", "MakeExpression", "ToHeldExpression", "Uncompress",
    "Interpreter", "Environment", "Streams", NULL
};
static const char *const par_denied_parts[] = {
    "File", "Directory", "Open", "Write", "Read", "Put", "Import", "Export", "Delete",
    "Rename", "Copy", "Create", "Environment", "Process", "Run", "Lua", "Library", NULL
};

static bool denied_name(const char *n) {
    const char *tick = strrchr(n, '`');
    if (tick) n = tick + 1;
    for (int i = 0; fuzz_blocked[i]; i++) if (!strcmp(n, fuzz_blocked[i])) return true;
    for (int i = 0; par_denied[i]; i++) if (!strcmp(n, par_denied[i])) return true;
    for (int i = 0; par_denied_parts[i]; i++) if (strstr(n, par_denied_parts[i])) return true;
    return false;
}

/* True when e mentions a denied symbol anywhere (iterative: inputs nest). */
static bool denied(LyExpr e) {
    LyExpr stack[4096];
    size_t n = 0;
    stack[n++] = e;
    while (n) {
        LyExpr x = stack[--n];
        if (ly_is_sym(x)) { if (denied_name(ly_symbol_name(x))) return true; continue; }
        if (!ly_is_normal(x)) continue;
        if (n + ly_nlen(x) + 1 > sizeof stack / sizeof *stack) return true;   /* too big to vet */
        stack[n++] = ly_nhead(x);
        for (size_t i = 1; i <= ly_nlen(x); i++) stack[n++] = ly_narg(x, i);
    }
    return false;
}

/* Landlock: writes only beneath the given directories.  False when the
 * kernel has no Landlock (the name guard alone then). */
static bool landlock_writes_only(const char *const *dirs, int ndirs) {
#ifdef LANDLOCK_CREATE_RULESET_VERSION
    long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    if (abi < 1) return false;
    uint64_t w = LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_DIR |
                 LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
                 LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG |
                 LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
                 LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;
#ifdef LANDLOCK_ACCESS_FS_REFER
    if (abi >= 2) w |= LANDLOCK_ACCESS_FS_REFER;
#endif
#ifdef LANDLOCK_ACCESS_FS_TRUNCATE
    if (abi >= 3) w |= LANDLOCK_ACCESS_FS_TRUNCATE;
#endif
    struct landlock_ruleset_attr ra = { .handled_access_fs = w };
    int rs = (int)syscall(SYS_landlock_create_ruleset, &ra, sizeof ra, 0);
    if (rs < 0) return false;
    uint64_t wfile = LANDLOCK_ACCESS_FS_WRITE_FILE;     /* what a rule on a file may grant */
#ifdef LANDLOCK_ACCESS_FS_TRUNCATE
    if (abi >= 3) wfile |= LANDLOCK_ACCESS_FS_TRUNCATE;
#endif
    for (int i = 0; i < ndirs; i++) {
        struct stat st;
        int fd = open(dirs[i], O_PATH | O_CLOEXEC);
        if (fd < 0) continue;
        bool dir = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
        struct landlock_path_beneath_attr pb = { .allowed_access = dir ? w : wfile, .parent_fd = fd };
        syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
        close(fd);
    }
    bool ok = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 &&
              syscall(SYS_landlock_restrict_self, rs, 0) == 0;
    close(rs);
    return ok;
#else
    (void)dirs; (void)ndirs;
    return false;
#endif
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    /* writable: the corpus and artifact directories named on the command
     * line, the directory of -artifact_prefix, /tmp (fork and merge modes),
     * /dev/null */
    static char art[4096];
    const char *dirs[64];
    int nd = 0;
    dirs[nd++] = "/tmp";
    dirs[nd++] = "/dev/null";
    for (int i = 1; i < *argc && nd < 63; i++) {
        const char *a = (*argv)[i];
        if (!strncmp(a, "-artifact_prefix=", 17)) {
            snprintf(art, sizeof art, "%s", a + 17);
            char *slash = strrchr(art, '/');
            if (slash) { *slash = 0; dirs[nd++] = art; } else dirs[nd++] = ".";
        } else if (a[0] != '-') {
            dirs[nd++] = a;
        }
    }
    if (!landlock_writes_only(dirs, nd))
        fprintf(stderr, "fuzz_par: no Landlock here; inputs naming file builtins are skipped\n");
    return 0;
}

/* foreign/lyf.h (internal): what the process's exit does to pools still
 * draining after their last handle went (cancel, then wait a bounded
 * time).  Called after each input, so that no task outlives it and
 * libFuzzer's leak check after the input sees their VMs closed. */
void lyf_pool_atexit(void);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > FUZZ_MAX_INPUT) size = FUZZ_MAX_INPUT;
    LyVM *vm = fuzz_vm_with(1);
    LyExpr e = NULL;
    if (ly_parse(vm, (const char *)data, size, "fuzz", &e) == LY_OK) {
        if (!denied(e)) {
            LyExpr r = fuzz_eval(vm, e, 0.25);
            if (r) {
                char *s = ly_tostring(vm, r, LY_FORM_INPUT);
                ly_free(vm, s);
                ly_decref(vm, r);
            }
        }
        ly_decref(vm, e);
    }
    ly_close(vm);
    lyf_pool_atexit();
    return 0;
}
