/*
** lyr_status.h -- status codes returned by every fallible runtime function.
** The runtime never aborts on a user-reachable error and never longjmps.
*/
#ifndef LYR_STATUS_H
#define LYR_STATUS_H

typedef enum LyrStatus {
  LYR_OK = 0,
  LYR_TIMEOUT,     /* the absolute deadline passed */
  LYR_CLOSED,      /* channel closed (send), or closed and drained (recv) */
  LYR_CANCELLED,   /* a cancellation token fired, or the task was cancelled */
  LYR_EMPTY,       /* try-receive/steal found nothing */
  LYR_FULL,        /* try-send/try-submit found no room */
  LYR_BUSY,        /* lost a race (steal) or resource in use; retry */
  LYR_NOMEM,       /* allocation failed */
  LYR_INVAL,       /* bad argument */
  LYR_SHUTDOWN,    /* the pool is shutting down or shut down */
  LYR_SYSERR,      /* an OS call failed (errno preserved where meaningful) */
  LYR_UNSUPPORTED  /* not possible on this system (e.g. binding refused) */
} LyrStatus;

/* Static English name of a status ("ok", "timeout", ...). Any thread. */
const char *lyr_status_str(LyrStatus s);

#endif
