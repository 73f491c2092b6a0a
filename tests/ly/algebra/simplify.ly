(* Simplify, FullSimplify, LeafCount *)
Print[Simplify[(x^2 - 1)/(x - 1)]]
(* expect: 1 + x *)
Print[Simplify[x^2 + 2 x + 1]]
(* expect: (1 + x)^2 *)
Print[Simplify[Sin[x]^2 + Cos[x]^2]]
(* expect: 1 *)
Print[Simplify[Log[a] + Log[b]]]
(* expect: Log[a] + Log[b] *)
Print[Simplify[Sqrt[x^2]]]
(* expect: Sqrt[x^2] *)
Print[Simplify[2 Sin[x]^2 + 2 Cos[x]^2]]
(* expect: 2 *)
Print[Simplify[(a + b)^2 - a^2 - 2 a b]]
(* expect: b^2 *)
Print[Simplify[x + x]]
(* expect: 2 x *)
Print[Simplify[(x^3 - 1)/(x - 1)]]
(* expect: 1 + x + x^2 *)
Print[Simplify[{(x^2 - 1)/(x + 1), Sin[y]^2 + Cos[y]^2}]]
(* expect: {-1 + x, 1} *)
Print[FullSimplify[(x^2 - 1)/(x + 1)]]
(* expect: -1 + x *)
Print[Simplify[f[(x^2 - 4)/(x - 2)]]]
(* expect: f[2 + x] *)
Print[Simplify[5]]
(* expect: 5 *)
Print[LeafCount[1 + a + b^2]]
(* expect: 6 *)
Print[LeafCount[1/2]]
(* expect: 3 *)
Print[LeafCount[x]]
(* expect: 1 *)
Print[LeafCount[f[x, y]]]
(* expect: 3 *)
Print[LeafCount[1 + I]]
(* expect: 3 *)
