/*
 * builtins.c — the language core that lives in the VM: sequencing,
 * assignment to symbols, holding, Out, and the constructors of atoms
 * written as expressions (Rational[1, 2], Complex[1, 2], Association[...]).
 * Everything else is in stdlib/ (written against the public API).
 */
#include "lyv.h"
#include "dispatch.h"


static LyExpr b_compound(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n == 0) return LY_SYM(Null);
    for (size_t i = 1; i < n; i++) {
        LyExpr r = lyv_eval(vm, ly_narg(e, i));
        if (!r) return NULL;
        ly_unref(vm, r);
    }
    return lyv_eval(vm, ly_narg(e, n));
}

static LyExpr b_out(LyVM *vm, LyExpr e) {
    int64_t k = -1;
    if (ly_nlen(e) == 1) {
        if (!ly_is_small(ly_narg(e, 1))) return NULL;
        k = ly_small(ly_narg(e, 1));
    } else if (ly_nlen(e) != 0) {
        return NULL;
    }
    LyExpr v = lyv_out(vm, k);
    if (v || k >= 0) return v;
    /* %% with no such output: Out[-k] stands for Out[$Line - k], which stays
     * unevaluated as Wolfram shows it (In[2]:= %% gives Out[0]) */
    return ly_mk(vm, LY_SYM(Out), 1, ly_mksmall(vm->line + k));
}

static LyExpr b_rational(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2 || !ly_is_integer(ly_narg(e, 1)) || !ly_is_integer(ly_narg(e, 2)) ||
        ly_num_is_zero(ly_narg(e, 2)))
        return NULL;
    ly_ref(ly_narg(e, 1)); ly_ref(ly_narg(e, 2));
    return ly_mkrational(vm, ly_narg(e, 1), ly_narg(e, 2));
}

static LyExpr b_complex(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2) return NULL;
    LyExpr a = ly_narg(e, 1), b = ly_narg(e, 2);
    if (!ly_is_number(a) || !ly_is_number(b) || ly_type(a) == LY_TCOMPLEX || ly_type(b) == LY_TCOMPLEX)
        return NULL;
    ly_ref(a); ly_ref(b);
    return ly_mkcomplex(vm, a, b);
}

static LyExpr b_association(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e), total = 0;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (lyv_is_rule(a)) total++;
        else if (ly_head_is(a, LY_SYM(List))) {
            for (size_t j = 1; j <= ly_nlen(a); j++) if (!lyv_is_rule(ly_narg(a, j))) return NULL;
            total += ly_nlen(a);
        } else if (ly_type(a) == LY_TASSOC) total += ly_assoc(a)->len;
        else return NULL;
    }
    LY_SCRATCH(LyExpr, rules, vm, total);
    if (!rules) return NULL;
    size_t k = 0;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (lyv_is_rule(a)) rules[k++] = a;
        else if (ly_head_is(a, LY_SYM(List))) for (size_t j = 1; j <= ly_nlen(a); j++) rules[k++] = ly_narg(a, j);
        else for (size_t j = 0; j < ly_assoc(a)->len; j++) rules[k++] = ly_assoc(a)->rules[j];
    }
    return ly_mkassoc(vm, k, rules);
}

/* Evaluate[x] outside a held position is just x. */
static LyExpr b_evaluate(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) == 1) { ly_ref(ly_narg(e, 1)); return ly_narg(e, 1); }
    return ly_apply(vm, LY_SYM(Sequence), ly_nlen(e), ly_nargs(e));
}

static bool is_hold(LyExpr e) {
    if (!ly_is_normal(e)) return false;
    LyExpr h = ly_nhead(e);
    return h == LY_SYM(Hold) || h == LY_SYM(HoldForm) || h == LY_SYM(HoldComplete) ||
           h == LY_SYM(HoldPattern);
}

/* Hold[a, b] -> Sequence[a, b] (a when single). */
static LyExpr unhold(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) == 1) { ly_ref(ly_narg(e, 1)); return ly_narg(e, 1); }
    return ly_apply(vm, LY_SYM(Sequence), ly_nlen(e), ly_nargs(e));
}

/* ReleaseHold removes Hold, HoldForm, HoldPattern and HoldComplete at the
 * top level of expr and in its immediate parts. */
static LyExpr b_releasehold(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 1) return lyv_argx(vm, e);
    LyExpr x = ly_narg(e, 1);
    if (is_hold(x)) return unhold(vm, x);
    if (!ly_is_normal(x)) { ly_ref(x); return x; }
    size_t n = ly_nlen(x);
    LyExpr r = ly_mknormal(vm, (ly_ref(ly_nhead(x)), ly_nhead(x)), n);
    if (!r) return NULL;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(x, i);
        LyExpr v = is_hold(a) ? unhold(vm, a) : (ly_ref(a), a);
        if (!v) { for (size_t j = i; j <= n; j++) ly_nset(r, j, LY_SYM(Null)); ly_unref(vm, r); return NULL; }
        ly_nset(r, i, v);
    }
    return r;
}

/* Glob match with * (any run without a context mark `) and @ (a run of
 * lowercase letters), as Names reads them. */
static bool glob(const char *p, const char *s) {
    if (!*p) return !*s;
    if (*p == '*') {
        for (const char *t = s;; t++) { if (glob(p + 1, t)) return true; if (!*t || *t == '`') return false; }
    }
    if (*p == '@') {
        for (const char *t = s;; t++) {
            if (glob(p + 1, t)) return true;
            if (!(*t >= 'a' && *t <= 'z')) return false;
        }
    }
    return *p == *s && glob(p + 1, s + 1);
}

static int name_cmp(const void *a, const void *b) {
    LyExpr x = *(const LyExpr *)a, y = *(const LyExpr *)b;
    return ly_order(x, y);
}

/* Names["pat"]: the names of known symbols matching pat, sorted.
 * "Global`*" selects user symbols, "System`*" the built-in ones. */
typedef struct NameList { LyVM *vm; LyExpr *v; size_t k, cap; int ctx; const char *pat; bool oom; } NameList;

static void names_add(NameList *nl, LySymbol *sym, bool system) {
    const char *name = sym->name;
    if (nl->ctx == 3) {
        /* a pattern with a context: full names match it, shown as written */
        if (nl->oom || !strchr(name, '`') || !glob(nl->pat, name)) return;
        name += lyv_ctx_shown(nl->vm, sym);
    } else if (strchr(name, '`')) {
        /* without one: the names of $Context and $ContextPath's contexts */
        size_t k = lyv_ctx_shown(nl->vm, sym);
        if (nl->oom || nl->ctx || !k || !glob(nl->pat, name + k)) return;
        name += k;
    } else if (nl->oom || (nl->ctx == 1 && !system) || (nl->ctx == 2 && system) || !glob(nl->pat, name)) {
        return;
    }
    if (nl->k == nl->cap) {
        size_t nc = nl->cap ? 2 * nl->cap : 64;
        LyExpr *nv = lyv_realloc(nl->vm, nl->v, nl->cap * sizeof *nv, nc * sizeof *nv);
        if (!nv) { nl->oom = true; return; }
        nl->v = nv;
        nl->cap = nc;
    }
    LyExpr s = ly_cstring(nl->vm, name);
    if (!s) { nl->oom = true; return; }
    nl->v[nl->k++] = s;
}

static void names_temp(void *ud, LySymbol *sym) { names_add(ud, sym, false); }

static LyExpr b_names(LyVM *vm, LyExpr e) {
    const char *pat = "*";
    if (ly_nlen(e) > 1) return NULL;
    if (ly_nlen(e) == 1) {
        if (!ly_is_string(ly_narg(e, 1))) return NULL;
        pat = ly_str(ly_narg(e, 1))->s;
    }
    NameList nl = { vm, NULL, 0, 0, 0, pat, false };   /* ctx: 0 any, 1 System, 2 Global, 3 another */
    if (!strncmp(pat, "System`", 7)) { nl.ctx = 1; nl.pat = pat + 7; }
    else if (!strncmp(pat, "Global`", 7)) { nl.ctx = 2; nl.pat = pat + 7; }
    else if (strchr(pat, '`')) nl.ctx = 3;
    size_t n = lyv_symbol_count();
    for (size_t i = 0; i < n && !nl.oom; i++) {
        LySymbol *sym = lyv_symbol_by_id((uint32_t)i);
        /* temporaries (another VM may be renaming a free one): this VM's below */
        if (!sym || (sym->flags & LY_SYMF_TEMP)) continue;
        LyDefs *d = lyv_defs_get(vm, sym);
        if (d && d->removed && !d->own && !d->down && !d->up && !d->sub && !d->attrs) continue;
        names_add(&nl, sym, (sym->flags & LY_SYMF_SYSTEM) || (d && (d->builtin || d->usage)));
    }
    lyv_temps_each(vm, names_temp, &nl);
    LyExpr r = NULL;
    if (nl.oom) ly_raise_nomem(vm);
    else {
        if (nl.k) qsort(nl.v, nl.k, sizeof *nl.v, name_cmp);
        r = ly_list(vm, nl.k, nl.v);
    }
    for (size_t i = 0; i < nl.k; i++) ly_unref(vm, nl.v[i]);
    if (nl.v) lyv_free(vm, nl.v, nl.cap * sizeof *nl.v);
    return r;
}

static const LyBuiltin core_builtins[] = {
    { "ReleaseHold", b_releasehold, "Protected",
      "ReleaseHold[expr] removes Hold, HoldForm, HoldPattern and HoldComplete in expr." },
    { "Names", b_names, "Protected", "Names[\"string\"] gives a list of the names of symbols which match the string." },
    { "CompoundExpression", b_compound, "HoldAll Protected",
      "expr1; expr2; ... evaluates the expri in turn, giving the last one as the result." },
    { "Hold", NULL, "HoldAll Protected", "Hold[expr] maintains expr in an unevaluated form." },
    { "HoldForm", NULL, "HoldAll Protected",
      "HoldForm[expr] prints as the expression expr, with expr maintained in an unevaluated form." },
    { "HoldComplete", NULL, "HoldAllComplete Protected",
      "HoldComplete[expr] shields expr completely from the standard evaluation process." },
    { "HoldPattern", NULL, "HoldAll Protected",
      "HoldPattern[expr] is equivalent to expr for pattern matching, but maintains expr unevaluated." },
    { "Unevaluated", NULL, "HoldAllComplete Protected",
      "Unevaluated[expr] represents the unevaluated form of expr when it appears as the argument to a function." },
    { "Evaluate", b_evaluate, "Protected",
      "Evaluate[expr] causes expr to be evaluated even if it appears as the argument of a function whose attributes specify that it should be held unevaluated." },
    { "Sequence", NULL, "Protected",
      "Sequence[expr1, expr2, ...] represents a sequence of arguments to be spliced automatically into any function." },
    { "List", NULL, "Locked Protected", "{e1, e2, ...} is a list of elements." },
    { "Out", b_out, "NHoldFirst Protected",
      "%n or Out[n] is a global object that is assigned to be the value produced on the nth output line." },
    { "Rational", b_rational, "Protected", "Rational is the head used for rational numbers." },
    { "Complex", b_complex, "Protected", "Complex is the head used for complex numbers." },
    { "Association", b_association, "Protected",
      "<|key1 -> val1, key2 -> val2, ...|> represents an association between keys and values." },
    { "FullForm", NULL, "Protected", "FullForm[expr] prints as the full form of expr, with no special syntax." },
    { "InputForm", NULL, "Protected", "InputForm[expr] prints as a version of expr suitable for input." },
    { "OutputForm", NULL, "Protected", "OutputForm[expr] prints as a two-dimensional representation of expr." },
    { "Short", NULL, "Protected",
      "Short[expr] prints as a short form of expr, less than about one line long.\n"
      "Short[expr, n] prints as a form of expr about n lines long." },
    { "Shallow", NULL, "Protected",
      "Shallow[expr] prints as a shallow form of expr.\n"
      "Shallow[expr, depth] prints with all parts of expr below the specified depth given in skeleton form.\n"
      "Shallow[expr, {depth, length}] also gives parts whose lengths are above the specified limit in skeleton form." },
    { "Skeleton", NULL, "Protected",
      "Skeleton[n] represents a sequence of n omitted elements in an expression printed with Short or Shallow." },
    { "Null", NULL, "Protected", "Null is a symbol used to indicate the absence of an expression or a result." },
    { "True", NULL, "Locked Protected", "True is the symbol for the Boolean value true." },
    { "False", NULL, "Locked Protected", "False is the symbol for the Boolean value false." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lyv_open_core(LyVM *vm) {
    LyStatus st = ly_register_table(vm, core_builtins);
    if (st == LY_OK) st = lyv_open_arith(vm);
    if (st == LY_OK) st = lyv_open_replace(vm);
    if (st == LY_OK) st = lyv_open_dispatch(vm);
    if (st == LY_OK) st = lyv_open_defs(vm);
    if (st == LY_OK) st = lyv_open_messages(vm);
    if (st == LY_OK) st = lyv_open_tempgc(vm);
    if (st == LY_OK) {
        /* the limits are variables a script may read and set */
        ly_set_own_value(vm, LY_SYM(DRecursionLimit), ly_mksmall(vm->recursion_limit));
        ly_set_own_value(vm, LY_SYM(DIterationLimit), ly_mksmall(vm->iteration_limit));
        ly_set_own_value(vm, LY_SYM(DVersion), ly_cstring(vm, "Lyra " LY_VERSION_STRING));
    }
    return st;
}
