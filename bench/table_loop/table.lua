local t = {}
for i = 1, 1000000 do t[i] = i * i end
local s = 0
for i = 1, #t do s = s + t[i] end
print(s)
