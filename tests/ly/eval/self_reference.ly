(* A value that holds the symbol it is assigned to evaluates again, into
   $RecursionLimit, as in Wolfram (the $RecursionLimit page's x = x + 1) *)
x = x + 1;
(* expect-stderr: $RecursionLimit::reclim2: Recursion depth of 1024 exceeded during evaluation of 1 + x. *)
Print[Quiet[Cases[x, _Hold, Infinity]]]     (* expect: {Hold[1 + x]} *)
Clear[x]; x = 5; x = x + 1; Print[x]         (* expect: 6 *)
(* reading the value again recurses again *)
Block[{$RecursionLimit = 40}, y = {y}; Print[Depth[y] > 30]]
(* expect-stderr: $RecursionLimit::reclim2: Recursion depth of 40 exceeded during evaluation of {y}. *)
(* expect-stderr: $RecursionLimit::reclim2: Recursion depth of 40 exceeded during evaluation of {y}. *)
(* expect: True *)
(* a value without its own symbol is not evaluated again *)
z = f[w]; Print[z]                          (* expect: f[w] *)
