#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 1200
#
# SIGKILL at every step where the host cannot go: an encrypted file:
# backing device (loop attach, the dm-crypt mapping's create, table load
# and resume, backing_dev) and writeback. tests/host/failwrite.c, preloaded,
# counts the events (before and after each sysfs write, device-mapper and
# loop ioctl, swap header, swapon, swapoff) and kills the run at event K.
# For every K of a setup, a teardown and a writeback in turn, the next run
# must bring the machine to a consistent state: after a setup zram0 is swap
# once, at its size, over one mapping over one loop device of the backing
# file; after a teardown no dm mapping, no loop device, no swap, no
# disksize; written-back pages read back intact; no journal record blocks
# or misleads the next run (after a setup the crypt and loop records are
# there, after a teardown none of zram0's). (tests/host/cases/
# 60-kill-matrix.sh is the same for what the host has: no backing device.)
. /zvm/lib.sh
need_cmd zswapctl
FAILWRITE=/usr/lib/zswapctl-tests/failwrite.so
need_file "$FAILWRITE"
load_zram || exit 0
modprobe loop 2>/dev/null
for m in dm_mod dm_crypt xts; do
	modprobe "$m" 2>/dev/null || { skip kill-matrix "modprobe $m failed"; finish; exit 0; }
done
# the sanitizer build: the preloaded library comes before libasan
export ASAN_OPTIONS=verify_asan_link_order=0
make_tmpdir tmp zvm-kill-matrix
img=$tmp/k.img
printf '[zram0]\nsize = 32M\nalgorithm = lz4\nbacking-device = file:%s:16M\n' "$img" >"$tmp/k.conf"
on_exit "zswapctl teardown -c $tmp/k.conf"

dm_count() { ls -d /sys/block/dm-* 2>/dev/null | wc -l; }
loops_of_img() { grep -l "^$img" /sys/block/loop*/loop/backing_file 2>/dev/null | wc -l; }
swap_count() { grep -c '^/dev/zram0 ' /proc/swaps; }
# zram0's records in libzswapctl's journal, sorted, on one line
journal() { (cd /run/zswapctl 2>/dev/null && ls -d zram0.* 2>/dev/null) | sort | tr '\n' ' ' | sed 's/ $//'; }
# configured: what a setup must leave, or why not
configured() {
	_m=$(grep -l '^zswapctl-zram0$' /sys/block/dm-*/dm/name 2>/dev/null | cut -d/ -f4)
	[ "$(zram_attr zram0 disksize)" = 33554432 ] || { echo "disksize $(zram_attr zram0 disksize)"; return 1; }
	[ "$(zram_attr zram0 backing_dev)" = /dev/mapper/zswapctl-zram0 ] ||
		{ echo "backing_dev $(zram_attr zram0 backing_dev)"; return 1; }
	[ "$(swap_count)" = 1 ] || { echo "$(swap_count) swap areas on zram0"; return 1; }
	[ "$(dm_count)" = 1 ] && [ -n "$_m" ] || { echo "$(dm_count) dm devices"; return 1; }
	case $(cat /sys/block/"$_m"/dm/uuid) in CRYPT-*) ;; *) echo "$_m is not dm-crypt"; return 1 ;; esac
	[ "$(loops_of_img)" = 1 ] || { echo "$(loops_of_img) loop devices of the file"; return 1; }
	# the journal knows both, for teardown to remove them
	for _r in zram0.crypt zram0.loop; do
		case " $(journal) " in *" $_r "*) ;; *) echo "no $_r in the journal: $(journal)"; return 1 ;; esac
	done
	echo ok
}
# clean: what a teardown must leave (the backing file is kept, by design)
clean() {
	[ "$(dm_count)" = 0 ] || { echo "$(dm_count) dm devices left"; return 1; }
	[ "$(loops_of_img)" = 0 ] || { echo "$(loops_of_img) loop devices left"; return 1; }
	[ "$(swap_count)" = 0 ] || { echo "zram0 still swap"; return 1; }
	[ "$(zram_attr zram0 disksize)" = 0 ] || { echo "disksize $(zram_attr zram0 disksize)"; return 1; }
	[ -z "$(journal)" ] || { echo "journal records left: $(journal)"; return 1; }
	echo ok
}
# killed_at K COMMAND...: run COMMAND with the kill at event K; sets rc
# and at (what event K was)
killed_at() {
	_k=$1
	shift
	rm -f "$tmp/ev"
	FAILWRITE_EVENTS=$tmp/ev FAILWRITE_KILL_AT=$_k LD_PRELOAD=$FAILWRITE "$@" >/dev/null 2>"$tmp/kerr"
	rc=$?
	at=$(sed -n "${_k}p" "$tmp/ev" | cut -d' ' -f2-)
}
ok_or_fail() { # NAME STATE-OUTPUT
	if [ "$2" = ok ]; then pass "$1"; else fail "$1" "$2"; fi
}

# setup killed at event k, then setup, then teardown
k=1
while [ $k -le 80 ]; do
	killed_at $k zswapctl setup -c "$tmp/k.conf"
	if [ $rc -ne 137 ]; then
		expect_eq "setup with fewer than $k events ran to the end" 0 "$rc"
		zswapctl teardown -c "$tmp/k.conf" >/dev/null 2>&1
		break
	fi
	run zswapctl setup -c "$tmp/k.conf"
	expect_eq "setup killed at $k ($at): the next setup exits 0 $(excerpt "$err")" 0 "$rc"
	ok_or_fail "setup killed at $k ($at): then zram0 is configured" "$(configured)"
	run zswapctl teardown -c "$tmp/k.conf"
	expect_eq "setup killed at $k ($at): teardown exits 0 $(excerpt "$err")" 0 "$rc"
	ok_or_fail "setup killed at $k ($at): teardown leaves nothing" "$(clean)"
	k=$((k + 1))
done
check "the setup matrix had the encrypted backing steps ($((k - 1)) kill points)" \
	grep -q "dm create" "$tmp/ev"
check "the setup matrix had at least 12 kill points ($((k - 1)))" test $k -gt 12

# teardown killed at event k, then teardown
k=1
while [ $k -le 80 ]; do
	run zswapctl setup -c "$tmp/k.conf"
	[ "$rc" = 0 ] || { fail "setup before teardown kill $k" "$(excerpt "$err")"; break; }
	killed_at $k zswapctl teardown -c "$tmp/k.conf"
	if [ $rc -ne 137 ]; then
		expect_eq "teardown with fewer than $k events ran to the end" 0 "$rc"
		ok_or_fail "teardown ran to the end: nothing left" "$(clean)"
		break
	fi
	run zswapctl teardown -c "$tmp/k.conf"
	expect_eq "teardown killed at $k ($at): the next teardown exits 0 $(excerpt "$err")" 0 "$rc"
	ok_or_fail "teardown killed at $k ($at): then nothing is left" "$(clean)"
	k=$((k + 1))
done
check "the teardown matrix removed the mapping ($((k - 1)) kill points)" grep -q "dm remove" "$tmp/ev"

# writeback killed at event k (pages held in swap meanwhile), then a
# writeback, the pages read back, and a teardown
k=1
while [ $k -le 40 ]; do
	run zswapctl setup -c "$tmp/k.conf"
	[ "$rc" = 0 ] || { fail "setup before writeback kill $k" "$(excerpt "$err")"; break; }
	pageout_hold 8 "writeback kill $k: pageout"
	killed_at $k zswapctl writeback --idle zram0
	last=$rc
	run zswapctl writeback --idle zram0
	if [ $last -ne 137 ]; then
		expect_eq "writeback with fewer than $k events ran to the end" 0 "$last"
	else
		expect_eq "writeback killed at $k ($at): the next writeback exits 0 $(excerpt "$err")" 0 "$rc"
	fi
	check "writeback killed at $k ($at): pages were written back" \
		test "$(awk '{print $3}' /sys/block/zram0/bd_stat)" -gt 0
	pageout_release "writeback killed at $k ($at): the pages read back intact"
	run zswapctl teardown -c "$tmp/k.conf"
	expect_eq "writeback killed at $k ($at): teardown exits 0 $(excerpt "$err")" 0 "$rc"
	ok_or_fail "writeback killed at $k ($at): teardown leaves nothing" "$(clean)"
	[ $last -ne 137 ] && break
	k=$((k + 1))
done
check "the writeback matrix killed the write to writeback ($((k - 1)) kill points)" \
	grep -q "zram0/writeback" "$tmp/ev"
# A mapping left half made (created, no table yet) has no /sys/block/dm-N
# for clean() to see; a setup after all of it would trip over one.
run zswapctl setup -c "$tmp/k.conf"
expect_eq "after the matrix: a setup exits 0 $(excerpt "$err")" 0 "$rc"
run zswapctl teardown -c "$tmp/k.conf"
ok_or_fail "after the matrix: teardown leaves nothing" "$(clean)"
finish
