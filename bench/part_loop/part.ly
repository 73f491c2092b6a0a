n = 10^6; a = Table[0, {n}];
Do[a[[i]] = i, {i, n}];
Print[Total[a]]
