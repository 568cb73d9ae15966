#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Fault injection: every sysfs write of a setup fails in turn (an
# LD_PRELOAD shim, tests/host/failwrite.c); each time setup must exit 1,
# name what failed, and leave every device as it was.
. "$SRCDIR/tests/host/lib.sh"
Z=$ZSWAPCTL
# The shim is not the sanitizer runtime: let ASan accept it coming first.
export ASAN_OPTIONS=verify_asan_link_order=0

next=$(zram_devices | sed 's/zram//' | sort -n | tail -n 1)
a=$((next + 1))
cat >"$tmp/rb.conf" <<CONF
[zram$a]
size = 32M
algorithm = lz4 lzo-rle
mem-limit = 8M
swap-priority = 3
CONF
on_exit "$Z teardown zram$a"

# The sysfs writes of a clean setup, as the shim saw them ("zramN/attribute"
# a line), must be the plan's writes, in the plan's order.
written() { sed 's|^.*/\([^/]*/[^/]*\)$|\1|' "$1" 2>/dev/null; }
planned_writes() { # planned_writes ARGS...: setup --dry-run's sysfs writes
	"$Z" setup --dry-run --json "$@" >"$tmp/plan.json"
	jq_py "$tmp/plan.json" "'\\n'.join(s['device'] + '/' + s.get('attribute', 'reset')
		for s in d['steps'] if s['action'] in ('write', 'reset'))"
}
planned_writes -c "$tmp/rb.conf" >"$tmp/planned"
before=$(device_state)
FAILWRITE_LOG=$tmp/log LD_PRELOAD=$FAILWRITE "$Z" setup -c "$tmp/rb.conf" >/dev/null 2>&1
check "a clean setup under the shim succeeds" grep -q "^/dev/zram$a " /proc/swaps
expect_eq "the shim saw the plan's sysfs writes, in order" \
	"$(cat "$tmp/planned")" "$(written "$tmp/log")"
n=$(written "$tmp/log" | wc -l)
"$Z" teardown zram$a >/dev/null 2>&1
check "teardown restored the machine" test "$(device_state)" = "$before"

for ((i = 1; i <= n; i++)); do
	FAILWRITE_NTH=$i LD_PRELOAD=$FAILWRITE "$Z" setup -c "$tmp/rb.conf" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "write $i of $n fails: exit 1" test $rc -eq 1
	check "write $i of $n fails: the error says what and that it was rolled back" \
		eval 'grep -q "zram'$a'\|hot_add\|hot-add" "$tmp/err" && grep -q "rolled back" "$tmp/err"'
	after=$(device_state)
	if [ "$after" = "$before" ]; then
		pass "write $i of $n fails: every device is as it was"
	else
		fail "write $i of $n fails: every device is as it was" "$(diff <(echo "$before") <(echo "$after") | tr '\n' ' ')"
		"$Z" teardown zram$a >/dev/null 2>&1
	fi
done
# A forced reconfiguration of a device in use (swapoff, reset, configure,
# swapon) that fails at any write is rolled back to the old swap area.
"$Z" setup -c "$tmp/rb.conf" >/dev/null 2>&1
in_use=$(device_state)
sed 's/^size = 32M/size = 24M/' "$tmp/rb.conf" >"$tmp/rb2.conf"
planned_writes --force -c "$tmp/rb2.conf" >"$tmp/planned-resize"
# Fail write 1, 2, ... until one beyond the last: that run succeeds, and
# its log holds every write the others failed in turn.
resized=no
for ((i = 1; i <= 20; i++)); do
	rm -f "$tmp/log"
	FAILWRITE_LOG=$tmp/log FAILWRITE_NTH=$i LD_PRELOAD=$FAILWRITE \
		"$Z" setup --force -c "$tmp/rb2.conf" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 0 ]; then
		resized=yes
		break
	fi
	check "forced resize, write $i fails: exit 1" test $rc -eq 1
	expect_grep "forced resize, write $i ($(written "$tmp/log" | sed -n "${i}p")) fails: the error says it was rolled back" \
		"rolled back" "$tmp/err"
	after=$(device_state)
	if [ "$after" = "$in_use" ]; then
		pass "forced resize, write $i fails: the old swap area is back"
	else
		fail "forced resize, write $i fails: the old swap area is back" "$(diff <(echo "$in_use") <(echo "$after") | tr '\n' ' ')"
		"$Z" setup --force -c "$tmp/rb.conf" >/dev/null 2>&1
	fi
done
expect_eq "forced resize: a run with no write failed succeeded" yes "$resized"
expect_eq "forced resize: its writes are the plan's, and each was failed once" \
	"$(tr '\n' ' ' <"$tmp/planned-resize")$((i - 1))" \
	"$(written "$tmp/log" | tr '\n' ' ')$(written "$tmp/log" | wc -l)"
check "forced resize without a fault: 24M swap" grep -q "^/dev/zram$a 24572 3\$" <(swap_rows)
"$Z" teardown zram$a >/dev/null 2>&1

# Two new devices, a write of the second fails: the second is rolled back
# alone, the first stays swap, setup exits 1 and names the second.
b=$((a + 1))
{ cat "$tmp/rb.conf"; printf '[zram%s]\nsize = 16M\nalgorithm = lz4 lzo-rle\n' "$b"; } >"$tmp/two.conf"
on_exit "$Z teardown zram$b"
planned_writes -c "$tmp/two.conf" >"$tmp/planned-two"
first_of_b=$(grep -n "^zram$b/" "$tmp/planned-two" | head -n 1 | cut -d: -f1)
FAILWRITE_NTH=$first_of_b LD_PRELOAD=$FAILWRITE "$Z" setup --json -c "$tmp/two.conf" >"$tmp/out" 2>"$tmp/err"
check "two devices, a write of the second fails: exit 1" test $? -eq 1
check "two devices, a write of the second fails: the first is swap" grep -q "^/dev/zram$a " /proc/swaps
check "two devices, a write of the second fails: the second was removed" test ! -e /sys/block/zram$b
expect_grep "two devices, a write of the second fails: says the second was rolled back" \
	"zram$b is not set up: its changes were rolled back" "$tmp/err"
expect_eq "two devices, a write of the second fails: JSON names it, and a change stayed" \
	"zram$b 1 True" "$(jq_py "$tmp/out" "'%s %d %s' % (d['failed'][0]['device'], d['failed'][0]['exit'], d['changed'])")"
"$Z" teardown zram$a >/dev/null 2>&1
check "two devices: teardown of the first leaves the machine as it was" test "$(device_state)" = "$before"

FAILSWAPON=1 LD_PRELOAD=$FAILWRITE "$Z" setup -c "$tmp/rb.conf" >"$tmp/out" 2>"$tmp/err"
check "swapon fails: exit 1" test $? -eq 1
check "swapon fails: the error names the step" grep -q "zram$a: swapon, priority 3 failed" "$tmp/err"
check "swapon fails: every device is as it was" test "$(device_state)" = "$before"
finish
