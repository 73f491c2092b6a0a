/*
 * lex.c — tokenizer for the Wolfram-style grammar.  See lex.h.
 *
 * Design notes
 *  - One pass, no backtracking beyond a few bytes of lookahead, so the lexer
 *    is linear in the input whatever it contains (100 MB single lines).
 *  - Every byte is checked: invalid UTF-8 and stray control characters become
 *    LT_ERROR tokens, never undefined behaviour.  NUL bytes are ordinary
 *    bytes here (the source has a length), allowed only inside strings.
 *  - Named characters (\[Alpha]) and the \:XXXX, \|XXXXXX, \.XX escapes may
 *    appear anywhere; outside strings they decode to a code point that is then
 *    classified exactly like the same raw UTF-8 character: a letter (part of
 *    an identifier), an operator (\[Rule] is '->'), or whitespace.
 */
#include "lex.h"

#include <stdlib.h>
#include <math.h>
#include <errno.h>

/* ---- scratch buffer ----------------------------------------------------------- */

static void *lx_realloc(LyLexer *lx, void *p, size_t osize, size_t nsize) {
    if (nsize == 0 && !p) return NULL;
    if (lx->vm) return lyv_realloc(lx->vm, p, osize, nsize);
    if (nsize == 0) { free(p); return NULL; }
    return realloc(p, nsize);
}

static bool sc_reserve(LyLexer *lx, size_t extra) {
    if (lx->slen + extra <= lx->scap) return true;
    size_t ncap = lx->scap ? lx->scap : 64;
    while (ncap < lx->slen + extra) {
        if (ncap > SIZE_MAX / 2) return false;
        ncap *= 2;
    }
    char *p = lx_realloc(lx, lx->scratch, lx->scap, ncap);
    if (!p) return false;
    lx->scratch = p;
    lx->scap = ncap;
    return true;
}

static bool sc_put(LyLexer *lx, const char *s, size_t n) {
    if (n == 0) return true;
    if (!sc_reserve(lx, n)) return false;
    memcpy(lx->scratch + lx->slen, s, n);
    lx->slen += n;
    return true;
}

static size_t u8enc(uint32_t cp, char *out) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F)); return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12)); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F)); return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18)); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static bool sc_putcp(LyLexer *lx, uint32_t cp) {
    char b[4];
    return sc_put(lx, b, u8enc(cp, b));
}

/* ---- line continuations ----------------------------------------------------------- */

/* The length of a line continuation at s[i] ('\\' then LF, CR LF or CR), else 0. */
static size_t continuation_at(const char *s, size_t n, size_t i) {
    if (s[i] != '\\' || i + 1 >= n) return 0;
    if (s[i + 1] == '\n') return 2;
    if (s[i + 1] == '\r') return i + 2 < n && s[i + 2] == '\n' ? 3 : 2;
    return 0;
}

/* May there be a line continuation at or after from?  (memchr: a source
 * without backslashes costs one scan; "\\\\" before a line end is a false
 * alarm, which only costs the copy.) */
static bool may_continue(const char *s, size_t n, size_t from) {
    for (size_t i = from; i < n; i++) {
        const char *b = memchr(s + i, '\\', n - i);
        if (!b) return false;
        i = (size_t)(b - s);
        if (continuation_at(s, n, i)) return true;
    }
    return false;
}

/* Walks s[from..n) as the Wolfram reader takes line continuations out: in
 * code the '\\', the line end and the blanks that begin the next line go
 * (a number, a name or an operator goes on across the line); in strings
 * they are left for lex_string, which takes out the '\\' and the line end
 * only; comments stay as they are.  The bytes kept go to d (when not NULL)
 * from d[from] on.  Stops before the byte that would be kept as d[upto]
 * and returns its position in s (n at the end); *kept gets the number of
 * bytes kept, from included. */
static size_t join_walk(const char *s, size_t n, size_t from, char *d, size_t upto, size_t *kept) {
    enum { CODE, STRING, COMMENT } state = CODE;
    size_t depth = 0, k = from, i = from;
    bool verbatim = false;      /* the byte after a '\\', or the second of "(*" "*)" */
    while (i < n) {
        char c = s[i];
        if (!verbatim && state == CODE) {
            size_t cl = continuation_at(s, n, i);
            if (cl) {
                i += cl;
                while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
                continue;
            }
        }
        if (k == upto) break;
        bool pair = i + 1 < n;
        if (verbatim) verbatim = false;
        else if (state == CODE) {
            if (c == '"') state = STRING;
            else if (c == '(' && pair && s[i + 1] == '*') { state = COMMENT; depth = 1; verbatim = true; }
            else if (c == '\\') verbatim = true;
        } else if (state == STRING) {
            if (c == '"') state = CODE;
            else if (c == '\\') verbatim = true;
        } else if (c == '(' && pair && s[i + 1] == '*') {
            depth++;
            verbatim = true;
        } else if (c == '*' && pair && s[i + 1] == ')') {
            verbatim = true;
            if (--depth == 0) state = CODE;
        }
        if (d) d[k] = c;
        k++;
        i++;
    }
    *kept = k;
    return i;
}

/* lx->src becomes a copy of the source without its line continuations. */
static bool join_lines(LyLexer *lx, size_t from) {
    size_t n = lx->olen;
    char *d = lx_realloc(lx, NULL, 0, n ? n : 1);
    if (!d) return false;
    memcpy(d, lx->orig, from);
    join_walk(lx->orig, n, from, d, SIZE_MAX, &lx->len);
    lx->joined = d;
    lx->jfrom = from;
    lx->src = d;
    return true;
}

/* (Walks the source again: only syntax errors ask, so no table is kept.) */
size_t lyv_lex_origpos(const LyLexer *lx, size_t pos) {
    if (!lx->joined || pos <= lx->jfrom) return pos;
    size_t kept;
    return join_walk(lx->orig, lx->olen, lx->jfrom, NULL, pos, &kept);
}

bool lyv_lex_ends_continued(const char *src, size_t n) {
    size_t k = 0;
    while (k < n && src[n - 1 - k] == '\\') k++;
    return k % 2 == 1;
}

void lyv_lex_init(LyLexer *lx, LyVM *vm, const char *src, size_t len) {
    memset(lx, 0, sizeof *lx);
    lx->src = lx->orig = src;
    lx->len = lx->olen = len;
    lx->vm = vm;
    /* a UTF-8 byte order mark and a "#!" first line are skipped */
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) lx->pos = 3;
    if (len - lx->pos >= 2 && src[lx->pos] == '#' && src[lx->pos + 1] == '!') {
        const char *nl = memchr(src + lx->pos, '\n', len - lx->pos);
        lx->pos = nl ? (size_t)(nl - src) : len;
    }
    if (may_continue(src, len, lx->pos) && !join_lines(lx, lx->pos)) {
        lx->oom = true;
        lx->src = src;
        lx->len = len;
    }
}

void lyv_lex_free(LyLexer *lx) {
    if (lx->scratch) lx_realloc(lx, lx->scratch, lx->scap, 0);
    lx->scratch = NULL;
    lx->scap = lx->slen = 0;
    if (lx->joined) lx_realloc(lx, lx->joined, lx->olen ? lx->olen : 1, 0);
    lx->joined = NULL;
}

/* ---- UTF-8 -------------------------------------------------------------------- */

/* Decodes one UTF-8 sequence at s (n bytes available).  Returns the code point
 * and its length in *adv, or -1 for an invalid sequence (*adv = 1). */
static int32_t u8dec(const unsigned char *s, size_t n, size_t *adv) {
    unsigned c = s[0];
    *adv = 1;
    if (c < 0x80) return (int32_t)c;
    int k; uint32_t cp, min;
    if ((c & 0xE0) == 0xC0) { k = 1; cp = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { k = 2; cp = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { k = 3; cp = c & 0x07; min = 0x10000; }
    else return -1;
    if ((size_t)k >= n) return -1;
    for (int i = 1; i <= k; i++) {
        if ((s[i] & 0xC0) != 0x80) return -1;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
    *adv = (size_t)k + 1;
    return (int32_t)cp;
}

/* ---- named characters ---------------------------------------------------------- */

typedef struct NamedChar { const char *name; uint32_t cp; } NamedChar;

/* Sorted by name (binary search).  Operators and spaces are classified by
 * code point in cp_token / cp_space, so the table only maps names. */
static const NamedChar named_chars[] = {
    {"ADoubleDot", 0xE4}, {"AE", 0xC6}, {"AGrave", 0xE0}, {"AAcute", 0xE1},
    {"Aleph", 0x2135}, {"Alpha", 0x3B1}, {"And", 0x2227}, {"Angstrom", 0x212B},
    {"Beta", 0x3B2}, {"Bullet", 0x2022},
    {"CapitalAlpha", 0x391}, {"CapitalBeta", 0x392}, {"CapitalChi", 0x3A7},
    {"CapitalDelta", 0x394}, {"CapitalEpsilon", 0x395}, {"CapitalEta", 0x397},
    {"CapitalGamma", 0x393}, {"CapitalIota", 0x399}, {"CapitalKappa", 0x39A},
    {"CapitalLambda", 0x39B}, {"CapitalMu", 0x39C}, {"CapitalNu", 0x39D},
    {"CapitalOmega", 0x3A9}, {"CapitalOmicron", 0x39F}, {"CapitalPhi", 0x3A6},
    {"CapitalPi", 0x3A0}, {"CapitalPsi", 0x3A8}, {"CapitalRho", 0x3A1},
    {"CapitalSigma", 0x3A3}, {"CapitalTau", 0x3A4}, {"CapitalTheta", 0x398},
    {"CapitalUpsilon", 0x3A5}, {"CapitalXi", 0x39E}, {"CapitalZeta", 0x396},
    {"CenterDot", 0xB7}, {"Cent", 0xA2}, {"Chi", 0x3C7}, {"CircleTimes", 0x2297},
    {"Copyright", 0xA9}, {"Cross", 0xF4A0}, {"CurlyEpsilon", 0x3B5},
    {"CurlyKappa", 0x3F0}, {"CurlyPhi", 0x3C6}, {"CurlyPi", 0x3D6}, {"CurlyRho", 0x3F1},
    {"CurlyTheta", 0x3D1},
    {"Dagger", 0x2020}, {"Dash", 0x2013}, {"Degree", 0xB0}, {"Delta", 0x3B4},
    {"DifferentialD", 0xF74C}, {"Digamma", 0x3DD}, {"DirectedEdge", 0xF3D5},
    {"Distributed", 0xF3D2},
    {"Divide", 0xF7}, {"DoubleDagger", 0x2021},
    {"EAcute", 0xE9}, {"EGrave", 0xE8}, {"Element", 0x2208}, {"Ellipsis", 0x2026},
    {"EmptySet", 0x2205}, {"Epsilon", 0x3F5}, {"Equal", 0xF431}, {"Equivalent", 0x29E6},
    {"Eta", 0x3B7}, {"Euro", 0x20AC}, {"ExponentialE", 0xF74D},
    {"FinalSigma", 0x3C2}, {"Function", 0xF4A1},
    {"Gamma", 0x3B3}, {"GreaterEqual", 0x2265},
    {"HBar", 0x210F},
    {"ImaginaryI", 0xF74E}, {"ImaginaryJ", 0xF74F}, {"Implies", 0xF523},
    {"Infinity", 0x221E}, {"InvisibleSpace", 0x200B}, {"InvisibleTimes", 0x2062},
    {"Iota", 0x3B9},
    {"Kappa", 0x3BA}, {"Koppa", 0x3DF},
    {"Lambda", 0x3BB}, {"LeftAssociation", 0xF113}, {"LeftDoubleBracket", 0x301A},
    {"LessEqual", 0x2264}, {"LongDash", 0x2014}, {"LongEqual", 0xF7D9},
    {"MediumSpace", 0x205F}, {"Micro", 0xB5}, {"Minus", 0x2212}, {"Mu", 0x3BC},
    {"Nand", 0x22BC}, {"NonBreakingSpace", 0xA0}, {"Nor", 0x22BD}, {"Not", 0xAC},
    {"NotElement", 0x2209}, {"NotEqual", 0x2260}, {"Nu", 0x3BD},
    {"ODoubleDot", 0xF6}, {"Omega", 0x3C9}, {"Omicron", 0x3BF}, {"Or", 0x2228},
    {"Paragraph", 0xB6}, {"Phi", 0x3D5}, {"Pi", 0x3C0}, {"PlusMinus", 0xB1},
    {"Pound", 0xA3}, {"Psi", 0x3C8},
    {"RegisteredTrademark", 0xAE}, {"Rho", 0x3C1}, {"RightAssociation", 0xF114},
    {"RightDoubleBracket", 0x301B}, {"Rule", 0xF522}, {"RuleDelayed", 0xF51F},
    {"SZ", 0xDF}, {"Sampi", 0x3E1}, {"ScriptL", 0x2113}, {"Section", 0xA7},
    {"Sigma", 0x3C3}, {"SpaceIndicator", 0x2423}, {"Sqrt", 0x221A}, {"Sterling", 0xA3},
    {"Stigma", 0x3DB},
    {"Tau", 0x3C4}, {"Theta", 0x3B8}, {"ThickSpace", 0x2005}, {"ThinSpace", 0x2009},
    {"Times", 0xD7}, {"Trademark", 0x2122}, {"TwoWayRule", 0xF120},
    {"UDoubleDot", 0xFC}, {"UndirectedEdge", 0xF3D4}, {"Upsilon", 0x3C5},
    {"VeryThinSpace", 0x200A},
    {"Xi", 0x3BE}, {"Xor", 0x22BB},
    {"Yen", 0xA5},
    {"Zeta", 0x3B6},
};

static int32_t named_lookup(const char *s, size_t n) {
    /* a linear scan: escapes are rare and the table is small */
    for (size_t i = 0; i < sizeof named_chars / sizeof named_chars[0]; i++) {
        const char *nm = named_chars[i].name;
        if (strlen(nm) == n && memcmp(nm, s, n) == 0) return (int32_t)named_chars[i].cp;
    }
    return -1;
}

/* Operator code points (raw or from a named character). */
static int cp_token(uint32_t cp) {
    switch (cp) {
    case 0xF522: return LT_RULE;
    case 0xF51F: return LT_RULEDELAYED;
    case 0xF431: case 0xF7D9: return LT_EQUAL;
    case 0x2260: return LT_UNEQUAL;
    case 0x2264: return LT_LESSEQ;
    case 0x2265: return LT_GREATEREQ;
    case 0xD7: case 0x2062: return LT_STAR;
    case 0xF7: return LT_SLASH;
    case 0x2212: return LT_MINUS;
    case 0xB1: return LT_PLUSMINUS;
    case 0x2227: return LT_AMPAMP;
    case 0x2228: return LT_BARBAR;
    case 0xAC: return LT_NOT;
    case 0x22BC: return LT_NAND;
    case 0x22BD: return LT_NOR;
    case 0x22BB: return LT_XOR;
    case 0xF523: return LT_IMPLIES;
    case 0x29E6: return LT_EQUIVALENT;
    case 0x2208: return LT_ELEMENT;
    case 0x2209: return LT_NOTELEMENT;
    case 0xF3D2: return LT_DISTRIBUTED;
    case 0xF4A1: return LT_FUNCARROW;
    case 0xF120: return LT_TWOWAY;
    case 0xF3D5: return LT_DIRECTEDEDGE;
    case 0xF3D4: return LT_UNDIRECTEDEDGE;
    case 0x301A: return LT_LPART;
    case 0x301B: return LT_RPART;
    case 0xF113: return LT_LASSOC;
    case 0xF114: return LT_RASSOC;
    case 0xF4A0: return LT_CROSS;
    case 0xB7: return LT_CENTERDOT;
    case 0x2297: return LT_CIRCLETIMES;
    case 0x221A: return LT_SQRT;
    default: return -1;
    }
}

static bool cp_space(uint32_t cp) {
    return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x205F || cp == 0x3000 ||
           cp == 0xFEFF || cp == 0x2423;
}

/* Code points >= 0x80 that may appear in identifiers. */
static bool cp_letter(uint32_t cp) {
    if (cp < 0x80) return false;
    if (cp_token((uint32_t)cp) >= 0 || cp_space(cp)) return false;
    if (cp == 0x221E || cp == 0x2205) return true;          /* Infinity, EmptySet */
    if (cp >= 0x2190 && cp <= 0x22FF) return false;          /* arrows, math operators */
    if (cp >= 0x2300 && cp <= 0x23FF) return false;          /* technical */
    if (cp >= 0x3000 && cp <= 0x303F) return false;          /* CJK punctuation */
    if (cp >= 0xF3D0 && cp <= 0xF3FF) return false;          /* WL private operators */
    if (cp >= 0xF400 && cp <= 0xF5FF) return false;
    return true;
}

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* A character escape at src[pos] == '\\' that denotes a character anywhere
 * (\[Name], \:XXXX, \|XXXXXX, \.XX).  Returns the code point and its source
 * length in *adv; -1 when pos does not start such an escape; -2 for an
 * unknown \[Name] (*adv covers it). */
static int32_t char_escape(const LyLexer *lx, size_t pos, size_t *adv) {
    const char *s = lx->src + pos;
    size_t n = lx->len - pos;
    if (n < 2 || s[0] != '\\') return -1;
    int nd = 0;
    switch (s[1]) {
    case '[': {
        size_t i = 2;
        while (i < n && i < 64 && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
                                   (s[i] >= '0' && s[i] <= '9')))
            i++;
        if (i >= n || s[i] != ']' || i == 2) return -1;
        *adv = i + 1;
        int32_t cp = named_lookup(s + 2, i - 2);
        return cp < 0 ? -2 : cp;
    }
    case ':': nd = 4; break;
    case '|': nd = 6; break;
    case '.': nd = 2; break;
    default: return -1;
    }
    if (n < (size_t)nd + 2) return -1;
    uint32_t cp = 0;
    for (int i = 0; i < nd; i++) {
        int h = hexval((unsigned char)s[2 + i]);
        if (h < 0) return -1;
        cp = cp * 16 + (uint32_t)h;
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
    *adv = (size_t)nd + 2;
    return (int32_t)cp;
}

/* The character at pos: its code point and length, whether it came from an
 * escape.  Returns -1 for invalid UTF-8, -2 for an unknown named character. */
static int32_t peekcp(const LyLexer *lx, size_t pos, size_t *adv, bool *esc) {
    *esc = false;
    unsigned char c = (unsigned char)lx->src[pos];
    if (c == '\\') {
        int32_t cp = char_escape(lx, pos, adv);
        if (cp != -1) { *esc = true; return cp; }
        *adv = 1;
        return '\\';
    }
    if (c < 0x80) { *adv = 1; return c; }
    return u8dec((const unsigned char *)lx->src + pos, lx->len - pos, adv);
}

static bool ascii_letter(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$';
}
static bool ascii_digit(int c) { return c >= '0' && c <= '9'; }

/* Is there an identifier letter at pos (ASCII, UTF-8 or escaped)? */
static bool letter_at(const LyLexer *lx, size_t pos) {
    if (pos >= lx->len) return false;
    unsigned char c = (unsigned char)lx->src[pos];
    if (c < 0x80 && c != '\\') return ascii_letter(c);
    size_t adv; bool esc;
    int32_t cp = peekcp(lx, pos, &adv, &esc);
    return cp >= 0x80 && cp_letter((uint32_t)cp);
}

/* ---- identifiers --------------------------------------------------------------------- */

/* Lexes an identifier (with contexts a`b`c) starting at lx->pos, which must
 * be a letter or '`'.  The decoded name goes to id: a pointer into the
 * source when it had no escapes, else into scratch (at offset *soff; the
 * pointer is fixed up by the caller after further scratch writes). */
typedef struct Ident { size_t off, n; bool scratch; } Ident;

static int lex_ident(LyLexer *lx, Ident *id) {
    size_t start = lx->pos, pos = lx->pos;
    bool scr = false;
    while (pos < lx->len) {
        unsigned char c = (unsigned char)lx->src[pos];
        if (c < 0x80 && c != '\\') {
            if (ascii_letter(c) || ascii_digit(c)) { pos++; continue; }
            if (c == '`' && letter_at(lx, pos + 1)) { pos++; continue; }
            break;
        }
        size_t adv; bool esc;
        int32_t cp = peekcp(lx, pos, &adv, &esc);
        if (cp == -1 && c >= 0x80) { lx->pos = pos; return LE_UTF8; }
        if (cp < 0x80 || !cp_letter((uint32_t)cp)) break;
        if (esc) scr = true;
        pos += adv;
    }
    if (scr) {
        /* decode the escapes into scratch */
        size_t soff = lx->slen;
        for (size_t p2 = start; p2 < pos;) {
            size_t adv; bool esc;
            int32_t cp = peekcp(lx, p2, &adv, &esc);
            if (esc) { if (!sc_putcp(lx, (uint32_t)cp)) return LE_NOMEM; }
            else if (!sc_put(lx, lx->src + p2, adv)) return LE_NOMEM;
            p2 += adv;
        }
        id->off = soff;
        id->n = lx->slen - soff;
        id->scratch = true;
    } else {
        id->off = start;
        id->n = pos - start;
        id->scratch = false;
    }
    lx->pos = pos;
    return LE_NONE;
}

static const char *ident_ptr(const LyLexer *lx, const Ident *id) {
    return id->scratch ? lx->scratch + id->off : lx->src + id->off;
}

/* ---- strings ---------------------------------------------------------------------- */

static void set_err(LyToken *t, int err, size_t pos) {
    t->kind = LT_ERROR;
    t->err = err;
    t->pos = pos;
    t->end = pos + 1;
}

/* lx->pos is just after the opening quote. */
static void lex_string(LyLexer *lx, LyToken *t) {
    const char *s = lx->src;
    size_t pos = lx->pos, start = pos;
    bool scr = false;
    size_t soff = lx->slen;
    for (;;) {
        /* fast scan of plain bytes */
        size_t run = pos;
        while (run < lx->len) {
            unsigned char c = (unsigned char)s[run];
            if (c == '"' || c == '\\' || c >= 0x80) break;
            run++;
        }
        if (scr && run > pos && !sc_put(lx, s + pos, run - pos)) { set_err(t, LE_NOMEM, pos); return; }
        pos = run;
        if (pos >= lx->len) { set_err(t, LE_STRING, t->pos); t->end = lx->len; lx->pos = lx->len; return; }
        unsigned char c = (unsigned char)s[pos];
        if (c == '"') break;
        if (c >= 0x80) {
            size_t adv;
            if (u8dec((const unsigned char *)s + pos, lx->len - pos, &adv) < 0) {
                set_err(t, LE_UTF8, pos); lx->pos = pos + 1; return;
            }
            if (scr && !sc_put(lx, s + pos, adv)) { set_err(t, LE_NOMEM, pos); return; }
            pos += adv;
            continue;
        }
        /* backslash */
        if (!scr) {
            scr = true;
            if (!sc_put(lx, s + start, pos - start)) { set_err(t, LE_NOMEM, pos); return; }
        }
        if (pos + 1 >= lx->len) { set_err(t, LE_STRING, t->pos); t->end = lx->len; lx->pos = lx->len; return; }
        char e = s[pos + 1];
        char out = 0;
        switch (e) {
        case '"': out = '"'; break;
        case '\\': out = '\\'; break;
        case 'n': out = '\n'; break;
        case 't': out = '\t'; break;
        case 'r': out = '\r'; break;
        case 'b': out = '\b'; break;
        case 'f': out = '\f'; break;
        case '\n': pos += 2; continue;               /* line continuation */
        case '\r':
            pos += 2;
            if (pos < lx->len && s[pos] == '\n') pos++;
            continue;
        default: break;
        }
        if (out) {
            if (!sc_put(lx, &out, 1)) { set_err(t, LE_NOMEM, pos); return; }
            pos += 2;
            continue;
        }
        if (e >= '0' && e <= '7') {
            if (pos + 3 < lx->len && s[pos + 2] >= '0' && s[pos + 2] <= '7' &&
                s[pos + 3] >= '0' && s[pos + 3] <= '7') {
                uint32_t cp = (uint32_t)((e - '0') * 64 + (s[pos + 2] - '0') * 8 + (s[pos + 3] - '0'));
                if (!sc_putcp(lx, cp)) { set_err(t, LE_NOMEM, pos); return; }
                pos += 4;
                continue;
            }
            set_err(t, LE_ESCAPE, pos); lx->pos = pos + 1; return;
        }
        size_t adv;
        int32_t cp = char_escape(lx, pos, &adv);
        if (cp == -2) { set_err(t, LE_NAMEDCHAR, pos); t->end = pos + adv; lx->pos = pos + adv; return; }
        if (cp >= 0) {
            if (!sc_putcp(lx, (uint32_t)cp)) { set_err(t, LE_NOMEM, pos); return; }
            pos += adv;
            continue;
        }
        if (e == ':' || e == '|' || e == '.' || e == '[') {
            set_err(t, LE_ESCAPE, pos); lx->pos = pos + 1; return;
        }
        /* anything else (\< \> \! linear syntax, unknown escapes): kept as is */
        if (!sc_put(lx, s + pos, 1)) { set_err(t, LE_NOMEM, pos); return; }
        pos += 1;
    }
    t->kind = LT_STRING;
    if (scr) { t->s = lx->scratch + soff; t->n = lx->slen - soff; }
    else { t->s = s + start; t->n = pos - start; }
    lx->pos = pos + 1;
    t->end = lx->pos;
}

/* ---- numbers ------------------------------------------------------------------------ */

static bool alnum(int c) { return ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static void lex_number(LyLexer *lx, LyToken *t) {
    const char *s = lx->src;
    size_t pos = lx->pos, n = lx->len;
    t->kind = LT_NUMBER;
    t->base = 10;
    t->real = false;
    t->epos = t->eend = 0;
    size_t d0 = pos;
    while (pos < n && ascii_digit(s[pos])) pos++;
    if (pos + 1 < n && s[pos] == '^' && s[pos + 1] == '^' && pos > d0) {
        /* base^^digits */
        int base = 0;
        for (size_t i = d0; i < pos; i++) {
            base = base * 10 + (s[i] - '0');
            if (base > 100) break;
        }
        t->base = base;
        pos += 2;
        t->mpos = pos;
        while (pos < n && alnum(s[pos])) pos++;
        if (pos < n && s[pos] == '.' && !(pos + 1 < n && s[pos + 1] == '.')) {
            t->real = true;
            pos++;
            while (pos < n && alnum(s[pos])) pos++;
        }
        t->mend = pos;
    } else {
        t->mpos = d0;
        if (pos < n && s[pos] == '.' && !(pos + 1 < n && s[pos + 1] == '.')) {
            t->real = true;
            pos++;
            while (pos < n && ascii_digit(s[pos])) pos++;
        }
        t->mend = pos;
    }
    /* precision / accuracy marks: 1.5`  1.5`20  1.5``20 */
    t->ppos = t->pend = 0;
    t->acc = false;
    if (pos < n && s[pos] == '`') {
        t->real = true;
        pos++;
        if (pos < n && s[pos] == '`') { pos++; t->acc = true; }
        t->ppos = pos;
        if (pos < n && (s[pos] == '+' || s[pos] == '-') && pos + 1 < n &&
            (ascii_digit(s[pos + 1]) || s[pos + 1] == '.'))
            pos++;
        size_t pd = pos;
        while (pos < n && ascii_digit(s[pos])) pos++;
        /* 20.5, .5, and 20. as InputForm prints it (1.5`20.*x); not the
         * '.' of 1.5`20.. (Repeated) */
        if (pos < n && s[pos] == '.' && ((pos + 1 < n && ascii_digit(s[pos + 1])) ||
                                         (pos > pd && !(pos + 1 < n && s[pos + 1] == '.')))) {
            pos++;
            while (pos < n && ascii_digit(s[pos])) pos++;
        }
        t->pend = pos;
    }
    /* exponent *^ */
    if (pos + 2 < n && s[pos] == '*' && s[pos + 1] == '^') {
        size_t e = pos + 2;
        if (s[e] == '+' || s[e] == '-') e++;
        if (e < n && ascii_digit(s[e])) {
            t->epos = pos + 2;
            while (e < n && ascii_digit(s[e])) e++;
            t->eend = e;
            pos = e;
        }
    }
    lx->pos = pos;
    t->end = pos;
}

static int digitval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* NUL-terminated copy of digits (lower case, without '.') into scratch,
 * followed by zeros zeros; returns the scratch offset or SIZE_MAX. */
static size_t digits_copy(LyLexer *lx, size_t from, size_t to, size_t zeros) {
    size_t off = lx->slen;
    if (!sc_reserve(lx, to - from + zeros + 1)) return SIZE_MAX;
    for (size_t i = from; i < to; i++) {
        char c = lx->src[i];
        if (c == '.') continue;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        lx->scratch[lx->slen++] = c;
    }
    memset(lx->scratch + lx->slen, '0', zeros);
    lx->slen += zeros;
    lx->scratch[lx->slen++] = 0;
    return off;
}

static LyExpr mk_int_digits(LyVM *vm, LyLexer *lx, size_t off, int base) {
    const char *d = lx->scratch + off;
    while (d[0] == '0' && d[1]) d++;
    size_t nd = strlen(d);
    if (base == 10 && nd <= 18) {
        int64_t v = 0;
        for (size_t i = 0; i < nd; i++) v = v * 10 + (d[i] - '0');
        return ly_mksmall(v);
    }
    return ly_int_parse(vm, d, base);
}

#define LY_MAX_EXP10 1000000

#define MACH_PREC 15.954589770191003    /* 53 log10 2 */

/* The decimal number digits 10^ex (digits with an optional '.') known to
 * prec digits, as an arbitrary-precision real Lyra`BigReal[m, e, prec]
 * (lyra_ext.h) with a mantissa of ceil(prec log2 10) + 24 bits (53 bits at
 * machine precision); accuracy: prec is an accuracy (digits after the
 * point).  0 when the digits are all zero. */
static LyExpr decimal_bigreal(LyVM *vm, const char *digits, size_t nd, int64_t ex, double prec, bool accuracy) {
    mpz_t num, den, t;
    mpz_init(num); mpz_init(den); mpz_init(t);
    int64_t frac = 0;
    bool point = false;
    for (size_t i = 0; i < nd; i++) {
        if (digits[i] == '.') { point = true; continue; }
        mpz_mul_ui(num, num, 10);
        mpz_add_ui(num, num, (unsigned long)(digits[i] - '0'));
        if (point) frac++;
    }
    LyExpr r = NULL;
    if (!mpz_sgn(num)) { r = ly_mkreal(vm, 0.0); goto done; }
    int64_t k = frac - ex;                  /* value = num 10^-k */
    mpz_set_ui(den, 1);
    if (k > 0) mpz_ui_pow_ui(den, 10, (unsigned long)k);
    else if (k < 0) { mpz_ui_pow_ui(t, 10, (unsigned long)-k); mpz_mul(num, num, t); }
    if (accuracy) {
        /* precision = accuracy + log10 |x| */
        long e2;
        double mant = mpz_get_d_2exp(&e2, num);
        double l10 = log10(mant) + (double)e2 * 0.30102999566398120 - (double)k;
        prec = prec + l10;
        if (prec < 1) prec = 1;
    }
    long bits = prec == MACH_PREC ? 53 : (long)ceil(prec * 3.321928094887362) + 24;
    long shift = bits - ((long)mpz_sizeinbase(num, 2) - (long)mpz_sizeinbase(den, 2)) + 1;
    /* m = round(num 2^shift / den) */
    if (shift >= 0) mpz_mul_2exp(num, num, (mp_bitcnt_t)shift);
    else mpz_mul_2exp(den, den, (mp_bitcnt_t)-shift);
    mpz_mul_2exp(num, num, 1);
    mpz_add(num, num, den);
    mpz_mul_2exp(den, den, 1);
    mpz_fdiv_q(t, num, den);
    /* exactly bits bits (the quotient may carry one more) */
    long extra = (long)mpz_sizeinbase(t, 2) - bits;
    if (extra > 0) {
        mpz_add_ui(t, t, 1);
        mpz_fdiv_q_2exp(t, t, (mp_bitcnt_t)extra);
        shift -= extra;
    }
    LyExpr m = lyv_int_from_mpz(vm, t);
    r = m ? ly_mk(vm, LY_SYM(LyraBigReal), 3, m, ly_mksmall(-shift), ly_mkreal(vm, prec)) : NULL;
done:
    mpz_clear(num); mpz_clear(den); mpz_clear(t);
    return r;
}

LyStatus lyv_lex_number(LyVM *vm, LyLexer *lx, const LyToken *t, LyExpr *out, const char **msg) {
    const char *s = lx->src;
    int base = t->base;
    *out = NULL;
    if (base < 2 || base > 36) { *msg = "base must be between 2 and 36"; return LY_ERRSYNTAX; }
    size_t ndig = 0;
    for (size_t i = t->mpos; i < t->mend; i++) {
        if (s[i] == '.') continue;
        if (digitval((unsigned char)s[i]) >= base) {
            *msg = "invalid digit for the base of the number";
            return LY_ERRSYNTAX;
        }
        ndig++;
    }
    if (ndig == 0) { *msg = "number has no digits"; return LY_ERRSYNTAX; }
    /* exponent */
    bool eneg = false;
    int64_t ex = 0;
    if (t->eend > t->epos) {
        size_t i = t->epos;
        if (s[i] == '+' || s[i] == '-') { eneg = s[i] == '-'; i++; }
        for (; i < t->eend; i++) {
            ex = ex * 10 + (s[i] - '0');
            if (ex > LY_MAX_EXP10) { *msg = "number out of machine range"; return LY_ERRSYNTAX; }
        }
    }
    size_t mark = lx->slen;
    LyStatus st = LY_OK;
    if (!t->real) {
        if (!vm) { *out = ly_mksmall(0); return LY_OK; }
        size_t off = digits_copy(lx, t->mpos, t->mend, eneg ? 0 : (size_t)ex);
        if (off == SIZE_MAX) return LY_ERRMEM;
        LyExpr num = mk_int_digits(vm, lx, off, base);
        if (!num) { lx->slen = mark; return LY_ERRMEM; }
        if (eneg && ex > 0) {
            lx->slen = mark;
            off = lx->slen;
            if (!sc_reserve(lx, (size_t)ex + 2)) { ly_unref(vm, num); return LY_ERRMEM; }
            lx->scratch[lx->slen++] = '1';
            memset(lx->scratch + lx->slen, '0', (size_t)ex);
            lx->slen += (size_t)ex;
            lx->scratch[lx->slen++] = 0;
            LyExpr den = mk_int_digits(vm, lx, off, base);
            if (!den) { ly_unref(vm, num); lx->slen = mark; return LY_ERRMEM; }
            num = ly_mkrational(vm, num, den);
            if (!num) st = LY_ERRMEM;
        }
        *out = num;
        lx->slen = mark;
        return st;
    }
    double v;
    double prec = 0;        /* a precision mark with digits: an arbitrary-precision real */
    if (t->pend > t->ppos) {
        char pb[64];
        size_t pn = t->pend - t->ppos < sizeof pb - 1 ? t->pend - t->ppos : sizeof pb - 1;
        memcpy(pb, s + t->ppos, pn);
        pb[pn] = 0;
        prec = strtod(pb, NULL);
        if (!(prec > 0) && !t->acc) prec = 0;
        if (prec > 1e6) { *msg = "precision too large"; return LY_ERRSYNTAX; }
    }
    if (base == 10 && (prec > 0 || t->acc)) {
        if (!vm) { *out = ly_mksmall(0); return LY_OK; }
        *out = decimal_bigreal(vm, s + t->mpos, t->mend - t->mpos, eneg ? -ex : ex, prec, t->acc);
        return *out ? LY_OK : LY_ERRMEM;
    }
    if (base == 10) {
        /* mantissa digits + "e" + exponent through strtod (correctly rounded) */
        size_t need = (t->mend - t->mpos) + 24;
        if (!sc_reserve(lx, need)) return LY_ERRMEM;
        char *b = lx->scratch + lx->slen;
        size_t k = 0;
        if (s[t->mpos] == '.') b[k++] = '0';
        memcpy(b + k, s + t->mpos, t->mend - t->mpos);
        k += t->mend - t->mpos;
        if (ex) {
            char e[24];
            size_t ne = 0;
            for (int64_t x = ex; x; x /= 10) e[ne++] = (char)('0' + x % 10);
            b[k++] = 'e';
            if (eneg) b[k++] = '-';
            while (ne) b[k++] = e[--ne];
        }
        b[k] = 0;
        errno = 0;
        v = strtod(b, NULL);
    } else {
        double m = 0, scale = 1;
        bool frac = false;
        for (size_t i = t->mpos; i < t->mend; i++) {
            if (s[i] == '.') { frac = true; continue; }
            m = m * base + digitval((unsigned char)s[i]);
            if (frac) scale *= base;
        }
        v = m / scale * pow((double)base, eneg ? -(double)ex : (double)ex);
    }
    bool nonzero = false;
    for (size_t i = t->mpos; i < t->mend; i++) nonzero |= s[i] >= '1' && s[i] <= '9';
    if (base == 10 && (isinf(v) || (v == 0 && nonzero))) {
        /* past the machine range: a number of machine precision (1.*^400) */
        if (!vm) { *out = ly_mksmall(0); return LY_OK; }
        *out = decimal_bigreal(vm, s + t->mpos, t->mend - t->mpos, eneg ? -ex : ex, MACH_PREC, false);
        return *out ? LY_OK : LY_ERRMEM;
    }
    if (isinf(v) || isnan(v)) { *msg = "number out of machine range"; return LY_ERRSYNTAX; }
    if (!vm) { *out = ly_mksmall(0); return LY_OK; }
    *out = ly_mkreal(vm, v);
    return *out ? LY_OK : LY_ERRMEM;
}

/* ---- the main lexer --------------------------------------------------------------------- */

/* Skips blanks and comments.  Returns false with an error
 * token set when a comment is unterminated or a byte is invalid. */
static bool skip_space(LyLexer *lx, LyToken *t, bool *saw) {
    const char *s = lx->src;
    size_t n = lx->len;
    for (;;) {
        size_t pos = lx->pos;
        if (pos >= n) return true;
        unsigned char c = (unsigned char)s[pos];
        if (c == ' ' || c == '\t' || c == '\f' || c == '\v') { lx->pos++; *saw = true; continue; }
        if (c == '\r') {
            if (pos + 1 < n && s[pos + 1] == '\n') { lx->pos++; *saw = true; continue; }
            return true;                                  /* lone CR: a newline */
        }
        if (c == '(' && pos + 1 < n && s[pos + 1] == '*') {
            size_t depth = 1, i = pos + 2;
            while (i + 1 < n && depth) {
                if (s[i] == '(' && s[i + 1] == '*') { depth++; i += 2; }
                else if (s[i] == '*' && s[i + 1] == ')') { depth--; i += 2; }
                else i++;
            }
            if (depth) {
                set_err(t, LE_COMMENT, pos);
                t->end = n;
                lx->pos = n;
                return false;
            }
            lx->pos = i;
            *saw = true;
            continue;
        }
        if (c == '\\') {            /* (line continuations were taken out by join_lines) */
            size_t adv;
            int32_t cp = char_escape(lx, pos, &adv);
            if (cp >= 0 && cp_space((uint32_t)cp)) { lx->pos += adv; *saw = true; continue; }
            return true;
        }
        if (c >= 0x80) {
            size_t adv;
            int32_t cp = u8dec((const unsigned char *)s + pos, n - pos, &adv);
            if (cp >= 0 && cp_space((uint32_t)cp)) { lx->pos += adv; *saw = true; continue; }
        }
        return true;
    }
}

#define OP1(k) do { t->kind = (k); lx->pos = pos + 1; goto done; } while (0)
#define OP2(k) do { t->kind = (k); lx->pos = pos + 2; goto done; } while (0)
#define OP3(k) do { t->kind = (k); lx->pos = pos + 3; goto done; } while (0)
#define OP4(k) do { t->kind = (k); lx->pos = pos + 4; goto done; } while (0)

void lyv_lex_next(LyLexer *lx, LyToken *t) {
    t->s = NULL; t->n = 0; t->h = NULL; t->hn = 0; t->nblank = 0; t->opt = false;
    t->ival = 0; t->err = 0; t->errcp = 0;
    lx->slen = 0;
    bool saw = false;
    if (lx->oom) { set_err(t, LE_NOMEM, lx->pos); t->space_before = false; return; }
    if (!skip_space(lx, t, &saw)) { t->space_before = saw; return; }
    t->space_before = saw;
    const char *s = lx->src;
    size_t n = lx->len, pos = lx->pos;
    t->pos = pos;
    if (pos >= n) { t->kind = LT_EOF; t->end = pos; return; }
    unsigned char c = (unsigned char)s[pos];
    char c1 = pos + 1 < n ? s[pos + 1] : 0;
    char c2 = pos + 2 < n ? s[pos + 2] : 0;
    char c3 = pos + 3 < n ? s[pos + 3] : 0;

    if (ascii_digit(c) || (c == '.' && ascii_digit(c1))) { lex_number(lx, t); return; }
    if (ascii_letter(c) || (c == '`' && letter_at(lx, pos + 1)) || c >= 0x80 || c == '\\') {
        if (c >= 0x80 || c == '\\') {
            size_t adv; bool esc;
            int32_t cp = peekcp(lx, pos, &adv, &esc);
            if (cp == -1) { set_err(t, LE_UTF8, pos); lx->pos = pos + 1; return; }
            if (cp == -2) { set_err(t, LE_NAMEDCHAR, pos); t->end = pos + adv; lx->pos = pos + adv; return; }
            if (esc || c >= 0x80) {
                int k = cp_token((uint32_t)cp);
                if (k >= 0) { t->kind = k; lx->pos = pos + adv; t->end = lx->pos; return; }
                if (!cp_letter((uint32_t)cp)) {
                    set_err(t, LE_CHAR, pos); t->errcp = (uint32_t)cp; t->end = pos + adv;
                    lx->pos = pos + adv; return;
                }
            } else {
                /* a lone backslash */
                set_err(t, LE_CHAR, pos); t->errcp = '\\'; lx->pos = pos + 1; return;
            }
        }
        Ident id;
        int e = lex_ident(lx, &id);
        if (e) { set_err(t, e, lx->pos); lx->pos++; return; }
        /* pattern: x_ x_h x__ x___ x_. */
        if (lx->pos < n && s[lx->pos] == '_') {
            t->kind = LT_BLANK;
            Ident hid = {0, 0, false};
            size_t p = lx->pos;
            int nb = 0;
            while (p < n && s[p] == '_' && nb < 3) { p++; nb++; }
            t->nblank = nb;
            lx->pos = p;
            if (nb == 1 && p < n && s[p] == '.' && !(p + 1 < n && (s[p + 1] == '.' || ascii_digit(s[p + 1])))) {
                t->opt = true;
                lx->pos = p + 1;
            } else if (letter_at(lx, p) || (p < n && s[p] == '`' && letter_at(lx, p + 1))) {
                e = lex_ident(lx, &hid);
                if (e) { set_err(t, e, lx->pos); lx->pos++; return; }
            }
            t->s = ident_ptr(lx, &id); t->n = id.n;
            if (hid.n) { t->h = ident_ptr(lx, &hid); t->hn = hid.n; }
            t->end = lx->pos;
            return;
        }
        t->kind = LT_SYMBOL;
        t->s = ident_ptr(lx, &id);
        t->n = id.n;
        t->end = lx->pos;
        return;
    }
    switch (c) {
    case '\n': t->kind = LT_NEWLINE; lx->pos = pos + 1; goto done;
    case '\r': t->kind = LT_NEWLINE; lx->pos = pos + 1; goto done;
    case '"': lx->pos = pos + 1; t->pos = pos; lex_string(lx, t); return;
    case '_': {
        t->kind = LT_BLANK;
        size_t p = pos;
        int nb = 0;
        while (p < n && s[p] == '_' && nb < 3) { p++; nb++; }
        t->nblank = nb;
        lx->pos = p;
        if (nb == 1 && p < n && s[p] == '.' && !(p + 1 < n && (s[p + 1] == '.' || ascii_digit(s[p + 1])))) {
            t->opt = true;
            lx->pos = p + 1;
        } else if (letter_at(lx, p) || (p < n && s[p] == '`' && letter_at(lx, p + 1))) {
            Ident hid;
            int e = lex_ident(lx, &hid);
            if (e) { set_err(t, e, lx->pos); lx->pos++; return; }
            t->h = ident_ptr(lx, &hid);
            t->hn = hid.n;
        }
        t->end = lx->pos;
        return;
    }
    case '#': {
        size_t p = pos + 1;
        if (p < n && s[p] == '#') {
            p++;
            t->kind = LT_SLOTSEQ;
            t->ival = 1;
            if (p < n && ascii_digit(s[p])) {
                int64_t v = 0;
                while (p < n && ascii_digit(s[p])) { if (v < 100000000) v = v * 10 + (s[p] - '0'); p++; }
                t->ival = v;
            }
        } else if (p < n && ascii_digit(s[p])) {
            int64_t v = 0;
            while (p < n && ascii_digit(s[p])) { if (v < 100000000) v = v * 10 + (s[p] - '0'); p++; }
            t->kind = LT_SLOT;
            t->ival = v;
        } else if (p < n && (ascii_letter((unsigned char)s[p]) || letter_at(lx, p))) {
            lx->pos = p;
            Ident id;
            int e = lex_ident(lx, &id);
            if (e) { set_err(t, e, lx->pos); lx->pos++; return; }
            t->kind = LT_SLOTNAME;
            t->s = ident_ptr(lx, &id);
            t->n = id.n;
            p = lx->pos;
        } else {
            t->kind = LT_SLOT;
            t->ival = 1;
        }
        lx->pos = p;
        goto done;
    }
    case '%': {
        size_t p = pos;
        int64_t k = 0;
        while (p < n && s[p] == '%') { p++; if (k < 100000000) k++; }
        t->kind = LT_OUT;
        if (k == 1 && p < n && ascii_digit(s[p])) {
            int64_t v = 0;
            while (p < n && ascii_digit(s[p])) { if (v < 100000000) v = v * 10 + (s[p] - '0'); p++; }
            t->nblank = 1;
            t->ival = v;
        } else if (k == 1) {
            t->nblank = 0;
        } else {
            t->nblank = 1;
            t->ival = -k;
        }
        lx->pos = p;
        goto done;
    }
    case '(': OP1(LT_LPAREN);
    case ')': OP1(LT_RPAREN);
    case '[': if (c1 == '[') OP2(LT_LPART); OP1(LT_LBRACKET);
    case ']': OP1(LT_RBRACKET);
    case '{': OP1(LT_LBRACE);
    case '}': OP1(LT_RBRACE);
    case ',': OP1(LT_COMMA);
    case ';': if (c1 == ';') OP2(LT_SPAN); OP1(LT_SEMI);
    case '+':
        if (c1 == '+') OP2(LT_INCR);
        if (c1 == '=') OP2(LT_ADDTO);
        OP1(LT_PLUS);
    case '-':
        if (c1 == '-') OP2(LT_DECR);
        if (c1 == '=') OP2(LT_SUBFROM);
        if (c1 == '>') OP2(LT_RULE);
        OP1(LT_MINUS);
    case '*':
        if (c1 == '=') OP2(LT_TIMESBY);
        if (c1 == '*') OP2(LT_NCM);
        OP1(LT_STAR);
    case '/':
        if (c1 == '/') {
            if (c2 == '.' && !ascii_digit(c3)) OP3(LT_REPLACEREP);
            if (c2 == '@') OP3(LT_MAPALL);
            OP2(LT_POSTFIX);
        }
        if (c1 == '.' && !ascii_digit(c2)) OP2(LT_REPLACEALL);
        if (c1 == '@') OP2(LT_MAP);
        if (c1 == ';') OP2(LT_CONDITION);
        if (c1 == ':') OP2(LT_TAGSET);
        if (c1 == '=') OP2(LT_DIVBY);
        if (c1 == '*') OP2(LT_RCOMPOSE);
        OP1(LT_SLASH);
    case '^':
        if (c1 == ':' && c2 == '=') OP3(LT_UPSETDELAYED);
        if (c1 == '=') OP2(LT_UPSET);
        OP1(LT_CARET);
    case '=':
        if (c1 == '=' && c2 == '=') OP3(LT_SAMEQ);
        if (c1 == '!' && c2 == '=') OP3(LT_UNSAMEQ);
        if (c1 == '=') OP2(LT_EQUAL);
        if (c1 == '.' && !ascii_digit(c2)) OP2(LT_UNSET);
        OP1(LT_SET);
    case ':':
        if (c1 == ':') OP2(LT_COLONCOLON);
        if (c1 == '=') OP2(LT_SETDELAYED);
        if (c1 == '>') OP2(LT_RULEDELAYED);
        OP1(LT_COLON);
    case '!':
        if (c1 == '=') OP2(LT_UNEQUAL);
        if (c1 == '!') OP2(LT_BANGBANG);
        OP1(LT_BANG);
    case '&': if (c1 == '&') OP2(LT_AMPAMP); OP1(LT_AMP);
    case '|':
        if (c1 == '|') OP2(LT_BARBAR);
        if (c1 == '>') OP2(LT_RASSOC);
        if (c1 == '-' && c2 == '>') OP3(LT_FUNCARROW);
        OP1(LT_BAR);
    case '<':
        if (c1 == '|') OP2(LT_LASSOC);
        if (c1 == '-' && c2 == '>') OP3(LT_TWOWAY);
        if (c1 == '<') OP2(LT_GET);
        if (c1 == '=') OP2(LT_LESSEQ);
        if (c1 == '>') OP2(LT_STRINGJOIN);
        OP1(LT_LESS);
    case '>':
        if (c1 == '>' && c2 == '>') OP3(LT_PUTAPPEND);
        if (c1 == '>') OP2(LT_PUT);
        if (c1 == '=') OP2(LT_GREATEREQ);
        OP1(LT_GREATER);
    case '@':
        if (c1 == '@' && c2 == '@') OP3(LT_ATATAT);
        if (c1 == '@') OP2(LT_ATAT);
        if (c1 == '*') OP2(LT_COMPOSE);
        if (c1 == '=') OP2(LT_APPLYTO);
        OP1(LT_AT);
    case '~': if (c1 == '~') OP2(LT_TILDETILDE); OP1(LT_TILDE);
    case '?': if (c1 == '?') OP2(LT_QQ); OP1(LT_QUESTION);
    case '.':
        if (c1 == '.' && c2 == '.') OP3(LT_DOTDOTDOT);
        if (c1 == '.') OP2(LT_DOTDOT);
        OP1(LT_DOT);
    case '\'': {
        size_t p = pos;
        int64_t k = 0;
        while (p < n && s[p] == '\'') { p++; if (k < 1000000) k++; }
        t->kind = LT_QUOTE;
        t->ival = k;
        lx->pos = p;
        goto done;
    }
    default:
        set_err(t, LE_CHAR, pos);
        t->errcp = c;
        lx->pos = pos + 1;
        return;
    }
done:
    t->end = lx->pos;
}

/* ---- context-dependent tokens ------------------------------------------------------------- */

void lyv_lex_msgname(LyLexer *lx, LyToken *t) {
    lx->slen = 0;
    t->s = NULL; t->n = 0;
    size_t pos = lx->pos;
    t->pos = pos;
    t->space_before = false;
    if (pos < lx->len && lx->src[pos] == '"') {
        lx->pos = pos + 1;
        lex_string(lx, t);
        return;
    }
    if (pos < lx->len && (letter_at(lx, pos) || (lx->src[pos] == '`' && letter_at(lx, pos + 1)))) {
        Ident id;
        int e = lex_ident(lx, &id);
        if (e) { set_err(t, e, lx->pos); lx->pos++; return; }
        t->kind = LT_STRING;
        t->s = ident_ptr(lx, &id);
        t->n = id.n;
        t->end = lx->pos;
        return;
    }
    set_err(t, LE_NONE, pos);
}

static bool filechar(int c) {
    return ascii_letter(c) || ascii_digit(c) || c == '`' || c == '/' || c == '.' || c == '\\' ||
           c == '!' || c == '-' || c == '_' || c == ':' || c == '*' || c == '~' || c == '?' ||
           c >= 0x80;
}

void lyv_lex_filename(LyLexer *lx, LyToken *t) {
    lx->slen = 0;
    t->s = NULL; t->n = 0;
    /* spaces (not newlines) may separate the operator from the name */
    while (lx->pos < lx->len && (lx->src[lx->pos] == ' ' || lx->src[lx->pos] == '\t')) lx->pos++;
    size_t pos = lx->pos;
    t->pos = pos;
    t->space_before = false;
    if (pos < lx->len && lx->src[pos] == '"') {
        lx->pos = pos + 1;
        lex_string(lx, t);
        return;
    }
    size_t p = pos, adv;
    while (p < lx->len && filechar((unsigned char)lx->src[p])) {
        /* names are text too: invalid UTF-8 would print back unparseable */
        if ((unsigned char)lx->src[p] >= 0x80 &&
            u8dec((const unsigned char *)lx->src + p, lx->len - p, &adv) < 0) { set_err(t, LE_UTF8, p); lx->pos = p + 1; return; }
        p += (unsigned char)lx->src[p] >= 0x80 ? adv : 1;
    }
    if (p == pos) { set_err(t, LE_NONE, pos); return; }
    t->kind = LT_STRING;
    t->s = lx->src + pos;
    t->n = p - pos;
    lx->pos = p;
    t->end = p;
}

void lyv_lex_infoname(LyLexer *lx, LyToken *t) {
    lx->slen = 0;
    t->s = NULL; t->n = 0;
    while (lx->pos < lx->len && (lx->src[lx->pos] == ' ' || lx->src[lx->pos] == '\t')) lx->pos++;
    size_t pos = lx->pos, p = pos;
    t->pos = pos;
    while (p < lx->len) {
        unsigned char c = (unsigned char)lx->src[p];
        size_t adv;
        if (c >= 0x80) {
            if (u8dec((const unsigned char *)lx->src + p, lx->len - p, &adv) < 0) { set_err(t, LE_UTF8, p); lx->pos = p + 1; return; }
            p += adv;
        } else if (ascii_letter(c) || ascii_digit(c) || c == '`' || c == '*' || c == '@') p++;
        else break;
    }
    if (p == pos) { set_err(t, LE_NONE, pos); return; }
    t->kind = LT_STRING;
    t->s = lx->src + pos;
    t->n = p - pos;
    lx->pos = p;
    t->end = p;
}

/* True when s[0..n) is exactly one symbol as the lexer reads it (a`b,
 * `a, letters and digits, not starting with a digit). */
bool lyv_lex_is_name(const char *s, size_t n) {
    if (n == 0 || s[0] == '#' || (unsigned char)s[0] == 0xEF) return false;   /* no #! or BOM skipping */
    LyLexer lx;
    LyToken t;
    lyv_lex_init(&lx, NULL, s, n);
    lyv_lex_next(&lx, &t);
    bool ok = t.kind == LT_SYMBOL && t.end == n && t.n == n && memcmp(t.s, s, n) == 0;
    lyv_lex_free(&lx);
    return ok;
}

/* ---- positions and names ---------------------------------------------------------------- */

void lyv_lex_linecol(const char *src, size_t len, size_t pos, uint32_t *line, uint32_t *col) {
    if (pos > len) pos = len;
    uint32_t ln = 1;
    size_t ls = 0;
    for (size_t i = 0; i < pos;) {
        const char *nl = memchr(src + i, '\n', pos - i);
        if (!nl) break;
        ln++;
        i = (size_t)(nl - src) + 1;
        ls = i;
    }
    uint32_t c = 1;
    for (size_t i = ls; i < pos; i++)
        if (((unsigned char)src[i] & 0xC0) != 0x80) c++;
    *line = ln;
    *col = c;
}

static const char *const tok_names[LT_NKINDS] = {
    [LT_EOF] = "end of input", [LT_NEWLINE] = "newline", [LT_ERROR] = "error",
    [LT_SYMBOL] = "symbol", [LT_NUMBER] = "number", [LT_STRING] = "string",
    [LT_SLOT] = "'#'", [LT_SLOTSEQ] = "'##'", [LT_SLOTNAME] = "'#'", [LT_OUT] = "'%'",
    [LT_BLANK] = "'_'",
    [LT_LPAREN] = "'('", [LT_RPAREN] = "')'", [LT_LBRACKET] = "'['", [LT_LPART] = "'[['",
    [LT_RPART] = "']]'", [LT_RBRACKET] = "']'", [LT_LBRACE] = "'{'", [LT_RBRACE] = "'}'",
    [LT_LASSOC] = "'<|'", [LT_RASSOC] = "'|>'", [LT_COMMA] = "','", [LT_SEMI] = "';'",
    [LT_SPAN] = "';;'",
    [LT_PLUS] = "'+'", [LT_MINUS] = "'-'", [LT_STAR] = "'*'", [LT_SLASH] = "'/'",
    [LT_CARET] = "'^'", [LT_DOT] = "'.'", [LT_DOTDOT] = "'..'", [LT_DOTDOTDOT] = "'...'",
    [LT_NCM] = "'**'", [LT_CROSS] = "'\\[Cross]'", [LT_CENTERDOT] = "'\\[CenterDot]'",
    [LT_CIRCLETIMES] = "'\\[CircleTimes]'", [LT_PLUSMINUS] = "'\\[PlusMinus]'",
    [LT_SQRT] = "'\\[Sqrt]'",
    [LT_SET] = "'='", [LT_SETDELAYED] = "':='", [LT_UPSET] = "'^='", [LT_UPSETDELAYED] = "'^:='",
    [LT_UNSET] = "'=.'", [LT_TAGSET] = "'/:'", [LT_ADDTO] = "'+='", [LT_SUBFROM] = "'-='",
    [LT_TIMESBY] = "'*='", [LT_DIVBY] = "'/='", [LT_INCR] = "'++'", [LT_DECR] = "'--'",
    [LT_APPLYTO] = "'@='",
    [LT_RULE] = "'->'", [LT_RULEDELAYED] = "':>'", [LT_REPLACEALL] = "'/.'",
    [LT_REPLACEREP] = "'//.'", [LT_CONDITION] = "'/;'", [LT_COLON] = "':'",
    [LT_COLONCOLON] = "'::'", [LT_BAR] = "'|'", [LT_QUESTION] = "'?'", [LT_QQ] = "'?\?'",
    [LT_TWOWAY] = "'<->'", [LT_FUNCARROW] = "'|->'",
    [LT_AMP] = "'&'", [LT_AMPAMP] = "'&&'", [LT_BARBAR] = "'||'", [LT_BANG] = "'!'",
    [LT_BANGBANG] = "'!!'", [LT_NOT] = "'\\[Not]'",
    [LT_EQUAL] = "'=='", [LT_UNEQUAL] = "'!='", [LT_LESS] = "'<'", [LT_LESSEQ] = "'<='",
    [LT_GREATER] = "'>'", [LT_GREATEREQ] = "'>='", [LT_SAMEQ] = "'==='", [LT_UNSAMEQ] = "'=!='",
    [LT_ELEMENT] = "'\\[Element]'", [LT_NOTELEMENT] = "'\\[NotElement]'",
    [LT_DISTRIBUTED] = "'\\[Distributed]'",
    [LT_IMPLIES] = "'\\[Implies]'", [LT_EQUIVALENT] = "'\\[Equivalent]'",
    [LT_XOR] = "'\\[Xor]'", [LT_NAND] = "'\\[Nand]'", [LT_NOR] = "'\\[Nor]'",
    [LT_AT] = "'@'", [LT_ATAT] = "'@@'", [LT_ATATAT] = "'@@@'", [LT_MAP] = "'/@'",
    [LT_MAPALL] = "'//@'", [LT_POSTFIX] = "'//'", [LT_TILDE] = "'~'", [LT_TILDETILDE] = "'~~'",
    [LT_QUOTE] = "'''", [LT_STRINGJOIN] = "'<>'", [LT_COMPOSE] = "'@*'", [LT_RCOMPOSE] = "'/*'",
    [LT_DIRECTEDEDGE] = "'\\[DirectedEdge]'", [LT_UNDIRECTEDEDGE] = "'\\[UndirectedEdge]'",
    [LT_GET] = "'<<'", [LT_PUT] = "'>>'", [LT_PUTAPPEND] = "'>>>'",
};

const char *lyv_tok_name(int kind) {
    if (kind < 0 || kind >= LT_NKINDS || !tok_names[kind]) return "token";
    return tok_names[kind];
}

const char *lyv_lex_errmsg(int err) {
    switch (err) {
    case LE_STRING: return "unterminated string";
    case LE_COMMENT: return "unterminated comment";
    case LE_UTF8: return "invalid UTF-8";
    case LE_CHAR: return "unexpected character";
    case LE_NAMEDCHAR: return "unknown named character";
    case LE_ESCAPE: return "invalid escape in string";
    case LE_NOMEM: return "out of memory";
    default: return "syntax error";
    }
}
