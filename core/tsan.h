/* tsan.h: tells ThreadSanitizer about the synchronisation it cannot see.
 *
 * GLib on Linux builds GMutex, GCond and so GAsyncQueue on raw futex
 * system calls, not on pthread mutexes; ThreadSanitizer only knows the
 * latter, so in a --enable-tsan build every document handed from one
 * thread to another through a GAsyncQueue would be reported as a data
 * race, although the queue's lock orders the two threads' accesses. The
 * runner's queue and lock calls go through these macros, which in such a
 * build declare the ordering the futex gives: whatever a thread did before
 * galley_tsan_release (obj) happens before whatever a thread does after a
 * later galley_tsan_acquire (obj). In other builds they are nothing. */
#ifndef GALLEY_CORE_TSAN_H
#define GALLEY_CORE_TSAN_H

#if defined(__SANITIZE_THREAD__)
#define GALLEY_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define GALLEY_TSAN 1
#endif
#endif

#ifdef GALLEY_TSAN
/* from the ThreadSanitizer runtime (compiler-rt's tsan_interface.h) */
void __tsan_acquire (void *addr);
void __tsan_release (void *addr);
#define galley_tsan_acquire(obj) __tsan_acquire ((void *) (obj))
#define galley_tsan_release(obj) __tsan_release ((void *) (obj))
#else
#define galley_tsan_acquire(obj) ((void) 0)
#define galley_tsan_release(obj) ((void) 0)
#endif

#endif /* GALLEY_CORE_TSAN_H */
