#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Concurrent setups of one configuration: the run lock serializes them, so
# all succeed and the result is one swap area per device, configured once.
. "$SRCDIR/tests/host/lib.sh"
Z=$ZSWAPCTL
next=$(zram_devices | sed 's/zram//' | sort -n | tail -n 1)
a=$((next + 1)) b=$((next + 2))
printf '[zram%s]\nsize = 16M\nswap-priority = 11\n[zram%s]\nsize = 24M\nswap-priority = 12\n' $a $b >"$tmp/c.conf"
on_exit "$Z teardown zram$a zram$b"
pids=()
for i in 1 2 3 4; do
	"$Z" setup -c "$tmp/c.conf" >"$tmp/out$i" 2>&1 &
	pids+=($!)
done
ok=0
for p in "${pids[@]}"; do wait "$p" && ok=$((ok + 1)); done
check "four concurrent setups all exit 0 ($ok)" test $ok -eq 4
# The one that ran first did the work; the run lock made the other three
# wait for it and find nothing left to do.
worked=$(cd "$tmp" && grep -l "zram$a: swapon" out? | tr '\n' ' ')
idle=$(cd "$tmp" && grep -l "nothing to do" out? | tr '\n' ' ')
expect_eq "one of them did the work, the other three found nothing to do" \
	"out1 out2 out3 out4" "$(echo $worked $idle | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')"
check "the one that did the work ($worked) set up both devices" \
	eval "[ \$(echo $worked | wc -w) = 1 ] && grep -q 'zram$b: swapon' '$tmp/'$worked"
expect_eq "zram$a and zram$b are swap once each, at the configured size and priority" \
	"/dev/zram$a 16380 11 /dev/zram$b 24572 12 " \
	"$(grep "^/dev/zram\($a\|$b\) " <(swap_rows) | tr '\n' ' ')"
# Concurrent teardowns: one does it, the others find nothing to do.
for i in 1 2; do "$Z" teardown zram$a zram$b >"$tmp/td$i" 2>&1 & done
wait
check "concurrent teardowns leave neither device" eval '[ ! -e /sys/block/zram'$a' ] && [ ! -e /sys/block/zram'$b' ]'
finish
