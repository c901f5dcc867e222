/* function-words.h: the frequent function words of 30 Latin-script
 * languages, as one hash table from a word to the set of languages whose
 * list holds it (a bit mask: "in" is English, German, Dutch, Italian...).
 *
 * The fast first tier of the language stage (detect-fast.c) looks up
 * every word of the judged text here, so the lookup is inline and costs
 * one multiplication and, for most words, one or two 64-bit comparisons.
 */
#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* The languages of the lists, one bit each, in this order. */
typedef enum {
  FW_EN, FW_DE, FW_NL, FW_AF, FW_FR, FW_ES, FW_PT, FW_GL, FW_IT, FW_CA,
  FW_RO, FW_DA, FW_NO, FW_SV, FW_FI, FW_ET, FW_PL, FW_CS, FW_SK, FW_HR,
  FW_SL, FW_HU, FW_TR, FW_ID, FW_MS, FW_TL, FW_LV, FW_LT, FW_SW, FW_CY,
  FW_N_LANGUAGES
} FunctionWordLanguage;

/* The longest word of any list, in bytes: a word is looked up as one
 * 64-bit key, and longer words are in no list. */
#define FUNCTION_WORD_MAX_LEN 8

/* Slots of the open-addressing table: a power of two, about four times
 * the number of distinct words, so that a probe rarely goes past its
 * slot. Half the words of a news text are in no list, and a miss probes
 * until an empty slot: at twice the words, the lookups cost 2.6 M more
 * instructions over 10,569 news articles (the stage 72.5 M against
 * 69.9 M; eight times the words saves 0.4 M more for twice the memory). */
#define FUNCTION_WORD_SLOT_BITS 12
#define FUNCTION_WORD_SLOTS (1u << FUNCTION_WORD_SLOT_BITS)

/* Room for the words of the English list that other lists hold too
 * ("in", "a", "was", "de"...: 31 today). Each has a number below this,
 * so that a scanner counts such a word with one increment and works out
 * what it means for each language only when that language is in
 * question (detect-fast.c). */
#define FUNCTION_WORD_MAX_SHARED 48

typedef struct {
  guint64 key[FUNCTION_WORD_SLOTS];   /* function_word_key(); 0: empty */
  guint32 mask[FUNCTION_WORD_SLOTS];  /* 1 << FunctionWordLanguage, or'ed;
                                       * 0 for an empty slot */
  /* for a word of the English list and some other: its number, below
   * n_shared */
  guint8 shared_id[FUNCTION_WORD_SLOTS];
  guint n_shared;
  /* bit n: shared word n is in the language's list */
  guint64 shared_in[FW_N_LANGUAGES];
} FunctionWords;

/* function_word_key: the key of the word at @word (@len bytes, 1 to
 * FUNCTION_WORD_MAX_LEN; @avail bytes may be read from @word, at least
 * @len): its bytes in one integer, first byte lowest, each or'ed with
 * 0x20. That lowercases ASCII letters, and folds the case of the
 * accented Latin letters too (UTF-8 'Ä' C3 84 and 'ä' C3 A4 both become
 * E3 A4); it also folds a few unrelated pairs of UTF-8 continuation
 * bytes together, which no word of the lists meets in practice. No key
 * is 0, so 0 marks an empty slot.
 *
 * Why this shape: one load and one integer comparison, where a hash
 * computed byte by byte while scanning needs the word copied aside and
 * a string comparison; the stage costs about the same either way
 * (callgrind over 10,569 news articles: 134 M against 136 M
 * instructions), but the key needs nothing from the scanner but the
 * word's place, which lets it read eight bytes at a time. */
static inline guint64
function_word_key (const guchar *word, gsize len, gsize avail)
{
  /* the low @len bytes (1 <= @len <= 8) of a key: a load where the
   * shift it replaces took four instructions a word (callgrind over the
   * stage on 10,569 news articles: 3 M of the first tier's 67 M) */
  static const guint64 keep[FUNCTION_WORD_MAX_LEN + 1] = {
    0, 0xff, 0xffff, 0xffffff, 0xffffffff, G_GUINT64_CONSTANT (0xffffffffff),
    G_GUINT64_CONSTANT (0xffffffffffff), G_GUINT64_CONSTANT (0xffffffffffffff),
    G_MAXUINT64
  };
  guint64 key = 0;

  if (avail >= 8)
    memcpy (&key, word, 8);  /* one load: a memcpy of variable length is a call */
  else
    memcpy (&key, word, len);
  return (GUINT64_FROM_LE (key) | G_GUINT64_CONSTANT (0x2020202020202020)) & keep[len];
}

static inline guint
function_word_slot (guint64 key)
{
  return (key * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)) >> (64 - FUNCTION_WORD_SLOT_BITS);
}

/* function_words_get: the table, built on first use (thread-safe), then
 * read-only. */
const FunctionWords *function_words_get (void);

/* function_words_code: the ISO 639-1 code of @lang ("en"; "hr" stands for
 * Croatian, Serbian and Bosnian in Latin script, whose lists are one). */
const char *function_words_code (FunctionWordLanguage lang);

/* function_words_find_slot: the slot of the word of @key
 * (function_word_key()), or the empty slot where the search ended, whose
 * mask is 0: fw->mask[] of the result is the languages whose list holds
 * the word, 0 for none. */
static inline guint
function_words_find_slot (const FunctionWords *fw, guint64 key)
{
  guint i = function_word_slot (key);

  while (fw->key[i] != key && fw->key[i] != 0)
    i = (i + 1) & (FUNCTION_WORD_SLOTS - 1);
  return i;
}

/* function_words_find: the languages whose list holds the word of
 * @key (function_word_key()), 0 for none. */
static inline guint32
function_words_find (const FunctionWords *fw, guint64 key)
{
  return fw->mask[function_words_find_slot (fw, key)];
}

/* function_words_lookup: the same for a word as written (@len bytes);
 * a word longer than FUNCTION_WORD_MAX_LEN is in no list. For tests and
 * tools: the scanner makes its keys in place. */
guint32 function_words_lookup (const char *word, gsize len);

G_END_DECLS
