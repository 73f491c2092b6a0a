s = "";
Do[s = s <> "ab", {i, 2*10^4}];
Print[StringLength[s]]
