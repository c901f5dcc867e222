/**
 * SECTION:galley-language
 * @title: Languages
 * @short_description: stages that annotate only some languages
 *
 * The "language" stage sets the document feature "language" (an ISO 639
 * code, GALLEY_FEATURE_LANGUAGE). A stage written for some languages only
 * (the English tokenizer rules, entity tagger and sentiment lexicon) adds
 * GALLEY_LANGUAGE_PARAMS to its parameter table, builds a
 * #GalleyLanguageFilter in create (galley_language_filter_new_checked()),
 * and begins process with
 * |[<!-- language="C" -->
 *   if (!galley_language_filter_accepts (self->languages, doc))
 *     return TRUE;
 * ]|
 * so that a document in another language passes through unannotated, or
 * is dropped, as the user chose; never annotated as if it were English.
 */
#pragma once

#include <glib.h>
#include <galley/galley-document.h>
#include <galley/galley-params.h>

G_BEGIN_DECLS

/**
 * galley_other_language_choices:
 *
 * The choices of on-other-language=: "pass", "drop".
 *
 * Since: 1.1
 */
extern const char *const galley_other_language_choices[];

/**
 * GALLEY_LANGUAGE_PARAMS:
 * @default_: the default of languages= as a string ("en")
 *
 * Two entries of a stage's parameter table: languages= (a string list of
 * ISO 639 codes) and on-other-language= (pass or drop).
 *
 * Since: 1.1
 */
#define GALLEY_LANGUAGE_PARAMS(default_) \
  { "languages", GALLEY_PARAM_STRING_LIST, default_, 0, 0, NULL, \
    "ISO 639 codes of the languages this stage annotates; a document whose " \
    "'language' feature is another one is left alone (no feature: annotated)", 0 }, \
  { "on-other-language", GALLEY_PARAM_CHOICE, "pass", 0, 0, \
    galley_other_language_choices, \
    "a document in another language: pass (on, unannotated) or drop", 0 }

/**
 * galley_document_language_matches:
 * @doc: a document
 * @languages: (array zero-terminated=1): NULL-terminated ISO 639 codes
 *
 * Asks whether a stage limited to @languages should annotate @doc.
 *
 * Returns: TRUE when @doc has no "language" feature (no language stage ran),
 *   or the feature's primary subtag ("pt" of "pt-BR") equals one of
 *   @languages, ignoring ASCII case.
 *
 * Since: 1.1
 */
gboolean galley_document_language_matches (const GalleyDocument *doc,
                                           const char *const *languages);

/**
 * GalleyLanguageFilter:
 *
 * What languages= and on-other-language= ask of a stage (opaque).
 *
 * Since: 1.1
 */
typedef struct _GalleyLanguageFilter GalleyLanguageFilter;

/**
 * galley_language_filter_new:
 * @params: the stage's values (the table must hold GALLEY_LANGUAGE_PARAMS())
 *
 * The filter that languages= and on-other-language= of @params describe.
 *
 * Returns: (transfer full): the filter, free with
 *   galley_language_filter_free().
 *
 * Since: 1.1
 */
GalleyLanguageFilter *galley_language_filter_new (const GalleyParams *params) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_language_filter_new_checked:
 * @params: the stage's values (the table must hold GALLEY_LANGUAGE_PARAMS())
 * @error: return location for a #GError
 *
 * As galley_language_filter_new(), but an entry of languages= that is no
 * ISO 639 code ("english", "e") is an error rather than a warning: it
 * would match no document the language stage labels, and every one would
 * pass the stage unannotated. Call it from the stage's create function.
 *
 * Returns: (transfer full) (nullable): the filter, or NULL with @error
 *   set (%GALLEY_PIPELINE_ERROR_BAD_VALUE, "parameter 'languages':
 *   'english' is not an ISO 639 code; did you mean 'en'?").
 *
 * Since: 1.5
 */
GalleyLanguageFilter *galley_language_filter_new_checked (const GalleyParams *params,
                                                          GError **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * galley_language_filter_free:
 * @filter: (nullable): a filter
 *
 * Frees @filter. NULL is allowed.
 *
 * Since: 1.1
 */
void galley_language_filter_free (GalleyLanguageFilter *filter);

/**
 * galley_language_filter_accepts:
 * @filter: a filter
 * @doc: the document being processed
 *
 * Thread-safe: reads @filter only.
 *
 * Returns: TRUE when the stage should annotate @doc (see
 *   galley_document_language_matches()). FALSE when it should return TRUE
 *   at once, leaving @doc as it is; with on-other-language=drop @doc has
 *   then been dropped (galley_document_drop(), reason "language 'de' is not
 *   in languages=en").
 *
 * Since: 1.1
 */
gboolean galley_language_filter_accepts (const GalleyLanguageFilter *filter,
                                         GalleyDocument *doc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GalleyLanguageFilter, galley_language_filter_free)

G_END_DECLS
