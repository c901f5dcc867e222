/* state.c: the incremental state; the protocol is in state.h. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "galley-file-ids-private.h"
#include "galley-output-private.h"
#include "sqlite-load.h"
#include "state.h"

/* Busy timeout for everything but the run's own write lock: a reader
 * (galley state) may hold the file for a moment while a run commits. */
#define BUSY_TIMEOUT_MS 10000

static const char schema_sql[] =
  "CREATE TABLE meta (\n"
  "  key   TEXT PRIMARY KEY,\n"
  "  value TEXT\n"
  ");\n"
  "CREATE TABLE runs (\n"
  "  id        INTEGER PRIMARY KEY,\n"
  "  started   TEXT NOT NULL,             -- ISO 8601 UTC\n"
  "  finished  TEXT,                      -- NULL: killed, or still running\n"
  "  pipeline  TEXT,\n"
  "  pid       INTEGER,\n"
  "  host      TEXT,\n"
  "  full      INTEGER NOT NULL DEFAULT 0, -- --full: nothing skipped\n"
  "  committed INTEGER NOT NULL DEFAULT 0, -- its documents are recorded\n"
  "  status    INTEGER,                   -- galley's exit status\n"
  "  read      INTEGER,\n"
  "  done      INTEGER,\n"
  "  unchanged INTEGER,\n"
  "  rejected  INTEGER,\n"
  "  seconds   REAL,\n"
  "  stages    TEXT                       -- its plugins, 'read-files ! export-jsonl' (format 3)\n"
  ");\n"
  "CREATE TABLE documents (\n"
  "  id              TEXT PRIMARY KEY,\n"
  "  hash            INTEGER NOT NULL,      -- XXH64 of title and text\n"
  "  run             INTEGER NOT NULL,      -- the run that last processed it\n"
  "  first_run       INTEGER NOT NULL,\n"
  "  processed       TEXT NOT NULL,         -- ISO 8601 UTC\n"
  "  first_processed TEXT NOT NULL,\n"
  "  times           INTEGER NOT NULL DEFAULT 1,\n"
  "  rejected        INTEGER NOT NULL DEFAULT 0, -- skipped while unchanged\n"
  "  error           TEXT,                  -- why it was rejected\n"
  "  stage           TEXT                   -- the stage that rejected it (format 2)\n"
  ") WITHOUT ROWID;\n"
  /* No index on run: it would cost a third of each record (measured with
   * callgrind: 19.5k -> 12.6k instructions a document), for galley state's
   * "processed last" list, which can afford a scan. */
  "INSERT INTO meta (key, value) VALUES ('hash', '" GALLEY_STATE_HASH "');\n"
  "PRAGMA application_id = 1195461715;\n"  /* GALLEY_STATE_APPLICATION_ID */
  "PRAGMA user_version = 3;\n";          /* GALLEY_STATE_FORMAT */

/* Format 1 had no documents.stage, format 2 no runs.stages; a run adds
 * them (a look does not). */
static const char *const upgrade_sql[] = {
  [1] = "ALTER TABLE documents ADD COLUMN stage TEXT;\n"
        "ALTER TABLE runs ADD COLUMN stages TEXT;\n"
        "PRAGMA user_version = 3;\n",
  [2] = "ALTER TABLE runs ADD COLUMN stages TEXT;\n"
        "PRAGMA user_version = 3;\n",
};

struct _GalleyState {
  sqlite3 *db;
  char *path;
  gint64 format;           /* the file's user_version */
  GalleyRunState hooks;

  gint64 run_id;
  gboolean full;
  gboolean retry_rejected;
  gboolean rehash;         /* the file's hashes were made another way */
  gboolean in_transaction; /* the run's write transaction is open */
  gboolean committed;
  guint64 commits;         /* meta 'commits': the transactions that recorded documents */
  gboolean holds_appends;  /* _galley_output_hold_appends() is ours */

  sqlite3_stmt *lookup;    /* reading thread only */
  char *stages;            /* this run's plugins; NULL: not compared */
  sqlite3_stmt *run_stages;  /* reading thread only, as the next two */
  GHashTable *other_stages;  /* run id -> its stages if not this run's, else "" */
  guint64 skipped_for_others;  /* documents skipped that such runs did */
  sqlite3_stmt *record;    /* writing thread only */
  sqlite3_stmt *reject;    /* writing thread only */
  gint lookup_warned;      /* atomic */

  /* done(): the time stamp, formatted once a second */
  gint64 stamp_second;
  char stamp[32];
  guint64 record_failures;
  char *record_error;
  gboolean lost;           /* SQLite rolled the run's transaction back */

  /* galley_state_forget_during_run() */
  double forget_age;       /* seconds; 0: none */
  gint64 forgot_us;        /* monotonic time of the last forget */
};

G_DEFINE_QUARK (galley-state-error-quark, galley_state_error)

guint64
galley_state_hash_document (const GalleyDocument *doc)
{
  const char *title = galley_document_get_meta (doc, "title");
  gsize len;
  const char *text = galley_document_get_text (doc, &len);
  guint64 seed = galley_hash64 (title ? title : "", title ? strlen (title) : 0, 0);

  return galley_hash64 (text, len, seed);
}

/* Errors */

/* errmsg: what went wrong, in words: SQLite says "database or disk is
 * full" for the ENOSPC of a write, and users grep for the errno text. */
static const char *
errmsg (GalleyState *state)
{
  if ((sqlite3_extended_errcode (state->db) & 0xff) == SQLITE_FULL)
    return "no space left on device";
  return sqlite3_errmsg (state->db);
}

/* damaged_error: @state's file is damaged, as @problem says; the error
 * says how to start over, and whether the run had begun (@at_open:
 * not). */
static gboolean
damaged_error (GError **error, GalleyState *state, const char *problem, gboolean at_open)
{
  g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_DAMAGED,
               "state file %s is damaged (%s)%s. "
               "'galley state --reset %s' moves it aside, and the next run starts a "
               "new state (and processes every document once more)",
               state->path, problem, at_open ? "; nothing was read or written" : "",
               state->path);
  return FALSE;
}

static gboolean
db_error (GError **error, GalleyState *state, const char *what)
{
  int code = sqlite3_extended_errcode (state->db);
  GalleyStateError kind = GALLEY_STATE_ERROR_IO;

  if ((code & 0xff) == SQLITE_NOTADB)
    {
      g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_FORMAT,
                   "%s is not a Galley state file (%s)", state->path,
                   sqlite3_errmsg (state->db));
      return FALSE;
    }
  /* a truncated file or a broken page that the quick check at open did
   * not reach: the same way out as a damage it found */
  if ((code & 0xff) == SQLITE_CORRUPT)
    return damaged_error (error, state, sqlite3_errmsg (state->db), FALSE);
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
    kind = GALLEY_STATE_ERROR_BUSY;
  g_set_error (error, GALLEY_STATE_ERROR, kind, "state file %s: %s: %s",
               state->path, what, errmsg (state));
  return FALSE;
}

static gboolean
exec (GalleyState *state, const char *sql, const char *what, GError **error)
{
  if (sqlite3_exec (state->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_error (error, state, what);
  return TRUE;
}

static sqlite3_stmt *
prepare (GalleyState *state, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v3 (state->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt,
                          NULL) != SQLITE_OK)
    {
      db_error (error, state, "cannot read it");
      return NULL;
    }
  return stmt;
}

/* query_int: the integer a query returns (0 for no row), or -1 on error. */
static gint64
query_int (GalleyState *state, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = prepare (state, sql, error);
  gint64 value = -1;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    value = 0;
  else
    db_error (error, state, "cannot read it");
  sqlite3_finalize (stmt);
  return value;
}

static char *
now_iso (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Opening */

/* write_format: runs @sql, which brings the file from format @from to
 * GALLEY_STATE_FORMAT (0: an empty file gets the schema), in one write
 * transaction; another run may have done it meanwhile, so the version is
 * read again under the lock. */
static gboolean
write_format (GalleyState *state, gint64 from, const char *sql, const char *what,
              GError **error)
{
  if (!exec (state, "BEGIN IMMEDIATE", "cannot write it", error))
    return FALSE;
  if (query_int (state, "PRAGMA user_version", NULL) == from
      && !exec (state, sql, what, error))
    {
      exec (state, "ROLLBACK", "", NULL);
      return FALSE;
    }
  if (!exec (state, "COMMIT", "cannot write it", error))
    {
      exec (state, "ROLLBACK", "", NULL);
      return FALSE;
    }
  state->format = GALLEY_STATE_FORMAT;
  return TRUE;
}

/* check_format: the file is a state file of a format this build reads;
 * an empty database gets the schema when @create. */
static gboolean
check_format (GalleyState *state, gboolean create, GError **error)
{
  gint64 app, version, tables;

  app = query_int (state, "PRAGMA application_id", error);
  if (app < 0)
    return FALSE;
  version = query_int (state, "PRAGMA user_version", error);
  if (version < 0)
    return FALSE;
  tables = query_int (state, "SELECT count(*) FROM sqlite_schema", error);
  if (tables < 0)
    return FALSE;

  if (app == 0 && version == 0 && tables == 0)
    {
      if (!create)
        {
          g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_FORMAT,
                       "%s is empty: no run has used it yet", state->path);
          return FALSE;
        }
      return write_format (state, 0, schema_sql, "cannot create its tables", error);
    }
  if (app != GALLEY_STATE_APPLICATION_ID)
    {
      g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_FORMAT,
                   "%s is not a Galley state file (an SQLite database of "
                   "something else)", state->path);
      return FALSE;
    }
  if (version > GALLEY_STATE_FORMAT)
    {
      g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_FORMAT,
                   "%s was written by a newer Galley (state format %" G_GINT64_FORMAT
                   "; this one reads %d)", state->path, version, GALLEY_STATE_FORMAT);
      return FALSE;
    }
  state->format = version;
  if (version < 1)
    return damaged_error (error, state, "it has no format number", TRUE);
  if (version < GALLEY_STATE_FORMAT && create)
    return write_format (state, version, upgrade_sql[version],
                         "cannot upgrade it to format " G_STRINGIFY (GALLEY_STATE_FORMAT), error);
  return TRUE;
}

static gboolean hook_unchanged (gpointer data, GalleyDocument *doc);
static void hook_done (gpointer data, GalleyDocument *doc);
static void hook_rejected (gpointer data, GalleyDocument *doc, const char *stage,
                           const GError *error);
static gboolean hook_commit (gpointer data, GError **error);
static gboolean hook_checkpoint (gpointer data, GError **error);

GalleyState *
galley_state_open (const char *path, gboolean create, GError **error)
{
  g_autoptr (GalleyState) state = g_new0 (GalleyState, 1);
  int flags = SQLITE_OPEN_FULLMUTEX;
  int rc;

  state->path = g_strdup (path);
  state->hooks.data = state;
  state->hooks.unchanged = hook_unchanged;
  state->hooks.done = hook_done;
  state->hooks.commit = hook_commit;
  state->hooks.checkpoint = hook_checkpoint;
  state->hooks.rejected = hook_rejected;

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_IO,
                   "cannot open the state file %s: %s", path, g_strerror (ENOENT));
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_IO,
                   "cannot open the state file %s: %s", path, g_strerror (EISDIR));
      return NULL;
    }
  if (create)
    {
      /* SQLite's own words for it are "unable to open database file" */
      g_autofree char *dir = g_path_get_dirname (path);

      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_IO,
                       "cannot create the state file %s: no directory %s", path, dir);
          return NULL;
        }
    }
  if (!galley_sqlite_load (path, error))
    return NULL;
  /* Read-write even to only look, when we may: a run that was killed
   * leaves a journal that the next reader has to roll back. */
  if (create)
    flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  else if (access (path, W_OK) == 0)
    flags |= SQLITE_OPEN_READWRITE;
  else
    flags |= SQLITE_OPEN_READONLY;
  rc = sqlite3_open_v2 (path, &state->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_IO,
                   "cannot open the state file %s: %s", path,
                   state->db ? sqlite3_errmsg (state->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (state->db, 1);
  sqlite3_busy_timeout (state->db, BUSY_TIMEOUT_MS);
  if (!check_format (state, create, error))
    return NULL;
  /* The state is committed once a run, so FULL costs nothing that shows;
   * the journal stays in rollback mode: one file at rest, and readers
   * with no write access to the directory still work. */
  if (!exec (state, "PRAGMA synchronous = FULL; PRAGMA cache_size = -16384",
             "cannot set it up", error))
    return NULL;
  return g_steal_pointer (&state);
}

void
galley_state_close (GalleyState *state)
{
  if (state == NULL)
    return;
  /* no handle: SQLite may not even be loaded (see sqlite-load.h), and
   * there is no statement to finalize */
  if (state->db != NULL)
    {
      if (state->in_transaction)
        sqlite3_exec (state->db, "ROLLBACK", NULL, NULL, NULL);
      if (state->holds_appends)
        _galley_output_hold_appends (NULL, 0, NULL, NULL);
      sqlite3_finalize (state->lookup);
      sqlite3_finalize (state->run_stages);
      sqlite3_finalize (state->record);
      sqlite3_finalize (state->reject);
      sqlite3_close (state->db);
    }
  g_free (state->record_error);
  g_free (state->stages);
  g_clear_pointer (&state->other_stages, g_hash_table_unref);
  g_free (state->path);
  g_free (state);
}

/* Runs */

static char *
get_meta (GalleyState *state, const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (state->db, "SELECT value FROM meta WHERE key = ?1", -1,
                          &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0))
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* check_intact: refuses a damaged file before the run reads anything.
 * Without it, a run over a state whose middle pages were overwritten
 * (a disk error, a copy taken while a run committed) found some documents
 * "unchanged" in the pages it could read, processed the others, committed
 * a replace-mode output holding only those, and failed only then.
 *
 * PRAGMA quick_check reads every page and checks the b-trees' structure
 * (not that each index matches its table, which integrity_check adds, and
 * the state has no index but the primary keys). Measured on this machine
 * with a state of 100,000 documents (8 MB, 2047 pages, page cache warm):
 * 34-35 ms a check (65-86 ms for the first ones after the file was
 * written), against 0.5 s for the run that made the state and 0.2 s for
 * a run that finds all 100,000 unchanged; it grows with the file. Cheap
 * enough for a run every ten minutes, so no cheaper partial check. */
static gboolean
check_intact (GalleyState *state, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *problem = NULL;
  int rc;

  if (sqlite3_prepare_v2 (state->db, "PRAGMA quick_check(1)", -1, &stmt, NULL) != SQLITE_OK)
    problem = g_strdup (sqlite3_errmsg (state->db));
  else
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          const char *first = (const char *) sqlite3_column_text (stmt, 0);
          /* "*** in database main ***\nPage 1004: ...": the first line
           * says nothing a user needs */
          if (first && g_str_has_prefix (first, "*** in database main ***\n"))
            first += strlen ("*** in database main ***\n");
          if (g_strcmp0 (first, "ok") != 0)
            problem = g_strdup (first ? first : "damaged");
        }
      else if (rc != SQLITE_DONE)
        problem = g_strdup (sqlite3_errmsg (state->db));
    }
  sqlite3_finalize (stmt);
  if (problem == NULL)
    return TRUE;
  g_strdelimit (problem, "\n", ' ');
  return damaged_error (error, state, g_strchomp (problem), TRUE);
}

/* begin_immediate: the write lock, waiting up to @wait_seconds for it. */
static gboolean
begin_immediate (GalleyState *state, double wait_seconds, GError **error)
{
  int rc;

  sqlite3_busy_timeout (state->db, (int) MIN (wait_seconds * 1000, G_MAXINT));
  rc = sqlite3_exec (state->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  sqlite3_busy_timeout (state->db, BUSY_TIMEOUT_MS);
  if (rc == SQLITE_OK)
    return TRUE;
  if ((rc & 0xff) == SQLITE_BUSY)
    {
      g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_BUSY,
                   "another run is using the state file %s (give both the same "
                   "lock= or --lock so that they wait or skip cleanly)", state->path);
      return FALSE;
    }
  return db_error (error, state, "cannot write it");
}

/* hold_appends: the journals of this run's appends stay until the
 * state's commit that makes their documents done, so that a run killed
 * in between has them cut back, not written twice (galley-journal.c in
 * the SDK). The sinks commit before the state; appends of a unique=false
 * file and of the rejects file had no other way to know. */
static gboolean
hold_appends (GalleyState *state, GError **error)
{
  g_autofree char *owner = get_meta (state, "owner");
  g_autofree char *commits = get_meta (state, "commits");
  g_autofree char *registry = NULL;
  g_autoptr (GError) local = NULL;
  guint64 n = 0;

  if (owner == NULL || strlen (owner) != 32 || owner[strspn (owner, "0123456789abcdef")] != '\0'
      || (commits && !g_ascii_string_to_unsigned (commits, 10, 0, G_MAXUINT64, &n, NULL)))
    return damaged_error (error, state, "its meta table is not Galley's", TRUE);
  state->commits = n;
  state->holds_appends = TRUE;
  registry = g_strconcat (state->path, ".append-dirs", NULL);
  if (!_galley_output_hold_appends (owner, n, registry, &local))
    {
      g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_IO,
                   "state file %s: cannot take back the lines its last run appended "
                   "without recording them: %s", state->path, local->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
galley_state_begin_run (GalleyState *state, const char *pipeline, const char *stages,
                        GalleyStateRunFlags flags, double wait_seconds,
                        GError **error)
{
  g_autofree char *started = now_iso ();
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (state->run_id == 0, FALSE);

  if (!begin_immediate (state, wait_seconds, error))
    return FALSE;
  /* under the write lock, so that no run is half way through a commit */
  if (!check_intact (state, error))
    goto fail;
  stmt = prepare (state, "INSERT INTO runs (started, pipeline, pid, host, full, stages) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, started, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, pipeline, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, getpid ());
  sqlite3_bind_text (stmt, 4, g_get_host_name (), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, (flags & GALLEY_STATE_RUN_FULL) != 0);
  sqlite3_bind_text (stmt, 6, stages, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      db_error (error, state, "cannot record the run");
      goto fail;
    }
  state->run_id = sqlite3_last_insert_rowid (state->db);
  /* the file's identity, for the journals of the run's appends (below) */
  if (!exec (state, "INSERT OR IGNORE INTO meta (key, value) "
                    "VALUES ('owner', lower(hex(randomblob(16))))", "cannot record the run", error))
    goto fail;
  /* Committed at once: a run that dies shows in `galley state` as one
   * that did not finish. */
  if (!exec (state, "COMMIT", "cannot record the run", error))
    goto fail;
  if (!hold_appends (state, error))
    return FALSE;

  hash = get_meta (state, "hash");
  state->rehash = g_strcmp0 (hash, GALLEY_STATE_HASH) != 0;
  state->full = (flags & GALLEY_STATE_RUN_FULL) != 0;
  state->retry_rejected = (flags & GALLEY_STATE_RUN_RETRY_REJECTED) != 0;

  state->lookup = prepare (state, "SELECT hash, rejected, run FROM documents WHERE id = ?1",
                           error);
  if (state->lookup == NULL)
    return FALSE;
  if (stages)
    {
      state->stages = g_strdup (stages);
      state->other_stages = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      state->run_stages = prepare (state, "SELECT stages FROM runs WHERE id = ?1", error);
      if (state->run_stages == NULL)
        return FALSE;
    }
  state->record = prepare (state,
                           "INSERT INTO documents (id, hash, run, first_run, processed, "
                           "first_processed) VALUES (?1, ?2, ?3, ?3, ?4, ?4) "
                           "ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, "
                           "run = excluded.run, processed = excluded.processed, "
                           "times = times + 1, rejected = 0, error = NULL, "
                           "stage = NULL", error);
  if (state->record == NULL)
    return FALSE;
  state->reject = prepare (state,
                           "INSERT INTO documents (id, hash, run, first_run, processed, "
                           "first_processed, rejected, error, stage) "
                           "VALUES (?1, ?2, ?3, ?3, ?4, ?4, 1, ?5, ?6) "
                           "ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, "
                           "run = excluded.run, processed = excluded.processed, "
                           "times = times + 1, rejected = 1, error = excluded.error, "
                           "stage = excluded.stage", error);
  if (state->reject == NULL)
    return FALSE;
  if (!begin_immediate (state, wait_seconds, error))
    return FALSE;
  state->in_transaction = TRUE;
  return TRUE;

fail:
  sqlite3_exec (state->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

gint64
galley_state_get_run_id (GalleyState *state)
{
  return state->run_id;
}

const GalleyRunState *
galley_state_get_hooks (GalleyState *state)
{
  return &state->hooks;
}

/* document_key: the id @doc is recorded under, and its hash. A source's
 * stub for a rejected input item carries the item's own fingerprint (its
 * text is no content of the item); one with no id (a JSON line whose id
 * could not be read) is named by its origin ("in.jsonl:12"). */
static const char *
document_key (GalleyDocument *doc, guint64 *hash, gboolean *stub)
{
  const char *id = galley_document_get_id (doc);

  *stub = galley_document_get_input_hash (doc, hash);
  if (!*stub)
    *hash = galley_state_hash_document (doc);
  else if (*id == '\0' && galley_document_get_origin (doc))
    id = galley_document_get_origin (doc);
  return id;
}

/* within: whether the stages @part ("a ! b") are some of those of
 * @whole, in the same order. */
static gboolean
within (const char *part, const char *whole)
{
  g_auto (GStrv) want = g_strsplit (part, " ! ", -1);
  g_auto (GStrv) have = g_strsplit (whole, " ! ", -1);
  char **h = have;

  for (char **w = want; *w; w++)
    {
      while (*h && strcmp (*h, *w) != 0)
        h++;
      if (*h == NULL)
        return FALSE;
      h++;
    }
  return TRUE;
}

/* other_stages: the plugins of @run when this run has one it had not (a
 * stage added, or another pipeline given the same state), or NULL: the
 * same ones or fewer, or not known (a run of an older Galley, or
 * forgotten). */
static const char *
other_stages (GalleyState *state, gint64 run)
{
  const char *stages = g_hash_table_lookup (state->other_stages, &run);

  if (stages == NULL)
    {
      const char *its = NULL;

      sqlite3_bind_int64 (state->run_stages, 1, run);
      if (sqlite3_step (state->run_stages) == SQLITE_ROW)
        its = (const char *) sqlite3_column_text (state->run_stages, 0);
      stages = g_strdup (its && !within (state->stages, its) ? its : "");
      g_hash_table_insert (state->other_stages, g_memdup2 (&run, sizeof run), (char *) stages);
      sqlite3_reset (state->run_stages);
    }
  return *stages ? stages : NULL;
}

/* skipped_for_other: @key is skipped as done by @run; when this run has
 * a stage that one had not (a sink or an annotation added, or another
 * pipeline given the same state), this run's outputs may well not have
 * the document, or not as they would now: the first such document is
 * named, and the end of the run counts them. */
static void
skipped_for_other (GalleyState *state, const char *key, gint64 run)
{
  const char *stages = other_stages (state, run);

  if (stages && state->skipped_for_others++ == 0)
    g_warning ("state file %s: '%s' is skipped as done, but run %" G_GINT64_FORMAT
               " did it with stages (%s) that lack some of this run's (%s): this run's "
               "outputs may not have it. Give each pipeline a state file of its own, or "
               "run this one once with --full to process every document again",
               state->path, key, run, stages, state->stages);
}

static gboolean
hook_unchanged (gpointer data, GalleyDocument *doc)
{
  GalleyState *state = data;
  gboolean same = FALSE, stub;
  guint64 hash;
  const char *key;
  int rc;

  if (state->full || state->rehash)
    return FALSE;
  key = document_key (doc, &hash, &stub);
  sqlite3_bind_text (state->lookup, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (state->lookup);
  /* A stub is "unchanged" only against a rejection of the same input: a
   * document done under that id says nothing about the input now. */
  if (rc == SQLITE_ROW)
    {
      same = (guint64) sqlite3_column_int64 (state->lookup, 0) == hash
             && (!stub || sqlite3_column_int (state->lookup, 1))
             && !(state->retry_rejected && sqlite3_column_int (state->lookup, 1));
      if (same && state->stages)
        skipped_for_other (state, key, sqlite3_column_int64 (state->lookup, 2));
    }
  else if (rc != SQLITE_DONE && g_atomic_int_compare_and_exchange (&state->lookup_warned, 0, 1))
    /* Processing it again is always safe: the sinks replace by id. */
    g_warning ("state file %s: cannot look documents up (%s); processing "
               "them all", state->path, sqlite3_errmsg (state->db));
  sqlite3_reset (state->lookup);
  sqlite3_clear_bindings (state->lookup);
  return same;
}

/* record: @doc processed (@stmt: record) or rejected (@stmt: reject,
 * by @stage with @why), in the run's open transaction. */
static void
record (GalleyState *state, sqlite3_stmt *stmt, GalleyDocument *doc,
        const char *stage, const char *why)
{
  gint64 second = g_get_real_time () / G_USEC_PER_SEC;
  gboolean stub;
  guint64 hash;
  const char *key;

  if (!state->in_transaction)
    return;
  if (second != state->stamp_second)
    {
      g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (second);
      g_autofree char *s = g_date_time_format (t, "%Y-%m-%dT%H:%M:%SZ");
      g_strlcpy (state->stamp, s, sizeof state->stamp);
      state->stamp_second = second;
    }
  key = document_key (doc, &hash, &stub);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (gint64) hash);
  sqlite3_bind_int64 (stmt, 3, state->run_id);
  sqlite3_bind_text (stmt, 4, state->stamp, -1, SQLITE_STATIC);
  if (why)
    {
      sqlite3_bind_text (stmt, 5, why, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, stage, -1, SQLITE_STATIC);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      /* Not fatal now: an unrecorded document is only processed again. */
      if (state->record_failures++ == 0)
        state->record_error = g_strdup (errmsg (state));
      /* SQLite rolls the whole transaction back on some errors (a full
       * disk, out of memory): the records before this one are gone, and
       * any after it would each commit on its own, before the sinks
       * did. Record nothing more; commit says why. */
      if (sqlite3_get_autocommit (state->db))
        {
          state->in_transaction = FALSE;
          state->lost = TRUE;
        }
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static void
hook_done (gpointer data, GalleyDocument *doc)
{
  GalleyState *state = data;

  record (state, state->record, doc, NULL, NULL);
}

static void
hook_rejected (gpointer data, GalleyDocument *doc, const char *stage,
               const GError *error)
{
  GalleyState *state = data;

  /* A filter that could not read or write something may succeed next
   * time: only its other errors (bad input, too large, ...) are kept, so
   * that a document that cannot be processed is rejected once, not at
   * every run, until it changes. */
  if (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO))
    return;
  record (state, state->reject, doc, stage, error->message);
}

static gboolean
hook_commit (gpointer data, GError **error)
{
  GalleyState *state = data;
  g_autofree char *sql = NULL;

  if (state->lost)
    {
      g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_IO,
                   "state file %s: cannot record the documents of this run: %s; "
                   "the next run processes them again", state->path, state->record_error);
      return FALSE;
    }
  if (!state->in_transaction)
    return TRUE;
  sql = g_strdup_printf ("UPDATE runs SET committed = 1 WHERE id = %" G_GINT64_FORMAT ";"
                         "INSERT INTO meta (key, value) VALUES ('commits', 1) "
                         "ON CONFLICT (key) DO UPDATE SET value = value + 1;%s",
                         state->run_id,
                         state->rehash && !state->record_failures
                         ? "INSERT OR REPLACE INTO meta (key, value) VALUES "
                           "('hash', '" GALLEY_STATE_HASH "');" : "");
  if (!exec (state, sql, "cannot record the run", error)
      || !exec (state, "COMMIT", "cannot commit", error))
    return FALSE;
  state->in_transaction = FALSE;
  state->committed = TRUE;
  /* the documents are done: the appends that wrote them stay for good */
  state->commits++;
  if (state->holds_appends)
    _galley_output_release_appends (state->commits);
  if (state->record_failures)
    {
      g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_IO,
                   "state file %s: %" G_GUINT64_FORMAT " documents could not be "
                   "recorded (%s); the next run processes them again",
                   state->path, state->record_failures, state->record_error);
      return FALSE;
    }
  return TRUE;
}

/* The longest a run goes between two forgets (a tenth of the age is
 * sooner for a short one). */
#define FORGET_INTERVAL_MAX_US (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

static gboolean forget_rows (GalleyState *state, const char *before, gint64 *documents,
                             gint64 *runs, GError **error);

/* before_age: the time @seconds ago, as the file writes times; NULL
 * before the calendar. */
static char *
before_age (double seconds)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) cutoff = g_date_time_add_seconds (now, -seconds);

  return cutoff ? g_date_time_format (cutoff, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/* forget_now: galley_state_forget_during_run()'s forget, in the run's
 * transaction. */
static gboolean
forget_now (GalleyState *state, GError **error)
{
  g_autofree char *before = before_age (state->forget_age);
  gint64 documents = 0, runs = 0;

  state->forgot_us = g_get_monotonic_time ();
  if (before == NULL)
    return TRUE;  /* an age that reaches before the calendar: nothing is older */
  if (!forget_rows (state, before, &documents, &runs, error))
    return FALSE;
  if (documents || runs)
    g_info ("state %s: forgetting %" G_GINT64_FORMAT " documents last processed before %s "
            "and %" G_GINT64_FORMAT " runs", state->path, documents, before, runs);
  return TRUE;
}

/* forget_if_due: forget_now() when its interval has passed. */
static gboolean
forget_if_due (GalleyState *state, GError **error)
{
  gint64 interval = MIN (FORGET_INTERVAL_MAX_US,
                         (gint64) (state->forget_age * G_USEC_PER_SEC / 10));

  if (state->forget_age <= 0 || g_get_monotonic_time () - state->forgot_us < interval)
    return TRUE;
  return forget_now (state, error);
}

gboolean
galley_state_forget_during_run (GalleyState *state, const char *age, GError **error)
{
  double seconds;

  g_return_val_if_fail (state->in_transaction, FALSE);
  if (!galley_parse_duration (age, &seconds) || seconds <= 0)
    {
      g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_FORMAT,
                   "--forget takes an age such as 90d or 12h, not '%s'", age);
      return FALSE;
    }
  state->forget_age = seconds;
  return forget_now (state, error);
}

/* hook_checkpoint: step 4 of the protocol within the run: the documents
 * so far become "done" for the next run, and a new transaction (BEGIN
 * IMMEDIATE, so the state stays this run's) takes the ones that follow.
 * A run killed after this redoes only what came after. */
static gboolean
hook_checkpoint (gpointer data, GError **error)
{
  GalleyState *state = data;

  if (!forget_if_due (state, error) || !hook_commit (data, error))
    return FALSE;
  if (!begin_immediate (state, BUSY_TIMEOUT_MS / 1000.0, error))
    return FALSE;
  state->in_transaction = TRUE;
  return TRUE;
}

gboolean
galley_state_end_run (GalleyState *state, const GalleyRunStats *stats, int status,
                      GError **error)
{
  g_autofree char *finished = now_iso ();
  sqlite3_stmt *stmt;
  int rc;

  if (state->in_transaction)
    {
      sqlite3_exec (state->db, "ROLLBACK", NULL, NULL, NULL);
      state->in_transaction = FALSE;
    }
  if (state->run_id == 0)
    return TRUE;
  if (state->skipped_for_others > 1)
    g_warning ("state file %s: %" G_GUINT64_FORMAT " documents were skipped as done by "
               "runs whose stages lack some of this run's", state->path,
               state->skipped_for_others);
  stmt = prepare (state, "UPDATE runs SET finished = ?2, status = ?3, read = ?4, "
                         "done = ?5, unchanged = ?6, rejected = ?7, seconds = ?8 "
                         "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, state->run_id);
  sqlite3_bind_text (stmt, 2, finished, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, status);
  sqlite3_bind_int64 (stmt, 4, stats->read);
  sqlite3_bind_int64 (stmt, 5, stats->done);
  sqlite3_bind_int64 (stmt, 6, stats->unchanged);
  sqlite3_bind_int64 (stmt, 7, stats->rejected);
  sqlite3_bind_double (stmt, 8, stats->seconds);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return db_error (error, state, "cannot record the end of the run");
  return TRUE;
}

/* Reading, for `galley state` */

void
galley_state_run_free (GalleyStateRun *run)
{
  if (run == NULL)
    return;
  g_free (run->started);
  g_free (run->finished);
  g_free (run->pipeline);
  g_free (run->stages);
  g_free (run->host);
  g_free (run);
}

void
galley_state_document_free (GalleyStateDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->id);
  g_free (doc->processed);
  g_free (doc->first_processed);
  g_free (doc->error);
  g_free (doc->stage);
  g_free (doc);
}

static char *
column_strdup (sqlite3_stmt *stmt, int i)
{
  const unsigned char *s = sqlite3_column_text (stmt, i);

  return s ? g_strdup ((const char *) s) : NULL;
}

gboolean
galley_state_count (GalleyState *state, GalleyStateCounts *counts, GError **error)
{
  counts->format = state->format;
  if ((counts->documents = query_int (state, "SELECT count(*) FROM documents", error)) < 0
      || (counts->rejected = query_int (state, "SELECT count(*) FROM documents "
                                               "WHERE rejected", error)) < 0
      || (counts->runs = query_int (state, "SELECT count(*) FROM runs", error)) < 0
      || (counts->unfinished = query_int (state, "SELECT count(*) FROM runs "
                                                 "WHERE finished IS NULL", error)) < 0)
    return FALSE;
  return TRUE;
}

GPtrArray *
galley_state_list_runs (GalleyState *state, guint limit, GError **error)
{
  g_autoptr (GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) galley_state_run_free);
  sqlite3_stmt *stmt;
  int rc;

  /* a file of an older format is read as it is: no stages before 3 */
  g_autofree char *sql = g_strdup_printf ("SELECT id, started, finished, pipeline, pid, host, "
                                          "full, committed, status, read, done, unchanged, "
                                          "rejected, seconds, %s FROM runs ORDER BY id DESC "
                                          "LIMIT ?1", state->format >= 3 ? "stages" : "NULL");

  stmt = prepare (state, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GalleyStateRun *run = g_new0 (GalleyStateRun, 1);

      run->id = sqlite3_column_int64 (stmt, 0);
      run->started = column_strdup (stmt, 1);
      run->finished = column_strdup (stmt, 2);
      run->pipeline = column_strdup (stmt, 3);
      run->pid = sqlite3_column_int64 (stmt, 4);
      run->host = column_strdup (stmt, 5);
      run->full = sqlite3_column_int (stmt, 6) != 0;
      run->committed = sqlite3_column_int (stmt, 7) != 0;
      run->status = sqlite3_column_type (stmt, 8) == SQLITE_NULL
                    ? -1 : sqlite3_column_int (stmt, 8);
      run->read = sqlite3_column_int64 (stmt, 9);
      run->done = sqlite3_column_int64 (stmt, 10);
      run->unchanged = sqlite3_column_int64 (stmt, 11);
      run->rejected = sqlite3_column_int64 (stmt, 12);
      run->seconds = sqlite3_column_double (stmt, 13);
      run->stages = column_strdup (stmt, 14);
      g_ptr_array_add (runs, run);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      db_error (error, state, "cannot read its runs");
      return NULL;
    }
  return g_steal_pointer (&runs);
}

static GalleyStateDocument *
document_from_row (sqlite3_stmt *stmt)
{
  GalleyStateDocument *doc = g_new0 (GalleyStateDocument, 1);

  doc->id = column_strdup (stmt, 0);
  doc->hash = (guint64) sqlite3_column_int64 (stmt, 1);
  doc->run = sqlite3_column_int64 (stmt, 2);
  doc->first_run = sqlite3_column_int64 (stmt, 3);
  doc->processed = column_strdup (stmt, 4);
  doc->first_processed = column_strdup (stmt, 5);
  doc->times = sqlite3_column_int64 (stmt, 6);
  doc->rejected = sqlite3_column_int (stmt, 7) != 0;
  doc->error = column_strdup (stmt, 8);
  doc->stage = column_strdup (stmt, 9);
  return doc;
}

/* select_documents: SELECT ... FROM documents @rest; a format 1 file,
 * only looked at, has no stage column. */
static sqlite3_stmt *
select_documents (GalleyState *state, const char *rest, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id, hash, run, first_run, processed, "
                                          "first_processed, times, rejected, error, %s "
                                          "FROM documents %s",
                                          state->format >= 2 ? "stage" : "NULL", rest);

  return prepare (state, sql, error);
}

GPtrArray *
galley_state_list_documents (GalleyState *state, guint limit, gboolean rejected_only,
                             GError **error)
{
  g_autoptr (GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) galley_state_document_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = select_documents (state, rejected_only
                                  ? "WHERE rejected ORDER BY run DESC, processed DESC, id LIMIT ?1"
                                  : "ORDER BY run DESC, processed DESC, id LIMIT ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (docs, document_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      db_error (error, state, "cannot read its documents");
      return NULL;
    }
  return g_steal_pointer (&docs);
}

GalleyStateDocument *
galley_state_lookup (GalleyState *state, const char *id, GError **error)
{
  GalleyStateDocument *doc = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = select_documents (state, "WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    doc = document_from_row (stmt);
  else if (rc != SQLITE_DONE)
    db_error (error, state, "cannot read its documents");
  sqlite3_finalize (stmt);
  return doc;
}

/* Forgetting */

char *
galley_state_forget_before (const char *age)
{
  double seconds;

  if (!galley_parse_duration (age, &seconds) || seconds <= 0)
    return NULL;
  return before_age (seconds);
}

/* forget_rows: the deletes of galley_state_forget, in the transaction
 * open on @state */
static gboolean
forget_rows (GalleyState *state, const char *before, gint64 *documents, gint64 *runs,
             GError **error)
{
  /* A run that killed runs left unfinished refer to stays while a
   * document refers to it, as a document's first run does */
  static const char *const sql[] = {
    "DELETE FROM documents WHERE processed < ?1",
    /* not this run's own row, which a forget during a long run would
     * find old and unreferenced */
    "DELETE FROM runs WHERE started < ?1 AND id <> ?2 "
    "AND id NOT IN (SELECT run FROM documents) "
    "AND id NOT IN (SELECT first_run FROM documents)",
  };
  gint64 *counts[] = { documents, runs };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = prepare (state, sql[i], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, before, -1, SQLITE_STATIC);
      if (i == 1)
        sqlite3_bind_int64 (stmt, 2, state->run_id);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return db_error (error, state, "cannot write it");
      *counts[i] = sqlite3_changes (state->db);
    }
  return TRUE;
}

gboolean
galley_state_forget (GalleyState *state, const char *before, gint64 *documents,
                     gint64 *runs, GError **error)
{
  g_autoptr (GError) local = NULL;

  /* within a run, the deletes go in its transaction: committed with its
   * first checkpoint, rolled back with a run that fails */
  if (state->in_transaction)
    return forget_rows (state, before, documents, runs, error);
  /* a run holds the write lock from start to end: waiting for it would
   * only delay the same answer */
  if (!begin_immediate (state, 1, &local))
    {
      if (g_error_matches (local, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_BUSY))
        g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_BUSY,
                     "a run is using the state file %s: nothing forgotten (try again "
                     "after it)", state->path);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (forget_rows (state, before, documents, runs, error)
      && exec (state, "COMMIT", "cannot commit", error))
    return TRUE;
  sqlite3_exec (state->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Resetting */

char *
galley_state_reset (const char *path, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *dest = g_strdup_printf ("%s.reset-%s", path, stamp);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *dest_journal = g_strconcat (dest, "-journal", NULL);
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_IO,
                   "cannot reset the state file %s: %s", path,
                   g_strerror (g_file_test (path, G_FILE_TEST_EXISTS) ? EISDIR : ENOENT));
      return NULL;
    }
  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_IO,
                   "cannot reset the state file %s: %s exists (try again in a second)",
                   path, dest);
      return NULL;
    }
  if (!galley_sqlite_load (path, error))
    return NULL;
  /* The write lock, held while the file moves, so that no run is using
   * it; a damaged file may refuse even that, and is moved all the same. */
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    {
      g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_BUSY,
                   "another run is using the state file %s: not reset", path);
      sqlite3_close (db);
      return NULL;
    }
  /* The journal of a killed run moves with it: left behind, the moved
   * file reads the killed run's uncommitted pages (938 documents of a
   * thousand in test_state_reset_moves_the_journal_of_a_killed_run), and
   * the journal waits beside the path of the next run's new file. */
  if (g_rename (path, dest) != 0
      || (g_file_test (journal, G_FILE_TEST_EXISTS) && g_rename (journal, dest_journal) != 0))
    {
      int saved = errno;
      g_set_error (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_IO,
                   "cannot reset the state file %s: cannot move it to %s: %s",
                   path, dest, g_strerror (saved));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_close (db);
  return g_steal_pointer (&dest);
}
