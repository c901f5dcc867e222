/* clusters.h: classes of words learned from unlabeled text, as model
 * features (issue 17: `galley train entity-tagger --clusters-from FILE`).
 *
 * Words that occur in the same contexts get the same class: "Tuesday"
 * and "Friday", "Reuters" and "AP", "Smith" and "Jones". A name the
 * annotated data never shows still has a class that the data does, so
 * the model can read it; that is why such classes help a perceptron
 * most on text unlike its training data.
 *
 * The method is the exchange algorithm of the one-sided class bigram
 * model (each word predicted from the class of the word before it):
 * every word starts in a class by its frequency rank, then each word in
 * turn moves to the class that raises the text's likelihood most, for a
 * fixed number of passes. Words are keyed by the tagger's folded hash
 * (tok_hash(): case does not count, the word's shape is a feature of its
 * own); a word seen fewer than min_count times has no class.
 *
 * Measured (issue 17): by 5-fold cross-validation on GUM, classes of
 * the news file, of WordNet's glosses or of GUM's own texts, K from 64
 * to 512, did not gain on all three seeds (docs/plugins/entity-tagger.md,
 * "Word classes from unlabeled text"), nor did the two-sided exchange
 * (Brown's class bigram model), so the built-in model has none. On the
 * news file's 1.9 M words, 256 classes take 2.3 s of CPU.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The counts the classes are learned from: bigrams of word hashes. */
typedef struct _EtClusterText EtClusterText;

EtClusterText *et_cluster_text_new (void);
void et_cluster_text_free (EtClusterText *t);
/* et_cluster_text_add: the word hashes of one document, in order
 * (bigrams do not cross documents). */
void et_cluster_text_add (EtClusterText *t, const guint64 *words, guint n);
/* et_cluster_text_tokens: how many words were added. */
guint64 et_cluster_text_tokens (const EtClusterText *t);

/* Words and their classes (0 .. n_classes - 1). */
typedef struct _EtClusters EtClusters;

typedef struct {
  guint n_classes;   /* K, 2 to 65535 */
  guint min_count;   /* words seen fewer times get no class */
  guint passes;      /* over every word */
  /* the most frequent words that get a class, the others counting as
   * rare; 0: as many as ET_CLUSTERS_TABLE_BYTES of counts hold */
  guint max_words;
} EtClusterOptions;

/* The exchange algorithm's table of counts holds (words + 1) x
 * (classes + 1) of 4 bytes: 256 MiB keeps 261,000 words at 256 classes
 * (a year of a newsroom's articles holds far more words seen 3 times). */
#define ET_CLUSTERS_TABLE_BYTES (G_GUINT64_CONSTANT (256) << 20)

/* et_clusters_learn: the classes of @t's words (at least one word must
 * reach min_count). */
EtClusters *et_clusters_learn (const EtClusterText *t, const EtClusterOptions *opts);
void et_clusters_free (EtClusters *c);

guint et_clusters_n_classes (const EtClusters *c);
guint et_clusters_n_words (const EtClusters *c);
/* et_clusters_lookup: the class of word hash @word + 1, 0 when it has
 * none. */
guint et_clusters_lookup (const EtClusters *c, guint64 word);

/* The model file's section (model.c): u32 classes, u32 words, then each
 * word as u64 hash and u16 class, little-endian, by increasing hash. */
void et_clusters_write (const EtClusters *c, GByteArray *out);
/* et_clusters_read: the section at @p (@len bytes left); sets *@used to
 * the bytes it took; NULL when they are not a valid section. */
EtClusters *et_clusters_read (const guint8 *p, gsize len, gsize *used);

G_END_DECLS
