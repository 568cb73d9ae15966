#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 300
#
# A backing device on a virtio disk: setup sets backing_dev before
# disksize; writeback of idle and of huge slots moves bd_stat; the data read
# back afterwards (through the backing device) matches its checksums; a
# writeback limit is honoured and, used up, reported.
. /zvm/lib.sh
need_cmd zswapctl || exit 0
load_zram || exit 0

bd() { awk -v f="$1" '{print $f}' /sys/block/zram0/bd_stat; }

cat >/tmp/wb.conf <<CONF
[zram0]
size = 64M
algorithm = zstd
backing-device = /dev/vda
CONF
zswapctl setup -c /tmp/wb.conf >/tmp/out 2>&1 || die backing-setup "$(cat /tmp/out)"
expect_eq backing-dev /dev/vda "$(cat /sys/block/zram0/backing_dev)"
swap_active zram0 && pass backing-swap || fail backing-swap

pageout -m 32 -r 0 -H >/tmp/po 2>&1 &
po=$!
wait_for_ready() { i=0; while ! grep -q READY /tmp/po && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done; grep -q READY /tmp/po; }
wait_for_ready || die backing-pageout "$(cat /tmp/po)"

w0=$(bd 3)
zswapctl writeback --huge zram0 >/tmp/out 2>&1
expect_eq writeback-huge-exit 0 "$?"
w1=$(bd 3)
info "huge: $(cat /tmp/out); bd_writes $w0 -> $w1"
[ "$w1" -gt "$w0" ] && pass writeback-huge-moves-bd_writes || fail writeback-huge-moves-bd_writes "$w0 -> $w1"

zswapctl writeback --idle zram0 >/tmp/out 2>&1
expect_eq writeback-idle-exit 0 "$?"
w2=$(bd 3)
info "idle: $(cat /tmp/out); bd_writes $w1 -> $w2"
[ "$w2" -gt "$w1" ] && pass writeback-idle-moves-bd_writes || fail writeback-idle-moves-bd_writes "$w1 -> $w2"
[ "$(bd 1)" -gt 0 ] && pass writeback-bd_count || fail writeback-bd_count "bd_stat: $(cat /sys/block/zram0/bd_stat)"
grep -q '"bd_writes": '"$w2" <<EOF2 && pass stats-reports-bd_writes || fail stats-reports-bd_writes
$(zswapctl stats --json zram0)
EOF2

r0=$(bd 2)
kill -USR1 $po
wait $po
expect_eq readback-checksums 0 "$?"
r1=$(bd 2)
info "bd_reads $r0 -> $r1"
[ "$r1" -gt "$r0" ] && pass readback-moves-bd_reads || fail readback-moves-bd_reads "$r0 -> $r1"
zswapctl teardown -c /tmp/wb.conf >/dev/null 2>&1 || fail backing-teardown

# A writeback limit: 16 pages at the most, then "used up".
printf '[zram0]\nsize = 64M\nalgorithm = zstd\nbacking-device = /dev/vda\nwriteback-limit = 64K\n' >/tmp/wl.conf
zswapctl setup -c /tmp/wl.conf >/tmp/out 2>&1 || die limit-setup "$(cat /tmp/out)"
expect_eq limit-enabled 1 "$(cat /sys/block/zram0/writeback_limit_enable)"
expect_eq limit-pages 16 "$(cat /sys/block/zram0/writeback_limit)"
pageout -m 16 -r 0 -H >/tmp/po 2>&1 &
po=$!
wait_for_ready || die limit-pageout "$(cat /tmp/po)"
w0=$(bd 3)
zswapctl writeback --idle zram0 >/tmp/out 2>&1
info "limited: exit $? $(cat /tmp/out)"
w1=$(bd 3)
[ $((w1 - w0)) -le 16 ] && [ $((w1 - w0)) -gt 0 ] && pass limit-honoured || fail limit-honoured "wrote $((w1 - w0)) pages with a limit of 16"
zswapctl writeback --idle zram0 >/tmp/out 2>&1
expect_eq limit-used-up-exit 1 "$?"
grep -q "writeback limit is used up" /tmp/out && pass limit-used-up-message || fail limit-used-up-message "$(cat /tmp/out)"
kill -USR1 $po
wait $po
expect_eq limit-readback-checksums 0 "$?"
zswapctl teardown -c /tmp/wl.conf >/dev/null 2>&1 || fail limit-teardown
