/* html-page.c: page bytes to an HTML tree, for read-html and for the
 * articles read-feed fetches (fetch-articles=true). */
#include "config.h"

#include <libxml/HTMLparser.h>
#include <galley/galley.h>

#include "html-charset.h"
#include "html-page.h"

xmlDoc *
html_page_parse (const char *name, const char *data, gsize len, guint *n_replaced,
                 GError **error)
{
  gsize bom = 0, utf8_len = 0;
  const char *encoding = html_charset_detect (data, len, &bom, NULL);
  g_autofree char *utf8 = galley_charset_decode (data + bom, len - bom, encoding, name,
                                                 &utf8_len, n_replaced, error);

  if (utf8 == NULL)
    return NULL;
  if (utf8_len > G_MAXINT)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_TOO_LARGE,
                   "%s: too large for the HTML parser", name);
      return NULL;
    }
  return htmlReadMemory (utf8, (int) utf8_len, NULL, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR
                         | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
                         | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
}
