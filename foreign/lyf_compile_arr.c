/*
 * lyf_compile_arr.c — Compile: tensors (list literals, Part read and write,
 * Table, Sum, Product, Length, Total, Dot, Range, ConstantArray, Mean,
 * element-wise arithmetic and listable math functions).
 *
 * A tensor is a Lua table of rows (rank 1: numbers).  Reads of a part are
 * inline (t[i] or P1(t, i, site)): a number or a row is never nil, so the
 * slow path (negative indices, errors) runs only when the fast one misses.
 * A variable owns its table: assigning a tensor that something else holds
 * copies it (lyfc_own()), and an argument that the body changes in place is
 * copied on entry, so compiled code never changes a caller's value.
 * Shapes are checked where they can break: Dot and element-wise operations
 * compare lengths, a row assignment keeps the tensor rectangular, and the
 * result is checked when it is packed.
 */
#include <stdio.h>
#include <string.h>
#include "lyf_compile_gen.h"

static Val none_val(void) { return lyfc_mkval(cty(CT_NONE, 0), "nil", VF_SIMPLE); }

static bool is_index_spec(LyExpr a) {
    return a == LY_SYM(All) || ly_head_is(a, LY_SYM(Span)) || ly_head_is(a, LY_SYM(List));
}

/* ---- literals ------------------------------------------------------------------------------ */

Val lyfc_g_list(Gen *g, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n == 0) { lyfc_fail(g, e, "an empty list"); return none_val(); }
    LyfCty st = cty(CT_NONE, 0);
    for (size_t i = 1; i <= n; i++) st = lyfc_cty_join(st, lyfc_sty(g, ly_narg(e, i)));
    int h = st.b == CT_REAL && st.rank == 0 ? H_REAL : H_ANY;
    int hints[n];
    for (size_t i = 0; i < n; i++) hints[i] = h;
    Val v[n];
    lyfc_gx_seq(g, n, ly_nargs(e), hints, v);
    LyfCty t = cty(CT_NONE, 0);
    for (size_t i = 0; i < n; i++) {
        if (v[i].t.b == CT_NONE) return none_val();
        t = lyfc_cty_join(t, v[i].t);
    }
    if (t.b == CT_ERR || t.b == CT_VOID || t.rank + 1 > LYF_MAXRANK) {
        lyfc_fail(g, e, "a list whose elements are not numbers or tensors of one type and rank");
        return none_val();
    }
    SB b = {0};
    lyfc_sb_put(g, &b, "{", 1);
    for (size_t i = 0; i < n; i++) {
        Val c = lyfc_own(g, lyfc_conv(g, v[i], t));
        if (i) lyfc_sb_put(g, &b, ", ", 2);
        lyfc_sb_put(g, &b, c.s, strlen(c.s));
    }
    lyfc_sb_put(g, &b, "}", 1);
    Val r = lyfc_mkval(cty(t.b, t.rank + 1), lyfc_gfmt(g, "%s", b.p), VF_FRESH);
    lyfc_sb_free(&b);
    return r;
}

/* A packed array in the body (from With or Evaluate): small ones are table
 * constructors, larger ones constants shared by the calls (read-only). */
Val lyfc_g_tensor_const(Gen *g, LyExpr packed) {
    LyPacked *p = ly_packed(packed);
    unsigned rank = p->h.aux;
    bool ints = (p->h.flags & 3) == LY_PACKED_INT64;
    if (rank > LYF_MAXRANK) { lyfc_fail(g, packed, "a tensor of rank above 4"); return none_val(); }
    LyfCty t = cty(ints ? CT_INT : CT_REAL, (int)rank);
    if (p->len <= 64 && rank <= 2 && p->len > 0) {
        SB b = {0};
        size_t rows = rank == 1 ? 1 : p->dims[0], cols = rank == 1 ? p->dims[0] : p->dims[1];
        if (rank == 2) lyfc_sb_put(g, &b, "{", 1);
        for (size_t r = 0; r < rows; r++) {
            if (r) lyfc_sb_put(g, &b, ", ", 2);
            lyfc_sb_put(g, &b, "{", 1);
            for (size_t c = 0; c < cols; c++) {
                size_t k = r * cols + c;
                Val x = ints ? lyfc_ilit(g, ((int64_t *)p->data)[k]) : lyfc_rlit(g, ((double *)p->data)[k]);
                if (c) lyfc_sb_put(g, &b, ", ", 2);
                lyfc_sb_put(g, &b, x.s, strlen(x.s));
            }
            lyfc_sb_put(g, &b, "}", 1);
        }
        if (rank == 2) lyfc_sb_put(g, &b, "}", 1);
        Val r = lyfc_mkval(t, lyfc_gfmt(g, "%s", b.p ? b.p : "{}"), VF_FRESH);
        lyfc_sb_free(&b);
        return r;
    }
    ly_ref(packed);
    size_t k = lyfc_add_const(g, ly_mk(g->vm, LY_SYM(List), 2, ly_mksmall(LYF_K_TENSOR), packed));
    return lyfc_mkval(t, lyfc_gfmt(g, "K%zu", k), VF_SIMPLE);
}

/* ---- Part ------------------------------------------------------------------------------------ */

Val lyfc_g_part(Gen *g, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 2) return lyfc_ext(g, e, H_ANY);
    for (size_t i = 2; i <= n; i++) if (is_index_spec(ly_narg(e, i))) return lyfc_ext(g, e, H_ANY);
    int hints[n];
    hints[0] = H_ANY;
    for (size_t i = 1; i < n; i++) hints[i] = H_INT;
    Val v[n];
    lyfc_gx_seq(g, n, ly_nargs(e), hints, v);
    Val base = v[0];
    size_t k = n - 1;
    if (base.t.b == CT_NONE) return none_val();
    if (base.t.rank < k) {
        lyfc_fail(g, e, base.t.rank ? "a Part deeper than the tensor" : "Part of a scalar");
        return none_val();
    }
    for (size_t i = 1; i < n; i++) {
        if (v[i].t.b != CT_INT && v[i].t.b != CT_NONE) { lyfc_fail(g, e, "a Part index that is not an integer"); return none_val(); }
    }
    Val cur = lyfc_spill(g, base);
    const char *expr = NULL;
    for (size_t j = 1; j <= k; j++) {
        Val idx = lyfc_spill(g, v[j]);
        expr = lyfc_gfmt(g, "(%s[%s] or P1(%s, %s, %u))", cur.s, idx.s, cur.s, idx.s, lyfc_site(g));
        if (j < k) cur = lyfc_spill(g, lyfc_mkval(cty(base.t.b, base.t.rank - (int)j), expr, 0));
    }
    LyfCty t = cty(base.t.b, base.t.rank - (int)k);
    return lyfc_mkval(t, expr, t.b == CT_REAL && !t.rank ? 0 : 0);
}

Val lyfc_g_part_set(Gen *g, LyExpr lhs, LyExpr rhs, int hint) {
    (void)hint;
    size_t n = ly_nlen(lhs);
    size_t k;
    if (!lyfc_lookup(g, ly_narg(lhs, 1), &k)) return lyfc_ext(g, lhs, H_ANY);
    for (size_t i = 2; i <= n; i++) if (is_index_spec(ly_narg(lhs, i))) { lyfc_fail(g, lhs, "assignment to a span of parts"); return none_val(); }
    size_t nidx = n - 1;
    Var *var = &g->vars[k];
    if (var->kind == VK_ARG || var->kind == VK_ITER || var->kind == VK_LOCAL) {
        if (!var->mutated) { var->mutated = true; g->changed = true; }
    }
    LyfCty t = var->t;
    if (t.b != CT_NONE && t.rank < nidx) { lyfc_fail(g, lhs, "assignment to a part deeper than the tensor"); return none_val(); }
    LyExpr es[n];
    int hints[n];
    es[0] = rhs;
    hints[0] = t.b == CT_NONE ? H_ANY : lyfc_hint_of(cty(t.b, t.rank - (int)nidx));
    for (size_t i = 1; i < n; i++) { es[i] = ly_narg(lhs, i + 1); hints[i] = H_INT; }
    Val v[n];
    lyfc_gx_seq(g, n, es, hints, v);
    for (size_t i = 1; i < n; i++)
        if (v[i].t.b != CT_INT && v[i].t.b != CT_NONE) { lyfc_fail(g, lhs, "a Part index that is not an integer"); return none_val(); }
    Val x = v[0];
    if (x.t.b == CT_VOID || x.t.b == CT_BOOL) {
        if (!(t.b == CT_BOOL && x.t.b == CT_BOOL)) { lyfc_fail(g, lhs, "a part assigned a value that is not a number"); return none_val(); }
    }
    if (t.b != CT_NONE && x.t.b != CT_NONE) {
        if (x.t.rank != t.rank - nidx) { lyfc_fail(g, lhs, "a part assigned a value of the wrong rank"); return none_val(); }
        lyfc_widen(g, k, cty(x.t.b, t.rank), lhs);
        t = g->vars[k].t;
    }
    if (t.b == CT_NONE) return none_val();
    LyfCty et = cty(t.b, t.rank - (int)nidx);
    Val val = lyfc_spill(g, lyfc_conv(g, x, et));
    Val cur = lyfc_mkval(t, lyfc_vname(g, k), VF_SIMPLE);
    Val idx[n];
    for (size_t j = 1; j < n; j++) idx[j] = lyfc_spill(g, v[j]);
    for (size_t j = 1; j < nidx; j++) {
        const char *expr = lyfc_gfmt(g, "(%s[%s] or P1(%s, %s, %u))", cur.s, idx[j].s, cur.s, idx[j].s, lyfc_site(g));
        cur = lyfc_spill(g, lyfc_mkval(cty(t.b, t.rank - (int)j), expr, 0));
    }
    const char *ii = lyfc_tmpname(g);
    lyfc_emit(g, "local %s = %s", ii, idx[nidx].s);
    if (et.rank == 0) {
        lyfc_emit(g, "if %s[%s] == nil then %s = PIDX(%s, %s, %u) end", cur.s, ii, ii, cur.s, ii, lyfc_site(g));
        lyfc_emit(g, "%s[%s] = %s", cur.s, ii, val.s);
    } else {
        lyfc_emit(g, "SETROW(%s, %s, %s, %u)", cur.s, ii, val.s, lyfc_site(g));
    }
    return val;
}

/* ---- Table, Sum, Product --------------------------------------------------------------------- */

static bool iters_ok(LyExpr e) {
    if (ly_nlen(e) < 2) return false;
    for (size_t i = 2; i <= ly_nlen(e); i++) if (!lyfc_it_check(ly_narg(e, i))) return false;
    return true;
}

static const char *table_level(Gen *g, LyExpr e, size_t j, size_t slot) {
    size_t n = ly_nlen(e);
    const char *tbl = lyfc_tmpname(g), *cnt = lyfc_tmpname(g);
    lyfc_emit(g, "local %s, %s = {}, 0", tbl, cnt);
    It it;
    lyfc_it_open(g, ly_narg(e, j), &it);
    lyfc_emit(g, "%s = %s + 1", cnt, cnt);
    if (j == n) {
        LyfCty st = g->vars[slot].t;
        Val v = lyfc_gx(g, ly_narg(e, 1), st.b != CT_NONE ? lyfc_hint_of(st) : H_ANY);
        if (v.t.b == CT_VOID || v.t.b == CT_BOOL) lyfc_fail(g, e, "a Table whose elements are not numbers or tensors");
        else lyfc_widen(g, slot, v.t, e);
        Val c = lyfc_own(g, lyfc_conv(g, v, g->vars[slot].t));
        lyfc_emit(g, "%s[%s] = %s", tbl, cnt, c.s);
    } else {
        const char *inner = table_level(g, e, j + 1, slot);
        lyfc_emit(g, "%s[%s] = %s", tbl, cnt, inner);
    }
    lyfc_it_close(g, &it);
    return tbl;
}

Val lyfc_g_table(Gen *g, LyExpr e) {
    if (!iters_ok(e)) return lyfc_ext(g, e, H_ANY);
    size_t slot = lyfc_decl(g, NULL, VK_SLOT, cty(CT_NONE, 0));
    const char *tbl = table_level(g, e, 2, slot);
    LyfCty et = g->vars[slot].t;
    int rank = et.rank + (int)(ly_nlen(e) - 1);
    if (rank > LYF_MAXRANK) { lyfc_fail(g, e, "a Table of rank above 4"); return none_val(); }
    if (et.b == CT_NONE) return none_val();
    return lyfc_mkval(cty(et.b, rank), tbl, VF_SIMPLE | VF_FRESH);
}

Val lyfc_g_sum(Gen *g, LyExpr e, bool product, int hint) {
    (void)hint;
    if (!iters_ok(e)) return lyfc_ext(g, e, H_ANY);
    size_t n = ly_nlen(e);
    size_t slot = lyfc_decl(g, NULL, VK_SLOT, cty(CT_NONE, 0));
    LyfCty t = g->vars[slot].t;
    const char *acc = lyfc_vname(g, slot);
    lyfc_emit(g, "local %s = %s", acc, t.b == CT_REAL && !t.rank ? (product ? "1.0" : "0.0") : (product ? "1" : "0"));
    It its[n];
    for (size_t i = 2; i <= n; i++) lyfc_it_open(g, ly_narg(e, i), &its[i - 2]);
    Val v = lyfc_gx(g, ly_narg(e, 1), t.b != CT_NONE ? lyfc_hint_of(t) : H_ANY);
    if ((v.t.b != CT_INT && v.t.b != CT_REAL && v.t.b != CT_NONE)) lyfc_fail(g, e, "a sum or product of values that are not numbers");
    else lyfc_widen(g, slot, v.t, e);
    t = g->vars[slot].t;
    Val a = lyfc_mkval(t, acc, VF_SIMPLE);
    if (t.rank) {
        Val r = lyfc_g_elementwise(g, product ? "MUL" : "ADD", lyfc_mkval(cty(t.b, 0), acc, VF_SIMPLE), v);
        lyfc_emit(g, "%s = %s", acc, r.s);
    } else if (t.b == CT_INT && v.t.b == CT_INT) {
        /* checked integer accumulation */
        Val x = lyfc_spill(g, v);
        const char *tn = lyfc_tmpname(g);
        if (product) {
            const char *f = lyfc_tmpname(g);
            lyfc_emit(g, "local %s, %s = %s * %s, (%s + 0.0) * %s", tn, f, acc, x.s, acc, x.s);
            lyfc_emit(g, "if %s >= 0x1p62 or %s <= -0x1p62 then %s = IMUL(%s, %s, %u) end", f, f, tn, acc, x.s, lyfc_site(g));
        } else {
            lyfc_emit(g, "local %s = %s + %s", tn, acc, x.s);
            lyfc_emit(g, "if (%s ~ %s) & (%s ~ %s) < 0 then E(1, %u) end", acc, tn, x.s, tn, lyfc_site(g));
        }
        lyfc_emit(g, "%s = %s", acc, tn);
    } else if (t.b != CT_NONE) {
        Val x = lyfc_conv(g, v, cty(CT_REAL, 0));
        lyfc_emit(g, "%s = %s %s %s", acc, acc, product ? "*" : "+", x.s);
    }
    for (size_t i = n; i >= 2; i--) lyfc_it_close(g, &its[i - 2]);
    return a;
}

/* ---- functions of tensors -------------------------------------------------------------------- */

Val lyfc_g_elementwise(Gen *g, const char *op, Val a, Val b) {
    if (a.t.b == CT_NONE || b.t.b == CT_NONE) return none_val();
    if ((a.t.b != CT_INT && a.t.b != CT_REAL) || (b.t.b != CT_INT && b.t.b != CT_REAL)) {
        lyfc_fail(g, NULL, "arithmetic on values that are not numbers");
        return none_val();
    }
    int rank = a.t.rank > b.t.rank ? a.t.rank : b.t.rank;
    bool real = a.t.b == CT_REAL || b.t.b == CT_REAL || strcmp(op, "DIV") == 0;
    if (strcmp(op, "DIV") == 0) a = lyfc_conv(g, a, cty(CT_REAL, a.t.rank));
    return lyfc_mkval(cty(real ? CT_REAL : CT_INT, rank), lyfc_gfmt(g, "EW(\"%s\", %s, %s, %u)", op, a.s, b.s, lyfc_site(g)), VF_FRESH);
}

Val lyfc_g_map(Gen *g, const char *fn, Val a, LyExpr where) {
    (void)where;
    bool ints = strcmp(fn, "IABS") == 0;
    return lyfc_mkval(cty(ints ? CT_INT : CT_REAL, a.t.rank), lyfc_gfmt(g, "MAP(%s, %s, %u)", fn, a.s, lyfc_site(g)), VF_FRESH);
}

static bool numeric_or_none(LyfCty t) { return t.b == CT_INT || t.b == CT_REAL || t.b == CT_NONE; }

static Val tensor_fn(Gen *g, LyExpr e, const char *name, int hint, bool *handled);

/* A function of tensors that turns out not to apply (Total of a scalar)
 * leaves no note about its operands: the whole call is external. */
Val lyfc_g_tensor_fn(Gen *g, LyExpr e, const char *name, int hint, bool *handled) {
    size_t nn = g->nnotes;
    Val v = tensor_fn(g, e, name, hint, handled);
    if (!*handled) lyfc_notes_truncate(g, nn);
    return v;
}

static Val tensor_fn(Gen *g, LyExpr e, const char *name, int hint, bool *handled) {
    size_t n = ly_nlen(e);
    *handled = true;
    if (strcmp(name, "Length") == 0) {
        if (n != 1) { *handled = false; return none_val(); }
        Val v = lyfc_gx(g, ly_narg(e, 1), H_ANY);
        if (v.t.b == CT_NONE) return lyfc_mkval(cty(CT_INT, 0), "0", VF_SIMPLE);
        if (!v.t.rank) { if (!(v.f & VF_SIMPLE)) lyfc_spill(g, v); return lyfc_ilit(g, 0); }
        /* a Lua table never holds 2^40 elements: lengths are small */
        return lyfc_bounded(lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "#%s", lyfc_spill(g, v).s), 0), 0, (int64_t)1 << 40);
    }
    if (strcmp(name, "Total") == 0 || strcmp(name, "Mean") == 0) {
        if (n != 1) { *handled = false; return none_val(); }
        Val v = lyfc_gx(g, ly_narg(e, 1), H_ANY);
        if (v.t.b == CT_NONE) return none_val();
        if (!numeric_or_none(v.t) || !v.t.rank) { *handled = false; return none_val(); }
        if (name[0] == 'M') {
            if (v.t.rank != 1) { *handled = false; return none_val(); }
            return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "MEAN(%s, %u)", v.s, lyfc_site(g)), 0);
        }
        return lyfc_mkval(cty(v.t.b, v.t.rank - 1), lyfc_gfmt(g, "TOTAL(%s, %u)", v.s, lyfc_site(g)), v.t.rank > 1 ? VF_FRESH : 0);
    }
    if (strcmp(name, "Dot") == 0) {
        if (n < 1) { *handled = false; return none_val(); }
        Val v[n];
        lyfc_gx_seq(g, n, ly_nargs(e), NULL, v);
        Val acc = v[0];
        for (size_t i = 1; i < n; i++) {
            Val b = v[i];
            if (acc.t.b == CT_NONE || b.t.b == CT_NONE) return none_val();
            if (!numeric_or_none(acc.t) || !numeric_or_none(b.t) || !acc.t.rank || !b.t.rank || acc.t.rank > 2 || b.t.rank > 2) {
                lyfc_fail(g, e, "Dot of values that are not vectors or matrices");
                return none_val();
            }
            int rank = acc.t.rank + b.t.rank - 2;
            int base = acc.t.b == CT_REAL || b.t.b == CT_REAL ? CT_REAL : CT_INT;
            acc = lyfc_mkval(cty(base, rank), lyfc_gfmt(g, "DOT(%s, %s, %u)", acc.s, b.s, lyfc_site(g)), rank ? VF_FRESH : 0);
        }
        return acc;
    }
    if (strcmp(name, "Range") == 0) {
        if (n < 1 || n > 3) { *handled = false; return none_val(); }
        Val v[3];
        lyfc_gx_seq(g, n, ly_nargs(e), NULL, v);
        Val a = n >= 2 ? v[0] : lyfc_ilit(g, 1), b = n >= 2 ? v[1] : v[0], d = n == 3 ? v[2] : lyfc_ilit(g, 1);
        if (!is_num(a.t) || !is_num(b.t) || !is_num(d.t)) {
            if (a.t.b == CT_NONE || b.t.b == CT_NONE || d.t.b == CT_NONE) return none_val();
            lyfc_fail(g, e, "Range of values that are not numbers");
            return none_val();
        }
        bool ints = a.t.b == CT_INT && b.t.b == CT_INT && d.t.b == CT_INT;
        if (!ints) { a = lyfc_tofloat(g, a); d = lyfc_tofloat(g, d); }
        return lyfc_mkval(cty(ints ? CT_INT : CT_REAL, 1), lyfc_gfmt(g, "RANGE(%s, %s, %s, %u)", a.s, b.s, d.s, lyfc_site(g)), VF_FRESH);
    }
    if (strcmp(name, "ConstantArray") == 0) {
        if (n != 2) { *handled = false; return none_val(); }
        LyExpr dims = ly_narg(e, 2);
        size_t nd = ly_head_is(dims, LY_SYM(List)) ? ly_nlen(dims) : 1;
        if (nd == 0 || nd > LYF_MAXRANK) { *handled = false; return none_val(); }
        LyExpr es[nd + 1];
        int hints[nd + 1];
        es[0] = ly_narg(e, 1);
        hints[0] = hint;
        for (size_t i = 0; i < nd; i++) { es[i + 1] = ly_head_is(dims, LY_SYM(List)) ? ly_narg(dims, i + 1) : dims; hints[i + 1] = H_INT; }
        Val v[nd + 1];
        lyfc_gx_seq(g, nd + 1, es, hints, v);
        if (v[0].t.b == CT_NONE) return none_val();
        if (!numeric_or_none(v[0].t) || v[0].t.rank + nd > LYF_MAXRANK) { lyfc_fail(g, e, "ConstantArray of a value that is not a number"); return none_val(); }
        SB b = {0};
        lyfc_sb_put(g, &b, "{", 1);
        for (size_t i = 1; i <= nd; i++) {
            if (v[i].t.b != CT_INT && v[i].t.b != CT_NONE) { lyfc_sb_free(&b); lyfc_fail(g, e, "a dimension that is not an integer"); return none_val(); }
            if (i > 1) lyfc_sb_put(g, &b, ", ", 2);
            lyfc_sb_put(g, &b, v[i].s, strlen(v[i].s));
        }
        lyfc_sb_put(g, &b, "}", 1);
        Val r = lyfc_mkval(cty(v[0].t.b, v[0].t.rank + (int)nd), lyfc_gfmt(g, "CARRAY(%s, %s, %u)", v[0].s, b.p, lyfc_site(g)), VF_FRESH);
        lyfc_sb_free(&b);
        return r;
    }
    *handled = false;
    return none_val();
}
