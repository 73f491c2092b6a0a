(* Cases, DeleteCases, Count *)
Print[Cases[{1, a, 2.5, "s"}, _Integer | _Real]]
(* expect: {1, 2.5} *)
Print[Cases[{1, 2, 3}, x_ :> x^2]]
(* expect: {1, 4, 9} *)
Print[Cases[{f[1], g[2], f[3]}, f[x_] -> x]]
(* expect: {1, 3} *)
Print[Cases[{{1, 2}, {3, {4}}}, _Integer, Infinity]]
(* expect: {1, 2, 3, 4} *)
Print[Cases[{{1, 2}, {3, {4}}}, _Integer, {2}]]
(* expect: {1, 2, 3} *)
Print[Cases[{{1, 2}, {3, {4}}}, _List, Infinity]]
(* expect: {{1, 2}, {4}, {3, {4}}} *)
Print[Cases[{1, 2, 3, 4, 5}, _Integer, {1}, 2]]
(* expect: {1, 2} *)
Print[Cases[{f[g[1]]}, _, Infinity]]
(* expect: {1, g[1], f[g[1]]} *)
Print[Cases[f[1, a, 2], _Integer]]
(* expect: {1, 2} *)
Print[Cases[5, _]]
(* expect: {} *)
Print[Cases[{{a}}, _, {-1}]]
(* expect: {a} *)
Print[Cases[{f[a], b}, _Symbol, Infinity, Heads -> True]]
(* expect: {List, f, a, b} *)
Print[DeleteCases[{a, b, a, c}, a]]
(* expect: {b, c} *)
Print[DeleteCases[{1, a, 2, b}, _Integer]]
(* expect: {a, b} *)
Print[DeleteCases[{a, {a, b}}, a, Infinity]]
(* expect: {{b}} *)
Print[DeleteCases[f[a, b, a], a]]
(* expect: f[b] *)
Print[DeleteCases[{a, a, a}, a, {1}, 2]]
(* expect: {a} *)
Print[Count[{1, a, 2, b, 3}, _Integer]]
(* expect: 3 *)
Print[Count[{{1, 2}, {3}}, _Integer, Infinity]]
(* expect: 3 *)
Print[Count[{a, a, b}, a]]
(* expect: 2 *)
Print[Count[{}, a]]
(* expect: 0 *)
