// detect-cld2.cc: language_detect() on CLD2 (libcld2, Debian's build).
//
// Why CLD2 and not libexttextcat: measured on the samples of
// tests/language/samples.tsv and on news (docs/plugins/language.md has the
// table), CLD2 names the right language of every long sample and most short
// ones, and reads news at several hundred MB/s, where libexttextcat's n-gram
// ranking costs tens of microseconds per kilobyte and answers "UNKNOWN" for
// most one-line texts.
#include "config.h"

#include <stdio.h>  /* compact_lang_det.h uses FILE without including it */
#include <string.h>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "detect.h"

namespace {

#ifndef FLAGS
#define FLAGS 0
#endif

// CLD2 still uses a few withdrawn or Google-specific codes; these are the
// ISO 639-1 (or 639-3 where 639-1 has none) codes for them.
struct CodeFix {
  const char *cld2;
  const char *iso;
};

const CodeFix code_fixes[] = {
  { "iw", "he" },       // Hebrew: iw was withdrawn in 1989
  { "in", "id" },       // Indonesian, likewise
  { "jw", "jv" },       // Javanese
  { "mo", "ro" },       // Moldavian is Romanian
  { "zh-Hant", "zh" },  // traditional script, same language
  { "sr-ME", "sr" },
  { "haw", "haw" },     // three letters in 639-1's absence: kept as is
  { "nb", "no" },       // CLD2 names Bokmål both ways; Norwegian is "no"
};

const char *
iso_code (CLD2::Language lang)
{
  const char *code = CLD2::LanguageCode (lang);

  for (const CodeFix &f : code_fixes)
    if (strcmp (code, f.cld2) == 0)
      return f.iso;
  // Scripts without a language ("xx-Qaai") and CLD2's private codes
  // ("xxx", "un") tell the user nothing: undetermined.
  if (code[0] == '\0' || strncmp (code, "xx", 2) == 0 || strcmp (code, "un") == 0)
    return LANGUAGE_UNDETERMINED;
  return code;
}

}  // namespace

void
language_detect (const char *text, gsize len, LanguageGuess *guess)
{
  CLD2::Language language3[3];
  int percent3[3];
  double normalized3[3];
  int text_bytes = 0;
  bool reliable = false;
  // CLD2 counts lengths in int; a news text longer than that is judged by
  // its first 2 GB, which is more than enough.
  int n = len > G_MAXINT ? G_MAXINT : (int) len;
  // No hints: a feed's top-level domain or declared language is often
  // wrong for the article (a .com site in Spanish).
  CLD2::CLDHints hints = { nullptr, nullptr, CLD2::UNKNOWN_ENCODING,
                           CLD2::UNKNOWN_LANGUAGE };
  CLD2::Language lang = CLD2::ExtDetectLanguageSummary (
    text, n, true /* plain text, not HTML */, &hints, FLAGS, language3,
    percent3, normalized3, nullptr, &text_bytes, &reliable);

  if (lang == CLD2::UNKNOWN_LANGUAGE || text_bytes == 0)
    {
      guess->code = LANGUAGE_UNDETERMINED;
      guess->confidence = 0.0;
      return;
    }
  guess->code = iso_code (lang);
  guess->confidence = percent3[0] / 100.0 * (reliable ? 1.0 : 0.5);
  if (strcmp (guess->code, LANGUAGE_UNDETERMINED) == 0)
    guess->confidence = 0.0;
}

const char *
language_detector_version (void)
{
  return CLD2::DetectLanguageVersion ();
}
