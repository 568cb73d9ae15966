#!/bin/bash
# Build the zswapctl test kernel: Debian's linux-source-6.12 (pinned below)
# + the series in kernel/patches + kernel/config.fragment on top of
# tinyconfig.
#
# Result: ${ZSWAPCTL_CACHE:-/var/cache/zswapctl}/kernel/<hash>/bzImage, where
# <hash> is the sha256 of the pinned version, the series and every patch
# (unless --no-series), the config fragments and this script.  A cached
# result is reused without a rebuild.  The last line on stdout is always the
# bzImage path; progress and errors go to stderr, the full make output to
# <hash>/build.log.
#
# A cache entry keeps what later runs need, and nothing else:
#   bzImage, config (the final .config), System.map, build.log
#   src/       default variant only: the patched source tree (no build
#              outputs), for kernel/selftests.sh
# The object tree is deleted unless KEEP_BUILD=1 (then src/build/, see below).
#
# Variants (options, or ZSWAPCTL_KERNEL=NAME):
#   default             config.fragment (debugging kernel for the VM tests)
#   --bench   (bench)   + config.bench.fragment: no lockdep, DEBUG_VM...
#   --bench --no-series (bench-noseries): the bench kernel without the
#                       series, the baseline side of the benchmarks
#   --kasan   (kasan)   + config.kasan.fragment: the default kernel with
#                       KASAN, for running the VM cases by hand
# Each variant has its own hash and cache entry.
#
# Development: --seed DIR reuses the objects of a tree built before, so that
# only what changed is compiled again.  DIR is a source tree with its
# objects in DIR/build (`make -C DIR O=build bzImage`, the layout this script
# uses, so the compiler command lines match) or a cache entry kept with
# KEEP_BUILD=1.  Files whose content equals DIR's get DIR's timestamps, the
# others are newer than every object, so make rebuilds exactly what differs.
# kernel/README ("Developing the series") shows the whole loop.
#
# Environment: ZSWAPCTL_CACHE (cache root), JOBS (default: nproc),
# KEEP_BUILD=1 keeps the object tree in <hash>/src/build.
set -euo pipefail

VARIANT=${ZSWAPCTL_KERNEL:-default}
SEED=
bench=0 noseries=0 kasan=0
case "$VARIANT" in
default) ;;
bench) bench=1 ;;
bench-noseries) bench=1 noseries=1 ;;
kasan) kasan=1 ;;
*) echo "kernel/build.sh: unknown ZSWAPCTL_KERNEL=$VARIANT (default, bench, bench-noseries, kasan)" >&2; exit 2 ;;
esac
while [ $# -gt 0 ]; do
	case "$1" in
	--bench) bench=1 ;;
	--no-series) noseries=1 ;;
	--kasan) kasan=1 ;;
	--seed) [ $# -ge 2 ] || { echo "kernel/build.sh: --seed needs a directory" >&2; exit 2; }
		SEED=$(cd "$2" && pwd); shift ;;
	*) echo "usage: kernel/build.sh [--bench [--no-series] | --kasan] [--seed DIR]" >&2; exit 2 ;;
	esac
	shift
done
if [ "$kasan" = 1 ] && [ "$bench" = 1 ]; then
	echo "kernel/build.sh: --kasan is a variant of the default kernel, not of --bench" >&2; exit 2
fi
if [ "$noseries" = 1 ] && [ "$bench" = 0 ]; then
	echo "kernel/build.sh: --no-series is the baseline of the benchmarks: use it with --bench" >&2; exit 2
fi
VARIANT=default
[ "$bench" = 1 ] && VARIANT=bench
[ "$noseries" = 1 ] && VARIANT=bench-noseries
[ "$kasan" = 1 ] && VARIANT=kasan

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
[ "$bench" = 1 ] && FRAGMENTS+=("$KDIR/config.bench.fragment")
[ "$kasan" = 1 ] && FRAGMENTS+=("$KDIR/config.kasan.fragment")
for f in "${FRAGMENTS[@]}"; do
	[ -f "$f" ] || die "missing $f"
done
mapfile -t PATCHES < <(series_patches)
[ "${#PATCHES[@]}" -gt 0 ] || die "empty series"
[ "$noseries" = 1 ] && PATCHES=()
for p in "${PATCHES[@]}"; do
	[ -f "$KDIR/patches/$p" ] || die "series names missing patch $p"
done

HASH=$(
	{
		printf '%s=%s\n' "$PKG" "$VERSION"
		if [ "$noseries" = 0 ]; then
			printf '== series\n'; cat "$KDIR/patches/series"
		else
			printf '== no series\n'
		fi
		for p in "${PATCHES[@]}"; do
			printf '== %s\n' "$p"; cat "$KDIR/patches/$p"
		done
		for f in "${FRAGMENTS[@]}"; do
			printf '== %s\n' "${f##*/}"; cat "$f"
		done
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

# The objects go to src/build: a subdirectory of the source tree, so that
# Kbuild names sources by relative paths (../mm/...) and the command lines
# of two trees in different places match, which --seed relies on.
B=$SRC/build

# --- seed: the objects of an earlier build ---------------------------------
if [ -n "$SEED" ]; then
	SEED_SRC=$SEED
	[ -d "$SEED/src/build" ] && SEED_SRC=$SEED/src
	[ -f "$SEED_SRC/build/.config" ] && [ -f "$SEED_SRC/Makefile" ] ||
		die "--seed $SEED: no source tree with objects in build/"
	log "seeding the objects from $SEED_SRC/build"
	cp -a "$SEED_SRC/build" "$B"
	# Files the series or the seed tree changed after unpacking: equal
	# content takes the seed's timestamp (its objects are up to date),
	# different content is made newer than every object.
	STAMP=$SRC/Makefile
	{
		(cd "$SRC" && find . -path ./build -prune -o -type f -newer "$STAMP" -print)
		(cd "$SEED_SRC" && find . -path ./build -prune -o -path ./.git -prune -o -type f -newer "$STAMP" -print)
	} | sort -u | while IFS= read -r f; do
		if [ -f "$SEED_SRC/$f" ] && [ -f "$SRC/$f" ] && cmp -s "$SEED_SRC/$f" "$SRC/$f"; then
			touch -r "$SEED_SRC/$f" "$SRC/$f"
		elif [ -f "$SRC/$f" ]; then
			touch "$SRC/$f"
		fi
	done
fi

# --- configure ---------------------------------------------------------------
mkdir -p "$B"
BLOG=$WORK/build.log
log "configuring (tinyconfig + $(for f in "${FRAGMENTS[@]}"; do printf '%s ' "${f##*/}"; done))"
{
	make -C "$SRC" O=build tinyconfig
	"$SRC/scripts/kconfig/merge_config.sh" -m -O "$B" "$B/.config" \
		"${FRAGMENTS[@]}"
	make -C "$SRC" O=build olddefconfig
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
make -C "$SRC" O=build -j"$JOBS" bzImage >>"$BLOG" 2>&1 ||
	{ tail -n 40 "$BLOG" >&2; cp "$BLOG" "$CACHE/kernel/$HASH.failed.log"; die "build failed, log: $CACHE/kernel/$HASH.failed.log"; }
# The files the series touches, from the patches themselves (a fixed list
# missed block/blk-core.c).
touched=$(for p in "${PATCHES[@]}"; do sed -n 's|^+++ b/||p' "$KDIR/patches/$p"; done |
	sort -u | sed 's/[.]/\\./g' | paste -sd'|')
if [ -n "$touched" ] &&
	grep -E '^[^ ]+:[0-9]+:[0-9]+: warning:' "$BLOG" | grep -E "($touched)" >&2; then
	die "compiler warnings in files the series touches"
fi

cp "$B/arch/x86/boot/bzImage" "$WORK/bzImage"
cp "$B/.config" "$WORK/config"
cp "$B/System.map" "$WORK/System.map"
rm -f "$WANTED"
# Keep what later runs need: the source tree only where kernel/selftests.sh
# builds from it (the default variant), the objects only on request.
if [ "${KEEP_BUILD:-0}" != 1 ]; then
	rm -rf "$B"
fi
if [ "$VARIANT" != default ] && [ "${KEEP_BUILD:-0}" != 1 ]; then
	rm -rf "$SRC"
fi
rm -rf "$OUT"
trap - EXIT
mv "$WORK" "$OUT"
log "built $VARIANT in $(( $(date +%s) - START ))s${SEED:+ (seeded from $SEED)}: $OUT"
echo "$OUT/bzImage"
