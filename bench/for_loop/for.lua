local n, s, i = 1000000, 0, 1
while i <= n do s = s + i; i = i + 1 end
print(s)
