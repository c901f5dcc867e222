/* galley-utf8.c: UTF-8 validation on the path of every document.
 *
 * Every document's text is validated when it is made (the document model
 * promises valid UTF-8 to every stage). g_utf8_validate_len costs about
 * 9 instructions a byte, which made it the largest single cost of
 * read-jsonl -> export-jsonl (23% of instructions, callgrind, 2,000
 * articles). News text is mostly ASCII, so this checks 8 bytes at a time
 * for a high bit and hands only the stretches around non-ASCII bytes to
 * GLib: about 1 instruction a byte on English text, the same answer. */
#include "config.h"

#include <string.h>

#include "galley-private.h"

#define HIGH_BITS G_GUINT64_CONSTANT (0x8080808080808080)

gboolean
galley_utf8_validate (const char *text, gsize len, const char **end)
{
  gsize i = 0;

  for (;;)
    {
      /* ASCII run, a word at a time; NUL is ASCII here but invalid for us */
      while (i + 8 <= len)
        {
          guint64 w;
          memcpy (&w, text + i, 8);
          if (w & HIGH_BITS)
            break;
          /* a zero byte: (w - 0x01..) & ~w & 0x80.. is nonzero */
          if ((w - G_GUINT64_CONSTANT (0x0101010101010101)) & ~w & HIGH_BITS)
            break;
          i += 8;
        }
      while (i < len && (guchar) text[i] < 0x80 && text[i] != '\0')
        i++;
      if (i >= len)
        return TRUE;
      if (text[i] == '\0')
        {
          if (end)
            *end = text + i;
          return FALSE;
        }
      {
        /* a non-ASCII stretch: validate up to the next ASCII byte */
        gsize j = i;
        const char *bad = NULL;
        while (j < len && (guchar) text[j] >= 0x80)
          j++;
        if (!g_utf8_validate_len (text + i, j - i, &bad))
          {
            if (end)
              *end = bad;
            return FALSE;
          }
        i = j;
      }
    }
}
