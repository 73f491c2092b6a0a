/*
** status.c -- names of LyrStatus codes.  Pure, any thread.
*/
#include "lyr_status.h"

const char *lyr_status_str(LyrStatus s) {
  switch (s) {
  case LYR_OK: return "ok";
  case LYR_TIMEOUT: return "timeout";
  case LYR_CLOSED: return "closed";
  case LYR_CANCELLED: return "cancelled";
  case LYR_EMPTY: return "empty";
  case LYR_FULL: return "full";
  case LYR_BUSY: return "busy";
  case LYR_NOMEM: return "out of memory";
  case LYR_INVAL: return "invalid argument";
  case LYR_SHUTDOWN: return "shut down";
  case LYR_SYSERR: return "system error";
  case LYR_UNSUPPORTED: return "unsupported";
  }
  return "unknown status";
}

#include "lyr_atomic.h"
#if LYR_TSAN
_Atomic int lyr_fence_dummy_;
#endif
