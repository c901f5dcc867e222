/* sqlite-schema.c: creating and checking export-sqlite's schema. */
#include "config.h"

#include <gio/gio.h>

#include <galley/galley-error.h>

#include "export-sqlite-resources.h"
#include "sqlite-rows.h"
#include "sqlite-schema.h"

/* The compiled-in SQL files. */
enum {
  SQL_SCHEMA, SQL_INDEXES,
  SQL_MIGRATE_1_RENAME, SQL_MIGRATE_1_COPY,
  SQL_MIGRATE_2_RENAME, SQL_MIGRATE_2_COPY, SQL_MIGRATE_3,
  N_SQL
};
static const char *const sql_files[N_SQL] = {
  [SQL_SCHEMA] = "/org/galley/export-sqlite/schema.sql",
  [SQL_INDEXES] = "/org/galley/export-sqlite/indexes.sql",
  [SQL_MIGRATE_1_RENAME] = "/org/galley/export-sqlite/migrate-1-rename.sql",
  [SQL_MIGRATE_1_COPY] = "/org/galley/export-sqlite/migrate-1-copy.sql",
  [SQL_MIGRATE_2_RENAME] = "/org/galley/export-sqlite/migrate-2-rename.sql",
  [SQL_MIGRATE_2_COPY] = "/org/galley/export-sqlite/migrate-2-copy.sql",
  [SQL_MIGRATE_3] = "/org/galley/export-sqlite/migrate-3.sql",
};

/* sql_text: the text of sql_files[@which], NUL-terminated (GResource
 * data is), looked up once and kept for the life of the process. */
static const char *
sql_text (int which)
{
  static GBytes *texts[N_SQL];

  if (g_once_init_enter (&texts[which]))
    {
      GBytes *bytes = g_resource_lookup_data (export_sqlite_get_resource (),
                                              sql_files[which],
                                              G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      /* compiled in: missing means a broken build, not a user error */
      g_assert (bytes != NULL);
      g_once_init_leave (&texts[which], bytes);
    }
  return g_bytes_get_data (texts[which], NULL);
}

const char *
galley_sqlite_schema_get_sql (void)
{
  return sql_text (SQL_SCHEMA);
}

static gboolean
sql_error (sqlite3 *db, const char *path, const char *what, GError **error)
{
  return galley_sqlite_set_error (db, path, what, error);
}

/* query_int: the first column of @sql's first row; @what names the
 * step in the message of a failure. */
static gboolean
query_int (sqlite3 *db, const char *path, const char *sql, const char *what,
           gint64 *value, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sql_error (db, path, what, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* list_tables: the names of the file's own tables, sorted. */
static GPtrArray *
list_tables (sqlite3 *db, const char *path, GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db,
                               "SELECT name FROM sqlite_schema WHERE type = 'table' "
                               "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                               -1, &stmt, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    {
      sql_error (db, path, "cannot read the schema", error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&names);
}

static char *
join (GPtrArray *names)
{
  g_autoptr (GString) s = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "",
                            (const char *) g_ptr_array_index (names, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
has_table (GPtrArray *names, const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (names, i), name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
refuse (GError **error, const char *path, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static gboolean
refuse (GError **error, const char *path, const char *fmt, ...)
{
  g_autofree char *msg = NULL;
  va_list ap;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT, "%s: %s",
               path, msg);
  return FALSE;
}

/* exec_sql: runs @sql (several statements); @what names the step. */
static gboolean
exec_sql (sqlite3 *db, const char *path, const char *sql, const char *what,
          GError **error)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) == SQLITE_OK)
    return TRUE;
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO, "%s: %s: %s",
               path, what, msg ? msg : sqlite3_errmsg (db));
  sqlite3_free (msg);
  return FALSE;
}

/* has_tables: whether every name of @required (NULL-terminated) is one
 * of @tables; if not, the refusal names the first one missing. */
static gboolean
has_tables (GPtrArray *tables, const char *const *required, gint64 version,
            const char *path, GError **error)
{
  for (; *required; required++)
    if (!has_table (tables, *required))
      return refuse (error, path,
                     "the database has schema version %" G_GINT64_FORMAT
                     " but no table '%s'; another program changed it",
                     version, *required);
  return TRUE;
}

/* migrate: version @from (1, 2 or 3) to the current one, in the
 * caller's transaction. From 1 or 2 the old tables move aside,
 * schema.sql creates the current ones, the rows are copied over (see
 * migrate-N-rename.sql): one copy of the file's rows, once. From 3 the
 * tables stay and only entities_norm is dropped (migrate-3.sql). Either
 * way the indexes are then built over the rows. */
static gboolean
migrate (sqlite3 *db, const char *path, gint64 from, GError **error)
{
  g_autofree char *what = g_strdup_printf ("cannot migrate the database from "
                                           "schema version %" G_GINT64_FORMAT, from);
  int rename = from == 1 ? SQL_MIGRATE_1_RENAME : SQL_MIGRATE_2_RENAME;
  int copy = from == 1 ? SQL_MIGRATE_1_COPY : SQL_MIGRATE_2_COPY;

  if (from == 3)
    return exec_sql (db, path, sql_text (SQL_MIGRATE_3), what, error)
           && exec_sql (db, path, sql_text (SQL_INDEXES), what, error);
  return exec_sql (db, path, sql_text (rename), what, error)
         && exec_sql (db, path, sql_text (SQL_SCHEMA), what, error)
         && exec_sql (db, path, sql_text (copy), what, error)
         && exec_sql (db, path, sql_text (SQL_INDEXES), what, error);
}

/* check_or_create: inside the IMMEDIATE transaction. The decision table:
 *   ours, this version, all tables         use it
 *   ours or unmarked, newer version        refuse: a newer Galley wrote it
 *   ours, version 1, 2 or 3, all tables    migrate to this version
 *   ours, another older version            refuse (there is none)
 *   another application_id                 refuse: another program's file
 *   unmarked, version 0, no tables         new file: create the schema
 *   unmarked, anything else                refuse: not Galley's layout
 */
static gboolean
check_or_create (sqlite3 *db, const char *path, GError **error)
{
  const gint64 current = GALLEY_SQLITE_SCHEMA_VERSION;
  static const char *const required[] = {
    "documents", "entity_rows", "feature_rows", "runs", "sentence_rows", NULL
  };
  static const char *const required_1[] = {
    "documents", "entities", "features", "runs", "sentences", NULL
  };
  g_autoptr (GPtrArray) tables = NULL;
  gint64 app_id, version;

  if (!query_int (db, path, "PRAGMA application_id", "cannot read the schema version",
                  &app_id, error)
      || !query_int (db, path, "PRAGMA user_version", "cannot read the schema version",
                     &version, error))
    return FALSE;
  tables = list_tables (db, path, error);
  if (tables == NULL)
    return FALSE;

  if (app_id != 0 && app_id != GALLEY_SQLITE_APP_ID)
    return refuse (error, path,
                   "not a Galley database (application_id 0x%08" G_GINT64_MODIFIER
                   "x, Galley writes 0x%08x); give path= another file",
                   app_id, GALLEY_SQLITE_APP_ID);
  if (version > current && (app_id == GALLEY_SQLITE_APP_ID || has_table (tables, "documents")))
    return refuse (error, path,
                   "the database has schema version %" G_GINT64_FORMAT
                   ", newer than version %" G_GINT64_FORMAT " that this "
                   "export-sqlite writes; use the Galley that wrote it, or "
                   "another file", version, current);
  if (app_id == GALLEY_SQLITE_APP_ID && version == current)
    return has_tables (tables, required, version, path, error);
  if (app_id == GALLEY_SQLITE_APP_ID && version == 1)
    return has_tables (tables, required_1, version, path, error)
           && migrate (db, path, 1, error);
  /* versions 2 and 3 had the same five tables */
  if (app_id == GALLEY_SQLITE_APP_ID && (version == 2 || version == 3))
    return has_tables (tables, required, version, path, error)
           && migrate (db, path, version, error);
  if (app_id == GALLEY_SQLITE_APP_ID)
    return refuse (error, path,
                   "the database has schema version %" G_GINT64_FORMAT
                   ", older than version %" G_GINT64_FORMAT " that this "
                   "export-sqlite writes, and no migration from it is known",
                   version, current);
  if (version == 0 && tables->len == 0)
    return exec_sql (db, path, sql_text (SQL_SCHEMA), "cannot create the schema", error);
  {
    g_autofree char *names = join (tables);
    g_autofree char *what = tables->len > 0
      ? g_strdup_printf ("tables export-sqlite did not create (%s)", names)
      : g_strdup ("no tables: another program's file, not one export-sqlite made");
    return refuse (error, path,
                   "the database has schema version %" G_GINT64_FORMAT
                   "%s and %s; it writes schema version %" G_GINT64_FORMAT
                   " and will not change this file: give path= a new file",
                   version, version == 0 ? " (no user_version)" : "",
                   what, current);
  }
}

gboolean
galley_sqlite_schema_prepare (sqlite3 *db, const char *path, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  int rc;

  /* A new file gets pages of 16 KiB instead of SQLite's 4: fewer pages
   * to split and to write for the same rows, and a WAL checkpointed
   * less often (wal_autocheckpoint counts pages). The default pipeline
   * on 10,569 real news articles into a new file, the stage's own CPU
   * time (user + system, less the same run into export-jsonl), nine
   * alternating pairs, load 5-7: 0.40-0.47 s with 4 KiB pages,
   * 0.36-0.42 s with 16 KiB, lower in every pair; 8 KiB in between
   * (0.38-0.42 s). Instructions barely move (callgrind, first 3,000 of
   * those articles: 1,031 M, 1,018 M with 8 KiB, 1,020 M with 16 KiB):
   * the gain is in system time and fewer mispredicted branches. A file
   * that has pages keeps their size (WAL mode cannot change it), so
   * this only takes on a new or empty file, before anything is
   * written. */
  if (sqlite3_exec (db, "PRAGMA page_size = 16384", NULL, NULL, NULL) != SQLITE_OK)
    return sql_error (db, path, "cannot open the database", error);
  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      if (sqlite3_errcode (db) == SQLITE_NOTADB)
        return refuse (error, path, "not an SQLite database");
      return sql_error (db, path, "cannot open the database", error);
    }
  ok = check_or_create (db, path, error);
  if (!ok)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      sql_error (db, path, "cannot create the schema", error);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  /* WAL: readers see the last committed batch and never wait for the
   * writer, and a killed writer leaves only uncommitted frames that the
   * next open ignores. The mode sticks to the file. */
  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return sql_error (db, path, "cannot switch to WAL mode", error);
  return TRUE;
}

gboolean
galley_sqlite_schema_has_indexes (sqlite3 *db, const char *path,
                                  gboolean *has, GError **error)
{
  gint64 n;

  if (!query_int (db, path,
                  "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
                  "AND name IN ('documents_published', 'documents_run', "
                  "'entities_norm', 'features_key')",
                  "cannot read the schema", &n, error))
    return FALSE;
  *has = n == 4;
  return TRUE;
}

/* The index build's sorter holds its records in one growing buffer
 * only when temporary storage is a file: with temp_store=MEMORY (the
 * stage's setting, see export-sqlite.c) SQLite mallocs, and later
 * frees, every record on its own. For the default pipeline's output of
 * 10,569 real news articles that was 261,549 malloc calls of some 360
 * instructions, and the index build (the stage's commit) went from
 * 1,192 M to 1,003 M instructions in one buffer (callgrind). FILE
 * spills the sort to a temporary file only past the cache size (32 MB;
 * those articles' entities take some 10 MB). The setting changes
 * inside the open transaction, since the connection has no temporary
 * tables; were it refused, the build would run as before, so its
 * result is ignored. (A migration builds its indexes before the stage
 * sets temp_store, in SQLite's default, a file.) */
gboolean
galley_sqlite_schema_create_indexes (sqlite3 *db, const char *path, GError **error)
{
  gboolean ok;

  sqlite3_exec (db, "PRAGMA temp_store = FILE", NULL, NULL, NULL);
  ok = exec_sql (db, path, sql_text (SQL_INDEXES), "cannot create the indexes", error);
  sqlite3_exec (db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
  return ok;
}
