local function f(n)
  local s, i = 0, 0
  while i < n do i = i + 1; s = s + i end
  return s
end
print(f(1000000))
