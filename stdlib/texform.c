/*
 * texform.c — TeXForm: the TeX text of an expression, as Wolfram writes it
 * (TeXForm goes through TraditionalForm): x^2+2 x+1 with terms by falling
 * degree, \frac{a}{b}, \sqrt{x}, \sin (x), f(x), \{1,2,3\}, x\leq y,
 * \text{name} for longer names, \alpha for Greek names, matrices of
 * MatrixForm as \left( \begin{array}...\end{array} \right).
 *
 * lys_format_tex() writes the text (ToString[e, TeXForm] and the printer's
 * display-form hook use it).  Recursion follows the depth of the expression
 * and is cut at TEX_DEPTH (deeper parts are written \ldots), so it never
 * overflows the C stack.  Written against lyra.h + lyra_ext.h only.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lys_data.h"
#include "lys_io.h"

#define TEX_DEPTH 400

enum { TP_REL = 290, TP_PLUS = 310, TP_TIMES = 400, TP_POWER = 590, TP_ATOM = 1000 };

typedef struct Tex { LyBuf *b; LyVM *vm; int depth; } Tex;

static void tex(Tex *T, LyExpr e, int ctx);

static void put(Tex *T, const char *s) { ly_buf_puts(T->b, s); }

/* Frees a scratch buffer; out of memory there is out of memory in T's. */
static void sub_free(Tex *T, LyBuf *t) {
    if (t->oom) T->b->oom = true;
    ly_buf_free(t);
}

static bool sym_is(LyExpr e, const char *name) { return ly_is_sym(e) && !strcmp(ly_symbol_name(e), name); }
static bool head_is(LyExpr e, const char *name) { return ly_is_normal(e) && sym_is(ly_nhead(e), name); }

static const char *const greek[] = {
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi",
    "omega", NULL
};

/* Greek letters written as characters (\[Alpha] is the symbol α): the TeX
 * name, or NULL.  Wolfram's \[Phi] is ϕ (\phi), \[CurlyPhi] φ (\varphi). */
static const char *greek_char(const char *name) {
    const unsigned char *u = (const unsigned char *)name;
    if (strlen(name) != 2 || (u[0] & 0xE0) != 0xC0) return NULL;
    unsigned cp = ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
    static const char *const lower[] = {   /* U+03B1 .. U+03C9 */
        "alpha", "beta", "gamma", "delta", "varepsilon", "zeta", "eta", "theta", "iota", "kappa",
        "lambda", "mu", "nu", "xi", "o", "pi", "rho", "varsigma", "sigma", "tau", "upsilon",
        "varphi", "chi", "psi", "omega" };
    static const char *const upper[] = {   /* U+0391 .. U+03A9 */
        "A", "B", "Gamma", "Delta", "E", "Z", "H", "Theta", "I", "K", "Lambda", "M", "N", "Xi",
        "O", "Pi", "P", NULL, "Sigma", "T", "Upsilon", "Phi", "X", "Psi", "Omega" };
    if (cp >= 0x3B1 && cp <= 0x3C9) return lower[cp - 0x3B1];
    if (cp >= 0x391 && cp <= 0x3A9) return upper[cp - 0x391];
    switch (cp) {
    case 0x3D5: return "phi";
    case 0x3F5: return "epsilon";
    case 0x3D1: return "vartheta";
    case 0x3D6: return "varpi";
    case 0x3F1: return "varrho";
    default: return NULL;
    }
}

/* Text of a name: one letter as it is, Greek letters and names as macros,
 * others \text{}. */
static void put_name(Tex *T, const char *name) {
    const char *tick = strrchr(name, '`');
    if (tick) name = tick + 1;
    const char *g = greek_char(name);
    if (g) {
        if (g[1]) put(T, "\\");       /* \alpha; capitals like A, B are Latin */
        put(T, g);
        return;
    }
    if (strlen(name) == 1) { put(T, name); return; }
    for (size_t i = 0; greek[i]; i++)
        if (!strcmp(name, greek[i])) { put(T, "\\"); put(T, name); return; }
    put(T, "\\text{");
    put(T, name);
    put(T, "}");
}

static void put_text(Tex *T, const char *s, size_t n) {
    put(T, "\\text{");
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (strchr("#$%&_{}", c)) { char t[3] = { '\\', c, 0 }; put(T, t); }
        else if (c == '\\') put(T, "\\backslash ");
        else if (c == '~') put(T, "\\sim ");
        else if (c == '^') put(T, "\\hat{}");
        else ly_buf_put(T->b, &c, 1);
    }
    put(T, "}");
}

/* ---- numbers ------------------------------------------------------------------------- */

static int num_sign(LyExpr e) {
    if (ly_type(e) == LY_TCOMPLEX) return 0;
    return ly_num_sign(e);
}

static void put_real(Tex *T, double v) {
    LyExpr r = ly_mkreal(T->vm, v);
    LyBuf t;
    ly_buf_init(&t, T->vm);
    if (r) ly_buf_expr(&t, r, LY_FORM_OUTPUT);
    ly_unref(T->vm, r);
    const char *s = t.p ? t.p : "";
    const char *x = strstr(s, "*10^");
    if (x) {
        ly_buf_put(T->b, s, (size_t)(x - s));
        put(T, "\\times 10^{");
        put(T, x + 4);
        put(T, "}");
    } else {
        put(T, s);
    }
    sub_free(T, &t);
}

static void put_number(Tex *T, LyExpr e) {
    switch (ly_type(e)) {
    case LY_TRAT: {
        LyRational *r = (LyRational *)e;
        if (ly_num_sign(r->num) < 0) {
            LyExpr a = ly_num_neg(T->vm, r->num);
            put(T, "-\\frac{");
            if (a) put_number(T, a);
            ly_unref(T->vm, a);
        } else {
            put(T, "\\frac{");
            put_number(T, r->num);
        }
        put(T, "}{");
        put_number(T, r->den);
        put(T, "}");
        return;
    }
    case LY_TREAL:
        put_real(T, ly_realv(e));
        return;
    case LY_TCOMPLEX: {
        LyComplex *c = (LyComplex *)e;
        bool zero_re = ly_is_int(c->re) && ly_num_is_zero(c->re);
        if (!zero_re) tex(T, c->re, TP_PLUS + 1);
        bool neg = ly_num_sign(c->im) < 0;
        LyExpr a = neg ? ly_num_neg(T->vm, c->im) : (ly_ref(c->im), c->im);
        if (neg) put(T, "-");
        else if (!zero_re) put(T, "+");
        if (a && !(ly_is_int(a) && ly_num_is_one(a))) { tex(T, a, TP_TIMES + 1); put(T, " "); }
        put(T, "i");
        ly_unref(T->vm, a);
        return;
    }
    default: {
        LyBuf t;
        ly_buf_init(&t, T->vm);
        ly_buf_expr(&t, e, LY_FORM_INPUT);
        put(T, t.p ? t.p : "");
        sub_free(T, &t);
        return;
    }
    }
}

/* Precedence of e as written in TeX (for parentheses). */
static int tex_prec(LyExpr e) {
    if (ly_is_number(e)) {
        if (ly_type(e) == LY_TCOMPLEX) return TP_PLUS;
        if (ly_type(e) == LY_TRAT) return TP_TIMES;
        return num_sign(e) < 0 ? TP_PLUS : TP_ATOM;
    }
    if (!ly_is_normal(e)) return TP_ATOM;
    if (head_is(e, "Plus")) return TP_PLUS;
    if (head_is(e, "Times")) return TP_TIMES;
    if (head_is(e, "Power")) return TP_POWER;
    if (head_is(e, "Equal") || head_is(e, "Unequal") || head_is(e, "Less") || head_is(e, "LessEqual") ||
        head_is(e, "Greater") || head_is(e, "GreaterEqual") || head_is(e, "Rule") || head_is(e, "And") ||
        head_is(e, "Or") || head_is(e, "Not"))
        return TP_REL;
    return TP_ATOM;
}

/* ---- sums ---------------------------------------------------------------------------- */

/* Total degree of a term in its symbols (numbers count 0), for the
 * TraditionalForm order of sums: higher degree first. */
static double degree(LyExpr t, int depth) {
    if (ly_is_number(t)) return 0;
    if (depth > 32) return 1;
    if (head_is(t, "Times")) {
        double d = 0;
        for (size_t i = 1; i <= ly_nlen(t); i++) d += degree(ly_narg(t, i), depth + 1);
        return d;
    }
    if (head_is(t, "Power") && ly_nlen(t) == 2) {
        double x;
        if (ly_get_real(ly_narg(t, 2), &x)) return degree(ly_narg(t, 1), depth + 1) * x;
        return 1;
    }
    return 1;
}

/* A term that starts with a minus sign: negative number or coefficient. */
static bool negative_term(LyExpr t) {
    if (ly_is_number(t)) return ly_type(t) != LY_TCOMPLEX && num_sign(t) < 0;
    if (head_is(t, "Times") && ly_nlen(t) >= 1) {
        LyExpr c = ly_narg(t, 1);
        return ly_is_number(c) && ly_type(c) != LY_TCOMPLEX && num_sign(c) < 0;
    }
    return false;
}

static void tex_plus(Tex *T, LyExpr e) {
    size_t n = ly_nlen(e);
    size_t *ord = malloc(n * sizeof *ord);
    double *deg = malloc(n * sizeof *deg);
    if (!ord || !deg) { free(ord); free(deg); T->b->oom = true; return; }
    for (size_t i = 0; i < n; i++) { ord[i] = i + 1; deg[i] = degree(ly_narg(e, i + 1), 0); }
    for (size_t i = 1; i < n; i++)          /* stable: by falling degree */
        for (size_t j = i; j > 0 && deg[ord[j] - 1] > deg[ord[j - 1] - 1]; j--) {
            size_t t = ord[j]; ord[j] = ord[j - 1]; ord[j - 1] = t;
        }
    for (size_t k = 0; k < n; k++) {
        LyExpr t = ly_narg(e, ord[k]);
        if (k > 0 && !negative_term(t)) put(T, "+");
        tex(T, t, TP_PLUS);
    }
    free(ord);
    free(deg);
}

/* ---- products ------------------------------------------------------------------------ */

/* Is f a factor below the fraction line (x^-k, k > 0 a number)? */
static bool is_den(LyExpr f) {
    if (!head_is(f, "Power") || ly_nlen(f) != 2) return false;
    LyExpr k = ly_narg(f, 2);
    return ly_is_number(k) && ly_type(k) != LY_TCOMPLEX && num_sign(k) < 0;
}

/* Writes the factors of one side of a fraction; den: the inverted ones. */
static void put_factors(Tex *T, LyExpr e, size_t first, bool den, LyExpr coef) {
    bool any = false;
    size_t count = coef ? 1 : 0;
    for (size_t i = first; i <= ly_nlen(e); i++) count += is_den(ly_narg(e, i)) == den;
    int ctx = count > 1 ? TP_TIMES + 1 : 0;     /* \frac{x^2}{y+1}, \frac{a (b+c)}{d} */
    if (coef) { tex(T, coef, TP_TIMES); any = true; }
    for (size_t i = first; i <= ly_nlen(e); i++) {
        LyExpr f = ly_narg(e, i);
        if (is_den(f) != den) continue;
        if (any) put(T, " ");
        if (den) {
            LyExpr k = ly_num_neg(T->vm, ly_narg(f, 2));
            if (k && ly_is_int(k) && ly_num_is_one(k)) tex(T, ly_narg(f, 1), ctx);
            else if (k) {
                LyExpr p = ly_applyf(T->vm, "Power", 2, (LyExpr[]){ ly_narg(f, 1), k });
                if (p) tex(T, p, ctx);
                ly_unref(T->vm, p);
            }
            ly_unref(T->vm, k);
        } else {
            tex(T, f, ctx);
        }
        any = true;
    }
    if (!any) put(T, "1");
}

static void tex_times(Tex *T, LyExpr e) {
    size_t n = ly_nlen(e), first = 1;
    LyExpr c = ly_narg(e, 1);
    LyExpr num = NULL, den = NULL;      /* the coefficient's parts */
    bool neg = false;
    if (ly_is_number(c) && ly_type(c) != LY_TCOMPLEX) {
        first = 2;
        neg = num_sign(c) < 0;
        LyExpr a = neg ? ly_num_neg(T->vm, c) : (ly_ref(c), c);
        if (ly_type(a) == LY_TRAT) {
            LyRational *r = (LyRational *)a;
            num = r->num; ly_ref(num);
            den = r->den; ly_ref(den);
            ly_unref(T->vm, a);
        } else {
            num = a;
        }
        if (num && ly_is_int(num) && ly_num_is_one(num) && ly_is_exact(num)) { ly_unref(T->vm, num); num = NULL; }
    }
    size_t nden = den ? 1 : 0, nnum = num ? 1 : 0;
    for (size_t i = first; i <= n; i++) { if (is_den(ly_narg(e, i))) nden++; else nnum++; }
    if (neg) put(T, "-");
    if (nden == 0) {
        put_factors(T, e, first, false, num);
    } else {
        put(T, "\\frac{");
        put_factors(T, e, first, false, num);
        put(T, "}{");
        put_factors(T, e, first, true, den);
        put(T, "}");
    }
    ly_unref(T->vm, num);
    ly_unref(T->vm, den);
    (void)nnum;
}

/* ---- functions ----------------------------------------------------------------------- */

static const struct { const char *name, *tex; } fnames[] = {
    { "Sin", "\\sin" }, { "Cos", "\\cos" }, { "Tan", "\\tan" }, { "Cot", "\\cot" },
    { "Sec", "\\sec" }, { "Csc", "\\csc" }, { "Sinh", "\\sinh" }, { "Cosh", "\\cosh" },
    { "Tanh", "\\tanh" }, { "Coth", "\\coth" }, { "Sech", "\\text{sech}" }, { "Csch", "\\text{csch}" },
    { "ArcSin", "\\sin ^{-1}" }, { "ArcCos", "\\cos ^{-1}" }, { "ArcTan", "\\tan ^{-1}" },
    { "ArcCot", "\\cot ^{-1}" }, { "ArcSinh", "\\sinh ^{-1}" }, { "ArcCosh", "\\cosh ^{-1}" },
    { "ArcTanh", "\\tanh ^{-1}" }, { "Log", "\\log" }, { "Max", "\\max" }, { "Min", "\\min" },
    { "Det", "\\det" }, { "Gamma", "\\Gamma" }, { "Zeta", "\\zeta" }, { "Erf", "\\text{erf}" },
    { "Gcd", "\\gcd" }, { "GCD", "\\gcd" }, { NULL, NULL }
};

static const char *fname_tex(LyExpr h) {
    if (!ly_is_sym(h)) return NULL;
    for (size_t i = 0; fnames[i].name; i++)
        if (sym_is(h, fnames[i].name)) return fnames[i].tex;
    return NULL;
}

static void put_args(Tex *T, LyExpr e, size_t from, const char *sep) {
    for (size_t i = from; i <= ly_nlen(e); i++) {
        if (i > from) put(T, sep);
        tex(T, ly_narg(e, i), 0);
    }
}

/* f(x, y): the head as a name or TeX function, arguments in parentheses. */
static void tex_call(Tex *T, LyExpr e, const char *power) {
    LyExpr h = ly_nhead(e);
    const char *fn = fname_tex(h);
    if (fn) {
        put(T, fn);
        put(T, power ? power : " ");        /* \sin (x), \sin ^2(x) */
        put(T, "(");
    } else {
        if (ly_is_sym(h)) put_name(T, ly_symbol_name(h));
        else tex(T, h, TP_ATOM);
        if (power) put(T, power);
        put(T, "(");
    }
    put_args(T, e, 1, ",");
    put(T, ")");
}

/* Derivative[k][f][args] and Derivative[k][f]: f', f'', f^{(3)}. */
static bool tex_derivative(Tex *T, LyExpr e) {
    LyExpr d = ly_is_normal(e) ? ly_nhead(e) : NULL;
    LyExpr call = NULL;
    if (d && ly_is_normal(d) && head_is(ly_nhead(d), "Derivative")) { call = e; e = d; }
    if (!ly_is_normal(e) || !head_is(ly_nhead(e), "Derivative") || ly_nlen(e) != 1) return false;
    LyExpr kd = ly_nhead(e);
    int64_t k;
    if (ly_nlen(kd) != 1 || !ly_get_int64(ly_narg(kd, 1), &k) || k < 1) return false;
    tex(T, ly_narg(e, 1), TP_ATOM);
    if (k <= 3) { for (int64_t i = 0; i < k; i++) put(T, "'"); }
    else ly_buf_printf(T->b, "^{(%lld)}", (long long)k);
    if (call) { put(T, "("); put_args(T, call, 1, ","); put(T, ")"); }
    return true;
}

static bool is_matrix(LyExpr m) {
    LyExpr u = m;
    if (!head_is(u, "List") && !ly_is_packed(u)) return false;
    size_t n = ly_length(u);
    if (n == 0) return false;
    return true;
}

/* MatrixForm / TableForm: \left( \begin{array}{cc} ... \end{array} \right) */
static void tex_matrix(Tex *T, LyExpr m) {
    LyVM *vm = T->vm;
    size_t nr = ly_length(m), nc = 1;
    for (size_t i = 1; i <= nr; i++) {
        LyExpr r = ly_part(vm, m, i);
        if (r && (head_is(r, "List") || ly_is_packed(r)) && ly_length(r) > nc) nc = ly_length(r);
        ly_unref(vm, r);
    }
    put(T, "\\left(\n\\begin{array}{");
    for (size_t j = 0; j < nc; j++) put(T, "c");
    put(T, "}\n");
    for (size_t i = 1; i <= nr; i++) {
        LyExpr r = ly_part(vm, m, i);
        put(T, " ");
        if (r && (head_is(r, "List") || ly_is_packed(r))) {
            for (size_t j = 1; j <= ly_length(r); j++) {
                if (j > 1) put(T, " & ");
                LyExpr x = ly_part(vm, r, j);
                if (x) tex(T, x, 0);
                ly_unref(vm, x);
            }
        } else if (r) {
            tex(T, r, 0);
        }
        put(T, " \\\\\n");
        ly_unref(vm, r);
    }
    put(T, "\\end{array}\n\\right)");
}

static const char *rel_text(LyExpr h) {
    static const struct { const char *name, *tex; } rels[] = {
        { "Equal", "=" }, { "Unequal", "\\neq " }, { "Less", "<" }, { "LessEqual", "\\leq " },
        { "Greater", ">" }, { "GreaterEqual", "\\geq " }, { "Rule", "\\to " }, { "RuleDelayed", ":>" },
        { "And", "\\land " }, { "Or", "\\lor " }, { "SameQ", "\\equiv " }, { "Element", "\\in " },
        { NULL, NULL }
    };
    for (size_t i = 0; rels[i].name; i++) if (sym_is(h, rels[i].name)) return rels[i].tex;
    return NULL;
}

/* Integrate, Sum, Product with their iterator: \int_a^b f \, dx, \sum _{i=1}^n f. */
static bool tex_bigop(Tex *T, LyExpr e) {
    bool integ = head_is(e, "Integrate"), sum = head_is(e, "Sum"), prod = head_is(e, "Product");
    if (!(integ || sum || prod) || ly_nlen(e) != 2) return false;
    LyExpr it = ly_narg(e, 2);
    if (integ) {
        LyExpr var = it;
        put(T, "\\int");
        if (head_is(it, "List") && ly_nlen(it) == 3) {
            var = ly_narg(it, 1);
            put(T, "_");
            tex(T, ly_narg(it, 2), TP_ATOM);
            put(T, "^");
            tex(T, ly_narg(it, 3), TP_ATOM);
        }
        put(T, " ");
        tex(T, ly_narg(e, 1), TP_PLUS);
        put(T, " \\, d");
        tex(T, var, TP_ATOM);
        return true;
    }
    put(T, sum ? "\\sum " : "\\prod ");
    if (head_is(it, "List") && ly_nlen(it) == 3) {
        put(T, "_{");
        tex(T, ly_narg(it, 1), 0);
        put(T, "=");
        tex(T, ly_narg(it, 2), 0);
        put(T, "}^");
        LyExpr hi = ly_narg(it, 3);
        bool brace = !(ly_is_sym(hi) || (ly_is_int(hi) && ly_num_sign(hi) >= 0));
        if (brace) put(T, "{");
        tex(T, hi, 0);
        if (brace) put(T, "}");
    } else if (head_is(it, "List") && ly_nlen(it) == 2) {
        put(T, "_{");
        tex(T, ly_narg(it, 1), 0);
        put(T, "=1}^");
        tex(T, ly_narg(it, 2), TP_ATOM);
    }
    put(T, " ");
    tex(T, ly_narg(e, 1), TP_TIMES);
    return true;
}

/* x^y: braces around an exponent longer than one character. */
static void tex_power(Tex *T, LyExpr e) {
    LyExpr b = ly_narg(e, 1), k = ly_narg(e, 2);
    LyVM *vm = T->vm;
    if (ly_type(k) == LY_TRAT) {
        LyBuf t;
        ly_buf_init(&t, vm);
        ly_buf_expr(&t, k, LY_FORM_INPUT);
        const char *s = t.p ? t.p : "";
        if (!strcmp(s, "1/2")) { put(T, "\\sqrt{"); tex(T, b, 0); put(T, "}"); sub_free(T, &t); return; }
        if (!strncmp(s, "1/", 2)) {
            put(T, "\\sqrt["); put(T, s + 2); put(T, "]{"); tex(T, b, 0); put(T, "}");
            sub_free(T, &t);
            return;
        }
        sub_free(T, &t);
    }
    if (is_den(e)) {
        LyExpr one = ly_int(vm, 1);
        LyExpr t = one ? ly_applyf(vm, "Times", 2, (LyExpr[]){ one, e }) : NULL;
        if (t) tex_times(T, t); else T->b->oom = true;
        ly_unref(vm, t); ly_unref(vm, one);
        return;
    }
    /* Sin[x]^2 as \sin ^2(x) */
    if (ly_is_normal(b) && fname_tex(ly_nhead(b)) && ly_is_int(k) && ly_num_sign(k) > 0) {
        LyBuf t;
        ly_buf_init(&t, vm);
        ly_buf_puts(&t, "^");
        ly_buf_expr(&t, k, LY_FORM_INPUT);
        bool long_k = t.len > 2;
        sub_free(T, &t);
        char pw[48];
        int64_t kv = 0;
        ly_get_int64(k, &kv);
        snprintf(pw, sizeof pw, long_k ? " ^{%lld}" : " ^%lld", (long long)kv);
        tex_call(T, b, pw);
        return;
    }
    if (sym_is(b, "E")) put(T, "e");
    else tex(T, b, TP_POWER + 1);
    put(T, "^");
    LyBuf t;
    ly_buf_init(&t, vm);
    Tex U = { &t, vm, T->depth };
    tex(&U, k, 0);
    if (t.len == 1) ly_buf_put(T->b, t.p, 1);
    else { put(T, "{"); ly_buf_put(T->b, t.p ? t.p : "", t.len); put(T, "}"); }
    sub_free(T, &t);
}

static void tex_node(Tex *T, LyExpr e) {
    if (ly_is_number(e)) { put_number(T, e); return; }
    if (ly_is_string(e)) { size_t n; const char *s = ly_get_string(e, &n); put_text(T, s, n); return; }
    if (ly_is_sym(e)) {
        const char *name = ly_symbol_name(e);
        static const struct { const char *name, *tex; } consts[] = {
            { "Pi", "\\pi" }, { "E", "e" }, { "I", "i" }, { "Infinity", "\\infty" },
            { "ComplexInfinity", "\\tilde{\\infty}" }, { "EulerGamma", "\\gamma" },
            { "GoldenRatio", "\\phi" }, { "Degree", "{}^{\\circ}" }, { NULL, NULL }
        };
        for (size_t i = 0; consts[i].name; i++)
            if (!strcmp(name, consts[i].name)) { put(T, consts[i].tex); return; }
        put_name(T, name);
        return;
    }
    if (ly_is_packed(e)) {
        LyExpr u = lys_unpacked(T->vm, e);
        if (u) tex_node(T, u);
        ly_unref(T->vm, u);
        return;
    }
    if (ly_type(e) == LY_TASSOC) {
        put(T, "\\left\\langle \\left|");
        for (size_t i = 1; i <= ly_length(e); i++) {
            LyExpr k = NULL, v = NULL;
            if (i > 1) put(T, ",");
            if (ly_assoc_entry(T->vm, e, i, &k, &v)) { tex(T, k, TP_REL + 1); put(T, "\\to "); tex(T, v, TP_REL); }
            ly_unref(T->vm, k); ly_unref(T->vm, v);
        }
        put(T, "\\right| \\right\\rangle");
        return;
    }
    if (!ly_is_normal(e)) {
        LyBuf t;
        ly_buf_init(&t, T->vm);
        ly_buf_expr(&t, e, LY_FORM_OUTPUT);
        put_text(T, t.p ? t.p : "", t.len);
        sub_free(T, &t);
        return;
    }
    LyExpr h = ly_nhead(e);
    size_t n = ly_nlen(e);
    if (head_is(e, "List")) { put(T, "\\{"); put_args(T, e, 1, ","); put(T, "\\}"); return; }
    if (head_is(e, "DirectedInfinity")) {
        if (n == 0) { put(T, "\\tilde{\\infty}"); return; }
        if (n == 1 && ly_is_int(ly_narg(e, 1)) && ly_num_sign(ly_narg(e, 1)) != 0) {
            put(T, ly_num_sign(ly_narg(e, 1)) < 0 ? "-\\infty" : "\\infty");
            return;
        }
    }
    if (head_is(e, "Plus") && n >= 2) { tex_plus(T, e); return; }
    if (head_is(e, "Times") && n >= 2) { tex_times(T, e); return; }
    if (head_is(e, "Power") && n == 2) { tex_power(T, e); return; }
    if ((head_is(e, "MatrixForm") || head_is(e, "TableForm")) && n >= 1 && is_matrix(ly_narg(e, 1))) {
        tex_matrix(T, ly_narg(e, 1));
        return;
    }
    if ((head_is(e, "HoldForm") || head_is(e, "TraditionalForm") || head_is(e, "StandardForm") ||
         head_is(e, "TeXForm") || head_is(e, "MatrixForm") || head_is(e, "TableForm")) && n >= 1) {
        tex(T, ly_narg(e, 1), 0);
        return;
    }
    if (tex_derivative(T, e) || tex_bigop(T, e)) return;
    const char *rel = rel_text(h);
    if (rel && n >= 2) {
        for (size_t i = 1; i <= n; i++) {
            if (i > 1) put(T, rel);
            tex(T, ly_narg(e, i), TP_REL + 1);
        }
        return;
    }
    if (head_is(e, "Not") && n == 1) { put(T, "\\neg "); tex(T, ly_narg(e, 1), TP_REL + 1); return; }
    if (head_is(e, "Abs") && n == 1) { put(T, "\\left| "); tex(T, ly_narg(e, 1), 0); put(T, "\\right|"); return; }
    if (head_is(e, "Floor") && n == 1) { put(T, "\\lfloor "); tex(T, ly_narg(e, 1), 0); put(T, "\\rfloor"); return; }
    if (head_is(e, "Ceiling") && n == 1) { put(T, "\\lceil "); tex(T, ly_narg(e, 1), 0); put(T, "\\rceil"); return; }
    if (head_is(e, "Sqrt") && n == 1) { put(T, "\\sqrt{"); tex(T, ly_narg(e, 1), 0); put(T, "}"); return; }
    if (head_is(e, "Exp") && n == 1) {
        LyBuf t;
        ly_buf_init(&t, T->vm);
        Tex U = { &t, T->vm, T->depth };
        tex(&U, ly_narg(e, 1), 0);
        put(T, "e^");
        if (t.len == 1) ly_buf_put(T->b, t.p, 1);
        else { put(T, "{"); ly_buf_put(T->b, t.p ? t.p : "", t.len); put(T, "}"); }
        sub_free(T, &t);
        return;
    }
    if (head_is(e, "Factorial") && n == 1) { tex(T, ly_narg(e, 1), TP_POWER + 1); put(T, "!"); return; }
    if (head_is(e, "Binomial") && n == 2) {
        put(T, "\\binom{"); tex(T, ly_narg(e, 1), 0); put(T, "}{"); tex(T, ly_narg(e, 2), 0); put(T, "}");
        return;
    }
    if (head_is(e, "Log") && n == 2) {
        put(T, "\\log _");
        tex(T, ly_narg(e, 1), TP_ATOM);
        put(T, "(");
        tex(T, ly_narg(e, 2), 0);
        put(T, ")");
        return;
    }
    if (head_is(e, "Subscript") && n >= 2) {
        tex(T, ly_narg(e, 1), TP_POWER + 1);
        put(T, "_{");
        put_args(T, e, 2, ",");
        put(T, "}");
        return;
    }
    tex_call(T, e, NULL);
}

static void tex(Tex *T, LyExpr e, int ctx) {
    if (T->b->oom) return;
    if (T->depth >= TEX_DEPTH) { put(T, "\\ldots "); return; }
    T->depth++;
    bool paren = tex_prec(e) < ctx;
    if (paren) put(T, "(");
    tex_node(T, e);
    if (paren) put(T, ")");
    T->depth--;
}

bool lys_format_tex(LyBuf *b, LyExpr e) {
    Tex T = { b, b->vm, 0 };
    tex(&T, e, 0);
    return !b->oom;
}

static const LyBuiltin tex_builtins[] = {
    { "TeXForm", NULL, "Formatted Protected", "TeXForm[expr] prints as a TeX version of expr." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lys_open_texform(LyVM *vm);
LyStatus lys_open_texform(LyVM *vm) { return ly_register_table(vm, tex_builtins); }
