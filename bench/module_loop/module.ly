f[n_] := Module[{s = 0, i = 0}, While[i < n, i++; s += i]; s];
Print[f[10^6]]
