(* A Do loop of 10^6 with s += i (issue 3 workload). *)
s = 0;
Do[s += i, {i, 10^6}];
Print[s]
