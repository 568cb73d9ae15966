#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 900
#
# zswapctl bench --compare on the patched kernel, without and with a backing
# device. Checks counts and structure, never timings: the exit status, the
# schema, and that both sides and the expected paths are there. The JSON
# documents go to the host over $ZVM_CHANNEL between "zvm-bench begin NAME"
# and "zvm-bench end NAME" lines (tests/vm/bench-results extracts them).
#
# 4096 pages, 3 rounds per side: the numbers README.md reports.
. /zvm/lib.sh
load_zram || exit 0
need_cmd zswapctl bench
need_file /sys/block/zram0/swap_ops bench
args="-n 4096 -r 3"

send() { # send NAME FILE
	{
		echo "zvm-bench begin $1"
		cat "$2"
		echo "zvm-bench end $1"
	} >"$ZVM_CHANNEL"
}

# has FILE NEEDLE: a line of the pretty JSON
has() { grep -q "$2" "$1"; }

setup_zram() { # setup_zram [BACKING]
	zram_reset zram0
	[ -n "${1:-}" ] && zram_set zram0 backing_dev "$1"
	zram_set zram0 comp_algorithm lz4 || return 1
	zram_set zram0 disksize 192M || return 1
	mkswap /dev/zram0 >/dev/null && swapon /dev/zram0
}

pc0=$(cat /proc/sys/vm/page-cluster)
da0=$(cat /proc/sys/kernel/task_delayacct)

# ---- zspool (and same-filled) only ---------------------------------------
setup_zram || die bench-setup "zram0 as swap"
# shellcheck disable=SC2086
zswapctl bench --compare --json -d text,binary,same-filled $args zram0 >nobd.json 2>nobd.err
rc=$?
expect_eq bench-compare-exit 0 "$rc"
[ $rc = 0 ] || info "$(cat nobd.err)"
send nobd nobd.json
check bench-compare-schema has nobd.json '"schema": *"zswapctl-bench/1"'
check bench-compare-both-sides has nobd.json '"side": *"bio"'
check bench-compare-swap-ops-side has nobd.json '"side": *"swap_ops"'
check bench-compare-delay-accounting has nobd.json '"kernel_swapin_count"'
expect_eq bench-restores-page-cluster "$pc0" "$(cat /proc/sys/vm/page-cluster)"
expect_eq bench-restores-delayacct "$da0" "$(cat /proc/sys/kernel/task_delayacct)"
expect_eq bench-restores-swap-ops on "$(cat /sys/block/zram0/swap_ops)"

# ---- with a backing device: a share written back before the reads --------
bdev=
for d in $ZVM_DISKS; do [ -b "$d" ] && bdev=$d && break; done
if [ -z "$bdev" ]; then
	skip bench-writeback "no scratch disk"
	exit 0
fi
swapoff /dev/zram0
setup_zram "$bdev" || die bench-setup-writeback "zram0 with $bdev"
# shellcheck disable=SC2086
zswapctl bench --compare --writeback --json -d text,binary,same-filled $args zram0 >bd.json 2>bd.err
rc=$?
expect_eq bench-writeback-exit 0 "$rc"
[ $rc = 0 ] || info "$(cat bd.err)"
send bd bd.json
check bench-writeback-method has bd.json '"writeback_method": *"page_index"'
check bench-writeback-bd-counters has bd.json '"bd_reads"'
zram_reset zram0
