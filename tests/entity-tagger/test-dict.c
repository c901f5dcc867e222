/* test-dict.c: a spelling dictionary's words (plugins/entity-tagger/dict.c)
 * read from small word lists each test writes: how the list writes a
 * word, looked up whatever the token's case. A missing or empty list is
 * an error naming the file; any other bytes (binary, a line of 1 MiB,
 * 300,000 lines, no last newline) are read whole.
 */
#include "config.h"

#include <check.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "plugins/entity-tagger/dict.h"

/* "apple" and "Apple" both, a proper noun, an acronym, a possessive (not
 * read), a line with a carriage return, a one-letter capital */
static const char fixture[] =
  "A\n"
  "Apple\n"
  "Appleton\n"
  "Appleton's\n"
  "NASA\n"
  "apple\n"
  "pear\r\n"
  "zebra";

/* The list's @len bytes at @contents (-1: up to a NUL) written to a
 * file, loaded; the file removed. */
static EtDict *
load_bytes (const char *contents, gssize len, GError **error)
{
  g_autofree char *path = NULL;
  EtDict *dict;
  int fd = g_file_open_tmp ("galley-dict-XXXXXX", &path, NULL);

  ck_assert_int_ge (fd, 0);
  close (fd);
  ck_assert (g_file_set_contents (path, contents, len, NULL));
  dict = et_dict_load (path, error);
  g_unlink (path);
  return dict;
}

static EtDict *
load (const char *contents, GError **error)
{
  return load_bytes (contents, -1, error);
}

static guint
classes (const EtDict *dict, const char *word)
{
  return et_dict_classes (dict, word, strlen (word));
}

/* What the fixture's list says of a word, whatever the token's case */
static const struct
{
  const char *word;
  guint classes;
} lookups[] = {
  /* how the list writes it */
  { "apple", ET_DICT_LOWER | ET_DICT_CAP },
  { "Appleton", ET_DICT_CAP },
  { "NASA", ET_DICT_UPPER },
  { "pear", ET_DICT_LOWER },
  { "zebra", ET_DICT_LOWER },
  /* one capital letter is a capitalised word, not an acronym */
  { "a", ET_DICT_CAP },
  /* the token's own case does not matter */
  { "APPLETON", ET_DICT_CAP },
  { "appleton", ET_DICT_CAP },
  { "Nasa", ET_DICT_UPPER },
  { "PEAR", ET_DICT_LOWER },
  /* absent: a possessive (never read), a plural, a prefix */
  { "Appleton's", 0 },
  { "Apples", 0 },
  { "App", 0 },
};

START_TEST (test_lookup)
{
  g_autoptr (GError) error = NULL;
  EtDict *dict = load (fixture, &error);

  ck_assert_msg (dict != NULL, "%s", error ? error->message : "?");
  ck_assert_msg (classes (dict, lookups[_i].word) == lookups[_i].classes,
                 "%s: classes 0x%x, expected 0x%x", lookups[_i].word,
                 classes (dict, lookups[_i].word), lookups[_i].classes);
  et_dict_free (dict);
}
END_TEST

START_TEST (test_empty_word_is_none)
{
  EtDict *dict = load (fixture, NULL);

  ck_assert_uint_eq (et_dict_classes (dict, "apple", 0), 0);
  et_dict_free (dict);
}
END_TEST

START_TEST (test_missing_file_names_it_and_the_package)
{
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (et_dict_load ("/nonexistent/words", &error));
  ck_assert (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
  ck_assert_str_eq (error->message, "/nonexistent/words: No such file or directory (an English "
                    "word list: install the Debian package wamerican, or name another "
                    "list: dict=FILE on the stage, --dict FILE on galley train and "
                    "galley eval)");
}
END_TEST

START_TEST (test_list_without_words_is_refused)
{
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (load ("\n\n", &error));
  ck_assert (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_INVAL));
  ck_assert (g_str_has_suffix (error->message, ": no words: not a word list (one word a line)"));
  g_clear_error (&error);
  /* a file of no bytes at all maps to no memory */
  ck_assert_ptr_null (load ("", &error));
  ck_assert (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_INVAL));
  ck_assert (g_str_has_suffix (error->message, ": no words: not a word list (one word a line)"));
}
END_TEST

/* A file that is no word list is read whole without harm: every byte
 * value (NUL and newline among them), a line of 1 MiB, 300,000 lines
 * (the table grows past its first size), no newline at the end; the
 * words around them are still told. */
START_TEST (test_binary_huge_and_long_lists_are_read_whole)
{
  g_autoptr (GString) list = g_string_new ("Quartz\n");
  g_autoptr (GError) error = NULL;
  g_autofree char *long_word = g_strnfill (1 << 20, 'x');
  EtDict *dict;

  for (guint b = 0; b < 256; b++)
    g_string_append_c (list, (char) b);
  g_string_append_printf (list, "\n%s\n", long_word);
  for (guint k = 0; k < 300000; k++)
    g_string_append_printf (list, "w%u\n", k);
  g_string_append (list, "Zinc");
  dict = load_bytes (list->str, (gssize) list->len, &error);
  ck_assert_msg (dict != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (classes (dict, "quartz"), ET_DICT_CAP);
  ck_assert_uint_eq (classes (dict, "zinc"), ET_DICT_CAP);
  ck_assert_uint_eq (classes (dict, "w0"), ET_DICT_LOWER);
  ck_assert_uint_eq (classes (dict, "w299999"), ET_DICT_LOWER);
  ck_assert_uint_eq (classes (dict, "w300000"), 0);
  ck_assert_uint_eq (classes (dict, long_word), ET_DICT_LOWER);
  et_dict_free (dict);
}
END_TEST

static Suite *
dict_suite (void)
{
  Suite *s = suite_create ("dict");
  TCase *tc = tcase_create ("words");

  tcase_add_loop_test (tc, test_lookup, 0, G_N_ELEMENTS (lookups));
  tcase_add_test (tc, test_empty_word_is_none);
  suite_add_tcase (s, tc);
  tc = tcase_create ("errors");
  tcase_add_test (tc, test_missing_file_names_it_and_the_package);
  tcase_add_test (tc, test_list_without_words_is_refused);
  tcase_add_test (tc, test_binary_huge_and_long_lists_are_read_whole);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (dict_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
