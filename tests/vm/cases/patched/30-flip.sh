#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 400
#
# Patched kernel: swap_ops flipped every few milliseconds while two
# processes swap out and in continuously; every page stays intact, both
# paths are taken, and every swap-in is counted once: pswpin grows by
# ops_reads + bio_reads (+ the failed pages, none here).
. /zvm/lib.sh
load_zram || exit 0
need_file /sys/block/zram0/swap_ops
need_cmd swaptest

zram_swap zram0 256M swap-ops-flip

a=$(swaptest snap zram0); ia=$(vmstat pswpin)
swaptest anon 2048 20 >flip1.out 2>&1 &
p1=$!
swaptest fork 1024 >/dev/null 2>&1
swaptest anon 2048 20 >flip2.out 2>&1 &
p2=$!
flips=0
while kill -0 $p1 2>/dev/null || kill -0 $p2 2>/dev/null; do
	echo off >/sys/block/zram0/swap_ops
	usleep 3000
	echo on >/sys/block/zram0/swap_ops
	usleep 3000
	flips=$((flips + 1))
done
wait $p1; r1=$?
wait $p2; r2=$?
cat flip1.out flip2.out
info "$flips flips"
zram_set zram0 swap_ops on
b=$(swaptest snap zram0); ib=$(vmstat pswpin)
# reads LINE: ops_reads + bio_reads + ops_failed_reads + bio_failed_reads
reads() { set -- $1; echo $(($1 + $3 + $9 + ${16})); }
expect_eq swap-ops-flip-pswpin-adds-up $((ib - ia)) $(($(reads "$b") - $(reads "$a")))
if [ $r1 = 0 ] && [ $r2 = 0 ]; then
	pass swap-ops-flip-integrity
else
	fail swap-ops-flip-integrity "swaptest exited $r1 and $r2"
fi
check swap-ops-flip-both-paths swaptest expect "$a" "$b" ops_writes\>0 \
	ops_reads\>0 bio_writes\>0 bio_reads\>0 off_fallback\>0 \
	ops_failed_reads==0 ops_failed_writes==0
zram_reset zram0
