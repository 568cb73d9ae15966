#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 300
#
# A backing device on a virtio disk: setup sets backing_dev before
# disksize; writeback of idle and of huge slots moves bd_stat; the data read
# back afterwards (through the backing device) matches its checksums; a
# writeback limit is honoured and, used up, reported.
. /zvm/lib.sh
need_cmd zswapctl
load_zram || exit 0
make_tmpdir tmp zvm-backing

bd() { awk -v f="$1" '{print $f}' /sys/block/zram0/bd_stat; }
cat >"$tmp/wb.conf" <<CONF
[zram0]
size = 64M
algorithm = zstd
backing-device = /dev/vda
backing-encryption = no
CONF
on_exit "zswapctl teardown -c $tmp/wb.conf"
run zswapctl setup -c "$tmp/wb.conf"
expect_exit backing-setup 0
expect_eq backing-dev /dev/vda "$(cat /sys/block/zram0/backing_dev)"
check backing-swap swap_active zram0

pageout_hold 32 backing-pageout
w0=$(bd 3)
run zswapctl writeback --huge zram0
expect_exit writeback-huge-exit 0
w1=$(bd 3)
info "huge: $(cat "$out"); bd_writes $w0 -> $w1"
check writeback-huge-moves-bd_writes test "$w1" -gt "$w0"

run zswapctl writeback --idle zram0
expect_exit writeback-idle-exit 0
w2=$(bd 3)
info "idle: $(cat "$out"); bd_writes $w1 -> $w2"
check writeback-idle-moves-bd_writes test "$w2" -gt "$w1"
expect_eq writeback-bd_count-is-what-was-written "$w2" "$(bd 1)"
run zswapctl stats --json zram0
expect_grep stats-reports-bd_writes "\"bd_writes\": $w2\\b" "$out"

r0=$(bd 2)
pageout_release readback-checksums
r1=$(bd 2)
info "bd_reads $r0 -> $r1"
check readback-moves-bd_reads test "$r1" -gt "$r0"
run zswapctl teardown -c "$tmp/wb.conf"
expect_exit backing-teardown 0

# A writeback limit: 16 pages at the most, then "used up".
printf '[zram0]\nsize = 64M\nalgorithm = zstd\nbacking-device = /dev/vda\nbacking-encryption = no\nwriteback-limit = 64K\n' >"$tmp/wl.conf"
on_exit "zswapctl teardown -c $tmp/wl.conf"
run zswapctl setup -c "$tmp/wl.conf"
expect_exit limit-setup 0
expect_eq limit-enabled 1 "$(cat /sys/block/zram0/writeback_limit_enable)"
expect_eq limit-pages 16 "$(cat /sys/block/zram0/writeback_limit)"
pageout_hold 16 limit-pageout
w0=$(bd 3)
run zswapctl writeback --idle zram0
info "limited: exit $rc $(cat "$out" "$err")"
w1=$(bd 3)
expect_eq limit-honoured 16 "$((w1 - w0))"
expect_eq limit-left 0 "$(cat /sys/block/zram0/writeback_limit)"
run zswapctl writeback --idle zram0
expect_exit limit-used-up-exit 1
expect_grep limit-used-up-message "writeback limit is used up" "$err"
pageout_release limit-readback-checksums
run zswapctl teardown -c "$tmp/wl.conf"
expect_exit limit-teardown 0
finish
