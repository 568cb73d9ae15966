# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# dump_sysroot DEV OUT [AS]: copy what zswapctl reads about zram device DEV
# from the running kernel into the sysroot tree OUT, the device renamed AS
# (default DEV). POSIX sh: used in the test VM (busybox, as /zvm/dump-sysroot.sh)
# and on the host by tests/vm/capture-fixtures.sh.
#
# Copies every regular top-level file of /sys/block/DEV that can be read
# (sysfs mode has a read bit), /proc/version, /proc/swaps, /proc/vmstat, /proc/meminfo,
# /proc/pressure/memory, and /sys/module/zram/{initstate,refcnt,parameters/*}.
# Attributes that must not be read (reading hot_add creates a device) or
# cannot be read are created empty, so that the tree has the same names as
# the kernel's. OUT/MANIFEST lists every file with its sysfs mode, and marks
# the empty placeholders.

dump_sysroot() {
	_dev=$1 _out=$2 _as=${3:-$1}
	_src=/sys/block/$_dev
	[ -d "$_src" ] || { echo "dump_sysroot: no $_src" >&2; return 1; }
	mkdir -p "$_out/sys/block/$_as" "$_out/sys/class/zram-control" "$_out/proc" || return 1
	: >"$_out/MANIFEST"

	for _f in "$_src"/*; do
		[ -f "$_f" ] && [ ! -L "$_f" ] || continue
		_b=${_f##*/}
		_dump_file "$_f" "$_out/sys/block/$_as/$_b" "sys/block/$_as/$_b"
	done

	# reading hot_add allocates a device: never read it
	for _b in hot_add hot_remove; do
		if [ -e "/sys/class/zram-control/$_b" ]; then
			: >"$_out/sys/class/zram-control/$_b"
			echo "$(stat -c %a "/sys/class/zram-control/$_b") sys/class/zram-control/$_b placeholder" >>"$_out/MANIFEST"
		fi
	done

	if [ -d /sys/module/zram ]; then
		for _f in /sys/module/zram/initstate /sys/module/zram/refcnt /sys/module/zram/parameters/*; do
			[ -f "$_f" ] || continue
			mkdir -p "$_out/${_f%/*}"
			_dump_file "$_f" "$_out$_f" "${_f#/}"
		done
	fi

	for _f in /proc/version /proc/swaps /proc/vmstat /proc/meminfo /proc/pressure/memory; do
		[ -f "$_f" ] || continue
		mkdir -p "$_out/${_f%/*}"
		_dump_file "$_f" "$_out$_f" "${_f#/}"
	done
	return 0
}

# _dump_file SRC DST NAME
_dump_file() {
	_mode=$(stat -L -c %a "$1")
	case $1 in
	*/reset | */writeback | */compact | */idle | */recompress | */hot_add | */hot_remove)
		# actions: reading them is meaningless or has side effects
		: >"$2"
		echo "$_mode $3 placeholder" >>"$_out/MANIFEST"
		return 0
		;;
	esac
	case $_mode in
	*[4567]?? | *?[4567]? | *??[4567])
		if cat "$1" >"$2" 2>/dev/null; then
			echo "$_mode $3" >>"$_out/MANIFEST"
		else
			: >"$2"
			echo "$_mode $3 placeholder (read failed)" >>"$_out/MANIFEST"
		fi
		;;
	*)
		: >"$2"
		echo "$_mode $3 placeholder (write-only)" >>"$_out/MANIFEST"
		;;
	esac
}
