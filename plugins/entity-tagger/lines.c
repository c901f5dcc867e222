/* lines.c: where a line of the text ends, for the name rules.
 *
 * The tokenizer ends a sentence at a blank line and after a headline at a
 * paragraph's start, but a single line break inside a paragraph is not a
 * sentence end to it: the break may only wrap a long paragraph. Text taken
 * from web pages and wires keeps other lines too, without final
 * punctuation: a caption label, a byline, a heading, a list item. A name
 * must not run across such a break ("Ask Anna\nKate Moss" is two names),
 * yet it may run across a wrap ("Federal Reserve\nBoard").
 *
 * A break wraps when the document is hard-wrapped and the next word would
 * not have fitted on the line before it; every other break ends a line. A
 * document is hard-wrapped when it has WRAP_LINES lines or more and its
 * longest line, its width, is WRAP_MIN to WRAP_MAX bytes long. Wrapping
 * editors and wires break at 65 to 80 columns; a document whose lines run
 * longer keeps one paragraph a line, and a short one (a caption, a list)
 * says nothing about wrapping: all their breaks are line ends.
 *
 * Cost: the width is measured once per document, a memchr from line to
 * line that stops at the first line longer than WRAP_MAX (in most news,
 * the first paragraph). Only the rules that join tokens into one name
 * ask, once per join, and most gaps are one space: line_ends_before
 * (tagger.h) looks at the gap's bytes inline and calls here only at a
 * line break. Measured on 2 000 news articles (callgrind): the line
 * rules add 0.75% to the tagger's instructions; with a memchr call per
 * join they added 2.1%.
 */
#include "config.h"

#include <string.h>

#include "tagger.h"

#define WRAP_MIN 50
#define WRAP_MAX 100
#define WRAP_LINES 3

void
lines_measure (Doc *d)
{
  const char *p = d->text;
  const char *end = d->text_end - 1;   /* the NUL */
  guint32 width = 0, lines = 0;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      gsize len = line_end - p;

      if (len > 0 && line_end[-1] == '\r')
        len--;
      if (len > WRAP_MAX)
        {
          d->wrap_width = G_MAXUINT32;
          return;
        }
      width = MAX (width, (guint32) len);
      lines++;
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  d->wrap_width = lines >= WRAP_LINES && width >= WRAP_MIN ? width : G_MAXUINT32;
}

/* The length of the line that ends at byte @nl (a '\n'), in bytes. */
static gsize
line_length_before (const Doc *d, const char *nl)
{
  const char *p = nl;

  while (p > d->text && p[-1] != '\n')
    p--;
  return nl - p - (nl > p && nl[-1] == '\r');
}

gboolean
line_break_ends_line (const Doc *d, guint32 nl, guint j)
{
  const Token *t = &d->toks[j];

  if (d->wrap_width == G_MAXUINT32)
    return TRUE;
  /* a wrap: the next word did not fit on the line */
  return line_length_before (d, d->text + nl) + 1 + (t->end - t->start) <= d->wrap_width;
}
