/* csv-columns.c: the columns of export-csv's three row kinds. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "csv-columns.h"

typedef enum {
  SRC_DOC_ID,        /* the document id */
  SRC_META,          /* metadata value @key */
  SRC_FEATURE,       /* document feature @key */
  SRC_DOC_TEXT,      /* the whole text */
  SRC_N_SPANS,       /* span count of layer @key; empty without the layer */
  SRC_START,         /* the row span's offsets, in the offset unit */
  SRC_END,
  SRC_TYPE,          /* the row span's type */
  SRC_SPAN_TEXT,     /* the text the row span covers */
  SRC_SPAN_FEATURE,  /* feature @key of the row span */
  SRC_INDEX,         /* the row span's position in its layer, from 0 */
  SRC_SENTIMENT,     /* feature @key of the sentiment span of the sentence */
} Source;

typedef struct {
  const char *name;
  Source source;
  const char *key;
  gboolean by_default;
} ColumnDef;

static const ColumnDef document_defs[] = {
  { "id", SRC_DOC_ID, NULL, TRUE },
  { "title", SRC_META, "title", TRUE },
  { "published", SRC_META, "published", TRUE },
  { "source", SRC_META, "source", TRUE },
  { "url", SRC_META, "url", TRUE },
  { GALLEY_FEATURE_SENTIMENT_COMPOUND, SRC_FEATURE, GALLEY_FEATURE_SENTIMENT_COMPOUND, TRUE },
  { GALLEY_FEATURE_SENTIMENT_POS, SRC_FEATURE, GALLEY_FEATURE_SENTIMENT_POS, TRUE },
  { GALLEY_FEATURE_SENTIMENT_NEG, SRC_FEATURE, GALLEY_FEATURE_SENTIMENT_NEG, TRUE },
  { GALLEY_FEATURE_SENTIMENT_NEU, SRC_FEATURE, GALLEY_FEATURE_SENTIMENT_NEU, TRUE },
  { "n_sentences", SRC_N_SPANS, GALLEY_LAYER_SENTENCE, TRUE },
  { "n_entities", SRC_N_SPANS, GALLEY_LAYER_ENTITY, TRUE },
  { "author", SRC_META, "author", FALSE },
  { "language", SRC_META, "language", FALSE },
  { "n_tokens", SRC_N_SPANS, GALLEY_LAYER_TOKEN, FALSE },
  { "text", SRC_DOC_TEXT, NULL, FALSE },
  { NULL, 0, NULL, FALSE }
};

static const ColumnDef entity_defs[] = {
  { "doc_id", SRC_DOC_ID, NULL, TRUE },
  { "start", SRC_START, NULL, TRUE },
  { "end", SRC_END, NULL, TRUE },
  { "type", SRC_TYPE, NULL, TRUE },
  { "text", SRC_SPAN_TEXT, NULL, TRUE },
  { "norm", SRC_SPAN_FEATURE, GALLEY_ENTITY_FEATURE_NORM, TRUE },
  { "cluster", SRC_SPAN_FEATURE, GALLEY_ENTITY_FEATURE_CLUSTER, TRUE },
  { "sentiment", SRC_SPAN_FEATURE, GALLEY_ENTITY_FEATURE_SENTIMENT, TRUE },
  { "mentions", SRC_SPAN_FEATURE, GALLEY_ENTITY_FEATURE_MENTIONS, TRUE },
  { "index", SRC_INDEX, NULL, FALSE },
  { NULL, 0, NULL, FALSE }
};

static const ColumnDef sentence_defs[] = {
  { "doc_id", SRC_DOC_ID, NULL, TRUE },
  { "index", SRC_INDEX, NULL, TRUE },
  { "start", SRC_START, NULL, TRUE },
  { "end", SRC_END, NULL, TRUE },
  { "text", SRC_SPAN_TEXT, NULL, TRUE },
  { "compound", SRC_SENTIMENT, GALLEY_SENTIMENT_FEATURE_COMPOUND, TRUE },
  { "pos", SRC_SENTIMENT, GALLEY_SENTIMENT_FEATURE_POS, FALSE },
  { "neg", SRC_SENTIMENT, GALLEY_SENTIMENT_FEATURE_NEG, FALSE },
  { "neu", SRC_SENTIMENT, GALLEY_SENTIMENT_FEATURE_NEU, FALSE },
  { NULL, 0, NULL, FALSE }
};

static const ColumnDef *const defs_of_kind[] = {
  [CSV_ROWS_DOCUMENT] = document_defs,
  [CSV_ROWS_ENTITY] = entity_defs,
  [CSV_ROWS_SENTENCE] = sentence_defs,
};

static const char *const kind_names[] = {
  [CSV_ROWS_DOCUMENT] = "document",
  [CSV_ROWS_ENTITY] = "entity",
  [CSV_ROWS_SENTENCE] = "sentence",
};

typedef struct {
  char *name;
  Source source;
  char *key;
} Column;

struct _CsvColumns {
  CsvRowKind kind;
  Column *cols;
  guint n_cols;
  int id_index;
  /* scratch, per document: the feature column of each SRC_SPAN_FEATURE or
   * SRC_SENTIMENT column in its layer (-1: the layer lacks the key), so
   * a row costs an array index per feature, not a key lookup */
  int *feature_index;
};

static gboolean
add_column (CsvColumns *columns, const char *name, GError **error)
{
  const ColumnDef *defs = defs_of_kind[columns->kind];
  Column *col = &columns->cols[columns->n_cols];

  for (const ColumnDef *d = defs; d->name; d++)
    if (strcmp (d->name, name) == 0)
      {
        col->name = g_strdup (name);
        col->source = d->source;
        col->key = g_strdup (d->key);
        columns->n_cols++;
        return TRUE;
      }
  if (g_str_has_prefix (name, "meta.") && name[5] != '\0')
    {
      col->name = g_strdup (name);
      col->source = SRC_META;
      col->key = g_strdup (name + 5);
      columns->n_cols++;
      return TRUE;
    }
  if (g_str_has_prefix (name, "feature.") && name[8] != '\0')
    {
      col->name = g_strdup (name);
      col->source = SRC_FEATURE;
      col->key = g_strdup (name + 8);
      columns->n_cols++;
      return TRUE;
    }
  {
    g_autoptr (GString) valid = g_string_new (NULL);
    g_autoptr (GPtrArray) names = g_ptr_array_new ();
    const char *best;

    for (const ColumnDef *d = defs; d->name; d++)
      {
        g_string_append_printf (valid, "%s, ", d->name);
        g_ptr_array_add (names, (gpointer) d->name);
      }
    g_ptr_array_add (names, NULL);
    g_string_append (valid, "meta.KEY, feature.KEY");
    best = galley_suggest (name, (const char *const *) names->pdata);
    g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                 "parameter 'columns': unknown column '%s' for rows=%s; "
                 "%s%s%svalid columns: %s", name, kind_names[columns->kind],
                 best ? "did you mean '" : "", best ? best : "", best ? "'? " : "",
                 valid->str);
  }
  return FALSE;
}

CsvColumns *
csv_columns_new (CsvRowKind kind, const char *const *names, GError **error)
{
  g_autoptr (CsvColumns) columns = g_new0 (CsvColumns, 1);
  const ColumnDef *defs = defs_of_kind[kind];
  guint max = 0;

  columns->kind = kind;
  if (names != NULL && names[0] != NULL)
    max = g_strv_length ((char **) names);
  else
    for (const ColumnDef *d = defs; d->name; d++)
      max++;
  columns->cols = g_new0 (Column, max);
  columns->feature_index = g_new0 (int, max);
  if (names != NULL && names[0] != NULL)
    {
      for (guint i = 0; names[i]; i++)
        {
          for (guint j = 0; j < columns->n_cols; j++)
            if (strcmp (columns->cols[j].name, names[i]) == 0)
              {
                g_set_error (error, GALLEY_PIPELINE_ERROR,
                             GALLEY_PIPELINE_ERROR_BAD_VALUE,
                             "parameter 'columns': column '%s' is named twice",
                             names[i]);
                return NULL;
              }
          if (!add_column (columns, names[i], error))
            return NULL;
        }
    }
  else
    for (const ColumnDef *d = defs; d->name; d++)
      if (d->by_default && !add_column (columns, d->name, error))
        return NULL;

  columns->id_index = -1;
  for (guint i = 0; i < columns->n_cols; i++)
    if (columns->cols[i].source == SRC_DOC_ID)
      {
        columns->id_index = i;
        break;
      }
  return g_steal_pointer (&columns);
}

void
csv_columns_free (CsvColumns *columns)
{
  if (columns == NULL)
    return;
  for (guint i = 0; i < columns->n_cols; i++)
    {
      g_free (columns->cols[i].name);
      g_free (columns->cols[i].key);
    }
  g_free (columns->cols);
  g_free (columns->feature_index);
  g_free (columns);
}

int
csv_columns_get_id_index (const CsvColumns *columns)
{
  return columns->id_index;
}

void
csv_columns_append_header (const CsvColumns *columns, const CsvFormat *fmt,
                           GString *out)
{
  /* Header names are ours, not data: never formula-guarded. */
  for (guint i = 0; i < columns->n_cols; i++)
    {
      if (i > 0)
        g_string_append_c (out, fmt->delimiter);
      csv_append_field (out, fmt, columns->cols[i].name, -1, FALSE);
    }
  csv_append_end (out, fmt);
}

/* append_uint: offsets and counts, the bulk of the numbers of entity and
 * sentence rows, without a printf per number. */
static void
append_uint (GString *out, guint64 v)
{
  char buf[24];
  char *p = buf + sizeof buf;

  do
    {
      *--p = '0' + (char) (v % 10);
      v /= 10;
    }
  while (v != 0);
  g_string_append_len (out, p, buf + sizeof buf - p);
}

/* append_value: a typed value as one field. Doubles get four decimals in
 * the C locale, as export-jsonl writes them; NaN and infinities, which no
 * spreadsheet reads back, are left empty like a missing value. */
static void
append_value (GString *out, const CsvFormat *fmt, const GalleyValue *value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == NULL)
    return;
  switch (value->type)
    {
    case GALLEY_VALUE_INT:
      if (value->v.i < 0)
        {
          g_string_append_c (out, '-');
          append_uint (out, -(guint64) value->v.i);
        }
      else
        append_uint (out, (guint64) value->v.i);
      break;
    case GALLEY_VALUE_DOUBLE:
      if (isfinite (value->v.d))
        {
          const char *s = g_ascii_formatd (buf, sizeof buf, "%.4f", value->v.d);
          /* -0.00001 and -0.0 would print "-0.0000": a zero has no sign */
          if (strcmp (s, "-0.0000") == 0)
            s++;
          g_string_append (out, s);
        }
      break;
    case GALLEY_VALUE_BOOLEAN:
      g_string_append (out, value->v.b ? "true" : "false");
      break;
    case GALLEY_VALUE_STRING:
    case GALLEY_VALUE_JSON:
      csv_append_field (out, fmt, value->v.s, -1, TRUE);
      break;
    case GALLEY_VALUE_NONE:
    default:
      break;
    }
}

typedef struct {
  GalleyDocument *doc;
  const char *text;
  gsize len;
  GalleyLayer *layer;          /* the rows' layer, or NULL */
  const GalleySpan *span;      /* the row's span */
  guint index;                 /* its index */
  GalleyLayer *sentiment;      /* sentence rows: the sentiment layer */
  int sentiment_index;         /* its span for this sentence, or -1 */
  GalleyOffsetMap offsets;     /* byte offsets to the output unit */
} Row;

static void
append_row (const CsvColumns *columns, const CsvFormat *fmt, Row *row,
            GString *out)
{
  for (guint i = 0; i < columns->n_cols; i++)
    {
      const Column *col = &columns->cols[i];

      if (i > 0)
        g_string_append_c (out, fmt->delimiter);
      switch (col->source)
        {
        case SRC_DOC_ID:
          csv_append_field (out, fmt, galley_document_get_id (row->doc), -1, TRUE);
          break;
        case SRC_META:
          append_value (out, fmt, galley_document_get_meta_value (row->doc, col->key));
          break;
        case SRC_FEATURE:
          append_value (out, fmt, galley_document_get_feature (row->doc, col->key));
          break;
        case SRC_DOC_TEXT:
          csv_append_field (out, fmt, row->text, row->len, TRUE);
          break;
        case SRC_N_SPANS:
          {
            GalleyLayer *layer = galley_document_get_layer (row->doc, col->key);
            if (layer != NULL)
              append_uint (out, galley_layer_get_n_spans (layer));
            break;
          }
        case SRC_START:
          append_uint (out, galley_offset_map_convert (&row->offsets, row->span->start));
          break;
        case SRC_END:
          append_uint (out, galley_offset_map_convert (&row->offsets, row->span->end));
          break;
        case SRC_TYPE:
          csv_append_field (out, fmt, g_quark_to_string (row->span->type), -1, TRUE);
          break;
        case SRC_SPAN_TEXT:
          csv_append_field (out, fmt, row->text + row->span->start,
                            row->span->end - row->span->start, TRUE);
          break;
        case SRC_INDEX:
          append_uint (out, row->index);
          break;
        case SRC_SPAN_FEATURE:
          if (columns->feature_index[i] >= 0)
            append_value (out, fmt,
                          galley_layer_get_feature_nth (row->layer, row->index,
                                                        columns->feature_index[i]));
          break;
        case SRC_SENTIMENT:
          if (columns->feature_index[i] >= 0 && row->sentiment_index >= 0)
            append_value (out, fmt,
                          galley_layer_get_feature_nth (row->sentiment,
                                                        row->sentiment_index,
                                                        columns->feature_index[i]));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  csv_append_end (out, fmt);
}

/* sentiment_of: the sentiment span with the sentence's exact offsets (the
 * sentiment stage writes one per sentence), or -1. O(log n). */
static int
sentiment_of (GalleyLayer *sentiment, const GalleySpan *sentence)
{
  guint n;
  const GalleySpan *spans;

  if (sentiment == NULL)
    return -1;
  spans = galley_layer_get_spans (sentiment, &n);
  for (guint j = galley_layer_lower_bound (sentiment, sentence->start);
       j < n && spans[j].start == sentence->start; j++)
    if (spans[j].end == sentence->end)
      return (int) j;
  return -1;
}

guint
csv_columns_append_rows (const CsvColumns *columns, const CsvFormat *fmt,
                         GalleyOffsetUnit unit, GalleyDocument *doc,
                         GString *out)
{
  Row row = { .doc = doc, .sentiment_index = -1 };
  const GalleySpan *spans;
  guint n_spans;

  row.text = galley_document_get_text (doc, &row.len);
  if (columns->kind == CSV_ROWS_DOCUMENT)
    {
      append_row (columns, fmt, &row, out);
      return 1;
    }

  row.layer = galley_document_get_layer (doc, columns->kind == CSV_ROWS_ENTITY
                                         ? GALLEY_LAYER_ENTITY
                                         : GALLEY_LAYER_SENTENCE);
  if (row.layer == NULL)
    return 0;
  if (columns->kind == CSV_ROWS_SENTENCE)
    row.sentiment = galley_document_get_layer (doc, GALLEY_LAYER_SENTIMENT);
  for (guint i = 0; i < columns->n_cols; i++)
    {
      const Column *col = &columns->cols[i];
      if (col->source == SRC_SPAN_FEATURE)
        columns->feature_index[i] = galley_layer_find_feature_key (row.layer, col->key);
      else if (col->source == SRC_SENTIMENT)
        columns->feature_index[i] = galley_layer_find_feature_key (row.sentiment, col->key);
    }
  galley_offset_map_init (&row.offsets, row.text, row.len, unit);

  spans = galley_layer_get_spans (row.layer, &n_spans);
  for (guint i = 0; i < n_spans; i++)
    {
      row.span = &spans[i];
      row.index = i;
      if (row.sentiment != NULL)
        row.sentiment_index = sentiment_of (row.sentiment, row.span);
      append_row (columns, fmt, &row, out);
    }
  return n_spans;
}
