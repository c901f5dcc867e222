/* xml-log.c: libxml2's own messages into Galley's log.
 *
 * libxml2 reports through handlers: a parser context's sax->serror when
 * one is set, else the thread's structured handler, else the thread's
 * generic handler, which prints on stderr. XML_PARSE_NOERROR and
 * NOWARNING only silence the parser's own channels; errors raised
 * without a parser context (the tree module expanding an entity in an
 * attribute: "unterminated entity reference") still reach the generic
 * handler and so stderr, under -q and under cron alike. Installing a
 * structured handler for the duration of each parse and tree walk sends
 * all of them to GLib's structured log instead, at debug level: -v shows
 * them, the default and -q do not, and the readers still say what went
 * wrong through their own rejections and "recovered from" messages.
 *
 * Both handlers are per thread (libxml2 2.9.14 is built with
 * LIBXML_THREAD_ENABLED on Debian, where xmlStructuredError and
 * xmlGenericError are thread-local), so the pair below changes nothing
 * for other threads, and it puts back what it found, so that a caller
 * that installed its own keeps it. */
#include "config.h"

#include <libxml/globals.h>
#include <libxml/xmlversion.h>

#include "xml-log.h"

#ifndef LIBXML_THREAD_ENABLED
#error "libxml2 without threads: its error handlers would be shared by every thread"
#endif

/* one_line: @s with each run of white space one space, none at the ends
 * (libxml2 ends its messages with a newline, and pads some names:
 * "unterminated entity reference             foo"). In place. */
static char *
one_line (char *s)
{
  char *w = s;

  for (const char *r = s; *r; r++)
    if (!g_ascii_isspace (*r))
      *w++ = *r;
    else if (w > s && w[-1] != ' ')
      *w++ = ' ';
  if (w > s && w[-1] == ' ')
    w--;
  *w = '\0';
  return s;
}

void
xml_log_error (const char *where, const xmlError *err)
{
  g_autofree char *message = one_line (g_strdup (err->message ? err->message : "error"));
  char code[16];

  g_snprintf (code, sizeof code, "%d", err->code);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_DEBUG,
                    "GALLEY_INPUT", where, "LIBXML2_CODE", code,
                    "MESSAGE", "%s: libxml2: %s", where, message);
}

static void
on_structured (void *data, xmlError *err)
{
  xml_log_error (data, err);
}

/* on_generic: the few messages libxml2 prints with xmlGenericError
 * directly, in printf form (possibly a line in several calls). */
static void G_GNUC_PRINTF (2, 3)
on_generic (void *data, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = one_line (g_strdup_vprintf (format, args));
  va_end (args);
  if (*message)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_DEBUG, "GALLEY_INPUT", data,
                      "MESSAGE", "%s: libxml2: %s", (const char *) data, message);
}

void
xml_log_begin (XmlLog *log, const char *where)
{
  log->structured = xmlStructuredError;
  log->structured_data = xmlStructuredErrorContext;
  log->generic = xmlGenericError;
  log->generic_data = xmlGenericErrorContext;
  xmlSetStructuredErrorFunc ((void *) where, on_structured);
  xmlSetGenericErrorFunc ((void *) where, on_generic);
}

void
xml_log_end (XmlLog *log)
{
  xmlSetStructuredErrorFunc (log->structured_data, log->structured);
  xmlSetGenericErrorFunc (log->generic_data, log->generic);
}
