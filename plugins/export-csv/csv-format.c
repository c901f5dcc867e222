/* csv-format.c: RFC 4180 fields out, strict records in. */
#include "config.h"

#include <string.h>

#include <galley/galley-error.h>

#include "csv-format.h"

gboolean
csv_delimiter_parse (const char *text, char *delimiter)
{
  static const struct { const char *name; char c; } names[] = {
    { "comma", ',' }, { "semicolon", ';' }, { "tab", '\t' },
    { "\\t", '\t' }, { "pipe", '|' }, { "space", ' ' },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i].name) == 0)
      {
        *delimiter = names[i].c;
        return TRUE;
      }
  /* One ASCII byte: a multi-byte character cannot be found by a byte scan
   * in the reader, and no spreadsheet offers one as a separator. */
  if (text[0] == '\0' || text[1] != '\0' || (guchar) text[0] >= 0x80)
    return FALSE;
  if (text[0] == '"' || text[0] == '\r' || text[0] == '\n')
    return FALSE;
  *delimiter = text[0];
  return TRUE;
}

/* The bytes that force quoting, besides the delimiter. One table load per
 * byte keeps plain text (almost every field) on a tight loop. */
static const guint8 special[256] = {
  ['"'] = 1, ['\r'] = 1, ['\n'] = 1,
};

void
csv_append_field (GString *out, const CsvFormat *fmt, const char *s,
                  gssize len, gboolean is_text)
{
  gsize n = len < 0 ? strlen (s) : (gsize) len;
  gboolean guard = FALSE;
  gboolean quote = FALSE;
  gsize i;

  /* A spreadsheet runs a cell starting with = + - @ (or a tab or CR that
   * it strips first) as a formula; OWASP's advice is a leading quote, which
   * spreadsheets show as text and hide. Off by default: it changes data. */
  if (fmt->formula_guard && is_text && n > 0)
    guard = strchr ("=+-@\t\r", s[0]) != NULL;
  for (i = 0; i < n; i++)
    {
      guchar c = (guchar) s[i];
      if (G_UNLIKELY (special[c] || c == (guchar) fmt->delimiter))
        {
          quote = TRUE;
          break;
        }
    }
  if (!quote && !guard)
    {
      g_string_append_len (out, s, n);
      return;
    }
  if (!quote)
    {
      g_string_append_c (out, '\'');
      g_string_append_len (out, s, n);
      return;
    }
  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  /* copy runs between quotes; each quote is written twice */
  {
    const char *p = s;
    const char *end = s + n;
    const char *q;
    while ((q = memchr (p, '"', end - p)) != NULL)
      {
        g_string_append_len (out, p, q - p + 1);
        g_string_append_c (out, '"');
        p = q + 1;
      }
    g_string_append_len (out, p, end - p);
  }
  g_string_append_c (out, '"');
}

void
csv_reader_init (CsvReader *reader, const char *data, gsize len,
                 char delimiter, const char *what)
{
  reader->p = data;
  reader->end = data + len;
  reader->delimiter = delimiter;
  reader->line = 1;
  reader->what = what;
}

static CsvReadStatus
malformed (CsvReader *r, GError **error, const char *why)
{
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
               "%s:%u: malformed CSV: %s", r->what, r->line, why);
  return CSV_READ_ERROR;
}

CsvReadStatus
csv_reader_next (CsvReader *r, GPtrArray *fields, const char **raw_start,
                 const char **raw_end, GError **error)
{
  const char *p = r->p;
  const char *end = r->end;
  g_autoptr (GString) field = g_string_new (NULL);

  g_ptr_array_set_size (fields, 0);
  if (p >= end)
    return CSV_READ_END;
  if (raw_start)
    *raw_start = p;
  for (;;)
    {
      g_string_truncate (field, 0);
      if (p < end && *p == '"')
        {
          /* quoted field: runs up to a quote not followed by another */
          p++;
          for (;;)
            {
              const char *q = memchr (p, '"', end - p);
              if (q == NULL)
                {
                  r->p = end;
                  return malformed (r, error, "a quoted field is not closed");
                }
              for (const char *c = p; c < q; c++)
                if (*c == '\n')
                  r->line++;
              g_string_append_len (field, p, q - p);
              p = q + 1;
              if (p < end && *p == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                  continue;
                }
              break;
            }
          if (p < end && *p != r->delimiter && *p != '\r' && *p != '\n')
            {
              r->p = p;
              return malformed (r, error, "text after the closing quote of a field");
            }
        }
      else
        {
          const char *start = p;
          while (p < end && *p != r->delimiter && *p != '\r' && *p != '\n')
            {
              if (*p == '"')
                {
                  r->p = p;
                  return malformed (r, error, "a quote inside an unquoted field");
                }
              p++;
            }
          g_string_append_len (field, start, p - start);
        }
      g_ptr_array_add (fields, g_strndup (field->str, field->len));
      if (p < end && *p == r->delimiter)
        {
          p++;
          continue;
        }
      /* end of record: CRLF, LF, or the end of the input */
      if (p < end && *p == '\r')
        {
          if (p + 1 >= end || p[1] != '\n')
            {
              r->p = p;
              return malformed (r, error, "a CR not followed by LF");
            }
          p++;
        }
      if (p < end && *p == '\n')
        {
          p++;
          r->line++;
        }
      r->p = p;
      if (raw_end)
        *raw_end = p;
      return CSV_READ_RECORD;
    }
}
