/* iso-codes.c: country and subdivision names from iso-codes' JSON files
 * (iso_3166-1.json, iso_3166-2.json) into the tagger's lexicon.
 *
 * The files are read with yajl's event parser, keeping only the three
 * string members of each entry that the lexicon uses. Building a tree
 * with json-glib first (and freeing it) was 172M of the 205M instructions
 * this loading took, and most of the 248M of creating the stage
 * (callgrind; iso-codes 4.15: 544 KB of JSON, 5,555 names): a fixed cost
 * of every run, 15% of the work on a batch of 2,000 news articles (3.3 MB).
 * Now the loading takes 49M (31M of it adding the names to the lexicon),
 * and that run 1,305M -> 1,152M. The files as iso-codes ships them are
 * read faster still by iso-codes-scan.c; yajl reads the others (numbers,
 * escapes, errors), and its messages are the errors users see.
 *
 * An entry is an object in the array named by the root member ("3166-1",
 * "3166-2"); a member that is not a string (or is repeated) counts as the
 * last value given, as a tree lookup would see it.
 */
#include "config.h"

#include <string.h>

#include <galley/galley.h>
#include <yajl/yajl_parse.h>

#include "iso-codes.h"
#include "lexicon-load.h"
#include "tagger.h"

enum {
  FIELD_NAME = ISO_FIELD_NAME,
  FIELD_COMMON = ISO_FIELD_COMMON,
  FIELD_OFFICIAL = ISO_FIELD_OFFICIAL,
  N_FIELDS = ISO_N_FIELDS
};

typedef struct {
  Lexicon *lex;
  const char *member;    /* the root member holding the entries */
  gboolean countries;    /* 3166-1: common and official names too */
  guint depth;           /* 1: in the root object, 2: in the entries, 3: in an entry */
  gboolean at_member;    /* the root key just read is @member */
  gboolean found;        /* @member held an array */
  gboolean in_entries;
  int field;             /* the entry key just read (FIELD_*), or -1 */
  GString *values[N_FIELDS];
  gboolean has[N_FIELDS];
} IsoScan;

/* iso-codes: "Korea, Republic of" style names are cut at the comma;
 * single-word names that are ordinary English words ("Central",
 * "Capital") or personal names ("Isabel", a Philippine province) are
 * skipped: they would tag common words and people as places. The shipped
 * lists, loaded after, add back the ones that matter (Georgia, Victoria). */
static void
add_iso_name (Lexicon *lex, const char *name, const char *canonical)
{
  const char *comma;

  if (name == NULL || *name == '\0')
    return;
  comma = strchr (name, ',');
  if (comma != NULL)
    {
      g_autofree char *head = g_strndup (name, comma - name);

      lexicon_add_phrase_under (lex, head, ET_GPE, canonical != NULL ? canonical : head);
      return;
    }
  if (strchr (name, '(') != NULL || strchr (name, '[') != NULL)
    return;
  if (strchr (name, ' ') == NULL)
    {
      /* short or word-like subdivision names that would tag other words
       * (Van, Batman, Nord, Mon): the price is a few small regions */
      static const TextLit skip[] = {
        TEXT_LIT ("Ra"), TEXT_LIT ("Ig"), TEXT_LIT ("Nip"), TEXT_LIT ("Est"), TEXT_LIT ("Sul"),
        TEXT_LIT ("Norte"), TEXT_LIT ("Nord"), TEXT_LIT ("Var"), TEXT_LIT ("Vas"),
        TEXT_LIT ("Sid"), TEXT_LIT ("Mon"), TEXT_LIT ("Tak"), TEXT_LIT ("Tori"),
        TEXT_LIT ("Yap"), TEXT_LIT ("Uri"), TEXT_LIT ("Rae"), TEXT_LIT ("Lau"),
        TEXT_LIT ("Kara"), TEXT_LIT ("Mono"), TEXT_LIT ("Grad"), TEXT_LIT ("Isla"),
        TEXT_LIT ("Valle"), TEXT_LIT ("Pest"), TEXT_LIT ("Para"), TEXT_LIT ("Pita"),
        TEXT_LIT ("Tapa"), TEXT_LIT ("Tata"), TEXT_LIT ("Sila"), TEXT_LIT ("Bam"),
        TEXT_LIT ("Sal"), TEXT_LIT ("Cher"), TEXT_LIT ("Batman"), TEXT_LIT ("Centrale"),
        TEXT_LIT ("Litoral"), TEXT_LIT ("Littoral"), TEXT_LIT ("Collines"), TEXT_LIT ("Lacs"),
        TEXT_LIT ("Savanes"), TEXT_LIT ("Plateaux"),
      };
      gsize len = strlen (name);
      char buf[128];
      int n = lexicon_fold (name, len, buf, sizeof buf);

      /* lengths first: a strcmp() with each of the 39 for each of the
       * 3,722 one-word names was 2.9 M instructions of every run */
      for (guint i = 0; i < G_N_ELEMENTS (skip); i++)
        if (len == skip[i].len && memcmp (name, skip[i].s, len) == 0)
          return;
      guint32 wid = n > 0 ? lexicon_word_id (lex, buf, n, lexicon_hash (buf, n)) : LEX_NO_WORD;

      /* not LEX_ROLE: only titles.txt gives it, and iso-codes was read
       * before that list when both were read at start-up */
      if (wid != LEX_NO_WORD
          && (lexicon_word_info (lex, wid)->flags
              & (LEX_COMMON | LEX_MONTH | LEX_WEEKDAY | LEX_GIVEN | LEX_SURNAME)))
        return;
    }
  lexicon_add_phrase_under (lex, name, ET_GPE, canonical);
}

static void
add_entry (IsoScan *scan)
{
  const char *name = scan->has[FIELD_NAME] ? scan->values[FIELD_NAME]->str : NULL;
  const char *common = scan->has[FIELD_COMMON] ? scan->values[FIELD_COMMON]->str : NULL;
  const char *official = scan->has[FIELD_OFFICIAL] ? scan->values[FIELD_OFFICIAL]->str : NULL;

  if (!scan->countries)
    add_iso_name (scan->lex, name, NULL);
  else if (common != NULL)
    {
      add_iso_name (scan->lex, common, NULL);
      add_iso_name (scan->lex, name, common);
      add_iso_name (scan->lex, official, common);
    }
  else
    {
      add_iso_name (scan->lex, name, NULL);
      if (name != NULL && strchr (name, ',') == NULL)
        add_iso_name (scan->lex, official, name);
    }
}

/* value: a value other than a string at the current depth (@opens: it is
 * an object or array, so the depth grows). */
static void
value (IsoScan *scan, gboolean opens)
{
  if (scan->depth == 1 && scan->at_member)
    scan->found = FALSE;
  if (scan->depth == 3 && scan->field >= 0)
    scan->has[scan->field] = FALSE;
  scan->at_member = FALSE;
  scan->field = -1;
  if (opens)
    scan->depth++;
}

static int
on_scalar (void *ctx)
{
  value (ctx, FALSE);
  return 1;
}

static int
on_boolean (void *ctx, int b)
{
  (void) b;
  return on_scalar (ctx);
}

static int
on_number (void *ctx, const char *s, size_t len)
{
  (void) s;
  (void) len;
  return on_scalar (ctx);
}

static int
on_string (void *ctx, const unsigned char *s, size_t len)
{
  IsoScan *scan = ctx;

  if (scan->depth == 3 && scan->field >= 0)
    {
      g_string_truncate (scan->values[scan->field], 0);
      g_string_append_len (scan->values[scan->field], (const char *) s, len);
      scan->has[scan->field] = TRUE;
      scan->field = -1;
      return 1;
    }
  return on_scalar (ctx);
}

static int
on_start_map (void *ctx)
{
  IsoScan *scan = ctx;

  if (scan->depth == 2 && scan->in_entries)
    for (guint i = 0; i < N_FIELDS; i++)
      scan->has[i] = FALSE;
  value (scan, TRUE);
  return 1;
}

static int
on_map_key (void *ctx, const unsigned char *key, size_t len)
{
  static const char *const names[N_FIELDS] = {
    [FIELD_NAME] = "name", [FIELD_COMMON] = "common_name", [FIELD_OFFICIAL] = "official_name",
  };
  IsoScan *scan = ctx;

  if (scan->depth == 1)
    scan->at_member = strlen (scan->member) == len && memcmp (key, scan->member, len) == 0;
  else if (scan->depth == 3 && scan->in_entries)
    {
      scan->field = -1;
      for (int i = 0; i < N_FIELDS; i++)
        if (strlen (names[i]) == len && memcmp (key, names[i], len) == 0)
          scan->field = i;
    }
  return 1;
}

static int
on_end_map (void *ctx)
{
  IsoScan *scan = ctx;

  scan->depth--;
  if (scan->depth == 2 && scan->in_entries)
    add_entry (scan);
  return 1;
}

static int
on_start_array (void *ctx)
{
  IsoScan *scan = ctx;

  if (scan->depth == 1 && scan->at_member)
    {
      scan->found = TRUE;
      scan->in_entries = TRUE;
      scan->at_member = FALSE;
      scan->depth++;
      return 1;
    }
  value (scan, TRUE);
  return 1;
}

static int
on_end_array (void *ctx)
{
  IsoScan *scan = ctx;

  scan->depth--;
  if (scan->depth == 1)
    scan->in_entries = FALSE;
  return 1;
}

static const yajl_callbacks callbacks = {
  .yajl_null = on_scalar,
  .yajl_boolean = on_boolean,
  .yajl_number = on_number,
  .yajl_string = on_string,
  .yajl_start_map = on_start_map,
  .yajl_map_key = on_map_key,
  .yajl_end_map = on_end_map,
  .yajl_start_array = on_start_array,
  .yajl_end_array = on_end_array,
};

/* parse_error: yajl's message without its "parse error: " and newline. */
static void
parse_error (yajl_handle yajl, const char *path, const char *text, gsize len,
             GError **error)
{
  unsigned char *raw = yajl_get_error (yajl, 0, (const unsigned char *) text, len);
  const char *msg = (const char *) raw;

  if (g_str_has_prefix (msg, "parse error: "))
    msg += strlen ("parse error: ");
  g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
               "%s: not valid JSON: %.*s", path, (int) strcspn (msg, "\n"), msg);
  yajl_free_error (yajl, raw);
}

/* add_entries: the entries iso-codes-scan.c read, as add_entry() takes
 * them from the event reader. */
static void
add_entries (IsoScan *scan, const GArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const IsoEntry *e = &g_array_index (entries, IsoEntry, i);

      for (guint f = 0; f < N_FIELDS; f++)
        {
          scan->has[f] = (e->has & (1u << f)) != 0;
          if (scan->has[f])
            {
              g_string_truncate (scan->values[f], 0);
              g_string_append_len (scan->values[f], e->text[f], e->len[f]);
            }
        }
      add_entry (scan);
    }
}

static gboolean
load_iso_file (Lexicon *lex, const char *dir, const char *file, const char *member,
               gboolean countries, GError **error)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr (GMappedFile) map = g_mapped_file_new (path, FALSE, error);
  IsoScan scan = { .lex = lex, .member = member, .countries = countries, .field = -1 };
  g_autoptr (GArray) entries = NULL;
  yajl_handle yajl;
  const char *text;
  gsize len;
  gboolean ok = TRUE;

  if (map == NULL)
    return FALSE;
  len = g_mapped_file_get_length (map);
  /* an empty file maps to NULL, and NULL + 0 is undefined */
  text = len > 0 ? g_mapped_file_get_contents (map) : "";
  for (guint i = 0; i < N_FIELDS; i++)
    scan.values[i] = g_string_new (NULL);
  /* the plain files iso-codes ships: the fast reader; anything else,
   * yajl (iso-codes-scan.c says why) */
  entries = g_array_sized_new (FALSE, FALSE, sizeof (IsoEntry), 1024);
  if (iso_codes_scan_plain (text, len, member, entries))
    {
      add_entries (&scan, entries);
      for (guint i = 0; i < N_FIELDS; i++)
        g_string_free (scan.values[i], TRUE);
      return TRUE;
    }
  yajl = yajl_alloc (&callbacks, NULL, &scan);
  if (yajl_parse (yajl, (const unsigned char *) (text ? text : ""), len) != yajl_status_ok
      || yajl_complete_parse (yajl) != yajl_status_ok)
    {
      parse_error (yajl, path, text ? text : "", len, error);
      ok = FALSE;
    }
  else if (!scan.found)
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s: no \"%s\" array: not an iso-codes file", path, member);
      ok = FALSE;
    }
  yajl_free (yajl);
  for (guint i = 0; i < N_FIELDS; i++)
    g_string_free (scan.values[i], TRUE);
  return ok;
}

gboolean
lexicon_load_iso_codes (Lexicon *lex, const char *dir, GError **error)
{
  if (!load_iso_file (lex, dir, "iso_3166-1.json", "3166-1", TRUE, error))
    return FALSE;
  return load_iso_file (lex, dir, "iso_3166-2.json", "3166-2", FALSE, error);
}
