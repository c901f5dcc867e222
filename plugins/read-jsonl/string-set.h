/* string-set.h: a GString's tail replaced in place, for read-jsonl's
 * per-line keys, values and "PATH:LINE".
 *
 * Why not g_string_truncate() and g_string_append_len(): in GLib 2.74
 * both are calls (append_len goes through g_string_insert_len, some 85
 * instructions for a title); GLib 2.76 inlines the same fast path. The
 * strings are reused from line to line, so they nearly always have the
 * room already. Callgrind, read-jsonl ! export-jsonl on 10,569 real
 * news articles (11.4 MB): read_jsonl_read 68.6M -> 63.6M instructions. */
#pragma once

#include <string.h>

#include <glib.h>

/* string_set_from: @s becomes its first @from bytes (@from <= @s->len)
 * followed by @n bytes of @p, which must not point into @s. */
static inline void
string_set_from (GString *s, gsize from, const char *p, gsize n)
{
  if (G_LIKELY (from + n < s->allocated_len))
    {
      memcpy (s->str + from, p, n);
      s->len = from + n;
      s->str[s->len] = '\0';
      return;
    }
  g_string_truncate (s, from);
  g_string_append_len (s, p, n);
}

/* string_set: @s holds @n bytes of @p, which must not point into @s. */
static inline void
string_set (GString *s, const char *p, gsize n)
{
  string_set_from (s, 0, p, n);
}
