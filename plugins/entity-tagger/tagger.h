/* tagger.h: the entity tagger's per-document work, shared by its files.
 *
 * A document goes through four passes (tagger.c drives them):
 *   1. tokens, in one walk: each token of the token layer gets its word id
 *      and classes from the lexicon, each sentence is checked for a
 *      headline, and the document's word table records how each word is
 *      cased where it appears (the evidence for sentence-initial and
 *      headline words); then the capitalised words get their CAP_ level;
 *   2. scan (tagger.c, numeric*.c, names*.c): left to right, numbers, dates
 *      and times from token kinds and patterns, then names from runs of
 *      capitalised tokens, gazetteer phrases and rules; each makes a
 *      Mention with a type and a strength;
 *   3. resolve (resolve.c): a later bare surname joins the full name's
 *      cluster, acronyms and short forms join theirs, weak guesses take
 *      the type the document gives the same words elsewhere;
 *   4. output: spans with "norm" and "cluster" features.
 *
 * All per-document memory is a handful of arrays sized by the token count,
 * allocated once per document; nothing is allocated per token.
 */
#pragma once

#include <pthread.h>
#include <string.h>

#include <galley/galley.h>

#include "lexicon.h"

G_BEGIN_DECLS

typedef struct {
  Lexicon *lex;
  guint32 type_mask;          /* (1 << EtType) of the types to output */
  GQuark type_quarks[ET_N_TYPES];
  GalleyLanguageFilter *languages;  /* languages= and on-other-language= */
  struct _EtModel *model;     /* model=, or NULL: rules only (model.h) */
  /* the rules run as a model's features: with model= and when
   * `galley train` learns from them, so that a model learns from the
   * rules' output as it will see it. Phrases listed only as another's
   * spelling ("S and P" for "S&P", lexicon_add_phrase_variant()) are
   * then no phrases: no model has learnt from them. Every other rule
   * runs the same both ways: rules kept from the model one at a time
   * each moved its cross-validated F1 by a thousandth or two either
   * way, and all fourteen together raised it on every seed (issue 17,
   * seventy-seventh round: docs/plugins/entity-tagger.md). */
  gboolean for_model;
  struct _EtDict *dict;        /* dict=: how English writes a word, or NULL */
  /* norp-adjectives=false: a NORP only where it is used as a noun
   * (norp-nouns.c); rules only */
  gboolean norp_nouns_only;
  /* Scratch buffers for documents in flight, one per concurrent process
   * call: process takes one (or makes one) and gives it back. The only
   * state process touches, behind its own lock; the instance owns them,
   * so nothing outlives tagger_free(). A pthread mutex, not a GMutex,
   * which GLib builds on futex calls that ThreadSanitizer cannot see. */
  pthread_mutex_t pool_lock;
  GPtrArray *pool;
} Tagger;

/* Token.cap: how much a token looks like part of a name. */
enum {
  CAP_NO = 0,     /* lower case, punctuation, numbers */
  CAP_WEAK = 1,   /* capitalised only because of its place: a sentence's
                   * first word, a headline word, a common word */
  CAP_STRONG = 2, /* capitalised inside running text */
};

/* A token as the rules see it. A document's tokens are the tagger's
 * largest block, so a Token holds only what the lexicon cannot give back:
 * its classes and its hash are looked up by word id (tok_lex(),
 * tok_hash(); an unknown word's hash is kept aside, in Doc.uhash), and
 * its place in the document's word table is probed again when asked
 * (doc_word_flags(); mark_caps() reads the slots mark_doc_words() found).
 * Massif, one 10 MB document through the default pipeline: a Token of 48
 * bytes made 92 MB of a 254 MB heap peak; of 40 bytes (the marks one bit
 * each), 78 MB of 243 MB; now 16 bytes, 31 MB of 200 MB. */
typedef struct {
  guint32 start, end;   /* bytes */
  guint32 wid;          /* lexicon word id; for a word the lexicon does not
                         * know, TOK_UNKNOWN | the index of its hash in
                         * Doc.uhash; LEX_NO_WORD for tokens never looked
                         * up (quotes, URLs, emoji) */
  union {
    /* in this order from bit 0 (the x86-64 and AArch64 ABIs allocate
     * bit-fields from the low bit). The low 16 bits are the span's flags
     * as the SDK lays them out (kind, case, GALLEY_TOKEN_FLAG_*), so that
     * scan_tokens() builds them with one AND, token_bits() */
    struct {
      guint32 kind : 8;      /* GalleyTokenKind (one the rules do not know
                              * equals none they test) */
      guint32 tcase : 3;     /* GalleyTokenCase */
      guint32 : 5;           /* GALLEY_TOKEN_FLAG_* bits: tflags */
      guint32 sent_init : 1; /* first word of a sentence (after quotes) */
      guint32 headline : 1;  /* in an all-caps or title-case line */
      guint32 used : 1;      /* covered by a mention */
      guint32 byline : 1;    /* in a "By NAME and NAME" line */
      guint32 cap : 2;       /* CAP_* */
      guint32 numeric : 1;   /* may start a number, date or time pattern
                              * (scan_tokens; see cap_may_start_numeric) */
      guint32 : 9;
    };
    struct {
      guint32 tflags : 16;   /* the span's flags' low 16 bits: test the
                              * GALLEY_TOKEN_FLAG_* bits in it */
      guint32 : 16;
    };
    guint32 bits;
  };
} Token;

G_STATIC_ASSERT (sizeof (Token) == 16);

#define TOK_UNKNOWN (1u << 31)

/* The span flags' bits that a Token keeps, where the SDK puts them. */
#define TOKEN_SPAN_BITS \
  (GALLEY_TOKEN_KIND_MASK | GALLEY_TOKEN_CASE_MASK | GALLEY_TOKEN_FLAG_CLITIC \
   | GALLEY_TOKEN_FLAG_SPACE_AFTER | GALLEY_TOKEN_FLAG_SENTENCE_START \
   | GALLEY_TOKEN_FLAG_NON_ASCII)
G_STATIC_ASSERT (GALLEY_TOKEN_KIND_MASK == 0xffu && GALLEY_TOKEN_CASE_SHIFT == 8
                 && (TOKEN_SPAN_BITS & ~0xffffu) == 0);

/* token_bits: a Token's bit-fields (Token.bits) from its span's flags, in
 * one word: kind, case and the GALLEY_TOKEN_FLAG_* bits; the marks 0 and
 * cap CAP_NO. Set one field at a time, they cost 21 instructions a token
 * (callgrind); moved to Token's bits 4-6 and 16-31 with a MIN() on the
 * kind, 7 (27 M on 10,569 real news articles); now an AND. It
 * assumes the bit-fields' order above (test-entity-tagger checks it). */
static inline guint32
token_bits (guint32 flags)
{
  return flags & TOKEN_SPAN_BITS;
}

/* Document word table entry flags. */
enum {
  DW_LOWER = 1 << 0,      /* seen in lower case in running text */
  DW_CAP_MID = 1 << 1,    /* seen capitalised inside a running sentence */
};

typedef struct {
  guint64 hash;   /* 0: empty */
  guint32 flags;
  guint32 gen;    /* the document generation that filled it; older: empty */
} DocWord;

typedef struct {
  guint32 a, b;          /* tokens [a, b) */
  guint8 type;           /* EtType; ET_NONE: a candidate without a type yet */
  guint8 strength;       /* 0 guess, 1 rule, 2 gazetteer or strong rule */
  guint8 gazetteer;      /* the type came from one gazetteer phrase */
  guint8 loc_context;    /* a locative preposition comes before it */
  gint32 cluster;
  const char *canonical; /* from the lexicon, or NULL */
  guint32 norm_off;      /* numeric norms: offset in Doc.scratch; or NO_NORM */
  guint32 byte_end;      /* 0, or an end inside the last token ("California-based");
                          * after emit_bytes(), the end */
  guint64 key;           /* hash of the folded words (span_key); a numeric
                          * mention's: its norm's (lexicon_hash) */
} Mention;

#define NO_NORM G_MAXUINT32

/* A thread's reusable buffers: documents on one thread reuse them, so a
 * document costs no allocation beyond its entity layer (measured: malloc
 * and free were a quarter of the tagger's time before). */
typedef struct {
  guint64 key;   /* 0: empty */
  guint32 value;
  guint32 gen;   /* the document generation that filled it; older: empty */
} Slot;

typedef struct {
  const char *canonical;
  guint64 key;
} CanonKey;

#define MAPS_MAX 7

typedef struct {
  Token *toks;
  guint32 *caps;         /* toks_size entries */
  guint32 *caps_slot;    /* toks_size entries */
  guint32 *scan;         /* toks_size entries */
  guint64 *lowers;       /* toks_size entries */
  guint64 *uhash;        /* uhash_size entries */
  guint uhash_size;
  guint toks_size;
  DocWord *dwords;
  guint dwords_size;
  /* the resolver's maps, each in a buffer of its own that grows with
   * the keys it holds (see resolve.c) */
  Slot *map_slots[MAPS_MAX];
  guint map_sizes[MAPS_MAX];
  /* generations, bumped per table use: stale slots read as empty, so the
   * tables need no clearing (measured: clearing them was 8% of the
   * tagger's instructions) */
  guint32 map_gen;
  guint32 doc_gen;
  /* by word id: the lower_gen of the last document whose running text
   * (not a headline) has the word in lower case (scan_tokens) */
  guint16 *wid_lower;
  guint16 lower_gen;
  guint32 *reps;
  guint reps_size;
  GalleySpan *spans;     /* emit_spans(): the layer's spans, appended at once */
  guint spans_size;
  Mention *mentions;
  guint mentions_size;
  GString *scratch;
  CanonKey ckeys[64];    /* canonical forms' keys, by address */
  const void *owner;     /* the thread that used it last (scratch_take) */
} Scratch;

typedef struct {
  const Tagger *tg;
  const WordById *words; /* the lexicon's words by id (tok_lex, tok_hash) */
  Scratch *sc;
  const char *text;
  const char *text_end;  /* text + length + 1 (the NUL is readable) */
  Token *toks;
  guint n;
  guint32 *caps;         /* capitalised words' token indices, in order */
  guint32 *caps_slot;    /* their slots in the word table (mark_doc_words) */
  guint n_caps;
  guint32 *scan;         /* the tokens the scan tries, in order */
  guint n_scan;
  guint64 *lowers;       /* the tok_hash() | 1 of lower-case words (not
                          * clitics) outside headlines that the lexicon
                          * does not know (the known ones mark
                          * Scratch.wid_lower) */
  guint64 *uhash;        /* hashes of the words the lexicon does not know */
  guint n_uhash;
  guint n_sport;         /* lower-case words of the SPORT class (teams.c) */
  guint n_lowers;
  DocWord *dwords;
  guint dmask;
  guint n_dwords;        /* words in the table (it doubles at half full) */
  Mention *mentions;     /* in token order (sc->mentions, grown by doc_add_mention) */
  guint n_mentions;
  GString *scratch;      /* numeric norms, NUL-separated; after them,
                          * emit_spans() writes the other norms */
  guint32 wrap_width;    /* lines.c: the longest line, or G_MAXUINT32
                          * when the text is not hard-wrapped */
} Doc;

/* tagger_process: tags @doc (its token layer must exist): replaces its
 * entity layer. */
gboolean tagger_process (Tagger *tg, GalleyDocument *doc, GError **error);
typedef void (*TaggerVisitFunc) (Doc *d, gpointer user_data);
/* tagger_visit: runs the rules on @doc (its token layer must exist) and
 * calls @visit with their result instead of writing an entity layer:
 * what training reads. */
gboolean tagger_visit (Tagger *tg, GalleyDocument *doc, TaggerVisitFunc visit,
                       gpointer user_data, GError **error);
/* tagger_scratch_free: frees a pooled Scratch (for the pool's free func). */
void tagger_scratch_free (gpointer sc);

static inline gboolean
tok_is_word (const Token *t)
{
  return t->kind == GALLEY_TOKEN_WORD || t->kind == GALLEY_TOKEN_ABBREV;
}

/* tok_known: whether token @t is a lexicon word. */
static inline gboolean
tok_known (const Token *t)
{
  return t->wid < TOK_UNKNOWN;
}

/* tok_lex: the lexical classes of token @t (0 when it is not a lexicon
 * word). */
static inline guint64
tok_lex (const Doc *d, const Token *t)
{
  return tok_known (t) ? d->words[t->wid].flags : 0;
}

/* tok_unknown_hash: tok_hash() of a token that was never looked up
 * (computed again from its text, as scan_tokens did). */
guint64 tok_unknown_hash (const Doc *d, const Token *t);

/* tok_hash: the hash of token @t's folded form, the same for any case:
 * the lexicon's for its words, the one kept aside for unknown words, and
 * for the others one computed again. */
static inline guint64
tok_hash (const Doc *d, const Token *t)
{
  if (tok_known (t))
    return d->words[t->wid].hash;
  if (t->wid != LEX_NO_WORD)
    return d->uhash[t->wid & ~TOK_UNKNOWN];
  return tok_unknown_hash (d, t);
}

/* The key of tokens [a, b): their hashes combined in order from
 * KEY_SEED, so "new york" in any case is one key, and the last step's
 * value with its low bit set (span_key_inline()). Clitics and
 * punctuation count as words. */
#define KEY_SEED G_GUINT64_CONSTANT (0x84222325cbf29ce4)

static inline guint64
key_step (guint64 h, guint64 token_hash)
{
  h ^= token_hash;
  h *= G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return h ^ (h >> 31);
}

static inline G_ALWAYS_INLINE guint64
span_key_inline (const Doc *d, guint32 a, guint32 b)
{
  guint64 h = KEY_SEED;

  for (guint32 k = a; k < b; k++)
    h = key_step (h, tok_hash (d, &d->toks[k]));
  return h | 1;
}

/* doc_mentions_grow: room for more mentions (tagger.c, out of line). */
void doc_mentions_grow (Doc *d);

/* mention_init: @m made a mention of tokens [a, b) with @key, its tokens
 * marked used. doc_mention_new: the same in a new slot at the end. Inline in the rules that make most mentions (names.c's
 * add_name(), numeric.c's add_normed()): as a call, its saved registers and
 * arguments cost the stage 5.2 M instructions (callgrind, default
 * pipeline on 10,569 real news articles, 210,786 of the 266,734
 * mentions made inline: 713.3 M -> 708.1 M; inline in classify_plain()'s
 * 51,747 too, 0.16 M fewer, not worth its code). */
static inline G_ALWAYS_INLINE void
mention_init (Doc *d, Mention *m, guint32 a, guint32 b, EtType type, guint strength, guint64 key)
{
  memset (m, 0, sizeof *m);
  m->a = a;
  m->b = b;
  m->type = (guint8) type;
  m->strength = (guint8) strength;
  m->cluster = -1;
  m->norm_off = NO_NORM;
  m->key = key;
  if (a > 0 && (tok_lex (d, &d->toks[a - 1]) & LEX_LOC_PREP) && d->toks[a - 1].tcase == GALLEY_CASE_LOWER)
    m->loc_context = 1;
  for (guint32 k = a; k < b; k++)
    d->toks[k].used = 1;
}

static inline G_ALWAYS_INLINE Mention *
doc_mention_new (Doc *d, guint32 a, guint32 b, EtType type, guint strength, guint64 key)
{
  Mention *m;

  if (G_UNLIKELY (d->n_mentions == d->sc->mentions_size))
    doc_mentions_grow (d);
  m = &d->mentions[d->n_mentions++];
  mention_init (d, m, a, b, type, strength, key);
  return m;
}

/* A string literal and its length, for tables of spellings that the
 * rules compare with memcmp() rather than strlen() and strcmp(). */
typedef struct {
  const char *s;
  guint len;
} TextLit;

#define TEXT_LIT(lit) { "" lit, sizeof (lit) - 1 }

/* scratch_append: appends @k bytes to @s: one capacity test, then a
 * copy (norms built a character at a time, a call or an inline
 * g_string_append_c() each, cost twice as much: a char store may change
 * the GString's length, so each reloaded it). */
static inline void
scratch_append (GString *s, const char *p, gsize k)
{
  if (s->len + k + 1 > s->allocated_len)
    {
      gsize len = s->len;

      g_string_set_size (s, len + k);
      s->len = len;
    }
  memcpy (s->str + s->len, p, k);
  s->len += k;
  s->str[s->len] = '\0';
}

/* tok_text_eq: whether token @t is @s exactly (case-sensitive). Inline:
 * callers pass literals, so the length is a constant and the compare a
 * load or two. */
static inline gboolean
tok_text_eq (const Doc *d, const Token *t, const char *s)
{
  gsize len = strlen (s);

  return t->end - t->start == len && memcmp (d->text + t->start, s, len) == 0;
}

/* tok_text_among: whether token @t is one of the @n strings of @words,
 * each compared as tok_text_eq() does; tok_text_in() counts an array. */
static inline gboolean
tok_text_among (const Doc *d, const Token *t, const char *const *words, gsize n)
{
  for (gsize k = 0; k < n; k++)
    if (tok_text_eq (d, t, words[k]))
      return TRUE;
  return FALSE;
}

#define tok_text_in(d, t, words) tok_text_among ((d), (t), (words), G_N_ELEMENTS (words))

/* tok_is_dash: whether @t is a dash: "-", "--", an en or an em dash. */
static inline gboolean
tok_is_dash (const Doc *d, const Token *t)
{
  static const char *const dashes[] = { "-", "--", "\u2013", "\u2014" };

  return tok_text_in (d, t, dashes);
}

/* tagger.c */
/* english_word_shape: whether a capitalised word ends like an English
 * noun or adjective (-tion, -ment, -ics, ...) rather than a name. */
gboolean english_word_shape (const Doc *d, const Token *t);
/* company_form: whether token @t is a company's legal form: "Inc",
 * "Corp", "Co", "Ltd", "PLC", "AG"... */
gboolean company_form (const Doc *d, const Token *t);
guint32 doc_word_flags (const Doc *d, const Token *t);
/* doc_add_mention: doc_mention_new() with the key of the mention's
 * words (span_key()), as a call. */
Mention *doc_add_mention (Doc *d, guint32 a, guint32 b, EtType type,
                          guint strength);
/* case_meets: whether a word of case @tcase meets a phrase word's
 * requirement @req (lexicon.h). */
static inline gboolean
case_meets (GalleyTokenCase tcase, CaseReq req)
{
  switch (req)
    {
    case CASE_REQ_ANY:
      return TRUE;
    case CASE_REQ_CAP:
      return tcase == GALLEY_CASE_TITLE || tcase == GALLEY_CASE_UPPER || tcase == GALLEY_CASE_MIXED;
    case CASE_REQ_UPPER:
    default:
      return tcase == GALLEY_CASE_UPPER;
    }
}

/* phrase_match: the longest gazetteer phrase starting at token @i that
 * the tokens' case allows. */
void phrase_match (const Doc *d, guint i, PhraseMatch *m);
guint64 span_key (const Doc *d, guint32 a, guint32 b);
/* text_key: the span_key that the space-separated words of @s would have. */
guint64 text_key (const char *s);
/* word_key: the span_key of one token whose folded hash is @token_hash. */
guint64 word_key (guint64 token_hash);

/* numeric.c: tries the number, date and time patterns at token @i;
 * returns the tokens consumed (0: none matched). */
guint numeric_scan (Doc *d, guint i);
/* numeric_is_year: whether token @i is a year as the date rules read one
 * (four digits, 1000 to 2100). */
gboolean numeric_is_year (const Doc *d, guint i);

/* is_dollar_prefix: whether word @i is the letters of US$5, HK$10, A$3:
 * capitals (or one capital letter) written against a "$" sign. */
static inline gboolean
is_dollar_prefix (const Doc *d, guint i)
{
  const Token *t = &d->toks[i];

  return t->kind == GALLEY_TOKEN_WORD && !(t->tflags & GALLEY_TOKEN_FLAG_SPACE_AFTER)
         && (t->tcase == GALLEY_CASE_UPPER || (t->tcase == GALLEY_CASE_TITLE && t->end - t->start == 1))
         && i + 1 < d->n && d->toks[i + 1].kind == GALLEY_TOKEN_SYMBOL
         && (tok_lex (d, &d->toks[i + 1]) & LEX_CURRENCY_SYM);
}

/* lines.c: whether the line break at byte @nl, before token @j, ends a
 * line rather than wraps a paragraph. */
gboolean line_break_ends_line (const Doc *d, guint32 nl, guint j);

/* line_ends_before: whether a line ends between tokens @j - 1 and @j: a
 * line break there that does not just wrap a paragraph (a caption, a
 * byline, a heading, a list item before it). Inline: asked at every join
 * of a name, where the gap is nearly always one space. */
static inline gboolean
line_ends_before (const Doc *d, guint j)
{
  if (j == 0 || j >= d->n)
    return FALSE;
  for (guint32 p = d->toks[j - 1].end; p < d->toks[j].start; p++)
    if (d->text[p] == '\n')
      return line_break_ends_line (d, p, j);
  return FALSE;
}
/* lines_measure: sets d->wrap_width (before the scan). */
void lines_measure (Doc *d);

/* names-scan.c: tries a name at token @i; returns the tokens consumed. */
guint names_scan (Doc *d, guint i);
/* type_year_cited_authors: after the scan, "Name (YEAR)" candidates are
 * persons where the document cites authors (names-single.c). */
void type_year_cited_authors (Doc *d);
/* type_list_members: after the scan, names in a list take the type
 * their list's sure members share (lists.c). */
void type_list_members (Doc *d);

/* teams.c: in a sports story, places in a team's place become ORG
 * ("Brazil beat Germany"); before resolve_mentions. */
void mark_teams (Doc *d);

/* norp-nouns.c: with norp-adjectives=false, the NORP mentions that are
 * not used as a noun ("Chinese officials", "in English") are dropped. */
void drop_norp_adjectives (Doc *d);

/* facilities.c: an organisation's building after "at", "in" is a FAC;
 * a facility that speaks an ORG; before resolve_mentions. */
void mark_facilities (Doc *d);

/* orgs.c: "Sears, Roebuck and Co": the partner before the comma joins
 * the company's name; an organisation word alone typed a person by a
 * rule becomes a candidate; before resolve_mentions. */
void mark_orgs (Doc *d);

/* resolve.c: document-level resolution, then the entity layer in three
 * steps, so that a huge document's buffers can go between them:
 * emit_bytes() turns each mention's bounds into bytes (a: its start,
 * byte_end: its end; the last step that reads the tokens), emit_spans()
 * appends the spans and builds their norms and clusters (it reads the
 * mentions; returns the spans' count), emit_features() sets them from
 * what emit_spans() kept in the Scratch. */
void resolve_mentions (Doc *d);
void emit_bytes (Doc *d);
guint emit_spans (Doc *d, GalleyLayer *layer);
void emit_features (Doc *d, GalleyLayer *layer, guint n_out);

G_END_DECLS
