/* main.c: galley(1): dispatch to the subcommands, and what they share. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "galley-locale-private.h"

#include "cmd-new-plugin.h"
#include "commands.h"
#include "log.h"
#include "runner.h"

GalleyCommonOptions galley_common;

static const GOptionEntry common_entries[] = {
  { "plugin-path", 'P', 0, G_OPTION_ARG_STRING, &galley_common.plugin_path,
    "Look for plugins in these directories first (colon-separated)", "DIRS" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &galley_common.quiet,
    "Print nothing unless something failed", NULL },
  { "verbose", 'v', 0, G_OPTION_ARG_NONE, &galley_common.verbose,
    "Print informational and debug messages", NULL },
  { NULL }
};

const GOptionEntry *
galley_common_entries (void)
{
  return common_entries;
}

int
galley_fail (int status, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  fprintf (stderr, "galley: error: %s\n", msg);
  return status;
}

GalleyRegistry *
galley_make_registry (void)
{
  GalleyRegistry *registry = galley_registry_new ();

  galley_registry_add_default_dirs (registry, galley_common.plugin_path);
  return registry;
}

/* takes_value: whether short option @c of @entries needs a value. */
static gboolean
takes_value (const GOptionEntry *entries, char c)
{
  for (const GOptionEntry *e = entries; e && e->long_name; e++)
    if (e->short_name == c)
      return e->arg != G_OPTION_ARG_NONE;
  return FALSE;
}

/* The vector split_attached_values made, and the option names it cut
 * off ("-j"), for as long as the process runs (static, so that
 * LeakSanitizer sees them however GOption moves the pointers about). */
static GPtrArray *split_vector;
static char split_names[128][3];

/* split_attached_values: "-j2" and "-e'...'" become "-j" "2" and "-e"
 * "...". GOption only takes a short option's value from the next
 * argument, so "galley run -j2 news.pipeline" took "news.pipeline" as
 * the number of jobs ("Cannot parse integer value"), where make(1) and
 * most tools accept both spellings. Grouped flags ("-qv") and anything
 * after "--" are left alone. */
static void
split_attached_values (const GOptionEntry *entries, int *argc, char ***argv)
{
  GPtrArray *out = NULL;
  gboolean options_ended = FALSE;

  for (int i = 1; i < *argc; i++)
    {
      const char *a = (*argv)[i];
      gboolean split;

      if (strcmp (a, "--") == 0)
        options_ended = TRUE;
      split = !options_ended && a[0] == '-' && a[1] != '-' && a[1] != '\0'
              && a[2] != '\0'
              && (takes_value (entries, a[1]) || takes_value (common_entries, a[1]));
      if (split && out == NULL)
        {
          out = g_ptr_array_new ();
          for (int k = 0; k < i; k++)
            g_ptr_array_add (out, (*argv)[k]);
        }
      if (split)
        {
          char *name = split_names[(guchar) a[1] & 0x7f];

          name[0] = '-';
          name[1] = a[1];
          g_ptr_array_add (out, name);
          g_ptr_array_add (out, (char *) a + 2);
        }
      else if (out)
        g_ptr_array_add (out, (char *) a);
    }
  if (out == NULL)
    return;
  *argc = out->len;
  g_ptr_array_add (out, NULL);
  split_vector = out;
  *argv = (char **) out->pdata;
}

gboolean
galley_parse_options (const char *command, const char *parameter_string,
                      const char *summary, const GOptionEntry *entries,
                      int *argc, char ***argv)
{
  g_autofree char *prgname = g_strdup_printf ("galley %s", command);
  g_autoptr (GOptionContext) ctx = g_option_context_new (parameter_string);
  g_autoptr (GError) error = NULL;

  g_set_prgname (prgname);  /* "Usage: galley run [OPTION…] [FILE]" */
  g_option_context_set_summary (ctx, summary);
  if (entries)
    g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_main_entries (ctx, common_entries, NULL);
  split_attached_values (entries, argc, argv);
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      fprintf (stderr, "galley %s: %s\nTry 'galley %s --help'.\n", command,
               error->message, command);
      return FALSE;
    }
  galley_log_init (galley_common.quiet ? GALLEY_LOG_QUIET
                   : galley_common.verbose ? GALLEY_LOG_VERBOSE : GALLEY_LOG_NORMAL);
  return TRUE;
}

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "run", galley_cmd_run, "Run a pipeline file, or an inline pipeline with -e" },
  { "validate", galley_cmd_validate, "Check a pipeline without processing a document" },
  { "plugins", galley_cmd_plugins, "List the plugins found, and those that failed to load" },
  { "inspect", galley_cmd_inspect, "Describe a stage: parameters, layers, threading" },
  { "new-plugin", galley_cmd_new_plugin, "Write a ready plugin project from the template" },
  { "state", galley_cmd_state, "Show what a state file holds (the articles already done)" },
  { "train", galley_cmd_train, "Train a stage's model on annotated documents (entity-tagger)" },
  { "eval", galley_cmd_eval, "Score a stage on annotated documents (entity-tagger)" },
  { NULL, NULL, NULL }
};

static void
usage (FILE *out)
{
  fprintf (out, "Usage: galley COMMAND [OPTION...]\n\n"
                "Galley processes news articles through pipelines of plugins.\n\n"
                "Commands:\n");
  for (const Command *c = commands; c->name; c++)
    fprintf (out, "  %-12s %s\n", c->name, c->summary);
  fprintf (out, "\nOptions:\n"
                "  --version    Print the version and the plugin ABI\n"
                "  --help       Print this help\n\n"
                "'galley COMMAND --help' describes each command; galley(1) has the rest.\n");
}

/* The words other tools use for a command (git, cargo, spaCy, GStreamer's
 * tools): no typo of ours, so the edit distance does not find them. */
static const struct {
  const char *word;
  const char *command;
} command_synonyms[] = {
  { "check", "validate" }, { "lint", "validate" }, { "verify", "validate" },
  { "list", "plugins" }, { "ls", "plugins" },
  { "describe", "inspect" }, { "info", "inspect" }, { "show", "inspect" },
  { "new", "new-plugin" }, { "init", "new-plugin" }, { "create", "new-plugin" },
  { "status", "state" },
  { "evaluate", "eval" }, { "score", "eval" },
};

/* unknown_command: one line naming @name and, for a typo or another
 * tool's word, the command meant; the whole usage only when nothing is
 * close (a cron mail should say what went wrong, not list every
 * command) */
static void
unknown_command (const char *name)
{
  const char *names[G_N_ELEMENTS (commands)];
  const char *best = NULL;
  guint n = 0;

  for (const Command *c = commands; c->name; c++)
    names[n++] = c->name;
  names[n] = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (command_synonyms) && best == NULL; i++)
    if (g_ascii_strcasecmp (name, command_synonyms[i].word) == 0)
      best = command_synonyms[i].command;
  if (best == NULL)
    best = galley_suggest (name, names);
  if (best)
    {
      fprintf (stderr, "galley: unknown command '%s'; did you mean '%s'? (galley --help lists "
               "the commands)\n", name, best);
      return;
    }
  fprintf (stderr, "galley: unknown command '%s'\n", name);
  usage (stderr);
}

/* hold_standard_fds: puts /dev/null on whichever of descriptors 0, 1
 * and 2 is closed, the wrong way round (write-only for input, read-only
 * for output), so that using one fails with EBADF as it did, but no file
 * the run opens can take its number. Started with `2>&-`, the first file
 * opened (export-jsonl's output) was descriptor 2, and every warning of
 * the run went into it as a line of the JSON Lines; with `>&-`, the
 * summary of --summary=json did. */
static void
hold_standard_fds (void)
{
  for (int fd = 0; fd <= 2; fd++)
    if (fcntl (fd, F_GETFD) < 0 && errno == EBADF)
      {
        int null = open ("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);

        if (null >= 0 && null != fd)
          {
            dup2 (null, fd);
            close (null);
          }
      }
}

int
main (int argc, char **argv)
{
  hold_standard_fds ();
  /* With jobs > 1 the reader thread allocates the documents (in its own
   * malloc arena) and the calling thread frees them once written; the
   * reader's arena, finding more than the default 128 KiB free at its
   * top, gave those pages back to the kernel batch after batch and took
   * them again with a page fault each. A million 10-byte documents,
   * default pipeline, -j 2: 805,000 minor faults and 0.9-1.2 s of system
   * time (of 2.7-3.2 s wall); with 8 MiB kept, 3,100 faults, 0.2-0.3 s,
   * the same maximum resident size (18 MB). 1 MiB was not enough (640,000
   * faults). Memory in use is still bounded by the runner's window; this
   * only bounds what an idle arena keeps. */
  mallopt (M_TRIM_THRESHOLD, 8 * 1024 * 1024);
  /* Each thread but the first has its own malloc arena, a heap that glibc
   * (2.36) makes accessible a little at a time, one mprotect() call each
   * time it grows past its largest size yet: 1,463-1,802 calls in a run of
   * the default pipeline, -j 2, on the news file five times over, each
   * taking the process's memory map for writing (the other threads' page
   * faults wait) and, on a paravirtualised machine, flushing the other
   * core's TLB. With 16 MiB of padding a heap is made accessible in
   * larger steps: 37 calls; sysmalloc() 66-72 -> 0-1 of about 8,300
   * cpu-clock samples at 5 kHz, the kernel 567-656 -> 394-530 (three
   * alternated runs each, load 4.5-4.7); page faults 5,605-6,744 ->
   * 5,038-6,339 with -j 2 and 3,541-3,545 -> 2,871-2,876 with one job
   * (the main arena's top, padded too, is trimmed less often). Untouched
   * padding costs address space, not memory: the maximum resident size
   * 28.2-28.4 -> 29.8-29.9 MB with -j 2, 17.7-17.8 -> 18.6 MB with one
   * job. 4 MiB left 343 calls. CPU time: see docs/performance.md, the
   * eighteenth round. */
  mallopt (M_TOP_PAD, 16 * 1024 * 1024);
  _galley_setlocale ();  /* the plain C locale taken as C.UTF-8 */
  g_set_prgname ("galley");
  if (argc < 2)
    {
      usage (stderr);
      return GALLEY_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "-V") == 0)
    {
      printf ("galley %s (plugin ABI %d.%d)\n", VERSION, GALLEY_ABI_MAJOR, GALLEY_ABI_MINOR);
      return GALLEY_EXIT_OK;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0)
    {
      usage (stdout);
      return GALLEY_EXIT_OK;
    }
  for (const Command *c = commands; c->name; c++)
    if (strcmp (argv[1], c->name) == 0)
      return c->run (argc - 1, argv + 1);
  unknown_command (argv[1]);
  return GALLEY_EXIT_USAGE;
}
