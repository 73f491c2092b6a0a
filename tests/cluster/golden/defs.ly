(* definitions reach every rank, and changes between calls too *)
f[x_] := x^2 + c;
c = 1;
Print[ParallelMap[f, Range[5]]]
(* expect: {2, 5, 10, 17, 26} *)
c = 100;
Print[ParallelMap[f, Range[3]]]
(* expect: {101, 104, 109} *)
Clear[f];
Print[ParallelMap[f, Range[2]]]
(* expect: {f[1], f[2]} *)
fib[0] = 0; fib[1] = 1; fib[n_] := fib[n] = fib[n - 1] + fib[n - 2];
Print[ParallelMap[fib, {10, 50, 90}]]
(* expect: {55, 12586269025, 2880067194370816120} *)
(* memo entries made on workers stay there *)
Print[Length[DownValues[fib]]]
(* expect: 3 *)
t /: t + t := twot;
Print[ParallelMap[# + # &, {t, 1}]]
(* expect: {twot, 2} *)
SetAttributes[lst, Listable]; lst[x_] := -x;
Print[ParallelMap[lst, {{1, 2}, {3}}]]
(* expect: {{-1, -2}, {-3}} *)
Options[opt] = {"Scale" -> 10};
opt[x_, OptionsPattern[]] := x OptionValue["Scale"];
Print[ParallelMap[opt, {1, 2}]]
(* expect: {10, 20} *)
g::oops = "Oops `1`.";
(* message texts reach workers (Quiet on the caller does not silence workers, as with subkernels) *)
Print[ParallelMap[{g::oops, Quiet[Check[Message[g::oops, #]; #, -#]]} &, {1}]]
(* expect: {{Oops `1`., -1}} *)
(* assignments on workers stay local *)
v = 0;
ParallelDo[v = i, {i, 10}];
Print[v]
(* expect: 0 *)
(* shared variables are one variable everywhere *)
SetSharedVariable[cnt]; cnt = 0;
ParallelDo[cnt++, {i, 100}];
Print[cnt]
(* expect: 100 *)
SetSharedVariable[acc]; acc = {};
ParallelDo[AppendTo[acc, i], {i, 5}];
Print[Sort[acc]]
(* expect: {1, 2, 3, 4, 5} *)
(* random numbers: the same for any number of ranks and workers *)
SeedRandom[7]; a = ParallelMap[RandomInteger[10^9] &, Range[40]];
SeedRandom[7]; b = ParallelMap[RandomInteger[10^9] &, Range[40], "Pool" -> ThreadPool[1]];
Print[a === b, " ", Length[Union[a]]]
(* expect: True 40 *)
SeedRandom[3]; Print[ParallelTable[RandomInteger[100], {i, 12}]]
(* expect: {20, 69, 38, 89, 69, 54, 71, 24, 13, 27, 80, 70} *)
