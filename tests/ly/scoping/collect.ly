(* Module's locals that escaped are removed once nothing references them any
   more (vm/tempgc.c): young ones between top-level statements, those made
   by a Do, While or For while it runs, and every one at a full collection
   (requested here with Lyra`Private`CollectTemporaries[], which runs it at
   the next statement boundary) *)
full := Lyra`Private`CollectTemporaries[];

(* returned, stored or captured, then dropped: gone by the next statement *)
Do[Module[{x}, x], {3000}];
Print[Names["x$*"]]  (* expect: {} *)
Do[f[i] = Module[{y}, y]; Clear[f], {3000}];
Print[Names["y$*"]]  (* expect: {} *)
makeCounter[] := Module[{c = 0}, (c++) &];
Do[g = makeCounter[]; g[]; g[], {3000}];
Print[{Length[Names["c$*"]], g[]}]  (* expect: {1, 2} *)
Clear[g];
full;
Print[Names["c$*"]]  (* expect: {} *)

(* while a loop runs: what it made and dropped goes at its iterations *)
Do[g = makeCounter[]; If[i == 20000, n = Length[Names["c$*"]]], {i, 20000}];
Print[0 < n < 3000]  (* expect: True *)
i = 0; While[i < 20000, i++; h = Module[{w}, w]; If[i == 20000, n = Length[Names["w$*"]]]];
Print[0 < n < 3000]  (* expect: True *)
For[i = 0, i < 20000, i++, h = Module[{v}, Hold[v]]; If[i == 19999, n = Length[Names["v$*"]]]];
Print[0 < n < 3000]  (* expect: True *)
win = {};
Do[win = Append[If[Length[win] < 10, win, Rest[win]], makeCounter[]], {i, 20000}];
Print[{Length[Names["c$*"]] < 3000, Through[win[]]}]  (* expect: {True, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}} *)
(* big values of dropped closures do not pile up *)
Print[MemoryConstrained[Do[p = Module[{big = Range[10^6] + 0.5}, big[[#]] &], {300}]; p[3], 2*10^8]]  (* expect: 3.5 *)
Print[MemoryInUse[] < 10^8]  (* expect: True *)
Clear[g, h, win, p];

(* what keeps a local: every kind of definition, values inside values,
   other locals, functions, attributes and messages of a kept local *)
keep1 = Module[{a = 1}, Hold[a]];
Module[{a = 2}, dv[1] = Hold[a]];
Module[{a = 3}, dvl[Hold[a]] = 3];
Module[{a = 4}, q /: up2[q, Hold[a]] := 4];
Module[{a = 5}, sv[1][2] = Hold[a]];
Module[{a = 6}, Options[optf] = {o -> Hold[a]}];
Module[{a = 7}, Default[deff] = Hold[a]];
Module[{a = 8}, a::m = "text of a"; mk = Hold[a]];
Module[{a = 9}, lst = {1, {2, Hold[a]}}];
Module[{a = 10}, as = <|"k" -> <|"j" -> Hold[a]|>|>];
Module[{a = 11, b}, b = Hold[a]; chain = Hold[b]];
Module[{a = 12}, fn = Function[x, x + a]];
Module[{a = 13}, Attributes[a] = {HoldAll}; attk = Hold[a]];
deff[x_.] := x;
Module[{a = 14}, delayed := a + 0];
Module[{a = 15}, own[] := a];
r = Reap[Do[Sow[Module[{s = i}, Hold[s]]], {i, 2000}]];
Module[{a, b}, a = Hold[b]; b = Hold[a]];    (* a cycle nothing else reaches *)
Do[Module[{z}, z], {5000}];
full;
Do[Module[{z}, z], {5000}];
Print[Length[Names["a$*"]]]  (* expect: 15 *)
Print[{ReleaseHold[keep1], ReleaseHold[dv[1]], DownValues[dvl][[1, 1, 1, 1, 1]],
       up2[q, UpValues[q][[1, 1, 1, 2]]], ReleaseHold[sv[1][2]], ReleaseHold[o /. Options[optf]]}]  (* expect: {1, 2, 3, 4, 5, 6} *)
Print[{ReleaseHold[deff[]], mk /. Hold[s_] :> MessageName[s, "m"], ReleaseHold[mk], ReleaseHold[lst[[2, 2]]],
       ReleaseHold[as["k"]["j"]], ReleaseHold[ReleaseHold[chain]], fn[0], ReleaseHold[attk], delayed, own[]}]  (* expect: {7, text of a, 8, 9, 10, 11, 12, 13, 14, 15} *)
Print[attk /. Hold[s_] :> Attributes[s]]  (* expect: {HoldAll} *)
Print[Total[ReleaseHold /@ r[[2, 1]]]]  (* expect: 2001000 *)
Clear[keep1, dv, dvl, q, up2, sv, mk, lst, as, chain, fn, attk, delayed, own, r];
full;
(* Clear leaves options and defaults, as in Wolfram; ClearAll takes them *)
Print[{Length[Names["a$*"]], Names["b$*"], Names["s$*"]}]  (* expect: {2, {}, {}} *)
ClearAll[optf, deff];
full;
Print[Names["a$*"]]  (* expect: {} *)

(* a name read back finds the live local; once it is gone, a new symbol *)
t = Module[{u = 3}, u]; nm = ToString[t];
full;
Print[ToExpression[nm]]  (* expect: 3 *)
Clear[t];
nm2 = Module[{u2 = 4}, SymbolName[Unevaluated[u2]]];
full;
Print[{Names["u2$*"], ValueQ[Evaluate[ToExpression[nm2]]]}]  (* expect: {{}, False} *)

(* exits through loops that collect *)
Print[ReleaseHold[Catch[Do[Module[{e = k}, If[k == 5000, Throw[Hold[e]]]], {k, 10^4}]]]]  (* expect: 5000 *)
ret[] := Do[Module[{e = k}, If[k == 5000, Return[Hold[e]]]], {k, 10^4}];
Print[ReleaseHold[ret[]]]  (* expect: 5000 *)
Print[Block[{acc = {}}, Do[AppendTo[acc, Module[{e = k}, Hold[e]]], {k, 3000}]; Total[ReleaseHold[acc]]]]  (* expect: 4501500 *)
Print[Module[{acc = {}}, Do[AppendTo[acc, Module[{e = k}, Hold[e]]], {k, 3000}]; Total[ReleaseHold[acc]]]]  (* expect: 4501500 *)
