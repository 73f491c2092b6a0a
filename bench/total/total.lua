-- Peer of total.ly in Lua 5.4: build the range, square it, total it
-- (the same three steps; integers are 64-bit, and the sum fits).
local n = 10000000
local r = {}
for i = 1, n do r[i] = i end
local sq = {}
for i = 1, n do sq[i] = r[i] * r[i] end
local s = 0.0   -- the exact sum needs 69 bits; floats keep the magnitude
for i = 1, n do s = s + sq[i] end
print(s)
