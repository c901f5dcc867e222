/* csv-columns.h: what export-csv can put in a row, and writing the rows.
 *
 * A row kind (one row per document, per entity mention, per sentence) has
 * a table of named columns and a default selection. Besides those, every
 * kind takes "meta.KEY" (a metadata value of the document) and
 * "feature.KEY" (a document feature), so an entity row can carry the
 * article's date, say.
 */
#pragma once

#include <galley/galley.h>

#include "csv-format.h"

G_BEGIN_DECLS

typedef enum {
  CSV_ROWS_DOCUMENT,
  CSV_ROWS_ENTITY,
  CSV_ROWS_SENTENCE,
} CsvRowKind;

typedef struct _CsvColumns CsvColumns;

/* csv_columns_new: the columns named by @names (NULL or empty: the
 * defaults of @kind), in that order. An unknown name is an error
 * (GALLEY_PIPELINE_ERROR_BAD_VALUE) that lists the valid ones. */
CsvColumns *csv_columns_new (CsvRowKind kind, const char *const *names,
                             GError **error);
void csv_columns_free (CsvColumns *columns);

/* csv_columns_get_id_index: the position of the document id column
 * ("id" or "doc_id"), or -1 when the selection lacks it. */
int csv_columns_get_id_index (const CsvColumns *columns);

/* csv_columns_append_header: the header record. */
void csv_columns_append_header (const CsvColumns *columns,
                                const CsvFormat *fmt, GString *out);

/* csv_columns_append_rows: every row of @doc (none for an entity or
 * sentence kind when the document lacks the layer). Offsets are written
 * in @unit. Returns the number of rows. */
guint csv_columns_append_rows (const CsvColumns *columns,
                               const CsvFormat *fmt, GalleyOffsetUnit unit,
                               GalleyDocument *doc, GString *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsvColumns, csv_columns_free)

G_END_DECLS
