/* reader-doc.c: document helpers shared by read-html and read-feed. */
#include "config.h"

#include <string.h>

#include "reader-doc.h"

GalleyDocument *
reader_doc_stub (const char *id, const char *origin, const guint64 *fingerprint)
{
  GalleyDocument *doc = galley_document_new (id, "", 0);

  galley_document_set_origin (doc, origin);
  if (fingerprint)
    galley_document_set_input_hash (doc, *fingerprint);
  return doc;
}

char *
reader_doc_valid (const char *s, const char *what)
{
  char *fixed = NULL;
  gsize fixed_len;

  galley_utf8_make_valid (s, strlen (s), GALLEY_UTF8_REPLACE, what, &fixed,
                          &fixed_len, NULL, NULL);
  return fixed ? fixed : g_strdup (s);
}

void
reader_doc_set_meta (GalleyDocument *doc, const char *key, const char *value,
                     const char *what)
{
  if (value && *value)
    {
      g_autofree char *v = reader_doc_valid (value, what);
      galley_document_set_meta (doc, key, v);
    }
}
