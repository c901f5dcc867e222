/* commands.h: the subcommands of galley(1) and what they share. */
#pragma once

#include <glib.h>

#include "registry.h"

G_BEGIN_DECLS

/* Options every subcommand takes. */
typedef struct {
  char *plugin_path;
  gboolean quiet;
  gboolean verbose;
} GalleyCommonOptions;

extern GalleyCommonOptions galley_common;

/* galley_common_entries: --plugin-path, --quiet, --verbose. */
const GOptionEntry *galley_common_entries (void);

/* galley_make_registry: a registry over the search path of DESIGN.md. */
GalleyRegistry *galley_make_registry (void);

/* galley_parse_options: parses @argv with @entries plus the common ones;
 * on error prints it with the usage hint and returns FALSE. */
gboolean galley_parse_options (const char *command, const char *parameter_string,
                               const char *summary, const GOptionEntry *entries,
                               int *argc, char ***argv);

/* galley_fail: prints "galley: error: MESSAGE" and returns @status. */
int galley_fail (int status, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

int galley_cmd_run (int argc, char **argv);
int galley_cmd_validate (int argc, char **argv);
int galley_cmd_plugins (int argc, char **argv);
int galley_cmd_inspect (int argc, char **argv);
int galley_cmd_state (int argc, char **argv);
int galley_cmd_train (int argc, char **argv);
int galley_cmd_eval (int argc, char **argv);

G_END_DECLS
