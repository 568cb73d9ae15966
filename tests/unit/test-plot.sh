#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/bench/plot on the committed bench runs (tests/bench/results): it
# makes a PNG and an SVG of each, into a directory of the test's own.
# (What the picture says is the benchmark's business, not a test's.)
. "$top_srcdir/tests/unit/lib.sh"

if ! command -v gnuplot >/dev/null; then
	skip "plot" "gnuplot not installed (Debian: gnuplot-nox; tests/install-deps)"
	done_testing
	exit 0
fi
n=0
for f in "$top_srcdir"/tests/bench/results/*.json; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	name=$(basename "$f" .json)
	TMPDIR=$tmpdir "$top_srcdir/tests/bench/plot" -o "$tmpdir/plots" "$f" >"$tmpdir/out" 2>"$tmpdir/err"
	rc=$?
	check "plot $name.json: exit 0 ($(head -c 200 "$tmpdir/err"))" test $rc -eq 0
	check "plot $name.json: a PNG" eval \
		'[ "$(head -c 8 "$tmpdir/plots/$name.png" | od -An -c | tr -d " ")" = "211PNG\r\n032\n" ]'
	check "plot $name.json: an SVG with a curve per path and side" "$PYTHON" -c '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag.endswith("svg")
text = open(sys.argv[1]).read()
assert "zspool" in text and "latency distribution" in text' "$tmpdir/plots/$name.svg"
	check "plot $name.json: nothing else written" test "$(ls "$tmpdir/plots" | wc -l)" -eq $((2 * n))
done
check "at least one committed run to plot" test "$n" -ge 1
"$top_srcdir/tests/bench/plot" >/dev/null 2>&1
check "plot without a file: usage (exit 2)" test $? -eq 2
done_testing
