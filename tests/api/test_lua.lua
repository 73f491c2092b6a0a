-- test_lua.lua — the Lua module, driven by the lua5.4 interpreter:
--   LUA_CPATH='build/lua/?.so' lua5.4 tests/api/test_lua.lua
-- (tests/api/CMakeLists.txt runs it on the build tree, install_test.sh on an
-- installed prefix).  Every check is an assert; the last line counts them.
local lyra = require "lyra"
local n = 0
local function check(cond, what)
  n = n + 1
  if not cond then error(("check %d failed: %s"):format(n, what or "?"), 2) end
end
local function fails(pattern, f, ...)
  local ok, err = pcall(f, ...)
  check(not ok, "expected an error matching " .. pattern)
  check(tostring(err):find(pattern, 1, true), ("error %q lacks %q"):format(tostring(err), pattern))
  return err
end

-- version
check(type(lyra.version) == "string" and lyra.version:match("^%d+%.%d+%.%d+$"), "version")

-- numbers
local v = lyra.eval("Total[Range[100]]")
check(math.type(v) == "integer" and v == 5050, "integer")
check(lyra.eval("2^62") == 4611686018427387904 and math.type(lyra.eval("2^62")) == "integer", "2^62")
check(lyra.eval("-2^63") == math.mininteger, "-2^63 fits")
local big = lyra.eval("2^100")
check(type(big) == "userdata" and tostring(big) == "1267650600228229401496703205376", "big integer")
check(big:kind() == "Integer" and big:tonumber() == 2^100, "big kind/tonumber")
check(lyra.eval("N[Pi]") == math.pi and math.type(lyra.eval("1.5")) == "float", "real")
local half = lyra.eval("1/2")
check(tostring(half) == "1/2" and half:tonumber() == 0.5 and half:kind() == "Rational", "rational")
check(tostring(lyra.eval("2 + 3 I")) == "2 + 3*I", "complex " .. tostring(lyra.eval("2 + 3 I")))

-- strings, booleans, Null
check(lyra.eval('StringJoin["a", "b"]') == "ab", "string")
check(lyra.eval('"a\\000b"') == "a\0b", "string with NUL")
check(lyra.eval("1 < 2") == true and lyra.eval("1 > 2") == false, "booleans")
check(lyra.eval("xx = 1;") == nil, "Null at top level is nil")
check(select("#", lyra.eval("Null")) == 1, "one value")

-- lists, packed arrays, associations
local l = lyra.eval('{1, 2.5, "s", True, Null, {x, {}}}')
check(#l == 6 and l[1] == 1 and l[2] == 2.5 and l[3] == "s" and l[4] == true, "list")
check(l[5] == lyra.null, "Null inside a list is lyra.null")
check(type(l[6]) == "table" and tostring(l[6][1]) == "x" and #l[6][2] == 0, "nested list")
local r = lyra.eval("Range[5]")                      -- a packed array
check(#r == 5 and r[5] == 5 and math.type(r[1]) == "integer", "packed")
local m = lyra.eval("N[{{1, 2}, {3, 4}, {5, 6}}]")   -- a packed matrix
check(#m == 3 and #m[1] == 2 and m[3][2] == 6.0 and math.type(m[3][2]) == "float", "packed matrix")
local t3 = lyra.eval("Table[i + j + k, {i, 2}, {j, 2}, {k, 3}]")
check(#t3 == 2 and #t3[2] == 2 and #t3[2][2] == 3 and t3[2][2][3] == 7, "rank 3")
local a = lyra.eval('<|"a" -> 1, "b" -> {2, 3}, 4 -> "four", x -> Null|>')
check(a.a == 1 and a.b[2] == 3 and a[4] == "four", "association")
local xkey
for k, val in pairs(a) do if type(k) == "userdata" then xkey = k; check(val == lyra.null, "Null value") end end
check(xkey and tostring(xkey) == "x", "symbol key")

-- expressions that stay userdata
local e = lyra.eval("f[x, 2]")
check(type(e) == "userdata" and tostring(e) == "f[x, 2]" and e:fullform() == "f[x, 2]", "normal")
check(#e == 2 and tostring(e:head()) == "f" and e:part(2) == 2 and e:part(3) == nil, "parts")
check(e:kind() == "Normal", "kind")
check(lyra.symbol("x") == lyra.eval("x") and lyra.symbol("x") ~= lyra.symbol("y"), "SameQ")
local sq = lyra.eval("#^2 &")
check(sq(12) == 144 and sq(big) ~= nil, "calling an expression")
local p = lyra.parse("1 + 1")
check(tostring(p) == "1 + 1" and p:eval() == 2, "parse, eval")
check(lyra.eval("Hold[1 + 1]"):value() ~= nil, "value")

-- Lua values into Lyra
check(lyra.call("StringReverse", "abc") == "cba", "call string")
check(lyra.call("Total", {1, 2, 3.5}) == 6.5, "call list")
check(lyra.call("Plus", 2^62, 2^62) ~= nil and tostring(lyra.call("Plus", math.maxinteger, 1)) == "9223372036854775808", "overflow is exact")
check(lyra.call("Length", {}) == 0, "empty table is {}")
local keys = lyra.call("Keys", {a = 1})
check(#keys == 1 and keys[1] == "a", "table to association")
check(lyra.call("Lookup", {k = {1, 2}}, "k")[2] == 2, "nested table")
check(lyra.call("SameQ", nil, lyra.null) == true, "nil and null are Null")
check(lyra.call("Head", true) ~= nil and tostring(lyra.call("Head", true)) == "Symbol", "booleans are symbols")
check(tostring(lyra.tolyra({1, {2}})) == "{1, {2}}", "tolyra")
fails("cannot convert a function", lyra.call, "f", print)
local cyc = {}; cyc[1] = cyc
fails("nested too deeply", lyra.call, "Length", cyc)

-- errors
fails("<eval>:1:", lyra.eval, "1 +* 2")
fails("Throw[7]", lyra.eval, "Throw[7]")
fails("$Aborted", lyra.eval, "Abort[]")
fails("Quit[3]", lyra.eval, "Quit[3]")
check(lyra.eval("1 + 1") == 2, "usable after errors")
check(lyra.eval("1/0", "mychunk") ~= nil, "messages are not errors")

-- several VMs, hooks
local vm = lyra.new()
vm:eval("y = 10")
check(vm:eval("y") == 10 and tostring(lyra.eval("y")) == "y", "VMs are separate")
local lines, msgs = {}, {}
vm:set_output(function(line) lines[#lines + 1] = line end)
vm:set_messages(function(line) msgs[#msgs + 1] = line end)
vm:eval('Print["hi"]; Print[1 + 1]; 1/0')
check(lines[1] == "hi" and lines[2] == "2", "output hook")
check(msgs[1] and msgs[1]:find("Power::infy", 1, true), "message hook")
vm:set_output(function(line) error("hook says no") end)
fails("hook says no", vm.eval, vm, 'Print["x"]; While[True, 1]')   -- the error aborts the loop
vm:set_output(function(line) vm:eval("1") end)
fails("busy", vm.eval, vm, 'Print["x"]')
vm:set_output(nil)
check(vm:eval("y + 1") == 11, "usable after a hook error")
local fx = vm:eval("g[1]")
check(tostring(lyra.call("Head", fx)) == "g", "values cross VMs")
check(vm:memory() > 0, "memory")
vm:close()
fails("closed", vm.eval, vm, "1")
fails("closed", tostring, fx)

-- memory budget
local small = lyra.new{max_memory = 30 * 1000 * 1000}
fails("out of memory", small.eval, small, "Range[10^8]")
check(small:eval("Total[Range[10]]") == 55, "usable after running out")

-- parallel work from Lua
local sq2 = lyra.eval("ParallelMap[#^2 &, Range[10]]")
check(#sq2 == 10 and sq2[10] == 100, "ParallelMap")

-- deep values: converted to MAX_DEPTH, userdata below
local deep = lyra.eval("Nest[List, 1, 300]")
local d, cur = 0, deep
while type(cur) == "table" do cur = cur[1]; d = d + 1 end
check(d == 200 and type(cur) == "userdata", "deep values stop at 200 levels: " .. d)

-- garbage
for i = 1, 2000 do local x = lyra.eval("f[" .. i .. "]") end
collectgarbage()
check(lyra.eval("Length[Range[1000]]") == 1000, "after GC")

print(("test_lua: %d checks passed"):format(n))
