d = Dispatch[Table[x[k] -> k^2, {k, 1000}]];
s = 0;
Do[s += x[Mod[i, 1000] + 1] /. d, {i, 10^5}];
Print[s]
