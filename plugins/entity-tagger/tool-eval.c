/* tool-eval.c: galley eval entity-tagger --data FILE [--model MODEL]
 *
 * Runs tokenizer ! entity-tagger on annotated documents and prints, per
 * type, exact (same span, same type) and lenient (overlapping span, same
 * type) precision, recall and F1, then a confusion table of the exact
 * spans.
 *
 * The scored types are the annotation's types that the tagger has names
 * for; a type only the annotation has (MISC) appears in the confusion
 * table only. When the annotation has LOC but not GPE or FAC (as GUM's,
 * where LOC covers every place), the tagger's GPE and FAC count as LOC;
 * a tagger type the annotation does not use (DATE, ...) is not scored.
 * --errors=FILE lists every error, one TSV line each, to read them.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "annotated.h"
#include "tool.h"

#define MAX_TYPES 32

typedef struct {
  guint32 start, end;
  gint type;      /* index into Eval.types; -1: not scored */
  gboolean matched;
} Span;

typedef struct {
  GQuark types[MAX_TYPES];   /* gold types, then the tagger's (columns only) */
  gboolean scored[MAX_TYPES];
  guint n_types, n_gold_types;
  gboolean loc_covers_places;
  guint exact[MAX_TYPES][3], lenient[MAX_TYPES][3];  /* tp, fp, fn */
  guint confusion[MAX_TYPES + 1][MAX_TYPES + 1];     /* [gold][pred]; last: none */
} Eval;

static gint
type_index (Eval *ev, GQuark q, gboolean add)
{
  for (guint t = 0; t < ev->n_types; t++)
    if (ev->types[t] == q)
      return (gint) t;
  if (!add || ev->n_types == MAX_TYPES)
    return -1;
  ev->types[ev->n_types] = q;
  return (gint) ev->n_types++;
}

/* The column of a predicted type: GPE and FAC as LOC where the
 * annotation's LOC covers them. */
static gint
pred_index (Eval *ev, const char *type)
{
  gint t = type_index (ev, g_quark_from_string (type), FALSE);

  if ((t < 0 || (guint) t >= ev->n_gold_types) && ev->loc_covers_places
      && (strcmp (type, "GPE") == 0 || strcmp (type, "FAC") == 0))
    return type_index (ev, g_quark_from_static_string ("LOC"), FALSE);
  return t >= 0 ? t : type_index (ev, g_quark_from_string (type), TRUE);
}

static void
eval_types (Eval *ev, GPtrArray *docs)
{
  static const char *const tagger_types[] = {
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "DATE", "TIME",
    "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", NULL,
  };
  g_auto (GStrv) gold = ann_types (docs);

  for (guint k = 0; gold[k] != NULL; k++)
    {
      gint t = type_index (ev, g_quark_from_string (gold[k]), TRUE);

      if (t >= 0)
        ev->scored[t] = g_strv_contains (tagger_types, gold[k]);
    }
  ev->n_gold_types = ev->n_types;
  ev->loc_covers_places = g_strv_contains ((const char *const *) gold, "LOC")
                          && !g_strv_contains ((const char *const *) gold, "GPE")
                          && !g_strv_contains ((const char *const *) gold, "FAC");
}

static gboolean
overlaps (const Span *a, const Span *b)
{
  return a->start < b->end && b->start < a->end;
}

/* Counts tp/fp/fn in @counts of scored types, matching with @same. */
static void
match (Eval *ev, GArray *gold, GArray *pred, gboolean lenient, guint counts[][3])
{
  for (guint j = 0; j < pred->len; j++)
    g_array_index (pred, Span, j).matched = FALSE;
  for (guint i = 0; i < gold->len; i++)
    {
      Span *g = &g_array_index (gold, Span, i);
      gboolean found = FALSE;

      if (!ev->scored[g->type])
        continue;
      for (guint j = 0; j < pred->len && !found; j++)
        {
          Span *p = &g_array_index (pred, Span, j);

          if (p->matched || p->type != g->type
              || !(lenient ? overlaps (p, g) : (p->start == g->start && p->end == g->end)))
            continue;
          p->matched = found = TRUE;
        }
      counts[g->type][found ? 0 : 2]++;
    }
  for (guint j = 0; j < pred->len; j++)
    {
      const Span *p = &g_array_index (pred, Span, j);

      if (!p->matched && (guint) p->type < ev->n_gold_types && ev->scored[p->type])
        counts[p->type][1]++;
    }
}

static void
confuse (Eval *ev, GArray *gold, GArray *pred)
{
  for (guint j = 0; j < pred->len; j++)
    {
      const Span *p = &g_array_index (pred, Span, j);
      guint row = MAX_TYPES;

      for (guint i = 0; i < gold->len; i++)
        {
          const Span *g = &g_array_index (gold, Span, i);

          if (g->start == p->start && g->end == p->end)
            {
              row = (guint) g->type;
              if (g->type == p->type)
                break;
            }
        }
      ev->confusion[row][p->type]++;
    }
  for (guint i = 0; i < gold->len; i++)
    {
      const Span *g = &g_array_index (gold, Span, i);
      gboolean same = FALSE;

      for (guint j = 0; j < pred->len && !same; j++)
        same = g_array_index (pred, Span, j).start == g->start
               && g_array_index (pred, Span, j).end == g->end;
      if (!same)
        ev->confusion[g->type][MAX_TYPES]++;
    }
}

/* The span's text, line breaks and tabs as spaces, for one TSV field. */
static char *
span_text (const char *text, guint32 start, guint32 end)
{
  char *s = g_strndup (text + start, end - start);

  g_strdelimit (s, "\t\r\n", ' ');
  return s;
}

/* write_errors: one TSV line per exact-match error of a scored type:
 * ID, missed|spurious|type, gold type, predicted type, text. A gold name
 * the tagger found with another type is one "type" line, not a missed and
 * a spurious one. */
static void
write_errors (const Eval *ev, const AnnDoc *ann, GArray *gold, GArray *pred, FILE *out)
{
  for (guint i = 0; i < gold->len; i++)
    {
      const Span *g = &g_array_index (gold, Span, i);
      const Span *same = NULL;
      g_autofree char *t = NULL;

      if (g->type < 0 || !ev->scored[g->type])
        continue;
      for (guint j = 0; j < pred->len && same == NULL; j++)
        if (g_array_index (pred, Span, j).start == g->start
            && g_array_index (pred, Span, j).end == g->end)
          same = &g_array_index (pred, Span, j);
      if (same != NULL && same->type == g->type)
        continue;
      t = span_text (ann->text, g->start, g->end);
      fprintf (out, "%s\t%s\t%s\t%s\t%s\n", ann->id, same ? "type" : "missed",
               g_quark_to_string (ev->types[g->type]),
               same ? g_quark_to_string (ev->types[same->type]) : "-", t);
    }
  for (guint j = 0; j < pred->len; j++)
    {
      const Span *p = &g_array_index (pred, Span, j);
      gboolean same = FALSE;
      g_autofree char *t = NULL;

      if ((guint) p->type >= ev->n_gold_types || !ev->scored[p->type])
        continue;
      for (guint i = 0; i < gold->len && !same; i++)
        same = g_array_index (gold, Span, i).start == p->start
               && g_array_index (gold, Span, i).end == p->end
               && g_array_index (gold, Span, i).type >= 0
               && ev->scored[g_array_index (gold, Span, i).type];
      if (same)
        continue;
      t = span_text (ann->text, p->start, p->end);
      fprintf (out, "%s\tspurious\t-\t%s\t%s\n", ann->id, g_quark_to_string (ev->types[p->type]),
               t);
    }
}

static gboolean
eval_doc (Eval *ev, GalleyHarness *h, const AnnDoc *ann, FILE *errors, GError **error)
{
  g_autoptr (GalleyDocument) doc = galley_document_new (ann->id, ann->text, -1);
  g_autoptr (GArray) gold = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr (GArray) pred = g_array_new (FALSE, FALSE, sizeof (Span));
  const GalleySpan *spans;
  guint n;

  if (doc == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "document %s: text is not UTF-8",
                   ann->id);
      return FALSE;
    }
  if (!galley_harness_run (h, doc, error))
    return FALSE;
  for (guint k = 0; k < ann->entities->len; k++)
    {
      const AnnEntity *e = &g_array_index (ann->entities, AnnEntity, k);
      Span s = { e->start, e->end, type_index (ev, e->type, FALSE), FALSE };

      g_array_append_val (gold, s);
    }
  spans = galley_layer_get_spans (galley_document_get_layer (doc, GALLEY_LAYER_ENTITY), &n);
  for (guint k = 0; k < n; k++)
    {
      Span s = { spans[k].start, spans[k].end,
                 pred_index (ev, g_quark_to_string (spans[k].type)), FALSE };

      if (s.type >= 0)
        g_array_append_val (pred, s);
    }
  match (ev, gold, pred, FALSE, ev->exact);
  match (ev, gold, pred, TRUE, ev->lenient);
  confuse (ev, gold, pred);
  if (errors != NULL)
    write_errors (ev, ann, gold, pred, errors);
  return TRUE;
}

static void
print_row (const char *name, const guint c[3])
{
  double p = c[0] + c[1] ? (double) c[0] / (c[0] + c[1]) : 0;
  double r = c[0] + c[2] ? (double) c[0] / (c[0] + c[2]) : 0;
  double f = p + r > 0 ? 2 * p * r / (p + r) : 0;

  printf ("%-10s %6u %6u %6u   %.3f  %.3f  %.3f\n", name, c[0], c[1], c[2], p, r, f);
}

static void
print_scores (const Eval *ev, const char *title, guint counts[][3])
{
  guint all[3] = { 0 };

  printf ("%s\n%-10s %6s %6s %6s   %-5s  %-5s  %-5s\n", title, "type", "tp", "fp", "fn", "P",
          "R", "F1");
  for (guint t = 0; t < ev->n_gold_types; t++)
    if (ev->scored[t])
      {
        print_row (g_quark_to_string (ev->types[t]), counts[t]);
        for (guint k = 0; k < 3; k++)
          all[k] += counts[t][k];
      }
  print_row ("all", all);
}

static void
print_confusion (const Eval *ev)
{
  printf ("confusion (same span; gold in rows, predicted in columns; - none):\n%-10s", "");
  for (guint c = 0; c < ev->n_types; c++)
    printf (" %8s", g_quark_to_string (ev->types[c]));
  printf (" %8s\n", "-");
  for (guint r = 0; r <= ev->n_gold_types; r++)
    {
      guint row = r == ev->n_gold_types ? MAX_TYPES : r;

      printf ("%-10s", row == MAX_TYPES ? "-" : g_quark_to_string (ev->types[row]));
      for (guint c = 0; c < ev->n_types; c++)
        printf (" %8u", ev->confusion[row][c]);
      if (row == MAX_TYPES)
        printf (" %8s\n", "");
      else
        printf (" %8u\n", ev->confusion[row][MAX_TYPES]);
    }
}

int
tool_eval (int argc, char **argv)
{
  g_autofree char *data = NULL, *model = NULL, *errors_path = NULL, *wordnet = NULL;
  g_autofree char *dict = NULL;
  FILE *errors = NULL;
  g_auto (GStrv) params = NULL;
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- score the entity tagger");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) docs = NULL, all_params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GalleyHarness) h = NULL;
  Eval ev = { 0 };
  const GOptionEntry entries[] = {
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data, "Annotated documents (JSONL or [text]{TYPE})", "FILE" },
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &model, "A model (default: rules only)", "MODEL" },
    { "wordnet", 0, 0, G_OPTION_ARG_FILENAME, &wordnet, "WordNet's directory, for a model trained with it (default /usr/share/wordnet)", "DIR" },
    { "dict", 0, 0, G_OPTION_ARG_FILENAME, &dict, "A word list, for a model trained with it (default /usr/share/dict/american-english)", "FILE" },
    { "param", 0, 0, G_OPTION_ARG_STRING_ARRAY, &params, "A parameter of the tagger", "KEY=VALUE" },
    { "errors", 0, 0, G_OPTION_ARG_FILENAME, &errors_path,
      "Write each error (missed, spurious, wrong type) to FILE as TSV", "FILE" },
    { NULL }
  };

  g_set_prgname ("galley eval entity-tagger");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "galley eval entity-tagger: error: %s\n", error->message);
      return 2;
    }
  if (data == NULL || argc > 1)
    {
      fprintf (stderr, "galley eval entity-tagger: error: %s\n",
               data == NULL ? "--data FILE is required" : "unexpected argument");
      return 2;
    }
  for (guint k = 0; params != NULL && params[k] != NULL; k++)
    g_ptr_array_add (all_params, g_strdup (params[k]));
  if (model != NULL)
    g_ptr_array_add (all_params, g_strconcat ("model=", model, NULL));
  if (wordnet != NULL)
    g_ptr_array_add (all_params, g_strconcat ("wordnet=", wordnet, NULL));
  if (dict != NULL)
    g_ptr_array_add (all_params, g_strconcat ("dict=", dict, NULL));
  g_ptr_array_add (all_params, NULL);
  if ((docs = ann_load (data, &error)) == NULL
      || (h = tool_harness ((const char *const *) all_params->pdata, &error)) == NULL)
    {
      fprintf (stderr, "galley eval entity-tagger: error: %s\n", error->message);
      return tool_exit_status (error);
    }
  if (errors_path != NULL && (errors = fopen (errors_path, "w")) == NULL)
    {
      fprintf (stderr, "galley eval entity-tagger: error: %s: %s\n", errors_path,
               g_strerror (errno));
      return 2;
    }
  eval_types (&ev, docs);
  for (guint k = 0; k < docs->len; k++)
    if (!eval_doc (&ev, h, g_ptr_array_index (docs, k), errors, &error))
      {
        fprintf (stderr, "galley eval entity-tagger: error: %s\n", error->message);
        if (errors != NULL)
          fclose (errors);
        return 1;
      }
  if (errors != NULL && fclose (errors) != 0)
    {
      fprintf (stderr, "galley eval entity-tagger: error: %s: %s\n", errors_path,
               g_strerror (errno));
      return 1;
    }
  printf ("%s: %u documents%s\n", data, docs->len, ev.loc_covers_places
          ? "; GPE and FAC scored as LOC" : "");
  print_scores (&ev, "exact (same span, same type):", ev.exact);
  print_scores (&ev, "lenient (overlapping span, same type):", ev.lenient);
  print_confusion (&ev);
  return 0;
}
