/* bench-io.c: read-jsonl -> export-jsonl throughput on one thread.
 *
 *   bench-io CORPUS.jsonl [OUTPUT] [RUNS]
 *
 * Runs the two stage classes directly (as the runner does with --jobs 1,
 * without its queue) over CORPUS, writing to OUTPUT (default /dev/null),
 * RUNS times (default 3), and prints the best run: MB/s of document text
 * (and of input file bytes), documents per second, and peak RSS. The
 * machine may be shared: the MB/s per CPU second (user + system time of
 * the process) is printed too, as it varies less with the load.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <galley/galley.h>

#include "../../plugins/export-jsonl/export-jsonl.h"
#include "../../plugins/read-jsonl/read-jsonl.h"

static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6
         + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static gpointer
create (const GalleyStageClass *klass, const char *key, const char *value)
{
  g_autoptr (GalleyParams) params = galley_params_new (klass->params);
  g_autoptr (GError) error = NULL;
  gpointer self;

  if (!galley_params_set (params, key, value, &error)
      || !galley_params_finish (params, &error)
      || (self = klass->create (params, &error)) == NULL)
    {
      fprintf (stderr, "bench-io: %s: %s\n", klass->name, error->message);
      exit (2);
    }
  return self;
}

int
main (int argc, char **argv)
{
  const char *corpus, *output;
  int runs;
  double best = 0, best_cpu = 0;
  guint64 docs = 0, text_bytes = 0, rejected = 0;
  struct stat st;
  struct rusage ru;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-io CORPUS.jsonl [OUTPUT] [RUNS]\n");
      return 2;
    }
  corpus = argv[1];
  output = argc > 2 ? argv[2] : "/dev/null";
  runs = argc > 3 ? atoi (argv[3]) : 3;
  if (stat (corpus, &st) != 0)
    {
      perror (corpus);
      return 2;
    }

  for (int run = 0; run < runs; run++)
    {
      const GalleyStageClass *src = &galley_read_jsonl_stage;
      const GalleyStageClass *sink = &galley_export_jsonl_stage;
      gpointer reader = create (src, "path", corpus);
      gpointer writer = create (sink, "path", output);
      gint64 t0 = g_get_monotonic_time ();
      double cpu0 = cpu_seconds ();
      double secs, cpu;

      docs = text_bytes = rejected = 0;
      for (;;)
        {
          GalleyDocument *doc = NULL;
          g_autoptr (GError) error = NULL;
          GalleyReadStatus status = src->read (reader, &doc, &error);
          gsize len;

          if (status == GALLEY_READ_END)
            break;
          if (status == GALLEY_READ_ERROR)
            {
              fprintf (stderr, "bench-io: %s\n", error->message);
              return 4;
            }
          if (status == GALLEY_READ_SKIP)
            rejected++;
          else
            {
              galley_document_get_text (doc, &len);
              text_bytes += len;
              docs++;
              if (!sink->write (writer, doc, &error))
                {
                  fprintf (stderr, "bench-io: %s\n", error->message);
                  return 4;
                }
            }
          galley_document_free (doc);
        }
      {
        g_autoptr (GError) error = NULL;
        if (!sink->commit (writer, &error))
          {
            fprintf (stderr, "bench-io: %s\n", error->message);
            return 4;
          }
      }
      secs = (g_get_monotonic_time () - t0) / 1e6;
      cpu = cpu_seconds () - cpu0;
      if (best == 0 || secs < best)
        best = secs;
      if (best_cpu == 0 || cpu < best_cpu)
        best_cpu = cpu;
      sink->free (writer);
      src->free (reader);
    }
  getrusage (RUSAGE_SELF, &ru);
  printf ("read-jsonl -> export-jsonl, 1 thread, best of %d: %.1f MB/s text "
          "(%.1f MB/s input), %.0f docs/s, peak RSS %.1f MiB; "
          "%.1f MB/s text per CPU second "
          "[%" G_GUINT64_FORMAT " docs, %" G_GUINT64_FORMAT " rejected, "
          "%.1f MB text, %.3f s]\n",
          runs, text_bytes / best / 1e6, st.st_size / best / 1e6, docs / best,
          ru.ru_maxrss / 1024.0, text_bytes / best_cpu / 1e6,
          docs, rejected, text_bytes / 1e6, best);
  return 0;
}
