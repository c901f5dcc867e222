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

finish
