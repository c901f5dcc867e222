/* feed-repair.c: what libxml2's recovery cannot save, repaired before
 * parsing, because libxml2 drops the affected text silently:
 *  - HTML entities in XML (&nbsp; &eacute; &mdash;): XML knows only five
 *    named entities, the rest are undefined and vanish. They are rewritten
 *    as character references, using libxml2's own HTML entity table; a
 *    bare '&' that starts no reference ("AT&T") becomes "&amp;".
 *  - a wrong encoding declaration (windows-1252 bytes declared as UTF-8,
 *    or UTF-8 declared as ISO-8859-1): text that does not decode as UTF-8
 *    is read as windows-1252, and multi-byte UTF-8 declared as a
 *    single-byte Latin charset is read as UTF-8. Valid multi-byte UTF-8 is
 *    very unlikely to be intended Latin-1 ("Ã©" for "é"), so the guess
 *    is safe in that direction too.
 * Files with their own entity declarations (<!ENTITY) are left alone. */
#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>

#include "feed-repair.h"

/* declared_encoding: the encoding="..." of the XML declaration, or NULL. */
static char *
declared_encoding (const char *data, gsize len)
{
  gsize n = MIN (len, 256);
  g_autofree char *head = g_strndup (data, n);
  const char *end, *enc;
  char quote;

  if (!g_str_has_prefix (head, "<?xml") && !g_str_has_prefix (head, "\xEF\xBB\xBF<?xml"))
    return NULL;
  end = strstr (head, "?>");
  enc = strstr (head, "encoding");
  if (enc == NULL || (end && enc > end))
    return NULL;
  enc += strlen ("encoding");
  while (*enc == ' ' || *enc == '=')
    enc++;
  quote = *enc;
  if (quote != '"' && quote != '\'')
    return NULL;
  end = strchr (enc + 1, quote);
  return end ? g_ascii_strdown (enc + 1, end - enc - 1) : NULL;
}

static gboolean
has_multibyte (const char *data, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) data[i] >= 0x80)
      return TRUE;
  return FALSE;
}

/* choose_encoding: the encoding to impose on libxml2, or NULL to let it
 * follow the declaration. @note gets what was corrected. */
const char *
feed_repair_choose_encoding (const char *data, gsize len, char **note)
{
  static const char *const latin[] = {
    "iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252",
    "cp1252", "us-ascii", "ascii", "iso-8859-15", NULL,
  };
  g_autofree char *declared = NULL;
  gboolean valid;

  if (len >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)
                   || ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    return NULL;  /* UTF-16 with a byte order mark: libxml2 knows */
  declared = declared_encoding (data, len);
  valid = g_utf8_validate_len (data, len, NULL);
  if (declared == NULL || strcmp (declared, "utf-8") == 0 || strcmp (declared, "utf8") == 0)
    {
      if (valid)
        return NULL;
      *note = g_strdup_printf ("declared %s but not valid UTF-8, read as windows-1252",
                               declared ? declared : "no encoding (UTF-8)");
      return "windows-1252";
    }
  if (g_strv_contains (latin, declared))
    {
      if (valid && has_multibyte (data, len))
        {
          *note = g_strdup_printf ("declared %s but holds UTF-8, read as UTF-8", declared);
          return "UTF-8";
        }
      return NULL;
    }
  if (xmlFindCharEncodingHandler (declared) == NULL)
    {
      *note = g_strdup_printf ("unknown encoding %s, read as %s", declared,
                               valid ? "UTF-8" : "windows-1252");
      return valid ? "UTF-8" : "windows-1252";
    }
  return NULL;
}

/* fix_entities: @data with HTML entities as character references and bare
 * ampersands escaped, outside CDATA sections and comments. Returns NULL
 * when nothing had to change. Cost: one pass over the file. */
GString *
feed_repair_entities (const char *data, gsize len, guint *n_fixed)
{
  GString *out = NULL;
  const char *p = data, *end = data + len, *copied = data;

  *n_fixed = 0;
  if (g_strstr_len (data, len, "<!ENTITY"))
    return NULL;
  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);
      const char *lt = memchr (p, '<', end - p);
      const char *q, *name;
      gsize name_len;

      if (lt && (amp == NULL || lt < amp))
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
      if (amp == NULL)
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
