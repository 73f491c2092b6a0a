(* Do *)
Do[Print[i], {i, 3}]
(* expect: 1 *)
(* expect: 2 *)
(* expect: 3 *)
Do[Print[x], 2]
(* expect: x *)
(* expect: x *)
Do[Print[i], {i, 10, 8, -1}]
(* expect: 10 *)
(* expect: 9 *)
(* expect: 8 *)
Do[Print[{i, j}], {i, 4}, {j, i - 1}]
(* expect: {2, 1} *)
(* expect: {3, 1} *)
(* expect: {3, 2} *)
(* expect: {4, 1} *)
(* expect: {4, 2} *)
(* expect: {4, 3} *)
Print[Do[i, {i, 3}]]  (* expect: Null *)
Do[Print[k], {k, {a, b, c}}]
(* expect: a *)
(* expect: b *)
(* expect: c *)
s = 0; Do[s += i, {i, 100}]; Print[s]  (* expect: 5050 *)
Do[Print[n], {n, x, x + 3 y, y}]
(* expect: x *)
(* expect: x + y *)
(* expect: x + 2 y *)
(* expect: x + 3 y *)
i = 5; Do[Null, {i, 3}]; Print[i]  (* expect: 5 *)
t = 1; Do[t *= k; Print[t]; If[t > 19, Break[]], {k, 10}]
(* expect: 1 *)
(* expect: 2 *)
(* expect: 6 *)
(* expect: 24 *)
t = 1; Do[t *= k; Print[t]; If[k < 2, Continue[]]; t += 2, {k, 5}]
(* expect: 1 *)
(* expect: 2 *)
(* expect: 12 *)
(* expect: 56 *)
(* expect: 290 *)
Do[Do[If[j > 1, Break[]]; Print[{i, j}], {j, 3}], {i, 2}]
(* expect: {1, 1} *)
(* expect: {2, 1} *)
c = 0; Do[c++, {10^5}]; Print[c]  (* expect: 100000 *)
Do[Print[i], {i, 0, 1, 1/2}]
(* expect: 0 *)
(* expect: 1/2 *)
(* expect: 1 *)
