#!/bin/sh
# stdin-pipeline.sh: the pipeline DESIGN.md says must always work from the
# build tree: JSON Lines in on stdin, results out on stdout.
. "$TEST_SRCDIR/lib.sh"

printf '%s\n' \
  '{"id":"a1","text":"Antony Blinken met Wang Yi in Beijing on Friday. The talks went well.","source":"wire"}' \
  '{"id":"a2","text":"Floods killed 45 people in Kenya. Aid agencies warned of disaster."}' \
  > "$T/in.jsonl"

"$GALLEY" run -e 'read-jsonl path=- ! tokenizer ! entity-tagger ! sentiment ! export-jsonl path=-' \
  < "$T/in.jsonl" > "$T/out.jsonl" 2> "$T/err"
status=$?
[ "$status" -eq 0 ] || { fail "exit $status"; cat "$T/err" >&2; }
[ "$(wc -l < "$T/out.jsonl")" -eq 2 ] || fail "expected 2 lines"
head -n 1 "$T/out.jsonl" > "$T/first"
expect_grep '^{"id":"a1","meta":{"source":"wire"},"features":{"sentiment.compound":' "$T/first"
expect_grep '"sentence":\[{"start":0,"end":48},{"start":49,"end":69}\]' "$T/first"
expect_grep '{"start":0,"end":14,"type":"PERSON","text":"Antony Blinken"' "$T/first"
expect_grep '"type":"GPE","text":"Beijing"' "$T/first"
expect_grep '"type":"GPE","text":"Kenya"' "$T/out.jsonl"

# A line of 5 MiB makes read-jsonl's buffer large; it is given back once
# that document is parsed, and the lines read in with it still follow.
awk 'BEGIN { printf "{\"id\":\"big\",\"text\":\""; for (i = 0; i < 81920; i++) printf "%s", "Rain fell on the hills and the rivers rose again all day long. "; print "\"}"; print "{\"id\":\"s1\",\"text\":\"Short one.\"}"; print "{\"id\":\"s2\",\"text\":\"Short two.\"}" }' > "$T/big.jsonl"
"$GALLEY" run -q -e 'read-jsonl path=- ! export-jsonl path=-' < "$T/big.jsonl" > "$T/big.out" 2> "$T/err" \
  || { fail "5 MiB line: exit $?"; cat "$T/err" >&2; }
cut -c1-60 "$T/big.out" > "$T/big.ids"
expect_file_eq "$T/big.ids" '{"id":"big","meta":{},"features":{},"layers":{}}
{"id":"s1","meta":{},"features":{},"layers":{}}
{"id":"s2","meta":{},"features":{},"layers":{}}'

finish
