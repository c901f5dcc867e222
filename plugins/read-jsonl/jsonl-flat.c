/* jsonl-flat.c: a scanner for the one line shape that news comes in,
 * {"id": "...", "title": "...", "text": "..."}, in front of yajl.
 *
 * Why: yajl (see jsonl-parser.c for why it was chosen) lexes each byte
 * through its state machine and allocates and frees its lexer, buffers
 * and stacks for every line. On real news, short articles, that was
 * most of the reader: callgrind, the first 2,000 lines (3.3 MB) of
 * 10,569 real news articles through the default pipeline,
 * yajl and its allocations took about 100M of the reader's 103M
 * instructions. This scanner skips string bytes sixteen at a time
 * (SSE2) and allocates nothing once its buffers have grown.
 *
 * Invariant: it either takes a line exactly as yajl would, member for
 * member and byte for byte, or declines it; it never reports an error.
 * Anything it does not handle (numbers, literals, nested values, a
 * control byte or an unknown escape in a string, white space yajl also
 * takes but JSON does not, an unpaired surrogate escape, a syntax error)
 * makes it decline, and jsonl-parser.c hands the line to yajl, so every
 * message about a bad line still comes from one place. The decoding of
 * \u escapes follows yajl's: code points as UTF-8, \u0000 as a NUL byte
 * (which the caller checks), a high surrogate escape with the low one
 * after it as one code point.
 */
#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <galley/galley-json.h>

#include "jsonl-flat.h"

struct _JsonlFlat {
  /* the members found; a plain array, not a GArray: g_array_set_size
   * and g_array_append_vals were calls, 1.8M instructions on 10,569
   * articles of three members */
  JsonlFlatMember *members;
  guint n_members;
  guint members_size;
  char *buf;        /* decoded strings of escaped members */
  gsize buf_size;
  gboolean u_escapes;  /* the line has a \u escape */
};

JsonlFlat *
jsonl_flat_new (void)
{
  JsonlFlat *flat = g_new0 (JsonlFlat, 1);

  flat->members_size = 8;
  flat->members = g_new (JsonlFlatMember, flat->members_size);
  return flat;
}

void
jsonl_flat_free (JsonlFlat *flat)
{
  if (flat == NULL)
    return;
  g_free (flat->members);
  g_free (flat->buf);
  g_free (flat);
}

/* A buffer past this size is not kept from one line to the next: one
 * huge line would otherwise hold its size for the rest of the run. */
#define KEEP_BUF_MAX (1024 * 1024)

void
jsonl_flat_release (JsonlFlat *flat)
{
  flat->n_members = 0;
  if (flat->buf_size > KEEP_BUF_MAX)
    {
      g_clear_pointer (&flat->buf, g_free);
      flat->buf_size = 0;
    }
}

gboolean
jsonl_flat_had_u_escapes (JsonlFlat *flat)
{
  return flat->u_escapes;
}

const JsonlFlatMember *
jsonl_flat_get_members (JsonlFlat *flat, guint *n_members)
{
  *n_members = flat->n_members;
  return flat->members;
}

/* plain_end: the first byte in [@p, @end) that ends a plain run (a
 * control byte, '"' or '\\'), or @end. The SDK's scan goes sixteen bytes
 * a step with SSE2: callgrind, read-jsonl ! export-jsonl on
 * 10,569 real news articles (11.4 MB), scan_string 50.1M ->
 * 29.9M instructions with the SDK calls (eight bytes a step before, and
 * the stop searched for again a byte at a time). */
static inline const guchar *
plain_end (const guchar *p, const guchar *end)
{
  return p + galley_json_count_plain ((const char *) p, end - p);
}

static inline const guchar *
skip_space (const guchar *p, const guchar *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;
  return p;
}

int
jsonl_hex4 (const guchar *p, const guchar *end)
{
  int v = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);
      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* put_utf8: @cp as UTF-8 at @w; returns the byte after it. */
static char *
put_utf8 (char *w, guint32 cp)
{
  if (cp < 0x80)
    *w++ = (char) cp;
  else if (cp < 0x800)
    {
      *w++ = (char) (0xC0 | (cp >> 6));
      *w++ = (char) (0x80 | (cp & 0x3F));
    }
  else if (cp < 0x10000)
    {
      *w++ = (char) (0xE0 | (cp >> 12));
      *w++ = (char) (0x80 | ((cp >> 6) & 0x3F));
      *w++ = (char) (0x80 | (cp & 0x3F));
    }
  else
    {
      *w++ = (char) (0xF0 | (cp >> 18));
      *w++ = (char) (0x80 | ((cp >> 12) & 0x3F));
      *w++ = (char) (0x80 | ((cp >> 6) & 0x3F));
      *w++ = (char) (0x80 | (cp & 0x3F));
    }
  return w;
}

/* unescape: decodes the escape at @p (its backslash) to *@w. Returns the
 * byte after the escape, or NULL to decline the line. Every escape is at
 * least as long as what it decodes to, so the output never outgrows the
 * line (the buffer is sized on that). */
static const guchar *
unescape (const guchar *p, const guchar *end, char **w)
{
  int cp, low;

  if (end - p < 2)
    return NULL;
  switch (p[1])
    {
    case '"': case '\\': case '/': *(*w)++ = (char) p[1]; return p + 2;
    case 'b': *(*w)++ = '\b'; return p + 2;
    case 'f': *(*w)++ = '\f'; return p + 2;
    case 'n': *(*w)++ = '\n'; return p + 2;
    case 'r': *(*w)++ = '\r'; return p + 2;
    case 't': *(*w)++ = '\t'; return p + 2;
    case 'u': break;
    default: return NULL;
    }
  cp = jsonl_hex4 (p + 2, end);
  if (cp < 0)
    return NULL;
  if (cp < 0xD800 || cp > 0xDFFF)
    {
      *w = put_utf8 (*w, (guint32) cp);
      return p + 6;
    }
  /* a surrogate: only a high one followed by a low one is taken */
  if (cp > 0xDBFF || end - p < 12 || p[6] != '\\' || p[7] != 'u')
    return NULL;
  low = jsonl_hex4 (p + 8, end);
  if (low < 0xDC00 || low > 0xDFFF)
    return NULL;
  *w = put_utf8 (*w, 0x10000 + (((guint32) cp - 0xD800) << 10) + ((guint32) low - 0xDC00));
  return p + 12;
}

/* copy_plain: copies the plain run at @p (up to the first control byte,
 * '"' or '\\', or @end) to *@w and returns where it stopped.
 *
 * Used once a string has had an escape, so that its bytes are being
 * decoded to *@w anyway: with SSE2 each sixteen bytes are stored first
 * and checked after (the bytes before the stop are in place already),
 * one pass where a scan (plain_end()) and then a memcpy of the run took
 * two, and a call each. Callgrind, read-jsonl ! export-jsonl on 10,569
 * real news articles (11.4 MB, 130,026 runs after an escape): scan_string
 * 29.9M -> 25.5M instructions with its callees. Tried and dropped: 32
 * bytes a step (two vectors, one test), 25.5M -> 25.2M: the runs
 * between escapes of news text are short (about 80 bytes).
 *
 * The room: what is decoded is never longer than what it was decoded
 * from, so *@w is at most as far into the buffer as @p is into the line,
 * and the buffer is one byte longer than the line; a sixteen-byte store
 * at *@w with sixteen bytes of line left at @p stays inside it. */
static inline const guchar *
copy_plain (const guchar *p, const guchar *end, char **w)
{
#ifdef __SSE2__
  char *d = *w;  /* a local: a store through *w might change w itself */

  while (end - p >= 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) p);
      /* unsigned v <= 0x1f: min (v, 0x1f) == v */
      __m128i stop = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ('"')),
                                                 _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('\\'))),
                                   _mm_cmpeq_epi8 (_mm_min_epu8 (v, _mm_set1_epi8 (0x1f)), v));
      unsigned mask = (unsigned) _mm_movemask_epi8 (stop);

      _mm_storeu_si128 ((__m128i *) d, v);
      if (mask != 0)
        {
          unsigned k = (unsigned) __builtin_ctz (mask);

          *w = d + k;
          return p + k;
        }
      p += 16;
      d += 16;
    }
  while (p < end && *p >= 0x20 && *p != '"' && *p != '\\')
    *d++ = (char) *p++;
  *w = d;
  return p;
#else
  const guchar *stop = plain_end (p, end);

  memcpy (*w, p, stop - p);
  *w += stop - p;
  return stop;
#endif
}

/* scan_string: the string whose opening quote is just before @p, into
 * *@s and *@len; *@w is where decoded bytes go if it has escapes, and
 * *@u_escapes is set when one is a \u escape. Returns
 * the byte after the closing quote, or NULL to decline the line.
 *
 * A string without escapes (keys, ids, most titles) is found by
 * plain_end() and points into the line; from its first escape on it is
 * decoded to *@w, its plain runs through copy_plain(). */
static const guchar *
scan_string (const guchar *p, const guchar *end, char **w, const char **s, gsize *len,
             gboolean *u_escapes)
{
  const guchar *run = p;
  char *out;

  p = plain_end (p, end);
  if (p == end || *p < 0x20)
    return NULL;
  if (*p == '"')
    {
      *s = (const char *) run;
      *len = p - run;
      return p + 1;
    }
  out = *w;
  memcpy (*w, run, p - run);
  *w += p - run;
  for (;;)
    {
      /* at a stop: an escape, the closing quote or a control byte */
      if (p == end || *p < 0x20)
        return NULL;
      if (*p == '"')
        {
          *s = out;
          *len = *w - out;
          return p + 1;
        }
      *u_escapes |= p + 1 < end && p[1] == 'u';
      p = unescape (p, end, w);
      if (p == NULL)
        return NULL;
      p = copy_plain (p, end, w);
    }
}

gboolean
jsonl_flat_scan (JsonlFlat *flat, const char *line, gsize len)
{
  const guchar *p = (const guchar *) line, *end = p + len;
  char *w;

  flat->n_members = 0;
  flat->u_escapes = FALSE;
  if (flat->buf_size < len + 1)
    {
      flat->buf_size = MAX (len + 1, 2 * flat->buf_size);
      g_free (flat->buf);
      flat->buf = g_malloc (flat->buf_size);
    }
  w = flat->buf;

  p = skip_space (p, end);
  if (p == end || *p++ != '{')
    return FALSE;
  p = skip_space (p, end);
  if (p < end && *p == '}')
    p++;
  else
    for (;;)
      {
        JsonlFlatMember m;

        if (p == end || *p++ != '"')
          return FALSE;
        p = scan_string (p, end, &w, &m.key, &m.key_len, &flat->u_escapes);
        if (p == NULL)
          return FALSE;
        p = skip_space (p, end);
        if (p == end || *p++ != ':')
          return FALSE;
        p = skip_space (p, end);
        if (p == end || *p++ != '"')
          return FALSE;
        p = scan_string (p, end, &w, &m.value, &m.value_len, &flat->u_escapes);
        if (p == NULL)
          return FALSE;
        if (flat->n_members == flat->members_size)
          {
            flat->members_size *= 2;
            flat->members = g_renew (JsonlFlatMember, flat->members, flat->members_size);
          }
        flat->members[flat->n_members++] = m;
        p = skip_space (p, end);
        if (p == end)
          return FALSE;
        if (*p == '}')
          {
            p++;
            break;
          }
        if (*p++ != ',')
          return FALSE;
        p = skip_space (p, end);
      }
  return skip_space (p, end) == end;
}
