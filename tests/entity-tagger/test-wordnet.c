/* test-wordnet.c: WordNet's proper names (plugins/entity-tagger/wordnet.c)
 * read from small data.noun files each test writes, and what they give
 * the tokens of a text. A bad file is an error naming the file and the
 * line, never a crash.
 */
#include "config.h"

#include <check.h>
#include <string.h>
#include <glib/gstdio.h>

#include <galley/galley.h>

#include "plugins/entity-tagger/entity-tagger.h"
#include "plugins/entity-tagger/model.h"
#include "plugins/entity-tagger/wordnet.h"
#include "plugins/tokenizer/tokenizer.h"

/* The licence lines at the top (indented), then synsets: Lincoln is a
 * person and a place (two synsets), the bank a group, England a place, a
 * plant genus is left out, and a lower-case lemma is no name. */
static const char fixture[] =
  "  1 This software and database is being provided to you, the LICENSEE, by  \n"
  "  2 Princeton University under the following license.  \n"
  "11132462 18 n 04 Lincoln 0 Abraham_Lincoln 0 President_Lincoln 0 President_Abraham_Lincoln 0 "
  "003 @i 10249950 n 0000 @i 10467395 n 0000 + 03034581 a 0102 | 16th President  \n"
  "09060768 15 n 01 Lincoln 1 001 @i 08524735 n 0000 | capital of Nebraska  \n"
  "08352035 14 n 01 Bank_of_England 0 001 @ 08349916 n 0000 | the central bank of England  \n"
  "08888799 15 n 01 England 0 001 @i 08544813 n 0000 | a division of the United Kingdom  \n"
  "12345678 20 n 01 Rosa 0 000 | a genus of shrubs  \n"
  "08420278 14 n 02 bank 0 depository_financial_institution 0 000 | a financial institution  \n";

typedef struct {
  char *dir;
  char *path;
} Dir;

static void
dir_init (Dir *d, const char *contents, gssize len)
{
  g_autoptr (GError) error = NULL;

  d->dir = g_dir_make_tmp ("galley-wordnet-XXXXXX", &error);
  ck_assert_msg (d->dir != NULL, "%s", error ? error->message : "?");
  d->path = g_build_filename (d->dir, "data.noun", NULL);
  if (contents != NULL)
    ck_assert (g_file_set_contents (d->path, contents, len, NULL));
}

static void
dir_clear (Dir *d)
{
  g_unlink (d->path);
  g_rmdir (d->dir);
  g_free (d->path);
  g_free (d->dir);
}

/* The error of loading @contents (NULL: no file) as DIR/data.noun, with
 * DIR written as "DIR". */
static char *
load_error (const char *contents, gssize len)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) msg = NULL;
  EtWordNet *wn;
  Dir d;

  dir_init (&d, contents, len);
  wn = et_wordnet_load (d.dir, &error);
  ck_assert_ptr_null (wn);
  ck_assert_ptr_nonnull (error);
  ck_assert (error->domain == G_FILE_ERROR);
  msg = g_string_new (error->message);
  g_string_replace (msg, d.dir, "DIR", 0);
  dir_clear (&d);
  return g_strdup (msg->str);
}

typedef struct {
  const EtWordNet *wn;
  GString *out;
} Names;

static void
dump_names (Doc *d, gpointer data)
{
  Names *n = data;
  g_autofree guint8 *span = g_new0 (guint8, d->n + 1);
  g_autofree guint8 *place = g_new0 (guint8, d->n + 1);
  g_autofree guint8 *word = g_new0 (guint8, d->n + 1);

  et_wordnet_names (n->wn, d, 0, d->n, span, place, word);
  for (guint i = 0; i < d->n; i++)
    if (span[i] != 0 || word[i] != 0)
      g_string_append_printf (n->out, "%s%.*s:%x/%c/%x", n->out->len ? " " : "",
                              (int) (d->toks[i].end - d->toks[i].start),
                              d->text + d->toks[i].start, span[i], "-BILU"[place[i]],
                              word[i]);
}

/* Per token with a name: "word:SPAN/PLACE/WORD", the classes as masks
 * of (1 << ET_WN_*) in hex, PLACE the BILOU letter. */
static char *
names_of (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) tok = galley_harness_new (&galley_tokenizer_stage, NULL, &error);
  g_autoptr (GalleyDocument) doc = galley_document_new ("t", text, -1);
  GalleyParams *p = galley_params_new (galley_entity_tagger_stage.params);
  Names n = { NULL, g_string_new (NULL) };
  Tagger *tg;
  Dir d;

  dir_init (&d, fixture, -1);
  n.wn = et_wordnet_load (d.dir, &error);
  ck_assert_msg (n.wn != NULL, "%s", error ? error->message : "?");
  ck_assert (galley_params_set (p, "iso-codes", "false", &error));
  ck_assert (galley_params_finish (p, &error));
  tg = galley_entity_tagger_stage.create (p, &error);
  ck_assert_msg (tg != NULL, "%s", error ? error->message : "?");
  ck_assert (galley_harness_run (tok, doc, &error));
  ck_assert (tagger_visit (tg, doc, dump_names, &n, &error));
  galley_entity_tagger_stage.free (tg);
  galley_params_free (p);
  et_wordnet_free ((EtWordNet *) n.wn);
  dir_clear (&d);
  return g_string_free (n.out, FALSE);
}

#define ck_assert_names(text, expected) \
  do { \
    g_autofree char *got_ = names_of (text); \
    ck_assert_str_eq (got_, expected); \
  } while (0)

/* classes: person 1, location 2, group 4 */

START_TEST (test_multi_word_name_gives_its_class_and_places)
{
  ck_assert_names ("They met Abraham Lincoln today.",
                   "Abraham:1/B/0 Lincoln:1/L/3");
}
END_TEST

START_TEST (test_word_in_two_synsets_has_both_classes)
{
  ck_assert_names ("They drove to Lincoln today.", "Lincoln:3/U/3");
}
END_TEST

START_TEST (test_longest_name_wins_and_keeps_its_tokens)
{
  /* England alone is a place; inside the bank's name it is the bank's */
  ck_assert_names ("He joined the Bank of England in England.",
                   "Bank:4/B/0 of:4/I/0 England:4/L/2 England:2/U/2");
}
END_TEST

START_TEST (test_name_does_not_run_across_a_line)
{
  ck_assert_names ("Abraham\nLincoln", "Lincoln:3/U/3");
}
END_TEST

START_TEST (test_lower_case_and_other_files_are_no_names)
{
  ck_assert_names ("The bank grew Rosa and lincoln.", "");
}
END_TEST

START_TEST (test_missing_file_names_it_and_the_package)
{
  g_autofree char *msg = load_error (NULL, 0);

  ck_assert_str_eq (msg, "DIR/data.noun: No such file or directory (WordNet 3.0's nouns: "
                    "install the Debian package wordnet-base, or name its directory: "
                    "wordnet=DIR on the stage, --wordnet DIR on galley train and "
                    "galley eval)");
}
END_TEST

START_TEST (test_malformed_line_names_file_and_line)
{
  static const struct {
    const char *line;
    const char *what;
  } cases[] = {
    { "08888799 xx n 01 England 0 000 | x  \n", "no lexicographer file number" },
    { "08888799 15 n 03 England 0 000 | x  \n", "fewer words than its word count" },
    { "08888799 15 n zz England 0 000 | x  \n", "no word count" },
    { "08888799 15 n 01 England\n", "fewer words than its word count" },
    { "08888799\n", "no synset offset" },
    { "\n", "no synset offset" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *text = g_strconcat (fixture, cases[k].line, NULL);
      g_autofree char *msg = load_error (text, -1);
      g_autofree char *want = g_strdup_printf ("DIR/data.noun:9: not a WordNet data.noun "
                                               "line: %s", cases[k].what);

      ck_assert_str_eq (msg, want);
    }
}
END_TEST

START_TEST (test_truncated_file_names_its_last_line)
{
  /* cut in the middle of the bank's line (line 5) */
  const char *cut = strstr (fixture, "08352035 14 n 01 Bank_of");
  g_autofree char *msg = load_error (fixture, cut + 20 - fixture);

  ck_assert_str_eq (msg, "DIR/data.noun:5: truncated file (the last line has no end): "
                    "reinstall wordnet-base");
}
END_TEST

START_TEST (test_file_without_names_is_refused)
{
  g_autofree char *empty = load_error ("", 0);
  g_autofree char *licence = load_error ("  1 This software and database\n", -1);

  ck_assert_str_eq (empty, "DIR/data.noun: no capitalised names of people, places or groups: "
                    "not WordNet 3.0's data.noun");
  ck_assert_str_eq (licence, empty);
}
END_TEST

START_TEST (test_binary_garbage_is_an_error_not_a_crash)
{
  char junk[4096];
  GRand *rand = g_rand_new_with_seed (17);

  for (guint round = 0; round < 50; round++)
    {
      g_autoptr (GError) error = NULL;
      EtWordNet *wn;
      Dir d;

      for (guint k = 0; k < sizeof junk; k++)
        junk[k] = (char) g_rand_int_range (rand, 0, 256);
      dir_init (&d, junk, sizeof junk);
      wn = et_wordnet_load (d.dir, &error);
      ck_assert_ptr_null (wn);
      ck_assert_ptr_nonnull (error);
      ck_assert (g_str_has_prefix (error->message, d.path));
      dir_clear (&d);
    }
  g_rand_free (rand);
}
END_TEST

static Suite *
wordnet_suite (void)
{
  Suite *s = suite_create ("wordnet");
  TCase *tc = tcase_create ("names");

  tcase_add_test (tc, test_multi_word_name_gives_its_class_and_places);
  tcase_add_test (tc, test_word_in_two_synsets_has_both_classes);
  tcase_add_test (tc, test_longest_name_wins_and_keeps_its_tokens);
  tcase_add_test (tc, test_name_does_not_run_across_a_line);
  tcase_add_test (tc, test_lower_case_and_other_files_are_no_names);
  suite_add_tcase (s, tc);
  tc = tcase_create ("errors");
  tcase_add_test (tc, test_missing_file_names_it_and_the_package);
  tcase_add_test (tc, test_malformed_line_names_file_and_line);
  tcase_add_test (tc, test_truncated_file_names_its_last_line);
  tcase_add_test (tc, test_file_without_names_is_refused);
  tcase_add_test (tc, test_binary_garbage_is_an_error_not_a_crash);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (wordnet_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
