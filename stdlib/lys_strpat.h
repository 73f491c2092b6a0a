/*
 * lys_strpat.h — string patterns compiled to PCRE2 (strpattern.c), used by
 * the string functions of strings.c.
 *
 * A pattern (a string, StringExpression, RegularExpression, Alternatives,
 * a List of patterns, or a rule / list of rules whose left sides are such
 * patterns) becomes one PCRE2 regex in UTF mode.  Named parts x_, x__,
 * x:p become capture groups; a name seen again becomes a back reference,
 * as in Wolfram (x_ ~~ x_ matches "aa").  PatternTest and Condition become
 * PCRE2 callouts that evaluate the test while the regex runs, so they can
 * make the matcher backtrack.  The pattern expression is borrowed and must
 * outlive the compiled form.
 */
#ifndef LYS_STRPAT_H
#define LYS_STRPAT_H

#include "lyra_ext.h"

enum {
    LYS_SP_IGNORECASE = 1,   /* IgnoreCase -> True */
    LYS_SP_WILDCARDS = 2,    /* StringMatchQ: * and @ in literal strings */
    LYS_SP_RULES = 4         /* patt is a rule or a list of rules */
};

typedef struct LysSPat LysSPat;

/* Compiles patt for the call e (borrowed; named in messages).  NULL when
 * patt is not a valid string pattern (a message was issued) or an exit
 * started (check ly_unwinding). */
LysSPat *lys_spat_new(LyVM *vm, LyExpr e, LyExpr patt, unsigned flags);
void lys_spat_free(LysSPat *sp);

/* True when x is something lys_spat_new could compile (no message). */
bool lys_spat_valid(LyExpr patt);

/* Searches s[0..len) from byte `from` for the next match; non-empty
 * matches only unless allow_empty.  anchored: the match must start at
 * `from`; full: it must also end at len.  Returns 1 with the byte span in
 * *ms..*me, 0 for none, -1 when an exit started inside a test. */
int lys_spat_find(LysSPat *sp, const char *s, size_t len, size_t from,
                  bool allow_empty, bool anchored, bool full, size_t *ms, size_t *me);

/* After a match: the index (0-based) of the rule or alternative of a
 * top-level list that matched. */
size_t lys_spat_which(LysSPat *sp);

/* After a match: the value of rhs (borrowed) for rule `rule` with the named
 * parts bound to the matched substrings: substituted and evaluated when
 * delayed or when it is not a string; a string right side may refer to
 * regex groups as $n.  New reference, or NULL on an exit. */
LyExpr lys_spat_rhs(LysSPat *sp, size_t rule, LyExpr rhs);

/* The matched substring of group g (0: the whole match) as a new string,
 * or NULL when unset. */
LyExpr lys_spat_group(LysSPat *sp, uint32_t g);

#endif
