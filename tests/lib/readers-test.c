/* readers-test.c: helpers shared by the reader suites (readers-test.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "readers-test.h"

ReadResult
read_source (const GalleyStageClass *klass, const char *const *params)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (klass, params, &error);
  ReadResult r = { NULL, NULL };

  ck_assert_msg (h != NULL, "create: %s", error ? error->message : "?");
  r.rejects = g_ptr_array_new_with_free_func (g_free);
  r.docs = galley_harness_read_all (h, r.rejects, &error);
  ck_assert_msg (r.docs != NULL, "read: %s", error ? error->message : "?");
  return r;
}

void
read_result_clear (ReadResult *r)
{
  g_clear_pointer (&r->docs, g_ptr_array_unref);
  g_clear_pointer (&r->rejects, g_ptr_array_unref);
}

const char *
doc_meta (GalleyDocument *doc, const char *key)
{
  return galley_document_get_meta (doc, key);
}

const char *
doc_meta_json (GalleyDocument *doc, const char *key)
{
  const GalleyValue *v = galley_document_get_meta_value (doc, key);

  if (v == NULL || v->type != GALLEY_VALUE_JSON)
    return NULL;
  return v->v.s;
}

void
write_big_file (const char *path, const char *head, const char *repeat,
                const char *tail, gsize size)
{
  FILE *f = fopen (path, "w");
  gsize written = 0;

  ck_assert_ptr_nonnull (f);
  fputs (head, f);
  while (written <= size)
    {
      fputs (repeat, f);
      written += strlen (repeat);
    }
  fputs (tail, f);
  fclose (f);
}

ReadResult
read_generated (const GalleyStageClass *klass, const char *name, const char *data,
                gssize len, const char *extra, char **path)
{
  g_autofree char *dir = g_dir_make_tmp ("readers-XXXXXX", NULL);
  g_autofree char *file = NULL;
  g_autofree char *path_kv = NULL;
  const char *params[] = { NULL, extra, NULL };
  ReadResult r;

  ck_assert_ptr_nonnull (dir);
  file = g_build_filename (dir, name, NULL);
  ck_assert (g_file_set_contents (file, data, len, NULL));
  path_kv = g_strconcat ("path=", file, NULL);
  params[0] = path_kv;
  r = read_source (klass, params);
  g_unlink (file);
  g_rmdir (dir);
  if (path)
    *path = g_steal_pointer (&file);
  return r;
}

char *
repeated (const char *s, guint n)
{
  GString *out = g_string_sized_new (strlen (s) * n);

  for (guint i = 0; i < n; i++)
    g_string_append (out, s);
  return g_string_free (out, FALSE);
}

void
assert_generated_rejected (const GalleyStageClass *klass, const char *name,
                           const char *data, const char *extra, const char *reason)
{
  g_autofree char *path = NULL;
  g_autofree char *want = NULL;
  ReadResult r = read_generated (klass, name, data, -1, extra, &path);

  want = g_strconcat (path, reason, NULL);
  ck_assert_uint_eq (r.docs->len, 0);
  ck_assert_uint_eq (r.rejects->len, 1);
  ck_assert_str_eq (REJECT (&r, 0), want);
  read_result_clear (&r);
}

glong
read_rejected_in_child (const GalleyStageClass *klass, const char *name,
                        const char *data, const char *extra, const char *reason)
{
  struct rusage usage;
  int status = 0;
  pid_t pid = fork ();

  ck_assert_int_ge (pid, 0);
  if (pid == 0)
    {
      char *path = NULL;
      ReadResult r = read_generated (klass, name, data, -1, extra, &path);
      char *want = g_strconcat (path, reason, NULL);
      gboolean ok;

      ok = r.docs->len == 0 && r.rejects->len == 1 && strcmp (REJECT (&r, 0), want) == 0;
      if (!ok)
        fprintf (stderr, "read %u documents, %u rejects, the first \"%s\"; wanted \"%s\"\n",
                 r.docs->len, r.rejects->len, r.rejects->len ? REJECT (&r, 0) : "", want);
      /* freed by hand: _exit runs no cleanup, and valgrind checks the
       * child for leaks too */
      read_result_clear (&r);
      g_free (want);
      g_free (path);
      _exit (ok ? 0 : 1);
    }
  ck_assert_int_eq (waitpid (pid, &status, 0), pid);
  ck_assert_msg (WIFEXITED (status), "the reader was killed by signal %d",
                 WIFSIGNALED (status) ? WTERMSIG (status) : 0);
  ck_assert_int_eq (WEXITSTATUS (status), 0);
  ck_assert_int_eq (getrusage (RUSAGE_CHILDREN, &usage), 0);
  return usage.ru_maxrss;
}

char *
read_outcome (const GalleyStageClass *klass, const char *name, const char *data,
              gssize len, const char *extra)
{
  g_autofree char *path = NULL;
  ReadResult r = read_generated (klass, name, data, len, extra, &path);
  GString *out = g_string_new (NULL);
  g_auto (GStrv) parts = NULL;

  for (guint i = 0; i < r.docs->len; i++)
    {
      const char *text = galley_document_get_text (DOC (&r, i), NULL);
      const char *title = doc_meta (DOC (&r, i), "title");

      ck_assert (g_utf8_validate (text, -1, NULL));
      g_string_append_printf (out, "%s%s%s%s%s: %s", out->len ? "\n" : "",
                              galley_document_get_id (DOC (&r, i)), title ? " (" : "",
                              title ? title : "", title ? ")" : "", text);
    }
  for (guint i = 0; i < r.rejects->len; i++)
    g_string_append_printf (out, "%s! %s", out->len ? "\n" : "", REJECT (&r, i));
  read_result_clear (&r);
  /* the file's path, a new temporary one each time, reads FILE */
  parts = g_strsplit (out->str, path, -1);
  g_string_free (out, TRUE);
  return g_strjoinv ("FILE", parts);
}

void
assert_random_files_give_one_outcome (const GalleyStageClass *klass, const char *name,
                                      const char *binary, const char *other)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240315);

  for (guint round = 0; round < 20; round++)
    {
      char data[512];
      g_autofree char *got = NULL;

      for (guint i = 0; i < sizeof data; i++)
        data[i] = (char) g_rand_int_range (rand, 0, 256);
      got = read_outcome (klass, name, data, sizeof data, NULL);
      ck_assert_msg (strcmp (got, binary) == 0 || g_str_has_prefix (got, other),
                     "round %u gave %s", round, got);
      ck_assert_ptr_null (strchr (got, '\n'));
    }
}

void
read_every_prefix (const GalleyStageClass *klass, const char *path, gsize stride)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *data = NULL;
  gsize len = 0;

  ck_assert (g_file_get_contents (path, &data, &len, NULL));
  for (gsize cut = 0; cut <= len; cut += stride)
    {
      g_autofree char *got = read_outcome (klass, name, data, cut, NULL);
      ck_assert_ptr_nonnull (got);
    }
}

void
assert_missing_path_fails_at_first_read (const GalleyStageClass *klass, const char *pattern)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *param = g_strdup_printf ("path=%s", pattern);
  g_autofree char *want = g_strdup_printf ("%s: no such file or no matching files", pattern);
  const char *params[] = { param, NULL };
  GalleyHarness *h = galley_harness_new (klass, params, &error);

  ck_assert_ptr_nonnull (h);
  ck_assert_ptr_null (galley_harness_read_all (h, NULL, &error));
  ck_assert (g_error_matches (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO));
  ck_assert_str_eq (error->message, want);
  galley_harness_free (h);
}
