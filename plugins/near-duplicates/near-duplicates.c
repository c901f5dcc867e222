/* near-duplicates.c: the "near-duplicates" stage class.
 *
 * A document whose text is at least threshold= similar (estimated Jaccard
 * similarity of its word shingles, minhash.h) to an indexed document of
 * the last window= is a copy: it gets dup.of (the id of that first
 * document) and dup.similarity, or is dropped with action=drop. Any other
 * document with enough words is indexed as the first of a new group.
 *
 * One instance serves every worker (GALLEY_STAGE_THREAD_SAFE), so that
 * every document is compared with every other: the index sits behind a
 * mutex, held for a lookup and an insert (a few microseconds; hashing
 * the text happens outside it). With more than one job, of two copies
 * processed at the same moment either may become the first.
 *
 * index=PATH keeps the index across runs (dup-store.c): loaded in create
 * without the entries older than the window, written in commit in one
 * transaction, never in discard, so an aborted or killed run leaves the
 * file as the last committed run left it.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "dup-index.h"
#include "dup-store.h"
#include "minhash.h"
#include "near-duplicates.h"

typedef enum { ACTION_MARK, ACTION_DROP } Action;

typedef struct {
  /* A pthread mutex, not a GMutex: GLib builds GMutex on raw futex calls
   * that ThreadSanitizer cannot see, so with two jobs every access of the
   * index from two workers read as a data race in a --enable-tsan build
   * (tests/near-duplicates/threads.sh runs it there). */
  pthread_mutex_t lock;
  DupIndex *index;    /* behind lock */
  DupStore *store;    /* NULL without index= */
  guint first_new;    /* entries from here on are not in the file yet */
  gint64 now;         /* seconds; the run's clock, read once */
  gint64 window;      /* seconds */
  double threshold;
  guint shingle;
  Action action;
} NearDuplicates;

static const char *const actions[] = { "mark", "drop", NULL };

static const GalleyParamSpec params[] = {
  { "threshold", GALLEY_PARAM_DOUBLE, "0.5", 0.05, 1, NULL,
    "estimated Jaccard similarity of word shingles from which a document "
    "is a copy of an earlier one", 0 },
  { "action", GALLEY_PARAM_CHOICE, "mark", 0, 0, actions,
    "mark: set dup.of and dup.similarity on copies; drop: drop them", 0 },
  { "window", GALLEY_PARAM_STRING, "7d", 0, 0, NULL,
    "how far back copies are looked for: N followed by s, m, h or d; "
    "older index entries are evicted", 0 },
  { "index", GALLEY_PARAM_PATH, NULL, 0, 0, NULL,
    "SQLite file that keeps the index across runs (written at commit); "
    "none: this run's documents only", 0 },
  { "shingle", GALLEY_PARAM_INT, "3", 1, MINHASH_MAX_SHINGLE, NULL,
    "words per shingle; documents with fewer words are never compared", 0 },
  { NULL, 0, NULL, 0, 0, NULL, NULL, 0 }
};

/* window_seconds: "7d", "12h", "1h30m", "3600" as whole seconds (the
 * SDK's duration syntax, as for every other duration), or -1 when it is
 * not a duration of at least one second. */
static gint64
window_seconds (const char *s)
{
  double seconds;

  if (!galley_parse_duration (s, &seconds) || seconds < 1)
    return -1;
  return (gint64) seconds;
}

static void
near_duplicates_free (gpointer data)
{
  NearDuplicates *self = data;

  if (self == NULL)
    return;
  dup_store_free (self->store);
  dup_index_free (self->index);
  pthread_mutex_destroy (&self->lock);
  g_free (self);
}

static gpointer
near_duplicates_create (const GalleyParams *p, GError **error)
{
  NearDuplicates *self = g_new0 (NearDuplicates, 1);
  const char *window = galley_params_get_string (p, "window");
  const char *path = galley_params_get_path (p, "index");
  g_autofree char *settings = NULL;

  pthread_mutex_init (&self->lock, NULL);
  self->index = dup_index_new ();
  self->threshold = galley_params_get_double (p, "threshold");
  self->action = galley_params_get_choice_index (p, "action");
  self->shingle = galley_params_get_int (p, "shingle");
  self->now = g_get_real_time () / G_USEC_PER_SEC;
  self->window = window_seconds (window);
  if (self->window < 0)
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                   "parameter 'window': '%s' is not a duration (a positive number "
                   "followed by s, m, h or d: 7d, 12h)", window);
      goto fail;
    }
  if (path != NULL)
    {
      settings = minhash_settings (self->shingle);
      self->store = dup_store_open (path, settings, error);
      if (self->store == NULL
          || !dup_store_load (self->store, self->index, self->now - self->window, error))
        goto fail;
      self->first_new = dup_index_get_n (self->index);
    }
  return self;

fail:
  near_duplicates_free (self);
  return NULL;
}

static gboolean
near_duplicates_process (gpointer data, GalleyDocument *doc, GError **error)
{
  NearDuplicates *self = data;
  const char *id = galley_document_get_id (doc);
  gsize len;
  const char *text = galley_document_get_text (doc, &len);
  guint8 sig[MINHASH_K];
  double similarity = 0;
  g_autofree char *first = NULL;
  gint e;

  if (!minhash_signature (text, len, self->shingle, sig))
    return TRUE;  /* too short to tell a copy from a coincidence */

  pthread_mutex_lock (&self->lock);
  e = dup_index_find (self->index, sig, self->now - self->window, self->threshold, &similarity);
  if (e >= 0 && strcmp (dup_index_get_id (self->index, e), id) != 0)
    first = g_strdup (dup_index_get_id (self->index, e));
  else if (e < 0)
    dup_index_add (self->index, id, self->now, sig);
  /* else: the document itself, indexed by an earlier run (a re-run after
   * a crash between this commit and the state's): not a copy */
  pthread_mutex_unlock (&self->lock);

  if (first == NULL)
    return TRUE;
  if (self->action == ACTION_DROP)
    {
      g_autofree char *reason = g_strdup_printf ("copy of '%s' (similarity %.2f)",
                                                 first, similarity);
      galley_document_drop (doc, reason);
      return TRUE;
    }
  galley_document_set_feature_string (doc, GALLEY_FEATURE_DUP_OF, first);
  galley_document_set_feature_double (doc, GALLEY_FEATURE_DUP_SIMILARITY, similarity);
  return TRUE;
}

static gboolean
near_duplicates_commit (gpointer data, GError **error)
{
  NearDuplicates *self = data;

  gboolean ok;

  if (self->store == NULL)
    return TRUE;
  /* the lookups read rows back on the same connection (dup-store.c) */
  pthread_mutex_lock (&self->lock);
  ok = dup_store_commit (self->store, self->index, self->first_new,
                         self->now - self->window, error);
  if (ok)
    self->first_new = dup_index_get_n (self->index);
  pthread_mutex_unlock (&self->lock);
  return ok;
}

const GalleyStageClass galley_near_duplicates_stage = {
  .name = "near-duplicates",
  .kind = GALLEY_STAGE_FILTER,
  .description = "Marks or drops copies of earlier stories (MinHash of word shingles, LSH)",
  .params = params,
  .flags = GALLEY_STAGE_THREAD_SAFE,
  .create = near_duplicates_create,
  .process = near_duplicates_process,
  .commit = near_duplicates_commit,
  .free = near_duplicates_free,
};
