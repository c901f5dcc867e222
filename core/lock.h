/* lock.h: the run lock (--lock FILE, lock= in [pipeline]).
 *
 * An exclusive flock(2) on FILE, held for the whole run and released when
 * the process ends however it ends (the kernel drops the lock with the
 * last descriptor, so a run killed with SIGKILL never leaves a stale
 * lock). The file holds the holder's pid, one line, so that a run that
 * finds the lock taken can name it. The file is never unlinked: removing
 * a lock file that another process has open lets a third process lock a
 * new inode while the second still holds the old one. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GALLEY_LOCK_ERROR (galley_lock_error_quark ())
GQuark galley_lock_error_quark (void);

typedef enum {
  GALLEY_LOCK_ERROR_BUSY,  /* another process holds it */
  GALLEY_LOCK_ERROR_IO,    /* the file cannot be opened or locked */
} GalleyLockError;

typedef struct _GalleyLock GalleyLock;

/* galley_lock_acquire: takes the lock on @path (created 0644 if missing;
 * never through a symlink, never a file that holds more than a pid).
 * @wait_seconds: 0 fails at once when it is taken; otherwise retries for
 * up to that long. BUSY errors name the holder's pid when it is known:
 * "another run holds the lock FILE (pid 1234)". */
GalleyLock *galley_lock_acquire (const char *path, double wait_seconds,
                                 GError **error);

/* galley_lock_read_pid: the pid written in @path, or 0 when it holds
 * none (read without locking: for messages only). */
gint64 galley_lock_read_pid (const char *path);

/* galley_lock_release: unlocks and frees; NULL is ignored. */
void galley_lock_release (GalleyLock *lock);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyLock, galley_lock_release)

G_END_DECLS
