/* html-text.c: writing the visible text of HTML nodes.
 *
 * Separators are kept pending and written only before the next visible
 * character, so the text never starts or ends with white space and two
 * blocks in a row give one blank line, not several. The sentence splitter
 * downstream relies on blank lines between paragraphs.
 *
 * The walk recurses once per level of elements. Every tree it is given
 * is at most XML_DEPTH_LIMIT + 1 levels deep (xml-limits.h): libxml2's
 * parsers stop there, and read-html and read-feed reject the trees that
 * reach past the limit before walking them. */
#include "config.h"

#include <string.h>

#include "html-text.h"

typedef enum {
  SEP_NONE,
  SEP_SPACE,
  SEP_LINE,
  SEP_PARAGRAPH,
} Separator;

struct _HtmlText {
  GString *out;
  Separator pending;
  int in_pre;
};

/* Tag names are looked up in a hash table built once: the tree walk
 * meets every element of a page, some pages have 30,000. */
static GHashTable *
tag_table (void)
{
  static gsize once = 0;
  static GHashTable *table;

  if (g_once_init_enter (&once))
    {
      static const char *const skip[] = {
        "script", "style", "noscript", "template", "head", "title", "iframe",
        "object", "embed", "svg", "canvas", "audio", "video",
        "select", "option", "button", "input", "textarea", "map", "link",
        "meta", "source", "track", "param", "img", "picture", "dialog", NULL,
      };
      static const char *const block[] = {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
        "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "thead",
        "tbody", "tfoot", "caption", "section", "article", "aside",
        "header", "footer", "nav", "main", "figure", "figcaption",
        "address", "hr", "form", "fieldset", "legend", "details",
        "summary", "center", "body", "html", "menu", "hgroup", NULL,
      };

      table = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; skip[i]; i++)
        g_hash_table_insert (table, (gpointer) skip[i], GINT_TO_POINTER (HTML_TAG_SKIP));
      for (guint i = 0; block[i]; i++)
        g_hash_table_insert (table, (gpointer) block[i], GINT_TO_POINTER (HTML_TAG_BLOCK));
      g_hash_table_insert (table, (gpointer) "br", GINT_TO_POINTER (HTML_TAG_BR));
      g_hash_table_insert (table, (gpointer) "td", GINT_TO_POINTER (HTML_TAG_CELL));
      g_hash_table_insert (table, (gpointer) "th", GINT_TO_POINTER (HTML_TAG_CELL));
      g_once_init_leave (&once, 1);
    }
  return table;
}

HtmlTagKind
html_tag_kind (const char *name)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (tag_table (), name));  /* 0: INLINE */
}

HtmlText *
html_text_new (void)
{
  HtmlText *t = g_new0 (HtmlText, 1);

  t->out = g_string_new (NULL);
  return t;
}

static void
want (HtmlText *t, Separator sep)
{
  if (sep > t->pending)
    t->pending = sep;
}

static void
flush (HtmlText *t)
{
  static const char *const seps[] = { "", " ", "\n", "\n\n" };

  if (t->out->len > 0)
    g_string_append (t->out, seps[t->pending]);
  t->pending = SEP_NONE;
}

static void
append_text (HtmlText *t, const char *p)
{
  while (*p)
    {
      guchar c = (guchar) *p;

      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\n')
        {
          if (t->in_pre && c == '\n')
            want (t, SEP_LINE);
          else if (t->in_pre && c != '\r')
            {
              flush (t);
              g_string_append_c (t->out, ' ');
            }
          else
            want (t, SEP_SPACE);
          p++;
        }
      else if (c < 0x80)
        {
          /* a run of plain ASCII in one go */
          const char *s = p;
          while (*p && (guchar) *p < 0x80 && *p != ' ' && *p != '\t'
                 && *p != '\r' && *p != '\f' && *p != '\n')
            p++;
          flush (t);
          g_string_append_len (t->out, s, p - s);
        }
      else
        {
          gunichar u = g_utf8_get_char_validated (p, -1);

          if (u == (gunichar) -1 || u == (gunichar) -2)
            {
              flush (t);
              g_string_append (t->out, "\xEF\xBF\xBD");
              p++;
              continue;
            }
          if (g_unichar_type (u) == G_UNICODE_SPACE_SEPARATOR
              || u == 0x2028 || u == 0x2029 || u == 0x85)
            want (t, SEP_SPACE);
          else if (u == 0x200B || u == 0xFEFF || u == 0x00AD)
            ;  /* zero-width space, stray BOM, soft hyphen: invisible */
          else
            {
              const char *next = g_utf8_next_char (p);
              flush (t);
              g_string_append_len (t->out, p, next - p);
            }
          p = g_utf8_next_char (p);
        }
    }
}

static void
walk (HtmlText *t, xmlNode *n)
{
  HtmlTagKind kind;
  gboolean pre;

  switch (n->type)
    {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      if (n->content)
        append_text (t, (const char *) n->content);
      return;
    case XML_ELEMENT_NODE:
      break;
    default:
      return;
    }
  if (html_node_flags (n) & HTML_NODE_DROPPED)
    return;
  kind = html_tag_kind ((const char *) n->name);
  switch (kind)
    {
    case HTML_TAG_SKIP:
      return;
    case HTML_TAG_BR:
      want (t, t->pending == SEP_LINE ? SEP_PARAGRAPH : SEP_LINE);
      return;
    case HTML_TAG_BLOCK:
      want (t, SEP_PARAGRAPH);
      break;
    case HTML_TAG_CELL:
      want (t, SEP_SPACE);
      break;
    case HTML_TAG_INLINE:
      break;
    }
  pre = strcmp ((const char *) n->name, "pre") == 0;
  t->in_pre += pre;
  for (xmlNode *c = n->children; c; c = c->next)
    walk (t, c);
  t->in_pre -= pre;
  if (kind == HTML_TAG_BLOCK)
    want (t, SEP_PARAGRAPH);
  else if (kind == HTML_TAG_CELL)
    want (t, SEP_SPACE);
}

void
html_text_append (HtmlText *text, xmlNode *node)
{
  walk (text, node);
}

void
html_text_paragraph (HtmlText *text)
{
  want (text, SEP_PARAGRAPH);
}

void
html_text_line (HtmlText *text)
{
  want (text, SEP_LINE);
}

void
html_text_append_string (HtmlText *text, const char *s)
{
  append_text (text, s);
}

gsize
html_text_len (const HtmlText *text)
{
  return text->out->len;
}

char *
html_text_free_to_string (HtmlText *text)
{
  char *s = g_string_free (text->out, FALSE);

  g_free (text);
  return s;
}

char *
html_node_text (xmlNode *node)
{
  HtmlText *t = html_text_new ();

  html_text_append (t, node);
  return html_text_free_to_string (t);
}
