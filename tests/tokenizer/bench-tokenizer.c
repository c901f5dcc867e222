/* bench-tokenizer.c: throughput of the tokenizer stage (tokens and
 * sentences) on a JSON Lines corpus.
 *
 *   bench-tokenizer [-j JOBS] [-r REPEAT] [-p] CORPUS.jsonl
 *
 * Each line's "text" becomes a document (outside the timed region); only
 * the stage's process call is timed. With one job the corpus is streamed
 * (one document in memory at a time, so the peak RSS is the stage's own
 * working set); with -j N the documents are loaded first and N threads
 * share one stage instance, as the runner does for a THREAD_SAFE stage
 * (-p loads the corpus first with one job too, for profiling).
 * MB/s is input text bytes over the busiest thread's processing time
 * (wall clock), and again over its CPU time, which a busy machine does
 * not inflate.
 * -r repeats the whole run and reports the best.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <json-glib/json-glib.h>

#include "plugins/tokenizer/tokenizer.h"

static double
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time of the calling thread: unlike wall time, it does not count
 * the time other processes hold the CPU, so it stays comparable on a
 * busy machine. */
static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *
text_of_line (const char *line, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *obj;

  if (!json_parser_load_from_data (parser, line, -1, error))
    return NULL;
  obj = json_node_get_object (json_parser_get_root (parser));
  if (obj == NULL || !json_object_has_member (obj, "text"))
    return g_strdup ("");
  return g_strdup (json_object_get_string_member (obj, "text"));
}

typedef struct {
  gpointer stage;
  GPtrArray *docs;   /* GalleyDocument, shared; thread i takes i, i + jobs, ... */
  guint first;
  guint step;
  double busy;       /* seconds spent in process */
  double cpu;        /* CPU seconds spent in process */
  guint64 tokens;
} Job;

static gpointer
run_job (gpointer data)
{
  Job *job = data;

  for (guint i = job->first; i < job->docs->len; i += job->step)
    {
      GalleyDocument *doc = g_ptr_array_index (job->docs, i);
      g_autoptr (GError) error = NULL;
      double t0 = now (), c0 = cpu_now ();

      if (!galley_tokenizer_stage.process (job->stage, doc, &error))
        g_error ("process: %s", error->message);
      job->busy += now () - t0;
      job->cpu += cpu_now () - c0;
      job->tokens += galley_layer_get_n_spans (galley_document_get_layer (doc, "token"));
      /* done with it: only this thread owns slot i, so memory stays at
       * the corpus plus what the workers have in hand */
      galley_document_free (doc);
      job->docs->pdata[i] = NULL;
    }
  return NULL;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyParams) params = galley_params_new (galley_tokenizer_stage.params);
  const char *path = NULL;
  guint jobs = 1, repeat = 1;
  gboolean preload = FALSE;
  double best = 0, best_docs = 0, best_cpu = 0;
  guint64 bytes = 0, n_docs = 0, tokens = 0;
  gpointer stage;
  struct rusage ru;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "-j") == 0 && i + 1 < argc)
        jobs = (guint) CLAMP (atoi (argv[i + 1]), 1, 64), i++;
      else if (strcmp (argv[i], "-p") == 0)
        preload = TRUE;
      else if (strcmp (argv[i], "-r") == 0 && i + 1 < argc)
        repeat = (guint) CLAMP (atoi (argv[i + 1]), 1, 100), i++;
      else
        path = argv[i];
    }
  if (path == NULL)
    {
      g_printerr ("usage: bench-tokenizer [-j JOBS] [-r REPEAT] [-p] CORPUS.jsonl\n");
      return 2;
    }
  if (!galley_params_finish (params, &error)
      || (stage = galley_tokenizer_stage.create (params, &error)) == NULL)
    {
      g_printerr ("bench-tokenizer: %s\n", error->message);
      return 2;
    }

  for (guint r = 0; r < repeat; r++)
    {
      g_autoptr (GIOChannel) in = g_io_channel_new_file (path, "r", &error);
      double busy = 0, cpu = 0;
      char *line;
      gsize len;

      if (in == NULL)
        {
          g_printerr ("bench-tokenizer: %s\n", error->message);
          return 2;
        }
      bytes = n_docs = tokens = 0;
      if (jobs == 1 && !preload)
        {
          /* streamed: one document alive at a time */
          while (g_io_channel_read_line (in, &line, &len, NULL, &error) == G_IO_STATUS_NORMAL)
            {
              g_autofree char *text = text_of_line (line, &error);
              g_autoptr (GalleyDocument) doc = NULL;
              double t0, c0;

              g_free (line);
              if (text == NULL)
                break;
              doc = galley_document_new ("bench", text, -1);
              t0 = now ();
              c0 = cpu_now ();
              if (!galley_tokenizer_stage.process (stage, doc, &error))
                break;
              busy += now () - t0;
              cpu += cpu_now () - c0;
              bytes += strlen (text);
              n_docs++;
              tokens += galley_layer_get_n_spans (galley_document_get_layer (doc, "token"));
            }
        }
      else
        {
          g_autoptr (GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) galley_document_free);
          g_autofree Job *job = g_new0 (Job, jobs);
          g_autofree GThread **threads = g_new0 (GThread *, jobs);

          while (g_io_channel_read_line (in, &line, &len, NULL, &error) == G_IO_STATUS_NORMAL)
            {
              g_autofree char *text = text_of_line (line, &error);

              g_free (line);
              if (text == NULL)
                break;
              bytes += strlen (text);
              g_ptr_array_add (docs, galley_document_new ("bench", text, -1));
            }
          n_docs = docs->len;
          for (guint j = 0; j < jobs; j++)
            {
              job[j] = (Job) { stage, docs, j, jobs, 0, 0, 0 };
              threads[j] = g_thread_new ("bench", run_job, &job[j]);
            }
          for (guint j = 0; j < jobs; j++)
            {
              g_thread_join (threads[j]);
              busy = MAX (busy, job[j].busy);
              cpu = MAX (cpu, job[j].cpu);
              tokens += job[j].tokens;
            }
        }
      if (error != NULL)
        {
          g_printerr ("bench-tokenizer: %s\n", error->message);
          return 2;
        }
      if (busy > 0 && bytes / busy > best)
        {
          best = bytes / busy;
          best_docs = n_docs / busy;
        }
      if (cpu > 0 && bytes / cpu > best_cpu)
        best_cpu = bytes / cpu;
    }
  galley_tokenizer_stage.free (stage);
  getrusage (RUSAGE_SELF, &ru);
  printf ("tokenizer: %u job%s, %" G_GUINT64_FORMAT " documents, %.1f MB, %"
          G_GUINT64_FORMAT " tokens\n", jobs, jobs > 1 ? "s" : "", n_docs, bytes / 1e6,
          tokens);
  printf ("tokenizer: %.1f MB/s  %.0f docs/s  peak RSS %.1f MB%s\n", best / 1e6, best_docs,
          ru.ru_maxrss / 1024.0, jobs > 1 || preload ? " (corpus loaded in memory)" : "");
  printf ("tokenizer: %.1f MB/s of thread CPU time (%s)\n", best_cpu / 1e6,
          jobs > 1 ? "busiest thread" : "what the stage gets on an idle core");
  return 0;
}
