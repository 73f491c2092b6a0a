(* pool.shutdown(): no more submissions at once; waits for the queued and
   running work and joins the threads.  A wait that cannot end (a task that
   never returns) is bounded: pool.shutdown(t), TimeConstrained or Ctrl-C stop
   it, and what is left is cancelled -- running tasks at their next safe
   point, queued ones never start. *)
q = ThreadPool[2];
fs = Table[With[{i = i}, q.submit((Pause[0.01]; i) &)], {i, 6}];
Print[q.shutdown()]
(* expect: Null *)
Print[FutureState /@ fs]
(* expect: {Done, Done, Done, Done, Done, Done} *)
Print[WaitAll[fs]]
(* expect: {1, 2, 3, 4, 5, 6} *)
(* again: nothing left to wait for *)
Print[q.shutdown()]
(* expect: Null *)
Print[q]
(* expect: ThreadPool[<2 workers, shut down>] *)
(* an endless task: TimeConstrained stops the wait, the rest is cancelled *)
q = ThreadPool[1];
f = q.submit(While[True, Pause[0.001]] &);
g = q.submit(1 &);
Print[TimeConstrained[q.shutdown(), 0.3, "gave up"]]
(* expect: gave up *)
Print[{Await[f], Await[g]}]
(* expect: {$Aborted, $Aborted} *)
Print[q.submit(1 &)]
(* expect-stderr: Submit::shutdown: The pool has been shut down. *)
(* expect: $Failed *)
(* pool.shutdown(t) waits at most t seconds, then does the same *)
q = ThreadPool[1];
f = q.submit(While[True, Pause[0.001]] &);
Print[q.shutdown(0.2)]
(* expect: $TimedOut *)
Print[Await[f]]
(* expect: $Aborted *)
(* a second call waits for the cancelled tasks to stop *)
Print[q.shutdown()]
(* expect: Null *)
q = ThreadPool[1];
Print[q.shutdown(30)]
(* expect: Null *)
q = ThreadPool[1];
Print[q.shutdown(-1)]
(* expect-stderr: ThreadPool::tmout: The timeout -1 is not a non-negative number of seconds or Infinity. *)
(* expect: ThreadPool[<1 worker>][shutdown, -1] *)
(* a task blocked on a channel nothing will feed: ::deadlock, not a hang *)
q = ThreadPool[1]; ch = Channel[];
f = q.submit(Receive[ch] &);
Print[q.shutdown()]
(* expect-stderr: ThreadPool::deadlock: Deadlock: this thread and every worker are blocked on channels or futures that nothing can complete. *)
(* expect: $Failed *)
Print[Await[f]]
(* expect: $Aborted *)
