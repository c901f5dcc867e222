/* chars.h: character classes shared by the scanner and the splitter.
 *
 * ASCII goes through one 256-entry table (one load per byte, no branch on
 * ranges); every byte >= 0x80 is B_HIGH, and the code point behind it is
 * classified with GLib's Unicode tables (g_unichar_type). The text is
 * valid UTF-8 (the document guarantees it), so decoding needs no checks.
 */
#pragma once

#include <glib.h>

enum {
  B_SYM = 0,  /* $ % & * + < = > \ ^ _ ` | ~ # @: SYMBOL */
  B_SPACE,    /* space, tab, CR, VT, FF */
  B_NL,       /* line feed */
  B_LOWER,
  B_UPPER,
  B_DIGIT,
  B_PUNCT,    /* . , ; : ! ? " ' ( ) [ ] { } - /: PUNCT */
  B_HIGH,     /* a byte of a multi-byte sequence */
  B_CTRL,     /* other control characters: skipped like space */
};

#define SP B_SPACE
#define NL B_NL
#define LO B_LOWER
#define UP B_UPPER
#define DI B_DIGIT
#define PU B_PUNCT
#define CT B_CTRL
#define SY B_SYM
#define HI B_HIGH
#define HI16 HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI

static const guint8 tok_bclass[256] = {
  CT, CT, CT, CT, CT, CT, CT, CT, /* 00 01 02 03 04 05 06 07 */
  CT, SP, NL, SP, SP, SP, CT, CT, /* 08 09 0a 0b 0c 0d 0e 0f */
  CT, CT, CT, CT, CT, CT, CT, CT, /* 10 11 12 13 14 15 16 17 */
  CT, CT, CT, CT, CT, CT, CT, CT, /* 18 19 1a 1b 1c 1d 1e 1f */
  SP, PU, PU, SY, SY, SY, SY, PU, /*   ! " # $ % & ' */
  PU, PU, SY, SY, PU, PU, PU, PU, /* ( ) * + , - . / */
  DI, DI, DI, DI, DI, DI, DI, DI, /* 0 1 2 3 4 5 6 7 */
  DI, DI, PU, PU, SY, SY, SY, PU, /* 8 9 : ; < = > ? */
  SY, UP, UP, UP, UP, UP, UP, UP, /* @ A B C D E F G */
  UP, UP, UP, UP, UP, UP, UP, UP, /* H I J K L M N O */
  UP, UP, UP, UP, UP, UP, UP, UP, /* P Q R S T U V W */
  UP, UP, UP, PU, SY, PU, SY, SY, /* X Y Z [ backslash ] ^ _ */
  SY, LO, LO, LO, LO, LO, LO, LO, /* ` a b c d e f g */
  LO, LO, LO, LO, LO, LO, LO, LO, /* h i j k l m n o */
  LO, LO, LO, LO, LO, LO, LO, LO, /* p q r s t u v w */
  LO, LO, LO, PU, SY, PU, SY, CT, /* x y z { | } ~ 7f */
  HI16, HI16, HI16, HI16, HI16, HI16, HI16, HI16,
};

#undef SP
#undef NL
#undef LO
#undef UP
#undef DI
#undef PU
#undef CT
#undef SY
#undef HI
#undef HI16

#define tok_is_alpha(c) (tok_bclass[(guchar) (c)] == B_LOWER || tok_bclass[(guchar) (c)] == B_UPPER)
#define tok_is_digit(c) (tok_bclass[(guchar) (c)] == B_DIGIT)
#define tok_is_alnum(c) (tok_is_alpha (c) || tok_is_digit (c))
#define tok_is_space(c) (tok_bclass[(guchar) (c)] == B_SPACE || tok_bclass[(guchar) (c)] == B_NL)

/* tok_lower: ASCII lower case, inline (g_ascii_tolower is a call). */
static inline char
tok_lower (guchar c)
{
  return (char) (c >= 'A' && c <= 'Z' ? c | 0x20 : c);
}

/* tok_utf8_decode: the code point starting at the lead byte @p (>= 0x80)
 * of valid UTF-8; its length in bytes goes to @n. */
static inline gunichar
tok_utf8_decode (const guchar *p, guint *n)
{
  guchar c = p[0];

  if (c < 0xE0)
    {
      *n = 2;
      return ((gunichar) (c & 0x1F) << 6) | (p[1] & 0x3F);
    }
  if (c < 0xF0)
    {
      *n = 3;
      return ((gunichar) (c & 0x0F) << 12) | ((gunichar) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
  *n = 4;
  return ((gunichar) (c & 0x07) << 18) | ((gunichar) (p[1] & 0x3F) << 12)
         | ((gunichar) (p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* Coarse classes of non-ASCII code points. */
typedef enum {
  U_SPACE,   /* Zs Zl Zp, NEL */
  U_SKIP,    /* other controls and format characters */
  U_LOWER,
  U_UPPER,   /* Lu and Lt */
  U_LETTER,  /* uncased letters: Lm Lo */
  U_MARK,
  U_DIGIT,   /* Nd Nl No */
  U_PUNCT,
  U_SYMBOL,  /* S*, private use, unassigned */
} UClass;

static inline UClass
tok_uclass (gunichar u)
{
  switch (g_unichar_type (u))
    {
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return U_SPACE;
    case G_UNICODE_CONTROL:
      return u == 0x85 ? U_SPACE : U_SKIP;
    case G_UNICODE_FORMAT:
      return U_SKIP;
    case G_UNICODE_LOWERCASE_LETTER:
      return U_LOWER;
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
      return U_UPPER;
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
      return U_LETTER;
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return U_MARK;
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return U_DIGIT;
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
      return U_PUNCT;
    case G_UNICODE_SURROGATE:
    case G_UNICODE_UNASSIGNED:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_CURRENCY_SYMBOL:
    case G_UNICODE_MODIFIER_SYMBOL:
    case G_UNICODE_MATH_SYMBOL:
    case G_UNICODE_OTHER_SYMBOL:
    default:
      return U_SYMBOL;
    }
}

/* tok_is_emoji_base: code points drawn as emoji by default (the blocks of
 * pictographs, dingbats and the few older symbols with emoji presentation);
 * other symbols become emoji when VS16 (U+FE0F) follows them. */
static inline gboolean
tok_is_emoji_base (gunichar u)
{
  return (u >= 0x1F000 && u <= 0x1FAFF) || (u >= 0x2600 && u <= 0x27BF)
         || u == 0x231A || u == 0x231B || (u >= 0x23E9 && u <= 0x23FA)
         || u == 0x2B50 || u == 0x2B55 || u == 0x2B1B || u == 0x2B1C
         || (u >= 0x2B05 && u <= 0x2B07);
}

/* tok_is_terminal_char: punctuation that ends sentences: . ! ? … and
 * their CJK, Arabic and Devanagari forms. */
static inline gboolean
tok_is_terminal_char (gunichar c)
{
  switch (c)
    {
    case '.':
    case '!':
    case '?':
    case 0x2026:  /* … */
    case 0x203C:  /* ‼ */
    case 0x2047:
    case 0x2048:
    case 0x2049:
    case 0x3002:  /* 。 */
    case 0xFF01:  /* ！ */
    case 0xFF0E:
    case 0xFF1F:  /* ？ */
    case 0xFF61:
    case 0x061F:  /* Arabic question mark */
    case 0x06D4:  /* Arabic full stop */
    case 0x0964:  /* Devanagari danda */
    case 0x0965:
      return TRUE;
    default:
      return FALSE;
    }
}

#define tok_is_regional_indicator(u) ((u) >= 0x1F1E6 && (u) <= 0x1F1FF)
