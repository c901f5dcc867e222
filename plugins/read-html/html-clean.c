/* html-clean.c: cleaning the chosen blocks (step 4 of html-extract.c):
 * the lists, tables, boxes and forms inside the article that look like
 * furniture, and headings that repeat the title, are dropped. The rules
 * weigh class names, link density and what an element holds (paragraphs,
 * images, list items, inputs, embeds); tables of figures are left whole. */
#include "config.h"

#include <string.h>

#include "html-extract-private.h"
#include "html-text.h"

typedef struct {
  guint p, img, li, input, embed;
} Counts;

static void
count_tags (xmlNode *n, Counts *c)
{
  for (xmlNode *k = n->children; k; k = k->next)
    {
      const char *name;
      if (k->type != XML_ELEMENT_NODE || (html_node_flags (k) & HTML_NODE_DROPPED))
        continue;
      name = (const char *) k->name;
      if (strcmp (name, "p") == 0)
        c->p++;
      else if (strcmp (name, "img") == 0)
        c->img++;
      else if (strcmp (name, "li") == 0)
        c->li++;
      else if (strcmp (name, "input") == 0)
        c->input++;
      else if (strcmp (name, "embed") == 0 || strcmp (name, "object") == 0
               || strcmp (name, "iframe") == 0 || strcmp (name, "video") == 0)
        c->embed++;
      count_tags (k, c);
    }
}

static gboolean
has_ancestor (xmlNode *n, const char *name, int max_depth)
{
  for (xmlNode *a = n->parent; a && a->type == XML_ELEMENT_NODE && max_depth > 0;
       a = a->parent, max_depth--)
    if (html_is_tag (a, name))
      return TRUE;
  return FALSE;
}

/* list_text_len: characters of @n's text inside ul, ol and dl elements. */
static guint
list_text_len (Extractor *ex, xmlNode *n)
{
  guint len = 0;

  for (xmlNode *k = n->children; k; k = k->next)
    {
      if (k->type != XML_ELEMENT_NODE || (html_node_flags (k) & HTML_NODE_DROPPED))
        continue;
      if (html_is_tag (k, "ul") || html_is_tag (k, "ol") || html_is_tag (k, "dl"))
        {
          Info *info = g_hash_table_lookup (ex->info, k);
          len += info ? info->len : 0;
        }
      else
        len += list_text_len (ex, k);
    }
  return len;
}

/* words: the lowercased words of @s, for comparing headings. */
static GHashTable *
words (const char *s, guint *n)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *lower = g_utf8_strdown (s, -1);
  GString *w = g_string_new (NULL);

  *n = 0;
  for (const char *p = lower;; p = g_utf8_next_char (p))
    {
      gunichar u = g_utf8_get_char (p);
      if (u && g_unichar_isalnum (u))
        {
          g_string_append_unichar (w, u);
          continue;
        }
      if (w->len && g_hash_table_add (set, g_strdup (w->str)))
        (*n)++;
      g_string_truncate (w, 0);
      if (!u)
        break;
    }
  g_string_free (w, TRUE);
  return set;
}

/* repeats_title: whether heading @n says what the title says: three
 * quarters of the words of the shorter of the two are in the other. */
static gboolean
repeats_title (Extractor *ex, xmlNode *n)
{
  g_autofree char *text = NULL;
  GHashTable *a, *b;
  guint na, nb, shared = 0;
  GHashTableIter it;
  gpointer key;

  if (ex->title == NULL)
    return FALSE;
  text = html_node_text (n);
  a = words (text, &na);
  b = words (ex->title, &nb);
  g_hash_table_iter_init (&it, na <= nb ? a : b);
  while (g_hash_table_iter_next (&it, &key, NULL))
    shared += g_hash_table_contains (na <= nb ? b : a, key);
  g_hash_table_unref (a);
  g_hash_table_unref (b);
  return MIN (na, nb) > 0 && shared >= 0.75 * MIN (na, nb);
}

static void
count_table (xmlNode *n, guint *rows, guint *cols, gboolean *header, gboolean *nested)
{
  for (xmlNode *k = n->children; k; k = k->next)
    {
      if (k->type != XML_ELEMENT_NODE)
        continue;
      if (html_is_tag (k, "table"))
        {
          *nested = TRUE;
          continue;
        }
      if (html_is_tag (k, "caption") || html_is_tag (k, "thead") || html_is_tag (k, "th")
          || html_is_tag (k, "colgroup") || html_is_tag (k, "tfoot"))
        *header = TRUE;
      if (html_is_tag (k, "tr"))
        {
          guint c = 0;
          (*rows)++;
          for (xmlNode *cell = k->children; cell; cell = cell->next)
            if (html_is_tag (cell, "td") || html_is_tag (cell, "th"))
              c++;
          *cols = MAX (*cols, c);
        }
      count_table (k, rows, cols, header, nested);
    }
}

/* is_data_table: a table of figures (election results, a price list),
 * which cleaning leaves alone, rather than a table used for layout: no
 * table inside it, more than one row and column, and a header, caption
 * or summary, or at least 10 rows, 5 columns or 11 cells. */
static gboolean
is_data_table (xmlNode *table)
{
  guint rows = 0, cols = 0;
  gboolean header = FALSE, nested = FALSE;
  xmlChar *role = xmlGetProp (table, (const xmlChar *) "role");
  gboolean presentation = role && xmlStrcmp (role, (const xmlChar *) "presentation") == 0;

  xmlFree (role);
  if (presentation)
    return FALSE;
  count_table (table, &rows, &cols, &header, &nested);
  if (nested || rows <= 1 || cols <= 1)
    return FALSE;
  if (header || xmlHasProp (table, (const xmlChar *) "summary"))
    return TRUE;
  return rows >= 10 || cols > 4 || rows * cols > 10;
}

/* looks_like_furniture: the conditional html_clean of step 4; @why gets the
 * rule that fired, for debugging (G_MESSAGES_DEBUG=read-html). */
static gboolean
looks_like_furniture (Extractor *ex, xmlNode *n, const char **why)
{
  const char *name = (const char *) n->name;
  Info *info = g_hash_table_lookup (ex->info, n);
  int weight = html_class_weight (ex, n);
  gboolean is_list = strcmp (name, "ul") == 0 || strcmp (name, "ol") == 0;
  Counts c = { 0 };

  if (!is_list && info && info->len > 0)
    is_list = (double) list_text_len (ex, n) / info->len > 0.9;  /* a box of lists */
  double ld;
  guint len;

  if (info == NULL)
    return FALSE;
  /* A class naming furniture, unless paragraphs inside outweigh it (the
   * tag's part of the score is for choosing, not for cleaning). */
  if (weight + (info->scored ? info->score - info->base : 0) < 0)
    return (*why = "negative weight", TRUE);
  if (info->commas >= 10)
    return FALSE;
  count_tags (n, &c);
  ld = html_link_density (info);
  len = info->len;
  if (c.img > 1 && (double) c.p / c.img < 0.5 && !has_ancestor (n, "figure", 3))
    return (*why = "images over paragraphs", TRUE);
  if (c.input > c.p / 3 + 0)
    return (*why = "inputs", TRUE);
  if (!is_list && len < 25 && (c.img == 0 || c.img > 2) && !has_ancestor (n, "figure", 3))
    return (*why = "short", TRUE);
  if (!is_list && weight < 25 && ld > 0.2)
    return (*why = "links", TRUE);
  if (weight >= 25 && ld > 0.5)
    return (*why = "links despite weight", TRUE);
  if ((c.embed == 1 && len < 75) || c.embed > 1)
    return (*why = "embeds", TRUE);
  return FALSE;
}

void
html_clean (Extractor *ex, xmlNode *n)
{
  static const char *const cleaned[] = {
    "table", "ul", "ol", "div", "section", "form", "fieldset", "dl", NULL,
  };

  gboolean debug = ex->debug;
  const char *why = NULL;

  for (xmlNode *k = n->children; k; k = k->next)
    {
      const char *name;

      if (k->type != XML_ELEMENT_NODE || (html_node_flags (k) & HTML_NODE_DROPPED))
        continue;
      name = (const char *) k->name;
      if (strcmp (name, "table") == 0 && is_data_table (k))
        continue;  /* figures: every cell counts, however short */
      if (g_strv_contains (cleaned, name) && looks_like_furniture (ex, k, &why))
        {
          if (G_UNLIKELY (debug))
            {
              g_autofree char *what = html_class_and_id (k);
              g_autofree char *text = html_node_text (k);
              g_debug ("html_clean: <%s %s> %s: %.80s", name, what ? what : "", why, text);
            }
          html_node_set_flag (k, HTML_NODE_DROPPED);
          continue;
        }
      if ((strcmp (name, "h1") == 0 || strcmp (name, "h2") == 0))
        {
          Info *info = g_hash_table_lookup (ex->info, k);
          if (html_class_weight (ex, k) < 0 || (info && html_link_density (info) > 0.33)
              || repeats_title (ex, k))
            {
              html_node_set_flag (k, HTML_NODE_DROPPED);
              continue;
            }
        }
      html_clean (ex, k);
    }
}
