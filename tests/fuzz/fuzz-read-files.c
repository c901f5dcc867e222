/* fuzz-read-files.c: a text file of any bytes read by the read-files
 * stage, whose encoding is decided from them (plugins/read-files/
 * file-text.c: byte order marks, valid and damaged UTF-8, legacy
 * encodings through uchardet). The input's first byte picks the
 * encoding= and utf8= settings (the rest is the file), so that the named encodings' decoders
 * (multi-byte ones included) and utf8=reject are fuzzed too; max-bytes is
 * small so that decoded text grows past it. */
#include "config.h"

#include "fuzz-common.h"
#include "plugins/read-files/read-files.h"

FUZZ_PLAIN_INITIALIZE

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const settings[][3] = {
    { "encoding=auto", "utf8=replace" },
    { "encoding=auto", "utf8=reject" },
    { "encoding=utf-8", "utf8=replace" },
    { "encoding=shift_jis", "utf8=replace" },
    { "encoding=utf-16be", "utf8=replace" },
    { "encoding=gb18030", "utf8=replace" },
    { "encoding=windows-1252", "utf8=replace" },
    { "encoding=iso-2022-jp", "utf8=replace" },
  };
  guint pick;
  const char *params[4] = { "max-bytes=65536" };

  if (size == 0)
    return 0;
  pick = data[0] % G_N_ELEMENTS (settings);
  params[1] = settings[pick][0];
  params[2] = settings[pick][1];
  fuzz_read_through (&galley_read_files_stage, ".txt", params, data + 1, size - 1);
  return 0;
}
