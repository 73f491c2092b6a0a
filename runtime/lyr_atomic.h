/*
** lyr_atomic.h -- the one place where runtime/ spells memory orderings.
**
** Every lock-free structure in runtime/ (deque, ring, parking flags, task
** state) uses C11 <stdatomic.h> through these macros, never ck_pr: TSan
** cannot see ck_pr's volatile accesses and inline asm (notes/ck-hwloc.md
** section 3), while C11 atomics are both visible to TSan and compile to the
** same instructions on x86-64.  ck is used only for ck_ec (futex-backed
** event counts), whose internal ordering we never rely on for data: after a
** wake-up every waiter re-reads the real state through C11 atomics.
**
** Standalone fences: gcc warns (-Wtsan) that atomic_thread_fence is not
** supported under -fsanitize=thread, so the algorithms here are written with
** seq_cst *accesses* (store/exchange/CAS/load) at the points where the
** published recipes put a seq_cst fence.  On x86-64 a seq_cst store is an
** xchg, which costs the same as mov+mfence, and seq_cst loads are plain
** movs, so one code path serves both release and TSan builds.
*/
#ifndef LYR_ATOMIC_H
#define LYR_ATOMIC_H

#include <stdatomic.h>
#include <stdint.h>

#if defined(LY_TSAN) || defined(__SANITIZE_THREAD__)
#define LYR_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LYR_TSAN 1
#endif
#endif
#ifndef LYR_TSAN
#define LYR_TSAN 0
#endif

#if defined(LY_SANITIZED) || LYR_TSAN || defined(__SANITIZE_ADDRESS__)
#define LYR_SANITIZED 1
#else
#define LYR_SANITIZED 0
#endif

#define LYR_CACHELINE 64
#define LYR_CACHE_ALIGNED _Alignas(LYR_CACHELINE)

#define lyr_ld_rlx(p)      atomic_load_explicit((p), memory_order_relaxed)
#define lyr_ld_acq(p)      atomic_load_explicit((p), memory_order_acquire)
#define lyr_ld_sc(p)       atomic_load_explicit((p), memory_order_seq_cst)
#define lyr_st_rlx(p, v)   atomic_store_explicit((p), (v), memory_order_relaxed)
#define lyr_st_rel(p, v)   atomic_store_explicit((p), (v), memory_order_release)
#define lyr_st_sc(p, v)    atomic_store_explicit((p), (v), memory_order_seq_cst)
#define lyr_xchg_sc(p, v)  atomic_exchange_explicit((p), (v), memory_order_seq_cst)
#define lyr_xchg_acqrel(p, v) atomic_exchange_explicit((p), (v), memory_order_acq_rel)
#define lyr_faa_rlx(p, v)  atomic_fetch_add_explicit((p), (v), memory_order_relaxed)
#define lyr_faa_sc(p, v)   atomic_fetch_add_explicit((p), (v), memory_order_seq_cst)
#define lyr_fsub_sc(p, v)  atomic_fetch_sub_explicit((p), (v), memory_order_seq_cst)
#define lyr_for_sc(p, v)   atomic_fetch_or_explicit((p), (v), memory_order_seq_cst)
#define lyr_fand_sc(p, v)  atomic_fetch_and_explicit((p), (v), memory_order_seq_cst)
/* Strong CAS; *expected is updated on failure. */
#define lyr_cas_sc(p, expected, desired) \
  atomic_compare_exchange_strong_explicit((p), (expected), (desired), \
                                          memory_order_seq_cst, memory_order_relaxed)
#define lyr_casw_sc(p, expected, desired) \
  atomic_compare_exchange_weak_explicit((p), (expected), (desired), \
                                        memory_order_seq_cst, memory_order_relaxed)

/* A full seq_cst fence for Dekker-style "publish, then check for sleepers".
** Under TSan a seq_cst RMW on a dummy word stands in (gcc's -Wtsan rejects
** atomic_thread_fence; a locked RMW is a full barrier on x86). */
#if LYR_TSAN
extern _Atomic int lyr_fence_dummy_;
#define lyr_fence_sc() ((void)atomic_fetch_add_explicit(&lyr_fence_dummy_, 0, memory_order_seq_cst))
#else
#define lyr_fence_sc() atomic_thread_fence(memory_order_seq_cst)
#endif

/* Owner-only counters read by other threads: a relaxed load+store pair is a
** plain inc on x86 (no lock prefix) and is still a data-race-free access. */
#define lyr_counter_inc(p) lyr_st_rlx((p), lyr_ld_rlx(p) + 1)
#define lyr_counter_add(p, d) lyr_st_rlx((p), lyr_ld_rlx(p) + (d))

static inline void lyr_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

#endif
