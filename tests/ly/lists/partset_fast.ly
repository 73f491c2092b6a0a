(* x[[k]] = v in loops is done in place without the general path
   (vm/partset.c lyv_set_part_quick): the same values and messages. *)
a = Table[0, {5}]; Do[a[[i]] = i^2, {i, 5}]; Print[a]      (* expect: {1, 4, 9, 16, 25} *)
b = a; a[[1]] = -1; Print[{a, b}]             (* expect: {{-1, 4, 9, 16, 25}, {1, 4, 9, 16, 25}} *)
a[[-1]] = 0; i = 2; a[[i]] = x; Print[a]      (* expect: {-1, x, 9, 16, 0} *)
x = 5; Print[a]                               (* expect: {-1, 5, 9, 16, 0} *)
a[[0]] = f; Print[a]                          (* expect: f[-1, 5, 9, 16, 0] *)
r = N[Range[3]]; r[[2]] = 0.5; r[[-1]] = 2.5; Print[r]   (* expect: {1., 0.5, 2.5} *)
c = {1, 2, 3}; c[[2]] = Sequence[]; Print[c]  (* expect: {1, 3} *)
d = {1, 2, 3}; d[[2]] = {u, v}; Print[d]      (* expect: {1, {u, v}, 3} *)
e = {1, 2}; e[[1]] = 1 + y; y = 2; Print[e]   (* expect: {3, 2} *)
Clear[z]; z[[1]] = 1
(* expect-stderr: Set::noval: Symbol z in part assignment does not have an immediate value. *)
s = "abc"; s[[1]] = "x"
(* expect-stderr: Set::partd: Part specification s[[1]] is longer than depth of object. *)
m = {{1, 2}, {3, 4}}; m[[2]] = 0; Print[m]    (* expect: {{1, 2}, 0} *)
w = ConstantArray[0, 10^5]; Do[w[[k]] = k, {k, 10^5}]; Print[Total[w]]   (* expect: 5000050000 *)
