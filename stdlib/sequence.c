/*
 * sequence.c — sublists matching a sequence pattern: SequenceCases,
 * SequencePosition, SequenceCount, SequenceReplace, SequenceSplit.
 *
 * A pattern is matched against List[sub] for sublists sub of the list.  At
 * each start the longest sublist is tried first (Wolfram's order: a run
 * {b..} takes the whole run).  A pattern whose elements each match exactly
 * one element is tried at its one length only, so fixed patterns such as
 * {x_, y_} cost one match per start.
 */
#include <stdint.h>
#include <string.h>
#include "lyra.h"
#include "lyra_ext.h"
#include "lys_data.h"
#include "lys_ctl.h"

static bool is_rule(LyExpr r) {
    return (ly_head_is(r, LY_SYM(Rule)) || ly_head_is(r, LY_SYM(RuleDelayed))) && ly_nlen(r) == 2;
}

/* The number of elements p matches when that is fixed, else -1. */
static long fixed_len(LyExpr p) {
    if (ly_type(p) != LY_TNORMAL) return 1;
    LyExpr h = ly_nhead(p);
    if (!ly_is_sym(h)) return 1;
    if (ly_is_symbol(h, "BlankSequence") || ly_is_symbol(h, "BlankNullSequence") || ly_is_symbol(h, "Repeated") ||
        ly_is_symbol(h, "RepeatedNull") || ly_is_symbol(h, "OrderlessPatternSequence") ||
        ly_is_symbol(h, "OptionsPattern") || ly_is_symbol(h, "Longest") || ly_is_symbol(h, "Shortest") ||
        h == LY_SYM(Sequence))
        return -1;
    if (ly_is_symbol(h, "PatternSequence")) {
        long t = 0;
        for (size_t i = 1; i <= ly_nlen(p); i++) {
            long k = fixed_len(ly_narg(p, i));
            if (k < 0) return -1;
            t += k;
        }
        return t;
    }
    if (h == LY_SYM(Pattern) && ly_nlen(p) == 2) return fixed_len(ly_narg(p, 2));
    if ((h == LY_SYM(Condition) || ly_is_symbol(h, "PatternTest")) && ly_nlen(p) == 2) return fixed_len(ly_narg(p, 1));
    if (ly_is_symbol(h, "Optional") || ly_is_symbol(h, "Default")) return -1;
    if (h == LY_SYM(Alternatives)) {
        long k0 = -2;
        for (size_t i = 1; i <= ly_nlen(p); i++) {
            long k = fixed_len(ly_narg(p, i));
            if (k < 0 || (k0 != -2 && k != k0)) return -1;
            k0 = k;
        }
        return k0 < 0 ? -1 : k0;
    }
    return 1;
}

/* The length every List[sub] matching patt has, or -1. */
static long pattern_len(LyExpr patt) {
    for (;;) {
        if ((ly_head_is(patt, LY_SYM(Condition)) || ly_head_is(patt, LY_SYM(Pattern))) && ly_nlen(patt) == 2)
            patt = ly_narg(patt, ly_head_is(patt, LY_SYM(Pattern)) ? 2 : 1);
        else if (ly_type(patt) == LY_TNORMAL && ly_is_symbol(ly_nhead(patt), "PatternTest") && ly_nlen(patt) == 2)
            patt = ly_narg(patt, 1);
        else break;
    }
    if (!ly_head_is(patt, LY_SYM(List))) return -1;
    long t = 0;
    for (size_t i = 1; i <= ly_nlen(patt); i++) {
        long k = fixed_len(ly_narg(patt, i));
        if (k < 0) return -1;
        t += k;
    }
    return t;
}

enum { OV_FALSE, OV_TRUE, OV_ALL };

typedef struct {
    size_t start, end;   /* 1-based, inclusive */
} Hit;

typedef struct {
    Hit *v;
    size_t n, cap;
} Hits;

static bool hits_push(LyVM *vm, Hits *h, size_t s, size_t e) {
    if (h->n == h->cap) {
        size_t nc = h->cap ? 2 * h->cap : 16;
        Hit *nv = ly_alloc(vm, nc * sizeof(Hit));
        if (!nv) return false;
        if (h->n) memcpy(nv, h->v, h->n * sizeof(Hit));
        if (h->cap) ly_dealloc(vm, h->v, h->cap * sizeof(Hit));
        h->v = nv;
        h->cap = nc;
    }
    h->v[h->n].start = s;
    h->v[h->n].end = e;
    h->n++;
    return true;
}

/* The sublists of u (a normal List) matching patt, in order; at most max. */
static bool find_hits(LyVM *vm, LyExpr u, LyExpr patt, int ov, size_t max, Hits *out) {
    size_t n = ly_nlen(u);
    long fl = pattern_len(patt);
    for (size_t i = 1; i <= n && out->n < max; ) {
        size_t hi = n, lo = i;
        if (fl >= 0) {
            if (fl == 0 || i + (size_t)fl - 1 > n) { i++; continue; }
            hi = lo = i + (size_t)fl - 1;
        }
        size_t matched = 0;
        for (size_t j = hi; j >= lo && out->n < max; j--) {
            LyExpr sub = ly_apply(vm, LY_SYM(List), j - i + 1, ly_nargs(u) + (i - 1));
            if (!sub) return false;
            bool m = ly_match(vm, patt, sub, NULL);
            ly_unref(vm, sub);
            if (ly_unwinding(vm)) return false;
            if (m) {
                if (!hits_push(vm, out, i, j)) return false;
                if (!matched) matched = j;
                if (ov != OV_ALL) break;
            }
            if (j == lo) break;
        }
        i = matched && ov == OV_FALSE ? matched + 1 : i + 1;
    }
    return true;
}

/* Trailing Overlaps option; returns the count of other arguments. */
static size_t get_overlaps(LyExpr e, int *ov) {
    size_t n = ly_nlen(e);
    while (n > 2 && is_rule(ly_narg(e, n)) && ly_is_symbol(ly_narg(ly_narg(e, n), 1), "Overlaps")) {
        LyExpr v = ly_narg(ly_narg(e, n), 2);
        *ov = v == LY_SYM(True) ? OV_TRUE : v == LY_SYM(All) ? OV_ALL : OV_FALSE;
        n--;
    }
    return n;
}

typedef enum { S_CASES, S_POSITION, S_COUNT } SeqOp;

static LyExpr seq_common(LyVM *vm, LyExpr e, SeqOp op, int ov) {
    size_t na = get_overlaps(e, &ov);
    if (na < 2 || na > 3) { lys_argc(vm, e, 2, 3); return NULL; }
    LyExpr x = ly_narg(e, 1), patt = ly_narg(e, 2);
    if (!lys_is_list(x)) return NULL;
    size_t max = (size_t)-1;
    if (na == 3) {
        LyExpr m = ly_narg(e, 3);
        if (ly_is_small(m) && ly_small(m) >= 0) max = (size_t)ly_small(m);
        else if (m != LY_SYM(Infinity) && !ly_head_is(m, LY_SYM(DirectedInfinity))) return NULL;
    }
    LyExpr rule = NULL;
    if (op == S_CASES && is_rule(patt)) { rule = patt; patt = ly_narg(rule, 1); }
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    Hits h = { 0 };
    LyExpr res = NULL;
    if (find_hits(vm, u, patt, ov, max, &h)) {
        if (op == S_COUNT) res = ly_mksmall((int64_t)h.n);
        else {
            res = ly_mknormal(vm, LY_SYM(List), h.n);
            for (size_t k = 0; res && k < h.n; k++) {
                size_t s = h.v[k].start, t = h.v[k].end;
                LyExpr item;
                if (op == S_POSITION) item = ly_mk(vm, LY_SYM(List), 2, ly_mksmall((int64_t)s), ly_mksmall((int64_t)t));
                else {
                    item = ly_apply(vm, LY_SYM(List), t - s + 1, ly_nargs(u) + (s - 1));
                    if (item && rule) {
                        LyExpr args[2] = { item, rule };
                        LyExpr r = lys_apply_eval(vm, ly_symbol(vm, "Replace"), 2, args);
                        ly_unref(vm, item);
                        item = r;
                    }
                }
                if (!item) { lys_abandon(vm, res, k + 1); res = NULL; break; }
                ly_nset(res, k + 1, item);
            }
        }
    }
    if (h.cap) ly_dealloc(vm, h.v, h.cap * sizeof(Hit));
    ly_unref(vm, u);
    return res;
}

static LyExpr b_sequencecases(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return NULL;
    return seq_common(vm, e, S_CASES, OV_FALSE);
}
static LyExpr b_sequenceposition(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return NULL;
    return seq_common(vm, e, S_POSITION, OV_TRUE);
}
static LyExpr b_sequencecount(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return NULL;
    return seq_common(vm, e, S_COUNT, OV_FALSE);
}

/* SequenceReplace[list, rules (, n)] and SequenceSplit[list, patt or rules (, n)]. */
static LyExpr seq_rewrite(LyVM *vm, LyExpr e, bool split) {
    if (ly_nlen(e) == 1) return NULL;              /* operator form */
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr x = ly_narg(e, 1), rules = ly_narg(e, 2);
    if (!lys_is_list(x)) return NULL;
    size_t max = (size_t)-1;
    if (ly_nlen(e) == 3) {
        LyExpr m = ly_narg(e, 3);
        if (ly_is_small(m) && ly_small(m) >= 0) max = (size_t)ly_small(m);
        else if (m != LY_SYM(Infinity) && !ly_head_is(m, LY_SYM(DirectedInfinity))) return NULL;
    }
    /* the alternatives: rules (or, for SequenceSplit, bare patterns) */
    size_t nr = 1;
    const LyExpr *rv = &rules;
    if (ly_head_is(rules, LY_SYM(List)) && ly_nlen(rules) > 0 && (is_rule(ly_narg(rules, 1)) || split)) {
        bool all = true;
        for (size_t i = 1; i <= ly_nlen(rules); i++) if (!is_rule(ly_narg(rules, i))) all = false;
        if (all) { nr = ly_nlen(rules); rv = ly_nargs(rules); }
    }
    if (!split) for (size_t i = 0; i < nr; i++) if (!is_rule(rv[i])) return NULL;
    LyExpr u = lys_unpacked(vm, x);
    if (!u) return NULL;
    size_t n = ly_nlen(u);
    size_t done = 0, pieces = 0;
    size_t i = 1, piece_start = 1;
    bool ok = true;
    size_t cap = 16, cnt = 0;
    LyExpr *items = ly_alloc(vm, cap * sizeof(LyExpr));
    if (!items) ok = false;
#define PUSH(v) do { LyExpr v_ = (v); if (!v_) { ok = false; break; } \
        if (cnt == cap) { LyExpr *ni = ly_alloc(vm, 2 * cap * sizeof(LyExpr)); \
            if (!ni) { ly_unref(vm, v_); ok = false; break; } memcpy(ni, items, cnt * sizeof(LyExpr)); \
            ly_dealloc(vm, items, cap * sizeof(LyExpr)); items = ni; cap *= 2; } items[cnt++] = v_; } while (0)
    while (ok && i <= n) {
        bool hit = false;
        if (done < max && !(split && pieces + 1 >= max)) {
            for (size_t r = 0; r < nr && !hit && ok; r++) {
                LyExpr patt = is_rule(rv[r]) ? ly_narg(rv[r], 1) : rv[r];
                long fl = pattern_len(patt);
                size_t hi = n, lo = i;
                if (fl >= 0) {
                    if (fl == 0 || i + (size_t)fl - 1 > n) continue;
                    hi = lo = i + (size_t)fl - 1;
                }
                for (size_t j = hi; j >= lo; j--) {
                    LyExpr sub = ly_apply(vm, LY_SYM(List), j - i + 1, ly_nargs(u) + (i - 1));
                    if (!sub) { ok = false; break; }
                    bool m = ly_match(vm, patt, sub, NULL);
                    if (ly_unwinding(vm)) { ly_unref(vm, sub); ok = false; break; }
                    if (m) {
                        hit = true;
                        if (split && i > piece_start) {
                            PUSH(ly_apply(vm, LY_SYM(List), i - piece_start, ly_nargs(u) + (piece_start - 1)));
                            pieces++;
                        }
                        if (is_rule(rv[r])) {
                            LyExpr args[2] = { sub, rv[r] };
                            PUSH(lys_apply_eval(vm, ly_symbol(vm, "Replace"), 2, args));
                        }
                        done++;
                        i = j + 1;
                        piece_start = i;
                        ly_unref(vm, sub);
                        break;
                    }
                    ly_unref(vm, sub);
                    if (j == lo) break;
                }
            }
        }
        if (!hit && ok) {
            if (!split) PUSH((ly_ref(ly_narg(u, i)), ly_narg(u, i)));
            i++;
        }
    }
    if (ok && split && piece_start <= n) PUSH(ly_apply(vm, LY_SYM(List), n - piece_start + 1, ly_nargs(u) + (piece_start - 1)));
#undef PUSH
    LyExpr res = NULL;
    if (ok) {
        res = ly_apply(vm, LY_SYM(List), cnt, items);
    }
    for (size_t k = 0; k < cnt; k++) ly_unref(vm, items[k]);
    if (items) ly_dealloc(vm, items, cap * sizeof(LyExpr));
    ly_unref(vm, u);
    return res;
}

static LyExpr b_sequencereplace(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return NULL;
    return seq_rewrite(vm, e, false);
}
static LyExpr b_sequencesplit(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return NULL;
    return seq_rewrite(vm, e, true);
}


/* ---- EditDistance, DamerauLevenshteinDistance, LongestCommonSubsequence, LongestCommonSequence ---- */

/* A string (as code points, with the byte offset of each) or a list. */
typedef struct {
    bool str;
    size_t n;
    uint32_t *cp;       /* str: code points */
    size_t *off;        /* str: n + 1 byte offsets */
    const char *bytes;
    LyExpr u;           /* list: unpacked (new reference) */
} Seq;

static bool seq_open(LyVM *vm, LyExpr x, bool icase, Seq *q) {
    memset(q, 0, sizeof *q);
    size_t len;
    const char *b = ly_get_string(x, &len);
    if (b) {
        q->str = true;
        q->bytes = b;
        q->cp = ly_alloc(vm, (len + 1) * sizeof(uint32_t));
        q->off = ly_alloc(vm, (len + 1) * sizeof(size_t));
        if (!q->cp || !q->off) {
            if (q->cp) ly_dealloc(vm, q->cp, (len + 1) * sizeof(uint32_t));
            if (q->off) ly_dealloc(vm, q->off, (len + 1) * sizeof(size_t));
            return false;
        }
        size_t i = 0, k = 0;
        while (i < len) {
            unsigned char c = (unsigned char)b[i];
            uint32_t v = c;
            size_t w = 1;
            if (c >= 0xF0 && i + 3 < len + 1) { v = c & 7; w = 4; }
            else if (c >= 0xE0) { v = c & 15; w = 3; }
            else if (c >= 0xC0) { v = c & 31; w = 2; }
            for (size_t j = 1; j < w && i + j < len; j++) v = (v << 6) | ((unsigned char)b[i + j] & 63);
            if (icase && v < 128 && v >= 'A' && v <= 'Z') v += 32;
            q->off[k] = i;
            q->cp[k++] = v;
            i += w;
        }
        q->off[k] = len;
        q->n = k;
        q->u = (LyExpr)(uintptr_t)len;  /* remembers the allocation size */
        return true;
    }
    if (!lys_is_list(x)) return false;
    q->u = lys_unpacked(vm, x);
    if (!q->u) return false;
    q->n = ly_nlen(q->u);
    return true;
}

static void seq_close(LyVM *vm, Seq *q) {
    if (q->str) {
        size_t len = (size_t)(uintptr_t)q->u;
        ly_dealloc(vm, q->cp, (len + 1) * sizeof(uint32_t));
        ly_dealloc(vm, q->off, (len + 1) * sizeof(size_t));
    } else ly_unref(vm, q->u);
}

static inline bool seq_eq(const Seq *a, size_t i, const Seq *b, size_t j) {
    if (a->str) return a->cp[i] == b->cp[j];
    return ly_same(ly_narg(a->u, i + 1), ly_narg(b->u, j + 1));
}

/* a[from .. from + len) as a string or list */
static LyExpr seq_slice(LyVM *vm, const Seq *a, size_t from, size_t len) {
    if (a->str) return ly_string(vm, a->bytes + a->off[from], a->off[from + len] - a->off[from]);
    return ly_apply(vm, LY_SYM(List), len, ly_nargs(a->u) + from);
}

static bool icase_opt(LyExpr e, size_t *na) {
    bool ic = false;
    *na = ly_nlen(e);
    while (*na > 2 && is_rule(ly_narg(e, *na)) && ly_is_symbol(ly_narg(ly_narg(e, *na), 1), "IgnoreCase")) {
        ic = ly_narg(ly_narg(e, *na), 2) == LY_SYM(True);
        (*na)--;
    }
    return ic;
}

static bool two_seqs(LyVM *vm, LyExpr e, Seq *a, Seq *b) {
    size_t na;
    bool ic = icase_opt(e, &na);
    if (na != 2) { lys_argc(vm, e, 2, 2); return false; }
    LyExpr x = ly_narg(e, 1), y = ly_narg(e, 2);
    if (ly_is_string(x) != ly_is_string(y)) return false;
    if (!seq_open(vm, x, ic, a)) return false;
    if (!seq_open(vm, y, ic, b)) { seq_close(vm, a); return false; }
    return true;
}

static LyExpr edit_distance(LyVM *vm, LyExpr e, bool damerau) {
    if (!ly_is_sym(ly_nhead(e))) return NULL;
    Seq a, b;
    if (!two_seqs(vm, e, &a, &b)) return NULL;
    size_t n = a.n, m = b.n;
    size_t w = m + 1;
    size_t *d = ly_alloc(vm, 3 * w * sizeof(size_t));
    LyExpr r = NULL;
    if (d) {
        size_t *prev2 = d, *prev = d + w, *cur = d + 2 * w;
        for (size_t j = 0; j <= m; j++) prev[j] = j;
        for (size_t i = 1; i <= n; i++) {
            cur[0] = i;
            for (size_t j = 1; j <= m; j++) {
                size_t c = seq_eq(&a, i - 1, &b, j - 1) ? 0 : 1;
                size_t v = prev[j - 1] + c;
                if (prev[j] + 1 < v) v = prev[j] + 1;
                if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
                if (damerau && i > 1 && j > 1 && seq_eq(&a, i - 1, &b, j - 2) && seq_eq(&a, i - 2, &b, j - 1) &&
                    prev2[j - 2] + 1 < v)
                    v = prev2[j - 2] + 1;
                cur[j] = v;
            }
            size_t *t = prev2; prev2 = prev; prev = cur; cur = t;
        }
        r = ly_mksmall((int64_t)prev[m]);
        ly_dealloc(vm, d, 3 * w * sizeof(size_t));
    }
    seq_close(vm, &a);
    seq_close(vm, &b);
    return r;
}

static LyExpr b_editdistance(LyVM *vm, LyExpr e) { return edit_distance(vm, e, false); }
static LyExpr b_dameraulevenshtein(LyVM *vm, LyExpr e) { return edit_distance(vm, e, true); }

/* The longest contiguous run common to both (the first in the first argument). */
static LyExpr b_lcsubsequence(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return NULL;
    Seq a, b;
    if (!two_seqs(vm, e, &a, &b)) return NULL;
    size_t n = a.n, m = b.n, w = m + 1;
    size_t *d = ly_alloc(vm, 2 * w * sizeof(size_t));
    LyExpr r = NULL;
    if (d) {
        size_t *prev = d, *cur = d + w, best = 0, end = 0;
        for (size_t j = 0; j <= m; j++) prev[j] = 0;
        for (size_t i = 1; i <= n; i++) {
            cur[0] = 0;
            for (size_t j = 1; j <= m; j++) {
                cur[j] = seq_eq(&a, i - 1, &b, j - 1) ? prev[j - 1] + 1 : 0;
                if (cur[j] > best) { best = cur[j]; end = i; }
            }
            size_t *t = prev; prev = cur; cur = t;
        }
        r = seq_slice(vm, &a, end - best, best);
        ly_dealloc(vm, d, 2 * w * sizeof(size_t));
    }
    seq_close(vm, &a);
    seq_close(vm, &b);
    return r;
}

/* The longest common (not necessarily contiguous) sequence. */
static LyExpr b_lcsequence(LyVM *vm, LyExpr e) {
    if (!ly_is_sym(ly_nhead(e))) return NULL;
    Seq a, b;
    if (!two_seqs(vm, e, &a, &b)) return NULL;
    size_t n = a.n, m = b.n, w = m + 1;
    LyExpr r = NULL;
    uint32_t *t = (n + 1) * w <= ((size_t)1 << 28) ? ly_alloc(vm, (n + 1) * w * sizeof(uint32_t)) : NULL;
    if (t) {
        for (size_t i = n + 1; i-- > 0;)
            for (size_t j = m + 1; j-- > 0;) {
                uint32_t v;
                if (i == n || j == m) v = 0;
                else if (seq_eq(&a, i, &b, j)) v = t[(i + 1) * w + j + 1] + 1;
                else { uint32_t p = t[(i + 1) * w + j], q2 = t[i * w + j + 1]; v = p > q2 ? p : q2; }
                t[i * w + j] = v;
            }
        size_t k = t[0], i = 0, j = 0, c = 0;
        size_t *idx = ly_alloc(vm, (k ? k : 1) * sizeof(size_t));
        if (idx) {
            while (i < n && j < m) {
                if (seq_eq(&a, i, &b, j)) { idx[c++] = i; i++; j++; }
                else if (t[(i + 1) * w + j] >= t[i * w + j + 1]) i++;
                else j++;
            }
            if (a.str) {
                size_t bytes = 0;
                for (size_t q = 0; q < c; q++) bytes += a.off[idx[q] + 1] - a.off[idx[q]];
                char *buf = ly_alloc(vm, bytes + 1);
                if (buf) {
                    size_t o = 0;
                    for (size_t q = 0; q < c; q++) {
                        size_t l = a.off[idx[q] + 1] - a.off[idx[q]];
                        memcpy(buf + o, a.bytes + a.off[idx[q]], l);
                        o += l;
                    }
                    r = ly_string(vm, buf, o);
                    ly_dealloc(vm, buf, bytes + 1);
                }
            } else {
                r = ly_mknormal(vm, LY_SYM(List), c);
                for (size_t q = 0; r && q < c; q++) {
                    LyExpr x = ly_narg(a.u, idx[q] + 1);
                    ly_ref(x);
                    ly_nset(r, q + 1, x);
                }
            }
            ly_dealloc(vm, idx, (k ? k : 1) * sizeof(size_t));
        }
        ly_dealloc(vm, t, (n + 1) * w * sizeof(uint32_t));
    }
    seq_close(vm, &a);
    seq_close(vm, &b);
    return r;
}

static const LyBuiltin sequence_builtins[] = {
    { "SequenceCases", b_sequencecases, "Protected",
      "SequenceCases[list, patt] gives a list of the sublists in list that match the sequence pattern patt.\n"
      "SequenceCases[list, patt -> rhs] gives a list of the values of rhs corresponding to sublists that match patt.\n"
      "SequenceCases[list, patt, n] includes only the first n matches." },
    { "SequencePosition", b_sequenceposition, "Protected",
      "SequencePosition[list, sublist] gives a list of the starting and ending positions at which sublist appears in list.\n"
      "SequencePosition[list, patt] gives all positions at which sequences matching patt occur in list.\n"
      "SequencePosition[list, patt, n] includes only the first n occurrences of patt." },
    { "SequenceCount", b_sequencecount, "Protected",
      "SequenceCount[list, sub] gives a count of the number of times sub appears as a sublist of list.\n"
      "SequenceCount[list, patt] gives the number of sublists in list that match the general sequence pattern patt." },
    { "SequenceReplace", b_sequencereplace, "Protected",
      "SequenceReplace[list, patt -> rhs] replaces each sequence that matches patt with rhs.\n"
      "SequenceReplace[list, {patt1 -> rhs1, patt2 -> rhs2, ...}] replaces each sequence matching patti by rhsi.\n"
      "SequenceReplace[list, rules, n] replaces only the first n sequences." },
    { "SequenceSplit", b_sequencesplit, "Protected",
      "SequenceSplit[list, patt] splits list into sublists separated by sequences that match the sequence pattern patt.\n"
      "SequenceSplit[list, patt -> rhs] inserts rhs at the position of each matched sequence.\n"
      "SequenceSplit[list, patt, n] splits into at most n sublists." },
    { "EditDistance", b_editdistance, "Protected",
      "EditDistance[u, v] gives the edit or Levenshtein distance between strings or vectors u and v." },
    { "DamerauLevenshteinDistance", b_dameraulevenshtein, "Protected",
      "DamerauLevenshteinDistance[u, v] gives the Damerau-Levenshtein distance between strings or vectors u and v." },
    { "LongestCommonSubsequence", b_lcsubsequence, "Protected",
      "LongestCommonSubsequence[s1, s2] finds the longest contiguous subsequence common to the strings or lists s1 and s2." },
    { "LongestCommonSequence", b_lcsequence, "Protected",
      "LongestCommonSequence[s1, s2] finds the longest sequence of contiguous or disjoint elements common to the strings or lists s1 and s2." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_sequence(LyVM *vm);
LyStatus lys_open_sequence(LyVM *vm) { return ly_register_table(vm, sequence_builtins); }
