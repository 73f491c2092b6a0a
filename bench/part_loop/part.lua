local n, a = 1000000, {}
for i = 1, n do a[i] = 0 end
for i = 1, n do a[i] = i end
local s = 0
for i = 1, n do s = s + a[i] end
print(s)
