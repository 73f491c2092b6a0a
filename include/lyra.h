/*
 * lyra.h — the embedding API of Lyra.
 *
 * Lyra is an interpreter for a symbolic language in the style of the Wolfram
 * Language.  A host program creates one or more VMs, evaluates text or
 * expressions in them, and reads the results back.  docs/embedding.md is the
 * guide; this header is the reference.
 *
 * Threads
 * -------
 *   - Any number of VMs may exist at once, created on any host thread.
 *   - Each VM is used by one thread at a time.  It may move to another
 *     thread between calls (the host orders the hand-over, e.g. with a
 *     mutex or by joining a thread).
 *   - ly_abort() is the one function that may be called on a VM from any
 *     thread (and from signal handlers) while another thread uses it.
 *   - Debug builds of the library (built without NDEBUG, the default of
 *     `make`) check this on entry to the functions that touch a VM: a call
 *     made while another thread is inside an evaluation of the same VM
 *     prints "lyra: VM ... used by two threads at once" and aborts the
 *     process.  Release builds (-DNDEBUG) do not check.
 *   - Values (LyExpr) belong to the VM that made them and are not thread
 *     safe: use them only with their own VM.  Move a value to another VM
 *     with ly_copy() (lyra_ext.h) while its own VM is idle.
 *   - C functions registered with ly_register() are also called on the
 *     worker threads of ParallelMap & co., with the worker's VM as vm: they
 *     must be thread safe with respect to any host data they share.
 *   - Hooks (ly_set_output, ly_set_messages) run on the thread that
 *     evaluates; output of parallel workers is collected and replayed on
 *     the calling VM's thread, through its hooks, in input order.
 *
 * Values and ownership
 * --------------------
 * Values (LyExpr) are immutable and reference counted.  Ownership is stated
 * for every function:
 *   "new reference"  the caller owns the result and must ly_decref() it;
 *   "borrowed"       the caller must not decref it; it lives as long as the
 *                    value it was borrowed from;
 *   "steals"         the function takes over the caller's reference.
 * Arguments are borrowed unless stated otherwise.  Small integers, symbols
 * and NULL are not heap objects: ly_incref/ly_decref accept them and do
 * nothing, so a host never needs to tell kinds apart before releasing.
 *
 * Errors
 * ------
 * Functions that can fail return an LyStatus, or NULL for constructors
 * (out of memory).  Nothing ever longjmps out of an API call and no exit
 * (Throw, Abort, ...) leaks from one call into the next.  ly_errmsg()
 * describes the last failed evaluation.  "Cannot fail" below means the
 * function has no failure result.
 */
#ifndef LYRA_H
#define LYRA_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "lyconf.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct LyVM LyVM;
typedef struct LyObject *LyExpr;   /* tagged; NULL means "no value" */

typedef enum LyStatus {
    LY_OK = 0,
    LY_ERRSYNTAX,   /* the text does not parse; ly_errmsg() has file:line:col */
    LY_ERRRUN,      /* an uncaught Throw, or a failed evaluation (see ly_errmsg) */
    LY_ERRMEM,      /* out of memory (the allocator failed, or ly_set_max_memory) */
    LY_ABORTED,     /* Abort[], ly_abort(), Ctrl-C, or an aborted parallel task */
    LY_ERRARG,      /* bad argument to an API function */
    LY_ERRIO,       /* a file could not be read (ly_eval_file) */
    LY_QUIT,        /* the code called Quit[n] / Exit[n]: ly_quit_code() gives n */
    LY_TIMEOUT      /* ly_await: the time ran out before the task finished */
} LyStatus;

/* The allocator: exactly lua_Alloc's contract, so a Lua allocator (and
 * lua_getallocf's result) can be passed as is.  Frees ptr when nsize == 0
 * (and returns NULL); otherwise allocates (ptr == NULL; osize is then
 * meaningless) or resizes ptr from osize to nsize bytes.  Returning NULL
 * for nsize > 0 is an out-of-memory failure, which the VM survives.  One
 * VM calls its allocator only from the thread that is using the VM; a
 * custom allocator shared by VMs on several threads must be thread safe. */
typedef void *(*LyAlloc)(void *ud, void *ptr, size_t osize, size_t nsize);

/* ---- version ----------------------------------------------------------------------- */

/* LY_VERSION ("0.1.0"), LY_VERSION_MAJOR/MINOR/PATCH and LY_VERSION_NUM
 * (major*10000 + minor*100 + patch) in lyconf.h are the headers' version;
 * these give the library's, to detect a mismatch at run time.  Cannot fail. */
LY_API const char *ly_version(void);         /* static string, e.g. "0.1.0" */
LY_API int ly_version_num(void);             /* e.g. 100 for 0.1.0 */
/* The name of a status code ("LY_OK", "LY_ERRSYNTAX", ...); static string. */
LY_API const char *ly_status_name(LyStatus st);

/* ---- VM lifetime ---------------------------------------------------------------------- */

/* A new VM with every library loaded.  alloc may be NULL (malloc/free);
 * ud is passed to it unchanged and must outlive the VM.  Returns NULL when
 * out of memory.  Cheap enough to make one per host thread. */
LY_API LyVM *ly_new(LyAlloc alloc, void *ud);
/* A VM with no builtins at all (for tests and sandboxes): not even Plus.
 * NULL when out of memory. */
LY_API LyVM *ly_new_bare(LyAlloc alloc, void *ud);
/* Frees the VM and everything it owns: every byte goes back to its
 * allocator.  Values of the VM still held by the host become invalid (do
 * not decref them afterwards).  vm may be NULL.  Must not be called while
 * the VM evaluates (not from inside a C function it called).  Closing the
 * last VM that used the default thread pool shuts that pool down (joins
 * its threads).  Cannot fail. */
LY_API void ly_close(LyVM *vm);

/* ---- evaluation -------------------------------------------------------------------------- */

/* Every evaluating function below follows one protocol:
 *   - On LY_OK, *result (when result is not NULL) gets a new reference to
 *     the value.  On other statuses *result is set too, to NULL or to a
 *     new reference describing the failure ($Aborted for LY_ABORTED and
 *     LY_ERRMEM, Hold[Throw[value, tag]] for an uncaught Throw, Null for
 *     LY_QUIT): decref it when it is not NULL.  result may be NULL.
 *   - ly_errmsg() describes the failure; messages (f::tag) issued on the
 *     way went to the message hook (stderr by default).
 *   - The VM stays usable after any status.
 *   - A C function called by the evaluation may itself call these
 *     functions on the same VM (nested calls); an exit inside the nested
 *     call ends there with its status.
 */

/* Parses and evaluates every statement of src (len bytes, or strlen if
 * len == (size_t)-1), in order.  chunkname (may be NULL) names the source
 * in syntax errors ("file.ly", "<stdin>").  *result gets the value of the
 * last statement (the symbol Null when there is none).  Each statement is
 * a top-level input, as in Wolfram: an uncaught Throw ends only its own
 * statement (Throw::nocatch; the status is LY_ERRRUN all the same), a
 * Return with nothing to return from gives the value Return[v].  Other
 * exits (Abort, Quit, out of memory) end the whole source.  A syntax error
 * evaluates nothing: LY_ERRSYNTAX, *result NULL, ly_errmsg() gives
 * "chunk:line:col: message", the source line and a caret. */
LY_API LyStatus ly_eval_string(LyVM *vm, const char *src, size_t len,
                               const char *chunkname, LyExpr *result);
/* Like ly_eval_string, but as a script is read (wolframscript -file, Get):
 * each statement is parsed only when the ones before it have been
 * evaluated, so what they did (definitions, BeginPackage) is in force
 * while it is read, and a syntax error in a statement stops the source
 * after the statements before it ran: LY_ERRSYNTAX, *result NULL,
 * ly_errmsg() as for ly_eval_string. */
LY_API LyStatus ly_eval_script(LyVM *vm, const char *src, size_t len,
                               const char *chunkname, LyExpr *result);
/* Reads the file at path and evaluates it like ly_eval_script (the path
 * names it in errors; a first line starting with "#!" is skipped).
 * LY_ERRIO when the file cannot be read (ly_errmsg says why). */
LY_API LyStatus ly_eval_file(LyVM *vm, const char *path, LyExpr *result);
/* Evaluates e (borrowed; a value of this VM). */
LY_API LyStatus ly_eval(LyVM *vm, LyExpr e, LyExpr *result);
/* Parses src into one expression (several statements are joined by
 * CompoundExpression) without evaluating it.  On LY_OK *result (not NULL)
 * gets a new reference; on LY_ERRSYNTAX it is left alone. */
LY_API LyStatus ly_parse(LyVM *vm, const char *src, size_t len,
                         const char *chunkname, LyExpr *result);
/* Evaluates fname[args[0], ..., args[n-1]] (args borrowed).  fname is a
 * symbol name such as "Plus" or "MyPackage`f".  LY_ERRMEM when the call
 * cannot be built. */
LY_API LyStatus ly_call(LyVM *vm, const char *fname, size_t n,
                        const LyExpr *args, LyExpr *result);
/* The status requested by Quit[n] when a call returned LY_QUIT (0..255).
 * The VM stays usable: ending the process is the host's decision. */
LY_API int ly_quit_code(LyVM *vm);
/* Description of the last failed evaluation: never NULL ("" when the last
 * call succeeded).  Borrowed; valid until the next call on vm. */
LY_API const char *ly_errmsg(LyVM *vm);
/* Requests an abort of whatever vm is evaluating: the evaluation stops at
 * its next safe point (every function call and loop iteration, parallel
 * work included) and returns LY_ABORTED.  Callable from any thread and
 * from signal handlers; async-signal-safe and lock-free.  A request made
 * while vm is idle is dropped (the next evaluation is not aborted). */
LY_API void ly_abort(LyVM *vm);

/* ---- values: reference counts and kinds ---------------------------------------------- */

/* Reference counting (non-atomic: the VM's thread only).  e may be NULL,
 * a small integer or a symbol (no-ops).  Cannot fail. */
LY_API void ly_incref(LyVM *vm, LyExpr e);
LY_API void ly_decref(LyVM *vm, LyExpr e);

typedef enum LyKind {
    LY_KINT,        /* integer of any size */
    LY_KRATIONAL,   /* exact fraction n/d */
    LY_KREAL,       /* machine real (double) */
    LY_KCOMPLEX,
    LY_KSTRING,
    LY_KSYMBOL,
    LY_KNORMAL,     /* h[a1, ..., an], including lists {a1, ...} */
    LY_KPACKED,     /* packed array: behaves as a List of machine numbers */
    LY_KASSOC,      /* <|k1 -> v1, ...|> */
    LY_KFOREIGN     /* a foreign object (ThreadPool, Future, host types) */
} LyKind;

/* The kind of e (not NULL).  Cannot fail. */
LY_API LyKind ly_kind(LyExpr e);

/* ---- constructors ------------------------------------------------------------------------ */

/* Each returns a new reference, or NULL when out of memory (or for the
 * bad input noted).  Arguments are borrowed. */
LY_API LyExpr ly_int(LyVM *vm, int64_t v);
/* An integer from digits in base 2..62 ("-123", leading spaces allowed;
 * base 0: "0x", "0b", "0" prefixes pick the base).  NULL also when the
 * text is not a valid integer. */
LY_API LyExpr ly_int_parse(LyVM *vm, const char *digits, int base);
LY_API LyExpr ly_real(LyVM *vm, double v);
/* num/den in lowest terms (an integer when den divides num).  NULL also
 * when den == 0. */
LY_API LyExpr ly_rational(LyVM *vm, int64_t num, int64_t den);
/* A string of len bytes of UTF-8 (copied; may contain NUL bytes). */
LY_API LyExpr ly_string(LyVM *vm, const char *s, size_t len);
LY_API LyExpr ly_cstring(LyVM *vm, const char *s);     /* NUL-terminated */
/* The symbol with that name ("x", "Plus", "ctx`name").  Symbols are
 * process-wide and never freed; decref is a no-op on them. */
LY_API LyExpr ly_symbol(LyVM *vm, const char *name);
/* head[args[0], ..., args[n-1]]: a normal expression (borrows head and
 * args; not evaluated). */
LY_API LyExpr ly_apply(LyVM *vm, LyExpr head, size_t n, const LyExpr *args);
/* The same with a symbol name as head ("f", "Plus"). */
LY_API LyExpr ly_applyf(LyVM *vm, const char *head, size_t n, const LyExpr *args);
/* {items[0], ..., items[n-1]}. */
LY_API LyExpr ly_list(LyVM *vm, size_t n, const LyExpr *items);
/* A packed array (a List of n machine integers / reals; data copied). */
LY_API LyExpr ly_packed_int64(LyVM *vm, size_t n, const int64_t *data);
LY_API LyExpr ly_packed_real(LyVM *vm, size_t n, const double *data);
/* <|keys[0] -> values[0], ...|> (all borrowed): an association in the
 * order given; a repeated key keeps its first position and its last value,
 * as in Association[...].  NULL when out of memory. */
LY_API LyExpr ly_association(LyVM *vm, size_t n, const LyExpr *keys, const LyExpr *values);

/* ---- inspection ---------------------------------------------------------------------------- */

/* None of these can fail, and none allocates except where it says "new
 * reference".  e may be any value. */
LY_API bool ly_is_int(LyExpr e);
/* Stores an integer in *out; false (out untouched) if e is not an integer
 * or does not fit in 64 bits. */
LY_API bool ly_get_int64(LyExpr e, int64_t *out);
/* Any real number (integer, rational, real) as a double; false otherwise. */
LY_API bool ly_get_real(LyExpr e, double *out);
/* The bytes of a string (borrowed, NUL-terminated; *len gets the length
 * when len is not NULL); NULL if e is not a string. */
LY_API const char *ly_get_string(LyExpr e, size_t *len);
/* The name of a symbol (static, never freed); NULL if e is not a symbol. */
LY_API const char *ly_symbol_name(LyExpr e);
/* True when e is the symbol with that name ("True", "Null"). */
LY_API bool ly_is_symbol(LyExpr e, const char *name);
/* Number of parts: arguments of a normal expression (list elements), rows
 * of a packed array, entries of an association; 0 for atoms. */
LY_API size_t ly_length(LyExpr e);
/* Part i of e, a new reference, or NULL when i > ly_length(e) or e is an
 * atom (or out of memory for a packed row).  i == 0 is the head (List for
 * packed arrays, Association for associations); for an association, part
 * i is the value of entry i.  Packed elements are made on demand. */
LY_API LyExpr ly_part(LyVM *vm, LyExpr e, size_t i);
/* Head[e] for any e: ly_part(e, 0) for normal expressions, else the
 * symbol Integer, Rational, Real, Complex, String, Symbol, List,
 * Association, or the foreign type's name.  New reference (a symbol);
 * NULL only when out of memory. */
LY_API LyExpr ly_head(LyVM *vm, LyExpr e);
/* SameQ: structural equality.  Cannot fail. */
LY_API bool ly_same(LyExpr a, LyExpr b);

/* Associations.  The value stored under key (new reference), or NULL when
 * the key is absent or assoc is not an association. */
LY_API LyExpr ly_assoc_get(LyVM *vm, LyExpr assoc, LyExpr key);
/* Entry i (1 <= i <= ly_length(assoc), in order) as new references to its
 * key and value (either pointer may be NULL to skip it).  False (nothing
 * stored) when i is out of range or assoc is not an association.  The
 * value of a delayed entry (k :> v) is v unevaluated. */
LY_API bool ly_assoc_entry(LyVM *vm, LyExpr assoc, size_t i, LyExpr *key, LyExpr *value);

/* Integers of any size as text: e in base 2..36 ("-ff" for -255 in base
 * 16), NUL-terminated, freed with ly_free(vm, s).  NULL when e is not an
 * integer, base is out of range, or out of memory.  (ly_int_parse is the
 * inverse; ly_tostring gives base 10 too.) */
LY_API char *ly_int_tostring(LyVM *vm, LyExpr e, int base);

/* Integers as GMP numbers: declared when <gmp.h> is included before this
 * header, so lyra.h itself never needs GMP.  ly_int_from_mpz: a new
 * reference (NULL when out of memory).  ly_int_get_mpz: sets out (an
 * initialised mpz_t, owned by the caller, using GMP's allocator) to e;
 * false (out untouched) when e is not an integer. */
#ifdef __GNU_MP__
LY_API LyExpr ly_int_from_mpz(LyVM *vm, mpz_srcptr z);
LY_API bool ly_int_get_mpz(LyExpr e, mpz_ptr out);
#endif

/* ---- text forms ---------------------------------------------------------------------------- */

/* e as text: InputForm (what parses back: "x^2", "\"s\"", "1/2"),
 * FullForm ("Power[x, 2]") or OutputForm (what the REPL shows).  Returns a
 * NUL-terminated string the caller frees with ly_free(vm, s), or NULL when
 * out of memory. */
typedef enum LyForm { LY_FORM_INPUT, LY_FORM_FULL, LY_FORM_OUTPUT } LyForm;
LY_API char *ly_tostring(LyVM *vm, LyExpr e, LyForm form);
/* Frees a string returned by ly_tostring or ly_int_tostring (NULL is a
 * no-op).  Cannot fail. */
LY_API void ly_free(LyVM *vm, void *s);

/* ---- host hooks ---------------------------------------------------------------------------- */

/* Where Print output and messages go.  Each call of a hook receives one
 * complete line (text borrowed for the call, not NUL-terminated, without
 * its newline).  hook NULL restores stdout / stderr.  ud is passed back
 * unchanged.  Hooks are called on the thread evaluating vm; a hook must
 * not close vm, and may not call back into vm except through ly_abort.
 * Cannot fail. */
typedef void (*LyWriteHook)(void *ud, const char *text, size_t len);
LY_API void ly_set_output(LyVM *vm, LyWriteHook hook, void *ud);
LY_API void ly_set_messages(LyVM *vm, LyWriteHook hook, void *ud);

/* Command-line arguments seen by scripts as $ScriptCommandLine (argv and
 * its strings are copied).  Ignored when out of memory. */
LY_API void ly_set_argv(LyVM *vm, int argc, char **argv);

/* REPL support: records value (borrowed) as Out[line], so that %, %% and %n
 * find it, and sets $Line to line + 1.  Ignored when out of memory. */
LY_API void ly_set_out(LyVM *vm, int64_t line, LyExpr value);
/* $Line: the number of the next input (the value of $Line, which a program
 * may reset: $Line = 0 makes the next Out line Out[0]). */
LY_API int64_t ly_line(LyVM *vm);

/* The setters and queries below cannot fail. */

/* The C stack budget for evaluation on the calling thread (default: 3/4 of
 * RLIMIT_STACK, at most 6 MiB).  Hosts that evaluate on threads with small
 * or very large stacks set it to what the thread has.  Deeper recursion
 * stops with $RecursionLimit::reclim2 instead of overflowing. */
LY_API void ly_set_stack_limit(LyVM *vm, size_t bytes);

/* A budget for the memory the VM holds (bytes through its allocator; GMP
 * temporaries and the C stack are not counted).  A request that would pass
 * it fails as out of memory: the evaluation stops with General::nomem and
 * LY_ERRMEM.  0 removes the budget.  Independently of the budget, no single
 * request larger than half the physical memory is passed to the allocator
 * (or larger than the budget when one is set).  `lyra --max-memory`. */
LY_API void ly_set_max_memory(LyVM *vm, size_t bytes);
/* The budget set with ly_set_max_memory (0: none).  Tasks run on the
 * parallel layer's workers get their caller's budget, in each worker VM. */
LY_API size_t ly_max_memory(LyVM *vm);
/* Bytes the VM holds now (what the budget is compared with). */
LY_API size_t ly_memory_in_use(LyVM *vm);
/* The most bytes the VM has held since it was made (MaxMemoryUsed[]). */
LY_API size_t ly_memory_max_used(LyVM *vm);

/* Symbol names known to the process that start with prefix (for completion).
 * Calls fn for each; stops when fn returns false. */
LY_API void ly_complete(LyVM *vm, const char *prefix,
                        bool (*fn)(void *ud, const char *name), void *ud);
/* True when src is an unfinished statement that more lines could complete
 * (open brackets, unterminated string or comment, trailing operator): the
 * REPL keeps reading.  Needs no VM. */
LY_API bool ly_input_incomplete(const char *src, size_t len);

/* The usage text of a symbol (?name), borrowed (static), or NULL when it
 * has none.  Cannot fail. */
LY_API const char *ly_usage(LyVM *vm, const char *name);

/* ---- opening libraries (lib/linit.c uses these) ------------------------------------------- */
/* For VMs made with ly_new_bare: each returns LY_OK or LY_ERRMEM. */
LY_API LyStatus ly_open_core(LyVM *vm);       /* the language core (vm/) */
LY_API LyStatus ly_open_stdlib(LyVM *vm);     /* stdlib/ (needs the core) */
LY_API LyStatus ly_open_parallel(LyVM *vm);   /* foreign/: ThreadPool, Channel, Parallel* */

/* ---- clusters (foreign/lyf_cluster*.c) ------------------------------------------------ */

/* A message transport between the processes of a cluster (ranks 0..size-1),
 * e.g. MPI: the lyra command loads one from liblyra_mpi.so when it runs
 * under mpirun.  Lyra itself never links a transport.  Messages are byte
 * strings; between one pair of ranks they arrive in the order sent. */
typedef struct LyTransport {
    int rank, size;              /* this process; number of processes */
    int local_size;              /* processes on this machine (for thread counts) */
    const char *name;            /* e.g. "Open MPI 4.1.4" */
    void *ud;
    /* Sends len bytes to rank dest; waits at most timeout seconds.  0 when
     * sent, -1 on failure.  Called from any thread. */
    int (*send)(void *ud, int dest, const void *data, size_t len, double timeout);
    /* Waits at most timeout seconds for a message from any rank: 1 with
     * *data (malloc'd, the caller frees it), *len and *src set; 0 on
     * timeout; -1 on failure.  Called from one thread at a time. */
    int (*recv)(void *ud, int *src, void **data, size_t *len, double timeout);
    /* Ends the transport: cleanly (every rank takes part) or not (a rank
     * died: finishing cleanly would wait for it). */
    void (*finish)(void *ud, bool clean);
} LyTransport;

/* Joins this process to a cluster (process-wide; once).  Every VM made
 * after this sees $ClusterRank, $ClusterSize and ClusterRanks[]; on rank 0
 * the default pool becomes ClusterPool[]: Parallel* calls and futures of
 * user VMs spread over every rank.  LY_ERRARG if already open or t is
 * unusable. */
LY_API LyStatus ly_cluster_open(const LyTransport *t);
/* Ranks other than 0: serve rank 0 (evaluate the chunks and futures it
 * sends) until it ends the cluster or stops answering; closes the
 * transport.  Returns the exit status for the process. */
LY_API int ly_cluster_serve(void);
/* Rank 0: ends the cluster (tells every rank to stop, closes the
 * transport).  Called by the lyra command at exit; harmless when no
 * cluster is open. */
LY_API void ly_cluster_close(void);

/* ---- registering C functions -------------------------------------------------------------- */

/* A builtin receives the whole expression f[args...] (borrowed, arguments
 * already evaluated unless the attributes hold them) and returns a new
 * reference to the result, or NULL to leave the expression unevaluated.
 * Inspect the arguments with ly_length/ly_part (part 1 is the first
 * argument).  It runs on the thread evaluating vm — for ParallelMap and
 * friends that is a worker thread with the worker's own VM, so values it
 * makes must be made in the vm it was given.  lyra_ext.h has the full
 * protocol (messages, raising Throw/Abort, evaluating arguments). */
typedef LyExpr (*LyCFunction)(LyVM *vm, LyExpr expr);
/* Registers fn as the built-in code of the symbol name (a later
 * registration of the same name takes over; the earlier code is tried when
 * fn leaves the expression unevaluated), with attributes written as text
 * ("HoldAll Listable"; NULL for none) and a usage string shown by ?name
 * (NULL for none).  name, attributes and usage are read now, but usage is
 * kept by pointer: it must outlive every VM (a string literal).  The
 * function reaches the workers of this VM's parallel calls automatically.
 * Returns LY_OK, LY_ERRARG (unknown attribute) or LY_ERRMEM. */
LY_API LyStatus ly_register(LyVM *vm, const char *name, LyCFunction fn,
                            const char *attributes, const char *usage);

/* ---- parallel work from the host ------------------------------------------------------------ */

/* Pools and futures are foreign objects, ordinary values of the VM that
 * made them (print as ThreadPool[<2 workers>] / Future[<Done>], can be
 * given to Lyra code, e.g. "Pool" -> pool or WaitAll[{f1, f2}]).  They are
 * made and awaited from the host thread that uses vm; the work itself runs
 * on the pool's worker threads, each with its own VM that sees vm's
 * definitions (as of submission) and registered C functions.  These need
 * a VM with the parallel library (ly_new; LY_ERRARG with ly_new_bare). */

/* A new pool of nworkers threads (<= 0: ThreadCount[], i.e. LYRA_THREADS
 * or the number of cores) in *pool (new reference).  The pool shuts down
 * (finishes queued work and joins its threads) when its last handle is
 * released: ly_decref(vm, pool) may block until running tasks end. */
LY_API LyStatus ly_pool_new(LyVM *vm, int nworkers, LyExpr *pool);
/* Evaluates expr (borrowed; copied at once, so it may be released right
 * away) on a worker of pool (NULL: the default pool shared by all VMs).
 * *future gets a new reference to a Future.  LY_ERRARG when pool is not a
 * pool or is shut down. */
LY_API LyStatus ly_submit(LyVM *vm, LyExpr pool, LyExpr expr, LyExpr *future);
/* A C task: fn(worker_vm, ud) runs on a worker thread with that worker's
 * VM and returns a new reference to a value of worker_vm (copied back to
 * the awaiting VM), or NULL for $Failed.  fn may evaluate with
 * ly_eval_string(worker_vm, ...) and may be called while the host thread
 * runs; ud belongs to the host, which keeps it alive until the future is
 * finished (awaited, or cancelled and then awaited). */
typedef LyExpr (*LyTaskFn)(LyVM *worker_vm, void *ud);
LY_API LyStatus ly_submit_fn(LyVM *vm, LyExpr pool, LyTaskFn fn, void *ud, LyExpr *future);
/* Waits up to `seconds` (< 0: without limit; 0: just looks) for future to
 * finish.  LY_OK: *result is its value.  LY_TIMEOUT: still running
 * (*result $TimedOut; await again later).  LY_ERRRUN: the task threw
 * (*result Hold[Throw[value, tag]], and Throw::nocatch was issued) or
 * failed (*result $Failed).  LY_ABORTED: the task was aborted or
 * cancelled, or ly_abort(vm) stopped the wait (*result $Aborted).
 * LY_ERRARG: future is not a Future.  A future may be awaited many times. */
LY_API LyStatus ly_await(LyVM *vm, LyExpr future, double seconds, LyExpr *result);
/* Cancels future: it never starts, or stops at its next safe point; an
 * await then gives LY_ABORTED (unless it had already finished).
 * LY_ERRARG when future is not a Future. */
LY_API LyStatus ly_cancel(LyVM *vm, LyExpr future);

typedef enum LyFutureState {
    LY_FUTURE_PENDING, LY_FUTURE_RUNNING, LY_FUTURE_DONE, LY_FUTURE_FAILED,
    LY_FUTURE_CANCELLED,
    LY_FUTURE_INVALID       /* not a Future */
} LyFutureState;
/* The state of future now (FutureState[future]); never blocks. */
LY_API LyFutureState ly_future_state(LyVM *vm, LyExpr future);

#ifdef __cplusplus
}
#endif
#endif
