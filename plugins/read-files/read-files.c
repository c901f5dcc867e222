/* read-files.c: the read-files source: one document per text file.
 *
 * path= names a file, a directory (read recursively) or a glob pattern.
 * The file list is made at the first read (so that `galley validate` does
 * not need the input to exist); then each read() loads one file, so memory
 * holds one file at a time whatever the number of files.
 *
 * A document's id is its path relative to the pattern's base directory
 * (see read_files_pattern_base), so it does not change from one run to the
 * next as long as the pattern does not: the cron state keys on it.
 *
 * follow=true (galley run --follow) reads the files there are, then waits
 * for new ones (spool-watch.c), returning GALLEY_READ_IDLE while it does.
 * after=move:DIR|delete disposes of the files read once they are
 * acknowledged (every sink and the state have their documents): at a
 * checkpoint or at the end of a run that committed, never before.
 * refused= does the same for the files the reader itself refuses (empty,
 * binary, too large, unreadable), which it keeps by default: their bytes
 * are in no output and no rejects line, so deleting them with the files
 * read lost them.
 *
 * Following, the reader keeps each file's stamp (inode, size, times) as
 * it took it, until the file is disposed of: an event for a file whose
 * stamp is unchanged is not read again (the first listing's files, whose
 * events may come after), and when the kernel's event queue overflowed
 * (a burst of files while the run was busy downstream) the directory is
 * listed again and every file not taken in its present form is read;
 * before, those files waited, unread and unsaid, for the next run.
 */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "file-text.h"
#include "read-files.h"
#include "spool-watch.h"

/* how long a following read waits for a new file before it says IDLE */
#define FOLLOW_WAIT_MS 1000

/* the title is the first non-empty line, cut to this many bytes */
#define TITLE_MAX_BYTES 256

/* Disposal: after= or refused=, what becomes of a file once acknowledged. */
typedef struct {
  const char *param;     /* "after", "refused" */
  char *dir;             /* move:DIR */
  gboolean delete_;      /* delete */
  GPtrArray *paths;      /* since the last acknowledge */
} Disposal;

typedef struct {
  char *pattern;
  char **suffixes;
  gsize max_bytes;
  GalleyUtf8Policy policy;
  char *encoding;        /* FILE_TEXT_AUTO, or an encoding's name */
  char *base;
  char **files;     /* NULL until the first read */
  guint next;
  gboolean follow;
  SpoolWatch *watch;     /* follow: made before the first listing */
  GHashTable *stamps;    /* follow: path -> FileStamp of each file taken */
  guint stamps_kept;     /* follow: their number after the last prune */
  GQueue relisted;       /* follow: paths of a listing after an overflow */
  char *taken;           /* follow: the new file being read */
  Disposal after;        /* the files read */
  Disposal refused;      /* the files refused */
  guint64 position, total;  /* bytes read, and listed (not following) */
  GalleyShard shard;
} ReadFiles;

static const char *const utf8_choices[] = { "replace", "reject", NULL };

static const GalleyParamSpec read_files_params[] = {
  { "path", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "a file, a directory (read recursively) or a glob pattern",
    GALLEY_PARAM_REQUIRED | GALLEY_PARAM_INPUT },
  { "suffixes", GALLEY_PARAM_STRING_LIST, ".txt", 0, 0, NULL,
    "file name endings taken from directories and globs", 0 },
  { "max-bytes", GALLEY_PARAM_INT, "16777216", 1, G_MAXINT32, NULL,
    "largest file accepted, in bytes; a larger file is rejected", 0 },
  { "encoding", GALLEY_PARAM_STRING, FILE_TEXT_AUTO, 0, 0, NULL,
    "the files' encoding: auto (a byte order mark, else UTF-8, else the "
    "legacy encoding the bytes look like) or an encoding label "
    "(utf-8, windows-1252, iso-8859-15, koi8-r, shift_jis...)", 0 },
  { "utf8", GALLEY_PARAM_CHOICE, "replace", 0, 0, utf8_choices,
    "invalid UTF-8 in a file read as UTF-8: replace each bad byte with "
    "U+FFFD, or reject the file", 0 },
  { "follow", GALLEY_PARAM_BOOLEAN, "false", 0, 0, NULL,
    "after the files there are, wait for new ones: each is read once "
    "complete, closed after writing or renamed into the directory "
    "(galley run --follow sets it)", 0 },
  { "after", GALLEY_PARAM_STRING, "keep", 0, 0, NULL,
    "what becomes of a file once its document is committed: keep, "
    "move:DIR, or delete", 0 },
  { "refused", GALLEY_PARAM_STRING, "keep", 0, 0, NULL,
    "what becomes of a file the reader refuses (empty, binary, too large, "
    "unreadable) once the run has committed: keep, move:DIR, or delete", 0 },
  GALLEY_SHARD_PARAM,
  { NULL }
};

static gboolean
has_wildcard (const char *s)
{
  return strpbrk (s, "*?[") != NULL;
}

char *
read_files_pattern_base (const char *pattern)
{
  g_autofree char *trimmed = g_strdup (pattern);
  gsize n = strlen (trimmed);

  while (n > 1 && trimmed[n - 1] == G_DIR_SEPARATOR)
    trimmed[--n] = '\0';
  if (has_wildcard (trimmed))
    {
      g_auto (GStrv) parts = g_strsplit (trimmed, G_DIR_SEPARATOR_S, -1);
      GString *base = g_string_new (NULL);

      for (guint i = 0; parts[i] != NULL && !has_wildcard (parts[i]); i++)
        {
          if (i > 0)
            g_string_append_c (base, G_DIR_SEPARATOR);
          g_string_append (base, parts[i]);
        }
      if (base->len == 0 && g_path_is_absolute (trimmed))
        g_string_assign (base, G_DIR_SEPARATOR_S);
      return g_string_free (base, FALSE);
    }
  if (g_file_test (trimmed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&trimmed);
  return g_path_get_dirname (trimmed);
}

char *
read_files_make_id (const char *base, const char *path)
{
  gsize n = strlen (base);

  if (n == 0 || strcmp (base, ".") == 0)
    return g_strdup (g_str_has_prefix (path, "./") ? path + 2 : path);
  if (strcmp (base, G_DIR_SEPARATOR_S) == 0)
    return g_strdup (path[0] == G_DIR_SEPARATOR ? path + 1 : path);
  if (strncmp (path, base, n) == 0 && path[n] == G_DIR_SEPARATOR && path[n + 1] != '\0')
    return g_strdup (path + n + 1);
  return g_strdup (path);
}

static void read_files_free (gpointer data);

/* parse_disposal: @value of @param, keep|move:DIR|delete; DIR must be a
 * directory now. */
static gboolean
parse_disposal (Disposal *d, const char *param, const char *value, GError **error)
{
  d->param = param;
  d->paths = g_ptr_array_new_with_free_func (g_free);
  if (strcmp (value, "keep") == 0)
    return TRUE;
  if (strcmp (value, "delete") == 0)
    {
      d->delete_ = TRUE;
      return TRUE;
    }
  if (g_str_has_prefix (value, "move:") && value[5] != '\0')
    {
      if (!g_file_test (value + 5, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                       "parameter '%s': %s is not a directory", param, value + 5);
          return FALSE;
        }
      d->dir = g_strdup (value + 5);
      return TRUE;
    }
  g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
               "parameter '%s': '%s' is not one of: keep, move:DIR, delete", param, value);
  return FALSE;
}

/* disposal_add: @path to be disposed of at the next acknowledge. */
static void
disposal_add (Disposal *d, const char *path)
{
  if (d->dir || d->delete_)
    g_ptr_array_add (d->paths, g_strdup (path));
}

/* dispose: moves or deletes the files of @d, and forgets their @stamps
 * (following; else NULL). A file already gone is fine; one that cannot
 * be moved or deleted fails the run (it would be read again and again).
 * move:DIR replaces a file of the same name there. */
static gboolean
dispose (Disposal *d, GHashTable *stamps, GError **error)
{
  g_autoptr (GPtrArray) done = g_steal_pointer (&d->paths);

  d->paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < done->len; i++)
    {
      const char *path = g_ptr_array_index (done, i);
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *to = d->dir ? g_build_filename (d->dir, name, NULL) : NULL;
      int rc = to ? g_rename (path, to) : g_unlink (path);

      if (rc != 0)
        {
          int saved = errno;

          /* rename() also says ENOENT when DIR is gone: only a file that
           * is itself gone is done */
          if (saved == ENOENT && !g_file_test (path, G_FILE_TEST_EXISTS))
            {
              if (stamps)
                g_hash_table_remove (stamps, path);
              continue;
            }
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                       "%s: cannot %s it once done (%s=%s%s): %s", path,
                       to ? "move" : "delete", d->param, to ? "move:" : "delete",
                       to ? d->dir : "", g_strerror (saved));
          return FALSE;
        }
      if (stamps)
        g_hash_table_remove (stamps, path);
    }
  return TRUE;
}

static void
disposal_clear (Disposal *d)
{
  g_free (d->dir);
  g_clear_pointer (&d->paths, g_ptr_array_unref);
}

static gboolean
parse_encoding (ReadFiles *self, const char *label, GError **error)
{
  const char *name;

  if (g_ascii_strcasecmp (label, FILE_TEXT_AUTO) == 0)
    {
      self->encoding = g_strdup (FILE_TEXT_AUTO);
      return TRUE;
    }
  name = galley_charset_for_label (label);
  if (name == NULL)
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                   "parameter 'encoding': '%s' is not an encoding label of the "
                   "Encoding Standard (auto, utf-8, windows-1252, iso-8859-15, ...)", label);
      return FALSE;
    }
  self->encoding = g_strdup (name);
  return TRUE;
}

static gpointer
read_files_create (const GalleyParams *params, GError **error)
{
  ReadFiles *self;
  GalleyShard shard;

  if (!galley_shard_parse (galley_params_get_string (params, "shard"), &shard, error))
    return NULL;
  self = g_new0 (ReadFiles, 1);
  self->shard = shard;
  self->pattern = g_strdup (galley_params_get_path (params, "path"));
  self->suffixes = g_strdupv ((char **) galley_params_get_string_list (params, "suffixes"));
  self->max_bytes = (gsize) galley_params_get_int (params, "max-bytes");
  /* the choices are in GalleyUtf8Policy's order */
  self->policy = (GalleyUtf8Policy) galley_params_get_choice_index (params, "utf8");
  if (!parse_encoding (self, galley_params_get_string (params, "encoding"), error))
    {
      read_files_free (self);
      return NULL;
    }
  self->follow = galley_params_get_boolean (params, "follow");
  if (!parse_disposal (&self->after, "after", galley_params_get_string (params, "after"),
                       error)
      || !parse_disposal (&self->refused, "refused",
                          galley_params_get_string (params, "refused"), error))
    {
      read_files_free (self);
      return NULL;
    }
  return self;
}

/* title_of: the first non-empty line of @text, trimmed, at most
 * TITLE_MAX_BYTES (cut at a character boundary); NULL if none. */
static char *
title_of (const char *text, gsize len)
{
  const char *p = text, *end = text + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl ? nl : end;
      g_autofree char *line = g_strndup (p, line_end - p);

      g_strstrip (line);
      if (*line != '\0')
        {
          gsize n = strlen (line);
          if (n > TITLE_MAX_BYTES)
            {
              n = TITLE_MAX_BYTES;
              while (n > 0 && ((guchar) line[n] & 0xC0) == 0x80)
                n--;
              line[n] = '\0';
              g_strchomp (line);
            }
          return g_steal_pointer (&line);
        }
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  return NULL;
}

static GalleyDocument *
stub (const char *id, const char *path)
{
  GalleyDocument *doc = galley_document_new (id, "", 0);

  galley_document_set_origin (doc, path);
  return doc;
}

/* load: the document for @path, or NULL with @error set (the file is
 * rejected; reading goes on) and, when the file's version is known, its
 * fingerprint in *@fingerprint with *@known set: the hash of its bytes, or
 * of its size and mtime when it was refused unread. The cron state keeps
 * the rejection under it, so that an empty or binary upload is rejected
 * once, not at every run. */
static GalleyDocument *
load (ReadFiles *self, const char *path, const char *id, guint64 *fingerprint,
      gboolean *known, GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *title = NULL;
  const char *decoded_from = NULL;
  const char *name = path;  /* for messages */
  GStatBuf st;
  gsize len = 0;
  guint replaced = 0;
  GalleyDocument *doc;

  if (strcmp (path, "-") == 0)
    name = "<stdin>";
  /* Refuse an oversized file before reading any of it. */
  else if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: cannot open: %s", path, g_strerror (saved));
      return NULL;
    }
  else if ((guint64) st.st_size > self->max_bytes)
    {
      gint64 version[2] = { (gint64) st.st_size, (gint64) st.st_mtime };

      *fingerprint = galley_hash64 (version, sizeof version, 0);
      *known = TRUE;
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_TOO_LARGE,
                   "%s: larger than max-bytes=%" G_GSIZE_FORMAT, path, self->max_bytes);
      return NULL;
    }
  data = galley_input_read_file (path, self->max_bytes, &len, error);
  if (data == NULL)
    return NULL;
  *fingerprint = galley_hash64 (data, len, 0);
  *known = TRUE;
  if (!file_text_decode (&data, &len, self->encoding, self->policy, self->max_bytes, name,
                         &decoded_from, &replaced, error))
    return NULL;
  title = title_of (data, len);
  doc = galley_document_new_take (id, g_steal_pointer (&data), len);
  if (title != NULL)
    galley_document_set_meta (doc, "title", title);
  galley_document_set_meta (doc, "path", path);
  if (decoded_from != NULL)
    galley_document_set_meta (doc, "encoding", decoded_from);
  if (replaced > 0)
    {
      /* the runner counts documents with a repair count in its summary */
      GalleyValue count = { GALLEY_VALUE_INT, { .i = replaced } };
      galley_document_set_repaired (doc, count.v.i);
    }
  galley_document_set_origin (doc, name);
  return doc;
}

/* under_dir: whether the canonical path @p lies in the canonical
 * directory @d (NULL: none). */
static gboolean
under_dir (const char *p, const char *d)
{
  gsize n;

  if (d == NULL)
    return FALSE;
  n = strlen (d);
  return strncmp (p, d, n) == 0 && (p[n] == G_DIR_SEPARATOR || (n == 1 && d[0] == G_DIR_SEPARATOR));
}

/* expand: the files path= names now, less those in the directories
 * after=move: and refused=move: fill: a spool's done/ read again would
 * give each of its articles again, under another id, at every run. */
static char **
expand (ReadFiles *self, GError **error)
{
  char **files = galley_input_expand (self->pattern, (const char *const *) self->suffixes, error);
  g_autofree char *after = NULL, *refused = NULL;
  guint kept = 0;

  if (files == NULL || (self->after.dir == NULL && self->refused.dir == NULL))
    return files;
  after = self->after.dir ? g_canonicalize_filename (self->after.dir, NULL) : NULL;
  refused = self->refused.dir ? g_canonicalize_filename (self->refused.dir, NULL) : NULL;
  for (guint i = 0; files[i]; i++)
    {
      g_autofree char *file = g_canonicalize_filename (files[i], NULL);

      if (under_dir (file, after) || under_dir (file, refused))
        g_free (files[i]);
      else
        files[kept++] = files[i];
    }
  files[kept] = NULL;
  return files;
}

/* FileStamp: a file as it was when listed or taken; another stamp is
 * another version of it (written again, or another file under that
 * name). */
typedef struct {
  dev_t dev;
  ino_t ino;
  off_t size;
  struct timespec mtime, ctime;
} FileStamp;

static gboolean
stamp_of (const char *path, FileStamp *stamp)
{
  struct stat st;

  if (stat (path, &st) != 0)
    return FALSE;
  *stamp = (FileStamp) { st.st_dev, st.st_ino, st.st_size, st.st_mtim, st.st_ctim };
  return TRUE;
}

static gboolean
stamp_equal (const FileStamp *a, const FileStamp *b)
{
  return a->dev == b->dev && a->ino == b->ino && a->size == b->size
         && a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec
         && a->ctime.tv_sec == b->ctime.tv_sec && a->ctime.tv_nsec == b->ctime.tv_nsec;
}

static gboolean
file_gone (gpointer path, gpointer stamp, gpointer data)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

/* record: @now as the stamp of @path.
 *
 * The stamps of files disposed of go with them; those of files that
 * something else removed (a clean-up of a spool kept with after=keep)
 * would stay for the life of the run, so once the table has doubled
 * since the last time, the stamps of files no longer there go: it stays
 * within twice the files the spool holds. */
static void
record (ReadFiles *self, const char *path, const FileStamp *now)
{
  g_hash_table_insert (self->stamps, g_strdup (path), g_memdup2 (now, sizeof *now));
  if (g_hash_table_size (self->stamps) > 2 * MAX (self->stamps_kept, 1024))
    {
      guint gone = g_hash_table_foreach_remove (self->stamps, file_gone, NULL);

      self->stamps_kept = g_hash_table_size (self->stamps);
      g_debug ("read-files: %s: forgot %u files no longer there, kept %u", self->pattern,
               gone, self->stamps_kept);
    }
}

/* take_version: whether @path, as an event or a new listing names it,
 * is to be read: FALSE for a file gone, or one listed or taken already
 * in its present form. */
static gboolean
take_version (ReadFiles *self, const char *path)
{
  FileStamp now, *was = g_hash_table_lookup (self->stamps, path);

  if (!stamp_of (path, &now) || (was && stamp_equal (was, &now)))
    return FALSE;
  record (self, path, &now);
  return TRUE;
}

/* relist: after the kernel dropped events, every file the pattern names
 * now, queued to be read unless taken already in that form. */
static void
relist (ReadFiles *self)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) files = expand (self, &error);

  g_info ("read-files: %s: more new files came at once than the kernel's event queue holds "
          "(fs.inotify.max_queued_events); listing them again", self->pattern);
  for (char **f = files; f && *f; f++)
    g_queue_push_tail (&self->relisted, g_steal_pointer (f));
}

/* list_inputs: the first read: the files there are, and their total
 * size for the progress line. Following, the watch comes first, so that a
 * file completed meanwhile is not missed (and one listed is not taken a
 * second time when its event comes in). */
static gboolean
list_inputs (ReadFiles *self, GError **error)
{
  self->base = read_files_pattern_base (self->pattern);
  if (self->follow)
    {
      g_autofree char *dir = has_wildcard (self->pattern)
                             || g_file_test (self->pattern, G_FILE_TEST_IS_DIR)
                             ? g_strdup (*self->base ? self->base : ".")
                             : g_path_get_dirname (self->pattern);

      self->watch = spool_watch_new (dir, error);
      if (self->watch == NULL)
        return FALSE;
    }
  self->files = expand (self, error);
  if (self->files == NULL)
    return FALSE;
  if (self->follow)
    self->stamps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (char **f = self->files; *f; f++)
    {
      GStatBuf st;

      if (self->follow)
        take_version (self, *f);
      else if (g_stat (*f, &st) == 0)
        self->total += st.st_size;
    }
  return TRUE;
}

/* wanted: whether a file that appeared in the watched directory is one
 * the pattern names: it matches the glob, or lies in the directory with
 * one of the suffixes and a name not starting with '.' (a writer's
 * temporary file), or is the one file named. */
static gboolean
wanted (ReadFiles *self, const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  gboolean suffix = self->suffixes == NULL || self->suffixes[0] == NULL;

  for (char **s = self->suffixes; s && *s && !suffix; s++)
    suffix = g_str_has_suffix (name, *s);
  if (has_wildcard (self->pattern))
    return suffix && fnmatch (self->pattern, path, FNM_PATHNAME | FNM_PERIOD) == 0;
  if (g_file_test (self->pattern, G_FILE_TEST_IS_DIR))
    return suffix && name[0] != '.';
  {
    g_autofree char *want = g_path_get_basename (self->pattern);
    return strcmp (want, name) == 0;
  }
}

/* next_path: the next file to read (owned by @self), NULL at the end of
 * the listing when not following, or with *@idle set when no new file
 * came within FOLLOW_WAIT_MS (or with @error set when the watch broke). */
static const char *
next_path (ReadFiles *self, gboolean *idle, GError **error)
{
  if (self->files[self->next] != NULL)
    {
      const char *path = self->files[self->next++];
      FileStamp now;

      /* stamped again as read, not only as listed: a file written to in
       * place between the two is otherwise read a second time when its
       * event comes (events are taken once the listing is read) */
      if (self->follow && stamp_of (path, &now))
        record (self, path, &now);
      return path;
    }
  if (!self->follow)
    return NULL;
  for (;;)
    {
      char *path = g_queue_pop_head (&self->relisted);

      if (path == NULL)
        path = spool_watch_next (self->watch, FOLLOW_WAIT_MS, error);
      if (spool_watch_take_overflow (self->watch))
        relist (self);
      if (path == NULL && *error == NULL && self->relisted.length > 0)
        continue;
      if (path == NULL)
        {
          *idle = *error == NULL;
          return NULL;
        }  /* @error is never NULL here: read_files_read passes its own */
      if (!wanted (self, path) || !take_version (self, path))
        {
          g_free (path);
          continue;
        }
      g_free (self->taken);
      self->taken = path;
      return path;
    }
}

static GalleyReadStatus
read_files_read (gpointer data, GalleyDocument **doc, GError **error)
{
  ReadFiles *self = data;
  const char *path;
  g_autofree char *id = NULL;
  guint64 fingerprint = 0;
  gboolean known = FALSE, idle = FALSE;
  g_autoptr (GError) local = NULL;

  if (self->files == NULL && !list_inputs (self, error))
    return GALLEY_READ_ERROR;
  /* another shard's files are not even opened */
  for (;;)
    {
      path = next_path (self, &idle, &local);
      if (path == NULL)
        {
          if (local == NULL)
            return idle ? GALLEY_READ_IDLE : GALLEY_READ_END;
          g_propagate_error (error, g_steal_pointer (&local));
          return GALLEY_READ_ERROR;
        }
      g_free (id);
      /* path=- reads standard input as one document, id "stdin" */
      id = strcmp (path, "-") == 0 ? g_strdup ("stdin") : read_files_make_id (self->base, path);
      if (galley_shard_accepts (&self->shard, id))
        break;
      /* another shard's file: its reader keeps its stamp, not this one */
      if (self->stamps)
        g_hash_table_remove (self->stamps, path);
    }
  if (strcmp (path, "-") != 0)
    {
      GStatBuf st;

      if (!self->follow && g_stat (path, &st) == 0)
        self->position += st.st_size;
    }
  *doc = load (self, path, id, &fingerprint, &known, error);
  if (strcmp (path, "-") != 0)
    disposal_add (*doc ? &self->after : &self->refused, path);
  if (*doc == NULL)
    {
      *doc = stub (id, strcmp (path, "-") == 0 ? "<stdin>" : path);
      if (known)
        galley_document_set_input_hash (*doc, fingerprint);
      return GALLEY_READ_SKIP;
    }
  return GALLEY_READ_OK;
}

/* read_files_acknowledge: every file read so far is in every output and
 * the state: after= and refused= may dispose of them now. */
static gboolean
read_files_acknowledge (gpointer data, GError **error)
{
  ReadFiles *self = data;

  return dispose (&self->after, self->stamps, error)
         && dispose (&self->refused, self->stamps, error);
}

static gboolean
read_files_position (gpointer data, guint64 *position, guint64 *total)
{
  ReadFiles *self = data;

  *position = self->position;
  *total = self->total;
  return !self->follow && self->total > 0;
}

static void
read_files_free (gpointer data)
{
  ReadFiles *self = data;

  g_free (self->pattern);
  g_free (self->encoding);
  g_strfreev (self->suffixes);
  g_free (self->base);
  g_strfreev (self->files);
  g_clear_pointer (&self->stamps, g_hash_table_unref);
  g_queue_clear_full (&self->relisted, g_free);
  spool_watch_free (self->watch);
  g_free (self->taken);
  disposal_clear (&self->after);
  disposal_clear (&self->refused);
  g_free (self);
}

const GalleyStageClass galley_read_files_stage = {
  .name = "read-files",
  .kind = GALLEY_STAGE_SOURCE,
  .description = "Read text files (a file, a directory or a glob): one document per file",
  .params = read_files_params,
  .flags = 0,
  .create = read_files_create,
  .read = read_files_read,
  .free = read_files_free,
  .acknowledge = read_files_acknowledge,
  .position = read_files_position,
};
