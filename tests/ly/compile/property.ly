(* Compile: the same function compiled and uncompiled gives the same results
   on random inputs (reals within a relative 1e-9: Lua and the VM may round
   differently; integers exactly, overflow included) *)
SetAttributes[both, HoldAll];
both[specs_, body_] := {Compile[specs, body], Function[Evaluate[First /@ specs], body]};
close[a_, b_] := a === b || (a == b) || (NumericQ[N[b]] || VectorQ[N[b], NumericQ] || MatrixQ[N[b], NumericQ]) &&
  Max[Abs[Flatten[{N[a] - N[b]}]]] <= 10^-9 Max[1, Max[Abs[Flatten[{N[b]}]]]];
check[name_, {cf_, fn_}, gen_, n_] := Module[{bad = 0, args, a, b},
  Do[args = gen[]; a = Quiet[cf @@ args]; b = Quiet[fn @@ args];
     If[!TrueQ[close[a, b]], bad++; If[bad <= 3, Print[name, " differs at ", args, ": ", a, " vs ", b]]], {n}];
  Print[name, ": ", bad, " of ", n, " differ"]];
SeedRandom[2024];
rr := RandomReal[{-10, 10}];
ri := RandomInteger[{-1000, 1000}];
check["poly", both[{{x, _Real}, {y, _Real}}, x^3 - 2 x y + y^2/(1 + x^2) + Sqrt[Abs[x y]]], {rr, rr} &, 200]
(* expect: poly: 0 of 200 differ *)
check["trig", both[{{x, _Real}}, Sin[x] Cos[2 x] + Exp[-x^2] + ArcTan[x] + Tanh[x]], {rr} &, 200]
(* expect: trig: 0 of 200 differ *)
check["ints", both[{{n, _Integer}, {m, _Integer}}, {n + m, n m, Quotient[n, m], Mod[n, m], n^2 - m, Max[n, m], Abs[n - m]}],
  {ri, RandomChoice[{-1, 1}] RandomInteger[{1, 50}]} &, 200]
(* expect: ints: 0 of 200 differ *)
check["overflow", both[{{n, _Integer}, {m, _Integer}}, n^3 + m^3 - n m], {RandomInteger[{-10^7, 10^7}], RandomInteger[{-3 10^6, 3 10^6}]} &, 200]
(* expect: overflow: 0 of 200 differ *)
check["loop", both[{{n, _Integer}, {m, _Integer}}, Module[{s = 0}, Do[s += Mod[i^2, m], {i, n}]; s]], {RandomInteger[{0, 200}], RandomInteger[{1, 30}]} &, 100]
(* expect: loop: 0 of 100 differ *)
check["collatz", both[{{n, _Integer}}, Module[{k = n, c = 0}, While[k != 1, If[EvenQ[k], k = Quotient[k, 2], k = 3 k + 1]; c++]; c]], {RandomInteger[{1, 10^6}]} &, 100]
(* expect: collatz: 0 of 100 differ *)
check["round", both[{{x, _Real}}, {Floor[x], Ceiling[x], Round[x], IntegerPart[x]}], {RandomReal[{-10^6, 10^6}]} &, 200]
(* expect: round: 0 of 200 differ *)
check["branch", both[{{x, _Real}, {y, _Real}}, If[x > y, Sin[x], Cos[y]] + Which[x < 0, 1, x < 5, 2, True, 3] + Switch[Sign[y], 1, 10, -1, 20, _, 30]], {rr, rr} &, 200]
(* expect: branch: 0 of 200 differ *)
check["vector", both[{{v, _Real, 1}}, {v . v, Total[v], Max[v], Min[v], Length[v]}], {RandomReal[{-5, 5}, RandomInteger[{1, 20}]]} &, 100]
(* expect: vector: 0 of 100 differ *)
check["table", both[{{v, _Real, 1}, {n, _Integer}}, Table[v[[Mod[i, Length[v]] + 1]] i, {i, n}]], {RandomReal[1, RandomInteger[{1, 9}]], RandomInteger[{1, 30}]} &, 100]
(* expect: table: 0 of 100 differ *)
check["matrix", both[{{m, _Real, 2}, {v, _Real, 1}}, m . v + 2 v], {RandomReal[1, {4, 4}], RandomReal[1, 4]} &, 100]
(* expect: matrix: 0 of 100 differ *)
check["sum", both[{{n, _Integer}, {x, _Real}}, Sum[x^k/k!, {k, 0, n}] + Product[1 + 1/i, {i, n}]], {RandomInteger[{0, 15}], RandomReal[{-2, 2}]} &, 100]
(* expect: sum: 0 of 100 differ *)
(* expect-stderr: Compile::extscalar: k! cannot be compiled and will be evaluated externally. The result is assumed to be of type _Real. *)
check["update", both[{{v, _Integer, 1}}, Module[{w = v, t}, Do[t = w[[i]]; w[[i]] = w[[-i]]; w[[-i]] = t, {i, Quotient[Length[w], 2]}]; w]], {RandomInteger[100, RandomInteger[{1, 12}]]} &, 100]
(* expect: update: 0 of 100 differ *)

