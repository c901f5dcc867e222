/* galley-output-private.h: what the SDK's outputs share with the core:
 * the name of an output's temporary file (the SDK removes stale ones when
 * an output opens, the core a failed run's own after it ends), the
 * directory lock, dated directories, and the journals of appends, which
 * the core's state holds until its commit.
 *
 * PRIVATE, like galley-chain-private.h: not installed, not SDK API; the
 * leading underscore keeps it out of the public export list. */
#pragma once

#include <glib.h>
#include <sys/stat.h>

G_BEGIN_DECLS

/* _galley_output_keep_stdout: keeps standard output under a descriptor
 * of its own, for the sinks that write "-" (and /dev/stdout), and points
 * descriptor 1 at standard error: what a stage or a library prints there
 * (a plugin's debugging printf) then cannot land among the documents.
 * For `galley run`, before it starts a stage. Where standard output or
 * standard error is closed, all is left as it was. */
void _galley_output_keep_stdout (void);

/* _galley_output_stdout_fd: where "-" writes: the kept descriptor, or 1. */
int _galley_output_stdout_fd (void);

/* _galley_output_is_temporary_name: whether the file name @name is
 * ".BASE." followed by the six letters or digits g_mkstemp puts in place
 * of XXXXXX, and nothing else, for the output file name @base. */
gboolean _galley_output_is_temporary_name (const char *name, const char *base);

/* _galley_output_lock_directory: the directory of the file @path, opened
 * and flock'ed as an append's commit does (galley-output.c), or -1 where
 * it cannot be; closing the descriptor unlocks. For GalleyMerge, whose
 * rewrite must not interleave with another run's append. */
int _galley_output_lock_directory (const char *path);

/* _galley_output_make_dated_directories: the directories of @path
 * (@pattern expanded) that its strftime patterns name, made where missing,
 * below the part before the first pattern (which must exist). For the
 * stages' output paths (galley-chain.c) and the runner's rejects file. */
void _galley_output_make_dated_directories (const char *pattern, const char *path);

/* _galley_output_io_error: sets @error to "PATH: WHAT: strerror(ERR)"
 * (GALLEY_STAGE_ERROR_IO), the outputs' message for a failed call;
 * returns FALSE. */
gboolean _galley_output_io_error (GError **error, const char *path, const char *what, int err);

/* The journals of appends (galley-journal.c). */

/* _galley_journal_target_name: whether the file name @name is that of a
 * journal, and if so the name of its target in *@base (when not NULL). */
gboolean _galley_journal_target_name (const char *name, char **base);

/* _galley_journal_held: whether a state holds the appends' journals. */
gboolean _galley_journal_held (void);

/* _galley_journal_path: the journal this process writes for an append
 * to @target: its own while a state holds the appends. */
char *_galley_journal_path (const char *target);

/* _galley_journal_undo: with the directory locked (@dfd), a journal
 * found at @journal for @target acted on: the bytes of a commit that was
 * killed cut back, or kept when its state committed it; @name is the
 * target in messages. FALSE only when a cut fails. */
gboolean _galley_journal_undo (const char *target, const char *name, const char *journal,
                               int dfd, GError **error);

/* _galley_journal_begin: with the directory locked, @journal made
 * durable for an append to the target of status @st that will make it
 * @to bytes long, before its first byte goes in. */
gboolean _galley_journal_begin (const char *journal, const char *name, const struct stat *st,
                                guint64 to, int dfd, GError **error);

/* _galley_journal_end: the append is over (done, or taken back): its
 * journal goes, unless a state holds it until its commit. */
void _galley_journal_end (const char *journal, int dfd);

/* _galley_output_hold_appends: from now on the journals of appends stay
 * until _galley_output_release_appends(), for the state of identity
 * @owner (32 lower-case hex digits) that has committed @commits times;
 * the appends are its documents, done once its next commit is. The
 * directories it holds journals in are listed in the file @registry
 * (NULL: none), whose journals, left by its last run, are acted on now.
 * NULL @owner stops holding (the journals held so far stay on disk, for
 * the state's next run to decide). One state a process: the core's run.
 * FALSE when a journal's bytes cannot be cut back. */
gboolean _galley_output_hold_appends (const char *owner, guint64 commits, const char *registry,
                                      GError **error);

/* _galley_output_settle_directory: the journals in @dir acted on, as an
 * output opened there does. */
gboolean _galley_output_settle_directory (const char *dir, GError **error);

/* _galley_output_release_appends: the state has committed, @commits
 * times in all: the journals held go, their appends are for good. */
void _galley_output_release_appends (guint64 commits);

G_END_DECLS
