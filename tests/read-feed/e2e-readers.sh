#!/bin/sh
# e2e-readers.sh: read-feed and read-html through the galley command, from
# the build tree, on the shipped sample feeds and pages and on the broken
# fixtures of tests/read-feed/feeds and tests/read-html/pages.
set -u

T=$(mktemp -d "${TMPDIR:-/tmp}/galley-readers-e2e.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
SAMPLES=$TOP_SRCDIR/pipelines/samples
PAGES=$TOP_SRCDIR/tests/read-html/pages

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

expect_grep ()
{
  grep -F -q -- "$1" "$2" || { cat "$2" >&2; fail "'$1' not found in $2"; }
}

expect_lines ()
{
  n=$(wc -l < "$2")
  [ "$n" -eq "$1" ] || { cat "$2" >&2; fail "$2 has $n lines, expected $1"; }
}

# 1. The sample feeds: RSS 2.0, Atom and RSS 1.0, nine items, none rejected.
expect_status 0 "$GALLEY" run -e "read-feed path=$SAMPLES/feeds ! export-jsonl path=-"
expect_lines 9 "$T/out"
expect_grep '{"id":"tag:citydesk.galley.example,2024:deansgate","meta":{"title":"Manchester council votes to pedestrianise Deansgate","url":"https://citydesk.galley.example/2024/06/deansgate","author":"Priya Shah","published":"2024-06-05T17:30:00Z","categories":["transport", "uk"],"feed":"Galley City Desk"' "$T/out"
expect_grep '"id":"gww-2024-0603-01","meta":{"title":"Lisbon summit agrees on shared Atlantic fishing rules","url":"https://wire.galley.example/world/2024/06/lisbon-fishing-summit"' "$T/out"

# 2. A feed on standard input, with its text.
expect_status 0 "$GALLEY" run -e "read-feed path=- ! export-jsonl path=- text=true" < "$SAMPLES/feeds/science-notes.rdf"
expect_lines 2 "$T/out"
expect_grep '"text":"A survey by the Australian Institute of Marine Science found coral cover rising on 40 of 86 reefs near Cairns.' "$T/out"
expect_grep '"source":"-"' "$T/out"

# 3. Broken feeds: the good items come through, the bad files and items are
# rejected with their reasons, and the exit status says so.
expect_status 1 "$GALLEY" run -e "read-feed path=$TEST_SRCDIR/feeds ! export-jsonl path=-"
expect_lines 17 "$T/out"
expect_grep 'empty.xml: empty file' "$T/err"
expect_grep 'binary.rss: binary data, not a feed' "$T/err"
expect_grep "plain-text.xml: cannot parse as XML: line 1: Start tag expected, '<' not found" "$T/err"
expect_grep "duplicates.xml item 2: duplicate id 'roundup-101'" "$T/err"
expect_grep 'truncated.xml: recovered from 1 XML error, the first at line 13' "$T/err"

# 4. Rejected items go to the rejects file.
cat > "$T/feeds.pipeline" <<EOT
[pipeline]
stages=read;export
on-error=skip
rejects=$T/rejects.jsonl

[read]
plugin=read-feed
path=$TEST_SRCDIR/feeds/duplicates.xml

[export]
plugin=export-jsonl
path=$T/items.jsonl
EOT
expect_status 1 "$GALLEY" run "$T/feeds.pipeline"
expect_lines 2 "$T/items.jsonl"
expect_grep "duplicate id 'roundup-101'" "$T/rejects.jsonl"

# 5. The sample pages: four articles, metadata and ids from the pages.
expect_status 0 "$GALLEY" run -e "read-html path=$SAMPLES/pages ! export-jsonl path=- text=true"
expect_lines 4 "$T/out"
expect_grep '{"id":"https://sante.galley.example/2024/06/lyon-malaria-trial","text":"The Édouard Herriot hospital in Lyon gave the first doses' "$T/out"
expect_grep '"title":"Lyon hospital starts malaria vaccine trial","url":"https://sante.galley.example/2024/06/lyon-malaria-trial","author":"Amélie Faure","published":"2024-06-07T08:45:00Z"' "$T/out"
expect_grep 'Trains are expected to run from 2032, after the tracks and signalling are installed."' "$T/out"
if grep -F -q -e 'Reader comments' -e 'cookies' -e 'Most read' "$T/out"; then
  fail "page furniture in the extracted text"
fi

# 6. Broken pages: rejected with reasons, the rest read.
expect_status 1 "$GALLEY" run -e "read-html path=$PAGES ! export-jsonl path=-"
expect_lines 8 "$T/out"
expect_grep 'binary.html: binary data, not an HTML page' "$T/err"
expect_grep 'empty.html: empty file' "$T/err"

# 7. Pages through the tokenizer to CSV, one row per sentence.
expect_status 0 "$GALLEY" run -e "read-html path=$SAMPLES/pages ! tokenizer ! export-csv path=$T/sentences.csv rows=sentence"
expect_grep 'https://herald.galley.example/business/2024/06/03/rotterdam-strike' "$T/sentences.csv"
expect_grep 'Shipping company Nordline said it had diverted four vessels to Antwerp and Hamburg during the stoppage.' "$T/sentences.csv"

# Charsets: a bad byte in a Shift_JIS page and feed, and a label the
# Encoding Standard does not know, under -q: libxml2 says nothing on
# stderr (it used to print "encoding error : input conversion failed"),
# and the text after the bad byte is kept.
printf '<html><head><meta charset="shift_jis"><title>T</title></head><body><p>\223\372\226\173\377\202\314 news here.</p></body></html>' > "$T/sj.html"
expect_status 0 "$GALLEY" run -q -e "read-html path=$T/sj.html extract=page ! export-jsonl path=- text=true"
expect_grep '"text":"日本�の news here.","meta":{"title":"T","source":"'"$T"'/sj.html"}' "$T/out"
[ -s "$T/err" ] && { cat "$T/err" >&2; fail "stderr not empty under -q"; }
printf '<?xml version="1.0" encoding="Shift_JIS"?>\n<rss version="2.0"><channel><item><guid>a</guid><description>\223\372\377 one</description></item><item><guid>b</guid><description>two</description></item></channel></rss>' > "$T/sj.xml"
expect_status 0 "$GALLEY" run -q -e "read-feed path=$T/sj.xml ! export-jsonl path=- text=true"
expect_lines 2 "$T/out"
[ -s "$T/err" ] && { cat "$T/err" >&2; fail "stderr not empty under -q"; }
printf '<html><head><meta charset="utf-7"><title>T</title></head><body><p>Caf\351 au lait.</p></body></html>' > "$T/u7.html"
expect_status 0 "$GALLEY" run -q -e "read-html path=$T/u7.html extract=page ! export-jsonl path=- text=true"
expect_grep '"text":"Café au lait."' "$T/out"
[ -s "$T/err" ] && { cat "$T/err" >&2; fail "stderr not empty under -q"; }

# libxml2's own messages go to Galley's log at debug level, never straight
# to stderr. An entity whose text is "&foo", used in an attribute, made
# libxml2's tree module print "error : unterminated entity reference foo"
# on stderr even under -q (it raises it without a parser context, where
# XML_PARSE_NOERROR does not reach). -v shows it, named by the file; the
# HTML parser's messages, for a page or an item's HTML, likewise.
printf '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY e "&#38;foo">]>\n<rss version="2.0"><channel><item><guid>a</guid><link href="&e;">x</link><description>one</description></item></channel></rss>\n' > "$T/ent.xml"
expect_status 0 "$GALLEY" run -q -e "read-feed path=$T/ent.xml ! export-jsonl path=-"
expect_lines 1 "$T/out"
[ -s "$T/err" ] && { cat "$T/err" >&2; fail "stderr not empty under -q"; }
GALLEY_NO_JOURNAL=1 expect_status 0 "$GALLEY" run -v -e "read-feed path=$T/ent.xml ! export-jsonl path=-"
expect_grep "galley: $T/ent.xml: libxml2: unterminated entity reference foo" "$T/err"
expect_grep "galley: $T/ent.xml: recovered from 1 XML error, the first at line 3: EntityRef: expecting ';'" "$T/err"
# an error libxml2 goes on after without a fatal level (a namespace
# prefix never declared) is counted and named the same way
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n<item><title>A</title><link>http://x/a</link><foo:bar>x</foo:bar><description>Text a.</description></item>\n</channel></rss>\n' > "$T/ns.xml"
expect_status 0 "$GALLEY" run -e "read-feed path=$T/ns.xml ! export-jsonl path=-"
expect_lines 1 "$T/out"
expect_grep "galley: $T/ns.xml: recovered from 1 XML error, the first at line 3: Namespace prefix foo on bar is not defined" "$T/err"
printf '<p>One</foo> two.</p>' > "$T/end-tag.html"
GALLEY_NO_JOURNAL=1 expect_status 0 "$GALLEY" run -v -e "read-html path=$T/end-tag.html extract=page ! export-jsonl path=-"
expect_grep "galley: $T/end-tag.html: libxml2: Unexpected end tag : foo" "$T/err"
printf '<rss version="2.0"><channel><item><guid>a</guid><description>&lt;p>One&lt;/foo> two.&lt;/p></description></item></channel></rss>' > "$T/end-tag.xml"
GALLEY_NO_JOURNAL=1 expect_status 0 "$GALLEY" run -v -e "read-feed path=$T/end-tag.xml ! export-jsonl path=-"
expect_grep "galley: $T/end-tag.xml item 1: libxml2: Unexpected end tag : foo" "$T/err"
expect_status 0 "$GALLEY" run -q -e "read-feed path=$T/end-tag.xml ! export-jsonl path=-"
[ -s "$T/err" ] && { cat "$T/err" >&2; fail "stderr not empty under -q"; }

# A glob whose directory does not exist (yet): galley validate warns, as
# for a glob that matches nothing, and exits 0; the run fails at its first
# read (tests/cron/failed-run.sh). The stage used to fail to build.
for r in read-html read-feed; do
  expect_status 0 "$GALLEY" validate -e "$r path=$T/no-such-dir/*.x ! export-jsonl path=-"
  expect_grep "galley: warning: -e: stage 1 ($r) path: no file matches '$T/no-such-dir/*.x' yet" "$T/err"
  expect_lines 1 "$T/err"
  expect_status 4 "$GALLEY" run -e "$r path=$T/no-such-dir/*.x ! export-jsonl path=-"
  expect_lines 1 "$T/err"
  expect_grep "galley: error: $T/no-such-dir/*.x: no such file or no matching files" "$T/err"
done

exit 0
