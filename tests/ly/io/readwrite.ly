(* streams, Put/Get, Import/Export formats, JSON *)
dir = CreateDirectory[];
n = FileNameJoin[{dir, "n.txt"}];
WriteString[n, "1 2.5 3\n", "4"];
WriteString[n, " -5\n"];
Print[Close[n] === n]  (* expect: True *)
Print[ReadList[n, Number]]  (* expect: {1, 2.5, 3, 4, -5} *)
Print[ReadList[n, {Number, Number}]]  (* expect: {{1, 2.5}, {3, 4}} *)
s = OpenWrite[FileNameJoin[{dir, "w.txt"}]];
Print[Head[s]]  (* expect: OutputStream *)
Write[s, x + 1];
Write[s, "str"];
WriteLine[s, "line"];
Close[s];
Print[InputForm[ReadString[FileNameJoin[{dir, "w.txt"}]]]]  (* expect: "1 + x\n\"str\"\nline\n" *)
r = OpenRead[FileNameJoin[{dir, "w.txt"}]];
Print[Head[r]]  (* expect: InputStream *)
Print[ReadLine[r]]  (* expect: 1 + x *)
Print[InputForm[ReadLine[r]]]  (* expect: "\"str\"" *)
Print[ReadLine[r]]  (* expect: line *)
Print[ReadLine[r]]  (* expect: EndOfStream *)
Close[r];
Print[Length[Streams[]]]  (* expect: 0 *)
p = FileNameJoin[{dir, "p.ly"}];
Put[a = 5; Print["loaded"]; a^2, p];
Print[Get[p]]  (* expect: loaded *)
(* expect: 25 *)
Put[{1, "two"}, p];
PutAppend[x^2, p];
Print[InputForm[ReadString[p]]]  (* expect: "{1, \"two\"}\nx^2\n" *)
Print[InputForm[ReadList[p]]]  (* expect: {{1, "two"}, x^2} *)
Print[InputForm[Get[p]]]  (* expect: x^2 *)
c = FileNameJoin[{dir, "d.csv"}];
Export[c, {{1, "a b", 2.5}, {"x,y", "q\"z", -3}}];
Print[InputForm[ReadString[c]]]  (* expect: "1,a b,2.5\n\"x,y\",\"q\"\"z\",-3\n" *)
Print[InputForm[Import[c]]]  (* expect: {{1, "a b", 2.5}, {"x,y", "q\"z", -3}} *)
Print[InputForm[ImportString["a,b\n1,2\n", "CSV"]]]  (* expect: {{"a", "b"}, {1, 2}} *)
Print[InputForm[ImportString["1\t2\nx\ty", "TSV"]]]  (* expect: {{1, 2}, {"x", "y"}} *)
Print[InputForm[ExportString[{{1, 2}, {3, 4}}, "CSV"]]]  (* expect: "1,2\n3,4\n" *)
Print[InputForm[ExportString[{"a", "b"}, "Lines"]]]  (* expect: "a\nb\n" *)
Print[InputForm[ImportString["x\ny\n", "Lines"]]]  (* expect: {"x", "y"} *)
j = FileNameJoin[{dir, "d.json"}];
Export[j, <|"a" -> 1, "b" -> {1, 2.5, "s"}, "c" -> True, "d" -> Null|>];
Print[InputForm[Import[j]]]  (* expect: {"a" -> 1, "b" -> {1, 2.5, "s"}, "c" -> True, "d" -> Null} *)
Print[InputForm[Import[j, "RawJSON"]]]  (* expect: <|"a" -> 1, "b" -> {1, 2.5, "s"}, "c" -> True, "d" -> Null|> *)
Print[InputForm[ImportString["{\"x\": [1, {\"y\": false}]}", "JSON"]]]  (* expect: {"x" -> {1, {"y" -> False}}} *)
Print[InputForm[ImportString["[1, 2.5, \"\\u00e9\"]", "RawJSON"]]]  (* expect: {1, 2.5, "é"} *)
Print[InputForm[ExportString[{1, 2}, "JSON"]]]  (* expect: "[\n\t1,\n\t2\n]" *)
Print[InputForm[ExportString[{"a" -> {}, "b" -> "q\""}, "JSON"]]]  (* expect: "{\n\t\"a\":[],\n\t\"b\":\"q\\\"\"\n}" *)
Print[ImportString["{bad", "JSON"]]  (* expect: $Failed *)
(* expect-stderr: ImportString::jsonerr: Invalid JSON: string or '}' expected near 'bad' (line 1, column 4). *)
Print[Import[FileNameJoin[{dir, "none.txt"}]]]  (* expect: $Failed *)
(* expect-stderr: Import::nffil: File not found during Import. *)
Print[Get["lyra-no-such-file.ly"]]  (* expect: $Failed *)
(* expect-stderr: Get::noopen: Cannot open lyra-no-such-file.ly. *)
Print[ExportString[1, "NoSuchFormat"]]  (* expect: $Failed *)
(* expect-stderr: ExportString::fmtnosup: NoSuchFormat is not a supported format. *)
DeleteDirectory[dir, DeleteContents -> True];
Print[DirectoryQ[dir]]  (* expect: False *)
