#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/vm/bench-three-sides --summarize on boots made from the committed
# bench run: the medians and ratios it prints are those of the JSON it was
# given (the arithmetic, not the benchmark: no VM boots here).
. "$top_srcdir/tests/unit/lib.sh"

out=$tmpdir/three
src=$top_srcdir/tests/bench/results
# Two boots. The no-series side of each is the run's bio side alone, its
# figures scaled by F (so the expected ratios are known): 1.25 and 1.5.
for i in 1 2; do
	mkdir -p "$out/boot-$i/bench" "$out/boot-$i/noseries"
	for run in nobd bd; do
		cp "$src/vm-patched-$run.json" "$out/boot-$i/bench/$run.json"
		"$PYTHON" - "$src/vm-patched-$run.json" "$out/boot-$i/noseries/$run.json" "$i" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
f = {"1": 1.25, "2": 1.5}[sys.argv[3]]
side = [s for s in d["sides"] if s["side"] == "bio"][0]
for p in side["paths"].values():
    p["p50_ns"] = int(p["p50_ns"] * f)
da = side["delay_accounting"]
da["kernel_swapin_delay_ns"] = int(da["kernel_swapin_delay_ns"] * f)
side["swap_out"]["mean_ns"] *= f
side["swap_ops"] = None
d["sides"] = [side]
json.dump(d, open(sys.argv[2], "w"))
PY
	done
done
"$top_srcdir/tests/vm/bench-three-sides" --summarize 2 /nonexistent "$out" >"$tmpdir/summary" 2>"$tmpdir/err"
rc=$?
check "--summarize: exit 0 ($(head -c 200 "$tmpdir/err"))" test $rc -eq 0
check "--summarize writes summary.md as it prints" cmp -s "$tmpdir/summary" "$out/summary.md"
check "the ratios are those of the medians" "$PYTHON" - "$tmpdir/summary" "$src/vm-patched-nobd.json" "$src/vm-patched-bd.json" <<'PY'
import json, sys
rows = {}
for line in open(sys.argv[1]):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) == 11 and cells[0] in ("zspool p50", "swap-in window", "bd p50", "swap-out"):
        rows[cells[0]] = cells
nobd, bd = (json.load(open(f)) for f in sys.argv[2:4])
side = lambda d, s: [x for x in d["sides"] if x["side"] == s][0]
def fig(d, s, metric):
    x = side(d, s)
    if metric == "zspool p50": return x["paths"]["zspool"]["p50_ns"]
    if metric == "bd p50": return x["paths"]["backing-device"]["p50_ns"]
    if metric == "swap-in window":
        da = x["delay_accounting"]; return da["kernel_swapin_delay_ns"] / da["kernel_swapin_count"]
    return x["swap_out"]["mean_ns"]
assert set(rows) == {"zspool p50", "swap-in window", "bd p50", "swap-out"}, rows
for m, cells in rows.items():
    d = bd if m == "bd p50" else nobd
    on, off = fig(d, "swap_ops", m), fig(d, "bio", m)
    # no-series: the bio figure x 1.25 and x 1.5, median of the two = x 1.375
    ns = off * 1.375
    assert cells[1] == "%.1f" % (on / 1000), (m, cells[1], on)
    assert cells[2] == "%.1f" % (off / 1000), (m, cells[2], off)
    assert abs(float(cells[4]) - on / ns) < 0.002, (m, cells[4], on / ns)
    assert abs(float(cells[6]) - 1 / 1.375) < 0.002, (m, cells[6])
    assert cells[7] == "%.2f-%.2f" % (1 / 1.5, 1 / 1.25), (m, cells[7])
    assert abs(float(cells[8]) - on / off) < 0.002, (m, cells[8])
    assert cells[10] == "2/2/2", (m, cells[10])
PY
"$top_srcdir/tests/vm/bench-three-sides" --summarize >/dev/null 2>&1
check "without BOOTS and DESTDIR: usage (exit 2)" test $? -eq 2
done_testing
