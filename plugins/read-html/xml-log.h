/* xml-log.h: libxml2's own messages into Galley's log. */
#pragma once

#include <glib.h>
#include <libxml/xmlerror.h>

G_BEGIN_DECLS

/* XmlLog: the error handlers of the calling thread before xml_log_begin(),
 * put back by xml_log_end(). Lives on the stack of the caller. */
typedef struct {
  xmlStructuredErrorFunc structured;
  void *structured_data;
  xmlGenericErrorFunc generic;
  void *generic_data;
} XmlLog;

/* xml_log_begin: until xml_log_end(@log), every message libxml2 raises on
 * this thread (parser errors and warnings, and the tree and encoding
 * errors it raises without a parser context, which it would otherwise
 * print on stderr) is logged at debug level as "@where: libxml2: MESSAGE".
 * @where (a file name, or "FILE item N") must outlive the pair. */
void xml_log_begin (XmlLog *log, const char *where);
void xml_log_end (XmlLog *log);

/* xml_log_error: logs @err as xml_log_begin() does, for a parser
 * context's own structured handler (sax->serror), which libxml2 calls
 * instead of the thread's. */
void xml_log_error (const char *where, const xmlError *err);

G_END_DECLS
