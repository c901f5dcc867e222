/* test-output.c: galley_output_*: atomic replace and append, temporary
 * files, strftime expansion of paths, and "-" for stdout. */
#define _GNU_SOURCE  /* F_GETPIPE_SZ */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <utime.h>

#include <galley/galley.h>

#include "galley-output-private.h"
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
  _galley_output_hold_appends (NULL, 0, NULL, NULL);
  sdk_test_rmtree (tmp);
  g_clear_pointer (&tmp, g_free);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* dir_listing: the names in TMP, sorted, "|"-separated; temporary files
 * show as ".NAME.tmp" whatever their random suffix. */
static char *
dir_listing (void)
{
  GDir *d = g_dir_open (tmp, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  char *s;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (name[0] == '.' && strlen (name) > 7)
        g_ptr_array_add (names, g_strdup_printf ("%.*s.tmp", (int) strlen (name) - 7, name));
      else
        g_ptr_array_add (names, g_strdup (name));
    }
  g_dir_close (d);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  s = g_strjoinv ("|", (char **) names->pdata);
  g_ptr_array_unref (names);
  return s;
}

START_TEST (test_target_untouched_until_commit)
{
  g_autofree char *path = g_build_filename (tmp, "out.jsonl", NULL);
  g_autofree char *before = NULL, *after = NULL, *ls = NULL;
  g_autoptr (GalleyOutput) out = NULL;
  g_autoptr (GError) error = NULL;

  sdk_test_write (path, "yesterday\n", -1);
  out = galley_output_open (path, GALLEY_OUTPUT_REPLACE, &error);
  ck_assert_ptr_nonnull (out);
  ck_assert (galley_output_write (out, "today\n", 6, &error));
  before = sdk_test_read (path);
  ck_assert_str_eq (before, "yesterday\n");
  ls = dir_listing ();
  ck_assert_str_eq (ls, ".out.jsonl.tmp|out.jsonl");
  ck_assert (galley_output_commit (out, &error));
  after = sdk_test_read (path);
  ck_assert_str_eq (after, "today\n");
  g_clear_pointer (&ls, g_free);
  ls = dir_listing ();
  ck_assert_str_eq (ls, "out.jsonl");
}
END_TEST

START_TEST (test_new_target_created_at_commit)
{
  g_autofree char *path = g_build_filename (tmp, "new.csv", NULL);
  g_autofree char *after = NULL;
  GalleyOutput *out = galley_output_open (path, 0, NULL);

  ck_assert (galley_output_write (out, "a,b\n", 4, NULL));
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));
  ck_assert (galley_output_commit (out, NULL));
  galley_output_free (out);
  after = sdk_test_read (path);
  ck_assert_str_eq (after, "a,b\n");
}
END_TEST

START_TEST (test_free_without_commit_removes_temp)
{
  g_autofree char *path = g_build_filename (tmp, "out.jsonl", NULL);
  g_autofree char *after = NULL, *ls = NULL;
  GalleyOutput *out;

  sdk_test_write (path, "old\n", -1);
  out = galley_output_open (path, 0, NULL);
  ck_assert (galley_output_write (out, "partial", 7, NULL));
  galley_output_free (out);
  after = sdk_test_read (path);
  ck_assert_str_eq (after, "old\n");
  ls = dir_listing ();
  ck_assert_str_eq (ls, "out.jsonl");
}
END_TEST

START_TEST (test_free_without_commit_creates_nothing)
{
  g_autofree char *path = g_build_filename (tmp, "never.jsonl", NULL);
  g_autofree char *ls = NULL;

  galley_output_free (galley_output_open (path, 0, NULL));
  ls = dir_listing ();
  ck_assert_str_eq (ls, "");
}
END_TEST

START_TEST (test_append_adds_to_existing)
{
  g_autofree char *path = g_build_filename (tmp, "log.jsonl", NULL);
  g_autofree char *during = NULL, *after = NULL;
  GalleyOutput *out;

  sdk_test_write (path, "{\"id\":\"1\"}\n", -1);
  out = galley_output_open (path, GALLEY_OUTPUT_APPEND, NULL);
  ck_assert_uint_eq (galley_output_get_size (out), 11);
  ck_assert (galley_output_write (out, "{\"id\":\"2\"}\n", 11, NULL));
  ck_assert_uint_eq (galley_output_get_size (out), 22);
  during = sdk_test_read (path);
  ck_assert_str_eq (during, "{\"id\":\"1\"}\n");
  ck_assert (galley_output_commit (out, NULL));
  galley_output_free (out);
  after = sdk_test_read (path);
  ck_assert_str_eq (after, "{\"id\":\"1\"}\n{\"id\":\"2\"}\n");
}
END_TEST

/* Two runs appending to one file, the second committing while the first
 * still writes: the first's commit keeps the second's lines. The copy of
 * the target was taken at open before, and the first's rename dropped
 * what the second had committed. */
START_TEST (test_appends_of_two_runs_keep_both)
{
  g_autofree char *path = g_build_filename (tmp, "log.jsonl", NULL);
  g_autofree char *after = NULL, *ls = NULL;
  GalleyOutput *first, *second;

  sdk_test_write (path, "old\n", -1);
  first = galley_output_open (path, GALLEY_OUTPUT_APPEND, NULL);
  second = galley_output_open (path, GALLEY_OUTPUT_APPEND, NULL);
  ck_assert (galley_output_write (first, "first\n", 6, NULL));
  ck_assert (galley_output_write (second, "second\n", 7, NULL));
  ck_assert (galley_output_commit (second, NULL));
  galley_output_free (second);
  ck_assert (galley_output_commit (first, NULL));
  galley_output_free (first);
  after = sdk_test_read (path);
  ck_assert_str_eq (after, "old\nsecond\nfirst\n");
  ls = dir_listing ();
  ck_assert_str_eq (ls, "log.jsonl");
}
END_TEST

static void open_commit (const char *path, GalleyOutputFlags flags, const char *text);

/* assert_contents: @path holds exactly @expected */
#define assert_contents(path, expected) \
  G_STMT_START { \
    g_autofree char *contents_ = sdk_test_read (path); \
    ck_assert_str_eq (contents_, expected); \
  } G_STMT_END

static ino_t
inode_of (const char *path)
{
  GStatBuf st;

  ck_assert_int_eq (g_stat (path, &st), 0);
  return st.st_ino;
}

/* An append is written into the target itself: a commit costs the run's
 * bytes, not a copy of the file, and `tail -f` keeps following it. */
START_TEST (test_append_commits_in_place)
{
  g_autofree char *path = g_build_filename (tmp, "log.jsonl", NULL);
  g_autofree char *ls = NULL;
  ino_t before;

  sdk_test_write (path, "1\n", -1);
  before = inode_of (path);
  open_commit (path, GALLEY_OUTPUT_APPEND, "2\n");
  open_commit (path, GALLEY_OUTPUT_APPEND, "3\n");
  ck_assert_uint_eq (inode_of (path), before);
  assert_contents (path, "1\n2\n3\n");
  ls = dir_listing ();
  ck_assert_str_eq (ls, "log.jsonl");
}
END_TEST

/* write_journal_for: the journal a commit killed while adding the bytes
 * of @path from @from to @to would have left */
static char *
write_journal_for (const char *path, guint64 from, guint64 to, ino_t inode)
{
  g_autofree char *base = g_path_get_basename (path);
  char *journal = g_strdup_printf ("%s/.%s.append-journal", tmp, base);
  GStatBuf st;
  g_autofree char *text = NULL;

  ck_assert_int_eq (g_stat (path, &st), 0);
  text = g_strdup_printf ("%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                          " %" G_GUINT64_FORMAT "\n", (guint64) st.st_dev,
                          (guint64) inode, from, to);
  sdk_test_write (journal, text, -1);
  return journal;
}

/* A commit killed half-way through its append left its bytes and its
 * journal: the next output opened on the target takes them back before
 * anything else, so the file is as that commit found it. */
START_TEST (test_append_takes_back_an_interrupted_commit)
{
  g_autofree char *path = g_build_filename (tmp, "log.jsonl", NULL);
  g_autofree char *journal = NULL, *ls = NULL;
  GalleyOutput *out;

  sdk_test_write (path, "kept\nhalf of a li", -1);
  journal = write_journal_for (path, 5, 40, inode_of (path));
  out = galley_output_open (path, GALLEY_OUTPUT_APPEND, NULL);
  ck_assert_ptr_nonnull (out);
  ck_assert_uint_eq (galley_output_get_size (out), 5);
  ck_assert (!g_file_test (journal, G_FILE_TEST_EXISTS));
  assert_contents (path, "kept\n");
  ck_assert (galley_output_write (out, "2\n", 2, NULL));
  ck_assert (galley_output_commit (out, NULL));
  galley_output_free (out);
  assert_contents (path, "kept\n2\n");
  ls = dir_listing ();
  ck_assert_str_eq (ls, "log.jsonl");
}
END_TEST

/* A journal that does not describe the file as it is (another file in its
 * place, or one longer than the append could have made it) cuts nothing:
 * it is only removed. */
/* The journal of another file of the directory is undone too, by any
 * output opened there: a service whose path moved on to the next day's
 * file never opens the one its killed commit was adding to. */
START_TEST (test_open_takes_back_an_interrupted_append_to_another_file)
{
  g_autofree char *yesterday = g_build_filename (tmp, "2026-12-06.jsonl", NULL);
  g_autofree char *today = g_build_filename (tmp, "2026-12-07.jsonl", NULL);
  g_autofree char *journal = NULL, *ls = NULL;

  sdk_test_write (yesterday, "kept\nnot committed\n", -1);
  journal = write_journal_for (yesterday, 5, 40, inode_of (yesterday));
  open_commit (today, GALLEY_OUTPUT_APPEND, "new\n");
  assert_contents (yesterday, "kept\n");
  assert_contents (today, "new\n");
  ls = dir_listing ();
  ck_assert_str_eq (ls, "2026-12-06.jsonl|2026-12-07.jsonl");
}
END_TEST

START_TEST (test_append_journal_of_another_file_cuts_nothing)
{
  g_autofree char *path = g_build_filename (tmp, "log.jsonl", NULL);
  g_autofree char *journal = NULL;

  sdk_test_write (path, "one\ntwo\nthree\n", -1);
  journal = write_journal_for (path, 4, 40, inode_of (path) + 1);
  open_commit (path, GALLEY_OUTPUT_APPEND, "four\n");
  ck_assert (!g_file_test (journal, G_FILE_TEST_EXISTS));
  assert_contents (path, "one\ntwo\nthree\nfour\n");

  g_free (journal);
  journal = write_journal_for (path, 4, 8, inode_of (path));
  open_commit (path, GALLEY_OUTPUT_APPEND, "five\n");
  ck_assert (!g_file_test (journal, G_FILE_TEST_EXISTS));
  assert_contents (path, "one\ntwo\nthree\nfour\nfive\n");
}
END_TEST

/* Two states' identities, as galley state makes them. */
#define STATE_A "0123456789abcdef0123456789abcdef"
#define STATE_B "fedcba9876543210fedcba9876543210"

/* hold: the appends held for state @owner that has committed @commits
 * times (NULL: none), as galley run does, without a list of directories */
#define hold(owner, commits) \
  ck_assert (_galley_output_hold_appends (owner, commits, NULL, NULL))

/* killed_run_of_a: a run of state A, which has committed 5 times,
 * appends @text to @path and is killed before its state's commit (a
 * death leaves the journal unlocked) */
static void
killed_run_of_a (const char *path, const char *text)
{
  hold (STATE_A, 5);
  open_commit (path, GALLEY_OUTPUT_APPEND, text);
  hold (NULL, 0);
}

/* next_run_of_a: the next run of state A, which has committed @commits
 * times, opens an output on @path (and appends nothing) */
static void
next_run_of_a (guint64 commits, const char *path)
{
  hold (STATE_A, commits);
  open_commit (path, GALLEY_OUTPUT_APPEND, "");
}

/* held_journal: where a run of state A keeps the journal of its appends
 * to @path until the state's commit */
static char *
held_journal (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_strdup_printf ("%s/.%s.append-journal-" STATE_A, tmp, base);
}

/* A run with a state appends at a checkpoint and is killed before the
 * state's commit (the journal is left unlocked, as a death leaves it):
 * the next run of that state, which has not committed, takes the bytes
 * back, so that it writes those documents once. */
START_TEST (test_held_append_goes_when_the_state_did_not_commit)
{
  g_autofree char *path = g_build_filename (tmp, "log.jsonl", NULL);
  g_autofree char *journal = held_journal (path);
  g_autofree char *other = g_build_filename (tmp, "other.jsonl", NULL);
  g_autofree char *ls = NULL;

  sdk_test_write (path, "old\n", -1);
  hold (STATE_A, 5);
  open_commit (path, GALLEY_OUTPUT_APPEND, "new\n");
  assert_contents (path, "old\nnew\n");
  ck_assert (g_file_test (journal, G_FILE_TEST_EXISTS));
  hold (NULL, 0);  /* killed */

  hold (STATE_A, 5);
  open_commit (other, GALLEY_OUTPUT_APPEND, "x\n");
  assert_contents (path, "old\n");
  _galley_output_release_appends (6);
  ls = dir_listing ();
  ck_assert_str_eq (ls, "log.jsonl|other.jsonl");
}
END_TEST

/* A first append to a file not there yet renames the run's file into
 * place (no run can leave it half made, or empty); a state still gets
 * its journal, so the next run cuts it back when the state did not
 * commit, and keeps it when it did. */
START_TEST (test_first_append_makes_the_file_whole)
{
  g_autofree char *path = g_build_filename (tmp, "new.jsonl", NULL);
  g_autofree char *journal = held_journal (path);
  g_autofree char *ls = NULL;

  open_commit (path, GALLEY_OUTPUT_APPEND, "1\n");
  assert_contents (path, "1\n");
  ls = dir_listing ();
  ck_assert_str_eq (ls, "new.jsonl");
  g_unlink (path);

  killed_run_of_a (path, "2\n");
  ck_assert (g_file_test (journal, G_FILE_TEST_EXISTS));
  next_run_of_a (5, path);
  assert_contents (path, "");
  g_unlink (path);
  killed_run_of_a (path, "3\n");
  next_run_of_a (6, path);
  assert_contents (path, "3\n");
}
END_TEST

/* Killed after the state's commit, before the journal went: the state
 * holds those documents, so the bytes stay. */
START_TEST (test_held_append_stays_when_the_state_committed)
{
  g_autofree char *path = g_build_filename (tmp, "log.jsonl", NULL);
  g_autofree char *ls = NULL;

  sdk_test_write (path, "old\n", -1);
  killed_run_of_a (path, "new\n");
  next_run_of_a (6, path);
  assert_contents (path, "old\nnew\n");
  ls = dir_listing ();
  ck_assert_str_eq (ls, "log.jsonl");
}
END_TEST

/* The state's commit releases the journals: the appends are for good. */
START_TEST (test_release_removes_the_held_journals)
{
  g_autofree char *path = g_build_filename (tmp, "log.jsonl", NULL);
  g_autofree char *journal = held_journal (path);
  g_autofree char *ls = NULL;

  hold (STATE_A, 0);
  open_commit (path, GALLEY_OUTPUT_APPEND, "1\n");
  ck_assert (g_file_test (journal, G_FILE_TEST_EXISTS));
  _galley_output_release_appends (1);
  ck_assert (!g_file_test (journal, G_FILE_TEST_EXISTS));
  ls = dir_listing ();
  ck_assert_str_eq (ls, "log.jsonl");
  open_commit (path, GALLEY_OUTPUT_APPEND, "2\n");
  hold (NULL, 0);  /* killed */
  next_run_of_a (1, path);
  assert_contents (path, "1\n");
}
END_TEST

/* A journal still locked is a live run's (here this process's own, held
 * through another descriptor): an output opened in the directory leaves
 * it and its bytes alone. */
START_TEST (test_held_journal_of_a_live_run_is_left_alone)
{
  g_autofree char *path = g_build_filename (tmp, "log.jsonl", NULL);
  g_autofree char *journal = held_journal (path);
  g_autofree char *other = g_build_filename (tmp, "other.jsonl", NULL);

  sdk_test_write (path, "old\n", -1);
  hold (STATE_A, 5);
  open_commit (path, GALLEY_OUTPUT_APPEND, "new\n");
  open_commit (other, GALLEY_OUTPUT_APPEND, "x\n");
  ck_assert (g_file_test (journal, G_FILE_TEST_EXISTS));
  assert_contents (path, "old\nnew\n");
}
END_TEST

/* Another state's journal (or one seen by a run without a state) cannot
 * be decided: it stays while the file is as it says, and goes once the
 * file has grown past it. */
START_TEST (test_journal_of_another_state_waits_for_it)
{
  g_autofree char *path = g_build_filename (tmp, "log.jsonl", NULL);
  g_autofree char *journal = held_journal (path);
  g_autofree char *other = g_build_filename (tmp, "other.jsonl", NULL);

  sdk_test_write (path, "old\n", -1);
  killed_run_of_a (path, "new\n");

  hold (STATE_B, 0);
  open_commit (other, GALLEY_OUTPUT_APPEND, "x\n");
  hold (NULL, 0);
  open_commit (other, GALLEY_OUTPUT_APPEND, "y\n");
  ck_assert (g_file_test (journal, G_FILE_TEST_EXISTS));
  assert_contents (path, "old\nnew\n");

  open_commit (path, GALLEY_OUTPUT_APPEND, "more\n");
  open_commit (other, GALLEY_OUTPUT_APPEND, "z\n");
  ck_assert (!g_file_test (journal, G_FILE_TEST_EXISTS));
  next_run_of_a (5, path);
  assert_contents (path, "old\nnew\nmore\n");
}
END_TEST

/* An append of another state killed half-way (its last line torn) was
 * committed by no state: the next run to append cuts it back first.
 * Before, it was left: the run's first line went on after the torn one,
 * and the killed state's next run cut back the run's short append. */
START_TEST (test_torn_append_of_another_state_is_cut)
{
  g_autofree char *path = g_build_filename (tmp, "log.jsonl", NULL);
  g_autofree char *journal = held_journal (path);

  sdk_test_write (path, "old\n", -1);
  killed_run_of_a (path, "new\n");
  ck_assert_int_eq (truncate (path, strlen ("old\nne")), 0);

  hold (STATE_B, 0);
  open_commit (path, GALLEY_OUTPUT_APPEND, "b\n");
  assert_contents (path, "old\nb\n");
  ck_assert (!g_file_test (journal, G_FILE_TEST_EXISTS));
  next_run_of_a (5, path);
  assert_contents (path, "old\nb\n");
}
END_TEST

/* Two appends before the state's commit (a run whose state commits at
 * its end only) are taken back together; an append of another run in
 * between is never cut. */
START_TEST (test_held_appends_are_taken_back_together)
{
  g_autofree char *path = g_build_filename (tmp, "log.jsonl", NULL);

  sdk_test_write (path, "old\n", -1);
  hold (STATE_A, 5);
  open_commit (path, GALLEY_OUTPUT_APPEND, "a\n");
  open_commit (path, GALLEY_OUTPUT_APPEND, "b\n");
  hold (NULL, 0);  /* killed */
  next_run_of_a (5, path);
  assert_contents (path, "old\n");

  open_commit (path, GALLEY_OUTPUT_APPEND, "a\n");
  hold (STATE_B, 0);  /* another process, in effect */
  open_commit (path, GALLEY_OUTPUT_APPEND, "theirs\n");
  _galley_output_release_appends (1);
  killed_run_of_a (path, "c\n");
  next_run_of_a (5, path);
  assert_contents (path, "old\na\ntheirs\n");
}
END_TEST

/* A run killed while it held a journal in a directory that no later run
 * opens (yesterday's dated directory, a path changed since): the state's
 * next run acts on it anyway, since the directory is in the state's list,
 * which it then removes. */
START_TEST (test_listed_directories_are_settled_by_the_next_run)
{
  g_autofree char *list = g_build_filename (tmp, "state.db.append-dirs", NULL);
  g_autofree char *dir = g_build_filename (tmp, "2026", NULL);
  g_autofree char *path = g_build_filename (dir, "12-06.jsonl", NULL);
  g_autofree char *listed = g_strconcat (dir, "\n", NULL);
  g_autoptr (GError) error = NULL;

  ck_assert_int_eq (g_mkdir (dir, 0700), 0);
  sdk_test_write (path, "old\n", -1);
  ck_assert (_galley_output_hold_appends (STATE_A, 5, list, &error));
  open_commit (path, GALLEY_OUTPUT_APPEND, "new\n");
  assert_contents (list, listed);
  hold (NULL, 0);  /* killed before the state's commit */
  ck_assert (_galley_output_hold_appends (STATE_A, 5, list, &error));
  assert_contents (path, "old\n");
  ck_assert (!g_file_test (list, G_FILE_TEST_EXISTS));

  open_commit (path, GALLEY_OUTPUT_APPEND, "again\n");
  hold (NULL, 0);  /* killed after it */
  ck_assert (_galley_output_hold_appends (STATE_A, 6, list, &error));
  assert_contents (path, "old\nagain\n");
  ck_assert (!g_file_test (list, G_FILE_TEST_EXISTS));
  {
    g_autofree char *journal = g_build_filename (dir, ".12-06.jsonl.append-journal-" STATE_A, NULL);
    ck_assert (!g_file_test (journal, G_FILE_TEST_EXISTS));
  }
}
END_TEST

/* Journals and lists that do not parse (empty, binary, cut short, an
 * owner that is not 32 lower-case hex digits) cut nothing: a journal is
 * removed, a list's bad lines are passed over. */
START_TEST (test_bad_journals_and_lists_cut_nothing)
{
  g_autofree char *path = g_build_filename (tmp, "log.jsonl", NULL);
  g_autofree char *journal = held_journal (path);
  g_autofree char *list = g_build_filename (tmp, "state.db.append-dirs", NULL);
  g_autoptr (GError) error = NULL;
  GStatBuf st;
  static const char binary[] = "\001\377\000binary";
  const char *bad[] = { "", binary, "1 2 0 10 " STATE_A,
                        "%s %s 0 100 " "0123456789ABCDEF0123456789ABCDEF" " 9",
                        "%s %s 0 100 0123456789abcdef 9", NULL };

  sdk_test_write (path, "one\ntwo\n", -1);
  ck_assert_int_eq (g_stat (path, &st), 0);
  for (guint i = 0; bad[i]; i++)
    {
      g_autofree char *dev = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) st.st_dev);
      g_autofree char *ino = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) st.st_ino);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_autofree char *text = g_strdup_printf (bad[i], dev, ino);
#pragma GCC diagnostic pop

      /* the binary one whole, its NUL included (printf stops there) */
      sdk_test_write (journal, i == 1 ? binary : text, i == 1 ? (gssize) sizeof binary - 1 : -1);
      hold (STATE_A, 5);
      open_commit (path, GALLEY_OUTPUT_APPEND, "");
      ck_assert_msg (!g_file_test (journal, G_FILE_TEST_EXISTS), "journal %u stays", i);
      assert_contents (path, "one\ntwo\n");
    }
  sdk_test_write (list, "relative/dir\n\001\377\n/nonexistent/dir\n\n", -1);
  ck_assert (_galley_output_hold_appends (STATE_A, 5, list, &error));
  ck_assert (!g_file_test (list, G_FILE_TEST_EXISTS));
  assert_contents (path, "one\ntwo\n");
}
END_TEST

/* An append the file system refuses half-way (here the file size limit,
 * as a full disk would) fails the commit and takes back what it added. */
START_TEST (test_append_that_fails_takes_back_its_bytes)
{
  g_autofree char *path = g_build_filename (tmp, "log.jsonl", NULL);
  g_autofree char *old = g_strnfill (80, 'o');
  g_autofree char *run = g_strnfill (50, 'r');
  g_autofree char *ls = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: write failed: File too large", path);
  g_autoptr (GError) error = NULL;
  struct rlimit saved, limit;
  gboolean opened, written, committed;
  GalleyOutput *out;

  sdk_test_write (path, old, -1);
  signal (SIGXFSZ, SIG_IGN);
  ck_assert_int_eq (getrlimit (RLIMIT_FSIZE, &saved), 0);
  limit = saved;
  limit.rlim_cur = 100;
  /* no assertion while the limit holds: Check's own messages go to a file */
  setrlimit (RLIMIT_FSIZE, &limit);
  out = galley_output_open (path, GALLEY_OUTPUT_APPEND, NULL);
  opened = out != NULL;
  written = opened && galley_output_write (out, run, 50, NULL);
  committed = written && galley_output_commit (out, &error);
  setrlimit (RLIMIT_FSIZE, &saved);
  ck_assert (written);
  ck_assert (!committed);
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO));
  ck_assert_str_eq (error->message, expected);
  galley_output_free (out);
  assert_contents (path, old);
  ls = dir_listing ();
  ck_assert_str_eq (ls, "log.jsonl");
}
END_TEST

START_TEST (test_append_to_missing_target_starts_empty)
{
  g_autofree char *path = g_build_filename (tmp, "fresh.jsonl", NULL);
  g_autofree char *after = NULL;
  GalleyOutput *out = galley_output_open (path, GALLEY_OUTPUT_APPEND, NULL);

  ck_assert_ptr_nonnull (out);
  ck_assert_uint_eq (galley_output_get_size (out), 0);
  ck_assert (galley_output_write (out, "x\n", 2, NULL));
  ck_assert (galley_output_commit (out, NULL));
  galley_output_free (out);
  after = sdk_test_read (path);
  ck_assert_str_eq (after, "x\n");
}
END_TEST

START_TEST (test_append_aborted_keeps_previous)
{
  g_autofree char *path = g_build_filename (tmp, "log.jsonl", NULL);
  g_autofree char *after = NULL, *ls = NULL;
  GalleyOutput *out;

  sdk_test_write (path, "kept\n", -1);
  out = galley_output_open (path, GALLEY_OUTPUT_APPEND, NULL);
  ck_assert (galley_output_write (out, "lost\n", 5, NULL));
  galley_output_free (out);
  after = sdk_test_read (path);
  ck_assert_str_eq (after, "kept\n");
  ls = dir_listing ();
  ck_assert_str_eq (ls, "log.jsonl");
}
END_TEST

START_TEST (test_large_write_is_complete)
{
  g_autofree char *path = g_build_filename (tmp, "big.txt", NULL);
  g_autofree char *line = g_strnfill (999, 'n');
  g_autofree char *after = NULL;
  GalleyOutput *out = galley_output_open (path, 0, NULL);
  gsize len;

  /* 1 MB in 1000-byte writes: several buffer flushes */
  for (int i = 0; i < 1000; i++)
    {
      ck_assert (galley_output_write (out, line, 999, NULL));
      ck_assert (galley_output_write (out, "\n", 1, NULL));
    }
  ck_assert_uint_eq (galley_output_get_size (out), 1000000);
  ck_assert (galley_output_commit (out, NULL));
  galley_output_free (out);
  ck_assert (g_file_get_contents (path, &after, &len, NULL));
  ck_assert_uint_eq (len, 1000000);
  ck_assert_int_eq (after[999], '\n');
  ck_assert_int_eq (after[999999], '\n');
}
END_TEST

START_TEST (test_large_write_after_small_keeps_order)
{
  g_autofree char *path = g_build_filename (tmp, "big.txt", NULL);
  g_autofree char *piece = g_strnfill (256 * 1024, 'p');
  g_autofree char *after = NULL;
  GalleyOutput *out = galley_output_open (path, 0, NULL);
  gsize len;

  /* a piece of the buffer's size goes out unbuffered only when nothing
   * waits in the buffer: the bytes before it come first */
  ck_assert (galley_output_write (out, "head\n", 5, NULL));
  ck_assert (galley_output_write (out, piece, 256 * 1024, NULL));
  ck_assert (galley_output_write (out, "tail\n", 5, NULL));
  ck_assert (galley_output_commit (out, NULL));
  galley_output_free (out);
  ck_assert (g_file_get_contents (path, &after, &len, NULL));
  ck_assert_uint_eq (len, 5 + 256 * 1024 + 5);
  ck_assert_int_eq (strncmp (after, "head\np", 6), 0);
  ck_assert_str_eq (after + 5 + 256 * 1024 - 1, "ptail\n");
}
END_TEST

START_TEST (test_write_after_commit_fails)
{
  g_autofree char *path = g_build_filename (tmp, "o.txt", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: write after commit", path);
  g_autoptr (GalleyOutput) out = galley_output_open (path, 0, NULL);
  g_autoptr (GError) error = NULL;

  ck_assert (galley_output_commit (out, NULL));
  ck_assert (!galley_output_write (out, "x", 1, &error));
  ck_assert (error->domain == GALLEY_STAGE_ERROR);
  ck_assert_int_eq (error->code, GALLEY_STAGE_ERROR_IO);
  ck_assert_str_eq (error->message, expected);
}
END_TEST

START_TEST (test_commit_twice_is_harmless)
{
  g_autofree char *path = g_build_filename (tmp, "o.txt", NULL);
  g_autoptr (GalleyOutput) out = galley_output_open (path, 0, NULL);

  ck_assert (galley_output_commit (out, NULL));
  ck_assert (galley_output_commit (out, NULL));
  ck_assert (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}
END_TEST

START_TEST (test_open_in_missing_directory)
{
  g_autofree char *path = g_build_filename (tmp, "no-dir", "out.jsonl", NULL);
  g_autofree char *expected =
    g_strdup_printf ("%s: cannot create output: No such file or directory", path);
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_output_open (path, 0, &error));
  ck_assert (error->domain == GALLEY_STAGE_ERROR);
  ck_assert_int_eq (error->code, GALLEY_STAGE_ERROR_IO);
  ck_assert_str_eq (error->message, expected);
}
END_TEST

START_TEST (test_open_on_a_directory_fails_at_once)
{
  /* at the open, before a run's work, not at the commit's rename; with
   * a link to the directory too, and in append mode */
  g_autofree char *dir = g_build_filename (tmp, "out.jsonl", NULL);
  g_autofree char *link = g_build_filename (tmp, "link.jsonl", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: cannot create output: Is a directory", dir);
  g_autofree char *expected_link = g_strdup_printf ("%s: cannot create output: Is a directory", link);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) append_error = NULL;
  g_autoptr (GError) link_error = NULL;
  g_autofree char *listing = NULL;

  ck_assert_int_eq (g_mkdir (dir, 0755), 0);
  ck_assert_int_eq (symlink ("out.jsonl", link), 0);
  ck_assert_ptr_null (galley_output_open (dir, 0, &error));
  ck_assert_int_eq (error->code, GALLEY_STAGE_ERROR_IO);
  ck_assert_str_eq (error->message, expected);
  ck_assert_ptr_null (galley_output_open (dir, GALLEY_OUTPUT_APPEND, &append_error));
  ck_assert_str_eq (append_error->message, expected);
  ck_assert_ptr_null (galley_output_open (link, 0, &link_error));
  ck_assert_str_eq (link_error->message, expected_link);
  listing = dir_listing ();
  ck_assert_str_eq (listing, "link.jsonl|out.jsonl");
  g_unlink (link);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_get_path)
{
  g_autofree char *path = g_build_filename (tmp, "o.txt", NULL);
  g_autoptr (GalleyOutput) out = galley_output_open (path, 0, NULL);
  g_autoptr (GalleyOutput) dash = galley_output_open ("-", 0, NULL);

  ck_assert_str_eq (galley_output_get_path (out), path);
  ck_assert_str_eq (galley_output_get_path (dash), "-");
}
END_TEST

START_TEST (test_dash_writes_stdout_at_commit)
{
  g_autofree char *path = g_build_filename (tmp, "stdout.txt", NULL);
  g_autofree char *after = NULL, *ls = NULL;
  int fd, saved;
  GalleyOutput *out;

  fflush (stdout);
  saved = dup (STDOUT_FILENO);
  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ck_assert_int_ge (fd, 0);
  dup2 (fd, STDOUT_FILENO);
  close (fd);

  out = galley_output_open ("-", 0, NULL);
  ck_assert (galley_output_write (out, "line 1\n", 7, NULL));
  ck_assert (galley_output_write (out, "line 2\n", 7, NULL));
  ck_assert (galley_output_commit (out, NULL));
  galley_output_free (out);  /* must not close stdout */
  ck_assert_int_eq (write (STDOUT_FILENO, "after\n", 6), 6);

  dup2 (saved, STDOUT_FILENO);
  close (saved);
  after = sdk_test_read (path);
  ck_assert_str_eq (after, "line 1\nline 2\nafter\n");
  ls = dir_listing ();
  ck_assert_str_eq (ls, "stdout.txt");  /* no temporary file for "-" */
}
END_TEST

/* A pipe on standard output gets 1 MiB of room (or the most the system
 * allows, /proc/sys/fs/pipe-max-size), so that the sink's 256 KiB pieces
 * do not each wait for the reader; the lines come through whole. */
START_TEST (test_dash_widens_a_pipe)
{
  g_autofree char *max_text = NULL;
  GalleyOutput *out;
  int fds[2], saved, want = 1 << 20;
  char got[16] = { 0 };

  if (g_file_get_contents ("/proc/sys/fs/pipe-max-size", &max_text, NULL, NULL))
    want = MIN (want, atoi (max_text));
  ck_assert_int_eq (pipe (fds), 0);
  ck_assert_int_lt (fcntl (fds[0], F_GETPIPE_SZ), want);
  fflush (stdout);
  saved = dup (STDOUT_FILENO);
  dup2 (fds[1], STDOUT_FILENO);
  close (fds[1]);

  out = galley_output_open ("-", 0, NULL);
  ck_assert (galley_output_write (out, "a line\n", 7, NULL));
  ck_assert (galley_output_commit (out, NULL));
  galley_output_free (out);
  dup2 (saved, STDOUT_FILENO);
  close (saved);

  ck_assert_int_eq (fcntl (fds[0], F_GETPIPE_SZ), want);
  ck_assert_int_eq (read (fds[0], got, sizeof got - 1), 7);
  ck_assert_str_eq (got, "a line\n");
  close (fds[0]);
}
END_TEST

START_TEST (test_device_written_in_place)
{
  g_autoptr (GError) error = NULL;
  GalleyOutput *out = galley_output_open ("/dev/null", 0, &error);
  GStatBuf st;

  /* no temporary file beside it, no rename over the device node */
  ck_assert_ptr_nonnull (out);
  ck_assert (galley_output_write (out, "discarded\n", 10, &error));
  ck_assert (galley_output_commit (out, &error));
  galley_output_free (out);
  ck_assert_int_eq (g_stat ("/dev/null", &st), 0);
  ck_assert (S_ISCHR (st.st_mode));
}
END_TEST

START_TEST (test_fifo_written_in_place)
{
  g_autofree char *path = g_build_filename (tmp, "pipe", NULL);
  g_autofree char *got = NULL;
  GalleyOutput *out;
  int rd;
  char buf[64];
  ssize_t n;

  ck_assert_int_eq (mkfifo (path, 0600), 0);
  rd = open (path, O_RDONLY | O_NONBLOCK);  /* a reader, so the writer can open */
  ck_assert_int_ge (rd, 0);
  out = galley_output_open (path, 0, NULL);
  ck_assert_ptr_nonnull (out);
  ck_assert (galley_output_write (out, "through\n", 8, NULL));
  ck_assert (galley_output_commit (out, NULL));
  galley_output_free (out);
  n = read (rd, buf, sizeof buf);
  close (rd);
  ck_assert_int_eq (n, 8);
  ck_assert_int_eq (memcmp (buf, "through\n", 8), 0);
  got = dir_listing ();
  ck_assert_str_eq (got, "pipe");
}
END_TEST

/* write_old: writes @path and dates it an hour back, as a temporary file
 * a run killed an hour ago left. */
static void
write_old (const char *path, const char *text)
{
  struct utimbuf hour_ago;

  sdk_test_write (path, text, -1);
  hour_ago.actime = hour_ago.modtime = time (NULL) - 3600;
  ck_assert_int_eq (utime (path, &hour_ago), 0);
}

/* open_commit: replaces @path with @text through a GalleyOutput. */
static void
open_commit (const char *path, GalleyOutputFlags flags, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyOutput) out = galley_output_open (path, flags, &error);

  ck_assert_msg (out != NULL, "open: %s", error ? error->message : "");
  ck_assert (galley_output_write (out, text, strlen (text), &error));
  ck_assert_msg (galley_output_commit (out, &error), "commit: %s",
                 error ? error->message : "");
}

START_TEST (test_open_removes_stale_temporary)
{
  g_autofree char *path = g_build_filename (tmp, "out.jsonl", NULL);
  g_autofree char *stale = g_build_filename (tmp, ".out.jsonl.Ab3xY9", NULL);
  g_autofree char *after = NULL;

  sdk_test_write (path, "old\n", -1);
  write_old (stale, "half a file from a killed run");
  open_commit (path, GALLEY_OUTPUT_REPLACE, "new\n");
  ck_assert (!g_file_test (stale, G_FILE_TEST_EXISTS));
  after = sdk_test_read (path);
  ck_assert_str_eq (after, "new\n");
}
END_TEST

START_TEST (test_append_open_removes_stale_temporary)
{
  g_autofree char *path = g_build_filename (tmp, "rejects.jsonl", NULL);
  g_autofree char *stale = g_build_filename (tmp, ".rejects.jsonl.000000", NULL);
  g_autofree char *after = NULL;

  sdk_test_write (path, "1\n", -1);
  write_old (stale, "1\nhalf");
  open_commit (path, GALLEY_OUTPUT_APPEND, "2\n");
  ck_assert (!g_file_test (stale, G_FILE_TEST_EXISTS));
  after = sdk_test_read (path);
  ck_assert_str_eq (after, "1\n2\n");
}
END_TEST

START_TEST (test_open_removes_young_unlocked_temporary)
{
  g_autofree char *path = g_build_filename (tmp, "out.jsonl", NULL);
  g_autofree char *young = g_build_filename (tmp, ".out.jsonl.Ab3xY9", NULL);

  /* left a moment ago by a run killed at once: the lock decides, not the
   * age (a run between mkstemp and flock makes a new file if its own is
   * removed: see create_temporary) */
  sdk_test_write (young, "a run killed a moment ago", -1);
  open_commit (path, GALLEY_OUTPUT_REPLACE, "new\n");
  ck_assert (!g_file_test (young, G_FILE_TEST_EXISTS));
}
END_TEST

START_TEST (test_open_keeps_locked_temporary)
{
  g_autofree char *path = g_build_filename (tmp, "out.jsonl", NULL);
  g_autofree char *live = g_build_filename (tmp, ".out.jsonl.Ab3xY9", NULL);
  int fd;

  /* an hour without a write, but its run still holds it */
  write_old (live, "a run buffering slowly");
  fd = open (live, O_RDONLY);
  ck_assert_int_eq (flock (fd, LOCK_EX), 0);
  open_commit (path, GALLEY_OUTPUT_REPLACE, "new\n");
  close (fd);
  ck_assert (g_file_test (live, G_FILE_TEST_IS_REGULAR));
}
END_TEST

START_TEST (test_open_keeps_files_not_its_own)
{
  static const char *const kept[] = {
    ".other.jsonl.Ab3xY9",  /* another output's, in the same directory */
    ".out.jsonl.Ab3xY",     /* not the six characters of mkstemp */
    ".out.jsonl.Ab3xY9z",
    ".out.jsonl.Ab-xY9",
    "out.jsonl.Ab3xY9",     /* no leading dot */
    ".out.jsonl.bak",
    ".out.jsonlxAb3xY9",
  };
  g_autofree char *path = g_build_filename (tmp, "out.jsonl", NULL);
  g_autofree char *victim = g_build_filename (tmp, "victim", NULL);
  g_autofree char *link = g_build_filename (tmp, ".out.jsonl.Lnk000", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *p = g_build_filename (tmp, kept[i], NULL);
      write_old (p, "not ours");
    }
  /* a symlink with our name is neither followed nor removed */
  write_old (victim, "someone's file");
  ck_assert_int_eq (symlink (victim, link), 0);
  open_commit (path, GALLEY_OUTPUT_REPLACE, "new\n");
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *p = g_build_filename (tmp, kept[i], NULL);
      ck_assert_msg (g_file_test (p, G_FILE_TEST_EXISTS), "%s was removed", kept[i]);
    }
  ck_assert (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  ck_assert (g_file_test (victim, G_FILE_TEST_IS_REGULAR));
}
END_TEST

/* the_temporary_of: the path of the one temporary file beside @path. */
static char *
the_temporary_of (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strdup_printf (".%s.", base);
  g_autoptr (GDir) d = g_dir_open (tmp, 0, NULL);
  const char *name;
  char *found = NULL;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        ck_assert_msg (found == NULL, "two temporary files beside %s", path);
        found = g_build_filename (tmp, name, NULL);
      }
  ck_assert_msg (found != NULL, "no temporary file beside %s", path);
  return found;
}

START_TEST (test_live_temporary_survives_a_second_output)
{
  g_autofree char *path = g_build_filename (tmp, "out.jsonl", NULL);
  g_autofree char *first_tmp = NULL, *after = NULL;
  g_autoptr (GalleyOutput) first = galley_output_open (path, 0, NULL);
  struct utimbuf hour_ago;
  int fd;

  /* The first output's file is locked while it lives... */
  first_tmp = the_temporary_of (path);
  fd = open (first_tmp, O_RDONLY);
  ck_assert_int_eq (flock (fd, LOCK_EX | LOCK_NB), -1);
  ck_assert_int_eq (errno, EWOULDBLOCK);
  close (fd);
  /* ...so a second output on the same path leaves it alone, however old */
  hour_ago.actime = hour_ago.modtime = time (NULL) - 3600;
  ck_assert_int_eq (utime (first_tmp, &hour_ago), 0);
  ck_assert (galley_output_write (first, "first\n", 6, NULL));
  open_commit (path, GALLEY_OUTPUT_REPLACE, "second\n");
  ck_assert (g_file_test (first_tmp, G_FILE_TEST_IS_REGULAR));
  ck_assert (galley_output_commit (first, NULL));
  after = sdk_test_read (path);
  ck_assert_str_eq (after, "first\n");
}
END_TEST

/* mode_of: the permission bits of @path. */
static guint
mode_of (const char *path)
{
  GStatBuf st;

  ck_assert_int_eq (g_stat (path, &st), 0);
  return st.st_mode & 07777;
}

START_TEST (test_replace_keeps_mode)
{
  g_autofree char *path = g_build_filename (tmp, "private.csv", NULL);

  sdk_test_write (path, "old\n", -1);
  ck_assert_int_eq (chmod (path, 0600), 0);
  open_commit (path, GALLEY_OUTPUT_REPLACE, "new\n");
  ck_assert_uint_eq (mode_of (path), 0600);
  ck_assert_int_eq (chmod (path, 0664), 0);
  open_commit (path, GALLEY_OUTPUT_REPLACE, "newer\n");
  ck_assert_uint_eq (mode_of (path), 0664);
}
END_TEST

START_TEST (test_append_keeps_mode)
{
  g_autofree char *path = g_build_filename (tmp, "rejects.jsonl", NULL);
  g_autofree char *after = NULL;

  sdk_test_write (path, "1\n", -1);
  ck_assert_int_eq (chmod (path, 0640), 0);
  open_commit (path, GALLEY_OUTPUT_APPEND, "2\n");
  ck_assert_uint_eq (mode_of (path), 0640);
  after = sdk_test_read (path);
  ck_assert_str_eq (after, "1\n2\n");
}
END_TEST

START_TEST (test_new_output_gets_umask_default)
{
  g_autofree char *path = g_build_filename (tmp, "new.csv", NULL);
  mode_t saved = umask (027);

  open_commit (path, GALLEY_OUTPUT_REPLACE, "new\n");
  umask (saved);
  ck_assert_uint_eq (mode_of (path), 0640);
}
END_TEST

/* An append target the run cannot write is refused when the output
 * opens, not at the commit after the whole run. */
START_TEST (test_append_refuses_read_only_target_at_open)
{
  g_autofree char *path = g_build_filename (tmp, "locked.jsonl", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: cannot open: Permission denied", path);
  g_autoptr (GError) error = NULL;

  if (geteuid () == 0)
    {
      fprintf (stderr, "test_append_refuses_read_only_target_at_open: root writes "
               "every file; not tested\n");
      return;
    }
  sdk_test_write (path, "old\n", -1);
  ck_assert_int_eq (chmod (path, 0400), 0);
  ck_assert_ptr_null (galley_output_open (path, GALLEY_OUTPUT_APPEND, &error));
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO));
  ck_assert_str_eq (error->message, expected);
  ck_assert_int_eq (chmod (path, 0600), 0);
}
END_TEST

START_TEST (test_replace_keeps_owner_when_root)
{
  g_autofree char *path = g_build_filename (tmp, "theirs.csv", NULL);
  GStatBuf st;

  if (geteuid () != 0)
    {
      /* only root may give a file away */
      fprintf (stderr, "test_replace_keeps_owner_when_root: not root; "
               "owner preservation not tested\n");
      return;
    }
  sdk_test_write (path, "old\n", -1);
  ck_assert_int_eq (chown (path, 4321, 8765), 0);
  open_commit (path, GALLEY_OUTPUT_REPLACE, "new\n");
  ck_assert_int_eq (g_stat (path, &st), 0);
  ck_assert_uint_eq (st.st_uid, 4321);
  ck_assert_uint_eq (st.st_gid, 8765);
}
END_TEST

START_TEST (test_append_refuses_symlink)
{
  g_autofree char *victim = g_build_filename (tmp, "victim.txt", NULL);
  g_autofree char *path = g_build_filename (tmp, "rejects.jsonl", NULL);
  g_autofree char *expected =
    g_strdup_printf ("%s: is a symbolic link; refusing to follow it", path);
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;

  sdk_test_write (victim, "someone else's file\n", -1);
  ck_assert_int_eq (symlink (victim, path), 0);
  ck_assert_ptr_null (galley_output_open (path, GALLEY_OUTPUT_APPEND, &error));
  ck_assert (error->domain == GALLEY_STAGE_ERROR);
  ck_assert_int_eq (error->code, GALLEY_STAGE_ERROR_IO);
  ck_assert_str_eq (error->message, expected);
  after = sdk_test_read (victim);
  ck_assert_str_eq (after, "someone else's file\n");
  ck_assert (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
}
END_TEST

START_TEST (test_append_refused_link_leaves_its_directory_alone)
{
  g_autofree char *theirs = g_build_filename (tmp, "theirs", NULL);
  g_autofree char *victim = g_build_filename (theirs, "victim.txt", NULL);
  g_autofree char *leftover = g_build_filename (theirs, ".victim.txt.Ab3xY9", NULL);
  g_autofree char *path = g_build_filename (tmp, "rejects.jsonl", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *kept = NULL;

  /* the refusal comes before anything is done where the link points: no
   * temporary file made there, no clean-up of what looks like one */
  ck_assert_int_eq (g_mkdir (theirs, 0700), 0);
  sdk_test_write (victim, "someone else's file\n", -1);
  sdk_test_write (leftover, "theirs to clean", -1);
  ck_assert_int_eq (symlink (victim, path), 0);
  ck_assert_ptr_null (galley_output_open (path, GALLEY_OUTPUT_APPEND, &error));
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO));
  kept = sdk_test_read (leftover);
  ck_assert_str_eq (kept, "theirs to clean");
}
END_TEST

START_TEST (test_append_to_symlinked_fifo_in_place)
{
  g_autofree char *fifo = g_build_filename (tmp, "pipe", NULL);
  g_autofree char *path = g_build_filename (tmp, "stderr", NULL);
  GalleyOutput *out;
  char buf[64];
  int rd;

  /* as /dev/stderr -> /proc/self/fd/2 -> a pipe: nothing is rewritten */
  ck_assert_int_eq (mkfifo (fifo, 0600), 0);
  ck_assert_int_eq (symlink (fifo, path), 0);
  rd = open (fifo, O_RDONLY | O_NONBLOCK);
  out = galley_output_open (path, GALLEY_OUTPUT_APPEND, NULL);
  ck_assert_ptr_nonnull (out);
  ck_assert (galley_output_write (out, "through\n", 8, NULL));
  ck_assert (galley_output_commit (out, NULL));
  galley_output_free (out);
  ck_assert_int_eq (read (rd, buf, sizeof buf), 8);
  close (rd);
  ck_assert_int_eq (memcmp (buf, "through\n", 8), 0);
}
END_TEST

START_TEST (test_replace_follows_symlink)
{
  g_autofree char *dated = g_build_filename (tmp, "2024-05-02.csv", NULL);
  g_autofree char *path = g_build_filename (tmp, "latest.csv", NULL);
  g_autofree char *after = NULL;

  /* replace mode writes the file the link names, and keeps the link */
  sdk_test_write (dated, "old\n", -1);
  ck_assert_int_eq (symlink ("2024-05-02.csv", path), 0);
  open_commit (path, GALLEY_OUTPUT_REPLACE, "new\n");
  ck_assert (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
  after = sdk_test_read (dated);
  ck_assert_str_eq (after, "new\n");
}
END_TEST

START_TEST (test_replace_through_dangling_absolute_symlink_creates_its_target)
{
  g_autofree char *dated = g_build_filename (tmp, "2024-05-03.csv", NULL);
  g_autofree char *path = g_build_filename (tmp, "latest.csv", NULL);
  g_autofree char *after = NULL;

  /* the link names a file not written yet, by its absolute path: that
   * file is made, and the link stays a link */
  ck_assert_int_eq (symlink (dated, path), 0);
  open_commit (path, GALLEY_OUTPUT_REPLACE, "new\n");
  ck_assert (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
  after = sdk_test_read (dated);
  ck_assert_str_eq (after, "new\n");
}
END_TEST

/* set_utc: fix the time zone so strftime is predictable */
static void
set_utc (void)
{
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
}

START_TEST (test_expand_path_strftime)
{
  g_autofree char *a = NULL, *b = NULL;

  set_utc ();
  /* 2024-03-05 07:08:09 UTC */
  a = galley_output_expand_path ("/var/lib/news/%Y-%m-%d.jsonl", 1709622489);
  ck_assert_str_eq (a, "/var/lib/news/2024-03-05.jsonl");
  b = galley_output_expand_path ("out-%H%M%S-%%.csv", 1709622489);
  ck_assert_str_eq (b, "out-070809-%.csv");
}
END_TEST

START_TEST (test_expand_path_without_pattern)
{
  g_autofree char *a = galley_output_expand_path ("plain.jsonl", 0);
  g_autofree char *b = galley_output_expand_path ("-", 0);

  ck_assert_str_eq (a, "plain.jsonl");
  ck_assert_str_eq (b, "-");
}
END_TEST

START_TEST (test_expand_path_too_long_is_kept)
{
  g_autofree char *name = g_strnfill (5000, 'a');
  g_autofree char *pattern = g_strconcat (name, "%Y", NULL);
  g_autofree char *a = NULL;

  /* past strftime's 4 KiB buffer the pattern comes back as it was, not
   * as an empty path */
  set_utc ();
  a = galley_output_expand_path (pattern, 1709622489);
  ck_assert_str_eq (a, pattern);
}
END_TEST

START_TEST (test_expand_path_now)
{
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *year = NULL, *a = NULL;

  set_utc ();
  a = galley_output_expand_path ("%Y", 0);
  now = g_date_time_new_now_utc ();
  year = g_strdup_printf ("%d", g_date_time_get_year (now));
  ck_assert_str_eq (a, year);
}
END_TEST

START_TEST (test_free_null_is_noop)
{
  galley_output_free (NULL);
}
END_TEST

/* GalleyMerge: the old file's records minus the run's ids, then the run's,
 * and no file left beside the target. */
static gboolean
copy_lines (GalleyMerge *merge, const char *p, gsize len, GalleyOutput *out,
            gpointer user_data, GError **error)
{
  g_auto (GStrv) lines = g_strsplit (p, "\n", -1);
  int *reads = user_data;

  (void) len;
  if (reads != NULL)
    (*reads)++;
  for (char **l = lines; *l && **l; l++)
    {
      if (**l == '#')
        continue;  /* the header: galley_merge_commit() writes it */
      g_autofree char *id = g_strndup (*l, strcspn (*l, " "));
      g_autofree char *line = g_strconcat (*l, "\n", NULL);
      if (!galley_merge_has_id (merge, id)
          && !galley_output_write (out, line, strlen (line), error))
        return FALSE;
    }
  return TRUE;
}

static void
merge_run (const char *path, const char *const *lines)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyMerge) merge = galley_merge_new (path, "lines", &error);
  g_autoptr (GalleyOutput) out = NULL;

  ck_assert_ptr_nonnull (merge);
  for (; *lines; lines++)
    {
      g_autofree char *id = g_strndup (*lines, strcspn (*lines, " "));
      ck_assert (galley_merge_add (merge, id, *lines, strlen (*lines), &error));
    }
  out = galley_output_open (path, GALLEY_OUTPUT_REPLACE, &error);
  ck_assert_ptr_nonnull (out);
  ck_assert (galley_merge_write (merge, out, copy_lines, NULL, &error));
  ck_assert (galley_output_commit (out, &error));
}

START_TEST (test_merge_replaces_the_records_of_the_run_ids)
{
  g_autofree char *path = g_build_filename (tmp, "out.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *listing = NULL;
  const char *first[] = { "a 1\n", "b 1\n", "c 1\n", NULL };
  const char *second[] = { "b 2\nb 2 again\n", "d 2\n", NULL };

  merge_run (path, first);
  merge_run (path, second);
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  ck_assert_str_eq (text, "a 1\nc 1\nb 2\nb 2 again\nd 2\n");
  listing = dir_listing ();
  ck_assert_str_eq (listing, "out.txt");
}
END_TEST

/* merge_commit: the run @lines committed to @path with
 * galley_merge_commit() through @merge; copy_lines counts its calls in
 * *@reads. */
static void
merge_commit (GalleyMerge *merge, const char *const *lines, int *reads)
{
  g_autoptr (GError) error = NULL;

  for (; *lines; lines++)
    {
      g_autofree char *id = g_strndup (*lines, strcspn (*lines, " "));
      ck_assert (galley_merge_add (merge, id, *lines, strlen (*lines), &error));
    }
  ck_assert_msg (galley_merge_commit (merge, "# header\n", 9, copy_lines, reads, &error),
                 "%s", error ? error->message : "");
}

/* A run that replaces nothing the file holds is appended in place (the
 * inode stays), after the header only in a new file; one that writes an
 * id the file holds rewrites it without the old records. */
START_TEST (test_merge_commit_appends_unless_it_replaces)
{
  g_autofree char *path = g_build_filename (tmp, "out.txt", NULL);
  g_autoptr (GalleyMerge) merge = galley_merge_new (path, "lines", NULL);
  g_autofree char *text = NULL, *listing = NULL;
  const char *first[] = { "a 1\n", "b 1\n", NULL };
  const char *second[] = { "c 2\n", NULL };
  const char *third[] = { "b 3\n", NULL };
  int reads = 0;
  ino_t inode;

  merge_commit (merge, first, &reads);
  inode = inode_of (path);
  merge_commit (merge, second, &reads);
  ck_assert_uint_eq (inode_of (path), inode);
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  ck_assert_str_eq (text, "# header\na 1\nb 1\nc 2\n");
  merge_commit (merge, third, &reads);
  ck_assert_uint_ne (inode_of (path), inode);
  g_free (text);
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  ck_assert_str_eq (text, "# header\na 1\nc 2\nb 3\n");
  listing = dir_listing ();
  ck_assert_str_eq (listing, "out.txt");
}
END_TEST

/* The target is read for its ids at the first commit, and again only when
 * something else changed it; a rewrite and an append keep what the merge
 * knows of it true. */
START_TEST (test_merge_commit_reads_the_target_when_it_changed)
{
  g_autofree char *path = g_build_filename (tmp, "out.txt", NULL);
  g_autoptr (GalleyMerge) merge = NULL;
  g_autofree char *text = NULL;
  const char *one[] = { "a 1\n", NULL };
  const char *two[] = { "b 2\n", NULL };
  const char *three[] = { "a 3\n", NULL };
  const char *four[] = { "z 4\n", NULL };
  const char *five[] = { "c 5\n", NULL };
  int reads = 0;

  sdk_test_write (path, "# header\nz 0\n", -1);
  merge = galley_merge_new (path, "lines", NULL);
  merge_commit (merge, one, &reads);
  ck_assert_int_eq (reads, 1);          /* the scan; then appended */
  merge_commit (merge, two, &reads);
  ck_assert_int_eq (reads, 1);          /* known: appended */
  merge_commit (merge, three, &reads);
  ck_assert_int_eq (reads, 2);          /* a is there: rewritten */
  merge_commit (merge, four, &reads);
  ck_assert_int_eq (reads, 3);          /* z is there too */
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  ck_assert_str_eq (text, "# header\nb 2\na 3\nz 4\n");
  /* another writer: the merge reads the file again and finds c */
  sdk_test_write (path, "# header\nc 0\n", -1);
  merge_commit (merge, five, &reads);
  ck_assert_int_eq (reads, 5);
  g_free (text);
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  ck_assert_str_eq (text, "# header\nc 5\n");
}
END_TEST

/* A file whose last record has no line end is rewritten, so that the
 * run's first record is not glued to it. */
START_TEST (test_merge_commit_ends_a_last_record)
{
  g_autofree char *path = g_build_filename (tmp, "out.txt", NULL);
  g_autoptr (GalleyMerge) merge = galley_merge_new (path, "lines", NULL);
  g_autofree char *text = NULL;
  const char *run[] = { "b 1\n", NULL };
  int reads = 0;

  sdk_test_write (path, "# header\na 0", -1);
  merge_commit (merge, run, &reads);
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  ck_assert_str_eq (text, "# header\na 0\nb 1\n");
}
END_TEST

/* A commit with no records makes no file (not even its header) and reads
 * none: a quiet checkpoint costs nothing, and a path that moved on to
 * the next day's file makes it with its first record. */
START_TEST (test_merge_commit_of_nothing_makes_no_file)
{
  g_autofree char *path = g_build_filename (tmp, "out.txt", NULL);
  g_autoptr (GalleyMerge) merge = galley_merge_new (path, "lines", NULL);
  g_autofree char *listing = NULL;
  const char *none[] = { NULL };
  const char *one[] = { "a 1\n", NULL };
  int reads = 0;

  merge_commit (merge, none, &reads);
  listing = dir_listing ();
  ck_assert_str_eq (listing, "");
  merge_commit (merge, one, &reads);
  sdk_test_write (path, "# header\nz 0\n", -1);  /* changed: read again */
  merge_commit (merge, none, &reads);
  ck_assert_int_eq (reads, 0);
  assert_contents (path, "# header\nz 0\n");
}
END_TEST

typedef struct {
  GalleyMerge *merge;
  const char *const *lines;
} MergeJob;

static gpointer
merge_in_thread (gpointer data)
{
  MergeJob *job = data;
  int reads = 0;

  merge_commit (job->merge, job->lines, &reads);
  return NULL;
}

/* A rewrite reads the old file and renames the new one over it under the
 * directory's lock, the one appends take: another run's append while
 * the lock is held is in the old file it reads, not lost to its rename. */
START_TEST (test_merge_rewrite_waits_for_the_directory_lock)
{
  g_autofree char *path = g_build_filename (tmp, "out.txt", NULL);
  g_autoptr (GalleyMerge) merge = NULL;
  const char *run[] = { "b 2\n", NULL };
  MergeJob job;
  GThread *thread;
  FILE *f;
  int dfd;

  sdk_test_write (path, "# header\na 1\nb 1\n", -1);
  merge = galley_merge_new (path, "lines", NULL);
  job = (MergeJob) { merge, run };
  dfd = open (tmp, O_RDONLY | O_DIRECTORY);
  ck_assert_int_eq (flock (dfd, LOCK_EX), 0);
  thread = g_thread_new ("merge", merge_in_thread, &job);
  g_usleep (200 * 1000);
  f = fopen (path, "a");  /* another run's append, under the lock */
  fputs ("x 9\n", f);
  fclose (f);
  close (dfd);
  g_thread_join (thread);
  assert_contents (path, "# header\na 1\nx 9\nb 2\n");
}
END_TEST

START_TEST (test_merge_in_missing_directory_names_path)
{
  g_autofree char *path = g_build_filename (tmp, "no", "out.txt", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *want = g_strdup_printf ("%s: cannot create output: No such file or directory", path);

  ck_assert_ptr_null (galley_merge_new (path, "lines", &error));
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO));
  ck_assert_str_eq (error->message, want);
}
END_TEST

static Suite *
output_suite (void)
{
  Suite *s = suite_create ("output");
  TCase *tc = tcase_create ("output");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_target_untouched_until_commit);
  tcase_add_test (tc, test_new_target_created_at_commit);
  tcase_add_test (tc, test_free_without_commit_removes_temp);
  tcase_add_test (tc, test_free_without_commit_creates_nothing);
  tcase_add_test (tc, test_append_adds_to_existing);
  tcase_add_test (tc, test_append_commits_in_place);
  tcase_add_test (tc, test_append_takes_back_an_interrupted_commit);
  tcase_add_test (tc, test_open_takes_back_an_interrupted_append_to_another_file);
  tcase_add_test (tc, test_append_journal_of_another_file_cuts_nothing);
  tcase_add_test (tc, test_held_append_goes_when_the_state_did_not_commit);
  tcase_add_test (tc, test_held_append_stays_when_the_state_committed);
  tcase_add_test (tc, test_first_append_makes_the_file_whole);
  tcase_add_test (tc, test_release_removes_the_held_journals);
  tcase_add_test (tc, test_held_journal_of_a_live_run_is_left_alone);
  tcase_add_test (tc, test_journal_of_another_state_waits_for_it);
  tcase_add_test (tc, test_torn_append_of_another_state_is_cut);
  tcase_add_test (tc, test_held_appends_are_taken_back_together);
  tcase_add_test (tc, test_listed_directories_are_settled_by_the_next_run);
  tcase_add_test (tc, test_bad_journals_and_lists_cut_nothing);
  tcase_add_test (tc, test_append_that_fails_takes_back_its_bytes);
  tcase_add_test (tc, test_appends_of_two_runs_keep_both);
  tcase_add_test (tc, test_append_refuses_read_only_target_at_open);
  tcase_add_test (tc, test_append_to_missing_target_starts_empty);
  tcase_add_test (tc, test_append_aborted_keeps_previous);
  tcase_add_test (tc, test_large_write_is_complete);
  tcase_add_test (tc, test_large_write_after_small_keeps_order);
  tcase_add_test (tc, test_write_after_commit_fails);
  tcase_add_test (tc, test_commit_twice_is_harmless);
  tcase_add_test (tc, test_open_in_missing_directory);
  tcase_add_test (tc, test_open_on_a_directory_fails_at_once);
  tcase_add_test (tc, test_get_path);
  tcase_add_test (tc, test_dash_writes_stdout_at_commit);
  tcase_add_test (tc, test_dash_widens_a_pipe);
  tcase_add_test (tc, test_device_written_in_place);
  tcase_add_test (tc, test_fifo_written_in_place);
  tcase_add_test (tc, test_open_removes_stale_temporary);
  tcase_add_test (tc, test_append_open_removes_stale_temporary);
  tcase_add_test (tc, test_open_removes_young_unlocked_temporary);
  tcase_add_test (tc, test_open_keeps_locked_temporary);
  tcase_add_test (tc, test_open_keeps_files_not_its_own);
  tcase_add_test (tc, test_live_temporary_survives_a_second_output);
  tcase_add_test (tc, test_replace_keeps_mode);
  tcase_add_test (tc, test_append_keeps_mode);
  tcase_add_test (tc, test_new_output_gets_umask_default);
  tcase_add_test (tc, test_replace_keeps_owner_when_root);
  tcase_add_test (tc, test_append_refuses_symlink);
  tcase_add_test (tc, test_append_refused_link_leaves_its_directory_alone);
  tcase_add_test (tc, test_append_to_symlinked_fifo_in_place);
  tcase_add_test (tc, test_replace_follows_symlink);
  tcase_add_test (tc, test_replace_through_dangling_absolute_symlink_creates_its_target);
  tcase_add_test (tc, test_expand_path_strftime);
  tcase_add_test (tc, test_expand_path_without_pattern);
  tcase_add_test (tc, test_expand_path_too_long_is_kept);
  tcase_add_test (tc, test_expand_path_now);
  tcase_add_test (tc, test_free_null_is_noop);
  tcase_add_test (tc, test_merge_replaces_the_records_of_the_run_ids);
  tcase_add_test (tc, test_merge_in_missing_directory_names_path);
  tcase_add_test (tc, test_merge_commit_appends_unless_it_replaces);
  tcase_add_test (tc, test_merge_commit_reads_the_target_when_it_changed);
  tcase_add_test (tc, test_merge_commit_ends_a_last_record);
  tcase_add_test (tc, test_merge_commit_of_nothing_makes_no_file);
  tcase_add_test (tc, test_merge_rewrite_waits_for_the_directory_lock);
  suite_add_tcase (s, tc);
  return s;
}

SDK_TEST_MAIN (output_suite)
