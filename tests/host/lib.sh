# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by the host-tier cases (tests/host/cases/*.sh), which run as root
# on this machine's zram. The runner sets: ZSWAPCTL, HOSTDEV, PAGEOUT,
# FAILWRITE (an LD_PRELOAD object), SRCDIR, CASE (the case's name).
set -u
PY=/usr/bin/python3
case_failures=0
pass() { echo "PASS: host/$CASE/$1"; }
fail() { echo "FAIL: host/$CASE/$1${2:+ ($2)}"; case_failures=$((case_failures + 1)); }
skip() { echo "SKIP: host/$CASE/$1 ($2)"; }
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }
jq_py() { "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

tmp=$(mktemp -d "/tmp/zswapctl-host-$CASE.XXXXXX")
cleanups=()
on_exit() { # run later: last registered first
	cleanups=("$*" "${cleanups[@]}")
}
run_cleanups() {
	for c in "${cleanups[@]}"; do eval "$c" >/dev/null 2>&1; done
	rm -rf "$tmp"
}
trap run_cleanups EXIT
trap 'exit 1' INT TERM

# /proc/swaps rows as "DEVICE SIZE_KIB PRIORITY".
swap_rows() { tail -n +2 /proc/swaps | awk '{print $1, $3, $5}' | sort; }
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
