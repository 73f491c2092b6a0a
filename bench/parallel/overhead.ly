(* per-element overhead: ParallelMap[Identity, Range[n]] per element, side by
   side with PARI/GP parapply(x -> x, [1..n]) (bench/parallel/overhead.gp) *)
Get["bench/parallel/common.ly"];
n = 20000;
xs = Range[n];
per[r_] := Map[{#[[1]], 10^9 #[[2]]/n, 10^9 #[[3]]/n} &, r];
show[name_, r_] := Print[name, ": ", StringRiffle[Map[#[[1]] <> " " <> ToString[Round[#[[2]]]] <> " ns (cpu " <> ToString[Round[#[[3]]]] <> ")" &, per[r]], ", "], "; load ", load[]];
show["per element, FinestGrained", runs[{"1w" -> (ParallelMap[Identity, xs, Method -> "FinestGrained", "Pool" -> p1] &), "2w" -> (ParallelMap[Identity, xs, Method -> "FinestGrained", "Pool" -> p2] &)}]]
show["per element, Automatic", runs[{"1w" -> (ParallelMap[Identity, xs, "Pool" -> p1] &), "2w" -> (ParallelMap[Identity, xs, "Pool" -> p2] &), "Map" -> (Map[Identity, xs] &)}]]
