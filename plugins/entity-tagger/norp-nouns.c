/* norp-nouns.c: norp-adjectives=false, a group's name only where it is
 * used as a noun.
 *
 * Conventions differ on a nationality, religious or political group
 * word that modifies a noun or names a language: OntoNotes (and the
 * rules by default) tag "Chinese" in "Chinese officials" and "English"
 * in "written in English" as NORP; GUM, whose named mentions are those
 * whose head word is a proper noun, tags only the group itself
 * ("Americans", "the French said"). On GUM's 213 documents, 397 of the
 * rules' 522 false NORPs were such a word followed by another word.
 *
 * A NORP mention is kept as a noun when its last word is a plural
 * ("Americans", "African Americans"; not "Swiss"), or when an article
 * comes before it and no word after it, or a verb that takes the group
 * as its subject ("the French were"). Everything else is an adjective,
 * and is dropped. Rules only: a model learns its convention from its
 * data.
 */
#include "config.h"

#include <string.h>

#include "tagger.h"

static const char *const articles[] = { "the", "The", "a", "A", "an", "An" };

/* the verbs after which "the French" is a group that acts, not a
 * modifier of what follows */
static const char *const group_verbs[] = {
  "were", "are", "was", "is", "had", "have", "who",
};

/* is_plural_word: a word ending in "s" but not "ss" */
static gboolean
is_plural_word (const Doc *d, const Token *t)
{
  gsize n = t->end - t->start;
  const char *s = d->text + t->start;

  return n >= 3 && s[n - 1] == 's' && s[n - 2] != 's';
}

static gboolean
used_as_noun (const Doc *d, const Mention *m)
{
  const Token *next = m->b < d->n ? &d->toks[m->b] : NULL;

  if (is_plural_word (d, &d->toks[m->b - 1]))
    return TRUE;
  if (m->a == 0 || !tok_text_in (d, &d->toks[m->a - 1], articles))
    return FALSE;
  return next == NULL || !tok_is_word (next) || tok_text_in (d, next, group_verbs);
}

void
drop_norp_adjectives (Doc *d)
{
  for (guint i = 0; i < d->n_mentions; i++)
    {
      Mention *m = &d->mentions[i];

      if (m->type == ET_NORP && !used_as_noun (d, m))
        m->type = ET_NONE;
    }
}
