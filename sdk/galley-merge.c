/* galley-merge.c: append mode with one record per document id; see
 * <galley/galley-merge.h> for the method. */
#define _GNU_SOURCE  /* O_TMPFILE (Linux) */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <galley/galley.h>

/* The run's records are buffered and written to the spill file in blocks
 * of this size: one write(2) per block, not per document. */
#define SPILL_BUFFER_SIZE (256 * 1024)

struct _GalleyMerge {
  char *path;
  char *noun;
  int fd;            /* unlinked spill file */
  GString *buffer;   /* spill bytes not yet written */
  GHashTable *ids;   /* the run's keys */
};

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
  g_hash_table_unref (merge->ids);
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
  if (!g_hash_table_contains (merge->ids, id))
    g_hash_table_add (merge->ids, g_strdup (id));
  g_string_append_len (merge->buffer, data, len);
  return merge->buffer->len < SPILL_BUFFER_SIZE || spill_flush (merge, error);
}

gboolean
galley_merge_has_id (GalleyMerge *merge, const char *id)
{
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

static gboolean
copy_spill (GalleyMerge *merge, GalleyOutput *out, GError **error)
{
  char buf[65536];
  ssize_t n;

  if (lseek (merge->fd, 0, SEEK_SET) < 0)
    return io_error (error, merge, "cannot read", errno);
  while ((n = read (merge->fd, buf, sizeof buf)) != 0)
    {
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return io_error (error, merge, "cannot read", errno);
        }
      if (!galley_output_write (out, buf, n, error))
        return FALSE;
    }
  return TRUE;
}

void
galley_merge_reset (GalleyMerge *merge)
{
  g_string_truncate (merge->buffer, 0);
  g_hash_table_remove_all (merge->ids);
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
