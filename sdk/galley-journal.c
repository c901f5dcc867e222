/* galley-journal.c: the journals that make an append-mode output's
 * commit all or nothing across a crash and, in a run with a state,
 * exactly once with the state's commit.
 *
 * An append commits by writing the run's bytes at the end of the target
 * itself (galley-output.c, append_in_place). Before the first byte, a
 * journal beside the target records "DEV INO FROM TO": the target (that
 * device's inode) was FROM bytes long, and the commit adds the bytes up
 * to TO. A journal found later is that of a commit that was killed, and
 * the next output opened in the directory cuts the file back to FROM.
 *
 * That makes each commit all or nothing, but a run with a state commits
 * its sinks first and the state after them: killed in between, a file
 * keeps documents the state does not hold, and the next run writes them
 * again. A merge (unique=true) replaces them; a plain append
 * (unique=false) and the rejects file held them twice. So while a state
 * holds the appends (_galley_output_hold_appends), a journal outlives its
 * append until the state's commit releases it
 * (_galley_output_release_appends):
 *  - it is named .NAME.append-journal-OWNER, OWNER being the state's
 *    identity (32 hex digits), so that runs of other states, and runs
 *    without one, write journals of their own beside it;
 *  - its text adds OWNER and EPOCH, the number the state's commit count
 *    will have once the append's documents are done;
 *  - the run keeps it flock'ed: a journal that cannot be locked is a live
 *    run's, and nobody else touches it.
 * A journal left by a killed run of the same state is then decided by
 * the state's count: EPOCH committed, the bytes stay; not committed, they
 * go, and the next run writes those documents once. A run of another
 * state (or of none) cannot tell, and leaves such a journal alone while
 * the file is as it says; once the file has changed past it (another
 * inode, or longer than TO: nothing can be cut back any more), it is
 * removed. An append killed before it reached TO was committed by no
 * state, and any run cuts it back.
 *
 * A run acts on the journals of the directories it opens outputs in.
 * One killed in a directory that no later run opens (a dated directory
 * left at midnight, a path changed in the pipeline after the kill) would
 * keep its lines, which the next run writes again elsewhere: so the
 * state also keeps a list of the directories it holds journals in (the
 * registry, a file beside it, one line a directory, made durable before
 * the first journal there), and its next run acts on each of them before
 * anything else, then removes the list.
 *
 * Every journal is written, and every one found is acted on, with the
 * directory flock'ed (galley-output.c): no commit is half-way then.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <galley/galley-error.h>

#include "galley-output-private.h"

#define JOURNAL_SUFFIX ".append-journal"
#define OWNER_LEN 32

/* A journal this process keeps until the state's commit. */
typedef struct {
  char *path;
  int fd;            /* open and flock'ed while held */
  guint64 dev, ino;  /* the target's */
  guint64 from, to;  /* what the held appends added, together */
} HeldJournal;

G_LOCK_DEFINE_STATIC (held);
static char *owner;             /* NULL: no state holds the appends */
static guint64 committed;       /* the owner's commits so far */
static GPtrArray *held_journals;
static char *registry;          /* the owner's list of directories, or NULL */
static GHashTable *registered;  /* the directories in it (absolute) */

/* "PATH: WHAT: strerror", as every output message (galley-output.c) */
#define io_error _galley_output_io_error

static void
held_journal_free (gpointer data)
{
  HeldJournal *h = data;

  if (h->fd >= 0)
    close (h->fd);  /* drops the lock; the file stays for the next run */
  g_free (h->path);
  g_free (h);
}

static gboolean
is_owner (const char *s)
{
  for (int i = 0; i < OWNER_LEN; i++)
    if (!g_ascii_isxdigit (s[i]) || g_ascii_isupper (s[i]))
      return FALSE;
  return s[OWNER_LEN] == '\0';
}

/* settle_registered: the directories @path lists, each one's journals
 * acted on (the owner is set); then the list goes. */
static gboolean
settle_registered (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) dirs = NULL;
  g_autoptr (GError) local = NULL;

  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  dirs = g_strsplit (text, "\n", -1);
  for (guint i = 0; dirs[i]; i++)
    if (dirs[i][0] == '/' && !_galley_output_settle_directory (dirs[i], error))
      return FALSE;
  g_unlink (path);  /* if it comes back after a power cut, it is acted on again */
  return TRUE;
}

gboolean
_galley_output_hold_appends (const char *state_owner, guint64 commits,
                             const char *state_registry, GError **error)
{
  g_autofree char *list = NULL;

  g_return_val_if_fail (state_owner == NULL || is_owner (state_owner), FALSE);

  G_LOCK (held);
  /* a run that ends with every journal released leaves no list */
  if (registry && held_journals && held_journals->len == 0)
    g_unlink (registry);
  g_clear_pointer (&held_journals, g_ptr_array_unref);
  g_clear_pointer (&registered, g_hash_table_unref);
  g_free (owner);
  owner = g_strdup (state_owner);
  g_free (registry);
  registry = g_strdup (state_owner ? state_registry : NULL);
  committed = commits;
  if (owner)
    {
      held_journals = g_ptr_array_new_with_free_func (held_journal_free);
      registered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  list = g_strdup (registry);
  G_UNLOCK (held);
  return list == NULL || settle_registered (list, error);
}

void
_galley_output_release_appends (guint64 commits)
{
  G_LOCK (held);
  for (guint i = 0; held_journals && i < held_journals->len; i++)
    {
      HeldJournal *h = g_ptr_array_index (held_journals, i);

      /* unlinked before it is closed, so that its lock lasts as long as
       * its name; no fsync of the directory: a journal that comes back
       * after a power cut names a commit the state holds, and goes */
      g_unlink (h->path);
    }
  if (held_journals)
    g_ptr_array_set_size (held_journals, 0);
  committed = commits;
  G_UNLOCK (held);
}

gboolean
_galley_journal_held (void)
{
  gboolean held;

  G_LOCK (held);
  held = owner != NULL;
  G_UNLOCK (held);
  return held;
}

gboolean
_galley_journal_target_name (const char *name, char **base)
{
  const char *suffix;
  gsize n = strlen (name);

  if (name[0] != '.' || n < 2 + strlen (JOURNAL_SUFFIX))
    return FALSE;
  if (g_str_has_suffix (name, JOURNAL_SUFFIX))
    suffix = name + n - strlen (JOURNAL_SUFFIX);
  else if (n > 2 + strlen (JOURNAL_SUFFIX) + 1 + OWNER_LEN
           && name[n - OWNER_LEN - 1] == '-' && is_owner (name + n - OWNER_LEN)
           && strncmp (name + n - OWNER_LEN - 1 - strlen (JOURNAL_SUFFIX), JOURNAL_SUFFIX,
                       strlen (JOURNAL_SUFFIX)) == 0)
    suffix = name + n - OWNER_LEN - 1 - strlen (JOURNAL_SUFFIX);
  else
    return FALSE;
  if (base)
    *base = g_strndup (name + 1, suffix - name - 1);
  return TRUE;
}

char *
_galley_journal_path (const char *target)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  char *path;

  G_LOCK (held);
  path = owner ? g_strdup_printf ("%s/.%s" JOURNAL_SUFFIX "-%s", dir, base, owner)
               : g_strdup_printf ("%s/.%s" JOURNAL_SUFFIX, dir, base);
  G_UNLOCK (held);
  return path;
}

/* What to do with a journal found. */
typedef enum {
  JOURNAL_CUT,    /* cut the target back to FROM, then remove the journal */
  JOURNAL_DROP,   /* remove the journal, keep the bytes */
  JOURNAL_LEAVE,  /* another state's, still describing the file */
} JournalAction;

/* name_owner: the state's identity in the name of @journal (a path), or
 * NULL for a run without a state's. */
static const char *
name_owner (const char *journal)
{
  gsize n = strlen (journal), s = strlen (JOURNAL_SUFFIX);

  if (n < OWNER_LEN + 1 + s || journal[n - OWNER_LEN - 1] != '-'
      || !is_owner (journal + n - OWNER_LEN)
      || strncmp (journal + n - OWNER_LEN - 1 - s, JOURNAL_SUFFIX, s) != 0)
    return NULL;
  return journal + n - OWNER_LEN;
}

/* decide: @text a journal's, @named the owner its name carries (NULL:
 * none); @st the target's status, NULL where it cannot be opened; *@from
 * the length to cut back to. */
static JournalAction
decide (const char *text, const char *named, const struct stat *st, guint64 *from)
{
  guint64 dev, ino, to, epoch = 0;
  char who[OWNER_LEN + 1] = "";
  gboolean fits, mine;
  int fields;

  fields = sscanf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                   " %" G_GUINT64_FORMAT " %32s %" G_GUINT64_FORMAT,
                   &dev, &ino, from, &to, who, &epoch);
  /* one that does not parse, or whose text is not what its name says
   * (a state's name holds that state's text), can tell nothing */
  if (named ? fields != 6 || strcmp (who, named) != 0 : fields != 4)
    return JOURNAL_DROP;
  /* still the file it names, and no longer than the append made it */
  fits = st && S_ISREG (st->st_mode) && (guint64) st->st_dev == dev
         && (guint64) st->st_ino == ino && (guint64) st->st_size >= *from
         && (guint64) st->st_size <= to;
  if (fields == 4)
    return fits ? JOURNAL_CUT : JOURNAL_DROP;  /* a run without a state */
  G_LOCK (held);
  mine = owner && strcmp (owner, who) == 0;
  if (mine && epoch <= committed)
    {
      G_UNLOCK (held);
      return JOURNAL_DROP;  /* the state holds its documents */
    }
  G_UNLOCK (held);
  if (!fits)
    return JOURNAL_DROP;
  /* Another state's append waits on that state's commit, but only one
   * that reached TO can have been committed: one cut short by the kill
   * (a torn last line) is not in any state, and goes now, before another
   * run appends after it: left, its torn line took the next run's first
   * line with it, and a later cut back to FROM the next run's lines. */
  return mine || (guint64) st->st_size < to ? JOURNAL_CUT : JOURNAL_LEAVE;
}

gboolean
_galley_journal_undo (const char *target, const char *name, const char *journal,
                      int dfd, GError **error)
{
  int jfd = open (journal, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK);
  JournalAction action = JOURNAL_DROP;
  guint64 from = 0;
  char text[160];
  ssize_t n;
  struct stat js, st;
  gboolean ok = TRUE;
  int fd = -1;

  if (jfd < 0)
    return TRUE;  /* nearly always: no journal */
  /* another user's is theirs (a file beside ours must not tell us to
   * truncate one), and a locked one a live run's */
  if (fstat (jfd, &js) != 0 || !S_ISREG (js.st_mode) || js.st_uid != geteuid ()
      || flock (jfd, LOCK_EX | LOCK_NB) != 0)
    {
      close (jfd);
      return TRUE;
    }
  n = read (jfd, text, sizeof text - 1);
  if (n > 0)
    {
      text[n] = '\0';
      fd = open (target, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK);
      action = decide (text, name_owner (journal), fd >= 0 && fstat (fd, &st) == 0 ? &st : NULL,
                       &from);
    }
  if (action == JOURNAL_CUT && (ftruncate (fd, from) != 0 || fsync (fd) != 0))
    ok = io_error (error, name, "cannot cut off the bytes of an interrupted append", errno);
  if (fd >= 0)
    close (fd);
  if (ok && action != JOURNAL_LEAVE && g_unlink (journal) == 0 && dfd >= 0)
    fsync (dfd);
  close (jfd);  /* after the unlink: the lock lasts as long as the name */
  return ok;
}

/* write_text: @text as the whole content of @fd, made durable. */
static gboolean
write_text (int fd, const char *text, const char *name, GError **error)
{
  gsize len = strlen (text);
  ssize_t w;

  if (ftruncate (fd, 0) != 0)
    return io_error (error, name, "cannot write the append journal", errno);
  do
    w = pwrite (fd, text, len, 0);
  while (w < 0 && errno == EINTR);
  if (w != (ssize_t) len)
    return io_error (error, name, "cannot write the append journal", w < 0 ? errno : ENOSPC);
  if (fsync (fd) != 0)
    return io_error (error, name, "fsync failed", errno);
  return TRUE;
}

/* find_held: the journal at @path this process holds, or NULL; under
 * the lock. */
static HeldJournal *
find_held (const char *path)
{
  for (guint i = 0; held_journals && i < held_journals->len; i++)
    {
      HeldJournal *h = g_ptr_array_index (held_journals, i);
      if (strcmp (h->path, path) == 0)
        return h;
    }
  return NULL;
}

/* register_directory: the directory of @journal added to the registry
 * and made durable there, the first time this run holds a journal in
 * it; under the lock. */
static gboolean
register_directory (const char *journal, const char *name, GError **error)
{
  g_autofree char *dir = NULL, *line = NULL;
  gboolean ok;
  int fd;

  if (registry == NULL)
    return TRUE;
  {
    g_autofree char *relative = g_path_get_dirname (journal);
    dir = g_canonicalize_filename (relative, NULL);
  }
  if (strchr (dir, '\n') || g_hash_table_contains (registered, dir))
    return TRUE;  /* a name the list cannot hold is left to the runs that open it */
  fd = open (registry, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600);
  if (fd < 0)
    return io_error (error, registry, "cannot record the directory of an append", errno);
  line = g_strconcat (dir, "\n", NULL);
  ok = write (fd, line, strlen (line)) == (ssize_t) strlen (line) && fsync (fd) == 0;
  if (!ok)
    io_error (error, registry, "cannot record the directory of an append", errno ? errno : ENOSPC);
  close (fd);
  if (ok)
    {
      /* the list itself may be new: its name made durable too */
      g_autofree char *parent = g_path_get_dirname (registry);
      int dfd = open (parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (dfd >= 0)
        {
          fsync (dfd);
          close (dfd);
        }
      g_hash_table_add (registered, g_steal_pointer (&dir));
    }
  return ok;
}

gboolean
_galley_journal_begin (const char *journal, const char *name, const struct stat *st,
                       guint64 to, int dfd, GError **error)
{
  guint64 from = st->st_size;
  g_autofree char *text = NULL;
  HeldJournal *h;
  gboolean ok;
  int fd;

  G_LOCK (held);
  if (owner == NULL)
    {
      G_UNLOCK (held);
      text = g_strdup_printf ("%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                              " %" G_GUINT64_FORMAT "\n", (guint64) st->st_dev,
                              (guint64) st->st_ino, from, to);
      fd = open (journal, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600);
      if (fd < 0)
        return io_error (error, name, "cannot write the append journal", errno);
      ok = write_text (fd, text, name, error);
      close (fd);
    }
  else
    {
      h = find_held (journal);
      /* a second append before the state's commit (a run whose state
       * commits at its end only) extends the first when it follows it;
       * after another run's bytes, it journals its own only, so that
       * the other run's are never cut */
      if (h && h->dev == (guint64) st->st_dev && h->ino == (guint64) st->st_ino
          && h->to == (guint64) st->st_size)
        from = h->from;
      text = g_strdup_printf ("%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                              " %" G_GUINT64_FORMAT " %s %" G_GUINT64_FORMAT "\n",
                              (guint64) st->st_dev, (guint64) st->st_ino, from, to, owner,
                              committed + 1);
      fd = h ? h->fd
             : open (journal, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600);
      if (fd < 0)
        {
          G_UNLOCK (held);
          return io_error (error, name, "cannot write the append journal", errno);
        }
      if (h == NULL && flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          int saved = errno;
          close (fd);
          G_UNLOCK (held);
          return io_error (error, name, "cannot lock the append journal", saved);
        }
      if (h == NULL && !register_directory (journal, name, error))
        {
          close (fd);
          G_UNLOCK (held);
          g_unlink (journal);
          return FALSE;
        }
      ok = write_text (fd, text, name, error);
      if (ok && h == NULL)
        {
          h = g_new0 (HeldJournal, 1);
          h->path = g_strdup (journal);
          h->fd = fd;
          g_ptr_array_add (held_journals, h);
        }
      else if (!ok && h == NULL)
        close (fd);
      if (ok)
        {
          h->dev = st->st_dev;
          h->ino = st->st_ino;
          h->from = from;
          h->to = to;
        }
      G_UNLOCK (held);
    }
  if (ok && dfd >= 0 && fsync (dfd) != 0)
    ok = io_error (error, name, "fsync failed", errno);
  if (!ok)
    g_unlink (journal);
  return ok;
}

void
_galley_journal_end (const char *journal, int dfd)
{
  G_LOCK (held);
  if (find_held (journal))
    {
      G_UNLOCK (held);
      return;  /* the state's commit releases it */
    }
  G_UNLOCK (held);
  if (g_unlink (journal) == 0 && dfd >= 0)
    fsync (dfd);
}
