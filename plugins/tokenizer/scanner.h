/* scanner.h: what the token scanner's files share (private to the
 * plugin): the scanning context, emitting a token, marking a candidate
 * for the sentence splitter, and the classes of the character at a
 * position. The hot helpers are static inline; the rest is in scanner.c.
 */
#pragma once

#include <string.h>

#include "chars.h"
#include "tokenize.h"

/* Tokens wait in a batch of PENDING_MAX before they go to the layer in
 * one galley_layer_append_spans() call: one call a token cost about 34
 * instructions (its order check, the growth test, the call), the batch
 * about 8 a token. */
#define PENDING_MAX 128

/* Which of 64 bytes of the text are lower-case ASCII letters, for the
 * run of plain words (tokenize.c, lower_end()): it lives in the context
 * so that it outlasts a return to the dispatch. */
typedef struct {
  gsize base;     /* the offset of the first of the 64 bytes */
  guint64 stop;   /* bit k set: byte base + k is no letter a..z */
} LowerMask;

typedef struct {
  const TokConfig *cfg;
  const guchar *t;
  gsize len;
  GalleyLayer *layer;
  guint n_flushed; /* tokens already in the layer */
  TokMarks *marks; /* candidate tokens for the sentence splitter */
  LowerMask lower; /* see tokenize.c, lower_end() */
  GalleySpan *w;   /* the next free slot of @pending */
  GalleySpan pending[PENDING_MAX];
} Ctx;

/* The number of tokens made so far (in the layer, or pending). A write
 * pointer and the count flushed, rather than a count of pending tokens
 * and one of all tokens, so that adding a token is a store through a
 * pointer the hot loops keep in a register (see plain_words()). */
static inline guint
tok_count (const Ctx *cx)
{
  return cx->n_flushed + (guint) (cx->w - cx->pending);
}

/* Sends the pending tokens to the layer. */
static inline void
flush_tokens (Ctx *cx)
{
  guint n = (guint) (cx->w - cx->pending);

  galley_layer_append_spans (cx->layer, cx->pending, n);
  cx->n_flushed += n;
  cx->w = cx->pending;
}

/* Writes the span [s, e) of @type and @flags at @w: four stores, as the
 * stage's library is built without SLP vectorisation (Makefile.am). */
G_ALWAYS_INLINE static inline void
put_span (GalleySpan *w, gsize s, gsize e, GQuark type, guint32 flags)
{
  w->start = (guint32) s;
  w->end = (guint32) e;
  w->type = type;
  w->flags = flags;
}

/* Adds the token [s, e) (the layer gets it at the next flush). */
G_ALWAYS_INLINE static inline void
push_token (Ctx *cx, gsize s, gsize e, GQuark type, guint32 flags)
{
  GalleySpan *span;

  if (G_UNLIKELY (cx->w == cx->pending + PENDING_MAX))
    flush_tokens (cx);
  span = cx->w++;
  put_span (span, s, e, type, flags);
}

/* Marks token @i as a place the splitter must look at (see tokenize.h). */
static inline void
mark (Ctx *cx, guint i)
{
  TokMarks *m = cx->marks;

  if (m->len == 0 || m->v[m->len - 1] != i)
    {
      if (G_UNLIKELY (m->len == m->cap))
        tok_marks_grow (m);
      m->v[m->len++] = i;
    }
}

#define CASE_BITS(c) ((guint32) (c) << GALLEY_TOKEN_CASE_SHIFT)

/* Whether the character at @p (an offset inside the text or its end)
 * is white space, for GALLEY_TOKEN_FLAG_SPACE_AFTER. */
static inline gboolean
space_at (const Ctx *cx, gsize p)
{
  guint n;

  if (p >= cx->len)
    return TRUE;
  if (tok_bclass[cx->t[p]] != B_HIGH)
    return tok_is_space (cx->t[p]);
  return tok_uclass (tok_utf8_decode (cx->t + p, &n)) == U_SPACE;
}

/* GALLEY_TOKEN_FLAG_SPACE_AFTER for an ASCII byte after a token: white
 * space, and the NUL that ends the text (a document holds no other), as
 * space_at() says. One load where space_at() tested the end of the text
 * and the byte's class twice (callgrind, news-dev, 450,000 tokens made
 * by emit(): see the commit). */
#define SA GALLEY_TOKEN_FLAG_SPACE_AFTER
static const guint16 ascii_space_after[128] = {
  [0] = SA, ['\t'] = SA, ['\n'] = SA, ['\v'] = SA, ['\f'] = SA, ['\r'] = SA, [' '] = SA,
};
#undef SA

/* Always inline: out of line, the context was spilled and reloaded
 * around every call (43 instructions an emit besides the append). */
G_ALWAYS_INLINE static inline void
emit (Ctx *cx, gsize s, gsize e, guint32 flags)
{
  if (G_LIKELY (cx->t[e] < 0x80))
    flags |= ascii_space_after[cx->t[e]];
  else if (space_at (cx, e))
    flags |= GALLEY_TOKEN_FLAG_SPACE_AFTER;
  if ((flags & GALLEY_TOKEN_KIND_MASK) == GALLEY_TOKEN_ABBREV)
    mark (cx, tok_count (cx));
  push_token (cx, s, e, cx->cfg->kind_quarks[flags & GALLEY_TOKEN_KIND_MASK], flags);
}

/* Whether the word [s, e), capitalised and followed by a comma, may be
 * a weekday opening a date line ("Sunday, April 5, 2009"): then the
 * splitter looks at the token before it. */
static inline void
mark_weekday (Ctx *cx, gsize s, gsize e)
{
  const guchar *t = cx->t;

  if (e - s >= 6 && e - s <= 9 && t[e] == ',' && t[e - 3] == 'd' && t[e - 2] == 'a'
      && t[e - 1] == 'y' && tok_count (cx) > 0)
    mark (cx, tok_count (cx) - 1);
}

/* The class of the character at @p, ASCII or not (U_* values, with ASCII
 * letters as U_LOWER/U_UPPER, digits as U_DIGIT, the rest U_PUNCT/U_SPACE).
 * For the rare look-aheads; the hot loops use the byte table. */
static inline UClass
class_at (const Ctx *cx, gsize p)
{
  guint n;

  if (p >= cx->len)
    return U_SPACE;
  switch (tok_bclass[cx->t[p]])
    {
    case B_LOWER:
      return U_LOWER;
    case B_UPPER:
      return U_UPPER;
    case B_DIGIT:
      return U_DIGIT;
    case B_HIGH:
      return tok_uclass (tok_utf8_decode (cx->t + p, &n));
    case B_SPACE:
    case B_NL:
    case B_CTRL:
      return U_SPACE;
    default:
      return U_PUNCT;
    }
}

static inline gboolean
uclass_is_letter (UClass k)
{
  return k == U_LOWER || k == U_UPPER || k == U_LETTER;
}

/* A letter, mark or digit: what continues a word. */
static inline gboolean
word_char_at (const Ctx *cx, gsize p)
{
  UClass k = class_at (cx, p);
  return uclass_is_letter (k) || k == U_MARK || k == U_DIGIT;
}

static inline gboolean
letter_at (const Ctx *cx, gsize p)
{
  return uclass_is_letter (class_at (cx, p));
}

/* scanner.c */
GalleyTokenCase tok_case_of (const Ctx *cx, gsize s, gsize e);
gsize tok_emit_plain (Ctx *cx, gsize s, gsize e, GalleyTokenKind kind, guint32 extra);
gsize tok_absorb_marks (const Ctx *cx, gsize e);

/* tokenize-word.c: the word or number whose first letter or digit is at
 * @p0, the token starting at @s (before @p0 when a sign leads a number);
 * emits it (and a clitic or unit token after it) and returns its end. */
gsize tok_scan_word (Ctx *cx, gsize s, gsize p0);
gboolean tok_abbrev_before_period (const Ctx *cx, gsize s, gsize p, gboolean initial);

/* tokenize-web.c */
gsize tok_url_prefix (const Ctx *cx, gsize p);
gsize tok_scan_url_body (const Ctx *cx, gsize s, gsize p);
gsize tok_scan_email (const Ctx *cx, gsize s);
gboolean tok_is_tld (const Ctx *cx, gsize s, gsize e);
gsize tok_scan_emoji (Ctx *cx, gsize p, gunichar u, guint n);
gsize tok_emoticon_end (const Ctx *cx, gsize p);
