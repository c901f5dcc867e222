/* eval-entities.c: precision, recall and F1 of the entity tagger.
 *
 * Usage: eval-entities [--show] [--errors] [--param KEY=VALUE]... FILE
 *
 * FILE is either
 *   - JSON Lines (name ending in .jsonl) as the development data has it:
 *     {"id", "text", "entities": [{"bstart", "bend", "type"}, ...]}, with
 *     gold types PERSON, ORG, LOC (places of every kind), NORP and MISC;
 *     MISC is not scored, and the tagger's GPE, LOC and FAC count as LOC;
 *   - or annotated text (anything else): documents separated by lines of
 *     "===", '#' lines are comments, and each entity is written inline as
 *     [text]{TYPE} with the OntoNotes types; every type is scored, and the
 *     summary maps GPE, LOC and FAC to LOC as for the JSON data.
 *
 * Matching is exact: same byte span, same type. The summary line is the
 * micro-average over PERSON, ORG and LOC. --show prints every miss and
 * every false alarm. --errors sorts them (scored types): a false alarm
 * is a confusion (a gold name of another type, or of the JSON data's
 * MISC, has that exact span), a boundary error (it overlaps a gold
 * name) or spurious (nothing there); a miss is a boundary error or
 * missed outright. --tag prints the entities of a plain text file
 * instead (start, end, type, text, norm, cluster), for looking at output.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <galley/galley.h>
#include <json-glib/json-glib.h>

#include "plugins/entity-tagger/entity-tagger.h"
#include "plugins/tokenizer/tokenizer.h"

enum { T_PERSON, T_NORP, T_FAC, T_ORG, T_GPE, T_LOC, T_PRODUCT, T_EVENT, T_DATE,
       T_TIME, T_PERCENT, T_MONEY, T_QUANTITY, T_ORDINAL, T_CARDINAL, T_N };

static const char *const names[T_N] = {
  "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "DATE", "TIME",
  "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
};

typedef struct {
  guint32 start, end;
  int type;
} Ent;

typedef struct {
  guint tp[T_N], fp[T_N], fn[T_N];
} Score;

static gboolean show = FALSE;
static gboolean errors = FALSE;

/* --errors: rows and columns are scored types, then MISC (gold) and
 * nothing (gold or prediction). */
enum { E_MISC = T_N, E_NONE, E_N };
static guint confusion[E_N][E_N];   /* [gold][predicted], exact spans */
static guint boundary_fp[T_N], boundary_fn[T_N];
static gboolean tag = FALSE;
static gboolean jsonl = FALSE;

static int
type_index (const char *name)
{
  for (int i = 0; i < T_N; i++)
    if (strcmp (names[i], name) == 0)
      return i;
  return -1;
}

/* The type an entity is scored as: -1 drops it. */
static int
scored_type (int t, gboolean named_only)
{
  if (t == T_GPE || t == T_FAC)
    return T_LOC;
  if (named_only && t != T_PERSON && t != T_ORG && t != T_LOC && t != T_NORP)
    return -1;
  return t;
}

static int
ent_compare (gconstpointer a, gconstpointer b)
{
  const Ent *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return x->type - y->type;
}

static gboolean
overlaps (const Ent *a, const Ent *b)
{
  return a->start < b->end && b->start < a->end;
}

/* --errors: sorts one document's errors (mapped types; @misc: the gold
 * MISC spans). */
static void
sort_errors (GArray *gold, GArray *misc, GArray *pred)
{
  for (guint j = 0; j < pred->len; j++)
    {
      const Ent *p = &g_array_index (pred, Ent, j);
      int gold_type = E_NONE;
      gboolean overlap = FALSE;

      for (guint i = 0; i < gold->len; i++)
        {
          const Ent *g = &g_array_index (gold, Ent, i);

          if (g->start == p->start && g->end == p->end)
            {
              gold_type = g->type;
              if (g->type == p->type)
                break;
            }
          else if (overlaps (g, p))
            overlap = TRUE;
        }
      for (guint i = 0; gold_type == E_NONE && i < misc->len; i++)
        {
          const Ent *g = &g_array_index (misc, Ent, i);

          if (g->start == p->start && g->end == p->end)
            gold_type = E_MISC;
        }
      if (gold_type == E_NONE && overlap)
        boundary_fp[p->type]++;
      else
        confusion[gold_type][p->type]++;
    }
  for (guint i = 0; i < gold->len; i++)
    {
      const Ent *g = &g_array_index (gold, Ent, i);
      gboolean same_span = FALSE, overlap = FALSE;

      for (guint j = 0; j < pred->len; j++)
        {
          const Ent *p = &g_array_index (pred, Ent, j);

          if (g->start == p->start && g->end == p->end)
            same_span = TRUE;
          else if (overlaps (g, p))
            overlap = TRUE;
        }
      if (same_span)
        continue;  /* counted with the predictions */
      if (overlap)
        boundary_fn[g->type]++;
      else
        confusion[g->type][E_NONE]++;
    }
}

static void
print_errors (void)
{
  static const int rows[] = { T_PERSON, T_NORP, T_ORG, T_LOC, E_MISC, E_NONE };
  const char *label[E_N] = { NULL };

  for (int t = 0; t < T_N; t++)
    label[t] = names[t];
  label[E_MISC] = "MISC";
  label[E_NONE] = "nothing";
  printf ("exact spans, gold (rows) by predicted (columns):\n%-10s", "");
  for (guint c = 0; c < G_N_ELEMENTS (rows); c++)
    if (rows[c] != E_MISC)
      printf (" %8s", label[rows[c]]);
  printf ("\n");
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      printf ("%-10s", label[rows[r]]);
      for (guint c = 0; c < G_N_ELEMENTS (rows); c++)
        if (rows[c] != E_MISC)
          {
            if (rows[r] == E_NONE && rows[c] == E_NONE)
              printf (" %8s", "-");
            else
              printf (" %8u", confusion[rows[r]][rows[c]]);
          }
      printf ("\n");
    }
  printf ("boundary errors (overlapping, not the same span):\n");
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    if (rows[r] < T_N)
      printf ("%-10s false %5u  missed %5u\n", label[rows[r]], boundary_fp[rows[r]],
              boundary_fn[rows[r]]);
}

static void
score_doc (const char *id, const char *text, GArray *gold, GArray *pred, Score *s,
           gboolean mapped)
{
  g_array_sort (gold, ent_compare);
  g_array_sort (pred, ent_compare);
  for (guint i = 0; i < gold->len; i++)
    {
      Ent *g = &g_array_index (gold, Ent, i);
      gboolean found = FALSE;

      for (guint j = 0; j < pred->len; j++)
        {
          Ent *p = &g_array_index (pred, Ent, j);

          if (p->start == g->start && p->end == g->end && p->type == g->type)
            {
              found = TRUE;
              p->type = -p->type - 100;  /* matched */
              break;
            }
        }
      if (found)
        s->tp[g->type]++;
      else
        {
          s->fn[g->type]++;
          if (show && mapped)
            printf ("%s\tMISS\t%s\t%.*s\t%u\n", id, names[g->type], (int) (g->end - g->start),
                    text + g->start, g->start);
        }
    }
  for (guint j = 0; j < pred->len; j++)
    {
      Ent *p = &g_array_index (pred, Ent, j);

      if (p->type <= -100)
        {
          p->type = -(p->type + 100);
          continue;
        }
      s->fp[p->type]++;
      if (show && mapped)
        printf ("%s\tFALSE\t%s\t%.*s\t%u\n", id, names[p->type], (int) (p->end - p->start),
                text + p->start, p->start);
    }
}

/* Runs the pipeline on @text and scores it against @gold (original
 * types), once with the types as they are and once mapped. */
static gboolean
run_doc (GalleyHarness *h, const char *id, const char *text, GArray *gold, GArray *misc,
         Score *raw, Score *mapped, GError **error)
{
  g_autoptr (GalleyDocument) doc = galley_document_new (id, text, -1);
  g_autoptr (GArray) pred = g_array_new (FALSE, FALSE, sizeof (Ent));
  g_autoptr (GArray) pred_m = g_array_new (FALSE, FALSE, sizeof (Ent));
  g_autoptr (GArray) gold_m = g_array_new (FALSE, FALSE, sizeof (Ent));
  GalleyLayer *layer;
  const GalleySpan *spans;
  guint n;

  if (doc == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: text is not UTF-8", id);
      return FALSE;
    }
  if (!galley_harness_run (h, doc, error))
    return FALSE;
  layer = galley_document_get_layer (doc, GALLEY_LAYER_ENTITY);
  spans = galley_layer_get_spans (layer, &n);
  for (guint i = 0; i < n; i++)
    {
      Ent e = { spans[i].start, spans[i].end, type_index (g_quark_to_string (spans[i].type)) };

      if (e.type < 0)
        continue;
      g_array_append_val (pred, e);
      e.type = scored_type (e.type, jsonl);
      if (e.type >= 0)
        g_array_append_val (pred_m, e);
    }
  for (guint i = 0; i < gold->len; i++)
    {
      Ent e = g_array_index (gold, Ent, i);

      e.type = scored_type (e.type, jsonl);
      if (e.type >= 0)
        g_array_append_val (gold_m, e);
    }
  if (errors)
    sort_errors (gold_m, misc, pred_m);
  if (!jsonl)
    score_doc (id, text, gold, pred, raw, FALSE);
  score_doc (id, text, gold_m, pred_m, mapped, TRUE);
  return TRUE;
}

static gboolean
run_jsonl (GalleyHarness *h, const char *path, Score *raw, Score *mapped, guint *n_docs,
           GError **error)
{
  g_autofree char *contents = NULL;
  char **lines;
  gboolean ok = TRUE;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; ok && lines[i] != NULL; i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GArray) gold = g_array_new (FALSE, FALSE, sizeof (Ent));
      g_autoptr (GArray) misc = g_array_new (FALSE, FALSE, sizeof (Ent));
      JsonObject *o;
      JsonArray *ents;
      const char *text, *id;

      if (lines[i][0] == '\0')
        continue;
      if (!json_parser_load_from_data (parser, lines[i], -1, error))
        {
          g_prefix_error (error, "%s:%u: ", path, i + 1);
          ok = FALSE;
          break;
        }
      o = json_node_get_object (json_parser_get_root (parser));
      text = json_object_get_string_member (o, "text");
      id = json_object_get_string_member_with_default (o, "id", "?");
      ents = json_object_get_array_member (o, "entities");
      for (guint k = 0; ents != NULL && k < json_array_get_length (ents); k++)
        {
          JsonObject *eo = json_array_get_object_element (ents, k);
          const char *type = json_object_get_string_member (eo, "type");
          Ent e;

          e.start = (guint32) json_object_get_int_member (eo, "bstart");
          e.end = (guint32) json_object_get_int_member (eo, "bend");
          e.type = strcmp (type, "LOC") == 0 ? T_LOC : type_index (type);
          if (e.type < 0)
            {
              g_array_append_val (misc, e);  /* MISC: only --errors looks */
              continue;
            }
          g_array_append_val (gold, e);
        }
      ok = run_doc (h, id, text, gold, misc, raw, mapped, error);
      (*n_docs)++;
    }
  g_strfreev (lines);
  return ok;
}

/* Annotated text: strips [text]{TYPE} marks, recording the spans. */
static gboolean
parse_marked (const char *src, GString *text, GArray *gold, GError **error)
{
  const char *p = src;

  while (*p)
    {
      if (*p == '[')
        {
          const char *close = strstr (p, "]{");
          const char *brace = close ? strchr (close, '}') : NULL;
          g_autofree char *type = NULL;
          Ent e;

          if (close == NULL || brace == NULL || memchr (p + 1, '[', close - p - 1) != NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "unbalanced mark near \"%.30s\"", p);
              return FALSE;
            }
          type = g_strndup (close + 2, brace - close - 2);
          e.start = text->len;
          g_string_append_len (text, p + 1, close - p - 1);
          e.end = text->len;
          e.type = type_index (type);
          if (e.type < 0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "unknown type '%s'", type);
              return FALSE;
            }
          g_array_append_val (gold, e);
          p = brace + 1;
          continue;
        }
      g_string_append_c (text, *p++);
    }
  return TRUE;
}

static gboolean
run_marked (GalleyHarness *h, const char *path, Score *raw, Score *mapped, guint *n_docs,
            GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GString) block = g_string_new (NULL);
  char **lines;
  gboolean ok = TRUE;
  guint doc_no = 0;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; ok; i++)
    {
      gboolean end = lines[i] == NULL || strcmp (lines[i], "===") == 0;

      if (!end)
        {
          if (lines[i][0] != '#')
            {
              g_string_append (block, lines[i]);
              g_string_append_c (block, '\n');
            }
          continue;
        }
      if (block->len > 0 && block->str[strspn (block->str, " \n")] != '\0')
        {
          g_autoptr (GString) text = g_string_new (NULL);
          g_autoptr (GArray) gold = g_array_new (FALSE, FALSE, sizeof (Ent));
          g_autoptr (GArray) misc = g_array_new (FALSE, FALSE, sizeof (Ent));
          g_autofree char *id = g_strdup_printf ("%s#%u", path, ++doc_no);

          if (!parse_marked (block->str, text, gold, error))
            {
              g_prefix_error (error, "%s: ", id);
              ok = FALSE;
              break;
            }
          ok = run_doc (h, id, text->str, gold, misc, raw, mapped, error);
          (*n_docs)++;
        }
      g_string_truncate (block, 0);
      if (lines[i] == NULL)
        break;
    }
  g_strfreev (lines);
  return ok;
}

static void
print_row (const char *name, guint tp, guint fp, guint fn)
{
  double p = tp + fp ? (double) tp / (tp + fp) : 0;
  double r = tp + fn ? (double) tp / (tp + fn) : 0;
  double f = p + r > 0 ? 2 * p * r / (p + r) : 0;

  printf ("%-10s %5u %5u %5u   P %.3f  R %.3f  F1 %.3f\n", name, tp, fp, fn, p, r, f);
}

static void
print_table (const char *title, const Score *s)
{
  printf ("%s\n%-10s %5s %5s %5s\n", title, "type", "tp", "fp", "fn");
  for (int t = 0; t < T_N; t++)
    if (s->tp[t] + s->fp[t] + s->fn[t] > 0)
      print_row (names[t], s->tp[t], s->fp[t], s->fn[t]);
}

static int
tag_file (GalleyHarness *h, const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GalleyDocument) doc = NULL;
  GalleyLayer *layer;
  const GalleySpan *spans;
  guint n;

  if (!g_file_get_contents (path, &text, NULL, &error))
    {
      fprintf (stderr, "eval-entities: %s\n", error->message);
      return 1;
    }
  doc = galley_harness_run_text (h, text, &error);
  if (doc == NULL)
    {
      fprintf (stderr, "eval-entities: %s\n", error->message);
      return 1;
    }
  layer = galley_document_get_layer (doc, GALLEY_LAYER_ENTITY);
  spans = galley_layer_get_spans (layer, &n);
  for (guint i = 0; i < n; i++)
    {
      const GalleyValue *norm = galley_layer_get_feature (layer, i, GALLEY_ENTITY_FEATURE_NORM);
      const GalleyValue *cl = galley_layer_get_feature (layer, i, GALLEY_ENTITY_FEATURE_CLUSTER);

      printf ("%u\t%u\t%s\t%.*s\t%s\t%" G_GINT64_FORMAT "\n", spans[i].start, spans[i].end,
              g_quark_to_string (spans[i].type), (int) (spans[i].end - spans[i].start),
              text + spans[i].start, norm ? norm->v.s : "", cl ? cl->v.i : -1);
    }
  return 0;
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) params = g_ptr_array_new ();
  g_autoptr (GalleyHarness) h = NULL;
  g_autoptr (GError) error = NULL;
  Score raw = { { 0 } }, mapped = { { 0 } };
  const char *path = NULL;
  guint n_docs = 0, tp = 0, fp = 0, fn = 0;
  gboolean ok;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--errors") == 0)
        errors = TRUE;
      else if (strcmp (argv[i], "--show") == 0)
        show = TRUE;
      else if (strcmp (argv[i], "--tag") == 0)
        tag = TRUE;
      else if (strcmp (argv[i], "--param") == 0 && i + 1 < argc)
        g_ptr_array_add (params, argv[++i]);
      else
        path = argv[i];
    }
  if (path == NULL)
    {
      fprintf (stderr, "usage: eval-entities [--show] [--errors] [--param KEY=VALUE]... FILE\n");
      return 2;
    }
  g_ptr_array_add (params, NULL);
  jsonl = g_str_has_suffix (path, ".jsonl");

  h = galley_harness_new (&galley_tokenizer_stage, NULL, &error);
  if (h == NULL
      || !galley_harness_add (h, &galley_entity_tagger_stage,
                              (const char *const *) params->pdata, &error))
    {
      fprintf (stderr, "eval-entities: %s\n", error->message);
      return 1;
    }
  if (tag)
    return tag_file (h, path);
  ok = jsonl ? run_jsonl (h, path, &raw, &mapped, &n_docs, &error)
             : run_marked (h, path, &raw, &mapped, &n_docs, &error);
  if (!ok)
    {
      fprintf (stderr, "eval-entities: %s\n", error->message);
      return 1;
    }
  printf ("%s: %u documents\n", path, n_docs);
  if (!jsonl)
    print_table ("every type, exact span and type:", &raw);
  print_table (jsonl ? "named types (GPE, LOC, FAC scored as LOC; MISC not scored):"
                     : "named types with GPE, LOC, FAC as LOC:", &mapped);
  tp = mapped.tp[T_PERSON] + mapped.tp[T_ORG] + mapped.tp[T_LOC];
  fp = mapped.fp[T_PERSON] + mapped.fp[T_ORG] + mapped.fp[T_LOC];
  fn = mapped.fn[T_PERSON] + mapped.fn[T_ORG] + mapped.fn[T_LOC];
  print_row ("MICRO-PER/ORG/LOC", tp, fp, fn);
  if (errors)
    print_errors ();
  return 0;
}
