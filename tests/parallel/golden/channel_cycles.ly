(* Channels that buffer handles to themselves or to each other are freed
   when no handle is left outside them (foreign/lyf_node.c); under
   AddressSanitizer (make test-asan) a leak fails this file.  Values still
   reachable keep working. *)
ch = Channel[3]; Send[ch, ch]; Send[ch, {ch, <|"me" -> ch|>}];
Print[ch.length()]
(* expect: 2 *)
Clear[ch]
(* two channels holding each other, several times over *)
a = Channel[4]; b = Channel[4];
Send[a, b]; Send[b, {a, a, b}]; Send[a, f[a, g[b]]]; Send[b, 1];
Clear[a, b]
(* a cycle reachable from a live channel stays usable *)
live = Channel[1]; c1 = Channel[2]; c2 = Channel[2];
Send[c1, c2]; Send[c2, c1]; Send[c1, "in c1"]; Send[live, c1];
Clear[c1, c2]
x = Receive[live];
y = Receive[x];
Print[{Receive[x], Receive[y] === x, Head[y]}]
(* expect: {in c1, True, Channel} *)
Clear[x, y, live]
(* closed channels and SendList / ReceiveList / ReceiveAny *)
d = Channel[10]; e = Channel[10];
SendList[d, {d, e, d, 5}]; SendList[e, {e, d}]; CloseChannel[d];
r = ReceiveList[e, 1];
Print[{Length[r], Head[First[r]], First[r] === e}]
(* expect: {1, Channel, True} *)
{i, v} = ReceiveAny[{d}];
Print[{i, v === d}]
(* expect: {1, True} *)
Clear[d, e, r, i, v]
(* a task makes cycles on a worker and returns only a number *)
res = ParallelMap[(Module[{p = Channel[2], q = Channel[2]}, Send[p, q]; Send[q, p]; Send[p, p]; #^2]) &, Range[8]];
Print[res]
(* expect: {1, 4, 9, 16, 25, 36, 49, 64} *)
(* a cycle made across threads: a worker sends the channel into itself *)
k = Channel[2];
fut = ParallelSubmit[Send[k, k]; 1];
Print[WaitAll[fut]]
(* expect: 1 *)
Clear[k, fut]
(* many channels in one hub, the hub in each of them *)
hub = Channel[100];
Do[With[{c = Channel[1]}, Send[c, hub]; Send[hub, c]], {100}];
Print[hub.length()]
(* expect: 100 *)
Clear[hub]
(* futures too: a result holding its own future; a channel buffering a
   future whose expression, result or Throw value holds the channel *)
ch = Channel[1]; f = ParallelSubmit[Receive[ch]]; Send[ch, f];
Print[Await[f] === f]
(* expect: True *)
c2 = Channel[2]; g = ParallelSubmit[{c2, 7}]; Send[c2, g];
Print[Await[g][[2]]]
(* expect: 7 *)
c3 = Channel[1]; h = ParallelSubmit[Throw[c3, "tag"]]; Send[c3, h];
Print[Catch[Await[h], "tag"] === c3]
(* expect: True *)
Clear[ch, f, c2, g, c3, h]
Print["done"]
(* expect: done *)
