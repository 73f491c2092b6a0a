local n, s, i = 1000000, 0, 0
while i < n do i = i + 1; s = s + i end
print(s)
