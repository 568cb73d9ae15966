#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 300
#
# Patched kernel: pages written back to the backing device are read back
# through the bio path (wb_fallback and bio_reads move), intact.
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
check swap-ops-writeback-fallback swaptest expect "$a" "$b" wb_fallback\>=1800 \
	bio_reads\>=1800 ops_failed_reads==0
zram_reset zram0
case $bdev in /dev/loop*) losetup -d "$bdev" ;; esac
