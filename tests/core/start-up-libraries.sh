#!/bin/sh
# start-up-libraries.sh: the libraries every galley command loads at
# start-up. libgio (with libmount, libselinux and libblkid behind it) was
# linked only for `galley new-plugin`'s template, and loading it was a
# third of the instructions of a run over an empty input; the template is
# compiled in as plain bytes now (core/embed-files.sh). libsqlite3, built
# with BIND_NOW, bound all its symbols at every start for --state alone;
# it is opened with the first state file now (core/sqlite-load.c). This
# keeps both from coming back through a library the core links.
. "$TOP_SRCDIR/tests/cli/lib.sh"

"$TOP_BUILDDIR/libtool" --mode=execute ldd "$GALLEY" > "$T/ldd" 2>&1 \
  || fail "ldd $GALLEY failed: $(cat "$T/ldd")"
sed -n 's/^[[:space:]]*\(lib[^ ]*\.so[^ ]*\) .*/\1/p' "$T/ldd" \
  | grep -E '^lib(gio|gobject|gmodule|mount|selinux|blkid|sqlite3)[-.]' > "$T/gio" || true
[ -s "$T/gio" ] && fail "galley loads $(tr '\n' ' ' < "$T/gio")"
# and the list read anything at all
expect_grep '^[[:space:]]*libglib-2\.0\.so\.0 ' "$T/ldd"

# `galley new-plugin` still writes the template byte for byte
expect_status 0 "$GALLEY" new-plugin demo-stage --dir "$T/demo"
for f in Makefile.plain autogen.sh; do
  sed 's/keyword-tagger/demo-stage/g; s/keyword_tagger/demo_stage/g' \
    "$TOP_SRCDIR/sdk/template/$f" > "$T/expected-$f"
  cmp -s "$T/expected-$f" "$T/demo/$f" || fail "new-plugin's $f differs from sdk/template/$f"
done
[ -x "$T/demo/autogen.sh" ] || fail "new-plugin's autogen.sh is not executable"

# and SQLite, loaded on demand, still keeps the state: a second run over
# the same input finds its one document unchanged
printf '{"id":"a","text":"Hello."}\n' > "$T/in.jsonl"
expect_status 0 "$GALLEY" run -q --state "$T/state.db" \
  -e "read-jsonl path=$T/in.jsonl ! export-jsonl path=$T/out.jsonl"
expect_file_eq "$T/out.jsonl" '{"id":"a","meta":{},"features":{},"layers":{}}'
expect_status 0 "$GALLEY" run --state "$T/state.db" \
  -e "read-jsonl path=$T/in.jsonl ! export-jsonl path=$T/out.jsonl"
expect_grep '^galley: 1 read, 0 done, 0 rejected, 1 unchanged in ' "$T/err"
finish
