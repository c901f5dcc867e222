/* export-shape.h: lines in export-jsonl's shape read back (see
 * export-shape.c for the rule). */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

/* jsonl_export_shape_detect: whether @doc, as the line parser made it,
 * holds a "meta", "features" or "layers" object to unpack. */
gboolean jsonl_export_shape_detect (const GalleyDocument *doc);

/* jsonl_export_shape_unpack: @doc (transfer full) with its "meta" object
 * turned into metadata, its "features" object into features and its
 * "layers" object dropped. Returns: (transfer full) the new document. */
GalleyDocument *jsonl_export_shape_unpack (GalleyDocument *doc);

G_END_DECLS
