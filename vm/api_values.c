/*
 * api_values.c — the rest of the public API (lyra.h): version queries,
 * status names, evaluating a file, associations, heads, and integers of
 * any size as text or GMP numbers.
 *
 * <gmp.h> comes before lyra.h here so that lyra.h declares the mpz
 * functions (it does so only for hosts that include GMP themselves).
 */
#include <errno.h>
#include <gmp.h>
#include "lyv.h"

/* ---- version ------------------------------------------------------------------------------ */

const char *ly_version(void) { return LY_VERSION; }
int ly_version_num(void) { return LY_VERSION_NUM; }

const char *ly_status_name(LyStatus st) {
    static const char *const names[] = {
        "LY_OK", "LY_ERRSYNTAX", "LY_ERRRUN", "LY_ERRMEM", "LY_ABORTED",
        "LY_ERRARG", "LY_ERRIO", "LY_QUIT", "LY_TIMEOUT"
    };
    return (unsigned)st < sizeof names / sizeof names[0] ? names[st] : "LY_UNKNOWN";
}

void ly_set_errmsg(LyVM *vm, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(vm->errmsg, sizeof vm->errmsg, fmt, ap);
    va_end(ap);
}

/* ---- files ---------------------------------------------------------------------------------- */

LyStatus ly_eval_file(LyVM *vm, const char *path, LyExpr *result) {
    lyv_owner_check(vm);
    if (result) *result = NULL;
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f) {
        snprintf(vm->errmsg, sizeof vm->errmsg, "cannot open %s: %s", path ? path : "(null)",
                 path ? strerror(errno) : "no path");
        return path ? LY_ERRIO : LY_ERRARG;
    }
    LyBuf b;
    ly_buf_init(&b, vm);
    char chunk[8192];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) ly_buf_put(&b, chunk, k);
    bool bad = ferror(f) != 0;
    int err = errno;
    fclose(f);
    if (bad || b.oom) {
        ly_buf_free(&b);
        if (!bad) { snprintf(vm->errmsg, sizeof vm->errmsg, "out of memory"); return LY_ERRMEM; }
        snprintf(vm->errmsg, sizeof vm->errmsg, "cannot read %s: %s", path, strerror(err));
        return LY_ERRIO;
    }
    const char *src = b.p ? b.p : "";
    size_t len = b.len, skip = 0;
    /* "#!" first line: skipped, its newline kept so line numbers stay right */
    if (len >= 2 && src[0] == '#' && src[1] == '!')
        while (skip < len && src[skip] != '\n') skip++;
    LyStatus st = ly_eval_script(vm, src + skip, len - skip, path, result);
    ly_buf_free(&b);
    return st;
}

/* ---- heads and associations ------------------------------------------------------------------ */

LyExpr ly_head(LyVM *vm, LyExpr x) {
    if (ly_is_small(x)) return LY_SYM(Integer);
    if (ly_is_sym(x)) return LY_SYM(Symbol);
    switch (ly_type(x)) {
    case LY_TBIG: return LY_SYM(Integer);
    case LY_TRAT: return LY_SYM(Rational);
    case LY_TREAL: return LY_SYM(Real);
    case LY_TCOMPLEX: return LY_SYM(Complex);
    case LY_TSTRING: return LY_SYM(String);
    case LY_TPACKED: return LY_SYM(List);
    case LY_TASSOC: return LY_SYM(Association);
    case LY_TNORMAL: ly_ref(ly_nhead(x)); lyv_handout(vm, ly_nhead(x)); return ly_nhead(x);
    case LY_TFOREIGN: return ly_symbol(vm, ly_foreign(x)->type->name);
    default: return LY_SYM(Null);
    }
}

LyExpr ly_association(LyVM *vm, size_t n, const LyExpr *keys, const LyExpr *values) {
    lyv_owner_check(vm);
    LyExpr list = ly_mknormal(vm, LY_SYM(List), n);
    if (!list) return NULL;
    for (size_t i = 0; i < n; i++) {
        ly_ref(keys[i]);
        ly_ref(values[i]);
        LyExpr r = ly_mk(vm, LY_SYM(Rule), 2, keys[i], values[i]);
        if (!r) {
            for (size_t j = i + 1; j <= n; j++) ly_nset(list, j, LY_SYM(Null));
            ly_unref(vm, list);
            return NULL;
        }
        ly_nset(list, i + 1, r);
    }
    LyExpr a = ly_mkassoc(vm, n, ly_nargs(list));
    ly_unref(vm, list);
    return a;
}

LyExpr ly_assoc_get(LyVM *vm, LyExpr assoc, LyExpr key) {
    if (ly_type(assoc) != LY_TASSOC || !key) return NULL;
    LyExpr v = ly_assoc_lookup(assoc, key);
    ly_ref(v);
    if (v) lyv_handout(vm, v);
    return v;
}

bool ly_assoc_entry(LyVM *vm, LyExpr assoc, size_t i, LyExpr *key, LyExpr *value) {
    if (ly_type(assoc) != LY_TASSOC || i < 1 || i > ly_assoc(assoc)->len) return false;
    LyExpr rule = ly_assoc(assoc)->rules[i - 1];
    if (key) { *key = ly_narg(rule, 1); ly_ref(*key); lyv_handout(vm, *key); }
    if (value) { *value = ly_narg(rule, 2); ly_ref(*value); lyv_handout(vm, *value); }
    return true;
}

/* ---- integers of any size -------------------------------------------------------------------- */

char *ly_int_tostring(LyVM *vm, LyExpr e, int base) {
    lyv_owner_check(vm);
    if (!ly_is_integer(e) || base < 2 || base > 36) return NULL;
    mpz_t z;
    mp_limb_t tmp[1];
    lyv_mpz_view(z, e, tmp);
    /* mpz_sizeinbase may overshoot by one, and ly_free releases exactly
     * strlen + 1 bytes: write into a scratch buffer, then copy */
    size_t cap = mpz_sizeinbase(z, base) + 2;
    char *scratch = lyv_alloc(vm, cap);
    if (!scratch) return NULL;
    mpz_get_str(scratch, base, z);
    char *s = lyv_strdup(vm, scratch, strlen(scratch));
    lyv_free(vm, scratch, cap);
    return s;
}

LyExpr ly_int_from_mpz(LyVM *vm, mpz_srcptr z) {
    lyv_owner_check(vm);
    return lyv_int_from_mpz(vm, z);
}

bool ly_int_get_mpz(LyExpr e, mpz_ptr out) {
    if (!ly_is_integer(e)) return false;
    mpz_t z;
    mp_limb_t tmp[1];
    lyv_mpz_view(z, e, tmp);
    mpz_set(out, z);
    return true;
}
