# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
# Sourced by a vm-boot case's check script in the booted VM: the shared
# vocabulary (tests/functions.sh), results as lines on /dev/ttyS1, and what
# a user would look at after boot.
. /zvm-boot/functions.sh
ZVM_TIER=$(cat /zvm-boot/tier)
report_result() {
	case $1 in
	PASS) echo "PASS: $2" ;;
	FAIL) echo "FAIL: $2 (${3:-})" ;;
	SKIP) echo "SKIP: $2 (${3:-})" ;;
	esac | tee -a /dev/ttyS1
}
make_tmpdir tmp zvm-boot

# What was said, for the logs (the console).
show() {
	echo "---- $*"
	"$@" 2>&1
}
show cat /proc/swaps
show systemctl --no-pager status zswapctl.service
show journalctl --no-pager -b -u zswapctl.service
show systemd-analyze critical-chain --no-pager zswapctl.service
journalctl --no-pager -b -u zswapctl.service >"$tmp/journal" 2>&1

# swap_on DEV: DEV is active swap
swap_on() { grep -q "^/dev/$1 " /proc/swaps; }
# backing_store ZRAM: the device below ZRAM's backing_dev. Setup puts a
# dm-crypt mapping named zswapctl-ZRAM over backing storage by default:
# its one slave is the disk (or loop device) the configuration named.
backing_store() {
	b=$(cat "/sys/block/$1/backing_dev")
	case $b in
	/dev/dm-*)
		d=/sys/block/${b#/dev/}
		if [ "$(cat "$d/dm/name")" != "zswapctl-$1" ]; then
			echo "$b (a mapping that is not zswapctl-$1)"
			return
		fi
		echo "/dev/$(ls "$d/slaves")" ;;
	*) echo "$b (not encrypted)" ;;
	esac
}
# active_at UNIT: when UNIT became active, monotonic microseconds (0: never)
active_at() { systemctl show -p ActiveEnterTimestampMonotonic --value "$1"; }
# started_at UNIT: when UNIT began to start (left inactive; 0: never). For
# a oneshot service, becoming active is the end of its run, not its start.
started_at() { systemctl show -p InactiveExitTimestampMonotonic --value "$1"; }
# before UNIT-A UNIT-B: A became active no later than B
before() {
	a=$(active_at "$1") b=$(active_at "$2")
	[ "${a:-0}" -gt 0 ] && [ "${b:-0}" -gt 0 ] && [ "$a" -le "$b" ]
}
# there_before_start UNIT-A UNIT-B: A was active when B began to start
there_before_start() {
	a=$(active_at "$1") b=$(started_at "$2")
	[ "${a:-0}" -gt 0 ] && [ "${b:-0}" -gt 0 ] && [ "$a" -le "$b" ]
}
