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

# From a review: a run whose paths all have n = 0 left an empty PNG and a
# gnuplot syntax error; an output directory with a ' in it broke gnuplot.
f=$top_srcdir/tests/bench/results/vm-patched-nobd.json
"$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
for side in d["sides"]:
    for p in side["paths"].values():
        p["n"] = 0
        p["percentiles"] = []
json.dump(d, open(sys.argv[2], "w"))' "$f" "$tmpdir/empty.json"
TMPDIR=$tmpdir "$top_srcdir/tests/bench/plot" -o "$tmpdir/empty-plots" "$tmpdir/empty.json" >"$tmpdir/out" 2>"$tmpdir/err"
rc=$?
check "plot, no samples: exit 1" test $rc -eq 1
check "plot, no samples: says so, naming the file" \
	test "$(cat "$tmpdir/err")" = "plot: $tmpdir/empty.json: no samples to plot"
check "plot, no samples: no picture, nothing on stdout" \
	eval '[ ! -e "$tmpdir/empty-plots" ] && [ ! -s "$tmpdir/out" ]'

odd="$tmpdir/it's \\ \"odd\""
mkdir -p "$odd"
TMPDIR=$odd "$top_srcdir/tests/bench/plot" -o "$odd/plots" -t "a 'title' with \\ and \"" "$f" \
	>"$tmpdir/out" 2>"$tmpdir/err"
rc=$?
check "plot into a directory with quotes and a backslash: exit 0 ($(head -c 200 "$tmpdir/err"))" test $rc -eq 0
check "plot into that directory: the PNG and the SVG" \
	eval '[ -s "$odd/plots/vm-patched-nobd.png" ] && [ -s "$odd/plots/vm-patched-nobd.svg" ]'
check "plot: the title as given, quotes and backslash" \
	grep -qF "a 'title' with \\ and \"" "$odd/plots/vm-patched-nobd.svg"
"$top_srcdir/tests/bench/plot" >/dev/null 2>&1
check "plot without a file: usage (exit 2)" test $? -eq 2
done_testing
