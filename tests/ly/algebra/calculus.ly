(* D, Derivative, Integrate *)
Print[D[x^3, x]]
(* expect: 3 x^2 *)
Print[D[Sin[x^2], x]]
(* expect: 2 x Cos[x^2] *)
Print[D[f[x], x]]
(* expect: f'[x] *)
Print[InputForm[D[f[x], x]]]
(* expect: Derivative[1][f][x] *)
Print[D[x^2 y^3, x, y]]
(* expect: 6 x y^2 *)
Print[D[x^5, {x, 3}]]
(* expect: 60 x^2 *)
Print[D[Sin[x] Cos[x], x]]
(* expect: Cos[x]^2 - Sin[x]^2 *)
Print[D[Log[x], x]]
(* expect: 1/x *)
Print[D[E^(2 x), x]]
(* expect: 2 E^(2 x) *)
Print[D[Exp[x], x]]
(* expect: E^x *)
Print[D[Tan[x], x]]
(* expect: Sec[x]^2 *)
Print[D[ArcTan[x], x]]
(* expect: 1/(1 + x^2) *)
Print[D[Sqrt[x], x]]
(* expect: 1/(2 Sqrt[x]) *)
Print[D[x^x, x]]
(* expect: x^x (1 + Log[x]) *)
Print[D[f[g[x]], x]]
(* expect: f'[g[x]] g'[x] *)
Print[D[f'[x], x]]
(* expect: f''[x] *)
Print[D[ArcSin[x], x]]
(* expect: 1/Sqrt[1 - x^2] *)
Print[D[Cos[x], x]]
(* expect: -Sin[x] *)
Print[D[Cos[3 x], x]]
(* expect: -3 Sin[3 x] *)
Print[D[a x^2 + b x + c, x]]
(* expect: b + 2 a x *)
Print[D[5, x]]
(* expect: 0 *)
Print[D[y, x]]
(* expect: 0 *)
Print[D[x, x]]
(* expect: 1 *)
Print[D[{x^2, x^3}, x]]
(* expect: {2 x, 3 x^2} *)
Print[D[Sinh[x], x]]
(* expect: Cosh[x] *)
Print[D[1/x, x]]
(* expect: -(1/x^2) *)
Print[D[Sin[x], {x, 2}]]
(* expect: -Sin[x] *)
Print[D[Sin[x], {x, 4}]]
(* expect: Sin[x] *)
Print[D[2^x, x]]
(* expect: 2^x Log[2] *)
Print[D[x Log[x], x]]
(* expect: 1 + Log[x] *)
Print[Sin'[x]]
(* expect: Cos[x] *)
Print[Cos''[x]]
(* expect: -Cos[x] *)
Print[Exp'[x]]
(* expect: E^x *)
Print[Log'[x]]
(* expect: 1/x *)
Print[f'[x]]
(* expect: f'[x] *)
Print[(#^3 &)'[x]]
(* expect: 3 x^2 *)
Print[Integrate[x^2, x]]
(* expect: x^3/3 *)
Print[Integrate[1/x, x]]
(* expect: Log[x] *)
Print[Integrate[Sin[x], x]]
(* expect: -Cos[x] *)
Print[Integrate[Cos[x], x]]
(* expect: Sin[x] *)
Print[Integrate[Cos[2 x], x]]
(* expect: Sin[2 x]/2 *)
Print[Integrate[Exp[2 x], x]]
(* expect: E^(2 x)/2 *)
Print[Integrate[E^x, x]]
(* expect: E^x *)
Print[Integrate[Log[x], x]]
(* expect: -x + x Log[x] *)
Print[Integrate[x Sin[x], x]]
(* expect: -(x Cos[x]) + Sin[x] *)
Print[Integrate[3 x^2 + 2 x + 1, x]]
(* expect: x + x^2 + x^3 *)
Print[Integrate[x^2, {x, 0, 1}]]
(* expect: 1/3 *)
Print[Integrate[1/(1 + x^2), x]]
(* expect: ArcTan[x] *)
Print[Integrate[Sin[x], {x, 0, Pi}]]
(* expect: 2 *)
Print[Integrate[Sqrt[x], x]]
(* expect: (2 x^(3/2))/3 *)
Print[Integrate[a x, x]]
(* expect: (a x^2)/2 *)
Print[Integrate[5, x]]
(* expect: 5 x *)
Print[Integrate[1/(2 x + 1), x]]
(* expect: Log[1 + 2 x]/2 *)
Print[Integrate[x^3, {x, 1, 2}]]
(* expect: 15/4 *)
Print[Integrate[Tan[x], x]]
(* expect: -Log[Cos[x]] *)
Print[Integrate[Sinh[x], x]]
(* expect: Cosh[x] *)
Print[Integrate[x Cos[x], x]]
(* expect: Cos[x] + x Sin[x] *)
Print[Integrate[{x, x^2}, x]]
(* expect: {x^2/2, x^3/3} *)
