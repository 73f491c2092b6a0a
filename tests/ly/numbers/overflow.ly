(* Machine reals past $MaxMachineNumber: Wolfram continues in arbitrary
   precision, which Lyra does not have; Lyra gives Overflow[] (-Overflow[]
   below -$MaxMachineNumber) with General::ovfl instead of an infinite real. *)
Print[1.*^308 * 10]
(* expect-stderr: General::ovfl: Overflow occurred in computation. *)
(* expect: Overflow[] *)
Print[-1.*^308 * 10]
(* expect-stderr: General::ovfl: Overflow occurred in computation. *)
(* expect: -Overflow[] *)
Print[2.^2000]
(* expect-stderr: General::ovfl: Overflow occurred in computation. *)
(* expect: Overflow[] *)
Print[Exp[1000.]]
(* expect-stderr: General::ovfl: Overflow occurred in computation. *)
(* expect: Overflow[] *)
Print[N[10^400]]
(* expect-stderr: General::ovfl: Overflow occurred in computation. *)
(* expect: Overflow[] *)
Print[{1.5*^308, Quiet[2 * 1.5*^308]}]   (* expect: {1.5*10^308, Overflow[]} *)
Print[(1.*^308 + 0.5 I) * 10]
(* expect-stderr: General::ovfl: Overflow occurred in computation. *)
(* expect: Overflow[] *)
Print[1.*^307 * 10]            (* expect: 1.*10^308 *)
