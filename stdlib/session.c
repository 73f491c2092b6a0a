/*
 * session.c — time and the session: Timing, AbsoluteTiming, Pause,
 * AbsoluteTime, SessionTime, UnixTime, DateList, DateString, $TimeZone,
 * $CommandLine, $ProcessID, $MachineName, $OperatingSystem, $SystemID.
 * Written against lyra.h + lyra_ext.h (POSIX clocks underneath).
 *
 * Timing is CPU time of the process (CLOCK_PROCESS_CPUTIME_ID), so it
 * includes worker threads of parallel code, as Wolfram's includes
 * subkernel-free kernel time.  AbsoluteTime counts seconds from
 * 1 January 1900 in local time, as Wolfram's does.  SessionTime is measured
 * from when this VM opened its libraries (kept in $LyraSessionStart).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "lys_data.h"

static double now_clock(clockid_t c) {
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Seconds between 1900-01-01 and the Unix epoch. */
#define EPOCH_1900 2208988800.0

static LyExpr timing(LyVM *vm, LyExpr e, clockid_t c) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    double t0 = now_clock(c);
    LyExpr r = ly_evaluate(vm, ly_narg(e, 1));
    if (!r) return NULL;
    double t = now_clock(c) - t0;
    if (t < 0) t = 0;
    return ly_evaluated(vm, ly_mk(vm, LY_SYM(List), 2, ly_mkreal(vm, t), r));
}

static LyExpr b_timing(LyVM *vm, LyExpr e) { return timing(vm, e, CLOCK_PROCESS_CPUTIME_ID); }
static LyExpr b_absolutetiming(LyVM *vm, LyExpr e) { return timing(vm, e, CLOCK_MONOTONIC); }

static LyExpr b_pause(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 1, 1)) return NULL;
    double s;
    if (!ly_get_real(ly_narg(e, 1), &s) || s < 0) {
        ly_message(vm, ly_nhead(e), "numnm", 1, ly_narg(e, 1));
        return NULL;
    }
    double end = now_clock(CLOCK_MONOTONIC) + s;
    for (;;) {                       /* sleep in slices so aborts stay prompt */
        if (!ly_safe_point(vm)) return NULL;
        double left = end - now_clock(CLOCK_MONOTONIC);
        if (left <= 0) break;
        if (left > 0.01) left = 0.01;
        struct timespec ts = { 0, (long)(left * 1e9) };
        nanosleep(&ts, NULL);
    }
    return LY_SYM(Null);
}

static double tz_offset(time_t t) {
    struct tm lt;
    localtime_r(&t, &lt);
    return (double)lt.tm_gmtoff;
}

static double absolute_now(void) {
    double u = now_clock(CLOCK_REALTIME);
    return u + EPOCH_1900 + tz_offset((time_t)u);
}

static LyExpr b_absolutetime(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 1)) return NULL;
    if (ly_nlen(e) == 0) return ly_mkreal(vm, absolute_now());
    LyExpr d = ly_narg(e, 1);
    if (!ly_head_is(d, LY_SYM(List)) || ly_nlen(d) < 1 || ly_nlen(d) > 6) return NULL;
    int64_t v[6] = { 0, 1, 1, 0, 0, 0 };
    double sec = 0;
    bool exact = true;
    for (size_t i = 1; i <= ly_nlen(d); i++) {
        if (i == 6 && !ly_is_integer(ly_narg(d, i))) {
            if (!ly_get_real(ly_narg(d, i), &sec)) return NULL;
            exact = false;
        } else if (!ly_get_int64(ly_narg(d, i), &v[i - 1])) return NULL;
    }
    if (exact) sec = (double)v[5];
    /* days from civil (Howard Hinnant), relative to 1900-01-01 */
    int64_t y = v[0], m = v[1], dd = v[2];
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = era * 146097 + doe - 719468 + 25567;   /* 1970 -> 1900 */
    if (exact) return ly_int(vm, days * 86400 + v[3] * 3600 + v[4] * 60 + v[5]);
    return ly_mkreal(vm, (double)(days * 86400 + v[3] * 3600 + v[4] * 60) + sec);
}

static LyExpr b_unixtime(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 0)) return NULL;
    return ly_int(vm, (int64_t)time(NULL));
}

static LyExpr start_sym(LyVM *vm) { return ly_symbol(vm, "$LyraSessionStart"); }

static LyExpr b_sessiontime(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 0)) return NULL;
    LyExpr s = ly_own_value(vm, start_sym(vm));
    double t0 = 0;
    if (s) ly_get_real(s, &t0);
    return ly_mkreal(vm, now_clock(CLOCK_MONOTONIC) - t0);
}

/* The broken-down local time for now, or for a date list. */
static bool date_of(LyExpr d, struct tm *out, double *frac) {
    *frac = 0;
    memset(out, 0, sizeof *out);
    if (!d) {
        double u = now_clock(CLOCK_REALTIME);
        time_t t = (time_t)u;
        localtime_r(&t, out);
        *frac = u - (double)t;
        return true;
    }
    if (!ly_head_is(d, LY_SYM(List)) || ly_nlen(d) < 1 || ly_nlen(d) > 6) return false;
    int64_t v[6] = { 1900, 1, 1, 0, 0, 0 };
    for (size_t i = 1; i <= ly_nlen(d); i++) {
        double r;
        if (!ly_get_int64(ly_narg(d, i), &v[i - 1])) {
            if (i != 6 || !ly_get_real(ly_narg(d, i), &r)) return false;
            v[5] = (int64_t)r;
            *frac = r - (double)v[5];
        }
    }
    out->tm_year = (int)(v[0] - 1900); out->tm_mon = (int)(v[1] - 1); out->tm_mday = (int)v[2];
    out->tm_hour = (int)v[3]; out->tm_min = (int)v[4]; out->tm_sec = (int)v[5];
    out->tm_isdst = -1;
    time_t t = timegm(out);            /* normalise and find the weekday */
    gmtime_r(&t, out);
    return true;
}

static LyExpr b_datelist(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 1)) return NULL;
    struct tm tm;
    double frac;
    if (ly_nlen(e) == 1) {
        double a;
        if (!ly_get_real(ly_narg(e, 1), &a)) return NULL;
        time_t t = (time_t)(a - EPOCH_1900);
        gmtime_r(&t, &tm);
        frac = a - EPOCH_1900 - (double)t;
    } else date_of(NULL, &tm, &frac);
    return ly_mk(vm, LY_SYM(List), 6, ly_int(vm, tm.tm_year + 1900), ly_int(vm, tm.tm_mon + 1), ly_int(vm, tm.tm_mday),
                 ly_int(vm, tm.tm_hour), ly_int(vm, tm.tm_min), ly_mkreal(vm, tm.tm_sec + frac));
}

static const char *const day_names[] = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
static const char *const month_names[] = { "January", "February", "March", "April", "May", "June", "July",
                                           "August", "September", "October", "November", "December" };

/* Appends one DateString element; false when the name is unknown. */
static bool date_element(LyBuf *b, const char *n, const struct tm *t) {
    if (!strcmp(n, "Year")) ly_buf_printf(b, "%d", t->tm_year + 1900);
    else if (!strcmp(n, "YearShort")) ly_buf_printf(b, "%02d", (t->tm_year + 1900) % 100);
    else if (!strcmp(n, "Month")) ly_buf_printf(b, "%02d", t->tm_mon + 1);
    else if (!strcmp(n, "MonthShort")) ly_buf_printf(b, "%d", t->tm_mon + 1);
    else if (!strcmp(n, "MonthName")) ly_buf_puts(b, month_names[t->tm_mon]);
    else if (!strcmp(n, "MonthNameShort")) ly_buf_printf(b, "%.3s", month_names[t->tm_mon]);
    else if (!strcmp(n, "Day")) ly_buf_printf(b, "%02d", t->tm_mday);
    else if (!strcmp(n, "DayShort")) ly_buf_printf(b, "%d", t->tm_mday);
    else if (!strcmp(n, "DayName")) ly_buf_puts(b, day_names[t->tm_wday]);
    else if (!strcmp(n, "DayNameShort")) ly_buf_printf(b, "%.3s", day_names[t->tm_wday]);
    else if (!strcmp(n, "Hour") || !strcmp(n, "Hour24")) ly_buf_printf(b, "%02d", t->tm_hour);
    else if (!strcmp(n, "Hour12")) ly_buf_printf(b, "%02d", t->tm_hour % 12 ? t->tm_hour % 12 : 12);
    else if (!strcmp(n, "AMPM")) ly_buf_puts(b, t->tm_hour < 12 ? "AM" : "PM");
    else if (!strcmp(n, "Minute")) ly_buf_printf(b, "%02d", t->tm_min);
    else if (!strcmp(n, "Second")) ly_buf_printf(b, "%02d", t->tm_sec);
    else if (!strcmp(n, "ISODate")) ly_buf_printf(b, "%04d-%02d-%02d", t->tm_year + 1900, t->tm_mon + 1, t->tm_mday);
    else if (!strcmp(n, "ISODateTime"))
        ly_buf_printf(b, "%04d-%02d-%02dT%02d:%02d:%02d", t->tm_year + 1900, t->tm_mon + 1, t->tm_mday,
                      t->tm_hour, t->tm_min, t->tm_sec);
    else if (!strcmp(n, "Time")) ly_buf_printf(b, "%02d:%02d:%02d", t->tm_hour, t->tm_min, t->tm_sec);
    else if (!strcmp(n, "Date"))
        ly_buf_printf(b, "%s %d %s %d", day_names[t->tm_wday], t->tm_mday, month_names[t->tm_mon], t->tm_year + 1900);
    else if (!strcmp(n, "DateShort"))
        ly_buf_printf(b, "%.3s %d %.3s %d", day_names[t->tm_wday], t->tm_mday, month_names[t->tm_mon], t->tm_year + 1900);
    else if (!strcmp(n, "DateTime"))
        ly_buf_printf(b, "%s %d %s %d %02d:%02d:%02d", day_names[t->tm_wday], t->tm_mday, month_names[t->tm_mon],
                      t->tm_year + 1900, t->tm_hour, t->tm_min, t->tm_sec);
    else if (!strcmp(n, "DateTimeShort"))
        ly_buf_printf(b, "%.3s %d %.3s %d %02d:%02d:%02d", day_names[t->tm_wday], t->tm_mday, month_names[t->tm_mon],
                      t->tm_year + 1900, t->tm_hour, t->tm_min, t->tm_sec);
    else return false;
    return true;
}

static LyExpr b_datestring(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 2)) return NULL;
    LyExpr date = NULL, fmt = NULL;
    for (size_t i = 1; i <= ly_nlen(e); i++) {
        LyExpr a = ly_narg(e, i);
        bool is_fmt = ly_is_string(a) || (ly_head_is(a, LY_SYM(List)) && ly_nlen(a) > 0 && ly_is_string(ly_narg(a, 1)));
        if (is_fmt && !fmt) fmt = a;
        else if (!date && !is_fmt) date = a;
        else return NULL;
    }
    struct tm t;
    double frac;
    if (date && ly_is_number(date)) {
        double a;
        if (!ly_get_real(date, &a)) return NULL;
        time_t tt = (time_t)(a - EPOCH_1900);
        gmtime_r(&tt, &t);
    } else if (!date_of(date, &t, &frac)) return NULL;
    LyBuf b;
    ly_buf_init(&b, vm);
    bool ok = true;
    if (!fmt) ok = date_element(&b, "DateTimeShort", &t);
    else if (ly_is_string(fmt)) ok = date_element(&b, ly_str(fmt)->s, &t);
    else
        for (size_t i = 1; ok && i <= ly_nlen(fmt); i++) {
            LyExpr x = ly_narg(fmt, i);
            if (!ly_is_string(x)) { ok = false; break; }
            if (!date_element(&b, ly_str(x)->s, &t)) ly_buf_put(&b, ly_str(x)->s, ly_str(x)->len);
        }
    if (!ok) {
        ly_buf_free(&b);
        ly_message(vm, ly_nhead(e), "str", 1, fmt);
        return NULL;
    }
    LyExpr r = b.oom ? ly_raise_nomem(vm) : ly_mkstring(vm, b.p ? b.p : "", b.len);
    ly_buf_free(&b);
    return r;
}

static const LyBuiltin session_builtins[] = {
    { "Timing", b_timing, "HoldAll Protected", "Timing[expr] evaluates expr, and returns a list of the time in seconds used, together with the result obtained." },
    { "AbsoluteTiming", b_absolutetiming, "HoldAll Protected", "AbsoluteTiming[expr] evaluates expr, returning a list of the absolute number of seconds in real time that have elapsed, together with the result obtained." },
    { "Pause", b_pause, "Protected", "Pause[n] pauses for at least n seconds." },
    { "AbsoluteTime", b_absolutetime, "Protected", "AbsoluteTime[] gives the total number of seconds since the beginning of January 1, 1900, in your time zone." },
    { "UnixTime", b_unixtime, "Protected", "UnixTime[] gives the total number of seconds since the beginning of January 1, 1970, in the GMT time zone." },
    { "SessionTime", b_sessiontime, "Protected", "SessionTime[] gives the total number of seconds of real time that have elapsed since the beginning of your Wolfram System session." },
    { "DateList", b_datelist, "Protected", "DateList[] gives the current local date and time in the form {year, month, day, hour, minute, second}." },
    { "DateString", b_datestring, "Protected", "DateString[] gives a string representing the complete current local date and time.\nDateString[\"elem\"] gives the specified element or format for date and time." },
    { NULL, NULL, NULL, NULL }
};

static void set_value(LyVM *vm, const char *name, LyExpr v) {
    if (!v) return;
    ly_set_own_value(vm, ly_symbol(vm, name), v);
    ly_set_attributes(vm, ly_symbol(vm, name), LY_ATTR_PROTECTED);
}

/* $CommandLine: the process's own arguments (from /proc when available). */
static LyExpr command_line(LyVM *vm) {
    FILE *f = fopen("/proc/self/cmdline", "rb");
    if (!f) return ly_list(vm, 0, NULL);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    LyExpr items[256];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 256; i += strlen(buf + i) + 1) items[k++] = ly_cstring(vm, buf + i);
    LyExpr l = ly_list(vm, k, items);
    for (size_t i = 0; i < k; i++) ly_unref(vm, items[i]);
    return l;
}

LyStatus lys_open_session(LyVM *vm);
LyStatus lys_open_session(LyVM *vm) {
    ly_set_message(vm, "Pause", "numnm", "Non-negative machine-sized number expected at position 1 in Pause[`1`].");
    ly_set_message(vm, "DateString", "str", "`1` is not a valid date format.");
    ly_set_own_value(vm, start_sym(vm), ly_mkreal(vm, now_clock(CLOCK_MONOTONIC)));
    char host[256];
    if (gethostname(host, sizeof host) != 0) strcpy(host, "localhost");
    host[sizeof host - 1] = 0;
    set_value(vm, "$MachineName", ly_cstring(vm, host));
    set_value(vm, "$ProcessID", ly_int(vm, (int64_t)getpid()));
    set_value(vm, "$OperatingSystem", ly_cstring(vm, "Unix"));
#if defined(__x86_64__)
    set_value(vm, "$SystemID", ly_cstring(vm, "Linux-x86-64"));
#elif defined(__aarch64__)
    set_value(vm, "$SystemID", ly_cstring(vm, "Linux-ARM64"));
#else
    set_value(vm, "$SystemID", ly_cstring(vm, "Linux"));
#endif
    set_value(vm, "$TimeZone", ly_mkreal(vm, tz_offset(time(NULL)) / 3600.0));
    set_value(vm, "$CommandLine", command_line(vm));
    return ly_register_table(vm, session_builtins);
}
