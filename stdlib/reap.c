/*
 * reap.c — Sow and Reap.  Written against lyra.h + lyra_ext.h.
 *
 * The open Reap frames of a VM live in a foreign object held as the own
 * value of the hidden symbol $LyraReap (so each VM has its own, and a VM
 * that never reaps pays nothing).  Reap pushes a frame, evaluates its
 * argument and pops the frame on the way out, exits included; Sow appends
 * (tag, value) to the innermost frame whose pattern matches the tag, and
 * does nothing else when no frame wants it.
 */
#include <string.h>
#include "lys_data.h"

typedef struct Frame {
    LyExpr patt;            /* pattern (or List of patterns) for the tags */
    LyExpr *tag, *val;      /* sown pairs, in order */
    size_t n, cap;
} Frame;

typedef struct Reaps { Frame *f; size_t n, cap; } Reaps;

static void reaps_finalize(LyVM *vm, void *data) {
    Reaps *r = data;
    for (size_t i = 0; i < r->n; i++) {
        Frame *f = &r->f[i];
        for (size_t j = 0; j < f->n; j++) { ly_unref(vm, f->tag[j]); ly_unref(vm, f->val[j]); }
        if (f->cap) { ly_dealloc(vm, f->tag, f->cap * sizeof(LyExpr)); ly_dealloc(vm, f->val, f->cap * sizeof(LyExpr)); }
        ly_unref(vm, f->patt);
    }
    if (r->cap) ly_dealloc(vm, r->f, r->cap * sizeof(Frame));
    ly_dealloc(vm, r, sizeof *r);
}

static void reaps_refs(void *data, void (*visit)(void *ctx, LyExpr e), void *ctx) {
    Reaps *r = data;
    for (size_t i = 0; i < r->n; i++) {
        Frame *f = &r->f[i];
        visit(ctx, f->patt);
        for (size_t j = 0; j < f->n; j++) { visit(ctx, f->tag[j]); visit(ctx, f->val[j]); }
    }
}

static const LyForeignType reaps_type = { .name = "ReapFrames", .finalize = reaps_finalize, .refs = reaps_refs };

static Reaps *reaps(LyVM *vm, bool create) {
    LyExpr sym = ly_symbol(vm, "$LyraReap");
    LyExpr v = ly_own_value(vm, sym);
    if (ly_type(v) == LY_TFOREIGN && ly_foreign(v)->type == &reaps_type) return ly_foreign(v)->data;
    if (!create) return NULL;
    Reaps *r = ly_alloc(vm, sizeof *r);
    if (!r) return NULL;
    memset(r, 0, sizeof *r);
    LyExpr obj = ly_mkforeign(vm, &reaps_type, r);
    if (!obj) return NULL;          /* ly_mkforeign finalized r */
    ly_set_own_value(vm, sym, obj);
    return r;
}

static bool frame_push(LyVM *vm, Frame *f, LyExpr tag, LyExpr val) {
    if (f->n == f->cap) {
        size_t nc = f->cap ? 2 * f->cap : 8;
        LyExpr *nt = ly_realloc(vm, f->tag, f->cap * sizeof(LyExpr), nc * sizeof(LyExpr));
        if (!nt) return false;
        f->tag = nt;
        LyExpr *nv = ly_realloc(vm, f->val, f->cap * sizeof(LyExpr), nc * sizeof(LyExpr));
        if (!nv) {
            /* keep tag and val the same capacity */
            LyExpr *back = ly_realloc(vm, f->tag, nc * sizeof(LyExpr), f->cap * sizeof(LyExpr));
            if (back || f->cap == 0) f->tag = back;
            return false;
        }
        f->val = nv;
        f->cap = nc;
    }
    ly_ref(tag); ly_ref(val);
    f->tag[f->n] = tag;
    f->val[f->n] = val;
    f->n++;
    return true;
}

static bool tag_matches(LyVM *vm, LyExpr patt, LyExpr tag) {
    if (ly_head_is(patt, LY_SYM(List))) {
        for (size_t i = 1; i <= ly_nlen(patt); i++)
            if (ly_match(vm, ly_narg(patt, i), tag, NULL)) return true;
        return false;
    }
    return ly_match(vm, patt, tag, NULL);
}

/* ---- Sow ------------------------------------------------------------------------------------- */

static bool sow1(LyVM *vm, LyExpr val, LyExpr tag) {
    Reaps *r = reaps(vm, false);
    if (!r) return true;
    for (size_t i = r->n; i-- > 0;) {
        if (!tag_matches(vm, r->f[i].patt, tag)) { if (ly_unwinding(vm)) return false; continue; }
        if (!frame_push(vm, &r->f[i], tag, val)) { ly_raise_nomem(vm); return false; }
        /* kept in the frame, where Module does not look: its locals stay */
        ly_keep_symbols(vm, val);
        ly_keep_symbols(vm, tag);
        return true;
    }
    return !ly_unwinding(vm);
}

static LyExpr b_sow(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 2)) return NULL;
    LyExpr val = ly_narg(e, 1);
    if (ly_nlen(e) == 1) {
        if (!sow1(vm, val, ly_symbol(vm, "None"))) return NULL;
    } else {
        LyExpr tags = ly_narg(e, 2);
        if (ly_head_is(tags, LY_SYM(List))) {
            for (size_t i = 1; i <= ly_nlen(tags); i++)
                if (!sow1(vm, val, ly_narg(tags, i))) return NULL;
        } else if (!sow1(vm, val, tags)) return NULL;
    }
    ly_ref(val);
    return val;
}

/* ---- Reap ------------------------------------------------------------------------------------ */

/* The lists of values sown with tags matching patt, one per distinct tag
 * in order of first appearance; f[tag, list] when f is given. */
static LyExpr collect(LyVM *vm, Frame *fr, LyExpr patt, LyExpr f) {
    size_t n = fr->n;
    size_t *grp = ly_alloc(vm, (n ? n : 1) * sizeof(size_t));     /* group of pair i */
    size_t *first = ly_alloc(vm, (n ? n : 1) * sizeof(size_t));   /* first pair of group g */
    size_t *count = ly_alloc(vm, (n ? n : 1) * sizeof(size_t));
    LyExpr out = NULL;
    if (!grp || !first || !count) goto done;
    size_t ng = 0;
    for (size_t i = 0; i < n; i++) {
        grp[i] = SIZE_MAX;
        if (patt && !tag_matches(vm, patt, fr->tag[i])) { if (ly_unwinding(vm)) goto done; continue; }
        size_t g;
        for (g = 0; g < ng; g++) if (ly_equal(fr->tag[first[g]], fr->tag[i])) break;
        if (g == ng) { first[ng] = i; count[ng] = 0; ng++; }
        grp[i] = g;
        count[g]++;
    }
    out = ly_mknormal(vm, LY_SYM(List), ng);
    for (size_t g = 0; out && g < ng; g++) {
        LyExpr l = ly_mknormal(vm, LY_SYM(List), count[g]);
        for (size_t i = 0, k = 0; l && i < n; i++)
            if (grp[i] == g) { ly_ref(fr->val[i]); ly_nset(l, ++k, fr->val[i]); }
        if (l) l = lys_pack_steal(vm, l);
        if (l && f) {
            LyExpr args[2] = { fr->tag[first[g]], l };
            LyExpr r = lys_apply_eval(vm, f, 2, args);
            ly_unref(vm, l);
            l = r;
        }
        if (!l) { lys_abandon(vm, out, g + 1); out = NULL; break; }
        ly_nset(out, g + 1, l);
    }
done:
    if (grp) ly_dealloc(vm, grp, (n ? n : 1) * sizeof(size_t));
    if (first) ly_dealloc(vm, first, (n ? n : 1) * sizeof(size_t));
    if (count) ly_dealloc(vm, count, (n ? n : 1) * sizeof(size_t));
    if (!out && !ly_unwinding(vm)) ly_raise_nomem(vm);
    return out;
}

static LyExpr b_reap(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 3)) return NULL;
    LyExpr patt = ly_nlen(e) >= 2 ? ly_narg(e, 2) : ly_mk(vm, LY_SYM(Blank), 0);
    if (ly_nlen(e) >= 2) ly_ref(patt);
    if (!patt) return NULL;
    Reaps *r = reaps(vm, true);
    if (!r) { ly_unref(vm, patt); return ly_unwinding(vm) ? NULL : ly_raise_nomem(vm); }
    if (r->n == r->cap) {
        size_t nc = r->cap ? 2 * r->cap : 4;
        Frame *nf = ly_realloc(vm, r->f, r->cap * sizeof(Frame), nc * sizeof(Frame));
        if (!nf) { ly_unref(vm, patt); return ly_raise_nomem(vm); }
        r->f = nf;
        r->cap = nc;
    }
    size_t me = r->n++;
    r->f[me] = (Frame){ patt, NULL, NULL, 0, 0 };
    LyExpr v = ly_evaluate(vm, ly_narg(e, 1));
    /* evaluation may have grown r->f: index, don't hold pointers across it */
    r = reaps(vm, false);
    if (!r || r->n != me + 1) {       /* the frames were replaced under us (Clear...) */
        ly_unref(vm, v);
        return NULL;
    }
    Frame fr = r->f[me];
    r->n--;
    LyExpr res = NULL;
    if (v) {
        LyExpr lists;
        if (ly_nlen(e) >= 2 && ly_head_is(fr.patt, LY_SYM(List))) {
            lists = ly_mknormal(vm, LY_SYM(List), ly_nlen(fr.patt));
            for (size_t i = 1; lists && i <= ly_nlen(fr.patt); i++) {
                LyExpr c = collect(vm, &fr, ly_narg(fr.patt, i), ly_nlen(e) == 3 ? ly_narg(e, 3) : NULL);
                if (!c) { lys_abandon(vm, lists, i); lists = NULL; break; }
                ly_nset(lists, i, c);
            }
        } else {
            lists = collect(vm, &fr, ly_nlen(e) >= 2 ? fr.patt : NULL, ly_nlen(e) == 3 ? ly_narg(e, 3) : NULL);
        }
        res = lists ? ly_mk(vm, LY_SYM(List), 2, v, lists) : (ly_unref(vm, v), NULL);
    }
    for (size_t j = 0; j < fr.n; j++) { ly_unref(vm, fr.tag[j]); ly_unref(vm, fr.val[j]); }
    if (fr.cap) { ly_dealloc(vm, fr.tag, fr.cap * sizeof(LyExpr)); ly_dealloc(vm, fr.val, fr.cap * sizeof(LyExpr)); }
    ly_unref(vm, fr.patt);
    return res ? ly_evaluated(vm, res) : NULL;
}

static const LyBuiltin reap_builtins[] = {
    { "Sow", b_sow, "Protected",
      "Sow[e] specifies that e should be collected by the nearest enclosing Reap.\n"
      "Sow[e, tag] specifies that e should be collected by the nearest enclosing Reap whose pattern matches tag." },
    { "Reap", b_reap, "HoldFirst Protected",
      "Reap[expr] gives the value of expr together with all expressions to which Sow has been applied during its evaluation.\n"
      "Reap[expr, patt] reaps only expressions sown with tags that match patt.\n"
      "Reap[expr, patt, f] returns {expr, {f[tag1, {e11, e12, ...}], ...}}." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_reap(LyVM *vm);
LyStatus lys_open_reap(LyVM *vm) { return ly_register_table(vm, reap_builtins); }
