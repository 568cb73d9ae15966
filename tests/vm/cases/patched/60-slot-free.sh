#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 300
#
# Patched kernel: slot frees after munmap arrive through swap_ops (also with
# the switch off), never through block_device_operations, and free the zram
# slots.
. /zvm/lib.sh
load_zram || exit 0
need_file /sys/block/zram0/swap_ops
need_cmd swaptest

zram_swap zram0 256M swap-ops-free

for sw in on off; do
	zram_set zram0 swap_ops $sw
	a=$(swaptest snap zram0)
	check swap-ops-munmap-$sw swaptest munmap 4096
	b=$(swaptest snap zram0)
	check swap-ops-free-$sw swaptest expect "$a" "$b" ops_notify_free\>=3700 \
		bdev_notify_free==0
done
zram_set zram0 swap_ops on
set -- $(zram_attr zram0 mm_stat)
# orig_data_size: at most the slot caches' worth of pages left
if [ "$1" -le $((1024 * 4096)) ]; then
	pass swap-ops-free-releases
else
	fail swap-ops-free-releases "orig_data_size still $1 after munmap"
fi
zram_reset zram0
