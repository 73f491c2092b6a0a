(* The InputForm round trip (issue 9; fuzz/fuzz_roundtrip.c checks it on
   everything the parser makes).  Strings read back exactly, control and
   odd characters escaped: *)
s = FromCharacterCode[{187, 0, 10, 955, 128512, 127, 34, 92}];
Print[ToExpression[ToString[InputForm[s]]] === s]
(* expect: True *)
Print[ToString[InputForm[s]]]
(* expect: "»\.00\nλ😀\.7f\"\\" *)
(* ?name with a name that is not a symbol's reads as a string *)
Print[FullForm[ToExpression["?1abc", InputForm, Hold]]]
(* expect: Hold[Information["1abc", Rule[LongForm, False]]] *)
(* Wolfram's notations: Power[2, -1] prints as 1/2, which its parser reads
   as Times[1, Power[2, -1]] -- the same value once evaluated (accepted;
   the fuzzer forgives exactly these, docs/limits.md) *)
h = Hold[Power[2, -1], Times[-1, a, b], Times[a, Power[b, -2]]];
Print[ToString[InputForm[h]]]
(* expect: Hold[1/2, -(a*b), a/b^2] *)
Print[FullForm[ToExpression[ToString[InputForm[h]], InputForm, Hold]]]
(* expect: Hold[Hold[Times[1, Power[2, -1]], Times[-1, Times[a, b]], Times[a, Power[Power[b, 2], -1]]]] *)
Print[(List @@ ToExpression[ToString[InputForm[h]]]) === (List @@ h)]
(* expect: True *)
(* Plus[a, Times[-2, b]] prints as a - 2*b, which reads back (as in
   Wolfram) as Times[-1, 2, b]: the same value once evaluated *)
h2 = Hold[a + -2*b];
Print[FullForm[h2]]
(* expect: Hold[Plus[a, Times[-2, b]]] *)
Print[ToString[InputForm[h2]]]
(* expect: Hold[a - 2*b] *)
Print[FullForm[ToExpression[ToString[InputForm[h2]], InputForm, Hold]]]
(* expect: Hold[Hold[Plus[a, Times[-1, 2, b]]]] *)
Print[ReleaseHold[ToExpression[ToString[InputForm[h2]]]] === ReleaseHold[h2]]
(* expect: True *)
(* Precision marks (fuzz_roundtrip): InputForm writes the mark of an
   arbitrary-precision real with a trailing point, 1.5`30., which the
   reader takes before an operator (1.5`30.*x was a syntax error), and
   writes the digits that read back as the same number, guard digits
   included (as Wolfram's InputForm does): 1.23456789`5 kept its five
   digits and read back as another number. *)
Print[ToString[InputForm[Hold[8888888888888888`88 x, 1.5`30.*x, 1.5`30. .., 2.5``3]]]]
(* expect: Hold[8.888888888888888`88.*^15*x, 1.5`30.*x, 1.5`30. .., 2.5`3.3979400086720375] *)
Print[ToString[InputForm[{1.23456789`5, 1.5`1, 0.15`.9}]]]
(* expect: {1.23456789`5., 1.5`1., 0.15`0.9} *)
Print[ToString[InputForm[N[Pi, 20]]]]
(* expect: 3.141592653589793238462643383`20. *)
Print[And @@ (ToExpression[ToString[InputForm[#]]] === # & /@ {N[Pi, 20], N[1/3, 10], N[E, 50], 1.23456789`5})]
(* expect: True *)
(* N[2^2000] reads back as the same value with another mantissa length
   (SameQ compares the form of arbitrary-precision reals): printed again,
   the same text *)
x = N[2^2000]; Print[ToString[InputForm[ToExpression[ToString[InputForm[x]]]]] === ToString[InputForm[x]]]
(* expect: True *)
(* Two denominators print as one, as in Wolfram: a/(b*c) reads back as
   Times[a, Power[Times[b, c], -1]], the same value *)
h3 = Hold[Times[a, Power[b, -1], Power[c, -1]], u*10^-1/D];
Print[ToString[InputForm[h3]]]
(* expect: Hold[a/(b*c), u*1/(10*D)] *)
Print[(List @@ ToExpression[ToString[InputForm[h3]]]) === (List @@ h3)]
(* expect: True *)
