#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 300
#
# Patched kernel: pages written back to the backing device are read back
# inside swap_ops, one synchronous backing-device read per slot
# (ops_bd_reads moves, bio_reads and wb_fallback do not), intact; with the
# switch off, through the bio path; pswpin = ops_reads + bio_reads.
. /zvm/lib.sh
load_zram || exit 0
need_file /sys/block/zram0/swap_ops
need_file /sys/block/zram0/backing_dev
need_cmd swaptest

bdev=
for d in $ZVM_DISKS; do [ -b "$d" ] && bdev=$d && break; done
if [ -z "$bdev" ]; then
	dd if=/dev/zero of=backing.img bs=1M count=64 2>/dev/null
	bdev=$(losetup -f 2>/dev/null) && losetup "$bdev" backing.img ||
		{ skip swap-ops-writeback "no scratch disk and no loop device"; exit 0; }
fi

zram_reset zram0
zram_set zram0 backing_dev "$bdev"
zram_set zram0 disksize 64M
mkswap /dev/zram0 >/dev/null && swapon /dev/zram0 || die swap-ops-writeback "swapon failed"

swaptest hold 2048 >hold.out 2>&1 &
pid=$!
i=0
until grep -q READY hold.out; do
	i=$((i + 1)); [ $i -gt 600 ] && break
	usleep 100000
done
a=$(swaptest snap zram0)
echo all >/sys/block/zram0/idle
echo idle >/sys/block/zram0/writeback
info "bd_stat $(zram_attr zram0 bd_stat)"
kill -USR1 $pid
wait $pid; r=$?
cat hold.out
b=$(swaptest snap zram0)
expect_eq swap-ops-writeback-integrity 0 "$r"
check swap-ops-writeback-direct swaptest expect "$a" "$b" ops_bd_reads\>=1800 \
	ops_reads\>=1800 bio_reads==0 wb_fallback==0 ops_failed_reads==0

# the same with the switch off: the bio path reads the backing device
zram_set zram0 swap_ops off
swaptest hold 2048 >hold.out 2>&1 &
pid=$!
i=0
until grep -q READY hold.out; do
	i=$((i + 1)); [ $i -gt 600 ] && break
	usleep 100000
done
echo all >/sys/block/zram0/idle
echo idle >/sys/block/zram0/writeback
a=$(swaptest snap zram0); ia=$(vmstat pswpin)
kill -USR1 $pid
wait $pid; r=$?
cat hold.out
b=$(swaptest snap zram0); ib=$(vmstat pswpin)
zram_set zram0 swap_ops on
expect_eq swap-ops-writeback-off-integrity 0 "$r"
check swap-ops-writeback-off swaptest expect "$a" "$b" bio_reads\>=1800 \
	ops_reads==0 ops_bd_reads==0 bio_failed_reads==0
check swap-ops-writeback-off-pswpin swaptest expect "$a" "$b" \
	bio_reads==$((ib - ia))
zram_reset zram0
case $bdev in /dev/loop*) losetup -d "$bdev" ;; esac
