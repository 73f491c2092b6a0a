(* While and For, with Break and Continue *)
i = 0; While[i < 3, Print[i]; i++]
(* expect: 0 *)
(* expect: 1 *)
(* expect: 2 *)
Print[While[False]]  (* expect: Null *)
m = 10; While[(m = m - 3) > 0]; Print[m]  (* expect: -2 *)
Print[i = 0; While[i < 3, i++]]  (* expect: Null *)
For[i = 0, i < 3, i++, Print[i]]
(* expect: 0 *)
(* expect: 1 *)
(* expect: 2 *)
For[i = 10, i > 0, i -= 4, Print[i]]
(* expect: 10 *)
(* expect: 6 *)
(* expect: 2 *)
Print[For[i = 0, i < 3, i++]]  (* expect: Null *)
For[i = 0, i < 3, i++]; Print[i]  (* expect: 3 *)
i = 0; While[True, i++; If[i == 4, Break[]]]; Print[i]  (* expect: 4 *)
For[i = 1, i <= 10, i++, If[i == 3, Break[]]]; Print[i]  (* expect: 3 *)
For[i = 1, i <= 5, i++, If[OddQ[i], Continue[]]; Print[i]]
(* expect: 2 *)
(* expect: 4 *)
i = 0; While[i < 5, i++; If[i == 2, Continue[]]; Print[i]]
(* expect: 1 *)
(* expect: 3 *)
(* expect: 4 *)
(* expect: 5 *)
(* Break leaves only the innermost loop *)
i = 0; While[i < 2, i++; j = 0; While[True, j++; If[j == 3, Break[]]]; Print[{i, j}]]
(* expect: {1, 3} *)
(* expect: {2, 3} *)
(* a loop of many iterations runs in constant stack *)
k = 0; While[k < 100000, k++]; Print[k]  (* expect: 100000 *)
gcd[a0_, b0_] := Module[{a = a0, b = b0, t}, While[b != 0, t = b; b = Mod[a, b]; a = t]; a]
Print[gcd[1071, 462]]  (* expect: 21 *)
Print[While[]]  (* expect: While[] *)
(* expect-stderr: While::argt: While called with 0 arguments; 1 or 2 arguments are expected. *)
