/* xml-limits.c: how deep and how large a libxml2 tree is.
 *
 * Both walks go down to the first child, else across to the next
 * sibling, else up through the parents until one has a next sibling: a
 * pre-order walk in constant stack and O(nodes) time, so that measuring
 * a hostile tree cannot itself run out of stack. Only element children
 * are entered; the children of an entity reference are the entity's own
 * nodes, whose parent is not the reference, and climbing back from them
 * would leave the tree.
 *
 * Entity sizes: without XML_PARSE_NOENT libxml2 keeps a reference node
 * where the entity is used, and parses the entity's text once into the
 * entity's own children. xmlNodeGetContent() expands every reference
 * again, so 1,000 references to a 100 KB entity make 100 MB of text (and
 * a 3 GB process once the text is copied and parsed as HTML). Sizes are
 * therefore summed here, an entity's size computed once (it may itself
 * reference entities; libxml2 refuses loops and nesting past 40 levels,
 * and an entity met again while being measured counts as too large) and
 * added at each reference, saturating at G_MAXUINT64. */
#include "config.h"

#include "xml-limits.h"

static gboolean
enters (const xmlNode *n)
{
  return n->type == XML_ELEMENT_NODE && n->children != NULL;
}

/* next_node: the node after @n in a pre-order walk of @root's subtree
 * (entering elements only), or NULL at the end; @depth follows. */
static const xmlNode *
next_node (const xmlNode *root, const xmlNode *n, guint *depth)
{
  if (enters (n))
    {
      (*depth)++;
      return n->children;
    }
  while (n != root && n->next == NULL)
    {
      n = n->parent;
      (*depth)--;
    }
  return n == root ? NULL : n->next;
}

gboolean
xml_depth_exceeds (const xmlNode *root, guint limit, long *line)
{
  guint depth = 1;

  for (const xmlNode *n = root; n != NULL; n = next_node (root, n, &depth))
    if (n->type == XML_ELEMENT_NODE && depth > limit)
      {
        if (line)
          *line = xmlGetLineNo (n);
        return TRUE;
      }
  return FALSE;
}

typedef struct {
  GHashTable *sizes;     /* xmlEntity * -> guint64 * (G_MAXUINT64: being measured) */
  gboolean had_entities;
} Measure;

static guint64
add (guint64 a, guint64 b)
{
  return a > G_MAXUINT64 - b ? G_MAXUINT64 : a + b;
}

static guint64 subtree_size (Measure *m, const xmlNode *root);

static guint64
entity_size (Measure *m, const xmlNode *ref)
{
  xmlEntity *ent = xmlGetDocEntity (ref->doc, ref->name);
  guint64 *known, size = 0;

  if (ent == NULL)
    return 0;
  if (ent->etype == XML_INTERNAL_PREDEFINED_ENTITY)
    return (guint64) xmlStrlen (ent->content);
  m->had_entities = TRUE;
  known = g_hash_table_lookup (m->sizes, ent);
  if (known)
    return *known;
  known = g_new (guint64, 1);
  *known = G_MAXUINT64;
  g_hash_table_insert (m->sizes, ent, known);
  for (const xmlNode *c = ent->children; c; c = c->next)
    size = add (size, subtree_size (m, c));
  *known = size;
  return size;
}

static guint64
subtree_size (Measure *m, const xmlNode *root)
{
  guint64 size = 0;
  guint depth = 0;

  for (const xmlNode *n = root; n != NULL; n = next_node (root, n, &depth))
    switch (n->type)
      {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        size = add (size, (guint64) xmlStrlen (n->content));
        break;
      case XML_ENTITY_REF_NODE:
        size = add (size, entity_size (m, n));
        break;
      default:
        break;
      }
  return size;
}

gboolean
xml_text_exceeds (const xmlNode *root, guint64 limit, gboolean *had_entities)
{
  Measure m = { g_hash_table_new_full (NULL, NULL, NULL, g_free), FALSE };
  guint64 size = subtree_size (&m, root);

  g_hash_table_unref (m.sizes);
  if (had_entities)
    *had_entities = m.had_entities;
  return size > limit;
}
