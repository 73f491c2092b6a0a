(* odd and even functions of arguments that look negative, as Wolfram normalizes them *)
Print[{Sin[-x], Cos[-x], Tan[-2 x], Sinh[-x], ArcTan[-x], Sin[-x - y]}]  (* expect: {-Sin[x], Cos[x], -Tan[2 x], -Sinh[x], -ArcTan[x], -Sin[x + y]} *)
Print[{Sin[-x + y], Cos[-x + y], Sin[x - y], Sin[-1], Cos[-1/2], ArcSin[-1/3], Tan[-Pi/7], Sinh[-2 x], Cosh[-x], Sin[-2.5], Exp[-x], Sin[-x]^2}]
(* expect: {-Sin[x - y], Cos[x - y], Sin[x - y], -Sin[1], Cos[1/2], -ArcSin[1/3], -Tan[Pi/7], -Sinh[2 x], Cosh[x], -0.598472, E^(-x), Sin[x]^2} *)
Print[D[Cos[-x], x]]  (* expect: -Sin[x] *)
(* -1 and -1/n go into a sum *)
Print[{-(a + b), -(a + b)/2, Times[-1/2, a + b], -(x + 1)/3, -2 (a + b)}]  (* expect: {-a - b, (-a - b)/2, (-a - b)/2, (-1 - x)/3, -2 (a + b)} *)
