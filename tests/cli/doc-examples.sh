#!/bin/sh
# doc-examples.sh: runs every example command of the README and the man
# pages, so the documentation cannot drift from what galley does.
#
# An example is a line starting with "$ " (indented in Markdown, inside
# .EX/.EE in roff) or a crontab line ("*/10 * * * * galley ..."). It runs in
# a scratch directory holding a link to pipelines/, with `galley` on PATH
# meaning the build tree's galley; paths under /var/lib/news and
# /etc/news/news.pipeline are mapped into the scratch directory. It must
# exit 0.
. "$TEST_SRCDIR/lib.sh"

mkdir -p "$T/bin" "$T/work" "$T/var"
printf '#!/bin/sh\nexec "%s" "$@"\n' "$GALLEY" > "$T/bin/galley"
chmod +x "$T/bin/galley"
ln -s "$TOP_SRCDIR/pipelines" "$T/work/pipelines"

extract () {
  # Markdown: indented "$ " lines; roff: "$ " lines with \- and \(aq undone
  sed -n -e 's/^    \$ //p' -e 's/^\$ //p' "$1" | sed -e 's/\\-/-/g' -e "s/\\\\(aq/'/g"
  # crontab lines: the command after the five time fields
  grep -E '^(    )?\*/[0-9]+ \* \* \* \* ' "$1" | sed -E 's/^(    )?([^ ]+ ){5}//' | sed -e 's/\\-/-/g'
}

n=0
for doc in "$TOP_SRCDIR/README.md" "$TOP_SRCDIR/docs/galley.1" "$TOP_SRCDIR/docs/galley.pipeline.5"; do
  extract "$doc" > "$T/examples"
  while IFS= read -r cmd; do
    n=$((n + 1))
    cmd=$(printf '%s' "$cmd" | sed -e "s|/var/lib/news|$T/var|g" \
                                  -e "s|/etc/news/news.pipeline|pipelines/news.pipeline|g")
    rm -rf "$T/work/my-tagger"
    (cd "$T/work" && PATH="$T/bin:$PATH" sh -c "$cmd") > "$T/out" 2> "$T/err" < /dev/null
    status=$?
    if [ "$status" -ne 0 ]; then
      fail "$(basename "$doc"): exit $status: $cmd"
      sed 's/^/  /' "$T/err" | head -10 >&2
    fi
  done < "$T/examples"
done
[ "$n" -ge 10 ] || fail "only $n examples found: is the extraction broken?"

# The quick start's last step, from the top of the tree.
(cd "$TOP_SRCDIR" && "$GALLEY" run pipelines/news.pipeline) > "$T/news.jsonl" 2> "$T/err" \
  || fail "quick start: galley run pipelines/news.pipeline failed"
[ "$(wc -l < "$T/news.jsonl")" -eq 6 ] || fail "quick start: expected 6 articles"

finish
