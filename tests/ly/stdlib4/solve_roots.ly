(* Solve: binomials with roots of unity, Root objects for irreducible
   cubics and quartics (radicals with Cubics/Quartics -> True), symbolic
   quadratics, conditions and domains, nonlinear systems; Root, N, ToRadicals *)
Print[Solve[x^3 - 2 == 0, x]]
(* expect: {{x -> 2^(1/3)}, {x -> -((-1)^(1/3) 2^(1/3))}, {x -> (-1)^(2/3) 2^(1/3)}} *)
Print[Solve[x^3 == 1, x]]
(* expect: {{x -> 1}, {x -> -(-1)^(1/3)}, {x -> (-1)^(2/3)}} *)
Print[Solve[x^3 + x + 1 == 0, x]]
(* expect: {{x -> Root[1 + #1 + #1^3 & , 1]}, {x -> Root[1 + #1 + #1^3 & , 2]}, {x -> Root[1 + #1 + #1^3 & , 3]}} *)
Print[N[Root[1 + #1 + #1^3 &, 2]]]  (* expect: 0.341164 - 1.16154 I *)
Print[N[x /. Solve[x^3 + x + 1 == 0, x]]]  (* expect: {-0.682328, 0.341164 - 1.16154 I, 0.341164 + 1.16154 I} *)
Print[Solve[x^4 - 2 == 0, x]]  (* expect: {{x -> -2^(1/4)}, {x -> -I 2^(1/4)}, {x -> I 2^(1/4)}, {x -> 2^(1/4)}} *)
Print[Solve[x^4 == 1, x]]  (* expect: {{x -> -1}, {x -> -I}, {x -> I}, {x -> 1}} *)
Print[Solve[x^2 - 2 x + 4 == 0, x]]  (* expect: {{x -> 1 - I Sqrt[3]}, {x -> 1 + I Sqrt[3]}} *)
Print[Solve[x^6 == 1, x]]
(* expect: {{x -> -1}, {x -> 1}, {x -> -(-1)^(1/3)}, {x -> (-1)^(1/3)}, {x -> -(-1)^(2/3)}, {x -> (-1)^(2/3)}} *)
Print[Solve[x^2 == a, x]]  (* expect: {{x -> -Sqrt[a]}, {x -> Sqrt[a]}} *)
Print[Solve[a x^2 + b x + c == 0, x]]
(* expect: {{x -> (-b - Sqrt[b^2 - 4 a c])/(2 a)}, {x -> (-b + Sqrt[b^2 - 4 a c])/(2 a)}} *)
Print[Solve[x^4 - 10 x^2 + 1 == 0, x]]
(* expect: {{x -> -Sqrt[5 - 2 Sqrt[6]]}, {x -> Sqrt[5 - 2 Sqrt[6]]}, {x -> -Sqrt[5 + 2 Sqrt[6]]}, {x -> Sqrt[5 + 2 Sqrt[6]]}} *)
Print[Sort[N[x /. Solve[x^3 + x + 1 == 0, x, Cubics -> True]]] == Sort[N[x /. Solve[x^3 + x + 1 == 0, x]]]]  (* expect: True *)
Print[Max[Table[Min[Abs[r - #] & /@ N[x /. Solve[x^4 + x + 1 == 0, x]]], {r, N[x /. Solve[x^4 + x + 1 == 0, x, Quartics -> True]]}]] < 10^-8]  (* expect: True *)
Print[Solve[x^5 - x + 1 == 0, x][[5]]]  (* expect: {x -> Root[1 - #1 + #1^5 & , 5]} *)
Print[Solve[(x - 3) (x^2 - 2) == 0, x]]  (* expect: {{x -> 3}, {x -> -Sqrt[2]}, {x -> Sqrt[2]}} *)
Print[Solve[x^2 == 4 && x > 0, x]]  (* expect: {{x -> 2}} *)
Print[Solve[x^3 == 8, x, Reals]]  (* expect: {{x -> 2}} *)
Print[Solve[x^2 + 1 == 0 && x > 0, x]]  (* expect: {} *)
Print[Solve[{x + y == 10, x y == 21}, {x, y}]]  (* expect: {{x -> 3, y -> 7}, {x -> 7, y -> 3}} *)
Print[Solve[{x^2 + y^2 == 1, x == y}, {x, y}]]
(* expect: {{x -> -(1/Sqrt[2]), y -> -(1/Sqrt[2])}, {x -> 1/Sqrt[2], y -> 1/Sqrt[2]}} *)
Print[Solve[{x + y == a, x - y == b}, {x, y}]]  (* expect: {{x -> (a + b)/2, y -> (a - b)/2}} *)
Print[NSolve[x^3 + x + 1 == 0, x]]  (* expect: {{x -> -0.682328}, {x -> 0.341164 - 1.16154 I}, {x -> 0.341164 + 1.16154 I}} *)
Print[Solve[x^3 + 2.0 x + 1 == 0, x]]  (* expect: {{x -> -0.453398}, {x -> 0.226699 - 1.46771 I}, {x -> 0.226699 + 1.46771 I}} *)
Print[Root[#^2 - 2 &, 1]]  (* expect: -Sqrt[2] *)
Print[Root[#^3 - 2 &, 1]]  (* expect: Root[-2 + #1^3 & , 1] *)
Print[Root[2 #^3 + 2 # + 2 &, 1]]  (* expect: Root[1 + #1 + #1^3 & , 1] *)
Print[Root[(#^2 - 2) (#^3 + # + 1) &, 2]]  (* expect: Root[1 + #1 + #1^3 & , 1] *)
Print[ToRadicals[Root[#^3 - 2 &, 1]]]  (* expect: 2^(1/3) *)
Print[{NumericQ[Root[#^3 - 2 &, 1]], Root[#^3 - 2 &, 1] > 1}]  (* expect: {True, True} *)
Print[N[x^3]]  (* expect: x^3 *)
Print[(13.5 + 0.577 I)^(1/3)]  (* expect: 2.38158 + 0.0339119 I *)
