/* test-dup-index.c: the index of earlier documents on its own: every
 * entry stays findable while the table grows (and its slots trade
 * fingerprint bits for entry bits) or is sized ahead, a shared band
 * makes a candidate, entries older than the window are passed over,
 * ties go to the entry indexed first, a band's probe that fills its
 * line goes on to the next, an add after a lookup puts every band
 * where that lookup's probes ended, the bands past the table's make no
 * candidate, and times are kept to the second; entries appended and
 * frozen (an index file's) are found alike, before those added later. */
#include "config.h"

#include <check.h>
#include <string.h>

#include "dup-fingerprint.h"
#include "dup-index.h"

static void
random_signature (GRand *rng, guint8 *sig)
{
  for (guint k = 0; k < MINHASH_K; k++)
    sig[k] = (guint8) g_rand_int (rng);
}

/* 16,384 entries take the table from 768 slots (made for 16 entries) to
 * 786,432 (made for 16,384: half full), and a slot's entry from 5 bits to
 * 15 (the last entry + 1 needs all 15) */
START_TEST (test_every_entry_is_found_as_the_table_grows)
{
  GRand *rng = g_rand_new_with_seed (1);
  DupIndex *index = dup_index_new ();
  guint8 sig[MINHASH_K];
  char id[32];

  for (guint e = 0; e < 16384; e++)
    {
      random_signature (rng, sig);
      g_snprintf (id, sizeof id, "doc-%u", e);
      ck_assert_uint_eq (dup_index_add (index, id, 1000 + e, sig), e);
    }
  ck_assert_uint_eq (dup_index_get_n (index), 16384);
  for (guint e = 0; e < 16384; e++)
    {
      double similarity = 0;

      memcpy (sig, dup_index_get_signature (index, e), MINHASH_K);
      ck_assert_int_eq (dup_index_find (index, sig, 0, 0.5, &similarity), (gint) e);
      ck_assert_double_eq (similarity, 1.0);
      g_snprintf (id, sizeof id, "doc-%u", e);
      ck_assert_str_eq (dup_index_get_id (index, e), id);
      ck_assert_int_eq (dup_index_get_time (index, e), 1000 + e);
    }
  dup_index_free (index);
  g_rand_free (rng);
}
END_TEST

/* room made for 5,000 more after 100 entries: the 100 are still found
 * (the table, sized once, holds them again), and so are the 5,000 */
static void
assert_found (DupIndex *index, guint n)
{
  guint8 sig[MINHASH_K];

  for (guint e = 0; e < n; e++)
    {
      memcpy (sig, dup_index_get_signature (index, e), MINHASH_K);
      ck_assert_int_eq (dup_index_find (index, sig, 0, 0.5, NULL), (gint) e);
    }
}

START_TEST (test_entries_are_found_after_reserve)
{
  GRand *rng = g_rand_new_with_seed (5);
  DupIndex *index = dup_index_new ();
  guint8 sig[MINHASH_K];

  for (guint e = 0; e < 5100; e++)
    {
      if (e == 100)
        {
          dup_index_reserve (index, 5000);
          assert_found (index, 100);
        }
      random_signature (rng, sig);
      dup_index_add (index, "doc", 0, sig);
    }
  assert_found (index, 5100);
  dup_index_free (index);
  g_rand_free (rng);
}
END_TEST

/* two bands of three bytes in common, every other byte different: 6 of
 * 96 bytes agree, an estimated similarity of (6/96 - 1/256) / (1 - 1/256) */
START_TEST (test_two_shared_bands_make_a_candidate)
{
  GRand *rng = g_rand_new_with_seed (2);
  DupIndex *index = dup_index_new ();
  guint8 sig[MINHASH_K];
  double similarity = 0;

  for (guint e = 0; e < 1000; e++)
    {
      random_signature (rng, sig);
      dup_index_add (index, "doc", 0, sig);
    }
  memcpy (sig, dup_index_get_signature (index, 500), MINHASH_K);
  for (guint k = 0; k < MINHASH_K; k++)
    if (k / MINHASH_ROWS != 7 && k / MINHASH_ROWS != 20)
      sig[k] ^= 0x5a;
  ck_assert_int_eq (dup_index_find (index, sig, 0, 0.05, &similarity), 500);
  ck_assert_double_eq_tol (similarity, (6.0 / 96 - 1.0 / 256) / (1 - 1.0 / 256), 1e-12);
  ck_assert_int_eq (dup_index_find (index, sig, 0, 0.06, &similarity), -1);
  /* no band in common: not a candidate, whatever the threshold */
  sig[7 * MINHASH_ROWS] ^= 0x5a;
  sig[20 * MINHASH_ROWS] ^= 0x5a;
  ck_assert_int_eq (dup_index_find (index, sig, 0, 0.05, &similarity), -1);
  dup_index_free (index);
  g_rand_free (rng);
}
END_TEST

START_TEST (test_entries_older_than_min_t_are_passed_over)
{
  GRand *rng = g_rand_new_with_seed (3);
  DupIndex *index = dup_index_new ();
  guint8 sig[MINHASH_K];

  random_signature (rng, sig);
  dup_index_add (index, "old", 100, sig);
  dup_index_add (index, "new", 200, sig);
  ck_assert_int_eq (dup_index_find (index, sig, 100, 0.5, NULL), 0);
  ck_assert_int_eq (dup_index_find (index, sig, 101, 0.5, NULL), 1);
  ck_assert_int_eq (dup_index_find (index, sig, 201, 0.5, NULL), -1);
  dup_index_free (index);
  g_rand_free (rng);
}
END_TEST

START_TEST (test_ties_go_to_the_entry_indexed_first)
{
  GRand *rng = g_rand_new_with_seed (4);
  DupIndex *index = dup_index_new ();
  guint8 sig[MINHASH_K], other[MINHASH_K];

  random_signature (rng, sig);
  for (guint e = 0; e < 3000; e++)
    {
      random_signature (rng, other);
      dup_index_add (index, "unrelated", 0, other);
      if (e == 1000 || e == 2000)
        dup_index_add (index, "same", 0, sig);
    }
  ck_assert_int_eq (dup_index_find (index, sig, 0, 0.5, NULL), 1001);
  dup_index_free (index);
  g_rand_free (rng);
}
END_TEST

/* threshold= is a minimum: a signature equal to an entry's on exactly
 * half its bytes (the first 16 bands) has the similarity of 48 equal
 * bytes of 96, less the 1 in 256 that unrelated bytes agree by chance
 * (127/255); at that threshold it is a copy, a hair above it not */
START_TEST (test_similarity_at_the_threshold_is_a_copy)
{
  GRand *rng = g_rand_new_with_seed (6);
  DupIndex *index = dup_index_new ();
  guint8 sig[MINHASH_K], half[MINHASH_K];
  double at = (0.5 - 1.0 / 256) / (1.0 - 1.0 / 256);
  double similarity = 0;

  random_signature (rng, sig);
  dup_index_add (index, "first", 0, sig);
  for (guint k = 0; k < MINHASH_K; k++)
    half[k] = k < MINHASH_K / 2 ? sig[k] : sig[k] ^ 0xff;
  ck_assert_double_eq_tol (at, 127.0 / 255, 1e-12);
  ck_assert_int_eq (dup_index_find (index, half, 0, at, &similarity), 0);
  ck_assert_double_eq (similarity, at);
  ck_assert_int_eq (dup_index_find (index, half, 0, at + 1e-9, NULL), -1);
  dup_index_free (index);
  g_rand_free (rng);
}
END_TEST

/* @sig with every band but @band changed: it shares that band alone */
static void
only_band (const guint8 *sig, guint band, guint8 *out)
{
  for (guint k = 0; k < MINHASH_K; k++)
    out[k] = k / MINHASH_ROWS == band ? sig[k] : sig[k] ^ 0x5a;
}

/* entry @e is found through each of its bands alone */
static void
assert_found_by_every_band (DupIndex *index, guint e)
{
  guint8 query[MINHASH_K];

  for (guint b = 0; b < MINHASH_BANDS; b++)
    {
      only_band (dup_index_get_signature (index, e), b, query);
      ck_assert_int_eq (dup_index_find (index, query, 0, 0.02, NULL), (gint) e);
    }
}

/* 40 entries that differ in band 1 alone, added (@frozen FALSE) or
 * appended and frozen: each is found, and when all 40 are as similar
 * the first is */
static void
assert_forty_entries_sharing_bands_found (gboolean frozen)
{
  GRand *rng = g_rand_new_with_seed (6);
  DupIndex *index = dup_index_new ();
  guint8 sig[MINHASH_K];

  random_signature (rng, sig);
  for (guint e = 0; e < 40; e++)
    {
      memset (sig + MINHASH_ROWS, (int) e, MINHASH_ROWS);
      if (frozen)
        dup_index_append (index, "shared", 0, sig);
      else
        dup_index_add (index, "shared", 0, sig);
    }
  if (frozen)
    dup_index_freeze (index);
  for (guint e = 0; e < 40; e++)
    {
      double similarity = 0;

      memset (sig + MINHASH_ROWS, (int) e, MINHASH_ROWS);
      ck_assert_int_eq (dup_index_find (index, sig, 0, 0.5, &similarity), (gint) e);
      ck_assert_double_eq (similarity, 1.0);
    }
  memset (sig + MINHASH_ROWS, 200, MINHASH_ROWS);
  ck_assert_int_eq (dup_index_find (index, sig, 0, 0.5, NULL), 0);
  dup_index_free (index);
  g_rand_free (rng);
}

/* each of the other bands of the 40 puts 40 slots on one probe, which
 * fills its first 16-slot line and two more: the last entries are found
 * in the third line */
START_TEST (test_a_band_shared_by_forty_entries_spans_three_lines)
{
  assert_forty_entries_sharing_bands_found (FALSE);
}
END_TEST

/* frozen, each of the other bands of the 40 puts 40 slots in one
 * bucket, read 16 at a time */
START_TEST (test_a_frozen_bucket_of_forty_entries)
{
  assert_forty_entries_sharing_bands_found (TRUE);
}
END_TEST

/* An add after a lookup of the same signature puts its slots where the
 * lookup's probes ended, also when two of its bands end in the same slot
 * (24 bands in a new table's 48 lines: some share one); after a lookup
 * of another signature, or once the table has grown in between, it
 * probes afresh. Each time every band finds the entry. */
START_TEST (test_an_add_after_a_lookup_puts_every_band)
{
  GRand *rng = g_rand_new_with_seed (7);
  DupIndex *index = dup_index_new ();
  guint8 sig[MINHASH_K], other[MINHASH_K];

  random_signature (rng, sig);
  ck_assert_int_eq (dup_index_find (index, sig, 0, 0.5, NULL), -1);
  ck_assert_uint_eq (dup_index_add (index, "looked-up", 0, sig), 0);
  assert_found_by_every_band (index, 0);

  random_signature (rng, sig);
  random_signature (rng, other);
  ck_assert_int_eq (dup_index_find (index, other, 0, 0.5, NULL), -1);
  ck_assert_uint_eq (dup_index_add (index, "not-looked-up", 0, sig), 1);
  assert_found_by_every_band (index, 1);

  /* the first table is made for 16 entries (768 slots); the 17th grows it */
  while (dup_index_get_n (index) < 16)
    {
      random_signature (rng, other);
      dup_index_add (index, "filler", 0, other);
    }
  random_signature (rng, sig);
  ck_assert_int_eq (dup_index_find (index, sig, 0, 0.5, NULL), -1);
  ck_assert_uint_eq (dup_index_add (index, "after-growth", 0, sig), 16);
  for (guint e = 0; e <= 16; e++)
    assert_found_by_every_band (index, e);
  dup_index_free (index);
  g_rand_free (rng);
}
END_TEST

/* Only the first MINHASH_BANDS bands (of MINHASH_K / MINHASH_ROWS) are
 * keys of the table: a signature that shares every byte after them with
 * an entry (a quarter of its bytes) but none of their bands is no
 * candidate, whatever the threshold; one of them shared, it is, with the
 * similarity of all its equal bytes. */
START_TEST (test_bands_past_the_table_s_make_no_candidate)
{
  GRand *rng = g_rand_new_with_seed (8);
  DupIndex *index = dup_index_new ();
  guint8 sig[MINHASH_K], query[MINHASH_K];
  guint keyed = MINHASH_BANDS * MINHASH_ROWS;
  double similarity = 0;

  G_STATIC_ASSERT (MINHASH_BANDS * MINHASH_ROWS == 72);
  random_signature (rng, sig);
  dup_index_add (index, "first", 0, sig);
  for (guint k = 0; k < MINHASH_K; k++)
    query[k] = k < keyed ? sig[k] ^ 0x5a : sig[k];
  ck_assert_int_eq (dup_index_find (index, query, 0, 0.05, NULL), -1);
  memcpy (query + (MINHASH_BANDS - 1) * MINHASH_ROWS,
          sig + (MINHASH_BANDS - 1) * MINHASH_ROWS, MINHASH_ROWS);
  ck_assert_int_eq (dup_index_find (index, query, 0, 0.05, &similarity), 0);
  ck_assert_double_eq_tol (similarity, (27.0 / 96 - 1.0 / 256) / (1 - 1.0 / 256), 1e-12);
  dup_index_free (index);
  g_rand_free (rng);
}
END_TEST

/* An entry's time is kept to the second as a difference from the first
 * entry's, whichever is earlier, up to 68 years apart; min_t compares
 * with it alike */
START_TEST (test_times_are_kept_to_the_second)
{
  GRand *rng = g_rand_new_with_seed (9);
  DupIndex *index = dup_index_new ();
  guint8 sig[MINHASH_K];
  const gint64 times[] = { G_GINT64_CONSTANT (1796000000), 0,
                           G_GINT64_CONSTANT (1796000000) + G_MAXINT32,
                           G_GINT64_CONSTANT (1796000000) - G_MAXINT32 };

  for (guint e = 0; e < G_N_ELEMENTS (times); e++)
    {
      random_signature (rng, sig);
      dup_index_add (index, "doc", times[e], sig);
    }
  for (guint e = 0; e < G_N_ELEMENTS (times); e++)
    {
      ck_assert_int_eq (dup_index_get_time (index, e), times[e]);
      memcpy (sig, dup_index_get_signature (index, e), MINHASH_K);
      ck_assert_int_eq (dup_index_find (index, sig, times[e], 0.5, NULL), (gint) e);
      ck_assert_int_eq (dup_index_find (index, sig, times[e] + 1, 0.5, NULL), -1);
    }
  dup_index_free (index);
  g_rand_free (rng);
}
END_TEST

/* @n random entries appended, frozen, and each found by its own
 * signature (and by each of its bands alone in a small index), with its
 * id and time */
static void
assert_frozen_entries_found (guint n, guint32 seed)
{
  GRand *rng = g_rand_new_with_seed (seed);
  DupIndex *index = dup_index_new ();
  guint8 sig[MINHASH_K];
  char id[32];

  for (guint e = 0; e < n; e++)
    {
      random_signature (rng, sig);
      g_snprintf (id, sizeof id, "doc-%u", e);
      ck_assert_uint_eq (dup_index_append (index, id, 5000 + e, sig), e);
    }
  dup_index_freeze (index);
  for (guint e = 0; e < n; e++)
    {
      double similarity = 0;

      memcpy (sig, dup_index_get_signature (index, e), MINHASH_K);
      ck_assert_int_eq (dup_index_find (index, sig, 0, 0.5, &similarity), (gint) e);
      ck_assert_double_eq (similarity, 1.0);
      g_snprintf (id, sizeof id, "doc-%u", e);
      ck_assert_str_eq (dup_index_get_id (index, e), id);
      ck_assert_int_eq (dup_index_get_time (index, e), 5000 + e);
      /* by a band alone, where no other entry shares one by chance */
      if (n <= 1000 && e % 97 == 0)
        assert_found_by_every_band (index, e);
    }
  dup_index_free (index);
  g_rand_free (rng);
}

/* From 1 entry (one bucket a band) to 70,000 (2^14 buckets a band: a
 * slot's tag and bucket tell 21 of a band's 24 bits) and 600,000 (2^17:
 * all 24) */
START_TEST (test_frozen_entries_are_found)
{
  const guint sizes[] = { 1, 15, 16, 17, 1000, 70000, 600000 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    assert_frozen_entries_found (sizes[i], 10 + i);
}
END_TEST

/* Appended entries are in no table until frozen; entries added after
 * the freeze go to the hash table and are found too; a tie between a
 * frozen entry and a later one goes to the frozen one (indexed first),
 * and a second freeze takes the added ones in. */
START_TEST (test_entries_added_after_a_freeze_come_after_the_frozen)
{
  GRand *rng = g_rand_new_with_seed (20);
  DupIndex *index = dup_index_new ();
  guint8 sig[MINHASH_K], other[MINHASH_K];

  random_signature (rng, sig);
  ck_assert_uint_eq (dup_index_append (index, "frozen", 0, sig), 0);
  ck_assert_int_eq (dup_index_find (index, sig, 0, 0.5, NULL), -1);
  dup_index_freeze (index);
  ck_assert_int_eq (dup_index_find (index, sig, 0, 0.5, NULL), 0);
  ck_assert_uint_eq (dup_index_add (index, "added", 0, sig), 1);
  ck_assert_int_eq (dup_index_find (index, sig, 0, 0.5, NULL), 0);
  ck_assert_int_eq (dup_index_find (index, sig, 1, 0.5, NULL), -1);
  for (guint e = 2; e < 100; e++)
    {
      random_signature (rng, other);
      ck_assert_uint_eq (dup_index_add (index, "added", e, other), e);
    }
  for (guint e = 2; e < 100; e++)
    assert_found_by_every_band (index, e);
  dup_index_freeze (index);
  ck_assert_int_eq (dup_index_find (index, sig, 0, 0.5, NULL), 0);
  for (guint e = 2; e < 100; e++)
    assert_found_by_every_band (index, e);
  dup_index_free (index);
  g_rand_free (rng);
}
END_TEST

/* With few entries a bucket holds band values that differ in more than
 * the tag's byte: an entry whose band has the same first and last bytes
 * as the query's, but not the middle one, is in the same bucket with the
 * same tag, and is still no candidate (the band's bytes tell) */
START_TEST (test_a_frozen_tag_s_match_is_no_candidate)
{
  GRand *rng = g_rand_new_with_seed (22);
  DupIndex *index = dup_index_new ();
  guint8 sig[MINHASH_K], query[MINHASH_K];

  random_signature (rng, sig);
  dup_index_append (index, "entry", 0, sig);
  dup_index_freeze (index);
  only_band (sig, 5, query);
  ck_assert_int_eq (dup_index_find (index, query, 0, 0.02, NULL), 0);
  query[5 * MINHASH_ROWS + 1] ^= 1;
  ck_assert_int_eq (dup_index_find (index, query, 0, 0.02, NULL), -1);
  dup_index_free (index);
  g_rand_free (rng);
}
END_TEST

/* a fingerprint agrees where the low two bits of the bytes agree, and
 * only there */
START_TEST (test_fingerprints_agree_on_the_low_two_bits)
{
  GRand *rng = g_rand_new_with_seed (18);
  guint8 a[MINHASH_K], b[MINHASH_K];
  DupFingerprint fa, fb;

  for (guint n = 0; n < 1000; n++)
    {
      guint want = 0;

      random_signature (rng, a);
      random_signature (rng, b);
      for (guint k = 0; k < MINHASH_K; k++)
        {
          if (g_rand_int_range (rng, 0, 3) == 0)
            b[k] = a[k] ^ (guint8) (g_rand_int_range (rng, 0, 64) << 2);
          want += (a[k] & 3) == (b[k] & 3);
        }
      dup_fingerprint_make (a, &fa);
      dup_fingerprint_make (b, &fb);
      ck_assert_uint_eq (dup_fingerprint_agreements (&fa, &fb), want);
      ck_assert_uint_eq (dup_fingerprint_agreements (&fa, &fa), MINHASH_K);
    }
  g_rand_free (rng);
}
END_TEST

static Suite *
index_suite (void)
{
  Suite *s = suite_create ("dup-index");
  TCase *tc = tcase_create ("index");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_every_entry_is_found_as_the_table_grows);
  tcase_add_test (tc, test_similarity_at_the_threshold_is_a_copy);
  tcase_add_test (tc, test_entries_are_found_after_reserve);
  tcase_add_test (tc, test_bands_past_the_table_s_make_no_candidate);
  tcase_add_test (tc, test_times_are_kept_to_the_second);
  tcase_add_test (tc, test_two_shared_bands_make_a_candidate);
  tcase_add_test (tc, test_entries_older_than_min_t_are_passed_over);
  tcase_add_test (tc, test_ties_go_to_the_entry_indexed_first);
  tcase_add_test (tc, test_a_band_shared_by_forty_entries_spans_three_lines);
  tcase_add_test (tc, test_an_add_after_a_lookup_puts_every_band);
  tcase_add_test (tc, test_frozen_entries_are_found);
  tcase_add_test (tc, test_entries_added_after_a_freeze_come_after_the_frozen);
  tcase_add_test (tc, test_a_frozen_bucket_of_forty_entries);
  tcase_add_test (tc, test_a_frozen_tag_s_match_is_no_candidate);
  tcase_add_test (tc, test_fingerprints_agree_on_the_low_two_bits);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (index_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
