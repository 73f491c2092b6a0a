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
(* bulk forms: every element is its own message, handed over in batches *)
bc = Channel[16];
bf = ParallelSubmit[SendList[bc, Range[100]]; SendList[bc, {"a", {1, 2}, 2.5}]; bc.sendList({x}); CloseChannel[bc]; 1];
acc = {}; While[(xs = ReceiveList[bc, 7]) =!= EndOfStream, acc = Join[acc, xs]];
Print[{Await[bf], Length[acc], Total[Take[acc, 100]], Drop[acc, 100]}]
(* expect: {1, 104, 5050, {a, {1, 2}, 2.5, x}} *)
Print[{ReceiveList[bc, 3], SendList[bc, {1}]}]
(* expect-stderr: SendList::closed: The channel is closed. *)
(* expect: {EndOfStream, $Failed} *)
b2 = Channel[2];
Print[{SendList[b2, {1, 2, 3}, 0.05], ReceiveList[b2, 10], ReceiveList[b2, 10, 0.05], b2.sendList({7, 8}), b2.receiveList(1), Receive[b2]}]
(* expect: {$TimedOut, {1, 2}, $TimedOut, Null, {7}, 8} *)
Print[ReceiveList[b2, 0]]
(* expect-stderr: ReceiveList::count: The count 0 is not a positive machine integer. *)
(* expect: ReceiveList[Channel[<0/2>], 0] *)
rv = Channel[];
rg = ParallelSubmit[SendList[rv, {1, 2, 3}]];
Print[{Receive[rv], ReceiveList[rv, 1], rv.receiveList(1), Await[rg]}]
(* expect: {1, {2}, {3}, Null} *)
