/* html-extract.h: the article text of a saved page. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* html_extract_article: the body text of the article in @doc (an HTML
 * tree from libxml2's parser), paragraphs separated by blank lines; see
 * html-extract.c for the method. A heading that repeats @title (may be
 * NULL) is left out: the title is metadata. The tree's element _private
 * fields are used as scratch space. Returns: (transfer full) the text, ""
 * when the page has none. */
char *html_extract_article (xmlDoc *doc, const char *title) G_GNUC_WARN_UNUSED_RESULT;

/* html_extract_visible: all the text of <body> a browser would show
 * (scripts, styles and hidden elements left out): the baseline the
 * article extraction is measured against. Returns: (transfer full). */
char *html_extract_visible (xmlDoc *doc) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
