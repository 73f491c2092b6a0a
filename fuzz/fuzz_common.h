/*
 * fuzz_common.h — shared set-up for the libFuzzer harnesses (issue 9).
 *
 * Each input runs in fresh VMs, so a crash reproduces from the input alone.
 * The VMs are sandboxed: messages and Print go nowhere, every builtin that
 * touches files, the environment, the clock (Pause) or threads is replaced
 * by a stub that returns $Failed, the VM's memory is capped (ly_set_max_memory)
 * and evaluation runs under TimeConstrained and MemoryConstrained with a
 * lowered $RecursionLimit / $IterationLimit.  What is left is what a script
 * can do to the interpreter itself.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lyra.h"
#include "lyra_ext.h"

/* libFuzzer's entry points */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_MAX_MEMORY ((size_t)256 << 20)   /* per VM */
#define FUZZ_MAX_INPUT 4096                    /* longer inputs are cut */

static inline void fuzz_quiet(void *ud, const char *text, size_t len) { (void)ud; (void)text; (void)len; }

static inline LyExpr fuzz_stub(LyVM *vm, LyExpr e) { (void)vm; (void)e; return ly_symbol(vm, "$Failed"); }

static const char *const fuzz_blocked[] = {
    "CopyFile", "CreateDirectory", "DeleteDirectory", "DeleteFile", "Export", "Put",
    "PutAppend", "OpenAppend", "OpenWrite", "OpenRead", "RenameFile", "SetDirectory",
    "ResetDirectory", "SetEnvironment", "Write", "WriteLine", "WriteString", "Pause",
    "Get", "Import", "ReadList", "ReadString", "ReadLine", "FileNames", "Close",
    "Run", "RunProcess", "Install", "Needs",
    NULL
};

/* The parallel layer: its workers run in VMs of their own, out of reach of
 * the stubs above, so only fuzz_par.c allows it (with its own guards). */
static const char *const fuzz_parallel[] = {
    "ParallelMap", "ParallelTable", "ParallelDo", "ParallelSum", "ParallelProduct",
    "ParallelReduce", "ParallelSelect", "ParallelSubmit", "ParallelCombine", "ParallelClaim",
    "ThreadPool", "Channel", "Future", NULL
};

static inline LyVM *fuzz_vm_with(int parallel) {
    LyVM *vm = ly_new(NULL, NULL);
    if (!vm) abort();
    ly_set_output(vm, fuzz_quiet, NULL);
    ly_set_messages(vm, fuzz_quiet, NULL);
    ly_set_max_memory(vm, FUZZ_MAX_MEMORY);    /* worker VMs running its tasks too */
    ly_set_stack_limit(vm, (size_t)1 << 20);   /* libFuzzer's main thread: 8 MiB */
    for (int i = 0; fuzz_blocked[i]; i++)
        ly_register(vm, fuzz_blocked[i], fuzz_stub, "Protected", "blocked while fuzzing");
    for (int i = 0; !parallel && fuzz_parallel[i]; i++)
        ly_register(vm, fuzz_parallel[i], fuzz_stub, "Protected", "blocked while fuzzing");
    return vm;
}

static inline LyVM *fuzz_vm(void) { return fuzz_vm_with(0); }

/* Evaluates e under a time and memory budget; new reference or NULL. */
static inline LyExpr fuzz_eval(LyVM *vm, LyExpr e, double seconds) {
    /* Block[{$RecursionLimit = 256, $IterationLimit = 1000},
     *       TimeConstrained[MemoryConstrained[e, 64 MiB], seconds]] */
    LyExpr mc_args[2] = { e, ly_int(vm, (int64_t)64 << 20) };
    LyExpr mc = ly_applyf(vm, "MemoryConstrained", 2, mc_args);
    ly_decref(vm, mc_args[1]);
    LyExpr tsec = ly_real(vm, seconds);
    LyExpr tc_args[2] = { mc, tsec };
    LyExpr tc = mc && tsec ? ly_applyf(vm, "TimeConstrained", 2, tc_args) : NULL;
    if (mc) ly_decref(vm, mc);
    if (tsec) ly_decref(vm, tsec);
    if (!tc) return NULL;
    LyExpr limits = NULL;
    if (ly_parse(vm, "{$RecursionLimit = 256, $IterationLimit = 1000}", (size_t)-1, "fuzz", &limits) != LY_OK) {
        ly_decref(vm, tc);
        return NULL;
    }
    LyExpr bl_args[2] = { limits, tc };
    LyExpr bl = ly_applyf(vm, "Block", 2, bl_args);
    ly_decref(vm, limits);
    ly_decref(vm, tc);
    if (!bl) return NULL;
    LyExpr r = NULL;
    LyStatus st = ly_eval(vm, bl, &r);
    ly_decref(vm, bl);
    if (st != LY_OK && st != LY_ERRMEM && st != LY_ABORTED && st != LY_ERRRUN && st != LY_QUIT) abort();
    return r;
}

#endif
