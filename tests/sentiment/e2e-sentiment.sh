#!/bin/sh
# e2e-sentiment.sh: the sentiment stage through the galley command, from
# the build tree: document features and the sentiment layer in the JSONL
# output, and `galley inspect sentiment`.
set -u

T=$(mktemp -d "${TMPDIR:-/tmp}/galley-sentiment-e2e.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT

fail ()
{
  echo "FAIL: $*" >&2
  exit 1
}

expect_grep ()
{
  grep -F -q -- "$1" "$2" || { cat "$2" >&2; fail "'$1' not found in $2"; }
}

cat > "$T/in.jsonl" <<'JSON'
{"id":"n1","text":"Rebels massacred dozens of villagers. The ceasefire collapsed."}
{"id":"n2","text":"The rescue was a triumph. Families celebrated the reunion."}
{"id":"n3","text":"The committee meets on Tuesday."}
JSON

"$GALLEY" run -e 'read-jsonl path=- ! tokenizer ! sentiment ! export-jsonl path=-' \
  < "$T/in.jsonl" > "$T/out" 2> "$T/err" || { cat "$T/err" >&2; fail "galley run failed"; }

test "$(wc -l < "$T/out")" -eq 3 || fail "expected 3 output lines"
expect_grep '"sentiment.compound":' "$T/out"
expect_grep '"sentiment.neu":' "$T/out"
expect_grep '"sentiment":[{"start":0,"end":37,"type":"sentiment"' "$T/out"
# n1 is negative, n2 positive, n3 neutral
grep '"id":"n1"' "$T/out" | grep -q '"sentiment.compound":-0\.[1-9]' || fail "n1 is not negative"
grep '"id":"n2"' "$T/out" | grep -q '"sentiment.compound":0\.[1-9]' || fail "n2 is not positive"
grep '"id":"n3"' "$T/out" | grep -q '"sentiment.compound":0\(\.0*\)\?[,}]' || fail "n3 is not neutral"

# with the entity tagger: every entity span gets sentiment and mentions
echo '{"id":"e1","text":"Acme Corp posted record profits. Critics attacked Acme Corp over the layoffs."}' |
  "$GALLEY" run -e 'read-jsonl path=- ! tokenizer ! entity-tagger ! sentiment ! export-jsonl path=-' \
  > "$T/ent" 2> "$T/err" || { cat "$T/err" >&2; fail "galley run with entity-tagger failed"; }
expect_grep '"mentions":2' "$T/ent"
expect_grep '"sentiment":-0.' "$T/ent"

# a malformed lexicon stops the run before any document, naming file and line
printf 'good\t1.5\nbad 2\n' > "$T/bad.tsv"
"$GALLEY" run -e "read-jsonl path=- ! tokenizer ! sentiment lexicon=$T/bad.tsv ! export-jsonl path=-" \
  < "$T/in.jsonl" > "$T/out2" 2> "$T/err2"
status=$?
test "$status" -eq 2 || { cat "$T/err2" >&2; fail "bad lexicon: exit status $status, expected 2"; }
expect_grep "$T/bad.tsv:2: expected word<TAB>rating, found no tab" "$T/err2"

"$GALLEY" inspect sentiment > "$T/inspect" 2>&1 || fail "galley inspect sentiment failed"
expect_grep 'lexicon-mode' "$T/inspect"
expect_grep 'Requires:     token, sentence' "$T/inspect"
exit 0
