/* kafka-config.c: see kafka-config.h.
 *
 * librdkafka has some two hundred properties (security, timeouts,
 * batching), and every site sets a different handful: rather than a
 * parameter each, kafka= and kafka-file= pass them through, and
 * librdkafka itself checks each name and value. */
#include "config.h"

#include <string.h>
#include <syslog.h>

#include "kafka-config.h"

gboolean
kafka_config_set (rd_kafka_conf_t *conf, const char *stage, const char *where,
                  const char *name, const char *value, GError **error)
{
  char reason[512];

  if (rd_kafka_conf_set (conf, name, value, reason, sizeof reason) == RD_KAFKA_CONF_OK)
    return TRUE;
  g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
               "%s: %s: %s: %s", stage, where, name, reason);
  return FALSE;
}

/* set_assignment: "NAME=VALUE" from @where. */
static gboolean
set_assignment (rd_kafka_conf_t *conf, const char *stage, const char *where,
                const char *assignment, GError **error)
{
  const char *eq = strchr (assignment, '=');
  g_autofree char *name = NULL;

  if (eq == NULL || eq == assignment)
    {
      g_set_error (error, GALLEY_PIPELINE_ERROR, GALLEY_PIPELINE_ERROR_BAD_VALUE,
                   "%s: %s: '%s' is not NAME=VALUE", stage, where, assignment);
      return FALSE;
    }
  name = g_strstrip (g_strndup (assignment, eq - assignment));
  return kafka_config_set (conf, stage, where, name, eq + 1, error);
}

static gboolean
set_from_file (rd_kafka_conf_t *conf, const char *stage, const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) local = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &local))
    {
      g_set_error (error, GALLEY_STAGE_ERROR, GALLEY_STAGE_ERROR_IO,
                   "%s: parameter 'kafka-file': %s", stage, local->message);
      return FALSE;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *where = NULL;
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || *line == '#')
        continue;
      where = g_strdup_printf ("%s:%u", path, i + 1);
      if (!set_assignment (conf, stage, where, line, error))
        return FALSE;
    }
  return TRUE;
}

static void
log_to_glib (const rd_kafka_t *rk, int level, const char *facility, const char *message)
{
  if (level <= LOG_WARNING)
    g_warning ("%s: %s: %s", rd_kafka_name (rk), facility, message);
  else
    g_debug ("%s: %s: %s", rd_kafka_name (rk), facility, message);
}

rd_kafka_conf_t *
kafka_config_new (const char *stage, const GalleyParams *params, GError **error)
{
  rd_kafka_conf_t *conf = rd_kafka_conf_new ();
  const char *const *props = galley_params_get_string_list (params, "kafka");
  const char *file = galley_params_get_path (params, "kafka-file");

  rd_kafka_conf_set_log_cb (conf, log_to_glib);
  if (!kafka_config_set (conf, stage, "parameter 'brokers'", "bootstrap.servers",
                         galley_params_get_string (params, "brokers"), error))
    goto fail;
  if (file && *file && !set_from_file (conf, stage, file, error))
    goto fail;
  for (guint i = 0; props && props[i]; i++)
    if (!set_assignment (conf, stage, "parameter 'kafka'", props[i], error))
      goto fail;
  return conf;

fail:
  rd_kafka_conf_destroy (conf);
  return NULL;
}
