/* html-extract.c: finding the article in a page and taking its text.
 *
 * The walks here and in html-prune.c recurse once per level of elements;
 * read-html rejects a page nested more than XML_DEPTH_LIMIT levels deep
 * (xml-limits.h) before any of them runs.
 *
 * The method, in the tradition of readability-style extractors, written
 * for Galley:
 *
 * 1. Prune. Elements that are never article text are dropped: scripts,
 *    styles, embedded objects, navigation, asides, footers, headers outside
 *    the article, form controls, dialogs; hidden elements (the hidden
 *    attribute, aria-hidden="true", display:none or visibility:hidden in a
 *    style attribute); ARIA landmarks that are not content (navigation,
 *    banner, complementary, contentinfo, search, dialog); and elements
 *    whose class or id names page furniture (comments, share and social
 *    widgets, cookie and consent banners, newsletters, promos, related
 *    stories, sidebars, menus, ...) unless it also names content
 *    ("article", "content", "main", "body", "story", ...).
 *
 * 2. Score. Every block whose own inline text is at least 25 characters
 *    is a paragraph. It scores 1, plus 1 per comma, plus 1 per 100
 *    characters (at most 3), and gives its score to its parent in full,
 *    its grandparent in half, and further ancestors up to five levels a
 *    third of it divided by the level. An ancestor starts with a bonus or
 *    malus for its tag (div +5; lists, forms -3; headings -5; article +10)
 *    and +-25 for a class or id naming content or furniture. Each
 *    candidate's score is then multiplied by 1 - its link density (the
 *    share of its text inside links), so menus and link lists sink.
 *
 * 3. Choose. The best candidate wins; when it is the only element child
 *    of its parent, the parent is taken instead. Its siblings join it when
 *    they score at least a fifth of the winner, or are paragraphs of prose
 *    with few links, so that articles split into several blocks come out
 *    whole. When the page has an <article> or <main> element holding the
 *    winner and not much more text than it (it is the article, not the
 *    whole page), that element is taken instead, so the headline and
 *    standfirst inside it come too.
 *
 * 4. Clean. Inside the chosen blocks, lists, tables, divs, sections and
 *    forms that look like furniture are dropped: a negative class weight,
 *    many links for little text, more images or list items than
 *    paragraphs, form inputs, embeds with little text.
 *
 * 5. If the result is shorter than 500 characters, the page is tried
 *    again with the class/id pruning off, then with cleaning off too,
 *    then with class weights off, and a looser result replaces a stricter
 *    one when it is more than twice as long: the strict pass threw the
 *    article away with the furniture (a blog whose post sits in a
 *    "widget"), rather than a short news item being short.
 *
 * The cost is a few passes over the tree: linear in the page size, plus a
 * subtree walk per cleaned element. Scratch state lives in a hash table
 * keyed by node and in the node flags (html-text.h). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "html-extract.h"
#include "html-extract-private.h"
#include "html-text.h"

typedef struct {
  guint len, link_len, commas;
  guint inline_len, inline_commas;
} Stats;

/* Scoring ---------------------------------------------------------------- */

static Info *
info_get (Extractor *ex, xmlNode *n)
{
  Info *info = g_hash_table_lookup (ex->info, n);

  if (info == NULL)
    {
      info = g_new0 (Info, 1);
      g_hash_table_insert (ex->info, n, info);
    }
  return info;
}

static void
make_candidate (Extractor *ex, xmlNode *n, Info *info)
{
  const char *name = (const char *) n->name;
  double base = 0;

  if (strcmp (name, "div") == 0)
    base = 5;
  else if (strcmp (name, "article") == 0)
    base = 10;
  else if (strcmp (name, "pre") == 0 || strcmp (name, "td") == 0
           || strcmp (name, "blockquote") == 0)
    base = 3;
  else if (strcmp (name, "address") == 0 || strcmp (name, "ol") == 0
           || strcmp (name, "ul") == 0 || strcmp (name, "dl") == 0
           || strcmp (name, "dd") == 0 || strcmp (name, "dt") == 0
           || strcmp (name, "li") == 0 || strcmp (name, "form") == 0)
    base = -3;
  else if ((name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
           || strcmp (name, "th") == 0)
    base = -5;
  info->base = base + html_class_weight (ex, n);
  info->score = info->base;
  info->scored = TRUE;
  g_ptr_array_add (ex->candidates, n);
}

/* count_text: characters of @s (white space runs count one) and commas. */
static void
count_text (const char *s, guint *len, guint *commas)
{
  gboolean space = TRUE;

  for (const char *p = s; *p; p++)
    {
      guchar c = (guchar) *p;
      if ((c & 0xC0) == 0x80)
        continue;  /* continuation byte */
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
        {
          if (!space)
            (*len)++;
          space = TRUE;
          continue;
        }
      space = FALSE;
      (*len)++;
      if (c == ',')
        (*commas)++;
      else if (c == 0xEF && (guchar) p[1] == 0xBC && (guchar) p[2] == 0x8C)
        (*commas)++;  /* U+FF0C fullwidth comma */
      else if (c == 0xE3 && (guchar) p[1] == 0x80 && (guchar) p[2] == 0x81)
        (*commas)++;  /* U+3001 ideographic comma */
    }
}

static void
score_paragraph (Extractor *ex, xmlNode *n, guint len, guint commas)
{
  double score = 1 + commas + MIN (len / 100, 3);
  int level = 0;

  for (xmlNode *a = n->parent; a && a->type == XML_ELEMENT_NODE && level < 5;
       a = a->parent, level++)
    {
      Info *info = info_get (ex, a);
      double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;

      if (!info->scored)
        make_candidate (ex, a, info);
      info->score += score / divider;
      if (html_is_tag (a, "body"))
        break;
    }
}

static Stats
walk (Extractor *ex, xmlNode *n, gboolean in_link)
{
  Stats st = { 0 };
  HtmlTagKind kind = html_tag_kind ((const char *) n->name);
  gboolean link = in_link || html_is_tag (n, "a");
  Info *info;

  for (xmlNode *c = n->children; c; c = c->next)
    {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        {
          guint len = 0, commas = 0;
          if (c->content)
            count_text ((const char *) c->content, &len, &commas);
          st.len += len;
          st.commas += commas;
          st.inline_len += len;
          st.inline_commas += commas;
          if (link)
            st.link_len += len;
        }
      else if (c->type == XML_ELEMENT_NODE
               && !(html_node_flags (c) & HTML_NODE_DROPPED)
               && html_tag_kind ((const char *) c->name) != HTML_TAG_SKIP)
        {
          Stats cs = walk (ex, c, link);
          HtmlTagKind ck = html_tag_kind ((const char *) c->name);

          st.len += cs.len;
          st.link_len += cs.link_len;
          st.commas += cs.commas;
          if (ck == HTML_TAG_INLINE || ck == HTML_TAG_BR)
            {
              st.inline_len += cs.inline_len;
              st.inline_commas += cs.inline_commas;
            }
        }
    }

  if ((kind == HTML_TAG_BLOCK || kind == HTML_TAG_CELL) && st.inline_len >= 25)
    score_paragraph (ex, n, st.inline_len, st.inline_commas);

  info = info_get (ex, n);
  info->len = st.len;
  info->link_len = st.link_len;
  info->commas = st.commas;
  return st;
}

double
html_link_density (const Info *info)
{
  return info->len ? (double) info->link_len / info->len : 0;
}

static double
final_score (Extractor *ex, xmlNode *n)
{
  Info *info = g_hash_table_lookup (ex->info, n);

  if (info == NULL || !info->scored)
    return 0;
  return info->score * (1 - html_link_density (info));
}

/* Choosing --------------------------------------------------------------- */

static xmlNode *
find_body (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root == NULL)
    return NULL;
  for (xmlNode *n = root->children; n; n = n->next)
    if (html_is_tag (n, "body"))
      return n;
  return root;
}

static guint
n_element_children (xmlNode *n)
{
  guint count = 0;

  for (xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && !(html_node_flags (c) & HTML_NODE_DROPPED)
        && html_tag_kind ((const char *) c->name) != HTML_TAG_SKIP)
      count++;
  return count;
}

static gboolean
ends_sentence (xmlNode *n)
{
  g_autofree char *t = html_node_text (n);
  gsize len = strlen (t);

  return len > 0 && (t[len - 1] == '.' || strstr (t, ". ") != NULL);
}

static int
compare_scores_desc (gconstpointer a, gconstpointer b, gpointer data)
{
  Extractor *ex = data;
  double x = final_score (ex, *(xmlNode *const *) a);
  double y = final_score (ex, *(xmlNode *const *) b);

  return x > y ? -1 : x < y;
}

#define N_BEST 5
#define MIN_SHARING 3

/* common_ancestor_of_best: the nearest ancestor of @top that contains at
 * least MIN_SHARING of the other N_BEST - 1 best candidates scoring 75% of
 * @top or more; @top itself when there is none. */
static xmlNode *
common_ancestor_of_best (Extractor *ex, xmlNode *top, double top_score, xmlNode *body)
{
  g_autoptr (GPtrArray) best = g_ptr_array_copy (ex->candidates, NULL, NULL);
  xmlNode *others[N_BEST];
  guint n_others = 0;

  g_ptr_array_sort_with_data (best, compare_scores_desc, ex);
  for (guint i = 0; i < best->len && n_others < N_BEST - 1; i++)
    {
      xmlNode *n = g_ptr_array_index (best, i);
      if (n == top)
        continue;
      if (final_score (ex, n) < top_score * 0.75)
        break;
      others[n_others++] = n;
    }
  if (n_others < MIN_SHARING)
    return top;
  for (xmlNode *a = top->parent; a && a != body && a->type == XML_ELEMENT_NODE; a = a->parent)
    {
      guint inside = 0;
      for (guint i = 0; i < n_others; i++)
        for (xmlNode *o = others[i]->parent; o; o = o->parent)
          if (o == a)
            {
              inside++;
              break;
            }
      if (inside >= MIN_SHARING)
        return a;
    }
  return top;
}

/* choose: the blocks whose text is the article, in document order. */
static GPtrArray *
choose (Extractor *ex, xmlNode *body)
{
  GPtrArray *out = g_ptr_array_new ();
  xmlNode *top = NULL, *parent;
  double top_score = 0, threshold;
  Info *top_info;

  for (guint i = 0; i < ex->candidates->len; i++)
    {
      xmlNode *n = g_ptr_array_index (ex->candidates, i);
      double s = final_score (ex, n);
      if (top == NULL || s > top_score)
        {
          top = n;
          top_score = s;
        }
    }
  if (top == NULL)
    {
      g_ptr_array_add (out, body);
      return out;
    }
  /* When several of the best candidates share an ancestor, the article
   * is split across them (a paragraph per box): take the ancestor. */
  top = common_ancestor_of_best (ex, top, top_score, body);
  /* A parent scoring higher than the winner holds it and more of the
   * same; climb while the scores stay within a third of the winner's. */
  {
    double last = final_score (ex, top), floor = last / 3;
    for (xmlNode *a = top->parent; a && a != body && a->type == XML_ELEMENT_NODE; a = a->parent)
      {
        Info *ai = g_hash_table_lookup (ex->info, a);
        double s;
        if (ai == NULL || !ai->scored)
          continue;
        s = final_score (ex, a);
        if (s < floor)
          break;
        if (s > last)
          {
            top = a;
            break;
          }
        last = s;
      }
  }
  /* A lone child says little: its parent holds the same and more. */
  while (top->parent && top->parent != body && top->parent->type == XML_ELEMENT_NODE
         && n_element_children (top->parent) == 1)
    top = top->parent;
  top_info = info_get (ex, top);
  top_score = MAX (top_score, final_score (ex, top));

  /* The article or main element around the winner, if it is the article. */
  for (xmlNode *a = top; a && a != body && a->type == XML_ELEMENT_NODE; a = a->parent)
    if (html_is_tag (a, "article") || html_is_tag (a, "main"))
      {
        Info *ai = info_get (ex, a);
        if (ai->len <= top_info->len * 1.5 + 200 && html_link_density (ai) < 0.35)
          {
            g_ptr_array_add (out, a);
            return out;
          }
        break;
      }

  parent = top->parent;
  if (parent == NULL || parent->type != XML_ELEMENT_NODE)
    {
      g_ptr_array_add (out, top);
      return out;
    }
  threshold = MAX (10, top_score * 0.2);
  {
    g_autofree char *top_class = NULL;
    xmlChar *c = xmlGetProp (top, (const xmlChar *) "class");
    top_class = c ? g_strdup ((const char *) c) : NULL;
    xmlFree (c);

    for (xmlNode *s = parent->children; s; s = s->next)
      {
        Info *si;
        double bonus = 0;
        gboolean keep = FALSE;

        if (s->type != XML_ELEMENT_NODE || (html_node_flags (s) & HTML_NODE_DROPPED)
            || html_tag_kind ((const char *) s->name) == HTML_TAG_SKIP)
          continue;
        if (s == top)
          {
            g_ptr_array_add (out, s);
            continue;
          }
        si = info_get (ex, s);
        if (top_class && *top_class)
          {
            xmlChar *sc = xmlGetProp (s, (const xmlChar *) "class");
            if (sc && strcmp ((const char *) sc, top_class) == 0)
              bonus = top_score * 0.2;
            xmlFree (sc);
          }
        if (si->scored && final_score (ex, s) + bonus >= threshold)
          keep = TRUE;
        else if (html_is_tag (s, "p") || html_is_tag (s, "blockquote") || html_is_tag (s, "pre")
                 || html_is_tag (s, "ul") || html_is_tag (s, "ol") || html_is_tag (s, "h2")
                 || html_is_tag (s, "h3") || html_is_tag (s, "h4") || html_is_tag (s, "figure"))
          {
            double ld = html_link_density (si);
            if (si->len > 80 && ld < 0.25)
              keep = TRUE;
            else if (si->len > 0 && si->len <= 80 && ld == 0 && ends_sentence (s))
              keep = TRUE;
          }
        if (keep)
          g_ptr_array_add (out, s);
      }
  }
  return out;
}

/* Passes ----------------------------------------------------------------- */

static char *
extract_pass (xmlDoc *doc, const char *title, xmlNode *body, PassFlags flags)
{
  Extractor ex = { doc, title, flags, NULL, NULL, FALSE };
  g_autoptr (GPtrArray) roots = NULL;
  HtmlText *text = html_text_new ();

  ex.info = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  ex.candidates = g_ptr_array_new ();
  ex.debug = !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN);
  html_reset_flags (body);
  html_prune (&ex, body, FALSE);
  walk (&ex, body, FALSE);
  roots = choose (&ex, body);
  if (G_UNLIKELY (ex.debug))
    for (guint i = 0; i < roots->len; i++)
      {
        xmlNode *r = g_ptr_array_index (roots, i);
        g_autofree char *what = html_class_and_id (r);
        g_debug ("pass %u: root <%s %s> score %.1f", flags, (const char *) r->name,
                 what ? what : "", final_score (&ex, r));
      }
  for (guint i = 0; i < roots->len; i++)
    {
      xmlNode *r = g_ptr_array_index (roots, i);
      if (flags & PASS_CLEAN)
        html_clean (&ex, r);
      html_text_paragraph (text);
      html_text_append (text, r);
    }
  g_hash_table_unref (ex.info);
  g_ptr_array_unref (ex.candidates);
  return html_text_free_to_string (text);
}

#define MIN_ARTICLE_CHARS 500

char *
html_extract_article (xmlDoc *doc, const char *title)
{
  static const PassFlags passes[] = {
    PASS_STRIP_UNLIKELY | PASS_WEIGHT_CLASSES | PASS_CLEAN,
    PASS_WEIGHT_CLASSES | PASS_CLEAN,
    PASS_WEIGHT_CLASSES,
    0,
  };
  xmlNode *body = find_body (doc);
  char *best = NULL;
  glong best_len = -1;

  if (body == NULL)
    return g_strdup ("");
  for (guint i = 0; i < G_N_ELEMENTS (passes); i++)
    {
      char *t = extract_pass (doc, title, body, passes[i]);
      glong len = g_utf8_strlen (t, -1);

      /* A looser pass must find much more to win: it always finds a
       * little more (the share bar, the comments) on short pages. */
      if (best == NULL || len > 2 * best_len)
        {
          g_free (best);
          best = t;
          best_len = len;
        }
      else
        g_free (t);
      if (best_len >= MIN_ARTICLE_CHARS)
        break;
    }
  html_reset_flags (body);
  return best;
}

static void
drop_hidden (xmlNode *n)
{
  for (; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE)
      {
        if (html_is_hidden (n))
          html_node_set_flag (n, HTML_NODE_DROPPED);
        else
          drop_hidden (n->children);
      }
}

char *
html_extract_visible (xmlDoc *doc)
{
  xmlNode *body = find_body (doc);
  char *s;

  if (body == NULL)
    return g_strdup ("");
  html_reset_flags (body);
  drop_hidden (body);
  s = html_node_text (body);
  html_reset_flags (body);
  return s;
}
