/*
 * control.c — flow of control: If, Which, Switch, While, For, Throw/Catch,
 * Return, Break, Continue, Abort, CheckAbort, AbortProtect, Check, Quiet,
 * TimeConstrained, MemoryConstrained.  Written against lyra.h + lyra_ext.h.
 *
 * Non-local exits follow the unwinding protocol of lyra_ext.h: a builtin
 * that starts one returns NULL; a construct that ends one (a loop for
 * Break, Catch for Throw) checks ly_exit_kind() and calls ly_exit_take().
 *
 * Which exits end where (Wolfram's rules):
 *   Break, Continue  the innermost Do, While or For;
 *   Return           Do and Scan return its value; While and For pass it on
 *                    to the enclosing user function, whose call yields it;
 *   Throw            the innermost Catch whose form matches the tag;
 *   Abort            CheckAbort, TimeConstrained/MemoryConstrained (their
 *                    own), or the top level.
 *
 * If, Which and Switch return the chosen branch unevaluated: the evaluator
 * evaluates it in its own loop, so recursion through a branch does not
 * nest C frames here, and nothing is evaluated twice.
 */
#include <stdio.h>
#include <string.h>
#include "lyra_ext.h"
#include "lys_ctl.h"

/* ---- If, Which, Switch -------------------------------------------------------- */

static LyExpr branch(LyExpr e, size_t i) {
    LyExpr v = ly_narg(e, i);
    ly_ref(v);
    return v;
}

static LyExpr b_if(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 2 || n > 4) return lys_argcount(vm, e, 2, 4);
    LyExpr c = ly_narg(e, 1);
    if (c == LY_SYM(True)) return branch(e, 2);
    if (c == LY_SYM(False)) return n >= 3 ? branch(e, 3) : LY_SYM(Null);
    return n == 4 ? branch(e, 4) : NULL;
}

static LyExpr b_which(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n % 2) {
        ly_message(vm, lys_sym(vm, "Which"), n == 1 ? "argctu" : "argct", 2, lys_sym(vm, "Which"), lys_int(n));
        return NULL;
    }
    for (size_t i = 1; i < n; i += 2) {
        if (!ly_safe_point(vm)) return NULL;
        LyExpr c = ly_evaluate(vm, ly_narg(e, i));
        if (!c) return NULL;
        if (c == LY_SYM(True)) return branch(e, i + 1);
        if (c == LY_SYM(False)) continue;
        /* undecidable: Which[c, v, rest...] with c evaluated */
        LyExpr r = ly_mknormal(vm, lys_sym(vm, "Which"), n - i + 1);
        if (!r) { ly_unref(vm, c); return NULL; }
        ly_nset(r, 1, c);
        for (size_t j = i + 1; j <= n; j++) ly_nset(r, j - i + 1, branch(e, j));
        if (ly_equal(r, e)) { ly_unref(vm, r); return NULL; }
        return r;
    }
    return LY_SYM(Null);
}

static LyExpr b_switch(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 3 || n % 2 == 0) {
        if (n < 3) return lys_argcount(vm, e, 3, SIZE_MAX);
        ly_message(vm, lys_sym(vm, "Switch"), "argct", 2, lys_sym(vm, "Switch"), lys_int(n));
        return NULL;
    }
    LyExpr x = ly_narg(e, 1);
    for (size_t i = 2; i < n; i += 2) {
        if (!ly_safe_point(vm)) return NULL;
        LyExpr form = ly_evaluate(vm, ly_narg(e, i));
        if (!form) return NULL;
        bool m = ly_match(vm, form, x, NULL);
        ly_unref(vm, form);
        if (ly_unwinding(vm)) return NULL;
        if (m) return branch(e, i + 1);
    }
    return LY_SYM(Null);
}

/* ---- loops ------------------------------------------------------------------- */

/* After a body evaluation returned NULL: LOOP_BREAK / LOOP_CONTINUE when the
 * exit was Break / Continue (now ended), LOOP_EXIT to pass the exit on. */
int lys_loop_exit(LyVM *vm) {
    switch (ly_exit_kind(vm)) {
    case LY_EXIT_BREAK: ly_exit_take(vm, NULL, NULL); return LYS_LOOP_BREAK;
    case LY_EXIT_CONTINUE: ly_exit_take(vm, NULL, NULL); return LYS_LOOP_CONTINUE;
    default: return LYS_LOOP_EXIT;
    }
}

/* Evaluates expr (through its plan when it has one, lyra_ext.h). */
static LyExpr eval_planned(LyVM *vm, LyPlan *plan, LyExpr expr) {
    return plan ? ly_plan_eval(vm, plan) : ly_evaluate(vm, expr);
}

/* Evaluates a loop body, discarding the value: 0 normally, else the
 * lys_loop_exit code. */
static int run_body(LyVM *vm, LyPlan *plan, LyExpr body) {
    LyExpr r = eval_planned(vm, plan, body);
    if (r) { ly_unref(vm, r); return 0; }
    return lys_loop_exit(vm);
}

/* Evaluates a loop test: 1 True, 0 anything else, -1 on an exit. */
static int run_test(LyVM *vm, LyPlan *plan, LyExpr test) {
    LyExpr t = eval_planned(vm, plan, test);
    if (!t) return -1;
    int ok = t == LY_SYM(True);
    ly_unref(vm, t);
    return ok;
}

static LyExpr b_while(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 1 || n > 2) return lys_argcount(vm, e, 1, 2);
    LyPlan *pt = ly_plan_new(vm, ly_narg(e, 1)), *pb = n == 2 ? ly_plan_new(vm, ly_narg(e, 2)) : NULL;
    LyExpr res = LY_SYM(Null);
    LyLoop loop;
    ly_loop_begin(vm, &loop);
    for (;;) {
        if (!ly_loop_point(vm, &loop)) { res = NULL; break; }
        int t = run_test(vm, pt, ly_narg(e, 1));
        if (t < 0) { res = NULL; break; }
        if (!t) break;
        if (n == 2) {
            int x = run_body(vm, pb, ly_narg(e, 2));
            if (x == LYS_LOOP_BREAK) break;
            if (x == LYS_LOOP_EXIT) { res = NULL; break; }
        }
    }
    ly_plan_free(vm, pt);
    ly_plan_free(vm, pb);
    return res;
}

static LyExpr b_for(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 3 || n > 4) return lys_argcount(vm, e, 3, 4);
    LyExpr r = ly_evaluate(vm, ly_narg(e, 1));
    if (!r) return NULL;
    ly_unref(vm, r);
    LyPlan *pt = ly_plan_new(vm, ly_narg(e, 2)), *pi = ly_plan_new(vm, ly_narg(e, 3));
    LyPlan *pb = n == 4 ? ly_plan_new(vm, ly_narg(e, 4)) : NULL;
    LyExpr res = LY_SYM(Null);
    LyLoop loop;
    ly_loop_begin(vm, &loop);
    for (;;) {
        if (!ly_loop_point(vm, &loop)) { res = NULL; break; }
        int t = run_test(vm, pt, ly_narg(e, 2));
        if (t < 0) { res = NULL; break; }
        if (!t) break;
        if (n == 4) {
            int x = run_body(vm, pb, ly_narg(e, 4));
            if (x == LYS_LOOP_BREAK) break;
            if (x == LYS_LOOP_EXIT) { res = NULL; break; }
        }
        int x = run_body(vm, pi, ly_narg(e, 3));
        if (x == LYS_LOOP_BREAK) break;
        if (x == LYS_LOOP_EXIT) { res = NULL; break; }
    }
    ly_plan_free(vm, pt);
    ly_plan_free(vm, pi);
    ly_plan_free(vm, pb);
    return res;
}

/* ---- exits ------------------------------------------------------------------- */

static LyExpr b_throw(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 1 || n > 2) return lys_argcount(vm, e, 1, 2);
    LyExpr v = ly_narg(e, 1), t = n == 2 ? ly_narg(e, 2) : NULL;
    ly_ref(v);
    ly_ref(t);
    return ly_raise_throw(vm, v, t);
}

static LyExpr b_catch(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 1 || n > 3) return lys_argcount(vm, e, 1, 3);
    LyExpr r = ly_evaluate(vm, ly_narg(e, 1));
    if (r) return ly_evaluated(vm, r);
    if (ly_exit_kind(vm) != LY_EXIT_THROW) return NULL;
    LyExpr v, tag;
    ly_exit_take(vm, &v, &tag);
    bool caught;
    if (n == 1) {
        caught = tag == NULL;
    } else {
        caught = tag != NULL && ly_match(vm, ly_narg(e, 2), tag, NULL);
        if (ly_unwinding(vm)) { ly_unref(vm, v); ly_unref(vm, tag); return NULL; }
    }
    if (!caught) return ly_raise_throw(vm, v, tag);       /* pass it on */
    if (!v) v = LY_SYM(Null);
    if (n < 3) { ly_unref(vm, tag); return ly_evaluated(vm, v); }
    LyExpr f = ly_narg(e, 3);
    ly_ref(f);
    return ly_mk(vm, f, 2, v, tag);
}

static LyExpr b_return(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n > 2) return lys_argcount(vm, e, 0, 2);
    LyExpr v = n >= 1 ? ly_narg(e, 1) : LY_SYM(Null);
    ly_ref(v);
    return ly_raise(vm, LY_EXIT_RETURN, v);
}

static LyExpr b_break(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 0) return lys_argcount(vm, e, 0, 0);
    return ly_raise(vm, LY_EXIT_BREAK, NULL);
}

static LyExpr b_continue(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 0) return lys_argcount(vm, e, 0, 0);
    return ly_raise(vm, LY_EXIT_CONTINUE, NULL);
}

static LyExpr b_abort(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 0) return lys_argcount(vm, e, 0, 0);
    return ly_raise_abort(vm);
}

static LyExpr b_checkabort(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 2) return lys_argcount(vm, e, 2, 2);
    LyExpr r = ly_evaluate(vm, ly_narg(e, 1));
    if (r) return ly_evaluated(vm, r);
    if (ly_exit_kind(vm) != LY_EXIT_ABORT) return NULL;
    ly_exit_take(vm, NULL, NULL);
    return branch(e, 2);
}

/* AbortProtect: the VM has no way yet to defer an abort requested from
 * outside, so this evaluates expr and lets an abort through unchanged. */
static LyExpr b_abortprotect(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 1) return lys_argcount(vm, e, 1, 1);
    LyExpr r = ly_evaluate(vm, ly_narg(e, 1));
    return ly_evaluated(vm, r);
}

/* ---- messages: Check and Quiet --------------------------------------------------- */

/* A message hook that watches the lines going past (Check) or drops some
 * (Quiet with a list), forwarding the rest to the hook it replaced. */
typedef struct Watch {
    LyWriteHook prev;
    void *prev_ud;
    LyExpr names;        /* MessageName[s, "t"] or a List of them; NULL: all */
    bool drop_all;       /* inside Quiet: watch but never show */
    bool drop_named;     /* Quiet[expr, names]: drop the named ones */
    bool seen;
} Watch;

static void forward(Watch *w, const char *text, size_t len) {
    if (w->prev) { w->prev(w->prev_ud, text, len); return; }
    fwrite(text, 1, len, stderr);
    fputc('\n', stderr);
    fflush(stderr);
}

/* Does the line "sym::tag: ..." match the MessageName m? (General::tag
 * matches that tag from any symbol.) */
static bool name_matches(LyExpr m, const char *text, size_t len) {
    if (!ly_head_is(m, LY_SYM(MessageName)) || ly_nlen(m) != 2) return false;
    const char *sep = NULL;
    for (size_t i = 0; i + 1 < len; i++) if (text[i] == ':' && text[i + 1] == ':') { sep = text + i; break; }
    if (!sep) return false;
    const char *tag = sep + 2, *end = memchr(tag, ':', len - (size_t)(tag - text));
    if (!end) return false;
    const char *sname = ly_symbol_name(ly_narg(m, 1));
    size_t tlen;
    const char *mtag = ly_get_string(ly_narg(m, 2), &tlen);
    if (!sname || !mtag) return false;
    if (tlen != (size_t)(end - tag) || memcmp(mtag, tag, tlen)) return false;
    if (!strcmp(sname, "General")) return true;
    return strlen(sname) == (size_t)(sep - text) && !memcmp(sname, text, (size_t)(sep - text));
}

static bool names_match(LyExpr names, const char *text, size_t len) {
    if (!names) return true;
    if (ly_head_is(names, LY_SYM(List))) {
        for (size_t i = 1; i <= ly_nlen(names); i++)
            if (name_matches(ly_narg(names, i), text, len)) return true;
        return false;
    }
    return name_matches(names, text, len);
}

static void watch_hook(void *ud, const char *text, size_t len) {
    Watch *w = ud;
    bool named = names_match(w->names, text, len);
    if (named) w->seen = true;
    if (w->drop_all || (w->drop_named && named)) return;
    forward(w, text, len);
}

/* Evaluates x with the watch w installed (and the quiet level set to
 * quiet), restoring both afterwards, also on exits. */
static LyExpr watched(LyVM *vm, LyExpr x, Watch *w, int quiet) {
    ly_get_messages(vm, &w->prev, &w->prev_ud);
    int q0 = ly_set_quiet(vm, quiet);
    ly_set_messages(vm, watch_hook, w);
    LyExpr r = ly_evaluate(vm, x);
    ly_set_messages(vm, w->prev, w->prev_ud);
    ly_set_quiet(vm, q0);
    return r;
}

static LyExpr b_check(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 2) return lys_argcount(vm, e, 2, SIZE_MAX);
    Watch w = { 0 };
    if (n == 3) {
        w.names = ly_narg(e, 3);
    } else if (n > 3) {
        w.names = ly_mknormal(vm, LY_SYM(List), n - 2);
        if (!w.names) return NULL;
        for (size_t i = 3; i <= n; i++) ly_nset(w.names, i - 2, branch(e, i));
    }
    /* An enclosing Quiet does not blind Check: evaluate with the quiet level
     * at 0 and drop the lines here instead. */
    int q0 = ly_set_quiet(vm, 0);
    ly_set_quiet(vm, q0);
    w.drop_all = q0 > 0;
    LyExpr r = watched(vm, ly_narg(e, 1), &w, 0);
    if (n > 3) ly_unref(vm, w.names);
    if (!r) return NULL;
    if (!w.seen) return ly_evaluated(vm, r);
    ly_unref(vm, r);
    return branch(e, 2);
}

static LyExpr b_quiet(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 1 || n > 3) return lys_argcount(vm, e, 1, 3);
    LyExpr off = n >= 2 ? ly_narg(e, 2) : LY_SYM(All);
    LyExpr r;
    if (off == LY_SYM(All)) {
        int q0 = ly_set_quiet(vm, 0);
        ly_set_quiet(vm, q0 + 1);
        r = ly_evaluate(vm, ly_narg(e, 1));
        ly_set_quiet(vm, q0);
    } else if (off == LY_SYM(None) || (ly_head_is(off, LY_SYM(List)) && ly_nlen(off) == 0)) {
        r = ly_evaluate(vm, ly_narg(e, 1));
    } else {
        Watch w = { 0 };
        w.names = off;           /* held: s::t is not evaluated to its text */
        w.drop_named = true;
        int q0 = ly_set_quiet(vm, 0);
        ly_set_quiet(vm, q0);
        r = watched(vm, ly_narg(e, 1), &w, q0);
    }
    return ly_evaluated(vm, r);
}

/* ---- resource limits ----------------------------------------------------------- */

static bool positive_real(LyExpr x, double *out) {
    if (!ly_is_number(x) || ly_type(x) == LY_TCOMPLEX) return false;
    *out = ly_num_to_double(x);
    return *out > 0;
}

static LyExpr constrained(LyVM *vm, LyExpr e, bool time) {
    size_t n = ly_nlen(e);
    if (n < 2 || n > 3) return lys_argcount(vm, e, 2, 3);
    LyExpr sym = time ? lys_sym(vm, "TimeConstrained") : lys_sym(vm, "MemoryConstrained");
    LyExpr lim = ly_evaluate(vm, ly_narg(e, 2));
    if (!lim) return NULL;
    double v = 0;
    bool ok = lim == LY_SYM(Infinity) || (ly_head_is(lim, LY_SYM(DirectedInfinity))) ||
              positive_real(lim, &v);
    if (!ok) {
        if (time) ly_message(vm, sym, "timc", 1, lim);
        else ly_message(vm, sym, "ipnfm", 2, e, lys_int(2));
        ly_unref(vm, lim);
        return NULL;
    }
    ly_unref(vm, lim);
    int level = -1;
    if (v > 0) level = time ? ly_limit_push(vm, v, 0) : ly_limit_push(vm, 0, (size_t)v);
    LyExpr r = ly_evaluate(vm, ly_narg(e, 1));
    bool fired = level >= 0 && ly_limit_pop(vm, level);
    if (r) return ly_evaluated(vm, r);
    if (!fired || ly_exit_kind(vm) != LY_EXIT_ABORT) return NULL;
    ly_exit_take(vm, NULL, NULL);
    return n == 3 ? branch(e, 3) : LY_SYM(DAborted);
}

static LyExpr b_timeconstrained(LyVM *vm, LyExpr e) { return constrained(vm, e, true); }
static LyExpr b_memoryconstrained(LyVM *vm, LyExpr e) { return constrained(vm, e, false); }

/* MemoryInUse[] and MaxMemoryUsed[]: the bytes this VM's expressions hold
 * now and at most so far (what --max-memory and MemoryConstrained count;
 * worker VMs count their own). */
static LyExpr b_memoryinuse(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 0) return NULL;
    return ly_int(vm, (int64_t)ly_memory_in_use(vm));
}
static LyExpr b_maxmemoryused(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 0) return NULL;
    return ly_int(vm, (int64_t)ly_memory_max_used(vm));
}

/* ---- table ------------------------------------------------------------------------- */

static const LyBuiltin control_builtins[] = {
    { "If", b_if, "HoldRest Protected",
      "If[condition, t, f] gives t if condition evaluates to True, and f if it evaluates to False." },
    { "Which", b_which, "HoldAll Protected",
      "Which[test1, value1, test2, value2, ...] evaluates each of the testi in turn, returning the value of the valuei corresponding to the first one that yields True." },
    { "Switch", b_switch, "HoldRest Protected",
      "Switch[expr, form1, value1, form2, value2, ...] evaluates expr, then compares it with each of the formi in turn, evaluating and returning the valuei corresponding to the first match found." },
    { "While", b_while, "HoldAll Protected",
      "While[test, body] evaluates test, then body, repetitively, until test first fails to give True." },
    { "For", b_for, "HoldAll Protected",
      "For[start, test, incr, body] executes start, then repeatedly evaluates body and incr until test fails to give True." },
    { "Throw", b_throw, "Protected",
      "Throw[value] stops evaluation and returns value as the value of the nearest enclosing Catch." },
    { "Catch", b_catch, "HoldFirst Protected",
      "Catch[expr] returns the argument of the first Throw generated in the evaluation of expr." },
    { "Return", b_return, "Protected", "Return[expr] returns the value expr from a function." },
    { "Break", b_break, "Protected", "Break[] exits the nearest enclosing Do, For, or While." },
    { "Continue", b_continue, "Protected",
      "Continue[] exits to the nearest enclosing Do, For, or While in a procedural program." },
    { "Abort", b_abort, "Protected", "Abort[] generates an interrupt to abort a computation." },
    { "CheckAbort", b_checkabort, "HoldAll Protected",
      "CheckAbort[expr, failexpr] evaluates expr, returning failexpr if an abort occurs." },
    { "AbortProtect", b_abortprotect, "HoldAll Protected",
      "AbortProtect[expr] evaluates expr, saving any aborts until the evaluation is complete." },
    { "Check", b_check, "HoldAll Protected",
      "Check[expr, failexpr] evaluates expr, and returns the result, unless messages were generated, in which case it evaluates and returns failexpr." },
    { "Quiet", b_quiet, "HoldAll Protected",
      "Quiet[expr] evaluates expr \"quietly\", without actually outputting any messages generated." },
    { "TimeConstrained", b_timeconstrained, "HoldAll Protected",
      "TimeConstrained[expr, t] evaluates expr, stopping after t seconds." },
    { "MemoryConstrained", b_memoryconstrained, "HoldAll Protected",
      "MemoryConstrained[expr, b] evaluates expr, stopping if more than b bytes of memory are requested." },
    { "MemoryInUse", b_memoryinuse, "Protected",
      "MemoryInUse[] gives the number of bytes currently being used to store all data in the current Wolfram System session." },
    { "MaxMemoryUsed", b_maxmemoryused, "Protected",
      "MaxMemoryUsed[] gives the maximum number of bytes used to store all data for the current Wolfram System session." },
    { "$Aborted", NULL, "Protected",
      "$Aborted is a special symbol that is returned as the result from a calculation that has been aborted." },
    { NULL, NULL, NULL, NULL }
};

void lys_define_arg_messages(LyVM *vm) {
    ly_set_message(vm, "General", "argm", "`1` called with `2` arguments; `3` or more arguments are expected.");
    ly_set_message(vm, "General", "argmu", "`1` called with 1 argument; `2` or more arguments are expected.");
    ly_set_message(vm, "General", "argbu", "`1` called with 1 argument; between `2` and `3` arguments are expected.");
    ly_set_message(vm, "General", "argtu", "`1` called with 1 argument; `2` or `3` arguments are expected.");
}

LyStatus lys_open_control(LyVM *vm);
LyStatus lys_open_control(LyVM *vm) {
    lys_define_arg_messages(vm);
    ly_set_message(vm, "Which", "argct", "`1` called with `2` arguments.");
    ly_set_message(vm, "Which", "argctu", "`1` called with 1 argument.");
    ly_set_message(vm, "Switch", "argct", "`1` called with `2` arguments.");
    ly_set_message(vm, "TimeConstrained", "timc",
                   "Number of seconds `1` is not a positive machine-sized number or Infinity.");
    ly_set_message(vm, "MemoryConstrained", "ipnfm",
                   "Positive machine-sized integer or Infinity expected at position `2` in `1`.");
    return ly_register_table(vm, control_builtins);
}
