#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 300
#
# zswapctl maintain with writeback and recompression on the patched kernel
# (multi-compression: recomp_algorithm): pages pushed out and left idle are
# written back within the round's budget and the rest recompressed with the
# secondary algorithm in the same rounds; maintain --json's sizes before and
# after match mm_stat, the data shrinks, and every page read back, through
# the backing device or decompressed by zstd, matches its checksum.
. /zvm/lib.sh
need_cmd zswapctl
load_zram || exit 0
need_file /sys/block/zram0/recomp_algorithm
modprobe loop 2>/dev/null
make_tmpdir tmp zvm-maintain-recompress

st=$tmp/state
conf=$tmp/m.conf
# 1 MiB of writeback a round; recompression of every slot idle 2 s. No
# dm-crypt under the file: the policy is what this case is about (35-backing-crypt
# in vm-stock covers the encryption).
cat >"$conf" <<CONF
[zram0]
size = 64M
algorithm = lz4
recompress = zstd:1
backing-device = file:$tmp/wb.img:32M
backing-encryption = no
writeback-modes = huge_idle idle huge
writeback-interval = 1s
writeback-backoff = 1s
writeback-round-min = 4K
writeback-round-max = 1M
writeback-daily-limit = 2M
writeback-idle-age = 2s
recompress-interval = 1s
recompress-type = idle
recompress-idle-age = 2s
CONF
bd() { awk -v f="$1" '{print $f}' /sys/block/zram0/bd_stat; }
mm() { awk -v f="$1" '{print $f}' /sys/block/zram0/mm_stat; }
# The first number or word after "KEY": in maintain's JSON, within the
# device's "recompress" object (the text after its key).
rjson() { sed -n 's/.*"recompress": *{\(.*\)/\1/p' "$out" | sed -n "s/.*\"$1\": *\([0-9a-z]*\).*/\1/p" | head -n 1; }

on_exit "zswapctl teardown -c $conf"
run zswapctl setup -c "$conf"
expect_exit maintain-recompress-setup 0
[ "$rc" = 0 ] || die maintain-recompress-setup "no device to maintain"
expect_grep maintain-recompress-secondary-set zstd /sys/block/zram0/recomp_algorithm
pageout_hold 8 maintain-recompress-pageout
sleep 3 # the pages are older than the 2 s idle ages

w0=$(bd 3) c0=$(mm 2)
run zswapctl maintain -c "$conf" --state-dir "$st" --json
expect_exit maintain-recompress-round-exit 0
# maintain's JSON on one line, for rjson
tr -d '\n' <"$out" >"$out.1" && mv "$out.1" "$out"
w1=$(bd 3) c1=$(mm 2)
info "bd_writes $w0 -> $w1, compr_data_size $c0 -> $c1," \
	"maintain: recompress ran $(rjson ran), $(rjson compr_data_size_before) -> $(rjson compr_data_size_after)"
check maintain-recompress-wrote-back test "$((w1 - w0))" -gt 0
check maintain-recompress-within-the-round-budget test "$((w1 - w0))" -le 256
expect_eq maintain-recompress-ran true "$(rjson ran)"
expect_eq maintain-recompress-json-after-is-mm_stat "$c1" "$(rjson compr_data_size_after)"
check maintain-recompress-shrank test "$(rjson compr_data_size_after)" -lt "$(rjson compr_data_size_before)"
pageout_release maintain-recompress-readback-checksums
run zswapctl teardown -c "$conf"
expect_exit maintain-recompress-teardown 0
finish
