#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 120
#
# host-memory-limit (zram-generator's key) on a VM of 1 GiB: a limit below
# MemTotal means no device (setup says why, --json lists it as skipped,
# exit 0), a limit above it sets the device up.
. /zvm/lib.sh
load_zram || exit 0
need_cmd zswapctl
on_exit "zswapctl teardown -c /tmp/hml-above.conf"

ram_kib=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
info "MemTotal ${ram_kib} kB"
printf '[zram0]\nsize = 64M\nhost-memory-limit = 512M\n' >/tmp/hml-below.conf
printf '[zram0]\nsize = 64M\nhost-memory-limit = 4G\n' >/tmp/hml-above.conf

run zswapctl setup -c /tmp/hml-below.conf
info "$(cat "$out" "$err")"
expect_exit below-limit-exit 0
check below-limit-no-swap eval '! swap_active zram0'
expect_eq below-limit-no-disksize 0 "$(cat /sys/block/zram0/disksize 2>/dev/null || echo 0)"
run zswapctl -v setup -c /tmp/hml-below.conf
expect_grep below-limit-says-why "zram0: no device: MemTotal .* is above host-memory-limit = 512M" "$err"
run zswapctl setup --dry-run --json -c /tmp/hml-below.conf
expect_grep below-limit-json-skipped '"reason": "host-memory-limit"' "$out"

run zswapctl setup -c /tmp/hml-above.conf
expect_exit above-limit-exit 0
check above-limit-swap swap_active zram0
expect_eq above-limit-disksize 67108864 "$(cat /sys/block/zram0/disksize)"
run zswapctl teardown -c /tmp/hml-above.conf
expect_exit teardown-exit 0
finish
