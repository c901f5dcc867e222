/* runner.c: runs a compiled pipeline; see runner.h for the shape.
 *
 * Threads (jobs > 1): one reader thread runs the source; `jobs` workers
 * run the filters that come before the first sink; the calling thread
 * puts documents back in input order and runs the rest (sinks, and any
 * filter after a sink) one document at a time. With jobs == 1 the same
 * steps run in one loop on the calling thread, with no queues at all.
 *
 * Bounded memory: documents move in batches (see "Threaded mode"); the
 * reader takes a slot from a window of WINDOW_PER_JOB * jobs batches
 * before it fills a batch, and the calling thread gives it back once the
 * batch is written. Every batch in flight therefore has a number in
 * [next_to_write, next_to_write + window), which is why the reorder buffer
 * can be a ring of `window` slots. A reader that finds the window full
 * waits until half of it is free (see take_slot).
 *
 * Two jobs on two cores (issue 16 asks for 1.8 times one job): the
 * default pipeline on 10,569 news articles to /dev/null, at the moments
 * when the rest of the shared machine used under 50 ms of CPU during the
 * run (from /proc/stat), took 0.242-0.247 s with one job, 0.243-0.254 s
 * for each of two one-job processes started together, and 0.161-0.162 s
 * with -j 2 (1.50-1.53 times; 0.151-0.154 s in a later set). The cores
 * are not the limit (two processes lose 0-4%); the threads are: -j 2 used
 * 0.285-0.298 s of CPU against 0.241-0.247 for the same work, though it
 * runs only 0.7% more instructions (callgrind: 1,770 M against 1,758 M;
 * the calling thread 264 M, the workers 750 and 688 M, the reader 69 M).
 * Where the extra CPU goes (cpu-clock samples of four quiet runs, against
 * -j 1): the kernel's wake-ups and scheduling 1.7% -> 5.3% of the samples
 * (a worker wakes the sleeping calling thread for each of the 330 batches
 * it finishes, and takes interrupts when the reader or the calling thread
 * is woken onto its core: 11.5 ms of the workers' time sampled at
 * irqentry_exit_to_user_mode and _raw_spin_unlock_irqrestore), malloc and
 * free 2.2% -> 4.8%, page faults and mprotect 0.8% -> 1.3% (glibc grows
 * each thread's arena 4-8 KB at a time: 1,761 mprotect calls, page faults
 * 2,211 -> 4,253), reading the layers another core wrote; the stages' own
 * code no more in shares of the samples (but more in samples: see the
 * later round below). Tried, and dropped for want of a gain: the calling
 * thread as the last worker (context switches 526-662 -> 176-258, CPU the
 * same, wall clock worse on a busy machine: three threads get a smaller
 * share than four), each batch freed by the worker that filtered it
 * (malloc's share and the CPU the same), 4, 6 or 16 batches per job in the
 * window (16: 0.151-0.154 s against 0.153-0.154 at quiet moments), the
 * entity tagger's scratch buffers kept by the thread that used them (only
 * 107-212 of 10,567 moved between threads anyway), batches of 128
 * documents instead of 32 (the news articles then make 83 batches, not
 * 330: the voluntary context switches of a run fell from 397-420 to
 * 118-167, and its CPU time went from 0.33-0.36 s to 0.36-0.38, three
 * alternating runs at load 3; so the wake-ups are not where the fifth
 * goes).
 *
 * A later round, on the news file five times over (57 MB, 1,651 batches;
 * `run -q -j N` of the default pipeline to /dev/null, perf stat): at a
 * quiet moment (the rest of the machine under 6% of a core), 7 runs each
 * in shuffled order, one job took 1.45-1.70 s (median 1.51, CPU 1.49) and
 * two 0.89-0.96 s (median 0.91, CPU 1.64-1.76, median 1.69): 1.65 times,
 * for 14% more CPU (a second set, 11 runs each: medians 1.55 and 0.91 s,
 * 1.69 times, 13% more CPU). Part of it is the machine, not the threads:
 * two one-job processes started together used 6% more CPU each than one
 * alone at load 3-4 (medians 1.57 and 1.48 s, six alternating pairs), 3%
 * at quiet moments (1.50 and 1.45 s). Counted in samples rather than in
 * shares, the stages' own code is where most of the extra goes: cpu-clock
 * samples of two quiet runs each, -j 1 against -j 2, the entity tagger
 * 3,583 -> 3,992 and 3,418 -> 4,041, sentiment 1,323 -> 1,435 and 1,184 ->
 * 1,412, the tokenizer 701 -> 767 and 662 -> 824 (8-24% more time for the
 * same instructions: 51-65% of the extra), libc +280 (14-18%), the kernel
 * +340-395 (17-26%). 83% of the workers' malloc samples sit on the arena
 * lock's cmpxchg and xchg, whose cache line the calling thread's frees
 * take away (it slept on that lock 274 times in a run, in
 * __lll_lock_wait_private). The rest of the gap is idle cores: in a 0.89 s
 * run at a quiet moment each worker waited 12-25 ms for work, in 14-27
 * waits, 70-90% of them while the reader waited for half the window with
 * 6-9 batches in flight (the window had filled behind a batch the
 * other worker still held, and the woken reader had yet to run); and the
 * 20-30 ms of start-up (plugins and models loaded) run on one core. Tried
 * in that round, and dropped:
 *   - waking the calling thread only when the batch it waits for (the next
 *     in input order) is ready, or only once two per job are ready in a
 *     row (a ring under one lock in place of the done queue): context
 *     switches 4,824 -> 4,280 and 2,822 (medians), futex calls 8,248 ->
 *     7,003 and 7,282, but CPU 1.62-1.83 s (median 1.76) and 1.69-1.91
 *     (1.74) against 1.64-1.76 (1.69), wall 0.85-1.01 and 0.91-1.01
 *     against 0.89-0.96 at the quiet moment above; under load (8 shuffled
 *     runs each) wall medians 3.61 and 4.59 s against 2.84, CPU 1.95 and
 *     2.08 against 1.80, the rest of the machine taking 1.47 and 1.55
 *     cores meanwhile against 1.36: the calling thread, woken less often,
 *     gets a smaller share;
 *   - the workers writing the batches themselves, in input order under a
 *     lock, as each finishes one, and freeing them (a sketch without
 *     checkpoints, to see whether the calling thread's reading the
 *     batches on another core and freeing them there is the cost): CPU
 *     1.62-1.72 s (median 1.69) against 1.62-1.69 (1.64), wall medians
 *     1.82 against 1.55 s, context switches 1,530 against 4,677 (8
 *     shuffled runs each, the rest using about one core): neither is, on
 *     its own;
 *   - the reader refilling the window once a quarter of it is free, not
 *     half: wall median 0.95 s against 0.93, CPU 1.77 against 1.75,
 *     context switches 5,527 against 4,800 (25 shuffled runs each at quiet
 *     moments);
 *   - GLIBC_TUNABLES (5 shuffled runs each, the rest using 0.7-1.1 cores):
 *     CPU medians 1.69 s as it is, 1.70 with glibc.malloc.arena_max=1,
 *     1.71 with arena_max=2, 1.67 with tcache_count=0, 1.69 with
 *     mmap_threshold=32 MiB. arena_max=1 takes the 1,854 mprotect calls of
 *     a run down to 30 (a thread's arena grows its heap a page at a time;
 *     top_pad applies to the main arena only: wrong, see the eighteenth
 *     round below) but adds 1,500 futex calls; so main() sets none of them;
 *   - batches of 16 or 8 documents (loaded: wall medians 2.06 and 1.87 s
 *     against 2.03, CPU the same), with 3.2 times the context switches on
 *     a million tiny documents (77,144 against 23,828).
 * perf c2c does not run in this VM (no memory events), so false sharing
 * between Run's fields was not measured.
 *
 * A thirteenth round counted the blocks that cross threads, allocated on
 * one and freed on another, with a counting malloc shim (LD_PRELOAD,
 * callers by backtrace; default pipeline, 10,569 news articles, -j 2,
 * four quiet runs of each build). Before it, per run: from the reader
 * to the calling thread 31,707 (each document's item, its
 * GalleyDocument and its text); from the workers to the calling thread
 * 10,109-11,311 (6,786-7,484 arena chunks and 1,851-2,355 span arrays
 * that the pool, 16 blocks a row, had no room for when the calling
 * thread freed a batch of 32 documents, and 1,472 feature columns too
 * large for the arena). Now the pool keeps 64 blocks a row
 * (galley-pool.c) and a batch holds its items (Batch): 21,138 and
 * 1,865-3,752 (393-2,280 chunks, no span array, the columns). Peak
 * memory 30.5-31.8 -> 26.5-26.9 MB (-j 1: 17.6-17.9 MB before and
 * after). Callgrind, -j 2, two runs each: 1,436.6 / 1,436.3 M ->
 * 1,434.5 / 1,431.2 M instructions (the figure moves a few M with the
 * threads' interleaving), glibc's _int_malloc and _int_free 15.1 / 15.0 M
 * -> 10.7 / 9.6 M, the pool's scans 3.5 M -> 8.0 / 6.2 M. CPU of -j 2 on
 * the news file five times over (perf stat, alternated with the build
 * before, medians of sets of 8-10 runs): 1.691 -> 1.669 s and 1.737 ->
 * 1.747 s under load, 1.668 -> 1.642 s at a quiet moment, where the
 * ratio went 1.66 -> 1.68 (wall medians 1.454 / 0.876 s before, 1.453 /
 * 0.863 after): within what the machine resolves. Where the time goes
 * in such a -j 2 run (per-thread CPU from /proc/PID/task, three runs of
 * each build): each worker 0.67-0.79 s, the calling thread 0.20-0.23 s
 * (its 20-30 ms of start-up included), the reader 0.07-0.08 s. Neither
 * the reader nor the sink is the limit, at a quarter of a core or less:
 * the limit is the CPU that -j 2 adds. With one job at 1.44 s of CPU,
 * 1.8 times asks for -j 2 to use at most 1.60 s with no core ever idle;
 * it uses 1.64-1.67. Tried in that round, and dropped:
 *   - the GalleyDocument block (with its first chunk) through the pool,
 *     a row of its own: the blocks the reader made and the calling
 *     thread freed went 10,569 -> about 3,600 a run, but -j 2's CPU medians
 *     were 1.538 s and 1.538 s (8 alternated runs each, the rest of the
 *     machine using about a core), and callgrind's -j 2 run 1,434.5 M ->
 *     1,438.6 M, the pool's scans 8.0 M -> 14.0 M (-j 1: 1,418.3 M ->
 *     1,417.1 M);
 *   - 32 slots a row in the pool instead of 64 (above; fewer blocks kept
 *     back, more crossing threads).
 * Left crossing threads: each document's block and its text (the
 * reader's), the feature columns that outgrow the arena.
 *
 * An eighteenth round, on a paravirtualised 2-vCPU machine (one job 0.95-
 * 1.0 s of CPU on the news file five times over, two jobs 1.28-1.53 s),
 * re-measured where -j 2's extra CPU goes (cpu-clock samples at 5 kHz,
 * load 4.5-5.2): the kernel 244-278 -> 458-616 samples (pvm_irq_enable,
 * where a paravirtualised kernel takes its pending interrupts, 128-139 ->
 * 260-424), libc 299-381 -> 531-776 (sysmalloc 0 -> 49-72), the stages'
 * own code the rest. Each thread's malloc arena grew a few pages at a
 * time, one mprotect() each (1,463-1,802 a run), which takes the memory
 * map for writing and flushes the other core's TLB: main() now sets
 * M_TOP_PAD (16 MiB; the figures are in main.c): 37 calls, sysmalloc 0-1
 * samples; CPU of -j 2 (medians of two sets of 10 alternated runs at load
 * 4-6) 1.540 -> 1.458 s and 1.571 -> 1.599 s: within the noise. Tried
 * and dropped (each within the noise
 * at load 4-7; figures in docs/performance.md): a worker or the calling
 * thread spinning 20-100 us on its queue before sleeping (context
 * switches no fewer); the reader freeing the written batches, so that
 * its blocks go back to its own arena (page faults +1,000, CPU no less);
 * batches of 64 or 128 documents (context switches 3,100-4,500 -> 2,100-
 * 2,400 and 880-1,440, CPU and the kernel's samples the same); signalling
 * the run's condition only when the reader waits on it (futex calls the
 * same). Seen and left: Run, on the calling thread's stack, keeps
 * `position` (the reader writes it for each document) in the cache line
 * of `stage_us` (the workers read it for each document).
 *
 * Checkpoints drain the pipeline: the reader sends a marker instead of
 * the next document and waits; the calling thread, when the marker comes
 * up in input order, has written every document before it and none
 * after, so it checkpoints the sinks, commits the rejects file and the
 * state, acknowledges the source (whose read is not running) and lets
 * the reader go on. The workers idle meanwhile. The cost was measured with read-files over
 * 20,000 small files into export-sqlite: see docs/service.md.
 */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "galley-chain-private.h"
#include "galley-output-private.h"
#include "output-roll.h"
#include "runner.h"
#include "tsan.h"

/* Batches in flight per job. With 4, two jobs on two cores left the
 * workers waiting for input 35-60 ms of a 230 ms run (the default
 * pipeline on 10,569 news articles): the window filled with finished
 * batches behind one that a worker still held, or that the calling thread,
 * sharing the cores with the workers, had not been scheduled to write yet.
 * With 8 they waited 1-13 ms, and with the reader's refill (take_slot)
 * two jobs took 0.204-0.223 s where they took 0.214-0.231 (medians of five
 * sets of 7 alternating runs, output to /dev/null, on a quiet moment of
 * the shared 2-core machine): 1.55-1.60 times one job, from 1.48-1.54.
 * At most 8 * jobs * BATCH_BYTES of text is in flight (4 MiB at -j 2). */
#define WINDOW_PER_JOB 8
#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 2)

/* The stop request itself is the SDK's flag (galley_run_is_stopping()),
 * set by the thread that waits for the stop signals (stop-signals.c) and
 * read by the reading thread here and by any stage that waits in a loop
 * of its own; one flag, so the two cannot disagree. */

/* The thread that runs the source, while it does: a stop request wakes it
 * from a blocking read with WAKE_SIGNAL, whose handler does nothing and
 * is installed without SA_RESTART, so that the read fails with EINTR and
 * the reading loop sees the request. */
#define WAKE_SIGNAL SIGUSR1
/* reading_lock keeps the signal thread from sending WAKE_SIGNAL to a
 * reading thread that has just cleared the flag and may be gone; it is a
 * pthread mutex, not a GMutex, because no signal handler takes it and
 * ThreadSanitizer sees it. */
static pthread_mutex_t reading_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t reading_thread;
static gboolean reading_thread_set;
/* Without the handler (a program that links the runner and never called
 * galley_runner_install_wake), WAKE_SIGNAL would end the process. */
static gboolean wake_installed;

static void
on_wake (int sig)
{
  (void) sig;
}

void
galley_runner_install_wake (void)
{
  struct sigaction sa;

  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_wake;
  sigemptyset (&sa.sa_mask);
  sa.sa_flags = 0;  /* no SA_RESTART */
  sigaction (WAKE_SIGNAL, &sa, NULL);
  pthread_mutex_lock (&reading_lock);
  wake_installed = TRUE;
  pthread_mutex_unlock (&reading_lock);
}

static void
wake_reading_thread (void)
{
  pthread_mutex_lock (&reading_lock);
  if (reading_thread_set && wake_installed)
    pthread_kill (reading_thread, WAKE_SIGNAL);
  pthread_mutex_unlock (&reading_lock);
}

static void
set_reading_thread (gboolean set)
{
  pthread_mutex_lock (&reading_lock);
  if (set)
    reading_thread = pthread_self ();
  reading_thread_set = set;
  pthread_mutex_unlock (&reading_lock);
}

void
galley_runner_request_stop (void)
{
  _galley_run_set_stopping (TRUE);
  wake_reading_thread ();
}

void
galley_runner_reset_stop (void)
{
  _galley_run_set_stopping (FALSE);
}

GalleyExitStatus
galley_exit_status_for_error (const GError *error)
{
  if (error == NULL)
    return GALLEY_EXIT_OK;
  if (error->domain == GALLEY_PLUGIN_ERROR)
    return GALLEY_EXIT_PLUGIN;
  if (error->domain == GALLEY_PIPELINE_ERROR)
    return GALLEY_EXIT_USAGE;
  if (error->domain == GALLEY_STAGE_ERROR
      && error->code != GALLEY_STAGE_ERROR_IO
      && error->code != GALLEY_STAGE_ERROR_TOO_LARGE)
    return GALLEY_EXIT_USAGE;
  return GALLEY_EXIT_IO;
}

typedef struct {
  guint64 seq;
  GalleyDocument *doc;   /* NULL for an input item the source rejected */
  GError *error;         /* set when rejected */
  const char *stage;     /* the stage that rejected it */
  gboolean by_filter;    /* ... a filter before the first sink */
  gboolean by_source;    /* ... the source, on a stub with an input hash */
  guint stage_index;     /* ... the stage at this index in the pipeline */
  gboolean end;          /* the reader's end marker */
  gboolean unstarted;    /* read, but the time limit came before a worker
                          * took it: not written, left to the next run */
  gboolean reported;     /* the supervisor already reported the rejection */
  gboolean checkpoint;   /* no document: the reader's checkpoint marker */
} Item;

/* StepSlot: when one worker's current step (a document's pass through
 * the filters) began, 0 when it is in none, and its stage; a cache line
 * each, as each worker writes its own twice a document. */
typedef struct {
  gint64 since_us;
  guint stage;
  char pad[64 - sizeof (gint64) - sizeof (guint)];
} StepSlot;

typedef struct {
  GalleyPipeline *pipeline;
  const GalleyRunOptions *opt;
  GalleyRunStats *stats;
  guint jobs;
  guint n_stages;
  guint first_serial;     /* index of the first sink */
  gpointer **instances;   /* [stage][worker]; one column unless per-worker */
  GalleyOutputRoll **rolls; /* [stage]: a sink whose output path has a
                             * strftime pattern, or NULL (output-roll.h) */
  gboolean rolls_outputs;   /* some sink has one: set before the threads */
  GalleyChainLink **links; /* [worker][stage]: the chain each worker runs
                            * (the stage-chain code the harness runs too) */
  GalleyOutput *rejects;  /* calling thread, as the rest of rejects_ */
  guint rejects_logged;   /* see REJECTS_LOGGED_MAX */
  gint64 rejects_window_us; /* monotonic start of the window they count in */
  guint64 rejects_pending; /* lines written since the last commit_rejects() */
  char *rejects_path;
  gint64 start_us;
  gint64 deadline_us;     /* 0: none */
  gint64 grace_us;        /* after the deadline, for the documents in flight */
  /* on-error=abort fired. Atomic: the calling thread sets it (reject)
   * while the workers read it between documents to stop early; a plain
   * gboolean there was a data race (ThreadSanitizer, two jobs). No lock is
   * needed: a worker that reads it late only runs filters on documents
   * emit() will then drop. */
  gint aborting;
  GError *fatal;          /* a read error that ended the input */
  gboolean left_unstarted; /* calling thread: the time limit left documents */

  /* threaded mode */
  GAsyncQueue *work;
  GAsyncQueue *done;
  GMutex lock;
  GCond cond;
  guint window;
  guint in_flight;
  gboolean refilling;     /* under lock: the reader waits for half the window */
  gint stop;              /* atomic: the calling thread wants the reader to stop */

  /* checkpoints (see GalleyRunOptions) */
  guint64 read_since;        /* reading thread: items since the last marker */
  gint64 last_checkpoint_us; /* reading thread: when the last marker went */
  guint64 markers_sent;      /* reading thread */
  guint64 markers_done;      /* under lock: markers the calling thread passed */
  gboolean *at_end;          /* [stage]: a sink that publishes only at the end */
  gboolean state_at_end;     /* ... so the state records at the end only */
  GError *commit_error;      /* a checkpoint that failed: the run stops */
  gboolean sink_interrupted; /* a sink's write failed after a stop request */
  /* atomic: the reading thread stopped for a stop request, for the time
   * limit; update_stats copies them into the stats, on the calling
   * thread, which the monitor reads at its ticks */
  gint read_interrupted;
  gint read_timed_out;
  gboolean inline_mode;      /* one thread: read_one may tick */
  gint64 last_tick_us;

  /* the time each thread spent in each stage: [row * n_stages + stage],
   * rows 0 .. jobs the watch slots, row jobs + 1 the source's reads */
  gint64 *stage_us;
  guint64 position, total;   /* GalleyStageClass.position, atomic */
  /* with GalleyRunOptions.watch_steps: the step each worker is in */
  StepSlot *steps;

  /* progress */
  gint64 last_progress_us;
  guint64 bytes_written;
  gboolean progress_shown;
} Run;

/* item_new: through malloc and a compound literal, not g_new0: glibc's
 * calloc skips its per-thread cache, so every item took _int_malloc's
 * slow path (185 instructions, against about 20). Callgrind, default
 * pipeline, one job, 10,569 real news articles: read_one 59.8 M ->
 * 57.9 M instructions, the run 1,430.4 M -> 1,428.2 M. */
static Item *
item_new (guint64 seq, GalleyDocument *doc)
{
  Item *it = g_new (Item, 1);

  *it = (Item) { .seq = seq, .doc = doc };
  return it;
}

/* item_clear: what @it holds, not @it (a batch holds its items). */
static void
item_clear (Item *it)
{
  galley_document_free (it->doc);
  g_clear_error (&it->error);
}

static void
item_free (Item *it)
{
  item_clear (it);
  g_free (it);
}

static gboolean
per_worker (const GalleyStageClass *k)
{
  return k->kind == GALLEY_STAGE_FILTER && !(k->flags & GALLEY_STAGE_THREAD_SAFE);
}

static GalleyPipelineStage *
stage_at (Run *r, guint i)
{
  return g_ptr_array_index (r->pipeline->stages, i);
}

/* make_links: each worker's view of the chain, for _galley_chain_run. */
static void
make_links (Run *r)
{
  r->links = g_new0 (GalleyChainLink *, r->jobs);
  for (guint w = 0; w < r->jobs; w++)
    {
      r->links[w] = g_new0 (GalleyChainLink, r->n_stages);
      for (guint i = 0; i < r->n_stages; i++)
        {
          GalleyPipelineStage *stage = stage_at (r, i);
          r->links[w][i] = (GalleyChainLink) { stage->name, stage->klass,
                                               r->instances[i][w] };
        }
    }
}

static gboolean
create_instances (Run *r, GError **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  r->instances = g_new0 (gpointer *, r->n_stages);
  r->rolls = g_new0 (GalleyOutputRoll *, r->n_stages);
  r->rolls_outputs = r->opt->rejects != NULL && strchr (r->opt->rejects, '%') != NULL;
  for (guint i = 0; i < r->n_stages; i++)
    {
      GalleyPipelineStage *stage = stage_at (r, i);
      guint copies = i < r->first_serial && per_worker (stage->klass) ? r->jobs : 1;
      g_autoptr (GError) local = NULL;

      /* before the create, which expands the patterns in the parameters */
      if (stage->klass->kind == GALLEY_STAGE_SINK)
        r->rolls[i] = galley_output_roll_new (stage->klass, stage->params, now);
      r->rolls_outputs = r->rolls_outputs || r->rolls[i] != NULL;
      r->instances[i] = g_new0 (gpointer, r->jobs);
      for (guint w = 0; w < copies; w++)
        {
          r->instances[i][w] = _galley_chain_create (stage->klass, stage->params,
                                                     now, &local);
          if (r->instances[i][w] == NULL)
            {
              g_autofree char *where = galley_pipeline_spec_where (r->pipeline->spec, i);
              g_set_error (error, local->domain, local->code, "%s %s", where,
                           local->message);
              return FALSE;
            }
        }
      for (guint w = copies; w < r->jobs; w++)
        r->instances[i][w] = r->instances[i][0];
    }
  make_links (r);
  return TRUE;
}

static void
free_instances (Run *r, gboolean discard)
{
  if (r->instances == NULL)
    return;
  for (guint i = 0; i < r->n_stages; i++)
    {
      GalleyPipelineStage *stage = stage_at (r, i);
      guint copies = i < r->first_serial && per_worker (stage->klass) ? r->jobs : 1;

      if (r->instances[i] == NULL)
        continue;  /* creation stopped at an earlier stage */
      for (guint w = 0; w < copies; w++)
        {
          gpointer inst = r->instances[i][w];
          if (inst == NULL)
            continue;
          if (discard && stage->klass->discard)
            stage->klass->discard (inst);
          stage->klass->free (inst);
        }
      g_free (r->instances[i]);
    }
  g_clear_pointer (&r->instances, g_free);
  for (guint i = 0; r->rolls && i < r->n_stages; i++)
    galley_output_roll_free (r->rolls[i]);
  g_clear_pointer (&r->rolls, g_free);
  if (r->links)
    for (guint w = 0; w < r->jobs; w++)
      g_free (r->links[w]);
  g_clear_pointer (&r->links, g_free);
}

/* step_begin, step_end: worker @slot's step, seen by find_stalled_step
 * (the sinks' thread, slot jobs, is the one that looks). */
static void
step_begin (Run *r, guint slot, guint stage)
{
  if (r->steps == NULL || slot >= r->jobs)
    return;
  __atomic_store_n (&r->steps[slot].stage, stage, __ATOMIC_RELAXED);
  __atomic_store_n (&r->steps[slot].since_us, g_get_monotonic_time (), __ATOMIC_RELAXED);
}

static void
step_end (Run *r, guint slot)
{
  if (r->steps && slot < r->jobs)
    __atomic_store_n (&r->steps[slot].since_us, 0, __ATOMIC_RELAXED);
}

/* WatchSlot: the chain's begin hook, for one thread's slot: the
 * supervisor's hook, and the time per stage when it is measured. */
typedef struct {
  Run *run;
  const GalleyRunWatch *watch;
  guint slot;
  guint stage;      /* the stage timed since @since_us */
  gint64 since_us;  /* 0: none yet */
} WatchSlot;

static void
time_stage (WatchSlot *ws, guint next)
{
  gint64 now = g_get_monotonic_time ();

  if (ws->since_us)
    ws->run->stage_us[ws->slot * ws->run->n_stages + ws->stage] += now - ws->since_us;
  ws->stage = next;
  ws->since_us = now;
}

static void
watch_begin (gpointer data, guint index, const GalleyDocument *doc)
{
  WatchSlot *ws = data;

  if (ws->run->steps && ws->slot < ws->run->jobs)
    __atomic_store_n (&ws->run->steps[ws->slot].stage, index, __ATOMIC_RELAXED);
  if (ws->run->stage_us)
    time_stage (ws, index);
  if (ws->watch)
    ws->watch->begin (ws->watch->data, ws->slot, index, doc);
}

/* run_chain: stages [@from, @to) on @it, with worker @worker's instances,
 * watched as thread @slot; records which stage rejected or dropped it. */
static void
run_chain (Run *r, Item *it, guint worker, guint slot, guint from, guint to)
{
  WatchSlot ws = { r, r->opt->watch, slot, 0, 0 };
  guint at = 0;

  step_begin (r, slot, from);
  switch (_galley_chain_run (r->links[worker], from, to, it->doc,
                             ws.watch || r->stage_us || r->steps ? watch_begin : NULL, &ws,
                             &at, &it->error))
    {
    case GALLEY_CHAIN_REJECTED:
      it->stage = stage_at (r, at)->name;
      it->stage_index = at;
      it->by_filter = at < r->first_serial;
      break;
    case GALLEY_CHAIN_DROPPED:
      it->stage = stage_at (r, at)->name;
      break;
    case GALLEY_CHAIN_DONE:
    default:
      break;
    }
  step_end (r, slot);
  if (r->stage_us)
    time_stage (&ws, 0);
  if (ws.watch)
    ws.watch->end (ws.watch->data, slot);
}

/* Runs the filters before the first sink on @it, on worker @worker. */
static void
run_filters (Run *r, Item *it, guint worker)
{
  run_chain (r, it, worker, worker, 1, r->first_serial);
}

/* write_reject: @it's line in the rejects file; FALSE when it cannot be
 * written (the run then stops). */
static gboolean
write_reject (Run *r, Item *it)
{
  g_autoptr (GString) line = g_string_new ("{");
  g_autoptr (GError) local = NULL;

  if (r->rejects == NULL)
    return TRUE;
  if (it->doc)
    {
      gsize len;
      const char *text = galley_document_get_text (it->doc, &len);
      const char *origin = galley_document_get_origin (it->doc);

      g_string_append (line, "\"id\":");
      galley_json_append_string (line, galley_document_get_id (it->doc), -1);
      g_string_append (line, ",\"text\":");
      galley_json_append_string (line, text, len);
      if (origin)
        {
          g_string_append (line, ",\"origin\":");
          galley_json_append_string (line, origin, -1);
        }
      g_string_append_c (line, ',');
    }
  g_string_append (line, "\"stage\":");
  galley_json_append_string (line, it->stage, -1);
  g_string_append (line, ",\"error\":");
  galley_json_append_string (line, it->error->message, -1);
  g_string_append (line, "}\n");
  if (!galley_output_write (r->rejects, line->str, line->len, &local))
    {
      /* The state would hold the document as rejected, and skip it, with
       * no line in the file that is there to keep every one: the run
       * stops as when a sink cannot write. */
      r->commit_error = g_error_new (local->domain, local->code, "rejects file %s",
                                     local->message);
      g_atomic_int_set (&r->stop, 1);
      if (!r->inline_mode)
        wake_reading_thread ();
      return FALSE;
    }
  r->rejects_pending++;
  return TRUE;
}

static gboolean open_rejects (Run *r, GError **error);

/* commit_rejects: makes the lines written to the rejects file durable,
 * before the state records their documents (and so skips them while they
 * do not change) and before the source is told its input is done: at
 * each checkpoint, and at the end. Committed at the end only, a run killed
 * after a checkpoint left its rejections in the temporary file, and the
 * next runs skipped those documents with no line kept for them. The file
 * is opened again for the rest of the run. No line since the last commit:
 * nothing to do. */
static gboolean
commit_rejects (Run *r, gboolean at_end, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (r->rejects == NULL || r->rejects_pending == 0)
    return TRUE;
  if (!galley_output_commit (r->rejects, &local))
    {
      g_set_error (error, local->domain, local->code, "rejects file %s", local->message);
      return FALSE;
    }
  g_clear_pointer (&r->rejects, galley_output_free);
  r->rejects_pending = 0;
  return at_end || open_rejects (r, error);
}

/* Rejections a run logs one by one; the rest are counted (the summary
 * line), written to --rejects, and said once. A corrupt input (a binary
 * file read as JSON Lines: 300 KB of random bytes made 1,179 "lines")
 * would otherwise send a message per line to the log or a cron mail. */
#define REJECTS_LOGGED_MAX 100

/* reject_quietly: whether @r has logged as many rejections as it may;
 * says so once, when it gets there. With GalleyRunOptions'
 * rejects_log_window_us (a following run, which never ends), as many
 * within a window: a cap for the run's whole life would leave a service
 * that hit it in its first week silent about whatever fails later. */
static gboolean
reject_quietly (Run *r)
{
  gint64 window = r->opt->rejects_log_window_us;

  if (window > 0)
    {
      gint64 now = g_get_monotonic_time ();

      if (r->rejects_window_us == 0)
        r->rejects_window_us = now;
      else if (now - r->rejects_window_us >= window)
        {
          if (r->rejects_logged > REJECTS_LOGGED_MAX)
            {
              g_autoptr (GDateTime) since = g_date_time_new_from_unix_local (
                (g_get_real_time () - (now - r->rejects_window_us)) / G_USEC_PER_SEC);
              g_autofree char *hms = g_date_time_format (since, "%H:%M:%S");

              g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                                "MESSAGE", "%u more rejections since %s were only counted%s%s",
                                r->rejects_logged - REJECTS_LOGGED_MAX, hms,
                                r->rejects ? " and written to " : "",
                                r->rejects ? r->opt->rejects : "");
            }
          r->rejects_logged = 0;
          r->rejects_window_us = now;
        }
    }
  if (r->rejects_logged < REJECTS_LOGGED_MAX)
    {
      r->rejects_logged++;
      return FALSE;
    }
  if (r->rejects_logged++ == REJECTS_LOGGED_MAX)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                      "MESSAGE", "%d rejections logged%s: the others are only counted%s%s",
                      REJECTS_LOGGED_MAX, window > 0 ? " in this window" : "",
                      r->rejects ? " and written to " : " (--rejects=FILE keeps every one)",
                      r->rejects ? r->opt->rejects : "");
  return TRUE;
}

static void
reject (Run *r, Item *it)
{
  const char *id = it->doc ? galley_document_get_id (it->doc) : "";

  r->stats->rejected++;
  if (it->reported)
    ;  /* the supervisor said it, once */
  else if (reject_quietly (r))
    ;
  else if (it->doc && *id != '\0')
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                      "GALLEY_STAGE", it->stage, "GALLEY_DOCUMENT", id,
                      "MESSAGE", "document '%s' rejected by [%s]: %s",
                      id, it->stage, it->error->message);
  else  /* no document, or a source's stub without an id: the error
         * names the file and line or item */
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                      "GALLEY_STAGE", it->stage,
                      "MESSAGE", "input rejected by [%s]: %s", it->stage,
                      it->error->message);
  if (!write_reject (r, it))
    return;
  /* No sink has it: the state may hold it as rejected, to skip it while
   * it does not change. */
  if (it->doc && (it->by_filter || it->by_source)
      && r->opt->state && r->opt->state->rejected)
    r->opt->state->rejected (r->opt->state->data, it->doc, it->stage, it->error);
  if (r->opt->on_error == GALLEY_ON_ERROR_ABORT && !g_atomic_int_get (&r->aborting))
    {
      g_atomic_int_set (&r->aborting, TRUE);
      r->stats->aborted = TRUE;
      g_atomic_int_set (&r->stop, 1);
    }
}

/* show_eta: with a source that knows its input's size (position), how
 * far the run is through it and the time left at the pace so far. */
static void
show_eta (Run *r, double secs, gboolean final)
{
  guint64 position = __atomic_load_n (&r->position, __ATOMIC_RELAXED);
  guint64 total = __atomic_load_n (&r->total, __ATOMIC_RELAXED);

  if (total == 0 || position == 0 || final)
    return;
  position = MIN (position, total);
  fprintf (stderr, ", %.0f%% of %.1f MB, ETA %.0f s", 100.0 * position / total,
           total / 1e6, secs * (total - position) / position);
}

static void
show_progress (Run *r, gboolean final)
{
  gint64 now;
  double secs;

  if (!r->opt->progress)
    return;
  now = g_get_monotonic_time ();
  if (!final && now - r->last_progress_us < PROGRESS_INTERVAL_US)
    return;
  r->last_progress_us = now;
  secs = (now - r->start_us) / (double) G_USEC_PER_SEC;
  fprintf (stderr, "\r\033[K%" G_GUINT64_FORMAT " done, %" G_GUINT64_FORMAT
           " rejected, %.1f MB, %.1f MB/s",
           r->stats->done, r->stats->rejected, r->bytes_written / 1e6,
           secs > 0 ? r->bytes_written / 1e6 / secs : 0.0);
  show_eta (r, secs, final);
  if (final)
    fputc ('\n', stderr);
  fflush (stderr);
  r->progress_shown = TRUE;
}

static gboolean
is_dropped (const Item *it)
{
  return it->doc != NULL && galley_document_get_drop_reason (it->doc) != NULL;
}

/* drop: a filter took @it out on purpose. Not an error: an info line, a
 * count, and the state records it as done (so that it is skipped while
 * it does not change, like any document done). */
static void
drop (Run *r, Item *it)
{
  const char *id = galley_document_get_id (it->doc);

  r->stats->dropped++;
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "GALLEY_STAGE", it->stage, "GALLEY_DOCUMENT", id,
                    "MESSAGE", "document '%s' dropped by [%s]: %s", id, it->stage,
                    galley_document_get_drop_reason (it->doc));
  if (r->opt->state && r->opt->state->done)
    r->opt->state->done (r->opt->state->data, it->doc);
}

/* sink_failed: whether @it's rejection is its sink's own failure: a
 * sink whose write fails with GALLEY_STAGE_ERROR_IO (a full disk, a
 * server gone for longer than its retries) cannot write the next
 * document either. Taken as a rejection of each document, such a run
 * logged every document in turn as rejected, and a sink that retries
 * each write (export-redis-stream, retry-for=60) took a minute a
 * document. The run stops instead, as when a commit fails: exit 4,
 * nothing after the last checkpoint committed, every document after it
 * left to the next run. */
static gboolean
sink_failed (Run *r, Item *it)
{
  GalleyPipelineStage *stage;

  if (it->by_filter || it->by_source || it->doc == NULL
      || !g_error_matches (it->error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO))
    return FALSE;
  stage = stage_at (r, it->stage_index);
  if (stage->klass->kind != GALLEY_STAGE_SINK)
    return FALSE;
  {
    g_autofree char *where = galley_pipeline_spec_where (r->pipeline->spec, it->stage_index);

    r->commit_error = g_error_new (it->error->domain, it->error->code, "%s write failed: %s",
                                   where, it->error->message);
  }
  /* a sink waiting for its server that a stop request woke (see
   * export-redis-stream) failed because the run was interrupted */
  r->sink_interrupted = galley_run_is_stopping ();
  g_atomic_int_set (&r->stop, 1);
  if (!r->inline_mode)
    wake_reading_thread ();
  return TRUE;
}

/* emit: the serial part, in input order, on the calling thread. */
static void
emit (Run *r, Item *it)
{
  if (it->unstarted)
    {
      r->left_unstarted = TRUE;
      return;
    }
  if (r->commit_error)
    {
      /* a sink or a checkpoint failed: nothing more is written */
      if (r->opt->watch)
        r->opt->watch->end (r->opt->watch->data, r->jobs);
      return;
    }
  if (it->error == NULL && !g_atomic_int_get (&r->aborting) && !is_dropped (it))
    run_chain (r, it, 0, r->jobs, r->first_serial, r->n_stages);
  else if (r->opt->watch)
    r->opt->watch->end (r->opt->watch->data, r->jobs);
  if (g_atomic_int_get (&r->aborting) && it->error == NULL)
    return;  /* dropped: an abort commits nothing partial */
  if (it->error && sink_failed (r, it))
    return;
  if (it->error)
    reject (r, it);
  else if (is_dropped (it))
    drop (r, it);
  else
    {
      gsize len;
      galley_document_get_text (it->doc, &len);
      r->stats->done++;
      r->bytes_written += len;
      if (r->opt->state && r->opt->state->done)
        r->opt->state->done (r->opt->state->data, it->doc);
    }
  if ((r->stats->done & 63) == 0)
    show_progress (r, FALSE);
}

static gboolean
should_stop_reading (Run *r)
{
  if (galley_run_is_stopping ())
    {
      g_atomic_int_set (&r->read_interrupted, TRUE);
      return TRUE;
    }
  if (g_atomic_int_get (&r->stop))
    return TRUE;
  if (r->deadline_us && g_get_monotonic_time () >= r->deadline_us)
    {
      g_atomic_int_set (&r->read_timed_out, TRUE);
      return TRUE;
    }
  return FALSE;
}

/* condemn: @it rejected at once if it crashed an earlier attempt of this
 * run (supervision), so that the restarted run goes past it. */
static Item *
condemn (Run *r, Item *it)
{
  const GalleyRunWatch *watch = r->opt->watch;
  const char *stage, *message;

  if (watch && watch->condemned
      && watch->condemned (watch->data, it->doc, &stage, &message))
    {
      it->stage = stage;
      it->by_filter = TRUE;
      it->reported = TRUE;
      it->error = g_error_new_literal (GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_FAILED, message);
    }
  return it;
}

/* source_read: one read of the source, timed when stage times are
 * measured, and where the source says it is in its input. */
static GalleyReadStatus
source_read (Run *r, GalleyDocument **doc, GError **error)
{
  GalleyPipelineStage *source = stage_at (r, 0);
  gint64 start = r->stage_us ? g_get_monotonic_time () : 0;
  GalleyReadStatus status = _galley_chain_read (&r->links[0][0], doc, error);
  guint64 position, total;

  if (r->stage_us)
    r->stage_us[(r->jobs + 1) * r->n_stages] += g_get_monotonic_time () - start;
  if (source->abi_minor >= 1 && source->klass->position
      && status != GALLEY_READ_IDLE
      && source->klass->position (r->instances[0][0], &position, &total))
    {
      __atomic_store_n (&r->position, position, __ATOMIC_RELAXED);
      __atomic_store_n (&r->total, total, __ATOMIC_RELAXED);
    }
  return status;
}

/* note_repaired: counts a document whose source repaired invalid UTF-8,
 * and keeps the first one's origin (else its id), so that the summary
 * says where to look, not only how many. */
static void
note_repaired (GalleyRunStats *stats, const GalleyDocument *doc)
{
  const char *origin = galley_document_get_origin (doc);

  if (stats->utf8_repaired++ == 0)
    g_strlcpy (stats->first_repaired, origin && *origin ? origin
               : galley_document_get_id (doc), sizeof stats->first_repaired);
}


/* read_item: the next item from the source, or NULL at the end (with
 * r->fatal set on a read error) and when a following source is idle
 * (*@idle set). Unchanged documents are skipped here. */
static Item *
read_item (Run *r, guint64 seq, gboolean *idle)
{
  GalleyPipelineStage *source = stage_at (r, 0);

  for (;;)
    {
      GalleyDocument *doc = NULL;
      GError *error = NULL;
      GalleyReadStatus status;
      Item *it;
      gsize len;

      if (should_stop_reading (r))
        return NULL;
      status = source_read (r, &doc, &error);
      switch (status)
        {
        case GALLEY_READ_OK:
          r->stats->read++;
          galley_document_get_text (doc, &len);
          r->stats->bytes += len;
          if (galley_document_get_repaired (doc) > 0)
            note_repaired (r->stats, doc);
          if (r->opt->state && r->opt->state->unchanged
              && r->opt->state->unchanged (r->opt->state->data, doc))
            {
              r->stats->unchanged++;
              galley_document_free (doc);
              continue;
            }
          return condemn (r, item_new (seq, doc));
        case GALLEY_READ_SKIP:
          /* An input item the reader refuses is read all the same, so
           * that the summary adds up: read = done + rejected + dropped +
           * unchanged. */
          r->stats->read++;
          /* An input item the state holds as rejected, with the same
           * fingerprint: skipped as an unchanged document is, so that
           * cron does not warn about it at every run. */
          if (doc && galley_document_get_input_hash (doc, NULL)
              && r->opt->state && r->opt->state->unchanged
              && r->opt->state->unchanged (r->opt->state->data, doc))
            {
              r->stats->unchanged++;
              galley_document_free (doc);
              g_clear_error (&error);
              continue;
            }
          it = item_new (seq, doc);
          it->stage = source->name;
          it->by_source = doc && galley_document_get_input_hash (doc, NULL);
          it->error = error;
          return it;
        case GALLEY_READ_ERROR:
          galley_document_free (doc);
          /* a read interrupted by a stop request or the time limit */
          if (should_stop_reading (r))
            {
              g_clear_error (&error);
              return NULL;
            }
          r->fatal = error;
          return NULL;
        case GALLEY_READ_IDLE:
          *idle = TRUE;
          return NULL;
        case GALLEY_READ_END:
        default:
          galley_document_free (doc);
          g_clear_error (&error);
          return NULL;
        }
    }
}

/* checkpoint_due: whether the reader sends a checkpoint marker now. */
static gboolean
checkpoint_due (Run *r)
{
  const GalleyRunOptions *o = r->opt;

  if (r->read_since == 0)
    return FALSE;
  if (o->checkpoint_documents && r->read_since >= o->checkpoint_documents)
    return TRUE;
  return o->checkpoint_seconds > 0
         && g_get_monotonic_time () - r->last_checkpoint_us
            >= (gint64) (o->checkpoint_seconds * G_USEC_PER_SEC);
}

/* IDLE_CHECKPOINT_GAP_US: with checkpoints by count only, the least
 * time between two checkpoints that a source waiting for input makes. */
#define IDLE_CHECKPOINT_GAP_US (3 * G_USEC_PER_SEC)

/* idle_checkpoint_due: whether a following source that has caught up
 * (it waits for input) checkpoints what it read since the last one,
 * before the interval is over: it does once a tenth of the interval has
 * passed (3 s by default; IDLE_CHECKPOINT_GAP_US with checkpoints by
 * count only), so the articles of a quiet feed are committed, and out
 * of a sink that buffers (export-jsonl's 256 KiB to standard output),
 * within seconds instead of at the end of the interval, or, by count,
 * when enough others come, which may be hours. Not at once: each
 * checkpoint costs an fsync of every output and of the state, and one
 * after each article of a trickle would pay them for every article. */
static gboolean
idle_checkpoint_due (Run *r)
{
  const GalleyRunOptions *o = r->opt;
  gint64 gap = o->checkpoint_seconds > 0
               ? (gint64) (o->checkpoint_seconds * G_USEC_PER_SEC / 10)
               : IDLE_CHECKPOINT_GAP_US;

  gint64 since = g_get_monotonic_time () - r->last_checkpoint_us;

  if (r->read_since > 0)
    return since >= gap;
  /* Nothing to commit: only a sink whose path has a date in it needs a
   * checkpoint, to move on to the next day's file while the feed is
   * quiet (roll_outputs), so that the day's first article goes there
   * and not into the file of the last one read. Once an interval. */
  return r->rolls_outputs && since >= gap * 10;
}

static void maybe_tick (Run *r);

/* checkpoint_marker: the reader's checkpoint marker, now. */
static Item *
checkpoint_marker (Run *r, guint64 seq)
{
  Item *it = item_new (seq, NULL);

  it->checkpoint = TRUE;
  r->read_since = 0;
  r->last_checkpoint_us = g_get_monotonic_time ();
  return it;
}

/* read_one: the next item, a checkpoint marker when one is due, or NULL
 * at the end. A following source's idle reads come back here, so that a
 * time checkpoint and a stop request are seen while it waits; with
 * @went_idle, such a read that has nothing to checkpoint returns NULL
 * too, setting *@went_idle. */
static Item *
read_one (Run *r, guint64 seq, gboolean *went_idle)
{
  for (;;)
    {
      gboolean idle = FALSE;
      Item *it;

      if (checkpoint_due (r))
        return checkpoint_marker (r, seq);
      it = read_item (r, seq, &idle);
      if (it != NULL)
        {
          r->read_since++;
          return it;
        }
      if (!idle)
        return NULL;
      if (idle_checkpoint_due (r))
        return checkpoint_marker (r, seq);
      if (went_idle)
        {
          *went_idle = TRUE;
          return NULL;
        }
      if (r->inline_mode)
        maybe_tick (r);
    }
}

static void run_checkpoint (Run *r);

static void
run_inline (Run *r)
{
  guint64 seq = 0;
  Item *it;

  r->inline_mode = TRUE;
  set_reading_thread (TRUE);
  while ((it = read_one (r, seq++, NULL)) != NULL)
    {
      if (it->checkpoint)
        run_checkpoint (r);
      else
        {
          if (it->error == NULL)
            run_filters (r, it, 0);
          emit (r, it);
        }
      item_free (it);
      maybe_tick (r);
    }
  set_reading_thread (FALSE);
}

/* Threaded mode
 *
 * Documents travel in batches of up to BATCH_DOCS documents or
 * BATCH_BYTES bytes of text: one queue hand-off and one thread wake-up per
 * batch instead of per document. Per-document hand-offs made two jobs
 * slower than one on read-jsonl -> export-jsonl (115 vs 190 MB/s, 32 MB
 * corpus), because each push woke a sleeping thread. */

#define BATCH_DOCS 32
#define BATCH_BYTES (256 * 1024)

typedef struct {
  guint64 seq;         /* batch number */
  guint n;
  gboolean end;        /* the reader's end marker: seq is the batch count */
  gboolean checkpoint; /* the reader's checkpoint marker (no items) */
  /* The items themselves, not pointers: an item that read_one() took
   * from malloc on the reader and that the calling thread freed crossed
   * threads, one of the four blocks a document did (with its document,
   * its text and, past the pool, its arena chunks). The reader copies it
   * here and frees its own block at once, which malloc's per-thread
   * cache hands back to its next item. */
  Item items[BATCH_DOCS];
} Batch;

static void
batch_free (Batch *b)
{
  for (guint i = 0; i < b->n; i++)
    item_clear (&b->items[i]);
  g_free (b);
}

/* The queue and lock operations of the threaded mode, with what they
 * order declared to ThreadSanitizer (see tsan.h): a batch pushed by one
 * thread is popped by another, which then reads what the first wrote. */
static void
queue_push (GAsyncQueue *q, Batch *b)
{
  galley_tsan_release (q);
  g_async_queue_push (q, b);
}

static Batch *
queue_pop (GAsyncQueue *q)
{
  Batch *b = g_async_queue_pop (q);

  galley_tsan_acquire (q);
  return b;
}

static Batch *
queue_timeout_pop (GAsyncQueue *q, guint64 timeout_us)
{
  Batch *b = g_async_queue_timeout_pop (q, timeout_us);

  if (b)
    galley_tsan_acquire (q);
  return b;
}

static void
lock_run (Run *r)
{
  g_mutex_lock (&r->lock);
  galley_tsan_acquire (&r->lock);
}

static void
unlock_run (Run *r)
{
  galley_tsan_release (&r->lock);
  g_mutex_unlock (&r->lock);
}

/* wait_run: waits on the run's condition, with its lock held; the wait
 * lets go of the lock and takes it again. */
static void
wait_run (Run *r)
{
  galley_tsan_release (&r->lock);
  g_cond_wait (&r->cond, &r->lock);
  galley_tsan_acquire (&r->lock);
}

/* take_slot: waits until the window has room for one more batch.
 *
 * A reader that found the window full waits until half of it is free,
 * then fills it again in one go: it is woken once per half window rather
 * than once per batch written. Each wake-up cost a context switch on
 * both sides and, with two jobs on two cores, took a core from a worker
 * or from the calling thread that had just written the batch (the reader
 * made 211-315 voluntary switches in a run of the default pipeline on
 * 10,569 news articles, 34 with this; the calling thread was preempted
 * 150-240 times, about 22). Half a window is still 4 batches per job
 * queued or in hand, so the workers do not run dry meanwhile. */
static void
take_slot (Run *r)
{
  lock_run (r);
  if (r->in_flight >= r->window)
    {
      r->refilling = TRUE;
      while (r->in_flight > r->window / 2 && !g_atomic_int_get (&r->stop))
        wait_run (r);
      r->refilling = FALSE;
    }
  r->in_flight++;
  unlock_run (r);
}

static void
give_slot (Run *r)
{
  lock_run (r);
  r->in_flight--;
  /* A refilling reader waits for half the window; the stop request needs
   * no wake-up of its own: the calling thread goes on writing until every
   * batch in flight is back, so the reader is woken at half at the latest. */
  if (!r->refilling || r->in_flight <= r->window / 2)
    g_cond_signal (&r->cond);
  unlock_run (r);
}

/* send_checkpoint: the documents read so far go on as they are (@b),
 * then a marker in a batch of its own; the reader then waits until the
 * calling thread has passed it (or the run stops). */
static void
send_checkpoint (Run *r, Batch *b, guint64 *batch_seq)
{
  Batch *mark = b;

  if (b->n > 0)
    {
      queue_push (r->first_serial > 1 ? r->work : r->done, b);
      take_slot (r);
      mark = g_new0 (Batch, 1);
      mark->seq = (*batch_seq)++;
    }
  mark->checkpoint = TRUE;
  queue_push (r->done, mark);
  r->markers_sent++;
  lock_run (r);
  while (r->markers_done < r->markers_sent && !g_atomic_int_get (&r->stop))
    wait_run (r);
  unlock_run (r);
}

static gpointer
reader_main (gpointer data)
{
  Run *r = data;
  guint64 seq = 0, batch_seq = 0;
  gboolean has_filters = r->first_serial > 1;
  gboolean went_idle;
  Batch *b = NULL, *end;
  gsize bytes = 0;

  set_reading_thread (TRUE);
  for (;;)
    {
      Item *it;

      if (b == NULL)
        {
          take_slot (r);
          b = g_new0 (Batch, 1);
          b->seq = batch_seq++;
          bytes = 0;
        }
      /* A following source that waits for input hands its partial batch
       * on at once: its documents would otherwise wait for 32 more, or
       * for the next checkpoint, before any filter or sink saw them
       * (export-redis-stream sends each as it is written). */
      went_idle = FALSE;
      it = read_one (r, seq, b->n > 0 ? &went_idle : NULL);
      if (it == NULL && went_idle)
        {
          queue_push (has_filters ? r->work : r->done, b);
          b = NULL;
          continue;
        }
      if (it == NULL)
        break;
      if (it->checkpoint)
        {
          item_free (it);
          send_checkpoint (r, b, &batch_seq);
          b = NULL;
          continue;
        }
      seq++;
      b->items[b->n++] = *it;
      g_free (it);
      it = &b->items[b->n - 1];
      if (it->doc)
        {
          gsize len;
          galley_document_get_text (it->doc, &len);
          bytes += len;
        }
      if (b->n == BATCH_DOCS || bytes >= BATCH_BYTES)
        {
          queue_push (has_filters ? r->work : r->done, b);
          b = NULL;
        }
    }
  set_reading_thread (FALSE);
  if (b->n > 0)
    queue_push (has_filters ? r->work : r->done, b);
  else
    {
      g_free (b);
      batch_seq--;
      give_slot (r);
    }

  end = g_new0 (Batch, 1);
  end->end = TRUE;
  end->seq = batch_seq;
  queue_push (r->done, end);
  for (guint w = 0; w < r->jobs; w++)
    {
      Batch *poison = g_new0 (Batch, 1);
      poison->end = TRUE;
      queue_push (r->work, poison);
    }
  return NULL;
}

typedef struct {
  Run *run;
  guint index;
} Worker;

static gpointer
worker_main (gpointer data)
{
  Worker *w = data;
  Run *r = w->run;

  for (;;)
    {
      Batch *b = queue_pop (r->work);

      if (b->end)
        {
          g_free (b);
          return NULL;
        }
      for (guint i = 0; i < b->n && !g_atomic_int_get (&r->aborting); i++)
        {
          Item *it = &b->items[i];

          /* past the time limit, only the document in hand is finished:
           * one worker may hold a window of them */
          if (r->deadline_us && g_get_monotonic_time () >= r->deadline_us)
            it->unstarted = TRUE;
          else if (it->error == NULL)
            run_filters (r, it, w->index);
        }
      queue_push (r->done, b);
    }
}

/* pop_done: the next batch the workers finished. With a time limit, it
 * wakes the reader at the deadline (it may be blocked in a read), then
 * waits at most the grace period for the documents in flight; NULL when
 * that passed too: they are abandoned. */
static Batch *
pop_done (Run *r)
{
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      Batch *b;

      if (r->deadline_us == 0)
        {
          /* woken every second, so that a watchdog is fed while a
           * following source waits for input */
          b = queue_timeout_pop (r->done, G_USEC_PER_SEC);
          if (b)
            return b;
          maybe_tick (r);
          continue;
        }
      if (now < r->deadline_us)
        {
          b = queue_timeout_pop (r->done, r->deadline_us - now);
          if (b == NULL)
            wake_reading_thread ();
        }
      else if (now < r->deadline_us + r->grace_us)
        b = queue_timeout_pop (r->done, r->deadline_us + r->grace_us - now);
      else
        return NULL;
      if (b)
        return b;
    }
}

static void
run_threaded (Run *r)
{
  GThread *reader;
  GThread **workers = g_new0 (GThread *, r->jobs);
  Worker *wdata = g_new0 (Worker, r->jobs);
  Batch **ring;
  guint64 next = 0, total = G_MAXUINT64;

  r->window = WINDOW_PER_JOB * r->jobs;
  ring = g_new0 (Batch *, r->window);
  r->work = g_async_queue_new ();
  r->done = g_async_queue_new ();
  g_mutex_init (&r->lock);
  g_cond_init (&r->cond);

  for (guint w = 0; w < r->jobs; w++)
    {
      wdata[w].run = r;
      wdata[w].index = w;
      workers[w] = g_thread_new ("galley-worker", worker_main, &wdata[w]);
    }
  reader = g_thread_new ("galley-reader", reader_main, r);

  while (next != total)
    {
      Batch *b = pop_done (r);

      if (b == NULL)
        {
          /* Past the time limit and its grace period, a stage is still
           * busy: give up the documents in flight, and the threads with
           * them. They cannot be stopped from outside, and they may use
           * any of this run's data, so none of it is freed; the caller
           * commits what was written and ends the process. */
          r->stats->timed_out = TRUE;
          r->stats->abandoned = TRUE;
          g_atomic_int_set (&r->stop, 1);
          /* let go of the threads without joining them (detached): the
           * process ends while they run */
          g_thread_unref (reader);
          for (guint w = 0; w < r->jobs; w++)
            g_thread_unref (workers[w]);
          g_free (workers);
          /* wdata stays: each abandoned worker still reads its own */
          return;
        }
      if (b->end)
        {
          total = b->seq;
          g_free (b);
          continue;
        }
      ring[b->seq % r->window] = b;
      while (next != total && ring[next % r->window] != NULL)
        {
          Batch *ready = ring[next % r->window];
          ring[next % r->window] = NULL;
          next++;
          for (guint i = 0; i < ready->n; i++)
            emit (r, &ready->items[i]);
          if (ready->checkpoint)
            {
              run_checkpoint (r);
              lock_run (r);
              r->markers_done++;
              g_cond_signal (&r->cond);
              unlock_run (r);
            }
          batch_free (ready);
          give_slot (r);
        }
      maybe_tick (r);
    }

  g_thread_join (reader);
  for (guint w = 0; w < r->jobs; w++)
    g_thread_join (workers[w]);
  /* The reader says so when the limit stops it, but an input that fits in
   * the window is read to its end before the limit; the documents that no
   * worker had started by then say it too. Set here, once the reader is
   * joined: it writes the same flag. */
  if (r->left_unstarted)
    r->stats->timed_out = TRUE;
  g_free (workers);
  g_free (wdata);
  g_free (ring);
  g_async_queue_unref (r->work);
  g_async_queue_unref (r->done);
  g_mutex_clear (&r->lock);
  g_cond_clear (&r->cond);
}

static gboolean
commit_all (Run *r, GError **error)
{
  for (guint i = 1; i < r->n_stages; i++)
    {
      GalleyPipelineStage *stage = stage_at (r, i);
      g_autoptr (GError) local = NULL;

      if (stage->klass->commit == NULL)
        continue;
      if (!stage->klass->commit (r->instances[i][0], &local))
        {
          g_autofree char *where = galley_pipeline_spec_where (r->pipeline->spec, i);
          g_set_error (error, local->domain, local->code, "%s commit failed: %s",
                       where, local->message);
          return FALSE;
        }
    }
  if (!commit_rejects (r, TRUE, error))
    return FALSE;
  if (r->opt->state && r->opt->state->commit
      && !r->opt->state->commit (r->opt->state->data, error))
    return FALSE;
  return TRUE;
}

/* acknowledge_source: tells the source that what it produced is durable
 * (GalleyStageClass.acknowledge, read from plugins of ABI 1.1 or later). */
static gboolean
acknowledge_source (Run *r, GError **error)
{
  GalleyPipelineStage *source = stage_at (r, 0);
  g_autoptr (GError) local = NULL;

  if (source->abi_minor < 1 || source->klass->acknowledge == NULL)
    return TRUE;
  if (source->klass->acknowledge (r->instances[0][0], &local))
    return TRUE;
  if (local == NULL)
    g_set_error (&local, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_FAILED,
                 "acknowledge failed (no reason given)");
  {
    g_autofree char *where = galley_pipeline_spec_where (r->pipeline->spec, 0);
    g_set_error (error, local->domain, local->code, "%s acknowledge failed: %s",
                 where, local->message);
  }
  return FALSE;
}

/* checkpoint_sinks: every sink makes durable what it wrote so far. A
 * sink that publishes only at the end (a replace-mode file, or a plugin
 * older than ABI 1.1 that has a commit) is asked once: from then on the
 * state and the source wait for the end of the run. */
static gboolean
checkpoint_sinks (Run *r, GError **error)
{
  for (guint i = r->first_serial; i < r->n_stages; i++)
    {
      GalleyPipelineStage *stage = stage_at (r, i);
      const GalleyStageClass *k = stage->klass;
      GalleyCheckpointStatus status = GALLEY_CHECKPOINT_DONE;
      g_autoptr (GError) local = NULL;

      if (k->kind != GALLEY_STAGE_SINK || r->at_end[i])
        continue;
      if (stage->abi_minor >= 1 && k->checkpoint)
        status = k->checkpoint (r->instances[i][0], &local);
      else if (k->commit)
        status = GALLEY_CHECKPOINT_AT_END;
      if (status == GALLEY_CHECKPOINT_AT_END)
        {
          g_autofree char *where = galley_pipeline_spec_where (r->pipeline->spec, i);

          r->at_end[i] = TRUE;
          /* a file in mode=replace is refused before a following run;
           * a plugin's sink may still say so only now */
          if (!r->state_at_end && r->opt->follow)
            g_warning ("%s publishes its output only at the end of the run, which a "
                       "following run reaches only when it is stopped: until then no "
                       "document counts as done", where);
          else if (!r->state_at_end)
            g_message ("%s publishes its output only at the end of the run "
                       "(a file in mode=replace): checkpoints commit the other "
                       "sinks, and the documents count as done at the end only",
                       where);
          r->state_at_end = TRUE;
        }
      else if (status != GALLEY_CHECKPOINT_DONE)
        {
          g_autofree char *where = galley_pipeline_spec_where (r->pipeline->spec, i);

          if (local == NULL)
            g_set_error (&local, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_FAILED,
                         "no reason given");
          g_set_error (error, local->domain, local->code, "%s checkpoint failed: %s",
                       where, local->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* collect_stage_times: the per-thread times, summed into the caller's
 * array; only while no stage runs (at a checkpoint, or at the end). */
static void
collect_stage_times (Run *r)
{
  if (r->stage_us == NULL)
    return;
  for (guint i = 0; i < r->n_stages; i++)
    {
      gint64 us = 0;

      for (guint row = 0; row < r->jobs + 2; row++)
        us += r->stage_us[row * r->n_stages + i];
      r->opt->stage_seconds[i] = us / (double) G_USEC_PER_SEC;
    }
}

static void
update_stats (Run *r)
{
  if (g_atomic_int_get (&r->read_interrupted))
    r->stats->interrupted = TRUE;
  if (g_atomic_int_get (&r->read_timed_out))
    r->stats->timed_out = TRUE;
  r->stats->position = __atomic_load_n (&r->position, __ATOMIC_RELAXED);
  r->stats->total = __atomic_load_n (&r->total, __ATOMIC_RELAXED);
  r->stats->seconds = (g_get_monotonic_time () - r->start_us) / (double) G_USEC_PER_SEC;
}

/* roll_rejects: the rejects file, the same way as the sinks' outputs
 * (roll_outputs), once its lines so far are committed. */
static gboolean
roll_rejects (Run *r, gint64 now, GError **error)
{
  g_autofree char *path = NULL;

  if (r->rejects == NULL || r->rejects_pending > 0 || strchr (r->opt->rejects, '%') == NULL)
    return TRUE;
  path = galley_output_expand_path (r->opt->rejects, now);
  if (strcmp (path, r->rejects_path) == 0)
    return TRUE;
  g_clear_pointer (&r->rejects, galley_output_free);  /* nothing in it */
  g_free (r->rejects_path);
  r->rejects_path = g_steal_pointer (&path);
  g_info ("the rejects file goes on in %s", r->rejects_path);
  return open_rejects (r, error);
}

/* roll_outputs: each sink whose output path has a strftime pattern that
 * now expands to another path (the next day's file) goes on there with a
 * new instance (output-roll.h). At a checkpoint, once the sinks, the
 * rejects file and the state have committed: the old instance has
 * nothing left but its final commit, of nothing, before it is freed. The
 * new one is made first, so that a path that cannot be created (the
 * next day's directory missing) stops the run with the old one whole. */
static gboolean
roll_outputs (Run *r, GError **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = r->first_serial; r->rolls && i < r->n_stages; i++)
    {
      GalleyPipelineStage *stage = stage_at (r, i);
      const GalleyStageClass *k = stage->klass;
      g_autoptr (GalleyParams) params = NULL;
      g_autoptr (GError) local = NULL;
      g_autofree char *where = NULL, *paths = NULL;
      gpointer old = r->instances[i][0], next = NULL;

      if (r->rolls[i] == NULL || r->at_end[i])
        continue;
      params = galley_output_roll_params (r->rolls[i], stage->params, now, &local);
      if (params == NULL && local == NULL)
        continue;  /* the same paths */
      where = galley_pipeline_spec_where (r->pipeline->spec, i);
      if (params != NULL)
        next = _galley_chain_create (k, params, now, &local);
      if (next == NULL)
        {
          g_set_error (error, local->domain, local->code, "%s %s", where, local->message);
          return FALSE;
        }
      if (k->commit && !k->commit (old, &local))
        {
          k->free (next);
          g_set_error (error, local->domain, local->code, "%s commit failed: %s",
                       where, local->message);
          return FALSE;
        }
      k->free (old);
      for (guint w = 0; w < r->jobs; w++)
        {
          r->instances[i][w] = next;
          r->links[w][i].instance = next;
        }
      paths = galley_output_roll_describe (r->rolls[i]);
      g_info ("%s goes on in %s", where, paths);
    }
  return roll_rejects (r, now, error);
}

/* run_checkpoint: at the reader's marker, with every document before it
 * written and none after: sinks, the rejects file, the state, then the
 * source (the order of the end of a run). A failure stops the run; what
 * the earlier checkpoints committed stays. */
static void
run_checkpoint (Run *r)
{
  const GalleyRunState *state = r->opt->state;
  const GalleyRunMonitor *monitor = r->opt->monitor;
  g_autoptr (GError) error = NULL;

  if (g_atomic_int_get (&r->aborting) || r->commit_error)
    return;
  if (!checkpoint_sinks (r, &error))
    goto failed;
  if (state && state->checkpoint == NULL)
    r->state_at_end = TRUE;
  if (!r->state_at_end)
    {
      if (!commit_rejects (r, FALSE, &error))
        goto failed;
      if (state && !state->checkpoint (state->data, &error))
        goto failed;
      if (!acknowledge_source (r, &error))
        goto failed;
      r->stats->committed = r->stats->done;
    }
  if (!roll_outputs (r, &error))
    goto failed;
  r->stats->checkpoints++;
  collect_stage_times (r);
  update_stats (r);
  if (monitor && monitor->checkpoint)
    monitor->checkpoint (monitor->data, r->stats);
  return;

failed:
  r->commit_error = g_steal_pointer (&error);
  g_atomic_int_set (&r->stop, 1);
}

/* find_stalled_step: the worker's step that has gone on longest
 * (GalleyRunStats.stalled_seconds). Not the source's reads: a following
 * source waits in them, about a second at a time, by design. */
static void
find_stalled_step (Run *r, gint64 now)
{
  gint64 oldest = 0;
  guint stage = 0;

  if (r->steps == NULL)
    return;
  for (guint slot = 0; slot < r->jobs; slot++)
    {
      gint64 since = __atomic_load_n (&r->steps[slot].since_us, __ATOMIC_RELAXED);

      if (since != 0 && (oldest == 0 || since < oldest))
        {
          oldest = since;
          stage = __atomic_load_n (&r->steps[slot].stage, __ATOMIC_RELAXED);
        }
    }
  r->stats->stalled_seconds = oldest && now > oldest ? (now - oldest) / (double) G_USEC_PER_SEC : 0;
  r->stats->stalled_stage = stage;
}

/* maybe_tick: the monitor's tick, once a second at most. */
static void
maybe_tick (Run *r)
{
  const GalleyRunMonitor *monitor = r->opt->monitor;
  gint64 now;

  if (monitor == NULL || monitor->tick == NULL)
    return;
  now = g_get_monotonic_time ();
  if (now - r->last_tick_us < G_USEC_PER_SEC)
    return;
  r->last_tick_us = now;
  update_stats (r);
  find_stalled_step (r, now);
  monitor->tick (monitor->data, r->stats);
}

/* open_rejects: the rejects file, its name expanded at the first opening
 * (and again by roll_rejects), as the exporters' paths are. */
static gboolean
open_rejects (Run *r, GError **error)
{
  if (r->opt->rejects == NULL || *r->opt->rejects == '\0')
    return TRUE;
  if (r->rejects_path == NULL)
    r->rejects_path = galley_output_expand_path (r->opt->rejects, 0);
  _galley_output_make_dated_directories (r->opt->rejects, r->rejects_path);
  r->rejects = galley_output_open (r->rejects_path, GALLEY_OUTPUT_APPEND, error);
  return r->rejects != NULL;
}

gint64
galley_runner_grace_us (double timeout)
{
  return CLAMP ((gint64) (timeout * G_USEC_PER_SEC / 10), G_USEC_PER_SEC,
                60 * G_USEC_PER_SEC);
}

GalleyExitStatus
galley_runner_run (GalleyPipeline *pipeline, const GalleyRunOptions *options,
                   GalleyRunStats *stats, GError **error)
{
  /* On the heap, and kept when workers are abandoned at the time limit:
   * a stage that returns after this function has, goes on through the
   * chain and reads the run (its stage list, its watch and queues).
   * On this function's stack it was memory the caller had reused
   * (ThreadSanitizer saw a worker read it as the metrics were written). */
  Run *r = g_new0 (Run, 1);
  GalleyExitStatus status = GALLEY_EXIT_OK;
  gboolean committed = FALSE, keep_rejects = FALSE;
  g_autoptr (GError) create_error = NULL;

  memset (stats, 0, sizeof *stats);
  r->pipeline = pipeline;
  r->opt = options;
  r->stats = stats;
  r->jobs = options->jobs ? options->jobs : g_get_num_processors ();
  r->n_stages = pipeline->stages->len;
  r->first_serial = r->n_stages;
  for (guint i = 1; i < r->n_stages; i++)
    if (stage_at (r, i)->klass->kind == GALLEY_STAGE_SINK)
      {
        r->first_serial = i;
        break;
      }
  r->start_us = r->last_progress_us = g_get_monotonic_time ();
  r->last_checkpoint_us = r->last_tick_us = r->start_us;
  r->at_end = g_new0 (gboolean, r->n_stages);
  if (options->stage_seconds)
    r->stage_us = g_new0 (gint64, (r->jobs + 2) * r->n_stages);
  if (options->watch_steps)
    r->steps = g_new0 (StepSlot, r->jobs);
  if (options->timeout > 0)
    {
      r->deadline_us = r->start_us + (gint64) (options->timeout * G_USEC_PER_SEC);
      r->grace_us = galley_runner_grace_us (options->timeout);
    }

  if (!create_instances (r, &create_error))
    {
      /* The exit status depends on the error, which @error may not take. */
      status = galley_exit_status_for_error (create_error);
      g_propagate_error (error, g_steal_pointer (&create_error));
      free_instances (r, TRUE);
      g_free (r->at_end);
      g_free (r->stage_us);
      g_free (r->steps);
      g_free (r);
      return status;
    }
  if (!open_rejects (r, error))
    {
      free_instances (r, TRUE);
      g_free (r->rejects_path);
      g_free (r->at_end);
      g_free (r->stage_us);
      g_free (r->steps);
      g_free (r);
      return GALLEY_EXIT_IO;
    }
  if (options->monitor && options->monitor->ready)
    options->monitor->ready (options->monitor->data);

  /* With no filter before the first sink there is nothing for workers to
   * share, and handing documents from a reading thread to the writing one
   * cost more than it saved: read-jsonl ! export-jsonl ran at 204-250 MB/s
   * with two jobs against 247-411 MB/s with one (128 MB corpus). With a
   * time limit, the filters run on a worker thread even with one job, so
   * that a stage still busy past the limit can be given up. */
  if (r->first_serial == 1 || (r->jobs == 1 && r->deadline_us == 0))
    run_inline (r);
  else
    run_threaded (r);
  update_stats (r);  /* the reading thread's flags, for the status */

  /* A source that failed before its end (a missing path, an unreadable
   * file, a pattern that matched nothing) commits nothing: a replace-mode
   * output published now would replace yesterday's complete file with a
   * partial or empty one, and the state would skip documents next time
   * that the output no longer holds. The read error decides the status,
   * even when an abort fired too. */
  if (r->fatal)
    {
      status = galley_exit_status_for_error (r->fatal);
      g_propagate_error (error, g_steal_pointer (&r->fatal));
    }
  else if (r->commit_error)
    {
      status = r->sink_interrupted ? GALLEY_EXIT_INTERRUPTED : GALLEY_EXIT_IO;
      g_propagate_error (error, g_steal_pointer (&r->commit_error));
    }
  else if (g_atomic_int_get (&r->aborting))
    {
      status = GALLEY_EXIT_REJECTED;
      keep_rejects = TRUE;
    }
  else if (!commit_all (r, error))
    status = GALLEY_EXIT_IO;
  else if (!acknowledge_source (r, error))
    {
      committed = TRUE;
      status = GALLEY_EXIT_IO;
    }
  else
    {
      committed = TRUE;
      if (stats->abandoned)
        status = GALLEY_EXIT_TIMED_OUT;
      else if (stats->interrupted && !options->follow)
        status = GALLEY_EXIT_INTERRUPTED;
      else if (stats->rejected > 0)
        status = GALLEY_EXIT_REJECTED;
    }

  if (committed)
    stats->committed = stats->done;
  else
    stats->failed = !stats->aborted;

  /* Left here: the lines of a run that committed nothing. Those of an
   * abort are kept, since they say why it stopped (its next run will
   * stop there again); those of a failed run are not, as its outputs are
   * not: the state does not hold their documents, which the next run
   * tries again. */
  if (r->rejects && keep_rejects)
    {
      g_autoptr (GError) local = NULL;
      if (!galley_output_commit (r->rejects, &local))
        g_warning ("rejects file %s", local->message);
    }
  galley_output_free (r->rejects);
  g_free (r->rejects_path);
  if (!stats->abandoned)
    {
      free_instances (r, !committed);
      collect_stage_times (r);
      g_free (r->stage_us);
      g_free (r->steps);
      g_free (r->at_end);
    }
  if (r->progress_shown)
    show_progress (r, TRUE);
  update_stats (r);
  if (!stats->abandoned)
    g_free (r);
  return status;
}

gboolean
galley_runner_validate (GalleyPipeline *pipeline, GError **error)
{
  Run run = { 0 }, *r = &run;
  GalleyRunOptions options = { 0 };
  gboolean ok;

  r->pipeline = pipeline;
  r->opt = &options;
  r->jobs = 1;
  r->n_stages = pipeline->stages->len;
  r->first_serial = r->n_stages;
  ok = create_instances (r, error);
  free_instances (r, TRUE);
  return ok;
}
