/* run-monitor.h: what `galley run` reports while a run goes on: the
 * metrics file (--metrics) at each checkpoint (and at least every
 * METRICS_REFRESH seconds between them), a progress line in the log
 * every --progress-interval when there is no terminal, and the service
 * manager's notifications (service-notify.c: READY=1 when reading starts,
 * WATCHDOG=1 at half of WATCHDOG_USEC, STOPPING=1 on the way out). */
#pragma once

#include <glib.h>

#include "pipeline.h"
#include "runner.h"
#include "service-notify.h"

G_BEGIN_DECLS

typedef struct _GalleyRunMonitorImpl GalleyRunReport;

/* METRICS_REFRESH: seconds; a metrics file older than this, with the
 * run going on, would look stale to a collector scraping every 15-60 s. */
#define METRICS_REFRESH 30.0

/* galley_run_report_new: @metrics: a file, or NULL; @progress_interval:
 * seconds between two progress lines in the log, 0: none;
 * @metrics_refresh: the most seconds the metrics file goes unwritten,
 * checkpoint or none (> 0). */
GalleyRunReport *galley_run_report_new (GalleyPipeline *pipeline, const char *metrics,
                                        double progress_interval, double metrics_refresh);

/* galley_run_report_attach: sets the monitor and the stage-time array of
 * @options. */
void galley_run_report_attach (GalleyRunReport *report, GalleyRunOptions *options);

/* galley_run_report_finish: the metrics file's final version. */
void galley_run_report_finish (GalleyRunReport *report, const GalleyRunStats *stats,
                               int status);

void galley_run_report_free (GalleyRunReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyRunReport, galley_run_report_free)

G_END_DECLS
