/* log.h: where galley's messages go.
 *
 * On a terminal: stderr, plain. Without one: the systemd journal with
 * structured fields (GALLEY_PIPELINE, GALLEY_STAGE, GALLEY_DOCUMENT) when
 * it is there, and warnings and errors on stderr too, so that cron mails
 * them; otherwise stderr. --quiet hides everything below a warning;
 * --verbose adds info and debug messages. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GALLEY_LOG_QUIET = -1,
  GALLEY_LOG_NORMAL = 0,
  GALLEY_LOG_VERBOSE = 1,
} GalleyLogLevel;

void galley_log_init (GalleyLogLevel level);

/* galley_log_set_pipeline: the pipeline named in structured fields. */
void galley_log_set_pipeline (const char *name);

/* galley_log_to_terminal: whether stderr is a terminal. */
gboolean galley_log_to_terminal (void);

/* galley_log_messages_on_stderr: whether messages below a warning reach
 * stderr (FALSE when they go to the journal only). */
gboolean galley_log_messages_on_stderr (void);

G_END_DECLS
