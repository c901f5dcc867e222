/* class-table.c: hashes with class bits (see class-table.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "class-table.h"

void
et_class_table_init (EtClassTable *t, guint log2_size)
{
  t->mask = (1u << log2_size) - 1;
  t->keys = g_new0 (guint64, t->mask + 1);
  t->classes = g_new0 (guint8, t->mask + 1);
  t->n = 0;
}

void
et_class_table_clear (EtClassTable *t)
{
  g_free (t->keys);
  g_free (t->classes);
  t->keys = NULL;
  t->classes = NULL;
  t->mask = t->n = 0;
}

static void
grow (EtClassTable *t)
{
  guint64 *old_keys = t->keys;
  guint8 *old_classes = t->classes;
  guint old_size = t->mask + 1;

  t->mask = 2 * old_size - 1;
  t->keys = g_new0 (guint64, t->mask + 1);
  t->classes = g_new0 (guint8, t->mask + 1);
  for (guint k = 0; k < old_size; k++)
    if (old_keys[k] != 0)
      {
        guint s = et_class_table_slot (t, old_keys[k]);

        t->keys[s] = old_keys[k];
        t->classes[s] = old_classes[k];
      }
  g_free (old_keys);
  g_free (old_classes);
}

void
et_class_table_add (EtClassTable *t, guint64 key, guint8 bits)
{
  guint s;

  if (2 * (t->n + 1) > t->mask + 1)
    grow (t);
  s = et_class_table_slot (t, key);
  if (t->keys[s] == 0)
    {
      t->keys[s] = key;
      t->n++;
    }
  t->classes[s] |= bits;
}

GMappedFile *
et_map_list (const char *path, const char *hint, GError **error)
{
  GMappedFile *map;
  struct stat st;
  int fd, saved;

  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s (%s)",
                   path, g_strerror (saved), hint);
      return NULL;
    }
  /* a directory or a device: say so, not mmap()'s "No such device" */
  if (fstat (fd, &st) == 0 && !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_FILE_ERROR, S_ISDIR (st.st_mode) ? G_FILE_ERROR_ISDIR : G_FILE_ERROR_INVAL,
                   "%s: %s (%s)", path,
                   S_ISDIR (st.st_mode) ? g_strerror (EISDIR) : "not a regular file", hint);
      return NULL;
    }
  map = g_mapped_file_new_from_fd (fd, FALSE, error);
  close (fd);
  if (map == NULL)
    g_prefix_error (error, "%s: ", path);
  return map;
}
