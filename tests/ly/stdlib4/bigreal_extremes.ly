(* Arbitrary-precision reals at the extremes of magnitude: a negative
   literal keeps its precision, comparisons of numbers with huge exponents
   never write them out, and functions of tiny or huge arguments keep the
   precision their arguments support. *)
Print[{-1.5`20, Precision[-1.5`20], Precision[-1.`20*^-40]}]
(* expect: {-1.5000000000000000000, 20., 20.} *)
Print[InputForm[{a - 2.5`30, 3 - 2.5`30}]]
(* expect: {-2.5`30. + a, 0.5`29.30102999566398} *)

(* 88*10^8888888888`8 is a number near 10^8888888889 of low precision:
   ordering it, Max and Min work from the exponents (they once built the
   3.7 GB integer) *)
r = 88*10^8888888888`8;
Print[Floor[Log10[r]]]
(* expect: 8888888889 *)
Print[{r > 10^100, -r < 3, Order[r, 3], Order[3, r]}]
(* expect: {True, True, -1, 1} *)
Print[Max[r, 3] === r && Min[-r, 3] === -r]
(* expect: True *)
Print[Length[Sort[{r, 10^100, -r, 3, 2.5`30*10^8888888}]]]
(* expect: 5 *)

(* tiny arguments: the odd functions give x itself, Cot and Csc 1/x *)
Print[{Sin[1.`20*^-400], Tan[-1.`20*^-400], ArcTan[1.`20*^-400], Sinh[1.`20*^-400]}]
(* expect: {1.0000000000000000000*10^-400, -1.0000000000000000000*10^-400, 1.0000000000000000000*10^-400, 1.0000000000000000000*10^-400} *)
Print[Precision /@ {Sin[1.`30*^-12], Cot[1.`20*^-400], Csc[1.`20*^-40]}]
(* expect: {30., 20., 20.} *)
Print[N[Sin[10^-12], 30]]
(* expect: 9.99999999999999999999999833333*10^-13 *)

(* huge and tiny arguments: Sqrt gains log10(2) digits, Log loses none *)
Print[Sqrt[8.8`20*^888]]
(* expect: 2.9664793948382651795*10^444 *)
Print[InputForm[Precision[Sqrt[8.8`4.69*^888]]]]
(* expect: 4.991029995663953 *)
Print[InputForm[Precision /@ {Sqrt[8.8`20*^-888], Log[8.8`20*^-888], Log[8.8`20*^888]}]]
(* expect: {20.301029995663953, 23.31016649017112, 23.31109032748518} *)
(* below one digit of precision but past the machine range: still a big
   real (it was Overflow[]) *)
Print[InputForm[Precision[Sqrt[88*10^8888888888`8]]]]
(* expect: 0.801030158996582 *)
Print[Floor[Log10[Sqrt[88*10^8888888888`8]]]]
(* expect: 4444444444 *)
