/* cmd-new-plugin.c: `galley new-plugin NAME`, a plugin project to start from.
 *
 * The project is sdk/template, compiled into galley as a GResource
 * (cmd-new-plugin.gresource.xml), so the command works wherever galley
 * is installed. The template is a real plugin, built and tested in
 * Galley's own `make check` (tests/template), named "keyword-tagger";
 * writing a project copies its files with that name changed:
 *
 *   keyword-tagger -> NAME      (file names, stage and module names)
 *   keyword_tagger -> SYMBOL    (NAME with '_' for '-': C identifiers)
 *
 * The filter is the template's keyword-tagger itself; for a source or a
 * sink the stage and its test come from sdk/template/kinds/ instead
 * (line-reader, count-writer: named the same way), and the rest of the
 * project (build files, header, descriptor, README) is shared.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cmd-new-plugin.h"

#define RESOURCE_PREFIX "/org/galley/new-plugin/"
#define TEMPLATE_NAME "keyword-tagger"

/* the exit statuses of galley(1) this command uses */
enum {
  EXIT_OK = 0,
  EXIT_USAGE = 2,
  EXIT_IO = 4,
};

/* A file of the template: where it is in the resource, the example name
 * it is written with, and whether it is a script. */
typedef struct {
  const char *resource;
  const char *example;
  gboolean executable;
} TemplateFile;

static const TemplateFile common_files[] = {
  { "README.md", TEMPLATE_NAME, FALSE },
  { "configure.ac", TEMPLATE_NAME, FALSE },
  { "Makefile.am", TEMPLATE_NAME, FALSE },
  { "Makefile.plain", TEMPLATE_NAME, FALSE },
  { "autogen.sh", TEMPLATE_NAME, TRUE },
  { ".gitignore", TEMPLATE_NAME, FALSE },
  { "keyword-tagger.h", TEMPLATE_NAME, FALSE },
  { "keyword-tagger-plugin.c", TEMPLATE_NAME, FALSE },
  { NULL }
};

typedef struct {
  const char *kind;
  TemplateFile files[3];  /* the stage and its test */
} KindFiles;

static const KindFiles kinds[] = {
  { "filter", { { "keyword-tagger.c", TEMPLATE_NAME, FALSE },
                { "test-keyword-tagger.c", TEMPLATE_NAME, FALSE },
                { NULL } } },
  { "source", { { "kinds/source/line-reader.c", "line-reader", FALSE },
                { "kinds/source/test-line-reader.c", "line-reader", FALSE },
                { NULL } } },
  { "sink", { { "kinds/sink/count-writer.c", "count-writer", FALSE },
              { "kinds/sink/test-count-writer.c", "count-writer", FALSE },
              { NULL } } },
};

static int
usage_error (const char *fmt, ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  fprintf (stderr, "galley new-plugin: %s\nTry 'galley new-plugin --help'.\n", msg);
  return EXIT_USAGE;
}

/* valid_name: a module file name that is also a C identifier once '-'
 * is '_': a lower-case letter, then letters, digits and single '-'s
 * (not at the end). Stage names follow the same rule in Galley. */
static gboolean
valid_name (const char *name)
{
  gsize len = strlen (name);

  if (len == 0 || len > 64 || !g_ascii_islower (name[0]) || name[len - 1] == '-')
    return FALSE;
  for (const char *p = name; *p; p++)
    {
      if (*p == '-' && p[1] == '-')
        return FALSE;
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
        return FALSE;
    }
  return TRUE;
}

static char *
to_symbol (const char *name)
{
  return g_strdelimit (g_strdup (name), "-", '_');
}

/* rename_text: @text with the example's names changed to @name's.
 * g_string_replace goes left to right and never rescans what it put in,
 * so a NAME containing the example name is safe. */
static GString *
rename_text (const char *text, gsize len, const char *example, const char *name)
{
  GString *s = g_string_new_len (text, len);
  g_autofree char *example_symbol = to_symbol (example);
  g_autofree char *symbol = to_symbol (name);

  g_string_replace (s, example, name, 0);
  g_string_replace (s, example_symbol, symbol, 0);
  return s;
}

/* dir_is_empty_or_absent: FALSE with a message when @dir has files. */
static gboolean
dir_usable (const char *dir, int *status)
{
  g_autoptr (GDir) d = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_file_test (dir, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      *status = usage_error ("%s exists and is not a directory", dir);
      return FALSE;
    }
  d = g_dir_open (dir, 0, &error);
  if (d == NULL)
    {
      fprintf (stderr, "galley new-plugin: %s\n", error->message);
      *status = EXIT_IO;
      return FALSE;
    }
  if (g_dir_read_name (d) != NULL)
    {
      *status = usage_error ("%s already exists and is not empty", dir);
      return FALSE;
    }
  return TRUE;
}

/* write_file: @file of the template, renamed, into @dir. */
static gboolean
write_file (const TemplateFile *file, const char *name, const char *dir,
            GPtrArray *written, GError **error)
{
  g_autofree char *resource = g_strconcat (RESOURCE_PREFIX, file->resource, NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *base = g_path_get_basename (file->resource);
  g_autoptr (GString) out_name = NULL;
  g_autoptr (GString) text = NULL;
  g_autofree char *path = NULL;
  gsize len;
  const char *data;

  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;  /* a build error: the resource list and the tables differ */
  data = g_bytes_get_data (bytes, &len);
  text = rename_text (data, len, file->example, name);
  out_name = rename_text (base, strlen (base), file->example, name);
  path = g_build_filename (dir, out_name->str, NULL);
  if (!g_file_set_contents (path, text->str, text->len, error))
    return FALSE;
  if (file->executable && g_chmod (path, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot make %s executable: %s", path, g_strerror (saved));
      return FALSE;
    }
  g_ptr_array_add (written, g_string_free (g_steal_pointer (&out_name), FALSE));
  return TRUE;
}

int
galley_cmd_new_plugin (int argc, char **argv)
{
  g_autofree char *kind = NULL;
  g_autofree char *dir = NULL;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind,
      "The kind of stage: filter (default), source or sink", "KIND" },
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir,
      "Write the project into DIR (default: ./NAME); it must be empty or absent", "DIR" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  const KindFiles *files = NULL;
  const char *name;
  int status = EXIT_OK;

  g_set_prgname ("galley new-plugin");
  ctx = g_option_context_new ("NAME");
  g_option_context_set_summary (ctx,
    "Writes a plugin project for a new stage NAME, ready to build against the\n"
    "installed Galley SDK (autotools or plain make), with a Check test suite.");
  g_option_context_set_description (ctx,
    "NAME is the module's file name and the stage's name: lower-case letters,\n"
    "digits and '-', starting with a letter (my-tagger).");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return usage_error ("%s", error->message);

  if (argc < 2)
    return usage_error ("missing the plugin NAME");
  if (argc > 2)
    return usage_error ("unexpected argument '%s'", argv[2]);
  name = argv[1];
  if (!valid_name (name))
    return usage_error ("'%s' is not a valid plugin name: use lower-case letters, "
                        "digits and '-', starting with a letter", name);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kinds[i].kind, kind ? kind : "filter") == 0)
      files = &kinds[i];
  if (files == NULL)
    return usage_error ("--kind must be filter, source or sink, not '%s'", kind);
  if (dir == NULL)
    dir = g_strdup (name);
  if (!dir_usable (dir, &status))
    return status;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;
      fprintf (stderr, "galley new-plugin: cannot create %s: %s\n", dir, g_strerror (saved));
      return EXIT_IO;
    }
  for (const TemplateFile *f = common_files; f->resource; f++)
    if (!write_file (f, name, dir, written, &error))
      goto io_error;
  for (const TemplateFile *f = files->files; f->resource; f++)
    if (!write_file (f, name, dir, written, &error))
      goto io_error;

  printf ("Wrote a %s plugin project for the stage '%s' in %s:\n", files->kind, name, dir);
  for (guint i = 0; i < written->len; i++)
    printf ("  %s\n", (const char *) g_ptr_array_index (written, i));
  printf ("Build and test it with:\n"
          "  cd %s && ./autogen.sh && ./configure && make && make check\n"
          "or, without autotools:\n"
          "  make -f Makefile.plain check\n", dir);
  return EXIT_OK;

io_error:
  fprintf (stderr, "galley new-plugin: %s\n", error->message);
  return EXIT_IO;
}
