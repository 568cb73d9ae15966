#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 300
#
# Patched kernel (kernel/ series): swap to zram goes through swap_ops.
# The switch exists and defaults to on, swap_ops_stat has 17 fields; pages
# pushed out with MADV_PAGEOUT and read back intact move ops_writes and
# ops_reads, not bio_*; PSWPOUT/PSWPIN move by exactly as much (counted once).
. /zvm/lib.sh
load_zram || exit 0
need_file /sys/block/zram0/swap_ops
need_cmd swaptest

expect_eq swap-ops-default on "$(zram_attr zram0 swap_ops)"
set -- $(zram_attr zram0 swap_ops_stat)
expect_eq swap-ops-stat-fields 17 "$#"

zram_swap zram0 256M swap-ops-fast

a=$(swaptest snap zram0); ia=$(vmstat pswpin); oa=$(vmstat pswpout)
set -- $(cat /sys/block/zram0/stat); sa_r=$3; sa_w=$7
check swap-ops-fast-integrity swaptest anon 4096
b=$(swaptest snap zram0); ib=$(vmstat pswpin); ob=$(vmstat pswpout)
set -- $(cat /sys/block/zram0/stat); sb_r=$3; sb_w=$7
# block layer accounting (sectors read/written) is kept on the swap_ops path
if [ $((sb_r - sa_r)) -ge $((3700 * 8)) ] && [ $((sb_w - sa_w)) -ge $((3700 * 8)) ]; then
	pass swap-ops-fast-blockstat
else
	fail swap-ops-fast-blockstat "stat sectors read +$((sb_r - sa_r)) written +$((sb_w - sa_w))"
fi
check swap-ops-fast-counters swaptest expect "$a" "$b" ops_writes\>=3700 \
	ops_reads\>=3700 bio_reads==0 bio_writes==0 off_fallback==0 \
	ops_failed_reads==0 ops_failed_writes==0
check swap-ops-pswpout-once swaptest expect "$a" "$b" \
	ops_writes==$((ob - oa))
check swap-ops-pswpin-once swaptest expect "$a" "$b" \
	ops_reads==$((ib - ia))
zram_reset zram0
