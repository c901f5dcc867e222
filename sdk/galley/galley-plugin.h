/**
 * SECTION:galley-plugin
 * @title: Plugins and stages
 * @short_description: stage classes and the plugin descriptor
 *
 * A plugin is a shared object (a libtool module) that exports one constant
 * GalleyPluginDescriptor, declared with GALLEY_PLUGIN_DEFINE, under the
 * symbol "galley_plugin_" + the module's file name with '-' turned to '_'
 * (tokenizer.so -> galley_plugin_tokenizer). The descriptor lists the
 * stage classes the module provides.
 *
 * Lifecycle of a stage instance, as the runner drives it:
 * |[
 *   create(params) -> read* | process* | write* -> commit -> free
 * ]|
 * or, when the run aborts: ... -> discard -> free.
 *
 * Threads: create, commit, discard and free run on the main thread. A
 * source's read and a sink's write run on one thread, in input order. A
 * filter's process runs on worker threads: with GALLEY_STAGE_THREAD_SAFE
 * one instance is shared by every worker (so process must not change the
 * instance), without it each worker gets an instance of its own.
 */
#pragma once

#include <glib.h>
#include <galley/galley-version.h>
#include <galley/galley-document.h>
#include <galley/galley-params.h>

G_BEGIN_DECLS

/**
 * GalleyStageKind:
 * @GALLEY_STAGE_SOURCE: makes documents: read
 * @GALLEY_STAGE_FILTER: annotates documents: process
 * @GALLEY_STAGE_SINK: writes documents out and passes them on: write
 *
 * What a stage does, and so which of its functions the runner calls.
 */
typedef enum {
  GALLEY_STAGE_SOURCE = 1,
  GALLEY_STAGE_FILTER,
  GALLEY_STAGE_SINK,
} GalleyStageKind;

/**
 * GalleyStageFlags:
 * @GALLEY_STAGE_THREAD_SAFE: one instance of the filter is shared by every
 *   worker (its process must not change the instance)
 *
 * Flags of a #GalleyStageClass.
 */
typedef enum {
  GALLEY_STAGE_THREAD_SAFE = 1 << 0,
} GalleyStageFlags;

/**
 * GalleyReadStatus:
 * @GALLEY_READ_OK: *doc holds a new document
 * @GALLEY_READ_END: the input is exhausted
 * @GALLEY_READ_SKIP: one input item was bad (error set: name the file and
 *   line or item); the run counts it as rejected and reads on. *doc may
 *   hold a stub document (id, origin) for the rejects file.
 * @GALLEY_READ_ERROR: reading cannot go on (error set)
 * @GALLEY_READ_IDLE: since ABI 1.1: a following source (follow=true) has
 *   nothing new for now; *doc stays NULL and no error is set. Return it
 *   about once a second while waiting, so that the runner can checkpoint,
 *   notice a stop request and ping the service watchdog, then call read
 *   again. A source that does not follow never returns it.
 *
 * What a source's read returns.
 */
typedef enum {
  GALLEY_READ_OK,
  GALLEY_READ_END,
  GALLEY_READ_SKIP,
  GALLEY_READ_ERROR,
  GALLEY_READ_IDLE,
} GalleyReadStatus;

/**
 * GalleyCheckpointStatus:
 * @GALLEY_CHECKPOINT_DONE: what the sink wrote so far is durable, and it
 *   goes on taking writes
 * @GALLEY_CHECKPOINT_AT_END: this instance publishes only at the end (a
 *   file in replace mode): the runner asks it no more, and the state
 *   records documents only when the run commits
 * @GALLEY_CHECKPOINT_FAILED: the error is set; the run fails as on a
 *   failed commit
 *
 * What a sink's checkpoint function did. Since: 1.1
 */
typedef enum {
  GALLEY_CHECKPOINT_DONE,
  GALLEY_CHECKPOINT_AT_END,
  GALLEY_CHECKPOINT_FAILED,
} GalleyCheckpointStatus;

/**
 * GalleyStageClass:
 * @name: unique: "tokenizer", "read-jsonl"
 * @kind: source, filter or sink
 * @description: one line
 * @params: (nullable): the parameter table, terminated by a NULL name; may
 *   be NULL
 * @requires: (nullable): layer names, NULL-terminated; may be NULL
 * @produces: (nullable): layer names, NULL-terminated; may be NULL
 * @flags: #GalleyStageFlags
 * @create: a new instance from checked params (valid only during the
 *   call: copy what you keep). NULL with the error set on failure: a bad
 *   parameter combination is %GALLEY_PIPELINE_ERROR_BAD_VALUE naming the
 *   parameter, a file that cannot be opened %GALLEY_STAGE_ERROR_IO naming
 *   the file. The instance is the stage's until free.
 * @read: SOURCE: the next document in *doc, transfer full to the runner
 *   (see #GalleyReadStatus).
 * @process: FILTER: annotate the document (borrowed: do not keep it after
 *   returning). FALSE with the error set (%GALLEY_STAGE_ERROR) rejects the
 *   document; the runner decides whether the run goes on.
 * @write: SINK: write the document (borrowed). FALSE with the error set
 *   rejects it.
 * @commit: make everything written durable (rename the temporary file,
 *   commit the transaction). May be NULL.
 * @discard: the run is aborted; drop uncommitted output. May be NULL.
 * @free: release the instance; called once per instance, last (after
 *   commit or discard when the run got that far).
 * @modifies: (nullable): since ABI 1.1: layers the stage changes in place
 *   when a document has them (adds span features to, say), without
 *   requiring them; NULL-terminated, may be NULL. A stage that modifies a
 *   layer must run after the stage that produces it, or the producer
 *   replaces the change.
 * @reads_optional: (nullable): since ABI 1.1: layers the stage reads when
 *   present and does without otherwise; NULL-terminated, may be NULL.
 *   `galley validate` refuses an order where a later stage produces one of
 *   them: it would never be seen. Layers the stage cannot do without
 *   belong in @requires.
 * @acknowledge: SOURCE, since ABI 1.1, may be NULL: every document this
 *   source has produced so far is durable (every sink committed it and
 *   the state recorded it), at a checkpoint or at the end of a run that
 *   committed. A source that must remember what it consumed (a queue to
 *   acknowledge, a feed's ETag, a spool file to move away) does it here,
 *   not earlier: a run that dies before this call redoes those documents.
 *   Never called for a run that committed nothing (an abort, a read
 *   error). FALSE with the error set fails the run (exit 4) after the
 *   outputs are committed.
 * @checkpoint: SINK, since ABI 1.1, may be NULL (then
 *   %GALLEY_CHECKPOINT_AT_END): called at each checkpoint (checkpoint= in
 *   [pipeline], --checkpoint, --follow), on the main thread while no write
 *   runs. Make what was written so far durable as commit does, and keep
 *   taking writes; commit still comes at the end. See
 *   #GalleyCheckpointStatus.
 * @position: SOURCE, since ABI 1.1, may be NULL: how far the source is
 *   through its input, in bytes: *position of *total. Called on the
 *   reading thread after each read, so keep it to a few loads. FALSE when
 *   the total is not known (standard input, a following source): the
 *   progress line then shows no total and no ETA.
 *
 * A stage: what it is, what it reads and writes, and its functions. The
 * core reads the fields marked "since ABI 1.1" from plugins of minor 1 or
 * later only: in an older plugin the slots were padding.
 */
typedef struct _GalleyStageClass GalleyStageClass;

struct _GalleyStageClass {
  const char *name;
  GalleyStageKind kind;
  const char *description;
  const GalleyParamSpec *params;
  const char *const *requires;
  const char *const *produces;
  guint flags;

  gpointer (*create) (const GalleyParams *params, GError **error);
  GalleyReadStatus (*read) (gpointer self, GalleyDocument **doc,
                            GError **error);
  gboolean (*process) (gpointer self, GalleyDocument *doc, GError **error);
  gboolean (*write) (gpointer self, GalleyDocument *doc, GError **error);
  gboolean (*commit) (gpointer self, GError **error);
  void (*discard) (gpointer self);
  void (*free) (gpointer self);

  const char *const *modifies;
  const char *const *reads_optional;
  gboolean (*acknowledge) (gpointer self, GError **error);
  GalleyCheckpointStatus (*checkpoint) (gpointer self, GError **error);
  gboolean (*position) (gpointer self, guint64 *position, guint64 *total);

  /*< private >*/
  gpointer padding[3];
};

/**
 * GalleyPluginDescriptor:
 * @abi_major: %GALLEY_ABI_MAJOR at compile time
 * @abi_minor: %GALLEY_ABI_MINOR at compile time
 * @name: must equal the module's file name
 * @version: the plugin's version
 * @license: the plugin's license
 * @description: one line
 * @stages: the stage classes, NULL-terminated
 * @init: optional, called once after loading; FALSE with the error set
 *   refuses the plugin (a data file missing, say).
 *
 * What a module exports: declare it with GALLEY_PLUGIN_DEFINE().
 */
typedef struct {
  guint32 abi_major;
  guint32 abi_minor;
  const char *name;
  const char *version;
  const char *license;
  const char *description;
  const GalleyStageClass *const *stages;
  gboolean (*init) (GError **error);
} GalleyPluginDescriptor;

/**
 * GALLEY_PLUGIN_SYMBOL_PREFIX:
 *
 * The start of a descriptor's symbol; the module's file name with '-'
 * turned to '_' follows.
 */
#define GALLEY_PLUGIN_SYMBOL_PREFIX "galley_plugin_"

/**
 * GALLEY_EXPORT:
 *
 * Makes a symbol visible outside the module (the descriptor is the one
 * symbol a plugin exports).
 */
#if defined(__GNUC__)
#define GALLEY_EXPORT __attribute__ ((visibility ("default")))
#else
#define GALLEY_EXPORT
#endif

/**
 * GALLEY_PLUGIN_DEFINE:
 * @symbol: the module's file name with '-' as '_' (read_feed for read-feed.so)
 * @name_: the module's file name as a string ("read-feed")
 * @version_: a string
 * @license_: a string
 * @description_: a string
 * @stages_: a NULL-terminated array of const GalleyStageClass pointers
 * @init_: an init function or NULL
 *
 * Defines the module's #GalleyPluginDescriptor, exported, with the ABI
 * version of the SDK it is compiled against.
 */
#define GALLEY_PLUGIN_DEFINE(symbol, name_, version_, license_, description_, stages_, init_) \
  GALLEY_EXPORT const GalleyPluginDescriptor galley_plugin_##symbol = { \
    .abi_major = GALLEY_ABI_MAJOR, \
    .abi_minor = GALLEY_ABI_MINOR, \
    .name = name_, \
    .version = version_, \
    .license = license_, \
    .description = description_, \
    .stages = stages_, \
    .init = init_, \
  }

/**
 * galley_stage_kind_to_string:
 * @kind: a stage kind
 *
 * The name of a stage kind, for messages and `galley inspect`.
 *
 * Returns: "source", "filter", "sink"; a static string.
 */
const char *galley_stage_kind_to_string (GalleyStageKind kind);

/**
 * galley_run_is_stopping:
 *
 * Whether the run has been asked to stop (SIGTERM, SIGINT or SIGHUP:
 * galley(1)). A stage that waits in a loop of its own (a sink that
 * reconnects to its server and retries for up to a minute) checks it
 * between short waits and gives up when it is set, failing with
 * %GALLEY_STAGE_ERROR_IO: the run then ends as interrupted, at once,
 * instead of after the wait. Galley wakes only the thread that reads from
 * a blocking call; a sink runs on another thread when the run has
 * workers, and would otherwise wait on.
 *
 * Returns: %TRUE once a stop has been requested.
 *
 * Since: 1.6
 */
gboolean galley_run_is_stopping (void);

G_END_DECLS
