(* Solve[eqns] and NSolve[eqns] solve for all the variables of eqns. *)
Print[Solve[2 x + 3 == 7]]
(* expect: {{x -> 2}} *)
Print[Solve[{x + y == 3, x - y == 1}]]
(* expect: {{x -> 2, y -> 1}} *)
Print[NSolve[x^2 == 2]]
(* expect: {{x -> -1.41421}, {x -> 1.41421}} *)
