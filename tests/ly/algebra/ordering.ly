(* Canonical order of Times/Plus arguments where Lyra's ly_order (vm/compare.c)
   differs from Wolfram: a sum sorts against a symbol by its last term, then
   the rest as if the symbol were 0 + x, so -1 + x < x < 1 + x.
   These expectations are Wolfram's; they fail until compare.c follows. *)
Print[Factor[x^3 - x]]
(* expect: (-1 + x) x (1 + x) *)
Print[Sort[{x, -1 + x, 1 + x}]]
(* expect: {-1 + x, x, 1 + x} *)
Print[Collect[a x + b x + c x^2 + d x^2 + e, x]]
(* expect: e + (a + b) x + (c + d) x^2 *)
Print[Collect[x y + x z + y z, x]]
(* expect: x (y + z) + y z *)
(* Times[Cos[x], Sin[x]^-1] is Cot[x] in Wolfram (vm/arith.c) *)
Print[D[Log[Sin[x]], x]]
(* expect: Cot[x] *)
(* OutputForm of Times[-1, Power[x, -1]] is -(1/x) in Wolfram (vm/print.c) *)
Print[-1/x]
(* expect: -(1/x) *)
