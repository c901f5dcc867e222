/* test-html-extract.c: the choices of read-html's article extraction
 * (plugins/read-html/html-extract.c), one page written here for each:
 * the common ancestor of an article split into step boxes, the <article>
 * element taken with its headline, the siblings that join the winner
 * and those that do not, and the looser pass that wins when the strict
 * one threw the article away. Each expects the article's text in full. */
#include "config.h"

#include <check.h>
#include <string.h>

#include <libxml/parser.h>

#include "../../plugins/read-html/html-extract.h"
#include "../../plugins/read-html/html-page.h"

/* Four paragraphs of a made-up report, long enough to score as prose
 * (over 25 characters, commas, about 300 characters each). P1 has the
 * most commas, so that its box wins. */
#define P1 "The river authority said on Monday that the flood barrier at Kessel, " \
  "the largest on the lower river, would close for repairs in March, April " \
  "and May, after engineers found cracks in two of its six gates, rust in " \
  "the hinges, and a pump that had failed twice in the winter storms."
#define P2 "Barges will be sent through the old lock at Haven during the work, " \
  "which adds about three hours to a trip upstream, the authority said, and " \
  "the ferry to the north bank will run a reduced timetable on weekdays " \
  "until the gates are back in service."
#define P3 "Shipping companies, which had asked for the work to wait until the " \
  "autumn, said the closure would cost them about two million euros in " \
  "fuel and wages, and that some cargo would move to the railway until " \
  "the summer, when the river is usually at its lowest."
#define P4 "The authority's director, Ilse Verbeek, said the repairs could not " \
  "wait: a barrier that cannot close in a spring flood puts forty thousand " \
  "homes at risk, she said, and the cost of the delay to shipping is small " \
  "beside the cost of one flooded street."

static char *
extract (const char *html)
{
  g_autoptr (GError) error = NULL;
  guint n_replaced = 0;
  xmlDoc *doc = html_page_parse ("page.html", html, strlen (html), &n_replaced, &error);
  char *text;

  ck_assert_msg (doc != NULL, "%s", error ? error->message : "");
  text = html_extract_article (doc, NULL);
  xmlFreeDoc (doc);
  return text;
}

/* A how-to page: every paragraph deep in a step box of its own, with
 * its picture and caption, and boxes of links between the steps. The
 * best candidates (the steps' text blocks) share no parent, and the
 * page's wrapper is too far above them to score; but three of the other
 * best candidates lie inside it with the winner, so the wrapper is the
 * article, and the boxes of links inside it are cleaned away. From the
 * winner alone, one step would be found, too short, and the looser
 * passes would keep the boxes of links. */
#define STEP(p, caption) "<div class=\"step\"><div class=\"mod\"><div class=\"inner\">" \
  "<div class=\"content\"><div class=\"text\"><p>" p "</p></div></div>" \
  "<figure><img src=\"step.jpg\"></figure><figcaption>" caption "</figcaption></div></div></div>"
#define MORE "<div class=\"more\"><h3>Other people are reading</h3><ul>" \
  "<li><a href=\"/a\">Barrier repairs elsewhere</a></li><li><a href=\"/b\">How locks work</a></li></ul></div>"
START_TEST (test_article_split_into_boxes_is_taken_whole)
{
  g_autofree char *text = extract (
    "<html><body><div id=\"article\">"
    STEP (P1, "The gates at Kessel") MORE STEP (P2, "The old lock at Haven")
    STEP (P3, "Barges waiting") MORE STEP (P4, "Ilse Verbeek")
    "</div></body></html>");

  ck_assert_str_eq (text, P1 "\n\nThe gates at Kessel\n\n" P2 "\n\nThe old lock at Haven\n\n"
                    P3 "\n\nBarges waiting\n\n" P4 "\n\nIlse Verbeek");
}
END_TEST

/* An <article> not much larger than the winner, with few links, is the
 * article: its headline and standfirst come with the body */
START_TEST (test_article_element_comes_with_its_headline)
{
  g_autofree char *text = extract (
    "<html><body>"
    "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav>"
    "<article>"
    "<h1>Kessel flood barrier to close for repairs</h1>"
    "<p class=\"standfirst\">Three months of work on the gates</p>"
    "<div class=\"body\"><p>" P1 "</p><p>" P2 "</p></div>"
    "</article>"
    "</body></html>");

  ck_assert_str_eq (text, "Kessel flood barrier to close for repairs\n\n"
                    "Three months of work on the gates\n\n" P1 "\n\n" P2);
}
END_TEST

/* The winner's siblings: a paragraph of prose over 80 characters with
 * few links joins, so does a short one that ends a sentence; a short one
 * that does not (a caption, a label) stays out, and so does a long one
 * that is mostly links */
START_TEST (test_siblings_of_prose_join_the_winner)
{
  g_autofree char *text = extract (
    "<html><body>"
    "<div id=\"main\">"
    "<div class=\"text\"><p>" P1 "</p><p>" P2 "</p></div>"
    "<p>Work on the smaller barrier at Haven, further down the river, is planned for the year after next</p>"
    "<p>Ferries run as usual.</p>"
    "<p>Photo: the Kessel gates</p>"
    "<p><a href=\"/a\">Read more about the river authority and its plans</a> "
    "<a href=\"/b\">Flood maps of the lower river</a></p>"
    "</div>"
    "</body></html>");

  ck_assert_str_eq (text, P1 "\n\n" P2 "\n\n"
                    "Work on the smaller barrier at Haven, further down the river, is planned for the year after next"
                    "\n\nFerries run as usual.");
}
END_TEST

/* The article inside a block whose class names furniture ("widget"):
 * the strict pass drops it and finds only the short note beside it;
 * the pass without that pruning finds more than twice as much and wins
 * (the note, a sentence beside the winner, joins it there) */
START_TEST (test_looser_pass_wins_when_the_strict_one_lost_the_article)
{
  g_autofree char *text = extract (
    "<html><body>"
    "<div id=\"page\">"
    "<div class=\"note\"><p>Updated on Tuesday, with the authority's answer.</p></div>"
    "<div class=\"widget\"><p>" P1 "</p><p>" P2 "</p><p>" P3 "</p></div>"
    "</div>"
    "</body></html>");

  ck_assert_str_eq (text, "Updated on Tuesday, with the authority's answer.\n\n"
                    P1 "\n\n" P2 "\n\n" P3);
}
END_TEST

static Suite *
extract_suite (void)
{
  Suite *s = suite_create ("html-extract");
  TCase *tc = tcase_create ("choose");

  tcase_add_test (tc, test_article_split_into_boxes_is_taken_whole);
  tcase_add_test (tc, test_article_element_comes_with_its_headline);
  tcase_add_test (tc, test_siblings_of_prose_join_the_winner);
  tcase_add_test (tc, test_looser_pass_wins_when_the_strict_one_lost_the_article);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  SRunner *sr = srunner_create (extract_suite ());
  int failed;

  xmlInitParser ();
  srunner_run_all (sr, CK_NORMAL);
  failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
