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
    if (na < 2 || na > 3) return NULL;
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
    if (ly_nlen(e) < 2 || ly_nlen(e) > 3) return NULL;
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
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_sequence(LyVM *vm);
LyStatus lys_open_sequence(LyVM *vm) { return ly_register_table(vm, sequence_builtins); }
