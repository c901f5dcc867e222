/* csv-sample: writes a CSV file of awkward values with export-csv, and
 * the records it must parse back to as JSON (an array of arrays of
 * strings, header first), for csv-python.sh to check with another parser.
 *
 *   csv-sample OUT.csv OUT.json [PARAM=VALUE...]
 */
#include "config.h"

#include <stdio.h>

#include "export-csv.h"
#include "lib/doc-fixtures.h"

static const char *const atoms[] = {
  ",", "\"", "\r", "\n", "\r\n", ";", "\t", " ", "=", "+", "-", "@", "'",
  "a", "Z", "0", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\"\"", ",\"",
};

static char *
nasty_text (GRand *rand, guint max_len)
{
  GString *s = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, max_len + 1);

  for (guint i = 0; i < n; i++)
    g_string_append (s, atoms[g_rand_int_range (rand, 0, G_N_ELEMENTS (atoms))]);
  return g_string_free (s, FALSE);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GRand) rand = g_rand_new_with_seed (4180);
  g_autoptr (GString) json = g_string_new ("[[\"id\",\"title\",\"source\",\"text\"]");
  GalleyHarness *h;

  if (argc < 3)
    {
      fprintf (stderr, "usage: csv-sample OUT.csv OUT.json [PARAM=VALUE...]\n");
      return 2;
    }
  g_ptr_array_add (params, g_strdup_printf ("path=%s", argv[1]));
  g_ptr_array_add (params, g_strdup ("columns=id,title,source,text"));
  for (int i = 3; i < argc; i++)
    g_ptr_array_add (params, g_strdup (argv[i]));
  g_ptr_array_add (params, NULL);
  h = galley_harness_new (&galley_export_csv_stage,
                          (const char *const *) params->pdata, &error);
  if (h == NULL)
    {
      fprintf (stderr, "csv-sample: %s\n", error->message);
      return 1;
    }
  for (int i = 0; i < 500; i++)
    {
      g_autofree char *id = g_strdup_printf ("doc-%d", i);
      g_autofree char *title = nasty_text (rand, 12);
      g_autofree char *source = nasty_text (rand, 3);
      g_autofree char *text = nasty_text (rand, 60);
      g_autoptr (GalleyDocument) doc = fixture_doc (id, text, title, NULL, source, NULL);
      const char *row[] = { id, title, source, text };

      if (!galley_harness_run (h, doc, &error))
        {
          fprintf (stderr, "csv-sample: %s\n", error->message);
          return 1;
        }
      g_string_append (json, ",\n[");
      for (int f = 0; f < 4; f++)
        {
          if (f)
            g_string_append_c (json, ',');
          galley_json_append_string (json, row[f], -1);
        }
      g_string_append_c (json, ']');
    }
  g_string_append (json, "]\n");
  if (!galley_harness_commit (h, &error)
      || !g_file_set_contents (argv[2], json->str, json->len, &error))
    {
      fprintf (stderr, "csv-sample: %s\n", error->message);
      return 1;
    }
  galley_harness_free (h);
  return 0;
}
