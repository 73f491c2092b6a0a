(* A task sees the definitions as they were when it was submitted, however
   late a worker starts it: each ParallelSubmit in a Table sees its own i,
   and changes made after a submission do not reach it. *)
Print[WaitAll[Table[ParallelSubmit[i^3], {i, 4}]]]
(* expect: {1, 8, 27, 64} *)
fs = Table[ParallelSubmit[i^2], {i, 300}];
Print[WaitAll[fs] == Range[300]^2]
(* expect: True *)
g[x_] := x + 1;
fs = Table[ParallelSubmit[g[i]], {i, 6}];
g[x_] := x + 100;
Print[WaitAll[fs]]
(* expect: {2, 3, 4, 5, 6, 7} *)
Print[WaitAll[Table[ParallelSubmit[g[i]], {i, 3}]]]
(* expect: {101, 102, 103} *)
k = 1; fs = Table[k = k + 1; ParallelSubmit[k], {40}]; k = "done";
Print[WaitAll[fs] == Range[2, 41]]
(* expect: True *)
(* the values a task saw do not linger on the worker for later tasks *)
Print[WaitAll[Table[ParallelSubmit[i], {3}]]]
(* expect: {i, i, i} *)
Print[ParallelMap[{i, k, #} &, {1, 2}]]
(* expect: {{i, done, 1}, {i, done, 2}} *)
h[x_] := x; fs = Table[ParallelSubmit[h[j]], {j, 3}]; Clear[h];
Print[WaitAll[fs]]
(* expect: {1, 2, 3} *)
Print[WaitAll[ParallelSubmit[h[1]]]]
(* expect: h[1] *)
