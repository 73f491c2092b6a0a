/*
 * lyf_compile_rt.c — running compiled functions: one lua_State per VM, the
 * CompiledFunction foreign type, argument and result conversion, external
 * evaluation, fallbacks and messages.
 *
 * The Lua state: created on a VM's first compiled call with lua_newstate
 * over the VM's own allocator (ly_alloc_fn), so a worker VM's Lua memory
 * comes from its thread-local arena and counts in its budget; it lives in an
 * extension slot of the VM and is closed by ly_close.  Only the VM's thread
 * ever touches it.  It holds the runtime helpers (the prelude below, loaded
 * once), a cache of loaded chunks keyed by source text (so a source is
 * compiled once per VM, however many CompiledFunction values carry it), and
 * one instantiated closure per CompiledFunction object (LyfCf.fnref).
 *
 * A call: the arguments are checked against the types in C first
 * (CompiledFunction::cfsa, then uncompiled evaluation, as in Wolfram); then
 * one lua_pcall runs a C function that pushes them (tensors become tables)
 * and calls the closure, so a Lua memory error while building arguments is
 * caught like any other.  Errors raised by the generated code are tables
 * {kind, site, ...}: numerical errors (overflow, domain, division by zero),
 * Part out of range, a tensor that is not rectangular, a Null where a value
 * was needed and an external evaluation of the wrong type give a message
 * and the uncompiled evaluation of the call; kind 4 means that an exit
 * (Abort, Throw, ...) is in progress in the VM and is passed on.  Any other
 * Lua error is a CompiledFunction::luaerr message and $Failed.
 *
 * Abort: the generated loops count down POLLC and call CHK every 256
 * iterations; CHK is a VM safe point (Ctrl-C, TimeConstrained, cancellation
 * of parallel work).  Nothing longjmps out of Lua: lua_error only unwinds
 * to our own lua_pcall, and no C frame between them holds VM references.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include "lyf_compile.h"

enum { ERR_NUM = 1, ERR_PART = 2, ERR_EXT = 3, ERR_UNWIND = 4, ERR_SHAPE = 5, ERR_NULL = 6 };

/* ---- the prelude: runtime helpers of the generated code ---------------------------------------- */

static const char prelude[] =
"local R, math, C = ...\n"
"local floor, ceil, abs, mtype, huge = math.floor, math.ceil, math.abs, math.type, math.huge\n"
"local MININT, MAXINT = math.mininteger, math.maxinteger\n"
"local error, type = C.error, C.type\n"
"local function E(kind, site, a, b) error({kind, site, a, b}, 0) end\n"
"R.E, R.CHK, R.NEWT, R.MININT, R.HUGE, R.SAMER = E, C.CHK, C.NEWT, MININT, huge, C.samer\n"
"local CHK, NEWT = C.CHK, C.NEWT\n"
"R.sin, R.cos, R.tan, R.exp, R.log, R.sqrt = math.sin, math.cos, math.tan, math.exp, math.log, math.sqrt\n"
"R.asin, R.acos, R.atan, R.abs, R.max, R.min = math.asin, math.acos, math.atan, math.abs, math.max, math.min\n"
"R.SINH, R.COSH, R.TANH, R.ASINH, R.ACOSH, R.ATANH = C.sinh, C.cosh, C.tanh, C.asinh, C.acosh, C.atanh\n"
"local log = math.log\n"
"R.LOG2 = function(x) return log(x, 2) end\n"
"R.LOG10 = function(x) return log(x, 10) end\n"
"R.LOGB = function(b, x, s)\n"
"  if not (b > 0 and b ~= 1 and x > 0) then E(1, s) end\n"
"  return log(x) / log(b)\n"
"end\n"
"R.ATAN2 = function(y, x, s) if x == 0 and y == 0 then E(1, s) end return math.atan(y, x) end\n"
"local tan, sin, cos = math.tan, math.sin, math.cos\n"
"R.COT = function(x) return 1.0 / tan(x) end\n"
"R.SEC = function(x) return 1.0 / cos(x) end\n"
"R.CSC = function(x) return 1.0 / sin(x) end\n"
"local function IMUL(a, b, s)\n"
"  if a == 0 or b == 0 then return 0 end\n"
"  local t = a * b\n"
"  if (b == -1 and a == MININT) or t // b ~= a then E(1, s) end\n"
"  return t\n"
"end\n"
"R.IMUL = IMUL\n"
"local function IPOW(a, b, s)\n"
"  if b < 0 then E(1, s) end\n"
"  local r = 1\n"
"  while b > 0 do\n"
"    if b % 2 == 1 then r = IMUL(r, a, s) end\n"
"    b = b // 2\n"
"    if b > 0 then a = IMUL(a, a, s) end\n"
"  end\n"
"  return r\n"
"end\n"
"R.IPOW = IPOW\n"
"local function RPOW(x, y, s)\n"
"  if x < 0 and y ~= floor(y) then E(1, s) end\n"
"  if x == 0 and y < 0 then E(1, s) end\n"
"  return x ^ y\n"
"end\n"
"R.RPOW = RPOW\n"
"local function AEQ(a, b)\n"
"  if a == b then return true end\n"
"  if a ~= a or b ~= b or a == huge or a == -huge or b == huge or b == -huge then return false end\n"
"  local m = abs(a) > abs(b) and abs(a) or abs(b)\n"
"  return abs(a - b) <= m * 0x1p-46\n"
"end\n"
"R.AEQ = AEQ\n"
"R.LT = function(a, b) return a < b and not AEQ(a, b) end\n"
"R.LE = function(a, b) return a <= b or AEQ(a, b) end\n"
"local function FLOOR(x, s) local r = floor(x) if mtype(r) ~= 'integer' then E(1, s) end return r end\n"
"local function CEIL(x, s) local r = ceil(x) if mtype(r) ~= 'integer' then E(1, s) end return r end\n"
"R.FLOOR, R.CEIL = FLOOR, CEIL\n"
"R.ROUND = function(x, s)\n"
"  local f = floor(x)\n"
"  if mtype(f) ~= 'integer' then E(1, s) end\n"
"  local d = x - f\n"
"  if d > 0.5 or (d == 0.5 and f % 2 ~= 0) then f = f + 1 end\n"
"  return f\n"
"end\n"
"R.IPART = function(x, s) if x >= 0 then return FLOOR(x, s) end return CEIL(x, s) end\n"
"R.FPART = function(x) if x >= 0 then return x - floor(x) end return x - ceil(x) end\n"
"R.SIGN = function(x) if x > 0 then return 1 elseif x < 0 then return -1 end return 0 end\n"
"R.IABS = function(x, s) if x == MININT then E(1, s) end return abs(x) end\n"
"R.IMOD = function(a, b, s) if b == 0 then E(1, s) end return a % b end\n"
"R.RMOD = function(a, b, s) if b == 0 then E(1, s) end return a % b end\n"
"R.IQUO = function(a, b, s) if b == 0 or (b == -1 and a == MININT) then E(1, s) end return a // b end\n"
"R.RQUO = function(a, b, s) if b == 0 then E(1, s) end return FLOOR(a / b, s) end\n"
"local function RCOUNT(a, b, d, s)\n"
"  if d == 0 then E(1, s) end\n"
"  local x = (b - a) / d\n"
"  if x ~= x then E(1, s) end\n"
"  if x < 0 then return 0 end\n"
"  x = x + 1e-10 * (x > 1 and x or 1)\n"
"  if x >= 0x1p53 then E(1, s) end\n"
"  return floor(x) + 1\n"
"end\n"
"R.RCOUNT = RCOUNT\n"
"local function COPY(t)\n"
"  local n = #t\n"
"  local r = NEWT(n)\n"
"  if n > 0 and type(t[1]) == 'table' then\n"
"    for i = 1, n do r[i] = COPY(t[i]) end\n"
"  else\n"
"    for i = 1, n do r[i] = t[i] if i & 0xffff == 0 then CHK() end end\n"
"  end\n"
"  return r\n"
"end\n"
"R.COPY = COPY\n"
"local function TOREAL(t)\n"
"  local n = #t\n"
"  local r = NEWT(n)\n"
"  if n > 0 and type(t[1]) == 'table' then\n"
"    for i = 1, n do r[i] = TOREAL(t[i]) end\n"
"  else\n"
"    for i = 1, n do r[i] = t[i] + 0.0 if i & 0xffff == 0 then CHK() end end\n"
"  end\n"
"  return r\n"
"end\n"
"R.TOREAL = TOREAL\n"
"R.P1 = function(t, i, s)\n"
"  local n = #t\n"
"  if i < 0 and i >= -n then return t[n + 1 + i] end\n"
"  E(2, s, i, n)\n"
"end\n"
"R.PIDX = function(t, i, s)\n"
"  local n = #t\n"
"  if i < 0 and i >= -n then return n + 1 + i end\n"
"  E(2, s, i, n)\n"
"end\n"
"local function SAMESHAPE(a, b)\n"
"  if type(a) ~= 'table' then return type(b) ~= 'table' end\n"
"  if type(b) ~= 'table' or #a ~= #b then return false end\n"
"  if #a > 0 then return SAMESHAPE(a[1], b[1]) end\n"
"  return true\n"
"end\n"
"R.SETROW = function(t, i, row, s)\n"
"  local n = #t\n"
"  if t[i] == nil then\n"
"    if i < 0 and i >= -n then i = n + 1 + i else E(2, s, i, n) end\n"
"  end\n"
"  if not SAMESHAPE(t[i], row) then E(5, s) end\n"
"  t[i] = COPY(row)\n"
"end\n"
"local function IADD(a, b, s)\n"
"  local t = a + b\n"
"  if mtype(t) == 'integer' and (a ~ t) & (b ~ t) < 0 then E(1, s) end\n"
"  return t\n"
"end\n"
"local function ISUB(a, b, s)\n"
"  local t = a - b\n"
"  if mtype(t) == 'integer' and (a ~ b) & (a ~ t) < 0 then E(1, s) end\n"
"  return t\n"
"end\n"
"local function XMUL(a, b, s)\n"
"  if mtype(a) == 'integer' and mtype(b) == 'integer' then return IMUL(a, b, s) end\n"
"  return a * b\n"
"end\n"
"local function XDIV(a, b, s) if b == 0 then E(1, s) end return (a + 0.0) / b end\n"
"local function XPOW(a, b, s)\n"
"  if mtype(a) == 'integer' and mtype(b) == 'integer' then return IPOW(a, b, s) end\n"
"  return RPOW(a + 0.0, b, s)\n"
"end\n"
"local OPS = { ADD = IADD, SUB = ISUB, MUL = XMUL, DIV = XDIV, POW = XPOW }\n"
"-- rank-1 loops over a block [lo, hi]; a or b may be a number (broadcast)\n"
"local function FADD(a, b, r, lo, hi, ta, tb)\n"
"  if ta and tb then for i = lo, hi do r[i] = a[i] + b[i] end\n"
"  elseif ta then for i = lo, hi do r[i] = a[i] + b end\n"
"  else for i = lo, hi do r[i] = a + b[i] end end\n"
"end\n"
"local function FSUB(a, b, r, lo, hi, ta, tb)\n"
"  if ta and tb then for i = lo, hi do r[i] = a[i] - b[i] end\n"
"  elseif ta then for i = lo, hi do r[i] = a[i] - b end\n"
"  else for i = lo, hi do r[i] = a - b[i] end end\n"
"end\n"
"local function FMUL(a, b, r, lo, hi, ta, tb)\n"
"  if ta and tb then for i = lo, hi do r[i] = a[i] * b[i] end\n"
"  elseif ta then for i = lo, hi do r[i] = a[i] * b end\n"
"  else for i = lo, hi do r[i] = a * b[i] end end\n"
"end\n"
"local function FDIV(a, b, r, lo, hi, ta, tb, s)\n"
"  for i = lo, hi do\n"
"    local x, y = a, b\n"
"    if ta then x = a[i] end\n"
"    if tb then y = b[i] end\n"
"    if y == 0 then E(1, s) end\n"
"    r[i] = (x + 0.0) / y\n"
"  end\n"
"end\n"
"local function IADDV(a, b, r, lo, hi, ta, tb, s)\n"
"  for i = lo, hi do\n"
"    local x, y = a, b\n"
"    if ta then x = a[i] end\n"
"    if tb then y = b[i] end\n"
"    local t = x + y\n"
"    if (x ~ t) & (y ~ t) < 0 then E(1, s) end\n"
"    r[i] = t\n"
"  end\n"
"end\n"
"local function ISUBV(a, b, r, lo, hi, ta, tb, s)\n"
"  for i = lo, hi do\n"
"    local x, y = a, b\n"
"    if ta then x = a[i] end\n"
"    if tb then y = b[i] end\n"
"    local t = x - y\n"
"    if (x ~ y) & (x ~ t) < 0 then E(1, s) end\n"
"    r[i] = t\n"
"  end\n"
"end\n"
"local function GENV(f)\n"
"  return function(a, b, r, lo, hi, ta, tb, s)\n"
"    for i = lo, hi do\n"
"      local x, y = a, b\n"
"      if ta then x = a[i] end\n"
"      if tb then y = b[i] end\n"
"      r[i] = f(x, y, s)\n"
"    end\n"
"  end\n"
"end\n"
"local FLOATV = { ADD = FADD, SUB = FSUB, MUL = FMUL, DIV = FDIV, POW = GENV(XPOW) }\n"
"local INTV = { ADD = IADDV, SUB = ISUBV, MUL = GENV(XMUL), DIV = FDIV, POW = GENV(XPOW) }\n"
"local BLK = 0x8000\n"
"local function EW(op, a, b, s)\n"
"  local ta, tb = type(a) == 'table', type(b) == 'table'\n"
"  if not ta and not tb then return OPS[op](a, b, s) end\n"
"  local n = ta and #a or #b\n"
"  if ta and tb and #b ~= n then E(5, s) end\n"
"  local r = NEWT(n)\n"
"  if n == 0 then return r end\n"
"  local xa, xb = a, b\n"
"  if ta then xa = a[1] end\n"
"  if tb then xb = b[1] end\n"
"  if type(xa) == 'table' or type(xb) == 'table' then\n"
"    for i = 1, n do\n"
"      local x, y = a, b\n"
"      if ta then x = a[i] end\n"
"      if tb then y = b[i] end\n"
"      r[i] = EW(op, x, y, s)\n"
"      if i & 0x3fff == 0 then CHK() end\n"
"    end\n"
"    return r\n"
"  end\n"
"  local loop = (mtype(xa) == 'float' or mtype(xb) == 'float') and FLOATV[op] or INTV[op]\n"
"  for lo = 1, n, BLK do\n"
"    local hi = lo + BLK - 1\n"
"    if hi > n then hi = n end\n"
"    loop(a, b, r, lo, hi, ta, tb, s)\n"
"    if hi < n then CHK() end\n"
"  end\n"
"  return r\n"
"end\n"
"R.EW = EW\n"
"local function MAP(f, a, s)\n"
"  local r = NEWT(#a)\n"
"  for i = 1, #a do\n"
"    local x = a[i]\n"
"    if type(x) == 'table' then r[i] = MAP(f, x, s)\n"
"    else\n"
"      if i & 0x3fff == 0 then CHK() end\n"
"      local y = f(x + 0.0, s)\n"
"      if y ~= y then E(1, s) end\n"
"      r[i] = y\n"
"    end\n"
"  end\n"
"  return r\n"
"end\n"
"R.MAP = function(f, a, s)\n"
"  if f == R.IABS then\n"
"    local function m(t) local r = {} for i = 1, #t do local x = t[i] if type(x) == 'table' then r[i] = m(x) else r[i] = R.IABS(x, s) end end return r end\n"
"    return m(a)\n"
"  end\n"
"  return MAP(f, a, s)\n"
"end\n"
"local function TOTAL(t, s)\n"
"  local n = #t\n"
"  if n == 0 then return 0 end\n"
"  if type(t[1]) == 'table' then\n"
"    local acc = t[1]\n"
"    for i = 2, n do acc = EW('ADD', acc, t[i], s) CHK() end\n"
"    return n == 1 and COPY(acc) or acc\n"
"  end\n"
"  local acc = t[1]\n"
"  if mtype(acc) == 'integer' then\n"
"    for i = 2, n do acc = IADD(acc, t[i], s) if i & 0xffff == 0 then CHK() end end\n"
"  else\n"
"    for i = 2, n do acc = acc + t[i] if i & 0xffff == 0 then CHK() end end\n"
"  end\n"
"  return acc\n"
"end\n"
"R.TOTAL = TOTAL\n"
"R.MEAN = function(t, s) local n = #t if n == 0 then E(1, s) end return (TOTAL(t, s) + 0.0) / n end\n"
"local function VDOT(a, b, s)\n"
"  local n = #a\n"
"  if n ~= #b then E(5, s) end\n"
"  if n == 0 then return 0 end\n"
"  if mtype(a[1]) == 'integer' and mtype(b[1]) == 'integer' then\n"
"    local acc = 0\n"
"    for i = 1, n do acc = IADD(acc, IMUL(a[i], b[i], s), s) if i & 0xffff == 0 then CHK() end end\n"
"    return acc\n"
"  end\n"
"  local acc = 0.0\n"
"  for i = 1, n do acc = acc + a[i] * b[i] if i & 0xffff == 0 then CHK() end end\n"
"  return acc\n"
"end\n"
"R.DOT = function(a, b, s)\n"
"  local ma, mb = type(a[1]) == 'table', type(b[1]) == 'table'\n"
"  if not ma and not mb then return VDOT(a, b, s) end\n"
"  if ma and not mb then\n"
"    local r = {}\n"
"    for i = 1, #a do r[i] = VDOT(a[i], b, s) CHK() end\n"
"    return r\n"
"  end\n"
"  local n = #b\n"
"  if #a ~= n then E(5, s) end\n"
"  local m = n > 0 and #b[1] or 0\n"
"  local function col(j) local c = {} for k = 1, n do c[k] = b[k][j] end return c end\n"
"  if not ma then\n"
"    local r = {}\n"
"    for j = 1, m do r[j] = VDOT(a, col(j), s) end\n"
"    return r\n"
"  end\n"
"  local cols = {}\n"
"  for j = 1, m do cols[j] = col(j) end\n"
"  local r = {}\n"
"  for i = 1, #a do\n"
"    local row = {}\n"
"    CHK()\n"
"    for j = 1, m do row[j] = VDOT(a[i], cols[j], s) end\n"
"    r[i] = row\n"
"  end\n"
"  return r\n"
"end\n"
"R.RANGE = function(a, b, d, s)\n"
"  local r = {}\n"
"  if mtype(a) == 'integer' and mtype(b) == 'integer' and mtype(d) == 'integer' then\n"
"    if d == 0 then E(1, s) end\n"
"    local k = 0\n"
"    for i = a, b, d do k = k + 1 r[k] = i if k & 0xffff == 0 then CHK() end end\n"
"    return r\n"
"  end\n"
"  local n = RCOUNT(a, b, d, s)\n"
"  for k = 0, n - 1 do r[k + 1] = a + k * d if k & 0xffff == 0 then CHK() end end\n"
"  return r\n"
"end\n"
"local function CARRAY(c, dims, s, lev)\n"
"  lev = lev or 1\n"
"  local n = dims[lev]\n"
"  if n < 0 then E(1, s) end\n"
"  local r = {}\n"
"  for i = 1, n do\n"
"    if i & 0xffff == 0 then CHK() end\n"
"    if lev < #dims then r[i] = CARRAY(c, dims, s, lev + 1)\n"
"    elseif type(c) == 'table' then r[i] = COPY(c)\n"
"    else r[i] = c end\n"
"  end\n"
"  return r\n"
"end\n"
"R.CARRAY = CARRAY\n"
"local function VEXT(t, s, better)\n"
"  local best\n"
"  local function walk(x)\n"
"    for i = 1, #x do\n"
"      local y = x[i]\n"
"      if type(y) == 'table' then walk(y)\n"
"      elseif best == nil or better(y, best) then best = y end\n"
"    end\n"
"  end\n"
"  walk(t)\n"
"  if best == nil then E(1, s) end\n"
"  return best\n"
"end\n"
"R.VMAX = function(t, s) return VEXT(t, s, function(a, b) return a > b end) end\n"
"R.VMIN = function(t, s) return VEXT(t, s, function(a, b) return a < b end) end\n";

/* ---- the per-VM Lua state -------------------------------------------------------------------------- */

typedef struct Rt {
    lua_State *L;
    LyVM *vm;
    int rref;           /* the runtime table R */
    int cache;          /* source -> loaded chunk */
    int ncached;        /* entries in cache (it is emptied past CACHE_MAX) */
} Rt;

/* Sources with different literals are different chunks: a program making
 * thousands of functions must not keep them all. */
#define CACHE_MAX 512

static const char rt_key = 0;

static LyVM *vm_of(lua_State *L) { return *(LyVM **)lua_getextraspace(L); }

static void rt_dtor(LyVM *vm, void *data) {
    Rt *rt = data;
    lua_close(rt->L);
    ly_dealloc(vm, rt, sizeof *rt);
}

static int l_chk(lua_State *L) {
    if (!ly_safe_point(vm_of(L))) {
        lua_createtable(L, 1, 0);
        lua_pushinteger(L, ERR_UNWIND);
        lua_rawseti(L, -2, 1);
        return lua_error(L);
    }
    lua_pushinteger(L, 256);
    return 1;
}

static int l_newt(lua_State *L) {
    lua_Integer n = luaL_checkinteger(L, 1);
    lua_createtable(L, n > 0 && n < (1 << 26) ? (int)n : 0, 0);
    return 1;
}

#define MATHFN(name, f) static int l_##name(lua_State *L) { lua_pushnumber(L, f(luaL_checknumber(L, 1))); return 1; }
MATHFN(sinh, sinh)
MATHFN(cosh, cosh)
MATHFN(tanh, tanh)
MATHFN(asinh, asinh)
MATHFN(acosh, acosh)
MATHFN(atanh, atanh)

/* SameQ of reals: equal or differing in the last binary digit, as the VM's */
static int l_samer(lua_State *L) {
    double a = luaL_checknumber(L, 1), b = luaL_checknumber(L, 2);
    lua_pushboolean(L, a == b || (!isnan(a) && !isnan(b) && (a < 0) == (b < 0) && nextafter(a, b) == b));
    return 1;
}

static int l_setup(lua_State *L) {
    Rt *rt = lua_touserdata(L, 1);
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    lua_pop(L, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    int math = lua_gettop(L);
    if (luaL_loadbuffer(L, prelude, sizeof prelude - 1, "=Compile") != LUA_OK) return lua_error(L);
    lua_newtable(L);                /* R */
    lua_pushvalue(L, -1);
    rt->rref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pushvalue(L, math);
    lua_newtable(L);                /* C: what the prelude needs from C */
    static const luaL_Reg cfns[] = {
        {"CHK", l_chk}, {"NEWT", l_newt}, {"sinh", l_sinh}, {"cosh", l_cosh}, {"tanh", l_tanh},
        {"asinh", l_asinh}, {"acosh", l_acosh}, {"atanh", l_atanh}, {"samer", l_samer}, {NULL, NULL}
    };
    luaL_setfuncs(L, cfns, 0);
    lua_getglobal(L, "error");
    lua_setfield(L, -2, "error");
    lua_getglobal(L, "type");
    lua_setfield(L, -2, "type");
    lua_call(L, 3, 0);
    lua_newtable(L);
    rt->cache = luaL_ref(L, LUA_REGISTRYINDEX);
    rt->ncached = 0;
    return 0;
}

/* This VM's Lua state, created on first use; NULL (with a message) when it
 * cannot be. */
static Rt *rt_get(LyVM *vm) {
    Rt *rt = ly_get_slot(vm, &rt_key);
    if (rt) return rt;
    rt = ly_alloc(vm, sizeof *rt);
    if (!rt) return NULL;
    rt->vm = vm;
    rt->L = lua_newstate(ly_alloc_fn, vm);
    if (!rt->L) { ly_dealloc(vm, rt, sizeof *rt); ly_raise_nomem(vm); return NULL; }
    *(LyVM **)lua_getextraspace(rt->L) = vm;
    lua_pushcfunction(rt->L, l_setup);
    lua_pushlightuserdata(rt->L, rt);
    int st = lua_pcall(rt->L, 1, 0, 0);
    if (st != LUA_OK || !ly_set_slot(vm, &rt_key, rt, rt_dtor)) {
        lua_close(rt->L);
        ly_dealloc(vm, rt, sizeof *rt);
        ly_raise_nomem(vm);
        return NULL;
    }
    return rt;
}

/* ---- the foreign type --------------------------------------------------------------------------------- */

LyfCf *lyf_cf_alloc(LyVM *vm, uint32_t nargs) {
    size_t sz = sizeof(LyfCf) + nargs * sizeof(LyfCty);
    LyfCf *cf = ly_alloc(vm, sz);
    if (!cf) return NULL;
    memset(cf, 0, sz);
    cf->nargs = nargs;
    cf->fnref = LUA_NOREF;
    return cf;
}

void lyf_cf_free(LyVM *vm, LyfCf *cf) {
    if (!cf) return;
    ly_unref(vm, cf->fn);
    ly_unref(vm, cf->consts);
    if (cf->src) ly_dealloc(vm, cf->src, cf->srclen + 1);
    if (cf->fnref != LUA_NOREF) {
        Rt *rt = ly_get_slot(vm, &rt_key);
        if (rt) luaL_unref(rt->L, LUA_REGISTRYINDEX, cf->fnref);
    }
    ly_dealloc(vm, cf, sizeof(LyfCf) + cf->nargs * sizeof(LyfCty));
}

static void cf_finalize(LyVM *vm, void *data) { lyf_cf_free(vm, data); }

static void cf_format(LyBuf *b, void *data) {
    LyfCf *cf = data;
    ly_buf_expr(b, ly_narg(cf->fn, 1), LY_FORM_INPUT);
    ly_buf_puts(b, ", ");
    ly_buf_expr(b, ly_narg(cf->fn, 2), LY_FORM_INPUT);
    ly_buf_puts(b, cf->src ? ", \"Lua\"" : ", \"Uncompiled\"");
}

static bool cf_equal(void *a, void *b) {
    LyfCf *x = a, *y = b;
    if (x == y) return true;
    if ((x->src == NULL) != (y->src == NULL) || x->listable != y->listable) return false;
    if (x->src && (x->srclen != y->srclen || memcmp(x->src, y->src, x->srclen) != 0)) return false;
    return ly_equal(x->fn, y->fn) && ((!x->consts && !y->consts) || (x->consts && y->consts && ly_equal(x->consts, y->consts)));
}

static uint64_t cf_hash(void *data) { return ly_hash(((LyfCf *)data)->fn) ^ 0x5bd1e995u; }

/* The same function in another VM: its source and constants travel; dst
 * compiles the source on its first call (once per VM: the chunk cache). */
static LyExpr cf_transfer(LyVM *dst, void *data) {
    LyfCf *src = data;
    LyfCf *cf = lyf_cf_alloc(dst, src->nargs);
    if (!cf) return NULL;
    cf->ret = src->ret;
    cf->nsites = src->nsites;
    cf->listable = src->listable;
    memcpy(cf->argt, src->argt, src->nargs * sizeof(LyfCty));
    cf->fn = ly_copy(dst, src->fn);
    cf->consts = src->consts ? ly_copy(dst, src->consts) : NULL;
    if (src->src) {
        cf->src = ly_alloc(dst, src->srclen + 1);
        if (cf->src) { memcpy(cf->src, src->src, src->srclen + 1); cf->srclen = src->srclen; }
    }
    if (!cf->fn || (src->consts && !cf->consts) || (src->src && !cf->src)) { lyf_cf_free(dst, cf); return NULL; }
    return ly_mkforeign(dst, &lyf_cf_type, cf);
}

static LyExpr cf_call(LyVM *vm, LyExpr self, LyExpr e);

static void cf_refs(void *data, void (*visit)(void *ctx, LyExpr e), void *ctx) {
    LyfCf *cf = data;
    visit(ctx, cf->fn);
    visit(ctx, cf->consts);
}

const LyForeignType lyf_cf_type = {
    "CompiledFunction", cf_finalize, cf_format, NULL, cf_equal, cf_hash, cf_transfer, cf_call, NULL, false,
    cf_refs
};

LyExpr lyf_cf_new(LyVM *vm, LyfCf *cf) { return ly_mkforeign(vm, &lyf_cf_type, cf); }

/* ---- Lua values <-> expressions ------------------------------------------------------------------------ */

/* The value at index i as an expression (dynamic types: integers, floats,
 * booleans, nil, tables of them).  New reference; NULL on failure (an exit
 * in progress: out of memory) or when the value is not representable. */
static LyExpr lua_to_expr(LyVM *vm, lua_State *L, int i, int depth) {
    i = lua_absindex(L, i);
    switch (lua_type(L, i)) {
    case LUA_TNIL: return LY_SYM(Null);
    case LUA_TBOOLEAN: return lua_toboolean(L, i) ? LY_SYM(True) : LY_SYM(False);
    case LUA_TNUMBER:
        if (lua_isinteger(L, i)) return ly_int(vm, lua_tointeger(L, i));
        return ly_mkreal(vm, lua_tonumber(L, i));
    case LUA_TTABLE: {
        if (depth > LYF_MAXRANK || !lua_checkstack(L, 2)) return NULL;
        size_t n = (size_t)lua_rawlen(L, i);
        LyExpr l = ly_mknormal(vm, LY_SYM(List), n);
        if (!l) return NULL;
        for (size_t k = 1; k <= n; k++) {
            lua_rawgeti(L, i, (lua_Integer)k);
            LyExpr x = lua_to_expr(vm, L, -1, depth + 1);
            lua_pop(L, 1);
            if (!x) { for (size_t j = k; j <= n; j++) ly_nset(l, j, LY_SYM(Null)); ly_unref(vm, l); return NULL; }
            ly_nset(l, k, x);
        }
        LyExpr p = ly_try_pack(vm, l);
        ly_unref(vm, l);
        return p;
    }
    default: return NULL;
    }
}

/* A checked argument or external result, ready to push. */
typedef struct Arg {
    LyfCty t;
    union { double r; int64_t i; bool b; } v;
    LyExpr tensor;      /* borrowed: packed array or List of numbers (rank >= 1) */
} Arg;

static bool scalar_ok(LyVM *vm, LyExpr x, int b, Arg *a, bool coerce) {
    switch (b) {
    case CT_INT:
        return ly_is_integer(x) && ly_get_int64(x, &a->v.i);
    case CT_REAL:
        if (ly_is_number(x) && ly_type(x) != LY_TCOMPLEX) { a->v.r = ly_num_to_double(x); return isfinite(a->v.r); }
        if (coerce && (ly_is_sym(x) || ly_is_normal(x))) {
            LyExpr nx = ly_mk(vm, ly_symbol(vm, "N"), 1, (ly_ref(x), x));
            LyExpr r = nx ? ly_evaluate(vm, nx) : NULL;
            ly_unref(vm, nx);
            bool ok = r && ly_is_real(r);
            if (ok) a->v.r = ly_realv(r);
            ly_unref(vm, r);
            return ok;
        }
        return false;
    case CT_BOOL:
        if (x == LY_SYM(True)) { a->v.b = true; return true; }
        if (x == LY_SYM(False)) { a->v.b = false; return true; }
        return false;
    default: return false;
    }
}

/* x is a rectangular tensor of the given rank whose elements fit base. */
static bool tensor_shape(LyExpr x, int rank, int base, size_t *dims, int level) {
    if (ly_is_packed(x)) {
        LyPacked *p = ly_packed(x);
        if (p->h.aux != rank - level) return false;
        if (base == CT_INT && (p->h.flags & 3) != LY_PACKED_INT64) return false;
        if (base == CT_BOOL) return false;
        for (int k = 0; k < p->h.aux; k++) {
            if (dims[level + k] == SIZE_MAX) dims[level + k] = p->dims[k];
            else if (dims[level + k] != p->dims[k]) return false;
        }
        return true;
    }
    if (level == rank) {
        int64_t v;
        if (base == CT_INT) return ly_is_integer(x) && ly_get_int64(x, &v);
        if (base == CT_REAL) return ly_is_number(x) && ly_type(x) != LY_TCOMPLEX && isfinite(ly_num_to_double(x));
        return x == LY_SYM(True) || x == LY_SYM(False);
    }
    if (!ly_head_is(x, LY_SYM(List))) return false;
    size_t n = ly_nlen(x);
    if (dims[level] == SIZE_MAX) dims[level] = n;
    else if (dims[level] != n) return false;
    for (size_t i = 1; i <= n; i++)
        if (!tensor_shape(ly_narg(x, i), rank, base, dims, level + 1)) return false;
    return true;
}

static bool arg_ok(LyVM *vm, LyExpr x, LyfCty t, Arg *a, bool coerce) {
    a->t = t;
    a->tensor = NULL;
    if (!t.rank) return scalar_ok(vm, x, t.b, a, coerce);
    size_t dims[LYF_MAXRANK];
    for (int k = 0; k < LYF_MAXRANK; k++) dims[k] = SIZE_MAX;
    if (!tensor_shape(x, t.rank, t.b, dims, 0)) return false;
    a->tensor = x;
    return true;
}

/* Pushes a checked tensor (inside the protected call: may raise). */
static void push_tensor(lua_State *L, LyExpr x, int rank, int base) {
    luaL_checkstack(L, 4, NULL);
    if (ly_is_packed(x)) {
        LyPacked *p = ly_packed(x);
        if (p->h.aux == 1) {
            size_t n = p->dims[0];
            lua_createtable(L, (int)(n < (1u << 30) ? n : 0), 0);
            if ((p->h.flags & 3) == LY_PACKED_INT64) {
                const int64_t *d = p->data;
                if (base == CT_INT) for (size_t i = 0; i < n; i++) { lua_pushinteger(L, d[i]); lua_rawseti(L, -2, (lua_Integer)i + 1); }
                else for (size_t i = 0; i < n; i++) { lua_pushnumber(L, (double)d[i]); lua_rawseti(L, -2, (lua_Integer)i + 1); }
            } else {
                const double *d = p->data;
                for (size_t i = 0; i < n; i++) { lua_pushnumber(L, d[i]); lua_rawseti(L, -2, (lua_Integer)i + 1); }
            }
            return;
        }
        /* higher rank: row by row through views */
        size_t n = p->dims[0], stride = p->len / (n ? n : 1);
        lua_createtable(L, (int)(n < (1u << 30) ? n : 0), 0);
        for (size_t i = 0; i < n; i++) {
            LyPacked row = *p;
            row.h.aux = (uint16_t)(p->h.aux - 1);
            row.dims = p->dims + 1;
            row.len = stride;
            row.data = (char *)p->data + i * stride * 8;
            push_tensor(L, (LyExpr)&row, rank - 1, base);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        return;
    }
    if (rank == 0) {
        int64_t v = 0;
        if (base == CT_INT) { ly_get_int64(x, &v); lua_pushinteger(L, v); }
        else if (base == CT_REAL) lua_pushnumber(L, ly_num_to_double(x));
        else lua_pushboolean(L, x == LY_SYM(True));
        return;
    }
    size_t n = ly_nlen(x);
    lua_createtable(L, (int)(n < (1u << 30) ? n : 0), 0);
    for (size_t i = 1; i <= n; i++) {
        push_tensor(L, ly_narg(x, i), rank - 1, base);
        lua_rawseti(L, -2, (lua_Integer)i);
    }
}

static void push_arg(lua_State *L, const Arg *a) {
    if (a->t.rank) { push_tensor(L, a->tensor, a->t.rank, a->t.b); return; }
    switch (a->t.b) {
    case CT_INT: lua_pushinteger(L, a->v.i); break;
    case CT_REAL: lua_pushnumber(L, a->v.r); break;
    case CT_BOOL: lua_pushboolean(L, a->v.b); break;
    default: lua_pushnil(L); break;
    }
}

/* Dimensions of a Lua tensor along its first elements (rank levels); false
 * when a level is not a table or is empty. */
static bool lua_dims(lua_State *L, int i, int rank, size_t *dims) {
    int pushed = 0;
    bool ok = true;
    for (int k = 0; k < rank && ok; k++) {
        int at = k == 0 ? i : lua_gettop(L);
        if (lua_type(L, at) != LUA_TTABLE) { ok = false; break; }
        dims[k] = (size_t)lua_rawlen(L, at);
        if (dims[k] == 0) { ok = false; break; }
        if (k + 1 < rank) { lua_rawgeti(L, at, 1); pushed++; }
    }
    lua_pop(L, pushed);
    return ok;
}

/* Checks and copies a Lua tensor of the given dims into p in one pass.
 * 0: fine; ERR_NUM: a non-finite real; ERR_SHAPE: ragged or wrong elements. */
static int lua_fill(lua_State *L, int i, int rank, int level, const size_t *dims, LyPacked *p, size_t *pos) {
    if ((size_t)lua_rawlen(L, i) != dims[level]) return ERR_SHAPE;
    size_t n = dims[level];
    if (level + 1 == rank) {
        if ((p->h.flags & 3) == LY_PACKED_INT64) {
            int64_t *d = (int64_t *)p->data + *pos;
            for (size_t k = 0; k < n; k++) {
                lua_rawgeti(L, i, (lua_Integer)k + 1);
                int isnum = 0;
                lua_Integer v = lua_tointegerx(L, -1, &isnum);
                bool ok = isnum && lua_isinteger(L, -1);
                lua_pop(L, 1);
                if (!ok) return ERR_SHAPE;
                d[k] = v;
            }
        } else {
            double *d = (double *)p->data + *pos;
            for (size_t k = 0; k < n; k++) {
                lua_rawgeti(L, i, (lua_Integer)k + 1);
                int isnum = 0;
                double v = lua_tonumberx(L, -1, &isnum);
                lua_pop(L, 1);
                if (!isnum) return ERR_SHAPE;
                if (!isfinite(v)) return ERR_NUM;
                d[k] = v;
            }
        }
        *pos += n;
        return 0;
    }
    if (!lua_checkstack(L, 2)) return ERR_SHAPE;
    for (size_t k = 1; k <= n; k++) {
        int r;
        if (lua_rawgeti(L, i, (lua_Integer)k) != LUA_TTABLE) r = ERR_SHAPE;
        else r = lua_fill(L, lua_gettop(L), rank, level + 1, dims, p, pos);
        lua_pop(L, 1);
        if (r) return r;
    }
    return 0;
}

/* The Lua value at i as an expression of type t.  *err gets ERR_* when it
 * does not have that type (result NULL, no exit started) ; NULL with *err 0
 * means out of memory. */
static LyExpr lua_result(LyVM *vm, lua_State *L, int i, LyfCty t, int *err) {
    *err = 0;
    i = lua_absindex(L, i);
    if (!t.rank) {
        switch (t.b) {
        case CT_VOID: return LY_SYM(Null);
        case CT_BOOL:
            if (lua_type(L, i) != LUA_TBOOLEAN) { *err = ERR_SHAPE; return NULL; }
            return lua_toboolean(L, i) ? LY_SYM(True) : LY_SYM(False);
        case CT_INT:
            if (!lua_isinteger(L, i)) { *err = ERR_SHAPE; return NULL; }
            return ly_int(vm, lua_tointeger(L, i));
        case CT_REAL: {
            if (lua_type(L, i) != LUA_TNUMBER) { *err = lua_isnil(L, i) ? ERR_NULL : ERR_SHAPE; return NULL; }
            double d = lua_tonumber(L, i);
            if (!isfinite(d)) { *err = ERR_NUM; return NULL; }
            return ly_mkreal(vm, d);
        }
        default: *err = ERR_SHAPE; return NULL;
        }
    }
    if (lua_type(L, i) != LUA_TTABLE || !lua_checkstack(L, LYF_MAXRANK + 4)) { *err = ERR_SHAPE; return NULL; }
    size_t dims[LYF_MAXRANK];
    if (t.b == CT_BOOL || !lua_dims(L, i, t.rank, dims)) {
        /* empty levels ({}, {{}, {}}) and Booleans: as lists, checked by level */
        LyExpr x = lua_to_expr(vm, L, i, 0);
        if (!x) { if (!ly_unwinding(vm)) *err = ERR_SHAPE; return NULL; }
        if (!ly_head_is(x, LY_SYM(List)) && !ly_is_packed(x)) { ly_unref(vm, x); *err = ERR_SHAPE; return NULL; }
        return x;
    }
    LyExpr p = ly_mkpacked(vm, t.b == CT_INT ? LY_PACKED_INT64 : LY_PACKED_REAL, (unsigned)t.rank, dims);
    if (!p) return NULL;
    size_t pos = 0;
    int r = lua_fill(L, i, t.rank, 0, dims, ly_packed(p), &pos);
    if (r) { ly_unref(vm, p); *err = r; return NULL; }
    return p;
}

/* ---- instantiation -------------------------------------------------------------------------------------- */

static int l_ev(lua_State *L);

typedef struct PushT { LyExpr x; LyfCty t; } PushT;
static int l_pusht(lua_State *L) {
    PushT *p = lua_touserdata(L, 1);
    push_tensor(L, p->x, p->t.rank, p->t.b);
    return 1;
}

static void raise_kind(lua_State *L, int kind, lua_Integer s) {
    lua_createtable(L, 2, 0);
    lua_pushinteger(L, kind);
    lua_rawseti(L, -2, 1);
    lua_pushinteger(L, s);
    lua_rawseti(L, -2, 2);
    lua_error(L);
}

/* Makes cf's closure in this state (inside a protected call). */
static void instantiate(lua_State *L, Rt *rt, LyfCf *cf) {
    if (cf->fnref != LUA_NOREF) return;
    luaL_checkstack(L, 8, NULL);
    lua_rawgeti(L, LUA_REGISTRYINDEX, rt->cache);
    lua_pushlstring(L, cf->src, cf->srclen);
    lua_pushvalue(L, -1);
    if (lua_rawget(L, -3) == LUA_TNIL) {
        lua_pop(L, 1);
        if (luaL_loadbuffer(L, cf->src, cf->srclen, "=CompiledFunction") != LUA_OK) lua_error(L);
        if (++rt->ncached > CACHE_MAX) {
            /* start a new cache (the old chunks live on in their closures) */
            lua_newtable(L);
            lua_rawseti(L, LUA_REGISTRYINDEX, rt->cache);
            lua_rawgeti(L, LUA_REGISTRYINDEX, rt->cache);
            lua_replace(L, -4);
            rt->ncached = 1;
        }
        lua_pushvalue(L, -2);
        lua_pushvalue(L, -2);
        lua_rawset(L, -5);          /* cache[src] = chunk */
    }
    /* stack: cache, src, chunk */
    lua_rawgeti(L, LUA_REGISTRYINDEX, rt->rref);
    size_t nk = cf->consts ? ly_nlen(cf->consts) : 0;
    lua_createtable(L, (int)nk, 0);
    for (size_t i = 1; i <= nk; i++) {
        LyExpr c = ly_narg(cf->consts, i);
        LyExpr kind = ly_narg(c, 1);
        if (kind == ly_mksmall(LYF_K_CF)) {
            LyfCf *inner = lyf_cf_of(ly_narg(c, 2));
            instantiate(L, rt, inner);
            lua_rawgeti(L, LUA_REGISTRYINDEX, inner->fnref);
            lua_rawseti(L, -2, (lua_Integer)i);
        } else if (kind == ly_mksmall(LYF_K_TENSOR)) {
            LyExpr t = ly_narg(c, 2);
            LyPacked *p = ly_packed(t);
            push_tensor(L, t, p->h.aux, (p->h.flags & 3) == LY_PACKED_INT64 ? CT_INT : CT_REAL);
            lua_rawseti(L, -2, (lua_Integer)i);
        }
    }
    lua_pushlightuserdata(L, cf);
    lua_pushcclosure(L, l_ev, 1);
    lua_call(L, 3, 1);              /* chunk(R, K, EV) -> the function */
    cf->fnref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pop(L, 2);
}

/* ---- calls ----------------------------------------------------------------------------------------------- */

typedef struct Invoke { Rt *rt; LyfCf *cf; const Arg *args; } Invoke;

static int l_invoke(lua_State *L) {
    Invoke *iv = lua_touserdata(L, 1);
    instantiate(L, iv->rt, iv->cf);
    luaL_checkstack(L, (int)iv->cf->nargs + 4, NULL);
    lua_rawgeti(L, LUA_REGISTRYINDEX, iv->cf->fnref);
    for (uint32_t i = 0; i < iv->cf->nargs; i++) push_arg(L, &iv->args[i]);
    lua_call(L, (int)iv->cf->nargs, 1);
    return 1;
}

static LyExpr csym(LyVM *vm) { return ly_symbol(vm, "CompiledFunction"); }

/* The uncompiled evaluation of the call. */
static LyExpr uncompiled(LyVM *vm, LyfCf *cf, LyExpr e) {
    LyExpr body = ly_apply_function(vm, cf->fn, ly_nlen(e), ly_nargs(e));
    if (!body) return NULL;
    LyExpr r = ly_evaluate(vm, body);
    ly_unref(vm, body);
    return r ? ly_evaluated(vm, r) : NULL;
}

static LyExpr site_expr(LyVM *vm, lua_State *L, int err) {
    lua_Integer s = 0;
    if (lua_type(L, err) == LUA_TTABLE) {
        lua_rawgeti(L, err, 2);
        s = lua_tointeger(L, -1);
        lua_pop(L, 1);
    }
    return ly_int(vm, s);
}

/* After a failed pcall: messages and the value of the call. */
static LyExpr call_failed(LyVM *vm, Rt *rt, LyfCf *cf, LyExpr e, int st) {
    lua_State *L = rt->L;
    int err = lua_gettop(L);
    if (st == LUA_ERRMEM) { lua_pop(L, 1); return ly_raise_nomem(vm); }
    if (lua_type(L, err) != LUA_TTABLE) {
        const char *msg = lua_tostring(L, err);
        if (!msg) msg = "(error object is not a string)";
        /* "CompiledFunction:12: ..." names a line of generated code: drop it */
        if (strncmp(msg, "CompiledFunction:", 17) == 0) {
            const char *p = msg + 17;
            while (*p >= '0' && *p <= '9') p++;
            if (*p == ':' && p[1] == ' ') msg = p + 2;
        }
        LyExpr m = ly_cstring(vm, msg);
        lua_pop(L, 1);
        if (ly_unwinding(vm)) { ly_unref(vm, m); return NULL; }
        if (m) ly_message(vm, csym(vm), "luaerr", 1, m);
        ly_unref(vm, m);
        return ly_evaluated(vm, LY_SYM(DFailed));
    }
    lua_rawgeti(L, err, 1);
    int kind = (int)lua_tointeger(L, -1);
    lua_pop(L, 1);
    if (kind == ERR_UNWIND || ly_unwinding(vm)) { lua_pop(L, 1); return NULL; }
    LyExpr s = site_expr(vm, L, err);
    switch (kind) {
    case ERR_PART: {
        lua_rawgeti(L, err, 3);
        lua_rawgeti(L, err, 4);
        LyExpr i = ly_int(vm, lua_tointeger(L, -2)), n = ly_int(vm, lua_tointeger(L, -1));
        lua_pop(L, 2);
        ly_message(vm, csym(vm), "cfpart", 3, i, n, s);
        ly_unref(vm, i);
        ly_unref(vm, n);
        break;
    }
    case ERR_EXT: ly_message(vm, csym(vm), "cfex", 1, s); break;
    case ERR_SHAPE: ly_message(vm, csym(vm), "cflist", 1, s); break;
    case ERR_NULL: ly_message(vm, csym(vm), "cfnull", 1, s); break;
    default: ly_message(vm, csym(vm), "cfn", 1, s); break;
    }
    ly_unref(vm, s);
    lua_pop(L, 1);
    return uncompiled(vm, cf, e);
}

/* The depth of nested lists (packed or not) of x, up to max + 1. */
static int list_depth(LyExpr x, int max) {
    if (ly_is_packed(x)) return ly_packed(x)->h.aux;
    int d = 0;
    while (d <= max && ly_head_is(x, LY_SYM(List)) && ly_nlen(x) > 0) { d++; x = ly_narg(x, 1); }
    if (d <= max && ly_head_is(x, LY_SYM(List))) d++;
    return d;
}

/* A Listable compiled function applied to arguments deeper than its
 * specification: the call threaded over the first level of those
 * arguments (which must have one length), as Listable functions do.
 * NULL with *threaded false when no argument is deeper. */
static LyExpr cf_thread(LyVM *vm, LyExpr self, LyExpr e, bool *threaded) {
    LyfCf *cf = ly_foreign(self)->data;
    size_t n = ly_nlen(e), len = SIZE_MAX;
    *threaded = false;
    for (size_t i = 1; i <= n; i++) {
        LyExpr a = ly_narg(e, i);
        if (list_depth(a, cf->argt[i - 1].rank) <= cf->argt[i - 1].rank) continue;
        size_t l = ly_length(a);
        if (len != SIZE_MAX && l != len) {
            ly_message(vm, ly_symbol(vm, "Thread"), "tdlen", 1, e);
            *threaded = true;
            return NULL;
        }
        len = l;
    }
    if (len == SIZE_MAX) return NULL;
    *threaded = true;
    LyExpr out = ly_mknormal(vm, LY_SYM(List), len);
    if (!out) return NULL;
    for (size_t k = 1; k <= len; k++) {
        LyExpr call = ly_mknormal(vm, (ly_ref(self), self), n);
        if (!call) { for (size_t j = k; j <= len; j++) ly_nset(out, j, LY_SYM(Null)); ly_unref(vm, out); return NULL; }
        for (size_t i = 1; i <= n; i++) {
            LyExpr a = ly_narg(e, i);
            bool deep = list_depth(a, cf->argt[i - 1].rank) > cf->argt[i - 1].rank;
            ly_nset(call, i, deep ? ly_part(vm, a, k) : (ly_ref(a), a));
            if (!ly_narg(call, i)) { for (size_t j = i + 1; j <= n; j++) ly_nset(call, j, LY_SYM(Null)); ly_nset(call, i, LY_SYM(Null)); ly_unref(vm, call); call = NULL; break; }
        }
        LyExpr r = call ? cf_call(vm, self, call) : NULL;
        if (!r && call && !ly_unwinding(vm)) r = (ly_ref(call), call);     /* left unevaluated */
        ly_unref(vm, call);
        if (!r) { for (size_t j = k; j <= len; j++) ly_nset(out, j, LY_SYM(Null)); ly_unref(vm, out); return NULL; }
        ly_nset(out, k, r);
    }
    LyExpr p = ly_try_pack(vm, out);
    ly_unref(vm, out);
    return p;
}

static LyExpr cf_call(LyVM *vm, LyExpr self, LyExpr e) {
    LyfCf *cf = ly_foreign(self)->data;
    size_t n = ly_nlen(e);
    if (cf->listable && n == cf->nargs) {
        bool threaded;
        LyExpr r = cf_thread(vm, self, e, &threaded);
        if (threaded || r) return r;
    }
    if (n != cf->nargs) {
        LyExpr a = ly_int(vm, (int64_t)n), b = ly_int(vm, cf->nargs);
        ly_message(vm, csym(vm), "cfct", 2, a, b);
        ly_unref(vm, a);
        ly_unref(vm, b);
        return NULL;
    }
    if (!cf->src) return uncompiled(vm, cf, e);
    Arg argv[n ? n : 1];
    for (size_t i = 0; i < n; i++) {
        if (!arg_ok(vm, ly_narg(e, i + 1), cf->argt[i], &argv[i], true)) {
            if (ly_unwinding(vm)) return NULL;
            LyExpr pos = ly_int(vm, (int64_t)i + 1), what = lyf_cty_expr(vm, cf->argt[i]);
            if (pos && what) ly_message(vm, csym(vm), "cfsa", 3, ly_narg(e, i + 1), pos, what);
            ly_unref(vm, pos);
            ly_unref(vm, what);
            return uncompiled(vm, cf, e);
        }
    }
    Rt *rt = rt_get(vm);
    if (!rt) return NULL;
    lua_State *L = rt->L;
    if (!lua_checkstack(L, 4)) return ly_raise_nomem(vm);
    Invoke iv = { rt, cf, argv };
    lua_pushcfunction(L, l_invoke);
    lua_pushlightuserdata(L, &iv);
    int st = lua_pcall(L, 1, 1, 0);
    if (st != LUA_OK) return call_failed(vm, rt, cf, e, st);
    int err;
    LyExpr r = lua_result(vm, L, -1, cf->ret, &err);
    lua_pop(L, 1);
    if (r) return r;
    if (ly_unwinding(vm)) return NULL;
    LyExpr s = ly_int(vm, (int64_t)cf->nsites + 1);
    ly_message(vm, csym(vm), err == ERR_NUM ? "cfn" : err == ERR_NULL ? "cfnull" : "cflist", 1, s);
    ly_unref(vm, s);
    return uncompiled(vm, cf, e);
}

/* EV(k, values...): external evaluation of constant k with the current values
 * of its compiled variables. */
static int l_ev(lua_State *L) {
    LyVM *vm = vm_of(L);
    LyfCf *cf = lua_touserdata(L, lua_upvalueindex(1));
    lua_Integer k = lua_tointeger(L, 1);
    LyExpr entry = ly_narg(cf->consts, (size_t)k);
    LyExpr held = ly_narg(ly_narg(entry, 2), 1), syms = ly_narg(entry, 3);
    LyfCty t = { (uint8_t)ly_small(ly_narg(entry, 4)), (uint8_t)ly_small(ly_narg(entry, 5)) };
    lua_Integer s = ly_small(ly_narg(entry, 6));
    size_t n = ly_nlen(syms);
    LyExpr vals[n ? n : 1];
    size_t got = 0;
    for (; got < n; got++) {
        vals[got] = lua_to_expr(vm, L, (int)got + 2, 0);
        if (!vals[got]) break;
    }
    LyExpr r = NULL;
    if (got == n) {
        LyExpr body = ly_substitute(vm, held, n, ly_nargs(syms), vals);
        r = body ? ly_evaluate(vm, body) : NULL;
        ly_unref(vm, body);
    }
    for (size_t i = 0; i < got; i++) ly_unref(vm, vals[i]);
    if (!r) {
        if (!ly_unwinding(vm)) ly_raise_nomem(vm);
        raise_kind(L, ERR_UNWIND, s);
    }
    lua_settop(L, 0);
    if (!lua_checkstack(L, 4)) { ly_unref(vm, r); ly_raise_nomem(vm); raise_kind(L, ERR_UNWIND, s); }
    Arg a;
    bool ok = (t.b == CT_VOID && !t.rank) || arg_ok(vm, r, t, &a, false);
    if (!ok) {
        LyExpr what = lyf_cty_expr(vm, t);
        if (what) ly_message(vm, csym(vm), "cfse", 2, r, what);
        ly_unref(vm, what);
        ly_unref(vm, r);
        raise_kind(L, ERR_EXT, s);
    }
    if (t.rank) {
        /* building the tables may raise: do it in a protected call, so r
         * is released whatever happens */
        PushT pt = { r, t };
        lua_pushcfunction(L, l_pusht);
        lua_pushlightuserdata(L, &pt);
        int st = lua_pcall(L, 1, 1, 0);
        ly_unref(vm, r);
        if (st != LUA_OK) return lua_error(L);
        return 1;
    }
    if (t.b != CT_VOID) push_arg(L, &a);
    else lua_pushnil(L);
    ly_unref(vm, r);
    return 1;
}

/* ---- builtins ------------------------------------------------------------------------------------------------ */

static LyExpr b_compile(LyVM *vm, LyExpr e) { return lyf_compile(vm, e); }

static LyExpr b_compileprint(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) != 1) return NULL;
    LyfCf *cf = lyf_cf_of(ly_narg(e, 1));
    if (!cf) return NULL;
    if (!cf->src) return ly_cstring(vm, "(uncompiled)");
    return ly_mkstring(vm, cf->src, cf->srclen);
}

static const LyBuiltin compile_builtins[] = {
    {"Compile", b_compile, "HoldAll Protected",
     "Compile[{{x, _Real}, {n, _Integer}, {v, _Real, 1}, ...}, expr] compiles expr to Lua code for the typed "
     "arguments; the result is a CompiledFunction, applied like a function."},
    {"CompilePrint", b_compileprint, "Protected",
     "CompilePrint[cf] gives the Lua source of the compiled function cf."},
    {"CompiledFunction", NULL, "Protected",
     "CompiledFunction[args, expr, \"Lua\"] is a compiled function made by Compile."},
    {NULL, NULL, NULL, NULL}
};

LyStatus lyf_open_compile(LyVM *vm) {
    LyStatus st = ly_register_table(vm, compile_builtins);
    if (st != LY_OK) return st;
    ly_set_message(vm, "Compile", "ctyp1", "`1` should be a symbol or a list of a symbol, a type and an optional rank.");
    ly_set_message(vm, "Compile", "ctyp2", "Type specification in `1` should be _Integer, _Real, True|False (with an optional rank), or a symbol alone (_Real).");
    ly_set_message(vm, "Compile", "ctyps", "`1` should be a list of {pattern, type} or {pattern, type, rank} specifications of external results.");
    ly_set_message(vm, "Compile", "cdup", "The argument `1` appears more than once.");
    ly_set_message(vm, "Compile", "extscalar", "`1` cannot be compiled and will be evaluated externally. The result is assumed to be of type `2`.");
    ly_set_message(vm, "Compile", "nocomp", "`1` cannot be compiled (`2`); the function will be evaluated uncompiled.");
    ly_set_message(vm, "CompiledFunction", "cfsa", "Argument `1` at position `2` should be of type `3`.");
    ly_set_message(vm, "CompiledFunction", "cfct", "Number of arguments `1` does not match the length `2` of the argument template.");
    ly_set_message(vm, "CompiledFunction", "cfn", "Numerical error encountered at instruction `1`; proceeding with uncompiled evaluation.");
    ly_set_message(vm, "CompiledFunction", "cfpart", "Part `1` of a tensor of length `2` does not exist at instruction `3`; proceeding with uncompiled evaluation.");
    ly_set_message(vm, "CompiledFunction", "cflist", "Nontensor object generated at instruction `1`; proceeding with uncompiled evaluation.");
    ly_set_message(vm, "CompiledFunction", "cfnull", "Null encountered where a value is needed at instruction `1`; proceeding with uncompiled evaluation.");
    ly_set_message(vm, "CompiledFunction", "cfse", "Compiled expression `1` should be of type `2`.");
    ly_set_message(vm, "CompiledFunction", "cfex", "Could not complete external evaluation at instruction `1`; proceeding with uncompiled evaluation.");
    ly_set_message(vm, "CompiledFunction", "luaerr", "Error in compiled code: `1`.");
    return LY_OK;
}
