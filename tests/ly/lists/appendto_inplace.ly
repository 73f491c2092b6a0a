(* AppendTo grows a List that only its variable holds in place (amortized
   constant time, vm/partset.c ly_own_append); anything that shares the
   List keeps the old value, as when AppendTo copies. *)
l = {}; Do[AppendTo[l, i], {i, 5}]; Print[l]  (* expect: {1, 2, 3, 4, 5} *)
m = l; AppendTo[l, 6]; Print[{l, m}]          (* expect: {{1, 2, 3, 4, 5, 6}, {1, 2, 3, 4, 5}} *)
Print[AppendTo[m, x]]                         (* expect: {1, 2, 3, 4, 5, x} *)
x = 7; Print[{m, AppendTo[m, x], m}]          (* expect: {{1, 2, 3, 4, 5, 7}, {1, 2, 3, 4, 5, 7, 7}, {1, 2, 3, 4, 5, 7, 7}} *)
k = {1}; r = AppendTo[k, 2]; AppendTo[k, 3]; Print[{r, k}]   (* expect: {{1, 2}, {1, 2, 3}} *)
f[] := AppendTo[acc, "s"]; acc = {}; Do[f[], {3}]; Print[acc]   (* expect: {s, s, s} *)
n = {}; AppendTo[n, Unevaluated[1 + 1]]; Print[n]            (* expect: {2} *)
n = {}; AppendTo[n, {y, z}]; y = 3; Print[n]                 (* expect: {{3, z}} *)
AppendTo[n, Sequence[1, 2]]
(* expect-stderr: AppendTo::argrx: AppendTo called with 3 arguments; 2 arguments are expected. *)
Print[n]                                     (* expect: {{3, z}} *)
AppendTo[undefined, 1]
(* expect-stderr: AppendTo::rvalue: undefined is not a variable with a value, so its value cannot be changed. *)
p = {1, 2}; Protect[p]; AppendTo[p, 3]
(* expect-stderr: AppendTo::wrsym: Symbol p is Protected. *)
Print[p]                                     (* expect: {1, 2} *)
Unprotect[p];
g = f[a]; AppendTo[g, b]; Print[g]           (* expect: f[a, b] *)
s = "ab"; AppendTo[s, "c"]
(* expect-stderr: Append::normal: Nonatomic expression expected at position 1 in Append[ab, c]. *)
pk = Range[3]; Do[AppendTo[pk, i], {i, 4, 6}]; Print[pk]    (* expect: {1, 2, 3, 4, 5, 6} *)
big = {}; Do[AppendTo[big, {i, i^2}], {i, 20000}];
Print[{Length[big], big[[-1]], Total[big[[All, 1]]]}]          (* expect: {20000, {20000, 400000000}, 200010000} *)
h[n_] := Module[{t = {}}, Do[AppendTo[t, j], {j, n}]; t]
Print[{h[3], h[0], Length[h[1000]]}]        (* expect: {{1, 2, 3}, {}, 1000} *)
