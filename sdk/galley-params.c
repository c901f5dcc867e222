/* galley-params.c: typed stage parameters, parsed from text. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <galley/galley-error.h>
#include <galley/galley-params.h>

typedef struct {
  gboolean set;       /* given explicitly */
  gboolean has_value; /* given or defaulted */
  char *text;         /* the value in text form */
  gint64 i;
  double d;
  gboolean b;
  char **list;
} Slot;

struct _GalleyParams {
  const GalleyParamSpec *specs;
  guint n_specs;
  Slot *slots;
};

GalleyParams *
galley_params_new (const GalleyParamSpec *specs)
{
  GalleyParams *params = g_new0 (GalleyParams, 1);

  params->specs = specs;
  for (const GalleyParamSpec *s = specs; s && s->name; s++)
    params->n_specs++;
  params->slots = g_new0 (Slot, params->n_specs + 1);
  return params;
}

static void
slot_clear (Slot *slot)
{
  g_clear_pointer (&slot->text, g_free);
  g_clear_pointer (&slot->list, g_strfreev);
  slot->has_value = slot->set = FALSE;
}

void
galley_params_free (GalleyParams *params)
{
  if (params == NULL)
    return;
  for (guint i = 0; i < params->n_specs; i++)
    slot_clear (&params->slots[i]);
  g_free (params->slots);
  g_free (params);
}

const GalleyParamSpec *
galley_params_get_specs (const GalleyParams *params)
{
  return params->specs;
}

const GalleyParamSpec *
galley_param_spec_find (const GalleyParamSpec *specs, const char *name)
{
  for (const GalleyParamSpec *s = specs; s && s->name; s++)
    if (strcmp (s->name, name) == 0)
      return s;
  return NULL;
}

char *
galley_param_spec_list_names (const GalleyParamSpec *specs)
{
  GString *s = g_string_new (NULL);

  for (const GalleyParamSpec *p = specs; p && p->name; p++)
    g_string_append_printf (s, "%s%s", s->len ? ", " : "", p->name);
  if (s->len == 0)
    g_string_append (s, "(none)");
  return g_string_free (s, FALSE);
}

const char *
galley_param_type_to_string (GalleyParamType type)
{
  static const char *const names[] = {
    "string", "int", "double", "boolean", "string-list", "path", "choice",
  };

  return (guint) type < G_N_ELEMENTS (names) ? names[type] : "unknown";
}

static int
spec_index (const GalleyParams *params, const char *key)
{
  for (guint i = 0; i < params->n_specs; i++)
    if (strcmp (params->specs[i].name, key) == 0)
      return (int) i;
  return -1;
}

static gboolean
range_checked (const GalleyParamSpec *spec)
{
  return spec->min < spec->max;
}

static gboolean
bad_value (GError **error, const GalleyParamSpec *spec, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static gboolean
bad_value (GError **error, const GalleyParamSpec *spec, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
               "parameter '%s': %s", spec->name, msg);
  return FALSE;
}

static char *
format_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", v));
}

/* parse_into: converts @value by @spec's type into @slot (not yet cleared). */
static gboolean
parse_into (const GalleyParamSpec *spec, const char *value, Slot *slot,
            GError **error)
{
  char *end = NULL;

  switch (spec->type)
    {
    case GALLEY_PARAM_INT:
      {
        gint64 v;
        errno = 0;
        v = g_ascii_strtoll (value, &end, 10);
        if (*value == '\0' || *end != '\0' || errno == ERANGE)
          return bad_value (error, spec, "expected an integer, got '%s'", value);
        if (range_checked (spec) && (v < spec->min || v > spec->max))
          {
            g_autofree char *lo = format_number (spec->min);
            g_autofree char *hi = format_number (spec->max);
            return bad_value (error, spec, "%s is out of range [%s, %s]", value, lo, hi);
          }
        slot->i = v;
        slot->d = (double) v;
        break;
      }
    case GALLEY_PARAM_DOUBLE:
      {
        double v;
        errno = 0;
        v = g_ascii_strtod (value, &end);
        if (*value == '\0' || *end != '\0' || errno == ERANGE || !isfinite (v))
          return bad_value (error, spec, "expected a number, got '%s'", value);
        if (range_checked (spec) && (v < spec->min || v > spec->max))
          {
            g_autofree char *lo = format_number (spec->min);
            g_autofree char *hi = format_number (spec->max);
            return bad_value (error, spec, "%s is out of range [%s, %s]", value, lo, hi);
          }
        slot->d = v;
        break;
      }
    case GALLEY_PARAM_BOOLEAN:
      if (g_ascii_strcasecmp (value, "true") == 0 || strcmp (value, "1") == 0
          || g_ascii_strcasecmp (value, "yes") == 0)
        slot->b = TRUE;
      else if (g_ascii_strcasecmp (value, "false") == 0 || strcmp (value, "0") == 0
               || g_ascii_strcasecmp (value, "no") == 0)
        slot->b = FALSE;
      else
        return bad_value (error, spec, "expected true or false, got '%s'", value);
      break;
    case GALLEY_PARAM_CHOICE:
      {
        gboolean found = FALSE;
        for (const char *const *c = spec->choices; c && *c; c++)
          if (strcmp (*c, value) == 0)
            found = TRUE;
        if (!found)
          {
            g_autofree char *all = spec->choices
              ? g_strjoinv (", ", (char **) spec->choices) : g_strdup ("");
            const char *best = galley_suggest (value, spec->choices);

            if (best)
              return bad_value (error, spec, "'%s' is not one of: %s; did you mean '%s'?",
                                value, all, best);
            return bad_value (error, spec, "'%s' is not one of: %s", value, all);
          }
        break;
      }
    case GALLEY_PARAM_STRING_LIST:
      {
        char **parts = g_strsplit_set (value, ";,", -1);
        GPtrArray *list = g_ptr_array_new ();
        for (char **p = parts; *p; p++)
          {
            char *item = g_strstrip (*p);
            if (*item)
              g_ptr_array_add (list, g_strdup (item));
          }
        g_ptr_array_add (list, NULL);
        g_strfreev (parts);
        slot->list = (char **) g_ptr_array_free (list, FALSE);
        break;
      }
    case GALLEY_PARAM_PATH:
      if (*value == '\0')
        return bad_value (error, spec, "expected a path, got an empty value");
      break;
    case GALLEY_PARAM_STRING:
    default:
      break;
    }
  slot->text = g_strdup (value);
  slot->has_value = TRUE;
  return TRUE;
}

gboolean
galley_params_set (GalleyParams *params, const char *key, const char *value,
                   GError **error)
{
  int i = spec_index (params, key);
  Slot fresh = { 0 };

  if (i < 0)
    {
      g_autofree char *names = galley_param_spec_list_names (params->specs);
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_UNKNOWN_KEY,
                   "unknown parameter '%s'; valid parameters: %s", key, names);
      return FALSE;
    }
  if (!parse_into (&params->specs[i], value, &fresh, error))
    {
      slot_clear (&fresh);
      return FALSE;
    }
  slot_clear (&params->slots[i]);
  params->slots[i] = fresh;
  params->slots[i].set = TRUE;
  return TRUE;
}

gboolean
galley_params_set_from_key_file (GalleyParams *params, GKeyFile *key_file,
                                 const char *group,
                                 const char *const *skip_keys, GError **error)
{
  g_auto (GStrv) keys = g_key_file_get_keys (key_file, group, NULL, error);

  if (keys == NULL)
    return FALSE;
  for (char **k = keys; *k; k++)
    {
      g_autofree char *value = NULL;

      if (skip_keys && g_strv_contains (skip_keys, *k))
        continue;
      value = g_key_file_get_string (key_file, group, *k, error);
      if (value == NULL)
        return FALSE;
      if (!galley_params_set (params, *k, value, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
galley_params_finish (GalleyParams *params, GError **error)
{
  for (guint i = 0; i < params->n_specs; i++)
    {
      const GalleyParamSpec *spec = &params->specs[i];
      Slot *slot = &params->slots[i];

      if (slot->has_value)
        continue;
      if (spec->flags & GALLEY_PARAM_REQUIRED)
        {
          g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_MISSING,
                       "parameter '%s' is required (%s)", spec->name,
                       spec->doc ? spec->doc : galley_param_type_to_string (spec->type));
          return FALSE;
        }
      if (spec->default_value != NULL)
        {
          g_autoptr (GError) local = NULL;
          if (!parse_into (spec, spec->default_value, slot, &local))
            {
              g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                           "the plugin's default is invalid: %s", local->message);
              return FALSE;
            }
        }
    }
  return TRUE;
}

gboolean
galley_params_is_set (const GalleyParams *params, const char *key)
{
  int i = spec_index (params, key);

  return i >= 0 && params->slots[i].set;
}

/* lookup: the slot of @key if its type is one of @t1/@t2, else critical. */
static const Slot *
lookup (const GalleyParams *params, const char *key, GalleyParamType t1,
        GalleyParamType t2)
{
  int i = spec_index (params, key);

  if (i < 0)
    {
      g_critical ("galley_params: no parameter '%s' in the stage's table", key);
      return NULL;
    }
  if (params->specs[i].type != t1 && params->specs[i].type != t2)
    {
      g_critical ("galley_params: parameter '%s' is a %s", key,
                  galley_param_type_to_string (params->specs[i].type));
      return NULL;
    }
  return params->slots[i].has_value ? &params->slots[i] : NULL;
}

const char *
galley_params_get_string (const GalleyParams *params, const char *key)
{
  const Slot *s = lookup (params, key, GALLEY_PARAM_STRING, GALLEY_PARAM_PATH);

  return s ? s->text : NULL;
}

const char *
galley_params_get_path (const GalleyParams *params, const char *key)
{
  const Slot *s = lookup (params, key, GALLEY_PARAM_PATH, GALLEY_PARAM_STRING);

  return s ? s->text : NULL;
}

const char *
galley_params_get_choice (const GalleyParams *params, const char *key)
{
  const Slot *s = lookup (params, key, GALLEY_PARAM_CHOICE, GALLEY_PARAM_CHOICE);

  return s ? s->text : NULL;
}

int
galley_params_get_choice_index (const GalleyParams *params, const char *key)
{
  const Slot *s = lookup (params, key, GALLEY_PARAM_CHOICE, GALLEY_PARAM_CHOICE);
  int i = spec_index (params, key);

  if (s == NULL)
    return -1;
  for (int c = 0; params->specs[i].choices[c]; c++)
    if (strcmp (params->specs[i].choices[c], s->text) == 0)
      return c;
  return -1;
}

gint64
galley_params_get_int (const GalleyParams *params, const char *key)
{
  const Slot *s = lookup (params, key, GALLEY_PARAM_INT, GALLEY_PARAM_INT);

  return s ? s->i : 0;
}

double
galley_params_get_double (const GalleyParams *params, const char *key)
{
  const Slot *s = lookup (params, key, GALLEY_PARAM_DOUBLE, GALLEY_PARAM_INT);

  return s ? s->d : 0.0;
}

gboolean
galley_params_get_boolean (const GalleyParams *params, const char *key)
{
  const Slot *s = lookup (params, key, GALLEY_PARAM_BOOLEAN, GALLEY_PARAM_BOOLEAN);

  return s ? s->b : FALSE;
}

const char *const *
galley_params_get_string_list (const GalleyParams *params, const char *key)
{
  const Slot *s = lookup (params, key, GALLEY_PARAM_STRING_LIST,
                          GALLEY_PARAM_STRING_LIST);

  return s ? (const char *const *) s->list : NULL;
}

char *
galley_params_to_string (const GalleyParams *params, const char *key)
{
  int i = spec_index (params, key);

  if (i < 0 || !params->slots[i].has_value)
    return NULL;
  return g_strdup (params->slots[i].text);
}

gboolean
galley_read_param_file (const char *path, char **contents, gsize *length,
                        GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *data = NULL;
  const char *end;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, &local))
    {
      /* GLib's message repeats the path (in locale-dependent quotes):
       * the system's reason alone, where a second try can tell it */
      int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "cannot read %s: %s", path,
                   fd < 0 ? g_strerror (saved)
                   : g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_ISDIR) ? g_strerror (EISDIR)
                   : local->message);
      return FALSE;
    }
  /* What Windows editors write: Notepad's "UTF-8" starts the file with
   * a byte order mark, which would otherwise be part of the first line
   * (a pipeline file's "[pipeline]" unrecognised); its "Unicode" is
   * UTF-16, which only needs saving again. */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      len -= 3;
      memmove (data, data + 3, len + 1);
    }
  else if (len >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   "%s:1: UTF-16 text: save it as UTF-8", path);
      return FALSE;
    }
  if (!g_utf8_validate_len (data, len, &end))
    {
      /* the line of the first bad byte, so that the user can find it */
      guint line = 1;

      for (const char *p = data; p < end; p++)
        line += *p == '\n';
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_INPUT,
                   *end == '\0' ? "%s:%u: NUL byte: not a text file"
                                 : "%s:%u: invalid UTF-8", path, line);
      return FALSE;
    }
  *contents = g_steal_pointer (&data);
  if (length)
    *length = len;
  return TRUE;
}

gboolean
galley_parse_duration (const char *text, double *seconds)
{
  static const struct { const char *unit; double factor; } units[] = {
    { "ms", 1e-3 }, { "s", 1 }, { "m", 60 }, { "h", 3600 }, { "d", 86400 },
  };
  const char *p = text;
  double total = 0;
  guint parts = 0;

  if (text == NULL || *text == '\0')
    return FALSE;
  while (*p)
    {
      const char *start = p;
      double factor = 0;
      char *number;
      double value;
      gsize len;

      while (g_ascii_isdigit (*p))
        p++;
      if (*p == '.')
        for (p++; g_ascii_isdigit (*p); p++)
          ;
      len = p - start;
      if (len == 0 || (len == 1 && *start == '.'))
        return FALSE;
      number = g_strndup (start, len);
      value = g_ascii_strtod (number, NULL);
      g_free (number);
      if (*p == '\0')
        {
          /* a bare number: seconds, and only on its own */
          if (parts > 0)
            return FALSE;
          factor = 1;
        }
      else
        {
          for (guint i = 0; i < G_N_ELEMENTS (units); i++)
            {
              gsize n = strlen (units[i].unit);
              if (strncmp (p, units[i].unit, n) == 0 && !g_ascii_isalpha (p[n]))
                {
                  factor = units[i].factor;
                  p += n;
                  break;
                }
            }
          if (factor == 0)
            return FALSE;
        }
      total += value * factor;
      parts++;
    }
  if (!(total >= 0 && total <= 1e9))
    return FALSE;
  *seconds = total;
  return TRUE;
}
