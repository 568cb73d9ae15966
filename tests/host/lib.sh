# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by the host-tier cases (tests/host/cases/*.sh), which run as root
# on this machine's zram. The runner sets: ZSWAPCTL, HOSTDEV, PAGEOUT,
# FAILWRITE (an LD_PRELOAD object), SRCDIR, CASE (the case's name).
# The vocabulary (pass, fail, check, run, on_exit, $tmp ...) is
# tests/functions.sh; here only what the host cases add to it.
set -u
. "$SRCDIR/tests/functions.sh"
report_result() { echo "$1: host/$CASE/$2${3:+ ($3)}"; }
PY=/usr/bin/python3
jq_py() { "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
make_tmpdir tmp "zswapctl-host-$CASE"

# /proc/swaps rows as "DEVICE SIZE_KIB PRIORITY".
swap_rows() { tail -n +2 /proc/swaps | awk '{print $1, $3, $5}' | sort; }
# swaps_file: the same rows in a file, for expect_grep
swaps_file() { swap_rows >"$tmp/swap-rows"; echo "$tmp/swap-rows"; }
zram_devices() { ls -d /sys/block/zram* 2>/dev/null | sed 's|.*/||' | sort; }
# Everything setup may change on a device, for before/after comparisons.
device_state() {
	local d
	for d in $(zram_devices); do
		printf '%s %s %s\n' "$d" "$(cat /sys/block/$d/disksize)" \
			"$(sed 's/.*\[\(.*\)\].*/\1/' /sys/block/$d/comp_algorithm)"
	done
	swap_rows
}
