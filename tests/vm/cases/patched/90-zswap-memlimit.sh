#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 400
#
# Patched kernel: with zswap in front of zram, zswap takes the pages and
# its writeback reaches zram through swap_ops; with a small mem_limit, zram
# write errors redirty the pages (ops_failed_writes) and the data stays
# intact.
. /zvm/lib.sh
load_zram || exit 0
need_file /sys/block/zram0/swap_ops
need_cmd swaptest

Z=/sys/module/zswap/parameters
zram_reset zram0
zram_set zram0 disksize 256M
mkswap /dev/zram0 >/dev/null && swapon /dev/zram0 || die swap-ops-zswap "swapon failed"

if [ -f $Z/enabled ]; then
	echo Y >$Z/enabled
	echo 1 >$Z/max_pool_percent
	a=$(swaptest snap zram0)
	check swap-ops-zswap-integrity swaptest anon 16384
	b=$(swaptest snap zram0)
	info "zswap stored: $(cat /sys/kernel/debug/zswap/stored_pages 2>/dev/null)"
	# with a 1 % pool most pages overflow to zram, through swap_ops
	check swap-ops-zswap-counters swaptest expect "$a" "$b" ops_writes\>0 \
		bio_writes==0 bio_reads==0
	echo N >$Z/enabled
	swapoff /dev/zram0 && swapon /dev/zram0
else
	skip swap-ops-zswap "no zswap in this kernel"
fi

swapoff /dev/zram0
zram_reset zram0
zram_set zram0 mem_limit 2M
zram_set zram0 disksize 256M
mkswap /dev/zram0 >/dev/null && swapon /dev/zram0 || die swap-ops-memlimit "swapon failed"
a=$(swaptest snap zram0)
swaptest anon 4096 >ml.out 2>&1
r=$?
cat ml.out
b=$(swaptest snap zram0)
# some pages may not be swapped out at all: only integrity must hold
if grep -q 'corrupt=0' ml.out; then
	pass swap-ops-memlimit-integrity
else
	fail swap-ops-memlimit-integrity "swaptest exited $r"
fi
check swap-ops-memlimit-failures swaptest expect "$a" "$b" ops_failed_writes\>0
zram_reset zram0
