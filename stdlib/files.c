/*
 * files.c — file names and the file system: FileNameJoin, FileNameSplit,
 * FileNameTake, FileBaseName, FileExtension, DirectoryName, FileExistsQ,
 * DirectoryQ, FileType, FileByteCount, FileNames, CreateDirectory,
 * DeleteDirectory, DeleteFile, CopyFile, RenameFile, Directory,
 * SetDirectory, ResetDirectory, Environment, SetEnvironment and the
 * $TemporaryDirectory family.  Written against lyra.h + lyra_ext.h (POSIX
 * underneath).
 *
 * The current directory is the process's: SetDirectory calls chdir, as
 * Wolfram's kernel does.  The directory stack lives in the own value of
 * DirectoryStack's helper symbol so it belongs to the VM.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lys_data.h"
#include "lys_io.h"

/* ---- helpers shared with io.c (lys_io.h) ---------------------------------------------------------- */

bool lys_file_arg(LyVM *vm, LyExpr e, size_t pos, const char **path) {
    LyExpr x = ly_narg(e, pos);
    if (ly_head_is(x, ly_symbol(vm, "File")) && ly_nlen(x) == 1) x = ly_narg(x, 1);
    if (ly_is_string(x) && ly_str(x)->len > 0 && !memchr(ly_str(x)->s, 0, ly_str(x)->len)) {
        *path = ly_str(x)->s;
        return true;
    }
    ly_message(vm, ly_nhead(e), "fstr", 1, ly_narg(e, pos));
    return false;
}

LyExpr lys_failed_msg(LyVM *vm, LyExpr e, const char *tag, const char *path) {
    if (!strcmp(tag, "nffil")) { ly_message(vm, ly_nhead(e), tag, 1, ly_nhead(e)); return LY_SYM(DFailed); }
    LyExpr s = ly_cstring(vm, path);
    if (!s) return ly_raise_nomem(vm);
    ly_message(vm, ly_nhead(e), tag, 1, s);
    ly_unref(vm, s);
    return LY_SYM(DFailed);
}

static LyExpr strlist(LyVM *vm, char **v, size_t n) {
    LyExpr l = ly_mknormal(vm, LY_SYM(List), n);
    for (size_t i = 0; l && i < n; i++) {
        LyExpr s = ly_cstring(vm, v[i]);
        if (!s) { lys_abandon(vm, l, i + 1); return NULL; }
        ly_nset(l, i + 1, s);
    }
    return l;
}

/* ---- names ---------------------------------------------------------------------------------------- */

static bool join_part(LyBuf *b, LyExpr x) {
    if (ly_head_is(x, LY_SYM(List))) {
        for (size_t i = 1; i <= ly_nlen(x); i++) if (!join_part(b, ly_narg(x, i))) return false;
        return true;
    }
    if (!ly_is_string(x)) return false;
    const LyString *s = ly_str(x);
    if (s->len == 0) return true;
    if (b->len > 0 && b->p[b->len - 1] != '/') ly_buf_puts(b, "/");
    size_t from = 0;
    if (b->len > 0) while (from < s->len && s->s[from] == '/') from++;
    ly_buf_put(b, s->s + from, s->len - from);
    return true;
}

static LyExpr buf_str(LyVM *vm, LyBuf *b) {
    LyExpr r = b->oom ? ly_raise_nomem(vm) : ly_mkstring(vm, b->p ? b->p : "", b->len);
    ly_buf_free(b);
    return r;
}

static LyExpr b_filenamejoin(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr x = ly_narg(e, 1);
    LyBuf b;
    ly_buf_init(&b, vm);
    if (!ly_head_is(x, LY_SYM(List)) || !join_part(&b, x)) {
        ly_buf_free(&b);
        ly_message(vm, ly_nhead(e), "fstr", 1, x);
        return NULL;
    }
    return buf_str(vm, &b);
}

static bool need_str(LyVM *vm, LyExpr e, size_t pos) {
    if (ly_is_string(ly_narg(e, pos))) return true;
    ly_message(vm, ly_nhead(e), "string", 2, lys_count(pos), e);
    return false;
}

static LyExpr b_filenamesplit(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1) || !need_str(vm, e, 1)) return NULL;
    const LyString *s = ly_str(ly_narg(e, 1));
    size_t n = 0;
    for (size_t i = 0; i < s->len; i++) n += s->s[i] == '/';
    LyExpr l = ly_mknormal(vm, LY_SYM(List), n + 1);
    if (!l) return NULL;
    size_t k = 0, i = 0;
    if (s->len > 0 && s->s[0] == '/') { ly_nset(l, ++k, ly_mkstring(vm, "", 0)); i = 1; }
    while (i <= s->len) {
        size_t j = i;
        while (j < s->len && s->s[j] != '/') j++;
        if (j > i) ly_nset(l, ++k, ly_mkstring(vm, s->s + i, j - i));
        i = j + 1;
    }
    for (size_t q = 1; q <= k; q++) if (!ly_narg(l, q)) { lys_abandon(vm, l, 1); return ly_raise_nomem(vm); }
    LyExpr r = ly_list(vm, k, ly_nargs(l));
    lys_abandon(vm, l, k + 1);
    return r;
}

/* The last path component of s (after the last '/'). */
static const char *base_of(const char *s, size_t len, size_t *blen) {
    size_t i = len;
    while (i > 0 && s[i - 1] != '/') i--;
    *blen = len - i;
    return s + i;
}

static LyExpr b_filenametake(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1) || !need_str(vm, e, 1)) return NULL;
    size_t n;
    const char *b = base_of(ly_str(ly_narg(e, 1))->s, ly_str(ly_narg(e, 1))->len, &n);
    return ly_mkstring(vm, b, n);
}

static LyExpr base_ext(LyVM *vm, LyExpr e, bool ext) {
    if (!lys_argc(vm, e, 1, 1) || !need_str(vm, e, 1)) return NULL;
    size_t n;
    const char *b = base_of(ly_str(ly_narg(e, 1))->s, ly_str(ly_narg(e, 1))->len, &n);
    size_t dot = n;
    while (dot > 0 && b[dot - 1] != '.') dot--;
    if (dot <= 1) return ext ? ly_mkstring(vm, "", 0) : ly_mkstring(vm, b, n);   /* none, or a dot file */
    return ext ? ly_mkstring(vm, b + dot, n - dot) : ly_mkstring(vm, b, dot - 1);
}

static LyExpr b_filebasename(LyVM *vm, LyExpr e) { return base_ext(vm, e, false); }
static LyExpr b_fileextension(LyVM *vm, LyExpr e) { return base_ext(vm, e, true); }

static LyExpr b_directoryname(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1) || !need_str(vm, e, 1)) return NULL;
    const LyString *s = ly_str(ly_narg(e, 1));
    size_t n;
    base_of(s->s, s->len, &n);
    return ly_mkstring(vm, s->s, s->len - n);
}

/* ---- queries ---------------------------------------------------------------------------------------- */

static LyExpr b_fileexistsq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_string(x)) return LY_SYM(False);
    struct stat st;
    return lys_bool(stat(ly_str(x)->s, &st) == 0);
}

static LyExpr b_directoryq(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_string(x)) return LY_SYM(False);
    struct stat st;
    return lys_bool(stat(ly_str(x)->s, &st) == 0 && S_ISDIR(st.st_mode));
}

static LyExpr b_filetype(LyVM *vm, LyExpr e) {
    const char *p;
    if (!lys_argc(vm, e, 1, 1) || !lys_file_arg(vm, e, 1, &p)) return NULL;
    struct stat st;
    if (stat(p, &st) != 0) return LY_SYM(None);
    return ly_symbol(vm, S_ISDIR(st.st_mode) ? "Directory" : "File");
}

static LyExpr b_filebytecount(LyVM *vm, LyExpr e) {
    const char *p;
    if (!lys_argc(vm, e, 1, 1) || !lys_file_arg(vm, e, 1, &p)) return NULL;
    struct stat st;
    if (stat(p, &st) != 0) return lys_failed_msg(vm, e, "fdnfnd", p);
    return ly_int(vm, (int64_t)st.st_size);
}

/* ---- FileNames ------------------------------------------------------------------------------------------- */

typedef struct Names { LyVM *vm; char **v; size_t n, cap; bool oom; } Names;

static void names_add(Names *m, const char *dir, const char *name) {
    if (m->oom) return;
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 32;
        char **v = ly_realloc(m->vm, m->v, m->cap * sizeof *v, cap * sizeof *v);
        if (!v) { m->oom = true; return; }
        m->v = v;
        m->cap = cap;
    }
    size_t dl = dir ? strlen(dir) : 0, nl = strlen(name);
    bool slash = dl > 0 && dir[dl - 1] != '/';
    char *s = ly_alloc(m->vm, dl + slash + nl + 1);
    if (!s) { m->oom = true; return; }
    if (dl) memcpy(s, dir, dl);
    if (slash) s[dl] = '/';
    memcpy(s + dl + slash, name, nl + 1);
    m->v[m->n++] = s;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool match_any(LyExpr pats, const char *name) {
    if (!pats) return true;
    if (ly_is_string(pats)) return fnmatch(ly_str(pats)->s, name, FNM_PERIOD) == 0;
    for (size_t i = 1; i <= ly_nlen(pats); i++)
        if (fnmatch(ly_str(ly_narg(pats, i))->s, name, FNM_PERIOD) == 0) return true;
    return false;
}

static void scan_dir(Names *m, const char *dir, LyExpr pats) {
    DIR *d = opendir(dir ? dir : ".");
    if (!d) return;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..")) continue;
        if (match_any(pats, de->d_name)) names_add(m, dir, de->d_name);
    }
    closedir(d);
}

static bool string_or_strings(LyExpr x) {
    if (ly_is_string(x)) return true;
    if (!ly_head_is(x, LY_SYM(List))) return false;
    for (size_t i = 1; i <= ly_nlen(x); i++) if (!ly_is_string(ly_narg(x, i))) return false;
    return true;
}

static LyExpr b_filenames(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 2)) return NULL;
    LyExpr pats = ly_nlen(e) >= 1 ? ly_narg(e, 1) : NULL;
    if (pats && pats == LY_SYM(All)) pats = NULL;
    if (pats && !string_or_strings(pats)) return NULL;
    LyExpr dirs = ly_nlen(e) == 2 ? ly_narg(e, 2) : NULL;
    if (dirs && !string_or_strings(dirs)) return NULL;
    Names m = { vm, NULL, 0, 0, false };
    if (!dirs) scan_dir(&m, NULL, pats);
    else if (ly_is_string(dirs)) scan_dir(&m, ly_str(dirs)->s, pats);
    else for (size_t i = 1; i <= ly_nlen(dirs); i++) scan_dir(&m, ly_str(ly_narg(dirs, i))->s, pats);
    LyExpr r = NULL;
    if (!m.oom) {
        if (m.n) qsort(m.v, m.n, sizeof *m.v, cmp_names);   /* m.v is NULL when empty */
        r = strlist(vm, m.v, m.n);
    } else ly_raise_nomem(vm);
    for (size_t i = 0; i < m.n; i++) ly_dealloc(vm, m.v[i], strlen(m.v[i]) + 1);
    ly_dealloc(vm, m.v, m.cap * sizeof *m.v);
    return r;
}

/* ---- changing the file system ------------------------------------------------------------------------------ */

static LyExpr b_createdirectory(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 1)) return NULL;
    char tmp[4096];
    const char *p;
    if (ly_nlen(e) == 0) {
        const char *t = getenv("TMPDIR");
        snprintf(tmp, sizeof tmp, "%s/lyraXXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(tmp)) return LY_SYM(DFailed);
        return ly_cstring(vm, tmp);
    }
    if (!lys_file_arg(vm, e, 1, &p)) return NULL;
    struct stat st;
    if (stat(p, &st) == 0) return lys_failed_msg(vm, e, "eexist", p);
    /* make the parents too, as Wolfram does */
    size_t len = strlen(p);
    if (len >= sizeof tmp) return lys_failed_msg(vm, e, "nffil", p);
    memcpy(tmp, p, len + 1);
    for (size_t i = 1; i <= len; i++) {
        if (tmp[i] == '/' || tmp[i] == 0) {
            char c = tmp[i];
            tmp[i] = 0;
            if (mkdir(tmp, 0777) != 0 && errno != EEXIST) return lys_failed_msg(vm, e, "nffil", p);
            tmp[i] = c;
        }
    }
    ly_ref(ly_narg(e, 1));
    return ly_narg(e, 1);
}

static bool option_true(LyExpr e, const char *name) {
    for (size_t i = 2; i <= ly_nlen(e); i++) {
        LyExpr o = ly_narg(e, i);
        if ((ly_head_is(o, LY_SYM(Rule)) || ly_head_is(o, LY_SYM(RuleDelayed))) && ly_nlen(o) == 2 &&
            ly_is_symbol(ly_narg(o, 1), name))
            return ly_narg(o, 2) == LY_SYM(True);
    }
    return false;
}

static int remove_tree(const char *p) {
    struct stat st;
    if (lstat(p, &st) != 0) return -1;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(p);
        if (!d) return -1;
        struct dirent *de;
        char sub[4096];
        while ((de = readdir(d)) != NULL) {
            if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..")) continue;
            snprintf(sub, sizeof sub, "%s/%s", p, de->d_name);
            remove_tree(sub);
        }
        closedir(d);
        return rmdir(p);
    }
    return unlink(p);
}

static LyExpr b_deletedirectory(LyVM *vm, LyExpr e) {
    const char *p;
    if (ly_nlen(e) < 1) { lys_argc(vm, e, 1, 2); return NULL; }
    if (!lys_file_arg(vm, e, 1, &p)) return NULL;
    struct stat st;
    if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) return lys_failed_msg(vm, e, "nodir", p);
    int rc = option_true(e, "DeleteContents") ? remove_tree(p) : rmdir(p);
    if (rc != 0) return lys_failed_msg(vm, e, errno == ENOTEMPTY || errno == EEXIST ? "dirne" : "nffil", p);
    return LY_SYM(Null);
}

static LyExpr b_deletefile(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_head_is(x, LY_SYM(List))) {
        for (size_t i = 1; i <= ly_nlen(x); i++) {
            LyExpr a = ly_narg(x, i);
            LyExpr r = lys_apply_eval(vm, ly_nhead(e), 1, &a);
            if (!r) return NULL;
            bool failed = r == LY_SYM(DFailed);
            ly_unref(vm, r);
            if (failed) return LY_SYM(DFailed);
        }
        return LY_SYM(Null);
    }
    const char *p;
    if (!lys_file_arg(vm, e, 1, &p)) return NULL;
    struct stat st;
    if (stat(p, &st) != 0) return lys_failed_msg(vm, e, "fdnfnd", p);
    if (S_ISDIR(st.st_mode) || unlink(p) != 0) return lys_failed_msg(vm, e, "nffil", p);
    return LY_SYM(Null);
}

static LyExpr copy_rename(LyVM *vm, LyExpr e, bool rename_it) {
    const char *a, *b;
    if (!lys_argc(vm, e, 2, 2) || !lys_file_arg(vm, e, 1, &a) || !lys_file_arg(vm, e, 2, &b)) return NULL;
    struct stat st;
    if (stat(a, &st) != 0) return lys_failed_msg(vm, e, "fdnfnd", a);
    if (stat(b, &st) == 0) return lys_failed_msg(vm, e, "filex", b);
    if (rename_it) {
        if (rename(a, b) != 0) return lys_failed_msg(vm, e, "nffil", a);
    } else {
        FILE *in = fopen(a, "rb");
        if (!in) return lys_failed_msg(vm, e, "noopen", a);
        FILE *out = fopen(b, "wb");
        if (!out) { fclose(in); return lys_failed_msg(vm, e, "noopen", b); }
        char buf[65536];
        size_t n;
        bool ok = true;
        while ((n = fread(buf, 1, sizeof buf, in)) > 0) if (fwrite(buf, 1, n, out) != n) { ok = false; break; }
        fclose(in);
        if (fclose(out) != 0) ok = false;
        if (!ok) return lys_failed_msg(vm, e, "nffil", b);
    }
    ly_ref(ly_narg(e, 2));
    return ly_narg(e, 2);
}

static LyExpr b_copyfile(LyVM *vm, LyExpr e) { return copy_rename(vm, e, false); }
static LyExpr b_renamefile(LyVM *vm, LyExpr e) { return copy_rename(vm, e, true); }

/* ---- the current directory ---------------------------------------------------------------------------- */

static LyExpr cwd(LyVM *vm) {
    char buf[4096];
    if (!getcwd(buf, sizeof buf)) return LY_SYM(DFailed);
    return ly_cstring(vm, buf);
}

static LyExpr stack_sym(LyVM *vm) { return ly_symbol(vm, "$LyraDirectoryStack"); }

static LyExpr b_directory(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 0)) return NULL;
    return cwd(vm);
}

static LyExpr b_setdirectory(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 1)) return NULL;
    const char *p;
    if (ly_nlen(e) == 0) { p = getenv("HOME"); if (!p) p = "/"; }
    else if (!lys_file_arg(vm, e, 1, &p)) return NULL;
    LyExpr old = cwd(vm);
    if (!old) return NULL;
    if (chdir(p) != 0) { ly_unref(vm, old); return lys_failed_msg(vm, e, "cdir", p); }
    LyExpr st = ly_own_value(vm, stack_sym(vm));
    LyExpr items[1] = { old };
    LyExpr top = ly_list(vm, 1, items);
    ly_unref(vm, old);
    if (!top) return ly_raise_nomem(vm);
    LyExpr ns = st ? ly_mk(vm, ly_symbol(vm, "Join"), 2, (ly_ref(st), st), top) : top;
    ns = ns && st ? lys_eval_steal(vm, ns) : ns;
    if (!ns) return NULL;
    ly_set_own_value(vm, stack_sym(vm), ns);
    return cwd(vm);
}

static LyExpr b_resetdirectory(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 0)) return NULL;
    LyExpr st = ly_own_value(vm, stack_sym(vm));
    if (!st || !ly_head_is(st, LY_SYM(List)) || ly_nlen(st) == 0) {
        ly_message(vm, ly_nhead(e), "dirs", 0);
        return cwd(vm);
    }
    LyExpr top = ly_narg(st, ly_nlen(st));
    if (chdir(ly_str(top)->s) != 0) return lys_failed_msg(vm, e, "cdir", ly_str(top)->s);
    LyExpr ns = ly_list(vm, ly_nlen(st) - 1, ly_nargs(st));
    if (!ns) return ly_raise_nomem(vm);
    ly_set_own_value(vm, stack_sym(vm), ns);
    return cwd(vm);
}

static LyExpr b_directorystack(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 0)) return NULL;
    LyExpr st = ly_own_value(vm, stack_sym(vm));
    if (!st) return ly_list(vm, 0, NULL);
    ly_ref(st);
    return st;
}

/* ---- environment --------------------------------------------------------------------------------------- */

extern char **environ;

static LyExpr b_environment(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 1)) return NULL;
    if (ly_nlen(e) == 0) {
        size_t n = 0;
        while (environ[n]) n++;
        LyExpr l = ly_mknormal(vm, ly_symbol(vm, "Association"), 0);
        ly_unref(vm, l);
        LyExpr *rules = ly_alloc(vm, (n ? n : 1) * sizeof *rules);
        if (!rules) return ly_raise_nomem(vm);
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            const char *eq = strchr(environ[i], '=');
            if (!eq) continue;
            rules[k] = ly_mk(vm, LY_SYM(Rule), 2, ly_mkstring(vm, environ[i], (size_t)(eq - environ[i])), ly_cstring(vm, eq + 1));
            if (rules[k]) k++;
        }
        LyExpr a = ly_mkassoc(vm, k, rules);
        for (size_t i = 0; i < k; i++) ly_unref(vm, rules[i]);
        ly_dealloc(vm, rules, (n ? n : 1) * sizeof *rules);
        return a ? a : ly_raise_nomem(vm);
    }
    LyExpr x = ly_narg(e, 1);
    if (!ly_is_string(x)) return NULL;
    const char *v = getenv(ly_str(x)->s);
    return v ? ly_cstring(vm, v) : LY_SYM(DFailed);
}

static LyExpr b_setenvironment(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    LyExpr x = ly_narg(e, 1);
    if (ly_head_is(x, LY_SYM(List))) {
        for (size_t i = 1; i <= ly_nlen(x); i++) {
            LyExpr a = ly_narg(x, i);
            LyExpr r = lys_apply_eval(vm, ly_nhead(e), 1, &a);
            if (!r) return NULL;
            ly_unref(vm, r);
        }
        return LY_SYM(Null);
    }
    if (!ly_head_is(x, LY_SYM(Rule)) || ly_nlen(x) != 2 || !ly_is_string(ly_narg(x, 1))) return NULL;
    LyExpr v = ly_narg(x, 2);
    if (v == LY_SYM(None)) unsetenv(ly_str(ly_narg(x, 1))->s);
    else if (ly_is_string(v)) setenv(ly_str(ly_narg(x, 1))->s, ly_str(v)->s, 1);
    else return NULL;
    return LY_SYM(Null);
}

/* ---- table ------------------------------------------------------------------------------------------------------- */

static const LyBuiltin file_builtins[] = {
    { "FileNameJoin", b_filenamejoin, "Protected", "FileNameJoin[{\"name1\", \"name2\", ...}] joins the namei together into a file name suitable for your current operating system." },
    { "FileNameSplit", b_filenamesplit, "Protected", "FileNameSplit[\"name\"] splits a file name into a list of parts." },
    { "FileNameTake", b_filenametake, "Protected", "FileNameTake[\"name\"] gives the last path element in the file name \"name\"." },
    { "FileBaseName", b_filebasename, "Protected", "FileBaseName[\"file\"] gives the base name for a file without its extension." },
    { "FileExtension", b_fileextension, "Protected", "FileExtension[\"file\"] gives the file extension for a file name." },
    { "DirectoryName", b_directoryname, "Protected", "DirectoryName[\"name\"] extracts the directory name from the specification for a file." },
    { "FileExistsQ", b_fileexistsq, "Protected", "FileExistsQ[\"name\"] gives True if the file with the specified name exists, and gives False otherwise." },
    { "DirectoryQ", b_directoryq, "Protected", "DirectoryQ[\"name\"] gives True if the directory with the specified name exists, and gives False otherwise." },
    { "FileType", b_filetype, "Protected", "FileType[\"file\"] gives the type of a file, typically File, Directory or None." },
    { "FileByteCount", b_filebytecount, "Protected", "FileByteCount[file] gives the number of bytes in a file." },
    { "FileNames", b_filenames, "Protected", "FileNames[] lists all files in the current working directory.\nFileNames[\"form\"] lists all files in the current working directory whose names match the string pattern form.\nFileNames[forms, dirs] lists files with names matching forms in any of the directories dirs." },
    { "CreateDirectory", b_createdirectory, "Protected", "CreateDirectory[\"dir\"] creates a directory with name dir.\nCreateDirectory[] creates a directory in the default area for temporary files." },
    { "DeleteDirectory", b_deletedirectory, "Protected", "DeleteDirectory[\"dir\"] deletes the specified directory." },
    { "DeleteFile", b_deletefile, "Protected", "DeleteFile[\"file\"] deletes a file." },
    { "CopyFile", b_copyfile, "Protected", "CopyFile[file1, file2] copies file1 to file2." },
    { "RenameFile", b_renamefile, "Protected", "RenameFile[file1, file2] renames file1 to file2." },
    { "Directory", b_directory, "Protected", "Directory[] returns the current working directory." },
    { "SetDirectory", b_setdirectory, "Protected", "SetDirectory[\"dir\"] sets the current working directory to dir." },
    { "ResetDirectory", b_resetdirectory, "Protected", "ResetDirectory[] resets the current working directory to its previous value." },
    { "DirectoryStack", b_directorystack, "Protected", "DirectoryStack[] gives the directory stack that represents the sequence of current directories used." },
    { "Environment", b_environment, "Protected", "Environment[\"var\"] gives the value of an operating system environment variable." },
    { "SetEnvironment", b_setenvironment, "Protected", "SetEnvironment[\"var\" -> \"value\"] sets the value of an operating system environment variable." },
    { NULL, NULL, NULL, NULL }
};

static void set_string(LyVM *vm, const char *sym, const char *value) {
    LyExpr s = ly_cstring(vm, value);
    if (s) ly_set_own_value(vm, ly_symbol(vm, sym), s);
    ly_set_attributes(vm, ly_symbol(vm, sym), LY_ATTR_PROTECTED);
}

LyStatus lys_open_files(LyVM *vm);
LyStatus lys_open_files(LyVM *vm) {
    ly_set_message(vm, "General", "fstr", "File specification `1` is not a string of one or more characters.");
    ly_set_message(vm, "General", "noopen", "Cannot open `1`.");
    ly_set_message(vm, "General", "fdnfnd", "Directory or file `1` not found.");
    ly_set_message(vm, "General", "nffil", "File not found during `1`.");
    ly_set_message(vm, "General", "filex", "Cannot overwrite existing file `1`.");
    ly_set_message(vm, "General", "eexist", "`1` already exists.");
    ly_set_message(vm, "General", "nodir", "Directory `1` not found.");
    ly_set_message(vm, "General", "dirne", "Directory `1` not empty.");
    ly_set_message(vm, "General", "cdir", "Cannot set current directory to `1`.");
    ly_set_message(vm, "ResetDirectory", "dirs", "Directory stack is empty.");
    const char *t = getenv("TMPDIR");
    set_string(vm, "$TemporaryDirectory", t && *t ? t : "/tmp");
    const char *h = getenv("HOME");
    set_string(vm, "$HomeDirectory", h ? h : "/");
    char buf[4096];
    set_string(vm, "$InitialDirectory", getcwd(buf, sizeof buf) ? buf : ".");
    set_string(vm, "$PathnameSeparator", "/");
    return ly_register_table(vm, file_builtins);
}
