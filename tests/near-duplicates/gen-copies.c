/* gen-copies.c: an evaluation set for near-duplicates, made from news.
 *
 *   gen-copies [-n COPIES] [-s SEED] NEWS.jsonl > set.jsonl
 *
 * Writes every article of NEWS (JSON Lines with "id", "text" and an
 * optional "title") once, and COPIES re-published copies of randomly
 * chosen ones (default 1000), each placed 1 to 200 articles after its
 * original, the way wire stories come back through other outlets:
 * a new headline, a dateline or a byline added, the last paragraphs cut,
 * a sentence from another story inserted, a few words changed; each copy
 * gets at least one of these, most several. A copy's line carries
 * "copy_of": the original's id, the truth the evaluation compares with.
 * The same SEED (default 1) gives the same set.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <glib.h>

typedef struct {
  char *id, *title, *text;
} Article;

typedef struct {
  guint due;       /* written after this many originals */
  guint original;
  guint n;         /* the copy's number */
} Pending;

static const char *const datelines[] = {
  "LONDON (Reuters) - ", "NEW YORK, March 3 (AP) - ", "PARIS (AFP) - ",
  "WASHINGTON - ", "TOKYO, (Kyodo) -- ", "BERLIN (dpa) - ",
};
static const char *const bylines[] = {
  "By Staff Reporter\n\n", "By Maria Lopez, Business Correspondent\n\n",
  "From our wire services\n\n", "By James O'Neill\n\n",
};
static const char *const replacements[] = {
  "said", "stated", "added", "reported", "announced", "noted", "major",
  "large", "new", "recent", "several", "many", "officials", "sources",
};

static void
free_article (gpointer p)
{
  Article *a = p;

  g_free (a->id);
  g_free (a->title);
  g_free (a->text);
  g_free (a);
}

static GPtrArray *
read_articles (const char *path)
{
  g_autofree char *data = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *articles = g_ptr_array_new_with_free_func (free_article);

  if (!g_file_get_contents (path, &data, NULL, &error))
    {
      fprintf (stderr, "gen-copies: %s\n", error->message);
      exit (2);
    }
  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *o;
      Article *a;

      if (lines[i][0] == '\0')
        continue;
      if (!json_parser_load_from_data (parser, lines[i], -1, NULL) ||
          (o = json_node_get_object (json_parser_get_root (parser))) == NULL ||
          !json_object_has_member (o, "text"))
        {
          fprintf (stderr, "gen-copies: %s:%u: not a JSON object with a text\n", path, i + 1);
          exit (2);
        }
      a = g_new0 (Article, 1);
      a->id = json_object_has_member (o, "id")
        ? g_strdup (json_object_get_string_member (o, "id")) : g_strdup_printf ("%u", i + 1);
      a->title = g_strdup (json_object_get_string_member_with_default (o, "title", ""));
      a->text = g_strdup (json_object_get_string_member (o, "text"));
      g_ptr_array_add (articles, a);
    }
  return articles;
}

/* The first sentence of @text (up to ". ", a line's end or the text's),
 * at most 300 bytes. The line's end counts: a wire notice ("Qtly div 25
 * cts vs 25 cts prior") has no full stop, and its whole text, inserted
 * as a "sentence", made the copy hold another article whole. */
static char *
first_sentence (const char *text)
{
  const char *end = strstr (text, ". ");
  gsize n = end ? (gsize) (end - text) + 1 : strlen (text);
  const char *line = memchr (text, '\n', n);

  if (line != NULL)
    n = (gsize) (line - text);

  if (n > 300)
    n = 300;
  while (n > 0 && ((guchar) text[n] & 0xc0) == 0x80)
    n--;
  return g_strndup (text, n);
}

static char *
make_copy (GRand *rng, GPtrArray *articles, const Article *a, char **title)
{
  g_auto (GStrv) paras = g_strsplit (a->text, "\n\n", -1);
  guint n_paras = g_strv_length (paras), keep = n_paras;
  guint todo = 0;
  GString *out = g_string_new (NULL);

  /* which changes: each with probability one half, at least one */
  while (todo == 0)
    for (guint k = 0; k < 6; k++)
      todo |= g_rand_boolean (rng) << k;

  *title = (todo & 1)
    ? g_strdup_printf ("%s: %s", g_rand_boolean (rng) ? "UPDATE 1" : "Report", a->title)
    : g_strdup (a->title);
  if (todo & 2)
    g_string_append (out, datelines[g_rand_int_range (rng, 0, G_N_ELEMENTS (datelines))]);
  if (todo & 4)
    g_string_prepend (out, bylines[g_rand_int_range (rng, 0, G_N_ELEMENTS (bylines))]);
  if ((todo & 8) && n_paras >= 3)
    keep = n_paras - g_rand_int_range (rng, 1, n_paras / 3 + 2);
  keep = MAX (keep, 1);
  for (guint p = 0; p < keep; p++)
    {
      if (p > 0)
        g_string_append (out, "\n\n");
      if ((todo & 16) && p == keep / 2)
        {
          const Article *other = g_ptr_array_index (articles, g_rand_int_range (rng, 0, articles->len));
          g_autofree char *s = first_sentence (other->text);
          g_string_append_printf (out, "%s\n\n", s);
        }
      g_string_append (out, paras[p]);
    }
  if (todo & 32)
    {
      /* a few words changed: every word of more than four letters, with
       * probability 1 in 25 */
      GString *changed = g_string_new (NULL);
      const char *s = out->str;

      while (*s)
        {
          gsize w = 0;
          while (g_ascii_isalpha (s[w]))
            w++;
          if (w > 4 && g_rand_int_range (rng, 0, 25) == 0)
            g_string_append (changed, replacements[g_rand_int_range (rng, 0, G_N_ELEMENTS (replacements))]);
          else
            g_string_append_len (changed, s, w);
          s += w;
          if (w == 0)
            g_string_append_c (changed, *s++);
        }
      g_string_free (out, TRUE);
      out = changed;
    }
  return g_string_free (out, FALSE);
}

static void
write_line (const char *id, const char *title, const char *text, const char *copy_of)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *line = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, title);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  if (copy_of)
    {
      json_builder_set_member_name (b, "copy_of");
      json_builder_add_string_value (b, copy_of);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  line = json_generator_to_data (gen, NULL);
  puts (line);
}

static int
pending_compare (gconstpointer a, gconstpointer b)
{
  const Pending *x = a, *y = b;

  return x->due < y->due ? -1 : x->due > y->due ? 1 : (int) x->n - (int) y->n;
}

int
main (int argc, char **argv)
{
  guint copies = 1000, seed = 1, next = 0;
  int arg = 1;
  g_autoptr (GPtrArray) articles = NULL;
  g_autoptr (GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  GRand *rng;

  for (; arg + 1 < argc && argv[arg][0] == '-'; arg += 2)
    if (strcmp (argv[arg], "-n") == 0)
      copies = (guint) atoi (argv[arg + 1]);
    else if (strcmp (argv[arg], "-s") == 0)
      seed = (guint) atoi (argv[arg + 1]);
  if (arg >= argc)
    {
      fprintf (stderr, "usage: gen-copies [-n COPIES] [-s SEED] NEWS.jsonl\n");
      return 2;
    }
  articles = read_articles (argv[arg]);
  if (articles->len == 0)
    return 0;
  rng = g_rand_new_with_seed (seed);
  for (guint c = 0; c < copies; c++)
    {
      Pending p;
      p.original = g_rand_int_range (rng, 0, articles->len);
      p.due = p.original + g_rand_int_range (rng, 1, 201);
      p.n = c;
      g_array_append_val (pending, p);
    }
  g_array_sort (pending, pending_compare);
  for (guint i = 0; i <= articles->len; i++)
    {
      for (; next < pending->len &&
             (g_array_index (pending, Pending, next).due <= i || i == articles->len); next++)
        {
          const Pending *p = &g_array_index (pending, Pending, next);
          const Article *a = g_ptr_array_index (articles, p->original);
          g_autofree char *title = NULL;
          g_autofree char *text = make_copy (rng, articles, a, &title);
          g_autofree char *id = g_strdup_printf ("copy-%u:%s", p->n, a->id);
          write_line (id, title, text, a->id);
        }
      if (i < articles->len)
        {
          const Article *a = g_ptr_array_index (articles, i);
          write_line (a->id, a->title, a->text, NULL);
        }
    }
  g_rand_free (rng);
  return 0;
}
