/* dup-frozen.h: the band table of the entries an index file brought, read
 * only: per band, the entries sorted by the band's value into buckets.
 *
 * Why not the hash table of dup-index.c for them: that table is kept half
 * full so that its probes stay short, 24 slots of 4 bytes at half full,
 * 192 bytes an entry (216 with the room made after a load). The entries
 * of a file do not change during a run, so their bands can be packed
 * instead: one 4-byte slot a band and entry, nothing empty, and an
 * array of bucket starts: 96 bytes an entry and 12 MB with a million
 * entries (108 bytes an entry). The stage that loads a million entries
 * and then the real-news file peaks at 238 MB instead of 340; the cost,
 * two places of memory a band where the hash table reads one, and a
 * lookup about three times slower at a million entries: see
 * dup-index.c.
 *
 * A band's value is its three bytes, 24 bits. Its highest bucket_bits
 * bits choose a bucket (4 to 8 entries a bucket on average, up to 2^17
 * buckets a band, reached with a million entries), and a slot holds
 * the band's last 7 bits (a tag) above the entry's number (25 bits: a
 * file of more than 33 million entries is not frozen, see
 * dup_index_freeze). A probe reads
 * the bucket's two starts, then its slots (one or two lines of memory),
 * and takes the entries whose tag is the band's: with 2^17 buckets,
 * exactly those that share the band; with fewer, the band's bytes in
 * the entry's signature reject the others, as for the hash table's
 * fingerprints. Within a bucket the entries are in their order, so that
 * candidates are met in the order the hash table met them. Why 4 to 8
 * entries a bucket and not 8 to 16 (an 8-bit tag, 2^16 buckets, 6 MB
 * of starts instead of 12 with a million entries): a lookup among a
 * million took 1.58-1.64 us instead of 1.85-1.93 (bench-dup-index, two
 * runs each alternated, load 8.5), a bucket of 64 bytes crossing into a
 * second line of memory nearly always. Nor 2 to 4 (2^18 buckets and a
 * 6-bit tag with a million entries, a bucket crossing into a second
 * line less often): 1.52-1.70 us against 1.35-1.45, 24 MB of starts
 * missing the caches more (176 MB peak instead of 164;
 * bench-dup-index --file, three runs alternated, load 4.9).
 */
#pragma once

#include <glib.h>

#include "minhash.h"

G_BEGIN_DECLS

/* A slot: the tag (the band's last 7 bits) above 25 bits of entry
 * number; the entries a frozen table can hold (fewer in a test build, to
 * run the other way too). */
#define DUP_FROZEN_TAG_BITS 7
#define DUP_FROZEN_TAG_SHIFT 25
#define DUP_FROZEN_ENTRY_MASK ((1u << DUP_FROZEN_TAG_SHIFT) - 1)
#ifndef DUP_FROZEN_MAX_ENTRIES
#define DUP_FROZEN_MAX_ENTRIES (1u << DUP_FROZEN_TAG_SHIFT)
#endif

typedef struct {
  guint n_entries;     /* entries 0 .. n_entries - 1; 0: empty */
  guint bucket_bits;
  gsize band_starts;   /* starts a band: (1 << bucket_bits) + 1 */
  guint32 *starts;     /* per band, each bucket's first slot, then the end */
  guint32 *slots;      /* per band, n_entries: tag << 25 | entry */
} DupFrozen;

/* dup_frozen_build: makes @frozen (empty or cleared) for @n entries
 * (at most DUP_FROZEN_MAX_ENTRIES) whose signatures are at @sigs,
 * @stride bytes apart. */
void dup_frozen_build (DupFrozen *frozen, const guint8 *sigs, gsize stride, guint n);

/* The same in steps, for entries read from a file rather than kept:
 * dup_frozen_begin() for @n entries, dup_frozen_add() of each entry @e
 * (in any order), then dup_frozen_finish(). */
void dup_frozen_begin (DupFrozen *frozen, guint n);
void dup_frozen_add (DupFrozen *frozen, guint e, const guint8 *sig);
void dup_frozen_finish (DupFrozen *frozen);

/* dup_frozen_clear: frees the table's memory and makes it empty. */
void dup_frozen_clear (DupFrozen *frozen);

/* dup_frozen_bucket: the index in frozen->starts of the bucket of band
 * @band of @sig: its start, and the next bucket's, its end. */
static inline gsize
dup_frozen_bucket (const DupFrozen *frozen, const guint8 *sig, guint band)
{
  const guint8 *v = sig + band * MINHASH_ROWS;
  guint32 value = (guint32) v[0] << 16 | (guint32) v[1] << 8 | v[2];

  G_STATIC_ASSERT (MINHASH_ROWS == 3);
  return band * frozen->band_starts + (value >> (24 - frozen->bucket_bits));
}

/* dup_frozen_tag: what a slot of band @band of @sig holds above the
 * entry's number. */
static inline guint32
dup_frozen_tag (const guint8 *sig, guint band)
{
  return sig[band * MINHASH_ROWS + MINHASH_ROWS - 1] & ((1u << DUP_FROZEN_TAG_BITS) - 1);
}

/* dup_frozen_band_slots: the slots of band @band (the starts index it). */
static inline const guint32 *
dup_frozen_band_slots (const DupFrozen *frozen, guint band)
{
  return &frozen->slots[(gsize) band * frozen->n_entries];
}

G_END_DECLS
