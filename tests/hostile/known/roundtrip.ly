(* KNOWN FAILURE (issue 9), not run; found by fuzz/fuzz_roundtrip.c in strict
   mode: InputForm is not an exact round trip.  Power[2, -1] prints as 1/2,
   which parses as Times[1, Power[2, -1]] (vm/print.c prints a negative
   power of a number as a quotient).  Wolfram prints Power[2, -1] the same
   way, so this may be accepted; if so, drop the strict mode. *)
e = Hold[Power[2, -1]];
Print[ToExpression[ToString[InputForm[e]], InputForm, Hold] === ToExpression["Hold[Power[2, -1]]", InputForm, Hold]]
(* expect: True *)
Print[ToExpression[ToString[InputForm[e]]] === e]
(* expect: True *)
