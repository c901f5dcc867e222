/* test-json.c: galley_json_* (string escaping, values) and the offset map
 * (byte offsets to code points, bytes or UTF-16 units). */
#include "config.h"

#include <math.h>
#include <string.h>

#include <galley/galley.h>

#include "sdk-test.h"

static char *
json_string (const char *s, gssize len)
{
  GString *out = g_string_new (NULL);

  galley_json_append_string (out, s, len);
  return g_string_free (out, FALSE);
}

static char *
json_value (const GalleyValue *v)
{
  GString *out = g_string_new (NULL);

  galley_json_append_value (out, v);
  return g_string_free (out, FALSE);
}

START_TEST (test_string_plain)
{
  g_autofree char *s = json_string ("Storm hits coast", -1);

  ck_assert_str_eq (s, "\"Storm hits coast\"");
}
END_TEST

START_TEST (test_string_empty)
{
  g_autofree char *s = json_string ("", -1);

  ck_assert_str_eq (s, "\"\"");
}
END_TEST

START_TEST (test_string_quotes_and_backslash)
{
  g_autofree char *s = json_string ("He said \"no\" C:\\path\\", -1);

  ck_assert_str_eq (s, "\"He said \\\"no\\\" C:\\\\path\\\\\"");
}
END_TEST

START_TEST (test_string_short_escapes)
{
  g_autofree char *s = json_string ("a\nb\rc\td\be\ff", -1);

  ck_assert_str_eq (s, "\"a\\nb\\rc\\td\\be\\ff\"");
}
END_TEST

START_TEST (test_string_every_control_char)
{
  /* every byte 0x00-0x1f, as RFC 8259 requires */
  static const char *const expected[32] = {
    "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006",
    "\\u0007", "\\b", "\\t", "\\n", "\\u000b", "\\f", "\\r", "\\u000e",
    "\\u000f", "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015",
    "\\u0016", "\\u0017", "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c",
    "\\u001d", "\\u001e", "\\u001f",
  };

  for (int c = 0; c < 32; c++)
    {
      char in = (char) c;
      g_autofree char *s = json_string (&in, 1);
      g_autofree char *want = g_strdup_printf ("\"%s\"", expected[c]);
      ck_assert_msg (strcmp (s, want) == 0, "byte %d: got %s, want %s", c, s, want);
    }
}
END_TEST

START_TEST (test_string_del_and_slash_kept)
{
  g_autofree char *s = json_string ("a/b\x7f", -1);

  ck_assert_str_eq (s, "\"a/b\x7f\"");
}
END_TEST

START_TEST (test_string_non_ascii_kept)
{
  g_autofree char *s = json_string ("Zürich – 東京 😀 \u2028", -1);

  /* UTF-8 goes out as it is, no \u escapes */
  ck_assert_str_eq (s, "\"Zürich – 東京 😀 \u2028\"");
}
END_TEST

START_TEST (test_string_with_length)
{
  g_autofree char *a = json_string ("Budget talks", 6);
  g_autofree char *b = json_string ("a\0b", 3);

  ck_assert_str_eq (a, "\"Budget\"");
  ck_assert_str_eq (b, "\"a\\u0000b\"");
}
END_TEST

START_TEST (test_string_appends)
{
  GString *out = g_string_new ("{\"k\":");

  galley_json_append_string (out, "v", -1);
  g_string_append_c (out, '}');
  ck_assert_str_eq (out->str, "{\"k\":\"v\"}");
  g_string_free (out, TRUE);
}
END_TEST

/* The writer stores clean text 32 and sixteen bytes at a time (SSE2),
 * then the last 1 to 15 bytes as the string's last sixteen, stored over
 * the bytes before them unless one of those was escaped, else eight, then
 * the tail of a string of eight or more as one word, and a shorter
 * string a byte at a time: a byte to escape, or a byte that looks like
 * one (0x20, '!', '#', '[', ']', 0x7f, and bytes of 0x80 and above whose
 * low bits are '"', '\\' or a control character), at every position of
 * strings of 5, 13, 20, 29, 45 and 63 bytes (29: a block of sixteen and a
 * tail of thirteen; 63: blocks of 32 and sixteen and a tail of fifteen;
 * an escape among a tail's sixteen bytes sends it a word, then a byte, at
 * a time). */
START_TEST (test_string_escape_at_every_position)
{
  static const struct { char byte; const char *json; } cases[] = {
    { '"', "\\\"" }, { '\\', "\\\\" }, { '\n', "\\n" }, { '\x01', "\\u0001" },
    { '\x1f', "\\u001f" }, { ' ', " " }, { '!', "!" }, { '#', "#" }, { '[', "[" },
    { ']', "]" }, { '\x7f', "\x7f" }, { '\xa2', "\xa2" }, { '\xdc', "\xdc" },
    { '\x9f', "\x9f" }, { '\x80', "\x80" },
  };
  static const guint lengths[] = { 5, 13, 20, 29, 45, 63 };

  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      for (guint pos = 0; pos < lengths[l]; pos++)
        {
          guint n = lengths[l];
          char in[64];
          g_autofree char *got = NULL;
          g_autofree char *want = NULL;

          memset (in, 'x', n);
          in[n] = '\0';
          in[pos] = cases[c].byte;
          got = json_string (in, n);
          want = g_strdup_printf ("\"%.*s%s%.*s\"", (int) pos, in, cases[c].json,
                                  (int) (n - 1 - pos), in + pos + 1);
          ck_assert_msg (strcmp (got, want) == 0, "byte 0x%02x at %u of %u: %s, expected %s",
                         (guchar) cases[c].byte, pos, n, got, want);
        }
}
END_TEST

/* A string longer than the writer's piece (64 KiB) is escaped piece by
 * piece, each into room made for it: 200,000 bytes with a quote on each
 * side of every piece boundary, the escape doubling them, and a control
 * character in the last piece. */
START_TEST (test_string_longer_than_a_piece)
{
  const gsize n = 200000;
  g_autofree char *in = g_malloc (n);
  g_autoptr (GString) want = g_string_new ("\"");
  g_autofree char *got = NULL;

  memset (in, 'a', n);
  for (gsize b = 65536; b < n; b += 65536)
    in[b - 1] = in[b] = '"';
  in[n - 1] = '\x02';
  for (gsize i = 0; i < n; i++)
    {
      if (in[i] == '"')
        g_string_append (want, "\\\"");
      else if (in[i] == '\x02')
        g_string_append (want, "\\u0002");
      else
        g_string_append_c (want, in[i]);
    }
  g_string_append_c (want, '"');
  got = json_string (in, n);
  ck_assert_uint_eq (strlen (got), want->len);
  ck_assert_str_eq (got, want->str);
}
END_TEST

/* galley_json_count_plain finds the first byte to escape sixteen bytes a
 * step (SSE2), then eight, then one: each kind of stop, and bytes that
 * only look like one, at every position of strings of 5, 13, 20 and 29
 * bytes; a string without a stop counts whole. */
START_TEST (test_count_plain_at_every_position)
{
  static const struct { char byte; gboolean stops; } cases[] = {
    { '"', TRUE }, { '\\', TRUE }, { '\n', TRUE }, { '\0', TRUE }, { '\x1f', TRUE },
    { ' ', FALSE }, { '\x7f', FALSE }, { '\xa2', FALSE }, { '\xdc', FALSE }, { '\x80', FALSE },
  };
  static const gsize lengths[] = { 5, 13, 20, 29 };

  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    {
      char in[29];

      memset (in, 'x', lengths[l]);
      ck_assert_uint_eq (galley_json_count_plain (in, lengths[l]), lengths[l]);
      for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
        for (gsize pos = 0; pos < lengths[l]; pos++)
          {
            memset (in, 'x', lengths[l]);
            in[pos] = cases[c].byte;
            ck_assert_msg (galley_json_count_plain (in, lengths[l])
                           == (cases[c].stops ? pos : lengths[l]),
                           "byte 0x%02x at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT,
                           (guchar) cases[c].byte, pos, lengths[l]);
          }
    }
}
END_TEST

/* galley_json_write_string writes what galley_json_append_string
 * appends, into room the caller made, and says where it ends. */
START_TEST (test_write_string_in_place)
{
  char room[GALLEY_JSON_STRING_MAX (5) + 1];
  char *end;

  memset (room, '#', sizeof room);
  end = galley_json_write_string (room, "a\"b\n", 4);
  ck_assert_uint_eq (end - room, 8);
  ck_assert (memcmp (room, "\"a\\\"b\\n\"", 8) == 0);
  end = galley_json_write_string (room, "", 0);
  ck_assert_uint_eq (end - room, 2);
  ck_assert (memcmp (room, "\"\"", 2) == 0);
}
END_TEST

START_TEST (test_value_int)
{
  GalleyValue v = { GALLEY_VALUE_INT, { .i = G_MININT64 } };
  g_autofree char *a = json_value (&v);
  g_autofree char *b = NULL;

  ck_assert_str_eq (a, "-9223372036854775808");
  v.v.i = 42;
  b = json_value (&v);
  ck_assert_str_eq (b, "42");
}
END_TEST

/* Integers are written two digits at a time into room counted first:
 * every digit count, at both ends, and both signs. */
START_TEST (test_value_int_every_length)
{
  gint64 p = 1;

  for (int digits = 1; digits <= 19; digits++)
    {
      /* the largest of 19 digits is G_MAXINT64: p * 10 would overflow */
      gint64 top = digits < 19 ? p * 10 - 1 : G_MAXINT64;
      gint64 values[] = { p, top, -p, -top };

      if (digits < 19)
        p *= 10;
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        {
          GalleyValue v = { GALLEY_VALUE_INT, { .i = values[i] } };
          g_autofree char *got = json_value (&v);
          g_autofree char *want = g_strdup_printf ("%" G_GINT64_FORMAT, values[i]);

          ck_assert_str_eq (got, want);
        }
    }
  {
    GalleyValue zero = { GALLEY_VALUE_INT, { .i = 0 } };
    g_autofree char *got = json_value (&zero);

    ck_assert_str_eq (got, "0");
  }
}
END_TEST

START_TEST (test_value_double)
{
  GalleyValue v = { GALLEY_VALUE_DOUBLE, { .d = -0.25 } };
  g_autofree char *a = json_value (&v);
  g_autofree char *b = NULL, *c = NULL;

  /* four decimals, C locale */
  ck_assert_str_eq (a, "-0.2500");
  v.v.d = 0.12345;
  b = json_value (&v);
  ck_assert_str_eq (b, "0.1235");
  v.v.d = 3.0;
  c = json_value (&v);
  ck_assert_str_eq (c, "3.0000");
}
END_TEST

START_TEST (test_value_double_rounding_and_range)
{
  static const struct { double v; const char *json; } cases[] = {
    { 0.99995, "1.0000" },      /* carries into the integer part */
    { 9.9999, "9.9999" },       /* the last with one integer digit */
    { 9.99995, "10.0000" },     /* and the carry past it */
    { -9.99995, "-10.0000" },
    { -0.99995, "-1.0000" },
    { -0.00001, "0.0000" },     /* no negative zero */
    { 123456.78901, "123456.7890" },
    { -2e6, "-2000000.0000" },
    { 1e20, "1e+20" },          /* past the fixed-point range: %.17g */
    { -3e300, "-3.0000000000000002e+300" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GalleyValue v = { GALLEY_VALUE_DOUBLE, { .d = cases[i].v } };
      g_autofree char *got = json_value (&v);
      ck_assert_str_eq (got, cases[i].json);
    }
}
END_TEST

START_TEST (test_value_int_extremes)
{
  GalleyValue v = { GALLEY_VALUE_INT, { .i = G_MININT64 } };
  g_autofree char *a = json_value (&v);
  g_autofree char *b = NULL;

  ck_assert_str_eq (a, "-9223372036854775808");
  v.v.i = G_MAXINT64;
  b = json_value (&v);
  ck_assert_str_eq (b, "9223372036854775807");
}
END_TEST

START_TEST (test_value_double_non_finite_is_null)
{
  GalleyValue v = { GALLEY_VALUE_DOUBLE, { .d = NAN } };
  g_autofree char *a = json_value (&v);
  g_autofree char *b = NULL, *c = NULL;

  ck_assert_str_eq (a, "null");
  v.v.d = INFINITY;
  b = json_value (&v);
  ck_assert_str_eq (b, "null");
  v.v.d = -INFINITY;
  c = json_value (&v);
  ck_assert_str_eq (c, "null");
}
END_TEST

START_TEST (test_value_boolean)
{
  GalleyValue t = { GALLEY_VALUE_BOOLEAN, { .b = TRUE } };
  GalleyValue f = { GALLEY_VALUE_BOOLEAN, { .b = FALSE } };
  g_autofree char *a = json_value (&t);
  g_autofree char *b = json_value (&f);

  ck_assert_str_eq (a, "true");
  ck_assert_str_eq (b, "false");
}
END_TEST

START_TEST (test_value_string_escaped)
{
  GalleyValue v = { GALLEY_VALUE_STRING, { .s = (char *) "say \"hi\"\n" } };
  g_autofree char *a = json_value (&v);

  ck_assert_str_eq (a, "\"say \\\"hi\\\"\\n\"");
}
END_TEST

START_TEST (test_value_json_verbatim)
{
  GalleyValue v = { GALLEY_VALUE_JSON, { .s = (char *) "{\"tags\": [1, \"a\"]}" } };
  g_autofree char *a = json_value (&v);

  ck_assert_str_eq (a, "{\"tags\": [1, \"a\"]}");
}
END_TEST

START_TEST (test_value_json_pretty_printed_stays_on_one_line)
{
  /* a line break between tokens would split a JSON Lines record; one
   * inside a string is escaped already and stays so */
  GalleyValue v = { GALLEY_VALUE_JSON, { .s = (char *) "{\n  \"a\": [1,\r\n 2],\n  \"b\": \"x\\ny\"\n}" } };
  g_autofree char *a = json_value (&v);

  ck_assert_str_eq (a, "{   \"a\": [1,   2],   \"b\": \"x\\ny\" }");
}
END_TEST

START_TEST (test_value_json_with_carriage_returns_only_stays_on_one_line)
{
  /* a lone CR ends a line for many readers too: a value broken by CRs
   * alone (no LF) is joined the same way */
  GalleyValue v = { GALLEY_VALUE_JSON, { .s = (char *) "{\r\"a\": 1,\r\"b\": 2\r}" } };
  g_autofree char *a = json_value (&v);

  ck_assert_str_eq (a, "{ \"a\": 1, \"b\": 2 }");
}
END_TEST

START_TEST (test_value_none_is_null)
{
  GalleyValue v = GALLEY_VALUE_INIT;
  g_autofree char *a = json_value (&v);

  ck_assert_str_eq (a, "null");
}
END_TEST

/* "a€😀b": a (1 byte), € (3 bytes, BMP), 😀 (4 bytes, astral), b */
static const char mixed[] = "a\xe2\x82\xac\xf0\x9f\x98\x80" "b";

START_TEST (test_offsets_byte_identity)
{
  GalleyOffsetMap map;

  galley_offset_map_init (&map, mixed, strlen (mixed), GALLEY_OFFSETS_BYTE);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 0), 0);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 4), 4);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 9), 9);
}
END_TEST

START_TEST (test_offsets_codepoint)
{
  GalleyOffsetMap map;

  galley_offset_map_init (&map, mixed, strlen (mixed), GALLEY_OFFSETS_CODEPOINT);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 0), 0);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 1), 1);   /* before € */
  ck_assert_uint_eq (galley_offset_map_convert (&map, 4), 2);   /* before 😀 */
  ck_assert_uint_eq (galley_offset_map_convert (&map, 8), 3);   /* before b */
  ck_assert_uint_eq (galley_offset_map_convert (&map, 9), 4);   /* end */
}
END_TEST

START_TEST (test_offsets_utf16_astral_is_two_units)
{
  GalleyOffsetMap map;

  galley_offset_map_init (&map, mixed, strlen (mixed), GALLEY_OFFSETS_UTF16);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 1), 1);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 4), 2);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 8), 4);   /* surrogate pair */
  ck_assert_uint_eq (galley_offset_map_convert (&map, 9), 5);
}
END_TEST

/* A text of 5,000 copies of "a€😀b" (45,000 bytes) converted at every
 * character boundary, forward from the start and back from the end, then
 * across the whole text at once, in code points and in UTF-16 units:
 * character k of the copy c is at code point 4c + k and UTF-16 unit
 * 5c + k, + 1 after the astral one. */
START_TEST (test_offsets_of_a_long_mixed_text_at_every_boundary)
{
  static const gsize byte_of[] = { 0, 1, 4, 8 };  /* a, €, 😀, b in a copy */
  GString *text = g_string_new (NULL);
  GalleyOffsetMap cp, u16;

  for (guint c = 0; c < 5000; c++)
    g_string_append (text, mixed);
  galley_offset_map_init (&cp, text->str, text->len, GALLEY_OFFSETS_CODEPOINT);
  galley_offset_map_init (&u16, text->str, text->len, GALLEY_OFFSETS_UTF16);
  for (guint c = 0; c < 5000; c++)
    for (guint k = 0; k < 4; k++)
      {
        gsize at = 9 * c + byte_of[k];

        ck_assert_uint_eq (galley_offset_map_convert (&cp, at), 4 * c + k);
        ck_assert_uint_eq (galley_offset_map_convert (&u16, at), 5 * c + k + (k == 3));
      }
  ck_assert_uint_eq (galley_offset_map_convert (&cp, text->len), 20000);
  ck_assert_uint_eq (galley_offset_map_convert (&u16, text->len), 25000);
  for (guint c = 5000; c-- > 0;)
    {
      ck_assert_uint_eq (galley_offset_map_convert (&cp, 9 * c + 4), 4 * c + 2);
      ck_assert_uint_eq (galley_offset_map_convert (&u16, 9 * c + 8), 5 * c + 4);
    }
  /* one long step each way */
  ck_assert_uint_eq (galley_offset_map_convert (&cp, text->len), 20000);
  ck_assert_uint_eq (galley_offset_map_convert (&cp, 1), 1);
  ck_assert_uint_eq (galley_offset_map_convert (&u16, text->len), 25000);
  ck_assert_uint_eq (galley_offset_map_convert (&u16, 4), 2);
  g_string_free (text, TRUE);
}
END_TEST

START_TEST (test_offsets_backwards)
{
  GalleyOffsetMap map;

  galley_offset_map_init (&map, mixed, strlen (mixed), GALLEY_OFFSETS_UTF16);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 9), 5);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 4), 2);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 8), 4);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 0), 0);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 1), 1);
}
END_TEST

START_TEST (test_offsets_same_offset_twice)
{
  GalleyOffsetMap map;

  galley_offset_map_init (&map, mixed, strlen (mixed), GALLEY_OFFSETS_CODEPOINT);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 8), 3);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 8), 3);
}
END_TEST

START_TEST (test_offsets_past_end_clamped)
{
  GalleyOffsetMap map;

  galley_offset_map_init (&map, mixed, strlen (mixed), GALLEY_OFFSETS_CODEPOINT);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 100), 4);
}
END_TEST

/* One byte past the end is past the end too: the clamp is exact. */
START_TEST (test_offsets_one_past_end_clamped)
{
  GalleyOffsetMap map;

  galley_offset_map_init (&map, mixed, strlen (mixed), GALLEY_OFFSETS_CODEPOINT);
  ck_assert_uint_eq (galley_offset_map_convert (&map, strlen (mixed) + 1), 4);
  galley_offset_map_init (&map, mixed, strlen (mixed), GALLEY_OFFSETS_UTF16);
  ck_assert_uint_eq (galley_offset_map_convert (&map, strlen (mixed) + 1), 5);
}
END_TEST

/* ASCII text: units are bytes, in any order, clamped at the end. */
START_TEST (test_offsets_byte_past_end_clamped)
{
  GalleyOffsetMap map;

  galley_offset_map_init (&map, mixed, strlen (mixed), GALLEY_OFFSETS_BYTE);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 100), 9);
  ck_assert (galley_offset_map_is_identity (&map));
}
END_TEST

/* The identity test lets a writer skip conversions: bytes, or ASCII text
 * in any unit; not non-ASCII text in code points or UTF-16 units. */
START_TEST (test_offsets_identity_when_bytes_or_ascii)
{
  static const char ascii[] = "plain text";
  GalleyOffsetMap map;

  galley_offset_map_init (&map, ascii, strlen (ascii), GALLEY_OFFSETS_CODEPOINT);
  ck_assert (galley_offset_map_is_identity (&map));
  galley_offset_map_init (&map, ascii, strlen (ascii), GALLEY_OFFSETS_UTF16);
  ck_assert (galley_offset_map_is_identity (&map));
  galley_offset_map_init (&map, mixed, strlen (mixed), GALLEY_OFFSETS_CODEPOINT);
  ck_assert (!galley_offset_map_is_identity (&map));
  galley_offset_map_init (&map, mixed, strlen (mixed), GALLEY_OFFSETS_UTF16);
  ck_assert (!galley_offset_map_is_identity (&map));
}
END_TEST

START_TEST (test_offsets_ascii_text_is_identity)
{
  const char *text = "Storm hits the coast of Kent on Monday, forecasters say.";
  gsize len = strlen (text);

  static const GalleyOffsetUnit units[] = { GALLEY_OFFSETS_CODEPOINT, GALLEY_OFFSETS_UTF16 };

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      GalleyOffsetMap map;

      galley_offset_map_init (&map, text, len, units[u]);
      ck_assert_uint_eq (galley_offset_map_convert (&map, 40), 40);
      ck_assert_uint_eq (galley_offset_map_convert (&map, 6), 6);
      ck_assert_uint_eq (galley_offset_map_convert (&map, len), len);
      ck_assert_uint_eq (galley_offset_map_convert (&map, len + 9), len);
    }
}
END_TEST

/* One character of two bytes after 40 ASCII bytes (past the first
 * 32-byte block the ASCII check reads at once), in the last eight bytes
 * of that block, or as the first byte. */
START_TEST (test_offsets_non_ascii_late_or_first)
{
  const char *late = "0123456789012345678901234567890123456789\xC3\xA9!";
  const char *first = "\xC3\xA9" "0123456789012345678901234567890123456789";
  const char *block_end = "0123456789012345678901234567\xC3\xA9" "01234567890123456789";
  GalleyOffsetMap map;

  galley_offset_map_init (&map, late, strlen (late), GALLEY_OFFSETS_CODEPOINT);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 40), 40);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 42), 41);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 43), 42);
  galley_offset_map_init (&map, first, strlen (first), GALLEY_OFFSETS_UTF16);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 2), 1);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 42), 41);
  galley_offset_map_init (&map, block_end, strlen (block_end), GALLEY_OFFSETS_CODEPOINT);
  ck_assert_uint_eq (galley_offset_map_convert (&map, 30), 29);
}
END_TEST

START_TEST (test_offsets_of_every_span_in_news_text)
{
  /* "Merkel traf Macron in Köln 🇩🇪 am Montag." spans by bytes, checked
   * against GLib's own counting */
  const char *text = "Merkel traf Macron in Köln \xf0\x9f\x87\xa9\xf0\x9f\x87\xaa am Montag.";
  gsize len = strlen (text);
  GalleyOffsetMap cp, u16;

  galley_offset_map_init (&cp, text, len, GALLEY_OFFSETS_CODEPOINT);
  galley_offset_map_init (&u16, text, len, GALLEY_OFFSETS_UTF16);
  for (gsize b = 0; b <= len; b++)
    {
      glong n16 = 0;
      g_autofree gunichar2 *w = NULL;

      if (b < len && (text[b] & 0xC0) == 0x80)
        continue;  /* not a character boundary */
      ck_assert_uint_eq (galley_offset_map_convert (&cp, b),
                         g_utf8_strlen (text, b));
      w = g_utf8_to_utf16 (text, b, NULL, &n16, NULL);
      ck_assert_uint_eq (galley_offset_map_convert (&u16, b), (gsize) n16);
    }
}
END_TEST

static Suite *
json_suite (void)
{
  Suite *s = suite_create ("json");
  TCase *tc = tcase_create ("json");

  tcase_add_test (tc, test_string_plain);
  tcase_add_test (tc, test_string_empty);
  tcase_add_test (tc, test_string_quotes_and_backslash);
  tcase_add_test (tc, test_string_short_escapes);
  tcase_add_test (tc, test_string_every_control_char);
  tcase_add_test (tc, test_string_del_and_slash_kept);
  tcase_add_test (tc, test_string_non_ascii_kept);
  tcase_add_test (tc, test_string_with_length);
  tcase_add_test (tc, test_string_appends);
  tcase_add_test (tc, test_string_escape_at_every_position);
  tcase_add_test (tc, test_string_longer_than_a_piece);
  tcase_add_test (tc, test_count_plain_at_every_position);
  tcase_add_test (tc, test_write_string_in_place);
  tcase_add_test (tc, test_value_int);
  tcase_add_test (tc, test_value_int_every_length);
  tcase_add_test (tc, test_value_double);
  tcase_add_test (tc, test_value_double_non_finite_is_null);
  tcase_add_test (tc, test_value_boolean);
  tcase_add_test (tc, test_value_string_escaped);
  tcase_add_test (tc, test_value_json_verbatim);
  tcase_add_test (tc, test_value_json_pretty_printed_stays_on_one_line);
  tcase_add_test (tc, test_value_json_with_carriage_returns_only_stays_on_one_line);
  tcase_add_test (tc, test_value_none_is_null);
  suite_add_tcase (s, tc);

  tc = tcase_create ("offsets");
  tcase_add_test (tc, test_offsets_byte_identity);
  tcase_add_test (tc, test_offsets_codepoint);
  tcase_add_test (tc, test_offsets_utf16_astral_is_two_units);
  tcase_add_test (tc, test_offsets_backwards);
  tcase_add_test (tc, test_offsets_of_a_long_mixed_text_at_every_boundary);
  tcase_add_test (tc, test_offsets_same_offset_twice);
  tcase_add_test (tc, test_value_double_rounding_and_range);
  tcase_add_test (tc, test_value_int_extremes);
  tcase_add_test (tc, test_offsets_past_end_clamped);
  tcase_add_test (tc, test_offsets_one_past_end_clamped);
  tcase_add_test (tc, test_offsets_byte_past_end_clamped);
  tcase_add_test (tc, test_offsets_identity_when_bytes_or_ascii);
  tcase_add_test (tc, test_offsets_ascii_text_is_identity);
  tcase_add_test (tc, test_offsets_non_ascii_late_or_first);
  tcase_add_test (tc, test_offsets_of_every_span_in_news_text);
  suite_add_tcase (s, tc);
  return s;
}

SDK_TEST_MAIN (json_suite)
