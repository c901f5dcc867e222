/* bench-sentiment.c: throughput of the sentiment stage alone.
 *
 *   bench-sentiment [-r REPEAT] [-m MB] CORPUS.jsonl
 *
 * Reads the benchmark corpus (JSON Lines with "id" and "text", from
 * tests/bench/gen-corpus), at most MB megabytes of text (default 64, so
 * that the tokenized documents held in memory stay bounded), tokenizes
 * every document first (not timed),
 * then times the sentiment stage's process() over all of them on one
 * thread, REPEAT times (default 5), and prints the best run: MB/s (input
 * text bytes / wall seconds), docs/s, MB/s of the thread's CPU time (the
 * figure to compare on a shared machine), and the peak RSS of the process.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <json-glib/json-glib.h>
#include <galley/galley.h>

#include "sentiment.h"
#include "tokenizer.h"

/* The CPU time of the calling thread: on a machine shared with other
 * jobs the wall clock also counts the time the thread waited for a
 * core, the CPU time only the time it ran. */
static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) tok = NULL, sent = NULL;
  g_autoptr (GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) galley_document_free);
  g_autofree char *data = NULL;
  g_auto (GStrv) lines = NULL;
  guint64 bytes = 0;
  double best = 1e30, best_cpu = 1e30;
  int repeat = 5, arg = 1;
  guint64 max_bytes = 64 * 1000 * 1000;
  struct rusage ru;

  while (arg + 1 < argc && argv[arg][0] == '-')
    {
      if (strcmp (argv[arg], "-r") == 0)
        repeat = MAX (1, atoi (argv[arg + 1]));
      else if (strcmp (argv[arg], "-m") == 0)
        max_bytes = (guint64) MAX (1, atoi (argv[arg + 1])) * 1000 * 1000;
      else
        break;
      arg += 2;
    }
  if (arg >= argc)
    {
      fprintf (stderr, "usage: bench-sentiment [-r REPEAT] [-m MB] CORPUS.jsonl\n");
      return 2;
    }
  tok = galley_harness_new (&galley_tokenizer_stage, NULL, &error);
  sent = tok ? galley_harness_new (&galley_sentiment_stage, NULL, &error) : NULL;
  if (sent == NULL)
    {
      fprintf (stderr, "bench-sentiment: %s\n", error->message);
      return 2;
    }
  if (!g_file_get_contents (argv[arg], &data, NULL, &error))
    {
      fprintf (stderr, "bench-sentiment: %s\n", error->message);
      return 2;
    }
  lines = g_strsplit (data, "\n", -1);
  g_clear_pointer (&data, g_free);
  for (guint i = 0; lines[i] && bytes < max_bytes; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *obj;
      GalleyDocument *doc;
      const char *text;

      if (lines[i][0] == '\0')
        continue;
      if (!json_parser_load_from_data (parser, lines[i], -1, NULL))
        {
          /* gen-corpus (8e192d9) leaves out each line's closing brace */
          g_autofree char *fixed = g_strconcat (lines[i], "}", NULL);
          if (!json_parser_load_from_data (parser, fixed, -1, NULL))
            continue;
        }
      obj = json_node_get_object (json_parser_get_root (parser));
      if (obj == NULL || !json_object_has_member (obj, "text"))
        continue;
      text = json_object_get_string_member (obj, "text");
      if (text == NULL || !g_utf8_validate (text, -1, NULL))
        continue;
      doc = galley_document_new ("bench", text, -1);
      if (!galley_harness_run (tok, doc, &error))
        {
          fprintf (stderr, "bench-sentiment: line %u: %s\n", i + 1, error->message);
          return 2;
        }
      bytes += strlen (text);
      g_ptr_array_add (docs, doc);
      g_clear_pointer (&lines[i], g_free);
      lines[i] = g_strdup ("");
    }

  for (int r = 0; r < repeat; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double s, cpu = thread_cpu_seconds ();

      for (guint i = 0; i < docs->len; i++)
        if (!galley_harness_run (sent, g_ptr_array_index (docs, i), &error))
          {
            fprintf (stderr, "bench-sentiment: %s\n", error->message);
            return 2;
          }
      s = (g_get_monotonic_time () - t0) / 1e6;
      best = MIN (best, s);
      best_cpu = MIN (best_cpu, thread_cpu_seconds () - cpu);
    }
  getrusage (RUSAGE_SELF, &ru);
  printf ("sentiment: %u docs, %.1f MB, best of %d: %.1f MB/s, %.0f docs/s, "
          "%.1f MB/s of CPU time, peak RSS %ld MB\n", docs->len, bytes / 1e6, repeat,
          bytes / 1e6 / best, docs->len / best, bytes / 1e6 / best_cpu,
          ru.ru_maxrss / 1024);
  return 0;
}
