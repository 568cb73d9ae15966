#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# [system] on this machine's kernel: setup writes vm.page-cluster,
# vm.swappiness above 100 and vm.watermark_scale_factor, warns about MGLRU
# where the kernel lacks it (and writes nothing there), records the values
# before, does nothing the second time; teardown of its device keeps them
# while another zram device is swap and gives them back once none is.
# Whatever happens, the machine gets its values back.
. "$SRCDIR/tests/host/lib.sh"
Z=$ZSWAPCTL
vm=/proc/sys/vm
pc0=$(cat $vm/page-cluster) sw0=$(cat $vm/swappiness) wsf0=$(cat $vm/watermark_scale_factor)
for k in page-cluster swappiness watermark-scale-factor mglru; do
	[ -e /run/zswapctl/system.$k ] || on_exit "rm -f /run/zswapctl/system.$k"
done
on_exit "echo $pc0 >$vm/page-cluster; echo $sw0 >$vm/swappiness; echo $wsf0 >$vm/watermark_scale_factor"
lru0=$(cat /sys/kernel/mm/lru_gen/enabled 2>/dev/null)
[ -n "$lru0" ] && on_exit "echo $lru0 >/sys/kernel/mm/lru_gen/enabled"

n=$(( $(zram_devices | sed 's/zram//' | sort -n | tail -n 1) + 1 ))
cat >"$tmp/sys.conf" <<CONF
[system]
page-cluster = 1
swappiness = 150
watermark-scale-factor = 20
mglru = yes

[zram$n]
size = 16M
algorithm = lzo-rle
CONF
on_exit "$Z teardown zram$n"

# The plan setup is about to carry out (--dry-run only reads).
run "$Z" setup --dry-run --json -c "$tmp/sys.conf"
cp "$out" "$tmp/plan.json"
dry_rc=$rc
run "$Z" setup -c "$tmp/sys.conf"
expect_exit "[system]: setup exits 0" 0
expect_eq "[system]: vm.page-cluster 1" 1 "$(cat $vm/page-cluster)"
expect_eq "[system]: vm.swappiness above 100" 150 "$(cat $vm/swappiness)"
expect_eq "[system]: vm.watermark_scale_factor 20" 20 "$(cat $vm/watermark_scale_factor)"
if [ -z "$lru0" ]; then
	expect_grep "[system]: no MGLRU here: a warning naming the key" \
		"this kernel has no MGLRU.*\[system\] mglru is not applied" "$err"
	# (a write could not create lru_gen/enabled: look at the plan instead)
	expect_eq "[system]: no MGLRU here: --dry-run --json exits 0 and plans no mglru step" "0 0" \
		"$dry_rc $(jq_py "$tmp/plan.json" "sum(1 for s in d['steps'] if s['action'] == 'tunable' and s.get('key') == 'mglru')")"
	expect_no_grep "[system]: no MGLRU here: setup reports no write error" "cannot write" "$err"
else
	expect_eq "[system]: MGLRU on" 1 "$(( $(cat /sys/kernel/mm/lru_gen/enabled) & 1 ))"
fi
expect_eq "[system]: the journal keeps the value before" "$sw0 150" "$(cat /run/zswapctl/system.swappiness)"
run "$Z" setup -c "$tmp/sys.conf"
expect_grep "[system]: a second setup has nothing to do" "nothing to do" "$out"

run "$Z" teardown -c "$tmp/sys.conf"
expect_exit "[system]: teardown exits 0" 0
if grep -q '^/dev/zram' /proc/swaps; then
	# Another zram device (the machine's own) is still swap.
	expect_eq "[system]: teardown keeps the tunables while zram is still swap" 150 \
		"$(cat $vm/swappiness)"
else
	expect_eq "[system]: teardown gives vm.swappiness back" "$sw0" "$(cat $vm/swappiness)"
	expect_eq "[system]: teardown gives vm.page-cluster back" "$pc0" "$(cat $vm/page-cluster)"
	expect_grep "[system]: teardown says so" "^vm.swappiness = $sw0 (restored)" "$out"
fi
finish
