/* galley-harness-private.h: what galley-harness-pipeline.c needs of the
 * harness beyond its public API. Not installed. */
#pragma once

#include <galley/galley-harness.h>

G_BEGIN_DECLS

/* _galley_harness_new_empty: a harness with no stage yet. */
GalleyHarness *_galley_harness_new_empty (void);

/* _galley_harness_keep: @data lives as long as @harness and is freed by
 * @free_func after every stage instance (a registry whose modules hold
 * the stages' code). */
void _galley_harness_keep (GalleyHarness *harness, gpointer data,
                           GDestroyNotify free_func);

G_END_DECLS
