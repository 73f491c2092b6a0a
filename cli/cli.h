/*
 * cli.h — the pieces of the lyra command (private to cli/).
 *
 * The command is written against lyra.h alone, like any other embedder.
 * main.c parses the command line and runs everything on one thread with a
 * large stack; signals.c turns Ctrl-C into ly_abort(); repl.c is the
 * interactive loop.
 */
#ifndef LYRA_CLI_H
#define LYRA_CLI_H

#include <stdbool.h>
#include "lyra.h"

/* ---- signals.c ------------------------------------------------------------ */

/* Installs the SIGINT handler (no SA_RESTART, so blocking reads see EINTR)
 * and its self-pipe.  Returns false if the pipe cannot be made. */
bool lyc_signals_init(void);
/* While vm is armed, Ctrl-C calls ly_abort(vm).  Arm only around
 * evaluation: an abort requested while nothing runs would stop the next
 * evaluation at its first safe point. */
void lyc_signals_arm(LyVM *vm);
void lyc_signals_disarm(void);
/* The read end of the self-pipe: readable after a Ctrl-C (for poll). */
int lyc_signals_fd(void);
/* True if Ctrl-C was pressed since the last call; drains the pipe. */
bool lyc_signals_take(void);

/* ---- main.c --------------------------------------------------------------- */

/* Is s[0..n) just the word w, blanks around it?  (A bare Quit or Exit as
 * the whole input leaves, as in Wolfram.) */
bool lyc_input_is(const char *s, size_t n, const char *w);

/* ---- repl.c --------------------------------------------------------------- */

/* The interactive loop on a terminal.  Returns the exit status. */
int lyc_repl(LyVM *vm);

#endif
