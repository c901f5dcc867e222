/* lexicon-load.c: fills a Lexicon from the built-in lists (a GResource
 * compiled into the module) and user gazetteers; iso-codes.c reads
 * iso-codes' JSON files.
 *
 * Order matters, as a later phrase replaces an earlier one: the word lists
 * first (iso-codes' loader consults the common words), then iso-codes
 * (lowest priority phrases), then the shipped phrase lists, then user
 * gazetteers.
 */
#include "config.h"

#include <string.h>

#include <galley/galley.h>

#include "entity-tagger-resources.h"
#include "lexicon-load.h"

#define RESOURCE_PREFIX "/org/galley/entity-tagger/"

typedef gboolean (*LineFn) (Lexicon *lex, char *line, const char *file,
                            guint lineno, gpointer data, GError **error);

/* Calls @fn for every line of @text that is not blank or a comment ('#' in
 * the first column). @text is modified in place. */
static gboolean
for_each_line (Lexicon *lex, char *text, const char *file, LineFn fn,
               gpointer data, GError **error)
{
  guint lineno = 0;

  for (char *line = text, *next; line != NULL; line = next)
    {
      gsize len;

      lineno++;
      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      len = strlen (line);
      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      if (line[0] == '#')
        continue;
      if (line[strspn (line, " \t")] == '\0')
        continue;
      if (!fn (lex, line, file, lineno, data, error))
        return FALSE;
    }
  return TRUE;
}

static char *
resource_text (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, name, NULL);
  g_autoptr (GBytes) bytes = g_resource_lookup_data (entity_tagger_get_resource (), path,
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  gsize size;
  const char *data;

  /* the resource is compiled in: a missing entry is a build bug */
  g_assert (bytes != NULL);
  data = g_bytes_get_data (bytes, &size);
  return g_strndup (data, size);
}

/* The last word of @line (multi-word entries like "Air Force" flag it). */
static char *
last_word (char *line)
{
  char *w = g_strstrip (line);
  char *sp = strrchr (w, ' ');

  return sp != NULL ? sp + 1 : w;
}

static gboolean
word_line (Lexicon *lex, char *line, const char *file, guint lineno,
           gpointer data, GError **error)
{
  lexicon_add_word (lex, last_word (line), *(const guint64 *) data);
  return TRUE;
}

static gboolean
has_upper (const char *s)
{
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    if (g_unichar_isupper (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Titles with a capital are phrases (left out of PERSON spans); lower-case
 * roles only flag their last word as context before a name. */
static gboolean
title_line (Lexicon *lex, char *line, const char *file, guint lineno,
            gpointer data, GError **error)
{
  char *w = g_strstrip (line);

  if (has_upper (w))
    lexicon_add_phrase (lex, w, ET_TITLE, NULL);
  else
    lexicon_add_word (lex, last_word (w), LEX_ROLE);
  return TRUE;
}

/* split_tabs: cuts @line at its tabs in place, the first @max_fields
 * fields to @f; returns how many fields the line has (maybe more than
 * @max_fields). g_strsplit() allocated a vector and a copy of each field:
 * 6.2 M instructions of every start for the 4,898 lines of the built-in
 * gazetteers, 0.9 M for the word lists' (callgrind). */
static guint
split_tabs (char *line, char **f, guint max_fields)
{
  guint n = 0;

  for (char *p = line;; n++)
    {
      char *tab = strchr (p, '\t');

      if (n < max_fields)
        f[n] = p;
      if (tab == NULL)
        return n + 1;
      *tab = '\0';
      p = tab + 1;
    }
}

/* WORD<TAB>TYPE: a lower-case place noun and the type of what it names. */
static gboolean
place_context_line (Lexicon *lex, char *line, const char *file, guint lineno,
                    gpointer data, GError **error)
{
  char *f[2];
  guint n = split_tabs (line, f, G_N_ELEMENTS (f));
  guint32 wid;
  int type;

  g_assert (n == 2);
  type = et_type_from_name (f[1]);
  g_assert (type > 0);
  wid = lexicon_add_word (lex, f[0], LEX_PLACE_CONTEXT);
  lexicon_word_info_mut (lex, wid)->place_type = (guint8) type;
  return TRUE;
}

static gboolean
place_word_line (Lexicon *lex, char *line, const char *file, guint lineno,
                 gpointer data, GError **error)
{
  char *f[3];
  guint n = split_tabs (line, f, G_N_ELEMENTS (f));
  guint64 flags;
  guint32 wid;
  int type;

  g_assert (n == 3);
  type = et_type_from_name (f[1]);
  g_assert (type > 0);
  if (strcmp (f[2], "suffix") == 0)
    flags = LEX_PLACE_SUFFIX;
  else if (strcmp (f[2], "prefix") == 0)
    flags = LEX_PLACE_PREFIX;
  else
    flags = LEX_PLACE_BOTH;
  wid = lexicon_add_word (lex, last_word (f[0]), flags);
  lexicon_word_info_mut (lex, wid)->place_type = (guint8) type;
  return TRUE;
}

static const struct {
  const char *name;
  guint64 flag;
} lexical_classes[] = {
  { "MONTH", LEX_MONTH }, { "WEEKDAY", LEX_WEEKDAY }, { "NUMBER", LEX_NUMBER },
  { "ORDINAL", LEX_ORDINAL }, { "MAGNITUDE", LEX_MAGNITUDE },
  { "CURRENCY", LEX_CURRENCY }, { "CURRENCY_SYMBOL", LEX_CURRENCY_SYM },
  { "UNIT", LEX_UNIT }, { "PERCENT", LEX_PERCENT }, { "DATE_UNIT", LEX_DATE_UNIT },
  { "TIME_UNIT", LEX_TIME_UNIT }, { "DATE_WORD", LEX_DATE_WORD },
  { "TIME_WORD", LEX_TIME_WORD }, { "TIME_PART", LEX_TIME_PART },
  { "DATE_REL", LEX_DATE_REL }, { "DATE_MOD", LEX_DATE_MOD },
  { "DATE_AGO", LEX_DATE_AGO }, { "AMPM", LEX_AMPM }, { "TIMEZONE", LEX_TIMEZONE },
  { "FRACTION", LEX_FRACTION }, { "APPROX", LEX_APPROX },
  { "LOC_PREP", LEX_LOC_PREP }, { "SPEECH", LEX_SPEECH },
  { "SPORT", LEX_SPORT }, { "TEAM_VERB", LEX_TEAM_VERB }, { "TEAM_FOR", LEX_TEAM_FOR },
  { "BUILDING_ORG", LEX_BUILDING_ORG }, { "ORG_HOLDING", LEX_ORG_HOLDING },
};

static gboolean
lexical_line (Lexicon *lex, char *line, const char *file, guint lineno,
              gpointer data, GError **error)
{
  char *f[3];
  guint n = split_tabs (line, f, G_N_ELEMENTS (f));
  guint64 flag = 0;
  guint32 wid;
  WordInfo *info;

  g_assert (n >= 2);
  for (guint i = 0; i < G_N_ELEMENTS (lexical_classes); i++)
    if (strcmp (f[1], lexical_classes[i].name) == 0)
      flag = lexical_classes[i].flag;
  g_assert (flag != 0);
  wid = lexicon_add_word (lex, f[0], flag);
  info = lexicon_word_info_mut (lex, wid);
  if (n >= 3)
    {
      if (flag & (LEX_CURRENCY | LEX_CURRENCY_SYM))
        g_strlcpy (info->currency, f[2], sizeof info->currency);
      else if (info->value == 0 || (flag & (LEX_MONTH | LEX_WEEKDAY)))
        info->value = g_ascii_strtoll (f[2], NULL, 10);
    }
  return TRUE;
}

/* "Standard & Poor's", "S&P", "AT&T": news agencies' style writes "and"
 * for the ampersand ("Standard and Poor's said", "S and P", "AT and T",
 * "Johnson and Johnson"), so a listed phrase with one is listed with
 * "and" too, under the listed form's canonical name (issue 17,
 * fifteenth round: on the real-news file "S and P" was a PERSON `P` 155
 * times and "Standard and Poor's" nothing 145). The variant is flagged
 * (lexicon_add_phrase_variant()): a model ignores it, having never seen a
 * listed phrase with a lower-case "and" inside (with model=gum it cut
 * them into fragments: Poor 132, Standard 61, Corp 53 ORGs added on the
 * real-news file). A line for the spelled-out form, before or after,
 * wins and is a phrase like any other. */
static void
add_ampersand_variant (Lexicon *lex, const char *phrase, EtType type, const char *canonical)
{
  g_autoptr (GString) v = NULL;

  if (strchr (phrase, '&') == NULL)
    return;
  v = g_string_sized_new (strlen (phrase) + 8);
  for (const char *p = phrase; *p; p++)
    if (*p == '&')
      g_string_append (v, " and ");
    else
      g_string_append_c (v, *p);
  lexicon_add_phrase_variant (lex, v->str, type, canonical != NULL ? canonical : phrase);
}

/* Whether the lists give @word (@len bytes) a class of its own: a
 * common word, a name, a month, a currency, anything but the start of a
 * phrase. A variant spelling of one word is listed only when it is not
 * such a word already. */
static gboolean
word_has_class (const Lexicon *lex, const char *word, gsize len)
{
  char folded[128];
  int n = lexicon_fold (word, len, folded, sizeof folded);
  guint32 wid;

  if (n <= 0)
    return FALSE;
  wid = lexicon_word_id (lex, folded, n, lexicon_hash (folded, n));
  return wid != LEX_NO_WORD
         && (lexicon_word_info (lex, wid)->flags & ~(LEX_PHRASE_START | LEX_PHRASE_START_LOWER));
}

/* "Nato", "Opec", "Unicef", "Fifa": British papers and broadcasters
 * write an acronym that is said as a word in title case, so a listed
 * acronym of four or more capitals is listed in title case too, with
 * the acronym's type and name (its canonical form where the list gives
 * one; else each spelling is its own norm, in the acronym's cluster,
 * whose key ignores case) (issue 17: on the real-news file "Opec"
 * was an ORG in 22 of its 50 mentions, and then only as a guessed
 * unknown name, "Uefa" in none of 17). Not when the word has another
 * class in the lists ("Wada" is a surname, "Rand" a currency: "WADA"
 * and "RAND" stay as listed), nor for NONE: the listed acronym stays a
 * non-entity, and its word a word. Flagged as a variant, as the
 * ampersand's is: a line for the title-case spelling wins. Four
 * letters, as three are read letter by letter ("FBI", "NHS") and never
 * written "Fbi". */
static void
add_title_case_variant (Lexicon *lex, const char *phrase, EtType type, const char *canonical)
{
  gsize len = strlen (phrase);
  char *v;

  if (type >= ET_N_TYPES || len < 4)
    return;
  for (gsize i = 0; i < len; i++)
    if (phrase[i] < 'A' || phrase[i] > 'Z')
      return;
  if (word_has_class (lex, phrase, len))
    return;
  v = g_ascii_strdown (phrase, len);
  v[0] = phrase[0];
  lexicon_add_phrase_variant (lex, v, type, canonical != NULL ? canonical : phrase);
  g_free (v);
}

/* "Agence France Presse", "Rolls Royce", "Guinea Bissau", "al Qaeda",
 * "African American": a name joined by a hyphen between a letter and a
 * capital is written with a space as often, so a listed phrase with
 * such a hyphen is listed with a space too, under the listed form's
 * canonical name (issue 17, forty-eighth round: "Agence France Presse"
 * was France, a GPE, and Presse, a PERSON). Not when a word the hyphen
 * joins has a class of its own ("Take-Two", "D-Day": "Take Two" in a
 * headline is no company), and not for facilities ("Notre-Dame", the
 * cathedral, where "Notre Dame" is most often the university). Flagged
 * as a variant, as the ampersand's is. */
static void
add_hyphen_variant (Lexicon *lex, const char *phrase, EtType type, const char *canonical)
{
  g_autofree char *v = NULL;
  gboolean any = FALSE;

  if (strchr (phrase, '-') == NULL || type == ET_FAC || type >= ET_N_TYPES)
    return;
  v = g_strdup (phrase);
  for (char *p = v + 1; *p; p++)
    {
      const char *a, *b;

      if (*p != '-' || !g_ascii_isalpha (p[-1]) || !g_ascii_isupper (p[1]))
        continue;
      /* the words on either side */
      for (a = p; a > v && a[-1] != ' ' && a[-1] != '-'; a--)
        ;
      for (b = p + 1; *b && *b != ' ' && *b != '-'; b++)
        ;
      if (word_has_class (lex, a, p - a) || word_has_class (lex, p + 1, b - p - 1))
        return;
      *p = ' ';
      any = TRUE;
    }
  if (any)
    lexicon_add_phrase_variant (lex, v, type, canonical != NULL ? canonical : phrase);
}

/* "Societe Generale", "Credit Lyonnais", "Jose Manuel Barroso": wire
 * services and many sites write names without their accents, so a
 * listed phrase with accented Latin letters is listed without them too
 * (g_str_to_ascii(): "é" e, "ß" ss, "ł" l), under the listed form's
 * name (issue 17: on the real-news file "Credit Lyonnais" was a PERSON
 * 14 times, "Societe Generale" beside it, both listed with accents).
 * Not when a letter has no ASCII form, nor for a phrase of one word,
 * whose bare form is too often another word or name ("Hermès" the
 * company, "Hermes" the god; "Malé", "Male"): on ner-dev the god became
 * an ORG. Flagged as a variant: a line for the bare spelling wins. */
static void
add_ascii_variant (Lexicon *lex, const char *phrase, EtType type, const char *canonical)
{
  g_autofree char *v = NULL;
  gboolean ascii = TRUE;

  for (const char *p = phrase; *p && ascii; p++)
    ascii = (guchar) *p < 0x80;
  if (ascii || type >= ET_N_TYPES)
    return;
  v = g_str_to_ascii (phrase, "C");
  if (strchr (v, '?') != NULL && strchr (phrase, '?') == NULL)
    return;
  if (strchr (v, ' ') == NULL)
    return;
  lexicon_add_phrase_variant (lex, v, type, canonical != NULL ? canonical : phrase);
}

/* "St. Petersburg", "Saint Lucia": British style writes "St" with no
 * full stop ("St Petersburg", "St Louis", which were no place at all),
 * and "St." stands for "Saint" as often as not; a listed phrase that
 * opens with one of the three is listed with the other two too, under
 * the listed form's name (issue 17, eighty-third round). Flagged as a
 * variant: a line for another spelling wins. */
static void
add_saint_variants (Lexicon *lex, const char *phrase, EtType type, const char *canonical)
{
  static const char *const forms[] = { "St. ", "St ", "Saint " };
  const char *rest = NULL;

  for (guint k = 0; k < G_N_ELEMENTS (forms) && rest == NULL; k++)
    if (g_str_has_prefix (phrase, forms[k]))
      rest = phrase + strlen (forms[k]);
  if (rest == NULL || *rest == '\0' || type >= ET_N_TYPES)
    return;
  for (guint k = 0; k < G_N_ELEMENTS (forms); k++)
    if (!g_str_has_prefix (phrase, forms[k]))
      {
        g_autofree char *v = g_strconcat (forms[k], rest, NULL);

        lexicon_add_phrase_variant (lex, v, type, canonical != NULL ? canonical : phrase);
      }
}

/* One gazetteer line: PHRASE<TAB>TYPE[<TAB>CANONICAL]. */
static gboolean
gazetteer_line (Lexicon *lex, char *line, const char *file, guint lineno,
                gpointer data, GError **error)
{
  char *f[3];
  guint n = split_tabs (line, f, G_N_ELEMENTS (f));
  int type;

  if (n < 2 || n > 3)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s:%u: expected PHRASE<TAB>TYPE[<TAB>CANONICAL], "
                   "found %u field%s", file, lineno, n, n == 1 ? "" : "s");
      return FALSE;
    }
  f[0] = g_strstrip (f[0]);
  f[1] = g_strstrip (f[1]);
  if (f[0][0] == '\0')
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s:%u: empty phrase", file, lineno);
      return FALSE;
    }
  type = et_type_from_name (f[1]);
  if (type < 0)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s:%u: unknown type '%s' (expected PERSON, NORP, "
                   "FAC, ORG, GPE, LOC, PRODUCT, EVENT, DATE, TIME, PERCENT, MONEY, "
                   "QUANTITY, ORDINAL, CARDINAL, TITLE or NONE)", file, lineno, f[1]);
      return FALSE;
    }
  if (n == 3)
    f[2] = g_strstrip (f[2]);
  if (!lexicon_add_phrase (lex, f[0], (EtType) type, n == 3 ? f[2] : NULL))
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s:%u: phrase '%s' has no words", file, lineno, f[0]);
      return FALSE;
    }
  add_ampersand_variant (lex, f[0], (EtType) type, n == 3 ? f[2] : NULL);
  add_title_case_variant (lex, f[0], (EtType) type, n == 3 ? f[2] : NULL);
  add_ascii_variant (lex, f[0], (EtType) type, n == 3 ? f[2] : NULL);
  add_hyphen_variant (lex, f[0], (EtType) type, n == 3 ? f[2] : NULL);
  add_saint_variants (lex, f[0], (EtType) type, n == 3 ? f[2] : NULL);
  return TRUE;
}

static void
load_resource (Lexicon *lex, const char *name, LineFn fn, gpointer data)
{
  g_autofree char *text = resource_text (name);
  g_autoptr (GError) error = NULL;

  if (!for_each_line (lex, text, name, fn, data, &error))
    g_error ("built-in list %s: %s", name, error->message);
}

static void
load_words (Lexicon *lex, const char *name, guint64 flags)
{
  load_resource (lex, name, word_line, &flags);
}

/* Small closed classes the rules test by flag rather than by spelling. */
static void
load_grammar (Lexicon *lex)
{
  static const char *const directions[] = {
    "north", "south", "east", "west", "northern", "southern", "eastern",
    "western", "central", "greater", "upper", "lower", "inner", "outer",
    "north-east", "north-west", "south-east", "south-west", "northeast",
    "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "east-central", "west-central", "new",
  };

  for (guint i = 0; i < G_N_ELEMENTS (directions); i++)
    lexicon_add_word (lex, directions[i], LEX_DIRECTION);
  static const char *const function_words[] = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or",
    "but", "by", "with", "from", "as", "vs", "vs.", "over", "after", "into",
  };
  static const char *const closed_words[] = {
    "i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them",
    "my", "your", "his", "its", "our", "their", "this", "that", "these", "those",
    "there", "here", "what", "who", "whom", "which", "when", "where", "why", "how",
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "if",
    "so", "as", "not", "no", "yes", "by", "with", "from", "into", "onto", "upon",
  };
  static const char *const approx_heads[] = {
    "more", "less", "fewer", "greater", "higher", "lower", "at", "up", "close",
    "as", "only", "just", "nearly", "almost",
  };
  static const char *const numeric_words[] = {
    "per", "cent", "aged", "square", "cubic", "percentage", "points", "century",
    "night", "half", "than", "earlier", "later", "the", "one", "a", "an", "of",
    "and", ",", ".", "in", "since", "until", "by", "from", "through", "on",
    "before", "after", "during", "mid", "mid-", "cents", "pence", "season", "term",
    "fall", "zero", "least", "most", "to", "many", "much", "few", "little",
  };

  for (guint i = 0; i < G_N_ELEMENTS (function_words); i++)
    lexicon_add_word (lex, function_words[i], LEX_FUNCTION);
  for (guint i = 0; i < G_N_ELEMENTS (closed_words); i++)
    lexicon_add_word (lex, closed_words[i], LEX_CLOSED);
  for (guint i = 0; i < G_N_ELEMENTS (approx_heads); i++)
    lexicon_add_word (lex, approx_heads[i], LEX_APPROX_HEAD);
  for (guint i = 0; i < G_N_ELEMENTS (numeric_words); i++)
    lexicon_add_word (lex, numeric_words[i], LEX_NUMERIC_WORD);
  lexicon_add_word (lex, "of", LEX_CONNECT_OF);
  lexicon_add_word (lex, "for", LEX_CONNECT_OF);
  lexicon_add_word (lex, "on", LEX_CONNECT_OF);
  lexicon_add_word (lex, "the", LEX_DETERMINER);
  lexicon_add_word (lex, "a", LEX_DETERMINER | LEX_INDEFINITE);
  lexicon_add_word (lex, "an", LEX_DETERMINER | LEX_INDEFINITE);
}

void
lexicon_load_builtin_words (Lexicon *lex)
{
  load_grammar (lex);
  load_words (lex, "common-words.txt", LEX_COMMON);
  load_words (lex, "given-names.txt", LEX_GIVEN);
  load_words (lex, "surnames.txt", LEX_SURNAME);
  load_words (lex, "surnames-first.txt", LEX_SURNAME_FIRST);
  load_words (lex, "particles.txt", LEX_PARTICLE);
  load_words (lex, "org-words.txt", LEX_ORG_WORD);
  load_resource (lex, "place-words.txt", place_word_line, NULL);
  load_words (lex, "org-context.txt", LEX_ORG_CONTEXT);
  load_resource (lex, "place-context.txt", place_context_line, NULL);
  load_resource (lex, "lexical.tsv", lexical_line, NULL);
}

void
lexicon_load_builtin_phrases (Lexicon *lex)
{
  static const char *const gazetteers[] = {
    "regions.tsv", "countries.tsv", "cities.tsv", "places.tsv", "norp.tsv",
    "orgs.tsv", "facilities.tsv", "events.tsv", "products.tsv", "people.tsv",
    "non-entities.tsv",
  };

  load_resource (lex, "titles.txt", title_line, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (gazetteers); i++)
    load_resource (lex, gazetteers[i], gazetteer_line, NULL);
}

gboolean
lexicon_load_gazetteer (Lexicon *lex, const char *path, GError **error)
{
  g_autofree char *contents = NULL;

  if (!galley_read_param_file (path, &contents, NULL, error))
    return FALSE;
  return for_each_line (lex, contents, path, gazetteer_line, NULL, error);
}
