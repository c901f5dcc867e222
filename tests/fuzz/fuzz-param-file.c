/* fuzz-param-file.c: galley_read_param_file(), the reader of every data
 * file a parameter names. What it accepts is NUL-free valid UTF-8 of the
 * file's length; what it refuses names the file. */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"

FUZZ_PLAIN_INITIALIZE

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = fuzz_write_scratch (".txt", data, size);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize len = 0;

  if (!galley_read_param_file (path, &contents, &len, &error))
    {
      FUZZ_CHECK (error != NULL && strstr (error->message, path) != NULL,
                  "refused without naming the file: %s", error ? error->message : "(no error)");
      return 0;
    }
  FUZZ_CHECK (len <= size, "%zu bytes read from a file of %zu", len, size);
  FUZZ_CHECK (g_utf8_validate_len (contents, len, NULL), "accepted invalid UTF-8");
  FUZZ_CHECK (memchr (contents, 0, len) == NULL && contents[len] == '\0',
              "accepted a NUL byte, or the result is not NUL-terminated");
  return 0;
}
