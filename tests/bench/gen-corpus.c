/* gen-corpus.c: writes a deterministic corpus of invented news articles as
 * JSON Lines ({"id", "title", "source", "published", "text"}) to stdout,
 * SIZE_MB megabytes of article text in all. The same size always gives the
 * same bytes, so benchmark figures compare across changes.
 *
 * Usage: gen-corpus SIZE_MB [SEED]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>

static const char *const people[] = {
  "Antony Blinken", "Maria Fernández", "Olaf Scholz", "Li Wei", "Amina Yusuf",
  "President Joe Biden", "Prime Minister Rishi Sunak", "Dr. Sarah O'Connor",
  "Gen. Mark Milley", "Sen. Elizabeth Warren", "Emmanuel Macron", "Narendra Modi",
  "Volodymyr Zelenskyy", "Ursula von der Leyen", "Jean-Pierre Dubois", "Kim Soo-jin",
};
static const char *const orgs[] = {
  "the State Department", "the European Union", "the United Nations",
  "Apple Inc.", "the Bank of England", "NATO", "the World Health Organization",
  "Goldman Sachs", "the Ministry of Defence", "Reuters", "the University of Chicago",
  "Microsoft Corp.", "the International Monetary Fund", "Toyota Motor Corp.",
};
static const char *const places[] = {
  "Washington", "Beijing", "Kyiv", "Paris", "Berlin", "New Delhi", "São Paulo",
  "the South China Sea", "Gaza", "Tokyo", "Nairobi", "the Middle East", "London",
  "Mexico City", "Istanbul", "the Indo-Pacific", "Moscow", "Zürich",
};
static const char *const norps[] = {
  "American", "Chinese", "Ukrainian", "French", "German", "Indian", "Brazilian",
  "Russian", "Israeli", "Palestinian", "Japanese", "Kenyan", "Turkish",
};
static const char *const verbs[] = {
  "said", "warned", "told reporters", "announced", "insisted", "argued",
  "confirmed", "denied", "acknowledged", "added",
};
static const char *const templates[] = {
  "%P %V on %D that %O would not accept any deal that weakened its position in %L.",
  "\"We are very concerned about the situation,\" %P %V, adding that talks with %N officials had stalled.",
  "The agreement, worth $%M billion, was signed in %L after months of tense negotiations.",
  "Shares of %O fell %Q% in early trading on %D, the worst drop since the 1990s.",
  "Officials in %L said at least %C people were killed and dozens more injured in the attack.",
  "%P, who met %N leaders at 5:30 p.m. local time, described the meeting as constructive but difficult.",
  "Critics say the plan, announced by %O on %D, does little to address rising prices.",
  "The U.S. and the U.K. have called for an immediate ceasefire, according to %O.",
  "Inflation rose to %Q% in %L last month, the highest level in a decade, data showed.",
  "Protesters gathered outside the offices of %O in %L, chanting slogans against the government.",
  "\"This is not a victory for anyone,\" said %P. \"It is a warning.\"",
  "Analysts at %O expect growth of about %Q% next year, down from earlier forecasts.",
  "The ministry didn't comment on the report, which cited %N sources familiar with the matter.",
  "More than %C,000 residents fled %L as floods swept through the region on %D.",
  "In a statement posted on its website (www.example.org/news), %O said it would appeal.",
  "%P's visit to %L comes amid growing tension over trade, security and climate policy.",
};
static const char *const days[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  "Jan. 12", "March 3", "May 2024", "last week", "late Friday",
};

static guint64 rng_state;

static guint32
next (void)
{
  /* xorshift64*: fast, deterministic, good enough for picking words */
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (guint32) ((rng_state * 2685821657736338717ULL) >> 32);
}

#define PICK(a) (a[next () % G_N_ELEMENTS (a)])

static void
expand (GString *out, const char *t)
{
  for (; *t; t++)
    {
      if (*t != '%' || t[1] == '\0')
        {
          g_string_append_c (out, *t);
          continue;
        }
      switch (*++t)
        {
        case 'P': g_string_append (out, PICK (people)); break;
        case 'O': g_string_append (out, PICK (orgs)); break;
        case 'L': g_string_append (out, PICK (places)); break;
        case 'N': g_string_append (out, PICK (norps)); break;
        case 'V': g_string_append (out, PICK (verbs)); break;
        case 'D': g_string_append (out, PICK (days)); break;
        case 'M': g_string_append_printf (out, "%u.%u", 1 + next () % 120, next () % 10); break;
        case 'Q': g_string_append_printf (out, "%u.%u", next () % 15, next () % 10); break;
        case 'C': g_string_append_printf (out, "%u", 2 + next () % 300); break;
        case '%': g_string_append_c (out, '%'); break;
        default: g_string_append_c (out, '%'); g_string_append_c (out, *t); break;
        }
    }
}

int
main (int argc, char **argv)
{
  double size_mb;
  guint64 target, written = 0;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GString) title = g_string_new (NULL);
  g_autoptr (GString) line = g_string_new (NULL);
  guint n = 0;

  if (argc < 2 || (size_mb = g_ascii_strtod (argv[1], NULL)) <= 0)
    {
      fprintf (stderr, "usage: gen-corpus SIZE_MB [SEED]\n");
      return 2;
    }
  rng_state = argc > 2 ? g_ascii_strtoull (argv[2], NULL, 10) | 1 : 0x9E3779B97F4A7C15ULL;
  target = (guint64) (size_mb * 1024 * 1024);

  while (written < target)
    {
      guint paragraphs = 3 + next () % 6;

      g_string_truncate (text, 0);
      g_string_truncate (title, 0);
      expand (title, "%N officials and %O clash over %L");
      g_string_append (text, title->str);
      g_string_append (text, "\n\n");
      expand (text, "WASHINGTON (AP) — ");
      for (guint p = 0; p < paragraphs; p++)
        {
          guint sentences = 2 + next () % 4;
          for (guint s = 0; s < sentences; s++)
            {
              if (s)
                g_string_append_c (text, ' ');
              expand (text, PICK (templates));
            }
          g_string_append (text, "\n\n");
        }
      g_string_truncate (line, 0);
      g_string_append_printf (line, "{\"id\":\"bench-%06u\",\"title\":", ++n);
      galley_json_append_string (line, title->str, title->len);
      g_string_append_printf (line, ",\"source\":\"gen-corpus\",\"published\":\"2024-%02u-%02uT12:00:00Z\",\"text\":",
                              1 + n % 12, 1 + n % 28);
      galley_json_append_string (line, text->str, text->len);
      g_string_append (line, "}\n");
      fwrite (line->str, 1, line->len, stdout);
      written += text->len;
    }
  return 0;
}
