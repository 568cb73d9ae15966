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
	elif modprobe zram; then
		if [ -f /sys/module/zram/initstate ]; then
			expect_eq bed-zram-modprobe live "$(cat /sys/module/zram/initstate)"
		else
			fail bed-zram-modprobe "zram is not a module here"
		fi
	else
		die bed-zram-modprobe "modprobe zram failed"
	fi
else
	# the test kernel has everything built in
	if [ -d /sys/class/zram-control ] && [ ! -e /sys/module/zram/initstate ]; then
		pass bed-zram-builtin
	else
		fail bed-zram-builtin "zram is not built in"
	fi
fi

if wait_for /sys/block/zram0 5 && [ -d /sys/class/zram-control ]; then
	pass bed-zram0
else
	die bed-zram0 "/sys/block/zram0 or /sys/class/zram-control did not appear"
fi

algs=$(cat /sys/block/zram0/comp_algorithm)
info "comp_algorithm: $algs"
case " $algs " in
*" zstd "* | *"[zstd]"*) pass bed-zstd ;;
*) fail bed-zstd "comp_algorithm lists no zstd: $algs" ;;
esac

if [ -e /sys/block/zram0/backing_dev ]; then
	info "backing_dev: $(cat /sys/block/zram0/backing_dev)"
	pass bed-backing-dev
else
	fail bed-backing-dev "no /sys/block/zram0/backing_dev (CONFIG_ZRAM_WRITEBACK off?)"
fi

for d in $ZVM_DISKS; do
	if [ -b "$d" ]; then
		info "$d: $(($(cat "/sys/block/${d#/dev/}/size") / 2048)) MiB"
	else
		fail bed-disks "$d missing"
	fi
done
[ -b /dev/vda ] && [ -b /dev/vdb ] && pass bed-disks

# zram0 as swap
zram_set zram0 comp_algorithm zstd || die bed-swap "cannot set zstd"
zram_set zram0 disksize 64M || die bed-swap "cannot set disksize"
expect_eq bed-disksize 67108864 "$(zram_attr zram0 disksize)"
mkswap /dev/zram0 >/dev/null || die bed-swap "mkswap /dev/zram0 failed"
swapon /dev/zram0 || die bed-swap "swapon /dev/zram0 failed"
if ! swap_active zram0; then
	die bed-swap "/dev/zram0 not in /proc/swaps"
fi
info "$(grep zram0 /proc/swaps)"

# evidence that pages went to zram: the device's write sectors (stat field 7)
# and, where the kernel counts VM events, pswpout
out0=$(vmstat pswpout)
w0=$(awk '{ print $7 }' /sys/block/zram0/stat)
if pageout -m 16 -r 50; then
	pass bed-pageout-verify
else
	fail bed-pageout-verify "pageout helper failed (exit $?)"
fi
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

swapoff /dev/zram0 || fail bed-swapoff "swapoff failed"
zram_set zram0 reset 1 || fail bed-reset "reset failed"
expect_eq bed-reset 0 "$(zram_attr zram0 disksize)"
