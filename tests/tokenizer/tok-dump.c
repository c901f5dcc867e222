/* tok-dump.c: prints the tokens (kind, case, flags) and sentences the
 * tokenizer stage makes of its argument or of standard input. A tool for
 * writing test tables: `./tok-dump 'He said.'`; -v shows each token's
 * kind, case and flags; -z separates the two lines with NULs instead. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "plugins/tokenizer/tokenizer.h"

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = NULL;
  g_autoptr (GalleyDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *toks = NULL;
  g_autofree char *sents = NULL;
  gboolean verbose = argc > 1 && g_strcmp0 (argv[1], "-v") == 0;
  gboolean nul = argc > 1 && g_strcmp0 (argv[1], "-z") == 0;
  GalleyLayer *layer;
  const GalleySpan *spans;
  const char *t;
  guint n;

  if (verbose || nul)
    argv++, argc--;
  if (argc > 1)
    text = g_strdup (argv[1]);
  else if (!g_file_get_contents ("/dev/stdin", &text, NULL, &error))
    {
      g_printerr ("tok-dump: %s\n", error->message);
      return 1;
    }
  h = galley_harness_new (&galley_tokenizer_stage, NULL, &error);
  if (h == NULL || (doc = galley_harness_run_text (h, text, &error)) == NULL)
    {
      g_printerr ("tok-dump: %s\n", error->message);
      return 1;
    }
  toks = galley_harness_dump_layer (doc, GALLEY_LAYER_TOKEN);
  sents = galley_harness_dump_layer (doc, GALLEY_LAYER_SENTENCE);
  if (nul)
    {
      /* for scripts: tokens, NUL, sentences, NUL */
      fwrite (toks, 1, strlen (toks) + 1, stdout);
      fwrite (sents, 1, strlen (sents) + 1, stdout);
      return 0;
    }
  if (!verbose)
    {
      printf ("%s\n%s\n", toks, sents);
      return 0;
    }
  t = galley_document_get_text (doc, NULL);
  layer = galley_document_get_layer (doc, GALLEY_LAYER_TOKEN);
  spans = galley_layer_get_spans (layer, &n);
  for (guint i = 0; i < n; i++)
    printf ("%-24.*s %-8s %-6s%s%s%s%s\n", (int) (spans[i].end - spans[i].start),
            t + spans[i].start, g_quark_to_string (spans[i].type),
            galley_token_case_to_string (GALLEY_TOKEN_CASE (spans[i].flags)),
            spans[i].flags & GALLEY_TOKEN_FLAG_CLITIC ? " clitic" : "",
            spans[i].flags & GALLEY_TOKEN_FLAG_SPACE_AFTER ? " space" : "",
            spans[i].flags & GALLEY_TOKEN_FLAG_SENTENCE_START ? " start" : "",
            spans[i].flags & GALLEY_TOKEN_FLAG_NON_ASCII ? " non-ascii" : "");
  printf ("%s\n", sents);
  return 0;
}
