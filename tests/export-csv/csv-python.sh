#!/bin/sh
# csv-python.sh: export-csv output of awkward values (quotes, delimiters,
# CR, LF, CRLF, formula starters, non-ASCII) parses back exactly with
# Python's csv module in strict mode, for each delimiter and line end.
# Skipped (77) when python3 is not installed.
set -eu

PYTHON=${PYTHON3:-python3}
if ! command -v "$PYTHON" >/dev/null 2>&1 || [ "$PYTHON" = no ]; then
  echo "SKIP: python3 not found"
  exit 77
fi
SAMPLE=${TEST_BUILDDIR:-.}/csv-sample
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check () {
  delim=$1; shift
  "$SAMPLE" "$tmp/out.csv" "$tmp/expected.json" "$@"
  "$PYTHON" - "$tmp/out.csv" "$tmp/expected.json" "$delim" <<'PY'
import csv, json, sys
path, expected_path, delim = sys.argv[1], sys.argv[2], sys.argv[3]
with open(path, newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f, delimiter=delim, strict=True))
with open(expected_path, encoding='utf-8') as f:
    expected = json.load(f)
if rows != expected:
    for i, (a, b) in enumerate(zip(rows, expected)):
        if a != b:
            sys.exit("record %d: parsed %r, expected %r" % (i, a, b))
    sys.exit("parsed %d records, expected %d" % (len(rows), len(expected)))
print("ok: %d records with delimiter %r" % (len(rows), delim))
PY
}

check ,
check ';' delimiter=semicolon line-end=lf
check '	' delimiter=tab
check '|' delimiter=pipe formula-guard=false
