-- the same work in Lua 5.4: gmatch words, table.concat back
local f = assert(io.open(arg[1], "rb")); local text = f:read("a"); f:close()
local clock = os.clock
local t0 = clock()
local words, n = {}, 0
for w in text:gmatch("%S+") do n = n + 1; words[n] = w end
local t1 = clock()
local joined = table.concat(words, " ")
local t2 = clock()
local w2, m = {}, 0
for w in text:gmatch("[^ \n]+") do m = m + 1; w2[m] = w end
local t3 = clock()
local c = 0
for _ in text:gmatch("%w+") do c = c + 1 end
local t4 = clock()
print(string.format("bytes %d words %d %d", #text, n, c))
print(string.format("lua split_ws %.3f join %.3f split_pattern %.3f count_pattern %.3f", t1 - t0, t2 - t1, t3 - t2, t4 - t3))
