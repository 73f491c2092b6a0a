/* lysyms.h — symbols every layer may name without a lookup (LY_SYM(id)).
 * X(id, "name"): interned first, in this order, so their ids are 0..N-1.
 * Ids are assigned at start-up and never stored, so the list may grow anywhere. */
#ifndef LYSYMS_H
#define LYSYMS_H
#define LY_SYMLIST(X) \
  X(Null, "Null") X(True, "True") X(False, "False") X(List, "List") X(Plus, "Plus") \
  X(Times, "Times") X(Power, "Power") X(Minus, "Minus") X(Divide, "Divide") \
  X(Subtract, "Subtract") X(Sqrt, "Sqrt") X(Rational, "Rational") X(Complex, "Complex") \
  X(Integer, "Integer") X(Real, "Real") X(String, "String") X(Symbol, "Symbol") \
  X(Association, "Association") X(Rule, "Rule") X(RuleDelayed, "RuleDelayed") X(Set, "Set") \
  X(SetDelayed, "SetDelayed") X(UpSet, "UpSet") X(UpSetDelayed, "UpSetDelayed") \
  X(TagSet, "TagSet") X(TagSetDelayed, "TagSetDelayed") X(Unset, "Unset") \
  X(CompoundExpression, "CompoundExpression") X(Hold, "Hold") X(HoldForm, "HoldForm") \
  X(HoldComplete, "HoldComplete") X(HoldPattern, "HoldPattern") X(Sequence, "Sequence") \
  X(Evaluate, "Evaluate") X(Unevaluated, "Unevaluated") X(Function, "Function") \
  X(Slot, "Slot") X(SlotSequence, "SlotSequence") X(Part, "Part") X(Span, "Span") \
  X(All, "All") X(None, "None") X(Blank, "Blank") X(BlankSequence, "BlankSequence") \
  X(BlankNullSequence, "BlankNullSequence") X(Pattern, "Pattern") X(Optional, "Optional") \
  X(Alternatives, "Alternatives") X(Condition, "Condition") X(PatternTest, "PatternTest") \
  X(Repeated, "Repeated") X(RepeatedNull, "RepeatedNull") X(Except, "Except") \
  X(Verbatim, "Verbatim") X(Default, "Default") X(ReplaceAll, "ReplaceAll") \
  X(ReplaceRepeated, "ReplaceRepeated") X(Map, "Map") X(Apply, "Apply") X(MapAll, "MapAll") \
  X(Factorial, "Factorial") X(Factorial2, "Factorial2") X(Not, "Not") X(And, "And") \
  X(Or, "Or") X(Xor, "Xor") X(Nand, "Nand") X(Nor, "Nor") X(Implies, "Implies") \
  X(Equal, "Equal") X(Unequal, "Unequal") X(Less, "Less") X(LessEqual, "LessEqual") \
  X(Greater, "Greater") X(GreaterEqual, "GreaterEqual") X(SameQ, "SameQ") \
  X(UnsameQ, "UnsameQ") X(Inequality, "Inequality") X(Derivative, "Derivative") \
  X(Dot, "Dot") X(StringJoin, "StringJoin") X(StringExpression, "StringExpression") \
  X(Increment, "Increment") X(Decrement, "Decrement") X(PreIncrement, "PreIncrement") \
  X(PreDecrement, "PreDecrement") X(AddTo, "AddTo") X(SubtractFrom, "SubtractFrom") \
  X(TimesBy, "TimesBy") X(DivideBy, "DivideBy") X(AppendTo, "AppendTo") X(Dispatch, "Dispatch") X(Information, "Information") X(Get, "Get") \
  X(Put, "Put") X(PutAppend, "PutAppend") X(MessageName, "MessageName") X(Out, "Out") \
  X(Infinity, "Infinity") X(DirectedInfinity, "DirectedInfinity") \
  X(ComplexInfinity, "ComplexInfinity") X(Indeterminate, "Indeterminate") X(I, "I") \
  X(Pi, "Pi") X(E, "E") X(Print, "Print") X(FullForm, "FullForm") X(InputForm, "InputForm") \
  X(OutputForm, "OutputForm") X(Missing, "Missing") X(Throw, "Throw") X(Catch, "Catch") \
  X(Return, "Return") X(Break, "Break") X(Continue, "Continue") X(Abort, "Abort") \
  X(General, "General") X(Message, "Message") X(Attributes, "Attributes") \
  X(Protected, "Protected") X(Listable, "Listable") X(Flat, "Flat") \
  X(Orderless, "Orderless") X(OneIdentity, "OneIdentity") X(HoldAll, "HoldAll") \
  X(HoldFirst, "HoldFirst") X(HoldRest, "HoldRest") X(HoldAllComplete, "HoldAllComplete") \
  X(SequenceHold, "SequenceHold") X(NumericFunction, "NumericFunction") X(Locked, "Locked") \
  X(ReadProtected, "ReadProtected") X(Constant, "Constant") X(Temporary, "Temporary") \
  X(Stub, "Stub") X(NHoldAll, "NHoldAll") X(NHoldFirst, "NHoldFirst") \
  X(NHoldRest, "NHoldRest") X(Automatic, "Automatic") X(Composition, "Composition") \
  X(RightComposition, "RightComposition") X(Prefix, "Prefix") X(Postfix, "Postfix") \
  X(Infix, "Infix") X(CircleTimes, "CircleTimes") \
  X(NonCommutativeMultiply, "NonCommutativeMultiply") X(Module, "Module") X(Block, "Block") \
  X(With, "With") X(Head, "Head") X(Length, "Length") X(Cross, "Cross") \
  X(Element, "Element") X(TwoWayRule, "TwoWayRule") X(UndirectedEdge, "UndirectedEdge") \
  X(DirectedEdge, "DirectedEdge") X(Colon, "Colon") X(Therefore, "Therefore") \
  X(Because, "Because") X(MapApply, "MapApply") X(Tilde, "Tilde") \
  X(ReplaceList, "ReplaceList") X(StringForm, "StringForm") X(Assert, "Assert") \
  X(Identity, "Identity") X(Context, "Context") X(SetAttributes, "SetAttributes") \
  X(Interval, "Interval") X(Key, "Key") X(Skeleton, "Skeleton") X(RowBox, "RowBox") \
  X(Overflow, "Overflow") X(EndOfStream, "EndOfStream") X(ByteArray, "ByteArray") \
  X(Root, "Root") X(Table, "Table") X(Do, "Do") X(Sum, "Sum") X(Product, "Product") \
  X(Thread, "Thread") X(If, "If") X(Mod, "Mod") X(Which, "Which") X(Switch, "Switch") X(Clear, "Clear") X(ClearAll, "ClearAll") X(Remove, "Remove") X(DFailed, "$Failed") X(DAborted, "$Aborted") X(DTimedOut, "$TimedOut") \
  X(DRecursionLimit, "$RecursionLimit") X(DIterationLimit, "$IterationLimit") \
  X(DMessageList, "$MessageList") X(DLine, "$Line") X(DVersion, "$Version") \
  X(DContext, "$Context") X(DContextPath, "$ContextPath") X(DScriptCommandLine, "$ScriptCommandLine") \
  X(Longest, "Longest") X(Shortest, "Shortest") X(OptionsPattern, "OptionsPattern") \
  X(PatternSequence, "PatternSequence") X(Heads, "Heads") X(MaxIterations, "MaxIterations") \
  X(Definition, "Definition") X(Short, "Short") X(Shallow, "Shallow") \
  X(Nothing, "Nothing") X(LyraBigReal, "Lyra`BigReal") X(Splice, "Splice")
#endif
