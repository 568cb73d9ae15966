#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SIGKILL at every step (tests/host/failwrite.c counts the events: before
# and after each sysfs write, the swap header, swapon and swapoff, and
# after the read of hot_add that creates a device). For each event of a
# setup and of a teardown in turn: the killed run dies there, and the next
# run brings the machine to a consistent state: one swap area of the
# configured size, no half-configured device, nothing leaked (a device
# hot_add made is still known as ours, so teardown removes it), no
# journal record that blocks or misleads a later run. This kernel has no
# writeback (no backing_dev): the matrix of an encrypted backing device and
# of writeback runs in the VM, tests/vm/cases/stock/37-kill-matrix.sh.
. "$SRCDIR/tests/host/lib.sh"
Z=$ZSWAPCTL
export ASAN_OPTIONS=verify_asan_link_order=0

next=$(zram_devices | sed 's/zram//' | sort -n | tail -n 1)
a=$((next + 1))
cat >"$tmp/k.conf" <<CONF
[zram$a]
size = 32M
algorithm = lz4
swap-priority = 7
CONF
on_exit "$Z teardown zram$a"
before=$(device_state)
configured() { # the one swap area zram$a must be after a setup
	[ "$(cat /sys/block/zram$a/disksize 2>/dev/null)" = 33554432 ] &&
		grep -q '\[lz4\]' /sys/block/zram$a/comp_algorithm &&
		[ "$(grep -c "^/dev/zram$a " /proc/swaps)" = 1 ] &&
		grep -q "^/dev/zram$a 32764 7$" <(swap_rows)
}

# setup killed at event k, then setup, then teardown
for ((k = 1; k <= 60; k++)); do
	rm -f "$tmp/ev"
	FAILWRITE_EVENTS=$tmp/ev FAILWRITE_KILL_AT=$k LD_PRELOAD=$FAILWRITE \
		"$Z" setup -c "$tmp/k.conf" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 137 ]; then
		check "setup with fewer than $k events ran to the end (exit $rc)" test $rc -eq 0
		"$Z" teardown zram$a >/dev/null 2>&1
		break
	fi
	at=$(sed -n "${k}p" "$tmp/ev" | cut -d' ' -f2-)
	"$Z" setup -c "$tmp/k.conf" >"$tmp/out2" 2>"$tmp/err2"
	rc=$?
	check "setup killed $at: the next setup exits 0 ($(head -c 200 "$tmp/err2"))" test $rc -eq 0
	check "setup killed $at: then zram$a is swap once, 32M, lz4, priority 7" configured
	"$Z" teardown zram$a >"$tmp/out3" 2>"$tmp/err3"
	rc=$?
	check "setup killed $at: teardown exits 0 ($(head -c 200 "$tmp/err3"))" test $rc -eq 0
	after=$(device_state)
	if [ "$after" = "$before" ]; then
		pass "setup killed $at: teardown leaves the machine as before (nothing leaked)"
	else
		fail "setup killed $at: teardown leaves the machine as before (nothing leaked)" \
			"$(diff <(echo "$before") <(echo "$after") | tr '\n' ' ')"
		echo "$a" >/sys/class/zram-control/hot_remove 2>/dev/null
	fi
done
check "the setup matrix had at least 9 kill points ($((k - 1)))" test "$k" -gt 9

# teardown killed at event k, then teardown
for ((k = 1; k <= 60; k++)); do
	"$Z" setup -c "$tmp/k.conf" >/dev/null 2>&1 || { fail "setup before teardown kill $k"; break; }
	rm -f "$tmp/ev"
	FAILWRITE_EVENTS=$tmp/ev FAILWRITE_KILL_AT=$k LD_PRELOAD=$FAILWRITE \
		"$Z" teardown zram$a >/dev/null 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 137 ]; then
		check "teardown with fewer than $k events ran to the end (exit $rc)" test $rc -eq 0
		break
	fi
	at=$(sed -n "${k}p" "$tmp/ev" | cut -d' ' -f2-)
	"$Z" teardown zram$a >"$tmp/out2" 2>"$tmp/err2"
	rc=$?
	check "teardown killed $at: the next teardown exits 0 ($(head -c 200 "$tmp/err2"))" test $rc -eq 0
	after=$(device_state)
	if [ "$after" = "$before" ]; then
		pass "teardown killed $at: then the machine is as before"
	else
		fail "teardown killed $at: then the machine is as before" \
			"$(diff <(echo "$before") <(echo "$after") | tr '\n' ' ')"
		echo "$a" >/sys/class/zram-control/hot_remove 2>/dev/null
	fi
done
check "the teardown matrix had at least 6 kill points ($((k - 1)))" test "$k" -gt 6

# Killed right after hot_add, then a teardown alone (no setup between):
# the device is still known as setup's, and removed.
FAILWRITE_KILL_AT=1 LD_PRELOAD=$FAILWRITE "$Z" setup -c "$tmp/k.conf" >/dev/null 2>&1
check "killed after hot_add: zram$a exists" test -e /sys/block/zram$a
"$Z" teardown -c "$tmp/k.conf" >"$tmp/out" 2>&1
check "killed after hot_add: teardown removes zram$a" test ! -e /sys/block/zram$a
finish
