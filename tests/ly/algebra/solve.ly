(* Solve: polynomial equations in one variable, linear systems *)
Print[Solve[x^2 - 3 x + 2 == 0, x]]
(* expect: {{x -> 1}, {x -> 2}} *)
Print[Solve[x^2 == -1, x]]
(* expect: {{x -> -I}, {x -> I}} *)
Print[Solve[x^2 == 2, x]]
(* expect: {{x -> -Sqrt[2]}, {x -> Sqrt[2]}} *)
Print[Solve[x^2 + 2 x + 5 == 0, x]]
(* expect: {{x -> -1 - 2 I}, {x -> -1 + 2 I}} *)
Print[Solve[2 x + 3 == 7, x]]
(* expect: {{x -> 2}} *)
Print[Solve[{x + y == 3, x - y == 1}, {x, y}]]
(* expect: {{x -> 2, y -> 1}} *)
Print[Solve[x^2 - 2 x + 1 == 0, x]]
(* expect: {{x -> 1}, {x -> 1}} *)
Print[Solve[a x + b == 0, x]]
(* expect: {{x -> -(b/a)}} *)
Print[Solve[x^3 - 6 x^2 + 11 x - 6 == 0, x]]
(* expect: {{x -> 1}, {x -> 2}, {x -> 3}} *)
Print[Solve[{x + y == 1, 2 x + 2 y == 3}, {x, y}]]
(* expect: {} *)
Print[Solve[x + y == 1, {x, y}]]
(* expect: {{x -> 1 - y}} *)
(* expect-stderr: Solve::svars: Equations may not give solutions for all "solve" variables. *)
Print[Solve[{x + 2 y + z == 6, 2 x - y + z == 3, x + y - z == 0}, {x, y, z}]]
(* expect: {{x -> 1, y -> 4/3, z -> 7/3}} *)
Print[Solve[3 x == 1, x]]
(* expect: {{x -> 1/3}} *)
Print[Solve[x^2 == 4, x]]
(* expect: {{x -> -2}, {x -> 2}} *)
Print[Solve[4 x^2 - 1 == 0, x]]
(* expect: {{x -> -1/2}, {x -> 1/2}} *)
Print[Solve[x^4 - 5 x^2 + 4 == 0, x]]
(* expect: {{x -> -2}, {x -> -1}, {x -> 1}, {x -> 2}} *)
Print[Solve[x/(x + 1) == 2, x]]
(* expect: {{x -> -2}} *)
Print[Solve[{2 x + y == 5, x + 3 y == 10}, {x, y}]]
(* expect: {{x -> 1, y -> 3}} *)
Print[x /. Solve[x^2 - 5 x + 6 == 0, x]]
(* expect: {2, 3} *)
