(* bench/parallel/common.ly -- helpers for the parallel benchmarks.
   Every measurement is taken `reps` times, the variants interleaved (so a
   change of machine load hits both alike), after one warm-up run each;
   medians are printed.  cpu is the process CPU time (Timing: all threads),
   so cpu(1 worker) / cpu(2 workers) is the work efficiency, which a loaded
   machine does not distort the way it distorts wall-clock speed-ups. *)
reps = 7;
load[] := First[StringSplit[Import["/proc/loadavg", "Text"]]];
SetAttributes[clock, HoldAll];
clock[e_] := Module[{t = AbsoluteTiming[Timing[e]]}, {t[[1]], t[[2, 1]]}];
med[l_] := N[Median[l]];
fmt[x_] := ToString[N[Round[10^4 x]/10^4]];
(* runs[name, {label -> thunk, ...}]: medians of wall and cpu per variant *)
runs[fs_List] := Module[{out = Table[{}, {Length[fs]}], res},
  Scan[(#[[2]][]) &, fs];
  Do[Do[out[[k]] = Append[out[[k]], clock[fs[[k, 2]][]]], {k, Length[fs]}], {reps}];
  Table[{fs[[k, 1]], med[out[[k, All, 1]]], med[out[[k, All, 2]]]}, {k, Length[fs]}]];
report[name_, r_] := Print[name, ": ",
  StringRiffle[Map[#[[1]] <> " " <> fmt[#[[2]]] <> " s (cpu " <> fmt[#[[3]]] <> ")" &, r], ", "],
  "; ratio ", fmt[r[[1, 2]]/r[[2, 2]]], ", cpu ratio ", fmt[r[[1, 3]]/r[[2, 3]]], "; load ", load[]];
p1 = ThreadPool[1]; p2 = ThreadPool[2];
