/* compare-detectors.c: CLD2 (the stage's detector) against libexttextcat,
 * the figures behind the choice in docs/plugins/language.md.
 *
 *   compare-detectors SAMPLES.tsv [NEWS.jsonl]
 *
 * For each detector: how many short and long samples it names right (for
 * libexttextcat, right means its first candidate is the expected language;
 * it may list several, or answer SHORT or UNKNOWN), MB/s over the samples,
 * and, given news, MB/s over its lines (whole JSON lines, the same bytes
 * for both) and how many it calls English.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libexttextcat/textcat.h>
#include <glib.h>

#include "detect.h"

#define TEXTCAT_DATA "/usr/share/libexttextcat/"

typedef struct {
  const char *name;
  /* the detected code, written into @code (at most 15 bytes) */
  void (*detect) (void *handle, const char *text, gsize len, char *code);
} Detector;

static void
detect_cld2 (void *handle, const char *text, gsize len, char *code)
{
  LanguageGuess g;

  language_detect (text, len, &g);
  g_strlcpy (code, g.code, 16);
}

/* textcat answers "[en--utf8][de--utf8]", "SHORT" or "UNKNOWN" */
static void
detect_textcat (void *handle, const char *text, gsize len, char *code)
{
  const char *r = textcat_Classify (handle, text, len);
  gsize n = 0;

  if (r[0] == '[')
    for (r++; r[n] && r[n] != '-' && r[n] != ']' && n < 15; n++)
      code[n] = r[n];
  code[n] = '\0';
}

static void
run (const Detector *d, void *handle, char **samples, char **news)
{
  guint right[2] = { 0 }, total[2] = { 0 }, english = 0, n_news = 0;
  gsize bytes = 0;
  gint64 t0 = g_get_monotonic_time ();
  double s;

  for (guint i = 0; samples[i]; i++)
    {
      g_auto (GStrv) f = NULL;
      char code[16];
      int k;

      if (samples[i][0] == '#' || samples[i][0] == '\0')
        continue;
      f = g_strsplit (samples[i], "\t", 3);
      k = strcmp (f[1], "long") == 0;
      d->detect (handle, f[2], strlen (f[2]), code);
      total[k]++;
      right[k] += strcmp (code, f[0]) == 0;
      bytes += strlen (f[2]);
    }
  s = (g_get_monotonic_time () - t0) / 1e6;
  printf ("%-14s short %u/%u  long %u/%u  samples %.2f MB/s", d->name,
          right[0], total[0], right[1], total[1], bytes / 1e6 / s);
  if (news != NULL)
    {
      bytes = 0;
      t0 = g_get_monotonic_time ();
      for (guint i = 0; news[i]; i++)
        {
          char code[16];
          gsize len = strlen (news[i]);

          d->detect (handle, news[i], len, code);
          bytes += len;
          english += strcmp (code, "en") == 0;
          n_news++;
        }
      s = (g_get_monotonic_time () - t0) / 1e6;
      printf ("  news %.2f MB/s, %u/%u English", bytes / 1e6 / s, english, n_news);
    }
  printf ("\n");
}

int
main (int argc, char **argv)
{
  static const Detector cld2 = { "CLD2", detect_cld2 };
  static const Detector textcat = { "libexttextcat", detect_textcat };
  g_autofree char *samples_text = NULL, *news_text = NULL;
  g_auto (GStrv) samples = NULL, news = NULL;
  g_autoptr (GError) error = NULL;
  void *handle;

  if (argc < 2 || !g_file_get_contents (argv[1], &samples_text, NULL, &error) ||
      (argc > 2 && !g_file_get_contents (argv[2], &news_text, NULL, &error)))
    {
      fprintf (stderr, "usage: compare-detectors SAMPLES.tsv [NEWS.jsonl]%s%s\n",
               error ? ": " : "", error ? error->message : "");
      return 2;
    }
  samples = g_strsplit (samples_text, "\n", -1);
  if (news_text != NULL)
    news = g_strsplit (news_text, "\n", -1);
  handle = special_textcat_Init (TEXTCAT_DATA "fpdb.conf", TEXTCAT_DATA);
  if (handle == NULL)
    {
      fprintf (stderr, "compare-detectors: cannot load %sfpdb.conf\n", TEXTCAT_DATA);
      return 2;
    }
  printf ("CLD2 %s; %s\n", language_detector_version (), textcat_Version ());
  run (&cld2, NULL, samples, news);
  run (&textcat, handle, samples, news);
  textcat_Done (handle);
  return 0;
}
