# SPDX-License-Identifier: GPL-2.0-or-later
# Two devices, one that cannot be set up (an algorithm no kernel has).
CASE_TIERS="stock patched"
case_prepare() {
	mkdir -p "$1/etc"
	printf '[zram0]\nsize = 64M\nalgorithm = lz4\n[zram1]\nsize = 64M\nalgorithm = nosuch\n' \
		>"$1/etc/zswapctl.conf"
}
