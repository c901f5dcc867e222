/* readers-test.h: helpers shared by the reader suites (tests/read-feed,
 * tests/read-html). They are built once, into tests/lib's library; only
 * fixture() is defined here, since TEST_SRCDIR is the directory of the
 * suite that includes this header. */
#pragma once

#include <check.h>
#include <galley/galley.h>

/* Result of reading a whole source: its documents and reject messages. */
typedef struct {
  GPtrArray *docs;     /* GalleyDocument * */
  GPtrArray *rejects;  /* char * */
} ReadResult;

/* read_source: builds @klass with @params (NULL-terminated "k=v") and reads
 * everything; fails the test on a fatal error. */
ReadResult read_source (const GalleyStageClass *klass, const char *const *params);
void read_result_clear (ReadResult *r);

/* fixture: TEST_SRCDIR "/" @rel, a file of the calling suite's
 * directory. (transfer full) */
static inline char *
fixture (const char *rel)
{
  return g_build_filename (TEST_SRCDIR, rel, NULL);
}

/* doc_meta: metadata @key of @doc as text ("" when a JSON value), or NULL. */
const char *doc_meta (GalleyDocument *doc, const char *key);

/* doc_meta_json: metadata @key of @doc as its JSON text, or NULL. */
const char *doc_meta_json (GalleyDocument *doc, const char *key);

/* write_big_file: @head, then @repeat until more than @size bytes, then
 * @tail, into @path: input over a max-bytes limit. */
void write_big_file (const char *path, const char *head, const char *repeat,
                     const char *tail, gsize size);

/* read_generated: writes @data (@len bytes, -1: NUL-terminated) to a new
 * temporary directory as @name, reads it with @klass (and @extra, "k=v" or
 * NULL), removes both; the file's path goes to @path (may be NULL). */
ReadResult read_generated (const GalleyStageClass *klass, const char *name,
                           const char *data, gssize len, const char *extra,
                           char **path);

/* assert_generated_rejected: reads @data as in read_generated() and
 * checks it gave no document and the one reject "PATH@reason". */
void assert_generated_rejected (const GalleyStageClass *klass, const char *name,
                                const char *data, const char *extra,
                                const char *reason);

/* read_rejected_in_child: as assert_generated_rejected(), in a child
 * process; fails the test unless the child exits cleanly with the one
 * reject expected. Returns: the largest resident set of any child of the
 * test so far, in KiB (getrusage RUSAGE_CHILDREN): call it once a test. */
glong read_rejected_in_child (const GalleyStageClass *klass, const char *name,
                              const char *data, const char *extra,
                              const char *reason);

/* read_outcome: reads @data as read_generated() does and sums up what
 * came out, one line each: "ID: TEXT" ("ID (TITLE): TEXT" when it has a
 * title) for every document (whose text is checked to be valid UTF-8),
 * then "! MESSAGE" for every reject; the file's path is written FILE.
 * (transfer full) */
char *read_outcome (const GalleyStageClass *klass, const char *name,
                    const char *data, gssize len, const char *extra);

/* assert_random_files_give_one_outcome: reads 20 files of 512 random
 * bytes (a fixed seed) named @name; each must give the reject @binary,
 * or one line of outcome starting with @other. */
void assert_random_files_give_one_outcome (const GalleyStageClass *klass,
                                           const char *name, const char *binary,
                                           const char *other);

/* read_every_prefix: reads the first 0, @stride, 2 @stride... bytes of
 * the file @path, each as a file of its own: the test fails if one
 * crashes or gives text that is not UTF-8. */
void read_every_prefix (const GalleyStageClass *klass, const char *path, gsize stride);

/* repeated: @s @n times over. (transfer full) */
char *repeated (const char *s, guint n);

#define DOC(r, i) ((GalleyDocument *) g_ptr_array_index ((r)->docs, (i)))
#define REJECT(r, i) ((const char *) g_ptr_array_index ((r)->rejects, (i)))

/* assert_missing_path_fails_at_first_read: @klass with path=@pattern (a
 * glob under a directory that does not exist) is built, since `galley
 * validate` only warns about such a glob, and its first read fails with
 * GALLEY_STAGE_ERROR_IO "PATTERN: no such file or no matching files". */
void assert_missing_path_fails_at_first_read (const GalleyStageClass *klass,
                                              const char *pattern);
