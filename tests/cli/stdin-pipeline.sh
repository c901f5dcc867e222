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

finish
