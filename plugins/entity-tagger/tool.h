/* tool.h: galley-entity-tagger, the program behind `galley train
 * entity-tagger` and `galley eval entity-tagger` (galley(1) runs it from
 * beside the plugins; it links the tagger and the tokenizer as a
 * pipeline runs them, so a model is trained on the tokens it will see).
 */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

/* tool_parse_params: "KEY=VALUE" strings into the tagger's parameters
 * (@model: also model=MODEL; may be NULL). */
GalleyParams *tool_parse_params (const char *const *params, const char *model, GError **error);

/* tool_harness: tokenizer ! entity-tagger with @params ("KEY=VALUE"). */
GalleyHarness *tool_harness (const char *const *params, GError **error);

/* tool_exit_status: galley(1)'s status for @error: 4 for a file that
 * cannot be read or written, 2 for anything else (bad data, options). */
int tool_exit_status (const GError *error);

int tool_train (int argc, char **argv);
int tool_eval (int argc, char **argv);

G_END_DECLS
