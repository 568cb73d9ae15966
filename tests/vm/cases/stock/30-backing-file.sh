#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 240
#
# file:PATH:SIZE backing: setup creates the file (ours), attaches a loop
# device with direct I/O, writeback goes there, teardown detaches it; a
# file that is not ours, or a symbolic link, is refused and left alone.
. /zvm/lib.sh
need_cmd zswapctl
load_zram || exit 0
modprobe loop 2>/dev/null
make_tmpdir tmp zvm-backing-file

img=$tmp/zram0-wb.img
printf '[zram0]\nsize = 32M\nbacking-device = file:%s:16M\nbacking-encryption = no\n' "$img" >"$tmp/f.conf"
on_exit "zswapctl teardown -c $tmp/f.conf"
run zswapctl setup -c "$tmp/f.conf"
info "$(cat "$out" "$err")"
expect_exit file-setup 0
loopdev=$(cat /sys/block/zram0/backing_dev)
case $loopdev in
/dev/loop*) pass file-loop-attached ;;
*) die file-loop-attached "backing_dev is $loopdev" ;;
esac
loop=/sys/block/${loopdev#/dev/}/loop
expect_eq file-size 16777216 "$(stat -c %s "$img")"
expect_eq file-loop-backing "$img" "$(cat "$loop/backing_file")"
expect_eq file-loop-dio 1 "$(cat "$loop/dio")"

pageout_hold 16 file-pageout
run zswapctl writeback --idle zram0
info "writeback: $(cat "$out" "$err")"
expect_exit file-writeback-exit 0
check file-writeback-moves-bd_writes test "$(awk '{print $3}' /sys/block/zram0/bd_stat)" -gt 0
pageout_release file-readback-checksums

run zswapctl setup -c "$tmp/f.conf"
expect_grep file-idempotent "nothing to do" "$out"
run zswapctl teardown -c "$tmp/f.conf"
expect_exit file-teardown-exit 0
check file-loop-detached test ! -e "$loop/backing_file"
check file-kept-for-the-next-setup test -f "$img"

# A second setup reuses the file it made.
run zswapctl setup -c "$tmp/f.conf"
expect_exit file-reuse-exit 0
expect_eq file-reuse-loop-backing "$img" \
	"$(cat "/sys/block/$(basename "$(cat /sys/block/zram0/backing_dev)")/loop/backing_file")"
run zswapctl teardown -c "$tmp/f.conf"
expect_exit file-reuse-teardown-exit 0

# Someone else's file, and a symbolic link: refused, untouched.
echo "precious" >"$tmp/other.img"
printf '[zram0]\nsize = 32M\nbacking-device = file:%s:16M\nbacking-encryption = no\n' "$tmp/other.img" >"$tmp/o.conf"
run zswapctl setup -c "$tmp/o.conf"
expect_exit file-not-ours-exit 1
expect_grep file-not-ours-message "not created by zswapctl" "$err"
expect_eq file-not-ours-untouched precious "$(cat "$tmp/other.img")"
expect_eq file-not-ours-zram0-untouched 0 "$(cat /sys/block/zram0/disksize)"
ln -s "$tmp/other.img" "$tmp/link.img"
printf '[zram0]\nsize = 32M\nbacking-device = file:%s:16M\nbacking-encryption = no\n' "$tmp/link.img" >"$tmp/l.conf"
run zswapctl setup -c "$tmp/l.conf"
expect_exit file-symlink-exit 1
expect_eq file-symlink-untouched precious "$(cat "$tmp/other.img")"
expect_eq file-symlink-zram0-untouched 0 "$(cat /sys/block/zram0/disksize)"
finish
