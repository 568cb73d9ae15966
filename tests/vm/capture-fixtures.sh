#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# tests/vm/capture-fixtures.sh [--fixtures DIR] [stock|patched|host]...
#
# Capture sysroot fixture trees from real kernels into tests/fixtures/ (or
# DIR): what zswapctl reads under /sys and /proc, from a zram device in use as
# swap. Each tree gets a SOURCE file (kernel, how, when) and a MANIFEST (sysfs
# mode of every file; empty placeholders for the attributes that cannot or must
# not be read). Default: both.
#
#   stock  debian-6.12.117-cloud/: Debian's 6.12.117 cloud kernel under qemu
#          (tests/vm/run stock --cases tests/vm/capture): zram0 with zstd,
#          64 MiB, /dev/vda as backing device, pages pushed out, marked idle
#          and written back, partly read back.
#   patched  patched-6.12.117/: the kernel of kernel/ (the series) under qemu,
#          the same workload as stock: a tree with swap_ops and swap_ops_stat.
#   host   host-<major.minor>/: this machine's kernel. Needs root and zram.
#          Adds a zram device (hot_add), makes it 64 MiB of swap, pushes
#          pages out, dumps it as zram0, and removes it again; the machine is
#          left as it was, also on failure. The device is renamed zram0 in the
#          tree (dev, uevent and proc/swaps are rewritten to match).

# One brace group: bash parses the whole script before it runs any of it,
# so editing this file while it runs cannot derail the run.
{
set -u
set -o pipefail

SRCDIR=$(cd "$(dirname "$0")/../.." && pwd)
VMDIR=$SRCDIR/tests/vm
FIXTURES=$SRCDIR/tests/fixtures
WHAT=()

while [ $# -gt 0 ]; do
	case $1 in
	--fixtures) FIXTURES=${2:?}; shift 2 ;;
	--fixtures=*) FIXTURES=${1#*=}; shift ;;
	-h|--help) sed -n '4,23s/^# \{0,1\}//p' "$0"; exit 0 ;;
	stock|patched|host) WHAT+=("$1"); shift ;;
	*) echo "capture-fixtures: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ ${#WHAT[@]} -gt 0 ] || WHAT=(stock host)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/zswapctl-capture.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

# shellcheck source=dump-sysroot.sh
. "$VMDIR/dump-sysroot.sh"

# install_tree SRC DST: replace the fixture DST with SRC
install_tree() {
	rm -rf "$2.new"
	mkdir -p "$(dirname "$2")"
	cp -r "$1" "$2.new" && rm -rf "$2" && mv "$2.new" "$2"
}

capture_vm() { # TIER
	local tier=$1 out=$TMP/vm tree=$TMP/$1 krel name
	echo "capture-fixtures: booting the $tier kernel" >&2
	if ! "$VMDIR/run" "$tier" --cases "$VMDIR/capture" --out "$out"; then
		echo "capture-fixtures: the capture run failed; logs in $out (kept)" >&2
		trap - EXIT
		return 1
	fi
	mkdir -p "$tree"
	if ! tr -d '\r' <"$out/$tier/channel.log" |
		sed -n '/^@@ZVM-DUMP-BEGIN@@$/,/^@@ZVM-DUMP-END@@$/{/^@@/d;p}' |
		base64 -d | tar -x -C "$tree"; then
		echo "capture-fixtures: no dump in $out/$tier/channel.log" >&2
		return 1
	fi
	rm -f "$tree/zram-control.ls"
	krel=$(awk '{ print $3 }' "$tree/proc/version")
	if [ "$tier" = patched ]; then
		name=patched-$(echo "$krel" | sed 's/^\([0-9.]*\).*/\1/')
		cat >"$tree/SOURCE" <<-EOF
		Kernel: $krel ($(cat "$tree/proc/version"))
		Built: kernel/build.sh: Debian's linux-source-6.12 with the series of
		  kernel/patches and kernel/config.fragment (zram built in).
		Captured: $(date -u +%Y-%m-%dT%H:%M:%SZ) by tests/vm/capture-fixtures.sh patched
		How: as the stock fixture (tests/vm/capture/10-writeback.sh under
		  tests/vm/run patched): backing_dev=/dev/vda, zstd, 64M, swap, 32 MiB
		  pushed out, idle pages written back, all read back, 16 MiB more
		  pushed out; swap_ops on, so swap_ops_stat counts both paths.
		Tree: as the stock fixture; MANIFEST gives each file's sysfs mode.
		EOF
		install_tree "$tree" "$FIXTURES/$name" || return 1
		echo "capture-fixtures: wrote $FIXTURES/$name" >&2
		return 0
	fi
	name=debian-$(echo "$krel" | sed 's/^\([0-9.]*\).*/\1/')-cloud
	cat >"$tree/SOURCE" <<-EOF
		Kernel: $krel ($(cat "$tree/proc/version"))
		Package: $(sed -n 's/^STOCK_PKG=//p' "$VMDIR/run" | sed "s/\${STOCK_KREL}/$krel/") $(sed -n 's/^STOCK_PKGVER=//p' "$VMDIR/run")
		Captured: $(date -u +%Y-%m-%dT%H:%M:%SZ) by tests/vm/capture-fixtures.sh stock
		How: booted under qemu TCG (tests/vm/run stock --cases tests/vm/capture,
		  2 CPUs, 1 GiB) with a busybox initramfs; tests/vm/capture/10-writeback.sh
		  loaded zram.ko, set backing_dev=/dev/vda (a 256 MiB virtio disk),
		  comp_algorithm=zstd, disksize=64M, mkswap + swapon /dev/zram0; pushed
		  32 MiB of mixed pages out with MADV_PAGEOUT (tests/vm/pageout.c), read
		  8 MiB back; echo all > idle; echo idle > writeback; read all 32 MiB
		  back (through the backing device); pushed another 16 MiB out; then
		  dumped with tests/vm/dump-sysroot.sh while both processes still held
		  their memory.
		Tree: sys/block/zram0 is a plain directory (in the kernel a symlink into
		  /sys/devices/virtual/block/zram0); every regular top-level attribute is
		  copied; MANIFEST gives each file's sysfs mode and marks the empty
		  placeholders (write-only attributes, and zram-control/hot_add, whose
		  read would create a device).
	EOF
	install_tree "$tree" "$FIXTURES/$name" || return 1
	echo "capture-fixtures: wrote $FIXTURES/$name" >&2
}

# host state, to check that we leave it as we found it
host_state() {
	cat /proc/swaps
	local z
	for z in /sys/block/zram*; do
		[ -e "$z/disksize" ] && echo "${z##*/} $(cat "$z/disksize")"
	done
}

HOST_DEV=
HOST_PIDS=
host_cleanup() {
	local p
	for p in $HOST_PIDS; do
		kill -KILL "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	HOST_PIDS=
	[ -n "$HOST_DEV" ] || return 0
	if grep -q "^/dev/$HOST_DEV[[:space:]]" /proc/swaps; then
		swapoff "/dev/$HOST_DEV" || echo "capture-fixtures: swapoff /dev/$HOST_DEV failed" >&2
	fi
	if [ -e "/sys/block/$HOST_DEV/reset" ]; then
		echo 1 >"/sys/block/$HOST_DEV/reset" || echo "capture-fixtures: reset $HOST_DEV failed" >&2
	fi
	echo "${HOST_DEV#zram}" >/sys/class/zram-control/hot_remove ||
		echo "capture-fixtures: hot_remove $HOST_DEV failed" >&2
	HOST_DEV=
}

wait_line() { # FILE WORD PID
	local i=0
	while ! grep -q "$2" "$1"; do
		i=$((i + 1))
		if [ $i -gt 600 ] || ! kill -0 "$3" 2>/dev/null; then
			cat "$1" >&2
			return 1
		fi
		sleep 0.1
	done
}

capture_host() {
	local tree=$TMP/host krel name id dev before after z po rc=0
	if [ "$(id -u)" != 0 ]; then
		echo "capture-fixtures: host: needs root" >&2
		return 1
	fi
	if [ ! -w /sys/class/zram-control/hot_add ]; then
		echo "capture-fixtures: host: no /sys/class/zram-control (zram not loaded?)" >&2
		return 1
	fi
	for c in mkswap swapon swapoff gcc; do
		command -v $c >/dev/null || { echo "capture-fixtures: host: $c missing" >&2; return 1; }
	done
	po=$TMP/pageout
	gcc -static -O2 -Wall -o "$po" "$VMDIR/pageout.c" || return 1
	krel=$(uname -r)
	before=$(host_state)

	trap 'host_cleanup; rm -rf "$TMP"' EXIT
	trap 'exit 130' INT TERM
	id=$(cat /sys/class/zram-control/hot_add) || return 1
	HOST_DEV=zram$id
	dev=$HOST_DEV
	z=/sys/block/$dev
	echo "capture-fixtures: host: using $HOST_DEV" >&2
	(
		set -e
		echo 64M >"$z/disksize"
		mkswap "/dev/$HOST_DEV" >/dev/null
		swapon "/dev/$HOST_DEV"
	) || { host_cleanup; return 1; }

	: >"$TMP/po1.out"
	: >"$TMP/po2.out"
	"$po" -m 32 -r 25 -H >"$TMP/po1.out" 2>&1 &
	HOST_PIDS=$!
	wait_line "$TMP/po1.out" READY $! || rc=1
	"$po" -m 16 -r 0 -s 7 -H >"$TMP/po2.out" 2>&1 &
	HOST_PIDS="$HOST_PIDS $!"
	[ $rc = 0 ] && { wait_line "$TMP/po2.out" READY $! || rc=1; }
	if [ $rc = 0 ]; then
		dump_sysroot "$HOST_DEV" "$tree" zram0 || rc=1
	fi
	cat "$TMP/po1.out" "$TMP/po2.out" >&2
	local p
	for p in $HOST_PIDS; do
		kill -USR1 "$p" 2>/dev/null
		wait "$p" || { echo "capture-fixtures: host: pageout found changed pages" >&2; rc=1; }
	done
	HOST_PIDS=
	host_cleanup
	trap 'rm -rf "$TMP"' EXIT
	after=$(host_state)
	if [ "$before" != "$after" ]; then
		echo "capture-fixtures: host: state differs after the capture:" >&2
		diff <(echo "$before") <(echo "$after") >&2
		rc=1
	fi
	[ $rc = 0 ] || return 1

	# the device becomes zram0 in the tree
	sed -i "s|^/dev/$dev\([[:space:]]\)|/dev/zram0\1|" "$tree/proc/swaps"
	grep -v '^/dev/' "$tree/proc/swaps" >"$tree/proc/swaps.new"
	grep '^/dev/zram0[[:space:]]' "$tree/proc/swaps" >>"$tree/proc/swaps.new"
	mv "$tree/proc/swaps.new" "$tree/proc/swaps"
	sed -i "s/^\([0-9]*\):$id\$/\1:0/" "$tree/sys/block/zram0/dev"
	sed -i "s/^MINOR=$id\$/MINOR=0/; s/^DEVNAME=$dev\$/DEVNAME=zram0/" "$tree/sys/block/zram0/uevent"

	name=host-$(echo "$krel" | sed 's/^\([0-9]*\.[0-9]*\).*/\1/')
	cat >"$tree/SOURCE" <<-EOF
		Kernel: $krel ($(cat /proc/version))
		Captured: $(date -u +%Y-%m-%dT%H:%M:%SZ) by tests/vm/capture-fixtures.sh host
		How: on the development machine's own kernel (zram built in, no
		  CONFIG_ZRAM_WRITEBACK, no module): hot_add gave $dev; disksize=64M
		  with the kernel's default algorithm, mkswap + swapon; pushed 32 MiB of
		  mixed pages out with MADV_PAGEOUT (tests/vm/pageout.c) and read 8 MiB
		  back, pushed another 16 MiB out; dumped with tests/vm/dump-sysroot.sh
		  while both processes held their memory; then swapoff, reset,
		  hot_remove.
		Rewritten: the device was $dev; the tree calls it zram0:
		  sys/block/zram0/dev (minor $id -> 0), uevent (MINOR, DEVNAME) and
		  proc/swaps (/dev/$dev -> /dev/zram0, only that line kept).
		  proc/vmstat, proc/meminfo, proc/pressure/memory are the whole
		  machine's.
		Tree: sys/block/zram0 is a plain directory (in the kernel a symlink into
		  /sys/devices/virtual/block/); MANIFEST gives each file's sysfs mode and
		  marks the empty placeholders (write-only attributes, and
		  zram-control/hot_add, whose read would create a device).
	EOF
	install_tree "$tree" "$FIXTURES/$name" || return 1
	echo "capture-fixtures: wrote $FIXTURES/$name" >&2
}

status=0
for w in "${WHAT[@]}"; do
	case $w in
	host) capture_host || status=1 ;;
	*) capture_vm "$w" || status=1 ;;
	esac
done
exit $status
}
