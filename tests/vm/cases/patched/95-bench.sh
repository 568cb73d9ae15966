#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 900
#
# zswapctl bench --compare on the patched kernel, without and with a backing
# device; on a kernel without the series (the bench-noseries kernel that
# tests/vm/bench-results --three-sides boots), the one side it has. Checks
# counts and structure, never timings: the exit status, the schema, and
# that the sides and the expected paths are there. The JSON documents go to
# the host over $ZVM_CHANNEL between "zvm-bench begin NAME" and
# "zvm-bench end NAME" lines (tests/vm/bench-results extracts them).
#
# 4096 pages, 3 rounds per side by default (the debug-kernel numbers in
# README.md). tests/vm/bench-results may pass, on the kernel command line,
#   zvm.bench=PAGESxROUNDS   other sizes (e.g. zvm.bench=8192x5)
#   zvm.bench_profile=1      afterwards, a function profile (tracefs) of the
#                            swap-in and swap-out paths, with the accounting
#                            of the bio or of the bypass, per side, sent as
#                            "profile-bio" and "profile-swap_ops" (kernels
#                            with FUNCTION_PROFILER)
. /zvm/lib.sh
load_zram || exit 0
need_cmd zswapctl bench
# Without the series there is no swap_ops switch: one side, no --compare,
# and twice the rounds, so that the boot does the work of --compare's two
# sides (R rounds each, ABBA) in the same places: a round later in a boot
# may be slower than the first (a fuller zsmalloc pool, an older page
# cache), and a one-side boot of R rounds would have only early rounds.
compare=--compare
[ -e /sys/block/zram0/swap_ops ] || { compare=; info "bench: no swap_ops: one side"; }
pages=4096 rounds=3
bench_profile=0
read -r cmdline </proc/cmdline
for kv in $cmdline; do
	case "$kv" in
	zvm.bench=*x*)
		v=${kv#zvm.bench=}
		pages=${v%x*} rounds=${v#*x}
		;;
	zvm.bench_profile=1) bench_profile=1 ;;
	esac
done
[ -n "$compare" ] || rounds=$((rounds * 2))
args="-n $pages -r $rounds"
info "bench: $args"

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
zswapctl bench $compare --json -d text,binary,same-filled $args zram0 >nobd.json 2>nobd.err
rc=$?
expect_eq bench-compare-exit 0 "$rc"
[ $rc = 0 ] || info "$(cat nobd.err)"
send nobd nobd.json
check bench-compare-schema has nobd.json '"schema": *"zswapctl-bench/1"'
check bench-compare-both-sides has nobd.json '"side": *"bio"'
if [ -n "$compare" ]; then
	check bench-compare-swap-ops-side has nobd.json '"side": *"swap_ops"'
fi
check bench-swap-out-timed has nobd.json '"swap_out"'
check bench-compare-delay-accounting has nobd.json '"kernel_swapin_count"'
check bench-compare-histogram has nobd.json '"log2_histogram"'
expect_eq bench-restores-page-cluster "$pc0" "$(cat /proc/sys/vm/page-cluster)"
expect_eq bench-restores-delayacct "$da0" "$(cat /proc/sys/kernel/task_delayacct)"
if [ -n "$compare" ]; then
	expect_eq bench-restores-swap-ops on "$(cat /sys/block/zram0/swap_ops)"
fi

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
zswapctl bench $compare --writeback --json -d text,binary,same-filled $args zram0 >bd.json 2>bd.err
rc=$?
expect_eq bench-writeback-exit 0 "$rc"
[ $rc = 0 ] || info "$(cat bd.err)"
send bd bd.json
check bench-writeback-method has bd.json '"writeback_method": *"page_index"'
check bench-writeback-bd-counters has bd.json '"bd_reads"'
zram_reset zram0

# ---- function profile of the swap-in and swap-out paths, per side --------
[ "$bench_profile" = 1 ] || exit 0
T=/sys/kernel/tracing
[ -e $T/function_profile_enabled ] || mount -t tracefs nodev $T 2>/dev/null
if [ ! -e $T/function_profile_enabled ]; then
	skip bench-profile "no function profiler in this kernel"
	exit 0
fi
setup_zram || die bench-setup-profile "zram0 as swap"
echo >$T/set_ftrace_filter
for f in do_swap_page swapin_readahead swap_cache_get_folio \
	__read_swap_cache_async swap_read_folio swap_read_folio_bdev_sync \
	swap_read_folio_ops zram_swap_read_folio zram_submit_bio \
	zram_bio_read zram_read_page zram_read_from_zspool zram_accessed \
	submit_bio submit_bio_wait submit_bio_noacct bio_endio \
	bdev_start_io_acct bdev_end_io_acct ktime_get_ns \
	LZ4_decompress_safe zs_map_object zs_unmap_object \
	zcomp_decompress mem_cgroup_swapin_charge_folio \
	vma_alloc_folio_noprof folio_add_lru swap_free_nr \
	swapcache_prepare add_to_swap_cache set_pte_range \
	handle_mm_fault \
	swap_writepage __swap_writepage swap_writepage_ops \
	swap_writepage_bdev_sync swap_writepage_bdev_async \
	zram_swap_write_folio zram_bio_write zram_write_page \
	zcomp_compress zs_malloc \
	bio_init bio_uninit bio_associate_blkg bio_associate_blkg_from_page \
	bio_start_bypass bio_end_bypass blk_cgroup_bio_start \
	folio_end_writeback; do
	echo "$f" >>$T/set_ftrace_filter 2>/dev/null || info "profile: no $f"
done
for side in off on; do
	echo "$side" >/sys/block/zram0/swap_ops
	echo 0 >$T/function_profile_enabled
	echo 1 >$T/function_profile_enabled
	zswapctl bench -d text -n 2048 -r 1 zram0 >prof-$side.txt 2>&1
	echo 0 >$T/function_profile_enabled
	for s in "$T"/trace_stat/function*; do
		echo "== $s"
		head -n 80 "$s"
	done >>prof-$side.txt
	[ $side = off ] && send profile-bio prof-$side.txt
	[ $side = on ] && send profile-swap_ops prof-$side.txt
done
echo >$T/set_ftrace_filter
echo on >/sys/block/zram0/swap_ops
zram_reset zram0
pass bench-profile
