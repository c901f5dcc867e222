/* test-html-extract.c: the choices of read-html's article extraction
 * (plugins/read-html/html-extract.c), one page written here for each:
 * the common ancestor of an article split into step boxes, the <article>
 * element taken with its headline, the siblings that join the winner
 * and those that do not, and the looser pass that wins when the strict
 * one threw the article away; and the scores behind the choices (length,
 * commas, the tag, links), the climb from the winner, the cells of a
 * table layout and the visible text of extract=page. Each expects the
 * article's text in full. */
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
    "<p><a href=\"/a\">Read more about the river authority and its plans for the gates</a> "
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

/* parse: @html as a page (the caller frees it). */
static xmlDoc *
parse (const char *html)
{
  g_autoptr (GError) error = NULL;
  guint n_replaced = 0;
  xmlDoc *doc = html_page_parse ("page.html", html, strlen (html), &n_replaced, &error);

  ck_assert_msg (doc != NULL, "%s", error ? error->message : "");
  return doc;
}

/* An article in two boxes side by side: the second, smaller one scores
 * more than a fifth of the first and joins it */
START_TEST (test_second_box_of_the_article_joins_the_winner)
{
  g_autofree char *text = extract (
    "<html><body><div id=\"columns\">"
    "<div class=\"first\"><p>" P1 "</p><p>" P2 "</p><p>" P3 "</p></div>"
    "<div class=\"second\"><p>" P4 "</p></div>"
    "</div></body></html>");

  ck_assert_str_eq (text, P1 "\n\n" P2 "\n\n" P3 "\n\n" P4);
}
END_TEST

/* A short paragraph beside the winner joins when a sentence ends inside
 * it, even if its last character is no period */
START_TEST (test_short_sibling_with_a_sentence_inside_joins)
{
  g_autofree char *text = extract (
    "<html><body><div id=\"main\">"
    "<div class=\"text\"><p>" P1 "</p><p>" P2 "</p></div>"
    "<p>Ferries run as usual. Buses too?</p>"
    "</div></body></html>");

  ck_assert_str_eq (text, P1 "\n\n" P2 "\n\nFerries run as usual. Buses too?");
}
END_TEST

/* The winner alone in its wrapper gives way to the wrapper, so that the
 * wrapper's siblings are looked at: the note after it joins */
START_TEST (test_lone_winner_climbs_to_its_wrapper)
{
  g_autofree char *text = extract (
    "<html><body><div id=\"main\">"
    "<div class=\"wrap\"><div class=\"text\"><p>" P1 "</p><p>" P2 "</p></div></div>"
    "<p>Ferries run as usual.</p>"
    "</div></body></html>");

  ck_assert_str_eq (text, P1 "\n\n" P2 "\n\nFerries run as usual.");
}
END_TEST

/* Text inside inline elements (<span>, <b>) is the paragraph's own: a
 * page whose paragraphs are all wrapped in <span> still has an article,
 * and the line beside it stays out */
START_TEST (test_text_in_inline_elements_makes_paragraphs)
{
  g_autofree char *text = extract (
    "<html><body>"
    "<p>Comments are closed for this story until the morning</p>"
    "<div class=\"story\"><p><span>" P1 "</span></p><p><span>" P2 "</span></p>"
    "<p><b>" P3 "</b></p></div>"
    "</body></html>");

  ck_assert_str_eq (text, P1 "\n\n" P2 "\n\n" P3);
}
END_TEST

/* A box of links with commas in its link text scores less than prose:
 * the score counts only the text outside links */
START_TEST (test_box_of_links_loses_to_prose)
{
  g_autofree char *text = extract (
    "<html><body>"
    "<div class=\"story\"><p>" P4 "</p></div>"
    "<div class=\"more\"><p><a href=\"/a\">" P1 "</a></p><p><a href=\"/b\">" P2 "</a></p>"
    "<p><a href=\"/c\">" P3 "</a></p></div>"
    "</body></html>");

  ck_assert_str_eq (text, P4);
}
END_TEST

/* A strict result of 50 to 500 characters is short enough that a
 * looser pass finding more than twice as much replaces it */
START_TEST (test_looser_pass_replaces_a_short_strict_result)
{
  g_autofree char *text = extract (
    "<html><body>"
    "<div id=\"page\">"
    "<div class=\"note\"><p>Updated on Tuesday at noon, with the authority's answer to the "
    "shipping companies.</p></div>"
    "<div class=\"widget\"><p>" P1 "</p><p>" P2 "</p><p>" P3 "</p></div>"
    "</div>"
    "</body></html>");

  ck_assert_str_eq (text, "Updated on Tuesday at noon, with the authority's answer to the "
                    "shipping companies.\n\n" P1 "\n\n" P2 "\n\n" P3);
}
END_TEST

/* extract=page: all the text of the page but its hidden elements */
START_TEST (test_visible_text_leaves_hidden_elements_out)
{
  xmlDoc *doc = parse ("<html><body><p>The council met on Friday.</p>"
                       "<div hidden><p>Subscribe now.</p></div>"
                       "<p style=\"display:none\">Cookie notice.</p>"
                       "<p>It approved the budget.</p></body></html>");
  g_autofree char *text = html_extract_visible (doc);

  ck_assert_str_eq (text, "The council met on Friday.\n\nIt approved the budget.");
  xmlFreeDoc (doc);
}
END_TEST

/* Scoring: two boxes in different branches of the page, one paragraph
 * each; the higher score is the article, the other stays out (it scores
 * under the floor of 10 that a sibling must reach). LONG is 340
 * characters without a comma. */
#define LONG "The gates will close for repairs in March and reopen in June after the work is done. " \
  "The gates will close for repairs in March and reopen in June after the work is done. " \
  "The gates will close for repairs in March and reopen in June after the work is done. " \
  "The gates will close for repairs in March and reopen in June after the work is done."
#define TWO_BOXES(a, b) "<html><body><div><div>" a "</div></div><div><div>" b "</div></div></body></html>"

/* A point per full 100 characters: 340 characters without commas (9)
 * beat a short paragraph with two (8) */
START_TEST (test_score_counts_length)
{
  g_autofree char *text = extract (TWO_BOXES ("<p>" LONG "</p>",
                                              "<p>The ferry, the barges and the lock keepers wait.</p>"));

  ck_assert_str_eq (text, LONG);
}
END_TEST

/* A point per comma: three commas (9) beat 250 characters without (8) */
START_TEST (test_score_counts_commas)
{
  g_autofree char *text = extract (TWO_BOXES (
    "<p>The gates, the hinges, the pumps and the locks need work.</p>",
    "<p>The gates will close for repairs in March and reopen in June after the work is done. "
    "The gates will close for repairs in March and reopen in June after the work is done. "
    "The ferry will run as usual all spring.</p>"));

  ck_assert_str_eq (text, "The gates, the hinges, the pumps and the locks need work.");
}
END_TEST

/* Fullwidth commas count as commas: three (9) beat 108 characters of
 * Chinese without (7) */
START_TEST (test_score_counts_fullwidth_commas)
{
  g_autofree char *text = extract (TWO_BOXES (
    "<p>河流管理局周一表示，下游的闸门将在春天关闭维修，驳船将改走旧船闸，渡轮照常运行。</p>",
    "<p>工人们周二开始检查闸门。工人们周二开始检查闸门。工人们周二开始检查闸门。"
    "工人们周二开始检查闸门。工人们周二开始检查闸门。工人们周二开始检查闸门。"
    "工人们周二开始检查闸门。工人们周二开始检查闸门。工人们周二开始检查闸门。</p>"));

  ck_assert_str_eq (text, "河流管理局周一表示，下游的闸门将在春天关闭维修，驳船将改走旧船闸，渡轮照常运行。");
}
END_TEST

/* The tag's bonus: a paragraph in a <div> (5 + 1) beats one with two
 * commas in a <section> (0 + 3); in an <article> (10 + 1) it beats
 * one with two commas in a <div> (5 + 3) */
START_TEST (test_score_counts_the_tag)
{
  g_autofree char *a = extract (
    "<html><body><div><div><p>The gates close for repairs in March.</p></div></div>"
    "<section><p>The gates, the hinges and the pumps, all of them.</p></section>"
    "</body></html>");
  g_autofree char *b = extract (
    "<html><body><div><article><p>The gates close for repairs in March.</p></article></div>"
    "<div><div><p>The gates, the hinges and the pumps, all of them.</p></div></div>"
    "</body></html>");

  ck_assert_str_eq (a, "The gates close for repairs in March.");
  ck_assert_str_eq (b, "The gates close for repairs in March.");
}
END_TEST

/* Boxes far below the winner's score do not make their common ancestor
 * the article, however many share it with the winner */
START_TEST (test_weak_boxes_do_not_make_a_common_ancestor)
{
  g_autofree char *text = extract (
    "<html><body><div id=\"outer\">"
    "<div class=\"lead\"><p>" P1 "</p><p>" P2 "</p><p>" P3 "</p></div>"
    "<div><div><p>Advertisement for the garden centre</p></div></div>"
    "<div><div><p>Sign up for the morning bulletin</p></div></div>"
    "<div><div><p>Tickets for the harbour festival</p></div></div>"
    "</div></body></html>");

  ck_assert_str_eq (text, P1 "\n\n" P2 "\n\n" P3);
}
END_TEST

/* Climbing from the winner stops at an ancestor scoring under a third
 * of it, even if a box higher up (here a content box) scores more: its
 * caption stays out */
START_TEST (test_climb_stops_under_a_third_of_the_winner)
{
  g_autofree char *text = extract (
    "<html><body><div id=\"content\">"
    "<div class=\"wrap\"><div class=\"text\"><p>" P1 "</p><p>" P2 "</p></div></div>"
    "<p>Ferries run as usual.</p>"
    "<p>Photo: the Kessel gates</p>"
    "</div></body></html>");

  ck_assert_str_eq (text, P1 "\n\n" P2 "\n\nFerries run as usual.");
}
END_TEST

/* When the ancestor shared by the best boxes has a parent scoring more
 * (here by a line with commas of its own), that parent is the article:
 * the line comes too, which as a sibling it would not */
#define BOX(p) "<div class=\"step\"><div class=\"t\"><p>" p "</p></div></div>"
START_TEST (test_parent_scoring_more_than_the_common_ancestor_is_taken)
{
  g_autofree char *text = extract (
    "<html><body><div id=\"outer\">"
    "<p>Photos: gates, hinges, pumps, locks</p>"
    "<div id=\"steps\">" BOX (P1) BOX (P2) BOX (P3) BOX (P4) "</div>"
    "</div></body></html>");

  ck_assert_str_eq (text, "Photos: gates, hinges, pumps, locks\n\n" P1 "\n\n" P2 "\n\n" P3 "\n\n" P4);
}
END_TEST

/* An article laid out in table cells: each chosen cell is a paragraph of
 * its own, so the text that ends one and the text that opens the next
 * do not run together on one line */
START_TEST (test_chosen_cells_are_separate_paragraphs)
{
  g_autofree char *text = extract (
    "<html><body><table><tr>"
    "<td><p>" P1 "</p><p>" P2 "</p>Continued in the next column</td>"
    "<td>From the first column<p>" P3 "</p><p>" P4 "</p></td>"
    "</tr></table></body></html>");

  ck_assert_str_eq (text, P1 "\n\n" P2 "\n\nContinued in the next column\n\n"
                    "From the first column\n\n" P3 "\n\n" P4);
}
END_TEST

/* An <article> around the winner that is mostly links is not taken: its
 * headline and its list of links stay out */
START_TEST (test_article_element_of_links_not_taken)
{
  g_autofree char *text = extract (
    "<html><body><article>"
    "<h1>Kessel flood barrier to close for repairs</h1>"
    "<div class=\"body\"><p>" P1 "</p></div>"
    "<ul><li><a href=\"/a\">Barrier repairs elsewhere on the lower river this year</a></li>"
    "<li><a href=\"/b\">How the locks at Haven work and when they were built</a></li>"
    "<li><a href=\"/c\">Shipping companies ask for the work to wait until autumn</a></li>"
    "<li><a href=\"/d\">The ferry timetable for weekdays in the spring months</a></li></ul>"
    "</article></body></html>");

  ck_assert_str_eq (text, P1);
}
END_TEST

/* A sibling with the winner's class joins at a lower score: a one-line
 * box of the same kind as the article's */
START_TEST (test_box_with_the_winners_class_joins)
{
  g_autofree char *text = extract (
    "<html><body><div id=\"columns\">"
    "<div class=\"para\"><p>" P1 "</p><p>" P2 "</p><p>" P3 "</p></div>"
    "<div class=\"para\"><p>The gates reopen in June next year</p></div>"
    "</div></body></html>");

  ck_assert_str_eq (text, P1 "\n\n" P2 "\n\n" P3 "\n\nThe gates reopen in June next year");
}
END_TEST

/* A long subheading beside the winner joins it */
START_TEST (test_long_subheading_joins_the_winner)
{
  g_autofree char *text = extract (
    "<html><body><div id=\"columns\">"
    "<div class=\"first\"><p>" P1 "</p><p>" P2 "</p></div>"
    "<h2>What the closure means for barges, ferries and the shipping companies on the lower river</h2>"
    "</div></body></html>");

  ck_assert_str_eq (text, P1 "\n\n" P2 "\n\nWhat the closure means for barges, ferries and "
                    "the shipping companies on the lower river");
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
  tcase_add_test (tc, test_second_box_of_the_article_joins_the_winner);
  tcase_add_test (tc, test_short_sibling_with_a_sentence_inside_joins);
  tcase_add_test (tc, test_lone_winner_climbs_to_its_wrapper);
  tcase_add_test (tc, test_text_in_inline_elements_makes_paragraphs);
  tcase_add_test (tc, test_box_of_links_loses_to_prose);
  tcase_add_test (tc, test_looser_pass_replaces_a_short_strict_result);
  tcase_add_test (tc, test_visible_text_leaves_hidden_elements_out);
  tcase_add_test (tc, test_score_counts_length);
  tcase_add_test (tc, test_score_counts_commas);
  tcase_add_test (tc, test_score_counts_fullwidth_commas);
  tcase_add_test (tc, test_score_counts_the_tag);
  tcase_add_test (tc, test_weak_boxes_do_not_make_a_common_ancestor);
  tcase_add_test (tc, test_climb_stops_under_a_third_of_the_winner);
  tcase_add_test (tc, test_parent_scoring_more_than_the_common_ancestor_is_taken);
  tcase_add_test (tc, test_chosen_cells_are_separate_paragraphs);
  tcase_add_test (tc, test_article_element_of_links_not_taken);
  tcase_add_test (tc, test_box_with_the_winners_class_joins);
  tcase_add_test (tc, test_long_subheading_joins_the_winner);
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
