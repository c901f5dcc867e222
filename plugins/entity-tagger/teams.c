/* teams.c: places that stand for teams in sports stories.
 *
 * "Brazil beat Germany", "a goal for England", "Boston's coach": in a
 * sports story a country or a city that plays is its team, which the
 * annotation conventions of news (and GUM's) call an organisation. A
 * place becomes an ORG here only where both hold:
 *
 *   - the document is a sports story: SPORT_WORDS or more of its
 *     lower-case words are sports words (match, striker, league; the
 *     SPORT class of data/lexical.tsv);
 *   - the mention is in a team's place: before or after a verb of play
 *     or "versus" (TEAM_VERB: beat, defeated, drew, v), after "for" or
 *     "against" that follows a word of play (TEAM_FOR: played for,
 *     signed for, a goal for, a win against), before a score ("2-1"),
 *     before "'s" and a sports word ("England's captain"), or before a
 *     word for the team's people or side ("Liverpool manager", "Brazil
 *     striker", "Chelsea fans", "England team"), after "against", or in
 *     parentheses after a player in a team list ("J Noon (Newcastle)").
 *
 * A sports story's unknown name after "the" that ends with a plural
 * ("the State College Spikes") is a team too, wherever it stands; and
 * a place that plays is its team in its other mentions ("Ireland led
 * 9-8"), but after a preposition that places ("in Ireland").
 * Elsewhere the place stays a place: "in Brazil", "flew to Germany", and
 * a player's country ("Germany's Rainer Schuettler", "Bondarenko of the
 * Ukraine").
 * Only mentions the rules typed GPE from a gazetteer or a rule are
 * looked at; the story test reads the count of sports words that
 * scan_tokens() keeps (its list of lower-case words, walked here before,
 * is freed early in a huge document).
 */
#include "config.h"

#include <string.h>

#include "tagger.h"

#define SPORT_WORDS 3

static gboolean
lower_with (const Doc *d, guint i, guint64 flags)
{
  const Token *t;

  if (i >= d->n)
    return FALSE;
  t = &d->toks[i];
  return t->tcase == GALLEY_CASE_LOWER && (tok_lex (d, t) & flags) != 0;
}

/* "2-1", "3-0": a score after the team. */
static gboolean
is_score (const Doc *d, guint i)
{
  const Token *t;
  const char *s, *dash;
  gsize len;

  if (i >= d->n)
    return FALSE;
  t = &d->toks[i];
  s = d->text + t->start;
  len = t->end - t->start;
  if (len < 3 || len > 5 || !g_ascii_isdigit (s[0]) || !g_ascii_isdigit (s[len - 1]))
    return FALSE;
  dash = memchr (s, '-', len);
  return dash != NULL && memchr (dash + 1, '-', s + len - dash - 1) == NULL;
}

/* Whether token @i is a lower-case word for a team's people: its staff,
 * its players by position, its fans. Not the words of a venue's events
 * ("the Melbourne tournament", "the Beijing championships"), where the
 * place is the place. */
static gboolean
team_people_word (const Doc *d, guint i)
{
  static const char *const words[] = {
    "manager", "boss", "coach", "captain", "skipper", "striker", "strikers",
    "forward", "midfielder", "midfielders", "defender", "defenders",
    "goalkeeper", "keeper", "winger", "batsman", "bowler", "squad", "fans",
    "supporters", "player", "players", "side", "team", "game",
  };

  return i < d->n && d->toks[i].tcase == GALLEY_CASE_LOWER && tok_text_in (d, &d->toks[i], words);
}

/* Whether the mention [a, b) is in a team's place. */
static gboolean
team_context (const Doc *d, guint a, guint b)
{
  /* "beat Germany's Rainer Schuettler": a player's country */
  if (b + 1 < d->n && (d->toks[b].tflags & GALLEY_TOKEN_FLAG_CLITIC)
      && d->toks[b + 1].cap != CAP_NO)
    return FALSE;
  /* "Bondarenko of the Ukraine 6-4": a player's country too */
  if (a >= 1 && (lower_with (d, a - 1, LEX_DETERMINER) || tok_text_eq (d, &d->toks[a - 1], "of")
                 || tok_text_eq (d, &d->toks[a - 1], "from")))
    return FALSE;
  if (lower_with (d, b, LEX_TEAM_VERB) || is_score (d, b))
    return TRUE;
  if (a >= 1 && lower_with (d, a - 1, LEX_TEAM_VERB))
    return TRUE;
  /* England's captain */
  if (b + 1 < d->n && (d->toks[b].tflags & GALLEY_TOKEN_FLAG_CLITIC)
      && lower_with (d, b + 1, LEX_SPORT))
    return TRUE;
  /* "Liverpool manager Rafael Benitez", "Brazil striker Ronaldo",
   * "Chelsea fans": a team's people, without the "'s" */
  if (team_people_word (d, b))
    return TRUE;
  /* played for Boston, a win against France, the win over Scotland */
  if (a >= 2 && (tok_text_eq (d, &d->toks[a - 1], "for")
                 || tok_text_eq (d, &d->toks[a - 1], "against")
                 || tok_text_eq (d, &d->toks[a - 1], "over"))
      && lower_with (d, a - 2, LEX_TEAM_FOR | LEX_SPORT))
    return TRUE;
  /* "the triumph against Australia", "the first Test is against
   * Canada": in a sports story the side played against, whatever
   * comes before */
  if (a >= 1 && tok_text_eq (d, &d->toks[a - 1], "against"))
    return TRUE;
  return FALSE;
}

/* "A Goode (Leicester), O Smith (Leicester)", "T Umaga (New Zealand)":
 * a place in parentheses right after a person, in a sports story's team
 * list, is the player's club or side. */
static gboolean
team_in_list (const Doc *d, guint i)
{
  const Mention *m = &d->mentions[i], *person;

  if (i == 0 || m->a < 2 || m->b >= d->n)
    return FALSE;
  person = &d->mentions[i - 1];
  return person->type == ET_PERSON && person->b + 1 == m->a
         && tok_text_eq (d, &d->toks[m->a - 1], "(") && tok_text_eq (d, &d->toks[m->b], ")");
}

/* "the State College Spikes", "the Rice Owls": in a sports story an
 * unknown name of two words or more after "the" that ends with a
 * capitalised plural is a team. Elsewhere the rules leave such a name a
 * candidate (names.c: a business, a band or a work as often). */
static gboolean
plural_team_name (const Doc *d, const Mention *m)
{
  const Token *last = &d->toks[m->b - 1];

  return m->b >= m->a + 2 && m->a >= 1 && tok_text_eq (d, &d->toks[m->a - 1], "the")
         && last->tcase == GALLEY_CASE_TITLE
         && last->end - last->start >= 4 && d->text[last->end - 1] == 's'
         && d->text[last->end - 2] != 's';
}

/* Whether a preposition that places or moves comes before token @a
 * ("in Ireland", "the trip to Barcelona", "flew from Spain"): there a
 * team's place names the place. */
static gboolean
after_place_preposition (const Doc *d, guint a)
{
  const Token *p;

  if (a == 0)
    return FALSE;
  p = &d->toks[a - 1];
  return p->tcase == GALLEY_CASE_LOWER
         && ((tok_lex (d, p) & LEX_LOC_PREP) || tok_text_eq (d, p, "to") || tok_text_eq (d, p, "at")
             || tok_text_eq (d, p, "from") || tok_text_eq (d, p, "via"));
}

/* The places a sports story plays are its teams in their other mentions
 * too ("Ireland led 9-8", "England are second bottom", "the Scotland
 * coach"), where no verb of play stands beside them: one sense per
 * discourse, for a match report names each side a dozen times and
 * shows it playing once or twice. Not after a preposition that places
 * ("in Ireland", "the trip to Barcelona"), nor before a capitalised word,
 * the rest of a longer name ("joined Triple-A Indianapolis Indians") or
 * a player's ("Spain's Rafael Nadal"). @keys are the words
 * team_context() made teams, at most TEAM_KEYS of them. */
#define TEAM_KEYS 16

static gboolean
before_name (const Doc *d, guint b)
{
  if (b < d->n && (d->toks[b].tflags & GALLEY_TOKEN_FLAG_CLITIC))
    b++;
  return b < d->n && d->toks[b].cap != CAP_NO;
}

static void
mark_team_mentions (Doc *d, const guint64 *keys, guint n_keys)
{
  for (guint i = 0; i < d->n_mentions; i++)
    {
      Mention *m = &d->mentions[i];
      gboolean team = FALSE;

      if (m->type != ET_GPE)
        continue;
      for (guint k = 0; k < n_keys && !team; k++)
        team = keys[k] == m->key;
      if (!team || after_place_preposition (d, m->a) || before_name (d, m->b))
        continue;
      m->type = ET_ORG;
      m->strength = 2;
      m->canonical = NULL;
      m->gazetteer = 0;
    }
}

static gboolean
sports_story (const Doc *d)
{
  return d->n_sport >= SPORT_WORDS;
}

void
mark_teams (Doc *d)
{
  guint64 keys[TEAM_KEYS];
  guint n_keys = 0;

  /* A story that is not about sport leaves at once: its count of sport
   * words is in hand (scan_tokens). Testing each place's context first,
   * as this once did, asked the count only where a place stood in a
   * team's place, and cost every story, sport or not, a walk over its
   * mentions: callgrind --branch-sim, 10,569 real news articles, 3.95 M
   * instructions and 0.15 M mispredicted branches here, now 0.20 M and
   * 0.01 M. */
  if (!sports_story (d))
    return;
  for (guint i = 0; i < d->n_mentions; i++)
    {
      Mention *m = &d->mentions[i];

      if (m->type == ET_NONE && plural_team_name (d, m))
        {
          m->type = ET_ORG;
          m->strength = 1;
          continue;
        }
      if (m->type != ET_GPE || !(team_context (d, m->a, m->b) || team_in_list (d, i)))
        continue;
      m->type = ET_ORG;
      m->strength = 2;
      m->canonical = NULL;
      m->gazetteer = 0;
      if (n_keys < TEAM_KEYS)
        keys[n_keys++] = m->key;
    }
  if (n_keys > 0)
    mark_team_mentions (d, keys, n_keys);
}
