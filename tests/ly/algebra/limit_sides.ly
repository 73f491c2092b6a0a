(* Limits of functions with kinks (Abs, Sign, Floor, ...): each side is
   taken with the kink resolved there; different sides give Indeterminate. *)
Print[Limit[Abs[x]/x, x -> 0]]
(* expect: Indeterminate *)
Print[{Limit[Abs[x]/x, x -> 0, Direction -> "FromAbove"], Limit[Abs[x]/x, x -> 0, Direction -> 1]}]
(* expect: {1, -1} *)
Print[{Limit[x Sign[x], x -> 0], Limit[Abs[x - 2], x -> 2], Limit[(Abs[x] - x)/x, x -> 0, Direction -> -1]}]
(* expect: {0, 0, 0} *)
Print[{Limit[Floor[x], x -> 1], Limit[Floor[x], x -> 1, Direction -> "FromBelow"], Limit[Floor[x], x -> 1/2]}]
(* expect: {Indeterminate, 0, 0} *)
