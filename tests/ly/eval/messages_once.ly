(* A message from the last part of a CompoundExpression prints once: the
   evaluated result is not evaluated again. *)
x = 1; Sin[1, 2]
(* expect-stderr: Sin::argx: Sin called with 2 arguments; 1 argument is expected. *)
Print["next"]   (* expect: next *)
