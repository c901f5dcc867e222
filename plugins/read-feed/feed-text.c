/* feed-text.c: HTML fragments of feed items to plain text.
 *
 * Item content is a fragment of HTML (RSS description, content:encoded,
 * Atom type="html") or XHTML already in the feed's tree (Atom
 * type="xhtml"). Either way we end up walking an xmlNode tree and writing
 * its text through a small sink that collapses white space and turns block
 * boundaries into paragraph breaks (a blank line), so the sentence
 * splitter downstream sees one paragraph per block. Separators are kept
 * pending and written only before the next visible character, so the text
 * never starts or ends with white space and never has two breaks in a
 * row. */
#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#include "feed-text.h"

typedef enum {
  SEP_NONE,
  SEP_SPACE,
  SEP_LINE,
  SEP_PARAGRAPH,
} Separator;

typedef struct {
  GString *out;
  Separator pending;
  int in_pre;  /* depth of <pre> elements */
} Sink;

static void
sink_break (Sink *sink, Separator sep)
{
  if (sep > sink->pending)
    sink->pending = sep;
}

static void
sink_flush (Sink *sink)
{
  static const char *const seps[] = { "", " ", "\n", "\n\n" };

  if (sink->out->len > 0)
    g_string_append (sink->out, seps[sink->pending]);
  sink->pending = SEP_NONE;
}

/* sink_text: appends the text of one text node. */
static void
sink_text (Sink *sink, const char *text)
{
  const char *p = text;

  while (*p)
    {
      guchar c = (guchar) *p;

      if (c == ' ' || c == '\t' || c == '\r' || c == '\f')
        {
          if (sink->in_pre && c != '\r')
            {
              sink_flush (sink);
              g_string_append_c (sink->out, ' ');
            }
          else
            sink_break (sink, SEP_SPACE);
          p++;
        }
      else if (c == '\n')
        {
          sink_break (sink, sink->in_pre ? SEP_LINE : SEP_SPACE);
          p++;
        }
      else if (c < 0x80)
        {
          sink_flush (sink);
          g_string_append_c (sink->out, c);
          p++;
        }
      else
        {
          gunichar u = g_utf8_get_char_validated (p, -1);
          const char *next = g_utf8_next_char (p);

          if (u == (gunichar) -1 || u == (gunichar) -2)
            {
              /* libxml2 gives UTF-8; guard anyway. */
              sink_flush (sink);
              g_string_append (sink->out, "\xEF\xBF\xBD");
              p++;
              continue;
            }
          if (g_unichar_isspace (u) || g_unichar_type (u) == G_UNICODE_SPACE_SEPARATOR)
            sink_break (sink, SEP_SPACE);
          else
            {
              sink_flush (sink);
              g_string_append_len (sink->out, p, next - p);
            }
          p = next;
        }
    }
}

typedef enum {
  KIND_INLINE,
  KIND_BLOCK,
  KIND_SKIP,
  KIND_BR,
  KIND_CELL,
} Kind;

static Kind
element_kind (const char *name)
{
  static const char *const skip[] = {
    "script", "style", "noscript", "template", "head", "title", "iframe",
    "object", "embed", "svg", "math", "canvas", "audio", "video", "select",
    "button", "input", "textarea", "map", NULL,
  };
  static const char *const block[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl",
    "dt", "dd", "blockquote", "pre", "table", "tr", "thead", "tbody",
    "tfoot", "caption", "section", "article", "aside", "header", "footer",
    "nav", "main", "figure", "figcaption", "address", "hr", "form",
    "fieldset", "details", "summary", "center", "body", "html", NULL,
  };

  if (strcmp (name, "br") == 0)
    return KIND_BR;
  if (strcmp (name, "td") == 0 || strcmp (name, "th") == 0)
    return KIND_CELL;
  for (guint i = 0; skip[i]; i++)
    if (strcmp (name, skip[i]) == 0)
      return KIND_SKIP;
  for (guint i = 0; block[i]; i++)
    if (strcmp (name, block[i]) == 0)
      return KIND_BLOCK;
  return KIND_INLINE;
}

static void
walk (Sink *sink, xmlNode *node)
{
  for (xmlNode *n = node; n; n = n->next)
    {
      Kind kind;
      gboolean pre;

      switch (n->type)
        {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (n->content)
            sink_text (sink, (const char *) n->content);
          continue;
        case XML_ELEMENT_NODE:
          break;
        default:
          continue;  /* comments, processing instructions */
        }

      kind = element_kind ((const char *) n->name);
      pre = strcmp ((const char *) n->name, "pre") == 0;
      switch (kind)
        {
        case KIND_SKIP:
          continue;
        case KIND_BR:
          sink_break (sink, SEP_LINE);
          continue;
        case KIND_BLOCK:
          sink_break (sink, SEP_PARAGRAPH);
          break;
        case KIND_CELL:
          sink_break (sink, SEP_SPACE);
          break;
        case KIND_INLINE:
          break;
        }
      sink->in_pre += pre;
      walk (sink, n->children);
      sink->in_pre -= pre;
      if (kind == KIND_BLOCK)
        sink_break (sink, SEP_PARAGRAPH);
      else if (kind == KIND_CELL)
        sink_break (sink, SEP_SPACE);
    }
}

static char *
sink_finish (Sink *sink)
{
  return g_string_free (sink->out, FALSE);
}

char *
feed_text_from_html (const char *html)
{
  Sink sink = { g_string_new (NULL), SEP_NONE, 0 };
  htmlDocPtr doc;
  int len = (int) MIN (strlen (html), (gsize) G_MAXINT);

  if (len == 0)
    return sink_finish (&sink);
  doc = htmlReadMemory (html, len, NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR
                        | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (doc)
    {
      walk (&sink, xmlDocGetRootElement (doc));
      xmlFreeDoc (doc);
    }
  return sink_finish (&sink);
}

char *
feed_text_from_xhtml (xmlNode *node)
{
  Sink sink = { g_string_new (NULL), SEP_NONE, 0 };

  walk (&sink, node->children);
  return sink_finish (&sink);
}

char *
feed_text_from_plain (const char *text)
{
  Sink sink = { g_string_new (NULL), SEP_NONE, 0 };
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean blank = FALSE;

  for (guint i = 0; lines[i]; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        {
          blank = TRUE;
          continue;
        }
      sink_break (&sink, blank ? SEP_PARAGRAPH : SEP_LINE);
      blank = FALSE;
      sink_text (&sink, lines[i]);
    }
  return sink_finish (&sink);
}

gboolean
feed_text_is_markup (const char *text)
{
  for (const char *p = strpbrk (text, "<&"); p; p = strpbrk (p + 1, "<&"))
    {
      if (*p == '<')
        {
          if (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!')
            return TRUE;
          continue;
        }
      /* '&': a character or entity reference up to ';'? */
      {
        const char *q = p + 1;
        if (*q == '#')
          q++;
        if (!g_ascii_isalnum (*q))
          continue;
        while (g_ascii_isalnum (*q))
          q++;
        if (*q == ';')
          return TRUE;
      }
    }
  return FALSE;
}
