/*
 * lyf_chan.c — Channel: bounded (capacity 0 = rendezvous) MPMC channels of
 * values between VMs, over the runtime's lyr_chan of void *.
 *
 * A value sent is put into transport form on the sender's thread
 * (lyf_xfer.c: immediates as they are, objects deep-copied into a transport
 * VM), so the receiver never sees later changes; the receiver copies it
 * into its own VM.  Values still buffered when the last handle goes are
 * freed by the channel's drop hook.
 *
 * Blocking calls wait in slices of <= 10 ms (the runtime wakes them as soon
 * as the channel changes) and check the calling VM's abort flag between
 * slices; on a worker they also pass the task's token, so Cancel and
 * shutdown end them.  A wait without a timeout takes part in deadlock
 * detection (lyf_deadlocked).
 */
#include <stdlib.h>
#include <string.h>
#include "lyf.h"

/* node first: a Chan is its LyfNode (lyf_node.c frees channels that buffer
 * each other's handles) */
typedef struct Chan { LyfNode node; LyrChan *ch; size_t cap; } Chan;

static const LyForeignType chan_type;

/* A value leaves a channel's buffer when the channel is freed. */
static void drop_value(void *v, void *ud) { lyf_node_drop(ud, v); }

static void chan_destroy(LyfNode *n) {
    Chan *c = (Chan *)n;
    lyr_chan_release(c->ch);
    lyf_node_fini(n);
    free(c);
}

/* Garbage (no handle outside values buffered in garbage channels): nobody
 * else can send or receive, so take everything buffered and drop it. */
static void chan_drain(LyfNode *n) {
    Chan *c = (Chan *)n;
    void *v;
    while (lyr_chan_try_recv(c->ch, &v) == LYR_OK) drop_value(v, n);
}

static LyExpr mkhandle(LyVM *vm, Chan *c) {
    lyf_node_retain(&c->node);
    return ly_mkforeign(vm, &chan_type, c);   /* on failure chan_finalize released c */
}

static void chan_finalize(LyVM *vm, void *data) { (void)vm; lyf_node_release(data); }
static void chan_format(LyBuf *b, void *data) {
    Chan *c = data;
    ly_buf_printf(b, "<%zu/%zu%s>", lyr_chan_len(c->ch), c->cap, lyr_chan_is_closed(c->ch) ? ", closed" : "");
}
static bool chan_equal(void *a, void *b) { return a == b; }
static uint64_t chan_hash(void *d) { return (uint64_t)(uintptr_t)d * 0x9E3779B97F4A7C15ULL; }
static LyExpr chan_transfer(LyVM *dst, void *data) {
    LyExpr h = mkhandle(dst, data);
    if (h) lyf_xfer_note(dst, data);
    return h;
}

static Chan *chan_arg(LyExpr e) {
    if (ly_type(e) != LY_TFOREIGN || ly_foreign(e)->type != &chan_type) return NULL;
    return ly_foreign(e)->data;
}

static LyExpr make(LyVM *vm, int64_t cap) {
    lyf_xfer_init();
    Chan *c = calloc(1, sizeof *c);
    if (!c) return ly_raise_nomem(vm);
    lyf_node_init(&c->node, chan_destroy, chan_drain);
    if (lyr_chan_new((size_t)cap, drop_value, c, &c->ch) != LYR_OK) {
        lyf_node_fini(&c->node);
        free(c);
        return ly_raise_nomem(vm);
    }
    c->cap = (size_t)cap;
    return mkhandle(vm, c);
}

/* ---- operations --------------------------------------------------------------------------- */

typedef enum { OP_OK, OP_TIMEOUT, OP_CLOSED, OP_ABORT, OP_DEADLOCK } OpResult;

/* Runs op in slices until it completes, times out, or the VM is aborted. */
static OpResult wait_loop(LyVM *vm, int64_t deadline,
                          LyrStatus (*op)(void *ctx, int64_t dl, const LyrCancel *tok), void *ctx) {
    const LyrCancel *tok = lyf_current_token();
    bool unbounded = deadline == LYR_DEADLINE_NEVER, blocked = false;
    uint64_t mark = 0;
    int64_t since = 0;
    OpResult r;
    for (;;) {
        LyrStatus st = op(ctx, lyf_slice_deadline(deadline), tok);
        if (st == LYR_OK) { r = OP_OK; break; }
        if (st == LYR_CLOSED) { r = OP_CLOSED; break; }
        if (st == LYR_CANCELLED) { ly_raise_abort(vm); r = OP_ABORT; break; }
        if (!ly_safe_point(vm)) { r = OP_ABORT; break; }
        if (lyr_now_ns() >= deadline) { r = OP_TIMEOUT; break; }
        if (unbounded) {
            if (!blocked) { lyf_block_enter(); blocked = true; }
            if (lyf_deadlocked(&mark, &since)) { r = OP_DEADLOCK; break; }
        }
    }
    if (blocked) lyf_block_leave();
    if (r == OP_OK) lyf_progress();
    return r;
}

typedef struct { Chan *c; void *v; } OpCtx;

static LyrStatus op_send(void *ctx, int64_t dl, const LyrCancel *tok) {
    OpCtx *o = ctx;
    return lyr_chan_send(o->c->ch, o->v, dl, tok);
}
static LyrStatus op_recv(void *ctx, int64_t dl, const LyrCancel *tok) {
    OpCtx *o = ctx;
    return lyr_chan_recv(o->c->ch, &o->v, dl, tok);
}

/* The builtin's name is looked up only for a message: the method forms
 * (ch.send(x)) would otherwise intern "Send" on every call. */
static LyExpr fail_msg(LyVM *vm, const char *name, const char *tag) {
    ly_message(vm, ly_symbol(vm, name), tag, 0);
    return lyf_failed();
}

/* A value that came out of c, into vm. */
static LyExpr take_out(LyVM *vm, Chan *c, LyfVal v) {
    lyf_node_unhold(&c->node, v);
    return lyf_val_take(vm, v);
}

static LyExpr do_send(LyVM *vm, Chan *c, LyExpr x, int64_t deadline, const char *name) {
    if (lyr_chan_is_closed(c->ch)) { return fail_msg(vm, name, "closed"); }
    LyfVal v = lyf_node_put(&c->node, vm, x);   /* held by c before it goes in */
    if (!v) return ly_raise_nomem(vm);
    /* fast path: room right away */
    LyrStatus st = lyr_chan_try_send(c->ch, v);
    if (st == LYR_OK) { lyf_progress(); return LY_SYM(Null); }
    OpCtx o = { c, v };
    OpResult r = st == LYR_CLOSED ? OP_CLOSED : wait_loop(vm, deadline, op_send, &o);
    if (r == OP_OK) return LY_SYM(Null);
    drop_value(v, c);
    switch (r) {
    case OP_CLOSED: return fail_msg(vm, name, "closed");
    case OP_TIMEOUT: return LY_SYM(DTimedOut);
    case OP_DEADLOCK: return fail_msg(vm, name, "deadlock");
    default: return NULL;
    }
}

static LyExpr do_recv(LyVM *vm, Chan *c, int64_t deadline, const char *name) {
    OpCtx o = { c, NULL };
    LyrStatus st = lyr_chan_try_recv(c->ch, &o.v);
    OpResult r = st == LYR_OK ? OP_OK : wait_loop(vm, deadline, op_recv, &o);
    if (st == LYR_OK) lyf_progress();
    switch (r) {
    case OP_OK: {
        LyExpr x = take_out(vm, c, o.v);
        return x ? ly_evaluated(vm, x) : ly_raise_nomem(vm);   /* a value, as sent */
    }
    case OP_CLOSED: return LY_SYM(EndOfStream);
    case OP_TIMEOUT: return LY_SYM(DTimedOut);
    case OP_DEADLOCK: return fail_msg(vm, name, "deadlock");
    default: return NULL;
    }
}

static LyExpr do_trysend(LyVM *vm, Chan *c, LyExpr x) {
    if (lyr_chan_is_closed(c->ch)) return LY_SYM(False);
    LyfVal v = lyf_node_put(&c->node, vm, x);
    if (!v) return ly_raise_nomem(vm);
    if (lyr_chan_try_send(c->ch, v) == LYR_OK) { lyf_progress(); return LY_SYM(True); }
    drop_value(v, c);
    return LY_SYM(False);
}

static LyExpr do_tryrecv(LyVM *vm, Chan *c) {
    void *v;
    LyrStatus st = lyr_chan_try_recv(c->ch, &v);
    if (st == LYR_OK) {
        lyf_progress();
        LyExpr x = take_out(vm, c, v);
        return x ? ly_evaluated(vm, x) : ly_raise_nomem(vm);
    }
    if (st == LYR_CLOSED) return LY_SYM(EndOfStream);
    return ly_mk(vm, LY_SYM(Missing), 1, ly_cstring(vm, "Empty"));
}

static bool listlike(LyExpr l) { return ly_is_packed(l) || ly_head_is(l, LY_SYM(List)); }

/* ---- bulk forms ------------------------------------------------------------------------------ */

#define BATCH 4096

typedef struct { Chan *c; void **v; size_t n, done; } ManyCtx;

static LyrStatus op_send_many(void *ctx, int64_t dl, const LyrCancel *tok) {
    ManyCtx *m = ctx;
    size_t k = 0;
    LyrStatus st = lyr_chan_send_many(m->c->ch, m->v + m->done, m->n - m->done, &k, dl, tok);
    m->done += k;
    if (k) lyf_progress();
    return st;
}

static size_t list_length(LyExpr l) { return ly_is_packed(l) ? ly_packed(l)->dims[0] : ly_nlen(l); }

/* Element i (0-based) of a list or packed array, as a new reference in vm. */
static LyExpr list_elem(LyVM *vm, LyExpr l, size_t i) {
    if (!ly_is_packed(l)) { LyExpr x = ly_narg(l, i + 1); ly_ref(x); return x; }
    return ly_part(vm, l, i + 1);
}

/* SendList[ch, list, t]: every element, in order, as its own message; the
 * values are put in transport form and handed to the channel in batches. */
static LyExpr do_send_list(LyVM *vm, Chan *c, LyExpr list, int64_t deadline, const char *name) {
    if (lyr_chan_is_closed(c->ch)) { return fail_msg(vm, name, "closed"); }
    size_t n = list_length(list);
    void **buf = malloc((n < BATCH ? (n ? n : 1) : BATCH) * sizeof *buf);
    if (!buf) return ly_raise_nomem(vm);
    bool packed_int = ly_is_packed(list) && ly_packed(list)->h.flags == LY_PACKED_INT64 && ly_packed(list)->h.aux == 1;
    OpResult r = OP_OK;
    for (size_t base = 0; base < n && r == OP_OK; base += BATCH) {
        size_t k = n - base < BATCH ? n - base : BATCH;
        ManyCtx m = { c, buf, 0, 0 };
        if (!ly_is_packed(list)) m.n = lyf_val_put_many(vm, ly_nargs(list) + base, k, buf);
        else for (; m.n < k; m.n++) {
            LyfVal v;
            int64_t x;
            if (packed_int && ly_fits_small(x = ((int64_t *)ly_packed(list)->data)[base + m.n])) v = (LyfVal)ly_mksmall(x);
            else {
                LyExpr e = list_elem(vm, list, base + m.n);
                v = e ? lyf_val_put(vm, e) : NULL;
                ly_unref(vm, e);
            }
            if (!v) break;
            buf[m.n] = v;
        }
        size_t held = 0;                            /* counted in c before they go in */
        while (held < m.n && lyf_node_hold(&c->node, buf[held])) held++;
        for (size_t i = held; i < m.n; i++) lyf_val_free(buf[i]);
        bool oom = m.n < k || held < m.n;        /* out of memory */
        m.n = held;
        if (oom) r = OP_ABORT;
        else {
            LyrStatus st = lyr_chan_send_many(c->ch, buf, m.n, &m.done, 0, NULL);   /* poll first */
            if (m.done) lyf_progress();
            r = st == LYR_OK ? OP_OK : st == LYR_CLOSED ? OP_CLOSED : wait_loop(vm, deadline, op_send_many, &m);
        }
        for (size_t i = m.done; i < m.n; i++) drop_value(buf[i], c);
    }
    free(buf);
    switch (r) {
    case OP_OK: return LY_SYM(Null);
    case OP_CLOSED: return fail_msg(vm, name, "closed");
    case OP_TIMEOUT: return LY_SYM(DTimedOut);
    case OP_DEADLOCK: return fail_msg(vm, name, "deadlock");
    default: return ly_unwinding(vm) ? NULL : ly_raise_nomem(vm);
    }
}

typedef struct { Chan *c; void **v; size_t max, got; } RecvManyCtx;

static LyrStatus op_recv_many(void *ctx, int64_t dl, const LyrCancel *tok) {
    RecvManyCtx *m = ctx;
    return lyr_chan_recv_many(m->c->ch, m->v, m->max, &m->got, dl, tok);
}

/* ReceiveList[ch, n, t]: waits for a value, then takes up to n values that
 * are already there (tokio's recv_many): a non-empty List (packed when all
 * are machine integers), EndOfStream once closed and drained, $TimedOut
 * after t seconds without a value.  It never blocks while holding values,
 * so an abort cannot lose any. */
static LyExpr do_receive_list(LyVM *vm, Chan *c, size_t n, int64_t deadline, const char *name) {
    void **v = malloc((n ? n : 1) * sizeof *v);
    if (!v) return ly_raise_nomem(vm);
    RecvManyCtx m = { c, v, n, 0 };
    LyrStatus st = lyr_chan_recv_many(c->ch, v, n, &m.got, 0, NULL);
    OpResult r = st == LYR_OK ? OP_OK : st == LYR_CLOSED ? OP_CLOSED : wait_loop(vm, deadline, op_recv_many, &m);
    if (r == OP_OK) lyf_progress();
    LyExpr res;
    switch (r) {
    case OP_OK: break;
    case OP_CLOSED: free(v); return LY_SYM(EndOfStream);
    case OP_TIMEOUT: free(v); return LY_SYM(DTimedOut);
    case OP_DEADLOCK: free(v); return fail_msg(vm, name, "deadlock");
    default: free(v); return NULL;
    }
    size_t got = m.got;
    for (size_t i = 0; i < got; i++) lyf_node_unhold(&c->node, v[i]);
    bool ints = true;
    for (size_t i = 0; i < got && ints; i++) ints = ly_is_small((LyExpr)v[i]);
    if (ints) {
        res = ly_mkpacked(vm, LY_PACKED_INT64, 1, &got);
        if (res) for (size_t i = 0; i < got; i++) ((int64_t *)ly_packed(res)->data)[i] = ly_small((LyExpr)v[i]);
        free(v);
        return res ? res : ly_raise_nomem(vm);
    }
    res = ly_mknormal(vm, LY_SYM(List), got);
    size_t i = res ? lyf_val_take_many(vm, v, got, ly_nargs(res)) : 0;
    if (i == got) { free(v); return ly_evaluated(vm, res); }   /* values, as sent */
    for (size_t j = i; j < got; j++) lyf_val_free(v[j]);
    if (res) { for (size_t j = i; j < got; j++) ly_nset(res, j + 1, LY_SYM(Null)); ly_unref(vm, res); }
    free(v);
    return ly_raise_nomem(vm);
}

static LyExpr chan_method(LyVM *vm, LyExpr self, const char *name, size_t n, const LyExpr *args) {
    Chan *c = chan_arg(self);
    int64_t dl = LYR_DEADLINE_NEVER;
    if (lyf_name_is(name, "Send") && (n == 1 || n == 2)) {
        if (n == 2 && !lyf_timeout_arg(vm, "Send", args[1], &dl)) return NULL;
        return do_send(vm, c, args[0], dl, "Send");
    }
    if (lyf_name_is(name, "Receive") && n <= 1) {
        if (n == 1 && !lyf_timeout_arg(vm, "Receive", args[0], &dl)) return NULL;
        return do_recv(vm, c, dl, "Receive");
    }
    if (lyf_name_is(name, "SendList") && (n == 1 || n == 2) && listlike(args[0])) {
        if (n == 2 && !lyf_timeout_arg(vm, "SendList", args[1], &dl)) return NULL;
        return do_send_list(vm, c, args[0], dl, "SendList");
    }
    if (lyf_name_is(name, "ReceiveList") && (n == 1 || n == 2)) {
        int64_t k;
        if (!ly_get_int64(args[0], &k) || k < 1 || (n == 2 && !lyf_timeout_arg(vm, "ReceiveList", args[1], &dl))) return NULL;
        return do_receive_list(vm, c, (size_t)k, dl, "ReceiveList");
    }
    if (lyf_name_is(name, "TrySend") && n == 1) return do_trysend(vm, c, args[0]);
    if (lyf_name_is(name, "TryReceive") && n == 0) return do_tryrecv(vm, c);
    if (lyf_name_is(name, "Close") && n == 0) { lyr_chan_close(c->ch); lyf_progress(); return LY_SYM(Null); }
    if (lyf_name_is(name, "Length") && n == 0) return ly_int(vm, (int64_t)lyr_chan_len(c->ch));
    if (lyf_name_is(name, "Capacity") && n == 0) return ly_int(vm, (int64_t)c->cap);
    if (lyf_name_is(name, "Closed") && n == 0) return lyr_chan_is_closed(c->ch) ? LY_SYM(True) : LY_SYM(False);
    return lyf_nomethod(vm, ly_symbol(vm, "Channel"), name);
}

static const LyForeignType chan_type = {
    "Channel", chan_finalize, chan_format, chan_method, chan_equal, chan_hash, chan_transfer, NULL, NULL,
    true,   /* values in it were copied out of the VM (ly_copy marks their symbols) */
    NULL
};

/* ---- builtins ------------------------------------------------------------------------------- */

static LyExpr b_channel(LyVM *vm, LyExpr e) {
    int64_t cap = 0;
    if (ly_nlen(e) > 1) return NULL;
    if (ly_nlen(e) == 1 && (!ly_get_int64(ly_narg(e, 1), &cap) || cap < 0 || cap > ((int64_t)1 << 30))) {
        ly_message(vm, ly_nhead(e), "cap", 1, ly_narg(e, 1));
        return NULL;
    }
    return make(vm, cap);
}

static LyExpr b_send(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 2 || n > 3) return NULL;
    Chan *c = chan_arg(ly_narg(e, 1));
    int64_t dl = LYR_DEADLINE_NEVER;
    if (!c || (n == 3 && !lyf_timeout_arg(vm, "Send", ly_narg(e, 3), &dl))) return NULL;
    return do_send(vm, c, ly_narg(e, 2), dl, "Send");
}

static LyExpr b_receive(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 1 || n > 2) return NULL;
    Chan *c = chan_arg(ly_narg(e, 1));
    int64_t dl = LYR_DEADLINE_NEVER;
    if (!c || (n == 2 && !lyf_timeout_arg(vm, "Receive", ly_narg(e, 2), &dl))) return NULL;
    return do_recv(vm, c, dl, "Receive");
}

static LyExpr b_sendlist(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 2 || n > 3) return NULL;
    Chan *c = chan_arg(ly_narg(e, 1));
    int64_t dl = LYR_DEADLINE_NEVER;
    if (!c || !listlike(ly_narg(e, 2)) || (n == 3 && !lyf_timeout_arg(vm, "SendList", ly_narg(e, 3), &dl))) return NULL;
    return do_send_list(vm, c, ly_narg(e, 2), dl, "SendList");
}

static LyExpr b_receivelist(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 2 || n > 3) return NULL;
    Chan *c = chan_arg(ly_narg(e, 1));
    int64_t dl = LYR_DEADLINE_NEVER, k;
    if (!c || (n == 3 && !lyf_timeout_arg(vm, "ReceiveList", ly_narg(e, 3), &dl))) return NULL;
    if (!ly_get_int64(ly_narg(e, 2), &k) || k < 1 || k > ((int64_t)1 << 32)) {
        ly_message(vm, ly_nhead(e), "count", 1, ly_narg(e, 2));
        return NULL;
    }
    return do_receive_list(vm, c, (size_t)k, dl, "ReceiveList");
}

static LyExpr b_trysend(LyVM *vm, LyExpr e) {
    Chan *c = ly_nlen(e) == 2 ? chan_arg(ly_narg(e, 1)) : NULL;
    return c ? do_trysend(vm, c, ly_narg(e, 2)) : NULL;
}

static LyExpr b_tryreceive(LyVM *vm, LyExpr e) {
    Chan *c = ly_nlen(e) == 1 ? chan_arg(ly_narg(e, 1)) : NULL;
    return c ? do_tryrecv(vm, c) : NULL;
}

static LyExpr b_closechannel(LyVM *vm, LyExpr e) {
    (void)vm;
    Chan *c = ly_nlen(e) == 1 ? chan_arg(ly_narg(e, 1)) : NULL;
    if (!c) return NULL;
    lyr_chan_close(c->ch);
    lyf_progress();
    return LY_SYM(Null);
}

typedef struct { LyrChan *chs[LYR_CHAN_SELECT_MAX]; Chan *cs[LYR_CHAN_SELECT_MAX]; int n, which; void *v; } AnyCtx;

static LyrStatus op_any(void *ctx, int64_t dl, const LyrCancel *tok) {
    AnyCtx *a = ctx;
    return lyr_chan_recv_any(a->chs, a->n, &a->which, &a->v, dl, tok);
}

static LyExpr b_receiveany(LyVM *vm, LyExpr e) {
    size_t n = ly_nlen(e);
    if (n < 1 || n > 2 || !ly_head_is(ly_narg(e, 1), LY_SYM(List))) return NULL;
    LyExpr l = ly_narg(e, 1);
    int64_t dl = LYR_DEADLINE_NEVER;
    if (n == 2 && !lyf_timeout_arg(vm, "ReceiveAny", ly_narg(e, 2), &dl)) return NULL;
    size_t k = ly_nlen(l);
    if (k < 1 || k > LYR_CHAN_SELECT_MAX) return NULL;
    AnyCtx *a = malloc(sizeof *a);
    if (!a) return ly_raise_nomem(vm);
    a->n = (int)k;
    for (size_t i = 0; i < k; i++) {
        Chan *c = chan_arg(ly_narg(l, i + 1));
        if (!c) { free(a); return NULL; }
        a->chs[i] = c->ch;
        a->cs[i] = c;
    }
    OpResult r = wait_loop(vm, dl, op_any, a);
    LyExpr res;
    switch (r) {
    case OP_OK: {
        LyExpr x = take_out(vm, a->cs[a->which], a->v);
        res = x ? ly_mk(vm, LY_SYM(List), 2, ly_int(vm, a->which + 1), x) : ly_raise_nomem(vm);
        break;
    }
    case OP_CLOSED: res = LY_SYM(EndOfStream); break;
    case OP_TIMEOUT: res = LY_SYM(DTimedOut); break;
    case OP_DEADLOCK: ly_message(vm, ly_nhead(e), "deadlock", 0); res = lyf_failed(); break;
    default: res = NULL;
    }
    free(a);
    return res;
}

static const LyBuiltin chan_builtins[] = {
    { "Channel", b_channel, "Protected",
      "Channel[n] makes a channel buffering up to n values; Channel[] is a rendezvous channel (capacity 0)." },
    { "BoundedChannel", b_channel, "Protected", "BoundedChannel[n] is Channel[n]." },
    { "Send", b_send, "Protected",
      "Send[ch, x] sends x on ch, blocking while it is full. Send[ch, x, t] gives $TimedOut after t seconds." },
    { "Receive", b_receive, "Protected",
      "Receive[ch] takes the next value of ch, blocking while it is empty; EndOfStream once closed and drained." },
    { "SendList", b_sendlist, "Protected",
      "SendList[ch, {x1, x2, ...}] sends each element in order as its own message (in batches), blocking while ch is full. SendList[ch, list, t] gives $TimedOut after t seconds (a prefix of list has been sent)." },
    { "ReceiveList", b_receivelist, "Protected",
      "ReceiveList[ch, n] waits for a value, then takes up to n values that are already there: a non-empty list, or EndOfStream once ch is closed and drained. ReceiveList[ch, n, t] gives $TimedOut after t seconds without a value." },
    { "TrySend", b_trysend, "Protected", "TrySend[ch, x] sends x if there is room: True or False." },
    { "TryReceive", b_tryreceive, "Protected", "TryReceive[ch] gives the next value, or Missing[\"Empty\"]." },
    { "CloseChannel", b_closechannel, "Protected", "CloseChannel[ch] closes ch: no more sends, receivers drain it." },
    { "ReceiveAny", b_receiveany, "Protected",
      "ReceiveAny[{ch1, ch2, ...}] gives {i, value} from whichever channel has a value first." },
    { NULL, NULL, NULL, NULL }
};

LyStatus lyf_open_chan(LyVM *vm) {
    LyStatus st = ly_register_table(vm, chan_builtins);
    if (st != LY_OK) return st;
    ly_set_message(vm, "Send", "closed", "The channel is closed.");
    ly_set_message(vm, "SendList", "closed", "The channel is closed.");
    ly_set_message(vm, "ReceiveList", "count", "The count `1` is not a positive machine integer.");
    ly_set_message(vm, "Channel", "cap", "The capacity `1` is not a non-negative integer.");
    ly_set_message(vm, "BoundedChannel", "cap", "The capacity `1` is not a non-negative integer.");
    ly_set_message(vm, "Channel", "nomethod", "Channel has no method `1`.");
    return LY_OK;
}
