/* cmd-state.c: `galley state FILE`: what a state file holds. */
#include "config.h"

#include <stdio.h>

#include "commands.h"
#include "runner.h"
#include "state.h"

typedef struct {
  gboolean json;
  int runs;
  int documents;
  gboolean rejected;
  char *id;
  gboolean reset;
  char *forget;
} StateOptions;

static void
append_json_string_or_null (GString *out, const char *s)
{
  if (s)
    galley_json_append_string (out, s, -1);
  else
    g_string_append (out, "null");
}

static void
append_run_json (GString *out, const GalleyStateRun *run)
{
  g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",\"started\":", run->id);
  append_json_string_or_null (out, run->started);
  g_string_append (out, ",\"finished\":");
  append_json_string_or_null (out, run->finished);
  g_string_append (out, ",\"pipeline\":");
  append_json_string_or_null (out, run->pipeline);
  g_string_append (out, ",\"stages\":");
  append_json_string_or_null (out, run->stages);
  g_string_append_printf (out, ",\"pid\":%" G_GINT64_FORMAT ",\"host\":", run->pid);
  append_json_string_or_null (out, run->host);
  g_string_append_printf (out, ",\"full\":%s,\"committed\":%s,\"status\":",
                          run->full ? "true" : "false", run->committed ? "true" : "false");
  if (run->status < 0)
    g_string_append (out, "null");
  else
    g_string_append_printf (out, "%d", run->status);
  if (run->finished)
    {
      char seconds[G_ASCII_DTOSTR_BUF_SIZE];
      g_ascii_formatd (seconds, sizeof seconds, "%.3f", run->seconds);
      g_string_append_printf (out, ",\"read\":%" G_GINT64_FORMAT ",\"done\":%" G_GINT64_FORMAT
                              ",\"unchanged\":%" G_GINT64_FORMAT ",\"rejected\":%" G_GINT64_FORMAT
                              ",\"seconds\":%s}", run->read, run->done, run->unchanged,
                              run->rejected, seconds);
    }
  else
    g_string_append (out, ",\"read\":null,\"done\":null,\"unchanged\":null,"
                          "\"rejected\":null,\"seconds\":null}");
}

static void
append_document_json (GString *out, const GalleyStateDocument *doc)
{
  g_string_append (out, "{\"id\":");
  galley_json_append_string (out, doc->id, -1);
  g_string_append_printf (out, ",\"hash\":\"%016" G_GINT64_MODIFIER "x\",\"run\":%"
                          G_GINT64_FORMAT ",\"first_run\":%" G_GINT64_FORMAT ",\"processed\":",
                          doc->hash, doc->run, doc->first_run);
  append_json_string_or_null (out, doc->processed);
  g_string_append (out, ",\"first_processed\":");
  append_json_string_or_null (out, doc->first_processed);
  g_string_append_printf (out, ",\"times\":%" G_GINT64_FORMAT ",\"rejected\":%s,\"error\":",
                          doc->times, doc->rejected ? "true" : "false");
  append_json_string_or_null (out, doc->error);
  g_string_append (out, ",\"stage\":");
  append_json_string_or_null (out, doc->stage);
  g_string_append_c (out, '}');
}

/* rejection: "" for a document done, "; rejected by [STAGE]: ERROR" (or
 * "; rejected: ERROR" when the stage is not known) after @sep for one
 * held as rejected. */
static char *
rejection (const GalleyStateDocument *doc, const char *sep)
{
  if (!doc->rejected)
    return g_strdup ("");
  if (doc->stage)
    return g_strdup_printf ("%srejected by [%s]: %s", sep, doc->stage,
                            doc->error ? doc->error : "");
  return g_strdup_printf ("%srejected: %s", sep, doc->error ? doc->error : "");
}

/* run_pipeline: the PIPELINE column: the pipeline's file or text, and
 * for a file the plugins it ran, which the text of an inline pipeline
 * shows already ("news.pipeline (read-files ! tokenizer !
 * export-jsonl)"): what the warning of a state shared between pipelines
 * names. */
static char *
run_pipeline (const GalleyStateRun *run)
{
  const char *pipeline = run->pipeline ? run->pipeline : "";

  if (run->stages == NULL || strchr (pipeline, '!') != NULL)
    return g_strdup (pipeline);
  return g_strdup_printf ("%s (%s)", pipeline, run->stages);
}

/* run_status: how a run ended, in words. */
static char *
run_status (const GalleyStateRun *run)
{
  static const char *const names[] = {
    "ok", "rejected", "usage error", "plugin error", "I/O error", "locked",
  };
  GString *s = g_string_new (NULL);

  if (run->finished == NULL)
    g_string_append (s, "unfinished");
  else if (run->status >= 0 && run->status < (int) G_N_ELEMENTS (names))
    g_string_append_printf (s, "%d %s", run->status, names[run->status]);
  else
    g_string_append_printf (s, "%d", run->status);
  if (run->finished && !run->committed)
    g_string_append (s, ", not committed");
  if (run->full)
    g_string_append (s, ", full");
  return g_string_free (s, FALSE);
}

static void
print_text (const char *path, const GalleyStateCounts *n, GPtrArray *runs,
            GPtrArray *docs, gboolean rejected_only, const char *id,
            const GalleyStateDocument *one)
{
  printf ("State file: %s (format %" G_GINT64_FORMAT ", hash %s)\n", path, n->format,
          GALLEY_STATE_HASH);
  printf ("Documents:  %" G_GINT64_FORMAT, n->documents);
  if (n->rejected)
    printf (" (%" G_GINT64_FORMAT " rejected: skipped while unchanged)", n->rejected);
  printf ("\nRuns:       %" G_GINT64_FORMAT, n->runs);
  if (n->unfinished)
    printf (" (%" G_GINT64_FORMAT " unfinished: killed, or still running)", n->unfinished);
  printf ("\n");

  if (id)
    {
      printf ("\nDocument %s: ", id);
      if (one == NULL)
        printf ("not in the state (the next run processes it)\n");
      else
        {
          g_autofree char *why = rejection (one, "; ");
          printf ("hash %016" G_GINT64_MODIFIER "x, last processed by run %" G_GINT64_FORMAT
                  " at %s, first by run %" G_GINT64_FORMAT " at %s, %" G_GINT64_FORMAT
                  " time%s%s\n", one->hash, one->run, one->processed, one->first_run,
                  one->first_processed, one->times, one->times == 1 ? "" : "s", why);
        }
      return;
    }

  if (runs && runs->len && !rejected_only)
    {
      printf ("\nRuns, newest first:\n");
      printf ("  %-5s %-20s %8s %7s %7s %9s %8s  %-16s %s\n", "RUN", "STARTED", "SECONDS",
              "READ", "DONE", "UNCHANGED", "REJECTED", "STATUS", "PIPELINE");
      for (guint i = 0; i < runs->len; i++)
        {
          const GalleyStateRun *run = g_ptr_array_index (runs, i);
          g_autofree char *status = run_status (run);
          g_autofree char *pipeline = run_pipeline (run);

          if (run->finished)
            printf ("  %-5" G_GINT64_FORMAT " %-20s %8.2f %7" G_GINT64_FORMAT " %7"
                    G_GINT64_FORMAT " %9" G_GINT64_FORMAT " %8" G_GINT64_FORMAT "  %-16s %s\n",
                    run->id, run->started, run->seconds, run->read, run->done,
                    run->unchanged, run->rejected, status, pipeline);
          else
            printf ("  %-5" G_GINT64_FORMAT " %-20s %8s %7s %7s %9s %8s  %-16s %s (pid %"
                    G_GINT64_FORMAT " on %s)\n", run->id, run->started, "-", "-", "-",
                    "-", "-", status, pipeline, run->pid,
                    run->host ? run->host : "?");
        }
    }
  if (docs && docs->len)
    {
      printf (rejected_only ? "\nDocuments rejected, newest first:\n"
                            : "\nDocuments processed last, newest first:\n");
      printf ("  %-5s %-20s %5s  %-16s  %s\n", "RUN", "PROCESSED", "TIMES", "HASH", "ID");
      for (guint i = 0; i < docs->len; i++)
        {
          const GalleyStateDocument *doc = g_ptr_array_index (docs, i);
          g_autofree char *why = rejection (doc, "  ");
          printf ("  %-5" G_GINT64_FORMAT " %-20s %5" G_GINT64_FORMAT "  %016"
                  G_GINT64_MODIFIER "x  %s%s\n", doc->run, doc->processed, doc->times,
                  doc->hash, doc->id, why);
        }
    }
}

static void
print_json (const char *path, const GalleyStateCounts *n, GPtrArray *runs,
            GPtrArray *docs, const char *id, const GalleyStateDocument *one)
{
  g_autoptr (GString) out = g_string_new ("{\"state\":");

  galley_json_append_string (out, path, -1);
  g_string_append_printf (out, ",\"format\":%" G_GINT64_FORMAT ",\"hash\":\"%s\",\"documents\":%" G_GINT64_FORMAT
                          ",\"rejected\":%" G_GINT64_FORMAT ",\"runs\":%" G_GINT64_FORMAT
                          ",\"unfinished_runs\":%" G_GINT64_FORMAT,
                          n->format, GALLEY_STATE_HASH, n->documents, n->rejected,
                          n->runs, n->unfinished);
  if (id)
    {
      g_string_append (out, ",\"document\":");
      if (one)
        append_document_json (out, one);
      else
        g_string_append (out, "null");
    }
  else
    {
      g_string_append (out, ",\"last_runs\":[");
      for (guint i = 0; runs && i < runs->len; i++)
        {
          if (i)
            g_string_append_c (out, ',');
          append_run_json (out, g_ptr_array_index (runs, i));
        }
      g_string_append (out, "],\"last_documents\":[");
      for (guint i = 0; docs && i < docs->len; i++)
        {
          if (i)
            g_string_append_c (out, ',');
          append_document_json (out, g_ptr_array_index (docs, i));
        }
      g_string_append (out, "]");
    }
  g_string_append (out, "}\n");
  fwrite (out->str, 1, out->len, stdout);
}

/* forget_older: `galley state --forget AGE FILE` */
static int
forget_older (const char *path, const char *age)
{
  g_autoptr (GalleyState) state = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = galley_state_forget_before (age);
  gint64 documents = 0, runs = 0;
  GalleyStateCounts left;

  if (before == NULL)
    return galley_fail (GALLEY_EXIT_USAGE, "--forget takes an age such as 90d or 12h, "
                        "not '%s'", age);
  state = galley_state_open (path, FALSE, &error);
  if (state == NULL
      || !galley_state_forget (state, before, &documents, &runs, &error)
      || !galley_state_count (state, &left, &error))
    {
      if (g_error_matches (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_FORMAT))
        return galley_fail (GALLEY_EXIT_USAGE, "%s", error->message);
      if (g_error_matches (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_BUSY))
        return galley_fail (GALLEY_EXIT_LOCKED, "%s", error->message);
      return galley_fail (GALLEY_EXIT_IO, "%s", error->message);
    }
  printf ("State file %s: forgot %" G_GINT64_FORMAT " document%s last processed before %s "
          "and %" G_GINT64_FORMAT " run%s; %" G_GINT64_FORMAT " document%s and %"
          G_GINT64_FORMAT " run%s remain.\n", path, documents, documents == 1 ? "" : "s",
          before, runs, runs == 1 ? "" : "s", left.documents, left.documents == 1 ? "" : "s",
          left.runs, left.runs == 1 ? "" : "s");
  return GALLEY_EXIT_OK;
}

int
galley_cmd_state (int argc, char **argv)
{
  StateOptions o = { .runs = 10, .documents = 10 };
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, "Print JSON", NULL },
    { "runs", 0, 0, G_OPTION_ARG_INT, &o.runs,
      "Show the last N runs (default 10; 0: all)", "N" },
    { "documents", 0, 0, G_OPTION_ARG_INT, &o.documents,
      "Show the N documents processed last (default 10; 0: all)", "N" },
    { "rejected", 0, 0, G_OPTION_ARG_NONE, &o.rejected,
      "List the documents held as rejected, with their errors", NULL },
    { "id", 0, 0, G_OPTION_ARG_STRING, &o.id,
      "Show what the state holds about the document ID", "ID" },
    { "reset", 0, 0, G_OPTION_ARG_NONE, &o.reset,
      "Move the file aside (FILE.reset-TIME), so that the next run starts a new "
      "state and processes every document again: the way out of a damaged file", NULL },
    { "forget", 0, 0, G_OPTION_ARG_STRING, &o.forget,
      "Forget the documents last processed more than AGE ago (90d, 12h), so that a "
      "state kept for years stops growing; one that comes again is processed again",
      "AGE" },
    { NULL }
  };
  g_autoptr (GalleyState) state = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GPtrArray) docs = NULL;
  g_autoptr (GalleyStateDocument) one = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *forget = NULL;
  GalleyStateCounts counts;

  if (!galley_parse_options ("state", "FILE",
                             "Shows what a state file holds: the documents done, by id "
                             "and content hash, and the runs that did them.",
                             entries, &argc, &argv))
    return GALLEY_EXIT_USAGE;
  id = g_steal_pointer (&o.id);
  forget = g_steal_pointer (&o.forget);
  if (argc != 2)
    return galley_fail (GALLEY_EXIT_USAGE, "galley state takes one state FILE "
                        "(try 'galley state --help')");
  if (o.runs < 0 || o.documents < 0)
    return galley_fail (GALLEY_EXIT_USAGE, "--runs and --documents take a count, 0 or more");
  if (o.reset && forget)
    return galley_fail (GALLEY_EXIT_USAGE, "--reset and --forget do not go together: "
                        "--reset moves the whole file aside");
  if (o.reset)
    {
      g_autofree char *moved = galley_state_reset (argv[1], &error);

      if (moved == NULL)
        return galley_fail (g_error_matches (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_BUSY)
                            ? GALLEY_EXIT_LOCKED : GALLEY_EXIT_IO, "%s", error->message);
      printf ("State file %s moved to %s; the next run starts a new state.\n",
              argv[1], moved);
      return GALLEY_EXIT_OK;
    }

  if (forget)
    return forget_older (argv[1], forget);

  state = galley_state_open (argv[1], FALSE, &error);
  if (state == NULL
      || !galley_state_count (state, &counts, &error))
    return galley_fail (g_error_matches (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_FORMAT)
                        ? GALLEY_EXIT_USAGE : GALLEY_EXIT_IO, "%s", error->message);
  if (id)
    {
      one = galley_state_lookup (state, id, &error);
      if (error)
        return galley_fail (GALLEY_EXIT_IO, "%s", error->message);
    }
  else
    {
      runs = galley_state_list_runs (state, o.runs, &error);
      if (runs)
        docs = galley_state_list_documents (state, o.documents, o.rejected, &error);
      if (error)
        return galley_fail (GALLEY_EXIT_IO, "%s", error->message);
    }
  if (o.json)
    print_json (argv[1], &counts, runs, docs, id, one);
  else
    print_text (argv[1], &counts, runs, docs, o.rejected, id, one);
  return GALLEY_EXIT_OK;
}
