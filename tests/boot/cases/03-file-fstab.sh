# SPDX-License-Identifier: GPL-2.0-or-later
# A file: backing device on a filesystem mounted from fstab.
# setup puts dm-crypt under the backing device (backing-encryption = yes):
# the patched kernel has DM_CRYPT for it (kernel/config.fragment).
CASE_TIERS="stock patched"
case_prepare() {
	add_disk data 128M ext4
	mkdir -p "$1/etc" "$1/srv/swap"
	printf '%s\n' "/dev/vda / ext4 defaults 0 1" \
		"/dev/disk/by-id/virtio-data /srv/swap ext4 defaults 0 2" >"$1/etc/fstab"
	printf '[zram0]\nsize = 64M\nbacking-device = file:/srv/swap/zram0.img:32M\n' \
		>"$1/etc/zswapctl.conf"
}
