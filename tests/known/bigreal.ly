(* Known deviations of arbitrary-precision reals (stdlib/bigreal.c), not run
   by CI.  Expectations are Wolfram's. *)
(* a result below its own uncertainty is 0``acc in Wolfram; Lyra falls back to a machine number *)
Print[Sin[N[Pi, 50]]]
(* expect: 0.*10^-50 *)
Print[N[Pi E, 30] - N[E Pi, 30]]
(* expect: 0.*10^-30 *)
(* complex values are computed at machine precision *)
Print[N[Sqrt[-2], 20]]
(* expect: 1.4142135623730950488 I *)
