/*
 * derived_lists.c — more builtins with a Wolfram-language body (the
 * mechanism is derived.c's): lists and associations (TakeDrop,
 * DeleteMissing, CountDistinct, ReplaceAt, FlattenAt, KeyUnion,
 * KeyIntersection, KeyComplement, JoinAcross, LinearRecurrence), functional
 * forms (Comap, ComposeList, Curry, OperatorApplied, CurryApplied,
 * ReverseApplied, EchoFunction), permutations (Signature, PermutationCycles,
 * PermutationList, Permute, InversePermutation, FindPermutation), Boolean
 * tables (BooleanTable, TautologyQ, SatisfiableQ, Equivalent) and StringPart.
 * Written against lyra.h + lyra_ext.h.
 *
 * The operator forms that take their arguments in several brackets
 * (OperatorApplied[f][y][x]) are sub-values, defined in Wolfram language
 * when the library opens.
 */
#include <string.h>
#include "lys_data.h"

const LysDerived lys_derived_lists[] = {
    /* ---- lists ---- */
    { "TakeDrop", 2, "If[ListQ[#1], {Take[#1, #2], Drop[#1, #2]}, ly$uneval] &" },
    { "TakeDrop", 3, "If[ListQ[#1], {Take[#1, #2, #3], Drop[#1, #2, #3]}, ly$uneval] &" },
    { "DeleteMissing", 1, "DeleteCases[#1, _Missing] &" },
    { "DeleteMissing", 2, "DeleteCases[#1, _Missing, #2] &" },
    { "CountDistinct", 1, "If[ListQ[#1], Length[DeleteDuplicates[#1]], ly$uneval] &" },
    { "CountDistinct", 2, "If[ListQ[#1], Length[DeleteDuplicates[#1, #2]], ly$uneval] &" },
    { "ReplaceAt", 3, "MapAt[Function[ly$x, Replace[ly$x, #2]], #1, #3] &" },
    { "FlattenAt", 2, "Module[{ly$l = #1, ly$ps = Which[IntegerQ[#2], {{#2}}, VectorQ[#2, IntegerQ], {#2}, True, #2]}, "
                      "ReplacePart[ly$l, Map[Function[ly$p, ly$p -> If[AtomQ[Extract[ly$l, ly$p]], Extract[ly$l, ly$p], "
                      "Apply[Sequence, Extract[ly$l, ly$p]]]], ly$ps]]] &" },
    { "LinearRecurrence", 3,
      "If[!(VectorQ[#1] && VectorQ[#2] && Length[#1] == Length[#2] >= 1), ly$uneval, "
      "Module[{ly$k = Reverse[#1], ly$d = Length[#1], ly$to = Which[IntegerQ[#3], #3, MatchQ[#3, {_Integer}], #3[[1]], "
      "MatchQ[#3, {_Integer, _Integer}], #3[[2]], True, -1], ly$l}, "
      "If[ly$to < 0, ly$uneval, "
      "ly$l = Join[#2, ConstantArray[0, Max[0, ly$to - ly$d]]]; "
      "Do[ly$l[[ly$i]] = ly$k . ly$l[[ly$i - ly$d ;; ly$i - 1]], {ly$i, ly$d + 1, ly$to}]; "
      "ly$l = Take[ly$l, ly$to]; "
      "Which[IntegerQ[#3], ly$l, Length[#3] == 1, ly$l[[-1]], True, ly$l[[#3[[1]] ;; #3[[2]]]]]]]] &" },
    /* ---- associations ---- */
    { "KeyUnion", 1, "KeyUnion[#1, Function[ly$q, Missing[\"KeyAbsent\", ly$q]]] &" },
    { "KeyUnion", 2, "If[!VectorQ[#1, AssociationQ], ly$uneval, "
                     "Module[{ly$k = DeleteDuplicates[Join @@ Map[Keys, #1]], ly$f = #2}, "
                     "Map[Function[ly$a, Association[Map[Function[ly$q, ly$q -> If[KeyExistsQ[ly$a, ly$q], ly$a[ly$q], ly$f[ly$q]]], ly$k]]], #1]]] &" },
    { "KeyIntersection", 1, "If[!VectorQ[#1, AssociationQ], ly$uneval, If[#1 === {}, {}, "
                            "Module[{ly$l = #1, ly$k}, ly$k = Select[Keys[First[ly$l]], Function[ly$q, AllTrue[ly$l, KeyExistsQ[#, ly$q] &]]]; "
                            "Map[KeyTake[#, ly$k] &, ly$l]]]] &" },
    { "KeyComplement", 1, "If[!VectorQ[#1, AssociationQ] || #1 === {}, ly$uneval, "
                          "KeyDrop[First[#1], Join @@ Map[Keys, Rest[#1]]]] &" },
    { "JoinAcross", 3, "If[!(VectorQ[#1, AssociationQ] && VectorQ[#2, AssociationQ]), ly$uneval, "
                       "Module[{ly$q = If[MatchQ[#3, _Key], First[#3], #3]}, "
                       "Join @@ Map[Function[ly$x, Join @@ Map[Function[ly$y, If[KeyExistsQ[ly$x, ly$q] && KeyExistsQ[ly$y, ly$q] && "
                       "ly$x[ly$q] === ly$y[ly$q], {Join[ly$x, ly$y]}, {}]], #2]], #1]]] &" },
    /* ---- functional ---- */
    { "Distribute", 1, "Distribute[#1, Plus] &" },
    { "Distribute", 2, "If[AtomQ[#1], #1, Module[{ly$l = Map[Function[ly$a, If[Head[ly$a] === #2, List @@ ly$a, {ly$a}]], List @@ #1]}, "
                       "#2 @@ Map[Function[ly$t, Head[#1] @@ ly$t], Tuples[ly$l]]]] &" },
    { "Distribute", 3, "If[AtomQ[#1] || Head[#1] =!= #3, #1, Distribute[#1, #2]] &" },
    { "Comap", 2, "Map[Function[ly$f, ly$f[#2]], #1] &" },
    { "ComposeList", 2, "FoldList[Function[{ly$a, ly$f}, ly$f[ly$a]], #2, #1] &" },
    /* ---- permutations ---- */
    { "Signature", 1, "If[!ListQ[#1], ly$uneval, If[Length[DeleteDuplicates[#1]] < Length[#1], 0, "
                      "Module[{ly$s = 1, ly$l = #1, ly$n = Length[#1]}, "
                      "Do[If[Order[ly$l[[ly$i]], ly$l[[ly$j]]] < 0, ly$s = -ly$s], {ly$i, ly$n}, {ly$j, ly$i + 1, ly$n}]; ly$s]]] &" },
    { "PermutationCycles", 1, "If[!(VectorQ[#1, IntegerQ] && Sort[#1] === Range[Length[#1]]), ly$uneval, "
                              "Module[{ly$p = #1, ly$seen = ConstantArray[False, Length[#1]], ly$c = {}, ly$cy, ly$j}, "
                              "Do[If[!ly$seen[[ly$i]] && ly$p[[ly$i]] != ly$i, ly$cy = {}; ly$j = ly$i; "
                              "While[!ly$seen[[ly$j]], ly$seen[[ly$j]] = True; AppendTo[ly$cy, ly$j]; ly$j = ly$p[[ly$j]]]; "
                              "AppendTo[ly$c, ly$cy]], {ly$i, Length[ly$p]}]; Cycles[ly$c]]] &" },
    { "PermutationList", 1, "If[MatchQ[#1, Cycles[{{___Integer}...}]], PermutationList[#1, Max[0, Flatten[First[#1]]]], "
                            "If[VectorQ[#1, IntegerQ], #1, ly$uneval]] &" },
    { "PermutationList", 2, "If[!MatchQ[#1, Cycles[{{___Integer}...}]] || !IntegerQ[#2], ly$uneval, "
                            "Module[{ly$l = Range[#2]}, Scan[Function[ly$c, "
                            "Do[ly$l[[ly$c[[ly$i]]]] = ly$c[[Mod[ly$i, Length[ly$c]] + 1]], {ly$i, Length[ly$c]}]], First[#1]]; ly$l]] &" },
    { "Permute", 2, "If[!ListQ[#1], ly$uneval, Module[{ly$p = If[Head[#2] === Cycles, PermutationList[#2, Length[#1]], #2], ly$r = #1}, "
                    "If[!VectorQ[ly$p, IntegerQ], ly$uneval, "
                    "ly$p = Join[ly$p, Range[Length[ly$p] + 1, Length[#1]]]; "
                    "Do[ly$r[[ly$p[[ly$i]]]] = #1[[ly$i]], {ly$i, Length[#1]}]; ly$r]]] &" },
    { "InversePermutation", 1, "Which[VectorQ[#1, IntegerQ], Ordering[#1], Head[#1] === Cycles, "
                               "PermutationCycles[Ordering[PermutationList[#1]]], True, ly$uneval] &" },
    { "FindPermutation", 2, "If[!(ListQ[#1] && ListQ[#2] && Sort[#1] === Sort[#2]), ly$uneval, "
                            "PermutationCycles[Map[Function[ly$x, Position[#2, ly$x, {1}, 1][[1, 1]]], #1]]] &" },
    /* ---- Boolean ---- */
    { "BooleanTable", 2, "Map[Function[ly$t, #1 /. Thread[#2 -> ly$t]], Tuples[{True, False}, Length[#2]]] &" },
    { "BooleanTable", 1, "BooleanTable[#1, BooleanVariables[#1]] &" },
    { "BooleanVariables", 1, "Union[Select[Level[#1, {-1}], Function[ly$s, Head[ly$s] === Symbol && ly$s =!= True && ly$s =!= False]]] &" },
    { "TautologyQ", 1, "TautologyQ[#1, BooleanVariables[#1]] &" },
    { "TautologyQ", 2, "AllTrue[BooleanTable[#1, #2], TrueQ] &" },
    { "SatisfiableQ", 1, "SatisfiableQ[#1, BooleanVariables[#1]] &" },
    { "SatisfiableQ", 2, "AnyTrue[BooleanTable[#1, #2], TrueQ] &" },
    { "Equivalent", -1, "Module[{ly$a = DeleteDuplicates[{##}]}, Which[Length[ly$a] == 1, True, "
                        "MemberQ[ly$a, True] && MemberQ[ly$a, False], False, "
                        "MemberQ[ly$a, True], And @@ DeleteCases[ly$a, True], MemberQ[ly$a, False], And @@ Map[Not, DeleteCases[ly$a, False]], "
                        "Length[ly$a] < Length[{##}], Equivalent @@ ly$a, True, ly$uneval]] &" },
    /* ---- strings ---- */
    { "RemoveDiacritics", 1, "If[StringQ[#1] || VectorQ[#1, StringQ], (If[!ListQ[Lyra`diacritics], Lyra`diacritics = Flatten[Map[Thread[Characters[First[#]] -> Last[#]] &, {{\"\u00e0\u00e1\u00e2\u00e3\u00e4\u00e5\u0101\u0103\u0105\", \"a\"}, {\"\u00c0\u00c1\u00c2\u00c3\u00c4\u00c5\u0100\u0102\u0104\", \"A\"}, {\"\u00e7\u0107\u0109\u010b\u010d\", \"c\"}, {\"\u00c7\u0106\u0108\u010a\u010c\", \"C\"}, {\"\u010f\u0111\", \"d\"}, {\"\u010e\u0110\", \"D\"}, {\"\u00e8\u00e9\u00ea\u00eb\u0113\u0115\u0117\u0119\u011b\", \"e\"}, {\"\u00c8\u00c9\u00ca\u00cb\u0112\u0114\u0116\u0118\u011a\", \"E\"}, {\"\u011d\u011f\u0121\u0123\", \"g\"}, {\"\u011c\u011e\u0120\u0122\", \"G\"}, {\"\u0125\u0127\", \"h\"}, {\"\u0124\u0126\", \"H\"}, {\"\u00ec\u00ed\u00ee\u00ef\u0129\u012b\u012d\u012f\", \"i\"}, {\"\u00cc\u00cd\u00ce\u00cf\u0128\u012a\u012c\u012e\u0130\", \"I\"}, {\"\u0135\", \"j\"}, {\"\u0134\", \"J\"}, {\"\u0137\", \"k\"}, {\"\u0136\", \"K\"}, {\"\u013a\u013c\u013e\u0140\u0142\", \"l\"}, {\"\u0139\u013b\u013d\u013f\u0141\", \"L\"}, {\"\u00f1\u0144\u0146\u0148\", \"n\"}, {\"\u00d1\u0143\u0145\u0147\", \"N\"}, {\"\u00f2\u00f3\u00f4\u00f5\u00f6\u00f8\u014d\u014f\u0151\", \"o\"}, {\"\u00d2\u00d3\u00d4\u00d5\u00d6\u00d8\u014c\u014e\u0150\", \"O\"}, {\"\u0155\u0157\u0159\", \"r\"}, {\"\u0154\u0156\u0158\", \"R\"}, {\"\u015b\u015d\u015f\u0161\", \"s\"}, {\"\u015a\u015c\u015e\u0160\", \"S\"}, {\"\u0163\u0165\u0167\", \"t\"}, {\"\u0162\u0164\u0166\", \"T\"}, {\"\u00f9\u00fa\u00fb\u00fc\u0169\u016b\u016d\u016f\u0171\u0173\", \"u\"}, {\"\u00d9\u00da\u00db\u00dc\u0168\u016a\u016c\u016e\u0170\u0172\", \"U\"}, {\"\u0175\", \"w\"}, {\"\u0174\", \"W\"}, {\"\u00fd\u00ff\u0177\", \"y\"}, {\"\u00dd\u0176\u0178\", \"Y\"}, {\"\u017a\u017c\u017e\", \"z\"}, {\"\u0179\u017b\u017d\", \"Z\"}}]]]; StringReplace[#1, Lyra`diacritics]), ly$uneval] &" },
    { "StringPart", 2, "Which[StringQ[#1], Characters[#1][[#2]], VectorQ[#1, StringQ], Map[Function[ly$s, StringPart[ly$s, #2]], #1], "
                       "True, ly$uneval] &" },
    { NULL, 0, NULL }
};

const LysUsage lys_usages_lists[] = {
    { "TakeDrop", "TakeDrop[list, n] gives the pair {Take[list, n], Drop[list, n]}.\nTakeDrop[list, seq] gives the pair {Take[list, seq], Drop[list, seq]}." },
    { "DeleteMissing", "DeleteMissing[list] drops elements with head Missing from a list.\nDeleteMissing[expr, levelspec] drops elements with head Missing at the given levels." },
    { "CountDistinct", "CountDistinct[list] gives the number of distinct elements that appear in list.\nCountDistinct[list, test] uses test to decide whether two elements are the same." },
    { "ReplaceAt", "ReplaceAt[expr, rules, n] transforms expr by replacing the nth element using rules." },
    { "FlattenAt", "FlattenAt[list, n] flattens out a sublist that appears as the nth element of list.\nFlattenAt[expr, {i, j, ...}] flattens out the part of expr at position {i, j, ...}." },
    { "LinearRecurrence", "LinearRecurrence[ker, init, n] gives the sequence of length n obtained by iterating the linear recurrence with kernel ker starting with initial values init.\n"
                          "LinearRecurrence[ker, init, {n}] gives the nth term.\nLinearRecurrence[ker, init, {nmin, nmax}] yields terms nmin through nmax." },
    { "KeyUnion", "KeyUnion[{assoc1, assoc2, ...}] generates a list of associations in which each association has the union of the keys of the associations, with Missing[\"KeyAbsent\", key] for the keys it lacks.\n"
                  "KeyUnion[{assoc1, ...}, f] gives f[key] for the keys an association lacks." },
    { "KeyIntersection", "KeyIntersection[{assoc1, assoc2, ...}] gives a list of associations in which only keys common to all the associations are kept." },
    { "KeyComplement", "KeyComplement[{assoc, assoc1, assoc2, ...}] gives an association of the elements of assoc whose keys are not in any of the associ." },
    { "JoinAcross", "JoinAcross[{a1, a2, ...}, {b1, b2, ...}, key] gives a list of associations obtained by joining those pairs of associations ai and bj in which the values associated with key are the same." },
    { "Distribute", "Distribute[f[x1, x2, ...]] distributes f over Plus appearing in any of the xi.\nDistribute[expr, g] distributes over g.\nDistribute[expr, g, f] performs the distribution only if the head of expr is f." },
    { "Comap", "Comap[{f1, f2, ...}, x] gives {f1[x], f2[x], ...}." },
    { "ComposeList", "ComposeList[{f1, f2, ...}, x] generates a list of the form {x, f1[x], f2[f1[x]], ...}." },
    { "Signature", "Signature[list] gives the signature of the permutation needed to place the elements of list in canonical order." },
    { "PermutationCycles", "PermutationCycles[perm] gives a disjoint cycle representation of permutation perm." },
    { "PermutationList", "PermutationList[perm] returns a permutation list representation of permutation perm.\nPermutationList[perm, len] returns a permutation list of length len." },
    { "Permute", "Permute[expr, perm] permutes the positions of the elements of expr according to the permutation perm." },
    { "InversePermutation", "InversePermutation[perm] returns the inverse of permutation perm." },
    { "FindPermutation", "FindPermutation[expr1, expr2] gives a permutation that converts expr1 to expr2 by Permute." },
    { "Cycles", "Cycles[{cyc1, cyc2, ...}] represents a permutation with disjoint cycles cyci." },
    { "BooleanTable", "BooleanTable[bf] gives a list of truth values for all possible combinations of variable values supplied to the Boolean function bf.\n"
                      "BooleanTable[expr, {a1, a2, ...}] gives a list of the truth values of the Boolean expression expr for all possible combinations of values of the ai." },
    { "BooleanVariables", "BooleanVariables[expr] gives a list of the Boolean variables in the Boolean expression expr." },
    { "TautologyQ", "TautologyQ[bf] gives True if all combinations of values of variables make the Boolean function bf yield True.\n"
                    "TautologyQ[expr, {a1, a2, ...}] gives True if all combinations of values of the ai make the Boolean expression expr yield True." },
    { "SatisfiableQ", "SatisfiableQ[bf] gives True if a combination of values of variables exists that makes the Boolean function bf yield True.\n"
                      "SatisfiableQ[expr, {a1, a2, ...}] gives True if a combination of values of the ai exists that makes the Boolean expression expr yield True." },
    { "Equivalent", "Equivalent[e1, e2, ...] represents the logical equivalence e1 \u21d4 e2 \u21d4 ..., giving True when all of the ei are the same." },
    { "RemoveDiacritics", "RemoveDiacritics[\"string\"] replaces characters in string by base forms obtained by removing diacritics." },
    { "StringPart", "StringPart[\"string\", n] gives the nth character in \"string\".\nStringPart[\"string\", {n1, n2, ...}] gives a list of the ni-th characters.\n"
                    "StringPart[\"string\", m ;; n] gives the characters m through n." },
    { NULL, NULL }
};

/* sub-values: the operator forms applied in several brackets */
static const char defs[] =
    "Unprotect[OperatorApplied, Curry, CurryApplied, ReverseApplied, EchoFunction];\n"
    "Lyra`curryk[Lyra`n_Integer] := Lyra`n; Lyra`curryk[Lyra`p_List] := Max[Cases[Lyra`p, _Integer]]; Lyra`curryk[Lyra`k_Integer -> _] := Lyra`k;\n"
    "Lyra`curryp[Lyra`n_Integer] := Range[Lyra`n]; Lyra`curryp[Lyra`p_List] := Lyra`p; Lyra`curryp[_ -> Lyra`p_] := Lyra`p;\n"
    "Lyra`curry[Lyra`f_, Lyra`s_, {Lyra`a___}] := With[{Lyra`p = Lyra`curryp[Lyra`s], Lyra`l = {Lyra`a}},\n"
    "  Lyra`f @@ Join[Lyra`l[[Cases[Lyra`p, _Integer]]], Cases[Lyra`p, _Rule | _RuleDelayed]]];\n"
    "OperatorApplied[Lyra`f_, Lyra`s_: {2, 1}][Lyra`a___][Lyra`b___] := OperatorApplied[Lyra`f, Lyra`s][Lyra`a, Lyra`b];\n"
    "OperatorApplied[Lyra`f_, Lyra`s_: {2, 1}][Lyra`a___] /; Length[{Lyra`a}] >= Lyra`curryk[Lyra`s] := Lyra`curry[Lyra`f, Lyra`s, {Lyra`a}];\n"
    "Curry[Lyra`f_, Lyra`s_: {2, 1}][Lyra`a___][Lyra`b___] := Curry[Lyra`f, Lyra`s][Lyra`a, Lyra`b];\n"
    "Curry[Lyra`f_, Lyra`s_: {2, 1}][Lyra`a___] /; Length[{Lyra`a}] >= Lyra`curryk[Lyra`s] := Lyra`curry[Lyra`f, Lyra`s, {Lyra`a}];\n"
    "CurryApplied[Lyra`n_Integer][Lyra`f_] := CurryApplied[Lyra`f, Lyra`n];\n"
    "CurryApplied[Lyra`f_, Lyra`s_][Lyra`a___][Lyra`b___] := CurryApplied[Lyra`f, Lyra`s][Lyra`a, Lyra`b];\n"
    "CurryApplied[Lyra`f_, Lyra`s_][Lyra`a___] /; Length[{Lyra`a}] >= Lyra`curryk[Lyra`s] := Lyra`curry[Lyra`f, Lyra`s, {Lyra`a}];\n"
    "ReverseApplied[Lyra`f_][Lyra`a___] := Lyra`f @@ Reverse[{Lyra`a}];\n"
    "EchoFunction[Lyra`f_][Lyra`x_] := (Echo[Lyra`f[Lyra`x]]; Lyra`x);\n"
    "EchoFunction[Lyra`l_, Lyra`f_][Lyra`x_] := (Echo[Lyra`f[Lyra`x], Lyra`l]; Lyra`x);\n"
    "Protect[OperatorApplied, Curry, CurryApplied, ReverseApplied, EchoFunction];\n";


/* Query[op1, op2, ...][data]: the ops at successive levels of data; part
 * specifications and filters (Select, SortBy, GroupBy, ...) descend, the
 * rest of the ops then going over the parts they leave; other functions
 * ascend: applied to what the ops after them made of the parts. */
static const char query_defs[] =
    "Unprotect[Query];\n"
    "Query[][Lyra`qx_] := Lyra`qx;\n"
    "Query[Lyra`op_, Lyra`rest___][Lyra`qx_] := Lyra`query[Lyra`op, {Lyra`rest}, Lyra`qx];\n"
    "Lyra`qsub[{}, Lyra`qx_] := Lyra`qx;\n"
    "Lyra`qsub[Lyra`r_List, Lyra`qx_] := (Query @@ Lyra`r)[Lyra`qx];\n"
    "Lyra`qmap[{}, Lyra`qx_] := Lyra`qx;\n"
    "Lyra`qmap[Lyra`r_List, Lyra`qx_] := If[ListQ[Lyra`qx] || AssociationQ[Lyra`qx], Map[Query @@ Lyra`r, Lyra`qx], (Query @@ Lyra`r)[Lyra`qx]];\n"
    "Lyra`qone[Lyra`p_] := IntegerQ[Lyra`p] || StringQ[Lyra`p] || MatchQ[Lyra`p, Key[_]];\n"
    "Lyra`qmany[Lyra`p_] := Lyra`p === All || MatchQ[Lyra`p, _Span] || (ListQ[Lyra`p] && Lyra`p =!= {} && AllTrue[Lyra`p, Lyra`qone]);\n"
    "Lyra`qfilter[Lyra`f_] := MemberQ[{Select, SelectFirst, MaximalBy, MinimalBy, SortBy, KeySortBy, KeySelect, TakeLargestBy, "
    "TakeSmallestBy, DeleteDuplicatesBy, DeleteCases, Cases, TakeLargest, TakeSmallest, GroupBy, Take, Drop}, Head[Lyra`f]] || "
    "MemberQ[{Sort, KeySort, Reverse, DeleteDuplicates, DeleteMissing, ReverseSort}, Lyra`f];\n"
    "Lyra`qkey[Lyra`p_] := If[MatchQ[Lyra`p, Key[_]], First[Lyra`p], Lyra`p];\n"
    "Lyra`qpart[Lyra`qx_Association, Lyra`p_ /; !IntegerQ[Lyra`p]] := Lookup[Lyra`qx, Lyra`qkey[Lyra`p], Missing[\"KeyAbsent\", Lyra`qkey[Lyra`p]]];\n"
    "Lyra`qpart[Lyra`qx_, Lyra`p_] := Lyra`qx[[Lyra`p]];\n"
    "Lyra`qparts[Lyra`qx_Association, Lyra`p_List] := Association[Map[Lyra`qkey[#] -> Lyra`qpart[Lyra`qx, #] &, Lyra`p]] /; !AllTrue[Lyra`p, IntegerQ];\n"
    "Lyra`qparts[Lyra`qx_, All] := Lyra`qx;\n"
    "Lyra`qparts[Lyra`qx_, Lyra`p_] := Lyra`qx[[Lyra`p]];\n"
    "Lyra`query[Lyra`op_, Lyra`r_, Lyra`qx_] := Which["
    "Lyra`qone[Lyra`op], Lyra`qsub[Lyra`r, Lyra`qpart[Lyra`qx, Lyra`op]], "
    "Lyra`qmany[Lyra`op], Lyra`qmap[Lyra`r, Lyra`qparts[Lyra`qx, Lyra`op]], "
    "Lyra`qfilter[Lyra`op], Lyra`qmap[Lyra`r, If[AtomQ[Lyra`op], Lyra`op[Lyra`qx], Head[Lyra`op] @@ Prepend[List @@ Lyra`op, Lyra`qx]]], "
    "ListQ[Lyra`op], Map[Function[Lyra`o, Lyra`query[Lyra`o, Lyra`r, Lyra`qx]], Lyra`op], "
    "True, Lyra`op[Lyra`qmap[Lyra`r, Lyra`qx]]];\n"
    "Protect[Query];\n";

/* Query's sub-values, defined when a Query is first evaluated */
static LyExpr b_query(LyVM *vm, LyExpr e) {
    (void)e;
    LyExpr flag = ly_symbol(vm, "Lyra`queryloaded");
    if (ly_own_value(vm, flag)) return NULL;
    ly_set_own_value(vm, flag, LY_SYM(True));
    if (ly_eval_string(vm, query_defs, sizeof query_defs - 1, "stdlib", NULL) != LY_OK && !ly_unwinding(vm)) return ly_raise_nomem(vm);
    return NULL;
}

/* OperatorApplied[f], Curry[f, n], ...: their sub-values are defined when
 * one of them is first evaluated (definitions made at startup would be
 * visited by every full pass of the temporaries collector, tempgc.c) */
static LyExpr b_operator_forms(LyVM *vm, LyExpr e) {
    (void)e;
    LyExpr flag = ly_symbol(vm, "Lyra`operatorformsloaded");
    if (ly_own_value(vm, flag)) return NULL;        /* borrowed */
    ly_set_own_value(vm, flag, LY_SYM(True));
    if (ly_eval_string(vm, defs, sizeof defs - 1, "stdlib", NULL) != LY_OK && !ly_unwinding(vm)) return ly_raise_nomem(vm);
    return NULL;
}

LyStatus lys_open_derived_lists(LyVM *vm) {
    static const LysUsage forms[] = {
        { "OperatorApplied", "OperatorApplied[f, n] represents an operator form of the function f of n arguments so that OperatorApplied[f, n][x1]...[xn] is equivalent to f[x1, ..., xn].\n"
                         "OperatorApplied[f] represents an operator form of f of two arguments so that OperatorApplied[f][y][x] is equivalent to f[x, y].\n"
                         "OperatorApplied[f, {i1, ..., in}] gives f[x_i1, ..., x_in] from OperatorApplied[f, {i1, ..., in}][x1]...[xn]." },
        { "Curry", "Curry[f, n] represents an operator form of the function f of n arguments so that Curry[f, n][x1]...[xn] is equivalent to f[x1, ..., xn].\n"
               "Curry[f] represents an operator form of f of two arguments so that Curry[f][y][x] is equivalent to f[x, y]." },
        { "CurryApplied", "CurryApplied[f, n] represents an operator form of the function f of n arguments so that CurryApplied[f, n][x1]...[xn] is equivalent to f[x1, ..., xn].\n"
                      "CurryApplied[n] represents an operator form of CurryApplied that can be applied to a function." },
        { "ReverseApplied", "ReverseApplied[f] represents a form of f that takes arguments in reverse order so that ReverseApplied[f][x1, ..., xn] is equivalent to f[xn, ..., x1]." },
        { "EchoFunction", "EchoFunction[f][expr] prints f[expr] and returns expr.\nEchoFunction[label, f][expr] prints with label." },
        { NULL, NULL }
    };
    for (const LysUsage *u = forms; u->name; u++) {
        LyStatus st = ly_register(vm, u->name, b_operator_forms, "Protected", u->usage);
        if (st != LY_OK) return st;
    }
    return ly_register(vm, "Query", b_query, "Protected",
                       "Query[operator1, operator2, ...] represents a query that can be applied to an expression of lists and associations, in which the successive operatori are applied at successive levels.");
}
