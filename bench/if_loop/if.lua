local c = 0
for i = 1, 1000000 do if i % 3 == 0 then c = c + 1 else c = c - 1 end end
print(c)
