/* spool-watch.c: see spool-watch.h. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <galley/galley.h>

#include "spool-watch.h"

struct _SpoolWatch {
  char *dir;
  int fd;
  GQueue ready;   /* paths, complete, not handed out yet */
  gboolean overflowed;  /* events were lost since the last take_overflow */
};

SpoolWatch *
spool_watch_new (const char *dir, GError **error)
{
  SpoolWatch *w = g_new0 (SpoolWatch, 1);

  w->dir = g_strdup (dir);
  w->fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  if (w->fd < 0
      || inotify_add_watch (w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO
                                        | IN_DELETE_SELF | IN_MOVE_SELF) < 0)
    {
      int saved = errno;
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: cannot watch for new files: %s", dir, g_strerror (saved));
      spool_watch_free (w);
      return NULL;
    }
  return w;
}

/* drain: every event queued, into w->ready. FALSE when the directory
 * itself went away. */
static gboolean
drain (SpoolWatch *w)
{
  /* aligned as inotify_event, room for many events per read */
  char buf[16 * 1024] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
  ssize_t n;

  while ((n = read (w->fd, buf, sizeof buf)) > 0)
    for (char *p = buf; p < buf + n;)
      {
        const struct inotify_event *ev = (const struct inotify_event *) p;

        if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED))
          return FALSE;
        if (ev->mask & IN_Q_OVERFLOW)
          w->overflowed = TRUE;
        if (ev->len > 0 && !(ev->mask & IN_ISDIR))
          g_queue_push_tail (&w->ready, g_build_filename (w->dir, ev->name, NULL));
        p += sizeof *ev + ev->len;
      }
  return TRUE;
}

char *
spool_watch_next (SpoolWatch *w, int timeout_ms, GError **error)
{
  struct pollfd pfd = { .fd = w->fd, .events = POLLIN };

  if (w->ready.length == 0 && poll (&pfd, 1, timeout_ms) > 0 && !drain (w))
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: the directory watched for new files was removed or moved",
                   w->dir);
      return NULL;
    }
  return g_queue_pop_head (&w->ready);
}

gboolean
spool_watch_take_overflow (SpoolWatch *w)
{
  gboolean overflowed = w->overflowed;

  w->overflowed = FALSE;
  return overflowed;
}

void
spool_watch_free (SpoolWatch *w)
{
  if (w == NULL)
    return;
  if (w->fd >= 0)
    close (w->fd);
  g_queue_clear_full (&w->ready, g_free);
  g_free (w->dir);
  g_free (w);
}
