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
 *
 * A row's values go into an array of cells (fill_entity, ...) that
 * insert() binds and stored() compares with the rows of a stored
 * version (galley_sqlite_rows_stored: a replacement keeps the stored
 * rows when they are the same). The array costs the new file's run
 * some 15 instructions a value (write 1,925 M -> 1,963 M on the 10,569
 * real news articles); comparing every row of those articles, stored
 * unchanged, 1,188 M, where inserting them again and deleting the
 * stored ones took 5,460 M.
 *
 * The cells are filled from each feature column as one array
 * (galley_layer_get_feature_column) rather than a call a value, with one
 * offset map for both layers, no conversion call for an ASCII text, the
 * last type's name kept, and a sentence's scores looked for from where
 * the last sentence's were: the stage on those 10,569 articles into a
 * new file (callgrind) 2,905 M -> 2,862 M instructions (fill_entity
 * 77 M -> 51 M, fill_sentence 40 M -> 24 M).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sqlite-rows.h"

#define ROWS_MAX 16

/* keyed tables: a row's row_key is doc_key << ROW_KEY_BITS | idx */
#define ROW_KEY_BITS 24
#define ROW_IDX_LIMIT (G_GINT64_CONSTANT (1) << ROW_KEY_BITS)

/* Column: one feature column of a layer as an array, parallel to its
 * spans (galley_layer_get_feature_column): spans from n_values on have
 * no value. */
typedef struct {
  const GalleyValue *values;
  guint n_values;
} Column;

typedef struct {
  GalleyDocument *doc;
  gint64 key;
  const char *text;
  gsize len;
  GalleyOffsetMap map;        /* over text, for both layers */
  gboolean identity;          /* the map converts every offset to itself */
  GalleyLayer *layer;
  const GalleySpan *spans;
  GalleyLayer *sentiment;     /* sentences: the scores' layer */
  guint next_score;           /* sentences: where sentiment_of looks first */
  Column column[4];           /* the feature columns written, in order */
  GQuark type;                /* entities: the last span's type, */
  const char *type_name;      /* its name */
  gsize type_len;             /* and that name's length */
} RowSource;

/* Cell: one value of a row, as it is bound (see fill_value). */
typedef struct {
  int type;                   /* SQLITE_INTEGER, _FLOAT, _TEXT or _NULL */
  int len;                    /* of a text, in bytes */
  union {
    gint64 i;
    double d;
    const char *s;
  } v;
} Cell;

#define CELLS_MAX 8

/* fill_row: the cells of row @i of @src, but for its key or doc_key,
 * which insert() binds once a statement as ?1 (see the top of this
 * file). */
typedef void (*FillRow) (Cell *cells, RowSource *src, guint i);

/* stored_row: whether the stored row @s holds (it is row @i of those
 * read for @src) is the one insert() would write. */
typedef gboolean (*StoredRow) (sqlite3_stmt *s, RowSource *src, guint i);

typedef struct {
  const char *insert;         /* "INSERT OR IGNORE INTO table (columns) VALUES " */
  int n_columns;
  const char *what;           /* for messages: "cannot insert an entity" */
  const char *rows;           /* for messages: "entities" */
  gboolean keyed;             /* row_key = doc_key << ROW_KEY_BITS | idx */
  FillRow fill;
  const char *select;         /* a document's stored rows, key first */
  StoredRow stored;
} RowTable;

enum { TABLE_ENTITY, TABLE_SENTENCE, TABLE_FEATURE, N_TABLES };

struct _GalleySqliteRows {
  sqlite3 *db;
  char *path;
  GalleyOffsetUnit offsets;
  sqlite3_stmt *stmt[N_TABLES][ROWS_MAX + 1];  /* [table][k]: k rows */
  sqlite3_stmt *select[N_TABLES];
};

gboolean
galley_sqlite_set_error (sqlite3 *db, const char *path, const char *what,
                         GError **error)
{
  int code = sqlite3_errcode (db);
  GalleyStageError kind = GALLEY_STAGE_ERROR_IO;

  /* What the database refused in a row (a constraint or a trigger of
   * the user's, a value too big) is the document's fault: the runner
   * rejects it and goes on. Anything else (a full disk, a lock held too
   * long, a damaged file) is the database's, and stops the run. */
  if (code == SQLITE_CONSTRAINT || code == SQLITE_MISMATCH || code == SQLITE_RANGE)
    kind = GALLEY_STAGE_ERROR_INPUT;
  else if (code == SQLITE_TOOBIG)
    kind = GALLEY_STAGE_ERROR_TOO_LARGE;
  g_set_error (error, GALLEY_STAGE_ERROR, kind, "%s: %s: %s%s",
               path, what, sqlite3_errmsg (db),
               code == SQLITE_BUSY || code == SQLITE_LOCKED
               ? " (another process held the database longer than busy-timeout)" : "");
  return FALSE;
}

/* fill_text: a string with its length; given -1, SQLite would count the
 * bytes itself, one at a time. */
static inline void
fill_text (Cell *cell, const char *s, gsize len)
{
  cell->type = SQLITE_TEXT;
  cell->len = (int) len;
  cell->v.s = s;
}

static inline void
fill_int (Cell *cell, gint64 i)
{
  cell->type = SQLITE_INTEGER;
  cell->v.i = i;
}

/* fill_value: inline, as some 1.2 million values of the news file go
 * through it (callgrind, the stage: 2,862 M -> 2,848 M instructions). */
static inline void
fill_value (Cell *cell, const GalleyValue *value)
{
  cell->type = SQLITE_NULL;
  if (value == NULL)
    return;
  switch (value->type)
    {
    case GALLEY_VALUE_INT:
      fill_int (cell, value->v.i);
      break;
    case GALLEY_VALUE_DOUBLE:
      /* SQLite stores NaN as NULL itself; say so rather than rely on it */
      if (!isnan (value->v.d))
        {
          cell->type = SQLITE_FLOAT;
          cell->v.d = value->v.d;
        }
      break;
    case GALLEY_VALUE_BOOLEAN:
      fill_int (cell, value->v.b ? 1 : 0);
      break;
    case GALLEY_VALUE_STRING:
    case GALLEY_VALUE_JSON:
      fill_text (cell, value->v.s, strlen (value->v.s));
      break;
    case GALLEY_VALUE_NONE:
    default:
      break;
    }
}

static void
bind_cells (sqlite3_stmt *s, int base, const Cell *cells, int n)
{
  for (int c = 0; c < n; c++)
    switch (cells[c].type)
      {
      case SQLITE_INTEGER:
        sqlite3_bind_int64 (s, base + 1 + c, cells[c].v.i);
        break;
      case SQLITE_FLOAT:
        sqlite3_bind_double (s, base + 1 + c, cells[c].v.d);
        break;
      case SQLITE_TEXT:
        sqlite3_bind_text (s, base + 1 + c, cells[c].v.s, cells[c].len, SQLITE_STATIC);
        break;
      default:
        sqlite3_bind_null (s, base + 1 + c);
        break;
      }
}

/* stored_as: whether the stored value @v is @cell, of the same type.
 * Stricter than what SQLite would store (its column affinity may turn
 * the bound value into the stored one, and a double is compared bit for
 * bit): a value it calls different only costs a replacement. The
 * sqlite3_value_* calls cost a fraction of the sqlite3_column_* ones,
 * which check the statement and take its mutex every time (comparing
 * every row of 10,569 real news articles: 1,350 M -> 1,188 M). SQLite
 * calls the value of sqlite3_column_value "unprotected": reading it so
 * is safe only while no other thread uses the connection, which the
 * stage's connection (SQLITE_OPEN_NOMUTEX) already requires. */
static gboolean
stored_as (sqlite3_value *v, const Cell *cell)
{
  double d;

  if (sqlite3_value_type (v) != cell->type)
    return FALSE;
  switch (cell->type)
    {
    case SQLITE_INTEGER:
      return sqlite3_value_int64 (v) == cell->v.i;
    case SQLITE_FLOAT:
      d = sqlite3_value_double (v);
      return memcmp (&d, &cell->v.d, sizeof d) == 0;
    case SQLITE_TEXT:
      {
        const unsigned char *text = sqlite3_value_text (v);
        return sqlite3_value_bytes (v) == cell->len
               && memcmp (text, cell->v.s, (gsize) cell->len) == 0;
      }
    default:
      return TRUE;
    }
}

static gboolean
stored_cells (sqlite3_stmt *s, int first, const Cell *cells, int n)
{
  for (int c = 0; c < n; c++)
    if (!stored_as (sqlite3_column_value (s, first + c), &cells[c]))
      return FALSE;
  return TRUE;
}

/* find_column: the values of @layer's feature @key, or none. */
static void
find_column (Column *column, GalleyLayer *layer, const char *key)
{
  int k = galley_layer_find_feature_key (layer, key);

  column->values = NULL;
  column->n_values = 0;
  if (k >= 0)
    column->values = galley_layer_get_feature_column (layer, (guint) k,
                                                      &column->n_values);
}

static const GalleyValue *
column_nth (const Column *column, guint index)
{
  return index < column->n_values ? &column->values[index] : NULL;
}

/* convert: @offset in the unit of offsets=; an ASCII text's (most news
 * articles') needs no call. */
static inline gint64
convert (RowSource *src, gsize offset)
{
  if (src->identity)
    return (gint64) MIN (offset, src->len);
  return (gint64) galley_offset_map_convert (&src->map, offset);
}

static void
fill_entity (Cell *cells, RowSource *src, guint i)
{
  const GalleySpan *span = &src->spans[i];

  /* a document's mentions have a handful of types */
  if (span->type != src->type || src->type_name == NULL)
    {
      src->type = span->type;
      src->type_name = g_quark_to_string (span->type);
      src->type_len = strlen (src->type_name);
    }
  fill_int (&cells[0], convert (src, span->start));
  fill_int (&cells[1], convert (src, span->end));
  fill_text (&cells[2], src->type_name, src->type_len);
  fill_text (&cells[3], src->text + span->start, span->end - span->start);
  for (int k = 0; k < 4; k++)
    fill_value (&cells[4 + k], column_nth (&src->column[k], i));
}

/* sentiment_of: the sentiment span with the sentence's offsets, or -1.
 * Sentences come in order, so the search goes on from where the last
 * one's began: the first span at or after the sentence's start. */
static int
sentiment_of (RowSource *src, const GalleySpan *sentence)
{
  const GalleySpan *spans;
  guint n, j = src->next_score;

  if (src->sentiment == NULL)
    return -1;
  spans = galley_layer_get_spans (src->sentiment, &n);
  if (j > n || (j > 0 && spans[j - 1].start >= sentence->start))
    j = galley_layer_lower_bound (src->sentiment, sentence->start);
  while (j < n && spans[j].start < sentence->start)
    j++;
  src->next_score = j;
  for (; j < n && spans[j].start == sentence->start; j++)
    if (spans[j].end == sentence->end)
      return (int) j;
  return -1;
}

static void
fill_sentence (Cell *cells, RowSource *src, guint i)
{
  const GalleySpan *span = &src->spans[i];
  int j = sentiment_of (src, span);

  fill_int (&cells[0], convert (src, span->start));
  fill_int (&cells[1], convert (src, span->end));
  for (int k = 0; k < 4; k++)
    fill_value (&cells[2 + k], j < 0 ? NULL : column_nth (&src->column[k], (guint) j));
}

static void
fill_feature (Cell *cells, RowSource *src, guint i)
{
  const GalleyValue *value;
  const char *name = galley_document_get_feature_nth (src->doc, i, &value);

  fill_text (&cells[0], name, strlen (name));
  fill_value (&cells[1], value);
}

/* stored_keyed_row: an entity or sentence row is row @i of its document
 * when its row_key says so and its values are the same. */
static gboolean
stored_keyed_row (sqlite3_stmt *s, RowSource *src, guint i, const RowTable *t)
{
  Cell cells[CELLS_MAX];

  if (sqlite3_column_int64 (s, 0) != (src->key << ROW_KEY_BITS) + i)
    return FALSE;
  t->fill (cells, src, i);
  return stored_cells (s, 1, cells, t->n_columns - 1);
}

static const RowTable tables[N_TABLES];

static gboolean
stored_entity (sqlite3_stmt *s, RowSource *src, guint i)
{
  return stored_keyed_row (s, src, i, &tables[TABLE_ENTITY]);
}

static gboolean
stored_sentence (sqlite3_stmt *s, RowSource *src, guint i)
{
  return stored_keyed_row (s, src, i, &tables[TABLE_SENTENCE]);
}

/* stored_feature: features come back in the order of their keys, not
 * the document's: each is looked up by its key. With as many stored
 * rows as the document has features, all found, the two are the same
 * set (a document's feature keys are unique, and so are the stored
 * rows', by their primary key). */
static gboolean
stored_feature (sqlite3_stmt *s, RowSource *src, guint i)
{
  sqlite3_value *key = sqlite3_column_value (s, 1);
  const GalleyValue *value;
  Cell cell;

  (void) i;
  if (sqlite3_value_type (key) != SQLITE_TEXT)
    return FALSE;
  value = galley_document_get_feature (src->doc, (const char *) sqlite3_value_text (key));
  if (value == NULL)
    return FALSE;
  fill_value (&cell, value);
  return stored_as (sqlite3_column_value (s, 2), &cell);
}

static const RowTable tables[N_TABLES] = {
  [TABLE_ENTITY] = {
    "INSERT OR IGNORE INTO entity_rows (row_key, start, end, type, text, "
    "norm, cluster, sentiment, mentions) VALUES ", 9,
    "cannot insert an entity", "entities", TRUE, fill_entity,
    "SELECT row_key, start, end, type, text, norm, cluster, sentiment, mentions "
    "FROM entity_rows WHERE row_key >= ?1 << 24 AND row_key < (?1 + 1) << 24 "
    "ORDER BY row_key", stored_entity },
  [TABLE_SENTENCE] = {
    "INSERT OR IGNORE INTO sentence_rows (row_key, start, end, compound, "
    "pos, neg, neu) VALUES ", 7,
    "cannot insert a sentence", "sentences", TRUE, fill_sentence,
    "SELECT row_key, start, end, compound, pos, neg, neu FROM sentence_rows "
    "WHERE row_key >= ?1 << 24 AND row_key < (?1 + 1) << 24 ORDER BY row_key",
    stored_sentence },
  [TABLE_FEATURE] = {
    "INSERT OR IGNORE INTO feature_rows (doc_key, key, value) VALUES ", 3,
    "cannot insert a feature", "features", FALSE, fill_feature,
    "SELECT doc_key, key, value FROM feature_rows WHERE doc_key = ?1",
    stored_feature },
};

/* prepare: @sql into *@stmt, unless done before. */
static sqlite3_stmt *
prepare (GalleySqliteRows *rows, const char *sql, int len, sqlite3_stmt **stmt,
         GError **error)
{
  if (*stmt == NULL
      && sqlite3_prepare_v3 (rows->db, sql, len, SQLITE_PREPARE_PERSISTENT,
                             stmt, NULL) != SQLITE_OK)
    {
      galley_sqlite_set_error (rows->db, rows->path, "cannot prepare a statement", error);
      return NULL;
    }
  return *stmt;
}

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
  return prepare (rows, sql->str, (int) sql->len, &rows->stmt[table][k], error);
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
        {
          Cell cells[CELLS_MAX];
          t->fill (cells, src, first + r);
          bind_cells (s, 1 + (int) r * (t->n_columns - 1), cells, t->n_columns - 1);
        }
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

/* stored: whether the rows of @table stored under @src's key are rows
 * 0 .. @n - 1 of @src, no more and no fewer. Stops at the first that
 * differs. */
static gboolean
stored (GalleySqliteRows *rows, int table, RowSource *src, guint n,
        gboolean *same, GError **error)
{
  const RowTable *t = &tables[table];
  sqlite3_stmt *s = prepare (rows, t->select, -1, &rows->select[table], error);
  guint i = 0;
  int rc;

  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, src->key);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW && i < n && t->stored (s, src, i))
    i++;
  sqlite3_reset (s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return galley_sqlite_set_error (rows->db, rows->path,
                                    "cannot read a stored document", error);
  *same = rc == SQLITE_DONE && i == n;
  return TRUE;
}

/* entities: points @src at @doc's entity layer; the number of rows. */
static guint
entities (RowSource *src)
{
  guint n;

  src->layer = galley_document_get_layer (src->doc, GALLEY_LAYER_ENTITY);
  if (src->layer == NULL)
    return 0;
  find_column (&src->column[0], src->layer, GALLEY_ENTITY_FEATURE_NORM);
  find_column (&src->column[1], src->layer, GALLEY_ENTITY_FEATURE_CLUSTER);
  find_column (&src->column[2], src->layer, GALLEY_ENTITY_FEATURE_SENTIMENT);
  find_column (&src->column[3], src->layer, GALLEY_ENTITY_FEATURE_MENTIONS);
  src->spans = galley_layer_get_spans (src->layer, &n);
  return n;
}

/* sentences: points @src at @doc's sentences and their scores; the
 * number of rows. */
static guint
sentences (RowSource *src)
{
  static const char *const scores[] = {
    GALLEY_SENTIMENT_FEATURE_COMPOUND, GALLEY_SENTIMENT_FEATURE_POS,
    GALLEY_SENTIMENT_FEATURE_NEG, GALLEY_SENTIMENT_FEATURE_NEU
  };
  guint n;

  src->layer = galley_document_get_layer (src->doc, GALLEY_LAYER_SENTENCE);
  if (src->layer == NULL)
    return 0;
  src->sentiment = galley_document_get_layer (src->doc, GALLEY_LAYER_SENTIMENT);
  src->next_score = 0;
  for (int k = 0; k < 4; k++)
    find_column (&src->column[k], src->sentiment, scores[k]);
  src->spans = galley_layer_get_spans (src->layer, &n);
  return n;
}

/* rows_of: points @src at its document's rows of @table; their number. */
static guint
rows_of (RowSource *src, int table)
{
  switch (table)
    {
    case TABLE_ENTITY:
      return entities (src);
    case TABLE_SENTENCE:
      return sentences (src);
    default:
      return galley_document_get_n_features (src->doc);
    }
}

/* source_init: @src over @doc's text, one offset map for both layers
 * (it moves from its last position, back as well as forward). */
static void
source_init (RowSource *src, GalleySqliteRows *rows, GalleyDocument *doc, gint64 key)
{
  memset (src, 0, sizeof *src);
  src->doc = doc;
  src->key = key;
  src->text = galley_document_get_text (doc, &src->len);
  galley_offset_map_init (&src->map, src->text, src->len, rows->offsets);
  src->identity = galley_offset_map_is_identity (&src->map);
}

gboolean
galley_sqlite_rows_insert (GalleySqliteRows *rows, GalleyDocument *doc,
                           gint64 key, gboolean *lost, GError **error)
{
  RowSource src;

  source_init (&src, rows, doc, key);
  for (int t = 0; t < N_TABLES; t++)
    if (!insert (rows, t, &src, rows_of (&src, t), lost, error))
      return FALSE;
  return TRUE;
}

gboolean
galley_sqlite_rows_stored (GalleySqliteRows *rows, GalleyDocument *doc,
                           gint64 key, gboolean *same, GError **error)
{
  RowSource src;

  source_init (&src, rows, doc, key);
  *same = TRUE;
  for (int t = 0; t < N_TABLES && *same; t++)
    if (!stored (rows, t, &src, rows_of (&src, t), same, error))
      return FALSE;
  return TRUE;
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
    {
      for (int k = 0; k <= ROWS_MAX; k++)
        sqlite3_finalize (rows->stmt[t][k]);
      sqlite3_finalize (rows->select[t]);
    }
  g_free (rows->path);
  g_free (rows);
}
