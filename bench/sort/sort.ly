SeedRandom[1];
x = RandomReal[1, 10^6];
s = Sort[x];
Print[OrderedQ[s]]
