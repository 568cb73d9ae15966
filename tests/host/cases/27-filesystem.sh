#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A filesystem device on this machine's zram, on a new device (zram0 is
# the machine's swap and is never touched): setup makes ext2 with the
# system's mkfs.ext2 and mounts it in this case's own directory with
# discard, nosuid and X-mount.mode=1777 (libmount 2.38 passes over that
# option; libzswapctl applies it), df shows the device's size, text
# written there is stored compressed, a second setup changes nothing;
# teardown unmounts it and removes the device, and only that.
. "$SRCDIR/tests/host/lib.sh"
Z=$ZSWAPCTL

if ! command -v mkfs.ext2 >/dev/null; then
	skip "filesystem device" "no mkfs.ext2 on this machine (e2fsprogs)"
	finish
fi

n=$(( $(zram_devices | sed 's/zram//' | sort -n | tail -n 1) + 1 ))
mnt=$tmp/var/tmp # does not exist yet: setup makes it
swap0=$(swap_rows)
cat >"$tmp/fs.conf" <<CONF
[zram$n]
size = 32M
algorithm = lzo-rle
fs-type = ext2
mount-point = $mnt
mount-options = X-mount.mode=1777,nosuid,nodev
CONF
# Last registered runs first: teardown, then whatever it left.
on_exit "echo $n >/sys/class/zram-control/hot_remove"
on_exit "umount $mnt"
on_exit "$Z teardown zram$n"

run "$Z" setup -c "$tmp/fs.conf"
expect_exit "fs: setup exits 0" 0
# /proc/mounts: DEVICE MOUNTPOINT TYPE OPTIONS ...
line=$(awk -v m="$mnt" '$2 == m' /proc/mounts)
expect_eq "fs: /dev/zram$n mounted on the mount point as ext2" "/dev/zram$n $mnt ext2" \
	"$(echo "$line" | awk '{print $1, $2, $3}')"
opts=$(echo "$line" | awk '{print $4}' | tr , '\n')
check "fs: mounted with discard (the default)" grep -qx discard <<<"$opts"
check "fs: mounted with nosuid and nodev from mount-options" \
	eval 'grep -qx nosuid <<<"$opts" && grep -qx nodev <<<"$opts"'
expect_eq "fs: X-mount.mode=1777 applied to the root of the filesystem" 1777 "$(stat -c %a "$mnt")"
expect_eq "fs: the journal records the mount point" "$mnt" "$(cat /run/zswapctl/zram$n.mount)"
# df: 32 MiB less ext2's own blocks (inode tables, bitmaps), no root reserve
size=$(df -B1 --output=size "$mnt" | tail -n 1 | tr -d ' ')
check "fs: df shows a filesystem of about 32 MiB ($size bytes)" \
	test "$size" -gt $((28 << 20)) -a "$size" -le $((32 << 20))
expect_eq "fs: status MOUNTPOINT" "$mnt" \
	"$("$Z" status -n -o MOUNTPOINT zram$n | sed 's/^ *//; s/ *$//')"
check "fs: not swap" eval '! grep -q "^/dev/zram$n " /proc/swaps'

seq 1 800000 >"$mnt/numbers" # about 5.6 MiB of text
sync
orig=$(awk '{print $1}' /sys/block/zram$n/mm_stat)
compr=$(awk '{print $2}' /sys/block/zram$n/mm_stat)
check "fs: the file's data is in zram ($orig bytes)" test "$orig" -gt 5000000
check "fs: stored compressed ($compr of $orig bytes)" test "$((compr * 3))" -lt "$((orig * 2))"

run "$Z" setup -c "$tmp/fs.conf"
expect_exit "fs: a second setup exits 0" 0
expect_grep "fs: a second setup has nothing to do" "nothing to do" "$out"

run "$Z" teardown -c "$tmp/fs.conf"
expect_exit "fs: teardown exits 0" 0
check "fs: teardown unmounted it" eval '! awk -v m="$mnt" "\$2 == m" /proc/mounts | grep -q .'
check "fs: teardown removed the device it created" test ! -e /sys/block/zram$n
check "fs: teardown forgot the mount" test ! -e /run/zswapctl/zram$n.mount
expect_eq "fs: the machine's swap is as it was" "$swap0" "$(swap_rows)"
finish
