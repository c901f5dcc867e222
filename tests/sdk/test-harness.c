/* test-harness.c: GalleyHarness, with three tiny stages defined here: a
 * source that makes one document per line of its text= parameter, a
 * filter that marks capitalised words, and a sink that records what it
 * was given and whether it was committed or discarded. */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>

#include <galley/galley.h>

#include "sdk-test.h"

/* ---- lines: a source ------------------------------------------------ */

typedef struct {
  char **lines;
  guint next;
} Lines;

static const GalleyParamSpec lines_params[] = {
  { .name = "text", .type = GALLEY_PARAM_STRING, .flags = GALLEY_PARAM_REQUIRED,
    .doc = "lines separated by '|'" },
  { NULL }
};

static gpointer
lines_create (const GalleyParams *params, GError **error)
{
  Lines *self = g_new0 (Lines, 1);

  self->lines = g_strsplit (galley_params_get_string (params, "text"), "|", -1);
  return self;
}

/* "BAD" lines are skipped with an error; a "FATAL" line stops reading. */
static GalleyReadStatus
lines_read (gpointer data, GalleyDocument **doc, GError **error)
{
  Lines *self = data;
  const char *line = self->lines[self->next];
  g_autofree char *id = NULL;

  if (line == NULL)
    return GALLEY_READ_END;
  self->next++;
  id = g_strdup_printf ("line-%u", self->next);
  if (strcmp (line, "FATAL") == 0)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "lines: input broken at line %u", self->next);
      return GALLEY_READ_ERROR;
    }
  if (strcmp (line, "BAD") == 0)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "lines: line %u is bad", self->next);
      *doc = galley_document_new (id, "", -1);  /* a stub for the rejects file */
      return GALLEY_READ_SKIP;
    }
  *doc = galley_document_new (id, line, -1);
  return GALLEY_READ_OK;
}

static void
lines_free (gpointer data)
{
  Lines *self = data;

  g_strfreev (self->lines);
  g_free (self);
}

static const GalleyStageClass lines_stage = {
  .name = "lines",
  .kind = GALLEY_STAGE_SOURCE,
  .description = "one document per '|'-separated line",
  .params = lines_params,
  .create = lines_create,
  .read = lines_read,
  .free = lines_free,
};

/* ---- caps: a filter --------------------------------------------------- */

static const GalleyParamSpec caps_params[] = {
  { .name = "type", .type = GALLEY_PARAM_STRING, .default_value = "CAP" },
  { .name = "fail", .type = GALLEY_PARAM_BOOLEAN, .default_value = "false",
    .doc = "fail in create" },
  { NULL }
};

static const char *const caps_produces[] = { "caps", NULL };

static gpointer
caps_create (const GalleyParams *params, GError **error)
{
  if (galley_params_get_boolean (params, "fail"))
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_STAGE,
                   "caps: asked to fail");
      return NULL;
    }
  return GUINT_TO_POINTER (g_quark_from_string (galley_params_get_string (params, "type")));
}

/* Marks every space-separated word starting with an ASCII capital;
 * rejects documents containing "REJECT". */
static gboolean
caps_process (gpointer self, GalleyDocument *doc, GError **error)
{
  GQuark type = GPOINTER_TO_UINT (self);
  gsize len;
  const char *text = galley_document_get_text (doc, &len);
  GalleyLayer *layer;
  gsize i = 0;

  if (strstr (text, "REJECT"))
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "caps: document '%s' asks to be rejected",
                   galley_document_get_id (doc));
      return FALSE;
    }
  layer = galley_document_replace_layer (doc, "caps");
  while (i < len)
    {
      gsize start = i;
      while (i < len && text[i] != ' ')
        i++;
      if (i > start && g_ascii_isupper (text[start]))
        galley_layer_append (layer, start, i, type, 0);
      i++;
    }
  return TRUE;
}

static void
caps_free (gpointer self)
{
}

static const GalleyStageClass caps_stage = {
  .name = "caps",
  .kind = GALLEY_STAGE_FILTER,
  .description = "marks capitalised words",
  .params = caps_params,
  .produces = caps_produces,
  .flags = GALLEY_STAGE_THREAD_SAFE,
  .create = caps_create,
  .process = caps_process,
  .free = caps_free,
};

/* ---- record: a sink --------------------------------------------------- */

static GString *record_log;   /* what every record instance did */

static gpointer
record_create (const GalleyParams *params, GError **error)
{
  return g_strdup ("record");
}

static gboolean
record_write (gpointer self, GalleyDocument *doc, GError **error)
{
  g_string_append_printf (record_log, "write %s;", galley_document_get_id (doc));
  return TRUE;
}

static gboolean
record_commit (gpointer self, GError **error)
{
  g_string_append (record_log, "commit;");
  return TRUE;
}

static void
record_discard (gpointer self)
{
  g_string_append (record_log, "discard;");
}

static void
record_free (gpointer self)
{
  g_string_append (record_log, "free;");
  g_free (self);
}

static const GalleyStageClass record_stage = {
  .name = "record",
  .kind = GALLEY_STAGE_SINK,
  .create = record_create,
  .write = record_write,
  .commit = record_commit,
  .discard = record_discard,
  .free = record_free,
};

/* ---- broken: stages that break the contract -------------------------- */

static const char *const broken_modes[] = {
  "false-without-error", "error-and-true", "ok-without-doc", "error-without-error", NULL
};

static const GalleyParamSpec broken_params[] = {
  { .name = "mode", .type = GALLEY_PARAM_CHOICE, .choices = broken_modes,
    .flags = GALLEY_PARAM_REQUIRED },
  { NULL }
};

static gpointer
broken_create (const GalleyParams *params, GError **error)
{
  return GINT_TO_POINTER (galley_params_get_choice_index (params, "mode") + 1);
}

static gboolean
broken_process (gpointer self, GalleyDocument *doc, GError **error)
{
  if (GPOINTER_TO_INT (self) == 2)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT, "oops");
      return TRUE;
    }
  return FALSE;
}

static GalleyReadStatus
broken_read (gpointer self, GalleyDocument **doc, GError **error)
{
  return GPOINTER_TO_INT (self) == 3 ? GALLEY_READ_OK : GALLEY_READ_ERROR;
}

static void
broken_free (gpointer self)
{
}

static const GalleyStageClass broken_filter = {
  .name = "broken-filter", .kind = GALLEY_STAGE_FILTER, .params = broken_params,
  .create = broken_create, .process = broken_process, .free = broken_free,
};

static const GalleyStageClass broken_source = {
  .name = "broken-source", .kind = GALLEY_STAGE_SOURCE, .params = broken_params,
  .create = broken_create, .read = broken_read, .free = broken_free,
};

static void
setup (void)
{
  record_log = g_string_new (NULL);
}

static void
teardown (void)
{
  g_string_free (record_log, TRUE);
  record_log = NULL;
}

/* ---- tests ------------------------------------------------------------- */

START_TEST (test_run_text_through_filter)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = galley_harness_new (&caps_stage, NULL, &error);
  g_autoptr (GalleyDocument) doc = NULL;
  g_autofree char *dump = NULL;

  ck_assert_ptr_nonnull (h);
  doc = galley_harness_run_text (h, "Storm hits Cork and Galway", &error);
  ck_assert_ptr_nonnull (doc);
  ck_assert_str_eq (galley_document_get_id (doc), "doc-1");
  dump = galley_harness_dump_layer (doc, "caps");
  ck_assert_str_eq (dump, "CAP:Storm|CAP:Cork|CAP:Galway");
}
END_TEST

/* message_to_fd: the child's log handler below: the bare message. */
static void
message_to_fd (const char *domain, GLogLevelFlags level, const char *message,
               gpointer data)
{
  int fd = GPOINTER_TO_INT (data);

  (void) domain;
  (void) level;
  if (write (fd, message, strlen (message)) < 0)
    _exit (3);
}

/* A process that has made a harness checks the text a reader promised
 * was valid, and stops at the first broken promise, naming the document.
 * The call aborts, so it is made in a child of our own (not Check's,
 * which check-valgrind turns off). */
START_TEST (test_harness_checks_new_take_valid_promise)
{
  int fds[2];
  pid_t pid;
  int status;
  char buf[512];
  gssize n;
  GString *got = g_string_new (NULL);

  ck_assert_int_eq (pipe (fds), 0);
  pid = fork ();
  ck_assert_int_ge (pid, 0);
  if (pid == 0)
    {
      GalleyHarness *h;
      GalleyDocument *doc;

      close (fds[0]);
      g_log_set_default_handler (message_to_fd, GINT_TO_POINTER (fds[1]));
      h = galley_harness_new (&caps_stage, NULL, NULL);
      doc = galley_document_new_take_valid ("wire-7", g_strdup ("caf\xe9 au lait"), 12);
      galley_document_free (doc);
      galley_harness_free (h);
      _exit (0);
    }
  close (fds[1]);
  while ((n = read (fds[0], buf, sizeof buf)) > 0)
    g_string_append_len (got, buf, n);
  close (fds[0]);
  ck_assert_int_eq (waitpid (pid, &status, 0), pid);
  ck_assert_msg (WIFSIGNALED (status) && WTERMSIG (status) == SIGABRT,
                 "child status %d", status);
  ck_assert_str_eq (got->str,
                    "galley_document_new_take_valid: the text of document 'wire-7' "
                    "is not valid UTF-8 without NUL (byte 3), which its caller "
                    "promised: call galley_document_new_take(), which checks");
  g_string_free (got, TRUE);
}
END_TEST

/* A valid promise makes the same document under the check. */
START_TEST (test_harness_accepts_kept_new_take_valid_promise)
{
  g_autoptr (GalleyHarness) h = galley_harness_new (&caps_stage, NULL, NULL);
  g_autoptr (GalleyDocument) doc = galley_document_new_take_valid ("w", g_strdup ("Café in Cork"), 13);
  g_autofree char *dump = NULL;

  ck_assert_str_eq (galley_document_get_text (doc, NULL), "Café in Cork");
  ck_assert (galley_harness_run (h, doc, NULL));
  dump = galley_harness_dump_layer (doc, "caps");
  ck_assert_str_eq (dump, "CAP:Café|CAP:Cork");
}
END_TEST

START_TEST (test_params_reach_the_stage)
{
  static const char *const params[] = { "type=GPE", NULL };
  g_autoptr (GalleyHarness) h = galley_harness_new (&caps_stage, params, NULL);
  g_autoptr (GalleyDocument) doc = galley_harness_run_text (h, "in Cork", NULL);
  g_autofree char *dump = galley_harness_dump_layer (doc, "caps");

  ck_assert_str_eq (dump, "GPE:Cork");
}
END_TEST

START_TEST (test_unknown_param_refused)
{
  static const char *const params[] = { "typ=GPE", NULL };
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_harness_new (&caps_stage, params, &error));
  ck_assert (error->domain == GALLEY_PIPELINE_ERROR);
  ck_assert_int_eq (error->code, GALLEY_PIPELINE_ERROR_UNKNOWN_KEY);
  ck_assert_str_eq (error->message, "unknown parameter 'typ'; valid parameters: type, fail");
}
END_TEST

START_TEST (test_param_without_equals_refused)
{
  static const char *const params[] = { "GPE", NULL };
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_harness_new (&caps_stage, params, &error));
  ck_assert_int_eq (error->code, GALLEY_PIPELINE_ERROR_SYNTAX);
  ck_assert_str_eq (error->message, "stage 'caps': expected key=value, got 'GPE'");
}
END_TEST

START_TEST (test_bad_param_value_refused)
{
  static const char *const params[] = { "fail=perhaps", NULL };
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_harness_new (&caps_stage, params, &error));
  ck_assert_str_eq (error->message, "parameter 'fail': expected true or false, got 'perhaps'");
}
END_TEST

START_TEST (test_required_param_missing)
{
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_harness_new (&lines_stage, NULL, &error));
  ck_assert_int_eq (error->code, GALLEY_PIPELINE_ERROR_MISSING);
  ck_assert_str_eq (error->message, "parameter 'text' is required (lines separated by '|')");
}
END_TEST

START_TEST (test_create_error_returned)
{
  static const char *const params[] = { "fail=true", NULL };
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_harness_new (&caps_stage, params, &error));
  ck_assert_int_eq (error->code, GALLEY_PIPELINE_ERROR_STAGE);
  ck_assert_str_eq (error->message, "caps: asked to fail");
}
END_TEST

START_TEST (test_add_error_keeps_harness)
{
  static const char *const bad[] = { "fail=yes", NULL };
  g_autoptr (GalleyHarness) h = galley_harness_new (&caps_stage, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyDocument) doc = NULL;

  ck_assert (!galley_harness_add (h, &caps_stage, bad, &error));
  ck_assert_str_eq (error->message, "caps: asked to fail");
  doc = galley_harness_run_text (h, "Still works", NULL);
  ck_assert_ptr_nonnull (doc);
}
END_TEST

START_TEST (test_run_text_invalid_utf8)
{
  g_autoptr (GalleyHarness) h = galley_harness_new (&caps_stage, NULL, NULL);
  g_autoptr (GError) error = NULL;

  sdk_test_catch_criticals ();
  ck_assert_ptr_null (galley_harness_run_text (h, "caf\xe9", &error));
  sdk_test_release_criticals ();
  ck_assert (error->domain == GALLEY_STAGE_ERROR);
  ck_assert_int_eq (error->code, GALLEY_STAGE_ERROR_INPUT);
  ck_assert_str_eq (error->message, "harness: text is not valid UTF-8");
}
END_TEST

START_TEST (test_run_text_rejected)
{
  g_autoptr (GalleyHarness) h = galley_harness_new (&caps_stage, NULL, NULL);
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_harness_run_text (h, "Please REJECT me", &error));
  ck_assert_int_eq (error->code, GALLEY_STAGE_ERROR_INPUT);
  ck_assert_str_eq (error->message, "caps: document 'doc-1' asks to be rejected");
}
END_TEST

START_TEST (test_run_borrowed_document)
{
  g_autoptr (GalleyHarness) h = galley_harness_new (&caps_stage, NULL, NULL);
  g_autoptr (GalleyDocument) doc = galley_document_new ("mine", "Hello World", -1);
  g_autofree char *dump = NULL;

  ck_assert (galley_harness_run (h, doc, NULL));
  ck_assert (galley_harness_run (h, doc, NULL));  /* replace_layer: no duplicates */
  dump = galley_harness_dump_layer (doc, "caps");
  ck_assert_str_eq (dump, "CAP:Hello|CAP:World");
}
END_TEST

START_TEST (test_chain_filter_then_sink)
{
  static const char *const params[] = { "type=X", NULL };
  GalleyHarness *h = galley_harness_new (&caps_stage, NULL, NULL);
  g_autoptr (GalleyDocument) a = NULL, b = NULL;

  ck_assert (galley_harness_add (h, &caps_stage, params, NULL));
  ck_assert (galley_harness_add (h, &record_stage, NULL, NULL));
  a = galley_harness_run_text (h, "One Two", NULL);
  b = galley_harness_run_text (h, "REJECT", NULL);
  ck_assert_ptr_null (b);
  ck_assert (galley_harness_commit (h, NULL));
  galley_harness_free (h);
  /* the rejected document never reached the sink; commit, no discard */
  ck_assert_str_eq (record_log->str, "write doc-1;commit;free;");
  {
    g_autofree char *dump = galley_harness_dump_layer (a, "caps");
    ck_assert_str_eq (dump, "X:One|X:Two");  /* the second caps replaced the first */
  }
}
END_TEST

START_TEST (test_free_without_commit_discards)
{
  GalleyHarness *h = galley_harness_new (&record_stage, NULL, NULL);
  g_autoptr (GalleyDocument) doc = galley_harness_run_text (h, "x", NULL);

  galley_harness_free (h);
  ck_assert_str_eq (record_log->str, "write doc-1;discard;free;");
}
END_TEST

START_TEST (test_read_all_with_rejects)
{
  static const char *const params[] = { "text=First line|BAD|Second REJECT|Third Line", NULL };
  g_autoptr (GalleyHarness) h = galley_harness_new (&lines_stage, params, NULL);
  g_autoptr (GPtrArray) rejects = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) docs = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *d0 = NULL, *d1 = NULL;

  ck_assert (galley_harness_add (h, &caps_stage, NULL, NULL));
  ck_assert (galley_harness_add (h, &record_stage, NULL, NULL));
  docs = galley_harness_read_all (h, rejects, &error);
  ck_assert_ptr_nonnull (docs);
  ck_assert_uint_eq (docs->len, 2);
  ck_assert_str_eq (galley_document_get_id (g_ptr_array_index (docs, 0)), "line-1");
  ck_assert_str_eq (galley_document_get_id (g_ptr_array_index (docs, 1)), "line-4");
  d0 = galley_harness_dump_layer (g_ptr_array_index (docs, 0), "caps");
  d1 = galley_harness_dump_layer (g_ptr_array_index (docs, 1), "caps");
  ck_assert_str_eq (d0, "CAP:First");
  ck_assert_str_eq (d1, "CAP:Third|CAP:Line");
  ck_assert_uint_eq (rejects->len, 2);
  ck_assert_str_eq (g_ptr_array_index (rejects, 0), "lines: line 2 is bad");
  ck_assert_str_eq (g_ptr_array_index (rejects, 1),
                    "caps: document 'line-3' asks to be rejected");
  ck_assert_str_eq (record_log->str, "write line-1;write line-4;");
}
END_TEST

START_TEST (test_read_all_without_rejects_array)
{
  static const char *const params[] = { "text=a|BAD|b", NULL };
  g_autoptr (GalleyHarness) h = galley_harness_new (&lines_stage, params, NULL);
  g_autoptr (GPtrArray) docs = galley_harness_read_all (h, NULL, NULL);

  ck_assert_uint_eq (docs->len, 2);
}
END_TEST

START_TEST (test_read_all_fatal_error)
{
  static const char *const params[] = { "text=a|FATAL|b", NULL };
  g_autoptr (GalleyHarness) h = galley_harness_new (&lines_stage, params, NULL);
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_harness_read_all (h, NULL, &error));
  ck_assert (error->domain == GALLEY_STAGE_ERROR);
  ck_assert_int_eq (error->code, GALLEY_STAGE_ERROR_IO);
  ck_assert_str_eq (error->message, "lines: input broken at line 2");
}
END_TEST

START_TEST (test_read_all_empty_input)
{
  static const char *const params[] = { "text=", NULL };
  g_autoptr (GalleyHarness) h = galley_harness_new (&lines_stage, params, NULL);
  g_autoptr (GPtrArray) docs = galley_harness_read_all (h, NULL, NULL);

  /* g_strsplit ("", ...) gives no lines */
  ck_assert_uint_eq (docs->len, 0);
}
END_TEST

START_TEST (test_dump_plain_for_token_and_sentence)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("d", "Hi there. Bye.", -1);
  GalleyLayer *tok = galley_document_ensure_layer (doc, GALLEY_LAYER_TOKEN);
  GalleyLayer *sen = galley_document_ensure_layer (doc, GALLEY_LAYER_SENTENCE);
  GQuark word = g_quark_from_static_string ("word");
  g_autofree char *t = NULL, *s = NULL, *tt = NULL;

  galley_layer_append (tok, 0, 2, word, 0);
  galley_layer_append (tok, 3, 8, word, 0);
  galley_layer_append (tok, 8, 9, g_quark_from_static_string ("punct"), 0);
  galley_layer_append (sen, 0, 9, g_quark_from_static_string ("sentence"), 0);
  galley_layer_append (sen, 10, 14, g_quark_from_static_string ("sentence"), 0);
  t = galley_harness_dump_layer (doc, "token");
  s = galley_harness_dump_layer (doc, "sentence");
  tt = galley_harness_dump_typed (doc, "token");
  ck_assert_str_eq (t, "Hi|there|.");
  ck_assert_str_eq (s, "Hi there.|Bye.");
  ck_assert_str_eq (tt, "word:Hi|word:there|punct:.");
}
END_TEST

START_TEST (test_dump_empty_and_missing_layer)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("d", "text", -1);
  g_autofree char *e = NULL;

  galley_document_ensure_layer (doc, "entity");
  e = galley_harness_dump_layer (doc, "entity");
  ck_assert_str_eq (e, "");
  ck_assert_ptr_null (galley_harness_dump_layer (doc, "sentiment"));
  ck_assert_ptr_null (galley_harness_dump_typed (doc, "sentiment"));
}
END_TEST

START_TEST (test_find_span)
{
  g_autoptr (GalleyDocument) doc = galley_document_new ("d", "Paris, Texas and Paris, France", -1);
  GalleyLayer *ent = galley_document_ensure_layer (doc, GALLEY_LAYER_ENTITY);

  galley_layer_append (ent, 0, 12, g_quark_from_static_string ("GPE"), 0);
  galley_layer_append (ent, 17, 22, g_quark_from_static_string ("PERSON"), 0);
  galley_layer_append (ent, 17, 30, g_quark_from_static_string ("GPE"), 0);
  galley_layer_append (ent, 24, 30, g_quark_from_static_string ("GPE"), 0);
  /* sorted: 0-12, 17-30, 17-22, 24-30 */
  ck_assert_int_eq (galley_harness_find_span (doc, "entity", "Paris", NULL), 2);
  ck_assert_int_eq (galley_harness_find_span (doc, "entity", "Paris", "PERSON"), 2);
  ck_assert_int_eq (galley_harness_find_span (doc, "entity", "Paris", "GPE"), -1);
  ck_assert_int_eq (galley_harness_find_span (doc, "entity", "France", "GPE"), 3);
  ck_assert_int_eq (galley_harness_find_span (doc, "entity", "Paris, Texas", NULL), 0);
  ck_assert_int_eq (galley_harness_find_span (doc, "entity", "Texas", NULL), -1);
  ck_assert_int_eq (galley_harness_find_span (doc, "token", "Paris", NULL), -1);
}
END_TEST

static void
assert_broken (const GalleyStageClass *klass, const char *mode, const char *message)
{
  g_autofree char *param = g_strdup_printf ("mode=%s", mode);
  const char *params[] = { param, NULL };
  g_autoptr (GalleyHarness) h = galley_harness_new (klass, params, NULL);
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_nonnull (h);
  if (klass->kind == GALLEY_STAGE_SOURCE)
    ck_assert_ptr_null (galley_harness_read_all (h, NULL, &error));
  else
    ck_assert_ptr_null (galley_harness_run_text (h, "text", &error));
  ck_assert_ptr_nonnull (error);
  ck_assert (error->domain == GALLEY_STAGE_ERROR);
  ck_assert_int_eq (error->code, GALLEY_STAGE_ERROR_FAILED);
  ck_assert_str_eq (error->message, message);
}

START_TEST (test_failure_without_error_is_reported)
{
  assert_broken (&broken_filter, "false-without-error",
                 "stage 'broken-filter': failed without setting an error");
}
END_TEST

START_TEST (test_error_with_success_is_reported)
{
  assert_broken (&broken_filter, "error-and-true",
                 "stage 'broken-filter': set an error but returned TRUE: oops");
}
END_TEST

START_TEST (test_read_ok_without_document_is_reported)
{
  assert_broken (&broken_source, "ok-without-doc",
                 "stage 'broken-source': read returned GALLEY_READ_OK without a document");
}
END_TEST

START_TEST (test_read_error_without_error_is_reported)
{
  assert_broken (&broken_source, "error-without-error",
                 "stage 'broken-source': read failed without setting an error");
}
END_TEST

START_TEST (test_free_null_is_noop)
{
  galley_harness_free (NULL);
}
END_TEST

/* ---- galley_harness_new_from_pipeline: installed stages by name ------- */

/* The build tree's plugins stand for installed ones. */
static void
use_build_tree_plugins (void)
{
  g_setenv ("GALLEY_PLUGIN_PATH", TOP_BUILDDIR "/plugins", TRUE);
  g_setenv ("GALLEY_PLUGIN_SYSTEM_PATH", "/nonexistent", TRUE);
}

/* run_chain: @text through the installed stages @inline_text names, then
 * the linked @extra (may be NULL); the two layers @a and @b dumped. */
static void
run_chain (const char *inline_text, const GalleyStageClass *extra,
           const char *text, const char *a, char **dump_a,
           const char *b, char **dump_b)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = NULL;
  g_autoptr (GalleyDocument) doc = NULL;

  use_build_tree_plugins ();
  h = galley_harness_new_from_pipeline (inline_text, &error);
  ck_assert_msg (h != NULL, "%s", error ? error->message : "");
  if (extra)
    ck_assert (galley_harness_add (h, extra, NULL, &error));
  doc = galley_harness_run_text (h, text, &error);
  ck_assert_msg (doc != NULL, "%s", error ? error->message : "");
  *dump_a = galley_harness_dump_layer (doc, a);
  *dump_b = galley_harness_dump_layer (doc, b);
}

START_TEST (test_pipeline_runs_installed_stages)
{
  g_autofree char *tokens = NULL;
  g_autofree char *sentences = NULL;

  run_chain ("tokenizer", NULL, "Storm hits Cork. Rain follows.",
             GALLEY_LAYER_TOKEN, &tokens, GALLEY_LAYER_SENTENCE, &sentences);
  ck_assert_str_eq (tokens, "Storm|hits|Cork|.|Rain|follows|.");
  ck_assert_str_eq (sentences, "Storm hits Cork.|Rain follows.");
}
END_TEST

START_TEST (test_pipeline_then_linked_stage)
{
  g_autofree char *caps = NULL;
  g_autofree char *entities = NULL;

  run_chain ("tokenizer ! entity-tagger", &caps_stage, "Storm hits Cork.",
             "caps", &caps, GALLEY_LAYER_ENTITY, &entities);
  ck_assert_str_eq (caps, "CAP:Storm|CAP:Cork.");
  ck_assert_str_eq (entities, "GPE:Cork");
}
END_TEST

START_TEST (test_pipeline_params_reach_installed_stage)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyHarness) h = NULL;
  g_autoptr (GalleyDocument) doc = NULL;

  use_build_tree_plugins ();
  h = galley_harness_new_from_pipeline ("tokenizer languages=de on-other-language=drop",
                                        &error);
  ck_assert_ptr_null (error);
  doc = galley_document_new ("d1", "Storm hits Cork.", -1);
  galley_document_set_feature_string (doc, GALLEY_FEATURE_LANGUAGE, "en");
  ck_assert (galley_harness_run (h, doc, &error));
  ck_assert_str_eq (galley_document_get_drop_reason (doc),
                    "language 'en' is not in languages=de");
}
END_TEST

/* assert_not_found: @text names a stage no plugin in the path provides;
 * the message starts with @start. */
static void
assert_not_found (const char *text, const char *start)
{
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_harness_new_from_pipeline (text, &error));
  ck_assert (error->domain == GALLEY_PLUGIN_ERROR);
  ck_assert_int_eq (error->code, GALLEY_PLUGIN_ERROR_NOT_FOUND);
  ck_assert_msg (g_str_has_prefix (error->message, start), "%s", error->message);
}

START_TEST (test_pipeline_unknown_stage_refused)
{
  use_build_tree_plugins ();
  assert_not_found ("tokenizer ! tokeniser",
                    "-e: stage 2 (tokeniser): no stage named 'tokeniser'");
}
END_TEST

START_TEST (test_pipeline_without_plugins_finds_nothing)
{
  g_unsetenv ("GALLEY_PLUGIN_PATH");
  g_setenv ("GALLEY_PLUGIN_SYSTEM_PATH", "/nonexistent", TRUE);
  assert_not_found ("tokenizer", "-e: stage 1 (tokenizer): no stage named 'tokenizer'");
}
END_TEST

START_TEST (test_pipeline_bad_param_names_stage)
{
  g_autoptr (GError) error = NULL;

  use_build_tree_plugins ();
  ck_assert_ptr_null (galley_harness_new_from_pipeline ("tokenizer ! entity-tagger colour=red",
                                                        &error));
  ck_assert (error->domain == GALLEY_PIPELINE_ERROR);
  ck_assert_int_eq (error->code, GALLEY_PIPELINE_ERROR_UNKNOWN_KEY);
  ck_assert (g_str_has_prefix (error->message,
                               "-e: stage 2 (entity-tagger): unknown parameter 'colour'; "
                               "valid parameters: "));
}
END_TEST

START_TEST (test_pipeline_syntax_error)
{
  g_autoptr (GError) error = NULL;

  ck_assert_ptr_null (galley_harness_new_from_pipeline ("tokenizer !", &error));
  ck_assert (error->domain == GALLEY_PIPELINE_ERROR);
  ck_assert_int_eq (error->code, GALLEY_PIPELINE_ERROR_SYNTAX);
  ck_assert_str_eq (error->message, "-e: the pipeline ends with '!'");
}
END_TEST

static Suite *
harness_suite (void)
{
  Suite *s = suite_create ("harness");
  TCase *tc = tcase_create ("harness");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_run_text_through_filter);
  tcase_add_test (tc, test_params_reach_the_stage);
  tcase_add_test (tc, test_unknown_param_refused);
  tcase_add_test (tc, test_param_without_equals_refused);
  tcase_add_test (tc, test_bad_param_value_refused);
  tcase_add_test (tc, test_required_param_missing);
  tcase_add_test (tc, test_create_error_returned);
  tcase_add_test (tc, test_add_error_keeps_harness);
  tcase_add_test (tc, test_run_text_invalid_utf8);
  tcase_add_test (tc, test_run_text_rejected);
  tcase_add_test (tc, test_run_borrowed_document);
  tcase_add_test (tc, test_chain_filter_then_sink);
  tcase_add_test (tc, test_free_without_commit_discards);
  tcase_add_test (tc, test_read_all_with_rejects);
  tcase_add_test (tc, test_read_all_without_rejects_array);
  tcase_add_test (tc, test_read_all_fatal_error);
  tcase_add_test (tc, test_read_all_empty_input);
  tcase_add_test (tc, test_dump_plain_for_token_and_sentence);
  tcase_add_test (tc, test_dump_empty_and_missing_layer);
  tcase_add_test (tc, test_find_span);
  tcase_add_test (tc, test_failure_without_error_is_reported);
  tcase_add_test (tc, test_error_with_success_is_reported);
  tcase_add_test (tc, test_read_ok_without_document_is_reported);
  tcase_add_test (tc, test_read_error_without_error_is_reported);
  tcase_add_test (tc, test_free_null_is_noop);
  tcase_add_test (tc, test_pipeline_runs_installed_stages);
  tcase_add_test (tc, test_pipeline_then_linked_stage);
  tcase_add_test (tc, test_pipeline_params_reach_installed_stage);
  tcase_add_test (tc, test_pipeline_unknown_stage_refused);
  tcase_add_test (tc, test_pipeline_without_plugins_finds_nothing);
  tcase_add_test (tc, test_pipeline_bad_param_names_stage);
  tcase_add_test (tc, test_pipeline_syntax_error);
  tcase_add_test (tc, test_harness_checks_new_take_valid_promise);
  tcase_add_test (tc, test_harness_accepts_kept_new_take_valid_promise);
  suite_add_tcase (s, tc);
  return s;
}

SDK_TEST_MAIN (harness_suite)
