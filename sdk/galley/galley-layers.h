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

/* Entity span types: the OntoNotes names. */
#define GALLEY_ENTITY_PERSON "PERSON"
#define GALLEY_ENTITY_NORP "NORP"
#define GALLEY_ENTITY_FAC "FAC"
#define GALLEY_ENTITY_ORG "ORG"
#define GALLEY_ENTITY_GPE "GPE"
#define GALLEY_ENTITY_LOC "LOC"
#define GALLEY_ENTITY_PRODUCT "PRODUCT"
#define GALLEY_ENTITY_EVENT "EVENT"
#define GALLEY_ENTITY_WORK_OF_ART "WORK_OF_ART"
#define GALLEY_ENTITY_LAW "LAW"
#define GALLEY_ENTITY_LANGUAGE "LANGUAGE"
#define GALLEY_ENTITY_DATE "DATE"
#define GALLEY_ENTITY_TIME "TIME"
#define GALLEY_ENTITY_PERCENT "PERCENT"
#define GALLEY_ENTITY_MONEY "MONEY"
#define GALLEY_ENTITY_QUANTITY "QUANTITY"
#define GALLEY_ENTITY_ORDINAL "ORDINAL"
#define GALLEY_ENTITY_CARDINAL "CARDINAL"

/* Entity span features: */
#define GALLEY_ENTITY_FEATURE_NORM "norm"        /* string: normalised form */
#define GALLEY_ENTITY_FEATURE_CLUSTER "cluster"  /* int: same real-world entity */
/* set by the sentiment stage: mean compound of the sentences mentioning the
 * entity's cluster, and the number of those mentions */
#define GALLEY_ENTITY_FEATURE_SENTIMENT "sentiment"
#define GALLEY_ENTITY_FEATURE_MENTIONS "mentions"

/* Sentiment spans (one per sentence, type "sentiment") carry these double
 * features: */
#define GALLEY_SENTIMENT_FEATURE_COMPOUND "compound"  /* -1 .. 1 */
#define GALLEY_SENTIMENT_FEATURE_POS "pos"            /* proportions, 0 .. 1 */
#define GALLEY_SENTIMENT_FEATURE_NEG "neg"
#define GALLEY_SENTIMENT_FEATURE_NEU "neu"

/* Document features (dotted keys) that stages share: */
#define GALLEY_FEATURE_SENTIMENT_COMPOUND "sentiment.compound"
#define GALLEY_FEATURE_SENTIMENT_POS "sentiment.pos"
#define GALLEY_FEATURE_SENTIMENT_NEG "sentiment.neg"
#define GALLEY_FEATURE_SENTIMENT_NEU "sentiment.neu"
#define GALLEY_FEATURE_LANGUAGE "language"                 /* ISO 639 code */
#define GALLEY_FEATURE_LANGUAGE_CONFIDENCE "language.confidence"
#define GALLEY_FEATURE_DUP_OF "dup.of"                     /* id of the first copy */
#define GALLEY_FEATURE_DUP_SIMILARITY "dup.similarity"

G_END_DECLS
