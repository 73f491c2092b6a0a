(* Definitions: own, down, up and sub values; ordering; memoization. *)
x = 5;
Print[x + 1]                           (* expect: 6 *)
y := x^2;
x = 3;
Print[y]                               (* expect: 9 *)
f[n_] := n^2
Print[f[4]]                            (* expect: 16 *)
Print[f[a + b]]                        (* expect: (a + b)^2 *)
g[x_Integer] := "integer"
g[x_Real] := "real"
g[x_] := "other"
Print[g[1], " ", g[1.5], " ", g["s"]]  (* expect: integer real other *)
g[0] = "zero";
Print[g[0]]                            (* expect: zero *)
fact[0] = 1;
fact[n_Integer /; n > 0] := n fact[n - 1]
Print[fact[25]]                        (* expect: 15511210043330985984000000 *)
Print[fact[-1]]                        (* expect: fact[-1] *)
fib[0] = 0; fib[1] = 1;
fib[n_] := fib[n] = fib[n - 1] + fib[n - 2]
Print[fib[100]]                        (* expect: 354224848179261915075 *)
Print[Length[DownValues[fib]]]         (* expect: 102 *)
h[x_, y_] := x + y
h[x_] := h[x, 10]
Print[h[1]]                            (* expect: 11 *)
p[x_] := x /; x > 0
p[x_] := -x
Print[p[3], " ", p[-3]]                (* expect: 3 3 *)
area[sq[s_]] ^:= s^2
Print[area[sq[3]]]                     (* expect: 9 *)
Print[UpValues[sq]]                    (* expect: {HoldPattern[area[sq[s_]]] :> s^2} *)
d[a_][b_] := a - b
Print[d[10][3]]                        (* expect: 7 *)
q /: q + q = 1;
Print[q + q]                           (* expect: 1 *)
Clear[f]
Print[f[4]]                            (* expect: f[4] *)
f[x_] := x + 1
f[x_] := x + 2
Print[f[1]]                            (* expect: 3 *)
Print[DownValues[f]]                   (* expect: {HoldPattern[f[x_]] :> x + 2} *)
k[x_] := 1
k[1] =.
(* expect-stderr: Unset::norep: Assignment on k for k[1] not found. *)
{u, v} = {1, 2};
Print[u + v]                           (* expect: 3 *)
w = {1, 2, 3};
w[[2]] = 20;
Print[w]                               (* expect: {1, 20, 3} *)
m = {{1, 2}, {3, 4}};
m[[2, 1]] = 30;
Print[m]                               (* expect: {{1, 2}, {30, 4}} *)
s = 1; s =.;
Print[s]                               (* expect: s *)
