local function f(x) return x + 1 end
local s = 0
for i = 1, 1000000 do s = s + f(i) end
print(s)
