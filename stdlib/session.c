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
#include <pwd.h>
#include <unistd.h>
#include <math.h>
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

/* The broken-down local time for now, or for a date list, a date string
 * or a DateObject. */
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
    if (ly_is_normal(d) && ly_is_symbol(ly_nhead(d), "DateObject") && ly_nlen(d) >= 1) d = ly_narg(d, 1);
    if (ly_is_string(d)) {
        /* "2024-01-15", "2024-01-15 10:30", "2024-01-15T10:30:00" */
        int y = 0, mo = 1, da = 1, h = 0, mi = 0;
        double se = 0;
        int got = sscanf(ly_str(d)->s, "%d-%d-%d%*[ T]%d:%d:%lf", &y, &mo, &da, &h, &mi, &se);
        if (got < 1) return false;
        out->tm_year = y - 1900; out->tm_mon = mo - 1; out->tm_mday = da;
        out->tm_hour = h; out->tm_min = mi; out->tm_sec = (int)se;
        *frac = se - (int)se;
        time_t t = timegm(out);
        gmtime_r(&t, out);
        return true;
    }
    if (!lys_is_list(d) || lys_list_len(d) < 1 || lys_list_len(d) > 6) return false;
    int64_t v[6] = { 1900, 1, 1, 0, 0, 0 };
    if (ly_is_packed(d)) {       /* {2024, 1, 15} packed */
        LyPacked *p = ly_packed(d);
        if (p->h.aux != 1 || p->h.flags != LY_PACKED_INT64) return false;
        for (size_t i = 0; i < p->len; i++) v[i] = ((int64_t *)p->data)[i];
    } else
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
    if (ly_nlen(e) == 1 && !ly_is_number(ly_narg(e, 1))) {
        if (!date_of(ly_narg(e, 1), &tm, &frac)) return NULL;
    } else if (ly_nlen(e) == 1) {
        double a;
        if (!ly_get_real(ly_narg(e, 1), &a)) return NULL;
        time_t t = (time_t)(a - EPOCH_1900);
        gmtime_r(&t, &tm);
        frac = a - EPOCH_1900 - (double)t;
    } else date_of(NULL, &tm, &frac);
    if (ly_nlen(e) == 1 && lys_is_list(ly_narg(e, 1)) && frac == 0) {
        /* a date list stays exact: {2024, 1, 15, 0, 0, 0} */
        return ly_mk(vm, LY_SYM(List), 6, ly_int(vm, tm.tm_year + 1900), ly_int(vm, tm.tm_mon + 1), ly_int(vm, tm.tm_mday),
                     ly_int(vm, tm.tm_hour), ly_int(vm, tm.tm_min), ly_int(vm, tm.tm_sec));
    }
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

/* ---- calendar arithmetic -------------------------------------------------------------------- */

static LyExpr tm_list(LyVM *vm, const struct tm *t, size_t n) {
    int64_t v[6] = { t->tm_year + 1900, t->tm_mon + 1, t->tm_mday, t->tm_hour, t->tm_min, t->tm_sec };
    if (n < 1 || n > 6) n = 6;
    LyExpr items[6];
    for (size_t i = 0; i < n; i++) items[i] = ly_mksmall(v[i]);
    return ly_list(vm, n, items);
}

/* The form a result date takes: a list as long as the input's, or the
 * same kind of DateObject. */
static LyExpr like_input(LyVM *vm, LyExpr in, const struct tm *t) {
    if (lys_is_list(in)) return tm_list(vm, t, lys_list_len(in));
    if (ly_head_is(in, ly_symbol(vm, "DateObject")) && ly_nlen(in) >= 1 && lys_is_list(ly_narg(in, 1))) {
        LyExpr l = tm_list(vm, t, lys_list_len(ly_narg(in, 1)));
        return l ? ly_mk(vm, ly_symbol(vm, "DateObject"), 1, l) : NULL;
    }
    return tm_list(vm, t, 6);
}

static const char *unit_name(const char *u) {
    static const char *const units[][2] = {
        { "Second", "s" }, { "Seconds", "s" }, { "Minute", "m" }, { "Minutes", "m" }, { "Hour", "h" }, { "Hours", "h" },
        { "Day", "d" }, { "Days", "d" }, { "Week", "w" }, { "Weeks", "w" }, { "Month", "M" }, { "Months", "M" },
        { "Year", "y" }, { "Years", "y" },
    };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) if (!strcmp(u, units[i][0])) return units[i][1];
    return NULL;
}

static bool step_of(LyExpr s, double *n, const char **unit) {
    *unit = "d";
    if (ly_get_real(s, n)) return true;
    LyExpr k = NULL, u = NULL;
    if (ly_head_is(s, LY_SYM(List)) && ly_nlen(s) == 2) { k = ly_narg(s, 1); u = ly_narg(s, 2); }
    else if (ly_is_normal(s) && ly_is_symbol(ly_nhead(s), "Quantity") && ly_nlen(s) == 2) { k = ly_narg(s, 1); u = ly_narg(s, 2); }
    if (!k || !ly_is_string(u) || !ly_get_real(k, n)) return false;
    *unit = unit_name(ly_str(u)->s);
    return *unit != NULL;
}

static void tm_add(struct tm *t, double n, const char *unit) {
    switch (unit[0]) {
    case 's': t->tm_sec += (int)n; break;
    case 'm': t->tm_min += (int)n; break;
    case 'h': t->tm_hour += (int)n; break;
    case 'd': t->tm_mday += (int)n; break;
    case 'w': t->tm_mday += 7 * (int)n; break;
    case 'M': {
        int m = t->tm_mon + (int)n, y = t->tm_year + (m >= 0 ? m / 12 : (m - 11) / 12);
        m = ((m % 12) + 12) % 12;
        static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
        int yy = y + 1900, last = dim[m] + (m == 1 && ((yy % 4 == 0 && yy % 100) || yy % 400 == 0));
        t->tm_year = y; t->tm_mon = m;
        if (t->tm_mday > last) t->tm_mday = last;      /* Jan 31 + 1 month: Feb 29 */
        break;
    }
    case 'y': t->tm_year += (int)n; break;
    }
    time_t tt = timegm(t);
    gmtime_r(&tt, t);
}

static LyExpr b_dateplus(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 2)) return NULL;
    struct tm t;
    double frac, n;
    const char *unit;
    if (!date_of(ly_narg(e, 1), &t, &frac) || !step_of(ly_narg(e, 2), &n, &unit)) return NULL;
    tm_add(&t, n, unit);
    return like_input(vm, ly_narg(e, 1), &t);
}

static LyExpr quantity(LyVM *vm, LyExpr n, const char *unit) {
    return ly_mk(vm, ly_symbol(vm, "Quantity"), 2, n, ly_mkstring(vm, unit, strlen(unit)));
}

static LyExpr b_datedifference(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 2, 3)) return NULL;
    struct tm a, b;
    double fa, fb;
    if (!date_of(ly_narg(e, 1), &a, &fa) || !date_of(ly_narg(e, 2), &b, &fb)) return NULL;
    double secs = difftime(timegm(&b), timegm(&a)) + fb - fa;
    const char *unit = "d";
    if (ly_nlen(e) == 3) {
        if (!ly_is_string(ly_narg(e, 3)) || !(unit = unit_name(ly_str(ly_narg(e, 3))->s))) return NULL;
    }
    double per;
    const char *uname;
    switch (unit[0]) {
    case 's': per = 1; uname = "Seconds"; break;
    case 'm': per = 60; uname = "Minutes"; break;
    case 'h': per = 3600; uname = "Hours"; break;
    case 'w': per = 7 * 86400; uname = "Weeks"; break;
    case 'M': per = 365.2425 * 86400 / 12; uname = "Months"; break;
    case 'y': per = 365.2425 * 86400; uname = "Years"; break;
    default: per = 86400; uname = "Days"; break;
    }
    double v = secs / per;
    LyExpr n = v == (double)(int64_t)v && fabs(v) < 1e15 ? ly_int(vm, (int64_t)v) : ly_mkreal(vm, v);
    return quantity(vm, n, uname);
}

static LyExpr b_dayname(LyVM *vm, LyExpr e) {
    if (!lys_argc(vm, e, 0, 1)) return NULL;
    struct tm t;
    double frac;
    if (!date_of(ly_nlen(e) ? ly_narg(e, 1) : NULL, &t, &frac)) return NULL;
    return ly_symbol(vm, day_names[t.tm_wday]);
}

static LyExpr b_dateobject(LyVM *vm, LyExpr e) {
    if (ly_nlen(e) == 0) {
        struct tm t;
        double frac;
        date_of(NULL, &t, &frac);
        LyExpr l = ly_mk(vm, LY_SYM(List), 6, ly_int(vm, t.tm_year + 1900), ly_int(vm, t.tm_mon + 1), ly_int(vm, t.tm_mday),
                         ly_int(vm, t.tm_hour), ly_int(vm, t.tm_min), ly_mkreal(vm, t.tm_sec + frac));
        return l ? ly_mk(vm, ly_nhead(e), 1, l) : NULL;
    }
    LyExpr d = ly_narg(e, 1);
    if (ly_is_string(d)) {
        struct tm t;
        double frac;
        if (!date_of(d, &t, &frac)) return NULL;
        LyExpr l = tm_list(vm, &t, strchr(ly_str(d)->s, ':') ? 6 : 3);
        return l ? ly_mk(vm, ly_nhead(e), 1, l) : NULL;
    }
    return NULL;
}

/* OutputForm: Day: Fri 15 Mar 2024; Fri 15 Mar 2024 10:30:00; 59 days. */
bool lys_format_date(LyBuf *b, LyExpr e);
bool lys_format_date(LyBuf *b, LyExpr e) {
    if (ly_is_symbol(ly_nhead(e), "Quantity") && ly_nlen(e) == 2 && ly_is_string(ly_narg(e, 2))) {
        ly_buf_expr(b, ly_narg(e, 1), LY_FORM_OUTPUT);
        ly_buf_puts(b, " ");
        const LyString *u = ly_str(ly_narg(e, 2));
        bool one = ly_is_small(ly_narg(e, 1)) && ly_small(ly_narg(e, 1)) == 1;
        for (size_t i = 0; i < u->len; i++) {
            char c = u->s[i];
            if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
            if (one && i + 1 == u->len && c == 's') break;
            ly_buf_put(b, &c, 1);
        }
        return true;
    }
    if (!ly_is_symbol(ly_nhead(e), "DateObject") || ly_nlen(e) < 1 || !lys_is_list(ly_narg(e, 1))) return false;
    struct tm t;
    double frac;
    if (!date_of(ly_narg(e, 1), &t, &frac)) return false;
    static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    size_t n = lys_list_len(ly_narg(e, 1));
    if (n <= 3) ly_buf_printf(b, "Day: %.3s %02d %s %d", day_names[t.tm_wday], t.tm_mday, mon[t.tm_mon], t.tm_year + 1900);
    else ly_buf_printf(b, "%.3s %02d %s %d %02d:%02d:%02d", day_names[t.tm_wday], t.tm_mday, mon[t.tm_mon],
                       t.tm_year + 1900, t.tm_hour, t.tm_min, t.tm_sec);
    return true;
}

static const LyBuiltin session_builtins[] = {
    { "DatePlus", b_dateplus, "Protected", "DatePlus[date, n] gives a date n days after date.\nDatePlus[date, {n, \"unit\"}] gives a date n units after date." },
    { "DateDifference", b_datedifference, "Protected", "DateDifference[date1, date2] gives the number of days from date1 to date2.\nDateDifference[date1, date2, \"unit\"] gives the difference in the specified unit." },
    { "DayName", b_dayname, "Protected", "DayName[date] gives the name of the day of the week for the specified date." },
    { "DateObject", b_dateobject, "Protected Formatted", "DateObject[] gives the current local date.\nDateObject[{y, m, d, h, m, s}] gives a date object corresponding to the given date list." },
    { "Now", NULL, "Protected", "Now gives a DateObject representing the current moment in time." },
    { "Today", NULL, "Protected", "Today gives a DateObject representing the current day." },
    { "Quantity", NULL, "Protected Formatted", "Quantity[magnitude, unit] represents a quantity with size magnitude and the unit specified by unit." },
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
    /* $Line and $HistoryLength have values in scripts too (the REPL
     * counts $Line up; they stay assignable) */
    ly_set_own_value(vm, ly_symbol(vm, "$Line"), ly_int(vm, 1));
    ly_set_own_value(vm, ly_symbol(vm, "$HistoryLength"), ly_symbol(vm, "Infinity"));
    /* a script's arguments replace it (ly_set_argv); {} in a session */
    set_value(vm, "$ScriptCommandLine", ly_list(vm, 0, NULL));
    struct passwd pwd, *pw = NULL;
    char pwbuf[1024];
    if (getpwuid_r(getuid(), &pwd, pwbuf, sizeof pwbuf, &pw) != 0) pw = NULL;   /* VMs start on any thread */
    const char *user = pw && pw->pw_name ? pw->pw_name : getenv("USER");
    set_value(vm, "$UserName", ly_cstring(vm, user ? user : ""));
    /* no notebook front end: scripts test If[$Notebooks, ...], $FrontEnd === Null */
    set_value(vm, "$Notebooks", ly_symbol(vm, "False"));
    set_value(vm, "$FrontEnd", ly_symbol(vm, "Null"));
    /* machine-number constants; $VersionNumber is the Wolfram language
     * level Lyra follows (scripts test it as $VersionNumber >= 10) */
    set_value(vm, "$MachinePrecision", ly_mkreal(vm, 15.954589770191003));
    set_value(vm, "$MachineEpsilon", ly_mkreal(vm, 2.220446049250313e-16));
    set_value(vm, "$MaxMachineInteger", ly_int(vm, INT64_MAX));
    set_value(vm, "$MaxMachineNumber", ly_mkreal(vm, 1.7976931348623157e308));
    set_value(vm, "$MinMachineNumber", ly_mkreal(vm, 2.2250738585072014e-308));
    set_value(vm, "$VersionNumber", ly_mkreal(vm, 14.0));
    set_value(vm, "$ReleaseNumber", ly_int(vm, 0));
    /* Now and Today are symbols whose value is computed each time */
    static const char defs[] = "Now := DateObject[]; Today := DateObject[Take[DateList[], 3]]";
    if (ly_eval_string(vm, defs, sizeof defs - 1, "stdlib", NULL) != LY_OK) return LY_ERRMEM;
    return ly_register_table(vm, session_builtins);
}
