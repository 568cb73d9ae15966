#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 240
#
# zswapctl setup on Debian's stock kernel, where zram is a module: setup
# loads it through libkmod, applies the embedded default, a second run
# changes nothing, teardown undoes it (vm.page-cluster of the default
# included); swap-ops is absent (exit 3); stats shows bd_stat.
. /zvm/lib.sh
need_cmd zswapctl

# Start from zram not loaded (the bed case loaded it).
if [ -d /sys/module/zram ] && ! rmmod zram; then
	skip setup-kmod "cannot unload zram to test loading it"
	exit 0
fi
pc0=$(cat /proc/sys/vm/page-cluster)
on_exit "zswapctl teardown; echo $pc0 >/proc/sys/vm/page-cluster"

run zswapctl setup
info "$(cat "$out" "$err")"
expect_exit setup-exit 0
expect_eq setup-kmod-loaded live "$(cat /sys/module/zram/initstate 2>/dev/null)"
check setup-swap-active swap_active zram0
expect_eq setup-priority 100 "$(awk '$1 == "/dev/zram0" {print $5}' /proc/swaps)"
expect_grep setup-algorithm-zstd '\[zstd\]' /sys/block/zram0/comp_algorithm
# min(ram / 2, 4G), page aligned
ram=$(awk '/^MemTotal:/ {print $2 * 1024}' /proc/meminfo)
want=$(( (ram / 2 + 4095) / 4096 * 4096 ))
expect_eq setup-disksize "$want" "$(cat /sys/block/zram0/disksize)"
expect_eq setup-default-page-cluster 0 "$(cat /proc/sys/vm/page-cluster)"

run zswapctl setup
expect_exit setup-again-exit 0
expect_grep setup-idempotent "nothing to do" "$out"

run zswapctl stats --json zram0
expect_exit stats-exit 0
expect_grep stats-bd-stat '"bd": {' "$out"
expect_grep stats-no-swap-ops '"swap_ops_supported": false' "$out"

run zswapctl swap-ops status
expect_exit swap-ops-exit-3 3
expect_grep swap-ops-message "no swap_ops" "$err"

run zswapctl teardown
expect_exit teardown-exit 0
check teardown-swapoff eval '! swap_active zram0'
expect_eq teardown-reset 0 "$(cat /sys/block/zram0/disksize)"
expect_eq teardown-page-cluster-restored "$pc0" "$(cat /proc/sys/vm/page-cluster)"
finish
