#!/bin/sh
# pipelines.sh: every ready pipeline in pipelines/ validates and runs on
# its sample inputs, and writes what its comment promises.
. "$TEST_SRCDIR/lib.sh"
P="$TOP_SRCDIR/pipelines"

for f in "$P"/*.pipeline; do
  expect_status 0 "$GALLEY" validate "$f"
done

GALLEY_OUTPUT="$T/news.jsonl" expect_status 0 "$GALLEY" run "$P/news.pipeline"
[ "$(wc -l < "$T/news.jsonl")" -eq 6 ] || fail "news.pipeline: expected 6 lines"
expect_grep '"type":"PERSON","text":"Antony Blinken"' "$T/news.jsonl"
expect_grep '"sentiment.compound":' "$T/news.jsonl"
expect_grep '^galley: 6 read, 6 done, 0 rejected in ' "$T/err"

GALLEY_OUTPUT="$T/articles.jsonl" expect_status 0 "$GALLEY" run "$P/articles-to-jsonl.pipeline"
expect_grep '"text":"Floods kill dozens in Kenya' "$T/articles.jsonl"

GALLEY_OUTPUT="$T/news.db" expect_status 0 "$GALLEY" run "$P/feeds-to-sqlite.pipeline"
expect_grep '^galley: 9 read, 9 done, 0 rejected in ' "$T/err"
if command -v sqlite3 >/dev/null 2>&1; then
  [ "$(sqlite3 "$T/news.db" 'SELECT count(*) FROM documents')" -eq 9 ] || fail "feeds-to-sqlite: expected 9 documents"
  [ "$(sqlite3 "$T/news.db" 'SELECT count(*) FROM entities')" -gt 20 ] || fail "feeds-to-sqlite: too few entities"
fi

GALLEY_OUTPUT="$T/entities.csv" expect_status 0 "$GALLEY" run "$P/pages-to-csv.pipeline"
head -n 1 "$T/entities.csv" | tr -d '\r' > "$T/header"
expect_file_eq "$T/header" "doc_id,start,end,type,text,norm,cluster,sentiment,mentions"
expect_grep ',PERSON,Niels Bakker,' "$T/entities.csv"

GALLEY_OUTPUT="$T/multi.jsonl" expect_status 0 "$GALLEY" run -j 1 "$P/multilingual.pipeline"
expect_grep '^galley: 6 read, 6 done, 0 rejected in ' "$T/err"
# another language: its language, and nothing English
expect_grep '^{"id":"de-17","meta":{"title":"Stadtrat beschließt Haushalt"},"features":{"language":"de","language.confidence":0.9900},"layers":{}}$' "$T/multi.jsonl"
# the re-published copy names the wire story, and is still English news
expect_grep '^{"id":"paper-55",.*"features":{"language":"en","language.confidence":0.9643,"dup.of":"wire-101","dup.similarity":0.6654,"sentiment.compound":' "$T/multi.jsonl"
expect_grep '^{"id":"wire-102",.*"features":{"language":"en","language.confidence":0.9900,"sentiment.compound":' "$T/multi.jsonl"
[ "$(grep -c '"dup.of"' "$T/multi.jsonl")" -eq 1 ] || fail "multilingual.pipeline: expected one copy"

# on-other-language=drop: the three other languages are dropped, not rejected
expect_status 0 "$GALLEY" run -j 1 -e "read-jsonl path=$P/samples/multilingual.jsonl ! language ! tokenizer on-other-language=drop ! export-jsonl path=$T/en.jsonl"
expect_grep '^galley: 6 read, 3 done, 0 rejected, 3 dropped in ' "$T/err"
[ "$(wc -l < "$T/en.jsonl")" -eq 3 ] || fail "on-other-language=drop: expected 3 lines"

# near-duplicates index=: the next run finds the copy of the story the
# first run indexed; a run without the original marks nothing without it
head -n 1 "$P/samples/multilingual.jsonl" > "$T/day1.jsonl"
sed -n 4p "$P/samples/multilingual.jsonl" > "$T/day2.jsonl"
expect_status 0 "$GALLEY" run -e "read-jsonl path=$T/day2.jsonl ! near-duplicates ! export-jsonl path=$T/alone.jsonl"
! grep -q '"dup.of"' "$T/alone.jsonl" || fail "a copy marked without its original"
expect_status 0 "$GALLEY" run -e "read-jsonl path=$T/day1.jsonl ! near-duplicates index=$T/dups.db ! export-jsonl path=$T/d1.jsonl"
expect_status 0 "$GALLEY" run -e "read-jsonl path=$T/day2.jsonl ! near-duplicates index=$T/dups.db ! export-jsonl path=$T/d2.jsonl"
expect_grep '"dup.of":"wire-101","dup.similarity":0.6654' "$T/d2.jsonl"

finish
