-- The same loop hand-written in Lua 5.4 (locals for the math functions, as
-- anyone writing fast Lua would).
local sin, cos, sqrt, abs = math.sin, math.cos, math.sqrt, math.abs
local s = 0.0
for i = 1, 10000000 do
  s = s + sin(i) * cos(i) + sqrt(abs(sin(2 * i)))
end
print(string.format("%.0f", s))
