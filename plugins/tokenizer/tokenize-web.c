/* tokenize-web.c: the web's tokens: URLs, email addresses, emoji (with
 * modifiers, ZWJ sequences, flags and keycaps) and Western emoticons. */
#include "config.h"

#include "scanner.h"

static gboolean
prefix_ci (const Ctx *cx, gsize p, const char *prefix)
{
  gsize n = strlen (prefix);

  if (cx->len - p < n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (tok_lower (cx->t[p + i]) != prefix[i])
      return FALSE;
  return TRUE;
}

/* The length of a URL scheme or "www." at @p, 0 if none. */
gsize
tok_url_prefix (const Ctx *cx, gsize p)
{
  static const char *const prefixes[] = { "https://", "http://", "ftp://", "www." };
  char a = tok_lower (cx->t[p + 1]);

  /* most words starting with h, w or f are no URL: two bytes tell */
  if (!((a == 't' && (tok_lower (cx->t[p + 2]) == 't' || tok_lower (cx->t[p + 2]) == 'p'))
        || (a == 'w' && tok_lower (cx->t[p + 2]) == 'w')))
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (prefix_ci (cx, p, prefixes[i]))
      {
        gsize n = strlen (prefixes[i]);
        if (p + n < cx->len && tok_is_alnum (cx->t[p + n]))
          return n;
      }
  return 0;
}

/* The end of the URL whose body continues at @p: up to white space, a
 * quote or an angle bracket, less trailing punctuation (and a closing
 * bracket that has no opening one inside the URL). */
gsize
tok_scan_url_body (const Ctx *cx, gsize s, gsize p)
{
  const guchar *t = cx->t;
  int parens = 0, squares = 0;

  while (p < cx->len)
    {
      guchar c = t[p];

      if (c >= 0x80)
        {
          guint n;
          gunichar u = tok_utf8_decode (t + p, &n);
          UClass k = tok_uclass (u);

          if (k == U_SPACE || k == U_SKIP || k == U_PUNCT)
            break;
          p += n;
          continue;
        }
      if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '`' || c == 0x7f)
        break;
      p++;
    }
  for (gsize q = s; q < p; q++)
    {
      parens += t[q] == '(' ? 1 : t[q] == ')' ? -1 : 0;
      squares += t[q] == '[' ? 1 : t[q] == ']' ? -1 : 0;
    }
  while (p > s)
    {
      guchar c = t[p - 1];

      if (c == ')' && parens < 0)
        parens++;
      else if (c == ']' && squares < 0)
        squares++;
      else if (!strchr (".,;:!?'*", c))
        break;
      p--;
    }
  return p;
}

static inline gboolean
email_local_char (guchar c)
{
  return tok_is_alnum (c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/* If an email address starts at @s, its end; else 0. */
gsize
tok_scan_email (const Ctx *cx, gsize s)
{
  const guchar *t = cx->t;
  gsize p = s, labels = 0, last_label = 0, end = 0;

  while (p < cx->len && email_local_char (t[p]))
    p++;
  if (p == s || p >= cx->len || t[p] != '@' || t[s] == '.' || t[p - 1] == '.')
    return 0;
  p++;
  for (;;)
    {
      gsize l = p;
      gboolean alpha = TRUE;

      while (p < cx->len && (tok_is_alnum (t[p]) || t[p] == '-'))
        {
          alpha = alpha && tok_is_alpha (t[p]);
          p++;
        }
      if (p == l)
        break;
      labels++;
      last_label = alpha && p - l >= 2;
      end = p;
      if (p + 1 < cx->len && t[p] == '.' && tok_is_alnum (t[p + 1]))
        p++;
      else
        break;
    }
  return labels >= 2 && last_label ? end : 0;
}

/* Whether [s, e) is a top-level domain that makes a dotted word a
 * host name (bbc.co.uk, Amazon.com). */
gboolean
tok_is_tld (const Ctx *cx, gsize s, gsize e)
{
  static const char *const tlds[] = {
    "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "io",
    "co", "uk", "us", "de", "fr", "it", "es", "nl", "ru", "cn", "jp", "au",
    "ca", "in", "br", "ch", "se", "no", "eu", "tv", "me", "be", "at", "dk",
    "fi", "pl", "ie", "nz", "za", "mx", "ar", "kr", "gr", "il", "tr", "news",
    "app", "dev", "ai", "ly", "gl", "ac",
  };
  gsize n = e - s;

  for (guint i = 0; i < G_N_ELEMENTS (tlds); i++)
    if (strlen (tlds[i]) == n && g_ascii_strncasecmp ((const char *) cx->t + s, tlds[i], n) == 0)
      return TRUE;
  return FALSE;
}

/* An emoji at @p (@u, @n bytes) with its modifiers, variation selectors,
 * keycap, tags and ZWJ-joined parts; a pair of regional indicators is a
 * flag. */
gsize
tok_scan_emoji (Ctx *cx, gsize p, gunichar u, guint n)
{
  const guchar *t = cx->t;
  gsize e = p + n;

  if (tok_is_regional_indicator (u))
    {
      guint m;
      if (e < cx->len && t[e] >= 0x80 && tok_is_regional_indicator (tok_utf8_decode (t + e, &m)))
        e += m;
      return tok_emit_plain (cx, p, e, GALLEY_TOKEN_EMOJI, 0);
    }
  while (e < cx->len && t[e] >= 0x80)
    {
      guint m;
      gunichar v = tok_utf8_decode (t + e, &m);

      if (v == 0xFE0F || v == 0xFE0E || v == 0x20E3 || (v >= 0x1F3FB && v <= 0x1F3FF)
          || (v >= 0xE0020 && v <= 0xE007F))
        {
          e += m;
          continue;
        }
      if (v == 0x200D && e + m < cx->len && t[e + m] >= 0x80)
        {
          guint w;
          gunichar x = tok_utf8_decode (t + e + m, &w);
          if (tok_is_emoji_base (x) || tok_uclass (x) == U_SYMBOL)
            {
              e += m + w;
              continue;
            }
        }
      break;
    }
  return tok_emit_plain (cx, p, e, GALLEY_TOKEN_EMOJI, 0);
}

/* A Western emoticon at @p (":)" ":-(" ";)" ":D" ":P" ":/"), standing
 * alone between spaces or punctuation: its end, or 0. */
gsize
tok_emoticon_end (const Ctx *cx, gsize p)
{
  const guchar *t = cx->t;
  gsize q = p + 1;

  if (p > 0 && !tok_is_space (t[p - 1]) && t[p - 1] != '(')
    return 0;
  if (q < cx->len && (t[q] == '-' || t[q] == '\''))
    q++;
  if (q >= cx->len || !strchr (")(DPp/|*O", t[q]))
    return 0;
  q++;
  if (q < cx->len && (tok_is_alnum (t[q]) || t[q] >= 0x80))
    return 0;
  return q;
}
