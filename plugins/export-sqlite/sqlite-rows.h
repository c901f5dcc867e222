/* sqlite-rows.h: a document's entity, sentence and feature rows, written
 * into export-sqlite's database several rows to an INSERT statement, or
 * compared with those stored. */
#pragma once

#include <galley/galley.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _GalleySqliteRows GalleySqliteRows;

/* galley_sqlite_rows_new: a writer of rows into @db (opened from @path,
 * which error messages name), with offsets in @offsets. Statements are
 * prepared when first needed. (transfer full) */
GalleySqliteRows *galley_sqlite_rows_new (sqlite3 *db, const char *path,
                                          GalleyOffsetUnit offsets)
  G_GNUC_WARN_UNUSED_RESULT;

/* galley_sqlite_rows_free: finalizes the statements; @rows may be NULL. */
void galley_sqlite_rows_free (GalleySqliteRows *rows);

/* galley_sqlite_rows_insert: inserts the entity, sentence and feature
 * rows of @doc under the documents row @key, in the open transaction.
 * Errors: GALLEY_STAGE_ERROR_IO, naming the file and the kind of row;
 * GALLEY_STAGE_ERROR_INPUT for a document with more entities or
 * sentences than a document's keys hold. The rows inserted before the
 * failure stay: the caller deletes the document's keys again, or, when
 * *@lost is set (rows went in under keys not the document's, see
 * sqlite-rows.c), rolls the transaction back. *@lost is left alone
 * otherwise. */
gboolean galley_sqlite_rows_insert (GalleySqliteRows *rows, GalleyDocument *doc,
                                    gint64 key, gboolean *lost, GError **error);

/* galley_sqlite_rows_stored: sets *@same to whether the entity,
 * sentence and feature rows stored under the documents row @key are
 * exactly those galley_sqlite_rows_insert would write for @doc (so
 * that a replacement may keep them). Reads only, in the open
 * transaction. Errors: GALLEY_STAGE_ERROR_IO. */
gboolean galley_sqlite_rows_stored (GalleySqliteRows *rows, GalleyDocument *doc,
                                    gint64 key, gboolean *same, GError **error);

/* galley_sqlite_set_error: sets @error to "PATH: WHAT: SQLite's message",
 * saying that another process held the database when SQLite was busy;
 * GALLEY_STAGE_ERROR_INPUT for a constraint, _TOO_LARGE for a value too
 * big, _IO for the rest.
 * Returns FALSE, for `return galley_sqlite_set_error (...)`. */
gboolean galley_sqlite_set_error (sqlite3 *db, const char *path, const char *what,
                                  GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleySqliteRows, galley_sqlite_rows_free)

G_END_DECLS
