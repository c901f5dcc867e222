/* galley-layers.h: the names and span conventions that stages share.
 *
 * These are contracts between plugins: the tokenizer writes them, the
 * entity tagger and sentiment scorer read them, exporters print them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GALLEY_LAYER_TOKEN "token"
#define GALLEY_LAYER_SENTENCE "sentence"
#define GALLEY_LAYER_ENTITY "entity"
#define GALLEY_LAYER_SENTIMENT "sentiment"

/**
 * GalleyTokenKind:
 *
 * The kind of a token, kept in the low 8 bits of its span flags; the span's
 * type is the interned kind name ("word", "number", ...), for exporters.
 * Clitics split from a word ('s, n't, 're, 've, 'll, 'd, 'm, and a bare '
 * after a plural possessive) are WORD tokens with GALLEY_TOKEN_FLAG_CLITIC.
 */
typedef enum {
  GALLEY_TOKEN_WORD = 1,
  GALLEY_TOKEN_NUMBER,   /* 8,000 3.5 -2 1990s 24/7 5:30 2024-04-26 */
  GALLEY_TOKEN_PUNCT,    /* . , ; : ! ? quotes brackets dashes ellipses */
  GALLEY_TOKEN_SYMBOL,   /* $ € £ % & + = and other symbols */
  GALLEY_TOKEN_URL,
  GALLEY_TOKEN_EMAIL,
  GALLEY_TOKEN_HASHTAG,
  GALLEY_TOKEN_MENTION,
  GALLEY_TOKEN_EMOJI,
  GALLEY_TOKEN_ABBREV,   /* a word with its period: U.S. Mr. Jan. e.g. */
} GalleyTokenKind;

/**
 * GalleyTokenCase: how a token's letters are cased, in bits 8-10.
 */
typedef enum {
  GALLEY_CASE_NONE = 0,  /* no cased letters: digits, CJK, punctuation */
  GALLEY_CASE_LOWER,     /* news */
  GALLEY_CASE_TITLE,     /* News, McDonald */
  GALLEY_CASE_UPPER,     /* NEWS, U.S. */
  GALLEY_CASE_MIXED,     /* iPhone, eBay */
} GalleyTokenCase;

#define GALLEY_TOKEN_KIND_MASK 0xffu
#define GALLEY_TOKEN_CASE_SHIFT 8
#define GALLEY_TOKEN_CASE_MASK (0x7u << GALLEY_TOKEN_CASE_SHIFT)
/* the token is a clitic split from the word before it */
#define GALLEY_TOKEN_FLAG_CLITIC (1u << 12)
/* white space (or the end of text) follows the token */
#define GALLEY_TOKEN_FLAG_SPACE_AFTER (1u << 13)
/* the token starts a sentence */
#define GALLEY_TOKEN_FLAG_SENTENCE_START (1u << 14)
/* the token contains a non-ASCII character */
#define GALLEY_TOKEN_FLAG_NON_ASCII (1u << 15)

#define GALLEY_TOKEN_KIND(flags) ((GalleyTokenKind) ((flags) & GALLEY_TOKEN_KIND_MASK))
#define GALLEY_TOKEN_CASE(flags) \
  ((GalleyTokenCase) (((flags) & GALLEY_TOKEN_CASE_MASK) >> GALLEY_TOKEN_CASE_SHIFT))

/* galley_token_kind_to_string: "word", "number", ...; "unknown" otherwise. */
const char *galley_token_kind_to_string (GalleyTokenKind kind);
/* galley_token_case_to_string: "none", "lower", "title", "upper", "mixed". */
const char *galley_token_case_to_string (GalleyTokenCase token_case);

/* Entity spans: type is the OntoNotes name; features by convention: */
#define GALLEY_ENTITY_FEATURE_NORM "norm"        /* string: normalised form */
#define GALLEY_ENTITY_FEATURE_CLUSTER "cluster"  /* int: same real-world entity */
/* set by the sentiment stage: mean compound of the sentences mentioning the
 * entity's cluster, and the number of those mentions */
#define GALLEY_ENTITY_FEATURE_SENTIMENT "sentiment"
#define GALLEY_ENTITY_FEATURE_MENTIONS "mentions"

/* Sentiment spans (one per sentence, type "sentiment") carry the double
 * features "compound", "pos", "neg", "neu"; the document features are
 * "sentiment.compound", "sentiment.pos", "sentiment.neg", "sentiment.neu". */

G_END_DECLS
