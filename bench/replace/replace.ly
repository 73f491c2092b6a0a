(* ReplaceRepeated rewriting: expand logarithms of products and powers
   in a 2000-term expression, then differentiate a polynomial by rules. *)
terms = Table[log[a[i] b[i]^2 c[i]], {i, 2000}];
rules = {log[x_ y_] :> log[x] + log[y], log[x_^n_] :> n log[x]};
r = terms //. rules;
Print[Length[r]]
d[c_?NumberQ, x_] := 0;
poly = Sum[k x^k, {k, 1, 300}];
drules = {dd[a_ + b_, x_] :> dd[a, x] + dd[b, x], dd[c_?NumberQ y_, x_] :> c dd[y, x],
          dd[x_^n_, x_] :> n x^(n - 1), dd[x_, x_] :> 1};
Print[Length[dd[poly, x] //. drules]]
