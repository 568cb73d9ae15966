#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Every output format of status and stats on each fixture tree (copies of
# real kernels' sysfs and proc files, see each fixture's SOURCE), diffed
# against the expected files. UPDATE_EXPECTED=1 rewrites them (review the
# diff before committing).
. "$top_srcdir/tests/unit/lib.sh"

run_case() { # run_case FIXTURE NAME ARGS...
	local fx=$1 name=$2 exp out
	shift 2
	exp=$top_srcdir/tests/unit/expected/$fx/$name
	out=$tmpdir/$fx.$name
	"$ZSWAPCTL" --sysroot "$fixtures_dir/$fx" "$@" >"$out" 2>"$out.err"
	echo "exit $?" >>"$out"
	# The report time is the only thing that differs between runs.
	sed -i 's/"time": *"[^"]*"/"time": "TIME"/' "$out"
	if [ "${UPDATE_EXPECTED:-}" = 1 ]; then
		mkdir -p "${exp%/*}"
		cp "$out" "$exp"
	fi
	if diff -u "$exp" "$out" >"$out.diff" 2>&1; then
		ok "$fx: zswapctl $*"
	else
		not_ok "$fx: zswapctl $*"
		sed 's/^/# /' "$out.diff" | head -40
	fi
}

nfixtures=0
for dir in "$fixtures_dir"/*/; do
	fx=$(basename "$dir")
	[ -f "$dir/SOURCE" ] || continue
	nfixtures=$((nfixtures + 1))
	run_case "$fx" status status
	run_case "$fx" status-bytes-raw status --bytes --raw
	run_case "$fx" status-all-json status --output-all --json
	run_case "$fx" status-columns status -o NAME,DATA,COMPR,TOTAL,ALGORITHM --noheadings
	run_case "$fx" stats-table stats
	run_case "$fx" stats-json stats --json
	run_case "$fx" stats-prometheus stats --format=prometheus
	run_case "$fx" swap-ops-status swap-ops status

	"$ZSWAPCTL" --sysroot "$dir" stats --json >"$tmpdir/doc.json" 2>/dev/null
	check "$fx: stats --json is valid against the schema" validate_json "$tmpdir/doc.json"
	# With a second device in a copy, so that a name that filters nothing
	# cannot pass: the fixtures have zram0 alone.
	two=$tmpdir/two-$fx
	cp -r "$dir" "$two"
	cp -r "$two/sys/block/zram0" "$two/sys/block/zram1"
	"$ZSWAPCTL" --sysroot "$two" stats --json zram1 >"$tmpdir/one.json" 2>/dev/null
	check "$fx: stats --json zram1, of zram0 and zram1, reports exactly zram1" \
		test "$(json_get "$tmpdir/one.json" "','.join(x['name'] for x in d['devices'])")" = zram1
	"$ZSWAPCTL" --sysroot "$two" stats --json >"$tmpdir/both.json" 2>/dev/null
	check "$fx: stats --json of zram0 and zram1 reports both" \
		test "$(json_get "$tmpdir/both.json" "','.join(x['name'] for x in d['devices'])")" = zram0,zram1

	# Prometheus text: every sample's family has HELP and TYPE before it,
	# each family once (what node_exporter's textfile collector demands).
	"$ZSWAPCTL" --sysroot "$dir" stats --format=prometheus >"$tmpdir/prom" 2>/dev/null
	check "$fx: prometheus text is well formed" awk '
		/^# HELP / { if (help[$3]++) bad = 1; next }
		/^# TYPE / { if (type[$3]++ || !help[$3] || ($4 != "gauge" && $4 != "counter")) bad = 1; next }
		/^[a-z_][a-z0-9_]*(\{[^}]*\})? -?[0-9.e+-]+$/ { n = $1; sub(/\{.*/, "", n); if (!type[n]) bad = 1; next }
		{ bad = 1 }
		END { exit bad }' "$tmpdir/prom"
	if command -v promtool >/dev/null; then
		check "$fx: promtool check metrics accepts the page (names, units, _total)" \
			eval 'promtool check metrics <"$tmpdir/prom" >"$tmpdir/promtool" 2>&1 && [ ! -s "$tmpdir/promtool" ]'
	else
		skip "$fx: promtool check metrics" "promtool not installed (Debian: prometheus)"
	fi
done
check "at least two fixture trees" test "$nfixtures" -ge 2

# Options and exit codes that do not depend on the tree.
fx=$(ls "$fixtures_dir" | head -n 1)
"$ZSWAPCTL" --sysroot "$fixtures_dir/$fx" status -o NAME,BOGUS >/dev/null 2>"$tmpdir/err"
check "unknown column: exit 2" test $? -eq 2
check "unknown column: message names it" grep -q "unknown column 'BOGUS'" "$tmpdir/err"
"$ZSWAPCTL" --sysroot "$fixtures_dir/$fx" stats zram99 >/dev/null 2>"$tmpdir/err"
check "missing device: exit 1" test $? -eq 1
check "missing device: message names it and what to do" grep -q "zram99: no such zram device; list them" "$tmpdir/err"
"$ZSWAPCTL" --sysroot "$fixtures_dir/$fx" stats --format=xml >/dev/null 2>&1
check "bad --format: exit 2" test $? -eq 2
"$ZSWAPCTL" --sysroot "$fixtures_dir/$fx" stats -n 3 >/dev/null 2>&1
check "--count without --interval: exit 2" test $? -eq 2
"$ZSWAPCTL" --sysroot "$fixtures_dir/$fx" frobnicate >/dev/null 2>"$tmpdir/err"
check "unknown command: exit 2" test $? -eq 2
"$ZSWAPCTL" --sysroot relative/path status >/dev/null 2>&1
check "relative --sysroot: exit 2" test $? -eq 2
"$ZSWAPCTL" --sysroot "$tmpdir/empty" status >/dev/null 2>"$tmpdir/err"
check "no zram at all: exit 3" test $? -eq 3
check "no zram at all: says how to load it" grep -q "modprobe zram" "$tmpdir/err"
# A device named on a kernel without zram: the same exit 3, not 1 ("no such
# device"), and the device in the message.
for cmd in "status zram0" "stats zram0" "writeback zram0" "swap-ops status zram0"; do
	# shellcheck disable=SC2086 # the command's words
	"$ZSWAPCTL" --sysroot "$tmpdir/empty" $cmd >/dev/null 2>"$tmpdir/err"
	rc=$?
	check "no zram at all, $cmd: exit 3 ($rc), names the device" \
		eval 'test $rc = 3 && grep -q "zram0: zram is not available in this kernel" "$tmpdir/err"'
done
"$ZSWAPCTL" --version | grep -q '^zswapctl [0-9]'
check "--version" test $? -eq 0

# --output FILE: the same report, written to a temporary file in FILE's
# directory and renamed over FILE; nothing on standard output.
fxd=$fixtures_dir/patched-6.12.117
mkdir -p "$tmpdir/textfile"
echo old >"$tmpdir/textfile/zswapctl.prom"
"$ZSWAPCTL" --sysroot "$fxd" stats --format=prometheus --output "$tmpdir/textfile/zswapctl.prom" \
	>"$tmpdir/out" 2>"$tmpdir/err"
check "--output: exit 0" test $? -eq 0
"$ZSWAPCTL" --sysroot "$fxd" stats --format=prometheus >"$tmpdir/prom.stdout" 2>/dev/null
check "--output: the file replaced holds the page, standard output nothing" eval \
	'cmp -s "$tmpdir/textfile/zswapctl.prom" "$tmpdir/prom.stdout" && [ ! -s "$tmpdir/out" ]'
check "--output: no temporary file left behind" test "$(ls -A "$tmpdir/textfile")" = zswapctl.prom
check "--output: readable by the collector (0644)" test "$(stat -c %a "$tmpdir/textfile/zswapctl.prom")" = 644
"$ZSWAPCTL" --sysroot "$fxd" stats --json --output "$tmpdir/textfile/stats.json" 2>/dev/null
check "--output with --json: a valid document" validate_json "$tmpdir/textfile/stats.json"
"$ZSWAPCTL" --sysroot "$fxd" stats --format=prometheus --output "$tmpdir/nodir/zswapctl.prom" 2>"$tmpdir/err"
check "--output into a missing directory: exit 1" test $? -eq 1
check "--output into a missing directory: says where and why" \
	grep -q -- "--output $tmpdir/nodir/zswapctl.prom: .*No such file or directory" "$tmpdir/err"
"$ZSWAPCTL" --sysroot "$fxd" stats -i 1 -n 2 --output "$tmpdir/textfile/x" >/dev/null 2>&1
check "--output with --interval: usage error (exit 2)" test $? -eq 2
mkdir "$tmpdir/textfile/adir"
"$ZSWAPCTL" --sysroot "$fxd" stats --format=prometheus --output "$tmpdir/textfile/adir" 2>"$tmpdir/err"
rc=$?
check "--output naming a directory: exit 1, says so" eval \
	'[ $rc -eq 1 ] && grep -q "adir: not a regular file" "$tmpdir/err"'
check "--output naming a directory: it is left alone, nothing else created" eval \
	'[ -d "$tmpdir/textfile/adir" ] && [ "$(ls -A "$tmpdir/textfile" | tr "\n" " ")" = "adir stats.json zswapctl.prom " ]'

# Interval mode: one JSON document per line, with deltas and rates.
"$ZSWAPCTL" --sysroot "$fixtures_dir/$fx" stats --json -i 0.05 -n 3 >"$tmpdir/lines" 2>/dev/null
check "-i -n 3 prints 3 documents, one a line, each over an interval" "$PYTHON" -c '
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
assert len(docs) == 3 and all(d["interval_seconds"] > 0 for d in docs)' "$tmpdir/lines"
check "-i lines are valid against the schema" validate_json "$tmpdir/lines"
check "-i lines carry deltas (zero on a frozen tree)" \
	test "$(head -n 1 "$tmpdir/lines" | "$PYTHON" -c 'import json,sys; d=json.load(sys.stdin); print(d["delta"]["vmstat"]["pswpin"])')" = 0
# A device removed while stats -i runs: said once, left out, exit 1 (it
# was reported as present with every group null, exit 0).
cp -r "$fixtures_dir/$fx" "$tmpdir/gone-root"
"$ZSWAPCTL" --sysroot "$tmpdir/gone-root" stats --json -i 0.2 -n 4 zram0 >"$tmpdir/lines" 2>"$tmpdir/err" &
gone_pid=$!
# Removed once the first report is out (not after a fixed sleep: a slow
# start must not remove it before stats has named it).
for _ in $(seq 200); do
	[ -s "$tmpdir/lines" ] && break
	sleep 0.05
done
rm -rf "$tmpdir/gone-root/sys/block/zram0"
wait $gone_pid
rc=$?
check "stats -i, the named device removed mid-run: exit 1" test $rc -eq 1
check "stats -i, the named device removed: said once, by name" \
	test "$(grep -c '^zswapctl: warning: zram0: gone (removed since it was named)' "$tmpdir/err")" = 1
check "stats -i, the named device removed: every report printed, the last without it" "$PYTHON" -c '
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
assert len(docs) == 4, len(docs)
assert [d["name"] for d in docs[-1]["devices"]] == [], docs[-1]["devices"]' "$tmpdir/lines"
check "stats -i, the named device removed: documents still valid" validate_json "$tmpdir/lines"
# One report, a device directory without disksize (every zram device has
# it): gone as well, not a device with every counter unknown.
cp -r "$fixtures_dir/$fx" "$tmpdir/gone2-root"
rm "$tmpdir/gone2-root/sys/block/zram0/disksize"
"$ZSWAPCTL" --sysroot "$tmpdir/gone2-root" stats zram0 >/dev/null 2>"$tmpdir/err"
rc=$?
check "stats, a device without disksize: exit 1, said" eval \
	'[ $rc -eq 1 ] && grep -q "zram0: gone" "$tmpdir/err"'
# bench without DEVICE takes the highest-priority swap area that is a zram
# device (the library's name parser decides): a swap file is not one.
cp -r "$fixtures_dir/$fx" "$tmpdir/swapfile-root"
sed -i 's|^/dev/zram0 |/swapfile  |' "$tmpdir/swapfile-root/proc/swaps"
"$ZSWAPCTL" --sysroot "$tmpdir/swapfile-root" bench -n 16 >/dev/null 2>"$tmpdir/err"
check "bench, no zram area among the swaps: exit 1" test $? -eq 1
check "bench, no zram area: says so" grep -q "no zram device is active swap" "$tmpdir/err"
# bench's refusals before it measures (from a review). The copies have no
# proc/sys/vm/page-cluster, so a bench that got past its checks stops at
# setting it (exit 1, said) and never pages anything out on this host.
bench_err() { # bench_err ROOT ARGS...: runs bench, rc in $rc, stderr in err
	local root=$1
	shift
	rm -f "$root/proc/sys/vm/page-cluster"
	"$ZSWAPCTL" --sysroot "$root" bench "$@" >"$tmpdir/out" 2>"$tmpdir/err"
	rc=$?
}
fxb=debian-6.12.117-cloud
cp -r "$fixtures_dir/$fxb" "$tmpdir/zswap-root"
mkdir -p "$tmpdir/zswap-root/sys/module/zswap/parameters"
echo Y >"$tmpdir/zswap-root/sys/module/zswap/parameters/enabled"
bench_err "$tmpdir/zswap-root" -n 16 zram0
check "bench with zswap enabled: exit 1" test $rc -eq 1
check "bench with zswap enabled: names zswap, the device and the way out" eval \
	'grep -q "zswap is enabled: the pages would go to zswap, not to /dev/zram0" "$tmpdir/err" &&
	 grep -qF "echo N > /sys/module/zswap/parameters/enabled" "$tmpdir/err" &&
	 ! grep -q page-cluster "$tmpdir/err"'
echo N >"$tmpdir/zswap-root/sys/module/zswap/parameters/enabled"
bench_err "$tmpdir/zswap-root" -n 16 zram0
check "bench with zswap off: past that check (to vm.page-cluster)" eval \
	'[ $rc -eq 1 ] && ! grep -q "zswap is" "$tmpdir/err" && grep -q "vm.page-cluster" "$tmpdir/err"'
# A round's pages must fit in MemAvailable less 1/8.
cp -r "$fixtures_dir/$fxb" "$tmpdir/mem-root"
sed -i 's/^MemAvailable:.*/MemAvailable:       1000 kB/' "$tmpdir/mem-root/proc/meminfo"
bench_err "$tmpdir/mem-root" -n 4096 zram0
check "bench, pages beyond MemAvailable: exit 1" test $rc -eq 1
check "bench, pages beyond MemAvailable: the sizes and --pages" grep -qF \
	"bench: 4096 pages (16384 KiB) do not fit in memory: 1000 KiB available, 875 KiB of it to use; give fewer --pages" \
	"$tmpdir/err"
bench_err "$tmpdir/mem-root" -n 200 zram0
check "bench, 200 pages in 875 KiB: past the memory check" eval \
	'[ $rc -eq 1 ] && ! grep -q "fit in memory" "$tmpdir/err" && grep -q "vm.page-cluster" "$tmpdir/err"'
done_testing
