/*
 * lyf_shared.c — SetSharedVariable: variables whose value lives in a
 * process-wide store instead of in each VM.
 *
 * SetSharedVariable[x] moves x's value into the store (transport form,
 * lyf_xfer.c) and gives x, in the calling VM, an own value that reads the
 * store and up-values for Set, Increment, PreIncrement, Decrement,
 * PreDecrement, AddTo, SubtractFrom, TimesBy, AppendTo and PrependTo that
 * update it.  Those definitions reach the workers like any other, so
 * every VM sees one x.  Each update runs under the store's mutex, reading
 * the current value, computing the new one in the updating VM and storing
 * it: x++ on 8 workers at once loses nothing.
 */
#include <stdlib.h>
#include <string.h>
#include "lyf.h"

typedef struct Entry { LySymbol *sym; LyfVal v; } Entry;

static pthread_mutex_t store_mu = PTHREAD_MUTEX_INITIALIZER;
static Entry *store;
static size_t nstore, capstore;

static Entry *find(LySymbol *s) {
    for (size_t i = 0; i < nstore; i++) if (store[i].sym == s) return &store[i];
    return NULL;
}

static bool put(LyVM *vm, LySymbol *s, LyExpr v) {
    LyfVal nv = lyf_val_put(vm, v);
    if (!nv) return false;
    Entry *e = find(s);
    if (!e) {
        if (nstore == capstore) {
            size_t nc = capstore ? capstore * 2 : 16;
            Entry *n = realloc(store, nc * sizeof *n);
            if (!n) { lyf_val_free(nv); return false; }
            store = n;
            capstore = nc;
        }
        e = &store[nstore++];
        e->sym = s;
        e->v = NULL;
    }
    lyf_val_free(e->v);
    e->v = nv;
    return true;
}

static LyExpr b_sharedget(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 1 || !ly_is_sym(ly_narg(e, 1))) return NULL;
    bool remote;
    LyExpr rv = lyf_cluster_shared(vm, e, &remote);
    if (remote) return rv;
    pthread_mutex_lock(&store_mu);
    Entry *en = find(ly_sym(ly_narg(e, 1)));
    LyExpr r = en && en->v ? lyf_val_peek(vm, en->v) : LY_SYM(Null);
    pthread_mutex_unlock(&store_mu);
    return r ? r : ly_raise_nomem(vm);
}

static LyExpr b_sharedop(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) < 2 || !ly_is_sym(ly_narg(e, 1)) || !ly_is_string(ly_narg(e, 2))) return NULL;
    bool remote;
    LyExpr rv = lyf_cluster_shared(vm, e, &remote);
    if (remote) return rv;
    LySymbol *s = ly_sym(ly_narg(e, 1));
    const char *op = ly_str(ly_narg(e, 2))->s;
    LyExpr arg = ly_nlen(e) >= 3 ? ly_narg(e, 3) : NULL;
    pthread_mutex_lock(&store_mu);
    Entry *en = find(s);
    LyExpr cur = en && en->v ? lyf_val_peek(vm, en->v) : LY_SYM(Null);
    LyExpr nv = NULL;
    bool old_result = false;
    if (!strcmp(op, "Set") && arg) { ly_ref(arg); nv = arg; }
    else {
        LyExpr x = NULL;
        if (!strcmp(op, "Increment") || !strcmp(op, "PreIncrement") || !strcmp(op, "Decrement") || !strcmp(op, "PreDecrement")) {
            old_result = op[0] != 'P';
            ly_ref(cur);
            x = ly_mk(vm, LY_SYM(Plus), 2, cur, ly_mksmall(strstr(op, "Increment") ? 1 : -1));
        } else if (arg) {
            const char *h = !strcmp(op, "AddTo") ? "Plus" : !strcmp(op, "TimesBy") ? "Times"
                          : !strcmp(op, "AppendTo") ? "Append" : !strcmp(op, "PrependTo") ? "Prepend" : NULL;
            ly_ref(cur);
            ly_ref(arg);
            if (h) x = ly_mk(vm, ly_symbol(vm, h), 2, cur, arg);
            else if (!strcmp(op, "SubtractFrom"))
                x = ly_mk(vm, LY_SYM(Plus), 2, cur, ly_mk(vm, LY_SYM(Times), 2, ly_mksmall(-1), arg));
            else { ly_unref(vm, cur); ly_unref(vm, arg); }
        }
        if (x) { nv = ly_evaluate(vm, x); ly_unref(vm, x); }
    }
    bool ok = nv && put(vm, s, nv);
    pthread_mutex_unlock(&store_mu);
    if (!ok) { ly_unref(vm, cur); ly_unref(vm, nv); return ly_unwinding(vm) ? NULL : ly_raise_nomem(vm); }
    if (old_result) { ly_unref(vm, nv); return ly_evaluated(vm, cur); }
    ly_unref(vm, cur);
    return ly_evaluated(vm, nv);
}

static const char *templ =
    "Lyra`Private`sv := Lyra`Private`SharedGet[Lyra`Private`sv];"
    "Lyra`Private`sv /: Set[Lyra`Private`sv, Lyra`Private`v_] := Lyra`Private`SharedOp[Lyra`Private`sv, \"Set\", Lyra`Private`v];"
    "Lyra`Private`sv /: Increment[Lyra`Private`sv] := Lyra`Private`SharedOp[Lyra`Private`sv, \"Increment\"];"
    "Lyra`Private`sv /: PreIncrement[Lyra`Private`sv] := Lyra`Private`SharedOp[Lyra`Private`sv, \"PreIncrement\"];"
    "Lyra`Private`sv /: Decrement[Lyra`Private`sv] := Lyra`Private`SharedOp[Lyra`Private`sv, \"Decrement\"];"
    "Lyra`Private`sv /: PreDecrement[Lyra`Private`sv] := Lyra`Private`SharedOp[Lyra`Private`sv, \"PreDecrement\"];"
    "Lyra`Private`sv /: AddTo[Lyra`Private`sv, Lyra`Private`v_] := Lyra`Private`SharedOp[Lyra`Private`sv, \"AddTo\", Lyra`Private`v];"
    "Lyra`Private`sv /: SubtractFrom[Lyra`Private`sv, Lyra`Private`v_] := Lyra`Private`SharedOp[Lyra`Private`sv, \"SubtractFrom\", Lyra`Private`v];"
    "Lyra`Private`sv /: TimesBy[Lyra`Private`sv, Lyra`Private`v_] := Lyra`Private`SharedOp[Lyra`Private`sv, \"TimesBy\", Lyra`Private`v];"
    "Lyra`Private`sv /: AppendTo[Lyra`Private`sv, Lyra`Private`v_] := Lyra`Private`SharedOp[Lyra`Private`sv, \"AppendTo\", Lyra`Private`v];"
    "Lyra`Private`sv /: PrependTo[Lyra`Private`sv, Lyra`Private`v_] := Lyra`Private`SharedOp[Lyra`Private`sv, \"PrependTo\", Lyra`Private`v];";

static LyExpr b_setsharedvariable(LyVM *vm, LyExpr e) {
    for (size_t i = 1; i <= ly_nlen(e); i++) if (!ly_is_sym(ly_narg(e, i))) return NULL;
    LyExpr placeholder = ly_symbol(vm, "Lyra`Private`sv");
    for (size_t i = 1; i <= ly_nlen(e); i++) {
        LyExpr x = ly_narg(e, i);
        LyExpr v = ly_own_value(vm, x);
        pthread_mutex_lock(&store_mu);
        bool ok = put(vm, ly_sym(x), v ? v : LY_SYM(Null));
        pthread_mutex_unlock(&store_mu);
        if (!ok) return ly_raise_nomem(vm);
        LyExpr code = NULL;
        if (ly_parse(vm, templ, strlen(templ), "<SetSharedVariable>", &code) != LY_OK) return NULL;
        LyExpr defs = ly_substitute(vm, code, 1, &placeholder, &x);
        ly_unref(vm, code);
        if (!defs) return NULL;
        ly_set_own_value(vm, x, NULL);
        LyExpr r = ly_evaluate(vm, defs);
        ly_unref(vm, defs);
        if (!r) return NULL;
        ly_unref(vm, r);
    }
    return LY_SYM(Null);
}

static const LyBuiltin shared_builtins[] = {
    { "SetSharedVariable", b_setsharedvariable, "HoldAll Protected",
      "SetSharedVariable[x] makes x one variable shared by the caller and every worker; its updates are atomic." },
    { "Lyra`Private`SharedGet", b_sharedget, "HoldAll Protected", NULL },
    { "Lyra`Private`SharedOp", b_sharedop, "HoldFirst Protected", NULL },
    { NULL, NULL, NULL, NULL }
};

LyStatus lyf_open_shared(LyVM *vm) { return ly_register_table(vm, shared_builtins); }
