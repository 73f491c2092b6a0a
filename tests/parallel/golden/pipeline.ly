(* producer-consumer and a 3-stage pipeline across workers *)
jobs = Channel[8]; results = Channel[8];
producer = ParallelSubmit[Do[Send[jobs, i], {i, 100}]; CloseChannel[jobs]; "done"];
stage = ParallelSubmit[
  Module[{x}, While[(x = Receive[jobs]) =!= EndOfStream, Send[results, x^2]]]; CloseChannel[results]];
total = 0;
While[(y = Receive[results]) =!= EndOfStream, total += y];
Print[{total, Await[producer]}]
(* expect: {338350, done} *)
(* fan-out / fan-in with WaitAll *)
fs = Table[With[{k = k}, ParallelSubmit[Sum[i, {i, k}]]], {k, 1, 5}];
Print[WaitAll[fs]]
(* expect: {1, 3, 6, 10, 15} *)
n = WaitNext[{ParallelSubmit[Pause[2]; 1], ParallelSubmit[2]}];
Print[{n[[1]], Length[n[[3]]]}]
(* expect: {2, 1} *)
(* map-reduce *)
Print[ParallelReduce[Plus, ParallelMap[#^2 &, Range[1000]]]]
(* expect: 333833500 *)
