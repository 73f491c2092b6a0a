(* WXF round trip, property style: random values of every kind (SeedRandom
   makes them the same on every run) survive BinarySerialize and
   BinaryDeserialize, plain and compressed, unchanged (SameQ). *)
SeedRandom[20240610];
atom[] := Switch[RandomInteger[{1, 16}],
  1, RandomInteger[{-128, 127}],
  2, RandomInteger[{-2^31, 2^31}],
  3, RandomInteger[{-2^63, 2^63 - 1}],
  4, RandomInteger[{-10^40, 10^40}],
  5, RandomInteger[{-1000, 1000}] / RandomInteger[{1, 1000}],
  6, RandomReal[{-10^6, 10^6}],
  7, RandomReal[] * 10^RandomInteger[{-300, 300}],
  8, Complex[RandomInteger[{-9, 9}], RandomInteger[{1, 9}]],
  9, Complex[RandomReal[], RandomReal[]],
  10, StringJoin["", Table[FromCharacterCode[RandomInteger[{32, 1200}]], RandomInteger[{0, 12}]]],
  11, RandomChoice[{Plus, List, x, y, Pi, I, Infinity, Null, True, $Failed, Lyra`Private`q}],
  12, RandomInteger[{-100, 100}, RandomInteger[{1, 20}]],
  13, RandomReal[{-1, 1}, {RandomInteger[{1, 4}], RandomInteger[{1, 4}]}],
  14, RandomInteger[{-2^40, 2^40}, {2, 2, 3}],
  15, ByteArray[RandomInteger[{0, 255}, RandomInteger[{1, 40}]]],
  16, RandomChoice[{{}, "", <||>, ByteArray[{}], f[]}]];
value[0] := atom[]
value[d_] := Switch[RandomInteger[{1, 6}],
  1, atom[],
  2, Table[value[d - 1], RandomInteger[{0, 5}]],
  3, Apply[RandomChoice[{f, g, Hold, HoldComplete, Rule, RuleDelayed}], Table[value[d - 1], RandomInteger[{0, 4}]]],
  4, Association[Table[value[d - 1] -> value[d - 1], RandomInteger[{0, 4}]]],
  5, Association[Table[With[{k = value[0], v = value[d - 1]}, RandomChoice[{k -> v, k :> v}]], RandomInteger[{1, 3}]]],
  6, value[d - 1][value[d - 1]]];
vals = Table[value[4], 300];
Print[Length[vals]]  (* expect: 300 *)
same[v_] := BinaryDeserialize[BinarySerialize[v], HoldComplete] === HoldComplete[v]
Print[Select[vals, !same[#] &]]  (* expect: {} *)
Print[Select[vals, BinaryDeserialize[BinarySerialize[#, PerformanceGoal -> "Size"], HoldComplete] =!= HoldComplete[#] &]]  (* expect: {} *)
Print[Select[vals, BinaryDeserialize[BinarySerialize[#, Method -> {"PackedArrayIntegerType" -> "Integer64"}], HoldComplete] =!= HoldComplete[#] &]]  (* expect: {} *)
(* every kind occurs *)
kinds = Union[Cases[vals, x_ :> Head[x], {0, Infinity}, Heads -> False]];
Print[Complement[{Integer, Rational, Real, Complex, String, Symbol, List, Association, ByteArray}, kinds]]  (* expect: {} *)
(* packed arrays stay packed arrays: the size shows no per-element tokens *)
Print[Length[BinarySerialize[Range[1000]]]]  (* expect: 2007 *)
Print[Length[BinarySerialize[RandomReal[1, {100, 10}]]]]  (* expect: 8007 *)
Print[BinaryDeserialize[BinarySerialize[Range[10^5]]] === Range[10^5]]  (* expect: True *)
(* deep nesting is not limited by the C stack (held: evaluating it would be) *)
deep = Hold @@ {Nest[Hold, 0, 100000]};
Print[BinaryDeserialize[BinarySerialize[deep]] === deep]  (* expect: True *)
