/* fetch-urls.c: URL lists: url=, a file of URLs, an OPML file. */
#include "config.h"

#include <string.h>

#include <libxml/parser.h>

#include "fetch.h"
#include "fetch-urls.h"

static gboolean
check_url (const char *url, const char *where, GError **error)
{
  if (fetch_is_url (url))
    return TRUE;
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
               "%s: '%s' is not an http:// or https:// URL", where, url);
  return FALSE;
}

/* opml_walk: every xmlUrl of the outlines under @node, in document order. */
static void
opml_walk (xmlNode *node, GPtrArray *out)
{
  for (; node; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (xmlStrcasecmp (node->name, BAD_CAST "outline") == 0)
        {
          xmlChar *url = xmlGetProp (node, BAD_CAST "xmlUrl");
          if (url && *url)
            g_ptr_array_add (out, g_strstrip (g_strdup ((const char *) url)));
          xmlFree (url);
        }
      opml_walk (node->children, out);
    }
}

static gboolean
read_opml (const char *file, const char *data, gsize len, GPtrArray *out, GError **error)
{
  xmlDoc *doc = xmlReadMemory (data, (int) MIN (len, G_MAXINT), file, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlNode *root = doc ? xmlDocGetRootElement (doc) : NULL;
  guint before = out->len;

  if (root == NULL || xmlStrcasecmp (root->name, BAD_CAST "opml") != 0)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: not an OPML file (no <opml> root element)", file);
      if (doc)
        xmlFreeDoc (doc);
      return FALSE;
    }
  opml_walk (root->children, out);
  xmlFreeDoc (doc);
  for (guint i = before; i < out->len; i++)
    if (!check_url (g_ptr_array_index (out, i), file, error))
      return FALSE;
  return TRUE;
}

static gboolean
read_lines (const char *file, char *data, GPtrArray *out, GError **error)
{
  char *save = NULL;
  guint line = 0;

  for (char *l = data; l; l = save)
    {
      char *nl = strchr (l, '\n');
      save = nl ? nl + 1 : NULL;
      if (nl)
        *nl = '\0';
      line++;
      g_strstrip (l);
      if (*l == '\0' || *l == '#')
        continue;
      {
        g_autofree char *where = g_strdup_printf ("%s:%u", file, line);
        if (!check_url (l, where, error))
          return FALSE;
      }
      g_ptr_array_add (out, g_strdup (l));
    }
  return TRUE;
}

char **
fetch_urls_collect (const char *const *list, const char *file, gboolean opml, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; list && list[i]; i++)
    {
      if (!check_url (list[i], "parameter 'url'", error))
        return NULL;
      g_ptr_array_add (out, g_strdup (list[i]));
    }
  if (file)
    {
      g_autofree char *data = NULL;
      gsize len = 0;
      const char *start;

      if (!galley_read_param_file (file, &data, &len, error))
        return NULL;
      start = data;
      while (g_ascii_isspace (*start))
        start++;
      if (opml && *start == '<')
        {
          if (!read_opml (file, data, len, out, error))
            return NULL;
        }
      else if (!read_lines (file, data, out, error))
        return NULL;
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}
