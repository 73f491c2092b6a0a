/*
 * parse.h — the parser of the Wolfram-style grammar (internal to vm/).
 *
 * The entry points are declared in lyv.h (lyv_parse_program,
 * lyv_parse_incomplete); this header exists for the unit tests and names
 * the limits of the parser.
 *
 * The parser is an operator-precedence (shunting-yard) machine with explicit
 * operand and operator stacks: it never recurses, so the nesting depth of the
 * input is limited only by memory.  Precedences follow the Wolfram Language
 * (tutorial/OperatorInputForms, corrected where the kernel's actual parse
 * differs from the documented values).
 *
 * Limits: nesting depth is bounded by memory only; exponents in 1*^n are
 * limited to |n| <= 10^6 (lex.c) so that a short literal cannot ask for a
 * gigabyte integer; reals outside the double range are a syntax error.
 */
#ifndef LY_PARSE_H
#define LY_PARSE_H

#include "lyv.h"

#endif
