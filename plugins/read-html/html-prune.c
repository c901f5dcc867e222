/* html-prune.c: page furniture, found by tag, visibility, ARIA role and
 * class or id names (step 1 of html-extract.c), and the class weights the
 * scoring uses. */
#include "config.h"

#include <string.h>

#include "html-extract-private.h"
#include "html-text.h"

gboolean
html_is_tag (const xmlNode *n, const char *name)
{
  return n->type == XML_ELEMENT_NODE && strcmp ((const char *) n->name, name) == 0;
}

/* html_class_and_id: "class id", lowercased, or NULL when neither is set. */
char *
html_class_and_id (xmlNode *n)
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

int
html_class_weight (Extractor *ex, xmlNode *n)
{
  g_autofree char *s = NULL;
  int w = 0;

  if (!(ex->flags & PASS_WEIGHT_CLASSES))
    return 0;
  s = html_class_and_id (n);
  if (s == NULL)
    return 0;
  if (contains_any (s, negative_words))
    w -= 25;
  if (contains_any (s, positive_words))
    w += 25;
  return w;
}

gboolean
html_is_hidden (xmlNode *n)
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
  /* <form> is not dropped by its tag: some sites (ASP.NET) wrap the whole
   * page in one. Its controls go here; a form inside the article is
   * cleaned in step 4 (inputs against paragraphs). */
  static const char *const drop_tags[] = {
    "nav", "aside", "footer", "dialog", "button", "input", "select",
    "textarea", "label", "menu", NULL,
  };
  const char *name = (const char *) n->name;

  if (g_strv_contains (drop_tags, name))
    return TRUE;
  if (!in_article && strcmp (name, "header") == 0)
    return TRUE;
  if (html_is_hidden (n) || is_furniture_role (n))
    return TRUE;
  if ((ex->flags & PASS_STRIP_UNLIKELY) && strcmp (name, "body") != 0
      && strcmp (name, "main") != 0 && strcmp (name, "a") != 0)
    {
      g_autofree char *s = html_class_and_id (n);
      if (s && (contains_any (s, unlikely_words) || has_token (s, unlikely_tokens))
          && !contains_any (s, maybe_words))
        return TRUE;
    }
  return FALSE;
}

void
html_reset_flags (xmlNode *n)
{
  for (; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE)
      {
        n->_private = NULL;
        html_reset_flags (n->children);
      }
}

void
html_prune (Extractor *ex, xmlNode *n, gboolean in_article)
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
              g_autofree char *what = html_class_and_id (n);
              g_autofree char *text = html_node_text (n);
              g_debug ("html_prune: <%s %s>: %.80s", (const char *) n->name, what ? what : "", text);
            }
          html_node_set_flag (n, HTML_NODE_DROPPED);
          continue;
        }
      article = in_article || html_is_tag (n, "article") || html_is_tag (n, "main");
      html_prune (ex, n->children, article);
    }
}
