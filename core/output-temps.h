/* output-temps.h: the temporary files of a run that ended without
 * committing (a second signal, a crashed supervised child).
 *
 * Atomic outputs (sdk/galley-output.c) write to ".NAME.XXXXXX" beside
 * their target NAME and rename it at commit; a process that ends before
 * the commit leaves it behind. */
#pragma once

#include <glib.h>

#include "pipeline.h"

G_BEGIN_DECLS

/* galley_output_temps_remove: removes, beside each output path of
 * @pipeline's stages (strftime patterns expanded for now), the temporary
 * files named as galley-output names them and modified at or after
 * @since (seconds since the epoch): only those of the run that ended, not
 * those another process may be writing since before. Returns how many
 * were removed. */
guint galley_output_temps_remove (GalleyPipeline *pipeline, gint64 since);

G_END_DECLS
