/* lexicon.c: building and reading the sentiment lexicon.
 *
 * Building happens once, in the stage's create(): the built-in data files
 * (a GResource compiled into the module) and an optional user file are
 * parsed into a GHashTable of BuildEntry keyed by the normalised word or
 * phrase; merge and replace act on that table. Then the table is compiled
 * into the read-only form the scorer uses:
 *
 *  - entries: one flat array of SentimentEntry, words and phrases alike;
 *  - a word index: open addressing over (FNV-1a hash, entry index) slots
 *    at most half full, so a lookup is one hash of the lowercased token,
 *    usually one probe and one memcmp. No allocation, no locking;
 *  - a phrase trie over word entries: edges (node, word entry) -> child
 *    in a second open-addressing table; a phrase's words are ordinary
 *    word entries (added with no valence when they are not words of their
 *    own), and the first word of every phrase carries LEX_PHRASE_START so
 *    the scorer walks the trie only from the few tokens that can start one.
 *
 * The lookup is the hot path of the stage (one per token); the shapes
 * above keep it at about 10 ns per token on the benchmark corpus.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <galley/galley.h>

#include "lexicon.h"
#include "sentiment-resources.h"

#define RESOURCE_PREFIX "/org/galley/sentiment/"

/* 64 Kbit (8 KiB): with ~9,000 words, about 5% of absent words pass */
#define BLOOM_BITS 65536
#define BLOOM_A(h) (((h) >> 32) & (BLOOM_BITS - 1))
#define BLOOM_B(h) (((h) >> 48) & (BLOOM_BITS - 1))

typedef struct {
  float valence;
  float scalar;
  guint32 flags;
  gboolean generated;  /* an inflection made by the morphology rules */
} BuildEntry;

typedef struct {
  guint32 hash;
  guint32 index;  /* entry index + 1; 0 marks an empty slot */
} Slot;

typedef struct {
  guint64 key;    /* (node << 32) | word entry; 0 marks an empty edge */
  guint32 child;
} Edge;

struct _SentimentLexicon {
  SentimentEntry *entries;
  guint n_entries;
  guint64 *pool;        /* the word keys, each zero-padded to 8-byte chunks */
  guint32 *key_offset;  /* per entry: index of its first chunk in @pool */
  guint16 *key_len;     /* per entry: key length; 0 for phrases */
  Slot *slots;
  guint32 slot_mask;
  guint64 *bloom;       /* BLOOM_BITS bits, two per word: most tokens are not
                         * in the lexicon and stop here, in L1 cache */
  Edge *edges;
  guint32 edge_mask;
  gint32 *node_entry;   /* per trie node: the phrase ending there, or -1 */
  guint32 n_nodes;
  guint n_words;
  guint n_phrases;
};

/* Normalisation shared by keys and tokens */

/* ASCII lowercase of 8 bytes at once: a byte in 'A'..'Z' gains 0x20;
 * bytes >= 0x80 (UTF-8 sequences) are left alone. */
static inline guint64
lower8 (guint64 x)
{
  guint64 heptets = x & G_GUINT64_CONSTANT (0x7f7f7f7f7f7f7f7f);
  guint64 ge_a = heptets + G_GUINT64_CONSTANT (0x3f3f3f3f3f3f3f3f);
  guint64 gt_z = heptets + G_GUINT64_CONSTANT (0x2525252525252525);
  guint64 upper = ge_a & ~gt_z & ~x & G_GUINT64_CONSTANT (0x8080808080808080);

  return x | (upper >> 2);
}

#define HASH_MUL G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)

/* Lowercases @len (<= SENTIMENT_MAX_WORD) bytes of @s into @buf, 8 bytes
 * at a time, zero-padding the last chunk, and hashes the chunks on the
 * way. Word-at-a-time rather than FNV-1a's byte-at-a-time multiply chain.
 * The last partial chunk is read as the 8 bytes that end the word, shifted
 * (when @back_ok says those bytes are readable, or the word is longer than
 * 8), rather than copied into a zeroed word: that copy stalled store
 * forwarding and cost a quarter of the lookup's time. */
static inline guint64
fold_hash (const char *s, gsize len, gboolean back_ok, guint64 *buf)
{
  guint64 h = len * HASH_MUL;
  gsize i = 0, n = 0;

  for (; i + 8 <= len; i += 8, n++)
    {
      guint64 c;
      memcpy (&c, s + i, 8);
      buf[n] = c = lower8 (c);
      h = (h ^ c) * HASH_MUL;
      h ^= h >> 32;
    }
  if (i < len)
    {
      gsize rem = len - i;
      guint64 c = 0;

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
      if (len >= 8 || back_ok)
        {
          memcpy (&c, s + len - 8, 8);
          c >>= 8 * (8 - rem);
        }
      else
#endif
        for (gsize k = 0; k < rem; k++)
          c |= (guint64) (guchar) s[i + k] << (8 * k);
      buf[n] = c = lower8 (c);
      h = (h ^ c) * HASH_MUL;
      h ^= h >> 32;
    }
  return h;
}

/* Lowercases @len bytes of UTF-8 at @s into @buf (@cap bytes), reading the
 * typographic apostrophes as '. Returns the length, or -1 when it does not
 * fit. */
static gssize
fold_word (const char *s, gsize len, char *buf, gsize cap)
{
  const char *p = s, *end = s + len;
  gsize n = 0;

  while (p < end)
    {
      guchar c = *p;

      if (c < 0x80)
        {
          if (n >= cap)
            return -1;
          buf[n++] = g_ascii_tolower (c);
          p++;
        }
      else
        {
          gunichar u = g_utf8_get_char_validated (p, end - p);
          char tmp[6];
          int l;

          if (u == (gunichar) -1 || u == (gunichar) -2)
            return -1;
          p = g_utf8_next_char (p);
          if (u == 0x2019 || u == 0x2018 || u == 0x02BC)
            u = '\'';
          else
            u = g_unichar_tolower (u);
          l = g_unichar_to_utf8 (u, tmp);
          if (n + l > cap)
            return -1;
          memcpy (buf + n, tmp, l);
          n += l;
        }
    }
  return n;
}

/* Splits a normalised key into words: on spaces, and a trailing n't off a
 * word the way the tokenizer splits clitics ("don't" -> "do" "n't"). */
static GPtrArray *
split_phrase (const char *key)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) parts = g_strsplit (key, " ", -1);

  for (char **w = parts; *w; w++)
    {
      gsize l = strlen (*w);

      if (l == 0)
        continue;
      if (l > 3 && g_str_has_suffix (*w, "n't"))
        {
          g_ptr_array_add (words, g_strndup (*w, l - 3));
          g_ptr_array_add (words, g_strdup ("n't"));
        }
      else
        g_ptr_array_add (words, g_strdup (*w));
    }
  return words;
}

/* A key in its stored form: words folded, single spaces. NULL when a word
 * is longer than SENTIMENT_MAX_WORD. */
static char *
normalize_key (const char *text, gsize len)
{
  GString *out = g_string_sized_new (len + 1);
  const char *p = text, *end = text + len;

  while (p < end)
    {
      const char *w;
      char buf[SENTIMENT_MAX_WORD];
      gssize n;

      while (p < end && (*p == ' ' || *p == '\t'))
        p++;
      if (p == end)
        break;
      w = p;
      while (p < end && *p != ' ' && *p != '\t')
        p++;
      n = fold_word (w, p - w, buf, sizeof buf);
      if (n < 0)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_len (out, buf, n);
    }
  return g_string_free (out, FALSE);
}

/* Building */

typedef struct {
  GHashTable *table;  /* char* key -> BuildEntry* */
} Builder;

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
  char *key = normalize_key (field, strlen (field));

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

/* Built-in valence files: word<TAB>valence[<TAB>tags] */
static gboolean
valence_line (Builder *b, const char *file, guint line, char **fields,
              guint n_fields, gpointer data, GError **error)
{
  GPtrArray *tagged = data;
  g_autofree char *key = NULL;
  double v;

  if (n_fields < 2)
    return bad_line (error, file, line, "expected word<TAB>valence");
  if (!(key = line_key (file, line, fields[0], error)))
    return FALSE;
  if (!parse_number (fields[1], &v) || v < -4 || v > 4)
    return bad_line (error, file, line, "valence '%s' is not a number in -4..4",
                     fields[1]);
  builder_set_valence (b, key, v);
  if (n_fields >= 3 && fields[2][0] != '\0')
    g_ptr_array_add (tagged, g_strdup_printf ("%s\t%s\t%g", key, fields[2], v));
  else if (tagged != NULL && guess_tags (key) != NULL)
    g_ptr_array_add (tagged, g_strdup_printf ("%s\t%s\t%g", key, guess_tags (key), v));
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
  g_autoptr (GError) local = NULL;
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (UserLine));
  gsize len;
  double scale = 1.0;

  g_array_set_clear_func (lines, user_line_clear);
  if (!g_file_get_contents (path, &data, &len, &local))
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "cannot read lexicon: %s", local->message);
      return FALSE;
    }
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

/* Compiling */

static guint32
next_pow2 (guint32 n)
{
  guint32 p = 16;

  while (p < n)
    p <<= 1;
  return p;
}

static inline guint64
edge_key (guint32 node, guint32 word)
{
  return ((guint64) node << 32) | ((guint64) word + 1);
}

static guint32
edge_hash (guint64 key)
{
  key ^= key >> 29;
  key *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  key ^= key >> 32;
  return (guint32) key;
}

static void
word_insert (SentimentLexicon *lex, guint32 index)
{
  guint64 buf[SENTIMENT_MAX_WORD / 8 + 1];
  guint64 h64 = fold_hash ((const char *) (lex->pool + lex->key_offset[index]),
                           lex->key_len[index], FALSE, buf);
  guint32 h = (guint32) h64;
  guint32 i = h & lex->slot_mask;

  lex->bloom[BLOOM_A (h64) / 64] |= G_GUINT64_CONSTANT (1) << (BLOOM_A (h64) % 64);
  lex->bloom[BLOOM_B (h64) / 64] |= G_GUINT64_CONSTANT (1) << (BLOOM_B (h64) % 64);

  while (lex->slots[i].index != 0)
    i = (i + 1) & lex->slot_mask;
  lex->slots[i].hash = h;
  lex->slots[i].index = index + 1;
}

static guint32
edge_get_or_add (SentimentLexicon *lex, guint32 node, guint32 word,
                 guint32 *n_nodes)
{
  guint64 key = edge_key (node, word);
  guint32 i = edge_hash (key) & lex->edge_mask;

  while (lex->edges[i].key != 0)
    {
      if (lex->edges[i].key == key)
        return lex->edges[i].child;
      i = (i + 1) & lex->edge_mask;
    }
  lex->edges[i].key = key;
  lex->edges[i].child = (*n_nodes)++;
  return lex->edges[i].child;
}

static int
compare_keys (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static SentimentLexicon *
compile (Builder *b)
{
  SentimentLexicon *lex = g_new0 (SentimentLexicon, 1);
  g_autoptr (GPtrArray) words = g_ptr_array_new ();
  g_autoptr (GPtrArray) phrases = g_ptr_array_new ();
  g_autoptr (GHashTable) word_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) split = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GHashTableIter it;
  gpointer key, value;
  GString *pool = g_string_new (NULL);
  guint n_edges = 0, n_nodes = 1;

  /* Words first (sorted, so the build is deterministic), then the words
   * phrases use that are not words of their own, then phrases. */
  g_hash_table_iter_init (&it, b->table);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      BuildEntry *e = value;
      if (e->flags == 0)
        continue;  /* valence dropped by lexicon-mode=replace */
      g_ptr_array_add (strchr (key, ' ') ? phrases : words, key);
    }
  g_ptr_array_sort (words, compare_keys);
  g_ptr_array_sort (phrases, compare_keys);
  for (guint i = 0; i < phrases->len; i++)
    {
      GPtrArray *w = split_phrase (g_ptr_array_index (phrases, i));
      g_ptr_array_add (split, w);
      n_edges += w->len;
    }
  /* a single word may become a "phrase" of two tokens (don't -> do n't) */
  for (guint i = 0; i < words->len; i++)
    {
      GPtrArray *w = split_phrase (g_ptr_array_index (words, i));
      if (w->len > 1)
        n_edges += w->len;
      g_ptr_array_unref (w);
    }

  lex->n_entries = 0;
  {
    /* every word may also become a phrase (don't), every edge a word */
    gsize cap = 2 * words->len + phrases->len + n_edges + 1;
    lex->entries = g_new0 (SentimentEntry, cap);
    lex->key_offset = g_new0 (guint32, cap);
    lex->key_len = g_new0 (guint16, cap);
  }

#define ADD_WORD(k, e_) G_STMT_START { \
    guint32 idx_ = lex->n_entries++; \
    lex->entries[idx_].valence = (e_)->valence; \
    lex->entries[idx_].scalar = (e_)->scalar; \
    lex->entries[idx_].flags = (e_)->flags; \
    lex->key_offset[idx_] = pool->len / 8; \
    lex->key_len[idx_] = strlen (k); \
    g_string_append_len (pool, (k), strlen (k)); \
    while (pool->len % 8 != 0) \
      g_string_append_c (pool, '\0'); \
    g_hash_table_insert (word_index, (gpointer) (k), GUINT_TO_POINTER (idx_ + 1)); \
  } G_STMT_END

  for (guint i = 0; i < words->len; i++)
    {
      const char *k = g_ptr_array_index (words, i);
      BuildEntry *e = g_hash_table_lookup (b->table, k);
      /* a word the tokenizer may split (don't) is added both ways */
      ADD_WORD (k, e);
      if (e->flags & LEX_HAS_VALENCE)
        lex->n_words++;
    }
  /* words that only occur inside phrases (or split words) */
  {
    static const BuildEntry none = { 0, 0, 0, FALSE };
    GPtrArray *pending = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < words->len; i++)
      {
        const char *k = g_ptr_array_index (words, i);
        GPtrArray *w = split_phrase (k);
        if (w->len > 1)
          {
            g_ptr_array_add (phrases, (gpointer) k);
            g_ptr_array_add (split, w);
          }
        else
          g_ptr_array_unref (w);
      }
    for (guint i = 0; i < split->len; i++)
      {
        GPtrArray *w = g_ptr_array_index (split, i);
        for (guint j = 0; j < w->len; j++)
          {
            const char *wk = g_ptr_array_index (w, j);
            if (!g_hash_table_contains (word_index, wk))
              {
                char *owned = g_strdup (wk);
                g_ptr_array_add (pending, owned);
                ADD_WORD (owned, &none);
              }
          }
      }
    /* the pool now owns copies of the keys; word_index's keys are only
     * needed until the trie is built */
    /* copied so that the chunks are 8-byte aligned */
    lex->pool = g_new0 (guint64, pool->len / 8 + 1);
    memcpy (lex->pool, pool->str, pool->len);
    lex->slot_mask = next_pow2 (lex->n_entries * 2 + 1) - 1;
    lex->slots = g_new0 (Slot, lex->slot_mask + 1);
    lex->bloom = g_new0 (guint64, BLOOM_BITS / 64);
    for (guint32 i = 0; i < lex->n_entries; i++)
      word_insert (lex, i);

    /* the trie */
    lex->edge_mask = next_pow2 (n_edges * 2 + 1) - 1;
    lex->edges = g_new0 (Edge, lex->edge_mask + 1);
    lex->node_entry = g_new (gint32, n_edges + 1);
    lex->node_entry[0] = -1;
    for (guint i = 0; i < phrases->len; i++)
      {
        const char *k = g_ptr_array_index (phrases, i);
        BuildEntry *e = g_hash_table_lookup (b->table, k);
        GPtrArray *w = g_ptr_array_index (split, i);
        guint32 node = 0, idx = lex->n_entries++;

        lex->entries[idx].valence = e->valence;
        lex->entries[idx].scalar = e->scalar;
        lex->entries[idx].flags = e->flags;
        if (e->flags & LEX_HAS_VALENCE)
          lex->n_phrases++;
        for (guint j = 0; j < w->len; j++)
          {
            guint32 word = GPOINTER_TO_UINT (
              g_hash_table_lookup (word_index, g_ptr_array_index (w, j))) - 1;
            guint32 before = n_nodes;

            if (j == 0)
              lex->entries[word].flags |= LEX_PHRASE_START;
            node = edge_get_or_add (lex, node, word, &n_nodes);
            if (n_nodes != before)
              lex->node_entry[node] = -1;
          }
        lex->node_entry[node] = idx;
      }
    lex->n_nodes = n_nodes;
    g_ptr_array_unref (pending);
  }
#undef ADD_WORD
  g_string_free (pool, TRUE);
  return lex;
}

/* Public API */

static const char *const valence_files[] = {
  "general.tsv", "news.tsv", "idioms.tsv", "emoticons.tsv", NULL
};

SentimentLexicon *
sentiment_lexicon_new (const char *path, SentimentLexiconFormat format,
                       SentimentLexiconMode mode, gboolean news_overrides,
                       GError **error)
{
  Builder b;
  g_autoptr (GPtrArray) tagged = g_ptr_array_new_with_free_func (g_free);
  SentimentLexicon *lex = NULL;

  b.table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; valence_files[i]; i++)
    if (!load_resource (&b, valence_files[i], valence_line, tagged, error))
      goto out;
  /* inflections after every explicit entry, so explicit ones always win */
  for (guint i = 0; i < tagged->len; i++)
    {
      g_auto (GStrv) f = g_strsplit (g_ptr_array_index (tagged, i), "\t", 3);
      add_inflections (&b, f[0], f[1], g_ascii_strtod (f[2], NULL));
    }
  if (!load_resource (&b, "rules.tsv", rule_line, NULL, error))
    goto out;
  if (path != NULL && !load_user (&b, path, format, mode, error))
    goto out;
  if (news_overrides &&
      !load_resource (&b, "news-neutral.tsv", valence_line, tagged, error))
    goto out;
  lex = compile (&b);
out:
  g_hash_table_unref (b.table);
  return lex;
}

void
sentiment_lexicon_free (SentimentLexicon *lex)
{
  if (lex == NULL)
    return;
  g_free (lex->entries);
  g_free (lex->pool);
  g_free (lex->key_offset);
  g_free (lex->key_len);
  g_free (lex->slots);
  g_free (lex->bloom);
  g_free (lex->edges);
  g_free (lex->node_entry);
  g_free (lex);
}

static inline int
probe (const SentimentLexicon *lex, guint64 h64, const guint64 *buf, gsize len)
{
  guint32 h = (guint32) h64;
  guint32 i = h & lex->slot_mask;

  if (!(lex->bloom[BLOOM_A (h64) / 64] & (G_GUINT64_CONSTANT (1) << (BLOOM_A (h64) % 64))) ||
      !(lex->bloom[BLOOM_B (h64) / 64] & (G_GUINT64_CONSTANT (1) << (BLOOM_B (h64) % 64))))
    return -1;
  for (;;)
    {
      const Slot *s = &lex->slots[i];
      if (s->index == 0)
        return -1;
      if (s->hash == h && lex->key_len[s->index - 1] == len)
        {
          const guint64 *key = lex->pool + lex->key_offset[s->index - 1];
          gsize n = (len + 7) / 8, k;

          for (k = 0; k < n && key[k] == buf[k]; k++)
            ;
          if (k == n)
            return s->index - 1;
        }
      i = (i + 1) & lex->slot_mask;
    }
}

int
sentiment_lexicon_lookup (const SentimentLexicon *lex, const char *word,
                          gsize len)
{
  guint64 buf[SENTIMENT_MAX_WORD / 8 + 1];

  if (len > SENTIMENT_MAX_WORD)
    return -1;
  return probe (lex, fold_hash (word, len, FALSE, buf), buf, len);
}

/* The rare path: a token with non-ASCII bytes is folded character by
 * character first. Kept out of line so that the ASCII path has a small
 * stack frame. */
G_GNUC_NO_INLINE static int
lookup_non_ascii (const SentimentLexicon *lex, const char *text, gsize len)
{
  guint64 buf[SENTIMENT_MAX_WORD / 8 + 1];
  char folded[SENTIMENT_MAX_WORD];
  gssize n = fold_word (text, len, folded, sizeof folded);

  if (n < 0)
    return -1;
  return probe (lex, fold_hash (folded, n, FALSE, buf), buf, n);
}

int
sentiment_lexicon_lookup_token (const SentimentLexicon *lex, const char *text,
                                gsize len, gboolean non_ascii, gboolean back_ok)
{
  guint64 buf[SENTIMENT_MAX_WORD / 8 + 1];

  if (len > SENTIMENT_MAX_WORD)
    return -1;
  if (G_UNLIKELY (non_ascii))
    return lookup_non_ascii (lex, text, len);
  return probe (lex, fold_hash (text, len, back_ok, buf), buf, len);
}

const SentimentEntry *
sentiment_lexicon_get (const SentimentLexicon *lex, int index)
{
  return &lex->entries[index];
}

guint32
sentiment_lexicon_phrase_step (const SentimentLexicon *lex, guint32 node,
                               int word)
{
  guint64 key;
  guint32 i;

  if (word < 0)
    return 0;
  key = edge_key (node, word);
  i = edge_hash (key) & lex->edge_mask;
  while (lex->edges[i].key != 0)
    {
      if (lex->edges[i].key == key)
        return lex->edges[i].child;
      i = (i + 1) & lex->edge_mask;
    }
  return 0;
}

int
sentiment_lexicon_phrase_entry (const SentimentLexicon *lex, guint32 node)
{
  return node < lex->n_nodes ? lex->node_entry[node] : -1;
}

guint
sentiment_lexicon_get_n_words (const SentimentLexicon *lex)
{
  return lex->n_words;
}

guint
sentiment_lexicon_get_n_phrases (const SentimentLexicon *lex)
{
  return lex->n_phrases;
}

double
sentiment_lexicon_valence (const SentimentLexicon *lex, const char *text)
{
  g_autofree char *key = normalize_key (text, strlen (text));
  g_autoptr (GPtrArray) words = NULL;
  const SentimentEntry *e = NULL;

  if (key == NULL || *key == '\0')
    return NAN;
  words = split_phrase (key);
  if (words->len == 1)
    {
      int idx = sentiment_lexicon_lookup (lex, key, strlen (key));
      if (idx >= 0)
        e = &lex->entries[idx];
    }
  else
    {
      guint32 node = 0;
      int idx;

      for (guint i = 0; i < words->len && (i == 0 || node != 0); i++)
        {
          const char *w = g_ptr_array_index (words, i);
          node = sentiment_lexicon_phrase_step (
            lex, node, sentiment_lexicon_lookup (lex, w, strlen (w)));
        }
      idx = node != 0 ? sentiment_lexicon_phrase_entry (lex, node) : -1;
      if (idx >= 0)
        e = &lex->entries[idx];
    }
  return e && (e->flags & LEX_HAS_VALENCE) ? e->valence : NAN;
}
