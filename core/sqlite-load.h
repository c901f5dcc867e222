/* sqlite-load.h: SQLite for the run state (state.c), loaded on the first
 * state file a command opens rather than linked into galley.
 *
 * libsqlite3 is built with BIND_NOW: linked, it bound its ~1,600 symbols
 * at every start of every galley command, --state or not, which was
 * 1.45 M of the 6.0 M instructions of `galley run` over an empty input
 * (callgrind). state.c calls SQLite by its usual names; this header maps
 * them to the functions galley_sqlite_load found. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* one pointer per SQLite function state.c calls, typed as sqlite3.h
 * declares that function */
#define GALLEY_SQLITE_FUNCTIONS(X) \
  X (bind_double) X (bind_int) X (bind_int64) X (bind_text) \
  X (busy_timeout) X (changes) X (clear_bindings) X (close) X (column_double) \
  X (column_int) X (column_int64) X (column_text) X (column_type) \
  X (errmsg) X (errstr) X (exec) X (extended_errcode) \
  X (extended_result_codes) X (finalize) X (get_autocommit) \
  X (last_insert_rowid) X (open_v2) X (prepare_v2) X (prepare_v3) \
  X (reset) X (step)

#define GALLEY_SQLITE_FIELD(name) __typeof__ (sqlite3_##name) *name;
typedef struct {
  GALLEY_SQLITE_FUNCTIONS (GALLEY_SQLITE_FIELD)
} GalleySqliteApi;
#undef GALLEY_SQLITE_FIELD

/* filled by galley_sqlite_load; read only after it returned TRUE */
extern GalleySqliteApi galley_sqlite_api;

/* galley_sqlite_load: opens libsqlite3 and finds its functions, once a
 * process (later calls return the first call's result). @path is the
 * state file that needs it, named in the error. Returns FALSE with
 * @error set (GALLEY_STATE_ERROR_IO) when the library or one of its
 * functions cannot be found. Thread-safe. */
gboolean galley_sqlite_load (const char *path, GError **error);

#ifndef GALLEY_SQLITE_LOAD_IMPLEMENTATION
#define sqlite3_bind_double galley_sqlite_api.bind_double
#define sqlite3_bind_int galley_sqlite_api.bind_int
#define sqlite3_bind_int64 galley_sqlite_api.bind_int64
#define sqlite3_bind_text galley_sqlite_api.bind_text
#define sqlite3_busy_timeout galley_sqlite_api.busy_timeout
#define sqlite3_changes galley_sqlite_api.changes
#define sqlite3_clear_bindings galley_sqlite_api.clear_bindings
#define sqlite3_close galley_sqlite_api.close
#define sqlite3_column_double galley_sqlite_api.column_double
#define sqlite3_column_int galley_sqlite_api.column_int
#define sqlite3_column_int64 galley_sqlite_api.column_int64
#define sqlite3_column_text galley_sqlite_api.column_text
#define sqlite3_column_type galley_sqlite_api.column_type
#define sqlite3_errmsg galley_sqlite_api.errmsg
#define sqlite3_errstr galley_sqlite_api.errstr
#define sqlite3_exec galley_sqlite_api.exec
#define sqlite3_extended_errcode galley_sqlite_api.extended_errcode
#define sqlite3_extended_result_codes galley_sqlite_api.extended_result_codes
#define sqlite3_finalize galley_sqlite_api.finalize
#define sqlite3_get_autocommit galley_sqlite_api.get_autocommit
#define sqlite3_last_insert_rowid galley_sqlite_api.last_insert_rowid
#define sqlite3_open_v2 galley_sqlite_api.open_v2
#define sqlite3_prepare_v2 galley_sqlite_api.prepare_v2
#define sqlite3_prepare_v3 galley_sqlite_api.prepare_v3
#define sqlite3_reset galley_sqlite_api.reset
#define sqlite3_step galley_sqlite_api.step
#endif

G_END_DECLS
