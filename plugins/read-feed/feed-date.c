/* feed-date.c: RFC 822 and RFC 3339 dates to ISO 8601 UTC.
 *
 * Feeds in the wild bend both formats: RSS dates with full month names,
 * without seconds or a zone, Atom dates with a space instead of 'T'. The
 * parsers below accept those variants and nothing looser, so a string that
 * is not a date gives NULL (the document then has no "published") rather
 * than a wrong date. GDateTime does the calendar arithmetic and checks
 * ranges (a 31st of February is refused there). */
#include "config.h"

#include <string.h>

#include "feed-date.h"

static const char *const months[] = {
  "jan", "feb", "mar", "apr", "may", "jun",
  "jul", "aug", "sep", "oct", "nov", "dec",
};

static void
skip_spaces (const char **p)
{
  while (**p == ' ' || **p == '\t' || **p == '\n' || **p == '\r' || **p == ',')
    (*p)++;
}

/* read_int: up to @max_digits digits; the count read goes to @n_digits. */
static gboolean
read_int (const char **p, int max_digits, int *value, int *n_digits)
{
  int v = 0, n = 0;

  while (n < max_digits && g_ascii_isdigit (**p))
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  *value = v;
  if (n_digits)
    *n_digits = n;
  return n > 0;
}

/* read_word: the next run of letters, lowercased, at most @size - 1. */
static gsize
read_word (const char **p, char *word, gsize size)
{
  gsize n = 0;

  while (g_ascii_isalpha (**p))
    {
      if (n + 1 < size)
        word[n++] = g_ascii_tolower (**p);
      (*p)++;
    }
  word[n] = '\0';
  return n;
}

static char *
format_utc (int year, int month, int day, int hour, int minute, int second,
            int offset_minutes)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_offset (offset_minutes * 60);
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GDateTime) utc = NULL;

  if (tz == NULL)
    return NULL;
  local = g_date_time_new (tz, year, month, day, hour, minute, second);
  if (local == NULL)
    return NULL;
  utc = g_date_time_to_utc (local);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* zone_offset: the offset in minutes of a named RFC 822 zone. */
static gboolean
zone_offset (const char *name, int *offset)
{
  static const struct { const char *name; int hours; } zones[] = {
    { "gmt", 0 }, { "ut", 0 }, { "utc", 0 }, { "z", 0 },
    { "est", -5 }, { "edt", -4 }, { "cst", -6 }, { "cdt", -5 },
    { "mst", -7 }, { "mdt", -6 }, { "pst", -8 }, { "pdt", -7 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (zones); i++)
    if (strcmp (name, zones[i].name) == 0)
      {
        *offset = zones[i].hours * 60;
        return TRUE;
      }
  return FALSE;
}

/* read_numeric_zone: "+hhmm", "-hh:mm", "+hh". */
static gboolean
read_numeric_zone (const char **p, int *offset)
{
  int sign = **p == '-' ? -1 : 1, hours, minutes = 0, n;

  (*p)++;
  if (!read_int (p, 2, &hours, &n) || n != 2)
    return FALSE;
  if (**p == ':')
    (*p)++;
  if (g_ascii_isdigit (**p) && (!read_int (p, 2, &minutes, &n) || n != 2))
    return FALSE;
  if (hours > 23 || minutes > 59)
    return FALSE;
  *offset = sign * (hours * 60 + minutes);
  return TRUE;
}

static char *
parse_rfc822 (const char *text)
{
  const char *p = text;
  char word[16];
  int day, month = -1, year, hour, minute, second = 0, offset = 0, n;

  skip_spaces (&p);
  /* An optional day name: "Tue," or "Tuesday,". */
  if (g_ascii_isalpha (*p))
    {
      read_word (&p, word, sizeof word);
      skip_spaces (&p);
    }
  if (!read_int (&p, 2, &day, NULL))
    return NULL;
  skip_spaces (&p);
  if (*p == '-')  /* "10-Jun-2003", seen in old feeds */
    p++;
  if (read_word (&p, word, sizeof word) < 3)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (months); i++)
    if (strncmp (word, months[i], 3) == 0)
      month = i + 1;
  if (month < 0)
    return NULL;
  skip_spaces (&p);
  if (*p == '-')
    p++;
  if (!read_int (&p, 4, &year, &n) || (n != 2 && n != 4))
    return NULL;
  if (n == 2)  /* RFC 2822 section 4.3 */
    year += year < 50 ? 2000 : 1900;
  skip_spaces (&p);
  if (!read_int (&p, 2, &hour, NULL) || *p++ != ':'
      || !read_int (&p, 2, &minute, &n) || n != 2)
    return NULL;
  if (*p == ':')
    {
      p++;
      if (!read_int (&p, 2, &second, &n) || n != 2)
        return NULL;
    }
  skip_spaces (&p);
  if (*p == '+' || *p == '-')
    {
      if (!read_numeric_zone (&p, &offset))
        return NULL;
    }
  else if (g_ascii_isalpha (*p))
    {
      read_word (&p, word, sizeof word);
      if (!zone_offset (word, &offset))
        return NULL;
    }
  skip_spaces (&p);
  if (*p != '\0')
    return NULL;
  return format_utc (year, month, day, hour, minute, second, offset);
}

static char *
parse_rfc3339 (const char *text)
{
  const char *p = text;
  int year, month, day, hour = 0, minute = 0, second = 0, offset = 0, n;

  skip_spaces (&p);
  if (!read_int (&p, 4, &year, &n) || n != 4 || *p++ != '-'
      || !read_int (&p, 2, &month, &n) || n != 2 || *p++ != '-'
      || !read_int (&p, 2, &day, &n) || n != 2)
    return NULL;
  if (*p == 'T' || *p == 't' || (*p == ' ' && g_ascii_isdigit (p[1])))
    {
      p++;
      if (!read_int (&p, 2, &hour, &n) || n != 2 || *p++ != ':'
          || !read_int (&p, 2, &minute, &n) || n != 2)
        return NULL;
      if (*p == ':')
        {
          p++;
          if (!read_int (&p, 2, &second, &n) || n != 2)
            return NULL;
          if (*p == '.' || *p == ',')
            {
              p++;
              if (!g_ascii_isdigit (*p))
                return NULL;
              while (g_ascii_isdigit (*p))
                p++;
            }
        }
      if (*p == 'Z' || *p == 'z')
        p++;
      else if ((*p == '+' || *p == '-') && !read_numeric_zone (&p, &offset))
        return NULL;
    }
  skip_spaces (&p);
  if (*p != '\0')
    return NULL;
  if (second == 60)  /* a leap second: keep the date valid */
    second = 59;
  return format_utc (year, month, day, hour, minute, second, offset);
}

char *
feed_date_to_iso8601 (const char *text)
{
  const char *p = text;

  if (text == NULL)
    return NULL;
  while (g_ascii_isspace (*p))
    p++;
  if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])
      && g_ascii_isdigit (p[3]) && p[4] == '-')
    return parse_rfc3339 (p);
  return parse_rfc822 (p);
}
