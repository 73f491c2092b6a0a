(* Module's locals and other VMs: a local whose value or name went to a
   worker, a channel or a future stays; the rest are removed as usual, also
   on the workers (tests/ly/scoping/temporary.ly has the single-VM cases) *)

(* a local read by ParallelMap's function: the workers see its value *)
Print[Module[{k = 3}, ParallelMap[# k &, Range[4]]]]  (* expect: {3, 6, 9, 12} *)
Print[Module[{k = 3}, ParallelSum[k i, {i, 4}]]]  (* expect: 30 *)
Print[ReleaseHold[Module[{k = 5}, ParallelMap[Hold[k] &, Range[2]]]]]  (* expect: {5, 5} *)
(* locals of the workers' own Modules *)
Print[ParallelMap[Module[{t = #}, t^2] &, Range[6]]]  (* expect: {1, 4, 9, 16, 25, 36} *)
Print[ParallelTable[Module[{s = 0}, Do[s += j, {j, i}]; s], {i, 5}]]  (* expect: {1, 3, 6, 10, 15} *)

(* through a channel: the value, and the bare symbol itself *)
ch = Channel[4];
Module[{x = 7}, Send[ch, Hold[x]]];
Print[ReleaseHold[Receive[ch]]]  (* expect: 7 *)
Module[{y}, Send[ch, y]];
y1 = Receive[ch];
Print[Names["y$*"] === {SymbolName[y1]}]  (* expect: True *)

(* through a future *)
fut = Module[{z = 8}, ParallelSubmit[Hold[z]]];
Print[ReleaseHold[Await[fut]]]  (* expect: 8 *)
Print[Module[{w = 9}, Await[ParallelSubmit[{w}, w + 1]]]]  (* expect: 10 *)

(* a snapshot took a local's definitions: removed all the same, and the
   workers no longer see a value (on a cluster the ranks know the local by
   its name, as Wolfram's subkernels do: its value goes there too) *)
Do[Module[{big = Range[10^4]}, ParallelSum[big[[i]], {i, 3}]], {3}];
nm = Module[{big = Range[10^4]}, ParallelSum[big[[i]], {i, 3}]; SymbolName[Unevaluated[big]]];
Print[ValueQ[Evaluate[Symbol[nm]]]]  (* expect: False *)
Print[ParallelMap[ValueQ[Evaluate[Symbol[nm]]] &, Range[2]]]  (* expect: {False, False} *)

(* a ThreadPool held only by a local shuts down when the Module ends *)
threads[] := Length[FileNames["*", "/proc/self/task"]];
t0 = threads[];
Do[Module[{p = ThreadPool[2]}, Await[p.Submit[1 + 1]] + Total[p.Map[#^2 &, Range[4]]]], {4}];
For[tries = 0, threads[] > t0 && tries < 400, tries++, Pause[0.05]];
Print[{threads[] <= t0, Names["p$*"]}]  (* expect: {True, {}} *)
