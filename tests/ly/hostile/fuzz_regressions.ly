(* Inputs found by the fuzzers (fuzz/): each must give a clean result, and no
   leak under ASan.  An abort inside Factor's own evaluation leaked the
   expression being evaluated (eval.c: failed head evaluation). *)
r = TimeConstrained[Factor[x^73 - x], 0.001, "t"];
Print[r === "t" || Head[r] === Times]   (* expect: True *)
Print["done"]                           (* expect: done *)
(* fuzz_par: a method name a Channel, ThreadPool or Future does not have
   leaked the string quoted in the ::nomethod message *)
Print[Channel[4].capcaity()]
(* expect-stderr: Channel::nomethod: Channel has no method capcaity. *)
(* expect: $Failed *)
Print[ThreadPool[1].mapp(f, {1})]
(* expect-stderr: ThreadPool::nomethod: ThreadPool has no method mapp. *)
(* expect: $Failed *)
Print[ParallelSubmit[1].stat()]
(* expect-stderr: Future::nomethod: Future has no method stat. *)
(* expect: $Failed *)
(* fuzz_eval: x[[i]] += y (and *=, ++, ...) on a part that does not exist
   leaked the evaluated part after its ::rvalue message *)
l[[-1]] *= z
(* expect-stderr: Part::partd: Part specification l[[-1]] is longer than depth of object. *)
(* expect-stderr: TimesBy::rvalue: l[[-1]] is not a variable with a value, so its value cannot be changed. *)
D[Sin[x] ^= Range[5]; l[[2 ;; 4]] = {a, b, c}; l[[-1]] *= z; lx, {x, 3}]
(* expect-stderr: Set::noval: Symbol l in part assignment does not have an immediate value. *)
(* expect-stderr: Part::partd: Part specification l[[-1]] is longer than depth of object. *)
(* expect-stderr: TimesBy::rvalue: l[[-1]] is not a variable with a value, so its value cannot be changed. *)
Print["done"]                           (* expect: done *)
(* fuzz_eval: past 308 digits the error bound 10^-p of arbitrary-precision
   arithmetic underflowed, so a product had precision Infinity (0.`inf, and
   undefined behaviour making its mantissa); the bounds are sums of logarithms now *)
Print[Precision /@ {9.`400 * 2.`400, N[Pi, 500] N[E, 500], N[Pi, 700] + N[E, 700], N[Pi, 500]^N[E, 500]}]
(* expect: {399.699, 499.699, 700., 499.234} *)
Print[N[Pi, 500] N[E, 500] - N[Pi E, 500]]
(* expect: 0. *)
(* fuzz_eval: printing a real with a huge decimal exponent computed the
   exact power of ten (billions of digits) *)
Print[88*10^8888888888`8]
(* expect: 9.*10^8888888889 *)
Print[InputForm[N[10^100000, 20]]]
(* expect: 1.0000000000000000000000000002`20.*^100000 *)
(* fuzz_copy: Total's fused path kept a reference to an exponent that
   evaluates to itself (a leak under LeakSanitizer), and it evaluates only
   side-effect-free bounds and exponents ahead of the ordinary path *)
Print[Total[10^f[1]]]
(* expect: 10 + f[1] *)
Print[Total[Range[10^4]^(Print["once"]; 2)]]
(* expect: once *)
(* expect: 333383335000 *)
(* fuzz_eval: the factorial of a machine real near $MaxMachineNumber took
   log2 of an infinite magnitude as a long (UB) *)
Print[$MaxMachineNumber!]
(* expect-stderr: General::ovfl: Overflow occurred in computation. *)
(* expect: Overflow[] *)
