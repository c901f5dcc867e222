/* cmd-train.c: `galley train STAGE ARGS` and `galley eval STAGE ARGS`.
 *
 * Training and scoring belong to the stage, not to the core: a stage
 * that can be trained installs a helper program galley-STAGE beside the
 * plugins' helpers ($(pkglibexecdir); in the build tree, the plugin's
 * own directory) and this command runs it as `galley-STAGE train|eval
 * ARGS`. The core so includes no plugin header and loads no plugin code
 * for it; the helper links the stage's code as a pipeline runs it, and
 * its options and messages are its own. An exec and not a plugin symbol
 * because training wants the tokenizer as well, a JSON reader and
 * minutes of one process: a program is the simplest owner of all that.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "runner.h"

static char *
helper_path (const char *stage)
{
  g_autofree char *name = g_strconcat ("galley-", stage, NULL);

  if (galley_running_uninstalled ())
    return g_build_filename (GALLEY_BUILD_DIR, "plugins", stage, name, NULL);
  return g_build_filename (GALLEY_LIBEXEC_DIR, name, NULL);
}

/* the stages whose plugins ship a helper */
static const char *const trainable[] = { "entity-tagger", NULL };

/* no_helper: the message for a stage without its helper at @path: a
 * stage that has none (sentiment), a typo of one that has, or a broken
 * installation, which alone is worth the path */
static int
no_helper (const char *verb, const char *stage, const char *path)
{
  const char *done = strcmp (verb, "train") == 0 ? "trained" : "scored";
  const char *best = galley_suggest (stage, trainable);
  g_autofree char *can = g_strjoinv (", ", (char **) trainable);

  if (g_strv_contains (trainable, stage))
    return galley_fail (GALLEY_EXIT_USAGE, "stage '%s' cannot be %s: its helper %s is "
                        "missing (is Galley fully installed?)", stage, done, path);
  if (best != NULL)
    return galley_fail (GALLEY_EXIT_USAGE, "stage '%s' cannot be %s; did you mean '%s'?",
                        stage, done, best);
  return galley_fail (GALLEY_EXIT_USAGE, "stage '%s' cannot be %s (stages that can: %s)",
                      stage, done, can);
}

static int
run_helper (const char *verb, int argc, char **argv)
{
  g_autofree char *path = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new ();

  if (argc < 2 || argv[1][0] == '-')
    {
      fprintf (stderr, "Usage: galley %s STAGE [OPTION...]\n"
                       "Stages that can be %s: entity-tagger.\n"
                       "'galley %s entity-tagger --help' lists its options.\n",
               verb, strcmp (verb, "train") == 0 ? "trained" : "scored", verb);
      return GALLEY_EXIT_USAGE;
    }
  if (strchr (argv[1], '/') != NULL)
    return galley_fail (GALLEY_EXIT_USAGE, "'%s' is not a stage name", argv[1]);
  path = helper_path (argv[1]);
  if (!g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return no_helper (verb, argv[1], path);
  g_ptr_array_add (args, path);
  g_ptr_array_add (args, (char *) verb);
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);
  fflush (NULL);
  execv (path, (char **) args->pdata);
  return galley_fail (GALLEY_EXIT_IO, "cannot run %s: %s", path, g_strerror (errno));
}

int
galley_cmd_train (int argc, char **argv)
{
  return run_helper ("train", argc, argv);
}

int
galley_cmd_eval (int argc, char **argv)
{
  return run_helper ("eval", argc, argv);
}
