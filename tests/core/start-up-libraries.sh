#!/bin/sh
# start-up-libraries.sh: the libraries every galley command loads at
# start-up. libgio (with libmount, libselinux and libblkid behind it) was
# linked only for `galley new-plugin`'s template, and loading it was a
# third of the instructions of a run over an empty input; the template is
# compiled in as plain bytes now (core/embed-files.sh), and this keeps
# libgio from coming back through a library the core links.
. "$TOP_SRCDIR/tests/cli/lib.sh"

"$TOP_BUILDDIR/libtool" --mode=execute ldd "$GALLEY" > "$T/ldd" 2>&1 \
  || fail "ldd $GALLEY failed: $(cat "$T/ldd")"
sed -n 's/^[[:space:]]*\(lib[^ ]*\.so[^ ]*\) .*/\1/p' "$T/ldd" \
  | grep -E '^lib(gio|gobject|gmodule|mount|selinux|blkid)-?' > "$T/gio" || true
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
finish
