(* TableForm with TableHeadings; Column with Alignment; ComplexExpand *)
Print[TableForm[{{1, 2}, {3, 4}}, TableHeadings -> {{"r1", "r2"}, {"c1", "c2"}}]]
(* expect:      c1   c2 *)
(* expect:  *)
(* expect: r1   1    2 *)
(* expect:  *)
(* expect: r2   3    4 *)
Print[TableForm[{{1, 2}, {3, 4}}, TableHeadings -> {None, {"a", "b"}}]]
(* expect: a   b *)
(* expect:  *)
(* expect: 1   2 *)
(* expect:  *)
(* expect: 3   4 *)
Print[Column[{"x", "yy", "zzz"}, Alignment -> Right]]
(* expect:   x *)
(* expect:  yy *)
(* expect: zzz *)
Print[ComplexExpand[Exp[I x]]]
(* expect: Cos[x] + I Sin[x] *)
Print[ComplexExpand[(a + I b)^2]]
(* expect: a^2 + 2 I a b - b^2 *)
Print[ComplexExpand[{Abs[a + I b], 1/(a + I b), Sin[x + I y]}]]
(* expect: {Sqrt[a^2 + b^2], a/(a^2 + b^2) - (I b)/(a^2 + b^2), Cosh[y] Sin[x] + I Cos[x] Sinh[y]} *)
