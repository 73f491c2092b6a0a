/*
 * lyf_open.c — ly_open_parallel: registers foreign/'s builtins in a VM.
 *
 * Called for every VM ly_new makes, worker VMs included (they are made on
 * worker threads): opening creates no pool and starts no thread, so a
 * worker opening its own VM can never recurse into pool creation.  The
 * default pool is created by the first parallel call.
 */
#include "lyf.h"
#include "lyf_compile.h"

extern LyCFunction lyf_runtask_fn;


LyStatus ly_open_parallel(LyVM *vm) {
    LyStatus st;
    if ((st = ly_register(vm, "Lyra`Private`RunTask", lyf_runtask_fn, "HoldAll Protected", "")) != LY_OK) return st;
    if ((st = lyf_open_pool(vm)) != LY_OK) return st;
    if ((st = lyf_open_future(vm)) != LY_OK) return st;
    if ((st = lyf_open_chan(vm)) != LY_OK) return st;
    if ((st = lyf_open_par(vm)) != LY_OK) return st;
    if ((st = lyf_open_shared(vm)) != LY_OK) return st;
    if ((st = lyf_open_host(vm)) != LY_OK) return st;
    if ((st = lyf_open_compile(vm)) != LY_OK) return st;
    if ((st = lyf_open_cluster(vm)) != LY_OK) return st;     /* last: it records the base version */
    return LY_OK;
}
