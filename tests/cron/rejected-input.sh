#!/bin/sh
# rejected-input.sh: input that a reader itself refuses (an empty or a
# binary file in the spool, a bad JSON line) is held as rejected by the
# state like a filter's rejection: the first run warns and exits 1, the
# next ones skip it quietly and exit 0 while it does not change; a changed
# file or line is tried again; --retry-rejected tries them all again;
# `galley state --rejected` lists them with their stage, error and time.
. "$TEST_SRCDIR/lib.sh"

ts='[0-9-]*T[0-9:]*Z'
hash='[0-9a-f]\{16\}'

# read-files: one good file, a 0-byte upload and a binary one
S=$T/spool
make_spool "$S" 1 1
: > "$S/empty.txt"
printf 'PK\003\004\000\000binary' > "$S/zip.txt"
cat > "$T/files.pipeline" <<'P'
[pipeline]
stages=read;out
state=${PIPELINE_DIR}/files.db

[read]
plugin=read-files
path=${PIPELINE_DIR}/spool

[out]
plugin=export-jsonl
path=/dev/null
mode=append
P

expect_status 1 "$GALLEY" run "$T/files.pipeline"
expect_file_eq "$T/err" "galley: warning: document 'empty.txt' rejected by [read]: $S/empty.txt: empty
galley: warning: document 'zip.txt' rejected by [read]: $S/zip.txt: binary file, not text
$(sed -n '$p' "$T/err")"
expect_grep "$(summary_re 3 1 2)\$" "$T/err"

# the second run over the same spool: quiet, status 0
expect_status 0 "$GALLEY" run -q "$T/files.pipeline"
expect_empty "$T/err"
expect_status 0 "$GALLEY" run "$T/files.pipeline"
[ "$(wc -l < "$T/err")" -eq 1 ] || fail "a run over unchanged rejected files says more than its summary"
expect_grep "$(summary_re 3 0 0 3)\$" "$T/err"

# galley state --rejected: the stage, the error and when
expect_status 0 "$GALLEY" state --rejected "$T/files.db"
expect_grep "^Documents:  3 (2 rejected: skipped while unchanged)\$" "$T/out"
expect_grep "^  1     $ts     1  $hash  empty.txt  rejected by \[read\]: $S/empty.txt: empty\$" "$T/out"
expect_grep "^  1     $ts     1  $hash  zip.txt  rejected by \[read\]: $S/zip.txt: binary file, not text\$" "$T/out"
[ "$(grep -c 'rejected by' "$T/out")" -eq 2 ] || fail "--rejected lists more than the rejected files"
expect_status 0 "$GALLEY" state --json --id empty.txt "$T/files.db"
expect_grep ",\"document\":{\"id\":\"empty.txt\",\"hash\":\"ef46db3751d8e999\",\"run\":1,\"first_run\":1,\"processed\":\"$ts\",\"first_processed\":\"$ts\",\"times\":1,\"rejected\":true,\"error\":\"$S/empty.txt: empty\",\"stage\":\"read\"}}\$" "$T/out"

# --retry-rejected: both tried again (and rejected again)
expect_status 1 "$GALLEY" run --retry-rejected "$T/files.pipeline"
expect_grep "$(summary_re 3 0 2 1)\$" "$T/err"
expect_status 0 "$GALLEY" state --id zip.txt "$T/files.db"
expect_grep "^Document zip.txt: hash $hash, last processed by run 4 at $ts, first by run 1 at $ts, 2 times; rejected by \[read\]: $S/zip.txt: binary file, not text\$" "$T/out"

# the upload completes: tried again, done, no longer rejected
printf 'Late story\nThe upload finished at last.\n' > "$S/empty.txt"
expect_status 0 "$GALLEY" run "$T/files.pipeline"
expect_grep "$(summary_re 3 1 0 2)\$" "$T/err"
expect_status 0 "$GALLEY" state --id empty.txt "$T/files.db"
expect_grep "^Document empty.txt: hash $hash, last processed by run 5 at $ts, first by run 1 at $ts, 3 times\$" "$T/out"
# ... and the binary file replaced by another binary one: tried again
printf 'PK\003\004\000\000other' > "$S/zip.txt"
expect_status 1 "$GALLEY" run "$T/files.pipeline"
expect_file_eq "$T/err" "galley: warning: document 'zip.txt' rejected by [read]: $S/zip.txt: binary file, not text
$(sed -n '$p' "$T/err")"

# read-html: an empty page and a binary one, the same way
mkdir "$T/pages"
: > "$T/pages/empty.html"
printf '\000\001\002' > "$T/pages/bin.html"
printf '<html><head><title>Ok</title></head><body><p>A page with some text in it.</p></body></html>\n' > "$T/pages/ok.html"
p="read-html path=$T/pages/*.html ! export-jsonl path=/dev/null"
expect_status 1 "$GALLEY" run --state "$T/html.db" -e "$p"
expect_grep "$(summary_re 3 1 2)\$" "$T/err"
expect_status 0 "$GALLEY" run --state "$T/html.db" -e "$p"
expect_file_eq "$T/err" "$(sed -n '$p' "$T/err")"
expect_grep "$(summary_re 3 0 0 3)\$" "$T/err"
expect_status 0 "$GALLEY" state --rejected "$T/html.db"
expect_grep "  $T/pages/empty.html  rejected by \[read-html\]: $T/pages/empty.html: empty file\$" "$T/out"

# read-jsonl: a cut line, one with no text and one that is not JSON; the
# last, with no id, is named by its file and line
cat > "$T/in.jsonl" <<'J'
{"id": "a1", "text": "Minister Jane Doe spoke on Monday."}
{"id": "a2", "text": 
{"id": "a3"}
not json
J
p="read-jsonl path=$T/in.jsonl ! export-jsonl path=/dev/null"
expect_status 1 "$GALLEY" run --state "$T/jsonl.db" -e "$p"
expect_grep "$(summary_re 4 1 3)\$" "$T/err"
expect_status 0 "$GALLEY" run --state "$T/jsonl.db" -e "$p"
expect_file_eq "$T/err" "$(sed -n '$p' "$T/err")"
expect_grep "$(summary_re 4 0 0 4)\$" "$T/err"
expect_status 0 "$GALLEY" state --rejected "$T/jsonl.db"
sed -n 's/.*  \([^ ]*\)  rejected by \[read-jsonl\]: .*/\1/p' "$T/out" | LC_ALL=C sort > "$T/got"
printf '%s\n' "$T/in.jsonl:4" a2 a3 > "$T/want"
expect_ids "rejected lines" "$T/got" "$T/want"
# the line with a3 is fixed: only it is tried again
sed '3s/.*/{"id": "a3", "text": "Now with text."}/' "$T/in.jsonl" > "$T/fixed" && mv "$T/fixed" "$T/in.jsonl"
expect_status 0 "$GALLEY" run --state "$T/jsonl.db" -e "$p"
expect_grep "$(summary_re 4 1 0 3)\$" "$T/err"

# read-feed: an empty file, a binary one, and in a good feed an item
# with neither text nor title (passed over quietly: nothing to reject)
# and an item that repeats an id. The duplicate is held under
# its origin (FILE item N), so that it does not take the place of the
# first item's record.
mkdir "$T/feeds"
: > "$T/feeds/empty.xml"
printf '\000\001\002' > "$T/feeds/bin.xml"
feed_items ()
{
  printf '<rss version="2.0"><channel><title>T</title>\n'
  printf '<item><guid>f1</guid><description>First story.</description></item>\n'
  printf '<item><guid>f2</guid>%s</item>\n' "$1"
  printf '<item><guid>f1</guid><description>First story, again.</description></item>\n'
  printf '</channel></rss>\n'
}
feed_items "" > "$T/feeds/news.xml"
p="read-feed path=$T/feeds ! export-jsonl path=/dev/null"
expect_status 1 "$GALLEY" run --state "$T/feed.db" -e "$p"
expect_file_eq "$T/err" "galley: warning: document '$T/feeds/bin.xml' rejected by [read-feed]: $T/feeds/bin.xml: binary data, not a feed
galley: warning: document '$T/feeds/empty.xml' rejected by [read-feed]: $T/feeds/empty.xml: empty file
galley: warning: input rejected by [read-feed]: $T/feeds/news.xml item 3: duplicate id 'f1' (first seen at $T/feeds/news.xml item 1), skipped
$(sed -n '$p' "$T/err")"
expect_grep "$(summary_re 4 1 3)\$" "$T/err"
# the next run: quiet, status 0, the first item unchanged too
expect_status 0 "$GALLEY" run --state "$T/feed.db" -e "$p"
expect_file_eq "$T/err" "$(sed -n '$p' "$T/err")"
expect_grep "$(summary_re 4 0 0 4)\$" "$T/err"
expect_status 0 "$GALLEY" state --rejected "$T/feed.db"
sed -n 's/.*  \(.*\)  rejected by \[read-feed\]: .*/\1/p' "$T/out" | LC_ALL=C sort > "$T/got"
printf '%s\n' "$T/feeds/bin.xml" "$T/feeds/empty.xml" "$T/feeds/news.xml item 3" > "$T/want"
expect_ids "rejected feed input" "$T/got" "$T/want"
# the item gets its text: only it is new, and done
feed_items "<description>Now it is here.</description>" > "$T/feeds/news.xml"
expect_status 0 "$GALLEY" run --state "$T/feed.db" -e "$p"
expect_file_eq "$T/err" "$(sed -n '$p' "$T/err")"
expect_grep "$(summary_re 5 1 0 4)\$" "$T/err"

finish
