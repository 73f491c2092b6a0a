(* The derivative of an integral with variable bounds (Leibniz rule), the
   derivative of an interpolation, Element written as an infix operator in
   OutputForm. *)
Print[D[Integrate[f[t], {t, 0, x}], x]]
(* expect: f[x] *)
Print[D[Integrate[f[t, x], {t, a[x], b}], x]]
(* expect: -(a'[x] f[a[x], x]) + Integrate[Derivative[0, 1][f][t, x], {t, a[x], b}] *)
h = Interpolation[{1, 4, 9, 16}];
Print[{h[2.5], h'[2.5], h''[2.5], h[Pi/2]}]
(* expect: {6.25, 5., 2., 2.4674} *)
Print[Element[x, Reals]]
(* expect: x ∈ Reals *)
Print[InputForm[Element[x, Reals]]]
(* expect: Element[x, Reals] *)
Print[x > 0 && Element[x, Integers]]
(* expect: x > 0 && x ∈ Integers *)
Print[{Distribute[f[a + b, c + d]], Distribute[(a + b) (c + d)], Distribute[f[{a, b}, {c, d}], List]}]
(* expect: {f[a, c] + f[a, d] + f[b, c] + f[b, d], a c + b c + a d + b d, {f[a, c], f[a, d], f[b, c], f[b, d]}} *)
