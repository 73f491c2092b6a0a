(* Import/Export "WXF": by name and by the .wxf extension; strings of bytes *)
dir = CreateDirectory[];
f = FileNameJoin[{dir, "data.wxf"}];
expr = {f[x], "maître", 2^100, 1/3, 2.5, <|"k" -> Range[4]|>, ByteArray[{7, 8}]};
Print[Export[f, expr] === f]  (* expect: True *)
Print[FileByteCount[f] === Length[BinarySerialize[expr]]]  (* expect: True *)
Print[Import[f] === expr]  (* expect: True *)
Print[Import[f, "WXF"] === expr]  (* expect: True *)
g = FileNameJoin[{dir, "data.bin"}];
Export[g, expr, "WXF"];
Print[Import[g, "WXF"] === expr]  (* expect: True *)
Print[ReadString[g] === ReadString[f]]  (* expect: True *)
(* ExportString gives one character per byte *)
Print[InputForm[ExportString[{1, 2}, "WXF"]]]  (* expect: "8:f\.02s\.04ListC\.01C\.02" *)
Print[ToCharacterCode[ExportString[255, "WXF"]]]  (* expect: {56, 58, 106, 255, 0} *)
Print[ImportString[ExportString[expr, "WXF"], "WXF"] === expr]  (* expect: True *)
Print[ImportString["8:C\.05", "WXF"]]  (* expect: 5 *)
Print[ImportString["8:\:0100", "WXF"]]  (* expect: $Failed *)
(* expect-stderr: ImportString::bytes: 8:Ā is not a string of byte characters (codes 0 to 255). *)
Print[Import[FileNameJoin[{dir, "missing.wxf"}]]]  (* expect: $Failed *)
(* expect-stderr: Import::nffil: File not found during Import. *)
h = FileNameJoin[{dir, "bad.wxf"}];
Export[h, "not wxf", "Text"];
Print[Import[h]]  (* expect: $Failed *)
(* expect-stderr: BinaryDeserialize::invwxf: Invalid WXF data: not a WXF header (8: or 8C:) at byte 0. *)
DeleteDirectory[dir, DeleteContents -> True];
