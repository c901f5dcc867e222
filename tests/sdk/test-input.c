/* test-input.c: galley_input_* and galley_utf8_make_valid: expanding
 * files, directories and globs, reading with a limit, binary detection,
 * and repairing or rejecting invalid UTF-8. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>

#include <galley/galley.h>

#include "galley-input-private.h"
#include "sdk-test.h"

static char *tmp;

static void
setup (void)
{
  tmp = sdk_test_tmpdir ();
}

static void
teardown (void)
{
  sdk_test_rmtree (tmp);
  g_clear_pointer (&tmp, g_free);
}

/* in_tmp: "TMP/rel" (transfer full) */
static char *
in_tmp (const char *rel)
{
  return g_build_filename (tmp, rel, NULL);
}

static void
touch (const char *rel, const char *contents)
{
  g_autofree char *path = in_tmp (rel);
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0755);
  sdk_test_write (path, contents, -1);
}

/* joined: the expansion with TMP/ removed, "|"-separated */
static char *
joined (char **files)
{
  GString *s = g_string_new (NULL);
  gsize prefix = strlen (tmp) + 1;

  for (char **f = files; *f; f++)
    {
      if (s->len)
        g_string_append_c (s, '|');
      g_string_append (s, g_str_has_prefix (*f, tmp) ? *f + prefix : *f);
    }
  return g_string_free (s, FALSE);
}

/* A small news spool: two days of articles, a hidden file, other suffixes. */
static void
make_spool (void)
{
  touch ("spool/2024-05-02/b.txt", "Second story\n");
  touch ("spool/2024-05-02/a.txt", "First story\n");
  touch ("spool/2024-05-01/z.txt", "Older story\n");
  touch ("spool/2024-05-01/notes.md", "not news\n");
  touch ("spool/2024-05-01/.hidden.txt", "draft\n");
  touch ("spool/.cache/c.txt", "cache\n");
  touch ("spool/top.txt", "Top story\n");
}

START_TEST (test_expand_single_file)
{
  g_autofree char *path = NULL;
  g_auto (GStrv) files = NULL;
  g_autoptr (GError) error = NULL;

  touch ("story.txt", "Text\n");
  path = in_tmp ("story.txt");
  files = galley_input_expand (path, NULL, &error);
  ck_assert_ptr_nonnull (files);
  ck_assert_str_eq (files[0], path);
  ck_assert_ptr_null (files[1]);
}
END_TEST

START_TEST (test_expand_file_ignores_suffix_filter)
{
  static const char *const suffixes[] = { ".txt", NULL };
  g_autofree char *path = NULL;
  g_auto (GStrv) files = NULL;

  /* a file named explicitly is taken whatever its name */
  touch ("story.md", "Text\n");
  path = in_tmp ("story.md");
  files = galley_input_expand (path, suffixes, NULL);
  ck_assert_ptr_nonnull (files);
  ck_assert_str_eq (files[0], path);
}
END_TEST

START_TEST (test_expand_directory_recursive_sorted)
{
  g_autofree char *dir = NULL, *s = NULL;
  g_auto (GStrv) files = NULL;

  make_spool ();
  dir = in_tmp ("spool");
  files = galley_input_expand (dir, NULL, NULL);
  ck_assert_ptr_nonnull (files);
  s = joined (files);
  ck_assert_str_eq (s, "spool/2024-05-01/notes.md|spool/2024-05-01/z.txt|"
                    "spool/2024-05-02/a.txt|spool/2024-05-02/b.txt|spool/top.txt");
}
END_TEST

START_TEST (test_expand_directory_with_suffixes)
{
  static const char *const suffixes[] = { ".txt", ".text", NULL };
  g_autofree char *dir = NULL, *s = NULL;
  g_auto (GStrv) files = NULL;

  make_spool ();
  dir = in_tmp ("spool");
  files = galley_input_expand (dir, suffixes, NULL);
  s = joined (files);
  ck_assert_str_eq (s, "spool/2024-05-01/z.txt|spool/2024-05-02/a.txt|"
                    "spool/2024-05-02/b.txt|spool/top.txt");
}
END_TEST

START_TEST (test_expand_glob_last_component)
{
  g_autofree char *pattern = NULL, *s = NULL;
  g_auto (GStrv) files = NULL;

  make_spool ();
  pattern = in_tmp ("spool/2024-05-01/*");
  files = galley_input_expand (pattern, NULL, NULL);
  s = joined (files);
  /* '*' does not match names starting with '.' */
  ck_assert_str_eq (s, "spool/2024-05-01/notes.md|spool/2024-05-01/z.txt");
}
END_TEST

/* Glob patterns, one component or several, and the files they take from
 * the tree globs/ (relative to it, "|"-separated, "" for none). */
static const struct {
  const char *pattern;
  const char *files;
} globs[] = {
  { "a[12].txt", "a1.txt|a2.txt" },
  { "a[!x].txt", "a1.txt|a2.txt|a3.txt|a[.txt|ab.txt" },
  { "a[^x12].txt", "a3.txt|a[.txt|ab.txt" },
  { "[a-c].txt", "b.txt|c.txt" },
  { "[!a]*.txt", "b.txt|c.txt|x1.txt" },
  { "a*.txt", "a1.txt|a2.txt|a3.txt|a[.txt|ab.txt|ax.txt" },
  { "a?.txt", "a1.txt|a2.txt|a3.txt|a[.txt|ab.txt|ax.txt" },
  { "?1.txt", "a1.txt|x1.txt" },  /* not .1.txt: a leading '.' is matched only by '.' */
  { ".*.txt", ".1.txt" },
  { "a[.txt", "a[.txt" },          /* '[' without ']' is an ordinary character */
  { "a[[].txt", "a[.txt" },
  { "a\\?.txt", "" },              /* '\\' quotes: a literal '?' */
  { "[xyz]", "" },
  { "d[0-9]/*.txt", "d1/f.txt|d2/f.txt" },
  { "d[!0-9]/f.txt", "dx/f.txt" },
};

START_TEST (test_expand_glob_patterns)
{
  static const char *const names[] = {
    "a1.txt", "a2.txt", "a3.txt", "ab.txt", "ax.txt", "a[.txt", "b.txt", "c.txt",
    "x1.txt", ".1.txt", "d1/f.txt", "d2/f.txt", "dx/f.txt",
  };
  g_autofree char *dir = in_tmp ("globs");
  g_autofree char *pattern = g_build_filename (dir, globs[_i].pattern, NULL);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) files = NULL;
  GString *got = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *rel = g_build_filename ("globs", names[i], NULL);
      touch (rel, "x");
    }
  files = galley_input_expand (pattern, NULL, &error);
  ck_assert_msg (files != NULL, "%s: %s", globs[_i].pattern, error ? error->message : "?");
  for (char **f = files; *f; f++)
    {
      ck_assert (g_str_has_prefix (*f, dir));
      if (got->len)
        g_string_append_c (got, '|');
      g_string_append (got, *f + strlen (dir) + 1);
    }
  ck_assert_msg (strcmp (got->str, globs[_i].files) == 0, "%s gave \"%s\", not \"%s\"",
                 globs[_i].pattern, got->str, globs[_i].files);
  g_string_free (got, TRUE);
}
END_TEST

START_TEST (test_expand_glob_middle_component)
{
  g_autofree char *pattern = NULL, *s = NULL;
  g_auto (GStrv) files = NULL;

  make_spool ();
  pattern = in_tmp ("spool/2024-05-0?/*.txt");
  files = galley_input_expand (pattern, NULL, NULL);
  s = joined (files);
  ck_assert_str_eq (s, "spool/2024-05-01/z.txt|spool/2024-05-02/a.txt|"
                    "spool/2024-05-02/b.txt");
}
END_TEST

START_TEST (test_expand_glob_matching_directories)
{
  static const char *const suffixes[] = { ".txt", NULL };
  g_autofree char *pattern = NULL, *s = NULL;
  g_auto (GStrv) files = NULL;

  make_spool ();
  /* directories a glob matches are walked, with the suffix filter */
  pattern = in_tmp ("spool/2024-*");
  files = galley_input_expand (pattern, suffixes, NULL);
  s = joined (files);
  ck_assert_str_eq (s, "spool/2024-05-01/z.txt|spool/2024-05-02/a.txt|"
                    "spool/2024-05-02/b.txt");
}
END_TEST

START_TEST (test_expand_glob_relative_has_no_dot_slash)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_auto (GStrv) files = NULL;
  g_autofree char *s = NULL;

  make_spool ();
  ck_assert_int_eq (g_chdir (tmp), 0);
  files = galley_input_expand ("spool/*.txt", NULL, NULL);
  ck_assert_int_eq (g_chdir (cwd), 0);
  ck_assert_ptr_nonnull (files);
  s = g_strjoinv ("|", files);
  ck_assert_str_eq (s, "spool/top.txt");
}
END_TEST

START_TEST (test_expand_directory_does_not_follow_linked_directories)
{
  g_autofree char *dir = NULL, *link = NULL, *s = NULL;
  g_auto (GStrv) files = NULL;

  /* a link back up the tree would list every file again, once per path
   * through it */
  touch ("tree/day/a.txt", "A story\n");
  link = in_tmp ("tree/day/up");
  ck_assert_int_eq (symlink ("..", link), 0);
  dir = in_tmp ("tree");
  files = galley_input_expand (dir, NULL, NULL);
  ck_assert_ptr_nonnull (files);
  s = joined (files);
  ck_assert_str_eq (s, "tree/day/a.txt");
}
END_TEST

START_TEST (test_expand_glob_without_a_directory_matching_nothing_is_empty)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_auto (GStrv) files = NULL;
  g_autoptr (GError) error = NULL;

  /* "*.xml" has no directory part: the directory it names is ".", which
   * exists, so matching nothing there is no input, not an error */
  make_spool ();
  ck_assert_int_eq (g_chdir (tmp), 0);
  files = galley_input_expand ("*.xml", NULL, &error);
  ck_assert_int_eq (g_chdir (cwd), 0);
  ck_assert_ptr_null (error);
  ck_assert_ptr_nonnull (files);
  ck_assert_ptr_null (files[0]);
}
END_TEST

START_TEST (test_glob_matches_stops_at_a_match)
{
  /* what galley validate asks of a glob: a directory match counts by
   * the files under it, as galley_input_expand() lists them */
  g_autofree char *some = in_tmp ("spool/a/*");
  g_autofree char *deep = in_tmp ("spool/*");
  g_autofree char *none = in_tmp ("spool/*.xml");
  g_autofree char *empty = in_tmp ("empty/*");
  g_autofree char *empty_sub = in_tmp ("empty/sub");

  touch ("spool/a/one.txt", "1");
  touch ("spool/a/two.txt", "2");
  g_mkdir_with_parents (empty_sub, 0755);
  ck_assert (_galley_input_glob_matches (some));
  ck_assert (_galley_input_glob_matches (deep));
  ck_assert (!_galley_input_glob_matches (none));
  ck_assert (!_galley_input_glob_matches (empty));
}
END_TEST

START_TEST (test_expand_url_says_where_urls_go)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) plain_error = NULL;

  ck_assert_ptr_null (galley_input_expand ("https://example.com/rss", NULL, &error));
  ck_assert_str_eq (error->message, "https://example.com/rss: no such file or no matching "
                                    "files (a URL is not a path: read-feed and read-html "
                                    "fetch URLs given as url=)");
  /* a relative file name with a colon, which has a URI scheme by the
   * letter, is no URL */
  ck_assert_ptr_null (galley_input_expand ("no-such-news:2024.xml", NULL, &plain_error));
  ck_assert_str_eq (plain_error->message, "no-such-news:2024.xml: no such file or no matching files");
}
END_TEST

START_TEST (test_expand_dash_is_stdin)
{
  g_auto (GStrv) files = galley_input_expand ("-", NULL, NULL);

  ck_assert_str_eq (files[0], "-");
  ck_assert_ptr_null (files[1]);
}
END_TEST

START_TEST (test_expand_missing_file_is_error)
{
  g_autofree char *path = in_tmp ("nothing.txt");
  g_autofree char *expected = g_strdup_printf ("%s: no such file or no matching files", path);
  g_autoptr (GError) error = NULL;
  char **files = galley_input_expand (path, NULL, &error);

  ck_assert_ptr_null (files);
  ck_assert (error->domain == GALLEY_STAGE_ERROR);
  ck_assert_int_eq (error->code, GALLEY_STAGE_ERROR_IO);
  ck_assert_str_eq (error->message, expected);
}
END_TEST

START_TEST (test_expand_glob_matching_nothing_in_a_directory_is_empty)
{
  g_autofree char *pattern = NULL;
  g_auto (GStrv) files = NULL;
  g_autoptr (GError) error = NULL;

  make_spool ();
  pattern = in_tmp ("spool/*.xml");
  files = galley_input_expand (pattern, NULL, &error);
  ck_assert_ptr_null (error);
  ck_assert_ptr_nonnull (files);
  ck_assert_ptr_null (files[0]);
}
END_TEST

START_TEST (test_expand_glob_in_a_missing_directory_is_error)
{
  g_autofree char *pattern = in_tmp ("no-such-dir/*.txt");
  g_autofree char *expected = g_strdup_printf ("%s: no such file or no matching files", pattern);
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_input_expand (pattern, NULL, &error));
  ck_assert_str_eq (error->message, expected);
}
END_TEST

START_TEST (test_expand_empty_directory_is_empty)
{
  g_autofree char *dir = in_tmp ("empty");
  g_auto (GStrv) files = NULL;
  g_autoptr (GError) error = NULL;

  g_mkdir (dir, 0755);
  files = galley_input_expand (dir, NULL, &error);
  ck_assert_ptr_null (error);
  ck_assert_ptr_null (files[0]);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_read_file_whole)
{
  g_autofree char *path = in_tmp ("a.txt");
  g_autofree char *data = NULL;
  gsize len = 0;

  sdk_test_write (path, "Markets fell.\nThen rose.\n", -1);
  data = galley_input_read_file (path, 0, &len, NULL);
  ck_assert_str_eq (data, "Markets fell.\nThen rose.\n");
  ck_assert_uint_eq (len, 25);
}
END_TEST

START_TEST (test_read_file_empty)
{
  g_autofree char *path = in_tmp ("empty.txt");
  g_autofree char *data = NULL;
  gsize len = 99;

  sdk_test_write (path, "", 0);
  data = galley_input_read_file (path, 0, &len, NULL);
  ck_assert_str_eq (data, "");
  ck_assert_uint_eq (len, 0);
}
END_TEST

START_TEST (test_read_file_binary_kept_with_length)
{
  g_autofree char *path = in_tmp ("bin");
  g_autofree char *data = NULL;
  gsize len = 0;

  sdk_test_write (path, "a\0b\0c", 5);
  data = galley_input_read_file (path, 0, &len, NULL);
  ck_assert_uint_eq (len, 5);
  ck_assert_int_eq (memcmp (data, "a\0b\0c", 6), 0);  /* and NUL-terminated */
}
END_TEST

START_TEST (test_read_file_limit_exact_is_ok)
{
  g_autofree char *path = in_tmp ("a.txt");
  g_autofree char *data = NULL;

  sdk_test_write (path, "12345", -1);
  data = galley_input_read_file (path, 5, NULL, NULL);
  ck_assert_str_eq (data, "12345");
}
END_TEST

START_TEST (test_read_file_over_limit)
{
  g_autofree char *path = in_tmp ("a.txt");
  g_autofree char *expected = NULL;
  g_autoptr (GError) error = NULL;

  sdk_test_write (path, "123456", -1);
  expected = g_strdup_printf ("%s: larger than max-bytes=5", path);
  ck_assert_ptr_null (galley_input_read_file (path, 5, NULL, &error));
  ck_assert (error->domain == GALLEY_STAGE_ERROR);
  ck_assert_int_eq (error->code, GALLEY_STAGE_ERROR_TOO_LARGE);
  ck_assert_str_eq (error->message, expected);
}
END_TEST

START_TEST (test_read_file_huge_over_limit)
{
  g_autofree char *path = in_tmp ("huge.txt");
  g_autofree char *big = g_malloc (300000);
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;

  memset (big, 'x', 300000);
  sdk_test_write (path, big, 300000);
  ck_assert_ptr_null (galley_input_read_file (path, 200000, NULL, &error));
  ck_assert_int_eq (error->code, GALLEY_STAGE_ERROR_TOO_LARGE);
  data = galley_input_read_file (path, 0, &len, NULL);
  ck_assert_uint_eq (len, 300000);
}
END_TEST

START_TEST (test_read_file_missing)
{
  g_autofree char *path = in_tmp ("missing.txt");
  g_autofree char *expected = g_strdup_printf ("%s: cannot open: No such file or directory", path);
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_input_read_file (path, 0, NULL, &error));
  ck_assert_int_eq (error->code, GALLEY_STAGE_ERROR_IO);
  ck_assert_str_eq (error->message, expected);
}
END_TEST

/* with_stdin: makes @path the process's standard input. */
static void
with_stdin (const char *path)
{
  int fd = open (path, O_RDONLY);

  ck_assert_int_ge (fd, 0);
  ck_assert_int_eq (dup2 (fd, STDIN_FILENO), STDIN_FILENO);
  close (fd);
  clearerr (stdin);
}

START_TEST (test_read_file_stdin)
{
  g_autofree char *path = in_tmp ("in.txt");
  g_autofree char *data = NULL;
  gsize len;

  sdk_test_write (path, "from stdin\n", -1);
  with_stdin (path);
  data = galley_input_read_file ("-", 0, &len, NULL);
  ck_assert_str_eq (data, "from stdin\n");
  ck_assert_uint_eq (len, 11);
}
END_TEST

START_TEST (test_read_file_stdin_over_limit)
{
  g_autofree char *path = in_tmp ("in.txt");
  g_autoptr (GError) error = NULL;

  sdk_test_write (path, "from stdin\n", -1);
  with_stdin (path);
  ck_assert_ptr_null (galley_input_read_file ("-", 4, NULL, &error));
  ck_assert_str_eq (error->message, "<stdin>: larger than max-bytes=4");
}
END_TEST

START_TEST (test_looks_binary_text)
{
  const char *text = "Le président a dit: « non ».\n\tEnd\r\n\f";

  ck_assert (!galley_input_looks_binary (text, strlen (text)));
  ck_assert (!galley_input_looks_binary ("", 0));
}
END_TEST

START_TEST (test_looks_binary_nul)
{
  ck_assert (galley_input_looks_binary ("PK\x03\x04\0\0", 6));
  ck_assert (galley_input_looks_binary ("text then \0", 11));
}
END_TEST

START_TEST (test_looks_binary_control_bytes)
{
  char buf[100];

  /* exactly 10% control bytes is still text; 11% is binary */
  memset (buf, 'a', sizeof buf);
  memset (buf, '\x01', 10);
  ck_assert (!galley_input_looks_binary (buf, sizeof buf));
  buf[10] = '\x02';
  ck_assert (galley_input_looks_binary (buf, sizeof buf));
}
END_TEST

START_TEST (test_looks_binary_only_first_4k)
{
  g_autofree char *buf = g_malloc (8192);

  memset (buf, 'a', 8192);
  buf[5000] = '\0';
  ck_assert (!galley_input_looks_binary (buf, 8192));
  buf[4095] = '\0';
  ck_assert (galley_input_looks_binary (buf, 8192));
}
END_TEST

START_TEST (test_looks_binary_utf16)
{
  /* "Hi" in UTF-16LE with a BOM: has NUL bytes */
  ck_assert (galley_input_looks_binary ("\xff\xfeH\0i\0", 6));
}
END_TEST

/* check_against_glib: the verdict and the offset of the first bad byte
 * (reported by the REJECT policy) on @bytes, after @pad ASCII bytes and
 * before an ASCII tail if @tail, are GLib's (a NUL byte is invalid for
 * us). */
static void
check_against_glib_tail (const guchar *bytes, gsize n, guint pad, gboolean tail)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  const char *end = NULL;
  gboolean glib_ok, ok;

  for (guint i = 0; i < pad; i++)
    g_string_append_c (text, (char) ('a' + i % 26));
  g_string_append_len (text, (const char *) bytes, (gssize) n);
  if (tail)
    g_string_append (text, "tail");
  glib_ok = g_utf8_validate_len (text->str, text->len, &end);
  if (glib_ok && memchr (text->str, 0, text->len) != NULL)
    {
      glib_ok = FALSE;
      end = memchr (text->str, 0, text->len);
    }
  ok = galley_utf8_make_valid (text->str, text->len, GALLEY_UTF8_REJECT, "t",
                               &out, NULL, NULL, &error);
  g_free (out);
  if (ok != glib_ok)
    ck_abort_msg ("%02x %02x %02x %02x (%u bytes, %u before, tail %d): ours %d, GLib's %d",
                  bytes[0], n > 1 ? bytes[1] : 0, n > 2 ? bytes[2] : 0,
                  n > 3 ? bytes[3] : 0, (guint) n, pad, tail, ok, glib_ok);
  if (!ok)
    {
      g_autofree char *want = g_strdup_printf ("t: invalid UTF-8 at byte %u",
                                               (guint) (end - text->str));

      if (strcmp (error->message, want) != 0)
        ck_abort_msg ("%02x %02x %02x %02x (%u bytes, %u before): '%s', GLib: '%s'",
                      bytes[0], n > 1 ? bytes[1] : 0, n > 2 ? bytes[2] : 0,
                      n > 3 ? bytes[3] : 0, (guint) n, pad, error->message, want);
    }
}

/* ... with and without an ASCII tail: a character may end the text */
static void
check_against_glib (const guchar *bytes, gsize n, guint pad)
{
  check_against_glib_tail (bytes, n, pad, TRUE);
  check_against_glib_tail (bytes, n, pad, FALSE);
}

/* The validator checks ASCII 64 bytes at a time, then 16 (SSE2; 8
 * elsewhere): put a bad byte (or a NUL, or a good multibyte character)
 * at every position of two 64-byte steps, a 16-byte step and bytes, and
 * compare the verdict and offset with GLib's. */
START_TEST (test_utf8_reject_offset_agrees_with_glib_at_every_position)
{
  static const char *const pieces[] = { "\xff", "\xc3", "\xe2\x82", "", "\xc3\xa9", "\xf0\x9f\x98\x80" };

  for (guint pos = 0; pos < 160; pos++)
    for (guint k = 0; k < G_N_ELEMENTS (pieces); k++)
      /* "": a NUL byte, invalid for us */
      check_against_glib ((const guchar *) pieces[k], MAX (strlen (pieces[k]), 1), pos);
}
END_TEST

/* The validator checks each multibyte character itself (not through
 * GLib): every sequence of one and two bytes, every three-byte one whose
 * last byte is at a boundary of the continuation range, and every
 * four-byte lead with every second byte, against GLib's verdict, at
 * offsets around the 16-byte ASCII steps. */
START_TEST (test_utf8_every_short_sequence_agrees_with_glib)
{
  static const guchar edges[] = { 0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff };
  guint k = 0;

  for (guint a = 0; a < 256; a++)
    {
      guchar b[4] = { (guchar) a };

      check_against_glib (b, 1, k++ % 19);
      for (guint c = 0; c < 256; c++)
        {
          b[1] = (guchar) c;
          check_against_glib (b, 2, k++ % 19);
          if (a < 0xe0)
            continue;
          for (guint e = 0; e < G_N_ELEMENTS (edges); e++)
            {
              b[2] = edges[e];
              if (a < 0xf0)
                check_against_glib (b, 3, k++ % 19);
              else if (e % 2 == 0)
                for (guint f = 0; f < G_N_ELEMENTS (edges); f += 3)
                  {
                    b[3] = edges[f];
                    check_against_glib (b, 4, k++ % 19);
                  }
            }
        }
    }
}
END_TEST

/* A character cut by the end of the text is invalid even when the bytes
 * after the end would complete it (the length is the text's end, not a
 * NUL): at every ASCII offset around the 16-byte steps. */
START_TEST (test_utf8_character_cut_by_the_length_is_invalid)
{
  static const char *const chars[] = { "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80" };

  for (guint pos = 0; pos < 34; pos++)
    for (guint k = 0; k < G_N_ELEMENTS (chars); k++)
      for (gsize cut = 1; cut < strlen (chars[k]); cut++)
        {
          g_autoptr (GString) text = g_string_new (NULL);
          g_autoptr (GError) error = NULL;
          g_autofree char *want = g_strdup_printf ("t: invalid UTF-8 at byte %u", pos);
          char *out = NULL;

          for (guint i = 0; i < pos; i++)
            g_string_append_c (text, 'a');
          g_string_append (text, chars[k]);
          ck_assert (!galley_utf8_make_valid (text->str, pos + cut, GALLEY_UTF8_REJECT, "t",
                                              &out, NULL, NULL, &error));
          ck_assert_str_eq (error->message, want);
          g_free (out);
        }
}
END_TEST

START_TEST (test_utf8_valid_untouched)
{
  const char *text = "Zürich, 東京 and 😀";
  char *out = (char *) 0x1;
  guint n = 99;

  ck_assert (galley_utf8_make_valid (text, strlen (text), GALLEY_UTF8_REPLACE,
                                     "a.txt", &out, NULL, &n, NULL));
  ck_assert_ptr_null (out);
  ck_assert_uint_eq (n, 0);
  ck_assert (galley_utf8_make_valid (text, strlen (text), GALLEY_UTF8_REJECT,
                                     "a.txt", &out, NULL, NULL, NULL));
  ck_assert_ptr_null (out);
}
END_TEST

/* assert_replaced: @len bytes of @text, repaired, are @want (@want_len
 * bytes) with @want_n replacements. */
static void
assert_replaced (const char *text, gsize len, const char *want, gsize want_len,
                 guint want_n)
{
  g_autofree char *out = NULL;
  gsize out_len = 0;
  guint n = 0;

  ck_assert (galley_utf8_make_valid (text, len, GALLEY_UTF8_REPLACE, "x",
                                     &out, &out_len, &n, NULL));
  ck_assert_str_eq (out, want);
  ck_assert_uint_eq (out_len, want_len);
  ck_assert_uint_eq (n, want_n);
}

START_TEST (test_utf8_replace_latin1_byte)
{
  const char *text = "caf\xe9 cr\xe8me";
  const char *want = "caf\xef\xbf\xbd cr\xef\xbf\xbdme";

  assert_replaced (text, strlen (text), want, strlen (want), 2);
}
END_TEST

START_TEST (test_utf8_replace_each_byte_of_truncated_sequence)
{
  /* a euro sign cut after two of its three bytes, at the end */
  const char *text = "5 \xe2\x82";
  g_autofree char *out = NULL;
  guint n = 0;

  ck_assert (galley_utf8_make_valid (text, strlen (text), GALLEY_UTF8_REPLACE,
                                     "x", &out, NULL, &n, NULL));
  ck_assert_str_eq (out, "5 \xef\xbf\xbd\xef\xbf\xbd");
  ck_assert_uint_eq (n, 2);
}
END_TEST

START_TEST (test_utf8_replace_nul)
{
  assert_replaced ("a\0b", 3, "a\xef\xbf\xbd" "b", 5, 1);
}
END_TEST

START_TEST (test_utf8_replace_invalid_byte_then_nul)
{
  /* one U+FFFD for each: the invalid byte, then the NUL right after it */
  assert_replaced ("\xff\0b", 3, "\xef\xbf\xbd\xef\xbf\xbd" "b", 7, 2);
}
END_TEST

START_TEST (test_utf8_replace_overlong_and_surrogate)
{
  /* an overlong '/' (C0 AF) and an encoded surrogate (ED A0 80) */
  const char *text = "\xc0\xaf|\xed\xa0\x80";
  g_autofree char *out = NULL;
  guint n = 0;

  ck_assert (galley_utf8_make_valid (text, strlen (text), GALLEY_UTF8_REPLACE,
                                     "x", &out, NULL, &n, NULL));
  ck_assert (g_utf8_validate (out, -1, NULL));
  ck_assert_uint_eq (n, 5);
}
END_TEST

START_TEST (test_utf8_windows_1252_reads_each_invalid_byte)
{
  /* Latin-1 and windows-1252 bytes among valid UTF-8 (the ï of naïve):
   * each invalid byte on its own, so a euro sign cut short reads as the
   * two characters of its bytes; the undefined 0x81 and NUL say U+FFFD */
  const char *text = "caf\xe9 \x93q\x94 \x80 na\xc3\xafve \x81 \xe2\x82 x\0y";
  const char *want = "café \u201cq\u201d € naïve \xef\xbf\xbd â\u201a x\xef\xbf\xbdy";
  g_autofree char *out = NULL;
  gsize out_len = 0;
  guint n = 0;

  ck_assert (galley_utf8_make_valid (text, 26, GALLEY_UTF8_WINDOWS_1252, "x",
                                     &out, &out_len, &n, NULL));
  ck_assert_str_eq (out, want);
  ck_assert_uint_eq (out_len, strlen (want));
  ck_assert_uint_eq (n, 8);
}
END_TEST

START_TEST (test_utf8_windows_1252_leaves_no_c1_control)
{
  /* every byte from 0x80 up, alone: each becomes a character of its own
   * and none is a C1 control (U+0080-U+009F), which no text means */
  for (guint b = 0x80; b <= 0xFF; b++)
    {
      char byte = (char) b;
      g_autofree char *out = NULL;
      gunichar c;

      ck_assert (galley_utf8_make_valid (&byte, 1, GALLEY_UTF8_WINDOWS_1252, "x",
                                         &out, NULL, NULL, NULL));
      ck_assert (g_utf8_validate (out, -1, NULL));
      ck_assert_uint_eq (g_utf8_strlen (out, -1), 1);
      c = g_utf8_get_char (out);
      ck_assert_msg (c >= 0xA0, "byte 0x%02X gave U+%04X", b, c);
    }
}
END_TEST

START_TEST (test_utf8_reject_message)
{
  const char *text = "caf\xe9";
  char *out = NULL;
  g_autoptr (GError) error = NULL;

  ck_assert (!galley_utf8_make_valid (text, strlen (text), GALLEY_UTF8_REJECT,
                                      "in.jsonl:3", &out, NULL, NULL, &error));
  ck_assert_ptr_null (out);
  ck_assert (error->domain == GALLEY_STAGE_ERROR);
  ck_assert_int_eq (error->code, GALLEY_STAGE_ERROR_INPUT);
  ck_assert_str_eq (error->message, "in.jsonl:3: invalid UTF-8 at byte 3");
}
END_TEST

START_TEST (test_utf8_reject_nul)
{
  char *out = NULL;
  g_autoptr (GError) error = NULL;

  ck_assert (!galley_utf8_make_valid ("ab\0", 3, GALLEY_UTF8_REJECT, "doc 7",
                                      &out, NULL, NULL, &error));
  ck_assert_str_eq (error->message, "doc 7: invalid UTF-8 at byte 2");
}
END_TEST

static Suite *
input_suite (void)
{
  Suite *s = suite_create ("input");
  TCase *tc = tcase_create ("input");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_expand_single_file);
  tcase_add_test (tc, test_expand_file_ignores_suffix_filter);
  tcase_add_test (tc, test_expand_directory_recursive_sorted);
  tcase_add_test (tc, test_expand_directory_with_suffixes);
  tcase_add_test (tc, test_expand_glob_last_component);
  tcase_add_test (tc, test_expand_glob_middle_component);
  tcase_add_loop_test (tc, test_expand_glob_patterns, 0, G_N_ELEMENTS (globs));
  tcase_add_test (tc, test_expand_glob_matching_directories);
  tcase_add_test (tc, test_expand_glob_relative_has_no_dot_slash);
  tcase_add_test (tc, test_expand_directory_does_not_follow_linked_directories);
  tcase_add_test (tc, test_expand_glob_without_a_directory_matching_nothing_is_empty);
  tcase_add_test (tc, test_expand_dash_is_stdin);
  tcase_add_test (tc, test_expand_missing_file_is_error);
  tcase_add_test (tc, test_expand_url_says_where_urls_go);
  tcase_add_test (tc, test_glob_matches_stops_at_a_match);
  tcase_add_test (tc, test_expand_glob_matching_nothing_in_a_directory_is_empty);
  tcase_add_test (tc, test_expand_glob_in_a_missing_directory_is_error);
  tcase_add_test (tc, test_expand_empty_directory_is_empty);
  tcase_add_test (tc, test_read_file_whole);
  tcase_add_test (tc, test_read_file_empty);
  tcase_add_test (tc, test_read_file_binary_kept_with_length);
  tcase_add_test (tc, test_read_file_limit_exact_is_ok);
  tcase_add_test (tc, test_read_file_over_limit);
  tcase_add_test (tc, test_read_file_huge_over_limit);
  tcase_add_test (tc, test_read_file_missing);
  tcase_add_test (tc, test_read_file_stdin);
  tcase_add_test (tc, test_read_file_stdin_over_limit);
  tcase_add_test (tc, test_looks_binary_text);
  tcase_add_test (tc, test_looks_binary_nul);
  tcase_add_test (tc, test_looks_binary_control_bytes);
  tcase_add_test (tc, test_looks_binary_only_first_4k);
  tcase_add_test (tc, test_looks_binary_utf16);
  tcase_add_test (tc, test_utf8_reject_offset_agrees_with_glib_at_every_position);
  tcase_add_test (tc, test_utf8_every_short_sequence_agrees_with_glib);
  tcase_add_test (tc, test_utf8_character_cut_by_the_length_is_invalid);
  tcase_add_test (tc, test_utf8_valid_untouched);
  tcase_add_test (tc, test_utf8_replace_latin1_byte);
  tcase_add_test (tc, test_utf8_replace_each_byte_of_truncated_sequence);
  tcase_add_test (tc, test_utf8_replace_nul);
  tcase_add_test (tc, test_utf8_replace_invalid_byte_then_nul);
  tcase_add_test (tc, test_utf8_replace_overlong_and_surrogate);
  tcase_add_test (tc, test_utf8_windows_1252_reads_each_invalid_byte);
  tcase_add_test (tc, test_utf8_windows_1252_leaves_no_c1_control);
  tcase_add_test (tc, test_utf8_reject_message);
  tcase_add_test (tc, test_utf8_reject_nul);
  suite_add_tcase (s, tc);
  return s;
}

SDK_TEST_MAIN (input_suite)
