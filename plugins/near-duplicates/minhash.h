/* minhash.h: MinHash signatures of word shingles, and their LSH bands.
 *
 * A signature is MINHASH_K one-byte values: one-permutation MinHash (one
 * hash per shingle, the hash space cut into K buckets, the minimum kept
 * per bucket, empty buckets filled from the next full one) reduced to
 * the low byte of a re-hash of each minimum ("b-bit MinHash"). Two texts
 * agree on a byte with probability J + (1 - J) / 256, J the Jaccard
 * similarity of their shingle sets.
 *
 * LSH: the K bytes form MINHASH_BANDS bands of MINHASH_ROWS bytes; two
 * texts become candidates when they agree on a whole band, with
 * probability 1 - (1 - J^3)^32: 0.99 at J = 0.5, 0.58 at J = 0.3, 0.23 at
 * J = 0.2, so that a threshold of 0.5 loses almost no pair to the bands
 * and the similarity of the few candidates is then estimated from the
 * whole signature.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MINHASH_K 96
#define MINHASH_ROWS 3
#define MINHASH_BANDS (MINHASH_K / MINHASH_ROWS)
#define MINHASH_MAX_SHINGLE 8

/* minhash_signature: the signature of @text's word @shingle-grams
 * (1..MINHASH_MAX_SHINGLE) into @sig. Words are runs of ASCII letters and
 * digits and of non-ASCII bytes, ASCII folded to lower case. FALSE (and
 * @sig untouched) when the text has fewer than @shingle words. */
gboolean minhash_signature (const char *text, gsize len, guint shingle,
                            guint8 sig[MINHASH_K]);

/* minhash_similarity: the Jaccard similarity that two signatures estimate
 * (0 .. 1). */
double minhash_similarity (const guint8 *a, const guint8 *b);

/* minhash_band_key: a 64-bit key of band @band of @sig, distinct per band. */
guint64 minhash_band_key (const guint8 *sig, guint band);

/* minhash_settings: (transfer full) the name of the signatures made with
 * @shingle, which an index file records and compares: "oph96x8 shingle=3". */
char *minhash_settings (guint shingle);

G_END_DECLS
