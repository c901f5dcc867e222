/* cmd-plugins.c: `galley plugins` and `galley inspect`. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "runner.h"

static void
json_key (GString *out, const char *key)
{
  galley_json_append_string (out, key, -1);
  g_string_append_c (out, ':');
}

static void
json_str_field (GString *out, const char *key, const char *value, gboolean comma)
{
  json_key (out, key);
  if (value)
    galley_json_append_string (out, value, -1);
  else
    g_string_append (out, "null");
  if (comma)
    g_string_append_c (out, ',');
}

static void
json_str_array (GString *out, const char *const *items)
{
  g_string_append_c (out, '[');
  for (guint i = 0; items && items[i]; i++)
    {
      if (i)
        g_string_append_c (out, ',');
      galley_json_append_string (out, items[i], -1);
    }
  g_string_append_c (out, ']');
}

static char *
join_or_none (const char *const *items)
{
  if (items == NULL || items[0] == NULL)
    return g_strdup ("(none)");
  return g_strjoinv (", ", (char **) items);
}

int
galley_cmd_plugins (int argc, char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr (GalleyRegistry) registry = NULL;
  const GPtrArray *plugins, *failures, *dirs;
  g_autoptr (GString) out = g_string_new (NULL);

  if (!galley_parse_options ("plugins", NULL,
                             "Lists the plugins found in the search path, and those "
                             "that failed to load, with the reason.", entries, &argc, &argv))
    return GALLEY_EXIT_USAGE;
  if (argc > 1)
    return galley_fail (GALLEY_EXIT_USAGE, "galley plugins takes no arguments");
  registry = galley_make_registry ();
  /* the command that says what is wrong with the plugins must not die of
   * one that crashes */
  galley_registry_set_probe (registry, TRUE);
  plugins = galley_registry_get_plugins (registry);
  failures = galley_registry_get_failures (registry);
  dirs = galley_registry_get_dirs (registry);

  if (json)
    {
      g_string_append (out, "{\"search_path\":");
      g_ptr_array_add ((GPtrArray *) dirs, NULL);
      json_str_array (out, (const char *const *) dirs->pdata);
      g_ptr_array_remove_index ((GPtrArray *) dirs, dirs->len - 1);
      g_string_append (out, ",\"plugins\":[");
      for (guint i = 0; i < plugins->len; i++)
        {
          const GalleyPluginInfo *p = g_ptr_array_index (plugins, i);
          const GalleyPluginDescriptor *d = p->descriptor;
          g_string_append (out, i ? ",{" : "{");
          json_str_field (out, "name", d->name, TRUE);
          json_str_field (out, "version", d->version, TRUE);
          json_str_field (out, "license", d->license, TRUE);
          json_str_field (out, "description", d->description, TRUE);
          json_str_field (out, "path", p->path, TRUE);
          json_key (out, "stages");
          g_string_append_c (out, '[');
          for (guint s = 0; d->stages[s]; s++)
            {
              g_string_append (out, s ? ",{" : "{");
              json_str_field (out, "name", d->stages[s]->name, TRUE);
              json_str_field (out, "kind", galley_stage_kind_to_string (d->stages[s]->kind), TRUE);
              json_str_field (out, "description", d->stages[s]->description, FALSE);
              g_string_append_c (out, '}');
            }
          g_string_append (out, "]}");
        }
      g_string_append (out, "],\"failed\":[");
      for (guint i = 0; i < failures->len; i++)
        {
          const GalleyPluginFailure *f = g_ptr_array_index (failures, i);
          g_string_append (out, i ? ",{" : "{");
          json_str_field (out, "path", f->path, TRUE);
          json_str_field (out, "error", f->error->message, FALSE);
          g_string_append_c (out, '}');
        }
      g_string_append (out, "]}\n");
      fputs (out->str, stdout);
      return failures->len ? GALLEY_EXIT_PLUGIN : GALLEY_EXIT_OK;
    }

  for (guint i = 0; i < plugins->len; i++)
    {
      const GalleyPluginInfo *p = g_ptr_array_index (plugins, i);
      const GalleyPluginDescriptor *d = p->descriptor;
      printf ("%s %s  %s\n  %s\n", d->name, d->version ? d->version : "",
              d->description ? d->description : "", p->path);
      for (guint s = 0; d->stages[s]; s++)
        printf ("    %-16s %-7s %s\n", d->stages[s]->name,
                galley_stage_kind_to_string (d->stages[s]->kind),
                d->stages[s]->description ? d->stages[s]->description : "");
    }
  if (plugins->len == 0)
    printf ("no plugins found in: %s\n", dirs->len ? (char *) g_ptr_array_index (dirs, 0) : "(nowhere)");
  if (failures->len)
    {
      printf ("\nfailed to load:\n");
      for (guint i = 0; i < failures->len; i++)
        {
          const GalleyPluginFailure *f = g_ptr_array_index (failures, i);
          printf ("  %s\n", f->error->message);
        }
    }
  return failures->len ? GALLEY_EXIT_PLUGIN : GALLEY_EXIT_OK;
}

/* describe_range: "[0, 100]", "one of: a, b", or "". */
static char *
describe_range (const GalleyParamSpec *p)
{
  if (p->type == GALLEY_PARAM_CHOICE && p->choices)
    {
      g_autofree char *all = g_strjoinv (", ", (char **) p->choices);
      return g_strdup_printf ("one of: %s", all);
    }
  if ((p->type == GALLEY_PARAM_INT || p->type == GALLEY_PARAM_DOUBLE) && p->min < p->max)
    return g_strdup_printf ("[%.15g, %.15g]", p->min, p->max);
  return g_strdup ("");
}

static void
inspect_text (GalleyRegistry *registry, const GalleyStageClass *k)
{
  const GalleyPluginInfo *info = galley_registry_get_plugin_of (registry, k);
  g_autofree char *req = join_or_none (k->requires);
  g_autofree char *prod = join_or_none (k->produces);
  g_autofree char *mod = join_or_none (galley_registry_get_modifies (registry, k));
  g_autofree char *opt = join_or_none (galley_registry_get_reads_optional (registry, k));

  printf ("Stage: %s\n", k->name);
  printf ("  Kind:         %s\n", galley_stage_kind_to_string (k->kind));
  printf ("  Description:  %s\n", k->description ? k->description : "");
  if (info)
    printf ("  Plugin:       %s %s (%s)\n  File:         %s\n", info->descriptor->name,
            info->descriptor->version ? info->descriptor->version : "",
            info->descriptor->license ? info->descriptor->license : "", info->path);
  printf ("  Requires:     %s\n", req);
  printf ("  Produces:     %s\n", prod);
  printf ("  Modifies:     %s\n", mod);
  printf ("  Reads if any: %s\n", opt);
  printf ("  Thread-safe:  %s\n", k->flags & GALLEY_STAGE_THREAD_SAFE
          ? "yes (one instance shared by all workers)" : "no (one instance per worker)");
  printf ("\nParameters:\n");
  if (k->params == NULL || k->params[0].name == NULL)
    printf ("  (none)\n");
  for (const GalleyParamSpec *p = k->params; p && p->name; p++)
    {
      g_autofree char *range = describe_range (p);
      printf ("  %-20s %s%s\n", p->name, galley_param_type_to_string (p->type),
              p->flags & GALLEY_PARAM_REQUIRED ? ", required" : "");
      if (p->doc)
        printf ("      %s\n", p->doc);
      if (p->default_value)
        printf ("      default: %s\n", p->default_value);
      if (*range)
        printf ("      %s\n", range);
    }
}

static void
inspect_json (GalleyRegistry *registry, const GalleyStageClass *k)
{
  const GalleyPluginInfo *info = galley_registry_get_plugin_of (registry, k);
  g_autoptr (GString) out = g_string_new ("{");

  json_str_field (out, "name", k->name, TRUE);
  json_str_field (out, "kind", galley_stage_kind_to_string (k->kind), TRUE);
  json_str_field (out, "description", k->description, TRUE);
  json_str_field (out, "plugin", info ? info->descriptor->name : NULL, TRUE);
  json_str_field (out, "path", info ? info->path : NULL, TRUE);
  json_key (out, "thread_safe");
  g_string_append (out, k->flags & GALLEY_STAGE_THREAD_SAFE ? "true," : "false,");
  json_key (out, "requires");
  json_str_array (out, k->requires);
  g_string_append_c (out, ',');
  json_key (out, "produces");
  json_str_array (out, k->produces);
  g_string_append_c (out, ',');
  json_key (out, "modifies");
  json_str_array (out, galley_registry_get_modifies (registry, k));
  g_string_append_c (out, ',');
  json_key (out, "reads_optional");
  json_str_array (out, galley_registry_get_reads_optional (registry, k));
  g_string_append (out, ",\"parameters\":[");
  for (const GalleyParamSpec *p = k->params; p && p->name; p++)
    {
      g_string_append (out, p == k->params ? "{" : ",{");
      json_str_field (out, "name", p->name, TRUE);
      json_str_field (out, "type", galley_param_type_to_string (p->type), TRUE);
      json_str_field (out, "default", p->default_value, TRUE);
      json_str_field (out, "doc", p->doc, TRUE);
      json_key (out, "required");
      g_string_append (out, p->flags & GALLEY_PARAM_REQUIRED ? "true" : "false");
      if ((p->type == GALLEY_PARAM_INT || p->type == GALLEY_PARAM_DOUBLE) && p->min < p->max)
        g_string_append_printf (out, ",\"min\":%.15g,\"max\":%.15g", p->min, p->max);
      if (p->type == GALLEY_PARAM_CHOICE)
        {
          g_string_append (out, ",\"choices\":");
          json_str_array (out, p->choices);
        }
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}\n");
  fputs (out->str, stdout);
}

int
galley_cmd_inspect (int argc, char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr (GalleyRegistry) registry = NULL;
  g_autoptr (GError) error = NULL;
  const GalleyStageClass *k;

  if (!galley_parse_options ("inspect", "STAGE",
                             "Describes a stage: its parameters with types, defaults "
                             "and ranges, and the layers it requires, produces, modifies and reads.",
                             entries, &argc, &argv))
    return GALLEY_EXIT_USAGE;
  if (argc != 2)
    return galley_fail (GALLEY_EXIT_USAGE, "galley inspect takes one stage name "
                        "(see 'galley plugins')");
  registry = galley_make_registry ();
  k = galley_registry_find (registry, argv[1], &error);
  if (k == NULL)
    return galley_fail (galley_registry_get_failures (registry)->len
                        ? GALLEY_EXIT_PLUGIN : GALLEY_EXIT_USAGE, "%s", error->message);
  if (json)
    inspect_json (registry, k);
  else
    inspect_text (registry, k);
  return GALLEY_EXIT_OK;
}
