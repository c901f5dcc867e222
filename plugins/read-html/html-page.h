/* html-page.h: the bytes of a page as a libxml2 HTML tree. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* html_page_parse: @data (@len bytes of the page @name) as an HTML tree:
 * its encoding decided by html-charset.c, decoded to UTF-8 here (each bad
 * byte one U+FFFD, counted in @n_replaced), so that libxml2 never
 * converts and ignores the page's own <meta charset>, which would switch
 * encodings half way. Errors: those of galley_charset_decode();
 * GALLEY_STAGE_ERROR_TOO_LARGE "NAME: too large for the HTML parser".
 * Returns: (transfer full) the tree (maybe without a root), or NULL. */
xmlDoc *html_page_parse (const char *name, const char *data, gsize len,
                         guint *n_replaced, GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
