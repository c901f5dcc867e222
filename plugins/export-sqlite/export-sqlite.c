/* export-sqlite.c: the export-sqlite stage.
 *
 * Documents are written in batches: the first write of a batch opens a
 * BEGIN IMMEDIATE transaction (waiting up to busy-timeout for another
 * writer), a document that fails leaves no half of itself (see
 * export_sqlite_write), and the batch commits after batch= documents or
 * at commit(). The database is in WAL mode: a reader sees the last
 * committed batch and is not blocked while the run has the file open
 * (export_sqlite_free says how its end keeps that), and a writer killed
 * in the middle of a batch leaves the file as the last COMMIT left it.
 *
 * What a run has committed is durable (synchronous=FULL: one fsync per
 * batch), because the core records its own state only after commit()
 * returns, and a re-run must find every document the state says is done.
 * The other way round, documents of a batch committed before a crash and
 * not yet in the state are processed again by the next run: in upsert
 * mode that replaces them, in append mode it leaves them, and neither
 * duplicates them.
 *
 * Every SQL statement is prepared once and reset per use; the entity,
 * sentence and feature rows go in several to a statement (sqlite-rows.c).
 *
 * Speed (issue 16), callgrind instructions of the stage (write, commit,
 * create, free) on 10,569 real news articles (11.4 MB) through the default pipeline: 9,986 M with schema version 1,
 * a savepoint per document and a statement per row; 3,731 M now. What
 * each step took, on the first 3,000 of those articles: 3,141 M; no
 * savepoint for a new document 2,531 M; schema version 2 (integer
 * doc_key, two entity indexes fewer) 1,680 M; several rows to a
 * statement 1,198 M. Most of what is left is SQLite's B-tree inserts
 * and binding the values. A third of the inserts went to the
 * entities_norm index; a run on a new file now builds it at its first
 * checkpoint or its end instead (build_indexes): on all of news-dev,
 * 3,690 M -> 3,410 M instructions in the stage, but its own CPU time
 * 0.73-0.84 s -> 0.47-0.55 s, since the index's random pages no longer
 * go to the WAL at every batch (see docs/plugins/export-sqlite.md). A page size of 8 KiB instead of 4 took
 * 3% more off (1,164 M) and was left alone; so was batch=: 2,000 or
 * 10,000 instead of 500 saved some 0.06 s of system time (of 1.3 s of
 * CPU for the whole run), and a crash loses more work.
 * Entities and sentences in rowid tables keyed doc_key * 2^24 + idx (an
 * append, no search of the tree) measured 1,192 M: SQLite still looks
 * every given rowid up for a conflict. Rowids that SQLite picks itself
 * measured 1,020 M. Schema version 3 does both: the first row of each
 * INSERT is given its key, SQLite numbers the others (sqlite-rows.c),
 * and rowid tables append a page without rebalancing three (version 2's
 * WITHOUT ROWID tables spent 483 M of the stage's 3,392 M on all of
 * news-dev rebalancing pages). On all of news-dev: write 2,164 M ->
 * 1,930 M, commit 1,228 M -> 1,213 M; the stage's CPU time 0.42-0.50 s
 * -> 0.41-0.42 s (four alternating runs, load 5-7); the database the
 * same row for row, 26.3 MB -> 25.5 MB. Then 16 KiB pages for a new
 * file (galley_sqlite_schema_prepare): 0.40-0.47 s -> 0.36-0.42 s, where
 * the instruction counts below had left page sizes alone.
 * Then, on a slower machine: the index build's sorter in one buffer
 * (galley_sqlite_schema_create_indexes), the documents indexes built
 * with the others (indexes.sql), and a document processed again
 * unchanged keeping its rows (update_document). The stage on a new
 * file 3,118 M -> 2,912 M instructions, CPU 0.50-0.63 s -> 0.45-0.51 s;
 * a second run over the same articles 6,290 M -> 1,657 M, 1.24-1.44 s
 * -> 0.26-0.31 s.
 * Also measured and left alone (callgrind, first 3,000 articles,
 * export_sqlite_write 1,191 M): a page size of 16 KiB 1,180 M, of 64 KiB
 * 1,259 M; a larger lookaside, no change. wal_autocheckpoint=8192 pages
 * instead of 1000 cut what the whole news-dev run writes to disk from
 * 177 MB to 129 MB (the WAL is checkpointed less often, so fewer pages
 * go to the database file twice), but leaves a 21 MB WAL beside the
 * 27 MB database instead of 8 MB, and its wall-clock gain was lost in
 * the noise of the shared machine.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "export-sqlite.h"
#include "sqlite-rows.h"
#include "sqlite-schema.h"

/* The WAL file stays beside the database between runs; after a
 * checkpoint SQLite truncates it to this many bytes. */
#define WAL_SIZE_LIMIT 8388608

static const char *const mode_choices[] = { "upsert", "append", NULL };
static const char *const offsets_choices[] = { "codepoint", "byte", "utf16", NULL };

static const GalleyParamSpec params[] = {
  { "path", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "the database file, created with the schema when new; strftime patterns expand",
    GALLEY_PARAM_REQUIRED | GALLEY_PARAM_OUTPUT },
  { "mode", GALLEY_PARAM_CHOICE, "upsert", 0, 0, mode_choices,
    "upsert: a document already stored is replaced; append: it is kept as it is", 0 },
  { "batch", GALLEY_PARAM_INT, "500", 1, 1000000, NULL,
    "documents per transaction", 0 },
  { "busy-timeout", GALLEY_PARAM_INT, "5000", 0, 3600000, NULL,
    "milliseconds to wait for another writer before failing", 0 },
  { "text", GALLEY_PARAM_BOOLEAN, "false", 0, 0, NULL,
    "store each document's text in documents.text", 0 },
  { "offsets", GALLEY_PARAM_CHOICE, "codepoint", 0, 0, offsets_choices,
    "unit of start and end: Unicode code points, bytes, or UTF-16 units", 0 },
  { "pipeline", GALLEY_PARAM_STRING, NULL, 0, 0, NULL,
    "a name recorded in runs.pipeline (default: $GALLEY_PIPELINE)", 0 },
  { NULL }
};

/* The statements, prepared once; their order matches sql[]. */
enum {
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_INSERT_RUN,
  STMT_UPDATE_RUN,
  STMT_FIND_DOC,
  STMT_DELETE_ENTITIES,
  STMT_DELETE_SENTENCES,
  STMT_DELETE_FEATURES,
  STMT_DELETE_DOC,
  STMT_INSERT_DOC,
  STMT_MOVE_DOC,
  STMT_UPDATE_DOC,
  N_STMTS
};

static const char *const sql[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_ROLLBACK] = "ROLLBACK",
  [STMT_INSERT_RUN] = "INSERT INTO runs (started_at, pipeline, documents) VALUES (?1, ?2, 0)",
  [STMT_UPDATE_RUN] = "UPDATE runs SET finished_at = ?2, documents = ?3 WHERE id = ?1",
  /* the stored version's doc_key, and the one SQLite would give a new row */
  [STMT_FIND_DOC] =
    "SELECT doc_key, (SELECT max(doc_key) FROM documents) + 1 FROM documents WHERE id = ?1",
  /* explicit, not ON DELETE CASCADE: see open_database_1 */
  /* a document's entities and sentences: its range of row_keys (schema.sql) */
  [STMT_DELETE_ENTITIES] =
    "DELETE FROM entity_rows WHERE row_key >= ?1 << 24 AND row_key < (?1 + 1) << 24",
  [STMT_DELETE_SENTENCES] =
    "DELETE FROM sentence_rows WHERE row_key >= ?1 << 24 AND row_key < (?1 + 1) << 24",
  [STMT_DELETE_FEATURES] = "DELETE FROM feature_rows WHERE doc_key = ?1",
  [STMT_DELETE_DOC] = "DELETE FROM documents WHERE doc_key = ?1",
  /* a stored id is left alone here; the caller learns it from changes() */
  [STMT_INSERT_DOC] =
    "INSERT INTO documents (id, title, url, source, published, text, meta, "
    "processed_at, run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT (id) DO NOTHING",
  /* a replacement's documents row: the stored one, given the new values
   * and the new version's doc_key ?10 (see replace_document) */
  [STMT_MOVE_DOC] =
    "UPDATE documents SET doc_key = ?10, id = ?1, title = ?2, url = ?3, source = ?4, "
    "published = ?5, text = ?6, meta = ?7, processed_at = ?8, run_id = ?9 "
    "WHERE doc_key = ?11",
  /* a replacement whose rows are the stored ones: the documents row
   * alone takes the new values, under its doc_key ?10 */
  [STMT_UPDATE_DOC] =
    "UPDATE documents SET title = ?2, url = ?3, source = ?4, published = ?5, "
    "text = ?6, meta = ?7, processed_at = ?8, run_id = ?9 "
    "WHERE doc_key = ?10 AND id = ?1",
};

typedef struct {
  char *path;
  sqlite3 *db;
  sqlite3_stmt *stmt[N_STMTS];
  GalleySqliteRows *rows;     /* the entity, sentence and feature rows */
  gboolean upsert;
  gboolean store_text;
  GalleyOffsetUnit offsets;
  guint batch;
  char *pipeline;
  gint64 busy_timeout;

  gint64 run_id;              /* 0 until the run's row is inserted */
  gboolean run_committed;     /* the run's row is in a committed batch */
  char started_at[32];
  gboolean in_batch;
  guint n_batch;              /* documents in the open batch */
  gint64 n_committed;         /* documents of this run in committed batches */
  GError *failed;             /* sticky: a batch that could not commit */
  gboolean indexes_deferred;  /* the file lacks indexes.sql's indexes */

  GString *meta;              /* scratch: metadata as JSON */
  gint64 stamp_second;        /* processed_at, formatted once a second */
  char stamp[32];
} ExportSqlite;

static void export_sqlite_free (gpointer data);

static gboolean
sql_error (ExportSqlite *self, const char *what, GError **error)
{
  return galley_sqlite_set_error (self->db, self->path, what, error);
}

/* run: steps a statement that returns no rows, then resets it. */
static gboolean
run (ExportSqlite *self, int which, const char *what, GError **error)
{
  sqlite3_stmt *stmt = self->stmt[which];
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return sql_error (self, what, error);
  return TRUE;
}

static void
format_utc (char *buf, gsize size, gint64 seconds)
{
  g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (seconds);
  g_autofree char *s = g_date_time_format (t, "%Y-%m-%dT%H:%M:%SZ");

  g_strlcpy (buf, s, size);
}

static const char *
now_stamp (ExportSqlite *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (now != self->stamp_second)
    {
      format_utc (self->stamp, sizeof self->stamp, now);
      self->stamp_second = now;
    }
  return self->stamp;
}

static gboolean open_database (ExportSqlite *self, GError **error);
static void rollback_batch (ExportSqlite *self);

/* begin_batch: opens the batch's transaction, and inserts the run's row
 * in the first one (so a run that never commits leaves no row). */
static gboolean
begin_batch (ExportSqlite *self, GError **error)
{
  if (self->in_batch)
    return TRUE;
  if (self->db == NULL && !open_database (self, error))
    return FALSE;
  if (!run (self, STMT_BEGIN, "cannot start a transaction", error))
    return FALSE;
  self->in_batch = TRUE;
  self->n_batch = 0;
  if (self->run_id == 0)
    {
      sqlite3_stmt *s = self->stmt[STMT_INSERT_RUN];
      sqlite3_bind_text (s, 1, self->started_at, -1, SQLITE_STATIC);
      if (self->pipeline)
        sqlite3_bind_text (s, 2, self->pipeline, -1, SQLITE_STATIC);
      if (!run (self, STMT_INSERT_RUN, "cannot record the run", error))
        {
          rollback_batch (self);
          return FALSE;
        }
      self->run_id = sqlite3_last_insert_rowid (self->db);
    }
  return TRUE;
}

static void
rollback_batch (ExportSqlite *self)
{
  if (!self->in_batch)
    return;
  /* ROLLBACK fails only when SQLite already rolled back (after an I/O
   * error, say); either way nothing of the batch remains */
  sqlite3_step (self->stmt[STMT_ROLLBACK]);
  sqlite3_reset (self->stmt[STMT_ROLLBACK]);
  self->in_batch = FALSE;
  self->n_batch = 0;
  if (!self->run_committed)
    self->run_id = 0;
}

/* commit_batch: records the run's count and commits. @finished stamps
 * runs.finished_at (commit() does; a full batch does not). A failure is
 * sticky: the documents of the batch are gone, and later writes and
 * commit() must say so, or the core would record them as done. */
/* break_sink: the batch is lost, and the sink with it: later writes and
 * commit() fail with @error's message. Whatever its cause, it is now the
 * sink's failure (GALLEY_STAGE_ERROR_IO), which stops the run; a
 * document's (_INPUT) would only reject each later document in turn. */
static void
break_sink (ExportSqlite *self, GError *error)
{
  error->code = GALLEY_STAGE_ERROR_IO;
  self->failed = g_error_copy (error);
  rollback_batch (self);
}

static gboolean
commit_batch (ExportSqlite *self, gboolean finished, GError **error)
{
  sqlite3_stmt *s = self->stmt[STMT_UPDATE_RUN];
  gint64 total = self->n_committed + self->n_batch;
  g_autoptr (GError) local = NULL;
  char finished_at[32];

  sqlite3_bind_int64 (s, 1, self->run_id);
  if (finished)
    {
      format_utc (finished_at, sizeof finished_at, g_get_real_time () / G_USEC_PER_SEC);
      sqlite3_bind_text (s, 2, finished_at, -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (s, 3, total);
  if (!run (self, STMT_UPDATE_RUN, "cannot record the run", &local)
      || !run (self, STMT_COMMIT, "cannot commit", &local))
    {
      break_sink (self, local);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  self->in_batch = FALSE;
  self->n_batch = 0;
  self->n_committed = total;
  self->run_committed = TRUE;
  return TRUE;
}

static void
bind_meta (sqlite3_stmt *stmt, int i, GalleyDocument *doc, const char *key,
           char **scratch)
{
  const GalleyValue *v = galley_document_get_meta_value (doc, key);

  if (v == NULL || v->type == GALLEY_VALUE_NONE)
    sqlite3_bind_null (stmt, i);
  else if (v->type == GALLEY_VALUE_STRING)
    sqlite3_bind_text (stmt, i, v->v.s, -1, SQLITE_STATIC);
  else
    {
      *scratch = galley_value_to_string (v);
      sqlite3_bind_text (stmt, i, *scratch, -1, SQLITE_STATIC);
    }
}

/* write_document_row: steps @which (STMT_INSERT_DOC, _MOVE_DOC or _UPDATE_DOC)
 * with the document's values bound to ?1 .. ?9; the caller has bound
 * any others. */
static gboolean
write_document_row (ExportSqlite *self, int which, GalleyDocument *doc,
                    const char *what, GError **error)
{
  sqlite3_stmt *s = self->stmt[which];
  const char *id = galley_document_get_id (doc);
  char *scratch[4] = { NULL, NULL, NULL, NULL };
  gboolean ok;
  gsize len;
  const char *text = galley_document_get_text (doc, &len);
  guint n_meta = galley_document_get_n_meta (doc);

  g_string_assign (self->meta, "{");
  for (guint i = 0; i < n_meta; i++)
    {
      const GalleyValue *value;
      const char *name = galley_document_get_meta_nth (doc, i, &value);
      if (i > 0)
        g_string_append_c (self->meta, ',');
      galley_json_append_string (self->meta, name, -1);
      g_string_append_c (self->meta, ':');
      galley_json_append_value (self->meta, value);
    }
  g_string_append_c (self->meta, '}');

  sqlite3_bind_text (s, 1, id, -1, SQLITE_STATIC);
  bind_meta (s, 2, doc, "title", &scratch[0]);
  bind_meta (s, 3, doc, "url", &scratch[1]);
  bind_meta (s, 4, doc, "source", &scratch[2]);
  bind_meta (s, 5, doc, "published", &scratch[3]);
  if (self->store_text)
    sqlite3_bind_text (s, 6, text, (int) len, SQLITE_STATIC);
  sqlite3_bind_text (s, 7, self->meta->str, (int) self->meta->len, SQLITE_STATIC);
  sqlite3_bind_text (s, 8, now_stamp (self), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s, 9, self->run_id);
  ok = run (self, which, what, error);
  for (int i = 0; i < 4; i++)
    g_free (scratch[i]);
  return ok;
}

/* insert_document: the documents row, unless one with the same id is
 * stored: then *key is 0 and nothing is written. Otherwise *key is the
 * new row's doc_key, which the document's other rows refer to. */
static gboolean
insert_document (ExportSqlite *self, GalleyDocument *doc, gint64 *key,
                 GError **error)
{
  *key = 0;
  if (!write_document_row (self, STMT_INSERT_DOC, doc, "cannot insert a document", error))
    return FALSE;
  if (sqlite3_changes (self->db) == 1)
    *key = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/* delete_rows: every row of the document stored under @key. */
static gboolean
delete_rows (ExportSqlite *self, gint64 key, GError **error)
{
  for (int k = STMT_DELETE_ENTITIES; k <= STMT_DELETE_DOC; k++)
    {
      sqlite3_bind_int64 (self->stmt[k], 1, key);
      if (!run (self, k, "cannot replace a document", error))
        return FALSE;
    }
  return TRUE;
}

/* ignored_error: the documents row went neither in nor over the stored
 * one: only a trigger of the user's that RAISEs IGNORE does that. */
static gboolean
ignored_error (ExportSqlite *self, GError **error)
{
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
               "%s: cannot insert a document: the database ignored its row "
               "(a trigger on documents?)", self->path);
  return FALSE;
}

/* update_document: the replacement of the document stored under @old
 * when its entity, sentence and feature rows are the stored ones (a
 * document processed again, unchanged): its documents row takes the new
 * values (title, meta, processed_at, run_id, ...) and keeps its
 * doc_key, and no other row is written. A failed UPDATE changes
 * nothing, so the caller has nothing to undo (*key stays 0).
 *
 * Writing the same rows again took most of a run over a file that
 * already held its documents: every stored row deleted, and every new
 * one inserted, each also out of and into the entities_norm index at a
 * random page. The default pipeline on 10,569 real news articles, a
 * second run into the database of the first (callgrind, the stage):
 * 6,290 M instructions replacing them, 1,657 M comparing and keeping;
 * its CPU time 1.24-1.44 s -> 0.26-0.31 s (six alternating rounds). A
 * run whose documents all changed pays the comparison up to the first
 * difference: 5,850 M -> 5,977 M (see sqlite-rows.c). */
static gboolean
update_document (ExportSqlite *self, GalleyDocument *doc, gint64 old, GError **error)
{
  sqlite3_bind_int64 (self->stmt[STMT_UPDATE_DOC], 10, old);
  if (!write_document_row (self, STMT_UPDATE_DOC, doc, "cannot replace a document", error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    return ignored_error (self, error);
  return TRUE;
}

/* replace_document: in upsert mode, once insert_document found the id
 * stored (under doc_key old). Rows the same as the stored ones are kept
 * (update_document). Otherwise without a savepoint, and so that a
 * failure before the last step leaves the stored version whole:
 *   1. the new version's rows go in under *key = the next doc_key, which
 *      no row has (a failure deletes them, as for a new document);
 *   2. the stored documents row takes the new values and *key, in one
 *      UPDATE (a failed one changes nothing; the same undo);
 *   3. the stored version's rows under old are deleted. A failure here
 *      cannot be undone row by row: *lost says so, and the caller gives
 *      the batch up. Only an I/O error (after which SQLite has rolled
 *      the transaction back anyway) or a user's trigger on deletes from
 *      the *_rows tables fails this step.
 * A savepoint around the whole replacement made SQLite copy every page
 * the document touched to a statement journal first: writing the first
 * 3,000 articles of a set of 10,569 real news articles again (default
 * pipeline, callgrind, export_sqlite_write) took 2,441 M instructions
 * with it, 1,781 M without. */
static gboolean
replace_document (ExportSqlite *self, GalleyDocument *doc, gint64 *key,
                  gboolean *lost, GError **error)
{
  sqlite3_stmt *find = self->stmt[STMT_FIND_DOC];
  sqlite3_stmt *move = self->stmt[STMT_MOVE_DOC];
  gint64 old = 0, next = 0;
  gboolean same;
  int rc;

  sqlite3_bind_text (find, 1, galley_document_get_id (doc), -1, SQLITE_STATIC);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    {
      old = sqlite3_column_int64 (find, 0);
      next = sqlite3_column_int64 (find, 1);
    }
  sqlite3_reset (find);
  sqlite3_clear_bindings (find);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sql_error (self, "cannot replace a document", error);
  /* neither stored nor insertable */
  if (rc == SQLITE_DONE)
    return ignored_error (self, error);
  if (!galley_sqlite_rows_stored (self->rows, doc, old, &same, error))
    return FALSE;
  if (same)
    return update_document (self, doc, old, error);

  *key = next;
  if (!galley_sqlite_rows_insert (self->rows, doc, *key, lost, error))
    return FALSE;
  sqlite3_bind_int64 (move, 10, *key);
  sqlite3_bind_int64 (move, 11, old);
  if (!write_document_row (self, STMT_MOVE_DOC, doc, "cannot replace a document", error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    return ignored_error (self, error);
  *lost = TRUE;
  if (!delete_rows (self, old, error))
    return FALSE;
  *lost = FALSE;
  return TRUE;
}

/* write_document: the document's rows, under *key. *kept says whether
 * append mode left a stored version as it was. On failure the
 * document's rows under *key may be half written: undo_document removes
 * them, unless *lost says that a stored version was half deleted. */
static gboolean
write_document (ExportSqlite *self, GalleyDocument *doc, gint64 *key,
                gboolean *lost, gboolean *kept, GError **error)
{
  *lost = FALSE;
  *kept = FALSE;
  if (!insert_document (self, doc, key, error))
    return FALSE;
  if (*key != 0)
    return galley_sqlite_rows_insert (self->rows, doc, *key, lost, error);
  *kept = !self->upsert;
  return *kept || replace_document (self, doc, key, lost, error);
}

/* undo_document: after write_document failed, deletes what it wrote
 * under @key, so that the batch goes on without the document (and a
 * replaced version stays as it was). FALSE when that is impossible:
 * SQLite rolled the whole transaction back (an I/O error, a full disk),
 * or @lost. */
static gboolean
undo_document (ExportSqlite *self, gint64 key, gboolean lost)
{
  if (sqlite3_get_autocommit (self->db) || lost)
    return FALSE;
  /* a failed statement wrote nothing (a one-row statement checks its
   * constraints before it writes; a trigger's runs under SQLite's own
   * statement journal), so deleting what the ones before it wrote
   * undoes the document */
  return key == 0 || delete_rows (self, key, NULL);
}

/* export_sqlite_write: writes @doc in the open batch, opening one if
 * needed, and commits the batch when it is full.
 *
 * A new document (the common case) is written without a savepoint, and
 * a failure deletes what it wrote. A savepoint would make SQLite copy
 * every page the document changes, as it was, into a statement journal
 * (some 45 pages, 180 KB, for a news article): 20% of the stage's
 * instructions (default pipeline, first 3,000 articles of
 * 10,569 real news articles: 3,141 M with it, 2,531 M without).
 * A document that replaces a stored version has none either: see
 * replace_document for the order that keeps the stored version whole. */
static gboolean
export_sqlite_write (gpointer data, GalleyDocument *doc, GError **error)
{
  ExportSqlite *self = data;
  g_autoptr (GError) local = NULL;
  gboolean lost, kept;
  gint64 key = 0;

  if (self->failed)
    {
      g_propagate_error (error, g_error_copy (self->failed));
      return FALSE;
    }
  if (galley_document_get_id (doc) == NULL || *galley_document_get_id (doc) == '\0')
    {
      const char *origin = galley_document_get_origin (doc);
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s%sa document without an id cannot be stored",
                   origin ? origin : "", origin ? ": " : "");
      return FALSE;
    }
  if (!begin_batch (self, error))
    return FALSE;

  if (!write_document (self, doc, &key, &lost, &kept, &local))
    {
      /* undo this document only; the batch goes on without it */
      g_prefix_error (&local, "document '%s': ", galley_document_get_id (doc));
      if (!undo_document (self, key, lost))
        {
          /* the batch is lost, and later writes must not pretend
           * otherwise */
          break_sink (self, local);
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!kept)
    self->n_batch++;
  if (self->n_batch >= self->batch)
    return commit_batch (self, FALSE, error);
  return TRUE;
}

/* build_indexes: creates the indexes of indexes.sql if the file lacks
 * them, in the open batch (so that they and the batch commit together)
 * or, with none open, in a transaction of their own.
 *
 * Why they may be missing: a run that starts on a new file (or on one
 * whose first run was killed before its first checkpoint) writes
 * without them and builds them here, at its first checkpoint or its
 * end. Kept up to date row by row, entities_norm and features_key took
 * 38% of the stage's CPU time and doubled what it wrote to disk; built
 * at once over the stored rows, they cost a sort. tests/export-sqlite's
 * make bench, 10,569 real news articles with layers, into a new file:
 * 0.26 s CPU and 66 MB written with them, 0.16 s and 28 MB without; the
 * default pipeline's output of the same articles (219,275 entities):
 * building both afterwards took 0.12 s. Until then a reader's query by
 * norm scans the table: slower, never wrong. A file that has the
 * indexes (every file after its first checkpoint) keeps them up to date
 * row by row. */
static gboolean
build_indexes (ExportSqlite *self, GError **error)
{
  gboolean own = !self->in_batch;

  if (!self->indexes_deferred)
    return TRUE;
  if (own && !run (self, STMT_BEGIN, "cannot start a transaction", error))
    return FALSE;
  if (!galley_sqlite_schema_create_indexes (self->db, self->path, error)
      || (own && !run (self, STMT_COMMIT, "cannot commit", error)))
    {
      if (own)
        {
          sqlite3_step (self->stmt[STMT_ROLLBACK]);
          sqlite3_reset (self->stmt[STMT_ROLLBACK]);
        }
      return FALSE;
    }
  self->indexes_deferred = FALSE;
  return TRUE;
}

static gboolean
export_sqlite_commit (gpointer data, GError **error)
{
  ExportSqlite *self = data;

  if (self->failed)
    {
      g_propagate_error (error, g_error_copy (self->failed));
      return FALSE;
    }
  /* a run with nothing open still records that it ran and finished */
  if (!begin_batch (self, error) || !build_indexes (self, error))
    return FALSE;
  return commit_batch (self, TRUE, error);
}

/* export_sqlite_checkpoint: commits the open batch (with the indexes,
 * if the file lacks them); the next write opens another. */
static GalleyCheckpointStatus
export_sqlite_checkpoint (gpointer data, GError **error)
{
  ExportSqlite *self = data;

  if (self->failed)
    {
      g_propagate_error (error, g_error_copy (self->failed));
      return GALLEY_CHECKPOINT_FAILED;
    }
  if (!build_indexes (self, error)
      || (self->in_batch && !commit_batch (self, FALSE, error)))
    return GALLEY_CHECKPOINT_FAILED;
  return GALLEY_CHECKPOINT_DONE;
}

static void
export_sqlite_discard (gpointer data)
{
  rollback_batch (data);
}

/* open_database: opens, checks (or creates the schema of) and prepares
 * the database. On failure the connection is closed again, so the next
 * attempt starts afresh. */
static gboolean open_database_1 (ExportSqlite *self, GError **error);

static gboolean
open_database (ExportSqlite *self, GError **error)
{
  if (open_database_1 (self, error))
    return TRUE;
  for (int i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmt[i], sqlite3_finalize);
  g_clear_pointer (&self->rows, galley_sqlite_rows_free);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  return FALSE;
}

static gboolean
open_database_1 (ExportSqlite *self, GError **error)
{
  int rc = sqlite3_open_v2 (self->path, &self->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                            | SQLITE_OPEN_NOMUTEX, NULL);
  gboolean has_indexes;

  if (rc != SQLITE_OK)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: cannot open the database: %s", self->path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 0);
  sqlite3_busy_timeout (self->db, (int) self->busy_timeout);
  /* The last connection to close would checkpoint and delete the WAL
   * under an exclusive lock, and a reader starting in those milliseconds
   * is refused with "database is locked". We checkpoint passively
   * instead (export_sqlite_free), which never blocks a reader, and leave
   * the -wal and -shm files in place. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  if (!galley_sqlite_schema_prepare (self->db, self->path, error)
      || !galley_sqlite_schema_has_indexes (self->db, self->path, &has_indexes, error))
    return FALSE;
  self->indexes_deferred = !has_indexes;
  /* Foreign keys off on this connection: with them on, SQLite looks the
   * parent document up for every entity, sentence and feature row, which
   * callgrind put at 30% of the stage (make bench, 4 MB corpus: 7.97 G
   * instructions in export_sqlite_write, 5.60 G without). The rows this
   * stage writes are consistent by construction (a document's rows go in
   * after it, in one transaction) and an upsert deletes the old rows
   * itself; for readers the schema deletes a document's rows with it
   * (the trigger documents_delete_rows, and feature_rows' REFERENCES
   * ... ON DELETE CASCADE), and the tests run PRAGMA foreign_key_check
   * and look for rows without a document. FULL so a committed batch
   * survives a power loss (see the top of this file). A batch of 500
   * news articles dirties some 4-8 MB of table and index pages; with
   * SQLite's default 2 MB cache they spill into the WAL before COMMIT
   * and are written twice. A 32 MB cache took `make bench` (16 MB
   * corpus, 8067 documents, 380k rows) from 1048 to 2914 documents/s;
   * a larger wal_autocheckpoint added nothing measurable.
   * temp_store=MEMORY: a savepoint around a document (in schema
   * version 1 every document had one; now none has, but a user's
   * trigger still runs under a statement journal) makes SQLite copy every page the document changes,
   * that existed before it, to a statement journal first, and past
   * 64 KiB (SQLITE_STMTJRNL_SPILL) that journal is a temporary file. A
   * news article changes some 45 existing pages of the tables and
   * indexes, so every document went through the file system twice:
   * 10,569 real news articles through the
   * default pipeline wrote 2,164 MB in 1,029,365 pwrite calls for a
   * 42 MB database, 474,880 of them to that journal. In memory, the
   * journal costs what one document's pages take (about 200 KB for an
   * article; never more than the pages the database had), and is freed
   * at its RELEASE. It is no free lunch: SQLite's in-memory journal
   * allocates in 1 KB chunks, so user-space instructions rise (callgrind,
   * first 2,000 of those articles: 2,793M -> 3,185M), but the system
   * time it saves is larger: on all of them, 79,565 pwrite calls instead
   * of 1,029,365, system time 0.52-0.64 s -> 0.20-0.23 s, CPU time in
   * all (perf task-clock) 2.13-2.15 s -> 1.92-1.99 s. */
  if (sqlite3_exec (self->db, "PRAGMA foreign_keys = OFF; PRAGMA synchronous = FULL; "
                    "PRAGMA journal_size_limit = " G_STRINGIFY (WAL_SIZE_LIMIT) "; "
                    "PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY",
                    NULL, NULL, NULL) != SQLITE_OK)
    return sql_error (self, "cannot configure the connection", error);
  for (int i = 0; i < N_STMTS; i++)
    if (sqlite3_prepare_v3 (self->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                            &self->stmt[i], NULL) != SQLITE_OK)
      return sql_error (self, "cannot prepare a statement", error);
  self->rows = galley_sqlite_rows_new (self->db, self->path, self->offsets);
  return TRUE;
}

static gpointer
export_sqlite_create (const GalleyParams *p, GError **error)
{
  ExportSqlite *self = g_new0 (ExportSqlite, 1);
  const char *pipeline = galley_params_get_string (p, "pipeline");

  self->meta = g_string_sized_new (256);
  /* the runner has expanded strftime patterns (GALLEY_PARAM_OUTPUT) */
  self->path = g_strdup (galley_params_get_path (p, "path"));
  self->upsert = galley_params_get_choice_index (p, "mode") == 0;
  self->batch = (guint) galley_params_get_int (p, "batch");
  self->busy_timeout = galley_params_get_int (p, "busy-timeout");
  self->store_text = galley_params_get_boolean (p, "text");
  self->offsets = (GalleyOffsetUnit[]) {
    GALLEY_OFFSETS_CODEPOINT, GALLEY_OFFSETS_BYTE, GALLEY_OFFSETS_UTF16
  }[galley_params_get_choice_index (p, "offsets")];
  if (pipeline == NULL || *pipeline == '\0')
    pipeline = g_getenv ("GALLEY_PIPELINE");
  self->pipeline = g_strdup (pipeline && *pipeline ? pipeline : NULL);
  format_utc (self->started_at, sizeof self->started_at,
              g_get_real_time () / G_USEC_PER_SEC);

  if (strcmp (self->path, "-") == 0)
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                   "parameter 'path': export-sqlite writes a database file, "
                   "not standard output");
      goto fail;
    }
  /* An existing file is checked now, so that a database of another
   * version stops the run before it reads anything. A new one is only
   * created when the first batch begins (or the run commits), so that
   * `galley validate`, or a run that fails to start, leaves no file. */
  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      /* SQLite would say only "unable to open database file" */
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: cannot open the database: %s", self->path, g_strerror (EISDIR));
      goto fail;
    }
  if (g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      if (!open_database (self, error))
        goto fail;
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (self->path);
      if (g_access (dir, W_OK) != 0)
        {
          int err = errno;
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                       "%s: cannot create the database: %s: %s", self->path,
                       dir, g_strerror (err));
          goto fail;
        }
    }
  return self;

fail:
  export_sqlite_free (self);
  return NULL;
}

static void
export_sqlite_free (gpointer data)
{
  ExportSqlite *self = data;

  rollback_batch (self);
  for (int i = 0; i < N_STMTS; i++)
    sqlite3_finalize (self->stmt[i]);
  galley_sqlite_rows_free (self->rows);
  /* Copy the WAL into the database file so that the file alone holds
   * every committed batch, and empty the WAL. Without a busy handler
   * TRUNCATE never waits: a reader still on an older snapshot only
   * stops it short (it then does what PASSIVE does), and the next run
   * or checkpoint finishes the job. It takes no lock a new reader
   * waits for. An empty WAL matters to readers too: the next process
   * to open the file rebuilds the WAL index from the WAL, and a reader
   * without a busy timeout that starts meanwhile is refused; over an
   * empty WAL that takes microseconds, over a 16 MB one milliseconds. */
  if (self->db != NULL)
    {
      sqlite3_busy_timeout (self->db, 0);
      sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    }
  sqlite3_close_v2 (self->db);
  g_clear_error (&self->failed);
  g_string_free (self->meta, TRUE);
  g_free (self->pipeline);
  g_free (self->path);
  g_free (self);
}

const GalleyStageClass galley_export_sqlite_stage = {
  .name = "export-sqlite",
  .kind = GALLEY_STAGE_SINK,
  .description = "Writes documents, entities, sentences and features to an SQLite database",
  .params = params,
  .create = export_sqlite_create,
  .write = export_sqlite_write,
  .commit = export_sqlite_commit,
  .checkpoint = export_sqlite_checkpoint,
  .discard = export_sqlite_discard,
  .free = export_sqlite_free,
};
