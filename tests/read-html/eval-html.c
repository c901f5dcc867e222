/* eval-html.c: how well read-html extracts article text.
 *
 *   make -C tests/read-html eval DATA=/path/to/html
 *
 * DATA holds one directory per page: source.html (the saved page),
 * expected.txt (the article text, a paragraph a line) and metadata.json
 * (with the expected "title"). For each page this runs the read-html stage
 * on source.html, twice: extract=article (the method) and extract=page
 * (all visible text, the baseline), and scores the text against
 * expected.txt by token-level F1: both texts become bags of lowercased
 * word tokens (runs of letters, digits and marks; each Han, Hiragana or
 * Katakana character is a token of its own, as those scripts do not
 * separate words), precision and recall count the multiset overlap. It
 * prints a line per page, then the mean and median F1 of both, and how
 * often the title equals metadata.json's title once white space is
 * normalised. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "../../plugins/read-html/read-html.h"

typedef struct {
  double precision, recall, f1;
} Score;

static gboolean
is_ideograph (gunichar u)
{
  GUnicodeScript s = g_unichar_get_script (u);

  return s == G_UNICODE_SCRIPT_HAN || s == G_UNICODE_SCRIPT_HIRAGANA
         || s == G_UNICODE_SCRIPT_KATAKANA;
}

/* tokens: @text's word tokens, counted. */
static GHashTable *
tokens (const char *text, guint *total)
{
  GHashTable *bag = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *word = g_string_new (NULL);

  *total = 0;
  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar u = *p ? g_utf8_get_char (p) : 0;
      gboolean in_word = u && (g_unichar_isalnum (u) || g_unichar_ismark (u));

      if (in_word && !is_ideograph (u))
        {
          g_string_append_unichar (word, g_unichar_tolower (u));
          continue;
        }
      if (word->len > 0)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (bag, word->str));
          g_hash_table_insert (bag, g_strdup (word->str), GUINT_TO_POINTER (n + 1));
          (*total)++;
          g_string_truncate (word, 0);
        }
      if (in_word)  /* an ideograph: a token by itself */
        {
          char buf[8] = { 0 };
          guint n;
          g_unichar_to_utf8 (u, buf);
          n = GPOINTER_TO_UINT (g_hash_table_lookup (bag, buf));
          g_hash_table_insert (bag, g_strdup (buf), GUINT_TO_POINTER (n + 1));
          (*total)++;
        }
      if (*p == '\0')
        break;
    }
  g_string_free (word, TRUE);
  return bag;
}

static Score
token_f1 (const char *got, const char *want)
{
  guint n_got, n_want, overlap = 0;
  GHashTable *a = tokens (got, &n_got);
  GHashTable *b = tokens (want, &n_want);
  GHashTableIter it;
  gpointer key, value;
  Score s = { 0, 0, 0 };

  g_hash_table_iter_init (&it, a);
  while (g_hash_table_iter_next (&it, &key, &value))
    overlap += MIN (GPOINTER_TO_UINT (value), GPOINTER_TO_UINT (g_hash_table_lookup (b, key)));
  g_hash_table_unref (a);
  g_hash_table_unref (b);
  if (n_got == 0 && n_want == 0)
    return (Score) { 1, 1, 1 };
  s.precision = n_got ? (double) overlap / n_got : 0;
  s.recall = n_want ? (double) overlap / n_want : 0;
  s.f1 = s.precision + s.recall > 0
    ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

static char *
normalise_space (const char *s)
{
  g_auto (GStrv) words = g_strsplit_set (s ? s : "", " \t\n\r", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    if (*words[i])
      {
        if (out->len)
          g_string_append_c (out, ' ');
        g_string_append (out, words[i]);
      }
  return g_string_free (out, FALSE);
}

/* run: the document read-html makes of @path, or NULL when it skips it. */
static GalleyDocument *
run (const char *path, const char *extract)
{
  g_autofree char *path_kv = g_strconcat ("path=", path, NULL);
  g_autofree char *extract_kv = g_strconcat ("extract=", extract, NULL);
  const char *params[] = { path_kv, extract_kv, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_read_html_stage, params, &error);
  GPtrArray *docs;
  GalleyDocument *doc = NULL;

  if (h == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return NULL;
    }
  docs = galley_harness_read_all (h, NULL, &error);
  if (docs && docs->len == 1)
    doc = g_ptr_array_steal_index (docs, 0);
  if (docs)
    g_ptr_array_unref (docs);
  return doc;
}

static char *
expected_title (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "metadata.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *o;

  if (!json_parser_load_from_file (parser, path, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  o = json_node_get_object (root);
  if (!json_object_has_member (o, "title")
      || json_node_is_null (json_object_get_member (o, "title")))
    return g_strdup ("");
  return g_strdup (json_object_get_string_member (o, "title"));
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static double
median (GArray *values)
{
  double *v = (double *) values->data;
  guint n = values->len;

  if (n == 0)
    return 0;
  qsort (v, n, sizeof (double), compare_doubles);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int
main (int argc, char **argv)
{
  const char *data = argc > 1 ? argv[1] : NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) f1s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) base_f1s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GDir) dir = NULL;
  double sum = 0, base_sum = 0;
  guint titles = 0;
  const char *name;

  if (data == NULL || (dir = g_dir_open (data, 0, NULL)) == NULL)
    {
      g_printerr ("usage: eval-html DATA-DIR (one NAME/ directory per page with "
                  "source.html, expected.txt and metadata.json)\n");
      return 2;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (data, name, "source.html", NULL);
      if (g_file_test (source, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);

  printf ("%-34s %6s %6s %6s %6s  %s\n", "page", "F1", "P", "R", "base", "title");
  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *page_dir = g_build_filename (data, n, NULL);
      g_autofree char *source = g_build_filename (page_dir, "source.html", NULL);
      g_autofree char *expected_path = g_build_filename (page_dir, "expected.txt", NULL);
      g_autofree char *expected = NULL;
      g_autofree char *want_title = expected_title (page_dir);
      g_autofree char *got_title = NULL;
      g_autofree char *want_norm = NULL;
      g_autoptr (GalleyDocument) doc = run (source, "article");
      g_autoptr (GalleyDocument) page = run (source, "page");
      Score s = { 0, 0, 0 }, b = { 0, 0, 0 };
      gboolean title_ok;

      if (!g_file_get_contents (expected_path, &expected, NULL, NULL))
        continue;
      if (doc)
        s = token_f1 (galley_document_get_text (doc, NULL), expected);
      if (page)
        b = token_f1 (galley_document_get_text (page, NULL), expected);
      got_title = normalise_space (doc ? galley_document_get_meta (doc, "title") : NULL);
      want_norm = normalise_space (want_title);
      title_ok = strcmp (got_title, want_norm) == 0;
      titles += title_ok;
      g_array_append_val (f1s, s.f1);
      g_array_append_val (base_f1s, b.f1);
      sum += s.f1;
      base_sum += b.f1;
      printf ("%-34s %6.3f %6.3f %6.3f %6.3f  %s%s\n", n, s.f1, s.precision,
               s.recall, b.f1, title_ok ? "ok" : "DIFF: ", title_ok ? "" : got_title);
    }
  if (f1s->len == 0)
    {
      g_printerr ("eval-html: no pages in %s\n", data);
      return 2;
    }
  printf ("\npages: %u\n", f1s->len);
  printf ("read-html  mean F1: %.4f  median F1: %.4f\n", sum / f1s->len, median (f1s));
  printf ("baseline   mean F1: %.4f  median F1: %.4f  (extract=page: all visible text)\n",
           base_sum / base_f1s->len, median (base_f1s));
  printf ("title match: %u/%u = %.1f%%\n", titles, f1s->len, 100.0 * titles / f1s->len);
  return 0;
}
