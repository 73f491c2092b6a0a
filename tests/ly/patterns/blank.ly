(* Blank, heads of atoms *)
Print[MatchQ[5, _]]
(* expect: True *)
Print[MatchQ[5, _Integer]]
(* expect: True *)
Print[MatchQ[5, _Real]]
(* expect: False *)
Print[MatchQ[2.5, _Real]]
(* expect: True *)
Print[MatchQ["s", _String]]
(* expect: True *)
Print[MatchQ[x, _Symbol]]
(* expect: True *)
Print[MatchQ[1/2, _Rational]]
(* expect: True *)
Print[MatchQ[2, _Rational]]
(* expect: False *)
Print[MatchQ[1 + 2 I, _Complex]]
(* expect: True *)
Print[MatchQ[{1, 2}, _List]]
(* expect: True *)
Print[MatchQ[Range[10], _List]]
(* expect: True *)
Print[MatchQ[<|a -> 1|>, _Association]]
(* expect: True *)
Print[MatchQ[f[x], _f]]
(* expect: True *)
Print[MatchQ[f[x], _g]]
(* expect: False *)
Print[MatchQ[f[x], f[_]]]
(* expect: True *)
Print[MatchQ[f[x, y], f[_]]]
(* expect: False *)
Print[MatchQ[f[x, y], f[_, _]]]
(* expect: True *)
Print[MatchQ[f[x], _[_]]]
(* expect: True *)
Print[MatchQ[f[x][y], _[_][_]]]
(* expect: True *)
Print[MatchQ[x, f[_]]]
(* expect: False *)
Print[MatchQ[12345678901234567890, _Integer]]
(* expect: True *)
Print[Cases[{1, a, 2.5, "s"}, _Integer | _Real]]
(* expect: {1, 2.5} *)
Print[Cases[{1, a, 2.5, "s", b}, _Symbol]]
(* expect: {a, b} *)
Print[Cases[{f[1], g[2], f[3]}, _f]]
(* expect: {f[1], f[3]} *)
