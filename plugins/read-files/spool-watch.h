/* spool-watch.h: new files in a directory, for read-files follow=true.
 *
 * A file is taken once it is complete: when a writer that had it open
 * for writing closes it (IN_CLOSE_WRITE), or when it is renamed or moved
 * into the directory (IN_MOVED_TO), the way mail and spool writers
 * publish a file (write elsewhere, then rename). A file still being
 * written is never taken half way. inotify, not GFileMonitor: the reading
 * thread has no main loop to run, and it must wait with a timeout (see
 * GALLEY_READ_IDLE). Linux only; one directory, not its subdirectories.
 *
 * The kernel holds the events not read yet in a queue of its own
 * (fs.inotify.max_queued_events, 16384 by default): a burst of new files
 * while the run is busy downstream overflows it, and the events after
 * that are lost. The watch says so (spool_watch_take_overflow()), and its
 * user lists the directory again. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SpoolWatch SpoolWatch;

/* spool_watch_new: watches @dir. Errors: GALLEY_STAGE_ERROR_IO naming it. */
SpoolWatch *spool_watch_new (const char *dir, GError **error);

/* spool_watch_next: the path of the next complete file (transfer full),
 * waiting up to @timeout_ms; NULL when none came (or a signal woke the
 * wait). Errors: GALLEY_STAGE_ERROR_IO when the watch broke (the
 * directory was removed). */
char *spool_watch_next (SpoolWatch *watch, int timeout_ms, GError **error);

/* spool_watch_take_overflow: whether the kernel's queue overflowed (and
 * events were lost) since the last call; a call clears it. Seen as the
 * events are read, so check it after spool_watch_next(). */
gboolean spool_watch_take_overflow (SpoolWatch *watch);

void spool_watch_free (SpoolWatch *watch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SpoolWatch, spool_watch_free)

G_END_DECLS
