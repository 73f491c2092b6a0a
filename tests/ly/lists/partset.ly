(* Part assignment with every spec: indices, negative, All, spans, lists of
   indices, keys; a list value is spread over the selected parts when its
   length matches; in place (linear loops) when the variable alone holds the
   value, copy on write otherwise *)
l = {a, b, c, d, e};
l[[2]] = x; Print[l]                          (* expect: {a, x, c, d, e} *)
l[[-1]] = y; Print[l]                         (* expect: {a, x, c, d, y} *)
l[[2 ;; 3]] = {p, q}; Print[l]                (* expect: {a, p, q, d, y} *)
l[[{1, 5}]] = z; Print[l]                     (* expect: {z, p, q, d, z} *)
l[[;; ;; 2]] = 0; Print[l]                    (* expect: {0, p, 0, d, 0} *)
l[[-1 ;; 1 ;; -2]] = {u, v, w}; Print[l]      (* expect: {w, p, v, d, u} *)
l[[0]] = f; Print[l]                          (* expect: f[w, p, v, d, u] *)
m = ConstantArray[0, {3, 3}];
m[[2, 2]] = 1; m[[All, 3]] = 7; Print[m]      (* expect: {{0, 0, 7}, {0, 1, 7}, {0, 0, 7}} *)
m[[All, 1]] = {a, b, c}; Print[m]             (* expect: {{a, 0, 7}, {b, 1, 7}, {c, 0, 7}} *)
m[[1]] = {x, y, z}; Print[m]                  (* expect: {{x, y, z}, {b, 1, 7}, {c, 0, 7}} *)
m = IdentityMatrix[3]; m[[2 ;; 3, 2 ;; 3]] = {{5, 6}, {7, 8}};
Print[{m, Developer`PackedArrayQ[m]}]         (* expect: {{{1, 0, 0}, {0, 5, 6}, {0, 7, 8}}, True} *)
(* copy on write: other holders of the value keep theirs *)
x = {1, 2, 3}; y = x; x[[1]] = 100; Print[{x, y}]   (* expect: {{100, 2, 3}, {1, 2, 3}} *)
m = IdentityMatrix[2]; m2 = m; m[[1, 1]] = 9; Print[{m, m2}]
(* expect: {{{9, 0}, {0, 1}}, {{1, 0}, {0, 1}}} *)
(* packed arrays stay packed for values of their type *)
x = Range[5]; x[[2]] = 20; Print[{x, Developer`PackedArrayQ[x]}]        (* expect: {{1, 20, 3, 4, 5}, True} *)
x = N[Range[3]]; x[[2]] = 7; Print[{x, Developer`PackedArrayQ[x]}]      (* expect: {{1., 7, 3.}, False} *)
x = Range[3]; x[[2]] = 2.5; Print[{x, Developer`PackedArrayQ[x]}]       (* expect: {{1, 2.5, 3}, False} *)
x = Range[3]; x[[2]] = a; Print[{x, Developer`PackedArrayQ[x]}]         (* expect: {{1, a, 3}, False} *)
(* associations: keys and positions *)
as = <|"x" -> {1, 2}, "y" -> 3|>;
as[["x", 2]] = 20; as[["y"]] = 30; Print[as]  (* expect: <|x -> {1, 20}, y -> 30|> *)
as[[1]] = 0; as[[Key["y"]]] = q; Print[as]    (* expect: <|x -> 0, y -> q|> *)
(* the value of the assignment, compound assignments *)
x = {1, 2, 3}; Print[x[[2]] = 20]             (* expect: 20 *)
x[[1]] += 5; x[[3]]++; Print[x]               (* expect: {6, 20, 4} *)
(* parts that do not exist: a message and nothing changed *)
x = {1, 2, 3};
x[[4]] = 1
(* expect-stderr: Set::partw: Part 4 of {1, 2, 3} does not exist. *)
x[[-4]] = 1
(* expect-stderr: Set::partw: Part -4 of {1, 2, 3} does not exist. *)
x[[1 ;; 5]] = 1
(* expect-stderr: Set::partw: Part 1 ;; 5 of {1, 2, 3} does not exist. *)
x[[{1, 7}]] = 1
(* expect-stderr: Set::partw: Part {1, 7} of {1, 2, 3} does not exist. *)
x[[2, 1]] = 1
(* expect-stderr: Set::partd: Part specification x[[2, 1]] is longer than depth of object. *)
as[["z"]] = 1
(* expect-stderr: Set::partw: Part z of <|x -> 0, y -> q|> does not exist. *)
Print[x]                                      (* expect: {1, 2, 3} *)
w[[1]] = 2
(* expect-stderr: Set::noval: Symbol w in part assignment does not have an immediate value. *)
(* linear: 10^5 assignments in a loop (quadratic copying took minutes) *)
x = Range[10^5]; Do[x[[i]] = 2 i, {i, 10^5}]; Print[{Total[x], Developer`PackedArrayQ[x]}]
(* expect: {10000100000, True} *)
x = Table[{i, s}, {i, 10^5}]; Do[x[[i, 1]] = 0, {i, 10^5}]; Print[Total[x[[All, 1]]]]   (* expect: 0 *)
a = <||>; Do[a[i] = i^2, {i, 10^5}]; Print[{Length[a], a[300]}]          (* expect: {100000, 90000} *)
b = <||>; Do[AssociateTo[b, i -> i], {i, 10^5}]; Print[Length[b]]        (* expect: 100000 *)
c = a; a[1] = 0; Print[{a[1], c[1]}]          (* expect: {0, 1} *)
x[[0.5]] = 1
(* expect-stderr: Set::pkspec1: The expression 0.5 cannot be used as a part specification. *)
