/* feed-charset.c: the encoding of a feed file, and its bytes as UTF-8.
 *
 * libxml2 would follow the XML declaration itself, but through iconv,
 * which stops at the first byte it rejects: the rest of the file, every
 * later item included, was lost without a word. So the file is decoded
 * here (galley-charset.h: each bad byte one U+FFFD, counted) and libxml2
 * only ever parses UTF-8.
 *
 * The rules are the SDK's (galley_charset_choose()), with one of this
 * reader's own, kept from before: a file that declares UTF-8 (or declares
 * nothing and so is UTF-8 by XML's rules) but is not valid UTF-8 is most
 * often a windows-1252 file whose generator wrote the wrong declaration. */
#include "config.h"

#include <string.h>

#include <galley/galley.h>

#include "feed-charset.h"

/* declared_label: the encoding="..." of the XML declaration, or NULL. */
static char *
declared_label (const char *data, gsize len)
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
  return end ? g_strndup (enc + 1, end - enc - 1) : NULL;
}

/* choose: the encoding of @data and the note that explains a correction. */
static const char *
choose (const char *data, gsize len, const char *label, gsize *bom, char **note)
{
  GalleyCharsetSource source;
  const char *encoding = galley_charset_choose (data, len, label, 0, bom, &source);
  const char *declared = label ? galley_charset_for_label (label) : NULL;

  switch (source)
    {
    case GALLEY_CHARSET_FROM_BOM:
      break;
    case GALLEY_CHARSET_DECLARED:
      if (strcmp (encoding, "UTF-8") == 0 && !g_utf8_validate_len (data, len, NULL))
        {
          *note = g_strdup_printf ("declared %s but not valid UTF-8, read as windows-1252",
                                   label);
          return "windows-1252";
        }
      break;
    case GALLEY_CHARSET_OVERRIDDEN:
      *note = g_strdup_printf ("declared %s but holds UTF-8, read as UTF-8", label);
      break;
    case GALLEY_CHARSET_UTF8:
    case GALLEY_CHARSET_DETECTED:
    case GALLEY_CHARSET_FALLBACK:
      if (label && declared == NULL)
        *note = g_strdup_printf ("unknown encoding %s ignored, read as %s", label, encoding);
      else if (source == GALLEY_CHARSET_DETECTED)
        *note = g_strdup_printf ("no encoding declared and not valid UTF-8, "
                                 "detected as %s", encoding);
      else if (source == GALLEY_CHARSET_FALLBACK)
        *note = g_strdup_printf ("no encoding declared and not valid UTF-8, "
                                 "read as %s", encoding);
      break;
    }
  return encoding;
}

char *
feed_charset_decode (const char *path, const char *data, gsize len,
                     gsize *out_len, guint *n_replaced, char **note, GError **error)
{
  g_autofree char *label = declared_label (data, len);
  gsize bom = 0;
  const char *encoding;
  char *text;

  *note = NULL;
  *n_replaced = 0;
  encoding = choose (data, len, label, &bom, note);
  if (strcmp (encoding, "replacement") == 0)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: encoding %s is one the WHATWG Encoding Standard never decodes "
                   "(it reads the whole file as one U+FFFD): not a feed", path, label);
      return NULL;
    }
  text = galley_charset_decode (data + bom, len - bom, encoding, path, out_len,
                                n_replaced, error);
  if (text && *n_replaced > 0)
    {
      g_autofree char *before = *note;
      *note = g_strdup_printf ("%s%s%u invalid byte%s in %s replaced by U+FFFD",
                               before ? before : "", before ? "; " : "", *n_replaced,
                               *n_replaced == 1 ? "" : "s", encoding);
    }
  return text;
}

guint
feed_charset_count_replacements (const char *s)
{
  guint n = 0;

  for (const char *p = s; p && (p = strstr (p, "\xEF\xBF\xBD")) != NULL; p += 3)
    n++;
  return n;
}
