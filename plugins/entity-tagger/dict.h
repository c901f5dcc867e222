/* dict.h: a spelling dictionary's words, as knowledge for the model.
 *
 * SCOWL's word lists (Debian's wamerican, wbritish-large, ...:
 * /usr/share/dict/NAME, one word a line) say how English writes a word:
 * only in lower case (a common word: "apple"), only capitalised (a proper
 * noun: "Appleton"), in capitals (an acronym: "NASA"), or several of
 * these ("Apple", "apple"). A model trained with a list sees those
 * classes for each token it decodes; a word the list lacks is evidence
 * too (most names the model missed are in no list of the rules).
 *
 * The file is read at run time, from the system's package, and only when a
 * model trained with it is loaded.
 */
#pragma once

#include <glib.h>

#include "tagger.h"

G_BEGIN_DECLS

/* How the dictionary writes a word (bits of et_dict_classes()). */
enum {
  ET_DICT_LOWER = 1 << 0,  /* all lower case: "apple" */
  ET_DICT_CAP = 1 << 1,    /* capitalised: "Appleton", "McDonald" */
  ET_DICT_UPPER = 1 << 2,  /* all capitals, two letters or more: "NASA" */
};

/* The default list (parameter dict=, galley train --dict): Debian's
 * wamerican, SCOWL's size 50; of the sizes measured it helped the model
 * most (docs/plugins/entity-tagger.md). */
#define ET_DICT_PATH "/usr/share/dict/american-english"

typedef struct _EtDict EtDict;

/* et_dict_load: reads the word list at @path. Errors (G_FILE_ERROR) name
 * the file; a missing one names the Debian package that provides it. */
EtDict *et_dict_load (const char *path, GError **error) G_GNUC_WARN_UNUSED_RESULT;
void et_dict_free (EtDict *dict);

/* et_dict_classes: the ET_DICT_* bits of the @len bytes at @word, read
 * without regard to ASCII case; 0 when the list lacks it, or when
 * @dict is NULL (no list: the rules go without one). */
guint et_dict_classes (const EtDict *dict, const char *word, gsize len);

G_END_DECLS
