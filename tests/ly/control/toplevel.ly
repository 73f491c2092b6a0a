(* Each statement of a script is a top-level input: an uncaught Throw ends
   only that statement (Throw::nocatch, value Hold[Throw[...]]), a Return
   with nothing to return from is the value Return[v]; the script goes on
   (and exits with status 1 for the Throw). *)
Print["before"]
(* expect: before *)
Throw[1]
(* expect-stderr: Throw::nocatch: Uncaught Throw[1] returned to top level. *)
Print["after Throw"]
(* expect: after Throw *)
Print[1]; Throw[2, tag]; Print["not here"]
(* expect: 1 *)
(* expect-stderr: Throw::nocatch: Uncaught Throw[2, tag] returned to top level. *)
Return[5]
Print["after Return"]
(* expect: after Return *)
Print[Catch[Throw[3]]]
(* expect: 3 *)
(* expect-exit: 1 *)
