/* dup-store.c: see dup-store.h. */
#include "config.h"

#include <sqlite3.h>

#include <galley/galley.h>

#include "dup-store.h"

struct _DupStore {
  sqlite3 *db;
  char *path;
};

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE IF NOT EXISTS entries (id TEXT NOT NULL, t INTEGER NOT NULL, "
  "  sig BLOB NOT NULL);"
  "CREATE INDEX IF NOT EXISTS entries_t ON entries (t);";

static gboolean
fail (DupStore *store, const char *what, GError **error)
{
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
               "index '%s': %s: %s", store->path, what, sqlite3_errmsg (store->db));
  return FALSE;
}

/* The settings row: written by the first run, compared by later ones. */
static gboolean
check_settings (DupStore *store, const char *settings, GError **error)
{
  sqlite3_stmt *st = NULL;
  gboolean ok = TRUE;
  int rc;

  if (sqlite3_prepare_v2 (store->db, "SELECT value FROM settings WHERE key = 'signature'",
                          -1, &st, NULL) != SQLITE_OK)
    return fail (store, "cannot read", error);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      const char *have = (const char *) sqlite3_column_text (st, 0);
      if (g_strcmp0 (have, settings) != 0)
        {
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                       "index '%s' holds signatures made with '%s', and this stage "
                       "makes '%s': give another index= or delete the file",
                       store->path, have, settings);
          ok = FALSE;
        }
    }
  else if (rc != SQLITE_DONE)
    ok = fail (store, "cannot read", error);
  sqlite3_finalize (st);
  if (ok && rc == SQLITE_DONE)
    {
      char *sql = sqlite3_mprintf ("INSERT INTO settings VALUES ('signature', %Q)", settings);
      if (sqlite3_exec (store->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        ok = fail (store, "cannot write", error);
      sqlite3_free (sql);
    }
  return ok;
}

DupStore *
dup_store_open (const char *path, const char *settings, GError **error)
{
  DupStore *store = g_new0 (DupStore, 1);

  store->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK
      || sqlite3_busy_timeout (store->db, 10000) != SQLITE_OK
      || sqlite3_exec (store->db, schema, NULL, NULL, NULL) != SQLITE_OK)
    {
      fail (store, "cannot open", error);
      dup_store_free (store);
      return NULL;
    }
  if (!check_settings (store, settings, error))
    {
      dup_store_free (store);
      return NULL;
    }
  return store;
}

void
dup_store_free (DupStore *store)
{
  if (store == NULL)
    return;
  sqlite3_close (store->db);
  g_free (store->path);
  g_free (store);
}

gboolean
dup_store_load (DupStore *store, DupIndex *index, gint64 min_t, GError **error)
{
  sqlite3_stmt *st = NULL;
  int rc;

  /* counted first, so that the records are made once instead of
   * doubling (and copied) twenty times on the way to a million; the
   * entries go to the frozen table (dup-frozen.h) once all are read,
   * the run's new documents to the hash table */
  if (sqlite3_prepare_v2 (store->db, "SELECT count(*) FROM entries WHERE t >= ?",
                          -1, &st, NULL) != SQLITE_OK)
    return fail (store, "cannot read", error);
  sqlite3_bind_int64 (st, 1, min_t);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      guint n = (guint) CLAMP (sqlite3_column_int64 (st, 0), 0, G_MAXINT32);

      dup_index_reserve_entries (index, n);
    }
  sqlite3_finalize (st);
  if (sqlite3_prepare_v2 (store->db, "SELECT id, t, sig FROM entries WHERE t >= ? ORDER BY rowid",
                          -1, &st, NULL) != SQLITE_OK)
    return fail (store, "cannot read", error);
  sqlite3_bind_int64 (st, 1, min_t);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      if (sqlite3_column_bytes (st, 2) != MINHASH_K)
        {
          sqlite3_finalize (st);
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                       "index '%s': entry '%s' has a signature of %d bytes, not %d: "
                       "the file is damaged; delete it", store->path,
                       (const char *) sqlite3_column_text (st, 0),
                       sqlite3_column_bytes (st, 2), MINHASH_K);
          return FALSE;
        }
      dup_index_append (index, (const char *) sqlite3_column_text (st, 0),
                        sqlite3_column_int64 (st, 1), sqlite3_column_blob (st, 2));
    }
  sqlite3_finalize (st);
  if (rc != SQLITE_DONE)
    return fail (store, "cannot read", error);
  dup_index_freeze (index);
  return TRUE;
}

gboolean
dup_store_commit (DupStore *store, DupIndex *index, guint first, gint64 min_t,
                  GError **error)
{
  sqlite3_stmt *del = NULL, *ins = NULL;
  gboolean ok = FALSE;

  if (sqlite3_exec (store->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return fail (store, "cannot begin a transaction", error);
  if (sqlite3_prepare_v2 (store->db, "DELETE FROM entries WHERE t < ?", -1, &del, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (store->db, "INSERT INTO entries VALUES (?, ?, ?)", -1, &ins, NULL) != SQLITE_OK)
    goto out;
  sqlite3_bind_int64 (del, 1, min_t);
  if (sqlite3_step (del) != SQLITE_DONE)
    goto out;
  for (guint e = first; e < dup_index_get_n (index); e++)
    {
      sqlite3_reset (ins);
      sqlite3_bind_text (ins, 1, dup_index_get_id (index, e), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ins, 2, dup_index_get_time (index, e));
      sqlite3_bind_blob (ins, 3, dup_index_get_signature (index, e), MINHASH_K, SQLITE_STATIC);
      if (sqlite3_step (ins) != SQLITE_DONE)
        goto out;
    }
  ok = sqlite3_exec (store->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;

out:
  if (!ok)
    {
      fail (store, "cannot write", error);
      sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
    }
  sqlite3_finalize (del);
  sqlite3_finalize (ins);
  return ok;
}
