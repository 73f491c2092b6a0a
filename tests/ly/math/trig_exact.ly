(* Exact values of the trigonometric functions at multiples of Pi/5, Pi/8,
   Pi/10 and Pi/12 (Wolfram gives them in radicals), the inverse functions
   of those radicals, and ArcCot, ArcSec, ArcCsc, ArcCoth, ArcSech, ArcCsch
   (stdlib/mathfn.c). *)
Print[Table[Sin[k Pi/12], {k, 0, 6}]]
(* expect: {0, (-1 + Sqrt[3])/(2 Sqrt[2]), 1/2, 1/Sqrt[2], Sqrt[3]/2, (1 + Sqrt[3])/(2 Sqrt[2]), 1} *)
Print[Table[Cos[k Pi/10], {k, 0, 5}]]
(* expect: {1, Sqrt[5/8 + Sqrt[5]/8], (1 + Sqrt[5])/4, Sqrt[5/8 - Sqrt[5]/8], (-1 + Sqrt[5])/4, 0} *)
Print[{Tan[Pi/12], Tan[3 Pi/8], Tan[Pi/5], Cot[Pi/8], Tan[7 Pi/8]}]
(* expect: {2 - Sqrt[3], 1 + Sqrt[2], Sqrt[5 - 2 Sqrt[5]], 1 + Sqrt[2], 1 - Sqrt[2]} *)
Print[{Sin[Pi/8], Cos[7 Pi/8], Csc[Pi/12], Sec[Pi/5], Csc[Pi/10]}]
(* expect: {Sqrt[2 - Sqrt[2]]/2, -Sqrt[2 + Sqrt[2]]/2, Sqrt[2] (1 + Sqrt[3]), -1 + Sqrt[5], 1 + Sqrt[5]} *)
Print[Sin[Pi/7]]
(* expect: Sin[Pi/7] *)
Print[{ArcSin[Sqrt[3]/2], ArcCos[-1/Sqrt[2]], ArcTan[Sqrt[3]], ArcTan[-1/Sqrt[3]], ArcTan[2 - Sqrt[3]]}]
(* expect: {Pi/3, (3 Pi)/4, Pi/3, -Pi/6, Pi/12} *)
Print[{ArcCos[Sqrt[2 + Sqrt[2]]/2], ArcSin[(-1 + Sqrt[3])/(2 Sqrt[2])], ArcCos[(1 + Sqrt[5])/4]}]
(* expect: {Pi/8, Pi/12, Pi/5} *)
Print[{ArcSin[Sqrt[2]], ArcTan[Pi], ArcCos[1/3]}]
(* expect: {ArcSin[Sqrt[2]], ArcTan[Pi], ArcCos[1/3]} *)
Print[{ArcCot[1], ArcCot[0], ArcSec[2], ArcCsc[-2], ArcSec[-1], ArcCot[-Sqrt[3]], ArcCot[x]}]
(* expect: {Pi/4, Pi/2, Pi/3, -Pi/6, Pi, -Pi/6, ArcCot[x]} *)
Print[{ArcCot[2.], ArcSec[2.], ArcCsc[3.], ArcCoth[2.], ArcSech[0.5], ArcCsch[1.]}]
(* expect: {0.463648, 1.0472, 0.339837, 0.549306, 1.31696, 0.881374} *)
Print[D[{ArcSec[x], ArcCsc[x], ArcCot[x], ArcCoth[x]}, x]]
(* expect: {1/(Sqrt[1 - 1/x^2] x^2), -(1/(Sqrt[1 - 1/x^2] x^2)), -(1/(1 + x^2)), 1/(1 - x^2)} *)
