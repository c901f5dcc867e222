/* feed-repair.h: repairs to feed bytes before libxml2 parses them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* feed_repair_entities: @data with HTML entities rewritten as character
 * references and bare ampersands escaped, outside CDATA sections and
 * comments; @n_fixed gets the number of repairs. NULL when nothing had to
 * change (or the file declares entities of its own). (transfer full) */
GString *feed_repair_entities (const char *data, gsize len, guint *n_fixed);

G_END_DECLS
