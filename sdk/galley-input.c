/* galley-input.c: finding and reading input files for readers. */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <galley/galley-error.h>
#include <galley/galley-input.h>

#include "galley-input-private.h"

#include "galley-private.h"

static gboolean
has_suffix (const char *name, const char *const *suffixes)
{
  if (suffixes == NULL)
    return TRUE;
  for (const char *const *s = suffixes; *s; s++)
    if (g_str_has_suffix (name, *s))
      return TRUE;
  return FALSE;
}

static gboolean
is_glob (const char *s)
{
  return strpbrk (s, "*?[") != NULL;
}

/* walk: adds the regular files under @dir (recursively) to @out, until
 * it holds @limit. */
static void
walk (const char *dir, const char *const *suffixes, GPtrArray *out, guint limit)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while (out->len < limit && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;

      if (name[0] == '.')
        continue;
      path = g_build_filename (dir, name, NULL);
      /* Links to directories are not followed: a link back up the tree
       * would list every file again, once per path through the links. */
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK))
            walk (path, suffixes, out, limit);
        }
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR) && has_suffix (name, suffixes))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

/* matches: whether the file name @name matches the glob component
 * @pattern. fnmatch(3), not GPatternSpec: GPatternSpec knows only * and ?,
 * and took "a[12].txt" for a literal name. FNM_PERIOD keeps a leading '.'
 * from matching a wildcard or a bracket class; a '[' without its ']' is
 * an ordinary character; '\\' quotes the next character. */
static gboolean
matches (const char *pattern, const char *name)
{
  return fnmatch (pattern, name, FNM_PATHNAME | FNM_PERIOD) == 0;
}

/* glob_walk: matches @pattern component by component from @base. */
static void
glob_walk (const char *base, char **parts, const char *const *suffixes,
           GPtrArray *out, guint limit)
{
  g_autoptr (GDir) d = NULL;
  const char *name;

  if (parts[0] == NULL)
    {
      if (g_file_test (base, G_FILE_TEST_IS_DIR))
        walk (base, suffixes, out, limit);
      else if (g_file_test (base, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (out, g_strdup (base));
      return;
    }
  if (parts[0][0] == '\0')
    {
      glob_walk (base, parts + 1, suffixes, out, limit);
      return;
    }
  if (!is_glob (parts[0]))
    {
      g_autofree char *next = g_build_filename (base, parts[0], NULL);
      if (g_file_test (next, G_FILE_TEST_EXISTS))
        glob_walk (next, parts + 1, suffixes, out, limit);
      return;
    }
  d = g_dir_open (base, 0, NULL);
  if (d == NULL)
    return;
  while (out->len < limit && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *next = NULL;

      if (!matches (parts[0], name))
        continue;
      next = g_build_filename (base, name, NULL);
      if (parts[1] == NULL && g_file_test (next, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (out, g_steal_pointer (&next));  /* the glob chose it */
      else if (g_file_test (next, G_FILE_TEST_IS_DIR))
        glob_walk (next, parts + 1, suffixes, out, limit);
    }
}

/* names_existing_directory: TRUE when @pattern is a directory, or a glob
 * whose directory part (before the first wildcard) is one. An empty spool
 * is then no input, not an error: a cron run over it must not fail. */
static gboolean
names_existing_directory (const char *pattern)
{
  const char *wild = strpbrk (pattern, "*?[");
  g_autofree char *dir = NULL;
  const char *slash;

  if (wild == NULL)
    return g_file_test (pattern, G_FILE_TEST_IS_DIR);
  for (slash = wild; slash > pattern && *slash != G_DIR_SEPARATOR; slash--)
    ;
  if (slash == pattern)
    dir = g_strdup (*pattern == G_DIR_SEPARATOR ? "/" : ".");
  else
    dir = g_strndup (pattern, slash - pattern);
  return g_file_test (dir, G_FILE_TEST_IS_DIR);
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

char **
galley_input_expand (const char *pattern, const char *const *suffixes,
                     GError **error)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  if (strcmp (pattern, "-") == 0)
    g_ptr_array_add (out, g_strdup ("-"));
  else if (is_glob (pattern))
    {
      g_auto (GStrv) parts = g_strsplit (pattern, G_DIR_SEPARATOR_S, -1);
      glob_walk (g_path_is_absolute (pattern) ? "/" : ".", parts, suffixes, out, G_MAXUINT);
    }
  else if (g_file_test (pattern, G_FILE_TEST_IS_DIR))
    walk (pattern, suffixes, out, G_MAXUINT);
  else if (g_file_test (pattern, G_FILE_TEST_EXISTS))
    g_ptr_array_add (out, g_strdup (pattern));

  if (out->len == 0 && !names_existing_directory (pattern))
    {
      /* "path=https://..." is a likely slip: the readers that fetch take
       * URLs in a parameter of their own */
      const char *scheme = g_uri_peek_scheme (pattern);  /* interned */
      gboolean is_url = scheme != NULL && strstr (pattern, "://") != NULL;

      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: no such file or no matching files%s", pattern,
                   is_url ? " (a URL is not a path: read-feed and read-html fetch "
                            "URLs given as url=)" : "");
      g_ptr_array_unref (out);
      return NULL;
    }
  g_ptr_array_sort (out, compare_paths);
  /* "./x" from a relative glob reads better as "x". */
  for (guint i = 0; i < out->len; i++)
    {
      char *p = g_ptr_array_index (out, i);
      if (!g_path_is_absolute (pattern) && g_str_has_prefix (p, "./")
          && !g_str_has_prefix (pattern, "./"))
        memmove (p, p + 2, strlen (p + 2) + 1);
    }
  g_ptr_array_set_free_func (out, NULL);
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

char *
galley_input_read_file (const char *path, gsize max_bytes, gsize *len,
                        GError **error)
{
  gboolean is_stdin = strcmp (path, "-") == 0;
  FILE *f = is_stdin ? stdin : fopen (path, "rb");
  GByteArray *buf;
  guint8 chunk[65536];
  size_t n;

  if (f == NULL)
    {
      int saved = errno;
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: cannot open: %s", path, g_strerror (saved));
      return NULL;
    }
  buf = g_byte_array_new ();
  while ((n = fread (chunk, 1, sizeof chunk, f)) > 0)
    {
      if (max_bytes > 0 && buf->len + n > max_bytes)
        {
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_TOO_LARGE,
                       "%s: larger than max-bytes=%" G_GSIZE_FORMAT,
                       is_stdin ? "<stdin>" : path, max_bytes);
          g_byte_array_unref (buf);
          if (!is_stdin)
            fclose (f);
          return NULL;
        }
      g_byte_array_append (buf, chunk, n);
    }
  if (ferror (f))
    {
      int saved = errno;
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: read error: %s", path, g_strerror (saved));
      g_byte_array_unref (buf);
      if (!is_stdin)
        fclose (f);
      return NULL;
    }
  if (!is_stdin)
    fclose (f);
  if (len)
    *len = buf->len;
  g_byte_array_append (buf, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (buf, FALSE);
}

gboolean
galley_input_looks_binary (const char *data, gsize len)
{
  gsize n = MIN (len, 4096), control = 0;

  for (gsize i = 0; i < n; i++)
    {
      guchar c = (guchar) data[i];
      if (c == 0)
        return TRUE;
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
        control++;
    }
  return n > 0 && control * 10 > n;  /* more than 10% control bytes */
}

gboolean
galley_utf8_make_valid (const char *text, gsize len, GalleyUtf8Policy policy,
                        const char *what, char **out, gsize *out_len,
                        guint *n_replaced, GError **error)
{
  const char *end = NULL;
  GString *fixed;
  guint replaced = 0;

  *out = NULL;
  if (n_replaced)
    *n_replaced = 0;
  if (galley_utf8_validate (text, len, &end))
    return TRUE;
  if (policy == GALLEY_UTF8_REJECT)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: invalid UTF-8 at byte %" G_GSIZE_FORMAT, what,
                   (gsize) (end - text));
      return FALSE;
    }
  /* Copy valid runs; each invalid byte (or NUL) becomes U+FFFD, or its
   * windows-1252 character. Byte by byte, not line by line: a line of
   * JSON that mixes converted and unconverted text keeps both right. */
  fixed = g_string_sized_new (len + 16);
  while (len > 0)
    {
      gsize good;
      gunichar c = 0;
      if (galley_utf8_validate (text, len, &end))
        {
          g_string_append_len (fixed, text, len);
          break;
        }
      good = end - text;
      g_string_append_len (fixed, text, good);
      if (policy == GALLEY_UTF8_WINDOWS_1252)
        c = _galley_windows_1252_char ((guchar) text[good]);
      if (c != 0)
        g_string_append_unichar (fixed, c);
      else
        g_string_append (fixed, "\xEF\xBF\xBD");
      replaced++;
      text += good + 1;
      len -= good + 1;
    }
  if (n_replaced)
    *n_replaced = replaced;
  if (out_len)
    *out_len = fixed->len;
  *out = g_string_free (fixed, FALSE);
  return TRUE;
}

gboolean
_galley_input_glob_matches (const char *pattern)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) parts = g_strsplit (pattern, G_DIR_SEPARATOR_S, -1);

  glob_walk (g_path_is_absolute (pattern) ? "/" : ".", parts, NULL, out, 1);
  return out->len > 0;
}
