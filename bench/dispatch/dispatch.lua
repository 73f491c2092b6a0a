local f = {}
for k = 1, 1000 do f[k] = k * k end
local s = 0
for i = 1, 100000 do s = s + f[(i % 1000) + 1] end
print(s)
