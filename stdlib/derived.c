/*
 * derived.c — builtins defined by a Wolfram-language body over other
 * builtins: SelectFirst, FirstPosition, FirstCase, TakeLargest,
 * MaximalBy, DeleteDuplicatesBy, CountsBy, ReverseSort, PositionIndex,
 * ArrayReshape, Subdivide, Ratios, MovingAverage, BlockMap, Subsequences,
 * CharacterRange, CharacterCounts, statistics (Quantile, Covariance, ...)
 * and a few number functions.  Written against lyra.h + lyra_ext.h.
 *
 * Each entry gives the number of arguments it takes and the text of a pure
 * function that is applied to them; the text is parsed when the builtin is
 * called (a few microseconds; none of these is on a hot path), which keeps
 * start-up free of them.  Argument counts outside every entry of a name get
 * Wolfram's argument-count message; arguments an entry cannot use leave
 * the call unevaluated (the body's own functions issue their messages).
 */
#include <string.h>
#include "lys_data.h"

typedef LysDerived Derived;

static const Derived derived[] = {
    /* ---- finding ---- */
    { "SelectFirst", 2, "Module[{ly$r = Select[#1, #2, 1]}, If[ly$r === {}, Missing[\"NotFound\"], First[ly$r]]] &" },
    { "SelectFirst", 3, "Module[{ly$r = Select[#1, #2, 1]}, If[ly$r === {}, #3, First[ly$r]]] &" },
    { "FirstPosition", 2, "Module[{ly$r = Position[#1, #2, {0, Infinity}, 1]}, If[ly$r === {}, Missing[\"NotFound\"], First[ly$r]]] &" },
    { "FirstPosition", 3, "Module[{ly$r = Position[#1, #2, {0, Infinity}, 1]}, If[ly$r === {}, #3, First[ly$r]]] &" },
    { "FirstCase", 2, "Module[{ly$r = Cases[#1, #2, {1}, 1]}, If[ly$r === {}, Missing[\"NotFound\"], First[ly$r]]] &" },
    { "FirstCase", 3, "Module[{ly$r = Cases[#1, #2, {1}, 1]}, If[ly$r === {}, #3, First[ly$r]]] &" },
    { "FirstCase", 4, "Module[{ly$r = Cases[#1, #2, #4, 1]}, If[ly$r === {}, #3, First[ly$r]]] &" },
    /* ---- ordering ---- */
    { "TakeLargest", 2, "Take[ReverseSort[#1], #2] &" },
    { "TakeSmallest", 2, "Take[Sort[#1], #2] &" },
    { "TakeLargestBy", 3, "Take[ReverseSortBy[#1, #2], #3] &" },
    { "TakeSmallestBy", 3, "Take[SortBy[#1, #2], #3] &" },
    { "MaximalBy", 2, "Module[{ly$v = Map[#2, #1]}, Pick[#1, ly$v, Max[ly$v]]] &" },
    { "MinimalBy", 2, "Module[{ly$v = Map[#2, #1]}, Pick[#1, ly$v, Min[ly$v]]] &" },
    { "MaximalBy", 3, "Take[Module[{ly$v = Map[#2, #1]}, Pick[#1, ly$v, Max[ly$v]]], UpTo[#3]] &" },
    { "MinimalBy", 3, "Take[Module[{ly$v = Map[#2, #1]}, Pick[#1, ly$v, Min[ly$v]]], UpTo[#3]] &" },
    { "ReverseSort", 1, "Reverse[Sort[#1]] &" },
    { "ReverseSort", 2, "Reverse[Sort[#1, #2]] &" },
    { "ReverseSortBy", 2, "Reverse[SortBy[#1, #2]] &" },
    /* SparseArray: the dense array (no sparse representation) */
    { "SparseArray", 1, "Which[ListQ[#] && !MatchQ[#, {___Rule}], #, MatchQ[#, {___Rule}] || MatchQ[#, _Rule], "
                         "SparseArray[#, Max /@ Transpose[Map[Flatten[{#}] &, Keys[Flatten[{#}]]]]], True, ly$uneval] &" },
    { "SparseArray", 2, "SparseArray[#1, #2, 0] &" },
    { "SparseArray", 3, "If[(MatchQ[#1, {___Rule}] || MatchQ[#1, _Rule]) && (IntegerQ[#2] || VectorQ[#2, IntegerQ]), "
                         "ReplacePart[ConstantArray[#3, #2], Map[Flatten[{First[#]}] -> Last[#] &, Reverse[Flatten[{#1}]]]], ly$uneval] &" },
    { "LeapYearQ", 1, "Module[{ly$y = Which[IntegerQ[#], #, MatchQ[#, {_Integer, ___}], First[#], True, ly$uneval]}, If[ly$y === ly$uneval, ly$uneval, Mod[ly$y, 4] == 0 && (Mod[ly$y, 100] != 0 || Mod[ly$y, 400] == 0)]] &" },
    { "KeySortBy", 2, "If[AssociationQ[#1], Association[SortBy[Normal[#1], Function[ly$r, #2[First[ly$r]]]]], ly$uneval] &" },
    { "KeyFreeQ", 2, "If[AssociationQ[#1] || MatchQ[#1, {___Rule}], FreeQ[Keys[#1], #2, {1}], ly$uneval] &" },
    { "KeyMemberQ", 2, "If[AssociationQ[#1] || MatchQ[#1, {___Rule}], MemberQ[Keys[#1], #2], ly$uneval] &" },
    /* ---- grouping ---- */
    { "DeleteDuplicatesBy", 2, "Values[GroupBy[#1, #2, First]] &" },
    { "CountsBy", 2, "Counts[Map[#2, #1]] &" },
    { "PositionIndex", 1, "If[AssociationQ[#1], GroupBy[Normal[#1], Last -> First], "
                          "GroupBy[Transpose[{#1, Range[Length[#1]]}], First -> Last]] &" },
    /* ---- reshaping ---- */
    { "ArrayReshape", 2, "Fold[Partition[#1, #2] &, PadRight[Flatten[#1], Times @@ #2], Reverse[Rest[#2]]] &" },
    { "ArrayReshape", 3, "Fold[Partition[#1, #2] &, PadRight[Flatten[#1], Times @@ #2, #3], Reverse[Rest[#2]]] &" },
    { "Subdivide", 1, "Range[0, #1]/#1 &" },
    { "Subdivide", 2, "#1 Range[0, #2]/#2 &" },
    { "Subdivide", 3, "#1 + (#2 - #1) Range[0, #3]/#3 &" },
    { "Ratios", 1, "Rest[#1]/Most[#1] &" },
    { "DeleteAdjacentDuplicates", 1, "If[ListQ[#1], Map[First, Split[#1]], ly$uneval] &" },
    { "DeleteAdjacentDuplicates", 2, "If[ListQ[#1], Map[First, Split[#1, #2]], ly$uneval] &" },
    { "ListCorrelate", 2, "If[VectorQ[#1] && VectorQ[#2] && Length[#1] <= Length[#2], "
                          "Module[{ly$k}, Table[#1 . #2[[ly$k ;; ly$k + Length[#1] - 1]], {ly$k, Length[#2] - Length[#1] + 1}]], ly$uneval] &" },
    { "ListConvolve", 2, "If[VectorQ[#1] && VectorQ[#2] && Length[#1] <= Length[#2], ListCorrelate[Reverse[#1], #2], ly$uneval] &" },
    { "ArrayPad", 2, "ArrayPad[#1, #2, 0] &" },
    { "ArrayPad", 3, "Module[{ly$m = If[ListQ[#2], #2, {#2, #2}], ly$v = #3, ly$p}, "
                     "ly$p = Function[{ly$l, ly$f}, Join[Table[ly$f, ly$m[[1]]], ly$l, Table[ly$f, ly$m[[2]]]]]; "
                     "Which[VectorQ[#1], ly$p[#1, ly$v], MatrixQ[#1], "
                     "ly$p[Map[ly$p[#, ly$v] &, #1], Table[ly$v, Length[First[#1]] + Total[ly$m]]], True, ly$uneval]] &" },
    { "Operate", 2, "If[AtomQ[#2], #2, #1[Head[#2]] @@ #2] &" },
    { "MovingAverage", 2, "If[ListQ[#2], Map[#.#2/Total[#2] &, Partition[#1, Length[#2], 1]], "
                          "Map[Mean, Partition[#1, #2, 1]]] &" },
    { "MovingMap", 3, "Map[#1, Partition[#2, #3 + 1, 1]] &" },
    { "BlockMap", 3, "Map[#1, Partition[#2, #3]] &" },
    { "BlockMap", 4, "Map[#1, Partition[#2, #3, #4]] &" },
    { "Subsequences", 1, "Module[{ly$k}, Prepend[Flatten[Table[Partition[#1, ly$k, 1], {ly$k, 1, Length[#1]}], 1], {}]] &" },
    { "Subsequences", 2, "Module[{ly$k}, If[ListQ[#2], Flatten[Table[Partition[#1, ly$k, 1], {ly$k, #2[[1]], #2[[-1]]}], 1], "
                         "Prepend[Flatten[Table[Partition[#1, ly$k, 1], {ly$k, 1, Min[#2, Length[#1]]}], 1], {}]]] &" },
    { "FoldPairList", 3, "Module[{ly$f = #1, ly$s = #2, ly$r}, Map[(ly$r = ly$f[ly$s, #]; ly$s = ly$r[[2]]; ly$r[[1]]) &, #3]] &" },
    { "TakeList", 2, "Module[{ly$i = 0, ly$l = #1}, Map[(Module[{ly$k = #}, ly$i += ly$k; Take[ly$l, {ly$i - ly$k + 1, ly$i}]]) &, #2]] &" },
    /* ---- strings ---- */
    { "CharacterRange", 2, "FromCharacterCode /@ Range[First[ToCharacterCode[#1]], First[ToCharacterCode[#2]]] &" },
    { "Alphabet", 0, "CharacterRange[\"a\", \"z\"] &" },
    { "CharacterCounts", 1, "ReverseSort[Counts[Characters[#1]]] &" },
    { "LetterCounts", 1, "ReverseSort[Counts[Select[Characters[#1], LetterQ]]] &" },
    { "TextWords", 1, "If[StringQ[#1], StringCases[#1, RegularExpression[\"[\\\\p{L}\\\\p{N}]+(?:['\\\\x{2019}-][\\\\p{L}\\\\p{N}]+)*\"]], ly$uneval] &" },
    { "TextWords", 2, "If[StringQ[#1], Take[TextWords[#1], UpTo[#2]], ly$uneval] &" },
    { "WordCount", 1, "Length[StringCases[#1, (LetterCharacter | DigitCharacter | \"'\" | \"-\") ..]] &" },
    { "WordCounts", 1, "ReverseSort[Counts[StringCases[#1, (LetterCharacter | DigitCharacter | \"'\") ..]]] &" },
    /* ---- numbers ---- */
    { "IntegerReverse", 1, "FromDigits[Reverse[IntegerDigits[#1]]] &" },
    { "IntegerReverse", 2, "FromDigits[Reverse[IntegerDigits[#1, #2]], #2] &" },
    { "CoprimeQ", 2, "TrueQ[GCD[#1, #2] == 1] &" },
    { "Assert", 1, "Null &" },
    { "Assert", 2, "Null &" },
    { "DayOfWeek", 1, "DayName[#1] &" },
    { "Convergents", 1, "If[ListQ[#1], Module[{ly$k}, Table[FromContinuedFraction[Take[#1, ly$k]], {ly$k, Length[#1]}]], "
                        "Convergents[ContinuedFraction[#1]]] &" },
    { "Convergents", 2, "Convergents[ContinuedFraction[#1, #2]] &" },
    { "RankedMax", 2, "If[ListQ[#1] && IntegerQ[#2] && 1 <= Abs[#2] <= Length[#1], "
                      "If[#2 > 0, Sort[#1, Greater][[#2]], Sort[#1, Less][[-#2]]], ly$uneval] &" },
    { "RankedMin", 2, "If[ListQ[#1] && IntegerQ[#2] && 1 <= Abs[#2] <= Length[#1], "
                      "If[#2 > 0, Sort[#1, Less][[#2]], Sort[#1, Greater][[-#2]]], ly$uneval] &" },
    { "Divisible", 2, "Mod[#1, #2] == 0 &" },
    { "ModularInverse", 2, "PowerMod[#1, -1, #2] &" },
    { "PreviousPrime", 1, "NextPrime[#1, -1] &" },
    { "PreviousPrime", 2, "NextPrime[#1, -#2] &" },
    { "RandomPrime", 1, "Module[{ly$r = If[ListQ[#1], #1, {2, #1}]}, "
                        "Module[{ly$p, ly$k = 0}, While[ly$k++ < 100000 && !PrimeQ[ly$p = RandomInteger[ly$r]]]; If[PrimeQ[ly$p], ly$p, $Failed]]] &" },
    { "DigitCount", 1, "Module[{ly$d = IntegerDigits[#1]}, Module[{ly$k}, Table[Count[ly$d, Mod[ly$k, 10]], {ly$k, 1, 10}]]] &" },
    { "DigitCount", 2, "Module[{ly$d = IntegerDigits[#1, #2]}, Module[{ly$k}, Table[Count[ly$d, Mod[ly$k, #2]], {ly$k, 1, #2}]]] &" },
    { "DigitCount", 3, "Count[IntegerDigits[#1, #2], #3] &" },
    { "Multinomial", -1, "Total[{##}]!/Times @@ ({##}!) &" },
    { "CatalanNumber", 1, "Binomial[2 #1, #1]/(#1 + 1) &" },
    { "SquareFreeQ", 1, "IntegerQ[#1] && #1 != 0 && AllTrue[FactorInteger[#1], #[[2]] < 2 &] &" },
    { "PerfectNumberQ", 1, "IntegerQ[#1] && #1 > 0 && DivisorSigma[1, #1] == 2 #1 &" },
    { "FromContinuedFraction", 1, "Fold[#2 + 1/#1 &, Last[#1], Reverse[Most[#1]]] &" },
    /* ---- fitting ---- */
    { "LeastSquares", 2, "If[MatrixQ[#1] && ArrayQ[#2], LinearSolve[ConjugateTranspose[#1] . #1, ConjugateTranspose[#1] . #2], ly$uneval] &" },
    { "Fit", 3, "Module[{ly$d = Which[MatrixQ[#1] && Length[First[#1]] == 2, N[#1], VectorQ[#1], "
                "Transpose[{Range[Length[#1]], N[#1]}], True, ly$uneval], ly$f = Flatten[{#2}], ly$x = #3, ly$a}, "
                "If[ly$d === ly$uneval, ly$uneval, "
                "ly$a = Map[Function[ly$pt, ly$f /. ly$x -> ly$pt[[1]]], ly$d]; "
                "LeastSquares[ly$a, ly$d[[All, 2]]] . ly$f]] &" },
    /* ---- statistics ---- */
    { "GeometricMean", 1, "(Times @@ #1)^(1/Length[#1]) &" },
    { "HarmonicMean", 1, "Length[#1]/Total[1/#1] &" },
    { "RootMeanSquare", 1, "Sqrt[Total[Abs[#1]^2]/Length[#1]] &" },
    { "CentralMoment", 2, "Total[(#1 - Mean[#1])^#2]/Length[#1] &" },
    { "Moment", 2, "Total[#1^#2]/Length[#1] &" },
    { "Skewness", 1, "CentralMoment[#1, 3]/CentralMoment[#1, 2]^(3/2) &" },
    { "Kurtosis", 1, "CentralMoment[#1, 4]/CentralMoment[#1, 2]^2 &" },
    { "MeanDeviation", 1, "Mean[Abs[#1 - Mean[#1]]] &" },
    { "MedianDeviation", 1, "Median[Abs[#1 - Median[#1]]] &" },
    { "Covariance", 2, "Total[(#1 - Mean[#1]) Conjugate[#2 - Mean[#2]]]/(Length[#1] - 1) &" },
    { "Correlation", 2, "Covariance[#1, #2]/(StandardDeviation[#1] StandardDeviation[#2]) &" },
    { "Standardize", 1, "(#1 - Mean[#1])/StandardDeviation[#1] &" },
    { "Rescale", 1, "(#1 - Min[#1])/(Max[#1] - Min[#1]) &" },
    { "Rescale", 2, "(#1 - #2[[1]])/(#2[[2]] - #2[[1]]) &" },
    { "Rescale", 3, "#3[[1]] + (#3[[2]] - #3[[1]]) (#1 - #2[[1]])/(#2[[2]] - #2[[1]]) &" },
    { "Quantile", 2, "Quantile[#1, #2, {{0, 0}, {1, 0}}] &" },
    { "Quantile", 3, "Module[{ly$s = Sort[#1], ly$n = Length[#1], ly$a = #3[[1, 1]], ly$b = #3[[1, 2]], ly$c = #3[[2, 1]], ly$d = #3[[2, 2]], ly$f}, "
                     "ly$f = Function[ly$q, Module[{ly$x = ly$a + (ly$n + ly$b) ly$q, ly$lo, ly$hi}, ly$lo = ly$s[[Max[1, Min[ly$n, Floor[ly$x]]]]]; "
                     "ly$hi = ly$s[[Max[1, Min[ly$n, Ceiling[ly$x]]]]]; ly$lo + (ly$hi - ly$lo) (ly$c + ly$d FractionalPart[ly$x])]]; "
                     "If[ListQ[#2], Map[ly$f, #2], ly$f[#2]]] &" },
    { "Quartiles", 1, "Quantile[#1, {1/4, 1/2, 3/4}, {{1/2, 0}, {0, 1}}] &" },
    { "InterquartileRange", 1, "Module[{ly$q = Quartiles[#1]}, ly$q[[3]] - ly$q[[1]]] &" },
    { "BinCounts", 2, "If[ListQ[#2], BinCounts[#1, #2, 0], "
                      "Module[{ly$lo = #2 Floor[Min[#1]/#2]}, BinCounts[#1, {ly$lo, #2 (Floor[Max[#1]/#2] + 1), #2}]]] &" },
    { "BinCounts", 3, "Module[{ly$b = #2, ly$k, ly$c}, ly$c = Table[0, {Ceiling[(ly$b[[2]] - ly$b[[1]])/ly$b[[3]]]}]; "
                      "Scan[(ly$k = Floor[(# - ly$b[[1]])/ly$b[[3]]] + 1; If[1 <= ly$k <= Length[ly$c] && # < ly$b[[2]], ly$c[[ly$k]]++]) &, #1]; ly$c] &" },
    /* ---- distances, nearest ---- */
    { "EuclideanDistance", 2, "Norm[#1 - #2] &" },
    { "SquaredEuclideanDistance", 2, "Total[Abs[#1 - #2]^2] &" },
    { "ManhattanDistance", 2, "Total[Abs[#1 - #2]] &" },
    { "ChessboardDistance", 2, "Max[Abs[#1 - #2]] &" },
    { "HammingDistance", 2, "If[StringQ[#1] && StringQ[#2], "
                            "Count[Transpose[{Characters[#1], Characters[#2]}], {ly$a_, ly$b_} /; ly$a =!= ly$b], "
                            "Count[Transpose[{#1, #2}], {ly$a_, ly$b_} /; ly$a =!= ly$b]] &" },
    { "Nearest", 2, "Module[{ly$x = #2, ly$d, ly$k, ly$v}, "
                    "{ly$k, ly$v} = Which[AssociationQ[#1], {Values[#1], Keys[#1]}, "
                    "MatchQ[#1, _Rule], {#1[[1]], #1[[2]]}, "
                    "MatchQ[#1, {___Rule}], {#1[[All, 1]], #1[[All, 2]]}, True, {#1, #1}]; "
                    "ly$d = Map[Norm[# - ly$x] &, ly$k]; Pick[ly$v, ly$d, Min[ly$d]]] &" },
    { "Nearest", 3, "Module[{ly$x = #2, ly$k, ly$v, ly$o}, "
                    "{ly$k, ly$v} = Which[AssociationQ[#1], {Values[#1], Keys[#1]}, "
                    "MatchQ[#1, _Rule], {#1[[1]], #1[[2]]}, "
                    "MatchQ[#1, {___Rule}], {#1[[All, 1]], #1[[All, 2]]}, True, {#1, #1}]; "
                    "ly$o = Ordering[Map[Norm[# - ly$x] &, ly$k]]; ly$v[[Take[ly$o, UpTo[#3]]]]] &" },
    /* ---- precision of machine numbers ---- */
    { "Accuracy", 1, "With[{ly$c = Cases[{#}, ly$x_ /; InexactNumberQ[ly$x], {0, Infinity}]}, "
                     "If[ly$c === {}, Infinity, Min[Map[If[# == 0, 307.6526555685888, "
                     "$MachinePrecision - Log10[Abs[#]]] &, ly$c]]]] &" },
    { "SetAccuracy", 2, "If[#2 === Infinity, Rationalize[#1, 0], N[#1]] &" },
    /* ---- algebraic transformations ---- */
    { "PowerExpand", 1, "ReplaceRepeated[#, {Power[ly$p_Times, ly$c_] :> Times @@ Map[Power[#, ly$c] &, List @@ ly$p], "
                        "Power[Power[ly$a_, ly$b_], ly$c_] :> Power[ly$a, ly$b ly$c], "
                        "Log[ly$p_Times] :> Plus @@ Map[Log, List @@ ly$p], Log[Power[ly$a_, ly$b_]] :> ly$b Log[ly$a]}] &" },
    { "TrigToExp", 1, "ReplaceAll[#, {Sin[ly$x_] :> I/2 E^(-I ly$x) - I/2 E^(I ly$x), Cos[ly$x_] :> E^(-I ly$x)/2 + E^(I ly$x)/2, "
                      "Tan[ly$x_] :> I (E^(-I ly$x) - E^(I ly$x))/(E^(-I ly$x) + E^(I ly$x)), "
                      "Cot[ly$x_] :> -I (E^(-I ly$x) + E^(I ly$x))/(E^(-I ly$x) - E^(I ly$x)), "
                      "Sec[ly$x_] :> 2/(E^(-I ly$x) + E^(I ly$x)), Csc[ly$x_] :> -2 I/(E^(-I ly$x) - E^(I ly$x)), "
                      "Sinh[ly$x_] :> -E^(-ly$x)/2 + E^ly$x/2, Cosh[ly$x_] :> E^(-ly$x)/2 + E^ly$x/2, "
                      "Tanh[ly$x_] :> (E^ly$x - E^(-ly$x))/(E^ly$x + E^(-ly$x))}] &" },
    { "ComplexExpand", 1, "If[ListQ[#1], Map[ComplexExpand, #1], Module[{ly$ri, ly$mul}, "
                          "ly$mul[{ly$a_, ly$b_}, {ly$c_, ly$d_}] := {ly$a ly$c - ly$b ly$d, ly$a ly$d + ly$b ly$c}; "
                          "ly$ri[ly$z_?NumericQ] := {Re[ly$z], Im[ly$z]}; "
                          "ly$ri[ly$z_Symbol] := {ly$z, 0}; "
                          "ly$ri[ly$z_Plus] := Total[Map[ly$ri, List @@ ly$z]]; "
                          "ly$ri[ly$z_Times] := Fold[ly$mul, {1, 0}, Map[ly$ri, List @@ ly$z]]; "
                          "ly$ri[Power[E, ly$w_]] := With[{ly$r = ly$ri[ly$w]}, {E^ly$r[[1]] Cos[ly$r[[2]]], E^ly$r[[1]] Sin[ly$r[[2]]]}]; "
                          "ly$ri[Power[ly$z_, ly$n_Integer?Positive]] := Nest[ly$mul[#, ly$ri[ly$z]] &, {1, 0}, ly$n]; "
                          "ly$ri[Power[ly$z_, ly$n_Integer?Negative]] := With[{ly$r = ly$ri[Power[ly$z, -ly$n]]}, "
                          "{ly$r[[1]], -ly$r[[2]]}/(ly$r[[1]]^2 + ly$r[[2]]^2)]; "
                          "ly$ri[Power[ly$z_, 1/2]] := With[{ly$r = ly$ri[ly$z]}, If[ly$r[[2]] === 0, {Sqrt[ly$z], 0}, "
                          "With[{ly$m = Sqrt[ly$r[[1]]^2 + ly$r[[2]]^2]}, {Sqrt[(ly$m + ly$r[[1]])/2], Sign[ly$r[[2]]] Sqrt[(ly$m - ly$r[[1]])/2]}]]]; "
                          "ly$ri[Sin[ly$w_]] := With[{ly$r = ly$ri[ly$w]}, {Sin[ly$r[[1]]] Cosh[ly$r[[2]]], Cos[ly$r[[1]]] Sinh[ly$r[[2]]]}]; "
                          "ly$ri[Cos[ly$w_]] := With[{ly$r = ly$ri[ly$w]}, {Cos[ly$r[[1]]] Cosh[ly$r[[2]]], -Sin[ly$r[[1]]] Sinh[ly$r[[2]]]}]; "
                          "ly$ri[Sinh[ly$w_]] := With[{ly$r = ly$ri[ly$w]}, {Sinh[ly$r[[1]]] Cos[ly$r[[2]]], Cosh[ly$r[[1]]] Sin[ly$r[[2]]]}]; "
                          "ly$ri[Cosh[ly$w_]] := With[{ly$r = ly$ri[ly$w]}, {Cosh[ly$r[[1]]] Cos[ly$r[[2]]], Sinh[ly$r[[1]]] Sin[ly$r[[2]]]}]; "
                          "ly$ri[Abs[ly$w_]] := With[{ly$r = ly$ri[ly$w]}, {Sqrt[ly$r[[1]]^2 + ly$r[[2]]^2], 0}]; "
                          "ly$ri[Re[ly$w_]] := {ly$ri[ly$w][[1]], 0}; "
                          "ly$ri[Im[ly$w_]] := {ly$ri[ly$w][[2]], 0}; "
                          "ly$ri[Conjugate[ly$w_]] := {1, -1} ly$ri[ly$w]; "
                          "ly$ri[Arg[ly$w_]] := With[{ly$r = ly$ri[ly$w]}, {ArcTan[ly$r[[1]], ly$r[[2]]], 0}]; "
                          "ly$ri[ly$z_] := {ly$z, 0}; "
                          "With[{ly$r = ly$ri[#1]}, Expand[ly$r[[1]]] + I Expand[ly$r[[2]]]]]] &" },
    { "ExpToTrig", 1, "ReplaceAll[#, Power[E, ly$z_] :> With[{ly$w = Expand[-I ly$z]}, "
                      "If[FreeQ[ly$w, _Complex], Cos[ly$w] + I Sin[ly$w], Cosh[ly$z] + Sinh[ly$z]]]] &" },
    { "TrigExpand", 1, "Expand[ReplaceRepeated[#, {Sin[ly$s_Plus] :> Sin[First[ly$s]] Cos[Rest[ly$s]] + Cos[First[ly$s]] Sin[Rest[ly$s]], "
                       "Cos[ly$s_Plus] :> Cos[First[ly$s]] Cos[Rest[ly$s]] - Sin[First[ly$s]] Sin[Rest[ly$s]], "
                       "Sin[ly$n_Integer ly$x_] /; ly$n > 1 :> Sin[ly$x] Cos[(ly$n - 1) ly$x] + Cos[ly$x] Sin[(ly$n - 1) ly$x], "
                       "Cos[ly$n_Integer ly$x_] /; ly$n > 1 :> Cos[ly$x] Cos[(ly$n - 1) ly$x] - Sin[ly$x] Sin[(ly$n - 1) ly$x], "
                       "Sinh[ly$s_Plus] :> Sinh[First[ly$s]] Cosh[Rest[ly$s]] + Cosh[First[ly$s]] Sinh[Rest[ly$s]], "
                       "Cosh[ly$s_Plus] :> Cosh[First[ly$s]] Cosh[Rest[ly$s]] + Sinh[First[ly$s]] Sinh[Rest[ly$s]], "
                       "Sinh[ly$n_Integer ly$x_] /; ly$n > 1 :> Sinh[ly$x] Cosh[(ly$n - 1) ly$x] + Cosh[ly$x] Sinh[(ly$n - 1) ly$x], "
                       "Cosh[ly$n_Integer ly$x_] /; ly$n > 1 :> Cosh[ly$x] Cosh[(ly$n - 1) ly$x] + Sinh[ly$x] Sinh[(ly$n - 1) ly$x], "
                       "Tan[ly$x_] :> Sin[ly$x]/Cos[ly$x]}]] &" },
    { "TrigReduce", 1, "Together[Expand[ExpToTrig[Expand[TrigToExp[#]]]]] &" },
    /* ---- set predicates ---- */
    { "ContainsAll", 2, "Complement[#2, #1] === {} &" },
    { "ContainsAny", 2, "Intersection[#1, #2] =!= {} &" },
    { "ContainsNone", 2, "Intersection[#1, #2] === {} &" },
    { "ContainsOnly", 2, "Complement[#1, #2] === {} &" },
    { "ContainsExactly", 2, "Union[#1] === Union[#2] &" },
    { "SubsetQ", 2, "Complement[#2, #1] === {} &" },
    { "DisjointQ", 2, "Intersection[#1, #2] === {} &" },
    { "IntersectingQ", 2, "Intersection[#1, #2] =!= {} &" },
    { "PalindromeQ", 1, "Which[StringQ[#], # === StringReverse[#], IntegerQ[#], "
                        "IntegerDigits[#] === Reverse[IntegerDigits[#]], ListQ[#], # === Reverse[#], True, False] &" },
    /* ---- strings ---- */
    { "StringPartition", 2, "If[StringQ[#1], StringJoin /@ Partition[Characters[#1], #2], ly$uneval] &" },
    { "StringPartition", 3, "If[StringQ[#1], StringJoin /@ Partition[Characters[#1], #2, #3], ly$uneval] &" },
    { "StringReplacePart", 3, "Module[{ly$r = If[MatchQ[#3, {_Integer, _Integer}], {#3}, #3], ly$n, ly$len = StringLength[#1]}, "
                              "ly$r = Map[If[# < 0, ly$len + 1 + #, #] &, ly$r, {2}]; "
                              "ly$n = If[StringQ[#2], Table[#2, Length[ly$r]], #2]; "
                              "Fold[Function[{ly$a, ly$k}, StringTake[ly$a, ly$r[[ly$k, 1]] - 1] <> ly$n[[ly$k]] <> "
                              "StringDrop[ly$a, ly$r[[ly$k, 2]]]], #1, Reverse[Ordering[ly$r[[All, 1]]]]]] &" },
    { "LetterNumber", 1, "Which[ListQ[#], Map[LetterNumber, #], StringQ[#] && StringLength[#] == 1, "
                         "Module[{ly$c = ToCharacterCode[ToLowerCase[#]][[1]]}, If[97 <= ly$c <= 122, ly$c - 96, 0]], "
                         "StringQ[#], Map[LetterNumber, Characters[#]], True, ly$uneval] &" },
    { "FromLetterNumber", 1, "Which[ListQ[#], Map[FromLetterNumber, #], IntegerQ[#] && 1 <= Abs[#] <= 26, "
                             "FromCharacterCode[96 + If[# > 0, #, 27 + #]], IntegerQ[#], Missing[\"NotAvailable\"], True, ly$uneval] &" },
    /* ---- complex parts ---- */
    { "ReIm", 1, "If[ListQ[#], Map[ReIm, #], {Re[#], Im[#]}] &" },
    { "AbsArg", 1, "If[ListQ[#], Map[AbsArg, #], {Abs[#], Arg[#]}] &" },
    /* ---- integer functions ---- */
    { "Subfactorial", 1, "Which[ListQ[#], Map[Subfactorial, #], IntegerQ[#] && # >= 0, "
                         "Sum[(-1)^ly$k #!/ly$k!, {ly$k, 0, #}], NumericQ[#] && !ExactNumberQ[#], N[Gamma[# + 1, -1]/E], True, ly$uneval] &" },
    { "FactorialPower", 2, "If[IntegerQ[#2] && #2 >= 0 && NumericQ[#1], Product[#1 - ly$k, {ly$k, 0, #2 - 1}], ly$uneval] &" },
    { "PrimePowerQ", 1, "If[ListQ[#], Map[PrimePowerQ, #], If[IntegerQ[#] && Abs[#] > 1, Length[FactorInteger[Abs[#]]] == 1, False]] &" },
    { "DivisorSum", 2, "Total[Map[#2, Divisors[#1]]] &" },
    { "DivisorSum", 3, "Total[Map[#2, Select[Divisors[#1], #3]]] &" },
    { "PowerRange", 1, "PowerRange[1, #, 10] &" },
    { "PowerRange", 2, "PowerRange[#1, #2, 10] &" },
    { "PowerRange", 3, "Module[{ly$r = #3, ly$b = #2}, NestWhileList[ly$r # &, #1, "
                       "If[Abs[ly$r] >= 1, Abs[ly$r #] <= Abs[ly$b], Abs[ly$r #] >= Abs[ly$b]] &]] &" },
    { "IntegerLog", 2, "If[IntegerQ[#1] && IntegerQ[#2] && #1 > 0 && #2 > 1, "
                       "Module[{ly$k = 0, ly$m = #1}, While[ly$m >= #2, ly$m = Quotient[ly$m, #2]; ly$k++]; ly$k], ly$uneval] &" },
    { "BitGet", 2, "If[IntegerQ[#1] && IntegerQ[#2] && #2 >= 0, BitAnd[BitShiftRight[#1, #2], 1], ly$uneval] &" },
    { "BitSet", 2, "If[IntegerQ[#1] && IntegerQ[#2] && #2 >= 0, BitOr[#1, 2^#2], ly$uneval] &" },
    { "BitClear", 2, "If[IntegerQ[#1] && IntegerQ[#2] && #2 >= 0, BitAnd[#1, BitNot[2^#2]], ly$uneval] &" },
    { "Sinc", 1, "Which[ListQ[#], Map[Sinc, #], # === 0, 1, # == 0, 1., NumericQ[#], Sin[#]/#, True, ly$uneval] &" },
    /* ---- orthogonal polynomials (integer degree) ---- */
    { "ChebyshevT", 2, "If[IntegerQ[#1] && #1 >= 0, Module[{ly$a = 1, ly$b = #2, ly$c}, "
                       "If[#1 == 0, 1, Do[ly$c = Expand[2 #2 ly$b - ly$a]; ly$a = ly$b; ly$b = ly$c, {#1 - 1}]; ly$b]], ly$uneval] &" },
    { "ChebyshevU", 2, "If[IntegerQ[#1] && #1 >= 0, Module[{ly$a = 1, ly$b = 2 #2, ly$c}, "
                       "If[#1 == 0, 1, Do[ly$c = Expand[2 #2 ly$b - ly$a]; ly$a = ly$b; ly$b = ly$c, {#1 - 1}]; ly$b]], ly$uneval] &" },
    { "LegendreP", 2, "If[IntegerQ[#1] && #1 >= 0, Module[{ly$a = 1, ly$b = #2, ly$c}, "
                      "If[#1 == 0, 1, Do[ly$c = Expand[((2 ly$k + 1) #2 ly$b - ly$k ly$a)/(ly$k + 1)]; ly$a = ly$b; ly$b = ly$c, {ly$k, 1, #1 - 1}]; "
                      "If[NumericQ[#2], ly$b, With[{ly$d = LCM @@ Denominator[Flatten[{CoefficientList[ly$b, #2]}]]}, "
                      "If[ly$d == 1, ly$b, Times[1/ly$d, Expand[ly$d ly$b]]]]]]], ly$uneval] &" },
    { "HermiteH", 2, "If[IntegerQ[#1] && #1 >= 0, Module[{ly$a = 1, ly$b = 2 #2, ly$c}, "
                     "If[#1 == 0, 1, Do[ly$c = Expand[2 #2 ly$b - 2 ly$k ly$a]; ly$a = ly$b; ly$b = ly$c, {ly$k, 1, #1 - 1}]; ly$b]], ly$uneval] &" },
    { "LaguerreL", 2, "If[IntegerQ[#1] && #1 >= 0, Module[{ly$a = 1, ly$b = 1 - #2, ly$c}, "
                      "If[#1 == 0, 1, Do[ly$c = Expand[((2 ly$k + 1 - #2) ly$b - ly$k ly$a)/(ly$k + 1)]; ly$a = ly$b; ly$b = ly$c, {ly$k, 1, #1 - 1}]; "
                      "If[NumericQ[#2], ly$b, With[{ly$d = LCM @@ Denominator[Flatten[{CoefficientList[ly$b, #2]}]]}, "
                      "If[ly$d == 1, ly$b, Times[1/ly$d, Expand[ly$d ly$b]]]]]]], ly$uneval] &" },
    { NULL, 0, NULL }
};

/* every table of bodies: this file's, then those of derived_*.c */
static const Derived *const tables[] = { derived, lys_derived_lists, lys_derived_math };
#define NTABLES (sizeof tables / sizeof tables[0])

static const Derived *find(const char *name, int nargs, bool *known) {
    *known = false;
    for (size_t t = 0; t < NTABLES; t++)
        for (const Derived *d = tables[t]; d->name; d++) {
            if (strcmp(d->name, name)) continue;
            *known = true;
            if (d->nargs == nargs || d->nargs < 0) return d;
        }
    return NULL;
}

static LyExpr b_derived(LyVM *vm, LyExpr e) {
    LyExpr h = ly_nhead(e);
    if (!ly_is_sym(h)) return NULL;
    size_t n = ly_nlen(e);
    if (n >= 1 && ly_is_normal(ly_narg(e, 1))) {
        /* Quantile, Quartiles, ... of a distribution */
        LyExpr r = lys_dist_call(vm, e);
        if (r || ly_unwinding(vm) || lys_is_dist(ly_narg(e, 1))) return r;
    }
    bool known;
    const Derived *d = find(ly_sym(h)->name, (int)n, &known);
    if (!d) {
        /* the argument-count message for the counts this name takes */
        size_t lo = SIZE_MAX, hi = 0;
        for (size_t t = 0; t < NTABLES; t++)
            for (const Derived *x = tables[t]; x->name; x++)
                if (!strcmp(x->name, ly_sym(h)->name) && x->nargs >= 0) {
                    if ((size_t)x->nargs < lo) lo = (size_t)x->nargs;
                    if ((size_t)x->nargs > hi) hi = (size_t)x->nargs;
                }
        if (lo <= hi && (n < lo || n > hi)) lys_argc(vm, e, lo, hi);
        return NULL;
    }
    if (d->nargs < 0 && n == 0) return NULL;
    LyExpr fn = NULL;
    if (ly_parse_library(vm, d->body, strlen(d->body), ly_sym(h)->name, &fn) != LY_OK) {
        return ly_unwinding(vm) ? NULL : ly_raise_nomem(vm);
    }
    LyExpr body = ly_apply_function(vm, fn, n, ly_nargs(e));
    ly_unref(vm, fn);
    LyExpr r = body ? lys_eval_steal(vm, body) : NULL;
    /* a body gives ly$uneval to leave the call as it is */
    if (r && ly_is_symbol(r, "ly$uneval")) { ly_unref(vm, r); return NULL; }
    return r;
}

/* One table row per name; the usage texts. */
static const LysUsage usages[] = {
    { "SelectFirst", "SelectFirst[{e1, e2, ...}, crit] gives the first ei for which crit[ei] is True, or Missing[\"NotFound\"] if none is found.\nSelectFirst[list, crit, default] gives default if there is no ei such that crit[ei] is True." },
    { "FirstPosition", "FirstPosition[expr, pattern] gives the position of the first element in expr that matches pattern, or Missing[\"NotFound\"] if no such element is found.\nFirstPosition[expr, pattern, default] gives default if no element matching pattern is found." },
    { "FirstCase", "FirstCase[{e1, e2, ...}, pattern] gives the first ei to match pattern, or Missing[\"NotFound\"] if none matching pattern is found.\nFirstCase[{e1, ...}, pattern -> rhs] gives the value of rhs corresponding to the first ei to match pattern.\nFirstCase[expr, pattern, default] gives default if no element matching pattern is found." },
    { "TakeLargest", "TakeLargest[list, n] gives the n largest elements of list, sorted in descending order." },
    { "TakeSmallest", "TakeSmallest[list, n] gives the n smallest elements of list, sorted in ascending order." },
    { "TakeLargestBy", "TakeLargestBy[list, f, n] gives the n elements ei of list for which f[ei] is largest, sorted in descending order." },
    { "TakeSmallestBy", "TakeSmallestBy[list, f, n] gives the n elements ei of list for which f[ei] is smallest, sorted in ascending order." },
    { "MaximalBy", "MaximalBy[{e1, e2, ...}, f] returns a list of the ei for which the value of f[ei] is maximal." },
    { "MinimalBy", "MinimalBy[{e1, e2, ...}, f] returns a list of the ei for which the value of f[ei] is minimal." },
    { "ReverseSort", "ReverseSort[list] sorts the elements of list into reverse canonical order.\nReverseSort[list, p] sorts using the ordering function p, reversed." },
    { "ReverseSortBy", "ReverseSortBy[list, f] sorts the elements of list in the order defined by applying f to each of them, reversed." },
    { "SparseArray", "SparseArray[{pos1 -> v1, pos2 -> v2, ...}] yields an array with values vi at positions posi.\n"
                     "SparseArray[rules, dims] yields an array of dimensions dims; SparseArray[rules, dims, val] has default value val.\n"
                     "(Lyra gives the array in ordinary dense form.)" },
    { "LeapYearQ", "LeapYearQ[year] gives True if year is a leap year in the Gregorian calendar, and False otherwise.\nLeapYearQ[{y, m, d}] tests the year of a date list." },
    { "KeySortBy", "KeySortBy[assoc, f] sorts the elements of assoc by the order of the results of applying f to their keys." },
    { "KeyFreeQ", "KeyFreeQ[assoc, form] yields True if no key in the association assoc matches form, and False otherwise." },
    { "KeyMemberQ", "KeyMemberQ[assoc, form] yields True if a key in the association assoc matches form, and False otherwise." },
    { "DeleteDuplicatesBy", "DeleteDuplicatesBy[{e1, e2, ...}, f] deletes those ei that yield duplicates in the list {f[e1], f[e2], ...}." },
    { "CountsBy", "CountsBy[{e1, e2, ...}, f] gives an association whose keys are the distinct values of the f[ei], and whose values give the number of times those f[ei] values appear." },
    { "PositionIndex", "PositionIndex[list] gives an association of the positions at which each distinct value occurs in list." },
    { "ArrayReshape", "ArrayReshape[list, dims] arranges the elements of list into a rectangular array with dimensions dims.\nArrayReshape[list, dims, padding] uses padding if list has too few elements." },
    { "Subdivide", "Subdivide[n] generates the list {0, 1/n, 2/n, ..., 1}.\nSubdivide[xmax, n] generates the list of values obtained by subdividing the interval 0 to xmax into n equal parts.\nSubdivide[xmin, xmax, n] subdivides the interval xmin to xmax into n equal parts." },
    { "Ratios", "Ratios[list] gives the successive ratios of elements in list." },
    { "Assert", "Assert[test] represents the assertion that test is True (assertions are off, as by default in Wolfram: it gives Null)." },
    { "ComplexExpand", "ComplexExpand[expr] expands expr assuming that all variables are real." },
    { "DayOfWeek", "DayOfWeek[date] gives the day of the week on which date occurs." },
    { "Convergents", "Convergents[list] gives a list of the convergents corresponding to the continued fraction terms list.\nConvergents[x, n] gives the first n convergents for the number x." },
    { "DeleteAdjacentDuplicates", "DeleteAdjacentDuplicates[list] deletes all duplicates in runs of identical elements in list.\nDeleteAdjacentDuplicates[list, test] applies test to pairs of consecutive elements to determine whether they should be considered duplicates." },
    { "ListCorrelate", "ListCorrelate[ker, list] forms the correlation of the kernel ker with list." },
    { "ListConvolve", "ListConvolve[ker, list] forms the convolution of the kernel ker with list." },
    { "ArrayPad", "ArrayPad[array, m] gives an array with m zeros of padding on every side.\nArrayPad[array, m, padding] uses the specified padding.\nArrayPad[array, {m, n}, ...] pads with m elements at the beginning and n at the end." },
    { "Operate", "Operate[p, f[x, y]] gives p[f][x, y]." },
    { "RankedMax", "RankedMax[list, n] gives the nth largest element in list." },
    { "RankedMin", "RankedMin[list, n] gives the nth smallest element in list." },
    { "TextWords", "TextWords[\"string\"] gives a list of the words in string.\nTextWords[\"string\", n] gives the first n words in string." },
    { "LeastSquares", "LeastSquares[m, b] finds an x that solves the linear least-squares problem for the matrix equation m.x == b." },
    { "Fit", "Fit[data, {f1, ..., fn}, {x, y, ...}] finds a fit a1 f1 + ... + an fn to a list of data for functions f1, ..., fn of variables {x, y, ...}." },
    { "MovingAverage", "MovingAverage[list, r] gives the moving average of list, computed by averaging runs of r elements.\nMovingAverage[list, {w1, w2, ...}] gives the moving average with weights wi." },
    { "MovingMap", "MovingMap[f, data, w] applies f to size w windows in the specified data." },
    { "BlockMap", "BlockMap[f, list, n] applies f to non-overlapping sublists of length n in list.\nBlockMap[f, list, n, d] applies f to sublists with offset d." },
    { "Subsequences", "Subsequences[list] gives the list of all possible subsequences of list.\nSubsequences[list, n] gives subsequences containing at most n elements.\nSubsequences[list, {nmin, nmax}] gives subsequences containing between nmin and nmax elements." },
    { "FoldPairList", "FoldPairList[f, y0, list] gives the list of successive xi obtained by applying f to pairs of the form {yi, list[[i]]}, where f returns {xi, y(i+1)}." },
    { "TakeList", "TakeList[list, {n1, n2, ...}] gives the list of results obtained by successively taking ni elements from list." },
    { "CharacterRange", "CharacterRange[c1, c2] yields a list of the characters in the range from \"c1\" to \"c2\"." },
    { "Alphabet", "Alphabet[] gives a list of the lowercase letters a through z in the English alphabet." },
    { "CharacterCounts", "CharacterCounts[\"string\"] gives an association whose keys are the distinct characters in string, and whose values give the number of times those characters appear in string." },
    { "LetterCounts", "LetterCounts[\"string\"] gives an association whose keys are the distinct letters in string, and whose values give the number of times those letters appear in string." },
    { "WordCount", "WordCount[\"string\"] gives the total number of words in string." },
    { "WordCounts", "WordCounts[\"string\"] gives an association whose keys are the distinct words identified in string, and whose values give the number of times those words appear in string." },
    { "IntegerReverse", "IntegerReverse[n] gives the integer whose digits are reversed with respect to those of the integer n.\nIntegerReverse[n, b] gives the integer whose digits in base b are reversed." },
    { "CoprimeQ", "CoprimeQ[n1, n2] yields True if n1 and n2 are relatively prime, and yields False otherwise." },
    { "Divisible", "Divisible[n, m] yields True if n is divisible by m, and yields False if it is not." },
    { "ModularInverse", "ModularInverse[k, n] gives the modular inverse of k modulo n." },
    { "PreviousPrime", "PreviousPrime[x] gives the largest prime below x.\nPreviousPrime[x, k] gives the kth prime below x." },
    { "RandomPrime", "RandomPrime[{imin, imax}] gives a pseudorandom prime number in the range imin to imax.\nRandomPrime[imax] gives a pseudorandom prime number in the range 2 to imax." },
    { "DigitCount", "DigitCount[n, b, d] gives the number of d digits in the base-b representation of n.\nDigitCount[n] gives a list of the numbers of 1, 2, ..., 9, 0 digits in the base-10 representation of n." },
    { "Multinomial", "Multinomial[n1, n2, ...] gives the multinomial coefficient (n1 + n2 + ...)!/(n1! n2! ...)." },
    { "CatalanNumber", "CatalanNumber[n] gives the nth Catalan number." },
    { "SquareFreeQ", "SquareFreeQ[n] gives True if n is a square-free integer, and False otherwise." },
    { "PerfectNumberQ", "PerfectNumberQ[n] returns True if n is a perfect number, and False otherwise." },
    { "FromContinuedFraction", "FromContinuedFraction[{a1, a2, a3, ...}] reconstructs a number from the list of its continued fraction terms." },
    { "GeometricMean", "GeometricMean[list] gives the geometric mean of the values in list." },
    { "HarmonicMean", "HarmonicMean[list] gives the harmonic mean of the values in list." },
    { "RootMeanSquare", "RootMeanSquare[list] gives the root mean square of values in list." },
    { "CentralMoment", "CentralMoment[list, r] gives the rth central moment of the elements in list with respect to their mean." },
    { "Moment", "Moment[list, r] gives the rth moment of the elements in list." },
    { "Skewness", "Skewness[list] gives the coefficient of skewness for the elements in list." },
    { "Kurtosis", "Kurtosis[list] gives the coefficient of kurtosis for the elements in list." },
    { "MeanDeviation", "MeanDeviation[list] gives the mean absolute deviation from the mean of the elements in list." },
    { "MedianDeviation", "MedianDeviation[list] gives the median absolute deviation from the median of the elements in list." },
    { "Covariance", "Covariance[v1, v2] gives the covariance between the vectors v1 and v2." },
    { "Correlation", "Correlation[v1, v2] gives the correlation between the vectors v1 and v2." },
    { "Standardize", "Standardize[list] shifts and rescales the elements of list to have zero mean and unit sample variance." },
    { "Rescale", "Rescale[x, {min, max}] gives x rescaled to run from 0 to 1 over the range min to max.\nRescale[list] rescales each element of list to run from 0 to 1 over the range of the list." },
    { "Quantile", "Quantile[list, q] gives the qth quantile of list.\nQuantile[list, {q1, q2, ...}] gives a list of quantiles.\nQuantile[list, q, {{a, b}, {c, d}}] uses the quantile definition specified by parameters a, b, c, d." },
    { "Quartiles", "Quartiles[list] gives a list of the 1/4, 1/2 and 3/4 quantiles of the elements in list." },
    { "InterquartileRange", "InterquartileRange[list] gives the difference between the upper and lower quartiles for the elements in list." },
    { "BinCounts", "BinCounts[{x1, x2, ...}, dx] counts the number of elements xi in successive bins of width dx.\nBinCounts[list, {xmin, xmax, dx}] counts the elements in bins [xmin + (i - 1) dx, xmin + i dx)." },
    { "EuclideanDistance", "EuclideanDistance[u, v] gives the Euclidean distance between vectors u and v." },
    { "SquaredEuclideanDistance", "SquaredEuclideanDistance[u, v] gives the squared Euclidean distance between vectors u and v." },
    { "ManhattanDistance", "ManhattanDistance[u, v] gives the Manhattan or \"city block\" distance between vectors u and v." },
    { "ChessboardDistance", "ChessboardDistance[u, v] gives the chessboard, Chebyshev, or sup norm distance between vectors u and v." },
    { "HammingDistance", "HammingDistance[u, v] gives the Hamming distance between strings or vectors u and v." },
    { "Nearest", "Nearest[{elem1, elem2, ...}, x] gives the list of elemi to which x is nearest.\nNearest[list, x, n] gives the n nearest elemi to x." },
    { "Accuracy", "Accuracy[x] gives the effective number of digits to the right of the decimal point in the number x." },
    { "SetAccuracy", "SetAccuracy[expr, a] yields a version of expr in which all numbers have been set to have accuracy a." },
    { "PowerExpand", "PowerExpand[expr] expands all powers of products and powers." },
    { "TrigToExp", "TrigToExp[expr] converts trigonometric functions in expr to exponentials." },
    { "ExpToTrig", "ExpToTrig[expr] converts exponentials in expr to trigonometric functions." },
    { "TrigExpand", "TrigExpand[expr] expands out trigonometric functions in expr." },
    { "TrigReduce", "TrigReduce[expr] rewrites products and powers of trigonometric functions in expr in terms of trigonometric functions with combined arguments." },
    { "ContainsAll", "ContainsAll[e, {e1, e2, ...}] yields True if e contains all of the ei." },
    { "ContainsAny", "ContainsAny[e, {e1, e2, ...}] yields True if e contains any of the ei." },
    { "ContainsNone", "ContainsNone[e, {e1, e2, ...}] yields True if e contains none of the ei." },
    { "ContainsOnly", "ContainsOnly[e1, e2] yields True if e1 contains only elements that appear in e2." },
    { "ContainsExactly", "ContainsExactly[e1, e2] yields True if e1 contains exactly the same elements as e2." },
    { "SubsetQ", "SubsetQ[list1, list2] yields True if list2 is a subset of list1, and False otherwise." },
    { "DisjointQ", "DisjointQ[list1, list2] yields True if list1 and list2 have no elements in common, and False otherwise." },
    { "IntersectingQ", "IntersectingQ[list1, list2] yields True if list1 and list2 have at least one element in common, and False otherwise." },
    { "PalindromeQ", "PalindromeQ[list] returns True if the given list is identical to Reverse[list], and False otherwise.\nPalindromeQ[n] returns True if the integer n is identical to IntegerReverse[n], and False otherwise.\nPalindromeQ[\"string\"] returns True if the given string is identical to StringReverse[\"string\"], and False otherwise." },
    { "StringPartition", "StringPartition[\"string\", n] partitions a string into nonoverlapping substrings of length n.\nStringPartition[\"string\", n, d] generates substrings with offset d." },
    { "StringReplacePart", "StringReplacePart[\"string\", \"snew\", {m, n}] replaces the characters at positions m through n in \"string\" by \"snew\".\nStringReplacePart[\"string\", \"snew\", {{m1, n1}, {m2, n2}, ...}] inserts copies of \"snew\" at several positions.\nStringReplacePart[\"string\", {\"snew1\", \"snew2\", ...}, {{m1, n1}, {m2, n2}, ...}] replaces characters at positions mi through ni in \"string\" by \"snewi\"." },
    { "LetterNumber", "LetterNumber[\"c\"] gives the position of the character c in the English alphabet.\nLetterNumber[\"string\"] gives a list of alphabet positions for characters in string." },
    { "FromLetterNumber", "FromLetterNumber[n] gives the lowercase letter at position n in the English alphabet." },
    { "ReIm", "ReIm[z] gives the list {Re[z], Im[z]} of the number z." },
    { "AbsArg", "AbsArg[z] gives the list {Abs[z], Arg[z]} of the number z." },
    { "Subfactorial", "Subfactorial[n] gives the number of permutations of n objects that leave no object fixed." },
    { "FactorialPower", "FactorialPower[x, n] gives the factorial power x^(n)." },
    { "PrimePowerQ", "PrimePowerQ[expr] yields True if expr is a power of a prime, and yields False otherwise." },
    { "DivisorSum", "DivisorSum[n, form] represents the sum of form[i] for all i that divide n.\nDivisorSum[n, form, cond] includes only those divisors for which cond[i] gives True." },
    { "PowerRange", "PowerRange[b] generates the list {1, 10, 100, ..., max}, where max is the largest power of 10 that does not exceed b.\nPowerRange[a, b] generates the list {a, 10 a, 100 a, ..., max}.\nPowerRange[a, b, r] generates the list {a, a r, a r^2, ..., max}." },
    { "IntegerLog", "IntegerLog[n, b] gives the integer k such that b^k <= n < b^(k + 1)." },
    { "BitGet", "BitGet[n, k] gets the bit with index k in the integer n." },
    { "BitSet", "BitSet[n, k] sets to 1 the bit with index k in the integer n." },
    { "BitClear", "BitClear[n, k] sets to 0 the bit with index k in the integer n." },
    { "Sinc", "Sinc[z] gives Sin[z]/z." },
    { "ChebyshevT", "ChebyshevT[n, x] gives the Chebyshev polynomial of the first kind T_n(x)." },
    { "ChebyshevU", "ChebyshevU[n, x] gives the Chebyshev polynomial of the second kind U_n(x)." },
    { "LegendreP", "LegendreP[n, x] gives the Legendre polynomial P_n(x)." },
    { "HermiteH", "HermiteH[n, x] gives the Hermite polynomial H_n(x)." },
    { "LaguerreL", "LaguerreL[n, x] gives the Laguerre polynomial L_n(x)." },
    { NULL, NULL }
};

LyStatus lys_open_derived(LyVM *vm);
LyStatus lys_open_derived(LyVM *vm) {
    static const LysUsage *const all[] = { usages, lys_usages_lists, lys_usages_math };
    for (size_t t = 0; t < sizeof all / sizeof all[0]; t++)
        for (const LysUsage *u = all[t]; u->name; u++) {
            LyStatus st = ly_register(vm, u->name, b_derived, "Protected", u->usage);
            if (st != LY_OK) return st;
        }
    LyStatus st = lys_open_derived_lists(vm);
    return st != LY_OK ? st : lys_open_derived_math(vm);
}
