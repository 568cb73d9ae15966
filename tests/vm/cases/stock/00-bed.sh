#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 180
#
# The test bed itself, without zswapctl: zram is there (stock: the module
# loads; patched: built in), offers zstd and a backing device, the scratch
# disks exist, and a zram device works as swap (pages go out through
# MADV_PAGEOUT and come back intact). cases/patched/00-bed.sh links here.
. /zvm/lib.sh

info "kernel $(uname -r)"

if [ "$ZVM_TIER" = stock ]; then
	# Debian builds zram as a module
	if [ -d /sys/module/zram ]; then
		fail bed-zram-modprobe "zram already loaded before modprobe"
	else
		modprobe zram || die bed-zram-modprobe "modprobe zram failed"
		expect_eq bed-zram-modprobe live "$(cat /sys/module/zram/initstate 2>/dev/null || echo "not a module")"
	fi
else
	# the test kernel has everything built in
	check bed-zram-builtin eval '[ -d /sys/class/zram-control ] && [ ! -e /sys/module/zram/initstate ]'
fi

wait_for /sys/block/zram0 5 && [ -d /sys/class/zram-control ] ||
	die bed-zram0 "/sys/block/zram0 or /sys/class/zram-control did not appear"
pass bed-zram0

info "comp_algorithm: $(zram_attr zram0 comp_algorithm)"
expect_grep bed-zstd zstd /sys/block/zram0/comp_algorithm

check bed-backing-dev test -e /sys/block/zram0/backing_dev
[ -e /sys/block/zram0/backing_dev ] && info "backing_dev: $(zram_attr zram0 backing_dev)"

for d in $ZVM_DISKS; do
	[ -b "$d" ] && info "$d: $(($(cat "/sys/block/${d#/dev/}/size") / 2048)) MiB"
done
check bed-disks eval '[ -b /dev/vda ] && [ -b /dev/vdb ]'

# zram0 as swap
on_exit "zram_reset zram0"
zram_set zram0 comp_algorithm zstd || die bed-swap "cannot set zstd"
zram_set zram0 disksize 64M || die bed-swap "cannot set disksize"
expect_eq bed-disksize 67108864 "$(zram_attr zram0 disksize)"
mkswap /dev/zram0 >/dev/null || die bed-swap "mkswap /dev/zram0 failed"
swapon /dev/zram0 || die bed-swap "swapon /dev/zram0 failed"
swap_active zram0 || die bed-swap "/dev/zram0 not in /proc/swaps"
info "$(grep zram0 /proc/swaps)"

# evidence that pages went to zram: the device's write sectors (stat field 7)
# and, where the kernel counts VM events, pswpout
out0=$(vmstat pswpout)
w0=$(awk '{ print $7 }' /sys/block/zram0/stat)
run pageout -m 16 -r 50
expect_exit bed-pageout-verify 0
out1=$(vmstat pswpout)
w1=$(awk '{ print $7 }' /sys/block/zram0/stat)
info "pswpout ${out0:-n/a} -> ${out1:-n/a}, zram0 write sectors $w0 -> $w1, mm_stat: $(zram_attr zram0 mm_stat)"
if [ "$w1" -le "$w0" ]; then
	fail bed-swap "no writes to zram0 (stat write sectors $w0 -> $w1)"
elif [ -n "$out0" ] && [ "$out1" -le "$out0" ]; then
	fail bed-swap "pswpout did not move ($out0 -> $out1)"
else
	pass bed-swap
fi

check bed-swapoff swapoff /dev/zram0
check bed-reset zram_set zram0 reset 1
expect_eq bed-reset-disksize 0 "$(zram_attr zram0 disksize)"
finish
