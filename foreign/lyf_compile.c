/*
 * lyf_compile.c — Compile: the translator from a typed numeric/procedural
 * subset to Lua 5.4 source (driver, scalars, logic, control flow, loops).
 * Tensors are in lyf_compile_arr.c; running the code in lyf_compile_rt.c.
 *
 * Semantics follow Wolfram's Compile: arguments are typed by their specs
 * ({x, _Real}, {n, _Integer}, {b, True|False}, {v, _Real, 1}; a bare x is
 * _Real); types flow from them (integer arithmetic stays integer and is
 * checked for overflow, n/m is real, int^nonneg-int is integer); Module,
 * Block and With locals take the type of what is assigned to them (a local
 * assigned both integers and reals becomes real; Wolfram reports
 * Compile::cset there instead).  What the subset does not cover is
 * evaluated by the VM at run time with the compiled variables' current
 * values substituted (Wolfram's MainEvaluate), its result assumed Real
 * unless the context or Compile's third argument says otherwise; a
 * Compile::extscalar note says so once, when compiling.  A body that cannot
 * be typed at all (branches of different types, a Boolean in arithmetic, a
 * complex argument) gives a CompiledFunction that evaluates uncompiled,
 * with a Compile::nocomp note.
 *
 * Run-time checks in the generated code raise errors that the runtime turns
 * into Wolfram's messages and an uncompiled evaluation of the call: integer
 * overflow (checked inline: sign tests for +/-, a float estimate for *),
 * domain errors of Sqrt/Log/ArcSin/..., division by zero, Part out of
 * range.  Integer subexpressions whose value is only used as a real (the
 * argument of Sin, a term of a real sum) are computed in floating point, so
 * they need no check: Sin[2 i] is sin(2.0 * i).
 */
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lyf_compile_gen.h"

#define MAXPASS 12

/* ---- arena and text ------------------------------------------------------------------- */

typedef struct Arena { struct Arena *next; size_t used, cap; char data[]; } Arena;

static void *arena_alloc(Gen *g, size_t n) {
    n = (n + 7) & ~(size_t)7;
    Arena *a = g->arena;
    if (!a || a->cap - a->used < n) {
        size_t cap = n > 16384 ? n : 16384;
        a = malloc(sizeof *a + cap);
        if (!a) { g->oom = true; return NULL; }
        a->next = g->arena;
        a->used = 0;
        a->cap = cap;
        g->arena = a;
    }
    void *p = a->data + a->used;
    a->used += n;
    return p;
}

static void arena_free(Gen *g) {
    while (g->arena) { Arena *n = g->arena->next; free(g->arena); g->arena = n; }
}

void lyfc_sb_put(Gen *g, SB *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 1024;
        while (nc < b->len + n + 1) nc *= 2;
        char *np = realloc(b->p, nc);
        if (!np) { g->oom = true; return; }
        b->p = np;
        b->cap = nc;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

void lyfc_sb_free(SB *b) { free(b->p); b->p = NULL; b->len = b->cap = 0; }

static const char *vfmt(Gen *g, const char *fmt, va_list ap) {
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    char *p = n >= 0 ? arena_alloc(g, (size_t)n + 1) : NULL;
    if (!p) return "nil";
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

const char *lyfc_gfmt(Gen *g, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    const char *s = vfmt(g, fmt, ap);
    va_end(ap);
    return s;
}

void lyfc_emit(Gen *g, const char *fmt, ...) {
    static const char spaces[] = "                                                                ";
    int ind = g->indent * 2;
    if (ind > 64) ind = 64;
    lyfc_sb_put(g, g->cur, spaces, (size_t)ind);
    va_list ap;
    va_start(ap, fmt);
    const char *s = vfmt(g, fmt, ap);
    va_end(ap);
    lyfc_sb_put(g, g->cur, s, strlen(s));
    lyfc_sb_put(g, g->cur, "\n", 1);
}

const char *lyfc_tmpname(Gen *g) { return lyfc_gfmt(g, "t%d", g->ntmp++); }
uint32_t lyfc_site(Gen *g) { return ++g->nsites; }

/* ---- types --------------------------------------------------------------------------- */

LyfCty lyfc_cty_join(LyfCty a, LyfCty b) {
    if (a.b == CT_NONE) return b;
    if (b.b == CT_NONE) return a;
    if (a.b == CT_ERR || b.b == CT_ERR || a.rank != b.rank) return cty(CT_ERR, 0);
    if (a.b == b.b) return a;
    if ((a.b == CT_INT && b.b == CT_REAL) || (a.b == CT_REAL && b.b == CT_INT)) return cty(CT_REAL, a.rank);
    return cty(CT_ERR, 0);
}

const char *lyf_cty_text(LyfCty t, char *buf, size_t n) {
    const char *base = t.b == CT_INT ? "machine-size integer" : t.b == CT_REAL ? "machine-size real number"
                     : t.b == CT_BOOL ? "True or False" : t.b == CT_VOID ? "Null" : "value";
    if (t.rank == 0) snprintf(buf, n, "%s", base);
    else snprintf(buf, n, "rank %d tensor of %s%s", t.rank,
                  t.b == CT_INT ? "machine-size integers" : t.b == CT_REAL ? "machine-size real numbers"
                  : t.b == CT_BOOL ? "True or False values" : "values", "");
    return buf;
}

LyExpr lyf_cty_expr(LyVM *vm, LyfCty t) {
    LyExpr b;
    switch (t.b) {
    case CT_INT: b = ly_mk(vm, LY_SYM(Blank), 1, LY_SYM(Integer)); break;
    case CT_REAL: b = ly_mk(vm, LY_SYM(Blank), 1, LY_SYM(Real)); break;
    case CT_BOOL: b = ly_mk(vm, LY_SYM(Alternatives), 2, LY_SYM(True), LY_SYM(False)); break;
    case CT_VOID: b = LY_SYM(Null); break;
    default: b = ly_mk(vm, LY_SYM(Blank), 0); break;
    }
    if (!t.rank || !b) return b;
    return ly_mk(vm, LY_SYM(List), 2, b, ly_mksmall(t.rank));
}

int lyfc_hint_of(LyfCty t) {
    if (t.rank) return H_ANY;
    switch (t.b) {
    case CT_REAL: return H_REAL;
    case CT_INT: return H_INT;
    case CT_BOOL: return H_BOOL;
    case CT_VOID: return H_VOID;
    default: return H_ANY;
    }
}

/* ---- values ----------------------------------------------------------------------------- */

Val lyfc_mkval(LyfCty t, const char *s, uint8_t f) { Val v = { t, s, f, 0, 0, 0 }; return v; }

const char *lyfc_int_text(Gen *g, int64_t v) {
    if (v == INT64_MIN) return "MININT";
    return v < 0 ? lyfc_gfmt(g, "(%" PRId64 ")", v) : lyfc_gfmt(g, "%" PRId64, v);
}

Val lyfc_ilit(Gen *g, int64_t v) {
    Val r = lyfc_mkval(cty(CT_INT, 0), lyfc_int_text(g, v), VF_SIMPLE | VF_ILIT | VF_LIT);
    r.iv = v;
    return lyfc_bounded(r, v, v);
}

Val lyfc_bounded(Val v, int64_t lo, int64_t hi) {
    v.f |= VF_BOUNDED;
    v.lo = lo;
    v.hi = hi;
    return v;
}

const char *lyfc_real_text(Gen *g, double v) {
    if (isnan(v)) return "(0.0/0.0)";
    if (isinf(v)) return v > 0 ? "HUGE" : "(-HUGE)";
    char buf[40];
    snprintf(buf, sizeof buf, "%.17g", v);
    if (!strpbrk(buf, ".en")) strcat(buf, ".0");
    return v < 0 || (v == 0 && signbit(v)) ? lyfc_gfmt(g, "(%s)", buf) : lyfc_gfmt(g, "%s", buf);
}

Val lyfc_rlit(Gen *g, double v) {
    return lyfc_mkval(cty(CT_REAL, 0), lyfc_real_text(g, v), VF_SIMPLE | VF_LIT | (v >= 0 ? VF_NONNEG : 0));
}

Val lyfc_spill(Gen *g, Val v) {
    if (v.f & VF_SIMPLE) return v;
    const char *t = lyfc_tmpname(g);
    lyfc_emit(g, "local %s = %s", t, v.s);
    Val r = lyfc_mkval(v.t, t, (uint8_t)(VF_SIMPLE | (v.f & (VF_FRESH | VF_NONNEG))));
    return (v.f & VF_BOUNDED) ? lyfc_bounded(r, v.lo, v.hi) : r;
}

Val lyfc_snap(Gen *g, Val v) {
    if (v.f & VF_LIT) return v;
    if ((v.f & VF_SIMPLE) && v.s[0] == 't') return v;     /* temporaries are never reassigned */
    const char *t = lyfc_tmpname(g);
    lyfc_emit(g, "local %s = %s", t, v.s);
    Val r = lyfc_mkval(v.t, t, (uint8_t)(VF_SIMPLE | (v.f & (VF_FRESH | VF_NONNEG))));
    return (v.f & VF_BOUNDED) ? lyfc_bounded(r, v.lo, v.hi) : r;
}

Val lyfc_tofloat(Gen *g, Val v) {
    if (v.t.b != CT_INT || v.t.rank) return v;
    if (v.f & VF_ILIT) return lyfc_rlit(g, (double)v.iv);
    return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "(%s + 0.0)", v.s), v.f & VF_NONNEG);
}

Val lyfc_conv(Gen *g, Val v, LyfCty t) {
    if (t.b == CT_NONE || v.t.b == CT_NONE || cty_eq(v.t, t)) return v;
    if (t.b == CT_REAL && v.t.b == CT_INT && v.t.rank == t.rank) {
        if (!t.rank) return lyfc_tofloat(g, v);
        return lyfc_mkval(t, lyfc_gfmt(g, "TOREAL(%s)", v.s), VF_FRESH);
    }
    if (t.b == CT_VOID) return lyfc_mkval(t, "nil", VF_SIMPLE);
    char a[80], b[80];
    lyfc_fail(g, NULL, lyfc_gfmt(g, "a %s where a %s is expected", lyf_cty_text(v.t, a, sizeof a), lyf_cty_text(t, b, sizeof b)));
    return lyfc_mkval(t, "nil", VF_SIMPLE);
}

Val lyfc_own(Gen *g, Val v) {
    if (!v.t.rank || (v.f & VF_FRESH) || v.t.b == CT_NONE) return v;
    return lyfc_mkval(v.t, lyfc_gfmt(g, "COPY(%s)", v.s), VF_FRESH);
}

/* ---- variables ----------------------------------------------------------------------------- */

size_t lyfc_decl(Gen *g, LyExpr sym, int kind, LyfCty t) {
    size_t k = g->ndecl++;
    if (k >= g->nvars) {
        if (g->nvars == g->capvars) {
            size_t nc = g->capvars ? g->capvars * 2 : 32;
            Var *nv = realloc(g->vars, nc * sizeof *nv);
            if (!nv) { g->oom = true; g->ndecl--; return 0; }
            g->vars = nv;
            g->capvars = nc;
        }
        Var *v = &g->vars[g->nvars++];
        memset(v, 0, sizeof *v);
        v->t = t;
    }
    Var *v = &g->vars[k];
    v->sym = sym;
    v->kind = (uint8_t)kind;
    if (kind == VK_ARG || kind == VK_ITER) v->t = t;
    return k;
}

const char *lyfc_vname(Gen *g, size_t k) { return lyfc_gfmt(g, "v%zu", k); }

void lyfc_widen(Gen *g, size_t k, LyfCty t, LyExpr where) {
    Var *v = &g->vars[k];
    LyfCty j = lyfc_cty_join(v->t, t);
    if (j.b == CT_ERR) {
        char a[80], b[80];
        lyfc_fail(g, where, lyfc_gfmt(g, "a %s is assigned where a %s is expected",
                            lyf_cty_text(t, a, sizeof a), lyf_cty_text(v->t, b, sizeof b)));
        return;
    }
    if (cty_eq(j, v->t)) return;
    if (v->kind == VK_ARG || v->kind == VK_ITER) {
        if (t.b == CT_NONE) return;
        char a[80], b[80];
        lyfc_fail(g, where, lyfc_gfmt(g, "a %s is assigned to an argument or iterator of type %s",
                            lyf_cty_text(t, a, sizeof a), lyf_cty_text(v->t, b, sizeof b)));
        return;
    }
    v->t = j;
    g->changed = true;
}

void lyfc_scope_push(Gen *g, size_t k) {
    if (g->nscope == g->capscope) {
        size_t nc = g->capscope ? g->capscope * 2 : 32;
        size_t *ns = realloc(g->scope, nc * sizeof *ns);
        if (!ns) { g->oom = true; return; }
        g->scope = ns;
        g->capscope = nc;
    }
    g->scope[g->nscope++] = k;
}

void lyfc_scope_pop(Gen *g, size_t n) { g->nscope = n <= g->nscope ? g->nscope - n : 0; }

bool lyfc_lookup(Gen *g, LyExpr sym, size_t *k) {
    for (size_t i = g->nscope; i-- > 0;)
        if (g->vars[g->scope[i]].sym == sym) { *k = g->scope[i]; return true; }
    return false;
}

/* ---- failures and notes ----------------------------------------------------------------------- */

void lyfc_fail(Gen *g, LyExpr where, const char *why) {
    if (g->fatal) return;
    g->fatal = true;
    if (where) { ly_ref(where); g->fatal_expr = where; }
    snprintf(g->fatal_why, sizeof g->fatal_why, "%s", why);
}

void lyfc_note(Gen *g, const char *tag, LyExpr arg, LyfCty t) {
    for (size_t i = 0; i < g->nnotes; i++)
        if (g->notes[i].tag == tag && ly_equal(g->notes[i].arg, arg)) return;
    if (g->nnotes == g->capnotes) {
        size_t nc = g->capnotes ? g->capnotes * 2 : 8;
        Note *nn = realloc(g->notes, nc * sizeof *nn);
        if (!nn) { g->oom = true; return; }
        g->notes = nn;
        g->capnotes = nc;
    }
    Note *n = &g->notes[g->nnotes++];
    n->tag = tag;
    ly_ref(arg);
    n->arg = arg;
    n->t = t;
}

void lyfc_notes_truncate(Gen *g, size_t n) {
    while (g->nnotes > n) ly_unref(g->vm, g->notes[--g->nnotes].arg);
}

static void notes_clear(Gen *g) { lyfc_notes_truncate(g, 0); }

size_t lyfc_add_const(Gen *g, LyExpr entry) {
    if (!entry) { g->oom = true; return 1; }
    for (size_t i = 0; i < g->nconsts; i++)
        if (ly_equal(g->consts[i], entry)) { ly_unref(g->vm, entry); return i + 1; }
    if (g->nconsts == g->capconsts) {
        size_t nc = g->capconsts ? g->capconsts * 2 : 8;
        LyExpr *ncs = realloc(g->consts, nc * sizeof *ncs);
        if (!ncs) { g->oom = true; ly_unref(g->vm, entry); return 1; }
        g->consts = ncs;
        g->capconsts = nc;
    }
    g->consts[g->nconsts++] = entry;
    return g->nconsts;
}

static void consts_clear(Gen *g) {
    for (size_t i = 0; i < g->nconsts; i++) ly_unref(g->vm, g->consts[i]);
    g->nconsts = 0;
}

/* ---- heads ------------------------------------------------------------------------------------ */


static const struct { const char *name; int id; } head_names[] = {
    {"Plus", F_Plus}, {"Times", F_Times}, {"Subtract", F_Subtract}, {"Minus", F_Minus},
    {"Divide", F_Divide}, {"Power", F_Power}, {"Sqrt", F_Sqrt}, {"Exp", F_Exp}, {"Log", F_Log},
    {"Log2", F_Log2}, {"Log10", F_Log10}, {"Sin", F_Sin}, {"Cos", F_Cos}, {"Tan", F_Tan},
    {"Cot", F_Cot}, {"Sec", F_Sec}, {"Csc", F_Csc}, {"ArcSin", F_ArcSin}, {"ArcCos", F_ArcCos},
    {"ArcTan", F_ArcTan}, {"Sinh", F_Sinh}, {"Cosh", F_Cosh}, {"Tanh", F_Tanh},
    {"ArcSinh", F_ArcSinh}, {"ArcCosh", F_ArcCosh}, {"ArcTanh", F_ArcTanh}, {"Abs", F_Abs},
    {"Sign", F_Sign}, {"Floor", F_Floor}, {"Ceiling", F_Ceiling}, {"Round", F_Round},
    {"IntegerPart", F_IntegerPart}, {"FractionalPart", F_FractionalPart}, {"Mod", F_Mod},
    {"Quotient", F_Quotient}, {"Max", F_Max}, {"Min", F_Min}, {"Boole", F_Boole},
    {"EvenQ", F_EvenQ}, {"OddQ", F_OddQ}, {"N", F_N}, {"Equal", F_Equal}, {"Unequal", F_Unequal},
    {"Less", F_Less}, {"LessEqual", F_LessEqual}, {"Greater", F_Greater},
    {"GreaterEqual", F_GreaterEqual}, {"Inequality", F_Inequality}, {"SameQ", F_SameQ},
    {"UnsameQ", F_UnsameQ}, {"And", F_And}, {"Or", F_Or}, {"Not", F_Not}, {"Xor", F_Xor},
    {"Nand", F_Nand}, {"Nor", F_Nor}, {"TrueQ", F_TrueQ}, {"If", F_If}, {"Which", F_Which},
    {"Switch", F_Switch}, {"CompoundExpression", F_CompoundExpression}, {"Module", F_Module},
    {"Block", F_Block}, {"With", F_With}, {"Set", F_Set}, {"AddTo", F_AddTo},
    {"SubtractFrom", F_SubtractFrom}, {"TimesBy", F_TimesBy}, {"DivideBy", F_DivideBy},
    {"Increment", F_Increment}, {"Decrement", F_Decrement}, {"PreIncrement", F_PreIncrement},
    {"PreDecrement", F_PreDecrement}, {"While", F_While}, {"Do", F_Do}, {"For", F_For},
    {"Table", F_Table}, {"Sum", F_Sum}, {"Product", F_Product}, {"Return", F_Return},
    {"Break", F_Break}, {"Continue", F_Continue}, {"Part", F_Part}, {"List", F_List},
    {"Length", F_Length}, {"Total", F_Total}, {"Dot", F_Dot}, {"Range", F_Range},
    {"ConstantArray", F_ConstantArray}, {"Mean", F_Mean}, {"Map", F_Map},
    {NULL, 0}
};

int lyfc_head_id(LyExpr h) {
    if (!ly_is_sym(h)) return 0;
    const char *name = ly_sym(h)->name;
    for (int i = 0; head_names[i].name; i++)
        if (strcmp(head_names[i].name, name) == 0) return head_names[i].id;
    return 0;
}

static bool is_sym_named(LyExpr e, const char *name) {
    return ly_is_sym(e) && strcmp(ly_sym(e)->name, name) == 0;
}

/* ---- static types -------------------------------------------------------------------------------- */

static LyfCty num_join(LyfCty a, LyfCty b) {
    if (a.b == CT_NONE || b.b == CT_NONE) return cty(CT_NONE, 0);
    if (!((a.b == CT_INT || a.b == CT_REAL) && (b.b == CT_INT || b.b == CT_REAL))) return cty(CT_NONE, 0);
    int r = a.rank > b.rank ? a.rank : b.rank;
    return cty(a.b == CT_REAL || b.b == CT_REAL ? CT_REAL : CT_INT, r);
}

LyfCty lyfc_sty(Gen *g, LyExpr e) {
    if (ly_is_small(e)) return cty(CT_INT, 0);
    int ty = ly_type(e);
    if (ty == LY_TREAL || ty == LY_TBIG || ty == LY_TRAT) return cty(CT_REAL, 0);
    if (ly_is_sym(e)) {
        size_t k;
        if (lyfc_lookup(g, e, &k)) return g->vars[k].t;
        if (e == LY_SYM(Pi) || e == LY_SYM(E) || is_sym_named(e, "Degree") || is_sym_named(e, "GoldenRatio")
            || is_sym_named(e, "EulerGamma"))
            return cty(CT_REAL, 0);
        return cty(CT_NONE, 0);
    }
    if (!ly_is_normal(e)) return cty(CT_NONE, 0);
    size_t n = ly_nlen(e);
    switch (lyfc_head_id(ly_nhead(e))) {
    case F_Plus: case F_Times: case F_Subtract: case F_Max: case F_Min: {
        if (n == 0) return cty(CT_NONE, 0);
        LyfCty t = lyfc_sty(g, ly_narg(e, 1));
        for (size_t i = 2; i <= n; i++) {
            LyExpr a = ly_narg(e, i);
            if (lyfc_head_id(ly_nhead(e)) == F_Times && ly_head_is(a, LY_SYM(Power)) && ly_nlen(a) == 2
                && ly_is_small(ly_narg(a, 2)) && ly_small(ly_narg(a, 2)) < 0)
                t = num_join(t, cty(CT_REAL, 0));
            t = num_join(t, lyfc_sty(g, a));
        }
        return t;
    }
    case F_Minus: return n == 1 ? lyfc_sty(g, ly_narg(e, 1)) : cty(CT_NONE, 0);
    case F_Divide: return n == 2 ? num_join(num_join(lyfc_sty(g, ly_narg(e, 1)), lyfc_sty(g, ly_narg(e, 2))), cty(CT_REAL, 0)) : cty(CT_NONE, 0);
    case F_Power: {
        if (n != 2) return cty(CT_NONE, 0);
        LyfCty b = lyfc_sty(g, ly_narg(e, 1)), x = lyfc_sty(g, ly_narg(e, 2));
        if (b.b == CT_INT && b.rank == 0 && x.b == CT_INT && x.rank == 0
            && !(ly_is_small(ly_narg(e, 2)) && ly_small(ly_narg(e, 2)) < 0))
            return b;
        return num_join(num_join(b, x), cty(CT_REAL, 0));
    }
    case F_Floor: case F_Ceiling: case F_Round: case F_IntegerPart: case F_Length: case F_Boole:
    case F_Sign: case F_Quotient:
        return cty(CT_INT, 0);
    case F_Abs: case F_Mod:
        return n >= 1 ? lyfc_sty(g, ly_narg(e, 1)) : cty(CT_NONE, 0);
    case F_Sqrt: case F_Exp: case F_Log: case F_Sin: case F_Cos: case F_Tan: case F_ArcTan:
    case F_ArcSin: case F_ArcCos: case F_Sinh: case F_Cosh: case F_Tanh: case F_N: case F_Log2:
    case F_Log10: case F_Cot: case F_Sec: case F_Csc: case F_FractionalPart: case F_Mean:
        return cty(CT_REAL, 0);
    case F_Part: {
        if (n < 2) return cty(CT_NONE, 0);
        LyfCty b = lyfc_sty(g, ly_narg(e, 1));
        if (b.b == CT_NONE || b.rank < n - 1) return cty(CT_NONE, 0);
        return cty(b.b, (int)(b.rank - (n - 1)));
    }
    default: return cty(CT_NONE, 0);
    }
}

/* ---- sequences of operands --------------------------------------------------------------------- */

void lyfc_gx_seq(Gen *g, size_t n, const LyExpr *es, const int *hints, Val *out) {
    SB *outer = g->cur;
    for (size_t i = 0; i < n; i++) {
        SB sub = {0};
        g->cur = &sub;
        out[i] = lyfc_gx(g, es[i], hints ? hints[i] : H_ANY);
        g->cur = outer;
        if (sub.len) {
            /* the statements may change a variable named by an earlier value */
            for (size_t j = 0; j < i; j++) out[j] = lyfc_snap(g, out[j]);
            lyfc_sb_put(g, outer, sub.p, sub.len);
        }
        lyfc_sb_free(&sub);
    }
}

/* ---- external evaluation ------------------------------------------------------------------------ */

static void free_vars(Gen *g, LyExpr e, LyExpr *syms, size_t *n, size_t max, size_t *idx) {
    if (ly_is_sym(e)) {
        size_t k;
        if (!lyfc_lookup(g, e, &k)) return;
        for (size_t i = 0; i < *n; i++) if (syms[i] == e) return;
        if (*n < max) { syms[*n] = e; idx[*n] = k; (*n)++; }
        return;
    }
    if (!ly_is_normal(e)) return;
    for (size_t i = 0; i <= ly_nlen(e); i++) free_vars(g, ly_normal(e)->e[i], syms, n, max, idx);
}

/* The type Compile's third argument gives e, if any. */
static bool declared_type(Gen *g, LyExpr e, LyfCty *t) {
    if (!g->types) return false;
    for (size_t i = 1; i <= ly_nlen(g->types); i++) {
        LyExpr s = ly_narg(g->types, i);
        if (!ly_head_is(s, LY_SYM(List)) || ly_nlen(s) < 2) continue;
        if (!ly_match(g->vm, ly_narg(s, 1), e, NULL)) continue;
        LyExpr ty = ly_narg(s, 2);
        int rank = 0;
        if (ly_nlen(s) >= 3 && ly_is_small(ly_narg(s, 3))) rank = (int)ly_small(ly_narg(s, 3));
        int b = CT_NONE;
        if (ly_head_is(ty, LY_SYM(Blank)) && ly_nlen(ty) == 1) {
            if (ly_narg(ty, 1) == LY_SYM(Integer)) b = CT_INT;
            else if (ly_narg(ty, 1) == LY_SYM(Real)) b = CT_REAL;
        } else if (ly_head_is(ty, LY_SYM(Alternatives))) b = CT_BOOL;
        else if (ty == LY_SYM(Null)) b = CT_VOID;
        if (b == CT_NONE || rank < 0 || rank > LYF_MAXRANK) continue;
        *t = cty(b, rank);
        return true;
    }
    return false;
}

/* Functions evaluated for their effect, whose value is Null. */
static bool null_valued(LyExpr e) {
    static const char *const names[] = { "Print", "Message", "PrintTemporary", "Pause", "WriteString",
                                         "Write", "SetSharedVariable", NULL };
    if (!ly_is_normal(e) || !ly_is_sym(ly_nhead(e))) return false;
    for (int i = 0; names[i]; i++) if (strcmp(ly_sym(ly_nhead(e))->name, names[i]) == 0) return true;
    return false;
}

Val lyfc_ext(Gen *g, LyExpr e, int hint) {
    LyfCty t;
    if (null_valued(e)) t = cty(CT_VOID, 0);
    else if (!declared_type(g, e, &t)) {
        switch (hint) {
        case H_INT: t = cty(CT_INT, 0); break;
        case H_BOOL: t = cty(CT_BOOL, 0); break;
        case H_VOID: t = cty(CT_VOID, 0); break;
        default: t = cty(CT_REAL, 0); break;
        }
    }
    LyExpr syms[64];
    size_t idx[64], n = 0;
    free_vars(g, e, syms, &n, 64, idx);
    LyExpr sl = ly_list(g->vm, n, syms);
    uint32_t s = lyfc_site(g);
    LyExpr entry = sl ? ly_mk(g->vm, LY_SYM(List), 6, ly_mksmall(LYF_K_EXT),
                              ly_mk(g->vm, LY_SYM(HoldComplete), 1, (ly_ref(e), e)), sl,
                              ly_mksmall(t.b), ly_mksmall(t.rank), ly_mksmall(s)) : NULL;
    size_t k = lyfc_add_const(g, entry);
    if (t.b != CT_VOID) lyfc_note(g, "extscalar", e, t);
    SB args = {0};
    for (size_t i = 0; i < n; i++) {
        const char *nm = lyfc_vname(g, idx[i]);
        lyfc_sb_put(g, &args, ", ", 2);
        lyfc_sb_put(g, &args, nm, strlen(nm));
    }
    Val v = lyfc_mkval(t, lyfc_gfmt(g, "EV(%zu%s)", k, args.p ? args.p : ""), VF_FRESH);
    lyfc_sb_free(&args);
    return v;
}

/* ---- symbols and literals ------------------------------------------------------------------------- */

static Val gsym(Gen *g, LyExpr e, int hint) {
    size_t k;
    if (lyfc_lookup(g, e, &k)) {
        Var *v = &g->vars[k];
        if (v->t.b == CT_NONE && !g->none_read) g->none_read = e;
        Val r = lyfc_mkval(v->t, lyfc_vname(g, k), VF_SIMPLE);
        return v->bounded && !v->assigned ? lyfc_bounded(r, v->lo, v->hi) : r;
    }
    if (e == LY_SYM(True)) return lyfc_mkval(cty(CT_BOOL, 0), "true", VF_SIMPLE | VF_LIT);
    if (e == LY_SYM(False)) return lyfc_mkval(cty(CT_BOOL, 0), "false", VF_SIMPLE | VF_LIT);
    if (e == LY_SYM(Null)) return lyfc_mkval(cty(CT_VOID, 0), "nil", VF_SIMPLE | VF_LIT);
    if (e == LY_SYM(Pi)) return lyfc_rlit(g, M_PI);
    if (e == LY_SYM(E)) return lyfc_rlit(g, M_E);
    if (is_sym_named(e, "Degree")) return lyfc_rlit(g, M_PI / 180);
    if (is_sym_named(e, "GoldenRatio")) return lyfc_rlit(g, 1.6180339887498948482);
    if (is_sym_named(e, "EulerGamma")) return lyfc_rlit(g, 0.57721566490153286061);
    return lyfc_ext(g, e, hint);
}

/* ---- integer arithmetic with overflow checks ---------------------------------------------------------- */

Val lyfc_iadd(Gen *g, Val a, Val b, bool sub) {
    if ((a.f & VF_ILIT) && (b.f & VF_ILIT)) {
        int64_t r;
        if (!(sub ? __builtin_sub_overflow(a.iv, b.iv, &r) : __builtin_add_overflow(a.iv, b.iv, &r)))
            return lyfc_ilit(g, r);
    }
    /* both ranges known and the result cannot overflow: no check at all */
    if ((a.f & VF_BOUNDED) && (b.f & VF_BOUNDED)) {
        int64_t lo, hi;
        bool ov = sub ? (__builtin_sub_overflow(a.lo, b.hi, &lo) || __builtin_sub_overflow(a.hi, b.lo, &hi))
                      : (__builtin_add_overflow(a.lo, b.lo, &lo) || __builtin_add_overflow(a.hi, b.hi, &hi));
        if (!ov) return lyfc_bounded(lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "(%s %s %s)", a.s, sub ? "-" : "+", b.s), 0), lo, hi);
    }
    uint32_t s = lyfc_site(g);
    const char *t = lyfc_tmpname(g);
    /* one operand in a known range: comparisons of the other against the limits */
    if ((b.f & VF_BOUNDED) && !(sub && (b.lo == INT64_MIN || b.hi == INT64_MIN))) {
        int64_t clo = sub ? -b.hi : b.lo, chi = sub ? -b.lo : b.hi;
        bool exact = clo == chi;        /* a literal: the comparison is the whole test */
        a = lyfc_spill(g, a);
        b = lyfc_spill(g, b);
        lyfc_emit(g, "local %s = %s %s %s", t, a.s, sub ? "-" : "+", b.s);
        /* near a limit only, the exact sign test decides (no false alarm) */
        const char *x = exact ? "" : sub ? lyfc_gfmt(g, " and (%s ~ %s) & (%s ~ %s) < 0", a.s, b.s, a.s, t)
                                         : lyfc_gfmt(g, " and (%s ~ %s) & (%s ~ %s) < 0", a.s, t, b.s, t);
        if (chi > 0) lyfc_emit(g, "if %s > %s%s then E(1, %u) end", a.s, lyfc_int_text(g, INT64_MAX - chi), x, s);
        if (clo < 0) lyfc_emit(g, "if %s < %s%s then E(1, %u) end", a.s, lyfc_int_text(g, INT64_MIN - clo), x, s);
    } else if ((a.f & VF_BOUNDED) && !sub) {
        return lyfc_iadd(g, b, a, false);
    } else {
        a = lyfc_spill(g, a);
        b = lyfc_spill(g, b);
        lyfc_emit(g, "local %s = %s %s %s", t, a.s, sub ? "-" : "+", b.s);
        if (sub) lyfc_emit(g, "if (%s ~ %s) & (%s ~ %s) < 0 then E(1, %u) end", a.s, b.s, a.s, t, s);
        else lyfc_emit(g, "if (%s ~ %s) & (%s ~ %s) < 0 then E(1, %u) end", a.s, t, b.s, t, s);
    }
    return lyfc_mkval(cty(CT_INT, 0), t, VF_SIMPLE);
}

static Val ineg(Gen *g, Val a) {
    if ((a.f & VF_ILIT) && a.iv != INT64_MIN) return lyfc_ilit(g, -a.iv);
    a = lyfc_spill(g, a);
    lyfc_emit(g, "if %s == MININT then E(1, %u) end", a.s, lyfc_site(g));
    return lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "(-%s)", a.s), 0);
}

static Val imul(Gen *g, Val a, Val b) {
    if ((a.f & VF_ILIT) && (b.f & VF_ILIT)) {
        int64_t r;
        if (!__builtin_mul_overflow(a.iv, b.iv, &r)) return lyfc_ilit(g, r);
    }
    if ((a.f & VF_BOUNDED) && (b.f & VF_BOUNDED)) {
        int64_t p[4];
        if (!__builtin_mul_overflow(a.lo, b.lo, &p[0]) && !__builtin_mul_overflow(a.lo, b.hi, &p[1])
            && !__builtin_mul_overflow(a.hi, b.lo, &p[2]) && !__builtin_mul_overflow(a.hi, b.hi, &p[3])) {
            int64_t lo = p[0], hi = p[0];
            for (int i = 1; i < 4; i++) { if (p[i] < lo) lo = p[i]; if (p[i] > hi) hi = p[i]; }
            return lyfc_bounded(lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "(%s * %s)", a.s, b.s), 0), lo, hi);
        }
    }
    if ((a.f & VF_ILIT) && !(b.f & VF_ILIT)) { Val t = a; a = b; b = t; }
    /* a square: overflow exactly when |a| > 3037000499 */
    if (!(b.f & VF_ILIT) && (a.f & VF_SIMPLE) && (b.f & VF_SIMPLE) && strcmp(a.s, b.s) == 0) {
        lyfc_emit(g, "if %s > 3037000499 or %s < -3037000499 then E(1, %u) end", a.s, a.s, lyfc_site(g));
        return lyfc_bounded(lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "(%s * %s)", a.s, a.s), 0), 0, INT64_MAX);
    }
    if (b.f & VF_ILIT) {
        int64_t c = b.iv;
        if (c == 0) { if (!(a.f & VF_SIMPLE)) lyfc_spill(g, a); return lyfc_ilit(g, 0); }
        if (c == 1) return a;
        if (c == -1) return ineg(g, a);
        int64_t lo, hi;
        if (c > 0) { lo = INT64_MIN / c; hi = INT64_MAX / c; }
        else { lo = INT64_MAX / c; hi = INT64_MIN / c; }
        a = lyfc_spill(g, a);
        lyfc_emit(g, "if %s < %s or %s > %s then E(1, %u) end", a.s, lyfc_int_text(g, lo), a.s, lyfc_int_text(g, hi), lyfc_site(g));
        return lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "(%s * %s)", a.s, b.s), 0);
    }
    a = lyfc_spill(g, a);
    b = lyfc_spill(g, b);
    const char *t = lyfc_tmpname(g), *f = lyfc_tmpname(g);
    lyfc_emit(g, "local %s, %s = %s * %s, (%s + 0.0) * %s", t, f, a.s, b.s, a.s, b.s);
    lyfc_emit(g, "if %s >= 0x1p62 or %s <= -0x1p62 then %s = IMUL(%s, %s, %u) end", f, f, t, a.s, b.s, lyfc_site(g));
    return lyfc_mkval(cty(CT_INT, 0), t, VF_SIMPLE);
}

/* ---- arithmetic ---------------------------------------------------------------------------------------- */

static bool any_tensor(const Val *v, size_t n) {
    for (size_t i = 0; i < n; i++) if (v[i].t.rank) return true;
    return false;
}

static bool check_numeric(Gen *g, const Val *v, size_t n, LyExpr where) {
    for (size_t i = 0; i < n; i++) {
        int b = v[i].t.b;
        if (b != CT_INT && b != CT_REAL && b != CT_NONE) {
            char buf[80];
            lyfc_fail(g, where, lyfc_gfmt(g, "arithmetic on a %s", lyf_cty_text(v[i].t, buf, sizeof buf)));
            return false;
        }
    }
    return true;
}

/* Hint for the operands of an arithmetic expression whose result is wanted
 * with hint h: real when the result is real anyway. */
static int operand_hint(Gen *g, LyExpr e, int h) {
    if (h == H_REAL) return H_REAL;
    LyfCty t = lyfc_sty(g, e);
    return t.b == CT_REAL && t.rank == 0 ? H_REAL : H_ANY;
}

/* a1 op a2 op ... for real (floating) values: the first operand is made a
 * float, so Lua never does integer arithmetic on the rest. */
static Val fchain(Gen *g, const Val *v, size_t n, const char *op) {
    SB b = {0};
    lyfc_sb_put(g, &b, "(", 1);
    for (size_t i = 0; i < n; i++) {
        Val x = i == 0 ? lyfc_tofloat(g, v[i]) : v[i];
        if (i) lyfc_sb_put(g, &b, op, strlen(op));
        lyfc_sb_put(g, &b, x.s, strlen(x.s));
    }
    lyfc_sb_put(g, &b, ")", 1);
    Val r = lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "%s", b.p ? b.p : "0.0"), 0);
    lyfc_sb_free(&b);
    return r;
}

static Val gplus(Gen *g, LyExpr e, int hint) {
    size_t n = ly_nlen(e);
    if (n == 0) return lyfc_ilit(g, 0);
    if (n == 1) return lyfc_gx(g, ly_narg(e, 1), hint);
    int oh = operand_hint(g, e, hint);
    int hints[n];
    for (size_t i = 0; i < n; i++) hints[i] = oh;
    Val v[n];
    lyfc_gx_seq(g, n, ly_nargs(e), hints, v);
    if (!check_numeric(g, v, n, e)) return v[0];
    if (any_tensor(v, n)) {
        Val acc = v[0];
        for (size_t i = 1; i < n; i++) acc = lyfc_g_elementwise(g, "ADD", acc, v[i]);
        return acc;
    }
    bool all_int = true, none = false;
    for (size_t i = 0; i < n; i++) {
        if (v[i].t.b == CT_NONE) none = true;
        if (v[i].t.b != CT_INT) all_int = false;
    }
    if (none) return lyfc_mkval(cty(CT_NONE, 0), "nil", VF_SIMPLE);
    if (all_int && oh != H_REAL) {
        Val acc = v[0];
        for (size_t i = 1; i < n; i++) acc = lyfc_iadd(g, acc, v[i], false);
        return acc;
    }
    return fchain(g, v, n, " + ");
}

/* Times: factors Power[d, -k] (what a/b parses to) divide. */
static bool reciprocal(LyExpr a, LyExpr *d, int64_t *k) {
    if (!ly_head_is(a, LY_SYM(Power)) || ly_nlen(a) != 2) return false;
    LyExpr x = ly_narg(a, 2);
    if (!ly_is_small(x) || ly_small(x) >= 0 || ly_small(x) < -64) return false;
    *d = ly_narg(a, 1);
    *k = -ly_small(x);
    return true;
}

static Val cdiv(Gen *g, Val num, Val den) {
    den = lyfc_spill(g, lyfc_tofloat(g, den));
    if ((den.f & VF_LIT) && strcmp(den.s, "0.0") != 0)
        return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "(%s / %s)", lyfc_tofloat(g, num).s, den.s), 0);
    return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "(%s ~= 0 and %s / %s or E(1, %u))", den.s, lyfc_tofloat(g, num).s, den.s, lyfc_site(g)), 0);
}

static Val gpow_val(Gen *g, Val b, Val x, LyExpr where, int hint);

static Val gtimes(Gen *g, LyExpr e, int hint) {
    size_t n = ly_nlen(e);
    if (n == 0) return lyfc_ilit(g, 1);
    if (n == 1) return lyfc_gx(g, ly_narg(e, 1), hint);
    /* -x */
    if (n == 2 && ly_narg(e, 1) == ly_mksmall(-1)) {
        int oh = operand_hint(g, e, hint);
        Val a = lyfc_gx(g, ly_narg(e, 2), oh);
        if (!check_numeric(g, &a, 1, e)) return a;
        if (a.t.rank) return lyfc_g_elementwise(g, "MUL", lyfc_ilit(g, -1), a);
        if (a.t.b == CT_INT && oh != H_REAL) return ineg(g, a);
        if (a.t.b == CT_NONE) return a;
        return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "(-%s)", lyfc_tofloat(g, a).s), 0);
    }
    LyExpr ops[n];
    int64_t pw[n];
    size_t nnum = 0, nden = 0;
    LyExpr dens[n];
    for (size_t i = 1; i <= n; i++) {
        LyExpr d;
        int64_t k;
        if (reciprocal(ly_narg(e, i), &d, &k)) { dens[nden] = d; pw[nden++] = k; }
        else ops[nnum++] = ly_narg(e, i);
    }
    int oh = nden ? H_REAL : operand_hint(g, e, hint);
    LyExpr all[n];
    int hints[n];
    for (size_t i = 0; i < nnum; i++) { all[i] = ops[i]; hints[i] = oh; }
    for (size_t i = 0; i < nden; i++) { all[nnum + i] = dens[i]; hints[nnum + i] = H_REAL; }
    Val v[n];
    lyfc_gx_seq(g, n, all, hints, v);
    if (!check_numeric(g, v, n, e)) return v[0];
    for (size_t i = 0; i < n; i++) if (v[i].t.b == CT_NONE) return lyfc_mkval(cty(CT_NONE, 0), "nil", VF_SIMPLE);
    Val num;
    if (any_tensor(v, nnum)) {
        num = nnum ? v[0] : lyfc_ilit(g, 1);
        for (size_t i = 1; i < nnum; i++) num = lyfc_g_elementwise(g, "MUL", num, v[i]);
    } else if (nnum == 0) {
        num = lyfc_rlit(g, 1.0);
    } else {
        bool all_int = true;
        for (size_t i = 0; i < nnum; i++) if (v[i].t.b != CT_INT) all_int = false;
        if (all_int && oh != H_REAL) {
            num = v[0];
            for (size_t i = 1; i < nnum; i++) num = imul(g, num, v[i]);
        } else {
            num = nnum == 1 ? lyfc_tofloat(g, v[0]) : fchain(g, v, nnum, " * ");
        }
    }
    for (size_t i = 0; i < nden; i++) {
        Val d = v[nnum + i];
        if (pw[i] != 1) d = gpow_val(g, d, lyfc_ilit(g, pw[i]), e, H_REAL);
        if (num.t.rank || d.t.rank) num = lyfc_g_elementwise(g, "DIV", num, d);
        else num = cdiv(g, num, d);
    }
    return num;
}

static Val gpow_val(Gen *g, Val b, Val x, LyExpr where, int hint) {
    if (!check_numeric(g, &b, 1, where) || !check_numeric(g, &x, 1, where)) return b;
    if (b.t.b == CT_NONE || x.t.b == CT_NONE) return lyfc_mkval(cty(CT_NONE, 0), "nil", VF_SIMPLE);
    if (b.t.rank || x.t.rank) return lyfc_g_elementwise(g, "POW", b, x);
    if (x.f & VF_ILIT) {
        int64_t k = x.iv;
        if (b.t.b == CT_INT && k >= 0 && hint != H_REAL) {
            if (k == 0) return lyfc_ilit(g, 1);
            if (k == 1) return b;
            if (k == 2) { b = lyfc_spill(g, b); return imul(g, b, b); }
            return lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "IPOW(%s, %s, %u)", b.s, x.s, lyfc_site(g)), 0);
        }
        Val fb = lyfc_tofloat(g, b);
        if (k == 0) return lyfc_rlit(g, 1.0);
        if (k == 1) return fb;
        if (k == 2) { fb = lyfc_spill(g, fb); return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "(%s * %s)", fb.s, fb.s), VF_NONNEG); }
        if (k > 0) return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "(%s ^ %s)", fb.s, x.s), 0);
        fb = lyfc_spill(g, fb);
        return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "(%s ~= 0 and %s ^ %s or E(1, %u))", fb.s, fb.s, x.s, lyfc_site(g)), 0);
    }
    if (b.t.b == CT_INT && x.t.b == CT_INT && hint != H_REAL)
        return lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "IPOW(%s, %s, %u)", b.s, x.s, lyfc_site(g)), 0);
    if ((x.f & VF_LIT) && strcmp(x.s, "0.5") == 0) {
        Val fb = lyfc_spill(g, lyfc_tofloat(g, b));
        if (fb.f & VF_NONNEG) return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "sqrt(%s)", fb.s), VF_NONNEG);
        return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "(%s >= 0 and sqrt(%s) or E(1, %u))", fb.s, fb.s, lyfc_site(g)), VF_NONNEG);
    }
    return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "RPOW(%s, %s, %u)", lyfc_tofloat(g, b).s, lyfc_tofloat(g, x).s, lyfc_site(g)), 0);
}

static Val gpower(Gen *g, LyExpr e, int hint) {
    if (ly_nlen(e) != 2) return lyfc_ext(g, e, hint);
    LyExpr base = ly_narg(e, 1), ex = ly_narg(e, 2);
    if (base == LY_SYM(E)) {
        Val x = lyfc_gx(g, ex, H_REAL);
        if (!check_numeric(g, &x, 1, e)) return x;
        if (x.t.rank) return lyfc_g_map(g, "exp", x, e);
        return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "exp(%s)", lyfc_tofloat(g, x).s), VF_NONNEG);
    }
    LyfCty st = lyfc_sty(g, e);
    int oh = hint == H_REAL || (st.b == CT_REAL && st.rank == 0) ? H_REAL : H_ANY;
    /* the base of an integer power stays integer; a real power computes it in floating point */
    LyExpr es[2] = { base, ex };
    int hints[2] = { oh, H_ANY };
    Val v[2];
    lyfc_gx_seq(g, 2, es, hints, v);
    return gpow_val(g, v[0], v[1], e, oh);
}

/* ---- elementary functions ------------------------------------------------------------------------------- */

typedef struct MathFn { int id; const char *lua; int dom; } MathFn;
/* dom: 0 none, 1 x >= 0, 2 x > 0, 3 |x| <= 1, 4 x >= 1, 5 |x| < 1 */
static const MathFn math_fns[] = {
    {F_Sin, "sin", 0}, {F_Cos, "cos", 0}, {F_Tan, "tan", 0}, {F_Exp, "exp", 0},
    {F_ArcTan, "atan", 0}, {F_Sinh, "SINH", 0}, {F_Cosh, "COSH", 0}, {F_Tanh, "TANH", 0},
    {F_ArcSinh, "ASINH", 0}, {F_Sqrt, "sqrt", 1}, {F_Log, "log", 2}, {F_Log2, "LOG2", 2},
    {F_Log10, "LOG10", 2}, {F_ArcSin, "asin", 3}, {F_ArcCos, "acos", 3}, {F_ArcCosh, "ACOSH", 4},
    {F_ArcTanh, "ATANH", 5}, {F_Cot, "COT", 0}, {F_Sec, "SEC", 0}, {F_Csc, "CSC", 0},
    {0, NULL, 0}
};

static bool nonneg_expr(LyExpr e) {
    if (ly_is_small(e)) return ly_small(e) >= 0;
    if (ly_is_real(e)) return ly_realv(e) >= 0;
    if (!ly_is_normal(e)) return false;
    int id = lyfc_head_id(ly_nhead(e));
    if (id == F_Abs || id == F_Sqrt || id == F_Exp) return true;
    if (id == F_Power && ly_nlen(e) == 2 && ly_narg(e, 2) == ly_mksmall(2)) return true;
    return false;
}

static Val gmath(Gen *g, LyExpr e, const MathFn *m, int hint) {
    size_t n = ly_nlen(e);
    if (m->id == F_ArcTan && n == 2) {
        LyExpr es[2] = { ly_narg(e, 1), ly_narg(e, 2) };
        int hints[2] = { H_REAL, H_REAL };
        Val v[2];
        lyfc_gx_seq(g, 2, es, hints, v);
        if (!check_numeric(g, v, 2, e) || any_tensor(v, 2)) { if (any_tensor(v, 2)) lyfc_fail(g, e, "ArcTan of tensors"); return v[0]; }
        /* ArcTan[x, y] is the angle of the point {x, y} */
        return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "ATAN2(%s, %s, %u)", lyfc_tofloat(g, v[1]).s, lyfc_tofloat(g, v[0]).s, lyfc_site(g)), 0);
    }
    if (m->id == F_Log && n == 2) {
        LyExpr es[2] = { ly_narg(e, 1), ly_narg(e, 2) };
        int hints[2] = { H_REAL, H_REAL };
        Val v[2];
        lyfc_gx_seq(g, 2, es, hints, v);
        if (!check_numeric(g, v, 2, e) || any_tensor(v, 2)) { if (any_tensor(v, 2)) lyfc_fail(g, e, "Log of tensors"); return v[0]; }
        return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "LOGB(%s, %s, %u)", lyfc_tofloat(g, v[0]).s, lyfc_tofloat(g, v[1]).s, lyfc_site(g)), 0);
    }
    if (n != 1) return lyfc_ext(g, e, hint);
    Val x = lyfc_gx(g, ly_narg(e, 1), H_REAL);
    if (!check_numeric(g, &x, 1, e)) return x;
    if (x.t.b == CT_NONE) return lyfc_mkval(cty(CT_NONE, 0), "nil", VF_SIMPLE);
    if (x.t.rank) return lyfc_g_map(g, m->lua, x, e);
    /* the C functions take integers as they are: no conversion needed */
    Val fx = x;
    uint8_t nn = (m->id == F_Sqrt || m->id == F_Exp || m->id == F_Cosh) ? VF_NONNEG : 0;
    if (m->dom == 0 || (m->dom == 1 && (x.f & VF_NONNEG || nonneg_expr(ly_narg(e, 1)))))
        return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "%s(%s)", m->lua, fx.s), nn);
    fx = lyfc_spill(g, fx);
    const char *c;
    switch (m->dom) {
    case 1: c = lyfc_gfmt(g, "%s >= 0", fx.s); break;
    case 2: c = lyfc_gfmt(g, "%s > 0", fx.s); break;
    case 3: c = lyfc_gfmt(g, "%s >= -1 and %s <= 1", fx.s, fx.s); break;
    case 4: c = lyfc_gfmt(g, "%s >= 1", fx.s); break;
    default: c = lyfc_gfmt(g, "%s > -1 and %s < 1", fx.s, fx.s); break;
    }
    return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "(%s and %s(%s) or E(1, %u))", c, m->lua, fx.s, lyfc_site(g)), nn);
}

/* Floor, Ceiling, Round, IntegerPart, Abs, Sign, FractionalPart, N, Boole, EvenQ, OddQ */
static Val gunary(Gen *g, LyExpr e, int id, int hint) {
    if (ly_nlen(e) != 1) return lyfc_ext(g, e, hint);
    Val x = lyfc_gx(g, ly_narg(e, 1), id == F_N || id == F_FractionalPart ? H_REAL : H_ANY);
    if (id == F_Boole) {
        if (x.t.b != CT_BOOL && x.t.b != CT_NONE) { lyfc_fail(g, e, "Boole of a number"); return x; }
        return lyfc_bounded(lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "(%s and 1 or 0)", x.s), 0), 0, 1);
    }
    if (!check_numeric(g, &x, 1, e)) return x;
    if (x.t.b == CT_NONE) return lyfc_mkval(id == F_EvenQ || id == F_OddQ ? cty(CT_BOOL, 0) : cty(CT_NONE, 0), "nil", VF_SIMPLE);
    if (x.t.rank) {
        if (id == F_N) return lyfc_conv(g, x, cty(CT_REAL, x.t.rank));
        if (id == F_Abs) return lyfc_g_map(g, x.t.b == CT_INT ? "IABS" : "abs", x, e);
        lyfc_fail(g, e, "this function of a tensor");
        return x;
    }
    bool isint = x.t.b == CT_INT;
    switch (id) {
    case F_Floor: return isint ? x : lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "FLOOR(%s, %u)", x.s, lyfc_site(g)), 0);
    case F_Ceiling: return isint ? x : lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "CEIL(%s, %u)", x.s, lyfc_site(g)), 0);
    case F_Round: return isint ? x : lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "ROUND(%s, %u)", x.s, lyfc_site(g)), 0);
    case F_IntegerPart: return isint ? x : lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "IPART(%s, %u)", x.s, lyfc_site(g)), 0);
    case F_FractionalPart: return isint ? lyfc_rlit(g, 0.0) : lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "FPART(%s)", x.s), 0);
    case F_Abs:
        if (!isint) return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "abs(%s)", x.s), VF_NONNEG);
        x = lyfc_spill(g, x);
        lyfc_emit(g, "if %s == MININT then E(1, %u) end", x.s, lyfc_site(g));
        return lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "abs(%s)", x.s), 0);
    case F_Sign: return lyfc_bounded(lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "SIGN(%s)", x.s), 0), -1, 1);
    case F_N: return lyfc_tofloat(g, x);
    case F_EvenQ: return isint ? lyfc_mkval(cty(CT_BOOL, 0), lyfc_gfmt(g, "(%s %% 2 == 0)", x.s), 0)
                               : lyfc_mkval(cty(CT_BOOL, 0), "false", VF_SIMPLE | VF_LIT);
    case F_OddQ: return isint ? lyfc_mkval(cty(CT_BOOL, 0), lyfc_gfmt(g, "(%s %% 2 ~= 0)", x.s), 0)
                              : lyfc_mkval(cty(CT_BOOL, 0), "false", VF_SIMPLE | VF_LIT);
    }
    return lyfc_ext(g, e, hint);
}

/* Mod, Quotient, Subtract, Divide, Minus */
static Val gbinary(Gen *g, LyExpr e, int id, int hint) {
    size_t n = ly_nlen(e);
    if (id == F_Minus) {
        if (n != 1) return lyfc_ext(g, e, hint);
        LyExpr m = ly_mk(g->vm, LY_SYM(Times), 2, ly_mksmall(-1), (ly_ref(ly_narg(e, 1)), ly_narg(e, 1)));
        if (!m) { g->oom = true; return lyfc_ilit(g, 0); }
        Val r = gtimes(g, m, hint);
        ly_unref(g->vm, m);
        return r;
    }
    if (n != 2) return lyfc_ext(g, e, hint);
    int oh = id == F_Divide ? H_REAL : id == F_Subtract ? operand_hint(g, e, hint) : H_ANY;
    int hints[2] = { oh, oh };
    Val v[2];
    lyfc_gx_seq(g, 2, ly_nargs(e), hints, v);
    if (!check_numeric(g, v, 2, e)) return v[0];
    if (v[0].t.b == CT_NONE || v[1].t.b == CT_NONE) return lyfc_mkval(cty(id == F_Quotient ? CT_INT : CT_NONE, 0), "nil", VF_SIMPLE);
    if (any_tensor(v, 2)) {
        if (id == F_Subtract) return lyfc_g_elementwise(g, "SUB", v[0], v[1]);
        if (id == F_Divide) return lyfc_g_elementwise(g, "DIV", v[0], v[1]);
        lyfc_fail(g, e, "Mod or Quotient of tensors");
        return v[0];
    }
    bool ints = v[0].t.b == CT_INT && v[1].t.b == CT_INT;
    switch (id) {
    case F_Subtract:
        if (ints && oh != H_REAL) return lyfc_iadd(g, v[0], v[1], true);
        return fchain(g, v, 2, " - ");
    case F_Divide: return cdiv(g, v[0], v[1]);
    case F_Mod:
        /* a literal non-zero divisor needs no check: Lua's % is Wolfram's Mod */
        if (ints && (v[1].f & VF_ILIT) && v[1].iv != 0) {
            int64_t c = v[1].iv;
            Val r = lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "(%s %% %s)", v[0].s, v[1].s), 0);
            return c > 0 ? lyfc_bounded(r, 0, c - 1) : lyfc_bounded(r, c + 1, 0);
        }
        if (ints) return lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "IMOD(%s, %s, %u)", v[0].s, v[1].s, lyfc_site(g)), 0);
        return lyfc_mkval(cty(CT_REAL, 0), lyfc_gfmt(g, "RMOD(%s, %s, %u)", lyfc_tofloat(g, v[0]).s, lyfc_tofloat(g, v[1]).s, lyfc_site(g)), 0);
    case F_Quotient:
        if (ints && (v[1].f & VF_ILIT) && v[1].iv != 0 && v[1].iv != -1)
            return lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "(%s // %s)", v[0].s, v[1].s), 0);
        if (ints) return lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "IQUO(%s, %s, %u)", v[0].s, v[1].s, lyfc_site(g)), 0);
        return lyfc_mkval(cty(CT_INT, 0), lyfc_gfmt(g, "RQUO(%s, %s, %u)", lyfc_tofloat(g, v[0]).s, lyfc_tofloat(g, v[1]).s, lyfc_site(g)), 0);
    }
    return lyfc_ext(g, e, hint);
}

static Val gminmax(Gen *g, LyExpr e, bool max, int hint) {
    size_t n = ly_nlen(e);
    if (n == 0) return lyfc_ext(g, e, hint);
    Val v[n];
    int hints[n];
    int oh = operand_hint(g, e, hint);
    for (size_t i = 0; i < n; i++) hints[i] = oh;
    lyfc_gx_seq(g, n, ly_nargs(e), hints, v);
    if (!check_numeric(g, v, n, e)) return v[0];
    for (size_t i = 0; i < n; i++) if (v[i].t.b == CT_NONE) return lyfc_mkval(cty(CT_NONE, 0), "nil", VF_SIMPLE);
    if (n == 1 && v[0].t.rank) {
        return lyfc_mkval(cty(v[0].t.b, 0), lyfc_gfmt(g, "%s(%s, %u)", max ? "VMAX" : "VMIN", v[0].s, lyfc_site(g)), 0);
    }
    if (any_tensor(v, n)) { lyfc_fail(g, e, "Max or Min of several tensors"); return v[0]; }
    bool real = false;
    for (size_t i = 0; i < n; i++) if (v[i].t.b == CT_REAL) real = true;
    if (n == 1) return real ? lyfc_tofloat(g, v[0]) : v[0];
    SB b = {0};
    lyfc_sb_put(g, &b, max ? "max(" : "min(", 4);
    for (size_t i = 0; i < n; i++) {
        Val x = real ? lyfc_tofloat(g, v[i]) : v[i];
        if (i) lyfc_sb_put(g, &b, ", ", 2);
        lyfc_sb_put(g, &b, x.s, strlen(x.s));
    }
    lyfc_sb_put(g, &b, ")", 1);
    Val r = lyfc_mkval(cty(real ? CT_REAL : CT_INT, 0), lyfc_gfmt(g, "%s", b.p), 0);
    lyfc_sb_free(&b);
    return r;
}

/* ---- comparisons and logic ------------------------------------------------------------------------------- */

static const char *cmp_pair(Gen *g, int op, Val a, Val b, LyExpr where) {
    bool isbool = a.t.b == CT_BOOL || b.t.b == CT_BOOL;
    if (a.t.rank || b.t.rank) { lyfc_fail(g, where, "a comparison of tensors"); return "false"; }
    if (isbool) {
        if (!(op == F_Equal || op == F_Unequal) || (a.t.b != CT_BOOL && a.t.b != CT_NONE) || (b.t.b != CT_BOOL && b.t.b != CT_NONE)) {
            lyfc_fail(g, where, "an order comparison of True/False");
            return "false";
        }
        return lyfc_gfmt(g, "(%s %s %s)", a.s, op == F_Equal ? "==" : "~=", b.s);
    }
    if ((a.t.b != CT_INT && a.t.b != CT_REAL && a.t.b != CT_NONE) || (b.t.b != CT_INT && b.t.b != CT_REAL && b.t.b != CT_NONE)) {
        lyfc_fail(g, where, "a comparison of non-numbers");
        return "false";
    }
    bool real = a.t.b == CT_REAL || b.t.b == CT_REAL;
    static const char *ops[] = { "==", "~=", "<", "<=", ">", ">=" };
    int k = op == F_Equal ? 0 : op == F_Unequal ? 1 : op == F_Less ? 2 : op == F_LessEqual ? 3 : op == F_Greater ? 4 : 5;
    if (!real) return lyfc_gfmt(g, "(%s %s %s)", a.s, ops[k], b.s);
    /* reals compare with Wolfram's tolerance, as the uncompiled Equal/Less do */
    switch (k) {
    case 0: return lyfc_gfmt(g, "AEQ(%s, %s)", a.s, b.s);
    case 1: return lyfc_gfmt(g, "(not AEQ(%s, %s))", a.s, b.s);
    case 2: return lyfc_gfmt(g, "LT(%s, %s)", a.s, b.s);
    case 3: return lyfc_gfmt(g, "LE(%s, %s)", a.s, b.s);
    case 4: return lyfc_gfmt(g, "LT(%s, %s)", b.s, a.s);
    default: return lyfc_gfmt(g, "LE(%s, %s)", b.s, a.s);
    }
}

static int op_id(LyExpr s) {
    int id = lyfc_head_id(s);
    return id == F_Equal || id == F_Unequal || id == F_Less || id == F_LessEqual || id == F_Greater || id == F_GreaterEqual ? id : 0;
}

static Val gcompare(Gen *g, LyExpr e, int id, int hint) {
    size_t n = ly_nlen(e);
    LyExpr operands[n ? n : 1];
    int ops[n ? n : 1];
    size_t m = 0;
    if (id == F_Inequality) {
        if (n < 3 || n % 2 == 0) return lyfc_ext(g, e, hint);
        for (size_t i = 1; i <= n; i += 2) {
            operands[m] = ly_narg(e, i);
            if (i + 1 <= n) {
                ops[m] = op_id(ly_narg(e, i + 1));
                if (!ops[m]) return lyfc_ext(g, e, hint);
            }
            m++;
        }
    } else {
        if (n == 0) return lyfc_ext(g, e, hint);
        if (id == F_Unequal && n > 2) return lyfc_ext(g, e, hint);
        for (size_t i = 1; i <= n; i++) { operands[m] = ly_narg(e, i); ops[m] = id; m++; }
    }
    if (m == 1) {
        Val v = lyfc_gx(g, operands[0], H_ANY);
        (void)v;
        return lyfc_mkval(cty(CT_BOOL, 0), "true", VF_SIMPLE | VF_LIT);
    }
    Val v[m];
    lyfc_gx_seq(g, m, operands, NULL, v);
    if (m == 2) return lyfc_mkval(cty(CT_BOOL, 0), cmp_pair(g, ops[0], v[0], v[1], e), 0);
    for (size_t i = 1; i + 1 < m; i++) v[i] = lyfc_spill(g, v[i]);
    SB b = {0};
    lyfc_sb_put(g, &b, "(", 1);
    for (size_t i = 0; i + 1 < m; i++) {
        const char *c = cmp_pair(g, ops[i], v[i], v[i + 1], e);
        if (i) lyfc_sb_put(g, &b, " and ", 5);
        lyfc_sb_put(g, &b, c, strlen(c));
    }
    lyfc_sb_put(g, &b, ")", 1);
    Val r = lyfc_mkval(cty(CT_BOOL, 0), lyfc_gfmt(g, "%s", b.p), 0);
    lyfc_sb_free(&b);
    return r;
}

static Val gsameq(Gen *g, LyExpr e, bool same, int hint) {
    if (ly_nlen(e) != 2) return lyfc_ext(g, e, hint);
    Val v[2];
    lyfc_gx_seq(g, 2, ly_nargs(e), NULL, v);
    if (v[0].t.rank || v[1].t.rank) return lyfc_ext(g, e, hint);
    if (v[0].t.b != v[1].t.b && v[0].t.b != CT_NONE && v[1].t.b != CT_NONE) {
        lyfc_spill(g, v[0]);
        lyfc_spill(g, v[1]);
        return lyfc_mkval(cty(CT_BOOL, 0), same ? "false" : "true", VF_SIMPLE | VF_LIT);
    }
    if (v[0].t.b == CT_REAL || v[1].t.b == CT_REAL)
        return lyfc_mkval(cty(CT_BOOL, 0), lyfc_gfmt(g, same ? "SAMER(%s, %s)" : "(not SAMER(%s, %s))", v[0].s, v[1].s), 0);
    return lyfc_mkval(cty(CT_BOOL, 0), lyfc_gfmt(g, "(%s %s %s)", v[0].s, same ? "==" : "~=", v[1].s), 0);
}

void lyfc_need_bool(Gen *g, Val v, LyExpr where) {
    if (v.t.b != CT_BOOL && v.t.b != CT_NONE) {
        char buf[80];
        lyfc_fail(g, where, lyfc_gfmt(g, "a %s where True or False is expected", lyf_cty_text(v.t, buf, sizeof buf)));
    }
}

/* And/Or short-circuit: an operand that needs statements runs only when
 * the ones before it did not decide. */
static Val gandor(Gen *g, LyExpr e, bool isand, bool negate) {
    size_t n = ly_nlen(e);
    if (n == 0) return lyfc_mkval(cty(CT_BOOL, 0), (isand != negate) ? "true" : "false", VF_SIMPLE | VF_LIT);
    const char *kw = isand ? " and " : " or ";
    const char *res = NULL;      /* temporary holding the result once statements were needed */
    SB expr = {0};
    int opens = 0;
    for (size_t i = 1; i <= n; i++) {
        SB sub = {0};
        SB *outer = g->cur;
        g->cur = &sub;
        g->indent += opens;
        Val v = lyfc_gx(g, ly_narg(e, i), H_BOOL);
        g->indent -= opens;
        g->cur = outer;
        lyfc_need_bool(g, v, ly_narg(e, i));
        if (sub.len && i > 1) {
            /* materialise what we have, then continue under an if */
            if (!res) {
                res = lyfc_tmpname(g);
                lyfc_emit(g, "local %s = (%s)", res, expr.p);
            } else {
                g->indent += opens;
                lyfc_emit(g, "%s = (%s)", res, expr.p);
                g->indent -= opens;
            }
            g->indent += opens;
            lyfc_emit(g, "if %s%s then", isand ? "" : "not ", res);
            g->indent -= opens;
            opens++;
            /* re-indent is cosmetic; statements go in as they are */
            lyfc_sb_put(g, g->cur, sub.p, sub.len);
            lyfc_sb_free(&expr);
            lyfc_sb_put(g, &expr, v.s, strlen(v.s));
        } else {
            if (sub.len) lyfc_sb_put(g, g->cur, sub.p, sub.len);
            if (expr.len) lyfc_sb_put(g, &expr, kw, strlen(kw));
            lyfc_sb_put(g, &expr, v.s, strlen(v.s));
        }
        lyfc_sb_free(&sub);
    }
    Val r;
    if (res) {
        g->indent += opens;
        lyfc_emit(g, "%s = (%s)", res, expr.p);
        g->indent -= opens;
        while (opens-- > 0) { g->indent += opens; lyfc_emit(g, "end"); g->indent -= opens; }
        r = lyfc_mkval(cty(CT_BOOL, 0), negate ? lyfc_gfmt(g, "(not %s)", res) : res, negate ? 0 : VF_SIMPLE);
    } else {
        r = lyfc_mkval(cty(CT_BOOL, 0), lyfc_gfmt(g, negate ? "(not (%s))" : "(%s)", expr.p), 0);
    }
    lyfc_sb_free(&expr);
    return r;
}

static Val glogic(Gen *g, LyExpr e, int id, int hint) {
    size_t n = ly_nlen(e);
    switch (id) {
    case F_And: return gandor(g, e, true, false);
    case F_Or: return gandor(g, e, false, false);
    case F_Nand: return gandor(g, e, true, true);
    case F_Nor: return gandor(g, e, false, true);
    case F_Not: {
        if (n != 1) return lyfc_ext(g, e, hint);
        Val v = lyfc_gx(g, ly_narg(e, 1), H_BOOL);
        lyfc_need_bool(g, v, e);
        return lyfc_mkval(cty(CT_BOOL, 0), lyfc_gfmt(g, "(not %s)", v.s), 0);
    }
    case F_Xor: {
        if (n == 0) return lyfc_mkval(cty(CT_BOOL, 0), "false", VF_SIMPLE | VF_LIT);
        int hints[n];
        for (size_t i = 0; i < n; i++) hints[i] = H_BOOL;
        Val v[n];
        lyfc_gx_seq(g, n, ly_nargs(e), hints, v);
        const char *acc = v[0].s;
        lyfc_need_bool(g, v[0], e);
        for (size_t i = 1; i < n; i++) { lyfc_need_bool(g, v[i], e); acc = lyfc_gfmt(g, "(%s ~= %s)", acc, v[i].s); }
        return lyfc_mkval(cty(CT_BOOL, 0), acc, 0);
    }
    case F_TrueQ: {
        if (n != 1) return lyfc_ext(g, e, hint);
        Val v = lyfc_gx(g, ly_narg(e, 1), H_ANY);
        if (v.t.b == CT_BOOL && !v.t.rank) return v;
        if (!(v.f & VF_SIMPLE)) lyfc_spill(g, v);
        return lyfc_mkval(cty(CT_BOOL, 0), "false", VF_SIMPLE | VF_LIT);
    }
    }
    return lyfc_ext(g, e, hint);
}

/* ---- calls of compiled functions ---------------------------------------------------------------------------- */

static Val gcallcf(Gen *g, LyExpr e, int hint) {
    LyfCf *cf = lyf_cf_of(ly_nhead(e));
    if (!cf->src || ly_nlen(e) != cf->nargs) return lyfc_ext(g, e, hint);
    size_t n = cf->nargs;
    int hints[n ? n : 1];
    for (size_t i = 0; i < n; i++) hints[i] = lyfc_hint_of(cf->argt[i]);
    Val v[n ? n : 1];
    lyfc_gx_seq(g, n, ly_nargs(e), hints, v);
    LyExpr entry = ly_mk(g->vm, LY_SYM(List), 2, ly_mksmall(LYF_K_CF), (ly_ref(ly_nhead(e)), ly_nhead(e)));
    size_t k = lyfc_add_const(g, entry);
    SB b = {0};
    for (size_t i = 0; i < n; i++) {
        Val c = lyfc_conv(g, v[i], cf->argt[i]);
        if (i) lyfc_sb_put(g, &b, ", ", 2);
        lyfc_sb_put(g, &b, c.s, strlen(c.s));
    }
    Val r = lyfc_mkval(cf->ret, lyfc_gfmt(g, "K%zu(%s)", k, b.p ? b.p : ""), 0);
    lyfc_sb_free(&b);
    return r;
}

/* ---- dispatch ------------------------------------------------------------------------------------------------ */

Val lyfc_gx(Gen *g, LyExpr e, int hint) {
    if (g->oom) return lyfc_mkval(cty(CT_NONE, 0), "nil", VF_SIMPLE);
    if (ly_is_small(e)) {
        if (hint == H_REAL) return lyfc_rlit(g, (double)ly_small(e));
        return lyfc_ilit(g, ly_small(e));
    }
    switch (ly_type(e)) {
    case LY_TBIG: case LY_TRAT: return lyfc_rlit(g, ly_num_to_double(e));
    case LY_TREAL: return lyfc_rlit(g, ly_realv(e));
    case LY_TPACKED: return lyfc_g_tensor_const(g, e);
    case LY_TNORMAL: break;
    default:
        if (ly_is_sym(e)) return gsym(g, e, hint);
        return lyfc_ext(g, e, hint);
    }
    LyExpr h = ly_nhead(e);
    if (lyf_cf_of(h)) return gcallcf(g, e, hint);
    if (ly_head_is(h, LY_SYM(Function))) return lyfc_gfunction(g, e, hint);
    int id = lyfc_head_id(h);
    for (const MathFn *m = math_fns; m->lua; m++) if (m->id == id) return gmath(g, e, m, hint);
    switch (id) {
    case F_Plus: return gplus(g, e, hint);
    case F_Times: return gtimes(g, e, hint);
    case F_Power: return gpower(g, e, hint);
    case F_Subtract: case F_Divide: case F_Minus: case F_Mod: case F_Quotient:
        return gbinary(g, e, id, hint);
    case F_Floor: case F_Ceiling: case F_Round: case F_IntegerPart: case F_FractionalPart:
    case F_Abs: case F_Sign: case F_N: case F_Boole: case F_EvenQ: case F_OddQ:
        if (id == F_N && ly_nlen(e) != 1) return lyfc_ext(g, e, hint);
        return gunary(g, e, id, hint);
    case F_Max: return gminmax(g, e, true, hint);
    case F_Min: return gminmax(g, e, false, hint);
    case F_Equal: case F_Unequal: case F_Less: case F_LessEqual: case F_Greater: case F_GreaterEqual:
    case F_Inequality:
        return gcompare(g, e, id, hint);
    case F_SameQ: return gsameq(g, e, true, hint);
    case F_UnsameQ: return gsameq(g, e, false, hint);
    case F_And: case F_Or: case F_Not: case F_Xor: case F_Nand: case F_Nor: case F_TrueQ:
        return glogic(g, e, id, hint);
    case F_If: return lyfc_gif(g, e, hint, false);
    case F_Which: return lyfc_gwhich(g, e, hint, false);
    case F_Switch: return lyfc_gswitch(g, e, hint, false);
    case F_CompoundExpression: return lyfc_gvalblock(g, e, hint);
    case F_Module: case F_Block: case F_With: return lyfc_gmodule(g, e, hint, false);
    case F_Set: return lyfc_gset(g, e, hint);
    case F_AddTo: case F_SubtractFrom: case F_TimesBy: case F_DivideBy: case F_Increment:
    case F_Decrement: case F_PreIncrement: case F_PreDecrement:
        return lyfc_gupdate(g, e, id, hint);
    case F_Do: case F_While: case F_For: case F_Return: case F_Break: case F_Continue:
        lyfc_gs(g, e);
        return lyfc_mkval(cty(CT_VOID, 0), "nil", VF_SIMPLE);
    case F_Table: return lyfc_g_table(g, e);
    case F_Sum: return lyfc_g_sum(g, e, false, hint);
    case F_Product: return lyfc_g_sum(g, e, true, hint);
    case F_Part: return lyfc_g_part(g, e);
    case F_Map: return lyfc_gmaplist(g, e, hint);
    case F_List: return lyfc_g_list(g, e);
    case F_Length: case F_Total: case F_Dot: case F_Range: case F_ConstantArray: case F_Mean: {
        bool handled = false;
        Val v = lyfc_g_tensor_fn(g, e, ly_sym(h)->name, hint, &handled);
        return handled ? v : lyfc_ext(g, e, hint);
    }
    default: return lyfc_ext(g, e, hint);
    }
}

void lyfc_gs(Gen *g, LyExpr e) {
    if (g->oom) return;
    if (e == LY_SYM(Null)) return;
    if (ly_is_normal(e)) {
        switch (lyfc_head_id(ly_nhead(e))) {
        case F_CompoundExpression: lyfc_gblock(g, e); return;
        case F_If: lyfc_gif(g, e, H_VOID, true); return;
        case F_Which: lyfc_gwhich(g, e, H_VOID, true); return;
        case F_Switch: lyfc_gswitch(g, e, H_VOID, true); return;
        case F_Module: case F_Block: case F_With: lyfc_gmodule(g, e, H_VOID, true); return;
        case F_Do: lyfc_gdo(g, e); return;
        case F_While: lyfc_gwhile(g, e); return;
        case F_For: lyfc_gfor(g, e); return;
        case F_Return: lyfc_greturn(g, e); return;
        case F_Break: lyfc_gbreak(g, e, false); return;
        case F_Continue: lyfc_gbreak(g, e, true); return;
        default: break;
        }
    }
    Val v = lyfc_gx(g, e, H_VOID);
    if (!(v.f & VF_SIMPLE)) lyfc_emit(g, "do local _ = %s end", v.s);
}

/* ---- the driver ---------------------------------------------------------------------------------------------- */

/* {x, _Real}, {n, _Integer, 1}, {b, True|False}, x */
static bool parse_spec(LyVM *vm, LyExpr spec, LyExpr *sym, LyfCty *t) {
    *t = cty(CT_REAL, 0);
    if (ly_is_sym(spec)) { *sym = spec; return true; }
    if (!ly_head_is(spec, LY_SYM(List)) || ly_nlen(spec) < 1 || ly_nlen(spec) > 3) {
        ly_message(vm, ly_symbol(vm, "Compile"), ly_is_number(spec) || ly_is_string(spec) ? "ctyp1" : "ctyp2", 1, spec);
        return false;
    }
    LyExpr s = ly_narg(spec, 1);
    if (!ly_is_sym(s)) { ly_message(vm, ly_symbol(vm, "Compile"), "ctyp1", 1, spec); return false; }
    *sym = s;
    if (ly_nlen(spec) == 1) return true;
    LyExpr ty = ly_narg(spec, 2);
    int b = CT_NONE;
    if (ly_head_is(ty, LY_SYM(Blank)) && ly_nlen(ty) == 1) {
        if (ly_narg(ty, 1) == LY_SYM(Integer)) b = CT_INT;
        else if (ly_narg(ty, 1) == LY_SYM(Real)) b = CT_REAL;
        else if (ly_narg(ty, 1) == LY_SYM(Complex)) b = CT_ERR;
    } else if (ly_head_is(ty, LY_SYM(Alternatives)) && ly_nlen(ty) == 2
               && ((ly_narg(ty, 1) == LY_SYM(True) && ly_narg(ty, 2) == LY_SYM(False))
                   || (ly_narg(ty, 1) == LY_SYM(False) && ly_narg(ty, 2) == LY_SYM(True)))) {
        b = CT_BOOL;
    }
    int rank = 0;
    if (ly_nlen(spec) == 3) {
        LyExpr r = ly_narg(spec, 3);
        if (!ly_is_small(r) || ly_small(r) < 0 || ly_small(r) > LYF_MAXRANK) b = CT_NONE;
        else rank = (int)ly_small(r);
    }
    if (b == CT_NONE) { ly_message(vm, ly_symbol(vm, "Compile"), "ctyp2", 1, spec); return false; }
    *t = cty(b, rank);
    return true;
}

typedef struct Prologue { const char *text; } Prologue;

/* The Lua chunk: a factory taking the runtime table R, the constants K and
 * the external-evaluation closure EV, returning the compiled function. */
static char *assemble(Gen *g, uint32_t nargs, SB *body, size_t *len) {
    SB out = {0};
    SB *save = g->cur;
    g->cur = &out;
    int ind = g->indent;
    g->indent = 0;
    lyfc_emit(g, "local R, K, EV = ...");
    lyfc_emit(g, "local E, CHK, MININT, HUGE, IMUL, IPOW, RPOW, AEQ, LT, LE, SAMER = R.E, R.CHK, R.MININT, R.HUGE, R.IMUL, R.IPOW, R.RPOW, R.AEQ, R.LT, R.LE, R.SAMER");
    lyfc_emit(g, "local sin, cos, tan, exp, log, sqrt, asin, acos, atan, abs, max, min = R.sin, R.cos, R.tan, R.exp, R.log, R.sqrt, R.asin, R.acos, R.atan, R.abs, R.max, R.min");
    lyfc_emit(g, "local SINH, COSH, TANH, ASINH, ACOSH, ATANH, LOG2, LOG10, LOGB, ATAN2, COT, SEC, CSC = R.SINH, R.COSH, R.TANH, R.ASINH, R.ACOSH, R.ATANH, R.LOG2, R.LOG10, R.LOGB, R.ATAN2, R.COT, R.SEC, R.CSC");
    lyfc_emit(g, "local FLOOR, CEIL, ROUND, IPART, FPART, SIGN, IMOD, RMOD, IQUO, RQUO, RCOUNT, IABS = R.FLOOR, R.CEIL, R.ROUND, R.IPART, R.FPART, R.SIGN, R.IMOD, R.RMOD, R.IQUO, R.RQUO, R.RCOUNT, R.IABS");
    lyfc_emit(g, "local COPY, TOREAL, P1, PIDX, SETROW, NEWT, TOTAL, DOT, RANGE, CARRAY, VMAX, VMIN, EW, MAP, MEAN = R.COPY, R.TOREAL, R.P1, R.PIDX, R.SETROW, R.NEWT, R.TOTAL, R.DOT, R.RANGE, R.CARRAY, R.VMAX, R.VMIN, R.EW, R.MAP, R.MEAN");
    for (size_t i = 0; i < g->nconsts; i++) {
        LyExpr c = g->consts[i];
        if (ly_narg(c, 1) == ly_mksmall(LYF_K_CF) || ly_narg(c, 1) == ly_mksmall(LYF_K_TENSOR))
            lyfc_emit(g, "local K%zu = K[%zu]", i + 1, i + 1);
    }
    SB params = {0};
    for (uint32_t i = 0; i < nargs; i++) {
        const char *nm = lyfc_vname(g, i);
        if (i) lyfc_sb_put(g, &params, ", ", 2);
        lyfc_sb_put(g, &params, nm, strlen(nm));
    }
    lyfc_emit(g, "return function(%s)", params.p ? params.p : "");
    lyfc_sb_free(&params);
    g->indent = 1;
    lyfc_emit(g, "local POLLC = 256");
    for (uint32_t i = 0; i < nargs; i++)
        if (g->vars[i].mutated && g->vars[i].t.rank) lyfc_emit(g, "%s = COPY(%s)", lyfc_vname(g, i), lyfc_vname(g, i));
    if (body->len) lyfc_sb_put(g, &out, body->p, body->len);
    g->indent = 0;
    lyfc_emit(g, "end");
    g->indent = ind;
    g->cur = save;
    if (g->oom) { lyfc_sb_free(&out); return NULL; }
    *len = out.len;
    return out.p;
}

static void gen_free(Gen *g) {
    consts_clear(g);
    notes_clear(g);
    free(g->consts);
    free(g->notes);
    free(g->vars);
    free(g->scope);
    arena_free(g);
    ly_unref(g->vm, g->fatal_expr);
}

static LyExpr failed_opt(LyVM *vm, LyExpr e) { (void)vm; (void)e; return NULL; }

LyExpr lyf_compile(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 2) return failed_opt(vm, e);
    LyExpr specs = ly_narg(e, 1), body = ly_narg(e, 2);
    LyExpr types = NULL;
    bool listable = false;
    for (size_t i = 3; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (ly_head_is(a, LY_SYM(Rule)) || ly_head_is(a, LY_SYM(RuleDelayed))) {
            /* options: RuntimeAttributes -> {Listable} is honoured, the others accepted */
            if (ly_is_symbol(ly_narg(a, 1), "RuntimeAttributes")) {
                LyExpr v = ly_narg(a, 2);
                if (ly_is_symbol(v, "Listable")) listable = true;
                if (ly_head_is(v, LY_SYM(List)))
                    for (size_t j = 1; j <= ly_nlen(v); j++) if (ly_is_symbol(ly_narg(v, j), "Listable")) listable = true;
            }
            continue;
        }
        if (i == 3 && ly_head_is(a, LY_SYM(List))) { types = a; continue; }
        ly_message(vm, ly_symbol(vm, "Compile"), "ctyps", 1, a);
        return NULL;
    }
    if (!ly_head_is(specs, LY_SYM(List))) {
        if (!ly_is_sym(specs)) { ly_message(vm, ly_symbol(vm, "Compile"), "ctyp1", 1, specs); return NULL; }
    }
    size_t nargs = ly_head_is(specs, LY_SYM(List)) ? ly_nlen(specs) : 1;
    if (nargs > 200) { ly_message(vm, ly_symbol(vm, "Compile"), "ctyp2", 1, specs); return NULL; }
    LyExpr syms[nargs ? nargs : 1];
    LyfCty argt[nargs ? nargs : 1];
    bool complex = false;
    for (size_t i = 0; i < nargs; i++) {
        LyExpr s = ly_head_is(specs, LY_SYM(List)) ? ly_narg(specs, i + 1) : specs;
        if (!parse_spec(vm, s, &syms[i], &argt[i])) return NULL;
        if (argt[i].b == CT_ERR) complex = true;
        for (size_t j = 0; j < i; j++)
            if (syms[j] == syms[i]) { ly_message(vm, ly_symbol(vm, "Compile"), "cdup", 1, syms[i]); return NULL; }
    }
    LyExpr fn = ly_mk(vm, LY_SYM(Function), 2, ly_list(vm, nargs, syms), (ly_ref(body), body));
    if (!fn) return NULL;
    LyfCf *cf = lyf_cf_alloc(vm, (uint32_t)nargs);
    if (!cf) { ly_unref(vm, fn); return ly_raise_nomem(vm); }
    cf->fn = fn;
    cf->listable = listable;
    for (size_t i = 0; i < nargs; i++) cf->argt[i] = argt[i];

    Gen g;
    memset(&g, 0, sizeof g);
    g.vm = vm;
    g.types = types;
    SB code = {0};
    bool done = false;
    if (complex) lyfc_fail(&g, NULL, "complex numbers are not supported");
    for (int pass = 0; pass < MAXPASS && !g.fatal && !g.oom; pass++) {
        g.ndecl = 0;
        g.nscope = 0;
        g.ntmp = 0;
        g.nlabel = 0;
        g.nsites = 0;
        g.nloops = 0;
        g.changed = false;
        g.none_read = NULL;
        g.indent = 1;
        consts_clear(&g);
        notes_clear(&g);
        arena_free(&g);
        lyfc_sb_free(&code);
        g.cur = &code;
        for (size_t i = 0; i < nargs; i++) lyfc_scope_push(&g, lyfc_decl(&g, syms[i], VK_ARG, argt[i]));
        g.ret = lyfc_decl(&g, NULL, VK_SLOT, cty(CT_NONE, 0));
        LyfCty rt = g.vars[g.ret].t;
        Val v = lyfc_gvalblock(&g, body, rt.b != CT_NONE ? lyfc_hint_of(rt) : H_ANY);
        if (v.t.b != CT_NONE || g.vars[g.ret].t.b == CT_NONE) lyfc_widen(&g, g.ret, v.t.b == CT_NONE ? cty(CT_VOID, 0) : v.t, body);
        rt = g.vars[g.ret].t;
        if (rt.b == CT_VOID) {
            if (!(v.f & VF_SIMPLE)) lyfc_emit(&g, "do local _ = %s end", v.s);
            lyfc_emit(&g, "do return nil end");
        } else {
            Val c = lyfc_conv(&g, v, rt);
            lyfc_emit(&g, "do return %s end", c.s);
        }
        if (!g.changed) { done = true; break; }
    }
    if (!done && !g.fatal && !g.oom) lyfc_fail(&g, NULL, "the types do not settle");
    if (done && g.none_read) lyfc_fail(&g, g.none_read, "a variable is used before any value is assigned to it");
    if (g.oom) {
        lyfc_sb_free(&code);
        gen_free(&g);
        lyf_cf_free(vm, cf);
        return ly_raise_nomem(vm);
    }
    if (!g.fatal) {
        for (size_t i = 0; i < g.nvars && !g.fatal; i++) {
            if (g.vars[i].t.b == CT_ERR) lyfc_fail(&g, NULL, "a variable without a type");
        }
    }
    LyExpr csym = ly_symbol(vm, "Compile");
    if (g.fatal) {
        LyExpr why = ly_cstring(vm, g.fatal_why);
        LyExpr what = g.fatal_expr ? g.fatal_expr : body;
        if (why) ly_message(vm, csym, "nocomp", 2, what, why);
        ly_unref(vm, why);
    } else {
        for (size_t i = 0; i < g.nnotes; i++) {
            LyExpr t = lyf_cty_expr(vm, g.notes[i].t);
            if (t) ly_message(vm, csym, g.notes[i].tag, 2, g.notes[i].arg, t);
            ly_unref(vm, t);
        }
        size_t len = 0;
        char *src = assemble(&g, (uint32_t)nargs, &code, &len);
        if (!src) {
            lyfc_sb_free(&code);
            gen_free(&g);
            lyf_cf_free(vm, cf);
            return ly_raise_nomem(vm);
        }
        cf->src = ly_alloc(vm, len + 1);
        if (cf->src) { memcpy(cf->src, src, len + 1); cf->srclen = len; }
        free(src);
        cf->ret = g.vars[g.ret].t;
        cf->nsites = g.nsites;
        for (size_t i = 0; i < nargs; i++) cf->argt[i] = g.vars[i].t;
        cf->consts = ly_list(vm, g.nconsts, g.consts);
        if (!cf->src || !cf->consts) {
            lyfc_sb_free(&code);
            gen_free(&g);
            lyf_cf_free(vm, cf);
            return ly_raise_nomem(vm);
        }
    }
    lyfc_sb_free(&code);
    gen_free(&g);
    return lyf_cf_new(vm, cf);
}
