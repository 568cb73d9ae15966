#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# setup's plan on copies of the fixture trees (--dry-run --json: computing
# the plan reads the tree and changes nothing): which steps, in which order,
# and which refusals, for configurations against real kernels' state.
. "$top_srcdir/tests/unit/lib.sh"

host=$tmpdir/host     # 6.18: zram0 64M lzo-rle, active swap (priority -2), no writeback
stock=$tmpdir/stock   # 6.12: zram0 64M zstd on /dev/vda, active swap
patched=$tmpdir/patched
cp -r "$fixtures_dir/host-6.18" "$host"
cp -r "$fixtures_dir/debian-6.12.117-cloud" "$stock"
cp -r "$fixtures_dir/patched-6.12.117" "$patched"

conf() { printf '%b' "$2" >"$tmpdir/$1.conf"; echo "$tmpdir/$1.conf"; }
# plan ROOT CONF [ARGS...]: the steps as "action device attribute=value" lines
plan() {
	local root=$1 c=$2
	shift 2
	"$ZSWAPCTL" --sysroot "$root" setup --dry-run --json -c "$c" "$@" >"$tmpdir/plan.json" 2>"$tmpdir/plan.err"
	echo $? >"$tmpdir/plan.rc"
	"$PYTHON" - "$tmpdir/plan.json" <<'PY' 2>/dev/null
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception:
    sys.exit(0)
for s in d["steps"]:
    line = s["action"] + " " + s.get("device", "-")
    if "attribute" in s:
        line += " %s=%s" % (s["attribute"], s["value"])
    if "priority" in s:
        line += " priority=%d" % s["priority"]
    print(line)
PY
}
rc() { cat "$tmpdir/plan.rc"; }

c=$(conf same '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n')
check "as live: no step" test -z "$(plan "$host" "$c")"
check "as live: exit 0" test "$(rc)" = 0

c=$(conf limit '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\nmem-limit = 32M\n')
check "mem-limit: one write, no reset" test "$(plan "$host" "$c")" = "write zram0 mem_limit=33554432"

c=$(conf prio '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = 10\n')
plan "$host" "$c" >/dev/null
check "new priority while in use: refused (exit 1)" test "$(rc)" = 1
check "new priority while in use: says why and --force" grep -q "zram0: swap priority -2 -> 10, which needs swapoff.*--force" "$tmpdir/plan.err"
check "new priority --force: swapoff, swapon" \
	test "$(plan "$host" "$c" --force | tr '\n' ';')" = "swapoff zram0;swapon zram0 priority=10;"

c=$(conf size '[zram0]\nsize = 128M\nalgorithm = lz4\nswap-priority = 100\n')
plan "$host" "$c" >/dev/null
check "resize while in use: refused (exit 1)" test "$(rc)" = 1
check "resize --force: the kernel's order" \
	test "$(plan "$host" "$c" --force | tr '\n' ';')" = "swapoff zram0;reset zram0;write zram0 comp_algorithm=lz4;write zram0 disksize=134217728;swap-header zram0;swapon zram0 priority=100;"

c=$(conf new '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n[zram1]\nsize = 32M\nalgorithm = zstd lz4\nmem-limit = 8M\n')
check "a new device: hot_add, configure, swapon; the known one untouched" \
	test "$(plan "$host" "$c" | tr '\n' ';')" = "hot-add zram1;write zram1 comp_algorithm=lz4;write zram1 disksize=33554432;write zram1 mem_limit=8388608;swap-header zram1;swapon zram1 priority=100;"
check "only the device named on the command line" \
	test "$(plan "$host" "$c" zram0)" = ""
plan "$host" "$c" zram7 >/dev/null
check "a device not in the configuration: exit 2" test "$(rc)" = 2

c=$(conf wb '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\nbacking-device = /dev/vda\n')
plan "$host" "$c" --force >/dev/null
check "backing device without kernel writeback: exit 3" test "$(rc)" = 3
check "backing device without kernel writeback: names the config line" grep -q "wb.conf:5).*CONFIG_ZRAM_WRITEBACK" "$tmpdir/plan.err"

c=$(conf on '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\nswap-ops = on\n')
plan "$host" "$c" >/dev/null
check "swap-ops = on without the series: exit 3" test "$(rc)" = 3

c=$(conf nozstd '[zram0]\nsize = 64M\nalgorithm = zstd\n')
plan "$host" "$c" --force >/dev/null
check "an algorithm the kernel lacks: exit 3" test "$(rc)" = 3

# zswap in front of zram: a warning, or a step with zswap = disable.
mkdir -p "$host/sys/module/zswap/parameters"
echo Y >"$host/sys/module/zswap/parameters/enabled"
c=$(conf same2 '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n')
"$ZSWAPCTL" --sysroot "$host" setup --dry-run -c "$c" >/dev/null 2>"$tmpdir/err"
check "zswap enabled: setup warns and says how to turn it off" grep -q "zswap is enabled in front of zram.*zswap = disable" "$tmpdir/err"
c=$(conf zsoff '[zswapctl]\nzswap = disable\n[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n')
check "zswap = disable: a zswap-off step" test "$(plan "$host" "$c")" = "zswap-off -"

# The stock kernel: the backing device compared by device, writeback limit.
c=$(conf stock '[zram0]\nsize = 64M\nalgorithm = zstd\nswap-priority = -1\nbacking-device = /dev/vda\n')
mkdir -p "$stock/dev"
if mknod "$stock/dev/vda" b 254 0 2>/dev/null; then
	check "stock, as live with its backing device: no step" test -z "$(plan "$stock" "$c")"
	c=$(conf stock2 '[zram0]\nsize = 64M\nalgorithm = zstd\nswap-priority = -1\nbacking-device = /dev/vda\nwriteback-limit = 1M\n')
	check "stock, a writeback limit: enable, then the limit in pages" \
		test "$(plan "$stock" "$c" | tr '\n' ';')" = "write zram0 writeback_limit_enable=1;write zram0 writeback_limit=256;"
else
	skip "stock backing device (mknod not permitted here)"
	skip "stock writeback limit (mknod not permitted here)"
fi

# The patched kernel: swap-ops auto turns a switch that is off back on.
echo off >"$patched/sys/block/zram0/swap_ops"
c=$(conf patched '[zram0]\nsize = 64M\nalgorithm = zstd\nswap-priority = -1\nbacking-device = /dev/vda\n')
mkdir -p "$patched/dev"
mknod "$patched/dev/vda" b 254 0 2>/dev/null
check "patched, swap_ops off and swap-ops = auto: switch it on" \
	test "$(plan "$patched" "$c")" = "write zram0 swap_ops=on"

# Without zram: load the module with one device per configured number.
mkdir -p "$tmpdir/nozram/proc" "$tmpdir/nozram/sys/block"
cp "$host/proc/meminfo" "$tmpdir/nozram/proc/"
c=$(conf two '[zram0]\nsize = 16M\n[zram1]\nsize = 16M\n')
check "no zram loaded: load-module first" test "$(plan "$tmpdir/nozram" "$c" | head -n 1)" = "load-module -"
check "no zram loaded: num_devices covers zram1" grep -q '"options": "num_devices=2"' "$tmpdir/plan.json"

# zswapctl.disable on the kernel command line: nothing at all.
echo "root=/dev/vda zswapctl.disable quiet" >"$host/proc/cmdline"
"$ZSWAPCTL" --sysroot "$host" setup -c "$tmpdir/size.conf" >"$tmpdir/out" 2>&1
check "zswapctl.disable: exit 0" test $? -eq 0
check "zswapctl.disable: says so" grep -q "zswapctl.disable is on the kernel command line" "$tmpdir/out"
"$ZSWAPCTL" --sysroot "$host" setup --dry-run --json -c "$tmpdir/size.conf" >"$tmpdir/out" 2>&1
check "zswapctl.disable with --json: an empty plan as JSON" \
	test "$(json_get "$tmpdir/out" 'len(d["steps"]) == 0 and d["dry_run"] and not d["changed"]')" = True
rm "$host/proc/cmdline"

# One device-name rule for setup and status (zswapctl(8)): no leading zeros.
c=$(conf names '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n')
for name in zram0 /dev/zram0 0; do
	plan "$host" "$c" "$name" >/dev/null
	check "setup --dry-run $name: exit 0" test "$(rc)" = 0
done
for name in zram00 zram01 00; do
	plan "$host" "$c" "$name" >/dev/null
	setup_rc=$(rc)
	"$ZSWAPCTL" --sysroot "$host" status "$name" >/dev/null 2>"$tmpdir/status.err"
	status_rc=$?
	check "$name names no device, for setup ($setup_rc) as for status ($status_rc)" \
		test "$setup_rc" != 0 -a "$status_rc" != 0
done
check "status says what a device name is" grep -q "zramN, /dev/zramN or N" "$tmpdir/status.err"
done_testing
