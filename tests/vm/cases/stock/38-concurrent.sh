#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 600
#
# setup, teardown, writeback, maintain and swap-ops from different shells
# at once, on an encrypted file: backing device (the host has no writeback,
# so tests/host/cases/40-concurrent.sh cannot mix these in): they take
# turns on the run lock or refuse with a message that says why; none
# crashes, none corrupts another's state. Pages held in swap meanwhile read
# back intact; afterwards one setup configures zram0 once and one teardown
# leaves no dm mapping, loop device or swap.
. /zvm/lib.sh
need_cmd zswapctl
load_zram || exit 0
modprobe loop 2>/dev/null
for m in dm_mod dm_crypt xts; do
	modprobe "$m" 2>/dev/null || { skip concurrent "modprobe $m failed"; finish; exit 0; }
done
# A sanitizer report is not a refusal: its own exit status, and its text.
export ASAN_OPTIONS=exitcode=86 UBSAN_OPTIONS=exitcode=86
make_tmpdir tmp zvm-concurrent
img=$tmp/c.img
conf=$tmp/c.conf
cat >"$conf" <<CONF
[zram0]
size = 32M
algorithm = lz4
backing-device = file:$img:16M
writeback-modes = idle huge
writeback-interval = 1s
writeback-idle-age = 1s
CONF
on_exit "zswapctl teardown -c $conf"
dm_count() { ls -d /sys/block/dm-* 2>/dev/null | wc -l; }
loops_of_img() { grep -l "^$img" /sys/block/loop*/loop/backing_file 2>/dev/null | wc -l; }

run zswapctl setup -c "$conf"
expect_exit concurrent-first-setup 0
pageout_hold 8 concurrent-pageout

# Three rounds of everything at once. pids: "PID STDERR-FILE COMMAND" a
# run; rcs: the same with the exit status for the PID (expect_said_why).
n=0
for round in 1 2 3; do
	for cmd in "setup -c $conf" "writeback --idle zram0" "maintain -c $conf --state-dir $tmp/st" \
		"teardown -c $conf" "swap-ops off" "writeback --huge zram0" "setup -c $conf"; do
		n=$((n + 1))
		# shellcheck disable=SC2086 # the words of cmd
		zswapctl $cmd >"$tmp/out$n" 2>"$tmp/err$n" &
		echo "$! $tmp/err$n $cmd" >>"$tmp/pids"
	done
	while read -r pid errf cmd; do
		wait "$pid"
		echo "$? $errf $cmd" >>"$tmp/rcs"
	done <"$tmp/pids"
	: >"$tmp/pids"
	# a setup last, so that the held pages have swap to live in
	zswapctl setup -c "$conf" >/dev/null 2>&1
done
info "exit statuses: $(cut -d' ' -f1,3- "$tmp/rcs" | sort | uniq -c | tr '\n' ';')"
# 0 done (or nothing to do); 1 failed at the system with a message (no
# backing device at that moment...); 3 not supported (swap-ops: a kernel
# without the series). Never a usage error, a crash or a sanitizer report.
bad=$(awk '$1 != 0 && $1 != 1 && $1 != 3' "$tmp/rcs" | head -n 3 | tr '\n' ';')
expect_eq concurrent-no-crash-no-usage-error "" "$bad"
check concurrent-no-sanitizer-report eval '! grep -l "Sanitizer\|runtime error" "$tmp"/err*'
check concurrent-no-vanished-device eval \
	'! grep -l "does not have this attribute\|No such file\|No such device" "$tmp"/err*'
expect_said_why concurrent-every-refusal-says-why "$tmp/rcs"

# The state each left is one the next understands.
run zswapctl setup -c "$conf"
expect_exit concurrent-setup-after 0
expect_eq concurrent-one-swap-area 1 "$(grep -c '^/dev/zram0 ' /proc/swaps)"
expect_eq concurrent-encrypted-backing /dev/mapper/zswapctl-zram0 "$(zram_attr zram0 backing_dev)"
expect_eq concurrent-one-mapping 1 "$(dm_count)"
expect_eq concurrent-one-loop-device 1 "$(loops_of_img)"
pageout_release concurrent-pages-read-back-intact
run zswapctl teardown -c "$conf"
expect_exit concurrent-teardown-after 0
expect_eq concurrent-no-mapping-left 0 "$(dm_count)"
expect_eq concurrent-no-loop-left 0 "$(loops_of_img)"
expect_eq concurrent-no-swap-left 0 "$(grep -c '^/dev/zram0 ' /proc/swaps)"
finish
