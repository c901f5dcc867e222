/* abbrev.h: the abbreviation table of the tokenizer.
 *
 * An abbreviation is looked up by its letters without the final period
 * ("mr", "u.s", "e.g"), case-insensitively (ASCII), in a sorted array:
 * the key is lowercased into a stack buffer and found by binary search,
 * so a lookup allocates nothing. Lookups only happen for a word followed
 * by a period, a few per cent of tokens, so a perfect hash would not pay.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AbbrevClass:
 * @ABBREV_NONE: not an abbreviation
 * @ABBREV_TITLE: comes before a name or phrase and never ends a sentence
 *   (Mr. Dr. Gen. e.g. i.e. vs.)
 * @ABBREV_MIDDLE: usually inside a sentence; ends one only before a word
 *   that typically starts a sentence (U.S. Jan. St. a.m. Calif. Inc. Jr.)
 * @ABBREV_END: often ends a sentence, so before any capitalised word
 *   (etc., et al.)
 * @ABBREV_NUMERIC: an abbreviation only before a number (No. 5, p. 12)
 */
typedef enum {
  ABBREV_NONE = 0,
  ABBREV_TITLE,
  ABBREV_MIDDLE,
  ABBREV_END,
  ABBREV_NUMERIC,
} AbbrevClass;

#define ABBREV_MAX_KEY 31

typedef struct _AbbrevTable AbbrevTable;

/* abbrev_table_new: the built-in table, extended (and overridden) by the
 * file @path when not NULL. The file has one abbreviation a line, with or
 * without its final period, optionally followed by white space and a class
 * (title, middle, end, numeric; default middle); '#' starts a comment.
 * Errors name the file and line (G_FILE_ERROR or GALLEY_PIPELINE_ERROR). */
AbbrevTable *abbrev_table_new (const char *path, GError **error) G_GNUC_WARN_UNUSED_RESULT;
void abbrev_table_free (AbbrevTable *table);

/* abbrev_table_lookup: the class of the @len bytes at @word (no final
 * period). An entry marked as capitalised only matches a word whose first
 * letter is upper case ("Gen." but not "gen."). */
AbbrevClass abbrev_table_lookup (const AbbrevTable *table, const char *word,
                                 gsize len);

/* abbrev_table_size: number of entries, for tests. */
guint abbrev_table_size (const AbbrevTable *table);

G_END_DECLS
