/* wordnet.h: WordNet's proper names, as knowledge for the model.
 *
 * WordNet 3.0 (Debian's wordnet-base) lists some 20,000 capitalised noun
 * lemmas, people, places, organisations and peoples, buildings, works,
 * events, each with the lexicographer file of its synset. A model trained
 * with them (galley train entity-tagger, the default) sees for each token
 * the classes of the longest WordNet name that covers it and its place in
 * that name, and the classes of the token as a word of its own; most of
 * the names the model missed were in no training document and no list of
 * the rules.
 *
 * The file is read at run time, from the system's package, and only when a
 * model that was trained with it is loaded: the rules alone never read it.
 */
#pragma once

#include <glib.h>

#include "tagger.h"

G_BEGIN_DECLS

/* The default directory (parameter wordnet=, galley train --wordnet). */
#define ET_WORDNET_DIR "/usr/share/wordnet"

/* The classes a name may have (bits of a mask), from the lexicographer
 * files that hold names; names only in other files (plants, animals,
 * substances) are left out. */
enum {
  ET_WN_PERSON = 0,        /* noun.person */
  ET_WN_LOCATION,          /* noun.location */
  ET_WN_GROUP,             /* noun.group: organisations, peoples */
  ET_WN_ARTIFACT,          /* noun.artifact: buildings, ships, products */
  ET_WN_ACT,               /* noun.act: wars, campaigns, games */
  ET_WN_COMMUNICATION,     /* noun.communication: books, languages, scriptures */
  ET_WN_EVENT,             /* noun.event */
  ET_WN_N_CLASSES
};

typedef struct _EtWordNet EtWordNet;

/* et_wordnet_load: reads DIR/data.noun. Errors (G_FILE_ERROR) name the
 * file, and the line of a malformed or truncated one; a missing file
 * names the Debian package that provides it. */
EtWordNet *et_wordnet_load (const char *dir, GError **error) G_GNUC_WARN_UNUSED_RESULT;
void et_wordnet_free (EtWordNet *wn);

/* et_wordnet_names: for the tokens [a, b) of @d, the classes of the
 * longest WordNet name that covers each (@span, taken left to right, the
 * first longest wins), its BILOU place in that name plus one (@place, 0
 * outside any), and the classes of the token alone (@word). The arrays
 * are indexed by token, must hold @b entries and must be zero over
 * [a, b) (the caller's allocation clears them once: a memset() of each
 * region's three here took this function from 58 M instructions to 71 M
 * on the real-news file with model=gum); entries outside [a, b) are not
 * touched. */
void et_wordnet_names (const EtWordNet *wn, const Doc *d, guint a, guint b,
                       guint8 *span, guint8 *place, guint8 *word);

G_END_DECLS
