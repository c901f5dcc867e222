/* feed-text.h: the plain text of an item's content. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* feed_text_from_html: the text of the HTML fragment @html (UTF-8), parsed
 * with libxml2's HTML parser: markup removed, entities decoded, runs of
 * white space collapsed, block elements (p, div, li, h1-h6, blockquote,
 * table rows, ...) separated by a blank line, <br> by a line break, script,
 * style and embedded objects dropped. A fragment whose elements nest
 * deeper than XML_DEPTH_LIMIT (../read-html/xml-limits.h), which libxml2
 * would have cut there, gives "" and sets *@too_deep (may be NULL).
 * Returns: (transfer full) the text, "" when there is none. */
char *feed_text_from_html (const char *html, gboolean *too_deep) G_GNUC_WARN_UNUSED_RESULT;

/* feed_text_from_xhtml: as feed_text_from_html, for the children of
 * @node, already parsed as XHTML inside the feed (Atom type="xhtml"). */
char *feed_text_from_xhtml (xmlNode *node) G_GNUC_WARN_UNUSED_RESULT;

/* feed_text_from_plain: @text with white space tidied: lines trimmed,
 * spaces inside a line collapsed, blank lines kept as paragraph breaks. */
char *feed_text_from_plain (const char *text) G_GNUC_WARN_UNUSED_RESULT;

/* feed_text_is_markup: whether @text looks like it holds HTML markup or
 * entity references (a '<' followed by a letter or '/', or a '&'
 * followed by a name or '#' and a ';'). */
gboolean feed_text_is_markup (const char *text);

G_END_DECLS
