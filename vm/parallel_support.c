/*
 * parallel_support.c — what the evaluator does for foreign/'s objects.
 *
 * obj["name", args...] (which the parser also makes from obj.name(args...))
 * calls the method hook of obj's foreign type; obj[args...] calls its call
 * hook first when the type has one (CompiledFunction).  No threads here:
 * the hooks run on the VM's own thread like any builtin.
 */
#include "lyv.h"

LyExpr lyv_foreign_dispatch(LyVM *vm, LyExpr e, LyExpr head) {
    const LyForeignType *t = ly_foreign(head)->type;
    if (t && t->call) {
        LyExpr r = t->call(vm, head, e);
        if (r || ly_unwinding(vm)) return r;
    }
    if (!t || !t->method || ly_nlen(e) < 1 || !ly_is_string(ly_narg(e, 1))) return NULL;
    return t->method(vm, head, ly_str(ly_narg(e, 1))->s, ly_nlen(e) - 1, ly_nargs(e) + 1);
}
