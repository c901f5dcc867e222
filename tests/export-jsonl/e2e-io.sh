#!/bin/sh
# e2e-io.sh: read-jsonl, read-files and export-jsonl through the galley
# command, from the build tree.
set -u

T=$(mktemp -d "${TMPDIR:-/tmp}/galley-io-e2e.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT

fail ()
{
  echo "FAIL: $*" >&2
  exit 1
}

# expect_status CODE CMD...: runs CMD with stdout to $T/out, stderr to $T/err
expect_status ()
{
  want=$1
  shift
  "$@" > "$T/out" 2> "$T/err"
  got=$?
  if [ "$got" != "$want" ]; then
    cat "$T/err" >&2
    fail "exit status $got, expected $want: $*"
  fi
}

# expect_same FILE: FILE holds exactly what $T/want holds
expect_same ()
{
  if ! cmp -s "$1" "$T/want"; then
    echo "--- expected" >&2; cat "$T/want" >&2
    echo "--- got" >&2; cat "$1" >&2
    fail "$1 is not as expected"
  fi
}

expect_grep ()
{
  grep -F -q -- "$1" "$2" || { cat "$2" >&2; fail "'$1' not found in $2"; }
}

# 1. stdin to stdout; a malformed line is rejected with its line number,
# the others come through in order, and the exit status is 1.
printf '%s\n' '{"id":"a1","text":"Talks resumed in Geneva.","source":"Wire","tags":["world"]}' \
  'not json' '{"id":"a2","text":"Caf\u00e9 owners \"relieved\"."}' > "$T/in.jsonl"
expect_status 1 "$GALLEY" run -e 'read-jsonl path=- ! export-jsonl path=- text=true' < "$T/in.jsonl"
cat > "$T/want" <<'EOT'
{"id":"a1","text":"Talks resumed in Geneva.","meta":{"source":"Wire","tags":["world"]},"features":{},"layers":{}}
{"id":"a2","text":"Café owners \"relieved\".","meta":{},"features":{},"layers":{}}
EOT
expect_same "$T/out"
expect_grep '<stdin>:2: invalid JSON: ' "$T/err"

# 2. read-files on a directory, to a file; ids are relative to it.
mkdir -p "$T/spool/world"
printf 'Kyiv braces for winter\nPower cuts loom.\n' > "$T/spool/world/kyiv.txt"
printf 'Geneva talks\nDelegates met.\n' > "$T/spool/geneva.txt"
printf 'skipped: not .txt\n' > "$T/spool/notes.md"
expect_status 0 "$GALLEY" run -e "read-files path=$T/spool ! export-jsonl path=$T/files.jsonl"
cat > "$T/want" <<EOT
{"id":"geneva.txt","meta":{"title":"Geneva talks","path":"$T/spool/geneva.txt"},"features":{},"layers":{}}
{"id":"world/kyiv.txt","meta":{"title":"Kyiv braces for winter","path":"$T/spool/world/kyiv.txt"},"features":{},"layers":{}}
EOT
expect_same "$T/files.jsonl"

# read-files path=- reads standard input as one document, id "stdin".
printf 'Markets rally\nStocks rose.\n' > "$T/story.txt"
expect_status 0 "$GALLEY" run -e 'read-files path=- ! export-jsonl text=true' < "$T/story.txt"
printf '%s\n' '{"id":"stdin","text":"Markets rally\nStocks rose.\n","meta":{"title":"Markets rally","path":"-"},"features":{},"layers":{}}' > "$T/want"
expect_same "$T/out"

# 3. strftime patterns in the output path expand.
expect_status 0 "$GALLEY" run -e "read-files path=$T/spool/geneva.txt ! export-jsonl path=$T/day-%Y.jsonl"
[ -f "$T/day-$(date +%Y).jsonl" ] || fail "day-$(date +%Y).jsonl was not written"
# The directories named by patterns are made (nobody can make next
# month's in advance); the part before the first pattern must exist.
mkdir "$T/news"
expect_status 0 "$GALLEY" run -e "read-files path=$T/spool/geneva.txt ! export-jsonl path=$T/news/%Y/%m/%d.jsonl"
[ -f "$T/news/$(date +%Y/%m/%d).jsonl" ] || fail "news/$(date +%Y/%m/%d).jsonl was not written"
expect_status 4 "$GALLEY" run -e "read-files path=$T/spool/geneva.txt ! export-jsonl path=$T/nws/%Y/%m/%d.jsonl"
expect_grep "galley: error: -e: stage 2 (export-jsonl) $T/nws/$(date +%Y/%m/%d).jsonl: cannot create output: No such file or directory" "$T/err"
[ ! -e "$T/nws" ] || fail "a directory was made for the mistyped part of the path"

# 4. mode=append adds to what the file holds, one line per document id
#    (unique=true, the default), or every time (unique=false).
printf '{"id":"old"}\n' > "$T/append.jsonl"
expect_status 0 "$GALLEY" run -e "read-files path=$T/spool/geneva.txt ! export-jsonl path=$T/append.jsonl mode=append"
expect_status 0 "$GALLEY" run -e "read-files path=$T/spool/geneva.txt ! export-jsonl path=$T/append.jsonl mode=append"
[ "$(wc -l < "$T/append.jsonl")" -eq 2 ] || fail "append.jsonl should have 2 lines"
expect_status 0 "$GALLEY" run -e "read-files path=$T/spool/geneva.txt ! export-jsonl path=$T/append.jsonl mode=append unique=false"
[ "$(wc -l < "$T/append.jsonl")" -eq 3 ] || fail "append.jsonl should have 3 lines with unique=false"
expect_grep '{"id":"old"}' "$T/append.jsonl"

# 5. an aborted run leaves the previous output as it was, and no
# temporary file beside it.
mkdir "$T/abort"
printf 'previous\n' > "$T/abort/out.jsonl"
"$GALLEY" run --on-error=abort -e "read-jsonl path=$T/in.jsonl ! export-jsonl path=$T/abort/out.jsonl" \
  > /dev/null 2>&1
[ "$(cat "$T/abort/out.jsonl")" = previous ] || fail "an aborted run changed the output"
[ "$(ls -A "$T/abort")" = out.jsonl ] || fail "an aborted run left: $(ls -A "$T/abort")"

# 6. the rejects file keeps the rejected line, where it came from and why.
expect_status 1 "$GALLEY" run --rejects="$T/rejects.jsonl" \
  -e "read-jsonl path=$T/in.jsonl ! export-jsonl path=/dev/null"
expect_grep "\"text\":\"not json\",\"origin\":\"$T/in.jsonl:2\"" "$T/rejects.jsonl"
expect_grep "\"error\":\"$T/in.jsonl:2: invalid JSON: " "$T/rejects.jsonl"

# 7. a missing input is an I/O error (exit 4) naming the file.
expect_status 4 "$GALLEY" run -e "read-jsonl path=$T/missing.jsonl ! export-jsonl path=/dev/null"
expect_grep "$T/missing.jsonl: cannot open: No such file or directory" "$T/err"
expect_status 4 "$GALLEY" run -e "read-files path=$T/none/*.txt ! export-jsonl path=/dev/null"
expect_grep "$T/none/*.txt: no such file or no matching files" "$T/err"
# an empty spool (the directory exists) is no input, not an error: cron
# runs over it exit 0
mkdir -p "$T/empty-spool"
expect_status 0 "$GALLEY" run -e "read-files path=$T/empty-spool ! export-jsonl path=$T/empty.jsonl"
expect_status 0 "$GALLEY" run -e "read-files path=$T/empty-spool/*.txt ! export-jsonl path=$T/empty.jsonl"
expect_grep 'galley: 0 read, 0 done, 0 rejected in ' "$T/err"

# 8. invalid UTF-8 is repaired by default (each bad byte read as
# windows-1252), replaced with utf8=replace and refused with utf8=reject;
# the summary names the first document repaired.
printf '{"id":"ok","text":"fine"}\n{"id":"u","text":"caf\351"}\n{"id":"v","text":"Z\374rich"}\n' > "$T/latin1.jsonl"
expect_status 0 "$GALLEY" run -e "read-jsonl path=$T/latin1.jsonl ! export-jsonl text=true"
printf '%s\n' '{"id":"ok","text":"fine","meta":{},"features":{},"layers":{}}' \
  '{"id":"u","text":"café","meta":{},"features":{},"layers":{}}' \
  '{"id":"v","text":"Zürich","meta":{},"features":{},"layers":{}}' > "$T/want"
expect_same "$T/out"
expect_grep "galley: 3 read, 3 done, 0 rejected, 2 with invalid UTF-8 repaired (the first: $T/latin1.jsonl:2) in " "$T/err"
expect_status 0 "$GALLEY" run -e "read-jsonl path=$T/latin1.jsonl utf8=replace ! export-jsonl text=true"
printf '%s\n' '{"id":"ok","text":"fine","meta":{},"features":{},"layers":{}}' \
  '{"id":"u","text":"caf�","meta":{},"features":{},"layers":{}}' \
  '{"id":"v","text":"Z�rich","meta":{},"features":{},"layers":{}}' > "$T/want"
expect_same "$T/out"
# The repair count goes to the summary, never into an output: it is not
# metadata (it used to be written as "utf8.replaced" in every format).
expect_status 0 "$GALLEY" run -e "read-jsonl path=$T/latin1.jsonl ! export-jsonl path=$T/u.jsonl ! export-csv path=$T/u.csv ! export-sqlite path=$T/u.db"
expect_grep "galley: 3 read, 3 done, 0 rejected, 2 with invalid UTF-8 repaired (the first: $T/latin1.jsonl:2) in " "$T/err"
for f in u.jsonl u.csv u.db; do
  [ -s "$T/$f" ] || fail "$f not written"
  grep -a -q 'utf8' "$T/$f" && fail "$f holds the repair count: $(grep -a utf8 "$T/$f")"
done
expect_status 1 "$GALLEY" run -e "read-jsonl path=$T/latin1.jsonl utf8=reject ! export-jsonl"
expect_grep "$T/latin1.jsonl:2: invalid UTF-8 at byte 21" "$T/err"

# 8b. read-jsonl reads what export-jsonl writes: the default pipeline's
# output read back gives the same id, text, meta and features (layers are
# dropped on reading; the stages make them again).
printf '%s\n' '{"id":"r1","text":"Angela Merkel met Joe Biden in Berlin. It was a good day.","title":"T","n":3,"tags":["x",1]}' \
  '{"id":"r2","text":"Nothing here."}' > "$T/rt.jsonl"
"$GALLEY" run -q -e "read-jsonl path=$T/rt.jsonl ! tokenizer ! entity-tagger ! sentiment ! export-jsonl path=$T/rt1.jsonl text=true" \
  || fail "the default pipeline failed"
expect_status 0 "$GALLEY" run -q -e "read-jsonl path=$T/rt1.jsonl ! export-jsonl path=- text=true"
sed 's/,"layers":{.*}}$/}/' "$T/rt1.jsonl" > "$T/want"
sed 's/,"layers":{.*}}$/}/' "$T/out" > "$T/got"
expect_same "$T/got"
expect_grep '{"id":"r1","text":"Angela Merkel met Joe Biden in Berlin. It was a good day.","meta":{"title":"T","n":3,"tags":["x",1]},"features":{"sentiment.compound":' "$T/got"
expect_grep '"layers":{}}' "$T/out"
# and once more through the stages: the same line as the first pass
expect_status 0 "$GALLEY" run -q -e "read-jsonl path=$T/rt1.jsonl ! tokenizer ! entity-tagger ! sentiment ! export-jsonl path=- text=true"
cp "$T/rt1.jsonl" "$T/want"
expect_same "$T/out"
# "meta" that is not an object stays a metadata field of its own
printf '%s\n' '{"id":"m","text":"x","meta":"plain"}' > "$T/m.jsonl"
expect_status 0 "$GALLEY" run -q -e "read-jsonl path=$T/m.jsonl ! export-jsonl path=-"
printf '%s\n' '{"id":"m","meta":{"meta":"plain"},"features":{},"layers":{}}' > "$T/want"
expect_same "$T/out"

# 9. writing to a device writes in place and leaves the device alone.
expect_status 0 "$GALLEY" run -e "read-files path=$T/spool ! export-jsonl path=/dev/null"
[ -c /dev/null ] || fail "/dev/null is no longer a device"

exit 0
