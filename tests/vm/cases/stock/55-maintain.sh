#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 300
#
# zswapctl maintain on a real kernel with a file: backing device: a process
# allocates and idles; within the configured rounds its pages are written
# back (bd_stat moves by what maintain --json says), no round writes more
# than its budget and the day no more than the daily budget; a simulated
# reboot (zram reset, the state file kept) keeps the daily budget; every
# page read back through the backing device matches its checksum.
. /zvm/lib.sh
need_cmd zswapctl
load_zram || exit 0
modprobe loop 2>/dev/null
make_tmpdir tmp zvm-maintain

st=$tmp/state
conf=$tmp/m.conf
# 1 MiB rounds (256 pages), 2 MiB a day: two rounds, then the day is used up.
cat >"$conf" <<CONF
[zram0]
size = 64M
algorithm = lz4
backing-device = file:$tmp/wb.img:32M
writeback-modes = huge_idle idle huge
writeback-interval = 1s
writeback-backoff = 1s
writeback-round-min = 4K
writeback-round-max = 1M
writeback-daily-limit = 2M
writeback-idle-age = 2s
CONF
bd() { awk -v f="$1" '{print $f}' /sys/block/zram0/bd_stat; }
# The first number of a key in maintain's JSON (its keys are unique per
# device here: written_today, daily_left, budget).
jnum() { sed -n "s/.*\"$1\": \([0-9][0-9]*\).*/\1/p" "$2" | head -n 1; }
maintain() { run zswapctl maintain -c "$conf" --state-dir "$st" --json; }

on_exit "zswapctl teardown -c $conf"
run zswapctl setup -c "$conf"
expect_exit maintain-setup 0
pageout_hold 8 maintain-pageout
sleep 3 # the pages are older than the 2 s idle age

w0=$(bd 3)
run zswapctl maintain -c "$conf" --state-dir "$st" --dry-run --json
expect_exit maintain-dry-run-exit 0
expect_grep maintain-dry-run-says-so '"dry_run": true' "$out"
expect_eq maintain-dry-run-writes-nothing "$w0" "$(bd 3)"
check maintain-dry-run-keeps-no-state test ! -e "$st/maintain-zram0"

rounds=0 over=0 total=0
for i in 1 2 3 4; do
	w0=$(bd 3)
	maintain
	w1=$(bd 3)
	info "round $i: exit $rc, bd_writes $w0 -> $w1, written today $(jnum written_today "$out")"
	[ "$rc" = 0 ] || fail "maintain-round-$i-exit" "exit $rc: $(excerpt "$err")"
	pages=$((w1 - w0))
	[ "$pages" -gt 0 ] && rounds=$((rounds + 1))
	[ "$pages" -gt 256 ] && over=1
	total=$((total + pages))
	expect_eq "maintain-round-$i-json-matches-bd_stat" "$((total * 4096))" "$(jnum written_today "$out")"
	sleep 2
done
expect_eq maintain-rounds-that-wrote 2 "$rounds"
expect_eq maintain-no-round-over-its-budget 0 "$over"
expect_eq maintain-the-day-ends-at-the-daily-budget 512 "$total"
expect_grep maintain-then-says-daily-limit '"skipped": "daily-limit"' "$out"
expect_eq maintain-daily-left-0 0 "$(jnum daily_left "$out")"
expect_eq maintain-state-day-written "day-written 2097152" "$(grep '^day-written ' "$st/maintain-zram0")"
pageout_release maintain-readback-checksums

# A simulated reboot: the device goes (swapoff, reset, its loop device
# detached), the state file stays; the new device gets no writeback today.
run zswapctl teardown -c "$conf"
expect_exit maintain-teardown 0
run zswapctl setup -c "$conf"
expect_exit maintain-setup-again 0
expect_eq maintain-fresh-device 0 "$(bd 3)"
pageout_hold 8 maintain-reboot-pageout
sleep 3
maintain
expect_exit maintain-after-reboot-exit 0
expect_grep maintain-after-reboot-daily-limit '"skipped": "daily-limit"' "$out"
expect_eq maintain-after-reboot-nothing-written 0 "$(bd 3)"
expect_grep maintain-after-reboot-state-was-read '"fresh": false' "$out"
pageout_release maintain-reboot-readback-checksums

# A day later (the state's day moved back by a day) the budget is whole.
day=$(sed -n 's/^day-start //p' "$st/maintain-zram0")
sed -i "s/^day-start .*/day-start $((day - 86400))/" "$st/maintain-zram0"
pageout_hold 8 maintain-next-day-pageout
sleep 3
w0=$(bd 3)
maintain
w1=$(bd 3)
expect_exit maintain-next-day-exit 0
expect_eq maintain-next-day-a-full-round 256 "$((w1 - w0))"
pageout_release maintain-next-day-readback-checksums
run zswapctl teardown -c "$conf"
expect_exit maintain-final-teardown 0
finish
