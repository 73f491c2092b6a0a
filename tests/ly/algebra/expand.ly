(* Expand, ExpandAll: products and positive integer powers of sums *)
Print[Expand[(x + 1)^2]]
(* expect: 1 + 2 x + x^2 *)
Print[Expand[(x + y)^3]]
(* expect: x^3 + 3 x^2 y + 3 x y^2 + y^3 *)
Print[Expand[(x - 1)^3]]
(* expect: -1 + 3 x - 3 x^2 + x^3 *)
Print[Expand[(a + b) (c + d)]]
(* expect: a c + b c + a d + b d *)
Print[Expand[(x + y + z)^30] // Length]
(* expect: 496 *)
Print[Expand[(x + y + z)^2]]
(* expect: x^2 + 2 x y + y^2 + 2 x z + 2 y z + z^2 *)
Print[Expand[(1 + x)^5]]
(* expect: 1 + 5 x + 10 x^2 + 10 x^3 + 5 x^4 + x^5 *)
Print[Expand[(x + 1) (x - 1)]]
(* expect: -1 + x^2 *)
Print[Expand[(x + 1/x)^2]]
(* expect: 2 + 1/x^2 + x^2 *)
Print[Expand[(1 + Sqrt[2])^2]]
(* expect: 3 + 2 Sqrt[2] *)
Print[Expand[(1 + Sqrt[x])^2]]
(* expect: 1 + 2 Sqrt[x] + x *)
Print[Expand[(x + 1)^2/y]]
(* expect: 1/y + (2 x)/y + x^2/y *)
Print[Expand[(x + 1)^2/(x - 1)]]
(* expect: 1/(-1 + x) + (2 x)/(-1 + x) + x^2/(-1 + x) *)
Print[Expand[1/(x + 1)^2]]
(* expect: 1/(1 + x)^2 *)
Print[Expand[x (x + 1)]]
(* expect: x + x^2 *)
Print[Expand[3 (x + 2)]]
(* expect: 6 + 3 x *)
Print[Expand[x]]
(* expect: x *)
Print[Expand[5]]
(* expect: 5 *)
Print[Expand[(2 x + 3 y)^2]]
(* expect: 4 x^2 + 12 x y + 9 y^2 *)
Print[Expand[(x/2 + 1)^2]]
(* expect: 1 + x + x^2/4 *)
Print[Expand[Sin[(x + 1)^2]]]
(* expect: Sin[(1 + x)^2] *)
Print[Expand[(Sin[x] + Cos[x])^2]]
(* expect: Cos[x]^2 + 2 Cos[x] Sin[x] + Sin[x]^2 *)
Print[Expand[{(x + 1)^2, (x - 1)^2}]]
(* expect: {1 + 2 x + x^2, 1 - 2 x + x^2} *)
Print[Expand[(x + 1)^2 == 0]]
(* expect: 1 + 2 x + x^2 == 0 *)
Print[Expand[(x + 1)^2 - x^2]]
(* expect: 1 + 2 x *)
Print[Expand[(x + y) (x - y)]]
(* expect: x^2 - y^2 *)
Print[Expand[(a + b)^2 (a - b)^2]]
(* expect: a^4 - 2 a^2 b^2 + b^4 *)
Print[Expand[(1 + x + x^2)^2]]
(* expect: 1 + 2 x + 3 x^2 + 2 x^3 + x^4 *)
Print[Expand[(x^2 + 1)^3]]
(* expect: 1 + 3 x^2 + 3 x^4 + x^6 *)
Print[Length[Expand[(a + b + c + d)^10]]]
(* expect: 286 *)
Print[Expand[(x + 1)^20] /. x -> 1]
(* expect: 1048576 *)
Print[Expand[(1 + x)^2 (1 + y)]]
(* expect: 1 + 2 x + x^2 + y + 2 x y + x^2 y *)
Print[ExpandAll[Sin[(x + 1)^2]]]
(* expect: Sin[1 + 2 x + x^2] *)
Print[ExpandAll[1/(x + 1)^2]]
(* expect: 1/(1 + 2 x + x^2) *)
Print[ExpandAll[f[(a + b)^2]]]
(* expect: f[a^2 + 2 a b + b^2] *)
Print[Expand[(x + 2)^2 + (y + 1)^2]]
(* expect: 5 + 4 x + x^2 + 2 y + y^2 *)
Print[Expand[(1.5 x + 1)^2]]
(* expect: 1 + 3. x + 2.25 x^2 *)
Print[InputForm[Expand[(x + 1)^3]]]
(* expect: 1 + 3*x + 3*x^2 + x^3 *)
