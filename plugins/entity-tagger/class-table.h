/* class-table.h: a set of 64-bit hashes, each with a byte of class bits,
 * and the mapping of the system's lists that fill them.
 *
 * WordNet's names (wordnet.c) and a word list's words (dict.c) are kept
 * as the hashes of their bytes, never as strings, so that a token is
 * looked up with no copy; both need the same table. Open addressing with
 * linear probing, at most half full (it doubles then); at 120,000 keys
 * a false match of two 64-bit hashes has a chance of about 1e-14 per
 * lookup.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint64 *keys;    /* mask + 1 slots; 0 empty, else a key (never 0) */
  guint8 *classes;  /* the class bits of each slot */
  guint mask;
  guint n;
} EtClassTable;

/* et_class_table_init: an empty table of 2^@log2_size slots (a size that
 * holds the expected keys at half full never grows). */
void et_class_table_init (EtClassTable *t, guint log2_size);
void et_class_table_clear (EtClassTable *t);

/* et_class_table_add: or's @bits into @key's classes; @key must not be 0
 * (hashes are stored | 1). */
void et_class_table_add (EtClassTable *t, guint64 key, guint8 bits);

/* et_class_table_slot: the slot of @key, or the empty one where it
 * would go. The first slot to probe is the key times a constant, whose
 * upper half depends on every bit of the key. FNV-1a's own middle bits
 * (key >> 20, as this table first took) barely depend on a word's last
 * byte, so "apple", "apply" and "apples" shared a run of slots: with
 * wamerican's 100,000 words a dictionary lookup cost 325 instructions,
 * 102 M on the 10,569 news-dev articles with model=gum (callgrind, one
 * job); this way 122, 38 M. */
static inline guint
et_class_table_slot (const EtClassTable *t, guint64 key)
{
  guint s = (guint) ((key * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)) >> 32) & t->mask;

  while (t->keys[s] != 0 && t->keys[s] != key)
    s = (s + 1) & t->mask;
  return s;
}

/* et_class_table_get: @key's classes, 0 when absent. Inline: WordNet
 * probes up to six token sequences a capitalised token of the regions,
 * and inline et_wordnet_names() took 71 M instructions instead of 78 M
 * on the real-news file with model=gum (callgrind, one job), the
 * dictionary's lookups 26.4 M instead of 28.6 M. */
static inline guint8
et_class_table_get (const EtClassTable *t, guint64 key)
{
  guint s = et_class_table_slot (t, key);

  return t->keys[s] != 0 ? t->classes[s] : 0;
}

/* et_map_list: maps the file at @path, a list that a Debian package
 * installs. Errors (G_FILE_ERROR) name @path; a missing file's says
 * @hint in brackets (which package, which parameter names another). */
GMappedFile *et_map_list (const char *path, const char *hint, GError **error);

G_END_DECLS
