/* tokenize.h: the token scanner and the sentence splitter. */
#pragma once

#include <galley/galley.h>

#include "abbrev.h"

G_BEGIN_DECLS

/* What both passes need; read-only while documents are processed, so one
 * instance serves every worker thread. */
typedef struct {
  const AbbrevTable *abbrevs;
  gboolean newline_ends_sentence;
  GQuark kind_quarks[GALLEY_TOKEN_ABBREV + 1];  /* by GalleyTokenKind */
  GQuark sentence_quark;
} TokConfig;

/* TokMarks: the candidate tokens tok_scan_tokens() finds for the
 * splitter, in a buffer on the caller's stack that moves to the heap only
 * past TOK_MARKS_STACK of them (a news article has a few dozen). A GArray
 * a document cost two allocations and frees, 580 instructions a document
 * (callgrind, default pipeline on 10,569 news articles: tokenizer_process
 * 6M instructions less). */
#define TOK_MARKS_STACK 256
typedef struct {
  guint *v;      /* len used, cap allocated: stack or heap */
  guint len;
  guint cap;
  guint stack[TOK_MARKS_STACK];
} TokMarks;

/* tok_marks_init: an empty TokMarks; tok_marks_clear frees what it holds. */
void tok_marks_init (TokMarks *m);
void tok_marks_clear (TokMarks *m);
/* tok_marks_grow: room for one more (out of line: rarely called). */
void tok_marks_grow (TokMarks *m);

/* tok_scan_tokens: appends the tokens of @text (@len bytes of valid UTF-8,
 * NUL-terminated) to @layer, in order. Each span's type is the interned
 * kind name and its flags the kind, case and GALLEY_TOKEN_FLAG_* bits
 * (SENTENCE_START is left to tok_split_sentences).
 *
 * It also appends to @marks (ascending, unique) the index of every
 * token where a sentence may end: terminal punctuation and abbreviations,
 * the last token before a line break, and the token before a capitalised
 * "...day," (a possible date line). The splitter looks at those alone, so
 * its cost follows the number of sentences, not of tokens. */
void tok_scan_tokens (const TokConfig *cfg, const char *text, gsize len,
                      GalleyLayer *layer, TokMarks *marks);

/* tok_split_sentences: appends the sentences of @text to @sentences, one
 * span from the first to the last token of each, and sets
 * GALLEY_TOKEN_FLAG_SENTENCE_START on the first token of each. @marks are
 * those tok_scan_tokens found. */
void tok_split_sentences (const TokConfig *cfg, const char *text, gsize len,
                          GalleySpan *tokens, guint n_tokens,
                          const guint *marks, guint n_marks,
                          GalleyLayer *sentences);

/* tok_abbrev_class: the class of the ABBREV token [start, end) of @text
 * (its final period included). */
AbbrevClass tok_abbrev_class (const TokConfig *cfg, const char *text,
                              guint32 start, guint32 end);

G_END_DECLS
