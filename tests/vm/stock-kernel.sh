# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
# The stock kernel of the VM tiers, sourced by tests/vm/run and
# tests/boot/run: which one, and fetch_stock to download it once into the
# cache. The caller sets CACHE and TOUT (where download.log goes) and
# defines note MESSAGE.

# the stock kernel: Debian 12's 6.12 cloud kernel, pinned
STOCK_KREL=6.12.117+deb12-cloud-amd64
STOCK_PKG=linux-image-${STOCK_KREL}-unsigned
STOCK_PKGVER=6.12.117-1~deb12u1
# modules the stock tier puts into the VM (with their dependencies)
STOCK_MODULES="zram zsmalloc loop virtio_blk lz4 lz4hc zstd deflate lz4_compress lz4hc_compress dm_mod dm_crypt xts"

# fetch_stock: download (once) and unpack the stock kernel into the cache;
# sets KERNEL and MODROOT
fetch_stock() {
	local dir=$CACHE/stock/$STOCK_KREL deb tmp
	KERNEL=$dir/root/boot/vmlinuz-$STOCK_KREL
	MODROOT=$dir/root
	if [ -e "$dir/root/.complete" ]; then
		return 0
	fi
	command -v apt-get >/dev/null || { SKIP_REASON="apt-get missing: cannot download $STOCK_PKG"; return 1; }
	command -v dpkg-deb >/dev/null || { SKIP_REASON="dpkg-deb missing"; return 1; }
	mkdir -p "$dir" || { SKIP_REASON="cannot create cache $dir"; return 1; }
	(
		flock 9
		[ -e "$dir/root/.complete" ] && exit 0
		deb=$(ls "$dir"/"${STOCK_PKG}"_*.deb 2>/dev/null | head -n 1)
		if [ -z "$deb" ] || ! dpkg-deb -I "$deb" >/dev/null 2>&1; then
			rm -f "$dir"/*.deb
			tmp=$(mktemp -d "$dir/dl.XXXXXX") || exit 1
			local opts=()
			# as root apt would drop to _apt, who cannot write here
			[ "$(id -u)" = 0 ] && opts=(-o APT::Sandbox::User=root)
			note "downloading $STOCK_PKG=$STOCK_PKGVER into $dir"
			if ! (cd "$tmp" && apt-get "${opts[@]}" -q download \
				"$STOCK_PKG=$STOCK_PKGVER") >"$TOUT/download.log" 2>&1; then
				rm -rf "$tmp"
				exit 1
			fi
			mv "$tmp"/*.deb "$dir"/ && rmdir "$tmp"
			deb=$(ls "$dir"/"${STOCK_PKG}"_*.deb | head -n 1)
		fi
		rm -rf "$dir/root"
		rm -rf "$dir/root.tmp"
		dpkg-deb -x "$deb" "$dir/root.tmp" || exit 1
		depmod -b "$dir/root.tmp" "$STOCK_KREL" || exit 1
		mv "$dir/root.tmp" "$dir/root" && touch "$dir/root/.complete"
	) 9>"$dir/.lock"
	if [ ! -e "$dir/root/.complete" ]; then
		SKIP_REASON="cannot download $STOCK_PKG=$STOCK_PKGVER (see $TOUT/download.log)"
		return 1
	fi
	[ -f "$KERNEL" ] || { SKIP_REASON="$KERNEL missing from the package"; return 1; }
	return 0
}

