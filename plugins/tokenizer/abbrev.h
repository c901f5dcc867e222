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

#include "chars.h"

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

/* A filter before the hash: one bit for each (length, first letter,
 * last letter) of a key, folded to lower case, that some entry has. Most
 * words before a period are no abbreviation ("said." "year."), and a bit
 * that is clear answers for them without hashing the word or probing
 * the table: about 10 instructions instead of about 100 (the fold and
 * hash of every byte, two or three probes). Entries from an
 * abbreviations= file set their bits as built-in ones do. Callgrind,
 * news-dev (10,569 articles, 76,000 lookups): the stage 244.5M ->
 * 240.4M instructions; 212.3M -> 211.2M with the filter inline here,
 * which spares the rejected words the call. */
#define SEEN_BITS 4096u

static inline guint
seen_bit (gsize len, guchar first, guchar last)
{
  return (guint) (((guint) first * 31u + last) * 32u + len) & (SEEN_BITS - 1);
}

/* Open addressing on an FNV-1a hash of the folded key, at most half
 * full, so a lookup is one pass over the word's bytes (folding and
 * hashing together) and about one key comparison. It replaced a binary
 * search over the sorted keys, which cost ~400 instructions a lookup
 * (9 strcmp calls) against ~40 now; lookups happen for every word
 * before a period, about one token in fifteen. */
struct _AbbrevTable {
  GArray *entries;  /* Entry, sorted by key, unique */
  guint32 *slots;   /* index + 1 into entries; 0 is empty */
  guint mask;       /* number of slots - 1 */
  guint64 seen[SEEN_BITS / 64];  /* see seen_bit() */
};

/* abbrev_table_find: abbrev_table_lookup() after the filter. */
AbbrevClass abbrev_table_find (const AbbrevTable *table, const char *word, gsize len);

/* abbrev_table_lookup: the class of the @len bytes at @word (no final
 * period). An entry marked as capitalised only matches a word whose first
 * letter is upper case ("Gen." but not "gen."). */
static inline AbbrevClass
abbrev_table_lookup (const AbbrevTable *table, const char *word, gsize len)
{
  guint b;

  if (len == 0 || len > ABBREV_MAX_KEY)
    return ABBREV_NONE;
  b = seen_bit (len, (guchar) tok_lower ((guchar) word[0]), (guchar) tok_lower ((guchar) word[len - 1]));
  if (!(table->seen[b / 64] & (G_GUINT64_CONSTANT (1) << (b % 64))))
    return ABBREV_NONE;
  return abbrev_table_find (table, word, len);
}

/* abbrev_table_size: number of entries, for tests. */
guint abbrev_table_size (const AbbrevTable *table);

G_END_DECLS
