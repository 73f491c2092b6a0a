c = 0;
Do[If[Mod[i, 3] == 0, c++, c--], {i, 10^6}];
Print[c]
