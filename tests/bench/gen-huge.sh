#!/bin/sh
# gen-huge.sh: the inputs of issue 16's memory figures, written to stdout.
#
#   gen-huge.sh huge SIZE_MB [FILE.jsonl]
#       one JSON Lines document whose text is the texts of FILE's documents
#       (in order, a blank line between them, FILE read again from the top
#       as often as needed) cut to SIZE_MB megabytes on a character
#       boundary. FILE defaults to the generated corpus (gen-corpus 16);
#       for real news give a JSON Lines file of news articles.
#   gen-huge.sh tiny COUNT
#       COUNT documents of 10 bytes of text each ("tiny 0001x" ...).
#
# The same arguments always give the same bytes. Measure with
#   /usr/bin/time -v core/galley run -q -j 1 -e 'read-jsonl path=HUGE !
#     tokenizer ! entity-tagger ! sentiment ! export-jsonl path=/dev/null'
# (Maximum resident set size); see docs/performance.md.
set -e
here=$(cd "$(dirname "$0")" && pwd)
mode=$1
case "$mode" in
huge)
  size_mb=${2:?usage: gen-huge.sh huge SIZE_MB [FILE.jsonl]}
  src=$3
  if [ -z "$src" ]; then
    src=$(mktemp)
    trap 'rm -f "$src"' EXIT
    "$here/gen-corpus" 16 > "$src"
  fi
  exec python3 - "$size_mb" "$src" <<'PY'
import json, sys
limit = int(float(sys.argv[1]) * 1024 * 1024)
texts = []
with open(sys.argv[2], encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line:
            t = json.loads(line).get("text")
            if isinstance(t, str) and t:
                texts.append(t)
if not texts:
    sys.exit("gen-huge.sh: no document with a text in " + sys.argv[2])
parts, size, i = [], 0, 0
while size < limit:
    t = texts[i % len(texts)].encode("utf-8") + b"\n\n"
    parts.append(t)
    size += len(t)
    i += 1
body = b"".join(parts)[:limit].decode("utf-8", "ignore")
sys.stdout.write(json.dumps({"id": "huge", "text": body}) + "\n")
PY
  ;;
tiny)
  count=${2:?usage: gen-huge.sh tiny COUNT}
  exec awk -v n="$count" 'BEGIN { for (i = 1; i <= n; i++)
    printf "{\"id\":\"t%d\",\"text\":\"tiny %04dx\"}\n", i, i % 10000 }'
  ;;
*)
  echo "usage: gen-huge.sh huge SIZE_MB [FILE.jsonl] | gen-huge.sh tiny COUNT" >&2
  exit 2
  ;;
esac
