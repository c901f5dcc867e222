/* feed-repair.c: what libxml2's recovery cannot save, repaired before
 * parsing, because libxml2 drops the affected text silently:
 *  - HTML entities in XML (&nbsp; &eacute; &mdash;): XML knows only five
 *    named entities, the rest are undefined and vanish. They are rewritten
 *    as character references, using libxml2's own HTML entity table; a
 *    bare '&' that starts no reference ("AT&T") becomes "&amp;".
 * (A wrong encoding declaration is corrected in feed-charset.c.)
 * Files with their own entity declarations (<!ENTITY) are left alone. */
#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#include "feed-repair.h"

/* find: the first @c in [@p, @end), or @end when there is none. */
static const char *
find (const char *p, const char *end, char c)
{
  const char *found = memchr (p, c, end - p);

  return found ? found : end;
}

/* fix_entities: @data with HTML entities as character references and bare
 * ampersands escaped, outside CDATA sections and comments. Returns NULL
 * when nothing had to change. Cost: one pass over the file: the next '&'
 * and the next '<' are searched for again only once passed, since
 * searching both from every stop made a text of many '&' and one '<' at
 * its end (100,000 escaped tags in an item) quadratic. */
GString *
feed_repair_entities (const char *data, gsize len, guint *n_fixed)
{
  GString *out = NULL;
  const char *p = data, *end = data + len, *copied = data;
  const char *amp = find (data, end, '&'), *lt = find (data, end, '<');

  *n_fixed = 0;
  if (g_strstr_len (data, len, "<!ENTITY"))
    return NULL;
  while (p < end)
    {
      const char *q, *name;
      gsize name_len;

      if (amp < p)
        amp = find (p, end, '&');
      if (lt < p)
        lt = find (p, end, '<');
      if (lt < amp)
        {
          const char *close = NULL;
          if (end - lt >= 9 && memcmp (lt, "<![CDATA[", 9) == 0)
            close = g_strstr_len (lt + 9, end - lt - 9, "]]>");
          else if (end - lt >= 4 && memcmp (lt, "<!--", 4) == 0)
            close = g_strstr_len (lt + 4, end - lt - 4, "-->");
          else
            {
              p = lt + 1;
              continue;
            }
          if (close == NULL)
            break;  /* unterminated: leave the rest alone */
          p = close + 3;
          continue;
        }
      if (amp == end)
        break;

      q = amp + 1;
      if (q < end && *q == '#')
        {
          const char *r = q + 1;
          gboolean hex = r < end && (*r == 'x' || *r == 'X');
          if (hex)
            r++;
          while (r < end && (hex ? g_ascii_isxdigit (*r) : g_ascii_isdigit (*r)))
            r++;
          if (r < end && *r == ';' && r > q + 1 + hex)
            {
              p = r + 1;
              continue;  /* a character reference */
            }
        }
      name = q;
      while (q < end && (g_ascii_isalnum (*q) || *q == '_' || *q == '-' || *q == '.'))
        q++;
      name_len = q - name;
      if (name_len > 0 && g_ascii_isalpha (*name) && q < end && *q == ';')
        {
          static const char *const xml_names[] = { "amp", "lt", "gt", "quot", "apos", NULL };
          g_autofree char *s = g_strndup (name, name_len);
          const htmlEntityDesc *ent;

          if (g_strv_contains (xml_names, s)
              || (ent = htmlEntityLookup ((const xmlChar *) s)) == NULL)
            {
              p = q + 1;
              continue;  /* predefined, or unknown: libxml2 reports it */
            }
          if (out == NULL)
            out = g_string_sized_new (len + 64);
          g_string_append_len (out, copied, amp - copied);
          g_string_append_printf (out, "&#%u;", ent->value);
          copied = p = q + 1;
          (*n_fixed)++;
          continue;
        }
      /* A bare ampersand. */
      if (out == NULL)
        out = g_string_sized_new (len + 64);
      g_string_append_len (out, copied, amp - copied);
      g_string_append (out, "&amp;");
      copied = p = amp + 1;
      (*n_fixed)++;
    }
  if (out)
    g_string_append_len (out, copied, end - copied);
  return out;
}
