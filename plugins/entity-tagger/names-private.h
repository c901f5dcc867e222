/* names-private.h: what the files of the names scanner share (names.c
 * says how a run of capitalised tokens becomes names, and which file
 * does what). Not installed; only the names*.c files include it.
 */
#pragma once

#include "tagger.h"

G_BEGIN_DECLS

#define MAX_UNITS 12

typedef enum {
  U_CAP,   /* one capitalised token */
  U_GAZ,   /* a gazetteer phrase */
} UnitKind;

typedef struct {
  guint32 a, b;
  guint8 kind;
  guint8 type;           /* U_GAZ: the phrase type */
  guint8 after_of;       /* joined to the unit before by "of"/"for" */
  const char *canonical;
} Unit;

static inline const Token *
tk (const Doc *d, guint i)
{
  return &d->toks[i];
}

static inline gboolean
unit_is_cap_with (const Doc *d, const Unit *u, guint64 flags)
{
  return u->kind == U_CAP && (tok_lex (d, tk (d, u->a)) & flags) != 0;
}

/* A unit whose only token is a known word with @flags (gazetteer or not):
 * "Jordan" is a GPE and a given name. */
static inline gboolean
unit_single_with (const Doc *d, const Unit *u, guint64 flags)
{
  return u->b == u->a + 1 && (tok_lex (d, tk (d, u->a)) & flags) != 0;
}

static inline gboolean
is_name_type (guint8 type)
{
  return type != ET_NONE && type != ET_TITLE && type != ET_BLOCK;
}

/* names-scan.c: where a run starts and what it holds */
gboolean line_ends_within (const Doc *d, guint a, guint b);
guint heading_start (const Doc *d, guint j);
gboolean heading_name (const Doc *d, guint j);
gboolean plural_shape (const Doc *d, const Token *t);
gboolean company_ahead (const Doc *d, guint j);
gboolean dateline_tail (const Doc *d, guint b);
gboolean upper_word (const Doc *d, guint j);
gboolean unit_starts_at (const Doc *d, guint j, gboolean first, Unit *u);
gboolean letters_and (const Doc *d, guint j);

/* names-words.c: what a word or a run of words looks like */
gboolean place_possessor (const Doc *d, guint clitic);
gboolean possessive_word (const Doc *d, const Token *t);
gboolean roman_numeral (const Doc *d, const Token *t);
gboolean counted_acronym (const Doc *d, guint a, guint b);
gboolean leader_noun (const Doc *d, const Token *t);
gboolean plural_before_plural (const Doc *d, const Token *t, const Token *next);
gboolean name_like (const Doc *d, const Unit *u, guint lo, guint hi, gboolean place_last);
gboolean person_mixed_case (const Doc *d, const Token *t);
gboolean letters_only (const Doc *d, const Token *t);
gboolean acronym_defines_term (const Doc *d, guint a);
gboolean agreement_word (const Doc *d, const Token *t);
gboolean acronym_spelled_after (const Doc *d, guint a);
gboolean acronym_is_org (const Doc *d, guint a);
gboolean capital_last_only (const Doc *d, const Token *t);
gboolean plural_acronym (const Doc *d, const Token *t);
gboolean has_letters_and_digits (const Doc *d, const Token *t);
gboolean common_word (const Doc *d, const Token *t);

/* names-context.c: what the words around a name say */
const char *word_state_at (const Doc *d, guint j);
gboolean followed_by_place (const Doc *d, guint j);
gboolean org_holding_context (const Doc *d, guint a, guint b);
EtType context_type (const Doc *d, guint a, guint b);

/* "Air" opens an airline's name in English: Air Lanka, Air Deccan
 * (issue 17, seventieth round: "Air Lanka said" was a person, Lanka),
 * at a sentence's start too, before a capitalised word (unit_at(),
 * seventy-fifth round). */
static inline G_ALWAYS_INLINE gboolean
airline_first (const Doc *d, const Token *t)
{
  return tok_text_eq (d, t, "Air");
}

/* names-single.c: a run of one unit */
gboolean caps_name_words (const Doc *d, const Unit *u, guint k);
void classify_single (Doc *d, const Unit *u);

/* names-rules.c: a run of several units */
void classify_plain (Doc *d, Unit *u, guint k);

/* names.c: a run split at its titles, and its mentions added */
void add_name (Doc *d, guint32 a, guint32 b, EtType type, guint strength, const char *canonical);
void classify_run (Doc *d, Unit *u, guint k);

G_END_DECLS
