/* fuzz-document.h: a document built from a fuzz input, for the writers.
 *
 * The input is NUL-separated fields: OPTIONS, ID, TEXT, then KEY, VALUE
 * pairs of metadata. Each string is made valid UTF-8 first (readers
 * guarantee that much to every later stage); anything else goes: quotes,
 * delimiters, newlines, CR, control characters, "=cmd", empty ids. A
 * value that parses as JSON is stored as a JSON value, others as
 * strings. The bytes of OPTIONS after the first two cut TEXT into entity
 * and sentence spans (on character boundaries, in order), with entity
 * types and "norm" features taken from the metadata strings. */
#pragma once

#include "fuzz-common.h"

typedef struct {
  GalleyDocument *doc;
  guint8 choice[2];   /* the first two OPTIONS bytes (0 when absent), for the target's parameters */
} FuzzDocument;

/* fuzz_document_build: see above. Returns: the document (transfer full)
 * in ->doc. */
FuzzDocument fuzz_document_build (const uint8_t *data, size_t size);
