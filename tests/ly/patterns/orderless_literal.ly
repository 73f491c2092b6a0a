(* A literal pattern with an Orderless head matches its arguments in any
   order, also inside held expressions (Wolfram tries every order) *)
SetAttributes[g, Orderless];
Print[MatchQ[Hold[a + b], Hold[b + a]]]                 (* expect: True *)
Print[MatchQ[Hold[g[a, b]], Hold[g[b, a]]]]             (* expect: True *)
Print[MatchQ[Hold[h[a + b, c]], Hold[h[b + a, c]]]]     (* expect: True *)
Print[MatchQ[Hold[h[a + b, c]], Hold[h[b + a, d]]]]     (* expect: False *)
Print[MatchQ[Hold[a + b + c], Hold[c + b + a]]]         (* expect: True *)
Print[MatchQ[Hold[a + b], Hold[a + a]]]                 (* expect: False *)
Print[Cases[Hold[a + b, c + d], HoldPattern[d + c]]]    (* expect: {c + d} *)
Print[Hold[x y + z] /. HoldPattern[z + y x] -> 0]       (* expect: Hold[0] *)
(* not for heads without the attribute *)
Print[MatchQ[Hold[h[a, b]], Hold[h[b, a]]]]             (* expect: False *)
