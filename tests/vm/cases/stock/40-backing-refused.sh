#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 180
#
# A backing device with a filesystem on it is refused, and its data is
# unchanged; a mounted one is refused even with --force.
. /zvm/lib.sh
need_cmd zswapctl
load_zram || exit 0
make_tmpdir tmp zvm-backing-refused

mke2fs -t ext4 -q /dev/vdb 2>/dev/null || mke2fs -q /dev/vdb || die refused-mkfs "mke2fs failed"
sum0=$(dd if=/dev/vdb bs=1M count=8 2>/dev/null | md5sum)
printf '[zram0]\nsize = 32M\nbacking-device = /dev/vdb\n' >"$tmp/b.conf"
on_exit "zswapctl teardown -c $tmp/b.conf"
run zswapctl setup -c "$tmp/b.conf"
expect_exit refused-exit 1
expect_grep refused-message "/dev/vdb .* holds a ext[234] signature; not touching it" "$err"
expect_eq refused-data-unchanged "$sum0" "$(dd if=/dev/vdb bs=1M count=8 2>/dev/null | md5sum)"
expect_eq refused-zram0-untouched 0 "$(cat /sys/block/zram0/disksize)"

mkdir -p "$tmp/mnt"
if mount /dev/vdb "$tmp/mnt" 2>/dev/null; then
	on_exit "umount $tmp/mnt"
	run zswapctl setup --force -c "$tmp/b.conf"
	expect_exit mounted-exit 1
	expect_grep mounted-message "mounted on $tmp/mnt" "$err"
	umount "$tmp/mnt"
else
	skip mounted "cannot mount ext4 here"
fi
expect_eq refused-zram0-still-untouched 0 "$(cat /sys/block/zram0/disksize)"
finish
