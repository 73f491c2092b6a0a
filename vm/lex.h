/*
 * lex.h — the tokenizer of the Wolfram-style grammar (internal to vm/).
 *
 * The lexer turns bytes into tokens one at a time, on demand of the parser
 * (parse.c).  It knows nothing of precedence or of expressions: operators are
 * token kinds, and whether '-' is prefix or infix is the parser's business.
 * A few tokens depend on what the parser expects next (the name after '::',
 * the file name after '<<' / '>>', the argument of '?' at statement start);
 * the parser asks for those with the dedicated lyv_lex_* calls.
 *
 * Identifiers and strings are decoded (named characters \[Alpha], \:XXXX,
 * \.XX, octal, UTF-8 checking) into a scratch buffer owned by the lexer when
 * they contain escapes; otherwise a token points into the source.  A token's
 * text is valid only until the next call into the lexer.
 *
 * Positions are byte offsets; lines and columns are computed only when an
 * error is reported (lyv_lex_linecol), which keeps the hot loop small.
 */
#ifndef LY_LEX_H
#define LY_LEX_H

#include "lyv.h"

typedef enum LyTokKind {
    LT_EOF, LT_NEWLINE, LT_ERROR,
    /* operands */
    LT_SYMBOL, LT_NUMBER, LT_STRING, LT_SLOT, LT_SLOTSEQ, LT_SLOTNAME, LT_OUT, LT_BLANK,
    /* brackets */
    LT_LPAREN, LT_RPAREN, LT_LBRACKET, LT_LPART, LT_RPART, LT_RBRACKET,
    LT_LBRACE, LT_RBRACE, LT_LASSOC, LT_RASSOC, LT_COMMA, LT_SEMI, LT_SPAN,
    /* arithmetic */
    LT_PLUS, LT_MINUS, LT_STAR, LT_SLASH, LT_CARET, LT_DOT, LT_DOTDOT, LT_DOTDOTDOT,
    LT_NCM, LT_CROSS, LT_CENTERDOT, LT_CIRCLETIMES, LT_PLUSMINUS, LT_SQRT,
    /* assignment */
    LT_SET, LT_SETDELAYED, LT_UPSET, LT_UPSETDELAYED, LT_UNSET, LT_TAGSET,
    LT_ADDTO, LT_SUBFROM, LT_TIMESBY, LT_DIVBY, LT_INCR, LT_DECR, LT_APPLYTO,
    /* rules and patterns */
    LT_RULE, LT_RULEDELAYED, LT_REPLACEALL, LT_REPLACEREP, LT_CONDITION, LT_COLON,
    LT_COLONCOLON, LT_BAR, LT_QUESTION, LT_QQ, LT_TWOWAY, LT_FUNCARROW,
    /* logic and comparison */
    LT_AMP, LT_AMPAMP, LT_BARBAR, LT_BANG, LT_BANGBANG, LT_NOT,
    LT_EQUAL, LT_UNEQUAL, LT_LESS, LT_LESSEQ, LT_GREATER, LT_GREATEREQ,
    LT_SAMEQ, LT_UNSAMEQ, LT_ELEMENT, LT_NOTELEMENT, LT_DISTRIBUTED, LT_IMPLIES, LT_EQUIVALENT,
    LT_XOR, LT_NAND, LT_NOR,
    /* functional */
    LT_AT, LT_ATAT, LT_ATATAT, LT_MAP, LT_MAPALL, LT_POSTFIX, LT_TILDE, LT_TILDETILDE,
    LT_QUOTE, LT_STRINGJOIN, LT_COMPOSE, LT_RCOMPOSE,
    LT_DIRECTEDEDGE, LT_UNDIRECTEDEDGE,
    /* files */
    LT_GET, LT_PUT, LT_PUTAPPEND,
    LT_NKINDS
} LyTokKind;

/* Lexical error codes (token kind LT_ERROR). */
typedef enum LyLexErr {
    LE_NONE, LE_STRING, LE_COMMENT, LE_UTF8, LE_CHAR, LE_NAMEDCHAR, LE_NUMBER,
    LE_BASE, LE_DIGIT, LE_RANGE, LE_ESCAPE, LE_NOMEM
} LyLexErr;

typedef struct LyToken {
    int kind;               /* LyTokKind */
    size_t pos, end;        /* byte range in the source */
    bool space_before;      /* whitespace or a comment precedes the token */
    const char *s;          /* decoded text: symbol name, string, slot name */
    size_t n;
    /* LT_BLANK: x_h / __ / ___ / _. */
    const char *h;          /* head name or NULL */
    size_t hn;
    int nblank;             /* 1, 2 or 3 */
    bool opt;               /* _. */
    /* LT_SLOT/LT_SLOTSEQ/LT_OUT: the integer; LT_QUOTE: the count */
    int64_t ival;
    /* LT_NUMBER: the pieces, decoded by lyv_lex_number */
    int base;
    bool real;              /* has a '.' or a precision mark */
    size_t mpos, mend;      /* mantissa (digits and '.') */
    size_t epos, eend;      /* exponent after *^ (sign and digits), or epos == eend */
    size_t ppos, pend;      /* precision mark digits after ` (or `` for accuracy), or ppos == pend */
    bool acc;               /* the mark is an accuracy mark (``) */
    /* LT_ERROR */
    int err;                /* LyLexErr */
    uint32_t errcp;         /* offending code point (LE_CHAR) */
} LyToken;

typedef struct LyLexer {
    const char *src;        /* what is lexed: the source without its line continuations */
    size_t len, pos;
    char *scratch;          /* decoded text */
    size_t slen, scap;
    LyVM *vm;               /* allocator; NULL = libc (lyv_parse_incomplete) */
    /* Line continuations (a '\' ending a line, and outside strings the
     * blanks that begin the next) are taken out of the source before
     * lexing, so that they join tokens (12\<newline>34 is 1234) as in
     * Wolfram.  Then src is a copy; orig is the source as given, and
     * lyv_lex_origpos maps a position in src back to it. */
    const char *orig;
    size_t olen;
    char *joined;           /* the copy (NULL when there was nothing to take out) */
    size_t jfrom;           /* where the taking out began (after a "#!" line) */
    bool oom;               /* the copy could not be made: the first token is LE_NOMEM */
} LyLexer;

/* Never fails; when out of memory the first token is an LE_NOMEM error. */
void lyv_lex_init(LyLexer *lx, LyVM *vm, const char *src, size_t len);
/* The position in the source as given (lx->orig) of position pos of lx->src. */
size_t lyv_lex_origpos(const LyLexer *lx, size_t pos);
/* True when src[0..n) ends in a line continuation: an unescaped '\' last. */
bool lyv_lex_ends_continued(const char *src, size_t n);
void lyv_lex_free(LyLexer *lx);
/* The next token; never fails (errors are LT_ERROR tokens). */
void lyv_lex_next(LyLexer *lx, LyToken *t);
/* After '::': a name (symbol characters) or a string, as LT_STRING. */
void lyv_lex_msgname(LyLexer *lx, LyToken *t);
/* After '<<', '>>', '>>>': a file name (bare or quoted), as LT_STRING. */
void lyv_lex_filename(LyLexer *lx, LyToken *t);
/* After '?' at statement start: a name pattern, as LT_STRING (s/n) or LT_ERROR. */
void lyv_lex_infoname(LyLexer *lx, LyToken *t);
/* True when s[0..n) reads back as exactly that one symbol. */
bool lyv_lex_is_name(const char *s, size_t n);
/* Builds the value of an LT_NUMBER token.  Returns LY_OK, LY_ERRMEM, or
 * LY_ERRSYNTAX with *msg set to a static message. */
LyStatus lyv_lex_number(LyVM *vm, LyLexer *lx, const LyToken *t, LyExpr *out, const char **msg);
/* 1-based line and column (in code points) of byte offset pos. */
void lyv_lex_linecol(const char *src, size_t len, size_t pos, uint32_t *line, uint32_t *col);
/* Static text of a token kind for messages ("']'", "'->'"). */
const char *lyv_tok_name(int kind);
/* Message for a lexical error code. */
const char *lyv_lex_errmsg(int err);

#endif
