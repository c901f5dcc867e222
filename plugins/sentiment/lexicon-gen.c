/* lexicon-gen.c: run by make, prints the default lexicon's tables as C
 * (sentiment-lexicon-data.c; see lexicon-image.h).
 *
 * Usage: lexicon-gen OUTPUT */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "lexicon-image.h"
#include "lexicon-private.h"

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SentimentLexicon) lex = NULL;
  g_autofree char *tmp = NULL;
  FILE *out;
  gboolean ok;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s OUTPUT.c\n", argv[0]);
      return 2;
    }
  lex = sentiment_lexicon_new_text (NULL, SENTIMENT_FORMAT_AUTO,
                                    SENTIMENT_MODE_MERGE, TRUE, &error);
  if (lex == NULL)
    {
      fprintf (stderr, "%s: the built-in lexicon: %s\n", argv[0], error->message);
      return 1;
    }
  /* written aside and renamed: an interrupted make leaves no half file */
  tmp = g_strconcat (argv[1], ".tmp", NULL);
  out = fopen (tmp, "w");
  if (out == NULL)
    {
      fprintf (stderr, "%s: %s: %s\n", argv[0], tmp, g_strerror (errno));
      return 1;
    }
  ok = sentiment_lexicon_write_image (lex, out);
  if (fclose (out) != 0)
    ok = FALSE;
  if (!ok || g_rename (tmp, argv[1]) != 0)
    {
      fprintf (stderr, "%s: %s: %s\n", argv[0], ok ? argv[1] : tmp,
               g_strerror (errno));
      g_unlink (tmp);
      return 1;
    }
  return 0;
}
