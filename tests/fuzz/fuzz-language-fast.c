/* fuzz-language-fast.c: the language stage's first tier
 * (plugins/language/detect-fast.c), which reads a title and a text eight
 * bytes at a time and looks words up in place. The input is split at its
 * first NUL into a title and a text, each made valid UTF-8 as the stage
 * sees them; the text is also tried cut at every length near its end, so
 * that words running into the end of the buffer are read. When the tier
 * answers, it answers English with a confidence in (0, 0.99]. */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "plugins/language/detect-fast.h"

FUZZ_PLAIN_INITIALIZE

static void
check (const char *title, gsize title_len, const char *text, gsize len)
{
  LanguageGuess guess = { NULL, -1.0 };
  /* exactly @len bytes, so that a read past them is ASan's to see */
  g_autofree char *copy = g_memdup2 (text, len);

  if (language_detect_fast (title, title_len, copy, len, &guess))
    FUZZ_CHECK (guess.code != NULL && strcmp (guess.code, "en") == 0
                && guess.confidence > 0.0 && guess.confidence <= 0.99,
                "answered %s with %f", guess.code ? guess.code : "(null)", guess.confidence);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *raw_title = fuzz_take_string (&data, &size);
  g_autofree char *title = g_utf8_make_valid (raw_title, -1);
  g_autofree char *text = g_utf8_make_valid ((const char *) data, size);
  gsize len = strlen (text);

  check (title, strlen (title), text, len);
  for (gsize cut = len > 9 ? len - 9 : 0; cut < len; cut++)
    if ((text[cut] & 0xc0) != 0x80)
      check (NULL, 0, text, cut);
  return 0;
}
