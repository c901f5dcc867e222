#!/bin/sh
# huge-document.sh: one document of 12 MB through the default pipeline
# (tokenizer ! entity-tagger ! sentiment) under a data limit of 285 MB
# (ulimit -d: the heap and anonymous mappings), with its entities exact.
# Before issue 16's memory work the same run needed 349 MB (a 40-byte
# record per token in the tagger, its buffers kept to the end of the
# document, sentiment's sort of the entities); it needs 226 MB now.
# Skipped (77) under sanitizers, whose shadow memory and quarantine
# count against the limit, and where the limit stops even a one-line
# document.
set -u

T=$(mktemp -d "${TMPDIR:-/tmp}/galley-huge-doc.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT

LIMIT_KB=285000
PIPELINE='tokenizer ! entity-tagger ! sentiment ! export-jsonl path=-'

fail ()
{
  echo "FAIL: $*" >&2
  exit 1
}

if [ "${GALLEY_SANITIZED-}" = yes ]; then
  echo "SKIP: sanitizer build"
  exit 77
fi

# 12 MB of news-like sentences in one JSON Lines document
awk 'BEGIN {
  split("Maria Lopez|John Carter|Angela Merkel|Li Wei|Amina Yusuf|Pedro Alvarez|Sarah O'"'"'Neil", people, "|")
  split("Berlin|Nairobi|Chicago|Lisbon|Osaka|Toronto|Lagos", places, "|")
  split("Acme Corp|the World Bank|Reuters|Toyota|the United Nations|Nokia", orgs, "|")
  printf "{\"id\":\"huge\",\"text\":\""
  for (i = 0; size < 12 * 1024 * 1024; i++) {
    s = sprintf("%s met officials of %s in %s on %d March 2024, and %s said the deal was worth $%d million. ",
                people[i % 7 + 1], orgs[i % 6 + 1], places[i % 7 + 1], i % 28 + 1,
                people[(i + 3) % 7 + 1], i % 900 + 10)
    printf "%s", s
    size += length(s)
  }
  printf "\"}\n"
}' > "$T/huge.jsonl" || exit 99
echo '{"id":"one","text":"Maria Lopez met officials in Berlin."}' > "$T/one.jsonl"

( ulimit -d $LIMIT_KB && "$GALLEY" run -q -j 1 -e "read-jsonl path=$T/one.jsonl ! $PIPELINE" ) \
  > /dev/null 2>&1 || { echo "SKIP: a data limit of $LIMIT_KB KB stops even one short document here"; exit 77; }

( ulimit -d $LIMIT_KB && "$GALLEY" run -q -j 1 -e "read-jsonl path=$T/huge.jsonl ! $PIPELINE" ) \
  > "$T/out" 2> "$T/err" \
  || { cat "$T/err" >&2; fail "one 12 MB document needs more than $LIMIT_KB KB of heap"; }

test "$(wc -l < "$T/out")" -eq 1 || fail "expected 1 output line"
grep -o '{"start":[^}]*"cluster":[^}]*}' "$T/out" > "$T/entities"
test "$(wc -l < "$T/entities")" -eq 621102 || fail "expected 621102 entities, got $(wc -l < "$T/entities")"
test "$(head -n 1 "$T/entities")" = '{"start":0,"end":11,"type":"PERSON","text":"Maria Lopez","norm":"Maria Lopez","cluster":0,"sentiment":0.2817,"mentions":29577}' \
  || fail "first entity: $(head -n 1 "$T/entities")"
test "$(tail -n 1 "$T/entities")" = '{"start":12582955,"end":12582966,"type":"MONEY","text":"$26 million","norm":"USD 26000000","cluster":53,"sentiment":0.2817,"mentions":116}' \
  || fail "last entity: $(tail -n 1 "$T/entities")"
echo "PASS: one 12 MB document under a data limit of $LIMIT_KB KB"
