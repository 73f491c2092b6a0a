/*
 * linit.c — ly_new(): a VM with every library opened (Lua's linit.c).
 * It sits above all layers, so the layers themselves never depend on each
 * other sideways: vm/ has ly_new_bare, stdlib/ and foreign/ their openers.
 */
#include "lyra_ext.h"

LyVM *ly_new(LyAlloc alloc, void *ud) {
    LyVM *vm = ly_new_bare(alloc, ud);
    if (!vm) return NULL;
    if (ly_open_core(vm) != LY_OK || ly_open_stdlib(vm) != LY_OK
#ifdef LY_HAVE_FOREIGN
        || ly_open_parallel(vm) != LY_OK
#endif
    ) {
        ly_close(vm);
        return NULL;
    }
    return vm;
}
