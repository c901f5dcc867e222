/* fuzz-common.h: what every fuzz target in tests/fuzz shares: the entry
 * points libFuzzer (or replay-main.c) calls, a scratch file for readers
 * that read files, and the invariant checks that turn a wrong answer into
 * a crash the fuzzer reports.
 *
 * A target defines LLVMFuzzerTestOneInput() and, when it has expensive
 * set-up (a registry, a stage with its built-in lexicons), does it once
 * in LLVMFuzzerInitialize(); the others use FUZZ_PLAIN_INITIALIZE.
 * Every check aborts: a fuzzer only notices what crashes, so "the
 * tokenizer made a span past the end of the text" has to be a crash to
 * be found. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <galley/galley.h>
#include <galley/galley-harness.h>

G_BEGIN_DECLS

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* FUZZ_PLAIN_INITIALIZE: defines LLVMFuzzerInitialize() for a target
 * whose only set-up is fuzz_init(). */
#define FUZZ_PLAIN_INITIALIZE \
  int \
  LLVMFuzzerInitialize (int *argc, char ***argv) \
  { \
    fuzz_init (); \
    return 0; \
  }

/* FUZZ_CHECK: aborts with the condition's text and @fmt's message when
 * @cond is false. */
#define FUZZ_CHECK(cond, ...) \
  do { \
    if (G_UNLIKELY (!(cond))) \
      fuzz_fail (__FILE__, __LINE__, #cond, __VA_ARGS__); \
  } while (0)

G_NORETURN void fuzz_fail (const char *file, int line, const char *cond,
                           const char *fmt, ...) G_GNUC_PRINTF (4, 5);

/* fuzz_init: quiets GLib's log output (a reader warns about every bad
 * item, and a fuzzer feeds it nothing else) and sets a UTF-8 locale. */
void fuzz_init (void);

/* fuzz_scratch_path: a file name private to this process, in /dev/shm
 * when it exists (no disk I/O per input), named after @suffix (".xml",
 * ".html": some readers look at the extension). The same path on every
 * call with the same @suffix. */
const char *fuzz_scratch_path (const char *suffix);

/* fuzz_write_scratch: @data (@size bytes) into fuzz_scratch_path
 * (@suffix), replacing what was there. Returns the path. */
const char *fuzz_write_scratch (const char *suffix, const uint8_t *data,
                                size_t size);

/* fuzz_read_scratch: the whole of fuzz_scratch_path (@suffix), or NULL
 * when it does not exist. */
char *fuzz_read_scratch (const char *suffix, gsize *len);

/* fuzz_check_document: the invariants every document must keep: an id
 * and text that are valid UTF-8 with no NUL before their end; every span
 * of every layer with start <= end <= the text's length, both ends on a
 * UTF-8 character boundary, spans in order of their start; metadata and
 * string features valid UTF-8. */
void fuzz_check_document (GalleyDocument *doc);

/* fuzz_check_annotations: the invariants of the default chain's layers
 * when present: tokens do not overlap; every token lies inside exactly
 * one sentence and sentences do not overlap; entity spans do not
 * overlap. */
void fuzz_check_annotations (GalleyDocument *doc);

/* fuzz_check_json: @text (@len bytes) is valid UTF-8 and parses as JSON
 * (json-glib); @what names it in the failure message. */
void fuzz_check_json (const char *text, gssize len, const char *what);

/* fuzz_take_string: the next string of a fuzz input cut into fields:
 * the bytes up to the next NUL (or the end), advancing *@data and
 * *@size past it. Valid UTF-8 or not, as the input had it. */
char *fuzz_take_string (const uint8_t **data, size_t *size);




/* fuzz_read_through: writes @data to the scratch file of @suffix and
 * reads it with a new @klass source whose "path" is that file and whose
 * other parameters are @params (may be NULL); checks every document it
 * makes with fuzz_check_document(). Rejections and a fatal error are
 * the answer to bad input, not failures. */
void fuzz_read_through (const GalleyStageClass *klass, const char *suffix,
                        const char *const *params, const uint8_t *data,
                        size_t size);



/* fuzz_chain_with_file: writes @data to the scratch file of @suffix and
 * builds a harness: @before (may be NULL: the tokenizer, for a stage
 * that needs tokens), then @klass with "@key=FILE" and @extra (may be
 * NULL). NULL when @klass refuses the file, after checking that its
 * message names the file. */
GalleyHarness *fuzz_chain_with_file (const GalleyStageClass *before,
                                     const GalleyStageClass *klass,
                                     const char *key, const char *suffix,
                                     const char *extra, const uint8_t *data,
                                     size_t size);

/* fuzz_run_first_line: runs "Yesterday LINE said so in Paris." through
 * @h, LINE being @data up to its first tab or newline with invalid UTF-8
 * repaired, and checks the document and its annotations. */
void fuzz_run_first_line (GalleyHarness *h, const uint8_t *data, size_t size);

G_END_DECLS
