/* sqlite-rows.c: a document's entity, sentence and feature rows, several
 * rows to an INSERT statement.
 *
 * Each row of its own statement cost some 11,000 instructions, about 40%
 * of them the statement's start and end (its cursors opened and closed,
 * its VDBE halted) rather than the row. A statement of up to ROWS_MAX
 * rows pays that once: the stage on the first 3,000 articles of
 * 10,569 real news articles through the default pipeline
 * (callgrind) went from 1,680 M to 1,432 M instructions with entities
 * alone sent 16 to a statement, and to 1,198 M with all three tables.
 *
 * The statements say INSERT OR IGNORE, and must: an INSERT of several
 * rows that may fail half way (a NOT NULL or key constraint with the
 * default ABORT) makes SQLite copy every page it changes to a statement
 * journal first, which undid the whole gain (1,687 M). With IGNORE no
 * constraint fails: the rows are complete by construction (every NOT
 * NULL column is bound to a value, and idx, or a feature's key, is
 * unique in its document), so nothing is ignored in fact. A user's
 * trigger that RAISEs still gets its statement journal from SQLite and
 * fails the statement as a whole.
 *
 * The statement for k rows (k = 1 .. ROWS_MAX) is prepared the first
 * time a document needs it, and kept. Up to 64 rows a statement instead
 * of 16 measured 1,236 M instead of 1,191 M on those articles.
 *
 * A feature statement's rows all say ?1 for doc_key, bound once, and
 * strings go in with their length: on all of news-dev,
 * export_sqlite_write 3,713 M -> 3,694 M. What the plugin itself does
 * per row is some 12% of the stage (binding ~430 M, most of it inside
 * sqlite3_bind_*); the rest is SQLite's VDBE and B-trees.
 *
 * Entities and sentences (schema version 3) are keyed doc_key * 2^24 +
 * idx in rowid tables. The first row of a statement is given its key
 * (?1) and every other row NULL, which SQLite turns into the last key
 * plus one: the next idx, since the document's rows go in one after the
 * other under the batch's write lock and a new document's doc_key is
 * past every other. A row given its key costs SQLite a look-up for a
 * conflict (a descent of the tree: ~2,000 instructions); a NULL one does
 * not, and both append with balance_quick (version 2's WITHOUT ROWID
 * tables rebalanced three pages at every split: 483 M of the stage's
 * 3,392 M on all of news-dev). Callgrind, the stage on the first 3,000
 * articles: 1,123 M instructions with version 2, 1,152 M with every
 * row given its key, 1,031 M with NULL after the first.
 *
 * insert() checks that every row went in under the key it should have
 * (a row written by hand under a key past the last document's, or a
 * trigger that drops rows, would shift them), and otherwise says the
 * batch is lost.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sqlite-rows.h"

#define ROWS_MAX 16

/* keyed tables: a row's row_key is doc_key << ROW_KEY_BITS | idx */
#define ROW_KEY_BITS 24
#define ROW_IDX_LIMIT (G_GINT64_CONSTANT (1) << ROW_KEY_BITS)

typedef struct {
  GalleyDocument *doc;
  gint64 key;
  const char *text;
  gsize len;
  GalleyOffsetMap map;        /* over text, for the layer being written */
  GalleyLayer *layer;
  const GalleySpan *spans;
  GalleyLayer *sentiment;     /* sentences: the scores' layer */
  int column[4];              /* the layer's feature columns, or -1 */
} RowSource;

/* bind_row: binds row @i of @src, but for its key or doc_key, to the
 * parameters from @base + 1 on. Every table's rows start with that
 * column, which insert() binds once a statement as ?1 (see the top of
 * this file). */
typedef void (*BindRow) (sqlite3_stmt *s, int base, RowSource *src, guint i);

typedef struct {
  const char *insert;         /* "INSERT OR IGNORE INTO table (columns) VALUES " */
  int n_columns;
  const char *what;           /* for messages: "cannot insert an entity" */
  const char *rows;           /* for messages: "entities" */
  gboolean keyed;             /* row_key = doc_key << ROW_KEY_BITS | idx */
  BindRow bind;
} RowTable;

enum { TABLE_ENTITY, TABLE_SENTENCE, TABLE_FEATURE, N_TABLES };

struct _GalleySqliteRows {
  sqlite3 *db;
  char *path;
  GalleyOffsetUnit offsets;
  sqlite3_stmt *stmt[N_TABLES][ROWS_MAX + 1];  /* [table][k]: k rows */
};

gboolean
galley_sqlite_set_error (sqlite3 *db, const char *path, const char *what,
                         GError **error)
{
  int code = sqlite3_errcode (db);

  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO, "%s: %s: %s%s",
               path, what, sqlite3_errmsg (db),
               code == SQLITE_BUSY || code == SQLITE_LOCKED
               ? " (another process held the database longer than busy-timeout)" : "");
  return FALSE;
}

/* bind_string: a NUL-terminated string with its length; given -1,
 * SQLite counts the bytes itself, one at a time. */
static inline void
bind_string (sqlite3_stmt *stmt, int i, const char *s)
{
  sqlite3_bind_text (stmt, i, s, (int) strlen (s), SQLITE_STATIC);
}

static void
bind_value (sqlite3_stmt *stmt, int i, const GalleyValue *value)
{
  if (value == NULL)
    {
      sqlite3_bind_null (stmt, i);
      return;
    }
  switch (value->type)
    {
    case GALLEY_VALUE_INT:
      sqlite3_bind_int64 (stmt, i, value->v.i);
      break;
    case GALLEY_VALUE_DOUBLE:
      /* SQLite stores NaN as NULL itself; say so rather than rely on it */
      if (isnan (value->v.d))
        sqlite3_bind_null (stmt, i);
      else
        sqlite3_bind_double (stmt, i, value->v.d);
      break;
    case GALLEY_VALUE_BOOLEAN:
      sqlite3_bind_int (stmt, i, value->v.b ? 1 : 0);
      break;
    case GALLEY_VALUE_STRING:
    case GALLEY_VALUE_JSON:
      bind_string (stmt, i, value->v.s);
      break;
    case GALLEY_VALUE_NONE:
    default:
      sqlite3_bind_null (stmt, i);
      break;
    }
}

static const GalleyValue *
feature_nth (GalleyLayer *layer, guint index, int column)
{
  return column < 0 ? NULL : galley_layer_get_feature_nth (layer, index, column);
}

static void
bind_entity (sqlite3_stmt *s, int base, RowSource *src, guint i)
{
  const GalleySpan *span = &src->spans[i];

  sqlite3_bind_int64 (s, base + 1, galley_offset_map_convert (&src->map, span->start));
  sqlite3_bind_int64 (s, base + 2, galley_offset_map_convert (&src->map, span->end));
  bind_string (s, base + 3, g_quark_to_string (span->type));
  sqlite3_bind_text (s, base + 4, src->text + span->start,
                     (int) (span->end - span->start), SQLITE_STATIC);
  for (int k = 0; k < 4; k++)
    bind_value (s, base + 5 + k, feature_nth (src->layer, i, src->column[k]));
}

/* sentiment_of: the sentiment span with the sentence's offsets, or -1. */
static int
sentiment_of (GalleyLayer *sentiment, const GalleySpan *sentence)
{
  const GalleySpan *spans;
  guint n;

  if (sentiment == NULL)
    return -1;
  spans = galley_layer_get_spans (sentiment, &n);
  for (guint j = galley_layer_lower_bound (sentiment, sentence->start);
       j < n && spans[j].start == sentence->start; j++)
    if (spans[j].end == sentence->end)
      return (int) j;
  return -1;
}

static void
bind_sentence (sqlite3_stmt *s, int base, RowSource *src, guint i)
{
  const GalleySpan *span = &src->spans[i];
  int j = sentiment_of (src->sentiment, span);

  sqlite3_bind_int64 (s, base + 1, galley_offset_map_convert (&src->map, span->start));
  sqlite3_bind_int64 (s, base + 2, galley_offset_map_convert (&src->map, span->end));
  for (int k = 0; k < 4; k++)
    bind_value (s, base + 3 + k,
                j < 0 ? NULL : feature_nth (src->sentiment, (guint) j, src->column[k]));
}

static void
bind_feature (sqlite3_stmt *s, int base, RowSource *src, guint i)
{
  const GalleyValue *value;
  const char *name = galley_document_get_feature_nth (src->doc, i, &value);

  bind_string (s, base + 1, name);
  bind_value (s, base + 2, value);
}

static const RowTable tables[N_TABLES] = {
  [TABLE_ENTITY] = {
    "INSERT OR IGNORE INTO entity_rows (row_key, start, end, type, text, "
    "norm, cluster, sentiment, mentions) VALUES ", 9,
    "cannot insert an entity", "entities", TRUE, bind_entity },
  [TABLE_SENTENCE] = {
    "INSERT OR IGNORE INTO sentence_rows (row_key, start, end, compound, "
    "pos, neg, neu) VALUES ", 7,
    "cannot insert a sentence", "sentences", TRUE, bind_sentence },
  [TABLE_FEATURE] = {
    "INSERT OR IGNORE INTO feature_rows (doc_key, key, value) VALUES ", 3,
    "cannot insert a feature", "features", FALSE, bind_feature },
};

/* statement: the INSERT of @k rows into @table, prepared on first use. */
static sqlite3_stmt *
statement (GalleySqliteRows *rows, int table, guint k, GError **error)
{
  const RowTable *t = &tables[table];
  g_autoptr (GString) sql = NULL;

  if (rows->stmt[table][k] != NULL)
    return rows->stmt[table][k];
  sql = g_string_new (t->insert);
  for (guint r = 0; r < k; r++)
    {
      /* a keyed table's rows after the first: NULL, the last key + 1 */
      g_string_append (sql, r == 0 ? "(?1" : t->keyed ? ", (NULL" : ", (?1");
      for (int c = 1; c < t->n_columns; c++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');
    }
  if (sqlite3_prepare_v3 (rows->db, sql->str, (int) sql->len, SQLITE_PREPARE_PERSISTENT,
                          &rows->stmt[table][k], NULL) != SQLITE_OK)
    {
      galley_sqlite_set_error (rows->db, rows->path, "cannot prepare a statement", error);
      return NULL;
    }
  return rows->stmt[table][k];
}

/* misplaced: whether a keyed statement of @k rows from @key stored
 * fewer rows, or others, than it should have. */
static gboolean
misplaced (GalleySqliteRows *rows, gint64 key, guint k)
{
  return sqlite3_changes (rows->db) != (int) k
         || sqlite3_last_insert_rowid (rows->db) != key + k - 1;
}

/* insert: rows 0 .. @n - 1 of @src into @table, ROWS_MAX at a time. */
static gboolean
insert (GalleySqliteRows *rows, int table, RowSource *src, guint n,
        gboolean *lost, GError **error)
{
  const RowTable *t = &tables[table];

  if (t->keyed && n > ROW_IDX_LIMIT)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: %s: the document has %u %s, and the database "
                   "stores at most %" G_GINT64_FORMAT " for a document",
                   rows->path, t->what, n, t->rows, ROW_IDX_LIMIT);
      return FALSE;
    }
  for (guint first = 0; first < n; first += ROWS_MAX)
    {
      guint k = MIN (ROWS_MAX, n - first);
      sqlite3_stmt *s = statement (rows, table, k, error);
      gint64 key = t->keyed ? (src->key << ROW_KEY_BITS) + first : src->key;
      int rc;

      if (s == NULL)
        return FALSE;
      sqlite3_bind_int64 (s, 1, key);
      for (guint r = 0; r < k; r++)
        t->bind (s, 1 + (int) r * (t->n_columns - 1), src, first + r);
      rc = sqlite3_step (s);
      /* every parameter is bound again next time: no clear_bindings */
      sqlite3_reset (s);
      if (rc != SQLITE_DONE)
        return galley_sqlite_set_error (rows->db, rows->path, t->what, error);
      if (t->keyed && misplaced (rows, key, k))
        {
          /* rows may lie outside the document's keys, where deleting
           * them again cannot find them */
          *lost = TRUE;
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                       "%s: %s: the database did not store the rows as numbered "
                       "(a trigger on the table, or rows without a document "
                       "under its keys?)", rows->path, t->what);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
insert_entities (GalleySqliteRows *rows, RowSource *src, gboolean *lost,
                 GError **error)
{
  guint n;

  src->layer = galley_document_get_layer (src->doc, GALLEY_LAYER_ENTITY);
  if (src->layer == NULL)
    return TRUE;
  src->column[0] = galley_layer_find_feature_key (src->layer, GALLEY_ENTITY_FEATURE_NORM);
  src->column[1] = galley_layer_find_feature_key (src->layer, GALLEY_ENTITY_FEATURE_CLUSTER);
  src->column[2] = galley_layer_find_feature_key (src->layer, GALLEY_ENTITY_FEATURE_SENTIMENT);
  src->column[3] = galley_layer_find_feature_key (src->layer, GALLEY_ENTITY_FEATURE_MENTIONS);
  src->spans = galley_layer_get_spans (src->layer, &n);
  galley_offset_map_init (&src->map, src->text, src->len, rows->offsets);
  return insert (rows, TABLE_ENTITY, src, n, lost, error);
}

static gboolean
insert_sentences (GalleySqliteRows *rows, RowSource *src, gboolean *lost,
                  GError **error)
{
  static const char *const scores[] = {
    GALLEY_SENTIMENT_FEATURE_COMPOUND, GALLEY_SENTIMENT_FEATURE_POS,
    GALLEY_SENTIMENT_FEATURE_NEG, GALLEY_SENTIMENT_FEATURE_NEU
  };
  guint n;

  src->layer = galley_document_get_layer (src->doc, GALLEY_LAYER_SENTENCE);
  if (src->layer == NULL)
    return TRUE;
  src->sentiment = galley_document_get_layer (src->doc, GALLEY_LAYER_SENTIMENT);
  for (int k = 0; k < 4; k++)
    src->column[k] = galley_layer_find_feature_key (src->sentiment, scores[k]);
  src->spans = galley_layer_get_spans (src->layer, &n);
  galley_offset_map_init (&src->map, src->text, src->len, rows->offsets);
  return insert (rows, TABLE_SENTENCE, src, n, lost, error);
}

gboolean
galley_sqlite_rows_insert (GalleySqliteRows *rows, GalleyDocument *doc,
                           gint64 key, gboolean *lost, GError **error)
{
  RowSource src = { .doc = doc, .key = key };

  src.text = galley_document_get_text (doc, &src.len);
  return insert_entities (rows, &src, lost, error)
         && insert_sentences (rows, &src, lost, error)
         && insert (rows, TABLE_FEATURE, &src, galley_document_get_n_features (doc),
                    lost, error);
}

GalleySqliteRows *
galley_sqlite_rows_new (sqlite3 *db, const char *path, GalleyOffsetUnit offsets)
{
  GalleySqliteRows *rows = g_new0 (GalleySqliteRows, 1);

  rows->db = db;
  rows->path = g_strdup (path);
  rows->offsets = offsets;
  return rows;
}

void
galley_sqlite_rows_free (GalleySqliteRows *rows)
{
  if (rows == NULL)
    return;
  for (int t = 0; t < N_TABLES; t++)
    for (int k = 0; k <= ROWS_MAX; k++)
      sqlite3_finalize (rows->stmt[t][k]);
  g_free (rows->path);
  g_free (rows);
}
