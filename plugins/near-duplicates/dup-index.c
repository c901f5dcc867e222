/* dup-index.c: see dup-index.h.
 *
 * Rows (issue 18's third round): the entries of a loaded index file keep
 * in memory only a 32-byte Row (the lookups' mark, the rowid, the
 * fingerprint of dup-fingerprint.h) beside their slots of the frozen
 * table: 140 bytes an entry with a million, where a record and an id
 * had taken about 120 more. A candidate row whose fingerprint could
 * reach the threshold is read back from the file (try_row): a copy
 * nearly always, one lookup of an unrelated document in more than
 * 100,000 otherwise (none in 100,000 at 11,000, 100,000 or a million
 * entries, bench-dup-index --file), at 3.5 to 5.6 us a read
 * (docs/plugins/near-duplicates.md). Without rows, the stage's
 * instructions on the real-news file are 316.5 M against 316.1 M before
 * (callgrind).
 *
 * Records: one block of (time, mark, signature) records, 104 bytes each
 * (the time 4 bytes, a difference from the first entry's), and the ids
 * end to end in one string arena (a 4-byte offset per entry), so that an
 * entry costs about 120 bytes with ids of 15 bytes instead of a heap
 * block per id.
 *
 * Two band tables. The entries of the index file, which do not change
 * during a run, are in a packed read-only one (dup-frozen.h): 96 bytes
 * an entry and 12 MB with a million. The run's new entries are in the
 * LSH hash table: one open-addressing array of 4-byte slots with linear
 * probing, each entry in 24 slots (one a band, minhash.h), made for a
 * number of entries (cap) at which it is half full: 192 bytes an entry
 * then, up to 384 just after it has doubled. Until issue 18's second
 * round the file's entries were in it too (216 bytes an entry after a
 * load, with an eighth more room made): the stage that loads a million
 * entries peaked at 340 MB, 238 MB with the packed table, but a lookup
 * among a million frozen entries reads two places a band (its bucket's
 * starts, then its slots) and costs about three times the hash
 * table's (bench-dup-index, CPU time, three runs alternated, load 8 to
 * 10: 1.46-2.05 us against 0.57-0.65; 0.37-0.39 against 0.21-0.33 with
 * 11,000 entries), which loading the file faster makes up for in a run
 * of ten thousand documents (docs/plugins/near-duplicates.md). The hash
 * table's size is
 * any number of lines, not a power of two, which had left it a quarter
 * to a half full whatever the entries (256 to 512 bytes an entry with
 * 32 bands). Not fuller: a probe goes on to the next line, a miss the
 * prefetch did not ask for, when its line is full: one probe in 100 at
 * half full, one in 25 at 3/5, one in 2 at 4/5. A lookup of a random
 * signature among a million entries took 0.75 us at 1/2 full, 0.82 at
 * 3/5, 1.78 at 4/5 (32 bands; with 24, 0.56 at 1/2 and 0.60-0.61 at
 * 3/5); a new document's lookup and add (random signatures, eight runs
 * at a load of 7 on two cores) 0.75-1.13 us at 1/2 (0.48 full), 0.77-1.29
 * at 3/5 (0.57 full), against 0.89-1.05 with 32 bands in a power of two
 * (0.48 full). Two lines a probe (128-byte buckets, both prefetched)
 * were slower at every load (1.03 us at 1/2 full, 32 bands). A band's
 * probe starts at the first slot of the 64-byte line that the key's low
 * 32 bits choose, so that it reads one line. A slot holds entry + 1 in
 * its low entry_bits bits (0 marks an empty slot) and, above them, a
 * fingerprint of the band key (its highest bits). As the table doubles,
 * the entry takes one bit more and the fingerprint one less: 11 bits
 * with a million entries, so that about one occupied slot in 2,000 that
 * a probe meets is a false match, which the band's three bytes in the
 * entry's signature then reject. A candidate therefore always shares a
 * whole band with the signature looked up.
 *
 * Why the two passes of a lookup (compute all the lines and prefetch
 * them, then read them; gather the candidates and prefetch their
 * records, then compare): once the table outgrows the caches each probe
 * is a miss of memory, and 32 misses taken one after the other were the
 * whole cost of a lookup (2.9-3.4 us of CPU with a million entries
 * against 0.5 with 10,000, tests/near-duplicates/bench-dup-index).
 * Issued together the misses overlap: 1.6-1.9 us with a million, and
 * 0.76-0.83 us once the probes read whole lines and the records sat in
 * huge pages too (against 0.20-0.22 with 11,000; 32 random lines of a
 * 256 MB array, prefetched together, take 0.42 us on this machine);
 * 0.56-0.58 us with 24 bands (0.67-0.69 with 32 that day). The insert
 * of a new document then writes the slots where the lookup's probes
 * ended: lines it has just read.
 * Candidates are compared in the order the bands meet them, so ties go
 * to the entry met first, as before.
 *
 * Entries are only appended during a run; eviction happens when the
 * index is loaded (dup-store.c), which builds the tables afresh.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "dup-fingerprint.h"
#include "dup-frozen.h"
#include "dup-index.h"

typedef guint32 Slot;

/* A line of the table: the slots of one 64-byte cache line, where a
 * band's probe starts (see home_slot). */
#define LINE_SLOTS 16

/* An entry's record. The mark of the lookups is here, not in an array of
 * its own, so that a candidate costs the lookup one place in memory, not
 * two. */
typedef struct {
  gint32 dt;           /* time - DupIndex.t_base, see to_dt */
  guint32 stamp;       /* see DupIndex.lookups */
  guint8 sig[MINHASH_K];
} Entry;

/* An entry of the index file known by its row only (dup_index_begin_rows):
 * 32 bytes where a record and an id take about 120. */
typedef struct {
  guint32 stamp;       /* as Entry's */
  guint32 row;         /* rowid - DupIndex.row_base */
  DupFingerprint fp;
} Row;

/* A row's id, time and signature, read back from the file. */
typedef struct {
  gint entry;          /* -1: none */
  GString *id;
  gint64 t;
  guint8 sig[MINHASH_K];
} ReadBack;

typedef struct {
  guint32 entry;
  guint32 band;
} Candidate;

struct _DupIndex {
  /* entries 0 .. n_rows - 1 are rows of the index file, those after
   * them records: entry e is entries[e - n_rows] */
  Row *rows;
  guint n_rows;
  gint64 row_base;
  DupReadRow read;
  gpointer read_data;
  ReadBack *found;     /* the last row dup_index_find chose or get read */
  ReadBack *reading;   /* the row being compared */
  DupIndexStats stats;
  Entry *entries;      /* in memory of big_alloc() */
  guint n_entries;     /* rows and records */
  gsize entries_room;  /* records */
  GString *ids;        /* every record's id, each followed by its NUL */
  GArray *id_starts;   /* guint32 per record: its id's offset in ids */
  gint64 t_base;       /* the first record's time */
  /* entries 0 .. frozen.n_entries - 1, those of the index file, are in
   * the frozen table (dup-frozen.h), the others in the hash table below,
   * as entry - frozen.n_entries */
  DupFrozen frozen;
  Slot *slots;
  gsize n_lines;       /* any number: see home_slot */
  gsize n_slots;       /* n_lines * LINE_SLOTS */
  guint cap;           /* entries the hash table is made for */
  guint entry_bits;    /* low bits of a slot that hold entry + 1 */
  /* dup_index_find's mark of the entries it tried: an entry's stamp ==
   * lookups when the current lookup tried it. A mark in the record, not
   * a list search: on templated text (earnings notices, the bench
   * corpus) a lookup meets hundreds of candidates, and searching a list
   * of them took half the stage's time. */
  guint32 lookups;
  /* dup_index_find's, kept to reuse: a plain array, written in place
   * (g_array_append_val's call per candidate was a sixth of a lookup's
   * instructions on templated text) */
  Candidate *candidates;
  guint n_candidates, candidates_room;
  /* what dup_index_find leaves for a dup_index_add of the same
   * signature that follows it (the stage's, of a new document): the band keys and
   * the line where each band's probe ended, where the insert goes
   * without computing the keys or reading the lines before it again */
  gboolean free_known;
  guint8 free_sig[MINHASH_K];
  guint64 free_keys[MINHASH_BANDS];
  gsize free_line[MINHASH_BANDS];
};

/* A hash table slot's number for @entry, and back. */
#define HASHED(index, entry) ((entry) - (index)->frozen.n_entries)
#define UNHASHED(index, hashed) ((hashed) + (index)->frozen.n_entries)

#define ENTRY(index, e) (&(index)->entries[(e) - (index)->n_rows])

/* How full the table is when it holds the cap entries it is made for:
 * half (MAX_LOAD_DEN slots for MAX_LOAD_NUM band keys; see the header
 * for why not fuller). */
#define MAX_LOAD_NUM 1
#define MAX_LOAD_DEN 2

/* Makes the table's size and the split of a slot for @cap entries:
 * entry + 1 <= cap fits in the bits of cap, the fingerprint has the
 * rest. */
static void
set_size (DupIndex *index, guint cap)
{
  guint64 keys = (guint64) cap * MINHASH_BANDS;

  index->cap = cap;
  index->n_lines = (gsize) ((keys * MAX_LOAD_DEN / MAX_LOAD_NUM + LINE_SLOTS - 1) / LINE_SLOTS);
  index->n_slots = index->n_lines * LINE_SLOTS;
  index->entry_bits = MIN (g_bit_storage (cap), 32);
}

/* The slot of band key @key for @entry: the key's highest bits above the
 * entry's, as many as the slot has left (none past 2^31 entries, where
 * only the signature tells a band's match from a fingerprint's). */
static inline Slot
make_slot (const DupIndex *index, guint64 key, guint32 entry)
{
  guint fp_bits = 32 - index->entry_bits;
  guint64 fp = fp_bits == 0 ? 0 : key >> (64 - fp_bits);

  return (Slot) ((fp << index->entry_bits) | ((guint64) entry + 1));
}

static inline guint32
slot_entry (const DupIndex *index, Slot slot)
{
  return (guint32) ((slot & ((G_GUINT64_CONSTANT (1) << index->entry_bits) - 1)) - 1);
}

/* Where the probe of band key @key starts: the first slot of a line.
 * Linear probing from there fills each line from its first slot on
 * (an insert takes the first empty slot it meets, and nothing is ever
 * removed), so that a probe reads one line (two one probe in 130 at
 * half full), where a start anywhere in the line crossed into a second
 * line one probe in eleven. The line is the key's low 32 bits scaled to
 * the number of lines (a multiply and a shift, not a mask, so that the
 * table need not be a power of two); the fingerprint takes its high
 * bits. */
static inline gsize
home_slot (const DupIndex *index, guint64 key)
{
  return (gsize) (((key & G_MAXUINT32) * index->n_lines) >> 32) * LINE_SLOTS;
}

/* The line after the one that starts at slot @start, the first after
 * the last. */
static inline gsize
next_line (const DupIndex *index, gsize start)
{
  start += LINE_SLOTS;
  return start == index->n_slots ? 0 : start;
}

/* The band keys of @sig, and their home lines fetched ahead. */
static void
band_keys (const DupIndex *index, const guint8 *sig, guint64 keys[MINHASH_BANDS])
{
  for (guint b = 0; b < MINHASH_BANDS; b++)
    {
      keys[b] = minhash_band_key (sig, b);
      __builtin_prefetch (&index->slots[home_slot (index, keys[b])], 1);
    }
}

#ifdef __SSE2__
/* One bit a slot from the four vectors of a line's comparisons (-1 or 0
 * a slot), packed to 16-bit and to 8-bit lanes for one movemask: 26
 * instructions a line where a movemask a vector had taken 40. */
static inline guint
slot_bits (__m128i a, __m128i b, __m128i c, __m128i d)
{
  return (guint) _mm_movemask_epi8 (_mm_packs_epi16 (_mm_packs_epi32 (a, b),
                                                     _mm_packs_epi32 (c, d)));
}
#endif

/* Bit i set when slot i of the line at @line is empty. */
static inline guint
line_empty (const Slot *line)
{
#ifdef __SSE2__
  const __m128i *v = (const __m128i *) (gconstpointer) line;
  __m128i z = _mm_setzero_si128 ();

  G_STATIC_ASSERT (LINE_SLOTS == 16);
  return slot_bits (_mm_cmpeq_epi32 (_mm_load_si128 (v), z),
                    _mm_cmpeq_epi32 (_mm_load_si128 (v + 1), z),
                    _mm_cmpeq_epi32 (_mm_load_si128 (v + 2), z),
                    _mm_cmpeq_epi32 (_mm_load_si128 (v + 3), z));
#else
  guint zero = 0;

  for (guint i = 0; i < LINE_SLOTS; i++)
    zero |= (guint) (line[i] == 0) << i;
  return zero;
#endif
}

/* The slots of the line at @line: bit i of the result set when slot i
 * is occupied and its fingerprint is that of @want (a slot of entry 0's
 * bits 0), bit i of *@empty when slot i is empty. */
static inline guint
line_matches (const DupIndex *index, const Slot *line, Slot want, guint *empty)
{
  Slot fp_mask = (Slot) ~((G_GUINT64_CONSTANT (1) << index->entry_bits) - 1);
  guint match = 0;

#ifdef __SSE2__
  const __m128i *v = (const __m128i *) (gconstpointer) line;
  __m128i m = _mm_set1_epi32 ((int) fp_mask);
  __m128i w = _mm_set1_epi32 ((int) (want & fp_mask));

  match = slot_bits (_mm_cmpeq_epi32 (_mm_and_si128 (_mm_load_si128 (v), m), w),
                     _mm_cmpeq_epi32 (_mm_and_si128 (_mm_load_si128 (v + 1), m), w),
                     _mm_cmpeq_epi32 (_mm_and_si128 (_mm_load_si128 (v + 2), m), w),
                     _mm_cmpeq_epi32 (_mm_and_si128 (_mm_load_si128 (v + 3), m), w));
#else
  for (guint i = 0; i < LINE_SLOTS; i++)
    match |= (guint) ((line[i] & fp_mask) == (want & fp_mask)) << i;
#endif
  *empty = line_empty (line);
  return match & ~*empty;
}

/* Puts band key @key of @entry in the first empty slot of the lines from
 * the one that starts at slot @line on (its home line, or the line where
 * a lookup's probe of the key ended). The line's empty slots found at
 * once: slot by slot, the end of the walk (after 8 occupied slots, on
 * average, at half full) was mispredicted about once an entry and band,
 * half a million times when the news set's index grew. */
static inline void
put_slot (DupIndex *index, gsize line, guint64 key, guint32 entry)
{
  guint empty;

  while ((empty = line_empty (&index->slots[line])) == 0)
    line = next_line (index, line);
  index->slots[line + (guint) __builtin_ctz (empty)] = make_slot (index, key, entry);
}

static void
put_entry (DupIndex *index, guint32 entry)
{
  guint64 keys[MINHASH_BANDS];

  band_keys (index, ENTRY (index, entry)->sig, keys);
  for (guint b = 0; b < MINHASH_BANDS; b++)
    put_slot (index, home_slot (index, keys[b]), keys[b], HASHED (index, entry));
}

/* @size bytes aligned on a cache line, for the table (@zeroed) and the
 * records and the frozen table (not zeroed: written before they are
 * read, and the room not yet used stays out of the process's memory
 * until it is). From 2 MB on, in memory aligned for huge pages and marked for
 * them: with 4 KB pages each of a lookup's 32 probes in a table of a
 * million entries (256 MB) also misses the TLB. Measured
 * (bench-dup-index, CPU time): 1.55-1.71 -> 1.35-1.48 us a lookup with a
 * million entries, 0.62-0.65 -> 0.51-0.62 with 100,000. The records
 * alike: the one or two records a lookup of a new document meets by
 * chance in a million entries (a band of 24 bits in common) had cost
 * 0.4-0.5 us a lookup in 4 KB pages, their prefetches waiting for the
 * walks of the page tables. free() releases it. Out of memory aborts, as
 * g_new() does. */
#define HUGE_PAGE ((gsize) 2 << 20)

gpointer
dup_big_alloc (gsize size, gboolean zeroed)
{
  gsize align = size < HUGE_PAGE ? LINE_SLOTS * sizeof (Slot) : HUGE_PAGE;
  void *p = NULL;

  if (posix_memalign (&p, align, size) != 0)
    g_error ("near-duplicates: no memory for %" G_GSIZE_FORMAT " bytes of index", size);
#ifdef MADV_HUGEPAGE
  if (align == HUGE_PAGE)
    madvise (p, size, MADV_HUGEPAGE);  /* a hint: without it, 4 KB pages */
#endif
  if (zeroed)
    memset (p, 0, size);
  return p;
}

/* Makes the table again for @cap entries. A slot keeps only a part of
 * its key, so the keys are computed again from the signatures. */
static void
grow (DupIndex *index, guint cap)
{
  free (index->slots);
  index->free_known = FALSE;
  set_size (index, cap);
  index->slots = dup_big_alloc (index->n_slots * sizeof (Slot), TRUE);
  for (guint e = index->frozen.n_entries; e < index->n_entries; e++)
    put_entry (index, e);
}

/* An entry's time as a difference from the first entry's, in 4 bytes
 * (the record 104 bytes instead of 112): exact within 68 years of it,
 * which a window of days never reaches; beyond, clamped. */
static gint32
to_dt (const DupIndex *index, gint64 t)
{
  gint64 dt = t - index->t_base;

  return (gint32) CLAMP (dt, G_MININT32, G_MAXINT32);
}

static ReadBack *
read_back_new (void)
{
  ReadBack *r = g_new0 (ReadBack, 1);

  r->entry = -1;
  r->id = g_string_new (NULL);
  return r;
}

static void
read_back_free (ReadBack *r)
{
  g_string_free (r->id, TRUE);
  g_free (r);
}

DupIndex *
dup_index_new (void)
{
  DupIndex *index = g_new0 (DupIndex, 1);

  index->ids = g_string_new (NULL);
  index->id_starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  set_size (index, 16);
  index->slots = dup_big_alloc (index->n_slots * sizeof (Slot), TRUE);
  index->candidates_room = 64;
  index->candidates = g_new (Candidate, index->candidates_room);
  index->found = read_back_new ();
  index->reading = read_back_new ();
  return index;
}

void
dup_index_free (DupIndex *index)
{
  if (index == NULL)
    return;
  free (index->entries);
  g_string_free (index->ids, TRUE);
  g_array_unref (index->id_starts);
  g_free (index->candidates);
  free (index->rows);
  read_back_free (index->found);
  read_back_free (index->reading);
  dup_frozen_clear (&index->frozen);
  free (index->slots);
  g_free (index);
}

/* Makes room for @n records, in one block: copied when it grows. */
static void
reserve_entries (DupIndex *index, gsize n)
{
  gsize room = MAX (index->entries_room, 64);
  Entry *entries;

  if (n <= index->entries_room)
    return;
  while (room < n)
    room *= 2;
  entries = dup_big_alloc (room * sizeof (Entry), FALSE);
  if (index->n_entries > index->n_rows)
    memcpy (entries, index->entries, (index->n_entries - index->n_rows) * sizeof (Entry));
  free (index->entries);
  index->entries = entries;
  index->entries_room = room;
}

/* Appends the record and the id of a new entry, in no table yet. */
static guint
append_entry (DupIndex *index, const char *id, gint64 t, const guint8 sig[MINHASH_K])
{
  guint entry = index->n_entries;
  Entry *rec;
  guint32 id_start = (guint32) index->ids->len;

  if (index->ids->len > G_MAXUINT32)
    g_error ("near-duplicates: more than 4 GB of ids in the index");
  reserve_entries (index, (gsize) entry - index->n_rows + 1);
  index->n_entries++;
  if (entry == index->n_rows)
    index->t_base = t;
  rec = ENTRY (index, entry);
  rec->dt = to_dt (index, t);
  rec->stamp = 0;
  memcpy (rec->sig, sig, MINHASH_K);
  g_array_append_val (index->id_starts, id_start);
  g_string_append_len (index->ids, id, (gssize) strlen (id) + 1);
  return entry;
}

guint
dup_index_add (DupIndex *index, const char *id, gint64 t, const guint8 sig[MINHASH_K])
{
  guint entry;

  /* grow first: it re-inserts the entries already there */
  if (HASHED (index, index->n_entries) == index->cap)
    grow (index, index->cap <= G_MAXUINT32 / 2 ? index->cap * 2 : G_MAXUINT32);
  entry = append_entry (index, id, t, sig);
  if (index->free_known && memcmp (sig, index->free_sig, MINHASH_K) == 0)
    {
      for (guint b = 0; b < MINHASH_BANDS; b++)
        put_slot (index, index->free_line[b], index->free_keys[b], HASHED (index, entry));
    }
  else
    put_entry (index, entry);
  index->free_known = FALSE;
  return entry;
}

guint
dup_index_append (DupIndex *index, const char *id, gint64 t, const guint8 sig[MINHASH_K])
{
  index->free_known = FALSE;
  return append_entry (index, id, t, sig);
}

void
dup_index_freeze (DupIndex *index)
{
  guint n = index->n_entries;

  g_return_if_fail (index->n_rows == 0);
  if (n > DUP_FROZEN_MAX_ENTRIES)
    {
      /* beyond a slot's 24 bits of entry number: all in the hash table */
      dup_frozen_clear (&index->frozen);
      grow (index, n + n / 8);
      return;
    }
  dup_frozen_build (&index->frozen, n > 0 ? ENTRY (index, 0)->sig : NULL, sizeof (Entry), n);
  grow (index, 16);
}

void
dup_index_begin_rows (DupIndex *index, guint n, gint64 row_base, DupReadRow read, gpointer data)
{
  g_return_if_fail (index->n_entries == 0 && n <= DUP_FROZEN_MAX_ENTRIES);
  index->rows = dup_big_alloc (MAX (n, 1) * sizeof (Row), FALSE);
  index->n_rows = n;
  index->row_base = row_base;
  index->read = read;
  index->read_data = data;
  index->n_entries = 0;
  dup_frozen_begin (&index->frozen, n);
}

gboolean
dup_index_add_row (DupIndex *index, gint64 rowid, const guint8 sig[MINHASH_K])
{
  Row *row;

  if (index->n_entries == index->n_rows
      || rowid < index->row_base || rowid - index->row_base > G_MAXUINT32)
    return FALSE;
  row = &index->rows[index->n_entries];
  row->stamp = 0;
  row->row = (guint32) (rowid - index->row_base);
  dup_fingerprint_make (sig, &row->fp);
  dup_frozen_add (&index->frozen, index->n_entries++, sig);
  return TRUE;
}

gboolean
dup_index_end_rows (DupIndex *index)
{
  if (index->n_entries != index->n_rows)
    {
      /* not as many rows as said: no table rather than a wrong one */
      dup_frozen_clear (&index->frozen);
      free (index->rows);
      index->rows = NULL;
      index->n_rows = index->n_entries = 0;
      grow (index, 16);
      return FALSE;
    }
  dup_frozen_finish (&index->frozen);
  grow (index, 16);
  return TRUE;
}

void
dup_index_reserve_entries (DupIndex *index, guint n_more)
{
  guint n = index->n_entries - index->n_rows;

  reserve_entries (index, (gsize) n + n_more);
  /* a GArray keeps its room when it shrinks */
  g_array_set_size (index->id_starts, n + n_more);
  g_array_set_size (index->id_starts, n);
}

void
dup_index_reserve (DupIndex *index, guint n_more)
{
  guint n = HASHED (index, index->n_entries);

  if ((gsize) n + n_more > index->cap)
    grow (index, n + n_more);
  dup_index_reserve_entries (index, n_more);
}

#define PREFETCHED_CANDIDATES 16

/* Adds @entry, met by band @band, to index->candidates. */
static inline void
add_candidate (DupIndex *index, guint32 entry, guint band)
{
  Candidate c = { entry, band };

  /* the first few fetched ahead only: the processor keeps no more
   * misses in flight, and templated text brings a thousand candidates
   * a lookup, most of them met again in other bands */
  if (index->n_candidates < PREFETCHED_CANDIDATES && entry < index->n_rows)
    __builtin_prefetch (&index->rows[entry], 1);
  else if (index->n_candidates < PREFETCHED_CANDIDATES)
    {
      const char *rec = (const char *) ENTRY (index, c.entry);

      __builtin_prefetch (rec, 1);  /* its stamp is written */
      __builtin_prefetch (rec + 64);
      __builtin_prefetch (rec + sizeof (Entry) - 1);
    }
  if (index->n_candidates == index->candidates_room)
    {
      index->candidates_room *= 2;
      index->candidates = g_renew (Candidate, index->candidates, index->candidates_room);
    }
  index->candidates[index->n_candidates++] = c;
}

/* Bit i set when slot i of the frozen slots at @slots has tag @tag, for
 * the first @n slots (16 read whatever @n; the table has room after its
 * last). A bucket holds 4 to 8 slots on average (dup-frozen.c), fewer
 * than 16 nearly always, so that one call reads it: read slot by slot,
 * the frozen table's lookups had cost 0.6 us more than the hash table's
 * (1,000 entries, bench-dup-index). */
static inline guint
bucket_matches (const guint32 *slots, guint32 tag, guint32 n)
{
  guint match = 0;

#ifdef __SSE2__
  const __m128i *v = (const __m128i *) (gconstpointer) slots;
  __m128i t = _mm_set1_epi32 ((int) tag);

  match = slot_bits (_mm_cmpeq_epi32 (_mm_srli_epi32 (_mm_loadu_si128 (v), DUP_FROZEN_TAG_SHIFT), t),
                     _mm_cmpeq_epi32 (_mm_srli_epi32 (_mm_loadu_si128 (v + 1), DUP_FROZEN_TAG_SHIFT), t),
                     _mm_cmpeq_epi32 (_mm_srli_epi32 (_mm_loadu_si128 (v + 2), DUP_FROZEN_TAG_SHIFT), t),
                     _mm_cmpeq_epi32 (_mm_srli_epi32 (_mm_loadu_si128 (v + 3), DUP_FROZEN_TAG_SHIFT), t));
#else
  for (guint i = 0; i < LINE_SLOTS; i++)
    match |= (guint) (slots[i] >> DUP_FROZEN_TAG_SHIFT == tag) << i;
#endif
  return n < LINE_SLOTS ? match & ((1u << n) - 1) : match;
}

/* The first pass of a lookup: band by band, the frozen entries whose
 * slot's tag is the band's last byte, in entry order (in the buckets
 * that frozen_buckets() found, @from to @to), then every entry of the
 * hash table whose slot's fingerprint matches one of @keys, in probe
 * order, into
 * index->candidates (their records, marks included, fetched ahead), and the
 * line where each band's probe ended into index->free_line. A line
 * is read whole (a band's probe ends at its first empty slot, and the
 * slots after that one are empty too, a line being filled from its
 * start); the next line only when this one is full. */
static void
gather_candidates (DupIndex *index, const guint8 *sig, const guint64 keys[MINHASH_BANDS],
                   const guint32 from[MINHASH_BANDS], const guint32 to[MINHASH_BANDS])
{
  index->n_candidates = 0;
  for (guint b = 0; b < MINHASH_BANDS; b++)
    {
      Slot want = make_slot (index, keys[b], 0);
      gsize start = home_slot (index, keys[b]);
      guint match, empty;
      const guint32 *frozen = dup_frozen_band_slots (&index->frozen, b);

      /* the frozen entries first: they are older than the others */
      for (guint32 i = from[b]; i < to[b]; i += LINE_SLOTS)
        {
          match = bucket_matches (&frozen[i], dup_frozen_tag (sig, b), to[b] - i);
          for (; match != 0; match &= match - 1)
            add_candidate (index, frozen[i + (guint) __builtin_ctz (match)] & DUP_FROZEN_ENTRY_MASK, b);
        }

      for (;;)
        {
          match = line_matches (index, &index->slots[start], want, &empty);
          for (; match != 0; match &= match - 1)
            {
              Slot slot = index->slots[start + (guint) __builtin_ctz (match)];

              add_candidate (index, UNHASHED (index, slot_entry (index, slot)), b);
            }
          if (empty != 0)
            break;
          start = next_line (index, start);
        }
      index->free_line[b] = start;
    }
}

/* The first step of a lookup in the frozen table: the starts of each
 * band's bucket fetched ahead, to come while the hash table's keys are
 * computed. */
static void
prefetch_starts (const DupIndex *index, const guint8 *sig)
{
  const DupFrozen *frozen = &index->frozen;

  if (frozen->n_entries == 0)
    return;
  for (guint b = 0; b < MINHASH_BANDS; b++)
    __builtin_prefetch (&frozen->starts[dup_frozen_bucket (frozen, sig, b)]);
}

/* The frozen table's bucket of each band of @sig, [@from, @to) of its
 * slots: the starts read, and the slots fetched ahead (a bucket's first
 * and last lines). Two steps of misses where the hash table has one:
 * see dup-frozen.h for why. With a million entries a lookup waits here
 * for the starts (36% of dup_index_find's samples, perf) and in
 * gather_candidates() for the slots (37%), every band's fetch already
 * issued before the first is read: what limits it is how many misses
 * are in flight at once, not their order. 24 random reads of a 100 MB
 * array prefetched together take 0.21-0.25 us on this machine, 24 pairs
 * (the second read chosen by the first, as here) 0.39-0.46, 48 reads
 * 0.40-0.48 (bench-dup-index --floor 100); the lookup 1.35-1.52 us
 * (load 3.5 to 6.5) against 0.41-0.42 among 11,000. Tried and dropped
 * (bench-dup-index --file, a million entries, three runs alternated,
 * load 3.4 to 4.1): the
 * fingerprint computed between this and gather_candidates(), to hide
 * the slots' wait (1.44-1.52 us against 1.39-1.52); the starts and
 * slots fetched to the second level only (prefetcht2: 1.38-1.44 against
 * 1.43-1.44); the starts as 16 bits from a base a group of 32 buckets,
 * 6 MB instead of 12 (1.27-1.41 against 1.31-1.62, the same in three
 * of four pairs of runs, load 3.2 to 3.9). */
static void
frozen_buckets (const DupIndex *index, const guint8 *sig,
                guint32 from[MINHASH_BANDS], guint32 to[MINHASH_BANDS])
{
  const DupFrozen *frozen = &index->frozen;

  if (frozen->n_entries == 0)
    {
      memset (from, 0, MINHASH_BANDS * sizeof (guint32));
      memset (to, 0, MINHASH_BANDS * sizeof (guint32));
      return;
    }
  for (guint b = 0; b < MINHASH_BANDS; b++)
    {
      const guint32 *starts = &frozen->starts[dup_frozen_bucket (frozen, sig, b)];
      const guint32 *slots = dup_frozen_band_slots (frozen, b);

      from[b] = starts[0];
      to[b] = starts[1];
      __builtin_prefetch (&slots[from[b]]);
      __builtin_prefetch (&slots[MAX (to[b], 1) - 1]);
    }
}

/* The answer of a lookup so far: the most similar entry, and where the
 * candidates met it first by a band it shares (ties go to the first). */
typedef struct {
  gint entry;
  double sim;
  guint pos;
} Best;

static inline gboolean
is_better (const Best *best, double sim, guint pos)
{
  return sim > best->sim || (sim == best->sim && pos < best->pos);
}

/* The first band that @a and @b share whole, or -1. */
static gint
first_shared_band (const guint8 *a, const guint8 *b)
{
  for (guint band = 0; band < MINHASH_BANDS; band++)
    if (memcmp (a + band * MINHASH_ROWS, b + band * MINHASH_ROWS, MINHASH_ROWS) == 0)
      return (gint) band;
  return -1;
}

/* Candidate @c, a row of the index file, in the lookup of @sig (of
 * fingerprint @fp): skipped unless its fingerprint's bound can reach the
 * threshold and the best so far, else read back and compared as a record
 * is. A row read back is the candidate only when it is still the row
 * that was loaded (a rowid can be reused once its row is deleted: same
 * fingerprint) and shares a whole band with @sig (the frozen table's tag
 * matches 7 bits of it). Where it counts for ties is its first such band
 * in the candidates, as if its signature had been there all along: the
 * band it was met by here may be a tag's match only. */
static void
try_row (DupIndex *index, guint c, const guint8 *sig, const DupFingerprint *fp,
         gint64 min_t, double threshold, Best *best)
{
  guint e = index->candidates[c].entry;
  Row *row = &index->rows[e];
  ReadBack *r = index->reading;
  double bound, sim;
  gint band;
  guint pos;

  if (row->stamp == index->lookups)
    return;
  row->stamp = index->lookups;
  bound = minhash_similarity_of_count (dup_fingerprint_agreements (&row->fp, fp));
  if (bound < threshold || bound < best->sim)
    return;
  index->stats.rows_read++;
  r->entry = -1;
  if (index->read == NULL
      || !index->read (index->read_data, index->row_base + row->row, r->id, &r->t, r->sig))
    return;  /* deleted since the load, or damaged (warned) */
  {
    DupFingerprint now;

    dup_fingerprint_make (r->sig, &now);
    if (!dup_fingerprint_equal (&now, &row->fp))
      return;
  }
  band = first_shared_band (r->sig, sig);
  if (band < 0 || r->t < min_t)
    return;
  index->stats.rows_shared++;
  for (pos = c; pos < index->n_candidates; pos++)
    if (index->candidates[pos].entry == e && index->candidates[pos].band == (guint) band)
      break;
  sim = minhash_similarity (sig, r->sig);
  if (sim >= threshold && is_better (best, sim, pos))
    {
      best->entry = (gint) e;
      best->sim = sim;
      best->pos = pos;
      r->entry = (gint) e;
      index->reading = index->found;
      index->found = r;
    }
}

gint
dup_index_find (DupIndex *index, const guint8 sig[MINHASH_K], gint64 min_t,
                double threshold, double *similarity)
{
  guint64 keys[MINHASH_BANDS];
  guint32 from[MINHASH_BANDS], to[MINHASH_BANDS];
  Best best = { -1, -1, 0 };
  gint64 min_dt = min_t - index->t_base;
  DupFingerprint fp;

  if (++index->lookups == 0)
    {
      /* wrapped after 4 billion lookups: forget the old marks */
      for (guint e = 0; e < index->n_rows; e++)
        index->rows[e].stamp = 0;
      for (guint e = index->n_rows; e < index->n_entries; e++)
        ENTRY (index, e)->stamp = 0;
      index->lookups = 1;
    }
  prefetch_starts (index, sig);
  band_keys (index, sig, keys);
  frozen_buckets (index, sig, from, to);
  gather_candidates (index, sig, keys, from, to);
  memcpy (index->free_sig, sig, MINHASH_K);
  memcpy (index->free_keys, keys, sizeof keys);
  index->free_known = TRUE;
  if (index->n_rows > 0)
    dup_fingerprint_make (sig, &fp);
  for (guint c = 0; c < index->n_candidates; c++)
    {
      const Candidate *cand = &index->candidates[c];
      Entry *rec;
      guint row = cand->band * MINHASH_ROWS;
      double sim;

      if (cand->entry < index->n_rows)
        {
          try_row (index, c, sig, &fp, min_t, threshold, &best);
          continue;
        }
      rec = ENTRY (index, cand->entry);
      if (rec->stamp == index->lookups
          || memcmp (rec->sig + row, sig + row, MINHASH_ROWS) != 0)
        continue;  /* tried already, or a fingerprint's match only */
      rec->stamp = index->lookups;
      if (rec->dt < min_dt)
        continue;
      sim = minhash_similarity (sig, rec->sig);
      if (sim >= threshold && is_better (&best, sim, c))
        {
          best.entry = (gint) cand->entry;
          best.sim = sim;
          best.pos = c;
        }
    }
  if (best.entry >= 0 && similarity != NULL)
    *similarity = best.sim;
  return best.entry;
}

void
dup_index_get_stats (const DupIndex *index, DupIndexStats *stats)
{
  *stats = index->stats;
}

/* The row of entry @entry read back into index->found, if it is not
 * there already; FALSE when it cannot be read. */
static gboolean
found_row (const DupIndex *index, guint entry)
{
  ReadBack *r = index->found;
  const Row *row = &index->rows[entry];

  if (r->entry == (gint) entry)
    return TRUE;
  r->entry = -1;
  g_string_truncate (r->id, 0);
  r->t = 0;
  memset (r->sig, 0, MINHASH_K);
  if (index->read == NULL
      || !index->read (index->read_data, index->row_base + row->row, r->id, &r->t, r->sig))
    return FALSE;
  r->entry = (gint) entry;
  return TRUE;
}

guint
dup_index_get_n (const DupIndex *index)
{
  return index->n_entries;
}

const char *
dup_index_get_id (const DupIndex *index, guint entry)
{
  if (entry < index->n_rows)
    {
      found_row (index, entry);
      return index->found->id->str;
    }
  return index->ids->str + g_array_index (index->id_starts, guint32, entry - index->n_rows);
}

gint64
dup_index_get_time (const DupIndex *index, guint entry)
{
  if (entry < index->n_rows)
    {
      found_row (index, entry);
      return index->found->t;
    }
  return index->t_base + ENTRY (index, entry)->dt;
}

const guint8 *
dup_index_get_signature (const DupIndex *index, guint entry)
{
  if (entry < index->n_rows)
    {
      found_row (index, entry);
      return index->found->sig;
    }
  return ENTRY (index, entry)->sig;
}
