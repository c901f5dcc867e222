/* test-sentences.c: the sentence layer, as a table of input -> sentences
 * joined by '|', one Check test per row, grouped by the rule they show. */
#include "config.h"

#include "tokenizer-test.h"

typedef struct {
  const char *in;
  const char *out;
} Case;

static const Case cases[] = {
  /* basics */
  { "", "" },
  { "   ", "" },
  { "\n\n", "" },
  { "One sentence.", "One sentence." },
  { "One sentence", "One sentence" },
  /* a text that starts with punctuation on a line of its own: the headline
   * check looked at the token before the first one (found by fuzzing) */
  { "\xe2\x80\x94\n\xc5\xa9", "\xe2\x80\x94\n\xc5\xa9" },
  { "\"\nNext", "\"\nNext" },
  { "First. Second.", "First.|Second." },
  { "First! Second? Third.", "First!|Second?|Third." },
  { "  Leading and trailing space.  ", "Leading and trailing space." },
  { "First.  Second.", "First.|Second." },
  { "First.\tSecond.", "First.|Second." },
  { "No final punctuation here", "No final punctuation here" },
  { "many... dots", "many... dots" },
  { "First.Second.", "First.|Second." },
  { "Is it? Yes.", "Is it?|Yes." },
  /* abbreviations */
  { "Mr. Smith went to Washington. He spoke.", "Mr. Smith went to Washington.|He spoke." },
  { "Dr. Jones arrived. Mrs. Jones followed.", "Dr. Jones arrived.|Mrs. Jones followed." },
  { "Gen. Milley and Sen. Warren met Gov. Newsom.", "Gen. Milley and Sen. Warren met Gov. Newsom." },
  { "He lives in the U.S. He moved in 1990.", "He lives in the U.S.|He moved in 1990." },
  { "The U.S. Army left. Officials agreed.", "The U.S. Army left.|Officials agreed." },
  { "He met U.N. officials in New York.", "He met U.N. officials in New York." },
  { "They met at 5 p.m. on Friday. It rained.", "They met at 5 p.m. on Friday.|It rained." },
  { "They met at 5 p.m. Police arrived later.", "They met at 5 p.m.|Police arrived later." },
  { "He works for Acme Inc. The company is big.", "He works for Acme Inc.|The company is big." },
  { "Shares of Acme Corp. fell. Analysts shrugged.", "Shares of Acme Corp. fell.|Analysts shrugged." },
  { "She bought apples, pears, etc. Then she left.", "She bought apples, pears, etc.|Then she left." },
  { "Fruit, e.g. apples, is healthy.", "Fruit, e.g. apples, is healthy." },
  { "That is, i.e. Monday, the day.", "That is, i.e. Monday, the day." },
  { "It opened on Jan. 12 in Paris.", "It opened on Jan. 12 in Paris." },
  { "J. R. R. Tolkien wrote it. It sold.", "J. R. R. Tolkien wrote it.|It sold." },
  { "George W. Bush spoke. Laura listened.", "George W. Bush spoke.|Laura listened." },
  { "See Fig. 3 for details. It shows growth.", "See Fig. 3 for details.|It shows growth." },
  { "He lives at No. 10 Downing St. in London.", "He lives at No. 10 Downing St. in London." },
  { "Born in Springfield, Ill. He moved to Texas.", "Born in Springfield, Ill.|He moved to Texas." },
  { "The case Roe v. Wade was decided in 1973.", "The case Roe v. Wade was decided in 1973." },
  { "Smith et al. reported it. Others agreed.", "Smith et al. reported it.|Others agreed." },
  { "It was about 3 ft. long.", "It was about 3 ft. long." },
  { "It happened in the U.S.", "It happened in the U.S." },
  { "Prices rose in the U.K. In France they fell.", "Prices rose in the U.K.|In France they fell." },
  { "He is a Ph.D. student at MIT.", "He is a Ph.D. student at MIT." },
  { "They arrived c. 1900 in Boston.", "They arrived c. 1900 in Boston." },
  { "Acme Inc.. The next day it fell.", "Acme Inc..|The next day it fell." },
  { "The St. Louis team won. Fans cheered.", "The St. Louis team won.|Fans cheered." },
  { "It was World War I. The war ended in 1918.", "It was World War I.|The war ended in 1918." },
  /* after U.S. the word that decides is the one inside the opening quote */
  { "He moved to the U.S. “The food is better,” he said.", "He moved to the U.S.|“The food is better,” he said." },
  /* a clitic after Inc. is no sentence start */
  { "Acme Inc.'s shares fell.", "Acme Inc.'s shares fell." },
  /* numbers and lists */
  { "It cost $3.5 million. That was a lot.", "It cost $3.5 million.|That was a lot." },
  /* a currency sign, a hashtag or a number in quotes may open a sentence;
   * a clitic may not */
  { "Prices rose. \u20ac5 buys little now.", "Prices rose.|\u20ac5 buys little now." },
  { "Vote now. #election is trending.", "Vote now.|#election is trending." },
  { "It ended. \"1965 was a good year,\" he said.", "It ended.|\"1965 was a good year,\" he said." },
  { "The U.S.'s economy grew.", "The U.S.'s economy grew." },
  { "In 2019. 2020 was worse.", "In 2019.|2020 was worse." },
  { "He scored .300 in 2019. Then he retired.", "He scored .300 in 2019.|Then he retired." },
  { "The vote was 5-4. Justice Kagan dissented.", "The vote was 5-4.|Justice Kagan dissented." },
  { "Version 2.0 is out. Try it.", "Version 2.0 is out.|Try it." },
  { "1. Introduction\n\nThe text begins.", "1. Introduction|The text begins." },
  { "2.1. Methods\n\nWe measured.", "2.1. Methods|We measured." },
  { "Figure 1. A map of the area.", "Figure 1.|A map of the area." },
  { "There are 3 items.\n\n1. Apples\n\n2. Pears", "There are 3 items.|1. Apples|2. Pears" },
  { "It rose 40%. Then it fell.", "It rose 40%.|Then it fell." },
  /* "2." is a numbered heading only at a paragraph start */
  { "It ended. 2. The next point.", "It ended.|2.|The next point." },
  /* a footnote number stays with its sentence before a word that opens
   * sentences; before a name it opens the next sentence */
  { "It cost a fee. 8 Yet some paid.", "It cost a fee. 8|Yet some paid." },
  { "It cost a fee. 8 Smith paid.", "It cost a fee.|8 Smith paid." },
  /* quotes and brackets */
  { "She said, \"I will go.\" Then she left.", "She said, \"I will go.\"|Then she left." },
  { "“I will go.” Then she left.", "“I will go.”|Then she left." },
  { "“Where is he?” Smith asked. Nobody knew.", "“Where is he?” Smith asked.|Nobody knew." },
  { "“Where is he?” Mom asked.", "“Where is he?” Mom asked." },
  /* the verb of saying may be followed by a comma; the speaker may be in capitals */
  { "“Where is he?” Smith asked, looking around.", "“Where is he?” Smith asked, looking around." },
  { "“Is it over?” NATO asked.", "“Is it over?” NATO asked." },
  { "“Stop!” he shouted.", "“Stop!” he shouted." },
  { "“Stop!” He left.", "“Stop!”|He left." },
  { "(See below.) The report was long.", "(See below.)|The report was long." },
  { "He left (for good). She stayed.", "He left (for good).|She stayed." },
  { "It ended. (Nobody cared.) Then it began.", "It ended.|(Nobody cared.)|Then it began." },
  { "'It is done.' He smiled.", "'It is done.'|He smiled." },
  { "‘It is done.’ He smiled.", "‘It is done.’|He smiled." },
  { "«C'est fini.» Il part.", "«C'est fini.»|Il part." },
  { "「雨だ。」外は暗い。", "「雨だ。」|外は暗い。" },
  /* an inverted question mark opens a sentence */
  { "Hola. ¿Qué tal?", "Hola.|¿Qué tal?" },
  { "The study was large. [12] Later work agreed.", "The study was large. [12]|Later work agreed." },
  { "It was noted. [3, 4] Others disagreed.", "It was noted. [3, 4]|Others disagreed." },
  { "He said \"no.\" and left.", "He said \"no.\" and left." },
  { "He asked \"why?\" and left.", "He asked \"why?\" and left." },
  { "The film Viva Maria! (1965) was a hit.", "The film Viva Maria! (1965) was a hit." },
  { "Great news! 😀 More later.", "Great news! 😀|More later." },
  { "It rained :) Then sun.", "It rained :) Then sun." },
  /* lower case and continuation */
  { "Yahoo! said it would cut jobs.", "Yahoo! said it would cut jobs." },
  { "What? he asked.", "What? he asked." },
  { "The price is approx. five dollars.", "The price is approx. five dollars." },
  { "He said wait... then left.", "He said wait... then left." },
  { "It was great... Really great.", "It was great...|Really great." },
  { "It was great… Really.", "It was great…|Really." },
  { "iPhone sales rose. eBay fell.", "iPhone sales rose.|eBay fell." },
  { "The end. the beginning.", "The end. the beginning." },
  { "Hello. 123 people came.", "Hello.|123 people came." },
  { "He left; she stayed.", "He left; she stayed." },
  { "He left: she stayed.", "He left: she stayed." },
  { "He left — She stayed.", "He left — She stayed." },
  /* paragraphs and headlines */
  { "Storm batters coast\n\nThousands lose power.", "Storm batters coast|Thousands lose power." },
  { "Storm batters coast\nThousands lose power as winds reach 100 mph across the region.", "Storm batters coast|Thousands lose power as winds reach 100 mph across the region." },
  { "Line one\nline two continues.", "Line one\nline two continues." },
  { "First paragraph.\n\nSecond paragraph.", "First paragraph.|Second paragraph." },
  { "A\n\nB\n\nC", "A|B|C" },
  { "Title: A Subtitle\n\nText here.", "Title: A Subtitle|Text here." },
  { "Wrapped text that goes on and on\nand continues here.", "Wrapped text that goes on and on\nand continues here." },
  { "One.\r\n\r\nTwo.", "One.|Two." },
  { "One.\u2029Two.", "One.|Two." },
  /* line ends of old Mac files (CR alone), and Unicode's separators: a
   * paragraph separator is a paragraph break, two line separators too */
  { "Storm batters coast\r\rThousands lose power.", "Storm batters coast|Thousands lose power." },
  { "Line one\u2029line two continues.", "Line one|line two continues." },
  { "Line one\u2028\u2028line two continues.", "Line one|line two continues." },
  { "Line one\u2028line two continues.", "Line one\u2028line two continues." },
  { "Headline Without Period\nThe body starts here and goes on for a while.", "Headline Without Period|The body starts here and goes on for a while." },
  { "Headline with a date Sunday, April 5, 2009\n\nThe body.", "Headline with a date|Sunday, April 5, 2009|The body." },
  { "Interview with a poet Wednesday, October 3, 2007\n\nText.", "Interview with a poet|Wednesday, October 3, 2007|Text." },
  /* a closing bracket before the date line ends the headline; a date line
   * needs its weekday */
  { "Fire at the mill (video) Sunday, April 5, 2009\n\nText.", "Fire at the mill (video)|Sunday, April 5, 2009|Text." },
  { "Paris, April 5, 2009 Officials met.", "Paris, April 5, 2009 Officials met." },
  /* a date after "on" (a word that leads into dates) stays in its sentence */
  { "The vote is on Sunday, April 5, 2009\n\nText.", "The vote is on Sunday, April 5, 2009|Text." },
  /* a date line opening a sentence ends it only before a sentence start */
  { "Thursday, March 15, 2012 was a cold day.", "Thursday, March 15, 2012 was a cold day." },
  { "Thursday, March 15, 2012 Wikinews interviewed a bar owner.", "Thursday, March 15, 2012|Wikinews interviewed a bar owner." },
  { "He arrived on Sunday, April 5, 2009, in Paris.", "He arrived on Sunday, April 5, 2009, in Paris." },
  { "It happened Sunday, April 5, 2009 in Paris.", "It happened Sunday, April 5, 2009 in Paris." },
  /* a headline line: at most 17 tokens, and 7 in 10 of its words of four
   * letters or more capitalised (short words such as "the" do not count) */
  { "Storm Batters Coast As Winds Reach Record Speeds And Thousands Lose Power Across Three Southern States Tonight\nIt rains.",
    "Storm Batters Coast As Winds Reach Record Speeds And Thousands Lose Power Across Three Southern States Tonight|It rains." },
  { "Storm Batters Coast As Winds Reach Record Speeds And Thousands Lose Power Across Three Southern States Again Tonight\nIt rains.",
    "Storm Batters Coast As Winds Reach Record Speeds And Thousands Lose Power Across Three Southern States Again Tonight\nIt rains." },
  { "Storm Batters the Coast and Town\nIt rains.", "Storm Batters the Coast and Town|It rains." },
  { "Storm Batters Coast Towns Roads Bridges Homes under water again\nIt rains.",
    "Storm Batters Coast Towns Roads Bridges Homes under water again|It rains." },
  { "Storm Batters Coast Towns Roads Bridges under water again today\nIt rains.",
    "Storm Batters Coast Towns Roads Bridges under water again today\nIt rains." },
  /* a headline may end in a closing bracket; a line of short words before
   * a line no longer is no headline; a headline opens its paragraph */
  { "Storm Batters Coast (Video)\nIt rains.", "Storm Batters Coast (Video)|It rains." },
  { "It is so\nNot bad.", "It is so\nNot bad." },
  { "He spoke. Storm Batters Coast\nIt rains.", "He spoke.|Storm Batters Coast\nIt rains." },
  /* datelines */
  { "WASHINGTON (AP) — The president spoke.", "WASHINGTON (AP) —|The president spoke." },
  { "LONDON (Reuters) - Prices rose.", "LONDON (Reuters) -|Prices rose." },
  { "NEW YORK, N.Y. — Stocks fell.", "NEW YORK, N.Y. —|Stocks fell." },
  { "PARIS — It rained.", "PARIS —|It rained." },
  { "Preston, Victoria, Australia On Saturday, the team won.", "Preston, Victoria, Australia|On Saturday, the team won." },
  { "BEIJING, China – Officials met.", "BEIJING, China –|Officials met." },
  { "WASHINGTON — The House voted. The Senate waited.", "WASHINGTON —|The House voted.|The Senate waited." },
  { "Text first.\n\nLONDON (AP) — More text.", "Text first.|LONDON (AP) —|More text." },
  { "However, Smith said no.", "However, Smith said no." },
  { "In Paris, France, it rained.", "In Paris, France, it rained." },
  /* a dateline: at a paragraph start, on one line, its dash apart from the
   * word before; after a comma, a starter ends it only after a place word */
  { "He spoke. PARIS — It rained.", "He spoke.|PARIS — It rained." },
  { "BREAKING NEWS\nPARIS — Fire broke out.", "BREAKING NEWS|PARIS —|Fire broke out." },
  { "LONDON- Prices rose.", "LONDON- Prices rose." },
  { "Paris, The Hague and Rome signed it.", "Paris, The Hague and Rome signed it." },
  /* capitalised words, then one that opens sentences: a dateline only
   * after a comma (a title-case headline is none) */
  { "Fire Crews In Texas Battle Wildfires.", "Fire Crews In Texas Battle Wildfires." },
  /* a blank line after a quote's closing mark ends the sentence, whatever
   * comes next */
  { "He said \"no.\"\n\nthen more text", "He said \"no.\"|then more text" },
  { "He said \"no.\"\nthen more text", "He said \"no.\"\nthen more text" },
  /* other scripts */
  { "東京は大きい。大阪も大きい。", "東京は大きい。|大阪も大きい。" },
  { "مرحبا؟ نعم.", "مرحبا؟|نعم." },
  { "Он пришёл. Она ушла.", "Он пришёл.|Она ушла." },
  { "नमस्ते। धन्यवाद।", "नमस्ते।|धन्यवाद।" },
  { "Γεια. Καλά.", "Γεια.|Καλά." },
  { "שלום. תודה.", "שלום.|תודה." },
  { "He said École. Étienne left.", "He said École.|Étienne left." },
  /* captions and citations */
  { "Figure 1.3 This map shows the area.", "Figure 1.3|This map shows the area." },
  { "Table 2 Results of the survey", "Table 2|Results of the survey" },
  { "Fig. 4 The device in use.", "Fig. 4|The device in use." },
  { "Method 1 Cooking on a stove", "Method 1 Cooking on a stove" },
  /* a caption label and its text on one line only */
  { "Map 2\nThe area.", "Map 2\nThe area." },
  { "It was cold. [13] [citation needed] Then it warmed.", "It was cold. [13] [citation needed]|Then it warmed." },
  { "It was cold. [citation needed] Then it warmed.", "It was cold. [citation needed]|Then it warmed." },
  /* empty brackets are no citation, nor can they open a sentence */
  { "It was cold. [] Then it warmed.", "It was cold. [] Then it warmed." },
  /* news openers and bullets */
  { "Shares rose in the U.S. Officials said so.", "Shares rose in the U.S.|Officials said so." },
  { "He met U.S. Officials at noon.", "He met U.S.|Officials at noon." },
  { "They left at 5 p.m. Police arrived.", "They left at 5 p.m.|Police arrived." },
  { "Key points:\n• Prices rose\n• Sales fell", "Key points:|• Prices rose|• Sales fell" },
  { "Notes\n* one thing\n* another thing", "Notes|* one thing|* another thing" },
  { "It rose 5 percent\n- then fell", "It rose 5 percent\n- then fell" },
  /* company and name suffixes */
  { "Apple Inc. CEO Tim Cook spoke.", "Apple Inc. CEO Tim Cook spoke." },
  { "It was Martin Luther King Jr. Day.", "It was Martin Luther King Jr. Day." },
  { "Acme Corp. Shares fell.", "Acme Corp.|Shares fell." },
  { "He works at Acme Corp. Smith said.", "He works at Acme Corp. Smith said." },
  { "He met Smith Jr. He left.", "He met Smith Jr.|He left." },
};

START_TEST (test_sentence_table)
{
  g_autofree char *got = tt_sentences (cases[_i].in);

  ck_assert_msg (g_strcmp0 (got, cases[_i].out) == 0,
                 "row %d, input '%s':\n  expected '%s'\n  got      '%s'", _i, cases[_i].in,
                 cases[_i].out, got);
}
END_TEST

static Suite *
sentences_suite (void)
{
  Suite *s = suite_create ("sentences");
  TCase *tc = tcase_create ("table");

  tcase_add_loop_test (tc, test_sentence_table, 0, G_N_ELEMENTS (cases));
  suite_add_tcase (s, tc);
  return s;
}

TT_MAIN (sentences_suite)
