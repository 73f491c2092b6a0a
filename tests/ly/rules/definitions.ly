(* definitions use the matcher too *)
f[x_] := {x}
Print[f[3]]
(* expect: {3} *)
g[x__, y__] := {{x}, {y}}
Print[g[1, 2, 3]]
(* expect: {{1}, {2, 3}} *)
h[x_, x_] := same
Print[h[1, 1]]
(* expect: same *)
Print[h[1, 2]]
(* expect: h[1, 2] *)
k[x_Integer] := int
Print[{k[1], k[a], k[2.5]}]
(* expect: {int, k[a], k[2.5]} *)
o[x_, y_:5] := {x, y}
Print[{o[1], o[1, 2]}]
(* expect: {{1, 5}, {1, 2}} *)
t[x_ /; x > 0] := pos
Print[{t[1], t[-1]}]
(* expect: {pos, t[-1]} *)
u[x_] := ok /; EvenQ[x]
Print[{u[2], u[3]}]
(* expect: {ok, u[3]} *)
SetAttributes[fl, Flat]
fl[x_, c] := {x}
Print[fl[a, b, c]]
(* expect: {fl[a, b]} *)
p[a + c + x_] := {x}
Print[p[a + b + c]]
(* expect: {b} *)
len[{}] := 0
len[{_, r___}] := 1 + len[{r}]
Print[len[{a, b, c}]]
(* expect: 3 *)
fib[0] = 0; fib[1] = 1;
fib[n_Integer /; n > 1] := fib[n - 1] + fib[n - 2]
Print[fib[15]]
(* expect: 610 *)
