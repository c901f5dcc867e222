/* minhash.h: MinHash signatures of word shingles, and their LSH bands.
 *
 * A signature is MINHASH_K one-byte values: one-permutation MinHash (one
 * hash per shingle, the hash space cut into K buckets, the minimum kept
 * per bucket, empty buckets filled from the next full one) reduced to
 * the low byte of a re-hash of each minimum ("b-bit MinHash"). Two texts
 * agree on a byte with probability J + (1 - J) / 256, J the Jaccard
 * similarity of their shingle sets.
 *
 * LSH: the first MINHASH_BANDS * MINHASH_ROWS bytes (72 of the 96) form
 * MINHASH_BANDS bands of MINHASH_ROWS bytes; two texts become candidates
 * when they agree on a whole band, with probability 1 - (1 - J^3)^24:
 * 0.96 at J = 0.5, 0.48 at J = 0.3, 0.18 at J = 0.2, and the similarity
 * of the few candidates is then estimated from the whole signature.
 * Why 24 bands and not all 32: each band is a slot of the index's table
 * (128 bytes a document at best with 32) and a random line of memory a
 * lookup reads; the pairs that 32 bands found and 24 do not are almost
 * all below the threshold anyway. On the news evaluation set (10,569
 * articles and 3,000 made-up copies) the marks at thresholds 0.5 and 0.6
 * are the same pairs, at 0.4 one copy fewer of 3,000 is found (recall
 * 0.857 both), at 0.3 nine (0.900 -> 0.897); on the bench corpus the
 * same pairs. 20 bands lost 0.008 of recall at 0.3, 16 bands 0.006 at
 * 0.4.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MINHASH_K 96
#define MINHASH_ROWS 3
#define MINHASH_BANDS 24  /* of MINHASH_K / MINHASH_ROWS: see above */
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

/* minhash_similarity_of_count: the similarity of two signatures that
 * agree on @same of their MINHASH_K bytes; it grows with @same, so that a
 * bound on @same bounds the similarity (dup-fingerprint.h). */
double minhash_similarity_of_count (guint same);

/* minhash_band_key: a 64-bit key of band @band of @sig, distinct per band. */
guint64 minhash_band_key (const guint8 *sig, guint band);

/* minhash_settings: (transfer full) the name of the signatures made with
 * @shingle, which an index file records and compares: "oph96x8 shingle=3". */
char *minhash_settings (guint shingle);

G_END_DECLS
