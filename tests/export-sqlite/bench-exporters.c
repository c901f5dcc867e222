/* bench-exporters: throughput of export-csv and export-sqlite.
 *
 *   bench-exporters CORPUS.jsonl [OUTDIR]
 *
 * Loads the corpus (tests/bench/gen-corpus output) into memory and gives
 * each document layers shaped like the real stages' output without running
 * them, so only the exporters are timed: a sentence per ". ", an entity
 * per run of capitalised words (with norm, cluster, sentiment, mentions),
 * a sentiment span per sentence and the four document features. Then
 * times each exporter over all documents (create, write, commit, free)
 * and prints MB/s (text bytes / wall seconds), docs/s and peak RSS.
 * Peak RSS includes the corpus held in memory; "before" is the figure
 * after loading, so the difference is what the exporters added.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "export-csv.h"
#include "export-sqlite.h"
#include "lib/doc-fixtures.h"

static long
peak_rss_kb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

/* written_mb: what the process wrote to disk so far (ru_oublock counts
 * 512-byte blocks), to show the write amplification of a database */
static double
written_mb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_oublock * 512 / 1e6;
}

static double
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec
         + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static void
annotate (GalleyDocument *doc)
{
  gsize len;
  const char *text = galley_document_get_text (doc, &len);
  GalleyLayer *sentences = galley_document_ensure_layer (doc, GALLEY_LAYER_SENTENCE);
  GalleyLayer *sentiment = galley_document_ensure_layer (doc, GALLEY_LAYER_SENTIMENT);
  GalleyLayer *entities = galley_document_ensure_layer (doc, GALLEY_LAYER_ENTITY);
  GQuark sq = g_quark_from_static_string ("sentence");
  GQuark mq = g_quark_from_static_string ("sentiment");
  GQuark types[] = { g_quark_from_static_string ("PERSON"),
                     g_quark_from_static_string ("ORG"),
                     g_quark_from_static_string ("GPE") };
  gsize start = 0;
  guint n = 0;

  for (gsize i = 0; i + 1 <= len; i++)
    {
      gboolean end = (text[i] == '.' && (i + 1 == len || text[i + 1] == ' '
                                         || text[i + 1] == '\n')) || i + 1 == len;
      if (!end)
        continue;
      while (start < i && (text[start] == ' ' || text[start] == '\n'))
        start++;
      if (start <= i)
        {
          guint k;
          galley_layer_append (sentences, start, i + 1, sq, 0);
          k = galley_layer_append (sentiment, start, i + 1, mq, 0);
          galley_layer_set_feature_double (sentiment, k, "compound", (n % 7) / 7.0 - 0.4);
          galley_layer_set_feature_double (sentiment, k, "pos", 0.1);
          galley_layer_set_feature_double (sentiment, k, "neg", 0.05);
          galley_layer_set_feature_double (sentiment, k, "neu", 0.85);
          n++;
        }
      start = i + 1;
    }

  /* entities: runs of two or more capitalised ASCII words */
  for (gsize i = 0; i < len;)
    {
      gsize s = i, e = i, words = 0;
      while (e < len && g_ascii_isupper (text[e]))
        {
          gsize w = e;
          while (w < len && g_ascii_isalpha (text[w]))
            w++;
          words++;
          e = w;
          if (e + 1 < len && text[e] == ' ' && g_ascii_isupper (text[e + 1]))
            e++;
          else
            break;
        }
      if (words >= 2)
        {
          guint k = galley_layer_append (entities, s, e, types[e % 3], 0);
          g_autofree char *norm = g_strndup (text + s, e - s);
          galley_layer_set_feature_string (entities, k, GALLEY_ENTITY_FEATURE_NORM, norm);
          galley_layer_set_feature_int (entities, k, GALLEY_ENTITY_FEATURE_CLUSTER, k);
          galley_layer_set_feature_double (entities, k, GALLEY_ENTITY_FEATURE_SENTIMENT, 0.25);
          galley_layer_set_feature_int (entities, k, GALLEY_ENTITY_FEATURE_MENTIONS, 1);
          i = e;
        }
      else
        i = (e > i ? e : i + 1);
    }
  fixture_set_sentiment (doc, 0.1, 0.2, 0.1, 0.7);
}

static GPtrArray *
load (const char *path, gsize *text_bytes)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) galley_document_free);
  gsize len;
  char **lines;

  if (!g_file_get_contents (path, &data, &len, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (data, "\n", -1);
  *text_bytes = 0;
  for (char **l = lines; *l; l++)
    {
      JsonObject *o;
      GalleyDocument *doc;
      if (**l == '\0')
        continue;
      if (!json_parser_load_from_data (parser, *l, -1, &error))
        {
          /* gen-corpus of 8e192d9 leaves out each line's closing brace */
          g_autofree char *fixed = g_strconcat (*l, "}", NULL);
          g_clear_error (&error);
          if (!json_parser_load_from_data (parser, fixed, -1, &error))
            g_error ("%s", error->message);
        }
      o = json_node_get_object (json_parser_get_root (parser));
      doc = fixture_doc (json_object_get_string_member (o, "id"),
                         json_object_get_string_member (o, "text"),
                         json_object_get_string_member_with_default (o, "title", NULL),
                         json_object_get_string_member_with_default (o, "published", NULL),
                         json_object_get_string_member_with_default (o, "source", NULL),
                         json_object_get_string_member_with_default (o, "url", NULL));
      annotate (doc);
      *text_bytes += strlen (json_object_get_string_member (o, "text"));
      g_ptr_array_add (docs, doc);
    }
  g_strfreev (lines);
  return docs;
}

static void
bench (const char *label, const GalleyStageClass *klass, const char *const *params,
       GPtrArray *docs, gsize text_bytes)
{
  g_autoptr (GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  double c0 = cpu_seconds ();
  double w0 = written_mb ();
  GalleyHarness *h = galley_harness_new (klass, params, &error);
  double s;

  if (h == NULL)
    g_error ("%s: %s", label, error->message);
  for (guint i = 0; i < docs->len; i++)
    if (!galley_harness_run (h, g_ptr_array_index (docs, i), &error))
      g_error ("%s: %s", label, error->message);
  if (!galley_harness_commit (h, &error))
    g_error ("%s: %s", label, error->message);
  galley_harness_free (h);
  s = (g_get_monotonic_time () - t0) / 1e6;
  /* CPU seconds too: the machine is shared, and wall time includes
   * waiting for other processes and for fsync */
  printf ("%-26s %7.1f MB/s %8.0f docs/s %6.2f s wall %6.2f s cpu %6.0f MB written"
          "  peak RSS %ld MB\n",
          label, text_bytes / 1e6 / s, docs->len / s, s, cpu_seconds () - c0,
          written_mb () - w0, peak_rss_kb () / 1024);
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) docs = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *db = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *db_path = NULL;
  gsize text_bytes;
  guint64 n_entities = 0, n_sentences = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-exporters CORPUS.jsonl [OUTDIR]\n");
      return 2;
    }
  dir = argc > 2 ? g_strdup (argv[2]) : g_dir_make_tmp ("bench-exp-XXXXXX", NULL);
  csv = g_build_filename (dir, "bench.csv", NULL);
  db = g_build_filename (dir, "bench.db", NULL);
  csv_path = g_strdup_printf ("path=%s", csv);
  db_path = g_strdup_printf ("path=%s", db);

  docs = load (argv[1], &text_bytes);
  for (guint i = 0; i < docs->len; i++)
    {
      n_entities += galley_layer_get_n_spans (galley_document_get_layer (g_ptr_array_index (docs, i), "entity"));
      n_sentences += galley_layer_get_n_spans (galley_document_get_layer (g_ptr_array_index (docs, i), "sentence"));
    }
  printf ("corpus: %u docs, %.1f MB of text, %" G_GUINT64_FORMAT " entities, %"
          G_GUINT64_FORMAT " sentences; peak RSS after loading %ld MB\n",
          docs->len, text_bytes / 1e6, n_entities, n_sentences, peak_rss_kb () / 1024);

  bench ("export-csv rows=document", &galley_export_csv_stage,
         (const char *const[]) { csv_path, NULL }, docs, text_bytes);
  bench ("export-csv rows=entity", &galley_export_csv_stage,
         (const char *const[]) { csv_path, "rows=entity", NULL }, docs, text_bytes);
  bench ("export-csv rows=sentence", &galley_export_csv_stage,
         (const char *const[]) { csv_path, "rows=sentence", NULL }, docs, text_bytes);
  bench ("export-csv append unique", &galley_export_csv_stage,
         (const char *const[]) { csv_path, "rows=sentence", "mode=append", NULL }, docs, text_bytes);
  bench ("export-sqlite new", &galley_export_sqlite_stage,
         (const char *const[]) { db_path, NULL }, docs, text_bytes);
  bench ("export-sqlite upsert", &galley_export_sqlite_stage,
         (const char *const[]) { db_path, NULL }, docs, text_bytes);
  bench ("export-sqlite text=true", &galley_export_sqlite_stage,
         (const char *const[]) { db_path, "text=true", NULL }, docs, text_bytes);

  g_unlink (csv);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *f = g_strconcat (db, (const char *[]) { "", "-wal", "-shm" }[i], NULL);
      g_unlink (f);
    }
  if (argc <= 2)
    g_rmdir (dir);
  return 0;
}
