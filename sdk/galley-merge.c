/* galley-merge.c: append mode with one record per document id; see
 * <galley/galley-merge.h> for the method. */
#define _GNU_SOURCE  /* O_TMPFILE (Linux) */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <galley/galley.h>

#include "galley-output-private.h"

/* The run's records are buffered and written to the spill file in blocks
 * of this size: one write(2) per block, not per document. */
#define SPILL_BUFFER_SIZE (256 * 1024)

/* KeySet: the hashes of the keys the target holds, in open addressing
 * (0 marks a free slot; a key that hashes to 0 is stored as 1). A hash,
 * not the key: 8 bytes a document, and two keys with one hash only make
 * a commit rewrite the file when appending would have done. */
typedef struct {
  guint64 *slots;
  gsize mask;    /* slots - 1, a power of two less one */
  gsize count;
} KeySet;

/* SpillRecord: where one galley_merge_add() of the run is in the spill
 * file. A document the run writes twice before a commit (an id repeated
 * in the input, an article a feed delivers again) keeps its last records
 * only, as if the earlier ones had been committed and then replaced. */
typedef struct {
  guint64 offset;
  gsize len;
  gboolean dropped;  /* the run wrote the document again later */
} SpillRecord;

struct _GalleyMerge {
  char *path;
  char *noun;
  int fd;            /* unlinked spill file */
  GString *buffer;   /* spill bytes not yet written */
  GArray *records;   /* SpillRecord, in the order added */
  GHashTable *ids;   /* the run's keys -> index of their last record */
  KeySet target_keys;   /* the keys of the target as last seen */
  struct stat seen;     /* the target then; st_ino 0: not read yet */
  gboolean scanning;    /* copy_old is reading the target's keys */
};

static guint64
key_hash (const char *key)
{
  guint64 h = galley_hash64 (key, strlen (key), 0);

  return h ? h : 1;
}

static gboolean
key_set_lookup (const KeySet *set, guint64 h, gsize *slot)
{
  gsize i = h & set->mask;

  if (set->slots == NULL)
    return FALSE;
  while (set->slots[i] != 0 && set->slots[i] != h)
    i = (i + 1) & set->mask;
  *slot = i;
  return set->slots[i] == h;
}

static void
key_set_add (KeySet *set, guint64 h)
{
  gsize slot = 0;

  if (set->slots == NULL || (set->count + 1) * 2 > set->mask + 1)
    {
      KeySet bigger = { 0 };
      gsize size = set->slots ? (set->mask + 1) * 2 : 1024;

      bigger.slots = g_new0 (guint64, size);
      bigger.mask = size - 1;
      for (gsize i = 0; set->slots && i <= set->mask; i++)
        if (set->slots[i] != 0 && !key_set_lookup (&bigger, set->slots[i], &slot))
          {
            bigger.slots[slot] = set->slots[i];
            bigger.count++;
          }
      g_free (set->slots);
      *set = bigger;
    }
  if (!key_set_lookup (set, h, &slot))
    {
      set->slots[slot] = h;
      set->count++;
    }
}

static void
key_set_clear (KeySet *set)
{
  g_clear_pointer (&set->slots, g_free);
  set->mask = set->count = 0;
}

static gboolean
io_error (GError **error, const GalleyMerge *merge, const char *what, int err)
{
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO, "%s: %s the run's %s: %s",
               merge->path, what, merge->noun, g_strerror (err));
  return FALSE;
}

/* open_spill: an unnamed file in @dir (the output's, so that the spill
 * has the output's file system and room), or -1 with errno. O_TMPFILE
 * makes it without a name; a file system without it gets a named file,
 * unlinked at once: a run killed between the two left it behind, under
 * a name the outputs' clean-up of stale temporaries does not take (an
 * end-to-end test that kills append-mode runs found one, once in many
 * runs). */
static int
open_spill (const char *dir, const char *base, const char *noun)
{
  g_autofree char *tmp = NULL;
  int fd;

#ifdef O_TMPFILE
  fd = open (dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
    return fd;
#endif
  tmp = g_strdup_printf ("%s/.%s.%s.XXXXXX", dir, base, noun);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0)
    g_unlink (tmp);
  return fd;
}

GalleyMerge *
galley_merge_new (const char *path, const char *noun, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  int fd = open_spill (dir, base, noun);
  GalleyMerge *merge;

  if (fd < 0)
    {
      int err = errno;
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: cannot create output: %s", path, g_strerror (err));
      return NULL;
    }
  merge = g_new0 (GalleyMerge, 1);
  merge->path = g_strdup (path);
  merge->noun = g_strdup (noun);
  merge->fd = fd;
  merge->buffer = g_string_sized_new (SPILL_BUFFER_SIZE);
  merge->records = g_array_new (FALSE, FALSE, sizeof (SpillRecord));
  merge->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return merge;
}

void
galley_merge_free (GalleyMerge *merge)
{
  if (merge == NULL)
    return;
  close (merge->fd);
  g_string_free (merge->buffer, TRUE);
  g_array_unref (merge->records);
  g_hash_table_unref (merge->ids);
  key_set_clear (&merge->target_keys);
  g_free (merge->path);
  g_free (merge->noun);
  g_free (merge);
}

static gboolean
spill_flush (GalleyMerge *merge, GError **error)
{
  const char *p = merge->buffer->str;
  gsize left = merge->buffer->len;

  while (left > 0)
    {
      ssize_t n = write (merge->fd, p, left);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return io_error (error, merge, "cannot write", errno);
        }
      p += n;
      left -= n;
    }
  g_string_truncate (merge->buffer, 0);
  return TRUE;
}

gboolean
galley_merge_add (GalleyMerge *merge, const char *id, const char *data, gsize len,
                  GError **error)
{
  SpillRecord record = { 0, len, FALSE };
  gpointer last;

  if (merge->records->len > 0)
    {
      const SpillRecord *prev = &g_array_index (merge->records, SpillRecord,
                                                merge->records->len - 1);
      record.offset = prev->offset + prev->len;
    }
  if (g_hash_table_lookup_extended (merge->ids, id, NULL, &last))
    g_array_index (merge->records, SpillRecord, GPOINTER_TO_UINT (last)).dropped = TRUE;
  g_hash_table_insert (merge->ids, g_strdup (id), GUINT_TO_POINTER (merge->records->len));
  g_array_append_val (merge->records, record);
  g_string_append_len (merge->buffer, data, len);
  return merge->buffer->len < SPILL_BUFFER_SIZE || spill_flush (merge, error);
}

gboolean
galley_merge_has_id (GalleyMerge *merge, const char *id)
{
  /* Reading the target's keys, every record is "replaced": the copy
   * function then writes nothing, only the key is noted. */
  if (merge->scanning)
    {
      key_set_add (&merge->target_keys, key_hash (id));
      return TRUE;
    }
  return g_hash_table_contains (merge->ids, id);
}

static gboolean
copy_old (GalleyMerge *merge, GalleyOutput *out, GalleyMergeCopyFunc copy,
          gpointer user_data, GError **error)
{
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GError) local = NULL;

  mapped = g_mapped_file_new (merge->path, FALSE, &local);
  if (mapped == NULL)
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;  /* no file yet */
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: cannot read the existing file: %s", merge->path, local->message);
      return FALSE;
    }
  /* an empty file maps to NULL, and NULL + 0 is undefined */
  return copy (merge, g_mapped_file_get_length (mapped) > 0 ? g_mapped_file_get_contents (mapped) : "",
               g_mapped_file_get_length (mapped), out, user_data, error);
}

/* copy_spill_range: @len bytes of the spill file from @offset to @out */
static gboolean
copy_spill_range (GalleyMerge *merge, guint64 offset, guint64 len, GalleyOutput *out,
                  GError **error)
{
  char buf[65536];

  while (len > 0)
    {
      ssize_t n = pread (merge->fd, buf, MIN (len, sizeof buf), (off_t) offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return io_error (error, merge, "cannot read", n < 0 ? errno : EIO);
      if (!galley_output_write (out, buf, n, error))
        return FALSE;
      offset += n;
      len -= n;
    }
  return TRUE;
}

/* copy_spill: the run's records but those it wrote again later, in
 * their order; each run of kept records (all of them, most often) is
 * copied as one range */
static gboolean
copy_spill (GalleyMerge *merge, GalleyOutput *out, GError **error)
{
  guint64 from = 0, to = 0;

  for (guint i = 0; i < merge->records->len; i++)
    {
      const SpillRecord *r = &g_array_index (merge->records, SpillRecord, i);

      if (r->dropped)
        {
          if (to > from && !copy_spill_range (merge, from, to - from, out, error))
            return FALSE;
          from = r->offset + r->len;
        }
      to = r->offset + r->len;
    }
  return to <= from || copy_spill_range (merge, from, to - from, out, error);
}

void
galley_merge_reset (GalleyMerge *merge)
{
  g_string_truncate (merge->buffer, 0);
  g_hash_table_remove_all (merge->ids);
  g_array_set_size (merge->records, 0);
  if (ftruncate (merge->fd, 0) != 0 || lseek (merge->fd, 0, SEEK_SET) < 0)
    g_warning ("%s: cannot reset the run's %s: %s", merge->path, merge->noun,
               g_strerror (errno));
}

gboolean
galley_merge_write (GalleyMerge *merge, GalleyOutput *out,
                    GalleyMergeCopyFunc copy_old_records, gpointer user_data,
                    GError **error)
{
  if (!spill_flush (merge, error)
      || !copy_old (merge, out, copy_old_records, user_data, error)
      || !copy_spill (merge, out, error))
    return FALSE;
  galley_merge_reset (merge);
  return TRUE;
}

static gboolean
same_file (const struct stat *a, const struct stat *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size
         && a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* read_target_keys: the keys of the target's records in target_keys,
 * read through @copy_records (which writes nothing while scanning) unless the
 * target is the file the last commit left. */
static gboolean
read_target_keys (GalleyMerge *merge, GalleyMergeCopyFunc copy_records, gpointer user_data,
                  GError **error)
{
  g_autoptr (GalleyOutput) nowhere = NULL;
  struct stat st;
  gboolean ok;

  if (stat (merge->path, &st) != 0)
    {
      memset (&merge->seen, 0, sizeof merge->seen);
      key_set_clear (&merge->target_keys);
      return TRUE;  /* no file yet: no keys */
    }
  if (merge->seen.st_ino != 0 && same_file (&st, &merge->seen))
    return TRUE;
  key_set_clear (&merge->target_keys);
  memset (&merge->seen, 0, sizeof merge->seen);
  nowhere = galley_output_open ("/dev/null", GALLEY_OUTPUT_REPLACE, error);
  if (nowhere == NULL)
    return FALSE;
  merge->scanning = TRUE;
  ok = copy_old (merge, nowhere, copy_records, user_data, error);
  merge->scanning = FALSE;
  return ok;
}

/* run_replaces_some: whether a key of the run is in the target */
static gboolean
run_replaces_some (GalleyMerge *merge)
{
  GHashTableIter iter;
  gpointer key;
  gsize slot = 0;

  g_hash_table_iter_init (&iter, merge->ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (key_set_lookup (&merge->target_keys, key_hash (key), &slot))
      return TRUE;
  return FALSE;
}

/* ends_in_line_end: whether @path is empty or missing, or ends with
 * '\n': a record appended after a last one without its end would be
 * glued to it, so such a file is rewritten (the copy function ends it). */
static gboolean
ends_in_line_end (const char *path)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  struct stat st;
  char last = '\n';

  if (fd < 0)
    return TRUE;
  if (fstat (fd, &st) == 0 && st.st_size > 0 && pread (fd, &last, 1, st.st_size - 1) != 1)
    last = 0;
  close (fd);
  return last == '\n';
}

gboolean
galley_merge_commit (GalleyMerge *merge, const char *header, gsize header_len,
                     GalleyMergeCopyFunc copy_records, gpointer user_data, GError **error)
{
  g_autoptr (GalleyOutput) out = NULL;
  gboolean rewrite = TRUE;
  GHashTableIter iter;
  gpointer key;
  struct stat lst;

  /* Nothing to add makes no file and reads none: a checkpoint of a
   * quiet feed costs nothing here, and a service whose path moves on to
   * the next day's file makes it with the day's first record. */
  if (g_hash_table_size (merge->ids) == 0)
    {
      galley_merge_reset (merge);
      return TRUE;
    }
  if (!spill_flush (merge, error))
    return FALSE;
  /* A symbolic link (/dev/stdout to a file) is rewritten where it
   * points, as before: an append-mode output refuses links. */
  if (lstat (merge->path, &lst) != 0 || !S_ISLNK (lst.st_mode))
    {
      /* opened first: an append of ours killed half-way is taken back
       * before the target is read */
      out = galley_output_open (merge->path, GALLEY_OUTPUT_APPEND, error);
      if (out == NULL || !read_target_keys (merge, copy_records, user_data, error))
        return FALSE;
      rewrite = run_replaces_some (merge) || !ends_in_line_end (merge->path);
    }
  if (rewrite)
    {
      g_clear_pointer (&out, galley_output_free);
      out = galley_output_open (merge->path, GALLEY_OUTPUT_REPLACE, error);
      if (out == NULL)
        return FALSE;
    }
  if (header != NULL && (rewrite || galley_output_get_size (out) == 0)
      && !galley_output_write (out, header, header_len, error))
    return FALSE;
  if (rewrite)
    {
      /* The old file read and replaced under the lock appends take, so
       * that another run's append to it, or rewrite of it, waits for the
       * rename instead of being lost to it. */
      int dfd = _galley_output_lock_directory (merge->path);
      gboolean ok = copy_old (merge, out, copy_records, user_data, error)
                    && copy_spill (merge, out, error)
                    && galley_output_commit (out, error);

      if (dfd >= 0)
        close (dfd);
      if (!ok)
        return FALSE;
    }
  else if (!copy_spill (merge, out, error) || !galley_output_commit (out, error))
    return FALSE;
  /* The target's keys are now those it had and the run's. */
  g_hash_table_iter_init (&iter, merge->ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    key_set_add (&merge->target_keys, key_hash (key));
  if (stat (merge->path, &merge->seen) != 0)
    memset (&merge->seen, 0, sizeof merge->seen);
  galley_merge_reset (merge);
  return TRUE;
}
