/* output-roll.h: a sink whose output path has strftime patterns
 * (path=/var/lib/news/%Y-%m-%d.jsonl) moves on to the file of the new
 * day, hour or minute at a checkpoint of a run that goes on past it (a
 * --follow service, a queue reader). Without it the path expanded once,
 * when the run began, and a service wrote one file for ever.
 *
 * At each checkpoint, once every sink has committed, the runner asks for
 * each such sink whether a pattern now expands to another path; if it
 * does, it gets the stage's parameters with the new paths, makes a new
 * instance from them, and finishes the old one (a commit, of nothing)
 * before freeing it. Everything the old instance wrote is in the old
 * file; the documents after the checkpoint go to the new one. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

typedef struct _GalleyOutputRoll GalleyOutputRoll;

/* galley_output_roll_new: what rolling the instance of @klass made from
 * @params needs: the output parameters whose values hold a strftime
 * pattern, as @params has them before the expansion for @now (the one
 * the instance is made with). NULL when none has one: nothing rolls. */
GalleyOutputRoll *galley_output_roll_new (const GalleyStageClass *klass,
                                          const GalleyParams *params, gint64 now);
void galley_output_roll_free (GalleyOutputRoll *roll);

/* galley_output_roll_params: when a pattern expands at @now (seconds
 * since the epoch) to another path than the one in use, the parameters
 * for the next instance: a copy of @params with the patterns back in
 * place, finished, for _galley_chain_create() at the same @now to expand
 * (and make their dated directories); the roll then takes those paths as
 * in use. NULL otherwise, or with @error set when the copy is refused. */
GalleyParams *galley_output_roll_params (GalleyOutputRoll *roll, const GalleyParams *params,
                                         gint64 now, GError **error);

/* galley_output_roll_describe: "path=/var/lib/news/2026-12-07.jsonl",
 * the paths in use, for the log. */
char *galley_output_roll_describe (const GalleyOutputRoll *roll);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyOutputRoll, galley_output_roll_free)

G_END_DECLS
