/* wordnet.c: WordNet's proper names (see wordnet.h).
 *
 * data.noun has one synset a line: "OFFSET LEX_FILENUM SS_TYPE W_CNT WORD
 * LEX_ID ... P_CNT POINTERS | GLOSS", W_CNT in hex, a multi-word lemma
 * joined by '_' (Bank_of_England); the licence at its top is indented by
 * two spaces. Only the words are read: a name's classes are the
 * lexicographer files of the synsets that list it.
 *
 * The table keeps no strings: a name is the 64-bit FNV-1a hash of its
 * bytes with '_' read as a space, and a token sequence hashes the same way
 * (its tokens' bytes, a space where the text has one), so matching costs
 * no copy. At 20,000 names a false match of two 64-bit hashes has a
 * chance of about 1e-11 per lookup. Reading is one pass over the mapped
 * file with no allocation but the table's (sized for WordNet 3.0; it
 * doubles when half full), and the words of synsets outside our classes
 * are not read. Measured with callgrind, loading the 15 MB file costs 52
 * million instructions (about 15 ms; a third of it memchr() finding the
 * ends of the lines), once, when a model that uses it is loaded.
 */
#include "config.h"

#include <string.h>

#include "class-table.h"
#include "model.h"
#include "wordnet.h"

/* Longer names (in tokens: "Coca-Cola" is three) are not looked for; the
 * names of more tokens in WordNet are titles of works, which the model's
 * types do not score. */
#define MAX_TOKENS 6

#define FNV_OFFSET G_GUINT64_CONSTANT (0xcbf29ce484222325)
#define FNV_PRIME G_GUINT64_CONSTANT (0x100000001b3)

struct _EtWordNet {
  EtClassTable names;  /* a name's hash | 1: (1 << ET_WN_*) */
};

static inline guint64
fnv_byte (guint64 h, guchar c)
{
  return (h ^ c) * FNV_PRIME;
}

/* The class of a lexicographer file, or -1 for files without names the
 * tagger's types cover. */
static int
lexfile_class (guint lexfile)
{
  switch (lexfile)
    {
    case 18: return ET_WN_PERSON;
    case 15: return ET_WN_LOCATION;
    case 14: return ET_WN_GROUP;
    case 6: return ET_WN_ARTIFACT;
    case 4: return ET_WN_ACT;
    case 10: return ET_WN_COMMUNICATION;
    case 11: return ET_WN_EVENT;
    default: return -1;
    }
}


/* The field at *p (up to a space), moved past it and its space; FALSE
 * when the line ends first. */
static gboolean
next_field (const char **p, const char *eol, const char **field, gsize *len)
{
  const char *sp = memchr (*p, ' ', (gsize) (eol - *p));

  if (sp == NULL || sp == *p)
    return FALSE;
  *field = *p;
  *len = (gsize) (sp - *p);
  *p = sp + 1;
  return TRUE;
}

static gboolean
parse_number (const char *s, gsize len, guint base, guint *out)
{
  guint v = 0;

  if (len == 0 || len > 8)
    return FALSE;
  for (gsize k = 0; k < len; k++)
    {
      int d = g_ascii_xdigit_value (s[k]);

      if (d < 0 || (guint) d >= base)
        return FALSE;
      v = v * base + (guint) d;
    }
  *out = v;
  return TRUE;
}

/* One synset line [p, eol): its capitalised words go in the table under
 * the line's class. Returns NULL, or what is wrong with the line. */
static const char *
parse_synset (EtWordNet *wn, const char *p, const char *eol)
{
  const char *f;
  gsize len;
  guint offset, lexfile, w_cnt;
  int cls;

  if (!next_field (&p, eol, &f, &len) || !parse_number (f, len, 10, &offset))
    return "no synset offset";
  if (!next_field (&p, eol, &f, &len) || !parse_number (f, len, 10, &lexfile))
    return "no lexicographer file number";
  if (!next_field (&p, eol, &f, &len) || len != 1)
    return "no synset type";
  if (!next_field (&p, eol, &f, &len) || !parse_number (f, len, 16, &w_cnt) || w_cnt == 0)
    return "no word count";
  /* most synsets (plants, acts, feelings) hold no name of ours: their
   * words are not read */
  if ((cls = lexfile_class (lexfile)) < 0)
    return NULL;
  for (guint k = 0; k < w_cnt; k++)
    {
      const char *id;
      gsize id_len;
      guint64 h = FNV_OFFSET;

      if (!next_field (&p, eol, &f, &len) || !next_field (&p, eol, &id, &id_len))
        return "fewer words than its word count";
      if (!g_ascii_isupper (f[0]))
        continue;
      for (gsize j = 0; j < len; j++)
        h = fnv_byte (h, f[j] == '_' ? ' ' : (guchar) f[j]);
      et_class_table_add (&wn->names, h | 1, (guint8) (1u << cls));
    }
  return NULL;
}

static gboolean
parse_file (EtWordNet *wn, const char *data, gsize size, const char *path, GError **error)
{
  const char *p = data, *end = data + size;
  guint line = 0;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      const char *what;

      line++;
      if (eol == NULL)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "%s:%u: truncated file (the last line has no end): "
                       "reinstall wordnet-base", path, line);
          return FALSE;
        }
      /* the licence at the top is indented */
      if (*p != ' ' && (what = parse_synset (wn, p, eol)) != NULL)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "%s:%u: not a WordNet data.noun line: %s", path, line, what);
          return FALSE;
        }
      p = eol + 1;
    }
  if (wn->names.n == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: no capitalised names of people, places or groups: "
                   "not WordNet 3.0's data.noun", path);
      return FALSE;
    }
  return TRUE;
}

EtWordNet *
et_wordnet_load (const char *dir, GError **error)
{
  g_autofree char *path = g_build_filename (dir, "data.noun", NULL);
  g_autoptr (GMappedFile) map = NULL;
  EtWordNet *wn;

  map = et_map_list (path, "WordNet 3.0's nouns: install the Debian package wordnet-base, "
                     "or name its directory: wordnet=DIR on the stage, --wordnet DIR "
                     "on galley train and galley eval", error);
  if (map == NULL)
    return NULL;
  wn = g_new0 (EtWordNet, 1);
  /* WordNet 3.0 has 19,700 names of our classes: the table never grows */
  et_class_table_init (&wn->names, 16);
  /* an empty file maps to NULL, and NULL + 0 is undefined */
  if (!parse_file (wn, g_mapped_file_get_length (map) > 0 ? g_mapped_file_get_contents (map) : "",
                   g_mapped_file_get_length (map), path, error))
    {
      et_wordnet_free (wn);
      return NULL;
    }
  return wn;
}

void
et_wordnet_free (EtWordNet *wn)
{
  if (wn == NULL)
    return;
  et_class_table_clear (&wn->names);
  g_free (wn);
}

/* Whether tokens @k - 1 and @k are written as a name's words are: next
 * to each other or one space apart (not across a line). */
static inline gboolean
joined (const Doc *d, guint k, gboolean *space)
{
  guint32 gap = d->toks[k].start - d->toks[k - 1].end;

  *space = gap == 1;
  return gap == 0 || (gap == 1 && d->text[d->toks[k - 1].end] == ' ');
}

void
et_wordnet_names (const EtWordNet *wn, const Doc *d, guint a, guint b,
                  guint8 *span, guint8 *place, guint8 *word)
{
  guint covered = a;

  for (guint i = a; i < b; i++)
    {
      guint best = 0;
      guint8 best_cls = 0;
      guint64 h = FNV_OFFSET;

      if (d->toks[i].cap == CAP_NO)
        continue;
      for (guint k = i; k < b && k < i + MAX_TOKENS; k++)
        {
          const Token *t = &d->toks[k];
          gboolean space = FALSE;
          guint8 cls;

          if (k > i && !joined (d, k, &space))
            break;
          if (space)
            h = fnv_byte (h, ' ');
          for (guint32 j = t->start; j < t->end; j++)
            h = fnv_byte (h, (guchar) d->text[j]);
          if ((cls = et_class_table_get (&wn->names, h | 1)) == 0)
            continue;
          best = k - i + 1;
          best_cls = cls;
          if (k == i)
            word[i] = cls;
        }
      /* the first name found keeps its tokens: "New York City" then
       * not "York" */
      if (best == 0 || i < covered)
        continue;
      for (guint k = i; k < i + best; k++)
        {
          span[k] = best_cls;
          place[k] = 1 + (best == 1 ? BILOU_U : k == i ? BILOU_B
                          : k + 1 == i + best ? BILOU_L : BILOU_I);
        }
      covered = i + best;
    }
}
