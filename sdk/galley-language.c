/* galley-language.c: routing by the document's language (see
 * galley-language.h). */
#include "config.h"

#include <string.h>

#include <galley/galley-error.h>
#include <galley/galley-language.h>
#include <galley/galley-layers.h>
#include <galley/galley-value.h>

const char *const galley_other_language_choices[] = { "pass", "drop", NULL };

enum { OTHER_PASS, OTHER_DROP };

struct _GalleyLanguageFilter {
  char **languages;
  int other;
};

/* TRUE when @code's primary subtag (up to '-' or '_') is @want. */
static gboolean
code_matches (const char *code, const char *want)
{
  gsize n = strcspn (code, "-_");

  return strlen (want) == n && g_ascii_strncasecmp (code, want, n) == 0;
}

gboolean
galley_document_language_matches (const GalleyDocument *doc,
                                  const char *const *languages)
{
  const GalleyValue *v = galley_document_get_feature (doc, GALLEY_FEATURE_LANGUAGE);

  if (v == NULL || v->type != GALLEY_VALUE_STRING)
    return TRUE;
  for (guint i = 0; languages && languages[i]; i++)
    if (code_matches (v->v.s, languages[i]))
      return TRUE;
  return FALSE;
}

/* looks_like_code: @code is an ISO 639 code (two or three ASCII
 * letters), alone or with subtags ("pt-BR", "zh_Hant") */
static gboolean
looks_like_code (const char *code)
{
  gsize n = 0;

  while (g_ascii_isalpha (code[n]))
    n++;
  if (n < 2 || n > 3)
    return FALSE;
  for (code += n; *code; code++)
    if (!g_ascii_isalnum (*code) && *code != '-' && *code != '_')
      return FALSE;
  return TRUE;
}

/* language_names: English names, and a few of their own, of languages
 * that people write for a code, for the "did you mean" of a name in
 * languages= */
static const struct { const char *name, *code; } language_names[] = {
  { "english", "en" }, { "german", "de" }, { "deutsch", "de" },
  { "french", "fr" }, { "francais", "fr" }, { "français", "fr" },
  { "spanish", "es" }, { "espanol", "es" }, { "español", "es" },
  { "italian", "it" }, { "portuguese", "pt" }, { "dutch", "nl" },
  { "russian", "ru" }, { "polish", "pl" }, { "swedish", "sv" },
  { "danish", "da" }, { "norwegian", "no" }, { "finnish", "fi" },
  { "turkish", "tr" }, { "arabic", "ar" }, { "chinese", "zh" },
  { "japanese", "ja" }, { "korean", "ko" }, { "greek", "el" },
  { "czech", "cs" }, { "hungarian", "hu" }, { "romanian", "ro" },
  { "ukrainian", "uk" }, { "hebrew", "he" }, { "hindi", "hi" },
  { "indonesian", "id" }, { "vietnamese", "vi" }, { "persian", "fa" },
  { "catalan", "ca" },
};

/* not_a_code: the message for an entry of languages= that is no ISO 639
 * code ("english"): it would match no document that the language stage
 * labels, which would then pass unannotated, with nothing to say why */
static char *
not_a_code (const char *entry)
{
  for (guint i = 0; i < G_N_ELEMENTS (language_names); i++)
    if (g_ascii_strcasecmp (entry, language_names[i].name) == 0)
      return g_strdup_printf ("'%s' is not an ISO 639 code; did you mean '%s'?",
                              entry, language_names[i].code);
  return g_strdup_printf ("'%s' is not an ISO 639 code (such as en, de, fr, es)", entry);
}

/* warn_unless_codes: one warning a process for each entry of @languages
 * that is no ISO 639 code, from galley_language_filter_new(), which has
 * no way to fail; galley_language_filter_new_checked() refuses them. */
static void
warn_unless_codes (const char *const *languages)
{
  static GHashTable *warned;  /* the entries warned about */
  G_LOCK_DEFINE_STATIC (warned);

  for (guint i = 0; languages && languages[i]; i++)
    {
      if (looks_like_code (languages[i]))
        continue;
      G_LOCK (warned);
      if (warned == NULL)
        warned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (g_hash_table_add (warned, g_strdup (languages[i])))
        {
          g_autofree char *why = not_a_code (languages[i]);

          g_warning ("languages=%s matches no document that the language stage "
                     "labels: %s", languages[i], why);
        }
      G_UNLOCK (warned);
    }
}

static GalleyLanguageFilter *
filter_new (const GalleyParams *params, const char *const *languages)
{
  GalleyLanguageFilter *filter = g_new0 (GalleyLanguageFilter, 1);

  filter->languages = g_strdupv ((char **) languages);
  filter->other = galley_params_get_choice_index (params, "on-other-language");
  return filter;
}

GalleyLanguageFilter *
galley_language_filter_new (const GalleyParams *params)
{
  const char *const *languages = galley_params_get_string_list (params, "languages");

  warn_unless_codes (languages);
  return filter_new (params, languages);
}

GalleyLanguageFilter *
galley_language_filter_new_checked (const GalleyParams *params, GError **error)
{
  const char *const *languages = galley_params_get_string_list (params, "languages");

  for (guint i = 0; languages && languages[i]; i++)
    if (!looks_like_code (languages[i]))
      {
        g_autofree char *why = not_a_code (languages[i]);

        g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                     "parameter 'languages': %s", why);
        return NULL;
      }
  return filter_new (params, languages);
}

void
galley_language_filter_free (GalleyLanguageFilter *filter)
{
  if (filter == NULL)
    return;
  g_strfreev (filter->languages);
  g_free (filter);
}

/* drop_other: drops @doc, whose language is not in @filter's list,
 * saying why. Out of line: the common path (a document in the list, or
 * with no language) then has no string to free on its way out, where the
 * g_autofree cleanups cost two calls to g_free (NULL) a stage and a
 * document (callgrind: see the commit). */
static G_GNUC_NO_INLINE void
drop_other (const GalleyLanguageFilter *filter, GalleyDocument *doc)
{
  g_autofree char *list = NULL, *reason = NULL;

  list = filter->languages ? g_strjoinv (",", filter->languages) : g_strdup ("");
  reason = g_strdup_printf ("language '%s' is not in languages=%s",
                            galley_document_get_feature (doc, GALLEY_FEATURE_LANGUAGE)->v.s,
                            list);
  galley_document_drop (doc, reason);
}

gboolean
galley_language_filter_accepts (const GalleyLanguageFilter *filter,
                                GalleyDocument *doc)
{
  if (galley_document_language_matches (doc, (const char *const *) filter->languages))
    return TRUE;
  if (filter->other == OTHER_DROP)
    drop_other (filter, doc);
  return FALSE;
}
