(* s::usage gives the usage text that ?s prints; Developer` packed-array functions *)
Print[Sin::usage]                             (* expect: Sin[z] gives the sine of z. *)
f::usage = "f[x] is mine."; Print[f::usage]  (* expect: f[x] is mine. *)
Print[g::usage]                               (* expect: g::usage *)
Print[{Developer`PackedArrayQ[Range[3]], Developer`PackedArrayQ[{1, 2}], Developer`PackedArrayQ[Range[3], Real]}]
(* expect: {True, False, False} *)
Print[{Developer`PackedArrayQ[Developer`ToPackedArray[{1, 2}]], Developer`PackedArrayQ[Developer`FromPackedArray[Range[3]]]}]
(* expect: {True, False} *)
Print[Developer`ToPackedArray[{1, 2}, Real]]  (* expect: {1., 2.} *)
(* the "Table" format: fields separated by runs of blanks *)
Print[ImportString["1 2 3\n4  5\t6\n", "Table"]]    (* expect: {{1, 2, 3}, {4, 5, 6}} *)
(* every listed name has a usage text *)
Print[Select[Names["System`*"], !StringQ[ToExpression[# <> "::usage"]] &]]   (* expect: {} *)
Print[{Attributes[Integer], StringQ[DigitCharacter::usage]}]        (* expect: {{Protected}, True} *)
