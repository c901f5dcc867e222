/* fuzz-append-journal.c: the journal of an append (sdk/galley-journal.c)
 * read from any bytes, as the next run finds it beside the file it names,
 * and acted on. Whatever the journal says, the file is at most cut back:
 * what stays is a prefix of what was there, never other bytes, and a
 * journal left in place has left the file whole.
 *
 * And a journal named for a state is decided by that state's run only,
 * unless its append never reached its end (the file is shorter than the
 * journal's TO): no state can have committed that one, and any run cuts
 * it back to FROM.
 *
 * Input: one byte of choices, then the journal's text.
 *   bit 0: the text is prefixed with the file's real "DEV INO ", so that
 *          the fuzzer reaches the lengths, owner and epoch;
 *   bit 1: this run holds appends for state A, whose commits so far are
 *          the second byte's value;
 *   bit 2: the journal is state A's (.NAME.append-journal-A), not a run's
 *          without a state (.NAME.append-journal).
 * The state's list of directories is not fuzzed here: it names real
 * directories, and acting on them would reach outside the scratch one. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "sdk/galley-output-private.h"

#define STATE_A "0123456789abcdef0123456789abcdef"
#define CONTENT "one\ntwo\nthree\nfour\n"

FUZZ_PLAIN_INITIALIZE

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *dir = fuzz_scratch_path (".journal-dir");
  g_autofree char *target = g_build_filename (dir, "t.jsonl", NULL);
  g_autofree char *journal = NULL, *after = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  guint8 choices, commits = 0;
  gsize len = 0;
  struct stat st;
  gboolean ok;

  if (size < 1)
    return 0;
  choices = data[0];
  data++, size--;
  if ((choices & 2) && size > 0)
    commits = data[0], data++, size--;
  g_mkdir (dir, 0700);
  FUZZ_CHECK (g_file_set_contents (target, CONTENT, -1, NULL), "the target is written");
  FUZZ_CHECK (g_stat (target, &st) == 0, "the target is there");
  if (choices & 1)
    g_string_append_printf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " ",
                            (guint64) st.st_dev, (guint64) st.st_ino);
  g_string_append_len (text, (const char *) data, (gssize) size);
  journal = g_strdup_printf ("%s/.t.jsonl.append-journal%s", dir,
                             (choices & 4) ? "-" STATE_A : "");
  FUZZ_CHECK (g_file_set_contents (journal, text->str, (gssize) text->len, NULL),
              "the journal is written");

  FUZZ_CHECK (_galley_output_hold_appends ((choices & 2) ? STATE_A : NULL, commits, NULL,
                                           NULL), "no list, nothing to fail");
  ok = _galley_output_settle_directory (dir, &error);
  _galley_output_hold_appends (NULL, 0, NULL, NULL);

  FUZZ_CHECK (ok || strstr (error->message, target) != NULL, "an error names the file");
  FUZZ_CHECK (g_file_get_contents (target, &after, &len, NULL), "the target is still there");
  FUZZ_CHECK (len <= strlen (CONTENT) && memcmp (after, CONTENT, len) == 0,
              "the target is a prefix of what it was (%" G_GSIZE_FORMAT " bytes)", len);
  if (g_file_test (journal, G_FILE_TEST_EXISTS))
    FUZZ_CHECK (len == strlen (CONTENT), "a journal left in place left the file whole");
  /* only state A's run decides on state A's journal, but for an append
   * that never reached its end, cut back to its start by any run (the
   * journal is read as the SDK reads it: its first 159 bytes) */
  if ((choices & 4) && !(choices & 2))
    {
      g_autofree char *head = g_strndup (text->str, MIN (text->len, 159));
      guint64 jdev, jino, from = 0, to = 0;
      gboolean torn = sscanf (head, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                              " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
                              &jdev, &jino, &from, &to) == 4
                      && to > strlen (CONTENT);

      FUZZ_CHECK (len == strlen (CONTENT) || (torn && len == from),
                  "another state's journal cut the file, and not as an unfinished append");
    }
  g_unlink (journal);
  g_unlink (target);
  g_rmdir (dir);
  return 0;
}
