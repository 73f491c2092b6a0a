-- writes a ~10 MB text of random words (fixed seed) to arg[1]
math.randomseed(42)
local words = {}
for i = 1, 5000 do
  local n = math.random(2, 10)
  local t = {}
  for k = 1, n do t[k] = string.char(96 + math.random(1, 26)) end
  words[i] = table.concat(t)
end
local out, size, line = {}, 0, {}
while size < 10 * 1024 * 1024 do
  local w = words[math.random(1, #words)]
  out[#out + 1] = w
  size = size + #w + 1
  out[#out + 1] = (#out % 24 == 0) and "\n" or " "
end
local f = assert(io.open(arg[1], "wb"))
f:write(table.concat(out))
f:close()
