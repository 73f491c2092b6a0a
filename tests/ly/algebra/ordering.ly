(* Canonical order of Times/Plus arguments: a sum sorts against a symbol by
   its last term, then the rest: -1 + x < x < 1 + x (vm/compare.c). *)
Print[Factor[x^3 - x]]
(* expect: (-1 + x) x (1 + x) *)
Print[Sort[{x, -1 + x, 1 + x}]]
(* expect: {-1 + x, x, 1 + x} *)
Print[Collect[a x + b x + c x^2 + d x^2 + e, x]]
(* expect: e + (a + b) x + (c + d) x^2 *)
