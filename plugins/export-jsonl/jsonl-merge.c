/* jsonl-merge.c: append mode with one line per document id; see the
 * header for the method. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "jsonl-merge.h"

#define SPILL_BUFFER_SIZE (256 * 1024)

struct _JsonlMerge {
  char *path;
  int fd;            /* unlinked spill file */
  GString *buffer;   /* spill lines not yet written */
  GHashTable *ids;   /* the run's ids, as their JSON strings */
  GString *key;      /* scratch */
};

static gboolean
io_error (GError **error, const char *path, const char *what, int err)
{
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO, "%s: %s: %s",
               path, what, g_strerror (err));
  return FALSE;
}

JsonlMerge *
jsonl_merge_new (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  /* beside the target: the file system that will hold the lines has room */
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.lines.XXXXXX", dir, base);
  int fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  JsonlMerge *merge;

  if (fd < 0)
    {
      io_error (error, path, "cannot create output", errno);
      return NULL;
    }
  g_unlink (tmp);
  merge = g_new0 (JsonlMerge, 1);
  merge->path = g_strdup (path);
  merge->fd = fd;
  merge->buffer = g_string_sized_new (SPILL_BUFFER_SIZE);
  merge->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  merge->key = g_string_new (NULL);
  return merge;
}

void
jsonl_merge_free (JsonlMerge *merge)
{
  if (merge == NULL)
    return;
  close (merge->fd);
  g_string_free (merge->buffer, TRUE);
  g_string_free (merge->key, TRUE);
  g_hash_table_unref (merge->ids);
  g_free (merge->path);
  g_free (merge);
}

static gboolean
spill_flush (JsonlMerge *merge, GError **error)
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
          return io_error (error, merge->path, "cannot write the run's lines", errno);
        }
      p += n;
      left -= n;
    }
  g_string_truncate (merge->buffer, 0);
  return TRUE;
}

gboolean
jsonl_merge_add (JsonlMerge *merge, const char *id, const char *line, gsize len,
                 GError **error)
{
  g_string_truncate (merge->key, 0);
  galley_json_append_string (merge->key, id, -1);
  if (!g_hash_table_contains (merge->ids, merge->key->str))
    g_hash_table_add (merge->ids, g_strdup (merge->key->str));
  g_string_append_len (merge->buffer, line, len);
  return merge->buffer->len < SPILL_BUFFER_SIZE || spill_flush (merge, error);
}

/* line_id: the JSON string after a leading {"id": (as export-jsonl writes
 * lines), quotes included, or FALSE. */
static gboolean
line_id (const char *line, const char *end, const char **id, gsize *id_len)
{
  static const char prefix[] = "{\"id\":\"";
  const char *p = line + sizeof prefix - 1;

  if ((gsize) (end - line) < sizeof prefix - 1 || memcmp (line, prefix, sizeof prefix - 1) != 0)
    return FALSE;
  for (; p < end; p++)
    {
      if (*p == '\\')
        p++;
      else if (*p == '"')
        {
          *id = line + sizeof prefix - 2;
          *id_len = p + 1 - *id;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
copy_old_lines (JsonlMerge *merge, const char *path, GalleyOutput *out,
                GError **error)
{
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GError) local = NULL;
  const char *p, *end;

  mapped = g_mapped_file_new (path, FALSE, &local);
  if (mapped == NULL)
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;  /* no file yet */
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: cannot read the existing file: %s", path, local->message);
      return FALSE;
    }
  p = g_mapped_file_get_contents (mapped);
  end = p + g_mapped_file_get_length (mapped);
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *stop = nl ? nl + 1 : end;
      const char *id;
      gsize id_len;
      gboolean replaced = FALSE;

      if (line_id (p, stop, &id, &id_len))
        {
          g_string_truncate (merge->key, 0);
          g_string_append_len (merge->key, id, id_len);
          replaced = g_hash_table_contains (merge->ids, merge->key->str);
        }
      if (!replaced)
        {
          if (!galley_output_write (out, p, stop - p, error))
            return FALSE;
          if (nl == NULL && !galley_output_write (out, "\n", 1, error))
            return FALSE;  /* a last line without its newline gets one */
        }
      p = stop;
    }
  return TRUE;
}

static gboolean
copy_spill (JsonlMerge *merge, GalleyOutput *out, GError **error)
{
  char buf[65536];
  ssize_t n;

  if (lseek (merge->fd, 0, SEEK_SET) < 0)
    return io_error (error, merge->path, "cannot read the run's lines", errno);
  while ((n = read (merge->fd, buf, sizeof buf)) != 0)
    {
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return io_error (error, merge->path, "cannot read the run's lines", errno);
        }
      if (!galley_output_write (out, buf, n, error))
        return FALSE;
    }
  return TRUE;
}

void
jsonl_merge_reset (JsonlMerge *merge)
{
  g_string_truncate (merge->buffer, 0);
  g_hash_table_remove_all (merge->ids);
  if (ftruncate (merge->fd, 0) != 0 || lseek (merge->fd, 0, SEEK_SET) < 0)
    g_warning ("export-jsonl: cannot reset the run's lines: %s", g_strerror (errno));
}

gboolean
jsonl_merge_write (JsonlMerge *merge, const char *path, GalleyOutput *out,
                   GError **error)
{
  if (!spill_flush (merge, error)
      || !copy_old_lines (merge, path, out, error)
      || !copy_spill (merge, out, error))
    return FALSE;
  jsonl_merge_reset (merge);
  return TRUE;
}
