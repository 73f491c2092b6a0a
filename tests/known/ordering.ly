(* Known deviations from Wolfram, not run by CI (tests/run_golden.py runs
   tests/ly only).  Expectations are Wolfram's; move a case back into
   tests/ly when Lyra gets it right. *)
Print[Collect[x y + x z + y z, x]]
(* expect: x (y + z) + y z *)
(* Apart puts the polynomial part first *)
Print[Apart[(x^3 + 1)/(x - 2)]]
(* expect: 4 + 2 x + x^2 + 9/(-2 + x) *)
