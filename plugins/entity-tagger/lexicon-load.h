/* lexicon-load.h: filling a Lexicon from its sources. The stage calls
 * lexicon_new_builtin(), then iso_codes (optional), then gazetteer*;
 * lexicon-gen makes what lexicon_new_builtin() copies with lexicon_new(),
 * builtin_words, builtin_phrases. */
#pragma once

#include "lexicon.h"

G_BEGIN_DECLS

/* lexicon_new_builtin: (transfer full) a new lexicon holding the
 * built-in lists, as builtin_words and builtin_phrases would load them
 * (lexicon-builtin.c: copied from tables made at build time). */
Lexicon *lexicon_new_builtin (void);

/* lexicon_load_builtin_words: the word lists compiled into the module
 * (names, common words, organisation and place words, number and date
 * words). */
void lexicon_load_builtin_words (Lexicon *lex);

/* lexicon_load_iso_codes: country names and subdivisions from iso-codes'
 * iso_3166-1.json and iso_3166-2.json in @dir, below the built-in lists'
 * phrases (lexicon_add_phrase_under()). FALSE with @error set when a
 * file is missing or malformed. */
gboolean lexicon_load_iso_codes (Lexicon *lex, const char *dir, GError **error);

/* lexicon_load_builtin_phrases: titles and the typed gazetteers compiled
 * into the module. */
void lexicon_load_builtin_phrases (Lexicon *lex);

/* lexicon_load_gazetteer: a user TSV file, PHRASE<TAB>TYPE[<TAB>CANONICAL]
 * a line ('#' lines and blank lines skipped). Its phrases replace the
 * built-in ones. Errors (GALLEY_PIPELINE_ERROR_STAGE) name the file and
 * line: a missing file, text that is not UTF-8, a wrong number of fields,
 * an empty phrase, an unknown TYPE. */
gboolean lexicon_load_gazetteer (Lexicon *lex, const char *path, GError **error);

G_END_DECLS
