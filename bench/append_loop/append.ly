l = {};
Do[AppendTo[l, i], {i, 10^5}];
Print[Total[l]]
