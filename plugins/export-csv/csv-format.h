/* csv-format.h: writing and reading RFC 4180 fields and records.
 *
 * The writer quotes a field only when it must (it holds the delimiter, a
 * double quote, CR or LF, or, with the formula guard, starts like a
 * spreadsheet formula) and doubles the quotes inside. The reader is strict:
 * it accepts exactly what RFC 4180 allows (with LF as well as CRLF ending a
 * record) and reports anything else with the line it is on, so it serves
 * both export-csv's append mode and the tests that check the writer.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char delimiter;          /* ',' ';' '\t' ... never '"', CR or LF */
  gboolean crlf;           /* records end with CRLF (RFC 4180) or LF */
  gboolean formula_guard;  /* prefix text starting with = + - @ with ' */
} CsvFormat;

/* csv_delimiter_parse: the delimiter named by @text: one ASCII character
 * other than '"', CR, LF and NUL, or a name: "comma", "semicolon", "tab",
 * "pipe", "\t" (a backslash and a t, as a pipeline file holds it). FALSE
 * when @text names none. */
gboolean csv_delimiter_parse (const char *text, char *delimiter);

/* csv_append_field: appends @s (@len bytes of UTF-8, -1: NUL-terminated)
 * to @out as one field, quoted as needed. @is_text says whether the value
 * is free text (the formula guard applies) or a number the stage made. */
void csv_append_field (GString *out, const CsvFormat *fmt, const char *s,
                       gssize len, gboolean is_text);

/* csv_append_end: the record terminator. */
static inline void
csv_append_end (GString *out, const CsvFormat *fmt)
{
  if (fmt->crlf)
    g_string_append_len (out, "\r\n", 2);
  else
    g_string_append_c (out, '\n');
}

typedef struct {
  const char *p;      /* next byte to read */
  const char *end;
  char delimiter;
  guint line;         /* 1-based line of @p, for messages */
  const char *what;   /* name of the input, for messages */
} CsvReader;

typedef enum {
  CSV_READ_RECORD,    /* a record was read */
  CSV_READ_END,       /* no more input */
  CSV_READ_ERROR,     /* malformed input (error set) */
} CsvReadStatus;

void csv_reader_init (CsvReader *reader, const char *data, gsize len,
                      char delimiter, const char *what);

/* csv_reader_next: reads one record. Its fields (unquoted, newly
 * allocated) are appended to @fields, which is emptied first; the raw
 * bytes of the record, terminator included, are [*raw_start, *raw_end)
 * when those are not NULL. Errors (GALLEY_STAGE_ERROR_INPUT) name @what
 * and the line: a quote inside an unquoted field, text after a closing
 * quote, an unterminated quoted field, a bare CR. */
CsvReadStatus csv_reader_next (CsvReader *reader, GPtrArray *fields,
                               const char **raw_start, const char **raw_end,
                               GError **error);

G_END_DECLS
