(* channel messages/s between two VMs (main VM -> worker VM) *)
n = 200000;
ch = Channel[1024];
f = ParallelSubmit[Module[{s = 0, x}, While[(x = Receive[ch]) =!= EndOfStream, s += x]; s]];
t = First[AbsoluteTiming[Do[Send[ch, i], {i, n}]; CloseChannel[ch]; r = Await[f]]];
Print["channel ints: ", N[n/t], " msgs/s", If[r == n (n + 1)/2, "", " MISMATCH"]]
ch = Channel[1024];
f = ParallelSubmit[Module[{c = 0, x}, While[(x = Receive[ch]) =!= EndOfStream, c++]; c]];
t = First[AbsoluteTiming[Do[Send[ch, {i, "s"}], {i, n}]; CloseChannel[ch]; r = Await[f]]];
Print["channel lists: ", N[n/t], " msgs/s"]
