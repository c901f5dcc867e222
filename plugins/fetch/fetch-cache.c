/* fetch-cache.c: the readers' SQLite cache (see fetch-cache.h).
 *
 * Why a file of its own and not the run's state: plugins cannot reach the
 * core's state (the SDK gives them no handle on it, by design: the core
 * owns its protocol), and what a feed reader remembers (validators, the
 * guids a feed listed) is not a per-document record. An SDK key-value
 * store for sources could replace this file later. */
#include "config.h"

#include <sqlite3.h>
#include <galley/galley.h>

#include "fetch-cache.h"
#include "galley-file-ids-private.h"

struct _FetchCache {
  char *path;
  sqlite3 *db;
  GPtrArray *staged;   /* Op * in order */
};

typedef enum { OP_VALIDATORS, OP_SEEN, OP_FORGET } OpKind;

typedef struct {
  OpKind kind;
  char *a, *b, *c;
} Op;

/* A cache file's PRAGMA application_id (GALLEY_CACHE_APPLICATION_ID)
 * says it is one, so that cache= naming another database (the run's
 * state, export-sqlite's output: a typo) is refused instead of getting
 * the cache's tables added to it; Galley's other files are named. */

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT);"
  "CREATE TABLE IF NOT EXISTS seen (feed TEXT NOT NULL, item TEXT NOT NULL,"
  " PRIMARY KEY (feed, item)) WITHOUT ROWID;"
  "PRAGMA application_id = 1195787080;";  /* GALLEY_CACHE_APPLICATION_ID */

static void
op_free (gpointer data)
{
  Op *op = data;

  g_free (op->a);
  g_free (op->b);
  g_free (op->c);
  g_free (op);
}

static gboolean
sql_error (FetchCache *cache, GError **error)
{
  int code = sqlite3_errcode (cache->db);

  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO, "cache %s: %s%s",
               cache->path, sqlite3_errmsg (cache->db),
               code == SQLITE_NOTADB || code == SQLITE_CORRUPT
               ? ": the file is damaged, or not a cache; delete it (the next run "
                 "then fetches each feed or page whole once)"
               : "");
  return FALSE;
}

static gboolean
not_a_cache (FetchCache *cache, const char *what, GError **error)
{
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
               "cache %s: not a cache (%s); give cache= a file of its own", cache->path, what);
  return FALSE;
}

/* check_or_create: inside the open's transaction. A file marked as a
 * cache is used; an unmarked one that holds no table, or only the
 * cache's own (a cache made before the mark), gets the schema and the
 * mark; any other database is refused, untouched. */
static gboolean
check_or_create (FetchCache *cache, GError **error)
{
  sqlite3_stmt *st = NULL;
  g_autoptr (GString) others = g_string_new (NULL);
  gint64 app_id = 0;

  if (sqlite3_prepare_v2 (cache->db, "PRAGMA application_id", -1, &st, NULL) != SQLITE_OK)
    return sql_error (cache, error);
  if (sqlite3_step (st) == SQLITE_ROW)
    app_id = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  if (app_id == GALLEY_STATE_APPLICATION_ID)
    return not_a_cache (cache, "it is a run's state file", error);
  if (app_id == GALLEY_EXPORT_APPLICATION_ID)
    return not_a_cache (cache, "it is export-sqlite's database", error);
  if (app_id != 0 && app_id != GALLEY_CACHE_APPLICATION_ID)
    {
      g_autofree char *what = g_strdup_printf ("another program's database, application_id "
                                               "0x%08" G_GINT64_MODIFIER "x", app_id);
      return not_a_cache (cache, what, error);
    }
  if (app_id == 0)
    {
      if (sqlite3_prepare_v2 (cache->db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                              "AND name NOT IN ('validators', 'seen') ORDER BY name",
                              -1, &st, NULL) != SQLITE_OK)
        return sql_error (cache, error);
      while (sqlite3_step (st) == SQLITE_ROW)
        g_string_append_printf (others, "%s%s", others->len ? ", " : "",
                                (const char *) sqlite3_column_text (st, 0));
      sqlite3_finalize (st);
      if (others->len > 0)
        {
          g_autofree char *what = g_strdup_printf ("a database with tables the cache did not "
                                                   "make: %s", others->str);
          return not_a_cache (cache, what, error);
        }
    }
  return sqlite3_exec (cache->db, schema, NULL, NULL, NULL) == SQLITE_OK || sql_error (cache, error);
}

FetchCache *
fetch_cache_open (const char *path, GError **error)
{
  g_autoptr (FetchCache) cache = g_new0 (FetchCache, 1);

  cache->path = g_strdup (path);
  cache->staged = g_ptr_array_new_with_free_func (op_free);
  if (sqlite3_open_v2 (path, &cache->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK
      || sqlite3_busy_timeout (cache->db, 10000) != SQLITE_OK
      || sqlite3_exec (cache->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      sql_error (cache, error);
      return NULL;
    }
  if (!check_or_create (cache, error))
    {
      sqlite3_exec (cache->db, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }
  if (sqlite3_exec (cache->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      sql_error (cache, error);
      return NULL;
    }
  return g_steal_pointer (&cache);
}

void
fetch_cache_free (FetchCache *cache)
{
  if (cache == NULL)
    return;
  sqlite3_close (cache->db);
  g_ptr_array_unref (cache->staged);
  g_free (cache->path);
  g_free (cache);
}

static char *
column_text (sqlite3_stmt *st, int i)
{
  const unsigned char *s = sqlite3_column_text (st, i);

  return s ? g_strdup ((const char *) s) : NULL;
}

void
fetch_cache_get_validators (FetchCache *cache, const char *url, char **etag,
                            char **last_modified)
{
  sqlite3_stmt *st = NULL;

  *etag = *last_modified = NULL;
  if (sqlite3_prepare_v2 (cache->db, "SELECT etag, last_modified FROM validators WHERE url = ?",
                          -1, &st, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_text (st, 1, url, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      *etag = column_text (st, 0);
      *last_modified = column_text (st, 1);
    }
  sqlite3_finalize (st);
}

GHashTable *
fetch_cache_get_seen (FetchCache *cache, const char *feed)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *st = NULL;

  if (sqlite3_prepare_v2 (cache->db, "SELECT item FROM seen WHERE feed = ?", -1, &st, NULL) != SQLITE_OK)
    return set;
  sqlite3_bind_text (st, 1, feed, -1, SQLITE_STATIC);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_hash_table_add (set, column_text (st, 0));
  sqlite3_finalize (st);
  return set;
}

static void
stage (FetchCache *cache, OpKind kind, const char *a, const char *b, const char *c)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->a = g_strdup (a);
  op->b = g_strdup (b);
  op->c = g_strdup (c);
  g_ptr_array_add (cache->staged, op);
}

void
fetch_cache_stage_validators (FetchCache *cache, const char *url, const char *etag,
                              const char *last_modified)
{
  stage (cache, OP_VALIDATORS, url, etag, last_modified);
}

void
fetch_cache_stage_seen (FetchCache *cache, const char *feed, const char *key)
{
  stage (cache, OP_SEEN, feed, key, NULL);
}

void
fetch_cache_stage_forget (FetchCache *cache, const char *feed)
{
  stage (cache, OP_FORGET, feed, NULL, NULL);
}

static const char *const op_sql[] = {
  [OP_VALIDATORS] = "INSERT OR REPLACE INTO validators (url, etag, last_modified) VALUES (?, ?, ?)",
  [OP_SEEN] = "INSERT OR IGNORE INTO seen (feed, item) VALUES (?, ?)",
  [OP_FORGET] = "DELETE FROM seen WHERE feed = ?",
};

gboolean
fetch_cache_commit (FetchCache *cache, GError **error)
{
  sqlite3_stmt *st[G_N_ELEMENTS (op_sql)] = { NULL };
  gboolean ok = FALSE;

  if (cache->staged->len == 0)
    return TRUE;
  if (sqlite3_exec (cache->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return sql_error (cache, error);
  for (guint k = 0; k < G_N_ELEMENTS (op_sql); k++)
    if (sqlite3_prepare_v2 (cache->db, op_sql[k], -1, &st[k], NULL) != SQLITE_OK)
      goto out;
  for (guint i = 0; i < cache->staged->len; i++)
    {
      Op *op = g_ptr_array_index (cache->staged, i);
      sqlite3_stmt *s = st[op->kind];

      sqlite3_reset (s);
      sqlite3_bind_text (s, 1, op->a, -1, SQLITE_STATIC);
      if (op->kind != OP_FORGET)
        sqlite3_bind_text (s, 2, op->b, -1, SQLITE_STATIC);
      if (op->kind == OP_VALIDATORS)
        sqlite3_bind_text (s, 3, op->c, -1, SQLITE_STATIC);
      if (sqlite3_step (s) != SQLITE_DONE)
        goto out;
    }
  if (sqlite3_exec (cache->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    goto out;
  g_ptr_array_set_size (cache->staged, 0);
  ok = TRUE;
out:
  if (!ok)
    {
      sql_error (cache, error);
      sqlite3_exec (cache->db, "ROLLBACK", NULL, NULL, NULL);
    }
  for (guint k = 0; k < G_N_ELEMENTS (op_sql); k++)
    sqlite3_finalize (st[k]);
  return ok;
}
