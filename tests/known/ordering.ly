(* Known deviations from Wolfram, not run by CI (tests/run_golden.py runs
   tests/ly only).  Expectations are Wolfram's; move a case back into
   tests/ly when Lyra gets it right. *)
Print[Collect[x y + x z + y z, x]]
(* expect: x (y + z) + y z *)
(* Times[Cos[x], Sin[x]^-1] is Cot[x] in Wolfram (vm/arith.c) *)
Print[D[Log[Sin[x]], x]]
(* expect: Cot[x] *)
(* OutputForm of Times[-1, Power[x, -1]] is -(1/x) in Wolfram (vm/print.c) *)
Print[-1/x]
(* expect: -(1/x) *)
(* Apart puts the polynomial part first *)
Print[Apart[(x^3 + 1)/(x - 2)]]
(* expect: 4 + 2 x + x^2 + 9/(-2 + x) *)
