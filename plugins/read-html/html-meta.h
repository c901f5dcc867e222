/* html-meta.h: what a saved article page says about itself. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

typedef struct {
  char *title;        /* see html_meta_extract() */
  char *url;          /* canonical URL, else og:url, else JSON-LD url */
  char *author;       /* JSON-LD author(s), else meta author / article:author */
  char *published;    /* ISO 8601 UTC, or NULL */
  char *description;  /* meta description, og:description, JSON-LD */
  char *site_name;    /* og:site_name, JSON-LD publisher, application-name */
  char *language;     /* <html lang>, or NULL */
} HtmlMeta;

/* html_meta_extract: the metadata of @doc from its <meta>, <link>,
 * <title> and JSON-LD (<script type="application/ld+json">) elements.
 *
 * The title is og:title, else the JSON-LD headline (or name) of an
 * Article-type object, else twitter:title or Dublin Core title, else
 * <title>, else the first <h1>. A trailing (or leading) " | Site" part is
 * cut from it when it is evidently the site's name: it equals the
 * declared site name, or its letters equal the name part of the page's
 * host ("Ars Technica" on arstechnica.com); see html_title_strip_site()
 * for the rule <title> gets in addition.
 *
 * A JSON-LD script nested more than 256 levels deep is
 * GALLEY_STAGE_ERROR_INPUT naming @path and the script's line (json-glib
 * would exhaust the stack on it); a script that does not parse is
 * ignored. Returns: (transfer full) the metadata, or NULL on error. */
HtmlMeta *html_meta_extract (xmlDoc *doc, const char *path,
                             GError **error) G_GNUC_WARN_UNUSED_RESULT;

void html_meta_free (HtmlMeta *meta);

/* html_meta_size: the bytes of text @meta's fields hold together. */
gsize html_meta_size (const HtmlMeta *meta);

/* html_title_strip_site: @title without a leading or trailing part naming
 * the site (@site_name, or the host of @url), or NULL to keep it as it
 * is. When @title_element (the title comes from <title>), a trailing part
 * of at most three words after a title of four or more is cut as well.
 * Parts are separated by " | ", " - ", " – ", " — ", " · ", " :: ", " » "
 * or " // ". Exposed for the tests. */
char *html_title_strip_site (const char *title, const char *site_name,
                             const char *url, gboolean title_element) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HtmlMeta, html_meta_free)

G_END_DECLS
