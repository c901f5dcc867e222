/* html-charset.c: which encoding a saved page is in.
 *
 * libxml2's HTML parser can switch encodings when it meets a <meta>
 * charset, but it does so after it has started decoding, it trusts the
 * declaration blindly, and it stops at the first byte its converter
 * rejects. We decide up front, from a bounded prescan in the spirit of
 * the HTML standard's "prescan a byte stream" algorithm, decode with the
 * SDK (galley-charset.h), and give libxml2 UTF-8. */
#include "config.h"

#include <string.h>

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
      /* A label the Encoding Standard does not know is no declaration:
       * the prescan goes on to the next <meta>. */
      if (charset && galley_charset_for_label (charset))
        return g_ascii_strdown (charset, -1);
      if (http_equiv && content && charset == NULL)
        {
          g_autofree char *c = charset_in_content (content);
          if (c && galley_charset_for_label (c))
            return g_steal_pointer (&c);
        }
    }
  return NULL;
}

const char *
html_charset_detect (const char *data, gsize len, gsize *bom_len,
                     GalleyCharsetSource *source)
{
  g_autofree char *declared = html_charset_from_meta (data, MIN (len, PRESCAN_BYTES));

  return galley_charset_choose (data, len, declared, GALLEY_CHARSET_HTML_META,
                                bom_len, source);
}
