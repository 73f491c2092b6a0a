(* dates: DateList, DatePlus, DateDifference, DayName, DateObject, Quantity *)
Print[DateList[{2024, 3, 15, 10, 30, 0}]]
(* expect: {2024, 3, 15, 10, 30, 0} *)
Print[DateList[{2024, 1, 32}]]
(* expect: {2024, 2, 1, 0, 0, 0} *)
Print[DateList["2024-01-15"]]
(* expect: {2024, 1, 15, 0, 0, 0.} *)
Print[DateString[{2024, 3, 15}, {"Year", "-", "Month", "-", "Day"}]]
(* expect: 2024-03-15 *)
Print[DayName[{2024, 3, 15}]]
(* expect: Friday *)
Print[DatePlus[{2024, 1, 31}, 1]]
(* expect: {2024, 2, 1} *)
Print[DatePlus[{2024, 1, 31}, {1, "Month"}]]
(* expect: {2024, 2, 29} *)
Print[DatePlus[{2024, 1, 1}, {2, "Week"}]]
(* expect: {2024, 1, 15} *)
Print[DateDifference[{2024, 1, 1}, {2024, 3, 1}]]
(* expect: 60 days *)
Print[DateDifference[{2024, 1, 1}, {2024, 1, 2}]]
(* expect: 1 day *)
Print[DateObject[{2024, 3, 15}]]
(* expect: Day: Fri 15 Mar 2024 *)
Print[DateObject[{2024, 3, 15, 10, 30, 0}]]
(* expect: Fri 15 Mar 2024 10:30:00 *)
Print[DateString[DateObject[{2024, 3, 15}]]]
(* expect: Fri 15 Mar 2024 00:00:00 *)
Print[DayName[DateObject[{2024, 12, 25}]]]
(* expect: Wednesday *)
Print[InputForm[DateDifference[{2024, 1, 1}, {2024, 3, 1}]]]
(* expect: Quantity[60, "Days"] *)
Print[Head[Now]]
(* expect: DateObject *)
