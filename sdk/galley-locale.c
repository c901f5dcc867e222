/* galley-locale.c: the locale every Galley program starts in (see
 * galley-locale-private.h). */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "galley-locale-private.h"

/* Cron and `env -i` give the C locale, where GLib takes arguments and
 * messages as ASCII: it refuses an article id or a path in UTF-8
 * ("Invalid byte sequence in conversion input") and prints its own
 * help's "[OPTION…]" as "[OPTION?]". Text in Galley is UTF-8, so the
 * plain C locale is taken as C.UTF-8 (glibc has it built in); any other
 * locale is left as the user set it. */
void
_galley_setlocale (void)
{
  setlocale (LC_ALL, "");
  if (!g_get_charset (NULL))
    {
      const char *ctype = setlocale (LC_CTYPE, NULL);

      if (ctype && (strcmp (ctype, "C") == 0 || strcmp (ctype, "POSIX") == 0))
        setlocale (LC_CTYPE, "C.UTF-8");
    }
}
