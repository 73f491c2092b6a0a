(* Evaluated expressions are not evaluated again while nothing they
   depend on changes: a new value for a symbol that has one is not such a
   change (Wolfram's model; Update says so for Condition tests). *)
x = 1; e = Hold[x]; x = 2
Print[ReleaseHold[e]]          (* expect: 2 *)
lst = {a, b}; a = 5
Print[lst]                     (* expect: {5, b} *)
a2 = 5; lst2 = {a2, b}; a2 = 6
Print[lst2]                    (* expect: {5, b} *)
h = {z, z}; z = 1
Print[h]                       (* expect: {1, 1} *)
z = 2
Print[h]                       (* expect: {2, 2} *)
Clear[z]
Print[h]                       (* expect: {z, z} *)
(* the documented example of Update *)
f[] := 1 /; c > 0
c = -1; t = f[]; c = 1
Print[{t, f[]}]                (* expect: {f[], 1} *)
Update[f]
Print[t]                       (* expect: 1 *)
Print[Update[]]                (* expect: Null *)
(* part assignments *)
l3 = {p, q, r}; Do[l3[[i]] = i^2, {i, 3}]
Print[l3]                      (* expect: {1, 4, 9} *)
l4 = {1, 2}; l4[[0]] = Plus
Print[l4]                      (* expect: 3 *)
l5 = {u, v}; l5[[1]] = Sequence[1, 2]
Print[l5]                      (* expect: {1, 2, v} *)
k = 0
Print[Table[k += i; {k, i}, {i, 3}]]   (* expect: {{1, 1}, {3, 2}, {6, 3}} *)
w := {cnt++}; cnt = 0
Print[{w, w}]                  (* expect: {{0}, {1}} *)
(* a list variable read in a loop is not evaluated again each time *)
big = Table[{i, "s"}, {i, 3000}]; s = 0
Do[s += Length[big], {i, 3000}]
Print[s]                       (* expect: 9000000 *)
(* a loop body that evaluates to itself with a message repeats it (three
   times, then General::stop), with or without an iterator variable *)
Do[Sin[1, 2], {5}]
(* expect-stderr: Sin::argx: Sin called with 2 arguments; 1 argument is expected. *)
(* expect-stderr: Sin::argx: Sin called with 2 arguments; 1 argument is expected. *)
(* expect-stderr: Sin::argx: Sin called with 2 arguments; 1 argument is expected. *)
(* expect-stderr: General::stop: Further output of Sin::argx will be suppressed during this calculation. *)
f1[x_] := g1[x]
Print[f1[Sin[1, 2]]]
(* expect-stderr: Sin::argx: Sin called with 2 arguments; 1 argument is expected. *)
(* expect: g1[Sin[1, 2]] *)
