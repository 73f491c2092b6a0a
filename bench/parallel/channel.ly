(* channel messages/s between two VMs: a worker sends, the main VM receives.
   Every value is its own message through the channel's ring; the bulk forms
   (SendList / ReceiveList) hand them over in batches instead of one
   interpreted call per message. *)
Get["bench/parallel/common.ly"];
rate[name_, n_, body_] := Module[{t = Table[First[AbsoluteTiming[body[]]], {5}]},
  Print[name, ": ", Round[n / Median[t]], " msgs/s (median of 5, ", fmt[Median[t]], " s for ", n, "); load ", load[]]];
n1 = 1000000;
rate["one Send / Receive per message, integers", n1, Function[
  Module[{ch = Channel[1024], f, s = 0, x},
    f = ParallelSubmit[Do[Send[ch, i], {i, n1}]; CloseChannel[ch]];
    While[(x = Receive[ch]) =!= EndOfStream, s += x];
    If[s != n1 (n1 + 1)/2, Print["MISMATCH"]]]]];
n2 = 2000000;
rate["SendList / ReceiveList, integers", n2, Function[
  Module[{ch = Channel[4096], f, s = 0, x},
    f = ParallelSubmit[SendList[ch, Range[n2]]; CloseChannel[ch]];
    While[(x = ReceiveList[ch, 4096]) =!= EndOfStream, s += Total[x]];
    If[s != n2 (n2 + 1)/2, Print["MISMATCH"]]]]];
n3 = 200000;
ls = Table[{i, "s"}, {i, n3}];
rate["SendList / ReceiveList, small lists {i, \"s\"}", n3, Function[
  Module[{ch = Channel[4096], f, c = 0, x},
    f = ParallelSubmit[SendList[ch, ls]; CloseChannel[ch]];
    While[(x = ReceiveList[ch, 4096]) =!= EndOfStream, c += Length[x]];
    If[c != n3, Print["MISMATCH"]]]]];
