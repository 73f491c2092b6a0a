(* A user function defined by a pattern, called in a loop: f[x_] := x + 1. *)
f[x_] := x + 1;
s = 0;
Do[s += f[i], {i, 10^6}];
Print[s]
