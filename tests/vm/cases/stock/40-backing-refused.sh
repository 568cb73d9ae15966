#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 180
#
# A backing device with a filesystem on it is refused, and its data is
# unchanged; a mounted one is refused even with --force.
. /zvm/lib.sh
need_cmd zswapctl || exit 0
load_zram || exit 0

mke2fs -t ext4 -q /dev/vdb 2>/dev/null || mke2fs -q /dev/vdb || die refused-mkfs "mke2fs failed"
sum0=$(dd if=/dev/vdb bs=1M count=8 2>/dev/null | md5sum)
printf '[zram0]\nsize = 32M\nbacking-device = /dev/vdb\n' >/tmp/b.conf
zswapctl setup -c /tmp/b.conf >/tmp/out 2>&1
expect_eq refused-exit 1 "$?"
grep -q "/dev/vdb .* holds a ext[234] signature; not touching it" /tmp/out && pass refused-message || fail refused-message "$(cat /tmp/out)"
expect_eq refused-data-unchanged "$sum0" "$(dd if=/dev/vdb bs=1M count=8 2>/dev/null | md5sum)"
expect_eq refused-zram0-untouched 0 "$(cat /sys/block/zram0/disksize)"

mkdir -p /mnt/b
if mount /dev/vdb /mnt/b 2>/dev/null; then
	zswapctl setup --force -c /tmp/b.conf >/tmp/out 2>&1
	expect_eq mounted-exit 1 "$?"
	grep -q "mounted on /mnt/b" /tmp/out && pass mounted-message || fail mounted-message "$(cat /tmp/out)"
	umount /mnt/b
else
	skip mounted "cannot mount ext4 here"
fi
expect_eq refused-zram0-still-untouched 0 "$(cat /sys/block/zram0/disksize)"
