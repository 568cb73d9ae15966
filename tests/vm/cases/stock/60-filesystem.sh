#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 240
#
# A compressed /var/tmp-style mount next to swap: setup makes the
# filesystem with the system's mkfs.ext2 and mounts it with libmount
# (discard, nosuid, nodev, mode 1777 from X-mount.mode, which libmount
# 2.38 passes over and setup applies), files written there are stored
# compressed in zram and give their memory back when deleted, a second setup
# changes nothing, teardown refuses while the mount is in use, then
# unmounts it and removes the device it created, leaving swap alone.
# setup --find puts the same on the first free device and prints it.
. /zvm/lib.sh
need_cmd zswapctl
need_cmd mke2fs
load_zram || exit 0
make_tmpdir tmp zvm-fs

# The VM has busybox's mke2fs, not e2fsprogs: give it the name setup looks
# for, as e2fsprogs does (busybox takes the options setup passes).
if ! [ -x /usr/sbin/mkfs.ext2 ]; then
	printf '#!/bin/sh\nexec mke2fs "$@"\n' >/usr/sbin/mkfs.ext2
	chmod 0755 /usr/sbin/mkfs.ext2
	on_exit "rm -f /usr/sbin/mkfs.ext2"
fi

mnt=$tmp/var/tmp # does not exist yet: setup makes it
printf '[zram0]\nsize = 32M\n\n[zram1]\nsize = 64M\nalgorithm = zstd\nfs-type = ext2\nmount-point = %s\nmount-options = X-mount.mode=1777,nosuid,nodev\n' \
	"$mnt" >"$tmp/fs.conf"
on_exit "zswapctl teardown -c $tmp/fs.conf"
run zswapctl setup -c "$tmp/fs.conf"
info "setup: $(cat "$out" "$err")"
expect_exit fs-setup 0
# /proc/mounts: DEVICE MOUNTPOINT TYPE OPTIONS ...
line=$(awk -v m="$mnt" '$2 == m' /proc/mounts)
info "mount: $line"
expect_eq fs-mounted "/dev/zram1 $mnt ext2" "$(echo "$line" | awk '{print $1, $2, $3}')"
check fs-mount-options eval 'echo "$line" | awk "{print \$4}" | tr , "\n" | grep -qx discard &&
	echo "$line" | awk "{print \$4}" | tr , "\n" | grep -qx nosuid'
expect_eq fs-mode-1777 1777 "$(stat -c %a "$mnt")"
check fs-swap-alongside grep -q "^/dev/zram0 " /proc/swaps
expect_eq fs-status-mountpoint "$mnt" \
	"$(zswapctl status -n -o MOUNTPOINT zram1 | sed 's/^ *//; s/ *$//')"

# Text compresses: what the files hold is in zram, in less memory.
seq 1 1500000 >"$mnt/numbers" # about 10 MiB
sync
orig=$(awk '{print $1}' /sys/block/zram1/mm_stat)
compr=$(awk '{print $2}' /sys/block/zram1/mm_stat)
info "after writing: orig_data_size $orig, compr_data_size $compr"
check fs-data-in-zram test "$orig" -gt 8000000
check fs-data-compressed test "$((compr * 2))" -lt "$orig"
# discard: deleting the file gives its memory back
rm "$mnt/numbers"
sync
after=$(awk '{print $1}' /sys/block/zram1/mm_stat)
info "after rm: orig_data_size $after"
check fs-delete-gives-memory-back test "$after" -lt "$((orig / 2))"

run zswapctl setup -c "$tmp/fs.conf"
expect_grep fs-idempotent "nothing to do" "$out"

# Teardown while something works in the mount point: refused, said why.
(cd "$mnt" && sleep 60) &
busy=$!
sleep 1
run zswapctl teardown -c "$tmp/fs.conf"
expect_exit fs-teardown-busy-exit 1
expect_grep fs-teardown-busy-message "cannot unmount $mnt: .*something uses it" "$err"
kill "$busy"
wait "$busy" 2>/dev/null
run zswapctl teardown -c "$tmp/fs.conf"
info "teardown: $(cat "$out" "$err")"
expect_exit fs-teardown 0
check fs-unmounted eval '! awk -v m="$mnt" "\$2 == m" /proc/mounts | grep -q .'
check fs-device-removed test ! -e /sys/block/zram1
check fs-swap-torn-down-too eval '! grep -q "^/dev/zram0 " /proc/swaps'

# setup --find: the one device of the file on the first free device. zram0
# is free after the teardown (not removed: the module made it).
printf '[zram7]\nsize = 16M\nfs-type = ext2\nmount-point = %s/scratch\n' "$tmp" >"$tmp/find.conf"
printf '[zram7]\nsize = 16M\nfs-type = ext2\n' >"$tmp/find2.conf"
on_exit "zswapctl teardown zram0 zram1"
run zswapctl -q setup --find -c "$tmp/find.conf"
info "setup --find: $(cat "$out" "$err")"
expect_exit find-setup 0
expect_eq find-prints-the-device /dev/zram0 "$(cat "$out")"
expect_eq find-mounted "/dev/zram0 ext2" "$(awk -v m="$tmp/scratch" '$2 == m {print $1, $3}' /proc/mounts)"
run zswapctl status --find
expect_exit find-status-none-free 1
# None free: a new device, formatted, not mounted.
run zswapctl -q setup --find -c "$tmp/find2.conf"
expect_eq find-a-new-device /dev/zram1 "$(cat "$out")"
# the ext2 superblock's magic, 0xef53 at byte 1080
expect_eq find-new-device-formatted ef53 "$(od -An -tx2 -j1080 -N2 /dev/zram1 | tr -d ' ')"
# The same mount point again: refused, the first mount stays on top.
run zswapctl setup --find -c "$tmp/find.conf"
expect_exit find-mount-point-taken-exit 1
expect_grep find-mount-point-taken-message "has /dev/zram0 (ext2) mounted on it already" "$err"
check find-mount-point-taken-no-device test ! -e /sys/block/zram2
run zswapctl teardown zram0 zram1
info "teardown: $(cat "$out" "$err")"
expect_exit find-teardown 0
check find-unmounted eval '! grep -q " $tmp/scratch " /proc/mounts'
check find-new-device-removed test ! -e /sys/block/zram1
expect_eq find-free-again /dev/zram0 "$(zswapctl status --find)"
finish
