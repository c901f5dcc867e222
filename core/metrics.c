/* metrics.c: see metrics.h. */
#include "config.h"

#include <string.h>

#include "metrics.h"

/* A metric: its name, help text and the figure it shows. */
typedef struct {
  const char *name;
  const char *type;
  const char *help;
  gsize offset;   /* of a guint64 in GalleyRunStats */
} Counter;

static const Counter counters[] = {
  { "galley_documents_read_total", "counter", "Documents the source produced.",
    G_STRUCT_OFFSET (GalleyRunStats, read) },
  { "galley_documents_done_total", "counter", "Documents that went through every stage.",
    G_STRUCT_OFFSET (GalleyRunStats, done) },
  { "galley_documents_rejected_total", "counter", "Documents or input items rejected.",
    G_STRUCT_OFFSET (GalleyRunStats, rejected) },
  { "galley_documents_dropped_total", "counter", "Documents a filter dropped on purpose.",
    G_STRUCT_OFFSET (GalleyRunStats, dropped) },
  { "galley_documents_unchanged_total", "counter",
    "Documents skipped because the state holds them unchanged.",
    G_STRUCT_OFFSET (GalleyRunStats, unchanged) },
  { "galley_bytes_read_total", "counter", "Bytes of text the source produced.",
    G_STRUCT_OFFSET (GalleyRunStats, bytes) },
  { "galley_checkpoints_total", "counter", "Checkpoints committed.",
    G_STRUCT_OFFSET (GalleyRunStats, checkpoints) },
};

static void
append_label (GString *out, const char *value)
{
  /* the exposition format escapes \, " and newline in label values */
  for (const char *p = value; *p; p++)
    {
      if (*p == '\\' || *p == '"')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
}

static void
header (GString *out, const char *name, const char *type, const char *help)
{
  g_string_append_printf (out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

char *
galley_metrics_format (const GalleyPipeline *pipeline, const GalleyRunStats *stats,
                       const double *stage_seconds, gboolean finished, int status)
{
  GString *out = g_string_new (NULL);
  GString *label = g_string_new ("pipeline=\"");
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  append_label (label, pipeline->spec->origin);
  g_string_append_c (label, '"');
  for (guint i = 0; i < G_N_ELEMENTS (counters); i++)
    {
      const Counter *c = &counters[i];
      header (out, c->name, c->type, c->help);
      g_string_append_printf (out, "%s{%s} %" G_GUINT64_FORMAT "\n", c->name, label->str,
                              G_STRUCT_MEMBER (guint64, stats, c->offset));
    }
  header (out, "galley_run_seconds", "gauge", "Time since the run started.");
  g_string_append_printf (out, "galley_run_seconds{%s} %s\n", label->str,
                          g_ascii_formatd (number, sizeof number, "%.3f", stats->seconds));
  if (stage_seconds)
    {
      header (out, "galley_stage_seconds_total", "counter",
              "Time spent in each stage, summed over the threads (the source: its reads).");
      for (guint i = 0; i < pipeline->stages->len; i++)
        {
          const GalleyPipelineStage *s = g_ptr_array_index (pipeline->stages, i);
          g_string_append_printf (out, "galley_stage_seconds_total{%s,stage=\"", label->str);
          append_label (out, s->name);
          g_string_append_printf (out, "\",plugin=\"%s\"} %s\n", s->klass->name,
                                  g_ascii_formatd (number, sizeof number, "%.6f",
                                                   stage_seconds[i]));
        }
    }
  header (out, "galley_run_finished", "gauge", "1 once the run has ended, else 0.");
  g_string_append_printf (out, "galley_run_finished{%s} %d\n", label->str, finished ? 1 : 0);
  if (finished)
    {
      header (out, "galley_exit_status", "gauge", "The run's exit status (galley(1)).");
      g_string_append_printf (out, "galley_exit_status{%s} %d\n", label->str, status);
    }
  g_string_free (label, TRUE);
  return g_string_free (out, FALSE);
}

gboolean
galley_metrics_write (const char *path, const GalleyPipeline *pipeline,
                      const GalleyRunStats *stats, const double *stage_seconds,
                      gboolean finished, int status, GError **error)
{
  g_autofree char *text = galley_metrics_format (pipeline, stats, stage_seconds,
                                                 finished, status);
  g_autoptr (GalleyOutput) out = galley_output_open (path, GALLEY_OUTPUT_REPLACE, error);

  return out != NULL
         && galley_output_write (out, text, strlen (text), error)
         && galley_output_commit (out, error);
}

gboolean
galley_metrics_check_path (const char *path, GError **error)
{
  /* an output opened and given up: its temporary file, made beside the
   * target and removed, proves the directory takes the file */
  g_autoptr (GalleyOutput) out = galley_output_open (path, GALLEY_OUTPUT_REPLACE, error);

  return out != NULL;
}

char *
galley_summary_json (const GalleyRunStats *s, int status)
{
  char seconds[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("{\"status\":%d,\"read\":%" G_GUINT64_FORMAT
                          ",\"done\":%" G_GUINT64_FORMAT ",\"rejected\":%" G_GUINT64_FORMAT
                          ",\"dropped\":%" G_GUINT64_FORMAT ",\"unchanged\":%" G_GUINT64_FORMAT
                          ",\"utf8_repaired\":%" G_GUINT64_FORMAT ",\"bytes\":%" G_GUINT64_FORMAT
                          ",\"checkpoints\":%" G_GUINT64_FORMAT ",\"seconds\":%s"
                          ",\"interrupted\":%s,\"timed_out\":%s,\"abandoned\":%s"
                          ",\"aborted\":%s,\"failed\":%s,\"committed\":%" G_GUINT64_FORMAT "}",
                          status, s->read, s->done, s->rejected, s->dropped, s->unchanged,
                          s->utf8_repaired, s->bytes, s->checkpoints,
                          g_ascii_formatd (seconds, sizeof seconds, "%.3f", s->seconds),
                          s->interrupted ? "true" : "false", s->timed_out ? "true" : "false",
                          s->abandoned ? "true" : "false", s->aborted ? "true" : "false",
                          s->failed ? "true" : "false", s->committed);
}
