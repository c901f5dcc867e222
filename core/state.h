/* state.h: the incremental state of a pipeline (state= in [pipeline],
 * --state FILE): an SQLite file that records each document a run
 * processed, by id and content hash, and each run.
 *
 * The protocol that makes a killed run lose nothing and duplicate nothing:
 *
 *   1. galley_state_begin_run() records the run (committed at once, so a
 *      run that dies shows as unfinished) and opens a write transaction
 *      (BEGIN IMMEDIATE) that stays open for the whole run. It also keeps
 *      a second run from using the same state at the same time.
 *   2. unchanged(): a document whose id is in the state with the same hash
 *      is skipped; any other is processed.
 *   3. done(): after every sink wrote a document, it is recorded inside the
 *      open transaction (not yet visible to the next run). rejected(): a
 *      document that a filter rejected, before any sink had it, or an
 *      input item the source rejected and fingerprinted (its stub carries
 *      galley_document_set_input_hash), is recorded as rejected with the
 *      stage and the error (unless the error is an I/O one, which may
 *      pass), so that it is skipped while it does not change instead of
 *      failing every run. A stub is recorded under its id (its origin
 *      when it has none) with the input's fingerprint as its hash, and is
 *      "unchanged" only against a rejection with the same fingerprint.
 *   4. commit(): called by the runner after every sink committed; commits
 *      the transaction. Only now are the documents "done" for the next run.
 *      At a checkpoint, checkpoint() does the same within the run, once
 *      every sink has checkpointed, and opens the next transaction.
 *
 * A run killed before 4 leaves the state as it was: the next run processes
 * those documents again. Nothing is lost, because a document is recorded
 * only after every sink has made it durable. Nothing is duplicated as long
 * as each sink is idempotent by document id: writing a document it already
 * holds replaces the old copy (export-sqlite upserts by id; export-csv in
 * mode=append with unique=true rewrites the file without the old rows of
 * the documents the run wrote). A sink that only appends (export-jsonl in
 * mode=append, today) holds a second copy of the documents of a run killed
 * between its commit and the state's, and of every changed document; see
 * docs/cron.md for the change proposed to it.
 *
 * The content hash is XXH64 (title, then text seeded with the title's
 * hash). Measured on this machine over 2 KB documents: XXH64 6.2-6.6 GB/s,
 * GLib SHA-1 0.50-0.68 GB/s, SHA-256 0.21-0.24 GB/s, MD5 0.37-0.46 GB/s.
 * SHA-1 would cost as much as the whole read-jsonl -> export-jsonl path
 * (300 MB/s), XXH64 under 5 % of it. It need not resist an attacker: it is
 * only compared with the hash of the same id, where a collision would skip
 * one changed article once, with probability 2^-64 per change.
 */
#pragma once

#include <galley/galley.h>

#include "runner.h"

G_BEGIN_DECLS

#define GALLEY_STATE_ERROR (galley_state_error_quark ())
GQuark galley_state_error_quark (void);

typedef enum {
  GALLEY_STATE_ERROR_IO,       /* cannot open, read or write the file */
  GALLEY_STATE_ERROR_FORMAT,   /* not a Galley state file, or a newer one */
  GALLEY_STATE_ERROR_BUSY,     /* another run is using it */
  GALLEY_STATE_ERROR_DAMAGED,  /* PRAGMA quick_check found it damaged */
} GalleyStateError;

/* The schema version in PRAGMA user_version. 2 added documents.stage, 3
 * runs.stages; a run upgrades an older file, `galley state` reads it as
 * it is. */
#define GALLEY_STATE_FORMAT 3
/* The hash algorithm, stored in the file: a file made with another one
 * makes every document look changed, once. */
#define GALLEY_STATE_HASH "xxh64"

typedef struct _GalleyState GalleyState;

/* galley_state_open: opens (creating it if @create) the state file @path.
 * A read-only open (create FALSE) never writes the file. */
GalleyState *galley_state_open (const char *path, gboolean create,
                                GError **error);

void galley_state_close (GalleyState *state);

typedef enum {
  /* process every document, unchanged or not (and record them) */
  GALLEY_STATE_RUN_FULL = 1 << 0,
  /* process again the documents rejected before, unchanged or not */
  GALLEY_STATE_RUN_RETRY_REJECTED = 1 << 1,
} GalleyStateRunFlags;

/* galley_state_begin_run: records a new run and opens the write
 * transaction. @pipeline: its file, or its text; @stages: its plugins in
 * order ("read-files ! export-jsonl"): a document skipped as done by a
 * run with other stages is warned of (NULL: not compared).
 * @wait_seconds: how long to wait when another run is using the state
 * (BUSY after that). */
gboolean galley_state_begin_run (GalleyState *state, const char *pipeline,
                                 const char *stages, GalleyStateRunFlags flags,
                                 double wait_seconds, GError **error);

/* galley_state_get_run_id: the run begun, or 0. */
gint64 galley_state_get_run_id (GalleyState *state);

/* galley_state_get_hooks: the runner's hooks for this state. */
const GalleyRunState *galley_state_get_hooks (GalleyState *state);

/* galley_state_end_run: rolls back what the runner did not commit and
 * records how the run ended (@stats, exit @status). */
gboolean galley_state_end_run (GalleyState *state, const GalleyRunStats *stats,
                               int status, GError **error);

/* galley_state_hash_document: the content hash of @doc (title and text). */
guint64 galley_state_hash_document (const GalleyDocument *doc);

/* For `galley state`. */
typedef struct {
  gint64 id;
  char *started;      /* ISO 8601 UTC */
  char *finished;     /* NULL: the run did not finish (killed), or is running */
  char *pipeline;
  char *stages;       /* its plugins in order; NULL before format 3 */
  gint64 pid;
  char *host;
  gboolean full;
  gboolean committed; /* its documents were recorded */
  int status;         /* exit status; -1 when unfinished */
  gint64 read, done, unchanged, rejected;
  double seconds;
} GalleyStateRun;

typedef struct {
  char *id;
  guint64 hash;
  gint64 run;          /* the last run that processed it */
  gint64 first_run;
  char *processed;     /* when it was last processed */
  char *first_processed;
  gint64 times;        /* how many runs processed it */
  gboolean rejected;   /* a filter or the reader rejected it: skipped while
                        * unchanged */
  char *error;         /* why, when rejected */
  char *stage;         /* the stage that rejected it; NULL if unknown */
} GalleyStateDocument;

typedef struct {
  gint64 format;       /* the file's format (GALLEY_STATE_FORMAT or older) */
  gint64 documents;    /* recorded, rejected ones included */
  gint64 rejected;
  gint64 runs;
  gint64 unfinished;   /* runs that did not finish: killed, or running */
} GalleyStateCounts;

void galley_state_run_free (GalleyStateRun *run);
void galley_state_document_free (GalleyStateDocument *doc);

gboolean galley_state_count (GalleyState *state, GalleyStateCounts *counts,
                             GError **error);

/* galley_state_list_runs: the last @limit runs (0: all), newest first;
 * a GPtrArray of GalleyStateRun. */
GPtrArray *galley_state_list_runs (GalleyState *state, guint limit, GError **error);

/* galley_state_list_documents: the @limit documents processed last
 * (0: all), newest first, only the rejected ones if @rejected_only; a
 * GPtrArray of GalleyStateDocument. */
GPtrArray *galley_state_list_documents (GalleyState *state, guint limit,
                                        gboolean rejected_only, GError **error);

/* galley_state_lookup: the record of document @id, or NULL (no error) when
 * it has none. */
GalleyStateDocument *galley_state_lookup (GalleyState *state, const char *id,
                                          GError **error);

/* galley_state_forget_before: the time @age ("90d", "12h") ago, as the
 * file writes times, for galley_state_forget(); NULL when @age is not a
 * positive duration (or reaches before the calendar). */
char *galley_state_forget_before (const char *age);

/* galley_state_forget: deletes the records of the documents last
 * processed before @before (ISO 8601 UTC, as the file writes times), so
 * that a state kept for years stops growing: such a document, if it
 * comes again, is processed again. Runs started before @before that no
 * remaining document refers to go too. Sets *@documents and *@runs to
 * the counts deleted. Refused (BUSY) while another run uses the file;
 * within this state's own run, part of the run's transaction. */
gboolean galley_state_forget (GalleyState *state, const char *before,
                              gint64 *documents, gint64 *runs, GError **error);

/* galley_state_forget_during_run: within the run begun on @state, forgets
 * as galley_state_forget() does with the time @age ("90d") ago: now, and
 * again at the first checkpoint after each interval of a tenth of @age
 * (an hour at most), so that a --follow service that runs for months
 * forgets as a cron job's runs do. Part of the run's transaction. */
gboolean galley_state_forget_during_run (GalleyState *state, const char *age,
                                         GError **error);

/* galley_state_reset: moves the state file @path aside, to
 * PATH.reset-YYYYMMDDTHHMMSSZ (with the journal a killed run left, if
 * any), so that the next run starts a new state: the way out of a damaged
 * file (GALLEY_STATE_ERROR_DAMAGED). Refused (BUSY) while a run uses it.
 * Returns: (transfer full) the name it has now, or NULL with @error set. */
char *galley_state_reset (const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyState, galley_state_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyStateRun, galley_state_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyStateDocument, galley_state_document_free)

G_END_DECLS
