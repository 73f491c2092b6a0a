(* Clear and ClearAll are changes of definitions: workers see them *)
f[x_] := x^2;
Print[ParallelMap[f, {1, 2}]]
(* expect: {1, 4} *)
Clear[f];
Print[ParallelMap[f, {1, 2}]]
(* expect: {f[1], f[2]} *)
g[x_] := x + 1; SetAttributes[g, Listable];
Print[ParallelMap[g, {{1}, {2}}]]
(* expect: {{2}, {3}} *)
ClearAll[g];
Print[ParallelMap[g, {{1}, {2}}]]
(* expect: {g[{1}], g[{2}]} *)
