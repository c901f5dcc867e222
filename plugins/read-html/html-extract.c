/* html-extract.c: finding the article in a page and taking its text.
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
#include "html-text.h"

typedef struct {
  guint len;        /* visible characters, a run of white space counting 1 */
  guint link_len;   /* of which inside links */
  guint commas;
  double score;
  double base;      /* the tag's and class's part of the score */
  gboolean scored;  /* a candidate: some paragraph gave it a score */
} Info;

typedef enum {
  PASS_STRIP_UNLIKELY = 1 << 0,
  PASS_WEIGHT_CLASSES = 1 << 1,
  PASS_CLEAN = 1 << 2,
} PassFlags;

typedef struct {
  xmlDoc *doc;
  const char *title;     /* the page's title, or NULL */
  PassFlags flags;
  GHashTable *info;      /* xmlNode * -> Info * */
  GPtrArray *candidates; /* xmlNode * */
  gboolean debug;        /* G_MESSAGES_DEBUG names read-html */
} Extractor;

typedef struct {
  guint len, link_len, commas;
  guint inline_len, inline_commas;
} Stats;

/* Names ------------------------------------------------------------------ */

static gboolean
is_tag (const xmlNode *n, const char *name)
{
  return n->type == XML_ELEMENT_NODE && strcmp ((const char *) n->name, name) == 0;
}

/* class_and_id: "class id", lowercased, or NULL when neither is set. */
static char *
class_and_id (xmlNode *n)
{
  xmlChar *cls = xmlGetProp (n, (const xmlChar *) "class");
  xmlChar *id = xmlGetProp (n, (const xmlChar *) "id");
  char *s = NULL;

  if (cls || id)
    {
      g_autofree char *joined = g_strconcat (cls ? (const char *) cls : "", " ",
                                             id ? (const char *) id : "", NULL);
      s = g_ascii_strdown (joined, -1);
    }
  xmlFree (cls);
  xmlFree (id);
  return s;
}

static gboolean
contains_any (const char *s, const char *const *words)
{
  for (guint i = 0; words[i]; i++)
    if (strstr (s, words[i]))
      return TRUE;
  return FALSE;
}

/* has_token: whether one of the words of @s (split at non-letters) is in
 * @tokens: for short names like "ad" that would match inside others. */
static gboolean
has_token (const char *s, const char *const *tokens)
{
  const char *p = s;

  while (*p)
    {
      const char *start;
      while (*p && !g_ascii_isalnum (*p))
        p++;
      start = p;
      while (g_ascii_isalnum (*p))
        p++;
      if (p > start)
        for (guint i = 0; tokens[i]; i++)
          if (strlen (tokens[i]) == (gsize) (p - start)
              && strncmp (start, tokens[i], p - start) == 0)
            return TRUE;
    }
  return FALSE;
}

/* Page furniture, named in class and id attributes. */
static const char *const unlikely_words[] = {
  "ad-break", "agegate", "banner", "breadcrumb", "byline", "combx", "comment",
  "community", "consent", "cookie", "disqus", "extra", "footer", "gdpr",
  "header", "legends", "menu", "modal", "newsletter", "pagination", "pager",
  "popup", "promo", "related", "remark", "replies", "rss", "share",
  "sharing", "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
  "subscribe", "signup", "sign-up", "supplemental", "toolbar",
  "outbrain", "taboola", "recommend", "most-read", "mostread", "popular",
  "trending", "masthead", "skip-link", "skiplink", "paywall", "login",
  "print-only", "yom-remote", NULL,
};
static const char *const unlikely_tokens[] = {
  "ad", "ads", "advert", "advertisement", "dfp", "tags", "nav", NULL,
};
/* Words that keep an element despite the above. */
static const char *const maybe_words[] = {
  "article", "body", "column", "content", "main", "story", "entry",
  "mathjax", "shadow", NULL,
};
static const char *const positive_words[] = {
  "article", "body", "content", "entry", "hentry", "h-entry", "main",
  "page", "post", "text", "blog", "story", NULL,
};
static const char *const negative_words[] = {
  "hidden", "banner", "combx", "comment", "com-", "contact", "foot",
  "footer", "footnote", "gdpr", "masthead", "media", "meta", "outbrain",
  "promo", "related", "scroll", "share", "shoutbox", "sidebar",
  "skyscraper", "sponsor", "shopping", "tags", "tool", "widget", "byline",
  "author", "dateline", "caption-credit", "social", "subscribe", NULL,
};

static int
class_weight (Extractor *ex, xmlNode *n)
{
  g_autofree char *s = NULL;
  int w = 0;

  if (!(ex->flags & PASS_WEIGHT_CLASSES))
    return 0;
  s = class_and_id (n);
  if (s == NULL)
    return 0;
  if (contains_any (s, negative_words))
    w -= 25;
  if (contains_any (s, positive_words))
    w += 25;
  return w;
}

/* Pruning ---------------------------------------------------------------- */

static gboolean
is_hidden (xmlNode *n)
{
  xmlChar *v;
  gboolean hidden = FALSE;

  if (xmlHasProp (n, (const xmlChar *) "hidden"))
    return TRUE;
  v = xmlGetProp (n, (const xmlChar *) "aria-hidden");
  if (v && xmlStrcasecmp (v, (const xmlChar *) "true") == 0)
    hidden = TRUE;
  xmlFree (v);
  if (hidden)
    return TRUE;
  v = xmlGetProp (n, (const xmlChar *) "style");
  if (v)
    {
      g_autofree char *style = g_ascii_strdown ((const char *) v, -1);
      char *w = style;
      /* drop spaces: "display : none" */
      for (char *r = style; *r; r++)
        if (!g_ascii_isspace (*r))
          *w++ = *r;
      *w = '\0';
      hidden = strstr (style, "display:none") != NULL
               || strstr (style, "visibility:hidden") != NULL;
      xmlFree (v);
    }
  return hidden;
}

static gboolean
is_furniture_role (xmlNode *n)
{
  static const char *const roles[] = {
    "navigation", "banner", "complementary", "contentinfo", "search",
    "dialog", "alertdialog", "menu", "menubar", "toolbar", NULL,
  };
  xmlChar *v = xmlGetProp (n, (const xmlChar *) "role");
  gboolean yes = v && g_strv_contains (roles, (const char *) v);

  xmlFree (v);
  return yes;
}

/* should_drop: whether element @n (inside an <article> or <main> when
 * @in_article) is never article text. */
static gboolean
should_drop (Extractor *ex, xmlNode *n, gboolean in_article)
{
  static const char *const drop_tags[] = {
    "nav", "aside", "footer", "dialog", "button", "input", "select",
    "textarea", "label", "menu", NULL,
  };
  const char *name = (const char *) n->name;

  if (g_strv_contains (drop_tags, name))
    return TRUE;
  if (!in_article && strcmp (name, "header") == 0)
    return TRUE;
  if (is_hidden (n) || is_furniture_role (n))
    return TRUE;
  if ((ex->flags & PASS_STRIP_UNLIKELY) && strcmp (name, "body") != 0
      && strcmp (name, "main") != 0 && strcmp (name, "a") != 0)
    {
      g_autofree char *s = class_and_id (n);
      if (s && (contains_any (s, unlikely_words) || has_token (s, unlikely_tokens))
          && !contains_any (s, maybe_words))
        return TRUE;
    }
  return FALSE;
}

static void
reset_flags (xmlNode *n)
{
  for (; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE)
      {
        n->_private = NULL;
        reset_flags (n->children);
      }
}

static void
prune (Extractor *ex, xmlNode *n, gboolean in_article)
{
  for (; n; n = n->next)
    {
      gboolean article;

      if (n->type != XML_ELEMENT_NODE)
        continue;
      if (html_tag_kind ((const char *) n->name) == HTML_TAG_SKIP)
        continue;
      if (should_drop (ex, n, in_article))
        {
          if (G_UNLIKELY (ex->debug))
            {
              g_autofree char *what = class_and_id (n);
              g_autofree char *text = html_node_text (n);
              g_debug ("prune: <%s %s>: %.80s", (const char *) n->name, what ? what : "", text);
            }
          html_node_set_flag (n, HTML_NODE_DROPPED);
          continue;
        }
      article = in_article || is_tag (n, "article") || is_tag (n, "main");
      prune (ex, n->children, article);
    }
}

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
  info->base = base + class_weight (ex, n);
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
      if (is_tag (a, "body"))
        break;
    }
}

static Stats
walk (Extractor *ex, xmlNode *n, gboolean in_link)
{
  Stats st = { 0 };
  HtmlTagKind kind = html_tag_kind ((const char *) n->name);
  gboolean link = in_link || is_tag (n, "a");
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

static double
link_density (const Info *info)
{
  return info->len ? (double) info->link_len / info->len : 0;
}

static double
final_score (Extractor *ex, xmlNode *n)
{
  Info *info = g_hash_table_lookup (ex->info, n);

  if (info == NULL || !info->scored)
    return 0;
  return info->score * (1 - link_density (info));
}

/* Choosing --------------------------------------------------------------- */

static xmlNode *
find_body (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root == NULL)
    return NULL;
  for (xmlNode *n = root->children; n; n = n->next)
    if (is_tag (n, "body"))
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
    if (is_tag (a, "article") || is_tag (a, "main"))
      {
        Info *ai = info_get (ex, a);
        if (ai->len <= top_info->len * 1.5 + 200 && link_density (ai) < 0.35)
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
        else if (is_tag (s, "p") || is_tag (s, "blockquote") || is_tag (s, "pre")
                 || is_tag (s, "ul") || is_tag (s, "ol") || is_tag (s, "h2")
                 || is_tag (s, "h3") || is_tag (s, "h4") || is_tag (s, "figure"))
          {
            double ld = link_density (si);
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

/* Cleaning --------------------------------------------------------------- */

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
    if (is_tag (a, name))
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
      if (is_tag (k, "ul") || is_tag (k, "ol") || is_tag (k, "dl"))
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
      if (is_tag (k, "table"))
        {
          *nested = TRUE;
          continue;
        }
      if (is_tag (k, "caption") || is_tag (k, "thead") || is_tag (k, "th")
          || is_tag (k, "colgroup") || is_tag (k, "tfoot"))
        *header = TRUE;
      if (is_tag (k, "tr"))
        {
          guint c = 0;
          (*rows)++;
          for (xmlNode *cell = k->children; cell; cell = cell->next)
            if (is_tag (cell, "td") || is_tag (cell, "th"))
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

/* looks_like_furniture: the conditional clean of step 4; @why gets the
 * rule that fired, for debugging (G_MESSAGES_DEBUG=read-html). */
static gboolean
looks_like_furniture (Extractor *ex, xmlNode *n, const char **why)
{
  const char *name = (const char *) n->name;
  Info *info = g_hash_table_lookup (ex->info, n);
  int weight = class_weight (ex, n);
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
  ld = link_density (info);
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

static void
clean (Extractor *ex, xmlNode *n)
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
              g_autofree char *what = class_and_id (k);
              g_autofree char *text = html_node_text (k);
              g_debug ("clean: <%s %s> %s: %.80s", name, what ? what : "", why, text);
            }
          html_node_set_flag (k, HTML_NODE_DROPPED);
          continue;
        }
      if ((strcmp (name, "h1") == 0 || strcmp (name, "h2") == 0))
        {
          Info *info = g_hash_table_lookup (ex->info, k);
          if (class_weight (ex, k) < 0 || (info && link_density (info) > 0.33)
              || repeats_title (ex, k))
            {
              html_node_set_flag (k, HTML_NODE_DROPPED);
              continue;
            }
        }
      clean (ex, k);
    }
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
  reset_flags (body);
  prune (&ex, body, FALSE);
  walk (&ex, body, FALSE);
  roots = choose (&ex, body);
  if (G_UNLIKELY (ex.debug))
    for (guint i = 0; i < roots->len; i++)
      {
        xmlNode *r = g_ptr_array_index (roots, i);
        g_autofree char *what = class_and_id (r);
        g_debug ("pass %u: root <%s %s> score %.1f", flags, (const char *) r->name,
                 what ? what : "", final_score (&ex, r));
      }
  for (guint i = 0; i < roots->len; i++)
    {
      xmlNode *r = g_ptr_array_index (roots, i);
      if (flags & PASS_CLEAN)
        clean (&ex, r);
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
  reset_flags (body);
  return best;
}

static void
drop_hidden (xmlNode *n)
{
  for (; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE)
      {
        if (is_hidden (n))
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
  reset_flags (body);
  drop_hidden (body);
  s = html_node_text (body);
  reset_flags (body);
  return s;
}
