#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 400
#
# Patched kernel: swapoff and swapon in a loop while processes swap; swapoff
# reads everything back (through swap_ops), the data stays intact, and the
# ops are attached again at each swapon.
. /zvm/lib.sh
load_zram || exit 0
need_file /sys/block/zram0/swap_ops
need_cmd swaptest

zram_swap zram0 256M swap-ops-swapoff

a=$(swaptest snap zram0)
swaptest anon 2048 20 >load1.out 2>&1 &
p1=$!
swaptest anon 1024 20 >load2.out 2>&1 &
p2=$!
n=0
while kill -0 $p1 2>/dev/null || kill -0 $p2 2>/dev/null; do
	swapoff /dev/zram0 || break
	swapon /dev/zram0 || break
	n=$((n + 1))
	usleep 200000
done
wait $p1; r1=$?
wait $p2; r2=$?
cat load1.out load2.out
info "$n swapoff/swapon cycles"
swap_active zram0 || swapon /dev/zram0
if [ $r1 = 0 ] && [ $r2 = 0 ] && [ $n -gt 0 ]; then
	pass swap-ops-swapoff-loop
else
	fail swap-ops-swapoff-loop "swaptest exited $r1 and $r2 after $n cycles"
fi
b=$(swaptest snap zram0)
check swap-ops-swapoff-counters swaptest expect "$a" "$b" ops_writes\>0 \
	ops_reads\>0 bio_writes==0 ops_failed_reads==0
# still attached after the last swapon
check swap-ops-swapoff-reattached swaptest anon 512
c=$(swaptest snap zram0)
check swap-ops-swapoff-reattach-counters swaptest expect "$b" "$c" ops_writes\>=400 bio_writes==0
zram_reset zram0
