/* metrics.h: a run's figures as Prometheus text (--metrics FILE).
 *
 * The node_exporter textfile collector's convention: one file per job,
 * NAME.prom in its directory, replaced atomically (a temporary file
 * renamed over it, through GalleyOutput) so that a scrape never reads a
 * half-written file. The figures are those of the current run: counters
 * start at 0 with each run (a restarted service resets them, which
 * Prometheus' rate() handles). */
#pragma once

#include <glib.h>

#include "pipeline.h"
#include "runner.h"

G_BEGIN_DECLS

/* galley_metrics_format: the exposition text of @stats for @pipeline,
 * with @stage_seconds (one per stage, or NULL), @finished and the exit
 * @status (when finished). Returns: (transfer full). */
char *galley_metrics_format (const GalleyPipeline *pipeline, const GalleyRunStats *stats,
                             const double *stage_seconds, gboolean finished,
                             int status) G_GNUC_WARN_UNUSED_RESULT;

/* galley_metrics_check_path: whether a metrics file can be written at
 * @path (its directory is there and takes a new file); the error names
 * the file. */
gboolean galley_metrics_check_path (const char *path, GError **error);

/* galley_metrics_write: galley_metrics_format() into @path, atomically.
 * Errors: GALLEY_STAGE_ERROR_IO naming the file. */
gboolean galley_metrics_write (const char *path, const GalleyPipeline *pipeline,
                               const GalleyRunStats *stats, const double *stage_seconds,
                               gboolean finished, int status, GError **error);

/* galley_summary_json: the run's summary as one JSON object (one line,
 * no newline). Returns: (transfer full). */
char *galley_summary_json (const GalleyRunStats *stats, int status) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
