/* galley-suggest.c: "did you mean ...?" for a mistyped stage, key,
 * parameter or value: the core's messages and plugins' own checks use it.
 *
 * The names compared are short (stage and parameter names, under 30
 * bytes) and few (tens), so the plain dynamic programme over two rows
 * plus the one before them (for swaps) is all it takes: O(|a| |b|) time,
 * O(|b|) memory, and only when a name was already found to be unknown. */
#include "config.h"

#include <string.h>

#include "galley/galley-params.h"

guint
galley_edit_distance (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  /* rows i-2, i-1 and i of the (la+1) x (lb+1) table */
  g_autofree guint *rows = g_new (guint, 3 * (lb + 1));
  guint *prev2 = rows, *prev = rows + lb + 1, *cur = rows + 2 * (lb + 1);

  for (gsize j = 0; j <= lb; j++)
    prev[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      guint *t;

      cur[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
          guint d = MIN (MIN (prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);

          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            d = MIN (d, prev2[j - 2] + 1);
          cur[j] = d;
        }
      t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
  return prev[lb];
}

const char *
galley_suggest (const char *word, const char *const *candidates)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  guint limit = MIN (2, strlen (word) / 2);

  /* "BYTE" for "byte" first: a case slip is more likely than two edits */
  for (const char *const *c = candidates; c && *c; c++)
    if (g_ascii_strcasecmp (word, *c) == 0 && strcmp (word, *c) != 0)
      return *c;
  for (const char *const *c = candidates; c && *c; c++)
    {
      guint d = galley_edit_distance (word, *c);

      if (d < best_distance)
        {
          best = *c;
          best_distance = d;
        }
    }
  return best_distance <= limit && best_distance > 0 ? best : NULL;
}
