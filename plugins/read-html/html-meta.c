/* html-meta.c: metadata of a saved page from meta tags and JSON-LD.
 *
 * One pass over the elements collects <meta name|property|itemprop
 * content>, <link rel=canonical>, <base href>, <title> and the JSON-LD
 * scripts (parsed with json-glib; a script that does not parse is ignored,
 * pages carry plenty of broken ones). Then each field takes the first
 * source that has it, in the order the header file gives.
 *
 * Depth: json-glib 1.6 parses (and frees) arrays and objects by recursion
 * with no limit of its own, so a script of 80,000 '[' overflows the stack
 * of the whole process. Each script is measured first (json_depth_exceeds)
 * and one nested deeper than JSON_LD_DEPTH_LIMIT rejects the page: unlike
 * a broken script, it can only be hostile or garbage, and the reason
 * belongs in the rejects file. The element walk below recurses too; the
 * tree it walks was checked against XML_DEPTH_LIMIT (xml-limits.h). */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libxml/uri.h>

#include <galley/galley.h>

#include "../read-feed/feed-date.h"
#include "html-meta.h"
#include "xml-limits.h"

/* JSON_LD_DEPTH_LIMIT: the deepest JSON-LD script read, in levels of
 * arrays and objects. Real ones nest fewer than ten. */
#define JSON_LD_DEPTH_LIMIT 256

typedef struct {
  GHashTable *meta;      /* lowercased name -> first content */
  char *canonical;
  char *base;
  char *title;           /* <title> */
  char *h1;              /* the first <h1>'s text */
  char *lang;
  /* from the first Article-type JSON-LD object */
  char *ld_headline, *ld_author, *ld_date, *ld_url, *ld_description, *ld_publisher;
  long too_deep_line;    /* line of a JSON-LD script past the limit, or 0 */
} Collected;

static char *
one_line (const char *s)
{
  GString *out;
  gboolean space = FALSE;

  if (s == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar u = g_utf8_get_char (p);
      if (g_unichar_isspace (u) || u == 0x00A0)
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, u);
        }
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static char *
prop (xmlNode *n, const char *name)
{
  xmlChar *v = xmlGetProp (n, (const xmlChar *) name);
  char *s = v ? g_strdup ((const char *) v) : NULL;

  xmlFree (v);
  return s;
}

/* JSON-LD ------------------------------------------------------------- */

static gboolean
is_article_type (JsonObject *o)
{
  static const char *const types[] = {
    "Article", "NewsArticle", "BlogPosting", "ReportageNews",
    "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
    "ReviewNewsArticle", "TechArticle", "ScholarlyArticle", "Report",
    "SocialMediaPosting", "LiveBlogPosting", "DiscussionForumPosting",
    "SatiricalArticle", "AdvertiserContentArticle", "MedicalScholarlyArticle",
    NULL,
  };
  JsonNode *t = json_object_get_member (o, "@type");

  if (t == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (t) && json_node_get_value_type (t) == G_TYPE_STRING)
    return g_strv_contains (types, json_node_get_string (t));
  if (JSON_NODE_HOLDS_ARRAY (t))
    {
      JsonArray *a = json_node_get_array (t);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING
              && g_strv_contains (types, json_node_get_string (e)))
            return TRUE;
        }
    }
  return FALSE;
}

/* ld_string: member @name as a string: a string, or an object's "name"
 * (or "@id" for url-like members), or an array of those joined. */
static char *
ld_string (JsonNode *node, const char *key_in_object)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    return json_node_get_value_type (node) == G_TYPE_STRING
      ? one_line (json_node_get_string (node)) : NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      char *s = ld_string (json_object_get_member (o, key_in_object), key_in_object);
      if (s == NULL && strcmp (key_in_object, "name") != 0)
        s = ld_string (json_object_get_member (o, "@id"), key_in_object);
      return s;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          char *s = ld_string (json_array_get_element (a, i), key_in_object);
          if (s && !g_ptr_array_find_with_equal_func (parts, s, g_str_equal, NULL))
            g_ptr_array_add (parts, s);
          else
            g_free (s);
        }
      if (parts->len == 0)
        return NULL;
      g_ptr_array_add (parts, NULL);
      return g_strjoinv (", ", (char **) parts->pdata);
    }
  return NULL;
}

static void
take_article (Collected *c, JsonObject *o)
{
  if (c->ld_headline || c->ld_date || c->ld_author)
    return;  /* the first article object wins */
  c->ld_headline = ld_string (json_object_get_member (o, "headline"), "name");
  if (c->ld_headline == NULL)
    c->ld_headline = ld_string (json_object_get_member (o, "name"), "name");
  c->ld_author = ld_string (json_object_get_member (o, "author"), "name");
  if (c->ld_author == NULL)
    c->ld_author = ld_string (json_object_get_member (o, "creator"), "name");
  c->ld_date = ld_string (json_object_get_member (o, "datePublished"), "name");
  if (c->ld_date == NULL)
    c->ld_date = ld_string (json_object_get_member (o, "dateCreated"), "name");
  c->ld_url = ld_string (json_object_get_member (o, "url"), "url");
  if (c->ld_url == NULL)
    c->ld_url = ld_string (json_object_get_member (o, "mainEntityOfPage"), "url");
  c->ld_description = ld_string (json_object_get_member (o, "description"), "name");
  c->ld_publisher = ld_string (json_object_get_member (o, "publisher"), "name");
}

static void
scan_ld (Collected *c, JsonNode *node, int depth)
{
  if (node == NULL || depth > 4)
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (a); i++)
        scan_ld (c, json_array_get_element (a, i), depth + 1);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      if (is_article_type (o))
        take_article (c, o);
      if (json_object_has_member (o, "@graph"))
        scan_ld (c, json_object_get_member (o, "@graph"), depth + 1);
    }
}

/* skip_comment: past the comment starting at @p, or @p itself. */
static const char *
skip_comment (const char *p)
{
  const char *end;

  if (*p == '#' || (p[0] == '/' && p[1] == '/'))
    end = strchr (p, '\n');
  else if (p[0] == '/' && p[1] == '*')
    {
      end = strstr (p + 2, "*/");
      if (end)
        end++;
    }
  else
    return p;
  return end ? end : p + strlen (p) - 1;
}

/* json_depth_exceeds: whether @json nests arrays and objects more than
 * @limit levels deep. Brackets inside strings and comments do not count.
 * The scan knows every lexical form json-glib's scanner might accept
 * (double- and single-quoted strings, #, // and slash-star comments): where
 * it reads a string or a comment that json-glib does not, json-glib stops
 * at that token with a syntax error, before any bracket after it, so the
 * scan never counts fewer levels than json-glib would enter. */
static gboolean
json_depth_exceeds (const char *json, guint limit)
{
  guint depth = 0;
  char quote = 0;

  for (const char *p = json; *p; p++)
    {
      if (quote)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == quote)
            quote = 0;
          continue;
        }
      switch (*p)
        {
        case '"':
        case '\'':
          quote = *p;
          break;
        case '[':
        case '{':
          if (++depth > limit)
            return TRUE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          p = skip_comment (p);
          break;
        }
    }
  return FALSE;
}

static void
parse_ld (Collected *c, xmlNode *script, const char *json)
{
  g_autoptr (JsonParser) parser = NULL;

  if (json == NULL)
    return;
  if (json_depth_exceeds (json, JSON_LD_DEPTH_LIMIT))
    {
      if (c->too_deep_line == 0)
        c->too_deep_line = MAX (xmlGetLineNo (script), 1);
      return;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return;
  scan_ld (c, json_parser_get_root (parser), 0);
}

/* Collecting ---------------------------------------------------------- */

static void
collect (Collected *c, xmlNode *n)
{
  for (; n; n = n->next)
    {
      const char *name;

      if (n->type != XML_ELEMENT_NODE)
        continue;
      name = (const char *) n->name;
      if (strcmp (name, "meta") == 0)
        {
          g_autofree char *key = prop (n, "property");
          g_autofree char *content = prop (n, "content");

          if (key == NULL)
            key = prop (n, "name");
          if (key == NULL)
            key = prop (n, "itemprop");
          if (key && content)
            {
              char *k = g_ascii_strdown (g_strstrip (key), -1);
              char *v = one_line (content);
              if (v && !g_hash_table_contains (c->meta, k))
                g_hash_table_insert (c->meta, k, v);
              else
                {
                  g_free (k);
                  g_free (v);
                }
            }
          continue;
        }
      if (strcmp (name, "link") == 0 && c->canonical == NULL)
        {
          g_autofree char *rel = prop (n, "rel");
          g_autofree char *href = prop (n, "href");
          if (rel && g_ascii_strcasecmp (g_strstrip (rel), "canonical") == 0)
            c->canonical = one_line (href);
          continue;
        }
      if (strcmp (name, "base") == 0 && c->base == NULL)
        {
          g_autofree char *href = prop (n, "href");
          c->base = one_line (href);
          continue;
        }
      if (strcmp (name, "title") == 0 && c->title == NULL
          && (n->parent == NULL || strcmp ((const char *) n->parent->name, "svg") != 0))
        {
          xmlChar *t = xmlNodeGetContent (n);
          c->title = one_line ((const char *) t);
          xmlFree (t);
          continue;
        }
      if (strcmp (name, "h1") == 0 && c->h1 == NULL)
        {
          xmlChar *t = xmlNodeGetContent (n);
          c->h1 = one_line ((const char *) t);
          xmlFree (t);
        }
      if (strcmp (name, "html") == 0 && c->lang == NULL)
        {
          g_autofree char *lang = prop (n, "lang");
          c->lang = one_line (lang);
        }
      if (strcmp (name, "script") == 0)
        {
          g_autofree char *type = prop (n, "type");
          if (type && g_ascii_strcasecmp (g_strstrip (type), "application/ld+json") == 0)
            {
              xmlChar *t = xmlNodeGetContent (n);
              parse_ld (c, n, (const char *) t);
              xmlFree (t);
            }
          continue;
        }
      collect (c, n->children);
    }
}

/* Titles --------------------------------------------------------------- */

/* compact: @s folded to lowercase ASCII letters and digits only. */
static char *
compact (const char *s)
{
  g_autofree char *ascii = g_str_to_ascii (s, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static const char *const separators[] = {
  " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xB7 ", " :: ",
  " \xC2\xBB ", " // ", NULL,
};

/* find_separator: the first (or last) separator in @s; its length to @len. */
static const char *
find_separator (const char *s, gboolean last, gsize *len)
{
  const char *best = NULL;

  for (guint i = 0; separators[i]; i++)
    {
      const char *p = strstr (s, separators[i]), *q;
      if (p == NULL)
        continue;
      if (last)
        while ((q = strstr (p + 1, separators[i])) != NULL)
          p = q;
      if (best == NULL || (last ? p > best : p < best))
        {
          best = p;
          *len = strlen (separators[i]);
        }
    }
  return best;
}

/* names_site: whether @part is the site's name: the declared name (or its
 * first part, "Aktuálně.cz - Víte, co se právě děje"), or the name label
 * of the host, alone or with its top-level domain or a generic word. */
static gboolean
names_site (const char *part, const char *site_name, const char *host)
{
  static const char *const generic[] = { "", "news", "online", "blog", "magazine", NULL };
  g_autofree char *p = compact (part);

  if (*p == '\0')
    return FALSE;
  if (site_name)
    {
      g_autofree char *s = compact (site_name);
      gsize sep_len = 0;
      const char *sep = find_separator (site_name, FALSE, &sep_len);
      if (strcmp (p, s) == 0)
        return TRUE;
      if (sep)
        {
          g_autofree char *first = g_strndup (site_name, sep - site_name);
          g_autofree char *f = compact (first);
          if (strcmp (p, f) == 0)
            return TRUE;
        }
    }
  if (host)
    {
      g_auto (GStrv) labels = g_strsplit (host, ".", -1);
      guint n = g_strv_length (labels);

      for (guint i = 0; i + 1 < n; i++)
        {
          g_autofree char *label = compact (labels[i]);
          if (strlen (label) < 3 || strcmp (label, "www") == 0)
            continue;
          for (guint g = 0; generic[g]; g++)
            {
              g_autofree char *with = g_strconcat (label, generic[g], NULL);
              g_autofree char *with_tld = g_strconcat (label, labels[n - 1], NULL);
              if (strcmp (p, with) == 0 || strcmp (p, with_tld) == 0)
                return TRUE;
            }
        }
    }
  return FALSE;
}

static char *
url_host (const char *url)
{
  xmlURIPtr uri;
  char *host = NULL;

  if (url == NULL)
    return NULL;
  uri = xmlParseURI (url);
  if (uri && uri->server)
    host = g_ascii_strdown (uri->server, -1);
  xmlFreeURI (uri);
  return host;
}

static guint
count_words (const char *s, gsize len)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      gboolean space = g_ascii_isspace (s[i]);
      if (!space && !in_word)
        n++;
      in_word = !space;
    }
  return n;
}

char *
html_title_strip_site (const char *title, const char *site_name, const char *url,
                       gboolean title_element)
{
  g_autofree char *host = url_host (url);
  const char *sep;
  gsize sep_len = 0;

  sep = find_separator (title, TRUE, &sep_len);
  if (sep && sep > title && names_site (sep + sep_len, site_name, host))
    return g_strndup (title, sep - title);
  /* <title> nearly always ends with the site's name, whatever it is:
   * a last part of at most three words after at least four is cut. */
  if (title_element && sep && count_words (sep + sep_len, strlen (sep + sep_len)) <= 3
      && count_words (title, sep - title) >= 4)
    return g_strndup (title, sep - title);
  sep = find_separator (title, FALSE, &sep_len);
  if (sep && sep[sep_len] != '\0')
    {
      g_autofree char *head = g_strndup (title, sep - title);
      if (names_site (head, site_name, host))
        return g_strdup (sep + sep_len);
    }
  return NULL;
}

/* Result --------------------------------------------------------------- */

static const char *
meta (Collected *c, const char *key)
{
  return g_hash_table_lookup (c->meta, key);
}

/* first_meta: the first of @keys with a value. */
static const char *
first_meta (Collected *c, const char *const *keys)
{
  for (guint i = 0; keys[i]; i++)
    {
      const char *v = meta (c, keys[i]);
      if (v)
        return v;
    }
  return NULL;
}

static gboolean
is_absolute (const char *uri)
{
  return uri && (g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://"));
}

static char *
resolve (const char *ref, const char *base)
{
  xmlChar *r;
  char *s;

  if (ref == NULL)
    return NULL;
  if (is_absolute (ref) || !is_absolute (base))
    return g_strdup (ref);
  r = xmlBuildURI ((const xmlChar *) ref, (const xmlChar *) base);
  s = g_strdup (r ? (const char *) r : ref);
  xmlFree (r);
  return s;
}

void
html_meta_free (HtmlMeta *m)
{
  if (m == NULL)
    return;
  g_free (m->title);
  g_free (m->url);
  g_free (m->author);
  g_free (m->published);
  g_free (m->description);
  g_free (m->site_name);
  g_free (m->language);
  g_free (m);
}

gsize
html_meta_size (const HtmlMeta *m)
{
  const char *const fields[] = { m->title, m->url, m->author, m->published,
                                 m->description, m->site_name, m->language };
  gsize size = 0;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    size += fields[i] ? strlen (fields[i]) : 0;
  return size;
}

static void
collected_clear (Collected *c)
{
  g_hash_table_unref (c->meta);
  g_free (c->canonical);
  g_free (c->base);
  g_free (c->title);
  g_free (c->h1);
  g_free (c->lang);
  g_free (c->ld_headline);
  g_free (c->ld_author);
  g_free (c->ld_date);
  g_free (c->ld_url);
  g_free (c->ld_description);
  g_free (c->ld_publisher);
}

HtmlMeta *
html_meta_extract (xmlDoc *doc, const char *path, GError **error)
{
  static const char *const date_keys[] = {
    "article:published_time", "og:published_time", "datepublished",
    "article.published", "published_time", "publish-date", "publishdate",
    "pubdate", "date", "dc.date", "dc.date.issued", "dcterms.created",
    "dcterms.issued", "parsely-pub-date", "sailthru.date", NULL,
  };
  static const char *const author_keys[] = {
    "author", "article:author", "dc.creator", "dcterms.creator",
    "parsely-author", "sailthru.author", "byl", NULL,
  };
  static const char *const title_keys[] = {
    "twitter:title", "dc.title", "dcterms.title", "parsely-title",
    "sailthru.title", NULL,
  };
  static const char *const description_keys[] = {
    "description", "og:description", "twitter:description",
    "dc.description", "dcterms.description", NULL,
  };
  Collected c = { 0 };
  HtmlMeta *m = g_new0 (HtmlMeta, 1);
  const char *title, *base, *author;
  gboolean from_title_element = FALSE;
  char *stripped;

  c.meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  collect (&c, xmlDocGetRootElement (doc));
  if (c.too_deep_line > 0)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: line %ld: JSON-LD script nested deeper than %d levels",
                   path, c.too_deep_line, JSON_LD_DEPTH_LIMIT);
      collected_clear (&c);
      html_meta_free (m);
      return NULL;
    }

  /* Where relative URLs point: <base href>, else og:url. */
  base = is_absolute (c.base) ? c.base : meta (&c, "og:url");
  if (c.canonical)
    m->url = resolve (c.canonical, base);
  else if (meta (&c, "og:url"))
    m->url = resolve (meta (&c, "og:url"), base);
  else if (c.ld_url)
    m->url = resolve (c.ld_url, base);

  m->site_name = g_strdup (meta (&c, "og:site_name"));
  if (m->site_name == NULL)
    m->site_name = g_strdup (c.ld_publisher);
  if (m->site_name == NULL)
    m->site_name = g_strdup (meta (&c, "application-name"));

  title = meta (&c, "og:title");
  if (title == NULL)
    title = c.ld_headline;
  if (title == NULL)
    title = first_meta (&c, title_keys);
  if (title == NULL && c.title)
    {
      title = c.title;
      from_title_element = TRUE;
    }
  if (title == NULL)
    title = c.h1;
  if (title)
    {
      stripped = html_title_strip_site (title, m->site_name, m->url, from_title_element);
      m->title = stripped ? stripped : g_strdup (title);
    }

  author = c.ld_author;
  if (author == NULL)
    for (guint i = 0; author_keys[i] && author == NULL; i++)
      {
        const char *v = meta (&c, author_keys[i]);
        if (v && !is_absolute (v))
          author = v;
      }
  if (author && g_ascii_strncasecmp (author, "by ", 3) == 0)
    author += 3;
  m->author = one_line (author);

  m->published = feed_date_to_iso8601 (c.ld_date);
  for (guint i = 0; date_keys[i] && m->published == NULL; i++)
    m->published = feed_date_to_iso8601 (meta (&c, date_keys[i]));

  m->description = g_strdup (first_meta (&c, description_keys));
  if (m->description == NULL)
    m->description = g_strdup (c.ld_description);
  m->language = g_strdup (c.lang);

  collected_clear (&c);
  return m;
}
