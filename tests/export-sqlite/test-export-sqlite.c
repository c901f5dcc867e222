/* test-export-sqlite.c: the export-sqlite stage, through the harness,
 * checked with queries on a second connection. */
#include "config.h"

#include <check.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "export-sqlite.h"
#include "lib/doc-fixtures.h"
#include "lib/io-test.h"
#include "lib/sink-harness.h"

static char *dir;
static char *db_path;

static void
setup (void)
{
  dir = io_test_tmpdir ();
  db_path = g_build_filename (dir, "news.db", NULL);
}

static void
teardown (void)
{
  io_test_rmtree (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db_path, g_free);
}

/* The stage in the harness (tests/lib/sink-harness.h). */
#define build(...) sink_build (&galley_export_sqlite_stage, __VA_ARGS__)
#define build_error(...) sink_build_error (&galley_export_sqlite_stage, __VA_ARGS__)
#define build_va(path, error, ap) sink_build_va (&galley_export_sqlite_stage, path, error, ap)
#define run(h, doc) sink_run (h, doc)
#define commit(h) sink_commit (h)

/* export: @docs (NULL-terminated) through one run that commits. */
static void
export (GalleyDocument **docs, ...) G_GNUC_NULL_TERMINATED;

static void
export (GalleyDocument **docs, ...)
{
  g_autoptr (GError) error = NULL;
  GalleyHarness *h;
  va_list ap;

  va_start (ap, docs);
  h = build_va (db_path, &error, ap);
  va_end (ap);
  ck_assert_msg (h != NULL, "%s", error ? error->message : "");
  for (; *docs; docs++)
    run (h, *docs);
  commit (h);
  galley_harness_free (h);
}

static sqlite3 *
reader (void)
{
  sqlite3 *db = NULL;

  ck_assert_int_eq (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
  sqlite3_busy_timeout (db, 0);
  return db;
}

/* query_db: the rows of @sql as text, "|" between columns and "\n"
 * between rows, NULL for SQL NULL, as the sqlite3 shell prints them. */
static char *
query_db (sqlite3 *db, const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  ck_assert_msg (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK,
                 "%s: %s", sql, sqlite3_errmsg (db));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (out->len)
        g_string_append_c (out, '\n');
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *v = (const char *) sqlite3_column_text (stmt, i);
          g_string_append_printf (out, "%s%s", i ? "|" : "", v ? v : "NULL");
        }
    }
  ck_assert_msg (rc == SQLITE_DONE, "%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static char *
query (const char *sql)
{
  sqlite3 *db = reader ();
  char *result = query_db (db, sql);

  sqlite3_close (db);
  return result;
}

#define ck_assert_query(sql, expected) \
  G_STMT_START { \
    g_autofree char *got_ = query (sql); \
    ck_assert_str_eq (got_, expected); \
  } G_STMT_END

#define ck_assert_query_db(db, sql, expected) \
  G_STMT_START { \
    g_autofree char *got_ = query_db (db, sql); \
    ck_assert_str_eq (got_, expected); \
  } G_STMT_END

static void
exec_sql (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *msg = NULL;

  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  ck_assert_msg (sqlite3_exec (db, sql, NULL, NULL, &msg) == SQLITE_OK, "%s", msg);
  sqlite3_close (db);
}

static GalleyDocument *
simple_doc (const char *id, const char *title)
{
  GalleyDocument *doc = fixture_doc (id, "Ada Lovelace wrote to Charles Babbage.",
                                     title, "2024-05-01T08:00:00Z", "Wire", NULL);
  guint at = fixture_add_entity (doc, 0, "Ada Lovelace", "PERSON", "Ada Lovelace", 1, 0.1, 1);

  fixture_add_entity (doc, at, "Charles Babbage", "PERSON", "Charles Babbage", 2, 0.1, 1);
  fixture_add_sentence (doc, 0, "Ada Lovelace wrote to Charles Babbage.", 0.1, 0.1, 0, 0.9);
  fixture_set_sentiment (doc, 0.1, 0.1, 0.0, 0.9);
  return doc;
}

/* write_simple_docs: documents d0 .. d(n-1), simple_doc's, through @h */
static void
write_simple_docs (GalleyHarness *h, int n)
{
  for (int i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("d%d", i);
      g_autoptr (GalleyDocument) doc = simple_doc (id, "T");
      run (h, doc);
    }
}

static void check_consistent (void);

/* ---- schema ---- */

START_TEST (test_new_database_gets_schema_version_and_wal)
{
  GalleyHarness *h = build (db_path, NULL);

  commit (h);
  galley_harness_free (h);
  ck_assert_query ("PRAGMA user_version", "4");
  ck_assert_query ("PRAGMA application_id", "1195461721");
  ck_assert_query ("PRAGMA journal_mode", "wal");
  ck_assert_query ("PRAGMA page_size", "16384");
  ck_assert_query ("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
                   "documents\nentity_rows\nfeature_rows\nruns\nsentence_rows");
  ck_assert_query ("SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name",
                   "entities\nfeatures\nsentences");
  ck_assert_query ("SELECT name FROM sqlite_schema WHERE type = 'index' "
                   "AND name NOT LIKE 'sqlite_%' ORDER BY name",
                   "documents_published\ndocuments_run\nentities_norm\nfeatures_key");
  ck_assert_query ("SELECT sql FROM sqlite_schema WHERE name = 'entities_norm'",
                   "CREATE INDEX entities_norm ON entity_rows (norm)");
}
END_TEST

/* plan: the detail column of EXPLAIN QUERY PLAN @sql, a line per step. */
static char *
plan (const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autofree char *rows = query (explain);
  GString *out = g_string_new (NULL);
  gchar **lines = g_strsplit (rows, "\n", -1);

  for (gchar **l = lines; *l; l++)
    {
      const char *bar = strrchr (*l, '|');
      g_string_append_printf (out, "%s%s", out->len ? "\n" : "", bar ? bar + 1 : *l);
    }
  g_strfreev (lines);
  return g_string_free (out, FALSE);
}

#define ck_assert_plan(sql, expected) \
  G_STMT_START { \
    g_autofree char *got_ = plan (sql); \
    ck_assert_str_eq (got_, expected); \
  } G_STMT_END

START_TEST (test_indexes_serve_the_obvious_queries)
{
  GalleyHarness *h = build (db_path, NULL);

  commit (h);
  galley_harness_free (h);
  ck_assert_plan ("SELECT doc_id FROM entities WHERE norm = 'Emmanuel Macron'",
                  "SEARCH e USING COVERING INDEX entities_norm (norm=?)\n"
                  "SEARCH d USING INTEGER PRIMARY KEY (rowid=?)");
  ck_assert_plan ("SELECT * FROM entities WHERE doc_id = 'x'",
                  "SEARCH d USING COVERING INDEX sqlite_autoindex_documents_1 (id=?)\n"
                  "SEARCH e USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)");
  /* a version 1 query: the view's join and the query's own */
  ck_assert_plan ("SELECT d.published, d.title FROM entities e "
                  "JOIN documents d ON d.id = e.doc_id WHERE e.norm = 'European Commission'",
                  "SEARCH e USING COVERING INDEX entities_norm (norm=?)\n"
                  "SEARCH d USING INTEGER PRIMARY KEY (rowid=?)\n"
                  "SEARCH d USING INDEX sqlite_autoindex_documents_1 (id=?)");
  ck_assert_plan ("SELECT id FROM documents WHERE published >= '2024-05-01'",
                  "SEARCH documents USING INDEX documents_published (published>?)");
}
END_TEST

/* assert_refused_untouched: building the stage on db_path fails with
 * "DB_PATH: @message", and leaves the file byte for byte as it was. */
static void
assert_refused_untouched (const char *message)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *msg = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: %s", db_path, message);
  gsize before_len, after_len;

  ck_assert (g_file_get_contents (db_path, &before, &before_len, NULL));
  msg = build_error (db_path, NULL);
  ck_assert_str_eq (msg, expected);
  ck_assert (g_file_get_contents (db_path, &after, &after_len, NULL));
  ck_assert_uint_eq (before_len, after_len);
  ck_assert (memcmp (before, after, before_len) == 0);
}

/* The schema of version 1, as export-sqlite wrote it before version 2,
 * and a few rows as it wrote them. */
static const char schema_v1[] =
  "CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL,"
  "  finished_at TEXT, pipeline TEXT, documents INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE documents (id TEXT PRIMARY KEY NOT NULL, title TEXT, url TEXT,"
  "  source TEXT, published TEXT, text TEXT, meta TEXT NOT NULL DEFAULT '{}',"
  "  processed_at TEXT NOT NULL,"
  "  run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL);"
  "CREATE INDEX documents_published ON documents (published);"
  "CREATE INDEX documents_run ON documents (run_id);"
  "CREATE TABLE entities (doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  start INTEGER NOT NULL, end INTEGER NOT NULL, type TEXT NOT NULL,"
  "  text TEXT NOT NULL, norm TEXT, cluster INTEGER, sentiment REAL, mentions INTEGER);"
  "CREATE INDEX entities_doc ON entities (doc_id);"
  "CREATE INDEX entities_norm ON entities (norm, type);"
  "CREATE INDEX entities_type ON entities (type);"
  "CREATE TABLE sentences (doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,"
  "  compound REAL, pos REAL, neg REAL, neu REAL, PRIMARY KEY (doc_id, idx)) WITHOUT ROWID;"
  "CREATE TABLE features (doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL, value, PRIMARY KEY (doc_id, key)) WITHOUT ROWID;"
  "CREATE INDEX features_key ON features (key);"
  "PRAGMA application_id = 1195461721;"
  "PRAGMA user_version = 1;";

static const char rows_v1[] =
  "INSERT INTO runs VALUES (1, '2024-05-01T08:00:00Z', '2024-05-01T08:01:00Z', 'old', 2);"
  "INSERT INTO documents VALUES ('z', 'Zed', 'https://z', 'Wire', '2024-05-01', NULL,"
  "  '{\"title\":\"Zed\"}', '2024-05-01T08:00:30Z', 1);"
  "INSERT INTO documents VALUES ('a', 'Ay', NULL, NULL, NULL, 'Ada met Bob. Then Ada left.',"
  "  '{}', '2024-05-01T08:00:31Z', 1);"
  "INSERT INTO entities VALUES ('a', 0, 3, 'PERSON', 'Ada', 'Ada', 0, 0.5, 2);"
  "INSERT INTO entities VALUES ('z', 0, 3, 'ORG', 'Zed', 'Zed Ltd', 0, NULL, 1);"
  "INSERT INTO entities VALUES ('a', 8, 11, 'PERSON', 'Bob', 'Bob', 1, NULL, 1);"
  "INSERT INTO entities VALUES ('a', 18, 21, 'PERSON', 'Ada', 'Ada', 0, 0.5, 2);"
  "INSERT INTO sentences VALUES ('a', 0, 0, 12, 0.1, 0.2, 0.0, 0.8);"
  "INSERT INTO sentences VALUES ('a', 1, 13, 27, NULL, NULL, NULL, NULL);"
  "INSERT INTO features VALUES ('a', 'sentiment.compound', 0.25);"
  "INSERT INTO features VALUES ('z', 'language', 'en');";

START_TEST (test_version_1_database_is_migrated)
{
  GalleyHarness *h;

  exec_sql (db_path, schema_v1);
  exec_sql (db_path, rows_v1);
  h = build (db_path, NULL);
  galley_harness_free (h);
  ck_assert_query ("PRAGMA user_version", "4");
  ck_assert_query ("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') "
                   "ORDER BY name",
                   "documents\nentities\nentity_rows\nfeature_rows\nfeatures\n"
                   "runs\nsentence_rows\nsentences");
  ck_assert_query ("SELECT * FROM runs", "1|2024-05-01T08:00:00Z|2024-05-01T08:01:00Z|old|2");
  ck_assert_query ("SELECT * FROM documents ORDER BY doc_key",
                   "1|z|Zed|https://z|Wire|2024-05-01|NULL|{\"title\":\"Zed\"}|"
                   "2024-05-01T08:00:30Z|1\n"
                   "2|a|Ay|NULL|NULL|NULL|Ada met Bob. Then Ada left.|{}|"
                   "2024-05-01T08:00:31Z|1");
  ck_assert_query ("SELECT * FROM entities ORDER BY doc_id, idx",
                   "a|0|0|3|PERSON|Ada|Ada|0|0.5|2\n"
                   "a|1|8|11|PERSON|Bob|Bob|1|NULL|1\n"
                   "a|2|18|21|PERSON|Ada|Ada|0|0.5|2\n"
                   "z|0|0|3|ORG|Zed|Zed Ltd|0|NULL|1");
  ck_assert_query ("SELECT * FROM sentences ORDER BY doc_id, idx",
                   "a|0|0|12|0.1|0.2|0.0|0.8\na|1|13|27|NULL|NULL|NULL|NULL");
  ck_assert_query ("SELECT doc_id, key, value, typeof(value) FROM features ORDER BY doc_id",
                   "a|sentiment.compound|0.25|real\nz|language|en|text");
  check_consistent ();
}
END_TEST

START_TEST (test_migrated_database_takes_new_runs)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A again");
  GalleyDocument *docs[] = { a, NULL };

  exec_sql (db_path, schema_v1);
  exec_sql (db_path, rows_v1);
  export (docs, NULL);
  /* a replacement takes the next doc_key (the schema says refer to
   * documents by id) */
  ck_assert_query ("SELECT doc_key, id, title, run_id FROM documents ORDER BY doc_key",
                   "1|z|Zed|1\n3|a|A again|2");
  ck_assert_query ("SELECT doc_id, idx, text FROM entities ORDER BY doc_id, idx",
                   "a|0|Ada Lovelace\na|1|Charles Babbage\nz|0|Zed");
  ck_assert_query ("SELECT id, documents FROM runs", "1|2\n2|1");
  check_consistent ();
}
END_TEST

START_TEST (test_version_1_database_without_a_table_is_refused_untouched)
{
  exec_sql (db_path, schema_v1);
  exec_sql (db_path, "DROP TABLE features");
  assert_refused_untouched ("the database has schema version 1 but no table "
                            "'features'; another program changed it");
}
END_TEST

/* migration_fails: a file of @schema with @rows, and @in_the_way (a
 * table the migration trips over), refuses to be built with "DB_PATH:
 * @message" and keeps schema version @version, its tables and views
 * (@names, sorted) and its four entities. */
static void
migration_fails (const char *schema, const char *rows, const char *in_the_way,
                 const char *message, const char *version, const char *names)
{
  g_autofree char *msg = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: %s", db_path, message);

  exec_sql (db_path, schema);
  exec_sql (db_path, rows);
  exec_sql (db_path, in_the_way);
  msg = build_error (db_path, NULL);
  ck_assert_str_eq (msg, expected);
  ck_assert_query ("PRAGMA user_version", version);
  ck_assert_query ("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') "
                   "ORDER BY name", names);
  ck_assert_query ("SELECT count(*) FROM entities", "4");
}

START_TEST (test_failed_migration_leaves_version_1)
{
  /* a table in the way of the current version, so the migration fails
   * half way */
  migration_fails (schema_v1, rows_v1, "CREATE TABLE entity_rows (x)",
                   "cannot migrate the database from schema version 1: "
                   "table entity_rows already exists", "1",
                   "documents\nentities\nentity_rows\nfeatures\nruns\nsentences");
}
END_TEST

/* The schema of version 2, as export-sqlite wrote it before version 3
 * (indexes and views as it made them), and a few rows as it wrote them:
 * two documents, the second one's entities out of key order on disk. */
static const char schema_v2[] =
  "CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL,"
  "  finished_at TEXT, pipeline TEXT, documents INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE documents (doc_key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
  "  title TEXT, url TEXT, source TEXT, published TEXT, text TEXT,"
  "  meta TEXT NOT NULL DEFAULT '{}', processed_at TEXT NOT NULL,"
  "  run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL);"
  "CREATE INDEX documents_published ON documents (published);"
  "CREATE INDEX documents_run ON documents (run_id);"
  "CREATE TABLE entity_rows (doc_key INTEGER NOT NULL REFERENCES documents (doc_key)"
  "  ON DELETE CASCADE, idx INTEGER NOT NULL, start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL, type TEXT NOT NULL, text TEXT NOT NULL, norm TEXT,"
  "  cluster INTEGER, sentiment REAL, mentions INTEGER,"
  "  PRIMARY KEY (doc_key, idx)) WITHOUT ROWID;"
  "CREATE TABLE sentence_rows (doc_key INTEGER NOT NULL REFERENCES documents (doc_key)"
  "  ON DELETE CASCADE, idx INTEGER NOT NULL, start INTEGER NOT NULL,"
  "  end INTEGER NOT NULL, compound REAL, pos REAL, neg REAL, neu REAL,"
  "  PRIMARY KEY (doc_key, idx)) WITHOUT ROWID;"
  "CREATE TABLE feature_rows (doc_key INTEGER NOT NULL REFERENCES documents (doc_key)"
  "  ON DELETE CASCADE, key TEXT NOT NULL, value, PRIMARY KEY (doc_key, key)) WITHOUT ROWID;"
  "CREATE VIEW entities AS SELECT d.id AS doc_id, e.idx, e.start, e.end, e.type,"
  "  e.text, e.norm, e.cluster, e.sentiment, e.mentions"
  "  FROM entity_rows e JOIN documents d ON d.doc_key = e.doc_key;"
  "CREATE VIEW sentences AS SELECT d.id AS doc_id, s.idx, s.start, s.end,"
  "  s.compound, s.pos, s.neg, s.neu"
  "  FROM sentence_rows s JOIN documents d ON d.doc_key = s.doc_key;"
  "CREATE VIEW features AS SELECT d.id AS doc_id, f.key, f.value"
  "  FROM feature_rows f JOIN documents d ON d.doc_key = f.doc_key;"
  "CREATE INDEX entities_norm ON entity_rows (norm, type);"
  "CREATE INDEX features_key ON feature_rows (key);"
  "PRAGMA application_id = 1195461721;"
  "PRAGMA user_version = 2;";

static const char rows_v2[] =
  "INSERT INTO runs VALUES (1, '2024-05-01T08:00:00Z', '2024-05-01T08:01:00Z', 'old', 2);"
  "INSERT INTO documents VALUES (1, 'z', 'Zed', 'https://z', 'Wire', '2024-05-01', NULL,"
  "  '{\"title\":\"Zed\"}', '2024-05-01T08:00:30Z', 1);"
  "INSERT INTO documents VALUES (3, 'a', 'Ay', NULL, NULL, NULL, 'Ada met Bob. Then Ada left.',"
  "  '{}', '2024-05-01T08:00:31Z', 1);"
  "INSERT INTO entity_rows VALUES (3, 2, 18, 21, 'PERSON', 'Ada', 'Ada', 0, 0.5, 2);"
  "INSERT INTO entity_rows VALUES (3, 0, 0, 3, 'PERSON', 'Ada', 'Ada', 0, 0.5, 2);"
  "INSERT INTO entity_rows VALUES (1, 0, 0, 3, 'ORG', 'Zed', 'Zed Ltd', 0, NULL, 1);"
  "INSERT INTO entity_rows VALUES (3, 1, 8, 11, 'PERSON', 'Bob', 'Bob', 1, NULL, 1);"
  "INSERT INTO sentence_rows VALUES (3, 0, 0, 12, 0.1, 0.2, 0.0, 0.8);"
  "INSERT INTO sentence_rows VALUES (3, 1, 13, 27, NULL, NULL, NULL, NULL);"
  "INSERT INTO feature_rows VALUES (3, 'sentiment.compound', 0.25);"
  "INSERT INTO feature_rows VALUES (1, 'language', 'en');";

START_TEST (test_version_2_database_is_migrated)
{
  GalleyHarness *h;

  exec_sql (db_path, schema_v2);
  exec_sql (db_path, rows_v2);
  h = build (db_path, NULL);
  galley_harness_free (h);
  ck_assert_query ("PRAGMA user_version", "4");
  /* a file with pages keeps their size */
  ck_assert_query ("PRAGMA page_size", "4096");
  ck_assert_query ("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' "
                   "ORDER BY type, name",
                   "index|documents_published\nindex|documents_run\n"
                   "index|entities_norm\nindex|features_key\n"
                   "table|documents\ntable|entity_rows\ntable|feature_rows\n"
                   "table|runs\ntable|sentence_rows\n"
                   "trigger|documents_delete_rows\n"
                   "view|entities\nview|features\nview|sentences");
  ck_assert_query ("SELECT * FROM runs", "1|2024-05-01T08:00:00Z|2024-05-01T08:01:00Z|old|2");
  ck_assert_query ("SELECT * FROM documents ORDER BY doc_key",
                   "1|z|Zed|https://z|Wire|2024-05-01|NULL|{\"title\":\"Zed\"}|"
                   "2024-05-01T08:00:30Z|1\n"
                   "3|a|Ay|NULL|NULL|NULL|Ada met Bob. Then Ada left.|{}|"
                   "2024-05-01T08:00:31Z|1");
  /* row_key = doc_key * 2^24 + idx */
  ck_assert_query ("SELECT row_key, doc_key, idx, start, text FROM entity_rows ORDER BY row_key",
                   "16777216|1|0|0|Zed\n"
                   "50331648|3|0|0|Ada\n50331649|3|1|8|Bob\n50331650|3|2|18|Ada");
  ck_assert_query ("SELECT * FROM entities ORDER BY doc_id, idx",
                   "a|0|0|3|PERSON|Ada|Ada|0|0.5|2\n"
                   "a|1|8|11|PERSON|Bob|Bob|1|NULL|1\n"
                   "a|2|18|21|PERSON|Ada|Ada|0|0.5|2\n"
                   "z|0|0|3|ORG|Zed|Zed Ltd|0|NULL|1");
  ck_assert_query ("SELECT row_key, doc_key, idx FROM sentence_rows ORDER BY row_key",
                   "50331648|3|0\n50331649|3|1");
  ck_assert_query ("SELECT * FROM sentences ORDER BY doc_id, idx",
                   "a|0|0|12|0.1|0.2|0.0|0.8\na|1|13|27|NULL|NULL|NULL|NULL");
  ck_assert_query ("SELECT doc_id, key, value, typeof(value) FROM features ORDER BY doc_id",
                   "a|sentiment.compound|0.25|real\nz|language|en|text");
  check_consistent ();
}
END_TEST

START_TEST (test_version_2_database_takes_new_runs)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A again");
  g_autoptr (GalleyDocument) n = simple_doc ("n", "New");
  GalleyDocument *docs[] = { a, n, NULL };

  exec_sql (db_path, schema_v2);
  exec_sql (db_path, rows_v2);
  export (docs, NULL);
  ck_assert_query ("SELECT doc_key, id, title, run_id FROM documents ORDER BY doc_key",
                   "1|z|Zed|1\n4|a|A again|2\n5|n|New|2");
  ck_assert_query ("SELECT doc_id, idx, text FROM entities ORDER BY doc_id, idx",
                   "a|0|Ada Lovelace\na|1|Charles Babbage\n"
                   "n|0|Ada Lovelace\nn|1|Charles Babbage\nz|0|Zed");
  ck_assert_query ("SELECT count(*) FROM entity_rows WHERE row_key != (doc_key << 24) + idx", "0");
  check_consistent ();
}
END_TEST

START_TEST (test_failed_migration_leaves_version_2)
{
  /* a table in the way of the renamed ones, so the migration fails at
   * its start */
  migration_fails (schema_v2, rows_v2, "CREATE TABLE v2_entity_rows (x)",
                   "cannot migrate the database from schema version 2: "
                   "there is already another table or index with this name: "
                   "v2_entity_rows", "2",
                   "documents\nentities\nentity_rows\nfeature_rows\nfeatures\n"
                   "runs\nsentence_rows\nsentences\nv2_entity_rows");
}
END_TEST

/* The schema of version 3, as export-sqlite wrote it before version 4,
 * with the rows of rows_v2 under their version 3 keys. Its indexes are
 * apart, as a run killed before its first checkpoint left none. */
static const char schema_v3[] =
  "CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL,"
  "  finished_at TEXT, pipeline TEXT, documents INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE documents (doc_key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
  "  title TEXT, url TEXT, source TEXT, published TEXT, text TEXT,"
  "  meta TEXT NOT NULL DEFAULT '{}', processed_at TEXT NOT NULL,"
  "  run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL);"
  "CREATE TABLE entity_rows (row_key INTEGER PRIMARY KEY,"
  "  doc_key INTEGER AS (row_key >> 24) VIRTUAL,"
  "  idx INTEGER AS (row_key & 16777215) VIRTUAL,"
  "  start INTEGER NOT NULL, end INTEGER NOT NULL, type TEXT NOT NULL,"
  "  text TEXT NOT NULL, norm TEXT, cluster INTEGER, sentiment REAL, mentions INTEGER);"
  "CREATE TABLE sentence_rows (row_key INTEGER PRIMARY KEY,"
  "  doc_key INTEGER AS (row_key >> 24) VIRTUAL,"
  "  idx INTEGER AS (row_key & 16777215) VIRTUAL,"
  "  start INTEGER NOT NULL, end INTEGER NOT NULL,"
  "  compound REAL, pos REAL, neg REAL, neu REAL);"
  "CREATE TABLE feature_rows (doc_key INTEGER NOT NULL REFERENCES documents (doc_key)"
  "  ON DELETE CASCADE, key TEXT NOT NULL, value, PRIMARY KEY (doc_key, key)) WITHOUT ROWID;"
  "CREATE VIEW entities AS SELECT d.id AS doc_id, e.idx, e.start, e.end, e.type,"
  "  e.text, e.norm, e.cluster, e.sentiment, e.mentions"
  "  FROM entity_rows e JOIN documents d ON d.doc_key = e.row_key >> 24"
  "  AND e.row_key >= d.doc_key << 24 AND e.row_key < (d.doc_key + 1) << 24;"
  "CREATE VIEW sentences AS SELECT d.id AS doc_id, s.idx, s.start, s.end,"
  "  s.compound, s.pos, s.neg, s.neu"
  "  FROM sentence_rows s JOIN documents d ON d.doc_key = s.row_key >> 24"
  "  AND s.row_key >= d.doc_key << 24 AND s.row_key < (d.doc_key + 1) << 24;"
  "CREATE VIEW features AS SELECT d.id AS doc_id, f.key, f.value"
  "  FROM feature_rows f JOIN documents d ON d.doc_key = f.doc_key;"
  "CREATE TRIGGER documents_delete_rows AFTER DELETE ON documents BEGIN"
  "  DELETE FROM entity_rows"
  "    WHERE row_key >= OLD.doc_key << 24 AND row_key < (OLD.doc_key + 1) << 24;"
  "  DELETE FROM sentence_rows"
  "    WHERE row_key >= OLD.doc_key << 24 AND row_key < (OLD.doc_key + 1) << 24;"
  "  DELETE FROM feature_rows WHERE doc_key = OLD.doc_key;"
  "END;"
  "PRAGMA application_id = 1195461721;"
  "PRAGMA user_version = 3;";

static const char indexes_v3[] =
  "CREATE INDEX entities_norm ON entity_rows (norm, type);"
  "CREATE INDEX features_key ON feature_rows (key);"
  "CREATE INDEX documents_published ON documents (published);"
  "CREATE INDEX documents_run ON documents (run_id);";

static const char rows_v3[] =
  "INSERT INTO runs VALUES (1, '2024-05-01T08:00:00Z', '2024-05-01T08:01:00Z', 'old', 2);"
  "INSERT INTO documents VALUES (1, 'z', 'Zed', 'https://z', 'Wire', '2024-05-01', NULL,"
  "  '{\"title\":\"Zed\"}', '2024-05-01T08:00:30Z', 1);"
  "INSERT INTO documents VALUES (3, 'a', 'Ay', NULL, NULL, NULL, 'Ada met Bob. Then Ada left.',"
  "  '{}', '2024-05-01T08:00:31Z', 1);"
  "INSERT INTO entity_rows (row_key, start, end, type, text, norm, cluster, sentiment,"
  "  mentions) VALUES (16777216, 0, 3, 'ORG', 'Zed', 'Zed Ltd', 0, NULL, 1),"
  "  (50331648, 0, 3, 'PERSON', 'Ada', 'Ada', 0, 0.5, 2),"
  "  (50331649, 8, 11, 'PERSON', 'Bob', 'Bob', 1, NULL, 1),"
  "  (50331650, 18, 21, 'PERSON', 'Ada', 'Ada', 0, 0.5, 2);"
  "INSERT INTO sentence_rows (row_key, start, end, compound, pos, neg, neu)"
  "  VALUES (50331648, 0, 12, 0.1, 0.2, 0.0, 0.8),"
  "  (50331649, 13, 27, NULL, NULL, NULL, NULL);"
  "INSERT INTO feature_rows VALUES (3, 'sentiment.compound', 0.25);"
  "INSERT INTO feature_rows VALUES (1, 'language', 'en');";

/* ck_assert_rows_v3: the rows of rows_v3 are all there, as they were. */
#define ck_assert_rows_v3() \
  G_STMT_START { \
    ck_assert_query ("SELECT * FROM runs", \
                     "1|2024-05-01T08:00:00Z|2024-05-01T08:01:00Z|old|2"); \
    ck_assert_query ("SELECT * FROM documents ORDER BY doc_key", \
                     "1|z|Zed|https://z|Wire|2024-05-01|NULL|{\"title\":\"Zed\"}|" \
                     "2024-05-01T08:00:30Z|1\n" \
                     "3|a|Ay|NULL|NULL|NULL|Ada met Bob. Then Ada left.|{}|" \
                     "2024-05-01T08:00:31Z|1"); \
    ck_assert_query ("SELECT * FROM entity_rows ORDER BY row_key", \
                     "16777216|1|0|0|3|ORG|Zed|Zed Ltd|0|NULL|1\n" \
                     "50331648|3|0|0|3|PERSON|Ada|Ada|0|0.5|2\n" \
                     "50331649|3|1|8|11|PERSON|Bob|Bob|1|NULL|1\n" \
                     "50331650|3|2|18|21|PERSON|Ada|Ada|0|0.5|2"); \
    ck_assert_query ("SELECT * FROM entities ORDER BY doc_id, idx", \
                     "a|0|0|3|PERSON|Ada|Ada|0|0.5|2\n" \
                     "a|1|8|11|PERSON|Bob|Bob|1|NULL|1\n" \
                     "a|2|18|21|PERSON|Ada|Ada|0|0.5|2\n" \
                     "z|0|0|3|ORG|Zed|Zed Ltd|0|NULL|1"); \
    ck_assert_query ("SELECT * FROM sentences ORDER BY doc_id, idx", \
                     "a|0|0|12|0.1|0.2|0.0|0.8\na|1|13|27|NULL|NULL|NULL|NULL"); \
    ck_assert_query ("SELECT doc_id, key, value, typeof(value) FROM features " \
                     "ORDER BY doc_id", \
                     "a|sentiment.compound|0.25|real\nz|language|en|text"); \
  } G_STMT_END

START_TEST (test_version_3_database_is_migrated)
{
  GalleyHarness *h;

  exec_sql (db_path, schema_v3);
  exec_sql (db_path, indexes_v3);
  exec_sql (db_path, rows_v3);
  h = build (db_path, NULL);
  galley_harness_free (h);
  ck_assert_query ("PRAGMA user_version", "4");
  ck_assert_query ("PRAGMA page_size", "4096");
  ck_assert_query ("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' "
                   "ORDER BY type, name",
                   "index|documents_published\nindex|documents_run\n"
                   "index|entities_norm\nindex|features_key\n"
                   "table|documents\ntable|entity_rows\ntable|feature_rows\n"
                   "table|runs\ntable|sentence_rows\n"
                   "trigger|documents_delete_rows\n"
                   "view|entities\nview|features\nview|sentences");
  ck_assert_query ("SELECT sql FROM sqlite_schema WHERE name = 'entities_norm'",
                   "CREATE INDEX entities_norm ON entity_rows (norm)");
  ck_assert_rows_v3 ();
  ck_assert_plan ("SELECT doc_id FROM entities WHERE norm = 'Ada'",
                  "SEARCH e USING COVERING INDEX entities_norm (norm=?)\n"
                  "SEARCH d USING INTEGER PRIMARY KEY (rowid=?)");
  ck_assert_query ("SELECT doc_id, idx FROM entities WHERE norm = 'Ada' ORDER BY idx",
                   "a|0\na|2");
  check_consistent ();
}
END_TEST

START_TEST (test_version_3_database_without_indexes_gets_them)
{
  GalleyHarness *h;

  /* its first run was killed before its first checkpoint */
  exec_sql (db_path, schema_v3);
  exec_sql (db_path, rows_v3);
  h = build (db_path, NULL);
  galley_harness_free (h);
  ck_assert_query ("PRAGMA user_version", "4");
  ck_assert_query ("SELECT sql FROM sqlite_schema WHERE type = 'index' "
                   "AND name NOT LIKE 'sqlite_%' ORDER BY name",
                   "CREATE INDEX documents_published ON documents (published)\n"
                   "CREATE INDEX documents_run ON documents (run_id)\n"
                   "CREATE INDEX entities_norm ON entity_rows (norm)\n"
                   "CREATE INDEX features_key ON feature_rows (key)");
  ck_assert_rows_v3 ();
}
END_TEST

START_TEST (test_version_3_database_takes_new_runs)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A again");
  g_autoptr (GalleyDocument) n = simple_doc ("n", "New");
  GalleyDocument *docs[] = { a, n, NULL };

  exec_sql (db_path, schema_v3);
  exec_sql (db_path, indexes_v3);
  exec_sql (db_path, rows_v3);
  export (docs, NULL);
  ck_assert_query ("SELECT doc_key, id, title, run_id FROM documents ORDER BY doc_key",
                   "1|z|Zed|1\n4|a|A again|2\n5|n|New|2");
  ck_assert_query ("SELECT doc_id, idx, text, norm FROM entities ORDER BY doc_id, idx",
                   "a|0|Ada Lovelace|Ada Lovelace\na|1|Charles Babbage|Charles Babbage\n"
                   "n|0|Ada Lovelace|Ada Lovelace\nn|1|Charles Babbage|Charles Babbage\n"
                   "z|0|Zed|Zed Ltd");
  ck_assert_query ("SELECT doc_id FROM entities WHERE norm = 'Ada Lovelace' ORDER BY doc_id",
                   "a\nn");
  check_consistent ();
}
END_TEST

START_TEST (test_failed_migration_leaves_version_3)
{
  /* a table under the index's name, so the migration fails at its
   * end, building the index */
  migration_fails (schema_v3, rows_v3, "CREATE TABLE entities_norm (x)",
                   "cannot migrate the database from schema version 3: "
                   "there is already a table named entities_norm", "3",
                   "documents\nentities\nentities_norm\nentity_rows\nfeature_rows\n"
                   "features\nruns\nsentence_rows\nsentences");
}
END_TEST

START_TEST (test_future_schema_version_is_refused_untouched)
{
  exec_sql (db_path, "CREATE TABLE documents (id TEXT PRIMARY KEY, body TEXT);"
            "PRAGMA application_id = 1195461721; PRAGMA user_version = 5;");
  assert_refused_untouched ("the database has schema version 5, newer than "
                            "version 4 that this export-sqlite writes; use the "
                            "Galley that wrote it, or another file");
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    ck_assert (!g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}
END_TEST

START_TEST (test_v0_database_with_documents_table_is_refused_untouched)
{
  exec_sql (db_path, "CREATE TABLE documents (id TEXT PRIMARY KEY, body TEXT);"
            "CREATE TABLE notes (x);"
            "INSERT INTO documents VALUES ('a', 'kept');");
  assert_refused_untouched ("the database has schema version 0 (no user_version) "
                            "and tables export-sqlite did not create (documents, "
                            "notes); it writes schema version 4 and will not change "
                            "this file: give path= a new file");
  ck_assert_query ("SELECT * FROM documents", "a|kept");
  ck_assert_query ("PRAGMA journal_mode", "delete");
}
END_TEST

/* Unmarked (no application_id), a newer user_version and a documents
 * table: a newer Galley's file that lost its mark, refused as newer. */
START_TEST (test_unmarked_newer_database_with_documents_is_refused_as_newer)
{
  exec_sql (db_path, "CREATE TABLE documents (id TEXT PRIMARY KEY);"
            "PRAGMA user_version = 99;");
  assert_refused_untouched ("the database has schema version 99, newer than "
                            "version 4 that this export-sqlite writes; use the "
                            "Galley that wrote it, or another file");
  ck_assert_query ("PRAGMA user_version", "99");
}
END_TEST

/* Unmarked, no table, but a user_version: another program's file, not a
 * new one; the schema is not created over it. */
START_TEST (test_unmarked_database_with_a_user_version_is_refused_untouched)
{
  exec_sql (db_path, "PRAGMA user_version = 2;");
  assert_refused_untouched ("the database has schema version 2 and no tables: "
                            "another program's file, not one export-sqlite made; "
                            "it writes schema version 4 and will not change this "
                            "file: give path= a new file");
  ck_assert_query ("PRAGMA user_version", "2");
  ck_assert_query ("SELECT count(*) FROM sqlite_schema", "0");
}
END_TEST

/* A file with some of indexes.sql's indexes but not all (one dropped by
 * hand) gets the missing one at the next run's end. */
START_TEST (test_database_missing_one_index_gets_it_back)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A");
  g_autoptr (GalleyDocument) b = simple_doc ("b", "B");
  GalleyDocument *first[] = { a, NULL };
  GalleyDocument *second[] = { b, NULL };

  export (first, NULL);
  exec_sql (db_path, "DROP INDEX features_key;");
  export (second, NULL);
  ck_assert_query ("SELECT group_concat(name) FROM (SELECT name FROM sqlite_schema "
                   "WHERE type = 'index' AND name NOT LIKE 'sqlite%' ORDER BY name)",
                   "documents_published,documents_run,entities_norm,features_key");
  check_consistent ();
}
END_TEST

START_TEST (test_other_application_is_refused)
{
  g_autofree char *msg = NULL;
  g_autofree char *expected = NULL;

  exec_sql (db_path, "PRAGMA application_id = 305419896; CREATE TABLE t (x);");
  msg = build_error (db_path, NULL);
  expected = g_strdup_printf ("%s: not a Galley database (application_id 0x12345678, "
                              "Galley writes 0x47414c59); give path= another file",
                              db_path);
  ck_assert_str_eq (msg, expected);
}
END_TEST

START_TEST (test_damaged_schema_is_refused)
{
  g_autofree char *msg = NULL;
  g_autofree char *expected = NULL;
  GalleyHarness *h = build (db_path, NULL);

  commit (h);
  galley_harness_free (h);
  exec_sql (db_path, "DROP VIEW sentences; DROP TABLE sentence_rows");
  msg = build_error (db_path, NULL);
  expected = g_strdup_printf ("%s: the database has schema version 4 but no table "
                              "'sentence_rows'; another program changed it", db_path);
  ck_assert_str_eq (msg, expected);
}
END_TEST

START_TEST (test_not_a_database_is_refused_untouched)
{
  g_autofree char *msg = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *after = NULL;
  const char *text = "id,title\r\nthis is a CSV file, not a database\r\n"
                     "padding padding padding padding padding padding padding\r\n";

  g_file_set_contents (db_path, text, -1, NULL);
  msg = build_error (db_path, NULL);
  expected = g_strdup_printf ("%s: not an SQLite database", db_path);
  ck_assert_str_eq (msg, expected);
  after = io_test_read (db_path);
  ck_assert_str_eq (after, text);
}
END_TEST

START_TEST (test_empty_file_gets_the_schema)
{
  GalleyHarness *h;

  g_file_set_contents (db_path, "", 0, NULL);
  h = build (db_path, NULL);
  galley_harness_free (h);
  ck_assert_query ("PRAGMA user_version", "4");
}
END_TEST

START_TEST (test_missing_directory_is_an_error)
{
  g_autofree char *path = g_build_filename (dir, "no", "such", "news.db", NULL);
  g_autofree char *msg = build_error (path, NULL);
  g_autofree char *parent = g_build_filename (dir, "no", "such", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: cannot create the database: "
                                               "%s: No such file or directory",
                                               path, parent);

  ck_assert_str_eq (msg, expected);
}
END_TEST

START_TEST (test_new_database_not_created_before_first_batch)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A");
  GalleyHarness *h = build (db_path, NULL);

  galley_harness_free (h);  /* as `galley validate` does */
  ck_assert (!g_file_test (db_path, G_FILE_TEST_EXISTS));
  h = build (db_path, NULL);
  run (h, a);
  ck_assert (g_file_test (db_path, G_FILE_TEST_EXISTS));
  galley_harness_free (h);  /* discarded: the schema stays, the row does not */
  ck_assert_query ("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM runs), "
                   "(SELECT user_version FROM pragma_user_version)", "0|0|4");
}
END_TEST

START_TEST (test_stdout_is_refused)
{
  g_autofree char *msg = build_error ("-", NULL);

  ck_assert_str_eq (msg, "parameter 'path': export-sqlite writes a database file, "
                    "not standard output");
}
END_TEST

/* a directory: said so, not SQLite's "unable to open database file" */
START_TEST (test_directory_is_refused)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *msg = build_error (dir, NULL);
  g_autofree char *expected = g_strdup_printf ("%s: cannot open the database: %s",
                                               dir, g_strerror (EISDIR));

  ck_assert_str_eq (msg, expected);
}
END_TEST

START_TEST (test_path_is_required)
{
  g_autoptr (GError) error = NULL;
  GalleyHarness *h = galley_harness_new (&galley_export_sqlite_stage, NULL, &error);

  ck_assert_ptr_null (h);
  ck_assert (g_error_matches (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_MISSING));
}
END_TEST

/* ---- what is written ---- */

START_TEST (test_documents_row)
{
  g_autoptr (GalleyDocument) doc = fixture_article ();
  GalleyDocument *docs[] = { doc, NULL };
  GalleyValue cats = { GALLEY_VALUE_JSON, { .s = (char *) "[\"world\",\"europe\"]" } };

  galley_document_set_meta_value (doc, "categories", &cats);
  export (docs, NULL);
  ck_assert_query ("SELECT id, title, url, source, published, text, meta, run_id FROM documents",
                   "world/001|Leaders meet, talk \"trade\"|https://example.com/world/001|"
                   "Daily Planet|2024-04-26T09:30:00Z|NULL|"
                   "{\"title\":\"Leaders meet, talk \\\"trade\\\"\",\"published\":"
                   "\"2024-04-26T09:30:00Z\",\"source\":\"Daily Planet\",\"url\":"
                   "\"https://example.com/world/001\",\"categories\":[\"world\",\"europe\"]}|1");
  ck_assert_query ("SELECT json_extract(meta, '$.categories[1]') FROM documents", "europe");
  ck_assert_query ("SELECT processed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T"
                   "[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z' FROM documents", "1");
}
END_TEST

START_TEST (test_entities_rows)
{
  g_autoptr (GalleyDocument) doc = fixture_article ();
  GalleyDocument *docs[] = { doc, NULL };

  export (docs, NULL);
  ck_assert_query ("SELECT doc_id, start, end, type, text, norm, cluster, sentiment, "
                   "mentions FROM entities ORDER BY start",
                   "world/001|0|13|PERSON|\xc3\x89lodie Martin|\xc3\x89lodie Martin|1|0.4404|1\n"
                   "world/001|18|33|PERSON|Emmanuel Macron|Emmanuel Macron|2|0.4404|1\n"
                   "world/001|37|43|GPE|Z\xc3\xbcrich|Z\xc3\xbcrich|3|NULL|NULL");
  ck_assert_query ("SELECT typeof(start), typeof(cluster), typeof(sentiment) "
                   "FROM entities LIMIT 1", "integer|integer|real");
}
END_TEST

START_TEST (test_entity_offsets_index_the_stored_text)
{
  g_autoptr (GalleyDocument) doc = fixture_article ();
  GalleyDocument *docs[] = { doc, NULL };

  export (docs, "text=true", NULL);
  ck_assert_query ("SELECT count(*) FROM entities e JOIN documents d ON d.id = e.doc_id "
                   "WHERE substr(d.text, e.start + 1, e.end - e.start) = e.text", "3");
  ck_assert_query ("SELECT substr(d.text, s.start + 1, s.end - s.start) FROM sentences s "
                   "JOIN documents d ON d.id = s.doc_id WHERE s.idx = 1",
                   "Critics were unhappy.");
}
END_TEST

START_TEST (test_byte_offsets)
{
  g_autoptr (GalleyDocument) doc = fixture_article ();
  GalleyDocument *docs[] = { doc, NULL };

  export (docs, "offsets=byte", NULL);
  ck_assert_query ("SELECT start, end FROM entities ORDER BY start", "0|14\n19|34\n38|45");
}
END_TEST

/* Entities are written before sentences, from one offset map per
 * document: the sentences' offsets start again from the text's start. A
 * character outside the BMP is two UTF-16 units. */
START_TEST (test_utf16_offsets)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("u", "\xf0\x9f\x98\x80 Ana met Bo. Then left.", -1);
  GalleyDocument *docs[] = { doc, NULL };
  guint at;

  at = fixture_add_entity (doc, 0, "Ana", "PERSON", "Ana", 1, NAN, 1);
  fixture_add_entity (doc, at, "Bo", "PERSON", "Bo", 2, NAN, 1);
  at = fixture_add_sentence (doc, 0, "\xf0\x9f\x98\x80 Ana met Bo.", 0.5, 0.5, 0, 0.5);
  fixture_add_sentence (doc, at, "Then left.", NAN, 0, 0, 0);
  export (docs, "offsets=utf16", NULL);
  ck_assert_query ("SELECT start, end FROM entities ORDER BY idx", "3|6\n11|13");
  ck_assert_query ("SELECT start, end, compound FROM sentences ORDER BY idx",
                   "0|14|0.5\n15|25|NULL");
}
END_TEST

/* A sentence's scores are the sentiment span with its offsets: one with
 * the same start but another end is not its, and a sentence without a
 * span of its own, between two with, has none. */
START_TEST (test_sentence_scores_by_offsets)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("s", "One. Two. Three.", -1);
  GalleyDocument *docs[] = { doc, NULL };
  GalleyLayer *scores;
  guint i;

  fixture_add_sentence (doc, 0, "One.", 0.1, 0.1, 0, 0.9);
  fixture_add_sentence (doc, 5, "Two.", NAN, 0, 0, 0);
  /* in order, so that the index stays the span's */
  scores = galley_document_get_layer (doc, GALLEY_LAYER_SENTIMENT);
  i = galley_layer_append (scores, 5, 16, g_quark_from_static_string ("sentiment"), 0);
  galley_layer_set_feature_double (scores, i, "compound", 0.9);
  fixture_add_sentence (doc, 10, "Three.", 0.3, 0.3, 0, 0.7);
  export (docs, NULL);
  ck_assert_query ("SELECT idx, start, end, compound, pos FROM sentences ORDER BY idx",
                   "0|0|4|0.1|0.1\n1|5|9|NULL|NULL\n2|10|16|0.3|0.3");
}
END_TEST

/* A sentence that runs past the text's end (a stage's slip) ends at the
 * text's end in the table, whether its offsets are converted or not: an
 * ASCII text's are the byte offsets (no conversion call), and in a text
 * with "é" (two bytes, one UTF-16 unit) they are converted, the end
 * clamped by the offset map. */
START_TEST (test_offsets_past_the_text_s_end_clamped)
{
  g_autoptr (GalleyDocument) ascii = galley_document_new ("a", "One. Two.", -1);
  g_autoptr (GalleyDocument) accented = galley_document_new ("b", "Caf\xc3\xa9. Two.", -1);
  GalleyDocument *docs[] = { ascii, accented, NULL };
  GQuark sentence = g_quark_from_static_string ("sentence");

  galley_layer_append (galley_document_ensure_layer (ascii, GALLEY_LAYER_SENTENCE), 5, 40, sentence, 0);
  galley_layer_append (galley_document_ensure_layer (accented, GALLEY_LAYER_SENTENCE), 7, 40, sentence, 0);
  export (docs, "offsets=utf16", NULL);
  ck_assert_query ("SELECT doc_id, start, end FROM sentences ORDER BY doc_id", "a|5|9\nb|6|10");
}
END_TEST

START_TEST (test_sentences_rows)
{
  g_autoptr (GalleyDocument) doc = fixture_article ();
  g_autoptr (GalleyDocument) bare = galley_document_new ("bare", "One. Two.", -1);
  GalleyDocument *docs[] = { doc, bare, NULL };

  fixture_add_sentence (bare, 0, "One.", NAN, 0, 0, 0);
  fixture_add_sentence (bare, 4, "Two.", NAN, 0, 0, 0);
  export (docs, NULL);
  ck_assert_query ("SELECT doc_id, idx, start, end, compound, pos, neg, neu FROM sentences "
                   "ORDER BY doc_id, idx",
                   "bare|0|0|4|NULL|NULL|NULL|NULL\n"
                   "bare|1|5|9|NULL|NULL|NULL|NULL\n"
                   "world/001|0|0|90|0.4404|0.25|0.0|0.75\n"
                   "world/001|1|91|112|-0.4215|0.0|0.444|0.556");
}
END_TEST

START_TEST (test_features_rows)
{
  g_autoptr (GalleyDocument) doc = fixture_article ();
  GalleyDocument *docs[] = { doc, NULL };

  galley_document_set_feature_int (doc, "words", 17);
  galley_document_set_feature_string (doc, "lang.guess", "en");
  galley_document_set_feature_boolean (doc, "paywall", TRUE);
  export (docs, NULL);
  ck_assert_query ("SELECT key, value, typeof(value) FROM features ORDER BY key",
                   "lang.guess|en|text\npaywall|1|integer\n"
                   "sentiment.compound|0.0095|real\nsentiment.neg|0.222|real\n"
                   "sentiment.neu|0.653|real\nsentiment.pos|0.125|real\n"
                   "words|17|integer");
}
END_TEST

START_TEST (test_document_without_layers)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("plain", "Just text.", -1);
  GalleyDocument *docs[] = { doc, NULL };

  export (docs, NULL);
  ck_assert_query ("SELECT id, title, meta FROM documents", "plain|NULL|{}");
  ck_assert_query ("SELECT (SELECT count(*) FROM entities) + (SELECT count(*) FROM sentences)"
                   " + (SELECT count(*) FROM features)", "0");
}
END_TEST

START_TEST (test_runs_row)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A");
  g_autoptr (GalleyDocument) b = simple_doc ("b", "B");
  GalleyDocument *docs[] = { a, b, NULL };

  export (docs, "pipeline=nightly", NULL);
  ck_assert_query ("SELECT id, pipeline, documents, started_at <= finished_at, "
                   "length(started_at) FROM runs", "1|nightly|2|1|20");
  ck_assert_query ("SELECT DISTINCT run_id FROM documents", "1");
}
END_TEST

START_TEST (test_pipeline_name_from_environment)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A");
  GalleyDocument *docs[] = { a, NULL };

  g_setenv ("GALLEY_PIPELINE", "feeds.pipeline", TRUE);
  export (docs, NULL);
  g_unsetenv ("GALLEY_PIPELINE");
  ck_assert_query ("SELECT pipeline FROM runs", "feeds.pipeline");
}
END_TEST

START_TEST (test_empty_run_is_recorded)
{
  GalleyDocument *docs[] = { NULL };

  export (docs, NULL);
  ck_assert_query ("SELECT id, documents, finished_at IS NOT NULL FROM runs", "1|0|1");
}
END_TEST

START_TEST (test_huge_document)
{
  GString *text = g_string_new (NULL);
  GalleyDocument *doc;
  GalleyDocument *docs[] = { NULL, NULL };
  GalleyLayer *layer;

  for (int i = 0; i < 20000; i++)
    g_string_append (text, "Oslo and Bergen. ");
  doc = galley_document_new ("big", text->str, text->len);
  layer = galley_document_ensure_layer (doc, GALLEY_LAYER_ENTITY);
  for (int i = 0; i < 20000; i++)
    {
      galley_layer_append (layer, i * 17, i * 17 + 4, g_quark_from_string ("GPE"), 0);
      galley_layer_append (layer, i * 17 + 9, i * 17 + 15, g_quark_from_string ("GPE"), 0);
    }
  docs[0] = doc;
  export (docs, "text=true", NULL);
  ck_assert_query ("SELECT count(*), count(DISTINCT text), max(end) FROM entities",
                   "40000|2|339998");
  ck_assert_query ("SELECT length(text) FROM documents", "340000");
  galley_document_free (doc);
  g_string_free (text, TRUE);
}
END_TEST

/* ---- upsert and append ---- */

START_TEST (test_upsert_replaces_a_changed_article)
{
  g_autoptr (GalleyDocument) v1 = fixture_article ();
  g_autoptr (GalleyDocument) other = simple_doc ("other", "Other");
  g_autoptr (GalleyDocument) v2 = fixture_doc ("world/001", "Macron spoke in Z\xc3\xbcrich.",
                                               "Leaders meet (updated)", NULL, NULL, NULL);
  GalleyDocument *run1[] = { v1, other, NULL };
  GalleyDocument *run2[] = { v2, NULL };

  fixture_add_entity (v2, 0, "Macron", "PERSON", "Emmanuel Macron", 1, NAN, 1);
  export (run1, NULL);
  export (run2, NULL);
  ck_assert_query ("SELECT id, title, run_id FROM documents ORDER BY id",
                   "other|Other|1\nworld/001|Leaders meet (updated)|2");
  ck_assert_query ("SELECT doc_id, text FROM entities ORDER BY doc_id, start",
                   "other|Ada Lovelace\nother|Charles Babbage\nworld/001|Macron");
  ck_assert_query ("SELECT doc_id, count(*) FROM sentences GROUP BY doc_id", "other|1");
  ck_assert_query ("SELECT doc_id, count(*) FROM features GROUP BY doc_id", "other|4");
  ck_assert_query ("SELECT id, documents FROM runs", "1|2\n2|1");
  ck_assert_query ("PRAGMA foreign_key_check", "");
}
END_TEST

/* all_rows: every entity, sentence and feature row, with its key */
static char *
all_rows (void)
{
  g_autofree char *e = query ("SELECT * FROM entity_rows");
  g_autofree char *s = query ("SELECT * FROM sentence_rows");
  g_autofree char *f = query ("SELECT *, typeof (value) FROM feature_rows");

  return g_strdup_printf ("%s\n%s\n%s", e, s, f);
}

/* a document processed again unchanged keeps its entity, sentence and
 * feature rows and its doc_key (export-sqlite.c, update_document); its
 * documents row takes the new values, text= included */
START_TEST (test_upsert_keeps_the_rows_of_an_unchanged_article)
{
  g_autoptr (GalleyDocument) v1 = fixture_article ();
  g_autoptr (GalleyDocument) other = simple_doc ("other", "Other");
  g_autoptr (GalleyDocument) v2 = fixture_article ();
  g_autoptr (GalleyDocument) other2 = simple_doc ("other", "Other, retitled");
  GalleyDocument *run1[] = { v1, other, NULL };
  GalleyDocument *run2[] = { other2, v2, NULL };
  g_autofree char *rows = NULL;
  g_autofree char *after = NULL;

  galley_document_set_meta (v2, "source", "Evening Planet");
  export (run1, NULL);
  rows = all_rows ();
  exec_sql (db_path, "UPDATE documents SET processed_at = 'then'");
  export (run2, "text=true", NULL);
  ck_assert_query ("SELECT doc_key, id, title, source, meta LIKE '%Evening Planet%', "
                   "text IS NOT NULL, run_id, processed_at != 'then' "
                   "FROM documents ORDER BY doc_key",
                   "1|world/001|Leaders meet, talk \"trade\"|Evening Planet|1|1|2|1\n"
                   "2|other|Other, retitled|Wire|0|1|2|1");
  after = all_rows ();
  ck_assert_str_eq (after, rows);
  ck_assert_query ("SELECT id, documents FROM runs", "1|2\n2|2");
  check_consistent ();
}
END_TEST

/* replaced_by: stores @v1, then @v2 (with @param, or none), whose rows
 * differ: they replace the stored ones, under the next doc_key */
static void
replaced_by (GalleyDocument *v1, GalleyDocument *v2, const char *param)
{
  GalleyDocument *run1[] = { v1, NULL };
  GalleyDocument *run2[] = { v2, NULL };

  export (run1, NULL);
  export (run2, param, NULL);
  ck_assert_query ("SELECT doc_key, run_id FROM documents", "2|2");
  ck_assert_query ("SELECT count(*) FROM entity_rows WHERE doc_key != 2", "0");
  check_consistent ();
}

START_TEST (test_upsert_replaces_rows_that_differ_in_one_value)
{
  g_autoptr (GalleyDocument) v1 = fixture_article ();
  g_autoptr (GalleyDocument) v2 = fixture_article ();

  galley_layer_set_feature_string (galley_document_get_layer (v2, GALLEY_LAYER_ENTITY), 2,
                                   GALLEY_ENTITY_FEATURE_NORM, "Zurich");
  replaced_by (v1, v2, NULL);
  ck_assert_query ("SELECT idx, norm FROM entities", "0|\xc3\x89lodie Martin\n"
                   "1|Emmanuel Macron\n2|Zurich");
}
END_TEST

START_TEST (test_upsert_replaces_rows_that_differ_in_a_type)
{
  g_autoptr (GalleyDocument) v1 = fixture_article ();
  g_autoptr (GalleyDocument) v2 = fixture_article ();

  /* 2.0 and 2 compare equal in SQL, but are stored as different types */
  galley_document_set_feature_double (v1, "words", 2.0);
  galley_document_set_feature_int (v2, "words", 2);
  replaced_by (v1, v2, NULL);
  ck_assert_query ("SELECT value, typeof (value) FROM features WHERE key = 'words'",
                   "2|integer");
}
END_TEST

START_TEST (test_upsert_replaces_rows_when_one_is_added)
{
  g_autoptr (GalleyDocument) v1 = fixture_article ();
  g_autoptr (GalleyDocument) v2 = fixture_article ();

  fixture_add_sentence (v2, 0, "Both praised", NAN, 0, 0, 0);
  fixture_add_entity (v2, 0, "Critics", "NORP", NULL, -1, NAN, -1);
  replaced_by (v1, v2, NULL);
  ck_assert_query ("SELECT count(*) FROM sentences", "3");
  ck_assert_query ("SELECT max(idx), text FROM entities", "3|Critics");
}
END_TEST

/* one entity fewer: the stored rows go on past the document's */
START_TEST (test_upsert_replaces_rows_when_one_is_removed)
{
  g_autoptr (GalleyDocument) v1 = fixture_article ();
  g_autoptr (GalleyDocument) v2 = fixture_article ();

  fixture_add_entity (v1, 0, "Critics", "NORP", NULL, -1, NAN, -1);
  replaced_by (v1, v2, NULL);
  ck_assert_query ("SELECT count(*), max(idx) FROM entities", "3|2");
}
END_TEST

/* a stored string that the new one is the start of is another value */
START_TEST (test_upsert_replaces_a_value_the_new_one_is_a_prefix_of)
{
  g_autoptr (GalleyDocument) v1 = fixture_article ();
  g_autoptr (GalleyDocument) v2 = fixture_article ();

  galley_layer_set_feature_string (galley_document_get_layer (v1, GALLEY_LAYER_ENTITY), 2,
                                   GALLEY_ENTITY_FEATURE_NORM, "Zurich Airport");
  galley_layer_set_feature_string (galley_document_get_layer (v2, GALLEY_LAYER_ENTITY), 2,
                                   GALLEY_ENTITY_FEATURE_NORM, "Zurich");
  replaced_by (v1, v2, NULL);
  ck_assert_query ("SELECT norm FROM entities WHERE idx = 2", "Zurich");
}
END_TEST

/* a NaN score is stored as NULL, and compares equal to it: a document
 * processed again unchanged keeps its rows and doc_key */
START_TEST (test_upsert_keeps_an_unchanged_article_with_a_nan_score)
{
  g_autoptr (GalleyDocument) v1 = fixture_article ();
  g_autoptr (GalleyDocument) v2 = fixture_article ();
  GalleyDocument *run1[] = { v1, NULL };
  GalleyDocument *run2[] = { v2, NULL };

  galley_layer_set_feature_double (galley_document_get_layer (v1, GALLEY_LAYER_ENTITY), 0,
                                   GALLEY_ENTITY_FEATURE_SENTIMENT, NAN);
  galley_layer_set_feature_double (galley_document_get_layer (v2, GALLEY_LAYER_ENTITY), 0,
                                   GALLEY_ENTITY_FEATURE_SENTIMENT, NAN);
  export (run1, NULL);
  export (run2, NULL);
  ck_assert_query ("SELECT doc_key, run_id FROM documents", "1|2");
  ck_assert_query ("SELECT sentiment IS NULL FROM entities WHERE idx = 0", "1");
  check_consistent ();
}
END_TEST

START_TEST (test_upsert_replaces_rows_written_with_other_offsets)
{
  g_autoptr (GalleyDocument) v1 = fixture_article ();
  g_autoptr (GalleyDocument) v2 = fixture_article ();

  /* the first entity starts with a two-byte letter */
  replaced_by (v1, v2, "offsets=byte");
  ck_assert_query ("SELECT start, end FROM entities WHERE idx = 1", "19|34");
}
END_TEST

/* a_reader_deletes_a_document: a reader with foreign keys @fk deletes
 * one of two documents, whose rows go with it. */
static void
a_reader_deletes_a_document (const char *fk)
{
  g_autoptr (GalleyDocument) a = fixture_article ();
  g_autoptr (GalleyDocument) b = simple_doc ("b", "B");
  GalleyDocument *docs[] = { a, b, NULL };
  g_autofree char *pragma = g_strdup_printf ("PRAGMA foreign_keys = %s", fk);
  sqlite3 *db;

  export (docs, NULL);
  db = reader ();
  ck_assert_query_db (db, pragma, "");
  ck_assert_query_db (db, "DELETE FROM documents WHERE id = 'world/001'", "");
  ck_assert_query_db (db, "SELECT (SELECT group_concat(DISTINCT doc_id) FROM entities), "
                      "(SELECT group_concat(DISTINCT doc_id) FROM sentences), "
                      "(SELECT group_concat(DISTINCT doc_id) FROM features)", "b|b|b");
  ck_assert_query_db (db, "SELECT (SELECT count(*) FROM entity_rows), "
                      "(SELECT count(*) FROM sentence_rows), "
                      "(SELECT count(*) FROM feature_rows)", "2|1|4");
  sqlite3_close (db);
  check_consistent ();
}

START_TEST (test_deleting_a_document_deletes_its_rows_without_foreign_keys)
{
  a_reader_deletes_a_document ("OFF");
}
END_TEST

START_TEST (test_schema_cascades_deletes_for_readers_with_foreign_keys)
{
  sqlite3 *db;

  a_reader_deletes_a_document ("ON");
  db = reader ();
  ck_assert_query_db (db, "PRAGMA foreign_keys = ON", "");
  ck_assert_query_db (db, "DELETE FROM runs", "");
  ck_assert_query_db (db, "SELECT id, run_id FROM documents", "b|NULL");
  sqlite3_close (db);
}
END_TEST

START_TEST (test_upsert_same_document_twice_in_a_batch)
{
  g_autoptr (GalleyDocument) a1 = simple_doc ("a", "first");
  g_autoptr (GalleyDocument) a2 = simple_doc ("a", "second");
  GalleyDocument *docs[] = { a1, a2, NULL };

  export (docs, NULL);
  ck_assert_query ("SELECT title FROM documents", "second");
  ck_assert_query ("SELECT count(*) FROM entities", "2");
}
END_TEST

START_TEST (test_rerun_does_not_duplicate)
{
  for (int i = 0; i < 3; i++)
    {
      g_autoptr (GalleyDocument) a = fixture_article ();
      g_autoptr (GalleyDocument) b = simple_doc ("b", "B");
      GalleyDocument *docs[] = { a, b, NULL };
      export (docs, "batch=1", NULL);
    }
  ck_assert_query ("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM entities),"
                   " (SELECT count(*) FROM sentences), (SELECT count(*) FROM features)",
                   "2|5|3|8");
}
END_TEST

START_TEST (test_append_keeps_the_stored_version)
{
  g_autoptr (GalleyDocument) v1 = simple_doc ("a", "first");
  g_autoptr (GalleyDocument) v2 = fixture_doc ("a", "Changed.", "second", NULL, NULL, NULL);
  g_autoptr (GalleyDocument) b = simple_doc ("b", "new");
  GalleyDocument *run1[] = { v1, NULL };
  GalleyDocument *run2[] = { v2, b, NULL };

  export (run1, "mode=append", NULL);
  export (run2, "mode=append", NULL);
  ck_assert_query ("SELECT id, title, run_id FROM documents ORDER BY id", "a|first|1\nb|new|2");
  ck_assert_query ("SELECT doc_id, count(*) FROM entities GROUP BY doc_id", "a|2\nb|2");
  ck_assert_query ("SELECT id, documents FROM runs", "1|1\n2|1");
}
END_TEST

/* ---- transactions ---- */

START_TEST (test_nothing_visible_before_commit)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A");
  GalleyHarness *h = build (db_path, NULL);

  run (h, a);
  ck_assert_query ("SELECT count(*) FROM documents", "0");
  commit (h);
  ck_assert_query ("SELECT count(*) FROM documents", "1");
  galley_harness_free (h);
}
END_TEST

START_TEST (test_batches_commit_as_they_fill)
{
  GalleyHarness *h = build (db_path, "batch=2", NULL);

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("d%d", i);
      g_autoptr (GalleyDocument) doc = simple_doc (id, "T");
      run (h, doc);
      if (i == 0)
        ck_assert_query ("SELECT count(*) FROM documents", "0");
      if (i == 1)
        ck_assert_query ("SELECT count(*), (SELECT documents FROM runs) FROM documents", "2|2");
    }
  ck_assert_query ("SELECT count(*) FROM documents", "4");
  ck_assert_query ("SELECT documents, finished_at FROM runs", "4|NULL");
  galley_harness_free (h);  /* discard: the fifth document is dropped */
  ck_assert_query ("SELECT group_concat(id) FROM (SELECT id FROM documents ORDER BY id)",
                   "d0,d1,d2,d3");
  ck_assert_query ("SELECT documents, finished_at FROM runs", "4|NULL");
}
END_TEST

START_TEST (test_discard_leaves_database_unchanged)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A");
  g_autoptr (GalleyDocument) a2 = simple_doc ("a", "A changed");
  g_autoptr (GalleyDocument) b = simple_doc ("b", "B");
  GalleyDocument *docs[] = { a, NULL };
  GalleyHarness *h;

  export (docs, NULL);
  h = build (db_path, NULL);
  run (h, a2);
  run (h, b);
  galley_harness_free (h);
  ck_assert_query ("SELECT id, title FROM documents", "a|A");
  ck_assert_query ("SELECT count(*) FROM entities", "2");
  ck_assert_query ("SELECT id, documents FROM runs", "1|1");
}
END_TEST

START_TEST (test_checkpoint_commits_record_one_run)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A");
  g_autoptr (GalleyDocument) b = simple_doc ("b", "B");
  GalleyHarness *h = build (db_path, NULL);

  run (h, a);
  commit (h);
  ck_assert_query ("SELECT id, documents, finished_at IS NOT NULL FROM runs", "1|1|1");
  run (h, b);
  commit (h);
  galley_harness_free (h);
  ck_assert_query ("SELECT id, documents FROM runs", "1|2");
  ck_assert_query ("SELECT DISTINCT run_id FROM documents", "1");
}
END_TEST

START_TEST (test_second_writer_creating_the_database_waits_then_fails)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A");
  g_autoptr (GalleyDocument) b = simple_doc ("b", "B");
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  GalleyHarness *first = build (db_path, NULL);
  GalleyHarness *second = build (db_path, "busy-timeout=0", NULL);

  /* neither has created the file yet; the first does, and holds a batch */
  run (first, a);
  ck_assert (!galley_harness_run (second, b, &error));
  expected = g_strdup_printf ("%s: cannot open the database: database is locked "
                              "(another process held the database longer than "
                              "busy-timeout)", db_path);
  ck_assert_str_eq (error->message, expected);
  commit (first);
  galley_harness_free (first);
  run (second, b);
  commit (second);
  galley_harness_free (second);
  ck_assert_query ("SELECT group_concat(id) FROM (SELECT id FROM documents ORDER BY id)", "a,b");
}
END_TEST

START_TEST (test_reader_during_open_batch)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A");
  g_autoptr (GalleyDocument) b = simple_doc ("b", "B");
  GalleyDocument *docs[] = { a, NULL };
  sqlite3 *db;
  GalleyHarness *h;

  export (docs, NULL);
  db = reader ();
  h = build (db_path, NULL);
  run (h, b);  /* the batch is open: the writer holds the write lock */
  /* busy_timeout is 0: a blocked read would fail, not wait */
  ck_assert_query_db (db, "SELECT group_concat(id) FROM documents", "a");
  /* a read transaction that spans the writer's commit keeps its snapshot */
  ck_assert_query_db (db, "BEGIN", "");
  ck_assert_query_db (db, "SELECT count(*) FROM documents", "1");
  commit (h);
  ck_assert_query_db (db, "SELECT count(*) FROM documents", "1");
  ck_assert_query_db (db, "COMMIT", "");
  ck_assert_query_db (db, "SELECT count(*) FROM documents", "2");
  galley_harness_free (h);
  sqlite3_close (db);
}
END_TEST

START_TEST (test_second_writer_waits_then_fails)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A");
  g_autoptr (GalleyDocument) b = simple_doc ("b", "B");
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  GalleyDocument *none[] = { NULL };
  GalleyHarness *first, *second;

  export (none, NULL);
  first = build (db_path, NULL);
  second = build (db_path, "busy-timeout=0", NULL);

  run (first, a);
  ck_assert (!galley_harness_run (second, b, &error));
  expected = g_strdup_printf ("%s: cannot start a transaction: database is locked "
                              "(another process held the database longer than "
                              "busy-timeout)", db_path);
  ck_assert_str_eq (error->message, expected);
  commit (first);
  galley_harness_free (first);
  /* once the first writer is done the second one goes on */
  run (second, b);
  commit (second);
  galley_harness_free (second);
  ck_assert_query ("SELECT group_concat(id) FROM (SELECT id FROM documents ORDER BY id)", "a,b");
}
END_TEST

START_TEST (test_failing_document_leaves_no_rows_and_batch_goes_on)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A");
  g_autoptr (GalleyDocument) bad = fixture_doc ("bad", "It went BOOM.", "Bad", NULL, NULL, NULL);
  g_autoptr (GalleyDocument) c = simple_doc ("c", "C");
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  GalleyHarness *h = build (db_path, NULL);

  /* a trigger makes the second entity of "bad" fail, after its document
   * row and first entity are in */
  commit (h);
  galley_harness_free (h);
  exec_sql (db_path, "CREATE TRIGGER boom BEFORE INSERT ON entity_rows WHEN NEW.text = 'BOOM' "
            "BEGIN SELECT RAISE(ABORT, 'boom'); END;");
  fixture_add_entity (bad, 0, "It", "X", NULL, -1, NAN, -1);
  fixture_add_entity (bad, 0, "BOOM", "X", NULL, -1, NAN, -1);
  h = build (db_path, NULL);
  run (h, a);
  ck_assert (!galley_harness_run (h, bad, &error));
  expected = g_strdup_printf ("document 'bad': %s: cannot insert an entity: boom", db_path);
  ck_assert_str_eq (error->message, expected);
  /* the document's fault, which the runner rejects, going on */
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT));
  run (h, c);
  commit (h);
  galley_harness_free (h);
  ck_assert_query ("SELECT group_concat(id) FROM (SELECT id FROM documents ORDER BY id)", "a,c");
  ck_assert_query ("SELECT count(*) FROM entities WHERE doc_id = 'bad'", "0");
  ck_assert_query ("SELECT id, documents FROM runs", "1|0\n2|2");
}
END_TEST

/* replacement_fails_keeping_the_stored_version: stores "a", adds
 * @trigger, and checks that writing @again fails with "document 'a':
 * PATH: @what", leaving the stored version, and that the batch goes on. */
static void
replacement_fails_keeping_the_stored_version (GalleyDocument *again, const char *trigger,
                                              const char *what)
{
  g_autoptr (GalleyDocument) stored = simple_doc ("a", "stored");
  g_autoptr (GalleyDocument) c = simple_doc ("c", "C");
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  GalleyDocument *first[] = { stored, NULL };
  GalleyHarness *h;

  export (first, NULL);
  exec_sql (db_path, trigger);
  h = build (db_path, NULL);
  ck_assert (!galley_harness_run (h, again, &error));
  expected = g_strdup_printf ("document 'a': %s: %s", db_path, what);
  ck_assert_str_eq (error->message, expected);
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT));
  run (h, c);
  commit (h);
  galley_harness_free (h);
  ck_assert_query ("SELECT id, title, run_id FROM documents ORDER BY id", "a|stored|1\nc|C|2");
  ck_assert_query ("SELECT doc_id, text FROM entities ORDER BY doc_id, idx",
                   "a|Ada Lovelace\na|Charles Babbage\nc|Ada Lovelace\nc|Charles Babbage");
  ck_assert_query ("SELECT count(*) FROM entity_rows", "4");
  ck_assert_query ("SELECT doc_id, count(*) FROM features GROUP BY doc_id", "a|4\nc|4");
  check_consistent ();
}

START_TEST (test_failing_replacement_keeps_the_stored_version)
{
  g_autoptr (GalleyDocument) bad = fixture_doc ("a", "It went BOOM.", "bad", NULL, NULL, NULL);

  /* the replacement fails after its first entity went in */
  fixture_add_entity (bad, 0, "It", "X", NULL, -1, NAN, -1);
  fixture_add_entity (bad, 0, "BOOM", "X", NULL, -1, NAN, -1);
  replacement_fails_keeping_the_stored_version (
    bad, "CREATE TRIGGER boom BEFORE INSERT ON entity_rows WHEN NEW.text = 'BOOM' "
    "BEGIN SELECT RAISE(ABORT, 'boom'); END;", "cannot insert an entity: boom");
}
END_TEST

START_TEST (test_replacement_whose_document_row_fails_keeps_the_stored_version)
{
  g_autoptr (GalleyDocument) again = fixture_doc ("a", "Zed was here.", "again", NULL, NULL, NULL);

  /* the replacement's entity rows are in when its documents row fails */
  fixture_add_entity (again, 0, "Zed", "PERSON", NULL, -1, NAN, -1);
  replacement_fails_keeping_the_stored_version (
    again, "CREATE TRIGGER frozen BEFORE UPDATE ON documents "
    "BEGIN SELECT RAISE(ABORT, 'frozen'); END;", "cannot replace a document: frozen");
}
END_TEST

/* batch_is_lost: @bad fails with @expected, and so, the batch being
 * lost, do a write of @next and the commit: nothing later may pretend
 * the batch is not lost. Frees @h. */
static void
batch_is_lost (GalleyHarness *h, GalleyDocument *bad, GalleyDocument *next,
               const char *expected)
{
  g_autoptr (GError) e1 = NULL;
  g_autoptr (GError) e2 = NULL;
  g_autoptr (GError) e3 = NULL;

  ck_assert (!galley_harness_run (h, bad, &e1));
  ck_assert_str_eq (e1->message, expected);
  ck_assert (!galley_harness_run (h, next, &e2));
  ck_assert_str_eq (e2->message, expected);
  ck_assert (!galley_harness_commit (h, &e3));
  ck_assert_str_eq (e3->message, expected);
  /* the sink's own failure, which stops a run, from the first error on:
   * rejecting each later document would go on writing nothing */
  ck_assert (g_error_matches (e1, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO));
  ck_assert (g_error_matches (e2, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO));
  galley_harness_free (h);
}

START_TEST (test_replacement_that_cannot_delete_the_stored_rows_fails_the_batch)
{
  g_autoptr (GalleyDocument) stored = simple_doc ("a", "stored");
  g_autoptr (GalleyDocument) b = simple_doc ("b", "B");
  g_autoptr (GalleyDocument) again = simple_doc ("a", "again");
  g_autoptr (GalleyDocument) c = simple_doc ("c", "C");
  g_autofree char *expected = NULL;
  GalleyDocument *first[] = { stored, NULL };
  GalleyHarness *h;

  export (first, NULL);
  /* a changed score, so that the new version's rows replace the stored
   * ones (the same rows would be kept, and none deleted) */
  fixture_set_sentiment (again, -0.5, 0.0, 0.5, 0.5);
  /* the new version is in and the stored rows cannot go: the document
   * cannot be taken back alone, so the batch is given up */
  exec_sql (db_path, "CREATE TRIGGER keep BEFORE DELETE ON entity_rows WHEN OLD.doc_key = 1 "
            "BEGIN SELECT RAISE(ABORT, 'keep'); END;");
  h = build (db_path, NULL);
  run (h, b);
  expected = g_strdup_printf ("document 'a': %s: cannot replace a document: keep", db_path);
  batch_is_lost (h, again, c, expected);
  ck_assert_query ("SELECT id, title, run_id FROM documents ORDER BY id", "a|stored|1");
  ck_assert_query ("SELECT count(*) FROM entity_rows", "2");
  ck_assert_query ("SELECT id, documents FROM runs", "1|1");
  check_consistent ();
}
END_TEST

START_TEST (test_document_a_trigger_ignores_is_an_error)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A");
  g_autoptr (GalleyDocument) b = simple_doc ("b", "B");
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  GalleyDocument *none[] = { NULL };
  GalleyHarness *h;

  export (none, NULL);
  exec_sql (db_path, "CREATE TRIGGER hush BEFORE INSERT ON documents WHEN NEW.id = 'a' "
            "BEGIN SELECT RAISE(IGNORE); END;");
  h = build (db_path, NULL);
  ck_assert (!galley_harness_run (h, a, &error));
  expected = g_strdup_printf ("document 'a': %s: cannot insert a document: the database "
                              "ignored its row (a trigger on documents?)", db_path);
  ck_assert_str_eq (error->message, expected);
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT));
  run (h, b);
  commit (h);
  galley_harness_free (h);
  ck_assert_query ("SELECT id FROM documents", "b");
  ck_assert_query ("SELECT count(*), count(DISTINCT doc_id) FROM entities", "2|1");
}
END_TEST

/* The same for a replacement: a trigger that ignores the UPDATE of the
 * stored documents row, whether the rows are kept (the same rows) or
 * replaced (a feature more), fails the document, and the stored version
 * stays whole: its row, its entities and its features. */
START_TEST (test_replacement_a_trigger_ignores_is_an_error)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A");
  g_autoptr (GalleyDocument) b = simple_doc ("b", "B");
  g_autoptr (GalleyDocument) same_rows = simple_doc ("a", "A2");
  g_autoptr (GalleyDocument) more_rows = simple_doc ("a", "A3");
  g_autoptr (GalleyDocument) b2 = simple_doc ("b", "B2");
  g_autofree char *expected = NULL;
  g_autofree char *entities = NULL, *features = NULL;
  GalleyDocument *first[] = { a, b, NULL };
  GalleyHarness *h;

  export (first, NULL);
  entities = query ("SELECT group_concat(text) FROM entities WHERE doc_id = 'a'");
  features = query ("SELECT group_concat(key) FROM features WHERE doc_id = 'a'");
  exec_sql (db_path, "CREATE TRIGGER hush BEFORE UPDATE ON documents WHEN OLD.id = 'a' "
            "BEGIN SELECT RAISE(IGNORE); END;");
  galley_document_set_feature_string (more_rows, "extra", "x");
  expected = g_strdup_printf ("document 'a': %s: cannot insert a document: the database "
                              "ignored its row (a trigger on documents?)", db_path);
  h = build (db_path, NULL);
  for (int i = 0; i < 2; i++)
    {
      g_autoptr (GError) error = NULL;

      ck_assert (!galley_harness_run (h, i == 0 ? same_rows : more_rows, &error));
      ck_assert_str_eq (error->message, expected);
    }
  run (h, b2);
  commit (h);
  galley_harness_free (h);
  ck_assert_query ("SELECT id, title FROM documents ORDER BY id", "a|A\nb|B2");
  ck_assert_query ("SELECT group_concat(text) FROM entities WHERE doc_id = 'a'", entities);
  ck_assert_query ("SELECT group_concat(key) FROM features WHERE doc_id = 'a'", features);
  check_consistent ();
}
END_TEST

/* entity and sentence rows are numbered by SQLite after the first of a
 * statement (sqlite-rows.c): rows it did not store under the keys they
 * should have cannot be found to delete again, so the batch is lost */
static void
misnumbered_rows_lose_the_batch (const char *sql, const char *what)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A");
  g_autoptr (GalleyDocument) b = simple_doc ("b", "B");
  g_autoptr (GalleyDocument) c = simple_doc ("c", "C");
  g_autoptr (GalleyDocument) d = simple_doc ("d", "D");
  g_autofree char *expected = NULL;
  GalleyDocument *first[] = { a, b, NULL };
  GalleyHarness *h;

  export (first, NULL);
  exec_sql (db_path, sql);
  h = build (db_path, NULL);
  expected = g_strdup_printf ("document 'c': %s: %s: the database did not store the "
                              "rows as numbered (a trigger on the table, or rows without "
                              "a document under its keys?)", db_path, what);
  batch_is_lost (h, c, d, expected);
  ck_assert_query ("SELECT count(*) FROM documents WHERE id IN ('c', 'd')", "0");
  ck_assert_query ("PRAGMA integrity_check", "ok");
}

START_TEST (test_rows_without_a_document_under_the_next_key_lose_the_batch)
{
  /* an entity written by hand under the doc_key c is about to get */
  misnumbered_rows_lose_the_batch ("INSERT INTO entity_rows (row_key, start, end, type, text) "
                                   "VALUES (3 << 24, 0, 1, 'ORG', 'X')",
                                   "cannot insert an entity");
  ck_assert_query ("SELECT doc_key, count(*) FROM entity_rows GROUP BY doc_key",
                   "1|2\n2|2\n3|1");
}
END_TEST

/* the same with the row past c's first key: the first of c's rows goes
 * in under its key, the next ones after the stray row */
START_TEST (test_rows_without_a_document_past_the_next_key_lose_the_batch)
{
  misnumbered_rows_lose_the_batch ("INSERT INTO entity_rows (row_key, start, end, type, text) "
                                   "VALUES ((3 << 24) + 5, 0, 1, 'ORG', 'X')",
                                   "cannot insert an entity");
  ck_assert_query ("SELECT doc_key, count(*) FROM entity_rows GROUP BY doc_key",
                   "1|2\n2|2\n3|1");
}
END_TEST

START_TEST (test_sentence_row_a_trigger_ignores_loses_the_batch)
{
  misnumbered_rows_lose_the_batch ("DELETE FROM documents WHERE id = 'b';"
                                   "CREATE TRIGGER hush BEFORE INSERT ON sentence_rows "
                                   "BEGIN SELECT RAISE(IGNORE); END;",
                                   "cannot insert a sentence");
  ck_assert_query ("SELECT doc_key, count(*) FROM entity_rows GROUP BY doc_key", "1|2");
  check_consistent ();
}
END_TEST

START_TEST (test_failed_batch_commit_fails_every_later_call)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A");
  g_autoptr (GalleyDocument) b = simple_doc ("b", "B");
  g_autoptr (GalleyDocument) c = simple_doc ("c", "C");
  g_autofree char *expected = NULL;
  GalleyDocument *none[] = { NULL };
  GalleyHarness *h;

  export (none, NULL);
  /* the batch's last statement before COMMIT fails */
  exec_sql (db_path, "CREATE TRIGGER fire BEFORE UPDATE ON runs "
            "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
  h = build (db_path, "batch=2", NULL);
  run (h, a);
  expected = g_strdup_printf ("%s: cannot record the run: disk on fire", db_path);
  batch_is_lost (h, b, c, expected);
  ck_assert_query ("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM runs)", "0|1");
}
END_TEST

START_TEST (test_document_without_id_is_rejected)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("", "No id.", -1);
  g_autoptr (GalleyDocument) ok = simple_doc ("a", "A");
  g_autoptr (GError) error = NULL;
  GalleyHarness *h = build (db_path, NULL);

  galley_document_set_origin (doc, "in.jsonl:7");
  ck_assert (!galley_harness_run (h, doc, &error));
  ck_assert_str_eq (error->message, "in.jsonl:7: a document without an id cannot be stored");
  run (h, ok);
  commit (h);
  galley_harness_free (h);
  ck_assert_query ("SELECT id FROM documents", "a");
}
END_TEST

/* ---- killed writers ---- */

/* The child's harness, in a global so that valgrind (CK_FORK=no) sees it
 * still reachable when the child _exit()s holding it. */
static GalleyHarness *child_harness;

/* write_and_die: in a child, writes @n documents with batch=@batch and
 * then dies without committing: by _exit() or by SIGKILL. */
static void
write_and_die (int n, int batch, gboolean sigkill)
{
  pid_t pid = fork ();
  int status;

  ck_assert_int_ge (pid, 0);
  if (pid == 0)
    {
      g_autofree char *path_param = g_strdup_printf ("path=%s", db_path);
      g_autofree char *batch_param = g_strdup_printf ("batch=%d", batch);
      const char *const params[] = { path_param, batch_param, NULL };

      child_harness = galley_harness_new (&galley_export_sqlite_stage, params, NULL);
      if (child_harness == NULL)
        _exit (3);
      for (int i = 0; i < n; i++)
        {
          g_autofree char *id = g_strdup_printf ("k%03d", i);
          g_autoptr (GalleyDocument) doc = simple_doc (id, "killed");
          if (!galley_harness_run (child_harness, doc, NULL))
            _exit (4);
        }
      if (sigkill)
        raise (SIGKILL);
      _exit (0);
    }
  ck_assert_int_eq (waitpid (pid, &status, 0), pid);
  if (sigkill)
    ck_assert (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  else
    ck_assert (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

static void
check_consistent (void)
{
  ck_assert_query ("PRAGMA integrity_check", "ok");
  ck_assert_query ("PRAGMA foreign_key_check", "");
  /* entity_rows and sentence_rows have no foreign key (schema.sql) */
  ck_assert_query ("SELECT (SELECT count(*) FROM entity_rows WHERE doc_key NOT IN "
                   "(SELECT doc_key FROM documents)), (SELECT count(*) FROM sentence_rows "
                   "WHERE doc_key NOT IN (SELECT doc_key FROM documents))", "0|0");
}

START_TEST (test_writer_exiting_mid_batch_leaves_committed_rows_only)
{
  write_and_die (7, 3, FALSE);
  check_consistent ();
  ck_assert_query ("SELECT group_concat(id) FROM (SELECT id FROM documents ORDER BY id)",
                   "k000,k001,k002,k003,k004,k005");
  ck_assert_query ("SELECT count(*) FROM entities", "12");
  ck_assert_query ("SELECT documents, finished_at FROM runs", "6|NULL");
}
END_TEST

START_TEST (test_writer_killed_mid_batch_leaves_committed_rows_only)
{
  write_and_die (5, 4, TRUE);
  check_consistent ();
  ck_assert_query ("SELECT count(*), (SELECT count(*) FROM sentences) FROM documents", "4|4");
  ck_assert_query ("SELECT documents, finished_at FROM runs", "4|NULL");
}
END_TEST

START_TEST (test_writer_killed_before_first_batch_leaves_nothing)
{
  write_and_die (3, 500, TRUE);
  check_consistent ();
  ck_assert_query ("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM runs)", "0|0");
}
END_TEST

START_TEST (test_rerun_after_kill_completes_without_duplicates)
{
  GalleyHarness *h;

  write_and_die (10, 4, TRUE);
  h = build (db_path, "batch=4", NULL);
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("k%03d", i);
      g_autoptr (GalleyDocument) doc = simple_doc (id, "again");
      run (h, doc);
    }
  commit (h);
  galley_harness_free (h);
  check_consistent ();
  ck_assert_query ("SELECT count(*), count(DISTINCT id), min(title), max(title) FROM documents",
                   "10|10|again|again");
  ck_assert_query ("SELECT count(*) FROM entities", "20");
  ck_assert_query ("SELECT id, documents, finished_at IS NULL FROM runs", "1|8|1\n2|10|0");
}
END_TEST

/* ---- indexes built at the first checkpoint or commit ---- */

/* The indexes of indexes.sql that the file has, and what a query by norm
 * finds through entities_norm (simple_doc has one Ada Lovelace). */
#define INDEXES "SELECT group_concat(name) FROM (SELECT name FROM sqlite_schema " \
  "WHERE name IN ('documents_published', 'documents_run', 'entities_norm', " \
  "'features_key') ORDER BY name)"
#define BY_NORM "SELECT count(*) FROM entity_rows INDEXED BY entities_norm " \
  "WHERE norm = 'Ada Lovelace'"

/* stage_new: the stage itself, not in a harness (which has no
 * checkpoint), with path=db_path and @batch. */
static gpointer
stage_new (const char *batch)
{
  g_autoptr (GError) error = NULL;
  GalleyParams *p = galley_params_new (galley_export_sqlite_stage.params);
  gpointer stage;

  ck_assert (galley_params_set (p, "path", db_path, &error));
  ck_assert (galley_params_set (p, "batch", batch, &error));
  ck_assert (galley_params_finish (p, &error));
  stage = galley_export_sqlite_stage.create (p, &error);
  ck_assert_msg (stage != NULL, "%s", error ? error->message : "");
  galley_params_free (p);
  return stage;
}

static void
stage_write (gpointer stage, const char *id)
{
  g_autoptr (GalleyDocument) doc = simple_doc (id, "T");
  g_autoptr (GError) error = NULL;

  ck_assert_msg (galley_export_sqlite_stage.write (stage, doc, &error), "%s",
                 error ? error->message : "");
}

START_TEST (test_new_database_builds_its_indexes_at_commit)
{
  GalleyHarness *h = build (db_path, "batch=2", NULL);

  write_simple_docs (h, 3);
  /* the first batch is committed, without the indexes */
  ck_assert_query ("SELECT count(*) FROM entity_rows", "4");
  ck_assert_query (INDEXES, "NULL");
  commit (h);
  galley_harness_free (h);
  ck_assert_query (INDEXES, "documents_published,documents_run,entities_norm,features_key");
  ck_assert_query (BY_NORM, "3");
  check_consistent ();
}
END_TEST

START_TEST (test_checkpoint_builds_the_indexes)
{
  gpointer stage = stage_new ("500");
  g_autoptr (GError) error = NULL;

  stage_write (stage, "a");
  ck_assert_int_eq (galley_export_sqlite_stage.checkpoint (stage, &error),
                    GALLEY_CHECKPOINT_DONE);
  ck_assert_query (INDEXES, "documents_published,documents_run,entities_norm,features_key");
  ck_assert_query (BY_NORM, "1");
  /* from now on, row by row */
  stage_write (stage, "b");
  ck_assert ((galley_export_sqlite_stage.commit) (stage, &error));
  galley_export_sqlite_stage.free (stage);
  ck_assert_query (BY_NORM, "2");
  ck_assert_query ("SELECT id, documents, finished_at IS NOT NULL FROM runs", "1|2|1");
  check_consistent ();
}
END_TEST

START_TEST (test_killed_first_run_leaves_the_indexes_to_the_next_run)
{
  gpointer stage;
  g_autoptr (GError) error = NULL;

  write_and_die (5, 2, TRUE);
  check_consistent ();
  ck_assert_query ("SELECT count(*) FROM documents", "4");
  ck_assert_query (INDEXES, "NULL");

  /* a checkpoint with no batch open builds them in a transaction of
   * their own, and records no run */
  stage = stage_new ("500");
  ck_assert_int_eq (galley_export_sqlite_stage.checkpoint (stage, &error),
                    GALLEY_CHECKPOINT_DONE);
  galley_export_sqlite_stage.free (stage);
  ck_assert_query (INDEXES, "documents_published,documents_run,entities_norm,features_key");
  ck_assert_query (BY_NORM, "4");
  ck_assert_query ("SELECT id, documents FROM runs", "1|4");
  check_consistent ();
}
END_TEST

START_TEST (test_indexed_database_keeps_its_indexes_up_to_date)
{
  g_autoptr (GalleyDocument) a = simple_doc ("a", "A");
  GalleyDocument *docs[] = { a, NULL };
  GalleyHarness *h;

  export (docs, NULL);
  ck_assert_query (BY_NORM, "1");
  h = build (db_path, "batch=1", NULL);
  write_simple_docs (h, 2);
  /* two batches committed, in the index before the run's commit */
  ck_assert_query (BY_NORM, "3");
  galley_harness_free (h);
  check_consistent ();
}
END_TEST

/* A VFS over the default one that counts the statement journals SQLite
 * opens as files: a savepoint's journal spills to one past 64 KiB unless
 * the connection keeps temporary files in memory. */
static sqlite3_vfs *real_vfs;
static sqlite3_vfs counting_vfs;
static guint subjournal_files;

static int
counting_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file,
               int flags, int *out_flags)
{
  (void) vfs;
  if (flags & SQLITE_OPEN_SUBJOURNAL)
    subjournal_files++;
  return real_vfs->xOpen (real_vfs, name, file, flags, out_flags);
}

/* entity_doc: a document of @n PERSON entities whose norms spread over
 * the whole norm index (so that each document changes many of its pages). */
static GalleyDocument *
entity_doc (guint k, guint n)
{
  g_autofree char *id = g_strdup_printf ("doc-%u", k);
  GString *text = g_string_new (NULL);
  GalleyDocument *doc;
  GalleyLayer *layer;

  for (guint i = 0; i < n; i++)
    g_string_append (text, "Name ");
  doc = galley_document_new (id, text->str, text->len);
  g_string_free (text, TRUE);
  layer = galley_document_ensure_layer (doc, GALLEY_LAYER_ENTITY);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *norm = g_strdup_printf ("%08x person %u of document %u",
                                               g_str_hash (id) * (i + 1), i, k);
      guint index = galley_layer_append (layer, 5 * i, 5 * i + 4,
                                         g_quark_from_static_string (GALLEY_ENTITY_PERSON), 0);
      galley_layer_set_feature_string (layer, index, GALLEY_ENTITY_FEATURE_NORM, norm);
    }
  return doc;
}

START_TEST (test_document_savepoints_open_no_journal_file)
{
  real_vfs = sqlite3_vfs_find (NULL);
  counting_vfs = *real_vfs;
  counting_vfs.zName = "galley-test-counting";
  counting_vfs.xOpen = counting_open;
  ck_assert_int_eq (sqlite3_vfs_register (&counting_vfs, 1), SQLITE_OK);
  subjournal_files = 0;

  /* the second run replaces every document (one entity more each, so
   * that none is kept as it was) */
  for (int pass = 0; pass < 2; pass++)
    {
      GalleyHarness *h = build (db_path, NULL);
      for (guint k = 0; k < 40; k++)
        {
          g_autoptr (GalleyDocument) doc = entity_doc (k, 200 + (guint) pass);
          run (h, doc);
        }
      commit (h);
      galley_harness_free (h);
    }
  sqlite3_vfs_unregister (&counting_vfs);

  ck_assert_uint_eq (subjournal_files, 0);
  ck_assert_query ("SELECT count(*), count(DISTINCT doc_id) FROM entities", "8040|40");
}
END_TEST

/* The same counting VFS, counting the syncs of the WAL file: the
 * file's io methods are the real ones but for xSync, which counts and
 * calls the real one on the same file. */
static const sqlite3_io_methods *real_methods;
static sqlite3_io_methods syncing_methods;
static guint wal_syncs;

static int
counting_sync (sqlite3_file *file, int flags)
{
  wal_syncs++;
  return real_methods->xSync (file, flags);
}

static int
counting_open_wal (sqlite3_vfs *vfs, const char *name, sqlite3_file *file,
                   int flags, int *out_flags)
{
  int rc = real_vfs->xOpen (real_vfs, name, file, flags, out_flags);

  (void) vfs;
  if (rc == SQLITE_OK && (flags & SQLITE_OPEN_WAL) && file->pMethods != NULL)
    {
      real_methods = file->pMethods;
      syncing_methods = *real_methods;
      syncing_methods.xSync = counting_sync;
      file->pMethods = &syncing_methods;
    }
  return rc;
}

/* synchronous=FULL: every committed batch is on disk before the core
 * records its documents as done, so the WAL is synced at each COMMIT,
 * not only when it is checkpointed (NORMAL) or never (OFF). */
START_TEST (test_every_committed_batch_is_synced)
{
  GalleyHarness *h;

  real_vfs = sqlite3_vfs_find (NULL);
  counting_vfs = *real_vfs;
  counting_vfs.zName = "galley-test-syncing";
  counting_vfs.xOpen = counting_open_wal;
  ck_assert_int_eq (sqlite3_vfs_register (&counting_vfs, 1), SQLITE_OK);

  h = build (db_path, "batch=1", NULL);
  write_simple_docs (h, 1);
  wal_syncs = 0;
  write_simple_docs (h, 3);  /* d0 again (kept as it was), d1, d2: three batches */
  ck_assert_uint_ge (wal_syncs, 3);
  galley_harness_free (h);
  sqlite3_vfs_unregister (&counting_vfs);
}
END_TEST

/* When the stage is freed, the WAL is checkpointed into the database
 * file, so that the file alone (copied without its -wal, say) holds
 * every committed document. */
START_TEST (test_database_file_alone_holds_the_run_after_free)
{
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *bytes = NULL;
  gsize len;
  GalleyHarness *h = build (db_path, "batch=2", NULL);
  sqlite3 *db = NULL;

  write_simple_docs (h, 3);
  commit (h);
  galley_harness_free (h);
  ck_assert (g_file_get_contents (db_path, &bytes, &len, NULL));
  ck_assert (g_file_set_contents (copy, bytes, (gssize) len, NULL));
  ck_assert_int_eq (sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_query_db (db, "SELECT group_concat(id) FROM (SELECT id FROM documents ORDER BY id)",
                      "d0,d1,d2");
  ck_assert_query_db (db, "SELECT id, documents FROM runs", "1|3");
  sqlite3_close (db);
}
END_TEST

static Suite *
export_sqlite_suite (void)
{
  Suite *s = suite_create ("export-sqlite");
  TCase *tc = tcase_create ("core");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_new_database_gets_schema_version_and_wal);
  tcase_add_test (tc, test_indexes_serve_the_obvious_queries);
  tcase_add_test (tc, test_future_schema_version_is_refused_untouched);
  tcase_add_test (tc, test_version_1_database_is_migrated);
  tcase_add_test (tc, test_migrated_database_takes_new_runs);
  tcase_add_test (tc, test_version_1_database_without_a_table_is_refused_untouched);
  tcase_add_test (tc, test_failed_migration_leaves_version_1);
  tcase_add_test (tc, test_version_2_database_is_migrated);
  tcase_add_test (tc, test_version_2_database_takes_new_runs);
  tcase_add_test (tc, test_failed_migration_leaves_version_2);
  tcase_add_test (tc, test_version_3_database_is_migrated);
  tcase_add_test (tc, test_version_3_database_without_indexes_gets_them);
  tcase_add_test (tc, test_version_3_database_takes_new_runs);
  tcase_add_test (tc, test_failed_migration_leaves_version_3);
  tcase_add_test (tc, test_v0_database_with_documents_table_is_refused_untouched);
  tcase_add_test (tc, test_unmarked_newer_database_with_documents_is_refused_as_newer);
  tcase_add_test (tc, test_unmarked_database_with_a_user_version_is_refused_untouched);
  tcase_add_test (tc, test_database_missing_one_index_gets_it_back);
  tcase_add_test (tc, test_other_application_is_refused);
  tcase_add_test (tc, test_damaged_schema_is_refused);
  tcase_add_test (tc, test_not_a_database_is_refused_untouched);
  tcase_add_test (tc, test_empty_file_gets_the_schema);
  tcase_add_test (tc, test_missing_directory_is_an_error);
  tcase_add_test (tc, test_new_database_not_created_before_first_batch);
  tcase_add_test (tc, test_stdout_is_refused);
  tcase_add_test (tc, test_directory_is_refused);
  tcase_add_test (tc, test_path_is_required);
  tcase_add_test (tc, test_documents_row);
  tcase_add_test (tc, test_entities_rows);
  tcase_add_test (tc, test_entity_offsets_index_the_stored_text);
  tcase_add_test (tc, test_byte_offsets);
  tcase_add_test (tc, test_utf16_offsets);
  tcase_add_test (tc, test_sentence_scores_by_offsets);
  tcase_add_test (tc, test_offsets_past_the_text_s_end_clamped);
  tcase_add_test (tc, test_sentences_rows);
  tcase_add_test (tc, test_features_rows);
  tcase_add_test (tc, test_document_without_layers);
  tcase_add_test (tc, test_runs_row);
  tcase_add_test (tc, test_pipeline_name_from_environment);
  tcase_add_test (tc, test_empty_run_is_recorded);
  tcase_add_test (tc, test_huge_document);
  tcase_add_test (tc, test_upsert_replaces_a_changed_article);
  tcase_add_test (tc, test_upsert_keeps_the_rows_of_an_unchanged_article);
  tcase_add_test (tc, test_upsert_replaces_rows_that_differ_in_one_value);
  tcase_add_test (tc, test_upsert_replaces_rows_that_differ_in_a_type);
  tcase_add_test (tc, test_upsert_replaces_rows_when_one_is_added);
  tcase_add_test (tc, test_upsert_replaces_rows_when_one_is_removed);
  tcase_add_test (tc, test_upsert_replaces_a_value_the_new_one_is_a_prefix_of);
  tcase_add_test (tc, test_upsert_keeps_an_unchanged_article_with_a_nan_score);
  tcase_add_test (tc, test_upsert_replaces_rows_written_with_other_offsets);
  tcase_add_test (tc, test_upsert_same_document_twice_in_a_batch);
  tcase_add_test (tc, test_schema_cascades_deletes_for_readers_with_foreign_keys);
  tcase_add_test (tc, test_deleting_a_document_deletes_its_rows_without_foreign_keys);
  tcase_add_test (tc, test_rerun_does_not_duplicate);
  tcase_add_test (tc, test_append_keeps_the_stored_version);
  tcase_add_test (tc, test_nothing_visible_before_commit);
  tcase_add_test (tc, test_batches_commit_as_they_fill);
  tcase_add_test (tc, test_discard_leaves_database_unchanged);
  tcase_add_test (tc, test_checkpoint_commits_record_one_run);
  tcase_add_test (tc, test_new_database_builds_its_indexes_at_commit);
  tcase_add_test (tc, test_checkpoint_builds_the_indexes);
  tcase_add_test (tc, test_killed_first_run_leaves_the_indexes_to_the_next_run);
  tcase_add_test (tc, test_indexed_database_keeps_its_indexes_up_to_date);
  tcase_add_test (tc, test_reader_during_open_batch);
  tcase_add_test (tc, test_second_writer_waits_then_fails);
  tcase_add_test (tc, test_second_writer_creating_the_database_waits_then_fails);
  tcase_add_test (tc, test_failing_document_leaves_no_rows_and_batch_goes_on);
  tcase_add_test (tc, test_failing_replacement_keeps_the_stored_version);
  tcase_add_test (tc, test_rows_without_a_document_under_the_next_key_lose_the_batch);
  tcase_add_test (tc, test_rows_without_a_document_past_the_next_key_lose_the_batch);
  tcase_add_test (tc, test_sentence_row_a_trigger_ignores_loses_the_batch);
  tcase_add_test (tc, test_replacement_whose_document_row_fails_keeps_the_stored_version);
  tcase_add_test (tc, test_replacement_that_cannot_delete_the_stored_rows_fails_the_batch);
  tcase_add_test (tc, test_document_a_trigger_ignores_is_an_error);
  tcase_add_test (tc, test_replacement_a_trigger_ignores_is_an_error);
  tcase_add_test (tc, test_document_savepoints_open_no_journal_file);
  tcase_add_test (tc, test_every_committed_batch_is_synced);
  tcase_add_test (tc, test_database_file_alone_holds_the_run_after_free);
  tcase_add_test (tc, test_document_without_id_is_rejected);
  tcase_add_test (tc, test_failed_batch_commit_fails_every_later_call);
  tcase_add_test (tc, test_writer_exiting_mid_batch_leaves_committed_rows_only);
  tcase_add_test (tc, test_writer_killed_mid_batch_leaves_committed_rows_only);
  tcase_add_test (tc, test_writer_killed_before_first_batch_leaves_nothing);
  tcase_add_test (tc, test_rerun_after_kill_completes_without_duplicates);
  suite_add_tcase (s, tc);
  return s;
}

IO_TEST_MAIN (export_sqlite_suite)
