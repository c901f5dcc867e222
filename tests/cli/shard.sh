#!/bin/sh
# shard.sh: --shard K/N on the file and JSON Lines sources: N sharded runs
# read every document of one unsharded run exactly once between them.
. "$TOP_SRCDIR/tests/cli/lib.sh"

# union_check NAME N SOURCE: runs SOURCE unsharded and as N shards (each
# into export-jsonl), and checks that the shards' lines, together, are the
# unsharded run's lines, with none in two shards.
union_check () {
  name=$1; n=$2; source=$3
  "$GALLEY" run --no-progress -e "$source ! export-jsonl path=$T/$name-all.jsonl" \
    > /dev/null 2> "$T/$name-all.err"
  k=0
  : > "$T/$name-union"
  while [ "$k" -lt "$n" ]; do
    "$GALLEY" run --no-progress --shard "$k/$n" -e "$source ! export-jsonl path=$T/$name-$k.jsonl" \
      > /dev/null 2> "$T/$name-$k.err"
    cat "$T/$name-$k.jsonl" >> "$T/$name-union"
    k=$((k + 1))
  done
  sort "$T/$name-all.jsonl" > "$T/$name-all.sorted"
  sort "$T/$name-union" > "$T/$name-union.sorted"
  [ -s "$T/$name-all.sorted" ] || fail "$name: the unsharded run wrote nothing"
  cmp -s "$T/$name-all.sorted" "$T/$name-union.sorted" \
    || { fail "$name: the $n shards differ from the unsharded run"; diff "$T/$name-all.sorted" "$T/$name-union.sorted" | head >&2; }
}

i=1
while [ "$i" -le 20 ]; do
  printf '{"id":"d%d","text":"Text %d."}\n' "$i" "$i"
  i=$((i + 1))
done > "$T/in.jsonl"

# --- read-jsonl: the union, and which shard each id falls in: the hash is
# stable (XXH64 of the id), so this never changes
union_check jsonl 3 "read-jsonl path=$T/in.jsonl"
for k in 0 1 2; do cut -d'"' -f4 "$T/jsonl-$k.jsonl" | tr '\n' ' '; echo; done > "$T/placement"
expect_file_eq "$T/placement" 'd7 d9 d10 d11 d12 d13 d18 
d1 d2 d3 d6 
d4 d5 d8 d14 d15 d16 d17 d19 d20 '
expect_grep '^galley: 7 read, 7 done, 0 rejected' "$T/jsonl-0.err"

# --- shard= in the pipeline is the same as --shard
expect_status 0 "$GALLEY" run --no-progress -e \
  "read-jsonl path=$T/in.jsonl shard=1/3 ! export-jsonl path=$T/param.jsonl"
expect_file_eq "$T/param.jsonl" "$(cat "$T/jsonl-1.jsonl")"

# --- a bad line is rejected by one shard only (by its id, else its place)
printf '%s\n' '{"id":"d1","text":"One."}' 'not json' '{"id":"d2"}' '{"id":"d3","text":"Three."}' > "$T/bad.jsonl"
rejected=0
for k in 0 1 2 3; do
  "$GALLEY" run --no-progress --shard "$k/4" -e "read-jsonl path=$T/bad.jsonl ! export-jsonl path=$T/bad-$k.jsonl" \
    > /dev/null 2> "$T/bad-$k.err"
  rejected=$((rejected + $(grep -c 'rejected by' "$T/bad-$k.err")))
done
[ "$rejected" -eq 2 ] || fail "the 4 shards rejected $rejected lines, expected the 2 bad ones once each"

# --- read-files: by the file's id (its path under the pattern's base)
mkdir -p "$T/spool/a" "$T/spool/b"
for i in 1 2 3 4 5 6 7 8 9; do
  echo "Story $i from the spool." > "$T/spool/a/s$i.txt"
  echo "Other story $i." > "$T/spool/b/o$i.txt"
done
union_check files 4 "read-files path=$T/spool"

# --- read-html and read-feed: by path and by item id
union_check html 2 "read-html path=$TOP_SRCDIR/tests/read-html/pages"
union_check feed 3 "read-feed path=$TOP_SRCDIR/tests/read-feed/feeds/*.xml"

# --- the option's errors (exit 2)
expect_status 2 "$GALLEY" run --shard 3/3 -e "read-jsonl path=$T/in.jsonl ! export-jsonl path=-"
expect_file_eq "$T/err" "galley: error: --shard: parameter 'shard': '3/3' is not K/N with 0 <= K < N (0/4 to 3/4: four shards)"
expect_status 2 "$GALLEY" run --shard 1 -e "read-jsonl path=$T/in.jsonl ! export-jsonl path=-"
expect_file_eq "$T/err" "galley: error: --shard: parameter 'shard': '1' is not K/N with 0 <= K < N (0/4 to 3/4: four shards)"
expect_status 2 "$GALLEY" run --shard 0/2 -e "read-redis-stream stream=x ! export-jsonl path=-"
expect_file_eq "$T/err" "galley: error: --shard: -e: stage 1 (read-redis-stream): read-redis-stream has no shard parameter (the file and JSON Lines sources have it: read-files, read-jsonl, read-html, read-feed; a stream source shares its entries through its consumer group)"
expect_status 2 "$GALLEY" run -e "read-jsonl path=$T/in.jsonl shard=2/x ! export-jsonl path=-"
expect_grep "parameter 'shard': '2/x' is not K/N with 0 <= K < N" "$T/err"

# --- the GNU parallel recipe of docs/scale-out.md
if command -v parallel >/dev/null; then
  mkdir -p "$T/par" && cd "$T/par" || exit 99
  seq 0 3 | parallel --will-cite "$GALLEY" run --no-progress --shard {}/4 \
    -e "'read-jsonl path=$T/in.jsonl ! export-jsonl path=out-{}.jsonl'" 2> "$T/par.err"
  [ $? -eq 0 ] || { fail "the GNU parallel recipe failed"; cat "$T/par.err" >&2; }
  sort out-*.jsonl > "$T/par.sorted"
  cmp -s "$T/par.sorted" "$T/jsonl-all.sorted" || fail "the GNU parallel recipe's shards differ from one run"
  cd "$T" || exit 99
else
  echo "GNU parallel not installed: its recipe is not run (.ci/install-deps installs it)"
fi

finish
