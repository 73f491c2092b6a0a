(* The evaluator's fast paths (machine-integer folding, compiled right sides
   of definitions, If chosen while substituting) give what the general
   evaluation gives. *)
f[x_] := f[x + 0]
Print[f[5]]
(* expect-stderr: $IterationLimit::itlim: Iteration limit of 4096 exceeded. *)
(* expect: Hold[f[5 + 0]] *)
g[x_] := If[x > 0, g[x], 0]
Print[g[5]]
(* expect-stderr: $IterationLimit::itlim: Iteration limit of 4096 exceeded. *)
(* expect: Hold[g[5]] *)
loop[n_] := If[n == 0, done, loop[n - 1]]
Print[loop[2000]]              (* expect: done *)
Print[loop[3000]]
(* expect-stderr: $IterationLimit::itlim: Iteration limit of 4096 exceeded. *)
(* expect: Hold[loop[953 - 1]] *)
(* attributes are those at the time of the call, not of the definition *)
h[x_] := hh[x + 1, x - 1, x < 3]
Print[h[2]]                    (* expect: hh[3, 1, True] *)
SetAttributes[hh, HoldAll]
Print[h[2]]                    (* expect: hh[2 + 1, 2 - 1, 2 < 3] *)
ff = gg; u[x_] := ff[x + 1]
SetAttributes[gg, HoldAll]
Print[u[1]]                    (* expect: gg[1 + 1] *)
k[x_] := {Hold[x + 1], HoldForm[x - 1], x + 1}
Print[k[1]]                    (* expect: {Hold[1 + 1], 1 - 1, 2} *)
(* a user's rule for Plus turns folding off *)
Unprotect[Plus]; Plus[a_Integer, b_Integer] /; a == 1000 := boom; Protect[Plus];
m[x_] := x + 1
Print[m[1000]]                 (* expect: boom *)
Print[m[5]]                    (* expect: 6 *)
Print[1000 + 1]                (* expect: boom *)
Unprotect[Plus]; Clear[Plus]; Protect[Plus];
Print[m[1000]]                 (* expect: 1001 *)
Unprotect[Less]; Less[7, 8] = maybe; Protect[Less];
lt[x_] := If[x < 8, yes, no]
Print[lt[7]]                   (* expect: If[maybe, yes, no] *)
Print[lt[3]]                   (* expect: yes *)
Unprotect[Less]; Clear[Less]; Protect[Less];
Print[lt[7]]                   (* expect: yes *)
(* an undecided If keeps its branches as written *)
r[x_, y_] := If[x, y + 1, y - 1]
Print[r[a, 2]]                 (* expect: If[a, 2 + 1, 2 - 1] *)
Print[r[True, 2]]              (* expect: 3 *)
w[x_] := If[x < 1, 1]
Print[w[5]]                    (* expect: Null *)
t[x_] := If[x < 1, Print["small"]; 1, Print["big"]; 2]
Print[t[0]]
(* expect: small *)
(* expect: 1 *)
(* machine integers overflow into big ones *)
s[x_] := {x + 1, x*2, x - 2^70, -x, x + 1.5}
Print[s[2^62]]
(* expect: {4611686018427387905, 9223372036854775808, -1175979934698983915520, -4611686018427387904, 4.61169*10^18} *)
Print[s[-2^62]]
(* expect: {-4611686018427387903, -9223372036854775808, -1185203306735838691328, 4611686018427387904, -4.61169*10^18} *)
Print[Table[{i < 2, i <= 2, i > 2, i >= 2, i == 2, i != 2, i === 2, i =!= 2}, {i, 1, 3}]]
(* expect: {{True, True, False, False, False, True, False, True}, {False, True, False, True, True, False, True, False}, {False, False, True, True, False, True, False, True}} *)
fib[n_] := If[n < 2, n, fib[n - 1] + fib[n - 2]]
Print[fib[20]]                 (* expect: 6765 *)
fib2[0] = 0; fib2[1] = 1; fib2[n_] := fib2[n - 1] + fib2[n - 2]
Print[fib2[20]]                (* expect: 6765 *)
memo[0] = 0; memo[1] = 1; memo[n_] := memo[n] = memo[n - 1] + memo[n - 2]
Print[memo[90]]                (* expect: 2880067194370816120 *)
Print[memo[100]]               (* expect: 354224848179261915075 *)
(* x += d, x++, Fold and Mod take the machine-integer path (ly_evaluate_call) *)
s = 5; s += 2; Print[s]        (* expect: 7 *)
s += x; Print[s]               (* expect: 7 + x *)
i = 3; Print[{i++, i, ++i, i--, --i, i}]   (* expect: {3, 4, 5, 5, 3, 3} *)
j = 2^62 - 1; j++; Print[j]    (* expect: 4611686018427387904 *)
k = 6; k *= 7; Print[k]        (* expect: 42 *)
Print[Fold[Plus, 0, Range[10]]]   (* expect: 55 *)
Print[Table[Mod[i, j], {i, -4, 4, 4}, {j, {-3, 3}}]]   (* expect: {{-1, 2}, {0, 0}, {-2, 1}} *)
Print[Mod[5, 0]]
(* expect-stderr: Mod::indet: Indeterminate expression Mod[5, 0] encountered. *)
(* expect: Indeterminate *)
Unprotect[Plus]; Plus[a_Integer, 1] := plusone; Protect[Plus];
c = 10; c++; Print[c]          (* expect: plusone *)
Print[Fold[Plus, 0, {1, 2}]]   (* expect: 2 + plusone *)
Unprotect[Plus]; Clear[Plus]; Protect[Plus];
