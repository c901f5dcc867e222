#!/bin/sh
# e2e-csv.sh: export-csv through the galley command: exact document rows,
# sentence rows that index the text, a sink in the middle of a pipeline,
# append without duplicates, and a bad column refused before the run.
set -eu

if [ ! -x "${GALLEY:-}" ]; then
  echo "SKIP: galley not built"
  exit 77
fi
IN=$TOP_SRCDIR/tests/fixtures/articles.jsonl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail () { echo "FAIL: $*" >&2; exit 1; }

# document rows, exactly
"$GALLEY" run --quiet -e "read-jsonl path=$IN ! export-csv path=$tmp/docs.csv columns=id,title,published,source line-end=lf"
printf '%s\n' \
  'id,title,published,source' \
  'world/2024/harbour-deal,"Ports agree on a ""green corridor"", finally",2024-05-02T07:15:00Z,Example Wire' \
  'business/2024/bakery,=SUM(A1) is not a bakery,2024-05-02T09:00:00Z,Example Wire' \
  'sport/2024/derby,-1 goal difference; +3 points,2024-05-03T18:30:00Z,Sports Desk' \
  'local/2024/flood,"Flood warning' \
  'lifted",,' > "$tmp/expected.csv"
cmp "$tmp/docs.csv" "$tmp/expected.csv" || { diff "$tmp/docs.csv" "$tmp/expected.csv"; fail "document rows differ"; }

# a sink passes documents on: CSV, then SQLite, then JSON Lines on stdout
"$GALLEY" run --quiet -e "read-jsonl path=$IN ! tokenizer ! export-csv path=$tmp/sentences.csv rows=sentence ! export-sqlite path=$tmp/news.db ! export-jsonl path=-" > "$tmp/out.jsonl"
[ "$(wc -l < "$tmp/out.jsonl")" -eq 4 ] || fail "export-jsonl after export-csv got $(wc -l < "$tmp/out.jsonl") lines"
[ -s "$tmp/news.db" ] || fail "no database"

# the sentence rows' offsets (code points) index the article text
if command -v "${PYTHON3:-python3}" >/dev/null 2>&1 && [ "${PYTHON3:-}" != no ]; then
  "${PYTHON3:-python3}" - "$IN" "$tmp/sentences.csv" <<'PY'
import csv, json, sys
texts = {}
for line in open(sys.argv[1], encoding='utf-8'):
    a = json.loads(line)
    texts[a['id']] = a['text']
rows = list(csv.DictReader(open(sys.argv[2], newline='', encoding='utf-8'), strict=True))
assert rows, "no sentence rows"
for r in rows:
    t = texts[r['doc_id']]
    got = t[int(r['start']):int(r['end'])]
    assert got == r['text'], (r, got)
assert {r['doc_id'] for r in rows} == set(texts), "a document has no sentences"
print("ok: %d sentence rows index their text" % len(rows))
PY
fi

# entity rows of the full pipeline index the text too (when the
# entity tagger is built)
if "$GALLEY" inspect entity-tagger > /dev/null 2>&1 \
   && command -v "${PYTHON3:-python3}" >/dev/null 2>&1 && [ "${PYTHON3:-}" != no ]; then
  "$GALLEY" run --quiet -e "read-jsonl path=$IN ! tokenizer ! entity-tagger ! sentiment ! export-csv path=$tmp/entities.csv rows=entity"
  "${PYTHON3:-python3}" - "$IN" "$tmp/entities.csv" <<'PY'
import csv, json, sys
texts = {json.loads(l)['id']: json.loads(l)['text'] for l in open(sys.argv[1], encoding='utf-8')}
rows = list(csv.DictReader(open(sys.argv[2], newline='', encoding='utf-8'), strict=True))
assert rows, "no entity rows"
for r in rows:
    assert texts[r['doc_id']][int(r['start']):int(r['end'])] == r['text'], r
    assert r['type'] and r['norm'] and r['cluster'].isdigit(), r
print("ok: %d entity rows index their text" % len(rows))
PY
fi

# append twice: one header, one set of rows per document
for i in 1 2; do
  "$GALLEY" run --quiet -e "read-jsonl path=$IN ! export-csv path=$tmp/log.csv mode=append columns=id,published"
done
[ "$(grep -c '^id,published' "$tmp/log.csv")" -eq 1 ] || fail "header written twice"
[ "$(grep -c '^world/2024/harbour-deal,' "$tmp/log.csv")" -eq 1 ] || fail "rows duplicated by a re-run"

# append to a device writes in place: header and rows, nothing read back
"$GALLEY" run --quiet -e "read-jsonl path=$IN ! export-csv path=/dev/stdout mode=append columns=id line-end=lf" > "$tmp/dev.csv"
[ "$(tr '\n' ' ' < "$tmp/dev.csv")" = "id world/2024/harbour-deal business/2024/bakery sport/2024/derby local/2024/flood " ] || fail "append to /dev/stdout: $(cat "$tmp/dev.csv")"

# an unknown column stops the run before it starts (exit 2)
set +e
"$GALLEY" run --quiet -e "read-jsonl path=$IN ! export-csv path=$tmp/bad.csv columns=id,headline" 2> "$tmp/err"
rc=$?
set -e
[ $rc -eq 2 ] || fail "unknown column: exit $rc, expected 2"
grep -q "unknown column 'headline' for rows=document; valid columns: id, title," "$tmp/err" || fail "message: $(cat "$tmp/err")"
[ ! -e "$tmp/bad.csv" ] || fail "a refused stage wrote its file"
# runs killed with SIGKILL leave the previous file whole (or none), and
# append with unique=true never holds a document twice
spool=$tmp/spool.jsonl
i=0
while [ $i -lt 3000 ]; do
  printf '{"id":"spool/%04d","title":"Story %d","text":"Officials in Lisbon said story %d was ready."}\n' $i $i $i
  i=$((i + 1))
done > "$spool"
out=$tmp/spool.csv
check_csv () {
  [ -e "$out" ] || return 0
  [ "$(head -1 "$out")" = "id,title" ] || fail "$1: header $(head -1 "$out")"
  [ -z "$(tail -n +2 "$out" | cut -d, -f1 | sort | uniq -d | head -1)" ] || fail "$1: a document twice"
  tail -n +2 "$out" | grep -qv '^spool/[0-9]*,Story [0-9]*$' && fail "$1: a damaged row"
  ls -a "$tmp" | grep -q '^\.spool\.csv\.' && [ "$1" = final ] && fail "temporary file left"
  return 0
}
for delay in 0.01 0.05 0.1 0.2; do
  "$GALLEY" run --quiet -e "read-jsonl path=$spool ! export-csv path=$out mode=append columns=id,title line-end=lf" &
  pid=$!
  sleep $delay
  kill -9 $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  check_csv "kill after $delay s"
done
"$GALLEY" run --quiet -e "read-jsonl path=$spool ! export-csv path=$out mode=append columns=id,title line-end=lf"
"$GALLEY" run --quiet -e "read-jsonl path=$spool ! export-csv path=$out mode=append columns=id,title line-end=lf"
check_csv final
[ "$(wc -l < "$out")" -eq 3001 ] || fail "$(wc -l < "$out") lines after the final runs, expected 3001"
echo "ok"
