(* pipeline.ly -- concurrency in Lyra, Go style and Wolfram style.
   Run: lyra examples/pipeline.ly
   Every worker has its own VM; your definitions reach the workers by
   themselves (no DistributeDefinitions). Channels are bounded. *)

(* 1. A three-stage pipeline over bounded channels.  Each stage is a
   future; a stage closes its output channel when its input is drained, so
   the next stage's Receive gives EndOfStream and its loop ends. *)
numbers = Channel[16]; squares = Channel[16];
ParallelSubmit[Do[Send[numbers, i], {i, 100}]; CloseChannel[numbers]];
(* fan-out: three workers square numbers from the same channel; one more
   future waits for all three (WaitAll) and then closes their output *)
squarers = Table[ParallelSubmit[Module[{x},
    While[(x = Receive[numbers]) =!= EndOfStream, Send[squares, x^2]]]], {3}];
ParallelSubmit[WaitAll[squarers]; CloseChannel[squares]];
(* fan-in: this thread consumes the last stage *)
total = 0;
While[(y = Receive[squares]) =!= EndOfStream, total += y];
Print["sum of squares 1..100: ", total];

(* 2. select with a timeout: ReceiveAny takes from whichever channel is
   ready; Receive[ch, t] and ReceiveAny[{...}, t] give $TimedOut *)
fast = Channel[1]; slow = Channel[1];
ParallelSubmit[Send[fast, "fast"]];
Print["first: ", ReceiveAny[{slow, fast}]];
Print["nothing else: ", ReceiveAny[{slow, fast}, 0.1]];

(* 3. Wolfram style: data parallelism, futures and a shared counter *)
collatz[n_] := Length[NestWhileList[If[EvenQ[#], #/2, 3 # + 1] &, n, # != 1 &]];
lengths = ParallelMap[collatz, Range[10000]];
Print["longest Collatz chain below 10^4 starts at ", First[Ordering[lengths, -1]]];
SetSharedVariable[primes]; primes = 0;
ParallelDo[If[PrimeQ[i], primes++], {i, 10^4}];
Print["primes below 10^4: ", primes];
jobs = Table[ParallelSubmit[{k}, FactorInteger[2^k - 1]], {k, 60, 63}];
Print["2^63 - 1 = ", Last[WaitAll[jobs]]];

(* 4. errors are deterministic: the lowest failing element wins *)
Print["caught: ", Catch[ParallelMap[If[PrimeQ[#], Throw[#], #] &, Range[20, 100]]]];
