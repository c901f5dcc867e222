/* sqlite-schema.h: the versioned schema of export-sqlite's database.
 *
 * A database is ours when PRAGMA application_id is GALLEY_SQLITE_APP_ID
 * and PRAGMA user_version is the schema version. Opening checks both
 * before changing anything: a new, empty file gets the schema; a file of
 * this version is used as it is; a version 1, 2 or 3 file is migrated to
 * this version in the same transaction; a file of a newer version, or another
 * program's file, is refused with a message naming the file and both
 * versions, and is left byte for byte as it was.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "galley-file-ids-private.h"

G_BEGIN_DECLS

#define GALLEY_SQLITE_SCHEMA_VERSION 4
#define GALLEY_SQLITE_APP_ID GALLEY_EXPORT_APPLICATION_ID

/* galley_sqlite_schema_get_sql: the schema text (schema.sql), static. */
const char *galley_sqlite_schema_get_sql (void);

/* galley_sqlite_schema_prepare: checks the database @db (opened from
 * @path, busy timeout set) and creates the schema in a new one, all in
 * one IMMEDIATE transaction so that two runs starting on a new file do
 * not both create it. Then switches the file to WAL mode.
 * Errors: GALLEY_STAGE_ERROR_INPUT for a file that is not ours or of
 * another version, GALLEY_STAGE_ERROR_IO when SQLite fails. */
gboolean galley_sqlite_schema_prepare (sqlite3 *db, const char *path,
                                       GError **error);

/* galley_sqlite_schema_has_indexes: sets *@has to whether the file has
 * the indexes of indexes.sql (a new file has not; see schema.sql).
 * Errors: GALLEY_STAGE_ERROR_IO when SQLite fails. */
gboolean galley_sqlite_schema_has_indexes (sqlite3 *db, const char *path,
                                           gboolean *has, GError **error);

/* galley_sqlite_schema_create_indexes: runs indexes.sql (each index IF
 * NOT EXISTS) in the caller's transaction, or in its own without one.
 * Errors: GALLEY_STAGE_ERROR_IO when SQLite fails. */
gboolean galley_sqlite_schema_create_indexes (sqlite3 *db, const char *path,
                                              GError **error);

G_END_DECLS
