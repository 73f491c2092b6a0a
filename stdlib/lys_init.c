/*
 * lys_init.c — opens every stdlib module in a VM.
 */
#include "lyra_ext.h"

LyStatus lys_open_io(LyVM *vm);
LyStatus lys_open_info(LyVM *vm);

LyStatus ly_open_stdlib(LyVM *vm) {
    LyStatus (*const openers[])(LyVM *) = {
        lys_open_io, lys_open_info,
    };
    for (size_t i = 0; i < sizeof openers / sizeof openers[0]; i++) {
        LyStatus st = openers[i](vm);
        if (st != LY_OK) return st;
    }
    return LY_OK;
}
