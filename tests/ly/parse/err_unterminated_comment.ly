x = 1 (* open
(* Parser error test: a comment that never ends.  Its expectations below lie
   inside that comment, where the runner still finds them.
(* expect-exit: 1 *)
(* expect-stderr: err_unterminated_comment.ly:1:7: unterminated comment *)
(* expect-stderr: x = 1 (* open *)
(* expect-stderr:       ^ *)
