x = 0;
Do[x = x + 1, {10^6}];
Print[x]
