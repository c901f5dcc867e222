/* html-charset.c: which encoding a saved page is in.
 *
 * libxml2's HTML parser can switch encodings when it meets a <meta>
 * charset, but it does so after it has started decoding and it trusts the
 * declaration blindly. We decide up front, from a bounded prescan in the
 * spirit of the HTML5 "prescan a byte stream" algorithm, and pass the
 * result to htmlCtxtReadMemory(), which then converts to UTF-8. */
#include "config.h"

#include <string.h>

#include <libxml/encoding.h>

#include "html-charset.h"

#define PRESCAN_BYTES 16384

/* attr_value: reads one attribute value at *p (quoted or not) into a new
 * string and advances *p past it. */
static char *
attr_value (const char **p, const char *end)
{
  const char *s = *p, *e;

  if (s < end && (*s == '"' || *s == '\''))
    {
      char q = *s++;
      e = memchr (s, q, end - s);
      if (e == NULL)
        e = end;
      *p = e < end ? e + 1 : end;
    }
  else
    {
      e = s;
      while (e < end && !g_ascii_isspace (*e) && *e != '>')
        e++;
      *p = e;
    }
  return g_strndup (s, e - s);
}

/* charset_in_content: "text/html; charset=X" -> X. */
static char *
charset_in_content (const char *content)
{
  g_autofree char *lower = g_ascii_strdown (content, -1);
  const char *c = strstr (lower, "charset");
  const char *e;

  if (c == NULL)
    return NULL;
  c += strlen ("charset");
  while (*c == ' ')
    c++;
  if (*c != '=')
    return NULL;
  c++;
  while (*c == ' ' || *c == '"' || *c == '\'')
    c++;
  e = c;
  while (*e && *e != ';' && *e != '"' && *e != '\'' && !g_ascii_isspace (*e))
    e++;
  return e > c ? g_strndup (c, e - c) : NULL;
}

char *
html_charset_from_meta (const char *data, gsize len)
{
  const char *p = data, *end = data + len;

  while (p < end)
    {
      const char *tag = g_strstr_len (p, end - p, "<");
      g_autofree char *charset = NULL;
      g_autofree char *content = NULL;
      gboolean http_equiv = FALSE;

      if (tag == NULL)
        break;
      p = tag + 1;
      if (end - tag >= 4 && memcmp (tag, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (tag + 4, end - tag - 4, "-->");
          p = close ? close + 3 : end;
          continue;
        }
      if (end - tag < 6 || g_ascii_strncasecmp (tag + 1, "meta", 4) != 0
          || !(g_ascii_isspace (tag[5]) || tag[5] == '/'))
        continue;
      /* Attributes up to '>'. */
      p = tag + 5;
      while (p < end && *p != '>')
        {
          const char *name;
          gsize name_len;
          g_autofree char *value = NULL;

          while (p < end && (g_ascii_isspace (*p) || *p == '/'))
            p++;
          name = p;
          while (p < end && !g_ascii_isspace (*p) && *p != '=' && *p != '>' && *p != '/')
            p++;
          name_len = p - name;
          while (p < end && g_ascii_isspace (*p))
            p++;
          if (p < end && *p == '=')
            {
              p++;
              while (p < end && g_ascii_isspace (*p))
                p++;
              value = attr_value (&p, end);
            }
          if (name_len == 0)
            {
              if (p < end && *p != '>')
                p++;
              continue;
            }
          if (value == NULL)
            continue;
          if (name_len == 7 && g_ascii_strncasecmp (name, "charset", 7) == 0 && charset == NULL)
            charset = g_strdup (g_strstrip (value));
          else if (name_len == 10 && g_ascii_strncasecmp (name, "http-equiv", 10) == 0)
            http_equiv = g_ascii_strcasecmp (g_strstrip (value), "content-type") == 0;
          else if (name_len == 7 && g_ascii_strncasecmp (name, "content", 7) == 0 && content == NULL)
            content = g_steal_pointer (&value);
        }
      if (charset && *charset)
        return g_ascii_strdown (charset, -1);
      if (http_equiv && content)
        {
          char *c = charset_in_content (content);
          if (c)
            return c;
        }
    }
  return NULL;
}

/* normalise: a label as the WHATWG Encoding standard resolves it, for the
 * labels that matter; NULL when libxml2 has no converter for it. */
static const char *
normalise (const char *label)
{
  static const struct { const char *label; const char *name; } map[] = {
    { "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
    /* a <meta> inside the bytes cannot be UTF-16: WHATWG reads UTF-8 */
    { "utf-16", "UTF-8" }, { "utf-16le", "UTF-8" }, { "utf-16be", "UTF-8" },
    { "iso-8859-1", "windows-1252" }, { "iso8859-1", "windows-1252" },
    { "latin1", "windows-1252" }, { "l1", "windows-1252" },
    { "us-ascii", "windows-1252" }, { "ascii", "windows-1252" },
    { "windows-1252", "windows-1252" }, { "cp1252", "windows-1252" },
    { "x-cp1252", "windows-1252" }, { "iso-8859-15", "ISO-8859-15" },
    { "windows-1250", "windows-1250" }, { "windows-1251", "windows-1251" },
    { "iso-8859-2", "ISO-8859-2" }, { "koi8-r", "KOI8-R" },
    { "gb2312", "GBK" }, { "gbk", "GBK" }, { "gb18030", "GB18030" },
    { "shift_jis", "SHIFT_JIS" }, { "shift-jis", "SHIFT_JIS" }, { "sjis", "SHIFT_JIS" },
    { "euc-jp", "EUC-JP" }, { "euc-kr", "EUC-KR" }, { "big5", "BIG5" },
  };
  xmlCharEncodingHandler *handler;

  for (gsize i = 0; i < G_N_ELEMENTS (map); i++)
    if (strcmp (label, map[i].label) == 0)
      label = map[i].name;
  handler = xmlFindCharEncodingHandler (label);
  if (handler == NULL)
    return NULL;
  xmlCharEncCloseFunc (handler);
  /* Return a static string: the table's or an interned copy. */
  return g_intern_string (label);
}

static gboolean
has_non_ascii (const char *data, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) data[i] >= 0x80)
      return TRUE;
  return FALSE;
}

const char *
html_charset_detect (const char *data, gsize len, gsize *bom_len,
                     HtmlCharsetSource *source)
{
  const guchar *u = (const guchar *) data;
  g_autofree char *declared = NULL;
  const char *name = NULL;
  HtmlCharsetSource dummy;
  gboolean valid;

  if (source == NULL)
    source = &dummy;
  *bom_len = 0;
  *source = HTML_CHARSET_FROM_BOM;
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    {
      *bom_len = 3;
      return "UTF-8";
    }
  if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
    {
      *bom_len = 2;
      return "UTF-16LE";
    }
  if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
    {
      *bom_len = 2;
      return "UTF-16BE";
    }

  valid = g_utf8_validate_len (data, len, NULL);
  declared = html_charset_from_meta (data, MIN (len, PRESCAN_BYTES));
  if (declared)
    name = normalise (declared);
  if (name)
    {
      *source = HTML_CHARSET_FROM_META;
      if (strcmp (name, "UTF-8") != 0 && valid && has_non_ascii (data, len))
        {
          *source = HTML_CHARSET_OVERRIDDEN;
          return "UTF-8";
        }
      return name;
    }
  *source = HTML_CHARSET_FROM_CONTENT;
  return valid ? "UTF-8" : "windows-1252";
}
