/* replay.c — a fuzz harness without libFuzzer: runs LLVMFuzzerTestOneInput
 * once on every file named on the command line (a directory: every file in
 * it).  Linked with each fuzz/fuzz_NAME.c in every build (any compiler), it
 * makes fuzz/regressions (every input a fuzzer ever found) and the seed
 * corpus part of `make test` and `make test-asan`: a finding that comes back
 * aborts the harness and fails the test, with the file's name printed first.
 * Exit 0: every input ran.  */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

static int run_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "replay: %s: %s\n", path, strerror(errno)); return 1; }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap *= 2);
            if (!nb) { free(buf); buf = NULL; }
            else buf = nb;
        }
    }
    fclose(f);
    if (!buf) { fprintf(stderr, "replay: %s: out of memory\n", path); return 1; }
    fprintf(stderr, "replay: %s\n", path);
    /* libFuzzer hands the harness a copy it may not keep: a fresh block of
     * exactly n bytes, so a read past the input is caught by ASan */
    uint8_t *in = malloc(n ? n : 1);
    if (!in) { free(buf); return 1; }
    memcpy(in, buf, n);
    free(buf);
    LLVMFuzzerTestOneInput(in, n);
    free(in);
    return 0;
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int run_path(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) { fprintf(stderr, "replay: %s: %s\n", path, strerror(errno)); return 1; }
    if (!S_ISDIR(st.st_mode)) return run_file(path);
    DIR *d = opendir(path);
    if (!d) { fprintf(stderr, "replay: %s: %s\n", path, strerror(errno)); return 1; }
    char **names = NULL;
    size_t k = 0, cap = 0;
    int bad = 0;
    for (struct dirent *de; (de = readdir(d));) {
        if (de->d_name[0] == '.') continue;
        if (k == cap) {
            char **nn = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *names);
            if (!nn) { bad = 1; break; }
            names = nn;
        }
        size_t len = strlen(path) + strlen(de->d_name) + 2;
        if (!(names[k] = malloc(len))) { bad = 1; break; }
        snprintf(names[k++], len, "%s/%s", path, de->d_name);
    }
    closedir(d);
    if (k) qsort(names, k, sizeof *names, cmp);     /* the same order every run */
    for (size_t i = 0; i < k; i++) {
        struct stat fs;
        if (!bad && stat(names[i], &fs) == 0 && S_ISREG(fs.st_mode)) bad |= run_file(names[i]);
        free(names[i]);
    }
    free(names);
    return bad;
}

int main(int argc, char **argv) {
    if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
    int bad = 0;
    for (int i = 1; i < argc; i++) bad |= run_path(argv[i]);
    if (argc < 2) fprintf(stderr, "usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
    return argc < 2 || bad;
}
