/* abbrev.c: built-in abbreviations, user lists, allocation-free lookup. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <galley/galley.h>

#include "abbrev.h"
#include "chars.h"

typedef struct {
  char key[ABBREV_MAX_KEY + 1];  /* lower case, no final period */
  guint8 klass;                   /* AbbrevClass */
  guint8 cap;                     /* matches only a capitalised word */
  guint8 len;                     /* strlen (key) */
} Entry;

#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u

#define T ABBREV_TITLE
#define M ABBREV_MIDDLE
#define E ABBREV_END
#define N ABBREV_NUMERIC

typedef struct {
  const char *key;
  guint8 klass;
  guint8 cap;
} Builtin;

/* News-grade English abbreviations. Dotted forms not listed here
 * (N.Y. D.C. U.N.) are recognised by shape and count as MIDDLE. */
static const Builtin builtin[] = {
  /* titles and ranks before names */
  { "mr", T, 0 }, { "mrs", T, 0 }, { "ms", T, 1 }, { "messrs", T, 0 },
  { "mmes", T, 0 }, { "dr", T, 0 }, { "drs", T, 0 }, { "prof", T, 0 },
  { "profs", T, 0 }, { "gen", T, 1 }, { "gens", T, 1 }, { "sen", T, 1 },
  { "sens", T, 1 }, { "rep", T, 1 }, { "reps", T, 1 }, { "gov", T, 1 },
  { "govs", T, 1 }, { "lt", T, 1 }, { "col", T, 1 }, { "capt", T, 1 },
  { "cpt", T, 1 }, { "sgt", T, 1 }, { "cpl", T, 1 }, { "pvt", T, 1 },
  { "maj", T, 1 }, { "adm", T, 1 }, { "cmdr", T, 1 }, { "cdr", T, 1 },
  { "brig", T, 1 }, { "rev", T, 1 }, { "revs", T, 1 }, { "hon", T, 1 },
  { "pres", T, 1 }, { "supt", T, 1 }, { "insp", T, 1 }, { "det", T, 1 },
  { "fr", T, 1 }, { "msgr", T, 1 }, { "rt", T, 1 }, { "sra", T, 1 },
  { "mme", T, 1 }, { "mlle", T, 1 }, { "atty", T, 1 }, { "gov.-elect", T, 1 },
  { "lt.-gov", T, 1 }, { "lt.-col", T, 1 }, { "amb", T, 1 }, { "sec", T, 1 },
  { "treas", T, 1 }, { "asst", T, 0 }, { "assoc", T, 0 }, { "dep", T, 1 },
  { "ald", T, 1 }, { "comdr", T, 1 }, { "gen.-elect", T, 1 },
  /* born, died, married, divorced: "(b. 1961)" */
  { "b", M, 0 }, { "d", M, 0 }, { "m", M, 0 }, { "div", M, 0 },
  /* Latin and linking abbreviations that never end a sentence */
  { "e.g", T, 0 }, { "i.e", T, 0 }, { "cf", T, 0 }, { "viz", T, 0 },
  { "vs", T, 0 }, { "v", T, 0 }, { "n.b", T, 0 }, { "ca", N, 0 },
  { "c", N, 0 }, { "approx", T, 0 }, { "a.k.a", T, 0 }, { "incl", T, 0 },
  { "esp", T, 0 }, { "resp", T, 0 }, { "excl", T, 0 },
  /* months and days: before dates, rarely at the end */
  { "jan", M, 1 }, { "feb", M, 1 }, { "mar", M, 1 }, { "apr", M, 1 },
  { "jun", M, 1 }, { "jul", M, 1 }, { "aug", M, 1 }, { "sep", M, 1 },
  { "sept", M, 1 }, { "oct", M, 1 }, { "nov", M, 1 }, { "dec", M, 1 },
  { "mon", M, 1 }, { "tue", M, 1 }, { "tues", M, 1 }, { "wed", M, 1 },
  { "thu", M, 1 }, { "thur", M, 1 }, { "thurs", M, 1 }, { "fri", M, 1 },
  { "sat", M, 1 }, { "sun", M, 1 },
  /* places and addresses */
  { "st", M, 0 }, { "ste", M, 1 }, { "mt", M, 1 }, { "ft", M, 1 },
  { "ave", M, 0 }, { "blvd", M, 0 }, { "rd", M, 1 }, { "hwy", M, 0 },
  { "pl", M, 1 }, { "sq", M, 1 }, { "apt", M, 0 }, { "bldg", M, 0 },
  { "dept", M, 0 }, { "univ", M, 0 }, { "assn", M, 0 }, { "natl", M, 0 },
  { "intl", M, 0 }, { "govt", M, 0 }, { "dist", M, 1 },
  { "est", M, 0 }, { "ed", M, 1 }, { "eds", M, 0 }, { "trans", M, 0 },
  { "repr", M, 0 }, { "jos", M, 1 }, { "wm", M, 1 }, { "chas", M, 1 },
  { "geo", M, 1 }, { "thos", M, 1 }, { "benj", M, 1 }, { "jas", M, 1 },
  /* US states in AP style, often at the end of a dateline or sentence */
  { "ala", M, 1 }, { "ariz", M, 1 }, { "ark", M, 1 }, { "calif", M, 1 },
  { "colo", M, 1 }, { "conn", M, 1 }, { "del", M, 1 }, { "fla", M, 1 },
  { "ga", M, 1 }, { "ill", M, 1 }, { "ind", M, 1 }, { "kan", M, 1 },
  { "kans", M, 1 }, { "ky", M, 1 }, { "la", M, 1 }, { "md", M, 1 },
  { "mass", M, 1 }, { "mich", M, 1 }, { "minn", M, 1 }, { "miss", M, 1 },
  { "mo", M, 1 }, { "mont", M, 1 }, { "neb", M, 1 }, { "nebr", M, 1 },
  { "nev", M, 1 }, { "okla", M, 1 }, { "ore", M, 1 }, { "pa", M, 1 },
  { "penn", M, 1 }, { "tenn", M, 1 }, { "tex", M, 1 }, { "va", M, 1 },
  { "vt", M, 1 }, { "wash", M, 1 }, { "wis", M, 1 }, { "wisc", M, 1 },
  { "wyo", M, 1 }, { "w.va", M, 1 }, { "n.h", M, 1 }, { "n.j", M, 1 },
  { "n.m", M, 1 }, { "n.y", M, 1 }, { "n.c", M, 1 }, { "n.d", M, 1 },
  { "s.c", M, 1 }, { "s.d", M, 1 }, { "r.i", M, 1 }, { "d.c", M, 1 },
  /* dotted forms used as words */
  { "u.s", M, 0 }, { "u.k", M, 0 }, { "u.n", M, 0 }, { "u.s.a", M, 0 },
  { "a.m", M, 0 }, { "p.m", M, 0 }, { "ph.d", M, 0 }, { "b.a", M, 0 },
  { "m.a", M, 0 }, { "m.d", M, 0 }, { "b.c", M, 0 }, { "a.d", M, 0 },
  /* company and name suffixes: they end sentences, but capitalised
   * words follow them inside one too (Apple Inc. CEO Tim Cook, Martin
   * Luther King Jr. Day), so they end one only before a sentence opener */
  { "inc", M, 0 }, { "corp", M, 0 }, { "ltd", M, 0 }, { "co", M, 1 },
  { "cos", M, 1 }, { "plc", M, 0 }, { "bros", M, 0 }, { "jr", M, 0 },
  { "sr", M, 0 }, { "esq", M, 0 }, { "llc", M, 0 }, { "llp", M, 0 },
  { "cie", M, 0 }, { "pty", M, 0 },
  /* often the last word of a sentence */
  { "etc", E, 0 }, { "al", E, 0 },
  /* before numbers only */
  { "no", N, 0 }, { "nos", N, 0 }, { "vol", N, 0 }, { "vols", N, 0 },
  { "p", N, 0 }, { "pp", N, 0 }, { "fig", N, 0 }, { "figs", N, 0 },
  { "art", N, 1 }, { "ch", N, 0 }, { "chap", N, 0 }, { "para", N, 0 },
  { "eq", N, 0 }, { "tab", N, 1 }, { "ex", N, 1 }, { "pt", N, 0 },
  { "pts", N, 0 }, { "nr", N, 0 }, { "op", N, 0 }, { "sect", N, 0 },
};

#undef T
#undef M
#undef E
#undef N

static int
entry_compare (gconstpointer a, gconstpointer b)
{
  return strcmp (((const Entry *) a)->key, ((const Entry *) b)->key);
}

/* Lower-cases @len bytes of @word into @buf (ASCII only; other bytes are
 * kept), FALSE when it does not fit. */
static gboolean
fold_key (const char *word, gsize len, char buf[ABBREV_MAX_KEY + 1])
{
  if (len == 0 || len > ABBREV_MAX_KEY)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    buf[i] = tok_lower (word[i]);
  buf[len] = '\0';
  return TRUE;
}

/* Adds or replaces @key; keeps the array unsorted until the end. */
static void
table_put (GHashTable *index, GArray *entries, const char *key,
           AbbrevClass klass, gboolean cap)
{
  gpointer pos;
  Entry e = { { 0 }, (guint8) klass, (guint8) cap };

  g_strlcpy (e.key, key, sizeof e.key);
  if (g_hash_table_lookup_extended (index, e.key, NULL, &pos))
    {
      g_array_index (entries, Entry, GPOINTER_TO_UINT (pos)) = e;
      return;
    }
  g_array_append_val (entries, e);
  g_hash_table_insert (index, g_strdup (e.key), GUINT_TO_POINTER (entries->len - 1));
}

static gboolean
parse_class (const char *s, AbbrevClass *klass)
{
  static const char *const names[] = { "title", "middle", "end", "numeric" };
  static const AbbrevClass values[] = { ABBREV_TITLE, ABBREV_MIDDLE, ABBREV_END,
                                        ABBREV_NUMERIC };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (s, names[i]) == 0)
      {
        *klass = values[i];
        return TRUE;
      }
  return FALSE;
}

/* Reads the user list @path into @entries. */
static gboolean
load_file (const char *path, GHashTable *index, GArray *entries, GError **error)
{
  g_autofree char *contents = NULL;
  gsize length;
  char *line, *next;
  guint lineno = 0;

  if (!galley_read_param_file (path, &contents, &length, error))
    return FALSE;
  for (line = contents; line != NULL; line = next)
    {
      char *hash, *word, *rest;
      char key[ABBREV_MAX_KEY + 1];
      AbbrevClass klass = ABBREV_MIDDLE;
      gsize wlen;

      lineno++;
      next = strchr (line, '\n');
      if (next)
        *next++ = '\0';
      if ((hash = strchr (line, '#')) != NULL)
        *hash = '\0';
      word = g_strstrip (line);
      if (*word == '\0')
        continue;
      rest = word + strcspn (word, " \t");
      if (*rest != '\0')
        {
          *rest++ = '\0';
          rest = g_strstrip (rest);
          if (!parse_class (rest, &klass))
            {
              g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                           "%s:%u: unknown class '%s' "
                           "(expected title, middle, end or numeric)",
                           path, lineno, rest);
              return FALSE;
            }
        }
      wlen = strlen (word);
      if (wlen > 1 && word[wlen - 1] == '.')
        wlen--;
      if (!fold_key (word, wlen, key) || strchr (key, '.') == key)
        {
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                       "%s:%u: '%s' is not an abbreviation "
                       "(1 to %d bytes, not starting with '.')",
                       path, lineno, word, ABBREV_MAX_KEY);
          return FALSE;
        }
      table_put (index, entries, key, klass, FALSE);
    }
  return TRUE;
}

AbbrevTable *
abbrev_table_new (const char *path, GError **error)
{
  g_autoptr (GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                        g_free, NULL);
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  AbbrevTable *table;

  for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
    table_put (index, entries, builtin[i].key, builtin[i].klass, builtin[i].cap);
  if (path != NULL && !load_file (path, index, entries, error))
    {
      g_array_unref (entries);
      return NULL;
    }
  g_array_sort (entries, entry_compare);
  table = g_new0 (AbbrevTable, 1);
  table->entries = entries;
  table->mask = 63;
  while (table->mask + 1 < entries->len * 2)
    table->mask = table->mask * 2 + 1;
  table->slots = g_new0 (guint32, table->mask + 1);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);
      guint32 h = FNV_OFFSET;
      guint b;

      e->len = (guint8) strlen (e->key);
      b = seen_bit (e->len, (guchar) e->key[0], (guchar) e->key[e->len - 1]);
      table->seen[b / 64] |= G_GUINT64_CONSTANT (1) << (b % 64);
      for (guint k = 0; k < e->len; k++)
        h = (h ^ (guchar) e->key[k]) * FNV_PRIME;
      while (table->slots[h & table->mask] != 0)
        h++;
      table->slots[h & table->mask] = i + 1;
    }
  return table;
}

void
abbrev_table_free (AbbrevTable *table)
{
  if (table == NULL)
    return;
  g_array_unref (table->entries);
  g_free (table->slots);
  g_free (table);
}

guint
abbrev_table_size (const AbbrevTable *table)
{
  return table->entries->len;
}

AbbrevClass
abbrev_table_find (const AbbrevTable *table, const char *word, gsize len)
{
  char key[ABBREV_MAX_KEY + 1];
  const Entry *base = (const Entry *) table->entries->data;
  guint32 h = FNV_OFFSET;
  guint32 slot;

  for (gsize i = 0; i < len; i++)
    {
      key[i] = tok_lower ((guchar) word[i]);
      h = (h ^ (guchar) key[i]) * FNV_PRIME;
    }
  while ((slot = table->slots[h & table->mask]) != 0)
    {
      const Entry *e = &base[slot - 1];

      if (e->len == len && memcmp (e->key, key, len) == 0)
        {
          if (e->cap && !(word[0] >= 'A' && word[0] <= 'Z'))
            return ABBREV_NONE;
          return (AbbrevClass) e->klass;
        }
      h++;
    }
  return ABBREV_NONE;
}
