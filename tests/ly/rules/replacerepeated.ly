(* ReplaceRepeated *)
Print[ReplaceRepeated[log[a b], log[x_ y_] :> log[x] + log[y]]]
(* expect: log[a] + log[b] *)
Print[log[a b c d] //. log[x_ y_] :> log[x] + log[y]]
(* expect: log[a] + log[b] + log[c] + log[d] *)
Print[{a, b, c} //. {a -> b, b -> c}]
(* expect: {c, c, c} *)
Print[f[f[f[x]]] //. f[y_] :> y]
(* expect: x *)
Print[{1, {2, {3, {4}}}} //. {x_, {y__}} :> {x, y}]
(* expect: {1, 2, {3, 4}} *)
Print[x //. x -> x]
(* expect: x *)
Print[ReplaceRepeated[g[5], g[0] -> done]]
(* expect: g[5] *)
Print[fact[5] //. {fact[0] -> 1, fact[n_] :> n fact[n - 1]}]
(* expect: 120 *)
Print[ReplaceRepeated[a, a -> b + a, MaxIterations -> 3] /. b -> 1]
(* expect: 3 + a *)
(* expect-stderr: ReplaceRepeated::rrlim: Exiting after a scanned 3 times. *)
