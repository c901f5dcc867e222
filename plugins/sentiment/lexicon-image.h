/* lexicon-image.h: the built-in lexicon's compiled tables as C data (not
 * installed).
 *
 * Building the default lexicon from the text of the data files cost 85 M
 * instructions (about 15 ms) at every start (callgrind, sentiment_create):
 * hash table inserts, g_strsplit per line, the inflections, sorting. The
 * tables it ends with depend on nothing but the data files, so lexicon-gen
 * (run by make) builds them once with sentiment_lexicon_new_text() and
 * prints them as a C file, sentiment-lexicon-data.c, with this image of
 * them; create() copies the image instead (lexicon-builtin.c). The data
 * files stay the source of truth: the C file is rebuilt whenever they
 * change, and test-sentiment-lexicon checks that both ways give the same
 * tables, entry by entry. */
#pragma once

#include <stdio.h>

#include <glib.h>

#include "lexicon-lookup.h"

typedef struct {
  const SentimentEntry *entries;
  guint32 n_entries;
  const guint64 *pool;
  guint32 n_pool;
  const guint32 *key_offset;  /* n_entries of them, as key_len */
  const guint16 *key_len;
  const SentimentSlot *slots;
  guint32 slot_mask;          /* slot_mask + 1 slots */
  const guint64 *bloom;       /* SENTIMENT_BLOOM_BITS / 64 words */
  const SentimentEdge *edges;
  guint32 edge_mask;          /* edge_mask + 1 edges */
  const gint32 *node_entry;   /* n_nodes of them */
  guint32 n_nodes;
  const guint32 *root_child;  /* n_root of them */
  guint32 n_root;
  guint32 n_words;
  guint32 n_phrases;
} SentimentLexiconImage;

/* The default lexicon (no lexicon=, news-overrides=true), in the
 * generated sentiment-lexicon-data.c. */
extern const SentimentLexiconImage sentiment_builtin_image;

/* sentiment_lexicon_from_image: a lexicon with copies of @image's tables.
 * Returns: (transfer full). */
SentimentLexicon *sentiment_lexicon_from_image (const SentimentLexiconImage *image);

/* sentiment_lexicon_write_image: prints @lexicon's tables to @out as a C
 * file that defines sentiment_builtin_image. Returns FALSE when @out
 * fails (errno set). */
gboolean sentiment_lexicon_write_image (const SentimentLexicon *lexicon, FILE *out);
