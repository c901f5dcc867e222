/* scanner.c: helpers of the token scanner for its rarer paths: the case
 * of a token from its bytes, emitting a token whose case and NON_ASCII
 * flag are not known yet, and combining marks after a token. */
#include "config.h"

#include "scanner.h"

/* Case of the token [s, e), counting cased letters: for the rare tokens
 * whose case the scanner did not track as it went. */
GalleyTokenCase
tok_case_of (const Ctx *cx, gsize s, gsize e)
{
  guint n_cased = 0, n_upper = 0, first2[2] = { 0, 0 };
  gboolean after_apostrophe = FALSE;

  for (gsize p = s; p < e;)
    {
      guint n = 1, cc = 0;
      guint8 b = tok_bclass[cx->t[p]];

      /* O'Brien and D’Angelo are title case: a capital after an
       * apostrophe counts as the start of the name's second part */
      if (cx->t[p] == '\'' || (cx->t[p] == 0xE2 && cx->t[p + 1] == 0x80 && cx->t[p + 2] == 0x99))
        {
          after_apostrophe = TRUE;
          p += cx->t[p] == '\'' ? 1 : 3;
          continue;
        }
      if (after_apostrophe && n_cased == 1 && b == B_UPPER)
        {
          after_apostrophe = FALSE;
          p++;
          continue;
        }
      after_apostrophe = FALSE;

      if (b == B_UPPER)
        cc = 1;
      else if (b == B_LOWER)
        cc = 2;
      else if (b == B_HIGH)
        {
          UClass k = tok_uclass (tok_utf8_decode (cx->t + p, &n));
          cc = k == U_UPPER ? 1 : k == U_LOWER ? 2 : 0;
        }
      if (cc)
        {
          if (n_cased < 2)
            first2[n_cased] = cc;
          n_cased++;
          n_upper += cc == 1;
        }
      p += n;
    }
  if (n_cased == 0)
    return GALLEY_CASE_NONE;
  if (n_upper == 0)
    return GALLEY_CASE_LOWER;
  if (n_upper == n_cased)
    return n_cased == 1 ? GALLEY_CASE_TITLE : GALLEY_CASE_UPPER;
  if (first2[0] == 1 && first2[1] == 2)
    return GALLEY_CASE_TITLE;
  return GALLEY_CASE_MIXED;
}

static gboolean
has_non_ascii (const Ctx *cx, gsize s, gsize e)
{
  for (gsize p = s; p < e; p++)
    if (cx->t[p] >= 0x80)
      return TRUE;
  return FALSE;
}

/* Emits [s, e) as a token of @kind, working out its case and the
 * NON_ASCII flag from its bytes; returns @e. */
gsize
tok_emit_plain (Ctx *cx, gsize s, gsize e, GalleyTokenKind kind, guint32 extra)
{
  guint32 flags = (guint32) kind | extra | CASE_BITS (tok_case_of (cx, s, e));

  if (has_non_ascii (cx, s, e))
    flags |= GALLEY_TOKEN_FLAG_NON_ASCII;
  emit (cx, s, e, flags);
  return e;
}

/* Non-spacing, spacing and enclosing marks and variation selectors after
 * @e join the token that ends there. */
gsize
tok_absorb_marks (const Ctx *cx, gsize e)
{
  while (e < cx->len && cx->t[e] >= 0xCC)  /* U+0300 is the first mark */
    {
      guint n;
      gunichar u = tok_utf8_decode (cx->t + e, &n);

      if (tok_uclass (u) != U_MARK)
        break;
      e += n;
    }
  return e;
}
