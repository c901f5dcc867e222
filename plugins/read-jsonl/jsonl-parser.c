/* jsonl-parser.c: turns one line of JSON Lines into a document, with yajl.
 *
 * Why yajl: measured on a 100 MB corpus of news-like articles (3.5 KB of
 * text each, 28,349 lines, six string members), one thread, parsing each
 * line and extracting every member:
 *
 *   yajl 2.1 (event callbacks)          760-800 MB/s
 *   json-glib 1.6 (JsonParser tree)     290-350 MB/s
 *   jansson 2.14 (json_loadb tree)       87 MB/s
 *   g_utf8_validate (for scale)        2000 MB/s
 *
 * json-glib alone would use the whole 300 MB/s budget of read-jsonl ->
 * export-jsonl; yajl leaves room for UTF-8 checking, the document and the
 * exporter: read-jsonl -> export-jsonl runs at about 340 MB/s of text per
 * CPU second on tests/bench/gen-corpus output (make -C tests/read-jsonl bench),
 * where yajl is 46% of the instructions and UTF-8 checks 30%.
 * Its callbacks also let us keep arrays and objects verbatim (below)
 * without building a tree at all. (json-c was not measured: its headers
 * are not installed here, and it builds a tree as jansson does.)
 *
 * In front of yajl: lines that are one flat object of strings, the shape
 * of news articles, go through jsonl-flat.c, which declines everything
 * else; its members reach the same callbacks yajl calls (see there for
 * the figures).
 *
 * UTF-8: yajl's own check lets through UTF-16 surrogates and code points
 * past U+10FFFF, so it is turned off; the whole line goes through
 * utf8_check() once instead (one fast pass, see utf8-check.c; and byte
 * offsets in messages are offsets in the line). A valid line can still
 * decode to invalid text through \u escapes; only when the line contains
 * "\u" at all is anything more done:
 *  - surrogate escapes are paired up in the line itself, before yajl
 *    sees it (pair_surrogates), because yajl decodes a high surrogate
 *    with whatever escape follows it ("\ud800\u0041" lost the A) and
 *    turns one followed by no escape into '?'. An unpaired half is
 *    rewritten in place as "\ufffd", six bytes for six, so every offset
 *    in the line stays true;
 *  - decoded strings are checked again, for \u0000.
 *
 * Nested values: a member whose value is an array or object is kept as the
 * exact bytes of the line between its brackets. yajl updates the count of
 * bytes consumed (yajl_get_bytes_consumed) as it lexes each token, before
 * calling back, so at the opening and closing bracket it gives their
 * offsets in the line. The line is always passed to yajl whole, so no
 * token spans two chunks.
 */
#include "config.h"

#include <string.h>

#include <yajl/yajl_parse.h>

#include "export-shape.h"
#include "jsonl-flat.h"
#include "jsonl-parser.h"
#include "string-set.h"
#include "utf8-check.h"

/* JSONL_DEPTH_LIMIT: levels of arrays and objects a line may nest, its
 * own object being the first. */
#define JSONL_DEPTH_LIMIT 256

typedef enum {
  FIELD_META,
  FIELD_ID,
  FIELD_TEXT,
} Field;

typedef enum {
  STATE_MISSING,
  STATE_STRING,
  STATE_OTHER,  /* present, but not a string */
} FieldState;

/* A metadata member of the current line. Slots are reused from line to
 * line, so a line costs no allocation here beyond the document's own. */
typedef struct {
  GString *key;
  GString *value;
  GalleyValueType type;
} MetaSlot;

struct _JsonlParser {
  GalleyUtf8Policy policy;
  gsize max_bytes;
  JsonlFlat *flat;         /* the fast path, tried before yajl; NULL: off */
  yajl_handle yajl;

  /* the line being parsed */
  const char *line;
  const char *where;
  gboolean check_strings;  /* it has \u escapes: check decoded strings */
  guint replaced;
  int depth;               /* 1 inside the top-level object */
  Field field;             /* whose value the next depth-1 value is */
  gsize value_start;       /* offset of the current depth-1 container */
  GString *key;            /* the current depth-1 key */
  GString *id;
  FieldState id_state;
  char *text;              /* g_malloc'd, handed to the document */
  gsize text_len;
  FieldState text_state;
  GPtrArray *slots;        /* MetaSlot, the pool */
  guint n_meta;            /* slots used by this line */
  gboolean object_meta;    /* one of them is a JSON object */
  GError *error;           /* why a callback stopped the parse */
};

static void
meta_slot_free (gpointer data)
{
  MetaSlot *slot = data;

  g_string_free (slot->key, TRUE);
  g_string_free (slot->value, TRUE);
  g_free (slot);
}

JsonlParser *
jsonl_parser_new (GalleyUtf8Policy policy, gsize max_bytes)
{
  JsonlParser *p = g_new0 (JsonlParser, 1);

  p->policy = policy;
  p->max_bytes = max_bytes;
  p->key = g_string_new (NULL);
  p->id = g_string_new (NULL);
  p->slots = g_ptr_array_new_with_free_func (meta_slot_free);
  p->flat = jsonl_flat_new ();
  return p;
}

void
jsonl_parser_free (JsonlParser *parser)
{
  if (parser == NULL)
    return;
  g_string_free (parser->key, TRUE);
  g_string_free (parser->id, TRUE);
  g_free (parser->text);
  g_ptr_array_unref (parser->slots);
  jsonl_flat_free (parser->flat);
  g_clear_error (&parser->error);
  g_free (parser);
}

void
jsonl_parser_set_fast_path (JsonlParser *parser, gboolean enabled)
{
  if (!enabled)
    g_clear_pointer (&parser->flat, jsonl_flat_free);
  else if (parser->flat == NULL)
    parser->flat = jsonl_flat_new ();
}

const char *
jsonl_parser_get_last_id (JsonlParser *parser)
{
  return parser->id_state == STATE_STRING ? parser->id->str : NULL;
}

gboolean
jsonl_parser_had_object_meta (JsonlParser *parser)
{
  return parser->object_meta;
}

static int
fail (JsonlParser *p, const char *reason)
{
  if (p->error == NULL)
    g_set_error (&p->error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                 "%s: %s", p->where, reason);
  return 0;  /* stops yajl */
}

static MetaSlot *
next_slot (JsonlParser *p)
{
  MetaSlot *slot;

  if (p->n_meta == p->slots->len)
    {
      slot = g_new0 (MetaSlot, 1);
      slot->key = g_string_new (NULL);
      slot->value = g_string_new (NULL);
      g_ptr_array_add (p->slots, slot);
    }
  slot = g_ptr_array_index (p->slots, p->n_meta++);
  string_set (slot->key, p->key->str, p->key->len);
  string_set (slot->value, "", 0);
  return slot;
}

/* decoded_text: @s as the document may hold it. Only a line with \u
 * escapes can decode to invalid text (a NUL: surrogates were paired up
 * before parsing); then the policy applies. A repaired copy goes to @tmp. */
static gboolean
decoded_text (JsonlParser *p, const unsigned char **s, size_t *len, char **tmp)
{
  guint n = 0;
  gsize fixed_len = 0;

  if (!p->check_strings || utf8_check ((const char *) *s, *len))
    return TRUE;
  if (p->policy == GALLEY_UTF8_REJECT)
    return fail (p, "a \\u0000 escape makes a NUL character");
  galley_utf8_make_valid ((const char *) *s, *len, GALLEY_UTF8_REPLACE, p->where,
                          tmp, &fixed_len, &n, NULL);
  *s = (const unsigned char *) *tmp;
  *len = fixed_len;
  p->replaced += n;
  return TRUE;
}

/* surrogate_at: the surrogate escaped at @s ("\uD800" to "\uDFFF"),
 * or -1 for anything else. @s has at least 6 bytes or a NUL before. */
static int
surrogate_at (const char *s)
{
  int v;

  if (s[0] != '\\' || s[1] != 'u')
    return -1;
  v = jsonl_hex4 ((const guchar *) s + 2, (const guchar *) s + 6);
  return v >= 0xD800 && v <= 0xDFFF ? v : -1;
}

/* pair_surrogates: finds the surrogate escapes of @line that are not a
 * high one (D800-DBFF) directly followed by a low one (DC00-DFFF). Under
 * REJECT the first fails the line; under REPLACE each becomes "\ufffd",
 * in @line when *@copy is set or in a copy made into *@copy. Escapes are
 * walked two bytes at a time, so "\\ud800" (a backslash, then text) is
 * not one. Returns FALSE when the line is rejected. */
static gboolean
pair_surrogates (JsonlParser *p, const char **line, gsize len, char **copy)
{
  for (gsize i = 0; i + 1 < len; i++)
    {
      int s;

      if ((*line)[i] != '\\')
        continue;
      s = surrogate_at (*line + i);
      if (s < 0)
        {
          i++;  /* any other escape: skip its second byte */
          continue;
        }
      if (s <= 0xDBFF)
        {
          int low = i + 6 < len ? surrogate_at (*line + i + 6) : -1;
          if (low >= 0xDC00)
            {
              i += 11;
              continue;
            }
        }
      if (p->policy == GALLEY_UTF8_REJECT)
        {
          g_autofree char *what = g_strdup_printf ("unpaired surrogate escape \\u%.4s at byte %"
                                                   G_GSIZE_FORMAT, *line + i + 2, i + 1);
          return fail (p, what);
        }
      if (*copy == NULL)
        *copy = g_strndup (*line, len);
      memcpy (*copy + i, "\\ufffd", 6);
      *line = *copy;
      p->replaced++;
      i += 5;
    }
  return TRUE;
}

/* json_value: a depth-1 value other than a string, as JSON text. */
static void
json_value (JsonlParser *p, const char *json, gsize len)
{
  MetaSlot *slot;

  switch (p->field)
    {
    case FIELD_ID:
      p->id_state = STATE_OTHER;
      break;
    case FIELD_TEXT:
      p->text_state = STATE_OTHER;
      break;
    case FIELD_META:
    default:
      slot = next_slot (p);
      string_set (slot->value, json, len);
      /* yajl takes form feed and vertical tab for white space between
       * tokens; JSON does not, and the value is kept as JSON text for
       * others to parse. A raw control byte cannot be inside a string
       * (yajl refuses those), so each one here is white space. */
      for (gsize i = slot->value->len - len; i < slot->value->len; i++)
        if ((guchar) slot->value->str[i] < 0x20 && slot->value->str[i] != '\t'
            && slot->value->str[i] != '\n' && slot->value->str[i] != '\r')
          slot->value->str[i] = ' ';
      slot->type = GALLEY_VALUE_JSON;
      p->object_meta |= json[0] == '{';
      break;
    }
}

static int
scalar (JsonlParser *p, const char *json, gsize len)
{
  if (p->depth == 0)
    return fail (p, "not a JSON object");
  if (p->depth == 1)
    json_value (p, json, len);
  return 1;
}

static int
on_null (void *ctx)
{
  return scalar (ctx, "null", 4);
}

static int
on_boolean (void *ctx, int value)
{
  return value ? scalar (ctx, "true", 4) : scalar (ctx, "false", 5);
}

/* is_integer: whether the JSON number @s is written as an integer (no
 * fraction, no exponent). */
static gboolean
is_integer (const char *s, size_t len)
{
  return memchr (s, '.', len) == NULL && memchr (s, 'e', len) == NULL
         && memchr (s, 'E', len) == NULL;
}

static int
on_number (void *ctx, const char *s, size_t len)
{
  JsonlParser *p = ctx;

  /* A numeric id is taken as the decimal text it is written in, digits
   * for digits: no conversion, so no integer is too large to keep. 1.0
   * and 4.2e1 are not integers as written and stay "not a string". */
  if (p->depth == 1 && p->field == FIELD_ID && is_integer (s, len))
    {
      string_set (p->id, s, len);
      p->id_state = STATE_STRING;
      return 1;
    }
  return scalar (ctx, s, len);  /* yajl hands us the number's own text */
}

static int
on_string (void *ctx, const unsigned char *s, size_t len)
{
  JsonlParser *p = ctx;
  g_autofree char *tmp = NULL;
  MetaSlot *slot;

  if (p->depth == 0)
    return fail (p, "not a JSON object");
  if (p->depth > 1)
    return 1;
  if (!decoded_text (p, &s, &len, &tmp))
    return 0;
  switch (p->field)
    {
    case FIELD_ID:
      string_set (p->id, (const char *) s, len);
      p->id_state = STATE_STRING;
      break;
    case FIELD_TEXT:
      g_free (p->text);
      p->text = g_malloc (len + 1);
      memcpy (p->text, s, len);
      p->text[len] = '\0';
      p->text_len = len;
      p->text_state = STATE_STRING;
      break;
    case FIELD_META:
    default:
      slot = next_slot (p);
      string_set (slot->value, (const char *) s, len);
      slot->type = GALLEY_VALUE_STRING;
      break;
    }
  return 1;
}

static int
on_map_key (void *ctx, const unsigned char *s, size_t len)
{
  JsonlParser *p = ctx;
  g_autofree char *tmp = NULL;

  if (p->depth != 1)
    return 1;
  if (!decoded_text (p, &s, &len, &tmp))
    return 0;
  if (len == 2 && memcmp (s, "id", 2) == 0)
    p->field = FIELD_ID;
  else if (len == 4 && memcmp (s, "text", 4) == 0)
    p->field = FIELD_TEXT;
  else
    {
      p->field = FIELD_META;
      string_set (p->key, (const char *) s, len);
    }
  return 1;
}

static int
open_container (JsonlParser *p, gboolean is_map)
{
  if (p->depth == 0 && !is_map)
    return fail (p, "not a JSON object");
  if (p->depth == JSONL_DEPTH_LIMIT)
    return fail (p, "nested deeper than " G_STRINGIFY (JSONL_DEPTH_LIMIT) " levels");
  if (p->depth == 1)
    {
      gsize consumed = yajl_get_bytes_consumed (p->yajl);
      /* consumed is just past the bracket (see the comment at the top) */
      if (consumed == 0 || (p->line[consumed - 1] != '{' && p->line[consumed - 1] != '['))
        return fail (p, "cannot locate a nested value (unexpected yajl behaviour)");
      p->value_start = consumed - 1;
    }
  p->depth++;
  return 1;
}

static int
close_container (JsonlParser *p)
{
  p->depth--;
  if (p->depth == 1)
    {
      gsize end = yajl_get_bytes_consumed (p->yajl);
      json_value (p, p->line + p->value_start, end - p->value_start);
    }
  return 1;
}

static int
on_start_map (void *ctx)
{
  return open_container (ctx, TRUE);
}

static int
on_start_array (void *ctx)
{
  return open_container (ctx, FALSE);
}

static int
on_end (void *ctx)
{
  return close_container (ctx);
}

static const yajl_callbacks callbacks = {
  .yajl_null = on_null,
  .yajl_boolean = on_boolean,
  .yajl_number = on_number,
  .yajl_string = on_string,
  .yajl_start_map = on_start_map,
  .yajl_map_key = on_map_key,
  .yajl_end_map = on_end,
  .yajl_start_array = on_start_array,
  .yajl_end_array = on_end,
};

static void
reset (JsonlParser *p, const char *line, const char *where)
{
  p->line = line;
  p->where = where;
  p->replaced = 0;
  p->depth = 0;
  p->field = FIELD_META;
  p->id_state = STATE_MISSING;
  p->text_state = STATE_MISSING;
  g_clear_pointer (&p->text, g_free);
  p->text_len = 0;
  p->n_meta = 0;
  p->object_meta = FALSE;
  g_clear_error (&p->error);
}

/* yajl_message: yajl's error text without its "parse error: " or
 * "lexical error: " prefix, trailing period and newline. */
static char *
yajl_message (yajl_handle yajl, const char *line, gsize len)
{
  unsigned char *raw = yajl_get_error (yajl, 0, (const unsigned char *) line, len);
  char *msg = g_strstrip (g_strdup ((const char *) raw));
  const char *text = msg;
  char *out;
  gsize n;

  yajl_free_error (yajl, raw);
  if (g_str_has_prefix (text, "parse error: "))
    text += strlen ("parse error: ");
  else if (g_str_has_prefix (text, "lexical error: "))
    text += strlen ("lexical error: ");
  out = g_strdup (text);
  g_free (msg);
  n = strlen (out);
  if (n > 0 && out[n - 1] == '.')
    out[n - 1] = '\0';
  return out;
}

/* take_flat_members: the members jsonl_flat_scan() found, through the
 * callbacks yajl would have called for them, in the same order; FALSE
 * with p->error set where one of them refuses a string. */
static gboolean
take_flat_members (JsonlParser *p)
{
  guint n;
  const JsonlFlatMember *m = jsonl_flat_get_members (p->flat, &n);

  gboolean ok = TRUE;

  p->depth = 1;
  for (guint i = 0; i < n && ok; i++)
    ok = on_map_key (p, (const unsigned char *) m[i].key, m[i].key_len)
         && on_string (p, (const unsigned char *) m[i].value, m[i].value_len);
  p->depth = 0;
  jsonl_flat_release (p->flat);  /* the callbacks copied what they keep */
  return ok;
}

/* parse_with_yajl: every line the fast path declines, and the messages
 * for every bad one. */
static gboolean
parse_with_yajl (JsonlParser *p, const char *line, gsize len, const char *where,
                 GError **error)
{
  yajl_status status;

  p->yajl = yajl_alloc (&callbacks, NULL, p);
  yajl_config (p->yajl, yajl_dont_validate_strings, 1);
  status = yajl_parse (p->yajl, (const unsigned char *) line, len);
  if (status == yajl_status_ok)
    status = yajl_complete_parse (p->yajl);
  if (status != yajl_status_ok)
    {
      if (p->error != NULL)
        g_propagate_error (error, g_steal_pointer (&p->error));
      else if (galley_input_looks_binary (line, len))
        g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                     "%s: binary data, not JSON", where);
      else
        {
          g_autofree char *msg = yajl_message (p->yajl, line, len);
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                       "%s: invalid JSON: %s", where, msg);
        }
    }
  yajl_free (p->yajl);
  p->yajl = NULL;
  return status == yajl_status_ok;
}

static gboolean
check_member (JsonlParser *p, const char *name, FieldState state, GError **error)
{
  if (state == STATE_STRING)
    return TRUE;
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
               state == STATE_MISSING ? "%s: missing \"%s\"" : "%s: \"%s\" is not a string%s",
               p->where, name, strcmp (name, "id") == 0 ? " or an integer" : "");
  return FALSE;
}

GalleyDocument *
jsonl_parser_parse (JsonlParser *p, const char *line, gsize len, const char *where,
                    GError **error)
{
  g_autofree char *fixed = NULL;
  guint line_replaced = 0;
  GalleyDocument *doc;

  reset (p, line, where);
  if (!utf8_check (line, len))
    {
      gsize fixed_len = 0;

      if (galley_input_looks_binary (line, len))
        {
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                       "%s: binary data, not JSON", where);
          return NULL;
        }
      if (!galley_utf8_make_valid (line, len, p->policy, where, &fixed,
                                   &fixed_len, &line_replaced, error))
        return NULL;
      if (fixed_len > p->max_bytes)
        {
          g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_TOO_LARGE,
                       "%s: longer than max-bytes=%" G_GSIZE_FORMAT
                       " once invalid UTF-8 is replaced", where, p->max_bytes);
          return NULL;
        }
      line = fixed;
      len = fixed_len;
      p->line = line;
    }
  if (p->flat != NULL && jsonl_flat_scan (p->flat, line, len))
    {
      /* The scanner takes no line with a surrogate escape that does not
       * pair up, so pair_surrogates() would find nothing to do, and it
       * saw every \u escape: no search of the line for one (strstr was
       * 6.7M of 190M instructions, read-jsonl ! export-jsonl on 11.4 MB
       * of news). */
      p->check_strings = jsonl_flat_had_u_escapes (p->flat);
      if (!take_flat_members (p))
        {
          g_propagate_error (error, g_steal_pointer (&p->error));
          return NULL;
        }
    }
  else
    {
      /* strstr is vectorised in glibc; the line is NUL-terminated and,
       * being valid UTF-8 now, has no NUL inside. */
      p->check_strings = strstr (line, "\\u") != NULL;
      if (p->check_strings && !pair_surrogates (p, &line, len, &fixed))
        {
          g_propagate_error (error, g_steal_pointer (&p->error));
          return NULL;
        }
      p->line = line;
      if (!parse_with_yajl (p, line, len, where, error))
        return NULL;
    }

  if (!check_member (p, "id", p->id_state, error)
      || !check_member (p, "text", p->text_state, error))
    return NULL;
  if (p->id->len == 0)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: \"id\" is empty", where);
      return NULL;
    }

  /* the line went through utf8_check() and decoded strings were checked
   * for \u0000 (check_strings): valid UTF-8 without NUL, so the SDK need
   * not check the text again */
  doc = galley_document_new_take_valid (p->id->str, g_steal_pointer (&p->text), p->text_len);
  for (guint i = 0; i < p->n_meta; i++)
    {
      MetaSlot *slot = g_ptr_array_index (p->slots, i);
      GalleyValue value = { slot->type, { 0 } };

      value.v.s = slot->value->str;  /* borrowed: the document copies it */
      galley_document_set_meta_value (doc, slot->key->str, &value);
    }
  galley_document_set_origin (doc, where);
  if (line_replaced + p->replaced > 0)
    {
      /* the runner counts documents with a repair count in its summary */
      GalleyValue count = { GALLEY_VALUE_INT, { .i = line_replaced + p->replaced } };
      galley_document_set_repaired (doc, count.v.i);
    }
  return doc;
}

GalleyReadStatus
jsonl_parser_read_object (JsonlParser *parser, const char *text, gsize len,
                          const char *where, GalleyDocument **doc, GError **error)
{
  *doc = jsonl_parser_parse (parser, text, len, where, error);
  if (*doc == NULL)
    {
      const char *id = jsonl_parser_get_last_id (parser);

      *doc = galley_document_new (id ? id : "", "", 0);
      galley_document_set_origin (*doc, where);
      return GALLEY_READ_SKIP;
    }
  /* only a member that is an object can make export-jsonl's shape */
  if (jsonl_parser_had_object_meta (parser) && jsonl_export_shape_detect (*doc))
    *doc = jsonl_export_shape_unpack (*doc);
  return GALLEY_READ_OK;
}
