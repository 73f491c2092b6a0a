(* Definitions with 1,000 rules: literal rules (indexed) and pattern rules
   with conditions; 10^5 calls. *)
Do[f[k] = k^2, {k, 1000}];
Do[With[{k = k}, g[x_ /; x == k] := k], {k, 200}];
s = 0;
Do[s += f[Mod[i, 1000] + 1], {i, 100000}];
Print[s]
t = 0;
Do[t += g[Mod[i, 200] + 1], {i, 2000}];
Print[t]
