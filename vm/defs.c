/*
 * defs.c — per-VM definitions of symbols: attributes, built-in code, own,
 * down, up and sub values, messages.  A VM keeps one LyDefs per symbol it
 * has given a definition, in an array indexed by the symbol's global id.
 */
#include "lyv.h"

static const struct { const char *name; uint32_t bit; } attr_names[] = {
    { "HoldFirst", LYA_HOLDFIRST }, { "HoldRest", LYA_HOLDREST }, { "HoldAll", LYA_HOLDALL },
    { "HoldAllComplete", LYA_HOLDALLCOMPLETE }, { "SequenceHold", LYA_SEQUENCEHOLD },
    { "Flat", LYA_FLAT }, { "Orderless", LYA_ORDERLESS }, { "OneIdentity", LYA_ONEIDENTITY },
    { "Listable", LYA_LISTABLE }, { "Protected", LYA_PROTECTED }, { "Locked", LYA_LOCKED },
    { "ReadProtected", LYA_READPROTECTED }, { "NumericFunction", LYA_NUMERICFUNCTION },
    { "Constant", LYA_CONSTANT }, { "Temporary", LYA_TEMPORARY }, { "NHoldAll", LYA_NHOLDALL },
    { "NHoldFirst", LYA_NHOLDFIRST }, { "NHoldRest", LYA_NHOLDREST }, { "Stub", LYA_STUB },
    { "OperatorForm", LYA_OPFORM }, { "Formatted", LYA_FORMAT },
    { "FusedFirst", LYA_FUSE },
    { NULL, 0 }
};

bool lyv_attrs_parse(const char *text, uint32_t *out) {
    uint32_t a = 0;
    const char *p = text ? text : "";
    while (*p) {
        while (*p == ' ' || *p == ',') p++;
        const char *q = p;
        while (*q && *q != ' ' && *q != ',') q++;
        if (q > p) {
            bool found = false;
            for (int i = 0; attr_names[i].name; i++) {
                if (strlen(attr_names[i].name) == (size_t)(q - p) &&
                    !memcmp(attr_names[i].name, p, (size_t)(q - p))) {
                    a |= attr_names[i].bit;
                    found = true;
                }
            }
            if (!found) return false;
        }
        p = q;
    }
    *out = a;
    return true;
}

const char *lyv_attr_name(int bit) {
    for (int i = 0; attr_names[i].name; i++)
        if (attr_names[i].bit == (1u << bit)) return attr_names[i].name;
    return NULL;
}

LyDefs *lyv_defs_new(LyVM *vm, LySymbol *s) {
    if (s->id >= vm->ndefs) {
        size_t n = vm->ndefs ? vm->ndefs : 512;
        while (n <= s->id) n *= 2;
        if (vm->ndefs_block < n / 64) {
            uint64_t *nb = lyv_realloc(vm, vm->defs_block, vm->ndefs_block * sizeof *nb, n / 64 * sizeof *nb);
            if (!nb) return NULL;
            memset(nb + vm->ndefs_block, 0, (n / 64 - vm->ndefs_block) * sizeof *nb);
            vm->defs_block = nb;
            vm->ndefs_block = n / 64;
        }
        LyDefs **nd = lyv_realloc(vm, vm->defs, vm->ndefs * sizeof *nd, n * sizeof *nd);
        if (!nd) return NULL;
        memset(nd + vm->ndefs, 0, (n - vm->ndefs) * sizeof *nd);
        vm->defs = nd;
        vm->ndefs = n;
    }
    LyDefs *d = vm->defs[s->id];
    if (!d) {
        d = lyv_alloc(vm, sizeof *d);
        if (!d) return NULL;
        memset(d, 0, sizeof *d);
        vm->defs[s->id] = d;
    }
    return d;
}

LyDefs *lyv_defs_make_(LyVM *vm, LySymbol *s) {
    vm->defs_version++;
    lyv_eval_changed(vm, s->id);
    LyDefs *d = lyv_defs_new(vm, s);
    if (d) lyv_defs_stamp(vm, s->id, d);
    return d;
}

/* Frees what d holds; d stays, empty. */
void lyv_defs_clear(LyVM *vm, LyDefs *d) {
    ly_unref(vm, d->own);
    if (d->up) vm->nupvalues--;
    lyv_ruleset_free(vm, d->down);
    lyv_ruleset_free(vm, d->up);
    lyv_ruleset_free(vm, d->sub);
    ly_unref(vm, d->messages);
    ly_unref(vm, d->defaults);
    ly_unref(vm, d->options);
    d->own = d->messages = d->defaults = d->options = NULL;
    d->down = d->up = d->sub = NULL;
    d->own_delayed = false;
    d->attrs = 0;
}

void lyv_defs_free_all(LyVM *vm) {
    for (size_t i = 0; i < vm->ndefs; i++) {
        LyDefs *d = vm->defs[i];
        if (!d) continue;
        lyv_defs_clear(vm, d);
        lyv_free(vm, d, sizeof *d);
    }
    lyv_free(vm, vm->defs, vm->ndefs * sizeof *vm->defs);
    lyv_free(vm, vm->defs_block, vm->ndefs_block * sizeof *vm->defs_block);
    vm->defs = NULL;
    vm->defs_block = NULL;
    vm->ndefs_block = 0;
    vm->ndefs = 0;
}

LyStatus ly_register(LyVM *vm, const char *name, LyCFunction fn, const char *attributes,
                     const char *usage) {
    lyv_owner_check(vm);
    uint32_t a;
    if (!lyv_attrs_parse(attributes, &a)) {
        snprintf(vm->errmsg, sizeof vm->errmsg, "ly_register: unknown attribute in \"%s\"", attributes);
        return LY_ERRARG;
    }
    LySymbol *s = lyv_intern(name, strlen(name));
    LyDefs *d = s ? lyv_defs(vm, s) : NULL;
    if (!d) { lyv_clear_unwind(vm); return LY_ERRMEM; }
    d->attrs |= a;
    if (fn && d->builtin && d->builtin != fn) d->builtin2 = d->builtin;
    if (fn) d->builtin = fn;
    if (usage) d->usage = usage;
    return LY_OK;
}

LyStatus ly_register_table(LyVM *vm, const LyBuiltin *t) {
    for (; t->name; t++) {
        LyStatus st = ly_register(vm, t->name, t->fn, t->attrs, t->usage);
        if (st != LY_OK) return st;
    }
    return LY_OK;
}
