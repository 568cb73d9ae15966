#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 180
#
# [system] on Debian's stock kernel: --dry-run shows each tunable with its
# value before, setup applies vm.page-cluster, a swappiness above 100,
# vm.watermark_scale_factor and MGLRU (turned the other way from how the
# kernel booted), a second run changes nothing, teardown gives every value
# back and says so.
. /zvm/lib.sh
load_zram || exit 0
need_cmd zswapctl

vm=/proc/sys/vm
lru=/sys/kernel/mm/lru_gen/enabled
pc0=$(cat $vm/page-cluster)
sw0=$(cat $vm/swappiness)
wsf0=$(cat $vm/watermark_scale_factor)
lru0=$(cat $lru 2>/dev/null)
info "before: page-cluster $pc0, swappiness $sw0, watermark_scale_factor $wsf0, lru_gen ${lru0:-none}"
# Whatever happens, the VM's next case finds the kernel as it booted.
on_exit "zswapctl teardown -c /tmp/tunables.conf; echo $pc0 >$vm/page-cluster; echo $sw0 >$vm/swappiness; echo $wsf0 >$vm/watermark_scale_factor"
[ -n "$lru0" ] && on_exit "echo $lru0 >$lru"

# MGLRU the other way round from how it booted: a change either way.
mglru=yes
want_lru_on=1
if [ -n "$lru0" ] && [ $((lru0 & 1)) = 1 ]; then
	mglru=no
	want_lru_on=0
fi
cat >/tmp/tunables.conf <<CONF
[system]
page-cluster = 0
swappiness = 180
watermark-scale-factor = 125
mglru = $mglru

[zram0]
size = 64M
CONF

run zswapctl setup --dry-run -c /tmp/tunables.conf
expect_exit dry-run-exit 0
expect_grep dry-run-page-cluster "^would: vm.page-cluster = 0 (was $pc0)" "$out"
expect_grep dry-run-swappiness "^would: vm.swappiness = 180 (was $sw0)" "$out"
expect_eq dry-run-changes-nothing "$sw0" "$(cat $vm/swappiness)"
run zswapctl setup --dry-run --json -c /tmp/tunables.conf
expect_grep dry-run-json-step '"action": "tunable"' "$out"

run zswapctl setup -c /tmp/tunables.conf
info "$(cat "$out" "$err")"
expect_exit setup-exit 0
check setup-swap-active swap_active zram0
expect_eq setup-page-cluster 0 "$(cat $vm/page-cluster)"
expect_eq setup-swappiness-above-100 180 "$(cat $vm/swappiness)"
expect_eq setup-watermark-scale-factor 125 "$(cat $vm/watermark_scale_factor)"
if [ -n "$lru0" ]; then
	expect_eq setup-mglru-$mglru "$want_lru_on" "$(($(cat $lru) & 1))"
else
	expect_grep setup-no-mglru-warns "no MGLRU" "$err"
fi
expect_eq setup-journal-page-cluster "$pc0 0" "$(cat /run/zswapctl/system.page-cluster)"

run zswapctl setup -c /tmp/tunables.conf
expect_exit setup-again-exit 0
expect_grep setup-again-nothing-to-do "nothing to do" "$out"

run zswapctl teardown -c /tmp/tunables.conf
info "$(cat "$out" "$err")"
expect_exit teardown-exit 0
check teardown-swapoff eval '! swap_active zram0'
expect_eq teardown-page-cluster "$pc0" "$(cat $vm/page-cluster)"
expect_eq teardown-swappiness "$sw0" "$(cat $vm/swappiness)"
expect_eq teardown-watermark-scale-factor "$wsf0" "$(cat $vm/watermark_scale_factor)"
[ -n "$lru0" ] && expect_eq teardown-mglru "$lru0" "$(cat $lru)"
expect_grep teardown-says-restored "^vm.swappiness = $sw0 (restored)" "$out"
check teardown-journal-empty eval '! ls /run/zswapctl/system.* >/dev/null 2>&1'
finish
