/* feed-parse.c: a feed file to a list of item nodes, and items to fields.
 *
 * libxml2 does the parsing, with XML_PARSE_RECOVER so that the usual
 * breakage of feeds in the wild still gives a tree: unclosed tags and
 * truncated files lose only what is broken. The bytes are decoded to
 * UTF-8 first (feed-charset.c); what recovery cannot save (HTML entities)
 * is repaired before parsing, in feed-repair.c.
 *
 * Elements are matched by namespace URI and local name, never by prefix,
 * so a feed that binds Dublin Core to "dcterms:" or Atom to "a:" works. */
#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/uri.h>

#include <galley/galley.h>

#include "feed-charset.h"
#include "feed-date.h"
#include "feed-parse.h"
#include "feed-repair.h"
#include "feed-text.h"
#include "../read-html/xml-limits.h"
#include "../read-html/xml-log.h"

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_RSS1 "http://purl.org/rss/1.0/"
#define NS_RSS09 "http://my.netscape.com/rdf/simple/0.9/"
#define NS_RSS2_USERLAND "http://backend.userland.com/rss2"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS "http://purl.org/dc/terms/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"

typedef enum {
  NS_KIND_RSS,      /* no namespace, or one of the RSS namespaces */
  NS_KIND_ATOM,
  NS_KIND_RDF,
  NS_KIND_DC,       /* Dublin Core elements or terms */
  NS_KIND_CONTENT,
} NsKind;

static gboolean
ns_is (const xmlNode *n, NsKind kind)
{
  const char *href = n->ns ? (const char *) n->ns->href : NULL;

  switch (kind)
    {
    case NS_KIND_RSS:
      return href == NULL || strcmp (href, NS_RSS1) == 0
             || strcmp (href, NS_RSS09) == 0
             || strcmp (href, NS_RSS2_USERLAND) == 0;
    case NS_KIND_ATOM:
      return href && (strcmp (href, NS_ATOM) == 0 || strcmp (href, NS_ATOM03) == 0);
    case NS_KIND_RDF:
      return href && strcmp (href, NS_RDF) == 0;
    case NS_KIND_DC:
      return href && (strcmp (href, NS_DC) == 0 || strcmp (href, NS_DCTERMS) == 0);
    case NS_KIND_CONTENT:
      return href && strcmp (href, NS_CONTENT) == 0;
    }
  return FALSE;
}

static gboolean
is_el (const xmlNode *n, NsKind kind, const char *name)
{
  return n->type == XML_ELEMENT_NODE && strcmp ((const char *) n->name, name) == 0
         && ns_is (n, kind);
}

/* child: the first child element of @parent matching @kind and @name. */
static xmlNode *
child (xmlNode *parent, NsKind kind, const char *name)
{
  for (xmlNode *n = parent ? parent->children : NULL; n; n = n->next)
    if (is_el (n, kind, name))
      return n;
  return NULL;
}

/* attr: an attribute without namespace, or NULL. (transfer full) */
static char *
attr (xmlNode *n, const char *name)
{
  xmlChar *v = xmlGetNoNsProp (n, (const xmlChar *) name);
  char *s = v ? g_strstrip (g_strdup ((const char *) v)) : NULL;

  xmlFree (v);
  return s;
}

/* content: the trimmed text content of @n, NULL when empty. */
static char *
content (xmlNode *n)
{
  xmlChar *v;
  char *s;

  if (n == NULL)
    return NULL;
  v = xmlNodeGetContent (n);
  s = v ? g_strstrip (g_strdup ((const char *) v)) : NULL;
  xmlFree (v);
  if (s && *s == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}

/* one_line: collapses every run of white space to one space. */
static char *
one_line (char *s)
{
  char *w = s;
  gboolean space = FALSE;

  if (s == NULL)
    return NULL;
  for (char *r = s; *r; r++)
    {
      if (g_ascii_isspace (*r))
        space = w > s;
      else
        {
          if (space)
            *w++ = ' ';
          space = FALSE;
          *w++ = *r;
        }
    }
  *w = '\0';
  if (*s == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}

static char *
empty_to_null (char *s)
{
  if (s && *s == '\0')
    g_clear_pointer (&s, g_free);
  return s;
}

/* html_text: the text of the HTML fragment @html held by @n; when it
 * nests too deep, *@deep_line (unless set already) is @n's line. */
static char *
html_text (xmlNode *n, const char *html, long *deep_line)
{
  gboolean too_deep = FALSE;
  char *text = feed_text_from_html (html, &too_deep);

  if (too_deep && *deep_line == 0)
    *deep_line = MAX (xmlGetLineNo (n), 1);
  return empty_to_null (text);
}

/* rss_text: RSS elements hold HTML or plain text with no way to tell;
 * markup is taken as HTML (see html_text for @deep_line). */
static char *
rss_text (xmlNode *n, long *deep_line)
{
  g_autofree char *raw = content (n);

  if (raw == NULL)
    return NULL;
  if (feed_text_is_markup (raw))
    return html_text (n, raw, deep_line);
  return empty_to_null (feed_text_from_plain (raw));
}

/* atom_text: an Atom text construct or content element, by its type
 * (see html_text for @deep_line). */
static char *
atom_text (xmlNode *n, long *deep_line)
{
  g_autofree char *type = NULL;
  g_autofree char *raw = NULL;

  if (n == NULL)
    return NULL;
  type = attr (n, "type");
  if (type && (strcmp (type, "xhtml") == 0 || strcmp (type, "application/xhtml+xml") == 0))
    return empty_to_null (feed_text_from_xhtml (n));
  raw = content (n);
  if (raw == NULL)
    return NULL;
  if (type && (strcmp (type, "html") == 0 || strcmp (type, "text/html") == 0))
    return html_text (n, raw, deep_line);
  if (type == NULL || strcmp (type, "text") == 0 || g_str_has_prefix (type, "text/"))
    return empty_to_null (feed_text_from_plain (raw));
  return NULL;  /* other media types: base64 data, not text */
}

/* has_scheme: whether @uri is absolute ("https:", "urn:"). */
static gboolean
has_scheme (const char *uri)
{
  const char *p = uri;

  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  return *p == ':';
}

/* resolve: @ref made absolute against the xml:base in scope at @at, then
 * against @fallback (the feed's link). Stays relative when neither is
 * known. Returns: (transfer full). */
static char *
resolve (xmlDoc *doc, xmlNode *at, const char *ref, const char *fallback)
{
  char *result = g_strdup (ref);
  xmlChar *base;

  if (has_scheme (result))
    return result;
  base = xmlNodeGetBase (doc, at);
  if (base)
    {
      xmlChar *r = xmlBuildURI ((const xmlChar *) result, base);
      if (r)
        {
          g_free (result);
          result = g_strdup ((const char *) r);
          xmlFree (r);
        }
      xmlFree (base);
    }
  if (!has_scheme (result) && fallback && has_scheme (fallback))
    {
      xmlChar *r = xmlBuildURI ((const xmlChar *) result, (const xmlChar *) fallback);
      if (r)
        {
          g_free (result);
          result = g_strdup ((const char *) r);
          xmlFree (r);
        }
    }
  return result;
}

/* atom_link: the href of the first alternate link of @parent (HTML
 * preferred), resolved; NULL when there is none. */
static char *
atom_link (xmlDoc *doc, xmlNode *parent, const char *fallback)
{
  xmlNode *best = NULL;

  for (xmlNode *n = parent->children; n; n = n->next)
    {
      g_autofree char *rel = NULL;
      g_autofree char *type = NULL;
      g_autofree char *href = NULL;

      if (!is_el (n, NS_KIND_ATOM, "link"))
        continue;
      rel = attr (n, "rel");
      type = attr (n, "type");
      href = attr (n, "href");
      if (href == NULL || *href == '\0' || (rel && strcmp (rel, "alternate") != 0))
        continue;
      if (best == NULL)
        best = n;
      if (type && (strcmp (type, "text/html") == 0 || strcmp (type, "application/xhtml+xml") == 0))
        {
          best = n;
          break;
        }
    }
  if (best)
    {
      g_autofree char *href = attr (best, "href");
      return resolve (doc, best, href, fallback);
    }
  return NULL;
}

/* atom_authors: the names of the author elements of @parent, joined. */
static char *
atom_authors (xmlNode *parent)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (xmlNode *n = parent->children; n; n = n->next)
    if (is_el (n, NS_KIND_ATOM, "author"))
      {
        char *name = one_line (content (child (n, NS_KIND_ATOM, "name")));
        if (name == NULL)
          name = one_line (content (child (n, NS_KIND_ATOM, "email")));
        if (name)
          g_ptr_array_add (names, name);
      }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

/* rss_author: "jane@example.com (Jane Doe)", as RSS 2.0 asks, gives
 * "Jane Doe"; anything else is kept as it is. */
static char *
rss_author (const char *raw)
{
  const char *open = strchr (raw, '(');
  const char *at = strchr (raw, '@');

  if (open && at && at < open && g_str_has_suffix (raw, ")"))
    {
      g_autofree char *name = g_strndup (open + 1, strlen (open + 1) - 1);
      g_strstrip (name);
      if (*name)
        return g_steal_pointer (&name);
    }
  return g_strdup (raw);
}

/* Parsing -------------------------------------------------------------- */

typedef struct {
  const char *path;
  int n_errors;
  int line;
  char *message;  /* the first error */
  gboolean entity_refused;  /* libxml2 refused an entity: a loop or a blow-up */
} Errors;

static void
on_error (void *data, xmlError *err)
{
  xmlParserCtxt *ctxt = data;
  Errors *errors = ctxt->_private;

  /* this handler replaces the thread's (xml-log.c) for the parser's own
   * messages: log them the same way */
  xml_log_error (errors->path, err);
  if (err->level < XML_ERR_ERROR)
    return;
  /* libxml2 2.9 reports a loop and an expansion out of proportion to the
   * input ("billion laughs") alike, as an entity reference loop */
  if (err->code == XML_ERR_ENTITY_LOOP)
    errors->entity_refused = TRUE;
  if (errors->n_errors++ == 0)
    {
      errors->line = err->line;
      /* libxml2 quotes the input around the fault, cut at a byte count
       * that may split a character: the message must stay UTF-8 */
      errors->message = g_strstrip (g_utf8_make_valid (err->message ? err->message : "error", -1));
    }
}

void
feed_file_free (FeedFile *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->path);
  g_free (feed->title);
  g_free (feed->link);
  g_free (feed->author);
  g_free (feed->recovered);
  if (feed->items)
    g_ptr_array_unref (feed->items);
  if (feed->doc)
    xmlFreeDoc (feed->doc);
  g_free (feed);
}

static void
collect_items (FeedFile *feed, xmlNode *parent, NsKind kind, const char *name)
{
  for (xmlNode *n = parent ? parent->children : NULL; n; n = n->next)
    if (is_el (n, kind, name))
      g_ptr_array_add (feed->items, n);
}

/* FeedInput: the file's bytes as the parser takes them, and what was
 * done to them on the way. */
typedef struct {
  char *utf8;         /* the file decoded to UTF-8 */
  GString *repaired;  /* utf8 with its HTML entities repaired, or NULL */
  const char *data;   /* the bytes to parse: one of the two above */
  gsize len;
  char *enc_note;     /* how the encoding was corrected, or NULL */
  guint n_repaired;   /* entities or bare '&' repaired */
} FeedInput;

static void
feed_input_clear (FeedInput *in)
{
  g_free (in->utf8);
  if (in->repaired)
    g_string_free (in->repaired, TRUE);
  g_free (in->enc_note);
}

/* prepare_input: @data (@len bytes, @feed's file) decoded to UTF-8, with
 * the HTML entities XML does not know repaired, into @in; the bytes that
 * were invalid in the file's encoding are counted in @feed. Fails when the
 * bytes cannot be decoded or are more than libxml2 takes (an int). */
static gboolean
prepare_input (FeedFile *feed, FeedInput *in, const char *data, gsize len,
               GError **error)
{
  in->utf8 = feed_charset_decode (feed->path, data, len, &in->len, &feed->n_replaced,
                                  &in->enc_note, error);
  if (in->utf8 == NULL)
    return FALSE;
  in->data = in->utf8;
  /* bytes that start as UTF-16 does (0xFF or 0xFE, never UTF-8) are
   * not repaired */
  if (!(in->len >= 2 && ((guchar) in->data[0] == 0xFF || (guchar) in->data[0] == 0xFE)))
    in->repaired = feed_repair_entities (in->data, in->len, &in->n_repaired);
  if (in->repaired)
    {
      in->data = in->repaired->str;
      in->len = in->repaired->len;
    }
  if (in->len > G_MAXINT)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_TOO_LARGE,
                   "%s: too large for the XML parser", feed->path);
      return FALSE;
    }
  return TRUE;
}

/* parse_tree: @in parsed into @feed's tree, the parser's errors counted
 * in @errors. A tree that libxml2 could not make at all is no failure
 * here (check_tree says why); only running out of memory is. */
static gboolean
parse_tree (FeedFile *feed, const FeedInput *in, Errors *errors, GError **error)
{
  xmlParserCtxt *ctxt = xmlNewParserCtxt ();

  if (ctxt == NULL)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_FAILED,
                   "%s: out of memory", feed->path);
      return FALSE;
    }
  ctxt->_private = errors;
  ctxt->sax->serror = on_error;
  /* No XML_PARSE_NOENT: references to entities stay reference nodes in
   * the tree (libxml2 parses each entity once), and no external DTD or
   * entity is loaded (no DTDLOAD, NONET). No XML_PARSE_HUGE either, so
   * libxml2's own limits hold: 256 levels of elements, 40 of entities,
   * entity loops and amplification refused. What they still allow (1,000
   * references to a 100 KB entity are 100 MB of text) is measured by
   * check_tree against max-bytes, before any text is taken out of the tree.
   * (xmlCtxtSetMaxAmplification, which would tighten libxml2's own guard,
   * arrived in libxml2 2.11; Debian 12 has 2.9.14.) The bytes are UTF-8
   * already (feed-charset.c): IGNORE_ENC keeps the declaration from
   * converting them again. */
  feed->doc = xmlCtxtReadMemory (ctxt, in->data, (int) in->len, NULL, "UTF-8",
                                 XML_PARSE_RECOVER | XML_PARSE_NONET
                                 | XML_PARSE_NOERROR | XML_PARSE_NOWARNING
                                 | XML_PARSE_NOCDATA | XML_PARSE_COMPACT
                                 | XML_PARSE_IGNORE_ENC);
  xmlFreeParserCtxt (ctxt);
  return TRUE;
}

/* check_tree: whether @feed's tree is safe to take text from: it exists,
 * no entity was refused, it nests no deeper than XML_DEPTH_LIMIT, and its
 * text, entities expanded, is within @max_bytes. */
static gboolean
check_tree (FeedFile *feed, const Errors *errors, gsize max_bytes, GError **error)
{
  xmlNode *root = feed->doc ? xmlDocGetRootElement (feed->doc) : NULL;
  long deep_line = 0;
  gboolean had_entities = FALSE;

  if (errors->entity_refused)
    {
      /* recovery would give the items without the refused text: a hostile
       * file, better rejected whole than read in part. (libxml2 gives the
       * line inside the entity's text, no help to find it in the file.) */
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: entity expansion refused (a loop, or text out of "
                   "proportion to the file)", feed->path);
      return FALSE;
    }
  if (root == NULL)
    {
      if (errors->message)
        g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                     "%s: cannot parse as XML: line %d: %s", feed->path, errors->line,
                     errors->message);
      else
        g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                     "%s: cannot parse as XML: no root element", feed->path);
      return FALSE;
    }
  if (xml_depth_exceeds (root, XML_DEPTH_LIMIT, &deep_line))
    {
      /* libxml2 stopped reading there, so the items after it are lost; and
       * the walks of item content (feed-text.c) recurse. */
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: line %ld: elements nested deeper than %d levels",
                   feed->path, deep_line, XML_DEPTH_LIMIT);
      return FALSE;
    }
  if (xml_text_exceeds (root, max_bytes, &had_entities))
    {
      /* Measured before any text is taken out of the tree: the fields and
       * documents below are parts of this text, so none can pass it. */
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_TOO_LARGE,
                   "%s: text larger than max-bytes=%" G_GSIZE_FORMAT " once %s",
                   feed->path, max_bytes, had_entities ? "its entities are expanded"
                                                       : "decoded to UTF-8");
      return FALSE;
    }
  return TRUE;
}

/* find_items: @feed's format by its root element, and its items; the
 * element that holds the feed's own title and link goes to @channel (NULL
 * when an RSS feed has none). A root of another kind fails. */
static gboolean
find_items (FeedFile *feed, const Errors *errors, xmlNode **channel, GError **error)
{
  xmlNode *root = xmlDocGetRootElement (feed->doc);

  if (strcmp ((const char *) root->name, "rss") == 0 && ns_is (root, NS_KIND_RSS))
    {
      feed->format = FEED_FORMAT_RSS;
      *channel = child (root, NS_KIND_RSS, "channel");
      collect_items (feed, *channel, NS_KIND_RSS, "item");
      collect_items (feed, root, NS_KIND_RSS, "item");  /* misplaced items */
    }
  else if (is_el (root, NS_KIND_RDF, "RDF"))
    {
      feed->format = FEED_FORMAT_RDF;
      *channel = child (root, NS_KIND_RSS, "channel");
      collect_items (feed, root, NS_KIND_RSS, "item");
    }
  else if (is_el (root, NS_KIND_ATOM, "feed"))
    {
      feed->format = FEED_FORMAT_ATOM;
      *channel = root;
      collect_items (feed, root, NS_KIND_ATOM, "entry");
    }
  else
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: not an RSS or Atom feed (root element <%s>%s%s)", feed->path,
                   (const char *) root->name, errors->message ? ", " : "",
                   errors->message ? "after XML errors" : "");
      return FALSE;
    }
  return TRUE;
}

/* read_channel: the feed's own title, link and author from @channel. A
 * title whose HTML nests deeper than XML_DEPTH_LIMIT fails. */
static gboolean
read_channel (FeedFile *feed, xmlNode *channel, GError **error)
{
  long title_deep = 0;

  if (feed->format == FEED_FORMAT_ATOM)
    {
      feed->title = one_line (atom_text (child (channel, NS_KIND_ATOM, "title"), &title_deep));
      feed->link = atom_link (feed->doc, channel, NULL);
      feed->author = atom_authors (channel);
    }
  else if (channel)
    {
      xmlNode *link = child (channel, NS_KIND_RSS, "link");
      g_autofree char *href = content (link);

      feed->title = one_line (rss_text (child (channel, NS_KIND_RSS, "title"), &title_deep));
      if (href)
        feed->link = resolve (feed->doc, link, href, NULL);
    }
  if (title_deep > 0)
    {
      /* the title of every item's document: rejected like a deep feed */
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: line %ld: HTML elements nested deeper than %d levels",
                   feed->path, title_deep, XML_DEPTH_LIMIT);
      return FALSE;
    }
  return TRUE;
}

/* note_recovery: FeedFile.recovered, from what was corrected on the way:
 * the encoding, then the XML errors libxml2 recovered from, then the
 * entities repaired; NULL when nothing was. */
static void
note_recovery (FeedFile *feed, const Errors *errors, const FeedInput *in)
{
  if (errors->message)
    feed->recovered = g_strdup_printf ("recovered from %d XML error%s, the first at line %d: %s",
                                       errors->n_errors, errors->n_errors == 1 ? "" : "s",
                                       errors->line, errors->message);
  if (in->enc_note)
    {
      char *s = feed->recovered
        ? g_strdup_printf ("%s; %s", in->enc_note, feed->recovered) : g_strdup (in->enc_note);
      g_free (feed->recovered);
      feed->recovered = s;
    }
  if (in->n_repaired)
    {
      char *s = g_strdup_printf ("%s%s%u HTML entit%s or bare '&' repaired",
                                 feed->recovered ? feed->recovered : "",
                                 feed->recovered ? "; " : "", in->n_repaired,
                                 in->n_repaired == 1 ? "y" : "ies");
      g_free (feed->recovered);
      feed->recovered = s;
    }
}

/* feed_file_parse: the steps in order; the first that fails sets @error
 * and ends the parse, and everything is released on the one way out. */
FeedFile *
feed_file_parse (const char *path, const char *data, gsize len, gsize max_bytes,
                 GError **error)
{
  g_autoptr (FeedFile) feed = g_new0 (FeedFile, 1);
  FeedInput in = { 0 };
  Errors errors = { path, 0, 0, NULL, FALSE };
  xmlNode *channel = NULL;
  gboolean ok;

  feed->path = g_strdup (path);
  feed->items = g_ptr_array_new ();
  ok = prepare_input (feed, &in, data, len, error)
       && parse_tree (feed, &in, &errors, error)
       && check_tree (feed, &errors, max_bytes, error)
       && find_items (feed, &errors, &channel, error)
       && read_channel (feed, channel, error);
  if (ok)
    note_recovery (feed, &errors, &in);
  g_free (errors.message);
  feed_input_clear (&in);
  return ok ? g_steal_pointer (&feed) : NULL;
}

/* Items ---------------------------------------------------------------- */

void
feed_item_free (FeedItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->title);
  g_free (item->link);
  g_free (item->author);
  g_free (item->published);
  g_ptr_array_unref (item->categories);
  g_free (item->text);
  g_free (item);
}

static void
add_category (FeedItem *item, char *category)
{
  category = one_line (category);
  if (category == NULL)
    return;
  for (guint i = 0; i < item->categories->len; i++)
    if (strcmp (g_ptr_array_index (item->categories, i), category) == 0)
      {
        g_free (category);
        return;
      }
  g_ptr_array_add (item->categories, category);
}

/* first_date: the first of the elements of @item named in @names (pairs
 * of namespace kind and name) that holds a date this parser reads. */
static char *
first_date (xmlNode *item, const NsKind *kinds, const char *const *names)
{
  for (guint i = 0; names[i]; i++)
    for (xmlNode *n = item->children; n; n = n->next)
      if (is_el (n, kinds[i], names[i]))
        {
          g_autofree char *raw = content (n);
          char *iso = feed_date_to_iso8601 (raw);
          if (iso)
            return iso;
        }
  return NULL;
}

static void
extract_rss (FeedFile *feed, xmlNode *it, FeedItem *item)
{
  static const NsKind date_kinds[] = { NS_KIND_RSS, NS_KIND_DC, NS_KIND_DC, NS_KIND_ATOM };
  static const char *const date_names[] = { "pubDate", "date", "created", "updated", NULL };
  g_autoptr (GPtrArray) authors = g_ptr_array_new_with_free_func (g_free);
  xmlNode *guid = child (it, NS_KIND_RSS, "guid");
  xmlNode *link = child (it, NS_KIND_RSS, "link");
  g_autofree char *href = content (link);

  item->id = one_line (content (guid));
  if (item->id == NULL && feed->format == FEED_FORMAT_RDF)
    {
      xmlChar *about = xmlGetNsProp (it, (const xmlChar *) "about", (const xmlChar *) NS_RDF);
      if (about && *about)
        item->id = g_strdup ((const char *) about);
      xmlFree (about);
    }
  item->title = one_line (rss_text (child (it, NS_KIND_RSS, "title"), &item->deep_line));

  if (href == NULL && guid && item->id
      && (g_str_has_prefix (item->id, "http://") || g_str_has_prefix (item->id, "https://")))
    {
      /* RSS 2.0: a guid is a permalink unless isPermaLink="false". Many
       * feeds leave the attribute out on opaque guids ("story-1234"), so
       * only a web address is taken as the link. */
      g_autofree char *perma = attr (guid, "isPermaLink");
      if (perma == NULL || g_ascii_strcasecmp (perma, "false") != 0)
        {
          href = g_strdup (item->id);
          link = guid;
        }
    }
  if (href)
    item->link = resolve (feed->doc, link, href, feed->link);

  for (xmlNode *n = it->children; n; n = n->next)
    {
      if (is_el (n, NS_KIND_RSS, "author"))
        {
          g_autofree char *raw = one_line (content (n));
          if (raw)
            g_ptr_array_add (authors, rss_author (raw));
        }
      else if (is_el (n, NS_KIND_DC, "creator"))
        {
          char *raw = one_line (content (n));
          if (raw)
            g_ptr_array_add (authors, raw);
        }
      else if (is_el (n, NS_KIND_RSS, "category") || is_el (n, NS_KIND_DC, "subject"))
        add_category (item, content (n));
    }
  if (authors->len > 0)
    {
      g_ptr_array_add (authors, NULL);
      item->author = g_strjoinv (", ", (char **) authors->pdata);
    }
  item->published = first_date (it, date_kinds, date_names);

  item->text = rss_text (child (it, NS_KIND_CONTENT, "encoded"), &item->deep_line);
  if (item->text == NULL)
    item->text = rss_text (child (it, NS_KIND_RSS, "description"), &item->deep_line);
  if (item->text == NULL)
    item->text = atom_text (child (it, NS_KIND_ATOM, "summary"), &item->deep_line);
}

static void
extract_atom (FeedFile *feed, xmlNode *it, FeedItem *item)
{
  static const NsKind date_kinds[] = { NS_KIND_ATOM, NS_KIND_ATOM, NS_KIND_ATOM,
                                       NS_KIND_ATOM, NS_KIND_DC };
  static const char *const date_names[] = { "published", "updated", "issued",
                                            "modified", "date", NULL };
  xmlNode *c;

  item->id = one_line (content (child (it, NS_KIND_ATOM, "id")));
  item->title = one_line (atom_text (child (it, NS_KIND_ATOM, "title"), &item->deep_line));
  item->link = atom_link (feed->doc, it, feed->link);
  item->author = atom_authors (it);
  if (item->author == NULL && feed->author)
    item->author = g_strdup (feed->author);
  item->published = first_date (it, date_kinds, date_names);
  for (xmlNode *n = it->children; n; n = n->next)
    if (is_el (n, NS_KIND_ATOM, "category"))
      add_category (item, attr (n, "term"));
    else if (is_el (n, NS_KIND_DC, "subject"))
      add_category (item, content (n));

  c = child (it, NS_KIND_ATOM, "content");
  if (c)
    {
      g_autofree char *src = attr (c, "src");
      if (src == NULL)
        item->text = atom_text (c, &item->deep_line);
    }
  if (item->text == NULL)
    item->text = atom_text (child (it, NS_KIND_ATOM, "summary"), &item->deep_line);
}

guint64
feed_item_fingerprint (FeedFile *feed, guint index)
{
  xmlBuffer *buf = xmlBufferCreate ();
  guint64 hash;

  xmlNodeDump (buf, feed->doc, g_ptr_array_index (feed->items, index), 0, 0);
  hash = galley_hash64 (xmlBufferContent (buf), (gsize) xmlBufferLength (buf), 0);
  xmlBufferFree (buf);
  return hash;
}

FeedItem *
feed_item_extract (FeedFile *feed, guint index)
{
  FeedItem *item = g_new0 (FeedItem, 1);
  xmlNode *it = g_ptr_array_index (feed->items, index);

  item->categories = g_ptr_array_new_with_free_func (g_free);
  if (feed->format == FEED_FORMAT_ATOM)
    extract_atom (feed, it, item);
  else
    extract_rss (feed, it, item);
  if (item->text == NULL)
    item->text = g_strdup ("");
  if (item->id == NULL && item->link)
    item->id = g_strdup (item->link);
  return item;
}
