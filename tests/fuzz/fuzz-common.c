/* fuzz-common.c: scratch files and invariant checks for the fuzz
 * targets (see fuzz-common.h). */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "fuzz-common.h"

void
fuzz_fail (const char *file, int line, const char *cond, const char *fmt, ...)
{
  va_list ap;

  fprintf (stderr, "%s:%d: invariant broken: %s: ", file, line, cond);
  va_start (ap, fmt);
  vfprintf (stderr, fmt, ap);
  va_end (ap);
  fputc ('\n', stderr);
  abort ();
}

static void
drop_log (const char *domain, GLogLevelFlags level, const char *message,
          gpointer data)
{
  /* criticals still crash: a g_return_if_fail tripped by input is a bug */
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      fprintf (stderr, "%s: %s\n", domain ? domain : "", message);
      abort ();
    }
}

void
fuzz_init (void)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_log_set_default_handler (drop_log, NULL);
}

const char *
fuzz_scratch_path (const char *suffix)
{
  static GHashTable *paths;
  char *path;

  if (paths == NULL)
    paths = g_hash_table_new (g_str_hash, g_str_equal);
  path = g_hash_table_lookup (paths, suffix);
  if (path == NULL)
    {
      const char *dir = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR)
                        && access ("/dev/shm", W_OK) == 0 ? "/dev/shm" : g_get_tmp_dir ();
      char name[64];

      g_snprintf (name, sizeof name, "galley-fuzz-%d%s", (int) getpid (), suffix);
      path = g_build_filename (dir, name, NULL);
      g_hash_table_insert (paths, g_strdup (suffix), path);
    }
  return path;
}

const char *
fuzz_write_scratch (const char *suffix, const uint8_t *data, size_t size)
{
  const char *path = fuzz_scratch_path (suffix);
  FILE *f = fopen (path, "wb");

  FUZZ_CHECK (f != NULL, "cannot write %s", path);
  FUZZ_CHECK (size == 0 || fwrite (data, 1, size, f) == size, "short write to %s", path);
  FUZZ_CHECK (fclose (f) == 0, "cannot close %s", path);
  return path;
}

char *
fuzz_read_scratch (const char *suffix, gsize *len)
{
  char *text = NULL;

  if (!g_file_get_contents (fuzz_scratch_path (suffix), &text, len, NULL))
    return NULL;
  return text;
}

static void
check_utf8 (const char *s, gssize len, const char *what)
{
  const char *end;

  FUZZ_CHECK (g_utf8_validate_len (s, len < 0 ? strlen (s) : (gsize) len, &end),
              "%s: invalid UTF-8 at byte %td", what, end - s);
}

static gboolean
on_boundary (const char *text, gsize len, guint32 offset)
{
  /* a continuation byte (10xxxxxx) never starts a character */
  return offset == len || ((guchar) text[offset] & 0xC0) != 0x80;
}

static void
check_value (const GalleyValue *v, const char *what)
{
  if (v->type == GALLEY_VALUE_STRING || v->type == GALLEY_VALUE_JSON)
    check_utf8 (v->v.s, -1, what);
  if (v->type == GALLEY_VALUE_JSON)
    fuzz_check_json (v->v.s, -1, what);
}

static void
check_layer (GalleyLayer *layer, const char *text, gsize len)
{
  const char *name = galley_layer_get_name (layer);
  guint n;
  const GalleySpan *spans = galley_layer_get_spans (layer, &n);

  for (guint i = 0; i < n; i++)
    {
      const GalleySpan *s = &spans[i];

      FUZZ_CHECK (s->start <= s->end && s->end <= len,
                  "layer %s span %u: [%u, %u) outside the text (%zu bytes)",
                  name, i, s->start, s->end, len);
      FUZZ_CHECK (on_boundary (text, len, s->start) && on_boundary (text, len, s->end),
                  "layer %s span %u: [%u, %u) cuts a UTF-8 character", name, i,
                  s->start, s->end);
      FUZZ_CHECK (i == 0 || spans[i - 1].start <= s->start,
                  "layer %s span %u starts before span %u", name, i, i - 1);
    }
  for (guint k = 0; k < galley_layer_get_n_feature_keys (layer); k++)
    for (guint i = 0; i < n; i++)
      {
        const GalleyValue *v = galley_layer_get_feature_nth (layer, i, k);

        if (v)
          check_value (v, galley_layer_get_feature_key (layer, k));
      }
}

void
fuzz_check_document (GalleyDocument *doc)
{
  gsize len;
  const char *text = galley_document_get_text (doc, &len);

  FUZZ_CHECK (galley_document_get_id (doc) != NULL, "a document without an id");
  check_utf8 (galley_document_get_id (doc), -1, "document id");
  check_utf8 (text, len, "document text");
  FUZZ_CHECK (memchr (text, 0, len) == NULL, "NUL byte inside the document text");
  FUZZ_CHECK (text[len] == '\0', "document text not NUL-terminated");
  for (guint i = 0; i < galley_document_get_n_meta (doc); i++)
    {
      const GalleyValue *v;
      const char *key = galley_document_get_meta_nth (doc, i, &v);

      check_utf8 (key, -1, "metadata key");
      check_value (v, key);
    }
  for (guint i = 0; i < galley_document_get_n_features (doc); i++)
    {
      const GalleyValue *v;
      const char *key = galley_document_get_feature_nth (doc, i, &v);

      check_utf8 (key, -1, "feature key");
      check_value (v, key);
    }
  for (guint i = 0; i < galley_document_get_n_layers (doc); i++)
    check_layer (galley_document_get_layer_nth (doc, i), text, len);
}

static void
check_disjoint (GalleyLayer *layer)
{
  guint n;
  const GalleySpan *s = galley_layer_get_spans (layer, &n);

  for (guint i = 1; i < n; i++)
    FUZZ_CHECK (s[i - 1].end <= s[i].start, "layer %s: span %u [%u, %u) overlaps span %u [%u, %u)",
                galley_layer_get_name (layer), i - 1, s[i - 1].start, s[i - 1].end,
                i, s[i].start, s[i].end);
}

void
fuzz_check_annotations (GalleyDocument *doc)
{
  GalleyLayer *tokens = galley_document_get_layer (doc, GALLEY_LAYER_TOKEN);
  GalleyLayer *sentences = galley_document_get_layer (doc, GALLEY_LAYER_SENTENCE);
  GalleyLayer *entities = galley_document_get_layer (doc, GALLEY_LAYER_ENTITY);
  guint nt = 0, ns = 0;
  const GalleySpan *t = tokens ? galley_layer_get_spans (tokens, &nt) : NULL;
  const GalleySpan *s = sentences ? galley_layer_get_spans (sentences, &ns) : NULL;

  if (tokens)
    check_disjoint (tokens);
  if (sentences)
    {
      check_disjoint (sentences);
      /* both lists are sorted: walk them together */
      for (guint i = 0, j = 0; i < nt; i++)
        {
          while (j < ns && s[j].end <= t[i].start && !(s[j].start == t[i].start))
            j++;
          FUZZ_CHECK (j < ns && s[j].start <= t[i].start && t[i].end <= s[j].end,
                      "token %u [%u, %u) is in no sentence", i, t[i].start, t[i].end);
        }
    }
  if (entities)
    check_disjoint (entities);
}

void
fuzz_check_json (const char *text, gssize len, const char *what)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  check_utf8 (text, len, what);
  FUZZ_CHECK (json_parser_load_from_data (parser, text, len, &error),
              "%s: not JSON: %s", what, error->message);
  /* json-glib takes blank text for a document without a value */
  FUZZ_CHECK (json_parser_get_root (parser) != NULL, "%s: blank, not JSON", what);
}

char *
fuzz_take_string (const uint8_t **data, size_t *size)
{
  const uint8_t *nul = memchr (*data, 0, *size);
  size_t n = nul ? (size_t) (nul - *data) : *size;
  char *s = g_strndup ((const char *) *data, n);

  *data += nul ? n + 1 : n;
  *size -= nul ? n + 1 : n;
  return s;
}

void
fuzz_read_through (const GalleyStageClass *klass, const char *suffix,
                   const char *const *params, const uint8_t *data, size_t size)
{
  const char *path = fuzz_write_scratch (suffix, data, size);
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = NULL;
  g_autoptr (GPtrArray) docs = NULL;
  g_autoptr (GPtrArray) rejects = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (all, g_strconcat ("path=", path, NULL));
  for (guint i = 0; params && params[i]; i++)
    g_ptr_array_add (all, g_strdup (params[i]));
  g_ptr_array_add (all, NULL);
  h = galley_harness_new (klass, (const char *const *) all->pdata, &error);
  FUZZ_CHECK (h != NULL, "%s: create: %s", klass->name, error->message);
  docs = galley_harness_read_all (h, rejects, &error);
  if (docs == NULL)
    {
      FUZZ_CHECK (error != NULL, "%s: read_all failed without an error", klass->name);
      check_utf8 (error->message, -1, "error message");
      return;
    }
  for (guint i = 0; i < rejects->len; i++)
    check_utf8 (rejects->pdata[i], -1, "rejection message");
  for (guint i = 0; i < docs->len; i++)
    fuzz_check_document (docs->pdata[i]);
}

GalleyHarness *
fuzz_chain_with_file (const GalleyStageClass *before, const GalleyStageClass *klass,
                      const char *key, const char *suffix, const char *extra,
                      const uint8_t *data, size_t size)
{
  const char *path = fuzz_write_scratch (suffix, data, size);
  g_autofree char *param = g_strconcat (key, "=", path, NULL);
  const char *params[] = { param, extra, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = NULL;
  gboolean ok;

  if (before)
    {
      h = galley_harness_new (before, NULL, &error);
      FUZZ_CHECK (h != NULL, "%s: %s", before->name, error->message);
      ok = galley_harness_add (h, klass, params, &error);
    }
  else
    ok = (h = galley_harness_new (klass, params, &error)) != NULL;
  if (!ok)
    {
      check_utf8 (error->message, -1, "error message");
      FUZZ_CHECK (strstr (error->message, path) != NULL,
                  "%s refused %s without naming it: %s", klass->name, key, error->message);
      return NULL;
    }
  return g_steal_pointer (&h);
}

void
fuzz_run_first_line (GalleyHarness *h, const uint8_t *data, size_t size)
{
  size_t n = 0;
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyDocument) doc = NULL;

  while (n < size && data[n] != '\t' && data[n] != '\n')
    n++;
  line = g_utf8_make_valid ((const char *) data, n);
  text = g_strdup_printf ("Yesterday %s said so in Paris.", line);
  doc = galley_harness_run_text (h, text, &error);
  FUZZ_CHECK (doc != NULL, "rejected: %s", error->message);
  fuzz_check_document (doc);
  fuzz_check_annotations (doc);
}
