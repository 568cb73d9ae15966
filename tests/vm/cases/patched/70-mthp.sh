#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 300
#
# Patched kernel: 64 KiB mTHP folios are swapped out (and in) whole through
# swap_ops, every page of them intact.
. /zvm/lib.sh
load_zram || exit 0
need_file /sys/block/zram0/swap_ops
need_cmd swaptest
T=/sys/kernel/mm/transparent_hugepage
need_file $T/hugepages-64kB/enabled swap-ops-mthp

old64=$(sed 's/.*\[\(.*\)\].*/\1/' $T/hugepages-64kB/enabled)
old2m=$(sed 's/.*\[\(.*\)\].*/\1/' $T/hugepages-2048kB/enabled)
echo never >$T/hugepages-2048kB/enabled
echo always >$T/hugepages-64kB/enabled
zram_swap zram0 256M swap-ops-mthp

so=$(cat $T/hugepages-64kB/stats/swpout)

a=$(swaptest snap zram0)
swaptest mthp 4096 >mthp.out 2>&1
r=$?
cat mthp.out
expect_eq swap-ops-mthp-integrity 0 "$r"
b=$(swaptest snap zram0)
so2=$(cat $T/hugepages-64kB/stats/swpout)

info "64kB swpout $((so2 - so))"
if [ $((so2 - so)) -gt 0 ]; then
	pass swap-ops-mthp-swpout
else
	fail swap-ops-mthp-swpout "no 64 KiB folio was swapped out whole"
fi
# 6.12 swaps 64 KiB folios in whole from zram (synchronous I/O, zswap never
# enabled): then every read request carries 16 pages
mf=$(sed -n 's/^swaptest: mthp majflt=//p' mthp.out)
if [ -n "$mf" ] && [ "$mf" -gt 0 ] && [ "$mf" -le 512 ]; then
	pass swap-ops-mthp-swapin-whole
elif [ -f /sys/module/zswap/parameters/enabled ] &&
	[ "$(cat /sys/module/zswap/parameters/enabled)" = Y ]; then
	skip swap-ops-mthp-swapin-whole "zswap is enabled: 6.12 swaps in order-0 only"
else
	info "64 KiB folios came back as $mf faults (not whole)"
	skip swap-ops-mthp-swapin-whole "no large swap-in in this kernel run"
fi
check swap-ops-mthp-counters swaptest expect "$a" "$b" ops_writes\>=3700 \
	ops_reads\>=3700 bio_writes==0 bio_reads==0
echo "$old64" >$T/hugepages-64kB/enabled
echo "$old2m" >$T/hugepages-2048kB/enabled
zram_reset zram0
