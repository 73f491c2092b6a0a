(* Channel rows of spec/concurrency.md *)
ch = Channel[3];
Print[ch]
(* expect: Channel[<0/3>] *)
Send[ch, 1]; ch.send({1, "a", 2.5}); ch["Send", x];
Print[{ch.length(), ch.capacity()}]
(* expect: {3, 3} *)
Print[TrySend[ch, 9]]
(* expect: False *)
Print[{Receive[ch], ch.receive(), ch.RECEIVE(), TryReceive[ch]}]
(* expect: {1, {1, a, 2.5}, x, Missing[Empty]} *)
Print[Receive[ch, 0.05]]
(* expect: $TimedOut *)
full = Channel[1]; Send[full, 1];
Print[Send[full, 2, 0.05]]
(* expect: $TimedOut *)
Print[TrySend[ch, 7]]
(* expect: True *)
CloseChannel[ch];
Print[{Receive[ch], Receive[ch], TryReceive[ch]}]
(* expect: {7, EndOfStream, EndOfStream} *)
Print[Send[ch, 3]]
(* expect-stderr: Send::closed: The channel is closed. *)
(* expect: $Failed *)
Print[TrySend[ch, 3]]
(* expect: False *)
(* values are copied: later changes are not seen *)
c2 = Channel[2]; v = {1, 2}; Send[c2, v]; v[[1]] = 99;
Print[Receive[c2]]
(* expect: {1, 2} *)
Print[Channel[] === Channel[0]]
(* expect: False *)
Print[BoundedChannel[4].capacity()]
(* expect: 4 *)
Print[ReceiveAny[{Channel[1], Channel[1]}, 0.05]]
(* expect: $TimedOut *)
a = Channel[1]; b = Channel[1]; Send[b, "x"];
Print[ReceiveAny[{a, b}]]
(* expect: {2, x} *)
(* rendezvous with a worker *)
r = Channel[];
f = ParallelSubmit[Send[r, 41 + 1]; "sent"];
Print[{Receive[r], Await[f]}]
(* expect: {42, sent} *)
(* a channel crosses through a channel *)
outer = Channel[1]; inner = Channel[1]; Send[outer, inner]; Send[inner, "deep"];
Print[Receive[Receive[outer]]]
(* expect: deep *)
