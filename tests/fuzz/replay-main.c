/* replay-main.c: a main() for the fuzz targets without libFuzzer. Every
 * argument is a file or a directory of files; each file is passed once
 * to LLVMFuzzerTestOneInput, in name order. `make check` runs it over
 * each target's seed corpus and saved crashes, with whatever compiler the
 * build uses, so that an input that once crashed a target keeps being
 * tried in every build, sanitized or not. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* replay_file: one input; FALSE (and a message) when it cannot be read. */
static gboolean
replay_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;
  g_autoptr (GError) error = NULL;

  if (!g_file_get_contents (path, &data, &len, &error))
    {
      fprintf (stderr, "replay: %s\n", error->message);
      return FALSE;
    }
  fprintf (stderr, "replay: %s\n", path);
  /* a copy of exactly @len bytes, so ASan sees a read past the end */
  g_autofree uint8_t *copy = g_memdup2 (data, len ? len : 1);
  LLVMFuzzerTestOneInput (copy, len);
  return TRUE;
}

/* replay_dir: every regular file of @dir, sorted; returns how many ran. */
static int
replay_dir (const char *dir, gboolean *ok)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) d = g_dir_open (dir, 0, &error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  int n = 0;

  if (d == NULL)
    {
      fprintf (stderr, "replay: %s\n", error->message);
      *ok = FALSE;
      return 0;
    }
  while ((name = g_dir_read_name (d)))
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    if (g_file_test (names->pdata[i], G_FILE_TEST_IS_REGULAR))
      {
        *ok &= replay_file (names->pdata[i]);
        n++;
      }
  return n;
}

int
main (int argc, char **argv)
{
  gboolean ok = TRUE;
  int n = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        n += replay_dir (argv[i], &ok);
      else if (g_file_test (argv[i], G_FILE_TEST_EXISTS))
        {
          ok &= replay_file (argv[i]);
          n++;
        }
    }
  printf ("%s: %d inputs replayed\n", argv[0], n);
  return ok ? 0 : 1;
}
