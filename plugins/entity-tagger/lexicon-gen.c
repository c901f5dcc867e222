/* lexicon-gen.c: run by make, writes the lexicon of the built-in lists
 * as C (entity-tagger-lexicon-data.c; see LexiconImage in lexicon.h).
 *
 * Usage: lexicon-gen OUTPUT */
#include "config.h"

#include <errno.h>
#include <stdio.h>

#include <glib/gstdio.h>

#include "lexicon-load.h"

int
main (int argc, char **argv)
{
  g_autofree char *tmp = NULL;
  Lexicon *lex;
  FILE *out;
  gboolean ok;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s OUTPUT.c\n", argv[0]);
      return 2;
    }
  /* the order entity_tagger_create() once read them in, less iso-codes,
   * which it adds below them (lexicon_add_phrase_under()) */
  lex = lexicon_new ();
  lexicon_load_builtin_words (lex);
  lexicon_load_builtin_phrases (lex);
  /* written aside and renamed: an interrupted make leaves no half file */
  tmp = g_strconcat (argv[1], ".tmp", NULL);
  out = fopen (tmp, "w");
  if (out == NULL)
    {
      fprintf (stderr, "%s: %s: %s\n", argv[0], tmp, g_strerror (errno));
      lexicon_free (lex);
      return 1;
    }
  ok = lexicon_write_image (lex, out);
  lexicon_free (lex);
  if (fclose (out) != 0)
    ok = FALSE;
  if (!ok || g_rename (tmp, argv[1]) != 0)
    {
      fprintf (stderr, "%s: %s: %s\n", argv[0], ok ? argv[1] : tmp, g_strerror (errno));
      g_unlink (tmp);
      return 1;
    }
  return 0;
}
