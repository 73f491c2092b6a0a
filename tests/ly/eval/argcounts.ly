(* argument-count messages of builtins that gave none (or crashed) *)
Attributes[]
(* expect-stderr: Attributes::argx: Attributes called with 0 arguments; 1 argument is expected. *)
OwnValues[a, b]
(* expect-stderr: OwnValues::argx: OwnValues called with 2 arguments; 1 argument is expected. *)
ReleaseHold[]
(* expect-stderr: ReleaseHold::argx: ReleaseHold called with 0 arguments; 1 argument is expected. *)
Select[]
(* expect-stderr: Select::argb: Select called with 0 arguments; between 1 and 3 arguments are expected. *)
EditDistance["a"]
(* expect-stderr: EditDistance::argr: EditDistance called with 1 argument; 2 arguments are expected. *)
SequenceCases[{1}]
(* expect-stderr: SequenceCases::argtu: SequenceCases called with 1 argument; 2 or 3 arguments are expected. *)
Print[BinarySerialize[1, 2]]                 (* expect: BinarySerialize[1, 2] *)
(* expect-stderr: BinarySerialize::nonopt: Options expected (instead of 2) beyond position 1 in BinarySerialize[1, 2]. An option must be a rule or a list of rules. *)
