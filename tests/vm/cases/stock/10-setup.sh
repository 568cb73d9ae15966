#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 240
#
# zswapctl setup on Debian's stock kernel, where zram is a module: setup
# loads it through libkmod, applies the embedded default, a second run
# changes nothing, teardown undoes it; swap-ops is absent (exit 3); stats
# shows bd_stat.
. /zvm/lib.sh
need_cmd zswapctl || exit 0

# Start from zram not loaded (the bed case loaded it).
if [ -d /sys/module/zram ] && ! rmmod zram; then
	skip setup-kmod "cannot unload zram to test loading it"
else
	zswapctl setup >/tmp/out 2>&1
	rc=$?
	info "$(cat /tmp/out)"
	expect_eq setup-exit 0 "$rc"
	expect_eq setup-kmod-loaded live "$(cat /sys/module/zram/initstate 2>/dev/null)"
	swap_active zram0 && pass setup-swap-active || fail setup-swap-active "$(cat /proc/swaps)"
	expect_eq setup-priority 100 "$(awk '$1 == "/dev/zram0" {print $5}' /proc/swaps)"
	case "$(cat /sys/block/zram0/comp_algorithm)" in
	*"[zstd]"*) pass setup-algorithm-zstd ;;
	*) fail setup-algorithm-zstd "$(cat /sys/block/zram0/comp_algorithm)" ;;
	esac
	# min(ram / 2, 4G), page aligned
	ram=$(awk '/^MemTotal:/ {print $2 * 1024}' /proc/meminfo)
	want=$(( (ram / 2 + 4095) / 4096 * 4096 ))
	expect_eq setup-disksize "$want" "$(cat /sys/block/zram0/disksize)"

	zswapctl setup >/tmp/out2 2>&1
	expect_eq setup-again-exit 0 "$?"
	grep -q "nothing to do" /tmp/out2 && pass setup-idempotent || fail setup-idempotent "$(cat /tmp/out2)"

	zswapctl stats --json zram0 >/tmp/stats.json
	expect_eq stats-exit 0 "$?"
	grep -q '"bd": {' /tmp/stats.json && pass stats-bd-stat || fail stats-bd-stat "no bd object"
	grep -q '"swap_ops_supported": false' /tmp/stats.json && pass stats-no-swap-ops || fail stats-no-swap-ops

	zswapctl swap-ops status >/tmp/out 2>&1
	expect_eq swap-ops-exit-3 3 "$?"
	grep -q "no swap_ops" /tmp/out && pass swap-ops-message || fail swap-ops-message "$(cat /tmp/out)"

	zswapctl teardown >/tmp/out 2>&1
	expect_eq teardown-exit 0 "$?"
	swap_active zram0 && fail teardown-swapoff || pass teardown-swapoff
	expect_eq teardown-reset 0 "$(cat /sys/block/zram0/disksize)"
fi
