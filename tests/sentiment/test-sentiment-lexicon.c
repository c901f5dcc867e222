/* test-sentiment-lexicon.c: the built-in lexicon and the loaders of user
 * lexicons (VADER and AFINN formats, merge and replace), with malformed,
 * truncated, empty, binary and huge files. Every error names the file and
 * the line. */
#include "config.h"

#include <glib/gstdio.h>

#include "lexicon.h"
#include "lexicon-image.h"
#include "lexicon-lookup.h"
#include "lexicon-private.h"
#include "sentiment-test.h"

static char *tmpdir;

static void
setup (void)
{
  tmpdir = g_dir_make_tmp ("sentiment-lexicon-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmpdir);
}

static void
teardown (void)
{
  g_autoptr (GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *p = g_build_filename (tmpdir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

/* Writes @len bytes (-1: NUL-terminated) to tmpdir/@name; returns the path. */
static char *
write_file (const char *name, const char *data, gssize len)
{
  char *path = g_build_filename (tmpdir, name, NULL);

  ck_assert (g_file_set_contents (path, data, len, NULL));
  return path;
}

static SentimentLexicon *
load (const char *path, SentimentLexiconFormat format,
      SentimentLexiconMode mode, GError **error)
{
  return sentiment_lexicon_new (path, format, mode, FALSE, error);
}

/* Asserts that loading @data fails with exactly "PATH:@tail". */
static void
assert_load_error (const char *data, gssize len, SentimentLexiconFormat format,
                   int code, const char *tail)
{
  g_autofree char *path = write_file ("bad.tsv", data, len);
  g_autoptr (GError) error = NULL;
  g_autoptr (SentimentLexicon) lex = load (path, format, SENTIMENT_MODE_MERGE, &error);
  g_autofree char *want = g_strconcat (path, tail, NULL);

  ck_assert_ptr_null (lex);
  ck_assert_ptr_nonnull (error);
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, code));
  ck_assert_str_eq (error->message, want);
}

/* sentiment_split_phrase: words on spaces (empty ones dropped), and a
 * trailing n't split off a word longer than "n't" itself. */
START_TEST (test_split_phrase_words_and_clitic)
{
  static const struct { const char *key, *words; } cases[] = {
    { "good", "good" },
    { "not so good", "not|so|good" },
    { "don't like", "do|n't|like" },
    { "n't", "n't" },
    { " a  b ", "a|b" },
    { "", "" },
    { "wouldn't", "would|n't" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (GPtrArray) w = sentiment_split_phrase (cases[c].key);
      g_autofree char *got = NULL;

      g_ptr_array_add (w, NULL);
      got = g_strjoinv ("|", (char **) w->pdata);
      ck_assert_msg (g_str_equal (got, cases[c].words), "\"%s\": %s, expected %s",
                     cases[c].key, got, cases[c].words);
    }
}
END_TEST

START_TEST (test_builtin_has_thousands_of_entries)
{
  g_autoptr (SentimentLexicon) lex = load (NULL, 0, 0, NULL);

  ck_assert_ptr_nonnull (lex);
  ck_assert_uint_ge (sentiment_lexicon_get_n_words (lex), 7500);
  ck_assert_uint_ge (sentiment_lexicon_get_n_phrases (lex), 450);
}
END_TEST

START_TEST (test_builtin_inflections)
{
  g_autoptr (SentimentLexicon) lex = load (NULL, 0, 0, NULL);

  /* generated from "threaten" (verb) and "savage" (adjective) */
  ck_assert_near (sentiment_lexicon_valence (lex, "threatens"),
                  sentiment_lexicon_valence (lex, "threaten"));
  ck_assert_near (sentiment_lexicon_valence (lex, "threatening"), -2.4);
  ck_assert_near (sentiment_lexicon_valence (lex, "savagely"),
                  sentiment_lexicon_valence (lex, "savage"));
  ck_assert_near (sentiment_lexicon_valence (lex, "Savage"),
                  sentiment_lexicon_valence (lex, "savage"));
}
END_TEST

START_TEST (test_builtin_phrases)
{
  g_autoptr (SentimentLexicon) lex = load (NULL, 0, 0, NULL);

  ck_assert (sentiment_lexicon_valence (lex, "downward spiral") < -1);
  ck_assert (sentiment_lexicon_valence (lex, "stood his ground") > 0);
  ck_assert (isnan (sentiment_lexicon_valence (lex, "downward nothing")));
}
END_TEST

/* The default lexicon comes from the tables lexicon-gen compiled into the
 * module (sentiment_lexicon_new()); they must be exactly what building it
 * from the data files at run time makes: every entry, key, slot, bloom
 * word, trie edge and node. */
START_TEST (test_builtin_tables_match_text_build)
{
  g_autoptr (SentimentLexicon) text =
    sentiment_lexicon_new_text (NULL, SENTIMENT_FORMAT_AUTO, SENTIMENT_MODE_MERGE,
                                TRUE, NULL);
  g_autoptr (SentimentLexicon) built =
    sentiment_lexicon_new (NULL, SENTIMENT_FORMAT_AUTO, SENTIMENT_MODE_MERGE,
                           TRUE, NULL);
  const SentimentLexicon *a = text, *b = built;

  ck_assert_ptr_nonnull (a);
  ck_assert_ptr_nonnull (b);
  ck_assert_uint_eq (b->n_entries, a->n_entries);
  ck_assert_uint_eq (b->n_pool, a->n_pool);
  ck_assert_uint_eq (b->slot_mask, a->slot_mask);
  ck_assert_uint_eq (b->edge_mask, a->edge_mask);
  ck_assert_uint_eq (b->n_nodes, a->n_nodes);
  ck_assert_uint_eq (b->n_root, a->n_root);
  ck_assert_uint_eq (b->n_words, a->n_words);
  ck_assert_uint_eq (b->n_phrases, a->n_phrases);
  for (guint i = 0; i < a->n_entries; i++)
    {
      ck_assert_msg (memcmp (&a->entries[i], &b->entries[i], sizeof a->entries[i]) == 0,
                     "entry %u differs", i);
      ck_assert_msg (a->key_offset[i] == b->key_offset[i] &&
                     a->key_len[i] == b->key_len[i], "key of entry %u differs", i);
    }
  /* n_pool chunks and the zero chunk after them */
  ck_assert_int_eq (memcmp (a->pool, b->pool, (a->n_pool + 1) * sizeof *a->pool), 0);
  for (guint i = 0; i <= a->slot_mask; i++)
    ck_assert_msg (a->slots[i].hash == b->slots[i].hash &&
                   a->slots[i].index == b->slots[i].index, "slot %u differs", i);
  ck_assert_int_eq (memcmp (a->bloom, b->bloom, SENTIMENT_BLOOM_BITS / 8), 0);
  for (guint i = 0; i <= a->edge_mask; i++)
    ck_assert_msg (a->edges[i].key == b->edges[i].key &&
                   a->edges[i].child == b->edges[i].child, "edge %u differs", i);
  for (guint i = 0; i < a->n_nodes; i++)
    ck_assert_msg (a->node_entry[i] == b->node_entry[i], "node %u differs", i);
  for (guint i = 0; i < a->n_root; i++)
    ck_assert_msg (a->root_child[i] == b->root_child[i], "root child %u differs", i);
}
END_TEST

START_TEST (test_news_overrides)
{
  g_autoptr (SentimentLexicon) plain = sentiment_lexicon_new (NULL, 0, 0, FALSE, NULL);
  g_autoptr (SentimentLexicon) news = sentiment_lexicon_new (NULL, 0, 0, TRUE, NULL);

  ck_assert (sentiment_lexicon_valence (plain, "cancer") < -1);
  ck_assert_near (sentiment_lexicon_valence (news, "cancer"), -0.4);
  ck_assert_near (sentiment_lexicon_valence (news, "united nations"), 0.0);
}
END_TEST

START_TEST (test_vader_format)
{
  g_autofree char *path = write_file ("v.tsv",
    "goodish\t1.5\t0.5\t[1, 2, 2, 1]\n"
    "grim-faced\t-2.25\t0.43\t[-2, -3]\n"
    ":-)\t1.3\n", -1);
  g_autoptr (SentimentLexicon) lex = load (path, 0, 0, NULL);

  ck_assert_ptr_nonnull (lex);
  ck_assert_near (sentiment_lexicon_valence (lex, "goodish"), 1.5);
  ck_assert_near (sentiment_lexicon_valence (lex, "Grim-Faced"), -2.25);
  ck_assert_near (sentiment_lexicon_valence (lex, ":-)"), 1.3);
}
END_TEST

START_TEST (test_afinn_format_is_rescaled)
{
  g_autofree char *path = write_file ("a.tsv",
    "goodish\t3\nawfulish\t-5\ndoes not work\t-3\n", -1);
  g_autoptr (SentimentLexicon) lex = load (path, 0, 0, NULL);

  /* auto-detected: all integers in -5..5; x 4/5 */
  ck_assert_near (sentiment_lexicon_valence (lex, "goodish"), 2.4);
  ck_assert_near (sentiment_lexicon_valence (lex, "awfulish"), -4.0);
  ck_assert_near (sentiment_lexicon_valence (lex, "does not work"), -2.4);
}
END_TEST

START_TEST (test_integers_read_as_vader_when_asked)
{
  g_autofree char *path = write_file ("a.tsv", "goodish\t3\n", -1);
  g_autoptr (SentimentLexicon) lex = load (path, SENTIMENT_FORMAT_VADER, 0, NULL);

  ck_assert_near (sentiment_lexicon_valence (lex, "goodish"), 3.0);
}
END_TEST

START_TEST (test_merge_overrides_builtin)
{
  g_autofree char *path = write_file ("m.tsv", "good\t0.5\nzorgle\t-1.5\n", -1);
  g_autoptr (SentimentLexicon) lex = load (path, 0, SENTIMENT_MODE_MERGE, NULL);

  ck_assert_near (sentiment_lexicon_valence (lex, "good"), 0.5);
  ck_assert_near (sentiment_lexicon_valence (lex, "zorgle"), -1.5);
  ck_assert (sentiment_lexicon_valence (lex, "terrible") < -2);
}
END_TEST

START_TEST (test_replace_drops_builtin_valences)
{
  g_autofree char *path = write_file ("r.tsv", "good\t0.5\nzorgle\t-1.5\n", -1);
  g_autoptr (SentimentLexicon) lex = load (path, 0, SENTIMENT_MODE_REPLACE, NULL);

  ck_assert_near (sentiment_lexicon_valence (lex, "good"), 0.5);
  ck_assert (isnan (sentiment_lexicon_valence (lex, "terrible")));
  ck_assert (isnan (sentiment_lexicon_valence (lex, "downward spiral")));
}
END_TEST

START_TEST (test_comments_blank_lines_and_crlf)
{
  g_autofree char *path = write_file ("c.tsv",
    "# a comment\r\n\r\n   \r\nzorgle\t-1.5\r\n", -1);
  g_autoptr (SentimentLexicon) lex = load (path, 0, 0, NULL);

  ck_assert_near (sentiment_lexicon_valence (lex, "zorgle"), -1.5);
}
END_TEST

START_TEST (test_error_no_tab)
{
  assert_load_error ("good\t1.5\ngood 1.5\n", -1, 0, GALLEY_STAGE_ERROR_INPUT,
                     ":2: expected word<TAB>rating, found no tab");
}
END_TEST

START_TEST (test_error_rating_not_a_number)
{
  assert_load_error ("good\t1.5\nbad\tvery\n", -1, 0, GALLEY_STAGE_ERROR_INPUT,
                     ":2: rating 'very' is not a number");
}
END_TEST

START_TEST (test_error_truncated_line)
{
  assert_load_error ("good\t1.5\nbad\t", -1, 0, GALLEY_STAGE_ERROR_INPUT,
                     ":2: rating '' is not a number");
}
END_TEST

START_TEST (test_error_empty_word)
{
  assert_load_error ("good\t1.5\n\t-2\n", -1, 0, GALLEY_STAGE_ERROR_INPUT,
                     ":2: empty word before the tab");
}
END_TEST

START_TEST (test_error_vader_out_of_range)
{
  assert_load_error ("good\t1.5\n\nbad\t-4.5\n", -1, 0, GALLEY_STAGE_ERROR_INPUT,
                     ":3: rating -4.5 is outside -4..4 (VADER format)");
}
END_TEST

START_TEST (test_error_afinn_not_integer)
{
  assert_load_error ("good\t2\nbad\t-2.5\n", -1, SENTIMENT_FORMAT_AFINN,
                     GALLEY_STAGE_ERROR_INPUT,
                     ":2: rating -2.5 is not an integer in -5..5 (AFINN format)");
}
END_TEST

START_TEST (test_error_afinn_out_of_range)
{
  assert_load_error ("good\t2\nbad\t-6\n", -1, SENTIMENT_FORMAT_AFINN,
                     GALLEY_STAGE_ERROR_INPUT,
                     ":2: rating -6 is not an integer in -5..5 (AFINN format)");
}
END_TEST

START_TEST (test_error_word_too_long)
{
  g_autofree char *word = g_strnfill (80, 'x');
  g_autofree char *data = g_strdup_printf ("good\t1\n%s\t1\n", word);

  assert_load_error (data, -1, 0, GALLEY_STAGE_ERROR_INPUT,
                     ":2: a word is longer than 63 bytes");
}
END_TEST

START_TEST (test_error_binary)
{
  assert_load_error ("good\t1\nba\0d\t-1\n", 14, 0, GALLEY_STAGE_ERROR_INPUT,
                     ":2: NUL byte: not a text file");
}
END_TEST

START_TEST (test_error_invalid_utf8)
{
  assert_load_error ("good\t1\nbad\t-1\ncaf\xe9\t1\n", -1, 0,
                     GALLEY_STAGE_ERROR_INPUT, ":3: invalid UTF-8");
}
END_TEST

START_TEST (test_error_empty_file)
{
  assert_load_error ("", 0, 0, GALLEY_STAGE_ERROR_INPUT,
                     ": the lexicon has no entries");
  assert_load_error ("# only a comment\n\n", -1, 0, GALLEY_STAGE_ERROR_INPUT,
                     ": the lexicon has no entries");
}
END_TEST

START_TEST (test_error_missing_file)
{
  g_autofree char *path = g_build_filename (tmpdir, "nope.tsv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SentimentLexicon) lex = load (path, 0, 0, &error);

  ck_assert_ptr_null (lex);
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO));
  ck_assert_ptr_nonnull (strstr (error->message, path));
}
END_TEST

START_TEST (test_huge_file)
{
  GString *s = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr (SentimentLexicon) lex = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (s, "word%u\t%d.5\n", i, (int) (i % 7) - 3);
  path = write_file ("huge.tsv", s->str, s->len);
  g_string_free (s, TRUE);
  lex = load (path, 0, 0, NULL);
  ck_assert_ptr_nonnull (lex);
  /* 199999 % 7 - 3 = -1 */
  ck_assert_near (sentiment_lexicon_valence (lex, "word199999"), -1.5);
  ck_assert_uint_ge (sentiment_lexicon_get_n_words (lex), 200000);
}
END_TEST

START_TEST (test_stage_error_names_parameter_file_and_line)
{
  g_autofree char *path = write_file ("bad.tsv", "good\t1.5\ngood 1.5\n", -1);
  g_autofree char *param = g_strconcat ("lexicon=", path, NULL);
  const char *params[] = { param, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&galley_sentiment_stage, params, &error);
  g_autofree char *want = g_strconcat ("parameter 'lexicon': ", path,
                                       ":2: expected word<TAB>rating, found no tab", NULL);

  ck_assert_ptr_null (h);
  ck_assert_str_eq (error->message, want);
}
END_TEST

/* A tokenizer ! sentiment chain with the VADER lexicon @data (written
 * to tmpdir/@name) merged into the built-in one. */
static GalleyHarness *
user_lexicon_chain (const char *name, const char *data)
{
  g_autofree char *path = write_file (name, data, -1);
  g_autofree char *param = g_strconcat ("lexicon=", path, NULL);
  const char *params[] = { param, "lexicon-format=vader", NULL };

  return chain_new (params);
}

/* A punctuation mark of one byte with a valence of its own is a word:
 * What, a, day, indeed neutral and * at 2: neu 4 / 7, pos 3 / 7. */
START_TEST (test_stage_scores_punctuation_user_entry)
{
  g_autoptr (GalleyHarness) h = user_lexicon_chain ("p.tsv", "*\t2.0\n");
  g_autoptr (GalleyDocument) doc = chain_run (h, "What a day * indeed.");

  ck_assert_near (doc_feature (doc, "sentiment.compound"), norm15 (2));
  ck_assert_near (doc_feature (doc, "sentiment.neu"), 4.0 / 7);
  ck_assert_near (doc_feature (doc, "sentiment.pos"), 3.0 / 7);
}
END_TEST

/* Phrases with punctuation of one byte first, second, or before a
 * token the scorer takes the long way ("..."): each scores 2 as one
 * word. Smith, came: neu 2 / 5; A, then, more and They, came, late:
 * neu 3 / 6. */
START_TEST (test_stage_user_phrases_with_punctuation)
{
  g_autoptr (GalleyHarness) h =
    user_lexicon_chain ("pp.tsv", "& co\t2.0\nzorgle ;\t2.0\n( ...\t2.0\n");
  const struct { const char *text; double neu; } rows[] = {
    { "Smith & co came.", 0.4 },
    { "A zorgle; then more.", 0.5 },
    { "They came ( ... ) late.", 0.5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr (GalleyDocument) doc = chain_run (h, rows[i].text);

      ck_assert_near (doc_feature (doc, "sentiment.compound"), norm15 (2));
      ck_assert_near (doc_feature (doc, "sentiment.neu"), rows[i].neu);
    }
}
END_TEST

START_TEST (test_stage_uses_user_lexicon)
{
  g_autoptr (GalleyHarness) h = user_lexicon_chain ("u.tsv", "zorgle\t-2\n");

  ck_assert_near (compound_of (h, "What a zorgle."), norm15 (-2));
}
END_TEST

/* The scorer's ASCII paths (sentiment_lexicon_lookup_token with 8
 * readable bytes before the token's end) find every word of 1 to 16
 * bytes of the built-in lexicon as the general lookup does, in lower
 * case and in capitals, whether the word sits in its home slot of the
 * short table (the branch-free compare) or past a slot another word
 * took (the loop); and a word the lexicon does not hold (the word with
 * a 'q' put before its last byte) gets what the general lookup gives
 * it. */
/* The table of short words takes the words shortest first: a word past
 * its home slot passed only words as short as it or shorter (a longer
 * word never takes the home slot of a shorter one). */
START_TEST (test_short_table_shorter_words_first)
{
  g_autoptr (SentimentLexicon) lex = load (NULL, SENTIMENT_FORMAT_AUTO,
                                           SENTIMENT_MODE_MERGE, NULL);
  guint past_home = 0;

  for (gsize k = 0; k < lex->n_short_slots; k++)
    {
      const SentimentShortSlot *slot = &lex->short_slots[k];
      guint64 home;

      if (slot->key == 0)
        continue;
      home = sentiment_short_home (slot->key, lex->short_key2[k], lex->short_offsets) /
             sizeof (SentimentShortSlot);
      for (guint64 j = home; j != k; j++, past_home++)
        ck_assert_msg (lex->short_slots[j].len <= slot->len,
                       "slot %u: a word of %u bytes passed one of %u at slot %u",
                       (guint) k, slot->len, lex->short_slots[j].len, (guint) j);
    }
  ck_assert_uint_gt (past_home, 0);
}
END_TEST

START_TEST (test_ascii_lookup_agrees_with_general)
{
  g_autoptr (SentimentLexicon) lex = load (NULL, SENTIMENT_FORMAT_AUTO,
                                           SENTIMENT_MODE_MERGE, NULL);
  guint at_home = 0, past_home = 0, absent = 0;

  for (guint32 e = 0; e < lex->n_root; e++)
    {
      gsize len = lex->key_len[e];
      /* 8 readable bytes before the word, as the scorer asks */
      char buf[8 + 17 + 1] = "........";
      char *word = buf + 8;
      guint64 first;
      int want;

      if (len < 1 || len > 16)
        continue;
      memcpy (word, lex->pool + lex->key_offset[e], len);
      if (memchr (word, 0, len) != NULL || strchr (word, ' ') != NULL)
        continue;
      word[len] = '\0';
      ck_assert_int_eq (sentiment_lexicon_lookup_token (lex, word, len, FALSE, TRUE, TRUE), (int) e);
      for (gsize i = 0; i < len; i++)
        word[i] = g_ascii_toupper (word[i]);
      ck_assert_int_eq (sentiment_lexicon_lookup_token (lex, word, len, FALSE, FALSE, TRUE), (int) e);
      first = sentiment_short_key (lex->pool[lex->key_offset[e]], len > 8);
      if (sentiment_short_slot (lex, sentiment_short_home (first,
                                                           len > 8 ? lex->pool[lex->key_offset[e] + 1] : 0,
                                                           lex->short_offsets))->key == first)
        at_home++;
      else
        past_home++;
      if (len < 16)
        {
          memcpy (word, lex->pool + lex->key_offset[e], len);
          word[len] = word[len - 1];
          word[len - 1] = 'q';
          want = sentiment_lexicon_lookup (lex, word, len + 1);
          absent += want < 0;
          ck_assert_int_eq (sentiment_lexicon_lookup_token (lex, word, len + 1, FALSE, TRUE, TRUE), want);
        }
    }
  ck_assert_uint_gt (at_home, 1000);
  ck_assert_uint_gt (past_home, 100);
  ck_assert_uint_gt (absent, 1000);
}
END_TEST

/* The masks of the pairs that may start a phrase (lexicon-lookup.h,
 * SentimentUnitEntry): the first two words of every phrase pass the
 * test, as entries and as punctuation of one byte, and so does a first
 * word before a token of the long way; a word that starts no phrase has
 * no row, a token of the long way a full one; no sig is 0, and the
 * plain one is in no row but the full ones; the words that follow most
 * first words (of, the) hold a bit no other word holds. */
static const SentimentUnitEntry *
unit_of (const SentimentLexicon *lex, int id)
{
  return &lex->unit_entries[id + 1];
}

START_TEST (test_pair_masks)
{
  g_autoptr (SentimentLexicon) lex = load (NULL, SENTIMENT_FORMAT_AUTO,
                                           SENTIMENT_MODE_MERGE, NULL);
  guint n_ids = SENTIMENT_UNIT_ENTRIES (lex) - 1, pairs = 0, firsts = 0;
  g_autofree gboolean *first = g_new0 (gboolean, n_ids);
  const char *own_bit[] = { "of", "the" };

  for (guint32 w = 0; w < lex->n_root; w++)
    {
      guint32 node = sentiment_lexicon_phrase_first (lex, (int) w);

      if (node == 0)
        continue;
      first[w] = TRUE;
      firsts++;
      ck_assert (unit_of (lex, w)->pair_row & unit_of (lex, SENTIMENT_UNIT_SLOW (lex))->pair_sig);
      for (guint32 b = 0; b < lex->n_root; b++)
        if (sentiment_lexicon_phrase_step (lex, node, (int) b) != 0)
          {
            ck_assert_msg (unit_of (lex, w)->pair_row & unit_of (lex, b)->pair_sig,
                           "a phrase's first two words %u %u", w, b);
            if (lex->key_len[b] == 1)
              ck_assert (unit_of (lex, w)->pair_row &
                         unit_of (lex, SENTIMENT_UNIT_BYTE (lex, lex->pool[lex->key_offset[b]] & 0xff))->pair_sig);
            pairs++;
          }
    }
  ck_assert_uint_gt (firsts, 300);
  ck_assert_uint_gt (pairs, 600);
  for (int id = -1; id < (int) n_ids; id++)
    {
      const SentimentUnitEntry *u = unit_of (lex, id);

      ck_assert (u->pair_sig != 0);
      if (u->flags & SENTIMENT_ENTRY_SLOW)
        ck_assert (u->pair_row == ~G_GUINT64_CONSTANT (0));
      else
        ck_assert (!(u->pair_row & SENTIMENT_SIG_PLAIN));
      if (id >= 0 && id < (int) lex->n_entries && !first[id])
        ck_assert_uint_eq (u->pair_row, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (own_bit); i++)
    {
      int e = sentiment_lexicon_lookup (lex, own_bit[i], strlen (own_bit[i]));
      guint64 sig = unit_of (lex, e)->pair_sig;

      ck_assert (sig != SENTIMENT_SIG_PLAIN);
      for (int id = -1; id < (int) n_ids; id++)
        ck_assert (id == e || !(unit_of (lex, id)->pair_sig & sig));
    }
}
END_TEST

/* Which kinds of token are looked up: a number, a mention, a URL or an
 * e-mail address is not, even when the lexicon holds its text; a hashtag
 * is, without its #. Each row once where the token has 8 bytes before
 * its end (the ASCII path) and once at the start of the text (the
 * other). */
START_TEST (test_kinds_looked_up)
{
  g_autofree char *path = write_file (
    "k.tsv", "zorgle\t-2\n911\t-2\n@zorgle\t-2\nwww.zorgle.com\t-2\n"
    "z@zorgle.com\t-2\n", -1);
  g_autofree char *param = g_strconcat ("lexicon=", path, NULL);
  const char *params[] = { param, "lexicon-format=vader", "news-overrides=false", NULL };
  g_autoptr (GalleyHarness) h = chain_new (params);
  static const struct {
    const char *text;
    double x;
  } rows[] = {
    { "They said zorgle.", -2 },
    { "zorgle, they said.", -2 },
    { "They said #zorgle.", -2 },
    { "#zorgle, they said.", -2 },
    { "They called 911.", 0 },
    { "911, they called.", 0 },
    { "They called @zorgle.", 0 },
    { "@zorgle, they called.", 0 },
    { "They went to www.zorgle.com today.", 0 },
    { "They wrote to z@zorgle.com today.", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    ck_assert_msg (fabs (compound_of (h, rows[i].text) - norm15 (rows[i].x)) < TOLERANCE,
                   "row %u (%s): compound %.5f, expected %.5f", i, rows[i].text,
                   compound_of (h, rows[i].text), norm15 (rows[i].x));
}
END_TEST

static Suite *
lexicon_suite (void)
{
  Suite *s = suite_create ("sentiment-lexicon");
  TCase *tc = tcase_create ("lexicon");

  tcase_set_timeout (tc, 60);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_split_phrase_words_and_clitic);
  tcase_add_test (tc, test_builtin_has_thousands_of_entries);
  tcase_add_test (tc, test_builtin_inflections);
  tcase_add_test (tc, test_builtin_phrases);
  tcase_add_test (tc, test_news_overrides);
  tcase_add_test (tc, test_builtin_tables_match_text_build);
  tcase_add_test (tc, test_vader_format);
  tcase_add_test (tc, test_afinn_format_is_rescaled);
  tcase_add_test (tc, test_integers_read_as_vader_when_asked);
  tcase_add_test (tc, test_merge_overrides_builtin);
  tcase_add_test (tc, test_replace_drops_builtin_valences);
  tcase_add_test (tc, test_comments_blank_lines_and_crlf);
  tcase_add_test (tc, test_error_no_tab);
  tcase_add_test (tc, test_error_rating_not_a_number);
  tcase_add_test (tc, test_error_truncated_line);
  tcase_add_test (tc, test_error_empty_word);
  tcase_add_test (tc, test_error_vader_out_of_range);
  tcase_add_test (tc, test_error_afinn_not_integer);
  tcase_add_test (tc, test_error_afinn_out_of_range);
  tcase_add_test (tc, test_error_word_too_long);
  tcase_add_test (tc, test_error_binary);
  tcase_add_test (tc, test_error_invalid_utf8);
  tcase_add_test (tc, test_error_empty_file);
  tcase_add_test (tc, test_error_missing_file);
  tcase_add_test (tc, test_huge_file);
  tcase_add_test (tc, test_stage_error_names_parameter_file_and_line);
  tcase_add_test (tc, test_stage_uses_user_lexicon);
  tcase_add_test (tc, test_stage_user_phrases_with_punctuation);
  tcase_add_test (tc, test_stage_scores_punctuation_user_entry);
  tcase_add_test (tc, test_ascii_lookup_agrees_with_general);
  tcase_add_test (tc, test_short_table_shorter_words_first);
  tcase_add_test (tc, test_kinds_looked_up);
  tcase_add_test (tc, test_pair_masks);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return run_suite (lexicon_suite ());
}
