#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# /init of the vm-boot initramfs (busybox): the root image on /dev/vda,
# the case's files copied into it, then systemd as PID 1.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
[ -f /virtio_blk.ko ] && insmod /virtio_blk.ko
i=0
while [ ! -b /dev/vda ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
mount -t ext4 /dev/vda /newroot || { echo "zvm-boot: cannot mount /dev/vda"; sleep 5; exit 1; }
cp -a /payload/. /newroot/
umount /sys /proc
umount /dev
exec switch_root /newroot /lib/systemd/systemd
