/**
 * SECTION:galley-layers
 * @title: Layers and features
 * @short_description: the names and span conventions that stages share
 *
 * These are contracts between plugins: the tokenizer writes them, the
 * entity tagger and sentiment scorer read them, exporters print them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GALLEY_LAYER_TOKEN:
 *
 * The layer of tokens (written by the tokenizer; see #GalleyTokenKind).
 */
#define GALLEY_LAYER_TOKEN "token"
/**
 * GALLEY_LAYER_SENTENCE:
 *
 * The layer of sentences (written by the tokenizer).
 */
#define GALLEY_LAYER_SENTENCE "sentence"
/**
 * GALLEY_LAYER_ENTITY:
 *
 * The layer of named entities; span types are the OntoNotes names
 * (%GALLEY_ENTITY_PERSON, ...).
 */
#define GALLEY_LAYER_ENTITY "entity"
/**
 * GALLEY_LAYER_SENTIMENT:
 *
 * The layer of sentiment spans: one per sentence, type "sentiment".
 */
#define GALLEY_LAYER_SENTIMENT "sentiment"

/**
 * GalleyTokenKind:
 * @GALLEY_TOKEN_WORD: a word
 * @GALLEY_TOKEN_NUMBER: 8,000 3.5 -2 1990s 24/7 5:30 2024-04-26
 * @GALLEY_TOKEN_PUNCT: . , ; : ! ? quotes brackets dashes ellipses
 * @GALLEY_TOKEN_SYMBOL: $ € £ % & + = and other symbols
 * @GALLEY_TOKEN_URL: a URL
 * @GALLEY_TOKEN_EMAIL: an e-mail address
 * @GALLEY_TOKEN_HASHTAG: a hashtag
 * @GALLEY_TOKEN_MENTION: a mention (@name)
 * @GALLEY_TOKEN_EMOJI: an emoji
 * @GALLEY_TOKEN_ABBREV: a word with its period: U.S. Mr. Jan. e.g.
 *
 * The kind of a token, kept in the low 8 bits of its span flags; the span's
 * type is the interned kind name ("word", "number", ...), for exporters.
 * Clitics split from a word ('s, n't, 're, 've, 'll, 'd, 'm, and a bare '
 * after a plural possessive) are WORD tokens with %GALLEY_TOKEN_FLAG_CLITIC.
 */
typedef enum {
  GALLEY_TOKEN_WORD = 1,
  GALLEY_TOKEN_NUMBER,
  GALLEY_TOKEN_PUNCT,
  GALLEY_TOKEN_SYMBOL,
  GALLEY_TOKEN_URL,
  GALLEY_TOKEN_EMAIL,
  GALLEY_TOKEN_HASHTAG,
  GALLEY_TOKEN_MENTION,
  GALLEY_TOKEN_EMOJI,
  GALLEY_TOKEN_ABBREV,
} GalleyTokenKind;

/**
 * GalleyTokenCase:
 * @GALLEY_CASE_NONE: no cased letters: digits, CJK, punctuation
 * @GALLEY_CASE_LOWER: news
 * @GALLEY_CASE_TITLE: News, McDonald
 * @GALLEY_CASE_UPPER: NEWS, U.S.
 * @GALLEY_CASE_MIXED: iPhone, eBay
 *
 * How a token's letters are cased, in bits 8-10 of its span flags.
 */
typedef enum {
  GALLEY_CASE_NONE = 0,
  GALLEY_CASE_LOWER,
  GALLEY_CASE_TITLE,
  GALLEY_CASE_UPPER,
  GALLEY_CASE_MIXED,
} GalleyTokenCase;

/**
 * GALLEY_TOKEN_KIND_MASK:
 *
 * The bits of a token's span flags that hold its #GalleyTokenKind.
 */
#define GALLEY_TOKEN_KIND_MASK 0xffu
/**
 * GALLEY_TOKEN_CASE_SHIFT:
 *
 * Where a token's #GalleyTokenCase starts in its span flags.
 */
#define GALLEY_TOKEN_CASE_SHIFT 8
/**
 * GALLEY_TOKEN_CASE_MASK:
 *
 * The bits of a token's span flags that hold its #GalleyTokenCase.
 */
#define GALLEY_TOKEN_CASE_MASK (0x7u << GALLEY_TOKEN_CASE_SHIFT)
/**
 * GALLEY_TOKEN_FLAG_CLITIC:
 *
 * The token is a clitic split from the word before it.
 */
#define GALLEY_TOKEN_FLAG_CLITIC (1u << 12)
/**
 * GALLEY_TOKEN_FLAG_SPACE_AFTER:
 *
 * White space (or the end of text) follows the token.
 */
#define GALLEY_TOKEN_FLAG_SPACE_AFTER (1u << 13)
/**
 * GALLEY_TOKEN_FLAG_SENTENCE_START:
 *
 * The token starts a sentence.
 */
#define GALLEY_TOKEN_FLAG_SENTENCE_START (1u << 14)
/**
 * GALLEY_TOKEN_FLAG_NON_ASCII:
 *
 * The token contains a non-ASCII character.
 */
#define GALLEY_TOKEN_FLAG_NON_ASCII (1u << 15)

/**
 * GALLEY_TOKEN_KIND:
 * @flags: a token span's flags
 *
 * The kind of a token, from its span's flags.
 *
 * Returns: the token's #GalleyTokenKind.
 */
#define GALLEY_TOKEN_KIND(flags) ((GalleyTokenKind) ((flags) & GALLEY_TOKEN_KIND_MASK))
/**
 * GALLEY_TOKEN_CASE:
 * @flags: a token span's flags
 *
 * The case of a token, from its span's flags.
 *
 * Returns: the token's #GalleyTokenCase.
 */
#define GALLEY_TOKEN_CASE(flags) \
  ((GalleyTokenCase) (((flags) & GALLEY_TOKEN_CASE_MASK) >> GALLEY_TOKEN_CASE_SHIFT))

/**
 * galley_token_kind_to_string:
 * @kind: a token kind
 *
 * The name of a token kind, as token spans carry it as their type.
 *
 * Returns: "word", "number", ...; "unknown" otherwise. A static string.
 */
const char *galley_token_kind_to_string (GalleyTokenKind kind);
/**
 * galley_token_case_to_string:
 * @token_case: a token case
 *
 * The name of a token case, for exporters and messages.
 *
 * Returns: "none", "lower", "title", "upper", "mixed". A static string.
 */
const char *galley_token_case_to_string (GalleyTokenCase token_case);

/**
 * GALLEY_ENTITY_PERSON:
 *
 * An entity span type (the OntoNotes name): people, including fictional.
 */
#define GALLEY_ENTITY_PERSON "PERSON"
/**
 * GALLEY_ENTITY_NORP:
 *
 * An entity span type (the OntoNotes name): nationalities or religious or political groups.
 */
#define GALLEY_ENTITY_NORP "NORP"
/**
 * GALLEY_ENTITY_FAC:
 *
 * An entity span type (the OntoNotes name): buildings, airports, highways, bridges, etc.
 */
#define GALLEY_ENTITY_FAC "FAC"
/**
 * GALLEY_ENTITY_ORG:
 *
 * An entity span type (the OntoNotes name): companies, agencies, institutions, etc.
 */
#define GALLEY_ENTITY_ORG "ORG"
/**
 * GALLEY_ENTITY_GPE:
 *
 * An entity span type (the OntoNotes name): countries, cities, states.
 */
#define GALLEY_ENTITY_GPE "GPE"
/**
 * GALLEY_ENTITY_LOC:
 *
 * An entity span type (the OntoNotes name): non-GPE locations, mountain ranges, bodies of water.
 */
#define GALLEY_ENTITY_LOC "LOC"
/**
 * GALLEY_ENTITY_PRODUCT:
 *
 * An entity span type (the OntoNotes name): objects, vehicles, foods, etc. (not services).
 */
#define GALLEY_ENTITY_PRODUCT "PRODUCT"
/**
 * GALLEY_ENTITY_EVENT:
 *
 * An entity span type (the OntoNotes name): named hurricanes, battles, wars, sports events, etc.
 */
#define GALLEY_ENTITY_EVENT "EVENT"
/**
 * GALLEY_ENTITY_WORK_OF_ART:
 *
 * An entity span type (the OntoNotes name): titles of books, songs, etc.
 */
#define GALLEY_ENTITY_WORK_OF_ART "WORK_OF_ART"
/**
 * GALLEY_ENTITY_LAW:
 *
 * An entity span type (the OntoNotes name): named documents made into laws.
 */
#define GALLEY_ENTITY_LAW "LAW"
/**
 * GALLEY_ENTITY_LANGUAGE:
 *
 * An entity span type (the OntoNotes name): any named language.
 */
#define GALLEY_ENTITY_LANGUAGE "LANGUAGE"
/**
 * GALLEY_ENTITY_DATE:
 *
 * An entity span type (the OntoNotes name): absolute or relative dates or periods.
 */
#define GALLEY_ENTITY_DATE "DATE"
/**
 * GALLEY_ENTITY_TIME:
 *
 * An entity span type (the OntoNotes name): times smaller than a day.
 */
#define GALLEY_ENTITY_TIME "TIME"
/**
 * GALLEY_ENTITY_PERCENT:
 *
 * An entity span type (the OntoNotes name): percentage, including "%".
 */
#define GALLEY_ENTITY_PERCENT "PERCENT"
/**
 * GALLEY_ENTITY_MONEY:
 *
 * An entity span type (the OntoNotes name): monetary values, including unit.
 */
#define GALLEY_ENTITY_MONEY "MONEY"
/**
 * GALLEY_ENTITY_QUANTITY:
 *
 * An entity span type (the OntoNotes name): measurements, as of weight or distance.
 */
#define GALLEY_ENTITY_QUANTITY "QUANTITY"
/**
 * GALLEY_ENTITY_ORDINAL:
 *
 * An entity span type (the OntoNotes name): "first", "second", etc.
 */
#define GALLEY_ENTITY_ORDINAL "ORDINAL"
/**
 * GALLEY_ENTITY_CARDINAL:
 *
 * An entity span type (the OntoNotes name): numerals that do not fall under another type.
 */
#define GALLEY_ENTITY_CARDINAL "CARDINAL"

/**
 * GALLEY_ENTITY_FEATURE_NORM:
 *
 * An entity span feature, a string: the normalised form.
 */
#define GALLEY_ENTITY_FEATURE_NORM "norm"
/**
 * GALLEY_ENTITY_FEATURE_CLUSTER:
 *
 * An entity span feature, an int: spans with the same value name the same
 * real-world entity.
 */
#define GALLEY_ENTITY_FEATURE_CLUSTER "cluster"
/**
 * GALLEY_ENTITY_FEATURE_SENTIMENT:
 *
 * An entity span feature set by the sentiment stage, a double: the mean
 * compound of the sentences mentioning the entity's cluster.
 */
#define GALLEY_ENTITY_FEATURE_SENTIMENT "sentiment"
/**
 * GALLEY_ENTITY_FEATURE_MENTIONS:
 *
 * An entity span feature set by the sentiment stage, an int: the number of
 * mentions of the entity's cluster that %GALLEY_ENTITY_FEATURE_SENTIMENT
 * averages.
 */
#define GALLEY_ENTITY_FEATURE_MENTIONS "mentions"

/**
 * GALLEY_SENTIMENT_FEATURE_COMPOUND:
 *
 * A double feature of sentiment spans (one per sentence, type
 * "sentiment"): the compound score, -1 .. 1.
 */
#define GALLEY_SENTIMENT_FEATURE_COMPOUND "compound"
/**
 * GALLEY_SENTIMENT_FEATURE_POS:
 *
 * A double feature of sentiment spans: the positive proportion, 0 .. 1.
 */
#define GALLEY_SENTIMENT_FEATURE_POS "pos"
/**
 * GALLEY_SENTIMENT_FEATURE_NEG:
 *
 * A double feature of sentiment spans: the negative proportion, 0 .. 1.
 */
#define GALLEY_SENTIMENT_FEATURE_NEG "neg"
/**
 * GALLEY_SENTIMENT_FEATURE_NEU:
 *
 * A double feature of sentiment spans: the neutral proportion, 0 .. 1.
 */
#define GALLEY_SENTIMENT_FEATURE_NEU "neu"

/**
 * GALLEY_FEATURE_SENTIMENT_COMPOUND:
 *
 * A document feature (dotted keys are shared by stages), a double: the
 * document's compound sentiment, -1 .. 1.
 */
#define GALLEY_FEATURE_SENTIMENT_COMPOUND "sentiment.compound"
/**
 * GALLEY_FEATURE_SENTIMENT_POS:
 *
 * A document feature, a double: the positive proportion, 0 .. 1.
 */
#define GALLEY_FEATURE_SENTIMENT_POS "sentiment.pos"
/**
 * GALLEY_FEATURE_SENTIMENT_NEG:
 *
 * A document feature, a double: the negative proportion, 0 .. 1.
 */
#define GALLEY_FEATURE_SENTIMENT_NEG "sentiment.neg"
/**
 * GALLEY_FEATURE_SENTIMENT_NEU:
 *
 * A document feature, a double: the neutral proportion, 0 .. 1.
 */
#define GALLEY_FEATURE_SENTIMENT_NEU "sentiment.neu"
/**
 * GALLEY_FEATURE_LANGUAGE:
 *
 * A document feature, a string: the document's language, an ISO 639 code.
 */
#define GALLEY_FEATURE_LANGUAGE "language"
/**
 * GALLEY_FEATURE_LANGUAGE_CONFIDENCE:
 *
 * A document feature, a double: how sure the language stage is of
 * %GALLEY_FEATURE_LANGUAGE.
 */
#define GALLEY_FEATURE_LANGUAGE_CONFIDENCE "language.confidence"
/**
 * GALLEY_FEATURE_DUP_OF:
 *
 * A document feature, a string: the id of the first copy of a story.
 */
#define GALLEY_FEATURE_DUP_OF "dup.of"
/**
 * GALLEY_FEATURE_DUP_SIMILARITY:
 *
 * A document feature, a double: how similar the document is to
 * %GALLEY_FEATURE_DUP_OF.
 */
#define GALLEY_FEATURE_DUP_SIMILARITY "dup.similarity"

G_END_DECLS
