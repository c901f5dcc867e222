/* lexicon-load.c: reading the built-in data files (a GResource compiled
 * into the module) and user lexicons (VADER or AFINN format) into a
 * Builder: a GHashTable of BuildEntry keyed by the normalised word or
 * phrase, on which merge and replace act. Every error names the file and
 * the line. Inflections of the built-in words are generated here
 * (morphology rules), after every explicit entry so that those win. */
#include "config.h"

#include <math.h>
#include <string.h>

#include <galley/galley.h>

#include "lexicon-private.h"
#include "sentiment-resources.h"

#define RESOURCE_PREFIX "/org/galley/sentiment/"

static BuildEntry *
builder_ensure (Builder *b, const char *key, gboolean *created)
{
  BuildEntry *e = g_hash_table_lookup (b->table, key);

  if (created)
    *created = (e == NULL);
  if (e == NULL)
    {
      e = g_new0 (BuildEntry, 1);
      g_hash_table_insert (b->table, g_strdup (key), e);
    }
  return e;
}

static void
builder_set_valence (Builder *b, const char *key, double valence)
{
  BuildEntry *e = builder_ensure (b, key, NULL);

  e->valence = valence;
  e->flags |= LEX_HAS_VALENCE;
  e->generated = FALSE;
}

/* Adds an inflected form unless the word is already known. */
static void
builder_add_generated (Builder *b, const char *key, double valence)
{
  gboolean created;
  BuildEntry *e = builder_ensure (b, key, &created);

  if (!created && (e->flags & LEX_HAS_VALENCE))
    return;
  e->valence = valence;
  e->flags |= LEX_HAS_VALENCE;
  e->generated = TRUE;
}

/* Morphology: inflections of a base word, by its tags (v: verb, n: noun,
 * a: adjective). English spelling rules, simplified: a final silent e is
 * dropped before -ed/-ing, consonant + y becomes -ies/-ied/-ily, a short
 * one-syllable word ending consonant-vowel-consonant doubles its last
 * letter (rob, robbed). Irregular forms are listed in the data instead. */

static gboolean
is_vowel (char c)
{
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static gboolean
doubles_final (const char *w, gsize l)
{
  int groups = 0;

  if (l < 3 || l > 5)
    return FALSE;
  if (is_vowel (w[l - 1]) || strchr ("wxy", w[l - 1]) != NULL)
    return FALSE;
  if (!is_vowel (w[l - 2]) || is_vowel (w[l - 3]))
    return FALSE;
  for (gsize i = 0; i < l; i++)
    if (is_vowel (w[i]) && (i == 0 || !is_vowel (w[i - 1])))
      groups++;
  return groups == 1;
}

static char *
plural_s (const char *w, gsize l)
{
  if (l >= 2 && w[l - 1] == 'y' && !is_vowel (w[l - 2]))
    return g_strdup_printf ("%.*sies", (int) (l - 1), w);
  if (g_str_has_suffix (w, "s") || g_str_has_suffix (w, "x") ||
      g_str_has_suffix (w, "z") || g_str_has_suffix (w, "ch") ||
      g_str_has_suffix (w, "sh"))
    return g_strdup_printf ("%ses", w);
  return g_strdup_printf ("%ss", w);
}

static void
add_inflections (Builder *b, const char *w, const char *tags, double valence)
{
  gsize l = strlen (w);

  if (l < 3 || strchr (w, ' ') != NULL)
    return;
  if (strchr (tags, 'n') || strchr (tags, 'v'))
    {
      g_autofree char *s = plural_s (w, l);
      builder_add_generated (b, s, valence);
    }
  if (strchr (tags, 'v'))
    {
      g_autofree char *ed = NULL, *ing = NULL;

      if (w[l - 1] == 'e')
        {
          ed = g_strdup_printf ("%sd", w);
          if (l >= 2 && (w[l - 2] == 'e' || w[l - 2] == 'y' || w[l - 2] == 'o'))
            ing = g_strdup_printf ("%sing", w);
          else if (l >= 2 && w[l - 2] == 'i')
            ing = g_strdup_printf ("%.*sying", (int) (l - 2), w);
          else
            ing = g_strdup_printf ("%.*sing", (int) (l - 1), w);
        }
      else if (w[l - 1] == 'y' && !is_vowel (w[l - 2]))
        {
          ed = g_strdup_printf ("%.*sied", (int) (l - 1), w);
          ing = g_strdup_printf ("%sing", w);
        }
      else if (doubles_final (w, l))
        {
          ed = g_strdup_printf ("%s%ced", w, w[l - 1]);
          ing = g_strdup_printf ("%s%cing", w, w[l - 1]);
        }
      else
        {
          ed = g_strdup_printf ("%sed", w);
          ing = g_strdup_printf ("%sing", w);
        }
      builder_add_generated (b, ed, valence);
      builder_add_generated (b, ing, valence);
    }
  if (strchr (tags, 'a'))
    {
      g_autofree char *ly = NULL;

      if (g_str_has_suffix (w, "ly"))
        return;
      if (w[l - 1] == 'y' && !is_vowel (w[l - 2]))
        ly = g_strdup_printf ("%.*sily", (int) (l - 1), w);
      else if (g_str_has_suffix (w, "le") && !is_vowel (w[l - 3]))
        ly = g_strdup_printf ("%.*sly", (int) (l - 1), w);
      else if (g_str_has_suffix (w, "ic"))
        ly = g_strdup_printf ("%sally", w);
      else if (g_str_has_suffix (w, "ll"))
        ly = g_strdup_printf ("%sy", w);
      else
        ly = g_strdup_printf ("%sly", w);
      builder_add_generated (b, ly, valence);
    }
}

/* Tags for an untagged built-in word, from its ending: adjective endings
 * give the -ly adverb (ingenious -> ingeniously), noun endings the plural
 * (achievement -> achievements), verb endings -s, -ed and -ing (stabilize
 * -> stabilized). Explicit entries always win over what this generates. */
static const char *
guess_tags (const char *w)
{
  static const char *const adjective[] = {
    "ous", "ful", "ive", "ic", "al", "ent", "ant", "able", "ible", "less",
    "ing", "ish", NULL
  };
  static const char *const noun[] = {
    "ion", "ment", "ness", "ity", "ism", "ance", "ence", "ship", "hood",
    "ist", "ure", NULL
  };

  static const char *const verb[] = { "ize", "ise", "ify", NULL };

  if (strlen (w) < 5 || strchr (w, ' ') != NULL || strchr (w, '-') != NULL)
    return NULL;
  /* -ate is an adjective (desperate) or a verb (alienate): both forms;
   * the ones that do not exist are never looked up */
  if (g_str_has_suffix (w, "ate"))
    return "av";
  for (guint i = 0; verb[i]; i++)
    if (g_str_has_suffix (w, verb[i]))
      return "v";
  for (guint i = 0; adjective[i]; i++)
    if (g_str_has_suffix (w, adjective[i]))
      return "a";
  for (guint i = 0; noun[i]; i++)
    if (g_str_has_suffix (w, noun[i]))
      return "n";
  return NULL;
}

/* Line-oriented parsing, shared by the data files and user lexicons */

typedef gboolean (*LineFunc) (Builder *b, const char *file, guint line,
                              char **fields, guint n_fields, gpointer data,
                              GError **error);

static gboolean
bad_line (GError **error, const char *file, guint line, const char *fmt, ...)
  G_GNUC_PRINTF (4, 5);

static gboolean
bad_line (GError **error, const char *file, guint line, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
               "%s:%u: %s", file, line, msg);
  return FALSE;
}

/* Calls @func for every line of @data that is not blank and not a comment
 * (a line starting with '#' that has no tab: "#-)<TAB>-1" is an entry). */
static gboolean
for_each_line (Builder *b, const char *data, gsize len, const char *file,
               LineFunc func, gpointer user_data, GError **error)
{
  const char *p = data, *end = data + len;
  guint line = 0;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *eol = nl ? nl : end;
      g_autofree char *text = NULL;
      g_auto (GStrv) fields = NULL;
      gboolean blank = TRUE;

      line++;
      if (memchr (p, '\0', eol - p) != NULL)
        return bad_line (error, file, line, "NUL byte: not a text file");
      if (!g_utf8_validate (p, eol - p, NULL))
        return bad_line (error, file, line, "invalid UTF-8");
      text = g_strndup (p, eol - p);
      p = nl ? nl + 1 : end;
      if (text[0] != '\0' && text[strlen (text) - 1] == '\r')
        text[strlen (text) - 1] = '\0';  /* CRLF files */
      for (const char *c = text; *c; c++)
        if (*c != ' ' && *c != '\t')
          blank = FALSE;
      if (blank || (text[0] == '#' && strchr (text, '\t') == NULL))
        continue;
      fields = g_strsplit (text, "\t", -1);
      if (!func (b, file, line, fields, g_strv_length (fields), user_data, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_number (const char *s, double *out)
{
  char *endp;
  double v;

  s += strspn (s, " ");
  if (*s == '\0')
    return FALSE;
  v = g_ascii_strtod (s, &endp);
  endp += strspn (endp, " ");
  if (*endp != '\0' || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

/* The key of field 0, normalised, or NULL with the error set. */
static char *
line_key (const char *file, guint line, const char *field, GError **error)
{
  char *key = sentiment_normalize_key (field, strlen (field));

  if (key == NULL)
    {
      bad_line (error, file, line, "a word is longer than %d bytes",
                SENTIMENT_MAX_WORD);
      return NULL;
    }
  if (*key == '\0')
    {
      g_free (key);
      bad_line (error, file, line, "empty word before the tab");
      return NULL;
    }
  return key;
}

/* Tagged: a built-in word whose inflections are added once every file
 * is read. It was a "word<TAB>tags<TAB>%g" string printed here and split
 * and parsed back there (the same values: no built-in valence has more
 * than the six digits of %g). */
typedef struct {
  char *key;
  char *tags;
  double valence;
} Tagged;

static void
tagged_clear (gpointer data)
{
  Tagged *t = data;

  g_free (t->key);
  g_free (t->tags);
}

/* Built-in valence files: word<TAB>valence[<TAB>tags] */
static gboolean
valence_line (Builder *b, const char *file, guint line, char **fields,
              guint n_fields, gpointer data, GError **error)
{
  GArray *tagged = data;
  g_autofree char *key = NULL;
  const char *tags;
  double v;

  if (n_fields < 2)
    return bad_line (error, file, line, "expected word<TAB>valence");
  if (!(key = line_key (file, line, fields[0], error)))
    return FALSE;
  if (!parse_number (fields[1], &v) || v < -4 || v > 4)
    return bad_line (error, file, line, "valence '%s' is not a number in -4..4",
                     fields[1]);
  builder_set_valence (b, key, v);
  if (tagged == NULL)
    return TRUE;  /* the news-neutral list: no inflections */
  tags = n_fields >= 3 && fields[2][0] != '\0' ? fields[2] : guess_tags (key);
  if (tags != NULL)
    {
      Tagged t = { g_steal_pointer (&key), g_strdup (tags), v };

      g_array_append_val (tagged, t);
    }
  return TRUE;
}

/* Built-in rules file: word<TAB>role[<TAB>value] */
static gboolean
rule_line (Builder *b, const char *file, guint line, char **fields,
           guint n_fields, gpointer data, GError **error)
{
  static const struct { const char *name; guint32 flag; } roles[] = {
    { "negator", LEX_NEGATOR }, { "booster", LEX_MODIFIER },
    { "dampener", LEX_MODIFIER }, { "contrast", LEX_CONTRAST },
    { "concessive", LEX_CONCESSIVE }, { "reducer", LEX_REDUCER },
    { "least", LEX_LEAST }, { "never", LEX_NEVER | LEX_NEGATOR },
    { "so-this", LEX_SO_THIS }, { "inert", LEX_INERT }, { "hedge", LEX_HEDGE },
    { "decrease", LEX_DECREASE }, { "increase", LEX_INCREASE },
    { "skip", LEX_SKIP }, { "stop", LEX_STOP }, { "topic", LEX_TOPIC },
    { "harm", LEX_HARM },
  };
  g_autofree char *key = NULL;
  BuildEntry *e;
  guint r;

  (void) data;
  if (n_fields < 2)
    return bad_line (error, file, line, "expected word<TAB>role");
  if (!(key = line_key (file, line, fields[0], error)))
    return FALSE;
  for (r = 0; r < G_N_ELEMENTS (roles); r++)
    if (strcmp (fields[1], roles[r].name) == 0)
      break;
  if (r == G_N_ELEMENTS (roles))
    return bad_line (error, file, line, "unknown role '%s'", fields[1]);
  e = builder_ensure (b, key, NULL);
  e->flags |= roles[r].flag;
  if (roles[r].flag == LEX_MODIFIER || roles[r].flag == LEX_HEDGE)
    {
      double s;

      if (n_fields < 3 || !parse_number (fields[2], &s) || s < 0 || s > 4)
        return bad_line (error, file, line, "%s needs a scalar in 0..4",
                         fields[1]);
      e->scalar = strcmp (fields[1], "booster") == 0 ? s : -s;
    }
  return TRUE;
}

/* User lexicons: word<TAB>rating[<TAB>anything], rated later */
typedef struct {
  char *key;
  double rating;
  guint line;
} UserLine;

static gboolean
user_line (Builder *b, const char *file, guint line, char **fields,
           guint n_fields, gpointer data, GError **error)
{
  GArray *lines = data;
  UserLine ul;

  (void) b;
  if (n_fields < 2)
    return bad_line (error, file, line,
                     "expected word<TAB>rating, found no tab");
  if (!(ul.key = line_key (file, line, fields[0], error)))
    return FALSE;
  if (!parse_number (fields[1], &ul.rating))
    {
      g_free (ul.key);
      return bad_line (error, file, line, "rating '%s' is not a number",
                       fields[1]);
    }
  ul.line = line;
  g_array_append_val (lines, ul);
  return TRUE;
}

static void
user_line_clear (gpointer p)
{
  g_free (((UserLine *) p)->key);
}

static gboolean
load_user (Builder *b, const char *path, SentimentLexiconFormat format,
           SentimentLexiconMode mode, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (UserLine));
  gsize len;
  double scale = 1.0;

  g_array_set_clear_func (lines, user_line_clear);
  if (!galley_read_param_file (path, &data, &len, error))
    return FALSE;
  if (!for_each_line (b, data, len, path, user_line, lines, error))
    return FALSE;
  if (lines->len == 0)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: the lexicon has no entries", path);
      return FALSE;
    }

  if (format == SENTIMENT_FORMAT_AUTO)
    {
      /* AFINN files hold integers in -5..5 only; any other value means a
       * VADER-style mean. */
      format = SENTIMENT_FORMAT_AFINN;
      for (guint i = 0; i < lines->len; i++)
        {
          double r = g_array_index (lines, UserLine, i).rating;
          if (r != floor (r) || r < -5 || r > 5)
            {
              format = SENTIMENT_FORMAT_VADER;
              break;
            }
        }
    }
  for (guint i = 0; i < lines->len; i++)
    {
      UserLine *ul = &g_array_index (lines, UserLine, i);

      if (format == SENTIMENT_FORMAT_AFINN &&
          (ul->rating != floor (ul->rating) || ul->rating < -5 || ul->rating > 5))
        return bad_line (error, path, ul->line,
                         "rating %g is not an integer in -5..5 (AFINN format)",
                         ul->rating);
      if (format == SENTIMENT_FORMAT_VADER && (ul->rating < -4 || ul->rating > 4))
        return bad_line (error, path, ul->line,
                         "rating %g is outside -4..4 (VADER format)", ul->rating);
    }
  if (format == SENTIMENT_FORMAT_AFINN)
    scale = 4.0 / 5.0;

  if (mode == SENTIMENT_MODE_REPLACE)
    {
      GHashTableIter it;
      gpointer value;

      g_hash_table_iter_init (&it, b->table);
      while (g_hash_table_iter_next (&it, NULL, &value))
        {
          BuildEntry *e = value;
          e->flags &= ~LEX_HAS_VALENCE;
          e->valence = 0;
        }
    }
  for (guint i = 0; i < lines->len; i++)
    {
      UserLine *ul = &g_array_index (lines, UserLine, i);
      builder_set_valence (b, ul->key, ul->rating * scale);
    }
  return TRUE;
}

static gboolean
load_resource (Builder *b, const char *name, LineFunc func, gpointer data,
               GError **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, name, NULL);
  g_autoptr (GBytes) bytes = NULL;
  gsize len;
  const char *text;

  bytes = g_resource_lookup_data (sentiment_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  text = g_bytes_get_data (bytes, &len);
  return for_each_line (b, text, len, name, func, data, error);
}

static const char *const valence_files[] = {
  "general.tsv", "news.tsv", "idioms.tsv", "emoticons.tsv", NULL
};

gboolean
sentiment_builder_load (Builder *b, const char *path,
                        SentimentLexiconFormat format,
                        SentimentLexiconMode mode, gboolean news_overrides,
                        GError **error)
{
  g_autoptr (GArray) tagged = g_array_new (FALSE, FALSE, sizeof (Tagged));

  g_array_set_clear_func (tagged, tagged_clear);
  for (guint i = 0; valence_files[i]; i++)
    if (!load_resource (b, valence_files[i], valence_line, tagged, error))
      return FALSE;
  /* inflections after every explicit entry, so explicit ones always win */
  for (guint i = 0; i < tagged->len; i++)
    {
      const Tagged *t = &g_array_index (tagged, Tagged, i);
      add_inflections (b, t->key, t->tags, t->valence);
    }
  if (!load_resource (b, "rules.tsv", rule_line, NULL, error))
    return FALSE;
  if (path != NULL && !load_user (b, path, format, mode, error))
    return FALSE;
  if (news_overrides &&
      !load_resource (b, "news-neutral.tsv", valence_line, NULL, error))
    return FALSE;
  return TRUE;
}
