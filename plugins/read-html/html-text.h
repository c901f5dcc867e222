/* html-text.h: the visible text of parts of an HTML tree.
 *
 * Shared by read-html and read-feed (which compiles this file too): both
 * write text with the same paragraph conventions. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* Flags the extractor keeps in xmlNode._private of element nodes. */
#define HTML_NODE_DROPPED (1u << 0)  /* left out of the text */

#define html_node_flags(n) (GPOINTER_TO_UINT ((n)->_private))
#define html_node_set_flag(n, f) \
  ((n)->_private = GUINT_TO_POINTER (GPOINTER_TO_UINT ((n)->_private) | (f)))
#define html_node_clear_flag(n, f) \
  ((n)->_private = GUINT_TO_POINTER (GPOINTER_TO_UINT ((n)->_private) & ~(guint) (f)))

typedef enum {
  HTML_TAG_INLINE,
  HTML_TAG_BLOCK,  /* a paragraph break before and after */
  HTML_TAG_SKIP,   /* never visible text: script, style, form controls, ... */
  HTML_TAG_BR,
  HTML_TAG_CELL,   /* td, th: a space before and after */
} HtmlTagKind;

/* html_tag_kind: how the text writer treats element @name (lowercase). */
HtmlTagKind html_tag_kind (const char *name);

typedef struct _HtmlText HtmlText;

HtmlText *html_text_new (void) G_GNUC_WARN_UNUSED_RESULT;

/* html_text_append: appends the text of @node and its descendants,
 * leaving out elements flagged HTML_NODE_DROPPED and those of kind SKIP.
 * White space collapses to one space; block elements give a blank line
 * (a paragraph break); <br> a line break, two in a row a paragraph break;
 * <pre> keeps its lines. */
void html_text_append (HtmlText *text, xmlNode *node);

/* html_text_paragraph: a paragraph break before what is appended next. */
void html_text_paragraph (HtmlText *text);

/* html_text_line: a line break before what is appended next. */
void html_text_line (HtmlText *text);

/* html_text_append_string: appends plain text @s (UTF-8), collapsing its
 * white space as for a text node. */
void html_text_append_string (HtmlText *text, const char *s);

/* html_text_len: the bytes written so far. */
gsize html_text_len (const HtmlText *text);

/* html_text_free_to_string: the text (valid UTF-8, no leading or trailing
 * white space); frees @text. Returns: (transfer full). */
char *html_text_free_to_string (HtmlText *text) G_GNUC_WARN_UNUSED_RESULT;

/* html_node_text: the text of @node alone, as html_text_append writes it.
 * Returns: (transfer full). */
char *html_node_text (xmlNode *node) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
