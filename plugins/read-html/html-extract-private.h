/* html-extract-private.h: what the parts of the article extractor share
 * (html-extract.c scores and chooses, html-prune.c prunes page furniture,
 * html-clean.c cleans the chosen blocks). Not installed. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

typedef struct {
  guint len;        /* visible characters, a run of white space counting 1 */
  guint link_len;   /* of which inside links */
  guint commas;
  double score;
  double base;      /* the tag's and class's part of the score */
  gboolean scored;  /* a candidate: some paragraph gave it a score */
} Info;

typedef enum {
  PASS_STRIP_UNLIKELY = 1 << 0,
  PASS_WEIGHT_CLASSES = 1 << 1,
  PASS_CLEAN = 1 << 2,
} PassFlags;

typedef struct {
  xmlDoc *doc;
  const char *title;     /* the page's title, or NULL */
  PassFlags flags;
  GHashTable *info;      /* xmlNode * -> Info * */
  GPtrArray *candidates; /* xmlNode * */
  gboolean debug;        /* G_MESSAGES_DEBUG names read-html */
} Extractor;

/* html-prune.c */
gboolean html_is_tag (const xmlNode *n, const char *name);
/* html_class_and_id: "class id", lowercased, or NULL when neither is set. */
char *html_class_and_id (xmlNode *n);
/* html_class_weight: +25 for a class or id naming content, -25 for one
 * naming furniture (both can apply); 0 when the pass ignores classes. */
int html_class_weight (Extractor *ex, xmlNode *n);
gboolean html_is_hidden (xmlNode *n);
void html_reset_flags (xmlNode *n);
/* html_prune: flags the furniture under @n HTML_NODE_DROPPED (step 1). */
void html_prune (Extractor *ex, xmlNode *n, gboolean in_article);

/* html-extract.c */
double html_link_density (const Info *info);

/* html-clean.c */
/* html_clean: flags the furniture inside the chosen block @n (step 4). */
void html_clean (Extractor *ex, xmlNode *n);

G_END_DECLS
