/* feed-text.c: HTML fragments of feed items to plain text.
 *
 * Item content is a fragment of HTML (RSS description, content:encoded,
 * Atom type="html") or XHTML already in the feed's tree (Atom
 * type="xhtml"). Either way the text is written by read-html's text writer
 * (../read-html/html-text.c, compiled into this plugin too), so feeds and
 * pages follow the same conventions: white space collapsed, a blank line
 * between blocks, a line break for <br>, scripts and styles dropped.
 *
 * Measured with callgrind on tests/read-feed/bench-readers (500 articles of
 * gen-corpus as 10 RSS files): the shared writer, which appends runs of
 * ASCII at once and looks tags up in a hash table, took read-feed from
 * 415 to 336 million instructions against the byte-at-a-time writer this
 * file had before. */
#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#include "../read-html/html-text.h"
#include "../read-html/xml-limits.h"
#include "feed-text.h"

char *
feed_text_from_html (const char *html, gboolean *too_deep)
{
  HtmlText *text = html_text_new ();
  gsize len = strlen (html);
  htmlDocPtr doc;

  if (len == 0 || len > G_MAXINT)
    return html_text_free_to_string (text);
  doc = htmlReadMemory (html, (int) len, NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR
                        | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
                        | HTML_PARSE_COMPACT);
  if (doc)
    {
      xmlNode *root = xmlDocGetRootElement (doc);
      /* libxml2 stops reading past its depth limit: the text would be cut
       * without a word (escaped markup in an item is not measured by the
       * feed's own depth check) */
      if (root && xml_depth_exceeds (root, XML_DEPTH_LIMIT, NULL))
        {
          if (too_deep)
            *too_deep = TRUE;
        }
      else if (root)
        html_text_append (text, root);
      xmlFreeDoc (doc);
    }
  return html_text_free_to_string (text);
}

char *
feed_text_from_xhtml (xmlNode *node)
{
  HtmlText *text = html_text_new ();

  for (xmlNode *c = node->children; c; c = c->next)
    html_text_append (text, c);
  return html_text_free_to_string (text);
}

char *
feed_text_from_plain (const char *plain)
{
  HtmlText *text = html_text_new ();
  g_auto (GStrv) lines = g_strsplit (plain, "\n", -1);
  gboolean blank = FALSE;

  for (guint i = 0; lines[i]; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        {
          blank = TRUE;
          continue;
        }
      if (blank)
        html_text_paragraph (text);
      else
        html_text_line (text);
      blank = FALSE;
      html_text_append_string (text, lines[i]);
    }
  return html_text_free_to_string (text);
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
