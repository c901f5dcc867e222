/* fuzz-word-list.c: an entity-tagger word list (one word a line, read for
 * model features: plugins/entity-tagger/dict.c) loaded from any bytes;
 * every word of its first lines must then be found, whatever its case. */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "plugins/entity-tagger/dict.h"

FUZZ_PLAIN_INITIALIZE

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = fuzz_write_scratch (".words", data, size);
  const char *p = (const char *) data, *end = p + size;
  g_autoptr (GError) error = NULL;
  EtDict *dict = et_dict_load (path, &error);

  if (dict == NULL)
    {
      FUZZ_CHECK (error != NULL && strstr (error->message, path) != NULL,
                  "an error that names the file");
      return 0;
    }
  for (guint line = 0; line < 64 && p < end; line++)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      gsize len;

      if (eol == NULL)
        eol = end;
      len = (gsize) (eol - p);
      if (len > 0 && p[len - 1] == '\r')
        len--;
      /* a possessive is not read: "'s" is a token of its own */
      if (len > 0 && !(len > 2 && p[len - 2] == '\'' && p[len - 1] == 's'))
        FUZZ_CHECK (et_dict_classes (dict, p, len) != 0, "line %u is a word of the list", line);
      p = eol + 1;
    }
  et_dict_free (dict);
  return 0;
}
