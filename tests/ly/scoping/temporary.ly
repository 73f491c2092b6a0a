(* Module's locals are Temporary symbols: removed with their values when
   nothing references them any more, kept while something does *)

(* a local nothing references is gone when the Module ends *)
Module[{x = 5}, x + 1];
Print[Names["x$*"]]  (* expect: {} *)
Print[Module[{x = 5}, Length[Names["x$*"]]]]  (* expect: 1 *)
Print[Module[{x = 5}, Attributes[x]]]  (* expect: {Temporary} *)
Print[Names["x$*"]]  (* expect: {} *)

(* returned: the symbol stays, with its value *)
r = Module[{x = 5}, Hold[x]];
Print[{ReleaseHold[r], Length[Names["x$*"]]}]  (* expect: {5, 1} *)
Print[ReleaseHold[ToExpression[ToString[r]]]]  (* expect: 5 *)
s = Module[{y}, y];
Print[Names["y$*"] === {SymbolName[s]}]  (* expect: True *)
Remove[r, s]

(* closures: a definition that refers to a local keeps it *)
Module[{c = 0}, inc[] := ++c];
inc[]; inc[];
Print[inc[]]  (* expect: 3 *)
Print[Length[Names["c$*"]]]  (* expect: 1 *)
mk[] := Module[{k = 10}, Function[k++]];
f = mk[]; g = mk[];
f[]; f[];
Print[{f[], g[]}]  (* expect: {12, 10} *)
Module[{x}, h[x] := "down"; x /: up[x] := "up"];
Print[Length[DownValues[h]]]  (* expect: 1 *)
Print[{h[DownValues[h][[1, 1, 1, 1]]], up[DownValues[h][[1, 1, 1, 1]]]}]  (* expect: {down, up} *)
Module[{v = 42}, tbl["a"] = Hold[v]];
Print[ReleaseHold[tbl["a"]]]  (* expect: 42 *)
Module[{v = 43}, assoc = <|"k" -> Hold[v]|>];
Print[ReleaseHold[assoc["k"]]]  (* expect: 43 *)
Module[{v = 44}, assoc["j"] = Hold[v]];
Print[ReleaseHold[assoc["j"]]]  (* expect: 44 *)
lst = {0, 0};
Module[{v = 45}, lst[[2]] = Hold[v]];
Print[ReleaseHold[lst[[2]]]]  (* expect: 45 *)
acc = {};
Do[Module[{v = i}, AppendTo[acc, Hold[v]]], {i, 3}];
Print[ReleaseHold[acc]]  (* expect: {1, 2, 3} *)
Module[{v = 46}, Options[opt] = {a -> Hold[v]}];
Print[ReleaseHold[a /. Options[opt]]]  (* expect: 46 *)

(* a local referring to another local keeps it *)
kept = Module[{a = 1, b}, b = Hold[a]; Hold[b]];
Print[ReleaseHold[ReleaseHold[kept]]]  (* expect: 1 *)
Print[Module[{a = 1}, Module[{b = 2}, a = Hold[b]]; ReleaseHold[a]]]  (* expect: 2 *)
Print[{Length[Names["a$*"]], Length[Names["b$*"]]}]  (* expect: {1, 1} *)
(* once the value that kept them is gone, so are they: at once if they
   are young, else at the next full collection (collect.ly), requested here *)
kept =.
Lyra`Private`CollectTemporaries[];
Print[{Length[Names["a$*"]], Length[Names["b$*"]]}]  (* expect: {0, 0} *)

(* exits through the Module: their values keep what they refer to *)
ret[] := Module[{x = 7}, Return[Hold[x]]; 0];
Print[ReleaseHold[ret[]]]  (* expect: 7 *)
Print[ReleaseHold[Catch[Module[{x = 8}, Throw[Hold[x]]]]]]  (* expect: 8 *)
Print[ReleaseHold[Catch[Module[{x = 9}, Throw[0, Hold[x]]], _, #2 &]]]  (* expect: 9 *)
Print[ReleaseHold[Reap[Module[{x = 10}, Sow[Hold[x]]; 0]][[2, 1, 1]]]]  (* expect: 10 *)
Print[Catch[Module[{x = 11}, Throw[x]]]]  (* expect: 11 *)
CheckAbort[Module[{q = 3}, Abort[]], Null];
Print[Names["q$*"]]  (* expect: {} *)

(* Block restores: what a Block held for a while does not keep a local *)
Print[Block[{gg}, Module[{z = 12}, gg = Hold[z]]; ReleaseHold[gg]]]  (* expect: 12 *)
Module[{w = 13}, ww = Hold[w]; Block[{ww = 0}, Null]];
Print[ReleaseHold[ww]]  (* expect: 13 *)

(* removed locals: the name means a new symbol afterwards *)
n = Module[{t = 1}, SymbolName[Unevaluated[t]]];
Print[{StringMatchQ[n, "t$" ~~ DigitCharacter ..], Names["t$*"]}]  (* expect: {True, {}} *)
Print[ToExpression[n] === ToExpression[n]]  (* expect: True *)
Print[ValueQ[Evaluate[ToExpression[n]]]]  (* expect: False *)

(* recursion with locals, and memory: locals of a loop do not pile up *)
fact[0] = 1; fact[k_] := Module[{m = k - 1}, k fact[m]];
Print[fact[20]]  (* expect: 2432902008176640000 *)
Print[Names["m$*"]]  (* expect: {} *)
Print[MemoryConstrained[Do[Module[{big = Range[10^6]}, Total[big]], {50}]; "bounded", 10^8]]  (* expect: bounded *)
Print[MemoryConstrained[Do[Module[{big = Range[10^6], sq}, sq[j_] := big[[j]]^2; sq[3]], {50}]; "bounded", 10^8]]  (* expect: bounded *)

(* Unique[x] is an ordinary symbol, numbered like Module's locals *)
u = Unique[x];
Print[{Attributes[u], StringMatchQ[SymbolName[u], "x$" ~~ DigitCharacter ..]}]  (* expect: {{}, True} *)
