#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# /init of the test VM built by tests/vm/run (busybox sh, PID 1).
#
# Runs every /zvm/cases/*.sh in turn, each in its own session with a timeout,
# then powers off. Protocol lines go to /dev/kmsg so that they reach the
# console in order with kernel messages (the host reads them from there):
#   zvm: boot ...             init is up
#   zvm: begin CASE           a case starts
#   zvm: result LINE          a result line of the case (written by lib.sh)
#   zvm: end CASE rc=N [timeout]
#   zvm: done                 every case ran
# The cases' own output goes to the console as it is written.

export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts /dev/shm
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tmpfs -o mode=755 tmpfs /run
mount -t tmpfs tmpfs /dev/shm
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
# the initramfs has no /dev/console node: take the console from devtmpfs
exec </dev/console >/dev/console 2>&1

zlog() {
	# one record per line, notice level: shown on the console
	echo "<5>zvm: $*" >/dev/kmsg
}

# shellcheck source=/dev/null
. /zvm/env

# what the bed itself needs: the scratch disks (zram and loop are left to the
# cases, which test loading them)
for m in virtio_blk; do
	[ -d "/sys/module/$m" ] || modprobe "$m" 2>/dev/null
done
i=0
for d in $ZVM_DISKS; do
	while [ ! -b "$d" ] && [ $i -lt 100 ]; do
		usleep 100000
		i=$((i + 1))
	done
	[ -b "$d" ] || echo "zvm: $d did not appear" >/dev/console
done

zlog "boot tier=$ZVM_TIER kernel=$(uname -r) cpus=$(nproc)"

cleanup_case() {
	swapoff -a 2>/dev/null
	for z in /sys/block/zram*; do
		[ -e "$z/reset" ] && echo 1 >"$z/reset" 2>/dev/null
	done
	sync
}

for c in /zvm/cases/*.sh; do
	[ -f "$c" ] || continue
	name=${c##*/}
	name=${name%.sh}
	t=$(sed -n 's/^# *zvm-timeout: *\([0-9][0-9]*\).*/\1/p' "$c" | head -n 1)
	[ -n "$t" ] || t=$ZVM_CASE_TIMEOUT

	work=/tmp/zvm-work/$name
	mkdir -p "$work"
	res=/tmp/zvm-results.$name
	: >"$res"
	rm -f /tmp/zvm-timedout

	zlog "begin $name timeout=$t"
	(
		cd "$work" || exit 1
		export ZVM_CASE="$name" ZVM_RESULTS="$res" ZVM_WORK="$work" ZVM_KMSG=1
		exec setsid sh "$c" </dev/null
	) &
	pid=$!
	(
		sleep "$t"
		: >/tmp/zvm-timedout
		kill -KILL -"$pid" 2>/dev/null
		kill -KILL "$pid" 2>/dev/null
	) >/dev/null 2>&1 &
	dog=$!
	wait "$pid"
	rc=$?
	kill -KILL "$dog" 2>/dev/null
	wait "$dog" 2>/dev/null
	# whatever the case left running in its session
	kill -KILL -"$pid" 2>/dev/null

	cleanup_case
	if [ -e /tmp/zvm-timedout ]; then
		zlog "end $name rc=$rc timeout"
	else
		zlog "end $name rc=$rc"
	fi
done

zlog "done"
sync
poweroff -f
sleep 5
echo o >/proc/sysrq-trigger
