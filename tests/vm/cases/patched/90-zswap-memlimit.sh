#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 400
#
# Patched kernel: with zswap in front of zram, zswap takes pages first and
# what it rejects or writes back reaches zram through swap_ops; with a small
# mem_limit, zram write errors redirty the pages (ops_failed_writes) and the
# data stays intact.
#
# Order matters on 6.12 with CONFIG_DEBUG_VM: zswap's zsmalloc pool must be
# created while no zram device is initialized. Otherwise its slab caches are
# merged into zram0's "zs_handle-zram0", that name outlives zram0's reset,
# and the next disksize store trips the duplicate-cache-name WARN in
# mm/slab_common.c (a 6.12 debug check, unrelated to swap_ops). Keep this
# case last in the tier.
. /zvm/lib.sh
load_zram || exit 0
need_file /sys/block/zram0/swap_ops
need_cmd swaptest

swapoff /dev/zram0 2>/dev/null
zram_reset zram0
zram_set zram0 mem_limit 2M
zram_set zram0 disksize 256M
mkswap /dev/zram0 >/dev/null && swapon /dev/zram0 || die swap-ops-memlimit "swapon failed"
a=$(swaptest snap zram0)
swaptest anon 4096 >ml.out 2>&1
r=$?
cat ml.out
b=$(swaptest snap zram0)
# pages that could not be stored stay in memory: only integrity must hold
if grep -q 'corrupt=0' ml.out; then
	pass swap-ops-memlimit-integrity
else
	fail swap-ops-memlimit-integrity "swaptest exited $r"
fi
check swap-ops-memlimit-failures swaptest expect "$a" "$b" ops_failed_writes\>0 \
	bio_writes==0
swapoff /dev/zram0
zram_reset zram0

Z=/sys/module/zswap/parameters
if [ ! -f $Z/enabled ]; then
	skip swap-ops-zswap "no zswap in this kernel"
	exit 0
fi
D=/sys/kernel/debug/zswap
[ -d $D ] || mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
# zswap in 6.12 stores only small folios: no THP for this part
T=/sys/kernel/mm/transparent_hugepage/enabled
thp=$(sed 's/.*\[\(.*\)\].*/\1/' $T 2>/dev/null)
[ -n "$thp" ] && echo never >$T
echo 1 >$Z/max_pool_percent
echo Y >$Z/enabled
zram_set zram0 disksize 256M
mkswap /dev/zram0 >/dev/null && swapon /dev/zram0 || die swap-ops-zswap "swapon failed"
a=$(swaptest snap zram0)
zo=$(vmstat zswpout); wb=$(cat $D/written_back_pages 2>/dev/null || echo 0)
check swap-ops-zswap-integrity swaptest anon 16384
b=$(swaptest snap zram0)
zo2=$(vmstat zswpout); wb2=$(cat $D/written_back_pages 2>/dev/null || echo 0)
info "zswpout $((${zo2:-0} - ${zo:-0})) zswap written back $((wb2 - wb)) pool_limit_hit $(cat $D/pool_limit_hit 2>/dev/null)"
if [ -n "$zo" ] && [ $((zo2 - zo)) -gt 0 ]; then
	pass swap-ops-zswap-stores
else
	fail swap-ops-zswap-stores "zswap stored nothing (zswpout '$zo' -> '$zo2')"
fi
# a 1 % pool overflows: rejected and written back pages go to zram,
# through swap_ops (zswap writeback calls __swap_writepage() directly)
check swap-ops-zswap-counters swaptest expect "$a" "$b" ops_writes\>0 \
	bio_writes==0 bio_reads==0
if [ $((wb2 - wb)) -gt 0 ]; then
	check swap-ops-zswap-writeback swaptest expect "$a" "$b" \
		ops_writes\>=$((wb2 - wb))
else
	skip swap-ops-zswap-writeback "zswap wrote nothing back"
fi
echo N >$Z/enabled
[ -n "$thp" ] && echo "$thp" >$T
swapoff /dev/zram0
zram_reset zram0
