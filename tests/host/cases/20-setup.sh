#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# setup and teardown on real zram: the embedded default, configurations
# with new devices, idempotence, --dry-run, refusals, the swap header.
. "$SRCDIR/tests/host/lib.sh"
Z=$ZSWAPCTL

# ---- the embedded default ------------------------------------------------------
# What the default asks for on this machine: min(ram / 2, 4G), the first of
# zstd, lz4, lzo-rle the kernel has, priority 100.
ram_kib=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
want=$(( ram_kib * 1024 / 2 < 4 << 30 ? ram_kib * 1024 / 2 : 4 << 30 ))
want=$(( (want + 4095) / 4096 * 4096 ))
best=$(for a in zstd lz4 lzo-rle; do grep -qw -- "$a" /sys/block/zram0/comp_algorithm && echo $a; done | head -n 1)
default_row="$(( want / 1024 - 4 )) 100" # /proc/swaps: KiB less the header page, priority

# The embedded default sets vm.page-cluster 0 ([system]); whatever happens,
# the machine gets its value back, and the journal forgets it.
pc0=$(cat /proc/sys/vm/page-cluster)
[ -e /run/zswapctl/system.page-cluster ] ||
	on_exit "rm -f /run/zswapctl/system.page-cluster"
on_exit "echo $pc0 >/proc/sys/vm/page-cluster"

config_files() {
	ls /etc/zswapctl.conf /etc/zswapctl.conf.d/*.conf /usr/lib/zswapctl/zswapctl.conf \
		/usr/lib/zswapctl/zswapctl.conf.d/*.conf /run/zswapctl.conf.d/*.conf 2>/dev/null
}

# On zram0, with no configuration file: what `zswapctl setup` does on a
# fresh machine. The README's first command has done it already on a
# machine the suite runs on after it: then setup must find nothing to do.
if [ -n "$(config_files)" ]; then
	skip "default on zram0" "this machine has a configuration file: $(config_files | tr '\n' ' ')"
elif [ "$(cat /sys/block/zram0/disksize 2>/dev/null)" = 0 ]; then
	alg0=$(sed 's/.*\[\(.*\)\].*/\1/' /sys/block/zram0/comp_algorithm)
	on_exit "echo $alg0 > /sys/block/zram0/comp_algorithm"
	on_exit "swapoff /dev/zram0; echo 1 > /sys/block/zram0/reset"
	run "$Z" setup
	expect_exit "default: setup exits 0" 0
	expect_grep "default: /proc/swaps has /dev/zram0 at priority 100 with min(ram/2, 4G) less the header page" \
		"^/dev/zram0 $default_row\$" "$(swaps_file)"
	expect_grep "default: algorithm is the best available ($best)" "\[$best\]" /sys/block/zram0/comp_algorithm
	expect_eq "default: the swap header is what blkid calls swap" swap "$(blkid -p -o value -s TYPE /dev/zram0)"
	check "default: no warning about the default's algorithm order" test ! -s "$err"
	before=$(device_state)
	run "$Z" setup
	expect_exit "default: a second setup exits 0" 0
	expect_grep "default: a second setup says nothing to do" "nothing to do" "$out"
	expect_eq "default: a second setup changed nothing" "$before" "$(device_state)"
	"$Z" setup --dry-run --json >"$tmp/plan.json"
	expect_eq "default: --dry-run --json on a set-up machine plans no step" "[]" \
		"$(jq_py "$tmp/plan.json" "d['steps']")"
	run "$Z" teardown
	expect_exit "default: teardown exits 0" 0
	check "default: teardown swapped off and reset zram0" \
		eval '! grep -q zram0 /proc/swaps && [ "$(cat /sys/block/zram0/disksize)" = 0 ]'
	check "default: teardown keeps zram0, which setup did not create" test -e /sys/block/zram0
	expect_eq "default: teardown gives vm.page-cluster back" "$pc0" "$(cat /proc/sys/vm/page-cluster)"
	expect_grep "default: teardown gives zram0 its algorithm back ($alg0)" "\[$alg0\]" /sys/block/zram0/comp_algorithm
elif grep -q "^/dev/zram0 $default_row\$" "$(swaps_file)" &&
	grep -q "\[$best\]" /sys/block/zram0/comp_algorithm; then
	# zram0 is swap as the default sets it up: the machine's own swap,
	# which this test must not take away.
	before=$(device_state)
	if [ "$pc0" != 0 ]; then
		# A zswapctl from before [system]: the default's page-cluster is new.
		run "$Z" setup
		expect_grep "default, zram0 already set up: setup sets vm.page-cluster 0" \
			"^vm.page-cluster = 0 (was $pc0)" "$out"
		expect_eq "default, zram0 already set up: page-cluster is 0" 0 \
			"$(cat /proc/sys/vm/page-cluster)"
	fi
	run "$Z" setup
	expect_exit "default, zram0 already set up: setup exits 0" 0
	expect_grep "default, zram0 already set up: setup says nothing to do" \
		"nothing to do: every device is as configured" "$out"
	check "default, zram0 already set up: no warning" test ! -s "$err"
	expect_eq "default, zram0 already set up: setup changed nothing" "$before" "$(device_state)"
	"$Z" setup --dry-run --json >"$tmp/plan.json"
	expect_eq "default, zram0 already set up: --dry-run --json plans no step" "[]" \
		"$(jq_py "$tmp/plan.json" "d['steps']")"
else
	skip "default on zram0" "zram0 is in use, not as the default sets it up: $(grep zram0 /proc/swaps)"
fi

# The same default, from start to end, on a device setup must create: the
# configuration `config check` prints for it, moved to that device.
n=$(( $(zram_devices | sed 's/zram//' | sort -n | tail -n 1) + 1 ))
mkdir -p "$tmp/root/proc"
cp /proc/meminfo "$tmp/root/proc/meminfo"
"$Z" --sysroot "$tmp/root" config check >"$tmp/default.conf"
expect_grep "default, as config check prints it: the embedded default" \
	"^#   the embedded default" "$tmp/default.conf"
sed -i "s/^\[zram0\]\$/[zram$n]/" "$tmp/default.conf"
on_exit "$Z teardown zram$n"
before=$(device_state)
run "$Z" setup -c "$tmp/default.conf"
expect_exit "default on a new zram$n: setup exits 0" 0
expect_grep "default on a new zram$n: swap at priority 100 with min(ram/2, 4G) less the header page" \
	"^/dev/zram$n $default_row\$" "$(swaps_file)"
expect_grep "default on a new zram$n: algorithm is the best available ($best)" \
	"\[$best\]" "/sys/block/zram$n/comp_algorithm"
expect_eq "default on a new zram$n: the swap header is what blkid calls swap" \
	swap "$(blkid -p -o value -s TYPE "/dev/zram$n")"
after=$(device_state)
run "$Z" setup -c "$tmp/default.conf"
expect_grep "default on a new zram$n: a second setup says nothing to do" "nothing to do" "$out"
expect_eq "default on a new zram$n: a second setup changed nothing" "$after" "$(device_state)"
# In a terminal (script(1)'s pseudo-terminal), teardown shows swapoff's
# progress from the area's used pages in /proc/swaps, and erases it.
script -qec "$Z teardown -c $tmp/default.conf" /dev/null </dev/null >"$tmp/pty" 2>&1
rc=$?
expect_exit "default on a new zram$n: teardown exits 0" 0
check "default on a new zram$n: teardown in a terminal shows swapoff's progress" \
	grep -q "zram$n: swapoff: [0-9/]* pages" "$tmp/pty"
check "default on a new zram$n: and erases it before saying it is done" \
	grep -q "$(printf '\033\\[K')zram$n: swapoff" "$tmp/pty"
check "default on a new zram$n: teardown removed the device it created" test ! -e "/sys/block/zram$n"
expect_eq "default on a new zram$n: the machine is as it was" "$before" "$(device_state)"

# ---- a configuration with devices setup must create ---------------------------
next=$(zram_devices | sed 's/zram//' | sort -n | tail -n 1)
a=$((next + 1)) b=$((next + 2))
cat >"$tmp/two.conf" <<CONF
[zram$a]
size = 64M
algorithm = lzo
swap-priority = 5
discard = yes

[zram$b]
size = min(32M, 10%)   # a comment after the value
algorithm = lz4 lzo-rle
swap-priority = 7
mem-limit = 16M
CONF
on_exit "$Z teardown zram$a zram$b"
before=$(device_state)
"$Z" setup -c "$tmp/two.conf" --dry-run >"$tmp/dry" 2>&1
check "config: --dry-run exits 0" test $? -eq 0
check "config: --dry-run plans the hot_add" grep -q "would: zram$a: hot-add" "$tmp/dry"
check "config: --dry-run touched nothing" test "$(device_state)" = "$before"

"$Z" setup -c "$tmp/two.conf" >"$tmp/out" 2>&1
check "config: setup exits 0" test $? -eq 0
check "config: zram$a is swap at priority 5 with 64M" grep -q "^/dev/zram$a 65532 5\$" <(swap_rows)
check "config: zram$b is swap at priority 7 with 32M" grep -q "^/dev/zram$b 32764 7\$" <(swap_rows)
check "config: zram$a uses lzo" grep -q '\[lzo\]' /sys/block/zram$a/comp_algorithm
check "config: zram$b mem_limit is 16M" \
	test "$(awk '{print $4}' /sys/block/zram$b/mm_stat)" = $((16 << 20))
before=$(device_state)
"$Z" setup -c "$tmp/two.conf" >"$tmp/out" 2>&1
check "config: a second setup says nothing to do" grep -q "nothing to do" "$tmp/out"
check "config: a second setup changed nothing" test "$(device_state)" = "$before"

# mem-limit alone changes in place, without swapoff.
sed -i 's/^mem-limit = 16M/mem-limit = 24M/' "$tmp/two.conf"
"$Z" setup -c "$tmp/two.conf" >"$tmp/out" 2>&1
check "config: a new mem-limit is applied in place" \
	eval '[ "$(awk "{print \$4}" /sys/block/zram'$b'/mm_stat)" = $((24 << 20)) ] && grep -q "^/dev/zram'$b' " /proc/swaps'

# A new size needs a reset: refused while in use, done with --force.
sed -i 's/^size = 64M/size = 48M/' "$tmp/two.conf"
before=$(device_state)
"$Z" setup -c "$tmp/two.conf" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "resize in use: refused with exit 1" test $rc -eq 1
check "resize in use: the message names the device, the change and --force" \
	grep -q "zram$a: disksize 67108864 -> 50331648, which needs swapoff, but it is active swap.*--force" "$tmp/err"
check "resize in use: nothing changed" test "$(device_state)" = "$before"
"$Z" setup -c "$tmp/two.conf" --force --dry-run --json >"$tmp/plan.json" 2>"$tmp/err"
check "resize --force --dry-run --json: valid against setup-schema.json" \
	"$SRCDIR/tests/json-schema-check" setup "$tmp/plan.json"
"$Z" setup -c "$tmp/two.conf" --force --json >"$tmp/applied.json" 2>"$tmp/err"
check "resize --force: exits 0" test $? -eq 0
check "resize --force --json: valid against setup-schema.json" \
	"$SRCDIR/tests/json-schema-check" setup "$tmp/applied.json"
expect_eq "resize --force --json: changed, swapoff to swapon" "True swapoff swapon" \
	"$(jq_py "$tmp/applied.json" "d['changed'] and not d['dry_run'], d['steps'][0]['action'], d['steps'][-1]['action']" | tr -d "(),'")"
check "resize --force: zram$a is now 48M swap" grep -q "^/dev/zram$a 49148 5\$" <(swap_rows)

# An algorithm the kernel lacks, alone: exit 3, nothing changed.
printf '[zram%s]\nsize = 16M\nalgorithm = no-such-alg\n' $((next + 3)) >"$tmp/bad-alg.conf"
before=$(device_state)
"$Z" setup -c "$tmp/bad-alg.conf" >"$tmp/out" 2>"$tmp/err"
check "unknown algorithm: exit 3" test $? -eq 3
check "unknown algorithm: message says what to set" grep -q "none of the configured algorithms" "$tmp/err"
check "unknown algorithm: nothing changed" test "$(device_state)" = "$before"

# A new device that fails, before one that does not: the second is set up
# (it lost its number to the first's failure: "a gap"), the first's number
# is taken by an empty device, and teardown removes both.
c=$((next + 3)) d=$((next + 4))
printf '[zram%s]\nsize = 16M\nalgorithm = no-such-alg\n[zram%s]\nsize = 16M\nswap-priority = 3\n' $c $d >"$tmp/bad-first.conf"
on_exit "$Z teardown -c $tmp/bad-first.conf"
"$Z" setup -c "$tmp/bad-first.conf" >"$tmp/out" 2>"$tmp/err"
check "a failed new device before a good one: exit 1" test $? -eq 1
check "a failed new device before a good one: the good one is swap" grep -q "^/dev/zram$d 16380 3\$" <(swap_rows)
check "a failed new device before a good one: the failed one exists, empty, not swap" \
	eval '[ "$(cat /sys/block/zram'$c'/disksize)" = 0 ] && ! grep -q "^/dev/zram'$c' " /proc/swaps'
check "a failed new device before a good one: said why it was made" grep -q "zram$c is made all the same, empty and not swap" "$tmp/err"
"$Z" teardown -c "$tmp/bad-first.conf" >"$tmp/out" 2>&1
check "a failed new device before a good one: teardown removes both" \
	eval '[ ! -e /sys/block/zram'$c' ] && [ ! -e /sys/block/zram'$d' ]'

# A bad configuration: exit 2, file:line, nothing changed.
printf '[zram%s]\nsize = 16M\nsise = 32M\n' $a >"$tmp/bad.conf"
"$Z" setup -c "$tmp/bad.conf" >"$tmp/out" 2>"$tmp/err"
check "bad config: exit 2" test $? -eq 2
check "bad config: the message names file:line" grep -q "$tmp/bad.conf:3" "$tmp/err"
check "bad config: nothing changed" test "$(device_state)" = "$before"

# A device that holds something other than swap is not touched.
"$Z" teardown zram$a >/dev/null 2>&1
"$HOSTDEV" add >/dev/null 2>&1 # zram$a again, unconfigured
on_exit "$HOSTDEV remove zram$a"
"$HOSTDEV" configure zram$a lzo-rle $((48 << 20))
printf 'not swap' | dd of=/dev/zram$a bs=4096 seek=0 conv=notrunc 2>/dev/null
if command -v mkfs.ext4 >/dev/null && mkfs.ext4 -q -F /dev/zram$a 2>/dev/null; then
	before=$(device_state)
	"$Z" setup -c "$tmp/two.conf" zram$a >"$tmp/out" 2>"$tmp/err"
	check "foreign signature: refused with exit 1" test $? -eq 1
	check "foreign signature: the message names it and --force" grep -q "zram$a holds a ext4 signature.*--force" "$tmp/err"
	check "foreign signature: the filesystem is still there" test "$(blkid -p -o value -s TYPE /dev/zram$a)" = ext4
	check "foreign signature: nothing changed" test "$(device_state)" = "$before"
else
	skip "foreign signature" "mkfs.ext4 not available"
fi
"$Z" teardown zram$a zram$b >/dev/null 2>&1
"$HOSTDEV" remove zram$a >/dev/null 2>&1
"$HOSTDEV" remove zram$b >/dev/null 2>&1
finish
