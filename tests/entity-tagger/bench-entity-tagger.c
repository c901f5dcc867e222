/* bench-entity-tagger.c: throughput of the entity tagger alone.
 *
 * Usage: bench-entity-tagger CORPUS.jsonl [PASSES]
 *
 * Reads the corpus (JSON Lines with "id" and "text"), tokenizes every
 * document first (not timed), then times the entity tagger's process over
 * all of them, PASSES times (default 3), and prints the best pass: MB/s
 * (text bytes / wall seconds), documents/s, entities found, and the
 * process's peak RSS. The machine is shared: compare best passes; the
 * thread's CPU time is printed too, since other processes inflate the
 * wall time on a busy machine.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include <galley/galley.h>
#include <json-glib/json-glib.h>

#include "plugins/entity-tagger/entity-tagger.h"
#include "plugins/tokenizer/tokenizer.h"

static gpointer
make_stage (const GalleyStageClass *klass, GError **error)
{
  g_autoptr (GalleyParams) p = galley_params_new (klass->params);

  if (!galley_params_finish (p, error))
    return NULL;
  return klass->create (p, error);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) galley_document_free);
  gpointer tokenizer, tagger;
  char **lines;
  guint64 bytes = 0, entities = 0;
  double best = 1e30, best_cpu = 1e30;
  int passes = argc > 2 ? atoi (argv[2]) : 3;
  struct rusage ru;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-entity-tagger CORPUS.jsonl [PASSES]\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &contents, NULL, &error))
    {
      fprintf (stderr, "bench-entity-tagger: %s\n", error->message);
      return 1;
    }
  tokenizer = make_stage (&galley_tokenizer_stage, &error);
  tagger = tokenizer ? make_stage (&galley_entity_tagger_stage, &error) : NULL;
  if (tagger == NULL)
    {
      fprintf (stderr, "bench-entity-tagger: %s\n", error->message);
      return 1;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *o;
      GalleyDocument *doc;
      const char *text;

      if (lines[i][0] == '\0')
        continue;
      if (!json_parser_load_from_data (parser, lines[i], -1, NULL))
        continue;
      o = json_node_get_object (json_parser_get_root (parser));
      text = json_object_get_string_member_with_default (o, "text", NULL);
      if (text == NULL)
        continue;
      doc = galley_document_new (json_object_get_string_member_with_default (o, "id", "?"),
                                 text, -1);
      if (doc == NULL)
        continue;
      if (!galley_tokenizer_stage.process (tokenizer, doc, &error))
        {
          fprintf (stderr, "bench-entity-tagger: %s\n", error->message);
          return 1;
        }
      bytes += strlen (text);
      g_ptr_array_add (docs, doc);
    }
  g_strfreev (lines);
  g_clear_pointer (&contents, g_free);

  for (int pass = 0; pass < passes; pass++)
    {
      gint64 t0;
      double secs, cpu;
      struct timespec c0, c1;

      /* drop the last pass's entities outside the timed loop: in a run,
       * freeing them is the document's cost, not the tagger's */
      for (guint i = 0; i < docs->len; i++)
        galley_document_replace_layer (docs->pdata[i], GALLEY_LAYER_ENTITY);
      t0 = g_get_monotonic_time ();
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c0);

      entities = 0;
      for (guint i = 0; i < docs->len; i++)
        {
          GalleyDocument *doc = docs->pdata[i];

          if (!galley_entity_tagger_stage.process (tagger, doc, &error))
            {
              fprintf (stderr, "bench-entity-tagger: %s\n", error->message);
              return 1;
            }
          entities += galley_layer_get_n_spans (galley_document_get_layer (doc, GALLEY_LAYER_ENTITY));
        }
      secs = (g_get_monotonic_time () - t0) / 1e6;
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c1);
      cpu = (c1.tv_sec - c0.tv_sec) + (c1.tv_nsec - c0.tv_nsec) / 1e9;
      if (secs < best)
        best = secs;
      if (cpu < best_cpu)
        best_cpu = cpu;
    }

  getrusage (RUSAGE_SELF, &ru);
  printf ("entity-tagger: %u documents, %.1f MB, %" G_GUINT64_FORMAT " entities\n",
          docs->len, bytes / 1e6, entities);
  printf ("best of %d passes: %.3f s, %.1f MB/s, %.0f docs/s, peak RSS %ld MB\n",
          passes, best, bytes / 1e6 / best, docs->len / best, ru.ru_maxrss / 1024);
  printf ("thread CPU time: %.3f s, %.1f MB/s\n", best_cpu, bytes / 1e6 / best_cpu);
  galley_entity_tagger_stage.free (tagger);
  galley_tokenizer_stage.free (tokenizer);
  return 0;
}
