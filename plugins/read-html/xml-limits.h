/* xml-limits.h: how deep and how large a libxml2 tree is. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* XML_DEPTH_LIMIT: the most levels of elements a page or feed may nest.
 * It is libxml2's own limit (xmlParserMaxDepth, without XML_PARSE_HUGE):
 * both its XML and its HTML parser keep at most 257 levels and drop the
 * rest of the file with "Excessive depth in document: 256". A tree that
 * reaches past this limit is therefore a cut one, and rejected whole;
 * every recursive walk of a tree in read-html and read-feed relies on it
 * to bound its stack. */
#define XML_DEPTH_LIMIT 256

/* xml_depth_exceeds: whether an element under @root (included, at level
 * 1) sits more than @limit levels deep. Walks the tree without recursion
 * (through the parent links), so any depth is safe to measure; entity
 * references are not followed. On TRUE, @line (may be NULL) is set to the
 * source line of the first element found too deep. */
gboolean xml_depth_exceeds (const xmlNode *root, guint limit, long *line);

/* xml_text_exceeds: whether the text under @root (its text and CDATA
 * nodes, with every entity reference expanded, as xmlNodeGetContent()
 * would give it) is more than @limit bytes. Nothing is expanded: each
 * entity's size is measured once and multiplied, so a "billion laughs"
 * costs as little as its own file. @had_entities (may be NULL) is set
 * when the tree references an entity other than the predefined ones. */
gboolean xml_text_exceeds (const xmlNode *root, guint64 limit,
                           gboolean *had_entities);

G_END_DECLS
