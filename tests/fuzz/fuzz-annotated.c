/* fuzz-annotated.c: training and evaluation data for `galley train
 * entity-tagger` (plugins/entity-tagger/annotated.c), both formats: the
 * input as JSON Lines, then as annotated text. Every document loaded must
 * have entities inside its text, on UTF-8 boundaries, with start < end.
 * The same input then goes to the unlabeled text of --clusters-from
 * (ann_each_text, read a line at a time): every text it hands on must be
 * UTF-8, and a failure must say which line. */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "plugins/entity-tagger/annotated.h"

FUZZ_PLAIN_INITIALIZE

static void
check_docs (GPtrArray *docs)
{
  for (guint k = 0; k < docs->len; k++)
    {
      const AnnDoc *d = g_ptr_array_index (docs, k);
      gsize len = strlen (d->text);

      FUZZ_CHECK (d->id != NULL && g_utf8_validate (d->text, -1, NULL), "document %u", k);
      for (guint e = 0; e < d->entities->len; e++)
        {
          const AnnEntity *a = &g_array_index (d->entities, AnnEntity, e);

          FUZZ_CHECK (a->start < a->end && a->end <= len, "document %u entity %u: %u-%u of %zu",
                      k, e, a->start, a->end, len);
          FUZZ_CHECK (g_utf8_get_char_validated (d->text + a->start, -1) != (gunichar) -1
                      && (a->end == len
                          || g_utf8_get_char_validated (d->text + a->end, -1) != (gunichar) -1),
                      "document %u entity %u: %u-%u not on character boundaries", k, e,
                      a->start, a->end);
          FUZZ_CHECK (a->type != 0, "document %u entity %u: no type", k, e);
        }
    }
}

/* each_text: what --clusters-from does with a document, checked */
static gboolean
each_text (const AnnDoc *d, gpointer data, GError **error)
{
  guint *n = data;

  (void) error;
  FUZZ_CHECK (d->text != NULL && g_utf8_validate (d->text, -1, NULL), "text %u not UTF-8", *n);
  (*n)++;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const suffixes[] = { ".jsonl", ".txt" };

  for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
    {
      const char *path = fuzz_write_scratch (suffixes[s], data, size);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) docs = ann_load (path, &error);

      if (docs != NULL)
        check_docs (docs);
      else
        FUZZ_CHECK (error != NULL && g_utf8_validate (error->message, -1, NULL),
                    "ann_load failed without a readable message");
    }
  {
    const char *path = fuzz_write_scratch (".jsonl", data, size);
    g_autoptr (GError) error = NULL;
    guint n = 0;

    if (ann_each_text (path, each_text, &n, &error))
      FUZZ_CHECK (n > 0, "unlabeled text read with no document");
    else
      FUZZ_CHECK (error != NULL && g_utf8_validate (error->message, -1, NULL)
                  && strncmp (error->message, path, strlen (path)) == 0,
                  "ann_each_text failed without naming the file");
  }
  return 0;
}
