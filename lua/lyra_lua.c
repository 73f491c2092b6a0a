/*
 * lyra_lua.c — the Lua 5.4 module `lyra`: Lyra from Lua.
 *
 *   local lyra = require "lyra"
 *   lyra.eval("Total[Range[100]]")        --> 5050 (a Lua integer)
 *   lyra.call("StringReverse", "abc")     --> "cba"
 *   local vm = lyra.new(); vm:eval("x = 2"); vm:eval("x^10")   --> 1024
 *
 * A host like any other, written against lyra.h (plus lyra_ext.h's borrowed
 * accessors, so that converting a value makes no new references).
 *
 * VMs: lyra.new() makes a VM object; the module-level functions use one
 * default VM per lua_State, made on first use.  A VM allocates through the
 * lua_State's allocator (lua_getallocf), so a host that limits or counts
 * Lua's memory sees Lyra's too.  It is closed by vm:close() or by the
 * garbage collector (also at lua_close).
 *
 * Values (tolua): integers that fit in 64 bits -> Lua integers; machine
 * reals -> floats; strings -> strings; True/False -> booleans; Null -> nil
 * (lyra.null inside tables, so lists keep their length); List and packed
 * arrays -> sequences; associations -> tables keyed by the converted keys;
 * anything else (big integers, rationals, complex numbers, symbols, other
 * expressions, foreign objects) -> an Expr userdata that prints as
 * InputForm (__tostring), compares with SameQ (__eq), has a length (#),
 * can be called (f(x) evaluates f[x]) and has methods :head() :part(i)
 * :kind() :fullform() :tonumber() :value() :eval().
 * Back (tolyra): nil/lyra.null -> Null, booleans, integers, floats,
 * strings, Expr userdata (copied in when from another VM), sequences ->
 * List, other tables -> Association (keys in traversal order).
 *
 * Errors raise a Lua error whose message is Lyra's ("file:line:col: ..."
 * for syntax errors, "uncaught Throw[...]", "$Aborted", "out of memory"):
 * use pcall, as with dofile.  Messages (f::tag) are not errors: they go to
 * stderr, or to the function given to vm:set_messages.
 *
 * Safety with Lua's longjmp errors: no Lyra call is ever in progress when
 * a Lua error is raised, and every LyExpr reference is owned by an Expr
 * userdata from the moment it exists (results land in a box made before
 * the call; conversions read borrowed parts), so an error leaks nothing.
 * Hooks run Lua functions under lua_pcall; an error in one aborts the
 * evaluation and is raised once it has returned.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <lua.h>
#include <lauxlib.h>
#include <lyra.h>
#include <lyra_ext.h>

#define VM_MT "lyra.VM"
#define EXPR_MT "lyra.Expr"
#define MAX_DEPTH 200          /* nesting converted; deeper parts stay Expr */

typedef struct ExprBox ExprBox;

typedef struct VMBox {
    LyVM *vm;                  /* NULL once closed */
    ExprBox *boxes;            /* live Expr boxes holding values of vm */
    lua_State *L;              /* the state of the evaluation in progress */
    int busy;                  /* inside a Lyra call: no re-entry from hooks */
    int out_ref, msg_ref;      /* hook functions (registry refs) or LUA_NOREF */
    int hook_failed;           /* a hook raised: its message is at hook_err */
    int hook_err;              /* registry ref of that message */
} VMBox;

/* An Expr: one reference to a value of a VM.  Uservalue 1 is the VMBox
 * (keeping it alive); the boxes of a VM are linked, so that closing the
 * VM releases the values Lua still holds and every byte goes back. */
struct ExprBox { LyExpr e; VMBox *owner; ExprBox *prev, *next; };

static char null_sentinel;     /* lyra.null: a light userdata to this */

/* ---- boxes --------------------------------------------------------------------------- */

static VMBox *check_vm(lua_State *L, int idx) {
    VMBox *b = luaL_checkudata(L, idx, VM_MT);
    if (!b->vm) luaL_error(L, "lyra: the VM is closed");
    if (b->busy) luaL_error(L, "lyra: the VM is busy (called from one of its own hooks)");
    return b;
}

/* A new Expr box holding nothing yet, for the VM at vmidx; pushed. */
static ExprBox *new_box(lua_State *L, int vmidx) {
    vmidx = lua_absindex(L, vmidx);
    VMBox *b = lua_touserdata(L, vmidx);
    ExprBox *x = lua_newuserdatauv(L, sizeof *x, 1);
    x->e = NULL;
    x->owner = b;
    x->prev = NULL;
    x->next = b->boxes;
    if (b->boxes) b->boxes->prev = x;
    b->boxes = x;
    luaL_setmetatable(L, EXPR_MT);
    lua_pushvalue(L, vmidx);
    lua_setiuservalue(L, -2, 1);
    return x;
}

/* The Expr box at idx and its VM (pushed by nothing; *vmb set). */
static ExprBox *check_expr(lua_State *L, int idx, VMBox **vmb) {
    ExprBox *x = luaL_checkudata(L, idx, EXPR_MT);
    lua_getiuservalue(L, idx, 1);
    VMBox *b = lua_touserdata(L, -1);
    lua_pop(L, 1);
    if (!b || !b->vm) luaL_error(L, "lyra: the expression's VM is closed");
    if (b->busy) luaL_error(L, "lyra: the VM is busy (called from one of its own hooks)");
    *vmb = b;
    return x;
}

/* ---- hooks ------------------------------------------------------------------------------ */

typedef struct HookCall { VMBox *b; int ref; const char *text; size_t len; } HookCall;

/* Runs under lua_pcall: calls the hook function with the line. */
static int hook_body(lua_State *L) {
    HookCall *h = lua_touserdata(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->ref);
    lua_pushlstring(L, h->text, h->len);
    lua_call(L, 1, 0);
    return 0;
}

static void run_hook(VMBox *b, int ref, const char *text, size_t len) {
    lua_State *L = b->L;
    if (!L || b->hook_failed || !lua_checkstack(L, 4)) return;
    HookCall h = { b, ref, text, len };
    lua_pushcfunction(L, hook_body);
    lua_pushlightuserdata(L, &h);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
        /* keep the message; stop the evaluation; raised once it returns */
        b->hook_err = luaL_ref(L, LUA_REGISTRYINDEX);
        b->hook_failed = 1;
        ly_abort(b->vm);
    }
}

static void out_hook(void *ud, const char *text, size_t len) { VMBox *b = ud; run_hook(b, b->out_ref, text, len); }
static void msg_hook(void *ud, const char *text, size_t len) { VMBox *b = ud; run_hook(b, b->msg_ref, text, len); }

static void enter(lua_State *L, VMBox *b) { b->L = L; b->busy = 1; b->hook_failed = 0; }

/* Ends a Lyra call; raises the error of a failed hook. */
static void leave(lua_State *L, VMBox *b) {
    b->busy = 0;
    b->L = NULL;
    if (b->hook_failed) {
        b->hook_failed = 0;
        lua_rawgeti(L, LUA_REGISTRYINDEX, b->hook_err);
        luaL_unref(L, LUA_REGISTRYINDEX, b->hook_err);
        lua_error(L);
    }
}

static int set_hook(lua_State *L, int which) {
    VMBox *b = check_vm(L, 1);
    int *ref = which ? &b->msg_ref : &b->out_ref;
    if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TFUNCTION);
    luaL_unref(L, LUA_REGISTRYINDEX, *ref);
    *ref = LUA_NOREF;
    if (!lua_isnoneornil(L, 2)) {
        lua_pushvalue(L, 2);
        *ref = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    if (which) ly_set_messages(b->vm, *ref == LUA_NOREF ? NULL : msg_hook, b);
    else ly_set_output(b->vm, *ref == LUA_NOREF ? NULL : out_hook, b);
    return 0;
}

/* ---- Lyra -> Lua ---------------------------------------------------------------------- */

static void push_value(lua_State *L, int vmidx, LyExpr e, int depth, int inside);

static void push_boxed(lua_State *L, int vmidx, LyExpr e) {
    VMBox *b = lua_touserdata(L, vmidx);
    ExprBox *x = new_box(L, vmidx);
    ly_incref(b->vm, e);
    x->e = e;
}

static bool is_list(LyExpr e) {
    return ly_type(e) == LY_TPACKED || (ly_is_normal(e) && ly_nhead(e) == LY_SYM(List));
}

/* Level `lev` of a packed array from flat element `off`: nested sequences
 * of Lua integers or floats (rank is at most a few: no depth limit needed). */
static void push_packed(lua_State *L, LyPacked *p, unsigned lev, size_t off, size_t stride) {
    luaL_checkstack(L, 4, "lyra: value nested too deeply");
    size_t n = p->dims[lev];
    lua_createtable(L, n > INT32_MAX ? INT32_MAX : (int)n, 0);
    size_t sub = n ? stride / n : 0;
    for (size_t i = 0; i < n; i++) {
        if (lev + 1 < p->h.aux) push_packed(L, p, lev + 1, off + i * sub, sub);
        else if (p->h.flags == LY_PACKED_INT64) lua_pushinteger(L, ((int64_t *)p->data)[off + i]);
        else lua_pushnumber(L, ((double *)p->data)[off + i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

static void push_value(lua_State *L, int vmidx, LyExpr e, int depth, int inside) {
    luaL_checkstack(L, 6, "lyra: value nested too deeply");
    int64_t v;
    if (ly_get_int64(e, &v)) { lua_pushinteger(L, v); return; }
    switch (ly_kind(e)) {
    case LY_KREAL: lua_pushnumber(L, ly_realv(e)); return;
    case LY_KSTRING: lua_pushlstring(L, ly_str(e)->s, ly_str(e)->len); return;
    case LY_KSYMBOL:
        if (e == LY_SYM(True)) { lua_pushboolean(L, 1); return; }
        if (e == LY_SYM(False)) { lua_pushboolean(L, 0); return; }
        if (e == LY_SYM(Null)) {
            if (inside) lua_pushlightuserdata(L, &null_sentinel); else lua_pushnil(L);
            return;
        }
        break;
    case LY_KPACKED:
        if (depth < MAX_DEPTH) { push_packed(L, ly_packed(e), 0, 0, ly_packed(e)->len); return; }
        break;
    case LY_KNORMAL:
        if (is_list(e) && depth < MAX_DEPTH) {
            size_t n = ly_nlen(e);
            lua_createtable(L, n > INT32_MAX ? INT32_MAX : (int)n, 0);
            for (size_t i = 1; i <= n; i++) {
                push_value(L, vmidx, ly_narg(e, i), depth + 1, 1);
                lua_rawseti(L, -2, (lua_Integer)i);
            }
            return;
        }
        break;
    case LY_KASSOC:
        if (depth < MAX_DEPTH) {
            LyAssoc *a = ly_assoc(e);
            lua_createtable(L, 0, a->len > INT32_MAX ? INT32_MAX : (int)a->len);
            for (size_t i = 0; i < a->len; i++) {
                LyExpr k = ly_narg(a->rules[i], 1);
                push_value(L, vmidx, k, depth + 1, 1);
                if (lua_type(L, -1) == LUA_TNUMBER && isnan(lua_tonumber(L, -1))) {
                    lua_pop(L, 1);            /* NaN cannot be a key: keep it boxed */
                    push_boxed(L, vmidx, k);
                }
                push_value(L, vmidx, ly_narg(a->rules[i], 2), depth + 1, 1);
                lua_rawset(L, -3);
            }
            return;
        }
        break;
    default:
        break;
    }
    push_boxed(L, vmidx, e);
}

/* ---- Lua -> Lyra -------------------------------------------------------------------------- */

typedef struct Conv { LyVM *vm; char err[160]; } Conv;

static LyExpr to_expr(lua_State *L, int idx, Conv *c, int depth);

/* The table at idx as a List (a sequence 1..n) or an Association. */
static LyExpr table_to_expr(lua_State *L, int idx, Conv *c, int depth) {
    if (depth >= MAX_DEPTH) {
        snprintf(c->err, sizeof c->err, "table nested too deeply (a cycle?)");
        return NULL;
    }
    if (!lua_checkstack(L, 6)) { snprintf(c->err, sizeof c->err, "Lua stack overflow"); return NULL; }
    lua_Unsigned n = lua_rawlen(L, idx), count = 0;
    bool seq = true;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        count++;
        lua_Integer k;
        if (!lua_isinteger(L, -2) || (k = lua_tointeger(L, -2)) < 1 || (lua_Unsigned)k > n) seq = false;
        lua_pop(L, 1);
    }
    if (seq && count == n) {
        /* the items, then the List */
        LyExpr *items = n ? ly_alloc(c->vm, (size_t)n * sizeof *items) : NULL;
        if (n && !items) { snprintf(c->err, sizeof c->err, "out of memory"); return NULL; }
        size_t made = 0;
        for (lua_Unsigned i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, (lua_Integer)i);
            LyExpr x = to_expr(L, lua_gettop(L), c, depth + 1);
            lua_pop(L, 1);
            if (!x) break;
            items[made++] = x;
        }
        LyExpr r = made == n ? ly_list(c->vm, made, items) : NULL;
        if (made == n && !r) snprintf(c->err, sizeof c->err, "out of memory");
        for (size_t i = 0; i < made; i++) ly_decref(c->vm, items[i]);
        if (items) ly_dealloc(c->vm, items, (size_t)n * sizeof *items);
        return r;
    }
    /* an association: keys and values in traversal order */
    LyExpr *kv = ly_alloc(c->vm, (count ? (size_t)count : 1) * 2 * sizeof *kv);
    if (!kv) { snprintf(c->err, sizeof c->err, "out of memory"); return NULL; }
    size_t made = 0;
    bool ok = true;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        LyExpr k = ok ? to_expr(L, lua_gettop(L) - 1, c, depth + 1) : NULL;
        LyExpr v = k ? to_expr(L, lua_gettop(L), c, depth + 1) : NULL;
        lua_pop(L, 1);
        if (!v) { ly_decref(c->vm, k); ok = false; continue; }   /* finish the traversal */
        kv[made] = k;
        kv[count + made] = v;
        made++;
    }
    LyExpr r = ok ? ly_association(c->vm, made, kv, kv + count) : NULL;
    if (ok && !r) snprintf(c->err, sizeof c->err, "out of memory");
    for (size_t i = 0; i < made; i++) { ly_decref(c->vm, kv[i]); ly_decref(c->vm, kv[count + i]); }
    ly_dealloc(c->vm, kv, (count ? (size_t)count : 1) * 2 * sizeof *kv);
    return r;
}

/* A new reference to the Lyra form of the Lua value at idx, or NULL with
 * c->err set.  Raises no Lua error. */
static LyExpr to_expr(lua_State *L, int idx, Conv *c, int depth) {
    idx = lua_absindex(L, idx);
    LyExpr r = NULL;
    switch (lua_type(L, idx)) {
    case LUA_TNIL: return ly_symbol(c->vm, "Null");
    case LUA_TBOOLEAN: return ly_symbol(c->vm, lua_toboolean(L, idx) ? "True" : "False");
    case LUA_TNUMBER:
        r = lua_isinteger(L, idx) ? ly_int(c->vm, lua_tointeger(L, idx)) : ly_real(c->vm, lua_tonumber(L, idx));
        break;
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        r = ly_string(c->vm, s, len);
        break;
    }
    case LUA_TTABLE: return table_to_expr(L, idx, c, depth);
    case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L, idx) == &null_sentinel) return ly_symbol(c->vm, "Null");
        snprintf(c->err, sizeof c->err, "cannot convert a light userdata to a Lyra value");
        return NULL;
    case LUA_TUSERDATA: {
        ExprBox *x = luaL_testudata(L, idx, EXPR_MT);
        if (!x) break;
        lua_getiuservalue(L, idx, 1);
        VMBox *b = lua_touserdata(L, -1);
        lua_pop(L, 1);
        if (!b || !b->vm || !x->e) { snprintf(c->err, sizeof c->err, "the expression's VM is closed"); return NULL; }
        if (b->vm == c->vm) { ly_incref(c->vm, x->e); return x->e; }
        r = ly_copy(c->vm, x->e);       /* from another VM (idle: this is its only thread) */
        break;
    }
    default:
        break;
    }
    if (!r && !c->err[0]) {
        int t = lua_type(L, idx);
        if (t == LUA_TNUMBER || t == LUA_TSTRING || (t == LUA_TUSERDATA && luaL_testudata(L, idx, EXPR_MT)))
            snprintf(c->err, sizeof c->err, "out of memory");
        else
            snprintf(c->err, sizeof c->err, "cannot convert a %s to a Lyra value", luaL_typename(L, idx));
    }
    return r;
}

/* Converts the Lua value at idx into a new Expr box (pushed) or raises. */
static ExprBox *push_converted(lua_State *L, int vmidx, VMBox *b, int idx) {
    idx = lua_absindex(L, idx);
    ExprBox *x = new_box(L, vmidx);
    Conv c = { b->vm, "" };
    x->e = to_expr(L, idx, &c, 0);
    if (!x->e) luaL_error(L, "lyra: %s", c.err);
    return x;
}

/* Pushes s (from ly_tostring, owned) as a Lua string and frees it, even
 * when pushing raises (out of Lua memory): the push runs under lua_pcall. */
static int push_str_body(lua_State *L) {
    lua_pushstring(L, lua_touserdata(L, 1));
    return 1;
}
static void push_owned_string(lua_State *L, LyVM *vm, char *s) {
    if (!s) luaL_error(L, "lyra: out of memory");
    lua_pushcfunction(L, push_str_body);
    lua_pushlightuserdata(L, s);
    int st = lua_pcall(L, 1, 1, 0);
    ly_free(vm, s);
    if (st != LUA_OK) lua_error(L);
}

/* ---- evaluation -------------------------------------------------------------------------------- */

/* After a Lyra call that stored its result in the box at boxidx: raises on
 * failure, else replaces nothing and pushes the Lua form of the result. */
static int finish(lua_State *L, VMBox *b, int vmidx, LyStatus st, int boxidx) {
    leave(L, b);
    ExprBox *x = lua_touserdata(L, boxidx);
    if (st != LY_OK) {
        const char *m = ly_errmsg(b->vm);
        if (st == LY_ERRRUN && x->e) {
            lua_pushfstring(L, "lyra: %s: ", m);
            push_owned_string(L, b->vm, ly_tostring(b->vm, x->e, LY_FORM_INPUT));
            lua_concat(L, 2);
        } else if (st == LY_QUIT) {
            lua_pushfstring(L, "lyra: Quit[%d]", ly_quit_code(b->vm));
        } else {
            lua_pushfstring(L, "lyra: %s", m[0] ? m : ly_status_name(st));
        }
        return lua_error(L);
    }
    push_value(L, vmidx, x->e, 0, 0);
    return 1;
}

static int do_eval(lua_State *L, int vmidx, VMBox *b, int codeidx, int chunkidx) {
    size_t len;
    const char *src = luaL_checklstring(L, codeidx, &len);
    const char *chunk = luaL_optstring(L, chunkidx, "<eval>");
    if (chunk[0] == '=' || chunk[0] == '@') chunk++;
    new_box(L, vmidx);
    int boxidx = lua_gettop(L);
    ExprBox *x = lua_touserdata(L, boxidx);
    enter(L, b);
    LyStatus st = ly_eval_string(b->vm, src, len, chunk, &x->e);
    return finish(L, b, vmidx, st, boxidx);
}

static int do_call(lua_State *L, int vmidx, VMBox *b, int fidx) {
    const char *fname = luaL_checkstring(L, fidx);
    int first = fidx + 1, n = lua_gettop(L) - fidx;
    luaL_checkstack(L, n + 8, "lyra: too many arguments");
    /* the call expression, built from boxed arguments (no leak on errors) */
    LyExpr *args = lua_newuserdatauv(L, (size_t)(n ? n : 1) * sizeof *args, 0);
    for (int i = 0; i < n; i++) args[i] = push_converted(L, vmidx, b, first + i)->e;
    new_box(L, vmidx);
    int boxidx = lua_gettop(L);
    ExprBox *x = lua_touserdata(L, boxidx);
    x->e = ly_applyf(b->vm, fname, (size_t)n, args);      /* fname[args...] */
    if (!x->e) return luaL_error(L, "lyra: out of memory");
    new_box(L, vmidx);
    int residx = lua_gettop(L);
    ExprBox *res = lua_touserdata(L, residx);
    enter(L, b);
    LyStatus st = ly_eval(b->vm, x->e, &res->e);
    return finish(L, b, vmidx, st, residx);
}

/* ---- the VM object ---------------------------------------------------------------------------- */

static int vm_eval(lua_State *L) { VMBox *b = check_vm(L, 1); return do_eval(L, 1, b, 2, 3); }
static int vm_call(lua_State *L) { VMBox *b = check_vm(L, 1); return do_call(L, 1, b, 2); }

static int vm_parse(lua_State *L) {
    VMBox *b = check_vm(L, 1);
    size_t len;
    const char *src = luaL_checklstring(L, 2, &len);
    ExprBox *x = new_box(L, 1);
    LyExpr r = NULL;
    enter(L, b);
    LyStatus st = ly_parse(b->vm, src, len, "<parse>", &r);
    leave(L, b);
    if (st != LY_OK) return luaL_error(L, "lyra: %s", ly_errmsg(b->vm));
    x->e = r;
    return 1;
}

static int vm_symbol(lua_State *L) {
    VMBox *b = check_vm(L, 1);
    const char *name = luaL_checkstring(L, 2);
    ExprBox *x = new_box(L, 1);
    x->e = ly_symbol(b->vm, name);
    if (!x->e) return luaL_error(L, "lyra: out of memory");
    return 1;
}

/* vm:tolyra(v): the Lua value v as an Expr of this VM. */
static int vm_tolyra(lua_State *L) {
    VMBox *b = check_vm(L, 1);
    luaL_checkany(L, 2);
    push_converted(L, 1, b, 2);
    return 1;
}

static int vm_set_output(lua_State *L) { return set_hook(L, 0); }
static int vm_set_messages(lua_State *L) { return set_hook(L, 1); }

static int vm_memory(lua_State *L) {
    VMBox *b = check_vm(L, 1);
    lua_pushinteger(L, (lua_Integer)ly_memory_in_use(b->vm));
    return 1;
}

static int vm_set_max_memory(lua_State *L) {
    VMBox *b = check_vm(L, 1);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_argcheck(L, n >= 0, 2, "must be >= 0");
    ly_set_max_memory(b->vm, (size_t)n);
    return 0;
}

static void close_box(lua_State *L, VMBox *b) {
    if (!b->vm) return;
    for (ExprBox *x = b->boxes, *next; x; x = next) {   /* values Lua still holds */
        next = x->next;
        ly_decref(b->vm, x->e);
        x->e = NULL;
        x->owner = NULL;
        x->prev = x->next = NULL;
    }
    b->boxes = NULL;
    ly_close(b->vm);
    b->vm = NULL;
    luaL_unref(L, LUA_REGISTRYINDEX, b->out_ref);
    luaL_unref(L, LUA_REGISTRYINDEX, b->msg_ref);
    b->out_ref = b->msg_ref = LUA_NOREF;
}

static int vm_close(lua_State *L) {
    VMBox *b = luaL_checkudata(L, 1, VM_MT);
    if (b->busy) return luaL_error(L, "lyra: the VM is busy (called from one of its own hooks)");
    close_box(L, b);
    return 0;
}

static int vm_gc(lua_State *L) {
    VMBox *b = luaL_checkudata(L, 1, VM_MT);
    if (!b->busy) close_box(L, b);
    return 0;
}

static int vm_tostring(lua_State *L) {
    VMBox *b = luaL_checkudata(L, 1, VM_MT);
    lua_pushfstring(L, "lyra.VM (%s)", b->vm ? "open" : "closed");
    return 1;
}

/* Pushes a new VM object using L's allocator. */
static VMBox *new_vm(lua_State *L) {
    VMBox *b = lua_newuserdatauv(L, sizeof *b, 0);
    memset(b, 0, sizeof *b);
    b->out_ref = b->msg_ref = b->hook_err = LUA_NOREF;
    luaL_setmetatable(L, VM_MT);
    void *ud;
    lua_Alloc f = lua_getallocf(L, &ud);
    b->vm = ly_new((LyAlloc)f, ud);
    if (!b->vm) luaL_error(L, "lyra: cannot create a VM (out of memory)");
    return b;
}

/* lyra.new([{max_memory = bytes}]) */
static int l_new(lua_State *L) {
    VMBox *b = new_vm(L);
    if (lua_istable(L, 1)) {
        lua_getfield(L, 1, "max_memory");
        if (!lua_isnil(L, -1)) ly_set_max_memory(b->vm, (size_t)luaL_checkinteger(L, -1));
        lua_pop(L, 1);
    }
    return 1;
}

/* ---- the default VM of this lua_State ------------------------------------------------------------ */

static const char default_key = 'D';

/* Pushes the default VM (made on first use). */
static VMBox *default_vm(lua_State *L) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &default_key);
    VMBox *b = luaL_testudata(L, -1, VM_MT);
    if (b && b->vm) {
        if (b->busy) luaL_error(L, "lyra: the VM is busy (called from one of its own hooks)");
        return b;
    }
    lua_pop(L, 1);
    b = new_vm(L);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &default_key);
    return b;
}

/* The module functions: the VM method of the same name on the default VM,
 * with the default VM inserted as argument 1. */
static int with_default(lua_State *L, lua_CFunction method) {
    default_vm(L);
    lua_insert(L, 1);
    return method(L);
}
static int l_eval(lua_State *L) { return with_default(L, vm_eval); }
static int l_call(lua_State *L) { return with_default(L, vm_call); }
static int l_parse(lua_State *L) { return with_default(L, vm_parse); }
static int l_symbol(lua_State *L) { return with_default(L, vm_symbol); }
static int l_tolyra(lua_State *L) { return with_default(L, vm_tolyra); }
static int l_set_output(lua_State *L) { return with_default(L, vm_set_output); }
static int l_set_messages(lua_State *L) { return with_default(L, vm_set_messages); }
static int l_default(lua_State *L) { default_vm(L); return 1; }

/* ---- Expr objects ------------------------------------------------------------------------------ */

static int expr_gc(lua_State *L) {
    ExprBox *x = luaL_checkudata(L, 1, EXPR_MT);
    VMBox *b = x->owner;
    if (!b) return 0;                    /* its VM was closed: released then */
    if (b->vm && x->e) ly_decref(b->vm, x->e);
    if (x->prev) x->prev->next = x->next; else b->boxes = x->next;
    if (x->next) x->next->prev = x->prev;
    x->e = NULL;
    x->owner = NULL;
    return 0;
}

static int expr_tostring_form(lua_State *L, LyForm form) {
    VMBox *b;
    ExprBox *x = check_expr(L, 1, &b);
    push_owned_string(L, b->vm, ly_tostring(b->vm, x->e, form));
    return 1;
}
static int expr_tostring(lua_State *L) { return expr_tostring_form(L, LY_FORM_INPUT); }
static int expr_fullform(lua_State *L) { return expr_tostring_form(L, LY_FORM_FULL); }

static int expr_eq(lua_State *L) {
    ExprBox *x = luaL_testudata(L, 1, EXPR_MT), *y = luaL_testudata(L, 2, EXPR_MT);
    lua_pushboolean(L, x && y && x->e && y->e && ly_same(x->e, y->e));
    return 1;
}

static int expr_len(lua_State *L) {
    VMBox *b;
    ExprBox *x = check_expr(L, 1, &b);
    lua_pushinteger(L, (lua_Integer)ly_length(x->e));
    return 1;
}

/* f(a, b): evaluates f[a, b] in f's VM. */
static int expr_call(lua_State *L) {
    VMBox *b;
    ExprBox *f = check_expr(L, 1, &b);
    int n = lua_gettop(L) - 1;
    luaL_checkstack(L, n + 8, "lyra: too many arguments");
    lua_getiuservalue(L, 1, 1);
    int vmidx = lua_gettop(L);
    LyExpr *args = lua_newuserdatauv(L, (size_t)(n ? n : 1) * sizeof *args, 0);
    for (int i = 0; i < n; i++) args[i] = push_converted(L, vmidx, b, 2 + i)->e;
    ExprBox *call = new_box(L, vmidx);
    call->e = ly_apply(b->vm, f->e, (size_t)n, args);
    if (!call->e) return luaL_error(L, "lyra: out of memory");
    new_box(L, vmidx);
    int residx = lua_gettop(L);
    ExprBox *res = lua_touserdata(L, residx);
    enter(L, b);
    LyStatus st = ly_eval(b->vm, call->e, &res->e);
    return finish(L, b, vmidx, st, residx);
}

static int expr_eval(lua_State *L) {
    VMBox *b;
    ExprBox *x = check_expr(L, 1, &b);
    lua_getiuservalue(L, 1, 1);
    int vmidx = lua_gettop(L);
    new_box(L, vmidx);
    int residx = lua_gettop(L);
    ExprBox *res = lua_touserdata(L, residx);
    enter(L, b);
    LyStatus st = ly_eval(b->vm, x->e, &res->e);
    return finish(L, b, vmidx, st, residx);
}

static int expr_value(lua_State *L) {
    VMBox *b;
    ExprBox *x = check_expr(L, 1, &b);
    lua_getiuservalue(L, 1, 1);
    push_value(L, lua_gettop(L), x->e, 0, 0);
    return 1;
}

/* e:part(i): part i (0 is the head) in Lua form, nil when out of range. */
static int expr_part(lua_State *L) {
    VMBox *b;
    ExprBox *x = check_expr(L, 1, &b);
    lua_Integer i = luaL_checkinteger(L, 2);
    lua_getiuservalue(L, 1, 1);
    int vmidx = lua_gettop(L);
    if (i < 0 || (size_t)i > ly_length(x->e)) { lua_pushnil(L); return 1; }
    ExprBox *p = new_box(L, vmidx);
    p->e = i == 0 ? ly_head(b->vm, x->e) : ly_part(b->vm, x->e, (size_t)i);
    if (!p->e) return luaL_error(L, "lyra: out of memory");
    push_value(L, vmidx, p->e, 0, 0);
    return 1;
}

static int expr_head(lua_State *L) {
    lua_settop(L, 1);
    lua_pushinteger(L, 0);
    return expr_part(L);
}

static int expr_kind(lua_State *L) {
    static const char *const kinds[] = { "Integer", "Rational", "Real", "Complex", "String",
                                         "Symbol", "Normal", "Packed", "Association", "Foreign" };
    VMBox *b;
    ExprBox *x = check_expr(L, 1, &b);
    lua_pushstring(L, kinds[ly_kind(x->e)]);
    return 1;
}

static int expr_tonumber(lua_State *L) {
    VMBox *b;
    ExprBox *x = check_expr(L, 1, &b);
    double d;
    int64_t v;
    if (ly_get_int64(x->e, &v)) lua_pushinteger(L, v);
    else if (ly_get_real(x->e, &d)) lua_pushnumber(L, d);
    else lua_pushnil(L);
    return 1;
}

static const luaL_Reg expr_methods[] = {
    { "head", expr_head }, { "part", expr_part }, { "kind", expr_kind },
    { "fullform", expr_fullform }, { "tonumber", expr_tonumber }, { "value", expr_value },
    { "eval", expr_eval }, { NULL, NULL }
};

static const luaL_Reg expr_meta[] = {
    { "__gc", expr_gc }, { "__tostring", expr_tostring }, { "__eq", expr_eq },
    { "__len", expr_len }, { "__call", expr_call }, { NULL, NULL }
};

static const luaL_Reg vm_methods[] = {
    { "eval", vm_eval }, { "call", vm_call }, { "parse", vm_parse }, { "symbol", vm_symbol },
    { "tolyra", vm_tolyra }, { "set_output", vm_set_output }, { "set_messages", vm_set_messages },
    { "memory", vm_memory }, { "set_max_memory", vm_set_max_memory }, { "close", vm_close },
    { NULL, NULL }
};

static const luaL_Reg vm_meta[] = {
    { "__gc", vm_gc }, { "__close", vm_gc }, { "__tostring", vm_tostring }, { NULL, NULL }
};

static const luaL_Reg module_fns[] = {
    { "new", l_new }, { "eval", l_eval }, { "call", l_call }, { "parse", l_parse },
    { "symbol", l_symbol }, { "tolyra", l_tolyra }, { "set_output", l_set_output },
    { "set_messages", l_set_messages }, { "default", l_default }, { NULL, NULL }
};

__attribute__((visibility("default"))) int luaopen_lyra(lua_State *L);

int luaopen_lyra(lua_State *L) {
    luaL_checkversion(L);
    luaL_newmetatable(L, EXPR_MT);
    luaL_setfuncs(L, expr_meta, 0);
    luaL_newlib(L, expr_methods);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_newmetatable(L, VM_MT);
    luaL_setfuncs(L, vm_meta, 0);
    luaL_newlib(L, vm_methods);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);

    luaL_newlib(L, module_fns);
    lua_pushlightuserdata(L, &null_sentinel);
    lua_setfield(L, -2, "null");
    lua_pushstring(L, ly_version());
    lua_setfield(L, -2, "version");
    return 1;
}
