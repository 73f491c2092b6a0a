(* Position, FreeQ, MemberQ *)
Print[Position[{a, b, a}, a]]
(* expect: {{1}, {3}} *)
Print[Position[{{a}}, _List]]
(* expect: {{1}, {}} *)
Print[Position[{a, {a}}, a]]
(* expect: {{1}, {2, 1}} *)
Print[Position[f[a], f]]
(* expect: {{0}} *)
Print[Position[x, x]]
(* expect: {{}} *)
Print[Position[{1, 2, 3, 2}, 2, {1}, 1]]
(* expect: {{2}} *)
Print[Position[{a, {b, a}}, a, {2}]]
(* expect: {{2, 2}} *)
Print[Position[{f[a], g[a]}, a, Infinity, Heads -> False]]
(* expect: {{1, 1}, {2, 1}} *)
Print[FreeQ[{a, b}, c]]
(* expect: True *)
Print[FreeQ[{a, {b, c}}, c]]
(* expect: False *)
Print[FreeQ[f[x], f]]
(* expect: False *)
Print[FreeQ[{1, 2}, _Real]]
(* expect: True *)
Print[FreeQ[{a, {b}}, b, 1]]
(* expect: True *)
Print[MemberQ[{1, 2, 3}, 2]]
(* expect: True *)
Print[MemberQ[{1, 2, 3}, 5]]
(* expect: False *)
Print[MemberQ[{1, {2}}, 2]]
(* expect: False *)
Print[MemberQ[{1, {2}}, 2, Infinity]]
(* expect: True *)
Print[MemberQ[{a, b}, _Symbol]]
(* expect: True *)
Print[MemberQ[f[a], f]]
(* expect: False *)
