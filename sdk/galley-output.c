/* galley-output.c: atomic output files (temporary file, fsync, rename).
 *
 * The temporary file is DIR/.NAME.XXXXXX beside the target, so that the
 * rename stays within one file system. Each live output holds an
 * exclusive flock(2) on its temporary file from creation until after the
 * rename; a run killed on the way (SIGKILL, the OOM killer, a power cut)
 * leaves its temporary file behind, and the kernel drops its lock. The
 * next output opened on the same target removes such leftovers: see
 * remove_stale_temporaries for what counts as one.
 *
 * An append commits in place, under a journal: see append_in_place.
 */
#define _GNU_SOURCE  /* F_SETPIPE_SZ (Linux) */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <galley/galley-error.h>
#include <galley/galley-output.h>

#include "galley-output-private.h"

#define io_error _galley_output_io_error

#define BUFFER_SIZE (256 * 1024)

struct _GalleyOutput {
  char *path;       /* target, as given (for messages) */
  char *target;     /* what the rename replaces: @path with symlinks resolved */
  char *tmp_path;   /* NULL for stdout and non-regular targets */
  int fd;
  gboolean own_fd;  /* close fd in free (a device or FIFO we opened) */
  GString *buffer;
  guint64 size;
  gboolean closed;
  gboolean append;  /* the run's bytes go after the target's at the commit */
};

char *
galley_output_expand_path (const char *pattern, gint64 when)
{
  time_t t = when ? (time_t) when : time (NULL);
  struct tm tm;
  char buf[4096];
  size_t n;

  if (strcmp (pattern, "-") == 0 || strchr (pattern, '%') == NULL)
    return g_strdup (pattern);
  localtime_r (&t, &tm);
  /* The pattern is the user's: that is the point of the parameter. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  n = strftime (buf, sizeof buf, pattern, &tm);
#pragma GCC diagnostic pop
  if (n == 0)
    return g_strdup (pattern);
  return g_strndup (buf, n);
}

/* _galley_output_make_dated_directories: the directories of @path
 * (@pattern expanded) whose names come from its strftime patterns, made
 * where missing (0777 less the umask): /var/lib/news/%Y/%m/%d.jsonl makes
 * 2026/ and 2026/12/, at the start of a run and when a run that goes on
 * moves on to the next day's path, since no one can make them in advance.
 * Only below the part of @pattern before its first pattern, which must
 * exist: a typo there is reported by the output, not made into a
 * directory. Errors are left to the output's own open. */
void
_galley_output_make_dated_directories (const char *pattern, const char *path)
{
  const char *first = strchr (pattern, '%');
  const char *slash = first ? strrchr (pattern, '/') : NULL;
  g_autofree char *before = NULL, *fixed = NULL, *dir = NULL;

  if (slash == NULL || slash < first)
    return;  /* no pattern in the directories */
  before = g_strndup (pattern, first - pattern);
  fixed = g_path_get_dirname (before);
  if (!g_file_test (fixed, G_FILE_TEST_IS_DIR))
    return;
  dir = g_path_get_dirname (path);
  (void) g_mkdir_with_parents (dir, 0777);
}

gboolean
_galley_output_io_error (GError **error, const char *path, const char *what, int err)
{
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
               "%s: %s: %s", path, what, g_strerror (err));
  return FALSE;
}

static gboolean
write_all (int fd, const char *data, gsize len, const char *path, GError **error)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return io_error (error, path, "write failed", errno);
        }
      data += n;
      len -= n;
    }
  return TRUE;
}

static gboolean
symlink_error (GError **error, const char *path)
{
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
               "%s: is a symbolic link; refusing to follow it", path);
  return FALSE;
}

/* copy_into: writes the @len bytes of @from (the temporary file) to @fd
 * at @offset; @name is the target in messages. */
static gboolean
copy_into (int from, int fd, guint64 offset, guint64 len, const char *name,
           GError **error)
{
  char buf[65536];
  guint64 done = 0;

  while (done < len)
    {
      ssize_t n = pread (from, buf, MIN (sizeof buf, len - done), done);
      ssize_t w;

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return io_error (error, name, "cannot read the run's output", n < 0 ? errno : EIO);
      for (ssize_t put = 0; put < n; put += w)
        {
          w = pwrite (fd, buf + put, n - put, offset + done + put);
          if (w < 0 && errno == EINTR)
            w = 0;
          else if (w < 0)
            return io_error (error, name, "write failed", errno);
        }
      done += n;
    }
  return TRUE;
}

/* lock_directory: the directory @dir opened and flock'ed (appends to
 * the files of one directory, and the rewrites of merges, take turns),
 * or -1 where it cannot be: it goes on unlocked then, as it did before
 * appends were locked. Closing the descriptor unlocks. */
static int
lock_directory (const char *dir)
{
  int dfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (dfd >= 0 && flock (dfd, LOCK_EX) != 0)
    g_debug ("%s: cannot lock the directory: %s", dir, g_strerror (errno));
  return dfd;
}

int
_galley_output_lock_directory (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return lock_directory (dir);
}

gboolean
_galley_output_is_temporary_name (const char *name, const char *base)
{
  gsize n = strlen (base);

  if (name[0] != '.' || strncmp (name + 1, base, n) != 0 || name[n + 1] != '.')
    return FALSE;
  name += n + 2;
  for (int i = 0; i < 6; i++)
    if (!g_ascii_isalnum (name[i]))
      return FALSE;
  return name[6] == '\0';
}

/* remove_if_stale: unlinks @path if it is a temporary file nobody writes
 * (see remove_stale_temporaries). */
static void
remove_if_stale (const char *path)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
  struct stat st, again;

  if (fd < 0)
    return;
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == geteuid ()
      && flock (fd, LOCK_EX | LOCK_NB) == 0
      /* the name still leads to the file we locked */
      && lstat (path, &again) == 0
      && again.st_dev == st.st_dev && again.st_ino == st.st_ino)
    g_unlink (path);
  close (fd);  /* drops the lock */
}

/* remove_stale_temporaries: removes the temporary files that killed runs
 * left beside @target (a killed run cannot clean up, and twenty kills of
 * a run writing 100 MB left 800 MB of them), and adds to @journals the
 * names of the journals in its directory, of any file there (see
 * undo_interrupted_appends). A file is removed only when all of these
 * hold:
 *  - it is in @target's directory and named exactly .NAME.XXXXXX, NAME
 *    being @target's name: the leftovers of other outputs in the same
 *    directory (.other.csv.XXXXXX) are theirs to clean;
 *  - it is a regular file owned by the user running us (opened with
 *    O_NOFOLLOW: a symlink is never followed, nor removed);
 *  - nobody holds its flock: every live output locks its temporary file
 *    until it is renamed or removed, so a locked one belongs to a run
 *    still writing the same target (two runs without a shared --lock, or
 *    a second output on one path in one run);
 * The lock decides, not the age (an age would remove the file of a live
 * run that buffers for a long time between writes, and would keep the
 * leftover of a run killed a moment ago). mkstemp then flock is not
 * atomic: a file may be removed in that window, before its creator locks
 * it; create_temporary() therefore checks, once it holds the lock, that
 * the name still leads to its file, and makes another one when it does
 * not. Errors are ignored: cleaning up is a courtesy the output does
 * not depend on. Cost: one readdir of the directory per output opened. */
static void
remove_stale_temporaries (const char *target, GPtrArray *journals)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    if (_galley_output_is_temporary_name (name, base))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        remove_if_stale (path);
      }
    else if (_galley_journal_target_name (name, NULL))
      g_ptr_array_add (journals, g_strdup (name));
}

/* undo_interrupted_appends: the journals @journals (names, in the
 * directory @dir) of commits killed half-way, undone under the
 * directory's lock: a journal seen without it may be that of a commit
 * under way in another process. Every file of the directory, not only
 * @target: a run whose path has moved on to the next day's file would
 * never open the one its killed commit was adding to, and the lines that
 * commit had added, which the state does not hold, would stay there
 * while the next run writes them again into the new file. */
static gboolean
undo_interrupted_appends (const char *dir, GPtrArray *journals, GError **error)
{
  gboolean ok = TRUE;
  int dfd;

  if (journals->len == 0)
    return TRUE;
  dfd = lock_directory (dir);
  for (guint i = 0; ok && i < journals->len; i++)
    {
      const char *name = g_ptr_array_index (journals, i);
      g_autofree char *base = NULL, *journal = g_build_filename (dir, name, NULL);
      g_autofree char *file = NULL;

      _galley_journal_target_name (name, &base);
      file = g_build_filename (dir, base, NULL);
      ok = _galley_journal_undo (file, file, journal, dfd, error);
    }
  if (dfd >= 0)
    close (dfd);
  return ok;
}

/* _galley_output_settle_directory: what opening an output on each file
 * of @dir would do, for a directory no output may open again: the
 * journals acted on, and the stale temporary files of its files
 * (.NAME.XXXXXX beside NAME) removed. */
gboolean
_galley_output_settle_directory (const char *dir, GError **error)
{
  g_autoptr (GPtrArray) journals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) dotted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return TRUE;  /* gone: nothing left to take back */
  while ((name = g_dir_read_name (d)) != NULL)
    if (_galley_journal_target_name (name, NULL))
      g_ptr_array_add (journals, g_strdup (name));
    else if (name[0] == '.')
      g_ptr_array_add (dotted, g_strdup (name));
    else
      g_hash_table_add (files, g_strdup (name));
  for (guint i = 0; i < dotted->len; i++)
    {
      const char *tmp = g_ptr_array_index (dotted, i);
      gsize n = strlen (tmp);
      g_autofree char *base = n > 8 ? g_strndup (tmp + 1, n - 8) : NULL;

      if (base && g_hash_table_contains (files, base)
          && _galley_output_is_temporary_name (tmp, base))
        {
          g_autofree char *path = g_build_filename (dir, tmp, NULL);
          remove_if_stale (path);
        }
    }
  return undo_interrupted_appends (dir, journals, error);
}

/* create_temporary: a new DIR/.NAME.XXXXXX from @template, locked with
 * flock(2) (held until the rename or the unlink: it tells
 * remove_if_stale that the file is in use), in *@path. The lock is taken
 * after the file exists; if another output's clean-up removed the file in
 * between, the name no longer leads to our file, and we make another.
 * Where the file system has no flock nobody can take the lock, so nobody
 * removes the file either. Returns the descriptor, or -1 with errno. */
static int
create_temporary (const char *template, char **path)
{
  for (int attempt = 0; attempt < 16; attempt++)
    {
      char *name = g_strdup (template);
      struct stat mine, named;
      int fd = g_mkstemp_full (name, O_RDWR | O_CLOEXEC, 0644);

      if (fd < 0)
        {
          int saved = errno;
          g_free (name);
          errno = saved;
          return -1;
        }
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        g_debug ("%s: cannot lock the temporary file: %s", name, g_strerror (errno));
      if (fstat (fd, &mine) == 0 && lstat (name, &named) == 0
          && mine.st_dev == named.st_dev && mine.st_ino == named.st_ino)
        {
          *path = name;
          return fd;
        }
      close (fd);
      g_free (name);
    }
  errno = EEXIST;
  return -1;
}

/* widen_pipe: a pipe gets room for 1 MiB instead of Linux's 64 KiB. The
 * sink writes pieces of 256 KiB (export-jsonl), so with the default room
 * every piece blocked until the reader had taken three quarters of it, and
 * the sink thread, the workers and the reader took turns on the cores.
 * The default pipeline on 11.4 MB of news into `| cat > /dev/null`, one
 * job, five alternating runs: see the commit. A failure (another OS, or
 * past /proc/sys/fs/pipe-max-size) leaves the pipe as it is. */
static void
widen_pipe (int fd)
{
#ifdef F_SETPIPE_SZ
  struct stat st;

  if (fstat (fd, &st) == 0 && S_ISFIFO (st.st_mode) && fcntl (fd, F_GETPIPE_SZ) < (1 << 20))
    (void) fcntl (fd, F_SETPIPE_SZ, 1 << 20);
#else
  (void) fd;
#endif
}

/* The descriptor behind "-": standard output, or the copy of it kept by
 * _galley_output_keep_stdout(). */
static int stdout_fd = STDOUT_FILENO;

void
_galley_output_keep_stdout (void)
{
  int kept;

  if (stdout_fd != STDOUT_FILENO)
    return;
  kept = fcntl (STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  if (kept < 0)
    return;  /* closed: a sink that writes "-" says so */
  fflush (stdout);
  if (dup2 (STDERR_FILENO, STDOUT_FILENO) < 0)
    {
      close (kept);  /* no standard error: standard output stays */
      return;
    }
  stdout_fd = kept;
}

int
_galley_output_stdout_fd (void)
{
  return stdout_fd;
}

/* stdout_alias: for a path that names descriptor 1 (/dev/stdout and its
 * like), once standard output is kept under another descriptor, the path
 * of that one; else NULL. */
static char *
stdout_alias (const char *path)
{
  if (stdout_fd == STDOUT_FILENO
      || (strcmp (path, "/dev/stdout") != 0 && strcmp (path, "/dev/fd/1") != 0
          && strcmp (path, "/proc/self/fd/1") != 0))
    return NULL;
  return g_strdup_printf ("/proc/self/fd/%d", stdout_fd);
}

GalleyOutput *
galley_output_open (const char *name, GalleyOutputFlags flags, GError **error)
{
  GalleyOutput *out = g_new0 (GalleyOutput, 1);
  g_autofree char *kept = stdout_alias (name);
  const char *path = kept ? kept : name;  /* what to open; @name in messages */

  out->path = g_strdup (name);
  out->buffer = g_string_sized_new (BUFFER_SIZE);
  if (strcmp (path, "-") == 0)
    {
      out->fd = stdout_fd;
      widen_pipe (out->fd);
      return out;
    }
  {
    /* A device or FIFO (/dev/null, /dev/stdout, a pipe) is written in
     * place: a temporary file beside it and a rename would replace the
     * device node itself. */
    struct stat st;
    if (g_stat (path, &st) == 0 && !S_ISREG (st.st_mode) && !S_ISDIR (st.st_mode))
      {
        out->fd = open (path, O_WRONLY | O_CLOEXEC
                        | ((flags & GALLEY_OUTPUT_APPEND) ? O_APPEND : 0));
        if (out->fd < 0)
          {
            io_error (error, out->path, "cannot open output", errno);
            galley_output_free (out);
            return NULL;
          }
        out->own_fd = TRUE;
        return out;
      }
  }
  /* A symlink (latest.csv -> 2024-05-02.csv, or /dev/stdout -> a file
   * the shell redirected to) must not be replaced by the rename: the
   * temporary file goes beside the file it points to, and replaces that.
   * Not in append mode: an append-mode file (the rejects file, a log a
   * run adds to) sits where others may plant a link to a file of theirs,
   * which the run would rewrite; it is refused. A link to a device or
   * FIFO (/dev/stderr) was opened in place above, which rewrites nothing. */
  {
    struct stat lst;
    gboolean is_link = g_lstat (path, &lst) == 0 && S_ISLNK (lst.st_mode);

    if (is_link && (flags & GALLEY_OUTPUT_APPEND))
      {
        symlink_error (error, out->path);
        galley_output_free (out);
        return NULL;
      }
    if (is_link)
      {
        char *resolved = realpath (path, NULL);  /* malloc'd */
        if (resolved != NULL)
          {
            out->target = g_strdup (resolved);
            free (resolved);
          }
        else
          {
            /* dangling: create the file the link names */
            g_autofree char *link = g_file_read_link (path, NULL);
            g_autofree char *dir = g_path_get_dirname (path);
            if (link != NULL)
              out->target = g_path_is_absolute (link) ? g_strdup (link)
                                                      : g_build_filename (dir, link, NULL);
          }
      }
    if (out->target == NULL)
      out->target = g_strdup (path);
  }
  {
    /* refused now, not at the commit's rename after the whole run */
    struct stat st;
    if (g_stat (out->target, &st) == 0 && S_ISDIR (st.st_mode))
      {
        io_error (error, out->path, "cannot create output", EISDIR);
        galley_output_free (out);
        return NULL;
      }
  }
  {
    g_autoptr (GPtrArray) journals = g_ptr_array_new_with_free_func (g_free);

    g_autofree char *dir = g_path_get_dirname (out->target);

    remove_stale_temporaries (out->target, journals);
    if (!undo_interrupted_appends (dir, journals, error))
      {
        galley_output_free (out);
        return NULL;
      }
  }
  {
    g_autofree char *dir = g_path_get_dirname (out->target);
    g_autofree char *base = g_path_get_basename (out->target);
    g_autofree char *template = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

    out->fd = create_temporary (template, &out->tmp_path);
  }
  if (out->fd < 0)
    {
      int saved = errno;
      io_error (error, out->path, "cannot create output", saved);
      galley_output_free (out);
      return NULL;
    }
  if (flags & GALLEY_OUTPUT_APPEND)
    {
      /* The run's bytes go after the target's as they are at the commit,
       * not now: a run that committed to the same file in between keeps
       * its lines. The target is opened now to refuse one the run cannot
       * write before the run, not after it; its size is for a header's
       * decision, taken once an interrupted commit's bytes are taken
       * back (above). */
      int fd = open (out->target, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK);
      int err = errno;
      struct stat st;

      out->append = TRUE;
      if (fd < 0 && err != ENOENT)
        {
          if (err == ELOOP)
            symlink_error (error, out->path);
          else
            io_error (error, out->path, "cannot open", err);
          galley_output_free (out);
          return NULL;
        }
      if (fd >= 0 && fstat (fd, &st) == 0)
        out->size = st.st_size;
      if (fd >= 0)
        close (fd);
    }
  return out;
}

/* written_name: what a write error names: the path the user gave (not
 * the temporary file, whose name they never wrote; not "<stdout>" for
 * a device or FIFO written in place) */
static const char *
written_name (const GalleyOutput *out)
{
  return strcmp (out->path, "-") == 0 ? "<stdout>" : out->path;
}

static gboolean
flush (GalleyOutput *out, GError **error)
{
  gboolean ok = write_all (out->fd, out->buffer->str, out->buffer->len,
                           written_name (out), error);
  g_string_truncate (out->buffer, 0);
  return ok;
}

gboolean
galley_output_write (GalleyOutput *out, const char *data, gsize len,
                     GError **error)
{
  if (out->closed)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: write after commit", out->path);
      return FALSE;
    }
  out->size += len;
  /* A piece as large as the buffer, with nothing buffered before it,
   * goes out as it is: export-jsonl hands its lines over in pieces of
   * 256 KiB, and copying them here was 23M instructions of the default
   * pipeline on 11.4 MB of news (callgrind; 52 MB written). */
  if (out->buffer->len == 0 && len >= BUFFER_SIZE)
    return write_all (out->fd, data, len, written_name (out), error);
  g_string_append_len (out->buffer, data, len);
  if (out->buffer->len >= BUFFER_SIZE)
    return flush (out, error);
  return TRUE;
}

const char *
galley_output_get_path (const GalleyOutput *out)
{
  return out->path;
}

guint64
galley_output_get_size (const GalleyOutput *out)
{
  return out->size;
}

/* keep_mode_and_owner: gives the temporary file the permission bits of
 * the file it is about to replace and, when we run as root, its owner and
 * group: a 0600 file stays 0600, and a file that root's cron job rewrites
 * for the user news stays news'. Only root may give a file away; another
 * user's run keeps the new file as its own, as editors do. A new target
 * keeps mkstemp's 0644 less the umask. */
static gboolean
keep_mode_and_owner (GalleyOutput *out, int fd, GError **error)
{
  struct stat st;

  if (stat (out->target, &st) != 0)
    return errno == ENOENT ? TRUE
                           : io_error (error, out->path, "cannot stat the output", errno);
  if (!S_ISREG (st.st_mode))
    return TRUE;  /* the rename will report it */
  /* fchown first: it clears the set-user-ID and set-group-ID bits, which
   * fchmod then restores. */
  if (geteuid () == 0 && fchown (fd, st.st_uid, st.st_gid) != 0)
    return io_error (error, out->path,
                     "cannot give the new output the owner of the old one", errno);
  if (fchmod (fd, st.st_mode & 07777) != 0)
    return io_error (error, out->path,
                     "cannot give the new output the permissions of the old one", errno);
  return TRUE;
}

/* place: gives the temporary file @fd (@tmp) the target's mode, fsyncs
 * it and renames it over the target. */
static gboolean
place (GalleyOutput *out, int fd, const char *tmp, GError **error)
{
  if (!keep_mode_and_owner (out, fd, error))
    return FALSE;
  if (fsync (fd) != 0)
    return io_error (error, tmp, "fsync failed", errno);
  if (g_rename (tmp, out->target) != 0)
    return io_error (error, out->path, "cannot rename the output into place", errno);
  return TRUE;
}

/* publish_new: the first append to a file that is not there yet makes
 * it whole, renaming the run's file into place as a replace does: a run
 * killed meanwhile leaves no file or all of it, where an append into a
 * file it had just created left an empty one. A state holding appends
 * still gets its journal (from 0 bytes), written before the rename: the
 * file renamed is the run's, inode and all. */
static gboolean
publish_new (GalleyOutput *out, const struct stat *run, const char *journal, int dfd,
             GError **error)
{
  struct stat before = *run;

  before.st_size = 0;
  if (_galley_journal_held () && !_galley_journal_begin (journal, out->path, &before,
                                                         run->st_size, dfd, error))
    return FALSE;
  return place (out, out->fd, out->tmp_path, error);
}

/* append_in_place: in append mode the commit adds the run's bytes to the
 * end of the target itself, so that it costs those bytes, not a copy of
 * the whole file: a --follow service appending to one file all day used
 * to copy it at every checkpoint (a 342 MB file took 0.5 s a commit, and
 * the cost grew with the file). Appends to the files of one directory
 * take turns under an flock on it, so that two runs appending to one file
 * keep each other's bytes.
 *
 * What keeps it atomic across a crash: before the first byte goes in, a
 * journal beside the target records its length; the journal goes once
 * the bytes are fsync'ed (or, in a run with a state, once the state has
 * committed). A commit killed in between leaves the journal, and the
 * next output opened in the directory cuts the file back to that length,
 * as if the commit had never begun, which is what the run's state
 * believes: galley-journal.c. What a reader sees meanwhile
 * is the file growing, as with any log: `tail -f` follows it, which the
 * rename of a copy broke at every commit. */
static gboolean
append_in_place (GalleyOutput *out, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (out->target);
  g_autofree char *journal = _galley_journal_path (out->target);
  int dfd = lock_directory (dir);
  int fd = -1;
  struct stat run, st;
  gboolean ok = FALSE, renamed = FALSE;

  if (fstat (out->fd, &run) != 0)
    io_error (error, out->path, "cannot stat the run's output", errno);
  else if (_galley_journal_undo (out->target, out->path, journal, dfd, error))
    {
      /* nothing to add makes no file: a service whose path moved on to
       * the next day's file at midnight makes it with the day's first
       * article, not at the checkpoints before it */
      fd = open (out->target, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK);
      if (fd < 0 && errno == ENOENT && run.st_size == 0)
        ok = TRUE;
      else if (fd < 0 && errno == ENOENT)
        ok = renamed = publish_new (out, &run, journal, dfd, error);
      else if (fd < 0 && errno == ELOOP)
        symlink_error (error, out->path);
      else if (fd < 0)
        io_error (error, out->path, "cannot open", errno);
      else if (fstat (fd, &st) != 0)
        io_error (error, out->path, "cannot stat the output", errno);
      else if (!S_ISREG (st.st_mode))
        io_error (error, out->path, "cannot append", EINVAL);
      else if (run.st_size == 0)
        ok = TRUE;  /* nothing to add: the file is left as it is */
      else if (_galley_journal_begin (journal, out->path, &st, st.st_size + run.st_size,
                                      dfd, error))
        {
          ok = copy_into (out->fd, fd, st.st_size, run.st_size, out->path, error)
               && (fsync (fd) == 0 || io_error (error, out->path, "fsync failed", errno));
          /* a failed append (a full disk) takes back what it added */
          if (!ok && ftruncate (fd, st.st_size) == 0)
            fsync (fd);
          _galley_journal_end (journal, dfd);
        }
    }
  if (fd >= 0)
    close (fd);
  if (dfd >= 0)
    close (dfd);
  if (ok && !renamed)
    g_unlink (out->tmp_path);
  return ok;
}

gboolean
galley_output_commit (GalleyOutput *out, GError **error)
{
  if (out->closed)
    return TRUE;
  if (!flush (out, error))
    return FALSE;
  out->closed = TRUE;
  if (out->tmp_path == NULL)
    return TRUE;  /* stdout: flushed is all we can do */
  /* Renamed (or, appended, unlinked) before it is closed, so that its
   * lock lasts as long as its temporary name. */
  if (out->append ? !append_in_place (out, error) : !place (out, out->fd, out->tmp_path, error))
    return FALSE;
  close (out->fd);
  out->fd = -1;
  g_clear_pointer (&out->tmp_path, g_free);
  {
    /* fsync the directory so the rename itself survives a power loss */
    g_autofree char *dir = g_path_get_dirname (out->target);
    int dfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0)
      {
        fsync (dfd);
        close (dfd);
      }
  }
  return TRUE;
}

void
galley_output_free (GalleyOutput *out)
{
  if (out == NULL)
    return;
  if (out->tmp_path != NULL)
    {
      /* unlinked before it is closed: the lock lasts as long as the name */
      g_unlink (out->tmp_path);
      if (out->fd >= 0)
        close (out->fd);
      g_free (out->tmp_path);
    }
  else if (out->own_fd && out->fd >= 0)
    close (out->fd);
  g_string_free (out->buffer, TRUE);
  g_free (out->target);
  g_free (out->path);
  g_free (out);
}
