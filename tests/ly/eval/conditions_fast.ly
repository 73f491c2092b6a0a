(* Simple definitions with tests and conditions (matched without the general
   matcher, rulecode.c): evaluated in the general matcher's order, with the
   bindings made so far. *)
f[x_ /; (Print["c1 ", x]; x > 0), y_ /; (Print["c2 ", y]; y > 0), 3] := {x, y}
Print[f[1, 2, 3]]
Print[f[1, 2, 4]]
Print[f[-1, 2, 3]]
g[x_?(Function[v, Print["t ", v]; IntegerQ[v]])] := x + 1
Print[g[5]]
Print[g[a]]
h[x_, y_] /; x < y := lt
h[x_, y_] := ge
Print[{h[1, 2], h[2, 1], h[a, b]}]
k[x_] := big /; x > 10
k[x_] := small
Print[{k[20], k[5], k[z]}]
m[x_ /; x > y] := x
Print[m[3]]
y = 1;
Print[m[3]]
n[_Integer, _] := 1
n[_, _] := 2
Print[{n[1, 2], n[a, 2], n[1]}]
p[x_ /; x == 1, x_] := same
Print[p[1, 1]]
q[x_?EvenQ /; x > 2] := even
Print[{q[4], q[2], q[3]}]
r[x_] /; (Print["lhs cond"]; True) := Print["body"]
r[1];
s[x_Integer /; x > 0] := s[x - 1] + 1
s[0] = 0;
Print[s[100]]
memo[0] = 0; memo[1] = 1; memo[n_] := memo[n] = memo[n - 1] + memo[n - 2]
Print[memo[30]]
Print[Length[DownValues[memo]]]
w[x_] := {x -> 1, a :> x, Hold[x + 1]}
Print[w[2]]
Clear[z]; z[x_] := (t = x; t + 1)
Print[{z[1], t}]
v[x_] := Table[x, {3}]
Print[v[7]]
tt[x_] := Module[{y = x}, y + 1]
Print[tt[1]]
fun[x_] := Function[u, u + x]
Print[fun[2][3]]
(* expect: c1 1 *)
(* expect: c2 2 *)
(* expect: {1, 2} *)
(* expect: c1 1 *)
(* expect: c2 2 *)
(* expect: f[1, 2, 4] *)
(* expect: c1 -1 *)
(* expect: f[-1, 2, 3] *)
(* expect: t 5 *)
(* expect: 6 *)
(* expect: t a *)
(* expect: g[a] *)
(* expect: {lt, ge, ge} *)
(* expect: {big, small, small} *)
(* expect: m[3] *)
(* expect: 3 *)
(* expect: {1, 2, n[1]} *)
(* expect: same *)
(* expect: {even, q[2], q[3]} *)
(* expect: lhs cond *)
(* expect: body *)
(* expect: 100 *)
(* expect: 832040 *)
(* expect: 32 *)
(* expect: {2 -> 1, a :> 2, Hold[2 + 1]} *)
(* expect: {2, 1} *)
(* expect: {7, 7, 7} *)
(* expect: 2 *)
(* expect: 5 *)
