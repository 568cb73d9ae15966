# SPDX-License-Identifier: GPL-2.0-or-later
# Two devices, one that cannot be set up (an algorithm no kernel has).
CASE_TIERS="stock patched"
case_prepare() {
	mkdir -p "$1/etc"
	printf '[zram0]\nsize = 64M\nalgorithm = lz4\n[zram1]\nsize = 64M\nalgorithm = nosuch\n' \
		>"$1/etc/zswapctl.conf"
	# Enabled as `systemctl enable zswapctl.service` does (Also=): the
	# daemon must start although setup fails for zram1.
	mkdir -p "$1/etc/systemd/system/multi-user.target.wants"
	ln -s /lib/systemd/system/zswapctl-maintain.service "$1/etc/systemd/system/multi-user.target.wants/"
}
