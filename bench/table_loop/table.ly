t = Table[i^2, {i, 10^6}];
Print[Total[t]]
