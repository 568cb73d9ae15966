#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 300
#
# Patched kernel: with swap_ops off, swap I/O takes the bio path: bio_* and
# off_fallback move, ops_reads/ops_writes do not, PSWPIN/PSWPOUT are counted
# once, the data is intact; slot frees still arrive through swap_ops. The
# switch accepts what kstrtobool accepts and survives reset, which clears
# the statistics.
. /zvm/lib.sh
load_zram || exit 0
need_file /sys/block/zram0/swap_ops
need_cmd swaptest

zram_swap zram0 256M swap-ops-off

zram_set zram0 swap_ops off
expect_eq swap-ops-reads-off off "$(zram_attr zram0 swap_ops)"
a=$(swaptest snap zram0); ia=$(vmstat pswpin); oa=$(vmstat pswpout)
check swap-ops-off-integrity swaptest anon 4096
b=$(swaptest snap zram0); ib=$(vmstat pswpin); ob=$(vmstat pswpout)
check swap-ops-off-counters swaptest expect "$a" "$b" bio_writes\>=3700 \
	bio_reads\>=3700 off_fallback\>=7400 ops_reads==0 ops_writes==0 \
	ops_notify_free\>0 bdev_notify_free==0
check swap-ops-off-pswp-once swaptest expect "$a" "$b" \
	bio_writes==$((ob - oa)) bio_reads==$((ib - ia))

for v in 1 y Y on; do
	zram_set zram0 swap_ops $v
	expect_eq "swap-ops-accepts-$v" on "$(zram_attr zram0 swap_ops)"
	zram_set zram0 swap_ops off
done
if echo bogus >/sys/block/zram0/swap_ops 2>/dev/null; then
	fail swap-ops-rejects-bogus "accepted 'bogus'"
else
	pass swap-ops-rejects-bogus
fi
for v in 0 n N off; do
	zram_set zram0 swap_ops on
	zram_set zram0 swap_ops $v
	expect_eq "swap-ops-accepts-$v" off "$(zram_attr zram0 swap_ops)"
done

zram_reset zram0
expect_eq swap-ops-survives-reset off "$(zram_attr zram0 swap_ops)"
expect_eq swap-ops-stat-reset "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0" \
	"$(swaptest snap zram0)"
zram_set zram0 swap_ops on
