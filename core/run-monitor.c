/* run-monitor.c: see run-monitor.h. */
#include "config.h"

#include <stdlib.h>

#include "metrics.h"
#include "run-monitor.h"

struct _GalleyRunMonitorImpl {
  GalleyRunMonitor monitor;
  GalleyPipeline *pipeline;
  char *metrics;
  double *stage_seconds;
  gint64 progress_us;       /* 0: no progress lines */
  gint64 last_progress_us;
  gint64 watchdog_us;       /* half of WATCHDOG_USEC; 0: no watchdog */
  gint64 last_watchdog_us;
  gint64 metrics_refresh_us; /* the longest a metrics file goes unwritten */
  gint64 last_metrics_us;
  gboolean stalled;         /* pings held back for a step that hangs */
  gboolean stopping;        /* STOPPING=1 sent */
  gboolean metrics_warned;  /* a write of the metrics failed, said once */
};

/* watchdog_interval: half of WATCHDOG_USEC, as systemd asks. Read here,
 * not with sd_watchdog_enabled(): under supervision the child sends the
 * pings, and WATCHDOG_PID names its parent (NotifyAccess=all lets the
 * child's messages in). */
static gint64
watchdog_interval (void)
{
  const char *usec = g_getenv ("WATCHDOG_USEC");
  guint64 n;

  if (usec == NULL || !g_ascii_string_to_unsigned (usec, 10, 1, G_MAXINT64, &n, NULL))
    return 0;
  return (gint64) n / 2;
}

static void
write_metrics (GalleyRunReport *r, const GalleyRunStats *stats, gboolean finished,
               int status)
{
  g_autoptr (GError) error = NULL;

  r->last_metrics_us = g_get_monotonic_time ();
  /* said once: a service checkpoints every 30 s */
  if (r->metrics
      && !galley_metrics_write (r->metrics, r->pipeline, stats, r->stage_seconds,
                                finished, status, &error)
      && !r->metrics_warned)
    {
      g_warning ("--metrics: %s%s", error->message,
                 finished ? "" : " (said once; tried again at each checkpoint)");
      r->metrics_warned = TRUE;
    }
}

static void
on_ready (gpointer data)
{
  (void) data;
  galley_service_notify ("READY=1");
}

static void
on_checkpoint (gpointer data, const GalleyRunStats *stats)
{
  write_metrics (data, stats, FALSE, 0);
}

static void
notify_stopping (GalleyRunReport *r)
{
  if (!r->stopping)
    galley_service_notify ("STOPPING=1");
  r->stopping = TRUE;
}

static void
on_tick (gpointer data, const GalleyRunStats *s)
{
  GalleyRunReport *r = data;
  gint64 now = g_get_monotonic_time ();

  /* a stop signal: the service manager learns that the end is wanted */
  if (s->interrupted)
    notify_stopping (r);
  /* With workers the ticks come from the thread that waits for them, so
   * they would go on while a worker hangs: a document in a worker's
   * hands for half of WATCHDOG_USEC holds the pings back, as one thread
   * stuck on it would, and the service manager restarts the run. */
  if (r->watchdog_us && s->stalled_seconds * G_USEC_PER_SEC >= r->watchdog_us)
    {
      if (!r->stalled)
        {
          g_autofree char *where = galley_pipeline_spec_where (r->pipeline->spec,
                                                               s->stalled_stage);
          g_warning ("%s has been on one document for %.0f s: no more watchdog "
                     "pings, so that the service manager restarts the run",
                     where, s->stalled_seconds);
        }
      r->stalled = TRUE;
    }
  else
    {
      r->stalled = FALSE;
      if (r->watchdog_us && now - r->last_watchdog_us >= r->watchdog_us)
        {
          galley_service_notify ("WATCHDOG=1");
          r->last_watchdog_us = now;
        }
    }
  /* Between checkpoints too, and while a following source waits for
   * input (no checkpoint then: nothing to commit): the file's age and
   * galley_run_seconds say that the run is alive, which a collector's
   * staleness alert reads. Stage times stay those of the last
   * checkpoint, the only moment they can be summed. */
  if (r->metrics && now - r->last_metrics_us >= r->metrics_refresh_us)
    write_metrics (r, s, FALSE, 0);
  if (r->progress_us && now - r->last_progress_us >= r->progress_us)
    {
      r->last_progress_us = now;
      g_message ("progress: %" G_GUINT64_FORMAT " read, %" G_GUINT64_FORMAT " done, %"
                 G_GUINT64_FORMAT " rejected, %.1f MB in %.0f s",
                 s->read, s->done, s->rejected, s->bytes / 1e6, s->seconds);
    }
}

GalleyRunReport *
galley_run_report_new (GalleyPipeline *pipeline, const char *metrics,
                       double progress_interval, double metrics_refresh)
{
  GalleyRunReport *r = g_new0 (GalleyRunReport, 1);

  r->pipeline = pipeline;
  r->metrics = g_strdup (metrics);
  r->stage_seconds = g_new0 (double, pipeline->stages->len);
  r->progress_us = (gint64) (progress_interval * G_USEC_PER_SEC);
  r->watchdog_us = watchdog_interval ();
  r->metrics_refresh_us = (gint64) (metrics_refresh * G_USEC_PER_SEC);
  r->last_progress_us = r->last_watchdog_us = r->last_metrics_us = g_get_monotonic_time ();
  r->monitor = (GalleyRunMonitor) { r, on_ready, on_checkpoint, on_tick };
  return r;
}

void
galley_run_report_attach (GalleyRunReport *r, GalleyRunOptions *options)
{
  options->monitor = &r->monitor;
  options->watch_steps = r->watchdog_us > 0;
  if (r->metrics)
    options->stage_seconds = r->stage_seconds;
}

void
galley_run_report_finish (GalleyRunReport *r, const GalleyRunStats *stats, int status)
{
  notify_stopping (r);
  write_metrics (r, stats, TRUE, status);
}

void
galley_run_report_free (GalleyRunReport *r)
{
  if (r == NULL)
    return;
  g_free (r->metrics);
  g_free (r->stage_seconds);
  g_free (r);
}
