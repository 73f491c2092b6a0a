(* Loop bodies run through plans (vm/plan.c) give what the general evaluation
   gives at the edges: exits, interrupts, limits, definitions and attributes
   changing in the middle of a loop, held bodies, machine-integer overflow,
   packed arrays, symbolic Sum/Product bounds. *)

(* exits from fast paths *)
Print[Do[If[i == 3, Return[i]], {i, 10}]]    (* expect: 3 *)
f1[] := (Do[If[i == 2, Return[i]], {i, 5}]; 99); Print[f1[]]    (* expect: 99 *)
f4[] := Module[{k = 0}, While[k < 10, k++; If[k == 6, Return[k^2]]]; -1]; Print[f4[]]    (* expect: 36 *)
f3[] := (For[j = 0, j < 10, j++, If[j == 4, Return[j]]]; 8); Print[f3[]]    (* expect: 4 *)
c = 0; Do[c++; If[c > 2, Break[]], {i, 10}, {j, 10}]; Print[c]    (* expect: 12 *)
c = 0; Do[If[j == 2, Continue[]]; c++, {i, 3}, {j, 3}]; Print[c]    (* expect: 6 *)
c = 0; d = 0; While[c < 10, c++; If[OddQ[c], Continue[]]; d += c]; Print[{c, d}]    (* expect: {10, 30} *)
d = 0; For[i = 0, i < 10, i++, If[OddQ[i], Continue[]]; d += i]; Print[{i, d}]    (* expect: {10, 20} *)
c = 0; Print[Catch[While[True, c++; If[c > 20, Throw[c, tag]]], tag]]    (* expect: 21 *)
Print[Catch[For[i = 1, i < 100, i *= 2, If[i > 50, Throw[{i}]]]]]    (* expect: {64} *)
Print[Catch[Sum[If[i > 3, Throw[i], i], {i, 10}]]]    (* expect: 4 *)
Print[Reap[Do[Sow[i]; If[i > 2, Break[]], {i, 5}]]]    (* expect: {Null, {{1, 2, 3}}} *)

(* interrupts inside fast paths *)
Print[CheckAbort[Do[If[i == 3, Abort[]]; x = i, {i, 10}], {aborted, x}]]    (* expect: {aborted, 2} *)
Print[CheckAbort[For[i = 0, True, i++, If[i == 77, Abort[]]], {aborted, i}]]    (* expect: {aborted, 77} *)
Print[TimeConstrained[i = 0; While[i >= 0, i++; i += 2; i -= 2], 0.1, "tc"]]    (* expect: tc *)
Print[TimeConstrained[For[i = 0, i >= 0, i++, i += 0], 0.1, "tc"]]    (* expect: tc *)
Print[TimeConstrained[Sum[i, {i, 10^15}], 0.1, "tc"]]    (* expect: tc *)

(* limits *)
r[n_] := (Do[ss++, {1}]; If[n > 0, 1 + r[n - 1], 0]); ss = 0
Print[Block[{$RecursionLimit = 40}, r[100]]]
(* expect: 19 + Hold[r[82 - 1]] *)
(* expect-stderr: $RecursionLimit::reclim2: Recursion depth of 40 exceeded during evaluation of r[82 - 1]. *)
Print[Block[{$IterationLimit = 20}, x1 = 0; Do[x1 = x1 + 1, {30}]; x1]]    (* expect: 30 *)
g7[0] = 0; g7[n_] := g7[n - 1]; Print[Block[{$IterationLimit = 20}, Do[cnt = g7[30], {2}]; cnt]]
(* expect: Hold[g7[11 - 1]] *)
(* expect-stderr: $IterationLimit::itlim: Iteration limit of 20 exceeded. *)
(* expect-stderr: $IterationLimit::itlim: Iteration limit of 20 exceeded. *)

(* definitions and attributes changing in the middle of a loop *)
s = 0; Do[f[x_] := x + i; s += f[1], {i, 3}]; Print[s]    (* expect: 9 *)
s = 0; Do[If[i == 2, SetAttributes[g, Listable]]; rr[i] = g[{1, 2}], {i, 3}]; Print[rr /@ {1, 2, 3}]
(* expect: {{g[1], g[2]}, {g[1], g[2]}, {g[1], g[2]}} *)
s = 0; Do[If[i == 2, Protect[s]]; s = s + 1, {i, 3}]; Unprotect[s]; Print[s]
(* expect: 1 *)
(* expect-stderr: Set::wrsym: Symbol s is Protected. *)
(* expect-stderr: Set::wrsym: Symbol s is Protected. *)
s = 0; Do[If[i == 2, Unprotect[Mod]; Mod[a_, 3] := 42; Protect[Mod]]; s += Mod[i, 3], {i, 4}]; Print[s]
(* expect: 127 *)
Unprotect[Mod]; Clear[Mod]; Protect[Mod]
c = 0; i = 0; While[i < 6, i++; If[i == 3, Unprotect[Less]; Less[a_, 6] := False; Protect[Less]]]; Print[i]
(* expect: 3 *)
Unprotect[Less]; Clear[Less]; Protect[Less]
c = 0; Do[If[i == 2, Unprotect[If]; If[True, a_, b_] := b; Protect[If]]; If[True, c++, c--], {i, 4}]; Print[c]
(* expect: -2 *)
Unprotect[If]; Clear[If]; Protect[If]
c = 0; Do[If[i == 2, Unprotect[CompoundExpression]; CompoundExpression[a_, b_] := Print["ce"]; Protect[CompoundExpression]]; c++, {i, 3}]; Print[c]
(* expect: ce *)
(* expect: 2 *)
Unprotect[CompoundExpression]; Clear[CompoundExpression]; Protect[CompoundExpression]
c = 0; Do[If[i == 2, Unprotect[Set]; Set[c, v_] := Print["set ", v]; Protect[Set]]; c = i, {i, 3}]; Print[c]
(* expect: set 2 *)
(* expect: set 3 *)
(* expect: 1 *)
Unprotect[Set]; Clear[Set]; Protect[Set]
c = 0; Do[If[i == 2, c /: Increment[c] := Print["up"]]; c++, {i, 3}]; Print[c]
(* expect: up *)
(* expect: up *)
(* expect: 1 *)
Clear[c]
c = 0; Do[If[i == 2, c := 100]; c += 1, {i, 3}]; Print[c]    (* expect: 102 *)
c = 0; Do[If[i == 2, c = y0]; c += 1, {i, 3}]; Print[c]    (* expect: 2 + y0 *)
k := 2 i; s = 0; Do[s += k, {i, 3}]; Print[s]    (* expect: 12 *)
a9 = b9; b9 = c9; c9 = 3; s = 0; Do[s += a9, {4}]; Print[s]    (* expect: 12 *)
Clear[a9, b9, c9]
h[x_] := x^2; t = 0; Do[t += h[i]; If[i == 2, h[x_] := -x], {i, 4}]; Print[t]    (* expect: -2 *)
n = 5; c = 0; For[i = 0, i < n, i++, c++; n--]; Print[{c, n}]    (* expect: {3, 2} *)
s = 0; Do[s = s + i; If[i == 2, s = q], {i, 4}]; Print[s]    (* expect: 7 + q *)
z = True; c = 0; Do[If[z, c++, c--, c += 100]; If[i == 2, z = 1]; If[i == 3, z = u]; If[i == 4, z = {}], {i, 5}]; Print[c]
(* expect: 302 *)
u := (Print["u"]; False); c = 0; Do[If[u, c++, c--], {2}]; Print[c]
(* expect: u *)
(* expect: u *)
(* expect: -2 *)

(* held bodies *)
x = 0; Do[Hold[x++], {3}]; Print[x]    (* expect: 0 *)
x = 0; Do[x++; Hold[x++], {3}]; Print[x]    (* expect: 3 *)
Print[Table[i; Hold[i + 1], {i, 2}]]    (* expect: {Hold[i + 1], Hold[i + 1]} *)
Print[Table[If[i > 1, i; Nothing, i], {i, 3}]]    (* expect: {1} *)

(* past the machine integers *)
s = 2^62 - 2; Do[s++, {4}]; Print[s]    (* expect: 4611686018427387906 *)
s = -2^62 + 2; Do[s -= 1, {4}]; Print[s]    (* expect: -4611686018427387906 *)
m = -2^62; s = 0; Do[s -= m, {2}]; Print[s]    (* expect: 9223372036854775808 *)
s = 1; Do[s *= 3, {45}]; Print[s]    (* expect: 2954312706550833698643 *)
s = 1; Do[s = s + s, {64}]; Print[s]    (* expect: 18446744073709551616 *)
Print[Table[i^5, {i, 2^12, 2^12 + 2}]]
(* expect: {1152921504606846976, 1154329566852960257, 1155739004495527968} *)
Print[Sum[i^3, {i, 2^21 - 1, 2^21 + 1}]]    (* expect: 27670116110576910336 *)
Print[Product[i, {i, 25}]]    (* expect: 15511210043330985984000000 *)
c = 0; Do[If[i^2 > 2^62, c++, c--], {i, 2^31 - 1, 2^31 + 2}]; Print[c]    (* expect: 0 *)
i = 2^62 - 3; While[i < 2^62 + 3, i++]; Print[i]    (* expect: 4611686018427387907 *)
Print[Table[Mod[-7, i], {i, {-3, -2, 2, 3}}]]    (* expect: {-1, -1, 1, 2} *)
Print[Table[i^j, {i, -2, 2}, {j, 0, 2}]]
(* expect: {{1, -2, 4}, {1, -1, 1}, {Indeterminate, 0, 0}, {1, 1, 1}, {1, 2, 4}} *)
(* expect-stderr: Power::indet: Indeterminate expression 0^0 encountered. *)

(* packed arrays *)
t = Table[i^2, {i, 5}]; Print[{t, Developer`PackedArrayQ[t]}]    (* expect: {{1, 4, 9, 16, 25}, True} *)
t = Table[If[i > 2, 1.5, i], {i, 4}]; Print[{t, Developer`PackedArrayQ[t]}]
(* expect: {{1, 2, 1.5, 1.5}, False} *)
t = Table[i 2^61, {i, 3}]; Print[t]    (* expect: {2305843009213693952, 4611686018427387904, 6917529027641081856} *)
a = Range[5]; b = a; Do[a[[i]] = a[[i]]^2, {i, 3}]; Print[{a, b, Developer`PackedArrayQ[a]}]
(* expect: {{1, 4, 9, 4, 5}, {1, 2, 3, 4, 5}, True} *)
a = Range[5]; Do[a[[i]] = i + 0.5, {i, 2}]; Print[{a, Developer`PackedArrayQ[a]}]
(* expect: {{1.5, 2.5, 3, 4, 5}, False} *)
a = {}; b = a; Do[AppendTo[a, i]; AppendTo[b, -i], {i, 3}]; Print[{a, b}]    (* expect: {{1, 2, 3}, {-1, -2, -3}} *)

(* Sum and Product with symbolic bounds or terms *)
Clear[a, n, x, i]
Print[Sum[i^2 + 1, {i, 0, n}]]    (* expect: ((1 + n) (6 + n + 2 n^2))/6 *)
Print[Product[2, {i, n}]]    (* expect: 2^n *)
Print[Sum[If[EvenQ[i], i, x], {i, 5}]]    (* expect: 6 + 3 x *)
Print[Sum[i j, {i, 3}, {j, i}]]    (* expect: 25 *)
