(* Definite integrals without an elementary antiderivative that have a
   closed form (Gaussian moments, Sin[k x]/x), endpoints reached as limits
   without messages, Fourier and InverseFourier. *)
Print[{Integrate[x^2 Exp[-x^2], {x, -Infinity, Infinity}], Integrate[x^3 Exp[-x^2], {x, -Infinity, Infinity}]}]
(* expect: {Sqrt[Pi]/2, 0} *)
Print[Integrate[Exp[-a x^2], {x, -Infinity, Infinity}]]
(* expect: ConditionalExpression[Sqrt[Pi]/Sqrt[a], Re[a] > 0] *)
Print[{Integrate[Sin[x]/x, {x, 0, Infinity}], Integrate[Sin[2 x]/x, {x, -Infinity, Infinity}]}]
(* expect: {Pi/2, Pi} *)
Print[{Integrate[Log[x], {x, 0, 1}], Integrate[x Log[x], {x, 0, 1}]}]
(* expect: {-1, -1/4} *)
Print[{ConditionalExpression[x, True], ConditionalExpression[x, False]}]
(* expect: {x, Undefined} *)
Print[Fourier[{1, 2, 3, 4}]]
(* expect: {5. + 0. I, -1. - 1. I, -1. + 0. I, -1. + 1. I} *)
Print[Chop[InverseFourier[Fourier[{1, 2, 3}]]]]
(* expect: {1., 2., 3.} *)
