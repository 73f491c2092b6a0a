Print[ThreadCount[] >= 1]
(* expect: True *)
Print[IntegerQ[$ProcessorCount] && $ProcessorCount >= 1]
(* expect: True *)
Print[NumaNodeCount[] >= 1]
(* expect: True *)
Print[ThreadPool[2, "Placement" -> "Compact"]]
(* expect: ThreadPool[<2 workers>] *)
Print[ThreadPool[1]]
(* expect: ThreadPool[<1 worker>] *)
