(* A package read by tests/ly/scoping/packages.ly *)
BeginPackage["PkgDemo`"]
area::usage = "area[r] is the area of a circle of radius r."
loads::usage = "loads counts the times the file was read."
Begin["`Private`"]
square[x_] := x^2
area[r_] := Pi square[r]
loads = If[IntegerQ[loads], loads + 1, 1];
End[]
EndPackage[]
