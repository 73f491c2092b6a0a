(* MatchQ, operator forms *)
Print[MatchQ[{1, 2}, {_, _}]]
(* expect: True *)
Print[MatchQ[{1, 2}, {_}]]
(* expect: False *)
Print[MatchQ[a, a]]
(* expect: True *)
Print[MatchQ[a, b]]
(* expect: False *)
Print[MatchQ[f[a, b], f[x_, y_]]]
(* expect: True *)
Print[MatchQ[_Integer][5]]
(* expect: True *)
Print[Map[MatchQ[_Integer], {1, a, 2}]]
(* expect: {True, False, True} *)
Print[ReplaceAll[x -> 1][{x, y}]]
(* expect: {1, y} *)
Print[Cases[_Integer][{1, a, 2}]]
(* expect: {1, 2} *)
Print[DeleteCases[_Integer][{1, a, 2}]]
(* expect: {a} *)
Print[FreeQ[a][{b, c}]]
(* expect: True *)
Print[MemberQ[a][{a, b}]]
(* expect: True *)
Print[Count[_Integer][{1, a, 2}]]
(* expect: 2 *)
Print[Position[a][{a, b, a}]]
(* expect: {{1}, {3}} *)
Print[Replace[x -> 1][x]]
(* expect: 1 *)
