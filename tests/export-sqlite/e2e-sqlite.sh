#!/bin/sh
# e2e-sqlite.sh: export-sqlite through the galley command: re-runs do not
# duplicate, a reader in another process is never refused while a run
# writes, and runs killed with SIGKILL at several points leave a
# consistent database holding whole batches, which a last run completes.
# Needs the sqlite3 shell (77 otherwise).
set -eu

if [ ! -x "${GALLEY:-}" ]; then
  echo "SKIP: galley not built"
  exit 77
fi
SQL=${SQLITE3:-sqlite3}
if [ "$SQL" = no ] || ! command -v "$SQL" >/dev/null 2>&1; then
  echo "SKIP: sqlite3 shell not found"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail () { echo "FAIL: $*" >&2; exit 1; }
q () { "$SQL" -cmd '.timeout 5000' "$db" "$1"; }

db=$tmp/news.db
IN=$TOP_SRCDIR/tests/fixtures/articles.jsonl
PIPE="read-jsonl path=$IN ! tokenizer ! export-sqlite path=$db"

"$GALLEY" run --quiet -e "$PIPE pipeline=e2e"
"$GALLEY" run --quiet -e "$PIPE pipeline=e2e"
[ "$(q 'SELECT count(*), count(DISTINCT id) FROM documents')" = "4|4" ] || fail "documents after two runs"
[ "$(q 'SELECT group_concat(id || ":" || documents) FROM runs')" = "1:4,2:4" ] || fail "runs: $(q 'SELECT * FROM runs')"
[ "$(q 'SELECT DISTINCT run_id FROM documents')" = "2" ] || fail "upsert kept old run ids"
[ "$(q "SELECT title FROM documents WHERE id = 'business/2024/bakery'")" = "=SUM(A1) is not a bakery" ] || fail "title"
[ "$(q "SELECT count(*) FROM sentences WHERE doc_id = 'sport/2024/derby'")" -ge 1 ] || fail "sentences"
[ "$(q 'PRAGMA journal_mode')" = wal ] || fail "not in WAL mode"

# The example queries of docs/plugins/export-sqlite.md, run as written on
# a database of two articles. Sentiment scores are left out of the
# comparisons (they change with the lexicon); their order is not.
qdb=$tmp/queries.db
cat > "$tmp/q.jsonl" <<'EOF2'
{"id": "world/2024/harbour-deal", "title": "Harbour deal signed", "url": "https://example.com/harbour", "published": "2024-05-02T07:15:00Z", "text": "The European Commission approved the harbour deal in Brussels on Tuesday. Critics called it a terrible, shameful disaster. Dockers were delighted and praised the wonderful plan."}
{"id": "world/2024/old-news", "title": "Old news", "published": "2024-04-01T07:15:00Z", "text": "The European Commission met in Brussels."}
EOF2
"$GALLEY" run --quiet -e "read-jsonl path=$tmp/q.jsonl ! tokenizer ! entity-tagger ! sentiment ! export-sqlite path=$qdb text=true"
sed -n '/^```sql$/,/^```$/p' "$TOP_SRCDIR/docs/plugins/export-sqlite.md" | sed '1d;$d' \
  | awk -v dir="$tmp" '{ q = q $0 "\n" } /;$/ { n++; printf "%s", q > (dir "/query" n ".sql"); q = "" }'
[ -f "$tmp/query3.sql" ] && [ ! -f "$tmp/query4.sql" ] || fail "expected three example queries in export-sqlite.md"
[ "$("$SQL" "$qdb" < "$tmp/query1.sql" | cut -d'|' -f1-3)" = "Brussels|GPE|1
European Commission|ORG|1
tuesday|DATE|1" ] || fail "example query 1: $("$SQL" "$qdb" < "$tmp/query1.sql")"
[ "$("$SQL" "$qdb" < "$tmp/query2.sql")" = "2024-05-02T07:15:00Z|Harbour deal signed|https://example.com/harbour
2024-04-01T07:15:00Z|Old news|" ] || fail "example query 2: $("$SQL" "$qdb" < "$tmp/query2.sql")"
[ "$("$SQL" "$qdb" < "$tmp/query3.sql" | cut -d'|' -f2)" = "Critics called it a terrible, shameful disaster.
The European Commission approved the harbour deal in Brussels on Tuesday.
Dockers were delighted and praised the wonderful plan." ] || fail "example query 3: $("$SQL" "$qdb" < "$tmp/query3.sql")"

# a spool big enough for a run to take a while: 3000 articles
spool=$tmp/spool.jsonl
i=0
while [ $i -lt 3000 ]; do
  printf '{"id":"spool/%04d","title":"Story %d","text":"Officials in Lisbon said on Monday that story %d was ready. Critics disagreed, again and again, with the plan."}\n' $i $i $i
  i=$((i + 1))
done > "$spool"
db=$tmp/spool.db
SPIPE="read-jsonl path=$spool ! tokenizer ! export-sqlite path=$db batch=50"

# readers in another process while a run writes: never refused, even
# without a busy timeout. They start once the run has the file open
# (its first batch is in): before that, the first process to open the
# file rebuilds SQLite's WAL index, a moment for which export-sqlite.md
# tells readers to set a busy timeout.
"$GALLEY" run --quiet -e "read-jsonl path=$IN ! export-sqlite path=$db"
before=$(q 'SELECT count(*) FROM documents')
"$GALLEY" run --quiet -e "$SPIPE" &
writer=$!
while kill -0 $writer 2>/dev/null && [ "$(q 'SELECT count(*) FROM documents')" = "$before" ]; do
  sleep 0.01
done
reads=0
while kill -0 $writer 2>/dev/null; do
  "$SQL" "$db" 'SELECT count(*) FROM documents' > /dev/null || fail "a reader was refused during a write"
  reads=$((reads + 1))
done
wait $writer || fail "the writer failed"
echo "ok: $reads reads during a run"
# a run empties the WAL as it closes (with no reader on an old snapshot)
# and leaves it there (deleting it is what takes the exclusive lock)
"$GALLEY" run --quiet -e "$SPIPE"
[ -f "$db-wal" ] && [ ! -s "$db-wal" ] || fail "the WAL was not emptied at the end of the run: $(ls -l "$db-wal" 2>&1)"
rm -f "$db" "$db-wal" "$db-shm"

# numbered_from_0 WHEN: every document's sentences are numbered 0, 1, ...
# with no gap (SQLite numbers all but the first row of each INSERT)
numbered_from_0 () {
  [ "$(q 'SELECT count(*) FROM (SELECT doc_id FROM sentences GROUP BY doc_id
          HAVING min(idx) != 0 OR max(idx) + 1 != count(*))')" = 0 ] \
    || fail "sentences not numbered from 0 $1"
}

# SIGKILL at several points of a run: at the start, and once the run has
# committed 50, 500, ... documents (polled, so the kill lands mid-run
# whatever the machine's speed). Whole batches only, consistent each time.
for target in 0 50 500 1000 1500 2500; do
  "$GALLEY" run --quiet -e "$SPIPE" &
  pid=$!
  if [ $target -gt 0 ]; then
    while kill -0 $pid 2>/dev/null; do
      done_now=$(q "SELECT coalesce((SELECT documents FROM runs WHERE finished_at IS NULL ORDER BY id DESC LIMIT 1), 0)" 2>/dev/null || echo 0)
      [ "${done_now:-0}" -ge $target ] && break
    done
  fi
  kill -9 $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  [ -e "$db" ] || { echo "killed at $target: before the database existed"; continue; }
  [ "$(q 'PRAGMA integrity_check')" = ok ] || fail "integrity after kill at $target"
  # killed while creating the schema: that transaction rolled back whole
  if [ "$(q "SELECT count(*) FROM sqlite_schema WHERE name = 'documents'")" = 0 ]; then
    [ "$(q 'SELECT count(*) FROM sqlite_schema')" = 0 ] || fail "half a schema after kill at $target"
    echo "killed at $target: before the schema was created"
    continue
  fi
  [ -z "$(q 'PRAGMA foreign_key_check')" ] || fail "foreign keys after kill at $target"
  n=$(q 'SELECT count(*) FROM documents')
  s=$(q 'SELECT count(DISTINCT doc_id) FROM sentences')
  [ "$n" = "$s" ] || fail "$n documents but $s with sentences after kill at $target"
  [ $((n % 50)) -eq 0 ] || fail "$n documents: not whole batches after kill at $target"
  numbered_from_0 "after kill at $target"
  echo "killed at $target: $n documents, runs: $(q "SELECT group_concat(documents || ':' || (finished_at IS NOT NULL)) FROM runs")"
done
"$GALLEY" run --quiet -e "$SPIPE"
[ "$(q 'SELECT count(*), count(DISTINCT id) FROM documents')" = "3000|3000" ] || fail "final run"
numbered_from_0 "after the final run"
[ "$(q 'PRAGMA integrity_check')" = ok ] || fail "integrity after the final run"

# A full disk, made by a file size limit (galley run ignores SIGXFSZ,
# which killed it before: write() then fails with EFBIG). The sink
# failing is not each document's fault: the run stops at once, exit 4,
# naming the stage and the file, rejecting nothing; the state keeps
# nothing past what was committed, so that a run with room writes every
# document once.
db=$tmp/full.db
FPIPE="read-jsonl path=$spool ! tokenizer ! export-sqlite path=$db batch=50"
set +e
(ulimit -f 100; exec "$GALLEY" run --state "$tmp/full.state" -e "$FPIPE") 2> "$tmp/full.err"
status=$?
set -e
[ $status = 4 ] || fail "full disk: exit $status, not 4: $(cat "$tmp/full.err")"
grep -q "^galley: error: -e: stage 3 (export-sqlite) write failed: $db: " "$tmp/full.err" \
  || fail "full disk: $(cat "$tmp/full.err")"
grep -q "rejected by" "$tmp/full.err" && fail "full disk: documents rejected: $(cat "$tmp/full.err")"
grep -q " done, 0 rejected in " "$tmp/full.err" || fail "full disk summary: $(cat "$tmp/full.err")"
[ "$(wc -l < "$tmp/full.err")" = 2 ] || fail "full disk: more than the error and the summary: $(cat "$tmp/full.err")"
"$GALLEY" run --quiet --state "$tmp/full.state" -e "$FPIPE"
[ "$(q 'SELECT count(*), count(DISTINCT id) FROM documents')" = "3000|3000" ] || fail "after a full disk"
echo "ok"
