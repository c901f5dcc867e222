/* file-text.c: a text file's bytes as UTF-8.
 *
 * Text files carry no declaration of their encoding, so with
 * encoding=auto the bytes decide, in this order:
 *   1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
 *   2. valid UTF-8: read as it is (the common case, one validation pass);
 *   3. damaged UTF-8: at least as many valid multi-byte characters as
 *      invalid bytes (a file cut mid-character, a few stray bytes): read
 *      as UTF-8 with utf8= deciding about the bad bytes, so that one stray
 *      byte does not turn every accented letter of the file into two;
 *   4. otherwise legacy text (Latin-1 and windows-1252 archives, KOI8-R,
 *      Shift_JIS...): the encoding uchardet detects, windows-1252 when it
 *      is unsure (the SDK's galley_charset_choose()), decoded to UTF-8.
 * An encoding named by the operator is used as it is (a byte order mark
 * still wins, as the Encoding Standard says).
 *
 * Legacy bytes can grow when decoded (é is one byte in windows-1252, two
 * in UTF-8), so max-bytes is checked again on the result.
 */
#include "config.h"

#include <string.h>

#include "file-text.h"

/* bom_encoding: the encoding a byte order mark at the start of @data
 * names, with its length in *@bom_len; NULL when there is none. */
static const char *
bom_encoding (const char *data, gsize len, gsize *bom_len)
{
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    *bom_len = 3;
  else if (len >= 2 && memcmp (data, "\xFF\xFE", 2) == 0)
    *bom_len = 2;
  else if (len >= 2 && memcmp (data, "\xFE\xFF", 2) == 0)
    *bom_len = 2;
  else
    return NULL;
  return *bom_len == 3 ? "UTF-8" : data[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
}

/* mostly_utf8: TRUE when @data, not valid UTF-8, still has at least as
 * many valid multi-byte characters as invalid bytes. */
static gboolean
mostly_utf8 (const char *data, gsize len)
{
  const char *p = data, *end = data + len;
  gsize multi = 0, invalid = 0;

  while (p < end)
    {
      const char *bad = end;
      gboolean valid = g_utf8_validate_len (p, (gsize) (end - p), &bad);

      for (const char *q = p; q < bad; q++)
        multi += ((guchar) *q >= 0xC0);
      if (valid)
        break;
      invalid++;
      p = bad + 1;
    }
  return multi >= invalid;
}

static gboolean
is_blank (const char *text, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

/* is_text: FALSE, with the error that rejects the file, when @text (in
 * an ASCII-compatible encoding) is empty or binary. */
static gboolean
is_text (const char *text, gsize len, const char *name, GError **error)
{
  if (is_blank (text, len))
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT, "%s: empty", name);
      return FALSE;
    }
  if (galley_input_looks_binary (text, len))
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: binary file, not text", name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
too_large (gsize len, gsize max_bytes, const char *name, const char *why, GError **error)
{
  if (len <= max_bytes)
    return FALSE;
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_TOO_LARGE,
               "%s: larger than max-bytes=%" G_GSIZE_FORMAT " once %s", name, max_bytes, why);
  return TRUE;
}

/* choose: the encoding of @data (byte order mark removed) under
 * encoding=auto; *@valid says the bytes were found valid UTF-8, so that
 * they are not validated a second time. */
static const char *
choose (const char *data, gsize len, gboolean *valid)
{
  GalleyCharsetSource source;
  gsize bom;

  *valid = g_utf8_validate_len (data, len, NULL);
  if (*valid || mostly_utf8 (data, len))
    return "UTF-8";
  return galley_charset_choose (data, len, NULL, 0, &bom, &source);
}

/**
 * file_text_decode:
 * @text: (inout): the file's bytes, NUL-terminated at *@len; replaced by
 *   the text as UTF-8 (byte order mark dropped) when that differs.
 * @len: (inout): their length.
 * @encoding: FILE_TEXT_AUTO, or an encoding name as
 *   galley_charset_for_label() returns it.
 * @decoded_from: (out): the legacy encoding the text was decoded from,
 *   a static string, or NULL when it was read as UTF-8.
 * @n_replaced: (out): how many U+FFFD the reading put in.
 *
 * Returns: TRUE, or FALSE with @error naming @name when the file is
 * rejected: empty, binary, invalid UTF-8 under utf8=reject, or larger than
 * @max_bytes once decoded.
 */
gboolean
file_text_decode (char **text, gsize *len, const char *encoding, GalleyUtf8Policy policy,
                  gsize max_bytes, const char *name, const char **decoded_from,
                  guint *n_replaced, GError **error)
{
  gsize bom = 0;
  const char *chosen = bom_encoding (*text, *len, &bom);
  gboolean utf16 = chosen != NULL && bom == 2;
  gboolean valid = FALSE;  /* auto found the bytes valid UTF-8 */
  char *out = NULL;
  gsize out_len = 0;

  *decoded_from = NULL;
  *n_replaced = 0;
  if (chosen != NULL && !utf16)
    {
      memmove (*text, *text + bom, *len - bom + 1);
      *len -= bom;
    }
  /* UTF-16's ASCII has NUL bytes: it is judged once decoded */
  if (!utf16 && !is_text (*text, *len, name, error))
    return FALSE;
  if (chosen == NULL)
    chosen = strcmp (encoding, FILE_TEXT_AUTO) == 0 ? choose (*text, *len, &valid) : encoding;
  if (valid)
    return TRUE;
  if (g_ascii_strcasecmp (chosen, "UTF-8") == 0)
    {
      if (!galley_utf8_make_valid (*text, *len, policy, name, &out, &out_len, n_replaced,
                                   error))
        return FALSE;
      if (out == NULL)
        return TRUE;
      /* each bad byte became a 3-byte U+FFFD */
      if (too_large (out_len, max_bytes, name, "invalid UTF-8 is replaced", error))
        {
          g_free (out);
          return FALSE;
        }
    }
  else
    {
      g_autofree char *why = g_strdup_printf ("decoded from %s", chosen);

      out = galley_charset_decode (*text + (utf16 ? bom : 0), *len - (utf16 ? bom : 0),
                                   chosen, name, &out_len, n_replaced, error);
      if (out == NULL)
        return FALSE;
      /* é is one byte in windows-1252, two in UTF-8 */
      if (too_large (out_len, max_bytes, name, why, error)
          || (utf16 && !is_text (out, out_len, name, error)))
        {
          g_free (out);
          return FALSE;
        }
      *decoded_from = chosen;
    }
  g_free (*text);
  *text = out;
  *len = out_len;
  return TRUE;
}
