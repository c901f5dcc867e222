/* dict.c: a spelling dictionary's words (see dict.h).
 *
 * The table keeps no strings: a word is the 64-bit FNV-1a hash of its
 * bytes folded to ASCII lower case, with the ways the list writes it as
 * bits, so a token is looked up with no copy. Possessives ("Apple's") are
 * not read: the tokenizer splits "'s" off.
 *
 * Measured with callgrind (the 10,569 news-dev articles, model=gum, one
 * job): loading wamerican's 104,000 lines costs 16 M instructions, once;
 * the 313,530 lookups of the decoded tokens 29 M, 91 instructions each
 * (26 M, 84 each, since et_class_table_get() is inline).
 * The whole stage costs 1.6% more than with the model trained without
 * the list (3,394 M against 3,340 M), its extra feature's weights
 * included.
 */
#include "config.h"

#include <string.h>

#include "class-table.h"
#include "dict.h"

#define FNV_OFFSET G_GUINT64_CONSTANT (0xcbf29ce484222325)
#define FNV_PRIME G_GUINT64_CONSTANT (0x100000001b3)

struct _EtDict {
  EtClassTable words;  /* a folded word's hash | 1: ET_DICT_* */
};

static guint64
fold_hash (const char *s, gsize len)
{
  guint64 h = FNV_OFFSET;

  /* g_ascii_tolower() is a call a byte: a third of a lookup's cost */
  for (gsize k = 0; k < len; k++)
    {
      guchar c = (guchar) s[k];

      h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32 : c)) * FNV_PRIME;
    }
  return h | 1;
}


/* How the list writes the @len bytes at @w. */
static guint8
word_class (const char *w, gsize len)
{
  gboolean upper = TRUE;

  if (!g_ascii_isupper (w[0]))
    return ET_DICT_LOWER;
  for (gsize k = 1; k < len && upper; k++)
    upper = !g_ascii_islower (w[k]);
  return upper && len > 1 ? ET_DICT_UPPER : ET_DICT_CAP;
}


EtDict *
et_dict_load (const char *path, GError **error)
{
  g_autoptr (GMappedFile) map = NULL;
  const char *p, *end;
  EtDict *dict;

  map = et_map_list (path, "an English word list: install the Debian package wamerican, "
                     "or name another list: dict=FILE on the stage, --dict FILE on "
                     "galley train and galley eval", error);
  if (map == NULL)
    return NULL;
  dict = g_new0 (EtDict, 1);
  /* wamerican-large has 170,000 lines, about 120,000 words once folded */
  et_class_table_init (&dict->words, 18);
  /* an empty file maps to NULL, and NULL + 0 is undefined */
  p = g_mapped_file_get_length (map) > 0 ? g_mapped_file_get_contents (map) : "";
  end = p + g_mapped_file_get_length (map);
  while (p < end)
    {
      const char *eol = memchr (p, '\n', (gsize) (end - p));
      gsize len;

      if (eol == NULL)
        eol = end;
      len = (gsize) (eol - p);
      if (len > 0 && p[len - 1] == '\r')
        len--;
      /* "'s" is a token of its own */
      if (len > 0 && !(len > 2 && p[len - 2] == '\'' && p[len - 1] == 's'))
        et_class_table_add (&dict->words, fold_hash (p, len), word_class (p, len));
      p = eol + 1;
    }
  if (dict->words.n == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: no words: not a word list (one word a line)", path);
      et_dict_free (dict);
      return NULL;
    }
  return dict;
}

void
et_dict_free (EtDict *dict)
{
  if (dict == NULL)
    return;
  et_class_table_clear (&dict->words);
  g_free (dict);
}

guint
et_dict_classes (const EtDict *dict, const char *word, gsize len)
{
  return dict == NULL || len == 0 ? 0 : et_class_table_get (&dict->words, fold_hash (word, len));
}
