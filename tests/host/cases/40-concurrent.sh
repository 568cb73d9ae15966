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
# Eight concurrent teardowns: each looks its devices up under the run
# lock, so one does the work and the others find nothing left to do; none
# fails on a device that vanished under it.
pids=()
for i in 1 2 3 4 5 6 7 8; do
	"$Z" teardown zram$a zram$b >"$tmp/td$i" 2>&1 &
	pids+=($!)
done
ok=0
for p in "${pids[@]}"; do wait "$p" && ok=$((ok + 1)); done
check "eight concurrent teardowns all exit 0 ($ok; $(cat "$tmp"/td? | grep -v 'swapoff\|reset\|removed\|nothing to do' | head -c 300))" \
	test $ok -eq 8
check "concurrent teardowns leave neither device" eval '[ ! -e /sys/block/zram'$a' ] && [ ! -e /sys/block/zram'$b' ]'

# setup, teardown and swap-ops from different shells at once: they take
# turns; each ends in a state the next one understands, and at the end a
# setup leaves both devices configured once.
# mix-pids: "PID STDERR-FILE COMMAND" a run; mix-rcs: the same with the
# exit status for the PID (expect_said_why).
: >"$tmp/mix-pids"
: >"$tmp/mix-rcs"
for i in 1 2 3; do
	"$Z" setup -c "$tmp/c.conf" >"$tmp/mix-s$i" 2>"$tmp/mix-s$i.err" &
	echo "$! $tmp/mix-s$i.err setup" >>"$tmp/mix-pids"
	"$Z" teardown zram$a zram$b >"$tmp/mix-t$i" 2>"$tmp/mix-t$i.err" &
	echo "$! $tmp/mix-t$i.err teardown" >>"$tmp/mix-pids"
	"$Z" swap-ops off >"$tmp/mix-o$i" 2>"$tmp/mix-o$i.err" &
	echo "$! $tmp/mix-o$i.err swap-ops off" >>"$tmp/mix-pids"
done
bad=0
while read -r p errf what; do
	wait "$p"
	rc=$?
	echo "$rc $errf $what" >>"$tmp/mix-rcs"
	# swap-ops exits 3 on a kernel without the series, or 1 when no
	# device exists at that moment: clear refusals, not corruption.
	[ $rc -eq 0 ] || [ $rc -eq 3 ] || [ $rc -eq 1 ] || bad=$((bad + 1))
done <"$tmp/mix-pids"
check "mixed concurrent runs: no crash and no usage error ($bad)" test $bad -eq 0
check "mixed concurrent setups and teardowns: no device vanished under them" \
	eval '! grep -l "does not have this attribute\|No such file" "$tmp"/mix-[st]?*'
expect_said_why "mixed concurrent runs: every failure says why on stderr" "$tmp/mix-rcs"
"$Z" setup -c "$tmp/c.conf" >/dev/null 2>&1
expect_eq "after them, one setup: zram$a and zram$b swap once each" \
	"/dev/zram$a 16380 11 /dev/zram$b 24572 12 " \
	"$(grep "^/dev/zram\($a\|$b\) " <(swap_rows) | tr '\n' ' ')"
"$Z" teardown zram$a zram$b >/dev/null 2>&1
finish
