/* lock.c: the run lock; see lock.h. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lock.h"

/* How often a run that waits for the lock tries again. */
#define RETRY_INTERVAL_US (50 * 1000)
/* How long a run that found the lock taken waits for the holder to have
 * written its pid (it locks first, then writes). */
#define PID_WAIT_US (100 * 1000)
/* How long a run waits, beyond its --wait-lock, when the pid in the file
 * names a process that has ended while the lock is still held. That is
 * a supervised run killed with SIGKILL: its worker inherited the lock's
 * open file, and the kernel kills the worker too (PR_SET_PDEATHSIG), but
 * a run started in that moment found the lock taken and blamed the dead
 * pid. The worker is gone within milliseconds; a second is ample. */
#define ENDED_HOLDER_WAIT_US (1000 * 1000)

struct _GalleyLock {
  int fd;
  char *path;
};

G_DEFINE_QUARK (galley-lock-error-quark, galley_lock_error)

gint64
galley_lock_read_pid (const char *path)
{
  g_autofree char *text = NULL;
  char *end;
  gint64 pid;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  pid = g_ascii_strtoll (text, &end, 10);
  if (end == text || pid <= 0 || (*end != '\n' && *end != '\0'))
    return 0;
  return pid;
}

/* has_ended: TRUE when no process of this pid namespace has @pid (a
 * process of another user's still counts: EPERM) */
static gboolean
has_ended (gint64 pid)
{
  return pid > 0 && pid <= G_MAXINT && kill ((pid_t) pid, 0) != 0 && errno == ESRCH;
}

static void
set_busy (GError **error, const char *path, double waited)
{
  gint64 pid = 0;
  g_autofree char *wait = NULL;

  for (gint64 slept = 0; slept < PID_WAIT_US; slept += 5000)
    {
      if ((pid = galley_lock_read_pid (path)) != 0)
        break;
      g_usleep (5000);
    }
  if (waited > 0)
    wait = g_strdup_printf ("; waited %g s", waited);
  if (has_ended (pid))
    g_set_error (error, GALLEY_LOCK_ERROR, GALLEY_LOCK_ERROR_BUSY,
                 "another run holds the lock %s (pid %" G_GINT64_FORMAT
                 ", which has ended; a process it started still holds the "
                 "lock)%s", path, pid, wait ? wait : "");
  else if (pid > 0)
    g_set_error (error, GALLEY_LOCK_ERROR, GALLEY_LOCK_ERROR_BUSY,
                 "another run holds the lock %s (pid %" G_GINT64_FORMAT ")%s",
                 path, pid, wait ? wait : "");
  else
    g_set_error (error, GALLEY_LOCK_ERROR, GALLEY_LOCK_ERROR_BUSY,
                 "another run holds the lock %s (pid unknown)%s",
                 path, wait ? wait : "");
}

static gboolean
write_pid (int fd)
{
  char line[32];
  int n = g_snprintf (line, sizeof line, "%ld\n", (long) getpid ());

  return ftruncate (fd, 0) == 0 && pwrite (fd, line, n, 0) == n;
}

/* holds_only_a_pid: TRUE when the file behind @fd is empty or holds one
 * pid line, as the lock files we write do. Anything else is a file that
 * --lock names by mistake (a pipeline file, a log), which write_pid would
 * empty. */
static gboolean
holds_only_a_pid (int fd)
{
  char text[32];
  ssize_t n = pread (fd, text, sizeof text, 0);
  ssize_t i = 0;

  if (n < 0 || n == (ssize_t) sizeof text)
    return FALSE;  /* unreadable, or longer than any pid line */
  while (i < n && g_ascii_isdigit (text[i]))
    i++;
  return i == n || (i > 0 && i == n - 1 && text[i] == '\n');
}

/* open_lock_file: opens @path for the lock, or sets an IO error naming it.
 *
 * The lock file often sits in a directory others can write to (/tmp,
 * /run/lock), where anyone may put a symlink or a hard link by that name
 * before the first run; root's run would then write its pid into, and
 * empty, the file it names. So: never through a symlink (O_NOFOLLOW, and
 * O_CREAT then does not create a file a dangling link names), only a
 * regular file (a device would take the pid line in its first bytes;
 * O_NONBLOCK so that opening one by mistake cannot hang), and
 * only one that is empty or holds a pid (checked by the caller once it
 * holds the lock, when nobody writes it). */
static int
open_lock_file (const char *path, GError **error)
{
  int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW
                       | O_NONBLOCK, 0644);
  struct stat st;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, GALLEY_LOCK_ERROR, GALLEY_LOCK_ERROR_IO,
                   "cannot open the lock file %s: %s", path,
                   saved == ELOOP ? "is a symbolic link; refusing to follow it"
                                  : g_strerror (saved));
      return -1;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, GALLEY_LOCK_ERROR, GALLEY_LOCK_ERROR_IO,
                   "cannot use %s as the lock file: it is not a regular file",
                   path);
      close (fd);
      return -1;
    }
  return fd;
}

GalleyLock *
galley_lock_acquire (const char *path, double wait_seconds, GError **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (wait_seconds * G_USEC_PER_SEC);
  gboolean extended = FALSE;
  GalleyLock *lock;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = open_lock_file (path, error);
  if (fd < 0)
    return NULL;
  for (;;)
    {
      gint64 now;

      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        break;
      if (errno == EINTR)
        continue;
      if (errno != EWOULDBLOCK)
        {
          int saved = errno;
          g_set_error (error, GALLEY_LOCK_ERROR, GALLEY_LOCK_ERROR_IO,
                       "cannot lock %s: %s", path, g_strerror (saved));
          close (fd);
          return NULL;
        }
      now = g_get_monotonic_time ();
      if (now >= deadline && !extended && has_ended (galley_lock_read_pid (path)))
        {
          extended = TRUE;
          deadline = now + ENDED_HOLDER_WAIT_US;
        }
      if (now >= deadline)
        {
          set_busy (error, path, wait_seconds);
          close (fd);
          return NULL;
        }
      g_usleep (MIN (RETRY_INTERVAL_US, deadline - now));
    }
  if (!holds_only_a_pid (fd))
    {
      g_set_error (error, GALLEY_LOCK_ERROR, GALLEY_LOCK_ERROR_IO,
                   "cannot use %s as the lock file: it holds something other "
                   "than a pid, which the run would overwrite (is it the "
                   "right path?)", path);
      close (fd);
      return NULL;
    }
  /* The lock works without the pid; a full disk only costs the message. */
  if (!write_pid (fd))
    g_warning ("cannot write the pid into the lock file %s: %s", path,
               g_strerror (errno));

  lock = g_new0 (GalleyLock, 1);
  lock->fd = fd;
  lock->path = g_strdup (path);
  return lock;
}

void
galley_lock_release (GalleyLock *lock)
{
  if (lock == NULL)
    return;
  /* Empty the file first, so that nobody reads a stale pid from it, then
   * unlock by closing. */
  if (ftruncate (lock->fd, 0) != 0)
    {
      /* harmless: the next holder rewrites it */
    }
  close (lock->fd);
  g_free (lock->path);
  g_free (lock);
}
