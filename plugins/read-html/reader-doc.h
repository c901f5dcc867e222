/* reader-doc.h: small document helpers that read-html and read-feed share
 * (compiled into both, like html-text.c). */
#pragma once

#include <galley/galley.h>

/* reader_doc_stub: the document of a page or item that was refused, named
 * @id, from @origin: no text, and the @fingerprint (may be NULL: its bytes
 * were never read) of what was refused, so that the state keeps the
 * rejection while the input does not change. (transfer full) */
GalleyDocument *reader_doc_stub (const char *id, const char *origin,
                                 const guint64 *fingerprint);

/* reader_doc_valid: @s as valid UTF-8, invalid bytes replaced. libxml2's
 * output is valid already; this guards against surprises. @what names
 * the input in the log ("page", "feed"). (transfer full) */
char *reader_doc_valid (const char *s, const char *what);

/* reader_doc_set_meta: sets metadata @key of @doc to @value made valid,
 * unless @value is NULL or empty. */
void reader_doc_set_meta (GalleyDocument *doc, const char *key, const char *value,
                          const char *what);
