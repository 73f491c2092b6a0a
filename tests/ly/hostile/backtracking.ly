(* Pathological patterns (issue 9): exponential backtracking stops under
   TimeConstrained; the classic {x___, y___, ..., b} is pruned at once. *)
Print[MatchQ[Table[a, {30}], {x___, y___, z___, w___, b}]]
(* expect: False *)
Print[TimeConstrained[MatchQ[Table[a, {40}], {(a | a) .., c}], 0.5]]
(* expect: $Aborted *)
Print[TimeConstrained[MatchQ[Table[a, {40}], {(a | a) .., c}], 0.5, "gave up"]]
(* expect: gave up *)
Print[TimeConstrained[ReplaceRepeated[Table[a, {40}], {(a | a) .., c} -> 0], 0.5]]
(* expect: $Aborted *)
Print[TimeConstrained[Cases[{Table[a, {40}]}, {(a | a) .., c}], 0.5]]
(* expect: $Aborted *)
(* the VM is fine afterwards *)
Print[MatchQ[{a, a, c}, {(a | a) .., c}]]
(* expect: True *)
