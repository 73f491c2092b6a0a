(* collatz.ly — run by host.c, which defines CollatzSteps in C.
   ParallelMap runs it on the worker threads of the default pool. *)
limit = 100000;
steps = ParallelMap[CollatzSteps, Range[limit]];
longest = Position[steps, Max[steps]][[1, 1]];
<|"Limit" -> limit, "Longest" -> longest, "Steps" -> steps[[longest]],
  "Total" -> Total[steps]|>
