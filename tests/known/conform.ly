(* Deviations from Wolfram found by the conformance pass (docs/conformance.md)
   and not fixed yet.  Not run by CI: tests/run_golden.py runs tests/ly only.
   Expectations are Wolfram's; move a case into tests/ly when Lyra gets it
   right. *)

(* argument-count and argument-type messages some builtins do not give *)
Max["a"]
(* expect-stderr: Max::nord: Invalid comparison with a attempted. *)
Extract[{1, 2}, 5]
(* expect-stderr: Extract::partw: Part 5 of {1, 2} does not exist. *)

(* arbitrary precision *)
Print[N[Pi, 20]]                             (* expect: 3.1415926535897932385 *)

(* a top-level Return in a script: Wolfram goes on with the next statement,
   Lyra ends the script there (the value of Return is the script's result) *)
Return[5]
Print["after Return"]                        (* expect: after Return *)



(* more argument messages *)
ToUpperCase[1]
(* expect-stderr: ToUpperCase::strse: String or list of strings expected at position 1 in ToUpperCase[1]. *)
Sort[1]
(* expect-stderr: Sort::normal: Nonatomic expression expected at position 1 in Sort[1]. *)

(* Splice and Defer *)
Print[{0, Splice[{1, 2}]}]                   (* expect: {0, 1, 2} *)
Print[Defer[1 + 1]]                          (* expect: 1 + 1 *)

(* closed forms *)
Print[Sum[k, {k, 1, n}]]                     (* expect: (n (1 + n))/2 *)
Print[Product[k, {k, 1, n}]]                 (* expect: n! *)

Print[Sum[i, {1, 3}]]                        (* expect: Sum[i, {1, 3}] *)
(* expect-stderr: Sum::itraw: Raw object 1 cannot be used as an iterator. *)
Print[Solve[x == 1, 1]]                      (* expect: Solve[x == 1, 1] *)
(* expect-stderr: Solve::ivar: 1 is not a valid variable. *)

