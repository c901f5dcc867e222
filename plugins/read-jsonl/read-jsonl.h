/* read-jsonl.h: the read-jsonl stage class, for tests. */
#pragma once

#include <galley/galley.h>

G_BEGIN_DECLS

extern const GalleyStageClass galley_read_jsonl_stage;

G_END_DECLS
