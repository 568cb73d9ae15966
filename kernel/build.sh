#!/bin/bash
# Build the zswapctl test kernel: Debian's linux-source-6.12 (pinned below)
# + the series in kernel/patches + kernel/config.fragment on top of
# tinyconfig.
#
# Result: ${ZSWAPCTL_CACHE:-/var/cache/zswapctl}/kernel/<hash>/bzImage, where
# <hash> is the sha256 of the pinned version, the series, every patch, the
# config fragment and this script.  A cached result is reused without a
# rebuild.  The last line on stdout is always the bzImage path; progress and
# errors go to stderr, the full make output to <hash>/build.log.
#
# The cache entry also keeps:
#   src/       the patched source tree (no build outputs), e.g. for
#              `make -C src/tools/testing/selftests TARGETS=zram`
#   config     the final .config
#   System.map
#
# Environment: ZSWAPCTL_CACHE (cache root), JOBS (default: nproc),
# KEEP_BUILD=1 keeps the object tree in <hash>/build.
#
# --bench (or ZSWAPCTL_KERNEL=bench): the benchmark variant, i.e.
# config.bench.fragment merged on top of config.fragment (no lockdep,
# DEBUG_VM, ...; see that file). Its hash also covers config.bench.fragment,
# so it has its own cache entry; the default build is unchanged.
set -euo pipefail

VARIANT=${ZSWAPCTL_KERNEL:-default}
for arg in "$@"; do
	case "$arg" in
	--bench) VARIANT=bench ;;
	*) echo "usage: kernel/build.sh [--bench]" >&2; exit 2 ;;
	esac
done
case "$VARIANT" in
default | bench) ;;
*) echo "kernel/build.sh: unknown ZSWAPCTL_KERNEL=$VARIANT (default, bench)" >&2; exit 2 ;;
esac

PKG=linux-source-6.12
VERSION=6.12.117-1~deb12u1

KDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${ZSWAPCTL_CACHE:-/var/cache/zswapctl}
JOBS=${JOBS:-$(nproc)}

log() { printf 'kernel/build.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

series_patches() {
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$KDIR/patches/series" | grep -v '^$'
}

# --- inputs and their hash --------------------------------------------------
[ -f "$KDIR/patches/series" ] || die "missing $KDIR/patches/series"
FRAGMENTS=("$KDIR/config.fragment")
[ "$VARIANT" = bench ] && FRAGMENTS+=("$KDIR/config.bench.fragment")
for f in "${FRAGMENTS[@]}"; do
	[ -f "$f" ] || die "missing $f"
done
mapfile -t PATCHES < <(series_patches)
[ "${#PATCHES[@]}" -gt 0 ] || die "empty series"
for p in "${PATCHES[@]}"; do
	[ -f "$KDIR/patches/$p" ] || die "series names missing patch $p"
done

HASH=$(
	{
		printf '%s=%s\n' "$PKG" "$VERSION"
		printf '== series\n'; cat "$KDIR/patches/series"
		for p in "${PATCHES[@]}"; do
			printf '== %s\n' "$p"; cat "$KDIR/patches/$p"
		done
		printf '== config.fragment\n'; cat "$KDIR/config.fragment"
		if [ "$VARIANT" = bench ]; then
			printf '== config.bench.fragment\n'; cat "$KDIR/config.bench.fragment"
		fi
		printf '== build.sh\n'; cat "$KDIR/build.sh"
	} | sha256sum | cut -d' ' -f1
)
OUT=$CACHE/kernel/$HASH

if [ -f "$OUT/bzImage" ]; then
	log "cached: $OUT"
	echo "$OUT/bzImage"
	exit 0
fi

mkdir -p "$CACHE/kernel" "$CACHE/src"
exec 9>"$CACHE/kernel/.lock-$HASH"
flock 9
if [ -f "$OUT/bzImage" ]; then	# built by a concurrent run
	echo "$OUT/bzImage"
	exit 0
fi

START=$(date +%s)

# --- source package ---------------------------------------------------------
DEB=$(ls "$CACHE/src/${PKG}_"*"_all.deb" 2>/dev/null |
	while read -r f; do
		v=$(dpkg-deb -f "$f" Version 2>/dev/null || true)
		[ "$v" = "$VERSION" ] && echo "$f"
	done | head -n1 || true)
if [ -z "$DEB" ]; then
	log "downloading $PKG=$VERSION"
	(cd "$CACHE/src" && apt-get download "$PKG=$VERSION" >&2) ||
		die "apt-get download $PKG=$VERSION failed (apt-get update? is the version still in the archive?)"
	DEB=$(ls "$CACHE/src/${PKG}_"*"_all.deb" | while read -r f; do
		[ "$(dpkg-deb -f "$f" Version)" = "$VERSION" ] && echo "$f"
	done | head -n1)
	[ -n "$DEB" ] || die "downloaded package not found in $CACHE/src"
fi

# --- unpack and patch -------------------------------------------------------
WORK="$OUT.tmp.$$"
rm -rf "$WORK"
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
log "unpacking $(basename "$DEB")"
dpkg-deb --fsys-tarfile "$DEB" |
	tar -xO "./usr/src/$PKG.tar.xz" | tar -xJ -C "$WORK"
SRC=$WORK/$PKG
[ -f "$SRC/Makefile" ] || die "unexpected tarball layout"
mv "$SRC" "$WORK/src"
SRC=$WORK/src

for p in "${PATCHES[@]}"; do
	log "applying $p"
	patch -d "$SRC" -p1 --batch --forward --quiet <"$KDIR/patches/$p" >&2 ||
		die "$p does not apply"
done

# --- configure ---------------------------------------------------------------
B=$WORK/build
mkdir -p "$B"
BLOG=$WORK/build.log
log "configuring (tinyconfig + $(for f in "${FRAGMENTS[@]}"; do printf '%s ' "${f##*/}"; done))"
{
	make -C "$SRC" O="$B" tinyconfig
	"$SRC/scripts/kconfig/merge_config.sh" -m -O "$B" "$B/.config" \
		"${FRAGMENTS[@]}"
	make -C "$SRC" O="$B" olddefconfig
} >"$BLOG" 2>&1 || { tail -n 30 "$BLOG" >&2; die "configuration failed"; }

# olddefconfig silently drops options whose dependencies are missing:
# check that every option the fragments ask for really is in .config (for
# an option set in several fragments, the last one, as merge_config.sh).
WANTED=$WORK/wanted
for f in "${FRAGMENTS[@]}"; do
	grep -E '^CONFIG_[A-Za-z0-9_]+=|^# CONFIG_[A-Za-z0-9_]+ is not set' "$f" || true
done | awk '{ o = ($1 == "#") ? $2 : substr($0, 1, index($0, "=") - 1)
	if (!(o in v)) k[n++] = o; v[o] = $0 }
	END { for (i = 0; i < n; i++) print v[k[i]] }' >"$WANTED"
bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*)
		if ! grep -qxF -- "$line" "$B/.config"; then
			opt=${line%%=*}
			got=$(grep -E "^$opt=|^# $opt is not set" "$B/.config" || echo "absent")
			log "config: wanted '$line', got '$got'"
			bad=1
		fi
		;;
	"# CONFIG_"*" is not set")
		opt=${line#\# }
		opt=${opt%% *}
		if grep -qE "^$opt=" "$B/.config"; then
			log "config: wanted '$line', got '$(grep -E "^$opt=" "$B/.config")'"
			bad=1
		fi
		;;
	esac
done <"$WANTED"
[ "$bad" = 0 ] || die "config fragment options missing from .config (dependencies?)"
log "config: all $(grep -cE '^CONFIG_|^# CONFIG_.* is not set' "$WANTED") fragment options verified"

# --- build -------------------------------------------------------------------
log "building bzImage with -j$JOBS (log: $OUT/build.log)"
make -C "$SRC" O="$B" -j"$JOBS" bzImage >>"$BLOG" 2>&1 ||
	{ tail -n 40 "$BLOG" >&2; cp "$BLOG" "$CACHE/kernel/$HASH.failed.log"; die "build failed, log: $CACHE/kernel/$HASH.failed.log"; }
if grep -E '^[^ ]+:[0-9]+:[0-9]+: warning:' "$BLOG" | grep -E 'mm/(page_io|swapfile)\.c|drivers/block/zram/' >&2; then
	die "compiler warnings in files the series touches"
fi

cp "$B/arch/x86/boot/bzImage" "$WORK/bzImage"
cp "$B/.config" "$WORK/config"
cp "$B/System.map" "$WORK/System.map"
if [ "${KEEP_BUILD:-0}" != 1 ]; then
	rm -rf "$B"
fi
rm -rf "$OUT"
trap - EXIT
mv "$WORK" "$OUT"
log "built in $(( $(date +%s) - START ))s: $OUT"
echo "$OUT/bzImage"
