# SPDX-License-Identifier: GPL-2.0-or-later
# Two devices with block backing devices: one disk attached (udev names it
# during the boot), one that never appears (the default 10 s wait).
# setup puts dm-crypt under the backing device (backing-encryption = yes):
# the patched kernel has DM_CRYPT for it (kernel/config.fragment).
CASE_TIERS="stock patched"
case_prepare() {
	add_disk wb 128M
	mkdir -p "$1/etc"
	cat >"$1/etc/zswapctl.conf" <<'CONF'
[zram0]
size = 64M
backing-device = /dev/disk/by-id/virtio-wb
# TCG under load: udev may name the disk a minute into the boot
backing-device-timeout = 300
[zram1]
size = 64M
backing-device = /dev/disk/by-id/virtio-never
CONF
}
