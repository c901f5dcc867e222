/* bench-state.c: what the incremental state costs a run.
 *
 *   bench-state [-n DOCS] [-s BYTES] [-d DIR]
 *
 * Makes DOCS synthetic documents of BYTES of text, then times, through the
 * runner's hooks as a run uses them: the content hash alone; a first run
 * (every document looked up, not found, recorded, one commit); a second
 * run (every document looked up and found unchanged); and a second run
 * where every tenth document changed. Prints MB/s of text, documents/s
 * and peak RSS. The state file goes to DIR (default: a temporary
 * directory); put it on the disk that matters. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "core/state.h"

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static void
report (const char *what, double seconds, guint64 docs, guint64 bytes)
{
  printf ("%-34s %9.1f MB/s %11.0f docs/s  (%.3f s)\n", what,
          bytes / 1e6 / seconds, docs / seconds, seconds);
}

static double
run (const char *path, GalleyDocument **docs, guint n, guint64 *unchanged)
{
  g_autoptr (GError) error = NULL;
  GalleyState *state = galley_state_open (path, TRUE, &error);
  GalleyRunStats stats = { 0 };
  const GalleyRunState *h;
  double t0 = now ();

  if (state == NULL || !galley_state_begin_run (state, "bench", NULL, 0, 0, &error))
    {
      fprintf (stderr, "bench-state: %s\n", error->message);
      exit (1);
    }
  h = galley_state_get_hooks (state);
  *unchanged = 0;
  for (guint i = 0; i < n; i++)
    if (h->unchanged (h->data, docs[i]))
      (*unchanged)++;
    else
      h->done (h->data, docs[i]);
  if (!h->commit (h->data, &error) || !galley_state_end_run (state, &stats, 0, &error))
    {
      fprintf (stderr, "bench-state: %s\n", error->message);
      exit (1);
    }
  galley_state_close (state);
  return now () - t0;
}

int
main (int argc, char **argv)
{
  int n = 200000, size = 2000;
  char *dir_opt = NULL;
  const GOptionEntry entries[] = {
    { "docs", 'n', 0, G_OPTION_ARG_INT, &n, "documents (default 200000)", "N" },
    { "size", 's', 0, G_OPTION_ARG_INT, &size, "bytes of text each (default 2000)", "BYTES" },
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir_opt, "where the state file goes", "DIR" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- the cost of the cron state");
  g_autofree char *dir = NULL, *path = NULL;
  GalleyDocument **docs;
  g_autofree char *text = NULL;
  guint64 bytes, unchanged, sink = 0;
  struct rusage ru;
  double t;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, NULL) || n <= 0 || size <= 0)
    return 2;
  dir = dir_opt ? g_strdup (dir_opt) : g_dir_make_tmp ("bench-state-XXXXXX", NULL);
  path = g_build_filename (dir, "bench.state", NULL);
  g_unlink (path);

  text = g_malloc (size + 1);
  for (int i = 0; i < size; i++)
    text[i] = "Minister Jane Doe said on Monday that "[i % 38];
  text[size] = '\0';
  docs = g_new (GalleyDocument *, n);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("2024/06/%02d/story-%d.txt", i % 30, i);
      g_autofree char *title = g_strdup_printf ("Headline number %d", i);
      char *body = g_strdup (text);
      g_snprintf (body, 12, "%011d", i);  /* each text differs */
      body[11] = ' ';
      docs[i] = galley_document_new_take (id, body, size);
      galley_document_set_meta (docs[i], "title", title);
    }
  bytes = (guint64) n * size;

  printf ("%d documents of %d bytes; state file %s\n", n, size, path);
  t = now ();
  for (int i = 0; i < n; i++)
    sink ^= galley_state_hash_document (docs[i]);
  report ("content hash (XXH64)", now () - t, n, bytes);
  if (sink == 42)
    printf ("!\n");

  t = run (path, docs, n, &unchanged);
  report ("first run: look up, record, commit", t, n, bytes);
  t = run (path, docs, n, &unchanged);
  report ("second run: all unchanged", t, n, bytes);
  if (unchanged != (guint64) n)
    fprintf (stderr, "bench-state: %" G_GUINT64_FORMAT " unchanged, expected %d\n", unchanged, n);
  for (int i = 0; i < n; i += 10)
    galley_document_set_meta (docs[i], "title", "Changed");
  t = run (path, docs, n, &unchanged);
  report ("third run: one in ten changed", t, n, bytes);

  getrusage (RUSAGE_SELF, &ru);
  {
    GStatBuf st;
    if (g_stat (path, &st) == 0)
      printf ("state file: %.1f MB (%.0f bytes a document)\n", st.st_size / 1e6,
              (double) st.st_size / n);
  }
  printf ("peak RSS: %.1f MB (the documents themselves: %.1f MB)\n", ru.ru_maxrss / 1024.0,
          bytes / 1e6);
  for (int i = 0; i < n; i++)
    galley_document_free (docs[i]);
  g_free (docs);
  g_unlink (path);
  if (dir_opt == NULL)
    g_rmdir (dir);
  g_free (dir_opt);
  return 0;
}
