/*
 * lyf_compile_ctl.c — Compile: blocks and control flow (CompoundExpression,
 * If, Which, Switch, Module/Block/With, assignments, Do, While, For,
 * Return, Break, Continue).
 *
 * Statements and values: lyfc_gs() compiles a statement (value discarded), lyfc_gx()
 * a value.  The value forms of If, Which and Switch assign each branch's
 * value to a slot (a variable of the translator whose type is the join of
 * the branches', found by the fixed point); a missing branch in a value
 * context raises "Null encountered" at run time (uncompiled evaluation
 * decides).  Every statement that declares Lua locals (temporaries, Module
 * locals) gets its own do ... end, so no Lua function comes near the limit
 * of 200 locals.  Loops count down POLLC and call CHK (a VM safe point)
 * every 256 iterations; Continue jumps to a label after the body, which is
 * its own block so the jump never enters a local's scope.
 */
#include <stdio.h>
#include <string.h>
#include "lyf_compile_gen.h"

/* ---- blocks and control flow --------------------------------------------------------------------------- */

/* One statement, in its own Lua block when it declared anything. */
void lyfc_gstmt(Gen *g, LyExpr e) {
    SB sub = {0};
    SB *outer = g->cur;
    int t0 = g->ntmp;
    size_t d0 = g->ndecl;
    g->cur = &sub;
    g->indent++;
    lyfc_gs(g, e);
    g->indent--;
    g->cur = outer;
    if (sub.len) {
        bool wrap = g->ntmp != t0 || g->ndecl != d0;
        if (wrap) lyfc_emit(g, "do");
        lyfc_sb_put(g, outer, sub.p, sub.len);
        if (wrap) lyfc_emit(g, "end");
    }
    lyfc_sb_free(&sub);
}

/* The statements of e (a CompoundExpression is flattened). */
void lyfc_gblock(Gen *g, LyExpr e) {
    if (ly_head_is(e, LY_SYM(CompoundExpression))) {
        for (size_t i = 1; i <= ly_nlen(e); i++) lyfc_gstmt(g, ly_narg(e, i));
    } else {
        lyfc_gstmt(g, e);
    }
}

/* The value of e as a block: all but the last part are statements. */
Val lyfc_gvalblock(Gen *g, LyExpr e, int hint) {
    if (ly_head_is(e, LY_SYM(CompoundExpression)) && ly_nlen(e) > 0) {
        size_t n = ly_nlen(e);
        for (size_t i = 1; i < n; i++) lyfc_gstmt(g, ly_narg(e, i));
        return lyfc_gx(g, ly_narg(e, n), hint);
    }
    return lyfc_gx(g, e, hint);
}

/* Assigns the value of branch e to slot k (value form of If, Which, Switch). */
static void branch_value(Gen *g, LyExpr e, size_t k, int hint) {
    Var *s = &g->vars[k];
    int h = s->t.b != CT_NONE ? lyfc_hint_of(s->t) : hint;
    Val v = lyfc_gvalblock(g, e, h);
    if (v.t.b == CT_VOID && s->t.b != CT_VOID && s->t.b != CT_NONE) {
        /* Null where a value is needed: uncompiled evaluation decides */
        lyfc_emit(g, "E(6, %u)", lyfc_site(g));
        return;
    }
    lyfc_widen(g, k, v.t, e);
    Val c = lyfc_own(g, lyfc_conv(g, v, g->vars[k].t));
    if (g->vars[k].t.b == CT_VOID) {
        if (!(c.f & VF_SIMPLE)) lyfc_emit(g, "do local _ = %s end", c.s);
        return;
    }
    lyfc_emit(g, "%s = %s", lyfc_vname(g, k), c.s);
}

static void no_value(Gen *g, size_t k) {
    if (g->vars[k].t.b != CT_VOID) lyfc_emit(g, "E(6, %u)", lyfc_site(g));
}

Val lyfc_gif(Gen *g, LyExpr e, int hint, bool stmt) {
    size_t n = ly_nlen(e);
    if (n < 2 || n > 4) return lyfc_ext(g, e, hint);
    Val c = lyfc_gx(g, ly_narg(e, 1), H_BOOL);
    lyfc_need_bool(g, c, ly_narg(e, 1));
    if (stmt) {
        lyfc_emit(g, "if %s then", c.s);
        g->indent++;
        lyfc_gblock(g, ly_narg(e, 2));
        g->indent--;
        if (n >= 3) {
            lyfc_emit(g, "else");
            g->indent++;
            lyfc_gblock(g, ly_narg(e, 3));
            g->indent--;
        }
        lyfc_emit(g, "end");
        return lyfc_mkval(cty(CT_VOID, 0), "nil", VF_SIMPLE);
    }
    size_t k = lyfc_decl(g, NULL, VK_SLOT, cty(CT_NONE, 0));
    const char *nm = lyfc_vname(g, k);
    lyfc_emit(g, "local %s", nm);
    lyfc_emit(g, "if %s then", c.s);
    g->indent++;
    branch_value(g, ly_narg(e, 2), k, hint);
    g->indent--;
    lyfc_emit(g, "else");
    g->indent++;
    if (n >= 3) branch_value(g, ly_narg(e, 3), k, hint);
    else no_value(g, k);
    g->indent--;
    lyfc_emit(g, "end");
    return lyfc_mkval(g->vars[k].t, nm, VF_SIMPLE | VF_FRESH);
}

Val lyfc_gwhich(Gen *g, LyExpr e, int hint, bool stmt) {
    size_t n = ly_nlen(e);
    if (n % 2) return lyfc_ext(g, e, hint);
    size_t k = 0;
    const char *nm = NULL;
    if (!stmt) {
        k = lyfc_decl(g, NULL, VK_SLOT, cty(CT_NONE, 0));
        nm = lyfc_vname(g, k);
        lyfc_emit(g, "local %s", nm);
    }
    int opens = 0;
    for (size_t i = 1; i + 1 <= n; i += 2) {
        Val c = lyfc_gx(g, ly_narg(e, i), H_BOOL);
        lyfc_need_bool(g, c, ly_narg(e, i));
        lyfc_emit(g, "if %s then", c.s);
        g->indent++;
        if (stmt) lyfc_gblock(g, ly_narg(e, i + 1));
        else branch_value(g, ly_narg(e, i + 1), k, hint);
        g->indent--;
        lyfc_emit(g, "else");
        g->indent++;
        opens++;
    }
    if (!stmt) no_value(g, k);
    while (opens-- > 0) { g->indent--; lyfc_emit(g, "end"); }
    if (stmt) return lyfc_mkval(cty(CT_VOID, 0), "nil", VF_SIMPLE);
    return lyfc_mkval(g->vars[k].t, nm, VF_SIMPLE | VF_FRESH);
}

/* Switch with literal numbers/booleans and _ as patterns. */
static bool switch_pattern_ok(LyExpr p) {
    if (ly_is_small(p) || ly_is_real(p) || p == LY_SYM(True) || p == LY_SYM(False)) return true;
    return ly_head_is(p, LY_SYM(Blank)) && ly_nlen(p) == 0;
}

Val lyfc_gswitch(Gen *g, LyExpr e, int hint, bool stmt) {
    size_t n = ly_nlen(e);
    if (n < 3 || n % 2 == 0) return lyfc_ext(g, e, hint);
    for (size_t i = 2; i <= n; i += 2) if (!switch_pattern_ok(ly_narg(e, i))) return lyfc_ext(g, e, hint);
    Val x = lyfc_spill(g, lyfc_gx(g, ly_narg(e, 1), H_ANY));
    if (x.t.rank) return lyfc_ext(g, e, hint);
    size_t k = 0;
    const char *nm = NULL;
    if (!stmt) {
        k = lyfc_decl(g, NULL, VK_SLOT, cty(CT_NONE, 0));
        nm = lyfc_vname(g, k);
        lyfc_emit(g, "local %s", nm);
    }
    int opens = 0;
    bool closed = false;
    for (size_t i = 2; i + 1 <= n; i += 2) {
        LyExpr p = ly_narg(e, i);
        const char *c;
        if (ly_head_is(p, LY_SYM(Blank))) c = NULL;
        else if (ly_is_small(p)) c = x.t.b == CT_INT ? lyfc_gfmt(g, "%s == %s", x.s, lyfc_int_text(g, ly_small(p))) : "false";
        else if (ly_is_real(p)) c = x.t.b == CT_REAL ? lyfc_gfmt(g, "%s == %s", x.s, lyfc_real_text(g, ly_realv(p))) : "false";
        else c = x.t.b == CT_BOOL ? lyfc_gfmt(g, "%s == %s", x.s, p == LY_SYM(True) ? "true" : "false") : "false";
        if (!c) {
            if (stmt) lyfc_gblock(g, ly_narg(e, i + 1));
            else branch_value(g, ly_narg(e, i + 1), k, hint);
            closed = true;
            break;
        }
        lyfc_emit(g, "if %s then", c);
        g->indent++;
        if (stmt) lyfc_gblock(g, ly_narg(e, i + 1));
        else branch_value(g, ly_narg(e, i + 1), k, hint);
        g->indent--;
        lyfc_emit(g, "else");
        g->indent++;
        opens++;
    }
    if (!stmt && !closed) no_value(g, k);
    while (opens-- > 0) { g->indent--; lyfc_emit(g, "end"); }
    if (stmt) return lyfc_mkval(cty(CT_VOID, 0), "nil", VF_SIMPLE);
    return lyfc_mkval(g->vars[k].t, nm, VF_SIMPLE | VF_FRESH);
}

static const char *zero_of(LyfCty t) {
    if (t.rank) return NULL;
    switch (t.b) {
    case CT_INT: return "0";
    case CT_REAL: return "0.0";
    case CT_BOOL: return "false";
    default: return NULL;
    }
}

/* Module, Block, With: locals of the compiled code. */
Val lyfc_gmodule(Gen *g, LyExpr e, int hint, bool stmt) {
    if (ly_nlen(e) != 2 || !ly_head_is(ly_narg(e, 1), LY_SYM(List))) return lyfc_ext(g, e, hint);
    LyExpr specs = ly_narg(e, 1);
    size_t n = ly_nlen(specs);
    LyExpr syms[n ? n : 1], inits[n ? n : 1];
    size_t ninit = 0;
    inits[0] = NULL;
    for (size_t i = 1; i <= n; i++) {
        LyExpr s = ly_narg(specs, i);
        if (ly_is_sym(s)) { syms[i - 1] = s; continue; }
        if (ly_head_is(s, LY_SYM(Set)) && ly_nlen(s) == 2 && ly_is_sym(ly_narg(s, 1))) {
            syms[i - 1] = ly_narg(s, 1);
            inits[ninit++] = ly_narg(s, 2);
            continue;
        }
        return lyfc_ext(g, e, hint);
    }
    if (stmt) { lyfc_emit(g, "do"); g->indent++; }
    /* initial values are computed outside the new scope, in order */
    Val iv[ninit ? ninit : 1];
    lyfc_gx_seq(g, ninit, inits, NULL, iv);
    size_t j = 0;
    size_t ks[n ? n : 1];
    for (size_t i = 1; i <= n; i++) {
        LyExpr s = ly_narg(specs, i);
        size_t k = lyfc_decl(g, syms[i - 1], VK_LOCAL, cty(CT_NONE, 0));
        ks[i - 1] = k;
        if (!ly_is_sym(s)) {
            Val v = iv[j++];
            lyfc_widen(g, k, v.t, s);
            Val c = lyfc_own(g, lyfc_conv(g, v, g->vars[k].t));
            if (g->vars[k].t.b == CT_VOID) lyfc_emit(g, "local %s", lyfc_vname(g, k));
            else lyfc_emit(g, "local %s = %s", lyfc_vname(g, k), c.s);
        } else {
            const char *z = zero_of(g->vars[k].t);
            if (z) lyfc_emit(g, "local %s = %s", lyfc_vname(g, k), z);
            else lyfc_emit(g, "local %s", lyfc_vname(g, k));
        }
    }
    for (size_t i = 0; i < n; i++) lyfc_scope_push(g, ks[i]);
    Val r;
    if (stmt) {
        lyfc_gblock(g, ly_narg(e, 2));
        g->indent--;
        lyfc_emit(g, "end");
        r = lyfc_mkval(cty(CT_VOID, 0), "nil", VF_SIMPLE);
    } else {
        r = lyfc_gvalblock(g, ly_narg(e, 2), hint);
        /* the value may name a local: keep it alive past the scope */
        r = lyfc_spill(g, r);
    }
    lyfc_scope_pop(g, n);
    return r;
}

/* ---- assignment ----------------------------------------------------------------------------------------- */

static Val gassign_var(Gen *g, size_t k, Val v, LyExpr where) {
    if (v.t.b == CT_VOID) { lyfc_fail(g, where, "Null assigned to a variable"); return v; }
    if (!g->vars[k].assigned) { g->vars[k].assigned = true; g->changed = true; }
    lyfc_widen(g, k, v.t, where);
    Val c = lyfc_own(g, lyfc_conv(g, v, g->vars[k].t));
    const char *nm = lyfc_vname(g, k);
    lyfc_emit(g, "%s = %s", nm, c.s);
    return lyfc_mkval(g->vars[k].t, nm, VF_SIMPLE);
}

Val lyfc_gset(Gen *g, LyExpr e, int hint) {
    if (ly_nlen(e) != 2) return lyfc_ext(g, e, hint);
    LyExpr lhs = ly_narg(e, 1), rhs = ly_narg(e, 2);
    size_t k;
    if (ly_is_sym(lhs) && lyfc_lookup(g, lhs, &k)) {
        LyfCty t = g->vars[k].t;
        Val v = lyfc_gx(g, rhs, t.b != CT_NONE ? lyfc_hint_of(t) : H_ANY);
        return gassign_var(g, k, v, e);
    }
    if (ly_head_is(lhs, LY_SYM(Part)) && ly_nlen(lhs) >= 2 && ly_is_sym(ly_narg(lhs, 1)) && lyfc_lookup(g, ly_narg(lhs, 1), &k))
        return lyfc_g_part_set(g, lhs, rhs, hint);
    return lyfc_ext(g, e, hint);
}

/* x += d and friends, as x = x op d. */
Val lyfc_gupdate(Gen *g, LyExpr e, int id, int hint) {
    size_t n = ly_nlen(e);
    bool unary = id == F_Increment || id == F_Decrement || id == F_PreIncrement || id == F_PreDecrement;
    if (n != (unary ? 1u : 2u)) return lyfc_ext(g, e, hint);
    LyExpr x = ly_narg(e, 1);
    size_t k;
    bool is_var = ly_is_sym(x) && lyfc_lookup(g, x, &k);
    bool is_part = ly_head_is(x, LY_SYM(Part)) && ly_nlen(x) >= 2 && ly_is_sym(ly_narg(x, 1)) && lyfc_lookup(g, ly_narg(x, 1), &k);
    if (!is_var && !is_part) return lyfc_ext(g, e, hint);
    LyVM *vm = g->vm;
    LyExpr d = unary ? ly_mksmall(id == F_Increment || id == F_PreIncrement ? 1 : -1) : ly_narg(e, 2);
    LyExpr rhs;
    ly_ref(x);
    ly_ref(d);
    switch (id) {
    case F_SubtractFrom: rhs = ly_mk(vm, LY_SYM(Plus), 2, x, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), d)); break;
    case F_TimesBy: rhs = ly_mk(vm, LY_SYM(Times), 2, x, d); break;
    case F_DivideBy: rhs = ly_mk(vm, LY_SYM(Times), 2, x, ly_mk(vm, LY_SYM(Power), 2, d, ly_mksmall(-1))); break;
    default: rhs = ly_mk(vm, LY_SYM(Plus), 2, x, d); break;
    }
    if (!rhs) { g->oom = true; return lyfc_ilit(g, 0); }
    Val old = {0};
    if (id == F_Increment || id == F_Decrement) old = lyfc_snap(g, lyfc_gx(g, x, H_ANY));
    Val r;
    if (is_var) {
        LyfCty t = g->vars[k].t;
        r = gassign_var(g, k, lyfc_gx(g, rhs, t.b != CT_NONE ? lyfc_hint_of(t) : H_ANY), e);
    } else {
        r = lyfc_g_part_set(g, x, rhs, hint);
    }
    ly_unref(vm, rhs);
    return id == F_Increment || id == F_Decrement ? old : r;
}

/* ---- loops ----------------------------------------------------------------------------------------------- */

void lyfc_poll(Gen *g) { lyfc_emit(g, "POLLC = POLLC - 1 if POLLC == 0 then POLLC = CHK() end"); }

static void loop_push(Gen *g, bool user) {
    if (g->nloops == (int)(sizeof g->loops / sizeof g->loops[0])) { lyfc_fail(g, NULL, "loops nested too deeply"); return; }
    Loop *l = &g->loops[g->nloops++];
    l->label = g->nlabel++;
    l->user = user;
    l->cont_used = false;
}

static void loop_body(Gen *g, LyExpr body) {
    lyfc_emit(g, "do");
    g->indent++;
    lyfc_gblock(g, body);
    g->indent--;
    lyfc_emit(g, "end");
    Loop *l = &g->loops[g->nloops - 1];
    if (l->cont_used) lyfc_emit(g, "::c%d::", l->label);
}

bool lyfc_it_check(LyExpr spec) {
    if (!ly_head_is(spec, LY_SYM(List))) return true;
    size_t n = ly_nlen(spec);
    if (n == 1) return true;
    if (n < 2 || n > 4) return false;
    return ly_is_sym(ly_narg(spec, 1));
}

void lyfc_it_open(Gen *g, LyExpr spec, It *it) {
    it->has_var = false;
    it->nscoped = 0;
    if (!ly_head_is(spec, LY_SYM(List)) || ly_nlen(spec) == 1) {
        LyExpr ne = ly_head_is(spec, LY_SYM(List)) ? ly_narg(spec, 1) : spec;
        Val n = lyfc_gx(g, ne, H_ANY);
        if (n.t.b != CT_INT && n.t.b != CT_REAL && n.t.b != CT_NONE) lyfc_fail(g, spec, "an iteration count that is not a number");
        lyfc_emit(g, "for _ = 1, %s do", n.s);
        g->indent++;
        lyfc_poll(g);
        return;
    }
    size_t n = ly_nlen(spec);
    LyExpr var = ly_narg(spec, 1);
    LyExpr parts[3];
    size_t np = n - 1;
    for (size_t i = 0; i < np; i++) parts[i] = ly_narg(spec, i + 2);
    Val v[3];
    lyfc_gx_seq(g, np, parts, NULL, v);
    it->has_var = true;
    if (np == 1 && v[0].t.rank) {
        /* {i, list} */
        Val l = lyfc_spill(g, v[0]);
        size_t k = lyfc_decl(g, var, VK_ITER, cty(v[0].t.b, v[0].t.rank - 1));
        const char *c = lyfc_tmpname(g);
        lyfc_emit(g, "for %s = 1, #%s do", c, l.s);
        g->indent++;
        lyfc_poll(g);
        if (g->vars[k].mutated && g->vars[k].t.rank) lyfc_emit(g, "local %s = COPY(%s[%s])", lyfc_vname(g, k), l.s, c);
        else lyfc_emit(g, "local %s = %s[%s]", lyfc_vname(g, k), l.s, c);
        it->var = k;
        lyfc_scope_push(g, k);
        it->nscoped = 1;
        return;
    }
    Val a = np >= 2 ? v[0] : lyfc_ilit(g, 1), b = np >= 2 ? v[1] : v[0], s = np >= 3 ? v[2] : lyfc_ilit(g, 1);
    Val all[3] = { a, b, s };
    for (int i = 0; i < 3; i++)
        if ((all[i].t.b != CT_INT && all[i].t.b != CT_REAL && all[i].t.b != CT_NONE) || all[i].t.rank)
            lyfc_fail(g, spec, "iterator bounds that are not numbers");
    bool ints = a.t.b != CT_REAL && s.t.b != CT_REAL;
    size_t k = lyfc_decl(g, var, VK_ITER, cty(ints ? CT_INT : CT_REAL, 0));
    it->var = k;
    /* an integer iterator stays between its bounds, whatever the step */
    g->vars[k].bounded = ints && b.t.b == CT_INT && (a.f & VF_BOUNDED) && (b.f & VF_BOUNDED);
    if (g->vars[k].bounded) {
        g->vars[k].lo = a.lo < b.lo ? a.lo : b.lo;
        g->vars[k].hi = a.hi > b.hi ? a.hi : b.hi;
    }
    if (ints) {
        if ((s.f & VF_ILIT) && s.iv == 1) lyfc_emit(g, "for %s = %s, %s do", lyfc_vname(g, k), a.s, b.s);
        else lyfc_emit(g, "for %s = %s, %s, %s do", lyfc_vname(g, k), a.s, b.s, s.s);
        g->indent++;
        lyfc_poll(g);
    } else {
        a = lyfc_spill(g, lyfc_tofloat(g, a));
        s = lyfc_spill(g, s);
        const char *cnt = lyfc_tmpname(g), *c = lyfc_tmpname(g);
        lyfc_emit(g, "local %s = RCOUNT(%s, %s, %s, %u)", cnt, a.s, b.s, s.s, lyfc_site(g));
        lyfc_emit(g, "for %s = 0, %s - 1 do", c, cnt);
        g->indent++;
        lyfc_poll(g);
        lyfc_emit(g, "local %s = %s + %s * %s", lyfc_vname(g, k), a.s, c, s.s);
    }
    lyfc_scope_push(g, k);
    it->nscoped = 1;
}

void lyfc_it_close(Gen *g, It *it) {
    lyfc_scope_pop(g, (size_t)it->nscoped);
    g->indent--;
    lyfc_emit(g, "end");
}

void lyfc_gdo(Gen *g, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 2) { Val v = lyfc_ext(g, e, H_VOID); lyfc_emit(g, "do local _ = %s end", v.s); return; }
    for (size_t i = 2; i <= n; i++)
        if (!lyfc_it_check(ly_narg(e, i))) { Val v = lyfc_ext(g, e, H_VOID); lyfc_emit(g, "do local _ = %s end", v.s); return; }
    It its[n];
    for (size_t i = 2; i <= n; i++) lyfc_it_open(g, ly_narg(e, i), &its[i - 2]);
    loop_push(g, true);
    loop_body(g, ly_narg(e, 1));
    g->nloops--;
    for (size_t i = n; i >= 2; i--) lyfc_it_close(g, &its[i - 2]);
}

void lyfc_gwhile(Gen *g, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 1 || n > 2) { Val v = lyfc_ext(g, e, H_VOID); lyfc_emit(g, "do local _ = %s end", v.s); return; }
    SB sub = {0};
    SB *outer = g->cur;
    g->cur = &sub;
    g->indent++;
    Val c = lyfc_gx(g, ly_narg(e, 1), H_BOOL);
    g->indent--;
    g->cur = outer;
    lyfc_need_bool(g, c, ly_narg(e, 1));
    if (!sub.len) {
        lyfc_emit(g, "while %s do", c.s);
        g->indent++;
        lyfc_poll(g);
    } else {
        lyfc_emit(g, "while true do");
        g->indent++;
        lyfc_poll(g);
        lyfc_sb_put(g, g->cur, sub.p, sub.len);
        lyfc_emit(g, "if not %s then break end", c.s);
    }
    lyfc_sb_free(&sub);
    loop_push(g, true);
    if (n == 2) loop_body(g, ly_narg(e, 2));
    g->nloops--;
    g->indent--;
    lyfc_emit(g, "end");
}

void lyfc_gfor(Gen *g, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 3 || n > 4) { Val v = lyfc_ext(g, e, H_VOID); lyfc_emit(g, "do local _ = %s end", v.s); return; }
    lyfc_gstmt(g, ly_narg(e, 1));
    lyfc_emit(g, "while true do");
    g->indent++;
    lyfc_poll(g);
    SB sub = {0};
    SB *outer = g->cur;
    g->cur = &sub;
    Val c = lyfc_gx(g, ly_narg(e, 2), H_BOOL);
    g->cur = outer;
    lyfc_need_bool(g, c, ly_narg(e, 2));
    if (sub.len) {
        lyfc_emit(g, "do");
        lyfc_sb_put(g, g->cur, sub.p, sub.len);
        lyfc_emit(g, "if not %s then break end", c.s);
        lyfc_emit(g, "end");
    } else {
        lyfc_emit(g, "if not %s then break end", c.s);
    }
    lyfc_sb_free(&sub);
    loop_push(g, true);
    if (n == 4) loop_body(g, ly_narg(e, 4));
    g->nloops--;
    lyfc_gstmt(g, ly_narg(e, 3));
    g->indent--;
    lyfc_emit(g, "end");
}

void lyfc_greturn(Gen *g, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n > 1) { lyfc_fail(g, e, "Return with a tag"); return; }
    if (n == 0) {
        lyfc_widen(g, g->ret, cty(CT_VOID, 0), e);
        lyfc_emit(g, "do return nil end");
        return;
    }
    LyfCty rt = g->vars[g->ret].t;
    Val v = lyfc_gx(g, ly_narg(e, 1), rt.b != CT_NONE ? lyfc_hint_of(rt) : H_ANY);
    lyfc_widen(g, g->ret, v.t, e);
    Val c = lyfc_conv(g, v, g->vars[g->ret].t);
    lyfc_emit(g, "do return %s end", g->vars[g->ret].t.b == CT_VOID ? "nil" : c.s);
}

void lyfc_gbreak(Gen *g, LyExpr e, bool cont) {
    if (ly_nlen(e) != 0 || g->nloops == 0 || !g->loops[g->nloops - 1].user) {
        lyfc_fail(g, e, cont ? "Continue outside Do, While or For" : "Break outside Do, While or For");
        return;
    }
    if (cont) {
        Loop *l = &g->loops[g->nloops - 1];
        l->cont_used = true;
        lyfc_emit(g, "goto c%d", l->label);
    } else {
        lyfc_emit(g, "break");
    }
}


/* ---- pure functions and Map --------------------------------------------------------------------------------- */

/* Function[{x, y}, body][a, b] (and Function[x, body][a], Function[body][a]
 * with slots): the arguments are computed in order and bound to new locals,
 * then the body is compiled in their scope, as With would. */
Val lyfc_gfunction(Gen *g, LyExpr e, int hint) {
    LyExpr fn = ly_nhead(e);
    size_t nf = ly_nlen(fn), n = ly_nlen(e);
    if (nf < 1 || nf > 2 || n > 32) return lyfc_ext(g, e, hint);
    LyExpr params[32] = { NULL };
    size_t np;
    LyExpr body = NULL;
    if (nf == 2) {
        LyExpr ps = ly_narg(fn, 1);
        if (ly_is_sym(ps)) { params[0] = ps; np = 1; }
        else if (ly_head_is(ps, LY_SYM(List)) && ly_nlen(ps) <= 32) {
            np = ly_nlen(ps);
            for (size_t i = 0; i < np; i++) {
                params[i] = ly_narg(ps, i + 1);
                if (!ly_is_sym(params[i])) return lyfc_ext(g, e, hint);
            }
        } else {
            return lyfc_ext(g, e, hint);
        }
        if (np != n) return lyfc_ext(g, e, hint);
        ly_ref(ly_narg(fn, 2));
        body = ly_narg(fn, 2);
    } else {
        /* slots: #k becomes a private symbol bound like a parameter */
        np = n;
        for (size_t i = 0; i < np; i++) {
            char name[48];
            snprintf(name, sizeof name, "Lyra`Private`CompileSlot%zu", i + 1);
            params[i] = ly_symbol(g->vm, name);
            if (!params[i]) { g->oom = true; return lyfc_mkval(cty(CT_NONE, 0), "nil", VF_SIMPLE); }
        }
        body = ly_apply_function(g->vm, fn, np, params);
        if (!body) { ly_exit_take(g->vm, NULL, NULL); return lyfc_ext(g, e, hint); }
    }
    Val v[32];
    lyfc_gx_seq(g, n, ly_nargs(e), NULL, v);
    size_t ks[32];
    for (size_t i = 0; i < np; i++) {
        size_t k = lyfc_decl(g, params[i], VK_LOCAL, cty(CT_NONE, 0));
        ks[i] = k;
        lyfc_widen(g, k, v[i].t, e);
        Val c = lyfc_conv(g, v[i], g->vars[k].t);
        if (g->vars[k].mutated) c = lyfc_own(g, c);
        lyfc_emit(g, "local %s = %s", lyfc_vname(g, k), c.s);
    }
    for (size_t i = 0; i < np; i++) lyfc_scope_push(g, ks[i]);
    Val r = lyfc_spill(g, lyfc_gvalblock(g, body, hint));
    lyfc_scope_pop(g, np);
    ly_unref(g->vm, body);
    return r;
}

/* Map[f, list] is Table[f[e], {e, list}] when list is a tensor. */
Val lyfc_gmaplist(Gen *g, LyExpr e, int hint) {
    if (ly_nlen(e) != 2) return lyfc_ext(g, e, hint);
    size_t nn = g->nnotes;
    SB sub = {0};
    SB *outer = g->cur;
    g->cur = &sub;
    Val l = lyfc_gx(g, ly_narg(e, 2), H_ANY);
    g->cur = outer;
    if (l.t.b != CT_NONE && l.t.rank == 0) {
        lyfc_sb_free(&sub);
        lyfc_notes_truncate(g, nn);
        return lyfc_ext(g, e, hint);
    }
    lyfc_sb_put(g, g->cur, sub.p ? sub.p : "", sub.len);
    lyfc_sb_free(&sub);
    if (l.t.b == CT_NONE) return lyfc_mkval(cty(CT_NONE, 0), "nil", VF_SIMPLE);
    LyVM *vm = g->vm;
    LyExpr lsym = ly_symbol(vm, "Lyra`Private`CompileMapList"), esym = ly_symbol(vm, "Lyra`Private`CompileMapElement");
    LyExpr f = ly_narg(e, 1);
    LyExpr tbl = lsym && esym ? ly_mk(vm, ly_symbol(vm, "Table"), 2, ly_mk(vm, (ly_ref(f), f), 1, esym),
                                      ly_mk(vm, LY_SYM(List), 2, esym, lsym)) : NULL;
    if (!tbl) { g->oom = true; return lyfc_mkval(cty(CT_NONE, 0), "nil", VF_SIMPLE); }
    size_t k = lyfc_decl(g, lsym, VK_LOCAL, cty(CT_NONE, 0));
    lyfc_widen(g, k, l.t, e);
    lyfc_emit(g, "local %s = %s", lyfc_vname(g, k), lyfc_conv(g, l, g->vars[k].t).s);
    lyfc_scope_push(g, k);
    Val r = lyfc_g_table(g, tbl);
    lyfc_scope_pop(g, 1);
    ly_unref(vm, tbl);
    return r;
}
