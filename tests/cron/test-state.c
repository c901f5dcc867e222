/* test-state.c: the run lock, durations, the content hash and the
 * incremental state's protocol (core/lock.c, core/state.c). */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "core/lock.h"
#include "core/state.h"

static char *tmpdir;

static void
setup (void)
{
  tmpdir = g_dir_make_tmp ("galley-state-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmpdir);
}

static void
rm_rf (const char *path)
{
  GDir *d = g_dir_open (path, 0, NULL);
  const char *name;

  if (d)
    {
      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *p = g_build_filename (path, name, NULL);
          rm_rf (p);
        }
      g_dir_close (d);
    }
  g_remove (path);
}

static void
teardown (void)
{
  rm_rf (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

static char *
tmp (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static GalleyDocument *
doc (const char *id, const char *title, const char *text)
{
  GalleyDocument *d = galley_document_new (id, text, -1);

  if (title)
    galley_document_set_meta (d, "title", title);
  return d;
}

/* Content hash */

START_TEST (test_hash_reference_values)
{
  /* XXH64's published values (xxhash.com, python-xxhash's README) */
  ck_assert_uint_eq (galley_hash64 ("", 0, 0), G_GUINT64_CONSTANT (0xEF46DB3751D8E999));
  ck_assert_uint_eq (galley_hash64 ("a", 1, 0), G_GUINT64_CONSTANT (0xD24EC4F1A98C6E5B));
  ck_assert_uint_eq (galley_hash64 ("abc", 3, 0), G_GUINT64_CONSTANT (0x44BC2CF5AD770999));
  ck_assert_uint_eq (galley_hash64 ("Nobody inspects the spammish repetition", 39, 0),
                     G_GUINT64_CONSTANT (0xFBCEA83C8A378BF1));
}
END_TEST

START_TEST (test_hash_every_length_and_alignment)
{
  /* The same bytes give the same hash wherever they sit in memory, and
   * every tail length (the 32-, 8-, 4- and 1-byte steps) counts. */
  char buf[200], copy[208];
  GHashTable *seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  static guint64 values[101];

  for (guint i = 0; i < sizeof buf; i++)
    buf[i] = (char) (i * 7 + 1);
  for (guint len = 0; len <= 100; len++)
    {
      guint64 h = galley_hash64 (buf, len, 0);
      for (guint shift = 1; shift < 8; shift++)
        {
          memcpy (copy + shift, buf, len);
          ck_assert_uint_eq (galley_hash64 (copy + shift, len, 0), h);
        }
      values[len] = h;
      ck_assert (!g_hash_table_contains (seen, &values[len]));
      g_hash_table_add (seen, &values[len]);
    }
  g_hash_table_destroy (seen);
}
END_TEST

START_TEST (test_hash_document_title_and_text)
{
  g_autoptr (GalleyDocument) a = doc ("x", "Title", "Text.");
  g_autoptr (GalleyDocument) same = doc ("other id", "Title", "Text.");
  g_autoptr (GalleyDocument) title = doc ("x", "Title!", "Text.");
  g_autoptr (GalleyDocument) text = doc ("x", "Title", "Text!");
  g_autoptr (GalleyDocument) moved = doc ("x", "TitleT", "ext.");
  g_autoptr (GalleyDocument) untitled = doc ("x", NULL, "Text.");
  g_autoptr (GalleyDocument) empty_title = doc ("x", "", "Text.");
  guint64 h = galley_state_hash_document (a);

  ck_assert_uint_eq (galley_state_hash_document (same), h);  /* the id is not content */
  ck_assert_uint_ne (galley_state_hash_document (title), h);
  ck_assert_uint_ne (galley_state_hash_document (text), h);
  ck_assert_uint_ne (galley_state_hash_document (moved), h);
  ck_assert_uint_ne (galley_state_hash_document (untitled), h);
  ck_assert_uint_eq (galley_state_hash_document (untitled),
                     galley_state_hash_document (empty_title));
}
END_TEST

/* Durations */

START_TEST (test_duration_accepted)
{
  static const struct { const char *text; double seconds; } cases[] = {
    { "0", 0 }, { "90", 90 }, { "90s", 90 }, { "5m", 300 }, { "1h", 3600 },
    { "1d", 86400 }, { "1.5m", 90 }, { "250ms", 0.25 }, { "1h30m", 5400 },
    { "2m30s", 150 }, { ".5s", 0.5 }, { "0.2", 0.2 }, { "1h1m1s", 3661 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double s = -1;
      ck_assert_msg (galley_parse_duration (cases[i].text, &s), "%s", cases[i].text);
      ck_assert_msg (G_APPROX_VALUE (s, cases[i].seconds, 1e-9), "%s: %g", cases[i].text, s);
    }
}
END_TEST

START_TEST (test_duration_refused)
{
  static const char *const cases[] = {
    "", "s", "m5", "-5", "-5s", "5x", "5 s", " 5", "5s ", "1h30", "inf", "nan",
    "1e3", "5mm", "5sec", "5min", ".", "..5", "5..", "1.2.3s", "+5", "0x10",
    "99999999999999999999", NULL,
  };

  for (const char *const *c = cases; *c; c++)
    {
      double s = -1;
      ck_assert_msg (!galley_parse_duration (*c, &s), "'%s' accepted", *c);
      ck_assert (s == -1);
    }
  ck_assert (!galley_parse_duration (NULL, NULL));
}
END_TEST

/* Lock */

START_TEST (test_lock_writes_pid_and_empties_on_release)
{
  g_autofree char *path = tmp ("lock");
  g_autofree char *text = NULL;
  g_autofree char *want = g_strdup_printf ("%ld\n", (long) getpid ());
  GalleyLock *lock = galley_lock_acquire (path, 0, NULL);

  ck_assert_ptr_nonnull (lock);
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  ck_assert_str_eq (text, want);
  ck_assert_int_eq (galley_lock_read_pid (path), getpid ());
  galley_lock_release (lock);
  ck_assert (g_file_test (path, G_FILE_TEST_EXISTS));  /* never unlinked */
  g_clear_pointer (&text, g_free);
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  ck_assert_str_eq (text, "");
  ck_assert_int_eq (galley_lock_read_pid (path), 0);
}
END_TEST

START_TEST (test_lock_second_holder_is_busy)
{
  /* flock locks belong to the open file: a second open conflicts even in
   * the same process, which is how a second galley sees it. */
  g_autofree char *path = tmp ("lock");
  g_autofree char *want = NULL;
  g_autoptr (GError) error = NULL;
  GalleyLock *first = galley_lock_acquire (path, 0, NULL);

  ck_assert_ptr_nonnull (first);
  ck_assert_ptr_null (galley_lock_acquire (path, 0, &error));
  ck_assert (g_error_matches (error, GALLEY_LOCK_ERROR, GALLEY_LOCK_ERROR_BUSY));
  want = g_strdup_printf ("another run holds the lock %s (pid %ld)", path, (long) getpid ());
  ck_assert_str_eq (error->message, want);
  galley_lock_release (first);
  first = galley_lock_acquire (path, 0, NULL);
  ck_assert_ptr_nonnull (first);
  galley_lock_release (first);
}
END_TEST

START_TEST (test_lock_wait_names_the_wait)
{
  g_autofree char *path = tmp ("lock");
  g_autofree char *want = NULL;
  g_autoptr (GError) error = NULL;
  GalleyLock *first = galley_lock_acquire (path, 0, NULL);

  ck_assert_ptr_null (galley_lock_acquire (path, 0.05, &error));
  want = g_strdup_printf ("another run holds the lock %s (pid %ld); waited 0.05 s",
                          path, (long) getpid ());
  ck_assert_str_eq (error->message, want);
  galley_lock_release (first);
}
END_TEST

START_TEST (test_lock_waits_for_the_holder)
{
  g_autofree char *path = tmp ("lock");
  int ready[2];
  pid_t child;
  char c;
  GalleyLock *lock;

  ck_assert_int_eq (pipe (ready), 0);
  child = fork ();
  if (child == 0)
    {
      GalleyLock *held = galley_lock_acquire (path, 0, NULL);
      if (write (ready[1], "x", 1) != 1)
        _exit (1);
      g_usleep (G_USEC_PER_SEC / 5);
      galley_lock_release (held);
      g_clear_pointer (&path, g_free);  /* _exit skips the cleanups */
      _exit (held ? 0 : 1);
    }
  ck_assert_int_eq (read (ready[0], &c, 1), 1);
  ck_assert_int_eq (galley_lock_read_pid (path), child);
  lock = galley_lock_acquire (path, 60, NULL);
  ck_assert_ptr_nonnull (lock);
  ck_assert_int_eq (galley_lock_read_pid (path), getpid ());
  galley_lock_release (lock);
  waitpid (child, NULL, 0);
  close (ready[0]);
  close (ready[1]);
}
END_TEST

START_TEST (test_lock_released_when_the_holder_is_killed)
{
  g_autofree char *path = tmp ("lock");
  g_autofree char *want = NULL;
  g_autoptr (GError) error = NULL;
  int ready[2];
  pid_t child;
  char c;
  GalleyLock *lock;

  ck_assert_int_eq (pipe (ready), 0);
  child = fork ();
  if (child == 0)
    {
      GalleyLock *held = galley_lock_acquire (path, 0, NULL);
      if (held == NULL || write (ready[1], "x", 1) != 1)
        _exit (1);
      pause ();
      _exit (0);
    }
  ck_assert_int_eq (read (ready[0], &c, 1), 1);
  ck_assert_ptr_null (galley_lock_acquire (path, 0, &error));
  want = g_strdup_printf ("another run holds the lock %s (pid %ld)", path, (long) child);
  ck_assert_str_eq (error->message, want);
  kill (child, SIGKILL);
  waitpid (child, NULL, 0);
  /* its pid is still in the file, but the lock went with the process */
  lock = galley_lock_acquire (path, 0, NULL);
  ck_assert_ptr_nonnull (lock);
  galley_lock_release (lock);
  close (ready[0]);
  close (ready[1]);
}
END_TEST

/* hold_lock_in_grandchild: a supervised run killed with SIGKILL, in
 * small: a child takes the lock, starts a grandchild that inherits it,
 * and ends; the grandchild holds the lock for @hold_us (forever when 0)
 * after it writes to @ready. Returns the grandchild's pid; *@holder is
 * the pid in the lock file, a process that has ended and been reaped. */
static pid_t
hold_lock_in_grandchild (const char *path, int ready[2], gulong hold_us, pid_t *holder)
{
  int to_parent[2];
  pid_t child, grandchild = 0;

  ck_assert_int_eq (pipe (to_parent), 0);
  child = fork ();
  if (child == 0)
    {
      GalleyLock *held = galley_lock_acquire (path, 0, NULL);

      if (held == NULL)
        _exit (1);
      grandchild = fork ();
      if (grandchild == 0)
        {
          if (write (ready[1], "x", 1) != 1)
            _exit (1);
          if (hold_us == 0)
            pause ();
          g_usleep (hold_us);
          _exit (0);  /* the lock goes with the last holder of its file */
        }
      if (write (to_parent[1], &grandchild, sizeof grandchild) != sizeof grandchild)
        _exit (1);
      _exit (0);  /* without releasing: as SIGKILL would */
    }
  ck_assert_int_eq (read (to_parent[0], &grandchild, sizeof grandchild), sizeof grandchild);
  waitpid (child, NULL, 0);
  close (to_parent[0]);
  close (to_parent[1]);
  *holder = child;
  return grandchild;
}

START_TEST (test_lock_waits_for_the_worker_of_an_ended_run)
{
  /* The pid in the file has ended, yet its worker still holds the lock
   * for a moment: the run waits for it rather than failing. */
  g_autofree char *path = tmp ("lock");
  int ready[2];
  pid_t holder, grandchild;
  char c;
  GalleyLock *lock;

  ck_assert_int_eq (pipe (ready), 0);
  grandchild = hold_lock_in_grandchild (path, ready, G_USEC_PER_SEC / 5, &holder);
  ck_assert_int_eq (read (ready[0], &c, 1), 1);
  ck_assert_int_eq (galley_lock_read_pid (path), holder);
  lock = galley_lock_acquire (path, 0, NULL);
  ck_assert_ptr_nonnull (lock);
  ck_assert_int_eq (galley_lock_read_pid (path), getpid ());
  galley_lock_release (lock);
  close (ready[0]);
  close (ready[1]);
  (void) grandchild;  /* not ours to reap: its parent has ended */
}
END_TEST

START_TEST (test_lock_held_after_its_run_ended_says_so)
{
  /* ... and names the dead pid for what it is when the lock stays taken */
  g_autofree char *path = tmp ("lock");
  g_autofree char *want = NULL;
  g_autoptr (GError) error = NULL;
  int ready[2];
  pid_t holder, grandchild;
  char c;
  GalleyLock *lock;

  ck_assert_int_eq (pipe (ready), 0);
  grandchild = hold_lock_in_grandchild (path, ready, 0, &holder);
  ck_assert_int_eq (read (ready[0], &c, 1), 1);
  ck_assert_ptr_null (galley_lock_acquire (path, 0, &error));
  want = g_strdup_printf ("another run holds the lock %s (pid %ld, which has ended; "
                          "a process it started still holds the lock)",
                          path, (long) holder);
  ck_assert_str_eq (error->message, want);
  kill (grandchild, SIGKILL);
  lock = galley_lock_acquire (path, 0, NULL);  /* the second's grace */
  ck_assert_ptr_nonnull (lock);
  galley_lock_release (lock);
  close (ready[0]);
  close (ready[1]);
}
END_TEST

START_TEST (test_lock_unknown_pid)
{
  /* a holder that has not written its pid (yet), or garbage in the file */
  g_autofree char *path = tmp ("lock");
  g_autofree char *want = NULL;
  g_autoptr (GError) error = NULL;
  GalleyLock *first = galley_lock_acquire (path, 0, NULL);
  FILE *f = fopen (path, "w");  /* in place: the same inode */

  ck_assert_ptr_nonnull (f);
  fputs ("garbage\n", f);
  fclose (f);
  ck_assert_ptr_null (galley_lock_acquire (path, 0, &error));
  want = g_strdup_printf ("another run holds the lock %s (pid unknown)", path);
  ck_assert_str_eq (error->message, want);
  galley_lock_release (first);
}
END_TEST

START_TEST (test_lock_read_pid_takes_only_a_pid_line)
{
  /* what `galley state` and the busy message show: a pid only when the
   * file holds one pid line, never the number a longer text starts with */
  static const struct { const char *text; gint64 pid; } cases[] = {
    { "4242\n", 4242 },
    { "4242", 4242 },
    { "4242abc\n", 0 },
    { "4242 \n", 0 },
    { "-4242\n", 0 },
    { "0\n", 0 },
    { "\n", 0 },
    { "", 0 },
  };
  g_autofree char *path = tmp ("lock");
  g_autofree char *missing = tmp ("no-such-lock");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ck_assert (g_file_set_contents (path, cases[i].text, -1, NULL));
      ck_assert_msg (galley_lock_read_pid (path) == cases[i].pid,
                     "'%s': %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                     cases[i].text, galley_lock_read_pid (path), cases[i].pid);
    }
  ck_assert_int_eq (galley_lock_read_pid (missing), 0);
}
END_TEST

START_TEST (test_lock_refuses_more_than_a_pid_line)
{
  /* A lone newline, and digits longer than any pid line (32 bytes or
   * more: a file of numbers), are not a lock file of ours: refused and
   * left as they are. A pid line one byte shorter is a stale lock,
   * taken over. */
  static const char *const refused[] = {
    "\n",
    "12345678901234567890123456789012",
    "1234567890123456789012345678901234567890\n",
    "42\n\n",
  };
  g_autofree char *path = tmp ("lock");
  g_autofree char *want = g_strdup_printf ("cannot use %s as the lock file: it holds "
                                           "something other than a pid, which the run "
                                           "would overwrite (is it the right path?)", path);
  g_autofree char *mine = g_strdup_printf ("%ld\n", (long) getpid ());
  GalleyLock *lock;

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *text = NULL;

      ck_assert (g_file_set_contents (path, refused[i], -1, NULL));
      ck_assert_ptr_null (galley_lock_acquire (path, 0, &error));
      ck_assert (g_error_matches (error, GALLEY_LOCK_ERROR, GALLEY_LOCK_ERROR_IO));
      ck_assert_str_eq (error->message, want);
      ck_assert (g_file_get_contents (path, &text, NULL, NULL));
      ck_assert_str_eq (text, refused[i]);
    }
  /* 30 digits and a newline: 31 bytes, the longest line taken */
  ck_assert (g_file_set_contents (path, "123456789012345678901234567890\n", -1, NULL));
  lock = galley_lock_acquire (path, 0, NULL);
  ck_assert_ptr_nonnull (lock);
  ck_assert_int_eq (galley_lock_read_pid (path), getpid ());
  galley_lock_release (lock);
  /* a stale pid with no newline is taken over too */
  ck_assert (g_file_set_contents (path, "4242", -1, NULL));
  lock = galley_lock_acquire (path, 0, NULL);
  ck_assert_ptr_nonnull (lock);
  {
    g_autofree char *text = NULL;
    ck_assert (g_file_get_contents (path, &text, NULL, NULL));
    ck_assert_str_eq (text, mine);
  }
  galley_lock_release (lock);
}
END_TEST

START_TEST (test_lock_takes_over_a_longer_stale_pid)
{
  /* A run killed with SIGKILL leaves its pid in the file. The next run's
   * pid line replaces it whole: written over a longer one without the
   * truncation, "12345\n" over "1234567890\n" leaves "12345\n7890\n",
   * which every later run refuses as not a lock file of ours. */
  g_autofree char *path = tmp ("lock");
  g_autofree char *text = NULL;
  g_autofree char *mine = g_strdup_printf ("%ld\n", (long) getpid ());
  GalleyLock *lock;

  ck_assert (g_file_set_contents (path, "123456789012345678901234567890\n", -1, NULL));
  lock = galley_lock_acquire (path, 0, NULL);
  ck_assert_ptr_nonnull (lock);
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  ck_assert_str_eq (text, mine);
  galley_lock_release (lock);
}
END_TEST

START_TEST (test_lock_holder_of_another_user_has_not_ended)
{
  /* kill (pid, 0) fails with EPERM for a live process of another user:
   * that holder is alive, and a run that finds the lock taken says so
   * at once, without the wait for an ended holder's worker nor "which
   * has ended". Pid 1 (init, root's) as the holder, seen by a user that
   * is not root: this process itself, or a child that drops root. */
  g_autofree char *path = tmp ("lock");
  g_autofree char *want = g_strdup_printf ("another run holds the lock %s (pid 1)", path);
  GalleyLock *first = galley_lock_acquire (path, 0, NULL);
  FILE *f = fopen (path, "w");  /* in place: the same inode */
  char message[512] = "";
  int pipefd[2];
  pid_t child;
  ssize_t n, got = 0;
  int wstatus;

  ck_assert_ptr_nonnull (first);
  ck_assert_ptr_nonnull (f);
  fputs ("1\n", f);
  fclose (f);
  ck_assert_int_eq (g_chmod (tmpdir, 0755), 0);
  ck_assert_int_eq (g_chmod (path, 0666), 0);
  ck_assert_int_eq (pipe (pipefd), 0);
  child = fork ();
  if (child == 0)
    {
      g_autoptr (GError) error = NULL;
      const char *text;

      close (pipefd[0]);
      if (getuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        _exit (2);
      ck_assert_ptr_null (galley_lock_acquire (path, 0, &error));
      text = error ? error->message : "no error";
      if (write (pipefd[1], text, strlen (text)) != (ssize_t) strlen (text))
        _exit (3);
      _exit (0);
    }
  close (pipefd[1]);
  while ((n = read (pipefd[0], message + got, sizeof message - 1 - got)) > 0)
    got += n;
  message[got] = '\0';
  close (pipefd[0]);
  ck_assert_int_eq (waitpid (child, &wstatus, 0), child);
  ck_assert_msg (WIFEXITED (wstatus) && WEXITSTATUS (wstatus) == 0,
                 "child: wait status %d", wstatus);
  ck_assert_str_eq (message, want);
  galley_lock_release (first);
}
END_TEST

START_TEST (test_lock_cannot_open)
{
  g_autofree char *path = tmp ("no/such/dir/lock");
  g_autofree char *want = g_strdup_printf ("cannot open the lock file %s: No such file or directory", path);
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_lock_acquire (path, 0, &error));
  ck_assert (g_error_matches (error, GALLEY_LOCK_ERROR, GALLEY_LOCK_ERROR_IO));
  ck_assert_str_eq (error->message, want);
}
END_TEST

/* State */

static GalleyRunStats
stats_of (guint64 read, guint64 done, guint64 unchanged)
{
  GalleyRunStats s = { 0 };

  s.read = read;
  s.done = done;
  s.unchanged = unchanged;
  s.seconds = 0.5;
  return s;
}

/* a whole run: @docs through unchanged/done, committed, ended */
static void
run_docs (const char *path, gboolean full, GalleyDocument **docs, guint n,
          gboolean *unchanged_out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyState) state = galley_state_open (path, TRUE, &error);
  const GalleyRunState *hooks;
  GalleyRunStats stats = stats_of (n, 0, 0);

  ck_assert_msg (state != NULL, "%s", error ? error->message : "");
  ck_assert (galley_state_begin_run (state, "test", NULL, full ? GALLEY_STATE_RUN_FULL : 0, 0,
                                     &error));
  hooks = galley_state_get_hooks (state);
  for (guint i = 0; i < n; i++)
    {
      gboolean same = hooks->unchanged (hooks->data, docs[i]);
      if (unchanged_out)
        unchanged_out[i] = same;
      if (same)
        stats.unchanged++;
      else
        {
          hooks->done (hooks->data, docs[i]);
          stats.done++;
        }
    }
  ck_assert (hooks->commit (hooks->data, &error));
  ck_assert (galley_state_end_run (state, &stats, 0, &error));
}

static gint64
count_documents (const char *path)
{
  g_autoptr (GalleyState) state = galley_state_open (path, FALSE, NULL);
  GalleyStateCounts n = { -1 };

  ck_assert_ptr_nonnull (state);
  ck_assert (galley_state_count (state, &n, NULL));
  return n.documents;
}

START_TEST (test_state_new_file)
{
  g_autofree char *path = tmp ("state.db");
  g_autoptr (GalleyState) state = galley_state_open (path, TRUE, NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  ck_assert_ptr_nonnull (state);
  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
  ck_assert_int_eq (sqlite3_column_int (stmt, 0), 0x47414C53);
  sqlite3_finalize (stmt);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
  ck_assert_int_eq (sqlite3_column_int (stmt, 0), GALLEY_STATE_FORMAT);
  sqlite3_finalize (stmt);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'hash'", -1,
                                        &stmt, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
  ck_assert_str_eq ((const char *) sqlite3_column_text (stmt, 0), "xxh64");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}
END_TEST

START_TEST (test_state_skips_only_unchanged)
{
  g_autofree char *path = tmp ("state.db");
  GalleyDocument *first[3] = {
    doc ("a", "A", "Alpha."), doc ("b", "B", "Beta."), doc ("c", "C", "Gamma."),
  };
  GalleyDocument *second[4] = {
    doc ("a", "A", "Alpha."),        /* same */
    doc ("b", "B", "Beta, changed."),/* text changed */
    doc ("c", "C2", "Gamma."),       /* title changed */
    doc ("d", "D", "Delta."),        /* new */
  };
  gboolean same[4];
  g_autoptr (GalleyState) state = NULL;
  g_autoptr (GalleyStateDocument) b = NULL;

  run_docs (path, FALSE, first, 3, same);
  ck_assert (!same[0] && !same[1] && !same[2]);
  run_docs (path, FALSE, second, 4, same);
  ck_assert (same[0]);
  ck_assert (!same[1]);
  ck_assert (!same[2]);
  ck_assert (!same[3]);
  ck_assert_int_eq (count_documents (path), 4);

  state = galley_state_open (path, FALSE, NULL);
  b = galley_state_lookup (state, "b", NULL);
  ck_assert_ptr_nonnull (b);
  ck_assert_int_eq (b->first_run, 1);
  ck_assert_int_eq (b->run, 2);
  ck_assert_int_eq (b->times, 2);
  ck_assert_uint_eq (b->hash, galley_state_hash_document (second[1]));
  ck_assert_ptr_null (galley_state_lookup (state, "zzz", NULL));
  for (guint i = 0; i < 3; i++)
    galley_document_free (first[i]);
  for (guint i = 0; i < 4; i++)
    galley_document_free (second[i]);
}
END_TEST

START_TEST (test_state_full_processes_everything)
{
  g_autofree char *path = tmp ("state.db");
  GalleyDocument *docs[2] = { doc ("a", "A", "Alpha."), doc ("b", "B", "Beta.") };
  gboolean same[2];
  g_autoptr (GalleyState) state = NULL;
  g_autoptr (GPtrArray) runs = NULL;

  run_docs (path, FALSE, docs, 2, same);
  run_docs (path, TRUE, docs, 2, same);
  ck_assert (!same[0] && !same[1]);
  run_docs (path, FALSE, docs, 2, same);
  ck_assert (same[0] && same[1]);
  state = galley_state_open (path, FALSE, NULL);
  runs = galley_state_list_runs (state, 0, NULL);
  ck_assert_int_eq (runs->len, 3);
  ck_assert (!((GalleyStateRun *) runs->pdata[0])->full);
  ck_assert (((GalleyStateRun *) runs->pdata[1])->full);
  galley_document_free (docs[0]);
  galley_document_free (docs[1]);
}
END_TEST

START_TEST (test_state_uncommitted_run_records_nothing)
{
  /* The runner did not call commit (abort, or a sink's commit failed):
   * the documents are not done, and the run says so. */
  g_autofree char *path = tmp ("state.db");
  g_autoptr (GalleyDocument) a = doc ("a", "A", "Alpha.");
  g_autoptr (GalleyState) state = galley_state_open (path, TRUE, NULL);
  g_autoptr (GalleyState) reader = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  const GalleyRunState *hooks;
  GalleyRunStats stats = stats_of (1, 1, 0);
  GalleyStateRun *run;

  ck_assert (galley_state_begin_run (state, "test", NULL, 0, 0, NULL));
  hooks = galley_state_get_hooks (state);
  ck_assert (!hooks->unchanged (hooks->data, a));
  hooks->done (hooks->data, a);
  /* within the run, its own record is visible */
  ck_assert (hooks->unchanged (hooks->data, a));
  ck_assert (galley_state_end_run (state, &stats, 1, NULL));
  g_clear_pointer (&state, galley_state_close);

  ck_assert_int_eq (count_documents (path), 0);
  reader = galley_state_open (path, FALSE, NULL);
  runs = galley_state_list_runs (reader, 1, NULL);
  run = runs->pdata[0];
  ck_assert (!run->committed);
  ck_assert_int_eq (run->status, 1);
  ck_assert_ptr_nonnull (run->finished);
  ck_assert_str_eq (run->pipeline, "test");
  ck_assert_int_eq (run->pid, getpid ());
}
END_TEST

START_TEST (test_state_forget_during_run_keeps_its_own_run)
{
  /* A long run's checkpoint forgets the documents older than the age; the
   * run's own row, as old by then and referred to by no document (here
   * it has none), stays, or the run could not record how it ended. */
  g_autofree char *path = tmp ("state.db");
  g_autoptr (GalleyDocument) a = doc ("a", "A", "Alpha.");
  g_autoptr (GalleyState) state = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GError) error = NULL;
  const GalleyRunState *hooks;
  GalleyRunStats stats = stats_of (0, 0, 0);

  run_docs (path, FALSE, &a, 1, NULL);
  state = galley_state_open (path, TRUE, NULL);
  ck_assert (galley_state_begin_run (state, "long", NULL, 0, 0, NULL));
  ck_assert_msg (galley_state_forget_during_run (state, "1s", &error), "%s",
                 error ? error->message : "");
  hooks = galley_state_get_hooks (state);
  /* the file's times are whole seconds: 2.1 s puts both runs' starts,
   * and a's last processing, over a second ago */
  g_usleep (2100 * 1000);
  ck_assert (hooks->checkpoint (hooks->data, &error));
  ck_assert (galley_state_end_run (state, &stats, 0, NULL));
  ck_assert_int_eq (count_documents (path), 0);
  runs = galley_state_list_runs (state, 0, NULL);
  ck_assert_uint_eq (runs->len, 1);
  ck_assert_str_eq (((GalleyStateRun *) runs->pdata[0])->pipeline, "long");
  ck_assert_ptr_nonnull (((GalleyStateRun *) runs->pdata[0])->finished);

  /* an age that is none is refused, naming it */
  g_clear_pointer (&state, galley_state_close);
  state = galley_state_open (path, TRUE, NULL);
  ck_assert (galley_state_begin_run (state, "t", NULL, 0, 0, NULL));
  g_clear_error (&error);
  ck_assert (!galley_state_forget_during_run (state, "0s", &error));
  ck_assert_str_eq (error->message, "--forget takes an age such as 90d or 12h, not '0s'");
}
END_TEST

START_TEST (test_state_killed_run_is_unfinished_and_records_nothing)
{
  g_autofree char *path = tmp ("state.db");
  g_autoptr (GalleyState) reader = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  GalleyStateCounts n;
  int ready[2];
  pid_t child;
  char c;
  GalleyStateRun *run;

  ck_assert_int_eq (pipe (ready), 0);
  child = fork ();
  if (child == 0)
    {
      GalleyState *state = galley_state_open (path, TRUE, NULL);
      GalleyDocument *a = doc ("a", "A", "Alpha.");
      const GalleyRunState *hooks;

      if (state == NULL || !galley_state_begin_run (state, "killed", NULL, 0, 0, NULL))
        _exit (1);
      hooks = galley_state_get_hooks (state);
      hooks->done (hooks->data, a);
      if (write (ready[1], "x", 1) != 1)
        _exit (1);
      pause ();
      _exit (0);
    }
  ck_assert_int_eq (read (ready[0], &c, 1), 1);
  kill (child, SIGKILL);
  waitpid (child, NULL, 0);
  close (ready[0]);
  close (ready[1]);

  /* a reader rolls the killed run's journal back */
  reader = galley_state_open (path, FALSE, NULL);
  ck_assert_ptr_nonnull (reader);
  ck_assert (galley_state_count (reader, &n, NULL));
  ck_assert_int_eq (n.documents, 0);
  ck_assert_int_eq (n.runs, 1);
  ck_assert_int_eq (n.unfinished, 1);
  runs = galley_state_list_runs (reader, 0, NULL);
  run = runs->pdata[0];
  ck_assert_ptr_null (run->finished);
  ck_assert_int_eq (run->status, -1);
  ck_assert_int_eq (run->pid, child);
  g_clear_pointer (&reader, galley_state_close);

  /* and the next run starts cleanly */
  {
    GalleyDocument *a[1] = { doc ("a", "A", "Alpha.") };
    gboolean same[1];
    run_docs (path, FALSE, a, 1, same);
    ck_assert (!same[0]);
    galley_document_free (a[0]);
  }
  ck_assert_int_eq (count_documents (path), 1);
}
END_TEST

START_TEST (test_state_second_run_is_busy)
{
  g_autofree char *path = tmp ("state.db");
  g_autofree char *want = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyState) first = galley_state_open (path, TRUE, NULL);
  g_autoptr (GalleyState) second = galley_state_open (path, TRUE, NULL);
  g_autoptr (GalleyState) reader = NULL;
  GalleyStateCounts n;

  ck_assert (galley_state_begin_run (first, "first", NULL, 0, 0, NULL));
  ck_assert (!galley_state_begin_run (second, "second", NULL, 0, 0, &error));
  ck_assert (g_error_matches (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_BUSY));
  want = g_strdup_printf ("another run is using the state file %s (give both the same "
                          "lock= or --lock so that they wait or skip cleanly)", path);
  ck_assert_str_eq (error->message, want);
  /* a reader is not kept out by a run */
  reader = galley_state_open (path, FALSE, NULL);
  ck_assert (galley_state_count (reader, &n, NULL));
  ck_assert_int_eq (n.runs, 1);
}
END_TEST

START_TEST (test_state_refuses_other_files)
{
  g_autofree char *text = tmp ("text.db");
  g_autofree char *other = tmp ("other.db");
  g_autofree char *newer = tmp ("newer.db");
  g_autofree char *missing = tmp ("missing.db");
  g_autofree char *want = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db;

  ck_assert (g_file_set_contents (text, "id,title\nnot a database\n", -1, NULL));
  ck_assert_ptr_null (galley_state_open (text, TRUE, &error));
  ck_assert (g_error_matches (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_FORMAT));
  want = g_strdup_printf ("%s is not a Galley state file (file is not a database)", text);
  ck_assert_str_eq (error->message, want);
  g_clear_error (&error);
  g_clear_pointer (&want, g_free);

  ck_assert_int_eq (sqlite3_open (other, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, "CREATE TABLE t (x); PRAGMA application_id = 1195461721",
                                  NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  ck_assert_ptr_null (galley_state_open (other, TRUE, &error));
  want = g_strdup_printf ("%s is not a Galley state file (an SQLite database of something else)",
                          other);
  ck_assert_str_eq (error->message, want);
  g_clear_error (&error);
  g_clear_pointer (&want, g_free);

  {
    GalleyState *s = galley_state_open (newer, TRUE, NULL);
    ck_assert_ptr_nonnull (s);
    galley_state_close (s);
  }
  ck_assert_int_eq (sqlite3_open (newer, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, "PRAGMA user_version = 7", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  ck_assert_ptr_null (galley_state_open (newer, TRUE, &error));
  want = g_strdup_printf ("%s was written by a newer Galley (state format 7; this one reads 3)",
                          newer);
  ck_assert_str_eq (error->message, want);
  g_clear_error (&error);
  g_clear_pointer (&want, g_free);

  ck_assert_ptr_null (galley_state_open (missing, FALSE, &error));
  ck_assert (g_error_matches (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_IO));
  want = g_strdup_printf ("cannot open the state file %s: No such file or directory", missing);
  ck_assert_str_eq (error->message, want);
  ck_assert (!g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_clear_pointer (&want, g_free);

  ck_assert_ptr_null (galley_state_open (tmpdir, TRUE, &error));
  want = g_strdup_printf ("cannot open the state file %s: Is a directory", tmpdir);
  ck_assert_str_eq (error->message, want);
}
END_TEST

START_TEST (test_state_other_hash_makes_everything_changed_once)
{
  g_autofree char *path = tmp ("state.db");
  GalleyDocument *docs[1] = { doc ("a", "A", "Alpha.") };
  gboolean same[1];
  sqlite3 *db;

  run_docs (path, FALSE, docs, 1, same);
  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, "UPDATE meta SET value = 'sha1' WHERE key = 'hash'",
                                  NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  run_docs (path, FALSE, docs, 1, same);
  ck_assert (!same[0]);
  run_docs (path, FALSE, docs, 1, same);
  ck_assert (same[0]);
  galley_document_free (docs[0]);
}
END_TEST

START_TEST (test_state_lists_newest_first)
{
  g_autofree char *path = tmp ("state.db");
  GalleyDocument *one[2] = { doc ("a", "A", "1"), doc ("b", "B", "2") };
  GalleyDocument *two[1] = { doc ("c", "C", "3") };
  g_autoptr (GalleyState) state = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GPtrArray) docs = NULL;
  GalleyStateRun *run;

  run_docs (path, FALSE, one, 2, NULL);
  run_docs (path, FALSE, two, 1, NULL);
  state = galley_state_open (path, FALSE, NULL);
  runs = galley_state_list_runs (state, 1, NULL);
  ck_assert_int_eq (runs->len, 1);
  run = runs->pdata[0];
  ck_assert_int_eq (run->id, 2);
  ck_assert (run->committed);
  ck_assert_int_eq (run->status, 0);
  ck_assert_int_eq (run->read, 1);
  ck_assert_int_eq (run->done, 1);
  ck_assert_int_eq (run->unchanged, 0);
  ck_assert_str_eq (run->host, g_get_host_name ());
  docs = galley_state_list_documents (state, 0, FALSE, NULL);
  ck_assert_int_eq (docs->len, 3);
  ck_assert_str_eq (((GalleyStateDocument *) docs->pdata[0])->id, "c");
  {
    /* a and b, of one run: the later second first, then by id. The
     * stamps have a second's resolution, and the two fall on either side
     * of a second now and then (CI, under load), b then first. */
    const GalleyStateDocument *x = docs->pdata[1], *y = docs->pdata[2];
    int newer = strcmp (x->processed, y->processed);

    ck_assert (newer >= 0);
    if (newer == 0)
      {
        ck_assert_str_eq (x->id, "a");
        ck_assert_str_eq (y->id, "b");
      }
    else
      {
        ck_assert_str_eq (x->id, "b");
        ck_assert_str_eq (y->id, "a");
      }
  }
  g_clear_pointer (&docs, g_ptr_array_unref);
  docs = galley_state_list_documents (state, 2, FALSE, NULL);
  ck_assert_int_eq (docs->len, 2);
  for (guint i = 0; i < 2; i++)
    galley_document_free (one[i]);
  galley_document_free (two[0]);
}
END_TEST

START_TEST (test_state_rejected_skipped_until_changed)
{
  g_autofree char *path = tmp ("state.db");
  g_autoptr (GalleyDocument) bad = doc ("bad", "B", "Bad.");
  g_autoptr (GalleyDocument) flaky = doc ("flaky", "F", "Flaky.");
  g_autoptr (GalleyDocument) changed = doc ("bad", "B", "Bad, fixed.");
  g_autoptr (GError) input = g_error_new (GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT, "not news");
  g_autoptr (GError) io = g_error_new (GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO, "lexicon gone");
  GalleyRunStats stats = stats_of (2, 0, 0);
  g_autoptr (GalleyStateDocument) rec = NULL;
  GalleyStateCounts n;
  const GalleyRunState *h;
  GalleyState *state;

  /* run 1: "bad" rejected for its content, "flaky" for an I/O error */
  state = galley_state_open (path, TRUE, NULL);
  ck_assert (galley_state_begin_run (state, "t", NULL, 0, 0, NULL));
  h = galley_state_get_hooks (state);
  ck_assert (!h->unchanged (h->data, bad));
  h->rejected (h->data, bad, "check", input);
  ck_assert (!h->unchanged (h->data, flaky));
  h->rejected (h->data, flaky, "check", io);
  ck_assert (h->commit (h->data, NULL));
  ck_assert (galley_state_end_run (state, &stats, 1, NULL));
  ck_assert (galley_state_count (state, &n, NULL));
  ck_assert_int_eq (n.documents, 1);
  ck_assert_int_eq (n.rejected, 1);
  rec = galley_state_lookup (state, "bad", NULL);
  ck_assert (rec->rejected);
  ck_assert_str_eq (rec->error, "not news");
  ck_assert_str_eq (rec->stage, "check");
  galley_state_close (state);

  /* run 2: "bad" skipped while unchanged; "flaky" tried again */
  state = galley_state_open (path, TRUE, NULL);
  ck_assert (galley_state_begin_run (state, "t", NULL, 0, 0, NULL));
  h = galley_state_get_hooks (state);
  ck_assert (h->unchanged (h->data, bad));
  ck_assert (!h->unchanged (h->data, flaky));
  ck_assert (h->commit (h->data, NULL));
  galley_state_close (state);

  /* --retry-rejected: tried again; it passes this time */
  state = galley_state_open (path, TRUE, NULL);
  ck_assert (galley_state_begin_run (state, "t", NULL, GALLEY_STATE_RUN_RETRY_REJECTED, 0, NULL));
  h = galley_state_get_hooks (state);
  ck_assert (!h->unchanged (h->data, bad));
  h->done (h->data, bad);
  ck_assert (h->commit (h->data, NULL));
  g_clear_pointer (&rec, galley_state_document_free);
  rec = galley_state_lookup (state, "bad", NULL);
  ck_assert (!rec->rejected);
  ck_assert_ptr_null (rec->error);
  ck_assert_int_eq (rec->times, 2);
  galley_state_close (state);

  /* rejected again after a change: the change is what counts */
  state = galley_state_open (path, TRUE, NULL);
  ck_assert (galley_state_begin_run (state, "t", NULL, 0, 0, NULL));
  h = galley_state_get_hooks (state);
  ck_assert (!h->unchanged (h->data, changed));
  h->rejected (h->data, changed, "check", input);
  ck_assert (h->commit (h->data, NULL));
  ck_assert (h->unchanged (h->data, changed));
  ck_assert (!h->unchanged (h->data, bad));
  galley_state_close (state);
}
END_TEST

/* stub: what a reader hands over for an input item it rejected. */
static GalleyDocument *
stub (const char *id, const char *origin, const char *bytes)
{
  GalleyDocument *d = galley_document_new (id, "", 0);

  galley_document_set_origin (d, origin);
  galley_document_set_input_hash (d, galley_hash64 (bytes, strlen (bytes), 0));
  return d;
}

START_TEST (test_state_rejected_input_skipped_until_changed)
{
  g_autofree char *path = tmp ("state.db");
  g_autoptr (GalleyDocument) empty = stub ("empty.txt", "spool/empty.txt", "");
  g_autoptr (GalleyDocument) line = stub ("", "in.jsonl:3", "{\"text\": 1}");
  g_autoptr (GalleyDocument) refilled = stub ("empty.txt", "spool/empty.txt", "Now text.");
  g_autoptr (GalleyDocument) done = doc ("empty.txt", NULL, "");
  g_autoptr (GError) input = g_error_new (GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                                          "spool/empty.txt: empty");
  g_autoptr (GalleyStateDocument) rec = NULL;
  const GalleyRunState *h;
  GalleyState *state;

  state = galley_state_open (path, TRUE, NULL);
  ck_assert (galley_state_begin_run (state, "t", NULL, 0, 0, NULL));
  h = galley_state_get_hooks (state);
  ck_assert (!h->unchanged (h->data, empty));
  h->rejected (h->data, empty, "read", input);
  h->rejected (h->data, line, "read", input);
  ck_assert (h->commit (h->data, NULL));
  /* kept under its id, or its origin when it has none, with its stage
   * and the hash of its bytes */
  rec = galley_state_lookup (state, "empty.txt", NULL);
  ck_assert (rec->rejected);
  ck_assert_str_eq (rec->stage, "read");
  ck_assert_str_eq (rec->error, "spool/empty.txt: empty");
  ck_assert_uint_eq (rec->hash, galley_hash64 ("", 0, 0));
  g_clear_pointer (&rec, galley_state_document_free);
  rec = galley_state_lookup (state, "in.jsonl:3", NULL);
  ck_assert (rec->rejected);
  galley_state_close (state);

  /* the same bytes: skipped; other bytes: tried again */
  state = galley_state_open (path, TRUE, NULL);
  ck_assert (galley_state_begin_run (state, "t", NULL, 0, 0, NULL));
  h = galley_state_get_hooks (state);
  ck_assert (h->unchanged (h->data, empty));
  ck_assert (h->unchanged (h->data, line));
  ck_assert (!h->unchanged (h->data, refilled));
  ck_assert (h->commit (h->data, NULL));
  galley_state_close (state);

  /* --retry-rejected tries it again, unchanged or not */
  state = galley_state_open (path, TRUE, NULL);
  ck_assert (galley_state_begin_run (state, "t", NULL, GALLEY_STATE_RUN_RETRY_REJECTED, 0, NULL));
  h = galley_state_get_hooks (state);
  ck_assert (!h->unchanged (h->data, empty));
  ck_assert (h->commit (h->data, NULL));
  galley_state_close (state);

  /* a stub is unchanged only against a rejection: once the document
   * under that id is done, a stub with the same hash is rejected again */
  state = galley_state_open (path, TRUE, NULL);
  ck_assert (galley_state_begin_run (state, "t", NULL, 0, 0, NULL));
  h = galley_state_get_hooks (state);
  h->done (h->data, done);
  ck_assert (h->commit (h->data, NULL));
  g_clear_pointer (&rec, galley_state_document_free);
  rec = galley_state_lookup (state, "empty.txt", NULL);
  ck_assert (!rec->rejected);
  ck_assert_ptr_null (rec->stage);
  galley_document_set_input_hash (refilled, galley_state_hash_document (done));
  ck_assert (!h->unchanged (h->data, refilled));
  galley_state_close (state);
}
END_TEST

/* The tables of a format 1 file, as Galley wrote them before
 * documents.stage (@more: columns after documents.error). */
#define FORMAT_1_TABLES(more) \
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);" \
  "CREATE TABLE runs (id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT," \
  " pipeline TEXT, pid INTEGER, host TEXT, full INTEGER NOT NULL DEFAULT 0," \
  " committed INTEGER NOT NULL DEFAULT 0, status INTEGER, read INTEGER, done INTEGER," \
  " unchanged INTEGER, rejected INTEGER, seconds REAL);" \
  "CREATE TABLE documents (id TEXT PRIMARY KEY, hash INTEGER NOT NULL," \
  " run INTEGER NOT NULL, first_run INTEGER NOT NULL, processed TEXT NOT NULL," \
  " first_processed TEXT NOT NULL, times INTEGER NOT NULL DEFAULT 1," \
  " rejected INTEGER NOT NULL DEFAULT 0, error TEXT" more ") WITHOUT ROWID;"

START_TEST (test_state_format_1_is_upgraded_by_a_run_only)
{
  g_autofree char *path = tmp ("state.db");
  g_autoptr (GalleyStateDocument) rec = NULL;
  GalleyStateCounts n;
  GalleyState *state;
  sqlite3 *db;

  /* a format 1 file, as Galley wrote them before documents.stage */
  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db,
    FORMAT_1_TABLES ("")
    "INSERT INTO meta VALUES ('hash', 'xxh64');"
    "INSERT INTO documents (id, hash, run, first_run, processed, first_processed, rejected, error)"
    " VALUES ('bad', 1, 1, 1, '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 1, 'not news');"
    "PRAGMA application_id = 1195461715; PRAGMA user_version = 1;",
    NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);

  /* a look reads it as it is */
  state = galley_state_open (path, FALSE, NULL);
  ck_assert (galley_state_count (state, &n, NULL));
  ck_assert_int_eq (n.format, 1);
  rec = galley_state_lookup (state, "bad", NULL);
  ck_assert_str_eq (rec->error, "not news");
  ck_assert_ptr_null (rec->stage);
  galley_state_close (state);

  /* a run upgrades it */
  state = galley_state_open (path, TRUE, NULL);
  ck_assert (galley_state_count (state, &n, NULL));
  ck_assert_int_eq (n.format, 3);
  g_clear_pointer (&rec, galley_state_document_free);
  rec = galley_state_lookup (state, "bad", NULL);
  ck_assert_str_eq (rec->error, "not news");
  ck_assert_ptr_null (rec->stage);
  galley_state_close (state);
}
END_TEST

/* A format 2 file (before runs.stages) is upgraded by a run, which
 * records its stages; the runs before it have none, and the documents
 * they did are skipped without a word. */
START_TEST (test_state_format_2_is_upgraded_and_records_stages)
{
  g_autofree char *path = tmp ("state.db");
  g_autoptr (GalleyDocument) doc = galley_document_new ("old", "Text.", -1);
  g_autoptr (GalleyStateDocument) rec = NULL;
  const GalleyRunState *h;
  GalleyRunStats stats = { 0 };
  GalleyStateCounts n;
  GalleyState *state;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *sql;

  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  sql = g_strdup_printf (
    FORMAT_1_TABLES (", stage TEXT")
    "INSERT INTO meta VALUES ('hash', 'xxh64');"
    "INSERT INTO runs (id, started, pipeline, committed) VALUES (1, '2030-01-01T00:00:00Z', 'p', 1);"
    "INSERT INTO documents (id, hash, run, first_run, processed, first_processed)"
    " VALUES ('old', %" G_GINT64_FORMAT ", 1, 1, '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z');"
    "PRAGMA application_id = 1195461715; PRAGMA user_version = 2;",
    (gint64) galley_state_hash_document (doc));
  ck_assert_int_eq (sqlite3_exec (db, sql, NULL, NULL, NULL), SQLITE_OK);
  g_free (sql);
  sqlite3_close (db);

  state = galley_state_open (path, TRUE, NULL);
  ck_assert (galley_state_count (state, &n, NULL));
  ck_assert_int_eq (n.format, 3);
  ck_assert (galley_state_begin_run (state, "t", "read-files ! export-csv", 0, 0, NULL));
  h = galley_state_get_hooks (state);
  ck_assert (h->unchanged (h->data, doc));
  ck_assert (galley_state_end_run (state, &stats, 0, NULL));
  galley_state_close (state);

  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_prepare_v2 (db, "SELECT group_concat(ifnull(stages, '-'), '|') "
                                            "FROM (SELECT stages FROM runs ORDER BY id)",
                                        -1, &stmt, NULL), SQLITE_OK);
  ck_assert_int_eq (sqlite3_step (stmt), SQLITE_ROW);
  ck_assert_str_eq ((const char *) sqlite3_column_text (stmt, 0), "-|read-files ! export-csv");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}
END_TEST

START_TEST (test_state_reset_refused_while_a_run_uses_it)
{
  g_autofree char *path = tmp ("state.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *want = NULL;
  g_autofree char *moved = NULL;
  GalleyState *state = galley_state_open (path, TRUE, NULL);

  ck_assert (galley_state_begin_run (state, "t", NULL, 0, 0, NULL));
  ck_assert_ptr_null (galley_state_reset (path, &error));
  ck_assert (g_error_matches (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_BUSY));
  want = g_strdup_printf ("another run is using the state file %s: not reset", path);
  ck_assert_str_eq (error->message, want);
  ck_assert (g_file_test (path, G_FILE_TEST_EXISTS));
  galley_state_close (state);

  moved = galley_state_reset (path, NULL);
  ck_assert_ptr_nonnull (moved);
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));
  ck_assert (g_file_test (moved, G_FILE_TEST_EXISTS));

  /* the reset holds nothing of the moved file: a run may take it at once
   * (without its sqlite3_close, the reset's write lock stayed, and this
   * run was refused as busy) */
  state = galley_state_open (moved, TRUE, NULL);
  ck_assert_ptr_nonnull (state);
  ck_assert (galley_state_begin_run (state, "t", NULL, 0, 0, &local));
  galley_state_close (state);
}
END_TEST

START_TEST (test_state_reset_never_overwrites_an_earlier_reset)
{
  /* Two resets within one second would both move the file to
   * NAME.reset-STAMP: the second is refused, and the first one's file
   * kept. Made here for this second and the next few, so that the reset
   * below meets one whenever it runs. */
  g_autofree char *path = tmp ("state.db");
  g_autofree char *prefix = g_strdup_printf ("cannot reset the state file %s: %s.reset-",
                                             path, path);
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  char *earlier[5];

  galley_state_close (galley_state_open (path, TRUE, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (earlier); i++)
    {
      g_autoptr (GDateTime) t = g_date_time_new_from_unix_utc (now + i);
      g_autofree char *stamp = g_date_time_format (t, "%Y%m%dT%H%M%SZ");

      earlier[i] = g_strdup_printf ("%s.reset-%s", path, stamp);
      ck_assert (g_file_set_contents (earlier[i], "an earlier reset", -1, NULL));
    }
  ck_assert_ptr_null (galley_state_reset (path, &error));
  ck_assert (g_error_matches (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_IO));
  ck_assert_msg (g_str_has_prefix (error->message, prefix)
                 && g_str_has_suffix (error->message, "Z exists (try again in a second)"),
                 "%s", error->message);
  ck_assert (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  for (guint i = 0; i < G_N_ELEMENTS (earlier); i++)
    {
      g_autofree char *text = NULL;

      ck_assert (g_file_get_contents (earlier[i], &text, NULL, NULL));
      ck_assert_str_eq (text, "an earlier reset");
      g_free (earlier[i]);
    }
}
END_TEST

START_TEST (test_state_record_refused_fails_the_commit)
{
  /* One record refused on its own (here by a trigger; SQLite keeps the
   * transaction, as it does for a constraint): the others commit, and
   * the commit says that one is not recorded, so that the run does not
   * end as if it were. */
  g_autofree char *path = tmp ("state.db");
  g_autofree char *want = NULL;
  g_autoptr (GError) error = NULL;
  GalleyDocument *docs[3] = {
    doc ("a", "A", "Alpha."), doc ("poison", "P", "Refused."), doc ("b", "B", "Beta."),
  };
  const GalleyRunState *h;
  GalleyState *state;
  sqlite3 *db;

  galley_state_close (galley_state_open (path, TRUE, NULL));
  ck_assert_int_eq (sqlite3_open (path, &db), SQLITE_OK);
  ck_assert_int_eq (sqlite3_exec (db, "CREATE TRIGGER refuse BEFORE INSERT ON documents "
                                      "WHEN NEW.id = 'poison' "
                                      "BEGIN SELECT RAISE (ABORT, 'refused'); END",
                                  NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  state = galley_state_open (path, TRUE, NULL);
  ck_assert (galley_state_begin_run (state, "t", NULL, 0, 0, NULL));
  h = galley_state_get_hooks (state);
  for (guint i = 0; i < 3; i++)
    h->done (h->data, docs[i]);
  ck_assert (!h->commit (h->data, &error));
  ck_assert (g_error_matches (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_IO));
  want = g_strdup_printf ("state file %s: 1 documents could not be recorded (refused); "
                          "the next run processes them again", path);
  ck_assert_str_eq (error->message, want);
  galley_state_close (state);
  ck_assert_int_eq (count_documents (path), 2);
  for (guint i = 0; i < 3; i++)
    galley_document_free (docs[i]);
}
END_TEST

/* A full disk: a VFS over the default one whose writes fail with
 * SQLITE_FULL (what the unix VFS returns on ENOSPC) once `writes_left`
 * reaches 0; -1: no limit. Registered as the default VFS by the tests
 * that use it. */
static int writes_left = -1;
static sqlite3_vfs *real_vfs;
static sqlite3_vfs full_vfs;

typedef struct {
  sqlite3_file base;
  sqlite3_file *real;   /* real_vfs's file, just after this struct */
} FullFile;

#define REAL(f) (((FullFile *) (f))->real)

static int
full_close (sqlite3_file *f)
{
  int rc = REAL (f)->pMethods ? REAL (f)->pMethods->xClose (REAL (f)) : SQLITE_OK;
  return rc;
}

static int
full_read (sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
  return REAL (f)->pMethods->xRead (REAL (f), buf, n, off);
}

static int
full_write (sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
  if (writes_left == 0)
    return SQLITE_FULL;
  if (writes_left > 0)
    writes_left--;
  return REAL (f)->pMethods->xWrite (REAL (f), buf, n, off);
}

static int
full_truncate (sqlite3_file *f, sqlite3_int64 size)
{
  return REAL (f)->pMethods->xTruncate (REAL (f), size);
}

static int
full_sync (sqlite3_file *f, int flags)
{
  return REAL (f)->pMethods->xSync (REAL (f), flags);
}

static int
full_file_size (sqlite3_file *f, sqlite3_int64 *size)
{
  return REAL (f)->pMethods->xFileSize (REAL (f), size);
}

static int
full_lock (sqlite3_file *f, int level)
{
  return REAL (f)->pMethods->xLock (REAL (f), level);
}

static int
full_unlock (sqlite3_file *f, int level)
{
  return REAL (f)->pMethods->xUnlock (REAL (f), level);
}

static int
full_check_reserved (sqlite3_file *f, int *out)
{
  return REAL (f)->pMethods->xCheckReservedLock (REAL (f), out);
}

static int
full_control (sqlite3_file *f, int op, void *arg)
{
  return REAL (f)->pMethods->xFileControl (REAL (f), op, arg);
}

static int
full_sector_size (sqlite3_file *f)
{
  return REAL (f)->pMethods->xSectorSize (REAL (f));
}

static int
full_device_characteristics (sqlite3_file *f)
{
  return REAL (f)->pMethods->xDeviceCharacteristics (REAL (f));
}

static const sqlite3_io_methods full_methods = {
  .iVersion = 1,
  .xClose = full_close,
  .xRead = full_read,
  .xWrite = full_write,
  .xTruncate = full_truncate,
  .xSync = full_sync,
  .xFileSize = full_file_size,
  .xLock = full_lock,
  .xUnlock = full_unlock,
  .xCheckReservedLock = full_check_reserved,
  .xFileControl = full_control,
  .xSectorSize = full_sector_size,
  .xDeviceCharacteristics = full_device_characteristics,
};

static int
full_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
  FullFile *ff = (FullFile *) f;
  int rc;

  (void) vfs;
  ff->real = (sqlite3_file *) (ff + 1);
  rc = real_vfs->xOpen (real_vfs, name, ff->real, flags, out_flags);
  f->pMethods = rc == SQLITE_OK ? &full_methods : NULL;
  return rc;
}

static void
full_disk_setup (void)
{
  setup ();
  real_vfs = sqlite3_vfs_find (NULL);
  full_vfs = *real_vfs;
  full_vfs.iVersion = MIN (real_vfs->iVersion, 3);
  full_vfs.zName = "galley-test-full";
  full_vfs.szOsFile = sizeof (FullFile) + real_vfs->szOsFile;
  full_vfs.xOpen = full_open;
  full_vfs.pNext = NULL;
  ck_assert_int_eq (sqlite3_vfs_register (&full_vfs, 1), SQLITE_OK);
  writes_left = -1;
}

static void
full_disk_teardown (void)
{
  sqlite3_vfs_unregister (&full_vfs);
  teardown ();
}

/* full_disk_run: a run of 300 documents on a disk that fills after
 * @writes writes: from the start of the records, with space freed again
 * after the 150th (@while_recording), or from the commit on. Checks that
 * the run commits all or nothing, and that a failure says what happened:
 * the message, or NULL when it committed. */
static char *
full_disk_run (int writes, gboolean while_recording)
{
  g_autofree char *path = tmp ("state.db");
  g_autoptr (GError) error = NULL;
  const GalleyRunState *h;
  GalleyState *state;
  GalleyStateCounts n;
  gboolean ok;

  state = galley_state_open (path, TRUE, NULL);
  ck_assert (galley_state_begin_run (state, "t", NULL, 0, 0, NULL));
  h = galley_state_get_hooks (state);
  if (while_recording)
    writes_left = writes;
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("doc-%03u", i);
      g_autoptr (GalleyDocument) d = doc (id, "T", "A text long enough to fill some pages.");
      h->done (h->data, d);
      if (i == 150)
        writes_left = -1;
    }
  if (!while_recording)
    writes_left = writes;
  ok = h->commit (h->data, &error);
  writes_left = -1;
  ck_assert (ok == (error == NULL));
  galley_state_close (state);

  state = galley_state_open (path, FALSE, NULL);
  ck_assert (galley_state_count (state, &n, NULL));
  ck_assert_int_eq (n.documents, ok ? 300 : 0);
  galley_state_close (state);
  if (error)
    ck_assert (g_error_matches (error, GALLEY_STATE_ERROR, GALLEY_STATE_ERROR_IO));
  return error ? g_strdup (error->message) : NULL;
}

/* one of the messages a full disk may give, depending on the write that
 * failed; never SQLite's "cannot commit - no transaction is active" */
static void
assert_no_space_message (const char *message)
{
  g_autofree char *path = tmp ("state.db");
  g_autofree char *records = g_strdup_printf ("state file %s: cannot record the documents of "
                                              "this run: no space left on device; the next "
                                              "run processes them again", path);
  g_autofree char *commit = g_strdup_printf ("state file %s: cannot commit: no space left on "
                                             "device", path);
  g_autofree char *run = g_strdup_printf ("state file %s: cannot record the run: no space "
                                          "left on device", path);

  if (g_strcmp0 (message, records) != 0 && g_strcmp0 (message, commit) != 0
      && g_strcmp0 (message, run) != 0)
    ck_abort_msg ("not a full disk's message: %s", message);
}

START_TEST (test_state_full_disk_while_recording)
{
  g_autofree char *message = full_disk_run (_i, TRUE);

  /* the first writes go to the journal as the records begin */
  if (_i < 3)
    ck_assert_ptr_nonnull (message);
  if (message)
    assert_no_space_message (message);
}
END_TEST

START_TEST (test_state_full_disk_at_commit)
{
  g_autofree char *message = full_disk_run (_i, FALSE);

  if (_i < 3)
    ck_assert_ptr_nonnull (message);
  if (message)
    assert_no_space_message (message);
}
END_TEST

/* A run killed in the middle of its transaction leaves a journal, which
 * the next opening rolls back; a reset that cannot roll it back first
 * (here a full disk: its BEGIN IMMEDIATE fails) moves the file all the
 * same, and the journal with it. Left behind, the moved file, read
 * later without its journal, held the killed run's uncommitted pages. */
START_TEST (test_state_reset_moves_the_journal_of_a_killed_run)
{
  g_autofree char *path = tmp ("state.db");
  g_autofree char *journal = tmp ("state.db-journal");
  g_autofree char *moved = NULL;
  g_autofree char *moved_journal = NULL;
  g_autoptr (GError) error = NULL;
  GalleyDocument *docs[1000];
  GalleyState *state;
  GalleyStateCounts n;
  int wstatus;
  pid_t pid;

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autofree char *id = g_strdup_printf ("doc-%04u", i);
      docs[i] = doc (id, "T", "A text long enough to fill some pages.");
    }
  run_docs (path, FALSE, docs, G_N_ELEMENTS (docs), NULL);

  /* the killed run: a cache of a few pages, so that its changes reach
   * the file before any commit, as a long run's do */
  pid = fork ();
  ck_assert_int_ge (pid, 0);
  if (pid == 0)
    {
      sqlite3 *db;

      if (sqlite3_open (path, &db) != SQLITE_OK
          || sqlite3_exec (db, "PRAGMA cache_size = 2; BEGIN; "
                               "UPDATE documents SET error = 'uncommitted'",
                           NULL, NULL, NULL) != SQLITE_OK)
        _exit (1);
      raise (SIGKILL);
      _exit (2);
    }
  ck_assert_int_eq (waitpid (pid, &wstatus, 0), pid);
  ck_assert (WIFSIGNALED (wstatus) && WTERMSIG (wstatus) == SIGKILL);
  ck_assert (g_file_test (journal, G_FILE_TEST_IS_REGULAR));

  writes_left = 0;
  moved = galley_state_reset (path, &error);
  writes_left = -1;
  ck_assert_msg (moved != NULL, "%s", error ? error->message : "");
  moved_journal = g_strconcat (moved, "-journal", NULL);
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));
  ck_assert (!g_file_test (journal, G_FILE_TEST_EXISTS));
  ck_assert (g_file_test (moved_journal, G_FILE_TEST_IS_REGULAR));

  /* the moved file is its last commit: the journal rolled back */
  state = galley_state_open (moved, FALSE, &error);
  ck_assert_msg (state != NULL, "%s", error ? error->message : "");
  ck_assert (galley_state_count (state, &n, NULL));
  ck_assert_int_eq (n.documents, 1000);
  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr (GalleyStateDocument) rec = NULL;

      rec = galley_state_lookup (state, galley_document_get_id (docs[i]), NULL);
      ck_assert_ptr_nonnull (rec);
      ck_assert_ptr_null (rec->error);
      galley_document_free (docs[i]);
    }
  galley_state_close (state);
  ck_assert (!g_file_test (moved_journal, G_FILE_TEST_EXISTS));

  /* and the next run starts a new state */
  state = galley_state_open (path, TRUE, &error);
  ck_assert_msg (state != NULL, "%s", error ? error->message : "");
  ck_assert (galley_state_count (state, &n, NULL));
  ck_assert_int_eq (n.documents, 0);
  ck_assert_int_eq (n.runs, 0);
  galley_state_close (state);
}
END_TEST

static Suite *
state_suite (void)
{
  Suite *s = suite_create ("state");
  TCase *hash = tcase_create ("hash");
  TCase *duration = tcase_create ("duration");
  TCase *lock = tcase_create ("lock");
  TCase *state = tcase_create ("state");
  TCase *full = tcase_create ("full disk");

  tcase_add_test (hash, test_hash_reference_values);
  tcase_add_test (hash, test_hash_every_length_and_alignment);
  tcase_add_test (hash, test_hash_document_title_and_text);
  suite_add_tcase (s, hash);

  tcase_add_test (duration, test_duration_accepted);
  tcase_add_test (duration, test_duration_refused);
  suite_add_tcase (s, duration);

  tcase_add_checked_fixture (lock, setup, teardown);
  tcase_add_test (lock, test_lock_writes_pid_and_empties_on_release);
  tcase_add_test (lock, test_lock_second_holder_is_busy);
  tcase_add_test (lock, test_lock_wait_names_the_wait);
  tcase_add_test (lock, test_lock_waits_for_the_holder);
  tcase_add_test (lock, test_lock_released_when_the_holder_is_killed);
  tcase_add_test (lock, test_lock_waits_for_the_worker_of_an_ended_run);
  tcase_add_test (lock, test_lock_held_after_its_run_ended_says_so);
  tcase_add_test (lock, test_lock_unknown_pid);
  tcase_add_test (lock, test_lock_read_pid_takes_only_a_pid_line);
  tcase_add_test (lock, test_lock_refuses_more_than_a_pid_line);
  tcase_add_test (lock, test_lock_cannot_open);
  tcase_add_test (lock, test_lock_takes_over_a_longer_stale_pid);
  tcase_add_test (lock, test_lock_holder_of_another_user_has_not_ended);
  suite_add_tcase (s, lock);

  tcase_add_checked_fixture (state, setup, teardown);
  tcase_set_timeout (state, 60);
  tcase_add_test (state, test_state_new_file);
  tcase_add_test (state, test_state_skips_only_unchanged);
  tcase_add_test (state, test_state_full_processes_everything);
  tcase_add_test (state, test_state_uncommitted_run_records_nothing);
  tcase_add_test (state, test_state_forget_during_run_keeps_its_own_run);
  tcase_add_test (state, test_state_killed_run_is_unfinished_and_records_nothing);
  tcase_add_test (state, test_state_second_run_is_busy);
  tcase_add_test (state, test_state_refuses_other_files);
  tcase_add_test (state, test_state_other_hash_makes_everything_changed_once);
  tcase_add_test (state, test_state_lists_newest_first);
  tcase_add_test (state, test_state_rejected_skipped_until_changed);
  tcase_add_test (state, test_state_rejected_input_skipped_until_changed);
  tcase_add_test (state, test_state_format_1_is_upgraded_by_a_run_only);
  tcase_add_test (state, test_state_format_2_is_upgraded_and_records_stages);
  tcase_add_test (state, test_state_reset_refused_while_a_run_uses_it);
  tcase_add_test (state, test_state_reset_never_overwrites_an_earlier_reset);
  tcase_add_test (state, test_state_record_refused_fails_the_commit);
  suite_add_tcase (s, state);

  tcase_add_checked_fixture (full, full_disk_setup, full_disk_teardown);
  tcase_add_loop_test (full, test_state_full_disk_while_recording, 0, 12);
  tcase_add_loop_test (full, test_state_full_disk_at_commit, 0, 12);
  tcase_add_test (full, test_state_reset_moves_the_journal_of_a_killed_run);
  suite_add_tcase (s, full);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (state_suite ());
  int failed;

  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
