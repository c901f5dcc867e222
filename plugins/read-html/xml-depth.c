/* xml-depth.c: how deeply a libxml2 tree nests its elements.
 *
 * The walk goes down to the first child, else across to the next
 * sibling, else up through the parents until one has a next sibling: a
 * pre-order walk in constant stack and O(nodes) time, so that measuring
 * a hostile tree cannot itself run out of stack. Only element children
 * are entered; the children of an entity reference are the entity's own
 * nodes, whose parent is not the reference, and climbing back from them
 * would leave the tree. */
#include "config.h"

#include "xml-depth.h"

static gboolean
enters (const xmlNode *n)
{
  return n->type == XML_ELEMENT_NODE && n->children != NULL;
}

gboolean
xml_depth_exceeds (const xmlNode *root, guint limit, long *line)
{
  const xmlNode *n = root;
  guint depth = 1;

  while (n != NULL)
    {
      if (n->type == XML_ELEMENT_NODE && depth > limit)
        {
          if (line)
            *line = xmlGetLineNo (n);
          return TRUE;
        }
      if (enters (n))
        {
          n = n->children;
          depth++;
          continue;
        }
      while (n != root && n->next == NULL)
        {
          n = n->parent;
          depth--;
        }
      n = n == root ? NULL : n->next;
    }
  return FALSE;
}
